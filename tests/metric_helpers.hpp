// Reading a finished replicate's series by metric name (tests).
#pragma once

#include <gtest/gtest.h>

#include <cstddef>
#include <string_view>

#include "sim/metrics.hpp"
#include "sim/run/runner.hpp"

namespace housim::test {

// Column of `name` in a ReplicateResult's rows (metric_registry() order).
inline size_t metric_column(std::string_view name) {
    const auto registry = metric_registry();
    for (size_t i = 0; i < registry.size(); ++i) {
        if (registry[i].name == name) return i;
    }
    ADD_FAILURE() << "no metric " << name;
    return 0;
}

// Mean of metric `name` over the last `months` reported months of a replicate.
inline double tail_mean(const ReplicateResult& res, std::string_view name, int months) {
    const size_t n = metric_registry().size();
    const size_t c = metric_column(name);
    double s = 0;
    for (int m = res.months - months; m < res.months; ++m)
        s += res.values[static_cast<size_t>(m) * n + c];
    return s / months;
}

}  // namespace housim::test
