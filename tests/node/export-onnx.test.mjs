// export-onnx.test.mjs — net.export('onnx') run where ONNX models run: every export case (every
// activation hidden and output, every loss and optimizer, the standardizer) executed by onnxruntime-web
// (its wasm backend, in Node) must predict what net.predict does within 1e-5 relative, on the batch
// and far outside the training range (|x| up to 50, where a careless exp overflows); every model must
// pass python3-onnx's checker with full_check (shape inference included), all in one python process;
// and the file must say what it is (opset 17, IR 8, producer, description, readable unique names).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-web';
import { nn } from './load.mjs';
import { catalog } from '../../web/js/catalog.js';
import { covered, exportCases, python, relativeDifference } from './export-cases.mjs';

const { onnx } = await import(new URL('../../dist/lib/export/onnx-proto.mjs', import.meta.url).href);
const { parseExpression } = await import(new URL('../../dist/lib/export/onnx.mjs', import.meta.url).href);

ort.env.wasm.numThreads = 1;
const TOLERANCE = 1e-5;

const cases = exportCases(nn);
const models = [];  // models[i]: cases[i]'s exported bytes
let scratch;
before(async () => {
  for (const c of cases) models.push(await c.net.export('onnx'));
  scratch = mkdtempSync(join(tmpdir(), 'nn-onnx-'));
});
after(() => {
  cases.forEach((c) => c.net.dispose());
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** n rows of inputs spread over [−50, 50], both ends included (every row a different mix). */
function farInputs(inputs, n = 12) {
  const values = [-50, -37, -21, -9.5, -2, 0, 1.5, 7, 18, 33, 50];  // (k·5 + row) mod 11: rows differ
  return Float32Array.from({ length: n * inputs }, (_, k) => values[(k * 5 + Math.floor(k / inputs)) % values.length]);
}

test('the cases cover every activation of the catalog, as a hidden and as an output layer', () => {
  const names = covered(cases);
  const all = catalog.activations.map((a) => a.name).sort();
  assert.deepEqual([...names.hidden].sort(), all);
  assert.deepEqual([...names.output].sort(), all);
});

test('onnxruntime-web predicts what net.predict does, within 1e-5 relative, on the batch and for |x| up to 50', async (t) => {
  const largest = {};  // per kind of input: { difference, where }
  for (const [i, c] of cases.entries()) {
    const session = await ort.InferenceSession.create(models[i]);
    try {
      const { inputs } = c.net.spec;
      const standardized = c.net.toJSON().standardizer ? ', standardized' : '';
      for (const [what, x, n] of [['batch', c.x, c.n], ['|x| ≤ 50', farInputs(inputs), 12]]) {
        const { y } = await session.run({ x: new ort.Tensor('float32', x, [n, inputs]) });
        const ours = c.net.predict(x, n);
        assert.deepEqual(y.dims, [n, ours.length / n], `${c.name}: y's shape`);
        assert.ok(y.data.every(Number.isFinite), `${c.name}, ${what}: finite predictions (${y.data})`);
        const difference = relativeDifference(y.data, ours);
        assert.ok(difference <= TOLERANCE, `${c.name}, ${what}: relative difference ${difference}`);
        const kind = what + standardized;
        if (difference >= (largest[kind]?.difference ?? 0)) largest[kind] = { difference, where: c.name };
      }
    } finally {
      await session.release();
    }
  }
  for (const [kind, { difference, where }] of Object.entries(largest)) {
    t.diagnostic(`largest prediction difference, ${kind}: ${difference.toExponential(2)} (${where})`);
  }
});

test('python3-onnx: onnx.checker.check_model(full_check=True) accepts every model; x and y as promised', () => {
  const paths = models.map((bytes, i) => {
    const path = join(scratch, `case${i}.onnx`);
    writeFileSync(path, bytes);
    return path;
  });
  const script = `
import json, sys, onnx
dims = lambda v: [d.dim_param or d.dim_value for d in v.type.tensor_type.shape.dim]
out = []
for path in json.load(sys.stdin):
    m = onnx.load(path)
    onnx.checker.check_model(m, full_check=True)
    g = m.graph
    out.append({'ir': m.ir_version, 'opset': [[o.domain, o.version] for o in m.opset_import], 'producer': m.producer_name,
                'x': [v.name for v in g.input] + dims(g.input[0]), 'y': [v.name for v in g.output] + dims(g.output[0]),
                'type': [g.input[0].type.tensor_type.elem_type, g.output[0].type.tensor_type.elem_type]})
print(json.dumps(out))
`;
  const checked = JSON.parse(python(script, { input: JSON.stringify(paths) }));
  assert.equal(checked.length, cases.length);
  checked.forEach((m, i) => {
    const { spec } = cases[i].net;
    assert.deepEqual(m, { ir: 8, opset: [['', 17]], producer: 'nn-by-hand', x: ['x', 'N', spec.inputs],
      y: ['y', 'N', spec.layers.at(-1).units], type: [1, 1] }, cases[i].name);
  });
});

test('a model reads as what it is: Gemm per layer with W (out, in), the description, readable unique names', async (t) => {
  for (const [i, c] of cases.entries()) {
    const model = onnx.ModelProto.decode(models[i]);
    const { graph } = model;
    const { spec } = c.net;
    assert.ok(model.docString.startsWith(`${spec.inputs} → ${spec.layers.map((l) => `${l.units} ${l.activation}`).join(' → ')}, exported by nn-by-hand`), model.docString);
    const outputs = graph.node.flatMap((n) => n.output);
    assert.equal(new Set(outputs).size, outputs.length, `${c.name}: each tensor written once`);
    assert.equal(new Set(graph.node.map((n) => n.name)).size, graph.node.length, `${c.name}: unique node names`);
    const gemms = graph.node.filter((n) => n.opType === 'Gemm');
    assert.deepEqual(gemms.map((n) => n.output[0]), spec.layers.map((_, l) => `layer${l + 1}/Z`));
    spec.layers.forEach((layer, l) => {
      const W = graph.initializer.find((init) => init.name === `layer${l + 1}/W`);
      assert.deepEqual(W.dims.map(Number), [layer.units, l === 0 ? spec.inputs : spec.layers[l - 1].units]);
    });
    assert.ok(outputs.includes('y'));
    spec.layers.slice(0, -1).forEach((_, l) => assert.ok(outputs.includes(`layer${l + 1}/A`), `${c.name}: layer${l + 1}/A`));
    const standardized = c.net.toJSON().standardizer != null;
    // the standardizer: x − mean's float32 part − the rest, / scale
    assert.equal(graph.node.slice(0, 3).map((n) => n.opType).join(), standardized ? 'Sub,Sub,Div' : graph.node.slice(0, 3).map((n) => n.opType).join());
    if (!standardized) assert.equal(graph.node[0].opType, 'Gemm');
  }
  const net = nn.createNetwork({ inputs: 2, layers: [{ units: 16, activation: 'tanh' }, { units: 16, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }],
    loss: 'binary_crossentropy', optimizer: 'adam', seed: 1 });
  try {
    const bytes = await net.export('onnx');
    assert.ok(bytes instanceof Uint8Array);
    t.diagnostic(`2 → 16 tanh → 16 tanh → 1 sigmoid: ${bytes.length} bytes (${(2 * 16 + 16 + 16 * 16 + 16 + 16 + 1)} parameters)`);
  } finally {
    net.dispose();
  }
});

test('code.onnx syntax: attributes written without a point are INT, with one FLOAT; numbers are constants; a malformed expression is named', () => {
  assert.deepEqual(parseExpression('Softmax[axis=1](x)'), { op: 'Softmax', attributes: [{ name: 'axis', number: 1, text: '1' }], args: [{ input: true }] });
  assert.deepEqual(parseExpression(' Mul( x , Elu[alpha=1.0]( x ) ) ').args[1].attributes, [{ name: 'alpha', number: 1, text: '1.0' }]);
  assert.deepEqual(parseExpression('Greater(x, -2.5e-3)').args[1], { number: -0.0025, text: '-2.5e-3' });
  for (const bad of ['Mul(x, )', 'Relu(x', 'Relu(x) x', 'Elu[alpha](x)', 'x(', '']) {
    assert.throws(() => parseExpression(bad), /^Error: code\.onnx: .* at character \d+ of "/, bad);
  }
  // every row of the table parses, and its attributes type as ONNX expects them (checked above by onnx.checker)
  for (const a of catalog.activations) assert.doesNotThrow(() => parseExpression(a.code.onnx), a.name);
});
