#include <fmt/format.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <mutex>
#include <thread>

#include "cli/cli_common.hpp"
#include "cli/commands.hpp"
#include "cli/distributed.hpp"
#include "cli/progress.hpp"
#include "output/async_writer.hpp"
#include "output/h5_writer.hpp"
#include "output/run_journal.hpp"
#include "sim/core/errors.hpp"
#include "sim/metrics.hpp"
#include "sim/run/runner.hpp"
#include "sim/version.hpp"

namespace housim {

namespace {

std::vector<Override> overrides_of(const RunOptions& o) {
    std::vector<Override> out;
    for (const std::string& s : o.sets)
        out.push_back(parse_override(s));
    if (o.replicates > 0) out.push_back({"run.replicates", std::to_string(o.replicates)});
    if (o.seed >= 0) out.push_back({"run.seed", std::to_string(o.seed)});
    if (o.months >= 0) out.push_back({"run.months", std::to_string(o.months)});
    if (o.households >= 0) out.push_back({"run.households", std::to_string(o.households)});
    return out;
}

// The path to write, checked before any simulation (cli_common.hpp), and the memory the
// replicates held at once would need.
std::string output_path_for(const RunOptions& o, const Scenario& s) {
    const std::string path = o.output_path.empty() ? s.run.name + ".h5" : o.output_path;
    const auto replicates = static_cast<uint64_t>(s.run.replicates);
    const auto months = static_cast<uint64_t>(s.run.months);
    const std::string target =
        checked_output_path(path, "-o", output_size_estimate(replicates * months, months, 1));
    const int64_t threads = o.threads > 0 ? o.threads : std::thread::hardware_concurrency();
    require_memory_for(s.run.households,
                       std::max<int64_t>(1, std::min<int64_t>(threads, s.run.replicates)),
                       o.scenario_path.empty() ? "<built-in default>" : o.scenario_path);
    return target;
}

// Hands each replicate to the writer thread and keeps the last month of a few headline
// metrics for the summary table.
class RunSink final : public ReplicateSink {
  public:
    RunSink(AsyncWriter& writer, RunJournal& journal) : writer_(writer), journal_(journal) {}
    // A replicate just computed: journalled (flushed to disk) before it counts as done. A
    // journal row is the city's values followed by the zones'.
    void accept(ReplicateResult&& r) override {
        std::vector<double> row = r.values;
        row.insert(row.end(), r.zone_values.begin(), r.zone_values.end());
        journal_.append(r.replicate, row);
        replay(std::move(r));
    }
    // A replicate finished before a resume, read back from the journal.
    void replay(ReplicateResult&& r) {
        const size_t n = metric_registry().size();
        const size_t last = (static_cast<size_t>(r.months) - 1) * n;
        {
            const std::lock_guard lock(mutex_);
            final_month_.emplace_back(r.values.begin() + static_cast<std::ptrdiff_t>(last),
                                      r.values.begin() + static_cast<std::ptrdiff_t>(last + n));
        }
        writer_.write(0, r.replicate, std::move(r.values), std::move(r.zone_values));
    }
    std::vector<double> final_values(size_t metric) const {
        std::vector<double> v;
        for (const auto& row : final_month_)
            v.push_back(row[metric]);
        return v;
    }

  private:
    AsyncWriter& writer_;
    RunJournal& journal_;
    std::mutex mutex_;
    std::vector<std::vector<double>> final_month_;
};

void print_summary(const Scenario& s, const RunSink& sink, const std::string& path, double seconds,
                   uint32_t replicates) {
    constexpr const char* kHeadline[] = {"digestion_cycle_narrow_months",
                                         "new_sales_units",
                                         "new_price_per_m2",
                                         "price_index_new",
                                         "price_index_resale",
                                         "homeownership_rate"};
    const YearMonth last = s.run.start.plus(s.run.months - 1);
    fmt::print("housim run '{}': {} replicates x {} months ({} - {}), {:.1f} s -> {}\n", s.run.name,
               replicates, s.run.months, s.run.start.str(), last.str(), seconds, path);
    fmt::print("{:<32} {:>14} {:>14} {:>14}  {}\n", fmt::format("{} (final month)", last.str()),
               "median", "p05", "p95", "unit");
    const auto registry = metric_registry();
    for (const char* name : kHeadline) {
        for (size_t i = 0; i < registry.size(); ++i) {
            if (registry[i].name != name) continue;
            const std::vector<double> q = summarize(sink.final_values(i));
            fmt::print("{:<32} {:>14.4g} {:>14.4g} {:>14.4g}  {}\n", name, q[4], q[2], q[6],
                       registry[i].unit);
        }
    }
}

}  // namespace

int run_command(const RunOptions& o) {
    require_not_directory(o.scenario_path);
    const Scenario s = load_scenario(o.scenario_path, overrides_of(o));
    if (!valid_run_name(s.run.name)) {
        throw InputError(
            {Diagnostic{o.scenario_path.empty() ? "--set" : o.scenario_path, 0, "run.name",
                        fmt::format("'{}' cannot name a run in the output file (empty, "
                                    "\".\" or containing '/')",
                                    s.run.name)}});
    }
    const DistCompute compute = [&s, &o](const DistTask& t) {
        return run_replicate(s, t.replicate, o.check, nullptr, &g_stop);
    };
    if (mpi_rank() > 0) {
        // Another rank of an MPI job: computes what rank 0 hands it; rank 0 checks, writes
        // and reports.
        run_distributed({}, o.threads, o.keep_going, compute, {});
        return 0;
    }
    const std::string path = output_path_for(o, s);
    StudyOptions study;
    study.cycle_thresholds = cycle_thresholds_or_default(o.cycle_thresholds);
    RunPlan plan;
    plan.first_replicate = o.first_replicate;
    plan.replicates = static_cast<uint32_t>(s.run.replicates);
    plan.threads = o.threads;
    plan.check = o.check;
    plan.keep_going = o.keep_going;

    RunInfo run;
    run.name = s.run.name;
    run.scenario_toml = resolved_toml(s);
    run.first_replicate = plan.first_replicate;
    run.replicates = plan.replicates;
    run.zone_names = s.city.zones.names;

    // The journal of finished replicates (output/run_journal.hpp): a new one, or the one a
    // killed run of the same command left, whose replicates are not computed again.
    JournalHeader header;
    header.housim_version = kVersion;
    header.git_commit = kGitCommit;
    header.scenario_toml = run.scenario_toml;
    header.first_replicate = plan.first_replicate;
    header.replicates = plan.replicates;
    const size_t city_values = static_cast<size_t>(s.run.months) * metric_registry().size();
    header.values_per_row = static_cast<uint32_t>(city_values + static_cast<size_t>(s.run.months) *
                                                                    zone_metric_registry().size() *
                                                                    s.city.zones.count());
    std::map<uint32_t, std::vector<double>> done;
    const std::unique_ptr<RunJournal> journal = open_journal(path, header, o.resume, done);

    H5Writer writer(path, file_info_for(s, o.command_line));
    RunStream stream(
        writer, 1, [&](size_t) { return run; }, study);

    install_interrupt_handler();
    const auto started = std::chrono::steady_clock::now();
    Progress progress;
    AsyncWriter async(stream);
    RunSink sink(async, *journal);
    for (auto& [replicate, values] : done) {
        std::vector<double> zones(values.begin() + static_cast<std::ptrdiff_t>(city_values),
                                  values.end());
        values.resize(city_values);
        sink.replay(ReplicateResult{replicate, s.run.months, std::move(values), std::move(zones)});
    }
    // The replicates still to run, as contiguous ranges of the plan.
    std::vector<RunPlan> parts;
    for (uint32_t k = plan.first_replicate; k < plan.first_replicate + plan.replicates; ++k) {
        if (done.count(k) != 0) continue;
        if (!parts.empty() && parts.back().first_replicate + parts.back().replicates == k) {
            ++parts.back().replicates;
        } else {
            RunPlan part = plan;
            part.first_replicate = k;
            part.replicates = 1;
            parts.push_back(part);
        }
    }
    const auto to_run = static_cast<uint32_t>(plan.replicates - done.size());
    if (o.resume && !o.quiet) {
        fmt::print(stderr, "resuming: {} of {} replicates finished, {} to run\n", done.size(),
                   plan.replicates, to_run);
    }
    const int64_t months_total =
        static_cast<int64_t>(to_run) * (s.run.burn_in_months + s.run.months);
    ProgressPrinter printer(progress, months_total, to_run, s.run.households,
                            !o.quiet && isatty(STDERR_FILENO));
    std::vector<ReplicateFailure> failures;
    if (mpi_ranks() > 1) {
        // The replicates to run are tasks of the ranks' queue (cli/distributed.hpp).
        std::vector<DistTask> tasks;
        for (const RunPlan& part : parts) {
            for (uint32_t k = 0; k < part.replicates; ++k)
                tasks.push_back(DistTask{0, part.first_replicate + k});
        }
        DistTransfer transfer;
        const std::vector<DistFailure> failed = run_distributed(
            tasks, o.threads, o.keep_going, compute,
            [&](const DistTask&, ReplicateResult&& r) {
                progress.replicates_done.fetch_add(1);
                sink.accept(std::move(r));
            },
            &transfer);
        report_transfer(o.quiet, transfer);
        for (const DistFailure& f : failed) {
            if (!o.keep_going) {
                throw std::runtime_error(fmt::format("replicate {} (seed {}) failed: {}",
                                                     f.task.replicate, s.run.seed, f.message));
            }
            failures.push_back(ReplicateFailure{f.task.replicate, s.run.seed, f.message});
        }
    } else {
        for (const RunPlan& part : parts) {
            std::vector<ReplicateFailure> f = run_replicates(s, part, sink, &progress, &g_stop);
            failures.insert(failures.end(), f.begin(), f.end());
        }
    }
    printer.stop();
    async.finish();
    stream.close();
    writer.commit();
    journal->remove();
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (!o.quiet) print_summary(s, sink, path, seconds, plan.replicates);
    for (const ReplicateFailure& f : failures) {
        fmt::print(stderr, "replicate {} (seed {}) failed: {}\n", f.replicate, f.seed, f.message);
    }
    return failures.empty() ? 0 : 1;
}

}  // namespace housim
