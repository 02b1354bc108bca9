// catalog.hpp — every table of the core described as JSON, for the bindings, the page's dropdowns
// and the docs: names plus the facts a UI needs (which outputs a loss accepts, class ranges, the
// optimizer's default learning rate). Generated from the tables, so nothing is typed twice.
#pragma once

#include <string>

namespace nn {

// {"activations":[{name, unitInterval, elementwise, midpoint}],
//  "losses":[{name, needsUnitInterval, minOutputs, fusedActivation}],
//  "optimizers":[{name, defaultLearningRate}], "initializers":[name...],
//  "datasets":[{name, regression, minClasses, maxClasses, defaultClasses}],
//  "limits":{maxUnits, maxLayers, maxParameters, maxPoints}}
std::string catalogJSON();

}  // namespace nn
