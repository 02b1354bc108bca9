// datasplit_test.cpp — the data helpers for any number of inputs (1, 2 and 5): both splits keep each
// point whole with its label, are seeded and complete, the stable split keeps points in their part
// as data grows, encoding has the documented shape, standardisation is StandardScaler's (fitted on
// train, applied to test), and every bad input names its field. Then the
// network's one-entry setters (nothing changes on failure), clone and forwardTo.
#include <algorithm>
#include <cstring>

#include "datasets.hpp"
#include "helpers.hpp"

using namespace nn;

namespace {

// n points of `inputs` inputs: point j holds j·inputs, j·inputs + 1, ... (so a point is recognisable
// from any of its values), labelled j mod classes (or, classes 0, targeted j / n).
Dataset numbered(Eigen::Index n, int inputs, int classes) {
  Dataset d;
  d.classes = classes;
  d.X.resize(inputs, n);
  for (Eigen::Index j = 0; j < n; ++j) {
    for (int k = 0; k < inputs; ++k) d.X(k, j) = double(j * inputs + k);
    if (classes) d.labels.push_back(int(j % classes));
    else d.targets.push_back(double(j) / double(n));
  }
  return d;
}

// Every point of d lands whole, with its label or target, in exactly one part; returns the test
// part's point numbers in order.
std::vector<Eigen::Index> checkParts(const Dataset& d, const Split& s) {
  std::vector<int> seen(std::size_t(d.size()), 0);
  std::vector<Eigen::Index> test;
  for (const Dataset* part : {&s.train, &s.test}) {
    REQUIRE(part->inputs() == d.inputs());
    REQUIRE(part->classes == d.classes);
    for (Eigen::Index j = 0; j < part->size(); ++j) {
      const Eigen::Index point = Eigen::Index(part->X(0, j)) / d.inputs();
      REQUIRE(part->X.col(j) == d.X.col(point));
      if (d.regression()) REQUIRE(part->targets[std::size_t(j)] == d.targets[std::size_t(point)]);
      else REQUIRE(part->labels[std::size_t(j)] == d.labels[std::size_t(point)]);
      ++seen[std::size_t(point)];
      if (part == &s.test) test.push_back(point);
    }
  }
  for (int count : seen) REQUIRE(count == 1);
  return test;
}

}  // namespace

TEST_CASE("both splits keep points whole, are seeded and complete, for 1, 2 and 5 inputs", "[dataset]") {
  for (int inputs : {1, 2, 5}) {
    for (int classes : {0, 3}) {
      DYNAMIC_SECTION(inputs << " inputs, " << classes << " classes") {
        const Dataset d = numbered(200, inputs, classes);
        const Split s = splitDataset(d, 0.25, 7);
        REQUIRE(s.test.size() == 50);
        const std::vector<Eigen::Index> test = checkParts(d, s);
        REQUIRE(checkParts(d, splitDataset(d, 0.25, 7)) == test);   // same seed, same split
        REQUIRE(checkParts(d, splitDataset(d, 0.25, 8)) != test);   // another seed, another
        const Split p = splitByPoint(d, 0.25, 7);
        const std::vector<Eigen::Index> pointTest = checkParts(d, p);
        REQUIRE(std::is_sorted(pointTest.begin(), pointTest.end()));  // points keep their order
        REQUIRE((p.test.size() > 25 && p.test.size() < 75));
        REQUIRE(checkParts(d, splitByPoint(d, 0.25, 8)) != pointTest);
        // More points: every old test point stays a test point, every old training point trains.
        const Dataset more = numbered(260, inputs, classes);
        const std::vector<Eigen::Index> moreTest = checkParts(more, splitByPoint(more, 0.25, 7));
        const std::vector<Eigen::Index> kept(moreTest.begin(), std::find_if(moreTest.begin(), moreTest.end(), [](Eigen::Index i) { return i >= 200; }));
        REQUIRE(kept == pointTest);
        // Encoding reads the part as it is.
        const Mat<double> Y = encodeTargets(s.train, classes ? 3 : 1, classes ? "softmax" : "linear");
        REQUIRE(Y.cols() == 150);
        REQUIRE(Y.rows() == (classes ? 3 : 1));
        if (classes) REQUIRE(Y(s.train.labels[0], 0) == 1.0);
        else REQUIRE(Y(0, 0) == s.train.targets[0]);
      }
    }
  }
}

TEST_CASE("the seeded split is the one the page has always made", "[dataset]") {
  // Pinned: 20 points, testRatio 0.25, seed 1 (the same order as before the helpers moved here).
  const Split s = splitDataset(numbered(20, 1, 1), 0.25, 1);
  const Mat<double> test = s.test.X;
  REQUIRE(test.size() == 5);
  REQUIRE(std::vector<double>(test.data(), test.data() + 5) == std::vector<double>{12, 13, 2, 6, 4});
  REQUIRE(splitDataset(numbered(1, 2, 2), 0.9, 1).train.size() == 1);  // one point always trains
  const Split none = splitDataset(numbered(0, 2, 2), 0.5, 1), noneByPoint = splitByPoint(numbered(0, 3, 0), 0.5, 1);
  REQUIRE((none.train.size() == 0 && none.test.size() == 0 && noneByPoint.train.inputs() == 3));
  REQUIRE(encodeTargets(numbered(0, 2, 2), 2, "softmax").cols() == 0);
  REQUIRE(splitByPoint(numbered(1, 2, 2), 0.99, 1).train.size() == 1);  // a lone point trains
}

TEST_CASE("the stable split hashes each point's float32 bits with the seed (murmur3's finaliser)", "[dataset]") {
  // The rule the page's JavaScript applied before it moved here, written out: same points, same parts.
  auto mix = [](std::uint32_t h) {
    h = (h ^ (h >> 16)) * 0x85ebca6bu;
    h = (h ^ (h >> 13)) * 0xc2b2ae35u;
    return h ^ (h >> 16);
  };
  auto bits = [](float v) { std::uint32_t b; std::memcpy(&b, &v, 4); return b; };
  Dataset d = makeDataset("circle", 300, 0.2, 2, 4);
  d.X = d.X.cast<float>().cast<double>();  // the user's points are float32
  const std::uint64_t seed = (std::uint64_t(1) << 32) + 9;  // only the low 32 bits count
  const Split s = splitByPoint(d, 0.3, seed);
  Eigen::Index test = 0;
  for (Eigen::Index i = 0; i < d.size(); ++i) {
    const std::uint32_t h = mix(mix(mix(9u) ^ bits(float(d.X(0, i)))) ^ bits(float(d.X(1, i))));
    if (h / 4294967296.0 < 0.3) {
      REQUIRE(s.test.X.col(test) == d.X.col(i));
      ++test;
    }
  }
  REQUIRE(test == s.test.size());
}

TEST_CASE("the data helpers name the field of what is wrong", "[dataset][errors]") {
  const Dataset good = numbered(10, 5, 3);
  auto all = [](const Dataset& d) {  // the same error from every helper
    REQUIRE_THROWS_AS(splitDataset(d, 0.5, 1), Error);
    REQUIRE_THROWS_AS(splitByPoint(d, 0.5, 1), Error);
    try {
      encodeTargets(d, d.classes ? d.classes : 1, "softmax");
    } catch (const Error& e) {
      return e.field();
    }
    return std::string("no error");
  };
  Dataset nanX = good;
  nanX.X(4, 7) = NAN;
  REQUIRE(all(nanX) == "data.x");
  REQUIRE_THROWS_WITH(splitDataset(nanX, 0.5, 1), Catch::StartsWith("data.x: point 7 has NaN, infinity"));
  Dataset hugeX = good;
  hugeX.X(0, 2) = -1e300;  // beyond float: the network (and the stable split's hash) read floats
  REQUIRE(all(hugeX) == "data.x");
  Dataset noInputs = good;
  noInputs.X.resize(0, 10);
  REQUIRE(all(noInputs) == "data.x");
  Dataset badLabel = good;
  badLabel.labels[3] = 3;
  REQUIRE(all(badLabel) == "data.labels[3]");
  REQUIRE_THROWS_WITH(splitByPoint(badLabel, 0.5, 1), "data.labels[3]: must be an integer from 0 to 2 (got 3)");
  badLabel.labels[3] = -1;
  REQUIRE(all(badLabel) == "data.labels[3]");
  Dataset shortLabels = good;
  shortLabels.labels.pop_back();
  REQUIRE(all(shortLabels) == "data.labels");
  Dataset negative = good;
  negative.classes = -2;
  REQUIRE(all(negative) == "data.classes");
  Dataset reg = numbered(10, 1, 0);
  reg.targets[0] = 1e39;  // beyond float
  REQUIRE_THROWS_WITH(splitDataset(reg, 0.5, 1), "data.targets[0]: must be a finite float (got 1e+39)");
  reg.targets[0] = INFINITY;
  REQUIRE_THROWS_AS(encodeTargets(reg, 1, "linear"), Error);
  reg.targets.pop_back();
  REQUIRE_THROWS_WITH(encodeTargets(reg, 1, "linear"), Catch::StartsWith("data.targets: expected n = 10 values (got 9)"));
  REQUIRE_THROWS_WITH(splitByPoint(good, 1.0, 1), Catch::StartsWith("testRatio: must be in [0, 1)"));
  REQUIRE_THROWS_WITH(splitByPoint(good, NAN, 1), Catch::StartsWith("testRatio:"));
  REQUIRE_THROWS_WITH(encodeTargets(good, 0, "softmax"), Catch::StartsWith("outputs: must be from 1 to 4096"));
  REQUIRE_THROWS_WITH(encodeTargets(good, 3, "swish"), Catch::StartsWith("outputActivation: unknown activation 'swish'"));
}

TEST_CASE("standardisation is StandardScaler's: mean, population std, 1 for a constant input", "[dataset]") {
  for (int inputs : {1, 2, 5}) {
    DYNAMIC_SECTION(inputs << " inputs") {
      Rng rng(inputs);
      Dataset all = numbered(200, inputs, 3);
      all.X = nntest::randomMatrix<double>(inputs, 200, rng, -3, 7);
      if (inputs == 5) all.X.row(3).setConstant(0.1);  // constant: scale 1, values x − mean
      const Split s = splitDataset(all, 0.25, 2);
      const Standardizer fit = fitStandardizer(s.train);
      REQUIRE((fit.mean.size() == inputs && fit.scale.size() == inputs));
      // Written out, one input at a time: mean = Σx / n, scale = √(Σ(x − mean)² / n).
      const double n = double(s.train.size());
      for (int k = 0; k < inputs; ++k) {
        double sum = 0, squares = 0;
        for (Eigen::Index j = 0; j < s.train.size(); ++j) sum += s.train.X(k, j);
        const double mean = sum / n;
        for (Eigen::Index j = 0; j < s.train.size(); ++j) squares += (s.train.X(k, j) - mean) * (s.train.X(k, j) - mean);
        REQUIRE(fit.mean(k) == Approx(mean).epsilon(1e-12).margin(1e-15));
        REQUIRE(fit.scale(k) == Approx(k == 3 && inputs == 5 ? 1.0 : std::sqrt(squares / n)).epsilon(1e-12));
      }
      // Fitted on train, applied to both parts: the train part has mean 0 and std 1 (0 if constant).
      const Dataset train = standardize(s.train, fit), test = standardize(s.test, fit);
      for (int k = 0; k < inputs; ++k) {
        const bool constant = k == 3 && inputs == 5;
        REQUIRE(train.X.row(k).mean() == Approx(0).margin(1e-12));
        REQUIRE(std::sqrt(train.X.row(k).array().square().mean()) == Approx(constant ? 0 : 1).margin(1e-12));
        for (Eigen::Index j = 0; j < test.size(); ++j)
          REQUIRE(test.X(k, j) == (s.test.X(k, j) - fit.mean(k)) / fit.scale(k));
      }
      REQUIRE((test.labels == s.test.labels && test.classes == 3 && test.size() == 50));  // only x changes
    }
  }
  // Pinned, by hand: [1, 2, 3, 6] → mean 3, std √(14/4) (ddof 0; ddof 1 would give √(14/3)).
  Dataset d = numbered(4, 1, 0);
  d.X << 1, 2, 3, 6;
  const Standardizer fit = fitStandardizer(d);
  REQUIRE(fit.mean(0) == 3);
  REQUIRE(fit.scale(0) == Approx(std::sqrt(3.5)).epsilon(1e-15));
  REQUIRE(standardize(d, fit).targets == d.targets);
  REQUIRE(fitStandardizer(numbered(1, 2, 0)).scale == Vec<double>::Ones(2));  // one point: constant
  REQUIRE(standardize(numbered(0, 2, 2), fitStandardizer(numbered(3, 2, 2))).size() == 0);  // an empty part
}

TEST_CASE("standardisation names the field of what is wrong", "[dataset][errors]") {
  const Dataset d = numbered(10, 5, 3);
  const Standardizer fit = fitStandardizer(d);
  REQUIRE_THROWS_WITH(fitStandardizer(numbered(0, 5, 3)), "data.x: needs at least one point to fit a standardizer");
  Dataset nanX = d;
  nanX.X(2, 4) = NAN;
  REQUIRE_THROWS_WITH(fitStandardizer(nanX), Catch::StartsWith("data.x: point 4 has NaN"));
  REQUIRE_THROWS_WITH(standardize(nanX, fit), Catch::StartsWith("data.x: point 4 has NaN"));
  Dataset badLabel = d;
  badLabel.labels[2] = 7;
  REQUIRE_THROWS_WITH(fitStandardizer(badLabel), Catch::StartsWith("data.labels[2]:"));
  REQUIRE_THROWS_WITH(standardize(numbered(10, 2, 3), fit),
                      "standardizer.mean: expected one value per input of data.x: 2 (got 5)");
  Standardizer shortScale = fit;
  shortScale.scale.conservativeResize(4);
  REQUIRE_THROWS_WITH(standardize(d, shortScale), Catch::StartsWith("standardizer.scale: expected one value per input of data.x: 5 (got 4)"));
  Standardizer bad = fit;
  bad.scale(1) = 0;
  REQUIRE_THROWS_WITH(standardize(d, bad), "standardizer.scale[1]: must be finite and > 0 (got 0)");
  bad.scale(1) = -INFINITY;
  REQUIRE_THROWS_WITH(standardize(d, bad), Catch::StartsWith("standardizer.scale[1]:"));
  bad = fit;
  bad.mean(4) = NAN;
  REQUIRE_THROWS_WITH(standardize(d, bad), "standardizer.mean[4]: must be finite (got nan)");
  bad = fit;
  bad.scale(0) = 1e-300;  // every value finite, but a point lands beyond float
  REQUIRE_THROWS_WITH(standardize(d, bad), Catch::StartsWith("data.x: point 0 standardises beyond float's range"));
}

// --- the network's one-entry setters, clone and forwardTo ------------------------------------------

namespace {
NetworkSpec spec() {
  NetworkSpec s;
  s.inputs = 5;
  s.layers = {{4, "tanh"}, {3, "softmax"}};
  s.loss = "categorical_crossentropy";
  s.optimizer.type = "adam";
  s.optimizer.learningRate = 0.01;
  return s;
}
}  // namespace

TEST_CASE("setWeight and setBias change one entry, or nothing and name the field", "[network][errors]") {
  Network<float> net(spec());
  const Vec<float> before = net.parameters();
  net.setWeight(1, 2, 3, 0.5);
  REQUIRE(net.W(1)(2, 3) == 0.5f);
  net.setBias(0, 3, -2);
  REQUIRE(net.b(0)(3) == -2.0f);
  REQUIRE((net.parameters() - before).cwiseAbs().count() == 2);  // nothing else moved
  const Vec<float> kept = net.parameters();
  const std::pair<std::function<void()>, std::string> failures[] = {
      {[&] { net.setWeight(2, 0, 0, 1); }, "layer"},          {[&] { net.setWeight(-1, 0, 0, 1); }, "layer"},
      {[&] { net.setWeight(1, 3, 0, 1); }, "row"},            {[&] { net.setWeight(1, -1, 0, 1); }, "row"},
      {[&] { net.setWeight(1, 0, 4, 1); }, "col"},            {[&] { net.setWeight(0, 0, 5, 1); }, "col"},
      {[&] { net.setWeight(0, 0, 0, NAN); }, "value"},        {[&] { net.setWeight(0, 0, 0, INFINITY); }, "value"},
      {[&] { net.setWeight(0, 0, 0, 1e39); }, "value"},       {[&] { net.setBias(0, 4, 1); }, "row"},
      {[&] { net.setBias(1, 0, -INFINITY); }, "value"},       {[&] { net.setBias(5, 0, 1); }, "layer"},
  };
  for (const auto& [call, field] : failures) {
    CAPTURE(field);
    try {
      call();
      FAIL("no error");
    } catch (const Error& e) {
      REQUIRE(e.field() == field);
    }
    REQUIRE(net.parameters() == kept);  // the strong guarantee: bit for bit
  }
  REQUIRE_THROWS_WITH(net.setWeight(1, 0, 4, 1), "col: must be from 0 to 3 (layer 1 has 4 inputs; got 4)");
}

TEST_CASE("clone is independent and trains exactly as the original would", "[network]") {
  Network<float> net(spec());
  Rng rng(5);
  const Mat<float> X = nntest::randomMatrix<float>(5, 16, rng, -1, 1);
  const Mat<float> Y = nntest::randomTargets("categorical_crossentropy", 3, 16, rng).cast<float>();
  net.trainBatch(X, Y);  // some optimizer state to copy
  Network<float> copy = net.clone();
  const Vec<float> original = net.parameters();
  copy.trainEpoch(X, Y, 4);
  REQUIRE(net.parameters() == original);  // training the copy leaves the original alone
  REQUIRE(net.optimizerSteps() == 1);
  net.trainEpoch(X, Y, 4);
  REQUIRE(net.parameters() == copy.parameters());  // same state, same shuffles, same steps
  REQUIRE(net.optimizerState()[1] == copy.optimizerState()[1]);
}

TEST_CASE("forwardTo(X, l) is layer l of the full forward pass", "[network]") {
  Network<float> net(spec());
  Rng rng(6);
  const Mat<float> X = nntest::randomMatrix<float>(5, 9, rng, -2, 2);
  const Mat<float> hidden = net.forwardTo(X, 0);
  net.predict(X);
  REQUIRE(hidden == net.activations(0));
  REQUIRE(Mat<float>(net.forwardTo(X, 1)) == net.predict(X));
  REQUIRE_THROWS_WITH(net.forwardTo(X, 2), Catch::StartsWith("layer: layer 2 is out of range"));
  REQUIRE_THROWS_WITH(net.forwardTo(X.topRows(4), 0), Catch::StartsWith("x: each sample needs 5 inputs"));
}
