// A group of named arrays, string lists and string attributes: how the analyses of
// `housim calibrate` (/calibration) and `housim sensitivity` (/sensitivity) are stored
// (docs/validation.md gives their layout).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace housim {

struct ArrayData {
    std::string name;
    std::vector<uint64_t> dims;  // row-major, one entry per dimension
    std::vector<double> values;
    std::string unit;
    std::string description;
};

struct StringsData {
    std::string name;
    std::vector<std::string> values;
    std::string description;
};

struct GroupData {
    std::string name;  // a group under the file's root, e.g. "calibration"
    std::vector<std::pair<std::string, std::string>> attributes;
    std::vector<ArrayData> arrays;
    std::vector<StringsData> strings;

    const ArrayData* array(const std::string& n) const {
        for (const ArrayData& a : arrays)
            if (a.name == n) return &a;
        return nullptr;
    }
    const StringsData* strings_of(const std::string& n) const {
        for (const StringsData& s : strings)
            if (s.name == n) return &s;
        return nullptr;
    }
    std::optional<std::string> attribute(const std::string& n) const {
        for (const auto& [k, v] : attributes)
            if (k == n) return v;
        return std::nullopt;
    }
};

}  // namespace housim
