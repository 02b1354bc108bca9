// export/python.mjs — what the two Python exporters write alike: numbers that read back as the same
// float32, matrices laid out one row a line, snake_case names, the file's docstring and the
// `python3 model.py data.csv` entry point.

/** The shortest decimal that reads back as the same float32 (as numpy prints float32), always with
 *  a point or an exponent, so Python reads a float. */
export function f32(x) {
  const v = Math.fround(x);
  if (!Number.isFinite(v)) throw new Error(`export: ${x} is not a finite float32`);
  let s = String(v);
  for (let p = 1; p <= 9; ++p) {
    const t = v.toPrecision(p);
    if (Math.fround(Number(t)) === v) { s = String(Number(t)); break; }
  }
  return /[.e]/.test(s) ? s : `${s}.0`;
}

/** A double hyperparameter as Python reads it (17 significant digits at most, always a float). */
export function float(x) {
  const s = String(x);
  return /[.e]/.test(s) ? s : `${s}.0`;
}

/** A (rows, cols) row-major array as a nested Python list, one row a line. */
export function matrix(values, rows, cols, indent = '    ') {
  const lines = [];
  for (let r = 0; r < rows; ++r) {
    lines.push(`${indent}[${Array.from(values.subarray(r * cols, (r + 1) * cols), f32).join(', ')}],`);
  }
  return `[\n${lines.join('\n')}\n${indent.slice(4)}]`;
}

/** A vector as a flat Python list. */
export function vector(values) {
  return `[${Array.from(values, f32).join(', ')}]`;
}

/** learningRate → learning_rate */
export const snake = (name) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** A catalog code field (statements, then a value on its last line) as a function body. */
export function body(code, indent = '    ') {
  const lines = code.split('\n');
  lines[lines.length - 1] = `return ${lines[lines.length - 1]}`;
  return lines.map((line) => indent + line).join('\n');
}

/** What a hyperparameter's value is called in the optimizer's row, with its value. */
export function hyperparameterLines(model) {
  return model.hyperparameters.map((h) => `${snake(h.name)} = ${float(h.value)}`);
}

/** `python3 model.py data.csv`: reads the CSV's first `inputs` columns (a first line with no number
 *  among them is a header, skipped and said on stderr; a UTF-8 BOM is not data), prints one line of
 *  predictions per row. */
export function scriptMain(model) {
  return `if __name__ == "__main__":
    import sys
    if len(sys.argv) != 2:
        sys.exit(f"usage: python3 {sys.argv[0]} data.csv  (the first ${model.inputs} columns are the inputs ${model.inputNames.join(', ')}; prints predictions)")
    with open(sys.argv[1], newline="", encoding="utf-8-sig") as f:  # utf-8-sig: a spreadsheet's BOM is not data
        rows = [line.split(",") for line in f.read().splitlines() if line.strip()]

    def number(cell):
        try:
            float(cell)
            return True
        except ValueError:
            return False

    if rows and not any(number(cell) for cell in rows[0][:${model.inputs}]):
        print(f"skipped the header line: {','.join(rows[0]).strip()}", file=sys.stderr)
        rows = rows[1:]
    X = np.array([[float(v) for v in r[:${model.inputs}]] for r in rows], dtype=np.float32).reshape(-1, ${model.inputs})
    for p in predict(X):
        print(",".join(repr(float(v)) for v in p))
`;
}
