// datasets.cpp — the generators (TF Playground's shapes, generalised to more classes), then the table
// (the helpers that read any dataset — check, split, encode — are in datasplit.cpp).
#include "datasets.hpp"

#include <algorithm>
#include <cmath>

namespace nn {
namespace {

constexpr double kPi = 3.141592653589793;
constexpr double kRadius = 5.0;  // shapes fill most of the [−kExtent, kExtent] frame

void resize(Dataset& d, Eigen::Index n, bool regression) {
  d.X.resize(2, n);
  if (regression) d.targets.assign(std::size_t(n), 0.0);
  else d.labels.assign(std::size_t(n), 0);
}

// circle: class 1 inside r < 0.5R, class 0 on the ring 0.7R < r < R; noise jitters the points.
void circle(Dataset& d, Eigen::Index n, double noise, int, Rng& rng) {
  resize(d, n, false);
  for (Eigen::Index i = 0; i < n; ++i) {
    const bool inner = i < n / 2;
    const double r = inner ? rng.uniform(0, 0.5 * kRadius) : rng.uniform(0.7 * kRadius, kRadius);
    const double t = rng.uniform(0, 2 * kPi);
    d.X(0, i) = r * std::sin(t) + rng.uniform(-kRadius, kRadius) * noise * 0.5;
    d.X(1, i) = r * std::cos(t) + rng.uniform(-kRadius, kRadius) * noise * 0.5;
    d.labels[std::size_t(i)] = inner ? 1 : 0;
  }
}

// xor: uniform points pushed 0.3 off the axes; class 1 where x·y ≥ 0 (decided before the noise).
void xorSet(Dataset& d, Eigen::Index n, double noise, int, Rng& rng) {
  resize(d, n, false);
  for (Eigen::Index i = 0; i < n; ++i) {
    double x = rng.uniform(-kRadius, kRadius), y = rng.uniform(-kRadius, kRadius);
    x += x > 0 ? 0.3 : -0.3;
    y += y > 0 ? 0.3 : -0.3;
    d.labels[std::size_t(i)] = x * y >= 0 ? 1 : 0;
    d.X(0, i) = x + rng.uniform(-kRadius, kRadius) * noise * 0.5;
    d.X(1, i) = y + rng.uniform(-kRadius, kRadius) * noise * 0.5;
  }
}

// gauss: two Gaussian clouds at (2, 2) (class 1) and (−2, −2) (class 0); noise widens them.
void gauss(Dataset& d, Eigen::Index n, double noise, int, Rng& rng) {
  resize(d, n, false);
  const double sd = 0.5 + 3.5 * noise;
  for (Eigen::Index i = 0; i < n; ++i) {
    const int label = i < n / 2 ? 1 : 0;
    const double c = label ? 2.0 : -2.0;
    d.X(0, i) = rng.normal(c, sd);
    d.X(1, i) = rng.normal(c, sd);
    d.labels[std::size_t(i)] = label;
  }
}

// spiral: k interleaved arms, arm c rotated by 2πc/k; r grows to R over 1.75 turns.
void spiral(Dataset& d, Eigen::Index n, double noise, int classes, Rng& rng) {
  resize(d, n, false);
  for (Eigen::Index i = 0; i < n; ++i) {
    const int c = int(i % classes);
    const double s = double(i / classes) / double((n + classes - 1) / classes);  // 0..1 along the arm
    const double r = s * kRadius;
    const double t = 1.75 * s * 2 * kPi + 2 * kPi * c / classes;
    d.X(0, i) = r * std::sin(t) + rng.uniform(-1, 1) * noise;
    d.X(1, i) = r * std::cos(t) + rng.uniform(-1, 1) * noise;
    d.labels[std::size_t(i)] = c;
  }
}

// moons: two interleaved half circles (sklearn's make_moons), scaled to the frame.
void moons(Dataset& d, Eigen::Index n, double noise, int, Rng& rng) {
  resize(d, n, false);
  for (Eigen::Index i = 0; i < n; ++i) {
    const int label = i % 2;
    const double t = rng.uniform(0, kPi);
    const double x = label ? 1 - std::cos(t) : std::cos(t);
    const double y = label ? 0.5 - std::sin(t) : std::sin(t);
    d.X(0, i) = 2.5 * (x - 0.5) + rng.normal(0, noise);
    d.X(1, i) = 2.5 * (y - 0.25) + rng.normal(0, noise);
    d.labels[std::size_t(i)] = label;
  }
}

// blobs: k Gaussian clouds with centres on a circle of radius 3.5.
void blobs(Dataset& d, Eigen::Index n, double noise, int classes, Rng& rng) {
  resize(d, n, false);
  const double sd = 0.6 + 2.0 * noise;
  for (Eigen::Index i = 0; i < n; ++i) {
    const int c = int(i % classes);
    const double angle = 2 * kPi * c / classes + kPi / 4;
    d.X(0, i) = rng.normal(3.5 * std::cos(angle), sd);
    d.X(1, i) = rng.normal(3.5 * std::sin(angle), sd);
    d.labels[std::size_t(i)] = c;
  }
}

// rings: a bullseye of k rings, ring c (its class) between radii (c + 0.1)R/k and (c + 0.9)R/k;
// noise jitters the points across the gaps.
void rings(Dataset& d, Eigen::Index n, double noise, int classes, Rng& rng) {
  resize(d, n, false);
  const double width = kRadius / classes;
  for (Eigen::Index i = 0; i < n; ++i) {
    const int c = int(i % classes);
    const double r = rng.uniform((c + 0.1) * width, (c + 0.9) * width);
    const double t = rng.uniform(0, 2 * kPi);
    d.X(0, i) = r * std::sin(t) + rng.uniform(-1, 1) * noise;
    d.X(1, i) = r * std::cos(t) + rng.uniform(-1, 1) * noise;
    d.labels[std::size_t(i)] = c;
  }
}

// plane (regression): target = (x + y)/12 measured at a jittered point, clamped to [−1, 1].
void plane(Dataset& d, Eigen::Index n, double noise, int, Rng& rng) {
  resize(d, n, true);
  for (Eigen::Index i = 0; i < n; ++i) {
    const double x = rng.uniform(-kExtent, kExtent), y = rng.uniform(-kExtent, kExtent);
    const double nx = rng.uniform(-kExtent, kExtent) * noise * 0.5, ny = rng.uniform(-kExtent, kExtent) * noise * 0.5;
    d.X(0, i) = x;
    d.X(1, i) = y;
    d.targets[std::size_t(i)] = std::clamp((x + nx + y + ny) / (2 * kExtent), -1.0, 1.0);
  }
}

// multigauss (regression): six Gaussian bumps of alternating sign; target = their sum, clamped.
void multigauss(Dataset& d, Eigen::Index n, double noise, int, Rng& rng) {
  static const double bumps[6][3] = {{-4, 2.5, 1}, {0, 2.5, -1}, {4, 2.5, 1},
                                     {-4, -2.5, -1}, {0, -2.5, 1}, {4, -2.5, -1}};
  resize(d, n, true);
  for (Eigen::Index i = 0; i < n; ++i) {
    const double x = rng.uniform(-kExtent, kExtent), y = rng.uniform(-kExtent, kExtent);
    const double nx = rng.uniform(-kExtent, kExtent) * noise * 0.5, ny = rng.uniform(-kExtent, kExtent) * noise * 0.5;
    double value = 0;
    for (const auto& g : bumps) {
      const double dx = x + nx - g[0], dy = y + ny - g[1];
      value += g[2] * std::exp(-(dx * dx + dy * dy) / (2 * 1.6 * 1.6));
    }
    d.X(0, i) = x;
    d.X(1, i) = y;
    d.targets[std::size_t(i)] = std::clamp(value, -1.0, 1.0);
  }
}

}  // namespace

const std::vector<DatasetKind>& datasetTable() {
  // {name, display, regression, minClasses, maxClasses, defaultClasses, generate}
  static const std::vector<DatasetKind> table = {
      {"circle", "Circle", false, 2, 2, 2, &circle},
      {"xor", "XOR", false, 2, 2, 2, &xorSet},
      {"gauss", "Gauss", false, 2, 2, 2, &gauss},
      {"spiral", "Spiral", false, 2, kMaxClasses, 2, &spiral},
      {"moons", "Moons", false, 2, 2, 2, &moons},
      {"blobs", "Blobs", false, 2, kMaxClasses, 3, &blobs},
      {"rings", "Rings", false, 2, kMaxClasses, 3, &rings},
      {"plane", "Plane", true, 0, 0, 0, &plane},
      {"multigauss", "Multi-Gauss", true, 0, 0, 0, &multigauss},
  };
  return table;
}

Dataset makeDataset(const std::string& name, Eigen::Index n, double noise, int classes, std::uint64_t seed) {
  const DatasetKind& kind = findDataset(name);
  if (n < 1 || n > kMaxPoints)
    throw Error("n", "the number of points must be from 1 to " + std::to_string(kMaxPoints) + " (got " +
                std::to_string(n) + ")");
  if (!(std::isfinite(noise) && noise >= 0 && noise <= 1))
    throw Error("noise", "must be from 0 to 1 (got " + num(noise) + ")");
  if (kind.regression) {
    if (classes > 0) throw Error("classes", name + " is a regression dataset and has no classes");
  } else {
    if (classes <= 0) classes = kind.defaultClasses;
    if (classes < kind.minClasses || classes > kind.maxClasses)
      throw Error("classes", name + " takes " +
                  (kind.minClasses == kind.maxClasses
                       ? std::to_string(kind.minClasses)
                       : std::to_string(kind.minClasses) + " to " + std::to_string(kind.maxClasses)) +
                  " classes (got " + std::to_string(classes) + ")");
  }
  Dataset d;
  d.name = name;
  d.classes = kind.regression ? 0 : classes;
  Rng rng(seed);
  kind.generate(d, n, noise, classes, rng);
  return d;
}

}  // namespace nn
