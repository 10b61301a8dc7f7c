#include "output/report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <optional>

#include "output/compare.hpp"
#include "output/h5_writer.hpp"
#include "output/svg_chart.hpp"
#include "sim/core/errors.hpp"
#include "sim/metrics.hpp"

namespace housim {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr int kP05 = 2, kP25 = 3, kP50 = 4, kP75 = 5, kP95 = 6;  // summary columns

constexpr const char* kStyle = R"(
body{font-family:system-ui,-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;margin:24px;
color:#222;max-width:1240px}
h1{font-size:22px}h2{font-size:18px;margin-top:32px;border-bottom:1px solid #ccc}
h3{font-size:15px}table{border-collapse:collapse;font-size:12px}
td,th{border:1px solid #ddd;padding:3px 6px;text-align:right}th{background:#f4f4f4}
td.l,th.l{text-align:left}pre{font-size:11px;background:#f8f8f8;padding:8px;overflow:auto;
max-height:420px}.charts{display:flex;flex-wrap:wrap;gap:8px}
figure{margin:0;border:1px solid #eee}figcaption{font-size:11px;padding:2px 6px}
svg.chart text{font-size:11px;fill:#333}svg.chart .t{font-size:13px;font-weight:600}
svg.chart .yl{text-anchor:end}svg.chart .xl,svg.chart .v{text-anchor:middle}
svg.chart .g{stroke:#eee}.wide{overflow-x:auto}svg.chart .a{stroke:#888}.key span{margin-right:10px;font-size:11px}
)";

std::string row_label(const std::optional<SweepTable>& sweep, const std::string& run) {
    if (!sweep) return "";
    for (const SweepTable::Row& row : sweep->rows) {
        if (row.run != run) continue;
        std::string s;
        for (size_t k = 0; k < sweep->axis_keys.size(); ++k)
            s += fmt::format("{}{} = {:.6g}", k ? ", " : "", sweep->axis_keys[k],
                             row.axis_values[k]);
        return s;
    }
    return "";
}

std::vector<double> column(const SeriesData& d, int c) {
    std::vector<double> out(static_cast<size_t>(d.rows));
    for (int r = 0; r < d.rows; ++r)
        out[static_cast<size_t>(r)] = d.at(r, c);
    return out;
}

std::string figure(const std::string& svg, const std::string& caption = "") {
    return "<figure>" + svg + (caption.empty() ? "" : "<figcaption>" + caption + "</figcaption>") +
           "</figure>";
}

class Report {
  public:
    Report(const H5Reader& r, const std::string& file, const ReportSpec& spec)
        : r_(r),
          file_(file),
          months_(r.months()),
          runs_(runs_in_cell_order(r)),
          sweep_(r.sweep()),
          calibration_(r.group("calibration", {"calib_toml", "global_stage", "local_stage"})),
          sensitivity_(r.group("sensitivity", {"sens_toml", "method"})) {
        if (runs_.empty() && !calibration_ && !sensitivity_) {
            throw std::runtime_error(file + ": no runs to report");
        }
        if (runs_.empty()) {
            if (!spec.baseline.empty()) {
                throw InputError({Diagnostic{"--baseline", 0, "", "the file has no runs"}});
            }
            return;
        }
        baseline_ = spec.baseline.empty() ? runs_.front() : spec.baseline;
        if (std::find(runs_.begin(), runs_.end(), baseline_) == runs_.end()) {
            throw InputError({Diagnostic{"--baseline", 0, "", "no run \"" + baseline_ + "\""}});
        }
        heatmap_metric_ =
            spec.heatmap_metric.empty() ? "digestion_cycle_narrow_months" : spec.heatmap_metric;
        if (!spec.zone.empty()) {
            const std::vector<std::string> zones = r_.zone_names(baseline_);
            const auto it = std::find(zones.begin(), zones.end(), spec.zone);
            if (it == zones.end()) {
                throw InputError({Diagnostic{
                    "--zone", 0, "",
                    fmt::format(
                        "no district \"{}\" in run {} (its districts: {})", spec.zone, baseline_,
                        zones.empty() ? "none" : fmt::format("{}", fmt::join(zones, ", ")))}});
            }
            zone_ = spec.zone;
            zone_index_ = static_cast<size_t>(it - zones.begin());
        }
    }

    std::string render() {
        std::string body = provenance() + calibration_section() + sensitivity_section() +
                           sweep_section() + study_section() + overlays();
        for (size_t i = 0; i < runs_.size() && i < kMaxRunSections; ++i)
            body += run_section(runs_[i]);
        if (runs_.size() > kMaxRunSections) {
            body += fmt::format(
                "<p>{} more runs have no section of their own here (see the "
                "overlays and the study table).</p>",
                runs_.size() - kMaxRunSections);
        }
        return fmt::format(
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<title>housim report: {}</title><style>{}</style></head><body>\n<h1>housim report: "
            "{}</h1>\n{}\n</body></html>\n",
            html_escape(file_), kStyle, html_escape(file_), body);
    }

  private:
    std::string provenance() const {
        std::string rows;
        for (const char* key :
             {"format", "housim_version", "git_commit", "created_utc", "command_line"}) {
            rows += fmt::format("<tr><th class=\"l\">{}</th><td class=\"l\">{}</td></tr>", key,
                                html_escape(r_.root_attribute_string(key)));
        }
        rows += fmt::format("<tr><th class=\"l\">seed</th><td class=\"l\">{}</td></tr>",
                            r_.root_attribute_uint("seed"));
        rows +=
            fmt::format("<tr><th class=\"l\">months</th><td class=\"l\">{} to {} ({})</td></tr>",
                        months_.front(), months_.back(), months_.size());
        rows += fmt::format(
            "<tr><th class=\"l\">runs</th><td class=\"l\">{}{}</td>"
            "</tr>",
            runs_.size(), runs_.empty() ? "" : " (baseline " + html_escape(baseline_) + ")");
        return "<h2 id=\"provenance\">Provenance</h2><table>" + rows + "</table>" +
               "<p>Charts: shaded bands are the 5-95% and 25-75% ranges across replicates, the "
               "line the median. Gaps are months with no value (NaN); infinite values (a cycle "
               "with no sales) and values beyond the axis are drawn at its edge.</p>";
    }

    // The outcome shown in the heatmap for one run: a series' median in the last month, or
    // a study metric's median across replicates.
    double outcome(const std::string& run) const {
        const std::vector<std::string> series = r_.metrics(run);
        if (std::find(series.begin(), series.end(), heatmap_metric_) != series.end()) {
            const SeriesData s = r_.summary(run, heatmap_metric_);
            return s.at(s.rows - 1, kP50);
        }
        const std::vector<std::string> studies = r_.study_metrics(run);
        if (std::find(studies.begin(), studies.end(), heatmap_metric_) != studies.end()) {
            return summarize(r_.study(run, heatmap_metric_).values)[kP50];
        }
        throw InputError({Diagnostic{"--heatmap", 0, "",
                                     "\"" + heatmap_metric_ +
                                         "\" is neither a series nor a "
                                         "study metric"}});
    }

    // Over the first two axes; cells that differ only in further axes are averaged.
    std::string heatmap() const {
        Heatmap m;
        m.id = "heatmap:" + heatmap_metric_;
        m.title = heatmap_metric_ + " by the first two axes";
        m.x_label = sweep_->axis_keys[0];
        m.y_label = sweep_->axis_keys[1];
        for (const SweepTable::Row& row : sweep_->rows) {
            m.xs.push_back(row.axis_values[0]);
            m.ys.push_back(row.axis_values[1]);
        }
        for (std::vector<double>* v : {&m.xs, &m.ys}) {
            std::sort(v->begin(), v->end());
            v->erase(std::unique(v->begin(), v->end()), v->end());
        }
        std::vector<double> sum(m.xs.size() * m.ys.size(), 0);
        std::vector<int> count(sum.size(), 0);
        for (const SweepTable::Row& row : sweep_->rows) {
            const auto xi =
                std::lower_bound(m.xs.begin(), m.xs.end(), row.axis_values[0]) - m.xs.begin();
            const auto yi =
                std::lower_bound(m.ys.begin(), m.ys.end(), row.axis_values[1]) - m.ys.begin();
            const size_t k = static_cast<size_t>(yi) * m.xs.size() + static_cast<size_t>(xi);
            sum[k] += outcome(row.run);
            ++count[k];
        }
        for (size_t k = 0; k < sum.size(); ++k)
            m.values.push_back(count[k] ? sum[k] / count[k] : kNaN);
        return figure(render_svg(m), "Median over replicates, last month for a series" +
                                         std::string(sweep_->axis_keys.size() > 2
                                                         ? "; averaged over the further axes"
                                                         : ""));
    }

    std::string sweep_section() const {
        if (!sweep_) return "";
        std::string head = "<tr><th class=\"l\">run</th>";
        for (const std::string& k : sweep_->axis_keys)
            head += "<th>" + html_escape(k) + "</th>";
        std::string rows;
        for (const SweepTable::Row& row : sweep_->rows) {
            rows += fmt::format("<tr><td class=\"l\"><a href=\"#run-{0}\">{0}</a></td>",
                                html_escape(row.run));
            for (const double v : row.axis_values)
                rows += fmt::format("<td>{:.6g}</td>", v);
            rows += "</tr>";
        }
        std::string out = fmt::format("<h2 id=\"sweep\">Sweep {}</h2>", html_escape(sweep_->name));
        if (sweep_->axis_keys.size() >= 2) out += heatmap();
        out += "<table>" + head + "</tr>" + rows + "</table>";
        return out + "<details><summary>Sweep file</summary><pre>" +
               html_escape(sweep_->sweep_toml) + "</pre></details>";
    }

    // The fit of `housim calibrate`: estimates, the per-target table, and for each series with
    // level targets (mean or last) the fitted run's fan with the targets drawn over their
    // months (value and +- sd).
    std::string calibration_section() const {
        if (!calibration_) return "";
        const GroupData& g = *calibration_;
        const auto& keys = g.strings_of("parameters")->values;
        const auto& est = g.array("estimate")->values;
        const auto& se = g.array("standard_error")->values;
        const auto& bounds = g.array("bounds")->values;
        std::string prows;
        for (size_t i = 0; i < keys.size(); ++i) {
            prows += fmt::format(
                "<tr><td class=\"l\">{}</td><td>{:.6g}</td><td>{:.4g}</td><td>{:.6g}</td>"
                "<td>{:.6g}</td></tr>",
                html_escape(keys[i]), est[i], se[i], bounds[2 * i], bounds[2 * i + 1]);
        }
        const auto& labels = g.strings_of("targets")->values;
        const auto& metric = g.strings_of("target_metric")->values;
        const auto& value = g.array("target_value")->values;
        const auto& sd = g.array("target_sd")->values;
        const auto& mean = g.array("simulated_mean")->values;
        const auto& lo = g.array("simulated_p05")->values;
        const auto& hi = g.array("simulated_p95")->values;
        const auto& z = g.array("standardised_distance")->values;
        const auto& first = g.array("target_first_month")->values;
        const auto& last = g.array("target_last_month")->values;
        std::string trows;
        for (size_t k = 0; k < labels.size(); ++k) {
            trows += fmt::format(
                "<tr><td class=\"l\">{}</td><td>{:.6g}</td><td>{:.4g}</td><td>{:.6g}</td>"
                "<td>{:.6g}</td><td>{:.6g}</td><td>{:.3f}</td></tr>",
                html_escape(labels[k]), value[k], sd[k], mean[k], lo[k], hi[k], z[k]);
        }
        std::string charts;
        const bool fitted = std::find(runs_.begin(), runs_.end(), "fitted") != runs_.end();
        std::vector<std::string> drawn;
        for (size_t k = 0; k < labels.size() && fitted; ++k) {
            if (std::find(drawn.begin(), drawn.end(), metric[k]) != drawn.end()) continue;
            const SeriesData s = r_.summary("fitted", metric[k]);
            LineChart c{"calibration:" + metric[k],
                        metric[k] + ": fit and targets",
                        s.unit,
                        months_,
                        {},
                        {}};
            c.bands.push_back(ChartBand{column(s, kP05), column(s, kP95), "#1f77b4", 0.15});
            c.lines.push_back(ChartLine{column(s, kP50), "#1f4e79", 1.8, false});
            std::vector<double> tv(months_.size(), kNaN), tlo = tv, thi = tv;
            bool any = false;
            for (size_t j = 0; j < labels.size(); ++j) {
                const bool level = labels[j].find(" mean ") != std::string::npos ||
                                   labels[j].find(" last ") != std::string::npos ||
                                   labels[j].find(" at ") != std::string::npos;
                if (metric[j] != metric[k] || !level) continue;
                auto a = static_cast<size_t>(
                    labels[j].find(" last ") != std::string::npos ? last[j] : first[j]);
                // A one-month target would be a single point, which a line does not show:
                // it is drawn from the month before.
                if (a == static_cast<size_t>(last[j]) && a > 0) --a;
                for (auto m = a; m <= static_cast<size_t>(last[j]) && m < tv.size(); ++m) {
                    tv[m] = value[j];
                    tlo[m] = value[j] - sd[j];
                    thi[m] = value[j] + sd[j];
                    any = true;
                }
            }
            if (!any) continue;
            drawn.push_back(metric[k]);
            c.bands.push_back(ChartBand{tlo, thi, "#d62728", 0.2});
            c.lines.push_back(ChartLine{tv, "#d62728", 2.0, true});
            charts += figure(render_svg(c));
        }
        // The search: best objective so far by evaluation.
        const auto& f = g.array("trace_objective")->values;
        const auto& stage = g.array("trace_stage")->values;
        LineChart trace{"calibration:trace", "best objective so far", "objective", {}, {}, {}};
        ChartLine best{{}, "#1f4e79", 1.8, false};
        double b = std::numeric_limits<double>::infinity();
        for (size_t e = 0; e < f.size(); ++e) {
            if (stage[e] < 2) b = std::min(b, f[e]);
            trace.x_labels.push_back(fmt::format("{}", e + 1));
            best.y.push_back(std::isfinite(b) ? b : kNaN);
        }
        trace.lines.push_back(best);
        charts += figure(render_svg(trace), "x: evaluation");
        return fmt::format(
            "<h2 id=\"calibration\">Calibration</h2><p>Objective {:.6g} (sum of squared "
            "standardised distances) after {} evaluations; {}; {}. Standard errors: "
            "(J'WJ)<sup>-1</sup> with W = 1/sd<sup>2</sup>, ignoring simulation noise.</p>"
            "<table><tr><th class=\"l\">parameter</th><th>estimate</th><th>std. error</th>"
            "<th>min</th><th>max</th></tr>{}</table><h3>Targets</h3><p>Simulated mean and "
            "5-95% band across replicates at the estimate; distance = (simulated - value) / "
            "sd. Charts: the fitted run (blue: median and 5-95% band) against the targets "
            "(red dashed: value over its months, shaded: +- sd; a one-month target is drawn from "
            "the "
            "month before).</p><div class=\"wide\"><table>"
            "<tr><th class=\"l\">target</th><th>value</th><th>sd</th><th>simulated</th>"
            "<th>p05</th><th>p95</th><th>distance</th></tr>{}</table></div>"
            "<div class=\"charts\">{}</div><details><summary>Calibration file</summary><pre>{}"
            "</pre></details>",
            g.array("objective")->values.at(0), f.size(),
            html_escape(g.attribute("global_stage").value_or("")),
            html_escape(g.attribute("local_stage").value_or("")), prows, trows, charts,
            html_escape(g.attribute("calib_toml").value_or("")));
    }

    // Morris screening: mu* per parameter and scored moment as a heatmap (each column scaled
    // by its largest mu*, since the moments have different units) and as a table.
    std::string sensitivity_section() const {
        if (!sensitivity_) return "";
        const GroupData& g = *sensitivity_;
        const auto& keys = g.strings_of("parameters")->values;
        const auto& metrics = g.strings_of("metrics")->values;
        const auto& mu_star = g.array("mu_star")->values;
        const auto& sigma = g.array("sigma")->values;
        const size_t p = keys.size(), k = metrics.size();
        Heatmap m;
        m.id = "sensitivity:mu_star";
        m.title = "Morris mu*, each column scaled by its largest";
        m.x_label = "moment (key below)";
        m.y_label = "parameter";
        m.x_names = metrics;
        m.y_names = keys;
        for (size_t t = 0; t < k; ++t)
            m.xs.push_back(static_cast<double>(t));
        for (size_t i = 0; i < p; ++i)
            m.ys.push_back(static_cast<double>(i));
        m.values.assign(p * k, kNaN);
        for (size_t t = 0; t < k; ++t) {
            double top = 0;
            for (size_t i = 0; i < p; ++i)
                if (std::isfinite(mu_star[i * k + t])) top = std::max(top, mu_star[i * k + t]);
            for (size_t i = 0; i < p; ++i)
                m.values[i * k + t] = top > 0 ? mu_star[i * k + t] / top : 0.0;
        }
        std::string key;
        for (size_t t = 0; t < k; ++t)
            key += fmt::format("{}{}: {}", t ? "; " : "", t + 1, html_escape(metrics[t]));
        std::string head = "<tr><th class=\"l\">parameter</th>";
        for (const std::string& x : metrics)
            head += "<th>" + html_escape(x) + "<br>mu* (sigma)</th>";
        std::string rows;
        for (size_t i = 0; i < p; ++i) {
            rows += "<tr><td class=\"l\">" + html_escape(keys[i]) + "</td>";
            for (size_t t = 0; t < k; ++t)
                rows +=
                    fmt::format("<td>{:.4g} ({:.3g})</td>", mu_star[i * k + t], sigma[i * k + t]);
            rows += "</tr>";
        }
        return "<h2 id=\"sensitivity\">Sensitivity (Morris elementary effects)</h2><p>" +
               html_escape(g.attribute("method").value_or("")) +
               ". mu* is the mean absolute effect (does the parameter matter?), sigma the sd of "
               "the effects (interactions or non-linearity).</p>" +
               figure(render_svg(m), "Columns: " + key) + "<div class=\"wide\"><table>" + head +
               "</tr>" + rows + "</table></div><details><summary>Sensitivity file</summary><pre>" +
               html_escape(g.attribute("sens_toml").value_or("")) + "</pre></details>";
    }

    std::string study_section() const {
        if (runs_.empty()) return "";
        const std::vector<std::string> names = r_.study_metrics(baseline_);
        if (names.empty()) return "";
        std::string head = "<tr><th class=\"l\">run</th>";
        for (const std::string& n : names)
            head += "<th>" + html_escape(n) + "</th>";
        std::string rows;
        for (const std::string& run : runs_) {
            rows += "<tr><td class=\"l\">" + html_escape(run) + "</td>";
            for (const std::string& n : names) {
                const SeriesData d = r_.study(run, n);
                const std::vector<double> q = summarize(d.values);
                const auto missing = std::count_if(d.values.begin(), d.values.end(),
                                                   [](double x) { return std::isnan(x); });
                if (missing == d.rows) {
                    rows += fmt::format("<td>never ({}/{})</td>", missing, d.rows);
                    continue;
                }
                rows += fmt::format("<td>{:.4g} [{:.4g}, {:.4g}]{}</td>", q[kP50], q[kP05], q[kP95],
                                    missing ? fmt::format(" never: {}/{}", missing, d.rows) : "");
            }
            rows += "</tr>";
        }
        return "<h2 id=\"study\">Digestion-cycle study metrics</h2><p>Median [5%, 95%] across "
               "replicates; \"never\" counts replicates whose cycle never fell below the "
               "threshold (docs/studies.md).</p><div class=\"wide\"><table>" +
               head + "</tr>" + rows + "</table></div>";
    }

    // The headline series the overlays and fans draw: the city's, or those with a district
    // form when a district is chosen.
    std::vector<std::string> headline() const {
        std::vector<std::string> out;
        for (const std::string& m : default_compare_metrics()) {
            if (zone_.empty() || find_zone_metric(m) != nullptr) out.push_back(m);
        }
        return out;
    }

    // A run's summary of metric m ([months x 7], as /summary holds it); for a district,
    // computed from its series_by_zone column.
    SeriesData summary_of(const std::string& run, const std::string& m) const {
        if (zone_.empty()) return r_.summary(run, m);
        const SeriesData d = r_.zone_series(run, m, zone_index_);
        SeriesData s;
        s.rows = d.cols;
        s.cols = 7;
        s.unit = d.unit;
        std::vector<double> column(static_cast<size_t>(d.rows));
        for (int t = 0; t < d.cols; ++t) {
            for (int r = 0; r < d.rows; ++r)
                column[static_cast<size_t>(r)] = d.at(r, t);
            const std::vector<double> q = summarize(column);
            s.values.insert(s.values.end(), q.begin(), q.end());
        }
        return s;
    }

    std::string overlays() const {
        if (runs_.size() < 2) return "";
        std::string key = "<p class=\"key\">";
        for (size_t i = 0; i < runs_.size(); ++i) {
            const bool base = runs_[i] == baseline_;
            key += fmt::format("<span style=\"color:{}\">&#9644; {}{}</span>",
                               base ? "#000" : palette_colour(i), html_escape(runs_[i]),
                               base ? " (baseline)" : "");
        }
        std::string charts;
        for (const std::string& m : headline()) {
            LineChart c{"overlay:" + m, m + ": medians" + where(), "", months_, {}, {}};
            ChartLine base_line;
            for (size_t i = 0; i < runs_.size(); ++i) {
                const SeriesData s = summary_of(runs_[i], m);
                c.unit = s.unit;
                if (runs_[i] == baseline_) {
                    base_line = ChartLine{column(s, kP50), "#000", 2.5, false};
                } else {
                    c.lines.push_back(ChartLine{column(s, kP50), palette_colour(i), 1.3, false});
                }
            }
            c.lines.push_back(base_line);  // drawn last, on top
            charts += figure(render_svg(c));
        }
        return "<h2 id=\"overlays\">Each run against the baseline</h2>" + key + "</p>" +
               "<div class=\"charts\">" + charts + "</div>";
    }

    std::string run_section(const std::string& run) const {
        std::string charts;
        for (const std::string& m : headline()) {
            const SeriesData s = summary_of(run, m);
            LineChart c{"fan:" + run + ":" + m, m + where(), s.unit, months_, {}, {}};
            c.bands.push_back(ChartBand{column(s, kP05), column(s, kP95), "#1f77b4", 0.15});
            c.bands.push_back(ChartBand{column(s, kP25), column(s, kP75), "#1f77b4", 0.3});
            c.lines.push_back(ChartLine{column(s, kP50), "#1f4e79", 1.8, false});
            charts += figure(render_svg(c));
        }
        const std::string label = row_label(sweep_, run);
        return fmt::format(
            "<h2 id=\"run-{0}\">Run {0}</h2><p>{1} replicates{2}</p><div class=\"charts\">{3}"
            "</div><details><summary>Resolved scenario</summary><pre>{4}</pre></details>",
            html_escape(run), r_.run_attribute_int(run, "replicates"),
            label.empty() ? "" : "; " + html_escape(label), charts,
            html_escape(r_.run_attribute_string(run, "scenario_toml")));
    }

    const H5Reader& r_;
    std::string file_;
    std::vector<std::string> months_;
    std::vector<std::string> runs_;
    std::optional<SweepTable> sweep_;
    std::optional<GroupData> calibration_;
    std::optional<GroupData> sensitivity_;
    std::string where() const { return zone_.empty() ? "" : " (" + zone_ + ")"; }

    std::string baseline_;
    std::string heatmap_metric_;
    std::string zone_;  // empty: the city
    size_t zone_index_ = 0;
};

}  // namespace

std::string render_report(const H5Reader& reader, const std::string& file_label,
                          const ReportSpec& spec) {
    return Report(reader, file_label, spec).render();
}

}  // namespace housim
