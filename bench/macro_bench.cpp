// City-scale macro benchmark: the whole engine (every phase and market) for one replicate
// at several sizes, on one thread and on all threads. Prints household-months per second
// per core, so that the figures compare across machines. Usage:
//   housim_macro_bench [--months N] [SIZES...]      (default sizes 1e4 1e5 1e6)
#include <fmt/format.h>
#include <tbb/task_arena.h>

#include <chrono>
#include <cstdlib>
#include <string>
#include <vector>

#include "sim/runner.hpp"
#include "sim/scenario_load.hpp"

namespace {

double seconds_for(const housim::Scenario& s, int threads) {
    const auto start = std::chrono::steady_clock::now();
    tbb::task_arena arena(threads);
    arena.execute([&] { (void)housim::run_replicate(s, 0, false); });
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
    int months = 120;
    std::vector<int> sizes;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--months" && i + 1 < argc) {
            months = std::atoi(argv[++i]);
        } else {
            sizes.push_back(static_cast<int>(std::atof(argv[i])));
        }
    }
    if (sizes.empty()) sizes = {10000, 100000, 1000000};
    const int cores = tbb::this_task_arena::max_concurrency();
    fmt::print("{:>10} {:>7} {:>12} {:>22} {:>12} {:>10}\n", "households", "months", "seconds(1t)",
               "hh-months/s/core (1t)", "seconds(Nt)", "speedup");
    for (int n : sizes) {
        // The default city at this size: same real city, scale adjusted.
        const double scale = 960000.0 / n;
        const housim::Scenario s =
            housim::load_scenario("", {{"run.households", std::to_string(n)},
                                       {"run.scale", fmt::format("{}", scale < 1 ? 1.0 : scale)},
                                       {"run.months", std::to_string(months)},
                                       {"run.burn_in_months", "0"}});
        const double t1 = seconds_for(s, 1);
        const double tn = cores > 1 ? seconds_for(s, cores) : t1;
        const double rate = static_cast<double>(n) * months / t1;
        fmt::print("{:>10} {:>7} {:>12.2f} {:>22.3g} {:>12.2f} {:>9.2f}x\n", n, months, t1, rate,
                   tn, t1 / tn);
    }
    fmt::print("threads available: {}\n", cores);
    return 0;
}
