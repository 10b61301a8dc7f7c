// The one helper for statistical assertions: the tolerance is k standard errors of the
// mean, derived from the sample itself, with a guard on the sample size.
#pragma once

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace housim::test {

inline void expect_mean_within(const std::vector<double>& samples, double expected, double k_sigma,
                               size_t min_n) {
    ASSERT_GE(samples.size(), min_n) << "too few samples for a statistical test";
    double mean = 0;
    for (double x : samples)
        mean += x;
    mean /= static_cast<double>(samples.size());
    double var = 0;
    for (double x : samples)
        var += (x - mean) * (x - mean);
    var /= static_cast<double>(samples.size() - 1);
    const double se = std::sqrt(var / static_cast<double>(samples.size()));
    EXPECT_NEAR(mean, expected, k_sigma * se + 1e-12)
        << "mean " << mean << " vs " << expected << " (se " << se << ", k " << k_sigma << ")";
}

}  // namespace housim::test
