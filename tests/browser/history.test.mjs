// history.test.mjs — links, Back/Forward, undo, stable splits, seeds and files, in headless Chromium
// through the page's own controls: a link naming a dataset alone opens trainable; each committed
// edit is one history entry that the browser's Back and Forward bring back; points of your own
// that a click replaced come back with Undo (and with Back); adding a point moves no other point
// between train and test; with no points Play is disabled and says why; the data and the weights
// have separate seeds; a model file with a bad epoch and a CSV's labels and targets are handled as
// the page states.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowser, label, button, hashMatches, eventually, openPlayground, latestNetworkShown, download } from './browser.mjs';

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
/** Clicks the plot at data coordinates (x1, x2), as a user adds a point. */
async function clickPlot(page, x1, x2) {
  const box = await page.locator('#boundary').boundingBox();
  await page.mouse.click(box.x + ((x1 + 6) / 12) * box.width, box.y + ((6 - x2) / 12) * box.height);
}
/** Picks a file in the real file input behind an Import button; returns the message line's text. */
async function upload(page, name, fileName, text) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), button(page, name).click()]);
  await chooser.setFiles({ name: fileName, mimeType: 'text/plain', buffer: Buffer.from(text) });
  const msg = page.locator('.tool-msg').filter({ hasText: fileName });
  await msg.waitFor();
  return msg.innerText();
}
const value = (page, name) => label(page, name).inputValue();

// --- tests ----------------------------------------------------------------------------------------

test('a link naming a dataset alone opens trainable; one naming an unsuitable loss keeps it and says why', async () => {
  const page = await openPlayground(browser, '#dataset=plane');
  assert.equal(await value(page, 'Output activation'), 'linear');
  assert.equal(await value(page, 'Loss'), 'mse');
  assert.ok(await button(page, 'Play').isEnabled());
  assert.ok(await page.locator('#notice').isHidden(), 'no notice: nothing in the link was changed');
  for (const [hash, output, loss] of [['#dataset=multigauss', 'linear', 'mse'], ['#dataset=spiral&classes=4', 'softmax', 'categorical_crossentropy']]) {
    await page.goto(`${browser.url}index.html${hash}`);
    await page.reload();   // opened with the page, as a teacher's link is
    await page.waitForFunction(() => !document.getElementById('play').disabled);
    assert.equal(await value(page, 'Output activation'), output, hash);
    assert.equal(await value(page, 'Loss'), loss, hash);
  }
  await page.goto(`${browser.url}index.html#dataset=plane&loss=binary_crossentropy`);
  await page.reload();
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
  await button(page, 'Clear').click();
  await page.getByText('Your data: no points.').waitFor();
  // with no points Play is disabled and the page says why
  assert.ok(await button(page, 'Play').isDisabled());
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
