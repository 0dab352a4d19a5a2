#ifndef TRACTION_CPU_FEATURES_H
#define TRACTION_CPU_FEATURES_H
/// Returns 1 when the CPU and OS support AVX-512 F/BW/DQ/VL (x86-64-v4), else 0.
int traction_cpu_supports_avx512(void);
/// Returns 1 when the CPU supports AVX2 and FMA (x86-64-v3), else 0.
int traction_cpu_supports_avx2(void);

/// Hints the CPU to bring the cache line holding `p` into L1 for writing. Swift has no
/// prefetch intrinsic; this inline function is imported and inlined into the GEMM tiles,
/// which prefetch their C tile before the k loop so the final load/store does not stall on
/// a cache miss (C rows of large matrices are 4 KiB apart, beyond the hardware prefetchers).
static inline void traction_prefetch_write(const void *p) { __builtin_prefetch(p, 1, 3); }
#endif
