// Stable least-significant-digit radix sort by a 64-bit key: items with equal keys keep
// their input order. Sorting by (key, id) is therefore a radix sort by key of items already
// in id order, in a few linear passes instead of a comparison sort.
#pragma once

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace housim {

// Key of a positive (or zero) finite double whose unsigned order is the numeric order.
inline uint64_t positive_double_key(double x) {
    return std::bit_cast<uint64_t>(x);
}

// Key of any non-NaN double whose unsigned order is the numeric order; -0.0 and +0.0 share
// a key, as they compare equal.
inline uint64_t double_key(double x) {
    const uint64_t bits = std::bit_cast<uint64_t>(x == 0.0 ? 0.0 : x);
    return (bits >> 63) != 0 ? ~bits : bits | (uint64_t{1} << 63);
}

// Sorts `items` ascending by key(item), stably; `buffer` is scratch of any size. Digits of
// 11 bits: six passes over 64-bit keys (eight with bytes), and a digit every key shares
// (the exponent's high bits of similar prices) is skipped.
template <class T, class KeyFn>
void radix_sort_stable(std::vector<T>& items, std::vector<T>& buffer, KeyFn key) {
    constexpr int kBits = 11;
    constexpr int kDigits = (64 + kBits - 1) / kBits;
    constexpr uint64_t kMask = (uint64_t{1} << kBits) - 1;
    const size_t n = items.size();
    if (n < 2) return;
    std::vector<std::array<uint32_t, kMask + 1>> count(kDigits);
    for (const T& item : items) {
        const uint64_t k = key(item);
        for (int d = 0; d < kDigits; ++d)
            ++count[static_cast<size_t>(d)][(k >> (kBits * d)) & kMask];
    }
    buffer.resize(n);
    for (int d = 0; d < kDigits; ++d) {
        std::array<uint32_t, kMask + 1>& c = count[static_cast<size_t>(d)];
        const uint64_t first_digit = (key(items.front()) >> (kBits * d)) & kMask;
        if (c[first_digit] == n) continue;  // every key has this digit: nothing to do
        uint32_t offset = 0;
        for (uint32_t& b : c) {
            const uint32_t k = b;
            b = offset;
            offset += k;
        }
        for (const T& item : items)
            buffer[c[(key(item) >> (kBits * d)) & kMask]++] = item;
        items.swap(buffer);
    }
}

}  // namespace housim
