// Real-browser tests of opening a reader's own article: paste, files, ?article=, the worker
// for large texts, persistence, edits, export and import, and bad input.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useSite } from './harness.mjs';

const ARTICLE = `BERLIN, March 3, 2008 — The wall collapsed in 1989, and the city was reunited.
Last year the city held elections. Since 2001 the population has grown steadily.
In the early 1990s the economy was weak, as it had been before the 1989 collapse.`;

const ROOT = 'dist';
let dir;

before(() => { dir = mkdtempSync(join(tmpdir(), 'sourceline-')); });
// Served as a host would, with the build's security headers (the strict CSP among them).
const site = useSite({ root: ROOT, prefix: '/app/', headers: true });

/** A fresh page at `path` that takes downloads; `watch(page)` runs before it loads. */
const open = (t, path = '', watch, wait) => site.page(t, path, { acceptDownloads: true, watch, wait });

async function paste(page, text, title = '') {
  await page.click('button:has-text("Open an article")');
  await page.fill('#article-text', text);
  if (title) await page.fill('#article-title', title);
  await page.click('button:has-text("Build the timeline")');
  await page.waitForSelector('.open-panel', { state: 'detached' });
}

const labels = (page) => page.$$eval('svg.timeline [data-event-id]', (gs) => gs.map((g) => g.getAttribute('aria-label')));

test('paste an article, click one of its events, and see its passage', async (t) => {
  const page = await open(t);
  await page.click('button:has-text("Open an article")');
  await page.fill('#article-text', ARTICLE);
  // The dateline is found by the tagging worker, which answers in a moment.
  await page.waitForFunction(() => document.querySelector('#article-date')?.value === '2008-03-03', null, { timeout: 10_000 }).catch(() => {});
  assert.equal(await page.inputValue('#article-date'), '2008-03-03', 'dateline detected');
  await page.click('button:has-text("Build the timeline")');
  await page.waitForSelector('.open-panel', { state: 'detached' });
  const names = await labels(page);
  assert.ok(names.some((n) => n.startsWith('1989 ')), names.join(' | '));
  assert.ok(names.some((n) => n.startsWith('2007 ')), 'last year resolves against the dateline');
  assert.ok(names.some((n) => n.startsWith('since 2001 ')), 'since 2001 is ongoing');
  assert.ok(names.some((n) => n.startsWith('early 1990s ')), 'the early 1990s');
  const id = await page.$eval('svg.timeline [aria-label^="1989 "]', (g) => g.dataset.eventId);
  await page.click(`svg.timeline [data-event-id="${id}"]`);
  const marks = await page.$$eval(`mark[data-events~="${id}"]`, (ms) => ms.map((m) => [m.textContent, m.getAttribute('aria-current')]));
  // "collapsed in 1989" and "the 1989 collapse" are one happening: one event, two passages,
  // its headline built around the event.
  assert.equal(marks.length, 2, 'one event, two passages');
  assert.ok(marks.every(([, c]) => c === 'true'));
  assert.match(marks[0][0], /The wall collapsed in 1989/);
  assert.match(marks[1][0], /before the 1989 collapse/);
  assert.ok(names.includes('1989 Wall collapsed'), names.join(' | '));
  assert.match(await page.textContent('h1'), /BERLIN/);
});

test('reload keeps the article and edits; back to the sample restores the default', async (t) => {
  const page = await open(t);
  await paste(page, ARTICLE, 'Berlin');
  const id = await page.$eval('svg.timeline [aria-label^="2007 "]', (g) => g.dataset.eventId);
  await page.click(`svg.timeline [data-event-id="${id}"]`);
  await page.click('summary:has-text("Edit this event")');
  await page.fill('#edit-headline', 'Elections in Berlin');
  await page.click('button:has-text("Rename")');
  await page.waitForSelector('svg.timeline [aria-label="2007 Elections in Berlin"]');
  await page.fill('#edit-start', '2006');
  await page.click('button:has-text("Save date")');
  await page.waitForSelector('svg.timeline [aria-label="2006 Elections in Berlin"]');
  await page.reload();
  await page.waitForSelector('svg.timeline [aria-label="2006 Elections in Berlin"]');
  assert.equal(await page.textContent('h1'), 'Berlin');
  await page.click('button:has-text("Back to the default timeline")');
  await page.waitForSelector('[data-event-id="bucharest-summit-2008"]');
  await page.reload();
  await page.waitForSelector('[data-event-id="bucharest-summit-2008"]');
});

test('a ?data= link leaves the reader\'s stored article alone until its dataset is edited', async (t) => {
  const { synth } = await import('../bench/synth.mjs');
  writeFileSync(join(ROOT, 'test-link.json'), JSON.stringify(synth(5)));
  t.after(() => rmSync(join(ROOT, 'test-link.json'), { force: true }));
  const stored = (page) => page.evaluate(() => JSON.parse(localStorage.getItem('sourceline.timeline.v1') ?? 'null')?.title);
  const page = await open(t);
  await paste(page, ARTICLE, 'Berlin');
  await page.waitForFunction(() => localStorage.getItem('sourceline.timeline.v1')?.includes('Berlin'));
  // The link's dataset is shown, not stored: the address brings it back.
  await page.goto(`${site.url}?data=test-link.json`);
  await page.waitForFunction(() => document.querySelector('h1')?.textContent === '5 synthetic events');
  await page.waitForTimeout(300);
  assert.equal(await stored(page), 'Berlin', 'the reader\'s own article is still the stored one');
  assert.ok(await page.$('button:has-text("Back to the default timeline")'), 'not the sample');
  await page.goto(site.url);
  await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'Berlin');
  // Edited, the dataset becomes the reader's own, and is stored.
  await page.goto(`${site.url}?data=test-link.json`);
  await page.waitForFunction(() => document.querySelector('h1')?.textContent === '5 synthetic events');
  await page.click('svg.timeline [data-event-id="e0"]');
  await page.click('summary:has-text("Edit this event")');
  await page.fill('#edit-headline', 'The first event');
  await page.click('button:has-text("Rename")');
  await page.waitForFunction(() => localStorage.getItem('sourceline.timeline.v1')?.includes('The first event'));
  assert.equal(await stored(page), '5 synthetic events');
});

test('merge and delete events; a bad date is refused with a message', async (t) => {
  const page = await open(t);
  await paste(page, ARTICLE);
  const before = (await labels(page)).length;
  const id = await page.$eval('svg.timeline [aria-label^="since 2001 "]', (g) => g.dataset.eventId);
  await page.click(`svg.timeline [data-event-id="${id}"]`);
  await page.click('summary:has-text("Edit this event")');
  await page.fill('#edit-start', 'soon');
  await page.click('button:has-text("Save date")');
  assert.match(await page.textContent('.editor .error'), /Start:/);
  const into = await page.$eval('svg.timeline [aria-label^="1989 "]', (g) => g.dataset.eventId);
  await page.selectOption('#edit-merge', into);
  await page.click('button:has-text("Merge")');
  await page.waitForFunction((n) => document.querySelectorAll('svg.timeline [data-event-id]').length === n - 1, before);
  assert.equal(await page.getAttribute(`svg.timeline [data-event-id="${into}"]`, 'aria-current'), 'true');
  await page.click('summary:has-text("Edit this event")');
  await page.click('button:has-text("Delete this event")');
  await page.waitForFunction((n) => document.querySelectorAll('svg.timeline [data-event-id]').length === n - 2, before);
});

test('export writes the project JSON, and import reads it back', async (t) => {
  const page = await open(t);
  await paste(page, ARTICLE, 'Exported');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('.menu summary').then(() => page.click('button:has-text("Export JSON")'))]);
  const file = join(dir, 'export.json');
  await download.saveAs(file);
  const json = JSON.parse(readFileSync(file, 'utf8'));
  assert.equal(json.version, 1);
  assert.equal(json.title, 'Exported');
  assert.equal(json.text.split('\n')[0], ARTICLE.split('\n')[0]);
  await page.click('button:has-text("Back to the default timeline")');
  await page.waitForSelector('[data-event-id="bucharest-summit-2008"]');
  await page.setInputFiles('#import-file', file);
  await page.waitForFunction(() => document.querySelector('h1').textContent === 'Exported');
  assert.ok((await labels(page)).length >= 4);
});

test('bad input gets a clear message, never a blank page', async (t) => {
  const page = await open(t);
  await page.click('button:has-text("Open an article")');
  await page.click('button:has-text("Build the timeline")');
  assert.match(await page.textContent('.open-panel .error'), /empty/);
  const png = join(dir, 'photo.txt');
  writeFileSync(png, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
  await page.setInputFiles('#article-file', png);
  await page.waitForSelector('.open-panel .error');
  assert.match(await page.textContent('.open-panel .error'), /not text/);
  // A dropped file goes through the same checks.
  await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array([0, 1, 2, 3])], 'blob.md'));
    document.querySelector('.drop').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  });
  await page.waitForFunction(() => /blob\.md: .*not text/.test(document.querySelector('.open-panel .error')?.textContent ?? ''));
  const big = join(dir, 'big.txt');
  writeFileSync(big, 'word '.repeat(2_000_000));
  await page.setInputFiles('#article-file', big);
  await page.waitForFunction(() => /largest accepted is 2000 KB/.test(document.querySelector('.open-panel .error')?.textContent ?? ''));
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, '{"version": 1, "title": "x"');
  await page.setInputFiles('#import-file', bad);
  await page.waitForSelector('.banner');
  assert.match(await page.textContent('.banner'), /bad\.json: This JSON file cannot be read: EOF while parsing an object at line 1/);
  assert.ok(await page.isVisible('svg.timeline'), 'the page still works');
});

test('corrupt stored state is reset with a message', async (t) => {
  const page = await open(t);
  await page.evaluate(() => localStorage.setItem('sourceline.timeline.v1', '{"version": 99}'));
  await page.reload();
  await page.waitForSelector('.banner');
  assert.match(await page.textContent('.banner'), /could not be read/);
  assert.ok(await page.isVisible('[data-event-id="bucharest-summit-2008"]'));
  assert.equal(await page.evaluate(() => localStorage.getItem('sourceline.timeline.v1')), null);
});

test('?article= loads a same-origin article, and a failed fetch says why', async (t) => {
  writeFileSync(join(ROOT, 'test-article.html'), `<html><head><title>Fetched</title></head><body><h1>Fetched news</h1><p>${ARTICLE}</p><script>alert(1)</script></body></html>`);
  t.after(() => rmSync(join(ROOT, 'test-article.html'), { force: true }));
  const page = await open(t, '?article=test-article.html');
  await page.waitForFunction(() => document.querySelector('h1').textContent === 'Fetched news');
  assert.ok((await labels(page)).some((n) => n.startsWith('1989 ')));
  assert.ok(!(await page.textContent('.article')).includes('alert'), 'scripts are dropped');
  const page2 = await open(t, '?article=missing.txt');
  await page2.waitForSelector('.banner');
  assert.match(await page2.textContent('.banner'), /Could not load missing\.txt: the server answered 404/);
});

test('a large article is tagged in a web worker with progress', async (t) => {
  const page = await open(t);
  const para = 'In 1994 the treaty was signed, and on March 3, 2008 it was renewed. ';
  const text = `${para.repeat(Math.ceil(260_000 / para.length))}`;
  const workers = [];
  page.on('worker', (w) => workers.push(w.url()));
  await page.click('button:has-text("Open an article")');
  await page.$eval('#article-text', (el, v) => { el.value = v; }, text);
  // The progress bar shows while the worker tags; a busy machine may take it away again
  // between two polls, so its coming is recorded as it happens, and checked after.
  await page.evaluate(() => {
    window.sawProgress = false;
    const seen = new MutationObserver(() => {
      if (document.querySelector('.open-panel progress')) window.sawProgress = true;
    });
    seen.observe(document.body, { childList: true, subtree: true });
  });
  await page.click('button:has-text("Build the timeline")');
  await page.waitForSelector('.open-panel', { state: 'detached', timeout: 60_000 });
  assert.ok(await page.evaluate(() => window.sawProgress), 'a progress bar showed');
  assert.ok(workers.some((u) => u.endsWith('/worker.js')), 'tagged in a worker');
  const names = await labels(page);
  assert.ok(names.includes('1994 Treaty was signed') || names.some((n) => n.startsWith('1994 ')), names.join(' | '));
  // Extraction keeps at most 200 passages per event (see docs/tagger.md). The article is
  // drawn in steps after the timeline: counted once it is whole.
  await page.waitForSelector('.article:not([aria-busy])', { timeout: 60_000 });
  const marks = await page.$$eval('mark', (ms) => ms.length);
  assert.ok(marks >= 200, `mentions are linked (${marks})`);
});

test('the tagger\'s wasm is fetched only once the reader opens an article, then it tags small texts too', async (t) => {
  const fetched = [];
  const page = await open(t, '', (p) => p.on('request', (r) => fetched.push(r.url())));
  const tagger = () => fetched.filter((u) => /\/(worker\.js|tagger\.js|tagger_bg\.wasm)$/.test(u));
  // Everything the first load asks for has been asked for once the app is live and idle.
  await page.waitForLoadState('networkidle');
  assert.deepEqual(tagger(), [], 'nothing of the tagger on load');
  const workers = [];
  page.on('worker', (w) => workers.push(w.url()));
  const wasm = page.waitForResponse((r) => r.url().endsWith('/tagger_bg.wasm'), { timeout: 20_000 }).catch(() => {});
  await page.click('button:has-text("Open an article")');
  await wasm;
  assert.ok(tagger().some((u) => u.endsWith('/tagger_bg.wasm')), 'prefetched when the panel opens');
  await page.fill('#article-text', 'In 1994 the treaty was signed.');
  await page.click('button:has-text("Build the timeline")');
  await page.waitForSelector('.open-panel', { state: 'detached' });
  assert.ok(workers.some((u) => u.endsWith('/worker.js')), 'tagged in the worker');
  assert.ok((await labels(page)).some((n) => n.startsWith('1994 ')), 'tagged');
});

test('axe-core finds no WCAG 2.x A/AA violations in the reader tools', async (t) => {
  const { createRequire } = await import('node:module');
  const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  for (const colorScheme of ['light', 'dark']) {
    const page = await site.page(t, '', { colorScheme, check: false });
    await paste(page, ARTICLE);
    await page.click('svg.timeline [data-event-id]');
    await page.click('summary:has-text("Edit this event")');
    await page.click('button:has-text("Open an article")');
    await page.fill('#article-text', '');
    await page.click('button:has-text("Build the timeline")');
    await page.waitForSelector('.open-panel .error');
    await page.evaluate(AXE);
    const result = await page.evaluate(() => window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    }));
    const summary = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    assert.deepEqual(summary, [], colorScheme);
  }
});

test('the wheel zooms at the cursor, a drag pans, keys and buttons zoom and fit', async (t) => {
  const page = await open(t);
  const ticks = () => page.$$eval('svg.timeline .tick text', (ts) => ts.map((x) => x.textContent));
  const span = async () => {
    const ys = (await ticks()).map(Number).filter((n) => n > 1000);
    return ys.length > 1 ? ys[ys.length - 1] - ys[0] : 0;
  };
  const before = await span();
  const box = await page.$eval('.timeline-surface', (el) => { const r = el.getBoundingClientRect(); return { x: r.x, y: r.y, w: r.width }; });
  const x2008 = await page.$eval('svg.timeline [data-event-id="bucharest-summit-2008"] circle', (c) => { const r = c.getBoundingClientRect(); return r.x + r.width / 2; });
  await page.mouse.move(x2008, box.y + 60);
  for (let i = 0; i < 5; i++) await page.mouse.wheel(0, -200);
  await page.waitForTimeout(100);
  const after = await page.$eval('svg.timeline [data-event-id="bucharest-summit-2008"] circle', (c) => { const r = c.getBoundingClientRect(); return r.x + r.width / 2; });
  assert.ok(Math.abs(after - x2008) < 2, `the point under the cursor stays put (${x2008} → ${after})`);
  assert.ok((await page.$$('svg.timeline [data-event-id]')).length < 10, 'events outside the view leave the DOM');
  assert.match(await page.textContent('.timeline-controls'), /more outside the view/);
  // Drag to pan: the 2008 mark moves with the pointer, and the drag selects nothing.
  await page.mouse.move(box.x + box.w / 2, box.y + 30);
  await page.mouse.down();
  await page.mouse.move(box.x + box.w / 2 - 150, box.y + 30, { steps: 5 });
  await page.mouse.up();
  const dragged = await page.$eval('svg.timeline [data-event-id="bucharest-summit-2008"] circle', (c) => { const r = c.getBoundingClientRect(); return r.x + r.width / 2; }).catch(() => null);
  assert.ok(dragged === null || dragged < after - 100, 'dragging left moves the view to later times');
  assert.deepEqual(await page.$$eval('[aria-current="true"]', (e) => e.length), 0, 'a drag selects nothing');
  await page.click('button[aria-label="Fit everything"]');
  await page.waitForSelector('svg.timeline [data-event-id="cyprus-buffer-zone-1974"]');
  // Keyboard: focus the surface, zoom in with +, fit with 0.
  await page.focus('.timeline-surface');
  await page.keyboard.press('+');
  await page.keyboard.press('+');
  assert.ok((await span()) < before, 'plus zooms in');
  await page.keyboard.press('0');
  assert.equal(await span(), before, '0 fits everything');
  await page.click('button[aria-label="Zoom in"]');
  assert.ok((await span()) < before, 'the zoom-in button zooms');
  await page.click('button[aria-label="Zoom out"]');
  await page.click('button[aria-label="Zoom out"]');
  assert.ok((await span()) >= before, 'the zoom-out button zooms out');
});

test('?data= loads a dataset; crowded events merge into bubbles that zoom in; bad data says where', async (t) => {
  const { synth } = await import('../bench/synth.mjs');
  writeFileSync(join(ROOT, 'test-data.json'), JSON.stringify(synth(3000)));
  const bad = synth(3);
  bad.events[1].start = '19x4';
  writeFileSync(join(ROOT, 'test-bad.json'), JSON.stringify(bad));
  t.after(() => ['test-data.json', 'test-bad.json'].forEach((f) => rmSync(join(ROOT, f), { force: true })));
  const requests = [];
  const page = await open(t, '?data=test-data.json', (p) => p.on('request', (r) => requests.push(r.url())));
  await page.waitForFunction(() => document.querySelector('h1').textContent === '3000 synthetic events');
  // Fetched once: the page's head started it while the wasm loaded, and the app took that
  // request from the page rather than asking again.
  assert.equal(requests.filter((u) => u.endsWith('/test-data.json')).length, 1, 'one request for the dataset');
  assert.equal(await page.evaluate(() => window.sourcelinePrefetched?.size), 0, 'the early request was taken');
  // A link to one of its events opens with that event selected.
  const linked = await open(t, '?data=test-data.json#event=e1500');
  await linked.waitForFunction(() => document.querySelector('.details h2')?.textContent === 'Event 1500');
  assert.equal(await linked.$eval('[data-events~="e1500"]', (m) => m.getAttribute('aria-current')), 'true');
  const bubbles = await page.$$('svg.timeline .bubble');
  assert.ok(bubbles.length > 0, 'count bubbles');
  assert.ok((await page.$$('svg.timeline g')).length < 600, 'a small DOM for 3,000 events');
  const label = await bubbles[0].getAttribute('aria-label');
  assert.match(label, /^\d+ events, \d{4} to \d{4}: zoom in$/);
  assert.equal(await page.$('.timeline-controls .note'), null, 'at first everything is in view');
  await bubbles[0].click();
  await page.waitForSelector('.timeline-controls .note');
  assert.match(await page.textContent('.timeline-controls .note'), /more outside the view/, 'the bubble zoomed in');
  const page2 = await open(t, '?data=test-bad.json');
  await page2.waitForSelector('.banner');
  assert.match(await page2.textContent('.banner'), /test-bad\.json is not a usable Sourceline dataset: events\[1\]\.start: "19x4" is not a date/);
});

test('?data= starts with the dataset when it is already in, and with "Loading…" when it is not', async (t) => {
  const { synth } = await import('../bench/synth.mjs');
  writeFileSync(join(ROOT, 'test-early.json'), JSON.stringify(synth(300)));
  t.after(() => rmSync(join(ROOT, 'test-early.json'), { force: true }));
  // Every title the page shows, frame by frame from its very first (the prerendered sample's
  // title is in the page from the start, hidden while the app is about to show something else).
  const titles = (page) => page.addInitScript(() => {
    window.__titles = [];
    const tick = () => {
      const app = document.getElementById('app');
      const h1 = app?.querySelector('h1')?.textContent;
      if (h1 && getComputedStyle(app).visibility !== 'hidden' && h1 !== window.__titles.at(-1)) window.__titles.push(h1);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  // The dataset in before the app starts: the wasm is held back until it has arrived.
  const fast = await open(t, '?data=test-early.json', async (p) => {
    await titles(p);
    const arrived = new Promise((ok) => p.on('requestfinished', (r) => r.url().endsWith('/test-early.json') && ok()));
    await p.route((u) => u.pathname.endsWith('_bg.wasm'), async (route) => { await arrived; await route.continue(); });
  });
  await fast.waitForFunction(() => document.querySelector('h1').textContent === '300 synthetic events');
  assert.deepEqual(await fast.evaluate(() => window.__titles), ['300 synthetic events'], 'no stand-in first');
  assert.deepEqual(await fast.evaluate(() => [window.sourcelinePrefetched.size, window.sourcelineReady.size]), [0, 0], 'the early copy is let go');
  await fast.click('svg.timeline [data-event-id], svg.timeline .bubble');
  // The dataset late: held back until the app shows its stand-in, then it replaces it.
  const slow = await open(t, '?data=test-early.json', async (p) => {
    await titles(p);
    // (By path: the page's own address ends with the file's name too.)
    await p.route((u) => u.pathname.endsWith('/test-early.json'), async (route) => {
      const shown = () => p.evaluate(() => window.__titles?.includes('Loading…')).catch(() => false);
      while (!(await shown())) await new Promise((ok) => setTimeout(ok, 50));
      await route.continue();
    });
  }, 'h1');
  await slow.waitForFunction(() => document.querySelector('h1').textContent === '300 synthetic events');
  assert.deepEqual(await slow.evaluate(() => window.__titles), ['Loading…', '300 synthetic events']);
  assert.ok(await slow.$('svg.timeline [data-event-id], svg.timeline .bubble'), 'drawn');
  assert.deepEqual(await slow.evaluate(() => [window.sourcelinePrefetched.size, window.sourcelineReady.size]), [0, 0], 'the early copy is let go');
});

test('tracks fold and unfold, by pointer and keyboard', async (t) => {
  const page = await open(t);
  const toggle = 'svg.timeline .band-toggle[aria-label^="Russia’s diplomats"]';
  assert.equal(await page.getAttribute(toggle, 'aria-expanded'), 'true');
  assert.ok(await page.$('svg.timeline [data-event-id="lavrov-at-the-un"]'));
  await page.click(toggle);
  await page.waitForSelector('svg.timeline [data-event-id="lavrov-at-the-un"]', { state: 'detached' });
  assert.equal(await page.getAttribute(toggle, 'aria-expanded'), 'false');
  assert.match(await page.textContent(`${toggle} .folded`), /3 events/);
  assert.ok(await page.$('svg.timeline [data-event-id="bucharest-summit-2008"]'), 'other tracks stay');
  await page.focus(toggle);
  await page.keyboard.press('Enter');
  await page.waitForSelector('svg.timeline [data-event-id="lavrov-at-the-un"]');
});
