// node.test.mjs — the packed tarball as npm publishes it (name, size, exact files, no dependencies),
// then installed into fresh projects that use it from Node: an ES module project, a CommonJS one,
// TypeScript (strict + exactOptionalPropertyTypes, under nodenext, node16 and bundler resolution,
// compiled and run), and vitest's jsdom environment. Each project imports `nn-by-hand` by name from
// its own node_modules and must compute the same numbers; the Node ones also export a network (the
// ONNX model is run in onnxruntime-web here, the NumPy file must define predict).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, checkXorResult, cleanUp, filesUnder, freshProject, kb, pack, run } from './consumers.mjs';

/** Exactly what dist/lib/ holds, all of it shipped: a new file there fails until it is listed. */
const LIB = ['API.md', 'errors.mjs', 'fit.mjs', 'load.mjs', 'network.schema.json', 'nn.cjs', 'nn.d.cts', 'nn.d.ts', 'nn.mjs', 'nn_wasm.mjs', 'nn_wasm.wasm',
  ...['index.mjs', 'model.mjs', 'numpy.mjs', 'onnx-proto.mjs', 'onnx.mjs', 'python.mjs', 'pytorch.mjs'].map((f) => `export/${f}`)].sort();
/** net.export's writers (dist/lib/export/, loaded when first asked for: each is JavaScript a page may reach). */
const EXPORT_JS = LIB.filter((f) => f.startsWith('export/'));
// 300 KiB before net.export: its writers add ~50 KiB packed, mostly the ONNX encoder (onnx-proto +
// protobufjs, 23 KiB gzipped) shipped twice, as export/onnx-proto.mjs and inside nn.cjs (bundled there
// so that require() users, Jest's included, export without an ES module import).
const MAX_TARBALL = 360 * 1024;

let tarball;
const results = {};
before(async () => { tarball = await pack(); });
after(cleanUp);

// --- the tarball ------------------------------------------------------------------------------------------

test('npm pack: nn-by-hand-<version>.tgz of a few hundred KB holding package.json, README.md, LICENSE and dist/lib/ only', (t) => {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  assert.equal(tarball.meta.filename, `nn-by-hand-${manifest.version}.tgz`);
  assert.ok(tarball.size < MAX_TARBALL, `tarball ${kb(tarball.size)} (at most ${kb(MAX_TARBALL)})`);
  assert.deepEqual(filesUnder(join(ROOT, 'dist/lib')), LIB, 'dist/lib/ (add a new file to LIB if it belongs in the package)');
  assert.deepEqual(tarball.files, ['LICENSE', 'README.md', 'package.json', ...LIB.map((f) => `dist/lib/${f}`)].sort());
  t.diagnostic(`${tarball.meta.filename}: ${kb(tarball.size)} packed, ${kb(tarball.meta.unpackedSize)} unpacked, ${tarball.files.length} files: ${tarball.files.join(', ')}`);
});

test('the packed package.json has no dependencies of any kind and no install scripts', () => {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies', 'bundleDependencies', 'bundledDependencies']) {
    assert.equal(manifest[field], undefined, `package.json has ${field}`);
  }
  for (const script of ['preinstall', 'install', 'postinstall', 'prepare']) assert.equal(manifest.scripts?.[script], undefined, `a ${script} script`);
  assert.equal(manifest.sideEffects, false);
});

test('every target of "exports", "main", "module" and "types" is in the tarball', () => {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const targets = new Set([manifest.main, manifest.module, manifest.types]);
  const walk = (v) => (typeof v === 'string' ? targets.add(v) : Object.values(v).forEach(walk));
  walk(manifest.exports);
  const missing = [...targets].map((p) => p.replace(/^\.\//, '')).filter((p) => !tarball.files.includes(p));
  assert.deepEqual(missing, []);
});

test('the shipped .wasm is valid WebAssembly and no shipped JavaScript builds code from strings', () => {
  const lib = join(ROOT, 'dist/lib');
  assert.ok(WebAssembly.validate(readFileSync(join(lib, 'nn_wasm.wasm'))), 'nn_wasm.wasm validates');
  for (const file of ['nn.mjs', 'load.mjs', 'errors.mjs', 'fit.mjs', 'nn_wasm.mjs', 'nn.cjs', ...EXPORT_JS]) {
    const text = readFileSync(join(lib, file), 'utf8');
    assert.equal(/new Function\b|\beval\s*\(/.exec(text)?.[0] ?? null, null, `${file} builds code from strings (CSP without 'unsafe-eval')`);
  }
  // What a browser build reaches (the "browser" and "import" conditions): no static Node import.
  for (const file of ['nn.mjs', 'load.mjs', 'errors.mjs', 'fit.mjs', 'nn_wasm.mjs', ...EXPORT_JS]) {
    const text = readFileSync(join(lib, file), 'utf8');
    assert.equal(/^\s*import\b[^;]*["']node:|\bimport\s*\(\s*["']node:|\brequire\s*\(/m.exec(text)?.[0] ?? null, null, `${file}: a Node import`);
  }
});

test('the repository cannot hand out nn-by-hand by name: a consumer gets only its own installed copy', () => {
  assert.equal(existsSync(join(ROOT, 'node_modules/nn-by-hand')), false);
});

// --- Node --------------------------------------------------------------------------------------------------

/** What a Node project's exportNetwork (templates/node-esm/exported.js) gave: an ONNX ModelProto
 *  (field 1, ir_version, first: bytes 0x08 0x08) that onnxruntime-web runs to the network's own
 *  predictions, and the NumPy file with its predict. */
async function checkExported(exported, where) {
  const bytes = Buffer.from(exported.onnx, 'base64');
  assert.equal(exported.isBytes, true, `${where}: export('onnx') gives a Uint8Array`);
  assert.deepEqual([...bytes.subarray(0, 2)], [0x08, 8], `${where}: an ONNX model of IR version 8`);
  assert.ok(bytes.includes('nn-by-hand'), `${where}: producer_name`);
  const ort = await import('onnxruntime-web');
  ort.env.wasm.numThreads = 1;
  const session = await ort.InferenceSession.create(bytes);
  try {
    const { y } = await session.run({ x: new ort.Tensor('float32', Float32Array.from(exported.probe), [exported.probe.length / 2, 2]) });
    y.data.forEach((v, i) => assert.ok(Math.abs(v - exported.predictions[i]) <= 1e-5 * Math.abs(exported.predictions[i]),
      `${where}: onnxruntime-web predicts ${y.data}, the network ${exported.predictions}`));
  } finally {
    await session.release();
  }
  assert.match(exported.numpy, /^def predict\(/m, `${where}: the NumPy file defines predict`);
}

/** Runs `node main.js` of a project from an unrelated directory (the .wasm is found beside the
 *  package's file, not in the current directory); resolves to its JSON line. */
async function runMain(dir, file = 'main.js') {
  const { stdout } = await run(process.execPath, [join(dir, file)], { cwd: tmpdir() });
  return JSON.parse(stdout.trim().split('\n').at(-1));
}

test('node-esm: `import { loadNN, NNError } from "nn-by-hand"` in a "type": "module" project', async () => {
  const dir = await freshProject('node-esm', tarball.file);
  assert.deepEqual(readdirSync(join(dir, 'node_modules')).sort(), ['.package-lock.json', 'nn-by-hand'], 'installing pulled nothing else');
  const lock = JSON.parse(readFileSync(join(dir, 'package-lock.json'), 'utf8'));
  assert.deepEqual(Object.keys(lock.packages).sort(), ['', 'node_modules/nn-by-hand']);
  const { resolved, wasm, schema, version, exported, ...result } = await runMain(dir);
  const lib = pathToFileURL(join(dir, 'node_modules/nn-by-hand/dist/lib/')).href;
  assert.equal(resolved, `${lib}nn.mjs`);
  assert.equal(wasm, `${lib}nn_wasm.wasm`);
  assert.match(schema, /^https:\/\/json-schema\.org\//);
  assert.equal(version, JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
  checkXorResult(result, 'node-esm');
  await checkExported(exported, 'node-esm');
  results.esm = result;
  results.exported = exported;
});

test('node-cjs: `const { loadNN, NNError } = require("nn-by-hand")` in a "type": "commonjs" project', async () => {
  const dir = await freshProject('node-cjs', tarball.file, { type: 'commonjs' });
  const { resolved, exported, ...result } = await runMain(dir);
  assert.equal(resolved, join(dir, 'node_modules/nn-by-hand/dist/lib/nn.cjs'));
  checkXorResult(result, 'node-cjs');
  await checkExported(exported, 'node-cjs');
  assert.deepEqual(exported, results.exported, 'the same exports as the ES module');
  assert.deepEqual(result, results.esm, 'the same numbers as the ES module');
});

// --- TypeScript -----------------------------------------------------------------------------------------------

// Each variant: a tsconfig a project of that kind would have. All strict, exactOptionalPropertyTypes,
// skipLibCheck off (the package's declarations are checked too), no @types unless asked.
const STRICT = { strict: true, exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true, skipLibCheck: false, target: 'es2022' };
const VARIANTS = [
  { name: 'nodenext', options: { module: 'nodenext', moduleResolution: 'nodenext', lib: ['es2022', 'dom'], types: [] }, emit: true },
  { name: 'node16, Node types, no DOM', options: { module: 'node16', moduleResolution: 'node16', lib: ['es2022'], types: ['node'] } },
  { name: 'bundler (module preserve)', options: { module: 'preserve', moduleResolution: 'bundler', lib: ['es2022', 'dom'], types: [] } },
];

test('typescript: a program using every export compiles under strict + exactOptionalPropertyTypes (nodenext, node16, bundler), ESM and CommonJS (.cts), and runs', async (t) => {
  const dir = await freshProject('typescript', tarball.file);
  const { default: ts } = await import('typescript');
  const sources = new Map();  // lib files parsed once for all variants
  for (const { name, options: json, emit } of VARIANTS) {
    const { options, errors } = ts.convertCompilerOptionsFromJson({ ...STRICT, ...json, noEmit: !emit, outDir: join(dir, 'out') }, dir);
    assert.deepEqual(errors, []);
    const host = ts.createCompilerHost(options);
    const read = host.getSourceFile.bind(host);
    host.getSourceFile = (file, version, ...rest) => {
      const key = `${file}\n${JSON.stringify(version)}`;
      if (!sources.has(key)) sources.set(key, read(file, version, ...rest));
      return sources.get(key);
    };
    const program = ts.createProgram([join(dir, 'api.ts'), join(dir, 'api.cts')], options, host);
    // The program's files and the package's declarations, checked in full; the compiler's own lib
    // files and @types/node are trusted (checking them would only slow the suite).
    const mine = program.getSourceFiles().filter((f) => !f.fileName.includes('/typescript/lib/') && !f.fileName.includes('/@types/'));
    const diagnostics = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics(),
      ...mine.flatMap((f) => [...program.getSyntacticDiagnostics(f), ...program.getSemanticDiagnostics(f)]),
      ...(emit ? program.emit().diagnostics : [])];
    assert.equal(ts.formatDiagnostics(diagnostics, host), '', `${name}: diagnostics`);
    const declarations = program.getSourceFiles().map((f) => f.fileName).filter((f) => f.includes('nn-by-hand'));
    assert.deepEqual(declarations.sort(), ['nn.d.cts', 'nn.d.ts'].map((f) => join(dir, 'node_modules/nn-by-hand/dist/lib', f)),
      `${name}: the types come from the project's node_modules (.d.ts for import, .d.cts for require)`);
  }
  const esm = await runMain(dir, 'out/api.js');
  const cjs = await runMain(dir, 'out/api.cjs');
  assert.equal(esm.ok, true);
  assert.deepEqual(cjs, { ok: true, field: 'layer' });
  t.diagnostic(`compiled: ${VARIANTS.map((v) => v.name).join('; ')}; ran out/api.js and out/api.cjs`);
});

// --- a test runner's jsdom environment ----------------------------------------------------------------------------

test('jsdom: vitest with environment "jsdom" loads the package and trains, as installed and inlined (server.deps.inline)', async () => {
  const dir = await freshProject('jsdom', tarball.file);
  const vitest = join(ROOT, 'node_modules/vitest/vitest.mjs');  // what `npx vitest` finds, walking up
  const { stdout } = await run(process.execPath, [vitest, 'run'], { cwd: dir, env: { NO_COLOR: '1', CI: '1' } });
  assert.match(stdout, /Tests\s+2 passed \(2\)/);
  for (const project of ['jsdom', 'jsdom-inline']) {
    const result = JSON.parse(readFileSync(join(dir, `result-${project}.json`), 'utf8'));
    checkXorResult(result, project);
    assert.deepEqual(result, results.esm, `${project}: the same numbers as Node`);
  }
});
