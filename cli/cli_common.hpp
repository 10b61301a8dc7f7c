// Pieces the subcommands share: provenance, the interrupt flag, output-path checks.
#pragma once

#include <atomic>
#include <string>
#include <vector>

#include "output/h5_writer.hpp"
#include "sim/scenario/scenario.hpp"

namespace housim {

// Set by SIGINT once install_interrupt_handler() ran; runners poll it and stop cleanly.
extern std::atomic<bool> g_stop;
void install_interrupt_handler();

// The current time as ISO 8601 UTC, e.g. "2026-11-22T03:49:46Z".
std::string utc_now();

// Provenance and the time axis of an output file for scenario s.
FileInfo file_info_for(const Scenario& s, const std::string& command_line);

// Throws InputError (exit 2) naming `option` if the folder that would hold path is missing.
void require_output_folder(const std::string& path, const std::string& option);

// Parses repeated --cycle-threshold values (months), defaulting to 18 and 12.
std::vector<double> cycle_thresholds_or_default(const std::vector<double>& given);

}  // namespace housim
