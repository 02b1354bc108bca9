// datasets_test.cpp — every dataset (one section per table row): seeded, in frame, right labels;
// plus the seeded split and the target encoding.
#include "datasets.hpp"
#include "helpers.hpp"

using namespace nn;

namespace {

void checkDataset(const DatasetKind& kind) {
  const int maxClasses = kind.regression ? 0 : kind.maxClasses;
  for (int classes = kind.regression ? 0 : kind.minClasses; classes <= maxClasses; ++classes) {
    CAPTURE(kind.name, classes);
    const Dataset a = makeDataset(kind.name, 301, 0.3, classes, 9);
    const Dataset b = makeDataset(kind.name, 301, 0.3, classes, 9);
    const Dataset c = makeDataset(kind.name, 301, 0.3, classes, 10);
    REQUIRE(a.size() == 301);
    REQUIRE(a.X.rows() == 2);
    REQUIRE(a.X == b.X);  // same seed, same points
    REQUIRE(a.X != c.X);  // another seed, other points
    REQUIRE(a.X.allFinite());
    REQUIRE(a.X.cwiseAbs().maxCoeff() < 12);  // inside (or near) the [−6, 6] frame
    REQUIRE(a.regression() == kind.regression);
    if (kind.regression) {
      REQUIRE(a.targets.size() == 301);
      for (double t : a.targets) REQUIRE((t >= -1 && t <= 1));
    } else {
      REQUIRE(a.classes == classes);
      std::vector<int> count(std::size_t(classes), 0);
      for (int l : a.labels) {
        REQUIRE((l >= 0 && l < classes));
        ++count[std::size_t(l)];
      }
      for (int n : count) REQUIRE(n >= 0.7 * 301 / classes);  // every class well represented
    }
    const Dataset clean = makeDataset(kind.name, 50, 0.0, classes, 9);
    REQUIRE(clean.size() == 50);
  }
}

}  // namespace

TEST_CASE("dataset: every dataset of the table", "[dataset]") {
  for (const auto& k : datasetTable())
    DYNAMIC_SECTION(k.name) { checkDataset(k); }
}

TEST_CASE("the split is seeded, disjoint and complete", "[dataset]") {
  const Dataset d = makeDataset("spiral", 200, 0.1, 3, 1);
  const Split s = splitDataset(d, 0.25, 7), again = splitDataset(d, 0.25, 7), other = splitDataset(d, 0.25, 8);
  REQUIRE(s.test.size() == 50);
  REQUIRE(s.train.size() == 150);
  REQUIRE(s.test.X == again.test.X);
  REQUIRE(s.test.X != other.test.X);
  REQUIRE(s.train.labels.size() == 150);
  // Every original point lands in exactly one part (sum of coordinates is a cheap multiset check).
  REQUIRE(s.train.X.sum() + s.test.X.sum() == Approx(d.X.sum()).epsilon(1e-12));
  REQUIRE(splitDataset(d, 0.0, 1).test.size() == 0);
}

TEST_CASE("targets: one-hot, 0/1 (±1 for tanh), or the regression value", "[dataset]") {
  const Dataset three = makeDataset("blobs", 9, 0, 3, 1);
  const Mat<double> onehot = encodeTargets(three, 3, "softmax");
  for (Eigen::Index j = 0; j < 9; ++j) {
    REQUIRE(onehot.col(j).sum() == 1.0);
    REQUIRE(onehot(three.labels[std::size_t(j)], j) == 1.0);
  }
  const Dataset two = makeDataset("circle", 10, 0, 0, 1);
  const Mat<double> tanhY = encodeTargets(two, 1, "tanh"), sigY = encodeTargets(two, 1, "sigmoid");
  for (Eigen::Index j = 0; j < 10; ++j) {
    REQUIRE(sigY(0, j) == double(two.labels[std::size_t(j)]));
    REQUIRE(tanhY(0, j) == (two.labels[std::size_t(j)] ? 1.0 : -1.0));
  }
  REQUIRE(encodeTargets(two, 2, "softmax").rows() == 2);
  const Dataset reg = makeDataset("plane", 10, 0, 0, 1);
  REQUIRE(encodeTargets(reg, 1, "linear")(0, 3) == reg.targets[3]);
}
