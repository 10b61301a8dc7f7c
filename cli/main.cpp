// housim: agent-based housing-market simulation. Exit codes: 0 success; 1 runtime failure;
// 2 invalid input (usage, scenario, sweep); 130 interrupted.
#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <cstdio>
#include <exception>

#include "cli/commands.hpp"
#include "cli/distributed.hpp"
#include "sim/core/errors.hpp"

namespace {

std::string join_args(int argc, char** argv) {
    std::string s;
    for (int i = 0; i < argc; ++i)
        s += (i ? " " : "") + std::string(argv[i]);
    return s;
}

CLI::App* add_sweep_command(CLI::App& app, housim::SweepOptions& o) {
    CLI::App* cmd = app.add_subcommand("sweep", "Run every cell of a sweep file");
    cmd->add_option("sweep", o.sweep_path, "Sweep file (TOML)")->required();
    cmd->add_option("-o,--output", o.output_path, "Output file (HDF5); default <name>.h5");
    cmd->add_option("-j,--threads", o.threads, "Worker threads (default: all cores)")
        ->check(CLI::Range(1, 4096));
    cmd->add_option("--set", o.sets, "Override a base scenario key in every cell: KEY=VALUE");
    cmd->add_option("--cycle-threshold", o.cycle_thresholds,
                    "Narrow-cycle threshold of the study metrics, months (default 18 and 12)");
    cmd->add_flag("--check", o.check, "Verify the model's identities every month");
    cmd->add_flag("--quiet", o.quiet, "No progress and no summary table");
    cmd->add_flag("--resume", o.resume,
                  "Continue a killed sweep: keep the replicates its journal (OUT.h5.partial) "
                  "holds and run the rest");
    cmd->add_flag("--keep-going", o.keep_going, "Record a failed replicate and finish the others");
    cmd->add_flag("--dry-run", o.dry_run, "Validate the sweep and list its cells; run nothing");
    return cmd;
}

CLI::App* add_compare_command(CLI::App& app, housim::CompareOptions& o) {
    CLI::App* cmd = app.add_subcommand(
        "compare", "Paired differences of every run against a baseline, with 95% intervals");
    cmd->add_option("file", o.file, "Output file of housim sweep (HDF5)")->required();
    cmd->add_option("--baseline", o.baseline, "Baseline run (default: the first cell)");
    cmd->add_option("--metric", o.metrics, "Series or study metric (repeatable)");
    CLI::Option* at = cmd->add_option("--at", o.at, "Month YYYY-MM (default: the last)");
    cmd->add_option("--window", o.window, "Average over months YYYY-MM:YYYY-MM")->excludes(at);
    cmd->add_option("--zone", o.zone,
                    "A district's series (series_by_zone) instead of the city's, by name");
    cmd->add_flag("--csv", o.csv, "Comma-separated values for machines");
    return cmd;
}

CLI::App* add_report_command(CLI::App& app, housim::ReportOptions& o) {
    CLI::App* cmd = app.add_subcommand("report", "Write a self-contained HTML report");
    cmd->add_option("file", o.file,
                    "Output file of housim run, sweep, calibrate or sensitivity (HDF5)")
        ->required();
    cmd->add_option("-o,--output", o.output_path, "Report file (default: FILE with .html)");
    cmd->add_option("--baseline", o.baseline, "Baseline run of the overlays (default: first)");
    cmd->add_option("--zone", o.zone,
                    "Draw a district's series (series_by_zone) instead of the city's, by name");
    cmd->add_option("--heatmap", o.heatmap_metric,
                    "Outcome of the sweep heatmap: a series (median, last month) or study metric");
    return cmd;
}

CLI::App* add_calibrate_command(CLI::App& app, housim::CalibrateOptions& o) {
    CLI::App* cmd = app.add_subcommand(
        "calibrate", "Fit parameters to target moments by the method of simulated moments");
    cmd->add_option("calib", o.calib_path, "Calibration file (TOML)")->required();
    cmd->add_option("-o,--output", o.output_path, "Output file (HDF5); default <file>_fit.h5");
    cmd->add_option("--write-scenario", o.scenario_out,
                    "Write the fitted scenario as a complete TOML file");
    cmd->add_option("-j,--threads", o.threads, "Worker threads (default: all cores)")
        ->check(CLI::Range(1, 4096));
    cmd->add_option("--set", o.sets, "Override a base scenario key: KEY=VALUE");
    cmd->add_flag("--quiet", o.quiet, "No progress and no tables");
    return cmd;
}

CLI::App* add_sensitivity_command(CLI::App& app, housim::SensitivityOptions& o) {
    CLI::App* cmd =
        app.add_subcommand("sensitivity", "Morris elementary-effects screening of parameters");
    cmd->add_option("sens", o.sens_path, "Sensitivity file (TOML)")->required();
    cmd->add_option("-o,--output", o.output_path, "Output file (HDF5); default <file>_sens.h5");
    cmd->add_option("-j,--threads", o.threads, "Worker threads (default: all cores)")
        ->check(CLI::Range(1, 4096));
    cmd->add_option("--set", o.sets, "Override a base scenario key: KEY=VALUE");
    cmd->add_flag("--quiet", o.quiet, "No progress and no table");
    return cmd;
}

}  // namespace

namespace {

int run_main(int argc, char** argv) {
    using namespace housim;
    CLI::App app{"housim: agent-based simulation of a city's housing market under policy levers"};
    app.require_subcommand(1);
    app.set_version_flag("--version", std::string("housim ") + "0.1.0");

    RunOptions run;
    run.command_line = join_args(argc, argv);
    CLI::App* run_cmd = app.add_subcommand("run", "Run a scenario's Monte Carlo replicates");
    run_cmd->add_option("scenario", run.scenario_path,
                        "Scenario file (TOML); the built-in default city when omitted");
    run_cmd->add_option("-o,--output", run.output_path,
                        "Output file (HDF5); default <run.name>.h5");
    run_cmd->add_option("-r,--replicates", run.replicates, "Replicates (overrides run.replicates)")
        ->check(CLI::Range(1, 100000));
    run_cmd->add_option("--first-replicate", run.first_replicate,
                        "Index of the first replicate (runs K .. K+R-1)");
    run_cmd->add_option("-j,--threads", run.threads, "Worker threads (default: all cores)")
        ->check(CLI::Range(1, 4096));
    run_cmd->add_option("--seed", run.seed, "Master seed (overrides run.seed)")
        ->check(CLI::NonNegativeNumber);
    run_cmd->add_option("--months", run.months, "Reported months (overrides run.months)");
    run_cmd->add_option("--households", run.households,
                        "Simulated agents: the same city at another resolution (run.scale "
                        "becomes the scenario's real households / N unless --set run.scale "
                        "is given too)");
    run_cmd->add_option("--set", run.sets, "Override a scenario key: --set KEY=VALUE");
    run_cmd->add_flag("--check", run.check, "Verify the model's identities every month");
    run_cmd->add_flag("--quiet", run.quiet, "No progress and no summary table");
    run_cmd->add_flag("--keep-going", run.keep_going,
                      "Record a failed replicate and finish the others");
    run_cmd->add_flag("--resume", run.resume,
                      "Continue a killed run of the same command from its journal "
                      "(OUT.h5.partial): finished replicates are not recomputed");
    run_cmd->add_option("--cycle-threshold", run.cycle_thresholds,
                        "Narrow-cycle threshold of the study metrics, months (default 18 and 12)");

    SweepOptions sweep;
    sweep.command_line = run.command_line;
    CLI::App* sweep_cmd = add_sweep_command(app, sweep);
    CompareOptions compare;
    CLI::App* compare_cmd = add_compare_command(app, compare);
    CalibrateOptions calibrate;
    calibrate.command_line = run.command_line;
    CLI::App* calibrate_cmd = add_calibrate_command(app, calibrate);
    SensitivityOptions sensitivity;
    sensitivity.command_line = run.command_line;
    CLI::App* sensitivity_cmd = add_sensitivity_command(app, sensitivity);
    ReportOptions report;
    CLI::App* report_cmd = add_report_command(app, report);

    MergeOptions merge;
    merge.command_line = run.command_line;
    CLI::App* merge_cmd = app.add_subcommand(
        "merge",
        "Combine batches of one run's replicates (--first-replicate K -r R) into one file");
    merge_cmd->add_option("files", merge.inputs, "Batch files of housim run (HDF5)")->required();
    merge_cmd->add_option("-o,--output", merge.output_path, "Output file (HDF5)")->required();
    merge_cmd->add_flag("--quiet", merge.quiet, "No summary line");

    std::string validate_path;
    CLI::App* validate_cmd = app.add_subcommand(
        "validate", "Check a scenario, sweep, paired-comparison, calibration or sensitivity file");
    validate_cmd
        ->add_option("file", validate_path,
                     "Scenario, sweep, calibration or sensitivity file (TOML)")
        ->required();

    bool levers_all = false;
    bool levers_markdown = false;
    CLI::App* levers_cmd = app.add_subcommand(
        "levers", "List every policy lever: key, unit, default, range, seed clause");
    levers_cmd->add_flag("--all", levers_all, "Every scenario key, not only the levers");
    levers_cmd->add_flag("--markdown", levers_markdown, "As a Markdown table");

    bool metrics_markdown = false;
    CLI::App* metrics_cmd =
        app.add_subcommand("metrics", "List every output series: name, unit, definition");
    metrics_cmd->add_flag("--markdown", metrics_markdown, "As a Markdown table");

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? 0 : 2;
    }
    try {
        if (mpi_ranks() > 1 && !*run_cmd && !*sweep_cmd && !*calibrate_cmd && !*sensitivity_cmd) {
            throw InputError(
                {Diagnostic{"mpirun", 0, "",
                            fmt::format("{} runs as one process; only run, sweep, calibrate and "
                                        "sensitivity spread over MPI ranks",
                                        app.get_subcommands().front()->get_name())}});
        }
#ifdef HOUSIM_WITH_MPI
        use_ranks_for_evaluations();
#endif
        if (*run_cmd) return run_command(run);
        if (*sweep_cmd) return sweep_command(sweep);
        if (*compare_cmd) return compare_command(compare);
        if (*calibrate_cmd) return calibrate_command(calibrate);
        if (*sensitivity_cmd) return sensitivity_command(sensitivity);
        if (*report_cmd) return report_command(report);
        if (*merge_cmd) return merge_command(merge);
        if (*validate_cmd) return validate_command(validate_path);
        if (*levers_cmd) return levers_command(levers_all, levers_markdown);
        if (*metrics_cmd) return metrics_command(metrics_markdown);
    } catch (const InputError& e) {
        // Under MPI every rank reads the same input and finds the same error: rank 0 says it.
        if (mpi_rank() == 0) {
            for (const Diagnostic& d : e.diagnostics())
                fmt::print(stderr, "error: {}\n", d.str());
        }
        return 2;
    } catch (const Interrupted&) {
        fmt::print(stderr, "interrupted; no output written\n");
        return 130;
    } catch (const std::exception& e) {
        fmt::print(stderr, "error: {}{}\n",
                   mpi_ranks() > 1 ? fmt::format("rank {}: ", mpi_rank()) : "", e.what());
        return 1;
    }
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
#ifdef HOUSIM_WITH_MPI
    housim::mpi_start(&argc, &argv);
    const int code = run_main(argc, argv);
    // A rank that stops with an error while others wait for it would hang the job: end every
    // rank with its code.
    if (code != 0 && housim::mpi_ranks() > 1) {
        std::fflush(nullptr);
        housim::mpi_abort(code);
    }
    housim::mpi_finish();
    return code;
#else
    return run_main(argc, argv);
#endif
}
