// housim merge A.h5 B.h5 ... -o ALL.h5: batches of replicates of one scenario, each run as
// `housim run --first-replicate K -r R` (a job array, several machines), combined into the
// file one run of all the replicates writes: the same series, summaries and study metrics,
// the same run attributes and resolved scenario (its `replicates` line counting them all).
// Only the provenance differs (created_utc, command_line). Batches that overlap, leave a gap,
// or differ in scenario, seed, version, months or metrics are refused (exit 2), each error
// naming the files.
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "cli/cli_common.hpp"
#include "cli/commands.hpp"
#include "output/h5_reader.hpp"
#include "output/h5_writer.hpp"
#include "sim/core/errors.hpp"
#include "sim/metrics.hpp"

namespace housim {

namespace {

struct Batch {
    std::string path;
    std::string run;
    std::pair<std::string, std::string> scenario;  // scenario_toml around its replicates
    std::string version;
    std::string git_commit;
    uint64_t seed = 0;
    int64_t cell_index = 0;
    int64_t first = 0;
    int64_t replicates = 0;
    std::vector<std::string> months;
    std::vector<std::string> metrics;
    std::vector<std::string> study;
    std::vector<std::string> zones;  // series_by_zone's districts; empty without them
};

[[noreturn]] void refuse(const std::string& file, const std::string& what) {
    throw InputError({Diagnostic{file, 0, "", what}});
}

// Replicate r's zone values in ReplicateResult::zone_values order, from the districts'
// columns read per metric and zone (zone_series[metric * zones + zone]).
const std::vector<double>& zone_row_of(const std::vector<SeriesData>& zone_series, int64_t r,
                                       size_t zones, std::vector<double>& row) {
    if (zones == 0) return row;
    const size_t metrics = zone_series.size() / zones;
    const auto months = static_cast<size_t>(zone_series.front().cols);
    for (size_t k = 0; k < metrics; ++k) {
        for (size_t t = 0; t < months; ++t) {
            for (size_t z = 0; z < zones; ++z) {
                row[(k * months + t) * zones + z] =
                    zone_series[k * zones + z].at(static_cast<int>(r), static_cast<int>(t));
            }
        }
    }
    return row;
}

// The resolved scenario's `replicates = N` line (in [run]) is the batch's size; the rest
// must be the same in every batch. Returns the text before and after N.
std::pair<std::string, std::string> scenario_around_replicates(const std::string& toml,
                                                               const std::string& file) {
    const std::string key = "\nreplicates = ";
    const size_t at = toml.find(key);
    if (at == std::string::npos) refuse(file, "the run's scenario_toml has no replicates line");
    const size_t end = toml.find('\n', at + 1);
    return {toml.substr(0, at + key.size()),
            end == std::string::npos ? std::string() : toml.substr(end)};
}

Batch read_batch(const std::string& path) {
    if (!std::filesystem::exists(path)) refuse(path, "no such file");
    require_not_directory(path);
    const H5Reader reader(path);
    return as_input_error(path, [&] {
        Batch b;
        b.path = path;
        if (reader.sweep()) {
            refuse(path,
                   "a sweep's output: merge takes batches of `housim run` "
                   "(--first-replicate K -r R)");
        }
        if (reader.group("calibration") || reader.group("sensitivity")) {
            refuse(path,
                   "a calibration or sensitivity output: merge takes batches of "
                   "`housim run`");
        }
        const std::vector<std::string> runs = reader.runs();
        if (runs.size() != 1) {
            refuse(path,
                   fmt::format("holds {} runs; a batch of `housim run` holds one", runs.size()));
        }
        b.run = runs[0];
        b.scenario =
            scenario_around_replicates(reader.run_attribute_string(b.run, "scenario_toml"), path);
        b.version = reader.root_attribute_string("housim_version");
        b.git_commit = reader.root_attribute_string("git_commit");
        b.seed = reader.root_attribute_uint("seed");
        b.cell_index = reader.run_attribute_int(b.run, "cell_index");
        b.first = reader.run_attribute_int(b.run, "first_replicate");
        b.replicates = reader.run_attribute_int(b.run, "replicates");
        b.months = reader.months();
        b.metrics = reader.metrics(b.run);
        b.study = reader.study_metrics(b.run);
        b.zones = reader.zone_names(b.run);
        return b;
    });
}

// Every batch against the first: what must be equal for the replicates to belong to one run.
void check_same(const Batch& a, const Batch& b) {
    const auto differ = [&](const char* what) {
        refuse(b.path, fmt::format("not a batch of the same run as {}: {} differs", a.path, what));
    };
    if (b.run != a.run) differ("the run name");
    if (b.scenario != a.scenario) differ("the scenario (scenario_toml)");
    if (b.seed != a.seed) differ("the seed");
    if (b.version != a.version || b.git_commit != a.git_commit) differ("the housim version");
    if (b.cell_index != a.cell_index) differ("the cell index");
    if (b.months != a.months) differ("the reported months");
    if (b.metrics != a.metrics) differ("the set of series");
    if (b.study != a.study) differ("the set of study metrics");
    if (b.zones != a.zones) differ("the set of districts (series_by_zone)");
}

}  // namespace

int merge_command(const MergeOptions& o) {
    if (o.inputs.size() < 2) {
        throw InputError({Diagnostic{"merge", 0, "", "needs two or more batch files"}});
    }
    std::vector<Batch> batches;
    for (const std::string& p : o.inputs)
        batches.push_back(read_batch(p));
    for (size_t i = 1; i < batches.size(); ++i)
        check_same(batches[0], batches[i]);
    std::sort(batches.begin(), batches.end(),
              [](const Batch& x, const Batch& y) { return x.first < y.first; });
    for (size_t i = 1; i < batches.size(); ++i) {
        const Batch& prev = batches[i - 1];
        const Batch& next = batches[i];
        const int64_t end = prev.first + prev.replicates;
        if (next.first < end) {
            refuse(next.path,
                   fmt::format("replicates {}..{} overlap {} (replicates {}..{})", next.first,
                               next.first + next.replicates - 1, prev.path, prev.first, end - 1));
        }
        if (next.first > end) {
            refuse(next.path, fmt::format("replicates {}..{} are missing between {} and {}", end,
                                          next.first - 1, prev.path, next.path));
        }
    }
    for (const std::string& m : batches[0].metrics) {
        if (find_metric(m) == nullptr) {
            refuse(batches[0].path, fmt::format("series '{}' is not one of this housim's", m));
        }
    }
    const std::span<const MetricInfo> registry = metric_registry();
    if (batches[0].metrics.size() != registry.size()) {
        refuse(batches[0].path,
               fmt::format("holds {} series; this housim writes {} (another version's file)",
                           batches[0].metrics.size(), registry.size()));
    }

    int64_t total = 0;
    for (const Batch& b : batches)
        total += b.replicates;
    const Batch& head = batches.front();
    const int64_t months = static_cast<int64_t>(head.months.size());
    const std::string path = checked_output_path(
        o.output_path, "-o",
        output_size_estimate(static_cast<uint64_t>(total * months) * registry.size(),
                             static_cast<uint64_t>(months) * registry.size(), 1));

    FileInfo info;
    info.housim_version = head.version;
    info.git_commit = head.git_commit;
    info.created_utc = utc_now();
    info.command_line = o.command_line;
    info.seed = head.seed;
    info.months = head.months;
    RunInfo run;
    run.name = head.run;
    run.scenario_toml = head.scenario.first + std::to_string(total) + head.scenario.second;
    run.cell_index = head.cell_index;
    run.first_replicate = static_cast<uint32_t>(head.first);
    run.replicates = static_cast<uint32_t>(total);
    run.zone_names = head.zones;
    const std::span<const ZoneMetricInfo> zone_registry = zone_metric_registry();
    const size_t zones = head.zones.size();
    std::vector<double> zone_row(zones * static_cast<size_t>(months) * zone_registry.size());

    H5Writer writer(path, info);
    writer.begin_run(run);
    std::vector<double> row(static_cast<size_t>(months) * registry.size());
    struct Study {
        std::string name, unit, description;
        std::vector<double> values;
    };
    std::vector<Study> study(head.study.size());
    for (size_t k = 0; k < head.study.size(); ++k)
        study[k].name = head.study[k];
    for (const Batch& b : batches) {
        const H5Reader reader(b.path);
        as_input_error(b.path, [&] {
            std::vector<SeriesData> series;
            series.reserve(registry.size());
            for (const MetricInfo& m : registry) {
                series.push_back(reader.series(b.run, std::string(m.name)));
                const SeriesData& s = series.back();
                if (s.rows != b.replicates || s.cols != months) {
                    refuse(b.path, fmt::format("series '{}' is {} x {}, not {} x {}", m.name,
                                               s.rows, s.cols, b.replicates, months));
                }
            }
            // zone_series[metric * zones + zone]: [replicates x months] each
            std::vector<SeriesData> zone_series;
            for (const ZoneMetricInfo& m : zone_registry) {
                for (size_t z = 0; z < zones; ++z) {
                    zone_series.push_back(reader.zone_series(b.run, std::string(m.name), z));
                    const SeriesData& s = zone_series.back();
                    if (s.rows != b.replicates || s.cols != months) {
                        refuse(b.path, fmt::format("series_by_zone '{}' is {} x {}, not {} x {}",
                                                   m.name, s.rows, s.cols, b.replicates, months));
                    }
                }
            }
            for (int64_t r = 0; r < b.replicates; ++r) {
                for (int64_t t = 0; t < months; ++t) {
                    for (size_t m = 0; m < registry.size(); ++m) {
                        row[static_cast<size_t>(t) * registry.size() + m] =
                            series[m].at(static_cast<int>(r), static_cast<int>(t));
                    }
                }
                writer.write_replicate(run.name, static_cast<uint32_t>(b.first + r), row,
                                       zone_row_of(zone_series, r, zones, zone_row));
            }
            for (Study& s : study) {
                const SeriesData d = reader.study(b.run, s.name);
                if (d.rows != b.replicates) {
                    refuse(b.path, fmt::format("study metric '{}' has {} values, not {}", s.name,
                                               d.rows, b.replicates));
                }
                s.unit = d.unit;
                s.description = d.description;
                s.values.insert(s.values.end(), d.values.begin(), d.values.end());
            }
            return 0;
        });
    }
    for (const Study& s : study)
        writer.write_study(run.name, s.name, s.unit, s.description, s.values);
    writer.end_run(run.name);
    writer.commit();
    if (!o.quiet) {
        fmt::print("{} batches, replicates {}..{} of run '{}' -> {}\n", batches.size(), head.first,
                   head.first + total - 1, run.name, o.output_path);
    }
    return 0;
}

}  // namespace housim
