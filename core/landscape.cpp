// landscape.cpp — the loss over a plane through θ and the path projected on it (see landscape.hpp).
//
// Sums here are plain loops in a fixed order (not Eigen reductions, whose order depends on the SIMD
// backend), so the directions and the projections are the same bits natively and in wasm.
#include "landscape.hpp"

#include <cmath>
#include <cstdarg>
#include <limits>

namespace nn {
namespace {

// Error(field, printf-style detail): one vsnprintf for every message (cold code, kept small in the .wasm).
[[noreturn]] void fail(const std::string& field, const char* format, ...) {
  char detail[256];
  va_list args;
  va_start(args, format);
  std::vsnprintf(detail, sizeof detail, format, args);
  va_end(args);
  throw Error(field, detail);
}

double dot(const double* a, const double* b, Eigen::Index n) {
  double sum = 0;
  for (Eigen::Index k = 0; k < n; ++k) sum += a[k] * b[k];
  return sum;
}

// x rounded to S, ±∞ beyond S's range (a plain cast of an out-of-range double to float is UB).
template <typename S>
S rounded(double x) {
  constexpr double kMax = double(std::numeric_limits<S>::max());
  if (x > kMax) return std::numeric_limits<S>::infinity();
  if (x < -kMax) return -std::numeric_limits<S>::infinity();
  return S(x);
}

// p = θ + α·d1 + β·d2, each entry computed in double and rounded once; entries the plane does not
// move (α·d1 + β·d2 = 0) keep θ's bits, so the middle of an odd grid is θ itself.
template <typename S>
void moveTo(Vec<S>& p, const Vec<S>& theta, const Vec<double>& d1, const Vec<double>& d2, double a, double b) {
  for (Eigen::Index k = 0; k < p.size(); ++k) {
    const double delta = a * d1[k] + b * d2[k];
    p[k] = delta == 0 ? theta[k] : rounded<S>(double(theta[k]) + delta);
  }
}

// The grid's coordinates: range · (2j − (steps − 1)) / (steps − 1) — exactly 0 in the middle of an
// odd grid, and symmetric (the value at steps − 1 − j is minus the value at j).
Vec<double> axis(double range, int steps) {
  Vec<double> v(steps);
  for (int j = 0; j < steps; ++j) v[j] = range * double(2 * j - (steps - 1)) / double(steps - 1);
  return v;
}

// Where parameter p sits in the flat buffer (per layer: W column-major, then b); indices checked.
template <typename S>
Eigen::Index flatIndex(const Network<S>& net, const ParameterRef& p, const std::string& field) {
  net.checkLayer(p.layer, (field + ".layer").c_str());
  const int units = net.units(p.layer), fanIn = net.fanIn(p.layer);
  const auto range = [&](const char* which, int i, int count, const char* what) {
    if (i < 0 || i >= count)
      fail(field + "." + which, "must be from 0 to %d (layer %d has %d %s; got %d)", count - 1, p.layer, count, what, i);
  };
  range("row", p.row, units, "units");
  if (p.col >= 0) range("col", p.col, fanIn, "inputs");
  Eigen::Index offset = 0;
  for (int l = 0; l < p.layer; ++l) offset += Eigen::Index(net.units(l)) * (net.fanIn(l) + 1);
  return p.col >= 0 ? offset + Eigen::Index(p.col) * units + p.row : offset + Eigen::Index(units) * fanIn + p.row;
}

}  // namespace

// --- directions ----------------------------------------------------------------------------------

template <typename S>
Vec<double> randomDirection(const Network<S>& net, Rng& rng) {
  Vec<double> d = Vec<double>::Zero(net.parameters().size());
  Eigen::Index offset = 0;
  for (int l = 0; l < net.layerCount(); ++l) {
    const int out = net.units(l), in = net.fanIn(l);
    const typename Network<S>::ConstWeightMap W = net.W(l);  // (out, in) θ's weights
    Eigen::Map<Mat<double>> D(d.data() + offset, out, in);   // (out, in) the direction's
    for (int r = 0; r < out; ++r)                            // row-major, as the initialiser draws
      for (int c = 0; c < in; ++c) D(r, c) = rng.normal();
    for (int r = 0; r < out; ++r) {                          // filter normalisation: ‖D_r‖ = ‖W_r‖
      double theta = 0, drawn = 0;
      for (int c = 0; c < in; ++c) {
        theta += double(W(r, c)) * double(W(r, c));
        drawn += D(r, c) * D(r, c);
      }
      const double scale = drawn > 0 ? std::sqrt(theta) / std::sqrt(drawn) : 0;
      for (int c = 0; c < in; ++c) D(r, c) *= scale;
    }
    offset += Eigen::Index(out) * in + out;  // the biases' entries stay 0
  }
  return d;
}

template <typename S>
Vec<double> unitDirection(const Network<S>& net, const ParameterRef& p, const std::string& field) {
  const Eigen::Index k = flatIndex(net, p, field);
  Vec<double> d = Vec<double>::Zero(net.parameters().size());
  d[k] = 1;
  return d;
}

// --- the path --------------------------------------------------------------------------------------

template <typename S>
Mat<double> projectPath(const Vec<S>& theta, const Vec<double>& d1, const Vec<double>& d2,
                        MatRef<typename Network<S>::Scalar> snapshots) {
  const Eigen::Index P = theta.size();
  // Normal equations G [α β]ᵀ = [d1·r d2·r]ᵀ with G = [d1·d1 d1·d2; d1·d2 d2·d2], r = θ_k − θ.
  const double g11 = dot(d1.data(), d1.data(), P), g12 = dot(d1.data(), d2.data(), P), g22 = dot(d2.data(), d2.data(), P);
  if (!(g11 > 0 && g22 > 0))
    throw Error("directions", "a direction is zero (random directions take each neuron's weight norm: are all the weights 0?)");
  const double det = g11 * g22 - g12 * g12;
  if (!(det > 1e-12 * g11 * g22)) throw Error("directions", "the two directions are parallel: they span no plane");
  Mat<double> path(2, snapshots.cols());
  Vec<double> r(P);
  for (Eigen::Index k = 0; k < snapshots.cols(); ++k) {
    for (Eigen::Index i = 0; i < P; ++i) r[i] = double(snapshots(i, k)) - double(theta[i]);
    const double b1 = dot(d1.data(), r.data(), P), b2 = dot(d2.data(), r.data(), P);
    path(0, k) = (g22 * b1 - g12 * b2) / det;  // Cramer's rule
    path(1, k) = (g11 * b2 - g12 * b1) / det;
  }
  return path;
}

// --- the grid --------------------------------------------------------------------------------------

template <typename S>
Landscape<S> lossLandscape(const Network<S>& net, MatRef<typename Network<S>::Scalar> X,
                           MatRef<typename Network<S>::Scalar> Y, const LandscapeOptions& o,
                           MatRef<typename Network<S>::Scalar> snapshots) {
  // Every check first.
  if (o.steps < 2 || o.steps > kMaxLandscapeSteps)
    fail("steps", "must be an integer from 2 to %d (got %d)", kMaxLandscapeSteps, o.steps);
  if (!(o.range > 0 && o.range <= kMaxLandscapeRange))
    fail("range", "must be a number above 0 and at most %.10g (got %.10g)", kMaxLandscapeRange, o.range);
  net.checkBatch(X, Y);
  const Eigen::Index P = net.parameters().size();
  const double work = double(o.steps) * double(o.steps) * double(P) * double(X.cols());
  if (work > kMaxLandscapeWork)
    fail("steps", "a %d×%d grid of this network on %.0f samples takes %.10g multiply-adds; the limit is %.10g (use fewer steps or samples)",
         o.steps, o.steps, double(X.cols()), work, kMaxLandscapeWork);
  if (snapshots.cols() > kMaxLandscapePath)
    fail("path", "at most %d snapshots (got %.0f)", kMaxLandscapePath, double(snapshots.cols()));
  if (snapshots.cols() > 0 && snapshots.rows() != P)
    fail("path", "each snapshot needs the network's %.0f parameters (got %.0f)", double(P), double(snapshots.rows()));
  for (Eigen::Index k = 0; k < snapshots.cols(); ++k)
    if (!allFinite(snapshots.col(k).data(), P)) fail("path[" + std::to_string(k) + "]", "contains NaN or infinity");

  Landscape<S> out;
  if (o.random) {
    Rng rng(o.seed);
    out.d1 = randomDirection(net, rng);
    out.d2 = randomDirection(net, rng);
  } else {
    out.d1 = unitDirection(net, o.chosen[0], "directions[0]");
    out.d2 = unitDirection(net, o.chosen[1], "directions[1]");
    const ParameterRef &a = o.chosen[0], &b = o.chosen[1];
    if (a.layer == b.layer && a.row == b.row && std::max(a.col, -1) == std::max(b.col, -1))
      throw Error("directions[1]", "is the same parameter as directions[0]: two parameters span the plane");
  }
  out.path = projectPath(net.parameters(), out.d1, out.d2, snapshots);  // checks the directions too
  out.alpha = axis(o.range, o.steps);
  out.beta = axis(o.range, o.steps);
  out.loss = Mat<S>(o.steps, o.steps);

  // The grid, on a copy: the network is only read. The copy has no standardizer and is given X as
  // the network's first layer sees it (rounded as it rounds it), so it computes evaluate's loss;
  // its optimizer keeps no state (evaluate reads none), so it holds three P-vectors, not up to five.
  NetworkSpec spec = net.spec();
  spec.optimizer = OptimizerSettings{};
  for (const auto& row : optimizerTable<float>())
    if (row.stateSlots == 0) { spec.optimizer.type = row.name; break; }
  Network<S> probe(spec);
  Mat<S> Xl;
  net.standardizeInputs(X, Xl);
  const Vec<S>& theta = net.parameters();
  Vec<S>& p = probe.parameters();
  p = theta;
  out.center = probe.evaluate(Xl, Y).loss;
  for (int i = 0; i < o.steps; ++i)
    for (int j = 0; j < o.steps; ++j) {
      S loss = out.center;
      if (out.alpha[j] != 0 || out.beta[i] != 0) {
        moveTo(p, theta, out.d1, out.d2, out.alpha[j], out.beta[i]);
        loss = probe.evaluate(Xl, Y).loss;
      }
      out.loss(j, i) = std::isfinite(loss) ? loss : std::numeric_limits<S>::quiet_NaN();
    }
  return out;
}

#define INSTANTIATE(S)                                                                                         \
  template Landscape<S> lossLandscape<S>(const Network<S>&, MatRef<S>, MatRef<S>, const LandscapeOptions&,     \
                                         MatRef<S>);                                                           \
  template Vec<double> randomDirection<S>(const Network<S>&, Rng&);                                            \
  template Vec<double> unitDirection<S>(const Network<S>&, const ParameterRef&, const std::string&);           \
  template Mat<double> projectPath<S>(const Vec<S>&, const Vec<double>&, const Vec<double>&, MatRef<S>);
NN_INSTANTIATE(INSTANTIATE)

}  // namespace nn
