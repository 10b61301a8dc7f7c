// libFuzzer target for the scenario loader (load_scenario_text) and --set parsing
// (parse_override): docs/hostile_inputs.md. An input is scenario text, optionally followed by
// a line "#--set" and one --set argument per line, applied as the command line would.
// Bad input must end in InputError (exit 2 in the CLI); anything else (a crash, a sanitizer
// report, another exception) is a finding.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/errors.hpp"
#include "sim/scenario/scenario_load.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    constexpr std::string_view kMarker = "\n#--set\n";
    const size_t marker = input.find(kMarker);
    const std::string_view text = input.substr(0, marker);
    std::vector<housim::Override> sets;
    try {
        if (marker != std::string_view::npos) {
            std::string_view rest = input.substr(marker + kMarker.size());
            while (!rest.empty()) {
                const size_t end = rest.find('\n');
                const std::string_view line = rest.substr(0, end);
                if (!line.empty()) sets.push_back(housim::parse_override(line));
                rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
            }
        }
        (void)housim::load_scenario_text(text, "fuzz", sets);
    } catch (const housim::InputError&) {
        // Refused with a diagnostic: what bad input should get.
    }
    return 0;
}
