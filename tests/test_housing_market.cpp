// Phase 8 (MODEL.md §6): buyers in priority order, each taking the best home it samples
// within its budget; a buyer whose best choice is taken takes its next; nothing oversells.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include "sim/markets/housing_market.hpp"
#include "tests/lever_fixture.hpp"

namespace housim {
namespace {

struct Market {
    Scenario s;  // World keeps a reference to its scenario
    World w;
    std::vector<Listing> book;  // two resale listings, the better one first
    std::vector<int32_t> buyers;

    explicit Market(Scenario scenario) : s(std::move(scenario)), w(s, 0) {
        test::run_months(w, 0, 3);
        w.t = 3;
        std::vector<Listing> all = build_listings(w);
        std::vector<Listing> resale;
        for (const Listing& l : all) {
            if (l.kind == static_cast<uint8_t>(ListingKind::resale) &&
                l.value >= s.behaviour.reservation_score * l.price) {
                resale.push_back(l);
            }
        }
        // Two listings close in price (both inside a buyer's search range, which starts at
        // behaviour.search_budget_floor of its budget) and different in value.
        for (size_t i = 0; i + 1 < resale.size() && book.empty(); ++i) {
            const Listing& a = resale[i];
            const Listing& b = resale[i + 1];
            if (b.price > 1.01 * a.price && b.price <= 1.2 * a.price &&
                std::abs(a.value - b.value) > 0.01 * a.value) {
                book = {a, b};
            }
        }
        if (book.empty()) return;
        std::sort(book.begin(), book.end(), [](const Listing& a, const Listing& b) {
            return a.price != b.price ? a.price < b.price : a.id < b.id;
        });
        for (int32_t h = 0; h < w.hh.capacity() && buyers.size() < 3; ++h) {
            if (w.hh.active[h] && w.hh.homes_owned[h] == 0 && w.hh.age[h] >= 25 &&
                w.hh.age[h] < 45) {
                test::make_first_time_buyer(w, h, 1e8, 1e6);
                buyers.push_back(h);
            }
        }
    }

    BuyerOrder order(int32_t h, double budget, uint32_t priority) const {
        return BuyerOrder{h, BuyerKind::first_time, static_cast<float>(budget), 0.0f, priority};
    }
    int32_t owner_of(const Listing& l) const {
        return w.dw.owner_kind[l.id] == static_cast<uint8_t>(OwnerKind::household)
                   ? w.dw.owner[l.id]
                   : -1;
    }
};

TEST(HousingMarket, PriorityOrderBestChoiceThenTheNextAndNoOverselling) {
    Market m(test::small_city());
    ASSERT_EQ(m.book.size(), 2u);
    ASSERT_EQ(m.buyers.size(), 3u);
    const size_t best = m.book[0].value > m.book[1].value ? 0 : 1;
    const double budget = 1.01 * std::max(m.book[0].price, m.book[1].price);
    // Arrival order is by priority, not by position in the vector.
    std::vector<BuyerOrder> orders{m.order(m.buyers[0], budget, 30),
                                   m.order(m.buyers[1], budget, 10),
                                   m.order(m.buyers[2], budget, 20)};
    std::vector<Listing> book = m.book;
    EXPECT_EQ(clear_housing_market(m.w, orders, book), 2);
    EXPECT_EQ(m.owner_of(m.book[best]), m.buyers[1]);      // first in line: the best home
    EXPECT_EQ(m.owner_of(m.book[1 - best]), m.buyers[2]);  // second: its next choice
    EXPECT_EQ(m.w.hh.homes_owned[m.buyers[0]], 0);         // third: nothing left
    EXPECT_EQ(book[0].available, 0);
    EXPECT_EQ(book[1].available, 0);
}

TEST(HousingMarket, NobodyPaysAboveItsBudget) {
    Market m(test::small_city());
    ASSERT_EQ(m.book.size(), 2u);
    ASSERT_GE(m.buyers.size(), 1u);
    const double cheapest = std::min(m.book[0].price, m.book[1].price);
    std::vector<BuyerOrder> orders{m.order(m.buyers[0], 0.99 * cheapest, 1)};
    std::vector<Listing> book = m.book;
    EXPECT_EQ(clear_housing_market(m.w, orders, book), 0);
    EXPECT_EQ(m.w.hh.homes_owned[m.buyers[0]], 0);
    // With a budget between the two prices it can only buy the cheaper one.
    orders = {m.order(m.buyers[0], 1.001 * cheapest, 1)};
    EXPECT_EQ(clear_housing_market(m.w, orders, book), 1);
    const size_t cheap = m.book[0].price <= m.book[1].price ? 0 : 1;
    EXPECT_EQ(m.owner_of(m.book[cheap]), m.buyers[0]);
}

}  // namespace
}  // namespace housim
