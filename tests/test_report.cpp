// The HTML report: its SVG charts (gaps and clipping), its self-containment, and the page
// as a browser renders it (headless Chromium: every chart present and drawn, and a
// screenshot that is not blank). The browser tests skip where /usr/bin/chromium is missing;
// CI installs it (scripts/setup.sh).
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <limits>
#include <regex>
#include <string>

#include "cli_helpers.hpp"
#include "output/h5_reader.hpp"
#include "output/report.hpp"
#include "output/svg_chart.hpp"

namespace housim {
namespace {

namespace fs = std::filesystem;
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr const char* kChromium = "/usr/bin/chromium";

size_t count(const std::string& text, const std::string& what) {
    size_t n = 0;
    for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
        ++n;
    return n;
}

TEST(SvgChart, NaNLeavesAGapAndInfinityIsClippedAtTheEdge) {
    LineChart c{"t", "title <&>", "months", {"2025-01", "2025-02", "2025-03", "2025-04"}, {}, {}};
    c.lines.push_back(ChartLine{{1, NAN, 3, kInf}, "#000", 1, false});
    c.bands.push_back(ChartBand{{0, 0, NAN, 0}, {2, 2, NAN, 5}, "#00f", 0.2});
    const std::string svg = render_svg(c);
    EXPECT_NE(svg.find("title &lt;&amp;&gt;"), std::string::npos);
    std::smatch m;
    ASSERT_TRUE(std::regex_search(svg, m, std::regex("class=\"line\" d=\"([^\"]*)\"")));
    EXPECT_EQ(count(m[1].str(), "M"), 2u) << m[1];  // the NaN month splits the line
    EXPECT_EQ(count(m[1].str(), "L"), 1u) << m[1];
    ASSERT_TRUE(std::regex_search(svg, m, std::regex("class=\"band\" d=\"([^\"]*)\"")));
    EXPECT_EQ(count(m[1].str(), "Z"), 2u) << m[1];  // two stretches of known bounds
    EXPECT_EQ(svg.find("nan"), std::string::npos);
    EXPECT_EQ(svg.find("inf"), std::string::npos);
    EXPECT_NE(svg.find("drawn at its edge"), std::string::npos);
}

TEST(SvgChart, HeatmapMarksMissingAndInfiniteCells) {
    const Heatmap h{"h", "cycle", "x", "y", {1, 2}, {10, 20}, {1, 2, NAN, kInf}, {}, {}};
    const std::string svg = render_svg(h);
    EXPECT_EQ(count(svg, "class=\"cell\""), 4u);
    EXPECT_NE(svg.find(">n/a<"), std::string::npos);
    EXPECT_NE(svg.find(">inf<"), std::string::npos);
    EXPECT_EQ(html_escape("a\"b'c"), "a&quot;b&#39;c");
}

// A 2 x 2 sweep of the tiny city, rendered once for the tests below.
class ReportFile : public test::TempDirTest {
  protected:
    void SetUp() override {
        TempDirTest::SetUp();
        const std::string sweep = write(
            "s.toml", test::tiny_sweep_text(
                          "[[axis]]\nkey = \"policy.credit.commercial.min_down_payment.first\"\n"
                          "values = [0.15, 0.3]\n[[axis]]\nkey = \"policy.land.destock_rule."
                          "halt_above_months\"\nvalues = [36, 24]\n",
                          2, 12));
        ASSERT_EQ(test::housim_cli("sweep " + sweep + " --quiet -o " + path("s.h5")).code, 0);
        const auto r = test::housim_cli("report " + path("s.h5") + " -o " + path("r.html"));
        ASSERT_EQ(r.code, 0) << r.out;
        html_ = test::read_file(path("r.html"));
    }
    static constexpr size_t kCharts = 4 * 7 + 7 + 1;  // fans per run, overlays, heatmap
    std::string html_;
};

TEST_F(ReportFile, HasEveryChartAndNeedsNothingFromOutside) {
    EXPECT_EQ(count(html_, "<svg class=\"chart\""), kCharts);
    EXPECT_EQ(count(html_, "data-chart=\"fan:cell_002:"), 7u);
    EXPECT_EQ(count(html_, "data-chart=\"overlay:"), 7u);
    EXPECT_EQ(count(html_, "data-chart=\"heatmap:digestion_cycle_narrow_months\""), 1u);
    for (const char* outside : {"<script", "src=", "href=\"http", "@import", "url(", "<link"}) {
        EXPECT_EQ(html_.find(outside), std::string::npos) << outside;
    }
    EXPECT_EQ(count(html_, "http"), kCharts);  // only each SVG's xmlns
    EXPECT_NE(html_.find("destock_rule.halt_above_months = 24"), std::string::npos);  // scenario
    EXPECT_NE(html_.find("git_commit"), std::string::npos);
    EXPECT_NE(html_.find("months_to_narrow_cycle_below_18"), std::string::npos);
}

TEST_F(ReportFile, InputErrorsExitTwoAndWriteNothing) {
    EXPECT_EQ(
        test::housim_cli("report " + path("s.h5") + " --heatmap nope -o " + path("x.html")).code,
        2);
    EXPECT_EQ(
        test::housim_cli("report " + path("s.h5") + " --baseline nope -o " + path("x.html")).code,
        2);
    EXPECT_EQ(test::housim_cli("report " + path("none.h5")).code, 2);
    EXPECT_FALSE(fs::exists(path("x.html")));
    const auto study = test::housim_cli("report " + path("s.h5") +
                                        " --heatmap land_halted_months -o " + path("y.html"));
    EXPECT_EQ(study.code, 0) << study.out;
}

std::string chromium(const std::string& profile, const std::string& args) {
    return std::string(kChromium) +
           " --headless --no-sandbox --disable-gpu --disable-background-networking "
           "--disable-component-update --disable-sync --no-first-run --user-data-dir=" +
           profile + " " + args;
}

// In the browser: every chart is there and has drawn shapes with a non-empty box. The check
// runs as a script appended to a copy (the report itself has none) and writes its verdict
// into the page, which --dump-dom prints.
TEST_F(ReportFile, EveryChartRendersInHeadlessChromium) {
    if (!fs::exists(kChromium)) GTEST_SKIP() << "chromium is not installed";
    const std::string check = R"(<script>
let drawn = 0, empty = [];
for (const svg of document.querySelectorAll('svg.chart')) {
  const shapes = [...svg.querySelectorAll('path.line, path.band, rect.cell')]
      .filter(e => { const b = e.getBBox(); return b.width > 0 && b.height >= 0; });
  const r = svg.getBoundingClientRect();
  if (shapes.length > 0 && r.width > 100 && r.height > 100) drawn++;
  else empty.push(svg.dataset.chart);
}
const out = document.createElement('pre');
out.id = 'render-check';
out.textContent = 'charts=' + document.querySelectorAll('svg.chart').length + ' drawn=' + drawn +
    ' empty=[' + empty.join(',') + ']';
document.body.appendChild(out);
</script></body>)";
    std::string page = html_;
    page.replace(page.rfind("</body>"), 7, check);
    std::ofstream(path("check.html")) << page;
    const auto r = test::run_shell(chromium(
        path("profile"), "--dump-dom file://" + path("check.html") + " > " + path("dom.html")));
    ASSERT_EQ(r.code, 0) << r.out;
    const std::string dom = test::read_file(path("dom.html"));
    const std::string expected =
        "charts=" + std::to_string(kCharts) + " drawn=" + std::to_string(kCharts) + " empty=[]";
    EXPECT_NE(dom.find(expected), std::string::npos)
        << dom.substr(std::min(dom.size(), dom.find("render-check")), 300);
}

// The screenshot is a 1200 x 3000 PNG with more than a few colours: a page that failed to
// draw (blank, or only an error) would be one or two colours.
TEST_F(ReportFile, ScreenshotIsNotBlank) {
    if (!fs::exists(kChromium)) GTEST_SKIP() << "chromium is not installed";
    const std::string png = path("shot.png");
    const auto r = test::run_shell(chromium(path("profile"), "--screenshot=" + png +
                                                                 " --window-size=1200,3000 "
                                                                 "file://" +
                                                                 path("r.html")));
    ASSERT_EQ(r.code, 0) << r.out;
    const std::string bytes = test::read_file(png);
    ASSERT_GT(bytes.size(), 33u);
    EXPECT_EQ(bytes.substr(1, 3), "PNG");
    auto be32 = [&](size_t at) {
        uint32_t v = 0;
        for (size_t i = 0; i < 4; ++i)
            v = (v << 8) | static_cast<unsigned char>(bytes[at + i]);
        return v;
    };
    EXPECT_EQ(bytes.substr(12, 4), "IHDR");
    EXPECT_EQ(be32(16), 1200u);
    EXPECT_EQ(be32(20), 3000u);
    // Decoding needs zlib: python3's standard library has it, and Debian always ships python3.
    const auto colours = test::run_shell("/usr/bin/python3 " + std::string(HOUSIM_SOURCE_DIR) +
                                         "/tests/png_colours.py " + png);
    if (colours.code == 0) {
        EXPECT_GT(std::stoi(colours.out), 20) << colours.out;
    } else {
        EXPECT_GT(bytes.size(), 50000u) << "a blank 1200 x 3000 page compresses far smaller";
    }
}

}  // namespace
}  // namespace housim
