// RAII ownership of HDF5 identifiers and the checked calls the writer and reader share.
// Every identifier is owned by exactly one Handle, so an exception anywhere closes what was
// opened; every failed call becomes a std::runtime_error naming the file and the object.
// Private to output/: nothing outside this folder includes hdf5.h.
#pragma once

#include <hdf5.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace housim::h5 {

// The object an HDF5 call acts on, named in error messages. It borrows its strings: keep
// them alive as long as the Where (never build one from a temporary std::string).
struct Where {
    std::string_view file;
    std::string_view object;
};

// Throws std::runtime_error "HDF5: cannot <action> '<object>' in <file>: <HDF5's reason>".
// Must run right after the failed call: the next HDF5 call clears the error stack it reads.
[[noreturn]] void fail(std::string_view action, const Where& where);

// For herr_t, htri_t, ssize_t and hssize_t results, which signal failure by being negative.
template <class Int>
Int check(Int rc, std::string_view action, const Where& where) {
    if (rc < 0) fail(action, where);
    return rc;
}

// Stops HDF5 printing its own error stacks to stderr; our exceptions carry the reason.
// The setting is per thread in a thread-safe HDF5 build (Debian's is), and the writer is
// driven from a writer thread, so every entry point calls this; it is cheap after the first.
void silence_error_printing();

template <herr_t (*Close)(hid_t)>
class Handle {
  public:
    Handle() = default;
    // Takes ownership of id; throws if the call that produced it failed.
    Handle(hid_t id, std::string_view action, const Where& where) : id_(id) {
        if (id < 0) fail(action, where);
    }
    ~Handle() { reset(); }
    Handle(Handle&& other) noexcept : id_(std::exchange(other.id_, H5I_INVALID_HID)) {}
    Handle& operator=(Handle&& other) noexcept {
        if (this != &other) {
            reset();
            id_ = std::exchange(other.id_, H5I_INVALID_HID);
        }
        return *this;
    }
    Handle(const Handle&) = delete;
    Handle& operator=(const Handle&) = delete;

    hid_t get() const { return id_; }
    // Gives up ownership, for a class that stores the bare identifier.
    hid_t release() noexcept { return std::exchange(id_, H5I_INVALID_HID); }

    // Closes now and reports failure: closing a dataset or file writes cached data, so a
    // full disk can surface here, and a caller about to publish the file must know.
    void close(const Where& where) {
        const hid_t id = std::exchange(id_, H5I_INVALID_HID);
        if (id >= 0) check(Close(id), "close", where);
    }
    // Closes without reporting, for destructors and unwinding (the error already thrown
    // matters more than a second one).
    void reset() noexcept {
        if (id_ >= 0) Close(id_);
        id_ = H5I_INVALID_HID;
    }

  private:
    hid_t id_ = H5I_INVALID_HID;
};

using File = Handle<H5Fclose>;
using Group = Handle<H5Gclose>;
using Dataset = Handle<H5Dclose>;
using Dataspace = Handle<H5Sclose>;
using Datatype = Handle<H5Tclose>;
using Attribute = Handle<H5Aclose>;
using PropList = Handle<H5Pclose>;

Group create_group(hid_t parent, const std::string& name, const Where& where);
Group open_group(hid_t parent, const std::string& path, const Where& where);
Dataset open_dataset(hid_t parent, const std::string& path, const Where& where);

// A string type with UTF-8 character set: variable-length when size is H5T_VARIABLE,
// otherwise fixed-length of `size` bytes, NUL-padded.
Datatype string_type(size_t size, const Where& where);

// Scalar attributes. Strings are variable-length UTF-8, which h5py returns as str.
void write_attribute(hid_t obj, const std::string& name, std::string_view value,
                     const Where& where);
void write_attribute(hid_t obj, const std::string& name, double value, const Where& where);
void write_attribute(hid_t obj, const std::string& name, int64_t value, const Where& where);
void write_attribute(hid_t obj, const std::string& name, uint32_t value, const Where& where);
void write_attribute(hid_t obj, const std::string& name, uint64_t value, const Where& where);
// Reads a scalar (or one-element) string attribute stored variable- or fixed-length.
std::string read_string_attribute(hid_t obj, const std::string& name, const Where& where);
// A one-dimensional attribute of variable-length UTF-8 strings (h5py: an array of str).
void write_string_list_attribute(hid_t obj, const std::string& name,
                                 const std::vector<std::string>& values, const Where& where);
std::vector<std::string> read_string_list_attribute(hid_t obj, const std::string& name,
                                                    const Where& where);

// Reads a 1-D string dataset stored variable- or fixed-length.
std::vector<std::string> read_string_dataset(hid_t dataset, const Where& where);
// The extent of a dataset's dataspace, one entry per dimension.
std::vector<hsize_t> dataset_dims(hid_t dataset, const Where& where);
// Names of the links in a group, sorted bytewise.
std::vector<std::string> link_names(hid_t group, const Where& where);

}  // namespace housim::h5
