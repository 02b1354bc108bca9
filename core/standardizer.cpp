// standardizer.cpp — fitting and checking a standardizer (see standardizer.hpp).
#include "standardizer.hpp"

#include <cstdio>

namespace nn {

template <typename S>
Standardizer fitStandardizerColumns(const Eigen::Ref<const Mat<S>>& X) {
  const Eigen::Index n = X.cols(), inputs = X.rows();
  Standardizer s{Vec<double>(inputs), Vec<double>(inputs)};
  for (Eigen::Index k = 0; k < inputs; ++k) {  // plain loops: smaller in the .wasm than Eigen's reductions
    double sum = 0, squares = 0;
    bool constant = true;
    for (Eigen::Index j = 0; j < n; ++j) {
      sum += double(X(k, j));
      constant = constant && X(k, j) == X(k, 0);
    }
    const double mean = sum / double(n);
    for (Eigen::Index j = 0; j < n; ++j) squares += (double(X(k, j)) - mean) * (double(X(k, j)) - mean);
    s.mean(k) = mean;
    s.scale(k) = constant ? 1 : std::sqrt(squares / double(n));  // population std: ddof 0; exactly constant → 1
  }
  return s;
}

template Standardizer fitStandardizerColumns<float>(const Eigen::Ref<const Mat<float>>&);
template Standardizer fitStandardizerColumns<double>(const Eigen::Ref<const Mat<double>>&);

namespace {
void checkPerInput(const Vec<double>& v, const char* field, Eigen::Index inputs, bool positive, const char* what) {
  char detail[160];  // snprintf: cold code, kept small in the .wasm
  if (v.size() != inputs) {
    std::snprintf(detail, sizeof detail, "expected one value per input of %s: %lld (got %lld)", what, (long long)inputs,
                  (long long)v.size());
    throw Error(field, detail);
  }
  for (Eigen::Index k = 0; k < inputs; ++k) {
    if (std::isfinite(v(k)) && (!positive || v(k) > 0)) continue;
    char at[64];
    std::snprintf(at, sizeof at, "%s[%lld]", field, (long long)k);
    std::snprintf(detail, sizeof detail, positive ? "must be finite and > 0 (got %.10g)" : "must be finite (got %.10g)", v(k));
    throw Error(at, detail);
  }
}
}  // namespace

void checkStandardizer(const Standardizer& s, Eigen::Index inputs, const char* what) {
  checkPerInput(s.mean, "standardizer.mean", inputs, false, what);
  checkPerInput(s.scale, "standardizer.scale", inputs, true, what);
}

void throwBeyondRange(const char* field, const char* noun, Eigen::Index j) {
  char detail[160];
  std::snprintf(detail, sizeof detail, "%s %lld standardises beyond float's range (a scale too small for it)", noun,
                (long long)j);
  throw Error(field, detail);
}

}  // namespace nn
