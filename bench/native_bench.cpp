// native_bench.cpp — the "our native" contender of `npm run bench`: the same C++ core as the wasm
// module, compiled natively (float), fed exactly what the JS contenders get.
//
// Why a separate process reading a file: the bench (bench.mjs) makes the data, the initial weights
// and the trained weights for the grid in JS, writes them once as JSON, and calls this program once
// per round with a list of tasks, so native runs interleave with the JS contenders' runs on a noisy
// machine. Usage: nn_bench DATA.json TASKS.json → prints one JSON array of results on stdout.
//   DATA:  { workloads: { id: { spec, batchSize, n, x, y, weights, biases, trained: {weights, biases} } },
//            grid, gridN }   (x: n × inputs row-major = (inputs, n) column-major; W: out × in row-major)
//   TASKS: [ { kind: "train", workload, epochs, repeats } | { kind: "grid", workload, reps, output } ]
//   train → { seconds, accuracy, loss }   (seconds: total over the repeats, each from the same
//            start; accuracy and loss over the training set after the last)
//   grid  → { seconds: [per call], output? }  (one batched predict over the grid per call)
#include <chrono>
#include <fstream>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <vector>

#include "serialize.hpp"

namespace {

using json = nlohmann::json;
using Clock = std::chrono::steady_clock;
using nn::Mat;
using ColumnsMap = Eigen::Map<const Mat<float>>;  // (rows, n), one column per sample
using RowMajorMap = Eigen::Map<const Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>;

json readJSON(const char* path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(std::string("cannot read ") + path);
  return json::parse(std::string(std::istreambuf_iterator<char>(in), {}));
}

double secondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// A fresh network of the workload's spec holding the given W (out × in row-major) and b per layer.
nn::Network<float> makeNetwork(const json& w, const json& weights, const json& biases) {
  nn::Network<float> net(nn::specFromJSON(w.at("spec").dump()));
  for (int l = 0; l < net.layerCount(); ++l) {
    const std::vector<float> W = weights.at(l).get<std::vector<float>>();
    const std::vector<float> b = biases.at(l).get<std::vector<float>>();
    net.setWeights(l, RowMajorMap(W.data(), net.units(l), net.fanIn(l)));
    net.setBiases(l, ColumnsMap(b.data(), net.units(l), 1));
  }
  return net;
}

struct Workload {
  const json* doc;
  int n, inputs, outputs;
  std::vector<float> x, y;  // n × inputs, n × outputs row-major
};

json train(const Workload& w, int epochs, int repeats) {
  const ColumnsMap X(w.x.data(), w.inputs, w.n), Y(w.y.data(), w.outputs, w.n);
  const int batchSize = w.doc->at("batchSize").get<int>();
  double seconds = 0;
  nn::Evaluation<float> ev{};
  for (int r = 0; r < repeats; ++r) {
    nn::Network<float> net = makeNetwork(*w.doc, w.doc->at("weights"), w.doc->at("biases"));
    const Clock::time_point start = Clock::now();
    for (int e = 0; e < epochs; ++e) net.trainEpoch(X, Y, batchSize, /*shuffle=*/false);
    seconds += secondsSince(start);
    ev = net.evaluate(X, Y);
  }
  return {{"seconds", seconds}, {"accuracy", ev.accuracy}, {"loss", ev.loss}};
}

json grid(const Workload& w, const std::vector<float>& points, int gridN, int reps, bool output) {
  const json& trained = w.doc->at("trained");
  nn::Network<float> net = makeNetwork(*w.doc, trained.at("weights"), trained.at("biases"));
  const ColumnsMap G(points.data(), w.inputs, gridN);
  std::vector<double> seconds;
  float sink = net.predict(G)(0, 0);  // untimed, as in bench.mjs: the workspaces grow to gridN once
  for (int r = 0; r < reps; ++r) {
    const Clock::time_point start = Clock::now();
    const Mat<float>& P = net.predict(G);  // (outputs, gridN): the core's own buffer, no copy
    seconds.push_back(secondsSince(start));
    sink += P(0, r % gridN);
  }
  json out = {{"seconds", seconds}, {"sink", sink}};
  if (output) {
    const Mat<float>& P = net.predict(G);
    out["output"] = std::vector<float>(P.data(), P.data() + P.size());
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: nn_bench DATA.json TASKS.json\n";
    return 2;
  }
  try {
    const json data = readJSON(argv[1]);
    const json tasks = readJSON(argv[2]);
    const std::vector<float> points = data.at("grid").get<std::vector<float>>();
    const int gridN = data.at("gridN").get<int>();
    json results = json::array();
    for (const json& task : tasks) {
      const json& doc = data.at("workloads").at(task.at("workload").get<std::string>());
      Workload w{&doc, doc.at("n").get<int>(), doc.at("spec").at("inputs").get<int>(),
                 doc.at("spec").at("layers").back().at("units").get<int>(),
                 doc.at("x").get<std::vector<float>>(), doc.at("y").get<std::vector<float>>()};
      const std::string kind = task.at("kind").get<std::string>();
      if (kind == "train") results.push_back(train(w, task.at("epochs").get<int>(), task.value("repeats", 1)));
      else if (kind == "grid") results.push_back(grid(w, points, gridN, task.at("reps").get<int>(),
                                                      task.value("output", false)));
      else throw std::runtime_error("unknown task kind " + kind);
    }
    std::cout << results.dump() << "\n";
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "nn_bench: " << e.what() << "\n";
    return 1;
  }
}
