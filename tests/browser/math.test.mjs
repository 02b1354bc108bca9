// math.test.mjs — the "By hand" panel in headless Chromium, driven through its controls. For a
// 2→4→3 softmax network: the typeset shapes (read from KaTeX's MathML annotations), the displayed
// dW against gradients() computed in Node for the same mini-batch, the step-through's order (the
// equation block and the network diagram's layer), the previewed ΔW against the step training
// really takes, the gradient check, tooltips, an advice link, no console errors; screenshots.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SCREENSHOTS, startBrowserAndModule, button, canvasesFit, enterNumber } from './browser.mjs';
import { networkSpec, outputUnits } from '../../web/js/config.js';
import { decodeHash } from '../../web/js/hash.js';
import { expandFeatures } from '../../web/js/features.js';

const HASH = '#dataset=spiral&classes=3&layers=4tanh&output=softmax&loss=categorical_crossentropy&optimizer=adam&lr=0.01&batch=10';
const ORDER = ['forward-1', 'forward-2', 'loss', 'backward-2', 'backward-1', 'update'];
const README_SHOT = fileURLToPath(new URL('./screenshots/by-hand.png', import.meta.url));
let browser, nn;

before(async () => ({ browser, nn } = await startBrowserAndModule()));
after(() => browser?.close());

const squash = (s) => s.replace(/\s+/g, '');
const num = (text) => Number(text.replace(/−/g, '-'));

/** The page's network and its first training mini-batch, rebuilt in Node as the worker does. */
function reference(hash) {
  const { config } = decodeHash(nn.catalog, hash);
  const outputs = outputUnits(nn.catalog, config);
  const ds = nn.makeDataset(config.dataset, { n: config.points, noise: config.noise, classes: config.classes, seed: config.seed });
  const { train } = nn.splitDataset(ds, config.testRatio, config.seed, { byPoint: true });
  const k = config.features.length, m = config.batchSize;
  const x = expandFeatures(train.x, train.n, config.features).slice(0, m * k);
  const y = nn.encodeTargets(train, outputs, config.outputActivation).slice(0, m * outputs);
  return { net: nn.createNetwork(networkSpec(nn.catalog, config)), x, y, m, config };
}

/** Opens the page, scrolls to the panel and waits for KaTeX and the first values. */
async function open(hash) {
  const page = await browser.newPage();
  await page.goto(`${browser.url}index.html${hash}`);
  await page.waitForFunction(() => !document.getElementById('play').disabled);
  await page.locator('#by-hand').scrollIntoViewIfNeeded();
  await page.locator('#by-hand .eq-page[data-state=typeset] .katex').first().waitFor();
  await page.locator('#by-hand .mat-card').first().waitFor();
  return page;
}

/** The data-value of every cell of a (small) matrix card, row-major. */
const cardValues = (page, key) => page.locator(`#by-hand .mat-card[data-key="${key}"] td`).evaluateAll((tds) => tds.map((t) => [t.dataset.value, t.textContent]));
const showLayer = (page, l) => page.getByLabel('Show layer', { exact: true }).selectOption(String(l));
/** Waits until every equation is typeset and the canvases are drawn at the viewport's width. */
async function typesetAndDrawn(page, width) {
  await page.waitForFunction(() => document.querySelectorAll('#by-hand .eq-page:not([data-state=typeset])').length === 0);
  await canvasesFit(page, width);
}

test('a 2→4→3 softmax network: shapes, dW = gradients(), step order, ΔW = the real step, gradient check', async () => {
  const t0 = Date.now();
  const page = await open(HASH);

  // the typeset shapes (KaTeX keeps the TeX source in the MathML annotation)
  const annotations = await page.locator('#by-hand .eq-page .katex-mathml annotation').allTextContents();
  const tex = squash(annotations.join(' '));
  assert.ok(tex.includes(squash('W^{[1]} \\in \\mathbb{R}^{4 \\times 2}')), 'W[1] ∈ ℝ^{4×2}');
  assert.ok(tex.includes(squash('W^{[2]} \\in \\mathbb{R}^{3 \\times 4}')), 'W[2] ∈ ℝ^{3×4}');
  assert.ok(tex.includes(squash('dZ^{[2]} = A^{[2]} - Y')), 'the softmax + cross-entropy shortcut');
  assert.equal(await page.locator('#by-hand .tex-error').count(), 0);

  // step through one mini-batch: each stage in order, with the diagram's layer
  await button(page, 'Start step-through').click();
  const current = () => page.locator('#by-hand [aria-current=step]').getAttribute('data-step');
  await page.locator('#by-hand [aria-current=step]').waitFor();
  const seen = [], highlighted = [];
  for (let i = 0; i < ORDER.length; i++) {
    if (i > 0) await button(page, 'Next step').click();
    seen.push(await current());
    highlighted.push(await page.locator('#netview').getAttribute('data-highlight'));
    assert.match(await page.locator('#by-hand .bh-caption').innerText(), new RegExp(`^Step ${i + 1} of ${ORDER.length}`));
  }
  assert.deepEqual(seen, ORDER);
  assert.deepEqual(highlighted, ['1', '2', '2', '2', '1', '']);
  assert.ok(await button(page, 'Next step').isDisabled());
  await button(page, 'Previous step').click();
  assert.equal(await current(), 'backward-1');
  await button(page, 'Next step').click();

  // the displayed dW are gradients() of the same batch (the first mini-batch, before any step)
  const ref = reference(HASH);
  const g = ref.net.gradients(ref.x, ref.y, ref.m);
  for (const l of [1, 2]) {
    await showLayer(page, l);
    const cells = await cardValues(page, 'dW');
    assert.equal(cells.length, g.weights[l - 1].length, `dW[${l}] has every entry printed`);
    cells.forEach(([value, text], k) => {
      const want = g.weights[l - 1][k];
      assert.equal(Number(value), want, `dW[${l}] entry ${k}`);
      assert.ok(Math.abs(num(text) - want) <= 5e-3 * Math.abs(want) + 1e-9, `dW[${l}] entry ${k} printed ${text} for ${want}`);
    });
  }
  // dA, which the equations name: none for the fused softmax output (layer 2 is shown); layer 1's
  // is the trace's, one column per sample
  assert.equal(await page.locator('#by-hand .mat-card[data-key="dA"]').count(), 0, 'no dA card for the fused output layer');
  await showLayer(page, 1);
  const dA1 = ref.net.trace(ref.x, ref.y, ref.m).layers[0].dA;
  const dACard = page.locator('#by-hand .mat-card[data-key="dA"]');
  assert.equal(await dACard.getAttribute('data-shape'), `4x${ref.m}`, 'dA[1] ∈ ℝ^{4×m}');
  // 4 × 10 is drawn as a heatmap: hover the cell of neuron 3, sample 2 (row 2, column 1)
  const box = await dACard.locator('canvas').boundingBox();
  await page.mouse.move(box.x + (1.5 / ref.m) * box.width, box.y + (2.5 / 4) * box.height);
  const tipText = await page.getByRole('tooltip').innerText();
  assert.match(tipText, /^dA\[1\]₍₃,₂₎: error ∂ℓⱼ\/∂a of neuron 3 of layer 1, sample 2 of the training set = /);
  const wantDA = dA1[1 * 4 + 2];
  assert.ok(Math.abs(num(tipText.split('= ')[1]) - wantDA) <= 5e-3 * Math.abs(wantDA) + 1e-9, `dA[1]₍₃,₂₎ printed ${tipText} for ${wantDA}`);
  await showLayer(page, 2);
  // hovering an entry names its link
  await page.locator('#by-hand .mat-card[data-key="W"] td[data-i="2"][data-j="0"]').hover();
  assert.match(await page.getByRole('tooltip').innerText(), /^W\[2\]₍₃,₁₎: weight from neuron 1 of layer 1 to neuron 3 of layer 2 \(output\) = −?[\d.]+/);

  // the previewed update is the step training takes: apply it, compare with Node's own step
  const delta = (await cardValues(page, 'ΔW')).map(([v]) => Number(v));
  const before = ref.net.getWeights(1);
  ref.net.trainBatch(ref.x, ref.y, ref.m);
  const after = ref.net.getWeights(1);
  assert.deepEqual(delta, [...after].map((w, k) => w - before[k]));
  assert.ok(!(await button(page, 'Apply update').isDisabled()));
  await button(page, 'Apply update').click();
  await page.waitForFunction(() => /Steps\s+1\b/.test(document.querySelector('[role=status]').innerText));
  await page.getByText('training samples 11–20').waitFor();
  assert.equal(await current(), 'forward-1', 'the next batch starts at the forward pass');
  await showLayer(page, 2);
  const W2 = (await cardValues(page, 'W')).map(([v]) => Number(v));
  assert.deepEqual(W2, [...after], 'the page trained exactly the previewed step');

  // gradient check on the current batch
  await button(page, 'Run gradient check').click();
  await page.locator('#by-hand .bh-table td[data-value]').first().waitFor();  // the worker's answer
  const errors = await page.locator('#by-hand .bh-table td[data-value]').evaluateAll((tds) => tds.map((t) => Number(t.dataset.value)));
  assert.equal(errors.length, 4, 'W and b of 2 layers');
  for (const e of errors) assert.ok(e < 1e-3, `relative error ${e}`);
  assert.match(await page.locator('#by-hand .bh-check').innerText(), /below 10⁻³ means backprop and finite differences agree/i);

  // a new learning rate while stepping: the update is previewed again, and the rule shows it
  await enterNumber(page.getByLabel('Learning rate', { exact: true }), '0.02');
  await page.waitForFunction(() => [...document.querySelectorAll('#by-hand [data-step=update] annotation')]
    .some((a) => /\\eta\s*=\s*0\.02/.test(a.textContent)));
  assert.equal(await current(), 'forward-1');
  await button(page, 'Stop step-through').click();
  assert.equal(await page.locator('#by-hand [aria-current=step]').count(), 0);
  assert.equal(await page.locator('#netview').getAttribute('data-highlight'), '');
  ref.net.dispose();
  assert.deepEqual(page.problems, []);
  console.log(`# by-hand 2→4→3 softmax: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  await page.close();
});

test('advice: a sigmoid output with mse is explained and linked to its equation', async () => {
  const page = await open('#dataset=spiral&layers=8tanh,8tanh&output=sigmoid&loss=mse&batch=6');
  const display = (rows, name) => nn.catalog[rows].find((r) => r.name === name).display;
  const advice = page.locator('#by-hand .advice').filter({ hasText: `${display('activations', 'sigmoid')} output with ${display('losses', 'mse')}` });
  await advice.waitFor();
  assert.match(await advice.innerText(), /confidently wrong/);
  const url = page.url();
  await advice.getByRole('link', { name: 'See the equation' }).click();
  await page.locator('#byhand-backward-3.flash').waitFor();
  assert.equal(page.url(), url, 'the link does not touch the configuration hash');
  assert.equal(await page.locator('#notice').isHidden(), true);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('screenshots: the panel mid-step at 1440 wide, and on a phone without horizontal scrolling', async () => {
  const page = await open('#dataset=spiral&classes=3&layers=6tanh&output=softmax&loss=categorical_crossentropy&optimizer=sgd&lr=0.1&batch=8');
  for (let i = 1; i <= 3; i++) {   // a few epochs, so the values are those of a network that learns
    await button(page, 'Step epoch').click();
    await page.waitForFunction((n) => new RegExp(`Epoch\\s+${n}\\b`).test(document.querySelector('[role=status]').innerText), i);
  }
  await button(page, 'Start step-through').click();
  for (let i = 0; i < 3; i++) await button(page, 'Next step').click();   // backward through the output layer
  await page.locator('#by-hand [aria-current=step][data-step=backward-2]').waitFor();
  await page.setViewportSize({ width: 1440, height: 1400 });
  await page.evaluate(() => window.scrollTo(0, document.getElementById('by-hand').offsetTop - 70));
  await typesetAndDrawn(page, 1440);
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, 'by-hand-1440.png') });
  if (process.env.UPDATE_SCREENSHOT === '1') copyFileSync(join(SCREENSHOTS, 'by-hand-1440.png'), README_SHOT);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.locator('#by-hand [aria-current=step]').scrollIntoViewIfNeeded();
  await typesetAndDrawn(page, 390);
  await page.screenshot({ path: join(SCREENSHOTS, 'by-hand-390.png') });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no horizontal scrolling on a phone (overflow ${overflow}px)`);
  assert.deepEqual(page.problems, []);
  await page.close();
});
