// The month as a script of named phases, in the order of MODEL.md §4.
#pragma once

#include "sim/world.hpp"

namespace housim {

void step_month(World& w, bool check);

}  // namespace housim
