#include "agents/household_rules.hpp"

#include <algorithm>
#include <cmath>

namespace housim {

double income_age_profile(int age) {
    const double a = std::clamp(age, 20, 60) - 20;
    const double working = std::exp(0.04 * a - 0.0007 * a * a);  // peak near 48
    return age > 60 ? 0.65 * working : working;
}

double mortality_annual(int age, double scale) {
    return std::min(0.5, scale * std::exp(-10.4 + 0.088 * age));
}

double desired_area_m2(int size) {
    return std::clamp(30.0 + 25.0 * size, 55.0, 160.0);
}

double buy_age_factor(int age) {
    if (age < 25) return 0.6;
    if (age < 35) return 1.0;
    if (age < 45) return 0.7;
    if (age < 55) return 0.4;
    if (age < 65) return 0.2;
    return 0.05;
}

double user_cost_annual(double mortgage_rate, double deposit_rate, double loan_share,
                        double expected_growth) {
    return mortgage_rate * loan_share + deposit_rate * (1.0 - loan_share) + 0.01 - expected_growth;
}

double buy_hazard_month(const BehaviourParams& b, int age, double user_cost) {
    const double x = -b.user_cost_weight * (user_cost - b.user_cost_reference_annual);
    return std::min(1.0, b.buy_hazard_month * buy_age_factor(age) * std::exp(x));
}

double upgrade_hazard_month(const BehaviourParams& b, int age, double m2_per_person,
                            double user_cost) {
    if (age >= 65) return 0;
    // Crowding drives most upgrades; a quarter of the base rate is for location, quality
    // and life-stage moves of households that are not crowded.
    const double crowding = std::clamp(
        (b.upgrade_target_m2_per_person - m2_per_person) / b.upgrade_target_m2_per_person, 0.0,
        1.0);
    const double x = -b.user_cost_weight * (user_cost - b.user_cost_reference_annual);
    return std::min(1.0, b.upgrade_hazard_month * (0.25 + 3.0 * crowding) * std::exp(x));
}

double invest_hazard_month(const BehaviourParams& b, double excess_return_annual) {
    if (excess_return_annual <= 0) return 0;
    return std::min(1.0, b.invest_hazard_month * excess_return_annual * 100.0);
}

double sell_extra_hazard_month(const BehaviourParams& b, double expected_growth) {
    // A base rate for life-cycle reasons plus a response to expected falls.
    const double fall = std::max(0.0, -expected_growth) * 100.0;
    return std::min(1.0, b.sell_extra_hazard_month * (0.3 + fall));
}

}  // namespace housim
