// Publishing and exchange in a real browser: every export from the Export menu (TimelineJS
// JSON and CSV loaded into the real TimelineJS3, SVG, PNG, print) and the one Import control
// reading TimelineJS files by their content. Served with the build's own headers, so the
// strict CSP applies to all of it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useSite } from './harness.mjs';
import { serve } from './server.mjs';

const site = useSite({ root: 'dist', prefix: '/app/', headers: true });
const SEED = JSON.parse(readFileSync('assets/events.json', 'utf8'));

// TimelineJS3 3.9.11 from npm, on a server of its own, as its documentation embeds it, kept
// off the network (see tests/bench/timeline.mjs). `?src=` names the file to draw: a JSON file
// is read and handed over as an object, a CSV file by its URL, which TimelineJS reads itself.
const tl = mkdtempSync(join(tmpdir(), 'sourceline-tljs-'));
const TL_DIST = 'node_modules/@knight-lab/timelinejs/dist';
mkdirSync(join(tl, 'js'));
mkdirSync(join(tl, 'data'));
cpSync(join(TL_DIST, 'js', 'timeline.js'), join(tl, 'js', 'timeline.js'));
cpSync(join(TL_DIST, 'css'), join(tl, 'css'), { recursive: true });
writeFileSync(join(tl, 'index.html'), `<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="css/timeline.css"><script src="js/timeline.js"></script>
<style>html, body { margin: 0; height: 100%; } #tl { width: 100%; height: 100%; }</style>
</head><body><div id="tl"></div>
<script>
(async () => {
  const src = new URLSearchParams(location.search).get('src');
  const url = new URL(src, location.href).href;
  const source = src.endsWith('.csv') ? url : await (await fetch(url)).json();
  window.tl = new TL.Timeline('tl', source, { font: null, script_path: new URL('js/', location.href).href, language: 'en' });
})();
</script></body></html>`);
let tlUrl;
let tlServer;
before(async () => { ({ server: tlServer, url: tlUrl } = await serve({ root: tl, prefix: '/' })); });
after(() => tlServer?.close());

/** The app, ready to take downloads. */
const open = (t, path = '') => site.page(t, path, { acceptDownloads: true });

/** Chooses `label` in the Export menu and returns the download's path and suggested name. */
async function exported(page, label) {
  await page.click('.menu summary');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click(`.menu button:text-is("${label}")`),
  ]);
  return { path: await download.path(), name: download.suggestedFilename() };
}

/** Draws `file` in TimelineJS3 and returns what it shows once its markers are in. */
async function inTimelineJS(t, file, name) {
  cpSync(file, join(tl, 'data', name));
  const page = await site.newPage(t);
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${tlUrl}index.html?src=data/${name}`);
  await page.waitForSelector('.tl-timemarker', { state: 'attached' });
  // Markers are drawn together; wait until their count is the same at two polls in a row.
  await page.waitForFunction(() => {
    const n = document.querySelectorAll('.tl-timemarker').length;
    const settled = n === window.lastCount;
    window.lastCount = n;
    return settled;
  }, null, { polling: 100 });
  const shown = await page.evaluate(() => ({
    markers: [...document.querySelectorAll('.tl-timemarker')].map((m) => m.id.replace(/-marker$/, '')),
    title: document.querySelector('.tl-slide-titleslide .tl-headline-title, .tl-slide-titleslide h2')?.textContent ?? '',
    groups: [...document.querySelectorAll('.tl-timegroup-message')].map((g) => g.textContent),
    eras: document.querySelectorAll('.tl-timeera').length,
    message: document.querySelector('.tl-message-full')?.textContent ?? '',
    slides: [...document.querySelectorAll('.tl-slide')].map((s) => s.textContent),
  }));
  assert.deepEqual(errors, [], 'TimelineJS draws without errors');
  return shown;
}

test('TimelineJS JSON export: the real TimelineJS3 draws every dated event, its group and title slide', async (t) => {
  const page = await open(t);
  const { path, name } = await exported(page, 'TimelineJS JSON');
  assert.match(name, /\.json$/);
  const json = JSON.parse(readFileSync(path, 'utf8'));
  assert.equal(json.events.length, SEED.events.length, 'every dated event');
  assert.equal(json.title.text.headline, SEED.title);
  // Dates at their precision, the stated date as display_date, ranges as end dates.
  const early = json.events.find((e) => e.unique_id === 'opposition-to-nato-expansion');
  assert.equal(early.start_date.year, 2000);
  assert.match(early.start_date.display_date ?? early.display_date ?? '', /early 2000s/);
  const un = json.events.find((e) => e.unique_id === 'lavrov-at-the-un');
  assert.equal(un.end_date.year, 2004);
  // The passage is quoted, escaped as TimelineJS reads HTML.
  assert.match(json.events[0].text.text, /<blockquote/);
  const shown = await inTimelineJS(t, path, 'seed.json');
  assert.deepEqual(shown.markers.sort(), SEED.events.map((e) => e.id).sort());
  assert.equal(shown.message, '', 'no error message');
  // Every track with dated events is a group (undated items stay out of TimelineJS).
  for (const track of SEED.tracks.filter((tr) => SEED.events.some((e) => e.track === tr.id))) {
    assert.ok(shown.groups.some((g) => g.includes(track.label)), `group ${track.label}`);
  }
  assert.ok(shown.slides.some((s) => s.includes(SEED.title)), 'title slide');
});

test('TimelineJS CSV export: the real TimelineJS3 reads the sheet by URL and draws every dated event', async (t) => {
  const page = await open(t);
  const { path, name } = await exported(page, 'TimelineJS CSV');
  assert.match(name, /\.csv$/);
  const csv = readFileSync(path, 'utf8');
  assert.match(csv.split(/\r?\n/)[0], /^Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,Media,Media Credit,Media Caption,Media Thumbnail,Type,Group,Background/);
  const shown = await inTimelineJS(t, path, 'seed.csv');
  assert.equal(shown.markers.length, SEED.events.length);
  assert.equal(shown.message, '');
  assert.ok(shown.slides.some((s) => s.includes(SEED.title)), 'title slide');
});

test('an exported TimelineJS file imports back as the same timeline', async (t) => {
  for (const label of ['TimelineJS JSON', 'TimelineJS CSV']) {
    const page = await open(t);
    const { path, name } = await exported(page, label);
    await page.setInputFiles('#import-file', { name, mimeType: 'application/octet-stream', buffer: readFileSync(path) });
    // An import is the reader's own: the way back to the sample shows once it is in.
    await page.waitForSelector('button:has-text("Back to the default timeline")');
    const names = await page.$$eval('svg.timeline [data-event-id]', (m) => m.map((e) => e.getAttribute('aria-label')));
    assert.equal(names.length, SEED.events.length, label);
    for (const e of SEED.events) assert.ok(names.some((n) => n.endsWith(` ${e.headline}`)), `${label}: ${e.headline} in ${names}`);
    if (label.endsWith('JSON')) {
      // TimelineJS JSON keeps ids (unique_id); its sheet has no such column.
      const ids = await page.$$eval('svg.timeline [data-event-id]', (m) => m.map((e) => e.getAttribute('data-event-id')));
      assert.deepEqual(ids.sort(), SEED.events.map((e) => e.id).sort());
    }
    assert.equal(await page.textContent('h1'), SEED.title, label);
    // Each event's passage is its slide, so a click still lands on source text.
    const bucharest = await page.$eval('svg.timeline [aria-label*="Bucharest"]', (m) => m.getAttribute('data-event-id'));
    await page.click(`svg.timeline [data-event-id="${bucharest}"]`);
    await page.waitForSelector(`mark.current[data-events~="${bucharest}"]`);
  }
});

// A sheet as people write them by hand: a BOM, a title row, eras, groups, quoted cells with
// commas, quotes and line breaks, a missing month, HTML and a script in cells, media, and two
// bad rows.
const SHEET = '\uFEFF' + [
  'Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,Media,Media Credit,Media Caption,Media Thumbnail,Type,Group,Background',
  ',,,,,,,,,The Cold War and after,"<p>A sheet, written <b>by hand</b>.</p>",,,,,title,,',
  '1947,,,,1991,,,,,Cold War,,,,,,era,,',
  '1949,4,4,,,,,,,NATO is founded,"Twelve countries sign the treaty in Washington, ""an attack on one is an attack on all"".",https://example.org/photo.jpg,,,,,Alliances,',
  '1955,5,14,,,,,,,Warsaw Pact,"Signed in Warsaw.\nA second line.",,,,,,Alliances,',
  '1961,,,,1989,11,9,,1961–1989,The Berlin Wall,<img src=x onerror=alert(1)>Divides the city.,,,,,,Cities,',
  'nineteen,,,,,,,,,A bad year,Never shown.,,,,,,,',
  '1991,13,,,,,,,,A bad month,Never shown.,,,,,,,',
  '1991,12,26,,,,,,,<script>alert(2)</script>The Soviet Union dissolves,,,,,,,,',
].join('\r\n') + '\r\n';

test('a hand-written TimelineJS sheet imports through the one Import control: rows, eras, groups, text only, bad rows named', async (t) => {
  const page = await open(t);
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  await page.setInputFiles('#import-file', { name: 'sheet.csv', mimeType: 'text/csv', buffer: Buffer.from(SHEET) });
  await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'The Cold War and after');
  const ids = await page.$$eval('svg.timeline [data-event-id]', (m) => m.map((e) => e.getAttribute('aria-label')));
  assert.equal(ids.length, 4, `four good rows: ${ids}`);
  // The bad rows are named, by row number, and the media noted.
  const banner = await page.textContent('.banner');
  assert.match(banner, /row 7/i);
  assert.match(banner, /row 8/i);
  assert.match(banner, /media/i);
  // Groups are tracks; the era is a shaded, named span.
  const legend = await page.textContent('.legend');
  assert.match(legend, /Alliances/);
  assert.match(legend, /Cities/);
  assert.equal(await page.textContent('svg.timeline .era .era-label'), 'Cold War');
  // HTML is text: nothing ran, no element came from a cell.
  assert.deepEqual(dialogs, []);
  assert.equal(await page.$$eval('#app img, #app script, #app b', (e) => e.length), 0);
  assert.match(await page.textContent('.article'), /The Soviet Union dissolves/);
  assert.doesNotMatch(await page.textContent('.article'), /<script|<img|onerror/);
  // The article is built from the slides: a click lands on the event's passage.
  await page.click('svg.timeline [data-event-id]');
  await page.waitForSelector('mark.current');
  assert.match(await page.textContent('.article'), /an attack on one is an attack on all/);
});

test('a TimelineJS JSON file imports by content, whatever its name, with its eras and groups', async (t) => {
  const page = await open(t);
  const file = {
    title: { text: { headline: 'Enlargement', text: '<p>NATO grows east.</p>' } },
    eras: [{ start_date: { year: 1999 }, end_date: { year: 2004 }, text: { headline: 'Two waves' } }],
    events: [
      { start_date: { year: '1999', month: '3', day: '12' }, text: { headline: 'Poland, Hungary and Czechia join', text: 'Three members.' }, group: 'Members', unique_id: 'first-wave' },
      { start_date: { year: 2004, month: 3, day: 29 }, text: { headline: 'Seven more join' }, group: 'Members', media: { url: 'https://example.org/x.jpg' } },
      { start_date: { year: 2008 }, display_date: 'April 2008', text: { headline: 'Bucharest', text: '<a href="javascript:alert(1)">Georgia and Ukraine</a> will become members.' }, group: 'Promises' },
    ],
  };
  await page.setInputFiles('#import-file', { name: 'no-extension', mimeType: 'application/octet-stream', buffer: Buffer.from(JSON.stringify(file)) });
  await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'Enlargement');
  assert.equal(await page.$$eval('svg.timeline [data-event-id]', (m) => m.length), 3);
  assert.ok(await page.$('svg.timeline [data-event-id="first-wave"]'), 'unique_id is the id');
  assert.equal(await page.textContent('svg.timeline .era-label'), 'Two waves');
  assert.equal(await page.$$eval('#app a[href^="javascript"]', (a) => a.length), 0);
  assert.match(await page.textContent('.article'), /Georgia and Ukraine will become members/);
  assert.match(await page.textContent('.banner'), /media/i);
});

test('a file in no format it reads gets a clear message and changes nothing', async (t) => {
  const page = await open(t);
  await page.setInputFiles('#import-file', { name: 'notes.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b,c\n1,2,3\n') });
  await page.waitForSelector('.banner');
  assert.match(await page.textContent('.banner'), /notes\.csv/);
  assert.match(await page.textContent('.banner'), /TimelineJS/);
  assert.ok(await page.isVisible('[data-event-id="bucharest-summit-2008"]'), 'the sample stays');
});

test('SVG image: self-contained, no script or links, every label as text, and it draws', async (t) => {
  const page = await open(t);
  await page.click('svg.timeline [data-event-id="bucharest-summit-2008"]');
  const { path, name } = await exported(page, 'SVG image');
  assert.match(name, /\.svg$/);
  const svg = readFileSync(path, 'utf8');
  assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  assert.match(svg, /<style><!\[CDATA\[/);
  assert.doesNotMatch(svg, /<script|href=|url\(http|@import|var\(--t0\)\)/);
  // Every label the page shows is text in the file, and the selection as shown.
  const labels = await page.$$eval('svg.timeline .mark .label', (ls) => ls.map((l) => l.textContent));
  for (const l of labels) assert.ok(svg.includes(`>${l.replace(/&/g, '&amp;')}</text>`), l);
  assert.match(svg, /class="mark [^"]*selected/);
  // It draws on its own, as an image, at its size.
  const drawn = await page.evaluate(async (text) => {
    const img = new Image();
    img.src = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
    await img.decode();
    return [img.naturalWidth, img.naturalHeight];
  }, svg);
  const size = await page.$eval('#app svg.timeline', (s) => [Number(s.getAttribute('width')), Number(s.getAttribute('height'))]);
  assert.deepEqual(drawn, size.map(Math.round));
});

test('PNG image: twice the drawing, at least 1000 px wide, under the site\'s CSP', async (t) => {
  const page = await open(t);
  const violations = [];
  await page.exposeFunction('cspViolation', (v) => violations.push(v));
  await page.evaluate(() => document.addEventListener('securitypolicyviolation', (e) => window.cspViolation(`${e.violatedDirective} ${e.blockedURI}`)));
  const { path, name } = await exported(page, 'PNG image');
  assert.match(name, /\.png$/);
  const png = readFileSync(path);
  assert.equal(png.subarray(1, 4).toString(), 'PNG');
  const [w, h] = [png.readUInt32BE(16), png.readUInt32BE(20)];
  const [sw, sh] = await page.$eval('#app svg.timeline', (s) => [Number(s.getAttribute('width')), Number(s.getAttribute('height'))]);
  assert.ok(w >= 1000, `${w} px wide`);
  assert.equal(w, Math.ceil(sw * Math.max(2, 1000 / sw)));
  assert.equal(h, Math.ceil(sh * Math.max(2, 1000 / sw)));
  assert.deepEqual(violations, []);
  // Not a blank picture: it has the timeline's colours.
  const colours = await page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    [c.width, c.height] = [img.naturalWidth, img.naturalHeight];
    const g = c.getContext('2d');
    g.drawImage(img, 0, 0);
    const d = g.getImageData(0, 0, c.width, c.height).data;
    const seen = new Set();
    for (let i = 0; i < d.length; i += 4 * 97) seen.add(`${d[i]},${d[i + 1]},${d[i + 2]}`);
    return seen.size;
  }, png.toString('base64'));
  assert.ok(colours > 5, `${colours} colours`);
});

test('print: the timeline, the article with its passages marked, the events with their dates; no controls', async (t) => {
  const page = await open(t);
  await page.emulateMedia({ media: 'print' });
  await page.evaluate(() => dispatchEvent(new Event('beforeprint')));
  await page.waitForFunction((n) => document.querySelectorAll('.event-list li').length === n, SEED.events.length);
  assert.ok(await page.$eval('.event-list', (d) => d.open));
  const list = await page.textContent('.event-list ol');
  assert.match(list, /2008: /);
  const hidden = await page.$$eval('.toolbar, .view-switch, .timeline-controls, .overview, .details', (els) => els.every((e) => getComputedStyle(e).display === 'none'));
  assert.ok(hidden, 'no controls');
  assert.ok(await page.isVisible('svg.timeline'));
  const marked = await page.$$eval('mark.passage', (ms) => ms.every((m) => getComputedStyle(m).backgroundColor === 'rgb(255, 241, 168)'));
  assert.ok(marked, 'every passage marked');
  await page.evaluate(() => dispatchEvent(new Event('afterprint')));
  await page.waitForFunction(() => !document.querySelector('.event-list').open);
});

test('a file dropped on the Import control is imported like a chosen one', async (t) => {
  const page = await open(t);
  await page.evaluate((sheet) => {
    const dt = new DataTransfer();
    dt.items.add(new File([sheet], 'dropped.csv', { type: 'text/csv' }));
    const target = document.querySelector('label[for="import-file"]');
    target.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    target.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, SHEET);
  await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'The Cold War and after');
  assert.equal(await page.$$eval('svg.timeline [data-event-id]', (m) => m.length), 4);
});
