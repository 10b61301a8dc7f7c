// The digestion-cycle land rule (seed 003 §1(1); FACTS §1) and the land market around it.
#include <gtest/gtest.h>

#include "sim/month/land_market.hpp"
#include "sim/month/policy_engine.hpp"
#include "sim/month/step.hpp"
#include "sim/world.hpp"
#include "tests/small_world.hpp"

namespace housim {
namespace {

LandRuleInput input(double cycle) {
    LandRuleInput in;
    in.plan_to_date_m2 = 600;  // half a year of a 1200 m2 plan
    in.offered_ytd_m2 = 200;
    in.revitalised_ytd_m2 = 300;
    in.published_cycle_months = cycle;
    return in;
}

TEST(LandRule, HaltsAboveTheHaltThreshold) {
    const DestockRule r;
    const LandRuleOutput out = land_rule(input(36.5), r);
    EXPECT_EQ(out.state, LandRuleState::halted);
    EXPECT_EQ(out.allowance_m2, 0);
}

TEST(LandRule, BetweenThresholdsCapsAtRevitalisedArea) {
    const DestockRule r;
    // 18 (exclusive) to 36: offers this year may not exceed what was revitalised.
    for (double cycle : {18.01, 25.0, 36.0}) {
        const LandRuleOutput out = land_rule(input(cycle), r);
        EXPECT_EQ(out.state, LandRuleState::capped) << cycle;
        EXPECT_DOUBLE_EQ(out.allowance_m2, 100) << cycle;  // 300 revitalised - 200 offered
    }
    LandRuleInput in = input(25);
    in.revitalised_ytd_m2 = 150;  // already offered more than revitalised
    EXPECT_EQ(land_rule(in, r).allowance_m2, 0);
}

TEST(LandRule, PlanAppliesAtOrBelowTheLowerThreshold) {
    const DestockRule r;
    const LandRuleOutput out = land_rule(input(18.0), r);
    EXPECT_EQ(out.state, LandRuleState::plan);
    EXPECT_DOUBLE_EQ(out.allowance_m2, 400);  // plan to date - offered
}

TEST(LandRule, ShortStockRaisesThePlan) {
    const DestockRule r;
    EXPECT_EQ(land_rule(input(10), r).state, LandRuleState::expanded);
    EXPECT_DOUBLE_EQ(land_rule(input(10), r).allowance_m2, 1.5 * 600 - 200);
    EXPECT_DOUBLE_EQ(land_rule(input(5), r).allowance_m2, 2.0 * 600 - 200);
}

TEST(LandRule, DisabledOrUnpublishedFollowsThePlan) {
    DestockRule r;
    r.enabled = false;
    EXPECT_EQ(land_rule(input(100), r).state, LandRuleState::plan);
    EXPECT_EQ(land_rule(input(-1), DestockRule{}).state, LandRuleState::plan);
}

// In a running city, land is never offered in a month whose published cycle is above the
// halt threshold, and no month offers more than the rule allowed.
TEST(LandRule, CityNeverOffersLandWhileHalted) {
    const Scenario s =
        test::small_city({{"policy.land.destock_rule.halt_above_months", "20"},
                          {"policy.land.destock_rule.cap_above_months", "14"},
                          {"policy.land.destock_rule.expand_below_months", "10"},
                          {"policy.land.destock_rule.expand_strongly_below_months", "5"}});
    World w(s, 0);
    int halted = 0;
    for (w.t = 0; w.t < s.run.burn_in_months + s.run.months; ++w.t) {
        step_month(w, true);
        const double published = published_cycle(w);
        if (published > 20) {
            ++halted;
            EXPECT_EQ(w.month.land_offered_m2, 0) << "month " << w.t;
        }
        // Whatever the state, the month's offers stay within what the rule allowed.
        EXPECT_LE(w.month.land_offered_m2, w.gov.offer_allowance_m2 + 1e-6) << "month " << w.t;
    }
    EXPECT_GT(halted, 0) << "the scenario should exercise the halt";
}

TEST(LandRule, PublishedCycleLagsByTheScenarioLag) {
    const Scenario s = test::small_city({{"policy.publish_lag_months", "2"}});
    World w(s, 0);
    for (w.t = 0; w.t < 5; ++w.t)
        step_month(w, false);
    w.t = 5;
    EXPECT_DOUBLE_EQ(published_cycle(w), w.history.cycle_narrow[3]);
    w.t = 1;
    EXPECT_LT(published_cycle(w), 0);  // nothing published yet
}

}  // namespace
}  // namespace housim
