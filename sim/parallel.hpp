// Deterministic data parallelism inside a replicate: work is cut into fixed chunks whose
// boundaries depend only on the problem size, each chunk writes only its own slots and its
// own partial results, and partials are combined in chunk order. The result is the same at
// any thread count.
#pragma once

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <cstdint>

namespace housim {

inline constexpr int32_t kChunk = 4096;

inline int32_t chunk_count(int32_t n) {
    return (n + kChunk - 1) / kChunk;
}

// Calls fn(chunk, begin, end) for every chunk of [0, n), possibly concurrently.
template <class Fn>
void for_chunks(int32_t n, Fn&& fn) {
    const int32_t chunks = chunk_count(n);
    tbb::parallel_for(
        tbb::blocked_range<int32_t>(0, chunks, 1),
        [&](const tbb::blocked_range<int32_t>& r) {
            for (int32_t c = r.begin(); c < r.end(); ++c) {
                const int32_t begin = c * kChunk;
                const int32_t end = begin + kChunk < n ? begin + kChunk : n;
                fn(c, begin, end);
            }
        },
        tbb::simple_partitioner());
}

}  // namespace housim
