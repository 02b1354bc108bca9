// all-or-nothing.test.mjs — a model file, a CSV or a link that cannot be used changes nothing, in
// headless Chromium and through the page's own controls (the file inputs, typed keys, navigation).
// After each refusal: the error is shown (naming the field or line), no success is claimed, and the
// epoch, the weights (an exported model file), the controls, the URL hash, the data and the charts
// are as they were; Play then goes on training the same network from the same epoch. Links naming
// Object.prototype members start the page normally, with the key reported as unknown.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowser, label, button, download, pause, workerIdle, eventually, openPlayground, epochOf, waitForEpoch, enterNumber, upload } from './browser.mjs';

let browser;
before(async () => { browser = await startBrowser(); });
after(() => browser?.close());

// --- helpers -------------------------------------------------------------------------------------

const open = (hash = '') => openPlayground(browser, hash);
const dataCount = async (page) => Number(/: ([\d,]+) points?/.exec(await page.locator('.data-count').innerText())[1].replace(/,/g, ''));
const chartPoints = (page) => page.evaluate(async () => {
  const { Chart } = await import('chart.js');
  return Chart.getChart(document.getElementById('curves')).data.datasets.map((d) => d.data.length);
});
/** The last epoch the curves show (long runs are thinned, so the number of points can shrink). */
const chartLastEpoch = (page) => page.evaluate(async () => {
  const { Chart } = await import('chart.js');
  return Chart.getChart(document.getElementById('curves')).data.datasets[0].data.at(-1)?.x ?? 0;
});

const CONTROLS = ['Dataset', 'Classes', 'Learning rate', 'Optimizer', 'Batch size', 'Layer 1 units', 'Layer 2 activation', 'Data seed'];
/** What must not change when a file or link is refused (the page is paused). */
async function snapshot(page) {
  // the curves are redrawn a little after each frame (charts.js): once an epoch is shown, wait
  // until it is drawn, so a snapshot never catches the chart between the two
  if (await epochOf(page) > 0) await eventually(async () => assert.ok((await chartPoints(page)).every((n) => n > 0), 'the curves are drawn'));
  const controls = {};
  for (const name of CONTROLS) controls[name] = await label(page, name).inputValue();
  return {
    epoch: await epochOf(page), controls, hash: await page.evaluate(() => location.hash),
    points: await dataCount(page), charts: await chartPoints(page), status: await page.locator('#status').innerText(),
  };
}

/** 24 points of your own in two classes, as a link's data value. */
const OWN_DATA = 'c:' + Array.from({ length: 24 }, (_, i) => {
  const c = i % 2, a = (i * 0.7) % 3;
  return `${(c ? 2 : -2) + a / 2},${a - 1.5},${c}`;
}).join(';');

// --- model files ------------------------------------------------------------------------------------

test('model files the core or the page rejects change nothing, and Play goes on training', async () => {
  const page = await open(`#dataset=plane&layers=8tanh,6tanh&data=${OWN_DATA}`);  // points of your own, drawn over a regression dataset
  const lr = label(page, 'Learning rate');
  await enterNumber(lr, '0.03');       // typed key by key
  await page.waitForFunction(() => /lr=0.03/.test(location.hash));
  await button(page, 'Play').click();
  await waitForEpoch(page, 25);
  await pause(page);
  const good = await download(page, 'Export model');
  const before = await snapshot(page);
  assert.equal(before.controls['Learning rate'], '0.03');
  assert.ok(before.epoch >= 25 && before.points === 24, JSON.stringify(before));

  const edit = (f) => { const d = JSON.parse(good); f(d); return JSON.stringify(d); };
  const bad = [
    ['version3.json', edit((d) => { d.version = 3; }), /version/],
    ['lr.json', edit((d) => { d.spec.optimizer.learningRate = -5; }), /learningRate/],
    ['short.json', edit((d) => { d.weights[0] = d.weights[0].slice(0, 3); }), /weights\[0\]/],
    ['step.json', edit((d) => { d.optimizerState.step = -1; }), /step/],
    ['classes0.json', edit((d) => { d.playground.config.classes = 0; }), /classes/],
    ['notjson.json', good.slice(0, 200), /not JSON/],
  ];
  for (const [name, text, field] of bad) {
    const shown = await upload(page, 'Import model', name, text);
    assert.match(shown, field, name);
    assert.match(shown, /Nothing was changed/, name);
    assert.doesNotMatch(shown, /Loaded/, name);
    assert.equal(await page.getByText(/Loaded the network/).count(), 0, name);
    assert.deepEqual(await snapshot(page), before, `${name}: the page is as it was`);
  }
  // the network is the one trained before: same weights and epoch in its file
  const same = JSON.parse(await download(page, 'Export model'));
  const saved = JSON.parse(good);
  assert.deepEqual(same.weights, saved.weights);
  assert.equal(same.playground.epoch, before.epoch);
  assert.equal(same.playground.config.learningRate, 0.03);

  // Play trains the same network on from its epoch (a refused file while running stops nothing)
  await button(page, 'Play').click();
  await waitForEpoch(page, before.epoch + 1);
  const resumed = await epochOf(page);
  assert.ok(resumed > before.epoch && resumed < before.epoch + 200, `from epoch ${before.epoch} on (now ${resumed})`);
  assert.match(await upload(page, 'Import model', 'version3-again.json', bad[0][1]), /Nothing was changed/);
  await waitForEpoch(page, resumed + 10);
  await pause(page);
  const drawnTo = await eventually(async () => {
    const last = await chartLastEpoch(page);
    assert.ok(last > before.epoch, `the curves go on past epoch ${before.epoch} (drawn to ${last})`);
    return last;
  });
  assert.ok(drawnTo <= await epochOf(page), 'the curves end at the status line\'s epoch');
  // Reset still works (the settings were never replaced), and a good file still loads
  assert.match(await upload(page, 'Import model', 'good.json', good), new RegExp(`Loaded the network from good.json \\(epoch ${before.epoch}\\)`));
  await page.waitForFunction((e) => new RegExp(`Epoch\\s+${e}\\b`).test(document.querySelector('[role=status]').innerText), before.epoch.toLocaleString('en-US'));
  assert.deepEqual(page.problems, []);
  await page.close();
});

// --- CSV files -----------------------------------------------------------------------------------

test('CSV files with a bad value are refused naming the line; the data and the run are kept', async () => {
  const page = await open('#dataset=moons&noise=0.2&points=200');
  await button(page, 'Step epoch').click();
  await waitForEpoch(page, 1);
  await workerIdle(page);
  const before = await snapshot(page);
  const bad = [
    ['nan.csv', '1,2,NaN\n1,1,0\n2,2,1\n', /line 1: label or target is not a number \('NaN'\)/],
    ['typo.csv', '1O,2,0\n1,1,0\n2,2,1\n', /line 1: x1 is not a number \('1O'\)/],
    ['huge.csv', 'x1,x2,target\n1,1,0.5\n2,2,1e39\n', /line 3: target 1e39 is too large/],
    ['label9.csv', '1,1,0\n2,2,1\n-1,3,9\n', /line 3: label 9 is out of range/],
  ];
  for (const [name, text, error] of bad) {
    const shown = await upload(page, 'Import CSV', name, text);
    assert.match(shown, error, name);
    assert.match(shown, /Nothing was changed/, name);
    assert.deepEqual(await snapshot(page), before, `${name}: the page is as it was`);
  }
  assert.equal(await label(page, 'Dataset').inputValue(), 'moons');
  // a good file is imported, and only then said to be
  assert.match(await upload(page, 'Import CSV', 'good.csv', 'x,y,value\n1,1,0.5\n2,2,-1\n'), /Imported 2 points \(regression targets\) from good.csv/);
  assert.equal(await label(page, 'Dataset').inputValue(), 'custom');
  assert.deepEqual(page.problems, []);
  await page.close();
});

// --- links ----------------------------------------------------------------------------------------

test('links naming Object.prototype members start the page; the key is reported as unknown', async () => {
  for (const hash of ['#constructor=1', '#toString', '#__proto__=1', '#hasOwnProperty=x&lr=0.3']) {
    const page = await open(hash);
    const key = /^#(\w+)/.exec(hash)[1];
    const notice = page.getByRole('alert').filter({ hasText: 'could not be read' });
    await notice.waitFor();
    assert.match(await notice.innerText(), new RegExp(`unknown setting “${key}”`), hash);
    assert.equal(await label(page, 'Dataset').inputValue(), 'spiral', hash);
    assert.equal(await label(page, 'Learning rate').inputValue(), hash.includes('lr=') ? '0.3' : '0.01', hash);
    await button(page, 'Step epoch').click();
    await waitForEpoch(page, 1);
    assert.deepEqual(page.problems, [], hash);
    await page.close();
  }
});

test('a link whose data is beyond float range names the key and point; one opened mid-run changes nothing', async () => {
  const page = await open('#data=r:1,1,0.5;2,2,1e39&lr=0.003');
  const notice = page.getByRole('alert').filter({ hasText: 'could not be read' });
  await notice.waitFor();
  assert.match(await notice.innerText(), /data: point 2: target 1e39 is too large/);
  assert.equal(await label(page, 'Dataset').inputValue(), 'spiral');
  assert.equal(await label(page, 'Learning rate').inputValue(), '0.003', 'the good keys are kept');

  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await button(page, 'Step epoch').click();
  await waitForEpoch(page, 1);
  await workerIdle(page);
  const before = await snapshot(page);
  const links = [
    ['#toString', /unknown setting “toString”/],
    ['#constructor=1&lr=0.1', /unknown setting “constructor”/],
    ['#dataset=plane&data=r:1,1,0.5;2,2,1e39', /data: point 2: target 1e39 is too large/],
    ['#lr=1e39', /lr=“1e39” is not valid/],
    ['#dataset=moons&output=tanh', /takes the log of the outputs/],   // the page reads it; the network cannot train
  ];
  for (const [hash, reason] of links) {
    const alert = page.getByRole('alert').filter({ hasText: 'nothing was changed' });
    if (await alert.count()) await alert.getByRole('button', { name: 'Dismiss' }).click();   // so the next one is this link's
    await page.goto(`${browser.url}index.html${hash}`);
    await alert.waitFor();   // shown after the hash is put back and the worker has answered
    assert.match(await alert.innerText(), reason, hash);
    assert.deepEqual(await snapshot(page), before, `${hash}: the page is as it was`);
  }
  await button(page, 'Step epoch').click();
  await waitForEpoch(page, before.epoch + 1);
  // a good link is applied
  await page.goto(`${browser.url}index.html#dataset=moons&lr=0.1`);
  await page.waitForFunction(() => document.getElementById('notice').hidden && /Epoch\s+0\b/.test(document.querySelector('[role=status]').innerText));
  assert.equal(await label(page, 'Dataset').inputValue(), 'moons');
  assert.deepEqual(page.problems, []);
  await page.close();
});
