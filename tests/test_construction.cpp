// Construction, presale permits and escrow (phase 6).
#include <gtest/gtest.h>

#include <algorithm>

#include "sim/month/construction.hpp"
#include "sim/world.hpp"
#include "tests/small_world.hpp"

namespace housim {
namespace {

// Gives every developer ample cash so no project stalls for lack of money.
void fund_developers(World& w) {
    for (Developer& d : w.developers)
        d.cash_yuan = 1e12;
}

int32_t first_project_in(const World& w, Stage stage) {
    for (int32_t id : w.active_projects) {
        if (w.projects[static_cast<size_t>(id)].stage == stage) return id;
    }
    return -1;
}

TEST(Construction, ProjectPresellsOnlyAfterTheThreshold) {
    const Scenario s = test::small_city({{"policy.sales.presale_progress_threshold", "0.5"}});
    World w(s, 0);
    fund_developers(w);
    const int32_t id = first_project_in(w, Stage::construction);
    ASSERT_GE(id, 0);
    w.projects[static_cast<size_t>(id)].progress = 0.0f;
    for (int month = 0; month < s.city.construction_months; ++month) {
        w.t = month;
        run_construction(w);
        const Project& p = w.projects[static_cast<size_t>(id)];
        if (p.progress < 0.5f - 1e-6f) {
            ASSERT_EQ(p.stage, Stage::construction) << "permit before threshold at " << p.progress;
        } else {
            ASSERT_NE(p.stage, Stage::construction) << "no permit at " << p.progress;
            EXPECT_GT(p.list_price_per_m2, 0);
        }
    }
}

TEST(Construction, CompletedOnlySalesWaitForCompletion) {
    const Scenario s = test::small_city({{"policy.sales.presale_progress_threshold", "1.0"}});
    World w(s, 0);
    fund_developers(w);
    const int32_t id = first_project_in(w, Stage::construction);
    ASSERT_GE(id, 0);
    for (int month = 0; month < s.city.construction_months + 2; ++month) {
        w.t = month;
        run_construction(w);
        const Project& p = w.projects[static_cast<size_t>(id)];
        EXPECT_TRUE(p.stage != Stage::presale) << "presale permit under completed-only sales";
    }
    EXPECT_EQ(w.projects[static_cast<size_t>(id)].stage, Stage::completed);
}

TEST(Construction, EscrowHoldsTheRetainedShareUntilCompletion) {
    const Scenario s = test::small_city();
    World w(s, 0);
    fund_developers(w);
    const int32_t id = first_project_in(w, Stage::presale);
    ASSERT_GE(id, 0);
    // Projects may be appended while construction runs: look the project up each time.
    auto project = [&]() -> const Project& { return w.projects[static_cast<size_t>(id)]; };
    ASSERT_GT(project().escrow_paid_in_yuan, 0);
    const Rating rating = w.developers[static_cast<size_t>(project().developer)].rating;
    const double retention = rating == Rating::C ? s.levers.policy.escrow.retention_share
                                                 : s.levers.policy.escrow.retention_share_ab;
    const double supervised = project().cost_per_m2_yuan * project().floor_area_m2();
    const double completions_before = w.month.completions_units;
    for (int month = 0; month < s.city.construction_months; ++month) {
        w.t = month;
        run_construction(w);
        const Project& p = project();
        if (p.stage != Stage::completed) {
            // The retained share of the supervised amount stays until completion ...
            EXPECT_GE(p.escrow_yuan,
                      retention * std::min(supervised, p.escrow_paid_in_yuan) - 1e-6);
            // ... and what exceeds both the retained share and the cost still to build
            // has been released to the developer.
            const double to_complete = supervised * (1.0 - p.progress);
            EXPECT_LE(p.escrow_yuan,
                      std::max(to_complete, retention * std::min(supervised,
                                                                 p.escrow_paid_in_yuan)) +
                          1e-6 * supervised);  // progress is a float: ~1e-7 relative
            EXPECT_NEAR(p.escrow_yuan + p.escrow_released_yuan, p.escrow_paid_in_yuan, 1e-3);
        }
    }
    ASSERT_EQ(project().stage, Stage::completed);
    EXPECT_EQ(project().escrow_yuan, 0);
    EXPECT_GT(w.month.completions_units, completions_before);
}

// Completion filing after delivery (seed 001 §16): without the delivery node the retained
// share waits for filing; with it, escrow above the delivery share (15%, A/B 10%) is
// released at delivery and the rest at filing.
TEST(Construction, EscrowWaitsForFilingUnlessTheDeliveryNodeReleasesIt) {
    for (const bool node : {false, true}) {
        const Scenario s =
            test::small_city({{"policy.escrow.filing_lag_months", "3"},
                              {"policy.escrow.retention_share", "0.3"},
                              {"policy.escrow.retention_share_ab", "0.3"},
                              {"policy.escrow.delivery_node", node ? "true" : "false"}});
        World w(s, 0);
        fund_developers(w);
        const int32_t id = first_project_in(w, Stage::presale);
        ASSERT_GE(id, 0);
        auto project = [&]() -> const Project& { return w.projects[static_cast<size_t>(id)]; };
        const Rating rating = w.developers[static_cast<size_t>(project().developer)].rating;
        const double delivery_share = rating == Rating::C ? 0.15 : 0.10;
        int delivered = -1;
        for (int month = 0; month < s.city.construction_months + 6; ++month) {
            w.t = month;
            run_construction(w);
            const Project& p = project();
            if (p.stage != Stage::completed) continue;
            const double base =
                std::min(p.cost_per_m2_yuan * p.floor_area_m2(), p.escrow_paid_in_yuan);
            if (delivered < 0) delivered = month;
            if (month < delivered + 3) {
                const double held = node ? delivery_share : 0.3;
                EXPECT_NEAR(p.escrow_yuan, held * base, 1e-6 * base) << "month " << month;
            } else {
                EXPECT_EQ(p.escrow_yuan, 0) << "filed at month " << month;
            }
            EXPECT_NEAR(p.escrow_yuan + p.escrow_released_yuan, p.escrow_paid_in_yuan, 1e-3);
        }
        ASSERT_GE(delivered, 0);
        EXPECT_LE(delivered + 3, s.city.construction_months + 5) << "filing inside the window";
    }
}

TEST(Construction, DeveloperWithoutMoneyStallsAndLaterDefaults) {
    const Scenario s = test::small_city({{"policy.developer_finance.white_list", "false"},
                                         {"behaviour.stall_default_months", "3"}});
    World w(s, 0);
    const int32_t id = first_project_in(w, Stage::construction);
    ASSERT_GE(id, 0);
    const int32_t dev = w.projects[static_cast<size_t>(id)].developer;
    w.developers[static_cast<size_t>(dev)].cash_yuan = 0;
    for (Project& p : w.projects)
        p.escrow_yuan = 0;  // nothing to release either
    for (int month = 0; month < 3; ++month) {
        w.t = month;
        w.developers[static_cast<size_t>(dev)].cash_yuan = 0;
        const float before = w.projects[static_cast<size_t>(id)].progress;
        run_construction(w);
        EXPECT_TRUE(w.projects[static_cast<size_t>(id)].stalled);
        EXPECT_EQ(w.projects[static_cast<size_t>(id)].progress, before);
    }
    EXPECT_EQ(w.developers[static_cast<size_t>(dev)].distress, Distress::defaulted);
}

}  // namespace
}  // namespace housim
