#include "sim/core/rng.hpp"

#include "sim/core/cpu_clones.hpp"

namespace housim::detail {

// Philox4x32-10 of kBatch counters that differ only in word 1 (the entity), lane-parallel
// so that the compiler vectorises the 32x32->64-bit products. Integer arithmetic only: every
// clone (AVX-512, AVX2, baseline) gives the same words as r123::Philox4x32.
HOUSIM_CPU_CLONES void fill_first_blocks(FirstBlocks& b) {
    constexpr uint32_t kM0 = 0xD2511F53u, kM1 = 0xCD9E8D57u;  // Random123's multipliers
    constexpr uint32_t kW0 = 0x9E3779B9u, kW1 = 0xBB67AE85u;  // and key increments
    uint32_t x0[kBatch], x1[kBatch], x2[kBatch], x3[kBatch];
    for (uint32_t i = 0; i < kBatch; ++i) {
        x0[i] = b.ctr.v[0];
        x1[i] = b.ctr.v[1] + i;
        x2[i] = b.ctr.v[2];
        x3[i] = b.ctr.v[3];
    }
    uint32_t k0 = b.key.v[0], k1 = b.key.v[1];
    for (int round = 0; round < 10; ++round) {
        for (uint32_t i = 0; i < kBatch; ++i) {
            const uint64_t p0 = uint64_t{kM0} * x0[i];
            const uint64_t p1 = uint64_t{kM1} * x2[i];
            const uint32_t y0 = static_cast<uint32_t>(p1 >> 32) ^ x1[i] ^ k0;
            const uint32_t y2 = static_cast<uint32_t>(p0 >> 32) ^ x3[i] ^ k1;
            x1[i] = static_cast<uint32_t>(p1);
            x3[i] = static_cast<uint32_t>(p0);
            x0[i] = y0;
            x2[i] = y2;
        }
        k0 += kW0;
        k1 += kW1;
    }
    for (uint32_t i = 0; i < kBatch; ++i) {
        b.words[i][0] = x0[i];
        b.words[i][1] = x1[i];
        b.words[i][2] = x2[i];
        b.words[i][3] = x3[i];
    }
}

}  // namespace housim::detail
