// lessons.test.mjs — the lessons as a learner meets them in Chromium: every lesson opens from its
// link (#lesson=<id>) in the region named "Lesson", its text typeset by KaTeX without error, and a
// click on "Show me" (at the fast speed) makes the region say "Done" at an epoch within the
// lesson's stated budget (the wall time of each is reported, never asserted); progress survives a
// reload; the menu's links and Previous/Next work by keyboard; an unknown lesson is said to be
// unknown. Screenshots of three lessons and the menu at 1280×720: test-results/screenshots/lesson-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { SCREENSHOTS, startBrowser, button, openPlayground, canvasesFit, hashMatches } from './browser.mjs';
import { LESSONS } from '../../web/js/lessons/lessons.js';

const SHOTS = new Set(['hidden-layer', 'choosing-the-loss', 'vanishing-gradients']);
let browser;

before(async () => { browser = await startBrowser({ viewport: { width: 1280, height: 720 } }); });
after(() => browser?.close());

const region = (page) => page.getByRole('region', { name: 'Lesson', exact: true });

/** Waits until the lesson's text is typeset (when it has math) and asserts no KaTeX error. */
async function typeset(page, lesson) {
  if (lesson.text.includes('$')) await region(page).locator('.lesson-text .katex').first().waitFor();
  if (lesson.task.includes('$')) await region(page).locator('.lesson-task .katex').first().waitFor();
  assert.equal(await page.locator('.katex-error, .tex-error').count(), 0, `${lesson.id}: a KaTeX error`);
}

test('every lesson opens from its link, typesets its text, and Show me is Done within its epoch budget', async (t) => {
  let page = null;
  for (const [i, lesson] of LESSONS.entries()) {
    await page?.close();
    page = await openPlayground(browser, `#lesson=${lesson.id}`);
    const lessonRegion = region(page);
    await lessonRegion.getByRole('heading', { name: lesson.title, exact: true }).waitFor();
    await lessonRegion.getByText(`Lesson ${i + 1} of ${LESSONS.length}`).waitFor();
    await typeset(page, lesson);
    assert.match(await lessonRegion.locator('.lesson-status').innerText(), /^Not done yet/);
    await page.getByLabel('Speed', { exact: true }).selectOption('fast');
    const t0 = Date.now();
    await button(page, 'Show me').click();
    const status = lessonRegion.getByRole('status');
    await status.getByText(/^Done: /).waitFor();
    const ms = Date.now() - t0;
    const epoch = Number(await status.getAttribute('data-epoch'));
    assert.ok(epoch >= 1 && epoch <= lesson.within, `${lesson.id}: Done at epoch ${epoch}, budget ${lesson.within}`);
    t.diagnostic(`${lesson.id}: Done at epoch ${epoch} of ${lesson.within} in ${ms} ms (“${await status.innerText()}”)`);
    await hashMatches(page, new RegExp(`^#lesson=${lesson.id}&`));   // the share link carries the lesson
    if (SHOTS.has(lesson.id)) {
      await canvasesFit(page, 1280);
      await page.screenshot({ path: join(SCREENSHOTS, `lesson-${lesson.id}.png`) });
    }
    assert.deepEqual(page.problems, [], lesson.id);
  }

  // progress survives a reload: every lesson is marked done in the menu, and the region says so
  await page.reload();
  await region(page).getByText(/^Done before: /).waitFor();
  await page.locator('.lessons-menu summary').click();
  const menu = page.getByRole('navigation', { name: 'Lessons' });
  for (const [i, lesson] of LESSONS.entries()) {
    await menu.getByRole('link', { name: `${i + 1}. ${lesson.title} (done)` }).waitFor();
  }
  await page.screenshot({ path: join(SCREENSHOTS, 'lesson-menu.png') });
  await page.close();
});

test('the menu links and Previous/Next work by keyboard; an unknown lesson is said to be unknown', async () => {
  const page = await openPlayground(browser);
  assert.equal(await region(page).isVisible(), false, 'no lesson: no region');
  // the menu: Enter on its summary opens it, Tab reaches the links, Enter follows one
  await page.locator('.lessons-menu summary').focus();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('navigation', { name: 'Lessons' });
  await menu.waitFor();
  for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await region(page).getByRole('heading', { name: LESSONS[2].title, exact: true }).waitFor();
  await hashMatches(page, new RegExp(`^#lesson=${LESSONS[2].id}&`));
  assert.equal(await menu.isVisible(), false, 'the menu closes once a lesson is chosen');
  // Next and Previous: links, followed with Enter
  await region(page).getByRole('link', { name: 'Next →' }).focus();
  await page.keyboard.press('Enter');
  await region(page).getByRole('heading', { name: LESSONS[3].title, exact: true }).waitFor();
  await region(page).getByRole('link', { name: '← Previous' }).focus();
  await page.keyboard.press('Enter');
  await region(page).getByRole('heading', { name: LESSONS[2].title, exact: true }).waitFor();
  // Back returns to the lesson before, as to any configuration
  await page.goBack();
  await region(page).getByRole('heading', { name: LESSONS[3].title, exact: true }).waitFor();
  // an unknown id changes nothing and says why
  await page.goto(`${page.url().split('#')[0]}#lesson=no-such-lesson`);
  await page.locator('#notice').getByText('there is no lesson “no-such-lesson”').waitFor();
  await region(page).getByRole('heading', { name: LESSONS[3].title, exact: true }).waitFor();
  // Close lesson: the region goes, the link no longer carries it
  await button(page, 'Close lesson').click();
  await region(page).waitFor({ state: 'hidden' });
  await hashMatches(page, /^#dataset=/);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('a link opened with the page that names an unknown lesson says so', async () => {
  const page = await openPlayground(browser, '#lesson=no-such-lesson');
  await page.locator('#notice').getByText('there is no lesson “no-such-lesson”').waitFor();
  assert.equal(await region(page).isVisible(), false);
  await page.close();
});
