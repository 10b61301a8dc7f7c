// `housim validate` and `housim levers`.
#include <fmt/format.h>

#include <fstream>
#include <optional>
#include <sstream>
#include <string_view>

#include <toml++/toml.h>

#include "cli/cli_common.hpp"
#include "cli/commands.hpp"
#include "sim/calibrate/calib_file.hpp"
#include "sim/metrics.hpp"
#include "sim/run/sweep.hpp"
#include "sim/scenario/schema.hpp"

namespace housim {

namespace {

// Prints each field's key, unit, default, range and source.
class LeverPrinter final : public FieldVisitor {
  public:
    LeverPrinter(bool all, bool markdown) : all_(all), markdown_(markdown) {
        if (markdown_) {
            fmt::print("| key | unit | default | range | source | meaning |\n");
            fmt::print("|---|---|---|---|---|---|\n");
        }
    }
    void real(const FieldMeta& m, double& v) override { row(m, fmt::format("{}", v), range(m)); }
    void integer(const FieldMeta& m, int& v) override { row(m, fmt::format("{}", v), range(m)); }
    void seed(const FieldMeta& m, uint64_t& v) override { row(m, fmt::format("{}", v), "any"); }
    void boolean(const FieldMeta& m, bool& v) override {
        row(m, v ? "true" : "false", "true/false");
    }
    void text(const FieldMeta& m, std::string& v) override {
        row(m, fmt::format("\"{}\"", v), "text");
    }
    void month(const FieldMeta& m, YearMonth& v) override {
        row(m, fmt::format("\"{}\"", v.str()), "YYYY-MM");
    }
    void real_list(const FieldMeta& m, std::vector<double>& v) override {
        row(m, fmt::format("[{}]", fmt::join(v, ", ")), range(m) + " each");
    }
    void text_list(const FieldMeta& m, std::vector<std::string>& v) override {
        row(m, fmt::format("[\"{}\"]", fmt::join(v, "\", \"")), "text each");
    }
    void choice(const FieldMeta& m, uint8_t& v) override {
        row(m, fmt::format("\"{}\"", m.choices.at(v)),
            fmt::format("{}", fmt::join(m.choices, " | ")));
    }

  private:
    static std::string range(const FieldMeta& m) { return fmt::format("{} .. {}", m.min, m.max); }
    void row(const FieldMeta& m, const std::string& value, const std::string& range_text) {
        if (!all_ && !m.timeline()) return;
        if (markdown_) {
            fmt::print("| `{}` | {} | {} | {} | {} | {} |\n", m.key, m.unit, value, range_text,
                       m.source, m.doc);
        } else {
            fmt::print("{}\n  unit: {}   default: {}   range: {}\n  source: {}\n  {}\n", m.key,
                       m.unit, value, range_text, m.source, m.doc);
        }
    }
    bool all_;
    bool markdown_;
};

}  // namespace

// Whether `path` is a sweep or paired-comparison file rather than a scenario: it has one of
// the sweep file's top-level keys, which no scenario has (docs/studies.md). A file that does
// not parse is read as a scenario, whose loader reports the syntax error.
bool is_sweep_file(const std::string& path) {
    static constexpr std::string_view kSweepKeys[] = {"base", "axis", "cell",
                                                      "set",  "name", "replicates"};
    std::ifstream in(path);
    if (!in) return false;
    std::stringstream text;
    text << in.rdbuf();
    try {
        const toml::table root = toml::parse(text.str(), path);
        for (std::string_view k : kSweepKeys) {
            if (root.contains(k)) return true;
        }
    } catch (const toml::parse_error&) {
    }
    return false;
}

// A calibration or sensitivity file: it has [[parameter]] tables, which neither a scenario
// nor a sweep has; a sensitivity file scores [[metric]] tables. nullopt: neither.
std::optional<CalibKind> calib_kind_of(const std::string& path) {
    std::ifstream in(path);
    if (!in) return std::nullopt;
    std::stringstream text;
    text << in.rdbuf();
    try {
        const toml::table root = toml::parse(text.str(), path);
        if (!root.contains("parameter")) return std::nullopt;
        const bool sens = root.contains("metric") || root.contains("trajectories");
        return sens ? CalibKind::sensitivity : CalibKind::calibrate;
    } catch (const toml::parse_error&) {
    }
    return std::nullopt;
}

int validate_command(const std::string& path) {
    require_not_directory(path);
    if (const auto kind = calib_kind_of(path)) {
        const CalibSpec spec = load_calib(path, *kind);
        const bool sens = *kind == CalibKind::sensitivity;
        fmt::print("{}: valid {} file ({} parameters, {} {}, {} replicates per {})\n", path,
                   sens ? "sensitivity" : "calibration", spec.parameters.size(),
                   spec.targets.size(), sens ? "scored moments" : "moments",
                   spec.base.run.replicates, sens ? "point" : "evaluation");
        return 0;
    }
    if (is_sweep_file(path)) {
        const Sweep sweep = load_sweep(path, {});
        uint64_t replicates = 0;
        for (const SweepCell& c : sweep.cells)
            replicates += c.replicates;
        fmt::print("{}: valid sweep ({} cells, {} replicates in all, base {})\n", path,
                   sweep.cells.size(), replicates,
                   sweep.base_path.empty() ? "the built-in default city" : sweep.base_path);
        return 0;
    }
    const Scenario s = load_scenario(path);
    fmt::print("{}: valid ({} households x {} replicates, {} months from {}, {} timeline events)\n",
               path, s.run.households, s.run.replicates, s.run.months, s.run.start.str(),
               s.timeline.size());
    return 0;
}

int levers_command(bool all, bool markdown) {
    Scenario defaults;
    LeverPrinter printer(all, markdown);
    describe(defaults, printer);
    return 0;
}

int metrics_command(bool markdown) {
    if (markdown) {
        fmt::print(
            "| dataset | unit | scaled to real city | by district | definition |\n"
            "|---|---|---|---|---|\n");
    }
    for (const MetricInfo& m : metric_registry()) {
        const bool scaled = m.scaling == Scaling::real_city;
        const ZoneMetricInfo* zone = find_zone_metric(m.name);
        const char* by_zone = zone == nullptr ? "no" : zone->sums_to_city ? "yes (sums)" : "yes";
        if (markdown) {
            fmt::print("| `{}` | {} | {} | {} | {} |\n", m.name, m.unit, scaled ? "yes" : "no",
                       by_zone, m.description);
        } else {
            fmt::print("{}  [{}]{}{}\n  {}\n", m.name, m.unit, scaled ? " (real city)" : "",
                       zone != nullptr ? " (also by district)" : "", m.description);
        }
    }
    return 0;
}

}  // namespace housim
