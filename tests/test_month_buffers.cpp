// The monthly loop reuses its buffers (sim/month/month_buffers.hpp): once they have grown to the
// city's size, a month allocates almost nothing. Allocations are counted by replacing the
// global operator new of this test binary (the replacement only counts, then calls malloc,
// which is what the default does); ctest runs each test in its own process.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <new>

#include "sim/month/month_buffers.hpp"
#include "sim/month/step.hpp"
#include "sim/world.hpp"
#include "tests/small_world.hpp"

namespace {
std::atomic<bool> g_counting{false};
std::atomic<long> g_allocations{0};
}  // namespace

void* operator new(std::size_t n) {
    if (g_counting.load(std::memory_order_relaxed))
        g_allocations.fetch_add(1, std::memory_order_relaxed);
    if (void* p = std::malloc(n == 0 ? 1 : n)) return p;
    throw std::bad_alloc();
}
// Not inlined: GCC 12 would otherwise see `free` at the end of a pointer from `operator new`
// at the call site and warn (-Wmismatched-new-delete), though the pair is replaced together.
[[gnu::noinline]] void operator delete(void* p) noexcept {
    std::free(p);
}
[[gnu::noinline]] void operator delete(void* p, std::size_t) noexcept {
    std::free(p);
}
// The nothrow pair too: replacing only part of the family mixes allocators. The temporary
// buffer of std::stable_sort comes from ::operator new(n, std::nothrow) and goes back
// through ::operator delete(p, size) (libstdc++'s get_temporary_buffer); without this
// replacement the first is the runtime's (AddressSanitizer's, which records "operator new")
// and the second ours (free), which ASan reports as alloc-dealloc-mismatch in every test of
// this binary that sorts stably (docs/hostile_inputs.md).
void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
    if (g_counting.load(std::memory_order_relaxed))
        g_allocations.fetch_add(1, std::memory_order_relaxed);
    return std::malloc(n == 0 ? 1 : n);
}
[[gnu::noinline]] void operator delete(void* p, const std::nothrow_t&) noexcept {
    std::free(p);
}

namespace housim {
namespace {

// Allocations per month over months [from, to) of w, stepped without identity checks.
double allocations_per_month(World& w, int from, int to) {
    for (w.t = 0; w.t < from; ++w.t)
        step_month(w, false);
    g_allocations = 0;
    g_counting = true;
    for (; w.t < to; ++w.t)
        step_month(w, false);
    g_counting = false;
    return static_cast<double>(g_allocations.load()) / (to - from);
}

TEST(MonthBuffers, AWarmMonthAllocatesAlmostNothing) {
    // 20,000 households: about seven chunks of the household loops, each of which used to
    // grow its own event, rent and order lists from empty every month (about 25 allocations
    // a chunk, 150-200 a month). What remains is a handful of small fixed allocations a
    // month (the radix sort's digit counts, the partial sums of a few reductions, the
    // developers' books) and the months' series growing by doubling.
    const Scenario s = test::small_city({{"run.months", "48"}}, 20000);
    World w(s, 0);
    const double per_month = allocations_per_month(w, 24, 48);
    EXPECT_LE(per_month, 20.0);
    EXPECT_GT(w.buffers->orders.buyers.capacity(), 0u) << "the month's orders were not reused";
    EXPECT_GT(w.buffers->upkeep.size(), 1u) << "the upkeep's chunks were not reused";
}

TEST(MonthBuffers, ACopiedWorldHasBuffersOfItsOwn) {
    const Scenario s = test::small_city({{"run.months", "12"}}, 6000);
    World a(s, 0);
    for (a.t = 0; a.t < 3; ++a.t)
        step_month(a, false);
    const World b = a;
    EXPECT_NE(&*a.buffers, &*b.buffers);
    EXPECT_TRUE(b.buffers->life_events.empty()) << "a copy starts with empty buffers";
    // Both go on alike: the buffers carry nothing from one month to the next.
    World c = b;
    step_month(a, false);
    step_month(c, false);
    EXPECT_EQ(a.hh.savings, c.hh.savings);
    EXPECT_EQ(a.market.resale_index, c.market.resale_index);
}

}  // namespace
}  // namespace housim
