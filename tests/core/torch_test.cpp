// torch_test.cpp — losses, gradients and optimizer steps agree with PyTorch on committed fixtures
// (tests/fixtures/torch_reference.json, made by tests/fixtures/make_fixtures.py with python3-torch).
// Each fixture case is its own section, run in double (tight) and in float (what ships to browsers).
#include <fstream>
#include <set>
#include <nlohmann/json.hpp>

#include "helpers.hpp"

using namespace nn;
using json = nlohmann::json;

namespace {

const json& fixtures() {
  static const json doc = [] {
    std::ifstream in(std::string(NN_FIXTURES) + "/torch_reference.json");
    if (!in) throw std::runtime_error("cannot open tests/fixtures/torch_reference.json");
    return json::parse(in);
  }();
  return doc;
}

// Nested row-major list (rows × cols) → matrix; samples are rows in the fixture, columns here.
template <typename S>
Mat<S> matrix(const json& rows) {
  Mat<S> M(rows.size(), rows[0].size());
  for (std::size_t r = 0; r < rows.size(); ++r)
    for (std::size_t c = 0; c < rows[r].size(); ++c) M(r, c) = S(rows[r][c].get<double>());
  return M;
}
template <typename S>
Vec<S> vector(const json& values) {
  Vec<S> v(values.size());
  for (std::size_t i = 0; i < values.size(); ++i) v[i] = S(values[i].get<double>());
  return v;
}

template <typename S>
Network<S> build(const json& c) {
  NetworkSpec spec;
  spec.inputs = c["inputs"].get<int>();
  for (const auto& l : c["layers"]) spec.layers.push_back({l["units"].get<int>(), l["activation"].get<std::string>()});
  spec.loss = c["loss"].get<std::string>();
  if (c.contains("optimizer")) {
    const json& o = c["optimizer"];
    spec.optimizer.type = o["type"].get<std::string>();
    for (const auto& h : hyperparameterTable())  // the fixture gives every hyperparameter the optimizer reads
      if (o.contains(h.name)) spec.optimizer.*h.value = o[h.name].get<double>();
    spec.l1 = c["l1"].get<double>();
    spec.l2 = c["l2"].get<double>();
  }
  Network<S> net(spec);
  for (int l = 0; l < net.layerCount(); ++l) {
    net.setWeights(l, matrix<S>(c["weights"][l]));
    net.setBiases(l, vector<S>(c["biases"][l]));
  }
  return net;
}

template <typename S>
void checkGradients(const json& c, double tol) {
  Network<S> net = build<S>(c);
  const Mat<S> X = matrix<S>(c["x"]).transpose();
  const Mat<S> Y = matrix<S>(c["y"]).transpose();
  const S loss = net.computeGradients(X, Y);
  REQUIRE(double(loss) == Approx(c["loss_value"].get<double>()).epsilon(tol).margin(tol));
  for (int l = 0; l < net.layerCount(); ++l) {
    CAPTURE(l);
    REQUIRE(nntest::closeTo(Mat<S>(net.dW(l)), matrix<double>(c["dW"][l]), tol));
    REQUIRE(nntest::closeTo(Vec<S>(net.db(l)), vector<double>(c["db"][l]), tol));
  }
}

template <typename S>
void checkOptimizer(const json& c, double tol) {
  Network<S> net = build<S>(c);
  const Mat<S> X = matrix<S>(c["x"]).transpose();
  const Mat<S> Y = matrix<S>(c["y"]).transpose();
  int step = 0;
  for (const json& s : c["steps"]) {
    CAPTURE(step++);
    const S loss = net.trainBatch(X, Y);
    REQUIRE(double(loss) == Approx(s["loss"].get<double>()).epsilon(tol).margin(tol));
    for (int l = 0; l < net.layerCount(); ++l) {
      REQUIRE(nntest::closeTo(Mat<S>(net.W(l)), matrix<double>(s["weights"][l]), tol));
      REQUIRE(nntest::closeTo(Vec<S>(net.b(l)), vector<double>(s["biases"][l]), tol));
    }
  }
}

}  // namespace

TEST_CASE("torch gradients: every fixture case, in double and in float", "[torch]") {
  for (const json& c : fixtures()["gradients"])
    DYNAMIC_SECTION(c["name"].get<std::string>()) {
      checkGradients<double>(c, 1e-10);
      checkGradients<float>(c, 2e-5);
    }
}

TEST_CASE("torch optimizer: every fixture case, in double and in float", "[torch][optimizer]") {
  for (const json& c : fixtures()["optimizers"])
    DYNAMIC_SECTION(c["name"].get<std::string>()) {
      checkOptimizer<double>(c, 1e-10);
      checkOptimizer<float>(c, 2e-5);
    }
}

TEST_CASE("the fixture file covers every optimizer and every loss", "[torch]") {
  std::set<std::string> optimizers, losses;
  for (const auto& c : fixtures()["optimizers"]) optimizers.insert(c["optimizer"]["type"].get<std::string>());
  for (const auto& c : fixtures()["gradients"]) losses.insert(c["loss"].get<std::string>());
  for (const auto& name : optimizerNames()) CHECK(optimizers.count(name) == 1);
  for (const auto& name : lossNames()) CHECK(losses.count(name) == 1);
}
