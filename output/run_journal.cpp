#include "output/run_journal.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "sim/core/errors.hpp"

namespace housim {

namespace {

constexpr char kMagic[] = "housim-journal/1\n";
constexpr uint32_t kRecordTag = 0x4c504552;  // "REPL"

// FNV-1a, 64 bits: enough to tell a torn or garbled record from a whole one.
uint64_t fnv1a(const void* data, size_t n, uint64_t h = 0xcbf29ce484222325ULL) {
    const auto* p = static_cast<const unsigned char*>(data);
    for (size_t i = 0; i < n; ++i) {
        h ^= p[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

[[noreturn]] void fail(const std::string& path, const char* what) {
    throw std::runtime_error(path + ": " + what + ": " + std::strerror(errno));
}

void write_all(int fd, const void* data, size_t n, const std::string& path) {
    const auto* p = static_cast<const char*>(data);
    while (n > 0) {
        const ssize_t w = ::write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR) continue;
            fail(path, "cannot write the run journal");
        }
        p += w;
        n -= static_cast<size_t>(w);
    }
}

void put_u32(std::string& out, uint32_t v) {
    out.append(reinterpret_cast<const char*>(&v), 4);
}

void put_string(std::string& out, const std::string& s) {
    put_u32(out, static_cast<uint32_t>(s.size()));
    out += s;
}

std::string header_bytes(const JournalHeader& h) {
    std::string out = kMagic;
    put_string(out, h.housim_version);
    put_string(out, h.git_commit);
    put_string(out, h.scenario_toml);
    put_u32(out, h.first_replicate);
    put_u32(out, h.replicates);
    put_u32(out, h.values_per_row);
    const uint64_t sum = fnv1a(out.data(), out.size());
    out.append(reinterpret_cast<const char*>(&sum), 8);
    return out;
}

// Reads the whole file (a journal is at most replicates x rows of doubles).
std::string read_all(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        throw InputError({Diagnostic{path, 0, "",
                                     "no partial run to resume (the journal a killed run "
                                     "leaves beside its output is missing)"}});
    }
    std::string data;
    char buf[1 << 16];
    for (;;) {
        const ssize_t r = ::read(fd, buf, sizeof buf);
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) {
            ::close(fd);
            fail(path, "cannot read the run journal");
        }
        if (r == 0) break;
        data.append(buf, static_cast<size_t>(r));
    }
    ::close(fd);
    return data;
}

// What differs between two headers, for the refusal; empty when they match.
std::string difference(const JournalHeader& a, const JournalHeader& b) {
    if (a.housim_version != b.housim_version || a.git_commit != b.git_commit)
        return "another housim version (" + a.housim_version + " " + a.git_commit + ")";
    if (a.scenario_toml != b.scenario_toml)
        return "another scenario (the resolved scenario text differs: file, --set, seed, "
               "months or households)";
    if (a.first_replicate != b.first_replicate || a.replicates != b.replicates)
        return "other replicates (" + std::to_string(a.first_replicate) + " .. " +
               std::to_string(a.first_replicate + a.replicates - 1) + ")";
    if (a.values_per_row != b.values_per_row) return "another set of output series";
    return {};
}

struct Cursor {
    const std::string& data;
    size_t at = 0;
    bool take(void* out, size_t n) {
        if (data.size() - at < n) return false;
        std::memcpy(out, data.data() + at, n);
        at += n;
        return true;
    }
    bool u32(uint32_t& v) { return take(&v, 4); }
    bool string(std::string& s) {
        uint32_t n = 0;
        if (!u32(n) || data.size() - at < n) return false;
        s.assign(data, at, n);
        at += n;
        return true;
    }
};

}  // namespace

uint64_t journal_fingerprint(std::string_view text) {
    return fnv1a(text.data(), text.size());
}

RunJournal::RunJournal(const std::string& path, const JournalHeader& header)
    : path_(path), row_values_(header.values_per_row) {
    fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd_ < 0) fail(path, "cannot create the run journal");
    const std::string bytes = header_bytes(header);
    write_all(fd_, bytes.data(), bytes.size(), path_);
    if (::fdatasync(fd_) != 0) fail(path_, "cannot flush the run journal");
}

RunJournal::RunJournal(const std::string& path, const JournalHeader& expected,
                       std::map<uint32_t, std::vector<double>>& done)
    : path_(path), row_values_(expected.values_per_row) {
    const std::string data = read_all(path);
    Cursor c{data};
    const auto refuse = [&](const std::string& what) {
        throw InputError({Diagnostic{path, 0, "", "cannot resume: " + what}});
    };
    char magic[sizeof kMagic - 1];
    if (!c.take(magic, sizeof magic) || std::memcmp(magic, kMagic, sizeof magic) != 0)
        refuse("not a housim run journal");
    JournalHeader h;
    if (!c.string(h.housim_version) || !c.string(h.git_commit) || !c.string(h.scenario_toml) ||
        !c.u32(h.first_replicate) || !c.u32(h.replicates) || !c.u32(h.values_per_row)) {
        refuse("the journal's header is incomplete");
    }
    uint64_t sum = 0;
    if (!c.take(&sum, 8) || sum != fnv1a(data.data(), c.at - 8)) refuse("the header is damaged");
    if (const std::string d = difference(h, expected); !d.empty())
        refuse("the partial run was made by " + d + "; run without --resume to start over");
    size_t good = c.at;
    for (;;) {
        uint32_t tag = 0, replicate = 0;
        uint64_t n = 0;
        if (!c.u32(tag) || tag != kRecordTag || !c.u32(replicate) || !c.take(&n, 8) ||
            (row_values_ != 0 && n != row_values_) || data.size() - c.at < n * sizeof(double) + 8) {
            break;
        }
        std::vector<double> row(n);
        c.take(row.data(), n * sizeof(double));
        uint64_t record_sum = 0;
        c.take(&record_sum, 8);
        if (record_sum != fnv1a(data.data() + good, c.at - 8 - good)) break;
        if (replicate >= h.first_replicate && replicate - h.first_replicate < h.replicates)
            done[replicate] = std::move(row);
        good = c.at;
    }
    fd_ = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd_ < 0) fail(path, "cannot open the run journal");
    // Drop a torn tail so that new records follow the last whole one.
    if (::ftruncate(fd_, static_cast<off_t>(good)) != 0 ||
        ::lseek(fd_, static_cast<off_t>(good), SEEK_SET) < 0) {
        fail(path, "cannot truncate the run journal");
    }
}

RunJournal::~RunJournal() {
    if (fd_ >= 0) ::close(fd_);
}

void RunJournal::append(uint32_t replicate, const std::vector<double>& values) {
    if (row_values_ != 0 && values.size() != row_values_) {
        throw std::logic_error("run journal: a row of " + std::to_string(values.size()) +
                               " values, expected " + std::to_string(row_values_));
    }
    std::string record;
    record.reserve(16 + values.size() * sizeof(double) + 8);
    put_u32(record, kRecordTag);
    put_u32(record, replicate);
    const uint64_t n = values.size();
    record.append(reinterpret_cast<const char*>(&n), 8);
    record.append(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(double));
    const uint64_t sum = fnv1a(record.data(), record.size());
    record.append(reinterpret_cast<const char*>(&sum), 8);
    const std::lock_guard lock(mutex_);
    write_all(fd_, record.data(), record.size(), path_);
    if (::fdatasync(fd_) != 0) fail(path_, "cannot flush the run journal");
}

void RunJournal::remove() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
    ::unlink(path_.c_str());
}

}  // namespace housim
