// Reading a sweep file: its own keys (name, base, replicates, [set], [[axis]], [[cell]]) are
// checked here; the scenario keys and values it names are checked by building each cell's
// scenario (sweep_cells.cpp).
#include <fmt/format.h>

#include <toml++/toml.h>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "sim/core/errors.hpp"
#include "sim/run/sweep_detail.hpp"
#include "sim/scenario/toml_keys.hpp"

namespace housim::sweep_detail {

namespace {

constexpr size_t kMaxCells = 100000;

std::string float_text(double x) {
    if (std::isnan(x)) return "nan";
    if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
    std::string s = fmt::format("{}", x);  // shortest text that reads back exactly
    if (s.find_first_of(".eE") == std::string::npos) s += ".0";
    return s;
}

int line_of(const toml::node& n) {
    return static_cast<int>(n.source().begin.line);
}

std::string read_text(const std::string& path, bool& ok) {
    std::ifstream in(path, std::ios::binary);
    ok = static_cast<bool>(in);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
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

    // A table's entries as dotted keys: quoted dotted keys and nested tables both work.
    void flatten(const toml::table& t, std::vector<Located>& out) {
        for_each_dotted_key(t, [&](const std::string& path, const toml::node& node) {
            out.push_back(Located{Override{path, toml_value_text(node)}, line_of(node)});
        });
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

    void read_axes(const toml::node& node, SweepDraft& d) {
        const toml::array* arr = node.as_array();
        if (!arr || !arr->is_array_of_tables()) {
            return error("axis", &node, "expected [[axis]] tables with key and values");
        }
        std::set<std::string> seen;
        for (const toml::node& entry : *arr) {
            const toml::table& t = *entry.as_table();
            check_keys(t, "axis.", {"key", "values"});
            const toml::node* key = t.get("key");
            const toml::array* values = t.get("values") ? t.get("values")->as_array() : nullptr;
            if (!key || !key->is_string()) {
                error("axis.key", key ? key : &entry, "expected key = \"scenario.key\"");
                continue;
            }
            const std::string name = *key->value<std::string>();
            if (!values || values->empty()) {
                error(name, t.get("values") ? t.get("values") : &entry,
                      "expected values = [ ... ] with at least one value");
                continue;
            }
            if (!seen.insert(name).second) {
                error(name, key, "this key already has an [[axis]]");
                continue;  // not a second axis: its values would multiply the grid
            }
            DraftAxis axis{name, line_of(*key), {}};
            std::set<std::string> distinct;
            for (const toml::node& v : *values) {
                Located value{Override{name, toml_value_text(v)}, line_of(v)};
                if (!distinct.insert(value.o.value).second) {
                    error(name, &v, fmt::format("value {} appears twice", value.o.value));
                }
                axis.values.push_back(std::move(value));
            }
            d.axes.push_back(std::move(axis));
        }
    }

    void read_cells(const toml::node& node, SweepDraft& d) {
        const toml::array* arr = node.as_array();
        if (!arr || !arr->is_array_of_tables()) {
            return error("cell", &node, "expected [[cell]] tables with set = { ... }");
        }
        for (const toml::node& entry : *arr) {
            const toml::table& t = *entry.as_table();
            check_keys(t, "cell.", {"name", "set"});
            DraftCell cell;
            cell.line = line_of(entry);
            if (const toml::node* n = t.get("name")) {
                if (!n->is_string() || !valid_run_name(*n->value<std::string>())) {
                    error("cell.name", n, "expected a name of letters, digits, '_', '-', '.'");
                } else {
                    cell.name = *n->value<std::string>();
                }
            }
            const toml::node* set = t.get("set");
            if (!set || !set->is_table()) {
                error("cell.set", set ? set : &entry, "expected set = { \"key\" = value, ... }");
                continue;
            }
            flatten(*set->as_table(), cell.sets);
            d.cells.push_back(std::move(cell));
        }
    }

  private:
    const std::string& path_;
    std::vector<Diagnostic>& diags_;
};

void read_header(const toml::table& root, Reader& r, SweepDraft& d) {
    if (const toml::node* n = root.get("name")) {
        if (!n->is_string() || n->value<std::string>()->empty()) {
            r.error("name", n, "expected a non-empty string");
        } else {
            d.name = *n->value<std::string>();
        }
    }
    if (const toml::node* n = root.get("base")) {
        if (!n->is_string()) {
            r.error("base", n, "expected the base scenario's path as a string");
        } else {
            d.base = *n->value<std::string>();
            d.base_line = line_of(*n);
        }
    }
    if (const toml::node* n = root.get("replicates")) {
        if (!n->is_integer() || *n->value<int64_t>() < 1) {
            r.error("replicates", n, "expected a positive integer");
        } else {
            d.common.push_back(
                Located{Override{"run.replicates", toml_value_text(*n)}, line_of(*n)});
        }
    }
    if (const toml::node* n = root.get("set")) {
        if (!n->is_table()) return r.error("set", n, "expected a table [set]");
        r.flatten(*n->as_table(), d.common);
    }
}

// A key may be set in one place only: which of two values should win is not obvious.
void check_conflicts(const SweepDraft& d, const std::vector<Override>& command_line, Reader& r) {
    std::set<std::string> fixed;
    for (const Located& c : d.common)
        fixed.insert(c.o.key);
    for (const Override& o : command_line)
        fixed.insert(o.key);
    for (const DraftAxis& a : d.axes) {
        if (fixed.contains(a.key)) {
            r.error(a.key, a.line,
                    "an [[axis]] key cannot also be set in [set], by `replicates` or on the "
                    "command line");
        }
    }
    for (const DraftCell& c : d.cells) {
        for (const Located& s : c.sets) {
            if (fixed.contains(s.o.key)) {
                r.error(s.o.key, s.line,
                        "a [[cell]] key cannot also be set in [set], by `replicates` or on the "
                        "command line");
            }
        }
    }
}

}  // namespace

std::string toml_value_text(const toml::node& n) {
    if (const auto* f = n.as_floating_point()) return float_text(f->get());
    if (const toml::array* arr = n.as_array()) {
        std::string s = "[";
        for (size_t i = 0; i < arr->size(); ++i)
            s += (i ? ", " : "") + toml_value_text(*arr->get(i));
        return s + "]";
    }
    std::ostringstream ss;  // toml++ prints strings quoted and escaped, as TOML
    n.visit([&](const auto& x) { ss << x; });
    return ss.str();
}

bool valid_run_name(const std::string& name) {
    if (name.empty() || name.front() == '.' || name.size() > 200) return false;
    for (const char c : name) {
        const bool ok =
            std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
        if (!ok) return false;
    }
    return true;
}

SweepDraft read_sweep_file(const std::string& path, const std::vector<Override>& command_line) {
    SweepDraft d;
    bool ok = false;
    d.text = read_text(path, ok);
    if (!ok) throw InputError({Diagnostic{path, 0, "", "cannot open the sweep file"}});
    toml::table root;
    try {
        root = toml::parse(d.text, path);
    } catch (const toml::parse_error& e) {
        throw InputError({Diagnostic{path, static_cast<int>(e.source().begin.line), "",
                                     fmt::format("TOML syntax: {}", e.description())}});
    }
    std::vector<Diagnostic> diags;
    Reader r(path, diags);
    r.check_keys(root, "", {"axis", "base", "cell", "name", "replicates", "set"});
    read_header(root, r, d);
    if (const toml::node* n = root.get("axis")) r.read_axes(*n, d);
    if (const toml::node* n = root.get("cell")) r.read_cells(*n, d);
    if (d.axes.empty() && d.cells.empty()) {
        r.error("", 0, "a sweep needs at least one [[axis]] or [[cell]]");
    }
    size_t grid = d.axes.empty() ? 0 : 1;
    for (const DraftAxis& a : d.axes) {
        grid = a.values.empty() ? 0 : std::min(grid * a.values.size(), kMaxCells + 1);
    }
    if (grid + d.cells.size() > kMaxCells) {
        r.error("axis", 0, fmt::format("more than {} cells", kMaxCells));
    }
    d.grid_cells = grid;
    check_conflicts(d, command_line, r);

    if (d.name.empty()) d.name = std::filesystem::path(path).stem().string();
    if (!d.base.empty()) {
        const std::filesystem::path base(d.base);
        d.base = (base.is_absolute() ? base : std::filesystem::path(path).parent_path() / base)
                     .lexically_normal()
                     .string();
        bool base_ok = false;
        d.base_text = read_text(d.base, base_ok);
        if (!base_ok) {
            diags.push_back(Diagnostic{path, d.base_line, "base",
                                       fmt::format("cannot open the base scenario {}", d.base)});
            throw InputError(std::move(diags));
        }
    }
    d.diags = std::move(diags);
    return d;
}

}  // namespace housim::sweep_detail
