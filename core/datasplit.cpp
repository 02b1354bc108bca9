// datasplit.cpp — the data helpers of datasets.hpp, for a dataset with any number of inputs: the
// check each helper starts with, the seeded shuffle split (generated data), the stable split by
// point (the user's own data, which grows), the target encoding and standardisation. The page and
// the API split, encode and standardise through these: no copy of the rules lives in JavaScript.
#include "datasets.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>

#include "activations.hpp"
#include "spec.hpp"

namespace nn {
namespace {

// A message from a format: one snprintf instead of a chain of string additions (cold code, kept
// small in the .wasm).
template <typename... Args>
std::string say(const char* format, Args... args) {
  char text[160];
  std::snprintf(text, sizeof text, format, args...);
  return text;
}

void checkRatio(double testRatio) {
  if (!(std::isfinite(testRatio) && testRatio >= 0 && testRatio < 1))
    throw Error("testRatio", "must be in [0, 1) (got " + num(testRatio) + ")");
}

// The points `indices` of data, in that order, as a dataset of the same kind.
Dataset pick(const Dataset& data, const std::vector<Eigen::Index>& indices) {
  Dataset part;
  part.name = data.name;
  part.classes = data.classes;
  part.X.resize(data.inputs(), Eigen::Index(indices.size()));
  for (std::size_t j = 0; j < indices.size(); ++j) {
    const Eigen::Index src = indices[j];
    part.X.col(Eigen::Index(j)) = data.X.col(src);
    if (data.regression()) part.targets.push_back(data.targets[std::size_t(src)]);
    else part.labels.push_back(data.labels[std::size_t(src)]);
  }
  return part;
}

// murmur3's 32-bit finaliser: every input bit moves every output bit. (The page's JavaScript split
// used Math.imul on the same bits before it moved here: the same splits, bit for bit.)
std::uint32_t mix(std::uint32_t h) {
  h = (h ^ (h >> 16)) * 0x85ebca6bu;
  h = (h ^ (h >> 13)) * 0xc2b2ae35u;
  return h ^ (h >> 16);
}
std::uint32_t bitsOf(float v) {
  std::uint32_t bits;
  std::memcpy(&bits, &v, sizeof bits);
  return bits;
}

}  // namespace

void checkDataset(const Dataset& d) {
  const Eigen::Index n = d.size();
  if (d.inputs() < 1) throw Error("data.x", "each point needs at least one input");
  for (Eigen::Index j = 0; j < n; ++j)
    if (!(d.X.col(j).array().abs() <= double(std::numeric_limits<float>::max())).all())  // false for NaN too
      throw Error("data.x", say("point %lld has NaN, infinity or a value beyond float's range", (long long)j));
  if (d.classes < 0) throw Error("data.classes", say("must be ≥ 1, or 0 for regression (got %d)", d.classes));
  const bool regression = d.regression();
  const std::size_t count = regression ? d.targets.size() : d.labels.size();
  const char* field = regression ? "data.targets" : "data.labels";
  if (Eigen::Index(count) != n) throw Error(field, say("expected n = %lld values (got %zu)", (long long)n, count));
  for (std::size_t i = 0; i < count; ++i) {
    if (regression) {
      const double t = d.targets[i];
      if (!(std::isfinite(t) && std::abs(t) <= double(std::numeric_limits<float>::max())))
        throw Error(say("%s[%zu]", field, i), "must be a finite float (got " + num(t) + ")");
    } else if (d.labels[i] < 0 || d.labels[i] >= d.classes) {
      throw Error(say("%s[%zu]", field, i), say("must be an integer from 0 to %d (got %d)", d.classes - 1, d.labels[i]));
    }
  }
}

Split splitDataset(const Dataset& data, double testRatio, std::uint64_t seed) {
  checkDataset(data);
  checkRatio(testRatio);
  const Eigen::Index n = data.size();
  std::vector<Eigen::Index> order(static_cast<std::size_t>(n));
  for (Eigen::Index i = 0; i < n; ++i) order[std::size_t(i)] = i;
  Rng rng(seed);
  rng.shuffle(order.begin(), order.end());
  const Eigen::Index nTest = n == 0 ? 0 : std::min<Eigen::Index>(Eigen::Index(std::llround(double(n) * testRatio)), n - 1);
  const std::vector<Eigen::Index> test(order.begin(), order.begin() + nTest), train(order.begin() + nTest, order.end());
  return {pick(data, train), pick(data, test)};
}

Split splitByPoint(const Dataset& data, double testRatio, std::uint64_t seed) {
  checkDataset(data);
  checkRatio(testRatio);
  std::vector<Eigen::Index> train, test;
  for (Eigen::Index i = 0; i < data.size(); ++i) {
    std::uint32_t h = mix(std::uint32_t(seed));  // the seed's low 32 bits
    for (Eigen::Index k = 0; k < data.inputs(); ++k) h = mix(h ^ bitsOf(float(data.X(k, i))));
    (double(h) / 4294967296.0 < testRatio ? test : train).push_back(i);
  }
  if (train.empty()) train.swap(test);
  return {pick(data, train), pick(data, test)};
}

Mat<double> encodeTargets(const Dataset& data, int outputs, const std::string& outputActivation) {
  checkDataset(data);
  const double midpoint = findActivation<float>(outputActivation, "outputActivation").midpoint;
  if (outputs < 1 || outputs > kMaxUnits)
    throw Error("outputs", "must be from 1 to " + std::to_string(kMaxUnits) + " (got " + std::to_string(outputs) + ")");
  const Eigen::Index n = data.size();
  if (data.regression()) {
    if (outputs != 1)
      throw Error("outputs", "a regression dataset needs 1 output (got " + std::to_string(outputs) + ")");
    Mat<double> Y(1, n);
    for (Eigen::Index j = 0; j < n; ++j) Y(0, j) = data.targets[std::size_t(j)];
    return Y;
  }
  const std::string need = std::to_string(data.classes) + " classes need " + std::to_string(data.classes) + " outputs";
  if (outputs == 1) {
    if (data.classes != 2) throw Error("outputs", need + " (one output only encodes two classes)");
    // The targets sit either side of the activation's decision midpoint: 1 and 2·midpoint − 1
    // (0 for sigmoid's 0.5, −1 for tanh's 0).
    const double negative = 2 * midpoint - 1;
    Mat<double> Y(1, n);
    for (Eigen::Index j = 0; j < n; ++j) Y(0, j) = data.labels[std::size_t(j)] == 1 ? 1.0 : negative;
    return Y;
  }
  if (outputs != data.classes) throw Error("outputs", need + " (or 1 for two classes; got " + std::to_string(outputs) + ")");
  Mat<double> Y = Mat<double>::Zero(outputs, n);
  for (Eigen::Index j = 0; j < n; ++j) Y(data.labels[std::size_t(j)], j) = 1.0;
  return Y;
}

// --- standardisation (scikit-learn's StandardScaler) -------------------------------------------

Standardizer fitStandardizer(const Dataset& train) {
  checkDataset(train);
  if (train.size() == 0) throw Error("data.x", "needs at least one point to fit a standardizer");
  return fitStandardizerColumns<double>(train.X);
}

Dataset standardize(Dataset d, const Standardizer& s) {
  checkDataset(d);
  checkStandardizer(s, d.inputs(), "data.x");
  Mat<double> X;
  applyStandardizer<double, double>(s, d.X, X, double(std::numeric_limits<float>::max()), "data.x", "point");
  d.X.swap(X);
  return d;
}

}  // namespace nn
