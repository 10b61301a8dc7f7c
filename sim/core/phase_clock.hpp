// Optional time per phase of the month, for the benchmarks (bench/). A World carries a null
// PhaseTimes pointer unless a benchmark sets one; then step_month adds each phase's
// wall-clock seconds and the process's CPU seconds to it (on a shared machine the CPU time
// of a one-thread run is the steadier figure). Unset, a lap is one predictable branch:
// nothing is measured in the ordinary run, and nothing here can change a result.
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <string_view>

#include <time.h>

namespace housim {

enum class Phase : std::size_t {
    init,            // the World's construction (initial city), once per replicate
    begin_month,     // reset of the month's flows and ledger
    exogenous,       // 1
    policy,          // 2
    life_events,     // 3
    finance_upkeep,  // 4
    land_market,     // 5
    construction,    // 6
    decisions,       // 7
    housing_market,  // 8: tenancies ended, listings opened, new and resale homes cleared
    rental_market,   // 8: rentals cleared
    programmes,      // 8: SOE affordable housing, household programmes (after the markets)
    prices,          // 9
    accounting,      // 10
    check,           // --check identities
    count
};

inline constexpr std::array<std::string_view, static_cast<std::size_t>(Phase::count)> kPhaseNames{
    "init",           "begin_month", "exogenous",    "policy",     "life_events",
    "finance_upkeep", "land_market", "construction", "decisions",  "housing_market",
    "rental_market",  "programmes",  "prices",       "accounting", "check"};

struct PhaseTimes {
    std::array<double, static_cast<std::size_t>(Phase::count)> seconds{};      // wall clock
    std::array<double, static_cast<std::size_t>(Phase::count)> cpu_seconds{};  // all threads
    double& operator[](Phase p) { return seconds[static_cast<std::size_t>(p)]; }
    double& cpu(Phase p) { return cpu_seconds[static_cast<std::size_t>(p)]; }
};

inline double process_cpu_seconds() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

// Laps of one month: each lap adds the time since the previous one to a phase.
class PhaseClock {
  public:
    using Clock = std::chrono::steady_clock;
    explicit PhaseClock(PhaseTimes* times) : times_(times) {
        if (times_) {
            last_ = Clock::now();
            last_cpu_ = process_cpu_seconds();
        }
    }
    void lap(Phase p) {
        if (!times_) return;
        const Clock::time_point now = Clock::now();
        const double cpu = process_cpu_seconds();
        (*times_)[p] += std::chrono::duration<double>(now - last_).count();
        times_->cpu(p) += cpu - last_cpu_;
        last_ = now;
        last_cpu_ = cpu;
    }

  private:
    PhaseTimes* times_;
    Clock::time_point last_{};
    double last_cpu_ = 0;
};

}  // namespace housim
