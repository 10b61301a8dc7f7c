// Micro-benchmarks of each phase of the month (Google Benchmark), on a prepared World: the
// default city at 1e5 households (scale 9.6), advanced three months. Each iteration copies
// the prepared world (not timed), steps one whole month with phase timing on, and reports
// the phase's own time, so every phase runs in its real context (orders, listings, prices
// of that month) and the phase script is not duplicated here. The argument is the number
// of threads (1 or 2). Usage: housim_phase_bench [--benchmark_filter=REGEX] ...
#include <benchmark/benchmark.h>
#include <tbb/task_arena.h>

#include <string>

#include "sim/core/phase_clock.hpp"
#include "sim/core/rng.hpp"
#include "sim/month/decisions.hpp"
#include "sim/month/step.hpp"
#include "sim/scenario/scenario_load.hpp"
#include "sim/world.hpp"

namespace {

using housim::Phase;

constexpr int kHouseholds = 100000;
constexpr int kWarmupMonths = 3;

const housim::Scenario& scenario() {
    static const housim::Scenario s =
        housim::load_scenario("", {{"run.households", std::to_string(kHouseholds)},
                                   {"run.scale", "9.6"},
                                   {"run.months", "24"},
                                   {"run.burn_in_months", "0"}});
    return s;
}

const housim::World& prepared() {
    static const housim::World* w = [] {
        auto* world = new housim::World(scenario(), 0);
        for (world->t = 0; world->t < kWarmupMonths; ++world->t)
            housim::step_month(*world, false);
        return world;
    }();
    return *w;
}

void phase(benchmark::State& state, Phase p) {
    tbb::task_arena arena(static_cast<int>(state.range(0)));
    const housim::World& base = prepared();
    for (auto _ : state) {
        housim::World w = base;
        housim::PhaseTimes times;
        w.phase_times = &times;
        arena.execute([&] { housim::step_month(w, false); });
        state.SetIterationTime(times[p]);
    }
}

void register_phases() {
    for (size_t i = 0; i < static_cast<size_t>(Phase::count); ++i) {
        const auto p = static_cast<Phase>(i);
        if (p == Phase::init || p == Phase::check) continue;
        const std::string name = "phase/" + std::string(housim::kPhaseNames[i]);
        benchmark::RegisterBenchmark(name.c_str(), phase, p)
            ->Arg(1)
            ->Arg(2)
            ->UseManualTime()
            ->Iterations(12)
            ->Unit(benchmark::kMillisecond);
    }
}

// The whole month, for reference.
void whole_month(benchmark::State& state) {
    tbb::task_arena arena(static_cast<int>(state.range(0)));
    const housim::World& base = prepared();
    for (auto _ : state) {
        state.PauseTiming();
        housim::World w = base;
        state.ResumeTiming();
        arena.execute([&] { housim::step_month(w, false); });
    }
}
BENCHMARK(whole_month)->Arg(1)->Arg(2)->Iterations(12)->Unit(benchmark::kMillisecond);

// The decisions alone, called directly (they only read the world).
void decisions_direct(benchmark::State& state) {
    tbb::task_arena arena(static_cast<int>(state.range(0)));
    housim::World w = prepared();
    for (auto _ : state) {
        arena.execute([&] { benchmark::DoNotOptimize(housim::household_decisions(w)); });
    }
}
BENCHMARK(decisions_direct)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond);

// One keyed Philox stream and one block of four draws: the unit cost of randomness.
void rng_stream(benchmark::State& state) {
    const housim::Rng rng(20250101, 0);
    uint32_t h = 0;
    for (auto _ : state) {
        housim::RngStream s = rng.stream(h++, 7, housim::RngPurpose::life_events);
        benchmark::DoNotOptimize(s() + s() + s() + s());
    }
}
BENCHMARK(rng_stream);

}  // namespace

int main(int argc, char** argv) {
    register_phases();
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
