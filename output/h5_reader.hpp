// Reads housim/1 files (for compare, report and tests). Throws std::runtime_error naming
// the file and object when something is missing or has the wrong shape.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "output/group_data.hpp"
#include "output/sweep_table.hpp"

namespace housim {

struct SeriesData {
    int rows = 0;                // replicates
    int cols = 0;                // months
    std::vector<double> values;  // row-major
    std::string unit;
    std::string description;
    double at(int r, int c) const { return values[static_cast<size_t>(r) * cols + c]; }
};

class H5Reader {
  public:
    explicit H5Reader(const std::string& path);
    ~H5Reader();
    H5Reader(const H5Reader&) = delete;
    H5Reader& operator=(const H5Reader&) = delete;

    std::vector<std::string> runs() const;                           // names under /runs, sorted
    std::vector<std::string> months() const;                         // /time/month
    std::vector<std::string> metrics(const std::string& run) const;  // under series/, sorted
    SeriesData series(const std::string& run, const std::string& metric) const;
    SeriesData summary(const std::string& run, const std::string& metric) const;
    // The run's districts (the `zones` attribute of series_by_zone/; empty for a file
    // without it) and one district's column of a series_by_zone dataset, [replicates x months].
    std::vector<std::string> zone_names(const std::string& run) const;
    SeriesData zone_series(const std::string& run, const std::string& metric, size_t zone) const;
    std::string run_attribute_string(const std::string& run, const std::string& name) const;
    // A numeric run attribute (cell_index, first_replicate, replicates), as int64.
    int64_t run_attribute_int(const std::string& run, const std::string& name) const;
    std::string root_attribute_string(const std::string& name) const;
    uint64_t root_attribute_uint(const std::string& name) const;  // e.g. seed
    // Study metrics of a run (under study/, sorted; empty for files without them) and one of
    // them as a [replicates x 1] SeriesData.
    std::vector<std::string> study_metrics(const std::string& run) const;
    SeriesData study(const std::string& run, const std::string& name) const;
    // /sweep and its table of cells; nullopt for the output of `housim run`.
    std::optional<SweepTable> sweep() const;
    // A group of analysis results (/calibration, /sensitivity) with the named string
    // attributes it has; nullopt when the file has no such group.
    std::optional<GroupData> group(const std::string& name,
                                   const std::vector<std::string>& attribute_names = {}) const;

  private:
    long long file_;  // hid_t
    std::string path_;
};

}  // namespace housim
