#include "sim/calibrate/morris.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "sim/calibrate/moments.hpp"
#include "sim/core/rng.hpp"

namespace housim {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// Counter tag of the design's draws: not a model stream (no world, no month), so it has no
// RngPurpose; keyed by the run's seed like every stream.
constexpr uint32_t kMorrisTag = 0x4D4F5252;  // "MORR"

}  // namespace

std::vector<std::vector<double>> morris_design(const CalibSpec& spec) {
    const size_t p = spec.parameters.size();
    const int levels = spec.levels;
    const double delta = levels / (2.0 * (levels - 1));
    const uint64_t seed = spec.base.run.seed;
    const RngStream::Philox::key_type key{
        {static_cast<uint32_t>(seed), static_cast<uint32_t>(seed >> 32)}};
    std::vector<std::vector<double>> out;
    for (int r = 0; r < spec.trajectories; ++r) {
        RngStream rng(key,
                      RngStream::Philox::ctr_type{{kMorrisTag, static_cast<uint32_t>(r), 0, 0}});
        std::vector<double> x(p);
        for (double& v : x)
            v = static_cast<double>(rng.uniform_index(static_cast<uint32_t>(levels))) /
                (levels - 1);
        std::vector<size_t> order(p);
        std::iota(order.begin(), order.end(), size_t{0});
        for (size_t i = p; i > 1; --i)  // Fisher-Yates
            std::swap(order[i - 1], order[rng.uniform_index(static_cast<uint32_t>(i))]);
        out.push_back(x);
        for (const size_t i : order) {
            // Up when that stays in the box, down otherwise: with an even number of levels
            // either lands on the grid.
            x[i] = x[i] + delta <= 1 + 1e-12 ? x[i] + delta : x[i] - delta;
            x[i] = std::clamp(x[i], 0.0, 1.0);
            out.push_back(x);
        }
    }
    return out;
}

MorrisResult morris(const CalibSpec& spec, int threads, Progress* progress,
                    const std::atomic<bool>* stop) {
    const size_t p = spec.parameters.size();
    const size_t k = spec.targets.size();
    const std::vector<std::vector<double>> unit = morris_design(spec);
    MorrisResult res;
    res.parameters = p;
    res.metrics = k;
    res.trajectories = spec.trajectories;
    for (const std::vector<double>& u : unit) {
        std::vector<double> x;
        for (size_t i = 0; i < p; ++i)
            x.push_back(from_unit(spec.parameters[i], u[i]));
        res.points.push_back(std::move(x));
    }
    // Every point of every trajectory and its replicates in one parallel loop.
    const std::vector<PointMoments> m = evaluate_points(spec, res.points, threads, progress, stop);
    for (const PointMoments& pm : m)
        res.failed_points += pm.failure.empty() ? 0 : 1;
    res.ee.assign(static_cast<size_t>(spec.trajectories) * p * k, kNaN);
    for (int r = 0; r < spec.trajectories; ++r) {
        const size_t base = static_cast<size_t>(r) * (p + 1);
        for (size_t s = 0; s < p; ++s) {
            const std::vector<double>& a = res.points[base + s];
            const std::vector<double>& b = res.points[base + s + 1];
            size_t i = 0;  // the parameter this step changed
            while (i < p && unit[base + s][i] == unit[base + s + 1][i])
                ++i;
            if (i == p) continue;
            // The change actually made, per the whole range (integer keys round).
            const CalibParameter& par = spec.parameters[i];
            const double step = (b[i] - a[i]) / (par.max - par.min);
            const PointMoments& ma = m[base + s];
            const PointMoments& mb = m[base + s + 1];
            for (size_t t = 0; t < k; ++t) {
                const bool ok = step != 0 && ma.failure.empty() && mb.failure.empty();
                res.ee[(static_cast<size_t>(r) * p + i) * k + t] =
                    ok ? (mb.mean[t] - ma.mean[t]) / step : kNaN;
            }
        }
    }
    res.mu.assign(p * k, kNaN);
    res.mu_star.assign(p * k, kNaN);
    res.sigma.assign(p * k, kNaN);
    for (size_t i = 0; i < p; ++i) {
        for (size_t t = 0; t < k; ++t) {
            std::vector<double> e;
            for (int r = 0; r < spec.trajectories; ++r) {
                const double v = res.ee[(static_cast<size_t>(r) * p + i) * k + t];
                if (std::isfinite(v)) e.push_back(v);
            }
            if (e.empty()) continue;
            double sum = 0, abs_sum = 0;
            for (const double v : e) {
                sum += v;
                abs_sum += std::abs(v);
            }
            const double mean = sum / static_cast<double>(e.size());
            res.mu[i * k + t] = mean;
            res.mu_star[i * k + t] = abs_sum / static_cast<double>(e.size());
            if (e.size() > 1) {
                double ss = 0;
                for (const double v : e)
                    ss += (v - mean) * (v - mean);
                res.sigma[i * k + t] = std::sqrt(ss / static_cast<double>(e.size() - 1));
            }
        }
    }
    return res;
}

}  // namespace housim
