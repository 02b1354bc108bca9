// typed-names.test.mjs — no name of a catalog entry is typed in the page modules that explain or
// draw the network (the By hand panel, the inside views, the boundary, the network drawing): they
// read rows and flags from the catalog instead (issue 11; STYLE.md habit 3). Every string literal of
// those files (quoted strings and the fixed parts of template literals; comments skipped) is compared
// with the catalog's activation, loss, optimizer, initializer and dataset names. Hyperparameter names
// are config keys (o.learningRate), not table entries, so they are not checked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { nn } from './load.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCANNED = ['web/js/math', 'web/js/inside', 'web/js/boundary.js', 'web/js/netview.js'];
/** Literals that equal a catalog name by coincidence: [file, literal, why]. */
const ALLOWED = [
  ['web/js/inside/gradchart.js', 'linear', "Chart.js's linear axis type"],
];

/** The files under SCANNED, relative to the repository. */
function files() {
  return SCANNED.flatMap((p) => (p.endsWith('.js') ? [p]
    : readdirSync(ROOT + p).filter((f) => f.endsWith('.js')).sort().map((f) => `${p}/${f}`)));
}

/** The string literals of a JS source: [{ value, line }]. Quoted strings whole; template literals
 *  as their fixed parts; comments and regular-expression literals skipped. */
export function stringLiterals(src) {
  const out = [];
  let i = 0, line = 1, prev = '';   // prev: the last significant character (regex or division?)
  const step = () => { if (src[i] === '\n') line++; i++; };
  function quoted(q) {
    const start = line;
    let v = '';
    step();
    while (i < src.length && src[i] !== q) {
      if (src[i] === '\\') { v += src[i + 1]; step(); step(); } else { v += src[i]; step(); }
    }
    step();
    out.push({ value: v, line: start });
  }
  function template() {
    step();
    let v = '', start = line;
    while (i < src.length && src[i] !== '`') {
      if (src[i] === '\\') { v += src[i + 1]; step(); step(); } else if (src[i] === '$' && src[i + 1] === '{') {
        out.push({ value: v, line: start });
        step(); step();
        code('}');
        step();
        v = ''; start = line;
      } else { v += src[i]; step(); }
    }
    step();
    out.push({ value: v, line: start });
  }
  function regex() {
    step();
    let inClass = false;
    while (i < src.length && (inClass || src[i] !== '/')) {
      if (src[i] === '\\') step();
      else if (src[i] === '[') inClass = true;
      else if (src[i] === ']') inClass = false;
      step();
    }
    step();
  }
  function code(close) {
    let depth = 0;
    while (i < src.length) {
      const c = src[i], n = src[i + 1];
      if (c === close && depth === 0) return;
      if (c === '/' && n === '/') { while (i < src.length && src[i] !== '\n') step(); continue; }
      if (c === '/' && n === '*') { while (i < src.length && !(src[i] === '*' && src[i + 1] === '/')) step(); step(); step(); continue; }
      if (c === '\'' || c === '"') { quoted(c); prev = 'a'; continue; }
      if (c === '`') { template(); prev = 'a'; continue; }
      if (c === '/' && (prev === '' || '(,=:[!&|?{};+-*%<>~^'.includes(prev))) { regex(); prev = 'a'; continue; }
      if (c === '{') depth++;
      if (c === '}') depth--;
      if (!/\s/.test(c)) prev = /[\w$)\]]/.test(c) ? 'a' : c;
      step();
    }
  }
  code(null);
  return out;
}

test('the literal scanner finds strings, template parts and skips comments and regexes', () => {
  const found = stringLiterals("// it's 'a'\nconst x = 'b' + \"c\"; /* 'd' */ const r = /'e'/g;\nf(`g${h('i')}j`);").map((s) => s.value);
  assert.deepEqual(found, ['b', 'c', 'g', 'i', 'j']);
});

test('no catalog entry name is typed in the By hand panel, the inside views, the boundary or the network drawing', () => {
  const c = nn.catalog;
  const names = new Map();
  for (const family of ['activations', 'losses', 'optimizers', 'initializers', 'datasets']) {
    for (const r of c[family]) names.set(typeof r === 'string' ? r : r.name, family);
  }
  const found = [];
  for (const file of files()) {
    for (const { value, line } of stringLiterals(readFileSync(ROOT + file, 'utf8'))) {
      if (!names.has(value) || ALLOWED.some(([f, v]) => f === file && v === value)) continue;
      found.push(`${file}:${line}: '${value}' (${names.get(value)})`);
    }
  }
  assert.deepEqual(found, [], `names typed instead of read from the catalog:\n${found.join('\n')}`);
});
