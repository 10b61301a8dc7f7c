#include "sim/scenario/scenario_load.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <toml++/toml.h>
#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

#include "sim/core/errors.hpp"
#include "sim/scenario/scenario_validate.hpp"
#include "sim/scenario/schema.hpp"
#include "sim/scenario/toml_keys.hpp"

namespace housim {

namespace {

std::string type_name(const toml::node& n) {
    switch (n.type()) {
        case toml::node_type::string:
            return "a string";
        case toml::node_type::integer:
            return "an integer";
        case toml::node_type::floating_point:
            return "a number";
        case toml::node_type::boolean:
            return "a boolean";
        case toml::node_type::array:
            return "an array";
        case toml::node_type::table:
            return "a table";
        default:
            return "a date or time";
    }
}

std::string range_text(const FieldMeta& m) {
    return fmt::format("[{}, {}]", m.min, m.max);
}

// Where each key's value came from, so messages can name the file and line or "--set".
struct Origin {
    std::string file;
    std::set<std::string> overridden;
    Diagnostic at(const std::string& key, const toml::node& n, std::string message) const {
        if (overridden.contains(key)) return Diagnostic{"--set", 0, key, std::move(message)};
        return Diagnostic{file, static_cast<int>(n.source().begin.line), key, std::move(message)};
    }
};

// Reads each described field from a TOML table, checking type and range.
class TomlReader final : public FieldVisitor {
  public:
    TomlReader(const toml::table& root, const Origin& origin, std::vector<Diagnostic>& diags)
        : root_(root), origin_(origin), diags_(diags) {}

    void real(const FieldMeta& m, double& v) override {
        if (const toml::node* n = find(m)) {
            const auto x = n->value<double>();
            if (!x || !(n->is_floating_point() || n->is_integer())) {
                return bad(m, *n,
                           fmt::format("expected a number ({}), got {}", m.unit, type_name(*n)));
            }
            if (!std::isfinite(*x) || *x < m.min || *x > m.max) {
                return bad(m, *n,
                           fmt::format("value {} out of range {} ({})", *x, range_text(m), m.unit));
            }
            v = *x;
        }
    }
    void integer(const FieldMeta& m, int& v) override {
        if (const toml::node* n = find(m)) {
            if (!n->is_integer()) {
                return bad(m, *n,
                           fmt::format("expected an integer ({}), got {}", m.unit, type_name(*n)));
            }
            const int64_t x = *n->value<int64_t>();
            if (x < m.min || x > m.max) {
                return bad(m, *n,
                           fmt::format("value {} out of range {} ({})", x, range_text(m), m.unit));
            }
            v = static_cast<int>(x);
        }
    }
    void seed(const FieldMeta& m, uint64_t& v) override {
        if (const toml::node* n = find(m)) {
            if (!n->is_integer() || *n->value<int64_t>() < 0) {
                return bad(m, *n, "expected a non-negative integer");
            }
            v = static_cast<uint64_t>(*n->value<int64_t>());
        }
    }
    void boolean(const FieldMeta& m, bool& v) override {
        if (const toml::node* n = find(m)) {
            if (!n->is_boolean()) {
                return bad(m, *n, fmt::format("expected true or false, got {}", type_name(*n)));
            }
            v = *n->value<bool>();
        }
    }
    void text(const FieldMeta& m, std::string& v) override {
        if (const toml::node* n = find(m)) {
            if (!n->is_string()) {
                return bad(m, *n, fmt::format("expected a string, got {}", type_name(*n)));
            }
            v = *n->value<std::string>();
        }
    }
    void month(const FieldMeta& m, YearMonth& v) override {
        if (const toml::node* n = find(m)) {
            const auto s = n->value<std::string>();
            const auto ym = s ? YearMonth::parse(*s) : std::nullopt;
            if (!n->is_string() || !ym) {
                return bad(m, *n, "expected a month as a string \"YYYY-MM\"");
            }
            v = *ym;
        }
    }
    void real_list(const FieldMeta& m, std::vector<double>& v) override {
        if (const toml::node* n = find(m)) {
            const toml::array* arr = n->as_array();
            if (!arr || arr->empty()) {
                return bad(m, *n, "expected a non-empty array of numbers");
            }
            std::vector<double> out;
            for (const toml::node& el : *arr) {
                const auto x = el.value<double>();
                if (!x || !(el.is_floating_point() || el.is_integer())) {
                    return bad(m, *n, "expected an array of numbers");
                }
                if (*x < m.min || *x > m.max) {
                    return bad(m, *n, fmt::format("element {} out of range {}", *x, range_text(m)));
                }
                out.push_back(*x);
            }
            v = std::move(out);
        }
    }
    void text_list(const FieldMeta& m, std::vector<std::string>& v) override {
        if (const toml::node* n = find(m)) {
            const toml::array* arr = n->as_array();
            if (!arr || arr->empty()) return bad(m, *n, "expected a non-empty array of strings");
            std::vector<std::string> out;
            for (const toml::node& el : *arr) {
                if (!el.is_string()) return bad(m, *n, "expected an array of strings");
                out.push_back(*el.value<std::string>());
            }
            v = std::move(out);
        }
    }
    void choice(const FieldMeta& m, uint8_t& v) override {
        if (const toml::node* n = find(m)) {
            const auto s = n->value<std::string>();
            std::string options;
            for (size_t i = 0; i < m.choices.size(); ++i) {
                if (s && *s == m.choices[i]) {
                    v = static_cast<uint8_t>(i);
                    return;
                }
                options += fmt::format("{}\"{}\"", i ? ", " : "", m.choices[i]);
            }
            bad(m, *n, fmt::format("expected one of {}", options));
        }
    }

  private:
    const toml::node* find(const FieldMeta& m) const { return root_.at_path(m.key).node(); }
    void bad(const FieldMeta& m, const toml::node& n, std::string message) {
        diags_.push_back(origin_.at(std::string(m.key), n, std::move(message)));
    }

    const toml::table& root_;
    const Origin& origin_;
    std::vector<Diagnostic>& diags_;
};

// Collects the keys a visitor walk declares.
class KeyCollector final : public FieldVisitor {
  public:
    std::vector<std::string> keys;
    void real(const FieldMeta& m, double&) override { add(m); }
    void integer(const FieldMeta& m, int&) override { add(m); }
    void seed(const FieldMeta& m, uint64_t&) override { add(m); }
    void boolean(const FieldMeta& m, bool&) override { add(m); }
    void text(const FieldMeta& m, std::string&) override { add(m); }
    void month(const FieldMeta& m, YearMonth&) override { add(m); }
    void real_list(const FieldMeta& m, std::vector<double>&) override { add(m); }
    void text_list(const FieldMeta& m, std::vector<std::string>&) override { add(m); }
    void choice(const FieldMeta& m, uint8_t&) override { add(m); }

  private:
    void add(const FieldMeta& m) { keys.emplace_back(m.key); }
};

std::string escape_toml_string(std::string_view s) {
    std::string out = "\"";
    for (char c : s) {
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    out += fmt::format("\\u{:04x}", c);
                } else {
                    out += c;
                }
        }
    }
    return out + "\"";
}

std::string real_text(double x) {
    std::string s = fmt::format("{}", x);  // shortest text that reads back exactly
    if (s.find_first_of(".eEn") == std::string::npos) s += ".0";
    return s;
}

// Writes each field as "key = value" under its top-level table.
class TomlWriter final : public FieldVisitor {
  public:
    std::string out;
    void real(const FieldMeta& m, double& v) override { put(m, real_text(v)); }
    void integer(const FieldMeta& m, int& v) override { put(m, fmt::format("{}", v)); }
    void seed(const FieldMeta& m, uint64_t& v) override { put(m, fmt::format("{}", v)); }
    void boolean(const FieldMeta& m, bool& v) override { put(m, v ? "true" : "false"); }
    void text(const FieldMeta& m, std::string& v) override { put(m, escape_toml_string(v)); }
    void month(const FieldMeta& m, YearMonth& v) override { put(m, escape_toml_string(v.str())); }
    void real_list(const FieldMeta& m, std::vector<double>& v) override {
        if (v.empty()) return;  // not set: filled when loaded (fill_zone_defaults)
        std::string s = "[";
        for (size_t i = 0; i < v.size(); ++i)
            s += (i ? ", " : "") + real_text(v[i]);
        put(m, s + "]");
    }
    void text_list(const FieldMeta& m, std::vector<std::string>& v) override {
        if (v.empty()) return;  // not set: filled when loaded (fill_zone_defaults)
        std::string s = "[";
        for (size_t i = 0; i < v.size(); ++i)
            s += (i ? ", " : "") + escape_toml_string(v[i]);
        put(m, s + "]");
    }
    void choice(const FieldMeta& m, uint8_t& v) override {
        put(m, escape_toml_string(m.choices.at(v)));
    }

  private:
    void put(const FieldMeta& m, const std::string& value) {
        const auto dot = m.key.find('.');
        const std::string_view table = m.key.substr(0, dot);
        if (table != current_) {
            out += fmt::format("{}[{}]\n", out.empty() ? "" : "\n", table);
            current_ = std::string(table);
        }
        out += fmt::format("{} = {}\n", m.key.substr(dot + 1), value);
    }
    std::string current_;
};

// Parses a --set value: TOML if it parses, otherwise a plain string.
toml::table parse_override_value(const Override& o) {
    try {
        return toml::parse("v = " + o.value);
    } catch (const toml::parse_error&) {
        toml::table t;
        t.insert_or_assign("v", o.value);
        return t;
    }
}

void apply_override(toml::table& root, const Override& o) {
    toml::table parsed = parse_override_value(o);
    toml::table* t = &root;
    std::string_view rest = o.key;
    for (auto dot = rest.find('.'); dot != std::string_view::npos; dot = rest.find('.')) {
        const std::string part(rest.substr(0, dot));
        rest.remove_prefix(dot + 1);
        toml::table* sub = t->get_as<toml::table>(part);
        if (!sub) {
            t->insert_or_assign(part, toml::table{});
            sub = t->get_as<toml::table>(part);
        }
        t = sub;
    }
    const std::string leaf(rest);
    parsed.get("v")->visit([&](const auto& node) { t->insert_or_assign(leaf, node); });
}

// Reports every leaf of the tree that no field declares.
void find_unknown_keys(const toml::table& t, const std::string& prefix,
                       const std::set<std::string>& known, const Origin& origin,
                       std::vector<Diagnostic>& diags) {
    for (const auto& [k, node] : t) {
        const std::string path =
            prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
        if (prefix.empty() && path == "timeline") continue;
        if (const toml::table* sub = node.as_table(); sub && !known.contains(path)) {
            find_unknown_keys(*sub, path, known, origin, diags);
        } else if (!known.contains(path)) {
            diags.push_back(origin.at(path, node, "unknown key"));
        }
    }
}

std::string node_toml_text(const toml::node& n) {
    std::ostringstream ss;
    n.visit([&](const auto& x) {
        if constexpr (toml::is_string<decltype(x)>) {
            ss << escape_toml_string(x.get());
        } else if constexpr (toml::is_floating_point<decltype(x)>) {
            ss << real_text(x.get());
        } else {
            ss << x;
        }
    });
    return ss.str();
}

// Checks one lever value by reading it into a scratch Levers through the same visitor.
void check_lever_value(const std::string& key, const toml::node& value, const Origin& origin,
                       std::vector<Diagnostic>& diags) {
    // Build a table with the value at the key's path so the reader finds it.
    toml::table root;
    apply_override(root, Override{key, node_toml_text(value)});
    Levers scratch;
    std::vector<Diagnostic> local;
    TomlReader reader(root, origin, local);
    describe_levers(scratch, reader);
    for (auto& d : local) {
        d.line = static_cast<int>(value.source().begin.line);
        diags.push_back(std::move(d));
    }
}

std::vector<TimelineEvent> read_timeline(const toml::table& root, const Origin& origin,
                                         std::vector<Diagnostic>& diags) {
    std::vector<TimelineEvent> events;
    const toml::node* node = root.get("timeline");
    if (!node) return events;
    const toml::array* arr = node->as_array();
    if (!arr) {
        diags.push_back(origin.at("timeline", *node, "expected an array of tables [[timeline]]"));
        return events;
    }
    KeyCollector levers_only;
    Levers scratch;
    describe_levers(scratch, levers_only);
    const std::set<std::string> lever_keys(levers_only.keys.begin(), levers_only.keys.end());

    for (const toml::node& entry_node : *arr) {
        const toml::table* entry = entry_node.as_table();
        if (!entry) {
            diags.push_back(origin.at("timeline", entry_node, "expected a table"));
            continue;
        }
        for (const auto& [k, v] : *entry) {
            if (k != "at" && k != "set" && k != "note" && k != "measure") {
                diags.push_back(origin.at(fmt::format("timeline.{}", k.str()), v,
                                          "unknown key (expected at, set, note, measure)"));
            }
        }
        const auto at_text =
            entry->get("at") ? entry->get("at")->value<std::string>() : std::nullopt;
        const auto at = at_text ? YearMonth::parse(*at_text) : std::nullopt;
        if (!at) {
            diags.push_back(origin.at("timeline.at", entry_node,
                                      "expected at = \"YYYY-MM\" in every [[timeline]] entry"));
            continue;
        }
        std::string note;
        if (const toml::node* n = entry->get("note")) note = n->value<std::string>().value_or("");
        // `measure = true`, or `measure = "id"` to name it for run.only_measure.
        bool measure = false;
        std::string measure_id;
        if (const toml::node* n = entry->get("measure")) {
            if (n->is_boolean()) {
                measure = *n->value<bool>();
            } else if (n->is_string()) {
                measure = true;
                measure_id = *n->value<std::string>();
            } else {
                diags.push_back(origin.at("timeline.measure", *n,
                                          "expected true, false or a measure id (string)"));
            }
        }
        const toml::table* set = entry->get("set") ? entry->get("set")->as_table() : nullptr;
        if (!set) {
            diags.push_back(
                origin.at("timeline.set", entry_node, "expected set = { \"key\" = value, ... }"));
            continue;
        }
        std::vector<std::pair<std::string, const toml::node*>> pairs;
        for_each_dotted_key(*set, [&](const std::string& path, const toml::node& leaf) {
            pairs.emplace_back(path, &leaf);
        });
        for (const auto& [key, value] : pairs) {
            if (!lever_keys.contains(key)) {
                diags.push_back(origin.at(
                    "timeline.set." + key, *value,
                    "not a timeline key (policy.* and exogenous.* keys may change over time)"));
                continue;
            }
            check_lever_value(key, *value, origin, diags);
            events.push_back(
                TimelineEvent{*at, key, node_toml_text(*value), note, measure, measure_id});
        }
    }
    std::stable_sort(events.begin(), events.end(),
                     [](const TimelineEvent& a, const TimelineEvent& b) { return a.at < b.at; });
    return events;
}

void apply_event(Levers& levers, const TimelineEvent& e) {
    toml::table root;
    apply_override(root, Override{e.key, e.value_toml});
    Origin origin{"<timeline>", {}};
    std::vector<Diagnostic> diags;
    TomlReader reader(root, origin, diags);
    describe_levers(levers, reader);
    if (!diags.empty()) throw InputError(std::move(diags));  // validated earlier; cannot happen
}

// Events dated before run.start are history: they are folded into the start values, which
// also hold during burn-in. Events from run.start on apply from their month.
void build_lever_path(Scenario& s) {
    s.lever_path.clear();
    size_t next = 0;
    auto applies = [&](const TimelineEvent& e) {
        if (!e.measure) return true;
        if (!s.run.measures) return false;
        return s.run.only_measure.empty() || e.measure_id == s.run.only_measure;
    };
    while (next < s.timeline.size() && s.timeline[next].at < s.run.start) {
        if (applies(s.timeline[next])) apply_event(s.levers, s.timeline[next]);
        ++next;
    }
    Levers current = s.levers;
    for (int m = 0; m < s.run.months; ++m) {
        const YearMonth cal = s.run.start.plus(m);
        while (next < s.timeline.size() && s.timeline[next].at <= cal) {
            if (applies(s.timeline[next])) apply_event(current, s.timeline[next]);
            ++next;
        }
        s.lever_path.push_back(current);
    }
}

// run.only_measure must name a measure the timeline tags; a typo would otherwise run the
// baseline silently.
void check_only_measure(const Scenario& s, const toml::table& root, const Origin& origin,
                        std::vector<Diagnostic>& diags) {
    if (s.run.only_measure.empty()) return;
    std::set<std::string> ids;
    for (const TimelineEvent& e : s.timeline) {
        if (!e.measure_id.empty()) ids.insert(e.measure_id);
    }
    if (ids.contains(s.run.only_measure)) return;
    const std::string known = ids.empty()
                                  ? std::string("the timeline names no measures")
                                  : fmt::format("expected one of: {}", fmt::join(ids, ", "));
    const toml::node* n = root.at_path("run.only_measure").node();
    const std::string message =
        fmt::format("no timeline measure \"{}\"; {}", s.run.only_measure, known);
    if (n) {
        diags.push_back(origin.at("run.only_measure", *n, message));
    } else {
        diags.push_back(Diagnostic{origin.file, 0, "run.only_measure", message});
    }
}

}  // namespace

Override parse_override(std::string_view arg) {
    const auto eq = arg.find('=');
    if (eq == std::string_view::npos || eq == 0) {
        throw InputError({Diagnostic{"--set", 0, std::string(arg),
                                     "expected KEY=VALUE, e.g. --set run.months=24"}});
    }
    return Override{std::string(arg.substr(0, eq)), std::string(arg.substr(eq + 1))};
}

namespace {

// The real households of the city the file describes: run.households x run.scale as the
// file has them (the schema's defaults where it is silent), before any override.
double real_households_of(const toml::table& root) {
    const RunParams defaults;
    const auto households = root.at_path("run.households").value<double>();
    const auto scale = root.at_path("run.scale").value<double>();
    return households.value_or(defaults.households) * scale.value_or(defaults.scale);
}

bool overrides_key(const std::vector<Override>& overrides, std::string_view key) {
    return std::any_of(overrides.begin(), overrides.end(),
                       [&](const Override& o) { return o.key == key; });
}

}  // namespace

Scenario load_scenario_text(std::string_view text, std::string_view origin_name,
                            const std::vector<Override>& overrides) {
    Origin origin{std::string(origin_name), {}};
    toml::table root;
    try {
        root = toml::parse(text, origin_name);
    } catch (const toml::parse_error& e) {
        throw InputError({Diagnostic{origin.file, static_cast<int>(e.source().begin.line), "",
                                     fmt::format("TOML syntax: {}", e.description())}});
    }
    const double real_households = real_households_of(root);
    for (const Override& o : overrides) {
        if (o.key == "timeline" || o.key.starts_with("timeline.")) {
            throw InputError(
                {Diagnostic{"--set", 0, o.key, "the timeline cannot be overridden with --set"}});
        }
        apply_override(root, o);
        origin.overridden.insert(o.key);
    }
    // Another number of agents is another resolution of the same city, not a smaller city:
    // unless run.scale is set too, it becomes the file's real households over the agents,
    // so every real-city series keeps its level (a quick run at 20,000 agents is the same
    // city as the full run, within Monte Carlo noise).
    if (overrides_key(overrides, "run.households") && !overrides_key(overrides, "run.scale")) {
        if (const auto agents = root.at_path("run.households").value<double>();
            agents && *agents > 0) {
            apply_override(
                root, Override{"run.scale", fmt::format("{:.17g}", real_households / *agents)});
            origin.overridden.insert("run.scale");
            if (real_households / *agents < 1.0) {
                throw InputError({Diagnostic{
                    "--set", 0, "run.households",
                    fmt::format("{} agents for a city of {:.0f} real households (run.households x "
                                "run.scale of the scenario): an agent cannot stand for less than "
                                "one household; set run.scale as well for a larger city",
                                *agents, real_households)}});
            }
        }
    }

    Scenario s;
    std::vector<Diagnostic> diags;
    KeyCollector collector;
    describe(s, collector);
    const std::set<std::string> known(collector.keys.begin(), collector.keys.end());
    find_unknown_keys(root, "", known, origin, diags);
    TomlReader reader(root, origin, diags);
    describe(s, reader);
    fill_zone_defaults(s.city.zones);
    s.timeline = read_timeline(root, origin, diags);
    check_only_measure(s, root, origin, diags);
    if (diags.empty()) {
        build_lever_path(s);
        validate_scenario(s, origin.file, diags);
    }
    if (!diags.empty()) throw InputError(std::move(diags));
    return s;
}

Scenario load_scenario(const std::string& path, const std::vector<Override>& overrides) {
    if (path.empty()) {
        return load_scenario_text(default_scenario_text(), "<built-in default>", overrides);
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError({Diagnostic{path, 0, "", "cannot open the scenario file"}});
    std::stringstream ss;
    ss << in.rdbuf();
    return load_scenario_text(ss.str(), path, overrides);
}

std::string resolved_toml(const Scenario& s) {
    Scenario copy = s;
    TomlWriter writer;
    describe(copy, writer);
    std::string out = std::move(writer.out);
    for (const TimelineEvent& e : s.timeline) {
        out += fmt::format("\n[[timeline]]\nat = \"{}\"\n", e.at.str());
        if (!e.note.empty()) out += fmt::format("note = {}\n", escape_toml_string(e.note));
        if (e.measure) {
            out += e.measure_id.empty()
                       ? std::string("measure = true\n")
                       : fmt::format("measure = {}\n", escape_toml_string(e.measure_id));
        }
        out += fmt::format("set = {{ {} = {} }}\n", escape_toml_string(e.key), e.value_toml);
    }
    return out;
}

std::vector<std::string> all_keys() {
    Scenario s;
    KeyCollector c;
    describe(s, c);
    return c.keys;
}

const Levers& levers_at(const Scenario& s, int simulated_month) {
    const int reported = simulated_month - s.run.burn_in_months;
    if (reported < 0) return s.levers;
    return s.lever_path[static_cast<size_t>(std::min(reported, s.run.months - 1))];
}

}  // namespace housim
