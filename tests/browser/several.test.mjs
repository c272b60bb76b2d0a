// Real-browser tests of what the app shows of a timeline of several sources
// (tests/data/two-sources.json): a row and a legend entry per source, the details grouped by
// source with each source's date and their disagreement, split and remove-source (made in the
// tagging worker, both undoable), and `#event=` links and Back across sources.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { useSite } from './harness.mjs';

const ROOT = 'dist';
const FILE = 'test-two-sources.json';
const site = useSite({ root: ROOT, prefix: '/app/' });

/** The page with the two-source dataset loaded from the address, and `hash` after it. */
async function open(t, hash = '') {
  copyFileSync('tests/data/two-sources.json', join(ROOT, FILE));
  t.after(() => rmSync(join(ROOT, FILE), { force: true }));
  return site.page(t, `?data=${FILE}${hash}`, { wait: 'svg.timeline [data-event-id="inv"]' });
}

/** The ids of the dated events drawn on the timeline, sorted. */
const drawn = (page) => page.$$eval('svg.timeline [data-event-id]', (gs) => gs.map((g) => g.dataset.eventId).sort());
/** The legend's track entries. */
const legend = (page) => page.$$eval('.legend .tracks li', (ls) => ls.map((l) => l.textContent.trim()));
/** Waits until the timeline draws `n` events. */
const count = (page, n) => page.waitForFunction((n) => document.querySelectorAll('svg.timeline [data-event-id]').length === n, n);

test('a timeline of several sources is drawn a row per source, each with a legend entry', async (t) => {
  const page = await open(t);
  await page.waitForSelector('.view-switch button[aria-pressed="true"]:has-text("Sources")');
  assert.deepEqual(await legend(page), [
    'A · Wire, 2024-05-02 Remove source A · Wire, 2024-05-02',
    'B · Second report Remove source B · Second report',
    'Two or more sources',
  ]);
  const rows = await page.$$eval('svg.timeline .band-title', (ts) => ts.map((x) => x.textContent));
  assert.deepEqual(rows, ['A · Wire, 2024-05-02', 'B · Second report', 'Two or more sources']);
  // Each source's events on its row, in its colour; the invasion, which both state, on the last.
  const tracks = await page.$$eval('svg.timeline [data-event-id]', (gs) =>
    Object.fromEntries(gs.map((g) => [g.dataset.eventId, g.closest('[class*="track-"]')?.getAttribute('class').match(/track-\d/)?.[0]])));
  assert.deepEqual(tracks, { sum: 'track-0', talk: 'track-1', inv: 'track-2' });
  // The article's own rows are a click away, and back.
  await page.click('.view-switch button:has-text("Article")');
  await page.waitForFunction(() => document.querySelectorAll('.legend .tracks li').length === 1);
  await page.click('.view-switch button:has-text("Sources")');
  await page.waitForFunction(() => document.querySelectorAll('.legend .tracks li').length === 3);
});

test('the details list passages by source, with each source\'s date and their disagreement', async (t) => {
  const page = await open(t);
  await page.click('svg.timeline [data-event-id="inv"]');
  await page.waitForSelector('.details dt:has-text("Sources disagree")');
  const groups = await page.$$eval('.details .quotes h4', (hs) => hs.map((h) => h.textContent.trim()));
  assert.deepEqual(groups, ['AFirst report', 'BSecond report']);
  const dates = await page.$$eval('.details dd.disagree li', (ls) => ls.map((l) => l.textContent.trim()));
  assert.deepEqual(dates, ['AFirst report: 2022', 'BSecond report: 2021']);
  // Each passage leads to its own source's text.
  await page.click('.details .quotes li:nth-child(2) button:has-text("Show in text")');
  await page.waitForSelector('mark.current:has-text("The invasion began in 2021.")');
  const seen = await page.$eval('mark.current:has-text("The invasion began in 2021.")', (m) => {
    const r = m.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight;
  });
  assert.ok(seen, 'scrolled into view');
  // An event of one source: no per-source dates, and nothing to split.
  await page.click('svg.timeline [data-event-id="talk"]');
  await page.waitForSelector('.details h2:has-text("Talks")');
  assert.equal(await page.$('.details dt:has-text("Sources disagree")'), null);
  assert.equal(await page.$('.details button:has-text("Split")'), null);
});

test('an #event= link, and Back, select events of either source', async (t) => {
  const page = await open(t, '#event=talk');
  await page.waitForSelector('.details h2:has-text("Talks")');
  await page.waitForSelector('mark.current:has-text("Talks in 2019.")');
  await page.click('svg.timeline [data-event-id="sum"]');
  await page.waitForSelector('mark.current:has-text("A summit in 2008.")');
  await page.goBack();
  await page.waitForSelector('.details h2:has-text("Talks")');
  await page.waitForSelector('mark.current:has-text("Talks in 2019.")');
});

test('split by source and remove a source are made in the worker, and Undo takes them back', async (t) => {
  const page = await open(t);
  await page.click('svg.timeline [data-event-id="inv"]');
  await page.click('.details button:has-text("Split by source")');
  await count(page, 4);
  // One part per source, each at its source's date.
  const names = await page.$$eval('svg.timeline [data-event-id^="inv"]', (gs) => gs.map((g) => g.getAttribute('aria-label')).join(' | '));
  assert.match(names, /2022/);
  assert.match(names, /2021/);
  await page.click('button:has-text("Undo the last edit")');
  await count(page, 3);
  // Removing B takes its talks away; the invasion stays, as A states it too.
  await page.click('.legend button:has-text("Remove source B")');
  await count(page, 2);
  assert.deepEqual(await drawn(page), ['inv', 'sum']);
  assert.doesNotMatch(await page.textContent('.article'), /Talks in 2019/);
  // One source left: its own rows, and nothing left to remove.
  await page.waitForSelector('.view-switch button:has-text("Sources")', { state: 'detached' });
  await page.click('button:has-text("Undo the last edit")');
  await count(page, 3);
  assert.match(await page.textContent('.article'), /Talks in 2019/);
});

test('an event of one source with several passages splits by passage, and Undo joins it again', async (t) => {
  const page = await site.page(t);
  await page.click('svg.timeline [data-event-id="full-scale-invasion-2022"]');
  await page.click('.details button:has-text("Split by passage")');
  await page.waitForSelector('svg.timeline [data-event-id="full-scale-invasion-2022-2"]');
  await page.click('button:has-text("Undo the last edit")');
  await page.waitForSelector('svg.timeline [data-event-id="full-scale-invasion-2022-2"]', { state: 'detached' });
  await page.waitForSelector('svg.timeline [data-event-id="full-scale-invasion-2022"]');
});

test('the embed view of several sources: rows and details by source, and no editing', async (t) => {
  const page = await open(t, '&embed');
  await page.waitForFunction(() => document.querySelectorAll('.legend .tracks li').length === 3);
  assert.equal(await page.$('.legend button'), null, 'no Remove');
  await page.click('svg.timeline [data-event-id="inv"]');
  await page.waitForSelector('.details dt:has-text("Sources disagree")');
  assert.equal(await page.$('.details button:has-text("Split")'), null, 'no Split');
});

/** Waits until the article pane shows `text`, and not `not`. */
const showing = (page, text, not) => page.waitForFunction(([s, n]) => {
  const t = document.querySelector('.article')?.textContent ?? '';
  return t.includes(s) && !(n && t.includes(n));
}, [text, not]);

test('the source tabs: one source\'s text at a time, with its marked passages, and the filter', async (t) => {
  const page = await open(t);
  const tabs = await page.$$eval('[role="tab"]', (ts) => ts.map((b) => [b.textContent.trim(), b.getAttribute('aria-selected')]));
  assert.deepEqual(tabs, [
    ['All sources', 'true'],
    ['AFirst report Wire, 2024-05-02, 2 marked', 'false'],
    ['BSecond report 2 marked', 'false'],
    ['Stated by two or more 1', 'false'],
    ['Disagreements 1', 'false'],
  ]);
  await showing(page, 'A summit in 2008');
  await showing(page, 'Talks in 2019');
  // Each source's own headline is a heading, in all sources' text as in one's.
  const headings = (want) => page.waitForFunction((w) => JSON.stringify([...document.querySelectorAll('.article h3.headline')].map((h) => h.textContent.trim())) === w, JSON.stringify(want));
  await headings(['First report', 'Second report']);
  // B alone: its text, and its events.
  await page.click('[role="tab"]:has-text("Second report")');
  await showing(page, 'Talks in 2019', 'A summit in 2008');
  await headings(['Second report']);
  await count(page, 2);
  assert.deepEqual(await drawn(page), ['inv', 'talk']);
  assert.match(await page.textContent('.chip-status'), /2 of 3 events/);
  // Selecting the invasion's passage in A brings A.
  await page.click('svg.timeline [data-event-id="inv"]');
  await page.click('.details .quotes li:first-child button:has-text("Show in text")');
  await showing(page, 'A summit in 2008', 'Talks in 2019');
  assert.equal(await page.getAttribute('[role="tab"]:has-text("First report")', 'aria-selected'), 'true');
  // The disagreements: the invasion alone; all sources' text.
  await page.click('[role="tab"]:has-text("Disagreements")');
  await count(page, 1);
  await showing(page, 'Talks in 2019');
  await page.click('[role="tab"]:has-text("All sources")');
  await count(page, 3);
});

test('the source tabs take the keyboard: one tab stop, arrows, Home and End', async (t) => {
  const page = await open(t);
  // Only the shown tab is in the Tab order.
  const stops = () => page.$$eval('[role="tab"]', (ts) => ts.map((b) => b.tabIndex));
  assert.deepEqual(await stops(), [0, -1, -1, -1, -1]);
  /** Waits until the focused tab is the selected one and its label starts with `label`. */
  const at = (label) => page.waitForFunction((l) => {
    const f = document.activeElement;
    return f?.getAttribute('role') === 'tab' && f.getAttribute('aria-selected') === 'true'
      && f.tabIndex === 0 && f.textContent.trim().startsWith(l);
  }, label);
  await page.focus('[role="tab"]:has-text("All sources")');
  await page.keyboard.press('ArrowRight');
  await at('AFirst report');
  await showing(page, 'A summit in 2008', 'Talks in 2019');
  await page.keyboard.press('ArrowRight');
  await at('BSecond report');
  await showing(page, 'Talks in 2019', 'A summit in 2008');
  await count(page, 2);
  await page.keyboard.press('End');
  await at('Disagreements');
  await count(page, 1);
  // Past the last, back to the first; before the first, the last.
  await page.keyboard.press('ArrowRight');
  await at('All sources');
  await count(page, 3);
  await page.keyboard.press('ArrowLeft');
  await at('Disagreements');
  await page.keyboard.press('Home');
  await at('All sources');
  assert.deepEqual(await stops(), [0, -1, -1, -1, -1]);
});

test('the reading order has a row per source', async (t) => {
  const page = await open(t);
  await page.click('button:has-text("Reading order")');
  await page.waitForSelector('svg.reading-plot .source-row');
  const rows = await page.$$eval('svg.reading-plot .source-row text', (ts) => ts.map((x) => x.textContent));
  assert.deepEqual(rows, ['A · First report', 'B · Second report']);
  // Each source's mentions below its own rule: B's talks below B's, A's summit above it.
  const y = (sel) => page.$eval(sel, (el) => el.getBBox().y);
  const rules = await page.$$eval('svg.reading-plot .source-row line', (ls) => ls.map((l) => Number(l.getAttribute('y1'))));
  assert.ok(await y('svg.reading-plot [data-event-id="talk"] .shape') > rules[1]);
  assert.ok(await y('svg.reading-plot [data-event-id="sum"] .shape') < rules[1]);
});
