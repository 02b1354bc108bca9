// optimizers.cpp — the update rules (torch.optim semantics), one flat loop each.
#include "optimizers.hpp"

#include <cmath>
#include <limits>

namespace nn {
namespace {

// State that decays towards 0 (the moments of a unit whose gradient is always 0, say a dead relu)
// would otherwise sink into subnormal floats and stay there (0.9 · 2⁻¹⁴⁹ rounds back to 2⁻¹⁴⁹);
// subnormal arithmetic is many times slower on x86, and wasm cannot switch on flush-to-zero.
// Flushing below the smallest normal number changes an update by less than 1e-30.
template <class S>
S flush(S x) { return std::abs(x) < std::numeric_limits<S>::min() ? S(0) : x; }

// A step is all or nothing: each rule reads the current values (p, g, s0, s1) and writes the new
// ones to other buffers (p', s0', s1'), saying whether every one of them is finite. The network
// keeps them only then (by swapping buffers: no copy), so a step that would overflow float leaves
// nothing behind. (A copy to roll back to cost a memmove of parameters and state per step, 18 %
// of Adam's training in wasm; computing the step twice, check then store, cost 12 %.) The buffers
// never overlap (__restrict), so the loops vectorise.
template <class S>
std::uint32_t notFinite(S x) { return std::uint32_t(!(x - x == S(0))); }  // ∞ − ∞ and NaN are NaN

// sgd: p ← p − lr g
template <class S>
bool sgdStep(const S* __restrict p, const S* __restrict g, const S*, const S*, S* __restrict pn, S*, S*,
             std::size_t n, const OptimizerSettings& h, std::int64_t) {
  const S lr = S(h.learningRate);
  std::uint32_t bad = 0;
  for (std::size_t i = 0; i < n; ++i) bad |= notFinite(pn[i] = p[i] - lr * g[i]);
  return bad == 0;
}

// momentum (torch SGD, dampening 0): v ← μ v + g;  p ← p − lr v
template <class S>
bool momentumStep(const S* __restrict p, const S* __restrict g, const S* __restrict v, const S*, S* __restrict pn,
                  S* __restrict vn, S*, std::size_t n, const OptimizerSettings& h, std::int64_t) {
  const S lr = S(h.learningRate), mu = S(h.momentum);
  std::uint32_t bad = 0;
  for (std::size_t i = 0; i < n; ++i) {
    vn[i] = flush(mu * v[i] + g[i]);
    pn[i] = p[i] - lr * vn[i];
    bad |= notFinite(vn[i]) | notFinite(pn[i]);
  }
  return bad == 0;
}

// nesterov (torch SGD nesterov=True): v ← μ v + g;  p ← p − lr (g + μ v)
template <class S>
bool nesterovStep(const S* __restrict p, const S* __restrict g, const S* __restrict v, const S*, S* __restrict pn,
                  S* __restrict vn, S*, std::size_t n, const OptimizerSettings& h, std::int64_t) {
  const S lr = S(h.learningRate), mu = S(h.momentum);
  std::uint32_t bad = 0;
  for (std::size_t i = 0; i < n; ++i) {
    vn[i] = flush(mu * v[i] + g[i]);
    pn[i] = p[i] - lr * (g[i] + mu * vn[i]);
    bad |= notFinite(vn[i]) | notFinite(pn[i]);
  }
  return bad == 0;
}

// rmsprop (torch RMSprop): s ← ρ s + (1 − ρ) g²;  p ← p − lr g / (√s + ε)
template <class S>
bool rmspropStep(const S* __restrict p, const S* __restrict g, const S* __restrict s, const S*, S* __restrict pn,
                 S* __restrict sn, S*, std::size_t n, const OptimizerSettings& h, std::int64_t) {
  const S lr = S(h.learningRate), rho = S(h.rho), eps = S(h.epsilon);
  std::uint32_t bad = 0;
  for (std::size_t i = 0; i < n; ++i) {
    sn[i] = flush(rho * s[i] + (S(1) - rho) * g[i] * g[i]);
    pn[i] = p[i] - lr * g[i] / (std::sqrt(sn[i]) + eps);
    bad |= notFinite(sn[i]) | notFinite(pn[i]);
  }
  return bad == 0;
}

// adam (torch Adam): m ← β₁m + (1 − β₁)g;  v ← β₂v + (1 − β₂)g²;
// p ← p − (lr / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)   — the corrections in double, as torch
template <class S>
bool adamStep(const S* __restrict p, const S* __restrict g, const S* __restrict m, const S* __restrict v,
              S* __restrict pn, S* __restrict mn, S* __restrict vn, std::size_t n, const OptimizerSettings& h,
              std::int64_t t) {
  const S b1 = S(h.beta1), b2 = S(h.beta2), eps = S(h.epsilon);
  const S stepSize = S(h.learningRate / (1.0 - std::pow(h.beta1, double(t))));
  const S correction2Sqrt = S(std::sqrt(1.0 - std::pow(h.beta2, double(t))));
  std::uint32_t bad = notFinite(stepSize);
  for (std::size_t i = 0; i < n; ++i) {
    mn[i] = flush(b1 * m[i] + (S(1) - b1) * g[i]);
    vn[i] = flush(b2 * v[i] + (S(1) - b2) * g[i] * g[i]);
    pn[i] = p[i] - stepSize * mn[i] / (std::sqrt(vn[i]) / correction2Sqrt + eps);
    bad |= notFinite(mn[i]) | notFinite(vn[i]) | notFinite(pn[i]);
  }
  return bad == 0;
}

// In range both as given (double) and as used (float, what the page trains with): 0.999999999
// would round to 1 in float, and 1e-50 to 0.
void requireRange(double x, double lo, double hi, bool loOpen, bool hiOpen, const std::string& field) {
  const auto in = [&](double v) { return (loOpen ? v > lo : v >= lo) && (hiOpen ? v < hi : v <= hi); };
  const bool ok = std::isfinite(x) && in(x) && in(double(float(x))) && (x == 0 || isNormalFloat(x));
  if (!ok)
    throw Error(field, std::string("must be in ") + (loOpen ? "(" : "[") + num(lo) + ", " + num(hi) +
                (hiOpen ? ")" : "]") + (std::isfinite(x) && in(x) ? " as a float" : "") + " (got " +
                clip(num(x)) + ")");
}

}  // namespace

template <typename S>
const std::vector<Optimizer<S>>& optimizerTable() {
  static const std::vector<Optimizer<S>> table = {
      {"sgd", 0.01, 0, {false, false}, &sgdStep<S>},
      {"momentum", 0.01, 1, {false, false}, &momentumStep<S>},
      {"nesterov", 0.01, 1, {false, false}, &nesterovStep<S>},
      {"rmsprop", 0.01, 1, {true, false}, &rmspropStep<S>},
      {"adam", 0.001, 2, {false, true}, &adamStep<S>},
  };
  return table;
}

template <typename S>
const Optimizer<S>& findOptimizer(const std::string& name, const std::string& field) {
  for (const auto& o : optimizerTable<S>())
    if (name == o.name) return o;
  throw Error(field, "unknown optimizer " + quote(name) + " (choose from " +
              joinNames(optimizerNames()) + ")");
}

#ifndef NN_ONLY_DOUBLE  // defined once, in the float object
std::vector<std::string> optimizerNames() {
  std::vector<std::string> names;
  for (const auto& o : optimizerTable<float>()) names.emplace_back(o.name);
  return names;
}
#endif

#ifndef NN_ONLY_DOUBLE  // defined once, in the float object
void validateOptimizer(OptimizerSettings& h, const std::string& field) {
  const auto& row = findOptimizer<float>(h.type, field + ".type");
  if (std::isnan(h.learningRate)) h.learningRate = row.defaultLearningRate;
  if (!(std::isfinite(h.learningRate) && h.learningRate > 0 && isNormalFloat(h.learningRate)))
    throw Error(field + ".learningRate", "must be a finite number > 0, from 1.2e-38 to 3.4e38 as a float (got " +
                num(h.learningRate) + ")");
  requireRange(h.momentum, 0, 1, false, true, field + ".momentum");
  requireRange(h.beta1, 0, 1, false, true, field + ".beta1");
  requireRange(h.beta2, 0, 1, false, true, field + ".beta2");
  requireRange(h.rho, 0, 1, false, true, field + ".rho");
  requireRange(h.epsilon, 0, 1, true, false, field + ".epsilon");
}
#endif

#ifndef NN_ONLY_DOUBLE
template const std::vector<Optimizer<float>>& optimizerTable<float>();
template const Optimizer<float>& findOptimizer<float>(const std::string&, const std::string&);
#endif
#ifndef NN_ONLY_FLOAT  // double: the gradient check and the tests (see network.cpp)
template const std::vector<Optimizer<double>>& optimizerTable<double>();
template const Optimizer<double>& findOptimizer<double>(const std::string&, const std::string&);
#endif

}  // namespace nn
