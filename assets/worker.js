// The tagging worker. It loads the tagger's own wasm (tagger.js and tagger_bg.wasm, built by
// Trunk from src/bin/tagger.rs, next to this file) as soon as the page starts it, when the
// reader opens an article, and then answers the page's requests in turn: an article read
// from a file's bytes or pasted text (HTML and Markdown become text), a timeline built from
// an article, with progress, an article's dateline, a timeline imported from a file
// (Sourceline or TimelineJS JSON, TimelineJS CSV) or exported for TimelineJS. See
// src/components/jobs.rs.
//
//   {id, kind: 'read', bytes, name}       → {id, title, text}
//   {id, kind: 'dateline', text}          → {id, dateline}
//   {id, kind: 'import', bytes, name}     → {id, json, notes}
//   {id, kind: 'export', json, format}    → {id, text, notes}   format: 'timelinejs-json',
//                                                                'timelinejs-csv' or 'sourceline'
//   {id, title, text, reference}          → {id, progress}…, {id, json}
//   any failure                           → {id, error}
const ready = import('./tagger.js').then(async (tagger) => {
  await tagger.default({ module_or_path: new URL('./tagger_bg.wasm', import.meta.url) });
  return tagger;
});
// Reported to whoever asks; not as an unhandled rejection before anyone has.
ready.catch(() => {});

self.onmessage = async ({ data }) => {
  const { id } = data;
  try {
    const tagger = await ready;
    if (data.kind === 'read') {
      const [title, text] = tagger.sourceline_read(data.bytes, data.name);
      self.postMessage({ id, text, notes: title ?? '' });
      return;
    }
    if (data.kind === 'import') {
      const [json, notes] = tagger.sourceline_import(data.bytes, data.name);
      self.postMessage({ id, json, notes });
      return;
    }
    if (data.kind === 'export') {
      const [text, notes] = tagger.sourceline_export(data.json, data.format);
      self.postMessage({ id, text, notes });
      return;
    }
    if (data.kind === 'dateline') {
      self.postMessage({ id, text: tagger.sourceline_dateline(data.text) });
      return;
    }
    self.postMessage({ id, progress: 0.05 });
    const json = tagger.sourceline_extract(data.title, data.text, data.reference, (done) => {
      self.postMessage({ id, progress: 0.05 + 0.9 * done });
    });
    self.postMessage({ id, progress: 1 });
    self.postMessage({ id, json });
  } catch (e) {
    self.postMessage({ id, error: String(e) });
  }
};
