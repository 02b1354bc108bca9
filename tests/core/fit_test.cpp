// fit_test.cpp — the core's half of fit(): an epoch in pieces is trainEpoch exactly (any split into
// pieces: the same draws, steps and bits), the running accuracy is evaluate's rule applied to each
// batch before its step, FitRun checks everything before it changes anything (validation fields
// prefixed), fits the standardizer on the training part only, and a diverging epoch stops at the
// first non-finite batch with the weights finite.
#include <cstring>

#include "datasets.hpp"
#include "fit.hpp"
#include "helpers.hpp"
#include "serialize.hpp"

using namespace nn;

namespace {

NetworkSpec blobsSpec() {
  NetworkSpec s;
  s.layers = {{8, "relu"}, {3, "softmax"}};
  s.optimizer.type = "adam";
  s.optimizer.learningRate = 0.01;
  s.seed = 21;
  return s;
}

struct Data {
  Mat<float> X, Y;
};
Data blobs(Eigen::Index n = 90, std::uint64_t seed = 3) {
  const Dataset d = makeDataset("blobs", n, 0.3, 3, seed);
  return {d.X.cast<float>(), encodeTargets(d, 3, "softmax").cast<float>()};
}

}  // namespace

TEST_CASE("an epoch in pieces is trainEpoch, bit for bit, however it is cut", "[fit]") {
  const Data d = blobs(93);
  for (const bool shuffle : {true, false}) {
    for (const Eigen::Index piece : {Eigen::Index(1), Eigen::Index(2), Eigen::Index(5), Eigen::Index(1000)}) {
      CAPTURE(shuffle, piece);
      Network<float> whole(blobsSpec());
      Network<float> pieces = whole.clone();
      Epoch<float> e;
      for (int epoch = 0; epoch < 3; ++epoch) {
        const float loss = whole.trainEpoch(d.X, d.Y, 10, shuffle);
        pieces.beginEpoch(e, d.X.cols(), 10, shuffle);
        REQUIRE(e.batch == 10);
        Eigen::Index calls = 0;
        while (!pieces.continueEpoch(e, d.X, d.Y, piece)) ++calls;
        REQUIRE(calls == (10 + piece - 1) / piece - 1);  // ceil(93 / 10) = 10 batches
        REQUIRE(e.batches == 10);
        REQUIRE(e.seen == 93);
        REQUIRE(e.loss() == loss);
      }
      REQUIRE(pieces.parameters() == whole.parameters());
      REQUIRE(toJSON(pieces) == toJSON(whole));  // optimizer state, steps and the shuffle stream too
    }
  }
}

TEST_CASE("the running accuracy judges each batch as evaluate does, before its step", "[fit]") {
  const Data d = blobs(50);
  Network<float> net(blobsSpec());
  Network<float> byHand = net.clone();
  Epoch<float> e;
  net.beginEpoch(e, d.X.cols(), 8, false, true);
  net.continueEpoch(e, d.X, d.Y, 1000);
  Eigen::Index correct = 0;
  for (Eigen::Index start = 0; start < 50; start += 8) {  // unshuffled: contiguous batches
    const Eigen::Index len = std::min<Eigen::Index>(8, 50 - start);
    const Mat<float> Xb = d.X.middleCols(start, len), Yb = d.Y.middleCols(start, len);
    correct += Eigen::Index(std::lround(byHand.evaluate(Xb, Yb).accuracy * double(len)));
    byHand.trainBatch(Xb, Yb);
  }
  REQUIRE(e.correct == correct);
  REQUIRE(e.accuracy() == double(correct) / 50.0);
  REQUIRE(net.parameters() == byHand.parameters());
  // Not counted unless asked (trainEpoch never counts).
  net.beginEpoch(e, d.X.cols(), 8, true);
  net.continueEpoch(e, d.X, d.Y, 1000);
  REQUIRE(e.correct == 0);
}

TEST_CASE("beginEpoch checks batchSize and n before drawing anything", "[fit][errors]") {
  Network<float> net(blobsSpec());
  const std::uint64_t rng = net.shuffleRng().state()[0];
  Epoch<float> e;
  REQUIRE_THROWS_WITH(net.beginEpoch(e, 10, 0, true), "batchSize: must be an integer ≥ 1 (got 0)");
  REQUIRE_THROWS_WITH(net.beginEpoch(e, 0, 4, true), "x: the batch is empty (n must be ≥ 1)");
  REQUIRE(net.shuffleRng().state()[0] == rng);
  const Data d = blobs(20);
  net.beginEpoch(e, 20, 4, true);
  REQUIRE_THROWS_WITH(net.continueEpoch(e, d.X.leftCols(10), d.Y.leftCols(10), 1), "x: the epoch began with other data");
}

TEST_CASE("FitRun: runs trainEpoch's epochs on the training part", "[fit]") {
  const Data d = blobs(60);
  Network<float> net(blobsSpec());
  Network<float> reference = net.clone();
  // Training part: the first 48 samples; validation: the last 12 (x and y are one column per sample).
  FitRun<float> run(net, d.X.data(), d.Y.data(), 48, d.X.data() + 48 * 2, d.Y.data() + 48 * 3, 12, 16, true, true, false, "");
  for (int epoch = 0; epoch < 2; ++epoch) {
    REQUIRE(run.beginEpoch(net) == 3);
    while (!run.runBatches(net, 2)) {}
    REQUIRE(run.epoch().loss() == reference.trainEpoch(d.X.leftCols(48), d.Y.leftCols(48), 16));
  }
  REQUIRE(net.parameters() == reference.parameters());
  REQUIRE(net.standardizer() == nullptr);
}

TEST_CASE("FitRun with standardize: the standardizer fitted on the training part only, set on the network", "[fit][standardizer]") {
  Dataset all = makeDataset("blobs", 60, 0.3, 3, 4);
  all.X.row(0) = (all.X.row(0).array() * 40 + 250).matrix();  // far from standard
  const Mat<float> X = all.X.cast<float>(), Y = encodeTargets(all, 3, "softmax").cast<float>();
  all.X = X.cast<double>();  // the float inputs the network gets
  Dataset train = all;
  train.X = all.X.leftCols(45);
  train.labels.resize(45);
  const Standardizer expected = fitStandardizer(train);

  Network<float> net(blobsSpec());
  Network<float> reference = net.clone();
  FitRun<float> run(net, X.data(), Y.data(), 45, X.data() + 45 * 2, Y.data() + 45 * 3, 15, 10, true, false, true, "");
  REQUIRE(net.standardizer() != nullptr);
  REQUIRE(net.standardizer()->mean == expected.mean);
  REQUIRE(net.standardizer()->scale == expected.scale);
  run.beginEpoch(net);
  while (!run.runBatches(net, 3)) {}
  // The same as training a network without one on the standardised training part.
  const Mat<float> Xs = standardize(train, expected).X.cast<float>();
  REQUIRE(run.epoch().loss() == reference.trainEpoch(Xs, Y.leftCols(45), 10));
  REQUIRE(net.parameters() == reference.parameters());
}

TEST_CASE("FitRun checks everything first, naming the field; nothing changes on failure", "[fit][errors]") {
  const Data d = blobs(30);
  Network<float> net(blobsSpec());
  const std::string before = toJSON(net);
  Mat<float> badX = d.X;
  badX(1, 7) = badX(1, 27) = std::numeric_limits<float>::quiet_NaN();
  Mat<float> badY = d.Y;
  badY.col(3).setConstant(std::numeric_limits<float>::infinity());
  const auto rejects = [&](const std::function<void()>& f, const std::string& message) {
    CAPTURE(message);
    REQUIRE_THROWS_WITH(f(), message);
    REQUIRE(toJSON(net) == before);
    REQUIRE(net.standardizer() == nullptr);
  };
  const float* x = d.X.data();
  const float* y = d.Y.data();
  rejects([&] { FitRun<float>(net, badX.data(), y, 25, x, y, 5, 8, true, false, true, ""); }, "x: contains NaN or infinity");
  rejects([&] { FitRun<float>(net, x, badY.data(), 25, x, y, 5, 8, true, false, true, ""); }, "y: contains NaN or infinity");
  rejects([&] { FitRun<float>(net, x, y, 0, x, y, 5, 8, true, false, true, ""); }, "x: the batch is empty (n must be ≥ 1)");
  rejects([&] { FitRun<float>(net, x, y, 25, x, y, 5, 0, true, false, true, ""); }, "batchSize: must be an integer ≥ 1 (got 0)");
  // The validation part: the tail of x (errors name x) or the user's validationData.
  rejects([&] { FitRun<float>(net, x, y, 25, badX.data() + 25 * 2, y, 5, 8, true, false, true, ""); }, "x: contains NaN or infinity");
  rejects([&] { FitRun<float>(net, x, y, 25, x, badY.data(), 5, 8, true, false, true, "options.validationData."); },
          "options.validationData.y: contains NaN or infinity");
  // A validation sample the fitted standardizer would send beyond float's range: input 0 of the
  // training part varies by one ulp (scale ~1e-8), and the sample's is 1e31.
  Mat<float> narrow = d.X;
  narrow.row(0).setConstant(1.0f);
  narrow(0, 0) = std::nextafter(1.0f, 2.0f);
  Mat<float> far = d.X.leftCols(5);
  far(0, 2) = 1e31f;
  rejects([&] { FitRun<float>(net, narrow.data(), y, 25, far.data(), y, 5, 8, true, false, true, "options.validationData."); },
          "options.validationData.x: sample 2 standardises beyond float's range (a scale too small for it)");
}

TEST_CASE("a diverging epoch stops at the first non-finite batch; the weights stay finite", "[fit]") {
  NetworkSpec s;
  s.layers = {{8, "relu"}, {1, "linear"}};
  s.loss = "mse";
  s.optimizer.type = "sgd";
  s.optimizer.learningRate = 10;
  const Dataset d = makeDataset("plane", 100, 0, 0, 1);  // as network_test's divergence case
  const Mat<float> X = d.X.cast<float>(), Y = encodeTargets(d, 1, "linear").cast<float>();
  Network<float> net(s);
  Network<float> reference = net.clone();
  FitRun<float> run(net, X.data(), Y.data(), 100, nullptr, nullptr, 0, 10, true, true, false, "");
  int epochs = 0;
  for (bool diverged = false; !diverged && epochs < 200; ++epochs) {
    run.beginEpoch(net);
    while (!run.runBatches(net, 1)) {}
    const float expected = reference.trainEpoch(X, Y, 10);
    diverged = run.epoch().diverged;
    REQUIRE(std::isfinite(expected) == !diverged);
    const float got = run.epoch().loss();
    REQUIRE(std::memcmp(&got, &expected, sizeof got) == 0);  // the same bits, NaN included
  }
  REQUIRE(epochs < 200);
  REQUIRE(run.epoch().diverged);
  REQUIRE(allFinite(net.parameters().data(), net.parameters().size()));
  REQUIRE(net.parameters() == reference.parameters());
}
