// housim merge: batches of one run (--first-replicate K -r R) combine into the file one run
// of all the replicates writes (ARCHITECTURE.md "Command line"); mismatched, overlapping
// and incomplete batches are refused with exit 2 and nothing written.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "tests/cli_helpers.hpp"
#include "tests/h5_compare.hpp"

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

TEST_F(Merge, ThreeBatchesMakeTheFileOfOneRun) {
    batch("all.h5", 0, 5);
    batch("b0.h5", 0, 2);
    batch("b1.h5", 2, 2);
    batch("b2.h5", 4, 1);
    // Given in any order.
    const test::CommandResult r = test::housim_cli("merge " + path("b2.h5") + " " + path("b0.h5") +
                                                   " " + path("b1.h5") + " -o " + path("m.h5"));
    ASSERT_EQ(r.code, 0) << r.out;
    test::expect_same_file(path("all.h5"), path("m.h5"));
    // A later block of replicates merges to the file of a run starting there.
    batch("late.h5", 2, 3);
    const test::CommandResult late =
        test::housim_cli("merge " + path("b1.h5") + " " + path("b2.h5") + " -o " + path("l.h5"));
    ASSERT_EQ(late.code, 0) << late.out;
    test::expect_same_file(path("late.h5"), path("l.h5"));
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
