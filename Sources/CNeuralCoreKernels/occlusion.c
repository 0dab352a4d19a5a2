#include "neuralcore_kernels.h"

#include <stdlib.h>
#include <string.h>

// Compiled twice, for the x86-64 baseline and for AVX2, and chosen at run time by a CPU check
// (`__builtin_cpu_supports`). Not `target_clones`: its ifunc resolver runs while the dynamic
// loader relocates the binary, before a sanitizer runtime is up, and a ThreadSanitizer build of
// `traction` crashed at start-up with it. Written with eight-lane vectors, no FMA contraction and
// one fixed summation order, so both builds give the same bits.
#pragma clang fp contract(off)

#define INLINE static inline __attribute__((always_inline))

typedef float v8f __attribute__((ext_vector_type(8)));

// Helpers pass vectors by pointer: a 256-bit vector argument or result would change the
// calling convention between the two builds (the compiler rejects that); always inlined anyway.

// *v = p[0 ..< n] (n <= 8), zero-padded.
INLINE void load8(v8f *v, const float *p, size_t n) {
  if (n >= 8) {
    memcpy(v, p, sizeof *v);
  } else {
    *v = 0.0f;
    for (size_t l = 0; l < n; l++) (*v)[l] = p[l];
  }
}

// *out = lane-pair sums of a and b: [a0+a1, a2+a3, b0+b1, b2+b3, a4+a5, a6+a7, b4+b5, b6+b7].
INLINE void pair_sums(v8f *out, const v8f *a, const v8f *b) {
  *out = __builtin_shufflevector(*a, *b, 0, 2, 8, 10, 4, 6, 12, 14) +
         __builtin_shufflevector(*a, *b, 1, 3, 9, 11, 5, 7, 13, 15);
}

// *out = the eight lane sums of eight accumulators, each ((x0+x1)+(x2+x3)) + ((x4+x5)+(x6+x7)).
INLINE void reduce8x8(v8f *out, const v8f acc[8]) {
  v8f p01, p23, p45, p67, lo, hi;
  pair_sums(&p01, &acc[0], &acc[1]);
  pair_sums(&p23, &acc[2], &acc[3]);
  pair_sums(&p45, &acc[4], &acc[5]);
  pair_sums(&p67, &acc[6], &acc[7]);
  pair_sums(&lo, &p01, &p23);
  pair_sums(&hi, &p45, &p67);
  *out = __builtin_shufflevector(lo, hi, 0, 1, 2, 3, 8, 9, 10, 11) +
         __builtin_shufflevector(lo, hi, 4, 5, 6, 7, 12, 13, 14, 15);
}

// *acc = per lane, sum_j w2[j] * relu(z[j] + base[j] - sum_k vals[k] w1[cols[k]][j]) over the
// hidden units j = lane (mod 8); the shifted pre-activation lives in registers only.
INLINE void shifted_lanes(v8f *acc, const float *restrict z, const float *restrict base,
                          const float *restrict w1, const float *restrict w2, size_t hidden,
                          const int32_t *restrict cols, const float *restrict vals,
                          int64_t count) {
  const v8f zero = 0.0f;
  *acc = 0.0f;
  for (size_t j = 0; j < hidden; j += 8) {
    const size_t n = hidden - j < 8 ? hidden - j : 8;
    v8f v, b, w, u;
    load8(&v, z + j, n);
    load8(&b, base + j, n);
    v += b;
    for (int64_t k = 0; k < count; k++) {
      load8(&w, w1 + (size_t)cols[k] * hidden + j, n);
      v -= vals[k] * w;
    }
    load8(&u, w2 + j, n);
    *acc += u * (v > zero ? v : zero);
  }
}

// The whole computation; always inlined into the exported function once per common hidden
// width, so that for 16, 32 and 64 units the hidden loops have constant trip counts.
INLINE void occlusion_one_hidden(size_t rows, size_t hidden, size_t fields,
                                 const float *restrict w1,
                                     const float *restrict b1, const float *restrict w2, float b2,
                                     const float *restrict base,
                                     const int64_t *restrict nz_starts,
                                     const int32_t *restrict nz_cols,
                                     const float *restrict nz_vals, float scale,
                                     float *restrict logits, float *restrict contrib) {
  float *z = malloc(2 * hidden * sizeof(float));
  if (z == NULL) return;
  float *zero = z + hidden;
  for (size_t j = 0; j < hidden; j++) zero[j] = 0.0f;
  for (size_t r = 0; r < rows; r++) {
    // z = b1 + x W1 from the row's non-zero inputs (one-hot rows are mostly zeros).
    for (size_t j = 0; j < hidden; j++) z[j] = b1[j];
    for (int64_t k = nz_starts[r * fields]; k < nz_starts[(r + 1) * fields]; k++) {
      const float x = nz_vals[k];
      const float *restrict w = w1 + (size_t)nz_cols[k] * hidden;
      for (size_t j = 0; j < hidden; j++) z[j] += x * w[j];
    }
    v8f acc[8];
    v8f values;
    shifted_lanes(&acc[0], z, zero, w1, w2, hidden, nz_cols, nz_vals, 0);
    for (size_t i = 1; i < 8; i++) acc[i] = 0.0f;
    reduce8x8(&values, acc);
    const float full = b2 + values[0];
    logits[r] += full * scale;
    const int64_t *starts = nz_starts + r * fields;
    for (size_t f0 = 0; f0 < fields; f0 += 8) {
      const size_t block = fields - f0 < 8 ? fields - f0 : 8;
      for (size_t i = 0; i < 8; i++) {
        if (i >= block) {
          acc[i] = 0.0f;
          continue;
        }
        const size_t f = f0 + i;
        shifted_lanes(&acc[i], z, base + f * hidden, w1, w2, hidden, nz_cols + starts[f],
                      nz_vals + starts[f], starts[f + 1] - starts[f]);
      }
      reduce8x8(&values, acc);
      for (size_t i = 0; i < block; i++) {
        contrib[r * fields + f0 + i] += (full - (b2 + values[i])) * scale;
      }
    }
  }
  free(z);
}

#define OCCLUSION_PARAMETERS                                                                  \
  size_t rows, size_t hidden, size_t fields, const float *restrict w1, const float *restrict b1, \
      const float *restrict w2, float b2, const float *restrict base,                           \
      const int64_t *restrict nz_starts, const int32_t *restrict nz_cols,                       \
      const float *restrict nz_vals, float scale, float *restrict logits,                       \
      float *restrict contrib
#define OCCLUSION(H)                                                                            \
  occlusion_one_hidden(rows, H, fields, w1, b1, w2, b2, base, nz_starts, nz_cols, nz_vals, scale, \
                       logits, contrib)
// Constant trip counts for the common hidden widths.
#define OCCLUSION_DISPATCH_WIDTH       \
  switch (hidden) {                    \
    case 16: OCCLUSION(16); break;     \
    case 32: OCCLUSION(32); break;     \
    case 64: OCCLUSION(64); break;     \
    default: OCCLUSION(hidden); break; \
  }

static void occlusion_baseline(OCCLUSION_PARAMETERS) { OCCLUSION_DISPATCH_WIDTH }

#if defined(__x86_64__)
__attribute__((target("avx2"))) static void occlusion_avx2(OCCLUSION_PARAMETERS) {
  OCCLUSION_DISPATCH_WIDTH
}
#endif

void neuralcore_occlusion_one_hidden(OCCLUSION_PARAMETERS, int allow_avx2) {
#if defined(__x86_64__)
  __builtin_cpu_init();
  if (allow_avx2 && __builtin_cpu_supports("avx2")) {
    occlusion_avx2(rows, hidden, fields, w1, b1, w2, b2, base, nz_starts, nz_cols, nz_vals, scale,
                   logits, contrib);
    return;
  }
#endif
  occlusion_baseline(rows, hidden, fields, w1, b1, w2, b2, base, nz_starts, nz_cols, nz_vals,
                     scale, logits, contrib);
}
