// memory.test.mjs — no leaks: 10,000 create/train/dispose cycles (and error paths) leave the
// wasm heap where it was, counted exactly in live allocations (nn.heapAllocations: the bytes, which
// include the allocator's history-dependent rounding, would not be exact).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nn } from './load.mjs';

test('10,000 create/train/dispose cycles leave the wasm heap where it was', () => {
  const d = nn.makeDataset('xor', { n: 40, seed: 1 });
  const y = nn.encodeTargets(d, 1, 'sigmoid');
  const cycle = (i) => {
    const net = nn.createNetwork({ layers: [{ units: 6, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }], seed: i });
    net.trainEpoch(d.x, y, d.n, { batchSize: 8 });
    net.predict(d.x, d.n);
    net.gradients(d.x, y, d.n);
    nn.loadNetwork(JSON.stringify(net)).dispose();
    assert.throws(() => net.trainBatch(d.x, y, d.n + 1));
    net.dispose();
  };
  for (let i = 0; i < 100; i++) cycle(i);  // warm-up: let the allocator reach its steady state
  const before = nn.heapAllocations();
  for (let i = 0; i < 10000; i++) cycle(i);
  const after = nn.heapAllocations();
  assert.equal(after, before, `live allocations went from ${before} to ${after}`);
});

test('heapAllocations is exact: a network holds the same number of allocations whatever the heap held before', () => {
  const spec = { layers: [{ units: 7, activation: 'tanh' }, { units: 3, activation: 'relu' }, { units: 1 }], optimizer: 'adam' };
  const single = (units) => ({ layers: [{ units }] });
  const base = nn.heapAllocations();
  const count = (s) => { const net = nn.createNetwork(s), held = nn.heapAllocations() - base; net.dispose(); return held; };
  const each = count(spec), perSingle = count(single(3));
  assert.ok(each > 0 && perSingle > 0);
  assert.equal(count(single(150)), perSingle, 'a count of allocations, not of bytes');
  assert.equal(nn.heapAllocations(), base);
  // networks made between allocations and frees of other sizes, so each lands on other free chunks
  const nets = [], singles = [];
  for (let i = 0; i < 50; i++) {
    singles.push(nn.createNetwork(single(1 + ((i * 37) % 200))));
    nets.push(nn.createNetwork(spec));
    if (i % 3 === 0) singles.shift().dispose();
  }
  assert.equal(nn.heapAllocations(), base + nets.length * each + singles.length * perSingle);
  [...nets, ...singles].forEach((net) => net.dispose());
  assert.equal(nn.heapAllocations(), base);
});
