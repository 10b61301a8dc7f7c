// Buffers of gather_if_parallel (sim/parallel.hpp), kept in World::scratch between months.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace housim {

// One buffer per chunk, reused from call to call: each keeps the chunk's length (so it is
// never cleared or re-filled) and `count` says how many of its entries the last gather wrote.
struct GatherParts {
    std::vector<std::vector<int32_t>> ids;
    std::vector<size_t> count;
};

}  // namespace housim
