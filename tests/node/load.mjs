// load.mjs — loads the built module (dist/lib/nn.mjs) once for the Node test files.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const LIB = new URL('../../dist/lib/nn.mjs', import.meta.url);
if (!existsSync(fileURLToPath(LIB))) throw new Error('dist/lib/nn.mjs is missing: run `npm run build` first');
export const { loadNN } = await import(LIB.href);
export const nn = await loadNN();

/** Row-major Float32Array from nested rows. */
export const rows = (m) => Float32Array.from(m.flat());
/** max |a − b| ≤ tol · (1 + max |b|) */
export function close(a, b, tol) {
  let diff = 0, scale = 0;
  for (let i = 0; i < b.length; i++) {
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return a.length === b.length && diff <= tol * (1 + scale);
}

/** Asserts that f throws an Error whose message matches re (assert.throws matches "Error: ..."). */
export function throwsMessage(f, re, note = String(re)) {
  let error = null;
  try { f(); } catch (e) { error = e; }
  if (!(error instanceof Error)) throw new Error(`expected an Error matching ${re} (${note}), got ${error === null ? 'no throw' : String(error)}`);
  if (!re.test(error.message)) throw new Error(`expected an Error matching ${re}, got "${error.message}" (${note})`);
}
