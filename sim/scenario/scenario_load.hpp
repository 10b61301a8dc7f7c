// Reading and validating scenario files. Everything is checked before a run starts:
// unknown keys, wrong types, out-of-range values and inconsistent combinations are all
// reported at once in one InputError (file, line, key, what was expected).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sim/scenario/scenario.hpp"

namespace housim {

// A --set KEY=VALUE override. VALUE is read as a TOML value; text that is not valid TOML
// (a bare word, "2025-03") is taken as a string.
struct Override {
    std::string key;
    std::string value;
};

// Parses "KEY=VALUE"; throws InputError naming the argument when there is no '='.
Override parse_override(std::string_view arg);

// Loads a scenario file, or the built-in default city when path is empty, applies the
// overrides, validates everything, and computes the lever path.
Scenario load_scenario(const std::string& path, const std::vector<Override>& overrides = {});

// Same, from text already in memory; origin names it in messages.
Scenario load_scenario_text(std::string_view text, std::string_view origin,
                            const std::vector<Override>& overrides = {});

// The fully resolved scenario as TOML: every key with its value, then the timeline.
// Loading this text gives back the same scenario.
std::string resolved_toml(const Scenario& s);

// The built-in default city (scenarios/default.toml, compiled in).
std::string_view default_scenario_text();

// The timeline-settable keys and every key, in declaration order.
std::vector<std::string> all_keys();

}  // namespace housim
