// fit.cpp — the core's half of fit() (see fit.hpp).
#include "fit.hpp"

#include <limits>

namespace nn {

template <typename S>
FitRun<S>::FitRun(Network<S>& net, const S* x, const S* y, Eigen::Index n, const S* xv, const S* yv, Eigen::Index nv,
                  int batchSize, bool shuffle, bool countCorrect, bool standardize, const std::string& valPrefix)
    : X_(x, net.inputs(), n), Y_(y, net.outputs(), n), batchSize_(batchSize), shuffle_(shuffle),
      countCorrect_(countCorrect) {
  net.checkBatch(X_, Y_);
  if (batchSize < 1) throw Error("batchSize", "must be an integer ≥ 1 (got " + std::to_string(batchSize) + ")");
  const Eigen::Map<const Mat<S>> Xv(xv, net.inputs(), nv), Yv(yv, net.outputs(), nv);
  const auto validation = [&](const auto& check) {  // errors name the user's field for the part
    try {
      check();
    } catch (const Error& e) {
      throw Error(valPrefix + e.field(), e.detail());
    }
  };
  if (nv > 0) validation([&] { net.checkBatch(Xv, Yv); });
  // The standardizer the run trains with: fitted on the training part (sklearn's StandardScaler),
  // or the network's own. Both parts must standardise within float's range before it is set.
  const Standardizer* current = net.standardizer();
  Standardizer fitted;
  if (standardize) fitted = fitStandardizerColumns<S>(X_);
  const Standardizer* s = standardize ? &fitted : current;
  if (s) {
    const double limit = double(std::numeric_limits<float>::max());
    applyStandardizer<S, S>(*s, X_, Xs_, limit, "x", "sample");
    if (nv > 0) {
      Mat<S> scratch;
      // validationSplit's part is x's tail: its samples are named by their place in x
      const Eigen::Index first = valPrefix.empty() ? n : 0;
      validation([&] { applyStandardizer<S, S>(*s, Xv, scratch, limit, "x", "sample", first); });
    }
    standardized_ = true;
  }
  // The first epoch's step count is checked before the standardizer is set, so a refused fit
  // changes nothing (later epochs check theirs as they begin, as trainEpoch does).
  const Eigen::Index batch = std::min<Eigen::Index>(batchSize, n);
  net.checkSteps((n + batch - 1) / batch);
  if (standardize) net.setStandardizer(std::move(fitted));  // checked already: cannot throw
}

template <typename S>
Eigen::Index FitRun<S>::beginEpoch(Network<S>& net) {
  net.beginEpoch(epoch_, X_.cols(), batchSize_, shuffle_, countCorrect_);
  return (epoch_.n + epoch_.batch - 1) / epoch_.batch;
}

template <typename S>
bool FitRun<S>::runBatches(Network<S>& net, Eigen::Index k) {
  if (standardized_) return net.continueEpoch(epoch_, Xs_, Y_, k);
  return net.continueEpoch(epoch_, X_, Y_, k);
}

#define INSTANTIATE(S) template class FitRun<S>;
NN_INSTANTIATE(INSTANTIATE)

}  // namespace nn
