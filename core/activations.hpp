// activations.hpp — the table of activation functions: each row has f with its derivative beside
// it, and everything anyone else needs to know about it (display name, output range, TeX for the
// By hand panel), so the page, the bindings, the types and the tests read this one table.
//
// forward:  A (units, m) = f(Z (units, m))
// backward: dZ (units, m) = J_f(Z)^T dA — for elementwise f that is dA ⊙ f'(Z); for softmax, a
//           vector function, it is the Jacobian-vector product per column.
#pragma once

#include <limits>
#include <string>
#include <vector>

#include "types.hpp"

namespace nn {

constexpr double kUnbounded = std::numeric_limits<double>::infinity();

// What an activation is, apart from how it is computed. TeX is in the book's notation, with the
// placeholders #Z, #A, #dA and #dZ for the layer's matrices (the page writes Z^{[l]} for #Z).
struct ActivationInfo {
  const char* name;      // the key in specs, links and files
  const char* display;   // "ReLU"
  const char* about;     // "rectified linear unit": shown beside the equations
  bool elementwise;      // false for softmax (a vector function: needs ≥ 2 units to mean anything)
  double lo, hi;         // the range of f (±kUnbounded when unbounded)
  double midpoint;       // decision threshold for one-output classification (targets 1 and 2·midpoint − 1)
  double maxSlope;       // sup f' (kUnbounded when unbounded): below 1, every layer shrinks the backward signal
  bool deadBelowZero;    // f'(z) = 0 for every z < 0: a unit whose z stays negative never learns again
  const char* texForward;     // the right-hand side of A = …
  const char* texBackward;    // the whole equation dZ = …
  const char* texDefinition;  // a definition of a function the reader may not know ("" for none)
  const char* texNote;        // a note under the backward step ("" for none)
  // The same function in the languages the exporters write (wasm/export/), so a new row cannot
  // miss an export:
  //   numpy, numpyBackward: NumPy on float32 (units, m) arrays, one column per sample. numpy gives
  //     A from Z; numpyBackward gives dZ from Z, A and dA. Lines before the last are statements; the
  //     last is the value. They may call another row's function by its name (sigmoid(Z)) and erf.
  //   torch: the torch.nn module.
  //   onnx: an expression of ONNX operators (opset 17) over x (n, units), rows are samples:
  //     Op(arguments) or Op[attribute=value,…](arguments); an argument is x, a number (a float32
  //     scalar constant) or another Op(…). An attribute's value is a number: written without a
  //     point or an exponent it is an INT attribute (Softmax[axis=1]), otherwise a FLOAT one
  //     (Elu[alpha=1.0]: as the ONNX spec types each attribute). Parsed by wasm/export/onnx.mjs.
  struct Code {
    const char* numpy;
    const char* numpyBackward;
    const char* torch;
    const char* onnx;
  } code;
  // Every output in (0, 1): what the cross-entropies need.
  bool unitInterval() const { return lo >= 0 && hi <= 1; }
};

template <typename S>
struct Activation : ActivationInfo {
  void (*forward)(const Mat<S>& Z, Mat<S>& A);
  void (*backward)(const Mat<S>& Z, const Mat<S>& A, const Mat<S>& dA, Mat<S>& dZ);
};

template <typename S>
const std::vector<Activation<S>>& activationTable();

// Throws nn::Error "<field>: unknown activation 'x' (choose from ...)".
template <typename S>
const Activation<S>& findActivation(const std::string& name, const std::string& field) {
  return findRow(activationTable<S>(), name, "activation", field);
}
inline std::vector<std::string> activationNames() { return rowNames(activationTable<float>()); }

// The hidden layers' activation a new network starts with (the page's first network).
constexpr const char* kDefaultHiddenActivation = "tanh";

}  // namespace nn
