// catalog.cpp — builds the catalog from the tables themselves.
#include "catalog.hpp"

#include <nlohmann/json.hpp>

#include "activations.hpp"
#include "datasets.hpp"
#include "gradcheck.hpp"
#include "initializers.hpp"
#include "landscape.hpp"
#include "losses.hpp"
#include "serialize.hpp"
#include "spec.hpp"

namespace nn {
namespace {

using json = nlohmann::ordered_json;

json hyperparameter(const Hyperparameter& h, double defaultValue) {
  return {{"name", h.name}, {"display", h.display}, {"tex", h.tex}, {"default", defaultValue},
          {"lo", h.lo},     {"hi", h.hi},           {"loOpen", h.loOpen}, {"hiOpen", h.hiOpen}};
}

json nonEmpty(const char* s) { return *s ? json(s) : json(nullptr); }

}  // namespace

std::string catalogJSON() {
  json activations = json::array(), losses = json::array(), hyperparameters = json::array(),
       optimizers = json::array(), initializers = json::array(), datasets = json::array();
  for (const auto& a : activationTable<float>())
    activations.push_back({{"name", a.name}, {"display", a.display}, {"about", a.about},
                           {"elementwise", a.elementwise}, {"unitInterval", a.unitInterval()},
                           {"lo", a.lo}, {"hi", a.hi}, {"midpoint", a.midpoint}, {"maxSlope", a.maxSlope},
                           {"deadBelowZero", a.deadBelowZero},
                           {"tex", {{"forward", a.texForward}, {"backward", a.texBackward},
                                    {"definition", nonEmpty(a.texDefinition)}, {"note", nonEmpty(a.texNote)}}},
                           {"code", {{"numpy", a.code.numpy}, {"numpyBackward", a.code.numpyBackward},
                                     {"torch", a.code.torch}, {"onnx", a.code.onnx}}}});
  for (const auto& l : lossTable<float>())
    losses.push_back({{"name", l.name}, {"display", l.display}, {"needsUnitInterval", l.needsUnitInterval},
                      {"minOutputs", l.minOutputs},
                      {"fusedActivation", l.fusedActivation ? json(l.fusedActivation) : json(nullptr)},
                      {"meanOverOutputs", l.meanOverOutputs}, {"constantGradient", l.constantGradient},
                      {"tex", {{"value", l.texValue}, {"gradient", l.texGradient},
                               {"fused", nonEmpty(l.texFused)}, {"why", nonEmpty(l.why)}}},
                      {"code", {{"numpy", l.code.numpy}, {"numpyGradient", l.code.numpyGradient},
                                {"numpyFused", nonEmpty(l.code.numpyFused)},
                                {"numpyFusedGradient", nonEmpty(l.code.numpyFusedGradient)},
                                {"torch", l.code.torch}, {"torchFused", nonEmpty(l.code.torchFused)}}}});
  for (const auto& h : hyperparameterTable()) hyperparameters.push_back(hyperparameter(h, h.defaultValue));
  for (const auto& o : optimizerTable<float>()) {
    json reads = json::array(), rules = json::array();
    for (const Hyperparameter* h : o.hyperparameters())
      reads.push_back(hyperparameter(*h, h->value == &OptimizerSettings::learningRate ? o.defaultLearningRate
                                                                                       : h->defaultValue));
    for (const char* rule : o.texRules)
      if (rule && *rule) rules.push_back(rule);
    json numpy = json::array();
    for (const char* line : o.code.numpy)
      if (line && *line) numpy.push_back(line);
    optimizers.push_back({{"name", o.name}, {"display", o.display}, {"defaultLearningRate", o.defaultLearningRate},
                          {"suggestedLearningRate", o.suggestedLearningRate},
                          {"stateSlots", o.stateSlots}, {"countsSteps", o.countsSteps}, {"hyperparameters", reads},
                          {"tex", {{"rules", rules}, {"state", nonEmpty(o.texState)}}},
                          {"code", {{"slots", o.code.slots}, {"numpy", numpy}, {"torch", o.code.torch},
                                    {"torchState", o.code.torchState}, {"torchStep", o.code.torchStep}}}});
  }
  for (const auto& i : initializerTable())
    initializers.push_back({{"name", i.name}, {"display", i.display}, {"symmetric", i.symmetric}});
  for (const auto& d : datasetTable())
    datasets.push_back({{"name", d.name}, {"display", d.display}, {"regression", d.regression},
                        {"minClasses", d.minClasses}, {"maxClasses", d.maxClasses},
                        {"defaultClasses", d.defaultClasses}});
  json problems = json::object();
  for (const auto& [key, kind] : {std::pair{"regression", Problem::regression}, std::pair{"binary", Problem::binary},
                                  std::pair{"multiclass", Problem::multiclass}}) {
    const NaturalOutput out = naturalOutput(kind);
    problems[key] = {{"outputActivation", out.activation}, {"loss", out.loss}};
  }
  const NetworkSpec spec;
  const json defaults = {{"dataset", kDefaultDataset}, {"hiddenActivation", kDefaultHiddenActivation},
                         {"init", spec.init}, {"optimizer", spec.optimizer.type}};
  const json limits = {{"maxUnits", kMaxUnits},
                       {"maxLayers", kMaxLayers},
                       {"maxParameters", kMaxParameters},
                       {"maxPoints", kMaxPoints},
                       {"maxClasses", kMaxClasses},
                       {"extent", kExtent},
                       {"maxDocumentBytes", kMaxDocumentBytes},
                       {"maxDocumentDepth", kMaxDocumentDepth},
                       {"maxCheckPerLayer", kMaxCheckPerLayer},
                       {"maxCheckSamples", kMaxCheckSamples},
                       {"maxCheckWork", kMaxCheckWork},
                       {"maxLandscapeSteps", kMaxLandscapeSteps},
                       {"maxLandscapeRange", kMaxLandscapeRange},
                       {"maxLandscapePath", kMaxLandscapePath},
                       {"maxLandscapeWork", kMaxLandscapeWork},
                       {"maxSteps", kMaxSteps}};
  return json{{"activations", activations}, {"losses", losses},           {"hyperparameters", hyperparameters},
              {"optimizers", optimizers},   {"initializers", initializers}, {"datasets", datasets},
              {"problems", problems},       {"defaults", defaults},         {"limits", limits},
              {"format", kFormat}}
      .dump();
}

}  // namespace nn
