// Households' behavioural rules (MODEL.md §5): hazards and profiles as pure functions of
// a household's state and the city's conditions.
#pragma once

#include "sim/params.hpp"

namespace housim {

// Relative income by the head's age: rises to the mid-40s, flat to 60, pensions after.
double income_age_profile(int age);

// Annual probability that one member of a household with head aged `age` dies (Gompertz,
// about 1.7% at 70 and 4% at 80, in line with a life expectancy near 78).
double mortality_annual(int age, double scale);

// Floor area a household of `size` persons looks for, m2.
double desired_area_m2(int size);

// Multiplier of the buy hazard by the head's age: first purchases peak at 25-34.
double buy_age_factor(int age);

// Annual user cost of owning: mortgage rate on the borrowed share, forgone deposit interest
// on the rest, 1% depreciation and upkeep, minus expected price growth.
double user_cost_annual(double mortgage_rate, double deposit_rate, double loan_share,
                        double expected_growth);

// Monthly hazard that a non-owner starts searching (before affordability filters).
double buy_hazard_month(const BehaviourParams& b, int age, double user_cost);

// Monthly hazard that an owner living in `m2_per_person` starts an upgrade.
double upgrade_hazard_month(const BehaviourParams& b, int age, double m2_per_person,
                            double user_cost);

// Monthly hazard of an investment purchase given the expected excess return (annual).
double invest_hazard_month(const BehaviourParams& b, double excess_return_annual);

// Monthly hazard that an owner of several homes sells one.
double sell_extra_hazard_month(const BehaviourParams& b, double expected_growth);

}  // namespace housim
