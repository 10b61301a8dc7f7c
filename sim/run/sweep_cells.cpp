// Building a sweep's cells: their order and names, their scenarios (through the scenario
// loader, so every value passes the same checks as a scenario file), and messages that
// point at the sweep file line which set the offending value.
#include <fmt/format.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>

#include "sim/core/errors.hpp"
#include "sim/core/tsan.hpp"
#include "sim/run/sweep.hpp"
#include "sim/run/sweep_detail.hpp"
#include "sim/scenario/schema.hpp"

namespace housim {

namespace {

using sweep_detail::Located;
using sweep_detail::SweepDraft;
using KeyLines = std::map<std::string, int>;

struct CellPlan {
    std::string name;
    std::vector<Located> sets;
};

// Explicit [[cell]] entries first (so a `set = {}` entry makes the unchanged base the first
// cell, compare's default baseline), then the grid with the first axis varying slowest.
std::vector<CellPlan> plan_cells(const SweepDraft& d) {
    std::vector<CellPlan> plans;
    const size_t total = d.cells.size() + d.grid_cells;
    const int width = std::max<int>(3, static_cast<int>(fmt::format("{}", total - 1).size()));
    auto generated = [&](size_t i) { return fmt::format("cell_{:0{}}", i, width); };
    for (const sweep_detail::DraftCell& c : d.cells) {
        plans.push_back(CellPlan{c.name.empty() ? generated(plans.size()) : c.name, c.sets});
    }
    for (size_t g = 0; g < d.grid_cells; ++g) {
        CellPlan p{generated(plans.size()), {}};
        size_t rest = g;
        std::vector<Located> reversed;
        for (auto a = d.axes.rbegin(); a != d.axes.rend(); ++a) {
            reversed.push_back(a->values[rest % a->values.size()]);
            rest /= a->values.size();
        }
        p.sets.assign(reversed.rbegin(), reversed.rend());
        plans.push_back(std::move(p));
    }
    return plans;
}

// The explicit cells and one cell per axis value (the base with that value alone): what
// load_sweep checks when the file already has errors.
std::vector<CellPlan> single_value_plans(const SweepDraft& d) {
    std::vector<CellPlan> plans;
    for (const sweep_detail::DraftCell& c : d.cells)
        plans.push_back(
            CellPlan{c.name.empty() ? fmt::format("cell_{}", plans.size()) : c.name, c.sets});
    for (const sweep_detail::DraftAxis& a : d.axes) {
        for (const Located& v : a.values)
            plans.push_back(CellPlan{fmt::format("cell_{}", plans.size()), {v}});
    }
    return plans;
}

// Points a diagnostic about an overridden key at the sweep file line that set it; false if
// the key was not set by the sweep file (a base scenario key, or the command line's --set).
bool locate(Diagnostic& d, const KeyLines& own, const KeyLines& common, const std::string& path) {
    if (d.file != "--set") return false;
    for (const KeyLines* lines : {&own, &common}) {
        if (const auto it = lines->find(d.key); it != lines->end()) {
            d.file = path;
            d.line = it->second;
            return true;
        }
    }
    return false;
}

KeyLines lines_of(const std::vector<Located>& v) {
    KeyLines lines;
    for (const Located& x : v)
        lines[x.o.key] = x.line;
    return lines;
}

// Reads one key's value as a number (see scenario_value_number).
class NumberOf final : public FieldVisitor {
  public:
    explicit NumberOf(const std::string& key) : key_(key) {}
    double value = std::numeric_limits<double>::quiet_NaN();
    void real(const FieldMeta& m, double& v) override { take(m, v); }
    void integer(const FieldMeta& m, int& v) override { take(m, v); }
    void seed(const FieldMeta& m, uint64_t& v) override { take(m, static_cast<double>(v)); }
    void boolean(const FieldMeta& m, bool& v) override { take(m, v ? 1 : 0); }
    void text(const FieldMeta&, std::string&) override {}
    void month(const FieldMeta& m, YearMonth& v) override {
        take(m, v.year() + (v.month() - 1) / 12.0);
    }
    void real_list(const FieldMeta&, std::vector<double>&) override {}
    void text_list(const FieldMeta&, std::vector<std::string>&) override {}
    void choice(const FieldMeta& m, uint8_t& v) override { take(m, v); }

  private:
    void take(const FieldMeta& m, double v) {
        if (m.key == key_) value = v;
    }
    const std::string& key_;
};

std::string_view base_text_of(const Sweep& s) {
    return s.base_path.empty() ? default_scenario_text() : std::string_view(s.base_text);
}

std::string base_origin(const Sweep& s) {
    return s.base_path.empty() ? "<built-in default>" : s.base_path;
}

// Cells share the output's time axis, so none may change what months are reported.
void check_same_months(const Scenario& cell, const Scenario& base, const std::string& path,
                       const KeyLines& own, std::vector<Diagnostic>& out) {
    if (cell.run.start == base.run.start && cell.run.months == base.run.months) return;
    const std::string key = cell.run.start != base.run.start ? "run.start" : "run.months";
    const auto it = own.find(key);
    out.push_back(Diagnostic{path, it == own.end() ? 0 : it->second, key,
                             fmt::format("every cell must report the months of the base "
                                         "(run.start = \"{}\", run.months = {}): they share the "
                                         "output's time axis; set it in [set] instead",
                                         base.run.start.str(), base.run.months)});
}

// Names the cells and adds the keys that only [[cell]] entries set to the axis keys.
void add_cells(const std::vector<CellPlan>& plans, Sweep& s, std::vector<Diagnostic>& diags) {
    std::set<std::string> names;
    for (const CellPlan& p : plans) {
        if (!names.insert(p.name).second) {
            diags.push_back(Diagnostic{s.path, 0, "cell.name",
                                       fmt::format("two cells are named \"{}\"", p.name)});
        }
        std::vector<Override> sets;
        for (const Located& x : p.sets) {
            sets.push_back(x.o);
            if (std::find(s.axis_keys.begin(), s.axis_keys.end(), x.o.key) == s.axis_keys.end()) {
                s.axis_keys.push_back(x.o.key);
            }
        }
        s.cells.push_back(SweepCell{p.name, std::move(sets), {}});
    }
}

// Builds each cell's scenario once, in parallel (thousands of cells take seconds), to
// check it and to read its axis values; the scenario itself is dropped.
void build_cells(const std::vector<CellPlan>& plans, const Scenario& base,
                 const KeyLines& common_lines, Sweep& s, std::vector<Diagnostic>& diags) {
    std::vector<std::vector<Diagnostic>> per_cell(plans.size());
    ForkJoin sync;  // for ThreadSanitizer only (sim/core/tsan.hpp)
    sync.fork();
    tbb::parallel_for(size_t{0}, plans.size(), [&](size_t i) {
        const ForkJoin::Task task(sync);
        const KeyLines own = lines_of(plans[i].sets);
        try {
            const Scenario cell = cell_scenario(s, i);
            check_same_months(cell, base, s.path, own, per_cell[i]);
            SweepCell& out = s.cells[i];
            for (const std::string& key : s.axis_keys)
                out.axis_values.push_back(scenario_value_number(cell, key));
            out.replicates = static_cast<uint32_t>(cell.run.replicates);
            out.simulated_months = cell.run.burn_in_months + cell.run.months;
            out.households = cell.run.households;
        } catch (const InputError& e) {
            for (Diagnostic x : e.diagnostics()) {
                if (!locate(x, own, common_lines, s.path))
                    x.message += " (in " + plans[i].name + ")";
                per_cell[i].push_back(std::move(x));
            }
        }
    });
    sync.join();
    std::set<std::string> seen;  // one axis value fails in many cells: say it once
    for (const Diagnostic& x : diags)
        seen.insert(x.str());
    for (auto& list : per_cell) {
        for (Diagnostic& x : list) {
            if (seen.insert(x.str()).second) diags.push_back(std::move(x));
        }
    }
}

// Reports in file order, the way a reader fixes them.
[[noreturn]] void throw_sorted(std::vector<Diagnostic> diags) {
    std::stable_sort(diags.begin(), diags.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return a.file != b.file ? a.file < b.file : a.line < b.line;
    });
    throw InputError(std::move(diags));
}

}  // namespace

double scenario_value_number(const Scenario& s, const std::string& key) {
    Scenario copy = s;
    NumberOf reader(key);
    describe(copy, reader);
    return reader.value;
}

Scenario cell_scenario(const Sweep& sweep, size_t cell) {
    std::vector<Override> overrides = sweep.common;
    const std::vector<Override>& own = sweep.cells.at(cell).sets;
    overrides.insert(overrides.end(), own.begin(), own.end());
    return load_scenario_text(base_text_of(sweep), base_origin(sweep), overrides);
}

Sweep load_sweep(const std::string& path, const std::vector<Override>& command_line_sets) {
    SweepDraft d = sweep_detail::read_sweep_file(path, command_line_sets);
    Sweep s;
    s.path = path;
    s.name = d.name;
    s.text = std::move(d.text);
    s.base_path = d.base;
    s.base_text = std::move(d.base_text);
    const KeyLines common_lines = lines_of(d.common);
    for (const Located& c : d.common)
        s.common.push_back(c.o);
    s.common.insert(s.common.end(), command_line_sets.begin(), command_line_sets.end());

    std::vector<Diagnostic> diags = std::move(d.diags);
    // An axis over a key no scenario has is the file's own error (and the grid of every
    // combination need not be built to find it).
    const std::vector<std::string> keys = all_keys();
    const std::set<std::string> known(keys.begin(), keys.end());
    for (const sweep_detail::DraftAxis& a : d.axes) {
        if (known.count(a.key) != 0) continue;
        // At the values' line, where a cell's scenario reports an unknown key too.
        const int line = a.values.empty() ? a.line : a.values.front().line;
        diags.push_back(Diagnostic{path, line, a.key, "unknown key"});
    }
    // The base alone first: if it is invalid every cell is, and one report is enough.
    Scenario base;
    try {
        base = load_scenario_text(base_text_of(s), base_origin(s), s.common);
    } catch (const InputError& e) {
        for (Diagnostic x : e.diagnostics()) {
            locate(x, {}, common_lines, path);
            diags.push_back(std::move(x));
        }
        throw_sorted(std::move(diags));
    }
    for (const auto& a : d.axes)
        s.axis_keys.push_back(a.key);
    // A file with errors of its own is not run: each axis value is then checked once on its
    // own (the cells' errors come from single values) rather than in every combination,
    // whose number can be the product of all the axes' lengths.
    const std::vector<CellPlan> plans = diags.empty() ? plan_cells(d) : single_value_plans(d);
    add_cells(plans, s, diags);
    build_cells(plans, base, common_lines, s, diags);
    if (!diags.empty()) throw_sorted(std::move(diags));
    return s;
}

}  // namespace housim
