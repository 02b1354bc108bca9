// export/model.mjs — a saved network document read into what every exporter needs: each layer's
// W (units × fanIn, row-major, as torch.nn.Linear) and b with its activation's row, the loss row and
// whether it is fused with the output activation (the core computes dZ from the logits then), the
// optimizer's row, hyperparameters and state, L1/L2, the input standardizer and the inputs' names.
import { fail, show } from '../errors.mjs';

/** A Python identifier (also fine as an ONNX doc string): a letter or _, then letters, digits, _. */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** options.inputNames: one identifier per input, in order (the page passes its features: 'x1',
 *  'x2', 'x1sq', 'sinx1'…); without it the inputs are x1, x2, … xn. */
export function readModel(doc, catalog, { inputNames } = {}) {
  const { spec } = doc;
  const names = inputNames ?? Array.from({ length: spec.inputs }, (_, i) => `x${i + 1}`);
  if (!Array.isArray(names) || names.length !== spec.inputs || !names.every((n) => typeof n === 'string' && IDENTIFIER.test(n))) {
    fail('options.inputNames', `must be ${spec.inputs} names (letters, digits, _), one per input (got ${show(inputNames)})`);
  }
  const row = (table, name) => catalog[table].find((r) => r.name === name);
  let fanIn = spec.inputs;
  const layers = spec.layers.map((layer, l) => {
    const units = layer.units, inputs = fanIn;
    fanIn = units;
    return {
      units, fanIn: inputs, activation: row('activations', layer.activation),
      W: Float32Array.from(doc.weights[l]), b: Float32Array.from(doc.biases[l]),
      // state[k]: slot k's values for this layer ({ W, b }), in the optimizer's slot order
      state: doc.optimizerState.slots.map((s) => ({ W: Float32Array.from(s.weights[l]), b: Float32Array.from(s.biases[l]) })),
    };
  });
  const loss = row('losses', spec.loss);
  const optimizer = row('optimizers', spec.optimizer.type);
  const hyperparameters = optimizer.hyperparameters.map((h) => ({ ...h, value: spec.optimizer[h.name] }));
  const output = layers[layers.length - 1];
  return {
    inputs: spec.inputs, outputs: output.units, layers, loss,
    fused: loss.fusedActivation === output.activation.name,
    optimizer, hyperparameters, step: doc.optimizerState.step,
    l1: spec.l1, l2: spec.l2,
    standardizer: doc.standardizer ?? null,
    inputNames: [...names],
    // "2 → 16 tanh → 1 sigmoid"
    description: [String(spec.inputs), ...layers.map((la) => `${la.units} ${la.activation.name}`)].join(' → '),
    // every activation row: a row's code may call another's function by name (numpy.mjs)
    activations: catalog.activations,
  };
}
