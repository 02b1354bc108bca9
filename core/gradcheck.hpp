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
// The cost is bounded: each checked entry costs two double-precision forward passes over the batch,
// so at most 4 · maxPerLayer · layers passes over at most kMaxCheckSamples samples
// (maxPerLayer ≤ kMaxCheckPerLayer; beyond either limit it throws, naming the field).
constexpr int kMaxCheckPerLayer = 1024;
constexpr int kMaxCheckSamples = 1000;
// (X and Y take their scalar from the network, so matrices, maps and blocks all convert.)
template <typename S>
std::vector<LayerCheck> gradientCheck(Network<S>& net, MatRef<typename Network<S>::Scalar> X,
                                      MatRef<typename Network<S>::Scalar> Y, int maxPerLayer = 64, double h = 1e-6);

}  // namespace nn
