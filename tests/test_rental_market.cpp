// Phase 8, rental part (MODEL.md §4): seekers in priority order rent the best empty home
// they sample within their rent limit; a home gets one tenant; tenancies end on request.
#include <gtest/gtest.h>

#include <set>
#include <vector>

#include "sim/markets/rental_market.hpp"
#include "sim/markets/valuation.hpp"
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
        EXPECT_LE(market_rent(w, d), o.max_rent_yuan * (1 + 1e-6));
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

}  // namespace
}  // namespace housim
