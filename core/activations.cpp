// activations.cpp — the activation rows: f and f' written side by side with what the table says
// about them (range, display name, TeX), then the table.
#include "activations.hpp"

#include <cmath>

#include "fastmath.hpp"

namespace nn {
namespace {

// --- elementwise functions ------------------------------------------------------------------------
// (sigmoid, tanh, elu and softmax's exp take fastmath.hpp's versions in float: same bits everywhere)

// Each row: f and f' (given z and a = f(z)), then what the table says about it:
//   {name, display, about, elementwise, lo, hi, midpoint, maxSlope, deadBelowZero,
//    texForward, texBackward, texDefinition, texNote, {numpy, numpyBackward, torch, onnx}}
constexpr double kInf = kUnbounded;
#define SIGMOID_DEF R"(\sigma(z) = \frac{1}{1 + e^{-z}})"

struct Linear {
  template <class S> static S f(S z) { return z; }
  template <class S> static S df(S, S) { return S(1); }
  static constexpr ActivationInfo info{"linear", "Linear", "identity", true, -kInf, kInf, 0.5, 1, false,
      R"(#Z)", R"(#dZ = #dA)", "", "",
      {"Z", "dA", "nn.Identity()", "Identity(x)"}};
};
struct Sigmoid {
  template <class S> static S f(S z) { return sigmoidS(z); }  // 1 / (1 + e^{−z})
  template <class S> static S df(S, S a) { return a * (S(1) - a); }  // σ' = σ(1 − σ)
  static constexpr ActivationInfo info{"sigmoid", "Sigmoid", "logistic sigmoid", true, 0, 1, 0.5, 0.25, false,
      R"(\sigma\big(#Z\big))", R"(#dZ = #dA \odot #A \odot \big(1 - #A\big))", SIGMOID_DEF, "",
      {"np.exp(-np.logaddexp(0, -Z))  # 1 / (1 + e^-Z), with no overflow", "dA * A * (1 - A)", "nn.Sigmoid()", "Sigmoid(x)"}};
};
struct Tanh {
  template <class S> static S f(S z) { return tanhS(z); }
  template <class S> static S df(S, S a) { return S(1) - a * a; }  // tanh' = 1 − tanh²
  static constexpr ActivationInfo info{"tanh", "Tanh", "hyperbolic tangent", true, -1, 1, 0, 1, false,
      R"(\tanh\big(#Z\big))", R"(#dZ = #dA \odot \big(1 - #A \odot #A\big))", "", "",
      {"np.tanh(Z)", "dA * (1 - A * A)", "nn.Tanh()", "Tanh(x)"}};
};
struct Relu {
  template <class S> static S f(S z) { return z > S(0) ? z : S(0); }
  template <class S> static S df(S z, S) { return z > S(0) ? S(1) : S(0); }  // torch: 0 at 0
  static constexpr ActivationInfo info{"relu", "ReLU", "rectified linear unit", true, 0, kInf, 0.5, 1, true,
      R"(\max\big(0,\ #Z\big))", R"(#dZ = #dA \odot \mathbf{1}\big[#Z > 0\big])", "", "",
      {"np.maximum(Z, 0)", "dA * (Z > 0)", "nn.ReLU()", "Relu(x)"}};
};
struct LeakyRelu {  // negative slope 0.01 (torch default)
  template <class S> static S f(S z) { return z > S(0) ? z : S(0.01) * z; }
  template <class S> static S df(S z, S) { return z > S(0) ? S(1) : S(0.01); }
  static constexpr ActivationInfo info{"leaky_relu", "Leaky ReLU", "leaky ReLU, slope 0.01", true, -kInf, kInf, 0.5,
      1, false, R"(\max\big(0.01\,#Z,\ #Z\big))",
      R"(#dZ = #dA \odot \big(\mathbf{1}[#Z > 0] + 0.01\,\mathbf{1}[#Z \le 0]\big))", "", "",
      {"np.where(Z > 0, Z, 0.01 * Z)", "np.where(Z > 0, dA, 0.01 * dA)", "nn.LeakyReLU(0.01)",
       "LeakyRelu[alpha=0.01](x)"}};
};
struct Elu {  // α = 1
  template <class S> static S f(S z) { return z > S(0) ? z : expm1S(z); }
  template <class S> static S df(S z, S a) { return z > S(0) ? S(1) : a + S(1); }  // eᶻ = a + α
  static constexpr ActivationInfo info{"elu", "ELU", "exponential linear unit, α = 1", true, -1, kInf, 0.5, 1, false,
      R"(\operatorname{elu}\big(#Z\big))",
      R"(#dZ = #dA \odot \big(\mathbf{1}[#Z > 0] + (#A + 1) \odot \mathbf{1}[#Z \le 0]\big))",
      R"(\operatorname{elu}(z) = \begin{cases} z & z > 0 \\ e^{z} - 1 & z \le 0 \end{cases})", "",
      {"np.where(Z > 0, Z, np.expm1(np.minimum(Z, 0)))", "np.where(Z > 0, dA, dA * (A + 1))", "nn.ELU(alpha=1.0)",
       "Elu[alpha=1.0](x)"}};
};
struct Selu {  // torch: λ = 1.0507009873554805, α = 1.6732632423543772 (self-normalising)
  static constexpr double kScale = 1.0507009873554804934, kAlpha = 1.6732632423543772848;
  template <class S> static S f(S z) { return z > S(0) ? S(kScale) * z : S(kScale * kAlpha) * expm1S(z); }
  template <class S> static S df(S z, S a) { return z > S(0) ? S(kScale) : a + S(kScale * kAlpha); }  // λαeᶻ
  static constexpr ActivationInfo info{"selu", "SELU", "scaled exponential linear unit", true, -1.7581, kInf, 0.5,
      1.7581, false, R"(\operatorname{selu}\big(#Z\big))",
      R"(#dZ = #dA \odot \big(\lambda\,\mathbf{1}[#Z > 0] + (#A + \lambda\alpha) \odot \mathbf{1}[#Z \le 0]\big))",
      R"(\operatorname{selu}(z) = \lambda \begin{cases} z & z > 0 \\ \alpha\,(e^{z} - 1) & z \le 0 \end{cases},\ \lambda \approx 1.0507,\ \alpha \approx 1.6733)",
      "",
      {"scale, alpha = 1.0507009873554805, 1.6732632423543772\n"
       "np.where(Z > 0, scale * Z, scale * alpha * np.expm1(np.minimum(Z, 0)))",
       "scale, alpha = 1.0507009873554805, 1.6732632423543772\n"
       "np.where(Z > 0, scale * dA, dA * (A + scale * alpha))",
       "nn.SELU()", "Selu[alpha=1.6732632423543772,gamma=1.0507009873554805](x)"}};
};
struct Softplus {  // torch: β = 1, linear above the threshold 20
  template <class S> static S f(S z) { return z > S(20) ? z : std::log1p(std::exp(z)); }
  template <class S> static S df(S z, S) { return z > S(20) ? S(1) : Sigmoid::f(z); }  // σ(z)
  static constexpr ActivationInfo info{"softplus", "Softplus", "softplus (linear above z = 20)", true, 0, kInf, 0.5, 1,
      false, R"(\log\big(1 + e^{#Z}\big))", R"(#dZ = #dA \odot \sigma\big(#Z\big))", SIGMOID_DEF, "",
      {"np.where(Z > 20, Z, np.log1p(np.exp(np.minimum(Z, 20))))  # linear above 20, as torch",
       "np.where(Z > 20, dA, dA * sigmoid(Z))", "nn.Softplus(beta=1.0, threshold=20.0)",
       "Where(Greater(x, 20), x, Softplus(x))"}};
};
struct Silu {
  template <class S> static S f(S z) { return z * Sigmoid::f(z); }
  template <class S> static S df(S z, S) {  // σ(z)(1 + z(1 − σ(z)))
    const S s = Sigmoid::f(z);
    return s * (S(1) + z * (S(1) - s));
  }
  static constexpr ActivationInfo info{"silu", "SiLU", "sigmoid-weighted linear unit", true, -0.2785, kInf, 0.5, 1.1,
      false, R"(#Z \odot \sigma\big(#Z\big))",
      R"(#dZ = #dA \odot \sigma(#Z) \odot \big(1 + #Z \odot (1 - \sigma(#Z))\big))", SIGMOID_DEF, "",
      {"Z * sigmoid(Z)", "s = sigmoid(Z)\ndA * s * (1 + Z * (1 - s))", "nn.SiLU()", "Mul(x, Sigmoid(x))"}};
};
struct Gelu {  // exact: z Φ(z)
  template <class S> static S f(S z) { return S(0.5) * z * (S(1) + std::erf(z * S(M_SQRT1_2))); }
  template <class S> static S df(S z, S) {  // Φ(z) + z φ(z)
    const S cdf = S(0.5) * (S(1) + std::erf(z * S(M_SQRT1_2)));
    const S pdf = std::exp(S(-0.5) * z * z) * S(0.3989422804014327);  // 1/√(2π)
    return cdf + z * pdf;
  }
  static constexpr ActivationInfo info{"gelu", "GELU", "Gaussian error linear unit (exact)", true, -0.17, kInf, 0.5,
      1.13, false, R"(#Z \odot \Phi\big(#Z\big))", R"(#dZ = #dA \odot \big(\Phi(#Z) + #Z \odot \varphi(#Z)\big))",
      R"(\Phi(z) = \tfrac{1}{2}\big(1 + \operatorname{erf}(z/\sqrt{2})\big),\ \varphi = \Phi')", "",
      {"0.5 * Z * (1 + erf(Z * 0.7071067811865476))",
       "cdf = 0.5 * (1 + erf(Z * 0.7071067811865476))  # Φ(Z)\n"
       "pdf = np.exp(-0.5 * Z * Z) * 0.3989422804014327  # φ(Z) = Φ'(Z)\n"
       "dA * (cdf + Z * pdf)",
       "nn.GELU()", "Mul(Mul(x, 0.5), Add(Erf(Mul(x, 0.7071067811865476)), 1))"}};
};

template <class S, class F>
void forwardElementwise(const Mat<S>& Z, Mat<S>& A) {
  A.resize(Z.rows(), Z.cols());
  const S* z = Z.data();
  S* a = A.data();
  for (Eigen::Index i = 0, n = Z.size(); i < n; ++i) a[i] = F::template f<S>(z[i]);
}

template <class S, class F>
void backwardElementwise(const Mat<S>& Z, const Mat<S>& A, const Mat<S>& dA, Mat<S>& dZ) {
  dZ.resize(Z.rows(), Z.cols());
  const S *z = Z.data(), *a = A.data(), *da = dA.data();
  S* dz = dZ.data();
  for (Eigen::Index i = 0, n = Z.size(); i < n; ++i) dz[i] = da[i] * F::template df<S>(z[i], a[i]);
}

// --- softmax: a vector function per column -----------------------------------------------------

// a = exp(z − max z) / Σ exp(z − max z)   (the shift keeps exp finite)
template <class S>
void softmaxForward(const Mat<S>& Z, Mat<S>& A) {
  A.resize(Z.rows(), Z.cols());
  for (Eigen::Index j = 0; j < Z.cols(); ++j) {
    const S zmax = Z.col(j).maxCoeff();
    S sum = 0;
    for (Eigen::Index i = 0; i < Z.rows(); ++i) sum += (A(i, j) = expS(Z(i, j) - zmax));
    A.col(j) /= sum;
  }
}

// J = diag(a) − a aᵀ (symmetric), so dz = J dA = a ⊙ (dA − (aᵀ dA))
template <class S>
void softmaxBackward(const Mat<S>&, const Mat<S>& A, const Mat<S>& dA, Mat<S>& dZ) {
  dZ.resize(A.rows(), A.cols());
  for (Eigen::Index j = 0; j < A.cols(); ++j) {
    const S dot = A.col(j).dot(dA.col(j));
    dZ.col(j) = (A.col(j).array() * (dA.col(j).array() - dot)).matrix();
  }
}

constexpr ActivationInfo kSoftmax{"softmax", "Softmax", "softmax over each column", false, 0, 1, 0.5, 0.5, false,
    R"(\operatorname{softmax}\big(#Z\big))",
    R"(#dZ_{:,j} = a_j \odot \big(#dA_{:,j} - a_j^{\top} #dA_{:,j}\big),\quad a_j = #A_{:,j})",
    R"(\operatorname{softmax}(z)_k = \frac{e^{z_k}}{\sum_{i} e^{z_i}}\ \text{for each column})",
    R"(For each sample $j$: the softmax Jacobian $J = \operatorname{diag}(a) - a a^{\top}$ times $#dA_{:,j}$.)",
      {"E = np.exp(Z - Z.max(axis=0))  # the shift keeps exp finite\nE / E.sum(axis=0)",
     "A * (dA - (A * dA).sum(axis=0))", "nn.Softmax(dim=1)", "Softmax[axis=1](x)"}};

template <class S, class F>
Activation<S> elementwise() {
  return {F::info, &forwardElementwise<S, F>, &backwardElementwise<S, F>};
}

}  // namespace

template <typename S>
const std::vector<Activation<S>>& activationTable() {
  static const std::vector<Activation<S>> table = {
      elementwise<S, Linear>(),   elementwise<S, Sigmoid>(),  elementwise<S, Tanh>(),
      elementwise<S, Relu>(),     elementwise<S, LeakyRelu>(), elementwise<S, Elu>(),       elementwise<S, Selu>(),
      elementwise<S, Softplus>(), elementwise<S, Silu>(),     elementwise<S, Gelu>(),
      {kSoftmax, &softmaxForward<S>, &softmaxBackward<S>},
  };
  return table;
}

#define INSTANTIATE(S) template const std::vector<Activation<S>>& activationTable<S>();
NN_INSTANTIATE(INSTANTIATE)

}  // namespace nn
