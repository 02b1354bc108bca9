// network.cpp — construction, forward, backward, evaluation and parameters of Network<S>
// (training — the optimizer's steps and epochs — is in training.cpp).
#include "network.hpp"

#include <algorithm>
#include <numeric>

#include "gemm.hpp"
#include "initializers.hpp"

namespace nn {

// --- construction ------------------------------------------------------------------------------

template <typename S>
Network<S>::Network(NetworkSpec spec) : spec_(std::move(spec)) {
  validateSpec(spec_);
  const int L = layerCount();
  for (int l = 0; l < L; ++l)
    act_.push_back(&findActivation<S>(spec_.layers[l].activation, "layers[" + std::to_string(l) + "].activation"));
  loss_ = &findLoss<S>(spec_.loss, "loss");
  fused_ = loss_->fusedActivation && spec_.layers.back().activation == loss_->fusedActivation;
  opt_ = &findOptimizer<S>(spec_.optimizer.type, "optimizer.type");

  Eigen::Index offset = 0;
  for (int l = 0; l < L; ++l) {
    wOffset_.push_back(offset);
    offset += Eigen::Index(units(l)) * fanIn(l);
    bOffset_.push_back(offset);
    offset += units(l);
  }
  params_ = Vec<S>::Zero(offset);
  grads_ = Vec<S>::Zero(offset);
  resetOptimizerState();
  Z_.resize(L);
  A_.resize(L);
  dZ_.resize(L);
  dA_.resize(L);
  Wt_.resize(L);

  // Weights drawn in row-major order of each W (out, in), layer by layer; biases stay 0.
  Rng init(spec_.seed);
  const Initializer& initializer = findInitializer(spec_.init, "init");
  for (int l = 0; l < L; ++l) {
    WeightMap Wl = W(l);
    for (int r = 0; r < units(l); ++r)
      for (int c = 0; c < fanIn(l); ++c) Wl(r, c) = S(initializer.draw(init, fanIn(l), units(l)));
  }
  // A separate stream for the shuffles, so changing the initialiser never changes the batches.
  rng_.reseed(spec_.seed ^ 0x5DEECE66Dull);
}

template <typename S>
Network<S> Network<S>::clone() const {
  Network copy(*this);  // every member is a value or a pointer into a static table
  copy.releaseWorkspace();
  return copy;
}

// --- checks ------------------------------------------------------------------------------------

template <typename S>
void Network<S>::checkLayer(int l, const char* field) const {
  if (l < 0 || l >= layerCount())
    throw Error(std::string(field), "layer " + std::to_string(l) + " is out of range (the network has " +
                std::to_string(layerCount()) + " layers, 0 to " + std::to_string(layerCount() - 1) + ")");
}

template <typename S>
void Network<S>::checkInputs(MatRef<S> X) const {
  if (X.cols() < 1) throw Error("x", "the batch is empty (n must be ≥ 1)");
  if (X.rows() != inputs())
    throw Error("x", "each sample needs " + std::to_string(inputs()) + " inputs (got " + std::to_string(X.rows()) + ")");
  if (!allFinite(X.data(), X.size())) throw Error("x", "contains NaN or infinity");
}

template <typename S>
void Network<S>::checkBatch(MatRef<S> X, MatRef<S> Y) const {
  checkInputs(X);
  if (Y.rows() != outputs() || Y.cols() != X.cols())
    throw Error("y", "expected " + std::to_string(outputs()) + " targets for each of the " + std::to_string(X.cols()) +
                " samples (got " + std::to_string(Y.rows()) + "×" + std::to_string(Y.cols()) + ")");
  if (!allFinite(Y.data(), Y.size())) throw Error("y", "contains NaN or infinity");
}

// --- the input standardizer --------------------------------------------------------------------

template <typename S>
void Network<S>::setStandardizer(Standardizer s) {
  checkStandardizer(s, inputs(), "the network");
  standardizer_ = std::move(s);  // a move: allocates nothing, cannot fail
}

template <typename S>
void Network<S>::standardizeInputs(MatRef<S> X, Mat<S>& out) const {
  if (!standardizer_) {
    Mat<S> copy = X;
    out.swap(copy);
    return;
  }
  // float's range whatever S is: the one rule every input of the project meets (datasets.hpp)
  applyStandardizer<S, S>(*standardizer_, X, out, double(std::numeric_limits<float>::max()), "x", "sample");
}

template <typename S>
MatRef<S> Network<S>::input(MatRef<S> X) {
  if (!standardizer_) return X;
  standardizeInputs(X, Xs_);
  return Xs_;
}

// --- forward and backward ----------------------------------------------------------------------


// Every workspace a batch of m needs, allocated before any value is computed: the computation then
// allocates nothing, so an out-of-memory error leaves the parameters and gradients untouched (and
// what was allocated for the batch is freed again).
template <typename S>
void Network<S>::prepare(Eigen::Index m, bool backward) {
  try {
    for (int l = 0; l < layerCount(); ++l) {
      reshape(Z_[l], units(l), m);
      reshape(A_[l], units(l), m);
      if (!backward) continue;
      reshape(dZ_[l], units(l), m);
      reshape(dA_[l], units(l), m);
      if (l > 0) reshape(Wt_[l], fanIn(l), units(l));
    }
  } catch (...) {
    releaseWorkspace();
    throw;
  }
}

template <typename S>
void Network<S>::trimWorkspace() {
  std::size_t bytes = (Xs_.size() + epoch_.Xb.size() + epoch_.Yb.size()) * sizeof(S) +
                      epoch_.order.capacity() * sizeof(Eigen::Index);
  for (const auto* list : {&Z_, &A_, &dZ_, &dA_, &Wt_})
    for (const Mat<S>& M : *list) bytes += std::size_t(M.size()) * sizeof(S);
  if (bytes > kKeepWorkspaceBytes) releaseWorkspace();
}

template <typename S>
void Network<S>::releaseWorkspace() {
  for (auto* list : {&Z_, &A_, &dZ_, &dA_, &Wt_})
    for (Mat<S>& M : *list) Mat<S>().swap(M);
  Mat<S>().swap(Xs_);
  Mat<S>().swap(epoch_.Xb);
  Mat<S>().swap(epoch_.Yb);
  std::vector<Eigen::Index>().swap(epoch_.order);
}

template <typename S>
void Network<S>::forward(MatRef<S> X, int last) {
  const Eigen::Index m = X.cols();
  if (last < 0) last = layerCount() - 1;
  for (int l = 0; l <= last; ++l) {
    // Z[l] (units_l, m) = W[l] (units_l, in) · A[l−1] (in, m) + b[l]
    const S* prev = l == 0 ? X.data() : A_[l - 1].data();
    const Eigen::Index ld = l == 0 ? X.outerStride() : A_[l - 1].rows();
    gemm<S>(units(l), m, fanIn(l), S(1), W(l).data(), units(l), prev, 1, ld, b(l).data(), Z_[l].data(), units(l));
    act_[l]->forward(Z_[l], A_[l]);  // A[l] = f_l(Z[l])
  }
}

template <typename S>
S Network<S>::lossAndBackward(MatRef<S> X, MatRef<S> Y) {
  forward(X);
  const int L = layerCount() - 1;
  const S m = S(X.cols());
  S loss;
  if (fused_) {  // dZ[L] straight from the logits (sigmoid + bce, softmax + categorical)
    loss = loss_->fusedValue(Z_[L], Y);
    loss_->fusedGradient(A_[L], Y, dZ_[L]);
  } else {       // general chain rule: dA[L] = ∂ℓ/∂A, dZ[L] = J_fᵀ dA[L]
    loss = loss_->value(A_[L], Y);
    loss_->gradient(A_[L], Y, dA_[L]);
    act_[L]->backward(Z_[L], A_[L], dA_[L], dZ_[L]);
  }
  for (int l = L; l >= 0; --l) {
    const int out = units(l), in = fanIn(l);
    const S* prev = l == 0 ? X.data() : A_[l - 1].data();
    const Eigen::Index ld = l == 0 ? X.outerStride() : A_[l - 1].rows();
    // dW[l] (out, in) = dZ[l] (out, m) · A[l−1]ᵀ (m, in) / m
    gemm<S>(out, in, X.cols(), S(1) / m, dZ_[l].data(), out, prev, ld, 1, nullptr, grads_.data() + wOffset_[l], out);
    // db[l] (out) = Σ_j dZ[l](:, j) / m
    S* db = grads_.data() + bOffset_[l];
    std::fill(db, db + out, S(0));
    for (Eigen::Index j = 0; j < X.cols(); ++j)
      for (int i = 0; i < out; ++i) db[i] += dZ_[l](i, j);
    for (int i = 0; i < out; ++i) db[i] /= m;
    if (l > 0) {
      // dA[l−1] (in, m) = W[l]ᵀ (in, out) · dZ[l] (out, m)   (Wᵀ copied once so the kernel reads it by columns)
      Mat<S>& Wt = Wt_[l];
      Mat<S>& dA = dA_[l - 1];
      Wt = W(l).transpose();
      gemm<S>(in, X.cols(), out, S(1), Wt.data(), in, dZ_[l].data(), 1, out, nullptr, dA.data(), in);
      // dZ[l−1] = J_{f_{l−1}}ᵀ dA[l−1]
      act_[l - 1]->backward(Z_[l - 1], A_[l - 1], dA, dZ_[l - 1]);
    }
  }
  return loss;
}

// --- public computations -----------------------------------------------------------------------

template <typename S>
const Mat<S>& Network<S>::predict(MatRef<S> X) {
  checkInputs(X);
  const MatRef<S> Xl = input(X);
  prepare(X.cols(), false);
  forward(Xl);
  return A_.back();
}

template <typename S>
const Mat<S>& Network<S>::forwardTo(MatRef<S> X, int l) {
  checkLayer(l);
  checkInputs(X);
  const MatRef<S> Xl = input(X);
  prepare(X.cols(), false);
  forward(Xl, l);
  return A_[std::size_t(l)];
}

template <typename S>
S Network<S>::computeGradients(MatRef<S> X, MatRef<S> Y) {
  checkBatch(X, Y);
  const MatRef<S> Xl = input(X);
  prepare(X.cols(), true);
  const S loss = lossAndBackward(Xl, Y);
  trimWorkspace();
  return loss;
}

template <typename S>
Evaluation<S> Network<S>::evaluate(MatRef<S> X, MatRef<S> Y) {
  checkBatch(X, Y);
  const MatRef<S> Xl = input(X);
  prepare(X.cols(), false);
  forward(Xl);
  const S loss = fused_ ? loss_->fusedValue(Z_.back(), Y) : loss_->value(A_.back(), Y);
  const double accuracy = double(countCorrect(Y)) / double(X.cols());
  trimWorkspace();
  return {loss, accuracy};
}

// Samples whose output A[L] (outputs, m) is right: by argmax for ≥ 2 outputs (the first maximum,
// as torch.argmax and tf.argmax), else on the same side of the output activation's midpoint.
template <typename S>
Eigen::Index Network<S>::countCorrect(MatRef<S> Y) const {
  const Mat<S>& A = A_.back();
  Eigen::Index correct = 0;
  if (outputs() == 1) {
    const S mid = S(act_.back()->midpoint);
    for (Eigen::Index j = 0; j < A.cols(); ++j) correct += (A(0, j) > mid) == (Y(0, j) > mid);
  } else {
    for (Eigen::Index j = 0; j < A.cols(); ++j) {
      Eigen::Index predicted, actual;
      A.col(j).maxCoeff(&predicted);
      Y.col(j).maxCoeff(&actual);
      correct += predicted == actual;
    }
  }
  return correct;
}

template <typename S>
Trace<S> Network<S>::trace(MatRef<S> X, MatRef<S> Y) {
  checkBatch(X, Y);
  const MatRef<S> Xl = input(X);
  prepare(X.cols(), true);
  Trace<S> t;
  t.loss = lossAndBackward(Xl, Y);
  const std::size_t L = std::size_t(layerCount());
  std::vector<Mat<S>> empty(L), emptyToo(L), emptyThree(L), emptyFour(L);  // allocated before anything moves
  t.Z.swap(Z_), t.A.swap(A_), t.dZ.swap(dZ_), t.dA.swap(dA_);
  Z_.swap(empty), A_.swap(emptyToo), dZ_.swap(emptyThree), dA_.swap(emptyFour);
  if (fused_) Mat<S>().swap(t.dA.back());  // never computed: dZ[L] came from the logits
  releaseWorkspace();
  return t;
}

// --- parameters ----------------------------------------------------------------------------------

template <typename S>
void Network<S>::setWeights(int l, MatRef<S> Wnew) {
  checkLayer(l);
  if (Wnew.rows() != units(l) || Wnew.cols() != fanIn(l))
    throw Error("weights", "layer " + std::to_string(l) + " needs " + std::to_string(units(l)) + "×" +
                std::to_string(fanIn(l)) + " values (got " + std::to_string(Wnew.rows()) + "×" +
                std::to_string(Wnew.cols()) + ")");
  if (!allFinite(Wnew.data(), Wnew.size())) throw Error("weights", "contains NaN or infinity");
  W(l) = Wnew;
}

template <typename S>
void Network<S>::setBiases(int l, MatRef<S> bnew) {
  checkLayer(l);
  if (bnew.size() != units(l))
    throw Error("biases", "layer " + std::to_string(l) + " needs " + std::to_string(units(l)) + " values (got " +
                std::to_string(bnew.size()) + ")");
  if (!allFinite(bnew.data(), bnew.size())) throw Error("biases", "contains NaN or infinity");
  b(l) = Eigen::Map<const Vec<S>>(bnew.data(), bnew.size());
}

namespace {
// An index in [0, count), or an Error naming its field ("row: must be from 0 to 3 (layer 1 has 4 units; got 7)").
void checkIndex(const char* field, int i, int count, int l, const char* what) {
  if (i >= 0 && i < count) return;
  char detail[128];  // one snprintf: cold code, kept small in the .wasm
  std::snprintf(detail, sizeof detail, "must be from 0 to %d (layer %d has %d %s; got %d)", count - 1, l, count, what, i);
  throw Error(field, detail);
}
template <typename S>
void checkValue(double value) {
  if (!(std::isfinite(value) && std::abs(value) <= double(std::numeric_limits<S>::max())))
    throw Error("value", "must be a finite number (got " + num(value) + ")");
}
}  // namespace

template <typename S>
void Network<S>::setWeight(int l, int row, int col, double value) {
  checkLayer(l);
  checkIndex("row", row, units(l), l, "units");
  checkIndex("col", col, fanIn(l), l, "inputs");
  checkValue<S>(value);
  W(l)(row, col) = S(value);
}

template <typename S>
void Network<S>::setBias(int l, int row, double value) {
  checkLayer(l);
  checkIndex("row", row, units(l), l, "units");
  checkValue<S>(value);
  b(l)(row) = S(value);
}

template <typename S>
void Network<S>::restore(const Vec<S>& params, const std::array<Vec<S>, 2>& state, std::int64_t steps,
                         const std::array<std::uint64_t, 4>& rngState) {
  if (params.size() != params_.size())
    throw Error("weights", "" + std::to_string(params.size()) + " parameters do not fit the architecture (" +
                std::to_string(params_.size()) + ")");
  if (!allFinite(params.data(), params.size())) throw Error("weights", "contains NaN or infinity");
  for (int k = 0; k < 2; ++k) {
    const Eigen::Index expected = k < opt_->stateSlots ? params_.size() : 0;
    if (state[k].size() != expected)
      throw Error("optimizerState.slots[" + std::to_string(k) + "]", "expected " + std::to_string(expected) +
                  " values for " + spec_.optimizer.type + " (got " + std::to_string(state[k].size()) + ")");
    if (!allFinite(state[k].data(), state[k].size()))
      throw Error("optimizerState.slots[" + std::to_string(k) + "]", "contains NaN or infinity");
    if (opt_->nonNegative[k] && state[k].size() > 0 && state[k].minCoeff() < S(0))
      throw Error("optimizerState.slots[" + std::to_string(k) + "]",
                  "holds " + spec_.optimizer.type + "'s averages of squared gradients, which cannot be negative");
  }
  if (steps < 0 || steps > kMaxSteps)
    throw Error("optimizerState.step", "must be an integer from 0 to 2^53 − 1 (got " + std::to_string(steps) + ")");
  if (rngState == std::array<std::uint64_t, 4>{}) throw Error("rng", "the state cannot be all zeros");
  Vec<S> p = params;  // copies made before anything is replaced
  std::array<Vec<S>, 2> s = state;
  params_.swap(p);
  state_.swap(s);
  steps_ = steps;
  rng_.setState(rngState);
}

#define INSTANTIATE(S) template class Network<S>;
NN_INSTANTIATE(INSTANTIATE)

}  // namespace nn
