// nn_reference.cpp — the native side of the native-vs-wasm agreement test (tests/node).
//
// Reads {"spec": {...}, "dataset": {name, n, noise, classes, seed}, "epochs": E, "batchSize": B,
// "fit"?: {"standardize": bool}} on stdin, builds the same float network and data the wasm module
// would, trains E shuffled epochs (with "fit": as network.fit does, through FitRun, the standardizer
// fitted on the data when asked), and prints {"x", "labels"|"targets", "y", "initial": <network
// JSON>, "predictions", "final"}.
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "datasets.hpp"
#include "fit.hpp"
#include "serialize.hpp"

int main() {
  using json = nlohmann::json;
  try {
    const json in = json::parse(std::string(std::istreambuf_iterator<char>(std::cin), {}));
    const json& d = in.at("dataset");
    const nn::Dataset data = nn::makeDataset(d.at("name").get<std::string>(), d.at("n").get<long>(),
                                             d.at("noise").get<double>(), d.at("classes").get<int>(),
                                             d.at("seed").get<std::uint64_t>());
    nn::Network<float> net(nn::specFromJSON(in.at("spec").dump()));
    const nn::Mat<float> X = data.X.cast<float>();
    const nn::Mat<float> Y = nn::encodeTargets(data, net.outputs(), net.spec().layers.back().activation).cast<float>();
    json out;
    out["x"] = std::vector<float>(X.data(), X.data() + X.size());
    out["y"] = std::vector<float>(Y.data(), Y.data() + Y.size());
    if (data.regression()) out["targets"] = data.targets;
    else out["labels"] = data.labels;
    out["initial"] = json::parse(nn::toJSON(net));
    const int epochs = in.at("epochs").get<int>(), batchSize = in.at("batchSize").get<int>();
    if (in.contains("fit")) {
      nn::FitRun<float> run(net, X.data(), Y.data(), X.cols(), nullptr, nullptr, 0, batchSize, true, false,
                            in.at("fit").value("standardize", false), "");
      for (int e = 0; e < epochs; ++e) {
        run.beginEpoch(net);
        while (!run.runBatches(net, 3)) {}
      }
    } else {
      for (int e = 0; e < epochs; ++e) net.trainEpoch(X, Y, batchSize, true);
    }
    const nn::Mat<float>& P = net.predict(X);
    out["predictions"] = std::vector<float>(P.data(), P.data() + P.size());
    out["final"] = json::parse(nn::toJSON(net));
    std::cout << out.dump() << "\n";
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "nn_reference: " << e.what() << "\n";
    return 1;
  }
}
