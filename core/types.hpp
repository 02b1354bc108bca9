// types.hpp — matrix aliases and the one error type of the core.
//
// Notation follows the book: one column per sample, so a batch of m samples with n features is
// X (n, m); a layer's W is (out, in) like torch.nn.Linear.weight; b is (out, 1).
// The arithmetic is written once over a Scalar: double for gradient checks, float for the browser.
#pragma once

#include <Eigen/Core>
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <string>

namespace nn {

template <typename S>
using Mat = Eigen::Matrix<S, Eigen::Dynamic, Eigen::Dynamic>;  // column-major
template <typename S>
using Vec = Eigen::Matrix<S, Eigen::Dynamic, 1>;
template <typename S>
using MatRef = Eigen::Ref<const Mat<S>>;  // accepts matrices, maps and blocks without copying

// Every invalid input is reported by throwing nn::Error; its message names the offending field
// ("layers[1].units: ..."). The core never prints, aborts or exits: callers decide how to show it.
class Error : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// Tables are instantiated per Scalar, but names and flags do not depend on it: code that only needs
// those reads the float tables (what ships), so the wasm build does not link a double copy.

// "a, b, c" — for messages that list the valid choices.
template <typename Names>
std::string joinNames(const Names& names) {
  std::string out;
  for (const auto& n : names) {
    if (!out.empty()) out += ", ";
    out += n;
  }
  return out;
}

// A number for a message: "0.01", "1e-08", "nan" (std::to_string would print "0.000000").
inline std::string num(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", x);
  return buf;
}

template <typename S>
bool allFinite(const S* data, Eigen::Index n) {
  for (Eigen::Index i = 0; i < n; ++i)
    if (!std::isfinite(data[i])) return false;
  return true;
}

}  // namespace nn
