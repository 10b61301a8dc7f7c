#include "sim/run/runner.hpp"

#include <fmt/format.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <cmath>
#include <mutex>

#include "sim/core/errors.hpp"
#include "sim/core/tsan.hpp"
#include "sim/metrics.hpp"
#include "sim/month/step.hpp"
#include "sim/world.hpp"

namespace housim {

namespace {

void append_month(const World& w, int month, ReplicateResult& r) {
    for (const MetricInfo& m : metric_registry()) {
        const double v = w.month.*m.field;
        r.values.push_back(m.scaling == Scaling::real_city ? v * w.scale : v);
    }
    const auto zone_metrics = zone_metric_registry();
    const size_t zones = w.zones.size();
    const auto months = static_cast<size_t>(r.months);
    for (size_t k = 0; k < zone_metrics.size(); ++k) {
        const ZoneMetricInfo& m = zone_metrics[k];
        const double factor = m.scaling == Scaling::real_city ? w.scale : 1.0;
        for (size_t z = 0; z < zones; ++z) {
            r.zone_values[(k * months + static_cast<size_t>(month)) * zones + z] =
                w.zones[z].month.*m.field * factor;
        }
    }
}

// Throws naming the series, month and value when the month just appended fails the guard.
void guard_month(const World& w, const Scenario& s, const ReplicateResult& r) {
    const auto registry = metric_registry();
    const std::span<const double> month(r.values.data() + r.values.size() - registry.size(),
                                        registry.size());
    const int bad = first_unreportable_value(month);
    const int reported = w.t - s.run.burn_in_months;
    if (bad < 0) {
        // The districts' series of the month, under the same rule.
        const auto zone_metrics = zone_metric_registry();
        const size_t zones = w.zones.size();
        for (size_t k = 0; k < zone_metrics.size(); ++k) {
            for (size_t z = 0; z < zones; ++z) {
                const double v = r.zone_values[(k * static_cast<size_t>(r.months) +
                                                static_cast<size_t>(reported)) *
                                                   zones +
                                               z];
                if (std::isfinite(v) ||
                    (v > 0 && zone_metrics[k].name.starts_with("digestion_cycle_")))
                    continue;
                throw std::runtime_error(fmt::format(
                    "non-finite value {} in series 'series_by_zone/{}' of district '{}' at month "
                    "{} (reported month {} of {}); nothing of this replicate is written",
                    v, zone_metrics[k].name, s.city.zones.names[z],
                    s.run.start.plus(reported).str(), reported + 1, s.run.months));
            }
        }
        return;
    }
    throw std::runtime_error(fmt::format(
        "non-finite value {} in series '{}' at month {} (reported month {} of {}); nothing "
        "of this replicate is written",
        month[static_cast<size_t>(bad)], registry[static_cast<size_t>(bad)].name,
        s.run.start.plus(reported).str(), reported + 1, s.run.months));
}

}  // namespace

int first_unreportable_value(std::span<const double> month_values) {
    const auto registry = metric_registry();
    for (size_t i = 0; i < month_values.size(); ++i) {
        const double v = month_values[i];
        if (std::isfinite(v)) continue;
        const bool documented_inf =
            v > 0 && i < registry.size() && registry[i].name.starts_with("digestion_cycle_");
        if (!documented_inf) return static_cast<int>(i);
    }
    return -1;
}

ReplicateResult run_replicate(const Scenario& s, uint32_t replicate, bool check, Progress* progress,
                              const std::atomic<bool>* stop, PhaseTimes* times) {
    PhaseClock clock(times);
    World w(s, replicate);
    clock.lap(Phase::init);
    w.phase_times = times;
    ReplicateResult r;
    r.replicate = replicate;
    r.months = s.run.months;
    r.values.reserve(static_cast<size_t>(s.run.months) * metric_registry().size());
    r.zone_values.assign(
        static_cast<size_t>(s.run.months) * zone_metric_registry().size() * w.zones.size(), 0.0);
    const int total = s.run.burn_in_months + s.run.months;
    for (w.t = 0; w.t < total; ++w.t) {
        if (stop && stop->load(std::memory_order_relaxed)) throw Interrupted();
        step_month(w, check);
        if (w.t >= s.run.burn_in_months) {
            append_month(w, w.t - s.run.burn_in_months, r);
            guard_month(w, s, r);
        }
        if (progress) progress->months_done.fetch_add(1, std::memory_order_relaxed);
    }
    if (progress) progress->replicates_done.fetch_add(1, std::memory_order_relaxed);
    return r;
}

std::vector<ReplicateFailure> run_replicates(const Scenario& s, const RunPlan& plan,
                                             ReplicateSink& sink, Progress* progress,
                                             const std::atomic<bool>* stop) {
    std::vector<ReplicateFailure> failures;
    std::mutex failures_mutex;
    const int threads = plan.threads > 0 ? plan.threads : tbb::this_task_arena::max_concurrency();
    tbb::task_arena arena(threads);
    ForkJoin sync;  // for ThreadSanitizer only (sim/core/tsan.hpp)
    sync.fork();
    arena.execute([&] {
        tbb::parallel_for(uint32_t{0}, plan.replicates, [&](uint32_t i) {
            const ForkJoin::Task task(sync);
            const uint32_t k = plan.first_replicate + i;
            try {
                // Isolated: while this replicate waits on its own parallel phases, its
                // thread may help with them but must not start another replicate (which
                // would hold a second world in memory and delay this one).
                ReplicateResult r;
                tbb::this_task_arena::isolate(
                    [&] { r = run_replicate(s, k, plan.check, progress, stop); });
                sink.accept(std::move(r));
            } catch (const Interrupted&) {
                throw;
            } catch (const std::exception& e) {
                if (!plan.keep_going) {
                    throw std::runtime_error(
                        fmt::format("replicate {} (seed {}) failed: {}", k, s.run.seed, e.what()));
                }
                const std::lock_guard lock(failures_mutex);
                failures.push_back(ReplicateFailure{k, s.run.seed, e.what()});
            }
        });
    });
    sync.join();
    std::sort(failures.begin(), failures.end(),
              [](const ReplicateFailure& a, const ReplicateFailure& b) {
                  return a.replicate < b.replicate;
              });
    return failures;
}

}  // namespace housim
