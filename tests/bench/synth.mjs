// Synthetic datasets in the project's format: n events with random dates from 1900 to 2025,
// 20 % of them ranges, each stated by one sentence of a generated article. Deterministic.
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
  for (let i = 0; i < n; i++) {
    let start = day();
    let end = null;
    if (rand() < 0.2) {
      end = day();
      if (end < start) [start, end] = [end, start];
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
      passages: [{ exact: sentence, offset }],
    });
  }
  return {
    version: 1,
    title: `${n} synthetic events`,
    tracks: [0, 1, 2].map((k) => ({ id: `t${k}`, label: `Track ${k + 1}` })),
    events,
    text,
  };
}
