// `housim sensitivity`: Morris elementary-effects screening of a sensitivity file's
// parameters (sim/calibrate/morris.hpp); prints mu* and sigma per parameter and scored
// moment and writes SENS.h5 (/sensitivity).
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <thread>

#include "cli/cli_common.hpp"
#include "cli/commands.hpp"
#include "cli/distributed.hpp"
#include "cli/progress.hpp"
#include "output/analysis_groups.hpp"
#include "output/h5_writer.hpp"
#include "sim/calibrate/morris.hpp"

namespace housim {

int sensitivity_command(const SensitivityOptions& o) {
    std::vector<Override> sets;
    for (const std::string& s : o.sets)
        sets.push_back(parse_override(s));
    require_not_directory(o.sens_path);
    const CalibSpec spec = load_calib(o.sens_path, CalibKind::sensitivity, sets);
    const Scenario& base = spec.base;
    if (mpi_rank() > 0) {
        // Another rank of an MPI job: runs the screen in step with rank 0 (its evaluations
        // spread over the ranks, cli/distributed.hpp); rank 0 checks, writes and reports.
        morris(spec, o.threads, nullptr, &g_stop);
        return 0;
    }
    const std::string path = checked_output_path(
        o.output_path.empty() ? std::filesystem::path(o.sens_path).stem().string() + "_sens.h5"
                              : o.output_path,
        "-o", uint64_t{1} << 20);
    const int64_t points =
        int64_t{spec.trajectories} * static_cast<int64_t>(spec.parameters.size() + 1);
    const int64_t replicates = points * base.run.replicates;
    const int64_t threads = o.threads > 0 ? o.threads : std::thread::hardware_concurrency();
    require_memory_for(base.run.households, std::max<int64_t>(1, std::min(threads, replicates)),
                       spec.path);
    install_interrupt_handler();
    const auto started = std::chrono::steady_clock::now();
    Progress progress;
    ProgressPrinter printer(progress, replicates * (base.run.burn_in_months + base.run.months),
                            replicates, base.run.households, !o.quiet && isatty(STDERR_FILENO));
    const MorrisResult r = morris(spec, o.threads, &progress, &g_stop);
    printer.stop();
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    H5Writer writer(path, file_info_for(base, o.command_line));
    writer.write_group(sensitivity_group(spec, r));
    writer.commit();
    if (o.quiet) return 0;
    fmt::print(
        "housim sensitivity '{}': {} parameters, {} trajectories x {} points x {} "
        "replicates, {:.1f} s -> {}\n",
        spec.path, spec.parameters.size(), spec.trajectories, spec.parameters.size() + 1,
        base.run.replicates, seconds, path);
    if (r.failed_points > 0)
        fmt::print("{} points failed; their effects are left out\n", r.failed_points);
    fmt::print(
        "mu*: mean |elementary effect|, sigma: their sd; both per the parameter's whole "
        "range, in the moment's unit\n");
    for (size_t t = 0; t < r.metrics; ++t) {
        fmt::print("\n{}\n{:<52} {:>13} {:>13} {:>13}\n", spec.targets[t].label, "parameter", "mu*",
                   "mu", "sigma");
        std::vector<size_t> order(r.parameters);
        for (size_t i = 0; i < order.size(); ++i)
            order[i] = i;
        std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
            return r.mu_star[a * r.metrics + t] > r.mu_star[b * r.metrics + t];
        });
        for (const size_t i : order) {
            fmt::print("{:<52} {:>13.4g} {:>13.4g} {:>13.4g}\n", spec.parameters[i].key,
                       r.mu_star[i * r.metrics + t], r.mu[i * r.metrics + t],
                       r.sigma[i * r.metrics + t]);
        }
    }
    return r.failed_points == 0 ? 0 : 1;
}

}  // namespace housim
