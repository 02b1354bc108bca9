// consumers.mjs — shared set-up for the package tests: pack the repository as npm would publish it,
// install the tarball into fresh consumer projects under build/consumers/<name>/ (offline: the
// package has no dependencies), run their tools, serve their output to Debian's Chromium and read
// what the page shows. The tools a consumer uses (vite, webpack, esbuild, typescript, vitest, jsdom)
// come from the repository's node_modules, found by walking up from build/consumers/<name>/ as a
// monorepo's would be; the package itself only ever from the consumer's own node_modules.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const TEMPLATES = fileURLToPath(new URL('./templates/', import.meta.url));
export const CONSUMERS = join(ROOT, 'build', 'consumers');
/** How long a wait may take before a test fails: states are awaited, never timed. */
export const PATIENCE = 120_000;

// --- processes -----------------------------------------------------------------------------------

/** Runs a command; resolves to { stdout, stderr } or rejects with both in the message. */
export function run(file, args, { cwd = ROOT, env = {} } = {}) {
  return new Promise((ok, fail) => {
    execFile(file, args, { cwd, env: { ...process.env, ...env }, maxBuffer: 64 << 20, timeout: PATIENCE }, (error, stdout, stderr) => {
      if (error) fail(new Error(`${file} ${args.join(' ')} (in ${cwd}) failed: ${error.message}\n${stdout}\n${stderr}`));
      else ok({ stdout, stderr });
    });
  });
}

// A temporary folder per test file for the tarball and npm's cache (npm runs with no network:
// the package has no dependencies, so nothing is fetched).
let scratch = null;
const scratchDir = () => (scratch ??= mkdtempSync(join(tmpdir(), 'nn-package-')));
function npm(args, cwd) {
  return run('npm', args, { cwd, env: { npm_config_cache: join(scratchDir(), 'npm-cache'), npm_config_update_notifier: 'false',
    npm_config_audit: 'false', npm_config_fund: 'false', npm_config_offline: 'true' } });
}

/** Removes the tarball and npm's cache (once, at the end of a test file); the consumer projects
 *  stay in build/consumers/ (git-ignored) to be looked at. */
export function cleanUp() {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  scratch = null;
}

// --- the tarball -----------------------------------------------------------------------------------

/** `npm pack` of the repository as built (dist/ must exist: npm test builds first; --ignore-scripts
 *  skips prepack's rebuild). Resolves to { file, size, files: [paths], meta }. */
export async function pack() {
  if (!existsSync(join(ROOT, 'dist/lib/nn.mjs'))) throw new Error('dist/lib/ is missing: run `npm run build` first');
  const dir = join(scratchDir(), 'tarball');
  mkdirSync(dir, { recursive: true });
  const { stdout } = await npm(['pack', '--ignore-scripts', '--json', '--pack-destination', dir], ROOT);
  const [meta] = JSON.parse(stdout);
  const file = join(dir, meta.filename);
  return { file, size: statSync(file).size, files: meta.files.map((f) => f.path).sort(), meta };
}

/** A fresh project build/consumers/<name>/: the app (templates/xor.js, as CommonJS for a
 *  "commonjs" project) and templates/show.js, the files of each folder in `templates`, a
 *  package.json of its own, and the tarball installed into its node_modules.
 *  Resolves to the project's directory. */
export async function freshProject(name, tarball, { type = 'module', templates = [name] } = {}) {
  const dir = join(CONSUMERS, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'xor.js'), xorApp(type === 'module' ? 'esm' : 'cjs'));
  cpSync(join(TEMPLATES, 'show.js'), join(dir, 'show.js'));
  for (const template of templates) cpSync(join(TEMPLATES, template), dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: `consumer-${name}`, version: '1.0.0', private: true, type }, null, 2)}\n`);
  await npm(['install', '--no-audit', '--no-fund', '--offline', tarball], dir);
  return dir;
}

/** The app every consumer runs (templates/xor.js), as an ES module or as CommonJS. */
export function xorApp(format = 'esm') {
  const source = readFileSync(join(TEMPLATES, 'xor.js'), 'utf8');
  if (format === 'esm') return source;
  const cjs = source.replace(/^export function (\w+)/m, 'function $1').replace(/\n*$/, '\nmodule.exports = { trainXor };\n');
  assert.ok(!/^\s*(export|import)\b/m.test(cjs), 'xor.js has a single `export function`');
  return cjs;
}

/** The result every consumer must produce (the same numbers everywhere: the same wasm, the same seed). */
export function checkXorResult(result, where) {
  assert.equal(typeof result, 'object', `${where}: a result`);
  assert.ok(result.accuracy >= 0.95, `${where}: XOR learned (accuracy ${result.accuracy})`);
  assert.ok(Number.isFinite(result.loss) && result.loss < 0.2, `${where}: loss ${result.loss}`);
  // predictions at (4, 4), (−4, 4), (−4, −4), (4, −4): class 1 where x1·x2 ≥ 0
  assert.deepEqual(result.predictions.map((p) => p > 0.5), [true, false, true, false], `${where}: predictions ${result.predictions}`);
  assert.deepEqual(result.error, { isNNError: true, isError: true, name: 'NNError', field: 'layers[0].units',
    message: 'layers[0].units: must be an integer from 1 to 4096 (got 0)' }, `${where}: the NNError`);
}

// --- what a build ships ----------------------------------------------------------------------------

/** Every file under dir (relative paths, '/'-separated). */
export function filesUnder(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.push(relative(dir, join(entry.parentPath ?? entry.path, entry.name)).split(sep).join('/'));
  }
  return out.sort();
}

/** Raw, gzip (level 9) and brotli (quality 11) sizes of some files, summed. */
export function sizes(paths) {
  const total = { raw: 0, gzip: 0, brotli: 0 };
  for (const path of paths) {
    const bytes = readFileSync(path);
    total.raw += bytes.length;
    total.gzip += gzipSync(bytes, { level: 9 }).length;
    total.brotli += brotliCompressSync(bytes, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }).length;
  }
  return total;
}

/** Asserts a browser build's JavaScript: no Node built-in is imported or required (a specifier
 *  held in a variable for Node alone is allowed) and no code is built from strings. */
export function checkBrowserJs(dir) {
  const js = filesUnder(dir).filter((f) => /\.(m?js|cjs)$/.test(f));
  assert.ok(js.length > 0, `JavaScript in ${dir}`);
  for (const file of js) {
    const text = readFileSync(join(dir, file), 'utf8');
    const nodeImport = /\bfrom\s*["'](node:|fs\b|path\b|url\b|module\b)|\bimport\s*\(\s*["']node:|\brequire\s*\(\s*["']|^\s*import\s*["']node:/m.exec(text);
    assert.equal(nodeImport?.[0] ?? null, null, `${file}: a Node-only import`);
    assert.equal(/new Function\b|\beval\s*\(/.exec(text)?.[0] ?? null, null, `${file}: code built from strings`);
  }
  return js;
}

/** Report lines for the test log (node --test prints them as diagnostics). */
export const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
export const sizeLine = (what, s) => `${what}: ${kb(s.raw)} raw, ${kb(s.gzip)} gzip, ${kb(s.brotli)} brotli`;

// --- a static server ---------------------------------------------------------------------------------

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.wasm': 'application/wasm',
  '.map': 'application/json' };

/** Serves `root` on 127.0.0.1 (a free port) with correct MIME types, `headers` on every answer
 *  (a Content-Security-Policy, say), 404 for anything missing or outside root. Every request path
 *  is kept in `requests`. Resolves to { url, requests, close }. */
export function serveStatic(root, { headers = {} } = {}) {
  const base = resolve(root);
  const requests = [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    requests.push(path);
    let file = resolve(base, `.${path}`);
    if (file !== base && !file.startsWith(base + sep)) file = null;
    else if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!file || !existsSync(file)) {
      res.writeHead(404, { 'Content-Type': 'text/plain', ...headers });
      return res.end('not found');
    }
    const body = readFileSync(file);
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store', ...headers });
    res.end(body);
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => {
    // close() alone would wait for Chromium's idle keep-alive (and preconnected) sockets
    const close = () => new Promise((done) => { server.close(done); server.closeAllConnections(); });
    ok({ url: `http://127.0.0.1:${server.address().port}/`, requests, close });
  }));
}

// --- Chromium ------------------------------------------------------------------------------------

/** Debian's Chromium through playwright-core (the flags of tests/browser/browser.mjs). Resolves to
 *  { newPage, close }; every page records console errors, page errors and failed requests in
 *  page.problems. */
export async function startChromium() {
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'nn-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  context.setDefaultTimeout(PATIENCE);
  async function newPage() {
    const page = await context.newPage();
    page.problems = [];
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') page.problems.push(`console ${m.type()}: ${m.text()}`); });
    page.on('pageerror', (e) => page.problems.push(`pageerror: ${e.message}`));
    page.on('requestfailed', (r) => page.problems.push(`requestfailed: ${r.url()} ${r.failure()?.errorText}`));
    page.on('response', (r) => { if (r.status() >= 400) page.problems.push(`http ${r.status()}: ${r.url()}`); });
    return page;
  }
  async function close() {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
  return { newPage, close };
}

/** Opens url and waits until the app wrote its result: the JSON in <output id="result"
 *  data-done>. Resolves to the parsed result. */
export async function resultOf(page, url) {
  await page.goto(url);
  const output = page.locator('#result[data-done]');
  await output.waitFor({ state: 'attached' });
  return JSON.parse(await output.textContent());
}
