// `housim compare`: the paired-difference table of output/compare.hpp, for people or (with
// --csv) for machines.
#include <fmt/format.h>

#include <cmath>
#include <filesystem>
#include <map>

#include "cli/cli_common.hpp"
#include "cli/commands.hpp"
#include "output/compare.hpp"
#include "sim/core/errors.hpp"

namespace housim {

namespace {

// "key = value, ..." for each run of a sweep; empty for other files.
std::map<std::string, std::string> axis_labels(const H5Reader& reader) {
    std::map<std::string, std::string> out;
    const auto sweep = reader.sweep();
    if (!sweep) return out;
    for (const SweepTable::Row& row : sweep->rows) {
        std::string label;
        for (size_t k = 0; k < sweep->axis_keys.size(); ++k) {
            // A text key (run.only_measure) has no number in the cells table: the cell's
            // name says which it is.
            if (std::isnan(row.axis_values[k])) continue;
            label += fmt::format("{}{} = {}", label.empty() ? "" : ", ", sweep->axis_keys[k],
                                 row.axis_values[k]);
        }
        out[row.run] = label;
    }
    return out;
}

std::string number(double x) {
    return std::isnan(x) ? "-" : fmt::format("{:.4g}", x);
}

std::string signed_number(double x) {
    return std::isnan(x) ? "-" : fmt::format("{:+.4g}", x);
}

void print_csv(const Comparison& c) {
    fmt::print(
        "run,baseline,metric,unit,when,n,skipped,baseline_mean,run_mean,diff_mean,diff_sd,"
        "ci95_lo,ci95_hi,welch95_lo,welch95_hi,zone\n");
    for (const CompareRow& r : c.rows) {
        const PairedStats& s = r.stats;
        fmt::print("{},{},{},\"{}\",{},{},{},{},{},{},{},{},{},{},{},\"{}\"\n", r.run, c.baseline,
                   r.metric, r.unit, r.study ? "per_replicate" : c.when, s.n, s.skipped,
                   s.base_mean, s.other_mean, s.mean, s.sd, s.lo, s.hi, s.welch_lo, s.welch_hi,
                   c.zone);
    }
}

void print_table(const Comparison& c, const std::string& file,
                 const std::map<std::string, std::string>& labels) {
    auto label = [&](const std::string& run) {
        const auto it = labels.find(run);
        return it == labels.end() || it->second.empty() ? run : run + ": " + it->second;
    };
    fmt::print(
        "{}{}: paired differences (run - baseline) at {}, mean over replicates with 95% "
        "intervals\nbaseline {}\n",
        file, c.zone.empty() ? "" : ", district " + c.zone, c.when, label(c.baseline));
    std::string current;
    for (const CompareRow& r : c.rows) {
        if (r.run != current) {
            current = r.run;
            fmt::print("\n{}\n  {:<36} {:>11} {:>11} {:>11}  {:<24} {:>11} {:>4}\n", label(r.run),
                       "metric", "baseline", "run", "difference", "95% interval (paired)",
                       "unpaired +-", "n");
        }
        const PairedStats& s = r.stats;
        const std::string interval =
            fmt::format("[{}, {}]", signed_number(s.lo), signed_number(s.hi));
        std::string n = fmt::format("{}", s.n);
        if (s.skipped > 0) n += fmt::format(" ({} skipped)", s.skipped);
        fmt::print("  {:<36} {:>11} {:>11} {:>11}  {:<24} {:>11} {:>4}\n",
                   r.metric + (r.study ? " *" : ""), number(s.base_mean), number(s.other_mean),
                   signed_number(s.mean), interval, number((s.welch_hi - s.welch_lo) / 2), n);
    }
    fmt::print(
        "\n* study metric: one value per replicate, not at a month (docs/studies.md).\n"
        "Pairs with a non-finite value (NaN: never; inf: nothing sold) are skipped.\n");
}

}  // namespace

int compare_command(const CompareOptions& o) {
    if (!std::filesystem::exists(o.file)) {
        throw InputError({Diagnostic{o.file, 0, "", "no such file"}});
    }
    const H5Reader reader(o.file);
    const CompareSpec spec{o.baseline, o.metrics, o.at, o.window, o.zone};
    const Comparison c = as_input_error(o.file, [&] { return compare_runs(reader, o.file, spec); });
    if (o.csv) {
        print_csv(c);
    } else {
        print_table(c, o.file, as_input_error(o.file, [&] { return axis_labels(reader); }));
    }
    return 0;
}

}  // namespace housim
