// learning-rates.mjs — `npm run bench:lr`: the experiment behind the playground's default learning
// rate for each optimizer (suggestedLearningRate in core/optimizers.cpp's rows, which the page
// reads from the catalog). The core's defaults are PyTorch's (Adam
// 0.001, SGD 0.01), made for large networks; the playground trains small ones on 2-D toy data for a
// few seconds, where SGD at 0.01 looks broken. Each optimizer is tried at every rate of a grid on
// the page's own data and networks (web/js/run.js: the same points, split, features and targets),
// built from the page's defaults with two hidden activations (tanh, ReLU), on every dataset with
// its default classes, three seeds each, for EPOCHS epochs (about as many as the page trains in
// 2 s at its default speed). The score of a run is its test accuracy (classification) or
// 1 − test mse / variance of the targets (regression), 0 when the loss stops being a number.
// A rate's score is its mean over the runs; the recommended rate is the best one, unless a smaller
// rate scores within TOLERANCE of it (smaller rates are safer on other networks). Prints the
// Markdown of bench/learning-rates.md (npm run bench:lr writes it there); progress goes to stderr.
// Knobs: LR_EPOCHS (default 120), LR_SEEDS (default 3).
import { loadNN } from '../dist/lib/nn.mjs';
import { defaultConfig, optimizerParams } from '../web/js/config.js';
import { makeData, makeNetwork } from '../web/js/run.js';

const EPOCHS = Number(process.env.LR_EPOCHS ?? 120);
const SEEDS = Array.from({ length: Number(process.env.LR_SEEDS ?? 3) }, (_, i) => i + 1);
const RATES = [0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3];
const ACTIVATIONS = ['tanh', 'relu'];
const TOLERANCE = 0.005;

const nn = await loadNN();
const { catalog } = nn;

/** The page's configuration for a dataset, hidden activation, optimizer, rate and seed. */
function configFor(dataset, activation, optimizer, learningRate, seed) {
  const cfg = defaultConfig();
  const ds = catalog.datasets.find((d) => d.name === dataset);
  const kind = ds.regression ? 'regression' : ds.defaultClasses > 2 ? 'multiclass' : 'binary';
  Object.assign(cfg, catalog.problems[kind], { dataset, classes: ds.defaultClasses, seed, optimizer, learningRate });
  cfg.layers = cfg.layers.map((l) => ({ ...l, activation }));
  for (const p of optimizerParams(catalog, optimizer)) cfg[p.name] ??= p.default;
  return cfg;
}

/** One run as the page trains it (trainer.js: shuffled epochs of batchSize); its score in [0, 1]. */
function score(cfg) {
  const data = makeData(nn, cfg);
  const net = makeNetwork(nn, cfg);
  try {
    const { train, test } = data;
    for (let e = 0; e < EPOCHS; e++) {
      if (!Number.isFinite(net.trainEpoch(train.x, train.y, train.n, { batchSize: cfg.batchSize, shuffle: true }))) return 0;
    }
    const m = net.evaluate(test.x, test.y, test.n);
    if (!Number.isFinite(m.loss)) return 0;
    if (data.kind !== 'regression') return m.accuracy;
    const mean = test.targets.reduce((s, v) => s + v, 0) / test.n;
    const variance = test.targets.reduce((s, v) => s + (v - mean) ** 2, 0) / test.n;
    return Math.max(0, 1 - m.loss / variance);
  } finally {
    net.dispose();
  }
}

const rows = [];
for (const opt of catalog.optimizers) {
  const scores = RATES.map((rate) => {
    let sum = 0, count = 0, worst = 1;
    for (const ds of catalog.datasets) for (const act of ACTIVATIONS) for (const seed of SEEDS) {
      const s = score(configFor(ds.name, act, opt.name, rate, seed));
      sum += s; count++; worst = Math.min(worst, s);
    }
    return { rate, mean: sum / count, worst };
  });
  const best = Math.max(...scores.map((s) => s.mean));
  const pick = scores.find((s) => s.mean >= best - TOLERANCE);
  rows.push({ opt, scores, pick });
  console.error(`${opt.display}: ${scores.map((s) => `${s.rate} → ${s.mean.toFixed(3)}`).join(', ')}`);
}

console.log('<!-- bench/learning-rates.md — written by `npm run bench:lr` (bench/learning-rates.mjs): the experiment behind catalog.optimizers[i].suggestedLearningRate. -->\n');
console.log(`Mean score over ${catalog.datasets.length} datasets × ${ACTIVATIONS.length} hidden activations × ${SEEDS.length} seeds, ${EPOCHS} epochs (test accuracy, or 1 − mse/variance for regression):\n`);
console.log(`| optimizer | ${RATES.join(' | ')} | recommended |`);
console.log(`| --- |${RATES.map(() => ' ---: |').join('')} --- |`);
for (const { opt, scores, pick } of rows) {
  console.log(`| ${opt.display} | ${scores.map((s) => (s === pick ? `**${s.mean.toFixed(3)}**` : s.mean.toFixed(3))).join(' | ')} | ${pick.rate} |`);
}
