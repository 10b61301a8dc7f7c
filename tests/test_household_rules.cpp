// The hazard bound the decisions rule checks first must bound the hazard for every
// household, or skipping the exact hazard would change outcomes.
#include <gtest/gtest.h>

#include <cmath>

#include "agents/household_rules.hpp"
#include "sim/scenario/params.hpp"

namespace housim {
namespace {

TEST(HouseholdRules, ExpUpperBoundIsWithinAFactorTwoAbove) {
    for (int i = -60000; i <= 60000; ++i) {
        const double y = i * 1e-3;
        const double e = std::exp(y);
        const double u = exp_upper_bound(y);
        ASSERT_GE(u, e) << "y = " << y;
        ASSERT_LE(u, 2.0 * e * (1 + 1e-6)) << "y = " << y;
    }
    // Exactly at powers of two, where the ceiling is tight.
    for (int k = -20; k <= 20; ++k) {
        const double y = k * std::log(2.0);
        EXPECT_GE(exp_upper_bound(y), std::exp(y)) << "k = " << k;
    }
    EXPECT_TRUE(std::isinf(exp_upper_bound(800.0)));
    EXPECT_GT(exp_upper_bound(-800.0), 0.0);
}

TEST(HouseholdRules, BuyHazardBoundHoldsForEveryAgeAndCost) {
    BehaviourParams b;
    for (const double weight : {0.0, 5.0, 20.0}) {
        b.user_cost_weight = weight;
        for (double uc = -0.2; uc <= 0.3; uc += 0.0125) {
            for (const double aff : {0.25, 1.0, 4.0}) {
                const double bound = buy_hazard_bound_month(b, uc, aff);
                for (int age = 16; age <= 100; ++age) {
                    ASSERT_LE(buy_hazard_month(b, age, uc, aff), bound)
                        << "age " << age << " uc " << uc << " aff " << aff;
                }
                // Not so loose that it would skip nothing: within 2x of the hazard at 25-34
                // (1 + 1e-9 aside).
                const double peak = buy_hazard_month(b, 30, uc, aff);
                if (peak < 1.0) {
                    EXPECT_LE(bound, 2.0 * peak * (1 + 1e-8));
                }
            }
        }
    }
}

}  // namespace
}  // namespace housim
