// embed.test.mjs — the minimal embedding page trains XOR in a module worker in real Chromium,
// and its numbers equal what the same module computes in Node for the same seed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowser, SCREENSHOTS } from './browser.mjs';

const { loadNN } = await import(new URL('../../dist/lib/nn.mjs', import.meta.url).href);

// The run embed-worker.js makes: computed again in Node and on the page's main thread.
const XOR = {
  data: { n: 200, noise: 0, seed: 1 },
  spec: { inputs: 2, layers: [{ units: 8, activation: 'tanh' }, { units: 1, activation: 'sigmoid' }],
    loss: 'binary_crossentropy', optimizer: { type: 'adam', learningRate: 0.03 }, seed: 1 },
  epochs: 200,
  batchSize: 10,
};

test('embed.html trains XOR in a module worker, the module also loads on the main thread, and both match Node', async () => {
  const nn = await loadNN();  // the reference run, in Node, same module, same seed
  const data = nn.makeDataset('xor', XOR.data);
  const net = nn.createNetwork(XOR.spec);
  const y = nn.encodeTargets(data, 1, 'sigmoid');
  let loss;
  for (let e = 0; e < XOR.epochs; e++) loss = net.trainEpoch(data.x, y, data.n, { batchSize: XOR.batchSize });

  const browser = await startBrowser({ viewport: { width: 900, height: 700 } });
  try {
    const page = await browser.newPage();
    await page.goto(`${browser.url}embed.html`);
    await page.getByRole('status').filter({ hasText: 'Done' }).waitFor();
    assert.equal(await page.locator('#accuracy').textContent(), '100.0%');
    assert.equal(await page.locator('#loss').textContent(), loss.toFixed(4));
    const cells = await page.locator('#predictions tr').evaluateAll((trs) =>
      trs.map((tr) => Array.from(tr.children, (td) => td.textContent)));
    assert.equal(cells.length, 4);
    for (const [, , expected, p] of cells) assert.equal(Number(p) > 0.5, expected === '1');
    await page.screenshot({ path: `${SCREENSHOTS}embed.png` });

    // The same dist/lib/nn.mjs also loads on a page's main thread, with no options and with an
    // explicit wasm location, and computes the same numbers as Node.
    const fromPage = await page.evaluate(async (run) => {
      const { loadNN } = await import('./lib/nn.mjs');
      const results = [];
      for (const options of [undefined, { wasmUrl: new URL('./lib/nn_wasm.wasm', location.href).href }]) {
        const nn = await loadNN(options);
        const d = nn.makeDataset('xor', run.data);
        const net = nn.createNetwork(run.spec);
        const y = nn.encodeTargets(d, 1, 'sigmoid');
        let loss;
        for (let e = 0; e < run.epochs; e++) loss = net.trainEpoch(d.x, y, d.n, { batchSize: run.batchSize });
        let message = '';
        try { nn.createNetwork({ layers: [{ units: 0 }] }); } catch (e) { message = e.message; }
        results.push({ loss, message });
        net.dispose();
      }
      return results;
    }, XOR);
    for (const r of fromPage) {
      assert.equal(r.loss, loss);
      assert.match(r.message, /^layers\[0\]\.units: must be an integer from 1/);
    }
    assert.deepEqual(page.problems, []);
  } finally {
    await browser.close();
    net.dispose();
  }
});
