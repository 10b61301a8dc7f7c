// Writes the HDF5 output file, layout "housim/1" (ARCHITECTURE.md "Output file"):
//
//   /                          attrs: format="housim/1", housim_version, git_commit,
//                              created_utc, seed, command_line, mpi_ranks
//   /time/month                string[M]  "YYYY-MM" for each reported month
//   /runs/<run>/               attrs: scenario_toml, cell_index, one attr per swept key
//   /runs/<run>/series/<metric>   float64 [replicates x months], chunked, compressed;
//                                 attrs: unit, description
//   /runs/<run>/summary/<metric>  float64 [months x 7]: mean, sd, p05, p25, p50, p75, p95
//   /runs/<run>/study/<name>      float64 [replicates]: digestion-cycle study metrics
//   /runs/<run>/series_by_zone/<metric>  float64 [replicates x months x zones]; attrs: unit,
//                                 description, zones (string[zones], the districts' names)
//   /sweep                        attrs: name, sweep_toml; /sweep/cells compound table
//   /calibration, /sensitivity    the results of housim calibrate and housim sensitivity
//                                 (docs/validation.md)
//
// The file is written under a temporary name in the same folder and renamed into place by
// commit(); a writer destroyed without commit() removes its temporary file, so the final
// path is either absent, untouched, or complete. One thread owns a writer.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "output/group_data.hpp"
#include "output/sweep_table.hpp"

namespace housim {

struct FileInfo {
    std::string housim_version;
    std::string git_commit;
    std::string created_utc;  // ISO 8601, e.g. "2026-11-22T03:49:46Z"
    std::string command_line;
    uint64_t seed = 0;
    int64_t mpi_ranks = 1;            // processes that computed the file (1: no MPI)
    std::vector<std::string> months;  // "YYYY-MM" per reported month
};

struct RunInfo {
    std::string name;           // group name under /runs
    std::string scenario_toml;  // fully resolved scenario text
    int64_t cell_index = 0;
    std::vector<std::pair<std::string, double>> axis_values;  // swept key -> value
    uint32_t first_replicate = 0;                             // replicate index stored in row 0
    uint32_t replicates = 0;                                  // rows
    // The city's districts: /runs/<run>/series_by_zone/<metric> [rows x months x zones] for
    // each metric of zone_metric_registry(), with these names as its `zones` attribute.
    std::vector<std::string> zone_names;
};

class H5Writer {
  public:
    // Creates "<final_path>.tmp-<pid>" beside final_path. Throws std::runtime_error.
    H5Writer(std::string final_path, const FileInfo& info);
    ~H5Writer();
    H5Writer(const H5Writer&) = delete;
    H5Writer& operator=(const H5Writer&) = delete;

    // Creates /runs/<name> with one series dataset per metric of metric_registry().
    void begin_run(const RunInfo& run);
    // Writes one replicate's row: values[month * metrics + metric] (metric_registry order)
    // and, for a run with zones, zone_values[(zone metric * months + month) * zones + zone].
    void write_replicate(const std::string& run, uint32_t replicate,
                         const std::vector<double>& values,
                         const std::vector<double>& zone_values = {});
    // Writes /runs/<run>/study/<name>: one value per row, with unit and description; between
    // begin_run and end_run.
    void write_study(const std::string& run, const std::string& name, const std::string& unit,
                     const std::string& description, const std::vector<double>& values);
    // Computes and writes /runs/<name>/summary from the series of the rows written.
    void end_run(const std::string& run);
    // Writes /sweep and its table of cells (once, for a sweep's output).
    void write_sweep(const SweepTable& table);
    // Writes a group of analysis results under the root (/calibration, /sensitivity).
    void write_group(const GroupData& group);
    // Closes the file and renames it to final_path.
    void commit();

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// Whether name can be a group under /runs: not empty, not ".", no '/'.
bool valid_run_name(std::string_view name);

// Summary statistics of one month across replicates: mean and sd over finite values;
// quantiles (linear interpolation between order statistics, as R's type 7) over all non-NaN
// values with +inf ordered last. Returns {mean, sd, p05, p25, p50, p75, p95}.
std::vector<double> summarize(std::vector<double> values);

}  // namespace housim
