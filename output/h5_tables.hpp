// Compound-table and small dataset helpers of the writer and reader. Private to output/.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "output/group_data.hpp"
#include "output/h5_handles.hpp"
#include "output/sweep_table.hpp"

namespace housim::h5 {

// Writes a 1-D float64 dataset `name` under `parent` with unit and description attributes.
void write_vector(hid_t parent, const std::string& name, const std::vector<double>& values,
                  std::string_view unit, std::string_view description, const Where& where);

// Writes /sweep (attributes name, sweep_toml) and /sweep/cells.
void write_sweep_table(hid_t file, const SweepTable& table, std::string_view file_name);

// Reads /sweep back; nullopt when the file has no /sweep group (a plain `housim run`).
std::optional<SweepTable> read_sweep_table(hid_t file, std::string_view file_name);

// Writes /<g.name> with its arrays (float64), string lists (fixed-length UTF-8) and string
// attributes.
void write_group_data(hid_t file, const GroupData& g, std::string_view file_name);

// Reads /<name> back: every dataset (float arrays and string lists) and the named string
// attributes that exist; nullopt when there is no such group.
std::optional<GroupData> read_group_data(hid_t file, const std::string& name,
                                         const std::vector<std::string>& attribute_names,
                                         std::string_view file_name);

// Whether a link exists at `path` (relative to `parent`), checking each part in turn.
bool exists(hid_t parent, const std::string& path, const Where& where);

// Reads a scalar numeric attribute converted to double / int64.
double read_double_attribute(hid_t obj, const std::string& name, const Where& where);
int64_t read_int_attribute(hid_t obj, const std::string& name, const Where& where);

}  // namespace housim::h5
