// `make audit`: a report, not a test. For the release site dist/, served from
// a sub-path with the headers of its `_headers` file (as a host would send them):
//   - axe-core's WCAG 2.2 A/AA violations in every view (tests/browser/views.mjs), light and
//     dark, desktop and phone;
//   - Lighthouse's performance, accessibility, best-practices and SEO scores with its desktop
//     and mobile presets, in headless Chromium.
// `node tests/audit.mjs [--no-axe] [--no-lighthouse] [dir…]`
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { serve, siteHeaders } from './browser/server.mjs';
import { CHROMIUM, launch } from './browser/chromium.mjs';
import { SIZES, THEMES, VIEWS, axe } from './browser/views.mjs';

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const TARGET = 95;
// Timings vary with the machine's load: each preset runs this many times and the run with the
// median performance score is reported, as Lighthouse's docs advise.
const RUNS = Number(process.env.AUDIT_RUNS ?? 3);
const args = process.argv.slice(2);
const dirs = args.filter((a) => !a.startsWith('--'));
const sites = dirs.length ? dirs : ['dist'];

/** Prints rows (arrays) as a table with aligned columns. */
function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  for (const [n, r] of rows.entries()) {
    console.log(r.map((c, i) => String(c).padEnd(widths[i])).join('  ').trimEnd());
    if (n === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
}

/** axe-core in every view of the site: one row per view, violations per theme and size. */
async function axeReport(root, url) {
  const browser = await launch();
  const combos = THEMES.flatMap((theme) => Object.keys(SIZES).map((size) => [theme, size]));
  const rows = [['view', ...combos.map(([theme, size]) => `${theme}/${size}`)]];
  const details = [];
  try {
    for (const view of VIEWS) {
      const row = [view.name];
      for (const [colorScheme, size] of combos) {
        const context = await browser.newContext({ viewport: SIZES[size], colorScheme });
        try {
          const page = await context.newPage();
          await view.go(page, url);
          const { violations } = await axe(page);
          row.push(violations.length);
          for (const v of violations) details.push(`${view.name} (${colorScheme}, ${size}): ${v}`);
        } catch (e) {
          row.push('error');
          details.push(`${view.name} (${colorScheme}, ${size}): could not be reached: ${e.message.split('\n')[0]}`);
        } finally {
          await context.close();
        }
      }
      rows.push(row);
    }
  } finally {
    await browser.close();
  }
  console.log(`\naxe-core, WCAG 2.2 A/AA violations per view: ${root}/`);
  table(rows);
  for (const d of details) console.log(`  ${d}`);
  return details.length;
}

/** Starts headless Chromium with a DevTools port for Lighthouse; resolves to { port, stop }. */
function chromium() {
  const profile = mkdtempSync(join(tmpdir(), 'sourceline-lh-'));
  const child = spawn(CHROMIUM, [
    '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank',
  ], { stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise((done) => child.on('exit', done));
  const stop = async () => {
    child.kill();
    await exited;
    rmSync(profile, { recursive: true, force: true, maxRetries: 3 });
  };
  return new Promise((ok, fail) => {
    let err = '';
    child.stderr.on('data', (d) => {
      err += d;
      const m = err.match(/DevTools listening on ws:\/\/[^:]+:(\d+)\//);
      if (m) ok({ port: Number(m[1]), stop });
    });
    child.on('exit', (code) => fail(new Error(`chromium exited (${code}): ${err.slice(-500)}`)));
  });
}

/** Lighthouse scores (0 to 100) of `url` with the desktop or the mobile preset, and the audits that lost points. */
async function lighthouseRun(url, preset) {
  const { port, stop } = await chromium();
  try {
    const flags = { port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES };
    const result = await lighthouse(url, flags, preset === 'desktop' ? desktopConfig : undefined);
    const lhr = result.lhr;
    const scores = Object.fromEntries(CATEGORIES.map((c) => [c, Math.round((lhr.categories[c]?.score ?? 0) * 100)]));
    const lost = [];
    for (const c of CATEGORIES) {
      for (const ref of lhr.categories[c].auditRefs) {
        const a = lhr.audits[ref.id];
        if (ref.weight > 0 && a.score !== null && a.score < 1) {
          lost.push(`${c}: ${a.id} ${Math.round(a.score * 100)}${a.displayValue ? ` (${a.displayValue})` : ''}`);
        }
      }
    }
    const metrics = ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'speed-index', 'cumulative-layout-shift']
      .map((id) => `${id.replace(/-/g, ' ')} ${lhr.audits[id]?.displayValue ?? '?'}`);
    // Lighthouse's own measure of this machine's speed: its throttling assumes about 1000 or more.
    metrics.push(`benchmark index ${Math.round(lhr.environment.benchmarkIndex)}`);
    return { scores, lost, metrics, warnings: lhr.runWarnings, error: lhr.runtimeError?.message };
  } finally {
    await stop();
  }
}

let below = 0;
let violations = 0;
const lhRows = [['site', 'preset', ...CATEGORIES]];
const notes = [];
for (const root of sites) {
  if (!existsSync(join(root, 'index.html'))) {
    console.error(`${root}/index.html is missing: run make ${root} first`);
    process.exit(1);
  }
  const headers = siteHeaders(root);
  const { server, url } = await serve({ root, prefix: '/audit/', headers, gzip: true });
  try {
    console.log(`\n${root}/ served at ${url}${headers('/')['Content-Security-Policy'] ? ' with its Content-Security-Policy' : ''}`);
    if (!args.includes('--no-axe')) violations += await axeReport(root, url);
    if (!args.includes('--no-lighthouse')) {
      for (const preset of ['desktop', 'mobile']) {
        const runs = [];
        for (let i = 0; i < RUNS; i++) runs.push(await lighthouseRun(url, preset));
        runs.sort((a, b) => a.scores.performance - b.scores.performance);
        const r = runs[Math.floor(runs.length / 2)];
        const perf = runs.map((x) => x.scores.performance);
        const range = runs.length > 1 ? ` (runs: ${perf.join(', ')})` : '';
        lhRows.push([`${root}/`, preset, `${r.scores.performance}${range}`, ...CATEGORIES.slice(1).map((c) => r.scores[c])]);
        below += CATEGORIES.filter((c) => r.scores[c] < TARGET).length;
        notes.push(`${root}/ ${preset}: ${r.metrics.join(', ')}`);
        for (const l of r.lost) notes.push(`  ${l}`);
        for (const w of r.warnings ?? []) notes.push(`  warning: ${w}`);
        if (r.error) notes.push(`  error: ${r.error}`);
      }
    }
  } finally {
    server.close();
  }
}
if (lhRows.length > 1) {
  console.log(`\nLighthouse scores, the median of ${RUNS} run(s) (target ${TARGET} each)`);
  table(lhRows);
  console.log('\nWhere points were lost:');
  for (const n of notes) console.log(n);
}
console.log(`\naudit: ${violations} axe violation(s); ${below} Lighthouse score(s) below ${TARGET}`);
