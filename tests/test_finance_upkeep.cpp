// Phase 4 (MODEL.md §4): a borrower who cannot pay falls into arrears, its loan becomes
// non-performing after three months, and after nine its home is listed for a forced sale;
// a borrower who can pay amortises.
#include <gtest/gtest.h>

#include "sim/finance_upkeep.hpp"
#include "sim/valuation.hpp"
#include "tests/lever_fixture.hpp"

namespace housim {
namespace {

// An owner-occupier with one commercial loan on its completed, unlisted home; -1 if none.
int32_t find_borrower(const World& w, int32_t& loan) {
    for (int32_t m = 0; m < w.mg.capacity(); ++m) {
        const int32_t h = w.mg.borrower[m];
        if (!w.mg.active[m] || h < 0 || !w.hh.active[h] ||
            static_cast<Lender>(w.mg.lender[m]) != Lender::commercial) {
            continue;
        }
        const int32_t d = w.mg.dwelling[m];
        if (w.hh.home[h] == d && w.dw.completed(d) && w.dw.ask_yuan[d] <= 0 &&
            w.dw.mortgage[d] == m && w.mg.next_on_dwelling[m] == -1 && w.hh.homes_owned[h] == 1) {
            loan = m;
            return h;
        }
    }
    return -1;
}

TEST(FinanceUpkeep, ArrearsBecomeNonPerformingThenAForcedSale) {
    const Scenario s = test::small_city();
    World w(s, 0);
    int32_t m = -1;
    const int32_t h = find_borrower(w, m);
    ASSERT_GE(h, 0);
    const int32_t d = w.mg.dwelling[m];
    // No income, no savings, no provident balance: nothing to pay with.
    w.hh.income_month[h] = 0;
    w.hh.savings[h] = 0;
    w.hh.pf_balance[h] = 0;
    w.hh.set(h, hh_flag::pf_member, false);
    const double balance = w.mg.balance_yuan[m];
    ASSERT_GT(w.hh.debt_payment_month[h], 0);

    for (int month = 1; month <= 9; ++month) {
        w.t = month;
        w.month = MonthMetrics{};
        run_finance_upkeep(w);
        SCOPED_TRACE("month " + std::to_string(month));
        EXPECT_TRUE(w.hh.has(h, hh_flag::in_arrears));
        EXPECT_EQ(w.mg.arrears_months[m], month);
        EXPECT_EQ(w.mg.balance_yuan[m], balance);  // nothing amortised
        EXPECT_EQ(npl(w.mg, m), month >= kArrearsForNpl);
        EXPECT_EQ(w.dw.ask_yuan[d] > 0, month >= 9);  // listed at the ninth month, not before
        if (month == 9) {
            EXPECT_EQ(w.month.foreclosures, 1);
            EXPECT_NEAR(w.dw.ask_yuan[d], 0.9 * market_value(w, d), 1e-6 * w.dw.ask_yuan[d]);
        }
    }
}

TEST(FinanceUpkeep, ABorrowerWhoCanPayAmortises) {
    const Scenario s = test::small_city();
    World w(s, 0);
    int32_t m = -1;
    const int32_t h = find_borrower(w, m);
    ASSERT_GE(h, 0);
    w.hh.savings[h] = 1e7;
    const double balance = w.mg.balance_yuan[m];
    const double interest = balance * w.mg.rate_annual[m] / 12.0;
    const double payment = w.mg.payment_month[m];
    w.t = 1;
    run_finance_upkeep(w);
    EXPECT_FALSE(w.hh.has(h, hh_flag::in_arrears));
    EXPECT_EQ(w.mg.arrears_months[m], 0);
    EXPECT_NEAR(w.mg.balance_yuan[m], balance - (payment - interest), 1e-6 * balance);
    EXPECT_FALSE(npl(w.mg, m));
}

}  // namespace
}  // namespace housim
