// bindings.cpp — the thin Embind layer over the core (no math here).
//
// Arrays cross the boundary through the wasm heap: the JS facade (nn.js) copies inputs into
// memory it allocated and passes the pointer; results come back as typed_memory_view's of memory
// the wrapper owns, which the facade copies out at once (memory growth would detach them).
// Every core error becomes a JS Error carrying the core's message; nothing aborts.
#include <emscripten/bind.h>
#include <emscripten/val.h>
#include <malloc.h>

#include "catalog.hpp"
#include "datasets.hpp"
#include "gradcheck.hpp"
#include "network.hpp"
#include "serialize.hpp"

using namespace emscripten;
using nn::Mat;

namespace {

[[noreturn]] void throwJsError(const char* message) {
  val::global("Error").new_(std::string(message)).throw_();
  __builtin_unreachable();
}

// Runs f, turning any C++ exception into a JS Error.
template <typename F>
auto guard(F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const std::bad_alloc&) {
    throwJsError("out of memory: the network or batch is too large for this page");
  } catch (const std::exception& e) {
    throwJsError(e.what());
  }
}

using MapF = Eigen::Map<const Mat<float>>;
MapF columns(std::uintptr_t ptr, int rows, int n) { return MapF(reinterpret_cast<const float*>(ptr), rows, n); }
val view(const Mat<float>& m) { return val(typed_memory_view(std::size_t(m.size()), m.data())); }

class WasmNetwork {
 public:
  explicit WasmNetwork(nn::Network<float> net) : net_(std::move(net)) {}

  std::string specJSON() const { return nn::specToJSON(net_.spec()); }
  int inputs() const { return net_.inputs(); }
  int outputs() const { return net_.outputs(); }
  int layerCount() const { return net_.layerCount(); }

  // x: n samples × inputs, row-major == (inputs, n) column-major. Returns (outputs, n) = n × outputs.
  val predict(std::uintptr_t x, int n) {
    return guard([&] { return view(net_.predict(columns(x, net_.inputs(), n))); });
  }
  // After predict(): layer l's activations A[l] as n × units (row-major).
  val activations(int l) { return guard([&] { return view(net_.activations(l)); }); }
  float trainBatch(std::uintptr_t x, std::uintptr_t y, int n) {
    return guard([&] { return net_.trainBatch(columns(x, net_.inputs(), n), columns(y, net_.outputs(), n)); });
  }
  float trainEpoch(std::uintptr_t x, std::uintptr_t y, int n, int batchSize, bool shuffle) {
    return guard([&] {
      return net_.trainEpoch(columns(x, net_.inputs(), n), columns(y, net_.outputs(), n), batchSize, shuffle);
    });
  }
  val evaluate(std::uintptr_t x, std::uintptr_t y, int n) {
    return guard([&] {
      const auto e = net_.evaluate(columns(x, net_.inputs(), n), columns(y, net_.outputs(), n));
      val out = val::object();
      out.set("loss", e.loss);
      out.set("accuracy", e.accuracy);
      return out;
    });
  }
  float computeGradients(std::uintptr_t x, std::uintptr_t y, int n) {
    return guard([&] { return net_.computeGradients(columns(x, net_.inputs(), n), columns(y, net_.outputs(), n)); });
  }
  // Row-major views (W (out, in) row-major = Wᵀ column-major), valid until the next call.
  val weights(int l) { return guard([&] { net_.checkLayer(l); out_ = net_.W(l).transpose(); return view(out_); }); }
  val biases(int l) { return guard([&] { net_.checkLayer(l); out_ = net_.b(l); return view(out_); }); }
  val weightGradient(int l) { return guard([&] { net_.checkLayer(l); out_ = net_.dW(l).transpose(); return view(out_); }); }
  val biasGradient(int l) { return guard([&] { net_.checkLayer(l); out_ = net_.db(l); return view(out_); }); }
  void setWeights(int l, std::uintptr_t w, int length) {
    guard([&] {
      net_.checkLayer(l);
      if (length != net_.units(l) * net_.fanIn(l))
        throw nn::Error("weights: layer " + std::to_string(l) + " needs " + std::to_string(net_.units(l)) + "×" +
                        std::to_string(net_.fanIn(l)) + " = " + std::to_string(net_.units(l) * net_.fanIn(l)) +
                        " values (got " + std::to_string(length) + ")");
      net_.setWeights(l, columns(w, net_.fanIn(l), net_.units(l)).transpose());
    });
  }
  void setBiases(int l, std::uintptr_t b, int length) {
    guard([&] { net_.checkLayer(l); net_.setBiases(l, columns(b, length, 1)); });
  }
  void setOptimizer(const std::string& json) {
    guard([&] { net_.setOptimizer(nn::optimizerFromJSON(json, net_.spec().optimizer)); });
  }
  // One forward + backward pass kept for reading (the math panel); dW, db are left as gradients.
  float runTrace(std::uintptr_t x, std::uintptr_t y, int n) {
    return guard([&] {
      trace_ = net_.trace(columns(x, net_.inputs(), n), columns(y, net_.outputs(), n));
      return trace_.loss;
    });
  }
  // kind 0: Z, 1: A, 2: dZ of layer l — (units, m) column-major = m × units row-major.
  val traceValues(int l, int kind) {
    return guard([&] {
      net_.checkLayer(l);
      if (trace_.Z.size() != std::size_t(net_.layerCount())) throw nn::Error("trace: run trace() first");
      const std::vector<Mat<float>>& which = kind == 0 ? trace_.Z : kind == 1 ? trace_.A : trace_.dZ;
      return view(which[std::size_t(l)]);
    });
  }
  val gradientCheck(std::uintptr_t x, std::uintptr_t y, int n, int maxPerLayer) {
    return guard([&] {
      const auto checks = nn::gradientCheck(net_, columns(x, net_.inputs(), n), columns(y, net_.outputs(), n), maxPerLayer);
      val out = val::array();
      for (const auto& c : checks) {
        val layer = val::object();
        layer.set("weights", c.weights);
        layer.set("biases", c.biases);
        layer.set("checked", c.checked);
        out.call<void>("push", layer);
      }
      return out;
    });
  }
  int optimizerSteps() const { return int(net_.optimizerSteps()); }
  std::string toJSON() const { return guard([&] { return nn::toJSON(net_); }); }

 private:
  nn::Network<float> net_;
  Mat<float> out_;  // the memory behind returned views
  nn::Trace<float> trace_;
};

WasmNetwork* createNetwork(const std::string& specJSON) {
  return guard([&] { return new WasmNetwork(nn::Network<float>(nn::specFromJSON(specJSON))); });
}
WasmNetwork* loadNetwork(const std::string& json) {
  return guard([&] { return new WasmNetwork(nn::networkFromJSON<float>(json)); });
}

// A dataset as a plain object: { name, classes, n, x: Float32Array(n·2), labels | targets }.
val makeDataset(const std::string& name, int n, double noise, int classes, double seed) {
  return guard([&] {
    if (!(seed >= 0 && seed <= 9007199254740991.0 && seed == double(std::uint64_t(seed))))
      throw nn::Error("seed: must be an integer from 0 to 2^53 − 1");
    const nn::Dataset d = nn::makeDataset(name, n, noise, classes, std::uint64_t(seed));
    const Mat<float> x = d.X.cast<float>();
    val out = val::object();
    out.set("name", d.name);
    out.set("classes", d.classes);
    out.set("n", int(d.size()));
    out.set("x", val(typed_memory_view(std::size_t(x.size()), x.data())).call<val>("slice"));
    if (d.regression()) {
      std::vector<float> t(d.targets.begin(), d.targets.end());
      out.set("targets", val(typed_memory_view(t.size(), t.data())).call<val>("slice"));
    } else {
      out.set("labels", val(typed_memory_view(d.labels.size(), d.labels.data())).call<val>("slice"));
    }
    return out;
  });
}

// The permutation behind the seeded train/test split: the first nTest indices are the test set.
val splitOrder(int n, double testRatio, double seed) {
  return guard([&] {
    nn::Dataset d;
    d.classes = 1;
    d.X = Mat<double>::Zero(2, n);
    for (int i = 0; i < n; ++i) d.X(0, i) = i;  // carry the index through the core's split
    d.labels.assign(std::size_t(n), 0);
    const nn::Split s = nn::splitDataset(d, testRatio, std::uint64_t(seed));
    std::vector<int> order;
    for (const nn::Dataset* part : {&s.test, &s.train})
      for (Eigen::Index j = 0; j < part->size(); ++j) order.push_back(int(part->X(0, j)));
    val out = val::object();
    out.set("order", val(typed_memory_view(order.size(), order.data())).call<val>("slice"));
    out.set("nTest", int(s.test.size()));
    return out;
  });
}

// Targets Y (n × outputs, row-major) for labels or regression targets.
val encodeTargets(std::uintptr_t labelsOrTargets, int n, int classes, int outputs, const std::string& activation) {
  return guard([&] {
    nn::Dataset d;
    d.classes = classes;
    d.X = Mat<double>::Zero(2, n);
    if (classes == 0) {
      const float* t = reinterpret_cast<const float*>(labelsOrTargets);
      d.targets.assign(t, t + n);
    } else {
      const int* l = reinterpret_cast<const int*>(labelsOrTargets);
      for (int i = 0; i < n; ++i)
        if (l[i] < 0 || l[i] >= classes)
          throw nn::Error("labels[" + std::to_string(i) + "]: must be an integer from 0 to " + std::to_string(classes - 1));
      d.labels.assign(l, l + n);
    }
    const Mat<float> Y = nn::encodeTargets(d, outputs, activation).cast<float>();
    return val(typed_memory_view(std::size_t(Y.size()), Y.data())).call<val>("slice");
  });
}

// Bytes of the wasm heap in use (dlmalloc's count), for leak tests.
int heapInUse() { return int(mallinfo().uordblks); }

}  // namespace

EMSCRIPTEN_BINDINGS(nn_by_hand) {
  class_<WasmNetwork>("Network")
      .function("specJSON", &WasmNetwork::specJSON)
      .function("inputs", &WasmNetwork::inputs)
      .function("outputs", &WasmNetwork::outputs)
      .function("layerCount", &WasmNetwork::layerCount)
      .function("predict", &WasmNetwork::predict)
      .function("activations", &WasmNetwork::activations)
      .function("trainBatch", &WasmNetwork::trainBatch)
      .function("trainEpoch", &WasmNetwork::trainEpoch)
      .function("evaluate", &WasmNetwork::evaluate)
      .function("computeGradients", &WasmNetwork::computeGradients)
      .function("weights", &WasmNetwork::weights)
      .function("biases", &WasmNetwork::biases)
      .function("weightGradient", &WasmNetwork::weightGradient)
      .function("biasGradient", &WasmNetwork::biasGradient)
      .function("setWeights", &WasmNetwork::setWeights)
      .function("setBiases", &WasmNetwork::setBiases)
      .function("setOptimizer", &WasmNetwork::setOptimizer)
      .function("optimizerSteps", &WasmNetwork::optimizerSteps)
      .function("runTrace", &WasmNetwork::runTrace)
      .function("traceValues", &WasmNetwork::traceValues)
      .function("gradientCheck", &WasmNetwork::gradientCheck)
      .function("toJSON", &WasmNetwork::toJSON);
  function("createNetwork", &createNetwork, allow_raw_pointers());
  function("loadNetwork", &loadNetwork, allow_raw_pointers());
  function("catalogJSON", &nn::catalogJSON);
  function("makeDataset", &makeDataset);
  function("splitOrder", &splitOrder);
  function("encodeTargets", &encodeTargets);
  function("heapInUse", &heapInUse);
}
