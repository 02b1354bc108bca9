// catalog.hpp — every table of the core described as JSON: the one source the bindings, the
// page (its controls, link parser, equations and advice), the generated TypeScript name unions and
// the tests read. Generated from the tables, so nothing is typed twice.
#pragma once

#include <string>

namespace nn {

// {"activations":[{name, display, about, elementwise, unitInterval, lo, hi, midpoint, maxSlope,
//                  deadBelowZero, tex:{forward, backward, definition, note},
//                  code:{numpy, numpyBackward, torch, onnx}}],
//  "losses":[{name, display, needsUnitInterval, minOutputs, fusedActivation, meanOverOutputs,
//             constantGradient, tex:{value, gradient, fused, why},
//             code:{numpy, numpyGradient, numpyFused, numpyFusedGradient, torch, torchFused}}],
//  "hyperparameters":[{name, display, tex, default, lo, hi, loOpen, hiOpen}],
//  "optimizers":[{name, display, defaultLearningRate, suggestedLearningRate, stateSlots, countsSteps,
//                 hyperparameters:[{…as above, default: this optimizer's}], tex:{rules, state},
//                 code:{slots, numpy:[lines], torch, torchState, torchStep}}],
// (code: each row in the languages the exporters write; the fields are described in the tables.)
//  "initializers":[{name, display, symmetric}],
//  "datasets":[{name, display, regression, minClasses, maxClasses, defaultClasses}],
//  "problems":{regression|binary|multiclass: {outputActivation, loss}},
//  "defaults":{dataset, hiddenActivation, init, optimizer},
//  "limits":{maxUnits, maxLayers, maxParameters, maxPoints, maxClasses, extent, ...}, "format"}
// Numbers that are unbounded (a range's ∞) are null; TeX uses #Z, #A, #dA, #dZ, #Y placeholders.
std::string catalogJSON();

}  // namespace nn
