// network_test.cpp — behaviour users depend on: determinism, the optimizer switch that keeps the
// weights, divergence that leaves the network intact, initialiser statistics, evaluation rules.
#include "datasets.hpp"
#include "helpers.hpp"
#include "gradcheck.hpp"
#include "initializers.hpp"

using namespace nn;

namespace {

NetworkSpec smallSpec(std::uint64_t seed = 3) {
  NetworkSpec s;
  s.layers = {{6, "tanh"}, {5, "relu"}, {3, "softmax"}};
  s.loss = "categorical_crossentropy";
  s.optimizer.type = "adam";
  s.optimizer.learningRate = 0.01;
  s.seed = seed;
  return s;
}

struct Data {
  Mat<float> X, Y;
};
Data blobs(std::uint64_t seed = 2) {
  const Dataset d = makeDataset("blobs", 120, 0.2, 3, seed);
  return {d.X.cast<float>(), encodeTargets(d, 3, "softmax").cast<float>()};
}

// Mean and variance of the drawn weights match each initialiser's formula (one section per row).
void checkInitializer(const std::string& name) {
  NetworkSpec s;
  s.inputs = 300;
  s.layers = {{200, "relu"}, {1, "linear"}};
  s.init = name;
  Network<double> net(s);
  const auto W = net.W(0);
  const double mean = W.mean();
  const double var = (W.array() - mean).square().mean();
  const double fanIn = 300, fanOut = 200;
  double expectedVar = 0;
  if (name == "glorot_uniform" || name == "glorot_normal") expectedVar = 2.0 / (fanIn + fanOut);
  else if (name == "he_uniform" || name == "he_normal") expectedVar = 2.0 / fanIn;
  else if (name == "uniform") expectedVar = 1.0 / 12.0;
  CAPTURE(name, mean, var, expectedVar);
  REQUIRE(std::abs(mean) < 0.01 + 3 * std::sqrt(expectedVar / W.size()));
  REQUIRE(var == Approx(expectedVar).epsilon(0.03).margin(1e-12));
  REQUIRE(net.b(0).isZero());
  if (name.find("uniform") != std::string::npos && expectedVar > 0)
    REQUIRE(W.cwiseAbs().maxCoeff() <= std::sqrt(3 * expectedVar));  // bounded support
}

}  // namespace

TEST_CASE("initializer statistics: every initializer", "[init]") {
  for (const auto& i : initializerTable())
    DYNAMIC_SECTION(i.name) { checkInitializer(i.name); }
}

TEST_CASE("the Rng is pinned: these numbers never change across platforms or releases", "[determinism]") {
  // xoshiro256** seeded by splitmix64(1) — values cross-checked against an independent Python
  // transcription of the reference algorithms.
  Rng rng(1);
  REQUIRE(rng.next() == 0xb3f2af6d0fc710c5ull);
  REQUIRE(rng.next() == 0x853b559647364ceaull);
  Rng draws(1);
  REQUIRE(draws.uniform() == 0.70292183315885048);
  REQUIRE(draws.normal() == Approx(-1.0832748262046541).epsilon(1e-15));
  Rng r(2026);
  double sum = 0, sumSq = 0;
  for (int i = 0; i < 100000; ++i) {
    const double z = r.normal();
    sum += z;
    sumSq += z * z;
  }
  REQUIRE(std::abs(sum / 1e5) < 0.02);
  REQUIRE(sumSq / 1e5 == Approx(1.0).epsilon(0.02));
  for (int i = 0; i < 1000; ++i) REQUIRE(r.below(7) < 7);
}

TEST_CASE("same seed gives bit-identical weights after training and another seed differs", "[determinism]") {
  const Data d = blobs();
  Network<float> a(smallSpec()), b(smallSpec()), c(smallSpec(4));
  REQUIRE(a.parameters() == b.parameters());
  REQUIRE(a.parameters() != c.parameters());
  for (int e = 0; e < 5; ++e) {
    a.trainEpoch(d.X, d.Y, 8, true);
    b.trainEpoch(d.X, d.Y, 8, true);
  }
  REQUIRE(a.parameters() == b.parameters());
  REQUIRE(a.optimizerSteps() == 5 * 15);
}

TEST_CASE("trainBatch returns the loss before the step, and the loss goes down", "[network]") {
  const Data d = blobs();
  Network<float> net(smallSpec());
  const float before = net.evaluate(d.X, d.Y).loss;
  const float returned = net.trainBatch(d.X, d.Y);
  REQUIRE(returned == Approx(before).epsilon(1e-6));
  for (int i = 0; i < 50; ++i) net.trainBatch(d.X, d.Y);
  REQUIRE(net.evaluate(d.X, d.Y).loss < before);
}

TEST_CASE("trainEpoch returns the mean loss over its batches and batch ≥ n is one full-batch step", "[network]") {
  const Data d = blobs();
  Network<float> a(smallSpec()), b(smallSpec());
  const float epochLoss = a.trainEpoch(d.X, d.Y, 1000, false);
  const float batchLoss = b.trainBatch(d.X, d.Y);
  REQUIRE(epochLoss == Approx(batchLoss).epsilon(1e-6));
  REQUIRE(a.parameters() == b.parameters());
}

TEST_CASE("changing the optimizer or learning rate keeps the weights", "[network][optimizer]") {
  const Data d = blobs();
  Network<float> net(smallSpec());
  net.trainEpoch(d.X, d.Y, 10);
  const Vec<float> weights = net.parameters();
  const long steps = net.optimizerSteps();

  OptimizerSettings lr = net.spec().optimizer;
  lr.learningRate = 0.001;
  net.setOptimizer(lr);  // same type: the moments and the step count carry on
  REQUIRE(net.parameters() == weights);
  REQUIRE(net.optimizerSteps() == steps);
  REQUIRE(net.spec().optimizer.learningRate == 0.001);

  OptimizerSettings sgd;
  sgd.type = "sgd";
  net.setOptimizer(sgd);  // another type: fresh state, default learning rate filled in
  REQUIRE(net.parameters() == weights);
  REQUIRE(net.optimizerSteps() == 0);
  REQUIRE(net.spec().optimizer.learningRate == 0.01);
  REQUIRE(net.optimizerState()[0].size() == 0);
  net.trainEpoch(d.X, d.Y, 10);
  REQUIRE(net.parameters() != weights);
}

TEST_CASE("setPenalties keeps the weights and optimizer state; invalid penalties change nothing", "[network][optimizer]") {
  const Data d = blobs();
  Network<float> net(smallSpec());
  net.trainEpoch(d.X, d.Y, 10);
  const Vec<float> weights = net.parameters();
  const Vec<float> moments = net.optimizerState()[0];
  const long steps = net.optimizerSteps();
  net.setPenalties(0.001, 0.01);
  REQUIRE(net.parameters() == weights);
  REQUIRE(net.optimizerState()[0] == moments);
  REQUIRE(net.optimizerSteps() == steps);
  REQUIRE(net.spec().l1 == 0.001);
  REQUIRE(net.spec().l2 == 0.01);
  REQUIRE_THROWS_WITH(net.setPenalties(0.5, -1), Catch::Contains("l2"));
  REQUIRE_THROWS_WITH(net.setPenalties(1e39, 0), Catch::Contains("l1"));
  REQUIRE(net.spec().l1 == 0.001);  // the valid l1 of the refused call was not applied either
  REQUIRE(net.spec().l2 == 0.01);
}

TEST_CASE("divergence: a non-finite loss skips the step and leaves the weights intact", "[network]") {
  NetworkSpec s;
  s.layers = {{8, "relu"}, {1, "linear"}};
  s.loss = "mse";
  s.optimizer.type = "sgd";
  s.optimizer.learningRate = 10;
  const Dataset data = makeDataset("plane", 100, 0, 0, 1);
  Mat<float> X = data.X.cast<float>();
  const Mat<float> Y = encodeTargets(data, 1, "linear").cast<float>();
  Network<float> net(s);
  float loss = 0;
  int epochs = 0;
  while (std::isfinite(loss) && epochs < 200) loss = net.trainEpoch(X, Y, 10), ++epochs;
  REQUIRE_FALSE(std::isfinite(loss));  // lr 10 with sgd diverges
  REQUIRE(epochs < 200);
  const Vec<float> frozen = net.parameters();
  REQUIRE_FALSE(std::isfinite(net.trainBatch(X, Y)));
  REQUIRE((net.parameters().array() == frozen.array()).all());  // untouched by the failed step
}

TEST_CASE("accuracy: argmax for several outputs, the activation's midpoint for one", "[network]") {
  NetworkSpec s;
  s.inputs = 1;
  s.layers = {{1, "tanh"}};
  s.loss = "mse";
  Network<double> net(s);
  net.W(0)(0, 0) = 1;
  Mat<double> X(1, 4), Y(1, 4);
  X << -2, -1, 1, 2;
  Y << -1, 1, 1, 1;  // tanh targets ±1, midpoint 0: predictions −,−,+,+ → 3 of 4 right
  REQUIRE(net.evaluate(X, Y).accuracy == 0.75);
  s.layers = {{1, "sigmoid"}};
  Network<double> sig(s);
  sig.W(0)(0, 0) = 1;
  Y << 0, 1, 1, 1;  // sigmoid targets 0/1, midpoint 0.5: same 3 of 4
  REQUIRE(sig.evaluate(X, Y).accuracy == 0.75);
}

TEST_CASE("zero hidden layers is logistic regression", "[network]") {
  NetworkSpec s;
  s.layers = {{1, "sigmoid"}};
  Network<float> net(s);
  REQUIRE(net.spec().loss == "binary_crossentropy");  // default filled from the output activation
  REQUIRE(net.spec().optimizer.learningRate == 0.001);  // adam's torch default
  const Dataset data = makeDataset("gauss", 100, 0, 0, 1);
  const Mat<float> Y = encodeTargets(data, 1, "sigmoid").cast<float>();
  OptimizerSettings o;
  o.type = "sgd";
  o.learningRate = 0.1;
  net.setOptimizer(o);
  for (int e = 0; e < 20; ++e) net.trainEpoch(data.X.cast<float>(), Y, 10);
  REQUIRE(net.evaluate(data.X.cast<float>(), Y).accuracy == 1.0f);
}

TEST_CASE("trace gives every layer's Z, A, dZ and the same loss and gradients", "[network]") {
  const Data d = blobs();
  Network<double> net(smallSpec());
  const Mat<double> X = d.X.cast<double>(), Y = d.Y.cast<double>();
  const double loss = net.computeGradients(X, Y);
  const Mat<double> dW0 = net.dW(0);
  const Trace<double> t = net.trace(X, Y);
  REQUIRE(t.loss == loss);
  REQUIRE(Mat<double>(net.dW(0)) == dW0);
  REQUIRE(t.Z.size() == 3);
  REQUIRE(t.A[2].rows() == 3);
  REQUIRE(t.A[2].cols() == X.cols());
  REQUIRE(nntest::closeTo(Mat<double>(t.A[0]), Mat<double>(t.Z[0].array().tanh()), 1e-15));
  // dA[l] = W[l+1]ᵀ dZ[l+1] below the output; the fused output layer has none
  REQUIRE(t.dA.size() == 3);
  REQUIRE(nntest::closeTo(Mat<double>(t.dA[1]), Mat<double>(net.W(2).transpose() * t.dZ[2]), 1e-12));
  REQUIRE(t.dA[2].size() == 0);
}

TEST_CASE("gradientCheck reports per-layer agreement of backprop with central differences", "[gradient]") {
  const Data d = blobs();
  Network<float> f(smallSpec());
  const auto checks = gradientCheck(f, d.X.leftCols(12), d.Y.leftCols(12));
  REQUIRE(checks.size() == 3);
  for (const auto& c : checks) {
    REQUIRE(c.weights < 1e-3);  // float backprop against double differences
    REQUIRE(c.biases < 1e-3);
  }
  REQUIRE(checks[0].checked == 6 * 2 + 6);
  Network<double> g(smallSpec());
  const Mat<double> X = d.X.cast<double>().leftCols(12), Y = d.Y.cast<double>().leftCols(12);
  for (const auto& c : gradientCheck(g, X, Y, 10)) {
    REQUIRE(c.weights < 1e-6);
    REQUIRE(c.checked <= 20);
  }
  REQUIRE_THROWS_WITH(gradientCheck(g, X, Y, 0), "maxPerLayer: must be an integer from 1 to 1024 (got 0)");
}

TEST_CASE("optimizer state never sinks into subnormal floats (dead units stay fast)", "[optimizer]") {
  for (const auto& name : optimizerNames()) {
    NetworkSpec s;
    s.layers = {{4, "relu"}, {1, "linear"}};
    s.loss = "mse";
    s.optimizer.type = name;
    Network<float> net(s);
    Mat<float> X = Mat<float>::Ones(2, 4), Y = Mat<float>::Ones(1, 4);
    net.b(0).setConstant(1);  // alive: the moments become non-zero
    for (int i = 0; i < 10; ++i) net.trainBatch(X, Y);
    net.b(0).setConstant(-100);  // then every relu dies: their gradients are exactly 0 from now on
    for (int i = 0; i < 10000; ++i) net.trainBatch(X, Y);  // the moments decay geometrically
    for (const auto& slot : net.optimizerState())
      for (Eigen::Index i = 0; i < slot.size(); ++i) {
        CAPTURE(name, i, slot[i]);
        REQUIRE(std::fpclassify(slot[i]) != FP_SUBNORMAL);
      }
  }
}
