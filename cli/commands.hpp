// The subcommands of `housim`. Each returns the process exit code; input errors are thrown
// as InputError and mapped to 2 by main().
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/scenario_load.hpp"

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
    bool check = false;
    bool quiet = false;
    bool keep_going = false;
    std::string command_line;
};

int run_command(const RunOptions& o);
int validate_command(const std::string& path);
int levers_command(bool all, bool markdown);
int metrics_command(bool markdown);

}  // namespace housim
