// gradcheck.cpp — per-layer central-difference check of backprop (see gradcheck.hpp).
#include "gradcheck.hpp"

#include <algorithm>
#include <numeric>
#include <unordered_set>

namespace nn {
namespace {

double relativeError(const std::vector<double>& a, const std::vector<double>& n) {
  double diff = 0, sum = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    diff += (a[i] - n[i]) * (a[i] - n[i]);
    sum += (a[i] + n[i]) * (a[i] + n[i]);
  }
  return sum == 0 ? std::sqrt(diff) : std::sqrt(diff / sum);
}

// Indices [begin, begin + count) of the flat buffer, or a seeded sample of maxCount of them
// (Floyd's algorithm: maxCount draws, whatever the layer's size), in increasing order.
std::vector<Eigen::Index> pick(Eigen::Index begin, Eigen::Index count, int maxCount, Rng& rng) {
  std::vector<Eigen::Index> chosen;
  if (count <= maxCount) {
    chosen.resize(std::size_t(count));
    std::iota(chosen.begin(), chosen.end(), begin);
    return chosen;
  }
  std::unordered_set<Eigen::Index> seen;
  for (Eigen::Index j = count - maxCount; j < count; ++j) {
    const Eigen::Index t = Eigen::Index(rng.below(std::uint64_t(j) + 1));
    chosen.push_back(seen.insert(t).second ? t : j);
    seen.insert(j);
  }
  std::sort(chosen.begin(), chosen.end());
  for (Eigen::Index& i : chosen) i += begin;
  return chosen;
}

}  // namespace

template <typename S>
std::vector<LayerCheck> gradientCheck(Network<S>& net, MatRef<typename Network<S>::Scalar> X,
                                      MatRef<typename Network<S>::Scalar> Y, int maxPerLayer, double h) {
  if (maxPerLayer < 1 || maxPerLayer > kMaxCheckPerLayer)
    throw Error("maxPerLayer", "must be an integer from 1 to " + std::to_string(kMaxCheckPerLayer) + " (got " +
                std::to_string(maxPerLayer) + ")");
  if (X.cols() > kMaxCheckSamples)
    throw Error("n", "a gradient check takes at most " + std::to_string(kMaxCheckSamples) +
                " samples (a mini-batch; got " + std::to_string(X.cols()) + ")");
  // The cost, bounded before anything runs: two forward passes (P multiply-adds per sample) for
  // every checked entry.
  double entries = 0;
  for (int l = 0; l < net.layerCount(); ++l)
    entries += double(std::min<Eigen::Index>(Eigen::Index(net.units(l)) * net.fanIn(l), maxPerLayer)) +
               double(std::min(net.units(l), maxPerLayer));
  const double work = 2 * entries * double(net.parameters().size()) * double(X.cols());
  if (work > kMaxCheckWork)
    throw Error("maxPerLayer", "checking this network on " + std::to_string(X.cols()) + " samples takes " + num(work) +
                " multiply-adds; the limit is " + num(kMaxCheckWork) + " (use fewer samples or a smaller maxPerLayer)");
  net.computeGradients(X, Y);  // checks the batch; leaves dW, db in the network
  NetworkSpec plain = net.spec();  // the same network, with an optimizer that keeps no state
  plain.optimizer = OptimizerSettings{};
  for (const auto& o : optimizerTable<float>())
    if (o.stateSlots == 0) { plain.optimizer.type = o.name; break; }
  Network<double> copy(plain);
  copy.parameters() = net.parameters().template cast<double>();
  // The copy has no standardizer: it is given X as the network's first layer sees it (rounded as
  // the network rounds it), so both compute the same function of the parameters.
  Mat<S> Xl;
  net.standardizeInputs(X, Xl);
  const Mat<double> Xd = Xl.template cast<double>(), Yd = Y.template cast<double>();
  Vec<double>& p = copy.parameters();
  const auto numeric = [&](Eigen::Index i) {
    const double saved = p[i];
    p[i] = saved + h;
    const double plus = copy.evaluate(Xd, Yd).loss;
    p[i] = saved - h;
    const double minus = copy.evaluate(Xd, Yd).loss;
    p[i] = saved;
    return (plus - minus) / (2 * h);
  };

  Rng rng(0x6772616463686bull);
  std::vector<LayerCheck> result;
  Eigen::Index offset = 0;
  for (int l = 0; l < net.layerCount(); ++l) {
    const Eigen::Index nW = Eigen::Index(net.units(l)) * net.fanIn(l), nb = net.units(l);
    const auto dW = net.dW(l);  // column-major, the flat layout's order
    const auto db = net.db(l);
    LayerCheck check{0, 0, 0};
    for (int part = 0; part < 2; ++part) {
      const Eigen::Index begin = part == 0 ? offset : offset + nW, count = part == 0 ? nW : nb;
      std::vector<double> analytic, approx;
      for (Eigen::Index i : pick(begin, count, maxPerLayer, rng)) {
        analytic.push_back(part == 0 ? double(dW.data()[i - begin]) : double(db[i - begin]));
        approx.push_back(numeric(i));
      }
      (part == 0 ? check.weights : check.biases) = relativeError(analytic, approx);
      check.checked += int(analytic.size());
    }
    result.push_back(check);
    offset += nW + nb;
  }
  return result;
}

template std::vector<LayerCheck> gradientCheck<float>(Network<float>&, MatRef<float>, MatRef<float>, int, double);
template std::vector<LayerCheck> gradientCheck<double>(Network<double>&, MatRef<double>, MatRef<double>, int, double);

}  // namespace nn
