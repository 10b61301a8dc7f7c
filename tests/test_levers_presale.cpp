// Presale on old land (seed 001 §20): a presale permit at the usual progress needs the rest of
// construction funded by the developer's own cash or through the white list; otherwise the
// project waits for topping-out.
#include <gtest/gtest.h>

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

}  // namespace
}  // namespace housim
