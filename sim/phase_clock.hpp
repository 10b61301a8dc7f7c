// Optional wall-clock time per phase of the month, for the benchmarks (bench/). A World
// carries a null PhaseTimes pointer unless a benchmark sets one; then step_month adds each
// phase's seconds to it. Unset, a lap is one predictable branch: nothing is measured in the
// ordinary run, and nothing here can change a result.
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <string_view>

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
    prices,          // 9
    accounting,      // 10
    check,           // --check identities
    count
};

inline constexpr std::array<std::string_view, static_cast<std::size_t>(Phase::count)> kPhaseNames{
    "init",           "begin_month", "exogenous",    "policy",    "life_events",
    "finance_upkeep", "land_market", "construction", "decisions", "housing_market",
    "rental_market",  "prices",      "accounting",   "check"};

struct PhaseTimes {
    std::array<double, static_cast<std::size_t>(Phase::count)> seconds{};
    double& operator[](Phase p) { return seconds[static_cast<std::size_t>(p)]; }
    double total() const {
        double s = 0;
        for (double x : seconds)
            s += x;
        return s;
    }
};

// Laps of one month: each lap adds the time since the previous one to a phase.
class PhaseClock {
  public:
    using Clock = std::chrono::steady_clock;
    explicit PhaseClock(PhaseTimes* times) : times_(times) {
        if (times_) last_ = Clock::now();
    }
    void lap(Phase p) {
        if (!times_) return;
        const Clock::time_point now = Clock::now();
        (*times_)[p] += std::chrono::duration<double>(now - last_).count();
        last_ = now;
    }

  private:
    PhaseTimes* times_;
    Clock::time_point last_{};
};

}  // namespace housim
