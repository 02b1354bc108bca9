// history.test.mjs — links, Back/Forward, undo, stable splits, seeds and files, in headless Chromium
// through the page's own controls: a link naming a dataset alone opens trainable; each committed
// edit is one history entry that the browser's Back and Forward bring back; points of your own
// that a click replaced come back with Undo (and with Back); adding a point moves no other point
// between train and test; with no points Play is disabled and says why; the data and the weights
// have separate seeds; a model file with a bad epoch and a CSV's labels and targets are handled as
// the page states.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowser, label, button, hashMatches, eventually, openPlayground, latestNetworkShown, download, clickPlot, upload } from './browser.mjs';

let browser;
before(async () => { browser = await startBrowser(); });
after(() => browser?.close());

// --- helpers -------------------------------------------------------------------------------------

const thumb = (page, name) => page.getByRole('group', { name: 'Pick by picture' }).getByRole('button', { name, exact: true });
const countText = (page) => page.locator('.data-count').innerText();
/** The data line's numbers: { n, train, test }. */
async function counts(page) {
  const t = await countText(page);
  const m = /: ([\d,]+) points? \(([\d,]+) train, ([\d,]+) test\)/.exec(t);
  assert.ok(m, t);
  const [n, train, test] = m.slice(1).map((s) => Number(s.replace(/,/g, '')));
  return { n, train, test };
}
const value = (page, name) => label(page, name).inputValue();

// --- tests ----------------------------------------------------------------------------------------

test('a link naming a dataset alone opens trainable; one naming an unsuitable loss keeps it and says why', async () => {
  let page = await openPlayground(browser, '#dataset=plane');
  assert.equal(await value(page, 'Output activation'), 'linear');
  assert.equal(await value(page, 'Loss'), 'mse');
  assert.ok(await button(page, 'Play').isEnabled());
  assert.ok(await page.locator('#notice').isHidden(), 'no notice: nothing in the link was changed');
  await page.close();
  for (const [hash, output, loss] of [['#dataset=multigauss', 'linear', 'mse'], ['#dataset=spiral&classes=4', 'softmax', 'categorical_crossentropy']]) {
    const opened = await openPlayground(browser, hash);   // opened with the page, as a teacher's link is
    assert.equal(await value(opened, 'Output activation'), output, hash);
    assert.equal(await value(opened, 'Loss'), loss, hash);
    await opened.close();
  }
  page = await browser.newPage();
  await page.goto(`${browser.url}index.html#dataset=plane&loss=binary_crossentropy`);
  await page.locator('#notice').getByText('This link’s network cannot train as it is').waitFor();
  assert.match(await page.locator('#notice').innerText(), /Binary cross-entropy compares class probabilities.*so it was kept: change it to train/s);
  assert.equal(await value(page, 'Loss'), 'binary_crossentropy', 'what the link says is kept');
  await page.locator('#network-panel').getByText(/Binary cross-entropy compares class probabilities/).waitFor();   // beside the Loss control
  assert.ok(await button(page, 'Play').isDisabled());
  await page.close();
});

test('Back and Forward move through configurations; a drag is one entry', async () => {
  const page = await openPlayground(browser);
  const start = await page.evaluate(() => location.hash);
  await thumb(page, 'Moons').click();
  await hashMatches(page, /dataset=moons/);
  await label(page, 'Optimizer').selectOption('sgd');
  await hashMatches(page, /optimizer=sgd/);
  // drag the Noise slider across: many 'input' ticks, one entry
  const box = await label(page, 'Noise').boundingBox();
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + 2, y);
  await page.mouse.down();
  for (let i = 1; i <= 8; i++) await page.mouse.move(box.x + (i / 10) * box.width, y, { steps: 2 });
  await page.mouse.up();
  const dragged = await value(page, 'Noise');
  assert.ok(Number(dragged) >= 0.3, dragged);
  await hashMatches(page, new RegExp(`noise=${dragged}&`));
  const entries = await page.evaluate(() => history.length);

  await page.goBack();
  await hashMatches(page, /noise=0&/);
  assert.equal(await value(page, 'Noise'), '0');
  assert.equal(await value(page, 'Optimizer'), 'sgd');
  await page.goBack();
  await hashMatches(page, /optimizer=adam/);
  assert.equal(await value(page, 'Optimizer'), 'adam');
  assert.equal(await value(page, 'Dataset'), 'moons');
  await page.goBack();
  await hashMatches(page, /dataset=spiral/);
  assert.equal(await value(page, 'Dataset'), 'spiral');
  assert.equal(await page.evaluate(() => location.hash), start, 'the first entry is the link the page opened with');
  await page.goForward();
  await hashMatches(page, /dataset=moons/);
  assert.equal(await value(page, 'Dataset'), 'moons');
  await page.goForward();
  await page.goForward();
  await hashMatches(page, /noise=0\.[3-9]/);
  assert.equal(await value(page, 'Noise'), dragged);
  assert.equal(await page.evaluate(() => history.length), entries, 'Back and Forward added no entry');
  await latestNetworkShown(page);
  assert.ok(await button(page, 'Play').isEnabled());
  await page.close();
});

test('points of your own: a thumbnail or Clear replaces them with an Undo; Back brings them back too', async () => {
  const page = await openPlayground(browser);
  await button(page, 'Play').click();
  await button(page, 'Pause').waitFor();
  await button(page, 'Clear').click();   // while training
  await page.getByText(/Your data: 0 points\./).waitFor();
  // with no points training stops, Play and Step are disabled and the page says why
  assert.ok(await button(page, 'Play').isDisabled(), 'Play, not a Pause that does nothing');
  assert.ok(await button(page, 'Step').isDisabled());
  assert.equal(await button(page, 'Play').getAttribute('title'), 'Add points (click the plot) or pick a dataset to train.');
  assert.match(await countText(page), /Add points \(click the plot\) or pick a dataset to train\./);
  for (const [x1, x2] of [[-3, 2], [2, -1], [4, 4]]) await clickPlot(page, x1, x2);
  await page.getByText(/Your data: 3 points/).waitFor();
  await eventually(async () => assert.ok(await button(page, 'Play').isEnabled()));
  const drawn = await page.evaluate(() => location.hash);

  await thumb(page, 'Rings').click();
  const note = page.locator('.tool-msg');
  await note.getByText('Replaced your 3 points with Rings.').waitFor();
  await hashMatches(page, /dataset=rings/);
  await note.getByRole('button', { name: 'Undo' }).focus();   // reachable by keyboard
  await page.keyboard.press('Enter');
  await page.getByText(/Your data: 3 points/).waitFor();
  await hashMatches(page, /data=c:/);
  assert.equal(await page.evaluate(() => location.hash), drawn, 'the same points and settings');

  await button(page, 'Clear').click();
  await note.getByText('Cleared your 3 points.').waitFor();
  await hashMatches(page, /data=c:$/);
  await page.goBack();
  await page.getByText(/Your data: 3 points/).waitFor();
  assert.equal(await page.evaluate(() => location.hash), drawn);
  await page.close();
});

test('adding a point to a dataset moves no other point between train and test', async () => {
  const page = await openPlayground(browser);
  await page.getByText(/Generated data: 400 points/).waitFor();
  const before = await counts(page);
  await clickPlot(page, 0.5, 0.5);
  await page.getByText(/Your data: 401 points/).waitFor();
  const after = await counts(page);
  assert.equal(after.train - before.train + after.test - before.test, 1, `${JSON.stringify(before)} → ${JSON.stringify(after)}`);
  assert.ok(after.train >= before.train && after.test >= before.test, 'no point moved');
  await page.getByText('Remove points', { exact: true }).click();
  await clickPlot(page, 0.5, 0.5);
  await page.getByText(/Your data: 400 points/).waitFor();
  assert.deepEqual(await counts(page), before);
  await page.getByText('Removed 1 of your 401 points.').waitFor();
  // too many points for the link (it says data=none:400), yet Back brings them back exactly
  await hashMatches(page, /data=none:400/);
  await thumb(page, 'XOR').click();
  await page.getByText('Replaced your 400 points with XOR.').waitFor();
  await hashMatches(page, /dataset=xor/);
  await page.goBack();
  await page.getByText(/Your data: 400 points/).waitFor();
  await eventually(async () => assert.deepEqual(await counts(page), before));
  await page.close();
});

test('the data and the weights have their own seeds, both in the link', async () => {
  const page = await openPlayground(browser, '#seed=5');   // a link made before the weight seed
  assert.equal(await value(page, 'Data seed'), '5');
  assert.equal(await value(page, 'Weight seed'), '5', 'old links keep their weights: the weight seed is the data seed');
  await latestNetworkShown(page);
  const data = await download(page, 'Export CSV');
  await button(page, 'Re-draw weights').click();
  await hashMatches(page, /wseed=(?!5&)\d+/);
  await latestNetworkShown(page);
  assert.equal(await value(page, 'Data seed'), '5');
  assert.notEqual(await value(page, 'Weight seed'), '5');
  assert.equal(await download(page, 'Export CSV'), data, 'the same points');
  const model = JSON.parse(await download(page, 'Export model'));
  assert.equal(model.spec.seed, Number(await value(page, 'Weight seed')));
  assert.equal(model.playground.config.seed, 5);
  const weightSeed = await value(page, 'Weight seed');
  await button(page, 'Regenerate').click();
  await hashMatches(page, /&seed=(?!5&)\d+/);
  await latestNetworkShown(page);
  assert.equal(await value(page, 'Weight seed'), weightSeed, 'new points, the same weight seed');
  assert.notEqual(await download(page, 'Export CSV'), data);
  await page.close();
});

test('a model file with a bad epoch is refused, naming the field; an old file with one seed loads', async () => {
  const page = await openPlayground(browser, '#dataset=moons&layers=4tanh&seed=3&wseed=8');
  await button(page, 'Step epoch').click();
  await page.waitForFunction(() => /Epoch\s+1\b/.test(document.querySelector('[role=status]').innerText));
  const good = await download(page, 'Export model');
  const status = await page.locator('#status').innerText();
  const hash = await page.evaluate(() => location.hash);
  const edit = (f) => { const d = JSON.parse(good); f(d); return JSON.stringify(d); };
  for (const epoch of [-7, 1.5, 2e9]) {
    const shown = await upload(page, 'Import model', `epoch${epoch}.json`, edit((d) => { d.playground.epoch = epoch; }));
    assert.match(shown, new RegExp(`playground\\.epoch: must be a whole number from 0 to 1,000,000,000 \\(got ${String(epoch).replace('.', '\\.')}\\)`));
    assert.match(shown, /Nothing was changed/);
    assert.equal(await page.locator('#status').innerText(), status);
    assert.equal(await page.evaluate(() => location.hash), hash);
  }
  // saved before the weights had their own seed: spec.seed drew the weights, config.seed the data
  const old = edit((d) => { delete d.playground.config.weightSeed; d.playground.epoch = 4; });
  await upload(page, 'Import model', 'old.json', old);
  await page.getByText('Loaded the network from old.json (epoch 4).').waitFor();
  assert.equal(await value(page, 'Data seed'), '3');
  assert.equal(await value(page, 'Weight seed'), '8');
  await page.close();
});

test('CSV classes are numbered from 1 as on the page, a file numbered from 0 is said so; huge targets warn with a fix', async () => {
  const page = await openPlayground(browser);
  const from1 = 'x1,x2,class\n1,1,1\n-1,-1,2\n2,-2,3\n';
  assert.match(await upload(page, 'Import CSV', 'one.csv', from1), /Imported 3 points \(3 classes, numbered 1 to 3\) from one\.csv\./);
  assert.match(await download(page, 'Export CSV'), /^x1,x2,class \(1 to 3\)\n1,1,1\n-1,-1,2\n2,-2,3\n$/);
  const from0 = '1,2,0\n-1,-2,1\n';
  const shown = await upload(page, 'Import CSV', 'zero.csv', from0);
  assert.match(shown, /^Replaced your 3 points with 2 new ones\. Imported 2 points \(2 classes, numbered 0 to 1 in the file \(it has a class 0\), so its 0 is class 1 here\) from zero\.csv\./);
  assert.match(await download(page, 'Export CSV'), /^x1,x2,class \(1 to 2\)\n1,2,1\n-1,-2,2\n$/);
  assert.match(await upload(page, 'Import CSV', 'stated.csv', 'x1,x2,class (1 to 2)\n1,1,0\n'), /line 2: label 0 is out of range \(1 to 6: up to 6 classes, numbered from 1\)\. Nothing was changed\./);

  const big = await upload(page, 'Import CSV', 'big.csv', 'x1,x2,target\n1,1,1000000\n-1,-1,-500000\n0,2,0.5\n');
  assert.match(big, /Imported 3 points \(regression targets\) from big\.csv\. Its targets reach 1,000,000, far beyond the datasets' −1 to 1: the loss will be about 1e12/);
  await page.locator('.tool-msg').getByRole('button', { name: 'Scale targets to [−1, 1]' }).click();
  await page.getByText(/Divided every target by 1,000,000: they now lie in \[−1, 1\]\./).waitFor();
  assert.match(await download(page, 'Export CSV'), /^x1,x2,target\n1,1,1\n-1,-1,-0\.5\n0,2,5e-7\n$/);
  assert.deepEqual(page.problems, []);
  await page.close();
});
