// The numeric guard of sim/run/runner.hpp: a reported month holding NaN, -inf, or +inf in a
// series that does not document it, is caught (and the replicate fails naming month and
// series) instead of being written.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "sim/metrics.hpp"
#include "sim/run/runner.hpp"

namespace housim {
namespace {

size_t index_of(std::string_view name) {
    const auto registry = metric_registry();
    for (size_t i = 0; i < registry.size(); ++i)
        if (registry[i].name == name) return i;
    ADD_FAILURE() << "no series " << name;
    return 0;
}

TEST(NumericGuard, FindsTheFirstValueNoSeriesMayHold) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    std::vector<double> month(metric_registry().size(), 1.0);
    EXPECT_EQ(first_unreportable_value(month), -1);

    // +inf is the documented "nothing sold" of the digestion cycles only (docs/metrics.md).
    const size_t cycle = index_of("digestion_cycle_narrow_months");
    month[cycle] = inf;
    EXPECT_EQ(first_unreportable_value(month), -1);
    month[cycle] = -inf;
    EXPECT_EQ(first_unreportable_value(month), static_cast<int>(cycle));
    month[cycle] = nan;
    EXPECT_EQ(first_unreportable_value(month), static_cast<int>(cycle));
    month[cycle] = inf;

    const size_t owners = index_of("homeownership_rate");
    month[owners] = nan;
    EXPECT_EQ(first_unreportable_value(month), static_cast<int>(owners));
    month[owners] = inf;
    EXPECT_EQ(first_unreportable_value(month), static_cast<int>(owners));

    // The first offender in registry order is named when there are several.
    const size_t first = 0;
    month[first] = nan;
    EXPECT_EQ(first_unreportable_value(month), 0);
}

}  // namespace
}  // namespace housim
