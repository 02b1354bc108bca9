// optimizers.hpp — the table of optimizers, with PyTorch's exact update rules and defaults, and
// the table of their hyperparameters (default, range, display name, TeX symbol).
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

// Hyperparameters: every field is a row of hyperparameterTable(), and a default-constructed
// OptimizerSettings holds the table's defaults (learningRate NaN: the optimizer's own default).
// Which ones an optimizer reads is in its row.
struct OptimizerSettings {
  std::string type = "adam";
  double learningRate, momentum, beta1, beta2, rho, epsilon, weightDecay;
  OptimizerSettings();
};

// One hyperparameter, with PyTorch's default and the range the core accepts (both as given and as
// the float network uses it).
struct Hyperparameter {
  const char* name;                  // the key in specs and the last part of the error's field
  const char* display;               // "Momentum"
  const char* tex;                   // "\mu"
  double OptimizerSettings::*value;  // where it is kept
  double defaultValue;               // NaN for learningRate: each optimizer has its own
  double lo, hi;                     // the range (hi may be ∞)
  bool loOpen, hiOpen;               // whether the ends are excluded
};
const std::vector<Hyperparameter>& hyperparameterTable();
const Hyperparameter& findHyperparameter(const std::string& name, const std::string& field);

// What an optimizer is, apart from its step. TeX uses θ for any parameter and g for its gradient.
struct OptimizerInfo {
  const char* name;             // the key in specs, links and files
  const char* display;          // "Adam"
  double defaultLearningRate;   // torch's default where it has one
  double suggestedLearningRate; // for small networks on the 2-D datasets, by experiment (bench/learning-rates.mjs)
  std::array<const char*, 4> reads;  // the hyperparameters the step reads besides learningRate (then nullptr)
  int stateSlots;               // state vectors of parameter length (velocity, moments)
  std::array<bool, 2> nonNegative;   // which slots hold averages of g² (never negative)
  bool countsSteps;             // the step reads t (adam's bias correction)
  std::array<const char*, 3> texRules;  // the update, one line each (then nullptr)
  const char* texState;         // what the state is, in words with $…$ ("" for none)
  // The same update in the languages the exporters write (wasm/export/):
  //   slots: the NumPy name of each state slot, space-separated ("s r"), as in texState;
  //   numpy: the update of one parameter array p with gradient g, one statement a line, in place,
  //     reading the slots, t (the step, counted from 1) and the hyperparameters by their names in
  //     snake_case (learning_rate, beta1, weight_decay);
  //   torch: the torch.optim constructor over params, {name} standing for a hyperparameter's value;
  //   torchState: the keys of torch's per-parameter state, space-separated: "step" is t, the others
  //     are the slots in order;
  //   torchStep: the value torch keeps as "step", a Python expression of t in torch 1.13's type (Adam's
  //     is a float tensor, RMSprop's an int); "" when torchState has no step.
  struct Code {
    const char* slots;
    std::array<const char*, 4> numpy;
    const char* torch;
    const char* torchState;
    const char* torchStep;
  } code;
  // The hyperparameters the step reads, learningRate first.
  std::vector<const Hyperparameter*> hyperparameters() const;
};

template <typename S>
struct Optimizer : OptimizerInfo {
  // One step from the current parameters p, gradient g and state s0, s1 to new ones written to
  // pNext, s0Next, s1Next (other buffers); returns whether every new value is finite. t is the
  // 1-based step count (adam's bias correction).
  bool (*step)(const S* p, const S* g, const S* s0, const S* s1, S* pNext, S* s0Next, S* s1Next, std::size_t n,
               const OptimizerSettings& h, std::int64_t t);
};

template <typename S>
const std::vector<Optimizer<S>>& optimizerTable();

template <typename S>
const Optimizer<S>& findOptimizer(const std::string& name, const std::string& field) {
  return findRow(optimizerTable<S>(), name, "optimizer", field);
}
inline std::vector<std::string> optimizerNames() { return rowNames(optimizerTable<float>()); }

// Fills the default learning rate and checks every hyperparameter against its range; throws
// naming the field ("optimizer.beta1: must be in [0, 1) (got 1)").
void validateOptimizer(OptimizerSettings& settings, const std::string& field = "optimizer");

}  // namespace nn
