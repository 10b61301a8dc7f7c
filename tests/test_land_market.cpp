// Phase 5 (MODEL.md §4): parcels go to the highest bid above the start price, and the
// winner pays the first installment; land nobody wants is offered again at start prices cut
// by 10% each time, and after each failure at the lowest (about half) it rests a year.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "sim/month/construction.hpp"
#include "sim/month/land_market.hpp"
#include "tests/lever_fixture.hpp"

namespace housim {
namespace {

// Only the parcels a test offers: the government's unsold parcels are set aside.
void clear_government_land(World& w) {
    for (Parcel& pa : w.parcels) {
        if (pa.holder < 0) pa.retired = true;
    }
}

// Month 3 of a city whose developers have ample cash, with `parcels` new parcels to offer
// and none of the government's own; returns the parcel count before the auction.
size_t offer_new_parcels(World& w, int parcels) {
    w.t = 3;
    clear_government_land(w);
    for (Developer& d : w.developers)
        d.cash_yuan = 1e13;
    w.gov.offer_allowance_m2 = parcels * w.scenario.city.parcel_floor_area_m2 / w.scale;
    w.month = MonthMetrics{};
    return w.parcels.size();
}

TEST(LandMarket, HighestBidAboveTheStartPriceWinsAndPaysTheFirstInstallment) {
    const Scenario s = test::small_city();
    World w(s, 0);
    const size_t before = offer_new_parcels(w, 1);
    const double parcel = s.city.parcel_floor_area_m2 / w.scale;
    run_land_market(w);
    ASSERT_EQ(w.parcels.size(), before + 1);
    const Parcel& pa = w.parcels.back();
    EXPECT_DOUBLE_EQ(w.month.land_offered_m2, parcel);
    ASSERT_GE(pa.holder, 0) << "land worth " << land_value_per_m2(w, pa.zone)
                            << " per m2 did not sell";
    EXPECT_EQ(pa.purchase_month, 3);
    const double reserve =
        s.levers.policy.land.reserve_price_share * launch_price_per_m2(w, pa.zone, 0) * parcel;
    EXPECT_GE(pa.price_yuan, reserve);
    const double first = s.levers.policy.land.first_installment_share * pa.price_yuan;
    EXPECT_NEAR(pa.paid_yuan, first, 1e-9 * pa.price_yuan);
    EXPECT_NEAR(pa.installment_yuan,
                (pa.price_yuan - first) / s.levers.policy.land.installment_months,
                1e-9 * pa.price_yuan);
}

TEST(LandMarket, UnwantedLandIsCutThenRestsAYear) {
    const Scenario s = test::small_city();
    World w(s, 0);
    clear_government_land(w);
    const double parcel = s.city.parcel_floor_area_m2 / w.scale;
    int32_t first = -1;
    for (w.t = 3; w.t < 30; ++w.t) {
        w.market.construction_cost_per_m2 = 1e9;  // no margin anywhere: nobody bids
        w.gov.offer_allowance_m2 = parcel;
        run_land_market(w);
        if (first < 0) first = static_cast<int32_t>(w.parcels.size()) - 1;
        const Parcel& pa = w.parcels[static_cast<size_t>(first)];
        ASSERT_LT(pa.holder, 0);
        // Offered at months 3..10 (start prices 100%, 90%, ... 47.8%), resting until 22,
        // offered once more at the lowest price, resting again until 34.
        const int offers = w.t <= 10 ? w.t - 2 : (w.t < 22 ? 8 : 9);
        EXPECT_EQ(pa.offered, offers) << "month " << w.t;
        if (w.t >= 10) {
            EXPECT_EQ(pa.rest_until, w.t < 22 ? 22 : 34) << "month " << w.t;
        }
    }
}

// 定品质、竞地价 (seed 003 §1(2)): parcels offered on a quality condition are valued as
// high-quality projects (20% more value, city.high_quality_cost_premium more cost), and
// what is built on them is of high quality at the higher cost.
TEST(LandMarket, QualityConditionedParcelsCarryHighQualityProjects) {
    const Scenario s = test::small_city({{"policy.land.quality_condition_share", "1"},
                                         {"city.high_quality_share", "0"},
                                         {"city.high_quality_cost_premium", "0.15"},
                                         {"policy.land.min_start_lag_months", "0"}});
    World w(s, 0);
    const size_t before = offer_new_parcels(w, 4);
    run_land_market(w);
    ASSERT_EQ(w.parcels.size(), before + 4);
    // Bidders value a conditioned parcel as a high-quality project: the expected price 20%
    // higher (the quality factor), the construction cost 15% higher.
    const uint8_t zone = w.parcels.back().zone;
    const double cost = w.market.construction_cost_per_m2;
    const double h = 1.0 + s.behaviour.land_hurdle_margin;
    const double revenue_high = land_value_per_m2(w, zone, 1) * h + 1.1 * 1.15 * cost;
    const double revenue_ordinary = land_value_per_m2(w, zone, 0) * h + 1.1 * cost;
    EXPECT_NEAR(revenue_high / revenue_ordinary, 1.20, 1e-9);
    int sold = 0;
    for (size_t i = before; i < w.parcels.size(); ++i) {
        EXPECT_TRUE(w.parcels[i].quality_condition);
        sold += w.parcels[i].holder >= 0;
    }
    ASSERT_GT(sold, 0);
    // Started projects on those parcels are of high quality, at the higher cost.
    const size_t projects_before = w.projects.size();
    for (w.t = 4; w.t < 4 + s.levers.policy.land.start_window_months + 1; ++w.t)
        run_construction(w);
    int started = 0;
    for (size_t i = projects_before; i < w.projects.size(); ++i) {
        const Project& p = w.projects[i];
        if (p.parcel < static_cast<int32_t>(before)) continue;
        ++started;
        EXPECT_EQ(p.quality, 1);
        EXPECT_NEAR(p.cost_per_m2_yuan, 1.15 * cost, 1e-9 * cost);  // no inflation here
        for (int32_t k = 0; k < p.units; ++k)
            EXPECT_EQ(w.dw.quality[p.first_dwelling + k], 1);
    }
    EXPECT_EQ(started, sold);
}

}  // namespace
}  // namespace housim
