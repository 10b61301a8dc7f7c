// End-to-end: the housim binary as a user runs it. The output file is checked with the
// HDF5 C API directly (not our reader): layout, shapes, units and provenance attributes.
#include <gtest/gtest.h>
#include <hdf5.h>
#include <sys/wait.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "sim/metrics.hpp"

namespace housim {
namespace {

namespace fs = std::filesystem;

struct Result {
    int code;
    std::string out;
};

// Runs housim with `args` (shell words), capturing stdout and stderr together.
Result housim(const std::string& args) {
    const std::string cmd = std::string(HOUSIM_BINARY) + " " + args + " 2>&1";
    FILE* p = popen(cmd.c_str(), "r");
    std::string out;
    char buf[4096];
    while (p && fgets(buf, sizeof buf, p))
        out += buf;
    const int status = p ? pclose(p) : -1;
    return Result{WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

class Cli : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() /
               ("housim_cli_" + std::to_string(::getpid()) + "_" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::create_directories(dir_);
    }
    void TearDown() override { fs::remove_all(dir_); }
    std::string path(const std::string& name) const { return (dir_ / name).string(); }
    fs::path dir_;
};

const char* kSmall = "--households 6000 --set run.scale=160 --set run.burn_in_months=6";

std::string read_string_attr(hid_t obj, const char* name) {
    const hid_t a = H5Aopen(obj, name, H5P_DEFAULT);
    EXPECT_GE(a, 0) << name;
    const hid_t t = H5Aget_type(a);
    std::string s;
    if (H5Tis_variable_str(t) > 0) {
        char* v = nullptr;
        const hid_t mem = H5Tcopy(H5T_C_S1);
        H5Tset_size(mem, H5T_VARIABLE);
        H5Tset_cset(mem, H5Tget_cset(t));  // HDF5 does not convert between character sets
        H5Aread(a, mem, &v);
        s = v ? v : "";
        H5free_memory(v);
        H5Tclose(mem);
    } else {
        s.resize(H5Tget_size(t));
        H5Aread(a, t, s.data());
        s = s.c_str();
    }
    H5Tclose(t);
    H5Aclose(a);
    return s;
}

std::vector<hsize_t> dims_of(hid_t file, const std::string& path) {
    const hid_t d = H5Dopen2(file, path.c_str(), H5P_DEFAULT);
    EXPECT_GE(d, 0) << path;
    const hid_t sp = H5Dget_space(d);
    std::vector<hsize_t> dims(static_cast<size_t>(H5Sget_simple_extent_ndims(sp)));
    H5Sget_simple_extent_dims(sp, dims.data(), nullptr);
    H5Sclose(sp);
    H5Dclose(d);
    return dims;
}

std::vector<double> read_doubles(hid_t file, const std::string& path) {
    const hid_t d = H5Dopen2(file, path.c_str(), H5P_DEFAULT);
    const hid_t sp = H5Dget_space(d);
    std::vector<double> v(static_cast<size_t>(H5Sget_simple_extent_npoints(sp)));
    H5Dread(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data());
    H5Sclose(sp);
    H5Dclose(d);
    return v;
}

TEST_F(Cli, RunWritesTheHousim1Layout) {
    const std::string out = path("city.h5");
    const Result r = housim(std::string("run ") + kSmall + " --months 14 -r 3 --seed 7 -o " + out);
    ASSERT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("digestion_cycle_narrow_months"), std::string::npos) << r.out;
    const hid_t f = H5Fopen(out.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    ASSERT_GE(f, 0);
    EXPECT_EQ(read_string_attr(f, "format"), "housim/1");
    EXPECT_FALSE(read_string_attr(f, "git_commit").empty());
    EXPECT_NE(read_string_attr(f, "command_line").find("--seed 7"), std::string::npos);
    EXPECT_EQ(read_string_attr(f, "created_utc").size(), 20u);
    EXPECT_EQ(dims_of(f, "/time/month"), std::vector<hsize_t>{14});
    const hid_t run = H5Gopen2(f, "/runs/default-city", H5P_DEFAULT);
    ASSERT_GE(run, 0);
    const std::string toml = read_string_attr(run, "scenario_toml");
    EXPECT_NE(toml.find("months = 14"), std::string::npos);
    EXPECT_NE(toml.find("seed = 7"), std::string::npos);
    H5Gclose(run);
    for (const MetricInfo& m : metric_registry()) {
        const std::string series = "/runs/default-city/series/" + std::string(m.name);
        EXPECT_EQ(dims_of(f, series), (std::vector<hsize_t>{3, 14})) << m.name;
        const hid_t d = H5Dopen2(f, series.c_str(), H5P_DEFAULT);
        EXPECT_EQ(read_string_attr(d, "unit"), m.unit);
        EXPECT_EQ(read_string_attr(d, "description"), m.description);
        H5Dclose(d);
        EXPECT_EQ(dims_of(f, "/runs/default-city/summary/" + std::string(m.name)),
                  (std::vector<hsize_t>{14, 7}));
    }
    // Values are finite and plausible where they must be.
    for (double v : read_doubles(f, "/runs/default-city/series/homeownership_rate")) {
        EXPECT_GT(v, 0.5);
        EXPECT_LT(v, 1.0);
    }
    for (double v : read_doubles(f, "/runs/default-city/series/dwellings_total")) {
        EXPECT_GT(v, 5e5);  // real-city units: about a million homes
    }
    H5Fclose(f);
    EXPECT_FALSE(fs::exists(out + ".tmp-" + std::to_string(::getpid())));
}

// The narrow cycle recomputes from the file's stock and sales series (MODEL.md §10), from
// month 12 on where the trailing window lies within the reported months.
TEST_F(Cli, DigestionCycleRecomputesFromTheFile) {
    const std::string out = path("cycle.h5");
    ASSERT_EQ(housim(std::string("run ") + kSmall + " --months 30 -r 2 --quiet -o " + out).code, 0);
    const hid_t f = H5Fopen(out.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    ASSERT_GE(f, 0);
    const auto stock = read_doubles(f, "/runs/default-city/series/unsold_permitted_m2");
    const auto sales = read_doubles(f, "/runs/default-city/series/new_sales_m2");
    const auto cycle = read_doubles(f, "/runs/default-city/series/digestion_cycle_narrow_months");
    const auto units = read_doubles(f, "/runs/default-city/series/dwellings_total");
    const auto completions = read_doubles(f, "/runs/default-city/series/completions_units");
    const auto demolitions = read_doubles(f, "/runs/default-city/series/demolitions_units");
    H5Fclose(f);
    for (int r = 0; r < 2; ++r) {
        for (int m = 11; m < 30; ++m) {
            double sum = 0;
            for (int k = m - 11; k <= m; ++k)
                sum += sales[r * 30 + k];
            const double expected = sum > 0 ? stock[r * 30 + m] / (sum / 12) : INFINITY;
            EXPECT_NEAR(cycle[r * 30 + m], expected, 1e-9 * std::abs(expected)) << r << " " << m;
        }
        for (int m = 1; m < 30; ++m) {
            EXPECT_NEAR(units[r * 30 + m],
                        units[r * 30 + m - 1] + completions[r * 30 + m] - demolitions[r * 30 + m],
                        1e-6);
        }
    }
}

TEST_F(Cli, InvalidScenarioExitsTwoAndWritesNothing) {
    const std::string scenario = path("bad.toml");
    std::ofstream(scenario) << "[run]\nmonths = 12\n[policy.land]\nhalt = 3\n";
    const std::string out = path("out.h5");
    const Result r = housim("run " + scenario + " -o " + out);
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_NE(r.out.find(scenario + ":4: policy.land.halt: unknown key"), std::string::npos)
        << r.out;
    EXPECT_FALSE(fs::exists(out));
    // A file already at the output path is left untouched.
    std::ofstream(out) << "precious";
    EXPECT_EQ(housim("run " + scenario + " -o " + out).code, 2);
    std::ifstream in(out);
    std::string content;
    in >> content;
    EXPECT_EQ(content, "precious");
}

TEST_F(Cli, BadOverrideAndBadUsageExitTwo) {
    Result r = housim("run --set run.months=abc -o " + path("x.h5"));
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.out.find("--set: run.months"), std::string::npos) << r.out;
    EXPECT_EQ(housim("run --no-such-flag").code, 2);
    EXPECT_EQ(housim("").code, 2);
    EXPECT_FALSE(fs::exists(path("x.h5")));
}

TEST_F(Cli, ValidateAndLevers) {
    const std::string scenario = path("ok.toml");
    std::ofstream(scenario) << "[run]\nmonths = 12\n";
    const Result v = housim("validate " + scenario);
    EXPECT_EQ(v.code, 0) << v.out;
    EXPECT_NE(v.out.find("valid"), std::string::npos);
    const Result l = housim("levers");
    EXPECT_EQ(l.code, 0);
    EXPECT_NE(l.out.find("policy.land.destock_rule.halt_above_months"), std::string::npos);
    EXPECT_NE(l.out.find("seed 003 §1(1)"), std::string::npos);
    EXPECT_EQ(l.out.find("run.households"), std::string::npos) << "levers lists levers only";
}

TEST_F(Cli, ValidateReadsSweepAndPairedFilesAndReportsTheirErrors) {
    // Every paired comparison the project ships validates (their base resolved beside them).
    for (const char* f : {"paired_weihai_2025.toml", "sweep_downpayment_x_halt.toml"}) {
        const Result v = housim(std::string("validate ") + HOUSIM_SOURCE_DIR + "/scenarios/" + f);
        EXPECT_EQ(v.code, 0) << f << ": " << v.out;
        EXPECT_NE(v.out.find("valid sweep"), std::string::npos) << v.out;
    }
    // A bad axis value is reported like a scenario's: file, key, exit code 2.
    const std::string sweep = path("bad_sweep.toml");
    std::ofstream(sweep) << "replicates = 2\n[[axis]]\nkey = \"run.months\"\nvalues = [12, -3]\n";
    const Result bad = housim("validate " + sweep);
    EXPECT_EQ(bad.code, 2) << bad.out;
    EXPECT_NE(bad.out.find("run.months"), std::string::npos) << bad.out;
    EXPECT_NE(bad.out.find("bad_sweep.toml"), std::string::npos) << bad.out;
}

TEST_F(Cli, FirstReplicateSelectsRows) {
    const std::string a = path("a.h5");
    const std::string b = path("b.h5");
    ASSERT_EQ(housim(std::string("run ") + kSmall + " --months 6 -r 3 --quiet -o " + a).code, 0);
    ASSERT_EQ(housim(std::string("run ") + kSmall +
                     " --months 6 -r 1 --first-replicate 2 --quiet -j 1 -o " + b)
                  .code,
              0);
    const hid_t fa = H5Fopen(a.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    const hid_t fb = H5Fopen(b.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    const auto va = read_doubles(fa, "/runs/default-city/series/new_sales_units");
    const auto vb = read_doubles(fb, "/runs/default-city/series/new_sales_units");
    H5Fclose(fa);
    H5Fclose(fb);
    ASSERT_EQ(vb.size(), 6u);
    for (int m = 0; m < 6; ++m)
        EXPECT_EQ(va[2 * 6 + m], vb[m]);
}

}  // namespace
}  // namespace housim
