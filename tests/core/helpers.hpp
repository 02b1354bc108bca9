// helpers.hpp — shared test helpers: one ctest per table row, random batches, and the generic
// central-difference gradient check (after mlpack's CheckGradient).
#pragma once

#include <catch2/catch.hpp>
#include <deque>
#include <functional>
#include <string>

#include "network.hpp"

namespace nntest {

// Registers a Catch2 test case at static-initialisation time, so a loop over a core table yields
// one test case (and one ctest entry) per row: a new row is tested without writing a new test.
class FunctionInvoker : public Catch::ITestInvoker {
 public:
  explicit FunctionInvoker(std::function<void()> f) : f_(std::move(f)) {}
  void invoke() const override { f_(); }

 private:
  std::function<void()> f_;
};

inline void registerTest(const std::string& name, const std::string& tags, std::function<void()> body) {
  static std::deque<std::string> names;  // Catch keeps StringRefs: the strings must outlive main
  names.push_back(name);
  names.push_back(tags);
  const std::string& n = names[names.size() - 2];
  const std::string& t = names.back();
  Catch::AutoReg(new FunctionInvoker(std::move(body)), CATCH_INTERNAL_LINEINFO, Catch::StringRef(),
                 Catch::NameAndTags{Catch::StringRef(n), Catch::StringRef(t)});
}

template <typename S>
nn::Mat<S> randomMatrix(Eigen::Index rows, Eigen::Index cols, nn::Rng& rng, double lo, double hi) {
  nn::Mat<S> M(rows, cols);
  for (Eigen::Index i = 0; i < M.size(); ++i) M.data()[i] = S(rng.uniform(lo, hi));
  return M;
}

// Targets that suit the loss: one-hot for categorical, (0,1) for bce, anything for the rest.
inline nn::Mat<double> randomTargets(const std::string& loss, Eigen::Index outputs, Eigen::Index m, nn::Rng& rng) {
  if (loss == "categorical_crossentropy") {
    nn::Mat<double> Y = nn::Mat<double>::Zero(outputs, m);
    for (Eigen::Index j = 0; j < m; ++j) Y(Eigen::Index(rng.below(std::uint64_t(outputs))), j) = 1;
    return Y;
  }
  if (loss == "binary_crossentropy") return randomMatrix<double>(outputs, m, rng, 0.05, 0.95);
  return randomMatrix<double>(outputs, m, rng, -1, 1);
}

// ‖analytic − numeric‖ / ‖analytic + numeric‖ over every parameter, with central differences
// (f(p + h) − f(p − h)) / 2h on the mean data loss. Double precision only.
// Deliberately independent of core/gradcheck.cpp (which the page uses): the tests' reference must
// not share code with what it checks, or a bug in the checker would hide a bug in backprop.
inline double gradientCheckError(nn::Network<double>& net, const nn::Mat<double>& X, const nn::Mat<double>& Y,
                                 double h = 1e-6) {
  net.computeGradients(X, Y);
  nn::Vec<double> analytic(net.parameters().size());
  Eigen::Index k = 0;
  for (int l = 0; l < net.layerCount(); ++l) {  // same flat order as parameters()
    analytic.segment(k, net.dW(l).size()) = Eigen::Map<const nn::Vec<double>>(net.dW(l).data(), net.dW(l).size());
    k += net.dW(l).size();
    analytic.segment(k, net.db(l).size()) = net.db(l);
    k += net.db(l).size();
  }
  nn::Vec<double> numeric(analytic.size());
  nn::Vec<double>& p = net.parameters();
  for (Eigen::Index i = 0; i < p.size(); ++i) {
    const double saved = p[i];
    p[i] = saved + h;
    const double plus = net.evaluate(X, Y).loss;
    p[i] = saved - h;
    const double minus = net.evaluate(X, Y).loss;
    p[i] = saved;
    numeric[i] = (plus - minus) / (2 * h);
  }
  const double denom = (analytic + numeric).norm();
  return denom == 0 ? (analytic - numeric).norm() : (analytic - numeric).norm() / denom;
}

// max |a − b| ≤ tol · (1 + max |b|)
template <typename A, typename B>
bool closeTo(const A& a, const B& b, double tol) {
  const double scale = 1 + b.template cast<double>().cwiseAbs().maxCoeff();
  return (a.template cast<double>() - b.template cast<double>()).cwiseAbs().maxCoeff() <= tol * scale;
}

}  // namespace nntest
