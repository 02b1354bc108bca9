// bindings.cpp — the thin Embind layer over the core (no math here).
//
// Nothing is allocated on the JS side while wasm frames are on the stack: a JS exception there (a
// failed allocation, say) would unwind them without restoring the shadow stack pointer and skip
// their destructors. So:
// - inputs (arrays and text) are copied into the wasm heap by the facade (nn.js), which checks
//   every allocation, and passed as (pointer, length): no std::string argument, whose copy Embind
//   makes without checking malloc's result;
// - result arrays and long text are kept here, in the outbox, and returned as [address, length];
//   the facade copies them out after the call returned, then calls releaseOutputs();
// - errors leave by a normal return: null (or nullptr) after recording the error, which the
//   facade reads with lastError() and throws as an NNError carrying the field.
// What is still made in JS inside a call is small and bounded (a few numbers, short names).
#include <emscripten/bind.h>
#include <emscripten/stack.h>
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

// --- the outbox: results kept until the facade has copied them --------------------------------
std::vector<Mat<float>> outFloats;
std::vector<std::vector<int>> outInts;
std::vector<std::string> outText;

val where(const void* data, std::size_t count) {
  val w = val::array();
  w.set(0, double(reinterpret_cast<std::uintptr_t>(data)));
  w.set(1, double(count));
  return w;
}
// m's values, column-major: (units, n) reads as n × units row-major.
val put(Mat<float> m) {
  outFloats.push_back(std::move(m));
  return where(outFloats.back().data(), std::size_t(outFloats.back().size()));
}
val put(std::vector<int> v) {
  outInts.push_back(std::move(v));
  return where(outInts.back().data(), outInts.back().size());
}
val put(std::string t) {
  outText.push_back(std::move(t));
  return where(outText.back().data(), outText.back().size());
}
void releaseOutputs() {
  std::vector<Mat<float>>().swap(outFloats);
  std::vector<std::vector<int>>().swap(outInts);
  std::vector<std::string>().swap(outText);
}

// The last failed call's error: { field, message }. Read by the facade right after a null.
std::string failedField, failedMessage;

void fail(std::string field, std::string message) {
  failedField = std::move(field);
  failedMessage = std::move(message);
}

// Runs f; any C++ exception becomes the recorded error and a null (or nullptr) result.
template <typename R, typename F>
R guarded(R failed, F&& f) {
  try {
    return f();
  } catch (const nn::Error& e) {
    releaseOutputs();
    fail(e.field(), e.what());
  } catch (const std::bad_alloc&) {
    releaseOutputs();
    fail("", "out of memory: the network or batch is too large for this page");
  } catch (const std::exception& e) {
    releaseOutputs();
    fail("", e.what());
  } catch (...) {
    releaseOutputs();
    fail("", "internal error");
  }
  return failed;
}
template <typename F>
val guard(F&& f) { return guarded(val::null(), std::forward<F>(f)); }

// Hands the recorded error over and frees it, so a failed call leaves the heap exactly as it was.
val lastError() {
  val out = val::object();
  out.set("field", failedField);
  out.set("message", failedMessage);
  std::string().swap(failedField);
  std::string().swap(failedMessage);
  return out;
}

using MapF = Eigen::Map<const Mat<float>>;
MapF columns(std::uintptr_t ptr, int rows, int n) { return MapF(reinterpret_cast<const float*>(ptr), rows, n); }
std::string text(std::uintptr_t ptr, int length) { return std::string(reinterpret_cast<const char*>(ptr), std::size_t(length)); }

// A seed from JS: an integer from 0 to 2⁵³ − 1 (the facade checks too; a cast of anything else is UB).
std::uint64_t seedFrom(double seed) {
  if (!(seed >= 0 && seed <= 9007199254740991.0 && seed == std::floor(seed)))
    throw nn::Error("seed", "must be an integer from 0 to 2^53 − 1");
  return std::uint64_t(seed);
}

class WasmNetwork {
 public:
  explicit WasmNetwork(nn::Network<float> net) : net_(std::move(net)) {}

  val specJSON() const { return guard([&] { return put(nn::specToJSON(net_.spec())); }); }
  int inputs() const { return net_.inputs(); }
  int outputs() const { return net_.outputs(); }
  int layerCount() const { return net_.layerCount(); }
  double optimizerSteps() const { return double(net_.optimizerSteps()); }

  // x: n samples × inputs, row-major == (inputs, n) column-major. Returns n × outputs.
  val predict(std::uintptr_t x, int n) {
    return guard([&] {
      val out = put(net_.predict(columns(x, net_.inputs(), n)));  // a copy: the workspace may go
      net_.trimWorkspace();
      return out;
    });
  }
  // Every layer's activations A[l] for x, as n × units each.
  val forwardLayers(std::uintptr_t x, int n) {
    return guard([&] {
      net_.predict(columns(x, net_.inputs(), n));
      val out = val::array();
      for (int l = 0; l < net_.layerCount(); ++l) out.call<void>("push", put(net_.activations(l)));
      net_.trimWorkspace();
      return out;
    });
  }
  val trainBatch(std::uintptr_t x, std::uintptr_t y, int n) {
    return guard([&] { return val(net_.trainBatch(columns(x, net_.inputs(), n), columns(y, net_.outputs(), n))); });
  }
  val trainEpoch(std::uintptr_t x, std::uintptr_t y, int n, int batchSize, bool shuffle) {
    return guard([&] {
      return val(net_.trainEpoch(columns(x, net_.inputs(), n), columns(y, net_.outputs(), n), batchSize, shuffle));
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
  // { loss, weights: [dW per layer, row-major], biases: [db per layer] }
  val gradients(std::uintptr_t x, std::uintptr_t y, int n) {
    return guard([&] {
      const float loss = net_.computeGradients(columns(x, net_.inputs(), n), columns(y, net_.outputs(), n));
      val out = val::object(), weights = val::array(), biases = val::array();
      for (int l = 0; l < net_.layerCount(); ++l) {
        weights.call<void>("push", put(net_.dW(l).transpose()));
        biases.call<void>("push", put(net_.db(l)));
      }
      out.set("loss", loss);
      out.set("weights", weights);
      out.set("biases", biases);
      return out;
    });
  }
  // One forward + backward pass, whole: { loss, layers: [{ Z, A, dZ (n × units), W, dW (units × fanIn), b, db }] }.
  val trace(std::uintptr_t x, std::uintptr_t y, int n) {
    return guard([&] {
      nn::Trace<float> t = net_.trace(columns(x, net_.inputs(), n), columns(y, net_.outputs(), n));
      val out = val::object(), layers = val::array();
      for (int l = 0; l < net_.layerCount(); ++l) {
        const std::size_t i = std::size_t(l);
        val layer = val::object();
        layer.set("Z", put(std::move(t.Z[i])));  // moved into the outbox, no copy
        layer.set("A", put(std::move(t.A[i])));
        layer.set("dZ", put(std::move(t.dZ[i])));
        layer.set("W", put(net_.W(l).transpose()));
        layer.set("b", put(net_.b(l)));
        layer.set("dW", put(net_.dW(l).transpose()));
        layer.set("db", put(net_.db(l)));
        layers.call<void>("push", layer);
      }
      out.set("loss", t.loss);
      out.set("layers", layers);
      return out;
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
  // Row-major copies: W (out, in) row-major = Wᵀ column-major.
  val weights(int l) { return guard([&] { net_.checkLayer(l); return put(net_.W(l).transpose()); }); }
  val biases(int l) { return guard([&] { net_.checkLayer(l); return put(net_.b(l)); }); }
  val setWeights(int l, std::uintptr_t w, int length) {
    return guard([&] {
      net_.checkLayer(l);
      const int units = net_.units(l), fanIn = net_.fanIn(l);
      if (length != units * fanIn)
        throw nn::Error("weights", "layer " + std::to_string(l) + " needs " + std::to_string(units) + "×" +
                                       std::to_string(fanIn) + " = " + std::to_string(units * fanIn) +
                                       " values (got " + std::to_string(length) + ")");
      net_.setWeights(l, columns(w, fanIn, units).transpose());
      return val::undefined();
    });
  }
  val setBiases(int l, std::uintptr_t b, int length) {
    return guard([&] {
      net_.checkLayer(l);
      net_.setBiases(l, columns(b, length, 1));
      return val::undefined();
    });
  }
  // Returns the new spec's JSON: everything the facade needs comes from this one guarded call.
  val setOptimizer(std::uintptr_t json, int length) {
    return guard([&] {
      nn::OptimizerSettings settings = nn::optimizerFromJSON(text(json, length), net_.spec().optimizer);
      nn::NetworkSpec next = net_.spec();
      next.optimizer = settings;
      std::string spec = nn::specToJSON(next);  // made before the change: it may throw
      net_.setOptimizer(std::move(settings));
      return put(std::move(spec));
    });
  }
  val toJSON() const { return guard([&] { return put(nn::toJSON(net_)); }); }

 private:
  nn::Network<float> net_;
};

WasmNetwork* createNetwork(std::uintptr_t spec, int length) {
  return guarded<WasmNetwork*>(nullptr, [&] { return new WasmNetwork(nn::Network<float>(nn::specFromJSON(text(spec, length)))); });
}
WasmNetwork* loadNetwork(std::uintptr_t json, int length) {
  return guarded<WasmNetwork*>(nullptr, [&] { return new WasmNetwork(nn::networkFromJSON<float>(text(json, length))); });
}

// A dataset as a plain object: { name, classes, n, x: Float32Array(n·2), labels | targets }.
val makeDataset(std::uintptr_t name, int nameLength, int n, double noise, int classes, double seed) {
  return guard([&] {
    const nn::Dataset d = nn::makeDataset(text(name, nameLength), n, noise, classes, seedFrom(seed));
    val out = val::object();
    out.set("name", d.name);
    out.set("classes", d.classes);
    out.set("n", int(d.size()));
    out.set("x", put(Mat<float>(d.X.cast<float>())));
    if (d.regression()) out.set("targets", put(Mat<float>(Eigen::Map<const nn::Vec<double>>(d.targets.data(), Eigen::Index(d.targets.size())).cast<float>())));
    else out.set("labels", put(d.labels));
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
    const nn::Split s = nn::splitDataset(d, testRatio, seedFrom(seed));
    std::vector<int> order;
    for (const nn::Dataset* part : {&s.test, &s.train})
      for (Eigen::Index j = 0; j < part->size(); ++j) order.push_back(int(part->X(0, j)));
    val out = val::object();
    out.set("order", put(order));
    out.set("nTest", int(s.test.size()));
    return out;
  });
}

// Targets Y (n × outputs, row-major) for labels (classes ≥ 1) or regression targets (classes 0).
val encodeTargets(std::uintptr_t labelsOrTargets, int n, int classes, int outputs, std::uintptr_t activation,
                  int activationLength) {
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
          throw nn::Error("labels[" + std::to_string(i) + "]",
                          "must be an integer from 0 to " + std::to_string(classes - 1) + " (got " + std::to_string(l[i]) + ")");
      d.labels.assign(l, l + n);
    }
    return put(Mat<float>(nn::encodeTargets(d, outputs, text(activation, activationLength)).cast<float>()));
  });
}

// Bytes of the wasm heap in use (dlmalloc's count) and the shadow stack pointer, for leak tests.
double heapInUse() { return double(mallinfo().uordblks); }
double stackPointer() { return double(emscripten_stack_get_current()); }
}  // namespace

EMSCRIPTEN_BINDINGS(nn_by_hand) {
  class_<WasmNetwork>("Network")
      .function("specJSON", &WasmNetwork::specJSON)
      .function("inputs", &WasmNetwork::inputs)
      .function("outputs", &WasmNetwork::outputs)
      .function("layerCount", &WasmNetwork::layerCount)
      .function("optimizerSteps", &WasmNetwork::optimizerSteps)
      .function("predict", &WasmNetwork::predict)
      .function("forwardLayers", &WasmNetwork::forwardLayers)
      .function("trainBatch", &WasmNetwork::trainBatch)
      .function("trainEpoch", &WasmNetwork::trainEpoch)
      .function("evaluate", &WasmNetwork::evaluate)
      .function("gradients", &WasmNetwork::gradients)
      .function("trace", &WasmNetwork::trace)
      .function("gradientCheck", &WasmNetwork::gradientCheck)
      .function("weights", &WasmNetwork::weights)
      .function("biases", &WasmNetwork::biases)
      .function("setWeights", &WasmNetwork::setWeights)
      .function("setBiases", &WasmNetwork::setBiases)
      .function("setOptimizer", &WasmNetwork::setOptimizer)
      .function("toJSON", &WasmNetwork::toJSON);
  function("createNetwork", &createNetwork, allow_raw_pointers());
  function("loadNetwork", &loadNetwork, allow_raw_pointers());
  function("lastError", &lastError);
  function("releaseOutputs", &releaseOutputs);
  function("catalogJSON", &nn::catalogJSON);
  function("makeDataset", &makeDataset);
  function("splitOrder", &splitOrder);
  function("encodeTargets", &encodeTargets);
  function("heapInUse", &heapInUse);
  function("stackPointer", &stackPointer);
}
