// The deterministic scans of sim/core/parallel.hpp: every gather gives the ids a plain loop
// finds, in increasing order, at any thread count, with chunk and vector tails included.
#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

#include "sim/core/parallel.hpp"

namespace housim {
namespace {

template <class Pred>
std::vector<int32_t> plain(int32_t n, Pred pred) {
    std::vector<int32_t> ids;
    for (int32_t i = 0; i < n; ++i) {
        if (pred(i)) ids.push_back(i);
    }
    return ids;
}

// Sizes around the chunk and the sixteen-wide vector steps.
const std::vector<int32_t> kSizes = {
    0, 1, 15, 16, 17, kChunk - 1, kChunk, kChunk + 5, 3 * kChunk + 33};

TEST(Parallel, GathersFindWhatAPlainLoopFinds) {
    std::mt19937 gen(3);
    for (const int threads : {1, 2}) {
        tbb::global_control limit(tbb::global_control::max_allowed_parallelism,
                                  static_cast<size_t>(threads));
        for (const int32_t n : kSizes) {
            std::vector<uint8_t> use(static_cast<size_t>(n));
            std::vector<float> ask(static_cast<size_t>(n));
            std::vector<uint8_t> extra(static_cast<size_t>(n));
            for (int32_t i = 0; i < n; ++i) {
                use[static_cast<size_t>(i)] = static_cast<uint8_t>(gen() % 7);
                extra[static_cast<size_t>(i)] = static_cast<uint8_t>(gen() % 2);
                // Mostly unlisted; signed zeros, NaN and tiny values where a sign test errs.
                const float special[] = {0.0f,   -0.0f, std::numeric_limits<float>::quiet_NaN(),
                                         1e-40f, -5.0f, 250000.0f};
                ask[static_cast<size_t>(i)] = gen() % 4 == 0 ? special[gen() % 6] : 0.0f;
            }
            GatherParts parts;
            std::vector<int32_t> out;
            auto sparse = [&](int32_t i) {
                return use[static_cast<size_t>(i)] == 2 && extra[static_cast<size_t>(i)] == 1;
            };
            gather_if_parallel(n, sparse, out, parts);
            EXPECT_EQ(out, plain(n, sparse)) << "gather_if_parallel, n " << n;
            gather_where_byte(n, use.data(), 2, sparse, out, parts);
            EXPECT_EQ(out, plain(n, sparse)) << "gather_where_byte, n " << n;
            gather_positive(n, ask.data(), out, parts);
            EXPECT_EQ(out, plain(n, [&](int32_t i) { return ask[static_cast<size_t>(i)] > 0; }))
                << "gather_positive, n " << n;
        }
    }
}

TEST(Parallel, GatherWhereByteTestsThePredicateOnlyAtMatches) {
    const int32_t n = 2 * kChunk + 7;
    std::vector<uint8_t> column(static_cast<size_t>(n), 0);
    for (int32_t i = 0; i < n; i += 37)
        column[static_cast<size_t>(i)] = 9;
    GatherParts parts;
    std::vector<int32_t> out;
    // A predicate that accepts everything: only the matches of the byte may come out.
    gather_where_byte(
        n, column.data(), 9, [](int32_t) { return true; }, out, parts);
    EXPECT_EQ(out, plain(n, [&](int32_t i) { return column[static_cast<size_t>(i)] == 9; }));
}

// Over any range [begin, end), not only from 0 (the tenants' list scans one chunk): every
// match in order, and nothing outside the range.
TEST(Parallel, ForEachByteMatchVisitsTheMatchesOfItsRangeInOrder) {
    std::mt19937 gen(5);
    const int32_t n = 3 * 16 + 9;
    std::vector<uint8_t> column(static_cast<size_t>(n));
    for (uint8_t& b : column)
        b = static_cast<uint8_t>(gen() % 3);
    for (int32_t begin = 0; begin <= n; begin += 5) {
        for (const int32_t end : {begin, begin + 1, begin + 16, begin + 17, n}) {
            if (end > n) continue;
            std::vector<int32_t> seen;
            for_each_byte_match(begin, end, column.data(), 1,
                                [&](int32_t i) { seen.push_back(i); });
            std::vector<int32_t> want;
            for (int32_t i = begin; i < end; ++i) {
                if (column[static_cast<size_t>(i)] == 1) want.push_back(i);
            }
            EXPECT_EQ(seen, want) << "range [" << begin << ", " << end << ")";
        }
    }
}

TEST(Parallel, CountsAndReductionsAreExact) {
    const int32_t n = 5 * kChunk + 3;
    EXPECT_EQ(count_if_parallel(n, [](int32_t i) { return i % 3 == 0; }), (n + 2) / 3);
    const int64_t sum = reduce_chunks(
        n, int64_t{0},
        [](int32_t begin, int32_t end) {
            int64_t s = 0;
            for (int32_t i = begin; i < end; ++i)
                s += i;
            return s;
        },
        [](int64_t& acc, int64_t s) { acc += s; });
    EXPECT_EQ(sum, int64_t{n} * (n - 1) / 2);
}

}  // namespace
}  // namespace housim
