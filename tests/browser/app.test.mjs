// Real-browser tests of the release site (dist/), served from a sub-path, in Debian's
// Chromium through playwright-core. Run by `make test-browser` (node's test runner).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { useSite } from './harness.mjs';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const ARTIFACTS = 'test-results';
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
// The card's six years and the event each names.
const YEARS = {
  1974: 'cyprus-buffer-zone-1974',
  1991: 'ukraine-independence-1991',
  1994: 'partnership-for-peace-1994',
  2008: 'bucharest-summit-2008',
  2014: 'crimea-annexation-2014',
  2022: 'full-scale-invasion-2022',
};

// Served as a host would, with the build's security headers (the strict CSP among them).
const site = useSite({ root: 'dist', prefix: '/some/sub/path/', headers: true });

before(() => mkdirSync(ARTIFACTS, { recursive: true }));

/** A fresh page at `hash`, failing the test on any page error or console error. */
const open = (t, { viewport = DESKTOP, hash = '', colorScheme = 'light', reducedMotion } = {}) =>
  site.page(t, hash, {
    viewport, colorScheme, reducedMotion, wait: 'svg.timeline [data-event-id]', console: (m) => m.type() === 'error',
  });

const control = (id) => `svg.timeline [data-event-id="${id}"]`;
const marksOf = (id) => `mark[data-events~="${id}"]`;

/** True when the element is within the window and within every scrolling ancestor. */
function inView(page, selector) {
  return page.$eval(selector, (el) => {
    const r = el.getBoundingClientRect();
    const within = (b) => r.top >= b.top - 1 && r.bottom <= b.bottom + 1;
    if (!within({ top: 0, bottom: window.innerHeight })) return false;
    for (let p = el.parentElement; p; p = p.parentElement) {
      const s = getComputedStyle(p).overflowY;
      if ((s === 'auto' || s === 'scroll') && p.scrollHeight > p.clientHeight) {
        if (!within(p.getBoundingClientRect())) return false;
      }
    }
    return true;
  });
}

/** Waits until smooth scrolling has settled: the passage has not moved for 300 ms. */
async function settled(page, selector) {
  let last = null;
  let still = 0;
  for (let i = 0; i < 50 && still < 3; i++) {
    await page.waitForTimeout(100);
    const top = await page.$eval(selector, (el) => el.getBoundingClientRect().top);
    still = last !== null && Math.abs(top - last) < 0.5 ? still + 1 : 0;
    last = top;
  }
}

/** Ids of everything carrying aria-current. */
const currents = (page) =>
  page.$$eval('[aria-current="true"]', (els) => els.map((e) => e.dataset.eventId ?? `mark:${e.dataset.events}`));

async function assertSelected(page, id) {
  // Yew renders on its own schedule after an event: wait for the selection to be drawn.
  await page.waitForSelector(`${control(id)}[aria-current="true"]`, { timeout: 5000 }).catch(() => {});
  assert.equal(await page.getAttribute(control(id), 'aria-current'), 'true', `${id} control is current`);
  const cur = await currents(page);
  for (const c of cur) {
    assert.ok(c === id || (c.startsWith('mark:') && c.slice(5).split(' ').includes(id)), `only ${id} is current, not ${c}`);
  }
  const marks = await page.$$eval(marksOf(id), (ms) => ms.map((m) => m.getAttribute('aria-current')));
  assert.ok(marks.length > 0 && marks.every((a) => a === 'true'), `${id} marks are current`);
  assert.equal(new URL(page.url()).hash, `#event=${id}`);
}

for (const [name, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
  test(`clicking each of the six years reveals its passage (${name})`, async (t) => {
    const page = await open(t, { viewport });
    for (const [year, id] of Object.entries(YEARS)) {
      await page.click(control(id));
      const first = `${marksOf(id)} >> nth=0`;
      await settled(page, first);
      await assertSelected(page, id);
      assert.ok(await inView(page, first), `${year}: its passage is inside the viewport`);
      assert.match(await page.$eval(control(id), (g) => g.getAttribute('aria-label')), new RegExp(year));
    }
  });

  test(`labels on the timeline never overlap (${name})`, async (t) => {
    const page = await open(t, { viewport });
    const boxes = await page.$$eval('svg.timeline .mark', (gs) => gs.map((g) => {
      // A label without room is clipped: what shows is the text within its clip.
      const t = g.querySelector('.label').getBoundingClientRect();
      const c = g.querySelector('clipPath rect')?.getBoundingClientRect();
      const r = c ? { left: Math.max(t.left, c.left), right: Math.min(t.right, c.right), top: t.top, bottom: t.bottom } : t;
      const s = g.querySelector('.shape').getBoundingClientRect();
      return { id: g.dataset.eventId, label: [r.left, r.top, r.right, r.bottom], shape: [s.left, s.top, s.right, s.bottom] };
    }));
    const hit = (a, b) => a[0] < b[2] - 0.5 && b[0] < a[2] - 0.5 && a[1] < b[3] - 0.5 && b[1] < a[3] - 0.5;
    for (const a of boxes) {
      for (const b of boxes) {
        if (a === b) continue;
        assert.ok(!hit(a.label, b.label), `labels of ${a.id} and ${b.id} overlap`);
        assert.ok(!hit(a.label, b.shape), `label of ${a.id} overlaps the shape of ${b.id}`);
      }
    }
    const svg = await page.$eval('svg.timeline', (s) => s.getBoundingClientRect().width);
    assert.ok(svg <= viewport.width, 'the timeline fits the width');
    // The kept artifact shows a selection: the event, its passage and its details.
    await page.click(control('bucharest-summit-2008'));
    await settled(page, marksOf('bucharest-summit-2008'));
    await page.screenshot({ path: `${ARTIFACTS}/screenshot-${name}.png`, fullPage: name === 'phone' });
  });
}

test('the first drawing is laid out for the width the timeline is shown at', async (t) => {
  for (const viewport of [DESKTOP, PHONE, { width: 1920, height: 1080 }]) {
    const page = await site.page(t, '', {
      viewport, wait: 'svg.timeline [data-event-id]', console: (m) => m.type() === 'error',
      // The width of the app's first drawing, from the moment it is added (the page's own
      // prerendered drawings, laid out for a wide and a narrow screen, come before it).
      watch: (p) => p.addInitScript(() => new MutationObserver((_, seen) => {
        const svg = document.querySelector('svg.timeline:not(.prerender-wide):not(.prerender-narrow)');
        if (svg) { window.__firstWidth = svg.getAttribute('width'); seen.disconnect(); }
      }).observe(document, { subtree: true, childList: true })),
    });
    const [first, now, box] = await page.evaluate(() => [window.__firstWidth, document.querySelector('svg.timeline').getAttribute('width'),
      document.querySelector('.timeline-wrap').clientWidth]);
    assert.equal(Math.round(Number(now)), box, `drawn to its box at ${viewport.width} px`);
    assert.equal(first, now, `not laid out again once measured, at ${viewport.width} px`);
  }
});

test('clicking a passage selects its event, and repeated clicks cycle shared passages', async (t) => {
  const page = await open(t);
  await page.click(`mark[data-events="cyprus-buffer-zone-1974"]`);
  await assertSelected(page, 'cyprus-buffer-zone-1974');
  const shared = 'mark[data-events="full-scale-invasion-2022 lavrov-sanctioned-2022"]';
  await page.click(shared);
  await assertSelected(page, 'full-scale-invasion-2022');
  await page.click(shared);
  await assertSelected(page, 'lavrov-sanctioned-2022');
});

test('loading #event=… selects the event and scrolls to it', async (t) => {
  const page = await open(t, { hash: '#event=crimea-annexation-2014' });
  await page.waitForSelector(`${control('crimea-annexation-2014')}[aria-current="true"]`);
  await settled(page, marksOf('crimea-annexation-2014'));
  await assertSelected(page, 'crimea-annexation-2014');
  assert.ok(await inView(page, marksOf('crimea-annexation-2014')));
  assert.match(await page.textContent('.details'), /Russia annexes Crimea/);
});

test('unknown or malformed fragments are ignored safely', async (t) => {
  for (const hash of ['#event=no-such-event', '#event=%3Cscript%3E', '#event=', '#garbage', '#event=A"B']) {
    const page = await open(t, { hash });
    assert.deepEqual(await currents(page), [], `${hash} selects nothing`);
    assert.ok(await page.isVisible('svg.timeline'));
  }
});

test('Back and Forward step through earlier selections', async (t) => {
  const page = await open(t);
  await page.click(control('ukraine-independence-1991'));
  await page.click(control('bucharest-summit-2008'));
  await page.click(control('full-scale-invasion-2022'));
  await page.goBack();
  await page.waitForSelector(`${control('bucharest-summit-2008')}[aria-current="true"]`);
  await assertSelected(page, 'bucharest-summit-2008');
  await page.goBack();
  await page.waitForSelector(`${control('ukraine-independence-1991')}[aria-current="true"]`);
  await assertSelected(page, 'ukraine-independence-1991');
  await page.goForward();
  await page.waitForSelector(`${control('bucharest-summit-2008')}[aria-current="true"]`);
  await assertSelected(page, 'bucharest-summit-2008');
  await page.goBack();
  await page.goBack();
  await page.waitForFunction(() => document.querySelectorAll('[aria-current]').length === 0);
});

test('everything works from the keyboard', async (t) => {
  const page = await open(t, { reducedMotion: 'reduce' });
  // Tab to the timeline: its single tab stop is the first event in time.
  let focused = null;
  // (The "Tracks by" switch, the actor chips, zoom buttons, the pannable surface and track
  // toggles come before it.)
  for (let i = 0; i < 40 && !focused; i++) {
    await page.keyboard.press('Tab');
    focused = await page.evaluate(() => (document.activeElement?.closest('svg.timeline') && document.activeElement.dataset.eventId) || null);
  }
  assert.equal(focused, 'cyprus-buffer-zone-1974');
  const ring = await page.$eval(`${control(focused)} .focus-ring`, (r) => getComputedStyle(r).stroke);
  assert.notEqual(ring, 'none', 'focus is visible');
  await page.keyboard.press('Enter');
  await assertSelected(page, 'cyprus-buffer-zone-1974');
  await page.keyboard.press('ArrowRight');
  await assertSelected(page, 'ukraine-independence-1991');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.eventId), 'ukraine-independence-1991', 'focus follows');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await assertSelected(page, 'lavrov-at-the-un');
  await page.keyboard.press('ArrowLeft');
  await assertSelected(page, 'partnership-for-peace-1994');
  await page.keyboard.press('End');
  const last = await page.evaluate(() => document.activeElement.dataset.eventId);
  assert.equal(last, 'putin-world-war-remarks', 'End reaches the last undated item');
  await page.keyboard.press('Home');
  await assertSelected(page, 'cyprus-buffer-zone-1974');
  assert.ok(await inView(page, marksOf('cyprus-buffer-zone-1974')));
  // From the details panel, "Show in text" works with Enter too.
  await page.focus('.details button.link');
  await page.keyboard.press('Enter');
  assert.ok(await inView(page, marksOf('cyprus-buffer-zone-1974')));
  // A passage is reachable and selects with Enter.
  await page.focus('mark[data-events="crimea-annexation-2014"]');
  await page.keyboard.press('Enter');
  await assertSelected(page, 'crimea-annexation-2014');
});

for (const colorScheme of ['light', 'dark']) {
  for (const [name, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
    test(`axe-core finds no WCAG 2.x A/AA violations (${colorScheme}, ${name})`, async (t) => {
      const page = await open(t, { viewport, colorScheme, hash: '#event=opposition-to-nato-expansion' });
      await page.waitForSelector('[aria-current="true"]');
      await page.evaluate(AXE);
      const result = await page.evaluate(() => window.axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      }));
      const summary = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      assert.deepEqual(summary, []);
      assert.ok(result.passes.length > 10, 'axe really ran');
    });
  }
}

test('a panic shows the fallback message with a reload link', async (t) => {
  // A panic logs errors on purpose: they are not checked.
  const page = await site.page(t, '', { viewport: DESKTOP, check: false });
  assert.equal(await page.isVisible('#fatal'), false);
  await page.evaluate(() => { try { window.wasmBindings.sourceline_test_panic(); } catch { /* the trap */ } });
  await page.waitForSelector('#fatal', { state: 'visible' });
  assert.match(await page.textContent('#fatal'), /Reload the page/);
  await page.click('#fatal a');
  await page.waitForSelector('svg.timeline [data-event-id]');
  assert.equal(await page.isVisible('#fatal'), false, 'a reload recovers');
});
