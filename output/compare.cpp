#include "output/compare.hpp"

#include <fmt/format.h>
#include <boost/math/distributions/students_t.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "sim/core/errors.hpp"
#include "sim/metrics.hpp"

namespace housim {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double mean_of(const std::vector<double>& v) {
    double s = 0;
    for (const double x : v)
        s += x;
    return s / static_cast<double>(v.size());
}

double variance_of(const std::vector<double>& v, double mean) {
    if (v.size() < 2) return kNaN;
    double s = 0;
    for (const double x : v)
        s += (x - mean) * (x - mean);
    return s / static_cast<double>(v.size() - 1);
}

[[noreturn]] void bad_input(const std::string& option, const std::string& message) {
    throw InputError({Diagnostic{option, 0, "", message}});
}

// Reported-month columns [first, last] the spec asks for.
std::pair<int, int> month_range(const std::vector<std::string>& months, const CompareSpec& spec,
                                std::string& when) {
    auto find = [&](const std::string& m, const std::string& option) {
        const auto it = std::find(months.begin(), months.end(), m);
        if (it == months.end()) {
            bad_input(option, fmt::format("month \"{}\" is not reported in the file ({} to {})", m,
                                          months.front(), months.back()));
        }
        return static_cast<int>(it - months.begin());
    };
    if (!spec.window.empty()) {
        const auto colon = spec.window.find(':');
        if (colon == std::string::npos) bad_input("--window", "expected YYYY-MM:YYYY-MM");
        const int a = find(spec.window.substr(0, colon), "--window");
        const int b = find(spec.window.substr(colon + 1), "--window");
        if (a > b) bad_input("--window", "the window's first month is after its last");
        when = spec.window;
        return {a, b};
    }
    const int c = spec.at.empty() ? static_cast<int>(months.size()) - 1 : find(spec.at, "--at");
    when = months[static_cast<size_t>(c)];
    return {c, c};
}

// One value per replicate index: a series averaged over the columns (non-finite if any
// month is), or a study metric's value (one column, whatever the months asked for).
std::map<int64_t, double> per_replicate(const SeriesData& d, bool study, int64_t first_replicate,
                                        std::pair<int, int> cols) {
    if (study) cols = {0, 0};
    std::map<int64_t, double> out;
    for (int r = 0; r < d.rows; ++r) {
        double sum = 0;
        for (int c = cols.first; c <= cols.second; ++c)
            sum += d.at(r, c);
        out[first_replicate + r] = sum / (cols.second - cols.first + 1);
    }
    return out;
}

PairedStats pair_up(const std::map<int64_t, double>& base, const std::map<int64_t, double>& other) {
    std::vector<double> a;
    std::vector<double> b;
    for (const auto& [k, v] : base) {
        if (const auto it = other.find(k); it != other.end()) {
            a.push_back(v);
            b.push_back(it->second);
        }
    }
    return paired_difference(a, b);
}

}  // namespace

double student_t_quantile(double p, double df) {
    if (!(df > 0)) return kNaN;
    return boost::math::quantile(boost::math::students_t_distribution<double>(df), p);
}

PairedStats paired_difference(std::span<const double> base, std::span<const double> other) {
    PairedStats s;
    std::vector<double> a;
    std::vector<double> b;
    std::vector<double> d;
    for (size_t i = 0; i < std::min(base.size(), other.size()); ++i) {
        if (!std::isfinite(base[i]) || !std::isfinite(other[i])) {
            ++s.skipped;
            continue;
        }
        a.push_back(base[i]);
        b.push_back(other[i]);
        d.push_back(other[i] - base[i]);
    }
    s.n = static_cast<int>(d.size());
    if (s.n == 0) {
        s.base_mean = s.other_mean = s.mean = s.sd = kNaN;
        s.lo = s.hi = s.welch_lo = s.welch_hi = kNaN;
        return s;
    }
    s.base_mean = mean_of(a);
    s.other_mean = mean_of(b);
    s.mean = mean_of(d);
    s.sd = std::sqrt(variance_of(d, s.mean));
    const double n = s.n;
    const double half = student_t_quantile(0.975, n - 1) * s.sd / std::sqrt(n);
    s.lo = s.mean - half;
    s.hi = s.mean + half;
    // Welch: the same values treated as two independent samples.
    const double va = variance_of(a, s.base_mean) / n;
    const double vb = variance_of(b, s.other_mean) / n;
    const double df = (va + vb) * (va + vb) / (va * va / (n - 1) + vb * vb / (n - 1));
    const double welch_half =
        va + vb > 0 ? student_t_quantile(0.975, df) * std::sqrt(va + vb) : (n > 1 ? 0 : kNaN);
    s.welch_lo = s.other_mean - s.base_mean - welch_half;
    s.welch_hi = s.other_mean - s.base_mean + welch_half;
    return s;
}

std::vector<std::string> default_compare_metrics() {
    return {"digestion_cycle_narrow_months",
            "new_sales_units",
            "price_index_new",
            "price_index_resale",
            "unsold_new_m2",
            "land_sold_m2",
            "homeownership_rate"};
}

std::vector<std::string> runs_in_cell_order(const H5Reader& reader) {
    std::vector<std::pair<int64_t, std::string>> keyed;
    for (const std::string& run : reader.runs())
        keyed.emplace_back(reader.run_attribute_int(run, "cell_index"), run);
    std::sort(keyed.begin(), keyed.end());
    std::vector<std::string> out;
    for (auto& k : keyed)
        out.push_back(std::move(k.second));
    return out;
}

std::string default_baseline(const H5Reader& reader) {
    const std::vector<std::string> runs = runs_in_cell_order(reader);
    return runs.empty() ? std::string() : runs.front();
}

Comparison compare_runs(const H5Reader& reader, const std::string& file, const CompareSpec& spec) {
    Comparison out;
    const std::vector<std::string> runs = runs_in_cell_order(reader);
    if (runs.size() < 2) {
        bad_input(file, "compare needs at least two runs (the output of housim sweep)");
    }
    out.baseline = spec.baseline.empty() ? runs.front() : spec.baseline;
    if (std::find(runs.begin(), runs.end(), out.baseline) == runs.end()) {
        bad_input("--baseline", fmt::format("no run \"{}\" in {}", out.baseline, file));
    }
    const std::pair<int, int> cols = month_range(reader.months(), spec, out.when);
    // A district: its index among the baseline's zones, and only series_by_zone's metrics.
    size_t zone = 0;
    if (!spec.zone.empty()) {
        const std::vector<std::string> zones = reader.zone_names(out.baseline);
        const auto it = std::find(zones.begin(), zones.end(), spec.zone);
        if (it == zones.end()) {
            bad_input(
                "--zone",
                fmt::format("no district \"{}\" in run {} (its districts: {})", spec.zone,
                            out.baseline,
                            zones.empty() ? "none" : fmt::format("{}", fmt::join(zones, ", "))));
        }
        zone = static_cast<size_t>(it - zones.begin());
        out.zone = spec.zone;
    }
    std::vector<std::string> metrics = spec.metrics;
    if (metrics.empty()) {
        for (const std::string& m : default_compare_metrics()) {
            if (spec.zone.empty() || find_zone_metric(m) != nullptr) metrics.push_back(m);
        }
        if (spec.zone.empty()) {
            for (const std::string& m : reader.study_metrics(out.baseline))
                metrics.push_back(m);
        }
    }
    std::vector<std::string> series = reader.metrics(out.baseline);
    std::vector<std::string> studies = reader.study_metrics(out.baseline);
    if (!spec.zone.empty()) {
        series.clear();
        studies.clear();
        for (const ZoneMetricInfo& m : zone_metric_registry())
            series.emplace_back(m.name);
    }
    for (const std::string& run : runs) {
        if (run != out.baseline) out.runs.push_back(run);
    }

    std::vector<std::vector<CompareRow>> by_run(out.runs.size());
    for (const std::string& m : metrics) {
        const bool is_series = std::find(series.begin(), series.end(), m) != series.end();
        const bool is_study = std::find(studies.begin(), studies.end(), m) != studies.end();
        if (!is_series && !is_study) {
            if (!spec.zone.empty()) {
                bad_input("--metric",
                          fmt::format("\"{}\" has no district form (series_by_zone: {})", m,
                                      fmt::join(series, ", ")));
            }
            bad_input("--metric", fmt::format("\"{}\" is neither a series nor a study metric of "
                                              "run {} (see housim metrics, docs/studies.md)",
                                              m, out.baseline));
        }
        auto load = [&](const std::string& run) {
            const SeriesData d = !spec.zone.empty() ? reader.zone_series(run, m, zone)
                                 : is_series        ? reader.series(run, m)
                                                    : reader.study(run, m);
            const int64_t first = reader.run_attribute_int(run, "first_replicate");
            return std::make_pair(per_replicate(d, !is_series, first, cols), d.unit);
        };
        const auto [base, unit] = load(out.baseline);
        for (size_t i = 0; i < out.runs.size(); ++i) {
            by_run[i].push_back(CompareRow{out.runs[i], m, unit, !is_series,
                                           pair_up(base, load(out.runs[i]).first)});
        }
    }
    for (auto& rows : by_run)
        out.rows.insert(out.rows.end(), rows.begin(), rows.end());
    return out;
}

}  // namespace housim
