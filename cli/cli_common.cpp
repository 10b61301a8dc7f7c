#include "cli/cli_common.hpp"

#include <fmt/format.h>

#include <csignal>
#include <ctime>
#include <filesystem>

#include "output/study_metrics.hpp"
#include "sim/core/errors.hpp"
#include "sim/version.hpp"

namespace housim {

std::atomic<bool> g_stop{false};

namespace {
extern "C" void on_interrupt(int) {
    g_stop.store(true);
}
}  // namespace

void install_interrupt_handler() {
    std::signal(SIGINT, on_interrupt);
}

std::string utc_now() {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

FileInfo file_info_for(const Scenario& s, const std::string& command_line) {
    FileInfo info;
    info.housim_version = kVersion;
    info.git_commit = kGitCommit;
    info.created_utc = utc_now();
    info.command_line = command_line;
    info.seed = s.run.seed;
    for (int m = 0; m < s.run.months; ++m)
        info.months.push_back(s.run.start.plus(m).str());
    return info;
}

void require_output_folder(const std::string& path, const std::string& option) {
    const auto parent = std::filesystem::absolute(path).parent_path();
    if (!std::filesystem::is_directory(parent)) {
        throw InputError(
            {Diagnostic{option, 0, "", fmt::format("no such folder: {}", parent.string())}});
    }
}

std::vector<double> cycle_thresholds_or_default(const std::vector<double>& given) {
    for (const double t : given) {
        if (!(t > 0 && t < 1000)) {
            throw InputError(
                {Diagnostic{"--cycle-threshold", 0, "",
                            fmt::format("{} is not a number of months in (0, 1000)", t)}});
        }
    }
    return given.empty() ? StudyOptions{}.cycle_thresholds : given;
}

}  // namespace housim
