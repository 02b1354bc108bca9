// losses.cpp — each loss's value with its derivative right below it and its row (display name,
// flags, TeX) after them, then the table.
#include "losses.hpp"

#include <algorithm>
#include <cmath>

#include "fastmath.hpp"

namespace nn {
namespace {

template <class S>
S elementCount(const Mat<S>& A) { return S(A.size()); }

// --- mse: ℓ = mean (a − y)²;  ∂ℓ_j/∂a = 2(a − y)/outputs -----------------------------------------
template <class S>
S mseValue(const Mat<S>& A, const MatRef<S>& Y) { return (A - Y).squaredNorm() / elementCount(A); }
template <class S>
void mseGradient(const Mat<S>& A, const MatRef<S>& Y, Mat<S>& dA) {
  dA = (S(2) / S(A.rows())) * (A - Y);
}

// {name, display, needsUnitInterval, minOutputs, fusedActivation, meanOverOutputs, constantGradient, tex…,
//  {numpy, numpyGradient, numpyFused, numpyFusedGradient, torch, torchFused}}
constexpr LossInfo kMse{"mse", "Mean squared error (mse)", false, 1, nullptr, true, false,
    R"(\mathcal{L} = \frac{1}{n_L\, m} \sum_{j=1}^{m} \sum_{k=1}^{n_L} \big(#A_{kj} - #Y_{kj}\big)^{2})",
    R"(\frac{2}{n_L}\big(#A - #Y\big))", "",
    "",
    {"np.mean((A - Y) ** 2)", "2 / n_L * (A - Y)", "", "", "F.mse_loss(A, Y)", ""}};

// --- mae: ℓ = mean |a − y|;  ∂/∂a = sign(a − y)/outputs (0 at 0, as torch) ----------------------
template <class S>
S sign(S x) { return S((x > S(0)) - (x < S(0))); }
template <class S>
S maeValue(const Mat<S>& A, const MatRef<S>& Y) { return (A - Y).cwiseAbs().sum() / elementCount(A); }
template <class S>
void maeGradient(const Mat<S>& A, const MatRef<S>& Y, Mat<S>& dA) {
  dA = (A - Y).unaryExpr([](S d) { return sign(d); }) / S(A.rows());
}

constexpr LossInfo kMae{"mae", "Mean absolute error (mae)", false, 1, nullptr, true, true,
    R"(\mathcal{L} = \frac{1}{n_L\, m} \sum_{j=1}^{m} \sum_{k=1}^{n_L} \big|#A_{kj} - #Y_{kj}\big|)",
    R"(\frac{1}{n_L} \operatorname{sign}\big(#A - #Y\big))", "",
    "",
    {"np.mean(np.abs(A - Y))", "np.sign(A - Y) / n_L", "", "", "F.l1_loss(A, Y)", ""}};

// --- huber (δ = 1): ℓ = ½d² if |d| < 1 else |d| − ½;  ∂/∂a = clamp(d, −1, 1)/outputs ------------
template <class S>
S huberValue(const Mat<S>& A, const MatRef<S>& Y) {
  const S total = (A - Y).unaryExpr([](S d) {
    const S ad = std::abs(d);
    return ad < S(1) ? S(0.5) * d * d : ad - S(0.5);
  }).sum();
  return total / elementCount(A);
}
template <class S>
void huberGradient(const Mat<S>& A, const MatRef<S>& Y, Mat<S>& dA) {
  dA = (A - Y).unaryExpr([](S d) { return std::clamp(d, S(-1), S(1)); }) / S(A.rows());
}

constexpr LossInfo kHuber{"huber", "Huber", false, 1, nullptr, true, false,
    R"(\mathcal{L} = \frac{1}{n_L\, m} \sum_{j=1}^{m} \sum_{k=1}^{n_L} h\big(#A_{kj} - #Y_{kj}\big),\quad h(d) = \begin{cases} \tfrac{1}{2} d^{2} & |d| < 1 \\ |d| - \tfrac{1}{2} & |d| \ge 1 \end{cases})",
    R"(\frac{1}{n_L} \operatorname{clip}\big(#A - #Y,\ -1,\ 1\big))", "",
    "",
    {"D = A - Y\nnp.mean(np.where(np.abs(D) < 1, 0.5 * D * D, np.abs(D) - 0.5))", "np.clip(A - Y, -1, 1) / n_L",
     "", "", "F.huber_loss(A, Y, delta=1.0)", ""}};

// --- binary cross-entropy on probabilities (torch BCELoss: logs clamped at −100) ------------------
// ℓ = −mean [y log a + (1 − y) log(1 − a)];  ∂/∂a = (a − y) / (a(1 − a)) / outputs
template <class S>
S clampedLog(S x) { return std::max(std::log(x), S(-100)); }
template <class S>
S bceValue(const Mat<S>& A, const MatRef<S>& Y) {
  const S total = A.binaryExpr(Y, [](S a, S y) {
    return -(y * clampedLog(a) + (S(1) - y) * clampedLog(S(1) - a));
  }).sum();
  return total / elementCount(A);
}
template <class S>
void bceGradient(const Mat<S>& A, const MatRef<S>& Y, Mat<S>& dA) {
  const S outputs = S(A.rows());
  dA = A.binaryExpr(Y, [outputs](S a, S y) {
    return (a - y) / std::max(a * (S(1) - a), S(1e-12)) / outputs;  // torch's eps 1e-12
  });
}
// Fused with sigmoid, from logits: ℓ = max(z, 0) − z y + log(1 + e^{−|z|});  dZ = (a − y)/outputs
// Z (from the network) is contiguous; Y may be a block of a wider matrix. When its columns are
// contiguous too (the usual case), one flat loop over all elements vectorises even for 1 output.
template <class S, class F>
void forEachElement(const Mat<S>& Z, const MatRef<S>& Y, F&& f) {
  if (Y.outerStride() == Y.rows()) {
    const S *z = Z.data(), *y = Y.data();
    for (Eigen::Index i = 0, n = Z.size(); i < n; ++i) f(i, z[i], y[i]);
    return;
  }
  for (Eigen::Index j = 0; j < Z.cols(); ++j)
    for (Eigen::Index i = 0; i < Z.rows(); ++i) f(i + j * Z.rows(), Z(i, j), Y(i, j));
}

template <class S>
S bceLogitsValue(const Mat<S>& Z, const MatRef<S>& Y) {
  if (Y.outerStride() != Y.rows()) {
    S total = 0;
    forEachElement(Z, Y, [&total](Eigen::Index, S z, S y) {
      total += std::max(z, S(0)) - z * y + log1pExpNegS(std::abs(z));
    });
    return total / elementCount(Z);
  }
  // Contiguous: the terms in blocks (a loop without a running sum vectorises), then their sum.
  constexpr Eigen::Index B = 64;
  S terms[B], total = 0;
  const S *z = Z.data(), *y = Y.data();
  for (Eigen::Index start = 0, n = Z.size(); start < n; start += B) {
    const Eigen::Index len = std::min(B, n - start);
    for (Eigen::Index i = 0; i < len; ++i) {
      const S zi = z[start + i];
      terms[i] = std::max(zi, S(0)) - zi * y[start + i] + log1pExpNegS(std::abs(zi));
    }
    for (Eigen::Index i = 0; i < len; ++i) total += terms[i];
  }
  return total / elementCount(Z);
}
template <class S>
void bceLogitsGradient(const Mat<S>& A, const MatRef<S>& Y, Mat<S>& dZ) {
  dZ.resize(A.rows(), A.cols());
  const S scale = S(1) / S(A.rows());
  S* dz = dZ.data();
  forEachElement(A, Y, [dz, scale](Eigen::Index k, S a, S y) { dz[k] = (a - y) * scale; });
}

constexpr LossInfo kBce{"binary_crossentropy", "Binary cross-entropy", true, 1, "sigmoid", true, false,
    R"(\mathcal{L} = -\frac{1}{n_L\, m} \sum_{j=1}^{m} \sum_{k=1}^{n_L} \Big[#Y_{kj} \log #A_{kj} + \big(1 - #Y_{kj}\big) \log\big(1 - #A_{kj}\big)\Big])",
    R"(\frac{1}{n_L} \big(#A - #Y\big) \oslash \Big(#A \odot \big(1 - #A\big)\Big))", R"(\frac{1}{n_L} \big(#A - #Y\big))",
    R"(the sigmoid’s derivative $\sigma'(z) = a(1 - a)$ cancels the denominator of $\partial\ell/\partial a = \frac{a - y}{a(1 - a)}$. The gradient is the error itself: it never vanishes when the output saturates, and the core computes the loss from the logits $Z$ so no $\log 0$ can occur.)",
    {"-np.mean(Y * np.maximum(np.log(A), -100) + (1 - Y) * np.maximum(np.log(1 - A), -100))",
     "(A - Y) / np.maximum(A * (1 - A), 1e-12) / n_L",
     "np.mean(np.maximum(Z, 0) - Z * Y + np.log1p(np.exp(-np.abs(Z))))", "(A - Y) / n_L",
     "F.binary_cross_entropy(A, Y)", "F.binary_cross_entropy_with_logits(Z, Y)"}};

// --- categorical cross-entropy: ℓ_j = −Σ_k y_k log a_k;  ∂/∂a_k = −y_k / a_k ----------------------
template <class S>
S cceValue(const Mat<S>& A, const MatRef<S>& Y) {
  const S total = A.binaryExpr(Y, [](S a, S y) { return y == S(0) ? S(0) : -y * clampedLog(a); }).sum();
  return total / S(A.cols());
}
template <class S>
void cceGradient(const Mat<S>& A, const MatRef<S>& Y, Mat<S>& dA) {
  dA = A.binaryExpr(Y, [](S a, S y) { return -y / std::max(a, S(1e-30)); });
}
// Fused with softmax, from logits: ℓ_j = (Σ_k y_k) logsumexp(z) − Σ_k y_k z_k;
// dZ = a Σ_k y_k − y  (= a − y for one-hot or probability targets)
template <class S>
S cceLogitsValue(const Mat<S>& Z, const MatRef<S>& Y) {
  S total = 0;
  for (Eigen::Index j = 0; j < Z.cols(); ++j) {
    const S zmax = Z.col(j).maxCoeff();
    S sum = 0;
    for (Eigen::Index i = 0; i < Z.rows(); ++i) sum += expS(Z(i, j) - zmax);
    const S lse = zmax + logS(sum);
    total += Y.col(j).sum() * lse - Y.col(j).dot(Z.col(j));
  }
  return total / S(Z.cols());
}
template <class S>
void cceLogitsGradient(const Mat<S>& A, const MatRef<S>& Y, Mat<S>& dZ) {
  dZ = A * Y.colwise().sum().asDiagonal();
  dZ -= Y;
}

constexpr LossInfo kCce{"categorical_crossentropy", "Categorical cross-entropy", true, 2, "softmax", false, false,
    R"(\mathcal{L} = -\frac{1}{m} \sum_{j=1}^{m} \sum_{k=1}^{n_L} #Y_{kj} \log #A_{kj})",
    R"(-#Y \oslash #A)", R"(#A - #Y)",
    R"(the softmax Jacobian $J = \operatorname{diag}(a) - a a^{\top}$ applied to $-y \oslash a$ gives $a \textstyle\sum_k y_k - y = a - y$ for one-hot targets. The gradient is the error itself, and the core computes the loss from the logits $Z$ (log-sum-exp) so no $\log 0$ can occur.)",
    {"-np.sum(Y * np.maximum(np.log(A), -100)) / m", "-Y / np.maximum(A, 1e-30)",
     "zmax = Z.max(axis=0)\nlse = zmax + np.log(np.exp(Z - zmax).sum(axis=0))  # log Σ e^z, per column\n"
     "np.sum(Y.sum(axis=0) * lse - (Y * Z).sum(axis=0)) / m",
     "A * Y.sum(axis=0) - Y", "-(Y * torch.log(A).clamp(min=-100)).sum() / A.shape[0]", "F.cross_entropy(Z, Y)"}};

}  // namespace

template <typename S>
const std::vector<Loss<S>>& lossTable() {
  static const std::vector<Loss<S>> table = {
      {kMse, &mseValue<S>, &mseGradient<S>, nullptr, nullptr},
      {kMae, &maeValue<S>, &maeGradient<S>, nullptr, nullptr},
      {kHuber, &huberValue<S>, &huberGradient<S>, nullptr, nullptr},
      {kBce, &bceValue<S>, &bceGradient<S>, &bceLogitsValue<S>, &bceLogitsGradient<S>},
      {kCce, &cceValue<S>, &cceGradient<S>, &cceLogitsValue<S>, &cceLogitsGradient<S>},
  };
  return table;
}

#define INSTANTIATE(S) template const std::vector<Loss<S>>& lossTable<S>();
NN_INSTANTIATE(INSTANTIATE)

}  // namespace nn
