// `housim calibrate`: the method of simulated moments. The parameters are searched in the
// [0, 1] box of their bounds by NLopt: a global stage (controlled random search with local
// mutation, CRS2-LM, from a random population) and then a local stage (BOBYQA, derivative
// free, started at the best point so far). Every evaluation runs the same seeds (common
// random numbers), so the objective is a deterministic function of the parameters and the
// whole fit is the same at any thread count.
//
// Standard errors come from the moments' Jacobian J at the estimate (central finite
// differences, fd_step of each range): Var = (J' W J)^-1 with W = diag(1 / sd^2). They treat
// the targets' sds as the only uncertainty: the simulation noise of the R replicates is
// ignored (docs/validation.md says what that means).
#pragma once

#include <atomic>
#include <functional>
#include <string>
#include <vector>

#include "sim/calibrate/calib_file.hpp"
#include "sim/calibrate/moments.hpp"

namespace housim {

enum class Stage : uint8_t { global = 0, local = 1, jacobian = 2 };

struct Evaluation {
    std::vector<double> x;  // natural units, one per parameter
    double objective = 0;
    Stage stage = Stage::global;
};

struct CalibResult {
    std::vector<Evaluation> trace;  // every evaluation in the order it ran
    std::vector<double> estimate;   // natural units
    double objective = 0;
    PointMoments at_estimate;
    std::vector<double> jacobian;  // [targets x parameters], d moment / d parameter
    std::vector<double> se;        // NaN where J'WJ is singular (a parameter not identified)
    std::string global_result;     // NLopt's return code of each stage, for the record
    std::string local_result;
};

// Called after every evaluation with the count so far and the best objective.
using CalibProgressFn = std::function<void(int evaluations, double best)>;

CalibResult calibrate(const CalibSpec& spec, int threads, const CalibProgressFn& progress = {},
                      const std::atomic<bool>* stop = nullptr);

// Standard errors from a Jacobian [targets x parameters] and the targets' sds.
std::vector<double> standard_errors(const std::vector<double>& jacobian,
                                    const std::vector<double>& sds, size_t parameters);

}  // namespace housim
