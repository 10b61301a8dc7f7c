// Phase 9 of the month (MODEL.md §4): price indices from the month's trades, developers'
// repricing by sales pace, rents by vacancy, and households' adaptive expectations.
#pragma once

#include "sim/world.hpp"

namespace housim {

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

// New list price per m2 after a month at `pace` (units/month) against the target pace, with
// the city's market_pressure.
double reprice(double list_price_per_m2, double pace, double target_pace, const BehaviourParams& b,
               const Sales& sales, double floor_per_m2, double market_pressure = 0.0);

// Markup of a new resale listing over its estimated value: the base markup and a term for
// expected growth (set each month with the expectations).
double resale_markup(const BehaviourParams& b, const MarketState& m);

void update_prices(World& w);

}  // namespace housim
