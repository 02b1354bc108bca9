// fastmath_test.cpp — the float path's own exp, expm1, log, tanh and sigmoid against double precision
// over their whole useful range, and their behaviour at the edges (±∞, NaN, overflow).
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

#include "fastmath.hpp"

namespace {

// Largest relative error of f against reference over [lo, hi] (geometric or linear steps).
template <typename F, typename R>
double worstRelative(F f, R reference, double lo, double hi, double step) {
  double worst = 0;
  for (double x = lo; x <= hi; x += step) {
    const float xf = float(x);
    const double want = reference(double(xf));
    if (want == 0) continue;
    worst = std::max(worst, std::abs(double(f(xf)) - want) / std::abs(want));
  }
  return worst;
}

}  // namespace

TEST_CASE("fast exp, tanh, sigmoid and log are accurate to a few float ulps", "[fastmath]") {
  using namespace nn::fast;
  CHECK(worstRelative([](float x) { return exp(x); }, [](double x) { return std::exp(x); }, -87, 88, 1e-3) < 3e-7);
  CHECK(worstRelative([](float x) { return tanh(x); }, [](double x) { return std::tanh(x); }, -12, 12, 1e-4) < 3e-7);
  CHECK(worstRelative([](float x) { return expm1(x); }, [](double x) { return std::expm1(x); }, -30, 30, 1e-4) < 3e-7);
  CHECK(expm1(1e-30f) == 1e-30f);  // no cancellation near 0
  CHECK(worstRelative([](float x) { return sigmoid(x); }, [](double x) { return 1 / (1 + std::exp(-x)); }, -80, 30, 1e-3) < 3e-7);
  double worstLog = 0;
  for (double x = 1e-37; x < 1e38; x *= 1.001) {
    const float xf = float(x);
    worstLog = std::max(worstLog, std::abs(double(log(xf)) - std::log(double(xf))) / std::max(1.0, std::abs(std::log(double(xf)))));
  }
  CHECK(worstLog < 3e-7);
  CHECK(tanh(1e-30f) == 1e-30f);  // the small-argument branch keeps tiny values exact
  CHECK(tanh(-0.1f) == -tanh(0.1f));
}

TEST_CASE("fast functions saturate cleanly and keep NaN and infinity", "[fastmath]") {
  using namespace nn::fast;
  const float inf = std::numeric_limits<float>::infinity(), nan = std::numeric_limits<float>::quiet_NaN();
  CHECK(tanh(inf) == 1.f);
  CHECK(tanh(-inf) == -1.f);
  CHECK(tanh(50.f) == 1.f);
  CHECK(sigmoid(200.f) == 1.f);
  CHECK(sigmoid(-200.f) >= 0.f);
  CHECK(sigmoid(-200.f) < 1e-37f);
  CHECK(std::isfinite(exp(1000.f)));  // clamped to e^88 rather than overflowing
  CHECK(std::isnan(exp(nan)));        // a diverged network stays visibly diverged
  CHECK(std::isnan(tanh(nan)));
  CHECK(std::isnan(log(nan)));
  CHECK(log(inf) == inf);
  CHECK(log(1.f) == 0.f);
}
