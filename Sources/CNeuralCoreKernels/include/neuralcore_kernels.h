// Loops of the neural core that Swift does not vectorise well: Swift's Float.squareRoot()
// calls a C shim built with errno semantics, which keeps LLVM from using vector square roots
// (Adam), and Swift modules are compiled for the x86-64 baseline only (field occlusion, which
// therefore also has an AVX2 build picked by a CPU check). Built with -O3 -fno-math-errno and no
// -march (SSE2 baseline), so the code runs on every x86-64 CPU.
#ifndef NEURALCORE_KERNELS_H
#define NEURALCORE_KERNELS_H

#include <stddef.h>
#include <stdint.h>

/// One Adam / AdamW step over `count` consecutive elements:
///   grad = g + l2 * w;  m = beta1 m + (1 - beta1) grad;  v = beta2 v + (1 - beta2) grad^2;
///   w = decay * w - step_size * m / (sqrt(v) * inv_sqrt_bias2 + epsilon).
void neuralcore_adam_update(float *w, const float *g, float *m, float *v, size_t count,
                            float beta1, float beta2, float step_size, float inv_sqrt_bias2,
                            float epsilon, float l2, float decay);

/// Field occlusion for a network with one ReLU hidden layer and one output:
///   out(x) = b2 + sum_j w2[j] * relu(z[j]),  z = x W1 + b1,
/// and for every field f (a group of input columns) the output with the field's columns set to
/// the baseline: z_f = z + base[f] - sum_{c in f, x[c] != 0} x[c] W1[c].
/// Adds `scale * out(x)` to logits[r] and `scale * (out(x) - out_f(x))` to contrib[r * fields + f].
///   w1:   inputs x hidden (z is built from the non-zero inputs only);
///   base: fields x hidden, sum over the field's columns of baseline[c] W1[c];
///   nz_starts (rows * fields + 1), nz_cols, nz_vals: the non-zero inputs of each (row, field).
/// Runs the AVX2 build when the CPU has AVX2 and `allow_avx2` is non-zero (tests pass 0 to check
/// the baseline build); sums run in a fixed order, so both builds give the same bits.
void neuralcore_occlusion_one_hidden(size_t rows, size_t hidden, size_t fields,
                                     const float *w1, const float *b1,
                                     const float *w2, float b2, const float *base,
                                     const int64_t *nz_starts, const int32_t *nz_cols,
                                     const float *nz_vals, float scale, float *logits,
                                     float *contrib, int allow_avx2);

#endif
