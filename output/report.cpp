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
        : r_(r), file_(file), months_(r.months()), runs_(runs_in_cell_order(r)), sweep_(r.sweep()) {
        if (runs_.empty()) throw std::runtime_error(file + ": no runs to report");
        baseline_ = spec.baseline.empty() ? runs_.front() : spec.baseline;
        if (std::find(runs_.begin(), runs_.end(), baseline_) == runs_.end()) {
            throw InputError({Diagnostic{"--baseline", 0, "", "no run \"" + baseline_ + "\""}});
        }
        heatmap_metric_ =
            spec.heatmap_metric.empty() ? "digestion_cycle_narrow_months" : spec.heatmap_metric;
    }

    std::string render() {
        std::string body = provenance() + sweep_section() + study_section() + overlays();
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
            "<tr><th class=\"l\">runs</th><td class=\"l\">{} (baseline {})</td>"
            "</tr>",
            runs_.size(), html_escape(baseline_));
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

    std::string study_section() const {
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
        for (const std::string& m : default_compare_metrics()) {
            LineChart c{"overlay:" + m, m + ": medians", "", months_, {}, {}};
            ChartLine base_line;
            for (size_t i = 0; i < runs_.size(); ++i) {
                const SeriesData s = r_.summary(runs_[i], m);
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
        for (const std::string& m : default_compare_metrics()) {
            const SeriesData s = r_.summary(run, m);
            LineChart c{"fan:" + run + ":" + m, m, s.unit, months_, {}, {}};
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
    std::string baseline_;
    std::string heatmap_metric_;
};

}  // namespace

std::string render_report(const H5Reader& reader, const std::string& file_label,
                          const ReportSpec& spec) {
    return Report(reader, file_label, spec).render();
}

}  // namespace housim
