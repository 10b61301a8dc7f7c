// Phase 2 of the month (MODEL.md §4): the timeline's lever values are already resolved
// per month (Scenario::lever_path); here the rules read the published indicators. The land
// rule of seed 003 §1(1) (the MNR 2024 notice, FACTS §1) sets what the land market may
// offer this month.
#pragma once

#include "sim/world.hpp"

namespace housim {

// The digestion cycle the rule reads, as published `lag` months ago; a negative value
// when nothing has been published yet.
double published_cycle(const World& w);
// The same for one zone's cycle (policy.land.destock_rule.scope = "zone").
double published_zone_cycle(const World& w, size_t zone);

// Land the rule lets the government offer this month (simulated m2), given the year's plan
// to date, what was offered and revitalised this year, and the published cycle.
struct LandRuleInput {
    double plan_to_date_m2 = 0;  // annual plan x months elapsed this year / 12
    double offered_ytd_m2 = 0;
    double revitalised_ytd_m2 = 0;
    double published_cycle_months = -1;  // < 0: not yet published
};
struct LandRuleOutput {
    double allowance_m2 = 0;
    LandRuleState state = LandRuleState::plan;
};
LandRuleOutput land_rule(const LandRuleInput& in, const DestockRule& rule);

void apply_policy(World& w);

}  // namespace housim
