// Real-browser tests of several articles in one timeline: "Add to this timeline" in the open
// panel, `?article=` repeated, and the same happening merged across the two reports.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { useSite } from './harness.mjs';

const ROOT = 'dist';
const PAIR = 'tests/data/merge/04-ceasefire';
const A = readFileSync(join(PAIR, 'a.txt'), 'utf8');
const B = readFileSync(join(PAIR, 'b.txt'), 'utf8');
// The same happening in each report, which the merge joins into one event.
const IN_A = 'defeated by Congolese and UN forces in 2013';
const IN_B = 'defeated by Congolese troops and a UN intervention brigade in 2013';

const site = useSite({ root: ROOT, prefix: '/app/', headers: true });

/** The ids of the events the passage holding `text` states. */
const idsAt = (page, text) => page.$$eval('.article mark[data-events]', (ms, text) =>
  ms.filter((m) => m.closest('p')?.textContent.includes(text)).flatMap((m) => m.dataset.events.split(' ')), text);

async function merged(page) {
  // Each report is a source, and the article pane shows one at a time, as tabs.
  const ids = [];
  for (const [tab, text] of [[0, IN_A], [1, IN_B]]) {
    await page.click(`[role="tab"] >> nth=${tab + 1}`);
    await page.waitForFunction((s) => document.querySelector('.article')?.textContent.includes(s), text);
    ids.push(await idsAt(page, text));
  }
  const [a, b] = ids;
  assert.ok(a.some((id) => b.includes(id)), `one event states both: ${a} / ${b}`);
}

/** Opens report A, then adds report B to its timeline, and waits for the merge. */
async function openThenAdd(page) {
  await page.click('button:has-text("Open an article")');
  await page.fill('#article-text', A);
  await page.click('button:has-text("Build the timeline")');
  await page.waitForSelector('.open-panel', { state: 'detached' });
  await page.waitForFunction((a) => document.querySelector('.article')?.textContent.includes(a), IN_A);
  await page.click('button:has-text("Open an article")');
  await page.fill('#article-text', B);
  await page.check('#article-add');
  await page.click('button:has-text("Add the article")');
  await page.waitForSelector('.open-panel', { state: 'detached' });
  await merged(page);
}

test('an article added to the timeline becomes a source, the same happening merged', async (t) => {
  const page = await site.page(t);
  await openThenAdd(page);
  // Bad input adds nothing and loses nothing: a message, and the two sources stay.
  await page.click('button:has-text("Open an article")');
  await page.fill('#article-text', '   ');
  await page.check('#article-add');
  await page.click('button:has-text("Add the article")');
  await page.waitForSelector('.open-panel .error');
  assert.match(await page.textContent('.open-panel .error'), /The article is empty/);
  await page.click('.open-panel button:has-text("Cancel")');
  await merged(page);
  // Kept as the reader's own timeline, as version 2.
  const stored = await page.evaluate(() => localStorage.getItem('sourceline.timeline.v1'));
  assert.match(stored ?? '', /"version":2/);
  await page.reload();
  await page.waitForSelector('#app[data-live] svg.timeline');
  await merged(page);
});

test('an added article is an edit: "Undo the last edit" takes it away, the first stays', async (t) => {
  const page = await site.page(t);
  await openThenAdd(page);
  await page.click('button:has-text("Undo the last edit")');
  await page.waitForFunction(([a, b]) => {
    const t = document.querySelector('.article')?.textContent ?? '';
    return t.includes(a) && !t.includes(b);
  }, [IN_A, IN_B]);
  // The first article was opened, not added: nothing is left to undo.
  await page.waitForSelector('button:has-text("Undo the last edit")', { state: 'detached' });
});

test('?article= repeated builds one timeline of all the articles', async (t) => {
  writeFileSync(join(ROOT, 'test-a.txt'), A);
  writeFileSync(join(ROOT, 'test-b.txt'), B);
  t.after(() => ['test-a.txt', 'test-b.txt'].forEach((f) => rmSync(join(ROOT, f), { force: true })));
  const page = await site.page(t, '?article=test-a.txt&article=test-b.txt');
  await merged(page);
});

test('a merge by hand, and any edit, is undone by "Undo the last edit"', async (t) => {
  const page = await site.page(t);
  const count = () => page.$$eval('svg.timeline [data-event-id]', (gs) => gs.length);
  const before = await count();
  await page.click('svg.timeline [data-event-id="crimea-annexation-2014"]');
  await page.click('summary:has-text("Edit this event")');
  await page.selectOption('#edit-merge', 'full-scale-invasion-2022');
  await page.click('button:has-text("Merge")');
  await page.waitForFunction((n) => document.querySelectorAll('svg.timeline [data-event-id]').length === n - 1, before);
  await page.click('button:has-text("Undo the last edit")');
  await page.waitForSelector('svg.timeline [data-event-id="crimea-annexation-2014"]');
  assert.equal(await count(), before);
  // Nothing left to undo: the button goes.
  await page.waitForSelector('button:has-text("Undo the last edit")', { state: 'detached' });
});
