// browser.test.mjs — the packed tarball installed into fresh browser projects, built as their users
// build them (Vite, esbuild, webpack 5 through its Node API; a module Web Worker with Vite and with
// no bundler at all), and opened in Debian's Chromium from a static server that sends exactly
// `Content-Security-Policy: script-src 'self' 'wasm-unsafe-eval'`. Each page trains XOR and must
// show the numbers Node computes. Then wasmUrl on a page and in a worker: relative references
// resolve against the page's (worker's) URL, and each failure is an NNError naming the URL.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TEMPLATES, checkBrowserJs, checkXorResult, cleanUp, filesUnder, freshProject, pack, resultOf, serveStatic,
  sizeLine, sizes, startChromium } from './consumers.mjs';

const CSP = "script-src 'self' 'wasm-unsafe-eval'";
const WITH_CSP = { headers: { 'Content-Security-Policy': CSP } };

let tarball, chromium, reference;
before(async () => {
  tarball = await pack();
  chromium = await startChromium();
});
after(async () => {
  await chromium?.close();
  cleanUp();
});

/** What Node computes with the same installed package (the numbers every page must show). */
async function nodeReference(dir) {
  if (!reference) {
    const { loadNN, NNError } = await import(pathToFileURL(join(dir, 'node_modules/nn-by-hand/dist/lib/nn.mjs')).href);
    const { trainXor } = await import(pathToFileURL(join(TEMPLATES, 'xor.js')).href);
    reference = trainXor(await loadNN(), NNError);
  }
  return reference;
}

/** Serves root (with the CSP unless told otherwise), opens path, asserts the page had no problem
 *  but those allowed, and (given the project's dir) that its result equals Node's. Resolves to
 *  { result, requests } (the paths the server was asked for); page and server are closed. */
async function openApp(root, path, { dir, server: options = WITH_CSP, allow = [] } = {}) {
  const server = await serveStatic(root, options);
  const page = await chromium.newPage();
  try {
    const result = await resultOf(page, server.url + path);
    const problems = page.problems.filter((p) => !allow.some((re) => re.test(p)));
    assert.deepEqual(problems, [], `${path}: the page loaded cleanly`);
    if (dir) assert.deepEqual(result, await nodeReference(dir), `${path}: the numbers Node computes`);
    return { result, requests: server.requests };
  } finally {
    await page.close();
    await server.close();
  }
}

/** The JavaScript and the .wasm a build emitted, with their sizes for the log. */
function shipped(t, what, out, dir) {
  const js = checkBrowserJs(out).map((f) => join(out, f));
  const wasm = filesUnder(out).filter((f) => f.endsWith('.wasm'));
  assert.equal(wasm.length, 1, `${what}: one .wasm emitted (${wasm})`);
  assert.deepEqual(readFileSync(join(out, wasm[0])), readFileSync(join(dir, 'node_modules/nn-by-hand/dist/lib/nn_wasm.wasm')), `${what}: the package's .wasm`);
  t.diagnostic(sizeLine(`${what} JS (${js.length} file${js.length > 1 ? 's' : ''})`, sizes(js)));
  t.diagnostic(sizeLine(`${what} wasm`, sizes([join(out, wasm[0])])));
}

/** Vite's build of a project with no config file; warnings are failures. */
async function viteBuild(dir, { page = true } = {}) {
  const { build, createLogger } = await import('vite');
  const logger = createLogger('warn');
  const warnings = [];
  logger.warn = logger.warnOnce = (message) => warnings.push(message);
  const output = await build({ root: dir, configFile: false, logLevel: 'warn', customLogger: logger });
  assert.deepEqual(warnings, [], 'Vite warned');
  const ids = [output].flat().flatMap((o) => o.output).flatMap((chunk) => chunk.moduleIds ?? []);
  // (a worker is bundled apart, and its modules are not listed in the page's output)
  if (page) assert.ok(ids.includes(join(dir, 'node_modules/nn-by-hand/dist/lib/nn.mjs')), 'the package from the project\'s node_modules');
  return join(dir, 'dist');
}

// --- bundlers ----------------------------------------------------------------------------------------------

/** The Vite app (built once: the CSP test serves it again). */
let viteApp = null;
async function buildViteApp() {
  if (!viteApp) {
    const dir = await freshProject('vite', tarball.file, { templates: ['app', 'vite'] });
    viteApp = { dir, out: await viteBuild(dir) };
  }
  return viteApp;
}

test('vite: `vite build` of an app that imports nn-by-hand, with no config, trains on the page under the CSP', async (t) => {
  const { dir, out } = await buildViteApp();
  shipped(t, 'vite', out, dir);
  assert.doesNotMatch(readFileSync(join(out, 'index.html'), 'utf8'), /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline script');
  const { result } = await openApp(out, '', { dir });
  checkXorResult(result, 'vite');
});

test('vite: the dev server serves the same app, with no config', async () => {
  const dir = await freshProject('vite-dev', tarball.file, { templates: ['app', 'vite'] });
  const { createServer } = await import('vite');
  const server = await createServer({ root: dir, configFile: false, logLevel: 'silent', server: { host: '127.0.0.1', port: 0, strictPort: false } });
  await server.listen();
  const page = await chromium.newPage();
  try {
    const result = await resultOf(page, server.resolvedUrls.local[0]);
    checkXorResult(result, 'vite dev');
    assert.deepEqual(result, await nodeReference(dir));
    assert.deepEqual(page.problems, []);
  } finally {
    await page.close();
    await server.close();
  }
});

test('esbuild: bundled for the browser, the .wasm beside the bundle or imported with the file loader', async (t) => {
  const dir = await freshProject('esbuild', tarball.file, { templates: ['app', 'esbuild'] });
  const { build } = await import('esbuild');
  const common = { absWorkingDir: dir, bundle: true, format: 'esm', platform: 'browser', minify: true, loader: { '.wasm': 'file' }, metafile: true, logLevel: 'silent' };
  const built = await build({ ...common, entryPoints: { default: 'main.js', url: 'url.js', plain: 'plain.js' }, outdir: 'dist/assets' });
  assert.deepEqual([...built.warnings, ...built.errors], []);
  assert.ok('node_modules/nn-by-hand/dist/lib/nn.mjs' in built.metafile.inputs, 'the package from the project\'s node_modules');
  // the default (no wasmUrl) finds nn_wasm.wasm beside the bundle: the user copies it there
  cpSync(join(dir, 'node_modules/nn-by-hand/dist/lib/nn_wasm.wasm'), join(dir, 'dist/assets/nn_wasm.wasm'));
  for (const page of ['default', 'url', 'plain']) cpSync(join(dir, `${page}.html`), join(dir, `dist/${page}.html`));
  // the file loader's path as it is, with publicPath: resolved against the page, it is absolute
  const published = await build({ ...common, entryPoints: { plain: 'plain.js' }, outdir: 'dist-public/assets', publicPath: '/assets/' });
  assert.deepEqual([...published.warnings, ...published.errors], []);
  cpSync(join(dir, 'plain.html'), join(dir, 'dist-public/plain.html'));

  const out = join(dir, 'dist');
  checkBrowserJs(out);
  checkBrowserJs(join(dir, 'dist-public'));
  const js = sizes([join(out, 'assets/default.js')]);
  t.diagnostic(sizeLine('esbuild JS (default.js)', js));
  t.diagnostic(sizeLine('esbuild wasm', sizes([join(out, 'assets/nn_wasm.wasm')])));

  checkXorResult((await openApp(out, 'default.html', { dir })).result, 'esbuild, the .wasm copied beside the bundle');
  checkXorResult((await openApp(out, 'url.html', { dir })).result, 'esbuild, new URL(imported path, import.meta.url)');
  checkXorResult((await openApp(join(dir, 'dist-public'), 'plain.html', { dir })).result, 'esbuild, the imported path with publicPath');
  // Without publicPath the path is relative ("./nn_wasm-HASH.wasm"): loadNN resolves it against the
  // page (dist/), not the bundle (dist/assets/), and says so.
  const wasmName = filesUnder(join(out, 'assets')).find((f) => /^nn_wasm-\w+\.wasm$/.test(f));
  const { result } = await openApp(out, 'plain.html', { allow: [/404/] });
  assert.match(result.failed, new RegExp(`^NNError: wasmUrl: cannot fetch http://127\\.0\\.0\\.1:\\d+/${wasmName}: HTTP 404`));
  assert.equal(result.field, 'wasmUrl');
});

test('webpack 5: a production build through the Node API emits the .wasm as an asset and trains on the page under the CSP', async (t) => {
  const dir = await freshProject('webpack', tarball.file, { templates: ['app'] });
  const { default: webpack } = await import('webpack');
  const compiler = webpack({ mode: 'production', context: dir, entry: './main.js', output: { path: join(dir, 'dist'), clean: true } });
  const stats = await new Promise((ok, fail) => compiler.run((error, s) => compiler.close(() => (error ? fail(error) : ok(s)))));
  const info = stats.toJson({ all: false, errors: true, warnings: true });
  assert.deepEqual(info.errors, []);
  // webpack's size advice (a 380 KB .wasm is over its 244 KB hint) is the only warning
  const warnings = info.warnings.map((w) => w.message).filter((m) => !/exceed the recommended size limit|limit the size of your bundles/.test(m));
  assert.deepEqual(warnings, []);
  assert.ok(stats.compilation.fileDependencies.has(join(dir, 'node_modules/nn-by-hand/dist/lib/nn.mjs')), 'the package from the project\'s node_modules');
  const out = join(dir, 'dist');
  shipped(t, 'webpack', out, dir);
  cpSync(join(TEMPLATES, 'webpack/index.html'), join(out, 'index.html'));
  checkXorResult((await openApp(out, '', { dir })).result, 'webpack');
});

// --- module workers ------------------------------------------------------------------------------------------

test('module worker, Vite: new Worker(new URL("./worker.js", import.meta.url), { type: "module" }) importing nn-by-hand trains under the CSP', async (t) => {
  const dir = await freshProject('worker', tarball.file);
  const out = await viteBuild(dir, { page: false });
  shipped(t, 'vite, page + worker', out, dir);
  const { result } = await openApp(out, '');
  const { inWorker, ...numbers } = result;
  assert.equal(inWorker, true);
  checkXorResult(numbers, 'vite worker');
  assert.deepEqual(numbers, await nodeReference(dir));
});

test('no bundler: the page by an import map, a module worker by path; and the same files under the CSP, where no import map is allowed', async () => {
  const dir = await freshProject('unbundled', tarball.file);
  const mapped = await openApp(dir, 'index.html', { server: {} });
  const strict = await openApp(dir, 'csp.html');
  for (const { result } of [mapped, strict]) {
    const { inWorker, ...worker } = result.worker;
    assert.equal(inWorker, true);
    assert.deepEqual(result.page, await nodeReference(dir));
    assert.deepEqual(worker, await nodeReference(dir));
  }
  assert.ok(strict.requests.includes('/node_modules/nn-by-hand/dist/lib/nn_wasm.wasm'));
});

// --- the Content-Security-Policy itself ------------------------------------------------------------------------

test('CSP: the header is enforced (no eval on these pages; without \'wasm-unsafe-eval\' the wasm is refused, named)', async () => {
  const { out } = await buildViteApp();
  const server = await serveStatic(out, WITH_CSP);
  const page = await chromium.newPage();
  try {
    checkXorResult(await resultOf(page, server.url), 'vite under the CSP');
    assert.deepEqual(page.problems, [], 'no CSP violation while loading and training');
    // What the policy forbids really is forbidden here: a same-origin script that builds code from
    // a string throws (page.evaluate itself is exempt, so the probe is a file the page loads).
    writeFileSync(join(out, 'probe.js'), 'try { window.probe = new Function("return \'ran\'")(); } catch (e) { window.probe = e.name; }\n');
    await page.addScriptTag({ url: `${server.url}probe.js` });
    assert.equal(await page.evaluate(() => window.probe), 'EvalError');
  } finally {
    await page.close();
    await server.close();
  }
  // The control: the same build under script-src 'self' alone cannot compile WebAssembly.
  const strict = await serveStatic(out, { headers: { 'Content-Security-Policy': "script-src 'self'" } });
  const control = await chromium.newPage();
  try {
    const result = await resultOf(control, strict.url);
    assert.match(result.failed, /WebAssembly|wasm-unsafe-eval/);
  } finally {
    await control.close();
    await strict.close();
  }
});

// --- wasmUrl ------------------------------------------------------------------------------------------------------

test('wasmUrl in Chromium: relative to the page (and to a worker), a URL object, and failures as NNErrors naming the URL', async () => {
  const dir = await freshProject('wasm-url', tarball.file, { templates: ['unbundled'] });
  const closed = await serveStatic(dir);  // a port that refuses connections once closed
  const closedPort = new URL(closed.url).port;
  await closed.close();
  const { result, requests } = await openApp(dir, `pages/wasm-url.html?closedPort=${closedPort}`, { allow: [/404.*missing\.wasm/, /ERR_CONNECTION_REFUSED/, /Failed to load resource/] });
  const origin = (path) => new RegExp(`http://127\\.0\\.0\\.1:\\d+${path.replace(/[.]/g, '\\.')}`);
  const failed = (c, re) => {
    assert.equal(c.isNNError, true, JSON.stringify(c));
    assert.equal(c.field, 'wasmUrl');
    assert.match(c.message, re);
  };
  assert.deepEqual(result.relative, { loaded: true }, 'a reference relative to the page');
  assert.deepEqual(result.url, { loaded: true }, 'a URL object');
  failed(result.missing, new RegExp(`^wasmUrl: cannot fetch ${origin('/pages/missing.wasm').source}: HTTP 404`));
  failed(result.notWasm, new RegExp(`^wasmUrl: ${origin('/pages/wasm-url.html').source} is not a WebAssembly module \\(\\d+ bytes, starting "<!doctype html>`));
  failed(result.refused, new RegExp(`^wasmUrl: cannot fetch http://127\\.0\\.0\\.1:${closedPort}/nn_wasm\\.wasm \\(`));
  failed(result.invalid, /^wasmUrl: is not a valid URL: "http:\/\/\["/);
  assert.deepEqual(result.worker.relative, { loaded: true }, 'in a worker, a reference relative to the worker');
  failed(result.worker.missing, new RegExp(`^wasmUrl: cannot fetch ${origin('/pages/workers/missing.wasm').source}: HTTP 404`));
  for (const path of ['/pages/missing.wasm', '/pages/workers/missing.wasm', '/node_modules/nn-by-hand/dist/lib/nn_wasm.wasm']) {
    assert.ok(requests.includes(path), `requested ${path}`);
  }
});
