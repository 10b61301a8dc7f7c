// Pieces the subcommands share: provenance, the interrupt flag, output-path checks.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "output/h5_writer.hpp"
#include "output/run_journal.hpp"
#include "sim/core/errors.hpp"
#include "sim/scenario/scenario.hpp"

namespace housim {

// Set by SIGINT once install_interrupt_handler() ran; runners poll it and stop cleanly.
extern std::atomic<bool> g_stop;
void install_interrupt_handler();

// The current time as ISO 8601 UTC, e.g. "2026-11-22T03:49:46Z".
std::string utc_now();

// Provenance and the time axis of an output file for scenario s.
FileInfo file_info_for(const Scenario& s, const std::string& command_line);

// Checks an output path before any work and returns the path to write (docs/hostile_inputs.md).
// Refused with InputError (exit 2) naming `option` and the path: a path that names a
// directory, a device, a fifo, a socket or anything else that is not a regular file; a
// missing or unwritable folder; a folder with less free space than `estimated_bytes`.
// A symbolic link is written through: the returned path is the link's final target (links
// followed one by one), so the temporary file goes beside the target and the rename
// replaces the target, never the link.
std::string checked_output_path(const std::string& path, const std::string& option,
                                uint64_t estimated_bytes);

// Refuses (InputError) an input path that names a directory: reading one gives no error and
// no text, which the loaders would take for an empty file (the built-in defaults).
void require_not_directory(const std::string& path);

// A rough upper bound of an output file's size: every value of `values` stored uncompressed,
// plus the summaries (7 per month and metric) and a fixed allowance for the layout.
uint64_t output_size_estimate(uint64_t replicate_months, uint64_t months, uint64_t runs);

// Refuses (InputError, with the estimate) a batch whose worlds would need more memory than
// the machine has available: `worlds` replicates of `households` agents held at once.
void require_memory_for(int64_t households, int64_t worlds, const std::string& what);

// Runs read() and returns its result, turning an error reading `file` (a missing dataset, a
// wrong shape: std::runtime_error from output/h5_reader.hpp) into an InputError naming it.
template <class Read>
auto as_input_error(const std::string& file, Read&& read) -> decltype(read()) {
    try {
        return read();
    } catch (const InputError&) {
        throw;
    } catch (const std::runtime_error& e) {
        throw InputError({Diagnostic{file, 0, "", e.what()}});
    }
}

// Writes text to path through a temporary file in the same folder, flushed to disk and then
// renamed into place, so path is absent, untouched or complete. On failure the temporary
// file is removed and the error says why (e.g. "no space left on device").
void write_file_atomically(const std::string& path, const std::string& text);

// Parses repeated --cycle-threshold values (months), defaulting to 18 and 12.
std::vector<double> cycle_thresholds_or_default(const std::vector<double>& given);

// A killed run leaves its temporary HDF5 file (`OUT.h5.tmp-PID`, see H5Writer) behind: a
// resume removes those whose process is gone.
void remove_stale_temporaries(const std::string& path);

// The journal of finished replicates beside the output `path` (output/run_journal.hpp): a
// new one, or with `resume` the one a killed run of the same command left, whose rows go
// into `done` (after the killed process's temporary HDF5 files are removed).
std::unique_ptr<RunJournal> open_journal(const std::string& path, const JournalHeader& header,
                                         bool resume,
                                         std::map<uint32_t, std::vector<double>>& done);

}  // namespace housim
