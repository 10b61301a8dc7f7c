// Reading calibration and sensitivity files. The file's own keys are checked here; the
// scenario keys and values it names are checked by the scenario loader, exactly as a sweep
// cell's are (sim/run/sweep*.cpp), and its messages are pointed back at the file's lines.
#include "sim/calibrate/calib_file.hpp"

#include <fmt/format.h>

#include <toml++/toml.h>
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include "sim/core/errors.hpp"
#include "sim/metrics.hpp"
#include "sim/run/sweep_detail.hpp"
#include "sim/scenario/schema.hpp"
#include "sim/scenario/toml_keys.hpp"
#include "sim/scenario/year_month.hpp"

namespace housim {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr int kMaxParameters = 64;
constexpr int kMaxTargets = 100000;

int line_of(const toml::node& n) {
    return static_cast<int>(n.source().begin.line);
}

std::optional<std::string> read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string resolve(const std::string& file, const std::string& relative_to) {
    const std::filesystem::path p(file);
    return (p.is_absolute() ? p : std::filesystem::path(relative_to).parent_path() / p)
        .lexically_normal()
        .string();
}

// The schema entry of one key and whether it is a number the optimiser can vary.
class KeyInfo final : public FieldVisitor {
  public:
    explicit KeyInfo(const std::string& key) : key_(key) {}
    bool found = false;
    bool numeric = false;
    bool is_integer = false;
    FieldMeta meta;
    void real(const FieldMeta& m, double&) override { take(m, true, false); }
    void integer(const FieldMeta& m, int&) override { take(m, true, true); }
    void seed(const FieldMeta& m, uint64_t&) override { take(m, false, false); }
    void boolean(const FieldMeta& m, bool&) override { take(m, false, false); }
    void text(const FieldMeta& m, std::string&) override { take(m, false, false); }
    void month(const FieldMeta& m, YearMonth&) override { take(m, false, false); }
    void real_list(const FieldMeta& m, std::vector<double>&) override { take(m, false, false); }
    void text_list(const FieldMeta& m, std::vector<std::string>&) override {
        take(m, false, false);
    }
    void choice(const FieldMeta& m, uint8_t&) override { take(m, false, false); }

  private:
    void take(const FieldMeta& m, bool is_numeric, bool whole) {
        if (m.key != key_) return;
        found = true;
        numeric = is_numeric;
        is_integer = whole;
        meta = m;
    }
    const std::string& key_;
};

std::string number_text(double x, bool integer) {
    if (integer) return fmt::format("{}", std::llround(x));
    std::string s = fmt::format("{}", x);  // shortest text that reads back exactly
    if (s.find_first_of(".eEn") == std::string::npos) s += ".0";
    return s;
}

class Reader {
  public:
    Reader(const std::string& path, std::vector<Diagnostic>& diags) : path_(path), diags_(diags) {}

    void error(const std::string& key, const toml::node* n, std::string message) {
        error(key, n ? line_of(*n) : 0, std::move(message));
    }
    void error(const std::string& key, int line, std::string message) {
        diags_.push_back(Diagnostic{path_, line, key, std::move(message)});
    }
    void error_in(const std::string& file, int line, const std::string& key, std::string msg) {
        diags_.push_back(Diagnostic{file, line, key, std::move(msg)});
    }

    void check_keys(const toml::table& t, const std::string& where,
                    const std::set<std::string>& allowed) {
        std::string expected;
        for (const std::string& a : allowed)
            expected += (expected.empty() ? "" : ", ") + a;
        for (const auto& [k, node] : t) {
            if (!allowed.contains(std::string(k.str()))) {
                error(where + std::string(k.str()), &node,
                      fmt::format("unknown key (expected {})", expected));
            }
        }
    }

    std::optional<double> number(const toml::table& t, const std::string& key,
                                 const std::string& where, const toml::node& entry) {
        const toml::node* n = t.get(key);
        if (!n) {
            error(where + key, &entry, "missing (expected a number)");
            return std::nullopt;
        }
        const std::optional<double> v = n->value<double>();
        if (!v || !std::isfinite(*v) || n->is_boolean()) {
            error(where + key, n, "expected a finite number");
            return std::nullopt;
        }
        return v;
    }

    std::optional<int64_t> integer(const toml::table& root, const std::string& key, int64_t lo,
                                   int64_t hi) {
        const toml::node* n = root.get(key);
        if (!n) return std::nullopt;
        const std::optional<int64_t> v = n->is_integer() ? n->value<int64_t>() : std::nullopt;
        if (!v || *v < lo || *v > hi) {
            error(key, n, fmt::format("expected an integer in [{}, {}]", lo, hi));
            return std::nullopt;
        }
        return v;
    }

    std::optional<double> real(const toml::table& root, const std::string& key, double lo,
                               double hi) {
        const toml::node* n = root.get(key);
        if (!n) return std::nullopt;
        const std::optional<double> v = n->is_boolean() ? std::nullopt : n->value<double>();
        if (!v || !(*v >= lo && *v <= hi)) {
            error(key, n, fmt::format("expected a number in [{}, {}]", lo, hi));
            return std::nullopt;
        }
        return v;
    }

    const std::string& path() const { return path_; }

  private:
    const std::string& path_;
    std::vector<Diagnostic>& diags_;
};

// The reported months a window covers, as indices from run.start; messages say why not.
struct Window {
    int first = 0;
    int last = 0;
    std::string text;
};

std::optional<Window> parse_window(const std::string& text, bool single, const Scenario& base,
                                   std::string& why) {
    std::optional<YearMonth> a, b;
    if (single) {
        a = b = YearMonth::parse(text);
    } else if (const auto colon = text.find(':'); colon != std::string::npos) {
        a = YearMonth::parse(std::string_view(text).substr(0, colon));
        b = YearMonth::parse(std::string_view(text).substr(colon + 1));
    }
    if (!a || !b) {
        why = single ? "expected a month \"YYYY-MM\""
                     : "expected a window \"YYYY-MM:YYYY-MM\" (first and last month)";
        return std::nullopt;
    }
    const YearMonth start = base.run.start;
    const YearMonth end = start.plus(base.run.months - 1);
    if (*b < *a) {
        why = "the window ends before it starts";
        return std::nullopt;
    }
    if (*a < start || end < *b) {
        why = fmt::format("outside the reported months {} to {}", start.str(), end.str());
        return std::nullopt;
    }
    return Window{*a - start, *b - start, single ? a->str() : a->str() + ":" + b->str()};
}

std::optional<Statistic> parse_statistic(const std::string& s) {
    if (s == "mean") return Statistic::mean;
    if (s == "last") return Statistic::last;
    if (s == "change") return Statistic::change;
    if (s == "growth") return Statistic::growth;
    return std::nullopt;
}

void read_parameters(const toml::node& node, Reader& r, CalibSpec& spec,
                     const std::set<std::string>& fixed) {
    const toml::array* arr = node.as_array();
    if (!arr || !arr->is_array_of_tables()) {
        return r.error("parameter", &node, "expected [[parameter]] tables with key, min, max");
    }
    std::set<std::string> seen;
    for (const toml::node& entry : *arr) {
        const toml::table& t = *entry.as_table();
        r.check_keys(t, "parameter.", {"key", "max", "min"});
        const toml::node* key = t.get("key");
        if (!key || !key->is_string()) {
            r.error("parameter.key", key ? key : &entry, "expected key = \"scenario.key\"");
            continue;
        }
        const std::string name = *key->value<std::string>();
        Scenario probe;
        KeyInfo info(name);
        describe(probe, info);
        if (!info.found) {
            r.error(name, key, "not a scenario key (see `housim levers --all`)");
            continue;
        }
        if (!info.numeric) {
            r.error(name, key, "not a numeric key: only numbers can be calibrated");
            continue;
        }
        if (name == "run.replicates" || name == "run.months" || name == "run.burn_in_months") {
            r.error(name, key, "a run setting, not a model parameter");
            continue;
        }
        if (!seen.insert(name).second) r.error(name, key, "this key already has a [[parameter]]");
        if (fixed.contains(name)) {
            r.error(name, key, "a [[parameter]] key cannot also be set in `set` or with --set");
        }
        const auto lo = r.number(t, "min", name + ".", entry);
        const auto hi = r.number(t, "max", name + ".", entry);
        if (!lo || !hi) continue;
        const int line = line_of(*key);
        if (!(*lo < *hi)) {
            r.error(name, line, fmt::format("min {} must be below max {}", *lo, *hi));
            continue;
        }
        if (*lo < info.meta.min || *hi > info.meta.max) {
            r.error(name, line,
                    fmt::format("bounds [{}, {}] must lie inside the key's range [{}, {}] ({})",
                                *lo, *hi, info.meta.min, info.meta.max, info.meta.unit));
            continue;
        }
        if (info.is_integer && std::floor(*hi) - std::ceil(*lo) < 1) {
            r.error(name, line, "an integer key needs bounds spanning at least two integers");
            continue;
        }
        spec.parameters.push_back(CalibParameter{name, *lo, *hi, info.is_integer, line});
    }
    if (static_cast<int>(spec.parameters.size()) > kMaxParameters) {
        r.error("parameter", &node, fmt::format("more than {} parameters", kMaxParameters));
    }
}

// [[target]] (calibrate: with value and sd) or [[metric]] (sensitivity: scored only).
void read_targets(const toml::node& node, const std::string& table, Reader& r, CalibSpec& spec) {
    const bool matched = spec.kind == CalibKind::calibrate;
    const toml::array* arr = node.as_array();
    if (!arr || !arr->is_array_of_tables()) {
        return r.error(table, &node,
                       fmt::format("expected [[{}]] tables with metric, window or at, "
                                   "statistic{}",
                                   table, matched ? ", value, sd" : ""));
    }
    for (const toml::node& entry : *arr) {
        const toml::table& t = *entry.as_table();
        const std::string where = table + ".";
        if (matched) {
            r.check_keys(t, where, {"at", "metric", "sd", "statistic", "value", "window"});
        } else {
            r.check_keys(t, where, {"at", "metric", "statistic", "window"});
        }
        CalibTarget target;
        target.origin = fmt::format("{}:{}", r.path(), line_of(entry));
        bool ok = true;
        const toml::node* metric = t.get("metric");
        const MetricInfo* info =
            metric && metric->is_string() ? find_metric(*metric->value<std::string>()) : nullptr;
        if (!info) {
            r.error(where + "metric", metric ? metric : &entry,
                    "expected the name of an output series (see `housim metrics`)");
            ok = false;
        } else {
            target.metric = std::string(info->name);
            const auto registry = metric_registry();
            target.metric_index = static_cast<size_t>(info - registry.data());
        }
        const toml::node* window = t.get("window");
        const toml::node* at = t.get("at");
        if ((window != nullptr) == (at != nullptr)) {
            r.error(where + "window", &entry,
                    "expected exactly one of window = \"YYYY-MM:YYYY-MM\" and at = \"YYYY-MM\"");
            ok = false;
        } else {
            const toml::node* w = window ? window : at;
            std::string why =
                window ? "expected a window \"YYYY-MM:YYYY-MM\"" : "expected a month \"YYYY-MM\"";
            std::optional<Window> parsed;
            if (w->is_string())
                parsed = parse_window(*w->value<std::string>(), !window, spec.base, why);
            if (!parsed) {
                r.error(where + (window ? "window" : "at"), w, why);
                ok = false;
            } else {
                target.first = parsed->first;
                target.last = parsed->last;
                target.label = parsed->text;
            }
        }
        const toml::node* stat = t.get("statistic");
        std::optional<Statistic> statistic = Statistic::mean;
        if (stat) {
            statistic =
                stat->is_string() ? parse_statistic(*stat->value<std::string>()) : std::nullopt;
            if (!statistic) {
                r.error(where + "statistic", stat, "expected mean, last, change or growth");
                ok = false;
            }
        }
        if (statistic) target.statistic = *statistic;
        if (matched) {
            const auto value = r.number(t, "value", where, entry);
            const auto sd = r.number(t, "sd", where, entry);
            if (sd && !(*sd > 0)) {
                r.error(where + "sd", t.get("sd"), "expected a positive number");
                ok = false;
            }
            if (!value || !sd) ok = false;
            target.value = value.value_or(kNaN);
            target.sd = sd.value_or(kNaN);
        } else {
            target.value = target.sd = kNaN;
        }
        if (!ok) continue;
        target.label =
            fmt::format("{} {} {}", target.metric, statistic_name(target.statistic), target.label);
        spec.targets.push_back(std::move(target));
    }
}

std::vector<std::string> split_csv(const std::string& line) {
    std::vector<std::string> out;
    std::string cell;
    std::stringstream ss(line);
    while (std::getline(ss, cell, ',')) {
        const auto b = cell.find_first_not_of(" \t\r");
        const auto e = cell.find_last_not_of(" \t\r");
        out.push_back(b == std::string::npos ? "" : cell.substr(b, e - b + 1));
    }
    if (!line.empty() && line.back() == ',') out.emplace_back();
    return out;
}

std::optional<double> parse_number(const std::string& s) {
    if (s.empty()) return std::nullopt;
    size_t used = 0;
    try {
        const double v = std::stod(s, &used);
        if (used != s.size() || !std::isfinite(v)) return std::nullopt;
        return v;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

// Observed monthly data: each row one moment (its month's value), weighted by its sd
// column or the table's sd.
void read_series(const toml::node& node, Reader& r, CalibSpec& spec) {
    const toml::array* arr = node.as_array();
    if (!arr || !arr->is_array_of_tables()) {
        return r.error("series", &node, "expected [[series]] tables with file (and sd)");
    }
    for (const toml::node& entry : *arr) {
        const toml::table& t = *entry.as_table();
        r.check_keys(t, "series.", {"file", "sd"});
        const toml::node* file = t.get("file");
        if (!file || !file->is_string()) {
            r.error("series.file", file ? file : &entry, "expected file = \"data.csv\"");
            continue;
        }
        std::optional<double> default_sd;
        if (t.get("sd")) {
            default_sd = r.number(t, "sd", "series.", entry);
            if (default_sd && !(*default_sd > 0)) {
                r.error("series.sd", t.get("sd"), "expected a positive number");
                continue;
            }
        }
        const std::string path = resolve(*file->value<std::string>(), r.path());
        const std::optional<std::string> text = read_text(path);
        if (!text) {
            r.error("series.file", file, fmt::format("cannot open {}", path));
            continue;
        }
        std::stringstream lines(*text);
        std::string line;
        int number = 0;
        while (std::getline(lines, line)) {
            ++number;
            const std::vector<std::string> cells = split_csv(line);
            if (cells.empty() || (cells.size() == 1 && cells[0].empty())) continue;
            if (number == 1 && cells[0] == "month") continue;  // the header
            if (cells.size() < 3 || cells.size() > 4) {
                r.error_in(path, number, "", "expected month,metric,value[,sd]");
                continue;
            }
            CalibTarget target;
            target.origin = fmt::format("{}:{}", path, number);
            std::string why;
            const auto w = parse_window(cells[0], true, spec.base, why);
            const MetricInfo* info = find_metric(cells[1]);
            const auto value = parse_number(cells[2]);
            const auto sd = cells.size() == 4 ? parse_number(cells[3]) : default_sd;
            if (!w) r.error_in(path, number, "month", why);
            if (!info)
                r.error_in(path, number, "metric", "\"" + cells[1] + "\" is not an output series");
            if (!value) r.error_in(path, number, "value", "expected a finite number");
            if (!sd || !(*sd > 0)) {
                r.error_in(path, number, "sd",
                           "expected a positive sd column, or sd = ... in the [[series]] table");
            }
            if (!w || !info || !value || !sd || !(*sd > 0)) continue;
            target.metric = std::string(info->name);
            target.metric_index = static_cast<size_t>(info - metric_registry().data());
            target.first = w->first;
            target.last = w->last;
            target.statistic = Statistic::mean;
            target.value = *value;
            target.sd = *sd;
            target.label = fmt::format("{} at {}", target.metric, w->text);
            spec.targets.push_back(std::move(target));
        }
    }
}

// Points a scenario diagnostic about an overridden key at the line that set it.
void locate(Diagnostic& d, const std::map<std::string, int>& lines, const std::string& path) {
    if (d.file != "--set") return;
    if (const auto it = lines.find(d.key); it != lines.end()) {
        d.file = path;
        d.line = it->second;
    }
}

void read_settings(const toml::table& root, Reader& r, CalibSpec& spec) {
    if (spec.kind == CalibKind::calibrate) {
        spec.evaluations_global =
            static_cast<int>(r.integer(root, "evaluations_global", 0, 1000000).value_or(40));
        spec.evaluations_local =
            static_cast<int>(r.integer(root, "evaluations_local", 0, 1000000).value_or(60));
        spec.xtol = r.real(root, "xtol", 1e-9, 0.5).value_or(1e-3);
        // Off by default: under common random numbers nearby points can give the very same
        // objective (the same agents decide the same way), which a relative-change test
        // takes for convergence.
        spec.ftol_rel = r.real(root, "ftol_rel", 0, 1).value_or(0.0);
        spec.local_starts = static_cast<int>(r.integer(root, "local_starts", 1, 100).value_or(3));
        spec.fd_step = r.real(root, "fd_step", 1e-4, 0.25).value_or(0.02);
    } else {
        spec.trajectories =
            static_cast<int>(r.integer(root, "trajectories", 1, 10000).value_or(10));
        spec.levels = static_cast<int>(r.integer(root, "levels", 2, 100).value_or(4));
        if (spec.levels % 2 != 0) {
            // With an even number of levels the step L / (2 (L - 1)) moves every level to
            // another level of the grid (Saltelli et al. 2004, Sensitivity Analysis in
            // Practice, ch. 3).
            r.error("levels", root.get("levels"), "expected an even number of levels");
        }
    }
}

}  // namespace

const char* statistic_name(Statistic s) {
    switch (s) {
        case Statistic::mean:
            return "mean";
        case Statistic::last:
            return "last";
        case Statistic::change:
            return "change";
        case Statistic::growth:
            return "growth";
    }
    return "?";
}

double from_unit(const CalibParameter& p, double u) {
    const double x = p.min + std::clamp(u, 0.0, 1.0) * (p.max - p.min);
    return p.integer ? std::clamp(std::round(x), std::ceil(p.min), std::floor(p.max)) : x;
}

std::vector<Override> parameter_overrides(const CalibSpec& spec, std::span<const double> values) {
    std::vector<Override> out;
    for (size_t i = 0; i < spec.parameters.size(); ++i) {
        const CalibParameter& p = spec.parameters[i];
        out.push_back(Override{p.key, number_text(values[i], p.integer)});
    }
    return out;
}

Sweep point_sweep(const CalibSpec& spec, const std::vector<std::vector<double>>& points) {
    Sweep s = spec.frame;
    s.cells.clear();
    for (size_t i = 0; i < points.size(); ++i) {
        SweepCell c;
        c.name = fmt::format("point_{}", i);
        c.sets = parameter_overrides(spec, points[i]);
        c.replicates = static_cast<uint32_t>(spec.base.run.replicates);
        c.simulated_months = spec.base.run.burn_in_months + spec.base.run.months;
        c.households = spec.base.run.households;
        s.cells.push_back(std::move(c));
    }
    return s;
}

Scenario scenario_at(const CalibSpec& spec, std::span<const double> values) {
    std::vector<Override> o = spec.frame.common;
    const std::vector<Override> own = parameter_overrides(spec, values);
    o.insert(o.end(), own.begin(), own.end());
    const std::string_view text = spec.frame.base_path.empty()
                                      ? default_scenario_text()
                                      : std::string_view(spec.frame.base_text);
    return load_scenario_text(
        text, spec.frame.base_path.empty() ? "<built-in default>" : spec.frame.base_path, o);
}

CalibSpec load_calib(const std::string& path, CalibKind kind,
                     const std::vector<Override>& command_line_sets) {
    CalibSpec spec;
    spec.kind = kind;
    spec.path = path;
    const char* what = kind == CalibKind::calibrate ? "calibration" : "sensitivity";
    const std::optional<std::string> text = read_text(path);
    if (!text)
        throw InputError({Diagnostic{path, 0, "", fmt::format("cannot open the {} file", what)}});
    spec.text = *text;
    toml::table root;
    try {
        root = toml::parse(spec.text, path);
    } catch (const toml::parse_error& e) {
        throw InputError({Diagnostic{path, static_cast<int>(e.source().begin.line), "",
                                     fmt::format("TOML syntax: {}", e.description())}});
    }
    std::vector<Diagnostic> diags;
    Reader r(path, diags);
    const std::string table = kind == CalibKind::calibrate ? "target" : "metric";
    std::set<std::string> allowed = {"base", "parameter", "replicates", "seed", "set", table};
    if (kind == CalibKind::calibrate) {
        allowed.insert({"series", "evaluations_global", "evaluations_local", "local_starts", "xtol",
                        "ftol_rel", "fd_step"});
    } else {
        allowed.insert({"trajectories", "levels"});
    }
    r.check_keys(root, "", allowed);
    read_settings(root, r, spec);

    // The frame: base scenario and the overrides common to every evaluation.
    Sweep& f = spec.frame;
    f.path = path;
    f.name = std::filesystem::path(path).stem().string();
    f.text = spec.text;
    std::map<std::string, int> lines;
    if (const toml::node* n = root.get("base")) {
        if (!n->is_string()) {
            r.error("base", n, "expected the base scenario's path as a string");
        } else {
            f.base_path = resolve(*n->value<std::string>(), path);
            const std::optional<std::string> base = read_text(f.base_path);
            if (!base) {
                r.error("base", n, fmt::format("cannot open the base scenario {}", f.base_path));
                throw InputError(std::move(diags));
            }
            f.base_text = *base;
        }
    }
    if (const auto v = r.integer(root, "replicates", 1, 100000)) {
        f.common.push_back(Override{"run.replicates", std::to_string(*v)});
        lines["run.replicates"] = line_of(*root.get("replicates"));
    }
    if (const toml::node* n = root.get("seed")) {
        if (!n->is_integer() || *n->value<int64_t>() < 0) {
            r.error("seed", n, "expected a non-negative integer");
        } else {
            f.common.push_back(Override{"run.seed", sweep_detail::toml_value_text(*n)});
            lines["run.seed"] = line_of(*n);
        }
    }
    if (const toml::node* n = root.get("set")) {
        if (!n->is_table()) {
            r.error("set", n, "expected a table set = { \"key\" = value, ... }");
        } else {
            for_each_dotted_key(*n->as_table(), [&](const std::string& key, const toml::node& v) {
                f.common.push_back(Override{key, sweep_detail::toml_value_text(v)});
                lines[key] = line_of(v);
            });
        }
    }
    f.common.insert(f.common.end(), command_line_sets.begin(), command_line_sets.end());
    try {
        spec.base = load_scenario_text(
            f.base_path.empty() ? default_scenario_text() : std::string_view(f.base_text),
            f.base_path.empty() ? "<built-in default>" : f.base_path, f.common);
    } catch (const InputError& e) {
        for (Diagnostic d : e.diagnostics()) {
            locate(d, lines, path);
            diags.push_back(std::move(d));
        }
        throw InputError(std::move(diags));
    }

    std::set<std::string> fixed;
    for (const Override& o : f.common)
        fixed.insert(o.key);
    if (const toml::node* n = root.get("parameter")) read_parameters(*n, r, spec, fixed);
    if (spec.parameters.empty() && !root.get("parameter")) {
        r.error("parameter", 0, "expected at least one [[parameter]] table");
    }
    if (const toml::node* n = root.get(table)) read_targets(*n, table, r, spec);
    if (kind == CalibKind::calibrate) {
        if (const toml::node* n = root.get("series")) read_series(*n, r, spec);
    }
    if (spec.targets.empty() && !root.get(table) && !root.get("series")) {
        r.error(table, 0,
                kind == CalibKind::calibrate
                    ? "expected at least one [[target]] or [[series]] to match"
                    : "expected at least one [[metric]] to score");
    }
    if (static_cast<int>(spec.targets.size()) > kMaxTargets) {
        r.error(table, 0, fmt::format("more than {} moments", kMaxTargets));
    }
    // Every corner of the box must be a valid scenario (cross-key checks, such as a minimum
    // below a maximum, may fail inside the schema ranges): the low and high corners, named
    // at the first parameter's line.
    if (diags.empty()) {
        for (const bool high : {false, true}) {
            std::vector<double> corner;
            for (const CalibParameter& p : spec.parameters)
                corner.push_back(from_unit(p, high ? 1.0 : 0.0));
            try {
                (void)scenario_at(spec, corner);
            } catch (const InputError& e) {
                for (const Diagnostic& d : e.diagnostics()) {
                    int line = 0;
                    for (const CalibParameter& p : spec.parameters)
                        if (p.key == d.key) line = p.line;
                    r.error(d.key, line,
                            fmt::format("at every parameter's {}: {}", high ? "max" : "min",
                                        d.message));
                }
            }
        }
    }
    if (!diags.empty()) throw InputError(std::move(diags));
    return spec;
}

}  // namespace housim
