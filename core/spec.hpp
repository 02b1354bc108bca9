// spec.hpp — what a network is made of, and the one place that decides whether it is valid.
//
// Field names match the JavaScript API (inputs, layers[i].units, optimizer.learningRate, ...) so an
// error message names exactly what the user wrote.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "optimizers.hpp"

namespace nn {

struct LayerSpec {
  int units = 1;
  std::string activation = "linear";
};

struct NetworkSpec {
  int inputs = 2;
  std::vector<LayerSpec> layers;  // hidden layers..., then the output layer (at least one)
  std::string loss;               // empty: chosen from the output activation
  OptimizerSettings optimizer;
  double l1 = 0;                  // λ₁: adds λ₁·sign(W) to dW (weights only)
  double l2 = 0;                  // λ₂: adds λ₂·W to dW (weights only)
  std::string init = "glorot_uniform";
  std::uint64_t seed = 1;
};

// Limits that keep a typo from allocating gigabytes inside a browser tab.
constexpr int kMaxUnits = 4096;
constexpr int kMaxLayers = 64;
constexpr std::int64_t kMaxParameters = 8'000'000;

// Checks every field and fills defaults (loss, learning rate); throws nn::Error naming the field.
// Also rejects output/loss pairs that are undefined, saying why and which activations fit.
void validateSpec(NetworkSpec& spec);
// Throws Error(field) unless λ (an L1 or L2 penalty) is 0 or a normal float > 0.
void validatePenalty(double lambda, const char* field);

// The default loss for an output activation: the loss fused with it (softmax → categorical,
// sigmoid → binary cross-entropy), else the table's first loss for real-valued targets (mse).
std::string defaultLoss(const std::string& outputActivation);

// The output layer that suits each kind of problem, read from the tables' flags:
// regression → the identity (A = Z) and its default loss;
// binary → the activation fused with a one-output loss; multiclass → the one fused with a loss
// that needs ≥ 2 outputs.
struct NaturalOutput {
  std::string activation, loss;
};
enum class Problem { regression, binary, multiclass };
NaturalOutput naturalOutput(Problem kind);

}  // namespace nn
