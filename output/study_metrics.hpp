// Digestion-cycle study metrics (docs/studies.md): a few numbers per replicate that answer
// "how long until the inventory clears, and does it stay cleared?", computed from one
// replicate's monthly series when the writer thread stores it, and kept in the file as
// /runs/<run>/study/<name>, float64 [replicates].
#pragma once

#include <span>
#include <string>
#include <vector>

namespace housim {

struct StudyOptions {
    // Narrow digestion-cycle thresholds in months: 18 is the land rule's usual cap band
    // (seed 003 §1(1)), 12 the healthy band.
    std::vector<double> cycle_thresholds{18, 12};
};

struct StudyMetricInfo {
    std::string name;
    std::string unit;
    std::string description;
};

// The study metrics' names, units and definitions, in the order compute_study_metrics
// returns them: for each threshold T, months_to_narrow_cycle_below_T and
// stays_below_T; then peak_unsold_permitted_m2, peak_unsold_permitted_month,
// land_halted_months.
std::vector<StudyMetricInfo> study_metric_infos(const StudyOptions& o);

// One replicate's study metrics from its values[month * metrics + metric] (metric_registry()
// order, reported months only, as ReplicateResult holds them).
std::vector<double> compute_study_metrics(std::span<const double> values, int months,
                                          const StudyOptions& o);

}  // namespace housim
