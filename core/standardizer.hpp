// standardizer.hpp — scikit-learn's StandardScaler, written once for the two places that use it:
// the data helpers (nn.fitStandardizer, nn.standardize: datasplit.cpp) and the standardizer a
// network keeps and applies to its own inputs (Network::setStandardizer, saved with it).
//
//   fit:   mean_k = Σ_j x_kj / n,   scale_k = √(Σ_j (x_kj − mean_k)² / n)   (ddof 0; 1 when every
//          x_kj is the same, so a constant input stays finite)
//   apply: x'_kj = (x_kj − mean_k) / scale_k, in double, then rounded to the caller's scalar
// Rounding once at the end makes a network's own standardisation of float inputs give the same
// bits as nn.standardize followed by a network without one.
#pragma once

#include <cmath>

#include "types.hpp"

namespace nn {

struct Standardizer {
  Vec<double> mean;   // (inputs)
  Vec<double> scale;  // (inputs), each finite and > 0
};

// Fits on X (inputs, n), n ≥ 1 (the caller checks X: finite, n ≥ 1).
template <typename S>
Standardizer fitStandardizerColumns(const Eigen::Ref<const Mat<S>>& X);

// Throws nn::Error unless s has one finite mean and one finite scale > 0 per input:
// "standardizer.mean: expected one value per input of <what>: 2 (got 3)",
// "standardizer.scale[1]: must be finite and > 0 (got 0)".
void checkStandardizer(const Standardizer& s, Eigen::Index inputs, const char* what);

[[noreturn]] void throwBeyondRange(const char* field, const char* noun, Eigen::Index j);

// out (inputs, m) = X standardised, rounded to S; throws Error(field, "<noun> j standardises
// beyond float's range ...") when a value would pass ±limit (the caller's float range), changing
// nothing else. s is checked against X.rows() by the caller.
template <typename S, typename T>
void applyStandardizer(const Standardizer& s, const Eigen::Ref<const Mat<T>>& X, Mat<S>& out, double limit,
                       const char* field, const char* noun, Eigen::Index first = 0) {
  const Eigen::Index inputs = X.rows(), m = X.cols();
  reshape(out, inputs, m);
  for (Eigen::Index j = 0; j < m; ++j) {
    bool ok = true;
    for (Eigen::Index k = 0; k < inputs; ++k) {
      const double x = (double(X(k, j)) - s.mean(k)) / s.scale(k);
      ok = ok && std::abs(x) <= limit;  // false for NaN too
      out(k, j) = S(x);
    }
    if (!ok) throwBeyondRange(field, noun, first + j);  // first: X's first column in the user's data
  }
}

}  // namespace nn
