// Counter-based randomness: every draw is a pure function of
// (master seed, replicate, entity, month, purpose, draw index).
//
// Philox4x32-10 (Random123) is keyed by the 64-bit master seed. The 128-bit counter holds
// the replicate, the entity id, the simulated month and (purpose, block). Nothing else
// enters: no thread id, no batch position, no scenario value. Hence the guarantees of
// ARCHITECTURE.md: identical bits at any thread count, replicate k alone equals replicate k
// in a batch, and two scenarios that differ only in policy draw the same numbers.
//
// Interval conventions (stated exactly, after Random123's uniform.hpp):
//   uniform()        in the open interval (0, 1): (x + 0.5) / 2^32 for a 32-bit word x.
//   uniform_index(n) in {0, ..., n-1}, by multiply-shift of a 32-bit word (bias < n / 2^32).
//   normal()         standard normal by Box-Muller on two uniforms.
#pragma once

#include <Random123/philox.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <limits>

namespace housim {

// One tag per kind of decision. Append new tags at the end: the numeric values are part of
// the stream identity, so inserting a tag would change every later stream.
enum class RngPurpose : uint32_t {
    init_household = 1,
    init_dwelling = 2,
    init_developer = 3,
    init_project = 4,
    life_events = 5,
    income_shock = 6,
    formation = 7,
    migration_in = 8,
    buy_decision = 9,
    search = 10,
    priority = 11,
    land_bid = 12,
    land_parcel = 13,
    project_start = 14,
    inheritance = 15,
    demolition = 16,
    rental_search = 17,
    seller = 18,
    init_city = 19,
    developer_entry = 20,
    eligibility = 21,
    programmes = 22,
    voucher = 23,
    affordable = 24,
    trade_in = 25,
    prepay = 26,
    vacant_sale = 27,     // a landlord sells a home left long without a tenant
    land_condition = 28,  // whether a parcel is offered with a quality condition
};

// A stream of draws for one (entity, month, purpose). Satisfies UniformRandomBitGenerator,
// so Boost.Random distributions accept it. Cheap to create; holds one Philox block.
class RngStream {
  public:
    using result_type = uint32_t;
    using Philox = r123::Philox4x32;

    RngStream(const Philox::key_type& key, const Philox::ctr_type& ctr) : key_(key), ctr_(ctr) {}
    // A stream whose first block (counter ctr) is already computed: `first`.
    RngStream(const Philox::key_type& key, const Philox::ctr_type& ctr, const uint32_t* first)
        : key_(key), ctr_(ctr), used_(0) {
        for (int i = 0; i < 4; ++i)
            block_.v[i] = first[i];
        ctr_.v[3] += 1;
    }

    static constexpr result_type min() { return 0; }
    static constexpr result_type max() { return std::numeric_limits<uint32_t>::max(); }

    result_type operator()() {
        if (used_ == 4) refill();
        return block_[used_++];
    }

    // Uniform in (0, 1), never 0 or 1.
    double uniform() { return uniform_of((*this)()); }

    // The uniform() a word x gives: exact in double, so comparisons with it can be made
    // from the word alone (a screen reading first blocks without making a stream).
    static double uniform_of(uint32_t x) { return (static_cast<double>(x) + 0.5) * 0x1p-32; }

    // The number of words x with uniform_of(x) < p: that test is exactly x < words_below(p)
    // (x + 0.5 < p 2^32, all exact in double), an integer comparison for household loops.
    static uint64_t words_below(double p) {
        if (!(p > 0)) return 0;  // also NaN, which no uniform is below
        if (p >= 1) return uint64_t{1} << 32;
        return static_cast<uint64_t>(std::ceil(p * 0x1p32 - 0.5));
    }

    // Uniform integer in [0, n). n must be positive.
    uint32_t uniform_index(uint32_t n) {
        return static_cast<uint32_t>((static_cast<uint64_t>((*this)()) * n) >> 32);
    }

    bool bernoulli(double p) { return uniform() < p; }

    double normal() {
        const double u1 = uniform();
        const double u2 = uniform();
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
    }

    double exponential(double mean) { return -mean * std::log(uniform()); }

  private:
    void refill() {
        block_ = Philox()(ctr_, key_);
        ctr_.v[3] += 1;  // next block of the same stream
        used_ = 0;
    }

    Philox::key_type key_;
    Philox::ctr_type ctr_;
    Philox::ctr_type block_{};
    int used_ = 4;
};

namespace detail {

// First blocks of the streams of kBatch consecutive entities for one (key, replicate,
// month, purpose), computed together (vectorised) and kept per thread.
inline constexpr uint32_t kBatch = 64;
struct FirstBlocks {
    RngStream::Philox::key_type key{};
    RngStream::Philox::ctr_type ctr{};  // counter of entity `ctr.v[1]`, the batch's first
    bool valid = false;
    alignas(64) uint32_t words[kBatch][4];
};
inline thread_local FirstBlocks tl_first_blocks;

// Fills b.words for entities b.ctr.v[1] .. + kBatch - 1: the same values as Philox4x32-10
// of each counter, computed lane-parallel (rng.cpp; tested against r123::Philox4x32).
void fill_first_blocks(FirstBlocks& b);

}  // namespace detail

// The keyed generator of one replicate. Entities are indexed by their stable id within
// their kind; the purpose tag separates kinds and decisions.
class Rng {
  public:
    Rng(uint64_t master_seed, uint32_t replicate) : replicate_(replicate) {
        key_.v[0] = static_cast<uint32_t>(master_seed);
        key_.v[1] = static_cast<uint32_t>(master_seed >> 32);
    }

    RngStream stream(uint32_t entity, uint32_t month, RngPurpose purpose) const {
        const RngStream::Philox::ctr_type ctr = counter(entity, month, purpose);
        if (batched(purpose)) return RngStream(key_, ctr, batch_words(ctr));
        return RngStream(key_, ctr);
    }

    // The first block (four words) of the stream stream(entity, month, purpose) of a
    // batched purpose, without making the stream: what a household loop reads to decide
    // whether the household needs its full rule this month. Valid until this thread's next
    // use of another batch.
    const uint32_t* first_block(uint32_t entity, uint32_t month, RngPurpose purpose) const {
        return batch_words(counter(entity, month, purpose));
    }

    uint32_t replicate() const { return replicate_; }

    // Purposes drawn by every household every month, in household order: their first
    // blocks are computed kBatch entities at a time (same values, less time). Any other
    // use of these purposes is still correct, only slower.
    static constexpr bool batched(RngPurpose p) {
        return p == RngPurpose::life_events || p == RngPurpose::buy_decision;
    }

  private:
    RngStream::Philox::ctr_type counter(uint32_t entity, uint32_t month, RngPurpose purpose) const {
        RngStream::Philox::ctr_type ctr;
        ctr.v[0] = replicate_;
        ctr.v[1] = entity;
        ctr.v[2] = month;
        // Purpose in the top 12 bits, block index in the low 20: 2^20 blocks of 4 words
        // per stream, far more than any decision uses.
        ctr.v[3] = static_cast<uint32_t>(purpose) << 20;
        return ctr;
    }

    // The first block of counter ctr from this thread's batch (computed when missing).
    const uint32_t* batch_words(const RngStream::Philox::ctr_type& ctr) const {
        detail::FirstBlocks& b = detail::tl_first_blocks;
        const uint32_t base = ctr.v[1] & ~(detail::kBatch - 1);
        if (!b.valid || b.ctr.v[1] != base || b.ctr.v[0] != ctr.v[0] || b.ctr.v[2] != ctr.v[2] ||
            b.ctr.v[3] != ctr.v[3] || b.key.v[0] != key_.v[0] || b.key.v[1] != key_.v[1]) {
            b.key = key_;
            b.ctr = ctr;
            b.ctr.v[1] = base;
            detail::fill_first_blocks(b);
            b.valid = true;
        }
        return b.words[ctr.v[1] - base];
    }

    RngStream::Philox::key_type key_{};
    uint32_t replicate_;
};

}  // namespace housim
