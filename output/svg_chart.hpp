// Inline SVG charts for the HTML report, drawn by our own code (no library, no network).
// Missing values (NaN) leave gaps in lines and bands; +inf and values beyond the axis range
// are drawn at the plot's edge (clipped), and the chart says when it clipped.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace housim {

struct ChartBand {  // a shaded band between lo and hi, one value per month
    std::vector<double> lo;
    std::vector<double> hi;
    std::string colour;
    double opacity = 0.2;
};

struct ChartLine {
    std::vector<double> y;  // one value per month
    std::string colour;
    double width = 1.5;
    bool dashed = false;
};

struct LineChart {
    std::string id;  // data-chart attribute, names what is drawn
    std::string title;
    std::string unit;
    std::vector<std::string> x_labels;  // "YYYY-MM" per month
    std::vector<ChartBand> bands;
    std::vector<ChartLine> lines;
};

struct Heatmap {
    std::string id;
    std::string title;
    std::string x_label;  // first axis key
    std::string y_label;  // second axis key
    std::vector<double> xs;
    std::vector<double> ys;
    std::vector<double> values;  // [ys.size() x xs.size()], row y, column x; NaN: no cell
    // Categorical axes: when not empty, these name the columns and rows instead of xs and
    // ys (whose sizes they must have), and the first row is drawn at the top.
    std::vector<std::string> x_names;
    std::vector<std::string> y_names;
};

std::string render_svg(const LineChart& chart);
std::string render_svg(const Heatmap& map);

// The categorical colours of the report's lines, cycled.
const std::string& palette_colour(size_t i);

// Escapes &, <, >, " and ' for HTML text and attribute values.
std::string html_escape(std::string_view text);

}  // namespace housim
