// landscape_test.cpp — the loss landscape (core/landscape.hpp): its centre is evaluate's loss, the
// network is only read, the directions are seeded and filter-normalised, a chosen-weight plane is
// the network with those weights set by hand, and the path's projection is exact where it must be.
#include <cstring>

#include "datasets.hpp"
#include "helpers.hpp"
#include "landscape.hpp"

using namespace nn;

namespace {

NetworkSpec landSpec(const std::string& optimizer = "adam") {
  NetworkSpec s;
  s.layers = {{16, "tanh"}, {16, "tanh"}, {1, "sigmoid"}};
  s.loss = "binary_crossentropy";
  s.optimizer.type = optimizer;
  s.optimizer.learningRate = 0.01;
  s.seed = 5;
  return s;
}

template <typename S>
struct Batch {
  Mat<S> X, Y;
};
template <typename S>
Batch<S> circle(int n = 200) {
  const Dataset d = makeDataset("circle", n, 0.1, 2, 3);
  return {d.X.cast<S>(), encodeTargets(d, 1, "sigmoid").cast<S>()};
}

// A trained network (optimizer state, steps and shuffles all moved from their start).
template <typename S>
Network<S> trained(const Batch<S>& b, const std::string& optimizer = "adam") {
  Network<S> net(landSpec(optimizer));
  for (int e = 0; e < 3; ++e) net.trainEpoch(b.X, b.Y, 20);
  return net;
}

template <typename S>
bool sameBits(const Vec<S>& a, const Vec<S>& b) {
  // (an empty vector's data() may be null, which memcmp must not be given even for 0 bytes)
  return a.size() == b.size() && (a.size() == 0 || std::memcmp(a.data(), b.data(), std::size_t(a.size()) * sizeof(S)) == 0);
}

// Everything that makes the network what it is, copied.
template <typename S>
struct State {
  Vec<S> params;
  std::array<Vec<S>, 2> opt;
  std::int64_t steps;
  std::array<std::uint64_t, 4> rng;
  explicit State(const Network<S>& n)
      : params(n.parameters()), opt(n.optimizerState()), steps(n.optimizerSteps()), rng(n.shuffleRng().state()) {}
  bool operator==(const Network<S>& n) const {
    return sameBits(params, n.parameters()) && sameBits(opt[0], n.optimizerState()[0]) &&
           sameBits(opt[1], n.optimizerState()[1]) && steps == n.optimizerSteps() && rng == n.shuffleRng().state();
  }
};

template <typename S>
Mat<S> noPath(const Network<S>& net) { return Mat<S>(net.parameters().size(), 0); }

template <typename S>
Landscape<S> land(const Network<S>& net, const Batch<S>& b, const LandscapeOptions& o) {
  return lossLandscape(net, b.X, b.Y, o, noPath(net));
}

LandscapeOptions chosen(ParameterRef a, ParameterRef b, double range = 1, int steps = 5) {
  LandscapeOptions o;
  o.random = false;
  o.chosen = {a, b};
  o.range = range;
  o.steps = steps;
  return o;
}

template <typename S>
void requireError(const std::string& field, S&& f) {
  try {
    f();
  } catch (const Error& e) {
    REQUIRE(e.field() == field);
    return;
  }
  FAIL("expected an nn::Error naming " << field);
}

}  // namespace

TEST_CASE("landscape: the centre is evaluate's loss, bit for bit, and the network is only read", "[landscape]") {
  const Batch<float> b = circle<float>();
  Network<float> net = trained(b);
  SECTION("without a standardizer") {}
  SECTION("with a standardizer") { net.setStandardizer({Vec<double>::Constant(2, 0.5), Vec<double>::Constant(2, 3.0)}); }
  const float expected = net.evaluate(b.X, b.Y).loss;
  const State<float> before(net);
  for (const LandscapeOptions& o : {LandscapeOptions{}, chosen({1, 2, 3}, {2, 0, -1}, 0.5, 7)}) {
    const Landscape<float> l = land(net, b, o);
    REQUIRE(std::memcmp(&l.center, &expected, sizeof expected) == 0);
    const int mid = o.steps / 2;
    REQUIRE(l.alpha[mid] == 0);
    REQUIRE(l.beta[mid] == 0);
    REQUIRE(l.loss(mid, mid) == expected);
    REQUIRE(l.alpha[0] == -o.range);
    REQUIRE(l.alpha[o.steps - 1] == o.range);
    REQUIRE(before == net);
  }
  REQUIRE(net.evaluate(b.X, b.Y).loss == expected);
}

TEST_CASE("landscape: the network is bit-identical after a call that throws", "[landscape]") {
  const Batch<float> b = circle<float>();
  Network<float> net = trained(b, "momentum");
  const State<float> before(net);
  const Mat<float> theta = net.parameters();
  Mat<float> bad = theta;
  bad(3, 0) = std::numeric_limits<float>::quiet_NaN();
  requireError("path[0]", [&] { lossLandscape(net, b.X, b.Y, LandscapeOptions{}, bad); });
  requireError("directions[1]", [&] { land(net, b, chosen({0, 1, 1}, {0, 1, 1})); });  // thrown after the directions
  requireError("steps", [&] { LandscapeOptions o; o.steps = 102; land(net, b, o); });
  REQUIRE(before == net);
}

TEST_CASE("landscape: the same seed gives the same directions and grid", "[landscape]") {
  const Batch<float> b = circle<float>(60);
  Network<float> net = trained(b);
  LandscapeOptions o;
  o.seed = 42;
  o.steps = 9;
  const Landscape<float> a = land(net, b, o), again = land(net, b, o);
  REQUIRE(a.d1 == again.d1);
  REQUIRE(a.d2 == again.d2);
  REQUIRE(std::memcmp(a.loss.data(), again.loss.data(), std::size_t(a.loss.size()) * sizeof(float)) == 0);
  o.seed = 43;
  const Landscape<float> other = land(net, b, o);
  REQUIRE(other.d1 != a.d1);
  REQUIRE(other.loss != a.loss);
  REQUIRE(a.d1 != a.d2);
}

TEST_CASE("landscape: random directions are filter-normalised, with zero biases", "[landscape]") {
  const Batch<float> b = circle<float>(60);
  const Network<float> net = trained(b);
  Rng rng(7);
  const Vec<double> d = randomDirection(net, rng);
  REQUIRE(d.size() == net.parameters().size());
  Eigen::Index offset = 0;
  for (int l = 0; l < net.layerCount(); ++l) {
    const int out = net.units(l), in = net.fanIn(l);
    const Eigen::Map<const Mat<double>> D(d.data() + offset, out, in);
    const Mat<double> W = net.W(l).cast<double>();
    for (int r = 0; r < out; ++r) {
      CAPTURE(l, r);
      REQUIRE(D.row(r).norm() == Approx(W.row(r).norm()).epsilon(1e-12));
      REQUIRE(D.row(r).cwiseAbs().minCoeff() > 0);  // a Gaussian draw, not a copy of θ's row
      REQUIRE(D.row(r).transpose() != W.row(r).transpose());
    }
    REQUIRE(d.segment(offset + Eigen::Index(out) * in, out).isZero(0));
    offset += Eigen::Index(out) * (in + 1);
  }
  REQUIRE(offset == d.size());
}

TEST_CASE("landscape: along chosen parameters, the grid is the network with them set by hand", "[landscape]") {
  const Batch<float> b = circle<float>(80);
  const Network<float> net = trained(b);
  const ParameterRef w{1, 2, 3}, bias{2, 0, -1};
  const LandscapeOptions o = chosen(w, bias, 2.0, 9);
  const Landscape<float> l = land(net, b, o);
  for (const auto& [i, j] : {std::pair{0, 0}, std::pair{8, 8}, std::pair{2, 7}, std::pair{4, 1}, std::pair{6, 4}}) {
    Network<float> byHand = net.clone();
    byHand.setWeight(w.layer, w.row, w.col, double(net.W(w.layer)(w.row, w.col)) + l.alpha[j]);
    byHand.setBias(bias.layer, bias.row, double(net.b(bias.layer)(bias.row)) + l.beta[i]);
    const float expected = byHand.evaluate(b.X, b.Y).loss;
    CAPTURE(i, j, l.alpha[j], l.beta[i]);
    REQUIRE(std::memcmp(&l.loss(j, i), &expected, sizeof expected) == 0);  // row-major by β: i·steps + j
    REQUIRE(l.loss.data()[i * o.steps + j] == expected);
  }
  // The unit directions: one 1 each, at the chosen parameter's place in the flat buffer.
  REQUIRE(l.d1.sum() == 1);
  REQUIRE(l.d2.sum() == 1);
  const Eigen::Index wAt = 2 * 16 + 16 + 3 * 16 + 2;  // after layer 0's W (16, 2) and b: column 3, row 2
  const Eigen::Index bAt = net.parameters().size() - 1;
  REQUIRE(l.d1[wAt] == 1);
  REQUIRE(l.d2[bAt] == 1);
}

TEST_CASE("landscape: the path's projection", "[landscape]") {
  const Batch<double> b = circle<double>(40);
  Network<double> net = trained(b);
  const Vec<double> theta = net.parameters();
  LandscapeOptions o;
  o.steps = 3;
  const Landscape<double> l = land(net, b, o);
  Mat<double> snapshots(theta.size(), 3);
  snapshots.col(0) = theta + 2 * l.d1 - l.d2;
  snapshots.col(1) = theta - 0.5 * l.d2;
  snapshots.col(2) = theta;  // the last snapshot is θ itself
  const Landscape<double> p = lossLandscape(net, b.X, b.Y, o, snapshots);
  REQUIRE(p.path.cols() == 3);
  REQUIRE(p.path(0, 0) == Approx(2).epsilon(1e-12));
  REQUIRE(p.path(1, 0) == Approx(-1).epsilon(1e-12));
  REQUIRE(p.path(0, 1) == Approx(0).margin(1e-12));
  REQUIRE(p.path(1, 1) == Approx(-0.5).epsilon(1e-12));
  REQUIRE(p.path(0, 2) == 0);  // exactly
  REQUIRE(p.path(1, 2) == 0);
  // A component off the plane does not move the projection (least squares).
  Vec<double> off = Vec<double>::Zero(theta.size());
  off[theta.size() - 1] = 0.3;  // the output bias: 0 in both random directions
  const Mat<double> shifted = theta + 2 * l.d1 - l.d2 + off;
  const Mat<double> q = projectPath<double>(theta, l.d1, l.d2, shifted);
  REQUIRE(q(0, 0) == Approx(2).epsilon(1e-12));
  REQUIRE(q(1, 0) == Approx(-1).epsilon(1e-12));

  // In float, the snapshot rounds: still (2, −1) to float's precision, and θ is (0, 0) exactly.
  const Batch<float> bf = circle<float>(40);
  Network<float> f = trained(bf);
  const Landscape<float> lf = land(f, bf, o);
  Mat<float> snap(f.parameters().size(), 2);
  snap.col(0) = (f.parameters().cast<double>() + 2 * lf.d1 - lf.d2).cast<float>();
  snap.col(1) = f.parameters();
  const Mat<double> qf = projectPath<float>(f.parameters(), lf.d1, lf.d2, snap);
  REQUIRE(qf(0, 0) == Approx(2).epsilon(1e-5));
  REQUIRE(qf(1, 0) == Approx(-1).epsilon(1e-5));
  REQUIRE(qf(0, 1) == 0);
  REQUIRE(qf(1, 1) == 0);
}

TEST_CASE("landscape: non-finite losses are NaN in the grid, never thrown", "[landscape]") {
  const Batch<float> b = circle<float>(40);
  NetworkSpec s;
  s.layers = {{4, "relu"}, {1, "linear"}};
  s.loss = "mse";
  Network<float> net(s);
  net.setWeight(1, 0, 0, 3e38);  // the output overflows for most samples, and θ + α·d with it
  const Landscape<float> l = land(net, b, chosen({1, 0, 0}, {0, 1, 1}, 1e3, 5));
  REQUIRE(!std::isfinite(l.center));
  REQUIRE(l.loss.array().isNaN().all());
}

TEST_CASE("landscape: stated limits and bad options name their field", "[landscape]") {
  const Batch<float> b = circle<float>(40);
  const Network<float> net(landSpec());
  const Eigen::Index P = net.parameters().size();
  const auto with = [&](auto change) { LandscapeOptions o; change(o); return [&net, &b, o] { land(net, b, o); }; };
  requireError("steps", with([](LandscapeOptions& o) { o.steps = 1; }));
  requireError("steps", with([](LandscapeOptions& o) { o.steps = kMaxLandscapeSteps + 1; }));
  requireError("range", with([](LandscapeOptions& o) { o.range = 0; }));
  requireError("range", with([](LandscapeOptions& o) { o.range = std::nan(""); }));
  requireError("range", with([](LandscapeOptions& o) { o.range = 2 * kMaxLandscapeRange; }));
  requireError("directions[0].layer", [&] { land(net, b, chosen({3, 0, 0}, {0, 0, 0})); });
  requireError("directions[1].row", [&] { land(net, b, chosen({0, 0, 0}, {1, 16, 0})); });
  requireError("directions[1].col", [&] { land(net, b, chosen({0, 0, 0}, {1, 0, 16})); });
  requireError("directions[1]", [&] { land(net, b, chosen({2, 0, -1}, {2, 0, -1})); });
  requireError("path", [&] { lossLandscape(net, b.X, b.Y, LandscapeOptions{}, Mat<float>::Zero(P - 1, 1)); });
  requireError("path", [&] { lossLandscape(net, b.X, b.Y, LandscapeOptions{}, Mat<float>::Zero(P, kMaxLandscapePath + 1)); });
  requireError("x", [&] { lossLandscape(net, Mat<float>::Zero(3, 40), b.Y, LandscapeOptions{}, noPath(net)); });
  requireError("y", [&] { lossLandscape(net, b.X, Mat<float>::Zero(1, 39), LandscapeOptions{}, noPath(net)); });
  // The work: steps² · parameters · n multiply-adds at most kMaxLandscapeWork.
  const Batch<float> big = circle<float>(2000);
  LandscapeOptions o;
  o.steps = 101;  // 101² · 337 · 2000 = 6.9e9
  requireError("steps", [&] { land(net, big, o); });
  o.steps = 51;   // 1.75e9: within
  REQUIRE(double(o.steps) * o.steps * double(P) * 2000 <= kMaxLandscapeWork);
  // Random directions of a network whose weights are all 0 are 0: no plane.
  NetworkSpec zeros = landSpec();
  zeros.init = "zeros";
  const Network<float> flat(zeros);
  requireError("directions", [&] { land(flat, b, LandscapeOptions{}); });
}

// The same numbers natively and in wasm (tests/node/landscape.test.mjs pins the same values): the
// directions come from the project's Rng and plain loops, the losses from the bit-exact kernels.
TEST_CASE("landscape: pinned values, shared with the wasm test", "[landscape][determinism]") {
  const Dataset d = makeDataset("circle", 50, 0.1, 2, 3);
  const Mat<float> X = d.X.cast<float>(), Y = encodeTargets(d, 1, "sigmoid").cast<float>();
  Network<float> net(landSpec("sgd"));
  LandscapeOptions o;
  o.seed = 9;
  o.steps = 5;
  const Landscape<float> l = lossLandscape(net, X, Y, o, noPath(net));
  REQUIRE(l.d1[0] == -0.0031559368046227571);
  REQUIRE(l.d1[1] == -0.021337951630457479);
  REQUIRE(l.d1[2] == -0.10234152654558612);
  REQUIRE(l.d2[5] == -0.6419936801297691);
  REQUIRE(l.center == 0.692057788f);
  REQUIRE(l.loss(0, 0) == 1.42970872f);
  REQUIRE(l.loss(3, 1) == 0.709471941f);  // flat index 1·5 + 3
}
