// Resale listings (MODEL.md §5): an unsold ask is cut each month; a voluntary seller
// withdraws after resale_max_months_listed or rather than go below 90% of value; a forced
// sale (arrears, estates) stays listed and goes down to 60% of value.
#include <gtest/gtest.h>

#include "sim/markets/housing_market.hpp"
#include "sim/markets/transactions.hpp"
#include "sim/markets/valuation.hpp"
#include "tests/lever_fixture.hpp"

namespace housim {
namespace {

// An unlisted, completed home its household owner lives in, with a loan or without.
int32_t owner_home(const World& w, bool with_loan) {
    for (int32_t h = 0; h < w.hh.capacity(); ++h) {
        if (!w.hh.active[h]) continue;
        const int32_t d = w.hh.home[h];
        if (d < 0 || w.dw.owner[d] != h ||
            w.dw.owner_kind[d] != static_cast<uint8_t>(OwnerKind::household) ||
            !w.dw.completed(d) || w.dw.ask_yuan[d] > 0 ||
            w.dw.acquired[d] == static_cast<uint8_t>(Acquired::affordable) ||
            (w.dw.mortgage[d] >= 0) != with_loan) {
            continue;
        }
        return d;
    }
    return -1;
}

TEST(ResaleListings, VoluntaryAskIsCutThenWithdrawn) {
    // A 1% monthly cut keeps the ask above 90% of value until the listing ages out.
    const Scenario s = test::small_city({{"behaviour.resale_monthly_cut", "0.01"}});
    World w(s, 0);
    const BehaviourParams& b = s.behaviour;
    const int32_t d = owner_home(w, false);
    ASSERT_GE(d, 0);
    const int32_t owner = w.dw.owner[d];
    w.t = 5;
    list_for_resale(w, d, 1.05 * market_value(w, d));
    w.hh.set(owner, hh_flag::selling_to_move, true);
    double ask = w.dw.ask_yuan[d];
    for (; w.t < 5 + b.resale_max_months_listed; ++w.t) {
        age_resale_listings(w);
        ask = static_cast<float>(ask * (1.0 - b.resale_monthly_cut));
        ASSERT_GE(ask, 0.9 * market_value(w, d)) << "the test wants withdrawal by age";
        EXPECT_FLOAT_EQ(w.dw.ask_yuan[d], static_cast<float>(ask)) << "month " << w.t;
        EXPECT_TRUE(w.hh.has(owner, hh_flag::selling_to_move));
    }
    age_resale_listings(w);  // listed resale_max_months_listed months: withdrawn
    EXPECT_EQ(w.dw.ask_yuan[d], 0.0f);
    EXPECT_FALSE(w.hh.has(owner, hh_flag::selling_to_move));
}

TEST(ResaleListings, VoluntarySellerWithdrawsRatherThanSellBelowNinetyPercent) {
    const Scenario s = test::small_city();
    World w(s, 0);
    const int32_t d = owner_home(w, false);
    ASSERT_GE(d, 0);
    w.t = 5;
    list_for_resale(w, d, 0.905 * market_value(w, d));
    age_resale_listings(w);  // a 1% cut would take it below 90%
    EXPECT_EQ(w.dw.ask_yuan[d], 0.0f);
}

TEST(ResaleListings, ForcedSaleStaysListedDownToSixtyPercent) {
    const Scenario s = test::small_city();
    World w(s, 0);
    const int32_t d = owner_home(w, true);
    ASSERT_GE(d, 0);
    w.mg.arrears_months[w.dw.mortgage[d]] = 3;  // in arrears: a forced sale
    w.t = 5;
    list_for_resale(w, d, market_value(w, d));
    for (; w.t < 5 + 120; ++w.t) {
        age_resale_listings(w);
        ASSERT_GT(w.dw.ask_yuan[d], 0.0f) << "month " << w.t;
        ASSERT_GE(w.dw.ask_yuan[d], static_cast<float>(0.6 * market_value(w, d)) * (1 - 1e-6f));
    }
    w.t -= 1;  // the month of the last cut: values depreciate with the home's age
    EXPECT_NEAR(w.dw.ask_yuan[d], 0.6 * market_value(w, d), 1e-6 * w.dw.ask_yuan[d]);
}

}  // namespace
}  // namespace housim
