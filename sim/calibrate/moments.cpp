#include "sim/calibrate/moments.hpp"

#include <cmath>
#include <mutex>

#include "sim/metrics.hpp"
#include "sim/run/sweep_runner.hpp"

namespace housim {

namespace {

// Keeps each finished replicate's statistics only (a few numbers), not its series.
class MomentSink final : public SweepSink {
  public:
    MomentSink(const CalibSpec& spec, std::vector<PointMoments>& out) : spec_(spec), out_(out) {}
    void accept(size_t cell, ReplicateResult&& r) override {
        const size_t metrics = metric_registry().size();
        PointMoments& m = out_[cell];
        for (size_t t = 0; t < spec_.targets.size(); ++t) {
            m.per_replicate[t * static_cast<size_t>(m.replicates) + r.replicate] =
                target_statistic(spec_.targets[t], r.values, metrics);
        }
    }

  private:
    const CalibSpec& spec_;
    std::vector<PointMoments>& out_;
};

void finish(const CalibSpec& spec, PointMoments& m) {
    m.mean.assign(spec.targets.size(), 0.0);
    for (size_t t = 0; t < spec.targets.size(); ++t) {
        double sum = 0;
        for (int k = 0; k < m.replicates; ++k)
            sum += m.at(t, static_cast<size_t>(k));
        m.mean[t] = sum / m.replicates;
    }
}

}  // namespace

double target_statistic(const CalibTarget& t, std::span<const double> values, size_t metrics) {
    auto v = [&](int month) {
        return values[static_cast<size_t>(month) * metrics + t.metric_index];
    };
    switch (t.statistic) {
        case Statistic::mean: {
            double sum = 0;
            for (int m = t.first; m <= t.last; ++m)
                sum += v(m);
            return sum / (t.last - t.first + 1);
        }
        case Statistic::last:
            return v(t.last);
        case Statistic::change:
            return v(t.last) - v(t.first);
        case Statistic::growth:
            return v(t.first) != 0 ? v(t.last) / v(t.first) - 1
                                   : std::numeric_limits<double>::quiet_NaN();
    }
    return std::numeric_limits<double>::quiet_NaN();
}

std::vector<PointMoments> evaluate_points(const CalibSpec& spec,
                                          const std::vector<std::vector<double>>& points,
                                          int threads, Progress* progress,
                                          const std::atomic<bool>* stop) {
    const int replicates = spec.base.run.replicates;
    std::vector<PointMoments> out(points.size());
    for (PointMoments& m : out) {
        m.replicates = replicates;
        m.per_replicate.assign(spec.targets.size() * static_cast<size_t>(replicates),
                               std::numeric_limits<double>::quiet_NaN());
    }
    const Sweep sweep = point_sweep(spec, points);
    MomentSink sink(spec, out);
    SweepPlan plan{threads, false, true};
    SweepProgress sweep_progress;
    const std::vector<SweepFailure> failures =
        run_sweep_anywhere(sweep, plan, sink, &sweep_progress, stop);
    if (progress) {
        progress->months_done += sweep_progress.replicates.months_done.load();
        progress->replicates_done += sweep_progress.replicates.replicates_done.load();
    }
    for (const SweepFailure& f : failures) {
        if (out[f.cell].failure.empty()) {
            out[f.cell].failure =
                "replicate " + std::to_string(f.failure.replicate) + ": " + f.failure.message;
        }
    }
    // Under MPI only rank 0 has the results: every rank takes them from it.
    for (PointMoments& m : out)
        share_from_first(m.per_replicate, m.failure);
    for (PointMoments& m : out)
        finish(spec, m);
    return out;
}

PointMoments evaluate_scenario(const CalibSpec& spec, const Scenario& s, int threads) {
    PointMoments m;
    m.replicates = s.run.replicates;
    m.per_replicate.assign(spec.targets.size() * static_cast<size_t>(m.replicates),
                           std::numeric_limits<double>::quiet_NaN());
    class Sink final : public ReplicateSink {
      public:
        Sink(const CalibSpec& sp, PointMoments& pm) : spec_(sp), m_(pm) {}
        void accept(ReplicateResult&& r) override {
            const size_t metrics = metric_registry().size();
            for (size_t t = 0; t < spec_.targets.size(); ++t) {
                m_.per_replicate[t * static_cast<size_t>(m_.replicates) + r.replicate] =
                    target_statistic(spec_.targets[t], r.values, metrics);
            }
        }

      private:
        const CalibSpec& spec_;
        PointMoments& m_;
    } sink(spec, m);
    RunPlan plan;
    plan.replicates = static_cast<uint32_t>(m.replicates);
    plan.threads = threads;
    run_replicates(s, plan, sink);
    finish(spec, m);
    return m;
}

double objective_of(const CalibSpec& spec, const PointMoments& m) {
    if (!m.failure.empty()) return kFailedObjective;
    double sum = 0;
    for (size_t t = 0; t < spec.targets.size(); ++t) {
        const double z = (m.mean[t] - spec.targets[t].value) / spec.targets[t].sd;
        if (!std::isfinite(z)) return kFailedObjective;
        sum += z * z;
    }
    return std::min(sum, kFailedObjective);
}

}  // namespace housim
