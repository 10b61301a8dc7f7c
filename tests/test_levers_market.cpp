// Land terms (seed 001 §12, §17), sales regime (001 §20, 003 §5(1), 004 §4(1)), escrow
// guarantees (003 §6(4)), developer finance (000 §15, 003 §3(1), §6(3), 004 §3(3)) and
// sentiment (001 §7): each shown at work.
#include <gtest/gtest.h>

#include <algorithm>

#include "sim/month/construction.hpp"
#include "sim/month/land_market.hpp"
#include "sim/month/policy_engine.hpp"
#include "sim/month/prices.hpp"
#include "sim/programmes/developer_finance.hpp"
#include "tests/lever_fixture.hpp"

namespace housim {
namespace {

// The winner of an auction pays the first installment at once and the rest monthly.
TEST(LandTerms, FirstInstallmentThenMonthlyPayments) {
    const Scenario s = test::small_city({{"policy.land.first_installment_share", "0.5"},
                                         {"policy.land.installment_months", "12"},
                                         {"policy.land.destock_rule.enabled", "false"}});
    World w(s, 0);
    for (Developer& d : w.developers)
        d.cash_yuan = 1e12;
    w.t = 0;
    apply_policy(w);
    const size_t before = w.parcels.size();
    run_land_market(w);
    ASSERT_GT(w.month.land_sold_m2, 0);
    const Parcel* sold = nullptr;
    for (size_t i = before; i < w.parcels.size(); ++i) {
        if (w.parcels[i].holder >= 0) sold = &w.parcels[i];
    }
    ASSERT_NE(sold, nullptr);
    EXPECT_NEAR(sold->paid_yuan, 0.5 * sold->price_yuan, 1e-6);
    EXPECT_NEAR(sold->installment_yuan, 0.5 * sold->price_yuan / 12, 1e-6);
    const double paid = sold->paid_yuan;
    const auto id = static_cast<size_t>(sold - w.parcels.data());
    w.t = 1;
    run_land_market(w);
    EXPECT_NEAR(w.parcels[id].paid_yuan, paid + 0.5 * w.parcels[id].price_yuan / 12, 1e-6);
}

// No project starts on land before the approvals lag; 拿地即开工 (lag 0-1) starts sooner.
TEST(LandTerms, StartLagDelaysConstruction) {
    for (const int lag : {1, 9}) {
        const Scenario s =
            test::small_city({{"policy.land.min_start_lag_months", std::to_string(lag)}});
        World w(s, 0);
        for (Developer& d : w.developers)
            d.cash_yuan = 1e12;
        Parcel pa;
        pa.holder = 0;
        pa.floor_area_m2 = static_cast<float>(s.city.parcel_floor_area_m2 / w.scale);
        pa.price_yuan = pa.paid_yuan = 1;
        pa.purchase_month = 0;
        w.parcels.push_back(pa);
        const size_t id = w.parcels.size() - 1;
        int started = -1;
        for (w.t = 0; w.t < 15 && started < 0; ++w.t) {
            run_construction(w);
            if (w.parcels[id].started) started = w.t;
        }
        ASSERT_GE(started, 0);
        EXPECT_GE(started, lag);
    }
}

// Land sold after the rule's date sells completed homes only (003 §5(1)).
TEST(SalesRegime, CompletedOnlyForLandSoldAfterTheDate) {
    const Scenario s = test::small_city({{"policy.sales.new_land_rule_from", "\"2024-07\""},
                                         {"policy.sales.new_land_presale_threshold", "1.0"}});
    World w(s, 0);
    for (Developer& d : w.developers)
        d.cash_yuan = 1e12;
    const int32_t old_land = create_project(w, 0, -1, 0, 0, 100, 10, 3500, 0);
    Parcel pa;
    pa.holder = 0;
    pa.purchase_month = static_cast<int16_t>(s.run.burn_in_months);  // sold at run.start
    w.parcels.push_back(pa);
    const int32_t new_land =
        create_project(w, 0, static_cast<int32_t>(w.parcels.size()) - 1, 0, 0, 100, 10, 3500, 0);
    w.active_projects.push_back(old_land);
    w.active_projects.push_back(new_land);
    EXPECT_DOUBLE_EQ(presale_threshold(w, w.projects[static_cast<size_t>(old_land)]),
                     s.levers.policy.sales.presale_progress_threshold);
    EXPECT_DOUBLE_EQ(presale_threshold(w, w.projects[static_cast<size_t>(new_land)]), 1.0);
    for (w.t = 0; w.t < s.city.construction_months - 1; ++w.t)
        run_construction(w);
    EXPECT_EQ(w.projects[static_cast<size_t>(old_land)].stage, Stage::presale);
    EXPECT_EQ(w.projects[static_cast<size_t>(new_land)].stage, Stage::construction);
}

TEST(SalesRegime, PriceFilingLimitBoundsCuts) {
    BehaviourParams b;
    b.max_monthly_cut = 0.10;
    b.reprice_speed = 1.0;  // no sales at all: the cut is as deep as the limits allow
    Sales sales;
    sales.max_price_cut_per_month = 0.02;
    EXPECT_NEAR(reprice(10000, 0, 10, b, sales, 0), 9800, 1e-9);
    sales.max_price_cut_per_month = 1.0;  // 004 §4(1): no limit
    EXPECT_LT(reprice(10000, 0, 10, b, sales, 0), 9800);
}

// The price-filing band (seed 000 §3, 004 §4(1)): no project's list price falls more than the
// band below the price it filed at launch (or below cost), where without the band the
// developers of slow projects go below it within three years of the small city.
TEST(SalesRegime, PriceFilingBandBoundsCumulativeCuts) {
    double lowest_ratio[2] = {1e9, 1e9};
    for (int banded = 0; banded < 2; ++banded) {
        const Scenario s = test::small_city(
            {{"policy.sales.max_cut_from_filed_share", banded ? "0.05" : "1.0"},
             {"run.months", "36"}});
        World w(s, 0);
        for (w.t = 0; w.t < s.run.burn_in_months + s.run.months; ++w.t) {
            step_month(w, false);
            for (const Project& p : w.projects) {
                if (!p.permitted() || p.unsold() <= 0 || p.filed_price_per_m2 <= 0) continue;
                if (p.list_price_per_m2 <= p.cost_per_m2_yuan * (1 + 1e-12)) continue;  // cost
                lowest_ratio[banded] =
                    std::min(lowest_ratio[banded], p.list_price_per_m2 / p.filed_price_per_m2);
            }
        }
    }
    EXPECT_LT(lowest_ratio[0], 0.95) << "without the band some project cuts more than 5%";
    EXPECT_GE(lowest_ratio[1], 0.95 - 1e-12) << "with it none does";
}

// A bank guarantee replaces part of the supervised amount: more escrow is released.
TEST(Escrow, GuaranteeReleasesSupervisedMoney) {
    double released[2];
    for (int on = 0; on < 2; ++on) {
        const Scenario s = test::small_city({{"policy.escrow.guarantee_share", on ? "0.3" : "0"}});
        World w(s, 0);
        const int32_t id = create_project(w, 0, -1, 0, 0, 100, 100, 3500, 0);
        Project& p = w.projects[static_cast<size_t>(id)];
        p.stage = Stage::presale;
        p.progress = 0.3f;
        p.escrow_yuan = p.escrow_paid_in_yuan = 0.8 * 3500 * 100 * 100;
        released[on] = escrow_free(w, p);
    }
    EXPECT_GT(released[1], released[0]);
}

TEST(DeveloperFinance, WhiteListRatingAndRollover) {
    Scenario s = test::small_city();
    World w(s, 0);
    Developer c;
    c.rating = Rating::C;
    EXPECT_FALSE(loan_eligible(w, c));
    const Scenario wide =
        test::small_city({{"policy.developer_finance.white_list_min_rating", "\"C\""}});
    World w2(wide, 0);
    EXPECT_TRUE(loan_eligible(w2, c));
    const Scenario roll = test::small_city({{"policy.developer_finance.rollover", "true"}});
    World w3(roll, 0);
    Project p;
    p.units = 100;
    p.unit_area_m2 = 100;
    p.cost_per_m2_yuan = 3500;
    p.stage = Stage::presale;
    p.progress = 0.5f;
    p.list_price_per_m2 = 9000;  // unsold stock worth far more than the cost to build
    EXPECT_DOUBLE_EQ(loan_limit(w, p), 0.5 * 3500 * 100 * 100);
    EXPECT_DOUBLE_EQ(loan_limit(w3, p), 3500.0 * 100 * 100);
}

// A defaulted developer's stalled project is completed by the state rescuer (004 §3(3)).
TEST(DeveloperFinance, RescueCompletesStalledProjects) {
    const Scenario s = test::small_city({{"policy.developer_finance.rescue", "true"},
                                         {"policy.developer_finance.rescue_after_months", "2"}});
    World w(s, 0);
    int32_t id = -1;
    for (int32_t k : w.active_projects)
        id = k;
    ASSERT_GE(id, 0);
    const int32_t dev = w.projects[static_cast<size_t>(id)].developer;
    w.developers[static_cast<size_t>(dev)].distress = Distress::defaulted;
    for (w.t = 0; w.t < 4; ++w.t)
        run_construction(w);
    EXPECT_TRUE(
        w.developers[static_cast<size_t>(w.projects[static_cast<size_t>(id)].developer)].soe);
    EXPECT_GE(w.gov.projects_rescued, 1);
    for (w.t = 4; w.t < 4 + s.city.construction_months; ++w.t)
        run_construction(w);
    EXPECT_EQ(w.projects[static_cast<size_t>(id)].stage, Stage::completed);
}

// Expos (001 §7: at least two a year) raise the search hazard and bring discounts.
TEST(Sentiment, ExposInSpringAndAutumn) {
    const Scenario s = test::small_city({{"policy.sentiment.expos_per_year", "2"}});
    World w(s, 0);
    int expo_months = 0;
    for (w.t = s.run.burn_in_months; w.t < s.run.burn_in_months + 12; ++w.t) {
        apply_policy(w);
        if (w.market.list_discount > 0) {
            ++expo_months;
            EXPECT_TRUE(w.calendar_month() == 4 || w.calendar_month() == 10) << w.calendar_month();
            EXPECT_DOUBLE_EQ(w.market.search_boost, s.levers.policy.sentiment.expo_hazard_boost);
        }
    }
    EXPECT_EQ(expo_months, 2);
}

TEST(Sentiment, PublicityBoostDecaysFromItsMonth) {
    const Scenario s = load_scenario_text(
        "[run]\nhouseholds = 6000\nscale = 160\nmonths = 12\nburn_in_months = 0\n"
        "[[timeline]]\nat = \"2025-03\"\nset = { \"policy.sentiment.boost\" = 0.5 }\n",
        "t.toml");
    World w(s, 0);
    double boost[6];
    for (w.t = 0; w.t < 6; ++w.t) {
        apply_policy(w);
        boost[w.t] = w.market.search_boost;
    }
    EXPECT_EQ(boost[1], 0);
    EXPECT_DOUBLE_EQ(boost[2], 0.5);
    EXPECT_LT(boost[5], boost[3]);
    EXPECT_GT(boost[5], 0);
}

}  // namespace
}  // namespace housim
