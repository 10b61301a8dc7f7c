// The hot household loops are compiled for AVX-512, AVX2 and baseline x86-64 and the best is
// picked when the program loads (GCC's target_clones: an ifunc resolver that the dynamic
// linker runs while it relocates the program). Under ThreadSanitizer that resolver runs
// before the sanitizer's runtime is set up and crashes every binary before main, so a TSan
// build compiles the baseline only. All three give the same bits (DESIGN.md "Performance").
#pragma once

#if defined(__SANITIZE_THREAD__)
#define HOUSIM_CPU_CLONES
#else
#define HOUSIM_CPU_CLONES \
    __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#endif
