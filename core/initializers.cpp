// initializers.cpp — torch.nn.init's formulas (gain 1 for glorot, √2 for he, fan_in mode).
#include "initializers.hpp"

#include <cmath>

namespace nn {
namespace {

// glorot_uniform: U(−a, a), a = √(6 / (fan_in + fan_out))       (torch xavier_uniform_)
double glorotUniform(Rng& r, int in, int out) {
  const double a = std::sqrt(6.0 / (in + out));
  return r.uniform(-a, a);
}
// glorot_normal: N(0, σ²), σ = √(2 / (fan_in + fan_out))          (torch xavier_normal_)
double glorotNormal(Rng& r, int in, int out) { return r.normal(0.0, std::sqrt(2.0 / (in + out))); }
// he_uniform: U(−a, a), a = √(6 / fan_in)                          (torch kaiming_uniform_, relu)
double heUniform(Rng& r, int in, int) {
  const double a = std::sqrt(6.0 / in);
  return r.uniform(-a, a);
}
// he_normal: N(0, σ²), σ = √(2 / fan_in)                           (torch kaiming_normal_, relu)
double heNormal(Rng& r, int in, int) { return r.normal(0.0, std::sqrt(2.0 / in)); }
// uniform: U(−0.5, 0.5), as TensorFlow Playground
double uniformHalf(Rng& r, int, int) { return r.uniform(-0.5, 0.5); }
// zeros: every neuron of a layer computes the same thing and gets the same gradient forever
double zeros(Rng&, int, int) { return 0.0; }

}  // namespace

const std::vector<Initializer>& initializerTable() {
  static const std::vector<Initializer> table = {
      // {name, display, symmetric, draw}
      {"glorot_uniform", "Glorot uniform", false, &glorotUniform},
      {"glorot_normal", "Glorot normal", false, &glorotNormal},
      {"he_uniform", "He uniform", false, &heUniform},
      {"he_normal", "He normal", false, &heNormal},
      {"uniform", "Uniform", false, &uniformHalf},
      {"zeros", "Zeros", true, &zeros},
  };
  return table;
}

}  // namespace nn
