#include "output/analysis_groups.hpp"

#include <cmath>

#include "output/h5_writer.hpp"

namespace housim {

namespace {

constexpr int kP05 = 2, kP95 = 6;  // summarize() columns

uint64_t u64(size_t n) {
    return static_cast<uint64_t>(n);
}

StringsData parameter_keys(const CalibSpec& spec) {
    StringsData s{"parameters", {}, "scenario key of each parameter"};
    for (const CalibParameter& p : spec.parameters)
        s.values.push_back(p.key);
    return s;
}

ArrayData bounds(const CalibSpec& spec) {
    ArrayData a{"bounds",
                {u64(spec.parameters.size()), 2},
                {},
                "parameter units",
                "min and max of each parameter"};
    for (const CalibParameter& p : spec.parameters) {
        a.values.push_back(p.min);
        a.values.push_back(p.max);
    }
    return a;
}

}  // namespace

std::pair<double, double> replicate_band(const PointMoments& m, size_t target) {
    std::vector<double> v;
    for (int k = 0; k < m.replicates; ++k)
        v.push_back(m.at(target, static_cast<size_t>(k)));
    const std::vector<double> q = summarize(v);
    return {q[kP05], q[kP95]};
}

GroupData calibration_group(const CalibSpec& spec, const CalibResult& r) {
    const size_t p = spec.parameters.size();
    const size_t t = spec.targets.size();
    const size_t e = r.trace.size();
    GroupData g;
    g.name = "calibration";
    g.attributes = {
        {"calib_toml", spec.text},
        {"calib_path", spec.path},
        {"global_stage", "NLopt GN_CRS2_LM: " + r.global_result},
        {"local_stage",
         std::string(p >= 2 ? "NLopt LN_BOBYQA: " : "NLopt LN_COBYLA: ") + r.local_result},
        {"standard_errors",
         "(J' W J)^-1, W = diag(1/sd^2), J by central differences; simulation "
         "noise ignored"}};
    g.strings.push_back(parameter_keys(spec));
    g.arrays.push_back(bounds(spec));
    g.arrays.push_back(ArrayData{
        "estimate", {u64(p)}, r.estimate, "parameter units", "fitted value of each parameter"});
    g.arrays.push_back(ArrayData{"standard_error",
                                 {u64(p)},
                                 r.se,
                                 "parameter units",
                                 "approximate standard error (NaN: not identified)"});
    g.arrays.push_back(ArrayData{"objective",
                                 {1},
                                 {r.objective},
                                 "",
                                 "sum of squared standardised distances at the estimate"});
    g.arrays.push_back(ArrayData{"replicates",
                                 {1},
                                 {static_cast<double>(spec.base.run.replicates)},
                                 "",
                                 "replicates per evaluation (common random numbers)"});
    ArrayData trace_x{"trace_parameters",
                      {u64(p), u64(e)},
                      std::vector<double>(p * e),
                      "parameter units",
                      "parameters x evaluations, in the order evaluated"};
    ArrayData trace_f{"trace_objective", {u64(e)}, {}, "", "objective of each evaluation"};
    ArrayData trace_s{"trace_stage",
                      {u64(e)},
                      {},
                      "",
                      "0 global stage, 1 local stage, 2 Jacobian at the estimate"};
    for (size_t j = 0; j < e; ++j) {
        for (size_t i = 0; i < p; ++i)
            trace_x.values[i * e + j] = r.trace[j].x[i];
        trace_f.values.push_back(r.trace[j].objective);
        trace_s.values.push_back(static_cast<double>(r.trace[j].stage));
    }
    g.arrays.push_back(std::move(trace_x));
    g.arrays.push_back(std::move(trace_f));
    g.arrays.push_back(std::move(trace_s));

    StringsData labels{"targets", {}, "each moment: metric, statistic, months"};
    StringsData metrics{"target_metric", {}, "output series of each moment"};
    StringsData origins{"target_origin", {}, "file and line that set each moment"};
    ArrayData value{"target_value", {u64(t)}, {}, "series units", "the moment's target value"};
    ArrayData sd{"target_sd", {u64(t)}, {}, "series units", "the target's sd (weight 1/sd^2)"};
    ArrayData first{"target_first_month", {u64(t)}, {}, "index", "first month (0: run.start)"};
    ArrayData last{"target_last_month", {u64(t)}, {}, "index", "last month of the window"};
    ArrayData mean{"simulated_mean", {u64(t)}, {}, "series units", "mean over replicates"};
    ArrayData p05{"simulated_p05", {u64(t)}, {}, "series units", "5% quantile over replicates"};
    ArrayData p95{"simulated_p95", {u64(t)}, {}, "series units", "95% quantile over replicates"};
    ArrayData z{"standardised_distance", {u64(t)}, {}, "", "(simulated mean - value) / sd"};
    const int reps = r.at_estimate.replicates;
    ArrayData per{"simulated_replicates",
                  {u64(t), u64(static_cast<size_t>(reps))},
                  r.at_estimate.per_replicate,
                  "series units",
                  "each replicate's statistic at the estimate"};
    for (size_t k = 0; k < t; ++k) {
        const CalibTarget& x = spec.targets[k];
        labels.values.push_back(x.label);
        metrics.values.push_back(x.metric);
        origins.values.push_back(x.origin);
        value.values.push_back(x.value);
        sd.values.push_back(x.sd);
        first.values.push_back(x.first);
        last.values.push_back(x.last);
        const double m = r.at_estimate.mean.empty() ? NAN : r.at_estimate.mean[k];
        mean.values.push_back(m);
        const auto [lo, hi] = replicate_band(r.at_estimate, k);
        p05.values.push_back(lo);
        p95.values.push_back(hi);
        z.values.push_back((m - x.value) / x.sd);
    }
    g.strings.push_back(std::move(labels));
    g.strings.push_back(std::move(metrics));
    g.strings.push_back(std::move(origins));
    for (ArrayData* a : {&value, &sd, &first, &last, &mean, &p05, &p95, &z, &per})
        g.arrays.push_back(std::move(*a));
    g.arrays.push_back(ArrayData{"jacobian",
                                 {u64(t), u64(p)},
                                 r.jacobian,
                                 "series units per parameter unit",
                                 "d simulated mean / d parameter at the estimate"});
    return g;
}

GroupData sensitivity_group(const CalibSpec& spec, const MorrisResult& r) {
    const size_t p = r.parameters;
    const size_t k = r.metrics;
    GroupData g;
    g.name = "sensitivity";
    g.attributes = {{"sens_toml", spec.text},
                    {"sens_path", spec.path},
                    {"method",
                     "Morris elementary effects; EE = change of the moment (mean over "
                     "replicates) per the parameter's whole range"}};
    g.strings.push_back(parameter_keys(spec));
    g.arrays.push_back(bounds(spec));
    StringsData labels{"metrics", {}, "each scored moment: metric, statistic, months"};
    for (const CalibTarget& x : spec.targets)
        labels.values.push_back(x.label);
    g.strings.push_back(std::move(labels));
    g.arrays.push_back(
        ArrayData{"trajectories", {1}, {static_cast<double>(spec.trajectories)}, "", ""});
    g.arrays.push_back(ArrayData{"levels", {1}, {static_cast<double>(spec.levels)}, "", ""});
    g.arrays.push_back(ArrayData{"replicates",
                                 {1},
                                 {static_cast<double>(spec.base.run.replicates)},
                                 "",
                                 "replicates per point (common random numbers)"});
    g.arrays.push_back(ArrayData{"mu_star",
                                 {u64(p), u64(k)},
                                 r.mu_star,
                                 "metric units per range",
                                 "mean |elementary effect|, parameters x metrics"});
    g.arrays.push_back(ArrayData{
        "mu", {u64(p), u64(k)}, r.mu, "metric units per range", "mean elementary effect"});
    g.arrays.push_back(ArrayData{"sigma",
                                 {u64(p), u64(k)},
                                 r.sigma,
                                 "metric units per range",
                                 "sd of the elementary effects (interactions, non-linearity)"});
    g.arrays.push_back(ArrayData{"elementary_effects",
                                 {u64(static_cast<size_t>(r.trajectories)), u64(p), u64(k)},
                                 r.ee,
                                 "metric units per range",
                                 "trajectories x parameters x metrics"});
    ArrayData pts{"points",
                  {u64(r.points.size()), u64(p)},
                  {},
                  "parameter units",
                  "the design's points, trajectory by trajectory"};
    for (const auto& x : r.points)
        pts.values.insert(pts.values.end(), x.begin(), x.end());
    g.arrays.push_back(std::move(pts));
    return g;
}

}  // namespace housim
