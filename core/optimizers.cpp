// optimizers.cpp — the update rules (torch.optim semantics), one flat loop each, each with its row
// (display name, hyperparameters read, TeX); the hyperparameters themselves are in hyperparameters.cpp.
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

constexpr OptimizerInfo kSgd{"sgd", "SGD", 0.01, 0.1, {}, 0, {false, false}, false,
    {R"(\theta \leftarrow \theta - \eta\, g)", ""}, "",
    {"", {"p -= learning_rate * g"}, "torch.optim.SGD(params, lr={learningRate})", "", ""}};

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

constexpr OptimizerInfo kMomentum{"momentum", "Momentum", 0.01, 0.03, {"momentum"}, 1, {false, false}, false,
    {R"(v \leftarrow \mu\, v + g)", R"(\theta \leftarrow \theta - \eta\, v)"}, "$v$ is the velocity",
    {"v", {"v[:] = momentum * v + g", "p -= learning_rate * v"},
     "torch.optim.SGD(params, lr={learningRate}, momentum={momentum})", "momentum_buffer", ""}};

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

constexpr OptimizerInfo kNesterov{"nesterov", "Nesterov", 0.01, 0.03, {"momentum"}, 1, {false, false}, false,
    {R"(v \leftarrow \mu\, v + g)", R"(\theta \leftarrow \theta - \eta\,\big(g + \mu\, v\big))"}, "$v$ is the velocity",
    {"v", {"v[:] = momentum * v + g", "p -= learning_rate * (g + momentum * v)"},
     "torch.optim.SGD(params, lr={learningRate}, momentum={momentum}, nesterov={momentum} > 0)", "momentum_buffer", ""}};

// rmsprop (torch RMSprop): s ← ρ s + (1 − ρ) g²;  p ← p − lr g / (√s + ε)
template <class S>
bool rmspropStep(const S* __restrict p, const S* __restrict g, const S* __restrict s, const S*, S* __restrict pn,
                 S* __restrict sn, S*, std::size_t n, const OptimizerSettings& h, std::int64_t) {
  const S lr = S(h.learningRate), rho = S(h.rho), eps = S(h.epsilon);
  const S keep = S(1 - h.rho);  // 1 − ρ in double, then rounded (as torch: 1 − 0.99f is not (1 − 0.99)f)
  std::uint32_t bad = 0;
  for (std::size_t i = 0; i < n; ++i) {
    sn[i] = flush(rho * s[i] + keep * g[i] * g[i]);
    pn[i] = p[i] - lr * g[i] / (std::sqrt(sn[i]) + eps);
    bad |= notFinite(sn[i]) | notFinite(pn[i]);
  }
  return bad == 0;
}

constexpr OptimizerInfo kRmsprop{"rmsprop", "RMSprop", 0.01, 0.01, {"rho", "epsilon"}, 1, {true, false}, false,
    {R"(s \leftarrow \rho\, s + (1 - \rho)\, g \odot g)",
     R"(\theta \leftarrow \theta - \eta\, g \oslash \big(\sqrt{s} + \epsilon\big))"},
    "$s$ is a running mean of $g^2$",
    {"s", {"s[:] = rho * s + (1 - rho) * g * g", "p -= learning_rate * g / (np.sqrt(s) + epsilon)"},
     "torch.optim.RMSprop(params, lr={learningRate}, alpha={rho}, eps={epsilon})", "step square_avg", "t"}};

// adam (torch Adam): m ← β₁m + (1 − β₁)g;  v ← β₂v + (1 − β₂)g²;
// p ← p − (lr / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)   — the corrections in double, as torch.
// Decoupled (torch AdamW): first p ← p (1 − lr λ) on every parameter, then the same update.
template <class S, bool decoupled>
bool adamFamilyStep(const S* __restrict p, const S* __restrict g, const S* __restrict m, const S* __restrict v,
                    S* __restrict pn, S* __restrict mn, S* __restrict vn, std::size_t n, const OptimizerSettings& h,
                    std::int64_t t) {
  const S b1 = S(h.beta1), b2 = S(h.beta2), eps = S(h.epsilon);
  const S keep1 = S(1 - h.beta1), keep2 = S(1 - h.beta2);  // in double, then rounded, as torch
  const S decay = decoupled ? S(1 - h.learningRate * h.weightDecay) : S(1);
  const S stepSize = S(h.learningRate / (1.0 - std::pow(h.beta1, double(t))));
  const S correction2Sqrt = S(std::sqrt(1.0 - std::pow(h.beta2, double(t))));
  std::uint32_t bad = notFinite(stepSize) | notFinite(decay);
  for (std::size_t i = 0; i < n; ++i) {
    mn[i] = flush(b1 * m[i] + keep1 * g[i]);
    vn[i] = flush(b2 * v[i] + keep2 * g[i] * g[i]);
    const S kept = decoupled ? p[i] * decay : p[i];  // adam's loop has no multiply here
    pn[i] = kept - stepSize * mn[i] / (std::sqrt(vn[i]) / correction2Sqrt + eps);
    bad |= notFinite(mn[i]) | notFinite(vn[i]) | notFinite(pn[i]);
  }
  return bad == 0;
}

constexpr OptimizerInfo kAdam{"adam", "Adam", 0.001, 0.01, {"beta1", "beta2", "epsilon"}, 2, {false, true}, true,
    {R"(s \leftarrow \beta_1 s + (1 - \beta_1)\, g,\qquad r \leftarrow \beta_2 r + (1 - \beta_2)\, g \odot g)",
     R"(\theta \leftarrow \theta - \eta\, \frac{s \,/\, (1 - \beta_1^{\,t})}{\sqrt{r \,/\, (1 - \beta_2^{\,t})} + \epsilon})"},
    "$s$, $r$ are running means of $g$ and $g^2$; $t$ counts the steps",
    {"s r", {"s[:] = beta1 * s + (1 - beta1) * g", "r[:] = beta2 * r + (1 - beta2) * g * g",
      "p -= learning_rate / (1 - beta1 ** t) * s / (np.sqrt(r) / (1 - beta2 ** t) ** 0.5 + epsilon)"},
     "torch.optim.Adam(params, lr={learningRate}, betas=({beta1}, {beta2}), eps={epsilon})", "step exp_avg exp_avg_sq",
     "torch.tensor(float(t))"}};

constexpr OptimizerInfo kAdamw{"adamw", "AdamW", 0.001, 0.01, {"beta1", "beta2", "epsilon", "weightDecay"}, 2,
    {false, true}, true,
    {R"(\theta \leftarrow \theta\,\big(1 - \eta\lambda\big))",
     R"(s \leftarrow \beta_1 s + (1 - \beta_1)\, g,\qquad r \leftarrow \beta_2 r + (1 - \beta_2)\, g \odot g)",
     R"(\theta \leftarrow \theta - \eta\, \frac{s \,/\, (1 - \beta_1^{\,t})}{\sqrt{r \,/\, (1 - \beta_2^{\,t})} + \epsilon})"},
    "the weights and biases shrink by $\\eta\\lambda$ before Adam's step (decoupled weight decay); $s$, $r$ are running means of $g$ and $g^2$",
    {"s r", {"p *= 1 - learning_rate * weight_decay", "s[:] = beta1 * s + (1 - beta1) * g", "r[:] = beta2 * r + (1 - beta2) * g * g",
      "p -= learning_rate / (1 - beta1 ** t) * s / (np.sqrt(r) / (1 - beta2 ** t) ** 0.5 + epsilon)"},
     "torch.optim.AdamW(params, lr={learningRate}, betas=({beta1}, {beta2}), eps={epsilon}, weight_decay={weightDecay})",
     "step exp_avg exp_avg_sq", "torch.tensor(float(t))"}};

}  // namespace

// Each row: {info, step}; info is {name, display, defaultLearningRate, suggestedLearningRate, reads, stateSlots,
// nonNegative, countsSteps, texRules, texState, {slots, numpy, torch, torchState, torchStep}}.
template <typename S>
const std::vector<Optimizer<S>>& optimizerTable() {
  static const std::vector<Optimizer<S>> table = {
      {kSgd, &sgdStep<S>},         {kMomentum, &momentumStep<S>}, {kNesterov, &nesterovStep<S>},
      {kRmsprop, &rmspropStep<S>}, {kAdam, &adamFamilyStep<S, false>},         {kAdamw, &adamFamilyStep<S, true>},
  };
  return table;
}

#define INSTANTIATE(S) template const std::vector<Optimizer<S>>& optimizerTable<S>();
NN_INSTANTIATE(INSTANTIATE)

}  // namespace nn
