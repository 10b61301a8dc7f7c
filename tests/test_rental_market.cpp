// Phase 8, rental part (MODEL.md §4): seekers in priority order rent the best empty home
// they sample within their rent limit; a home gets one tenant; tenancies end on request.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <vector>

#include "sim/markets/rental_market.hpp"
#include "sim/markets/valuation.hpp"
#include "sim/month/prices.hpp"
#include "tests/lever_fixture.hpp"

namespace housim {
namespace {

TEST(RentalMarket, SeekersRentWithinTheirLimitAndEachHomeOnce) {
    const Scenario s = test::small_city();  // World keeps a reference to it
    World w(s, 0);
    test::run_months(w, 0, 2);
    w.t = 2;
    std::vector<RentalOrder> orders;
    std::vector<int32_t> poor;
    for (int32_t h = 0; h < w.hh.capacity() && orders.size() < 200; ++h) {
        if (!w.hh.active[h] || w.hh.home[h] >= 0) continue;
        const auto k = static_cast<uint32_t>(orders.size());
        // Every tenth seeker can pay nothing: it must stay without a home.
        const float limit = k % 10 == 0 ? 1.0f : 5000.0f;
        orders.push_back(RentalOrder{h, limit, 1000 + k});
        if (k % 10 == 0) poor.push_back(h);
    }
    ASSERT_GE(orders.size(), 50u);
    const std::vector<RentalOrder> asked = orders;
    // The asking rents before the letting (a long-empty home asks less than market rent;
    // the discount ends once it is let).
    std::map<int32_t, double> ask;
    for (int32_t d = 0; d < w.dw.count(); ++d)
        ask[d] = asking_rent(w, d);
    const int matched = clear_rental_market(w, orders);
    EXPECT_GT(matched, 0);
    std::set<int32_t> homes;
    int housed = 0;
    for (const RentalOrder& o : asked) {
        const int32_t d = w.hh.home[o.h];
        if (d < 0) continue;
        housed += 1;
        EXPECT_EQ(w.hh.tenure[o.h], static_cast<uint8_t>(Tenure::renter));
        EXPECT_EQ(w.dw.occupant[d], o.h);
        EXPECT_LE(ask[d], o.max_rent_yuan * (1 + 1e-6));
        EXPECT_TRUE(homes.insert(d).second) << "dwelling " << d << " let twice";
    }
    EXPECT_EQ(housed, matched);
    for (int32_t h : poor)
        EXPECT_LT(w.hh.home[h], 0) << "household " << h;

    // A tenancy that ends leaves the home empty and the household without one.
    const int32_t tenant = asked[1].h;
    const int32_t home = w.hh.home[tenant];
    ASSERT_GE(home, 0);
    end_tenancies(w, {tenant});
    EXPECT_LT(w.hh.home[tenant], 0);
    EXPECT_EQ(w.dw.occupant[home], -1);
}

// A completed, empty, household-owned home not listed for sale, not d0; -1 if none.
int32_t lettable_home(const World& w, int32_t not_this = -1) {
    for (int32_t d = 0; d < w.dw.count(); ++d) {
        if (d != not_this && w.dw.use[d] == static_cast<uint8_t>(DwellingUse::vacant) &&
            w.dw.completed(d) && w.dw.occupant[d] == -1 && w.dw.ask_yuan[d] <= 0 &&
            w.dw.owner_kind[d] == static_cast<uint8_t>(OwnerKind::household)) {
            return d;
        }
    }
    return -1;
}

// The update rule: real rents rise below the natural vacancy rate and fall above it, by
// at most the bound a month, and follow incomes on top.
TEST(RentalMarket, RentsRiseBelowAndFallAboveTheNaturalVacancy) {
    BehaviourParams b;
    b.natural_rental_vacancy_share = 0.3;
    b.rent_adjust_speed = 0.05;
    b.rent_max_change_month = 0.005;
    b.rent_income_passthrough_share = 1.0;
    EXPECT_GT(rent_index_change(b, 0.25, 0.0), 1.0);
    EXPECT_LT(rent_index_change(b, 0.35, 0.0), 1.0);
    EXPECT_DOUBLE_EQ(rent_index_change(b, 0.3, 0.0), 1.0);
    // 0.05 x 0.04 = 0.2% a month, inside the bound; far gaps stop at the bound.
    EXPECT_NEAR(rent_index_change(b, 0.26, 0.0), 1.002, 1e-12);
    EXPECT_NEAR(rent_index_change(b, 0.0, 0.0), 1.005, 1e-12);
    EXPECT_NEAR(rent_index_change(b, 1.0, 0.0), 0.995, 1e-12);
    // At the natural rate rents grow with incomes (1% this month), half of it at half pass-through.
    EXPECT_NEAR(rent_index_change(b, 0.3, 0.01), 1.01, 1e-12);
    b.rent_income_passthrough_share = 0.5;
    EXPECT_NEAR(rent_index_change(b, 0.3, 0.01), 1.005, 1e-12);

    // The same in a world: a natural rate of 0 puts any vacancy above it, of 1 below it.
    for (const auto& [natural, rises] : {std::pair{"0", false}, std::pair{"1", true}}) {
        const Scenario s = test::small_city({{"behaviour.natural_rental_vacancy_share", natural}});
        World w(s, 0);
        ASSERT_GT(rental_vacancy(w), 0.0);
        ASSERT_LT(rental_vacancy(w), 1.0);
        const double start = w.market.rent_index;
        update_rents(w);  // incomes unchanged since the start
        EXPECT_EQ(w.market.rent_index > start, rises) << natural;
        EXPECT_NE(w.market.rent_index, start);
        EXPECT_NEAR(w.market.rent_index / start, 1.0, 0.005 + 1e-12);
        EXPECT_DOUBLE_EQ(w.market.rental_vacancy, rental_vacancy(w));
    }
}

// A home offered for rent without a tenant asks less each month, down to the floor, and
// asks market rent again once someone has lived there.
TEST(RentalMarket, VacancyDiscountGrowsAndResetsWhenLet) {
    const Scenario s = test::small_city({{"behaviour.vacant_rent_discount_month", "0.02"},
                                         {"behaviour.vacant_rent_discount_max_share", "0.1"},
                                         {"behaviour.vacant_sale_hazard_month", "0"}});
    World w(s, 0);
    test::run_months(w, 0, 2);
    const int32_t d = lettable_home(w);
    ASSERT_GE(d, 0);
    w.dw.months_vacant[d] = 0;
    EXPECT_DOUBLE_EQ(asking_rent(w, d), market_rent(w, d));
    std::vector<RentalOrder> none;
    for (int k = 1; k <= 7; ++k) {
        w.t += 1;
        clear_rental_market(w, none);
        EXPECT_EQ(w.dw.months_vacant[d], k);
        // 2% a month, at most 10%.
        EXPECT_NEAR(asking_rent(w, d) / market_rent(w, d), 1.0 - std::min(0.1, 0.02 * k), 1e-12);
    }
    const int32_t h = test::find_household(w, [&](int32_t x) { return w.hh.home[x] < 0; });
    ASSERT_GE(h, 0);
    move_in(w, h, d);
    EXPECT_EQ(w.dw.months_vacant[d], 0);
    move_out(w, h);
    EXPECT_DOUBLE_EQ(asking_rent(w, d), market_rent(w, d));
}

// A landlord whose home has stood empty for vacant_sale_months lists it for resale (at a
// hazard of 1 here); a home empty for less is not listed.
TEST(RentalMarket, LongVacantHomeIsListedForSale) {
    const Scenario s = test::small_city(
        {{"behaviour.vacant_sale_months", "6"}, {"behaviour.vacant_sale_hazard_month", "1"}});
    World w(s, 0);
    test::run_months(w, 0, 2);
    const int32_t old_home = lettable_home(w);
    const int32_t new_home = lettable_home(w, old_home);
    ASSERT_GE(new_home, 0);
    w.dw.months_vacant[old_home] = 5;  // its sixth month empty now
    w.dw.months_vacant[new_home] = 4;
    w.t += 1;
    w.month = MonthMetrics{};
    std::vector<RentalOrder> none;
    clear_rental_market(w, none);
    EXPECT_GT(w.dw.ask_yuan[old_home], 0.0f);
    EXPECT_EQ(w.dw.listed_month[old_home], w.t);
    EXPECT_EQ(w.dw.months_vacant[old_home], 0);
    EXPECT_EQ(w.dw.ask_yuan[new_home], 0.0f);
    EXPECT_EQ(w.dw.months_vacant[new_home], 5);
    EXPECT_GE(w.month.vacant_homes_listed, 1.0);
}

// Paired: the same world and draws with the rental vacancy investors expect at 10% and at
// 60%. The net rent yield, and so every household's invest hazard, is lower at 60%, and the
// draws are the same, so each investor order at 60% is also placed at 10%, and fewer are
// placed: with ~100 orders expected at 10% and a hazard ~20% lower at 60% a tie would need
// every marginal draw to miss, a chance far below 1e-6.
TEST(RentalMarket, HigherVacancyLowersInvestorDemand) {
    const Scenario s = test::small_city({{"behaviour.invest_hazard_month", "0.1"}});
    World w(s, 0);
    test::run_months(w, 0, 2);
    w.t = 2;
    w.market.expected_growth_annual = 0.08;  // investors need a positive expected excess
    std::set<int32_t> at[2];
    for (int k = 0; k < 2; ++k) {
        w.market.rental_vacancy = k == 0 ? 0.1 : 0.6;
        const Orders o = household_decisions(w);
        for (const BuyerOrder& b : o.buyers) {
            if (b.kind == BuyerKind::investor) at[k].insert(b.h);
        }
    }
    EXPECT_GE(at[0].size(), 20u);
    EXPECT_LT(at[1].size(), at[0].size());
    for (int32_t h : at[1])
        EXPECT_EQ(at[0].count(h), 1u) << h;
}

}  // namespace
}  // namespace housim
