// The initial city matches its scenario: calibrated shares exactly where the construction
// makes them exact, and within a stated statistical tolerance where they are drawn.
#include <gtest/gtest.h>

#include <cmath>

#include "agents/household_rules.hpp"
#include "sim/accounting.hpp"
#include "sim/valuation.hpp"
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

TEST(InitialCity, MortalityAndAgeProfilesAreSensible) {
    EXPECT_NEAR(mortality_annual(70, 1.0), 0.0166, 0.003);
    EXPECT_NEAR(mortality_annual(80, 1.0), 0.04, 0.01);
    EXPECT_GT(income_age_profile(45), income_age_profile(25));
    EXPECT_LT(income_age_profile(65), income_age_profile(59));
}

}  // namespace
}  // namespace housim
