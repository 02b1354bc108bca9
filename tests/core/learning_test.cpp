// learning_test.cpp — the network really learns the toy problems (seeded, so never flaky).
#include "datasets.hpp"
#include "helpers.hpp"

using namespace nn;

namespace {

struct Run {
  double loss, accuracy;
};

// Trains on the whole dataset for `epochs` and evaluates on the same (training) data.
Run train(const std::string& dataset, int classes, NetworkSpec spec, int epochs, int batch, int n = 200) {
  const Dataset data = makeDataset(dataset, n, 0.0, classes, 11);
  Network<float> net(std::move(spec));
  const Mat<float> X = data.X.cast<float>();
  const Mat<float> Y = encodeTargets(data, net.outputs(), net.spec().layers.back().activation).cast<float>();
  for (int e = 0; e < epochs; ++e) net.trainEpoch(X, Y, batch, true);
  const Evaluation<float> ev = net.evaluate(X, Y);
  return {ev.loss, ev.accuracy};
}

NetworkSpec spec(std::vector<LayerSpec> layers, const std::string& loss, const std::string& opt, double lr) {
  NetworkSpec s;
  s.layers = std::move(layers);
  s.loss = loss;
  s.optimizer.type = opt;
  s.optimizer.learningRate = lr;
  s.seed = 5;
  return s;
}

}  // namespace

TEST_CASE("XOR reaches 100% training accuracy", "[learning]") {
  const Run r = train("xor", 2, spec({{8, "tanh"}, {1, "sigmoid"}}, "binary_crossentropy", "adam", 0.03), 200, 10);
  CAPTURE(r.loss);
  REQUIRE(r.accuracy == 1.0);
}

TEST_CASE("circle reaches 100% training accuracy", "[learning]") {
  const Run r =
      train("circle", 2, spec({{8, "tanh"}, {8, "tanh"}, {1, "sigmoid"}}, "binary_crossentropy", "adam", 0.03), 200, 10);
  CAPTURE(r.loss);
  REQUIRE(r.accuracy == 1.0);
}

TEST_CASE("3-class spiral reaches at least 95% training accuracy", "[learning]") {
  const Run r = train("spiral", 3,
                      spec({{32, "relu"}, {32, "relu"}, {3, "softmax"}}, "categorical_crossentropy", "adam", 0.01), 400,
                      16, 300);
  CAPTURE(r.loss);
  REQUIRE(r.accuracy >= 0.95);
}

TEST_CASE("regression: a linear model fits plane to MSE < 1e-4, an MLP fits multigauss to MSE < 0.01", "[learning]") {
  const Run plane = train("plane", 0, spec({{1, "linear"}}, "mse", "sgd", 0.01), 100, 10);
  CAPTURE(plane.loss);
  REQUIRE(plane.loss < 1e-4);
  const Run bumps =
      train("multigauss", 0, spec({{16, "tanh"}, {16, "tanh"}, {1, "linear"}}, "mse", "adam", 0.01), 300, 10, 400);
  CAPTURE(bumps.loss);
  REQUIRE(bumps.loss < 0.01);
}

TEST_CASE("zeros initialisation keeps every hidden neuron identical (symmetry is never broken)", "[learning]") {
  NetworkSpec s = spec({{4, "tanh"}, {1, "sigmoid"}}, "binary_crossentropy", "sgd", 0.1);
  s.init = "zeros";
  const Dataset data = makeDataset("xor", 50, 0.0, 2, 1);
  Network<double> net(s);
  const Mat<double> Y = encodeTargets(data, 1, "sigmoid");
  for (int e = 0; e < 20; ++e) net.trainEpoch(data.X, Y, 10);
  for (int r = 1; r < 4; ++r) REQUIRE(net.W(0).row(r) == net.W(0).row(0));
}
