// hyperparameters.cpp — the optimizers' hyperparameters (PyTorch's defaults, the ranges the core
// accepts) and the one check of them. Not per Scalar: settings are doubles, checked as floats too.
#include <cmath>

#include "optimizers.hpp"

namespace nn {

const std::vector<Hyperparameter>& hyperparameterTable() {
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN(), kInf = std::numeric_limits<double>::infinity();
  // {name, display, tex, value, default, lo, hi, loOpen, hiOpen}
  static const std::vector<Hyperparameter> table = {
      {"learningRate", "Learning rate", R"(\eta)", &OptimizerSettings::learningRate, kNaN, 0, kInf, true, true},
      {"momentum", "Momentum", R"(\mu)", &OptimizerSettings::momentum, 0.9, 0, 1, false, true},
      {"beta1", "Beta 1", R"(\beta_1)", &OptimizerSettings::beta1, 0.9, 0, 1, false, true},
      {"beta2", "Beta 2", R"(\beta_2)", &OptimizerSettings::beta2, 0.999, 0, 1, false, true},
      {"rho", "Rho", R"(\rho)", &OptimizerSettings::rho, 0.99, 0, 1, false, true},  // torch's alpha
      {"epsilon", "Epsilon", R"(\epsilon)", &OptimizerSettings::epsilon, 1e-8, 0, 1, true, false},
      {"weightDecay", "Weight decay", R"(\lambda)", &OptimizerSettings::weightDecay, 0.01, 0, kInf, false, true},
  };
  return table;
}

OptimizerSettings::OptimizerSettings() {
  for (const auto& h : hyperparameterTable()) this->*h.value = h.defaultValue;
}

const Hyperparameter& findHyperparameter(const std::string& name, const std::string& field) {
  return findRow(hyperparameterTable(), name, "hyperparameter", field);
}

std::vector<const Hyperparameter*> OptimizerInfo::hyperparameters() const {
  std::vector<const Hyperparameter*> out{&hyperparameterTable().front()};
  for (const char* name : reads)
    if (name) out.push_back(&findHyperparameter(name, "optimizer"));
  return out;
}

namespace {

// In range both as given (double) and as used (float, what the page trains with): 0.999999999
// would round to 1 in float, and 1e-50 to 0; a value other than 0 must be a normal float.
void requireRange(double x, const Hyperparameter& h, const std::string& field) {
  const auto in = [&](double v) {
    return (h.loOpen ? v > h.lo : v >= h.lo) && (h.hiOpen ? v < h.hi : v <= h.hi);
  };
  if (std::isfinite(x) && in(x) && in(double(float(x))) && (x == 0 || isNormalFloat(x))) return;
  const std::string range =
      std::isinf(h.hi) ? std::string("a finite number ") + (h.loOpen ? "> " : "≥ ") + num(h.lo) +
                             ", from 1.2e-38 to 3.4e38 as a float"
                       : std::string("in ") + (h.loOpen ? "(" : "[") + num(h.lo) + ", " + num(h.hi) +
                             (h.hiOpen ? ")" : "]") + (std::isfinite(x) && in(x) ? " as a float" : "");
  throw Error(field, "must be " + range + " (got " + clip(num(x)) + ")");
}

}  // namespace

void validateOptimizer(OptimizerSettings& settings, const std::string& field) {
  const auto& row = findOptimizer<float>(settings.type, field + ".type");
  if (std::isnan(settings.learningRate)) settings.learningRate = row.defaultLearningRate;
  for (const auto& h : hyperparameterTable()) requireRange(settings.*h.value, h, field + "." + h.name);
}

}  // namespace nn
