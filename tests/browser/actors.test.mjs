// "Tracks by" and the actor filter (issue 13): the timeline's rows by the article's tracks or by
// its leading actors, each event in one row; chips that filter the timeline to the events of the
// chosen actors, operable by keyboard; the selected event's actors marked; the choice kept.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { useSite } from './harness.mjs';
import { axe } from './views.mjs';

const site = useSite({ root: 'dist', prefix: '/actors/' });

// What the app should show, worked out here from the sample's data.
const data = JSON.parse(readFileSync('assets/events.json', 'utf8'));
const all = [...data.events, ...(data.undated ?? [])];
const name = new Map(data.actors.map((a) => [a.id, a.name]));
const count = new Map(data.actors.map((a) => [a.id, all.filter((e) => (e.actors ?? []).includes(a.id)).length]));
// Most events first, ties in file order; at most 8 lead.
const ranked = data.actors.map((a) => a.id).filter((id) => count.get(id) > 0)
  .map((id, i) => [id, i]).sort((a, b) => count.get(b[0]) - count.get(a[0]) || a[1] - b[1]).map(([id]) => id);
// The rows: the actors events name first, most such events first (ties in file order), at
// most 8, so that no row is empty.
const firsts = new Map(data.actors.map((a) => [a.id, all.filter((e) => (e.actors ?? [])[0] === a.id).length]));
const leading = data.actors.map((a) => a.id).filter((id) => firsts.get(id) > 0)
  .map((id, i) => [id, i]).sort((a, b) => firsts.get(b[0]) - firsts.get(a[0]) || a[1] - b[1]).map(([id]) => id)
  .slice(0, 8);
/** The row of an event by actors: its first leading actor's name, or "Others". */
const rowOf = (e) => name.get((e.actors ?? []).find((a) => leading.includes(a))) ?? 'Others';

const TRACKS_BY = '[aria-label="Tracks by"]';
const byActors = (p) => p.click(`${TRACKS_BY} button:has-text("Actors")`);
const pressed = (p, sel) => p.$eval(sel, (b) => b.getAttribute('aria-pressed'));
const chip = (id) => `.chips button:has-text("${name.get(id)}")`;

/** The band titles, top to bottom. */
const bands = (p) => p.$$eval('svg.timeline .band-title', (ts) => ts.map((t) => t.textContent));
/** For each event drawn, the title of the band its mark sits in. */
const rows = (p) => p.$$eval('svg.timeline .band', (gs) => {
  const bands = gs.map((g) => {
    const r = g.querySelector('.band-bg').getBoundingClientRect();
    return { title: g.querySelector('.band-title').textContent, top: r.top, bottom: r.bottom };
  });
  return [...document.querySelectorAll('svg.timeline a.mark[data-event-id]')].map((m) => {
    const r = m.querySelector('.shape').getBoundingClientRect();
    const y = r.top + r.height / 2;
    return [m.dataset.eventId, bands.filter((b) => b.top <= y && y <= b.bottom).map((b) => b.title)];
  });
});
/** The rows expected by actors: those of the leading actors that hold a dated event, then Others. */
const expectedBands = () => [...leading.map((id) => name.get(id)), 'Others']
  .filter((title) => data.events.some((e) => rowOf(e) === title));

test('tracks by actors: a row per leading actor, then Others; every event in exactly one', async (t) => {
  const p = await site.page(t);
  assert.equal(await pressed(p, `${TRACKS_BY} button:has-text("Article")`), 'true', 'the article\'s tracks by default');
  assert.deepEqual(await bands(p), data.tracks.map((tr) => tr.label).filter((l, i) => data.events.some((e) => e.track === data.tracks[i].id)));
  await byActors(p);
  await p.waitForFunction(() => [...document.querySelectorAll('svg.timeline .band-title')].some((t) => t.textContent === 'Others'));
  assert.equal(await pressed(p, `${TRACKS_BY} button:has-text("Actors")`), 'true');
  assert.deepEqual(await bands(p), expectedBands());
  const placed = await rows(p);
  assert.equal(placed.length, data.events.length, 'every dated event drawn once');
  for (const [id, titles] of placed) {
    assert.deepEqual(titles, [rowOf(data.events.find((e) => e.id === id))], id);
  }
  // The legend names the rows drawn, and the details still name the article's own track.
  const legend = await p.$$eval('.legend .tracks li', (ls) => ls.map((l) => l.textContent.trim()));
  const others = all.some((e) => rowOf(e) === 'Others') ? ['Others'] : [];
  assert.deepEqual(legend, [...leading.map((id) => name.get(id)), ...others]);
  await p.click('svg.timeline [data-event-id="bucharest-summit-2008"]');
  await p.waitForSelector('.details dd:has-text("Ukraine and NATO")');
  // The reading-order view draws the same events.
  await p.click('.view-switch button:has-text("Reading order")');
  await p.waitForSelector('svg.reading-plot .dot');
  await p.click('.view-switch button:has-text("Timeline")');
  await p.waitForSelector('svg.timeline .band-title:has-text("Others")');
});

test('the choice of rows survives a reload and Back', async (t) => {
  const p = await site.page(t);
  await byActors(p);
  await p.waitForSelector('svg.timeline .band-title:has-text("Others")');
  await p.reload();
  await p.waitForSelector('#app[data-live] svg.timeline .band-title:has-text("Others")');
  assert.equal(await pressed(p, `${TRACKS_BY} button:has-text("Actors")`), 'true');
  // Selecting adds history entries; going back leaves the rows alone.
  await p.click('svg.timeline [data-event-id="crimea-annexation-2014"]');
  await p.waitForFunction(() => location.hash === '#event=crimea-annexation-2014');
  await p.click('svg.timeline [data-event-id="bucharest-summit-2008"]');
  await p.waitForFunction(() => location.hash === '#event=bucharest-summit-2008');
  await p.goBack();
  await p.waitForSelector('svg.timeline [data-event-id="crimea-annexation-2014"][aria-current="true"]');
  assert.deepEqual(await bands(p), expectedBands());
  // And back to the article's tracks, kept too.
  await p.click(`${TRACKS_BY} button:has-text("Article")`);
  await p.waitForFunction(() => ![...document.querySelectorAll('svg.timeline .band-title')].some((t) => t.textContent === 'Others'));
  await p.reload();
  await p.waitForSelector('#app[data-live] svg.timeline');
  assert.equal(await pressed(p, `${TRACKS_BY} button:has-text("Article")`), 'true');
  assert.ok(!(await bands(p)).includes('Others'));
});

test('chips show each actor with its count, and filter the timeline to any chosen actor', async (t) => {
  const p = await site.page(t);
  const chips = await p.$$eval('.chips button', (bs) => bs.map((b) => [b.textContent, b.getAttribute('aria-pressed')]));
  assert.deepEqual(chips, ranked.map((id) => [`${name.get(id)}${count.get(id)}`, 'false']), 'most events first');
  assert.equal(await p.textContent('.chip-status .note'), `All ${all.length} events`);
  const shown = async () => (await p.$$eval('svg.timeline a.mark[data-event-id]', (ms) => ms.map((m) => m.dataset.eventId))).sort();
  const involving = (ids, list = data.events) => list.filter((e) => (e.actors ?? []).some((a) => ids.includes(a))).map((e) => e.id).sort();

  await p.click(chip('geo'));
  await p.waitForFunction((n) => document.querySelectorAll('svg.timeline a.mark').length === n, involving(['geo']).length);
  assert.equal(await pressed(p, chip('geo')), 'true');
  assert.deepEqual(await shown(), involving(['geo']));
  assert.equal(await p.textContent('.chip-status .note'), `${involving(['geo'], all).length} of ${all.length} events: those involving any chosen actor`);
  // A second chip widens the filter: events involving either.
  await p.click(chip('un'));
  await p.waitForFunction((n) => document.querySelectorAll('svg.timeline a.mark').length === n, involving(['geo', 'un']).length);
  assert.deepEqual(await shown(), involving(['geo', 'un']));
  // Undated items follow the filter too.
  const undated = await p.$$eval('.undated a[data-event-id]', (as) => as.map((a) => a.dataset.eventId).sort());
  assert.deepEqual(undated, involving(['geo', 'un'], data.undated ?? []));
  // Pressed again, a chip is taken out; "All actors" clears the filter.
  await p.click(chip('geo'));
  await p.waitForFunction((n) => document.querySelectorAll('svg.timeline a.mark').length === n, involving(['un']).length);
  assert.equal(await pressed(p, '.chip-status button'), 'false');
  await p.click('.chip-status button:has-text("All actors")');
  await p.waitForFunction((n) => document.querySelectorAll('svg.timeline a.mark').length === n, data.events.length);
  assert.equal(await pressed(p, '.chip-status button'), 'true');
  assert.ok((await p.$$eval('.chips button', (bs) => bs.map((b) => b.getAttribute('aria-pressed')))).every((v) => v === 'false'));
  // With rows by actors, the filter applies too.
  await byActors(p);
  await p.click(chip('cyp'));
  await p.waitForFunction((n) => document.querySelectorAll('svg.timeline a.mark').length === n, involving(['cyp']).length);
});

test('the controls work from the keyboard: Tab reaches them, Enter and Space press them', async (t) => {
  const p = await site.page(t);
  // From the "Article" button, Tab goes on to "Actors", then to the chips.
  await p.focus(`${TRACKS_BY} button:has-text("Article")`);
  await p.keyboard.press('Tab');
  assert.equal(await p.evaluate(() => document.activeElement.textContent), 'Actors');
  await p.keyboard.press('Space');
  await p.waitForSelector(`${TRACKS_BY} button:has-text("Actors")[aria-pressed="true"]`);
  await p.waitForSelector('svg.timeline .band-title:has-text("Others")');
  await p.keyboard.press('Tab');
  const first = ranked[0];
  assert.equal(await p.evaluate(() => document.activeElement.closest('.chips') !== null), true, 'on the first chip');
  assert.equal(await p.evaluate(() => document.activeElement.textContent), `${name.get(first)}${count.get(first)}`);
  await p.keyboard.press('Enter');
  await p.waitForSelector(`${chip(first)}[aria-pressed="true"]`);
  await p.keyboard.press('Tab');
  await p.keyboard.press('Space');
  await p.waitForSelector(`${chip(ranked[1])}[aria-pressed="true"]`);
  await p.keyboard.press('Space');
  await p.waitForSelector(`${chip(ranked[1])}[aria-pressed="false"]`);
  // The focus stays on the chip as the page redraws.
  assert.equal(await p.evaluate(() => document.activeElement.textContent), `${name.get(ranked[1])}${count.get(ranked[1])}`);
  // Tab on to "All actors", Enter clears.
  for (let i = 2; i < ranked.length; i++) await p.keyboard.press('Tab');
  await p.keyboard.press('Tab');
  assert.equal(await p.evaluate(() => document.activeElement.textContent), 'All actors');
  await p.keyboard.press('Enter');
  await p.waitForSelector(`${chip(first)}[aria-pressed="false"]`);
});

test('the selected event\'s actors are marked on their chips, not by colour alone', async (t) => {
  const p = await site.page(t, '#event=bucharest-summit-2008');
  const ids = data.events.find((e) => e.id === 'bucharest-summit-2008').actors;
  await p.waitForSelector('.chips button.involved');
  const marked = await p.$$eval('.chips button', (bs) => bs.map((b) => [
    b.classList.contains('involved'), b.querySelector('.in-event')?.textContent ?? '', b.querySelector('.sr-only')?.textContent ?? '',
    getComputedStyle(b).borderStyle,
  ]));
  ranked.forEach((id, i) => {
    const [involved, symbol, said, border] = marked[i];
    if (ids.includes(id)) {
      assert.ok(involved && symbol.includes('◆') && said.includes('selected event') && border === 'dashed', `${id}: ${marked[i]}`);
    } else {
      assert.ok(!involved && symbol === '' && said === '' && border !== 'dashed', `${id}: ${marked[i]}`);
    }
  });
  // Another event, other marks; none once nothing is selected.
  await p.click('svg.timeline [data-event-id="crimea-annexation-2014"]');
  await p.waitForFunction(() => document.querySelectorAll('.chips button.involved').length === 1);
  assert.equal(await p.textContent('.chips button.involved'), '◆ Russia' + count.get('rus') + ', in the selected event');
});

test('axe-core finds no violation with the rows by actors, a chip chosen and an event selected', async (t) => {
  for (const colorScheme of ['light', 'dark']) {
    const p = await site.page(t, '#event=bucharest-summit-2008', { colorScheme });
    await byActors(p);
    await p.click(chip('nato'));
    await p.waitForSelector('.chips button.involved[aria-pressed="true"]');
    const { violations, passes } = await axe(p);
    assert.deepEqual(violations, [], colorScheme);
    assert.ok(passes > 10, 'axe really ran');
  }
});
