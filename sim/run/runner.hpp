// Monte Carlo runner: replicates run concurrently on oneTBB (and each large replicate
// parallelises its household phases in the same arena). Each replicate is a pure function
// of (scenario, replicate index), so results do not depend on the thread count or on which
// other replicates run beside it.
#pragma once

#include <atomic>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "sim/core/phase_clock.hpp"
#include "sim/scenario/scenario.hpp"

namespace housim {

struct RunPlan {
    uint32_t first_replicate = 0;
    uint32_t replicates = 1;
    int threads = 0;  // 0: all cores
    bool check = false;
    bool keep_going = false;  // record a failed replicate and finish the others
};

// One finished replicate: values[month * metrics + metric], reported months only, metrics
// in metric_registry() order, real-city units.
struct ReplicateResult {
    uint32_t replicate = 0;
    int months = 0;
    std::vector<double> values;
    // The districts' series: zone_values[(zone_metric * months + month) * zones + zone],
    // zone metrics in zone_metric_registry() order, real-city units.
    std::vector<double> zone_values;
};

struct ReplicateFailure {
    uint32_t replicate;
    uint64_t seed;
    std::string message;
};

// Receives finished replicates, possibly from several worker threads at once.
class ReplicateSink {
  public:
    virtual ~ReplicateSink() = default;
    virtual void accept(ReplicateResult&& r) = 0;
};

struct Progress {
    std::atomic<int64_t> months_done{0};
    std::atomic<int64_t> replicates_done{0};
};

// The numeric guard: the index (metric_registry() order) of the first value of one reported
// month that no output series may hold, or -1. NaN is never reported; +inf only by the
// digestion cycles, which document it for a month with nothing sold; -inf never.
int first_unreportable_value(std::span<const double> month_values);

// Runs one replicate to the end. Throws std::runtime_error naming the month and series when
// a reported value fails the numeric guard. Throws IdentityError (with --check), Interrupted when
// *stop becomes true. With `times` (benchmarks), adds each phase's seconds to it.
ReplicateResult run_replicate(const Scenario& s, uint32_t replicate, bool check,
                              Progress* progress = nullptr, const std::atomic<bool>* stop = nullptr,
                              PhaseTimes* times = nullptr);

// Runs the plan's replicates, handing each to the sink as it finishes. Without keep_going
// the first failure stops the batch and is rethrown (naming replicate and seed).
std::vector<ReplicateFailure> run_replicates(const Scenario& s, const RunPlan& plan,
                                             ReplicateSink& sink, Progress* progress = nullptr,
                                             const std::atomic<bool>* stop = nullptr);

}  // namespace housim
