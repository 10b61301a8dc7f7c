// `housim calibrate`: fits the parameters of a calibration file by the method of simulated
// moments (sim/calibrate/calibrate.hpp), prints the estimates and the fit, and writes FIT.h5
// (the fitted scenario's replicates as run "fitted", and /calibration) and, on request, the
// fitted scenario as a complete TOML file.
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <thread>

#include "cli/cli_common.hpp"
#include "cli/commands.hpp"
#include "cli/distributed.hpp"
#include "output/analysis_groups.hpp"
#include "output/async_writer.hpp"
#include "output/h5_writer.hpp"
#include "output/run_stream.hpp"
#include "sim/calibrate/calibrate.hpp"
#include "sim/metrics.hpp"
#include "sim/run/runner.hpp"

namespace housim {

namespace {

class StreamSink final : public ReplicateSink {
  public:
    explicit StreamSink(AsyncWriter& w) : writer_(w) {}
    void accept(ReplicateResult&& r) override {
        writer_.write(0, r.replicate, std::move(r.values), std::move(r.zone_values));
    }

  private:
    AsyncWriter& writer_;
};

// The fitted scenario's replicates as run "fitted", so `housim report` draws its fans.
void write_fitted_run(H5Writer& writer, const Scenario& s, int threads) {
    RunInfo run;
    run.name = "fitted";
    run.scenario_toml = resolved_toml(s);
    run.replicates = static_cast<uint32_t>(s.run.replicates);
    run.zone_names = s.city.zones.names;
    RunStream stream(writer, 1, [&](size_t) { return run; });
    AsyncWriter async(stream);
    StreamSink sink(async);
    RunPlan plan;
    plan.replicates = run.replicates;
    plan.threads = threads;
    run_replicates(s, plan, sink, nullptr, &g_stop);
    async.finish();
    stream.close();
}

void print_fit(const CalibSpec& spec, const CalibResult& r, double seconds) {
    fmt::print(
        "housim calibrate '{}': {} parameters, {} moments, {} evaluations x {} replicates, "
        "{:.1f} s ({:.1f} evaluations per minute)\n",
        spec.path, spec.parameters.size(), spec.targets.size(), r.trace.size(),
        spec.base.run.replicates, seconds, r.trace.size() / std::max(seconds, 1e-9) * 60);
    fmt::print("global stage (CRS2-LM): {}; local stage ({}): {}\n", r.global_result,
               spec.parameters.size() >= 2 ? "BOBYQA" : "COBYLA", r.local_result);
    fmt::print("objective {:.6g} (sum of squared standardised distances)\n\n", r.objective);
    fmt::print("{:<48} {:>14} {:>14} {:>14} {:>14}\n", "parameter", "estimate", "std. error", "min",
               "max");
    for (size_t i = 0; i < spec.parameters.size(); ++i) {
        const CalibParameter& p = spec.parameters[i];
        fmt::print("{:<48} {:>14.6g} {:>14.4g} {:>14.6g} {:>14.6g}\n", p.key, r.estimate[i],
                   r.se[i], p.min, p.max);
    }
    fmt::print(
        "(standard errors from the moments' Jacobian, (J'WJ)^-1 with W = 1/sd^2; they "
        "ignore the simulation noise; nan: not identified by these moments)\n\n");
    fmt::print("{:<56} {:>13} {:>13} {:>13} {:>13} {:>9}\n", "target", "value", "simulated", "p05",
               "p95", "distance");
    for (size_t k = 0; k < spec.targets.size(); ++k) {
        const CalibTarget& t = spec.targets[k];
        const double m = r.at_estimate.mean[k];
        const auto [lo, hi] = replicate_band(r.at_estimate, k);
        fmt::print("{:<56} {:>13.6g} {:>13.6g} {:>13.6g} {:>13.6g} {:>9.3f}\n", t.label, t.value, m,
                   lo, hi, (m - t.value) / t.sd);
    }
}

}  // namespace

int calibrate_command(const CalibrateOptions& o) {
    std::vector<Override> sets;
    for (const std::string& s : o.sets)
        sets.push_back(parse_override(s));
    require_not_directory(o.calib_path);
    const CalibSpec spec = load_calib(o.calib_path, CalibKind::calibrate, sets);
    const Scenario& base = spec.base;
    if (mpi_rank() > 0) {
        // Another rank of an MPI job: runs the fit in step with rank 0 (its evaluations
        // spread over the ranks and their moments shared, cli/distributed.hpp); rank 0
        // checks, writes and reports, and runs the fitted scenario's replicates itself.
        calibrate(spec, o.threads, {}, &g_stop);
        return 0;
    }
    const auto months = static_cast<uint64_t>(base.run.months);
    const std::string default_out = std::filesystem::path(o.calib_path).stem().string() + "_fit.h5";
    const std::string path = checked_output_path(
        o.output_path.empty() ? default_out : o.output_path, "-o",
        output_size_estimate(months * static_cast<uint64_t>(base.run.replicates), months, 1));
    std::string scenario_path;
    if (!o.scenario_out.empty())
        scenario_path = checked_output_path(o.scenario_out, "--write-scenario", 0);
    const int64_t threads = o.threads > 0 ? o.threads : std::thread::hardware_concurrency();
    // The Jacobian runs 2 P points at once, each with its replicates.
    require_memory_for(
        base.run.households,
        std::max<int64_t>(
            1, std::min<int64_t>(threads, int64_t{base.run.replicates} * 2 *
                                              static_cast<int64_t>(spec.parameters.size()))),
        spec.path);
    install_interrupt_handler();
    const bool tty = !o.quiet && isatty(STDERR_FILENO);
    const auto started = std::chrono::steady_clock::now();
    auto progress = [&](int evaluations, double best) {
        if (o.quiet) return;
        if (tty) {
            fmt::print(stderr, "\revaluations {:>5}, best objective {:.6g}   ", evaluations, best);
        } else if (evaluations % 10 == 0) {
            fmt::print(stderr, "evaluations {}, best objective {:.6g}\n", evaluations, best);
        }
    };
    const CalibResult result = calibrate(spec, o.threads, progress, &g_stop);
    if (tty) fmt::print(stderr, "\n");
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

    const Scenario fitted = scenario_at(spec, result.estimate);
    H5Writer writer(path, file_info_for(fitted, o.command_line));
    write_fitted_run(writer, fitted, o.threads);
    writer.write_group(calibration_group(spec, result));
    writer.commit();
    if (!scenario_path.empty()) {
        std::string header = fmt::format(
            "# The scenario fitted by housim calibrate {} (objective {:.6g}); the base with the\n"
            "# file's overrides and the fitted values:\n",
            spec.path, result.objective);
        for (size_t i = 0; i < spec.parameters.size(); ++i)
            header += fmt::format("#   {} = {}\n", spec.parameters[i].key, result.estimate[i]);
        write_file_atomically(scenario_path, header + resolved_toml(fitted));
    }
    if (!o.quiet) {
        print_fit(spec, result, seconds);
        fmt::print("\n-> {}{}\n", path, scenario_path.empty() ? "" : ", " + scenario_path);
    }
    return 0;
}

}  // namespace housim
