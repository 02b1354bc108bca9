// package-api.test.mjs — the package's behaviours from issue 12, used as an embedder uses them:
// JSON.stringify(net) is the saved document and net.toJSON() a fresh object; loadNetwork takes the
// text or the object; every error is the exported NNError; the catalog is deeply frozen; networks
// never disposed are freed by the FinalizationRegistry (child processes with --expose-gc); loadNN
// finds the .wasm from a URL, a file: URL, a path (relative ones against the current directory),
// http://, or bytes, and names the URL when it cannot; the CommonJS entry works through require().
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { nn, loadNN, LIB } from './load.mjs';

const { NNError } = await import(LIB.href);
const WASM = new URL('./nn_wasm.wasm', LIB);
const WASM_PATH = fileURLToPath(WASM);
const run = promisify(execFile);

const spec = { layers: [{ units: 5, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }], optimizer: 'adam', seed: 9 };
const xor = nn.makeDataset('xor', { n: 40, seed: 3 });
const yXor = nn.encodeTargets(xor, 1, 'sigmoid');
const trained = () => {
  const net = nn.createNetwork(spec);
  net.trainEpoch(xor.x, yXor, xor.n, { batchSize: 8 });
  return net;
};

/** The rejection or throw of f, which must be an NNError (the exported class) with this field. */
async function nnError(f, field) {
  let error = null;
  try { await f(); } catch (e) { error = e; }
  assert.ok(error instanceof NNError, `expected an NNError for ${field}, got ${error === null ? 'no error' : `${error?.name}: ${error?.message}`}`);
  assert.ok(error instanceof Error);
  assert.equal(error.name, 'NNError');
  assert.equal(error.field, field, error.message);
  assert.ok(error.message.startsWith(`${field}: `), error.message);
  return error;
}

/** Runs an ES module's text in a child Node (flags, cwd); returns what it printed as JSON. */
async function child(code, { flags = [], cwd } = {}) {
  const { stdout } = await run(process.execPath, [...flags, '--input-type=module', '-e', code], { cwd, encoding: 'utf8' });
  return JSON.parse(stdout);
}

// --- the saved document ------------------------------------------------------------------------

test('JSON.stringify(net) is the saved document; net.toJSON() is a fresh object each time', () => {
  const net = trained();
  const text = JSON.stringify(net);
  const doc = net.toJSON();
  assert.equal(typeof text, 'string');
  assert.deepEqual(JSON.parse(text), doc);
  assert.equal(doc.format, 'nn-by-hand/network');
  assert.equal(doc.version, 1);
  assert.deepEqual(doc.spec, net.spec);
  assert.notEqual(net.toJSON(), doc, 'a new object per call');
  doc.weights[0][0] = 123;  // the caller owns it: neither the network nor the next document changes
  doc.spec.layers.pop();
  assert.equal(JSON.stringify(net), text);
  assert.deepEqual(net.getWeights(0)[0], JSON.parse(text).weights[0][0]);
  // inside a larger object, the network is written as its document
  assert.deepEqual(JSON.parse(JSON.stringify({ saved: [net] })).saved[0], JSON.parse(text));
  net.dispose();
});

test('loadNetwork takes the text or the object and loads the same network', () => {
  const net = trained();
  const text = JSON.stringify(net);
  const fromText = nn.loadNetwork(text);
  const fromObject = nn.loadNetwork(net.toJSON());
  const fromParsed = nn.loadNetwork(JSON.parse(text));
  for (const copy of [fromText, fromObject, fromParsed]) {
    assert.equal(JSON.stringify(copy), text);
    assert.deepEqual(copy.predict(xor.x, xor.n), net.predict(xor.x, xor.n));
  }
  // the same training afterwards, to the bit (optimizer state, steps and shuffle state were saved)
  net.trainEpoch(xor.x, yXor, xor.n);
  fromObject.trainEpoch(xor.x, yXor, xor.n);
  assert.equal(JSON.stringify(fromObject), JSON.stringify(net));
  // a Network is itself an object whose JSON is its document
  const twin = nn.loadNetwork(net);
  assert.equal(JSON.stringify(twin), JSON.stringify(net));
  [net, fromText, fromObject, fromParsed, twin].forEach((n) => n.dispose());
});

test('loadNetwork rejects anything but a document, as text or object, with field json', async () => {
  const cyclic = {};
  cyclic.self = cyclic;
  for (const bad of [undefined, null, 42, true, 10n, Symbol('doc'), () => '{}', ['{}'], [], cyclic, { toJSON() {} }]) {
    await nnError(() => nn.loadNetwork(bad), 'json');
  }
  await nnError(() => nn.loadNetwork('{oops'), 'json');
  await nnError(() => nn.loadNetwork(''), 'json');
  // an object that is not a saved network: the reader names what is wrong in it
  await nnError(() => nn.loadNetwork({}), 'format');
  await nnError(() => nn.loadNetwork({ format: 'nn-by-hand/network' }), 'version');
});

// --- errors ------------------------------------------------------------------------------------

test('every error is an NNError: exported, an Error, named NNError, with its field', async () => {
  assert.equal(typeof NNError, 'function');
  assert.ok(NNError.prototype instanceof Error);
  const made = new NNError('x', 'x: made by hand');
  assert.equal(made.name, 'NNError');
  assert.equal(made.field, 'x');
  assert.equal(made.message, 'x: made by hand');
  assert.ok(made.stack.includes('NNError'));
  assert.equal(Object.prototype.toString.call(made), '[object Error]');
  const net = nn.createNetwork(spec);
  const cases = [
    [() => nn.createNetwork({ layers: [{ units: 0 }] }), 'layers[0].units'],  // the core's error
    [() => nn.createNetwork(null), 'spec'],                                   // the facade's check
    [() => net.predict(new Float32Array([NaN, 0]), 1), 'x'],
    [() => net.setOptimizer({ type: 'lbfgs' }), 'optimizer.type'],
    [() => nn.makeDataset('nowhere'), 'name'],
    [() => nn.loadNetwork(JSON.stringify({ ...net.toJSON(), version: 99 })), 'version'],
    [() => loadNN('fast'), 'options'],
  ];
  for (const [f, field] of cases) {
    const e = await nnError(f, field);
    assert.match(String(e), new RegExp(`^NNError: ${field.replace(/[.[\]]/g, '\\$&')}: `));
  }
  net.dispose();
  await nnError(() => net.predict(xor.x, xor.n), 'network');
  // errors without one field to blame carry '' (out of memory, here)
  const wide = nn.createNetwork({ layers: [{ units: 2048, activation: 'relu' }, { units: 2048, activation: 'relu' }, { units: 1 }] });
  let oom = null;
  try { wide.predict(new Float32Array(2 * 100_000), 100_000); } catch (e) { oom = e; }
  assert.ok(oom instanceof NNError && oom.field === '' && /^out of memory/.test(oom.message), String(oom));
  wide.dispose();
});

// --- the catalog -------------------------------------------------------------------------------

test('the catalog and its name arrays are deeply frozen: a change throws and nothing changes', () => {
  'use strict';  // (modules are strict already: assignments to frozen properties throw)
  const before = JSON.stringify({ catalog: nn.catalog, names: [nn.activations, nn.losses, nn.optimizers, nn.initializers, nn.datasets] });
  const unfrozen = [];
  const walk = (v, path) => {
    if (typeof v !== 'object' || v === null) return;
    if (!Object.isFrozen(v)) unfrozen.push(path);
    for (const [k, child] of Object.entries(v)) walk(child, `${path}.${k}`);
  };
  walk(nn.catalog, 'catalog');
  for (const table of ['activations', 'losses', 'optimizers', 'initializers', 'datasets']) walk(nn[table], table);
  assert.deepEqual(unfrozen, []);
  assert.ok(Object.isFrozen(nn), 'the module object itself');
  const attempts = [
    () => { nn.catalog.activations[0].name = 'swish'; },
    () => { nn.catalog.activations.push({ name: 'swish' }); },
    () => { nn.catalog.optimizers[0].hyperparameters[0].default = 1; },
    () => { nn.catalog.limits.maxUnits = 1e9; },
    () => { delete nn.catalog.limits.maxDocumentBytes; },
    () => { nn.catalog.problems.binary.loss = 'mse'; },
    () => { nn.catalog.extra = 1; },
    () => { nn.activations[0] = 'swish'; },
    () => { nn.activations.push('swish'); },
    () => { nn.losses.length = 0; },
    () => { nn.optimizers.sort().reverse(); },
    () => { nn.datasets.splice(0, 1); },
    () => { nn.activations = []; },
    () => { nn.catalog = {}; },
    () => { Object.defineProperty(nn.catalog.activations[0], 'tex', { value: null }); },
  ];
  for (const f of attempts) assert.throws(f, TypeError, String(f));
  assert.equal(JSON.stringify({ catalog: nn.catalog, names: [nn.activations, nn.losses, nn.optimizers, nn.initializers, nn.datasets] }), before);
  // the module still validates against the tables it was built with
  assert.throws(() => nn.createNetwork({ layers: [{ units: 1, activation: 'swish' }] }), NNError);
});

// --- the FinalizationRegistry ------------------------------------------------------------------

// In a child Node with --expose-gc: networks dropped without dispose() are freed once collected;
// a disposed network is not freed again; networks still referenced are not touched.
const finalizationChild = `
const { loadNN } = await import(${JSON.stringify(LIB.href)});
const nn = await loadNN();
const d = nn.makeDataset('xor', { n: 20, seed: 1 });
const y = nn.encodeTargets(d, 1, 'sigmoid');
const spec = { layers: [{ units: 8, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }], optimizer: 'adam' };
const turn = () => new Promise((resolve) => setImmediate(resolve));
async function collect(target) {  // gc and let the registry's callbacks run, until the heap is back (or 50 turns)
  let turns = 0;
  for (; turns < 50 && nn.heapAllocations() !== target; turns++) { globalThis.gc(); await turn(); }
  return turns;
}
const errors = [];
process.on('uncaughtException', (e) => errors.push(String(e)));
const kept = nn.createNetwork(spec);
kept.trainBatch(d.x, y, d.n);
const keptDoc = JSON.stringify(kept);
const baseline = nn.heapAllocations();
const out = { baseline };
(() => {  // never disposed: created, trained, cloned, loaded, then unreachable
  for (let i = 0; i < 300; i++) {
    const net = nn.createNetwork({ ...spec, seed: i });
    net.trainBatch(d.x, y, d.n);
    if (i % 10 === 0) { net.clone(); nn.loadNetwork(JSON.stringify(net)); }
  }
})();
out.whileAlive = nn.heapAllocations();
out.turns = await collect(baseline);
out.afterGC = nn.heapAllocations();
(() => {  // disposed, then unreachable: the registry must not free them a second time
  for (let i = 0; i < 100; i++) nn.createNetwork(spec).dispose();
})();
out.afterDispose = nn.heapAllocations();
for (let i = 0; i < 10; i++) { globalThis.gc(); await turn(); }
out.afterDisposeGC = nn.heapAllocations();
out.keptWorks = Number.isFinite(kept.trainBatch(d.x, y, d.n)) && JSON.stringify(kept) !== keptDoc;
kept.dispose();
out.errors = errors;
console.log(JSON.stringify(out));
`;

test('networks never disposed are freed once collected; disposed ones are not freed twice', async () => {
  const out = await child(finalizationChild, { flags: ['--expose-gc'] });
  assert.deepEqual(out.errors, []);
  assert.ok(out.whileAlive > out.baseline + 300, `300 live networks hold allocations: ${out.baseline} → ${out.whileAlive}`);
  assert.equal(out.afterGC, out.baseline, `after gc (${out.turns} turns): live allocations back to the baseline`);
  assert.equal(out.afterDispose, out.baseline, 'dispose frees at once');
  assert.equal(out.afterDisposeGC, out.baseline, 'and gc after dispose frees nothing more');
  assert.ok(out.keptWorks, 'a network still referenced is untouched by the collections');
});

// --- loadNN: where the .wasm comes from ----------------------------------------------------------

/** A module loaded with these options works (a network trains and predicts). */
async function works(options) {
  const other = await loadNN(options);
  const net = other.createNetwork(spec);
  assert.ok(Number.isFinite(net.trainBatch(xor.x, yXor, xor.n)));
  assert.equal(net.predict(xor.x, xor.n).length, xor.n);
  net.dispose();
  assert.deepEqual(other.activations, nn.activations);
}

test('loadNN finds the .wasm from a URL object, a file: URL, an absolute path, or beside itself', async () => {
  await works();
  await works({});
  await works({ wasmUrl: WASM });
  await works({ wasmUrl: WASM.href });
  await works({ wasmUrl: WASM_PATH });
  await works({ wasmUrl: null, wasmBinary: null });  // null is "not given"
});

test('a relative wasmUrl is resolved against the current directory, as Node resolves a path', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nn-cwd-'));
  try {
    mkdirSync(join(dir, 'assets'));
    copyFileSync(WASM_PATH, join(dir, 'assets', 'nn_wasm.wasm'));
    const code = (wasmUrl) => `
      const { loadNN } = await import(${JSON.stringify(LIB.href)});
      try {
        const nn = await loadNN({ wasmUrl: ${JSON.stringify(wasmUrl)} });
        const net = nn.createNetwork({ layers: [{ units: 1 }] });
        console.log(JSON.stringify({ ok: net.predict([1, 2], 1).length === 1 }));
      } catch (e) { console.log(JSON.stringify({ name: e.name, field: e.field, message: e.message })); }`;
    assert.deepEqual(await child(code('assets/nn_wasm.wasm'), { cwd: dir }), { ok: true });
    assert.deepEqual(await child(code('./assets/nn_wasm.wasm'), { cwd: dir }), { ok: true });
    assert.deepEqual(await child(code('../assets/nn_wasm.wasm'), { cwd: join(dir, 'assets') }), { ok: true });
    // 'nn_wasm.wasm' is beside the module, but not in the current directory: not found, and named
    const missing = await child(code('nn_wasm.wasm'), { cwd: dir });
    assert.equal(missing.name, 'NNError');
    assert.equal(missing.field, 'wasmUrl');
    assert.ok(missing.message.includes(pathToFileURL(join(dir, 'nn_wasm.wasm')).href), missing.message);
    assert.match(missing.message, /ENOENT/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an http:// wasmUrl is fetched; a 404, a refused port or a page that is not wasm reject naming the URL', async () => {
  const bytes = readFileSync(WASM_PATH);
  const served = [];
  const server = createServer((req, res) => {
    served.push(req.url);
    if (req.url === '/lib/nn_wasm.wasm') {
      res.writeHead(200, { 'content-type': 'application/wasm' });
      res.end(bytes);
    } else if (req.url === '/index.html') {  // what a server that falls back to its index page sends
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html>\n<html><body>NN by Hand</body></html>');
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  try {
    await works({ wasmUrl: `${base}/lib/nn_wasm.wasm` });
    await works({ wasmUrl: new URL('/lib/nn_wasm.wasm', base) });
    const notFound = await nnError(() => loadNN({ wasmUrl: `${base}/missing.wasm` }), 'wasmUrl');
    assert.ok(notFound.message.includes(`${base}/missing.wasm`), notFound.message);
    assert.match(notFound.message, /HTTP 404/);
    const html = await nnError(() => loadNN({ wasmUrl: `${base}/index.html` }), 'wasmUrl');
    assert.ok(html.message.includes(`${base}/index.html`), html.message);
    assert.match(html.message, /is not a WebAssembly module .*<!doctype html>/);
    assert.deepEqual(served, ['/lib/nn_wasm.wasm', '/lib/nn_wasm.wasm', '/missing.wasm', '/index.html']);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  // a port that was free a moment ago and that no one listens on
  const probe = createServer();
  await new Promise((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const closed = `http://127.0.0.1:${probe.address().port}/nn_wasm.wasm`;
  await new Promise((resolve) => probe.close(resolve));
  const refused = await nnError(() => loadNN({ wasmUrl: closed }), 'wasmUrl');
  assert.ok(refused.message.includes(closed), refused.message);
  assert.match(refused.message, /ECONNREFUSED/);
});

test('a wasmUrl that is missing, not WebAssembly, or not a URL rejects with field wasmUrl naming it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nn-bad-'));
  try {
    const text = join(dir, 'nn_wasm.wasm');
    writeFileSync(text, 'this is not WebAssembly');
    const empty = join(dir, 'empty.wasm');
    writeFileSync(empty, '');
    for (const [wasmUrl, href, re] of [
      [text, pathToFileURL(text).href, /is not a WebAssembly module \(23 bytes, starting "this is not WebAssembly"\)/],
      [pathToFileURL(empty), pathToFileURL(empty).href, /is not a WebAssembly module \(0 bytes\)/],
      [join(dir, 'nope.wasm'), pathToFileURL(join(dir, 'nope.wasm')).href, /cannot read .*ENOENT/],
      [pathToFileURL(dir).href, pathToFileURL(dir).href, /cannot read .*EISDIR/],
    ]) {
      const e = await nnError(() => loadNN({ wasmUrl }), 'wasmUrl');
      assert.ok(e.message.includes(href), `${e.message} names ${href}`);
      assert.match(e.message, re);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  for (const wasmUrl of [5, '', {}, ['x'], true]) await nnError(() => loadNN({ wasmUrl }), 'wasmUrl');
  await nnError(() => loadNN({ wasmUrl: 'http://[::1' }), 'wasmUrl');
});

test('wasmBinary: an ArrayBuffer or any view of the bytes; anything else rejects with field wasmBinary', async () => {
  const file = readFileSync(WASM_PATH);
  const buffer = file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength);
  await works({ wasmBinary: buffer });
  await works({ wasmBinary: new Uint8Array(buffer) });
  const padded = new Uint8Array(buffer.byteLength + 16);
  padded.set(new Uint8Array(buffer), 7);
  await works({ wasmBinary: padded.subarray(7, 7 + buffer.byteLength) });  // a view at an offset
  await works({ wasmBinary: file });  // a Node Buffer
  await works({ wasmBinary: buffer, wasmUrl: 'http://127.0.0.1:9/never-fetched.wasm' });  // the bytes win
  for (const wasmBinary of ['bytes', 42, [0, 97, 115, 109], {}, true]) {
    await nnError(() => loadNN({ wasmBinary }), 'wasmBinary');
  }
  const html = await nnError(() => loadNN({ wasmBinary: new TextEncoder().encode('<html></html>') }), 'wasmBinary');
  assert.match(html.message, /^wasmBinary: wasmBinary is not a WebAssembly module \(13 bytes, starting "<html><\/html>"\)/);
  await nnError(() => loadNN({ wasmBinary: new ArrayBuffer(0) }), 'wasmBinary');
});

test('a .wasm that compiles but is not this module rejects with an NNError, and does not hang', async () => {
  const empty = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);  // a valid, empty module
  const e = await nnError(() => loadNN({ wasmBinary: empty }), 'wasmBinary');
  assert.match(e.message, /^wasmBinary: wasmBinary cannot be instantiated \(/);
});

test('wasm bytes with the right magic number but corrupt reject with an NNError too, naming the .wasm', async () => {
  const file = readFileSync(WASM_PATH);
  const e = await nnError(() => loadNN({ wasmBinary: file.subarray(0, 1000) }), 'wasmBinary');
  assert.match(e.message, /^wasmBinary: wasmBinary cannot be compiled \(.*CompileError|^wasmBinary: wasmBinary cannot be compiled \(/);
  const dir = mkdtempSync(join(tmpdir(), 'nn-corrupt-'));
  const path = join(dir, 'nn_wasm.wasm');
  writeFileSync(path, file.subarray(0, 1000));
  try {
    const f = await nnError(() => loadNN({ wasmUrl: path }), 'wasmUrl');
    assert.ok(f.message.startsWith(`wasmUrl: ${pathToFileURL(path).href} cannot be compiled (`), f.message);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// --- the CommonJS entry --------------------------------------------------------------------------

test('the CommonJS entry (dist/lib/nn.cjs): require() gives loadNN and NNError, and they work', async () => {
  const require = createRequire(import.meta.url);
  const cjs = require(fileURLToPath(new URL('./nn.cjs', LIB)));
  assert.deepEqual(Object.keys(cjs).sort(), ['NNError', 'loadNN']);
  assert.equal(typeof cjs.loadNN, 'function');
  assert.ok(cjs.NNError.prototype instanceof Error);
  const other = await cjs.loadNN();  // the .wasm beside nn.cjs
  assert.deepEqual(other.catalog, nn.catalog);
  assert.ok(Object.isFrozen(other.catalog.activations[0]));
  const a = other.createNetwork(spec), b = nn.createNetwork(spec);
  a.trainEpoch(xor.x, yXor, xor.n);
  b.trainEpoch(xor.x, yXor, xor.n);
  assert.equal(JSON.stringify(a), JSON.stringify(b), 'the same core: the same training, to the bit');
  const moved = nn.loadNetwork(a.toJSON());  // documents move between the two modules
  assert.deepEqual(moved.predict(xor.x, xor.n), a.predict(xor.x, xor.n));
  let error = null;
  try { other.createNetwork({ layers: [{ units: 0 }] }); } catch (e) { error = e; }
  assert.ok(error instanceof cjs.NNError && error.name === 'NNError' && error.field === 'layers[0].units', String(error));
  await assert.rejects(cjs.loadNN({ wasmBinary: 'x' }), (e) => e instanceof cjs.NNError && e.field === 'wasmBinary');
  // and from a CommonJS script in its own process, as a require() user writes it
  const { stdout } = await run(process.execPath, ['-e', `
    const { loadNN, NNError } = require(${JSON.stringify(fileURLToPath(new URL('./nn.cjs', LIB)))});
    loadNN().then((nn) => {
      const net = nn.createNetwork({ layers: [{ units: 2, activation: 'tanh' }, { units: 1 }] });
      let field = null;
      try { nn.loadNetwork(7); } catch (e) { field = e instanceof NNError ? e.field : 'not an NNError'; }
      console.log(JSON.stringify({ outputs: net.predict([0.5, -0.5], 1).length, field }));
    });`], { encoding: 'utf8' });
  assert.deepEqual(JSON.parse(stdout), { outputs: 1, field: 'json' });
  [a, b, moved].forEach((n) => n.dispose());
});
