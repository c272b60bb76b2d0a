// Real-browser tests of exploring in the app: the overview strip's brush, the
// reading-order view, and the keyboard reaching events that crowd into count bubbles.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { useSite } from './harness.mjs';
import { synth } from '../bench/synth.mjs';

const ROOT = 'dist';
before(() => writeFileSync(join(ROOT, 'explore-data.json'), JSON.stringify(synth(3000))));
after(() => rmSync(join(ROOT, 'explore-data.json'), { force: true }));
const site = useSite({ root: ROOT, prefix: '/app/', headers: true });

async function openSynthetic(t) {
  const page = await site.page(t, '?data=explore-data.json');
  await page.waitForFunction(() => document.querySelector('h1').textContent === '3000 synthetic events');
  return page;
}

/** The brush's box on the page, and its slider value (the middle year of the view). */
const brush = (page) => page.$eval('svg.overview .brush', (b) => {
  const r = b.getBoundingClientRect();
  return { x: r.x, w: r.width, y: r.y + r.height / 2, now: Number(b.getAttribute('aria-valuenow')), text: b.getAttribute('aria-valuetext') };
});
/** The first and last year on the timeline's axis. */
const axisYears = (page) => page.$$eval('svg.timeline .tick text', (ts) => ts.map((t) => t.textContent));

test('the overview shows the whole span; dragging its brush pans the timeline', async (t) => {
  const page = await openSynthetic(t);
  const whole = await brush(page);
  assert.match(whole.text, /^Showing 1\d{3} to 20\d\d$/);
  assert.ok(await page.$eval('svg.overview .density', (p) => p.getAttribute('d').length > 100), 'density drawn');
  // Zoom in: the brush narrows about the middle.
  for (let i = 0; i < 4; i++) await page.click('button[aria-label="Zoom in"]');
  await page.waitForFunction((w) => document.querySelector('svg.overview .brush').getBoundingClientRect().width < w / 3, whole.w);
  const before = await brush(page);
  const ticksBefore = await axisYears(page);
  // Drag the brush 150 px to the right: later times, same width.
  await page.mouse.move(before.x + before.w / 2, before.y);
  await page.mouse.down();
  await page.mouse.move(before.x + before.w / 2 + 75, before.y, { steps: 5 });
  await page.mouse.move(before.x + before.w / 2 + 150, before.y, { steps: 5 });
  await page.mouse.up();
  await page.waitForFunction((x) => document.querySelector('svg.overview .brush').getBoundingClientRect().x > x + 100, before.x);
  const moved = await brush(page);
  assert.ok(Math.abs(moved.x - (before.x + 150)) < 3, `brush follows the pointer: ${before.x} → ${moved.x}`);
  assert.ok(Math.abs(moved.w - before.w) < 2, 'a drag pans, it does not zoom');
  assert.ok(moved.now > before.now, 'the view moved to later years');
  assert.notDeepEqual(await axisYears(page), ticksBefore, 'the timeline followed');
  // A press beside the brush centres the view there.
  const box = await page.$eval('svg.overview', (s) => { const r = s.getBoundingClientRect(); return { x: r.x, w: r.width }; });
  await page.mouse.click(box.x + 40, moved.y);
  await page.waitForFunction((n) => Number(document.querySelector('svg.overview .brush').getAttribute('aria-valuenow')) < n, before.now);
  const left = await brush(page);
  assert.ok(Math.abs(left.x + left.w / 2 - (box.x + 40)) < 40 || left.x <= box.x + 16, 'centred on the press, within the limits');
  // The keyboard moves it too.
  await page.focus('svg.overview .brush');
  await page.keyboard.press('End');
  await page.waitForFunction((n) => Number(document.querySelector('svg.overview .brush').getAttribute('aria-valuenow')) > n, left.now);
  const end = await brush(page);
  await page.keyboard.press('ArrowLeft');
  await page.waitForFunction((n) => Number(document.querySelector('svg.overview .brush').getAttribute('aria-valuenow')) < n, end.now);
});

test('the reading-order view plots mentions and shares the selection with the timeline', async (t) => {
  const page = await site.page(t);
  await page.click('.view-switch button:has-text("Reading order")');
  await page.waitForSelector('svg.reading-plot');
  assert.equal(await page.$$eval('svg.timeline:not(.reading-plot) .mark', (m) => m.length), 0, 'one view at a time');
  const dots = await page.$$eval('svg.reading-plot .dot', (ds) => ds.map((d) => ({ id: d.dataset.eventId, y: d.querySelector('circle').getAttribute('cy') })));
  assert.ok(dots.length >= 9, `${dots.length} dots`);
  const ys = dots.map((d) => Number(d.y));
  assert.deepEqual(ys, [...ys].sort((a, b) => a - b), 'in reading order');
  // Clicking a dot selects its event and shows its passage.
  await page.click('svg.reading-plot .dot[data-event-id="bucharest-summit-2008"]');
  await page.waitForFunction(() => document.querySelector('mark[data-events~="bucharest-summit-2008"]')?.getAttribute('aria-current') === 'true');
  await page.waitForFunction(() => {
    const r = document.querySelector('mark[data-events~="bucharest-summit-2008"][aria-current]').getBoundingClientRect();
    return r.top >= 0 && r.bottom <= innerHeight;
  });
  assert.equal(await page.getAttribute('svg.reading-plot .dot[data-event-id="bucharest-summit-2008"]', 'aria-current'), 'true');
  // The keyboard walks the mentions in reading order.
  const next = dots[dots.findIndex((d) => d.id === 'bucharest-summit-2008') + 1]?.id;
  await page.focus('svg.reading-plot .dot[data-event-id="bucharest-summit-2008"]');
  await page.keyboard.press('ArrowDown');
  if (next && next !== 'bucharest-summit-2008') {
    await page.waitForFunction((id) => location.hash === `#event=${id}`, next);
  }
  // Back on the timeline, the selection is the same.
  const selected = await page.evaluate(() => decodeURIComponent(location.hash.slice('#event='.length)));
  await page.click('.view-switch button:has-text("Timeline")');
  await page.waitForFunction((id) => document.querySelector(`svg.timeline [data-event-id="${id}"]`)?.getAttribute('aria-current') === 'true', selected);
});

test('arrow keys reach every event, even those a bubble stood for', async (t) => {
  const page = await openSynthetic(t);
  assert.ok((await page.$$('svg.timeline .bubble')).length > 0, 'crowded: bubbles');
  await page.focus('svg.timeline .bubble');
  await page.keyboard.press('Home');
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press('ArrowRight');
    // The newly selected event has its own control, focused, whatever bubble it was in.
    await page.waitForFunction(() => {
      const id = decodeURIComponent(location.hash.slice('#event='.length));
      const c = document.querySelector(`svg.timeline [data-event-id="${id}"]`);
      return id && c && c.getAttribute('aria-current') === 'true' && document.activeElement === c;
    });
  }
});

test('selecting one of 3,000 events redraws only what changes, not the article or the editor', async (t) => {
  const page = await openSynthetic(t);
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
  for (const id of ['e17', 'e2500']) {
    const changed = await page.evaluate(async (id) => {
      let nodes = 0;
      const watch = new MutationObserver((ms) => { for (const m of ms) nodes += m.addedNodes.length + m.removedNodes.length; });
      watch.observe(document.body, { subtree: true, childList: true });
      location.hash = `#event=${id}`;
      const n = id.slice(1);
      await new Promise((ok) => {
        const tick = () => (document.querySelector('.details h2')?.textContent === `Event ${n}` ? ok() : requestAnimationFrame(tick));
        tick();
      });
      await new Promise((ok) => setTimeout(ok, 300));
      watch.disconnect();
      return nodes;
    }, id);
    // The details, the marks that change on the timeline and the editor's closed summary: a
    // few hundred nodes at most, where the article alone has thousands.
    assert.ok(changed < 400, `${changed} nodes added or removed selecting ${id}`);
    assert.equal(await page.$$eval('.article mark', (ms) => ms.length) > 2900, true, 'the article stays drawn');
  }
});

test('two fingers spreading apart zoom in about their midpoint, and pinching zooms out', async (t) => {
  const page = await openSynthetic(t);
  const whole = await brush(page);
  /** Touches `a` and `b` go down at x0 (px into the surface), move apart (or together) to x1. */
  const pinch = (x0, x1) => page.evaluate(([x0, x1]) => {
    const el = document.querySelector('.timeline-surface');
    const r = el.getBoundingClientRect();
    const at = (id, x, type) => el.dispatchEvent(new PointerEvent(type, {
      bubbles: true, cancelable: true, pointerId: id, pointerType: 'touch', isPrimary: id === 1,
      clientX: r.left + x, clientY: r.top + 40,
    }));
    const mid = r.width / 2;
    at(1, mid - x0, 'pointerdown');
    at(2, mid + x0, 'pointerdown');
    for (let k = 1; k <= 5; k++) {
      const d = x0 + ((x1 - x0) * k) / 5;
      at(1, mid - d, 'pointermove');
      at(2, mid + d, 'pointermove');
    }
    at(1, mid - x1, 'pointerup');
    at(2, mid + x1, 'pointerup');
  }, [x0, x1]);
  await pinch(50, 200);
  await page.waitForFunction((w) => document.querySelector('svg.overview .brush').getBoundingClientRect().width < w / 2, whole.w);
  const zoomed = await brush(page);
  // About the fingers' midpoint, which is the surface's middle: the view stays centred.
  assert.ok(Math.abs(zoomed.now - whole.now) <= 3, `centred: ${whole.now} -> ${zoomed.now}`);
  await pinch(200, 50);
  await page.waitForFunction((w) => document.querySelector('svg.overview .brush').getBoundingClientRect().width > w, zoomed.w * 2);
});
