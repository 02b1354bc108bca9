// export.test.mjs — the Export as menu (web/js/export-menu.js, export-dialog.js) as a person uses it:
// train a few epochs, pause, Export as → NumPy / PyTorch opens a dialog with the code, Copy puts that
// text on the clipboard and Download saves the same text; it is, byte for byte, what Node's
// nn.loadNetwork(file).export(format) writes for the file Export model saves, and a fresh page that
// imports that file exports it the same again (the page exports the saved document). ONNX downloads
// the bytes Node writes. The dialog names the input columns (the features, in order). The menu
// works by keyboard alone (the ARIA menu-button keys), Escape closes the dialog and focus returns;
// a writer that fails is said in the message line and nothing else happens. Layout (overlap.mjs)
// and axe with the menu and the dialog open; screenshots of both at 1280×720 and 390×844.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SCREENSHOTS, startBrowserAndModule, openPlayground, button, download, pause, upload, waitForEpoch, workerSeen, canvasesFit } from './browser.mjs';
import { layoutProblems } from './overlap.mjs';

const AXE = fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url));
const LIB = new URL('../../dist/lib/export/index.mjs', import.meta.url).href;
let browser, nn, formats, exportDocument;

before(async () => {
  ({ browser, nn } = await startBrowserAndModule());
  ({ formats, exportDocument } = await import(LIB));
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(browser.url).origin });
});
after(() => browser?.close());

const python = () => formats.filter((f) => f.file.endsWith('.py'));
const onnx = () => formats.find((f) => f.name === 'onnx');
const item = (page, f) => page.getByRole('menuitem', { name: f.display });
const dialogOf = (page) => page.getByRole('dialog');
const focused = (page) => page.evaluate(() => {
  const el = document.activeElement;
  return { role: el.getAttribute('role'), text: el.textContent.trim(), inDialog: !!el.closest('dialog[open]') };
});

/** Plays until epoch n, then pauses: a trained network that stays as it is. */
async function trained(page, n = 3) {
  await button(page, 'Play').click();
  await waitForEpoch(page, n);
  await pause(page);
}

/** The message line's error about a failed export, if one came instead (a writer that throws). */
const failed = (page) => page.getByRole('alert').filter({ hasText: 'the export failed' });

/** Export as → format (clicks); for a Python format, waits for its dialog and returns the code. */
async function exportPython(page, f) {
  await button(page, 'Export as').click();
  await item(page, f).click();
  const dialog = dialogOf(page);
  await dialog.or(failed(page)).waitFor();
  if (await failed(page).count()) assert.fail(await failed(page).innerText());   // (read only then: innerText waits for it)
  assert.equal(await dialog.getByRole('heading').innerText(), f.display);
  return dialog.locator('pre').textContent();
}

/** Export as → ONNX: the downloaded file's name and bytes. */
async function exportOnnx(page) {
  await button(page, 'Export as').click();
  const file = page.waitForEvent('download');
  file.catch(() => {});   // awaited below, unless an error came instead
  await item(page, onnx()).click();
  const which = await Promise.race([file.then(() => 'file'), failed(page).waitFor().then(() => 'error')]);
  assert.equal(which, 'file', which === 'error' ? await failed(page).innerText() : '');
  const done = await file;
  return { name: done.suggestedFilename(), bytes: readFileSync(await done.path()) };
}

/** axe-core's violations in the regions `include`. */
async function axe(page, include) {
  if (!(await page.evaluate(() => !!window.axe))) await page.addScriptTag({ path: AXE });
  return page.evaluate(async (context) => (await window.axe.run(context, { resultTypes: ['violations'] })).violations
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`), { include });
}

test('Export as: NumPy and PyTorch in a dialog (Copy, Download), ONNX downloaded; each equals Node\'s export of the saved model, and of the same file imported again', async () => {
  const page = await openPlayground(browser);
  await trained(page);
  const before = await workerSeen(page);
  const hash = await page.evaluate(() => location.hash);
  const shown = {};
  for (const f of python()) {
    const text = await exportPython(page, f);
    shown[f.name] = text;
    const dialog = dialogOf(page);
    // which columns: the default features x₁, x₂, so Export CSV's file works as it is
    const note = await dialog.locator('.export-note').innerText();
    assert.match(note, /predict\(X\) takes X of shape \(n, 2\).*x₁, x₂, in this order/);
    assert.match(note, new RegExp(`python3 ${f.file} data\\.csv.*Export CSV.*works as it is`));
    await dialog.getByRole('button', { name: 'Copy' }).click();
    await dialog.getByText('Copied to the clipboard.').waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), text, 'Copy: the dialog\'s text');
    const [file] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Download' }).click()]);
    assert.equal(file.suggestedFilename(), f.file);
    assert.equal(readFileSync(await file.path(), 'utf8'), text, 'Download: the dialog\'s text');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    assert.deepEqual(await focused(page), { role: null, text: 'Export as▾', inDialog: false }, 'focus back on Export as');
  }
  const binary = await exportOnnx(page);
  assert.equal(binary.name, onnx().file);
  await page.locator('.tool-msg').getByText(`Saved ${onnx().file}`).waitFor();

  // the file Export model saves, read in Node: the same texts and bytes
  const saved = await download(page, 'Export model');
  const net = nn.loadNetwork(saved);
  for (const f of python()) assert.equal(shown[f.name], await net.export(f.name), `${f.name}: the page's text is Node's`);
  assert.equal(Buffer.compare(binary.bytes, Buffer.from(await net.export('onnx'))), 0, 'onnx: the page\'s bytes are Node\'s');
  // nothing else changed: no build, no training, the same link
  const after = await workerSeen(page);
  assert.deepEqual([after.builds, after.epoch, after.frames], [before.builds, before.epoch, before.frames]);
  assert.equal(await page.evaluate(() => location.hash), hash);
  assert.deepEqual(page.problems, []);
  await page.close();

  // a fresh page that imports the saved file exports it the same
  const again = await openPlayground(browser);
  assert.match(await upload(again, 'Import model', 'saved.json', saved), /Loaded the network from saved\.json/);
  for (const f of python()) {
    assert.equal(await exportPython(again, f), shown[f.name], `${f.name}: the imported file exports as the live network did`);
    await again.keyboard.press('Escape');
  }
  assert.equal(Buffer.compare((await exportOnnx(again)).bytes, binary.bytes), 0);
  assert.deepEqual(again.problems, []);
  await again.close();
});

test('the inputs are the features: the dialog lists them in order, the file names them, and Export CSV is said to need them computed', async () => {
  const page = await openPlayground(browser, '#features=x1,x2,x1sq,sinx2');
  await trained(page, 2);
  const f = python()[0];
  const text = await exportPython(page, f);
  const note = await dialogOf(page).locator('.export-note').innerText();
  assert.match(note, /X of shape \(n, 4\).*x₁, x₂, x₁², sin x₂, in this order/);
  assert.match(note, /Export CSV writes the raw x₁, x₂ \(then the class or target\): compute x₁² and sin x₂ from them and put the columns in this order first\./);
  await page.keyboard.press('Escape');
  const doc = JSON.parse(await download(page, 'Export model'));
  assert.equal(text, await exportDocument(doc, nn.catalog, f.name, { inputNames: ['x1', 'x2', 'x1sq', 'sinx2'] }), 'the page passes its features as inputNames');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('by keyboard alone: Enter, Space, ↓ and ↑ open the menu, arrows, Home and End move, Escape and Tab close it, Enter chooses; the dialog keeps focus and Escape closes it', async () => {
  const page = await openPlayground(browser);
  const menuButton = button(page, 'Export as');
  const expanded = () => menuButton.getAttribute('aria-expanded');
  const names = formats.map((f) => f.display);
  const at = async () => (await focused(page)).text;
  await menuButton.focus();
  for (const [open, first] of [['Enter', 0], ['Space', 0], ['ArrowDown', 0], ['ArrowUp', names.length - 1]]) {
    await page.keyboard.press(open);
    assert.equal(await expanded(), 'true', `${open} opens the menu`);
    assert.ok((await at()).startsWith(names[first]), `${open}: focus on ${names[first]}`);
    assert.equal((await focused(page)).role, 'menuitem');
    await page.keyboard.press('Escape');
    assert.equal(await expanded(), 'false', 'Escape closes it');
    assert.equal(await at(), 'Export as▾', 'and focus is back on the button');
  }
  await page.keyboard.press('Enter');
  for (const [key, i] of [['ArrowDown', 1], ['ArrowUp', 0], ['ArrowUp', names.length - 1], ['ArrowDown', 0], ['End', names.length - 1], ['Home', 0]]) {
    await page.keyboard.press(key);
    assert.ok((await at()).startsWith(names[i]), `${key}: ${names[i]}`);
  }
  await page.keyboard.press('Tab');
  assert.equal(await expanded(), 'false', 'Tab leaves the menu, closed');
  assert.equal(await page.locator('[role=menu]').isVisible(), false);
  await menuButton.focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');   // the first item: NumPy
  await dialogOf(page).waitFor();
  assert.deepEqual(await focused(page), { role: null, text: 'Copy', inDialog: true });
  // Tab goes round the dialog's controls (and the browser's own, past the last): never the page behind
  const visited = new Set();
  for (let i = 0; i < 10; i++) {
    await page.keyboard.press('Tab');
    const el = await page.evaluate(() => {
      const a = document.activeElement;
      return a === document.body ? 'the browser' : a.closest('dialog[open]') ? a.getAttribute('aria-label') ?? a.textContent : `outside: ${a.outerHTML.slice(0, 80)}`;
    });
    assert.ok(!el.startsWith('outside'), `Tab ${i + 1}: ${el}`);
    visited.add(el);
  }
  assert.deepEqual([...visited].filter((el) => el !== 'the browser').sort(), ['Close', 'Copy', 'Download', `The code of ${formats[0].file}`]);
  await page.keyboard.press('Escape');
  await dialogOf(page).waitFor({ state: 'hidden' });
  assert.equal(await at(), 'Export as▾');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('a writer that fails: the message line says so, no dialog, no file, nothing else changes', async () => {
  const page = await openPlayground(browser);
  await page.route('**/lib/export/onnx.mjs', (route) => route.fulfill({
    contentType: 'text/javascript', body: 'export function write() { throw new Error("the protobuf encoder is missing"); }',
  }));
  const downloads = [];
  page.on('download', (d) => downloads.push(d));
  const before = await workerSeen(page);
  await button(page, 'Export as').click();
  await item(page, onnx()).click();
  const alert = page.getByRole('alert').filter({ hasText: 'the protobuf encoder is missing' });
  await alert.waitFor();
  assert.match(await alert.innerText(), new RegExp(`^${onnx().display}: the export failed \\(the protobuf encoder is missing\\)\\. Nothing was saved\\.$`));
  assert.equal(await dialogOf(page).isVisible(), false);
  assert.deepEqual(downloads, []);
  assert.equal((await workerSeen(page)).builds, before.builds);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('the menu and the dialog at a phone\'s and a projector\'s size: no layout problem, no axe violation; screenshots (export-menu-*.png, export-dialog-*.png)', async () => {
  const page = await openPlayground(browser);
  await trained(page, 2);
  const f = python()[0];
  for (const [width, height] of [[1280, 720], [390, 844]]) {
    await page.setViewportSize({ width, height });
    await canvasesFit(page, width);
    const menuButton = button(page, 'Export as');
    await menuButton.scrollIntoViewIfNeeded();
    await menuButton.click();
    const menu = page.getByRole('menu');
    await menu.waitFor();
    const box = await menu.boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= width, `the menu fits the width at ${width} px`);
    await page.screenshot({ path: join(SCREENSHOTS, `export-menu-${width}.png`) });
    assert.deepEqual(await layoutProblems(page), [], `menu open at ${width}×${height}`);
    assert.deepEqual(await axe(page, ['.data-tools']), [], `axe, menu open at ${width}`);
    await item(page, f).click();
    const dialog = dialogOf(page);
    await dialog.waitFor();
    const d = await dialog.boundingBox();
    assert.ok(d.x >= 0 && d.y >= 0 && d.x + d.width <= width && d.y + d.height <= height, `the dialog fits the screen at ${width}×${height}`);
    const pre = await dialog.locator('pre').evaluate((el) => ({ scrolls: el.scrollHeight > el.clientHeight, font: getComputedStyle(el).fontFamily }));
    assert.ok(pre.scrolls, 'a long file scrolls inside the dialog');
    assert.match(pre.font, /monospace/);
    await page.screenshot({ path: join(SCREENSHOTS, `export-dialog-${width}.png`) });
    assert.deepEqual(await layoutProblems(page), [], `dialog open at ${width}×${height}`);
    assert.deepEqual(await axe(page, ['.export-dialog']), [], `axe, dialog open at ${width}`);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'hidden' });
  }
  assert.deepEqual(page.problems, []);
  await page.close();
});
