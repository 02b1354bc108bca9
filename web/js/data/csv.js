// csv.js — the user's data as text: the CSV file format (x1, x2, label | target; header optional)
// and the rows codec the URL hash and model files reuse. Parsing is strict and every error names
// its line ("line 7: x2 is not a number ('abc')"), so a bad file never half-replaces the data.
// The rules (stated in the Import button's title and the README):
//   - a first row is a header only if none of its fields is a number; its third name may say
//     the kind ("label"/"class" → labels, "target"/"value"/"y" → regression targets);
//   - without that, whole numbers in the third column are class labels, and any fractional value
//     makes the column regression targets;
//   - classes are numbered from 1, as on the page (1 to catalog.limits.maxClasses); a header may
//     state the numbering ("class (1 to 3)", "label (from 0)"), and a file that does not state it
//     but has a label 0 is read as numbered from 0 (the import message says so): never a silent shift;
//   - the page writes "x1,x2,class (1 to k)" and labels 1…k;
//   - x1, x2 lie in the datasets' square ([−6, 6], catalog.limits.extent); a target is a finite float32 (|t| ≤ 3.4e38);
//   - at most 1,000,000 characters and 10,000 points.
// Numbers are written as the shortest decimal that reads back as the same float32, so export →
// import → export is byte-exact. No DOM here.
import { catalog } from '../catalog.js';

export const DATA_LIMITS = Object.freeze({
  maxPoints: 10000, maxBytes: 1_000_000, maxTarget: 3.4028234663852886e38,
  maxClasses: catalog.limits.maxClasses, extent: catalog.limits.extent,  // the core's, as its datasets
});

/** The shortest decimal text that reads back (through Math.fround) as the same float32 value. */
export function f32String(v) {
  const f = Math.fround(v);
  for (let p = 1; p <= 9; p++) {
    const s = String(Number(f.toPrecision(p)));
    if (Math.fround(Number(s)) === f) return s;
  }
  return String(f);
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const plural = (n, word) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
const quote = (s) => (s.length > 24 ? `${s.slice(0, 24)}…` : s);

/** A parser's error: the message names the row (`line 7: …`); `line` is its number (0: the whole file). */
export class RowError extends Error {
  constructor(line, message, unit = 'line') {
    super(line ? `${unit} ${line}: ${message}` : message);
    this.line = line;
  }
}

/** Reads one data row (3 strings) → { x1, x2, y } or throws the message for that row. */
function readRow(fields, regression) {
  const names = ['x1', 'x2', regression === true ? 'target' : regression === false ? 'label' : 'label or target'];
  if (fields.length !== 3) {
    throw new Error(`expected 3 values (x1, x2, ${names[2]}), found ${fields.length}`);
  }
  const v = fields.map((s, i) => {
    if (!NUMBER.test(s)) throw new Error(s === '' ? `${names[i]} is empty` : `${names[i]} is not a number ('${quote(s)}')`);
    return Number(s);
  });
  for (const i of [0, 1]) {
    if (!(Math.abs(v[i]) <= DATA_LIMITS.extent)) {
      throw new Error(`${names[i]} = ${quote(fields[i])} is outside the plot (−${DATA_LIMITS.extent} to ${DATA_LIMITS.extent})`);
    }
  }
  return { x1: Math.fround(v[0]), x2: Math.fround(v[1]), y: v[2], text: fields[2] };
}

function checkLabel(r, inferred, base) {
  const max = base + DATA_LIMITS.maxClasses - 1;
  if (!Number.isInteger(r.y)) return `label ${quote(r.text)} is not a whole number (labels are classes ${base} to ${max})`;
  if (r.y < base || r.y > max) {
    return `label ${quote(r.text)} is out of range (${base} to ${max}: up to ${DATA_LIMITS.maxClasses} classes, numbered from ${base})` +
      (inferred ? '; for regression targets, name the third column "target" in a header' : '');
  }
  return null;
}

/** The numbering a header's label column states: 0 ("from 0", "0 to 5", "0-based"), 1, or null. */
export function statedBase(name) {
  for (const base of [0, 1]) {
    if (new RegExp(`from ${base}\\b|(^|\\D)${base} ?(to|-|–|…)|${base ? 'one' : 'zero'}-based`).test(name)) return base;
  }
  return null;
}

function checkTarget(r) {
  if (!Number.isFinite(Math.fround(r.y))) return `target ${quote(r.text)} is too large (a 32-bit float holds up to ±3.4e38)`;
  return null;
}

/** Rows [{ line, fields }] → custom data { regression, x: [x1, x2, ...], y: [...] } (y: labels
 *  from 0), or throws a RowError naming the row. regression: true/false forces the kind; null
 *  infers it (all whole numbers → labels, else targets). unit names the rows in messages ('line',
 *  'point'); base: the number of the first class in the rows (links and model files: 0). */
export function readRows(rows, regression = null, unit = 'line', base = 0) {
  if (rows.length > DATA_LIMITS.maxPoints) {
    const extra = rows[DATA_LIMITS.maxPoints];
    throw new RowError(extra.line, `more than ${plural(DATA_LIMITS.maxPoints, 'point')}; the limit is ${DATA_LIMITS.maxPoints.toLocaleString('en-US')}`, unit);
  }
  const parsed = rows.map(({ line, fields }) => {
    try { return { line, ...readRow(fields, regression) }; } catch (e) { throw new RowError(line, e.message, unit); }
  });
  const reg = regression ?? !parsed.every((r) => Number.isInteger(r.y));
  for (const r of parsed) {
    const problem = reg ? checkTarget(r) : checkLabel(r, regression === null, base);
    if (problem) throw new RowError(r.line, problem, unit);
  }
  return {
    regression: reg,
    x: parsed.flatMap((r) => [r.x1, r.x2]),
    y: parsed.map((r) => (reg ? Math.fround(r.y) : r.y - base)),
  };
}

/** Parses a CSV file's text: { ok: true, data, base, stated } (base: the number the file's first
 *  class has, 1 or 0; stated: whether its header said so) or { ok: false, error, line } (line 0:
 *  the whole file). Throws only on a bug. */
export function parseCSV(text) {
  try {
    if (text.length > DATA_LIMITS.maxBytes) {
      throw new RowError(0, `The file is ${(text.length / 1e6).toFixed(1)} MB; the limit is ${plural(DATA_LIMITS.maxPoints, 'point')} (${DATA_LIMITS.maxBytes / 1e6} MB).`);
    }
    const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
    const first = lines.find((l) => l.trim() !== '');
    if (first === undefined) throw new RowError(0, 'The file is empty: expected rows of x1, x2, label (or target).');
    const sep = first.includes(',') ? ',' : first.includes(';') ? ';' : '\t';
    const split = (l) => l.split(sep).map((s) => s.trim().replace(/^"(.*)"$/, '$1').trim());
    let rows = [];
    lines.forEach((l, i) => { if (l.trim() !== '') rows.push({ line: i + 1, fields: split(l) }); });
    let regression = null, stated = null;
    const head = rows[0];
    if (!head.fields.some((s) => NUMBER.test(s))) {  // a header: no field is a number
      if (head.fields.length !== 3) throw new RowError(head.line, `expected 3 columns (x1, x2, label or target), found ${head.fields.length}`);
      const name = head.fields[2].toLowerCase();
      if (/label|class|category/.test(name)) regression = false;
      else if (/target|value|^y$|output/.test(name)) regression = true;
      stated = statedBase(name);
      rows = rows.slice(1);
      if (!rows.length) throw new RowError(head.line, 'a header but no data rows');
    }
    const zero = rows.some((r) => r.fields.length === 3 && NUMBER.test(r.fields[2]) && Number(r.fields[2]) === 0);
    const base = stated ?? (zero ? 0 : 1);
    const data = readRows(rows, regression, 'line', base);
    return { ok: true, data, base: data.regression ? 1 : base, stated: stated !== null };
  } catch (e) {
    if (!(e instanceof RowError)) throw e;
    return { ok: false, error: e.message, line: e.line };
  }
}

/** The data as CSV text: a header that states the numbering ("x1,x2,class (1 to 3)"; "x1,x2,target"),
 *  then one row per point with its class numbered from 1 (or its target), '\n' endings. */
export function formatCSV(data) {
  const k = data.regression ? 0 : data.y.reduce((m, l) => Math.max(m, l + 1), 2);
  const lines = [`x1,x2,${data.regression ? 'target' : `class (1 to ${k})`}`];
  for (let i = 0; i < data.y.length; i++) {
    lines.push(`${f32String(data.x[2 * i])},${f32String(data.x[2 * i + 1])},${data.regression ? f32String(data.y[i]) : data.y[i] + 1}`);
  }
  return lines.join('\n') + '\n';
}
