#include "output/h5_reader.hpp"

#include <algorithm>
#include <climits>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "output/h5_handles.hpp"
#include "output/h5_tables.hpp"
#include "sim/core/errors.hpp"

namespace housim {

static_assert(sizeof(hid_t) <= sizeof(long long), "H5Reader stores a hid_t in a long long");

namespace {

constexpr std::string_view kFormat = "housim/1";
constexpr int kSummaryColumns = 7;

[[noreturn]] void wrong_shape(const h5::Where& where, const std::string& what) {
    throw std::runtime_error("HDF5: dataset '" + std::string(where.object) + "' in " +
                             std::string(where.file) + " " + what);
}

// Reads a 2-D floating-point dataset whole, converting to native double, and its unit.
SeriesData read_matrix(const h5::Dataset& dataset, const h5::Where& where) {
    const h5::Datatype type(H5Dget_type(dataset.get()), "read", where);
    if (H5Tget_class(type.get()) != H5T_FLOAT) wrong_shape(where, "is not floating-point");
    const std::vector<hsize_t> dims = h5::dataset_dims(dataset.get(), where);
    if (dims.size() != 2) {
        wrong_shape(where, "has rank " + std::to_string(dims.size()) + ", expected 2");
    }
    if (dims[0] > INT_MAX || dims[1] > INT_MAX) wrong_shape(where, "is too large");
    SeriesData data;
    data.rows = static_cast<int>(dims[0]);
    data.cols = static_cast<int>(dims[1]);
    data.values.resize(dims[0] * dims[1]);
    if (!data.values.empty()) {
        h5::check(H5Dread(dataset.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT,
                          data.values.data()),
                  "read", where);
    }
    data.unit = h5::read_string_attribute(dataset.get(), "unit", where);
    return data;
}

}  // namespace

namespace {

[[noreturn]] void bad_file(const std::string& path, const std::string& what) {
    throw InputError({Diagnostic{path, 0, "", what}});
}

// An HDF5 file starts with its 8-byte signature at offset 0, or 512, 1024, 2048, ... after a
// user block (HDF5 File Format Specification, "Format Signature").
bool has_hdf5_signature(std::ifstream& in, uint64_t size) {
    static constexpr char kSignature[8] = {'\x89', 'H', 'D', 'F', '\r', '\n', '\x1a', '\n'};
    for (uint64_t at = 0; at + 8 <= size; at = at == 0 ? 512 : at * 2) {
        char head[8] = {};
        in.seekg(static_cast<std::streamoff>(at));
        if (!in.read(head, 8)) return false;
        if (std::equal(head, head + 8, kSignature)) return true;
    }
    return false;
}

// Refuses, naming the file and what is wrong, what cannot be a housim output at all.
void require_hdf5_file(const std::string& path) {
    namespace fs = std::filesystem;
    std::error_code error;
    const fs::file_status status = fs::status(path, error);
    if (error || !fs::exists(status)) bad_file(path, "no such file");
    if (fs::is_directory(status)) bad_file(path, "is a directory, not a housim output file");
    if (!fs::is_regular_file(status)) bad_file(path, "is not a regular file");
    const uint64_t size = fs::file_size(path, error);
    std::ifstream in(path, std::ios::binary);
    if (error || !in) bad_file(path, "cannot be read");
    if (size == 0) bad_file(path, "is empty, not an HDF5 file");
    if (!has_hdf5_signature(in, size)) {
        bad_file(path, "is not an HDF5 file (no HDF5 signature; housim writes HDF5 output)");
    }
}

}  // namespace

H5Reader::H5Reader(const std::string& path) : file_(H5I_INVALID_HID), path_(path) {
    h5::silence_error_printing();
    require_hdf5_file(path_);
    const hid_t id = H5Fopen(path_.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    if (id < 0) {
        try {
            h5::fail("open", {path_, ""});
        } catch (const std::runtime_error& e) {
            bad_file(path_, std::string("is an HDF5 file that cannot be opened (truncated or "
                                        "damaged?): ") +
                                e.what());
        }
    }
    h5::File file(id, "open", {path_, ""});
    // Refuse files of another layout rather than misread them.
    if (H5Aexists(file.get(), "format") <= 0) {
        bad_file(path_, "is an HDF5 file but not a housim output (no 'format' attribute)");
    }
    const std::string format = h5::read_string_attribute(file.get(), "format", {path_, "/"});
    if (format != kFormat) {
        bad_file(path_,
                 "is of layout '" + format + "'; this housim reads '" + std::string(kFormat) + "'");
    }
    file_ = static_cast<long long>(file.release());
}

H5Reader::~H5Reader() {
    if (file_ >= 0) H5Fclose(static_cast<hid_t>(file_));
}

std::vector<std::string> H5Reader::runs() const {
    h5::silence_error_printing();
    const h5::Where where{path_, "/runs"};
    const h5::Group group = h5::open_group(static_cast<hid_t>(file_), "/runs", where);
    return h5::link_names(group.get(), where);
}

std::vector<std::string> H5Reader::months() const {
    h5::silence_error_printing();
    const h5::Where where{path_, "/time/month"};
    const h5::Dataset dataset = h5::open_dataset(static_cast<hid_t>(file_), "/time/month", where);
    return h5::read_string_dataset(dataset.get(), where);
}

std::vector<std::string> H5Reader::metrics(const std::string& run) const {
    h5::silence_error_printing();
    const std::string path = "/runs/" + run + "/series";
    const h5::Where where{path_, path};
    const h5::Group group = h5::open_group(static_cast<hid_t>(file_), path, where);
    return h5::link_names(group.get(), where);
}

SeriesData H5Reader::series(const std::string& run, const std::string& metric) const {
    h5::silence_error_printing();
    const std::string path = "/runs/" + run + "/series/" + metric;
    const h5::Where where{path_, path};
    const h5::Dataset dataset = h5::open_dataset(static_cast<hid_t>(file_), path, where);
    SeriesData data = read_matrix(dataset, where);
    data.description = h5::read_string_attribute(dataset.get(), "description", where);
    return data;
}

std::vector<std::string> H5Reader::zone_names(const std::string& run) const {
    h5::silence_error_printing();
    const std::string path = "/runs/" + run + "/series_by_zone";
    const h5::Where where{path_, path};
    const auto file = static_cast<hid_t>(file_);
    if (H5Lexists(file, ("/runs/" + run).c_str(), H5P_DEFAULT) <= 0 ||
        H5Lexists(file, path.c_str(), H5P_DEFAULT) <= 0) {
        return {};
    }
    const h5::Group group = h5::open_group(file, path, where);
    return h5::read_string_list_attribute(group.get(), "zones", where);
}

SeriesData H5Reader::zone_series(const std::string& run, const std::string& metric,
                                 size_t zone) const {
    h5::silence_error_printing();
    const std::string path = "/runs/" + run + "/series_by_zone/" + metric;
    const h5::Where where{path_, path};
    const h5::Dataset dataset = h5::open_dataset(static_cast<hid_t>(file_), path, where);
    const h5::Datatype type(H5Dget_type(dataset.get()), "read", where);
    if (H5Tget_class(type.get()) != H5T_FLOAT) wrong_shape(where, "is not floating-point");
    const std::vector<hsize_t> dims = h5::dataset_dims(dataset.get(), where);
    if (dims.size() != 3) {
        wrong_shape(where, "has rank " + std::to_string(dims.size()) + ", expected 3");
    }
    if (dims[0] > INT_MAX || dims[1] > INT_MAX) wrong_shape(where, "is too large");
    if (zone >= dims[2]) {
        wrong_shape(where,
                    "has " + std::to_string(dims[2]) + " zones, no zone " + std::to_string(zone));
    }
    SeriesData data;
    data.rows = static_cast<int>(dims[0]);
    data.cols = static_cast<int>(dims[1]);
    data.values.resize(dims[0] * dims[1]);
    if (!data.values.empty()) {
        const hsize_t start[3] = {0, 0, zone};
        const hsize_t count[3] = {dims[0], dims[1], 1};
        const h5::Dataspace file_space(H5Dget_space(dataset.get()), "read", where);
        h5::check(
            H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start, nullptr, count, nullptr),
            "read", where);
        const h5::Dataspace memory(H5Screate_simple(3, count, nullptr), "read", where);
        h5::check(H5Dread(dataset.get(), H5T_NATIVE_DOUBLE, memory.get(), file_space.get(),
                          H5P_DEFAULT, data.values.data()),
                  "read", where);
    }
    data.unit = h5::read_string_attribute(dataset.get(), "unit", where);
    data.description = h5::read_string_attribute(dataset.get(), "description", where);
    return data;
}

SeriesData H5Reader::summary(const std::string& run, const std::string& metric) const {
    h5::silence_error_printing();
    const std::string path = "/runs/" + run + "/summary/" + metric;
    const h5::Where where{path_, path};
    const h5::Dataset dataset = h5::open_dataset(static_cast<hid_t>(file_), path, where);
    SeriesData data = read_matrix(dataset, where);
    if (data.cols != kSummaryColumns) {
        wrong_shape(where, "has " + std::to_string(data.cols) + " columns, expected " +
                               std::to_string(kSummaryColumns));
    }
    return data;
}

std::string H5Reader::run_attribute_string(const std::string& run, const std::string& name) const {
    h5::silence_error_printing();
    const std::string path = "/runs/" + run;
    const h5::Where where{path_, path};
    const h5::Group group = h5::open_group(static_cast<hid_t>(file_), path, where);
    return h5::read_string_attribute(group.get(), name, where);
}

int64_t H5Reader::run_attribute_int(const std::string& run, const std::string& name) const {
    h5::silence_error_printing();
    const std::string path = "/runs/" + run;
    const h5::Where where{path_, path};
    const h5::Group group = h5::open_group(static_cast<hid_t>(file_), path, where);
    return h5::read_int_attribute(group.get(), name, where);
}

std::vector<std::string> H5Reader::study_metrics(const std::string& run) const {
    h5::silence_error_printing();
    const std::string path = "/runs/" + run + "/study";
    const h5::Where where{path_, path};
    if (!h5::exists(static_cast<hid_t>(file_), path.substr(1), where)) return {};
    const h5::Group group = h5::open_group(static_cast<hid_t>(file_), path, where);
    return h5::link_names(group.get(), where);
}

SeriesData H5Reader::study(const std::string& run, const std::string& name) const {
    h5::silence_error_printing();
    const std::string path = "/runs/" + run + "/study/" + name;
    const h5::Where where{path_, path};
    const h5::Dataset dataset = h5::open_dataset(static_cast<hid_t>(file_), path, where);
    const std::vector<hsize_t> dims = h5::dataset_dims(dataset.get(), where);
    if (dims.size() != 1 || dims[0] > INT_MAX) wrong_shape(where, "is not a 1-D vector");
    SeriesData data;
    data.rows = static_cast<int>(dims[0]);
    data.cols = 1;
    data.values.resize(dims[0]);
    if (!data.values.empty()) {
        h5::check(H5Dread(dataset.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT,
                          data.values.data()),
                  "read", where);
    }
    data.unit = h5::read_string_attribute(dataset.get(), "unit", where);
    data.description = h5::read_string_attribute(dataset.get(), "description", where);
    return data;
}

std::optional<SweepTable> H5Reader::sweep() const {
    h5::silence_error_printing();
    return h5::read_sweep_table(static_cast<hid_t>(file_), path_);
}

std::optional<GroupData> H5Reader::group(const std::string& name,
                                         const std::vector<std::string>& attribute_names) const {
    h5::silence_error_printing();
    return h5::read_group_data(static_cast<hid_t>(file_), name, attribute_names, path_);
}

uint64_t H5Reader::root_attribute_uint(const std::string& name) const {
    h5::silence_error_printing();
    const h5::Where where{path_, "/"};
    const std::string action = "read attribute '" + name + "' of";
    const h5::Attribute attr(H5Aopen(static_cast<hid_t>(file_), name.c_str(), H5P_DEFAULT), action,
                             where);
    uint64_t value = 0;
    h5::check(H5Aread(attr.get(), H5T_NATIVE_UINT64, &value), action, where);
    return value;
}

std::string H5Reader::root_attribute_string(const std::string& name) const {
    h5::silence_error_printing();
    return h5::read_string_attribute(static_cast<hid_t>(file_), name, {path_, "/"});
}

}  // namespace housim
