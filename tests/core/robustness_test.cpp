// robustness_test.cpp — the core's side of "nothing can kill the module or poison a network"
// (issue 10): errors carry their field, quote little of a value; the JSON reader has stated depth
// and size limits and rejects duplicate keys; hyperparameters are checked as the float network uses
// them; a step whose result would be non-finite is rolled back; a loaded document meets the rules a
// created network meets, with a 64-bit step counter.
#include <limits>
#include <nlohmann/json.hpp>

#include "datasets.hpp"
#include "helpers.hpp"
#include "serialize.hpp"

using namespace nn;

namespace {

NetworkSpec small(const std::string& optimizer = "adam") {
  NetworkSpec s;
  s.layers = {{6, "tanh"}, {1, "sigmoid"}};
  s.optimizer.type = optimizer;
  s.seed = 5;
  return s;
}

Error errorOf(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e;
  }
  FAIL("no nn::Error was thrown");
  return Error("", "");
}

bool finite(const Network<float>& net) {
  bool ok = allFinite(net.parameters().data(), net.parameters().size());
  for (const Vec<float>& s : net.optimizerState()) ok = ok && allFinite(s.data(), s.size());
  return ok;
}

struct Batch {
  Mat<float> X, Y;
};
Batch xorBatch() {
  const Dataset d = makeDataset("xor", 40, 0, 0, 3);
  return {d.X.cast<float>(), encodeTargets(d, 1, "sigmoid").cast<float>()};
}

}  // namespace

TEST_CASE("errors carry the field apart from the message, and quote at most ~100 characters", "[robustness]") {
  NetworkSpec s = small();
  s.layers[0].units = 0;
  const Error e = errorOf([&] { Network<float> net(s); });
  CHECK(e.field() == "layers[0].units");
  CHECK(std::string(e.what()) == "layers[0].units: " + e.detail());
  s = small();
  s.layers[0].activation = std::string(50 << 20, 'z');
  const Error big = errorOf([&] { Network<float> net(s); });
  CHECK(big.field() == "layers[0].activation");
  CHECK(std::string(big.what()).size() < 400);
  CHECK(errorOf([] { networkFromJSON<float>(R"({"format":"nn-by-hand/network","version":1,"spec":{"inputs":2,"layers":[{"units":1,"activation":"linear"}],"loss":"mse","optimizer":{"type":"sgd","learningRate":0.1,"momentum":0.9,"beta1":0.9,"beta2":0.999,"rho":0.99,"epsilon":1e-8},"l1":0,"l2":0,"init":"zeros","seed":1,")" +
                                              std::string(1000, 'k') + R"(":1}})"); })
            .field()
            .size() < 150);
}

TEST_CASE("the JSON reader rejects documents beyond its stated depth and size, and duplicate keys", "[robustness]") {
  Network<float> net(small());
  const std::string good = toJSON(net);
  const auto nested = [&](int depth) {
    return "{\"x\":" + std::string(std::size_t(depth), '[') + std::string(std::size_t(depth), ']') + "," + good.substr(1);
  };
  networkFromJSON<float>(nested(kMaxDocumentDepth - 1));  // an unknown top-level field, 64 levels in all: read
  for (int depth : {kMaxDocumentDepth, 10'000, 200'000}) {  // 200,000 was a stack overflow (SIGSEGV)
    const Error e = errorOf([&] { networkFromJSON<float>(nested(depth)); });
    CHECK(e.field() == "json");
    CHECK_THAT(e.what(), Catch::Contains("nested deeper than 64 levels"));
  }
  const Error size = errorOf([] { networkFromJSON<float>(std::string(kMaxDocumentBytes + 1, ' ')); });
  CHECK_THAT(size.what(), Catch::StartsWith("json: the document is 268435457 bytes; the limit is 256 MiB"));
  std::string twice = good;
  twice.insert(1, "\"version\":1,");
  CHECK_THAT(errorOf([&] { networkFromJSON<float>(twice); }).what(), Catch::Contains("'version' appears twice"));
  std::string escaped = good;  // keys are compared decoded
  escaped.insert(1, "\"vers\\u0069on\":1,");
  CHECK_THAT(errorOf([&] { networkFromJSON<float>(escaped); }).what(), Catch::Contains("'version' appears twice"));
  CHECK(errorOf([] { specFromJSON(R"({"inputs":3,"\u0069nputs":5,"layers":[{"units":1}]})"); }).field() == "json");
  std::string manyKeys = "{";  // 100,000 distinct unknown keys: read in linear time, then ignored
  for (int k = 0; k < 100000; ++k) manyKeys += "\"k" + std::to_string(k) + "\":0,";
  networkFromJSON<float>(manyKeys + good.substr(1));
  // brackets and quotes inside strings are text, not structure
  networkFromJSON<float>("{\"note\":\"[[[[{{\\\"\\\\\"," + good.substr(1));
  CHECK(errorOf([] { specFromJSON(R"({"layers":[{"units":1}],"loss":""})"); }).field() == "loss");
}

TEST_CASE("hyperparameters are checked in the precision the float network uses", "[robustness]") {
  const auto rejects = [](const std::function<void(NetworkSpec&)>& change, const std::string& field) {
    NetworkSpec s = small();
    change(s);
    CAPTURE(field);
    CHECK(errorOf([&] { Network<float> net(s); }).field() == field);
  };
  rejects([](NetworkSpec& s) { s.optimizer.learningRate = 1e39; }, "optimizer.learningRate");
  rejects([](NetworkSpec& s) { s.optimizer.learningRate = 1e-50; }, "optimizer.learningRate");
  rejects([](NetworkSpec& s) { s.l1 = 1e308; }, "l1");
  rejects([](NetworkSpec& s) { s.l2 = 1e39; }, "l2");
  rejects([](NetworkSpec& s) { s.optimizer.epsilon = 1e-50; }, "optimizer.epsilon");
  rejects([](NetworkSpec& s) { s.optimizer.beta2 = 0.9999999999; }, "optimizer.beta2");  // 1 in float
  rejects([](NetworkSpec& s) { s.optimizer.type = "momentum", s.optimizer.momentum = 0.999999999; }, "optimizer.momentum");
  NetworkSpec fine = small();
  fine.optimizer.learningRate = 3e38, fine.l2 = 1e-30, fine.optimizer.beta2 = 0.9999;
  Network<float> net(fine);  // the extremes a float holds are accepted
}

TEST_CASE("a step whose result would be non-finite is rolled back and reported as divergence", "[robustness]") {
  const Batch b = xorBatch();
  for (const auto& [optimizer, lr, l2] : std::vector<std::tuple<std::string, double, double>>{
           {"sgd", 1, 1e30}, {"sgd", 3e38, 0}, {"momentum", 1e38, 0}, {"rmsprop", 1e38, 0}, {"adam", 3e38, 0}}) {
    NetworkSpec s = small(optimizer);
    s.optimizer.learningRate = lr, s.l2 = l2;
    Network<float> net(s);
    CAPTURE(optimizer, lr, l2);
    bool diverged = false;
    for (int step = 0; step < 20 && !diverged; ++step) {
      const std::string before = toJSON(net);
      const float loss = net.trainBatch(b.X, b.Y);
      REQUIRE(finite(net));
      if (!std::isfinite(loss)) {
        diverged = true;
        CHECK(toJSON(net) == before);
      }
    }
    CHECK(diverged);
    CHECK(!std::isfinite(net.trainEpoch(b.X, b.Y, 8)));
    CHECK(finite(net));
    networkFromJSON<float>(toJSON(net));  // its own save loads
  }
}

TEST_CASE("a loaded document meets the rules a created network meets, with steps counted in 64 bits", "[robustness]") {
  const Batch b = xorBatch();
  const auto saved = [&](const std::string& optimizer) {
    Network<float> net(small(optimizer));
    net.trainEpoch(b.X, b.Y, 8);
    return nlohmann::json::parse(toJSON(net));
  };
  auto rms = saved("rmsprop");
  rms["optimizerState"]["slots"][0]["weights"][0][0] = -1.0;
  CHECK(errorOf([&] { networkFromJSON<float>(rms.dump()); }).field() == "optimizerState.slots[0]");
  auto adam = saved("adam");
  adam["optimizerState"]["slots"][0]["weights"][0][0] = -1.0;  // a first moment may be negative
  networkFromJSON<float>(adam.dump());
  adam["optimizerState"]["slots"][1]["biases"][0][0] = -1e-30;
  CHECK(errorOf([&] { networkFromJSON<float>(adam.dump()); }).field() == "optimizerState.slots[1]");
  auto steps = saved("adam");
  for (double bad : {-1.0, 9007199254740992.0, 1e300}) {
    steps["optimizerState"]["step"] = bad;
    CHECK(errorOf([&] { networkFromJSON<float>(steps.dump()); }).field() == "optimizerState.step");
  }
  steps["optimizerState"]["step"] = 2147483647;  // where a 32-bit long wrapped
  Network<float> net = networkFromJSON<float>(steps.dump());
  for (int i = 0; i < 3; ++i) CHECK(std::isfinite(net.trainBatch(b.X, b.Y)));
  CHECK(net.optimizerSteps() == 2147483650LL);
  CHECK(finite(net));
  steps["optimizerState"]["step"] = kMaxSteps;  // no step left to count: refused before anything changes
  Network<float> full = networkFromJSON<float>(steps.dump());
  const std::string before = toJSON(full);
  CHECK(errorOf([&] { full.trainBatch(b.X, b.Y); }).field() == "optimizerState.step");
  CHECK(toJSON(full) == before);
}

TEST_CASE("trace hands its workspaces over, and encodeTargets checks the activation and reads its midpoint", "[robustness]") {
  const Batch b = xorBatch();
  Network<float> net(small());
  const Trace<float> t = net.trace(b.X, b.Y);
  CHECK(t.Z.size() == 2);
  CHECK(t.A[1].cols() == b.X.cols());
  CHECK(net.predict(b.X).cols() == b.X.cols());  // and the network still computes
  Dataset d;
  d.classes = 2;
  d.X = Mat<double>::Zero(4, 2);  // any number of inputs
  d.labels = {0, 1};
  CHECK(encodeTargets(d, 1, "tanh")(0, 0) == -1.0);
  CHECK(encodeTargets(d, 1, "sigmoid")(0, 0) == 0.0);
  CHECK(errorOf([&] { encodeTargets(d, 1, "bogus"); }).field() == "outputActivation");
}
