// gemm.hpp — the one matrix-product kernel behind forward and backward (column-major):
//
//   C (m, n) = alpha · Σ_k A(i, k) · B(k, j)  [+ bias(i)]
//
// A is (m, k) with leading dimension lda. B is read through strides, B(k, j) = B[k·bk + j·bj], so
// the same kernel computes Z = W·A_prev + b (bk = 1, bj = ld) and dW = dZ·A_prevᵀ / m (bk = ld,
// bj = 1). C is computed in 8×4 register tiles: for each k, one 8-row slice of A (two 4-lane
// vectors) is multiplied by 4 broadcast values of B. The lanes are f32x4 in wasm (simd128), SSE
// natively, plain arrays elsewhere; double (gradient checks and tests only) takes plain loops.
// Every C(i, j) is accumulated over k in ascending order with a separate multiply and add (no
// FMA), whatever the lanes, so results are bit-identical natively and in wasm.
// Why not Eigen's product: for the small, dynamic sizes of a playground network its dispatch and
// packing cost more than the arithmetic, and Eigen has no wasm SIMD backend (it would run scalar).
#pragma once

#include <Eigen/Core>
#include <algorithm>
#include <type_traits>

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#elif defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace nn {
namespace detail {

// Four lanes of S: load, store, broadcast, multiply-then-add.
template <typename S>
struct Lanes {
  S v[4];
  static Lanes load(const S* p) { return {{p[0], p[1], p[2], p[3]}}; }
  static Lanes splat(S x) { return {{x, x, x, x}}; }
  static Lanes zero() { return splat(S(0)); }
  void store(S* p) const { std::copy(v, v + 4, p); }
  void madd(const Lanes& a, const Lanes& b) {
    for (int i = 0; i < 4; ++i) v[i] += a.v[i] * b.v[i];
  }
  void scaleAdd(const Lanes& s, const Lanes& b) {  // v ← v·s + b
    for (int i = 0; i < 4; ++i) v[i] = v[i] * s.v[i] + b.v[i];
  }
};

#if defined(__wasm_simd128__)
template <>
struct Lanes<float> {
  v128_t v;
  static Lanes load(const float* p) { return {wasm_v128_load(p)}; }
  static Lanes splat(float x) { return {wasm_f32x4_splat(x)}; }
  static Lanes zero() { return {wasm_f32x4_splat(0.f)}; }
  void store(float* p) const { wasm_v128_store(p, v); }
  void madd(const Lanes& a, const Lanes& b) { v = wasm_f32x4_add(v, wasm_f32x4_mul(a.v, b.v)); }
  void scaleAdd(const Lanes& s, const Lanes& b) { v = wasm_f32x4_add(wasm_f32x4_mul(v, s.v), b.v); }
};
#elif defined(__SSE2__)
template <>
struct Lanes<float> {
  __m128 v;
  static Lanes load(const float* p) { return {_mm_loadu_ps(p)}; }
  static Lanes splat(float x) { return {_mm_set1_ps(x)}; }
  static Lanes zero() { return {_mm_setzero_ps()}; }
  void store(float* p) const { _mm_storeu_ps(p, v); }
  void madd(const Lanes& a, const Lanes& b) { v = _mm_add_ps(v, _mm_mul_ps(a.v, b.v)); }
  void scaleAdd(const Lanes& s, const Lanes& b) { v = _mm_add_ps(_mm_mul_ps(v, s.v), b.v); }
};
#endif

// One tile: rows [i0, i0 + 8) of columns [j0, j0 + NB).
template <typename S, int NB>
void tile8(Eigen::Index i0, Eigen::Index j0, Eigen::Index k, S alpha, const S* A, Eigen::Index lda, const S* B,
           Eigen::Index bk, Eigen::Index bj, const S* bias, S* C, Eigen::Index ldc) {
  using L = Lanes<S>;
  L acc[NB][2];
  for (int jj = 0; jj < NB; ++jj) acc[jj][0] = acc[jj][1] = L::zero();
  for (Eigen::Index kk = 0; kk < k; ++kk) {
    const S* a = A + i0 + kk * lda;
    const L a0 = L::load(a), a1 = L::load(a + 4);
    const S* b = B + kk * bk + j0 * bj;
    for (int jj = 0; jj < NB; ++jj) {
      const L bv = L::splat(b[jj * bj]);
      acc[jj][0].madd(a0, bv);
      acc[jj][1].madd(a1, bv);
    }
  }
  // C = acc·alpha + bias, stored straight from the lanes.
  const L scale = L::splat(alpha);
  const L b0 = bias ? L::load(bias + i0) : L::zero(), b1 = bias ? L::load(bias + i0 + 4) : L::zero();
  for (int jj = 0; jj < NB; ++jj) {
    S* c = C + i0 + (j0 + jj) * ldc;
    acc[jj][0].scaleAdd(scale, b0);
    acc[jj][1].scaleAdd(scale, b1);
    acc[jj][0].store(c);
    acc[jj][1].store(c + 4);
  }
}

}  // namespace detail

template <typename S>
void gemm(Eigen::Index m, Eigen::Index n, Eigen::Index k, S alpha, const S* A, Eigen::Index lda, const S* B,
          Eigen::Index bk, Eigen::Index bj, const S* bias, S* C, Eigen::Index ldc) {
  if constexpr (!std::is_same_v<S, float>) {  // double (gradient checks, tests): plain loops, same order
    for (Eigen::Index j = 0; j < n; ++j)
      for (Eigen::Index i = 0; i < m; ++i) {
        S acc = 0;
        for (Eigen::Index kk = 0; kk < k; ++kk) acc += A[i + kk * lda] * B[kk * bk + j * bj];
        C[i + j * ldc] = acc * alpha + (bias ? bias[i] : S(0));
      }
    return;
  }
  for (Eigen::Index j0 = 0; j0 < n; j0 += 4) {
    const Eigen::Index nb = std::min<Eigen::Index>(4, n - j0);
    Eigen::Index i0 = 0;
    for (; i0 + 8 <= m; i0 += 8) {
      switch (nb) {
        case 4: detail::tile8<S, 4>(i0, j0, k, alpha, A, lda, B, bk, bj, bias, C, ldc); break;
        case 3: detail::tile8<S, 3>(i0, j0, k, alpha, A, lda, B, bk, bj, bias, C, ldc); break;
        case 2: detail::tile8<S, 2>(i0, j0, k, alpha, A, lda, B, bk, bj, bias, C, ldc); break;
        default: detail::tile8<S, 1>(i0, j0, k, alpha, A, lda, B, bk, bj, bias, C, ldc); break;
      }
    }
    for (; i0 < m; ++i0) {  // leftover rows (m mod 8), one dot product each
      for (Eigen::Index jj = 0; jj < nb; ++jj) {
        S acc = 0;
        const S* b = B + (j0 + jj) * bj;
        for (Eigen::Index kk = 0; kk < k; ++kk) acc += A[i0 + kk * lda] * b[kk * bk];
        C[i0 + (j0 + jj) * ldc] = acc * alpha + (bias ? bias[i0] : S(0));
      }
    }
  }
}

}  // namespace nn
