// catalog.cpp — builds the catalog from the tables themselves.
#include "catalog.hpp"

#include <nlohmann/json.hpp>

#include "activations.hpp"
#include "datasets.hpp"
#include "gradcheck.hpp"
#include "initializers.hpp"
#include "losses.hpp"
#include "serialize.hpp"
#include "spec.hpp"

namespace nn {

std::string catalogJSON() {
  using json = nlohmann::ordered_json;
  json activations = json::array(), losses = json::array(), optimizers = json::array(),
       initializers = json::array(), datasets = json::array();
  for (const auto& a : activationTable<float>())
    activations.push_back(
        {{"name", a.name}, {"unitInterval", a.unitInterval}, {"elementwise", a.elementwise}, {"midpoint", a.midpoint}});
  for (const auto& l : lossTable<float>())
    losses.push_back({{"name", l.name},
                      {"needsUnitInterval", l.needsUnitInterval},
                      {"minOutputs", l.minOutputs},
                      {"fusedActivation", l.fusedActivation ? json(l.fusedActivation) : json(nullptr)}});
  for (const auto& o : optimizerTable<float>())
    optimizers.push_back({{"name", o.name}, {"defaultLearningRate", o.defaultLearningRate}});
  for (const auto& i : initializerTable()) initializers.push_back(i.name);
  for (const auto& d : datasetTable())
    datasets.push_back({{"name", d.name},
                        {"regression", d.regression},
                        {"minClasses", d.minClasses},
                        {"maxClasses", d.maxClasses},
                        {"defaultClasses", d.defaultClasses}});
  const json limits = {{"maxUnits", kMaxUnits},
                       {"maxLayers", kMaxLayers},
                       {"maxParameters", kMaxParameters},
                       {"maxPoints", kMaxPoints},
                       {"maxDocumentBytes", kMaxDocumentBytes},
                       {"maxDocumentDepth", kMaxDocumentDepth},
                       {"maxCheckPerLayer", kMaxCheckPerLayer},
                       {"maxCheckSamples", kMaxCheckSamples},
                       {"maxCheckWork", kMaxCheckWork},
                       {"maxSteps", kMaxSteps}};
  return json{{"activations", activations}, {"losses", losses},     {"optimizers", optimizers},
              {"initializers", initializers}, {"datasets", datasets}, {"limits", limits}}
      .dump();
}

}  // namespace nn
