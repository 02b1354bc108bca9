// errors.mjs — the API's one error class and the checks every module of the facade shares: a
// message starts with the field it names and quotes at most ~100 characters of a value.

/** The one error class of the API: `field` is the dotted path of what was wrong ("layers[0].units",
 *  "x", "json"), or '' when no one field is to blame; the message starts with it. */
export class NNError extends Error {
  constructor(field, message) {
    super(message);
    this.name = 'NNError';
    this.field = field;
  }
}
export function fail(field, detail) { throw new NNError(field, field ? `${field}: ${detail}` : detail); }
// A value inside a message: at most ~100 characters of it.
export function show(v) {
  let s;
  try { s = typeof v === 'string' ? JSON.stringify(v) : Array.isArray(v) ? `an array of ${v.length}` : String(v); } catch { s = typeof v; }
  return s.length > 100 ? `${s.slice(0, 100)}… (${s.length} characters)` : s;
}
/** options as an object ({} when not given). */
export function optionsOf(options) {
  if (options === undefined || options === null) return {};
  if (typeof options !== 'object') fail('options', `must be an object (got ${show(options)})`);
  return options;
}
