// initializers.hpp — the table of weight initialisers (biases always start at 0).
//
// Weights are drawn layer by layer in row-major order of W (out, in), from the project's Rng,
// so the same seed gives the same network on every platform.
#pragma once

#include <string>
#include <vector>

#include "rng.hpp"
#include "types.hpp"

namespace nn {

struct Initializer {
  const char* name;
  const char* display;  // "Glorot uniform"
  bool symmetric;       // every weight of a layer equal: its neurons stay identical forever
  // Draws one weight for a layer with fan_in = in, fan_out = out.
  double (*draw)(Rng& rng, int in, int out);
};

const std::vector<Initializer>& initializerTable();
inline const Initializer& findInitializer(const std::string& name, const std::string& field) {
  return findRow(initializerTable(), name, "initializer", field);
}
inline std::vector<std::string> initializerNames() { return rowNames(initializerTable()); }

}  // namespace nn
