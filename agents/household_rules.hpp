// Households' behavioural rules (MODEL.md §5): hazards and profiles as pure functions of
// a household's state and the city's conditions. Defined here (inline) because the
// household loops call them for every household every month.
#pragma once

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>

#include "sim/scenario/params.hpp"

namespace housim {

// Relative income by the head's age: rises to the mid-40s, flat to 60, pensions after.
double income_age_profile(int age);

// Annual probability that one member of a household with head aged `age` dies (Gompertz,
// about 1.7% at 70 and 4% at 80, in line with a life expectancy near 78).
double mortality_annual(int age, double scale);

// Floor area a household of `size` persons looks for, m2.
inline double desired_area_m2(int size) {
    return std::clamp(30.0 + 25.0 * size, 55.0, 160.0);
}

// Multiplier of the buy hazard by the head's age: first purchases peak at 25-34.
inline double buy_age_factor(int age) {
    if (age < 25) return 0.6;
    if (age < 35) return 1.0;
    if (age < 45) return 0.7;
    if (age < 55) return 0.4;
    if (age < 65) return 0.2;
    return 0.05;
}

// Annual user cost of owning: mortgage rate on the borrowed share, forgone deposit interest
// on the rest, 1% depreciation and upkeep, minus expected price growth.
inline double user_cost_annual(double mortgage_rate, double deposit_rate, double loan_share,
                               double expected_growth) {
    return mortgage_rate * loan_share + deposit_rate * (1.0 - loan_share) + 0.01 - expected_growth;
}

// Factor on the buy and upgrade hazards for the city's price-to-income ratio relative to
// its start: homes that cost fewer years of income bring more buyers into the market
// (MODEL.md §5). Bounded by behaviour.affordability_factor_max either way.
inline double affordability_factor(const BehaviourParams& b, double price_income_relative) {
    if (price_income_relative <= 0) return 1.0;
    return std::clamp(std::pow(price_income_relative, -b.affordability_elasticity),
                      1.0 / b.affordability_factor_max, b.affordability_factor_max);
}

// Factor on renters' first-purchase hazard for the rent-to-price ratio relative to its
// start (the tenure choice: rents low against prices make renting the cheaper choice).
// Bounded by behaviour.affordability_factor_max either way.
inline double tenure_factor(const BehaviourParams& b, double rent_price_relative) {
    if (rent_price_relative <= 0) return 1.0;
    return std::clamp(std::pow(rent_price_relative, b.rent_price_elasticity),
                      1.0 / b.affordability_factor_max, b.affordability_factor_max);
}

// Multiplier of the household formation rate for real rents (rent index over the income
// base) relative to the start: cheaper rents, more young adults leave the parental home.
inline double formation_rent_factor(const BehaviourParams& b, double real_rent_relative) {
    if (real_rent_relative <= 0 || b.formation_rent_elasticity == 0) return 1.0;
    return std::clamp(std::pow(real_rent_relative, -b.formation_rent_elasticity), 0.5, 2.0);
}

// Monthly hazard that a non-owner starts searching (before affordability filters), given
// the user cost and the affordability factor.
inline double buy_hazard_month(const BehaviourParams& b, int age, double user_cost,
                               double affordability = 1.0) {
    const double x = -b.user_cost_weight * (user_cost - b.user_cost_reference_annual);
    return std::min(1.0, b.buy_hazard_month * buy_age_factor(age) * std::exp(x) * affordability);
}

// Monthly hazard that an owner living in `m2_per_person` starts an upgrade.
inline double upgrade_hazard_month(const BehaviourParams& b, int age, double m2_per_person,
                                   double user_cost, double affordability = 1.0) {
    if (age >= 65) return 0;
    // Crowding drives most upgrades; a quarter of the base rate is for location, quality
    // and life-stage moves of households that are not crowded.
    const double crowding = std::clamp(
        (b.upgrade_target_m2_per_person - m2_per_person) / b.upgrade_target_m2_per_person, 0.0,
        1.0);
    const double x = -b.user_cost_weight * (user_cost - b.user_cost_reference_annual);
    return std::min(1.0,
                    b.upgrade_hazard_month * (0.25 + 3.0 * crowding) * std::exp(x) * affordability);
}

// An upper bound of the buy hazard over every age, for a household's user cost: the
// decisions rule compares its draw with the bound first and evaluates the hazard (an exp)
// only when the draw is below it, which leaves every outcome as it was. exp is bounded by the next
// power of two; the factor 1 + 1e-9 covers the rounding of both products (a few ulps).
inline double exp_upper_bound(double y) {
    // k = ceil(v), by truncation and a step up (std::ceil is a library call on baseline
    // x86-64, which has no rounding instruction); v is clamped first so the cast is defined.
    const double v = std::clamp(y * 1.4426950408889634 + 1e-9, -2048.0, 2048.0);
    const auto t = static_cast<int64_t>(v);
    const int64_t k = t + (static_cast<double>(t) < v ? 1 : 0);
    if (k > 1023) return std::numeric_limits<double>::infinity();
    if (k < -1022) return std::numeric_limits<double>::min();
    return std::bit_cast<double>(static_cast<uint64_t>(k + 1023) << 52);
}

inline double buy_hazard_bound_month(const BehaviourParams& b, double user_cost,
                                     double affordability) {
    const double x = -b.user_cost_weight * (user_cost - b.user_cost_reference_annual);
    // buy_age_factor is at most 1.
    return (1.0 + 1e-9) * b.buy_hazard_month * exp_upper_bound(x) * affordability;
}

// Monthly hazard of an investment purchase given the expected excess return (annual).
inline double invest_hazard_month(const BehaviourParams& b, double excess_return_annual) {
    if (excess_return_annual <= 0) return 0;
    return std::min(1.0, b.invest_hazard_month * excess_return_annual * 100.0);
}

// Monthly hazard that an owner of several homes sells one, given expected growth and the
// expected excess return of holding it (net rent yield + expected growth - mortgage rate -
// hurdle, annual).
inline double sell_extra_hazard_month(const BehaviourParams& b, double expected_growth,
                                      double excess_return_annual) {
    // A base rate for life-cycle reasons plus a response to expected falls or, when larger,
    // to a poor return on holding (a low net rent yield): the larger of the two reasons.
    const double fall = std::max(0.0, -expected_growth) * 100.0;
    const double shortfall =
        b.sell_extra_return_weight * std::max(0.0, -excess_return_annual) * 100.0;
    return std::min(1.0, b.sell_extra_hazard_month * (0.3 + std::max(fall, shortfall)));
}

}  // namespace housim
