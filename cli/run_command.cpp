#include <fmt/format.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <ctime>
#include <filesystem>
#include <mutex>

#include "cli/commands.hpp"
#include "cli/progress.hpp"
#include "output/async_writer.hpp"
#include "output/h5_writer.hpp"
#include "sim/errors.hpp"
#include "sim/metrics.hpp"
#include "sim/runner.hpp"
#include "sim/version.hpp"

namespace housim {

namespace {

std::atomic<bool> g_stop{false};

extern "C" void on_interrupt(int) {
    g_stop.store(true);
}

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

std::string utc_now() {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

std::string output_path_for(const RunOptions& o, const Scenario& s) {
    const std::string path = o.output_path.empty() ? s.run.name + ".h5" : o.output_path;
    const auto parent = std::filesystem::absolute(path).parent_path();
    if (!std::filesystem::is_directory(parent)) {
        throw InputError(
            {Diagnostic{"-o", 0, "", fmt::format("no such folder: {}", parent.string())}});
    }
    return path;
}

// Hands each replicate to the writer thread and keeps the last month of a few headline
// metrics for the summary table.
class RunSink final : public ReplicateSink {
  public:
    RunSink(AsyncWriter& writer, std::string run) : writer_(writer), run_(std::move(run)) {}
    void accept(ReplicateResult&& r) override {
        const size_t n = metric_registry().size();
        const size_t last = (static_cast<size_t>(r.months) - 1) * n;
        {
            const std::lock_guard lock(mutex_);
            final_month_.emplace_back(r.values.begin() + static_cast<std::ptrdiff_t>(last),
                                      r.values.begin() + static_cast<std::ptrdiff_t>(last + n));
        }
        writer_.write(run_, r.replicate, std::move(r.values));
    }
    std::vector<double> final_values(size_t metric) const {
        std::vector<double> v;
        for (const auto& row : final_month_)
            v.push_back(row[metric]);
        return v;
    }

  private:
    AsyncWriter& writer_;
    std::string run_;
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
    const Scenario s = load_scenario(o.scenario_path, overrides_of(o));
    const std::string path = output_path_for(o, s);
    RunPlan plan;
    plan.first_replicate = o.first_replicate;
    plan.replicates = static_cast<uint32_t>(s.run.replicates);
    plan.threads = o.threads;
    plan.check = o.check;
    plan.keep_going = o.keep_going;

    FileInfo info;
    info.housim_version = kVersion;
    info.git_commit = kGitCommit;
    info.created_utc = utc_now();
    info.command_line = o.command_line;
    info.seed = s.run.seed;
    for (int m = 0; m < s.run.months; ++m)
        info.months.push_back(s.run.start.plus(m).str());
    H5Writer writer(path, info);
    RunInfo run;
    run.name = s.run.name;
    run.scenario_toml = resolved_toml(s);
    run.first_replicate = plan.first_replicate;
    run.replicates = plan.replicates;
    writer.begin_run(run);

    std::signal(SIGINT, on_interrupt);
    const auto started = std::chrono::steady_clock::now();
    Progress progress;
    std::vector<ReplicateFailure> failures;
    RunSink* sink_ptr = nullptr;
    {
        AsyncWriter async(writer);
        RunSink sink(async, run.name);
        sink_ptr = &sink;
        const int64_t months_total =
            static_cast<int64_t>(plan.replicates) * (s.run.burn_in_months + s.run.months);
        ProgressPrinter printer(progress, months_total, plan.replicates, s.run.households,
                                !o.quiet && isatty(STDERR_FILENO));
        failures = run_replicates(s, plan, sink, &progress, &g_stop);
        printer.stop();
        async.finish();
        writer.end_run(run.name);
        writer.commit();
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        if (!o.quiet) print_summary(s, *sink_ptr, path, seconds, plan.replicates);
    }
    for (const ReplicateFailure& f : failures) {
        fmt::print(stderr, "replicate {} (seed {}) failed: {}\n", f.replicate, f.seed, f.message);
    }
    return failures.empty() ? 0 : 1;
}

}  // namespace housim
