// The batched first blocks (sim/core/rng.cpp) are a fast path of the plain keyed stream: every
// word of a batched purpose's stream must equal Philox4x32-10 of its counter, in any order
// of entities, months, replicates and seeds, and across the batch boundaries.
#include <gtest/gtest.h>

#include "sim/core/rng.hpp"

namespace housim {
namespace {

// The reference: the stream's words straight from r123::Philox4x32, block by block.
uint32_t reference_word(uint64_t seed, uint32_t replicate, uint32_t entity, uint32_t month,
                        RngPurpose purpose, uint32_t index) {
    r123::Philox4x32 philox;
    const r123::Philox4x32::key_type key = {
        {static_cast<uint32_t>(seed), static_cast<uint32_t>(seed >> 32)}};
    const r123::Philox4x32::ctr_type ctr = {
        {replicate, entity, month, (static_cast<uint32_t>(purpose) << 20) + index / 4}};
    return philox(ctr, key).v[index % 4];
}

TEST(RngBatch, BatchedPurposesDrawThePlainPhiloxWords) {
    ASSERT_TRUE(Rng::batched(RngPurpose::life_events));
    ASSERT_TRUE(Rng::batched(RngPurpose::buy_decision));
    const uint64_t seeds[] = {0, 20250101, 0xFFFFFFFF00000001ull};
    const uint32_t entities[] = {0, 1, 63, 64, 65, 127, 4095, 4096, 1000003, 5, 64, 0};
    for (uint64_t seed : seeds) {
        for (uint32_t replicate : {0u, 3u}) {
            const Rng rng(seed, replicate);
            for (uint32_t month : {0u, 17u}) {
                for (RngPurpose p : {RngPurpose::life_events, RngPurpose::buy_decision}) {
                    for (uint32_t e : entities) {
                        RngStream s = rng.stream(e, month, p);
                        for (uint32_t k = 0; k < 10; ++k) {
                            ASSERT_EQ(s(), reference_word(seed, replicate, e, month, p, k))
                                << "seed " << seed << " entity " << e << " word " << k;
                        }
                    }
                }
            }
        }
    }
}

// Interleaving two replicates (as threads that steal chunks of another replicate do)
// never serves one replicate's cached blocks to the other.
TEST(RngBatch, InterleavedReplicatesDoNotShareBlocks) {
    const Rng a(7, 0), b(7, 1);
    for (uint32_t e = 0; e < 200; ++e) {
        EXPECT_EQ(a.stream(e, 2, RngPurpose::life_events)(),
                  reference_word(7, 0, e, 2, RngPurpose::life_events, 0));
        EXPECT_EQ(b.stream(e, 2, RngPurpose::life_events)(),
                  reference_word(7, 1, e, 2, RngPurpose::life_events, 0));
    }
}

}  // namespace
}  // namespace housim
