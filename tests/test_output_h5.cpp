// The HDF5 output layer. Files are checked through the raw HDF5 C API rather than our reader,
// so a writer bug cannot hide behind a matching reader bug; the reader gets its own tests.
#include <gtest/gtest.h>
#include <hdf5.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "output/h5_reader.hpp"
#include "output/h5_writer.hpp"
#include "sim/metrics.hpp"

namespace housim {
namespace {

namespace fs = std::filesystem;
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
const std::vector<std::string> kMonths{"2025-01", "2025-02", "2025-03"};

// ---- raw HDF5 scaffolding for the checks ----

class Raw {  // owns one identifier; throws (failing the test) if the call that made it failed
  public:
    Raw(hid_t id, herr_t (*close)(hid_t)) : id_(id), close_(close) {
        if (id < 0) throw std::runtime_error("HDF5 call failed in test");
    }
    ~Raw() { close_(id_); }
    Raw(const Raw&) = delete;
    Raw& operator=(const Raw&) = delete;
    hid_t get() const { return id_; }

  private:
    hid_t id_;
    herr_t (*close_)(hid_t);
};

Raw open_file(const fs::path& path, unsigned flags = H5F_ACC_RDONLY) {
    return Raw(H5Fopen(path.c_str(), flags, H5P_DEFAULT), H5Fclose);
}
Raw open_dataset(hid_t file, const std::string& path) {
    return Raw(H5Dopen2(file, path.c_str(), H5P_DEFAULT), H5Dclose);
}

std::string string_attr(hid_t obj, const char* name) {  // as the writer stores them
    const Raw attr(H5Aopen(obj, name, H5P_DEFAULT), H5Aclose);
    const Raw type(H5Aget_type(attr.get()), H5Tclose);
    EXPECT_GT(H5Tis_variable_str(type.get()), 0) << name;
    EXPECT_EQ(H5Tget_cset(type.get()), H5T_CSET_UTF8) << name;
    const Raw space(H5Aget_space(attr.get()), H5Sclose);
    EXPECT_EQ(H5Sget_simple_extent_type(space.get()), H5S_SCALAR) << name;
    char* text = nullptr;
    if (H5Aread(attr.get(), type.get(), &text) < 0) throw std::runtime_error(name);
    std::string out(text);
    H5free_memory(text);
    return out;
}

template <class T>
T scalar_attr(hid_t obj, const char* name, hid_t memory_type) {
    const Raw attr(H5Aopen(obj, name, H5P_DEFAULT), H5Aclose);
    T value{};
    if (H5Aread(attr.get(), memory_type, &value) < 0) throw std::runtime_error(name);
    return value;
}

std::vector<hsize_t> dims_of(hid_t dataset) {
    const Raw space(H5Dget_space(dataset), H5Sclose);
    std::vector<hsize_t> dims(static_cast<size_t>(H5Sget_simple_extent_ndims(space.get())));
    H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr);
    return dims;
}

std::vector<double> read_doubles(hid_t dataset) {
    size_t n = 1;
    for (const hsize_t d : dims_of(dataset))
        n *= d;
    std::vector<double> values(n);
    if (H5Dread(dataset, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()) < 0) {
        throw std::runtime_error("read failed");
    }
    return values;
}

H5Z_filter_t filter_at(hid_t plist, unsigned index) {
    unsigned flags = 0;
    std::array<unsigned, 8> values{};
    size_t n = values.size();
    std::array<char, 32> name{};
    unsigned config = 0;
    return H5Pget_filter2(plist, index, &flags, &n, values.data(), name.size(), name.data(),
                          &config);
}

bool same_bits(double a, double b) {
    return std::memcmp(&a, &b, sizeof a) == 0;
}
bool same_value(double a, double b) {
    return a == b || (std::isnan(a) && std::isnan(b));
}

// ---- inputs ----

FileInfo file_info() {
    FileInfo info;
    info.housim_version = "0.1.0";
    info.git_commit = "0123456789ab";
    info.created_utc = "2026-11-22T03:49:46Z";
    info.command_line = "housim run --seed 18446744073709551557 scenarios/default.toml";
    info.seed = 18446744073709551557ULL;  // above 2^63: must survive as unsigned 64-bit
    info.months = kMonths;
    return info;
}

RunInfo run_info(const std::string& name, uint32_t first, uint32_t replicates) {
    RunInfo run;
    run.name = name;
    run.scenario_toml = "[city]\nname = \"合肥\"\n";  // UTF-8 must survive
    run.cell_index = -3;
    run.axis_values = {{"policy.credit.commercial.min_down_payment.first", 0.2}, {"run.x", -1.5}};
    run.first_replicate = first;
    run.replicates = replicates;
    return run;
}

// Distinct, bit-rich values per (replicate, month, metric), with a NaN, an infinity and a
// negative zero among them: every bit pattern must survive.
double value(uint32_t replicate, size_t month, size_t metric) {
    if (metric == 3 && month == 1) return replicate % 2 == 1 ? kInf : -0.0;
    if (metric == 4 && month == 0 && replicate == 11) return kNaN;
    return std::sin(replicate * 12.9898 + month * 78.233 + metric * 0.7) * 43758.5453;
}

std::vector<double> replicate_values(uint32_t replicate) {
    const size_t metrics = metric_registry().size();
    std::vector<double> values(kMonths.size() * metrics);
    for (size_t t = 0; t < kMonths.size(); ++t) {
        for (size_t m = 0; m < metrics; ++m)
            values[t * metrics + m] = value(replicate, t, m);
    }
    return values;
}

void write_run(H5Writer& writer, const RunInfo& run, const std::vector<uint32_t>& order) {
    writer.begin_run(run);
    for (const uint32_t r : order)
        writer.write_replicate(run.name, r, replicate_values(r));
    writer.end_run(run.name);
}

class OutputH5 : public ::testing::Test {
  protected:
    OutputH5() {
        dir_ = fs::temp_directory_path() /
               ("housim_test_output_h5_" + std::to_string(::getpid()) + "_" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        fs::create_directories(dir_);
    }
    ~OutputH5() override {
        std::error_code ignored;
        fs::remove_all(dir_, ignored);
    }
    fs::path out() const { return dir_ / "out.h5"; }
    fs::path temp() const { return out().string() + ".tmp-" + std::to_string(::getpid()); }
    size_t entries() const {
        return static_cast<size_t>(std::distance(fs::directory_iterator(dir_), {}));
    }
    // One run "base": replicates 10..14, rows 13, 10, 14, 11 written and 12 never.
    void write_base_file() {
        H5Writer writer(out().string(), file_info());
        write_run(writer, run_info("base", 10, 5), {13, 10, 14, 11});
        writer.commit();
    }

    fs::path dir_;
};

// ---- summarize ----

TEST(Summarize, HandComputedValues) {
    const std::vector<double> s = summarize({1, 2, 3, 4});
    const std::vector<double> expected{2.5, 1.2909944487358056, 1.15, 1.75, 2.5, 3.25, 3.85};
    ASSERT_EQ(s.size(), 7U);
    for (size_t k = 0; k < 7; ++k)
        EXPECT_DOUBLE_EQ(s[k], expected[k]) << k;
}

TEST(Summarize, OneValueHasZeroSdNaNIsDroppedAndNoValuesGiveNaN) {
    EXPECT_EQ(summarize({5.0}), (std::vector<double>{5, 0, 5, 5, 5, 5, 5}));
    EXPECT_EQ(summarize({kNaN, 4, 1, kNaN, 3, 2}), summarize({1, 2, 3, 4}));
    for (const double x : summarize({}))
        EXPECT_TRUE(std::isnan(x));
    for (const double x : summarize({kNaN, kNaN}))
        EXPECT_TRUE(std::isnan(x));
}

TEST(Summarize, InfinitySortsLastInQuantilesAndIsLeftOutOfMoments) {
    const std::vector<double> s = summarize({3, kInf, 1, 2});
    EXPECT_DOUBLE_EQ(s[0], 2.0);  // mean and sd of {1, 2, 3}
    EXPECT_DOUBLE_EQ(s[1], 1.0);
    EXPECT_DOUBLE_EQ(s[2], 1.15);  // quantiles of {1, 2, 3, inf}
    EXPECT_DOUBLE_EQ(s[3], 1.75);
    EXPECT_DOUBLE_EQ(s[4], 2.5);
    EXPECT_EQ(s[5], kInf);
    EXPECT_EQ(s[6], kInf);
    const std::vector<double> all_inf = summarize({kInf, kInf});
    EXPECT_TRUE(std::isnan(all_inf[0]));
    EXPECT_EQ(all_inf[4], kInf);  // equal neighbours: no inf - inf
    EXPECT_EQ(summarize({-kInf, 1})[4], -kInf);
}

// ---- writer, checked with the raw C API ----

TEST_F(OutputH5, RootRecordsProvenanceAndTheTimeAxis) {
    write_base_file();
    const Raw file = open_file(out());
    const FileInfo info = file_info();
    EXPECT_EQ(string_attr(file.get(), "format"), "housim/1");
    EXPECT_EQ(string_attr(file.get(), "housim_version"), info.housim_version);
    EXPECT_EQ(string_attr(file.get(), "git_commit"), info.git_commit);
    EXPECT_EQ(string_attr(file.get(), "created_utc"), info.created_utc);
    EXPECT_EQ(string_attr(file.get(), "command_line"), info.command_line);
    EXPECT_EQ(scalar_attr<uint64_t>(file.get(), "seed", H5T_NATIVE_UINT64), info.seed);

    const Raw month = open_dataset(file.get(), "/time/month");  // fixed-length, 7 bytes
    EXPECT_EQ(dims_of(month.get()), std::vector<hsize_t>{3});
    const Raw type(H5Dget_type(month.get()), H5Tclose);
    ASSERT_EQ(H5Tis_variable_str(type.get()), 0);
    ASSERT_EQ(H5Tget_size(type.get()), 7U);
    std::string packed(21, '\0');
    ASSERT_GE(H5Dread(month.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, packed.data()), 0);
    EXPECT_EQ(packed, "2025-012025-022025-03");
}

TEST_F(OutputH5, SeriesRowsRoundTripBitwiseInAnyOrder) {
    write_base_file();
    const Raw file = open_file(out());
    const auto registry = metric_registry();
    for (size_t m = 0; m < registry.size(); ++m) {
        const Raw dataset =
            open_dataset(file.get(), "/runs/base/series/" + std::string(registry[m].name));
        ASSERT_EQ(dims_of(dataset.get()), (std::vector<hsize_t>{5, 3}));
        const std::vector<double> stored = read_doubles(dataset.get());
        for (uint32_t row = 0; row < 5; ++row) {
            for (size_t t = 0; t < 3; ++t) {
                const double got = stored[row * 3 + t];
                if (row + 10 == 12) {
                    EXPECT_TRUE(std::isnan(got)) << "unwritten rows hold the NaN fill";
                } else {
                    EXPECT_TRUE(same_bits(got, value(row + 10, t, m))) << registry[m].name;
                }
            }
        }
    }
}

TEST_F(OutputH5, SeriesAreChunkedCompressedAndDescribed) {
    write_base_file();
    const Raw file = open_file(out());
    const Raw group(H5Gopen2(file.get(), "/runs/base/series", H5P_DEFAULT), H5Gclose);
    H5G_info_t info{};
    ASSERT_GE(H5Gget_info(group.get(), &info), 0);
    EXPECT_EQ(info.nlinks, metric_registry().size());
    for (const MetricInfo& metric : metric_registry()) {
        const Raw dataset = open_dataset(group.get(), std::string(metric.name));
        EXPECT_EQ(string_attr(dataset.get(), "unit"), metric.unit);
        EXPECT_EQ(string_attr(dataset.get(), "description"), metric.description);
        const Raw plist(H5Dget_create_plist(dataset.get()), H5Pclose);
        hsize_t chunk[2] = {0, 0};
        EXPECT_EQ(H5Pget_chunk(plist.get(), 2, chunk), 2);
        EXPECT_EQ(chunk[0], 5U);
        EXPECT_EQ(chunk[1], 3U);
        ASSERT_EQ(H5Pget_nfilters(plist.get()), 2);
        EXPECT_EQ(filter_at(plist.get(), 0), H5Z_FILTER_SHUFFLE);  // shuffle first, then deflate
        EXPECT_EQ(filter_at(plist.get(), 1), H5Z_FILTER_DEFLATE);
    }
}

TEST_F(OutputH5, SummaryIsSummarizeOfEachMonth) {
    write_base_file();
    const Raw file = open_file(out());
    for (const MetricInfo& metric : metric_registry()) {
        const std::string name(metric.name);
        const Raw series = open_dataset(file.get(), "/runs/base/series/" + name);
        const Raw summary = open_dataset(file.get(), "/runs/base/summary/" + name);
        ASSERT_EQ(dims_of(summary.get()), (std::vector<hsize_t>{3, 7}));
        EXPECT_EQ(string_attr(summary.get(), "columns"), "mean,sd,p05,p25,p50,p75,p95");
        EXPECT_EQ(string_attr(summary.get(), "unit"), metric.unit);
        const std::vector<double> rows = read_doubles(series.get());
        const std::vector<double> table = read_doubles(summary.get());
        for (size_t t = 0; t < 3; ++t) {
            std::vector<double> column;
            for (size_t r = 0; r < 5; ++r)
                column.push_back(rows[r * 3 + t]);
            const std::vector<double> expected = summarize(column);
            for (size_t k = 0; k < 7; ++k) {
                EXPECT_TRUE(same_value(table[t * 7 + k], expected[k])) << name << " " << t << k;
            }
        }
    }
}

TEST_F(OutputH5, RunsKeepTheirAttributesAndData) {
    {
        H5Writer writer(out().string(), file_info());
        write_run(writer, run_info("a", 0, 2), {1, 0});
        write_run(writer, run_info("b", 2, 70), {71, 3});  // 70 rows: two chunks
        writer.commit();
    }
    const Raw file = open_file(out());
    const Raw b(H5Gopen2(file.get(), "/runs/b", H5P_DEFAULT), H5Gclose);
    EXPECT_EQ(string_attr(b.get(), "scenario_toml"), run_info("b", 2, 70).scenario_toml);
    EXPECT_EQ(scalar_attr<int64_t>(b.get(), "cell_index", H5T_NATIVE_INT64), -3);
    EXPECT_EQ(scalar_attr<uint32_t>(b.get(), "first_replicate", H5T_NATIVE_UINT32), 2U);
    EXPECT_EQ(scalar_attr<uint32_t>(b.get(), "replicates", H5T_NATIVE_UINT32), 70U);
    EXPECT_EQ(scalar_attr<double>(b.get(), "policy.credit.commercial.min_down_payment.first",
                                  H5T_NATIVE_DOUBLE),
              0.2);
    EXPECT_EQ(scalar_attr<double>(b.get(), "run.x", H5T_NATIVE_DOUBLE), -1.5);
    const std::string metric(metric_registry()[0].name);
    const Raw a_rows = open_dataset(file.get(), "/runs/a/series/" + metric);
    EXPECT_EQ(read_doubles(a_rows.get())[3], value(1, 0, 0));
    const Raw b_rows = open_dataset(file.get(), "/runs/b/series/" + metric);
    ASSERT_EQ(dims_of(b_rows.get()), (std::vector<hsize_t>{70, 3}));
    EXPECT_EQ(read_doubles(b_rows.get())[69 * 3 + 2], value(71, 2, 0));
    EXPECT_EQ(read_doubles(b_rows.get())[1 * 3 + 1], value(3, 1, 0));
}

TEST_F(OutputH5, CommitRenamesTheTemporaryFile) {
    H5Writer writer(out().string(), file_info());
    write_run(writer, run_info("base", 0, 1), {0});
    EXPECT_TRUE(fs::exists(temp()));
    EXPECT_FALSE(fs::exists(out()));
    writer.commit();
    EXPECT_FALSE(fs::exists(temp()));
    EXPECT_TRUE(fs::exists(out()));
    EXPECT_EQ(entries(), 1U);
}

TEST_F(OutputH5, WriterDroppedWithoutCommitLeavesNoFileAndKeepsAnOldOne) {
    {
        H5Writer writer(out().string(), file_info());
        writer.begin_run(run_info("base", 0, 2));
        writer.write_replicate("base", 1, replicate_values(1));
    }
    EXPECT_EQ(entries(), 0U);

    std::ofstream(out()) << "an earlier result";
    { H5Writer writer(out().string(), file_info()); }
    std::ifstream in(out());
    std::string contents;
    std::getline(in, contents);
    EXPECT_EQ(contents, "an earlier result");
    EXPECT_EQ(entries(), 1U);
}

TEST_F(OutputH5, MisuseThrowsAndLeavesTheRunIntact) {
    H5Writer writer(out().string(), file_info());
    writer.begin_run(run_info("base", 10, 5));
    writer.write_replicate("base", 12, replicate_values(12));
    EXPECT_THROW(writer.write_replicate("base", 9, replicate_values(9)), std::runtime_error);
    EXPECT_THROW(writer.write_replicate("base", 15, replicate_values(15)), std::runtime_error);
    EXPECT_THROW(writer.write_replicate("base", 11, {1.0}), std::runtime_error);
    EXPECT_THROW(writer.write_replicate("other", 11, replicate_values(11)), std::runtime_error);
    EXPECT_THROW(writer.begin_run(run_info("base", 0, 1)), std::runtime_error);
    EXPECT_THROW(writer.begin_run(run_info("bad/name", 0, 1)), std::runtime_error);
    EXPECT_THROW(writer.begin_run(run_info("empty", 0, 0)), std::runtime_error);
    EXPECT_THROW(writer.commit(), std::runtime_error);  // "base" not ended
    writer.end_run("base");
    EXPECT_THROW(writer.write_replicate("base", 12, replicate_values(12)), std::runtime_error);
    writer.commit();
    const Raw file = open_file(out());
    const Raw dataset =
        open_dataset(file.get(), "/runs/base/series/" + std::string(metric_registry()[0].name));
    EXPECT_EQ(read_doubles(dataset.get())[2 * 3], value(12, 0, 0));
}

// ---- reader ----

TEST_F(OutputH5, ReaderRoundTrip) {
    {
        H5Writer writer(out().string(), file_info());
        write_run(writer, run_info("zeta", 0, 2), {0, 1});
        write_run(writer, run_info("base", 10, 5), {13, 10, 14, 11});
        writer.commit();
    }
    const H5Reader reader(out().string());
    EXPECT_EQ(reader.runs(), (std::vector<std::string>{"base", "zeta"}));
    EXPECT_EQ(reader.months(), kMonths);
    std::vector<std::string> names;
    for (const MetricInfo& metric : metric_registry())
        names.emplace_back(metric.name);
    std::sort(names.begin(), names.end());
    EXPECT_EQ(reader.metrics("base"), names);
    const MetricInfo& metric = metric_registry()[5];
    const SeriesData series = reader.series("base", std::string(metric.name));
    ASSERT_EQ(series.rows, 5);
    ASSERT_EQ(series.cols, 3);
    EXPECT_TRUE(same_bits(series.at(3, 2), value(13, 2, 5)));
    EXPECT_EQ(series.unit, metric.unit);
    EXPECT_EQ(series.description, metric.description);
    const SeriesData summary = reader.summary("base", std::string(metric.name));
    ASSERT_EQ(summary.rows, 3);
    ASSERT_EQ(summary.cols, 7);
    const std::vector<double> month1 = summarize(
        {series.at(0, 1), series.at(1, 1), series.at(2, 1), series.at(3, 1), series.at(4, 1)});
    for (int k = 0; k < 7; ++k)
        EXPECT_TRUE(same_value(summary.at(1, k), month1[k]));
    EXPECT_EQ(summary.unit, metric.unit);
    EXPECT_EQ(summary.description, "");
    EXPECT_EQ(reader.run_attribute_string("zeta", "scenario_toml"),
              run_info("", 0, 0).scenario_toml);
    EXPECT_EQ(reader.root_attribute_string("git_commit"), file_info().git_commit);
}

// Files written by other tools may store strings the other way round: fixed-length
// attributes, variable-length month labels.
TEST_F(OutputH5, ReaderAcceptsBothStringStorages) {
    {
        const Raw file(H5Fcreate(out().c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), H5Fclose);
        const Raw fixed(H5Tcopy(H5T_C_S1), H5Tclose);
        H5Tset_size(fixed.get(), 10);
        H5Tset_strpad(fixed.get(), H5T_STR_NULLPAD);
        const Raw scalar(H5Screate(H5S_SCALAR), H5Sclose);
        const Raw attr(
            H5Acreate2(file.get(), "format", fixed.get(), scalar.get(), H5P_DEFAULT, H5P_DEFAULT),
            H5Aclose);
        const char format[10] = "housim/1";
        ASSERT_GE(H5Awrite(attr.get(), fixed.get(), format), 0);
        const Raw variable(H5Tcopy(H5T_C_S1), H5Tclose);
        H5Tset_size(variable.get(), H5T_VARIABLE);
        const hsize_t n = 2;
        const Raw space(H5Screate_simple(1, &n, nullptr), H5Sclose);
        const Raw group(H5Gcreate2(file.get(), "time", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                        H5Gclose);
        const Raw month(H5Dcreate2(group.get(), "month", variable.get(), space.get(), H5P_DEFAULT,
                                   H5P_DEFAULT, H5P_DEFAULT),
                        H5Dclose);
        const char* labels[2] = {"2030-11", "2030-12"};
        ASSERT_GE(H5Dwrite(month.get(), variable.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, labels), 0);
    }
    const H5Reader reader(out().string());
    EXPECT_EQ(reader.root_attribute_string("format"), "housim/1");
    EXPECT_EQ(reader.months(), (std::vector<std::string>{"2030-11", "2030-12"}));
}

TEST_F(OutputH5, ReaderErrorsNameTheFileAndObjectAndPrintNothing) {
    write_base_file();
    const H5Reader reader(out().string());
    ::testing::internal::CaptureStderr();
    try {
        reader.series("base", "no_such_metric");
        ADD_FAILURE() << "expected an exception";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("/runs/base/series/no_such_metric"),
                  std::string::npos);
        EXPECT_NE(std::string(e.what()).find(out().string()), std::string::npos) << e.what();
    }
    EXPECT_THROW(H5Reader((dir_ / "missing.h5").string()), std::runtime_error);
    EXPECT_EQ(::testing::internal::GetCapturedStderr(), "");
    std::ofstream(dir_ / "not.h5") << "not hdf5";
    EXPECT_THROW(H5Reader((dir_ / "not.h5").string()), std::runtime_error);
}

}  // namespace
}  // namespace housim
