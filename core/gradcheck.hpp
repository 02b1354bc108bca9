// gradcheck.hpp — checks a network's backpropagation against central differences, layer by layer.
//
// The analytic gradient comes from the network itself (in its own precision: float in the browser);
// the numeric one from a double-precision copy of it, (L(p + h) − L(p − h)) / 2h, so the check
// measures backprop's error, not float cancellation in the differences. Large layers are sampled.
#pragma once

#include <vector>

#include "network.hpp"

namespace nn {

struct LayerCheck {
  double weights;  // ‖analytic − numeric‖ / ‖analytic + numeric‖ over the checked entries of W
  double biases;   // the same for b
  int checked;     // number of parameters compared in this layer
};

// maxPerLayer: at most this many entries of W and of b per layer (a seeded sample when larger).
// The cost is bounded: each checked entry costs two double-precision forward passes over the batch
// (P multiply-adds per sample), so 2 · entries · P · n in all, at most kMaxCheckWork; entries is at
// most 2 · maxPerLayer · layers, maxPerLayer ≤ kMaxCheckPerLayer and n ≤ kMaxCheckSamples. Beyond
// any limit it throws before computing anything, naming the field.
constexpr int kMaxCheckPerLayer = 1024;
constexpr int kMaxCheckSamples = 1000;
constexpr double kMaxCheckWork = 2e9;  // multiply-adds: a few seconds in wasm
// (X and Y take their scalar from the network, so matrices, maps and blocks all convert.)
template <typename S>
std::vector<LayerCheck> gradientCheck(Network<S>& net, MatRef<typename Network<S>::Scalar> X,
                                      MatRef<typename Network<S>::Scalar> Y, int maxPerLayer = 64, double h = 1e-6);

}  // namespace nn
