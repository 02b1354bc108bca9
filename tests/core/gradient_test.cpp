// gradient_test.cpp — every activation and every valid (output activation, loss) pair is
// gradient-checked against central differences in double precision, one section per table row.
// Also: the fused paths give the same numbers as the general chain rule, and undefined pairs are
// rejected at creation with a message that says why.
#include "helpers.hpp"

#include "losses.hpp"

using namespace nn;

namespace {

constexpr double kMaxRelativeError = 1e-6;

Network<double> randomNetwork(NetworkSpec spec, Rng& rng) {
  Network<double> net(std::move(spec));
  for (int l = 0; l < net.layerCount(); ++l) {  // non-zero biases so every term is exercised
    net.W(l) = nntest::randomMatrix<double>(net.units(l), net.fanIn(l), rng, -0.9, 0.9);
    net.b(l) = nntest::randomMatrix<double>(net.units(l), 1, rng, -0.5, 0.5);
  }
  return net;
}

// Hidden activation H in both hidden layers of 3 → 5(H) → 4(H) → 3(linear), mse, batch 6.
void checkHidden(const std::string& h) {
  Rng rng(42);
  NetworkSpec spec;
  spec.inputs = 3;
  spec.layers = {{5, h}, {4, h}, {3, "linear"}};
  spec.loss = "mse";
  Network<double> net = randomNetwork(spec, rng);
  const Mat<double> X = nntest::randomMatrix<double>(3, 6, rng, -2, 2);
  const Mat<double> Y = nntest::randomTargets("mse", 3, 6, rng);
  const double err = nntest::gradientCheckError(net, X, Y);
  CAPTURE(h, err);
  REQUIRE(err < kMaxRelativeError);
}

// Output activation O with `units` outputs and loss, on 3 → 5(sigmoid) → 4(tanh) → units(O), batch 6.
// tanh feeds the output so its pre-activations take both signs: both branches of a piecewise
// output (relu, leaky_relu, elu) are checked. (Behind a sigmoid they were all positive.)
void checkPair(const std::string& o, const std::string& loss, int units) {
  Rng rng(7);
  NetworkSpec spec;
  spec.inputs = 3;
  spec.layers = {{5, "sigmoid"}, {4, "tanh"}, {units, o}};
  spec.loss = loss;
  Network<double> net = randomNetwork(spec, rng);
  const Mat<double> X = nntest::randomMatrix<double>(3, 6, rng, -2, 2);
  const Mat<double> Y = nntest::randomTargets(loss, units, 6, rng);
  const Mat<double> Zout = net.trace(X, Y).Z.back();
  REQUIRE(Zout.minCoeff() < 0);
  REQUIRE(Zout.maxCoeff() > 0);
  const double err = nntest::gradientCheckError(net, X, Y);
  CAPTURE(o, loss, units, err);
  REQUIRE(err < kMaxRelativeError);
}

bool pairIsValid(const std::string& o, const std::string& loss, int units) {
  NetworkSpec spec;
  spec.layers = {{units, o}};
  spec.loss = loss;
  try {
    validateSpec(spec);
    return true;
  } catch (const Error&) {
    return false;
  }
}

}  // namespace

// One section per table row (see helpers.hpp): a new activation or loss is checked with no new test.
TEST_CASE("gradient check: every activation in the hidden layers", "[gradient][activation]") {
  for (const auto& a : activationTable<double>())
    DYNAMIC_SECTION("hidden " << a.name) { checkHidden(a.name); }
}

TEST_CASE("gradient check: every valid pair of output activation and loss on 1 and 3 outputs", "[gradient][loss]") {
  int pairs = 0;
  for (const auto& a : activationTable<double>())
    for (const auto& l : lossTable<double>())
      for (int units : {1, 3})
        if (pairIsValid(a.name, l.name, units)) {
          ++pairs;
          DYNAMIC_SECTION("output " << a.name << " + " << l.name << " x" << units) { checkPair(a.name, l.name, units); }
        }
  REQUIRE(pairs > 0);  // the validity rule cannot silently empty the loop
}

TEST_CASE("undefined output/loss pairs are rejected at creation, saying why and what fits", "[gradient][loss]") {
  int rejected = 0;
  for (const auto& a : activationTable<double>())
    for (const auto& l : lossTable<double>()) {
      if (!a.unitInterval() && l.needsUnitInterval) {
        NetworkSpec spec;
        spec.layers = {{3, a.name}};
        spec.loss = l.name;
        CAPTURE(a.name, l.name);
        REQUIRE_THROWS_WITH(Network<double>(spec), Catch::Contains("loss: ") && Catch::Contains("(0, 1)") &&
                                                       Catch::Contains("sigmoid or softmax"));
        ++rejected;
      }
    }
  REQUIRE(rejected >= 8 * 2);  // at least the book's 8 activations that can leave (0, 1) × 2 cross-entropies
  NetworkSpec one;
  one.layers = {{1, "sigmoid"}};
  one.loss = "categorical_crossentropy";
  REQUIRE_THROWS_WITH(Network<double>(one), Catch::Contains("at least 2 outputs"));
}

TEST_CASE("fused sigmoid+bce and softmax+categorical equal the general chain rule", "[gradient][loss]") {
  Rng rng(3);
  for (const char* pair : {"sigmoid/binary_crossentropy", "softmax/categorical_crossentropy"}) {
    const std::string p(pair), actName = p.substr(0, p.find('/')), lossName = p.substr(p.find('/') + 1);
    const auto& act = findActivation<double>(actName, "");
    const auto& loss = findLoss<double>(lossName, "");
    REQUIRE(loss.fusedActivation == actName);
    const Mat<double> Z = nntest::randomMatrix<double>(4, 5, rng, -6, 6);
    const Mat<double> Y = nntest::randomTargets(lossName, 4, 5, rng);
    Mat<double> A, dA, dZgeneral, dZfused;
    act.forward(Z, A);
    loss.gradient(A, Y, dA);
    act.backward(Z, A, dA, dZgeneral);
    loss.fusedGradient(A, Y, dZfused);
    CAPTURE(pair);
    REQUIRE(loss.fusedValue(Z, Y) == Approx(loss.value(A, Y)).epsilon(1e-12));
    REQUIRE(nntest::closeTo(dZfused, dZgeneral, 1e-12));
  }
}

TEST_CASE("fused paths stay finite where the general path overflows", "[gradient][loss]") {
  Mat<float> Z(2, 1);
  Z << 200.f, -200.f;  // exp overflows float; sigmoid saturates to exactly 0 and 1
  Mat<float> Y(2, 1);
  Y << 0.f, 1.f;
  const auto& bce = findLoss<float>("binary_crossentropy", "");
  REQUIRE(bce.fusedValue(Z, Y) == Approx(200.f));  // log(1 + e^200) ≈ 200, exactly as torch's with-logits loss
  const auto& cce = findLoss<float>("categorical_crossentropy", "");
  REQUIRE(cce.fusedValue(Z, Y) == Approx(400.f));  // logsumexp − z_true = 200 − (−200)
}

// The flags the page and the advice read (range, slope, dead region) are typed beside each row;
// here they are checked against f and f' themselves, sampled on z ∈ [−30, 30].
TEST_CASE("every elementwise activation's range, largest slope and dead region are its function's", "[activation]") {
  for (const auto& a : activationTable<double>()) {
    if (!a.elementwise) continue;
    DYNAMIC_SECTION(a.name) {
      const Eigen::Index n = 6001;
      Mat<double> Z(1, n), A, dZ;
      for (Eigen::Index i = 0; i < n; ++i) Z(0, i) = -30 + 0.01 * double(i);
      a.forward(Z, A);
      a.backward(Z, A, Mat<double>::Ones(1, n), dZ);
      const double lo = A.minCoeff(), hi = A.maxCoeff(), slope = dZ.cwiseAbs().maxCoeff();
      CHECK(lo >= a.lo - 1e-9);
      CHECK(hi <= a.hi + 1e-9);
      CHECK(slope <= a.maxSlope + 1e-9);
      if (std::isfinite(a.lo)) CHECK(lo <= a.lo + 0.01 * std::max(1.0, std::abs(a.lo)));  // and tight
      if (std::isfinite(a.hi)) CHECK(hi >= a.hi - 0.01 * std::max(1.0, std::abs(a.hi)));
      if (std::isfinite(a.maxSlope)) CHECK(slope >= 0.98 * a.maxSlope);
      bool zeroBelow = true;
      for (Eigen::Index i = 0; Z(0, i) < 0; ++i) zeroBelow = zeroBelow && dZ(0, i) == 0;
      CHECK(zeroBelow == a.deadBelowZero);
    }
  }
}
