// load_fuzz.cpp — libFuzzer target for the core's JSON readers, built with ASan + UBSan
// (scripts/fuzz.sh). Saved networks, specs and optimizer settings are user input (files, URL
// hashes, pasted text); whatever bytes arrive, the core must answer with one short nn::Error, or
// with something finite that saves, reloads and trains without leaving a non-finite number behind.
//
// Every input goes to all three readers: networkFromJSON<float>, specFromJSON, optimizerFromJSON.
// Properties (a violation prints "fuzz property violated: ..." and aborts, so libFuzzer keeps the
// input as a crash):
//   1. The only exception that leaves a reader is nn::Error, whose what() is non-empty and at most
//      kMaxMessage bytes (a message quotes at most ~100 characters of a value). Any other exception,
//      std::bad_alloc included, is a bug.
//   2. A loaded network has finite parameters and finite optimizer state.
//   3. Round trip: its toJSON() loads again and gives the same bytes.
//   4. One trainBatch on a small finite batch either returns a finite loss with finite parameters,
//      or leaves the parameters unchanged; the optimizer state stays finite and the network still
//      saves and reloads (3). A network with a standardizer (format version 2) may instead throw
//      nn::Error (its batch standardised beyond float's range), changing nothing.
//   5. A spec that loads normalises (specToJSON) to JSON that reads back to the same JSON, and a
//      small network built from it keeps 2–4; optimizer settings that load keep 4 on a small network.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <new>
#include <optional>
#include <string>
#include <typeinfo>

#include "network.hpp"
#include "serialize.hpp"

namespace {

using Net = nn::Network<float>;

constexpr std::size_t kMaxMessage = 400;     // bytes of an nn::Error's what()
constexpr long kMaxBuiltParameters = 10000;  // specs larger than this are only read, not built
constexpr int kBatch = 3;                    // samples in the training step's batch

// --- reporting ---------------------------------------------------------------------------------

[[noreturn]] void violated(const std::string& property, const std::string& detail) {
  std::fprintf(stderr, "\nfuzz property violated: %s\n  %.1500s%s\n", property.c_str(), detail.c_str(),
               detail.size() > 1500 ? " [...]" : "");
  std::abort();
}

void checkMessage(const char* call, const char* what) {
  const std::string message = what;
  if (message.empty()) violated(std::string(call) + " threw nn::Error with an empty message", "");
  if (message.size() > kMaxMessage)
    violated(std::string(call) + " threw nn::Error with a " + std::to_string(message.size()) +
                 "-byte message (limit " + std::to_string(kMaxMessage) + ")",
             message.substr(0, 300));
}

// Runs a reader: true if it returned, false if it threw a well-formed nn::Error (property 1).
template <class F>
bool reads(const char* call, F&& f) {
  try {
    f();
    return true;
  } catch (const nn::Error& e) {
    checkMessage(call, e.what());
    return false;
  } catch (const std::bad_alloc&) {
    violated(std::string(call) + " let std::bad_alloc escape", "an allocation the limits should have refused");
  } catch (const std::exception& e) {
    violated(std::string(call) + " let a non-nn::Error exception escape", std::string(typeid(e).name()) + ": " + e.what());
  } catch (...) {
    violated(std::string(call) + " let a non-std::exception escape", "");
  }
}

// Runs a call that must not throw at all (its input is valid by construction).
template <class F>
void must(const char* call, F&& f) {
  try {
    f();
  } catch (const std::exception& e) {
    violated(std::string(call) + " threw on valid input", std::string(typeid(e).name()) + ": " + e.what());
  } catch (...) {
    violated(std::string(call) + " threw a non-std::exception on valid input", "");
  }
}

// --- the properties of a network ---------------------------------------------------------------

bool finite(const nn::Vec<float>& v) { return nn::allFinite(v.data(), v.size()); }

// Property 2 (and the state half of 4).
void checkFinite(const Net& net, const std::string& when) {
  if (!finite(net.parameters())) violated(when + ": a parameter is NaN or infinite", "");
  for (std::size_t k = 0; k < net.optimizerState().size(); ++k)
    if (!finite(net.optimizerState()[k]))
      violated(when + ": optimizer state slot " + std::to_string(k) + " holds NaN or infinity", "");
}

// Property 3.
void checkRoundTrip(const Net& net, const std::string& when) {
  std::string saved;
  must("toJSON", [&] { saved = nn::toJSON(net); });
  std::optional<Net> again;
  try {
    again.emplace(nn::networkFromJSON<float>(saved));
  } catch (const std::exception& e) {
    violated(when + ": its toJSON() does not load again", std::string(e.what()) + "\n  document: " + saved);
  }
  std::string resaved;
  must("toJSON (reloaded)", [&] { resaved = nn::toJSON(*again); });
  if (resaved != saved) violated(when + ": toJSON → load → toJSON changed the bytes", saved + "\n  became " + resaved);
}

// X (inputs, kBatch) in [−1, 1]; Y (outputs, kBatch) one-hot (0/1 for a single output), which
// every loss accepts.
void smallBatch(const Net& net, nn::Mat<float>& X, nn::Mat<float>& Y) {
  X.resize(net.inputs(), kBatch);
  for (Eigen::Index j = 0; j < X.cols(); ++j)
    for (Eigen::Index i = 0; i < X.rows(); ++i) X(i, j) = float((i * 7 + j * 3) % 11 - 5) / 5.0f;
  Y.setZero(net.outputs(), kBatch);
  for (Eigen::Index j = 0; j < Y.cols(); ++j) {
    if (net.outputs() == 1) Y(0, j) = float(j % 2);
    else Y(j % net.outputs(), j) = 1.0f;
  }
}

// Property 4.
void checkStep(Net& net, const std::string& origin) {
  nn::Mat<float> X, Y;
  smallBatch(net, X, Y);
  const nn::Vec<float> before = net.parameters();
  float loss = 0;
  if (net.standardizer()) {
    if (!reads("trainBatch (a standardised batch)", [&] { loss = net.trainBatch(X, Y); })) {
      if (!(net.parameters() == before)) violated(origin + ": a trainBatch that threw changed the parameters", "");
      checkFinite(net, origin + ", after a trainBatch that threw");
      checkRoundTrip(net, origin + ", after a trainBatch that threw");
      return;
    }
  } else {
    must("trainBatch", [&] { loss = net.trainBatch(X, Y); });
  }
  const bool kept = net.parameters() == before;
  if (!(std::isfinite(loss) && finite(net.parameters())) && !kept)
    violated(origin + ": one trainBatch step " +
                 (std::isfinite(loss) ? std::string("left a non-finite parameter")
                                      : "returned loss " + nn::num(double(loss)) + " but changed the parameters"),
             "");
  checkFinite(net, origin + ", after one trainBatch step");
  checkRoundTrip(net, origin + ", after one trainBatch step");
}

long parameterCount(const nn::NetworkSpec& spec) {
  long count = 0;
  int fanIn = spec.inputs;
  for (const nn::LayerSpec& layer : spec.layers) {
    count += long(layer.units) * (fanIn + 1);
    fanIn = layer.units;
  }
  return count;
}

// --- the three readers -------------------------------------------------------------------------

void fuzzNetwork(const std::string& text) {
  std::optional<Net> net;
  if (!reads("networkFromJSON", [&] { net.emplace(nn::networkFromJSON<float>(text)); })) return;
  checkFinite(*net, "loaded network");
  checkRoundTrip(*net, "loaded network");
  checkStep(*net, "loaded network");
}

void fuzzSpec(const std::string& text) {
  nn::NetworkSpec spec;
  if (!reads("specFromJSON", [&] { spec = nn::specFromJSON(text); })) return;
  std::string normal, again;
  must("specToJSON", [&] { normal = nn::specToJSON(spec); });
  must("specFromJSON(specToJSON(spec))", [&] { again = nn::specToJSON(nn::specFromJSON(normal)); });
  if (again != normal) violated("specToJSON → specFromJSON → specToJSON changed the spec", normal + "\n  became " + again);
  if (parameterCount(spec) > kMaxBuiltParameters) return;  // reading was the point; keep runs fast
  std::optional<Net> net;
  must("Network(spec from specFromJSON)", [&] { net.emplace(spec); });
  checkFinite(*net, "network built from a spec");
  checkRoundTrip(*net, "network built from a spec");
  checkStep(*net, "network built from a spec");
}

void fuzzOptimizer(const std::string& text) {
  static const nn::OptimizerSettings current = [] {
    nn::OptimizerSettings h;
    nn::validateOptimizer(h);
    return h;
  }();
  nn::OptimizerSettings settings;
  if (!reads("optimizerFromJSON", [&] { settings = nn::optimizerFromJSON(text, current); })) return;
  nn::NetworkSpec spec;
  spec.inputs = 2;
  spec.layers = {{3, "tanh"}, {2, "softmax"}};
  std::optional<Net> net;
  must("Network(small spec)", [&] { net.emplace(spec); });
  must("setOptimizer(settings from optimizerFromJSON)", [&] { net->setOptimizer(settings); });
  checkStep(*net, "small network with optimizer settings from optimizerFromJSON");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  fuzzNetwork(text);
  fuzzSpec(text);
  fuzzOptimizer(text);
  return 0;
}
