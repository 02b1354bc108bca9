// fastmath.hpp — exp, expm1, log, sigmoid and tanh for the float path, written out so they are
// fast, vectorise (plain arithmetic, no branches, no libm calls) and give the same bits natively
// and in wasm.
//
// Why: training and the boundary grid spend most of their time in tanh/exp; libm's versions are
// calls per element and differ between glibc and musl. These are accurate to a few float ulps
// (tested against double precision). The double path (gradient checks) keeps std:: functions.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstring>

namespace nn {
namespace fast {

inline std::uint32_t bits(float x) {
  std::uint32_t u;
  std::memcpy(&u, &x, sizeof u);
  return u;
}
inline float fromBits(std::uint32_t u) {
  float x;
  std::memcpy(&x, &u, sizeof x);
  return x;
}

// Range reduction shared by exp and expm1: x = n ln2 + r with n = round(x / ln 2) (Cody–Waite, two
// parts), |r| ≤ ln2/2, and q(r) = (e^r − 1)/r by its Taylor series to r⁶ (truncation < 6e-9).
// x is clamped to [−87, 88] so 2^n stays a normal float; NaN stays NaN (no float→int conversion,
// which would trap in wasm).
struct Reduced {
  float r, q, scale;  // scale = 2^n
};
inline Reduced reduce(float x) {
  x = x < -87.f ? -87.f : (x > 88.f ? 88.f : x);
  const float magic = 12582912.f;                       // 1.5·2²³: adding it rounds to an integer
  const float shifted = x * 1.44269504f + magic;        // n sits in the low mantissa bits
  const float n = shifted - magic;
  const float r = (x - n * 0.693145752f) - n * 1.42860677e-6f;
  float q = 1.f / 5040.f;
  q = q * r + 1.f / 720.f;
  q = q * r + 1.f / 120.f;
  q = q * r + 1.f / 24.f;
  q = q * r + 1.f / 6.f;
  q = q * r + 0.5f;
  q = q * r + 1.f;
  return {r, q, fromBits((bits(shifted) - bits(magic) + 127u) << 23)};
}

// e^x = 2^n · (1 + r·q(r))
inline float exp(float x) {
  const Reduced d = reduce(x);
  return (d.q * d.r + 1.f) * d.scale;
}

// log x for positive normal x: x = 2^e · m with m in [√½, √2), log m = 2 atanh(s) with
// s = (m − 1)/(m + 1), |s| ≤ 0.172, by its odd series to s⁹ (truncation < 3e-9). +∞ and NaN pass
// through unchanged, so a diverging loss stays non-finite.
inline float log(float x) {
  const std::uint32_t u = bits(x);
  const bool high = (u & 0x7fffffu) > 0x3504f3u;                  // mantissa above √2
  const float m = fromBits((u & 0x7fffffu) | (high ? 0x3f000000u : 0x3f800000u));
  const float e = float(int((u >> 23) & 0xffu) - (high ? 126 : 127));
  const float s = (m - 1.f) / (m + 1.f), s2 = s * s;
  float p = 1.f / 9.f;
  p = p * s2 + 1.f / 7.f;
  p = p * s2 + 1.f / 5.f;
  p = p * s2 + 1.f / 3.f;
  p = p * s2 + 1.f;
  const float result = (e * 1.42860677e-6f + 2.f * s * p) + e * 0.693145752f;
  return (x == x && x < 3.402823466e38f) ? result : x;
}

// log(1 + e^{−|z|}), the softplus tail of the logistic losses (argument in (1, 2]).
inline float log1pExpNeg(float az) { return log(1.f + exp(-az)); }

inline float sigmoid(float z) { return 1.f / (1.f + exp(-z)); }

// e^x − 1 without cancellation near 0: e^x − 1 = 2^n·(e^r − 1) + (2^n − 1) with e^r − 1 = r·q(r),
// so as x → 0 (n = 0) the result is r·q(r), accurate to float rounding however small x is.
inline float expm1(float x) {
  const Reduced d = reduce(x);
  return d.scale * (d.r * d.q) + (d.scale - 1.f);
}

// tanh |x| = (1 − e^{−2|x|}) / (1 + e^{−2|x|}) = −m / (2 + m) with m = e^{−2|x|} − 1 (expm1, so
// there is no cancellation near 0), then the sign of x put back.
inline float tanh(float x) {
  const std::uint32_t sign = bits(x) & 0x80000000u;  // bit operations instead of fabs/copysign:
  const float ax = fromBits(bits(x) & 0x7fffffffu);  // they vectorise, libm's copysign does not
  const float m = expm1(-2.f * ax);
  return fromBits(bits(-m / (2.f + m)) | sign);
}

}  // namespace fast

// Scalar-generic entry points: the float path takes the fast versions, double the exact ones.
inline float expS(float x) { return fast::exp(x); }
inline double expS(double x) { return std::exp(x); }
inline float sigmoidS(float x) { return fast::sigmoid(x); }
inline double sigmoidS(double x) { return 1.0 / (1.0 + std::exp(-x)); }
inline float tanhS(float x) { return fast::tanh(x); }
inline float expm1S(float x) { return fast::expm1(x); }
inline double expm1S(double x) { return std::expm1(x); }
inline float logS(float x) { return fast::log(x); }
inline double logS(double x) { return std::log(x); }
inline float log1pExpNegS(float az) { return fast::log1pExpNeg(az); }
inline double log1pExpNegS(double az) { return std::log1p(std::exp(-az)); }
inline double tanhS(double x) { return std::tanh(x); }

}  // namespace nn
