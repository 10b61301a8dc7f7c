// Internals of the sweep loader shared by sweep.cpp (reading the file) and sweep_cells.cpp
// (building and checking the cells), and toml_value_text by sim/calibrate (the file's `set`
// is read as a sweep's is). Not for use elsewhere.
#pragma once

#include <toml++/toml.h>
#include <string>
#include <vector>

#include "sim/core/errors.hpp"
#include "sim/scenario/scenario_load.hpp"

namespace housim::sweep_detail {

// An override with the sweep file line its value is on, so a scenario error about the key
// can point at the value that caused it.
struct Located {
    Override o;
    int line = 0;
};

struct DraftAxis {
    std::string key;
    int line = 0;
    std::vector<Located> values;
};

struct DraftCell {
    std::string name;  // empty: generated
    int line = 0;
    std::vector<Located> sets;
};

// The sweep file's content, checked for shape but not yet against the scenario schema.
struct SweepDraft {
    std::string text;
    std::string name;
    std::string base;  // resolved path; empty: the built-in default city
    int base_line = 0;
    std::string base_text;
    std::vector<Located> common;  // [set] and `replicates`, in file order
    std::vector<DraftAxis> axes;
    std::vector<DraftCell> cells;   // explicit [[cell]] entries
    size_t grid_cells = 0;          // product of the axes' sizes (0 without axes)
    std::vector<Diagnostic> diags;  // problems with the file's own keys (entries skipped)
};

// Reads the file's own keys, collecting their problems in diags (load_sweep reports them
// with the scenario problems, all at once). Throws InputError only when the sweep file or
// its base cannot be read or parsed.
SweepDraft read_sweep_file(const std::string& path, const std::vector<Override>& command_line);

// A TOML value as TOML text that reads back to the same value (floats exactly).
std::string toml_value_text(const toml::node& n);

// A run group name: letters, digits, '_', '-', '.', not starting with '.'.
bool valid_run_name(const std::string& name);

}  // namespace housim::sweep_detail
