#include "sim/calibrate/calibrate.hpp"

#include <fmt/format.h>
#include <nlopt.hpp>

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <exception>
#include <limits>
#include <map>

#include "sim/core/errors.hpp"

namespace housim {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

const char* result_name(nlopt::result r) {
    switch (r) {
        case nlopt::SUCCESS:
            return "success";
        case nlopt::STOPVAL_REACHED:
            return "stopval reached";
        case nlopt::FTOL_REACHED:
            return "ftol reached";
        case nlopt::XTOL_REACHED:
            return "xtol reached";
        case nlopt::MAXEVAL_REACHED:
            return "evaluation budget used";
        case nlopt::MAXTIME_REACHED:
            return "time limit";
        case nlopt::ROUNDOFF_LIMITED:
            return "roundoff limited";
        case nlopt::FORCED_STOP:
            return "stopped";
        default:
            return "failed";
    }
}

// The objective as NLopt sees it: a point of the unit box, run (or found in the cache: the
// local stage revisits points, and a point's objective never changes under common random
// numbers), recorded in the trace.
class Objective {
  public:
    Objective(const CalibSpec& spec, int threads, const CalibProgressFn& progress,
              const std::atomic<bool>* stop, CalibResult& result)
        : spec_(spec), threads_(threads), progress_(progress), stop_(stop), result_(result) {}

    std::vector<double> natural(const double* u) const {
        std::vector<double> x;
        for (size_t i = 0; i < spec_.parameters.size(); ++i)
            x.push_back(from_unit(spec_.parameters[i], u[i]));
        return x;
    }

    double operator()(const double* u, Stage stage) {
        const std::vector<double> x = natural(u);
        if (const auto it = cache_.find(x); it != cache_.end()) return it->second;
        PointMoments m = std::move(evaluate_points(spec_, {x}, threads_, nullptr, stop_)[0]);
        return record(x, std::move(m), stage);
    }

    double record(const std::vector<double>& x, PointMoments m, Stage stage) {
        const double f = objective_of(spec_, m);
        cache_[x] = f;
        result_.trace.push_back(Evaluation{x, f, stage});
        if (stage != Stage::jacobian && (best_x_.empty() || f < best_f_)) {
            best_f_ = f;
            best_x_ = x;
            best_u_.clear();
            for (size_t i = 0; i < x.size(); ++i) {
                const CalibParameter& p = spec_.parameters[i];
                best_u_.push_back((x[i] - p.min) / (p.max - p.min));
            }
            best_m_ = std::move(m);
        }
        if (progress_) progress_(static_cast<int>(result_.trace.size()), best_f_);
        return f;
    }

    const std::vector<double>& best_u() const { return best_u_; }
    const std::vector<double>& best_x() const { return best_x_; }
    double best_f() const { return best_f_; }
    const PointMoments& best_moments() const { return best_m_; }

    std::exception_ptr error;  // an exception from a run, rethrown after NLopt returns
    Stage current = Stage::global;

  private:
    const CalibSpec& spec_;
    int threads_;
    const CalibProgressFn& progress_;
    const std::atomic<bool>* stop_;
    CalibResult& result_;
    std::map<std::vector<double>, double> cache_;
    std::vector<double> best_u_, best_x_;
    double best_f_ = std::numeric_limits<double>::infinity();
    PointMoments best_m_;
};

struct CallbackData {
    Objective* objective;
    nlopt::opt* opt;
};

double callback(unsigned, const double* u, double*, void* data) {
    auto* d = static_cast<CallbackData*>(data);
    try {
        return (*d->objective)(u, d->objective->current);
    } catch (...) {
        d->objective->error = std::current_exception();
        d->opt->force_stop();
        return kFailedObjective;
    }
}

std::string run_stage(nlopt::opt& opt, Objective& obj, std::vector<double>& u) {
    CallbackData data{&obj, &opt};
    opt.set_lower_bounds(0.0);
    opt.set_upper_bounds(1.0);
    opt.set_min_objective(callback, &data);
    double f = 0;
    nlopt::result r = nlopt::FAILURE;
    try {
        r = opt.optimize(u, f);
    } catch (const nlopt::forced_stop&) {
        r = nlopt::FORCED_STOP;
    } catch (const nlopt::roundoff_limited&) {
        r = nlopt::ROUNDOFF_LIMITED;
    } catch (const std::runtime_error&) {
        r = nlopt::FAILURE;
    }
    if (obj.error) std::rethrow_exception(obj.error);
    return result_name(r);
}

}  // namespace

std::vector<double> standard_errors(const std::vector<double>& jacobian,
                                    const std::vector<double>& sds, size_t parameters) {
    const size_t targets = sds.size();
    Eigen::MatrixXd j(static_cast<Eigen::Index>(targets), static_cast<Eigen::Index>(parameters));
    for (size_t t = 0; t < targets; ++t) {
        for (size_t i = 0; i < parameters; ++i)
            j(static_cast<Eigen::Index>(t), static_cast<Eigen::Index>(i)) =
                jacobian[t * parameters + i] / sds[t];  // W^(1/2) J
    }
    const Eigen::MatrixXd info = j.transpose() * j;
    std::vector<double> se(parameters, kNaN);
    if (!info.allFinite()) return se;
    const Eigen::FullPivLU<Eigen::MatrixXd> lu(info);
    if (!lu.isInvertible()) return se;
    const Eigen::MatrixXd cov = lu.inverse();
    for (size_t i = 0; i < parameters; ++i) {
        const double v = cov(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(i));
        se[i] = v >= 0 ? std::sqrt(v) : kNaN;
    }
    return se;
}

CalibResult calibrate(const CalibSpec& spec, int threads, const CalibProgressFn& progress,
                      const std::atomic<bool>* stop) {
    const auto n = static_cast<unsigned>(spec.parameters.size());
    CalibResult result;
    Objective obj(spec, threads, progress, stop, result);
    std::vector<double> u(n, 0.5);
    // NLopt's own random numbers (the CRS2 population) from the run's seed: the same fit
    // at every run of the same file.
    nlopt::srand(static_cast<unsigned long>(spec.base.run.seed));
    {
        // The centre of the box first, so even a zero budget has a point.
        obj.current = Stage::global;
        obj(u.data(), Stage::global);
    }
    if (spec.evaluations_global > 1) {
        obj.current = Stage::global;
        nlopt::opt g(nlopt::GN_CRS2_LM, n);
        // CRS2 evaluates its whole population first: keep it within the budget.
        const unsigned pop = std::max(
            n + 1, std::min(10 * (n + 1), static_cast<unsigned>(spec.evaluations_global / 2)));
        g.set_population(pop);
        g.set_maxeval(spec.evaluations_global - 1);
        g.set_xtol_abs(spec.xtol);
        std::vector<double> start = u;
        result.global_result = run_stage(g, obj, start);
    } else {
        result.global_result = "skipped";
    }
    if (spec.evaluations_local > 0) {
        obj.current = Stage::local;
        // BOBYQA from each of the best few points of the global stage (distinct points, best
        // first), sharing the budget: the objective is rough at the scale of single agents'
        // decisions, so one local search can stall on a ridge far from the minimum.
        std::vector<std::pair<double, std::vector<double>>> starts;
        for (const Evaluation& e : result.trace) {
            std::vector<double> v;
            for (size_t i = 0; i < e.x.size(); ++i) {
                const CalibParameter& p = spec.parameters[i];
                v.push_back((e.x[i] - p.min) / (p.max - p.min));
            }
            starts.emplace_back(e.objective, std::move(v));
        }
        std::stable_sort(starts.begin(), starts.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
        const size_t k = std::min(starts.size(), static_cast<size_t>(spec.local_starts));
        std::vector<std::string> codes;
        for (size_t s = 0; s < k; ++s) {
            const int budget = spec.evaluations_local / static_cast<int>(k) +
                               (static_cast<int>(s) < spec.evaluations_local % static_cast<int>(k));
            if (budget < 1) continue;
            // BOBYQA needs two or more dimensions (a quadratic model in one variable is
            // degenerate for NLopt's implementation); one parameter uses COBYLA.
            nlopt::opt l(n >= 2 ? nlopt::LN_BOBYQA : nlopt::LN_COBYLA, n);
            l.set_maxeval(budget);
            l.set_xtol_abs(spec.xtol);
            if (spec.ftol_rel > 0) l.set_ftol_rel(spec.ftol_rel);
            std::vector<double> start = starts[s].second;
            std::vector<double> step;
            for (const double x : start)  // a first step of a tenth of the box, inside it
                step.push_back(std::max(std::min({0.1, x, 1 - x}), 0.02));
            l.set_initial_step(step);
            codes.push_back(run_stage(l, obj, start));
        }
        for (const std::string& c : codes)
            result.local_result += (result.local_result.empty() ? "" : ", ") + c;
        if (k > 1)
            result.local_result = fmt::format("{} starts: {}", codes.size(), result.local_result);
    } else {
        result.local_result = "skipped";
    }
    result.estimate = obj.best_x();
    result.objective = obj.best_f();
    result.at_estimate = obj.best_moments();

    // The Jacobian by central differences (one-sided at a bound), all 2n points at once.
    const std::vector<double> best_u = obj.best_u();
    std::vector<std::vector<double>> points;
    for (unsigned i = 0; i < n; ++i) {
        for (const double sign : {1.0, -1.0}) {
            std::vector<double> v = best_u;
            v[i] = std::clamp(v[i] + sign * spec.fd_step, 0.0, 1.0);
            points.push_back(obj.natural(v.data()));
        }
    }
    const std::vector<PointMoments> fd = evaluate_points(spec, points, threads, nullptr, stop);
    const size_t targets = spec.targets.size();
    result.jacobian.assign(targets * n, kNaN);
    for (unsigned i = 0; i < n; ++i) {
        const PointMoments& hi = fd[2 * i];
        const PointMoments& lo = fd[2 * i + 1];
        const double dx = points[2 * i][i] - points[2 * i + 1][i];
        for (size_t t = 0; t < targets; ++t) {
            result.jacobian[t * n + i] = dx != 0 && hi.failure.empty() && lo.failure.empty()
                                             ? (hi.mean[t] - lo.mean[t]) / dx
                                             : kNaN;
        }
    }
    for (size_t k = 0; k < points.size(); ++k)
        obj.record(points[k], fd[k], Stage::jacobian);
    std::vector<double> sds;
    for (const CalibTarget& t : spec.targets)
        sds.push_back(t.sd);
    result.se = standard_errors(result.jacobian, sds, n);
    return result;
}

}  // namespace housim
