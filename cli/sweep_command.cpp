// `housim sweep`: every (cell, replicate) of a sweep in one parallel loop, each finished
// replicate streamed to the writer thread, each cell's run ended when its last row lands.
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include "cli/cli_common.hpp"
#include "cli/commands.hpp"
#include "cli/distributed.hpp"
#include "cli/progress.hpp"
#include "output/async_writer.hpp"
#include "output/h5_writer.hpp"
#include "output/run_journal.hpp"
#include "sim/metrics.hpp"
#include "sim/run/sweep.hpp"
#include "sim/run/sweep_runner.hpp"
#include "sim/scenario/scenario_load.hpp"
#include "sim/version.hpp"

namespace housim {

namespace {

size_t narrow_cycle_index() {
    const auto registry = metric_registry();
    for (size_t i = 0; i < registry.size(); ++i) {
        if (registry[i].name == "digestion_cycle_narrow_months") return i;
    }
    return 0;
}

// Streams each replicate to the writer and keeps only its last-month narrow cycle for the
// closing table (one number per replicate).
class CellSink final : public SweepSink {
  public:
    // With a journal, each replicate is journalled (flushed to disk) before it counts as
    // done; its record is the task's index in cell-major order (offset[cell] + replicate)
    // and the city's values followed by the districts'.
    CellSink(AsyncWriter& writer, const Sweep& s, RunJournal* journal = nullptr,
             const std::vector<uint32_t>* offset = nullptr)
        : writer_(writer), final_cycle_(s.cells.size()), journal_(journal), offset_(offset) {}
    void accept(size_t cell, ReplicateResult&& r) override {
        if (journal_ != nullptr) {
            std::vector<double> row = r.values;
            row.insert(row.end(), r.zone_values.begin(), r.zone_values.end());
            journal_->append((*offset_)[cell] + r.replicate, row);
        }
        replay(cell, std::move(r));
    }
    // A replicate finished before a resume, read back from the journal.
    void replay(size_t cell, ReplicateResult&& r) {
        const size_t n = metric_registry().size();
        const double last = r.values[(static_cast<size_t>(r.months) - 1) * n + metric_];
        {
            const std::lock_guard lock(mutex_);
            final_cycle_[cell].push_back(last);
        }
        writer_.write(cell, r.replicate, std::move(r.values), std::move(r.zone_values));
    }
    const std::vector<double>& final_cycle(size_t cell) const { return final_cycle_[cell]; }

  private:
    AsyncWriter& writer_;
    size_t metric_ = narrow_cycle_index();
    std::mutex mutex_;
    std::vector<std::vector<double>> final_cycle_;
    RunJournal* journal_;
    const std::vector<uint32_t>* offset_;
};

// The journal's header for a sweep: the cells (name, replicates, resolved scenario) as a
// fingerprint, the tasks as its replicate range, rows of any length (cells may differ in
// districts).
JournalHeader sweep_journal_header(const Sweep& sweep, uint32_t tasks) {
    std::string cells = sweep.name + "\n";
    for (size_t c = 0; c < sweep.cells.size(); ++c) {
        cells += sweep.cells[c].name + "\n" + std::to_string(sweep.cells[c].replicates) + "\n" +
                 resolved_toml(cell_scenario(sweep, c));
    }
    JournalHeader h;
    h.housim_version = kVersion;
    h.git_commit = kGitCommit;
    h.scenario_toml = fmt::format("sweep {} cells, fingerprint {:016x}", sweep.cells.size(),
                                  journal_fingerprint(cells));
    h.first_replicate = 0;
    h.replicates = tasks;
    h.values_per_row = 0;
    return h;
}

// A cell's replicate, computed on any rank of an MPI job.
DistCompute sweep_compute(const Sweep& sweep, const SweepPlan& plan, SweepProgress* progress) {
    return [&sweep, plan, progress](const DistTask& t) {
        const Scenario s = cell_scenario(sweep, t.cell);
        return run_replicate(s, t.replicate, plan.check, progress ? &progress->replicates : nullptr,
                             &g_stop);
    };
}

// The sweep over the ranks of an MPI job (rank 0): every (cell, replicate) a task of the
// distributed queue; results reach the sink on this rank.
std::vector<SweepFailure> run_sweep_over_ranks(const Sweep& sweep, const SweepPlan& plan,
                                               CellSink& sink, SweepProgress& progress, bool quiet,
                                               const std::vector<uint8_t>& finished) {
    std::vector<DistTask> tasks;
    std::vector<std::atomic<uint32_t>> remaining(sweep.cells.size());
    size_t index = 0;
    for (size_t c = 0; c < sweep.cells.size(); ++c) {
        uint32_t left = 0;
        for (uint32_t k = 0; k < sweep.cells[c].replicates; ++k, ++index) {
            if (finished[index]) continue;
            tasks.push_back(DistTask{c, k});
            ++left;
        }
        remaining[c].store(left);
        if (left == 0) progress.cells_done.fetch_add(1);
    }
    const DistCompute compute = sweep_compute(sweep, plan, &progress);
    DistTransfer transfer;
    const std::vector<DistFailure> failed = run_distributed(
        tasks, plan.threads, plan.keep_going, compute,
        [&](const DistTask& t, ReplicateResult&& r) {
            sink.accept(t.cell, std::move(r));
            if (remaining[t.cell].fetch_sub(1) == 1) progress.cells_done.fetch_add(1);
        },
        &transfer);
    report_transfer(quiet, transfer);
    std::vector<SweepFailure> out;
    for (const DistFailure& f : failed) {
        const uint64_t seed = cell_scenario(sweep, f.task.cell).run.seed;
        if (!plan.keep_going) {
            throw std::runtime_error(fmt::format("{} replicate {} (seed {}) failed: {}",
                                                 sweep.cells[f.task.cell].name, f.task.replicate,
                                                 seed, f.message));
        }
        out.push_back(SweepFailure{f.task.cell, {f.task.replicate, seed, f.message}});
    }
    return out;
}

RunInfo run_info(const Sweep& sweep, size_t cell) {
    const Scenario s = cell_scenario(sweep, cell);
    const SweepCell& c = sweep.cells[cell];
    RunInfo info;
    info.name = c.name;
    info.scenario_toml = resolved_toml(s);
    info.cell_index = static_cast<int64_t>(cell);
    for (size_t k = 0; k < sweep.axis_keys.size(); ++k)
        info.axis_values.emplace_back(sweep.axis_keys[k], c.axis_values[k]);
    info.first_replicate = 0;
    info.replicates = c.replicates;
    info.zone_names = s.city.zones.names;
    return info;
}

SweepTable sweep_table(const Sweep& sweep) {
    SweepTable t{sweep.name, sweep.text, sweep.axis_keys, {}};
    for (size_t i = 0; i < sweep.cells.size(); ++i) {
        t.rows.push_back(
            {static_cast<int64_t>(i), sweep.cells[i].name, sweep.cells[i].axis_values});
    }
    return t;
}

void print_summary(const Sweep& sweep, const CellSink& sink, const std::string& path,
                   double seconds, int64_t replicates) {
    constexpr size_t kMaxRows = 40;
    fmt::print("housim sweep '{}': {} cells, {} replicates, {:.1f} s -> {}\n", sweep.name,
               sweep.cells.size(), replicates, seconds, path);
    fmt::print("{:<14} {:>10} {:>10} {:>10}  {}\n", "cell", "median", "p05", "p95",
               "narrow digestion cycle in the last month (months); axis values");
    for (size_t i = 0; i < std::min(kMaxRows, sweep.cells.size()); ++i) {
        const std::vector<double> q = summarize(sink.final_cycle(i));
        std::string axes;
        for (size_t k = 0; k < sweep.axis_keys.size(); ++k) {
            axes += fmt::format("{}{}={}", k ? ", " : "", sweep.axis_keys[k],
                                sweep.cells[i].axis_values[k]);
        }
        fmt::print("{:<14} {:>10.4g} {:>10.4g} {:>10.4g}  {}\n", sweep.cells[i].name, q[4], q[2],
                   q[6], axes);
    }
    if (sweep.cells.size() > kMaxRows) {
        fmt::print("... {} more cells: see `housim compare` and `housim report`\n",
                   sweep.cells.size() - kMaxRows);
    }
}

int print_cells(const Sweep& sweep) {
    fmt::print("{}: valid, {} cells\n", sweep.path, sweep.cells.size());
    for (size_t i = 0; i < sweep.cells.size(); ++i) {
        const SweepCell& c = sweep.cells[i];
        std::string sets;
        for (const Override& x : c.sets)
            sets += fmt::format("{}{}={}", sets.empty() ? "" : ", ", x.key, x.value);
        fmt::print("{:<14} {:>5} replicates  {}\n", c.name, c.replicates, sets);
    }
    return 0;
}

}  // namespace

int sweep_command(const SweepOptions& o) {
    std::vector<Override> sets;
    for (const std::string& s : o.sets)
        sets.push_back(parse_override(s));
    require_not_directory(o.sweep_path);
    const Sweep sweep = load_sweep(o.sweep_path, sets);
    for (const SweepCell& c : sweep.cells) {
        if (!valid_run_name(c.name)) {
            throw InputError({Diagnostic{sweep.path, 0, "cell",
                                         fmt::format("'{}' cannot name a run in the output file "
                                                     "(empty, \".\" or containing '/')",
                                                     c.name)}});
        }
    }
    const SweepPlan plan{o.threads, o.check, o.keep_going};
    if (mpi_rank() > 0) {
        // Another rank of an MPI job: computes what rank 0 hands it; rank 0 checks, writes
        // and reports.
        run_distributed({}, o.threads, o.keep_going, sweep_compute(sweep, plan, nullptr), {});
        return 0;
    }
    uint64_t replicate_months = 0;
    uint64_t months = 0;
    int64_t households = 0;
    int64_t replicates = 0;
    for (const SweepCell& c : sweep.cells) {
        replicate_months += uint64_t{c.replicates} * static_cast<uint64_t>(c.simulated_months);
        months += static_cast<uint64_t>(c.simulated_months);
        households = std::max<int64_t>(households, c.households);
        replicates += c.replicates;
    }
    // Checked before any simulation: the output location (cli_common.hpp) and memory for as
    // many of the largest cell's worlds as run at once.
    const std::string path =
        checked_output_path(o.output_path.empty() ? sweep.name + ".h5" : o.output_path, "-o",
                            output_size_estimate(replicate_months, months, sweep.cells.size()));
    const int64_t threads = o.threads > 0 ? o.threads : std::thread::hardware_concurrency();
    require_memory_for(households, std::max<int64_t>(1, std::min(threads, replicates)), sweep.path);
    if (o.dry_run) return print_cells(sweep);
    StudyOptions study;
    study.cycle_thresholds = cycle_thresholds_or_default(o.cycle_thresholds);

    // The journal of finished replicates (output/run_journal.hpp), as for housim run.
    std::vector<uint32_t> offset;
    uint32_t tasks = 0;
    for (const SweepCell& c : sweep.cells) {
        offset.push_back(tasks);
        tasks += c.replicates;
    }
    const JournalHeader header = sweep_journal_header(sweep, tasks);
    std::map<uint32_t, std::vector<double>> done;
    const std::unique_ptr<RunJournal> journal = open_journal(path, header, o.resume, done);

    H5Writer writer(path, file_info_for(cell_scenario(sweep, 0), o.command_line));
    RunStream stream(
        writer, sweep.cells.size(), [&](size_t cell) { return run_info(sweep, cell); }, study);
    install_interrupt_handler();
    const auto started = std::chrono::steady_clock::now();
    int64_t months_total = 0;
    int64_t replicates_total = 0;
    for (const SweepCell& c : sweep.cells) {
        months_total += int64_t{c.replicates} * c.simulated_months;
        replicates_total += c.replicates;
    }
    SweepProgress progress;
    AsyncWriter async(stream);
    CellSink sink(async, sweep, journal.get(), &offset);
    std::vector<uint8_t> finished(tasks, 0);
    for (auto& [index, row] : done) {
        const size_t cell = static_cast<size_t>(
            std::upper_bound(offset.begin(), offset.end(), index) - offset.begin() - 1);
        const int cell_months = cell_scenario(sweep, cell).run.months;
        const size_t city = static_cast<size_t>(cell_months) * metric_registry().size();
        if (row.size() < city) continue;  // not a row of this sweep: run it again
        std::vector<double> zones(row.begin() + static_cast<std::ptrdiff_t>(city), row.end());
        row.resize(city);
        finished[index] = 1;
        sink.replay(cell, ReplicateResult{index - offset[cell], cell_months, std::move(row),
                                          std::move(zones)});
    }
    if (o.resume && !o.quiet) {
        fmt::print(stderr, "resuming: {} of {} replicates finished, {} to run\n", done.size(),
                   tasks, tasks - done.size());
    }
    ProgressPrinter printer(progress.replicates, months_total, replicates_total,
                            progress.cells_done, static_cast<int64_t>(sweep.cells.size()),
                            !o.quiet && isatty(STDERR_FILENO));
    const std::vector<SweepFailure> failures =
        mpi_ranks() > 1 ? run_sweep_over_ranks(sweep, plan, sink, progress, o.quiet, finished)
                        : run_sweep(sweep, plan, sink, &progress, &g_stop, &finished);
    printer.stop();
    async.finish();
    stream.close();
    writer.write_sweep(sweep_table(sweep));
    writer.commit();
    journal->remove();
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (!o.quiet) print_summary(sweep, sink, path, seconds, replicates_total);
    for (const SweepFailure& f : failures) {
        fmt::print(stderr, "{} replicate {} (seed {}) failed: {}\n", sweep.cells[f.cell].name,
                   f.failure.replicate, f.failure.seed, f.failure.message);
    }
    return failures.empty() ? 0 : 1;
}

}  // namespace housim
