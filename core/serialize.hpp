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

#include <string>

#include "network.hpp"

namespace nn {

template <typename S>
std::string toJSON(const Network<S>& net);

template <typename S>
Network<S> networkFromJSON(const std::string& text);

}  // namespace nn
