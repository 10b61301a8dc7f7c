// Mortgage contracts as they are (MODEL.md §5): LPR-linked rates that reprice on their
// repricing dates with the spread fixed at origination, batch adjustments of existing
// spreads (FACTS §2b, 25 Oct 2024), prepayment that responds to the rate gap, and credit
// that can fail: more job losses bring more arrears and non-performing loans.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "sim/month/finance_upkeep.hpp"
#include "sim/run/runner.hpp"
#include "tests/lever_fixture.hpp"
#include "tests/metric_helpers.hpp"

namespace housim {
namespace {

// Balance-weighted rate of the world's commercial loans.
double commercial_rate_mean(const World& w) {
    double b = 0, r = 0;
    for (int32_t m = 0; m < w.mg.capacity(); ++m) {
        if (!w.mg.active[m] || static_cast<Lender>(w.mg.lender[m]) != Lender::commercial) continue;
        b += w.mg.balance_yuan[m];
        r += w.mg.balance_yuan[m] * w.mg.rate_annual[m];
    }
    return r / b;
}

// The small city from 2025-01 (burn-in 6 months: simulated month 6 is January 2025).
Scenario city(std::vector<Override> extra) {
    extra.push_back({"run.burn_in_months", "6"});
    return test::small_city(extra);
}

TEST(MortgageContracts, AnLprCutReachesExistingLoansOnTheirRepricingDate) {
    // The LPR falls 50 bp from 2025-03 (reported month 2; a --set cannot date it: the
    // timeline does, through the lever path, so the path is edited before the run).
    Scenario s = city({});
    for (size_t t = 2; t < s.lever_path.size(); ++t)
        s.lever_path[t].exogenous.lpr_5y_annual -= 0.005;
    World w(s, 0);
    // Each commercial loan originated before the cut, by row, with its origination month
    // (a row freed and reused by a later loan has another).
    struct Loan {
        int32_t row;
        int16_t origin;
        float rate;
    };
    std::vector<Loan> old_loans;
    double before = 0;
    for (w.t = 0; w.t < 6 + 13; ++w.t) {
        step_month(w, true);
        if (w.t == 6 + 10) {  // 2025-11: not yet repriced
            before = commercial_rate_mean(w);
            for (int32_t m = 0; m < w.mg.capacity(); ++m) {
                if (w.mg.active[m] && static_cast<Lender>(w.mg.lender[m]) == Lender::commercial &&
                    w.mg.origin_month[m] < 6 + 2) {
                    old_loans.push_back({m, w.mg.origin_month[m], w.mg.rate_annual[m]});
                }
            }
        }
        if (w.t == 6 + 11) {  // 2025-12: still the old rates
            EXPECT_NEAR(commercial_rate_mean(w), before, 0.0006) << "new loans only";
            for (const Loan& l : old_loans) {
                if (!w.mg.active[l.row] || w.mg.origin_month[l.row] != l.origin) continue;
                EXPECT_EQ(w.mg.rate_annual[l.row], l.rate) << "row " << l.row;
            }
        }
    }
    // 2026-01 repriced every existing loan: each old loan's rate falls by exactly the LPR's
    // fall since its last repricing date, 2025-01 (the 50 bp here and the default city's
    // own May 2025 cut: its spread is fixed at origination), and the balance-weighted mean
    // falls by about as much (new loans at the new LPR were already part of it).
    const float cut = static_cast<float>(s.lever_path[0].exogenous.lpr_5y_annual -
                                         s.lever_path[12].exogenous.lpr_5y_annual);
    ASSERT_GT(cut, 0.005f);
    w.t -= 1;
    int repriced = 0;
    for (const Loan& l : old_loans) {
        if (!w.mg.active[l.row] || w.mg.origin_month[l.row] != l.origin) continue;
        EXPECT_NEAR(w.mg.rate_annual[l.row], l.rate - cut, 1e-6) << "row " << l.row;
        ++repriced;
    }
    EXPECT_GT(repriced, 100);
    EXPECT_NEAR(commercial_rate_mean(w), before - cut, 0.0008);
}

TEST(MortgageContracts, ABatchAdjustmentCapsExistingSpreadsAtOnce) {
    Scenario s = city({{"city.initial_mortgage_spread_annual", "0.006"}});
    for (size_t t = 3; t < s.lever_path.size(); ++t)  // from reported month 3: month 9
        s.lever_path[t].policy.commercial.existing_spread_cap_annual = -0.003;
    World w(s, 0);
    for (w.t = 0; w.t < 9; ++w.t)
        step_month(w, true);
    int above = 0;
    for (int32_t m = 0; m < w.mg.capacity(); ++m)
        above += w.mg.active[m] && w.mg.spread_annual[m] > -0.003f + 1e-6f;
    ASSERT_GT(above, 100) << "the initial loans carry +60 bp";
    step_month(w, true);  // month 9: the cap takes effect
    const double lpr = w.levers().exogenous.lpr_5y_annual;
    int commercial = 0;
    for (int32_t m = 0; m < w.mg.capacity(); ++m) {
        if (!w.mg.active[m] || static_cast<Lender>(w.mg.lender[m]) != Lender::commercial) continue;
        if (w.mg.origin_month[m] >= 9) continue;  // new loans are priced by the rules for them
        ++commercial;
        EXPECT_LE(w.mg.spread_annual[m], -0.003f + 1e-6f) << "loan " << m;
        EXPECT_LE(w.mg.rate_annual[m], static_cast<float>(lpr - 0.003) + 1e-6f) << "loan " << m;
    }
    EXPECT_GT(commercial, 100);
}

// Prepaid yuan over the run's reported months, summed over replicates.
double prepaid(const Scenario& s, int replicates) {
    double sum = 0;
    for (uint32_t r = 0; r < static_cast<uint32_t>(replicates); ++r) {
        const ReplicateResult res = run_replicate(s, r, false);
        sum += test::tail_mean(res, "prepayments_yuan", res.months);
    }
    return sum;
}

TEST(MortgageContracts, PrepaymentRisesWithTheGapToDepositRates) {
    // Paired (common random numbers): deposits paying 3% instead of 1.5% narrow the gap
    // between loan rates (about 3.3%) and deposits to a few tenths of a point, and borrowers
    // prepay a fraction as much (the hazard is proportional to the gap).
    const double wide = prepaid(city({{"run.months", "24"}}), 2);
    const double narrow =
        prepaid(city({{"run.months", "24"}, {"exogenous.deposit_rate_annual", "0.03"}}), 2);
    EXPECT_GT(wide, 0);
    EXPECT_LT(narrow, 0.5 * wide);
}

TEST(MortgageContracts, MoreJobLossesBringMoreArrearsAndBadLoans) {
    // Paired replicates: the job-loss hazard tripled. Arrears and non-performing loans must
    // rise in each of 3 replicates (means over the last 12 of 24 months).
    const Scenario base = city({{"run.months", "24"}});
    const Scenario worse = city({{"run.months", "24"}, {"exogenous.job_loss_multiplier", "3"}});
    for (uint32_t r = 0; r < 3; ++r) {
        const ReplicateResult a = run_replicate(base, r, true);
        const ReplicateResult b = run_replicate(worse, r, true);
        EXPECT_GT(test::tail_mean(b, "mortgage_arrears_share", 12),
                  test::tail_mean(a, "mortgage_arrears_share", 12))
            << "replicate " << r;
        EXPECT_GT(test::tail_mean(b, "mortgage_npl_ratio", 12),
                  test::tail_mean(a, "mortgage_npl_ratio", 12))
            << "replicate " << r;
    }
}

}  // namespace
}  // namespace housim
