// A sweep: one base scenario and a list of cells, each the base with a few keys changed.
// The cells are the explicit [[cell]] entries (for designs that are not a grid), then the
// cartesian product of the [[axis]] entries (docs/studies.md gives the file format).
//
// Every cell's scenario is built through load_scenario_text with the cell's values as
// overrides, so an axis value passes exactly the checks a scenario file or --set would, and
// every problem is found before anything runs.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/scenario/scenario.hpp"
#include "sim/scenario/scenario_load.hpp"

namespace housim {

struct SweepCell {
    std::string name;                 // run group: "cell_000", ... or the [[cell]]'s name
    std::vector<Override> sets;       // this cell's own keys and values (TOML text)
    std::vector<double> axis_values;  // one per Sweep::axis_keys, from the cell's scenario
    uint32_t replicates = 0;          // the cell scenario's run.replicates
    int simulated_months = 0;         // its burn_in_months + months, for progress
    int households = 0;               // its run.households, for progress
};

struct Sweep {
    std::string path;       // the sweep file
    std::string name;       // `name`, or the sweep file's stem
    std::string text;       // the sweep file as written, kept in the output for provenance
    std::string base_path;  // resolved against the sweep file's folder; empty: built-in city
    std::string base_text;  // the base scenario's text, read once
    // Applied to every cell, in order: the [set] table, `replicates`, the command line's --set.
    std::vector<Override> common;
    // [[axis]] keys in file order, then keys that only [[cell]] entries set.
    std::vector<std::string> axis_keys;
    std::vector<SweepCell> cells;
};

// Reads a sweep file, builds and validates every cell's scenario, and checks that all cells
// report the same months (they share the output's time axis). Throws InputError carrying
// every problem found, each located in the sweep file (line and key) where it can be.
Sweep load_sweep(const std::string& path, const std::vector<Override>& command_line_sets);

// Builds one cell's scenario. Pure, thread-safe, and for a sweep that load_sweep returned it
// cannot fail; used to rebuild a cell's scenario when its replicates run rather than keep
// thousands of scenarios in memory.
Scenario cell_scenario(const Sweep& sweep, size_t cell);

// A key's value in a scenario as a number, for the output's per-cell axis attributes:
// numbers as they are, booleans 0/1, a choice its index in the key's list of choices,
// a month year + (month - 1) / 12; NaN for text and lists.
double scenario_value_number(const Scenario& s, const std::string& key);

}  // namespace housim
