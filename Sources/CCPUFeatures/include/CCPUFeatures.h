#ifndef TRACTION_CPU_FEATURES_H
#define TRACTION_CPU_FEATURES_H
/// Returns 1 when the CPU and OS support AVX-512 F/BW/DQ/VL (x86-64-v4), else 0.
int traction_cpu_supports_avx512(void);
/// Returns 1 when the CPU supports AVX2 and FMA (x86-64-v3), else 0.
int traction_cpu_supports_avx2(void);
#endif
