// export/onnx.mjs — net.export('onnx'): the network as an ONNX model (opset 17, IR version 8) for any
// ONNX runtime. Input "x" float32 (N, inputs), output "y" float32 (N, outputs), rows are samples, the
// batch dimension symbolic ("N"). The graph: the input standardizer if any (Sub mean, Div scale, in
// float32), then per layer Gemm(A, W, b, transB=1) with W (out, in) as torch.nn.Linear, then
// the activation, read from its row's code.onnx (an expression over x, the syntax in
// core/activations.hpp, parsed here).
// The bytes are written by the npm library onnx-proto (protobufjs static code), bundled into
// ./onnx-proto.mjs at build time (scripts/onnx-proto.mjs): no hand-written encoder.
import { onnx } from './onnx-proto.mjs';

const OPSET = 17;      // what python3-onnx 1.12's checker knows at most
const IR_VERSION = 8;  // the IR of opset 17 (ONNX 1.12)
const { FLOAT } = onnx.TensorProto.DataType;
const { AttributeType } = onnx.AttributeProto;

// --- code.onnx: the expression syntax ------------------------------------------------------------------

const NUMBER = /-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y;
const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;

/** Parses an activation's code.onnx into a tree: { input: true } for x, { number, text } for a
 *  constant, { op, attributes: [{ name, number, text }], args: [tree] } for an operator. */
export function parseExpression(source) {
  let at = 0;
  const fail = (what) => { throw new Error(`code.onnx: ${what} at character ${at} of "${source}"`); };
  const space = () => { while (/\s/.test(source[at] ?? '')) ++at; };
  const token = (re) => {
    space();
    re.lastIndex = at;
    const m = re.exec(source);
    if (m) at = re.lastIndex;
    return m?.[0] ?? null;
  };
  const eat = (c) => { space(); return source[at] === c ? (++at, true) : false; };
  const expect = (c) => eat(c) || fail(`'${c}' expected`);
  const number = () => {
    const text = token(NUMBER);
    return text === null ? null : { number: Number(text), text };
  };
  function term() {
    const constant = number();
    if (constant) return constant;
    const name = token(NAME) ?? fail('a number, x or an operator expected');
    space();
    if (name === 'x' && source[at] !== '(' && source[at] !== '[') return { input: true };
    const attributes = [];
    if (eat('[')) {
      do {
        const key = token(NAME) ?? fail('an attribute name expected');
        expect('=');
        attributes.push({ name: key, ...(number() ?? fail(`a number expected for ${key}`)) });
      } while (eat(','));
      expect(']');
    }
    expect('(');
    const args = [term()];
    while (eat(',')) args.push(term());
    expect(')');
    return { op: name, attributes, args };
  }
  const tree = term();
  space();
  if (at !== source.length) fail('the end expected');
  return tree;
}

/** An attribute: an INT when its value is written without a point or an exponent (axis=1), a FLOAT
 *  otherwise (alpha=1.0, alpha=0.01). */
function attribute({ name, number, text }) {
  return /^-?\d+$/.test(text) ? { name, type: AttributeType.INT, i: number } : { name, type: AttributeType.FLOAT, f: number };
}

// --- the graph ---------------------------------------------------------------------------------------

const tensor = (name, dims, values) => ({ name, dims, dataType: FLOAT, floatData: Array.from(values) });
const valueInfo = (name, columns, docString = '') => ({
  name, docString, type: { tensorType: { elemType: FLOAT, shape: { dim: [{ dimParam: 'N' }, { dimValue: columns }] } } },
});

/** A name not yet in `used` (a second layer1/Mul is layer1/Mul_2), now in it. */
function unique(used, name) {
  let u = name;
  for (let k = 2; used.has(u); ++k) u = `${name}_${k}`;
  used.add(u);
  return u;
}

/** Nodes and initializers, with unique names (tensors and nodes apart, as ONNX keeps them). */
function graphBuilder() {
  const node = [], initializer = [], tensors = new Set(), nodes = new Set(), constants = new Map();
  const fresh = (name) => unique(tensors, name);
  return {
    node, initializer, fresh,
    /** A node opType(input) → output (a tensor name already fresh); its name defaults to the output's. */
    add(opType, input, output, attributes = [], name = output) {
      node.push({ opType, name: unique(nodes, name), input, output: [output], attribute: attributes.map(attribute) });
      return output;
    },
    initialize(name, dims, values) {
      const unique = fresh(name);
      initializer.push(tensor(unique, dims, values));
      return unique;
    },
    /** A float32 scalar, one initializer per value (const/20, const/0.5). */
    constant(number, text) {
      const key = Math.fround(number);
      if (!constants.has(key)) constants.set(key, this.initialize(`const/${text}`, [], [number]));
      return constants.get(key);
    },
  };
}

/** The activation's expression over `input`, its value named `output`; returns nothing. */
function activation(graph, tree, input, output, prefix) {
  const emit = (t, name) => {
    if (t.input) return name ? graph.add('Identity', [input], name, [], `${prefix}/Identity`) : input;
    if ('number' in t) return name ? graph.add('Identity', [graph.constant(t.number, t.text)], name) : graph.constant(t.number, t.text);
    const args = t.args.map((a) => emit(a, null));
    return graph.add(t.op, args, name ?? graph.fresh(`${prefix}/${t.op}`), t.attributes, `${prefix}/${t.op}`);
  };
  emit(tree, output);
}

/** model: readModel's. Returns the ModelProto's bytes (a Uint8Array). */
export function write(model) {
  const graph = graphBuilder();
  graph.fresh('x');
  graph.fresh('y');
  let A = 'x';  // (N, fanIn)
  if (model.standardizer) {
    // x' = (x − mean) / scale in float32 (the core computes it in double and rounds once; float32
    // keeps the model runnable where double kernels are missing). The mean goes in two parts, its
    // float32 rounding and what that left out: x − mean_hi is exact near the mean, so a large mean
    // over a small scale (1000.1 / 0.001) keeps its precision (one part alone was 1e-3 off).
    const { mean, scale } = model.standardizer;
    const hi = Float32Array.from(mean);
    const lo = Float32Array.from(mean, (m, k) => m - hi[k]);
    const rough = graph.add('Sub', [A, graph.initialize('input/mean_hi', [model.inputs], hi)], graph.fresh('input/centered_hi'), [], 'input/Sub_hi');
    const centered = graph.add('Sub', [rough, graph.initialize('input/mean_lo', [model.inputs], lo)], graph.fresh('input/centered'), [], 'input/Sub_lo');
    A = graph.add('Div', [centered, graph.initialize('input/scale', [model.inputs], scale)], graph.fresh('input/standardized'), [], 'input/Div');
  }
  model.layers.forEach((layer, l) => {
    const prefix = `layer${l + 1}`;
    // Z (N, units) = A (N, fanIn) · Wᵀ (fanIn, units) + b (units)
    const W = graph.initialize(`${prefix}/W`, [layer.units, layer.fanIn], layer.W);
    const b = graph.initialize(`${prefix}/b`, [layer.units], layer.b);
    const Z = graph.add('Gemm', [A, W, b], graph.fresh(`${prefix}/Z`), [{ name: 'transB', number: 1, text: '1' }], `${prefix}/Gemm`);
    const output = l === model.layers.length - 1 ? 'y' : graph.fresh(`${prefix}/A`);
    activation(graph, parseExpression(layer.activation.code.onnx), Z, output, prefix);
    A = output;
  });
  const doc = `${model.description}, exported by nn-by-hand: input x (N, ${model.inputs}) float32, one row per sample`
    + `${model.standardizer ? ', standardized inside the graph ((x − mean) / scale)' : ''}; output y (N, ${model.outputs}).`;
  const proto = onnx.ModelProto.create({
    irVersion: IR_VERSION,
    opsetImport: [{ domain: '', version: OPSET }],
    producerName: 'nn-by-hand',
    docString: doc,
    graph: {
      name: 'nn-by-hand network', docString: model.description,
      node: graph.node, initializer: graph.initializer,
      input: [valueInfo('x', model.inputs, `columns: ${model.inputNames.join(', ')}`)], output: [valueInfo('y', model.outputs)],
    },
  });
  return onnx.ModelProto.encode(proto).finish();
}
