// activations.hpp — the table of activation functions, each with its derivative beside it.
//
// forward:  A (units, m) = f(Z (units, m))
// backward: dZ (units, m) = J_f(Z)^T dA — for elementwise f that is dA ⊙ f'(Z); for softmax, a
//           vector function, it is the Jacobian-vector product per column.
// The UI, the bindings and the tests all read this one table (activationNames()).
#pragma once

#include <string>
#include <vector>

#include "types.hpp"

namespace nn {

template <typename S>
struct Activation {
  const char* name;
  void (*forward)(const Mat<S>& Z, Mat<S>& A);
  void (*backward)(const Mat<S>& Z, const Mat<S>& A, const Mat<S>& dA, Mat<S>& dZ);
  bool unitInterval;  // every output stays in (0, 1): what the cross-entropies need
  bool elementwise;   // false for softmax (needs ≥ 2 units to mean anything)
  double midpoint;    // decision threshold for one-output classification (targets ±1 for tanh)
};

template <typename S>
const std::vector<Activation<S>>& activationTable();

// Throws nn::Error "<field>: unknown activation 'x' (choose from ...)".
template <typename S>
const Activation<S>& findActivation(const std::string& name, const std::string& field);

std::vector<std::string> activationNames();

}  // namespace nn
