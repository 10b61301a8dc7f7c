// Whether a household loop screens households by the words of their first random block
// before running the full rules (decisions, life events): the outcomes are the same either
// way, since the screen passes every household a rule could act on; `off` is the reference
// the screens are tested against.
#pragma once

#include <cstdint>

namespace housim {

enum class Screening : uint8_t { on, off };

}  // namespace housim
