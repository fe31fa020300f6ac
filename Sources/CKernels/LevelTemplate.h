// Instantiates every kernel for one ISA level. The including file defines CK_SUFFIX (the level's name)
// and, except for the baseline, CK_TARGET_FEATURES (its target attribute string).
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <math.h>
#if defined(__x86_64__)
#include <immintrin.h>
#endif

// Every function below, helpers included, is compiled for the level's features.
#ifdef CK_TARGET_FEATURES
#pragma clang attribute push(__attribute__((target(CK_TARGET_FEATURES))), apply_to = function)
#endif

#include "KernelBodies.h"

#define CK_CAT2(a, b) a##_##b
#define CK_CAT(a, b) CK_CAT2(a, b)
#define CK_NAME(name) CK_CAT(name, CK_SUFFIX)

void CK_NAME(ck_binary_f32)(ck_binary_op op, const float *a, const float *b, float *out, ptrdiff_t n) {
    ck_binary_f32_body(op, a, b, out, n);
}
void CK_NAME(ck_exp_f32)(const float *x, float *out, ptrdiff_t n) { ck_exp_f32_body(x, out, n); }
void CK_NAME(ck_sigmoid_f32)(const float *x, float *out, ptrdiff_t n) { ck_sigmoid_f32_body(x, out, n); }
void CK_NAME(ck_neg_f32)(const float *x, float *out, ptrdiff_t n) { ck_neg_f32_body(x, out, n); }
void CK_NAME(ck_relu_f32)(const float *x, float *out, ptrdiff_t n) { ck_relu_f32_body(x, out, n); }
float CK_NAME(ck_inner_sum_f32)(const float *p, ptrdiff_t n) { return ck_inner_sum_f32_body(p, n); }
double CK_NAME(ck_inner_sum_f64)(const double *p, ptrdiff_t n) { return ck_inner_sum_f64_body(p, n); }

#ifdef CK_TARGET_FEATURES
#pragma clang attribute pop
#endif
