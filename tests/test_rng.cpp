// The randomness contract: Philox known answers, pure-function streams, stated intervals.
#include <gtest/gtest.h>

#include <boost/random/normal_distribution.hpp>
#include <boost/random/uniform_int_distribution.hpp>
#include <cmath>
#include <set>
#include <vector>

#include "sim/core/rng.hpp"
#include "tests/stat_helpers.hpp"

namespace housim {
namespace {

// Random123's tests/kat_vectors, "philox4x32 10" lines (counter, key -> result).
TEST(Rng, PhiloxKnownAnswers) {
    r123::Philox4x32 philox;
    const r123::Philox4x32::ctr_type c0 = {{0, 0, 0, 0}};
    const r123::Philox4x32::key_type k0 = {{0, 0}};
    const auto r0 = philox(c0, k0);
    EXPECT_EQ(r0.v[0], 0x6627e8d5u);
    EXPECT_EQ(r0.v[1], 0xe169c58du);
    EXPECT_EQ(r0.v[2], 0xbc57ac4cu);
    EXPECT_EQ(r0.v[3], 0x9b00dbd8u);
    const r123::Philox4x32::ctr_type c1 = {{0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344}};
    const r123::Philox4x32::key_type k1 = {{0xa4093822, 0x299f31d0}};
    const auto r1 = philox(c1, k1);
    EXPECT_EQ(r1.v[0], 0xd16cfe09u);
    EXPECT_EQ(r1.v[1], 0x94fdccebu);
    EXPECT_EQ(r1.v[2], 0x5001e420u);
    EXPECT_EQ(r1.v[3], 0x24126ea1u);
}

// Our stream with every key and counter field zero is the first KAT vector, so the
// counter layout (replicate, entity, month, purpose|block) is what the header says.
TEST(Rng, StreamLayoutMatchesKnownAnswer) {
    RngStream s = Rng(0, 0).stream(0, 0, static_cast<RngPurpose>(0));
    EXPECT_EQ(s(), 0x6627e8d5u);
    EXPECT_EQ(s(), 0xe169c58du);
    EXPECT_EQ(s(), 0xbc57ac4cu);
    EXPECT_EQ(s(), 0x9b00dbd8u);
    // The fifth word comes from the next block (counter word 3 incremented).
    r123::Philox4x32 philox;
    const auto next = philox({{0, 0, 0, 1}}, {{0, 0}});
    EXPECT_EQ(s(), next.v[0]);
}

TEST(Rng, SameKeySameDrawsDifferentKeyDifferentDraws) {
    const Rng a(42, 3);
    const Rng b(42, 3);
    RngStream x = a.stream(7, 11, RngPurpose::buy_decision);
    RngStream y = b.stream(7, 11, RngPurpose::buy_decision);
    for (int i = 0; i < 100; ++i)
        EXPECT_EQ(x(), y());
    std::set<uint32_t> firsts;
    firsts.insert(Rng(42, 3).stream(7, 11, RngPurpose::buy_decision)());
    firsts.insert(Rng(43, 3).stream(7, 11, RngPurpose::buy_decision)());
    firsts.insert(Rng(42, 4).stream(7, 11, RngPurpose::buy_decision)());
    firsts.insert(Rng(42, 3).stream(8, 11, RngPurpose::buy_decision)());
    firsts.insert(Rng(42, 3).stream(7, 12, RngPurpose::buy_decision)());
    firsts.insert(Rng(42, 3).stream(7, 11, RngPurpose::search)());
    EXPECT_EQ(firsts.size(), 6u);
}

TEST(Rng, UniformIsInTheOpenUnitInterval) {
    // The extreme words map strictly inside (0, 1).
    EXPECT_GT((0.0 + 0.5) * 0x1p-32, 0.0);
    EXPECT_LT((4294967295.0 + 0.5) * 0x1p-32, 1.0);
    RngStream s = Rng(1, 0).stream(0, 0, RngPurpose::life_events);
    std::vector<double> u;
    for (int i = 0; i < 20000; ++i) {
        const double x = s.uniform();
        ASSERT_GT(x, 0.0);
        ASSERT_LT(x, 1.0);
        u.push_back(x);
    }
    // Mean 1/2: tolerance 5 standard errors (false alarm about 1 in 1.7 million).
    test::expect_mean_within(u, 0.5, 5.0, 1000);
}

TEST(Rng, UniformIndexCoversTheRange) {
    RngStream s = Rng(2, 0).stream(0, 0, RngPurpose::search);
    std::vector<int> counts(7, 0);
    for (int i = 0; i < 7000; ++i) {
        const uint32_t k = s.uniform_index(7);
        ASSERT_LT(k, 7u);
        ++counts[k];
    }
    for (int c : counts)
        EXPECT_GT(c, 800);  // expected 1000, sd about 29
}

TEST(Rng, NormalHasUnitMoments) {
    RngStream s = Rng(3, 0).stream(0, 0, RngPurpose::income_shock);
    std::vector<double> x, x2;
    for (int i = 0; i < 20000; ++i) {
        const double z = s.normal();
        x.push_back(z);
        x2.push_back(z * z);
    }
    test::expect_mean_within(x, 0.0, 5.0, 1000);
    test::expect_mean_within(x2, 1.0, 5.0, 1000);
}

TEST(Rng, BoostDistributionsAcceptTheStream) {
    RngStream s = Rng(4, 0).stream(0, 0, RngPurpose::priority);
    boost::random::uniform_int_distribution<int> die(1, 6);
    boost::random::normal_distribution<double> normal(10.0, 2.0);
    std::vector<double> rolls, draws;
    for (int i = 0; i < 6000; ++i) {
        const int r = die(s);
        ASSERT_GE(r, 1);
        ASSERT_LE(r, 6);
        rolls.push_back(r);
        draws.push_back(normal(s));
    }
    test::expect_mean_within(rolls, 3.5, 5.0, 1000);
    test::expect_mean_within(draws, 10.0, 5.0, 1000);
}

// words_below(p) turns "uniform() < p" into an integer test on the word; the two agree for
// every word at and around the threshold, for probabilities of every scale, the ends and
// the values household loops use.
TEST(Rng, WordThresholdsAgreeWithUniformComparisons) {
    std::vector<double> ps = {0.0, -0.5,  1.0,  1.5,  0x1p-33, 0x1p-32,       0x1p-31,
                              0.5, 0.003, 0.15, 0.25, 0.02,    1.0 - 0x1p-53, 1.0 - 0x1p-33};
    RngStream s = Rng(5, 0).stream(1, 2, RngPurpose::programmes);
    for (int i = 0; i < 2000; ++i)
        ps.push_back(s.uniform() * std::pow(10.0, -static_cast<double>(s.uniform_index(12))));
    for (const double p : ps) {
        const uint64_t t = RngStream::words_below(p);
        ASSERT_LE(t, uint64_t{1} << 32) << p;
        for (int64_t x = static_cast<int64_t>(t) - 3; x <= static_cast<int64_t>(t) + 3; ++x) {
            if (x < 0 || x > 0xffffffffLL) continue;
            const auto w = static_cast<uint32_t>(x);
            EXPECT_EQ(w < t, RngStream::uniform_of(w) < p) << "p " << p << " word " << w;
        }
        for (int k = 0; k < 20; ++k) {
            const uint32_t w = s();
            EXPECT_EQ(w < t, RngStream::uniform_of(w) < p) << "p " << p << " word " << w;
        }
    }
    EXPECT_FALSE(RngStream::uniform_of(0) < std::nan(""));
    EXPECT_EQ(RngStream::words_below(std::nan("")), 0u);
}

}  // namespace
}  // namespace housim
