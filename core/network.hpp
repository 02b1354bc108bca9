// network.hpp — the book's general feedforward network, in matrix form.
//
// Forward, for layers l = 1..L with A[0] = X (inputs, m), one column per sample:
//   Z[l] (units_l, m) = W[l] (units_l, units_{l−1}) · A[l−1] + b[l] (units_l, 1)
//   A[l] (units_l, m) = f_l(Z[l])
// Backward, from dZ[L] (from the loss and f_L, fused when the pair allows):
//   dW[l] (units_l, units_{l−1}) = dZ[l] · A[l−1]ᵀ / m
//   db[l] (units_l, 1)           = Σ_columns dZ[l] / m
//   dA[l−1] (units_{l−1}, m)     = W[l]ᵀ · dZ[l],   dZ[l−1] = J_{f_{l−1}}ᵀ dA[l−1]
// All parameters live in one flat buffer (per layer: W column-major, then b) with per-layer views;
// the gradient and the optimizer state are flat buffers of the same length.
// An optional input standardizer (standardizer.hpp) is applied to X first by every call taking X:
// A[0] = (X − mean) / scale per input; it is saved with the network.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "activations.hpp"
#include "losses.hpp"
#include "rng.hpp"
#include "spec.hpp"
#include "standardizer.hpp"

namespace nn {

template <typename S>
struct Evaluation {
  S loss;      // mean data loss (no regularisation)
  double accuracy;  // argmax match for ≥ 2 outputs; same side of the activation's midpoint for one
};

// Optimizer steps a network may count (2⁵³ − 1: exact in a double and in JavaScript).
constexpr std::int64_t kMaxSteps = kMaxSafeInteger;
// Workspaces larger than this are freed after the call that needed them.
constexpr std::size_t kKeepWorkspaceBytes = std::size_t(64) << 20;

// Per-layer values of one forward + backward pass, for showing the math (index l = 0..L−1).
template <typename S>
struct Trace {
  std::vector<Mat<S>> Z, A, dA, dZ;  // (units_l, m) each; dA[L] is empty (0×0) for a fused pair,
                                     // whose dZ[L] comes straight from the logits
  S loss;
};

// An epoch in progress. trainEpoch runs one whole; fit (wasm/fit.mjs) runs a few mini-batches per
// call and returns to the page between them. It keeps its own sample order and gathered batch, so
// calls the network gets between the pieces (predict, say) leave it alone.
template <typename S>
struct Epoch {
  std::vector<Eigen::Index> order;  // (n) the samples in this epoch's order
  Mat<S> Xb, Yb;                    // (inputs, len), (outputs, len): the gathered mini-batch
  Eigen::Index n = 0, batch = 1;    // samples; mini-batch size (≤ n)
  Eigen::Index next = 0;            // position in `order` of the next mini-batch
  Eigen::Index batches = 0;         // mini-batches run
  bool shuffle = true;
  bool countCorrect = false;        // count right answers (fit's accuracy metric); trainEpoch does not
  double total = 0;                 // Σ batch loss · batch size, over the finite batches
  Eigen::Index seen = 0, correct = 0;
  bool diverged = false;            // a batch's loss was not finite (its step was skipped): the epoch ended
  S stopped = 0;                    // that loss
  bool done() const { return diverged || next >= n; }
  // The mean batch loss over the samples seen (at the end: what trainEpoch returns), or the
  // non-finite loss that ended the epoch.
  S loss() const { return diverged ? stopped : S(total / double(seen)); }
  // Right answers over the samples seen, each judged before its batch's step (as evaluate judges).
  double accuracy() const { return double(correct) / double(seen); }
};

template <typename S>
class Network {
 public:
  using Scalar = S;
  using WeightMap = Eigen::Map<Mat<S>>;
  using BiasMap = Eigen::Map<Vec<S>>;
  using ConstWeightMap = Eigen::Map<const Mat<S>>;
  using ConstBiasMap = Eigen::Map<const Vec<S>>;

  // Validates the spec (throws nn::Error naming the field) and draws the weights from spec.seed.
  explicit Network(NetworkSpec spec);
  // A deep copy: the same parameters, optimizer state, step count and shuffle state, so the copy
  // trains exactly as this network would; the per-batch workspaces are left empty.
  Network clone() const;

  const NetworkSpec& spec() const { return spec_; }
  int inputs() const { return spec_.inputs; }
  int outputs() const { return spec_.layers.back().units; }
  int layerCount() const { return int(spec_.layers.size()); }
  int fanIn(int l) const { return l == 0 ? spec_.inputs : spec_.layers[l - 1].units; }
  int units(int l) const { return spec_.layers[l].units; }

  // --- computing -----------------------------------------------------------------------------
  // A[L] (outputs, m) for X (inputs, m). The reference stays valid until the next call.
  const Mat<S>& predict(MatRef<S> X);
  // A[l] (units_l, m) of the last predict/forward pass (the hidden layers' view of the data).
  const Mat<S>& activations(int l) const { checkLayer(l); return A_[std::size_t(l)]; }
  // A[l] (units_l, m) for X (inputs, m): the forward pass through layers 0..l only. The reference
  // stays valid until the next call; activations(k) for k > l still hold an earlier batch's.
  const Mat<S>& forwardTo(MatRef<S> X, int l);
  // Mean data loss of the batch and its gradient (readable through dW(l), db(l)); no step.
  S computeGradients(MatRef<S> X, MatRef<S> Y);
  // One optimizer step on the batch; returns the batch's mean data loss before the step.
  // A non-finite loss or gradient (divergence) skips the step, leaving the weights as they were,
  // and is returned as is so the caller can report it. A step whose result would be non-finite
  // (a parameter or optimizer state overflowing float) is rolled back and reported as +∞.
  S trainBatch(MatRef<S> X, MatRef<S> Y);
  // One pass over the data in mini-batches (shuffled by the network's own seeded Rng); returns the
  // mean loss over the samples seen, or the first non-finite batch loss (and stops there).
  S trainEpoch(MatRef<S> X, MatRef<S> Y, int batchSize, bool shuffle = true);
  // trainEpoch in pieces (it is begin + continue to the end; same draws, same steps, same bits).
  // beginEpoch checks batchSize ("batchSize") and the step counter, then draws the order of n
  // samples from the shuffle stream. continueEpoch runs up to maxBatches more mini-batches of
  // Xl (inputs, n) — X as the first layer sees it (standardizeInputs), the same every call — and
  // Y (outputs, n), checked by the caller (checkBatch); it returns e.done(). Each step is all or
  // nothing; a throw leaves the steps already taken.
  void beginEpoch(Epoch<S>& e, Eigen::Index n, int batchSize, bool shuffle, bool countCorrect = false);
  bool continueEpoch(Epoch<S>& e, MatRef<S> Xl, MatRef<S> Y, Eigen::Index maxBatches);
  Evaluation<S> evaluate(MatRef<S> X, MatRef<S> Y);
  // Z, A, dZ of every layer for the batch (the gradient is left in dW, db, as computeGradients).
  // The workspaces move into the result, so nothing of the batch stays behind in the network.
  Trace<S> trace(MatRef<S> X, MatRef<S> Y);
  // Frees the per-batch workspaces when they hold more than kKeepWorkspaceBytes (a large batch
  // or grid); small ones are kept for the next call. The training calls do this themselves;
  // after predict, whose result lives in a workspace, the caller does it once it has copied out.
  void trimWorkspace();
  // Frees every per-batch workspace (a failed allocation, or trace(), which hands them over).
  void releaseWorkspace();

  // --- parameters (views into the flat buffer) -----------------------------------------------
  WeightMap W(int l) { return WeightMap(params_.data() + wOffset_[l], units(l), fanIn(l)); }
  BiasMap b(int l) { return BiasMap(params_.data() + bOffset_[l], units(l)); }
  ConstWeightMap W(int l) const { return {params_.data() + wOffset_[l], units(l), fanIn(l)}; }
  ConstBiasMap b(int l) const { return {params_.data() + bOffset_[l], units(l)}; }
  ConstWeightMap dW(int l) const { return {grads_.data() + wOffset_[l], units(l), fanIn(l)}; }
  ConstBiasMap db(int l) const { return {grads_.data() + bOffset_[l], units(l)}; }
  // Checked setters (shape, finiteness, layer range); the field names are for the caller's errors.
  void setWeights(int l, MatRef<S> W);
  void setBiases(int l, MatRef<S> b);
  // One entry, W[l](row, col) or b[l](row); checked first ("layer", "row", "col", and "value": a
  // finite number in S's range), so nothing changes on failure.
  void setWeight(int l, int row, int col, double value);
  void setBias(int l, int row, double value);
  void checkLayer(int l, const char* field = "layer") const;
  // A batch as the computing calls take it: X (inputs, n ≥ 1), Y (outputs, n), finite ("x", "y").
  void checkBatch(MatRef<S> X, MatRef<S> Y) const;

  // --- input standardizer --------------------------------------------------------------------
  // Checked: one finite mean and one finite scale > 0 per input ("standardizer.mean[k]", ...);
  // nothing changes on failure.
  void setStandardizer(Standardizer s);
  void clearStandardizer() { standardizer_.reset(); }
  const Standardizer* standardizer() const { return standardizer_ ? &*standardizer_ : nullptr; }
  // out (inputs, m) = X as the first layer sees it: standardised (in double, rounded to S) when a
  // standardizer is set, else a copy. Throws Error("x") if a value leaves float's range.
  void standardizeInputs(MatRef<S> X, Mat<S>& out) const;

  Vec<S>& parameters() { return params_; }  // flat: per layer W (column-major), then b
  const Vec<S>& parameters() const { return params_; }

  // --- optimizer -----------------------------------------------------------------------------
  // Weights are kept. Same type: its state (moments, velocity) is kept too; another type starts
  // with fresh state. Throws (and changes nothing) on invalid settings.
  void setOptimizer(OptimizerSettings settings);
  // The L1 and L2 penalties (λ₁, λ₂ ≥ 0): weights, optimizer state and steps are kept, so training
  // continues with them. Both are checked before either changes.
  void setPenalties(double l1, double l2);
  std::int64_t optimizerSteps() const { return steps_; }
  // Throws ("optimizerState.step") unless `steps` more optimizer steps fit in the step counter.
  void checkSteps(Eigen::Index steps) const;  // room left in the step counter
  const std::array<Vec<S>, 2>& optimizerState() const { return state_; }
  const Rng& shuffleRng() const { return rng_; }
  // For loading a saved network: everything is checked before anything is replaced.
  // The same rules a created network meets: finite values in S's range, the second moments of
  // rmsprop and adam ≥ 0, 0 ≤ steps ≤ kMaxSteps.
  void restore(const Vec<S>& params, const std::array<Vec<S>, 2>& state, std::int64_t steps,
               const std::array<std::uint64_t, 4>& rngState);

 private:
  void checkInputs(MatRef<S> X) const;
  MatRef<S> input(MatRef<S> X);  // X as the first layer sees it (standardised into Xs_ when set)
  Eigen::Index countCorrect(MatRef<S> Y) const;  // of A[L] against Y, as evaluate counts
  void prepare(Eigen::Index m, bool backward);  // shapes every workspace for a batch of m
  void forward(MatRef<S> X, int last = -1);  // layers 0..last (−1: all)
  S lossAndBackward(MatRef<S> X, MatRef<S> Y);
  S step(MatRef<S> X, MatRef<S> Y);  // trainBatch without the input checks (trainEpoch checks once)
  void applyRegularization();
  void resetOptimizerState();

  NetworkSpec spec_;
  std::vector<const Activation<S>*> act_;  // per layer
  const Loss<S>* loss_ = nullptr;
  bool fused_ = false;                     // loss computed from the logits Z[L]
  const Optimizer<S>* opt_ = nullptr;

  std::vector<Eigen::Index> wOffset_, bOffset_;
  Vec<S> params_, grads_;                  // (P) each
  std::array<Vec<S>, 2> state_;            // (P) per optimizer slot in use, empty otherwise
  std::array<Vec<S>, 3> next_;             // (P) each in use: a step's new parameters and state
  std::int64_t steps_ = 0;
  Rng rng_;                                // shuffles; seeded from spec.seed
  std::optional<Standardizer> standardizer_;

  // Workspaces, reused across calls (resized only when the batch size changes).
  std::vector<Mat<S>> Z_, A_, dZ_;         // (units_l, m)
  std::vector<Mat<S>> dA_;                 // (units_l, m) dA[l], scratch for the backward pass
  std::vector<Mat<S>> Wt_;                 // (in, out) W[l]ᵀ, scratch for dA[l−1] = W[l]ᵀ dZ[l]
  // (one per layer, so no buffer changes shape — and reallocates — between layers)
  Mat<S> Xs_;                              // (inputs, m) the standardised batch, when a standardizer is set
  Epoch<S> epoch_;                         // trainEpoch's (its order and gathered mini-batch are kept)
};

extern template class Network<float>;
extern template class Network<double>;

}  // namespace nn
