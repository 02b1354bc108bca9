// export/model.mjs — a saved network document read into what every exporter needs: each layer's
// W (units × fanIn, row-major, as torch.nn.Linear) and b with its activation's row, the loss row and
// whether it is fused with the output activation (the core computes dZ from the logits then), the
// optimizer's row, hyperparameters and state, L1/L2 and the input standardizer.
export function readModel(doc, catalog) {
  const { spec } = doc;
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
    // "2 → 16 tanh → 1 sigmoid"
    description: [String(spec.inputs), ...layers.map((la) => `${la.units} ${la.activation.name}`)].join(' → '),
    // every activation row: a row's code may call another's function by name (numpy.mjs)
    activations: catalog.activations,
  };
}
