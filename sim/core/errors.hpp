// Typed errors. Library code throws; only main() chooses an exit code
// (InputError -> 2, anything else -> 1).
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace housim {

// One problem in the input, located as precisely as we know it.
struct Diagnostic {
    std::string file;  // scenario path, "--set", or "<built-in default>"
    int line = 0;      // 0 when unknown
    std::string key;   // dotted key path, may be empty
    std::string message;
    std::string str() const;
};

// Invalid input (usage, scenario, sweep). Carries every problem found, not just the first.
class InputError : public std::runtime_error {
  public:
    explicit InputError(std::vector<Diagnostic> d);
    const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

  private:
    std::vector<Diagnostic> diagnostics_;
};

// An identity of MODEL.md §10 failed during a run with --check.
class IdentityError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// The user interrupted the run (Ctrl-C); main exits with 130.
class Interrupted : public std::runtime_error {
  public:
    Interrupted() : std::runtime_error("interrupted") {}
};

}  // namespace housim
