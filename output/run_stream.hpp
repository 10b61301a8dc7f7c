// Writes runs whose replicate rows arrive one at a time and in any order: a run is begun
// (its datasets created) when its first row arrives and ended (study metrics, summary) as
// soon as its last row is written. Only the runs in progress are open, so a sweep of
// thousands of cells holds a handful of open groups and no results in memory.
//
// Not thread-safe: only the writer thread (AsyncWriter) calls it, as H5Writer requires.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <vector>

#include "output/h5_writer.hpp"
#include "output/study_metrics.hpp"

namespace housim {

class RunStream {
  public:
    // Called on the writer thread when a run begins; rebuilding a cell's RunInfo then (its
    // resolved scenario text can be tens of kB) keeps a large sweep's memory flat.
    using RunInfoSource = std::function<RunInfo(size_t run)>;

    RunStream(H5Writer& writer, size_t runs, RunInfoSource info, StudyOptions study = {});

    // Writes one replicate's row (values[month * metrics + metric], and the zones' series as
    // ReplicateResult::zone_values holds them) and its study metrics.
    void write(size_t run, uint32_t replicate, const std::vector<double>& values,
               const std::vector<double>& zone_values = {});
    // Ends every run not ended yet, beginning it first if no row came: rows and study values
    // of failed replicates stay NaN. The writer may then commit.
    void close();

    size_t open_runs() const { return open_.size(); }
    size_t max_open_runs() const { return max_open_; }

  private:
    struct Open {
        RunInfo info;
        uint32_t rows_written = 0;
        std::vector<bool> written;               // by row
        std::vector<std::vector<double>> study;  // [study metric][row]
    };
    Open& begin(size_t run);
    void end(size_t run);

    H5Writer& writer_;
    RunInfoSource info_;
    StudyOptions study_options_;
    std::vector<StudyMetricInfo> study_infos_;
    std::vector<bool> ended_;
    std::map<size_t, Open> open_;
    size_t max_open_ = 0;
};

}  // namespace housim
