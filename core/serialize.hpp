// serialize.hpp — save and load a network as versioned JSON.
//
// Format "nn-by-hand/network", version 1:
//   { "format", "version", "spec": { inputs, layers[{units, activation}], loss,
//       optimizer{type, learningRate, momentum, beta1, beta2, rho, epsilon}, l1, l2, init, seed },
//     "weights": [ W per layer, row-major (out × in), as torch nn.Linear.weight ],
//     "biases":  [ b per layer ],
//     "optimizerState": { "step": t, "slots": [ { "weights": [...], "biases": [...] }, ... ] },
//     "rng": [ four 16-digit hex words: the shuffle generator's state ] }
// Version 2 is version 1 plus, after "spec", the network's input standardizer (required):
//     "standardizer": { "mean": [inputs numbers], "scale": [inputs numbers, each > 0] }
//   (doubles, written to round-trip exactly; A[0] = (x − mean) / scale, standardizer.hpp).
//
// The version rule: a reader reads every version up to its own (this build: 1 and 2); a writer
// writes the lowest version that can hold the network — 1 without a standardizer, 2 with one — so
// a network without one is saved exactly as before and older builds keep reading it, while a
// network whose predictions depend on its standardizer is refused by them ("version") rather
// than loaded without it. Unknown top-level fields are ignored (an application's own metadata),
// so in version 1 "standardizer" is not read; the nested objects reject unknown fields.
// Loading checks every field and builds a brand-new network; a malformed document throws
// nn::Error naming the field and nothing else changes.
#pragma once

#include <cstddef>
#include <string>

#include "network.hpp"

namespace nn {

// The reader's limits, natively and in wasm: beyond them a document is rejected ("json: ...")
// before it is read. 64 levels is ten times the format's own depth.
constexpr std::size_t kMaxDocumentBytes = std::size_t(256) << 20;  // 256 MiB of UTF-8
constexpr int kMaxDocumentDepth = 64;
constexpr const char* kFormat = "nn-by-hand/network";  // the "format" field of a saved network

template <typename S>
std::string toJSON(const Network<S>& net);

// A spec as users write it (createNetwork): only `layers` is required, missing fields take their
// defaults, unknown fields are rejected, and the result is validated. Errors name the field.
NetworkSpec specFromJSON(const std::string& text);
// The normalised spec (defaults filled in) as JSON.
std::string specToJSON(const NetworkSpec& spec);
// Optimizer settings given as JSON ({type?, learningRate?, ...} or "type"), merged over `current`:
// fields not given are kept; another type without a learning rate gets that type's default.
OptimizerSettings optimizerFromJSON(const std::string& text, const OptimizerSettings& current);

template <typename S>
Network<S> networkFromJSON(const std::string& text);

}  // namespace nn
