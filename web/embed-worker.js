// embed-worker.js — the minimal embedding example's worker: loads the module, trains XOR and
// posts the result. Module workers cannot use import maps, so the module is imported by URL.
import { loadNN } from './lib/nn.mjs';

const nn = await loadNN();
const data = nn.makeDataset('xor', { n: 200, noise: 0, seed: 1 });
const net = nn.createNetwork({
  inputs: 2,
  layers: [{ units: 8, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }],
  loss: 'binary_crossentropy',
  optimizer: { type: 'adam', learningRate: 0.03 },
  seed: 1,
});
const y = nn.encodeTargets(data, 1, 'sigmoid');
const started = performance.now();
let loss = NaN;
for (let epoch = 1; epoch <= 200; epoch++) {
  loss = net.trainEpoch(data.x, y, data.n, { batchSize: 10 });
  if (epoch % 20 === 0) postMessage({ type: 'progress', epoch, loss });
}
const corners = new Float32Array([-4, -4, -4, 4, 4, -4, 4, 4]);
postMessage({
  type: 'done',
  epochs: 200,
  loss,
  ms: performance.now() - started,
  ...net.evaluate(data.x, y, data.n),
  corners: Array.from(corners),
  predictions: Array.from(net.predict(corners, 4)),
});
net.dispose();
