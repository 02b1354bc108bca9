// helpers.hpp — shared test helpers: random batches and the generic central-difference gradient
// check (after mlpack's CheckGradient).
//
// Tests over a core table use Catch2's public API only: one TEST_CASE loops over the table and
// opens a DYNAMIC_SECTION named after each row. Catch runs the test case once per section, so a
// failing row does not hide the others, the failure is reported under the row's name, and a new
// row is tested with no new test written (`nn_tests "<test case>" -c <row>` runs one row).
#pragma once

#include <catch2/catch.hpp>
#include <string>

#include "network.hpp"

namespace nntest {

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
