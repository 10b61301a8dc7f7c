// Phase 4 (MODEL.md §4): a borrower who cannot pay falls into arrears, its loan becomes
// non-performing after three months, and after nine its home is listed for a forced sale;
// a borrower who can pay amortises.
#include <gtest/gtest.h>

#include "sim/markets/valuation.hpp"
#include "sim/month/finance_upkeep.hpp"
#include "tests/lever_fixture.hpp"

namespace housim {
namespace {

// The small city and one of its owner-occupiers with a single commercial loan on its
// completed, unlisted home.
class FinanceUpkeep : public ::testing::Test {
  protected:
    void SetUp() override {
        for (int32_t k = 0; k < w.mg.capacity(); ++k) {
            const int32_t b = w.mg.borrower[k];
            if (!w.mg.active[k] || b < 0 || !w.hh.active[b] ||
                static_cast<Lender>(w.mg.lender[k]) != Lender::commercial) {
                continue;
            }
            const int32_t d = w.mg.dwelling[k];
            if (w.hh.home[b] == d && w.dw.completed(d) && w.dw.ask_yuan[d] <= 0 &&
                w.dw.mortgage[d] == k && w.mg.next_on_dwelling[k] == -1 &&
                w.hh.homes_owned[b] == 1) {
                m = k;
                h = b;
                return;
            }
        }
        FAIL() << "no single-loan owner-occupier in the small city";
    }

    const Scenario s = test::small_city();
    World w{s, 0};
    int32_t m = -1;  // the loan
    int32_t h = -1;  // its borrower
};

TEST_F(FinanceUpkeep, ArrearsBecomeNonPerformingThenAForcedSale) {
    const int32_t d = w.mg.dwelling[m];
    // No income, no savings, no provident balance: nothing to pay with.
    w.hh.income_month[h] = 0;
    w.hh.savings[h] = 0;
    w.hh.pf_balance[h] = 0;
    w.hh.set(h, hh_flag::pf_member, false);
    const double balance = w.mg.balance_yuan[m];
    ASSERT_GT(w.hh.debt_payment_month[h], 0);

    const int months = w.scenario.behaviour.foreclosure_arrears_months;
    for (int month = 1; month <= months; ++month) {
        w.t = month;
        w.month = MonthMetrics{};
        run_finance_upkeep(w);
        SCOPED_TRACE("month " + std::to_string(month));
        EXPECT_TRUE(w.hh.has(h, hh_flag::in_arrears));
        EXPECT_EQ(w.mg.arrears_months[m], month);
        EXPECT_EQ(w.mg.balance_yuan[m], balance);  // nothing amortised
        EXPECT_EQ(npl(w.mg, m), month >= kArrearsForNpl);
        // Listed in the month arrears reach behaviour.foreclosure_arrears_months, not before.
        EXPECT_EQ(w.dw.ask_yuan[d] > 0, month >= months);
        if (month == months) {
            EXPECT_EQ(w.month.foreclosures, 1);
            EXPECT_NEAR(w.dw.ask_yuan[d], 0.9 * market_value(w, d), 1e-6 * w.dw.ask_yuan[d]);
        }
    }
}

TEST_F(FinanceUpkeep, ABorrowerWhoCanPayAmortises) {
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
