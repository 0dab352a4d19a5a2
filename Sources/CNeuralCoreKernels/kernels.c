#include "neuralcore_kernels.h"

#include <math.h>

void neuralcore_adam_update(float *restrict w, const float *restrict g, float *restrict m,
                            float *restrict v, size_t count, float beta1, float beta2,
                            float step_size, float inv_sqrt_bias2, float epsilon, float l2,
                            float decay) {
  const float c1 = 1.0f - beta1;
  const float c2 = 1.0f - beta2;
  for (size_t i = 0; i < count; i++) {
    const float theta = w[i];
    const float grad = g[i] + l2 * theta;
    const float mi = beta1 * m[i] + c1 * grad;
    const float vi = beta2 * v[i] + c2 * grad * grad;
    m[i] = mi;
    v[i] = vi;
    w[i] = decay * theta - step_size * mi / (sqrtf(vi) * inv_sqrt_bias2 + epsilon);
  }
}
