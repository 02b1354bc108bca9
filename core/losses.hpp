// losses.hpp — the table of loss functions (PyTorch definitions and reductions), each row with
// what the page needs to show it (display name, TeX, flags for its advice).
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

// What a loss is, apart from how it is computed. TeX uses #A and #Y for the outputs and targets.
struct LossInfo {
  const char* name;            // the key in specs, links and files
  const char* display;         // "Binary cross-entropy"
  bool needsUnitInterval;      // log(a) and log(1 − a) need outputs in (0, 1): a classification loss
  int minOutputs;              // categorical needs ≥ 2 classes
  const char* fusedActivation; // the output activation with a fused path from the logits (nullptr: none)
  bool meanOverOutputs;        // a sample's loss is the mean over its outputs (false: the sum)
  bool constantGradient;       // |∂ℓ/∂a| does not shrink as the error does (mae)
  const char* texValue;        // the whole equation ℒ = …
  const char* texGradient;     // the right-hand side of dA = ∂ℓ_j/∂A_{:,j}
  const char* texFused;        // the right-hand side of dZ = … on the fused path ("" for none)
  const char* why;             // why the fused gradient is that simple (text with $…$ TeX; "" for none)
  // The same loss in the languages the exporters write (wasm/export/). NumPy reads float32 (n_L, m)
  // arrays A and Y, one column per sample, with n_L, m = A.shape: numpy is ℒ and numpyGradient dA;
  // numpyFused is ℒ from the logits Z and numpyFusedGradient dZ from A and Y ("" without a fused
  // path). torch reads (n, outputs) tensors A and Y (rows are samples; F is torch.nn.functional),
  // torchFused the logits Z instead of A.
  struct Code {
    const char* numpy;
    const char* numpyGradient;
    const char* numpyFused;
    const char* numpyFusedGradient;
    const char* torch;
    const char* torchFused;
  } code;
};

template <typename S>
struct Loss : LossInfo {
  S (*value)(const Mat<S>& A, const MatRef<S>& Y);
  void (*gradient)(const Mat<S>& A, const MatRef<S>& Y, Mat<S>& dA);
  // Fused path (nullptr when none): the loss from the logits Z, and dZ given A = f(Z).
  S (*fusedValue)(const Mat<S>& Z, const MatRef<S>& Y);
  void (*fusedGradient)(const Mat<S>& A, const MatRef<S>& Y, Mat<S>& dZ);
};

template <typename S>
const std::vector<Loss<S>>& lossTable();

template <typename S>
const Loss<S>& findLoss(const std::string& name, const std::string& field) {
  return findRow(lossTable<S>(), name, "loss", field);
}
inline std::vector<std::string> lossNames() { return rowNames(lossTable<float>()); }

}  // namespace nn
