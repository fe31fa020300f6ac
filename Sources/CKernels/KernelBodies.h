// The kernels' bodies, written once with vector extensions and compiled in each ISA file with that
// file's target attribute (always_inline copies them into the attributed wrappers).
#ifndef CKERNELS_BODIES_H
#define CKERNELS_BODIES_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#if defined(__x86_64__)
#include <immintrin.h>
#endif
#include "CKernels.h"

// PyTorch rounds each add/mul separately; so do all levels, which keeps their results identical.
#pragma STDC FP_CONTRACT OFF
#pragma clang fp contract(off)
// The vector helpers below are always inlined into the level's attributed wrappers, so their nominal
// (non-AVX) calling convention never applies.
#pragma clang diagnostic ignored "-Wpsabi"

#define CK_INLINE static inline __attribute__((always_inline))

// a * b + c: fused where the level has FMA. Only exp's double-precision steps use it; its float results
// are the same either way (see ck_exp8).
#if defined(CK_LEVEL_FMA)
#define CK_MLA(a, b, c) __builtin_elementwise_fma((a), (b), (c))
#else
#define CK_MLA(a, b, c) ((a) * (b) + (c))
#endif
/// A double broadcast to 8 lanes (without an arithmetic op, which could not be folded: -0 + 0 is +0).
#define CK_SPLAT(v) ((ck_v8d){(v), (v), (v), (v), (v), (v), (v), (v)})

typedef float ck_v8f __attribute__((vector_size(32)));
typedef double ck_v8d __attribute__((vector_size(64)));
typedef int64_t ck_v8l __attribute__((vector_size(64)));
typedef double ck_v4d __attribute__((vector_size(32)));

CK_INLINE ck_v8f ck_load8f(const float *p) { ck_v8f v; memcpy(&v, p, sizeof v); return v; }
CK_INLINE ck_v4d ck_load4d(const double *p) { ck_v4d v; memcpy(&v, p, sizeof v); return v; }
CK_INLINE void ck_store8f(float *p, ck_v8f v) { memcpy(p, &v, sizeof v); }

// MARK: binary

// No `restrict`: `out` may be an input (in place); the vectoriser checks for other overlaps at run time.
CK_INLINE void ck_binary_f32_body(ck_binary_op op, const float *a, const float *b, float *out, ptrdiff_t n) {
    switch (op) {
    case CK_ADD: for (ptrdiff_t i = 0; i < n; i++) out[i] = a[i] + b[i]; break;
    case CK_SUB: for (ptrdiff_t i = 0; i < n; i++) out[i] = a[i] - b[i]; break;
    case CK_MUL: for (ptrdiff_t i = 0; i < n; i++) out[i] = a[i] * b[i]; break;
    default: for (ptrdiff_t i = 0; i < n; i++) out[i] = a[i] / b[i]; break;
    }
}

// MARK: unary

CK_INLINE void ck_neg_f32_body(const float *x, float *out, ptrdiff_t n) {
    for (ptrdiff_t i = 0; i < n; i++) out[i] = -x[i];
}

CK_INLINE void ck_relu_f32_body(const float *x, float *out, ptrdiff_t n) {
    // x != x keeps NaN (ATen's clamp_min(0) propagates it); -0.0 > 0 is false, so it becomes +0.
    for (ptrdiff_t i = 0; i < n; i++) out[i] = (x[i] > 0.0f || x[i] != x[i]) ? x[i] : 0.0f;
}

// MARK: exp

/// 2^(j/32) for j in 0..<32, rounded to double (printed with 17 significant digits, which round-trip).
static const double ck_exp2_table[32] = {
    1.0, 1.0218971486541166, 1.0442737824274138, 1.0671404006768237,
    1.0905077326652577, 1.1143867425958924, 1.1387886347566916, 1.1637248587775775,
    1.189207115002721, 1.215247359980469, 1.241857812073484, 1.2690509571917332,
    1.2968395546510096, 1.3252366431597413, 1.3542555469368927, 1.383909881963832,
    1.4142135623730951, 1.4451808069770467, 1.4768261459394993, 1.5091644275934228,
    1.5422108254079407, 1.5759808451078865, 1.6104903319492543, 1.645755478153965,
    1.681792830507429, 1.718619298122478, 1.7562521603732995, 1.7947090750031072,
    1.8340080864093424, 1.8741676341103, 1.9152065613971474, 1.9571441241754002,
};

/// exp of 8 floats, in double: x = (32m + j) ln2/32 + r with |r| <= ln2/64 (Cody-Waite split, k ln2_hi
/// exact), exp(r) by a degree-6 Taylor polynomial (truncation below 2^-58), times 2^(j/32) from the
/// table and 2^m built from its bits, then one rounding to float (which also rounds subnormal and
/// overflowing results correctly). The double result is within about 2^-52 of exp(x), far inside the
/// float rounding margin: every level, with or without FMA, rounds to the same float, which equals
/// glibc's (float)exp((double)x) for all 2^32 inputs (checked exhaustively, see Tests' CKernelsTests).
CK_INLINE ck_v8f ck_exp8(ck_v8f xf) {
    typedef int32_t v8i __attribute__((vector_size(32)));
    // Clamp in float, by bit selection: exp(-104) is below half the least subnormal and exp(89) above
    // FLT_MAX, so the results are unchanged. NaN compares false and flows through unclamped.
    const ck_v8f lo = {-104, -104, -104, -104, -104, -104, -104, -104};
    const ck_v8f hi = {89, 89, 89, 89, 89, 89, 89, 89};
    v8i below = xf < lo, above = xf > hi, xb, lob, hib;
    memcpy(&xb, &xf, sizeof xb); memcpy(&lob, &lo, sizeof lob); memcpy(&hib, &hi, sizeof hib);
    xb = (xb & ~(below | above)) | (lob & below) | (hib & above);
    ck_v8f xc;
    memcpy(&xc, &xb, sizeof xc);
    ck_v8d x = __builtin_convertvector(xc, ck_v8d);

    const double shifter = 0x1.8p52;  // adding it rounds to an integer (ties to even), kept in the low bits
    ck_v8d t = CK_MLA(x, CK_SPLAT(46.166241308446828), CK_SPLAT(shifter));  // 32 / ln2
    ck_v8l tb;
    memcpy(&tb, &t, sizeof t);
    ck_v8d k = t - shifter;
    ck_v8d r = CK_MLA(-k, CK_SPLAT(0x1.62e42feep-6), x);       // ln2_hi / 32: 21 trailing zero bits, so k * it is exact
    r = CK_MLA(-k, CK_SPLAT(0x1.a39ef35793c76p-38), r);        // ln2_lo / 32
    // Estrin's scheme: a shorter dependency chain than Horner's, so more vectors overlap.
    ck_v8d r2 = r * r;
    ck_v8d p01 = r + 1.0, p23 = CK_MLA(r, CK_SPLAT(1.0 / 6.0), CK_SPLAT(0.5)), p45 = CK_MLA(r, CK_SPLAT(1.0 / 120.0), CK_SPLAT(1.0 / 24.0));
    ck_v8d p46 = CK_MLA(r2, CK_SPLAT(1.0 / 720.0), p45);
    ck_v8d p26 = CK_MLA(r2, p46, p23);
    ck_v8d p = CK_MLA(r2, p26, p01);
    ck_v8l ki = tb - (int64_t)0x4338000000000000;  // k as an integer, |k| <= 2402
    ck_v8d tab;
#if defined(CK_LEVEL_AVX512)
    // Two two-register permutes (16 entries each, indexed by the low 4 bits of k) and a blend on bit 4.
    {
        __m512d lo_ = _mm512_loadu_pd(ck_exp2_table), mid_ = _mm512_loadu_pd(ck_exp2_table + 8);
        __m512d hi_ = _mm512_loadu_pd(ck_exp2_table + 16), top_ = _mm512_loadu_pd(ck_exp2_table + 24);
        __m512i idx = (__m512i)ki;
        __m512d first = _mm512_permutex2var_pd(lo_, idx, mid_);    // entries 0..15 (bit 3 picks mid_)
        __m512d second = _mm512_permutex2var_pd(hi_, idx, top_);   // entries 16..31
        __mmask8 upper = _mm512_test_epi64_mask(idx, _mm512_set1_epi64(16));
        tab = (ck_v8d)_mm512_mask_blend_pd(upper, first, second);
    }
#else
    for (int l = 0; l < 8; l++) tab[l] = ck_exp2_table[ki[l] & 31];
#endif
    ck_v8l sb = ((ki >> 5) + 1023) << 52;
    ck_v8d scale;
    memcpy(&scale, &sb, sizeof scale);
    ck_v8f y = __builtin_convertvector((tab * p) * scale, ck_v8f);
    // NaN in, the same NaN out (quietened), as libm and MKL do.
    v8i nan = xf != xf, yb, qb;
    ck_v8f xq = xf + xf;
    memcpy(&yb, &y, sizeof y); memcpy(&qb, &xq, sizeof xq);
    yb = (yb & ~nan) | (qb & nan);
    memcpy(&y, &yb, sizeof y);
    return y;
}

CK_INLINE void ck_exp_f32_body(const float *x, float *out, ptrdiff_t n) {
    ptrdiff_t i = 0;
    for (; i + 8 <= n; i += 8) ck_store8f(out + i, ck_exp8(ck_load8f(x + i)));
    if (i < n) {
        // The tail through the same vector code, so every element rounds the same way.
        float in[8] = {0}, res[8];
        memcpy(in, x + i, (size_t)(n - i) * sizeof(float));
        ck_store8f(res, ck_exp8(ck_load8f(in)));
        memcpy(out + i, res, (size_t)(n - i) * sizeof(float));
    }
}

// MARK: sigmoid

typedef int32_t ck_v8i __attribute__((vector_size(32)));
#define CK_SPLATF(v) ((ck_v8f){(v), (v), (v), (v), (v), (v), (v), (v)})
#define CK_SPLATI(v) ((ck_v8i){(v), (v), (v), (v), (v), (v), (v), (v)})

/// a * b + c rounded once, at every level: hardware FMA where the level has it, libm's exact fmaf below.
CK_INLINE ck_v8f ck_fma8(ck_v8f a, ck_v8f b, ck_v8f c) { return __builtin_elementwise_fma(a, b, c); }

/// SLEEF's `xexpf` (Sleef_expf16_u10 / expf8_u10, sleefsimdsp.c), which is what PyTorch's
/// `Vectorized<float>::exp` calls: ln2 split in two, degree-6 polynomial with FMA, ldexp in two halves.
CK_INLINE ck_v8f ck_sleef_expf8(ck_v8f d) {
    ck_v8i q = __builtin_convertvector(__builtin_elementwise_roundeven(d * CK_SPLATF(1.442695040888963407359924681001892137426645954152985934135449406931f)), ck_v8i);
    ck_v8f qf = __builtin_convertvector(q, ck_v8f);
    ck_v8f s = ck_fma8(qf, CK_SPLATF(-0.693145751953125f), d);
    s = ck_fma8(qf, CK_SPLATF(-1.428606765330187045e-06f), s);
    ck_v8f u = CK_SPLATF(0.000198527617612853646278381f);
    u = ck_fma8(u, s, CK_SPLATF(0.00139304355252534151077271f));
    u = ck_fma8(u, s, CK_SPLATF(0.00833336077630519866943359f));
    u = ck_fma8(u, s, CK_SPLATF(0.0416664853692054748535156f));
    u = ck_fma8(u, s, CK_SPLATF(0.166666671633720397949219f));
    u = ck_fma8(u, s, CK_SPLATF(0.5f));
    u = CK_SPLATF(1.0f) + ck_fma8(s * s, u, s);
    ck_v8i half = q >> 1;
    ck_v8i b1 = (half + 0x7f) << 23, b2 = ((q - half) + 0x7f) << 23;
    ck_v8f p1, p2;
    memcpy(&p1, &b1, sizeof p1); memcpy(&p2, &b2, sizeof p2);
    u = (u * p1) * p2;
    ck_v8i ub;
    memcpy(&ub, &u, sizeof ub);
    ub = ub & ~(d < CK_SPLATF(-104.0f));
    ck_v8i inf = CK_SPLATI(0x7f800000), big = CK_SPLATF(100.0f) < d;
    ub = (ub & ~big) | (inf & big);
    memcpy(&u, &ub, sizeof u);
    return u;
}

/// ATen's float sigmoid over one `parallel_for` chunk (UnaryOpsKernel.cpp through `vectorized_loop`):
/// blocks of 32 (two AVX-512 vectors) take `1 / (exp(0 - x) + 1)` with SLEEF's exp; the last n % 32
/// take the scalar lambda `1 / (1 + std::exp(-x))`, i.e. glibc's expf.
CK_INLINE void ck_sigmoid_f32_body(const float *x, float *out, ptrdiff_t n) {
    ptrdiff_t i = 0;
    for (; i + 32 <= n; i += 32) {
        for (int k = 0; k < 32; k += 8) {
            ck_v8f e = ck_sleef_expf8(CK_SPLATF(0.0f) - ck_load8f(x + i + k));
            ck_store8f(out + i + k, CK_SPLATF(1.0f) / (e + CK_SPLATF(1.0f)));
        }
    }
    for (; i < n; i++) out[i] = 1.0f / (1.0f + expf(-x[i]));
}

// MARK: sum

/// `CeilLog2` of SumKernel.cpp.
CK_INLINE int64_t ck_ceil_log2(int64_t x) {
    if (x <= 2) return 1;
    return 64 - __builtin_clzll((unsigned long long)(x - 1));
}

/// `row_sum` with `multi_row_sum(4, ...)` of SumKernel.cpp for element type T (scalar or vector),
/// loading element `i` with LOAD(i); leaves the result in `result`. The additions and their order are
/// exactly Swift's `CascadeSum.vectorRowSum` / `rowSum`, lane by lane.
#define CK_ROW_SUM(T, size, LOAD, result)                                                          \
    do {                                                                                           \
        const int64_t rows_ = (size) / 4;                                                          \
        int64_t lp_ = ck_ceil_log2(rows_) / 4;                                                     \
        if (lp_ < 4) lp_ = 4;                                                                      \
        const int64_t step_ = (int64_t)1 << lp_, mask_ = step_ - 1;                                \
        T a0_ = {0}, a1_ = {0}, a2_ = {0}, a3_ = {0}, zero_ = {0};                                 \
        T up_[12];                                                                                 \
        for (int k_ = 0; k_ < 12; k_++) up_[k_] = zero_;                                           \
        int64_t i_ = 0;                                                                            \
        while (i_ + step_ <= rows_) {                                                              \
            for (int64_t s_ = 0; s_ < step_; s_++, i_++) {                                         \
                a0_ += LOAD(i_ * 4); a1_ += LOAD(i_ * 4 + 1);                                      \
                a2_ += LOAD(i_ * 4 + 2); a3_ += LOAD(i_ * 4 + 3);                                  \
            }                                                                                      \
            up_[0] += a0_; up_[1] += a1_; up_[2] += a2_; up_[3] += a3_;                            \
            a0_ = zero_; a1_ = zero_; a2_ = zero_; a3_ = zero_;                                    \
            if ((i_ & (mask_ << lp_)) != 0) continue;                                              \
            for (int j_ = 2; j_ < 4; j_++) {                                                       \
                for (int k_ = 0; k_ < 4; k_++) {                                                   \
                    up_[(j_ - 1) * 4 + k_] += up_[(j_ - 2) * 4 + k_];                              \
                    up_[(j_ - 2) * 4 + k_] = zero_;                                                \
                }                                                                                  \
                if ((i_ & (mask_ << (j_ * lp_))) != 0) break;                                      \
            }                                                                                      \
        }                                                                                          \
        for (; i_ < rows_; i_++) {                                                                 \
            a0_ += LOAD(i_ * 4); a1_ += LOAD(i_ * 4 + 1);                                          \
            a2_ += LOAD(i_ * 4 + 2); a3_ += LOAD(i_ * 4 + 3);                                      \
        }                                                                                          \
        for (int j_ = 0; j_ < 3; j_++) {                                                           \
            a0_ += up_[j_ * 4]; a1_ += up_[j_ * 4 + 1]; a2_ += up_[j_ * 4 + 2]; a3_ += up_[j_ * 4 + 3]; \
        }                                                                                          \
        for (int64_t t_ = rows_ * 4; t_ < (size); t_++) a0_ += LOAD(t_);                           \
        result = ((a0_ + a1_) + a2_) + a3_;                                                        \
    } while (0)

#define CK_INNER_SUM_BODY(T, VT, W, LOADV)                                                         \
    T final_ = 0;                                                                                  \
    if (n < W) {                                                                                   \
        CK_ROW_SUM(T, n, CK_SCALAR_AT, final_);                                                    \
        return final_;                                                                             \
    }                                                                                              \
    const int64_t vectors_ = n / W;                                                                \
    for (int64_t k_ = vectors_ * W; k_ < n; k_++) final_ += p[k_];                                 \
    VT lanes_;                                                                                     \
    CK_ROW_SUM(VT, vectors_, LOADV, lanes_);                                                       \
    for (int l_ = 0; l_ < W; l_++) final_ += lanes_[l_];                                           \
    return final_;

#define CK_SCALAR_AT(i) p[i]
#define CK_VEC8F_AT(i) ck_load8f(p + (i) * 8)
#define CK_VEC4D_AT(i) ck_load4d(p + (i) * 4)

CK_INLINE float ck_inner_sum_f32_body(const float *p, int64_t n) { CK_INNER_SUM_BODY(float, ck_v8f, 8, CK_VEC8F_AT) }
CK_INLINE double ck_inner_sum_f64_body(const double *p, int64_t n) { CK_INNER_SUM_BODY(double, ck_v4d, 4, CK_VEC4D_AT) }

#endif
