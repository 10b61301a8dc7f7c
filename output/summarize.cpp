// summarize() (declared in h5_writer.hpp): the per-month statistics across replicates that
// end_run writes to /runs/<run>/summary.
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <vector>

#include "output/h5_writer.hpp"

namespace housim {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr std::array kProbabilities{0.05, 0.25, 0.50, 0.75, 0.95};

// Sample mean and sd (n - 1) of the finite values: an infinite or NaN replicate (a ratio
// over an empty market, a failed replicate's fill) would otherwise poison the moments.
std::array<double, 2> moments(const std::vector<double>& values) {
    double sum = 0;
    size_t n = 0;
    for (const double x : values) {
        if (std::isfinite(x)) {
            sum += x;
            ++n;
        }
    }
    if (n == 0) return {kNaN, kNaN};
    const double mean = sum / static_cast<double>(n);
    if (n == 1) return {mean, 0.0};
    double squares = 0;  // second pass about the mean: no cancellation for large levels
    for (const double x : values) {
        if (std::isfinite(x)) squares += (x - mean) * (x - mean);
    }
    return {mean, std::sqrt(squares / static_cast<double>(n - 1))};
}

// R's quantile type 7 on sorted values: h = (n - 1) p, then linear interpolation between
// the order statistics around h, written as R does ((1 - f) a + f b, and a alone when the
// neighbours are equal or f = 0) so that a +inf neighbour yields +inf rather than NaN.
double quantile_type7(const std::vector<double>& sorted, double p) {
    const double h = static_cast<double>(sorted.size() - 1) * p;
    const auto lo = static_cast<size_t>(std::floor(h));
    const double f = h - static_cast<double>(lo);
    const double a = sorted[lo];
    if (f == 0 || lo + 1 >= sorted.size()) return a;
    const double b = sorted[lo + 1];
    if (a == b) return a;
    return (1 - f) * a + f * b;
}

}  // namespace

std::vector<double> summarize(std::vector<double> values) {
    const std::array<double, 2> mean_sd = moments(values);
    std::vector<double> out{mean_sd[0], mean_sd[1]};

    // Quantiles keep infinities: +inf sorts last, so an upper quantile may be +inf, which is
    // what a reader of "p95" should see when a tail of replicates diverges.
    std::erase_if(values, [](double x) { return std::isnan(x); });
    std::sort(values.begin(), values.end());
    for (const double p : kProbabilities) {
        out.push_back(values.empty() ? kNaN : quantile_type7(values, p));
    }
    return out;
}

}  // namespace housim
