// Storage choices (see h5_writer.hpp for the layout):
// - String attributes are scalar, variable-length UTF-8 (h5py returns them as str).
// - /time/month holds fixed-length strings as wide as the longest label (7 bytes for
//   "YYYY-MM"), NUL-padded, UTF-8: a plain numpy "S7" array for h5py, no heap per element.
// - Numbers are stored little-endian IEEE (H5T_IEEE_F64LE etc.) whatever the host.
// - A series is chunked by blocks of up to 64 replicates times all months, so one replicate
//   row touches one chunk and a month's column is read in a few chunks; shuffle + deflate 4.
//   Rows never written read back as the fill value NaN.
#include "output/h5_writer.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstddef>
#include <filesystem>
#include <limits>
#include <map>
#include <stdexcept>

#include "output/h5_handles.hpp"
#include "output/h5_tables.hpp"
#include "sim/metrics.hpp"

namespace housim {

namespace {

constexpr hsize_t kMaxChunkRows = 64;
constexpr unsigned kDeflateLevel = 4;
// Summaries: level 1 compresses them as well as 4 in less of the writer thread's time (a
// 1000-cell sweep of 24-month cells: 130 MB either way, 179 MB with raw summaries).
constexpr unsigned kSummaryDeflateLevel = 1;
// Rows arrive roughly in replicate order from the work queue; caching a few chunks per
// dataset lets out-of-order rows land without recompressing a chunk, while the memory of an
// open run stays bounded by metrics x kCachedChunks x chunk size. Measured with 1000
// replicates x 600 months, rows shuffled within windows of 200: 1.2 s with 4 chunks, 50 s
// with 2, 75 s with 1 (each evicted chunk is recompressed and later decompressed again).
constexpr size_t kCachedChunks = 4;
constexpr size_t kCacheSlots = 521;  // HDF5's default hash size, a prime
constexpr std::string_view kSummaryColumns = "mean,sd,p05,p25,p50,p75,p95";
constexpr hsize_t kSummaryWidth = 7;

struct OpenRun {
    uint32_t first_replicate = 0;
    uint32_t replicates = 0;
    std::string path;  // "/runs/<name>"
    h5::Group group;
    h5::Group series_group;
    h5::Group study_group;                  // created by the first write_study
    std::vector<std::string> series_paths;  // metric_registry() order, for messages
    std::vector<h5::Dataset> series;        // metric_registry() order
    hsize_t zones = 0;                      // 0: no series_by_zone
    h5::Group zone_group;
    std::vector<std::string> zone_paths;  // zone_metric_registry() order
    std::vector<h5::Dataset> zone_series;
};

void write_root_attributes(hid_t file, const FileInfo& info, const h5::Where& where) {
    h5::write_attribute(file, "format", std::string_view("housim/1"), where);
    h5::write_attribute(file, "housim_version", std::string_view(info.housim_version), where);
    h5::write_attribute(file, "git_commit", std::string_view(info.git_commit), where);
    h5::write_attribute(file, "created_utc", std::string_view(info.created_utc), where);
    h5::write_attribute(file, "command_line", std::string_view(info.command_line), where);
    h5::write_attribute(file, "seed", info.seed, where);
    h5::write_attribute(file, "mpi_ranks", info.mpi_ranks, where);
}

void write_months(hid_t file, const std::vector<std::string>& months, std::string_view name) {
    size_t width = 1;  // a fixed-length string type cannot be zero bytes wide
    for (const std::string& m : months)
        width = std::max(width, m.size());
    std::string packed(width * months.size(), '\0');
    for (size_t i = 0; i < months.size(); ++i)
        months[i].copy(packed.data() + i * width, width);

    h5::Group time = h5::create_group(file, "time", {name, "/time"});
    const h5::Where where{name, "/time/month"};
    const h5::Datatype type = h5::string_type(width, where);
    const hsize_t dims[1] = {months.size()};
    const h5::Dataspace space(H5Screate_simple(1, dims, nullptr), "create", where);
    h5::Dataset dataset(H5Dcreate2(time.get(), "month", type.get(), space.get(), H5P_DEFAULT,
                                   H5P_DEFAULT, H5P_DEFAULT),
                        "create", where);
    h5::check(H5Dwrite(dataset.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, packed.data()),
              "write", where);
    dataset.close(where);
    time.close({name, "/time"});
}

void write_run_attributes(hid_t group, const RunInfo& run, const h5::Where& where) {
    h5::write_attribute(group, "scenario_toml", std::string_view(run.scenario_toml), where);
    h5::write_attribute(group, "cell_index", run.cell_index, where);
    h5::write_attribute(group, "first_replicate", run.first_replicate, where);
    h5::write_attribute(group, "replicates", run.replicates, where);
    for (const auto& [key, value] : run.axis_values)
        h5::write_attribute(group, key, value, where);
}

h5::PropList series_creation(hsize_t rows, hsize_t months, const h5::Where& where) {
    h5::PropList plist(H5Pcreate(H5P_DATASET_CREATE), "set up", where);
    const hsize_t chunk[2] = {std::min(rows, kMaxChunkRows), months};
    const double nan = std::numeric_limits<double>::quiet_NaN();
    h5::check(H5Pset_chunk(plist.get(), 2, chunk), "set chunks of", where);
    h5::check(H5Pset_shuffle(plist.get()), "set filters of", where);  // before deflate: order
    h5::check(H5Pset_deflate(plist.get(), kDeflateLevel), "set filters of", where);
    h5::check(H5Pset_fill_value(plist.get(), H5T_NATIVE_DOUBLE, &nan), "set fill of", where);
    return plist;
}

h5::PropList series_access(hsize_t rows, hsize_t months, const h5::Where& where) {
    h5::PropList plist(H5Pcreate(H5P_DATASET_ACCESS), "set up", where);
    const size_t chunk_bytes = std::min(rows, kMaxChunkRows) * months * sizeof(double);
    h5::check(H5Pset_chunk_cache(plist.get(), kCacheSlots, kCachedChunks * chunk_bytes,
                                 H5D_CHUNK_CACHE_W0_DEFAULT),
              "set chunk cache of", where);
    return plist;
}

void create_series(OpenRun& run, hsize_t months, std::string_view file) {
    const std::string series_path = run.path + "/series";
    const h5::Where where{file, series_path};
    const hsize_t dims[2] = {run.replicates, months};
    const h5::Dataspace space(H5Screate_simple(2, dims, nullptr), "create", where);
    const h5::PropList creation = series_creation(run.replicates, months, where);
    const h5::PropList access = series_access(run.replicates, months, where);
    for (const MetricInfo& metric : metric_registry()) {
        const std::string name(metric.name);
        std::string path = run.path + "/series/" + name;
        const h5::Where at{file, path};
        h5::Dataset dataset(H5Dcreate2(run.series_group.get(), name.c_str(), H5T_IEEE_F64LE,
                                       space.get(), H5P_DEFAULT, creation.get(), access.get()),
                            "create", at);
        h5::write_attribute(dataset.get(), "unit", metric.unit, at);
        h5::write_attribute(dataset.get(), "description", metric.description, at);
        run.series.push_back(std::move(dataset));
        run.series_paths.push_back(std::move(path));
    }
}

// /runs/<run>/series_by_zone/<metric> [replicates x months x zones], chunked like the
// city's series with all zones in a chunk; NaN where no row was written.
void create_zone_series(OpenRun& run, hsize_t months, const std::vector<std::string>& names,
                        std::string_view file) {
    const std::string group_path = run.path + "/series_by_zone";
    const h5::Where where{file, group_path};
    run.zones = names.size();
    run.zone_group = h5::create_group(run.group.get(), "series_by_zone", where);
    h5::write_string_list_attribute(run.zone_group.get(), "zones", names, where);
    const hsize_t dims[3] = {run.replicates, months, run.zones};
    const h5::Dataspace space(H5Screate_simple(3, dims, nullptr), "create", where);
    h5::PropList creation(H5Pcreate(H5P_DATASET_CREATE), "set up", where);
    const hsize_t chunk[3] = {std::min<hsize_t>(run.replicates, kMaxChunkRows), months, run.zones};
    const double nan = std::numeric_limits<double>::quiet_NaN();
    h5::check(H5Pset_chunk(creation.get(), 3, chunk), "set chunks of", where);
    h5::check(H5Pset_shuffle(creation.get()), "set filters of", where);
    h5::check(H5Pset_deflate(creation.get(), kDeflateLevel), "set filters of", where);
    h5::check(H5Pset_fill_value(creation.get(), H5T_NATIVE_DOUBLE, &nan), "set fill of", where);
    const h5::PropList access = series_access(run.replicates, months * run.zones, where);
    for (const ZoneMetricInfo& metric : zone_metric_registry()) {
        const MetricInfo& city = *find_metric(metric.name);
        const std::string name(metric.name);
        std::string path = group_path + "/" + name;
        const h5::Where at{file, path};
        h5::Dataset dataset(H5Dcreate2(run.zone_group.get(), name.c_str(), H5T_IEEE_F64LE,
                                       space.get(), H5P_DEFAULT, creation.get(), access.get()),
                            "create", at);
        h5::write_attribute(dataset.get(), "unit", city.unit, at);
        h5::write_attribute(dataset.get(), "description", city.description, at);
        h5::write_string_list_attribute(dataset.get(), "zones", names, at);
        run.zone_series.push_back(std::move(dataset));
        run.zone_paths.push_back(std::move(path));
    }
}

// Reads one series back whole (replicates x months, one metric at a time so memory stays
// bounded) and writes its [months x 7] summary beside it.
void write_summary(const OpenRun& run, size_t metric, hid_t summary_group, hsize_t months,
                   std::string_view file) {
    const size_t rows = run.replicates;
    std::vector<double> series(rows * months);
    h5::check(H5Dread(run.series[metric].get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT,
                      series.data()),
              "read back", {file, run.series_paths[metric]});

    std::vector<double> table(months * kSummaryWidth);
    std::vector<double> column(rows);
    for (size_t t = 0; t < months; ++t) {
        for (size_t r = 0; r < rows; ++r)
            column[r] = series[r * months + t];
        const std::vector<double> stats = summarize(column);
        std::copy(stats.begin(), stats.end(),
                  table.begin() + static_cast<std::ptrdiff_t>(t * kSummaryWidth));
    }

    const MetricInfo& info = metric_registry()[metric];
    const std::string name(info.name);
    const std::string path = run.path + "/summary/" + name;
    const h5::Where where{file, path};
    const hsize_t dims[2] = {months, kSummaryWidth};
    const h5::Dataspace space(H5Screate_simple(2, dims, nullptr), "create", where);
    // One compressed chunk: summaries are most of a small cell's bytes, and are read whole.
    h5::PropList creation(H5Pcreate(H5P_DATASET_CREATE), "set up", where);
    h5::check(H5Pset_chunk(creation.get(), 2, dims), "set chunks of", where);
    h5::check(H5Pset_shuffle(creation.get()), "set filters of", where);
    h5::check(H5Pset_deflate(creation.get(), kSummaryDeflateLevel), "set filters of", where);
    h5::Dataset dataset(H5Dcreate2(summary_group, name.c_str(), H5T_IEEE_F64LE, space.get(),
                                   H5P_DEFAULT, creation.get(), H5P_DEFAULT),
                        "create", where);
    h5::check(
        H5Dwrite(dataset.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, table.data()),
        "write", where);
    h5::write_attribute(dataset.get(), "columns", kSummaryColumns, where);
    h5::write_attribute(dataset.get(), "unit", info.unit, where);
    dataset.close(where);
}

void validate_run(const RunInfo& run, const std::string& file) {
    if (!valid_run_name(run.name)) {
        throw std::runtime_error(file + ": invalid run name '" + run.name + "'");
    }
    // Replicate indices are uint32, so the last row's index must be one too.
    if (run.replicates == 0 || uint64_t{run.first_replicate} + run.replicates > uint64_t{1} << 32) {
        throw std::runtime_error(file + ": run '" + run.name + "' has " +
                                 std::to_string(run.replicates) + " replicates from " +
                                 std::to_string(run.first_replicate) +
                                 "; need at least one, with indices below 2^32");
    }
}

}  // namespace

bool valid_run_name(std::string_view name) {
    return !name.empty() && name != "." && name.find('/') == std::string_view::npos;
}

struct H5Writer::Impl {
    std::string final_path;
    std::string temp_path;
    hsize_t months = 0;
    bool temp_created = false;
    bool committed = false;
    // Declared before the groups and runs so it is destroyed after them.
    h5::File file;
    h5::Group runs_group;
    std::map<std::string, OpenRun> runs;  // begun and not yet ended

    Impl() = default;
    Impl(const Impl&) = delete;
    Impl& operator=(const Impl&) = delete;
    // Without commit the temporary file goes: the final path is absent or untouched.
    ~Impl() {
        runs.clear();
        runs_group.reset();
        file.reset();
        if (temp_created && !committed) {
            std::error_code ignored;
            std::filesystem::remove(temp_path, ignored);
        }
    }

    h5::Where at(std::string_view object) const { return {temp_path, object}; }

    void require_writable() const {
        if (committed) throw std::runtime_error(final_path + ": output already committed");
    }

    OpenRun& open_run(const std::string& name) {
        const auto it = runs.find(name);
        if (it == runs.end()) {
            throw std::runtime_error(final_path + ": run '" + name +
                                     "' is not open (begin_run not called or end_run done)");
        }
        return it->second;
    }
};

H5Writer::H5Writer(std::string final_path, const FileInfo& info) : impl_(std::make_unique<Impl>()) {
    h5::silence_error_printing();
    Impl& s = *impl_;
    s.final_path = std::move(final_path);
    s.temp_path = s.final_path + ".tmp-" + std::to_string(::getpid());
    if (info.months.empty()) throw std::runtime_error(s.final_path + ": no months to report");
    s.months = info.months.size();
    // The HDF5 1.10 file format: its chunk indexes (single chunk, fixed array) and compact
    // object headers cost a fraction of the 1.8 format's B-trees per dataset, which dominate
    // a sweep of many small cells (a 1000-cell sweep of 2 x 24-month replicates: 374 MB in
    // the 1.8 format). Readers need HDF5 1.10 or later (Debian 11 and 12, h5py, rhdf5).
    h5::PropList access(H5Pcreate(H5P_FILE_ACCESS), "set up", s.at(""));
    if (H5Pset_libver_bounds(access.get(), H5F_LIBVER_V110, H5F_LIBVER_V110) < 0)
        throw std::runtime_error(s.temp_path + ": cannot select the HDF5 1.10 file format");
    s.file = h5::File(H5Fcreate(s.temp_path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, access.get()),
                      "create", s.at(""));
    s.temp_created = true;
    write_root_attributes(s.file.get(), info, s.at("/"));
    write_months(s.file.get(), info.months, s.temp_path);
    s.runs_group = h5::create_group(s.file.get(), "runs", s.at("/runs"));
}

H5Writer::~H5Writer() = default;

void H5Writer::begin_run(const RunInfo& run) {
    h5::silence_error_printing();
    Impl& s = *impl_;
    s.require_writable();
    validate_run(run, s.final_path);
    OpenRun open;
    open.first_replicate = run.first_replicate;
    open.replicates = run.replicates;
    open.path = "/runs/" + run.name;
    open.group = h5::create_group(s.runs_group.get(), run.name, s.at(open.path));
    try {
        write_run_attributes(open.group.get(), run, s.at(open.path));
        open.series_group =
            h5::create_group(open.group.get(), "series", s.at(open.path + "/series"));
        create_series(open, s.months, s.temp_path);
        if (!run.zone_names.empty())
            create_zone_series(open, s.months, run.zone_names, s.temp_path);
    } catch (...) {
        // Unlink the half-made group so a caller that carries on cannot commit it.
        open = OpenRun{};
        H5Ldelete(s.runs_group.get(), run.name.c_str(), H5P_DEFAULT);
        throw;
    }
    s.runs.emplace(run.name, std::move(open));
}

void H5Writer::write_replicate(const std::string& run, uint32_t replicate,
                               const std::vector<double>& values,
                               const std::vector<double>& zone_values) {
    h5::silence_error_printing();
    Impl& s = *impl_;
    s.require_writable();
    OpenRun& open = s.open_run(run);
    if (replicate < open.first_replicate || replicate - open.first_replicate >= open.replicates) {
        throw std::runtime_error(s.final_path + ": replicate " + std::to_string(replicate) +
                                 " is outside run '" + run + "', which holds " +
                                 std::to_string(open.replicates) + " from " +
                                 std::to_string(open.first_replicate));
    }
    const size_t metrics = metric_registry().size();
    if (values.size() != s.months * metrics) {
        throw std::runtime_error(
            s.final_path + ": replicate " + std::to_string(replicate) + " of run '" + run +
            "' has " + std::to_string(values.size()) +
            " values, expected months x metrics = " + std::to_string(s.months * metrics));
    }
    const h5::Where where = s.at(open.path);
    const hsize_t dims[2] = {open.replicates, s.months};
    const hsize_t start[2] = {replicate - open.first_replicate, 0};
    const hsize_t count[2] = {1, s.months};
    const h5::Dataspace file_space(H5Screate_simple(2, dims, nullptr), "write a row of", where);
    h5::check(H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start, nullptr, count, nullptr),
              "write a row of", where);
    const h5::Dataspace row_space(H5Screate_simple(1, &count[1], nullptr), "write a row of", where);

    std::vector<double> row(s.months);
    for (size_t m = 0; m < metrics; ++m) {
        for (size_t t = 0; t < s.months; ++t)
            row[t] = values[t * metrics + m];
        h5::check(H5Dwrite(open.series[m].get(), H5T_NATIVE_DOUBLE, row_space.get(),
                           file_space.get(), H5P_DEFAULT, row.data()),
                  "write a row of", s.at(open.series_paths[m]));
    }
    if (open.zones == 0) return;
    const size_t block = s.months * open.zones;
    if (zone_values.size() != block * open.zone_series.size()) {
        throw std::runtime_error(s.final_path + ": replicate " + std::to_string(replicate) +
                                 " of run '" + run + "' has " + std::to_string(zone_values.size()) +
                                 " zone values, expected zone metrics x months x zones = " +
                                 std::to_string(block * open.zone_series.size()));
    }
    const hsize_t zdims[3] = {open.replicates, s.months, open.zones};
    const hsize_t zstart[3] = {replicate - open.first_replicate, 0, 0};
    const hsize_t zcount[3] = {1, s.months, open.zones};
    const h5::Dataspace zfile(H5Screate_simple(3, zdims, nullptr), "write a row of", where);
    h5::check(H5Sselect_hyperslab(zfile.get(), H5S_SELECT_SET, zstart, nullptr, zcount, nullptr),
              "write a row of", where);
    const h5::Dataspace zrow(H5Screate_simple(3, zcount, nullptr), "write a row of", where);
    for (size_t k = 0; k < open.zone_series.size(); ++k) {
        h5::check(H5Dwrite(open.zone_series[k].get(), H5T_NATIVE_DOUBLE, zrow.get(), zfile.get(),
                           H5P_DEFAULT, zone_values.data() + k * block),
                  "write a row of", s.at(open.zone_paths[k]));
    }
}

void H5Writer::write_study(const std::string& run, const std::string& name, const std::string& unit,
                           const std::string& description, const std::vector<double>& values) {
    h5::silence_error_printing();
    Impl& s = *impl_;
    s.require_writable();
    OpenRun& open = s.open_run(run);
    if (values.size() != open.replicates) {
        throw std::runtime_error(s.final_path + ": study metric " + name + " of run '" + run +
                                 "' has " + std::to_string(values.size()) + " values, expected " +
                                 std::to_string(open.replicates));
    }
    if (open.study_group.get() < 0) {
        open.study_group = h5::create_group(open.group.get(), "study", s.at(open.path + "/study"));
    }
    const std::string path = open.path + "/study/" + name;
    h5::write_vector(open.study_group.get(), name, values, unit, description, s.at(path));
}

void H5Writer::write_sweep(const SweepTable& table) {
    h5::silence_error_printing();
    Impl& s = *impl_;
    s.require_writable();
    h5::write_sweep_table(s.file.get(), table, s.temp_path);
}

void H5Writer::write_group(const GroupData& group) {
    h5::silence_error_printing();
    Impl& s = *impl_;
    s.require_writable();
    h5::write_group_data(s.file.get(), group, s.temp_path);
}

void H5Writer::end_run(const std::string& run) {
    h5::silence_error_printing();
    Impl& s = *impl_;
    s.require_writable();
    OpenRun& open = s.open_run(run);
    const std::string summary_path = open.path + "/summary";
    h5::Group summary = h5::create_group(open.group.get(), "summary", s.at(summary_path));
    for (size_t m = 0; m < open.series.size(); ++m) {
        write_summary(open, m, summary.get(), s.months, s.temp_path);
    }
    summary.close(s.at(summary_path));
    // Checked closes: closing a dataset flushes its cached chunks.
    for (size_t m = 0; m < open.series.size(); ++m) {
        open.series[m].close(s.at(open.series_paths[m]));
    }
    open.series_group.close(s.at(open.path + "/series"));
    for (size_t k = 0; k < open.zone_series.size(); ++k)
        open.zone_series[k].close(s.at(open.zone_paths[k]));
    open.zone_group.close(s.at(open.path + "/series_by_zone"));
    open.study_group.close(s.at(open.path + "/study"));
    open.group.close(s.at(open.path));
    s.runs.erase(run);
}

void H5Writer::commit() {
    h5::silence_error_printing();
    Impl& s = *impl_;
    s.require_writable();
    if (!s.runs.empty()) {
        std::string names;
        for (const auto& entry : s.runs)
            names += " '" + entry.first + "'";
        throw std::runtime_error(s.final_path + ": cannot commit, end_run not called for" + names);
    }
    s.runs_group.close(s.at("/runs"));
    // H5Fclose succeeds while objects stay open and then leaves the file open; refuse to
    // publish a file that may not be fully written.
    const unsigned kinds = H5F_OBJ_DATASET | H5F_OBJ_GROUP | H5F_OBJ_DATATYPE | H5F_OBJ_ATTR;
    if (h5::check(H5Fget_obj_count(s.file.get(), kinds), "count open objects in", s.at("")) > 0) {
        throw std::runtime_error(s.temp_path + ": objects still open at commit");
    }
    s.file.close(s.at(""));
    // The command checked the path before simulating (cli_common.hpp); if something else
    // took the name since, never rename over a directory, device, fifo or link.
    std::error_code error;
    const auto status = std::filesystem::symlink_status(s.final_path, error);
    if (!error && std::filesystem::exists(status) && !std::filesystem::is_regular_file(status)) {
        throw std::runtime_error(s.final_path + ": no longer a regular file, so not replaced");
    }
    std::filesystem::rename(s.temp_path, s.final_path, error);
    if (error) {
        throw std::runtime_error("cannot rename " + s.temp_path + " to " + s.final_path + ": " +
                                 error.message());
    }
    s.committed = true;
}

}  // namespace housim
