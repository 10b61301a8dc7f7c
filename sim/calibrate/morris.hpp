// `housim sensitivity`: Morris elementary-effects screening (Morris 1991, Technometrics
// 33(2); the |EE| measure mu* of Campolongo, Cariboni and Saltelli 2007, Environmental
// Modelling & Software 22(10)). R trajectories through a grid of `levels` values of each
// parameter's [0, 1] box; each trajectory changes one parameter at a time by
// delta = levels / (2 (levels - 1)), in a random order and direction. A parameter's
// elementary effect on a scored moment is the change of the moment (mean over the
// replicates, common random numbers) per unit of the box: per the parameter's whole range.
#pragma once

#include <atomic>
#include <vector>

#include "sim/calibrate/calib_file.hpp"
#include "sim/run/runner.hpp"

namespace housim {

struct MorrisResult {
    size_t parameters = 0;
    size_t metrics = 0;  // the scored moments (spec.targets)
    int trajectories = 0;
    std::vector<std::vector<double>> points;  // natural units, trajectory-major, R (p + 1)
    std::vector<double> ee;                   // [trajectory x parameter x metric]
    std::vector<double> mu;                   // [parameter x metric]: mean EE
    std::vector<double> mu_star;              // mean |EE|
    std::vector<double> sigma;                // sd of EE (n - 1), NaN with one trajectory
    int failed_points = 0;                    // points whose runs failed (their EEs are NaN)
};

// The design alone: R (p + 1) points of the unit box, from the spec's seed.
std::vector<std::vector<double>> morris_design(const CalibSpec& spec);

MorrisResult morris(const CalibSpec& spec, int threads, Progress* progress = nullptr,
                    const std::atomic<bool>* stop = nullptr);

}  // namespace housim
