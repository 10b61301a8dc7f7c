// housim calibrate and housim sensitivity: the file loader's errors (file, line, key; exit
// 2), the objective against a hand computation from the runner's own series, recovery of a
// known parameter from data the engine made with another seed, Morris screening of a
// parameter that cannot act, FITTED.toml reproducing the fit, and determinism at any -j.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "cli_helpers.hpp"
#include "output/h5_reader.hpp"
#include "sim/calibrate/calibrate.hpp"
#include "sim/calibrate/moments.hpp"
#include "sim/calibrate/morris.hpp"
#include "sim/core/errors.hpp"
#include "sim/metrics.hpp"
#include "sim/run/runner.hpp"
#include "sim/scenario/scenario_load.hpp"

namespace housim {
namespace {

using test::housim_cli;

const char* kBuy = "behaviour.buy_hazard_month";
// Acts only while the rate floor is enabled, which the default city never does.
const char* kIdleFloor = "policy.credit.commercial.rate_floor.spread_first_annual";

// A small city: 4,000 agents for the default city's households, 24 reported months.
// `extra`: further top-level keys (before any table) and entries of `set`.
std::string header(int replicates = 3, int seed = 7, const std::string& extra = "",
                   const std::string& extra_set = "") {
    return "replicates = " + std::to_string(replicates) + "\nseed = " + std::to_string(seed) +
           "\n" + extra + "set = { \"run.households\" = 4000, \"run.months\" = 24, " +
           "\"run.burn_in_months\" = 6" + extra_set + " }\n";
}

std::string parameter(const std::string& key, double lo, double hi) {
    return "[[parameter]]\nkey = \"" + key + "\"\nmin = " + std::to_string(lo) +
           "\nmax = " + std::to_string(hi) + "\n";
}

std::string target(const std::string& metric, const std::string& window,
                   const std::string& statistic, double value, double sd) {
    return "[[target]]\nmetric = \"" + metric + "\"\nwindow = \"" + window + "\"\nstatistic = \"" +
           statistic + "\"\nvalue = " + std::to_string(value) + "\nsd = " + std::to_string(sd) +
           "\n";
}

class Calib : public test::TempDirTest {
  protected:
    std::string errors_of(const std::string& text, CalibKind kind = CalibKind::calibrate) {
        const std::string file = write("c.toml", text);
        try {
            load_calib(file, kind);
        } catch (const InputError& e) {
            return e.what();
        }
        return "";
    }
};

TEST_F(Calib, LoaderNamesFileLineAndKeyOfEveryProblem) {
    const std::string text = header() +                                  // lines 1-3
                             "colour = 3\n" +                            // 4
                             parameter("behaviour.no_such_key", 0, 1) +  // 5-8
                             parameter(kBuy, 0.005, 2.0) +               // 9-12
                             target("no_such_series", "2025-01:2025-12", "mean", 1, 1) +  // 13-18
                             target("new_sales_m2", "2025-13:2025-12", "mean", 1, 1) +    // 19-24
                             target("new_sales_m2", "2031-01:2031-12", "mean", 1, 1) +    // 25-30
                             target("new_sales_m2", "2025-01:2025-12", "median", 1, 1) +  // 31-36
                             target("new_sales_m2", "2025-01:2025-12", "mean", 1, 0);     // 37-42
    const std::string e = errors_of(text);
    const std::string f = path("c.toml");
    EXPECT_NE(e.find(f + ":4: colour: unknown key"), std::string::npos) << e;
    EXPECT_NE(e.find(f + ":6: behaviour.no_such_key: not a scenario key"), std::string::npos) << e;
    EXPECT_NE(e.find(f + ":10: behaviour.buy_hazard_month: bounds [0.005, 2] must lie inside"),
              std::string::npos)
        << e;
    EXPECT_NE(e.find(f + ":14: target.metric: expected the name of an output series"),
              std::string::npos)
        << e;
    EXPECT_NE(e.find(f + ":21: target.window: expected a window"), std::string::npos) << e;
    EXPECT_NE(e.find(f + ":27: target.window: outside the reported months 2025-01 to 2026-12"),
              std::string::npos)
        << e;
    EXPECT_NE(e.find(f + ":34: target.statistic: expected mean, last, change or growth"),
              std::string::npos)
        << e;
    EXPECT_NE(e.find(f + ":42: target.sd: expected a positive number"), std::string::npos) << e;
}

TEST_F(Calib, ParameterKeysMustBeNumbersAndNotFixedElsewhere) {
    const std::string e = errors_of(header(3, 7, "", ", \"behaviour.buy_hazard_month\" = 0.01") +
                                    parameter(kBuy, 0.005, 0.03) + parameter("run.name", 0, 1) +
                                    target("new_sales_m2", "2025-01:2025-12", "mean", 1, 1));
    EXPECT_NE(e.find("behaviour.buy_hazard_month: a [[parameter]] key cannot also be set"),
              std::string::npos)
        << e;
    EXPECT_NE(e.find("run.name: not a numeric key"), std::string::npos) << e;
}

TEST_F(Calib, ObservedSeriesRowsBecomeMomentsAndTheirErrorsNameTheCsvLine) {
    write("obs.csv",
          "month,metric,value,sd\n2025-03,new_sales_m2,9000,500\n2025-04,nope,1,1\n"
          "2025-05,new_sales_m2,9000\n");
    const std::string text =
        header() + parameter(kBuy, 0.005, 0.03) + "[[series]]\nfile = \"obs.csv\"\n";
    const std::string e = errors_of(text);
    EXPECT_NE(e.find(path("obs.csv") + ":3: metric: \"nope\" is not an output series"),
              std::string::npos)
        << e;
    EXPECT_NE(e.find(path("obs.csv") + ":4: sd: expected a positive sd column"), std::string::npos)
        << e;
    write("obs.csv", "month,metric,value\n2025-03,new_sales_m2,9000\n2025-04,new_sales_m2,9100\n");
    const std::string file = write("d.toml", header() + parameter(kBuy, 0.005, 0.03) +
                                                 "[[series]]\nfile = \"obs.csv\"\nsd = 400\n");
    const CalibSpec spec = load_calib(file, CalibKind::calibrate);
    ASSERT_EQ(spec.targets.size(), 2u);
    EXPECT_EQ(spec.targets[1].first, 3);  // 2025-04, counted from run.start 2025-01
    EXPECT_EQ(spec.targets[1].last, 3);
    EXPECT_EQ(spec.targets[1].value, 9100);
    EXPECT_EQ(spec.targets[1].sd, 400);
}

TEST_F(Calib, InvalidFileExitsTwoWithTheLocation) {
    const std::string file =
        write("c.toml", header() + parameter(kBuy, 0.005, 0.03) +
                            target("new_sales_m2", "2025-01:2025-12", "mean", 1, 1) +
                            "[[target]]\n"
                            "metric = \"new_sales_m2\"\nat = \"2025-1\"\nvalue = 1\nsd = 1\n");
    const test::CommandResult r = housim_cli("calibrate " + file + " -o " + path("fit.h5"));
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_NE(r.out.find(file + ":16: target.at: expected a month"), std::string::npos) << r.out;
    EXPECT_FALSE(std::filesystem::exists(path("fit.h5")));
    const std::string sens =
        write("s.toml", header(3, 7, "levels = 3\n") + parameter(kBuy, 0.005, 0.03) +
                            "[[metric]]\nmetric = \"x\"\n"
                            "at = \"2025-01\"\n");
    const test::CommandResult s = housim_cli("sensitivity " + sens + " -o " + path("s.h5"));
    EXPECT_EQ(s.code, 2) << s.out;
    EXPECT_NE(s.out.find("levels: expected an even number"), std::string::npos) << s.out;
    EXPECT_NE(s.out.find("metric.metric: expected the name of an output series"), std::string::npos)
        << s.out;
    // `housim validate` knows both kinds of file.
    const test::CommandResult v = housim_cli("validate " + sens);
    EXPECT_EQ(v.code, 2) << v.out;
    EXPECT_NE(v.out.find("levels: expected an even number"), std::string::npos) << v.out;
    const std::string good =
        write("g.toml", header() + parameter(kBuy, 0.005, 0.03) +
                            target("new_sales_m2", "2025-01:2025-12", "mean", 1, 1));
    const test::CommandResult ok = housim_cli("validate " + good);
    EXPECT_EQ(ok.code, 0) << ok.out;
    EXPECT_NE(ok.out.find("valid calibration file (1 parameters, 1 moments"), std::string::npos)
        << ok.out;
}

// The objective from the runner's own series, computed here by hand: the window mean of one
// series and the growth of another, per replicate, averaged, standardised, squared, summed.
TEST_F(Calib, ObjectiveEqualsAHandComputationFromTheReplicates) {
    const std::string file =
        write("c.toml", header(3) + parameter(kBuy, 0.005, 0.03) +
                            target("new_sales_m2", "2025-03:2025-14", "mean", 9000, 700) +
                            target("price_index_new", "2025-01:2026-12", "growth", 0.02, 0.01));
    // 2025-14 is not a month: the window above must fail; the valid one follows.
    EXPECT_THROW(load_calib(file, CalibKind::calibrate), InputError);
    write("c.toml", header(3) + parameter(kBuy, 0.005, 0.03) +
                        target("new_sales_m2", "2025-03:2026-02", "mean", 9000, 700) +
                        target("price_index_new", "2025-01:2026-12", "growth", 0.02, 0.01));
    const CalibSpec spec = load_calib(file, CalibKind::calibrate);
    const PointMoments m = evaluate_points(spec, {{0.012}}, 2)[0];
    const Scenario s = scenario_at(spec, std::vector<double>{0.012});
    ASSERT_EQ(s.behaviour.buy_hazard_month, 0.012);
    const size_t n = metric_registry().size();
    const size_t sales =
        static_cast<size_t>(find_metric("new_sales_m2") - metric_registry().data());
    const size_t price =
        static_cast<size_t>(find_metric("price_index_new") - metric_registry().data());
    double sales_sum = 0, growth_sum = 0;
    for (uint32_t k = 0; k < 3; ++k) {
        const ReplicateResult r = run_replicate(s, k, false);
        double w = 0;
        for (int month = 2; month <= 13; ++month)  // 2025-03 .. 2026-02
            w += r.values[static_cast<size_t>(month) * n + sales];
        sales_sum += w / 12;
        growth_sum += r.values[23 * n + price] / r.values[0 * n + price] - 1;
        EXPECT_DOUBLE_EQ(m.at(0, k), w / 12);
    }
    const double z1 = (sales_sum / 3 - 9000) / 700;
    const double z2 = (growth_sum / 3 - 0.02) / 0.01;
    EXPECT_NEAR(objective_of(spec, m), z1 * z1 + z2 * z2, 1e-9 * (z1 * z1 + z2 * z2));
}

// Synthetic truth: data made by the engine at buy_hazard_month = 0.015 with another seed
// (99, eight replicates) is fitted back with seed 7 and four replicates. Tolerance: 0.003,
// an eighth of the search range [0.005, 0.03]; the data's own noise (the sd of the moments
// across the truth's replicates over sqrt(8)) and the fit's simulation noise at 4,000 agents
// put the estimate within about 0.001 of the truth (docs/validation.md), so 0.003 fails only
// when the fit does not find the objective's minimum. Light form: small city, few
// evaluations.
TEST_F(Calib, SyntheticTruthLightRecoversOneParameter) {
    const double truth = 0.015;
    const std::vector<std::string> metrics{"new_sales_m2", "homeownership_rate"};
    auto text = [&](int replicates, int seed, const std::vector<double>& values,
                    const std::vector<double>& sds) {
        std::string t =
            header(replicates, seed, "evaluations_global = 10\nevaluations_local = 20\n") +
            parameter(kBuy, 0.005, 0.03);
        for (size_t i = 0; i < metrics.size(); ++i)
            t += target(metrics[i], "2025-01:2026-12", "mean", values[i], sds[i]);
        return t;
    };
    const std::string truth_file = write("truth.toml", text(8, 99, {1, 1}, {1, 1}));
    const CalibSpec truth_spec = load_calib(truth_file, CalibKind::calibrate);
    const PointMoments data = evaluate_points(truth_spec, {{truth}}, 2)[0];
    std::vector<double> sds;
    for (size_t t = 0; t < metrics.size(); ++t) {
        double ss = 0;
        for (int k = 0; k < 8; ++k)
            ss += std::pow(data.at(t, static_cast<size_t>(k)) - data.mean[t], 2);
        sds.push_back(std::max(std::sqrt(ss / 7 / 8), 1e-6 * std::abs(data.mean[t])));
    }
    const std::string fit_file = write("fit.toml", text(4, 7, data.mean, sds));
    const CalibSpec spec = load_calib(fit_file, CalibKind::calibrate);
    const CalibResult r = calibrate(spec, 2);
    ASSERT_EQ(r.estimate.size(), 1u);
    RecordProperty("estimate", std::to_string(r.estimate[0]));
    EXPECT_NEAR(r.estimate[0], truth, 0.003) << "objective " << r.objective << " se " << r.se[0];
    EXPECT_TRUE(std::isfinite(r.se[0]) && r.se[0] > 0) << r.se[0];
}

// A parameter that cannot act (the rate floor's spread while the floor is off) has no
// effect at all under common random numbers: mu* is exactly 0; the buying hazard's is not.
TEST_F(Calib, MorrisScoresAnIdleParameterZeroAndAnActiveOnePositive) {
    const std::string file =
        write("s.toml", header(2, 7, "trajectories = 3\n") + parameter(kBuy, 0.005, 0.03) +
                            parameter(kIdleFloor, -0.01, 0.01) +
                            "[[metric]]\nmetric = \"new_sales_m2\"\nwindow = \"2025-01:2026-12\"\n"
                            "[[metric]]\nmetric = \"price_index_new\"\nat = \"2026-12\"\n");
    const CalibSpec spec = load_calib(file, CalibKind::sensitivity);
    const MorrisResult r = morris(spec, 2);
    ASSERT_EQ(r.points.size(), 9u);  // 3 trajectories x (2 + 1) points
    for (size_t t = 0; t < 2; ++t) {
        EXPECT_GT(r.mu_star[0 * 2 + t], 0) << t;
        EXPECT_EQ(r.mu_star[1 * 2 + t], 0) << t;
    }
    // Each trajectory moves each parameter once, by the grid step 2/3 of its range.
    for (int tr = 0; tr < 3; ++tr) {
        for (size_t i = 0; i < 2; ++i) {
            int moves = 0;
            for (size_t s = 0; s < 2; ++s) {
                const double a = r.points[static_cast<size_t>(tr) * 3 + s][i];
                const double b = r.points[static_cast<size_t>(tr) * 3 + s + 1][i];
                if (a != b) {
                    ++moves;
                    const double range = spec.parameters[i].max - spec.parameters[i].min;
                    EXPECT_NEAR(std::abs(b - a) / range, 2.0 / 3.0, 1e-12);
                }
            }
            EXPECT_EQ(moves, 1);
        }
    }
}

// FITTED.toml is a complete scenario: run through the same moments it gives the objective
// the fit reported, bit for bit (same seeds, same values); and the fit is the same at -j 1
// and -j 2.
TEST_F(Calib, FittedScenarioReproducesTheObjectiveAndTheFitIsTheSameAtAnyThreadCount) {
    const std::string file =
        write("c.toml", header(2, 7, "evaluations_global = 4\nevaluations_local = 4\n") +
                            parameter(kBuy, 0.005, 0.03) +
                            target("new_sales_m2", "2025-01:2026-12", "mean", 9000, 900) +
                            target("homeownership_rate", "2026-12:2026-12", "last", 0.8, 0.02));
    const test::CommandResult r1 = housim_cli("calibrate " + file + " -j 1 -o " + path("a.h5") +
                                              " --write-scenario " + path("fitted.toml"));
    ASSERT_EQ(r1.code, 0) << r1.out;
    const test::CommandResult r2 =
        housim_cli("calibrate " + file + " -j 2 --quiet -o " + path("b.h5"));
    ASSERT_EQ(r2.code, 0) << r2.out;
    const H5Reader a(path("a.h5"));
    const H5Reader b(path("b.h5"));
    const auto ga = a.group("calibration");
    const auto gb = b.group("calibration");
    ASSERT_TRUE(ga && gb);
    for (const char* name : {"trace_parameters", "trace_objective", "estimate", "standard_error",
                             "simulated_replicates"}) {
        ASSERT_TRUE(ga->array(name) && gb->array(name)) << name;
        const std::vector<double>& x = ga->array(name)->values;
        const std::vector<double>& y = gb->array(name)->values;
        ASSERT_EQ(x.size(), y.size()) << name;
        for (size_t i = 0; i < x.size(); ++i)
            EXPECT_TRUE(x[i] == y[i] || (std::isnan(x[i]) && std::isnan(y[i]))) << name << i;
    }
    const CalibSpec spec = load_calib(file, CalibKind::calibrate);
    const Scenario fitted = load_scenario(path("fitted.toml"));
    const PointMoments m = evaluate_scenario(spec, fitted, 2);
    EXPECT_EQ(objective_of(spec, m), ga->array("objective")->values.at(0));
    EXPECT_EQ(fitted.behaviour.buy_hazard_month, ga->array("estimate")->values.at(0));
    // The fitted run in FIT.h5 holds the replicates of that scenario, and the report shows
    // the fit: the tables and the fitted band against the targets.
    EXPECT_EQ(a.runs(), std::vector<std::string>{"fitted"});
    const test::CommandResult rep = housim_cli("report " + path("a.h5") + " -o " + path("a.html"));
    ASSERT_EQ(rep.code, 0) << rep.out;
    const std::string html = test::read_file(path("a.html"));
    EXPECT_NE(html.find("<h2 id=\"calibration\">"), std::string::npos);
    EXPECT_NE(html.find("data-chart=\"calibration:new_sales_m2\""), std::string::npos);
    EXPECT_NE(html.find("new_sales_m2 mean 2025-01:2026-12"), std::string::npos);
}

TEST_F(Calib, SensitivityWritesTheScreenAndTheReportDrawsItsHeatmap) {
    const std::string file = write(
        "s.toml", header(1, 7, "trajectories = 2\n") + parameter(kBuy, 0.005, 0.03) +
                      parameter(kIdleFloor, -0.01, 0.01) +
                      "[[metric]]\nmetric = \"new_sales_m2\"\nwindow = \"2025-01:2026-12\"\n");
    const test::CommandResult r = housim_cli("sensitivity " + file + " -j 2 -o " + path("s.h5"));
    ASSERT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find(kIdleFloor), std::string::npos) << r.out;
    const H5Reader h(path("s.h5"));
    const auto g = h.group("sensitivity");
    ASSERT_TRUE(g);
    ASSERT_TRUE(g->array("mu_star"));
    EXPECT_EQ(g->array("mu_star")->dims, (std::vector<uint64_t>{2, 1}));
    EXPECT_EQ(g->array("elementary_effects")->dims, (std::vector<uint64_t>{2, 2, 1}));
    EXPECT_EQ(g->array("mu_star")->values[1], 0);
    // The same screen at one thread: the same design and the same effects, bit for bit.
    const test::CommandResult r1 =
        housim_cli("sensitivity " + file + " -j 1 --quiet -o " + path("s1.h5"));
    ASSERT_EQ(r1.code, 0) << r1.out;
    const auto g1 = H5Reader(path("s1.h5")).group("sensitivity");
    ASSERT_TRUE(g1);
    for (const char* name : {"points", "elementary_effects", "mu_star", "sigma"}) {
        const std::vector<double>& x = g->array(name)->values;
        const std::vector<double>& y = g1->array(name)->values;
        ASSERT_EQ(x.size(), y.size()) << name;
        for (size_t i = 0; i < x.size(); ++i)
            EXPECT_TRUE(x[i] == y[i] || (std::isnan(x[i]) && std::isnan(y[i]))) << name << i;
    }
    const test::CommandResult rep = housim_cli("report " + path("s.h5") + " -o " + path("s.html"));
    ASSERT_EQ(rep.code, 0) << rep.out;
    const std::string html = test::read_file(path("s.html"));
    EXPECT_NE(html.find("data-chart=\"sensitivity:mu_star\""), std::string::npos);
}

// The shipped calibration and sensitivity files load (sens_*: sensitivity).
TEST(CalibFiles, ShippedFilesAreValid) {
    namespace fs = std::filesystem;
    int files = 0;
    for (const auto& e :
         fs::directory_iterator(fs::path(HOUSIM_SOURCE_DIR) / "scenarios" / "calibration")) {
        if (e.path().extension() != ".toml") continue;
        const bool sens = e.path().filename().string().starts_with("sens_");
        EXPECT_NO_THROW(
            load_calib(e.path().string(), sens ? CalibKind::sensitivity : CalibKind::calibrate))
            << e.path();
        ++files;
    }
    EXPECT_GE(files, 1);
}

}  // namespace
}  // namespace housim
