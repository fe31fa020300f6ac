// Chooses the ISA level once, on first use, and forwards each public kernel to that level.
#include <stdatomic.h>
#include "CKernels.h"
#include "Levels.h"

static int detect(void) {
#if defined(__x86_64__)
    __builtin_cpu_init();
    // __builtin_cpu_supports also checks that the OS saves the wider registers (XCR0).
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vl"))
        return 2;
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return 1;
#endif
    return 0;
}

static _Atomic int detected = -1;
static _Atomic int forced = -1;

int ck_max_isa_level(void) {
    int level = atomic_load_explicit(&detected, memory_order_relaxed);
    if (level < 0) {
        level = detect();
        atomic_store_explicit(&detected, level, memory_order_relaxed);
    }
    return level;
}

int ck_isa_level(void) {
    int max = ck_max_isa_level();
    int f = atomic_load_explicit(&forced, memory_order_relaxed);
    return f >= 0 && f < max ? f : max;
}

void ck_force_isa_level(int level) { atomic_store_explicit(&forced, level, memory_order_relaxed); }

#if defined(__x86_64__)
#define CK_DISPATCH(call, ...)                                                                     \
    switch (ck_isa_level()) {                                                                      \
    case 2: return call##_avx512(__VA_ARGS__);                                                     \
    case 1: return call##_avx2(__VA_ARGS__);                                                       \
    default: return call##_baseline(__VA_ARGS__);                                                  \
    }
#else
#define CK_DISPATCH(call, ...) return call##_baseline(__VA_ARGS__);
#endif

void ck_binary_f32(ck_binary_op op, const float *a, const float *b, float *out, ptrdiff_t n) {
    CK_DISPATCH(ck_binary_f32, op, a, b, out, n)
}
void ck_exp_f32(const float *x, float *out, ptrdiff_t n) { CK_DISPATCH(ck_exp_f32, x, out, n) }
void ck_neg_f32(const float *x, float *out, ptrdiff_t n) { CK_DISPATCH(ck_neg_f32, x, out, n) }
void ck_sigmoid_f32(const float *x, float *out, ptrdiff_t n) { CK_DISPATCH(ck_sigmoid_f32, x, out, n) }
void ck_relu_f32(const float *x, float *out, ptrdiff_t n) { CK_DISPATCH(ck_relu_f32, x, out, n) }
float ck_inner_sum_f32(const float *p, ptrdiff_t n) { CK_DISPATCH(ck_inner_sum_f32, p, n) }
double ck_inner_sum_f64(const double *p, ptrdiff_t n) { CK_DISPATCH(ck_inner_sum_f64, p, n) }
