// `housim report`: renders the HTML report and writes it atomically (temporary file in the
// same folder, then rename), so the report path is absent, untouched or complete.
#include <fmt/format.h>

#include <filesystem>

#include "cli/cli_common.hpp"
#include "cli/commands.hpp"
#include "output/report.hpp"
#include "sim/core/errors.hpp"

namespace housim {

int report_command(const ReportOptions& o) {
    namespace fs = std::filesystem;
    if (!fs::exists(o.file)) throw InputError({Diagnostic{o.file, 0, "", "no such file"}});
    // Checked before reading: a report is a few MB at most; the space is checked again once
    // its size is known.
    const std::string path = checked_output_path(
        o.output_path.empty() ? fs::path(o.file).replace_extension(".html").string()
                              : o.output_path,
        "-o", 0);
    const std::string html = [&] {
        const H5Reader reader(o.file);
        return as_input_error(o.file, [&] {
            return render_report(reader, fs::path(o.file).filename().string(),
                                 {o.baseline, o.heatmap_metric, o.zone});
        });
    }();
    checked_output_path(path, "-o", html.size());
    write_file_atomically(path, html);
    fmt::print("{} ({:.0f} kB)\n", path, html.size() / 1024.0);
    return 0;
}

}  // namespace housim
