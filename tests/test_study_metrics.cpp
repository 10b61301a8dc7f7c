// Digestion-cycle study metrics (a pure function of one replicate's series) and the writer
// side that stores them: RunStream begins a run at its first row and ends it at its last,
// so only runs in progress are open.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "cli_helpers.hpp"
#include "output/h5_reader.hpp"
#include "output/run_stream.hpp"
#include "output/study_metrics.hpp"
#include "sim/metrics.hpp"

namespace housim {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

size_t index_of(std::string_view name) {
    const auto reg = metric_registry();
    for (size_t i = 0; i < reg.size(); ++i)
        if (reg[i].name == name) return i;
    ADD_FAILURE() << name;
    return 0;
}

// A replicate's values with three series set month by month; the rest zero.
std::vector<double> replicate(const std::vector<double>& cycle, const std::vector<double>& stock,
                              const std::vector<double>& land_state) {
    const size_t n = metric_registry().size();
    std::vector<double> v(cycle.size() * n, 0.0);
    for (size_t t = 0; t < cycle.size(); ++t) {
        v[t * n + index_of("digestion_cycle_narrow_months")] = cycle[t];
        v[t * n + index_of("unsold_permitted_m2")] = stock[t];
        v[t * n + index_of("land_rule_state")] = land_state[t];
    }
    return v;
}

std::vector<double> study_of(const std::vector<double>& values) {
    const int months = static_cast<int>(values.size() / metric_registry().size());
    return compute_study_metrics(values, months, StudyOptions{});
}

TEST(StudyMetrics, NamesUnitsAndOrder) {
    const auto infos = study_metric_infos(StudyOptions{});
    std::vector<std::string> names;
    for (const auto& i : infos)
        names.push_back(i.name);
    EXPECT_EQ(names,
              (std::vector<std::string>{"months_to_narrow_cycle_below_18", "stays_below_18",
                                        "months_to_narrow_cycle_below_12", "stays_below_12",
                                        "peak_unsold_permitted_m2", "peak_unsold_permitted_month",
                                        "land_halted_months"}));
    EXPECT_EQ(infos[0].unit, "months");
    EXPECT_EQ(study_metric_infos(StudyOptions{{13.5}})[0].name,
              "months_to_narrow_cycle_below_13.5");
}

TEST(StudyMetrics, HandComputedReplicate) {
    // The cycle falls below 18 in month 2 and stays; below 12 in month 3, back up in 4.
    const auto s =
        study_of(replicate({kInf, 20, 17, 11, 13, 15}, {5, 9, 9, 7, 6, 4}, {2, 2, 1, 0, 2, 0}));
    EXPECT_EQ(s[0], 2);  // months to below 18
    EXPECT_EQ(s[1], 1);  // stays below 18
    EXPECT_EQ(s[2], 3);  // months to below 12
    EXPECT_EQ(s[3], 0);  // does not stay below 12
    EXPECT_EQ(s[4], 9);  // peak stock
    EXPECT_EQ(s[5], 1);  // its first month
    EXPECT_EQ(s[6], 3);  // halted months
}

TEST(StudyMetrics, NeverBelowIsNaNAndAlreadyBelowIsZero) {
    const auto never = study_of(replicate({30, kInf, 25}, {1, 1, 1}, {0, 0, 0}));
    EXPECT_TRUE(std::isnan(never[0]));
    EXPECT_EQ(never[1], 0);
    const auto already = study_of(replicate({5, 6, 7}, {1, 2, 3}, {3, 3, 3}));
    EXPECT_EQ(already[0], 0);
    EXPECT_EQ(already[1], 1);
    EXPECT_EQ(already[5], 2);
    EXPECT_EQ(already[6], 0);
}

class Stream : public test::TempDirTest {};

// Rows arrive cell by cell and out of order within a cell: at most two runs are open at a
// time, each run's study metrics land in its rows, and a row that never came stays NaN.
TEST_F(Stream, RunsOpenAtTheirFirstRowAndCloseAtTheirLast) {
    const std::string out = path("s.h5");
    FileInfo info;
    info.months = {"2025-01", "2025-02", "2025-03"};
    H5Writer writer(out, info);
    RunStream stream(writer, 4, [](size_t run) {
        RunInfo r;
        r.name = "cell_" + std::to_string(run);
        r.cell_index = static_cast<int64_t>(run);
        r.replicates = 3;
        return r;
    });
    const auto row = [](double cycle) {
        return replicate({cycle, cycle, cycle}, {1, 2, 3}, {2, 0, 0});
    };
    for (size_t run = 0; run < 4; ++run) {
        for (const uint32_t k : {2u, 0u, 1u}) {
            if (run == 3 && k == 1) continue;  // a failed replicate
            stream.write(run, k, row(10.0 + k));
        }
    }
    EXPECT_EQ(stream.open_runs(), 1u);  // cell_3 waits for its missing row
    EXPECT_LE(stream.max_open_runs(), 1u);
    stream.close();
    writer.commit();

    const H5Reader reader(out);
    EXPECT_EQ(reader.runs().size(), 4u);
    const SeriesData halted = reader.study("cell_1", "land_halted_months");
    EXPECT_EQ(halted.values, (std::vector<double>{1, 1, 1}));
    EXPECT_EQ(halted.unit, "months");
    const SeriesData below = reader.study("cell_3", "months_to_narrow_cycle_below_12");
    EXPECT_EQ(below.values[0], 0);             // cycle 10: below at once
    EXPECT_TRUE(std::isnan(below.values[2]));  // cycle 12: never below 12
    const SeriesData peak = reader.study("cell_3", "peak_unsold_permitted_m2");
    EXPECT_EQ(peak.values[0], 3);
    EXPECT_TRUE(std::isnan(peak.values[1]));  // the failed replicate's row
    EXPECT_TRUE(std::isnan(reader.series("cell_3", "new_sales_units").at(1, 0)));
}

}  // namespace
}  // namespace housim
