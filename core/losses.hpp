// losses.hpp — the table of loss functions (PyTorch definitions and reductions).
//
// For a batch, A and Y are (outputs, m). `value` returns the mean loss of the batch;
// `gradient` returns dA (outputs, m) = ∂ℓ_j/∂a_j for each sample j — the per-sample derivative,
// not yet divided by m (the backward pass divides once, in dW = dZ A_prevᵀ / m).
// Reductions: mse, mae, huber, binary_crossentropy average over every element (so the per-sample
// loss is the mean over outputs); categorical_crossentropy averages −Σ y·log p over samples.
// Two pairs also have a fused path from the logits Z that gives the same numbers without
// overflowing: sigmoid + binary_crossentropy and softmax + categorical_crossentropy.
#pragma once

#include <string>
#include <vector>

#include "types.hpp"

namespace nn {

template <typename S>
struct Loss {
  const char* name;
  S (*value)(const Mat<S>& A, const MatRef<S>& Y);
  void (*gradient)(const Mat<S>& A, const MatRef<S>& Y, Mat<S>& dA);
  bool needsUnitInterval;  // log(a) and log(1 − a) need outputs in (0, 1)
  int minOutputs;          // categorical needs ≥ 2 classes
  // Fused path (nullptr when none): the loss from the logits Z, and dZ given A = f(Z).
  const char* fusedActivation;
  S (*fusedValue)(const Mat<S>& Z, const MatRef<S>& Y);
  void (*fusedGradient)(const Mat<S>& A, const MatRef<S>& Y, Mat<S>& dZ);
};

template <typename S>
const std::vector<Loss<S>>& lossTable();

template <typename S>
const Loss<S>& findLoss(const std::string& name, const std::string& field);

std::vector<std::string> lossNames();

}  // namespace nn
