// Phase 9 of the month (MODEL.md §4): price indices from the month's trades, developers'
// repricing by sales pace, rents by vacancy, and households' adaptive expectations.
#pragma once

#include <cstdint>

#include "sim/world.hpp"

namespace housim {

// Completed homes and how many stand empty: all of them, and the rental stock (homes owned
// by households and not lived in by their owner).
struct VacancyCounts {
    int64_t rental_stock = 0;
    int64_t rental_vacant = 0;
    int64_t completed = 0;
    int64_t empty = 0;
    double rental_share() const {
        return rental_stock > 0
                   ? static_cast<double>(rental_vacant) / static_cast<double>(rental_stock)
                   : 0.0;
    }
    double share() const {
        return completed > 0 ? static_cast<double>(empty) / static_cast<double>(completed) : 0.0;
    }
};
VacancyCounts vacancy_counts(const World& w);

// Rental vacancy: empty share of completed homes owned by households and not lived in by
// their owner.
double rental_vacancy(const World& w);

// Quality-adjusted index from trailing 3-month sums of prices and hedonic reference values;
// `previous` when nothing traded.
double trailing_index(const std::vector<double>& price_sum, const std::vector<double>& ref_sum,
                      double previous);

// In [-1, 1]: the log of the target sell-off time over the city's published digestion
// cycle, bounded; positive when the city's unsold stock is thin.
double market_pressure(const World& w);
// The pressure a project in `zone` prices by: the city's, blended with its district's by
// behaviour.local_market_weight.
double market_pressure(const World& w, uint8_t zone);

// New list price per m2 after a month at `pace` (units/month) against the target pace, with
// the city's market_pressure.
double reprice(double list_price_per_m2, double pace, double target_pace, const BehaviourParams& b,
               const Sales& sales, double floor_per_m2, double market_pressure = 0.0);

// Markup of a new resale listing over its estimated value: the base markup and a term for
// expected growth (set each month with the expectations).
double resale_markup(const BehaviourParams& b, const MarketState& m);

void update_prices(World& w);

}  // namespace housim
