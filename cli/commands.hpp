// The subcommands of `housim`. Each returns the process exit code; input errors are thrown
// as InputError and mapped to 2 by main().
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/scenario/scenario_load.hpp"

namespace housim {

struct RunOptions {
    std::string scenario_path;  // empty: the built-in default city
    std::string output_path;    // empty: "<run.name>.h5"
    int replicates = -1;        // -1: the scenario's
    uint32_t first_replicate = 0;
    int threads = 0;
    int64_t seed = -1;
    int months = -1;
    int households = -1;
    std::vector<std::string> sets;
    std::vector<double> cycle_thresholds;  // empty: 18 and 12
    bool check = false;
    bool quiet = false;
    bool keep_going = false;
    bool resume = false;  // continue a killed run from its journal (OUT.h5.partial)
    std::string command_line;
};

struct SweepOptions {
    std::string sweep_path;
    std::string output_path;  // empty: "<sweep name>.h5"
    int threads = 0;
    std::vector<std::string> sets;
    std::vector<double> cycle_thresholds;
    bool check = false;
    bool quiet = false;
    bool keep_going = false;
    bool dry_run = false;  // validate and list the cells, run nothing
    bool resume = false;   // continue a killed sweep from its journal
    std::string command_line;
};

struct CompareOptions {
    std::string file;
    std::string baseline;  // empty: the run with the smallest cell_index
    std::vector<std::string> metrics;
    std::string at;      // "YYYY-MM"
    std::string window;  // "YYYY-MM:YYYY-MM"
    std::string zone;    // a district's series instead of the city's
    bool csv = false;
};

struct ReportOptions {
    std::string file;
    std::string output_path;  // empty: the input's name with .html
    std::string baseline;
    std::string heatmap_metric;
    std::string zone;  // a district's series in the overlays and fans
};

struct CalibrateOptions {
    std::string calib_path;
    std::string output_path;   // empty: "<file stem>_fit.h5"
    std::string scenario_out;  // --write-scenario; empty: none
    int threads = 0;
    std::vector<std::string> sets;
    bool quiet = false;
    std::string command_line;
};

struct SensitivityOptions {
    std::string sens_path;
    std::string output_path;  // empty: "<file stem>_sens.h5"
    int threads = 0;
    std::vector<std::string> sets;
    bool quiet = false;
    std::string command_line;
};

struct MergeOptions {
    std::vector<std::string> inputs;  // batch files of `housim run`
    std::string output_path;
    bool quiet = false;
    std::string command_line;
};

int run_command(const RunOptions& o);
int calibrate_command(const CalibrateOptions& o);
int sensitivity_command(const SensitivityOptions& o);
int sweep_command(const SweepOptions& o);
int compare_command(const CompareOptions& o);
int report_command(const ReportOptions& o);
int merge_command(const MergeOptions& o);
int validate_command(const std::string& path);
int levers_command(bool all, bool markdown);
int metrics_command(bool markdown);

}  // namespace housim
