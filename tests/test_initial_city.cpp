// The initial city matches its scenario: calibrated shares exactly where the construction
// makes them exact, and within a stated statistical tolerance where they are drawn.
#include <gtest/gtest.h>

#include <tbb/task_arena.h>

#include <cmath>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "agents/household_rules.hpp"
#include "sim/markets/valuation.hpp"
#include "sim/month/accounting.hpp"
#include "sim/world.hpp"
#include "tests/small_world.hpp"
#include "tests/stat_helpers.hpp"

namespace housim {
namespace {

TEST(InitialCity, OwnershipAndIncomeMatchTheScenario) {
    const Scenario s = test::small_city({}, 20000);
    const World w(s, 0);
    const Households& hh = w.hh;
    int n = 0, owners = 0, multi = 0;
    double income = 0;
    std::vector<double> sizes;
    for (int32_t h = 0; h < hh.capacity(); ++h) {
        if (!hh.active[h]) continue;
        ++n;
        owners += hh.homes_owned[h] >= 1;
        multi += hh.homes_owned[h] >= 2;
        income += hh.income_month[h];
        sizes.push_back(hh.size[h]);
    }
    ASSERT_EQ(n, 20000);
    // Owners and multi-home owners are chosen by rank: exact up to one household.
    EXPECT_NEAR(static_cast<double>(owners) / n, s.city.ownership_rate, 1.0 / n);
    EXPECT_NEAR(static_cast<double>(multi) / n, s.city.multi_home_share, 1.0 / n);
    // Income is normalised to the scenario's mean.
    EXPECT_NEAR(income / n, s.city.income_mean_month_yuan, 1e-6 * s.city.income_mean_month_yuan);
    // Household size is drawn: within 5 standard errors of the target mean.
    test::expect_mean_within(sizes, s.city.household_size_mean, 5.0, 1000);
}

TEST(InitialCity, StockValueMatchesTheResalePrice) {
    const Scenario s = test::small_city({}, 20000);
    const World w(s, 0);
    double value = 0, area = 0;
    for (int32_t d = 0; d < w.dw.count(); ++d) {
        if (!w.dw.completed(d) || w.dw.owner_kind[d] != static_cast<uint8_t>(OwnerKind::household))
            continue;
        value += market_value(w, d);
        area += w.dw.area_m2[d];
    }
    EXPECT_NEAR(value / area, s.city.resale_price_per_m2_yuan,
                1e-6 * s.city.resale_price_per_m2_yuan);
}

TEST(InitialCity, InventoryMatchesTheScenarioWithinOneProject) {
    const Scenario s = test::small_city({}, 20000);
    const World w(s, 0);
    double permitted = 0;
    for (const Project& p : w.projects) {
        if (p.permitted()) permitted += p.unsold() * static_cast<double>(p.unit_area_m2);
    }
    // Projects are whole units of about one parcel: the error is below one parcel per stage.
    const double parcel = s.city.parcel_floor_area_m2 / w.scale;
    EXPECT_NEAR(permitted, s.city.unsold_permitted_m2 / w.scale, 2 * parcel);
}

// The initial city's households are drawn in parallel and its sums taken in household
// order: the city is the same bit for bit at one and at two threads.
TEST(InitialCity, SameCityAtOneAndTwoThreads) {
    const Scenario s = test::small_city({}, 20000);
    const auto build = [&](int threads) {
        std::unique_ptr<World> w;
        tbb::task_arena arena(threads);
        arena.execute([&] { w = std::make_unique<World>(s, 3); });
        return w;
    };
    const std::unique_ptr<World> one = build(1);
    const std::unique_ptr<World> two = build(2);
    const auto same = [](const auto& a, const auto& b, const std::string& name) {
        ASSERT_EQ(a.size(), b.size()) << name;
        EXPECT_EQ(std::memcmp(a.data(), b.data(), a.size() * sizeof(a[0])), 0) << name;
    };
    const Households& a = one->hh;
    const Households& b = two->hh;
    same(a.active, b.active, "active");
    same(a.age, b.age, "age");
    same(a.size, b.size, "size");
    same(a.children, b.children, "children");
    same(a.flags, b.flags, "flags");
    same(a.tenure, b.tenure, "tenure");
    same(a.homes_owned, b.homes_owned, "homes_owned");
    same(a.income_z, b.income_z, "income_z");
    same(a.income_month, b.income_month, "income_month");
    same(a.savings, b.savings, "savings");
    same(a.pf_balance, b.pf_balance, "pf_balance");
    same(a.pf_months, b.pf_months, "pf_months");
    same(a.debt_payment_month, b.debt_payment_month, "debt_payment_month");
    same(a.home, b.home, "home");
    same(a.parent, b.parent, "parent");
    same(a.formed_month, b.formed_month, "formed_month");
    same(a.expectation_bias, b.expectation_bias, "expectation_bias");
    same(one->hp.eligibility, two->hp.eligibility, "eligibility");
    same(one->hp.arrival_month, two->hp.arrival_month, "arrival_month");
    same(one->dw.area_m2, two->dw.area_m2, "dwelling area");
    same(one->dw.owner, two->dw.owner, "dwelling owner");
    same(one->mg.balance_yuan, two->mg.balance_yuan, "loan balances");
    EXPECT_EQ(one->hh.extent(), two->hh.extent());
    EXPECT_EQ(one->market.income_base_month, two->market.income_base_month);
    EXPECT_EQ(one->market.reference_price_per_m2, two->market.reference_price_per_m2);
}

TEST(InitialCity, MortalityAndAgeProfilesAreSensible) {
    EXPECT_NEAR(mortality_annual(70, 1.0), 0.0166, 0.003);
    EXPECT_NEAR(mortality_annual(80, 1.0), 0.04, 0.01);
    EXPECT_GT(income_age_profile(45), income_age_profile(25));
    EXPECT_LT(income_age_profile(65), income_age_profile(59));
}

}  // namespace
}  // namespace housim
