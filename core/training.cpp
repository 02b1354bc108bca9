// training.cpp — the optimizer side of Network<S>: its state, regularisation, one step on a batch
// (all or nothing: a step whose result would not be finite is reported and leaves nothing behind),
// and epochs in shuffled mini-batches (all or nothing when they throw; or in pieces, for fit).
#include <algorithm>
#include <limits>
#include <numeric>

#include "network.hpp"

namespace nn {

// --- optimizer state ---------------------------------------------------------------------------

// Fresh state for opt (zeros) and the buffers a step writes to, allocated before any member
// changes: an allocation failure leaves the network as it was.
template <typename S>
void Network<S>::resetOptimizerState() {
  std::array<Vec<S>, 2> fresh;
  std::array<Vec<S>, 3> next;
  for (int k = 0; k < opt_->stateSlots; ++k) fresh[k] = Vec<S>::Zero(params_.size());
  for (int k = 0; k <= opt_->stateSlots; ++k) next[k].resize(params_.size());
  state_.swap(fresh);
  next_.swap(next);
  steps_ = 0;
}

template <typename S>
void Network<S>::setOptimizer(OptimizerSettings settings) {
  validateOptimizer(settings);  // throws before anything changes
  const Optimizer<S>* next = &findOptimizer<S>(settings.type, "optimizer.type");
  if (next != opt_) {
    const Optimizer<S>* previous = opt_;
    opt_ = next;
    try {
      resetOptimizerState();
    } catch (...) {
      opt_ = previous;
      throw;
    }
  }
  spec_.optimizer = std::move(settings);
}

template <typename S>
void Network<S>::setPenalties(double l1, double l2) {
  validatePenalty(l1, "l1");
  validatePenalty(l2, "l2");
  spec_.l1 = l1;
  spec_.l2 = l2;
}

// --- a step ------------------------------------------------------------------------------------

// l2: dW += λ₂ W;  l1: dW += λ₁ sign(W)  — weights only, never biases
template <typename S>
void Network<S>::applyRegularization() {
  const S l1 = S(spec_.l1), l2 = S(spec_.l2);
  if (l1 == S(0) && l2 == S(0)) return;
  for (int l = 0; l < layerCount(); ++l) {
    const S* w = params_.data() + wOffset_[l];
    S* g = grads_.data() + wOffset_[l];
    for (Eigen::Index i = 0, n = bOffset_[l] - wOffset_[l]; i < n; ++i)
      g[i] += l2 * w[i] + l1 * S((w[i] > S(0)) - (w[i] < S(0)));
  }
}

template <typename S>
void Network<S>::checkSteps(Eigen::Index steps) const {
  if (steps > kMaxSteps - steps_)
    throw Error("optimizerState.step", "the network has taken " + std::to_string(steps_) +
                " steps; it counts at most 2^53 − 1");
}

template <typename S>
S Network<S>::trainBatch(MatRef<S> X, MatRef<S> Y) {
  checkBatch(X, Y);
  checkSteps(1);
  const MatRef<S> Xl = input(X);
  prepare(X.cols(), true);
  const S loss = step(Xl, Y);
  trimWorkspace();
  return loss;
}

// Expects the workspaces prepared for X.cols(). Allocates nothing.
template <typename S>
S Network<S>::step(MatRef<S> X, MatRef<S> Y) {
  const S loss = lossAndBackward(X, Y);
  if (!std::isfinite(loss) || !allFinite(grads_.data(), grads_.size())) return loss;
  applyRegularization();
  // The step is all or nothing: when any new parameter or state value would not be finite (an
  // update or a moment overflowing float), nothing is stored and it is reported like divergence.
  // The new values go to next_; they replace the current ones (a swap of buffers) only when finite.
  if (!opt_->step(params_.data(), grads_.data(), state_[0].data(), state_[1].data(), next_[0].data(),
                  next_[1].data(), next_[2].data(), std::size_t(params_.size()), spec_.optimizer, steps_ + 1))
    return std::numeric_limits<S>::infinity();
  params_.swap(next_[0]);
  for (int k = 0; k < opt_->stateSlots; ++k) state_[k].swap(next_[k + 1]);
  ++steps_;
  return loss;
}

template <typename S>
S Network<S>::trainEpoch(MatRef<S> X, MatRef<S> Y, int batchSize, bool shuffle) {
  checkBatch(X, Y);
  if (batchSize < 1) throw Error("batchSize", "must be an integer ≥ 1 (got " + std::to_string(batchSize) + ")");
  const MatRef<S> Xl = input(X);  // standardised once for the epoch, before anything changes
  // An epoch that throws (out of memory for a workspace, say) leaves the network as it was: its
  // state is set aside first (the allocation can throw only before anything changed) and put back.
  // (The loop is a function of its own: wasm keeps a try block's body out of some optimisations.)
  Vec<S> params = params_, grads = grads_;
  std::array<Vec<S>, 2> state = state_;
  const std::int64_t steps = steps_;
  const Rng rng = rng_;
  try {
    beginEpoch(epoch_, X.cols(), batchSize, shuffle);
    continueEpoch(epoch_, Xl, Y, epoch_.n);
    trimWorkspace();
    return epoch_.loss();
  } catch (...) {
    params_.swap(params);
    grads_.swap(grads);
    state_.swap(state);
    steps_ = steps;
    rng_ = rng;
    trimWorkspace();
    throw;
  }
}

template <typename S>
void Network<S>::beginEpoch(Epoch<S>& e, Eigen::Index n, int batchSize, bool shuffle, bool countCorrect) {
  if (batchSize < 1) throw Error("batchSize", "must be an integer ≥ 1 (got " + std::to_string(batchSize) + ")");
  if (n < 1) throw Error("x", "the batch is empty (n must be ≥ 1)");
  const Eigen::Index batch = std::min<Eigen::Index>(batchSize, n);
  checkSteps((n + batch - 1) / batch);
  e.order.resize(std::size_t(n));  // the one allocation, before anything changes
  std::iota(e.order.begin(), e.order.end(), Eigen::Index{0});
  if (shuffle) rng_.shuffle(e.order.begin(), e.order.end());
  e.n = n;
  e.batch = batch;
  e.next = e.batches = e.seen = e.correct = 0;
  e.shuffle = shuffle;
  e.countCorrect = countCorrect;
  e.total = 0;
  e.diverged = false;
  e.stopped = 0;
}

template <typename S>
bool Network<S>::continueEpoch(Epoch<S>& e, MatRef<S> X, MatRef<S> Y, Eigen::Index maxBatches) {
  if (X.cols() != e.n || Y.cols() != e.n) throw Error("x", "the epoch began with other data");
  // What the loop only reads, in locals (e is written by reference each batch, so the compiler
  // could not keep its fields in registers across the step).
  const Eigen::Index n = e.n, batch = e.batch;
  const bool shuffle = e.shuffle, count = e.countCorrect;
  const Eigen::Index* order = e.order.data();
  for (Eigen::Index k = 0; k < maxBatches && !e.done(); ++k) {
    const Eigen::Index start = e.next, len = std::min(batch, n - start);
    prepare(len, true);
    S loss;
    if (shuffle) {  // gather the batch's columns
      reshape(e.Xb, X.rows(), len);
      reshape(e.Yb, Y.rows(), len);
      for (Eigen::Index j = 0; j < len; ++j) {
        e.Xb.col(j) = X.col(order[start + j]);
        e.Yb.col(j) = Y.col(order[start + j]);
      }
      loss = step(e.Xb, e.Yb);
      if (count && std::isfinite(loss)) e.correct += countCorrect(e.Yb);  // A[L] still holds the batch's outputs
    } else {        // contiguous columns: no copy
      loss = step(X.middleCols(start, len), Y.middleCols(start, len));
      if (count && std::isfinite(loss)) e.correct += countCorrect(Y.middleCols(start, len));
    }
    e.next += len;
    ++e.batches;
    if (!std::isfinite(loss)) {
      e.diverged = true;
      e.stopped = loss;
      break;
    }
    e.total += double(loss) * double(len);
    e.seen += len;
  }
  return e.done();
}

// Instantiated here for the scalars network.cpp instantiates.
#define INSTANTIATE(S)                                                                    \
  template void Network<S>::resetOptimizerState();                                        \
  template void Network<S>::setOptimizer(OptimizerSettings);                              \
  template void Network<S>::setPenalties(double, double);                                 \
  template void Network<S>::applyRegularization();                                        \
  template void Network<S>::checkSteps(Eigen::Index) const;                               \
  template S Network<S>::trainBatch(MatRef<S>, MatRef<S>);                                \
  template S Network<S>::step(MatRef<S>, MatRef<S>);                                      \
  template S Network<S>::trainEpoch(MatRef<S>, MatRef<S>, int, bool);                     \
  template void Network<S>::beginEpoch(Epoch<S>&, Eigen::Index, int, bool, bool);       \
  template bool Network<S>::continueEpoch(Epoch<S>&, MatRef<S>, MatRef<S>, Eigen::Index);
NN_INSTANTIATE(INSTANTIATE)

}  // namespace nn
