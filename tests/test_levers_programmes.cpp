// Subsidies (seed 001 §4, 000 §11, 003 §5(2)), trade-in channels (001 §5, 000 §4,
// 003 §5(2)), bridging loans and 带押过户 (003 §5(2)) and housing vouchers (001 §6): each
// shown at work.
#include <gtest/gtest.h>

#include "sim/markets/housing_market.hpp"
#include "sim/markets/transactions.hpp"
#include "sim/markets/valuation.hpp"
#include "sim/month/decisions.hpp"
#include "sim/month/exogenous.hpp"
#include "sim/month/programmes.hpp"
#include "sim/programmes/trade_in.hpp"
#include "tests/lever_fixture.hpp"

namespace housim {
namespace {

TEST(Subsidies, TalentSubsidyPaidOnceAndRepaidOnEarlyDeparture) {
    const Scenario s =
        test::small_city({{"policy.subsidy.talent_yuan", "[200000, 100000, 50000, 140000]"}});
    World w(s, 0);
    const int32_t h = test::find_household(w, [&](int32_t k) { return w.hh.homes_owned[k] == 0; });
    test::make_first_time_buyer(w, h, 2e6, 20000);
    w.hp.eligibility[h] = static_cast<uint8_t>(2 | eligibility::new_citizen);  // master's
    w.hp.arrival_month[h] = 0;
    EXPECT_DOUBLE_EQ(purchase_aids(w, h, false).talent, 100000);
    const int32_t project = test::find_project(w, true);
    const double gov_before = w.gov.cash_yuan;
    ASSERT_TRUE(buy_new_home(w, h, project, BuyerKind::first_time).done);
    EXPECT_NEAR(w.month.subsidies_yuan, 100000, 1e-6);
    EXPECT_LT(w.gov.cash_yuan, gov_before);
    EXPECT_DOUBLE_EQ(purchase_aids(w, h, false).talent, 0);  // once only
    // Leaving within the five-year service period repays it.
    w.t = 10;
    const double before = w.month.subsidies_yuan;
    settle_programmes_on_departure(w, h);
    EXPECT_NEAR(w.month.subsidies_yuan, before - 100000, 1e-6);
}

TEST(Subsidies, RentalSubsidyGoesToLowIncomeTenants) {
    const Scenario s = test::small_city({{"policy.subsidy.rental_yuan_per_month", "500"}});
    World w(s, 0);
    test::run_months(w, 0, 2);
    int tenants = 0;
    for (int32_t k = 0; k < w.hh.capacity(); ++k) {
        tenants += w.hh.active[k] && w.hh.tenure[k] == static_cast<uint8_t>(Tenure::renter) &&
                   w.hh.income_month[k] < 0.6 * w.market.mean_income_month;
    }
    EXPECT_GT(w.month.subsidies_yuan, 0);
    EXPECT_LE(w.month.subsidies_yuan, 500.0 * (tenants + w.hh.capacity() / 100));
}

TEST(Subsidies, TradeInSubsidyForANewHomeAfterASale) {
    const Scenario s = test::small_city({{"policy.subsidy.trade_in_yuan", "30000"}});
    World w(s, 0);
    const int32_t h = test::find_household(w, [&](int32_t k) { return w.hh.homes_owned[k] == 0; });
    test::make_first_time_buyer(w, h, 2e6, 20000);
    EXPECT_EQ(purchase_aids(w, h, true).trade_in, 0);
    w.hh.last_sale_month[h] = 0;
    w.t = 3;
    EXPECT_EQ(purchase_aids(w, h, true).trade_in, 30000);
    EXPECT_EQ(purchase_aids(w, h, false).trade_in, 0);  // new homes only
}

// A reservation holds a new unit off the market while the old home sells; the purchase
// completes when it sells, and the deposit comes back if it does not in time.
TEST(TradeIn, ReservationHoldsTheUnitAndCompletesOrLapses) {
    const Scenario s = test::small_city(
        {{"policy.trade_in.reservation", "true"}, {"policy.trade_in.reservation_months", "3"}});
    World w(s, 0);
    const int32_t owner = test::find_household(w, [&](int32_t k) {
        return w.hh.homes_owned[k] == 1 && w.hh.tenure[k] == static_cast<uint8_t>(Tenure::owner);
    });
    ASSERT_GE(owner, 0);
    w.hh.savings[owner] = 3e6;
    const int32_t project = test::find_project(w, true);
    const int available = w.projects[static_cast<size_t>(project)].available();
    BuyerOrder o{owner,           BuyerKind::trade_in, 1e9, 0, 0, true, TradeInChannel::reservation,
                 w.hh.home[owner]};
    std::vector<Listing> book = build_listings(w);
    const Listing* l = nullptr;
    for (const Listing& x : book) {
        if (x.kind == 0 && x.id == project) l = &x;
    }
    ASSERT_NE(l, nullptr);
    const double savings = w.hh.savings[owner];
    ASSERT_TRUE(execute_order(w, o, *l).done);
    EXPECT_EQ(w.projects[static_cast<size_t>(project)].available(), available - 1);
    EXPECT_LT(w.hh.savings[owner], savings);  // the deposit is paid
    // The old home sells this month: the reservation becomes a purchase.
    w.t = 1;
    w.hh.last_sale_month[owner] = 1;
    const int32_t sold_before = w.projects[static_cast<size_t>(project)].units_sold;
    run_household_programmes(w);
    EXPECT_EQ(w.hp.reserved_project(owner), -1);
    EXPECT_EQ(w.projects[static_cast<size_t>(project)].units_sold, sold_before + 1);
    // A second reservation lapses after three months: unit and deposit go back.
    const int32_t other = test::find_household(w, [&](int32_t k) {
        return k != owner && w.hh.homes_owned[k] == 1 &&
               w.hh.tenure[k] == static_cast<uint8_t>(Tenure::owner);
    });
    w.hh.savings[other] = 3e6;
    BuyerOrder o2 = o;
    o2.h = other;
    o2.old_home = w.hh.home[other];
    book = build_listings(w);
    for (const Listing& x : book) {
        if (x.kind == 0 && x.id == project) {
            ASSERT_TRUE(execute_order(w, o2, x).done);
        }
    }
    const double after_deposit = w.hh.savings[other];
    w.t = 1 + 3;
    run_household_programmes(w);
    EXPECT_EQ(w.hp.reserved_project(other), -1);
    EXPECT_GT(w.hh.savings[other], after_deposit);  // refunded
}

// An owner of one home, living in it, with the savings and income to trade it in.
int32_t well_off_owner(World& w) {
    const int32_t owner = test::find_household(w, [&](int32_t k) {
        return w.hh.homes_owned[k] == 1 && w.hh.tenure[k] == static_cast<uint8_t>(Tenure::owner);
    });
    w.hh.savings[owner] = 2e6;
    w.hh.income_month[owner] = 40000;
    return owner;
}

TEST(TradeIn, DeveloperOrSoeTakesTheOldHome) {
    for (const auto channel : {TradeInChannel::developer, TradeInChannel::soe}) {
        const Scenario s = test::small_city({{"policy.trade_in.developer_takes_old_home", "true"},
                                             {"policy.trade_in.soe_buys_old_home", "true"},
                                             {"policy.affordable.funding_yuan", "1e12"}});
        World w(s, 0);
        const int32_t owner = well_off_owner(w);
        const int32_t old_home = w.hh.home[owner];
        const int32_t project = test::find_project(w, true);
        BuyerOrder o{owner, BuyerKind::trade_in, 1e9, 0, 0, true, channel, old_home};
        for (const Listing& x : build_listings(w)) {
            if (x.kind == 0 && x.id == project) {
                ASSERT_TRUE(execute_order(w, o, x).done);
            }
        }
        const auto taker =
            channel == TradeInChannel::developer ? OwnerKind::developer : OwnerKind::government;
        EXPECT_EQ(w.dw.owner_kind[old_home], static_cast<uint8_t>(taker));
        EXPECT_EQ(w.month.trade_ins, 1);
        if (channel == TradeInChannel::developer) {
            EXPECT_GT(w.dw.ask_yuan[old_home], 0) << "the developer resells the old home";
        } else {
            EXPECT_EQ(w.dw.ask_yuan[old_home], 0) << "the SOE keeps it as affordable housing";
        }
    }
}

// Both channels on (000 §4 and 001 §5): where the project's developer does not take part,
// the SOE buys the old home; without the SOE channel the order fails on that project.
TEST(TradeIn, SoeTakesTheOldHomeWhereTheDeveloperDoesNotTakePart) {
    for (const bool soe : {true, false}) {
        const Scenario s =
            test::small_city({{"policy.trade_in.developer_takes_old_home", "true"},
                              {"policy.trade_in.developer_participation", "0"},
                              {"policy.trade_in.soe_buys_old_home", soe ? "true" : "false"},
                              {"policy.affordable.funding_yuan", "1e12"}});
        World w(s, 0);
        const int32_t owner = well_off_owner(w);
        const int32_t old_home = w.hh.home[owner];
        const int32_t project = test::find_project(w, true);
        BuyerOrder o{owner, BuyerKind::trade_in,       1e9,     0, 0,
                     true,  TradeInChannel::developer, old_home};
        bool done = false;
        for (const Listing& x : build_listings(w)) {
            if (x.kind == 0 && x.id == project) done = execute_order(w, o, x).done;
        }
        EXPECT_EQ(done, soe);
        EXPECT_EQ(w.dw.owner_kind[old_home],
                  static_cast<uint8_t>(soe ? OwnerKind::government : OwnerKind::household));
    }
}

// 灵活抵押 (003 §5(2)): an owner without the money to buy first borrows against its old
// home's equity (up to bridging_ltv of the appraisal, less its loans) for the new home, lists
// the old home, and the bridging loan is repaid when it sells. Without the loan the same
// purchase fails.
TEST(TradeIn, BridgingLoanAgainstTheOldHomeBuysNowAndIsRepaidFromItsSale) {
    const Scenario s = test::small_city(
        {{"policy.trade_in.bridging_loans", "true"}, {"policy.trade_in.bridging_ltv", "0.6"}});
    World w(s, 0);
    const int32_t owner = test::find_household(w, [&](int32_t k) {
        return w.hh.homes_owned[k] == 1 && w.hh.tenure[k] == static_cast<uint8_t>(Tenure::owner) &&
               w.hh.age[k] < 45 && w.dw.mortgage[w.hh.home[k]] < 0;
    });
    ASSERT_GE(owner, 0);
    const int32_t old_home = w.hh.home[owner];
    const int32_t project = test::find_project(w, true);
    ASSERT_GE(project, 0);
    const Project& pr = w.projects[static_cast<size_t>(project)];
    const double price = pr.list_price_per_m2 * (1.0 - w.market.list_discount) * pr.unit_area_m2;
    const double equity = 0.6 * appraisal(w, old_home);
    ASSERT_GT(equity, 0.4 * price) << "the old home's equity covers a down payment";
    w.hh.savings[owner] = 0;
    w.hh.pf_balance[owner] = 0;
    w.hh.parent[owner] = -1;
    w.hh.income_month[owner] = 50000;
    w.hh.debt_payment_month[owner] = 0;
    // Not without the loan.
    World plain = w;
    EXPECT_FALSE(buy_new_home(plain, owner, project, BuyerKind::trade_in).done);
    const double bank_before = w.bank.cash_yuan;
    BuyerOrder o{owner, BuyerKind::trade_in, 1e9, 0, 0, true, TradeInChannel::bridging, old_home};
    bool done = false;
    for (const Listing& x : build_listings(w)) {
        if (x.kind == 0 && x.id == project) done = execute_order(w, o, x).done;
    }
    ASSERT_TRUE(done);
    // The bridging loan sits on the old home, within the ceiling, and the home is for sale.
    const double bridge = loans_on(w, old_home);
    EXPECT_GT(bridge, 0);
    EXPECT_LE(bridge, equity + 1e-6);
    EXPECT_NEAR(w.month.bridging_loans_yuan, bridge, 1e-6);
    EXPECT_GT(w.dw.ask_yuan[old_home], 0);
    EXPECT_EQ(w.hh.homes_owned[owner], 2);
    EXPECT_LT(w.bank.cash_yuan, bank_before - bridge + 1e-6) << "the bank lent both loans";
    // The old home sells: the bridging loan is repaid from the price.
    const int32_t buyer =
        test::find_household(w, [&](int32_t k) { return w.hh.homes_owned[k] == 0 && k != owner; });
    ASSERT_GE(buyer, 0);
    test::make_first_time_buyer(w, buyer, 1e8, 30000);
    const double savings_before = w.hh.savings[owner];
    const double ask = w.dw.ask_yuan[old_home];
    ASSERT_TRUE(buy_resale_home(w, buyer, old_home, BuyerKind::first_time).done);
    EXPECT_EQ(loans_on(w, old_home), 0) << "the buyer took it free of the seller's loans";
    EXPECT_EQ(w.hh.homes_owned[owner], 1);
    EXPECT_LT(w.hh.savings[owner] - savings_before, ask - bridge + 1e-6);
    EXPECT_GT(w.hh.savings[owner] - savings_before, ask - bridge - 0.1 * ask) << "taxes only";
}

// 带押过户 (003 §5(2)): without it a seller clears its loan before the transfer and pays
// bridging lenders behaviour.bridging_cost_share of what its savings do not cover; with
// it the loan is repaid from the price and nothing more is paid. The fee reaches the bank.
TEST(ResaleTransfer, WithoutTransferWithTheMortgageSellersPayForBridging) {
    double kept[2] = {0, 0};
    double bank[2] = {0, 0};
    double owed = 0;
    double savings = 0;
    for (const bool in_place : {true, false}) {
        const Scenario s = test::small_city(
            {{"policy.sales.resale_transfer_with_mortgage", in_place ? "true" : "false"},
             {"behaviour.bridging_cost_share", "0.02"}});
        World w(s, 0);
        const int32_t seller = test::find_household(w, [&](int32_t k) {
            return w.hh.homes_owned[k] == 1 && w.hh.home[k] >= 0 &&
                   w.dw.mortgage[w.hh.home[k]] >= 0;
        });
        ASSERT_GE(seller, 0);
        const int32_t d = w.hh.home[seller];
        w.hh.savings[seller] = 1000;
        owed = loans_on(w, d);
        savings = w.hh.savings[seller];
        ASSERT_GT(owed, savings);
        list_for_resale(w, d, 2.0 * market_value(w, d) + owed);  // covers taxes and the loan
        const int32_t buyer = test::find_household(
            w, [&](int32_t k) { return w.hh.homes_owned[k] == 0 && k != seller; });
        test::make_first_time_buyer(w, buyer, 1e9, 30000);
        const double before = w.hh.savings[seller];
        const double bank_before = w.bank.cash_yuan;
        w.month = MonthMetrics{};
        ASSERT_TRUE(buy_resale_home(w, buyer, d, BuyerKind::first_time).done);
        kept[in_place ? 0 : 1] = w.hh.savings[seller] - before;
        bank[in_place ? 0 : 1] = w.bank.cash_yuan - bank_before;
        EXPECT_NEAR(w.month.bridging_fees_yuan, in_place ? 0.0 : 0.02 * (owed - savings), 1e-6);
    }
    const double fee = 0.02 * (owed - savings);
    EXPECT_NEAR(kept[0] - kept[1], fee, 1e-6 * owed);
    EXPECT_NEAR(bank[1] - bank[0], fee, 1e-6 * owed);
}

// Seed 001 §6: a displaced owner paid by voucher buys a new home with voucher plus loan.
TEST(Vouchers, HolderBuysANewHomeWithVoucherPlusLoan) {
    const Scenario s = test::small_city(
        {{"policy.renewal.voucher_share", "1.0"}, {"policy.renewal.voucher_premium", "0.1"}});
    World w(s, 0);
    int32_t d = -1;
    for (int32_t k = 0; k < w.dw.count() && d < 0; ++k) {
        const int32_t h = w.dw.owner[k];
        if (w.dw.completed(k) && w.dw.owner_kind[k] == 0 && w.hh.home[h] == k &&
            w.hh.homes_owned[h] == 1 && w.dw.mortgage[k] < 0 && w.hh.age[h] < 50) {
            d = k;
        }
    }
    ASSERT_GE(d, 0);
    const int32_t h = w.dw.owner[d];
    w.t = 1;
    demolish(w, d);
    const double voucher = w.hp.voucher_yuan(h);
    EXPECT_GT(voucher, 0);
    EXPECT_NEAR(w.month.vouchers_issued_yuan, voucher, 1e-3);
    EXPECT_TRUE(w.hh.has(h, hh_flag::wants_to_buy));
    // A dearer new home than the voucher covers: the rest by a mortgage.
    int32_t project = -1;
    for (size_t i = 0; i < w.projects.size(); ++i) {
        const Project& p = w.projects[i];
        if (p.available() > 0 && p.stage == Stage::completed &&
            p.list_price_per_m2 * p.unit_area_m2 > 1.3 * voucher) {
            project = static_cast<int32_t>(i);
        }
    }
    ASSERT_GE(project, 0);
    w.hh.savings[h] = 0.1 * voucher;
    w.hh.income_month[h] = 30000;
    const PurchaseResult r = buy_new_home(w, h, project, BuyerKind::mover);
    ASSERT_TRUE(r.done);
    EXPECT_GT(r.loans, 0);
    EXPECT_NEAR(w.month.vouchers_redeemed_yuan, voucher, 1e-3);
    EXPECT_EQ(w.hp.voucher_yuan(h), 0);
}

TEST(Vouchers, LapseIntoCashAndTransferOnce) {
    const Scenario s = test::small_city({{"policy.renewal.voucher_valid_months", "2"}});
    World w(s, 0);
    const int32_t h = test::find_household(w, [&](int32_t k) { return w.hh.homes_owned[k] == 0; });
    w.t = 0;
    issue_voucher(w, h, 110000);
    w.t = 2;
    const double savings = w.hh.savings[h];
    run_household_programmes(w);
    EXPECT_EQ(w.hp.voucher_yuan(h), 0);
    EXPECT_NEAR(w.hh.savings[h] - savings, 110000 / 1.1, 1e-6);
}

}  // namespace
}  // namespace housim
