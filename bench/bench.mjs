// bench.mjs — `npm run bench`: issue 7's benchmark of our wasm module against plain JS, the same
// core natively, and TensorFlow.js (cpu and wasm backends), all in one run.
//
// Why it is built this way: the machine is small and noisy, so nothing is an absolute time. Every
// contender gets the same data, initial weights, hyperparameters and batch order (data.mjs), and
// every figure is a throughput (examples or points per second) whose median over RUNS rounds is
// compared as a ratio within this run. Rounds interleave the contenders (rotating their order) so
// load drift hits them all alike. Protocol:
//   1. accuracy run: each contender trains W1 and W2 for the workload's epoch count from the same
//      start; accuracies must agree (a fast wrong answer does not count). It doubles as the warm-up
//      and calibrates the timing runs. Plain JS's trained weights become "the trained networks"
//      every contender runs the grid through (W3), whose outputs must agree too.
//   2. RUNS timing rounds: per contender, the same training as the accuracy run (same epochs from
//      the same start: the cost of an epoch changes as training goes on, e.g. tanh saturates and
//      Adam's moments of dead ReLU units become subnormal floats, so every contender is timed over
//      the same window), repeated from scratch K times so a run lasts about TARGET_SECONDS (K = 1
//      for the slow ones); then the 200 × 200 grid in one batched predict, repeated likewise.
//      Every timing run's accuracy is checked too. Each grid task makes one untimed call first
//      (workspace allocation for 40,000 points), as the page predicts again and again.
// Writes bench/results.json and bench/results.md, prints the Markdown. Exits 0 when targets are
// missed (it is a report) and 1 when a contender fails or disagrees.
// Knobs: BENCH_RUNS (rounds, default 3, ≥ 3), BENCH_SECONDS (length of a timing run, default 0.4),
// BENCH_NATIVE_DIR (a native build dir, default build/native: the project's Release flags, i.e.
// baseline x86-64; configure another with -DCMAKE_CXX_FLAGS=-march=native to compare).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { accuracy, makeWorkloads } from './data.mjs';
import { PlainMLP } from './plain.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const LIB = join(ROOT, 'dist/lib/nn.mjs');
const WASM = join(ROOT, 'dist/lib/nn_wasm.wasm');
const NATIVE_DIR = resolve(ROOT, process.env.BENCH_NATIVE_DIR ?? 'build/native');
const NATIVE = join(NATIVE_DIR, 'nn_bench');
const RUNS = Math.max(3, Number(process.env.BENCH_RUNS ?? 3));
const TARGET_SECONDS = Number(process.env.BENCH_SECONDS ?? 0.4);
const ACCURACY_TOLERANCE = 0.02;  // max − min training accuracy across contenders (float vs float)
const OUTPUT_TOLERANCE = 1e-3;    // max |grid output − plain JS's| (probabilities)
const WASM_SIZE_LIMIT = 300 * 1024;

// The issue's targets: our wasm ÷ plain JS, ÷ tfjs-wasm, ÷ our native, in the same run.
const ROWS = [
  { id: 'w1', label: 'W1 train', unit: 'examples/s', targets: { plain: 5, 'tfjs-wasm': 300, native: 0.4 } },
  { id: 'w2', label: 'W2 train', unit: 'examples/s', targets: { plain: 12, 'tfjs-wasm': 20, native: 0.3 } },
  { id: 'g1', label: 'W3 W1-net', unit: 'points/s', targets: { plain: 10, 'tfjs-wasm': 5, native: 0.3 } },
  { id: 'g2', label: 'W3 W2-net', unit: 'points/s', targets: { plain: 15, 'tfjs-wasm': 1.0, native: 0.3 } },
];
const GRID_ROW = { w1: 'g1', w2: 'g2' };

// --- building what is missing (never a full rebuild) -----------------------------------------------

function run(cmd, args) {
  execFileSync(cmd, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
}
function ensureBuilt() {
  if (!existsSync(LIB)) {
    console.error('bench: dist/lib/nn.mjs is missing; running npm run build');
    run('npm', ['run', 'build']);
  }
  // Incremental: a no-op when nn_bench is up to date, so native never runs a stale core.
  if (!existsSync(join(NATIVE_DIR, 'CMakeCache.txt'))) {
    run('cmake', ['-S', '.', '-B', NATIVE_DIR, '-DCMAKE_BUILD_TYPE=Release']);
  }
  execFileSync('cmake', ['--build', NATIVE_DIR, '--target', 'nn_bench', '-j', '2'], { cwd: ROOT, stdio: 'pipe' });
}

// --- contenders --------------------------------------------------------------------------------------
// Each has run(tasks) → results, tasks being { kind: 'train', workload, epochs, repeats } (→ {
// seconds: total of the repeats' training, accuracy, loss: after the last }) or { kind: 'grid',
// workload, reps, output } (→ { seconds: [per call], output? }).

/** Mean data loss from predictions: bce over elements, cce over samples (logs clamped at −100). */
function lossOf(pred, w) {
  let total = 0;
  for (let i = 0; i < pred.length; i++) {
    const a = pred[i], t = w.y[i];
    if (w.outputs === 1) total -= t * Math.max(Math.log(a), -100) + (1 - t) * Math.max(Math.log(1 - a), -100);
    else if (t !== 0) total -= t * Math.max(Math.log(a), -100);
  }
  return total / w.data.n;
}

/** A contender running in this process through an adapter { create, train, predict, weights?, dispose }. */
function jsContender(id, label, adapter, before = async () => {}) {
  return {
    id, label,
    async run(tasks, workloads, grid, gridN) {
      await before();
      const results = [];
      for (const task of tasks) {
        const w = workloads[task.workload];
        if (task.kind === 'train') {
          let seconds = 0, net = null;
          for (let r = 0; r < (task.repeats ?? 1); r++) {  // each repeat from the same start
            if (net) adapter.dispose(net);
            net = adapter.create(w, w.weights, w.biases);
            const t0 = performance.now();
            adapter.train(net, w, task.epochs);
            seconds += (performance.now() - t0) / 1000;
          }
          const pred = adapter.predict(net, w.data.x, w.data.n);
          results.push({ seconds, accuracy: accuracy(pred, w.data, w.outputs), loss: lossOf(pred, w),
            trained: task.keepWeights && adapter.weights ? adapter.weights(net) : undefined });
          adapter.dispose(net);
        } else {
          const net = adapter.create(w, w.trained.weights, w.trained.biases);
          const seconds = [];
          let out = adapter.predict(net, grid, gridN);  // untimed: first-call allocations, JIT
          for (let r = 0; r < task.reps; r++) {
            const t0 = performance.now();
            out = adapter.predict(net, grid, gridN);
            seconds.push((performance.now() - t0) / 1000);
          }
          results.push({ seconds, output: task.output ? out : undefined });
          adapter.dispose(net);
        }
      }
      return results;
    },
  };
}

function plainContender() {
  return jsContender('plain', 'plain JS', {
    create: (w, W, b) => new PlainMLP(w.spec, W, b),
    train: (net, w, epochs) => { for (let e = 0; e < epochs; e++) net.trainEpoch(w.data.x, w.y, w.data.n, w.batchSize); },
    predict: (net, x, n) => net.predict(x, n),
    weights: (net) => ({ weights: net.weights(), biases: net.biases() }),
    dispose: () => {},
  });
}

async function oursContender() {
  const { loadNN } = await import(pathToFileURL(LIB).href);
  const nn = await loadNN();
  return jsContender('wasm', 'ours (wasm)', {
    create: (w, W, b) => {
      const net = nn.createNetwork({ ...w.spec, seed: 1 });
      W.forEach((Wl, l) => { net.setWeights(l, Wl); net.setBiases(l, b[l]); });
      return net;
    },
    train: (net, w, epochs) => {
      const options = { batchSize: w.batchSize, shuffle: false };
      for (let e = 0; e < epochs; e++) net.trainEpoch(w.data.x, w.y, w.data.n, options);
    },
    predict: (net, x, n) => net.predict(x, n),
    dispose: (net) => net.dispose(),
  });
}

async function tfjsContenders() {
  const { TfjsMLP, useBackend, liveTensors } = await import('./tfjs.mjs');
  const adapter = {
    create: (w, W, b) => new TfjsMLP(w.spec, W, b),
    train: (net, w, epochs) => net.train(w.data.x, w.y, w.data.n, w.batchSize, epochs),
    predict: (net, x, n) => net.predict(x, n),
    dispose: (net) => net.dispose(),
  };
  const descriptions = {};
  const make = (backend) => jsContender(`tfjs-${backend}`, `tfjs ${backend}`, adapter, async () => {
    descriptions[backend] = await useBackend(backend);
  });
  return { contenders: [make('cpu'), make('wasm')], descriptions, liveTensors };
}

/** The native core in its own process, one call per batch of tasks (see native_bench.cpp). */
function nativeContender(dataPath, tmp) {
  let calls = 0;
  return {
    id: 'native', label: 'ours (native)',
    async run(tasks) {
      const taskPath = join(tmp, `tasks-${calls++}.json`);
      writeFileSync(taskPath, JSON.stringify(tasks));
      const out = execFileSync(NATIVE, [dataPath, taskPath], { maxBuffer: 1 << 28 }).toString();
      return JSON.parse(out).map((r) => (r.output ? { ...r, output: Float32Array.from(r.output) } : r));
    },
  };
}

/** What native_bench reads: every workload's spec, data, initial and trained weights, the grid. */
function writeNativeData(path, workloads, grid, gridN) {
  const arr = (a) => Array.from(a);
  const doc = { grid: arr(grid), gridN, workloads: {} };
  for (const w of Object.values(workloads)) {
    doc.workloads[w.id] = {
      spec: w.spec, batchSize: w.batchSize, n: w.data.n, x: arr(w.data.x), y: arr(w.y),
      weights: w.weights.map(arr), biases: w.biases.map(arr),
      trained: { weights: w.trained.weights.map(arr), biases: w.trained.biases.map(arr) },
    };
  }
  writeFileSync(path, JSON.stringify(doc));
}

// --- statistics and report ---------------------------------------------------------------------------

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const sum = (xs) => xs.reduce((a, b) => a + b, 0);

function rate(x) {
  if (!Number.isFinite(x)) return '—';
  if (x >= 1e6) return `${(x / 1e6).toFixed(2)} M`;
  if (x >= 1e3) return `${(x / 1e3).toFixed(1)} k`;
  return x.toFixed(0);
}
const ratioText = (r) => (r >= 100 ? r.toFixed(0) : r >= 10 ? r.toFixed(1) : r.toFixed(2));

function machine() {
  const cpuinfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
  const model = /model name\s*:\s*(.*)/.exec(cpuinfo)?.[1] ?? cpus()[0]?.model ?? 'unknown';
  let compiler = 'unknown';
  try {
    const cache = readFileSync(join(NATIVE_DIR, 'CMakeCache.txt'), 'utf8');
    const cxx = /CMAKE_CXX_COMPILER:(?:FILEPATH|STRING)=(.*)/.exec(cache)?.[1];
    const flags = [/CMAKE_CXX_FLAGS:STRING=(.*)/, /CMAKE_CXX_FLAGS_RELEASE:STRING=(.*)/]
      .map((re) => re.exec(cache)?.[1] ?? '').join(' ').trim();
    if (cxx) compiler = `${execFileSync(cxx, ['--version']).toString().split('\n')[0]} ${flags}`.trim();
  } catch { /* the report says unknown */ }
  let commit = 'unknown';
  try {  // what was measured: the commit, and whether the engine's sources differ from it
    const git = (...a) => execFileSync('git', a, { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    const dirty = git('status', '--porcelain', '--', 'core', 'wasm', 'CMakeLists.txt');
    commit = `${git('rev-parse', '--short', 'HEAD')}${dirty ? ' + uncommitted changes in core/wasm' : ''}`;
  } catch { /* not a git checkout */ }
  return { cpu: model, cores: cpus().length, node: process.version, nativeCompiler: compiler, commit };
}

function markdown(report) {
  const c = report.contenders;
  const order = ['plain', 'wasm', 'native', 'tfjs-cpu', 'tfjs-wasm'];
  const lines = [];
  lines.push(`| workload | ${order.map((id) => c[id].label).join(' | ')} | ours ÷ plain JS | ours ÷ tfjs-wasm | ours ÷ native |`);
  lines.push(`| --- | ${order.map(() => '---:').join(' | ')} | ---: | ---: | ---: |`);
  for (const row of ROWS) {
    const r = report.ratios[row.id];
    const cell = (k) => `${Number.isFinite(r[k].ratio) ? ratioText(r[k].ratio) : '—'} ${r[k].pass ? '✓' : '✗'} (≥ ${r[k].target})`;
    lines.push(`| ${row.label} (${row.unit}) | ${order.map((id) => rate(c[id].throughput[row.id].median)).join(' | ')} | ` +
      `${cell('plain')} | ${cell('tfjs-wasm')} | ${cell('native')} |`);
  }
  lines.push('');
  lines.push('| accuracy after the same epochs | ' + order.map((id) => c[id].label).join(' | ') + ' |');
  lines.push(`| --- | ${order.map(() => '---:').join(' | ')} |`);
  for (const w of ['w1', 'w2']) {
    const a = report.workloads[w];
    lines.push(`| ${a.title} (${a.epochs} epochs) | ` +
      order.map((id) => {
        const r = c[id].accuracy[w];
        return r ? `${(100 * r.accuracy).toFixed(1)} % (loss ${r.loss.toFixed(4)})` : '—';
      }).join(' | ') + ' |');
  }
  lines.push(`| W3 max \\|Δ output\\| vs plain JS | ` +
    order.map((id) => {
      const d = Math.max(c[id].gridDiff.w1 ?? NaN, c[id].gridDiff.w2 ?? NaN);
      return Number.isFinite(d) ? d.toExponential(1) : '—';
    }).join(' | ') + ' |');
  lines.push('');
  const chk = report.checks;
  lines.push(`accuracy agreement: ${chk.ok ? 'ok' : 'FAILED'} (spread ≤ ${100 * ACCURACY_TOLERANCE} points: ` +
    `W1 ${(100 * chk.spread.w1).toFixed(1)}, W2 ${(100 * chk.spread.w2).toFixed(1)}, every run; grid outputs within ${OUTPUT_TOLERANCE})` +
    (chk.problems.length ? ` — ${chk.problems.join('; ')}` : ''));
  lines.push('');
  const s = report.wasmSize;
  lines.push(`wasm: dist/lib/nn_wasm.wasm ${(s.bytes / 1024).toFixed(1)} KB, gzip ${(s.gzip / 1024).toFixed(1)} KB ` +
    `(target ≤ 300 KB uncompressed ${s.bytes <= WASM_SIZE_LIMIT ? '✓' : '✗'})`);
  const m = report.machine;
  lines.push(`machine: ${m.cpu}, ${m.cores} cores, Node ${m.node}; native: ${m.nativeCompiler}; ` +
    `load average ${report.loadBefore.toFixed(2)} → ${report.loadAfter.toFixed(2)}; engine: ${m.commit}; ${report.date}`);
  lines.push(`tfjs: ${report.tfjs.cpu}; ${report.tfjs.wasm}`);
  lines.push(`protocol: median of ${RUNS} interleaved runs; a training run = the accuracy run's epochs (W1 ` +
    `${report.workloads.w1.epochs}, W2 ${report.workloads.w2.epochs}) from the same start, repeated to last ≈ ${TARGET_SECONDS} s ` +
    `(repeats W1/W2: ${order.map((id) => `${c[id].label} ${c[id].trainRepeats.w1 ?? '—'}/${c[id].trainRepeats.w2 ?? '—'}`).join(', ')}); ` +
    `W3 = one batched predict of 200 × 200 points through plain JS's trained networks, repeated likewise.`);
  return lines.join('\n');
}

// --- main ------------------------------------------------------------------------------------------------

async function main() {
  ensureBuilt();
  const loadBefore = loadavg()[0];
  const { w1, w2, grid, gridN } = makeWorkloads();
  const workloads = { w1, w2 };
  const tmp = mkdtempSync(join(tmpdir(), 'nn-bench-'));
  const dataPath = join(tmp, 'data.json');
  const tf = await tfjsContenders();
  const contenders = [plainContender(), await oursContender(), nativeContender(dataPath, tmp), ...tf.contenders];
  const stats = Object.fromEntries(contenders.map((c) => [c.id, {
    label: c.label, accuracy: {}, trainRepeats: {}, gridReps: {}, gridDiff: {}, runAccuracies: { w1: [], w2: [] },
    runs: Object.fromEntries(ROWS.map((r) => [r.id, []])),
  }]));
  const problems = [];
  const failed = (c, e) => { problems.push(`${c.label} failed: ${e.message ?? e}`); console.error(`bench: ${c.label}:`, e); };

  // 1. Accuracy runs (plain JS first: its trained weights are the W3 networks), then one grid
  //    call each to check the outputs and calibrate the repetitions.
  const trainAll = ['w1', 'w2'].map((w) => ({ kind: 'train', workload: w, epochs: workloads[w].epochs, keepWeights: true }));
  for (const c of contenders) {
    console.error(`bench: accuracy run: ${c.label}`);
    try {
      const results = await c.run(trainAll, workloads, grid, gridN);
      results.forEach((r, i) => {
        const w = workloads[trainAll[i].workload];
        stats[c.id].accuracy[w.id] = { accuracy: r.accuracy, loss: r.loss, epochs: w.epochs, seconds: r.seconds };
        stats[c.id].trainRepeats[w.id] = Math.max(1, Math.ceil(TARGET_SECONDS / r.seconds));
        if (c.id === 'plain') w.trained = r.trained;
      });
      if (c.id === 'plain') writeNativeData(dataPath, workloads, grid, gridN);
    } catch (e) { failed(c, e); }
  }
  const reference = {};
  for (const c of contenders) {
    if (problems.length) break;
    try {
      const results = await c.run(['w1', 'w2'].map((w) => ({ kind: 'grid', workload: w, reps: 2, output: true })), workloads, grid, gridN);
      results.forEach((r, i) => {
        const w = ['w1', 'w2'][i];
        reference[w] ??= r.output;
        let diff = 0;
        for (let k = 0; k < r.output.length; k++) diff = Math.max(diff, Math.abs(r.output[k] - reference[w][k]));
        if (!(r.output.length === reference[w].length && diff <= OUTPUT_TOLERANCE)) {
          problems.push(`${c.label}: W3 ${w}-net outputs differ from plain JS by ${diff}`);
        }
        stats[c.id].gridDiff[w] = diff;
        stats[c.id].gridReps[w] = Math.max(2, Math.ceil(TARGET_SECONDS / Math.min(...r.seconds)));
      });
    } catch (e) { failed(c, e); }
  }

  // 2. Timing rounds, contenders interleaved, starting one later each round.
  for (let round = 0; round < RUNS && !problems.length; round++) {
    console.error(`bench: timing round ${round + 1} of ${RUNS}`);
    for (let k = 0; k < contenders.length; k++) {
      const c = contenders[(round + k) % contenders.length];
      const s = stats[c.id];
      const tasks = [
        ...['w1', 'w2'].map((w) => ({ kind: 'train', workload: w, epochs: workloads[w].epochs, repeats: s.trainRepeats[w] })),
        ...['w1', 'w2'].map((w) => ({ kind: 'grid', workload: w, reps: s.gridReps[w], output: false })),
      ];
      try {
        const results = await c.run(tasks, workloads, grid, gridN);
        tasks.forEach((t, i) => {
          const w = workloads[t.workload];
          if (t.kind === 'train') {
            s.runs[w.id].push((w.data.n * t.epochs * t.repeats) / results[i].seconds);
            s.runAccuracies[w.id].push(results[i].accuracy);
          }
          else s.runs[GRID_ROW[w.id]].push((gridN * t.reps) / sum(results[i].seconds));
        });
      } catch (e) { failed(c, e); }
    }
  }
  const loadAfter = loadavg()[0];
  rmSync(tmp, { recursive: true, force: true });
  if (tf.liveTensors() > 0) problems.push(`tfjs: ${tf.liveTensors()} tensors leaked`);

  // Checks and ratios.
  const spread = {};
  for (const w of ['w1', 'w2']) {
    const accs = contenders.flatMap((c) => [stats[c.id].accuracy[w]?.accuracy ?? NaN, ...stats[c.id].runAccuracies[w]]);
    spread[w] = Math.max(...accs) - Math.min(...accs);
    if (!(spread[w] <= ACCURACY_TOLERANCE)) {
      problems.push(`${w} accuracies disagree: ${contenders.map((c) => `${c.label} ${[stats[c.id].accuracy[w]?.accuracy, ...stats[c.id].runAccuracies[w]].join('/')}`).join(', ')}`);
    }
  }
  for (const s of Object.values(stats)) {
    s.throughput = Object.fromEntries(ROWS.map((row) => [row.id, {
      median: s.runs[row.id].length ? median(s.runs[row.id]) : NaN, runs: s.runs[row.id],
    }]));
  }
  const ratios = {};
  for (const row of ROWS) {
    ratios[row.id] = {};
    for (const [key, target] of Object.entries(row.targets)) {
      const ratio = stats.wasm.throughput[row.id].median / stats[key].throughput[row.id].median;
      // Also paired by round (both measured in the same round): how much the ratio itself moves.
      const perRound = stats.wasm.runs[row.id].map((x, i) => x / stats[key].runs[row.id][i]);
      ratios[row.id][key] = { ratio, target, pass: ratio >= target, perRound };
    }
  }
  const wasmBytes = readFileSync(WASM);
  const report = {
    date: new Date().toISOString(),
    machine: machine(), loadBefore, loadAfter,
    settings: { runs: RUNS, targetSeconds: TARGET_SECONDS, accuracyTolerance: ACCURACY_TOLERANCE, outputTolerance: OUTPUT_TOLERANCE },
    tfjs: tf.descriptions,
    workloads: Object.fromEntries(Object.values(workloads).map((w) => [w.id, {
      title: w.title, spec: w.spec, n: w.data.n, classes: w.data.classes, batchSize: w.batchSize, epochs: w.epochs,
    }])),
    wasmSize: { bytes: wasmBytes.length, gzip: gzipSync(wasmBytes, { level: 9 }).length, limit: WASM_SIZE_LIMIT },
    contenders: stats,
    ratios,
    checks: { ok: problems.length === 0, spread, problems },
  };
  const md = markdown(report);
  writeFileSync(new URL('./results.json', import.meta.url), `${JSON.stringify(report, null, 1)}\n`);
  writeFileSync(new URL('./results.md', import.meta.url), `${md}\n`);
  console.log(md);
  return problems.length ? 1 : 0;
}

main().then((code) => { process.exitCode = code; }, (e) => { console.error(e); process.exitCode = 1; });
