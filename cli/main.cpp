// housim: agent-based housing-market simulation. Exit codes: 0 success; 1 runtime failure;
// 2 invalid input (usage, scenario, sweep); 130 interrupted.
#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <cstdio>
#include <exception>

#include "cli/commands.hpp"
#include "sim/errors.hpp"

namespace {

std::string join_args(int argc, char** argv) {
    std::string s;
    for (int i = 0; i < argc; ++i)
        s += (i ? " " : "") + std::string(argv[i]);
    return s;
}

}  // namespace

int main(int argc, char** argv) {
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
                        "Simulated households (overrides run.households)");
    run_cmd->add_option("--set", run.sets, "Override a scenario key: --set KEY=VALUE");
    run_cmd->add_flag("--check", run.check, "Verify the model's identities every month");
    run_cmd->add_flag("--quiet", run.quiet, "No progress and no summary table");
    run_cmd->add_flag("--keep-going", run.keep_going,
                      "Record a failed replicate and finish the others");

    std::string validate_path;
    CLI::App* validate_cmd = app.add_subcommand("validate", "Check a scenario file");
    validate_cmd->add_option("file", validate_path, "Scenario file (TOML)")->required();

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
        if (*run_cmd) return run_command(run);
        if (*validate_cmd) return validate_command(validate_path);
        if (*levers_cmd) return levers_command(levers_all, levers_markdown);
        if (*metrics_cmd) return metrics_command(metrics_markdown);
    } catch (const InputError& e) {
        for (const Diagnostic& d : e.diagnostics())
            fmt::print(stderr, "error: {}\n", d.str());
        return 2;
    } catch (const Interrupted&) {
        fmt::print(stderr, "interrupted; no output written\n");
        return 130;
    } catch (const std::exception& e) {
        fmt::print(stderr, "error: {}\n", e.what());
        return 1;
    }
    return 2;
}
