// Developers' repricing by sales pace (MODEL.md §5) and the digestion cycles (MODEL.md §8).
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "sim/month/accounting.hpp"
#include "sim/month/prices.hpp"
#include "sim/world.hpp"
#include "tests/small_world.hpp"

namespace housim {
namespace {

TEST(Prices, RepricingFollowsThePaceWithinItsLimits) {
    BehaviourParams b;
    b.reprice_speed = 0.1;
    b.max_monthly_rise = 0.015;
    b.max_monthly_cut = 0.03;
    Sales sales;
    sales.max_price_cut_per_month = 0.15;
    const double price = 10000;
    EXPECT_DOUBLE_EQ(reprice(price, 5, 5, b, sales, 0), price);               // on target
    EXPECT_DOUBLE_EQ(reprice(price, 5.5, 5, b, sales, 0), price * 1.01);      // 10% ahead
    EXPECT_DOUBLE_EQ(reprice(price, 50, 5, b, sales, 0), price * 1.015);      // rise capped
    EXPECT_DOUBLE_EQ(reprice(price, 4, 5, b, sales, 0), price * (1 - 0.02));  // 20% behind
    EXPECT_DOUBLE_EQ(reprice(price, 0, 5, b, sales, 0), price * (1 - 0.03));  // cut capped
    sales.max_price_cut_per_month = 0.01;                                     // price filing
    EXPECT_DOUBLE_EQ(reprice(price, 0, 5, b, sales, 0), price * (1 - 0.01));
    EXPECT_DOUBLE_EQ(reprice(price, 0, 5, b, sales, 9950), 9950);  // never below the floor
}

TEST(DigestionCycle, StockOverTrailingTwelveMonthsOfSales) {
    History h;
    for (int k = 1; k <= 3; ++k)
        h.new_sales_m2.push_back(10.0 * k);  // 10, 20, 30: fewer than 12 months so far
    EXPECT_DOUBLE_EQ(trailing_sales_m2(h), 20.0);
    for (int k = 4; k <= 15; ++k)
        h.new_sales_m2.push_back(10.0 * k);  // the last 12 are 40 .. 150
    EXPECT_DOUBLE_EQ(trailing_sales_m2(h), 95.0);
    EXPECT_DOUBLE_EQ(cycle_months(1900, 95), 20.0);
    EXPECT_EQ(cycle_months(1900, 0), std::numeric_limits<double>::infinity());
    EXPECT_EQ(cycle_months(0, 0), 0.0);
    EXPECT_DOUBLE_EQ(trailing_sales_m2(History{}), 0.0);
}

// Expectations adapt to the resale index's annualised growth over the last six months, by
// behaviour.expectation_adapt_month of the gap a month towards expectation_trend_weight of the
// trend, within +-expectation_bound_annual.
TEST(Prices, ExpectationsAdaptToRecentGrowthWithinTheirBound) {
    const Scenario s = test::small_city();
    World w(s, 0);
    const BehaviourParams& b = s.behaviour;
    History& h = w.history;
    h.resale_price_sum.clear();  // the index keeps its value (no trades to measure)
    h.resale_ref_sum.clear();
    h.resale_index.clear();
    for (int k = 0; k < 6; ++k)
        h.resale_index.push_back(100.0 * std::pow(0.995, k));  // falling 0.5% a month
    w.market.resale_index = 100.0 * std::pow(0.995, 6);
    w.market.expected_growth_annual = 0.0;
    update_prices(w);
    const double observed = std::pow(0.995, 12) - 1.0;  // -5.8% a year
    EXPECT_NEAR(w.market.expected_growth_annual,
                b.expectation_adapt_month * b.expectation_trend_weight * observed, 1e-12);

    // A boom: observed growth far above the bound; expectations stop at the bound.
    w.market.expected_growth_annual = 0.9 * b.expectation_bound_annual;
    h.resale_index.assign(6, 50.0);
    w.market.resale_index = 100.0;
    update_prices(w);
    EXPECT_DOUBLE_EQ(w.market.expected_growth_annual, b.expectation_bound_annual);
}

}  // namespace
}  // namespace housim
