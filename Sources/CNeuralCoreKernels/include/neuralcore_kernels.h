// Elementwise loops of the neural core that Swift does not vectorise: Swift's
// Float.squareRoot() calls a C shim built with errno semantics, which keeps LLVM from using
// vector square roots. Built with -O3 -fno-math-errno and no -march (SSE2 baseline), so the
// code runs on every x86-64 CPU.
#ifndef NEURALCORE_KERNELS_H
#define NEURALCORE_KERNELS_H

#include <stddef.h>

/// One Adam / AdamW step over `count` consecutive elements:
///   grad = g + l2 * w;  m = beta1 m + (1 - beta1) grad;  v = beta2 v + (1 - beta2) grad^2;
///   w = decay * w - step_size * m / (sqrt(v) * inv_sqrt_bias2 + epsilon).
void neuralcore_adam_update(float *w, const float *g, float *m, float *v, size_t count,
                            float beta1, float beta2, float step_size, float inv_sqrt_bias2,
                            float epsilon, float l2, float decay);

#endif
