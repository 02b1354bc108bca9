// landscape.hpp — the loss over a plane through the current parameters θ, and the optimizer's path
// projected onto it (Li et al. 2018, "Visualizing the Loss Landscape of Neural Nets").
//
//   L(α, β) = data loss of θ + α·d1 + β·d2 on a batch (X, Y),  α, β ∈ [−range, range]
//
// The directions d1, d2 (P each, the flat parameter order) are either two chosen parameters (unit
// vectors: the plane of those two weights) or two seeded Gaussian directions, filter-normalised:
// each row of each W (one neuron's incoming weights, a dense layer's "filter") rescaled to the norm
// of the same row of θ, bias entries 0. A snapshot θ_k of the parameters lands at the (α, β) that
// best explains θ_k − θ ≈ α·d1 + β·d2 (least squares: the 2×2 normal equations, in double).
// The network is only read: the grid is computed on a copy of its parameters.
#pragma once

#include <array>
#include <cstdint>

#include "network.hpp"

namespace nn {

// One parameter: W[layer](row, col), or b[layer](row) when col < 0.
struct ParameterRef {
  int layer = 0, row = 0, col = -1;
};

struct LandscapeOptions {
  bool random = true;                // filter-normalised random directions; false: along `chosen`
  std::uint64_t seed = 1;            // the random directions' (same seed, same directions everywhere)
  std::array<ParameterRef, 2> chosen{};
  double range = 1;                  // α, β ∈ [−range, range]
  int steps = 41;                    // grid points each way (odd: θ itself is the middle point)
};

// Stated limits, checked before anything is computed ("steps", "range", "n", "path").
constexpr int kMaxLandscapeSteps = 101;
constexpr double kMaxLandscapeRange = 1e3;
constexpr int kMaxLandscapePath = 10000;  // snapshots
// steps² forward passes of n samples, P multiply-adds each: a few seconds in wasm at most.
constexpr double kMaxLandscapeWork = 2e9;

template <typename S>
struct Landscape {
  Vec<double> d1, d2;        // (P) each: the directions
  Vec<double> alpha, beta;   // (steps) each: α_j = range · (2j − (steps − 1)) / (steps − 1), β alike
  Mat<S> loss;               // (steps, steps): loss(j, i) = L(α_j, β_i), so the flat (column-major)
                             // data is row-major by β: index i·steps + j. NaN where not finite.
  S center = 0;              // L(0, 0): evaluate's loss at θ, bit for bit
  Mat<double> path;          // (2, k): (α, β) of each snapshot
};

// The plane and its grid; snapshots (P, k) — one column per snapshot, k ≥ 0 — are projected onto
// it. Throws nn::Error naming the field (every check before any work); never for a non-finite loss.
// (X, Y and snapshots take their scalar from the network, so matrices, maps and blocks all convert.)
template <typename S>
Landscape<S> lossLandscape(const Network<S>& net, MatRef<typename Network<S>::Scalar> X,
                           MatRef<typename Network<S>::Scalar> Y, const LandscapeOptions& options,
                           MatRef<typename Network<S>::Scalar> snapshots);

// The building blocks, for tests.
// Gaussian entries drawn from rng in row-major order of each W (out, in), layer by layer; each row
// scaled to the norm of θ's row (0 where θ's row is 0); biases 0.
template <typename S>
Vec<double> randomDirection(const Network<S>& net, Rng& rng);
// The unit vector of one parameter (its indices checked: "<field>.layer", ".row", ".col").
template <typename S>
Vec<double> unitDirection(const Network<S>& net, const ParameterRef& p, const std::string& field);
// (2, k): the least-squares (α, β) of each snapshot's θ_k − θ on d1, d2 (which must not be
// parallel nor zero: Error "directions").
template <typename S>
Mat<double> projectPath(const Vec<S>& theta, const Vec<double>& d1, const Vec<double>& d2,
                        MatRef<typename Network<S>::Scalar> snapshots);

}  // namespace nn
