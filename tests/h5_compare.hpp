// Compares two housim output files dataset by dataset (tests of merge and resume): the
// same months, seed, version, runs and run attributes, and bit-identical series, summaries
// and study metrics. Provenance (created_utc, command_line) is not compared.
#pragma once

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "output/h5_reader.hpp"
#include "sim/metrics.hpp"

namespace housim::test {

inline void expect_same_file(const std::string& a_path, const std::string& b_path) {
    const H5Reader a(a_path);
    const H5Reader b(b_path);
    EXPECT_EQ(a.months(), b.months());
    EXPECT_EQ(a.root_attribute_uint("seed"), b.root_attribute_uint("seed"));
    EXPECT_EQ(a.root_attribute_string("housim_version"), b.root_attribute_string("housim_version"));
    ASSERT_EQ(a.runs(), b.runs());
    for (const std::string& run : a.runs()) {
        EXPECT_EQ(a.run_attribute_string(run, "scenario_toml"),
                  b.run_attribute_string(run, "scenario_toml"));
        for (const char* attr : {"cell_index", "first_replicate", "replicates"})
            EXPECT_EQ(a.run_attribute_int(run, attr), b.run_attribute_int(run, attr)) << attr;
        ASSERT_EQ(a.metrics(run), b.metrics(run));
        for (const std::string& m : a.metrics(run)) {
            const SeriesData x = a.series(run, m);
            const SeriesData y = b.series(run, m);
            EXPECT_EQ(x.rows, y.rows) << m;
            EXPECT_EQ(x.values, y.values) << m;  // bit for bit: no NaN in these series
            EXPECT_EQ(x.unit, y.unit) << m;
            EXPECT_EQ(a.summary(run, m).values, b.summary(run, m).values) << m;
        }
        ASSERT_EQ(a.study_metrics(run), b.study_metrics(run));
        for (const std::string& s : a.study_metrics(run)) {
            const SeriesData x = a.study(run, s);
            const SeriesData y = b.study(run, s);
            ASSERT_EQ(x.values.size(), y.values.size()) << s;
            for (size_t i = 0; i < x.values.size(); ++i) {  // NaN (never reached) equals NaN
                EXPECT_TRUE(x.values[i] == y.values[i] ||
                            (std::isnan(x.values[i]) && std::isnan(y.values[i])))
                    << s << " row " << i;
            }
        }
        // The districts' series, each district's column bit for bit (+inf cycles included).
        const std::vector<std::string> zones = a.zone_names(run);
        ASSERT_EQ(zones, b.zone_names(run));
        EXPECT_FALSE(zones.empty()) << "a housim file of this version has districts";
        for (const ZoneMetricInfo& m : zone_metric_registry()) {
            for (size_t z = 0; z < zones.size(); ++z) {
                const SeriesData x = a.zone_series(run, std::string(m.name), z);
                const SeriesData y = b.zone_series(run, std::string(m.name), z);
                EXPECT_EQ(x.values, y.values) << m.name << " zone " << zones[z];
            }
        }
    }
    EXPECT_EQ(a.root_attribute_uint("mpi_ranks"), 1u);  // files of one process
}

}  // namespace housim::test
