// Paired comparisons: the statistics, a synthetic file with a known effect, and a real
// small-city pair where common random numbers make the paired interval much narrower than
// the unpaired one (the point of CRN, ARCHITECTURE.md "Determinism").
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "cli_helpers.hpp"
#include "output/compare.hpp"
#include "output/h5_reader.hpp"
#include "output/h5_writer.hpp"
#include "sim/core/errors.hpp"
#include "sim/metrics.hpp"

namespace housim {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

TEST(PairedStats, StudentQuantilesMatchTables) {
    EXPECT_NEAR(student_t_quantile(0.975, 1), 12.7062, 1e-4);
    EXPECT_NEAR(student_t_quantile(0.975, 9), 2.2622, 1e-4);
    EXPECT_NEAR(student_t_quantile(0.975, 30), 2.0423, 1e-4);
    EXPECT_NEAR(student_t_quantile(0.975, 1e7), 1.95996, 1e-4);
}

TEST(PairedStats, HandComputedAndNonFinitePairsSkipped) {
    const std::vector<double> base{1, 2, 3, 4, kInf, 5};
    const std::vector<double> other{2, 4, 5, 7, 1, NAN};
    const PairedStats s = paired_difference(base, other);
    EXPECT_EQ(s.n, 4);
    EXPECT_EQ(s.skipped, 2);
    EXPECT_DOUBLE_EQ(s.mean, 2);
    EXPECT_NEAR(s.sd, std::sqrt(2.0 / 3), 1e-12);  // differences 1, 2, 2, 3
    const double half = 3.182446 * std::sqrt(2.0 / 3) / 2;
    EXPECT_NEAR(s.lo, 2 - half, 1e-5);
    EXPECT_NEAR(s.hi, 2 + half, 1e-5);
    EXPECT_DOUBLE_EQ(s.base_mean, 2.5);
    EXPECT_DOUBLE_EQ(s.other_mean, 4.5);
    EXPECT_TRUE(
        std::isnan(paired_difference(std::vector<double>{kInf}, std::vector<double>{1}).mean));
}

class Compare : public test::TempDirTest {};

// Run "b" is run "a" + 5 + small noise, replicate by replicate, while "a" itself varies
// a lot between replicates: the paired interval must cover 5 and be far narrower than the
// unpaired one. Replicate indices start at 10 in "a" and 12 in "b": only the 18 common
// indices pair.
TEST_F(Compare, SyntheticKnownEffectIsCoveredAndPairingNarrowsTheInterval) {
    const size_t n_metrics = metric_registry().size();
    size_t sales = 0;
    while (metric_registry()[sales].name != "new_sales_units")
        ++sales;
    FileInfo info;
    info.months = {"2025-01", "2025-02"};
    const std::string file = path("known.h5");
    {
        H5Writer w(file, info);
        w.begin_run(RunInfo{"a", "", 0, {}, 10, 20, {}});
        w.begin_run(RunInfo{"b", "", 1, {}, 12, 20, {}});
        for (uint32_t k = 10; k < 32; ++k) {
            // Deterministic spread: levels 1000 +- 300, noise +-0.5 with mean near zero.
            const double level = 1000 + 300 * std::sin(1.7 * k);
            const double noise = 0.5 * std::cos(2.3 * k);
            std::vector<double> a(2 * n_metrics, 1.0), b(2 * n_metrics, 1.0);
            a[n_metrics + sales] = level;
            b[n_metrics + sales] = level + 5 + noise;
            if (k < 30) w.write_replicate("a", k, a);
            if (k >= 12) w.write_replicate("b", k, b);
        }
        std::vector<double> study(20);
        for (size_t i = 0; i < 20; ++i)
            study[i] = static_cast<double>(i) * i;
        w.write_study("a", "peak", "m2", "a study metric", study);
        for (size_t i = 0; i < 20; ++i)
            study[i] = static_cast<double>(i + 2) * (i + 2) + 2;  // row i is replicate 12 + i
        w.write_study("b", "peak", "m2", "a study metric", study);
        w.end_run("a");
        w.end_run("b");
        w.commit();
    }
    const H5Reader reader(file);
    const Comparison c =
        compare_runs(reader, file, CompareSpec{"", {"new_sales_units"}, "", "", ""});
    EXPECT_EQ(c.baseline, "a");
    EXPECT_EQ(c.when, "2025-02");
    ASSERT_EQ(c.rows.size(), 1u);
    const PairedStats& s = c.rows[0].stats;
    EXPECT_EQ(s.n, 18);
    EXPECT_LE(s.lo, 5);
    EXPECT_GE(s.hi, 5);
    EXPECT_LT(s.hi - s.lo, 1.0);  // noise sd about 0.35: half-width about 0.17
    EXPECT_LE(s.welch_lo, 5);
    EXPECT_GE(s.welch_hi, 5);
    // Level sd about 210 against noise sd 0.35: pairing narrows the interval ~500-fold.
    EXPECT_LT(s.hi - s.lo, 0.01 * (s.welch_hi - s.welch_lo));

    // A study metric is one value per replicate, whatever the window: b = a + 2 exactly.
    const Comparison w =
        compare_runs(reader, file, CompareSpec{"", {"peak"}, "", "2025-01:2025-02", ""});
    ASSERT_EQ(w.rows.size(), 1u);
    EXPECT_TRUE(w.rows[0].study);
    EXPECT_EQ(w.rows[0].stats.n, 18);
    EXPECT_DOUBLE_EQ(w.rows[0].stats.mean, 2);
    EXPECT_DOUBLE_EQ(w.rows[0].stats.sd, 0);
    double squares = 0;  // a's rows 2 .. 19 pair with b's rows 0 .. 17
    for (int i = 2; i < 20; ++i)
        squares += i * i;
    EXPECT_DOUBLE_EQ(w.rows[0].stats.base_mean, squares / 18);
}

// A real pair: the default city at 1:160 with the first-home down payment at 15% and 17%,
// 8 replicates each. The housing stock (dwellings_total, averaged over the 24 months) is
// mostly the initial city, which common random numbers make identical across the pair, and
// the policy moves it only through a few months of completions, so the paired outcomes are
// strongly correlated (rho). With equal variances the paired half-width is about
// 1.1 sqrt(1 - rho) times Welch's (1.1: t with 7 rather than ~14 degrees of freedom);
// requiring < 0.5 asks for rho > 0.8. Over 13 seeds and two model versions the
// ratio was 0.01 to 0.31. A cell identical
// to the baseline must differ by exactly zero (its known effect).
TEST_F(Compare, CommonRandomNumbersMakeThePairedIntervalMuchNarrower) {
    const std::string sweep = write(
        "crn.toml",
        test::tiny_sweep_text("[[cell]]\nname = \"base\"\nset = {}\n[[cell]]\nname = \"same\"\n"
                              "set = {}\n[[cell]]\nname = \"dp17\"\nset = { \"policy.credit."
                              "commercial.min_down_payment.first\" = 0.17 }\n",
                              8, 24));
    const std::string out = path("crn.h5");
    ASSERT_EQ(test::housim_cli("sweep " + sweep + " --quiet -o " + out).code, 0);
    const H5Reader reader(out);
    const Comparison c = compare_runs(
        reader, out,
        CompareSpec{"", {"dwellings_total", "homeownership_rate"}, "", "2025-01:2026-12", ""});
    ASSERT_EQ(c.baseline, "base");
    ASSERT_EQ(c.rows.size(), 4u);
    for (const CompareRow& r : c.rows) {
        if (r.run == "same") {
            EXPECT_EQ(r.stats.mean, 0) << r.metric;
            EXPECT_EQ(r.stats.hi - r.stats.lo, 0) << r.metric;
        } else if (r.metric == "dwellings_total") {
            EXPECT_EQ(r.stats.n, 8);
            EXPECT_LT(r.stats.hi - r.stats.lo, 0.5 * (r.stats.welch_hi - r.stats.welch_lo))
                << "paired [" << r.stats.lo << ", " << r.stats.hi << "] vs unpaired ["
                << r.stats.welch_lo << ", " << r.stats.welch_hi << "]";
        }
    }
}

TEST_F(Compare, CommandLineTableCsvAndInputErrors) {
    const std::string sweep =
        write("s.toml", test::tiny_sweep_text("[[axis]]\nkey = \"policy.land.destock_rule."
                                              "halt_above_months\"\nvalues = [36, 24]\n",
                                              2, 12));
    const std::string out = path("s.h5");
    ASSERT_EQ(test::housim_cli("sweep " + sweep + " --quiet -o " + out).code, 0);
    const auto table = test::housim_cli("compare " + out);
    ASSERT_EQ(table.code, 0) << table.out;
    EXPECT_NE(table.out.find("baseline cell_000: policy.land.destock_rule.halt_above_months = 36"),
              std::string::npos)
        << table.out;
    EXPECT_NE(table.out.find("months_to_narrow_cycle_below_18 *"), std::string::npos);
    const auto csv =
        test::housim_cli("compare " + out + " --csv --metric new_sales_units --at 2025-06");
    ASSERT_EQ(csv.code, 0) << csv.out;
    std::istringstream lines(csv.out);
    std::string header, row, extra;
    std::getline(lines, header);
    std::getline(lines, row);
    EXPECT_EQ(header.substr(0, 38), "run,baseline,metric,unit,when,n,skippe");
    EXPECT_EQ(row.substr(0, 53), "cell_001,cell_000,new_sales_units,\"dwellings/month\",2");
    EXPECT_FALSE(std::getline(lines, extra) && !extra.empty());

    for (const char* bad :
         {" --baseline nope", " --metric nope", " --at 2031-01", " --window 2025-05:2025-02",
          " --at 2025-01 --window 2025-01:2025-02"}) {
        const auto r = test::housim_cli("compare " + out + bad);
        EXPECT_EQ(r.code, 2) << bad << "\n" << r.out;
    }
    EXPECT_EQ(test::housim_cli("compare " + path("missing.h5")).code, 2);
}

}  // namespace
}  // namespace housim
