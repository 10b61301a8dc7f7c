// Storage choices for /sweep/cells: one compound record per cell, packed, little-endian;
// the run name a fixed-length UTF-8 string as wide as the longest name rounded up to 8 bytes
// (numpy "S<n>" for h5py, and 8-byte alignment of the float columns in memory).
#include <cstring>
#include <limits>
#include <memory>

#include "output/h5_tables.hpp"

namespace housim::h5 {

namespace {

constexpr const char* kIndexField = "cell_index";
constexpr const char* kRunField = "run";

size_t run_width(const SweepTable& t) {
    size_t width = 8;
    for (const auto& row : t.rows)
        width = std::max(width, row.run.size());
    return (width + 7) / 8 * 8;
}

// The record layout: cell_index at 0, run at 8, axis column j at 8 + width + 8 j. With
// `file_types` the numbers are the portable little-endian types, else native ones.
Datatype record_type(const SweepTable& t, size_t width, bool file_types, const Where& where) {
    const size_t size = 8 + width + 8 * t.axis_keys.size();
    Datatype type(H5Tcreate(H5T_COMPOUND, size), "make the record type of", where);
    const Datatype text = string_type(width, where);
    check(H5Tinsert(type.get(), kIndexField, 0, file_types ? H5T_STD_I64LE : H5T_NATIVE_INT64),
          "make the record type of", where);
    check(H5Tinsert(type.get(), kRunField, 8, text.get()), "make the record type of", where);
    for (size_t j = 0; j < t.axis_keys.size(); ++j) {
        check(H5Tinsert(type.get(), t.axis_keys[j].c_str(), 8 + width + 8 * j,
                        file_types ? H5T_IEEE_F64LE : H5T_NATIVE_DOUBLE),
              "make the record type of", where);
    }
    return type;
}

struct FreeH5 {
    void operator()(char* p) const noexcept { H5free_memory(p); }
};

// Reads one column of a compound dataset by member name, converted to `memory_type`.
void read_member(hid_t dataset, const char* name, hid_t memory_type, size_t size, void* out,
                 const Where& where) {
    const Datatype type(H5Tcreate(H5T_COMPOUND, size), "read", where);
    check(H5Tinsert(type.get(), name, 0, memory_type), "read", where);
    check(H5Dread(dataset, type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, out), "read", where);
}

}  // namespace

void write_vector(hid_t parent, const std::string& name, const std::vector<double>& values,
                  std::string_view unit, std::string_view description, const Where& where) {
    const hsize_t dims[1] = {values.size()};
    const Dataspace space(H5Screate_simple(1, dims, nullptr), "create", where);
    Dataset dataset(H5Dcreate2(parent, name.c_str(), H5T_IEEE_F64LE, space.get(), H5P_DEFAULT,
                               H5P_DEFAULT, H5P_DEFAULT),
                    "create", where);
    if (!values.empty()) {
        check(H5Dwrite(dataset.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT,
                       values.data()),
              "write", where);
    }
    write_attribute(dataset.get(), "unit", unit, where);
    write_attribute(dataset.get(), "description", description, where);
    dataset.close(where);
}

void write_sweep_table(hid_t file, const SweepTable& t, std::string_view file_name) {
    const Where at_group{file_name, "/sweep"};
    Group group = create_group(file, "sweep", at_group);
    write_attribute(group.get(), "name", std::string_view(t.name), at_group);
    write_attribute(group.get(), "sweep_toml", std::string_view(t.sweep_toml), at_group);

    const Where where{file_name, "/sweep/cells"};
    const size_t width = run_width(t);
    const Datatype file_type = record_type(t, width, true, where);
    const Datatype memory_type = record_type(t, width, false, where);
    const size_t size = H5Tget_size(memory_type.get());
    std::vector<unsigned char> buffer(size * t.rows.size(), 0);
    for (size_t i = 0; i < t.rows.size(); ++i) {
        unsigned char* record = buffer.data() + i * size;
        std::memcpy(record, &t.rows[i].cell_index, 8);
        t.rows[i].run.copy(reinterpret_cast<char*>(record + 8), width);
        for (size_t j = 0; j < t.axis_keys.size(); ++j)
            std::memcpy(record + 8 + width + 8 * j, &t.rows[i].axis_values.at(j), 8);
    }
    const hsize_t dims[1] = {t.rows.size()};
    const Dataspace space(H5Screate_simple(1, dims, nullptr), "create", where);
    Dataset cells(H5Dcreate2(group.get(), "cells", file_type.get(), space.get(), H5P_DEFAULT,
                             H5P_DEFAULT, H5P_DEFAULT),
                  "create", where);
    if (!t.rows.empty()) {
        check(
            H5Dwrite(cells.get(), memory_type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer.data()),
            "write", where);
    }
    cells.close(where);
    group.close(at_group);
}

std::optional<SweepTable> read_sweep_table(hid_t file, std::string_view file_name) {
    const Where at_group{file_name, "/sweep"};
    if (!exists(file, "sweep", at_group)) return std::nullopt;
    const Group group = open_group(file, "/sweep", at_group);
    SweepTable t;
    t.name = read_string_attribute(group.get(), "name", at_group);
    t.sweep_toml = read_string_attribute(group.get(), "sweep_toml", at_group);

    const Where where{file_name, "/sweep/cells"};
    const Dataset cells = open_dataset(file, "/sweep/cells", where);
    const Datatype type(H5Dget_type(cells.get()), "read", where);
    const int members = check(H5Tget_nmembers(type.get()), "read", where);
    const size_t n = dataset_dims(cells.get(), where).at(0);
    t.rows.resize(n);
    std::vector<int64_t> index(n);
    read_member(cells.get(), kIndexField, H5T_NATIVE_INT64, 8, index.data(), where);
    const Datatype run_type(H5Tget_member_type(type.get(), 1), "read", where);
    const size_t width = H5Tget_size(run_type.get());
    if (H5Tis_variable_str(run_type.get()) != 0 || width == 0) fail("read run names of", where);
    std::vector<char> names(n * width);
    read_member(cells.get(), kRunField, run_type.get(), width, names.data(), where);
    for (size_t i = 0; i < n; ++i) {
        t.rows[i].cell_index = index[i];
        const char* name = names.data() + i * width;
        t.rows[i].run.assign(name, strnlen(name, width));
    }
    for (int m = 2; m < members; ++m) {
        const std::unique_ptr<char, FreeH5> key(H5Tget_member_name(type.get(), m));
        if (!key) fail("read column names of", where);
        t.axis_keys.emplace_back(key.get());
        std::vector<double> column(n);
        read_member(cells.get(), key.get(), H5T_NATIVE_DOUBLE, 8, column.data(), where);
        for (size_t i = 0; i < n; ++i)
            t.rows[i].axis_values.push_back(column[i]);
    }
    return t;
}

bool exists(hid_t parent, const std::string& path, const Where& where) {
    size_t end = 0;
    while (end != std::string::npos) {
        end = path.find('/', end + 1);
        const std::string part = path.substr(0, end);
        if (check(H5Lexists(parent, part.c_str(), H5P_DEFAULT), "look up", where) <= 0) {
            return false;
        }
    }
    return true;
}

double read_double_attribute(hid_t obj, const std::string& name, const Where& where) {
    const std::string action = "read attribute '" + name + "' of";
    const Attribute attr(H5Aopen(obj, name.c_str(), H5P_DEFAULT), action, where);
    double value = std::numeric_limits<double>::quiet_NaN();
    check(H5Aread(attr.get(), H5T_NATIVE_DOUBLE, &value), action, where);
    return value;
}

int64_t read_int_attribute(hid_t obj, const std::string& name, const Where& where) {
    const std::string action = "read attribute '" + name + "' of";
    const Attribute attr(H5Aopen(obj, name.c_str(), H5P_DEFAULT), action, where);
    int64_t value = 0;
    check(H5Aread(attr.get(), H5T_NATIVE_INT64, &value), action, where);
    return value;
}

void write_group_data(hid_t file, const GroupData& g, std::string_view file_name) {
    const std::string group_path = "/" + g.name;
    const Where at_group{file_name, group_path};
    Group group = create_group(file, g.name, at_group);
    for (const auto& [k, v] : g.attributes)
        write_attribute(group.get(), k, std::string_view(v), at_group);
    for (const ArrayData& a : g.arrays) {
        const std::string object = group_path + "/" + a.name;
        const Where where{file_name, object};
        std::vector<hsize_t> dims(a.dims.begin(), a.dims.end());
        const Dataspace space(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr),
                              "create", where);
        Dataset dataset(H5Dcreate2(group.get(), a.name.c_str(), H5T_IEEE_F64LE, space.get(),
                                   H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                        "create", where);
        if (!a.values.empty()) {
            check(H5Dwrite(dataset.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT,
                           a.values.data()),
                  "write", where);
        }
        write_attribute(dataset.get(), "unit", std::string_view(a.unit), where);
        write_attribute(dataset.get(), "description", std::string_view(a.description), where);
        dataset.close(where);
    }
    for (const StringsData& sd : g.strings) {
        const std::string object = group_path + "/" + sd.name;
        const Where where{file_name, object};
        size_t width = 1;  // a fixed-length string type cannot be zero bytes wide
        for (const std::string& v : sd.values)
            width = std::max(width, v.size());
        std::string packed(width * sd.values.size(), '\0');
        for (size_t i = 0; i < sd.values.size(); ++i)
            sd.values[i].copy(packed.data() + i * width, width);
        const Datatype type = string_type(width, where);
        const hsize_t dims[1] = {sd.values.size()};
        const Dataspace space(H5Screate_simple(1, dims, nullptr), "create", where);
        Dataset dataset(H5Dcreate2(group.get(), sd.name.c_str(), type.get(), space.get(),
                                   H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                        "create", where);
        if (!sd.values.empty()) {
            check(H5Dwrite(dataset.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, packed.data()),
                  "write", where);
        }
        write_attribute(dataset.get(), "description", std::string_view(sd.description), where);
        dataset.close(where);
    }
    group.close(at_group);
}

std::optional<GroupData> read_group_data(hid_t file, const std::string& name,
                                         const std::vector<std::string>& attribute_names,
                                         std::string_view file_name) {
    const std::string group_path = "/" + name;
    const Where at_group{file_name, group_path};
    if (!exists(file, name, at_group)) return std::nullopt;
    const Group group = open_group(file, group_path, at_group);
    GroupData g;
    g.name = name;
    for (const std::string& a : attribute_names) {
        if (H5Aexists(group.get(), a.c_str()) > 0)
            g.attributes.emplace_back(a, read_string_attribute(group.get(), a, at_group));
    }
    for (const std::string& link : link_names(group.get(), at_group)) {
        const std::string object = group_path + "/" + link;
        const Where where{file_name, object};
        const Dataset dataset = open_dataset(group.get(), link, where);
        const Datatype type(H5Dget_type(dataset.get()), "read the type of", where);
        if (H5Tget_class(type.get()) == H5T_STRING) {
            g.strings.push_back(StringsData{link, read_string_dataset(dataset.get(), where), ""});
            continue;
        }
        ArrayData a;
        a.name = link;
        size_t n = 1;
        for (const hsize_t d : dataset_dims(dataset.get(), where)) {
            a.dims.push_back(d);
            n *= d;
        }
        a.values.resize(n);
        if (n > 0) {
            check(H5Dread(dataset.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT,
                          a.values.data()),
                  "read", where);
        }
        if (H5Aexists(dataset.get(), "unit") > 0)
            a.unit = read_string_attribute(dataset.get(), "unit", where);
        g.arrays.push_back(std::move(a));
    }
    return g;
}

}  // namespace housim::h5
