// The same real city simulated with four times fewer agents, each standing for four times
// as many households, must tell the same story: run.scale is a sampling choice, not a
// model parameter. Sales, prices and the digestion cycle are compared in real-city units.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "sim/core/errors.hpp"
#include "sim/metrics.hpp"
#include "sim/run/runner.hpp"
#include "sim/scenario/scenario_load.hpp"
#include "tests/metric_helpers.hpp"

namespace housim {
namespace {

constexpr int kMonths = 36;
constexpr uint32_t kReplicates = 8;

using test::metric_column;

struct Sample {
    std::vector<double> resale_sales, new_sales, resale_index, cycle;
};

// Per replicate: monthly means of sales over the run, the resale index and the narrow cycle
// in the last month. Only the number of agents is set: the loader keeps the city (its real
// households) and changes what each agent stands for (run.scale).
Sample run_city(const std::string& path, int households, uint32_t replicates, int months) {
    const Scenario s = load_scenario(path, {{"run.households", std::to_string(households)},
                                            {"run.months", std::to_string(months)}});
    const size_t metrics = metric_registry().size();
    const size_t resale = metric_column("resale_sales_units");
    const size_t fresh = metric_column("new_sales_units");
    const size_t index = metric_column("price_index_resale");
    const size_t cycle = metric_column("digestion_cycle_narrow_months");
    Sample out;
    for (uint32_t r = 0; r < replicates; ++r) {
        const ReplicateResult res = run_replicate(s, r, false);
        double resale_sum = 0, new_sum = 0;
        for (int m = 0; m < res.months; ++m) {
            resale_sum += res.values[static_cast<size_t>(m) * metrics + resale];
            new_sum += res.values[static_cast<size_t>(m) * metrics + fresh];
        }
        const size_t last = static_cast<size_t>(res.months - 1) * metrics;
        out.resale_sales.push_back(resale_sum / res.months);
        out.new_sales.push_back(new_sum / res.months);
        out.resale_index.push_back(res.values[last + index]);
        out.cycle.push_back(res.values[last + cycle]);
    }
    return out;
}

double mean(const std::vector<double>& x) {
    double s = 0;
    for (double v : x)
        s += v;
    return s / static_cast<double>(x.size());
}

double variance_of_mean(const std::vector<double>& x) {
    const double m = mean(x);
    double v = 0;
    for (double a : x)
        v += (a - m) * (a - m);
    return v / static_cast<double>(x.size() - 1) / static_cast<double>(x.size());
}

// The two means agree within 4 standard errors of their difference (replicate noise;
// with 8 + 8 replicates a false alarm is rarer than 1 in 1000) plus `slack` of their
// level, which allows for the coarser granularity of the smaller city (a project there
// has a quarter of the units).
void expect_same(const std::vector<double>& a, const std::vector<double>& b, double slack,
                 const char* what) {
    const double ma = mean(a), mb = mean(b);
    const double tolerance =
        4.0 * std::sqrt(variance_of_mean(a) + variance_of_mean(b)) + slack * std::abs(ma + mb) / 2;
    EXPECT_NEAR(ma, mb, tolerance) << what;
}

TEST(ScaleInvariance, AQuarterOfTheAgentsTellsTheSameStory) {
    const Sample coarse = run_city("", 12000, kReplicates, kMonths);
    const Sample fine = run_city("", 48000, kReplicates, kMonths);
    expect_same(coarse.resale_sales, fine.resale_sales, 0.05, "resale sales per month");
    expect_same(coarse.new_sales, fine.new_sales, 0.05, "new-home sales per month");
    expect_same(coarse.resale_index, fine.resale_index, 0.01, "resale price index, month 36");
    expect_same(coarse.cycle, fine.cycle, 0.10, "narrow digestion cycle, month 36");
}

TEST(ScaleInvariance, ASetNumberOfAgentsKeepsTheCityAndChangesTheScale) {
    // The default city: 60,000 agents x 16 = 960,000 households.
    EXPECT_DOUBLE_EQ(load_scenario("", {{"run.households", "20000"}}).run.scale, 48.0);
    EXPECT_DOUBLE_EQ(load_scenario("", {{"run.households", "960000"}}).run.scale, 1.0);
    // Both set: as given (a different city).
    EXPECT_DOUBLE_EQ(
        load_scenario("", {{"run.households", "20000"}, {"run.scale", "10"}}).run.scale, 10.0);
    // More agents than the city has households: refused, naming the key.
    try {
        load_scenario("", {{"run.households", "2000000"}});
        ADD_FAILURE() << "expected an InputError";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("run.households"), std::string::npos) << e.what();
    }
}

// Quick runs of the same city (20,000 agents) against runs ten times finer (200,000), on
// the default city and on a seed city with its timeline: 6 + 6 replicates of 24 months,
// same tolerance as above.
class QuickRuns : public ::testing::TestWithParam<const char*> {};

TEST_P(QuickRuns, TwentyThousandAgentsTellTheStoryOfTwoHundredThousand) {
    const std::string name = GetParam();
    const std::string path =
        name.empty() ? std::string() : std::string(HOUSIM_SOURCE_DIR) + "/scenarios/" + name;
    const Sample coarse = run_city(path, 20000, 6, 24);
    const Sample fine = run_city(path, 200000, 6, 24);
    expect_same(coarse.resale_sales, fine.resale_sales, 0.05, "resale sales per month");
    expect_same(coarse.new_sales, fine.new_sales, 0.05, "new-home sales per month");
    expect_same(coarse.resale_index, fine.resale_index, 0.01, "resale price index, month 24");
    expect_same(coarse.cycle, fine.cycle, 0.10, "narrow digestion cycle, month 24");
}

INSTANTIATE_TEST_SUITE_P(Cities, QuickRuns, ::testing::Values("", "weihai_2025.toml"));

}  // namespace
}  // namespace housim
