// Phase 7 (MODEL.md §5): households' decisions turned into orders. With a hazard of one the
// draw never stops a decision, and with a hazard of zero it always does, so the orders can
// be checked household by household.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "agents/household_rules.hpp"
#include "sim/month/decisions.hpp"
#include "sim/month/step.hpp"
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

void expect_same_orders(const Orders& a, const Orders& b, const std::string& where) {
    ASSERT_EQ(a.buyers.size(), b.buyers.size()) << where;
    for (size_t i = 0; i < a.buyers.size(); ++i) {
        const BuyerOrder& x = a.buyers[i];
        const BuyerOrder& y = b.buyers[i];
        EXPECT_TRUE(x.h == y.h && x.kind == y.kind && x.budget_yuan == y.budget_yuan &&
                    x.min_area_m2 == y.min_area_m2 && x.priority == y.priority &&
                    x.new_only == y.new_only && x.channel == y.channel && x.old_home == y.old_home)
            << where << ", buyer " << i;
    }
    EXPECT_EQ(a.new_listings, b.new_listings) << where;
    ASSERT_EQ(a.renters.size(), b.renters.size()) << where;
    for (size_t i = 0; i < a.renters.size(); ++i) {
        EXPECT_TRUE(a.renters[i].h == b.renters[i].h &&
                    a.renters[i].max_rent_yuan == b.renters[i].max_rent_yuan &&
                    a.renters[i].priority == b.renters[i].priority)
            << where << ", renter " << i;
    }
    EXPECT_EQ(a.tenancies_ending, b.tenancies_ending) << where;
}

// The screen (a table of hazard maxima by expectation, compared with the draw words) only
// skips households the full rules would give no order: the orders with and without it are
// the same, order by order, in worlds that exercise every rule the screen bounds (wide
// expectation dispersion, strong sentiment, investors and sellers of extra homes, the
// trade-in channels, vouchers, arrears) at several months.
TEST(Decisions, ScreenSkipsOnlyHouseholdsWithoutOrders) {
    const std::vector<std::vector<Override>> worlds = {
        {},
        {{"behaviour.expectation_dispersion", "0.15"},
         {"behaviour.invest_hazard_month", "0.05"},
         {"behaviour.sell_extra_hazard_month", "0.05"}},
        {{"behaviour.user_cost_weight", "40"},
         {"behaviour.affordability_elasticity", "5"},
         {"policy.sentiment.expos_per_year", "12"},
         {"policy.sentiment.expo_hazard_boost", "2"},
         {"policy.trade_in.reservation", "true"},
         {"policy.trade_in.developer_takes_old_home", "true"},
         {"policy.trade_in.soe_buys_old_home", "true"}},
        {{"behaviour.expectation_dispersion", "0"},
         {"behaviour.job_loss_month", "0.05"},
         {"exogenous.demolitions_per_year", "20000"},
         {"policy.renewal.voucher_share", "1"}},
    };
    int orders = 0;
    for (size_t k = 0; k < worlds.size(); ++k) {
        const Scenario s = test::small_city(worlds[k], 4000);
        World w(s, static_cast<uint32_t>(k));
        for (w.t = 0; w.t < 13; ++w.t) {
            if (w.t % 4 == 0) {
                const Orders full = household_decisions(w, Screening::off);
                const Orders screened = household_decisions(w, Screening::on);
                expect_same_orders(full, screened,
                                   "world " + std::to_string(k) + ", month " + std::to_string(w.t));
                orders += static_cast<int>(full.buyers.size() + full.new_listings.size() +
                                           full.renters.size() + full.tenancies_ending.size());
            }
            step_month(w, false);
        }
    }
    EXPECT_GT(orders, 1000);  // the comparison is not vacuous
}

}  // namespace
}  // namespace housim
