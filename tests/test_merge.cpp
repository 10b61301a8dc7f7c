// housim merge: batches of one run (--first-replicate K -r R) combine into the file one run
// of all the replicates writes (ARCHITECTURE.md "Command line"); mismatched, overlapping
// and incomplete batches are refused with exit 2 and nothing written.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <string>

#include "output/h5_reader.hpp"
#include "tests/cli_helpers.hpp"

namespace housim {
namespace {

class Merge : public test::TempDirTest {
  protected:
    // A small, short run: replicates first .. first + n - 1 into name.
    void batch(const std::string& name, int first, int n, const std::string& extra = "") {
        const test::CommandResult r = test::housim_cli(
            "run --households 6000 --months 8 --quiet -j 2 -r " + std::to_string(n) +
            " --first-replicate " + std::to_string(first) + " " + extra + " -o " + path(name));
        ASSERT_EQ(r.code, 0) << r.out;
    }
};

void expect_same_file(const std::string& a_path, const std::string& b_path) {
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
    }
}

TEST_F(Merge, ThreeBatchesMakeTheFileOfOneRun) {
    batch("all.h5", 0, 5);
    batch("b0.h5", 0, 2);
    batch("b1.h5", 2, 2);
    batch("b2.h5", 4, 1);
    // Given in any order.
    const test::CommandResult r = test::housim_cli("merge " + path("b2.h5") + " " + path("b0.h5") +
                                                   " " + path("b1.h5") + " -o " + path("m.h5"));
    ASSERT_EQ(r.code, 0) << r.out;
    expect_same_file(path("all.h5"), path("m.h5"));
    // A later block of replicates merges to the file of a run starting there.
    batch("late.h5", 2, 3);
    const test::CommandResult late =
        test::housim_cli("merge " + path("b1.h5") + " " + path("b2.h5") + " -o " + path("l.h5"));
    ASSERT_EQ(late.code, 0) << late.out;
    expect_same_file(path("late.h5"), path("l.h5"));
}

TEST_F(Merge, RefusesMismatchedOverlappingAndIncompleteBatches) {
    batch("b0.h5", 0, 2);
    batch("b2.h5", 4, 1);
    batch("b1_seed.h5", 2, 2, "--seed 99");
    batch("b1_rate.h5", 2, 2, "--set policy.credit.commercial.min_down_payment.first=0.3");
    batch("b0_again.h5", 1, 2);
    write("not.h5", "this is not an HDF5 file\n");
    const struct {
        std::string files, says;
    } cases[] = {
        {path("b0.h5") + " " + path("b2.h5"), "replicates 2..3 are missing"},
        {path("b0.h5") + " " + path("b0_again.h5"), "overlap"},
        {path("b0.h5") + " " + path("b1_seed.h5"), "differs"},
        {path("b0.h5") + " " + path("b1_rate.h5"), "the scenario (scenario_toml) differs"},
        {path("b0.h5") + " " + path("not.h5"), "not.h5"},
        {path("b0.h5") + " " + path("missing.h5"), "no such file"},
        {path("b0.h5"), "two or more"},
    };
    for (const auto& c : cases) {
        const test::CommandResult r = test::housim_cli("merge " + c.files + " -o " + path("m.h5"));
        EXPECT_EQ(r.code, 2) << c.files << "\n" << r.out;
        EXPECT_NE(r.out.find(c.says), std::string::npos) << c.files << "\n" << r.out;
        EXPECT_FALSE(std::filesystem::exists(path("m.h5"))) << c.files;
    }
}

}  // namespace
}  // namespace housim
