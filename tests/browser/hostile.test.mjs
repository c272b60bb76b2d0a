// Hostile input in a real browser: every payload of tests/data/xss/payloads.json goes through
// every way text enters the app (pasted text, dropped or chosen .html and .md files,
// ?article=, ?data=, an imported dataset, stored state, the #event= fragment). Nothing may
// run (no dialog, no window.__pwned, no request for a "canary" URL, no markup in the page),
// nothing may crash, and the text shows literally, or exactly as the input module reduces it.
// Also recovery: a panic, corrupt or old stored state, and an article over the size cap.
//
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { useSite } from './harness.mjs';

const ROOT = 'dist';
const FILES = 'hostile-files';
const STORAGE_KEY = 'sourceline.timeline.v1';

// A payload is either literal, or a unit repeated (the 100 KB line). So are the expected
// reductions `html` (the text after BEFORE of an .html file) and `md` (a reduced .md line).
// (A reduction drops the spaces around the repeated unit.)
const expand = (v) => (typeof v === 'string' ? v : v.unit.repeat(v.count).trim() + (v.then ?? ''));
const CORPUS = JSON.parse(readFileSync(new URL('../data/xss/payloads.json', import.meta.url), 'utf8'))
  .map((p) => ({ ...p, payload: p.payload ?? p.repeat.unit.repeat(p.repeat.count) }));
// What the input module refuses as binary: C0 controls other than tab, newline, form feed, CR.
const BINARY = /[\u0000-\u0008\u000b\u000e-\u001f]/;
const TEXTUAL = CORPUS.filter((p) => !BINARY.test(p.payload));
const REFUSED = CORPUS.filter((p) => BINARY.test(p.payload));

// Plain words first, so pasted text never looks like an HTML document (see input::Kind).
const PREFACE = 'PARIS, March 3, 2008 — A test article made of hostile lines. '.repeat(4).trim();
const line = (p, i) => `In ${1800 + i}, ${p.payload}`;
// The .md line the input module makes of `line(p, i)`.
const mdLine = (p, i) => `In ${1800 + i}, ${expand(p.md)}`.trimEnd();
const BEFORE = 'On March 3, 1999, the hostile test began.';
const AFTER = 'In 2001 the hostile test ended.';
const htmlFile = (p) => `<!doctype html><html><head><title>Hostile ${p.name}</title></head><body><p>${BEFORE}</p>${p.payload}<p>${AFTER}</p></body></html>`;

const site = useSite({ root: ROOT, prefix: '/hostile/' });

// A top-level hook starts as soon as it is registered, while this file is still loading: what it
// uses is declared above it, or is a function declaration (dataset, withId), which is hoisted.
before(() => {
  {
    mkdirSync(join(ROOT, FILES), { recursive: true });
    writeFileSync(join(ROOT, FILES, 'article.txt'), [PREFACE, ...TEXTUAL.map(line)].join('\n'));
    writeFileSync(join(ROOT, FILES, 'article.md'), TEXTUAL.map(line).join('\n'));
    writeFileSync(join(ROOT, FILES, 'binary.txt'), REFUSED.map((p) => p.payload).join('\n'));
    writeFileSync(join(ROOT, FILES, 'dataset.json'), JSON.stringify(dataset()));
    writeFileSync(join(ROOT, FILES, 'bad-id.json'), JSON.stringify(withId(CORPUS[0].payload)));
    writeFileSync(join(ROOT, FILES, 'huge.txt'), 'word '.repeat(420_000));
    CORPUS.forEach((p, i) => writeFileSync(join(ROOT, FILES, `${i}.html`), htmlFile(p)));
  }
});

after(() => {
  rmSync(join(ROOT, FILES), { recursive: true, force: true });
});

/** Opens the app with watchers for every sign that a payload ran or the app broke. */
async function open(t, path = '') {
  const problems = [];
  // Uncaught errors are among the problems, which each test checks when it chooses.
  const page = await site.page(t, path, { acceptDownloads: true, check: false, watch: (p) => watch(p, problems) });
  return { page, problems };
}

/** Records in `problems` every sign on `page` that a payload ran or the app broke. */
function watch(page, problems) {
  page.on('dialog', (d) => {
    problems.push(`a dialog opened: ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  page.on('pageerror', (e) => problems.push(`uncaught error: ${e}`));
  page.on('popup', (p) => problems.push(`a popup opened: ${p.url()}`));
  page.on('frameattached', () => problems.push('a frame was attached'));
  page.on('request', (r) => {
    if (/canary/i.test(r.url())) problems.push(`canary requested: ${r.url()}`);
  });
  page.on('console', (m) => {
    if (m.type() === 'error' && /crashed|panicked/i.test(m.text())) problems.push(`console: ${m.text().slice(0, 400)}`);
  });
  page.on('framenavigated', (f) => {
    if (f === page.mainFrame() && !f.url().startsWith(site.url)) problems.push(`navigated away to ${f.url().slice(0, 200)}`);
  });
}

/** The page's own script elements, as built: Trunk's start-up module (and the early fetch). */
const OWN_SCRIPTS = readFileSync(join(ROOT, 'index.html'), 'utf8').match(/<script\b/gi)?.length ?? 0;

/** Nothing ran, nothing crashed, and no markup of any payload made it into the page. */
async function assertSafe(page, problems, where) {
  const found = await page.evaluate((own) => {
    const bad = [];
    if (window.__pwned !== undefined) bad.push('window.__pwned is set');
    if ({}.polluted !== undefined) bad.push('Object.prototype is polluted');
    if (!document.getElementById('fatal').hidden) bad.push('the #fatal panel shows');
    if (document.getElementById('app').classList.contains('crashed')) bad.push('the app crashed');
    const scripts = document.querySelectorAll('script').length;
    if (scripts !== own) bad.push(`${scripts} script elements (the page has ${own})`);
    // Elements the app never draws: any of them in #app came from input.
    const foreign = new Set(['script', 'iframe', 'frame', 'object', 'embed', 'img', 'image', 'style', 'link',
      'meta', 'base', 'video', 'audio', 'source', 'math', 'template', 'noscript', 'marquee', 'foreignobject',
      'animate', 'set', 'use', 'a', 'body', 'title']);
    const urlAttrs = new Set(['href', 'src', 'action', 'formaction', 'srcdoc', 'data', 'poster', 'background']);
    for (const el of document.querySelectorAll('*')) {
      const name = el.localName.toLowerCase();
      // The app's own links are its event controls, each to `#event=<its id>`.
      const own = name === 'a' && el.dataset.eventId && el.getAttribute('href') === `#event=${el.dataset.eventId}`;
      if (foreign.has(name) && !own && el.closest('#app')) bad.push(`<${name}> in the app`);
      for (const a of el.attributes) {
        if (/^on/i.test(a.name)) bad.push(`an event-handler attribute ${name}[${a.name}]`);
        if (urlAttrs.has(a.localName) && /^\s*(javascript|data|vbscript):/i.test(a.value)) bad.push(`${name}[${a.name}] is a script URL`);
        if (a.name === 'autofocus' && el.closest('#app')) bad.push(`${name}[autofocus]`);
      }
    }
    return bad;
  }, OWN_SCRIPTS);
  assert.deepEqual([...problems, ...found], [], where);
}

const textOf = (page, sel) => page.$eval(sel, (el) => el.textContent);
const articleText = (page) => textOf(page, '.article');

/** Selects an event through the URL fragment and waits for its details. */
async function select(page, id) {
  await page.evaluate((id) => { location.hash = `#event=${id}`; }, id);
  await page.waitForFunction((id) => document.querySelector(`mark[aria-current="true"][data-events~="${id}"], .undated [aria-current="true"][data-event-id="${id}"]`), id);
}

// --- the watchers themselves (both builds) ---------------------------------------------------

test('the watchers catch a payload that does run (a check of this test itself)', async (t) => {
  const { page, problems } = await open(t);
  const ran = Promise.all([page.waitForEvent('dialog'), page.waitForRequest(/canary-self-test/)]);
  // The page's strict CSP refuses both HTML strings (Trusted Types) and inline handlers, so
  // the test plants the markup through its own policy and runs the payload's effects itself.
  await page.evaluate(() => {
    const html = '<img src="canary-self-test.png" onerror="window.__pwned=1;alert(1)">';
    const policy = window.trustedTypes?.createPolicy('self-test', { createHTML: (s) => s });
    document.querySelector('#app').insertAdjacentHTML('beforeend', policy ? policy.createHTML(html) : html);
    window.__pwned = 1;
    setTimeout(() => alert(1));
  });
  await ran;
  await page.waitForFunction(() => window.__pwned === 1);
  await assert.rejects(assertSafe(page, problems, 'self-test'), (e) => {
    const caught = e.actual.join('\n');
    for (const sign of ['a dialog opened: 1', 'canary requested', 'window.__pwned is set', '<img> in the app', 'img[onerror]']) {
      assert.ok(caught.includes(sign), `${sign} in:\n${caught}`);
    }
    return true;
  });
});

// --- the #event= fragment (both builds) ----------------------------------------------------

test('hostile #event= fragments are ignored, on load and on hashchange', async (t) => {
  const SAMPLE = 'bucharest-summit-2008';
  for (const p of CORPUS.slice(0, 6)) {
    const { page, problems } = await open(t, `#event=${encodeURIComponent(p.payload)}`);
    assert.equal(await page.$('[aria-current="true"]'), null, `${p.name}: nothing selected at load`);
    assert.match(await textOf(page, '#details-title'), /^Details$/);
    await assertSafe(page, problems, `${p.name} at load`);
    await page.close();
  }
  const { page, problems } = await open(t, `#event=${SAMPLE}`);
  await page.waitForSelector(`[data-event-id="${SAMPLE}"][aria-current="true"]`);
  const headline = await textOf(page, '#details-title');
  for (const p of CORPUS) {
    for (const hash of [`#event=${encodeURIComponent(p.payload)}`, `#event=${p.payload}`, p.payload]) {
      // Two frames let the app handle the hashchange and render whatever it would.
      await page.evaluate((h) => new Promise((done) => {
        location.hash = h;
        requestAnimationFrame(() => requestAnimationFrame(done));
      }), hash);
      const current = await page.$$eval('svg.timeline [aria-current="true"]', (es) => es.map((e) => e.dataset.eventId));
      assert.deepEqual(current, [SAMPLE], `${p.name}: the selection stays`);
    }
    assert.equal(await textOf(page, '#details-title'), headline);
    await assertSafe(page, problems, `${p.name} as a fragment`);
  }
});

// --- pasted text -----------------------------------------------------------------------------

test('pasted text: every payload shows literally, in the article, title and details', async (t) => {
  const { page, problems } = await open(t);
  const title = TEXTUAL.filter((p) => p.payload.length < 120).slice(0, 12).map((p) => p.payload).join(' ');
  const lines = TEXTUAL.map(line);
  await page.click('button:has-text("Open an article")');
  await page.$eval('#article-text', (el, v) => { el.value = v; }, [PREFACE, ...lines].join('\n'));
  await page.fill('#article-title', title);
  await page.click('button:has-text("Build the timeline")');
  await page.waitForSelector('.open-panel', { state: 'detached' });
  assert.equal(await textOf(page, 'h1'), title.trim());
  // Pasted text keeps every character; only trailing spaces go (input::normalize_lines).
  assert.equal(await articleText(page), [PREFACE, ...lines].map((l) => l.trimEnd()).join(''));
  // Every event the tagger found: its headline, quotes and editor draw the payloads as text.
  const ids = await page.$$eval('mark[data-events]', (ms) => [...new Set(ms.flatMap((m) => m.dataset.events.split(' ')))]);
  assert.ok(ids.length >= TEXTUAL.length / 2, `events found: ${ids.length}`);
  const text = await articleText(page);
  for (const id of ids) {
    await select(page, id);
    const quotes = await page.$$eval('.details blockquote', (qs) => qs.map((q) => q.textContent));
    assert.ok(quotes.length > 0 && quotes.every((q) => text.includes(q)), `quotes of ${id} are article text`);
  }
  // The editor builds its controls when opened; its merge list names every other event.
  await page.click('summary:has-text("Edit this event")');
  await page.waitForSelector('#edit-merge');
  assert.equal(await page.$$eval('#edit-merge option', (os) => os.length), ids.length - 1);
  await assertSafe(page, problems, 'pasted');
  // Text with control characters is refused as binary, with a message.
  for (const p of REFUSED) {
    await page.click('button:has-text("Open an article")');
    await page.fill('#article-text', p.payload);
    await page.click('button:has-text("Build the timeline")');
    // Read in the tagging worker: the answer comes in a moment.
    await page.waitForSelector('.open-panel .error');
    assert.match(await textOf(page, '.open-panel .error'), /not text/, p.name);
    await page.click('.open-panel button:has-text("Cancel")');
  }
  await assertSafe(page, problems, 'pasted binary');
});

// --- files -----------------------------------------------------------------------------------

/** Gives a file to the open panel: through the file input, or dropped on the drop zone. */
async function giveFile(page, name, content, drop) {
  if (!(await page.$('.open-panel'))) await page.click('button:has-text("Open an article")');
  await page.fill('#article-text', '');
  if (drop) {
    await page.evaluate(([name, content]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([content], name));
      document.querySelector('.drop').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, [name, content]);
  } else {
    await page.setInputFiles('#article-file', { name, mimeType: 'text/plain', buffer: Buffer.from(content) });
  }
  await page.waitForFunction((name) => document.querySelector('#article-text').value !== ''
    || (document.querySelector('.open-panel .error')?.textContent ?? '').startsWith(`${name}:`), name);
}

/** Builds the timeline from the panel and checks that the article shows exactly `text`. */
async function buildAndCheck(page, text, title, where) {
  await page.click('button:has-text("Build the timeline")');
  await page.waitForSelector('.open-panel', { state: 'detached' });
  assert.equal(await textOf(page, 'h1'), title, `${where}: title`);
  assert.equal(await articleText(page), text.split('\n').join(''), `${where}: article`);
}

test('.html files, chosen or dropped: reduced to exactly the expected text, nothing runs', async (t) => {
  const { page, problems } = await open(t);
  for (const [i, p] of CORPUS.entries()) {
    const name = `${p.name}.html`;
    await giveFile(page, name, htmlFile(p), i % 2 === 1);
    if (BINARY.test(p.payload)) {
      assert.match(await textOf(page, '.open-panel .error'), new RegExp(`^${name}: This file is not text`));
    } else {
      const expected = [BEFORE, expand(p.html)].filter(Boolean).join('\n');
      assert.equal(await page.inputValue('#article-text'), expected, `${p.name}: the input module's text`);
      assert.equal(await page.inputValue('#article-title'), `Hostile ${p.name}`);
      await buildAndCheck(page, expected, `Hostile ${p.name}`, p.name);
    }
    await assertSafe(page, problems, name);
  }
});

test('.md files, chosen or dropped: link targets and images go, the words stay', async (t) => {
  const { page, problems } = await open(t);
  const expected = TEXTUAL.map(mdLine).join('\n');
  for (const drop of [false, true]) {
    await giveFile(page, 'hostile.md', TEXTUAL.map(line).join('\n'), drop);
    assert.equal(await page.inputValue('#article-text'), expected);
    await buildAndCheck(page, expected, line(TEXTUAL[0], 0), `md, ${drop ? 'dropped' : 'chosen'}`);
    await assertSafe(page, problems, 'md');
  }
  await giveFile(page, 'binary.md', REFUSED.map((p) => p.payload).join('\n'), true);
  assert.match(await textOf(page, '.open-panel .error'), /^binary\.md: This file is not text/);
  await assertSafe(page, problems, 'binary md');
});

// --- ?article= -------------------------------------------------------------------------------

test('?article= text, Markdown and HTML: the same text as from a file, nothing runs', async (t) => {
  {
    const { page, problems } = await open(t, `?article=${FILES}/article.txt`);
    await page.waitForFunction(() => document.querySelector('.article').textContent.startsWith('PARIS'));
    assert.equal(await articleText(page), [PREFACE, ...TEXTUAL.map(line)].map((l) => l.trimEnd()).join(''));
    await assertSafe(page, problems, '?article=article.txt');
    await page.close();
  }
  {
    const { page, problems } = await open(t, `?article=${FILES}/article.md`);
    const expected = TEXTUAL.map(mdLine).join('');
    await page.waitForFunction(() => document.querySelector('.article').textContent.startsWith('In 1800'));
    assert.equal(await articleText(page), expected);
    await assertSafe(page, problems, '?article=article.md');
    await page.close();
  }
  {
    const { page, problems } = await open(t, `?article=${FILES}/binary.txt`);
    await page.waitForSelector('.banner');
    assert.match(await textOf(page, '.banner'), /Could not load hostile-files\/binary\.txt: This file is not text/);
    await assertSafe(page, problems, '?article=binary.txt');
    await page.close();
  }
  // One page, navigated from file to file (the watchers stay on).
  const { page, problems } = await open(t);
  for (const p of TEXTUAL) {
    await page.goto(`${site.url}?article=${FILES}/${CORPUS.indexOf(p)}.html`);
    await page.waitForFunction((title) => document.querySelector('h1')?.textContent === title, `Hostile ${p.name}`);
    assert.equal(await articleText(page), [BEFORE, ...expand(p.html).split('\n')].join(''), p.name);
    await assertSafe(page, problems, `?article=${p.name}`);
  }
});

test('?article= with script and data URLs: refused, with the URL shown as text', async (t) => {
  const js = 'javascript:window.__pwned=1;alert(1)';
  {
    const { page, problems } = await open(t, `?article=${encodeURIComponent(js)}`);
    await page.waitForSelector('.banner');
    assert.equal(await textOf(page, '.banner p'), `Could not load ${js}: the server could not be reached, or it does not allow cross-origin requests (CORS)`);
    await assertSafe(page, problems, '?article=javascript:');
  }
  // A data: URL is not a place articles come from: the CSP's connect-src refuses the fetch,
  // and the reader gets the failed-fetch message, with the URL as text.
  const body = `<script>window.__pwned=1;alert(1)</script><img src=x onerror=alert(1)> In 1999 it began.`;
  const data = `data:text/html,${encodeURIComponent(body)}`;
  const { page, problems } = await open(t, `?article=${encodeURIComponent(data)}`);
  await page.waitForSelector('.banner');
  assert.equal(await textOf(page, '.banner p'), `Could not load ${data}: the server could not be reached, or it does not allow cross-origin requests (CORS)`);
  assert.ok(!(await page.textContent('.article')).includes('In 1999'), 'nothing was loaded');
  await assertSafe(page, problems, '?article=data:');
});

// --- datasets: ?data=, import, stored state ----------------------------------------------------

/** A dataset with a payload in every text field: title, source, track labels, headlines... */
function dataset() {
  const text = [PREFACE, ...CORPUS.map((p, i) => `Line ${i}: ${p.payload}`)].join('\n');
  const ds = {
    version: 1,
    title: CORPUS[0].payload,
    source: CORPUS[3].payload,
    reference_date: CORPUS[1].payload,
    tracks: CORPUS.map((p, i) => ({ id: `t${i}`, label: p.payload })),
    events: CORPUS.map((p, i) => ({
      id: `e${i}`, start: String(1800 + i), stated: p.payload, headline: p.payload, summary: p.payload,
      track: `t${i}`, passages: [{ exact: `Line ${i}: ${p.payload}`, prefix: '', suffix: '' }],
    })),
    undated: [{ id: 'u0', headline: CORPUS[4].payload, summary: CORPUS[5].payload, track: 't0', passages: [{ exact: PREFACE }] }],
    text,
  };
  // Offsets that are far out of range or inside a character are stale hints, never a crash.
  ds.events[1].passages[0].offset = 4294967295;
  ds.events[2].passages[0].offset = text.indexOf('—') + 1;
  return ds;
}

/** A one-event dataset whose event has the id `id`. */
function withId(id) {
  return {
    version: 1, title: 'Ids', tracks: [{ id: 't', label: 'T' }], text: 'In 1999 it began.',
    events: [{ id, start: '1999', headline: 'Began', track: 't', passages: [{ exact: 'In 1999 it began.' }] }],
  };
}

/** Checks that the dataset shows: every field of every event when `all`, else the top level. */
async function checkDataset(page, problems, where, all = true) {
  const ds = dataset();
  await page.waitForFunction((t) => document.querySelector('h1').textContent === t, ds.title);
  assert.equal(await textOf(page, '.source'), ds.source, `${where}: source`);
  assert.equal(await articleText(page), ds.text.split('\n').join(''), `${where}: article`);
  const legend = await page.$$eval('.legend .tracks li', (ls) => ls.map((l) => l.textContent));
  assert.deepEqual(legend, ds.tracks.map((tr) => tr.label), `${where}: legend`);
  for (const [i, p] of CORPUS.entries()) {
    if (!all && i > 3) break;
    await select(page, `e${i}`);
    const shown = await page.evaluate(() => ({
      headline: document.querySelector('#details-title').textContent,
      summary: document.querySelector('.details .summary').textContent,
      dd: [...document.querySelectorAll('.details dd')].map((d) => d.textContent),
      quotes: [...document.querySelectorAll('.details blockquote')].map((q) => q.textContent),
    }));
    assert.equal(shown.headline, p.payload, `${where}: headline of ${p.name}`);
    assert.equal(shown.summary, p.payload, `${where}: summary of ${p.name}`);
    assert.equal(shown.dd[0], `“${p.payload}”`, `${where}: stated of ${p.name}`);
    assert.equal(shown.dd[2], p.payload, `${where}: track of ${p.name}`);
    assert.deepEqual(shown.quotes, [`Line ${i}: ${p.payload}`], `${where}: passage of ${p.name}`);
  }
  await select(page, 'u0');
  assert.equal(await textOf(page, '#details-title'), ds.undated[0].headline);
  await assertSafe(page, problems, where);
}

test('?data=, import and stored state: payloads in every field show as text', async (t) => {
  const { page, problems } = await open(t, `?data=${FILES}/dataset.json`);
  await checkDataset(page, problems, '?data=');
  // Export keeps every string exactly (quotes, backslashes, NUL, </script>).
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('.menu summary').then(() => page.click('button:has-text("Export JSON")'))]);
  const exported = JSON.parse(readFileSync(await download.path(), 'utf8'));
  const ds = dataset();
  assert.equal(exported.title, ds.title);
  assert.equal(exported.text, ds.text);
  assert.deepEqual(exported.tracks, ds.tracks);
  assert.deepEqual(exported.events.map((e) => [e.headline, e.summary, e.stated]), ds.events.map((e) => [e.headline, e.summary, e.stated]));
  // The import control.
  const { page: page2, problems: problems2 } = await open(t);
  await page2.setInputFiles('#import-file', { name: 'hostile.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(ds)) });
  await checkDataset(page2, problems2, 'import');
  // An import is the reader's own, so it is stored; a reload reads it back from storage.
  await page2.waitForFunction((k) => localStorage.getItem(k)?.includes('"e0"'), STORAGE_KEY);
  await page2.goto(site.url);
  await checkDataset(page2, problems2, 'stored', false);
});

test('payloads as event ids are refused, and the message shows them as text', async (t) => {
  {
    const { page, problems } = await open(t, `?data=${FILES}/bad-id.json`);
    await page.waitForSelector('.banner');
    assert.equal(await textOf(page, '.banner p'), `${FILES}/bad-id.json is not a usable Sourceline dataset: events[0].id: "${CORPUS[0].payload}" is not an id of lowercase letters, digits and hyphens`);
    await assertSafe(page, problems, '?data= bad id');
  }
  const { page, problems } = await open(t);
  for (const p of CORPUS) {
    await page.setInputFiles('#import-file', { name: 'ids.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(withId(p.payload))) });
    await page.waitForFunction((p) => document.querySelector('.banner p')?.textContent.includes(p), p.payload);
    // The loader reports a bad id as the id; the banner holds the whole message as text.
    assert.equal(await textOf(page, '.banner p'), `ids.json: This Sourceline dataset cannot be opened: events[0].id: "${p.payload}" is not an id of lowercase letters, digits and hyphens.`, p.name);
    await page.click('.banner button:has-text("Dismiss")');
    await assertSafe(page, problems, `id ${p.name}`);
  }
  assert.ok(await page.isVisible('[data-event-id="bucharest-summit-2008"]'), 'the sample stays');
});

// --- recovery ----------------------------------------------------------------------------------

test('after a panic, reloading recovers the reader\'s stored article', async (t) => {
  const { page } = await open(t);
  await page.click('button:has-text("Open an article")');
  await page.fill('#article-text', 'BERLIN, March 3, 2008 — The wall fell in 1989.');
  await page.fill('#article-title', 'Kept across a crash');
  await page.click('button:has-text("Build the timeline")');
  await page.waitForFunction((k) => localStorage.getItem(k)?.includes('Kept across a crash'), STORAGE_KEY);
  await page.evaluate(() => { try { window.wasmBindings.sourceline_test_panic(); } catch { /* the trap */ } });
  await page.waitForSelector('#fatal', { state: 'visible' });
  assert.equal(await page.getAttribute('#app', 'aria-hidden'), 'true');
  await page.click('#fatal a');
  await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'Kept across a crash');
  assert.equal(await page.isVisible('#fatal'), false);
  assert.ok(await page.isVisible('svg.timeline [aria-label^="1989 "]'));
});

test('stored state that is not JSON, or of another version, is reset with a message', async (t) => {
  const { page, problems } = await open(t);
  const old = { ...dataset(), version: 0 };
  const cases = [
    ['{"title": "<img src=x onerror=alert(1)>", ', /could not be read \(line 1, column \d+: EOF/],
    ['\u0000\u202e<script>window.__pwned=1</script>', /could not be read \(line 1, column 1: expected value/],
    [JSON.stringify(old), /could not be read \(version: version 0 is not supported; this app reads versions 1 to 2\)/],
    [JSON.stringify({ ...old, version: 3 }), /version 3 is not supported/],
    // Version 2 holds its sources; one without them is refused with a reason.
    [JSON.stringify({ ...old, version: 2 }), /sources: a version 2 dataset needs at least one source/],
  ];
  for (const [stored, message] of cases) {
    await page.evaluate(([k, v]) => localStorage.setItem(k, v), [STORAGE_KEY, stored]);
    await page.reload();
    await page.waitForSelector('.banner');
    assert.match(await textOf(page, '.banner'), message);
    assert.match(await textOf(page, '.banner'), /so it was reset and the default timeline is shown/);
    assert.ok(await page.isVisible('[data-event-id="bucharest-summit-2008"]'));
    assert.equal(await page.evaluate((k) => localStorage.getItem(k), STORAGE_KEY), null, 'storage reset');
    await assertSafe(page, problems, `stored ${stored.slice(0, 20)}`);
  }
});

test('an article over the 2 MB cap is refused with a message that gives the cap', async (t) => {
  const { page, problems } = await open(t);
  await page.click('button:has-text("Open an article")');
  await page.$eval('#article-text', (el) => { el.value = 'word '.repeat(400_001); });
  await page.click('button:has-text("Build the timeline")');
  await page.waitForSelector('.open-panel .error');
  assert.equal(await textOf(page, '.open-panel .error'), 'The article is 2001 KB; the largest accepted is 2000 KB.');
  await assertSafe(page, problems, 'pasted over the cap');
  const { page: page2, problems: problems2 } = await open(t, `?article=${FILES}/huge.txt`);
  await page2.waitForSelector('.banner');
  assert.equal(await textOf(page2, '.banner p'), `Could not load ${FILES}/huge.txt: The article is 2100 KB; the largest accepted is 2000 KB.`);
  await assertSafe(page2, problems2, '?article= over the cap');
});

// --- TimelineJS imports ------------------------------------------------------------------------

test('TimelineJS sheets and JSON files: every payload in headline and text cells stays text', async (t) => {
  // One row per payload, in its headline and in its text; CSV quoting as a spreadsheet writes it.
  const cell = (s) => `"${s.replace(/"/g, '""')}"`;
  const header = 'Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,Media,Media Credit,Media Caption,Media Thumbnail,Type,Group,Background';
  const rows = CORPUS.map((p, i) => `${1800 + i},,,,,,,,,${cell(p.payload)},${cell(`Text ${i}: ${p.payload}`)},,,,,,${cell(p.payload.slice(0, 40))},`);
  const sheet = [header, `,,,,,,,,,Hostile sheet,${cell(CORPUS[0].payload)},,,,,title,,`, ...rows].join('\r\n');
  const json = {
    title: { text: { headline: 'Hostile JSON', text: CORPUS[1].payload } },
    events: CORPUS.map((p, i) => ({ start_date: { year: 1800 + i }, text: { headline: p.payload, text: `Text ${i}: ${p.payload}` }, group: p.payload.slice(0, 40), display_date: p.payload })),
  };
  for (const [name, body, title] of [['hostile.csv', sheet, 'Hostile sheet'], ['hostile-timeline.json', JSON.stringify(json), 'Hostile JSON']]) {
    const { page, problems } = await open(t);
    await page.setInputFiles('#import-file', { name, mimeType: 'application/octet-stream', buffer: Buffer.from(body) });
    await page.waitForFunction((title) => document.querySelector('h1')?.textContent === title, title);
    // Every row is an event, whatever its cells hold: each has a year.
    const marks = await page.$$eval('#app svg.timeline [data-event-id], #app svg.timeline .bubble', (m) => m.length);
    assert.ok(marks > 0, name);
    const texts = await page.$$eval('.article p', (ps) => ps.map((p) => p.textContent));
    for (let i = 0; i < CORPUS.length; i++) assert.ok(texts.some((x) => x.includes(`Text ${i}:`)), `${name}: row ${i} is in the article`);
    await page.click('#app svg.timeline [data-event-id]');
    await page.waitForSelector('mark.current');
    await assertSafe(page, problems, name);
  }
});
