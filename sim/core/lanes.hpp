// Four households' values side by side, for the household loops that process several
// households per instruction (GCC vector extensions). Arithmetic is lane by lane, exactly
// as on one scalar: with -ffp-contract=off (CMakeLists.txt) a lane gives the same bits as
// the scalar rule it transcribes, in every clone (AVX-512, AVX2, baseline) of the loop.
// Comparisons give lane masks of 0 or -1, used in `mask ? a : b` selections.
//
// Every helper is always inlined into the loop's clones, so no vector crosses a call: the
// ABI note GCC gives for 32-byte vectors without AVX (-Wpsabi) does not apply, and is off
// in the files that include this header (templates instantiate there).
#pragma once

#include <cstdint>
#include <cstring>

#pragma GCC diagnostic ignored "-Wpsabi"

namespace housim::lanes {

using D4 = double __attribute__((vector_size(32)));
using I4 = int64_t __attribute__((vector_size(32)));
using F4 = float __attribute__((vector_size(16)));

// std::max, std::min and std::clamp (libstdc++: min(max(v, lo), hi)), lane by lane, with
// the same comparisons and operand order: the same results, signed zeros included.
[[gnu::always_inline]] inline D4 max(D4 a, D4 b) {
    return a < b ? b : a;
}
[[gnu::always_inline]] inline D4 min(D4 a, D4 b) {
    return b < a ? b : a;
}
[[gnu::always_inline]] inline D4 clamp(D4 v, D4 lo, D4 hi) {
    return min(max(v, lo), hi);
}

// Loads m <= 4 consecutive values into lanes (missing lanes 0), and stores m lanes back.
// A full group (m == 4, a constant once inlined) is one load and one widening.
template <class T>
struct Narrow4;  // four T side by side, for the integer columns loaded into lanes
template <>
struct Narrow4<uint8_t> {
    using type = uint8_t __attribute__((vector_size(4)));
};
template <>
struct Narrow4<uint16_t> {
    using type = uint16_t __attribute__((vector_size(8)));
};

// m <= 4 values of type T from p into a vector V of four T.
template <class V, class T>
[[gnu::always_inline]] inline V load_raw(const T* p, int m) {
    V v{};
    if (m == 4) {
        std::memcpy(&v, p, sizeof v);
    } else {
        for (int k = 0; k < m; ++k)
            v[k] = p[k];
    }
    return v;
}
// A full group of narrow unsigned values is one scalar load, spread over the lanes by
// shifts (GCC widens a four-byte vector element by element, through general registers).
template <class T>
[[gnu::always_inline]] inline I4 load(const T* p, int m) {
    static_assert(sizeof(T) <= 2 && static_cast<T>(-1) > 0, "narrow unsigned columns");
    if (m == 4) {
        constexpr int bits = 8 * sizeof(T);
        uint64_t packed = 0;
        std::memcpy(&packed, p, 4 * sizeof(T));
        const I4 shift{0, bits, 2 * bits, 3 * bits};
        return ((I4{} + static_cast<int64_t>(packed)) >> shift) & ((int64_t{1} << bits) - 1);
    }
    return __builtin_convertvector((load_raw<typename Narrow4<T>::type>(p, m)), I4);
}
[[gnu::always_inline]] inline D4 load_d(const double* p, int m) {
    return load_raw<D4>(p, m);
}
[[gnu::always_inline]] inline F4 load_f32(const float* p, int m) {
    return load_raw<F4>(p, m);
}
// Floats widened to doubles, element by element: GCC 12 makes this one conversion, but
// splits __builtin_convertvector(F4, D4) into two halves and a shuffle.
[[gnu::always_inline]] inline D4 widen(F4 f) {
    return D4{f[0], f[1], f[2], f[3]};
}
[[gnu::always_inline]] inline D4 load_f(const float* p, int m) {
    return widen(load_f32(p, m));
}
// A full group of narrow unsigned values is packed by shifts into one scalar store.
template <class T>
[[gnu::always_inline]] inline void store(T* p, I4 v, int m) {
    static_assert(sizeof(T) <= 2 && static_cast<T>(-1) > 0, "narrow unsigned columns");
    if (m == 4) {
        constexpr int bits = 8 * sizeof(T);
        const I4 shift{0, bits, 2 * bits, 3 * bits};
        const I4 parts = (v & ((int64_t{1} << bits) - 1)) << shift;
        const auto packed = static_cast<uint64_t>(parts[0] | parts[1] | parts[2] | parts[3]);
        std::memcpy(p, &packed, 4 * sizeof(T));
        return;
    }
    for (int k = 0; k < m; ++k)
        p[k] = static_cast<T>(v[k]);
}
[[gnu::always_inline]] inline void store_d(double* p, D4 v, int m) {
    for (int k = 0; k < m; ++k)
        p[k] = v[k];
}
// Stores lane k of v as a float (rounded as static_cast<float>) where mask lane k is set.
// A full group is one blend and one store: the unmasked lanes are written back with the
// values they held, so p[0..3] must not be written by another thread meanwhile.
[[gnu::always_inline]] inline void store_f_where(float* p, I4 mask, D4 v, int m) {
    const F4 f = __builtin_convertvector(v, F4);
    if (m == 4) {
        using M4 = int32_t __attribute__((vector_size(16)));
        const M4 on = __builtin_convertvector(mask, M4) != 0;
        const F4 kept = on ? f : load_f32(p, 4);
        std::memcpy(p, &kept, sizeof kept);
        return;
    }
    for (int k = 0; k < m; ++k) {
        if (mask[k]) p[k] = f[k];
    }
}

// The words of four households' first Philox blocks (x: household l's word j at
// x[4 l + j]; all sixteen words readable), word j of each household in lane l of w[j]:
// two loads and two shuffles instead of sixteen scalar reads.
struct Words4 {
    I4 w[4];
};
[[gnu::always_inline]] inline Words4 words4(const uint32_t* x) {
    I4 a, b;  // pairs of words (little-endian: the lower word in the lower half)
    std::memcpy(&a, x, sizeof a);
    std::memcpy(&b, x + 8, sizeof b);
    const I4 even = __builtin_shuffle(a, b, I4{0, 2, 4, 6});  // words 0 and 1
    const I4 odd = __builtin_shuffle(a, b, I4{1, 3, 5, 7});   // words 2 and 3
    constexpr int64_t low = 0xFFFFFFFF;
    return Words4{{even & low, (even >> 32) & low, odd & low, (odd >> 32) & low}};
}

// table[index] lane by lane.
template <class T>
[[gnu::always_inline]] inline I4 gather(const T* table, I4 index) {
    return I4{static_cast<int64_t>(table[index[0]]), static_cast<int64_t>(table[index[1]]),
              static_cast<int64_t>(table[index[2]]), static_cast<int64_t>(table[index[3]])};
}
[[gnu::always_inline]] inline D4 gather_d(const double* table, I4 index) {
    return D4{table[index[0]], table[index[1]], table[index[2]], table[index[3]]};
}

}  // namespace housim::lanes
