// Home-count recognition (seed 001 §2-3, 003 §3(2), 004 §1(1), §2(3)), purchase limits
// (004 §2(1)) and resale taxes (004 §1(4), 001 §5): each shown at work.
#include <gtest/gtest.h>

#include <string>

#include "agents/recognition.hpp"
#include "sim/markets/transactions.hpp"
#include "sim/month/decisions.hpp"
#include "tests/lever_fixture.hpp"

namespace housim {
namespace {

TEST(Recognition, ExclusionsAndLocalOnly) {
    Holdings h;
    h.local_homes = 3;
    h.inherited_homes = 1;
    h.legacy_homes = 1;
    h.paid_off_resale_homes = 1;
    h.homes_elsewhere = true;
    Recognition r;
    EXPECT_EQ(recognised_homes_before(h, r), 3);
    r.local_homes_only = false;
    EXPECT_EQ(recognised_homes_before(h, r), 4);
    r.local_homes_only = true;
    r.exclude_inherited = true;
    r.exclude_legacy = true;
    r.exclude_paid_off_resale = true;  // all three as in 004 §1(1)
    EXPECT_EQ(recognised_homes_before(h, r), 0);
}

// 004 §1(1) in a running city: the initial stock has homes bought from other owners and
// since paid off, so excluding paid-off resale homes lowers some households' home count.
TEST(Recognition, PaidOffResaleHomesOfTheInitialCityCanBeLeftOut) {
    int lowered = 0;
    int owners = 0;
    const Scenario plain = test::small_city();
    const Scenario excl =
        test::small_city({{"policy.recognition.exclude_paid_off_resale", "true"}});
    const World a(plain, 0);
    const World b(excl, 0);
    for (int32_t h = 0; h < a.hh.capacity(); ++h) {
        if (!a.hh.active[h] || a.hh.homes_owned[h] == 0) continue;
        ++owners;
        const int before = recognised_homes(a, h);
        EXPECT_LE(recognised_homes(b, h), before);
        lowered += recognised_homes(b, h) < before;
    }
    EXPECT_GT(lowered, owners / 20) << "a few percent of owners hold a paid-off resale home";
}

// 004 §1(1): the certificate counts first-hand homes only, and an upgrade purchase (首改房)
// is made on first-home terms.
TEST(Recognition, FirstHandHomesOnlyAndUpgradesAsFirst) {
    Holdings h;
    h.local_homes = 2;
    h.resale_homes = 1;  // one bought from another owner, its loan not yet repaid
    Recognition r;
    EXPECT_EQ(recognised_homes_before(h, r), 2);
    r.exclude_paid_off_resale = true;
    EXPECT_EQ(recognised_homes_before(h, r), 2);  // not paid off: still counted
    r.first_hand_only = true;
    EXPECT_EQ(recognised_homes_before(h, r), 1);  // first-hand homes only
    r.upgrade_as_first = true;
    EXPECT_EQ(recognised_homes_before(h, r), 0);  // its next purchase is an upgrade: first
    h.resale_homes = 0;
    EXPECT_EQ(recognised_homes_before(h, r), 2);  // two first-hand homes: a third purchase
}

// 003 §3(2): the provident centre reads home counts its own way. A renter who once had a
// commercial loan is a first-home buyer for banks that count homes only (认房不认贷), a
// second-home buyer for a centre that counts loan records, and the centre's rates follow.
TEST(Recognition, ProvidentCentreCanCountLoansItsOwnWay) {
    for (const char* rule : {"as_banks", "counted", "not_counted"}) {
        const Scenario s =
            test::small_city({{"policy.recognition.provident_loan_history", rule},
                              {"policy.recognition.count_mortgage_history", "false"}});
        World w(s, 0);
        const int32_t h = test::find_household(w, [&](int32_t k) {
            return w.hh.homes_owned[k] == 0 && w.hh.age[k] >= 25 && w.hh.age[k] < 45;
        });
        ASSERT_GE(h, 0);
        test::make_first_time_buyer(w, h, 5e5, 20000);
        w.hp.history[h] |= loan_history::commercial;  // a loan on record, long repaid
        const BuyerPosition pos = buyer_position(w, h, BuyerKind::first_time, PurchaseAids{});
        EXPECT_EQ(pos.homes_before, 0) << rule;
        const int pf =
            pos.provident_homes_before >= 0 ? pos.provident_homes_before : pos.homes_before;
        EXPECT_EQ(pf, std::string(rule) == "counted" ? 1 : 0) << rule;
    }
}

TEST(Recognition, LoanRulesAndTheirRelaxations) {
    Recognition r;
    r.count_mortgage_history = true;
    Holdings repaid;
    repaid.commercial_history = true;
    EXPECT_EQ(recognised_homes_before(repaid, r), 1);  // 认贷
    r.paid_off_loans_not_counted = true;               // 004 §2(3)
    EXPECT_EQ(recognised_homes_before(repaid, r), 0);
    Holdings old_pf;
    old_pf.provident_history = true;
    old_pf.mortgage_outstanding = true;
    old_pf.provident_loans_all_before_cutoff = true;  // 001 §2: before 2014-12-31
    EXPECT_EQ(recognised_homes_before(old_pf, r), 0);
    old_pf.provident_loans_all_before_cutoff = false;
    EXPECT_EQ(recognised_homes_before(old_pf, r), 1);
}

// Seed 001 §3: a family with two children buying its second home is recognised as buying
// its first, and pays the first-home down payment.
TEST(Recognition, MultiChildFamilyPaysTheFirstHomeDownPayment) {
    for (const int discount : {0, 1}) {
        const Scenario s =
            test::small_city({{"policy.recognition.multi_child_discount", std::to_string(discount)},
                              {"policy.credit.commercial.min_down_payment.first", "0.15"},
                              {"policy.credit.commercial.min_down_payment.second", "0.40"}});
        World w(s, 0);
        const int32_t h = test::find_household(w, [&](int32_t k) {
            return w.hh.homes_owned[k] == 1 &&
                   w.dw.acquired[w.hh.first_owned[k]] != static_cast<uint8_t>(Acquired::legacy);
        });
        ASSERT_GE(h, 0);
        w.hh.children[h] = 2;
        const BuyerPosition pos = buyer_position(w, h, BuyerKind::upgrade_buy_first, {});
        EXPECT_EQ(pos.homes_before, 1 - discount);
        const CreditOffer offer = credit_offer(pos, w.levers().policy, 0.036, false);
        EXPECT_DOUBLE_EQ(offer.min_dp_commercial, discount ? 0.15 : 0.40);
    }
}

TEST(Recognition, InheritedHomesCanBeExcludedInAWorld) {
    const Scenario s = test::small_city({{"policy.recognition.exclude_inherited", "true"}});
    World w(s, 0);
    const int32_t h = test::find_household(w, [&](int32_t k) { return w.hh.homes_owned[k] == 1; });
    ASSERT_GE(h, 0);
    EXPECT_EQ(recognised_homes(w, h), 1);
    w.dw.acquired[w.hh.first_owned[h]] = static_cast<uint8_t>(Acquired::inherited);
    EXPECT_EQ(recognised_homes(w, h), 0);
}

// 限购: with limits on, a household at the maximum cannot buy, whatever its money.
TEST(PurchaseLimits, HouseholdAtTheMaximumCannotBuy) {
    const Scenario s =
        test::small_city({{"policy.limits.enabled", "true"}, {"policy.limits.max_homes", "2"}});
    World w(s, 0);
    const int32_t h = test::find_household(w, [&](int32_t k) { return w.hh.homes_owned[k] == 2; });
    ASSERT_GE(h, 0);
    w.hh.savings[h] = 1e9;
    EXPECT_TRUE(purchase_limited(w, h));
    const int32_t project = test::find_project(w, true);
    ASSERT_GE(project, 0);
    EXPECT_FALSE(buy_new_home(w, h, project, BuyerKind::investor).done);
    // In a running city, households at the maximum never put in an order to buy.
    const Scenario limited =
        test::small_city({{"policy.limits.enabled", "true"}, {"policy.limits.max_homes", "1"}});
    World city(limited, 1);
    int orders = 0;
    for (city.t = 0; city.t < 12; ++city.t) {
        for (const BuyerOrder& o : household_decisions(city).buyers) {
            ++orders;
            EXPECT_FALSE(purchase_limited(city, o.h)) << "household " << o.h;
        }
        step_month(city, true);
    }
    EXPECT_GT(orders, 0);
}

// A resale within the holding period pays the tax on the price; after it, none; income
// tax is refunded to a seller who buys again within a year when the rebate is on.
TEST(ResaleTax, HoldingPeriodExemptionAndTradeInRebate) {
    const Scenario s = test::small_city({{"policy.tax.resale.trade_in_iit_rebate", "true"}});
    World w(s, 0);
    // An owner of two completed homes sells the one it does not live in.
    int32_t seller = -1;
    int32_t extra = -1;
    for (int32_t k = 0; k < w.hh.capacity() && extra < 0; ++k) {
        if (!w.hh.active[k] || w.hh.homes_owned[k] != 2 || w.hh.home[k] < 0) continue;
        for (int32_t d = w.hh.first_owned[k]; d != -1; d = w.dw.next_owned[d]) {
            if (d != w.hh.home[k] && w.dw.completed(d)) {
                seller = k;
                extra = d;
            }
        }
    }
    ASSERT_GE(extra, 0);
    const int32_t buyer =
        test::find_household(w, [&](int32_t k) { return w.hh.homes_owned[k] == 0; });
    test::make_first_time_buyer(w, buyer, 5e6, 20000);
    w.t = 5;
    w.dw.purchase_month[extra] = 0;  // held 5 months: inside the 2-year period
    list_for_resale(w, extra, 500000);
    const double gov_before = w.gov.cash_yuan;
    ASSERT_TRUE(buy_resale_home(w, buyer, extra, BuyerKind::first_time).done);
    // 5% tax on the price, 1% income tax (not its only home), and the buyer's deed tax.
    const double deed = deed_tax_rate(s.levers.policy.tax, w.dw.area_m2[extra], 0) * 500000;
    EXPECT_NEAR(w.gov.cash_yuan - gov_before, 0.05 * 500000 + 0.01 * 500000 + deed, 1e-6);
    EXPECT_NEAR(w.month.resale_tax_yuan, 0.06 * 500000, 1e-6);
    EXPECT_NEAR(w.hp.holding(seller).iit_rebate_yuan, 5000, 1e-3);
    // The seller buys again within the year: the income tax comes back.
    EXPECT_NEAR(purchase_aids(w, seller, false).iit_rebate, 5000, 1e-3);
}

// 004 §1(2): above the ordinary-home line a home pays the second-home large rate of deed tax
// on any purchase, and its seller the resale tax however long it was held.
TEST(ResaleTax, HomesAboveTheOrdinaryLinePayFullTaxes) {
    Tax t;
    t.deed_small_max_m2 = 90;
    t.deed_small_rate = 0.01;
    t.deed_large_first_rate = 0.015;
    t.deed_large_second_rate = 0.03;
    EXPECT_DOUBLE_EQ(deed_tax_rate(t, 150, 0), 0.015);  // no line: a first home
    t.ordinary_max_m2 = 144;
    EXPECT_DOUBLE_EQ(deed_tax_rate(t, 150, 0), 0.03);
    EXPECT_DOUBLE_EQ(deed_tax_rate(t, 144, 0), 0.015);
    EXPECT_DOUBLE_EQ(deed_tax_rate(t, 80, 1), 0.01);

    for (const bool line : {false, true}) {
        const Scenario s = test::small_city({{"policy.tax.ordinary_max_m2", line ? "144" : "0"},
                                             {"policy.tax.resale.vat_exempt_years", "2"}});
        World w(s, 0);
        const int32_t seller = test::find_household(w, [&](int32_t k) {
            return w.hh.homes_owned[k] == 1 && w.hh.home[k] >= 0 && w.dw.owner[w.hh.home[k]] == k &&
                   w.dw.mortgage[w.hh.home[k]] < 0;
        });
        ASSERT_GE(seller, 0);
        const int32_t d = w.hh.home[seller];
        w.dw.area_m2[d] = 160;  // a large home
        w.t = 40;
        w.dw.purchase_month[d] = 0;  // held over 3 years: past the 2-year exemption
        const int32_t buyer =
            test::find_household(w, [&](int32_t k) { return w.hh.homes_owned[k] == 0; });
        test::make_first_time_buyer(w, buyer, 5e6, 20000);
        list_for_resale(w, d, 800000);
        w.month = MonthMetrics{};
        ASSERT_TRUE(buy_resale_home(w, buyer, d, BuyerKind::first_time).done);
        // Income tax is due either way unless the home was held 5 years; the tax on the
        // price only above the line.
        const double iit = 0.01 * 800000;
        EXPECT_NEAR(w.month.resale_tax_yuan, (line ? 0.05 * 800000 : 0.0) + iit, 1e-6);
    }
}

}  // namespace
}  // namespace housim
