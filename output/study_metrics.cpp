#include "output/study_metrics.hpp"

#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <stdexcept>

#include "sim/metrics.hpp"

namespace housim {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kHalted = 2;  // land_rule_state: 0 plan, 1 capped, 2 halted, 3 raised

size_t metric_index(std::string_view name) {
    const auto registry = metric_registry();
    for (size_t i = 0; i < registry.size(); ++i) {
        if (registry[i].name == name) return i;
    }
    throw std::logic_error(fmt::format("metric {} is not in the registry", name));
}

// The series of one metric across the reported months.
std::vector<double> column(std::span<const double> values, int months, size_t metric) {
    const size_t n = metric_registry().size();
    std::vector<double> out(static_cast<size_t>(months));
    for (size_t t = 0; t < out.size(); ++t)
        out[t] = values[t * n + metric];
    return out;
}

// First month the cycle is below the threshold (an infinite cycle, nothing sold, is not),
// and whether it stays below to the end of the run.
void first_below(const std::vector<double>& cycle, double threshold, std::vector<double>& out) {
    for (size_t t = 0; t < cycle.size(); ++t) {
        if (cycle[t] < threshold) {
            bool stays = true;
            for (size_t u = t; u < cycle.size(); ++u)
                stays = stays && cycle[u] < threshold;
            out.push_back(static_cast<double>(t));
            out.push_back(stays ? 1 : 0);
            return;
        }
    }
    out.push_back(kNaN);  // never: NaN, so a mean over replicates cannot hide it
    out.push_back(0);
}

}  // namespace

std::vector<StudyMetricInfo> study_metric_infos(const StudyOptions& o) {
    std::vector<StudyMetricInfo> out;
    for (const double t : o.cycle_thresholds) {
        out.push_back({fmt::format("months_to_narrow_cycle_below_{}", t), "months",
                       fmt::format("Months from the first reported month to the first month "
                                   "whose narrow digestion cycle is below {} months (0: already "
                                   "below in the first month; NaN: never).",
                                   t)});
        out.push_back({fmt::format("stays_below_{}", t), "0/1",
                       fmt::format("1 if the narrow cycle, once below {} months, stays below "
                                   "to the last reported month; 0 otherwise (also when never "
                                   "below).",
                                   t)});
    }
    out.push_back({"peak_unsold_permitted_m2", "m2",
                   "Largest unsold_permitted_m2 (the narrow cycle's stock) over the reported "
                   "months."});
    out.push_back({"peak_unsold_permitted_month", "month index",
                   "Reported month (0 = the first) of peak_unsold_permitted_m2, the first if "
                   "tied."});
    out.push_back({"land_halted_months", "months",
                   "Reported months in which the land rule halted land supply "
                   "(land_rule_state = 2)."});
    return out;
}

std::vector<double> compute_study_metrics(std::span<const double> values, int months,
                                          const StudyOptions& o) {
    if (values.size() != static_cast<size_t>(months) * metric_registry().size()) {
        throw std::invalid_argument("compute_study_metrics: values are not months x metrics");
    }
    const std::vector<double> cycle =
        column(values, months, metric_index("digestion_cycle_narrow_months"));
    std::vector<double> out;
    for (const double t : o.cycle_thresholds)
        first_below(cycle, t, out);

    const std::vector<double> stock = column(values, months, metric_index("unsold_permitted_m2"));
    double peak = kNaN;
    double peak_month = kNaN;
    for (size_t t = 0; t < stock.size(); ++t) {
        if (!std::isnan(stock[t]) && (std::isnan(peak) || stock[t] > peak)) {
            peak = stock[t];
            peak_month = static_cast<double>(t);
        }
    }
    out.push_back(peak);
    out.push_back(peak_month);

    double halted = 0;
    for (const double s : column(values, months, metric_index("land_rule_state")))
        halted += s == kHalted ? 1 : 0;
    out.push_back(halted);
    return out;
}

}  // namespace housim
