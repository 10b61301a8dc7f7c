// Phase 7 (MODEL.md §5): households' decisions turned into orders. With a hazard of one the
// draw never stops a decision, and with a hazard of zero it always does, so the orders can
// be checked household by household.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "agents/household_rules.hpp"
#include "sim/decisions.hpp"
#include "tests/lever_fixture.hpp"

namespace housim {
namespace {

TEST(Decisions, CertainHazardsGiveEveryEligibleHouseholdItsOrder) {
    // Hazard one for first purchases at 25-34 (age factor 1; no user-cost or affordability
    // terms), for rental search and for tenancy ends.
    const Scenario s = test::small_city({{"behaviour.buy_hazard_month", "1"},
                                         {"behaviour.user_cost_weight", "0"},
                                         {"behaviour.affordability_elasticity", "0"},
                                         {"behaviour.rental_search_month", "1"},
                                         {"behaviour.tenancy_end_month", "1"}});
    World w(s, 0);
    w.t = 2;
    const Orders o = household_decisions(w);
    std::set<int32_t> first_time, renters(o.tenancies_ending.begin(), o.tenancies_ending.end());
    for (const BuyerOrder& b : o.buyers) {
        if (b.kind == BuyerKind::first_time) first_time.insert(b.h);
        EXPECT_GT(b.budget_yuan, 0.0f);
    }
    std::set<int32_t> seekers;
    for (const RentalOrder& r : o.renters) {
        seekers.insert(r.h);
        EXPECT_FLOAT_EQ(r.max_rent_yuan, static_cast<float>(s.behaviour.rent_to_income_max *
                                                            w.hh.income_month[r.h]));
    }
    int checked = 0;
    for (int32_t h = 0; h < w.hh.capacity(); ++h) {
        if (!w.hh.active[h]) continue;
        const auto tenure = static_cast<Tenure>(w.hh.tenure[h]);
        EXPECT_EQ(renters.count(h) == 1, tenure == Tenure::renter) << h;
        EXPECT_EQ(seekers.count(h) == 1, tenure == Tenure::other) << h;
        if (w.hh.homes_owned[h] > 0) {
            EXPECT_EQ(first_time.count(h), 0u) << "owner " << h << " bought as a first-timer";
            continue;
        }
        const bool mover =
            w.hh.has(h, hh_flag::wants_to_buy) && w.t - w.hh.last_sale_month[h] <= 12;
        if (w.hh.age[h] < 25 || w.hh.age[h] >= 35 || mover || w.hp.holds_voucher(h)) continue;
        const double expected = w.market.expected_growth_annual + w.hh.expectation_bias[h];
        const double budget =
            buyer_budget(w, h, BuyerKind::first_time, desired_area_m2(w.hh.size[h]), expected);
        EXPECT_EQ(first_time.count(h) == 1, budget > 0) << "renter " << h;
        checked += 1;
    }
    EXPECT_GT(checked, 100);
}

TEST(Decisions, ZeroHazardsLeaveOnlyForcedSales) {
    const Scenario s = test::small_city({{"behaviour.buy_hazard_month", "0"},
                                         {"behaviour.upgrade_hazard_month", "0"},
                                         {"behaviour.invest_hazard_month", "0"},
                                         {"behaviour.sell_extra_hazard_month", "0"},
                                         {"behaviour.rental_search_month", "0"},
                                         {"behaviour.tenancy_end_month", "0"}});
    World w(s, 0);
    w.t = 2;
    const Orders o = household_decisions(w);
    for (const BuyerOrder& b : o.buyers) {
        // Only households that sold to move (or hold a voucher) still search.
        const bool mover =
            w.hh.has(b.h, hh_flag::wants_to_buy) && w.t - w.hh.last_sale_month[b.h] <= 12;
        EXPECT_TRUE(mover || w.hp.holds_voucher(b.h)) << b.h;
        EXPECT_EQ(b.kind, BuyerKind::mover);
    }
    for (int32_t d : o.new_listings) {
        // Only owners deep in arrears sell their home.
        const int32_t owner = w.dw.owner[d];
        EXPECT_TRUE(w.hh.has(owner, hh_flag::in_arrears)) << "dwelling " << d;
        EXPECT_EQ(w.hh.home[owner], d);
    }
    EXPECT_TRUE(o.renters.empty());
    EXPECT_TRUE(o.tenancies_ending.empty());
}

}  // namespace
}  // namespace housim
