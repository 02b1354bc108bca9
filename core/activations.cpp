// activations.cpp — the activation rows: f and f' written side by side, then the table.
#include "activations.hpp"

#include <cmath>

#include "fastmath.hpp"

namespace nn {
namespace {

// --- elementwise functions: f(z) and f'(z) given z and a = f(z) -------------------------------
// (sigmoid, tanh, elu and softmax's exp take fastmath.hpp's versions in float: same bits everywhere)

struct Linear {
  template <class S> static S f(S z) { return z; }
  template <class S> static S df(S, S) { return S(1); }
};
struct Sigmoid {
  template <class S> static S f(S z) { return sigmoidS(z); }  // 1 / (1 + e^{−z})
  template <class S> static S df(S, S a) { return a * (S(1) - a); }  // σ' = σ(1 − σ)
};
struct Tanh {
  template <class S> static S f(S z) { return tanhS(z); }
  template <class S> static S df(S, S a) { return S(1) - a * a; }  // tanh' = 1 − tanh²
};
struct Relu {
  template <class S> static S f(S z) { return z > S(0) ? z : S(0); }
  template <class S> static S df(S z, S) { return z > S(0) ? S(1) : S(0); }  // torch: 0 at 0
};
struct LeakyRelu {  // negative slope 0.01 (torch default)
  template <class S> static S f(S z) { return z > S(0) ? z : S(0.01) * z; }
  template <class S> static S df(S z, S) { return z > S(0) ? S(1) : S(0.01); }
};
struct Elu {  // α = 1
  template <class S> static S f(S z) { return z > S(0) ? z : expm1S(z); }
  template <class S> static S df(S z, S a) { return z > S(0) ? S(1) : a + S(1); }  // eᶻ = a + α
};
struct Softplus {  // torch: β = 1, linear above the threshold 20
  template <class S> static S f(S z) { return z > S(20) ? z : std::log1p(std::exp(z)); }
  template <class S> static S df(S z, S) { return z > S(20) ? S(1) : Sigmoid::f(z); }  // σ(z)
};
struct Silu {
  template <class S> static S f(S z) { return z * Sigmoid::f(z); }
  template <class S> static S df(S z, S) {  // σ(z)(1 + z(1 − σ(z)))
    const S s = Sigmoid::f(z);
    return s * (S(1) + z * (S(1) - s));
  }
};
struct Gelu {  // exact: z Φ(z)
  template <class S> static S f(S z) { return S(0.5) * z * (S(1) + std::erf(z * S(M_SQRT1_2))); }
  template <class S> static S df(S z, S) {  // Φ(z) + z φ(z)
    const S cdf = S(0.5) * (S(1) + std::erf(z * S(M_SQRT1_2)));
    const S pdf = std::exp(S(-0.5) * z * z) * S(0.3989422804014327);  // 1/√(2π)
    return cdf + z * pdf;
  }
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

template <class S, class F>
Activation<S> elementwise(const char* name, bool unitInterval = false, double midpoint = 0.5) {
  return {name, &forwardElementwise<S, F>, &backwardElementwise<S, F>, unitInterval, true, midpoint};
}

}  // namespace

template <typename S>
const std::vector<Activation<S>>& activationTable() {
  static const std::vector<Activation<S>> table = {
      elementwise<S, Linear>("linear"),
      elementwise<S, Sigmoid>("sigmoid", true),
      elementwise<S, Tanh>("tanh", false, 0.0),
      elementwise<S, Relu>("relu"),
      elementwise<S, LeakyRelu>("leaky_relu"),
      elementwise<S, Elu>("elu"),
      elementwise<S, Softplus>("softplus"),
      elementwise<S, Silu>("silu"),
      elementwise<S, Gelu>("gelu"),
      {"softmax", &softmaxForward<S>, &softmaxBackward<S>, true, false, 0.5},
  };
  return table;
}

template <typename S>
const Activation<S>& findActivation(const std::string& name, const std::string& field) {
  for (const auto& a : activationTable<S>())
    if (name == a.name) return a;
  throw Error(field, "unknown activation " + quote(name) + " (choose from " +
              joinNames(activationNames()) + ")");
}

#ifndef NN_ONLY_DOUBLE  // defined once, in the float object
std::vector<std::string> activationNames() {
  std::vector<std::string> names;
  for (const auto& a : activationTable<float>()) names.emplace_back(a.name);
  return names;
}
#endif

#ifndef NN_ONLY_DOUBLE
template const std::vector<Activation<float>>& activationTable<float>();
template const Activation<float>& findActivation<float>(const std::string&, const std::string&);
#endif
#ifndef NN_ONLY_FLOAT  // double: the gradient check and the tests (see network.cpp)
template const std::vector<Activation<double>>& activationTable<double>();
template const Activation<double>& findActivation<double>(const std::string&, const std::string&);
#endif

}  // namespace nn
