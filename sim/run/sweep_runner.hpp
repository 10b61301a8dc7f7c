// Runs a sweep's (cell, replicate) tasks in one oneTBB loop, so cells and replicates share
// the machine: a sweep of many small cells keeps every core busy, and so does one of a few
// cells with many replicates. Each replicate is a pure function of its cell's scenario and
// its index, so results do not depend on the thread count or on which tasks run together.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "sim/run/runner.hpp"
#include "sim/run/sweep.hpp"

namespace housim {

struct SweepPlan {
    int threads = 0;  // 0: all cores
    bool check = false;
    bool keep_going = false;  // record a failed replicate and finish the others
};

struct SweepProgress {
    Progress replicates;  // months and replicates done over all cells
    std::atomic<int64_t> cells_done{0};
};

struct SweepFailure {
    size_t cell;
    ReplicateFailure failure;
};

// Receives finished replicates, possibly from several worker threads at once.
class SweepSink {
  public:
    virtual ~SweepSink() = default;
    virtual void accept(size_t cell, ReplicateResult&& r) = 0;
};

// Runs every cell's replicates 0 .. R-1, handing each to the sink as it finishes. Without
// keep_going the first failure stops the sweep and is rethrown, naming cell, replicate and
// seed. Scenarios are built when a cell's first replicate starts and freed after its last.
// `done`, when given, marks tasks (by index in cell-major order: cell 0's replicates, then
// cell 1's, ...) finished before a resume: they are not run.
std::vector<SweepFailure> run_sweep(const Sweep& sweep, const SweepPlan& plan, SweepSink& sink,
                                    SweepProgress* progress = nullptr,
                                    const std::atomic<bool>* stop = nullptr,
                                    const std::vector<uint8_t>* done = nullptr);

// Where the replicates of calibrate's and sensitivity's evaluations run: by default
// run_sweep on this process; the CLI replaces it under MPI (cli/distributed.hpp) with one
// that spreads them over the ranks and hands every result to the sink on rank 0 only.
// `share` then gives every rank rank 0's numbers and text of a point's results, so that
// every rank takes the same next step of the optimiser. Set once, before any evaluation.
using SweepExecutor = std::function<std::vector<SweepFailure>(
    const Sweep&, const SweepPlan&, SweepSink&, SweepProgress*, const std::atomic<bool>*)>;
using ShareFromFirst = std::function<void(std::vector<double>& numbers, std::string& text)>;
void set_sweep_executor(SweepExecutor executor, ShareFromFirst share);
std::vector<SweepFailure> run_sweep_anywhere(const Sweep& sweep, const SweepPlan& plan,
                                             SweepSink& sink, SweepProgress* progress,
                                             const std::atomic<bool>* stop);
void share_from_first(std::vector<double>& numbers, std::string& text);

}  // namespace housim
