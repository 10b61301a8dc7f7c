// Helpers for lever tests: a small city and ways to find or shape agents in it.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "sim/markets/ownership.hpp"
#include "sim/month/step.hpp"
#include "sim/world.hpp"
#include "tests/small_world.hpp"

namespace housim::test {

// The first active household matching `pred`, or -1.
template <class Pred>
int32_t find_household(const World& w, Pred pred) {
    for (int32_t h = 0; h < w.hh.capacity(); ++h) {
        if (w.hh.active[h] && pred(h)) return h;
    }
    return -1;
}

// The cheapest project with units on offer, permitted, completed or not as asked.
inline int32_t find_project(const World& w, bool completed) {
    int32_t best = -1;
    for (size_t i = 0; i < w.projects.size(); ++i) {
        const Project& p = w.projects[i];
        if (!p.permitted() || p.available() <= 0 || (p.stage == Stage::completed) != completed) {
            continue;
        }
        const auto price = [&](const Project& q) { return q.list_price_per_m2 * q.unit_area_m2; };
        if (best < 0 || price(p) < price(w.projects[static_cast<size_t>(best)])) {
            best = static_cast<int32_t>(i);
        }
    }
    return best;
}

// Makes h a renter with `savings` and `income` who owns nothing and has no loan history.
inline void make_first_time_buyer(World& w, int32_t h, double savings, double income) {
    ASSERT_EQ(w.hh.homes_owned[h], 0);
    w.hh.savings[h] = savings;
    w.hh.pf_balance[h] = 0;
    w.hh.income_month[h] = static_cast<float>(income);
    w.hh.debt_payment_month[h] = 0;
    w.hh.parent[h] = -1;
    w.hh.flags[h] = 0;
    w.hp.history[h] = 0;
}

// Runs the world's months [from, to).
inline void run_months(World& w, int from, int to) {
    for (w.t = from; w.t < to; ++w.t)
        step_month(w, true);
    w.t = to - 1;
}

}  // namespace housim::test
