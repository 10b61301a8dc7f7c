// Paired comparisons with common random numbers (ARCHITECTURE.md "Determinism"): replicate
// k of two runs that differ only in policy sees the same random draws, so the difference
// of their outcomes, replicate by replicate, is much less noisy than either outcome. For a
// metric at a month (or averaged over a window), compare pairs the runs' rows by replicate
// index and reports the mean difference with a t-based 95% interval, and beside it the
// unpaired (Welch) interval of the same values for contrast.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "output/h5_reader.hpp"

namespace housim {

struct PairedStats {
    int n = 0;        // pairs used
    int skipped = 0;  // pairs with a non-finite value (NaN, or +inf: nothing sold) on a side
    double base_mean = 0;
    double other_mean = 0;
    double mean = 0;  // of the differences other - base
    double sd = 0;
    double lo = 0;  // paired 95% interval: mean -/+ t(0.975, n-1) sd / sqrt(n); NaN if n < 2
    double hi = 0;
    double welch_lo = 0;  // unpaired 95% interval of other_mean - base_mean (Welch)
    double welch_hi = 0;
};

// The p-quantile of Student's t with df degrees of freedom (df may be fractional).
double student_t_quantile(double p, double df);

// Statistics of other[i] - base[i] over the pairs where both values are finite.
PairedStats paired_difference(std::span<const double> base, std::span<const double> other);

struct CompareSpec {
    std::string baseline;              // empty: default_baseline()
    std::vector<std::string> metrics;  // empty: default_compare_metrics() and the study metrics
    std::string at;                    // "YYYY-MM"; empty with an empty window: the last month
    std::string window;                // "YYYY-MM:YYYY-MM", inclusive
    // A district's series (series_by_zone) instead of the city's; empty: the city. With a
    // zone the default metrics are the headline series that have a district form.
    std::string zone;
};

struct CompareRow {
    std::string run;
    std::string metric;
    std::string unit;
    bool study = false;  // a per-replicate study metric (not at a month)
    PairedStats stats;
};

struct Comparison {
    std::string baseline;
    std::string zone;               // empty: the city
    std::string when;               // "2034-12" or "2030-01:2034-12"
    std::vector<std::string> runs;  // compared against the baseline, in cell order
    std::vector<CompareRow> rows;   // run-major, metrics in the requested order
};

// The headline series compared by default.
std::vector<std::string> default_compare_metrics();

// The run with the smallest cell_index (for a sweep, its first cell), ties by name.
std::string default_baseline(const H5Reader& reader);

// Runs in cell order (cell_index, then name).
std::vector<std::string> runs_in_cell_order(const H5Reader& reader);

// Compares every other run of the file with the baseline. Throws InputError naming the
// option (--baseline, --metric, --at, --window) when a name or month is not in the file.
Comparison compare_runs(const H5Reader& reader, const std::string& file, const CompareSpec& spec);

}  // namespace housim
