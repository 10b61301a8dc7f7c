// Dotted key paths of a TOML table, for tables whose keys name scenario keys (a timeline
// entry's `set`, a sweep's [set] and cells): nested tables and quoted dotted keys give the
// same paths.
#pragma once

#include <toml++/toml.h>
#include <string>

namespace housim {

// Calls fn(path, node) for every entry of t that is not itself a table, in the table's
// order, with its dotted path below `prefix`.
template <class Fn>
void for_each_dotted_key(const toml::table& t, Fn&& fn, const std::string& prefix = {}) {
    for (const auto& [k, node] : t) {
        const std::string path =
            prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
        if (const toml::table* sub = node.as_table()) {
            for_each_dotted_key(*sub, fn, path);
        } else {
            fn(path, node);
        }
    }
}

}  // namespace housim
