// serialize.hpp — save and load a network as versioned JSON.
//
// Format "nn-by-hand/network", version 1:
//   { "format", "version", "spec": { inputs, layers[{units, activation}], loss,
//       optimizer{type, learningRate, momentum, beta1, beta2, rho, epsilon}, l1, l2, init, seed },
//     "weights": [ W per layer, row-major (out × in), as torch nn.Linear.weight ],
//     "biases":  [ b per layer ],
//     "optimizerState": { "step": t, "slots": [ { "weights": [...], "biases": [...] }, ... ] },
//     "rng": [ four 16-digit hex words: the shuffle generator's state ] }
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
