// The HTML report of an output file (docs/studies.md): one self-contained page, no scripts,
// no external fonts or images; charts are inline SVG drawn by output/svg_chart.cpp.
#pragma once

#include <string>

#include "output/h5_reader.hpp"

namespace housim {

struct ReportSpec {
    std::string baseline;        // empty: the first cell
    std::string heatmap_metric;  // empty: digestion_cycle_narrow_months
    // A district: the overlays and fans draw its series (series_by_zone) instead of the
    // city's; empty: the city.
    std::string zone;
};

// Per-run sections with fan charts beyond this many runs are left out (the overlays,
// heatmap and study table still cover every run), to keep the page a reasonable size.
constexpr size_t kMaxRunSections = 60;

// Renders the report. file_label names the input in the page. Throws InputError for an
// unknown --baseline or --heatmap name.
std::string render_report(const H5Reader& reader, const std::string& file_label,
                          const ReportSpec& spec);

}  // namespace housim
