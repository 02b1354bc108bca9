// playground.test.mjs — the playground page (dist/index.html) in headless Chromium, driven only
// through its controls, found by role and accessible name (the names are part of the page's
// contract). Covers: a clean load with every dropdown filled from the module's tables, a 3-class
// spiral learned to ≥ 90 % test accuracy, Pause, URL-hash round trip and a malformed hash, an
// impossible choice explained in place, divergence, Max speed, and screenshots. No assertion here
// is about time (main-thread long tasks, epochs per second: `npm run bench:page`); waits are for
// states a correct page reaches.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SCREENSHOTS, startBrowserAndModule, label, button, nextFrames, hashMatches, pause, assertStopped, latestNetworkShown, workerSeen, canvasesFit, openPlayground, waitForEpoch, enterNumber } from './browser.mjs';

const README_SHOT = fileURLToPath(new URL('./screenshots/playground.png', import.meta.url));
let browser, nn;

before(async () => ({ browser, nn } = await startBrowserAndModule()));
after(() => browser?.close());

// --- helpers -------------------------------------------------------------------------------------

/** Opens the page (optionally with a hash) and waits until the worker has built the network. */
const open = (hash = '') => openPlayground(browser, hash);

/** The numbers of the role=status element: { epoch, steps, trainLoss, testLoss, testAcc }. */
async function status(page) {
  const text = (await page.getByRole('status').innerText()).replace(/,/g, '');
  const num = (re) => { const m = re.exec(text); return m ? Number(m[1]) : NaN; };
  return {
    text, epoch: num(/Epoch\s+(\d+)/), steps: num(/Steps\s+(\d+)/),
    trainLoss: num(/Train loss\s+([\d.e+-]+)/), testLoss: num(/Test loss\s+([\d.e+-]+)/),
    testAcc: num(/Test accuracy\s+([\d.]+)%/) / 100,
  };
}


const canvasPixels = (page) => page.locator('#boundary').evaluate((c) => c.toDataURL());
const chartPoints = (page) => page.evaluate(async () => {
  const { Chart } = await import('chart.js');
  return Chart.getChart(document.getElementById('curves')).data.datasets.map((d) => d.data.length);
});

async function optionValues(page, name) {
  return label(page, name).locator('option').evaluateAll((os) => os.map((o) => o.value));
}

// --- tests ----------------------------------------------------------------------------------------

test('loads cleanly, every control is named and every dropdown comes from the module tables', async () => {
  const page = await open();
  for (const name of ['Play', 'Step', 'Step epoch', 'Reset', 'Add layer', 'Remove layer']) {
    assert.equal(await button(page, name).count(), 1, `button ${name}`);
  }
  for (const name of ['Dataset', 'Classes', 'Noise', 'Points', 'Test ratio', 'Learning rate', 'Batch size', 'Optimizer',
    'Loss', 'Output activation', 'Initializer', 'Data seed', 'Weight seed', 'Layer 1 units', 'Layer 1 activation', 'Layer 2 units', 'Layer 2 activation']) {
    assert.equal(await label(page, name).count(), 1, `control ${name}`);
  }
  assert.deepEqual((await optionValues(page, 'Dataset')).sort(), [...nn.datasets].sort());
  assert.deepEqual(await optionValues(page, 'Optimizer'), nn.optimizers);
  assert.deepEqual(await optionValues(page, 'Loss'), nn.losses);
  assert.deepEqual(await optionValues(page, 'Initializer'), nn.initializers);
  assert.deepEqual(await optionValues(page, 'Output activation'), nn.activations);
  assert.deepEqual(await optionValues(page, 'Layer 1 activation'), nn.catalog.activations.filter((a) => a.elementwise).map((a) => a.name));
  assert.match((await status(page)).text, /Epoch\s+0/);
  // up to 8 hidden layers, then Add layer is disabled
  for (let i = 0; i < 6; i++) await button(page, 'Add layer').click();
  assert.equal(await label(page, 'Layer 8 units').count(), 1);
  assert.ok(await button(page, 'Add layer').isDisabled());
  await button(page, 'Remove layer').click();
  assert.equal(await label(page, 'Layer 8 units').count(), 0);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('a 3-class spiral, set up through the UI, reaches ≥ 90 % test accuracy; Pause stops it', async () => {
  const page = await open();
  await label(page, 'Dataset').selectOption('spiral');
  await label(page, 'Classes').selectOption('3');
  for (const n of [1, 2]) {
    await enterNumber(label(page, `Layer ${n} units`), '16');
    await label(page, `Layer ${n} activation`).selectOption('relu');
  }
  await label(page, 'Output activation').selectOption('softmax');
  await label(page, 'Loss').selectOption('categorical_crossentropy');
  await label(page, 'Optimizer').selectOption('adam');
  await enterNumber(label(page, 'Learning rate'), '0.01');
  await page.getByText('Cannot train').waitFor({ state: 'detached' });   // softmax before its loss: briefly invalid
  await latestNetworkShown(page);  // the first (untrained) frame of the network just set up, drawn
  const before = await canvasPixels(page);

  const t0 = Date.now();
  await button(page, 'Play').click();
  await button(page, 'Pause').waitFor();
  await page.waitForFunction(() => {
    const m = /Test accuracy\s+([\d.]+)%/.exec(document.querySelector('[role=status]').innerText);
    return m && Number(m[1]) >= 90;
  }, null, { polling: 100 });
  const seconds = (Date.now() - t0) / 1000;
  const s = await status(page);
  console.log(`# 3-class spiral: test accuracy ${(s.testAcc * 100).toFixed(1)}% at epoch ${s.epoch} after ${seconds.toFixed(1)} s`);
  assert.ok(s.testAcc >= 0.9);

  assert.notEqual(await canvasPixels(page), before, 'the boundary canvas changed');
  const points = await chartPoints(page);   // the frames that brought the accuracy brought the curves
  assert.ok(points[0] > 0 && points[1] > 0, `the chart has points (${points})`);

  // the log-scale toggle switches the loss axis
  await page.getByLabel('Log scale').check();
  await page.waitForFunction(async () => {
    const { Chart } = await import('chart.js');
    return Chart.getChart(document.getElementById('curves')).scales.loss.type === 'logarithmic';
  });
  // hiding the test points redraws the plot
  const withTest = await canvasPixels(page);
  await pause(page);
  const paused = (await status(page)).epoch;
  await page.getByLabel('Show test data').uncheck();
  await nextFrames(page);
  assert.notEqual(await canvasPixels(page), withTest, 'hiding the test points changes the plot');
  await assertStopped(page);
  assert.equal((await status(page)).epoch, paused, 'the epoch counter stops when paused');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('training continues through a new learning rate, L1, L2 or optimizer (each with its own rate) and restarts for a new architecture', async () => {
  const page = await open();
  await button(page, 'Play').click();
  await waitForEpoch(page, 30);
  const { builds } = await workerSeen(page);
  const goesOn = async (what, hash) => {
    await hashMatches(page, hash);
    const at = (await status(page)).epoch;
    assert.ok(at >= 30, `${what}: the epoch count was not reset (epoch ${at})`);
    await waitForEpoch(page, at + 5);
  };
  // training settings reach the running network: the epoch counter goes on, with no rebuild
  await enterNumber(label(page, 'Learning rate'), '0.003');
  await goesOn('a new learning rate', /lr=0.003(&|$)/);
  await enterNumber(label(page, 'L2'), '0.01');
  await goesOn('a new L2', /l2=0.01(&|$)/);
  await enterNumber(label(page, 'L1'), '0.0001');
  await goesOn('a new L1', /l1=0.0001&l2=0.01(&|$)/);
  // Back over a training setting: the running network takes the earlier L1, and trains on
  await page.goBack();
  await goesOn('Back to the earlier L1', /l1=0&l2=0.01(&|$)/);
  assert.equal(await label(page, 'L1').inputValue(), '0');
  // another optimizer brings its own rate (SGD's is not Adam's); going back restores the one typed
  const sgd = nn.catalog.optimizers.find((o) => o.name === 'sgd').suggestedLearningRate;
  await label(page, 'Optimizer').selectOption('sgd');
  await goesOn('a new optimizer', new RegExp(`optimizer=sgd&.*lr=${sgd}(&|$)`));
  assert.equal(await label(page, 'Learning rate').inputValue(), String(sgd));
  await label(page, 'Optimizer').selectOption('adam');
  await goesOn('the first optimizer again', /optimizer=adam&.*lr=0.003(&|$)/);
  assert.equal(await label(page, 'Learning rate').inputValue(), '0.003');
  const afterOptimizer = (await status(page)).epoch;
  assert.equal((await workerSeen(page)).builds, builds, 'no rebuild for a training setting');
  await enterNumber(label(page, 'Layer 1 units'), '4');
  await page.waitForFunction((e) => {
    const m = /Epoch\s+([\d,]+)/.exec(document.querySelector('#status').innerText);
    return m && Number(m[1].replace(/,/g, '')) < e;
  }, afterOptimizer, { polling: 20 });
  assert.ok((await workerSeen(page)).builds > builds, 'a rebuild for a new architecture');
  await button(page, 'Pause').waitFor();  // and it keeps running on the new network
  await pause(page);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('the URL hash round-trips: same configuration, and the same loss after the same steps', async () => {
  const a = await open();
  await label(a, 'Dataset').selectOption('moons');
  await label(a, 'Noise').fill('0.2');
  await label(a, 'Points').fill('300');
  await button(a, 'Add layer').click();
  await enterNumber(label(a, 'Layer 3 units'), '5');
  await label(a, 'Layer 3 activation').selectOption('elu');
  await label(a, 'Optimizer').selectOption('momentum');
  await enterNumber(label(a, 'Learning rate'), '0.05');
  await enterNumber(label(a, 'Batch size'), '7');
  await enterNumber(label(a, 'Data seed'), '42');
  await hashMatches(a, /&seed=42(&|$)/);  // the hash is written 150 ms after the last edit
  const url = a.url();
  assert.match(url, /dataset=moons/);
  assert.match(url, /layers=16tanh,16tanh,5elu/);

  const b = await open(new URL(url).hash);
  for (const name of ['Dataset', 'Classes', 'Noise', 'Points', 'Test ratio', 'Learning rate', 'Batch size', 'Optimizer',
    'Loss', 'Output activation', 'Initializer', 'Data seed', 'Layer 3 units', 'Layer 3 activation']) {
    assert.equal(await label(b, name).inputValue(), await label(a, name).inputValue(), name);
  }
  // the same seed trains the same way: 3 epochs, then 5 single steps, in both pages
  for (const page of [a, b]) {
    await page.bringToFront();  // a background tab is throttled
    for (let i = 1; i <= 3; i++) { await button(page, 'Step epoch').click(); await waitForEpoch(page, i); }
    for (let i = 1; i <= 5; i++) {
      const steps = (await status(page)).steps;
      await button(page, 'Step').click();
      await page.waitForFunction((s) => /Steps\s+([\d,]+)/.exec(document.querySelector('[role=status]').innerText)?.[1].replace(/,/g, '') > s, steps, { polling: 50 });
    }
  }
  const [sa, sb] = [await status(a), await status(b)];
  assert.equal(sa.steps, sb.steps);
  assert.ok(sa.steps > 5);
  assert.equal(sa.trainLoss, sb.trainLoss);
  assert.equal(sa.testLoss, sb.testLoss);
  assert.deepEqual([...a.problems, ...b.problems], []);
  await a.close();
  await b.close();
});

test('a malformed hash falls back to defaults with a visible, dismissible notice', async () => {
  const page = await open('#dataset=nope&lr=abc&layers=16tanh,x&foo=1&noise=0.3');
  const notice = page.getByRole('alert').filter({ hasText: 'could not be read' });
  await notice.waitFor();
  const text = await notice.innerText();
  for (const bad of ['dataset', 'lr', 'layers', 'foo']) assert.match(text, new RegExp(bad));
  assert.equal(await label(page, 'Dataset').inputValue(), 'spiral');
  assert.equal(await label(page, 'Learning rate').inputValue(), '0.01');
  assert.equal(await label(page, 'Noise').inputValue(), '0.3', 'the good values are kept');
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  assert.equal(await notice.count(), 0);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('a choice that cannot work is explained in place and blocks training', async () => {
  const page = await open();
  await label(page, 'Output activation').selectOption('tanh');
  await page.getByText(/takes the log of the outputs/).waitFor();
  assert.ok(await button(page, 'Play').isDisabled());
  await label(page, 'Output activation').selectOption('sigmoid');
  await page.waitForFunction(() => !document.getElementById('play').disabled);
  await label(page, 'Dataset').selectOption('plane');  // a regression: linear + mse are chosen
  assert.equal(await label(page, 'Output activation').inputValue(), 'linear');
  assert.equal(await label(page, 'Loss').inputValue(), 'mse');
  await label(page, 'Loss').selectOption('binary_crossentropy');
  await page.getByText(/real-valued targets/).waitFor();
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('divergence pauses training and says what to try', async () => {
  const page = await open();
  await label(page, 'Dataset').selectOption('plane');
  await label(page, 'Output activation').selectOption('linear');
  await label(page, 'Optimizer').selectOption('sgd');
  await enterNumber(label(page, 'Learning rate'), '10');
  await button(page, 'Play').click();
  const alert = page.getByRole('alert').filter({ hasText: 'diverged' });
  await alert.waitFor();
  assert.match(await alert.innerText(), /lower learning rate/i);
  await button(page, 'Play').waitFor();
  const seen = await workerSeen(page);
  assert.ok(seen.diverged > 0, 'the worker said it diverged');
  assert.match(await alert.innerText(), new RegExp(`diverged at epoch ${seen.epoch}\\b`));
  const epoch = (await status(page)).epoch;
  await assertStopped(page);   // training stays paused
  assert.equal((await status(page)).epoch, epoch, 'the status is the last good state');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('at Max speed it trains, and Pause stops it', async () => {
  // (main-thread long tasks during training are measured by `npm run bench:page`, not asserted here)
  const page = await open();
  await page.getByLabel('Speed').selectOption('max');
  await button(page, 'Play').click();
  await waitForEpoch(page, 50);
  await pause(page);
  await assertStopped(page);
  const s = await status(page);
  assert.ok(s.epoch >= 50 && Number.isFinite(s.trainLoss), `it trained (${s.text})`);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('screenshots at 1440×900 and 390×844', async () => {
  const page = await open('#dataset=spiral&classes=3&noise=0&layers=16relu,16relu&output=softmax&loss=categorical_crossentropy&lr=0.01');
  await page.getByLabel('Speed').selectOption('fast');
  await button(page, 'Play').click();
  await page.waitForFunction(() => {   // the picture of a network that has learned the spiral
    const m = /Test accuracy\s+([\d.]+)%/.exec(document.querySelector('[role=status]').innerText);
    return m && Number(m[1]) >= 94;
  }, null, { polling: 50 });
  await pause(page);
  console.log(`# screenshot run: ${(await status(page)).text.replace(/\s+/g, ' ')}`);
  await nextFrames(page);   // the paused frame's grid is drawn
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, 'playground-1440.png') });
  if (process.env.UPDATE_SCREENSHOT === '1') {
    mkdirSync(fileURLToPath(new URL('./screenshots/', import.meta.url)), { recursive: true });
    copyFileSync(join(SCREENSHOTS, 'playground-1440.png'), README_SHOT);
  }
  await page.setViewportSize({ width: 390, height: 844 });
  await canvasesFit(page, 390);
  await page.screenshot({ path: join(SCREENSHOTS, 'playground-390.png') });
  await page.screenshot({ path: join(SCREENSHOTS, 'playground-390-full.png'), fullPage: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no horizontal scrolling on a phone (overflow ${overflow}px)`);
  assert.deepEqual(page.problems, []);
  await page.close();
});
