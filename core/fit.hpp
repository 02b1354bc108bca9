// fit.hpp — the core's half of fit() (Keras's model.fit, whose loop, callbacks, early stopping and
// yielding to the page are wasm/fit.mjs): the data checked once, the standardizer fitted on the
// training part when asked, the training inputs standardised once, and epochs run in pieces so
// the loop can return to JavaScript between mini-batches. Each epoch draws its order from the
// network's shuffle stream and takes the steps trainEpoch would (Network::beginEpoch and
// continueEpoch are trainEpoch in pieces), so a fit gives the bits trainEpoch gives.
#pragma once

#include <string>

#include "network.hpp"

namespace nn {

template <typename S>
class FitRun {
 public:
  // x, y: the training part, n samples, one column each ((inputs, n) and (outputs, n) column-major
  // = n × inputs row-major); they must stay where they are until the run ends. xv, yv: the
  // validation part (nv samples, 0 for none), only checked here (the caller evaluates it).
  // Everything is checked before anything changes ("x", "y", "batchSize"; the validation part's
  // fields get valPrefix: "options.validationData." names the user's validationData); then, with
  // standardize, the network gets the standardizer fitted on x — the run's only change to it.
  // The network's standardizer must not change while the run lives (the facade refuses it).
  FitRun(Network<S>& net, const S* x, const S* y, Eigen::Index n, const S* xv, const S* yv, Eigen::Index nv,
         int batchSize, bool shuffle, bool countCorrect, bool standardize, const std::string& valPrefix);

  // Begins the next epoch (its order drawn from the network's shuffle stream); returns how many
  // mini-batches it has. Throws (changing nothing) when the step counter has no room for them.
  Eigen::Index beginEpoch(Network<S>& net);
  // Runs up to k more mini-batches of the epoch; true when it is over (every batch run, or a
  // non-finite loss ended it: epoch().diverged).
  bool runBatches(Network<S>& net, Eigen::Index k);
  const Epoch<S>& epoch() const { return epoch_; }

 private:
  Eigen::Map<const Mat<S>> X_, Y_;  // (inputs, n), (outputs, n)
  Mat<S> Xs_;                       // (inputs, n) X standardised, when the network has a standardizer
  bool standardized_ = false;
  int batchSize_;
  bool shuffle_, countCorrect_;
  Epoch<S> epoch_;
};

extern template class FitRun<float>;
extern template class FitRun<double>;

}  // namespace nn
