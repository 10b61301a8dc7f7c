#include "output/svg_chart.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace housim {

namespace {

constexpr double kWidth = 560;
constexpr double kHeight = 270;
constexpr double kLeft = 66;
constexpr double kRight = 14;
constexpr double kTop = 30;
constexpr double kBottom = 42;
// A band may reach this many spans of the lines beyond them before it is clipped: one
// diverging tail (the cycle of a replicate whose sales stopped) must not flatten the rest.
constexpr double kBandReach = 3;

struct YAxis {
    double lo = 0;
    double hi = 1;
    bool clipped = false;
    double px(double v) const {
        const double c = std::clamp(v, lo, hi);  // +inf and out-of-range values at the edge
        return kTop + (hi - c) / (hi - lo) * (kHeight - kTop - kBottom);
    }
};

double x_px(size_t i, size_t n) {
    const double w = kWidth - kLeft - kRight;
    return n <= 1 ? kLeft + w / 2 : kLeft + static_cast<double>(i) * w / static_cast<double>(n - 1);
}

void extend(const std::vector<double>& v, double& lo, double& hi) {
    for (const double x : v) {
        if (std::isfinite(x)) {
            lo = std::min(lo, x);
            hi = std::max(hi, x);
        }
    }
}

double nice_step(double raw) {
    const double p = std::pow(10.0, std::floor(std::log10(raw)));
    const double f = raw / p;
    return (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * p;
}

YAxis y_axis(const LineChart& c) {
    constexpr double kInf = std::numeric_limits<double>::infinity();
    double line_lo = kInf, line_hi = -kInf, all_lo = kInf, all_hi = -kInf;
    for (const ChartLine& l : c.lines)
        extend(l.y, line_lo, line_hi);
    for (const ChartBand& b : c.bands) {
        extend(b.lo, all_lo, all_hi);
        extend(b.hi, all_lo, all_hi);
    }
    all_lo = std::min(all_lo, line_lo);
    all_hi = std::max(all_hi, line_hi);
    if (!std::isfinite(all_lo)) return YAxis{};  // nothing finite to draw
    if (!std::isfinite(line_lo)) {               // only bands: they set the range
        line_lo = all_lo;
        line_hi = all_hi;
    }
    const double span = std::max({line_hi - line_lo, std::abs(line_hi) * 0.05, 1e-9});
    YAxis a{std::max(all_lo, line_lo - kBandReach * span),
            std::min(all_hi, line_hi + kBandReach * span), false};
    auto outside = [&](const std::vector<double>& v) {
        return std::any_of(v.begin(), v.end(), [&](double x) { return x < a.lo || x > a.hi; });
    };
    for (const ChartLine& l : c.lines)
        a.clipped = a.clipped || outside(l.y);
    for (const ChartBand& b : c.bands)
        a.clipped = a.clipped || outside(b.lo) || outside(b.hi);
    const double pad = std::max((a.hi - a.lo) * 0.05, std::abs(a.hi) * 0.01 + 1e-9);
    a.lo -= pad;
    a.hi += pad;
    return a;
}

// A polyline through the non-NaN points; NaN lifts the pen.
std::string line_path(const std::vector<double>& y, const YAxis& a) {
    std::string d;
    bool pen = false;
    for (size_t i = 0; i < y.size(); ++i) {
        if (std::isnan(y[i])) {
            pen = false;
            continue;
        }
        d += fmt::format("{}{:.1f} {:.1f} ", pen ? "L" : "M", x_px(i, y.size()), a.px(y[i]));
        pen = true;
    }
    if (y.size() == 1 && !d.empty()) d += "h1 ";  // one month: a visible dot
    return d;
}

// One closed outline per stretch of months where both bounds are known.
std::string band_path(const ChartBand& b, const YAxis& a) {
    std::string d;
    const size_t n = std::min(b.lo.size(), b.hi.size());
    size_t i = 0;
    while (i < n) {
        if (std::isnan(b.lo[i]) || std::isnan(b.hi[i])) {
            ++i;
            continue;
        }
        size_t j = i;
        while (j < n && !std::isnan(b.lo[j]) && !std::isnan(b.hi[j]))
            ++j;
        for (size_t k = i; k < j; ++k)
            d += fmt::format("{}{:.1f} {:.1f} ", k == i ? "M" : "L", x_px(k, n), a.px(b.hi[k]));
        for (size_t k = j; k-- > i;)
            d += fmt::format("L{:.1f} {:.1f} ", x_px(k, n), a.px(b.lo[k]));
        d += "Z ";
        i = j;
    }
    return d;
}

std::string open_svg(const std::string& id, const std::string& title, double w, double h) {
    return fmt::format(
        "<svg class=\"chart\" data-chart=\"{}\" xmlns=\"http://www.w3.org/2000/svg\" "
        "viewBox=\"0 0 {} {}\" width=\"{}\" height=\"{}\" role=\"img\"><title>{}</title>"
        "<text class=\"t\" x=\"{}\" y=\"18\">{}</text>",
        html_escape(id), w, h, w, h, html_escape(title), kLeft, html_escape(title));
}

std::string axes(const LineChart& c, const YAxis& a) {
    std::string s;
    const double step = nice_step((a.hi - a.lo) / 5);
    for (double v = std::ceil(a.lo / step) * step; v <= a.hi; v += step) {
        const double y = a.px(v);
        s += fmt::format(
            "<line class=\"g\" x1=\"{}\" x2=\"{}\" y1=\"{:.1f}\" y2=\"{:.1f}\"/>"
            "<text class=\"yl\" x=\"{}\" y=\"{:.1f}\">{:.4g}</text>",
            kLeft, kWidth - kRight, y, y, kLeft - 4, y + 4, std::abs(v) < step * 1e-9 ? 0 : v);
    }
    // A label every 1, 2, 3, 6, 12, ... months: at most about six labels.
    const size_t n = c.x_labels.size();
    size_t every = 1;
    for (const size_t k : {2, 3, 6, 12, 24, 60, 120}) {
        if (every * 6 >= n) break;
        every = k;
    }
    for (size_t i = 0; i < n; i += every) {
        s += fmt::format("<text class=\"xl\" x=\"{:.1f}\" y=\"{}\">{}</text>", x_px(i, n),
                         kHeight - kBottom + 16, html_escape(c.x_labels[i]));
    }
    s += fmt::format(
        "<line class=\"a\" x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\"/><text class=\"u\" x=\"{}\" "
        "y=\"{}\">{}{}</text>",
        kLeft, kWidth - kRight, kHeight - kBottom, kHeight - kBottom, kLeft, kHeight - 6,
        html_escape(c.unit), a.clipped ? " (values beyond the axis drawn at its edge)" : "");
    return s;
}

std::string viridis(double t) {
    static constexpr std::array<std::array<double, 3>, 5> kStops{
        {{68, 1, 84}, {59, 82, 139}, {33, 145, 140}, {94, 201, 98}, {253, 231, 37}}};
    t = std::clamp(t, 0.0, 1.0) * 4;
    const size_t i = std::min<size_t>(3, static_cast<size_t>(t));
    const double f = t - static_cast<double>(i);
    std::array<int, 3> rgb{};
    for (size_t k = 0; k < 3; ++k)
        rgb[k] = static_cast<int>(std::lround(kStops[i][k] * (1 - f) + kStops[i + 1][k] * f));
    return fmt::format("#{:02x}{:02x}{:02x}", rgb[0], rgb[1], rgb[2]);
}

}  // namespace

const std::string& palette_colour(size_t i) {
    static const std::array<std::string, 10> kColours{"#1f77b4", "#d62728", "#2ca02c", "#9467bd",
                                                      "#ff7f0e", "#17becf", "#8c564b", "#e377c2",
                                                      "#7f7f7f", "#bcbd22"};
    return kColours[i % kColours.size()];
}

std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char ch : text) {
        switch (ch) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out += ch;
        }
    }
    return out;
}

std::string render_svg(const LineChart& c) {
    const YAxis a = y_axis(c);
    std::string s = open_svg(c.id, c.title, kWidth, kHeight) + axes(c, a);
    for (const ChartBand& b : c.bands) {
        s += fmt::format("<path class=\"band\" d=\"{}\" fill=\"{}\" fill-opacity=\"{}\"/>",
                         band_path(b, a), b.colour, b.opacity);
    }
    for (const ChartLine& l : c.lines) {
        s += fmt::format(
            "<path class=\"line\" d=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{}\"{}/>",
            line_path(l.y, a), l.colour, l.width, l.dashed ? " stroke-dasharray=\"5 3\"" : "");
    }
    return s + "</svg>";
}

std::string render_svg(const Heatmap& m) {
    const size_t nx = m.xs.size(), ny = m.ys.size();
    const bool named = !m.x_names.empty() && !m.y_names.empty();
    const double cw =
        named ? 90.0 : std::min(90.0, 440.0 / static_cast<double>(std::max<size_t>(nx, 1)));
    const double ch =
        named ? 24.0 : std::min(36.0, 300.0 / static_cast<double>(std::max<size_t>(ny, 1)));
    size_t name_width = 0;
    for (const std::string& n : m.y_names)
        name_width = std::max(name_width, n.size());
    const double left = named ? 12.0 + 6.2 * static_cast<double>(name_width) : 90;
    const double top = 34;
    const double w = std::max(left + cw * static_cast<double>(nx) + 120, 560.0);
    // Tall enough for the colour key (ten 10-px steps) however few the rows.
    const double h = std::max(top + ch * static_cast<double>(ny) + 50, top + 115);
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    extend(m.values, lo, hi);
    std::string s = open_svg(m.id, m.title, w, h);
    for (size_t yi = 0; yi < ny; ++yi) {
        // Larger values up; named rows in their order from the top.
        const double y = top + ch * static_cast<double>(named ? yi : ny - 1 - yi);
        if (named) {
            s += fmt::format("<text class=\"yl\" x=\"{}\" y=\"{:.1f}\">{}</text>", left - 4,
                             y + ch / 2 + 4, html_escape(m.y_names[yi]));
        } else {
            s += fmt::format("<text class=\"yl\" x=\"{}\" y=\"{:.1f}\">{:.4g}</text>", left - 4,
                             y + ch / 2 + 4, m.ys[yi]);
        }
        for (size_t xi = 0; xi < nx; ++xi) {
            const double v = m.values[yi * nx + xi];
            const double t = hi > lo ? (v - lo) / (hi - lo) : 0.5;
            const std::string fill = std::isnan(v)   ? "#dddddd"
                                     : std::isinf(v) ? "#7f0000"
                                                     : viridis(t);
            const std::string label = std::isnan(v) ? "n/a" : fmt::format("{:.3g}", v);
            const double x = left + cw * static_cast<double>(xi);
            // The label's colour goes in style=: the page's CSS would override an attribute.
            s += fmt::format(
                "<rect class=\"cell\" x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" "
                "fill=\"{}\"/><text class=\"v\" x=\"{:.1f}\" y=\"{:.1f}\" "
                "style=\"fill:{}\">{}</text>",
                x, y, cw - 1, ch - 1, fill, x + cw / 2, y + ch / 2 + 4,
                std::isfinite(v) && t > 0.55 ? "#000" : "#fff", label);
        }
    }
    for (size_t xi = 0; xi < nx; ++xi) {
        if (named) {  // column k is named in the key below the map: "k: name"
            s += fmt::format("<text class=\"xl\" x=\"{:.1f}\" y=\"{:.1f}\">{}</text>",
                             left + cw * (static_cast<double>(xi) + 0.5),
                             top + ch * static_cast<double>(ny) + 14, xi + 1);
            continue;
        }
        s += fmt::format("<text class=\"xl\" x=\"{:.1f}\" y=\"{:.1f}\">{:.4g}</text>",
                         left + cw * (static_cast<double>(xi) + 0.5),
                         top + ch * static_cast<double>(ny) + 14, m.xs[xi]);
    }
    s += fmt::format(
        "<text class=\"u\" x=\"{}\" y=\"{:.1f}\">x: {}</text><text class=\"u\" x=\"{}\" "
        "y=\"{:.1f}\">y: {}</text>",
        left, top + ch * static_cast<double>(ny) + 30, html_escape(m.x_label), left,
        top + ch * static_cast<double>(ny) + 44, html_escape(m.y_label));
    const double lx = left + cw * static_cast<double>(nx) + 16;
    for (int k = 0; k < 10; ++k) {  // colour key, low at the bottom
        s += fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"14\" height=\"10\" fill=\"{}\"/>",
                         lx, top + 10.0 * (9 - k), viridis(k / 9.0));
    }
    if (std::isfinite(lo)) {
        s += fmt::format(
            "<text class=\"k\" x=\"{:.1f}\" y=\"{:.1f}\">{:.4g}</text><text class=\"k\" "
            "x=\"{:.1f}\" "
            "y=\"{:.1f}\">{:.4g}</text>",
            lx + 18, top + 9, hi, lx + 18, top + 99, lo);
    }
    return s + "</svg>";
}

}  // namespace housim
