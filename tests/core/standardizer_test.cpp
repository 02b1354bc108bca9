// standardizer_test.cpp — the input standardizer a network keeps: checked when set (nothing changes
// on failure), applied first by every call that takes X (each compared, bit for bit, with a network
// without one fed nn::standardize's output), copied by clone, saved by toJSON (version 2; a network
// without one is still saved as version 1) and read back strictly.
#include <nlohmann/json.hpp>

#include "datasets.hpp"
#include "gradcheck.hpp"
#include "helpers.hpp"
#include "serialize.hpp"

using namespace nn;
using json = nlohmann::json;

namespace {

NetworkSpec spec3() {
  NetworkSpec s;
  s.inputs = 3;
  s.layers = {{5, "tanh"}, {3, "softmax"}};
  s.optimizer.type = "adam";
  s.optimizer.learningRate = 0.01;
  s.seed = 8;
  return s;
}

// Raw data far from standard (means ~100, scales from 0.01 to 50) and its standardised copy.
struct Data {
  Dataset raw;
  Standardizer s;
  Mat<float> X, Xs, Y;  // X (3, n) raw, Xs (3, n) standardised by nn::standardize, Y one-hot
};
Data data(Eigen::Index n = 40) {
  Data d;
  Rng rng(5);
  d.raw.classes = 3;
  d.X.resize(3, n);  // float first: the network's inputs are floats
  for (Eigen::Index j = 0; j < n; ++j) {
    d.X(0, j) = float(100 + 50 * rng.uniform(-1, 1));
    d.X(1, j) = float(-3 + 0.01 * rng.uniform(-1, 1));
    d.X(2, j) = float(rng.uniform(0, 1));
    d.raw.labels.push_back(int(j % 3));
  }
  d.raw.X = d.X.cast<double>();
  d.s = fitStandardizer(d.raw);
  d.Xs = standardize(d.raw, d.s).X.cast<float>();
  d.Y = encodeTargets(d.raw, 3, "softmax").cast<float>();
  return d;
}

}  // namespace

TEST_CASE("setStandardizer checks lengths, finiteness and scale > 0, naming the field; nothing changes on failure", "[standardizer]") {
  Network<float> net(spec3());
  const Data d = data();
  const std::string before = toJSON(net);
  const auto rejects = [&](Standardizer s, const std::string& message) {
    CAPTURE(message);
    REQUIRE_THROWS_WITH(net.setStandardizer(std::move(s)), message);
    REQUIRE(net.standardizer() == nullptr);
    REQUIRE(toJSON(net) == before);
  };
  Standardizer s = d.s;
  s.mean.resize(2);
  rejects(s, "standardizer.mean: expected one value per input of the network: 3 (got 2)");
  s = d.s;
  s.scale.resize(4);
  rejects(s, "standardizer.scale: expected one value per input of the network: 3 (got 4)");
  s = d.s;
  s.mean(1) = std::numeric_limits<double>::quiet_NaN();
  rejects(s, "standardizer.mean[1]: must be finite (got nan)");
  s = d.s;
  s.scale(2) = 0;
  rejects(s, "standardizer.scale[2]: must be finite and > 0 (got 0)");
  s.scale(2) = -1;
  rejects(s, "standardizer.scale[2]: must be finite and > 0 (got -1)");
  s.scale(2) = std::numeric_limits<double>::infinity();
  rejects(s, "standardizer.scale[2]: must be finite and > 0 (got inf)");

  net.setStandardizer(d.s);
  REQUIRE(net.standardizer() != nullptr);
  REQUIRE(net.standardizer()->mean == d.s.mean);
  REQUIRE(net.standardizer()->scale == d.s.scale);
  // A bad one leaves the one that was set.
  s = d.s;
  s.scale(0) = 0;
  REQUIRE_THROWS_AS(net.setStandardizer(s), Error);
  REQUIRE(net.standardizer()->scale == d.s.scale);
  net.clearStandardizer();
  REQUIRE(net.standardizer() == nullptr);
  REQUIRE(toJSON(net) == before);
}

TEST_CASE("every call taking X standardises it first: the same bits as a plain network on standardize(X)", "[standardizer]") {
  const Data d = data();
  Network<float> plain(spec3());
  Network<float> net = plain.clone();
  net.setStandardizer(d.s);

  REQUIRE(Mat<float>(net.predict(d.X)) == plain.predict(d.Xs));
  for (int l = 0; l < 2; ++l) REQUIRE(Mat<float>(net.forwardTo(d.X, l)) == plain.forwardTo(d.Xs, l));
  REQUIRE(net.computeGradients(d.X, d.Y) == plain.computeGradients(d.Xs, d.Y));
  REQUIRE(Mat<float>(net.dW(0)) == Mat<float>(plain.dW(0)));
  const Evaluation<float> e = net.evaluate(d.X, d.Y), f = plain.evaluate(d.Xs, d.Y);
  REQUIRE(e.loss == f.loss);
  REQUIRE(e.accuracy == f.accuracy);
  const Trace<float> t = net.trace(d.X, d.Y), u = plain.trace(d.Xs, d.Y);
  REQUIRE(t.loss == u.loss);
  for (std::size_t l = 0; l < 2; ++l) REQUIRE(t.dZ[l] == u.dZ[l]);
  const auto checks = gradientCheck(net, d.X, d.Y), plainChecks = gradientCheck(plain, d.Xs, d.Y);
  for (std::size_t l = 0; l < checks.size(); ++l) {
    REQUIRE(checks[l].weights == plainChecks[l].weights);
    REQUIRE(checks[l].weights < 1e-2);
  }
  REQUIRE(net.trainBatch(d.X, d.Y) == plain.trainBatch(d.Xs, d.Y));
  REQUIRE(net.trainEpoch(d.X, d.Y, 8) == plain.trainEpoch(d.Xs, d.Y, 8));
  REQUIRE(net.trainEpoch(d.X, d.Y, 7, false) == plain.trainEpoch(d.Xs, d.Y, 7, false));
  REQUIRE(net.parameters() == plain.parameters());

  Mat<float> Xl;
  net.standardizeInputs(d.X, Xl);
  REQUIRE(Xl == d.Xs);
  plain.standardizeInputs(d.X, Xl);  // none: a copy
  REQUIRE(Xl == d.X);
}

TEST_CASE("a value standardised beyond float's range is an error naming x; nothing changes", "[standardizer]") {
  const Data d = data(6);
  Network<float> net(spec3());
  Standardizer s = d.s;
  s.scale(1) = 1e-300;  // finite and > 0, but −3 / 1e-300 is no float
  net.setStandardizer(s);
  const Vec<float> before = net.parameters();
  const std::uint64_t rng = net.shuffleRng().state()[0];
  REQUIRE_THROWS_WITH(net.predict(d.X), "x: sample 0 standardises beyond float's range (a scale too small for it)");
  REQUIRE_THROWS_WITH(net.trainBatch(d.X, d.Y), Catch::StartsWith("x: sample 0 standardises"));
  REQUIRE_THROWS_WITH(net.trainEpoch(d.X, d.Y, 2), Catch::StartsWith("x: sample 0 standardises"));
  REQUIRE_THROWS_WITH(net.evaluate(d.X, d.Y), Catch::StartsWith("x: sample 0 standardises"));
  REQUIRE(net.parameters() == before);
  REQUIRE(net.optimizerSteps() == 0);
  REQUIRE(net.shuffleRng().state()[0] == rng);
}

TEST_CASE("clone copies the standardizer", "[standardizer]") {
  const Data d = data();
  Network<float> net(spec3());
  net.setStandardizer(d.s);
  Network<float> copy = net.clone();
  net.clearStandardizer();
  REQUIRE(copy.standardizer() != nullptr);
  REQUIRE(copy.standardizer()->mean == d.s.mean);
  REQUIRE(Mat<float>(copy.predict(d.X)) == net.predict(d.Xs));
}

TEST_CASE("JSON: version 1 without a standardizer, version 2 with one, read back exactly", "[standardizer][json]") {
  const Data d = data();
  Network<float> net(spec3());
  net.trainEpoch(d.Xs, d.Y, 8);
  const std::string v1 = toJSON(net);
  REQUIRE(json::parse(v1)["version"] == 1);
  REQUIRE_FALSE(json::parse(v1).contains("standardizer"));

  net.setStandardizer(d.s);
  const std::string v2 = toJSON(net);
  const json doc = json::parse(v2);
  REQUIRE(doc["version"] == 2);
  REQUIRE(doc["standardizer"]["mean"].size() == 3);
  REQUIRE(doc["standardizer"]["mean"][0].get<double>() == d.s.mean(0));  // every bit of a double
  REQUIRE(doc["standardizer"]["scale"][1].get<double>() == d.s.scale(1));
  // The field's place in the text: after the spec, before the weights.
  REQUIRE(v2.find("\"spec\"") < v2.find("\"standardizer\""));
  REQUIRE(v2.find("\"standardizer\"") < v2.find("\"weights\""));

  Network<float> back = networkFromJSON<float>(v2);
  REQUIRE(back.standardizer()->mean == d.s.mean);
  REQUIRE(back.standardizer()->scale == d.s.scale);
  REQUIRE(toJSON(back) == v2);
  REQUIRE(Mat<float>(back.predict(d.X)) == net.predict(d.X));
  Network<double> asDouble = networkFromJSON<double>(v2);
  REQUIRE(asDouble.standardizer()->scale == d.s.scale);

  // Version 1 does not read the field: a v1 document carrying one (an application's metadata, say)
  // loads as every version-1 reader loads it, without a standardizer.
  json old = json::parse(v1);
  old["standardizer"] = doc["standardizer"];
  REQUIRE(networkFromJSON<float>(old.dump()).standardizer() == nullptr);
}

TEST_CASE("JSON: a malformed standardizer is rejected naming its field", "[standardizer][json][errors]") {
  const Data d = data();
  Network<float> net(spec3());
  net.setStandardizer(d.s);
  const std::string good = toJSON(net);
  const auto mutate = [&](const std::function<void(json&)>& f) {
    json doc = json::parse(good);
    f(doc);
    return doc.dump();
  };
  const std::vector<std::pair<std::string, std::string>> cases = {
      {mutate([](json& j) { j.erase("standardizer"); }), "standardizer: is missing"},
      {mutate([](json& j) { j["standardizer"] = nullptr; }), "standardizer: must be an object {mean, scale}"},
      {mutate([](json& j) { j["standardizer"] = {1, 2}; }), "standardizer: must be an object {mean, scale}"},
      {mutate([](json& j) { j["standardizer"].erase("scale"); }), "standardizer.scale: is missing"},
      {mutate([](json& j) { j["standardizer"]["offset"] = 1; }), "standardizer.offset: unknown field (expected mean, scale)"},
      {mutate([](json& j) { j["standardizer"]["mean"].erase(0); }), "standardizer.mean: expected 3 numbers (got 2)"},
      {mutate([](json& j) { j["standardizer"]["mean"] = "x"; }), "standardizer.mean: must be an array of numbers"},
      {mutate([](json& j) { j["standardizer"]["mean"][2] = "x"; }), "standardizer.mean[2]: must be a number"},
      {mutate([](json& j) { j["standardizer"]["scale"][1] = 0; }), "standardizer.scale[1]: must be finite and > 0 (got 0)"},
      {mutate([](json& j) { j["standardizer"]["scale"][0] = -2.5; }), "standardizer.scale[0]: must be finite and > 0 (got -2.5)"},
      {mutate([](json& j) { j["standardizer"]["scale"].push_back(1); }), "standardizer.scale: expected 3 numbers (got 4)"},
  };
  for (const auto& [doc, message] : cases) {
    CAPTURE(message);
    REQUIRE_THROWS_WITH(networkFromJSON<float>(doc), message);
  }
}
