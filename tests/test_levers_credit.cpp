// Provident-fund levers (seed 001 §2, 000 §12, 003 §3(2), 004 §1(5)): each shown at work.
#include <gtest/gtest.h>

#include <string>

#include "agents/credit.hpp"
#include "sim/markets/transactions.hpp"
#include "sim/month/decisions.hpp"
#include "sim/month/finance_upkeep.hpp"
#include "sim/month/programmes.hpp"
#include "tests/lever_fixture.hpp"

namespace housim {
namespace {

TEST(ProvidentLevers, DownPaymentAndRatesByHomeCountAndTerm) {
    ProvidentCredit f;
    f.min_down_payment_first = 0.2;
    f.min_down_payment_second = 0.3;
    f.min_down_payment_affordable = 0.15;
    EXPECT_DOUBLE_EQ(provident_min_down_payment(f, 0, false), 0.2);
    EXPECT_DOUBLE_EQ(provident_min_down_payment(f, 1, false), 0.3);
    EXPECT_DOUBLE_EQ(provident_min_down_payment(f, 1, true), 0.15);
    EXPECT_DOUBLE_EQ(provident_rate_annual(f, 0, 60), f.rate_first_le5y_annual);
    EXPECT_DOUBLE_EQ(provident_rate_annual(f, 0, 61), f.rate_first_gt5y_annual);
    EXPECT_DOUBLE_EQ(provident_rate_annual(f, 1, 60), f.rate_second_le5y_annual);
    EXPECT_DOUBLE_EQ(provident_rate_annual(f, 1, 360), f.rate_second_gt5y_annual);
}

// Seed 000 §12: couple 100万, completed +10% -> 110万, high quality +30万 -> 130万, no
// stacking; seed 001 §2: priority groups 100万 against a base of 90万.
TEST(ProvidentLevers, CapsRaiseWithoutStacking) {
    ProvidentCredit f;
    f.loan_cap_couple_yuan = 1000000;
    f.loan_cap_single_yuan = 600000;
    f.completed_home_cap_raise = 0.10;
    f.high_quality_cap_raise_yuan = 300000;
    BuyerPosition couple;
    couple.size = 2;
    EXPECT_DOUBLE_EQ(provident_cap(f, couple, {}), 1000000);
    EXPECT_DOUBLE_EQ(provident_cap(f, couple, {true, false, false}), 1100000);
    EXPECT_DOUBLE_EQ(provident_cap(f, couple, {false, true, false}), 1300000);
    EXPECT_DOUBLE_EQ(provident_cap(f, couple, {true, true, false}), 1300000);  // no stacking
    BuyerPosition single;
    single.size = 1;
    EXPECT_DOUBLE_EQ(provident_cap(f, single, {true, false, false}), 660000);
    f.cap_raises_stack = true;
    EXPECT_DOUBLE_EQ(provident_cap(f, couple, {true, true, false}), 1400000);
    ProvidentCredit y;  // Yangquan
    y.loan_cap_couple_yuan = 900000;
    y.loan_cap_priority_yuan = 1000000;
    BuyerPosition talent = couple;
    talent.provident_priority = true;
    EXPECT_DOUBLE_EQ(provident_cap(y, couple, {}), 900000);
    EXPECT_DOUBLE_EQ(provident_cap(y, talent, {}), 1000000);
}

// A first-time buyer may add its parents' provident balance to its funds (seed 001 §2).
TEST(ProvidentLevers, FamilyWithdrawalFundsAFirstPurchase) {
    for (const bool allowed : {false, true}) {
        const Scenario s = test::small_city(
            {{"policy.credit.provident.family_withdrawal", allowed ? "true" : "false"}});
        World w(s, 0);
        const int32_t parent = test::find_household(
            w, [&](int32_t h) { return w.hh.age[h] > 50 && w.hh.pf_balance[h] > 0; });
        const int32_t child = test::find_household(
            w, [&](int32_t h) { return w.hh.homes_owned[h] == 0 && h != parent; });
        ASSERT_GE(parent, 0);
        ASSERT_GE(child, 0);
        test::make_first_time_buyer(w, child, 0, 9000);
        w.hh.parent[child] = parent;
        w.hh.formed_month[child] = 0;
        w.hh.savings[parent] = 0;
        w.hh.pf_balance[parent] = 300000;
        const BuyerPosition pos = buyer_position(w, child, BuyerKind::first_time, {});
        EXPECT_DOUBLE_EQ(pos.own_funds, allowed ? 300000.0 : 0.0);
        const int32_t project = test::find_project(w, true);
        ASSERT_GE(project, 0);
        const double pf_before = w.hh.pf_balance[parent];
        const bool bought = buy_new_home(w, child, project, BuyerKind::first_time).done;
        EXPECT_EQ(bought, allowed) << "only the parents' balance could pay the down payment";
        EXPECT_EQ(w.hh.pf_balance[parent] < pf_before, allowed);
    }
}

TEST(ProvidentLevers, RenovationWithdrawalsDrawDownTheFund) {
    double cash[2];
    for (int on = 0; on < 2; ++on) {
        const Scenario s = test::small_city(
            {{"policy.credit.provident.renovation_withdrawal", on ? "true" : "false"},
             {"behaviour.renovation_hazard_month", "0.5"}});
        World w(s, 0);
        test::run_months(w, 0, 3);
        cash[on] = w.pf.cash_yuan;
    }
    EXPECT_LT(cash[1], cash[0]);
}

// 商转公 (001 §2): eligible commercial loans become provident loans at provident rates.
TEST(ProvidentLevers, CommercialToProvidentConversion) {
    const Scenario s = test::small_city(
        {{"policy.credit.provident.commercial_to_provident", "true"},
         {"policy.credit.provident.commercial_to_provident_loans_before", "\"2030-01\""},
         {"policy.credit.provident.loan_cap.couple_yuan", "5000000"},
         {"policy.credit.provident.loan_cap.single_yuan", "5000000"},
         {"behaviour.conversion_hazard_month", "1.0"}});
    World w(s, 0);
    int commercial_members = 0;
    for (int32_t m = 0; m < w.mg.capacity(); ++m) {
        const int32_t h = w.mg.borrower[m];
        commercial_members += w.mg.active[m] && h >= 0 && w.hh.has(h, hh_flag::pf_member);
    }
    ASSERT_GT(commercial_members, 0);
    w.t = 0;
    step_month(w, true);
    int converted = 0;
    for (int32_t m = 0; m < w.mg.capacity(); ++m) {
        converted += w.mg.active[m] && static_cast<Lender>(w.mg.lender[m]) == Lender::provident &&
                     w.mg.origin_month[m] == 0 && w.mg.rate_annual[m] < 0.03f;
    }
    // Loans convert until the centre reaches its liquidity floor: the fund's cash is the
    // limit of the programme.
    EXPECT_GT(converted, 0);
    EXPECT_TRUE(converted >= commercial_members || !provident_centre_lending(w))
        << converted << " of " << commercial_members;
}

// Tenants withdraw rent up to the cap per earner (000 §12: 1.2万 -> 1.44万 a year).
TEST(ProvidentLevers, RentWithdrawalIsCapped) {
    const Scenario s =
        test::small_city({{"policy.credit.provident.rent_withdrawal_cap_yuan_per_year", "1200"}});
    World w(s, 0);
    const int32_t h = test::find_household(w, [&](int32_t k) {
        return w.hh.tenure[k] == static_cast<uint8_t>(Tenure::renter) && w.hh.pf_balance[k] > 0 &&
               w.hh.age[k] < 59;
    });
    ASSERT_GE(h, 0);
    w.hh.size[h] = 1;
    w.hh.pf_balance[h] = 1e6;
    w.hh.set(h, hh_flag::pf_member, false);  // no contribution, to isolate the withdrawal
    const double before = w.hh.pf_balance[h];
    w.t = 0;
    run_finance_upkeep(w);
    const double interest = before * s.levers.exogenous.provident_deposit_rate_annual / 12.0;
    EXPECT_NEAR(before + interest - w.hh.pf_balance[h], 100.0, 1e-6);  // 1200 a year / 12
}

// The priority groups (talent, new citizens, the young, military, 2+ children) withdraw up
// to their own, higher cap; others keep the general one (Yangquan 001 §2: 1.5万 -> 1.8万 a
// year for the priority groups).
TEST(ProvidentLevers, PriorityTenantsWithdrawUpToTheirCap) {
    const Scenario s = test::small_city(
        {{"policy.credit.provident.rent_withdrawal_cap_yuan_per_year", "1200"},
         {"policy.credit.provident.rent_withdrawal_cap_priority_yuan_per_year", "2400"}});
    World w(s, 0);
    const auto tenant = [&](int32_t k) {
        return w.hh.tenure[k] == static_cast<uint8_t>(Tenure::renter) && w.hh.age[k] < 59;
    };
    const int32_t young = test::find_household(
        w, [&](int32_t k) { return tenant(k) && provident_priority(w, k) && w.hh.age[k] < 35; });
    const int32_t other =
        test::find_household(w, [&](int32_t k) { return tenant(k) && !provident_priority(w, k); });
    ASSERT_GE(young, 0);
    ASSERT_GE(other, 0);
    double before[2] = {};
    const int32_t hs[2] = {young, other};
    for (int i = 0; i < 2; ++i) {
        const int32_t h = hs[i];
        w.hh.size[h] = 1;
        w.hh.pf_balance[h] = 1e6;
        w.hh.savings[h] = 1e6;                   // pays its rent, so stays a tenant
        w.hh.set(h, hh_flag::pf_member, false);  // no contribution, to isolate the withdrawal
        before[i] = w.hh.pf_balance[h];
    }
    w.t = 0;
    run_finance_upkeep(w);
    const double growth = s.levers.exogenous.provident_deposit_rate_annual / 12.0;
    EXPECT_NEAR(before[0] * (1 + growth) - w.hh.pf_balance[young], 200.0, 1e-6);  // 2400 / 12
    EXPECT_NEAR(before[1] * (1 + growth) - w.hh.pf_balance[other], 100.0, 1e-6);  // 1200 / 12
}

// The provident cap raise for completed homes (Weihai 000 §12: +10%) reaches the budget of a
// buyer whose provident loan is at the cap: a larger share of the loan at the provident rate
// lets the same payment capacity carry a larger loan.
TEST(ProvidentLevers, CompletedHomeCapRaiseReachesBudgets) {
    const Scenario base =
        test::small_city({{"policy.credit.provident.loan_cap.couple_yuan", "1000000"}});
    const Scenario raised =
        test::small_city({{"policy.credit.provident.loan_cap.couple_yuan", "1000000"},
                          {"policy.credit.provident.loan_cap.completed_home_raise", "0.1"}});
    BuyerPosition pos;
    pos.own_funds = 600000;  // enough that the down payment does not bind
    pos.income_month = 15000;
    pos.size = 2;
    pos.age = 30;
    pos.provident_eligible = true;
    pos.provident_balance = 200000;  // 15 x balance above the cap: the cap binds
    World wb(base, 0);
    World wr(raised, 0);
    ASSERT_TRUE(provident_centre_lending(wb));
    const double growth = 1.0;  // desired spending far above credit: credit is the budget
    const double b0 = budget_for(wb, pos, 90, growth);
    const double b1 = budget_for(wr, pos, 90, growth);
    EXPECT_GT(b1, b0 + 1000) << b0 << " " << b1;
}

// 004 §1(5): near its floor the centre lends to first-time provident borrowers only, and a
// borrowing line (公转商, fiscal loans) lets it lend below the floor. With neither lever the
// floor is the same for everyone.
TEST(ProvidentLevers, FirstLoansFirstAndTheBorrowingLine) {
    const Scenario plain = test::small_city();
    const Scenario priority =
        test::small_city({{"policy.credit.provident.first_loans_first", "true"},
                          {"policy.credit.provident.first_loans_reserve_share", "0.02"}});
    World a(plain, 0);
    World b(priority, 0);
    const double balances = b.pf.member_balances_yuan;
    ASSERT_GT(balances, 0);
    const double floor = b.levers().policy.provident.liquidity_floor_share * balances;
    for (World* w : {&a, &b})
        w->pf.cash_yuan = floor + 0.01 * balances;  // inside the reserve band
    EXPECT_TRUE(provident_centre_lends(a, true));
    EXPECT_TRUE(provident_centre_lends(a, false));
    EXPECT_TRUE(provident_centre_lends(b, true));
    EXPECT_FALSE(provident_centre_lends(b, false)) << "a repeat borrower waits";
    b.pf.cash_yuan = floor + 0.03 * balances;
    EXPECT_TRUE(provident_centre_lends(b, false));
    // A repeat borrower's offer has no provident loan inside the band; a first one's has.
    b.pf.cash_yuan = floor + 0.01 * balances;
    const int32_t h = test::find_household(
        b, [&](int32_t k) { return b.hh.homes_owned[k] == 0 && b.hh.age[k] < 40; });
    ASSERT_GE(h, 0);
    test::make_first_time_buyer(b, h, 300000, 20000);
    b.hh.set(h, hh_flag::pf_member, true);
    b.hh.pf_months[h] = 60;
    b.hh.pf_balance[h] = 100000;
    const BuyerPosition first = buyer_position(b, h, BuyerKind::first_time, PurchaseAids{});
    EXPECT_TRUE(first.provident_first_loan);
    b.hp.history[h] |= loan_history::provident;
    const BuyerPosition again = buyer_position(b, h, BuyerKind::first_time, PurchaseAids{});
    EXPECT_FALSE(again.provident_first_loan);
    const Policy& p = b.levers().policy;
    EXPECT_GT(credit_offer(first, p, 0.036, provident_centre_lends(b, true)).provident_max, 0);
    EXPECT_EQ(credit_offer(again, p, 0.036, provident_centre_lends(b, false)).provident_max, 0);

    // The line: 1% of balances below the floor, lent through borrowing.
    const Scenario line = test::small_city({{"policy.credit.provident.liquidity_line_yuan",
                                             std::to_string(0.02 * balances * a.scale)}});
    World c(line, 0);
    c.pf.cash_yuan = floor - 0.01 * balances;
    a.pf.cash_yuan = c.pf.cash_yuan;
    EXPECT_FALSE(provident_centre_lends(a, true));
    EXPECT_TRUE(provident_centre_lends(c, true));
    c.pf.cash_yuan = floor - 0.03 * balances;
    EXPECT_FALSE(provident_centre_lends(c, true)) << "beyond the line";
}

}  // namespace
}  // namespace housim
