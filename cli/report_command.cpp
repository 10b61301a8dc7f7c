// `housim report`: renders the HTML report and writes it atomically (temporary file in the
// same folder, then rename), so the report path is absent, untouched or complete.
#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "cli/cli_common.hpp"
#include "cli/commands.hpp"
#include "output/report.hpp"
#include "sim/core/errors.hpp"

namespace housim {

int report_command(const ReportOptions& o) {
    namespace fs = std::filesystem;
    if (!fs::exists(o.file)) throw InputError({Diagnostic{o.file, 0, "", "no such file"}});
    const std::string path = o.output_path.empty()
                                 ? fs::path(o.file).replace_extension(".html").string()
                                 : o.output_path;
    require_output_folder(path, "-o");
    const H5Reader reader(o.file);
    const std::string html =
        render_report(reader, fs::path(o.file).filename().string(), {o.baseline, o.heatmap_metric});

    const std::string temp = path + ".tmp-" + std::to_string(::getpid());
    {
        std::ofstream out(temp, std::ios::binary);
        out << html;
        out.close();
        if (!out) {
            fs::remove(temp);
            throw std::runtime_error("cannot write " + temp);
        }
    }
    fs::rename(temp, path);
    fmt::print("{} ({:.0f} kB)\n", path, html.size() / 1024.0);
    return 0;
}

}  // namespace housim
