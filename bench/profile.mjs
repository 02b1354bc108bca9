// profile.mjs — where our wasm contender spends its time on W1 and W2 (issue 7's profiling part).
//
//   node bench/profile.mjs [w1|w2] [--lib path/to/nn.mjs] [--cpu-prof]
//
// Why two views: a timing breakdown through the public API separates the JS facade's per-call
// cost (argument checks, malloc + copy into the heap, free, Embind dispatch) from the core's work,
// and a V8 CPU profile (--cpu-prof, self time per function) shows which core functions the time
// goes to. Function names need a wasm with a name section: build one beside the real build with
//   emcmake cmake -S . -B build/wasm-profile -DCMAKE_EXE_LINKER_FLAGS=--profiling-funcs &&
//   cmake --build build/wasm-profile --target nn_wasm && cp wasm/*.mjs build/wasm-profile/
// and pass --lib build/wasm-profile/nn.mjs (the default is dist/lib/nn.mjs, whose names are stripped).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { makeWorkloads } from './data.mjs';

const args = process.argv.slice(2);
const which = args.find((a) => a === 'w1' || a === 'w2') ?? 'w1';
const libArg = args.includes('--lib') ? args[args.indexOf('--lib') + 1] : null;
const lib = libArg ? pathToFileURL(resolve(libArg)).href : new URL('../dist/lib/nn.mjs', import.meta.url).href;

// --- the CPU profile: this script again under --cpu-prof, then self time per function ---------------
if (args.includes('--cpu-prof')) {
  const dir = mkdtempSync(join(tmpdir(), 'nn-prof-'));
  const self = fileURLToPath(import.meta.url);
  execFileSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${dir}`, self, which, '--child', ...(libArg ? ['--lib', libArg] : [])],
    { stdio: 'inherit' });
  const profile = JSON.parse(readFileSync(join(dir, readdirSync(dir)[0]), 'utf8'));
  rmSync(dir, { recursive: true, force: true });
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfTime = new Map();
  profile.samples.forEach((id, i) => {
    const f = byId.get(id).callFrame;
    const name = f.functionName || `(anonymous ${f.url.split('/').at(-1)}:${f.lineNumber})`;
    selfTime.set(name, (selfTime.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const total = [...selfTime.values()].reduce((a, b) => a + b, 0);
  console.log(`\nself time, ${which}, ${(total / 1e6).toFixed(2)} s sampled (top 25):`);
  for (const [name, t] of [...selfTime].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
    console.log(`${(100 * t / total).toFixed(1).padStart(5)} %  ${name.slice(0, 110)}`);
  }
  process.exit(0);
}

// --- timing breakdown --------------------------------------------------------------------------------
const { loadNN } = await import(lib);
const nn = await loadNN();
const w = makeWorkloads()[which];
const n = w.data.n, nIn = w.spec.inputs, nOut = w.outputs;
const fresh = () => {
  const net = nn.createNetwork({ ...w.spec, seed: 1 });
  w.weights.forEach((W, l) => { net.setWeights(l, W); net.setBiases(l, w.biases[l]); });
  return net;
};
/** Seconds per repetition of f: the median of 5 slices of `seconds` in all, after a warm-up. */
function time(f, seconds = 1) {
  const until = performance.now() + 300;
  while (performance.now() < until) f();
  const slices = [];
  for (let s = 0; s < 5; s++) {
    let reps = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < (seconds * 1000) / 5) { f(); reps++; }
    slices.push((performance.now() - t0) / 1000 / reps);
  }
  return slices.sort((a, b) => a - b)[2];
}
/** Adam's moment estimates that are subnormal floats (0 < |m| < 2⁻¹²⁶), read from toJSON. */
function subnormalMoments(net) {
  const slots = net.toJSON().optimizerState?.slots ?? [];
  return slots.map((slot) => [slot.weights, slot.biases].flat(2).filter((v) => v !== 0 && Math.abs(v) < 2 ** -126).length);
}

const batches = [];
for (let s = 0; s < n; s += w.batchSize) {
  const m = Math.min(w.batchSize, n - s);
  batches.push([w.data.x.subarray(s * nIn, (s + m) * nIn), w.y.subarray(s * nOut, (s + m) * nOut), m]);
}
const steps = batches.length;

if (args.includes('--child')) {  // under --cpu-prof: only the training loop, for a few seconds
  const net = fresh();
  time(() => net.trainEpoch(w.data.x, w.y, n, { batchSize: w.batchSize, shuffle: false }), 4);
  process.exit(0);
}

const net = fresh();
const epoch = time(() => net.trainEpoch(w.data.x, w.y, n, { batchSize: w.batchSize, shuffle: false }));
const perBatch = time(() => { for (const [x, y, m] of batches) net.trainBatch(x, y, m); });
const shuffled = time(() => net.trainEpoch(w.data.x, w.y, n, { batchSize: w.batchSize, shuffle: true }));
const point = new Float32Array(nIn);
const tinyPredict = time(() => net.predict(point, 1), 0.5);
const one = batches[0];
const batchPredict = time(() => net.predict(one[0], one[2]), 0.5);
const evaluate = time(() => net.evaluate(w.data.x, w.y, n), 0.5);

const us = (s) => `${(s * 1e6).toFixed(2)} µs`;
console.log(`${w.title}: ${n} examples, batch ${w.batchSize} → ${steps} steps per epoch (${lib.split('/').slice(-2).join('/')})`);
console.log(`  trainEpoch (one call, contiguous batches)   ${us(epoch / steps)} per step, ${(n / epoch / 1e6).toFixed(2)} M examples/s`);
console.log(`  trainEpoch with shuffle: true (gather)      ${us(shuffled / steps)} per step (+${us((shuffled - epoch) / steps)})`);
console.log(`  trainBatch × ${steps} (one call per batch)       ${us(perBatch / steps)} per step (+${us((perBatch - epoch) / steps)} facade per call)`);
console.log(`  predict of 1 point (pure per-call cost)     ${us(tinyPredict)}`);
console.log(`  predict of one batch (forward only)         ${us(batchPredict)}`);
console.log(`  evaluate of the whole set (forward + loss)  ${us(evaluate)} (${us(evaluate / steps)} per batch's worth)`);
net.dispose();

// The cost of an epoch along the bench's training window (epochs 1..E from the same start).
const along = fresh();
const params = along.toJSON().weights.flat(2).length + along.toJSON().biases.flat(2).length;
const perEpoch = [];
for (let e = 1; e <= w.epochs; e++) {
  const t0 = performance.now();
  along.trainEpoch(w.data.x, w.y, n, { batchSize: w.batchSize, shuffle: false });
  perEpoch.push(performance.now() - t0);
  const mark = [1, 2, 5, 10, 20, 50, 100, 200, 500].includes(e) || e === w.epochs;
  if (mark) {
    const recent = perEpoch.slice(-Math.min(5, e)).sort((a, b) => a - b);
    const sub = w.spec.optimizer.type === 'adam' ? `, subnormal Adam moments m/v: ${subnormalMoments(along).join('/')} of ${params}` : '';
    console.log(`  epoch ${String(e).padStart(3)}: ${(1000 * recent[recent.length >> 1] / steps).toFixed(2)} µs per step${sub}`);
  }
}
along.dispose();
