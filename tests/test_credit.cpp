// The lenders' rules and the buyer's budget (agents/credit.hpp).
#include <gtest/gtest.h>

#include "agents/credit.hpp"
#include "agents/mortgages.hpp"
#include "agents/recognition.hpp"

namespace housim {
namespace {

BuyerPosition young_couple() {
    BuyerPosition b;
    b.own_funds = 200000;
    b.income_month = 12000;
    b.age = 30;
    b.size = 2;
    return b;
}

TEST(Credit, AnnuityRoundTrip) {
    const double p = annuity_payment(1e6, 0.036, 360);
    // 1e6 * r / (1 - (1 + r)^-360) with r = 0.003, evaluated independently: 4546.4535.
    EXPECT_NEAR(p, 4546.4535, 1e-3);
    EXPECT_NEAR(annuity_principal(p, 0.036, 360), 1e6, 1e-6);
    EXPECT_DOUBLE_EQ(annuity_payment(1200, 0.0, 12), 100.0);
}

TEST(Credit, BuyerWhoseDownPaymentIsShortIsRefused) {
    Policy p;
    p.commercial.min_down_payment.first = 0.30;
    BuyerPosition b = young_couple();
    b.own_funds = 100000;
    const CreditOffer o = credit_offer(b, p, 0.036, true);
    // 100k covers 30% + 1% tax of 322k at most; a 500k home needs 155k.
    EXPECT_FALSE(plan_financing(b, o, 500000, 5000).ok);
    EXPECT_TRUE(plan_financing(b, o, 300000, 3000).ok);
    EXPECT_NEAR(max_price(b, o, 0.01), 100000 / 0.31, 1.0);
}

TEST(Credit, LowerDownPaymentRaisesTheBudget) {
    Policy tight;
    tight.commercial.min_down_payment.first = 0.30;
    Policy loose;
    loose.commercial.min_down_payment.first = 0.15;
    const BuyerPosition b = young_couple();
    EXPECT_GT(max_price(b, credit_offer(b, loose, 0.036, false), 0.01),
              max_price(b, credit_offer(b, tight, 0.036, false), 0.01));
}

TEST(Credit, PaymentToIncomeCapBinds) {
    Policy p;
    BuyerPosition b = young_couple();
    b.own_funds = 5e6;  // plenty for any down payment
    b.existing_payments_month = 1000;
    const CreditOffer o = credit_offer(b, p, 0.036, false);
    EXPECT_NEAR(o.payment_capacity_month, 0.5 * 12000 - 1000, 1e-9);
    const double rate = commercial_rate_annual(p.commercial, 0.036, 0);
    EXPECT_NEAR(o.commercial_max, annuity_principal(5000, rate, 360), 1e-6);
    // A loan within the cap is granted; one beyond it is refused however rich the buyer.
    const Financing within = plan_financing(b, o, 5e6 + o.commercial_max - 1, 0);
    ASSERT_TRUE(within.ok);
    EXPECT_LE(within.payment_month, 5000 + 1e-6);
    EXPECT_FALSE(plan_financing(b, o, 5e6 + o.commercial_max + 1000, 0).ok);
}

TEST(Credit, RateFloorAppliesOnlyWhenEnabled) {
    CommercialCredit c;
    c.rate_spread_first_annual = -0.01;
    EXPECT_NEAR(commercial_rate_annual(c, 0.036, 0), 0.026, 1e-12);
    c.rate_floor_enabled = true;
    c.rate_floor_spread_first_annual = -0.002;
    EXPECT_NEAR(commercial_rate_annual(c, 0.036, 0), 0.034, 1e-12);
}

TEST(Credit, ProvidentLoanWithinCapsAndFirst) {
    Policy p;
    BuyerPosition b = young_couple();
    b.provident_eligible = true;
    b.provident_balance = 20000;
    b.own_funds = 300000;
    const CreditOffer o = credit_offer(b, p, 0.036, true);
    EXPECT_NEAR(o.provident_max, 15 * 20000.0, 1e-6);  // balance multiple binds
    EXPECT_NEAR(o.rate_provident, p.provident.rate_first_gt5y_annual, 1e-12);
    const Financing small = plan_financing(b, o, 500000, 5000);
    ASSERT_TRUE(small.ok);
    EXPECT_NEAR(small.provident_loan, 205000, 1e-6);  // provident alone suffices
    EXPECT_EQ(small.commercial_loan, 0);
    const Financing big = plan_financing(b, o, 1200000, 12000);
    ASSERT_TRUE(big.ok);  // combination loan: provident first, commercial for the rest
    EXPECT_NEAR(big.provident_loan, 300000, 1e-6);
    EXPECT_NEAR(big.commercial_loan, 1212000 - 300000 - 300000, 1e-6);
}

TEST(Credit, ProvidentCentreWithoutCashDoesNotLend) {
    Policy p;
    BuyerPosition b = young_couple();
    b.provident_eligible = true;
    b.provident_balance = 50000;
    EXPECT_GT(credit_offer(b, p, 0.036, true).provident_max, 0);
    EXPECT_EQ(credit_offer(b, p, 0.036, false).provident_max, 0);
    b.homes_before = 2;  // no provident loans for a third home
    EXPECT_EQ(credit_offer(b, p, 0.036, true).provident_max, 0);
}

TEST(Credit, RecognitionCountsHomesNotLoansByDefault) {
    Recognition r;
    Holdings h;
    h.commercial_history = true;                  // had a loan, owns nothing now
    EXPECT_EQ(recognised_homes_before(h, r), 0);  // 认房不认贷
    r.count_mortgage_history = true;
    EXPECT_EQ(recognised_homes_before(h, r), 1);
    h.local_homes = 2;
    EXPECT_EQ(recognised_homes_before(h, r), 2);
}

TEST(Credit, SecondHomeUsesSecondHomeRules) {
    Policy p;
    p.commercial.min_down_payment.first = 0.15;
    p.commercial.min_down_payment.second = 0.40;
    BuyerPosition b = young_couple();
    const double first = max_price(b, credit_offer(b, p, 0.036, false), 0.01);
    b.homes_before = 1;
    const double second = max_price(b, credit_offer(b, p, 0.036, false), 0.02);
    EXPECT_NEAR(second, 200000 / 0.42, 1.0);
    EXPECT_LT(second, first);
}

TEST(Credit, OldBorrowersGetShorterTerms) {
    EXPECT_EQ(loan_term_months(360, 70, 30), 360);
    EXPECT_EQ(loan_term_months(360, 70, 55), 180);
    EXPECT_EQ(loan_term_months(360, 70, 70), 0);
}

TEST(Credit, DeedTaxBands) {
    Tax t;
    EXPECT_DOUBLE_EQ(deed_tax_rate(t, 120, 0), 0.01);
    EXPECT_DOUBLE_EQ(deed_tax_rate(t, 150, 0), 0.015);
    EXPECT_DOUBLE_EQ(deed_tax_rate(t, 150, 1), 0.02);
    t.deed_small_max_m2 = 90;  // seed 004 §1(3)
    EXPECT_DOUBLE_EQ(deed_tax_rate(t, 120, 0), 0.015);
}

}  // namespace
}  // namespace housim
