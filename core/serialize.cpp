// serialize.cpp — JSON in and out with nlohmann::json; every read is checked and names its path.
#include "serialize.hpp"

#include <algorithm>
#include <cstdio>
#include <unordered_set>
#include <vector>
#include <limits>
#include <optional>
#include <nlohmann/json.hpp>

namespace nn {
namespace {

// Documents are read into nlohmann::json (keys in a std::map: O(log n) each; ordered_json finds a
// key by a linear search, so 100,000 keys took seconds) and written from ordered_json (fields in
// the format's order).
using json = nlohmann::json;
using ordered = nlohmann::ordered_json;
constexpr int kVersion = 2;  // the newest version this build reads and writes (serialize.hpp)

// --- reading helpers: each throws nn::Error("<path>: ...") -------------------------------------

const json& field(const json& obj, const char* key, const std::string& path) {
  if (!obj.is_object()) throw Error(path, "must be an object");
  const auto it = obj.find(key);
  if (it == obj.end()) throw Error((path.empty() ? "" : path + ".") + key, "is missing");
  return *it;
}
std::string path(const std::string& parent, const char* key) { return parent.empty() ? key : parent + "." + key; }

double number(const json& obj, const char* key, const std::string& parent) {
  const json& v = field(obj, key, parent);
  if (!v.is_number()) throw Error(path(parent, key), "must be a number");
  return v.get<double>();
}
// An integer from lo to hi (hi ≤ 2⁵³ − 1, so the limits hold in JavaScript too).
std::int64_t integer(const json& obj, const char* key, const std::string& parent,
                     std::int64_t lo = -2147483648LL, std::int64_t hi = 2147483647LL) {
  const json& v = field(obj, key, parent);
  const bool ok = v.is_number_unsigned() ? v.get<std::uint64_t>() <= std::uint64_t(hi) && hi >= 0 &&
                                               std::int64_t(v.get<std::uint64_t>()) >= lo
                : v.is_number_integer() ? v.get<std::int64_t>() >= lo && v.get<std::int64_t>() <= hi
                                        : false;
  if (!ok) throw Error(path(parent, key), "must be an integer from " + std::to_string(lo) + " to " + std::to_string(hi));
  return v.is_number_unsigned() ? std::int64_t(v.get<std::uint64_t>()) : v.get<std::int64_t>();
}
std::string text(const json& obj, const char* key, const std::string& parent) {
  const json& v = field(obj, key, parent);
  if (!v.is_string()) throw Error(path(parent, key), "must be a string");
  return v.get<std::string>();
}

// A numeric array of exactly `count` finite values representable in S.
template <typename S>
void readValues(const json& v, Eigen::Index count, S* out, const std::string& where) {
  if (!v.is_array()) throw Error(where, "must be an array of numbers");
  if (Eigen::Index(v.size()) != count)
    throw Error(where, "expected " + std::to_string(count) + " numbers (got " + std::to_string(v.size()) + ")");
  for (Eigen::Index i = 0; i < count; ++i) {
    const json& x = v[std::size_t(i)];
    if (!x.is_number()) throw Error(where + "[" + std::to_string(i) + "]", "must be a number");
    const double d = x.get<double>();
    if (!std::isfinite(d) || std::abs(d) > double(std::numeric_limits<S>::max()))
      throw Error(where + "[" + std::to_string(i) + "]", "must be a finite number");
    out[i] = S(d);
  }
}

// Per-layer lists (W row-major, b) ⇄ the flat parameter layout (W column-major, then b).
template <typename S>
ordered layersToJSON(const Network<S>& net, const Vec<S>& flat, const char* which) {
  ordered list = ordered::array();
  Eigen::Index offset = 0;
  for (int l = 0; l < net.layerCount(); ++l) {
    const Eigen::Index nW = Eigen::Index(net.units(l)) * net.fanIn(l);
    Eigen::Map<const Mat<S>> W(flat.data() + offset, net.units(l), net.fanIn(l));
    ordered values = ordered::array();
    if (std::string(which) == "weights") {
      for (int r = 0; r < W.rows(); ++r)
        for (int c = 0; c < W.cols(); ++c) values.push_back(double(W(r, c)));
    } else {
      for (int r = 0; r < net.units(l); ++r) values.push_back(double(flat[offset + nW + r]));
    }
    list.push_back(std::move(values));
    offset += nW + net.units(l);
  }
  return list;
}

// Reads per-layer lists into the flat layout for a (validated) spec, before any network exists:
// a document whose arrays do not fit is rejected without allocating the network it describes.
template <typename S>
void layersFromJSON(const NetworkSpec& spec, const json& weights, const json& biases, Vec<S>& flat,
                    const std::string& where) {
  const std::string wPath = path(where, "weights"), bPath = path(where, "biases");
  const int L = int(spec.layers.size());
  if (!weights.is_array() || int(weights.size()) != L)
    throw Error(wPath, "expected one array per layer (" + std::to_string(L) + ")");
  if (!biases.is_array() || int(biases.size()) != L)
    throw Error(bPath, "expected one array per layer (" + std::to_string(L) + ")");
  Eigen::Index total = 0;  // the spec's parameter count (validated: at most kMaxParameters)
  for (int l = 0, in = spec.inputs; l < L; in = spec.layers[std::size_t(l)].units, ++l)
    total += Eigen::Index(spec.layers[std::size_t(l)].units) * (in + 1);
  flat.resize(total);
  Eigen::Index offset = 0;
  for (int l = 0, in = spec.inputs; l < L; in = spec.layers[std::size_t(l)].units, ++l) {
    const int out = spec.layers[std::size_t(l)].units;
    Mat<S> rowMajor(in, out);  // Wᵀ column-major = W row-major
    readValues<S>(weights[std::size_t(l)], Eigen::Index(out) * in, rowMajor.data(),
                  wPath + "[" + std::to_string(l) + "]");
    Eigen::Map<Mat<S>>(flat.data() + offset, out, in) = rowMajor.transpose();
    offset += Eigen::Index(out) * in;
    readValues<S>(biases[std::size_t(l)], out, flat.data() + offset, bPath + "[" + std::to_string(l) + "]");
    offset += out;
  }
}

// Rejects keys that are not in `allowed`, so a typo ("learningrate") is never silently ignored.
void checkKeys(const json& obj, const std::vector<const char*>& allowed, const std::string& at) {
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    bool known = false;
    for (const char* k : allowed) known = known || it.key() == k;
    if (!known) {
      std::string list;
      for (const char* k : allowed) list += std::string(list.empty() ? "" : ", ") + k;
      throw Error(path(at, clip(it.key()).c_str()), "unknown field (expected " + list + ")");
    }
  }
}

// Reads an optimizer object under the path `op` into h: the fields given (strict, for saved
// documents: the type and every hyperparameter that type reads must be there; others may be).
void readOptimizer(const json& o, const std::string& op, bool strict, OptimizerSettings& h) {
  if (!o.is_object()) throw Error(op, "must be an object {type, learningRate, ...}");
  std::vector<const char*> keys{"type"};
  for (const auto& hp : hyperparameterTable()) keys.push_back(hp.name);
  checkKeys(o, keys, op);
  if (strict || o.contains("type")) h.type = text(o, "type", op);
  const auto& reads = findOptimizer<float>(h.type, path(op, "type")).hyperparameters();
  for (const auto& hp : hyperparameterTable()) {
    const bool needed = std::find(reads.begin(), reads.end(), &hp) != reads.end();
    if ((strict && needed) || o.contains(hp.name)) h.*hp.value = number(o, hp.name, op);
  }
}

// Reads a spec object under the path `at`. strict (saved documents): every field must be there.
// Otherwise (createNetwork) only `layers` is required and missing fields keep their defaults.
NetworkSpec readSpec(const json& s, const std::string& at, bool strict) {
  NetworkSpec spec;
  if (!s.is_object()) throw Error(at.empty() ? "spec" : at, "must be an object");
  checkKeys(s, {"inputs", "layers", "loss", "optimizer", "l1", "l2", "init", "seed"}, at);
  const auto has = [strict](const json& obj, const char* key) { return strict || obj.contains(key); };
  if (has(s, "inputs")) spec.inputs = int(integer(s, "inputs", at));
  const json& layers = field(s, "layers", at);
  if (!layers.is_array()) throw Error(path(at, "layers"), "must be an array of {units, activation}");
  for (std::size_t i = 0; i < layers.size(); ++i) {
    const std::string lp = path(at, "layers") + "[" + std::to_string(i) + "]";
    if (!layers[i].is_object()) throw Error(lp, "must be an object {units, activation}");
    checkKeys(layers[i], {"units", "activation"}, lp);
    LayerSpec layer;
    layer.units = int(integer(layers[i], "units", lp));
    if (has(layers[i], "activation")) layer.activation = text(layers[i], "activation", lp);
    spec.layers.push_back(layer);
  }
  if (has(s, "loss")) {
    spec.loss = text(s, "loss", at);
    if (spec.loss.empty()) throw Error(path(at, "loss"), "must name a loss (leave the field out for the output's default)");
  }
  if (has(s, "optimizer")) {
    const json& o = field(s, "optimizer", at);
    const std::string op = path(at, "optimizer");
    if (!strict && o.is_string()) spec.optimizer.type = o.get<std::string>();
    else readOptimizer(o, op, strict, spec.optimizer);
  }
  if (has(s, "l1")) spec.l1 = number(s, "l1", at);
  if (has(s, "l2")) spec.l2 = number(s, "l2", at);
  if (has(s, "init")) spec.init = text(s, "init", at);
  if (has(s, "seed")) {
    const json& seed = field(s, "seed", at);
    // 2⁵³ − 1 at most: every seed a JavaScript number holds exactly, so a saved spec reads back
    if (!seed.is_number_unsigned() || seed.get<std::uint64_t>() > std::uint64_t(kMaxSafeInteger))
      throw Error(path(at, "seed"), "must be an integer from 0 to 2^53 − 1");
    spec.seed = seed.get<std::uint64_t>();
  }
  return spec;
}

ordered specToJSONValue(const NetworkSpec& s) {
  ordered layers = ordered::array();
  for (const auto& l : s.layers) layers.push_back({{"units", l.units}, {"activation", l.activation}});
  ordered optimizer = {{"type", s.optimizer.type}};
  for (const Hyperparameter* hp : findOptimizer<float>(s.optimizer.type, "optimizer.type").hyperparameters())
    optimizer[hp->name] = s.optimizer.*hp->value;
  return {{"inputs", s.inputs}, {"layers", layers}, {"loss", s.loss}, {"optimizer", optimizer},
          {"l1", s.l1}, {"l2", s.l2}, {"init", s.init}, {"seed", s.seed}};
}

// The stated limits: the size before reading; while reading, the depth (checked as each object or
// array opens, before anything deeper is built: nlohmann's values nest by recursion, and a
// document 10,000 levels deep overflowed the stack) and keys given twice in one object (decoded,
// so "\u0069nputs" is "inputs"), which the parser would otherwise settle silently by keeping one.
json parse(const std::string& textIn) {
  if (textIn.size() > kMaxDocumentBytes)
    throw Error("json", "the document is " + std::to_string(textIn.size()) + " bytes; the limit is " +
                std::to_string(kMaxDocumentBytes >> 20) + " MiB");
  std::vector<std::unordered_set<std::string>> keys;  // per open container (arrays: empty)
  const json::parser_callback_t limits = [&keys](int depth, json::parse_event_t event, json& parsed) {
    switch (event) {
      case json::parse_event_t::object_start:
      case json::parse_event_t::array_start:
        if (depth >= kMaxDocumentDepth)
          throw Error("json", "nested deeper than " + std::to_string(kMaxDocumentDepth) + " levels");
        keys.emplace_back();
        break;
      case json::parse_event_t::object_end:
      case json::parse_event_t::array_end:
        keys.pop_back();
        break;
      case json::parse_event_t::key:
        if (!keys.back().insert(parsed.get<std::string>()).second)
          throw Error("json", "the key " + quote(parsed.get<std::string>()) + " appears twice in one object");
        break;
      case json::parse_event_t::value:
        break;
    }
    return true;
  };
  try {
    return json::parse(textIn, limits);
  } catch (const json::exception& e) {  // parse_error, and out_of_range for a number like 1e400
    throw Error("json", "not valid JSON (" + clip(e.what(), 200) + ")");
  }
}

std::string hex(std::uint64_t x) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(x));
  return buf;
}

}  // namespace

template <typename S>
std::string toJSON(const Network<S>& net) {
  ordered slots = ordered::array();
  for (const Vec<S>& slot : net.optimizerState())
    if (slot.size() > 0)
      slots.push_back({{"weights", layersToJSON(net, slot, "weights")}, {"biases", layersToJSON(net, slot, "biases")}});
  ordered rng = ordered::array();
  for (std::uint64_t w : net.shuffleRng().state()) rng.push_back(hex(w));
  // The lowest version that holds the network: 1 unless it has a standardizer (serialize.hpp).
  const Standardizer* standardizer = net.standardizer();
  ordered doc = {{"format", kFormat}, {"version", standardizer ? 2 : 1}, {"spec", specToJSONValue(net.spec())}};
  if (standardizer) {
    const auto values = [](const Vec<double>& v) { return std::vector<double>(v.data(), v.data() + v.size()); };
    doc["standardizer"] = {{"mean", values(standardizer->mean)}, {"scale", values(standardizer->scale)}};
  }
  doc["weights"] = layersToJSON(net, net.parameters(), "weights");
  doc["biases"] = layersToJSON(net, net.parameters(), "biases");
  doc["optimizerState"] = {{"step", net.optimizerSteps()}, {"slots", slots}};
  doc["rng"] = rng;
  std::string out = doc.dump();
  if (out.size() > kMaxDocumentBytes)  // what cannot be loaded is not saved
    throw Error("json", "the network's document would be " + std::to_string(out.size() >> 20) +
                " MiB; the limit is " + std::to_string(kMaxDocumentBytes >> 20) + " MiB");
  return out;
}

template <typename S>
Network<S> networkFromJSON(const std::string& textIn) {
  const json doc = parse(textIn);
  if (!doc.is_object()) throw Error("json", "the document must be an object");
  if (text(doc, "format", "") != kFormat) throw Error("format", std::string("expected \"") + kFormat + "\"");
  const std::int64_t version = integer(doc, "version", "");
  if (version < 1 || version > kVersion)
    throw Error("version", "this build reads versions 1 to " + std::to_string(kVersion) + " (got " +
                std::to_string(version) + ")");

  const NetworkSpec spec = [&] {  // validates the architecture and names; errors get the "spec." prefix
    try {
      NetworkSpec s = readSpec(field(doc, "spec", ""), "spec", true);
      validateSpec(s);
      return s;
    } catch (const Error& e) {
      const std::string& f = e.field();
      throw Error(f.rfind("spec", 0) == 0 ? f : f.empty() ? "spec" : "spec." + f, e.detail());
    }
  }();
  // Everything is read and checked against the spec before the network is built.
  Vec<S> params;
  layersFromJSON(spec, field(doc, "weights", ""), field(doc, "biases", ""), params, "");

  const json& st = field(doc, "optimizerState", "");
  const std::int64_t step = integer(st, "step", "optimizerState", 0, kMaxSteps);
  const json& slots = field(st, "slots", "optimizerState");
  const int expected = findOptimizer<S>(spec.optimizer.type, "spec.optimizer.type").stateSlots;
  if (!slots.is_array() || int(slots.size()) != expected)
    throw Error("optimizerState.slots", spec.optimizer.type + " keeps " + std::to_string(expected) +
                " state arrays");
  std::array<Vec<S>, 2> state;
  for (int k = 0; k < expected; ++k) {
    const std::string sp = "optimizerState.slots[" + std::to_string(k) + "]";
    layersFromJSON(spec, field(slots[std::size_t(k)], "weights", sp), field(slots[std::size_t(k)], "biases", sp),
                   state[std::size_t(k)], sp);
  }

  const json& rng = field(doc, "rng", "");
  std::array<std::uint64_t, 4> rngState{};
  if (!rng.is_array() || rng.size() != 4) throw Error("rng", "expected four hex words");
  for (std::size_t i = 0; i < 4; ++i) {
    const std::string w = rng[i].is_string() ? rng[i].get<std::string>() : "";
    if (w.size() != 16 || w.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos)
      throw Error("rng[" + std::to_string(i) + "]", "must be a 16-digit hex string");
    rngState[i] = std::stoull(w, nullptr, 16);
  }
  // Version 2 adds the standardizer, required there; in version 1 the field is not read (an
  // unknown top-level field, ignored as every version-1 reader ignores it).
  std::optional<Standardizer> standardizer;
  if (version >= 2) {
    const json& st = field(doc, "standardizer", "");
    if (!st.is_object()) throw Error("standardizer", "must be an object {mean, scale}");
    checkKeys(st, {"mean", "scale"}, "standardizer");
    Standardizer s{Vec<double>(spec.inputs), Vec<double>(spec.inputs)};
    readValues<double>(field(st, "mean", "standardizer"), spec.inputs, s.mean.data(), "standardizer.mean");
    readValues<double>(field(st, "scale", "standardizer"), spec.inputs, s.scale.data(), "standardizer.scale");
    checkStandardizer(s, spec.inputs, "the network");
    standardizer = std::move(s);
  }
  Network<S> net(spec);
  net.restore(params, state, step, rngState);
  if (standardizer) net.setStandardizer(std::move(*standardizer));
  return net;
}

NetworkSpec specFromJSON(const std::string& text) {
  NetworkSpec spec = readSpec(parse(text), "", false);
  validateSpec(spec);
  return spec;
}

std::string specToJSON(const NetworkSpec& spec) { return specToJSONValue(spec).dump(); }

OptimizerSettings optimizerFromJSON(const std::string& text, const OptimizerSettings& current) {
  const json o = parse(text);
  // Fields not given keep the current values; a new type without a learning rate gets its default.
  OptimizerSettings h = current;
  if (o.is_string()) h.type = o.get<std::string>();
  else readOptimizer(o, "optimizer", false, h);
  if (h.type != current.type && !(o.is_object() && o.contains("learningRate")))
    h.learningRate = std::numeric_limits<double>::quiet_NaN();
  validateOptimizer(h);
  return h;
}

template std::string toJSON<float>(const Network<float>&);
template std::string toJSON<double>(const Network<double>&);
template Network<float> networkFromJSON<float>(const std::string&);
template Network<double> networkFromJSON<double>(const std::string&);

}  // namespace nn
