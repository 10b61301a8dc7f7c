// City-scale macro benchmark: the whole engine (every phase and market) on the default city,
// or on a scenario file's city, at several sizes. For each size, in a fresh process (so that the
// peak resident memory is that size's own), it measures:
//   - one replicate on one thread: seconds, household-months per second per core, the cost
//     of each phase, and the peak resident memory per household;
//   - one replicate on two threads (parallelism inside a replicate), with each phase's wall
//     seconds, so that the phases that leave the second core idle show;
//   - a batch of two replicates on one and on two threads (parallelism across replicates).
// Usage:
//   housim_macro_bench [--scenario FILE] [--months N] [--repeat R] [--no-scaling] [--markdown]
//                      [SIZES...]
// Sizes default to 1e4 1e5 1e6. Every size simulates the same real city (run.households x
// run.scale of the scenario), from its start without burn-in. Times are the best of R repeats
// (default 1): the machine may be shared, and the minimum is the least disturbed figure.
#include <fmt/format.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "sim/core/errors.hpp"
#include "sim/core/phase_clock.hpp"
#include "sim/run/runner.hpp"
#include "sim/scenario/scenario_load.hpp"

namespace {

using housim::Phase;
using housim::PhaseTimes;

struct Options {
    std::string scenario;  // empty: the built-in default city
    int months = 120;
    int repeat = 1;
    bool scaling = true;
    bool markdown = false;
    std::vector<int> sizes;
};

// Peak (VmHWM) or current (VmRSS) resident memory of this process, bytes.
double resident_bytes(const char* field) {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind(field, 0) == 0)
            return std::atof(line.c_str() + std::string(field).size()) * 1024.0;
    }
    return 0;
}

// The city of `path` (the built-in default if empty) at n households: the same real city,
// the scale adjusted (at least 1). Throws housim::InputError for a bad file.
housim::Scenario city(const std::string& path, int n, int months) {
    const housim::Scenario as_written = housim::load_scenario(path);
    const double real = as_written.run.households * as_written.run.scale;
    const double scale = std::max(1.0, real / n);
    return housim::load_scenario(path, {{"run.households", std::to_string(n)},
                                        {"run.scale", fmt::format("{}", scale)},
                                        {"run.months", std::to_string(months)},
                                        {"run.burn_in_months", "0"}});
}

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Wall seconds of one replicate on `threads` threads; *cpu gets the process's CPU seconds.
double replicate_seconds(const housim::Scenario& s, int threads, PhaseTimes* times,
                         double* cpu = nullptr) {
    const double cpu_start = housim::process_cpu_seconds();
    const auto start = std::chrono::steady_clock::now();
    tbb::task_arena arena(threads);
    arena.execute([&] { (void)housim::run_replicate(s, 0, false, nullptr, nullptr, times); });
    if (cpu) *cpu = housim::process_cpu_seconds() - cpu_start;
    return seconds_since(start);
}

double load_average() {
    std::ifstream f("/proc/loadavg");
    double one = 0;
    f >> one;
    return one;
}

class Discard final : public housim::ReplicateSink {
  public:
    void accept(housim::ReplicateResult&&) override {}
};

double batch_seconds(const housim::Scenario& s, int threads, uint32_t replicates) {
    Discard sink;
    housim::RunPlan plan;
    plan.replicates = replicates;
    plan.threads = threads;
    const auto start = std::chrono::steady_clock::now();
    (void)housim::run_replicates(s, plan, sink);
    return seconds_since(start);
}

// Measures one size and prints key=value lines for the parent.
int child(int n, const Options& o) {
    const housim::Scenario s = city(o.scenario, n, o.months);
    const double load = load_average();
    const double rss_before = resident_bytes("VmRSS:");
    PhaseTimes best_times;
    double t1 = 1e300, c1 = 1e300, peak = 0;
    for (int r = 0; r < o.repeat; ++r) {
        PhaseTimes times;
        double cpu = 0;
        const double t = replicate_seconds(s, 1, &times, &cpu);
        // The first replicate's peak: later ones would add the allocator's leftovers.
        if (r == 0) peak = resident_bytes("VmHWM:");
        t1 = std::min(t1, t);
        if (cpu < c1) {
            c1 = cpu;
            best_times = times;
        }
    }
    fmt::print("seconds_1t={}\ncpu_1t={}\npeak_bytes={}\nbase_bytes={}\nload={}\n", t1, c1, peak,
               rss_before, load);
    for (size_t p = 0; p < best_times.seconds.size(); ++p)
        fmt::print("phase.{}={}\n", housim::kPhaseNames[p], best_times.cpu_seconds[p]);
    if (o.scaling) {
        double t2 = 1e300, b1 = 1e300, b2 = 1e300;
        PhaseTimes times_2t;
        for (int r = 0; r < o.repeat; ++r) {
            PhaseTimes times;
            const double t = replicate_seconds(s, 2, &times);
            if (t < t2) {
                t2 = t;
                times_2t = times;
            }
            b1 = std::min(b1, batch_seconds(s, 1, 2));
            b2 = std::min(b2, batch_seconds(s, 2, 2));
        }
        fmt::print("seconds_2t={}\nbatch_1t={}\nbatch_2t={}\n", t2, b1, b2);
        // Wall seconds per phase of the one-thread and the two-thread replicate: which
        // phases use the second core.
        for (size_t p = 0; p < times_2t.seconds.size(); ++p) {
            fmt::print("wall_1t.{}={}\nwall_2t.{}={}\n", housim::kPhaseNames[p],
                       best_times.seconds[p], housim::kPhaseNames[p], times_2t.seconds[p]);
        }
    }
    return 0;
}

std::map<std::string, double> measure(const char* self, int n, const Options& o) {
    const std::string cmd =
        fmt::format("'{}' --child {} --months {} --repeat {}{}{}", self, n, o.months, o.repeat,
                    o.scaling ? "" : " --no-scaling",
                    o.scenario.empty() ? "" : fmt::format(" --scenario '{}'", o.scenario));
    std::map<std::string, double> out;
    FILE* p = popen(cmd.c_str(), "r");
    if (!p) return out;
    char buf[512];
    while (std::fgets(buf, sizeof buf, p)) {
        const std::string line(buf);
        const auto eq = line.find('=');
        if (eq != std::string::npos) out[line.substr(0, eq)] = std::atof(line.c_str() + eq + 1);
    }
    if (pclose(p) != 0) out.clear();
    return out;
}

// Prints rows of cells as aligned plain text or as a markdown table (first row: header).
void print_table(const std::vector<std::vector<std::string>>& rows, bool markdown) {
    std::vector<size_t> width(rows.front().size(), 0);
    for (const auto& r : rows) {
        for (size_t c = 0; c < r.size(); ++c)
            width[c] = std::max(width[c], r[c].size());
    }
    for (size_t i = 0; i < rows.size(); ++i) {
        std::string line = markdown ? "|" : "";
        for (size_t c = 0; c < rows[i].size(); ++c) {
            const std::string cell = fmt::format("{:>{}}", rows[i][c], width[c]);
            line += markdown ? " " + cell + " |" : (c ? "  " : "") + cell;
        }
        fmt::print("{}\n", line);
        if (markdown && i == 0) {
            std::string rule = "|";
            for (size_t c = 0; c < width.size(); ++c)
                rule += c ? "---:|" : "---|";
            fmt::print("{}\n", rule);
        }
    }
}

void print_tables(const Options& o, const std::vector<std::map<std::string, double>>& rows) {
    std::vector<std::vector<std::string>> main{
        {"households", "months", "wall s", "cpu s", "hh-months/s/core", "ns/hh-month", "peak MB",
         "B/hh (peak)", "B/hh (world)", "2t in replicate", "2t batch of 2", "load"}};
    for (size_t i = 0; i < rows.size(); ++i) {
        const auto& r = rows[i];
        const int n = o.sizes[i];
        const auto get = [&](const char* k) { return r.count(k) ? r.at(k) : 0.0; };
        if (r.empty()) {
            main.push_back({std::to_string(n), "failed", "", "", "", "", "", "", "", "", "", ""});
            continue;
        }
        const double hm = static_cast<double>(n) * o.months;
        const double cpu = get("cpu_1t");
        const auto ratio = [&](double a, double b) {
            return o.scaling ? fmt::format("{:.2f}x", a / b) : std::string("-");
        };
        main.push_back(
            {std::to_string(n), std::to_string(o.months), fmt::format("{:.2f}", get("seconds_1t")),
             fmt::format("{:.2f}", cpu), fmt::format("{:.3g}", hm / cpu),
             fmt::format("{:.1f}", 1e9 * cpu / hm), fmt::format("{:.1f}", get("peak_bytes") / 1e6),
             fmt::format("{:.0f}", get("peak_bytes") / n),
             fmt::format("{:.0f}", (get("peak_bytes") - get("base_bytes")) / n),
             ratio(get("seconds_1t"), get("seconds_2t")), ratio(get("batch_1t"), get("batch_2t")),
             fmt::format("{:.1f}", get("load"))});
    }
    print_table(main, o.markdown);
    fmt::print("\n");
    // CPU seconds per phase (one replicate, one thread) and its share of the replicate; with
    // scaling, the phase's wall seconds in the two-thread replicate and its speed-up (wall
    // seconds in the one-thread replicate over those).
    std::vector<std::vector<std::string>> phases{{"phase"}};
    for (int n : o.sizes) {
        phases[0].push_back(fmt::format("s @{:.0e}", static_cast<double>(n)));
        phases[0].push_back("%");
        if (o.scaling) {
            phases[0].push_back("2t wall s");
            phases[0].push_back("2t x");
        }
    }
    for (size_t p = 0; p < static_cast<size_t>(Phase::count); ++p) {
        const std::string key = fmt::format("phase.{}", housim::kPhaseNames[p]);
        std::vector<std::string> row{std::string(housim::kPhaseNames[p])};
        for (const auto& r : rows) {
            const auto get = [&](const std::string& k) { return r.count(k) ? r.at(k) : 0.0; };
            const double v = get(key);
            const double total = r.count("cpu_1t") ? r.at("cpu_1t") : 1.0;
            row.push_back(fmt::format("{:.3f}", v));
            row.push_back(fmt::format("{:.1f}", 100.0 * v / total));
            if (o.scaling) {
                const std::string name(housim::kPhaseNames[p]);
                const double w1 = get("wall_1t." + name);
                const double w2 = get("wall_2t." + name);
                row.push_back(fmt::format("{:.3f}", w2));
                row.push_back(w2 > 0 ? fmt::format("{:.2f}", w1 / w2) : std::string("-"));
            }
        }
        phases.push_back(row);
    }
    print_table(phases, o.markdown);
}

}  // namespace

int main(int argc, char** argv) {
    Options o;
    int child_size = 0;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--months" && i + 1 < argc) {
            o.months = std::atoi(argv[++i]);
        } else if (a == "--repeat" && i + 1 < argc) {
            o.repeat = std::max(1, std::atoi(argv[++i]));
        } else if (a == "--scenario" && i + 1 < argc) {
            o.scenario = std::filesystem::absolute(argv[++i]).string();
        } else if (a == "--child" && i + 1 < argc) {
            child_size = std::atoi(argv[++i]);
        } else if (a == "--no-scaling") {
            o.scaling = false;
        } else if (a == "--markdown") {
            o.markdown = true;
        } else {
            char* end = nullptr;
            const double size = std::strtod(argv[i], &end);
            const bool help = a == "--help" || a == "-h";
            if (help || end == argv[i] || *end != '\0' || size < 1 || size > 1e9) {
                fmt::print(stderr,
                           "usage: housim_macro_bench [--scenario FILE] [--months N] "
                           "[--repeat R] [--no-scaling] [--markdown] [SIZES...]\n"
                           "  FILE: a scenario (default: the built-in default city)\n"
                           "  SIZES: household counts, e.g. 1e4 1e5 1e6 (the default)\n");
                if (help) return 0;
                fmt::print(stderr, "error: '{}' is neither an option nor a size\n", a);
                return 2;
            }
            o.sizes.push_back(static_cast<int>(size));
        }
    }
    if (child_size > 0) return child(child_size, o);
    if (!o.scenario.empty()) {
        try {
            (void)housim::load_scenario(o.scenario);
        } catch (const housim::InputError& e) {
            fmt::print(stderr, "{}\n", e.what());
            return 2;
        }
    }
    if (o.sizes.empty()) o.sizes = {10000, 100000, 1000000};
    // Each size in a fresh process of this program (popen runs a shell: resolve the path).
    const std::string self = std::filesystem::read_symlink("/proc/self/exe").string();
    std::vector<std::map<std::string, double>> rows;
    for (int n : o.sizes) {
        rows.push_back(measure(self.c_str(), n, o));
        if (rows.back().empty()) fmt::print(stderr, "size {} failed\n", n);
    }
    print_tables(o, rows);
    fmt::print(
        "threads available: {}; times: best of {}. Rates are per CPU second of the one-thread "
        "run;\nscaling is wall time (1 thread / 2 threads); load: 1-minute load average before "
        "the size ran.\n",
        tbb::this_task_arena::max_concurrency(), o.repeat);
    for (const auto& r : rows) {
        if (r.empty()) return 1;
    }
    return 0;
}
