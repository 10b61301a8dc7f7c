// The /sweep group of a sweep's output: its name, its file text, and the table of cells
// (/sweep/cells, a compound dataset: cell_index int64, run string, one float64 per axis).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace housim {

struct SweepTable {
    std::string name;
    std::string sweep_toml;              // the sweep file as written
    std::vector<std::string> axis_keys;  // one float64 column each, in this order
    struct Row {
        int64_t cell_index = 0;
        std::string run;                  // group name under /runs
        std::vector<double> axis_values;  // one per axis key
    };
    std::vector<Row> rows;
};

}  // namespace housim
