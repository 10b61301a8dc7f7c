#include "output/h5_handles.hpp"

#include <algorithm>
#include <memory>
#include <stdexcept>

namespace housim::h5 {

namespace {

// H5Ewalk2 callback: keeps the first entry of an upward walk, the innermost one, which says
// what actually went wrong (e.g. "errno = 2, No such file or directory") where the outer
// entries only say which API call failed.
herr_t keep_innermost(unsigned n, const H5E_error2_t* error, void* reason) {
    if (n != 0 || error->desc == nullptr) return 0;
    try {
        *static_cast<std::string*>(reason) = error->desc;
    } catch (...) {
        return -1;  // no exception may cross the C library
    }
    return 0;
}

// Fixed-length strings end at the first NUL; space-padded ones also lose their padding.
std::string trim_fixed(const char* text, size_t size, H5T_str_t pad) {
    std::string out(text, std::find(text, text + size, '\0'));
    if (pad == H5T_STR_SPACEPAD) out.erase(out.find_last_not_of(' ') + 1);
    return out;
}

// A variable-length string type that reads `file_type`'s strings without charset conversion
// (HDF5 does not convert between ASCII and UTF-8).
Datatype variable_string_like(hid_t file_type, const Where& where) {
    Datatype type(H5Tcopy(H5T_C_S1), "make a string type for", where);
    check(H5Tset_size(type.get(), H5T_VARIABLE), "make a string type for", where);
    check(H5Tset_cset(type.get(), H5Tget_cset(file_type)), "make a string type for", where);
    return type;
}

struct FreeH5Memory {
    void operator()(char* p) const noexcept { H5free_memory(p); }
};

void require_string(hid_t type, std::string_view what, const Where& where) {
    if (H5Tget_class(type) != H5T_STRING) {
        throw std::runtime_error("HDF5: " + std::string(what) + " '" + std::string(where.object) +
                                 "' in " + std::string(where.file) + " is not a string");
    }
}

void write_scalar(hid_t obj, const std::string& name, hid_t file_type, hid_t mem_type,
                  const void* value, const Where& where) {
    const std::string action = "write attribute '" + name + "' of";
    const Dataspace space(H5Screate(H5S_SCALAR), action, where);
    Attribute attr(H5Acreate2(obj, name.c_str(), file_type, space.get(), H5P_DEFAULT, H5P_DEFAULT),
                   action, where);
    check(H5Awrite(attr.get(), mem_type, value), action, where);
    attr.close(where);
}

}  // namespace

namespace {
// After a failed write (a full disk), HDF5 1.10 keeps the file's dirty metadata and tries to
// flush it again when the library shuts down at exit, where it crashes (SIGSEGV in
// H5F__close_cb, called from H5_term_library). Every file housim writes is closed
// explicitly (committed or abandoned, output/h5_writer.hpp), so the shutdown has nothing
// to do: it is skipped. H5dont_atexit must come before any other HDF5 call, hence a static
// initialiser of the library's only user.
[[maybe_unused]] const herr_t kNoShutdownAtExit = H5dont_atexit();
}  // namespace

void fail(std::string_view action, const Where& where) {
    std::string reason;
    H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, keep_innermost, &reason);
    // The sec2 driver reports a full disk as "errno = 28, error message = 'No space left on
    // device'" deep in its message; say it first, plainly.
    std::string message =
        reason.find("errno = 28") != std::string::npos ? "no space left on device: " : "";
    message += "HDF5: cannot ";
    message += action;
    if (!where.object.empty()) {
        message += " '";
        message += where.object;
        message += "' in";
    }
    message += ' ';
    message += where.file;
    if (!reason.empty()) message += ": " + reason;
    throw std::runtime_error(message);
}

void silence_error_printing() {
    thread_local bool silenced = false;
    if (silenced) return;
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    silenced = true;
}

Group create_group(hid_t parent, const std::string& name, const Where& where) {
    return Group(H5Gcreate2(parent, name.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                 "create group", where);
}

Group open_group(hid_t parent, const std::string& path, const Where& where) {
    return Group(H5Gopen2(parent, path.c_str(), H5P_DEFAULT), "open group", where);
}

Dataset open_dataset(hid_t parent, const std::string& path, const Where& where) {
    return Dataset(H5Dopen2(parent, path.c_str(), H5P_DEFAULT), "open dataset", where);
}

Datatype string_type(size_t size, const Where& where) {
    Datatype type(H5Tcopy(H5T_C_S1), "make a string type for", where);
    const H5T_str_t pad = size == H5T_VARIABLE ? H5T_STR_NULLTERM : H5T_STR_NULLPAD;
    check(H5Tset_size(type.get(), size), "make a string type for", where);
    check(H5Tset_strpad(type.get(), pad), "make a string type for", where);
    check(H5Tset_cset(type.get(), H5T_CSET_UTF8), "make a string type for", where);
    return type;
}

void write_attribute(hid_t obj, const std::string& name, std::string_view value,
                     const Where& where) {
    const Datatype type = string_type(H5T_VARIABLE, where);
    const std::string text(value);  // HDF5 wants a NUL-terminated copy
    const char* pointer = text.c_str();
    write_scalar(obj, name, type.get(), type.get(), &pointer, where);
}

void write_attribute(hid_t obj, const std::string& name, double value, const Where& where) {
    write_scalar(obj, name, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, &value, where);
}

void write_attribute(hid_t obj, const std::string& name, int64_t value, const Where& where) {
    write_scalar(obj, name, H5T_STD_I64LE, H5T_NATIVE_INT64, &value, where);
}

void write_attribute(hid_t obj, const std::string& name, uint32_t value, const Where& where) {
    write_scalar(obj, name, H5T_STD_U32LE, H5T_NATIVE_UINT32, &value, where);
}

void write_attribute(hid_t obj, const std::string& name, uint64_t value, const Where& where) {
    write_scalar(obj, name, H5T_STD_U64LE, H5T_NATIVE_UINT64, &value, where);
}

void write_string_list_attribute(hid_t obj, const std::string& name,
                                 const std::vector<std::string>& values, const Where& where) {
    const std::string action = "write attribute '" + name + "' of";
    const Datatype type = string_type(H5T_VARIABLE, where);
    const hsize_t dims[1] = {values.size()};
    const Dataspace space(H5Screate_simple(1, dims, nullptr), action, where);
    std::vector<const char*> pointers;
    for (const std::string& v : values)
        pointers.push_back(v.c_str());
    Attribute attr(H5Acreate2(obj, name.c_str(), type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT),
                   action, where);
    check(H5Awrite(attr.get(), type.get(), pointers.data()), action, where);
    attr.close(where);
}

std::vector<std::string> read_string_list_attribute(hid_t obj, const std::string& name,
                                                    const Where& where) {
    const std::string action = "read attribute '" + name + "' of";
    const Attribute attr(H5Aopen(obj, name.c_str(), H5P_DEFAULT), action, where);
    const Datatype type(H5Aget_type(attr.get()), action, where);
    require_string(type.get(), "attribute '" + name + "' of", where);
    if (check(H5Tis_variable_str(type.get()), action, where) <= 0) fail(action, where);
    const Dataspace space(H5Aget_space(attr.get()), action, where);
    const auto n =
        static_cast<size_t>(check(H5Sget_simple_extent_npoints(space.get()), action, where));
    const Datatype memory = variable_string_like(type.get(), where);
    std::vector<char*> texts(n, nullptr);
    check(H5Aread(attr.get(), memory.get(), static_cast<void*>(texts.data())), action, where);
    std::vector<std::string> out;
    for (char* text : texts) {
        const std::unique_ptr<char, FreeH5Memory> owned(text);
        out.emplace_back(text == nullptr ? "" : text);
    }
    return out;
}

std::string read_string_attribute(hid_t obj, const std::string& name, const Where& where) {
    const std::string action = "read attribute '" + name + "' of";
    const Attribute attr(H5Aopen(obj, name.c_str(), H5P_DEFAULT), action, where);
    const Datatype type(H5Aget_type(attr.get()), action, where);
    require_string(type.get(), "attribute '" + name + "' of", where);
    const Dataspace space(H5Aget_space(attr.get()), action, where);
    if (check(H5Sget_simple_extent_npoints(space.get()), action, where) != 1) {
        throw std::runtime_error("HDF5: attribute '" + name + "' of '" + std::string(where.object) +
                                 "' in " + std::string(where.file) + " is not a single string");
    }
    if (check(H5Tis_variable_str(type.get()), action, where) > 0) {
        const Datatype memory = variable_string_like(type.get(), where);
        char* text = nullptr;
        check(H5Aread(attr.get(), memory.get(), static_cast<void*>(&text)), action, where);
        const std::unique_ptr<char, FreeH5Memory> owned(text);
        return text == nullptr ? std::string() : std::string(text);
    }
    const size_t size = H5Tget_size(type.get());
    if (size == 0) fail(action, where);
    std::vector<char> buffer(size);
    check(H5Aread(attr.get(), type.get(), buffer.data()), action, where);
    return trim_fixed(buffer.data(), size, H5Tget_strpad(type.get()));
}

std::vector<std::string> read_string_dataset(hid_t dataset, const Where& where) {
    const std::vector<hsize_t> dims = dataset_dims(dataset, where);
    if (dims.size() != 1) {
        throw std::runtime_error("HDF5: dataset '" + std::string(where.object) + "' in " +
                                 std::string(where.file) + " is not 1-D");
    }
    const Datatype type(H5Dget_type(dataset), "read", where);
    require_string(type.get(), "dataset", where);
    const size_t n = dims[0];
    std::vector<std::string> out;
    out.reserve(n);
    if (n == 0) return out;
    if (check(H5Tis_variable_str(type.get()), "read", where) > 0) {
        const Datatype memory = variable_string_like(type.get(), where);
        std::vector<char*> texts(n, nullptr);
        std::vector<std::unique_ptr<char, FreeH5Memory>> owned;
        owned.reserve(n);  // so taking ownership after the read cannot fail and leak
        check(H5Dread(dataset, memory.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, texts.data()), "read",
              where);
        for (char* text : texts)
            owned.emplace_back(text);
        for (const char* text : texts)
            out.emplace_back(text == nullptr ? "" : text);
        return out;
    }
    const size_t size = H5Tget_size(type.get());
    if (size == 0) fail("read", where);
    std::vector<char> buffer(n * size);
    check(H5Dread(dataset, type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer.data()), "read",
          where);
    const H5T_str_t pad = H5Tget_strpad(type.get());
    for (size_t i = 0; i < n; ++i)
        out.push_back(trim_fixed(buffer.data() + i * size, size, pad));
    return out;
}

std::vector<hsize_t> dataset_dims(hid_t dataset, const Where& where) {
    const Dataspace space(H5Dget_space(dataset), "get the shape of", where);
    const int rank = check(H5Sget_simple_extent_ndims(space.get()), "get the shape of", where);
    std::vector<hsize_t> dims(static_cast<size_t>(rank));
    check(H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr), "get the shape of", where);
    return dims;
}

// H5Gget_info and H5Lget_name_by_idx rather than H5Literate, whose callback type changed
// between HDF5 1.10 and 1.12.
std::vector<std::string> link_names(hid_t group, const Where& where) {
    H5G_info_t info{};
    check(H5Gget_info(group, &info), "list", where);
    std::vector<std::string> names;
    names.reserve(info.nlinks);
    for (hsize_t i = 0; i < info.nlinks; ++i) {
        const ssize_t length = check(
            H5Lget_name_by_idx(group, ".", H5_INDEX_NAME, H5_ITER_INC, i, nullptr, 0, H5P_DEFAULT),
            "list", where);
        std::vector<char> name(static_cast<size_t>(length) + 1);
        check(H5Lget_name_by_idx(group, ".", H5_INDEX_NAME, H5_ITER_INC, i, name.data(),
                                 name.size(), H5P_DEFAULT),
              "list", where);
        names.emplace_back(name.data());
    }
    std::sort(names.begin(), names.end());
    return names;
}

}  // namespace housim::h5
