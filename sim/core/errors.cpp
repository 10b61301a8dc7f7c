#include "sim/core/errors.hpp"

#include <fmt/format.h>

namespace housim {

std::string Diagnostic::str() const {
    std::string where = file;
    if (line > 0) where += fmt::format(":{}", line);
    if (!key.empty()) where += fmt::format(": {}", key);
    return fmt::format("{}: {}", where, message);
}

namespace {
std::string join(const std::vector<Diagnostic>& d) {
    std::string s;
    for (const auto& x : d) {
        if (!s.empty()) s += '\n';
        s += x.str();
    }
    return s;
}
}  // namespace

InputError::InputError(std::vector<Diagnostic> d)
    : std::runtime_error(join(d)), diagnostics_(std::move(d)) {}

}  // namespace housim
