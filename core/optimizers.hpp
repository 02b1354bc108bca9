// optimizers.hpp — the table of optimizers, with PyTorch's exact update rules and defaults.
//
// Every optimizer is one flat loop over all parameters (weights and biases live in one buffer),
// with its state in vectors of the same length: no state keyed by layer or pointer.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "types.hpp"

namespace nn {

// Hyperparameters; which ones an optimizer reads is in its table row.
struct OptimizerSettings {
  std::string type = "adam";
  double learningRate = std::numeric_limits<double>::quiet_NaN();  // NaN: the optimizer's default
  double momentum = 0.9;     // momentum, nesterov
  double beta1 = 0.9;        // adam
  double beta2 = 0.999;      // adam
  double rho = 0.99;         // rmsprop's smoothing constant (torch's alpha)
  double epsilon = 1e-8;     // rmsprop, adam
};

template <typename S>
struct Optimizer {
  const char* name;
  double defaultLearningRate;  // torch's default where it has one
  int stateSlots;              // state vectors of parameter length (velocity, moments)
  std::array<bool, 2> nonNegative;  // which slots hold averages of g² (never negative)
  // One step from the current parameters p, gradient g and state s0, s1 to new ones written to
  // pNext, s0Next, s1Next (other buffers); returns whether every new value is finite. t is the
  // 1-based step count (adam's bias correction).
  bool (*step)(const S* p, const S* g, const S* s0, const S* s1, S* pNext, S* s0Next, S* s1Next, std::size_t n,
               const OptimizerSettings& h, std::int64_t t);
};

template <typename S>
const std::vector<Optimizer<S>>& optimizerTable();

template <typename S>
const Optimizer<S>& findOptimizer(const std::string& name, const std::string& field);

std::vector<std::string> optimizerNames();

// Fills the default learning rate and checks every hyperparameter; throws naming the field
// ("optimizer.beta1: ...").
void validateOptimizer(OptimizerSettings& settings, const std::string& field = "optimizer");

}  // namespace nn
