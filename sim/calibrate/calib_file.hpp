// Calibration and sensitivity files (docs/validation.md gives the format): a base scenario
// with overrides, the numeric scenario keys to vary within bounds, and the moments of the
// output series to match (calibrate) or to score (sensitivity).
//
// Every scenario the file can produce goes through load_scenario_text, as a sweep cell
// does: the base with the file's `set`, `replicates` and `seed`, the command line's --set,
// and then the parameters' values. Every problem is found before anything runs and reported
// at once (file, line, key, what was expected; InputError, exit 2).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "sim/run/sweep.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/scenario/scenario_load.hpp"

namespace housim {

enum class CalibKind : uint8_t { calibrate, sensitivity };

struct CalibParameter {
    std::string key;
    double min = 0;  // inside the key's schema range
    double max = 0;
    bool integer = false;  // an integer key: values are rounded to the nearest integer
    int line = 0;
};

// mean: the window's mean; last: its last month; change: last minus first month;
// growth: last / first - 1.
enum class Statistic : uint8_t { mean, last, change, growth };
const char* statistic_name(Statistic s);

// One moment of one output series over reported months first .. last (indices from
// run.start). value and sd are NaN in a sensitivity file (scored, not matched).
struct CalibTarget {
    std::string label;  // "new_sales_m2 mean 2025-01:2025-12", for tables
    std::string metric;
    size_t metric_index = 0;  // in metric_registry()
    int first = 0;
    int last = 0;
    Statistic statistic = Statistic::mean;
    double value = 0;
    double sd = 0;
    std::string origin;  // "CALIB.toml:12" or "data.csv:7"
};

struct CalibSpec {
    CalibKind kind = CalibKind::calibrate;
    std::string path;
    std::string text;  // the file as written, kept in the output for provenance
    Sweep frame;       // base, base text and common overrides; no cells (see point_sweep)
    Scenario base;     // the base with the common overrides
    std::vector<CalibParameter> parameters;
    std::vector<CalibTarget> targets;
    // calibrate: NLopt budgets and stop tolerances (in the [0, 1] box of the bounds)
    int evaluations_global = 0;
    int evaluations_local = 0;
    double xtol = 0;
    double ftol_rel = 0;
    int local_starts = 0;  // the local stage starts from this many of the best points found
    double fd_step = 0;    // finite-difference step for the Jacobian, share of each range
    // sensitivity: Morris design
    int trajectories = 0;
    int levels = 0;
};

// Reads and validates a calibration (kind calibrate) or sensitivity file. The command
// line's --set overrides apply after the file's own. Throws InputError with every problem.
CalibSpec load_calib(const std::string& path, CalibKind kind,
                     const std::vector<Override>& command_line_sets = {});

// The scenario overrides that put the parameters at `values` (natural units).
std::vector<Override> parameter_overrides(const CalibSpec& spec, std::span<const double> values);

// A parameter's value mapped from the [0, 1] box of its bounds (rounded for integer keys).
double from_unit(const CalibParameter& p, double u);

// A sweep whose cells are the given parameter points (natural units), each with the spec's
// replicates: every evaluation runs with the same seeds (common random numbers).
Sweep point_sweep(const CalibSpec& spec, const std::vector<std::vector<double>>& points);

// The scenario at one parameter point.
Scenario scenario_at(const CalibSpec& spec, std::span<const double> values);

}  // namespace housim
