// libFuzzer target for the study-file loaders: sweep and paired files (load_sweep),
// calibration and sensitivity files (load_calib), docs/hostile_inputs.md. The input's first
// line picks the loader ("#calibrate", "#sensitivity", anything else: sweep) and the whole
// input is the file. The loaders read the file, a base scenario and data files relative
// to it, so each input is written to input.toml in a folder made once per process that
// also holds base.toml (the built-in city) and data.csv (a valid series), which inputs may
// name. Bad input must end in InputError (exit 2 in the CLI); anything else (a crash, a
// sanitizer report, another exception, a hang) is a finding.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>
#include <string_view>

#include "sim/calibrate/calib_file.hpp"
#include "sim/core/errors.hpp"
#include "sim/run/sweep.hpp"
#include "sim/scenario/scenario_load.hpp"

namespace {

void write_file(const std::string& path, std::string_view text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
}

const std::string& folder() {
    static const std::string dir = [] {
        char name[] = "/tmp/housim_study_fuzz.XXXXXX";
        if (mkdtemp(name) == nullptr) std::abort();
        const std::string d = name;
        write_file(d + "/base.toml", housim::default_scenario_text());
        write_file(d + "/data.csv",
                   "month,metric,value,sd\n2025-01,new_sales_m2,100000,5000\n"
                   "2025-02,new_sales_m2,98000,5000\n");
        return d;
    }();
    return dir;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const std::string path = folder() + "/input.toml";
    write_file(path, input);
    const std::string_view first = input.substr(0, input.find('\n'));
    try {
        if (first == "#calibrate") {
            (void)housim::load_calib(path, housim::CalibKind::calibrate);
        } else if (first == "#sensitivity") {
            (void)housim::load_calib(path, housim::CalibKind::sensitivity);
        } else {
            (void)housim::load_sweep(path, {});
        }
    } catch (const housim::InputError&) {
        // Refused with a diagnostic: what bad input should get.
    }
    return 0;
}
