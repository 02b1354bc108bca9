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
// What is still made in JS inside a call is small and bounded (a few numbers, short names); a
// result of many arrays (trace, gradients, forwardLayers) is packed end to end into one outbox
// entry, the facade knowing each one's length, so a call crosses into JS a few times, not once
// per array.
#include <emscripten/bind.h>
#include <emscripten/stack.h>
#include <emscripten/val.h>
#include <malloc.h>
#include <unistd.h>

#include <memory>

#include "catalog.hpp"
#include "datasets.hpp"
#include "fit.hpp"
#include "gradcheck.hpp"
#include "landscape.hpp"
#include "network.hpp"
#include "serialize.hpp"

using namespace emscripten;
extern "C" std::size_t __heap_base;  // the linker's symbol: where sbrk, and so dlmalloc's heap, starts
using nn::Mat;

namespace {

// --- the outbox: results kept until the facade has copied them --------------------------------
std::vector<Mat<float>> outFloats;
std::vector<nn::Vec<double>> outDoubles;
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
// Doubles by name: a put overload would make put(an Eigen expression) ambiguous.
val putDoubles(nn::Vec<double> v) {
  outDoubles.push_back(std::move(v));
  return where(outDoubles.back().data(), std::size_t(outDoubles.back().size()));
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
  std::vector<nn::Vec<double>>().swap(outDoubles);
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

// Arrays packed end to end in one outbox entry, in the order added.
class Packed {
 public:
  explicit Packed(Eigen::Index total) : all_(total, 1), next_(all_.data()) {}
  template <typename M>
  void add(const M& m) {
    Eigen::Map<Mat<float>>(next_, m.rows(), m.cols()) = m;  // column-major: (units, n) reads as n × units
    next_ += m.size();
  }
  val put() { return ::put(std::move(all_)); }

 private:
  Mat<float> all_;
  float* next_;
};

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
  WasmNetwork* clone() const { return guarded<WasmNetwork*>(nullptr, [&] { return new WasmNetwork(net_.clone()); }); }

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
  // Every layer's activations A[l] for x, as n × units each, packed end to end.
  val forwardLayers(std::uintptr_t x, int n) {
    return guard([&] {
      net_.predict(columns(x, net_.inputs(), n));
      Eigen::Index total = 0;
      for (int l = 0; l < net_.layerCount(); ++l) total += net_.activations(l).size();
      Packed packed(total);
      for (int l = 0; l < net_.layerCount(); ++l) packed.add(net_.activations(l));
      net_.trimWorkspace();
      return packed.put();
    });
  }
  // A[l] alone, n × units (only layers 0..l are computed).
  val forwardLayer(int l, std::uintptr_t x, int n) {
    return guard([&] {
      val out = put(net_.forwardTo(columns(x, net_.inputs(), n), l));
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
  // { loss, values }: per layer dW (units × fanIn, row-major) then db, packed end to end.
  val gradients(std::uintptr_t x, std::uintptr_t y, int n) {
    return guard([&] {
      const float loss = net_.computeGradients(columns(x, net_.inputs(), n), columns(y, net_.outputs(), n));
      Packed packed(net_.parameters().size());  // the same count: every W and b
      for (int l = 0; l < net_.layerCount(); ++l) {
        packed.add(net_.dW(l).transpose());
        packed.add(net_.db(l));
      }
      val out = val::object();
      out.set("loss", loss);
      out.set("values", packed.put());
      return out;
    });
  }
  // One forward + backward pass, whole: { loss, outputDA, values } with values every layer's Z, A,
  // dA, dZ (n × units), W (units × fanIn), b, dW, db, in that order, packed end to end; the output
  // layer's dA is there only when outputDA (not for a fused pair, whose dZ comes from the logits).
  val trace(std::uintptr_t x, std::uintptr_t y, int n) {
    return guard([&] {
      nn::Trace<float> t = net_.trace(columns(x, net_.inputs(), n), columns(y, net_.outputs(), n));
      Eigen::Index total = 0;
      for (int l = 0; l < net_.layerCount(); ++l)
        total += 3 * t.Z[std::size_t(l)].size() + t.dA[std::size_t(l)].size() + 2 * (net_.W(l).size() + net_.b(l).size());
      Packed packed(total);
      for (int l = 0; l < net_.layerCount(); ++l) {
        const std::size_t i = std::size_t(l);
        packed.add(t.Z[i]);
        packed.add(t.A[i]);
        packed.add(t.dA[i]);
        packed.add(t.dZ[i]);
        packed.add(net_.W(l).transpose());
        packed.add(net_.b(l));
        packed.add(net_.dW(l).transpose());
        packed.add(net_.db(l));
      }
      val out = val::object();
      out.set("loss", t.loss);
      out.set("outputDA", t.dA.back().size() != 0);
      out.set("values", packed.put());
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
  // The loss over a plane through θ (core/landscape.hpp). chosen: chosenCount ints, 0 (random
  // directions from seed) or 6: (layer, row, col) of each direction, col −1 for a bias; path:
  // pathCount snapshots of P floats end to end. { center, alpha, beta, loss (steps² floats,
  // row-major by β), path ((α, β) pairs), directions (d1 then d2, P doubles each) }.
  val lossLandscape(std::uintptr_t x, std::uintptr_t y, int n, std::uintptr_t chosen, int chosenCount, double seed,
                    double range, int steps, std::uintptr_t path, int pathCount) {
    return guard([&] {
      nn::LandscapeOptions o;
      o.random = chosenCount == 0;
      if (o.random) o.seed = seedFrom(seed);
      else if (chosenCount == 6) {
        const int* c = reinterpret_cast<const int*>(chosen);
        o.chosen = {nn::ParameterRef{c[0], c[1], c[2]}, nn::ParameterRef{c[3], c[4], c[5]}};
      } else throw nn::Error("directions", "must be 'random' or two parameters");
      o.range = range;
      o.steps = steps;
      const Eigen::Index P = net_.parameters().size();
      const nn::Landscape<float> l = nn::lossLandscape(net_, columns(x, net_.inputs(), n), columns(y, net_.outputs(), n),
                                                       o, MapF(reinterpret_cast<const float*>(path), P, pathCount));
      nn::Vec<double> directions(2 * P);
      directions << l.d1, l.d2;
      val out = val::object();
      out.set("center", l.center);
      out.set("alpha", putDoubles(l.alpha));
      out.set("beta", putDoubles(l.beta));
      out.set("loss", put(l.loss));
      out.set("path", putDoubles(Eigen::Map<const nn::Vec<double>>(l.path.data(), l.path.size())));
      out.set("directions", putDoubles(std::move(directions)));
      return out;
    });
  }
  // The flat parameters (per layer W column-major, then b), a copy.
  val parameters() { return guard([&] { return put(Mat<float>(net_.parameters())); }); }
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
  val setWeight(int l, int row, int col, double value) {
    return guard([&] { net_.setWeight(l, row, col, value); return val::undefined(); });
  }
  val setBias(int l, int row, double value) {
    return guard([&] { net_.setBias(l, row, value); return val::undefined(); });
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
  // Returns the new spec's JSON, as setOptimizer.
  val setPenalties(double l1, double l2) {
    return guard([&] {
      nn::NetworkSpec next = net_.spec();
      next.l1 = l1;
      next.l2 = l2;
      std::string spec = nn::specToJSON(next);  // made before the change: it may throw
      net_.setPenalties(l1, l2);
      return put(std::move(spec));
    });
  }
  val toJSON() const { return guard([&] { return put(nn::toJSON(net_)); }); }

  // --- the input standardizer: mean and scale, meanLength and scaleLength doubles ------------------
  val setStandardizer(std::uintptr_t mean, int meanLength, std::uintptr_t scale, int scaleLength) {
    return guard([&] {
      using MapD = Eigen::Map<const nn::Vec<double>>;
      net_.setStandardizer({MapD(reinterpret_cast<const double*>(mean), meanLength),
                            MapD(reinterpret_cast<const double*>(scale), scaleLength)});
      return val::undefined();
    });
  }
  val clearStandardizer() { return guard([&] { net_.clearStandardizer(); return val::undefined(); }); }
  // { mean, scale } (inputs doubles each), or undefined when the network has none.
  val standardizer() {
    return guard([&] {
      const nn::Standardizer* s = net_.standardizer();
      if (!s) return val::undefined();
      val out = val::object();
      out.set("mean", putDoubles(s->mean));
      out.set("scale", putDoubles(s->scale));
      return out;
    });
  }

  // --- fit (wasm/fit.mjs) --------------------------------------------------------------------------
  // x, y: the training part (n samples); xv, yv: the validation part (nv, 0 for none); all copied
  // into the heap once by the facade and left there until fitEnd. validationData: the validation
  // part is the user's options.validationData (else the tail of x), for the errors' field names.
  val fitStart(std::uintptr_t x, std::uintptr_t y, int n, std::uintptr_t xv, std::uintptr_t yv, int nv, int batchSize,
               bool shuffle, bool countCorrect, bool standardize, bool validationData) {
    return guard([&] {
      if (fit_) throw nn::Error("network", "fit() is already running on this network");
      const auto f = [](std::uintptr_t p) { return reinterpret_cast<const float*>(p); };
      fit_ = std::make_unique<nn::FitRun<float>>(net_, f(x), f(y), n, f(xv), f(yv), nv, batchSize, shuffle, countCorrect,
                                                 standardize, validationData ? "options.validationData." : "");
      return val::undefined();
    });
  }
  // Begins the next epoch; returns its number of mini-batches.
  val fitEpoch() { return guard([&] { return val(double(run().beginEpoch(net_))); }); }
  // Runs up to k mini-batches: { batches (run so far in the epoch), loss and accuracy (over the
  // epoch so far; loss: the non-finite one when it diverged), done, diverged }.
  val fitBatches(int k) {
    return guard([&] {
      const bool done = run().runBatches(net_, k);
      const nn::Epoch<float>& e = fit_->epoch();
      val out = val::object();
      out.set("batches", double(e.batches));
      out.set("loss", e.loss());
      out.set("accuracy", e.accuracy());
      out.set("done", done);
      out.set("diverged", e.diverged);
      return out;
    });
  }
  // Ends the run: frees it and the network's per-batch workspaces.
  void fitEnd() {
    fit_.reset();
    net_.releaseWorkspace();
  }

 private:
  nn::FitRun<float>& run() {
    if (!fit_) throw nn::Error("network", "no fit() is running on this network");
    return *fit_;
  }

  nn::Network<float> net_;
  std::unique_ptr<nn::FitRun<float>> fit_;  // while fit() runs
};

WasmNetwork* createNetwork(std::uintptr_t spec, int length) {
  return guarded<WasmNetwork*>(nullptr, [&] { return new WasmNetwork(nn::Network<float>(nn::specFromJSON(text(spec, length)))); });
}
WasmNetwork* loadNetwork(std::uintptr_t json, int length) {
  return guarded<WasmNetwork*>(nullptr, [&] { return new WasmNetwork(nn::networkFromJSON<float>(text(json, length))); });
}

// A dataset as a plain object: { name, classes, n, x: (n × inputs), labels | targets }.
val datasetValue(const nn::Dataset& d) {
  val out = val::object();
  out.set("name", d.name);
  out.set("classes", d.classes);
  out.set("n", int(d.size()));
  out.set("x", put(Mat<float>(d.X.cast<float>())));
  if (d.regression()) out.set("targets", put(Mat<float>(Eigen::Map<const nn::Vec<double>>(d.targets.data(), Eigen::Index(d.targets.size())).cast<float>())));
  else out.set("labels", put(d.labels));
  return out;
}

val makeDataset(std::uintptr_t name, int nameLength, int n, double noise, int classes, double seed) {
  return guard([&] { return datasetValue(nn::makeDataset(text(name, nameLength), n, noise, classes, seedFrom(seed))); });
}

// A dataset from the facade's copies, for the core to check: x (n × inputs floats, row-major =
// (inputs, n)) and n values: labels (int32) when classes ≥ 1, regression targets (float64) for 0.
nn::Dataset dataset(std::uintptr_t x, int inputs, int n, std::uintptr_t values, int classes) {
  nn::Dataset d;
  d.classes = classes;
  d.X = columns(x, inputs, n).cast<double>();
  if (classes == 0) {
    const double* t = reinterpret_cast<const double*>(values);
    d.targets.assign(t, t + n);
  } else {
    const int* l = reinterpret_cast<const int*>(values);
    d.labels.assign(l, l + n);
  }
  return d;
}

// { train, test }, each a dataset object; byPoint: the stable split of growing data.
val splitDataset(std::uintptr_t x, int inputs, int n, std::uintptr_t values, int classes, double testRatio, double seed,
                 bool byPoint) {
  return guard([&] {
    const nn::Dataset d = dataset(x, inputs, n, values, classes);
    const nn::Split s = byPoint ? nn::splitByPoint(d, testRatio, seedFrom(seed)) : nn::splitDataset(d, testRatio, seedFrom(seed));
    val out = val::object();
    out.set("train", datasetValue(s.train));
    out.set("test", datasetValue(s.test));
    return out;
  });
}

// Targets Y (n × outputs, row-major).
val encodeTargets(std::uintptr_t x, int inputs, int n, std::uintptr_t values, int classes, int outputs,
                  std::uintptr_t activation, int activationLength) {
  return guard([&] {
    const nn::Dataset d = dataset(x, inputs, n, values, classes);
    return put(Mat<float>(nn::encodeTargets(d, outputs, text(activation, activationLength)).cast<float>()));
  });
}

// { mean, scale }: `inputs` doubles each.
val fitStandardizer(std::uintptr_t x, int inputs, int n, std::uintptr_t values, int classes) {
  return guard([&] {
    nn::Standardizer s = nn::fitStandardizer(dataset(x, inputs, n, values, classes));
    val out = val::object();
    out.set("mean", putDoubles(std::move(s.mean)));
    out.set("scale", putDoubles(std::move(s.scale)));
    return out;
  });
}

// x standardised (n × inputs, row-major); mean and scale: `count` doubles each.
val standardize(std::uintptr_t x, int inputs, int n, std::uintptr_t values, int classes, std::uintptr_t mean,
                std::uintptr_t scale, int count) {
  return guard([&] {
    using MapD = Eigen::Map<const nn::Vec<double>>;
    const nn::Standardizer s{MapD(reinterpret_cast<const double*>(mean), count), MapD(reinterpret_cast<const double*>(scale), count)};
    return put(Mat<float>(nn::standardize(dataset(x, inputs, n, values, classes), s).X.cast<float>()));
  });
}

// --- heap and stack diagnostics, for leak tests ----------------------------------------------------
// dlmalloc (emscripten's malloc) keeps the heap as one run of chunks from __heap_base up to its top
// chunk, the free space at the end: each chunk is [prev_foot, head = size | CINUSE | PINUSE] then
// the payload, and the size is what mallinfo().uordblks sums over the chunks in use. That sum is
// not a function of what is live: a request of 24 bytes takes a 32-byte chunk, or a whole 40-byte
// free one when that is the best fit (a remainder under 16 bytes cannot be split off), so the same
// live allocations can hold 8 bytes more or less depending on the history of the free lists. The
// number of chunks in use is exact: one per live allocation.

// Bytes held by live allocations (dlmalloc's count): for size bounds, not for equality.
double heapInUse() { return double(mallinfo().uordblks); }

// The number of live allocations, by walking the chunks as mallinfo does; −1 if the walk does not
// end where dlmalloc's own totals say it must (another allocator, or a heap it does not know).
double heapAllocations() {
  constexpr std::uintptr_t kHeader = 2 * sizeof(std::size_t);  // prev_foot and head, before the payload
  constexpr std::uintptr_t kTopFoot = 40;  // TOP_FOOT_SIZE in wasm32: the segment's tail after the top chunk
  constexpr std::size_t kPinuse = 1, kCinuse = 2;
  const struct mallinfo info = mallinfo();
  const std::uintptr_t end = reinterpret_cast<std::uintptr_t>(sbrk(0)) - kTopFoot;
  std::uintptr_t q = reinterpret_cast<std::uintptr_t>(&__heap_base);
  q += (8 - (q + kHeader) % 8) % 8;  // dlmalloc's align_as_chunk
  std::size_t inUse = 0, inUseBytes = 0, freeBytes = 0, freeChunks = 0;
  while (q < end) {
    const std::size_t head = reinterpret_cast<const std::size_t*>(q)[1];
    const std::size_t size = head & ~std::size_t(7);
    if (size == 0 || size > end - q) return -1;
    if (q + size == end && (head & kCinuse) == 0) {  // the top chunk (any size): the rest is free
      const bool agrees = size == std::size_t(info.keepcost) && inUseBytes == std::size_t(info.uordblks) &&
                          freeBytes + size + kTopFoot == std::size_t(info.fordblks) &&
                          freeChunks + 1 == std::size_t(info.ordblks);
      return agrees ? double(inUse) : -1;
    }
    if (size < 16) return -1;  // below dlmalloc's smallest chunk
    if ((head & (kPinuse | kCinuse)) != kPinuse) {  // dlmalloc's is_inuse
      ++inUse;
      inUseBytes += size;
    } else {
      ++freeChunks;
      freeBytes += size;
    }
    q += size;
  }
  return -1;
}
// The shadow stack pointer: a JS exception through wasm frames would leave it lower.
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
      .function("clone", &WasmNetwork::clone, allow_raw_pointers())
      .function("forwardLayers", &WasmNetwork::forwardLayers)
      .function("forwardLayer", &WasmNetwork::forwardLayer)
      .function("trainBatch", &WasmNetwork::trainBatch)
      .function("trainEpoch", &WasmNetwork::trainEpoch)
      .function("evaluate", &WasmNetwork::evaluate)
      .function("gradients", &WasmNetwork::gradients)
      .function("trace", &WasmNetwork::trace)
      .function("gradientCheck", &WasmNetwork::gradientCheck)
      .function("lossLandscape", &WasmNetwork::lossLandscape)
      .function("parameters", &WasmNetwork::parameters)
      .function("weights", &WasmNetwork::weights)
      .function("biases", &WasmNetwork::biases)
      .function("setWeights", &WasmNetwork::setWeights)
      .function("setBiases", &WasmNetwork::setBiases)
      .function("setWeight", &WasmNetwork::setWeight)
      .function("setBias", &WasmNetwork::setBias)
      .function("setOptimizer", &WasmNetwork::setOptimizer)
      .function("setPenalties", &WasmNetwork::setPenalties)
      .function("toJSON", &WasmNetwork::toJSON)
      .function("setStandardizer", &WasmNetwork::setStandardizer)
      .function("clearStandardizer", &WasmNetwork::clearStandardizer)
      .function("standardizer", &WasmNetwork::standardizer)
      .function("fitStart", &WasmNetwork::fitStart)
      .function("fitEpoch", &WasmNetwork::fitEpoch)
      .function("fitBatches", &WasmNetwork::fitBatches)
      .function("fitEnd", &WasmNetwork::fitEnd);
  function("createNetwork", &createNetwork, allow_raw_pointers());
  function("loadNetwork", &loadNetwork, allow_raw_pointers());
  function("lastError", &lastError);
  function("releaseOutputs", &releaseOutputs);
  function("catalogJSON", &nn::catalogJSON);
  function("makeDataset", &makeDataset);
  function("splitDataset", &splitDataset);
  function("encodeTargets", &encodeTargets);
  function("fitStandardizer", &fitStandardizer);
  function("standardize", &standardize);
  function("heapInUse", &heapInUse);
  function("heapAllocations", &heapAllocations);
  function("stackPointer", &stackPointer);
}
