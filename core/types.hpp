// types.hpp — matrix aliases and helpers (an allocation-safe reshape, finiteness), the one error
// type of the core and what its messages use (quote, clip, num), and the numeric limits they share.
//
// Notation follows the book: one column per sample, so a batch of m samples with n features is
// X (n, m); a layer's W is (out, in) like torch.nn.Linear.weight; b is (out, 1).
// The arithmetic is written once over a Scalar: double for gradient checks, float for the browser.
#pragma once

#include <Eigen/Core>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace nn {

template <typename S>
using Mat = Eigen::Matrix<S, Eigen::Dynamic, Eigen::Dynamic>;  // column-major
template <typename S>
using Vec = Eigen::Matrix<S, Eigen::Dynamic, 1>;
template <typename S>
using MatRef = Eigen::Ref<const Mat<S>>;  // accepts matrices, maps and blocks without copying

// Every invalid input is reported by throwing nn::Error: field() is the dotted path of what the user
// wrote ("layers[1].units", "optimizer.learningRate"; empty when no one field is to blame), what() is
// "field: detail". The core never prints, aborts or exits: callers decide how to show it.
class Error : public std::invalid_argument {
 public:
  Error(std::string field, const std::string& detail)
      : std::invalid_argument(field.empty() ? detail : field + ": " + detail),
        field_(std::move(field)), detail_(detail) {}
  const std::string& field() const { return field_; }
  const std::string& detail() const { return detail_; }

 private:
  std::string field_, detail_;
};

// A user's text inside a message: quoted, and cut to ~100 characters so a 50 MB field is never
// echoed whole.
inline std::string clip(const std::string& s, std::size_t kMax = 100) {
  if (s.size() <= kMax) return s;
  std::size_t cut = kMax;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;  // not inside a UTF-8 character
  return s.substr(0, cut) + "…";
}
inline std::string quote(const std::string& s) {
  return "'" + clip(s) + "'" + (s.size() > 100 ? " (" + std::to_string(s.size()) + " bytes)" : "");
}

// Tables are instantiated per Scalar, but names and flags do not depend on it: code that only needs
// those reads the float tables (what ships), so the wasm build does not link a double copy.

// Which Scalars an object file instantiates: both natively. The wasm build compiles the scalar
// files twice, float at -O3 and double at -Oz (only the gradient check uses double), and
// CMakeLists.txt defines NN_ONLY_FLOAT or NN_ONLY_DOUBLE for each; this is the one place that
// reads them. Use: #define INSTANTIATE(S) template class Network<S>; then NN_INSTANTIATE(INSTANTIATE)
#ifdef NN_ONLY_DOUBLE
#define NN_IF_FLOAT(...)
#else
#define NN_IF_FLOAT(...) __VA_ARGS__
#endif
#ifdef NN_ONLY_FLOAT
#define NN_IF_DOUBLE(...)
#else
#define NN_IF_DOUBLE(...) __VA_ARGS__
#endif
#define NN_INSTANTIATE(X) NN_IF_FLOAT(X(float)) NN_IF_DOUBLE(X(double))

// 2⁵³ − 1: the largest integer a JavaScript number (and a double) holds exactly. Counters and seeds
// stay within it, so whatever the core writes, JavaScript reads back unchanged.
constexpr std::int64_t kMaxSafeInteger = 9007199254740991;

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

// The one lookup of every table (rows have a `name`): the names in table order, and the row
// called `name`, or nn::Error(field, "unknown <kind> 'x' (choose from a, b, c)").
template <typename Table>
std::vector<std::string> rowNames(const Table& table) {
  std::vector<std::string> names;
  for (const auto& row : table) names.emplace_back(row.name);
  return names;
}
template <typename Table>
const typename Table::value_type& findRow(const Table& table, const std::string& name, const char* kind,
                                          const std::string& field) {
  for (const auto& row : table)
    if (name == row.name) return row;
  throw Error(field, std::string("unknown ") + kind + " " + quote(name) + " (choose from " +
              joinNames(rowNames(table)) + ")");
}

// A number for a message: "0.01", "1e-08", "nan" (std::to_string would print "0.000000").
inline std::string num(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.10g", x);
  return buf;
}

// Gives M the shape (rows, cols), allocating before freeing: if the allocation throws, M keeps its
// old shape over its old memory (Eigen's resize frees first, and would leave M over freed memory).
template <typename S>
void reshape(Mat<S>& M, Eigen::Index rows, Eigen::Index cols) {
  if (M.rows() == rows && M.cols() == cols) return;
  Mat<S> fresh(rows, cols);
  M.swap(fresh);
}

template <typename S>
bool allFinite(const S* data, Eigen::Index n) {
  for (Eigen::Index i = 0; i < n; ++i)
    if (!std::isfinite(data[i])) return false;
  return true;
}
// Floats: the exponent bits all ones means ∞ or NaN. Integer ORs vectorise (the step checks P
// values after every update); a float sum would not, without reordering.
inline bool allFinite(const float* data, Eigen::Index n) {
  std::uint32_t bad = 0;
  for (Eigen::Index i = 0; i < n; ++i) {
    std::uint32_t bits;
    std::memcpy(&bits, data + i, sizeof bits);
    bad |= std::uint32_t((bits & 0x7f800000u) == 0x7f800000u);
  }
  return bad == 0;
}

// A hyperparameter the float network uses: a normal float once converted (not ∞, not flushed
// towards 0): |x| from 1.2e-38 to 3.4e38.
inline bool isNormalFloat(double x) {
  return std::abs(x) <= double(std::numeric_limits<float>::max()) &&
         std::abs(x) >= double(std::numeric_limits<float>::min());
}

}  // namespace nn
