// The journal of a run in progress (`OUT.h5.partial`), from which `housim run --resume`
// continues a killed run without recomputing its finished replicates.
//
// Why a journal beside the HDF5 file and not the HDF5 file itself: without SWMR, HDF5 is not
// crash-consistent; a process killed in the middle of a metadata write can leave a file no
// library opens, so "resume from the partial HDF5 file" would fail exactly when it is
// needed. The journal is append-only: a header (format, housim version and commit, the
// resolved scenario text, the replicate range, the shape of a row), then one record per
// finished replicate (its index, its row of values, a checksum), each flushed to disk
// (fdatasync) before the replicate counts as done. A record torn by a kill fails its length
// or checksum and is dropped, with everything after it. The HDF5 output is still written
// to a temporary file and renamed into place only when complete; the journal is removed
// then.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace housim {

struct JournalHeader {
    std::string housim_version;
    std::string git_commit;
    std::string scenario_toml;  // the resolved scenario: seed, months, households, levers
    uint32_t first_replicate = 0;
    uint32_t replicates = 0;
    uint32_t values_per_row = 0;  // the city's and the districts' values; 0: any (a sweep)
};

// A 64-bit fingerprint (FNV-1a) of a text, for a header that stands for a long one (a
// sweep's cells).
uint64_t journal_fingerprint(std::string_view text);

class RunJournal {
  public:
    // Starts a new journal at path (replacing any earlier one) and writes the header.
    // Throws std::runtime_error when the file cannot be written.
    RunJournal(const std::string& path, const JournalHeader& header);
    // Opens the journal at path to continue it: throws InputError (exit 2) when there is
    // none or its header differs from `expected` (naming what differs); fills `done` with
    // the rows of the finished replicates and drops a torn last record.
    RunJournal(const std::string& path, const JournalHeader& expected,
               std::map<uint32_t, std::vector<double>>& done);
    ~RunJournal();
    RunJournal(const RunJournal&) = delete;
    RunJournal& operator=(const RunJournal&) = delete;

    // Appends a finished replicate's row and flushes it to disk. Thread-safe.
    void append(uint32_t replicate, const std::vector<double>& values);
    // Closes and deletes the journal (after the output file is in place).
    void remove();

    static std::string path_for(const std::string& output_path) { return output_path + ".partial"; }

  private:
    std::string path_;
    int fd_ = -1;
    size_t row_values_ = 0;
    std::mutex mutex_;
};

}  // namespace housim
