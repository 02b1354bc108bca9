// a11y.test.mjs — the page as a screen-reader, keyboard or colour-blind user meets it: the run's
// status is announced politely (a summary every few seconds, at once on Pause and Step), focus is
// visible on every control reached by Tab, classes differ by marker shape as well as by a
// colour-blind-safe colour, axe-core (from npm) finds no violation at six sizes and in the panel
// states a person reaches, and the inside views say what they show (a hovered neuron's legend, the
// hidden-space caption for regression and for a dead layer, log-scale ticks). The page is only
// observed (a MutationObserver, computed styles, the accessibility tree): it is driven by clicks,
// Tab and typing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SCREENSHOTS, startBrowser, label, button, nextFrames, eventually, pause, openPlayground, waitForEpoch, canvasesFit, latestNetworkShown, clickPlot } from './browser.mjs';
import { CLASS_COLORS, CLASS_SHAPES } from '../../web/js/marks.js';

const AXE = fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url));
const SIZES = [[390, 844], [768, 1024], [1024, 768], [1280, 720], [1440, 900], [1920, 1080]];
let browser;

before(async () => { browser = await startBrowser(); });
after(() => browser?.close());

// --- colour arithmetic (WCAG contrast; colour-vision-deficiency simulation) -------------------------

const linear = (v) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
const rgbOf = (css) => {
  if (css.startsWith('#')) return [1, 3, 5].map((i) => parseInt(css.slice(i, i + 2), 16));
  return css.match(/[\d.]+/g).slice(0, 3).map(Number);
};
const luminance = (c) => { const [r, g, b] = rgbOf(c).map((v) => linear(v / 255)); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
const contrast = (a, b) => { const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };

// Machado, Oliveira & Fernandes (2009), severity 1: linear-RGB matrices for the three dichromacies.
const DICHROMACY = {
  protanopia: [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
  deuteranopia: [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]],
  tritanopia: [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]],
};
/** CIELAB of a colour as a person with the dichromacy m sees it. */
function seenLab(hex, m) {
  const c = rgbOf(hex).map((v) => linear(v / 255));
  const s = m.map((r) => Math.min(1, Math.max(0, r[0] * c[0] + r[1] * c[1] + r[2] * c[2])));
  const X = 0.4124 * s[0] + 0.3576 * s[1] + 0.1805 * s[2], Y = 0.2126 * s[0] + 0.7152 * s[1] + 0.0722 * s[2];
  const Z = 0.0193 * s[0] + 0.1192 * s[1] + 0.9505 * s[2];
  const f = (t) => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 * t + 16) / 116);
  const [fx, fy, fz] = [f(X / 0.95047), f(Y), f(Z / 1.08883)];
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}
/** The closest pair of a palette (ΔE*ab) for each dichromacy: { name: [ΔE, a, b] }. */
function closestPairs(palette) {
  return Object.fromEntries(Object.entries(DICHROMACY).map(([name, m]) => {
    let best = [Infinity];
    for (let i = 0; i < palette.length; i++) for (let j = i + 1; j < palette.length; j++) {
      const d = Math.hypot(...seenLab(palette[i], m).map((v, k) => v - seenLab(palette[j], m)[k]));
      if (d < best[0]) best = [d, palette[i], palette[j]];
    }
    return [name, best];
  }));
}

// --- page helpers ----------------------------------------------------------------------------------

/** axe-core's violations on the page as it is (in the regions `include`, or all of it):
 *  ["rule (impact): target — why; …"]. */
async function axeViolations(page, include) {
  if (!(await page.evaluate(() => !!window.axe))) await page.addScriptTag({ path: AXE });
  return page.evaluate(async (context) => (await window.axe.run(context, { resultTypes: ['violations'] })).violations
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => `${n.target.join(' ')} — ${n.failureSummary.split('\n')[1]?.trim()}`).join('; ')}`),
  include ? { include } : { exclude: [['#by-hand']] });
}

/** Runs axe at each size (then back to 1440 × 900); returns the violations, each with its size and
 *  state. A state that changes one part of the page is checked there: include lists those parts'
 *  selectors. Axe over the typeset By hand panel is slow, so it is checked in its own state only
 *  (every other run leaves it out). */
async function axeAtSizes(page, state, { include = null, sizes = SIZES } = {}) {
  const found = [];
  for (const [width, height] of sizes) {
    await page.setViewportSize({ width, height });
    await canvasesFit(page, width);
    const t0 = Date.now();
    for (const v of await axeViolations(page, include)) found.push(`[${state} @ ${width}×${height}] ${v}`);
    if (process.env.A11Y_TIMES) console.log(`# axe ${state} ${width}: ${Date.now() - t0} ms`);
  }
  await page.setViewportSize({ width: 1440, height: 900 });
  await canvasesFit(page, 1440);
  return found;
}

/** Clicks the plot at data point (x1, x2). */

/** The plot canvas's colour at data point (x1, x2). */
const pixel = (page, x1, x2) => page.locator('#boundary').evaluate((c, [a, b]) => {
  const px = Math.round(((a + 6) / 12) * c.width), py = Math.round(((6 - b) / 12) * c.height);
  return Array.from(c.getContext('2d').getImageData(px, py, 1, 1).data.slice(0, 3));
}, [x1, x2]);

/** The live-region properties Chromium exposes for an element (the accessibility tree, via CDP). */
async function liveOf(page, selector) {
  const cdp = await page.context().newCDPSession(page);
  const { root } = await cdp.send('DOM.getDocument');
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
  const { nodes } = await cdp.send('Accessibility.getPartialAXTree', { nodeId, fetchRelatives: false });
  await cdp.detach();
  const props = Object.fromEntries((nodes[0].properties ?? []).map((p) => [p.name, p.value.value]));
  return { live: props.live ?? 'off', atomic: props.atomic };
}

// --- 1. status announced politely --------------------------------------------------------------------

test('the status numbers are not read aloud; a summary is, at most every few seconds, and at once on Pause and Step', async () => {
  const page = await openPlayground(browser);
  assert.equal((await liveOf(page, '#status')).live, 'off', 'the ~8/s numbers are not a live region');
  assert.deepEqual(await liveOf(page, '#announce'), { live: 'polite', atomic: true }, 'the summary is');
  // observe (never change): every rewrite of the visible numbers, and every announcement with the page's clock
  await page.evaluate(() => {
    const seen = (window.__said = { shown: 0, said: [] });
    new MutationObserver(() => { seen.shown++; }).observe(document.getElementById('status'), { childList: true, subtree: true, characterData: true });
    const live = document.getElementById('announce');
    new MutationObserver(() => { seen.said.push({ t: performance.now(), text: live.textContent }); }).observe(live, { childList: true, subtree: true, characterData: true });
  });
  await button(page, 'Play').click();
  await page.waitForFunction(() => window.__said.shown >= 20 && window.__said.said.length >= 2, null, { polling: 100 });
  const running = await page.evaluate(() => structuredClone(window.__said));
  await pause(page);
  const shownEpoch = /Epoch\s+([\d,]+)/.exec(await page.locator('#status').innerText())[1];
  await page.waitForFunction((e) => window.__said.said.at(-1)?.text.startsWith(`Epoch ${e}:`), shownEpoch);
  console.log(`# while training: the numbers changed ${running.shown} times, the live region ${running.said.length} times: ${running.said.map((s) => s.text).join(' | ')}`);
  const gaps = running.said.slice(1).map((s, i) => s.t - running.said[i].t);
  assert.ok(gaps.every((g) => g >= 4500), `announcements while training are ≥ 4.5 s apart on the page's clock (${gaps.map(Math.round)} ms)`);
  assert.ok(running.said.length < running.shown, `fewer announcements (${running.said.length}) than updates (${running.shown})`);
  assert.match(running.said[0].text, /^Epoch [\d,]+: test accuracy \d+\.\d %, test loss \d+\.\d{4}\.$/);
  // one mini-batch while paused: said at once
  const before = await page.evaluate(() => window.__said.said.length);
  await button(page, 'Step').click();
  await page.waitForFunction((n) => window.__said.said.length > n, before);
  assert.deepEqual(page.problems, []);
  await page.close();
});

// --- 2. focus is visible -------------------------------------------------------------------------------

test('every control reached by Tab shows a focus ring; Play\'s ring stands off its blue', async () => {
  const page = await openPlayground(browser, '#layers=3tanh');
  await page.locator('#by-hand .eq-page').first().waitFor({ state: 'attached' });
  const missing = [], seen = new Set();
  let play = null;
  for (let i = 0; i < 400; i++) {
    await page.keyboard.press('Tab');
    const f = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const hiddenInput = el.matches('input') && (getComputedStyle(el).opacity === '0' || el.classList.contains('sr-only'));
      // a visually hidden radio shows its focus on the chip or swatch beside it
      const shown = hiddenInput ? el.nextElementSibling ?? el.parentElement : el;
      const s = getComputedStyle(shown);
      const ring = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
      const name = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} "${(el.getAttribute('aria-label') ?? el.labels?.[0]?.textContent ?? el.textContent).trim().slice(0, 40)}"`;
      const key = el.id || name + [...el.parentElement.children].indexOf(el);
      return { name, key, ring, id: el.id, outline: s.outlineColor, offset: parseFloat(s.outlineOffset), width: parseFloat(s.outlineWidth), shadow: s.boxShadow, bg: s.backgroundColor };
    });
    if (!f) continue;
    if (seen.has(f.key)) break;   // round the page once
    seen.add(f.key);
    if (!f.ring) missing.push(f.name);
    if (f.id === 'play') play = f;
  }
  console.log(`# ${seen.size} controls reached by Tab`);
  assert.ok(seen.size > 40, `Tab reaches the page's controls (${seen.size})`);
  assert.deepEqual(missing, [], 'every focused control has a visible outline');
  assert.ok(play, 'Play is reached by Tab');
  const header = await page.locator('.topbar').evaluate((el) => getComputedStyle(el).backgroundColor);
  assert.ok(contrast(play.outline, header) >= 3, `Play's ring ${play.outline} on the header ${header}: ${contrast(play.outline, header).toFixed(2)}:1`);
  assert.ok(play.offset >= 1, 'the ring stands off the button (not dark blue on blue)');
  const inner = /rgb\([^)]*\)/.exec(play.shadow)?.[0];
  assert.ok(inner && contrast(inner, play.bg) >= 3, `an inner ring ${inner} on the button's ${play.bg}`);
  assert.deepEqual(page.problems, []);
  await page.close();
});

// --- 3. classes: colour-blind-safe colours and marker shapes --------------------------------------------

test('the class palette stays apart for each colour-vision deficiency (the old one did not)', () => {
  const OLD = ['#f59322', '#0877bd', '#2ca25f', '#8e5bc6', '#d6404e', '#15a6b4'];
  const now = closestPairs(CLASS_COLORS), old = closestPairs(OLD);
  console.log(`# closest pairs (ΔE*ab): ${Object.entries(now).map(([n, [d, a, b]]) => `${n} ${d.toFixed(1)} (${a}, ${b})`).join('; ')}`);
  for (const [name, [d, a, b]] of Object.entries(now)) assert.ok(d >= 15, `${name}: ${a} and ${b} are ${d.toFixed(1)} apart`);
  assert.ok(old.deuteranopia[0] < 15, 'the check fails the previous palette (deuteranopia)');
  assert.equal(new Set(CLASS_SHAPES).size, CLASS_COLORS.length, 'one shape per colour');
});

test('classes differ by marker shape in the legend, the class picker and the confusion matrix, and by colour in the plot', async () => {
  const page = await openPlayground(browser, '#dataset=blobs&classes=6&layers=8tanh');
  await page.locator('#legend .swatch[data-shape]').nth(5).waitFor();
  const legend = await page.locator('#legend .swatch[data-shape]').evaluateAll((els) => els.map((e) => [e.dataset.shape, e.querySelector('svg').dataset.shape, e.textContent]));
  assert.deepEqual(legend.map(([shape]) => shape), CLASS_SHAPES, 'a shape per class, in order');
  legend.forEach(([shape, icon, text], k) => {
    assert.equal(icon, shape, 'the icon draws that shape');
    assert.equal(text, `class ${k + 1} (${shape})`, 'and says it');
  });
  const picker = await page.getByRole('radiogroup', { name: 'Class to add' }).locator('svg').evaluateAll((els) => els.map((e) => e.dataset.shape));
  assert.deepEqual(picker, CLASS_SHAPES);
  await button(page, 'Step epoch').click();
  const table = page.getByRole('table', { name: 'Confusion matrix' });
  await table.locator('tbody tr').nth(5).waitFor();
  assert.deepEqual(await table.locator('thead th').allTextContents(), CLASS_SHAPES.map((s, k) => `Class ${k + 1} (${s})`));

  // your own points: a class-1 and a class-2 point are drawn in their colours
  await button(page, 'Clear').click();
  await page.waitForFunction(() => /: 0 points/.test(document.querySelector('.data-count').innerText));
  for (const [k, x] of [[0, -3], [1, 3]]) {
    await page.getByTitle(`Class ${k + 1} (${CLASS_SHAPES[k]})`).click();   // the swatch, as a person does
    await clickPlot(page, x, 3);
  }
  await page.waitForFunction(() => /: 2 points/.test(document.querySelector('.data-count').innerText));
  await nextFrames(page);
  for (const [k, x] of [[0, -3], [1, 3]]) {
    const got = await pixel(page, x, 3), want = rgbOf(CLASS_COLORS[k]);
    assert.ok(got.every((v, i) => Math.abs(v - want[i]) <= 12), `class ${k + 1}'s point is ${CLASS_COLORS[k]} (got rgb ${got})`);
  }
  await page.locator('.output').screenshot({ path: join(SCREENSHOTS, 'a11y-classes.png') });
  assert.deepEqual(page.problems, []);
  await page.close();
});

// --- 4. axe-core at every size, in the states a person reaches ---------------------------------------

test('axe-core finds no violation at six sizes: default, paused, By hand stepped, field errors, drawn data, a link notice, a lesson', async () => {
  const found = [];
  const page = await openPlayground(browser, '#layers=4tanh,4tanh');
  found.push(...await axeAtSizes(page, 'default'));

  await button(page, 'Play').click();
  await waitForEpoch(page, 30);
  await pause(page);
  found.push(...await axeAtSizes(page, 'paused'));

  await page.locator('#by-hand').scrollIntoViewIfNeeded();
  await page.locator('#by-hand .eq-page[data-state=typeset] .katex').first().waitFor();
  await button(page, 'Start step-through').click();
  await button(page, 'Next step').click();
  await page.locator('#by-hand .bh-caption').filter({ hasText: /\S/ }).waitFor();
  // one column (the stepper above the equations) and two (the stepper beside them)
  found.push(...await axeAtSizes(page, 'By hand stepped', { include: [['#by-hand']], sizes: [SIZES[0], SIZES[4]] }));
  await button(page, 'Stop step-through').click();

  // a value out of range, typed key by key (shown as invalid, or put back, whichever the field does)
  const l2 = label(page, 'L2');
  await l2.click();
  await l2.press('ControlOrMeta+a');
  await l2.pressSequentially('11');
  await l2.press('Tab');
  await page.waitForFunction(() => { const el = document.querySelector('[data-field=l2]'); return el.getAttribute('aria-invalid') === 'true' || el.value !== '11'; });
  // and a choice that cannot work, explained beside its control
  await label(page, 'Output activation').selectOption('tanh');
  await page.getByText(/takes the log of the outputs/).waitFor();
  found.push(...await axeAtSizes(page, 'field errors', { include: [['.layout']] }));
  await label(page, 'Output activation').selectOption('sigmoid');
  await page.waitForFunction(() => !document.getElementById('play').disabled);

  await button(page, 'Clear').click();
  await page.waitForFunction(() => /: 0 points/.test(document.querySelector('.data-count').innerText));
  for (const [x, y] of [[-3, 2], [-2, -3], [3, 1]]) await clickPlot(page, x, y);
  await page.getByTitle('Class 2 (square)').click();
  for (const [x, y] of [[2, -3], [4, 4]]) await clickPlot(page, x, y);
  await page.waitForFunction(() => /: 5 points/.test(document.querySelector('.data-count').innerText));
  await latestNetworkShown(page);
  found.push(...await axeAtSizes(page, 'drawn data', { include: [['.layout']] }));
  assert.deepEqual(page.problems, []);
  await page.close();

  const linked = await browser.newPage();
  await linked.goto(`${browser.url}index.html#noise=7`);
  await linked.getByRole('alert').filter({ hasText: 'noise' }).waitFor();
  await linked.waitForFunction(() => !document.getElementById('play').disabled);
  found.push(...await axeAtSizes(linked, 'link notice'));
  await linked.screenshot({ path: join(SCREENSHOTS, 'a11y-notice.png') });
  assert.deepEqual(linked.problems, []);
  await linked.close();

  // a lesson open and done (lessons/panel.js), with the Lessons menu open
  const lesson = await browser.newPage();
  await lesson.goto(`${browser.url}index.html#lesson=vanishing-gradients`);
  await lesson.waitForFunction(() => !document.getElementById('play').disabled);
  await lesson.getByRole('region', { name: 'Lesson', exact: true }).locator('.katex').first().waitFor();
  await button(lesson, 'Show me').click();
  await lesson.getByRole('status').getByText(/^Done: /).waitFor();
  await pause(lesson);
  await lesson.locator('.lessons-menu summary').click();
  found.push(...await axeAtSizes(lesson, 'lesson', { include: [['#lesson'], ['header']] }));
  assert.deepEqual(lesson.problems, []);
  await lesson.close();
  if (found.length) console.log(`# axe-core:\n${found.map((f) => `#   ${f}`).join('\n')}`);
  assert.deepEqual(found, [], 'axe-core violations');
});

// --- 5. the inside views say what they show -------------------------------------------------------------

test('a hovered neuron\'s map has its own legend (its activation\'s scale), and leaving restores the prediction\'s', async () => {
  const page = await openPlayground(browser, '#layers=3tanh');
  await button(page, 'Step epoch').click();
  await waitForEpoch(page, 1);
  const legend = page.locator('#legend');
  assert.match(await legend.innerText(), /p\(class 2\)/);
  await button(page, 'Layer 1 neuron 2').hover();
  await page.waitForFunction(() => /Layer 1 neuron 2/.test(document.getElementById('legend').innerText));
  const text = await legend.innerText();
  assert.match(text, /Layer 1 neuron 2 · Tanh: output/);
  assert.match(text, /−1[\s\S]*\+1/, 'tanh\'s range, −1 … +1');
  assert.doesNotMatch(text, /p\(class 2\)/, 'not the prediction\'s scale');
  await button(page, 'Layer 1 neuron 2').screenshot({ path: join(SCREENSHOTS, 'a11y-neuron.png') }).catch(() => {});
  await page.locator('.output').screenshot({ path: join(SCREENSHOTS, 'a11y-neuron-legend.png') });
  await page.mouse.move(5, 5);
  await page.waitForFunction(() => /p\(class 2\)/.test(document.getElementById('legend').innerText));
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('log-scale loss ticks read 0.1, 0.01, 1e-4; the hidden space speaks of targets for regression and names a dead layer', async () => {
  const page = await openPlayground(browser, '#dataset=circle&layers=8tanh,1tanh');
  await page.getByLabel('Speed').selectOption('fast');
  await button(page, 'Play').click();
  await page.waitForFunction(() => Number(/Train loss\s+([\d.]+)/.exec(document.getElementById('status').innerText)?.[1]) < 0.05, null, { polling: 100 });
  await pause(page);
  await page.getByLabel('Log scale').check();
  // the chart's own tick labels, once it has redrawn on a log scale (read, not changed)
  const labels = await eventually(async () => {
    const shown = await page.evaluate(async () => {
      const { Chart } = await import('chart.js');
      const scale = Chart.getChart(document.getElementById('curves')).scales.loss;
      return scale.type === 'logarithmic' && scale.ticks.map((t) => t.label);
    });
    assert.ok(shown, 'the loss axis is redrawn on a log scale');
    return shown;
  });
  console.log(`# log-scale loss ticks: ${labels.join(', ')}`);
  assert.ok(labels.filter((l) => l !== '').length >= 2, `labelled ticks (${labels})`);
  for (const l of labels) {
    assert.match(l, /^(\d+(\.\d+)?|\d(\.\d+)?e-?\d+)$/, `"${l}" reads as a person writes it`);
    assert.doesNotMatch(l, /\.\d*0(e|$)/, `"${l}" has no trailing zeros`);
  }

  // regression, picked from the Dataset list: the single neuron's caption speaks of targets
  await label(page, 'Dataset').selectOption('plane');
  await latestNetworkShown(page);
  const caption = page.locator('.hidden-caption');
  await page.waitForFunction(() => /single neuron/.test(document.querySelector('.hidden-caption').innerText));
  assert.doesNotMatch(await caption.innerText(), /class/i);
  assert.match(await caption.innerText(), /target/);
  assert.deepEqual(page.problems, []);
  await page.close();

  // every weight zero: a ReLU layer that gives 0 for every point is said to be dead
  const dead = await openPlayground(browser, '#layers=8relu&init=zeros');
  await dead.waitForFunction(() => /Layer 1/.test(document.querySelector('.hidden-caption').innerText));
  const text = await dead.locator('.hidden-caption').innerText();
  assert.match(text, /^Layer 1 \(8 ReLU\): .*dead/, 'the layer by its activation\'s display name, said to be dead');
  assert.doesNotMatch(text, /0% and 0%/);
  assert.deepEqual(dead.problems, []);
  await dead.close();
});
