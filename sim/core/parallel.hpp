// Deterministic data parallelism inside a replicate: work is cut into fixed chunks whose
// boundaries depend only on the problem size, each chunk writes only its own slots and its
// own partial results, and partials are combined in chunk order. The result is the same at
// any thread count.
#pragma once

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <emmintrin.h>
#include <xmmintrin.h>

#include <bit>
#include <cstdint>
#include <vector>

#include "sim/core/gather_parts.hpp"
#include "sim/core/tsan.hpp"

namespace housim {

inline constexpr int32_t kChunk = 4096;

inline int32_t chunk_count(int32_t n) {
    return (n + kChunk - 1) / kChunk;
}

// Calls fn(chunk, begin, end) for every chunk of [0, n), possibly concurrently.
template <class Fn>
void for_chunks(int32_t n, Fn&& fn) {
    const int32_t chunks = chunk_count(n);
    ForkJoin sync;  // for ThreadSanitizer only (sim/core/tsan.hpp)
    sync.fork();
    tbb::parallel_for(
        tbb::blocked_range<int32_t>(0, chunks, 1),
        [&](const tbb::blocked_range<int32_t>& r) {
            sync.enter();
            for (int32_t c = r.begin(); c < r.end(); ++c) {
                const int32_t begin = c * kChunk;
                const int32_t end = begin + kChunk < n ? begin + kChunk : n;
                fn(c, begin, end);
            }
            sync.leave();
        },
        tbb::simple_partitioner());
    sync.join();
}

// fn(begin, end) -> T for every chunk of [0, n), possibly concurrently; the partials are
// combined in chunk order by combine(acc, partial). Exact for integer counts; for floating
// sums the chunked order is fixed (deterministic at any thread count) but differs from a
// single running sum.
template <class T, class Fn, class Combine>
T reduce_chunks(int32_t n, T init, Fn&& fn, Combine&& combine) {
    std::vector<T> partial(static_cast<size_t>(chunk_count(n)));
    for_chunks(n, [&](int32_t c, int32_t begin, int32_t end) {
        partial[static_cast<size_t>(c)] = fn(begin, end);
    });
    for (const T& p : partial)
        combine(init, p);
    return init;
}

// Number of i in [0, n) with pred(i) (exact, any thread count).
template <class Pred>
int64_t count_if_parallel(int32_t n, Pred&& pred) {
    return reduce_chunks(
        n, int64_t{0},
        [&](int32_t begin, int32_t end) {
            int64_t k = 0;
            for (int32_t i = begin; i < end; ++i)
                k += pred(i) ? 1 : 0;
            return k;
        },
        [](int64_t& acc, int64_t k) { acc += k; });
}

namespace detail {

// The gathers' frame: scan(begin, end, slot) writes a chunk's ids to slot (room for the
// whole chunk) and returns how many it wrote; the parts are concatenated in chunk order.
template <class Scan>
void gather_chunks(int32_t n, Scan&& scan, std::vector<int32_t>& out, GatherParts& parts) {
    const auto chunks = static_cast<size_t>(chunk_count(n));
    parts.ids.resize(chunks);
    parts.count.assign(chunks, 0);
    for_chunks(n, [&](int32_t c, int32_t begin, int32_t end) {
        std::vector<int32_t>& part = parts.ids[static_cast<size_t>(c)];
        if (part.size() < static_cast<size_t>(end - begin))
            part.resize(static_cast<size_t>(kChunk));
        parts.count[static_cast<size_t>(c)] = scan(begin, end, part.data());
    });
    out.clear();
    for (size_t c = 0; c < chunks; ++c) {
        const int32_t* ids = parts.ids[c].data();
        out.insert(out.end(), ids, ids + parts.count[c]);
    }
}

}  // namespace detail

// The i in [0, n) with pred(i), in increasing order, into `out` (chunks scanned in
// parallel into `parts`, then concatenated in chunk order). Every i is written and the end
// advances by pred(i): no branch on the predicate, whose outcome is often a coin flip (a
// third of households are on the waiting list). A predicate that combines its tests with &
// rather than && keeps the whole scan branch-free.
template <class Pred>
void gather_if_parallel(int32_t n, Pred&& pred, std::vector<int32_t>& out, GatherParts& parts) {
    detail::gather_chunks(
        n,
        [&](int32_t begin, int32_t end, int32_t* slot) {
            size_t k = 0;
            for (int32_t i = begin; i < end; ++i) {
                slot[k] = i;
                k += pred(i) ? 1 : 0;
            }
            return k;
        },
        out, parts);
}

// Calls f(i) for each i in [begin, end) with column[i] == value, in increasing order. For a
// rare byte value: sixteen bytes of the column are compared at once (SSE2, in every x86-64),
// so the branches are per sixteen bytes and per match, not per byte.
template <class F>
void for_each_byte_match(int32_t begin, int32_t end, const uint8_t* column, uint8_t value, F&& f) {
    const __m128i wanted = _mm_set1_epi8(static_cast<char>(value));
    int32_t i = begin;
    for (; i + 16 <= end; i += 16) {
        const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(column + i));
        for (auto m = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(bytes, wanted)));
             m != 0; m &= m - 1) {
            f(i + std::countr_zero(m));
        }
    }
    for (; i < end; ++i) {
        if (column[i] == value) f(i);
    }
}

// The i in [0, n) with column[i] == value and pred(i), for a rare byte value
// (for_each_byte_match); pred is evaluated at the matches alone.
template <class Pred>
void gather_where_byte(int32_t n, const uint8_t* column, uint8_t value, Pred&& pred,
                       std::vector<int32_t>& out, GatherParts& parts) {
    detail::gather_chunks(
        n,
        [&](int32_t begin, int32_t end, int32_t* slot) {
            size_t k = 0;
            for_each_byte_match(begin, end, column, value, [&](int32_t j) {
                slot[k] = j;
                k += pred(j) ? 1 : 0;
            });
            return k;
        },
        out, parts);
}

// The i in [0, n) with column[i] > 0 (a sparse column: resale asks), sixteen floats compared
// at a time (SSE, in every x86-64); the same ids as gather_if_parallel with that test.
inline void gather_positive(int32_t n, const float* column, std::vector<int32_t>& out,
                            GatherParts& parts) {
    detail::gather_chunks(
        n,
        [&](int32_t begin, int32_t end, int32_t* slot) {
            size_t k = 0;
            const __m128 zero = _mm_setzero_ps();
            auto positive4 = [&](int32_t i) {
                return static_cast<unsigned>(
                    _mm_movemask_ps(_mm_cmpgt_ps(_mm_loadu_ps(column + i), zero)));
            };
            int32_t i = begin;
            for (; i + 16 <= end; i += 16) {
                for (unsigned m = positive4(i) | positive4(i + 4) << 4 | positive4(i + 8) << 8 |
                                  positive4(i + 12) << 12;
                     m != 0; m &= m - 1) {
                    slot[k++] = i + std::countr_zero(m);
                }
            }
            for (; i < end; ++i) {
                slot[k] = i;
                k += column[i] > 0 ? 1 : 0;
            }
            return k;
        },
        out, parts);
}

}  // namespace housim
