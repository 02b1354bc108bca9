// diagnose.test.mjs — a failing run says why, beside the controls that fix it, and its one-click fix
// goes through the page's normal edit path (the control and the link change, the note goes). Each
// scenario from the issue is set up as a user would: choosing options in the selects, typing values
// key by key and pressing Enter, Play at "Max speed"; then the test waits (for a state, never a
// time) for the finding in the right panel, clicks its fix and sees the change. Small networks and
// short runs; one browser for the file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startBrowser, label, button, eventually, hashMatches, openPlayground, SCREENSHOTS, enterNumber } from './browser.mjs';

let browser;
before(async () => { browser = await startBrowser(); });
after(() => browser?.close());

/** The findings box of a panel ('network', 'training', 'data'), and one finding in it by its text. */
const box = (page, panel) => page.locator(`#${panel}-panel .diagnosis`);
const finding = (page, panel, text) => box(page, panel).locator('.finding').filter({ hasText: text });

/** Types a value key by key into a labelled field and commits it with Enter. */
const type = (page, name, value) => enterNumber(label(page, name), value);
const choose = (page, name, option) => label(page, name).selectOption({ label: option });

/** Waits for a finding, clicks its fix, and waits until the finding is gone. */
async function fix(page, panel, text, buttonName) {
  const f = finding(page, panel, text);
  await f.waitFor();
  await f.getByRole('button', { name: buttonName, exact: true }).click();
  await eventually(async () => assert.equal(await finding(page, panel, text).count(), 0, `"${text}" is gone once fixed`));
}

async function play(page) {
  await label(page, 'Speed').selectOption('max');
  await button(page, 'Play').click();
}

test('pairs that cannot train are said before training, each with its fix', async () => {
  const page = await openPlayground(browser);
  assert.equal(await box(page, 'network').locator('.finding').count(), 0, 'the defaults raise nothing');

  // sigmoid outputs + categorical cross-entropy: "trains" to loss 0 at chance
  await choose(page, 'Loss', 'Categorical cross-entropy');
  const uncoupled = finding(page, 'network', 'Categorical cross-entropy on Sigmoid outputs');
  await uncoupled.waitFor();
  assert.match(await uncoupled.innerText(), /loss can fall to 0.*chance/);
  await page.locator('#network-panel').screenshot({ path: join(SCREENSHOTS, 'diagnose-uncoupled.png') });
  await fix(page, 'network', 'Categorical cross-entropy on Sigmoid outputs', 'Use Softmax output');
  assert.equal(await label(page, 'Output activation').inputValue(), 'softmax');
  await hashMatches(page, /output=softmax/);

  // all-zero weights: every unit of a layer stays the same
  await choose(page, 'Initializer', 'Zeros');
  await finding(page, 'network', 'Zeros initialisation').waitFor();
  await fix(page, 'network', 'Zeros initialisation', 'Use Glorot uniform initialisation');
  assert.equal(await label(page, 'Initializer').inputValue(), 'glorot_uniform');
  await hashMatches(page, /init=glorot_uniform/);

  // a stack of linear layers is one linear layer
  await choose(page, 'Layer 1 activation', 'Linear');
  await choose(page, 'Layer 2 activation', 'Linear');
  await finding(page, 'network', 'Both hidden layers are Linear').waitFor();
  await fix(page, 'network', 'Both hidden layers are Linear', 'Use Tanh in the hidden layers');
  assert.equal(await label(page, 'Layer 1 activation').inputValue(), 'tanh');
  assert.equal(await label(page, 'Layer 2 activation').inputValue(), 'tanh');
  await hashMatches(page, /layers=16tanh,16tanh/);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('ReLU + SGD at learning rate 3: dead units beside the activations, the learning rate named beside it; Use Leaky ReLU applies', async () => {
  const page = await openPlayground(browser);
  await choose(page, 'Layer 1 activation', 'ReLU');
  await choose(page, 'Layer 2 activation', 'ReLU');
  await choose(page, 'Optimizer', 'SGD');
  await type(page, 'Learning rate', 3);
  await hashMatches(page, /lr=3(&|$)/);
  await play(page);

  const dead = finding(page, 'network', 'output 0 on every training point');
  await dead.waitFor();
  assert.match(await dead.innerText(), /All 16 units of layer 2 .*dead ReLU units.*cannot recover/);
  // beside the learning rate: a stalled loss, chance-level accuracy or a loss that jumps (whichever holds first)
  await box(page, 'training').getByRole('button', { name: 'Lower the learning rate to 0.3', exact: true }).waitFor();
  assert.match(await box(page, 'training').innerText(), /no better than always answering the commonest class|each step overshoots|the network is not learning/);
  await page.locator('#network-panel').screenshot({ path: join(SCREENSHOTS, 'diagnose-dead.png') });
  await fix(page, 'network', 'output 0 on every training point', 'Use Leaky ReLU');
  assert.equal(await label(page, 'Layer 1 activation').inputValue(), 'leaky_relu');
  assert.equal(await label(page, 'Layer 2 activation').inputValue(), 'leaky_relu');
  await hashMatches(page, /layers=16leaky_relu,16leaky_relu/);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('8×64 ReLU on a 6-class spiral, stuck near ln 6: the page says why beside the controls, with a fix', async () => {
  // the teacher's link: eight 64-unit ReLU layers, six arms, everything else the page's defaults
  const page = await openPlayground(browser, `#dataset=spiral&classes=6&layers=${Array(8).fill('64relu').join(',')}`);
  await play(page);
  // dead units (beside the activations) or a stalled loss / chance accuracy (beside the learning rate)
  const said = page.locator('#network-panel .diagnosis .finding, #training-panel .diagnosis .finding')
    .filter({ hasText: /dead ReLU units|the network is not learning|commonest class/ });
  await said.first().waitFor();
  assert.match(await said.first().innerText(), /\d/, 'said with the run\'s own numbers');
  assert.ok(await said.first().getByRole('button').count() >= 1, 'with a one-click fix');
  await button(page, 'Pause').click();
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('plain SGD at learning rate 10: the loss jumps around, said beside the learning rate; Lower applies', async () => {
  const page = await openPlayground(browser);
  await choose(page, 'Optimizer', 'SGD');
  await type(page, 'Learning rate', 10);
  await hashMatches(page, /optimizer=sgd&.*lr=10(&|$)/);
  await play(page);
  const over = finding(page, 'training', 'each step overshoots');
  await over.waitFor();
  assert.match(await over.innerText(), /at learning rate 10 /);
  await page.locator('#training-panel').screenshot({ path: join(SCREENSHOTS, 'diagnose-overshoot.png') });
  await fix(page, 'training', 'each step overshoots', 'Lower the learning rate to 1');
  assert.equal(await label(page, 'Learning rate').inputValue(), '1');
  await hashMatches(page, /lr=1(&|$)/);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('SGD at learning rate 0.0001: the loss stays at ln 2, said beside the learning rate, and Raise applies', async () => {
  const page = await openPlayground(browser);
  await choose(page, 'Optimizer', 'SGD');
  await type(page, 'Learning rate', '0.0001');
  await hashMatches(page, /optimizer=sgd&.*lr=0\.0001(&|$)/);
  await play(page);
  const stalled = finding(page, 'training', 'the network is not learning');
  await stalled.waitFor();
  assert.match(await stalled.innerText(), /The training loss has stayed at 0\.\d\d for the last \d+ epochs .*\(0\.69\)/);
  const raise = stalled.getByRole('button', { name: /^Raise the learning rate to / });
  const rate = /to ([\d.]+)$/.exec(await raise.innerText())[1];
  await fix(page, 'training', 'the network is not learning', `Raise the learning rate to ${rate}`);
  assert.equal(await label(page, 'Learning rate').inputValue(), rate);
  await hashMatches(page, new RegExp(`lr=${rate.replace('.', '\\.')}(&|$)`));
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('eight sigmoid layers: vanishing gradients, fixed by a hidden activation whose slope reaches 1', async () => {
  const page = await openPlayground(browser);
  await choose(page, 'Layer 1 activation', 'Sigmoid');
  await choose(page, 'Layer 2 activation', 'Sigmoid');
  for (let i = 0; i < 6; i++) await button(page, 'Add layer').click();   // each new layer copies the last
  await hashMatches(page, /layers=(16sigmoid,){7}16sigmoid(&|$)/);
  await play(page);
  const vanishing = finding(page, 'network', 'vanishing gradients');
  await vanishing.waitFor();
  assert.match(await vanishing.innerText(), /Layer 1's gradient is [\d,]+× smaller than the output layer's/);
  await fix(page, 'network', 'vanishing gradients', 'Use Tanh in the hidden layers');
  assert.equal(await label(page, 'Layer 8 activation').inputValue(), 'tanh');
  await hashMatches(page, /layers=(16tanh,){7}16tanh(&|$)/);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('a 4-arm spiral on few points overfits: said beside L2 (Add L2 applies) and beside Points', async () => {
  const page = await openPlayground(browser);
  await choose(page, 'Classes', '4');
  const points = label(page, 'Points');
  await points.focus();
  for (let v = 400; v > 100; v -= 10) await points.press('ArrowLeft');
  await hashMatches(page, /points=100(&|$)/);
  await type(page, 'Layer 1 units', 32);
  await type(page, 'Layer 2 units', 32);
  await hashMatches(page, /layers=32tanh,32tanh/);
  await play(page);
  const over = finding(page, 'training', 'overfitting');
  await over.waitFor();
  assert.match(await over.innerText(), /Training accuracy is \d+ % but test accuracy \d+ %/);
  const few = finding(page, 'data', 'few enough for the network to memorise');   // and, in Data, more points
  await few.waitFor();
  assert.match(await few.innerText(), /^Why it struggles: \d+ training points .* with 400 points/);
  await few.getByRole('button', { name: 'Use 400 points', exact: true }).waitFor();
  await page.locator('#training-panel').screenshot({ path: join(SCREENSHOTS, 'diagnose-overfit.png') });
  await page.locator('#data-panel').screenshot({ path: join(SCREENSHOTS, 'diagnose-few-points.png') });
  await fix(page, 'training', 'overfitting', 'Add L2 0.001');
  assert.equal(await label(page, 'L2').inputValue(), '0.001');
  await hashMatches(page, /l2=0\.001/);
  assert.deepEqual(page.problems, []);
  await page.close();
});
