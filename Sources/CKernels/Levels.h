// The per-level entry points, for Dispatch.c.
#ifndef CKERNELS_LEVELS_H
#define CKERNELS_LEVELS_H
#include "CKernels.h"

#define CK_DECLARE_LEVEL(s)                                                                        \
    void ck_binary_f32_##s(ck_binary_op, const float *, const float *, float *, ptrdiff_t);        \
    void ck_exp_f32_##s(const float *, float *, ptrdiff_t);                                        \
    void ck_neg_f32_##s(const float *, float *, ptrdiff_t);                                        \
    void ck_sigmoid_f32_##s(const float *, float *, ptrdiff_t);                                    \
    void ck_relu_f32_##s(const float *, float *, ptrdiff_t);                                       \
    float ck_inner_sum_f32_##s(const float *, ptrdiff_t);                                          \
    double ck_inner_sum_f64_##s(const double *, ptrdiff_t);

CK_DECLARE_LEVEL(baseline)
#if defined(__x86_64__)
CK_DECLARE_LEVEL(avx2)
CK_DECLARE_LEVEL(avx512)
#endif

#endif
