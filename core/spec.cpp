// spec.cpp — validation of a NetworkSpec against the tables.
#include "spec.hpp"

#include <cmath>
#include <string>

#include "activations.hpp"
#include "initializers.hpp"
#include "losses.hpp"

namespace nn {

std::string defaultLoss(const std::string& outputActivation) {
  for (const auto& l : lossTable<float>())
    if (l.fusedActivation && outputActivation == l.fusedActivation) return l.name;
  for (const auto& l : lossTable<float>())
    if (!l.needsUnitInterval) return l.name;
  throw Error("loss", "no loss for real-valued targets in the table");
}

NaturalOutput naturalOutput(Problem kind) {
  if (kind == Problem::regression) {
    for (const auto& a : activationTable<float>())
      if (std::string(a.texForward) == "#Z")  // the identity: A = Z
        return {a.name, defaultLoss(a.name)};
  } else {
    for (const auto& l : lossTable<float>())
      if (l.fusedActivation && (l.minOutputs > 1) == (kind == Problem::multiclass)) return {l.fusedActivation, l.name};
  }
  throw Error("", "no natural output layer in the tables");
}

namespace {

void checkPair(const NetworkSpec& spec) {
  const LayerSpec& out = spec.layers.back();
  const auto& act = findActivation<float>(out.activation, "");
  const auto& loss = findLoss<float>(spec.loss, "loss");
  if (loss.needsUnitInterval && !act.unitInterval()) {
    std::string fits;
    for (const auto& a : activationTable<float>())
      if (a.unitInterval()) fits += std::string(fits.empty() ? "" : " or ") + a.name;
    throw Error("loss", spec.loss + " takes log of the outputs, which needs them in (0, 1); a " +
                out.activation + " output can leave that range (use a " + fits + " output)");
  }
  if (out.units < loss.minOutputs)
    throw Error("loss", spec.loss + " needs at least " + std::to_string(loss.minOutputs) +
                " outputs (one per class); the output layer has " + std::to_string(out.units) +
                " (for two classes, use " + naturalOutput(Problem::binary).loss + " with a " +
                naturalOutput(Problem::binary).activation + " output)");
}

}  // namespace

void validateSpec(NetworkSpec& spec) {
  if (spec.inputs < 1 || spec.inputs > kMaxUnits)
    throw Error("inputs", "must be an integer from 1 to " + std::to_string(kMaxUnits) + " (got " +
                std::to_string(spec.inputs) + ")");
  if (spec.layers.empty())
    throw Error("layers", "needs at least one layer (the output layer)");
  if (spec.layers.size() > std::size_t(kMaxLayers))
    throw Error("layers", "at most " + std::to_string(kMaxLayers) + " layers (got " +
                std::to_string(spec.layers.size()) + ")");
  std::int64_t parameters = 0;
  int fanIn = spec.inputs;
  for (std::size_t i = 0; i < spec.layers.size(); ++i) {
    const std::string field = "layers[" + std::to_string(i) + "]";
    const LayerSpec& layer = spec.layers[i];
    if (layer.units < 1 || layer.units > kMaxUnits)
      throw Error(field + ".units", "must be an integer from 1 to " + std::to_string(kMaxUnits) +
                  " (got " + std::to_string(layer.units) + ")");
    const auto& act = findActivation<float>(layer.activation, field + ".activation");
    if (!act.elementwise && layer.units < 2)
      throw Error(field + ".activation", layer.activation +
                  " over a single unit always outputs 1; give the layer at least 2 units");
    parameters += std::int64_t(layer.units) * (fanIn + 1);
    fanIn = layer.units;
  }
  if (parameters > kMaxParameters)
    throw Error("layers", "" + std::to_string(parameters) + " parameters is more than the limit of " +
                std::to_string(kMaxParameters));
  if (spec.loss.empty()) spec.loss = defaultLoss(spec.layers.back().activation);
  checkPair(spec);
  validateOptimizer(spec.optimizer);
  validatePenalty(spec.l1, "l1");
  validatePenalty(spec.l2, "l2");
  findInitializer(spec.init, "init");
}

// λ is used in float: 0, or a normal float (1e39 would be ∞, 1e-50 would silently be 0)
void validatePenalty(double lambda, const char* field) {
  if (!(lambda == 0 || (lambda > 0 && isNormalFloat(lambda))))
    throw Error(field, "must be a finite number ≥ 0: 0, or from 1.2e-38 to 3.4e38 as a float (got " + num(lambda) + ")");
}

}  // namespace nn
