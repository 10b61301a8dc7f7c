#include "agents/household_rules.hpp"

#include <algorithm>
#include <cmath>

namespace housim {

// These two stay out of line: their tables (life_events.cpp) must evaluate std::exp at run
// time, exactly as the per-household calls did, never folded at compile time.

double income_age_profile(int age) {
    const double a = std::clamp(age, 20, 60) - 20;
    const double working = std::exp(0.04 * a - 0.0007 * a * a);  // peak near 48
    return age > 60 ? 0.65 * working : working;
}

double mortality_annual(int age, double scale) {
    return std::min(0.5, scale * std::exp(-10.4 + 0.088 * age));
}

}  // namespace housim
