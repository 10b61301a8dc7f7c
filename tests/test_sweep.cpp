// Sweeps: the file format and its validation (in process), and `housim sweep` end to end:
// the /sweep/cells table and run groups (checked with the raw HDF5 C API), and the
// determinism contract (a cell's replicate equals the same scenario run alone).
#include <gtest/gtest.h>
#include <hdf5.h>

#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "cli_helpers.hpp"
#include "sim/core/errors.hpp"
#include "sim/run/sweep.hpp"

namespace housim {
namespace {

using test::housim_cli;
using test::tiny_sweep_text;

const char* kDownPayment = "policy.credit.commercial.min_down_payment.first";
const char* kHalt = "policy.land.destock_rule.halt_above_months";

const std::string kGrid = std::string("[[axis]]\nkey = \"") + kDownPayment +
                          "\"\nvalues = [0.15, 0.25]\n[[axis]]\nkey = \"" + kHalt +
                          "\"\nvalues = [24, 48]\n";

class Sweeps : public test::TempDirTest {};

// All problems of one InputError, as "file:line: key: message" lines.
std::string errors_of(const std::string& path, const std::vector<Override>& sets = {}) {
    try {
        load_sweep(path, sets);
    } catch (const InputError& e) {
        return e.what();
    }
    return "";
}

TEST_F(Sweeps, ExplicitCellsComeFirstThenTheGridWithTheLastAxisFastest) {
    const std::string file =
        write("s.toml", tiny_sweep_text(kGrid + "[[cell]]\nname = \"base\"\nset = {}\n"));
    const Sweep s = load_sweep(file, {});
    ASSERT_EQ(s.cells.size(), 5u);
    EXPECT_EQ(s.name, "tiny");
    EXPECT_EQ(s.axis_keys, (std::vector<std::string>{kDownPayment, kHalt}));
    const std::vector<std::string> names{"base", "cell_001", "cell_002", "cell_003", "cell_004"};
    const std::vector<std::vector<double>> values{
        {0.15, 36}, {0.15, 24}, {0.15, 48}, {0.25, 24}, {0.25, 48}};  // base: the city's own
    for (size_t i = 0; i < 5; ++i) {
        EXPECT_EQ(s.cells[i].name, names[i]);
        EXPECT_EQ(s.cells[i].axis_values, values[i]) << i;
        EXPECT_EQ(s.cells[i].replicates, 3u);
    }
    const Scenario cell = cell_scenario(s, 3);
    EXPECT_EQ(cell.levers.policy.land.destock_rule.halt_above_months, 24);
    EXPECT_EQ(cell.run.households, 6000);
}

TEST_F(Sweeps, EveryProblemIsReportedWithFileLineAndKey) {
    const std::string file = write("bad.toml", tiny_sweep_text(std::string(R"([[axis]]
key = ")") + kDownPayment + R"("
values = [0.2,
  1.5]
[[axis]]
key = "policy.land.no_such_key"
values = [1]
[[cell]]
colour = "red"
set = { "policy.land.destock_rule.enabled" = "yes" }
)"));
    const std::string e = errors_of(file);
    EXPECT_NE(e.find(file + ":11: " + kDownPayment + ": value 1.5 out of range [0, 1]"),
              std::string::npos)
        << e;
    EXPECT_NE(e.find(file + ":14: policy.land.no_such_key: unknown key"), std::string::npos) << e;
    EXPECT_NE(e.find(file + ":16: cell.colour: unknown key"), std::string::npos) << e;
    EXPECT_NE(e.find(file + ":17: policy.land.destock_rule.enabled: expected true or false"),
              std::string::npos)
        << e;
}

// A file with errors of its own reports each axis value's error once, checked on its own,
// not in every combination (a fuzzed file of eight axes, most of them repeated keys, made
// 20,736 cells to build before saying so: docs/hostile_inputs.md); a repeated axis key
// is refused and adds no axis.
TEST_F(Sweeps, AFileWithErrorsChecksEachAxisValueOnceAndRepeatedAxesAddNothing) {
    std::string axes;
    for (int i = 0; i < 6; ++i)
        axes += kGrid;
    axes += "[[axis]]\nkey = \"policy.land.deposit_share\"\nvalues = [0.1, 7.0]\n";
    axes += "[[axis]]\nkey = \"policy.land.no_such\"\nvalues = [1, 2, 3]\n";
    const std::string file = write("dup.toml", tiny_sweep_text(axes));
    const std::string e = errors_of(file);
    size_t repeated = 0;
    for (size_t at = e.find("this key already has an [[axis]]"); at != std::string::npos;
         at = e.find("this key already has an [[axis]]", at + 1))
        ++repeated;
    EXPECT_EQ(repeated, 10u) << e;  // the five repeats of each of the two keys
    EXPECT_NE(e.find("policy.land.deposit_share: value 7 out of range"), std::string::npos) << e;
    // An unknown axis key is the file's own error, said once.
    const size_t unknown = e.find("policy.land.no_such: unknown key");
    ASSERT_NE(unknown, std::string::npos) << e;
    EXPECT_EQ(e.find("policy.land.no_such: unknown key", unknown + 1), std::string::npos) << e;
}

TEST_F(Sweeps, CellsMustShareTheTimeAxisAndKeysMustNotBeSetTwice) {
    const std::string months =
        write("m.toml",
              "[set]\n\"run.households\" = 6000\n[[axis]]\nkey = \"run.months\"\n"
              "values = [18, 24]\n");
    EXPECT_NE(errors_of(months).find(months + ":5: run.months: every cell must report the months"),
              std::string::npos)
        << errors_of(months);
    const std::string twice = write("t.toml", tiny_sweep_text(kGrid));
    const std::string e = errors_of(twice, {{kHalt, "30"}});
    EXPECT_NE(e.find(twice + ":12: " + std::string(kHalt) + ": an [[axis]] key cannot also be set"),
              std::string::npos)
        << e;
    const std::string empty = write("e.toml", tiny_sweep_text(""));
    EXPECT_NE(errors_of(empty).find("a sweep needs at least one [[axis]] or [[cell]]"),
              std::string::npos);
    const std::string base = write("b.toml", "base = \"missing.toml\"\n" + kGrid);
    EXPECT_NE(errors_of(base).find(base + ":1: base: cannot open the base scenario"),
              std::string::npos)
        << errors_of(base);
}

TEST_F(Sweeps, BaseIsRelativeToTheSweepFileAndAxisValuesOfAnyTypeBecomeNumbers) {
    write("city.toml",
          "[run]\nname = \"my-city\"\nmonths = 12\nhouseholds = 6000\nscale = 160.0\n");
    const std::string file = write("s.toml", R"(base = "city.toml"
[[axis]]
key = "policy.land.destock_rule.enabled"
values = [true, false]
[[axis]]
key = "policy.land.destock_rule.indicator"
values = ["broad"]
)");
    const Sweep s = load_sweep(file, {{"run.replicates", "2"}});
    ASSERT_EQ(s.cells.size(), 2u);
    EXPECT_EQ(s.name, "s");  // the file's stem when `name` is absent
    EXPECT_EQ(s.cells[0].axis_values[0], 1);
    EXPECT_EQ(s.cells[1].axis_values[0], 0);
    EXPECT_GE(s.cells[0].axis_values[1], 1);  // a choice: its index in the list of choices
    EXPECT_EQ(cell_scenario(s, 0).run.name, "my-city");
    EXPECT_EQ(cell_scenario(s, 0).run.replicates, 2);
}

// ---- end to end ----

class SweepCli : public test::TempDirTest {};

std::vector<double> read_doubles(hid_t file, const std::string& path) {
    const hid_t d = H5Dopen2(file, path.c_str(), H5P_DEFAULT);
    EXPECT_GE(d, 0) << path;
    const hid_t sp = H5Dget_space(d);
    std::vector<double> v(static_cast<size_t>(H5Sget_simple_extent_npoints(sp)));
    H5Dread(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data());
    H5Sclose(sp);
    H5Dclose(d);
    return v;
}

double double_attr(hid_t obj, const char* name) {
    double v = NAN;
    const hid_t a = H5Aopen(obj, name, H5P_DEFAULT);
    EXPECT_GE(a, 0) << name;
    H5Aread(a, H5T_NATIVE_DOUBLE, &v);
    H5Aclose(a);
    return v;
}

TEST_F(SweepCli, WritesTheCellsTableRunGroupsAndStudyMetrics) {
    const std::string sweep = write("s.toml", tiny_sweep_text(kGrid, 2));
    const std::string out = path("s.h5");
    const auto r = housim_cli("sweep " + sweep + " -o " + out + " -j 2");
    ASSERT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("4 cells, 8 replicates"), std::string::npos) << r.out;
    const hid_t f = H5Fopen(out.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    ASSERT_GE(f, 0);
    const hid_t cells = H5Dopen2(f, "/sweep/cells", H5P_DEFAULT);
    ASSERT_GE(cells, 0);
    const hid_t type = H5Dget_type(cells);
    ASSERT_EQ(H5Tget_class(type), H5T_COMPOUND);
    ASSERT_EQ(H5Tget_nmembers(type), 4);
    const std::vector<std::string> members{"cell_index", "run", kDownPayment, kHalt};
    const std::vector<H5T_class_t> classes{H5T_INTEGER, H5T_STRING, H5T_FLOAT, H5T_FLOAT};
    for (unsigned i = 0; i < 4; ++i) {
        char* name = H5Tget_member_name(type, i);
        EXPECT_EQ(std::string(name), members[i]);
        H5free_memory(name);
        EXPECT_EQ(H5Tget_member_class(type, i), classes[i]);
    }
    H5Tclose(type);
    // One column back by name, as h5py would.
    const hid_t mem = H5Tcreate(H5T_COMPOUND, sizeof(double));
    H5Tinsert(mem, kHalt, 0, H5T_NATIVE_DOUBLE);
    std::vector<double> halt(4);
    ASSERT_GE(H5Dread(cells, mem, H5S_ALL, H5S_ALL, H5P_DEFAULT, halt.data()), 0);
    EXPECT_EQ(halt, (std::vector<double>{24, 48, 24, 48}));
    H5Tclose(mem);
    H5Dclose(cells);

    const hid_t run = H5Gopen2(f, "/runs/cell_002", H5P_DEFAULT);
    ASSERT_GE(run, 0);
    EXPECT_EQ(double_attr(run, kDownPayment), 0.25);
    EXPECT_EQ(double_attr(run, kHalt), 24);
    EXPECT_EQ(double_attr(run, "cell_index"), 2);
    H5Gclose(run);
    for (const char* study : {"months_to_narrow_cycle_below_18", "stays_below_12",
                              "peak_unsold_permitted_m2", "land_halted_months"}) {
        const auto v = read_doubles(f, std::string("/runs/cell_002/study/") + study);
        EXPECT_EQ(v.size(), 2u) << study;
    }
    for (double v : read_doubles(f, "/runs/cell_003/study/land_halted_months")) {
        EXPECT_GE(v, 0);
        EXPECT_LE(v, 18);
    }
    EXPECT_EQ(read_doubles(f, "/runs/cell_003/summary/new_sales_units").size(), 18u * 7);
    H5Fclose(f);
}

// Determinism contract (2): replicate k of a sweep cell equals replicate k of the same
// scenario run alone, here at a different thread count too.
TEST_F(SweepCli, ACellsReplicatesEqualTheScenarioRunAlone) {
    const std::string sweep = write("s.toml", tiny_sweep_text(kGrid, 2));
    ASSERT_EQ(housim_cli("sweep " + sweep + " --quiet -j 2 -o " + path("s.h5")).code, 0);
    const std::string alone =
        "run --quiet -j 1 -r 2 --households 6000 --set run.scale=160 "
        "--months 18 --set run.burn_in_months=6 --set " +
        std::string(kDownPayment) + "=0.25 --set " + kHalt + "=48 -o " + path("a.h5");
    ASSERT_EQ(housim_cli(alone).code, 0);
    const hid_t fs = H5Fopen(path("s.h5").c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    const hid_t fa = H5Fopen(path("a.h5").c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    for (const char* m : {"new_sales_units", "digestion_cycle_narrow_months", "price_index_resale",
                          "homeownership_rate"}) {
        const auto in_sweep = read_doubles(fs, std::string("/runs/cell_003/series/") + m);
        const auto run_alone = read_doubles(fa, std::string("/runs/default-city/series/") + m);
        ASSERT_EQ(in_sweep.size(), run_alone.size());
        for (size_t i = 0; i < in_sweep.size(); ++i)  // bitwise, NaN and inf included
            EXPECT_EQ(std::memcmp(&in_sweep[i], &run_alone[i], sizeof(double)), 0) << m << i;
    }
    // `housim run` stores the study metrics too.
    EXPECT_EQ(read_doubles(fa, "/runs/default-city/study/land_halted_months").size(), 2u);
    H5Fclose(fs);
    H5Fclose(fa);
}

TEST_F(SweepCli, InvalidSweepExitsTwoAndLeavesTheOutputAlone) {
    const std::string sweep = write("bad.toml", tiny_sweep_text(std::string("[[axis]]\nkey = \"") +
                                                                kHalt + "\"\nvalues = [-1]\n"));
    const std::string out = write("out.h5", "precious");
    const auto r = housim_cli("sweep " + sweep + " -o " + out);
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_NE(r.out.find(sweep + ":10: " + std::string(kHalt) + ": value -1 out of range"),
              std::string::npos)
        << r.out;
    EXPECT_EQ(test::read_file(out), "precious");
    EXPECT_EQ(housim_cli("sweep " + path("none.toml")).code, 2);
    EXPECT_EQ(housim_cli("sweep " + sweep + " --set nonsense").code, 2);
}

TEST_F(SweepCli, DryRunListsTheCellsAndWritesNothing) {
    const std::string sweep = write("s.toml", tiny_sweep_text(kGrid));
    const auto r = housim_cli("sweep " + sweep + " --dry-run -o " + path("s.h5"));
    EXPECT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("valid, 4 cells"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find(std::string("cell_003           3 replicates  ") + kDownPayment + "=0.25"),
              std::string::npos)
        << r.out;
    EXPECT_FALSE(std::filesystem::exists(path("s.h5")));
}

}  // namespace
}  // namespace housim
