// Every scenario file in scenarios/ validates and runs (short, small, with the identities
// checked every month), with its measures and without them.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>

#include "sim/core/errors.hpp"
#include "sim/run/runner.hpp"
#include "sim/scenario/scenario_load.hpp"
#include "tests/cli_helpers.hpp"

namespace housim {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> scenario_files() {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(fs::path(HOUSIM_SOURCE_DIR) / "scenarios")) {
        const std::string name = e.path().filename().string();
        if (e.path().extension() != ".toml") continue;
        if (name.starts_with("sweep_") || name.starts_with("paired_")) continue;  // sweeps
        out.push_back(e.path().string());
    }
    std::sort(out.begin(), out.end());
    return out;
}

// The same real city at 6,000 agents, 14 months after 3 of burn-in.
Scenario small_version(const std::string& path, bool measures) {
    const Scenario full = load_scenario(path);
    const double real = full.run.households * full.run.scale;
    return load_scenario(path, {{"run.households", "6000"},
                                {"run.scale", std::to_string(real / 6000.0)},
                                {"run.months", "14"},
                                {"run.burn_in_months", "3"},
                                {"run.measures", measures ? "true" : "false"}});
}

TEST(ScenarioFiles, EverySeedCityIsThere) {
    const auto files = scenario_files();
    for (const char* city : {"default", "weihai_2025", "weihai_2024_soe", "yangquan_2024",
                             "ordos_2025", "fuzhou_2014"}) {
        const std::string want = std::string(city) + ".toml";
        EXPECT_TRUE(std::any_of(files.begin(), files.end(), [&](const std::string& f) {
            return f.ends_with("/" + want);
        })) << want;
    }
}

TEST(ScenarioFiles, EachRunsWithAndWithoutItsMeasures) {
    for (const std::string& path : scenario_files()) {
        for (const bool measures : {true, false}) {
            SCOPED_TRACE(path + (measures ? " (measures)" : " (baseline)"));
            const Scenario s = small_version(path, measures);
            EXPECT_NO_THROW(run_replicate(s, 0, true));
        }
    }
}

// The levers in force at reported month m, as text (to compare two lever paths).
std::string levers_text(const Scenario& s, size_t m) {
    Scenario copy = s;
    copy.run = RunParams{};  // only the levers are compared
    copy.levers = s.lever_path[m];
    copy.timeline.clear();
    return resolved_toml(copy);
}

// The measures change the levers only from their dated month on, and only when on.
TEST(ScenarioFiles, MeasuresAreDatedAndSwitchable) {
    for (const std::string& path : scenario_files()) {
        const Scenario on = load_scenario(path);
        const Scenario off = load_scenario(path, {{"run.measures", "false"}});
        YearMonth first = on.run.start.plus(on.run.months);
        for (const TimelineEvent& e : on.timeline) {
            if (!e.measure) continue;
            EXPECT_FALSE(e.note.empty()) << path << ": a measure must cite its clause";
            EXPECT_FALSE(e.measure_id.empty()) << path;
            first = std::min(first, e.at);
        }
        if (first == on.run.start.plus(on.run.months)) continue;  // no measures
        const auto before = static_cast<size_t>(std::max(0, first - on.run.start - 1));
        const size_t last = on.lever_path.size() - 1;
        if (first > on.run.start) {
            EXPECT_EQ(levers_text(on, before), levers_text(off, before)) << path;
        }
        EXPECT_NE(levers_text(on, last), levers_text(off, last)) << path;
    }
}

// One measure alone differs from no measures; a measure id the timeline does not name is
// an input error on run.only_measure, not a silent baseline run.
TEST(ScenarioFiles, OnlyMeasureNamesATaggedMeasure) {
    const std::string path =
        (fs::path(HOUSIM_SOURCE_DIR) / "scenarios" / "weihai_2025.toml").string();
    const Scenario off = load_scenario(path, {{"run.measures", "false"}});
    const Scenario one = load_scenario(path, {{"run.only_measure", "rental_subsidy"}});
    const size_t last = one.lever_path.size() - 1;
    EXPECT_NE(levers_text(one, last), levers_text(off, last));
    try {
        load_scenario(path, {{"run.only_measure", "no_such_measure"}});
        ADD_FAILURE() << "an unknown measure id was accepted";
    } catch (const InputError& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("run.only_measure"), std::string::npos) << what;
        EXPECT_NE(what.find("rental_subsidy"), std::string::npos) << what;
    }
}

TEST(ScenarioFiles, PairedAndSweepFilesValidate) {
    for (const auto& e : fs::directory_iterator(fs::path(HOUSIM_SOURCE_DIR) / "scenarios")) {
        const std::string name = e.path().filename().string();
        if (!name.starts_with("sweep_") && !name.starts_with("paired_")) continue;
        const test::CommandResult r = test::housim_cli("sweep " + e.path().string() + " --dry-run");
        EXPECT_EQ(r.code, 0) << name << "\n" << r.out;
    }
}

}  // namespace
}  // namespace housim
