// errors_test.cpp — every invalid input is rejected with a message naming the field, and a
// rejected call leaves the network exactly as it was.
#include "datasets.hpp"
#include "helpers.hpp"

using namespace nn;

namespace {

NetworkSpec valid() {
  NetworkSpec s;
  s.layers = {{4, "tanh"}, {2, "softmax"}};
  return s;
}

void expectSpecError(const std::function<void(NetworkSpec&)>& change, const std::string& message) {
  NetworkSpec s = valid();
  change(s);
  CAPTURE(message);
  REQUIRE_THROWS_AS(Network<float>(s), Error);
  REQUIRE_THROWS_WITH(Network<float>(s), Catch::StartsWith(message));
}

}  // namespace

TEST_CASE("invalid specs name the field", "[errors]") {
  expectSpecError([](NetworkSpec& s) { s.inputs = 0; }, "inputs: must be an integer from 1");
  expectSpecError([](NetworkSpec& s) { s.layers.clear(); }, "layers: needs at least one layer");
  expectSpecError([](NetworkSpec& s) { s.layers[0].units = 0; }, "layers[0].units: must be an integer from 1");
  expectSpecError([](NetworkSpec& s) { s.layers[1].units = -3; }, "layers[1].units");
  expectSpecError([](NetworkSpec& s) { s.layers[0].activation = "sigmoidd"; },
                  "layers[0].activation: unknown activation 'sigmoidd' (choose from linear, sigmoid");
  expectSpecError([](NetworkSpec& s) { s.layers[1] = {1, "softmax"}; }, "layers[1].activation: softmax over a single unit");
  expectSpecError([](NetworkSpec& s) { s.layers.assign(65, {2, "relu"}); }, "layers: at most 64 layers");
  expectSpecError([](NetworkSpec& s) { s.layers[0].units = 4096, s.layers.insert(s.layers.begin(), {4096, "relu"}); },
                  "layers: 16801794 parameters is more than the limit of 8000000");
  expectSpecError([](NetworkSpec& s) { s.loss = "hinge"; }, "loss: unknown loss 'hinge' (choose from mse, mae");
  expectSpecError([](NetworkSpec& s) { s.loss = "binary_crossentropy", s.layers[1].activation = "tanh"; },
                  "loss: binary_crossentropy takes log of the outputs");
  expectSpecError([](NetworkSpec& s) { s.optimizer.type = "lbfgs"; }, "optimizer.type: unknown optimizer 'lbfgs'");
  expectSpecError([](NetworkSpec& s) { s.optimizer.learningRate = 0; }, "optimizer.learningRate: must be a finite number > 0");
  expectSpecError([](NetworkSpec& s) { s.optimizer.learningRate = INFINITY; }, "optimizer.learningRate");
  expectSpecError([](NetworkSpec& s) { s.optimizer.momentum = 1; }, "optimizer.momentum: must be in [0, 1)");
  expectSpecError([](NetworkSpec& s) { s.optimizer.beta1 = -0.1; }, "optimizer.beta1");
  expectSpecError([](NetworkSpec& s) { s.optimizer.beta2 = NAN; }, "optimizer.beta2");
  expectSpecError([](NetworkSpec& s) { s.optimizer.rho = 2; }, "optimizer.rho");
  expectSpecError([](NetworkSpec& s) { s.optimizer.epsilon = 0; }, "optimizer.epsilon: must be in (0, 1]");
  expectSpecError([](NetworkSpec& s) { s.l1 = -1; }, "l1: must be a finite number ≥ 0");
  expectSpecError([](NetworkSpec& s) { s.l2 = NAN; }, "l2: must be a finite number ≥ 0");
  expectSpecError([](NetworkSpec& s) { s.init = "orthogonal"; }, "init: unknown initializer 'orthogonal'");
}

TEST_CASE("invalid batches name x or y and leave the network untouched", "[errors]") {
  Network<float> net(valid());
  const Vec<float> before = net.parameters();
  Mat<float> X = Mat<float>::Ones(2, 5), Y = Mat<float>::Zero(2, 5);
  Y.row(0).setOnes();
  REQUIRE_THROWS_WITH(net.trainBatch(Mat<float>::Ones(3, 5), Y), "x: each sample needs 2 inputs (got 3)");
  REQUIRE_THROWS_WITH(net.trainBatch(Mat<float>(2, 0), Mat<float>(2, 0)), Catch::StartsWith("x: the batch is empty"));
  REQUIRE_THROWS_WITH(net.trainBatch(X, Mat<float>::Zero(2, 4)), Catch::StartsWith("y: expected 2 targets for each of the 5"));
  REQUIRE_THROWS_WITH(net.trainBatch(X, Mat<float>::Zero(3, 5)), Catch::StartsWith("y: expected 2 targets"));
  Mat<float> bad = X;
  bad(1, 3) = NAN;
  REQUIRE_THROWS_WITH(net.trainBatch(bad, Y), "x: contains NaN or infinity");
  REQUIRE_THROWS_WITH(net.predict(bad), "x: contains NaN or infinity");
  REQUIRE_THROWS_WITH(net.evaluate(bad, Y), "x: contains NaN or infinity");
  Mat<float> badY = Y;
  badY(0, 0) = INFINITY;
  REQUIRE_THROWS_WITH(net.trainEpoch(X, badY, 2), "y: contains NaN or infinity");
  REQUIRE_THROWS_WITH(net.trainEpoch(X, Y, 0), Catch::StartsWith("batchSize: must be an integer ≥ 1"));
  REQUIRE_THROWS_WITH(net.computeGradients(X, Mat<float>::Zero(1, 5)), Catch::StartsWith("y: expected"));
  REQUIRE(net.parameters() == before);
  REQUIRE(net.optimizerSteps() == 0);
}

TEST_CASE("invalid weights, layers and optimizer settings leave the network as it was", "[errors]") {
  Network<float> net(valid());
  const Vec<float> before = net.parameters();
  const OptimizerSettings optimizer = net.spec().optimizer;
  REQUIRE_THROWS_WITH(net.setWeights(2, Mat<float>::Zero(2, 4)), Catch::StartsWith("layer: layer 2 is out of range"));
  REQUIRE_THROWS_WITH(net.setWeights(-1, Mat<float>::Zero(2, 4)), Catch::StartsWith("layer: layer -1 is out of range"));
  REQUIRE_THROWS_WITH(net.setWeights(1, Mat<float>::Zero(4, 2)), "weights: layer 1 needs 2×4 values (got 4×2)");
  Mat<float> nan = Mat<float>::Zero(2, 4);
  nan(0, 0) = NAN;
  REQUIRE_THROWS_WITH(net.setWeights(1, nan), "weights: contains NaN or infinity");
  REQUIRE_THROWS_WITH(net.setBiases(0, Vec<float>::Zero(3)), "biases: layer 0 needs 4 values (got 3)");
  OptimizerSettings bad = optimizer;
  bad.type = "adagrad";
  REQUIRE_THROWS_WITH(net.setOptimizer(bad), Catch::StartsWith("optimizer.type: unknown optimizer 'adagrad'"));
  bad = optimizer;
  bad.beta1 = 1.5;
  REQUIRE_THROWS_WITH(net.setOptimizer(bad), Catch::StartsWith("optimizer.beta1"));
  REQUIRE(net.parameters() == before);
  REQUIRE(net.spec().optimizer.type == optimizer.type);
  REQUIRE(net.spec().optimizer.beta1 == optimizer.beta1);
}

TEST_CASE("invalid dataset requests name the field", "[errors][dataset]") {
  REQUIRE_THROWS_WITH(makeDataset("swirl", 10, 0, 0, 1), Catch::StartsWith("name: unknown dataset 'swirl' (choose from circle"));
  REQUIRE_THROWS_WITH(makeDataset("circle", 0, 0, 0, 1), Catch::StartsWith("n: the number of points must be from 1"));
  REQUIRE_THROWS_WITH(makeDataset("circle", 100001, 0, 0, 1), Catch::StartsWith("n:"));
  REQUIRE_THROWS_WITH(makeDataset("circle", 10, -0.1, 0, 1), Catch::StartsWith("noise: must be from 0 to 1"));
  REQUIRE_THROWS_WITH(makeDataset("circle", 10, NAN, 0, 1), Catch::StartsWith("noise:"));
  REQUIRE_THROWS_WITH(makeDataset("spiral", 10, 0, 7, 1), "classes: spiral takes 2 to 6 classes (got 7)");
  REQUIRE_THROWS_WITH(makeDataset("xor", 10, 0, 3, 1), "classes: xor takes 2 classes (got 3)");
  REQUIRE_THROWS_WITH(makeDataset("plane", 10, 0, 2, 1), Catch::StartsWith("classes: plane is a regression dataset"));
  const Dataset d = makeDataset("blobs", 10, 0, 3, 1);
  REQUIRE_THROWS_WITH(splitDataset(d, 1.0, 1), Catch::StartsWith("testRatio: must be in [0, 1)"));
  REQUIRE_THROWS_WITH(encodeTargets(d, 1, "sigmoid"), Catch::StartsWith("outputs: 3 classes need 3 outputs"));
  REQUIRE_THROWS_WITH(encodeTargets(d, 4, "softmax"), Catch::StartsWith("outputs: 3 classes need 3 outputs"));
  REQUIRE_THROWS_WITH(encodeTargets(makeDataset("plane", 5, 0, 0, 1), 2, "linear"),
                      Catch::StartsWith("outputs: a regression dataset needs 1 output"));
}
