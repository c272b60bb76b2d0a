// Accessibility checks of every view (tests/browser/views.mjs) in light and dark themes, on a
// desktop and a phone: axe-core finds no WCAG 2.2 A/AA violation. Also what a screen reader
// meets: short announcements on selection, and the list of events in date order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite } from './harness.mjs';
import { SIZES, THEMES, VIEWS, axe, load, paste } from './views.mjs';

const ROOT = 'dist';
const site = useSite({ root: ROOT, prefix: '/a11y/' });

/** A fresh page, not yet loaded: each view finds its own way in. */
const page = (t, { viewport = SIZES.desktop, colorScheme = 'light' } = {}) => site.newPage(t, { viewport, colorScheme });

for (const view of VIEWS) {
  for (const colorScheme of THEMES) {
    for (const [size, viewport] of Object.entries(SIZES)) {
      test(`axe: no WCAG 2.2 A/AA violations: ${view.name} (${colorScheme}, ${size})`, async (t) => {
        const p = await page(t, { viewport, colorScheme });
        await view.go(p, site.url);
        const { violations, passes } = await axe(p);
        assert.deepEqual(violations, []);
        assert.ok(passes > 10, 'axe really ran');
      });
    }
  }
}

/** The live region's text once `id` is selected, and the passages that state the event. */
async function announced(p, id) {
  await p.click(`svg.timeline [data-event-id="${id}"]`);
  await p.waitForFunction(() => document.querySelector('[aria-live]')?.textContent.startsWith('Selected '));
  const live = await p.textContent('[aria-live]');
  const passages = await p.$$eval(`mark[data-events~="${id}"]`, (ms) => ms.map((m) => m.textContent));
  return { live, passages };
}

test('selecting an event announces its date and name, never its passage', async (t) => {
  const p = await page(t);
  await load(p, site.url);
  const { live, passages } = await announced(p, 'bucharest-summit-2008');
  assert.match(live, /^Selected 2008/);
  assert.ok(live.length < 120, `short: ${live}`);
  assert.ok(passages.length > 0);
  for (const s of passages) assert.ok(!live.includes(s), `the passage is not read out: ${live}`);
  {
    await paste(p);
    const id = await p.$eval('svg.timeline [aria-label^="1989 "]', (g) => g.dataset.eventId);
    const pasted = await announced(p, id);
    assert.ok(pasted.live.length < 120, `short: ${pasted.live}`);
    assert.ok(pasted.passages.length > 0);
    for (const s of pasted.passages) assert.ok(!pasted.live.includes(s), `the passage is not read out: ${pasted.live}`);
  }
});

test('the events are listed in date order, and each item selects its event', async (t) => {
  const p = await page(t);
  await load(p, site.url);
  assert.equal(await p.$('.event-list li'), null, 'nothing is built while the list is closed');
  await p.click('.event-list summary');
  // Yew draws the items after the toggle event, asynchronously.
  await p.waitForSelector('.event-list li button');
  const items = await p.$$eval('.event-list li button', (bs) => bs.map((b) => b.textContent));
  const controls = await p.$$('svg.timeline [data-event-id]');
  assert.equal(items.length, controls.length, 'every dated event, once');
  assert.match(await p.textContent('.event-list summary'), new RegExp(`\\(${items.length}\\)`));
  const at = (year) => items.findIndex((s) => s.startsWith(String(year)));
  const years = [1974, 1991, 1994, 2008, 2014, 2022].map(at);
  assert.ok(years.every((i) => i >= 0), items.join(' | '));
  assert.deepEqual(years, [...years].sort((a, b) => a - b), `in date order: ${items.join(' | ')}`);
  await p.click(`.event-list li:nth-child(${at(2008) + 1}) button`);
  await p.waitForSelector('svg.timeline [data-event-id="bucharest-summit-2008"][aria-current="true"]');
  assert.equal(new URL(p.url()).hash, '#event=bucharest-summit-2008');
  assert.ok(await p.evaluate(() => document.activeElement.closest('.event-list') !== null), 'focus stays in the list');
});
