// Synthetic datasets in the project's format: n events with random dates from 1900 to 2025,
// 20 % of them ranges, each stated by one sentence of a generated article, each involving up to
// three of 24 actors (a few of them in many events, most in few; one event in ten in none), so
// that "Tracks by: actors" has leading actors and others to draw. Deterministic.
export function synth(n, seed = 42) {
  let s = seed >>> 0;
  const rand = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const pad = (x) => String(x).padStart(2, '0');
  const day = () => {
    const t = Date.UTC(1900, 0, 1) + rand() * (Date.UTC(2025, 11, 31) - Date.UTC(1900, 0, 1));
    const d = new Date(t);
    return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  };
  let text = '';
  const enc = new TextEncoder();
  const events = [];
  const COUNTRIES = ['fra', 'deu', 'ita', 'esp', 'pol', 'nld', 'bel', 'swe', 'nor', 'fin', 'dnk', 'aut'];
  const actors = Array.from({ length: 24 }, (_, k) => (k < 12
    ? { id: COUNTRIES[k], name: `Country ${k + 1}`, kind: 'country' }
    : { id: `person-${k - 11}`, name: `Person ${k - 11}`, kind: 'person' }));
  for (let i = 0; i < n; i++) {
    let start = day();
    let end = null;
    if (rand() < 0.2) {
      end = day();
      if (end < start) [start, end] = [end, start];
    }
    const involved = [];
    if (rand() >= 0.1) {
      for (let k = 1 + Math.floor(rand() * 3); k > 0; k--) {
        const a = actors[Math.floor(actors.length * rand() * rand())].id;
        if (!involved.includes(a)) involved.push(a);
      }
    }
    const sentence = end ? `Event ${i} ran from ${start} to ${end}.` : `Event ${i} happened on ${start}.`;
    const offset = enc.encode(text).length;
    text += `${sentence} `;
    events.push({
      id: `e${i}`,
      start,
      ...(end ? { end } : {}),
      stated: end ? `${start} to ${end}` : start,
      headline: `Event ${i}`,
      track: `t${i % 3}`,
      ...(involved.length ? { actors: involved } : {}),
      passages: [{ exact: sentence, offset }],
    });
  }
  return {
    version: 1,
    title: `${n} synthetic events`,
    tracks: [0, 1, 2].map((k) => ({ id: `t${k}`, label: `Track ${k + 1}` })),
    actors,
    events,
    text,
  };
}
