// Contiguous float kernels compiled once per x86 ISA level (AVX-512, AVX2+FMA, baseline) and chosen at
// run time, so the binary still runs on CPUs without AVX2. Every level produces the same bits: the
// arithmetic is plain IEEE add/mul/div in a fixed order, never contracted to FMA.
#ifndef CKERNELS_H
#define CKERNELS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Elementwise ops of `ck_binary_f32`, in `BinaryOp`'s order.
typedef enum { CK_ADD = 0, CK_SUB = 1, CK_MUL = 2, CK_DIV = 3 } ck_binary_op;

/// Keeps freed large blocks (up to 32 MB each, 256 MB in all) in the malloc heap instead of handing their
/// pages back to the kernel: a large tensor result is allocated and freed once per op. Idempotent.
void ck_keep_large_blocks_in_heap(void);

/// ISA levels: 0 baseline (SSE2 on x86-64, plain C elsewhere), 1 AVX2+FMA, 2 AVX-512F/BW/VL.
int ck_isa_level(void);
/// The level the CPU supports; `ck_force_isa_level` clamps to it. For tests comparing levels.
int ck_max_isa_level(void);
/// Overrides the detected level (-1 restores detection). Not thread-safe against running kernels.
void ck_force_isa_level(int level);

/// out[i] = a[i] op b[i]. Here and below, `out` may be one of the inputs but must not overlap it otherwise.
void ck_binary_f32(ck_binary_op op, const float *a, const float *b, float *out, ptrdiff_t n);

/// out[i] = exp(x[i]), correctly rounded except in rare near-halfway cases: exp in double (error about
/// 2^-52), rounded once to float. Identical bits at every ISA level.
void ck_exp_f32(const float *x, float *out, ptrdiff_t n);

/// PyTorch's float sigmoid over one `at::parallel_for` chunk, bit for bit: SLEEF's expf (as
/// `Vectorized<float>::exp`) in blocks of 32, glibc's expf for the last n % 32. Call once per chunk.
void ck_sigmoid_f32(const float *x, float *out, ptrdiff_t n);

/// out[i] = -x[i].
void ck_neg_f32(const float *x, float *out, ptrdiff_t n);
/// out[i] = x[i] > 0 ? x[i] : 0, NaN kept (ATen's relu: clamp_min that propagates NaN).
void ck_relu_f32(const float *x, float *out, ptrdiff_t n);

/// The sum of a contiguous run in ATen's order (SumKernel.cpp, 256-bit vectors): runs of at least one
/// vector (8 floats, 4 doubles) take `vectorized_inner_sum` (the tail after the last whole vector
/// first, then each lane of the 4-way interleaved, 4-level cascade); shorter runs take `row_sum`.
float ck_inner_sum_f32(const float *p, ptrdiff_t n);
double ck_inner_sum_f64(const double *p, ptrdiff_t n);

#ifdef __cplusplus
}
#endif

#endif
