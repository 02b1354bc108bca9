// inside.test.mjs — issue 5 in headless Chromium: the network diagram (drawn neurons and links
// follow the architecture; a weight edited in place changes the prediction as σ(w·x + b) says),
// neuron maps in the big plot, gradient health (one series per layer), hidden space, confusion
// matrix; your own data (clicks add and remove points and training uses them; a CSV with a bad
// line is refused naming the line; CSV export → import → export is byte-exact; large data is left
// out of the link, saying so); model export → reload → import gives the same predictions.
// Nothing is timed: each check waits for the state the page reaches through its worker.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SCREENSHOTS, startBrowserAndModule, label, button, nextFrames, hashMatches, eventually, download, pause, workerSeen, canvasesFit, openPlayground, enterNumber, clickPlot, upload } from './browser.mjs';

const README_SHOT = fileURLToPath(new URL('./screenshots/inside.png', import.meta.url));
let browser, nn;

before(async () => ({ browser, nn } = await startBrowserAndModule()));
after(() => browser?.close());

// --- helpers -------------------------------------------------------------------------------------

const open = (hash = '') => openPlayground(browser, hash);

/** Waits until the diagram shows `neurons` neurons and `links` links (it redraws asynchronously). */
const drawn = (page, neurons, links) => page.waitForFunction(([n, l]) => {
  const c = document.getElementById('netview');
  return c.dataset.neurons === String(n) && c.dataset.links === String(l);
}, [neurons, links]);

/** What the diagram should draw for widths [inputs, ...hidden, outputs] (at most 8 per column). */
function expected(widths) {
  const shown = widths.map((w) => Math.min(8, w));
  return { neurons: shown.slice(1).reduce((a, b) => a + b, 0), links: shown.slice(1).reduce((s, w, i) => s + w * shown[i], 0) };
}

const gradSeries = (page) => page.evaluate(async () => {
  const { Chart } = await import('chart.js');
  return Chart.getChart(document.getElementById('gradients')).data.datasets.map((d) => d.label);
});

/** The boundary canvas's colour at data point (x1, x2). */
const pixel = (page, x1, x2) => page.locator('#boundary').evaluate((c, [a, b]) => {
  const px = Math.round(((a + 6) / 12) * c.width), py = Math.round(((6 - b) / 12) * c.height);
  return Array.from(c.getContext('2d').getImageData(px, py, 1, 1).data.slice(0, 3));
}, [x1, x2]);


const dataCount = async (page) => Number(/: ([\d,]+) points?/.exec(await page.locator('.data-count').innerText())[1].replace(/,/g, ''));


// the page's colour for p(class 2) = p (binary, sigmoid output): boundary.js's diverging scale
function expectedColor(p) {
  const v = 2 * p - 1, mid = [250, 250, 250], end = v < 0 ? [245, 147, 34] : [8, 119, 189];
  return mid.map((m, i) => Math.round(m + (end[i] - m) * Math.abs(v) * 0.62));
}
const close = (a, b, tol, what) => assert.ok(a.every((v, i) => Math.abs(v - b[i]) <= tol), `${what}: ${a} vs ${b}`);

// --- the network diagram ------------------------------------------------------------------------------

test('the diagram draws every neuron and link of the architecture; gradient health has one series per layer', async () => {
  const page = await open();
  let e = expected([2, 16, 16, 1]);
  await drawn(page, e.neurons, e.links);
  assert.equal(await page.locator('.net-node').count(), 2 + e.neurons);
  assert.deepEqual(await gradSeries(page), ['Layer 1', 'Layer 2', 'Output']);

  await enterNumber(label(page, 'Layer 1 units'), '3');
  await enterNumber(label(page, 'Layer 2 units'), '4');
  e = expected([2, 3, 4, 1]);
  await drawn(page, e.neurons, e.links);
  await button(page, 'Add layer').click();
  e = expected([2, 3, 4, 4, 1]);
  await drawn(page, e.neurons, e.links);
  assert.equal(await page.locator('.net-node').count(), 2 + e.neurons);
  assert.equal(await page.locator('.net-bias').count(), e.neurons);
  assert.deepEqual(await gradSeries(page), ['Layer 1', 'Layer 2', 'Layer 3', 'Output']);
  assert.equal(await label(page, 'Hidden space layer').locator('option').count(), 4);
  for (let i = 0; i < 3; i++) await button(page, 'Remove layer').click();
  e = expected([2, 1]);
  await drawn(page, e.neurons, e.links);
  assert.deepEqual(await gradSeries(page), ['Output']);

  // hovering a neuron shows its map in the big plot, with a caption; leaving restores the prediction
  await button(page, 'Add layer').click();          // from none: a layer of 8
  e = expected([2, 8, 1]);
  await drawn(page, e.neurons, e.links);
  await button(page, 'Step epoch').click();
  await page.waitForFunction(() => /Epoch\s+1\b/.test(document.querySelector('[role=status]').innerText));
  await nextFrames(page);  // the epoch's frame brought its grid: drawn at the next animation frame
  const prediction = await page.locator('#boundary').evaluate((c) => c.toDataURL());
  await button(page, 'Layer 1 neuron 2').hover();
  await page.waitForFunction(() => /Layer 1 neuron 2/.test(document.getElementById('boundary').getAttribute('aria-description')));
  await nextFrames(page);
  assert.notEqual(await page.locator('#boundary').evaluate((c) => c.toDataURL()), prediction, 'the plot shows the neuron');
  await page.mouse.move(5, 5);
  await page.waitForFunction(() => !document.getElementById('boundary').getAttribute('aria-description'));
  await nextFrames(page);
  assert.equal(await page.locator('#boundary').evaluate((c) => c.toDataURL()), prediction, 'back to the prediction');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('a weight and a bias edited in the diagram change the prediction as σ(w·x + b) says', async () => {
  const page = await open('#layers=&lr=0.01');
  await drawn(page, 1, 2);
  await button(page, 'Clear').click();               // no points over the plot: clean pixels
  await page.waitForFunction(() => /: 0 points/.test(document.querySelector('.data-count').innerText));
  /** Clicks the middle of the link between two nodes (named buttons) and types a value. */
  async function setWeight(from, to, name, value) {
    const a = await button(page, from).boundingBox(), b = await button(page, to).boundingBox();
    await page.mouse.click((a.x + a.width / 2 + b.x + b.width / 2) / 2, (a.y + a.height / 2 + b.y + b.height / 2) / 2);
    const input = page.getByRole('spinbutton', { name });
    await enterNumber(input, String(value));   // key by key, then Enter
    await input.waitFor({ state: 'hidden' });
  }
  await setWeight('Input x₁', 'Output neuron 1', 'Weight from x₁ to output neuron 1', 4);
  await setWeight('Input x₂', 'Output neuron 1', 'Weight from x₂ to output neuron 1', 0);
  await button(page, 'Bias of output neuron 1').click();
  const bias = page.getByRole('spinbutton', { name: 'Bias of output neuron 1' });
  await enterNumber(bias, '-2');
  const sigma = (z) => 1 / (1 + Math.exp(-z));
  // the worker applies the edit and sends a new grid: wait until the plot shows it
  await eventually(async () => {
    for (const x1 of [-3, 0.25, 0.5, 0.75, 3]) close(await pixel(page, x1, 2), expectedColor(sigma(4 * x1 - 2)), 10, `x1 = ${x1}`);
  });
  // flip the sign: the picture mirrors
  await setWeight('Input x₁', 'Output neuron 1', 'Weight from x₁ to output neuron 1', -4);
  await eventually(async () => {
    close(await pixel(page, -0.5, 2), expectedColor(sigma(2 - 2)), 10, 'x1 = −0.5 after the flip');
    close(await pixel(page, -1, 2), expectedColor(sigma(4 - 2)), 10, 'x1 = −1 after the flip');
  });
  // and the network itself holds exactly those numbers
  const model = JSON.parse(await download(page, 'Export model'));
  assert.deepEqual(model.weights.at(-1), [-4, 0]);
  assert.deepEqual(model.biases.at(-1), [-2]);
  const net = nn.loadNetwork(JSON.stringify(model));
  assert.equal(net.predict([0.25, 3], 1)[0], Math.fround(sigma(-3)));
  net.dispose();
  assert.deepEqual(page.problems, []);
  await page.close();
});

// --- your own data ----------------------------------------------------------------------------------------

test('clicks add and remove points, the link keeps them, and training uses them', async () => {
  const page = await open('#layers=4tanh&lr=0.03');
  await button(page, 'Clear').click();
  await page.waitForFunction(() => /: 0 points/.test(document.querySelector('.data-count').innerText));
  assert.equal(await label(page, 'Dataset').inputValue(), 'custom');
  await page.getByRole('radio', { name: 'Class 1' }).check();
  for (const y of [-3, -1, 1, 3]) for (const x of [-4, -2.5]) await clickPlot(page, x, y);
  for (const y of [-3, -1, 1, 3]) for (const x of [2.5, 4]) await clickPlot(page, x, y, ['Shift']);
  await page.waitForFunction(() => /: 16 points/.test(document.querySelector('.data-count').innerText));
  await clickPlot(page, 0.2, 5.5, ['Shift']);
  await page.waitForFunction(() => /: 17 points/.test(document.querySelector('.data-count').innerText));
  await clickPlot(page, 0.25, 5.45, ['Control']);                       // ctrl-click removes the nearest
  await page.waitForFunction(() => /: 16 points/.test(document.querySelector('.data-count').innerText));
  await hashMatches(page, /&data=c:(-?[\d.]+,-?[\d.]+,[01];){15}-?[\d.]+,-?[\d.]+,1$/);  // the points are in the link
  assert.match(await page.locator('.data-count').innerText(), /kept in the link/);

  await button(page, 'Play').click();
  await page.waitForFunction(() => /Train accuracy\s+100\.0%/.test(document.querySelector('[role=status]').innerText));
  await eventually(async () => {
    const [left, right] = [await pixel(page, -5, 0), await pixel(page, 5, 0)];
    assert.ok(left[0] > left[2] && right[2] > right[0], `orange left (${left}), blue right (${right})`);
  });
  // a point added while training: the run goes on (no restart) with one more point
  const epochNow = async () => Number(/Epoch\s+([\d,]+)/.exec(await page.locator('#status').innerText())[1].replace(/,/g, ''));
  const { builds } = await workerSeen(page);
  await clickPlot(page, 0, -5);
  await page.waitForFunction(() => /: 17 points/.test(document.querySelector('.data-count').innerText));
  const epoch = await epochNow();
  await page.waitForFunction((e) => Number(/Epoch\s+([\d,]+)/.exec(document.querySelector('[role=status]').innerText)[1].replace(/,/g, '')) > e, epoch);
  const after = await epochNow();
  assert.ok(after > epoch, `training continued (epoch ${epoch} → ${after})`);
  assert.equal((await workerSeen(page)).builds, builds, 'on the same network: no rebuild');
  await pause(page);

  // the same link in a new page brings the same points back
  await hashMatches(page, /&data=c:(-?[\d.]+,-?[\d.]+,[01];){16}-?[\d.]+,-?[\d.]+,[01]$/);
  const again = await open(new URL(page.url()).hash);
  assert.equal(await dataCount(again), 17);
  assert.equal(await label(again, 'Dataset').inputValue(), 'custom');
  assert.deepEqual([...page.problems, ...again.problems], []);
  await again.close();
  await page.close();
});

test('CSV: a bad line is refused by number and keeps the data; export → import → export is byte-exact', async () => {
  const page = await open('#dataset=moons&noise=0.3&points=300');
  const before = await dataCount(page);
  await upload(page, 'Import CSV', 'bad.csv', 'x1,x2,label\n1,2,0\n-1,0.5,1\n\n3,abc,1\n', { message: false });
  const alert = page.getByRole('alert').filter({ hasText: 'bad.csv' });
  await alert.waitFor();
  assert.match(await alert.innerText(), /line 5: x2 is not a number \('abc'\)/);
  assert.match(await alert.innerText(), /Nothing was changed/);
  assert.equal(await dataCount(page), before);
  assert.equal(await label(page, 'Dataset').inputValue(), 'moons');

  const a = await download(page, 'Export CSV');
  assert.equal(a.split('\n').length, 300 + 2, 'a header, 300 rows, a final newline');
  await upload(page, 'Import CSV', 'moons.csv', a, { message: false });
  await page.getByText('Imported 300 points (2 classes, numbered 1 to 2) from moons.csv').waitFor();
  assert.equal(await label(page, 'Dataset').inputValue(), 'custom');
  const b = await download(page, 'Export CSV');
  assert.equal(b, a, 'byte-exact');
  // 300 points are too many for a link: it says so, and so does a page opened from it
  await hashMatches(page, /&data=none:300/);
  assert.match(await page.locator('.data-count').innerText(), /not in the link/);
  const other = await open(new URL(page.url()).hash);
  await other.getByRole('alert').filter({ hasText: '300 points of your own' }).waitFor();
  assert.deepEqual([...page.problems, ...other.problems], []);
  await other.close();
  await page.close();
});

test('model export → reload → import: same configuration, same predictions on a grid', async () => {
  const hash = '#dataset=moons&noise=0.2&features=x1,x2,x1x2&layers=6relu,5elu&optimizer=rmsprop&lr=0.01&seed=7';
  const a = await open(hash);
  for (let i = 0; i < 3; i++) await button(a, 'Step epoch').click();
  await a.waitForFunction(() => /Epoch\s+3\b/.test(document.querySelector('[role=status]').innerText));
  await nextFrames(a);  // epoch 3's grid is drawn
  const file = await download(a, 'Export model');
  const shotA = await a.locator('#boundary').evaluate((c) => c.toDataURL());
  const statusA = await a.locator('#status').innerText();

  const b = await open('');   // a fresh page with the default settings
  await upload(b, 'Import model', 'model.json', file, { message: false });
  await b.getByText('Loaded the network from model.json').waitFor();
  await b.waitForFunction(() => /Epoch\s+3\b/.test(document.querySelector('[role=status]').innerText));
  for (const [name, value] of [['Dataset', 'moons'], ['Layer 1 units', '6'], ['Layer 2 activation', 'elu'], ['Optimizer', 'rmsprop'], ['Data seed', '7']]) {
    assert.equal(await label(b, name).inputValue(), value, name);
  }
  await eventually(async () => {   // the loaded network's frame has landed and been drawn
    assert.equal(await b.locator('#status').innerText(), statusA, 'same epoch, steps, losses and accuracies');
    assert.equal(await b.locator('#boundary').evaluate((c) => c.toDataURL()), shotA, 'the same boundary, pixel for pixel');
  });
  // the network in page b is the one that was saved: same predictions on a grid
  const again = JSON.parse(await download(b, 'Export model'));
  const saved = JSON.parse(file);
  const grid = Float32Array.from({ length: 2 * 21 * 21 }, (_, k) => -6 + 0.6 * (k % 2 ? Math.floor(k / 42) : (k >> 1) % 21));
  const x = Float32Array.from({ length: 21 * 21 * 3 }, (_, k) => { const i = Math.floor(k / 3), j = k % 3; return j < 2 ? grid[2 * i + j] : grid[2 * i] * grid[2 * i + 1]; });
  const [n1, n2] = [nn.loadNetwork(file), nn.loadNetwork(JSON.stringify(again))];
  assert.deepEqual(n2.predict(x, 441), n1.predict(x, 441));
  assert.deepEqual(again.weights, saved.weights);
  n1.dispose(); n2.dispose();
  // a file that is not a model is refused and changes nothing
  await upload(b, 'Import model', 'notes.json', '{"hello": 1}', { message: false });
  assert.match(await b.getByRole('alert').filter({ hasText: 'notes.json' }).innerText(), /not an NN by Hand network file/);
  assert.deepEqual([...a.problems, ...b.problems], []);
  await a.close();
  await b.close();
});

// --- inside views and screenshots -----------------------------------------------------------------------

test('a 3-class run: confusion matrix, hidden space, gradient health; screenshots', async () => {
  const page = await open('#dataset=spiral&classes=3&layers=16relu,16relu,2tanh&output=softmax&loss=categorical_crossentropy&lr=0.01');
  await page.getByLabel('Speed').selectOption('fast');
  await button(page, 'Play').click();
  await page.waitForFunction(() => {   // the views of a network that has learned the spiral
    const m = /Test accuracy\s+([\d.]+)%/.exec(document.querySelector('[role=status]').innerText);
    return m && Number(m[1]) >= 90;
  }, null, { polling: 100 });
  await pause(page);   // the paused frame's views are shown
  console.log(`# 3-class run with a 2-unit layer: ${(await page.locator('#status').innerText()).replace(/\s+/g, ' ')}`);
  const table = page.getByRole('table', { name: 'Confusion matrix' });
  assert.equal(await table.locator('tbody tr').count(), 3);
  assert.equal(await table.locator('tbody td').count(), 9);
  const cells = (await table.locator('tbody td').allInnerTexts()).map(Number);
  const testN = cells.reduce((a, b) => a + b, 0);
  const shownTest = Number(/([\d,]+) test\)/.exec(await page.locator('.data-count').innerText())[1].replace(/,/g, ''));
  assert.equal(testN, shownTest, 'every test point is counted once');
  assert.equal(await label(page, 'Hidden space layer').inputValue(), '2', 'the last hidden layer by default');
  assert.match(await page.locator('.hidden-caption').innerText(), /two neurons/);
  await label(page, 'Hidden space layer').selectOption('0');
  await page.waitForFunction(() => /principal components/.test(document.querySelector('.hidden-caption').innerText));
  const series = await page.evaluate(async () => {
    const { Chart } = await import('chart.js');
    return Chart.getChart(document.getElementById('gradients')).data.datasets.map((d) => d.data.length);
  });
  assert.equal(series.length, 4);
  assert.ok(series.every((n) => n > 5), `every layer has a history (${series})`);
  await label(page, 'Hidden space layer').selectOption('2');
  await button(page, 'Layer 3 neuron 1').hover();
  await page.waitForFunction(() => /Layer 3 neuron 1/.test(document.getElementById('boundary').getAttribute('aria-description')));
  await page.waitForFunction(() => /two neurons/.test(document.querySelector('.hidden-caption').innerText));
  await nextFrames(page);   // the neuron's map (from the worker's frame) is drawn
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, 'inside-1440.png') });
  await page.mouse.move(5, 5);
  await page.waitForFunction(() => !document.getElementById('boundary').getAttribute('aria-description'));
  await page.locator('#inside').scrollIntoViewIfNeeded();
  await nextFrames(page);
  await page.locator('#inside').screenshot({ path: join(SCREENSHOTS, 'inside-views.png') });
  if (process.env.UPDATE_SCREENSHOT === '1') {
    copyFileSync(join(SCREENSHOTS, 'inside-1440.png'), README_SHOT);
    copyFileSync(join(SCREENSHOTS, 'inside-views.png'), README_SHOT.replace('inside.png', 'inside-views.png'));
  }
  await page.setViewportSize({ width: 390, height: 844 });
  await canvasesFit(page, 390);
  await page.screenshot({ path: join(SCREENSHOTS, 'inside-390-full.png'), fullPage: true });
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth) <= 0, 'no sideways scrolling on a phone');
  assert.deepEqual(page.problems, []);
  await page.close();
});
