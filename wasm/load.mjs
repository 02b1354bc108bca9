// load.mjs — finds, reads and compiles nn_wasm.wasm and starts the Emscripten module (nn.mjs's
// loadNN). One rule everywhere for where the .wasm is (see loadModule); every failure is an NNError
// naming the URL, never Emscripten's abort. Node's modules are reached only when Node reads a file.
import createNNModule from './nn_wasm.mjs';
import { fail, optionsOf, show, NNError } from './errors.mjs';

const isNode = typeof process === 'object' && typeof process.versions?.node === 'string';
// Node's modules are imported only when Node reads a file, through specifiers held in variables (and
// marked for webpack and Vite) so that no bundler follows them into a browser build.
const NODE_FS = 'node:fs/promises';
const NODE_URL = 'node:url';
const nodeImport = (specifier) => import(/* webpackIgnore: true */ /* @vite-ignore */ specifier);

/** The started Emscripten module. options.wasmUrl: where nn_wasm.wasm is (default: beside this file, found by
 *  bundlers through `new URL('./nn_wasm.wasm', import.meta.url)`): a URL object or an absolute URL,
 *  or a relative reference resolved as the platform resolves one — against the page's (or worker's)
 *  URL in a browser, against the current directory in Node, where it may also be a file path.
 *  options.wasmBinary: the .wasm bytes, if the embedder already has them. A .wasm that cannot be
 *  read, or is not WebAssembly, rejects with an NNError (field "wasmUrl") naming the URL. */
export async function loadModule(options = {}) {
  const { wasmUrl, wasmBinary } = optionsOf(options);
  let bytes, field, where;
  if (wasmBinary !== undefined && wasmBinary !== null) {
    if (!(wasmBinary instanceof ArrayBuffer) && !ArrayBuffer.isView(wasmBinary)) fail('wasmBinary', 'must be an ArrayBuffer or a Uint8Array of the .wasm');
    bytes = wasmBinary instanceof ArrayBuffer ? new Uint8Array(wasmBinary)
      : new Uint8Array(wasmBinary.buffer, wasmBinary.byteOffset, wasmBinary.byteLength);
    [field, where] = ['wasmBinary', 'wasmBinary'];
  } else {
    const url = await wasmLocation(wasmUrl);
    bytes = await readWasm(url);
    [field, where] = ['wasmUrl', url.href];
  }
  checkWasm(bytes, field, where);
  // Compiled here, so that corrupt bytes or a page whose Content-Security-Policy lacks
  // 'wasm-unsafe-eval' reject with an NNError naming the .wasm, not Emscripten's abort.
  let wasmModule;
  try {
    wasmModule = await WebAssembly.compile(bytes);
  } catch (e) {
    fail(field, `${where} cannot be compiled (${e.message})`);
  }
  let refused;
  const instantiateFailed = new Promise((_, reject) => { refused = reject; });
  const instantiateWasm = (imports, receive) => {
    const failed = (e) => refused(new NNError(field, `${field}: ${where} cannot be instantiated (${e.message})`));
    WebAssembly.instantiate(wasmModule, imports).then((instance) => {
      try {
        receive(instance, wasmModule);
      } catch (e) {  // a module that compiles but is not this one (other exports): not a hang
        failed(e);
      }
    }, failed);
    return {};  // Emscripten's sign that the instance comes later, through receive
  };
  return Promise.race([createNNModule({ instantiateWasm }), instantiateFailed]);
}

// The .wasm's URL: the default beside this file, or options.wasmUrl resolved as documented above.
async function wasmLocation(wasmUrl) {
  if (wasmUrl === undefined || wasmUrl === null) {
    const beside = new URL('./nn_wasm.wasm', import.meta.url);  // the form bundlers find and rewrite
    // A web-targeted transform run under Node (vitest's jsdom environment with this package in
    // server.deps.inline) rewrites it to the test page's origin, which Node cannot fetch: Node reads
    // the file beside this one (import.meta.url alone is left as it is).
    const here = import.meta.url;
    return isNode && beside.protocol !== 'file:' && here.startsWith('file:') ? new URL('./nn_wasm.wasm', here) : beside;
  }
  if (wasmUrl instanceof URL) return wasmUrl;
  if (typeof wasmUrl !== 'string' || wasmUrl === '') fail('wasmUrl', `must be a URL or a path (got ${show(wasmUrl)})`);
  if (isNode) {  // an absolute URL, or a path (pathToFileURL resolves it against the current directory)
    const windowsPath = /^[a-zA-Z]:[\\/]/.test(wasmUrl);
    if (!windowsPath && /^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(wasmUrl)) return parseURL(wasmUrl);
    const { pathToFileURL } = await nodeImport(NODE_URL);
    return pathToFileURL(wasmUrl);
  }
  return parseURL(wasmUrl, globalThis.document?.baseURI ?? globalThis.location?.href);
}
function parseURL(reference, base) {
  try {
    return new URL(reference, base);
  } catch {
    return fail('wasmUrl', `is not a valid URL: ${show(reference)}`);
  }
}
// The bytes at url: a file: URL is read from disk in Node, anything else is fetched.
async function readWasm(url) {
  if (url.protocol === 'file:' && isNode) {
    const { readFile } = await nodeImport(NODE_FS);
    try {
      return new Uint8Array(await readFile(url));
    } catch (e) {
      return fail('wasmUrl', `cannot read ${url.href} (${e.code ?? e.message})`);
    }
  }
  let response;
  try {
    response = await fetch(url);
  } catch (e) {  // Node's fetch puts the reason (ECONNREFUSED, ENOTFOUND) in e.cause
    return fail('wasmUrl', `cannot fetch ${url.href} (${e.message}${e.cause?.code ? `: ${e.cause.code}` : ''})`);
  }
  if (!response.ok) fail('wasmUrl', `cannot fetch ${url.href}: HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`);
  try {
    return new Uint8Array(await response.arrayBuffer());
  } catch (e) {
    return fail('wasmUrl', `cannot fetch ${url.href} (${e.message})`);
  }
}
// A server that answers every path with its index page (a common fallback) sends HTML, not wasm.
function checkWasm(bytes, field, where) {
  const magic = [0x00, 0x61, 0x73, 0x6d];
  if (bytes.length < 8 || magic.some((b, i) => bytes[i] !== b)) {
    const start = new TextDecoder().decode(bytes.subarray(0, 40)).replace(/\s+/g, ' ');
    fail(field, `${where} is not a WebAssembly module (${bytes.length} bytes${bytes.length ? `, starting ${JSON.stringify(start)}` : ''})`);
  }
}
