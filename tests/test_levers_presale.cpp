// Presale on old land (seed 001 §20): a presale permit at the usual progress needs the rest of
// construction funded by the developer's own cash or through the white list; otherwise the
// project waits for topping-out. New homes sold with the developer's project mortgage in
// place (001 §14).
#include <gtest/gtest.h>

#include "sim/markets/transactions.hpp"
#include "sim/month/construction.hpp"
#include "sim/programmes/developer_finance.hpp"
#include "tests/lever_fixture.hpp"

namespace housim {
namespace {

TEST(PresaleLevers, OldLandNeedsOwnFundsOrTheWhiteList) {
    const Scenario s = test::small_city({{"policy.sales.presale_progress_threshold", "0.25"},
                                         {"policy.sales.new_land_presale_threshold", "0.7"},
                                         {"policy.sales.new_land_rule_from", "2200-01"},
                                         {"policy.sales.old_land_funded_presale", "true"},
                                         {"policy.developer_finance.white_list", "false"}});
    const Scenario off = test::small_city({{"policy.sales.presale_progress_threshold", "0.25"},
                                           {"policy.sales.new_land_presale_threshold", "0.7"},
                                           {"policy.sales.new_land_rule_from", "2200-01"},
                                           {"policy.developer_finance.white_list", "false"}});
    const Scenario listed =
        test::small_city({{"policy.sales.presale_progress_threshold", "0.25"},
                          {"policy.sales.new_land_presale_threshold", "0.7"},
                          {"policy.sales.new_land_rule_from", "2200-01"},
                          {"policy.sales.old_land_funded_presale", "true"},
                          {"policy.developer_finance.white_list", "true"},
                          {"policy.developer_finance.white_list_min_rating", "C"}});
    World w(s, 0);
    World w_off(off, 0);
    World w_listed(listed, 0);
    ASSERT_FALSE(w.projects.empty());
    Project& p = w.projects.front();  // on land sold before the rule's date (2200)
    p.progress = 0.2f;
    Developer& dev = w.developers[static_cast<size_t>(p.developer)];
    ASSERT_FALSE(loan_eligible(w, dev));
    const double to_complete = p.cost_per_m2_yuan * p.floor_area_m2() * 0.8;
    dev.cash_yuan = 0.5 * to_complete;  // own funds short of the rest of construction
    EXPECT_DOUBLE_EQ(presale_threshold(w, p), 0.7);
    dev.cash_yuan = to_complete + 1;  // the rest is funded
    EXPECT_DOUBLE_EQ(presale_threshold(w, p), 0.25);
    // Without the condition, or on the white list, the usual progress applies.
    Project& q = w_off.projects.front();
    w_off.developers[static_cast<size_t>(q.developer)].cash_yuan = 0;
    EXPECT_DOUBLE_EQ(presale_threshold(w_off, q), 0.25);
    Project& r = w_listed.projects.front();
    r.progress = 0.2f;
    w_listed.developers[static_cast<size_t>(r.developer)].cash_yuan = 0;
    ASSERT_TRUE(loan_eligible(w_listed, w_listed.developers[static_cast<size_t>(r.developer)]));
    EXPECT_DOUBLE_EQ(presale_threshold(w_listed, r), 0.25);
}

// 001 §14: without 带押过户 for new homes, the development loan a developer could not repay
// at completion stays pledged on the unsold homes, and a home sells only when its developer
// can clear its share first; with it, the share is repaid from the price.
TEST(PresaleLevers, PledgedNewHomesSellOnlyOnceTheirShareIsCleared) {
    for (const bool in_place : {false, true}) {
        const Scenario s = test::small_city(
            {{"policy.sales.new_transfer_with_mortgage", in_place ? "true" : "false"}});
        World w(s, 0);
        const int32_t id = test::find_project(w, true);
        ASSERT_GE(id, 0);
        Project& p = w.projects[static_cast<size_t>(id)];
        Developer& dev = w.developers[static_cast<size_t>(p.developer)];
        // A completed project whose developer had no cash to repay its loan at completion.
        const double loan = 1e6 * p.unsold();
        p.loan_yuan = loan;
        dev.loan_yuan += loan;
        w.bank.dev_loans_yuan += loan;
        dev.cash_yuan = 0;
        const double share = loan / p.unsold();
        EXPECT_DOUBLE_EQ(pledge_per_unit(p), share);
        const int32_t buyer =
            test::find_household(w, [&](int32_t k) { return w.hh.homes_owned[k] == 0; });
        test::make_first_time_buyer(w, buyer, 1e8, 50000);
        const bool sold = buy_new_home(w, buyer, id, BuyerKind::first_time).done;
        EXPECT_EQ(sold, in_place) << "a pledged home waits for its share to be cleared";
        if (!in_place) {
            // Once the developer has the cash, the home sells and its share is repaid.
            dev.cash_yuan = share;
            const double bank_before = w.bank.cash_yuan;
            ASSERT_TRUE(buy_new_home(w, buyer, id, BuyerKind::first_time).done);
            EXPECT_NEAR(w.bank.cash_yuan - bank_before, share + 0.0, 1e-6 * share + 1.0)
                << "the share of the loan, and no mortgage (a cash buyer)";
        }
        EXPECT_NEAR(p.loan_yuan, loan - share, 1e-6 * loan);
        EXPECT_NEAR(pledge_per_unit(p), share, 1e-6 * share) << "the rest stays on the rest";
    }
}

}  // namespace
}  // namespace housim
