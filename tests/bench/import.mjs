// `make bench` (a report, not a test): importing a TimelineJS sheet of 5,000 rows through the
// Import control, in headless Chromium, from the file chosen to the timeline drawn. The
// tagging worker reads the sheet (its wasm carries the importers); the page then loads the
// dataset and draws it. Median of BENCH_RUNS runs (3 by default), each in a fresh page with the
// worker already started, and apart, the first import of a page (worker start included).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '../browser/server.mjs';
import { launch } from '../browser/chromium.mjs';

const ROWS = Number(process.env.BENCH_ROWS ?? 5000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const HEADER = 'Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,Media,Media Credit,Media Caption,Media Thumbnail,Type,Group,Background';

/** A sheet of `n` events over 1900–2020 in five groups, each with a sentence of text. */
function sheet(n) {
  const rows = [HEADER, ',,,,,,,,,A sheet of many rows,"Generated, for timing.",,,,,title,,'];
  let seed = 7;
  const rand = (m) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % m; };
  for (let i = 0; i < n; i++) {
    const [y, m, d] = [1900 + rand(121), 1 + rand(12), 1 + rand(28)];
    const end = i % 7 === 0 ? `${y + 1 + rand(5)},,` : ',,';
    rows.push(`${y},${m},${d},,${end},,"Event ${i}: ""quoted, with a comma""",Something happened in ${y}. It mattered to many.,,,,,,Group ${i % 5},`);
  }
  return rows.join('\n') + '\n';
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const dir = mkdtempSync(join(tmpdir(), 'sourceline-import-'));
const file = join(dir, `sheet-${ROWS}.csv`);
writeFileSync(file, sheet(ROWS));
const { server, url } = await serve({ root: 'dist', prefix: '/' });
const browser = await launch();
try {
  const times = [];
  let first = null;
  for (let run = 0; run <= RUNS; run++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForSelector('#app[data-live] svg.timeline');
    if (run > 0) {
      // The worker running, as once the reader has imported anything: a small sheet first.
      await page.setInputFiles('#import-file', { name: 'small.csv', mimeType: 'text/csv', buffer: Buffer.from(sheet(3).replace('A sheet of many rows', 'Warm-up')) });
      await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'Warm-up');
    }
    const start = await page.evaluate(() => performance.now());
    await page.setInputFiles('#import-file', file);
    await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'A sheet of many rows'
      && document.querySelector('#app svg.timeline .mark, #app svg.timeline .bubble'));
    const drawn = await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => ok(performance.now()))));
    if (run === 0) first = drawn - start;
    else times.push(drawn - start);
    await context.close();
  }
  console.log(`Import of a ${ROWS}-row TimelineJS CSV (${(sheet(ROWS).length / 1e6).toFixed(2)} MB), file chosen → timeline drawn:`);
  console.log(`  worker running: median ${median(times).toFixed(0)} ms of ${RUNS} (${times.map((t) => t.toFixed(0)).join(', ')})`);
  console.log(`  first import of the page, worker start included: ${first.toFixed(0)} ms`);
} finally {
  await browser.close();
  server.close();
}
