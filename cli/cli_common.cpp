#include "cli/cli_common.hpp"
#include "cli/distributed.hpp"

#include <fmt/format.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>

#include "output/study_metrics.hpp"
#include "sim/core/errors.hpp"
#include "sim/metrics.hpp"
#include "sim/version.hpp"

namespace housim {

std::atomic<bool> g_stop{false};

namespace {
extern "C" void on_interrupt(int) {
    g_stop.store(true);
}
}  // namespace

// SIGTERM (kill, timeout) and SIGHUP (a closed terminal) stop as Ctrl-C does, so the
// temporary output file is removed rather than left behind (docs/hostile_inputs.md).
void install_interrupt_handler() {
    std::signal(SIGINT, on_interrupt);
    std::signal(SIGTERM, on_interrupt);
    std::signal(SIGHUP, on_interrupt);
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
    info.mpi_ranks = mpi_ranks();
    for (int m = 0; m < s.run.months; ++m)
        info.months.push_back(s.run.start.plus(m).str());
    return info;
}

namespace {

[[noreturn]] void refuse(const std::string& option, const std::string& path,
                         const std::string& why) {
    throw InputError({Diagnostic{option, 0, "", fmt::format("{}: {}", path, why)}});
}

std::string kind_of(mode_t mode) {
    if (S_ISDIR(mode)) return "is a directory, not a file";
    if (S_ISCHR(mode)) return "is a character device, not a regular file";
    if (S_ISBLK(mode)) return "is a block device, not a regular file";
    if (S_ISFIFO(mode)) return "is a fifo (named pipe), not a regular file";
    if (S_ISSOCK(mode)) return "is a socket, not a regular file";
    return "is not a regular file";
}

std::string megabytes(uint64_t bytes) {
    return fmt::format("{:.1f} MB", static_cast<double>(bytes) / 1e6);
}

}  // namespace

std::string checked_output_path(const std::string& path, const std::string& option,
                                uint64_t estimated_bytes) {
    namespace fs = std::filesystem;
    if (path.empty()) refuse(option, "\"\"", "empty output path");
    fs::path target = path;
    if (!target.has_filename() || target.filename() == "." || target.filename() == "..") {
        refuse(option, path, "names a folder, not a file");
    }
    // Follow links one by one (as the kernel would, up to its limit of 40) so that the rename
    // at the end replaces the file the link points to and leaves the link itself in place.
    for (int hops = 0;; ++hops) {
        struct stat st {};
        if (::lstat(target.c_str(), &st) != 0) {
            if (errno == ENOENT) break;  // a new file (or a link to a file not yet written)
            refuse(option, path, std::strerror(errno));  // e.g. a regular file used as a folder
        }
        if (!S_ISLNK(st.st_mode)) {
            if (!S_ISREG(st.st_mode)) {
                refuse(option, path,
                       target.string() == path ? kind_of(st.st_mode)
                                               : fmt::format("links to {}, which {}",
                                                             target.string(), kind_of(st.st_mode)));
            }
            break;
        }
        if (hops >= 40) refuse(option, path, "too many levels of symbolic links");
        std::error_code error;
        const fs::path next = fs::read_symlink(target, error);
        if (error) refuse(option, path, error.message());
        target = next.is_absolute() ? next : target.parent_path() / next;
        target = target.lexically_normal();
        if (!target.has_filename()) refuse(option, path, "links to a folder, not a file");
    }
    const fs::path folder = fs::absolute(target).parent_path();
    struct stat st {};
    if (::stat(folder.c_str(), &st) != 0) {
        refuse(option, path, fmt::format("no such folder: {}", folder.string()));
    }
    if (!S_ISDIR(st.st_mode))
        refuse(option, path, fmt::format("{} is not a folder", folder.string()));
    // The temporary file is created in this folder and renamed: both need write and search.
    if (::access(folder.c_str(), W_OK | X_OK) != 0) {
        refuse(option, path,
               fmt::format("cannot write in folder {}: {}", folder.string(), std::strerror(errno)));
    }
    struct statvfs fs_stat {};
    if (::statvfs(folder.c_str(), &fs_stat) == 0) {
        const uint64_t free_bytes = static_cast<uint64_t>(fs_stat.f_bavail) * fs_stat.f_frsize;
        if (free_bytes < estimated_bytes) {
            refuse(option, path,
                   fmt::format("not enough free space in {}: {} free, the output needs about {}",
                               folder.string(), megabytes(free_bytes), megabytes(estimated_bytes)));
        }
    }
    return target.string();
}

void write_file_atomically(const std::string& path, const std::string& text) {
    const std::string temp = path + ".tmp-" + std::to_string(::getpid());
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        throw std::runtime_error(fmt::format("cannot create {}: {}", temp, std::strerror(errno)));
    auto give_up = [&](const char* what) {
        const int saved = errno;
        ::close(fd);
        ::unlink(temp.c_str());
        throw std::runtime_error(
            fmt::format("cannot {} {}: {}{}", what, path, std::strerror(saved),
                        saved == ENOSPC ? " (no space left; nothing written)" : ""));
    };
    size_t done = 0;
    while (done < text.size()) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) give_up("write");
        done += static_cast<size_t>(n);
    }
    if (::fsync(fd) != 0) give_up("write");
    if (::close(fd) != 0) {
        const int saved = errno;
        ::unlink(temp.c_str());
        throw std::runtime_error(fmt::format("cannot write {}: {}", path, std::strerror(saved)));
    }
    if (::rename(temp.c_str(), path.c_str()) != 0) {
        const int saved = errno;
        ::unlink(temp.c_str());
        throw std::runtime_error(
            fmt::format("cannot rename {} to {}: {}", temp, path, std::strerror(saved)));
    }
}

void require_not_directory(const std::string& path) {
    std::error_code error;
    if (!path.empty() && std::filesystem::is_directory(path, error)) {
        throw InputError({Diagnostic{path, 0, "", "is a directory, not a file"}});
    }
}

uint64_t output_size_estimate(uint64_t replicate_months, uint64_t months, uint64_t runs) {
    const uint64_t metrics = metric_registry().size();
    // Values are float64; the summary holds 7 statistics per month and metric; 64 kB per run
    // and 256 kB per file cover headers, attributes, the scenario text and the time axis
    // (measured: a 2-replicate, 6-month run is about 100 kB). Compression makes the real
    // file smaller, so this errs on the safe side.
    return 8 * metrics * (replicate_months + 7 * months * runs) + 65536 * runs + 262144;
}

namespace {

// Bytes of memory this process may still use: the kernel's MemAvailable, lowered to the
// control group's limit (a container) when that is smaller; 0 when unknown.
uint64_t available_memory() {
    uint64_t available = 0;
    std::ifstream meminfo("/proc/meminfo");
    std::string key;
    uint64_t kb = 0;
    std::string unit;
    while (meminfo >> key >> kb >> unit) {
        if (key == "MemAvailable:") {
            available = kb * 1024;
            break;
        }
    }
    std::ifstream cgroup("/sys/fs/cgroup/memory.max");
    uint64_t limit = 0;
    if (cgroup >> limit && limit > 0 && (available == 0 || limit < available)) available = limit;
    return available;
}

}  // namespace

void require_memory_for(int64_t households, int64_t worlds, const std::string& what) {
    // bench/RESULTS.md: 222-234 B per household of world at 1e5-1e6 households, 227-286 B
    // of process peak; 300 B leaves room for the month's buffers. Plus ~100 MB for the
    // program, its libraries and the output rows kept in flight.
    constexpr double kBytesPerHousehold = 300;
    constexpr double kFixedBytes = 100e6;
    const double need =
        kBytesPerHousehold * static_cast<double>(households) * static_cast<double>(worlds) +
        kFixedBytes;
    const uint64_t have = available_memory();
    if (have > 0 && need > static_cast<double>(have)) {
        throw InputError({Diagnostic{
            what, 0, "run.households",
            fmt::format("{} households x {} replicate(s) at once need about {} of memory "
                        "(300 B per household, bench/RESULTS.md); {} is available. Use fewer "
                        "households (run.scale keeps the real city), or fewer threads (-j)",
                        households, worlds, megabytes(static_cast<uint64_t>(need)),
                        megabytes(have))}});
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

// A killed run leaves its temporary HDF5 file (`OUT.h5.tmp-PID`, see H5Writer) behind:
// a resume removes those whose process is gone.
void remove_stale_temporaries(const std::string& path) {
    namespace fs = std::filesystem;
    const fs::path target(path);
    const std::string prefix = target.filename().string() + ".tmp-";
    std::error_code ec;
    const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
    for (const fs::directory_entry& e : fs::directory_iterator(folder, ec)) {
        const std::string name = e.path().filename().string();
        if (name.rfind(prefix, 0) != 0) continue;
        const std::string pid = name.substr(prefix.size());
        if (pid.empty() || pid.find_first_not_of("0123456789") != std::string::npos) continue;
        if (::kill(static_cast<pid_t>(std::stol(pid)), 0) != 0 && errno == ESRCH)
            fs::remove(e.path(), ec);
    }
}

std::unique_ptr<RunJournal> open_journal(const std::string& path, const JournalHeader& header,
                                         bool resume,
                                         std::map<uint32_t, std::vector<double>>& done) {
    if (!resume) return std::make_unique<RunJournal>(RunJournal::path_for(path), header);
    auto journal = std::make_unique<RunJournal>(RunJournal::path_for(path), header, done);
    remove_stale_temporaries(path);
    return journal;
}

}  // namespace housim
