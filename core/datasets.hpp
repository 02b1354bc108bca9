// datasets.hpp — the table of seeded 2-D toy datasets, and the data helpers (check, the two
// train/test splits, target encoding, standardisation) for a dataset with any number of inputs.
//
// Generated points lie in the square [−kExtent, kExtent]² = [−6, 6]² (TensorFlow Playground's
// frame). Classification sets carry an integer label per point (0..classes−1); regression sets
// carry a target in [−1, 1].
// Same (name, n, noise, classes, seed) → the same points on every platform.
// The helpers read any Dataset (the user's own points too) and check it first: their errors name
// the field as the API spells it ("data.x", "data.labels[3]", "testRatio").
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "rng.hpp"
#include "standardizer.hpp"
#include "types.hpp"

namespace nn {

struct Dataset {
  std::string name;
  int classes = 0;             // 0 for regression
  Mat<double> X;               // (inputs, n): one column per point (the generators make 2 inputs)
  std::vector<int> labels;     // (n) classification only
  std::vector<double> targets; // (n) regression only
  Eigen::Index size() const { return X.cols(); }
  Eigen::Index inputs() const { return X.rows(); }
  bool regression() const { return classes == 0; }
};

struct DatasetKind {
  const char* name;
  const char* display;  // "Multi-Gauss"
  bool regression;
  int minClasses, maxClasses, defaultClasses;  // all 0 for regression
  // Fills X (2, n) and labels or targets.
  void (*generate)(Dataset& out, Eigen::Index n, double noise, int classes, Rng& rng);
};

const std::vector<DatasetKind>& datasetTable();
inline const DatasetKind& findDataset(const std::string& name, const std::string& field = "name") {
  return findRow(datasetTable(), name, "dataset", field);
}
inline std::vector<std::string> datasetNames() { return rowNames(datasetTable()); }

constexpr Eigen::Index kMaxPoints = 100000;
constexpr double kExtent = 6;     // every point lies in [−kExtent, kExtent]² (before noise)
constexpr int kMaxClasses = 6;    // the most classes a dataset (or the user's points) may have
constexpr const char* kDefaultDataset = "spiral";  // the page's first dataset

// classes ≤ 0 means the dataset's default. noise in [0, 1] (1 = TF Playground's 50 %).
Dataset makeDataset(const std::string& name, Eigen::Index n, double noise, int classes, std::uint64_t seed);

// --- the data helpers (datasplit.cpp) --------------------------------------------------------

// Throws nn::Error unless d is well formed: ≥ 1 input, x finite floats ("data.x"), classes ≥ 0
// ("data.classes"), and n labels from 0 to classes − 1 ("data.labels[i]") or, for regression
// (classes 0), n targets that are finite floats ("data.targets[i]"). n may be 0.
void checkDataset(const Dataset& d);

// The two parts keep the dataset's name and classes (the seeded split's parts are in shuffled
// order; splitByPoint keeps the dataset's order within each part).
struct Split {
  Dataset train, test;
};
// A seeded shuffle, then the first round(n·testRatio) points become the test set (at most n − 1:
// one point always trains). Same data and seed → the same split.
Split splitDataset(const Dataset& data, double testRatio, std::uint64_t seed);
// For data that grows (the user's own points): a point is a test point when a seeded hash of its
// inputs (murmur3's finaliser over their float32 bits) falls below testRatio, so adding or removing
// points never moves the others between the parts. With no point left to train, every point trains.
Split splitByPoint(const Dataset& data, double testRatio, std::uint64_t seed);

// The targets Y (outputs, n) a network with `outputs` units and this output activation learns:
// regression → the target; one output → the label as 1 vs 2·midpoint − 1 (0 for sigmoid, −1 for
// tanh); else one-hot.
Mat<double> encodeTargets(const Dataset& data, int outputs, const std::string& outputActivation);

// scikit-learn's StandardScaler (standardizer.hpp): x' = (x − mean) / scale per input, with mean
// and the population std (ddof 0) of the training set, and scale 1 for an input whose training
// values are all equal.
// Fit on the training part only (n ≥ 1, "data.x"), then apply the same one to every part.
Standardizer fitStandardizer(const Dataset& train);
// d with X standardised; s needs one finite mean and one positive scale per input of d
// ("standardizer.mean", "standardizer.scale"), and the results must fit in a float ("data.x").
Dataset standardize(Dataset d, const Standardizer& s);

}  // namespace nn
