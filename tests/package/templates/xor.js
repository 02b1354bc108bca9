// xor.js — what every consumer project does with the package, whatever loads it: train XOR,
// predict the four corners, and meet an NNError. The harness copies it into each project (as
// CommonJS for the require() consumer); the numbers must be the same everywhere.
export function trainXor(nn, NNError) {
  const data = nn.makeDataset('xor', { n: 200, seed: 1 });
  const net = nn.createNetwork({
    inputs: 2,
    layers: [{ units: 8, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }],
    loss: 'binary_crossentropy',
    optimizer: { type: 'adam', learningRate: 0.03 },
    seed: 1,
  });
  const y = nn.encodeTargets(data, 1, 'sigmoid');
  let loss = NaN;
  for (let epoch = 0; epoch < 100; epoch++) loss = net.trainEpoch(data.x, y, data.n, { batchSize: 10 });
  const { accuracy } = net.evaluate(data.x, y, data.n);
  const predictions = Array.from(net.predict(new Float32Array([4, 4, -4, 4, -4, -4, 4, -4]), 4));
  net.dispose();
  let error = null;
  try {
    nn.createNetwork({ layers: [{ units: 0 }] });
  } catch (e) {
    error = { isNNError: e instanceof NNError, isError: e instanceof Error, name: e.name, field: e.field, message: e.message };
  }
  return { loss, accuracy, predictions, error };
}
