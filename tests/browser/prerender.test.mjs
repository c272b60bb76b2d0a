// The first view is in the page itself (src/bin/prerender.rs writes it into index.html at
// build time): without JavaScript the reader has the sample timeline and its article, with
// links; with it, the app takes the page over without a visible change and without a layout
// shift; and when the app is about to show something else, the sample never shows first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { useSite } from './harness.mjs';
import { synth } from '../bench/synth.mjs';

const ROOT = 'dist';
const DESKTOP = { width: 1280, height: 800 };
// A phone as Chromium emulates one: overlay scroll bars, as on real phones.
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const DESKTOP_PAGE = { viewport: DESKTOP };
const SAMPLE_TITLE = 'Putin Refuses Trump’s Peace Initiative';
const site = useSite({ root: ROOT, prefix: '/pre/', headers: true });

/** Holds back the app's own wasm until `release()` is called (the tagger's is not asked for). */
async function holdWasm(page) {
  let release;
  const held = new Promise((r) => { release = r; });
  let asked = false;
  await page.route(/\/sourceline-[^/]*_bg\.wasm$/, async (route) => {
    asked = true;
    await held;
    await route.continue();
  });
  return { release, asked: () => asked };
}

/**
 * How many pixels of two screenshots differ visibly: by more than 16 in a channel. The
 * rasterizer may draw an anti-aliased edge one level apart when it draws the same page
 * again, which nobody can see; a moved, missing or recoloured thing differs by far more.
 */
async function visiblyDifferent(t, a, b) {
  const page = await site.newPage(t);
  return page.evaluate(async ([a, b]) => {
    const pixels = async (png) => {
      const img = new Image();
      img.src = `data:image/png;base64,${png}`;
      await img.decode();
      const c = new OffscreenCanvas(img.width, img.height);
      const g = c.getContext('2d');
      g.drawImage(img, 0, 0);
      return g.getImageData(0, 0, img.width, img.height).data;
    };
    const [p, q] = await Promise.all([pixels(a), pixels(b)]);
    if (p.length !== q.length) return Infinity;
    let n = 0;
    for (let i = 0; i < p.length; i += 4) {
      if (Math.max(Math.abs(p[i] - q[i]), Math.abs(p[i + 1] - q[i + 1]), Math.abs(p[i + 2] - q[i + 2])) > 16) n++;
    }
    return n;
  }, [a.toString('base64'), b.toString('base64')]);
}

test('without JavaScript: the timeline, the article and the undated list, with real links', async (t) => {
  for (const screen of [DESKTOP_PAGE, PHONE]) {
    const page = await site.newPage(t, { javaScriptEnabled: false, ...screen });
    await page.goto(site.url);
    assert.equal(await page.textContent('h1'), SAMPLE_TITLE);
    // The drawing laid out for this screen (the page has a wide and a narrow one).
    const shown = await page.$$eval('svg.timeline', (ss) => ss.filter((s) => s.checkVisibility()).map((s) => s.getBoundingClientRect().right));
    assert.equal(shown.length, 1, 'one drawing shows');
    assert.ok(shown[0] <= screen.viewport.width, 'it fits the screen');
    const links = await page.$$eval('svg.timeline [data-event-id]', (as) => as.filter((a) => a.checkVisibility()).map((a) => [a.tagName, a.getAttribute('href'), a.dataset.eventId]));
    assert.ok(links.length >= 9, `the timeline's events are drawn (${links.length})`);
    for (const [tag, href, id] of links) {
      assert.equal(tag.toLowerCase(), 'a', `${id} is a link`);
      assert.equal(href, `#event=${id}`);
    }
    const undated = await page.$$eval('.undated [data-event-id]', (as) => as.map((a) => [a.tagName, a.getAttribute('href')]));
    assert.ok(undated.length > 0 && undated.every(([tag, href]) => tag === 'A' && href.startsWith('#event=')), 'undated items are links');
    assert.ok(await page.$$eval('.article mark[data-events]', (ms) => ms.length) >= 9, 'passages are marked');
    assert.ok(await page.$('.legend'), 'the legend');
    // Controls that need the app are hidden (noscript.css).
    assert.equal(await page.isVisible('.toolbar'), false, 'no dead toolbar');
    // Following a link leads to the event's passage, highlighted.
    await page.locator('svg.timeline [data-event-id="bucharest-summit-2008"]:visible').click();
    await page.waitForFunction(() => location.hash === '#event=bucharest-summit-2008');
    const lit = await page.waitForFunction(() => {
      const m = document.querySelector('.anchor:target + mark');
      return m && getComputedStyle(m).backgroundColor !== 'rgba(0, 0, 0, 0)';
    }, null, { timeout: 5000 }).then(() => true, () => false);
    assert.ok(lit, 'the passage is highlighted');
  }
});

test('the app takes over the prerendered page with no visible change and no layout shift', async (t) => {
  for (const screen of [DESKTOP_PAGE, PHONE]) {
    const { viewport } = screen;
    const page = await site.newPage(t, screen);
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    // Every layout shift from the very start, as Lighthouse counts them (CLS).
    await page.addInitScript(() => {
      window.__shifts = [];
      // What moved, for the message should anything move.
      window.__moved = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          if (e.hadRecentInput) continue;
          window.__shifts.push(e.value);
          for (const s of e.sources ?? []) {
            const n = s.node;
            window.__moved.push(`${n?.nodeName ?? '?'}.${n?.className?.baseVal ?? n?.className ?? ''} ${JSON.stringify(s.previousRect)} → ${JSON.stringify(s.currentRect)}`);
          }
        }
      }).observe({ type: 'layout-shift', buffered: true });
    });
    const wasm = await holdWasm(page);
    await page.goto(site.url, { waitUntil: 'load' });
    await page.locator('svg.timeline [data-event-id]:visible').first().waitFor();
    await page.waitForFunction(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(true)))));
    assert.equal(await page.$('#app[data-live]'), null, 'the app has not started yet');
    const before = await page.screenshot();
    wasm.release();
    await page.waitForSelector('#app[data-live]');
    // Two frames after the app's first drawing, so that it is painted and its shifts reported.
    await page.waitForFunction(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(true)))));
    const after = await page.screenshot();
    const shifts = await page.evaluate(() => window.__shifts);
    const moved = await page.evaluate(() => window.__moved);
    assert.equal(shifts.reduce((a, b) => a + b, 0), 0, `CLS at ${viewport.width} px: ${shifts.join(', ')}; moved: ${moved.join('; ')}`);
    const changed = before.equals(after) ? 0 : await visiblyDifferent(t, before, after);
    if (changed) {
      // Kept for a look: what differs.
      mkdirSync('test-results', { recursive: true });
      writeFileSync(`test-results/prerender-${viewport.width}-before.png`, before);
      writeFileSync(`test-results/prerender-${viewport.width}-after.png`, after);
    }
    assert.equal(changed, 0, `at ${viewport.width} px the page looks the same before and after the app starts`);
    if (screen === DESKTOP_PAGE) {
      // A check of the comparison itself: a selection is a visible change.
      await page.click('svg.timeline [data-event-id="cyprus-buffer-zone-1974"]');
      await page.waitForSelector('svg.timeline [data-event-id="cyprus-buffer-zone-1974"][aria-current="true"]');
      assert.ok(await visiblyDifferent(t, after, await page.screenshot()) > 100, 'a selection shows');
    }
    assert.deepEqual(errors, []);
  }
});

test('before the app runs, a click on an event selects it and lights its passage; the app keeps it', async (t) => {
  const page = await site.newPage(t);
  const wasm = await holdWasm(page);
  await page.goto(site.url, { waitUntil: 'load' });
  const id = 'bucharest-summit-2008';
  await page.locator(`svg.timeline [data-event-id="${id}"]:visible`).click();
  await page.waitForFunction((id) => document.querySelector(`mark[data-events~="${id}"].current[aria-current="true"]`), id);
  assert.equal(await page.$('#app[data-live]'), null, 'answered before the app runs');
  assert.ok(await page.$(`svg.timeline:not(.prerender-narrow) [data-event-id="${id}"].selected[aria-current="true"]`), 'the event is selected');
  assert.equal(await page.$$eval('[aria-current]', (els) => els.filter((e) => !e.matches('[data-event-id="bucharest-summit-2008"], mark[data-events~="bucharest-summit-2008"]')).length), 0, 'nothing else is');
  wasm.release();
  await page.waitForSelector(`#app[data-live] svg.timeline [data-event-id="${id}"][aria-current="true"]`);
  await page.waitForSelector(`#app[data-live] mark[data-events~="${id}"][aria-current="true"]`);
  // The app's own selection: the event's details show.
  await page.waitForFunction(() => document.querySelector('#details-title')?.textContent.includes('Bucharest'));
});

test('a link to an event, a stored article, ?data=, ?article= or the embed view: the sample never shows first', async (t) => {
  writeFileSync(join(ROOT, 'pre-data.json'), JSON.stringify(synth(5)));
  writeFileSync(join(ROOT, 'pre-article.txt'), 'Big news\nIn 1994 the treaty was signed.\n');
  t.after(() => ['pre-data.json', 'pre-article.txt'].forEach((f) => rmSync(join(ROOT, f), { force: true })));
  const cases = [
    { name: 'a link to an event', path: '#event=bucharest-summit-2008', shows: SAMPLE_TITLE },
    { name: '?data=', path: '?data=pre-data.json', shows: synth(5).title },
    { name: '?article=', path: '?article=pre-article.txt', shows: 'Big news' },
    { name: 'a stored article', path: '', store: true, shows: synth(5).title },
    // The embed view: the prerendered page is the full one.
    { name: '?embed', path: '?embed', shows: SAMPLE_TITLE },
    { name: 'embed.html', path: 'embed.html', shows: SAMPLE_TITLE },
  ];
  for (const c of cases) {
    const page = await site.newPage(t);
    if (c.store) {
      // Stored from a page of the same origin that is not the app, whose sample would clear it.
      await page.goto(`${site.url}pre-data.json`);
      await page.evaluate((json) => localStorage.setItem('sourceline.timeline.v1', json), JSON.stringify(synth(5)));
    }
    // Every frame until the app is live: was the sample ever on screen?
    await page.addInitScript((title) => {
      window.__sampleSeen = false;
      const tick = () => {
        const app = document.getElementById('app');
        if (app?.hasAttribute('data-live')) return;
        const h1 = app?.querySelector('h1');
        if (h1 && h1.textContent === title && getComputedStyle(app).visibility !== 'hidden' && h1.getBoundingClientRect().height > 0) {
          window.__sampleSeen = true;
        }
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    }, SAMPLE_TITLE);
    const wasm = await holdWasm(page);
    await page.goto(site.url + c.path, { waitUntil: 'load' });
    await page.waitForFunction(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(true)))));
    assert.equal(await page.$eval('#app', (a) => getComputedStyle(a).visibility), 'hidden', `${c.name}: hidden while the app loads`);
    wasm.release();
    await page.waitForSelector('#app[data-live]');
    await page.waitForFunction((title) => document.querySelector('#app h1')?.textContent === title, c.shows);
    assert.equal(await page.$eval('#app', (a) => getComputedStyle(a).visibility), 'visible', `${c.name}: shown once drawn`);
    if (c.path.startsWith('#event=')) {
      await page.waitForSelector('svg.timeline [data-event-id="bucharest-summit-2008"][aria-current="true"]');
    }
    // A link to an event shows the sample itself, but only once it is selected.
    assert.equal(await page.evaluate(() => window.__sampleSeen), false, `${c.name}: the unselected sample never showed`);
  }
});
