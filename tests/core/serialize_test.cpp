// serialize_test.cpp — JSON round trip (same predictions, same training afterwards) and the
// rejection of malformed documents with a message naming the field.
#include <nlohmann/json.hpp>

#include "datasets.hpp"
#include "helpers.hpp"
#include "serialize.hpp"

using namespace nn;
using json = nlohmann::json;

namespace {

Network<float> trained(const std::string& optimizer) {
  NetworkSpec s;
  s.layers = {{7, "elu"}, {4, "gelu"}, {3, "softmax"}};
  s.optimizer.type = optimizer;
  s.optimizer.learningRate = 0.01;
  s.l2 = 1e-4;
  s.seed = 99;
  Network<float> net(s);
  const Dataset d = makeDataset("blobs", 60, 0.1, 3, 4);
  net.trainEpoch(d.X.cast<float>(), encodeTargets(d, 3, "softmax").cast<float>(), 8);
  return net;
}

}  // namespace

TEST_CASE("JSON round trip restores weights, optimizer state and the shuffle stream exactly", "[json]") {
  for (const auto& name : optimizerNames()) {
    CAPTURE(name);
    Network<float> a = trained(name);
    Network<float> b = networkFromJSON<float>(toJSON(a));
    REQUIRE(b.parameters() == a.parameters());
    REQUIRE(b.optimizerSteps() == a.optimizerSteps());
    REQUIRE(toJSON(b) == toJSON(a));
    // Continuing to train both gives identical networks: nothing of the state was lost.
    const Dataset d = makeDataset("blobs", 60, 0.1, 3, 5);
    const Mat<float> X = d.X.cast<float>(), Y = encodeTargets(d, 3, "softmax").cast<float>();
    a.trainEpoch(X, Y, 8);
    b.trainEpoch(X, Y, 8);
    REQUIRE(b.parameters() == a.parameters());
  }
}

TEST_CASE("JSON stores W row-major (out × in), as torch nn.Linear.weight", "[json]") {
  NetworkSpec s;
  s.layers = {{3, "relu"}, {1, "sigmoid"}};
  Network<double> net(s);
  const json doc = json::parse(toJSON(net));
  REQUIRE(doc["format"] == "nn-by-hand/network");
  REQUIRE(doc["version"] == 1);
  REQUIRE(doc["weights"][0].size() == 6);
  REQUIRE(doc["weights"][0][1].get<double>() == net.W(0)(0, 1));
  REQUIRE(doc["weights"][0][2].get<double>() == net.W(0)(1, 0));
}

TEST_CASE("a malformed document is rejected with a message naming the field", "[json][errors]") {
  const std::string good = toJSON(trained("adam"));
  const auto mutate = [&](const std::function<void(json&)>& f) {
    json doc = json::parse(good);
    f(doc);
    return doc.dump();
  };
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"{not json", "json: not valid JSON"},
      {"[1,2]", "json: the document must be an object"},
      {mutate([](json& d) { d["format"] = "other"; }), "format:"},
      {mutate([](json& d) { d["version"] = 3; }), "version: this build reads versions 1 to 2 (got 3)"},
      {mutate([](json& d) { d["version"] = 0; }), "version: this build reads versions 1 to 2 (got 0)"},
      {mutate([](json& d) { d["version"] = 2; }), "standardizer: is missing"},
      {mutate([](json& d) { d.erase("spec"); }), "spec: is missing"},
      {mutate([](json& d) { d["spec"]["inputs"] = 0; }), "spec.inputs: must be an integer from 1"},
      {mutate([](json& d) { d["spec"]["inputs"] = "two"; }), "spec.inputs: must be an integer"},
      {mutate([](json& d) { d["spec"]["layers"][1]["activation"] = "swish"; }), "spec.layers[1].activation: unknown activation 'swish'"},
      {mutate([](json& d) { d["spec"]["loss"] = "hinge"; }), "spec.loss: unknown loss 'hinge'"},
      {mutate([](json& d) { d["spec"]["optimizer"]["learningRate"] = -1.5; }), "spec.optimizer.learningRate: must be"},
      {mutate([](json& d) { d["spec"]["optimizer"].erase("beta2"); }), "spec.optimizer.beta2: is missing"},
      {mutate([](json& d) { d["spec"]["seed"] = -3; }), "spec.seed: must be an integer"},
      {mutate([](json& d) { d["weights"][1].erase(0); }), "weights[1]: expected 28 numbers (got 27)"},
      {mutate([](json& d) { d["weights"][0][3] = "x"; }), "weights[0][3]: must be a number"},
      {mutate([](json& d) { d["weights"][0][3] = 1e300; }), "weights[0][3]: must be a finite number"},
      {mutate([](json& d) { d["biases"].erase(2); }), "biases: expected one array per layer"},
      {mutate([](json& d) { d["optimizerState"]["slots"].erase(1); }), "optimizerState.slots: adam keeps 2"},
      {mutate([](json& d) { d["optimizerState"]["slots"][0]["biases"][2] = {1}; }), "optimizerState.slots[0].biases[2]: expected 3"},
      {mutate([](json& d) { d["optimizerState"]["step"] = 1.5; }), "optimizerState.step: must be an integer"},
      {mutate([](json& d) { d["rng"][2] = "xyz"; }), "rng[2]: must be a 16-digit hex string"},
  };
  for (const auto& [doc, message] : cases) {
    CAPTURE(message);
    REQUIRE_THROWS_AS(networkFromJSON<float>(doc), Error);
    REQUIRE_THROWS_WITH(networkFromJSON<float>(doc), Catch::Contains(message));
  }
}
