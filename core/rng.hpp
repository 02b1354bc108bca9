// rng.hpp — the project's own seeded random number generator.
//
// Why not <random>: std::normal_distribution and friends are implementation-defined, so libstdc++
// (native) and libc++ (emscripten) give different numbers for the same seed. This generator is
// xoshiro256** seeded through splitmix64, with uniform and normal draws written out here, so the
// same seed gives the same data and the same initial weights on every platform.
#pragma once

#include <array>
#include <cmath>
#include <cstdint>

namespace nn {

class Rng {
 public:
  explicit Rng(std::uint64_t seed = 1) { reseed(seed); }

  void reseed(std::uint64_t seed) {
    // splitmix64 spreads any seed (even 0) over the 256-bit state.
    for (auto& word : s_) {
      seed += 0x9E3779B97F4A7C15ull;
      std::uint64_t z = seed;
      z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
      z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
      word = z ^ (z >> 31);
    }
  }

  // xoshiro256**: 64 random bits.
  std::uint64_t next() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  // Uniform in [0, 1) with 53 random bits.
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }

  // Uniform integer in [0, n) without modulo bias (rejection sampling).
  std::uint64_t below(std::uint64_t n) {
    const std::uint64_t limit = (~std::uint64_t{0}) - (~std::uint64_t{0}) % n;
    std::uint64_t r;
    do r = next(); while (r >= limit);
    return r % n;
  }

  // Standard normal by Box–Muller (one draw per call, so the stream never depends on a cache).
  double normal() {
    const double u1 = 1.0 - uniform();  // (0, 1]: log stays finite
    const double u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }
  double normal(double mean, double stddev) { return mean + stddev * normal(); }

  // Fisher–Yates shuffle of any random-access range.
  template <typename It>
  void shuffle(It first, It last) {
    for (auto n = last - first; n > 1; --n) {
      const auto j = static_cast<decltype(n)>(below(static_cast<std::uint64_t>(n)));
      std::swap(first[n - 1], first[j]);
    }
  }

  // The state, so a saved network resumes the same shuffles after loading.
  std::array<std::uint64_t, 4> state() const { return s_; }
  void setState(const std::array<std::uint64_t, 4>& s) { s_ = s; }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::array<std::uint64_t, 4> s_{};
};

}  // namespace nn
