// examples/plot_sweep.py reads a sweep's output with h5py and matplotlib only: proof that
// the file is usable without our code. Skips where python3-h5py or matplotlib is missing
// (CI installs them: scripts/setup.sh).
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "cli_helpers.hpp"

namespace housim {
namespace {

// Debian's interpreter, where python3-h5py installs; another python3 on PATH may lack it.
std::string python() {
    return std::filesystem::exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
}

class Examples : public test::TempDirTest {};

TEST_F(Examples, PlotSweepDrawsAFigureFromASweepFile) {
    if (test::run_shell(python() + " -c 'import h5py, matplotlib'").code != 0) {
        GTEST_SKIP() << "python3-h5py or python3-matplotlib is not installed";
    }
    const std::string sweep =
        write("s.toml", test::tiny_sweep_text(
                            "[[axis]]\nkey = \"policy.credit.commercial.min_down_payment.first\"\n"
                            "values = [0.15, 0.2, 0.3]\n[[axis]]\nkey = \"policy.land.destock_rule."
                            "halt_above_months\"\nvalues = [24, 48]\n",
                            2, 12));
    ASSERT_EQ(test::housim_cli("sweep " + sweep + " --quiet -o " + path("s.h5")).code, 0);
    const auto r = test::run_shell(python() + " " + HOUSIM_SOURCE_DIR + "/examples/plot_sweep.py " +
                                   path("s.h5") + " " + path("fig.png"));
    ASSERT_EQ(r.code, 0) << r.out;
    const std::string png = test::read_file(path("fig.png"));
    ASSERT_GT(png.size(), 10000u);
    EXPECT_EQ(png.substr(1, 3), "PNG");
}

}  // namespace
}  // namespace housim
