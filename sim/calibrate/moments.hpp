// The simulated moments of a calibration or sensitivity file at parameter points. Each
// point runs the spec's replicates 0 .. R-1 with the same seed (common random numbers: two
// points differ only through the parameters, not through the draws); the points of one
// call and their replicates share the machine in one oneTBB loop (run_sweep).
#pragma once

#include <atomic>
#include <span>
#include <string>
#include <vector>

#include "sim/calibrate/calib_file.hpp"
#include "sim/run/runner.hpp"

namespace housim {

struct PointMoments {
    int replicates = 0;
    std::vector<double> per_replicate;  // [targets x replicates]: each replicate's statistic
    std::vector<double> mean;           // per target: the mean over replicates
    std::string failure;                // not empty: a replicate failed (message)
    double at(size_t target, size_t replicate) const {
        return per_replicate[target * static_cast<size_t>(replicates) + replicate];
    }
};

// A target's statistic of one replicate's series: values[month * metrics + metric], the
// layout of ReplicateResult. NaN when growth divides by zero.
double target_statistic(const CalibTarget& t, std::span<const double> values, size_t metrics);

// Runs every point (natural units) and returns its moments, in the order of points.
std::vector<PointMoments> evaluate_points(const CalibSpec& spec,
                                          const std::vector<std::vector<double>>& points,
                                          int threads, Progress* progress = nullptr,
                                          const std::atomic<bool>* stop = nullptr);

// The moments of one ready scenario (a FITTED.toml read back): the same statistics.
PointMoments evaluate_scenario(const CalibSpec& spec, const Scenario& s, int threads);

// The method-of-simulated-moments objective: sum over targets of ((mean - value) / sd)^2.
// A point whose run failed or whose moment is not finite gets kFailedObjective.
inline constexpr double kFailedObjective = 1e12;
double objective_of(const CalibSpec& spec, const PointMoments& m);

}  // namespace housim
