// The same real city simulated with four times fewer agents, each standing for four times
// as many households, must tell the same story: run.scale is a sampling choice, not a
// model parameter. Sales, prices and the digestion cycle are compared in real-city units.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

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

// Per replicate: monthly means of sales over the three years, the resale index and the
// narrow cycle in the last month.
Sample run_city(int households) {
    const double real_households = 960000.0;
    const Scenario s =
        load_scenario("", {{"run.households", std::to_string(households)},
                           {"run.scale", std::to_string(real_households / households)},
                           {"run.months", std::to_string(kMonths)}});
    const size_t metrics = metric_registry().size();
    const size_t resale = metric_column("resale_sales_units");
    const size_t fresh = metric_column("new_sales_units");
    const size_t index = metric_column("price_index_resale");
    const size_t cycle = metric_column("digestion_cycle_narrow_months");
    Sample out;
    for (uint32_t r = 0; r < kReplicates; ++r) {
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
    const Sample coarse = run_city(12000);
    const Sample fine = run_city(48000);
    expect_same(coarse.resale_sales, fine.resale_sales, 0.05, "resale sales per month");
    expect_same(coarse.new_sales, fine.new_sales, 0.05, "new-home sales per month");
    expect_same(coarse.resale_index, fine.resale_index, 0.01, "resale price index, month 36");
    expect_same(coarse.cycle, fine.cycle, 0.10, "narrow digestion cycle, month 36");
}

}  // namespace
}  // namespace housim
