// radix_sort_stable (sim/core/radix_sort.hpp) against std::stable_sort: the same order, ties in
// input order, for keys that share high digits, keys that differ in every digit, and the
// order-preserving keys of doubles.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include "sim/core/radix_sort.hpp"

namespace housim {
namespace {

struct Item {
    uint64_t key;
    int32_t id;  // input position: equal keys must keep it ascending
};

// Sorts `items` by radix_sort_stable into `out` and says whether that is std::stable_sort's
// order (keys and, for equal keys, input positions).
testing::AssertionResult sorts_as_stable_sort(std::vector<Item> items, std::vector<Item>* out) {
    std::vector<Item> buffer;
    std::vector<Item> expected = items;
    std::stable_sort(expected.begin(), expected.end(),
                     [](const Item& a, const Item& b) { return a.key < b.key; });
    radix_sort_stable(items, buffer, [](const Item& x) { return x.key; });
    if (out != nullptr) *out = items;
    if (items.size() != expected.size()) return testing::AssertionFailure() << "size changed";
    for (size_t i = 0; i < items.size(); ++i) {
        if (items[i].key != expected[i].key || items[i].id != expected[i].id) {
            return testing::AssertionFailure()
                   << "at " << i << ": key " << items[i].key << " id " << items[i].id
                   << ", expected key " << expected[i].key << " id " << expected[i].id;
        }
    }
    return testing::AssertionSuccess();
}

std::vector<Item> items_with(const std::vector<uint64_t>& keys) {
    std::vector<Item> items;
    for (size_t i = 0; i < keys.size(); ++i)
        items.push_back(Item{keys[i], static_cast<int32_t>(i)});
    return items;
}

TEST(RadixSort, MatchesStableSortOnFullWidthKeysWithTies) {
    std::mt19937_64 gen(7);
    std::vector<uint64_t> keys;
    for (int i = 0; i < 20000; ++i)
        keys.push_back(i % 5 == 0 && !keys.empty() ? keys[gen() % keys.size()] : gen());
    EXPECT_TRUE(sorts_as_stable_sort(items_with(keys), nullptr));
}

TEST(RadixSort, MatchesStableSortWhenHighDigitsAreShared) {
    // Rents of 800 to 6000 yuan: every key has the same sign and most exponent bits, so
    // some digits are skipped; many rents repeat.
    std::mt19937_64 gen(11);
    std::uniform_real_distribution<double> rent(800.0, 6000.0);
    std::vector<uint64_t> keys;
    for (int i = 0; i < 20000; ++i) {
        const double r = i % 3 == 0 ? std::round(rent(gen)) : rent(gen);
        keys.push_back(positive_double_key(r));
    }
    EXPECT_TRUE(sorts_as_stable_sort(items_with(keys), nullptr));
}

TEST(RadixSort, DoubleKeysOrderAsTheNumbers) {
    const std::vector<double> values = {3.5, -1.0, 0.0, -0.0, 1e-300, -2e10, 7.25, -1.0, 2e10};
    std::vector<uint64_t> keys;
    for (double v : values)
        keys.push_back(double_key(v));
    std::vector<Item> out;
    ASSERT_TRUE(sorts_as_stable_sort(items_with(keys), &out));
    ASSERT_EQ(out.size(), values.size());
    for (size_t i = 1; i < out.size(); ++i) {
        EXPECT_LE(values[static_cast<size_t>(out[i - 1].id)],
                  values[static_cast<size_t>(out[i].id)]);
    }
}

TEST(RadixSort, ShortInputsAreLeftAsTheyAre) {
    std::vector<Item> out;
    EXPECT_TRUE(sorts_as_stable_sort({}, &out));
    EXPECT_TRUE(out.empty());
    EXPECT_TRUE(sorts_as_stable_sort(items_with({42}), &out));
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].key, 42u);
    EXPECT_TRUE(sorts_as_stable_sort(items_with({5, 5, 5, 5}), &out));
    ASSERT_EQ(out.size(), 4u);
    for (size_t i = 0; i < out.size(); ++i)
        EXPECT_EQ(out[i].id, static_cast<int32_t>(i));  // equal keys keep their order
}

}  // namespace
}  // namespace housim
