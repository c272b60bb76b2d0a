// The tagging worker. It loads the tagger's own wasm (tagger.js and tagger_bg.wasm, built by
// Trunk from src/bin/tagger.rs, next to this file) as soon as the page starts it, when the
// reader opens an article, and then answers the page's requests in turn: an article read
// from a file's bytes or pasted text (HTML and Markdown become text), a timeline built from
// an article, with progress, an article's dateline, a timeline imported from a file
// (Sourceline or TimelineJS JSON, TimelineJS CSV) or exported for TimelineJS, and the
// timeline's drawing as a self-contained SVG file. See src/components/jobs.rs: every answer
// but a timeline's is a text and a note.
//
//   {id, kind: 'read', bytes, name}       → {id, text, notes: title or ''}
//   {id, kind: 'dateline', text}          → {id, text: ISO date or ''}
//   {id, kind: 'import', bytes, name}     → {id, text: the project's JSON, notes}
//   {id, kind: 'export', text, format}    → {id, text, notes}   format: 'timelinejs-json',
//                                                                'timelinejs-csv' or 'sourceline'
//   {id, kind: 'svg', text, name}         → {id, text: the SVG file, notes: ''}
//   {id, kind: 'articles', items: [{bytes, name}]}  → {id, progress}…, {id, json}: one timeline
//                                                                of all, each article a source
//   {id, title, text, reference, base, edit}  → {id, progress}…, {id, json}   base: a
//                                                                timeline's JSON to add the
//                                                                article to, or ''; edit:
//                                                                'split <event id>' or
//                                                                'remove <source id>' of base
//                                                                instead, or ''
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
      const [text, notes] = tagger.sourceline_import(data.bytes, data.name);
      self.postMessage({ id, text, notes: notes.join(' ') });
      return;
    }
    if (data.kind === 'export') {
      // Ongoing events end today, as the app draws them, when the timeline has no date.
      const today = new Date().toISOString().slice(0, 10);
      const [text, notes] = tagger.sourceline_export(data.text, data.format, today);
      self.postMessage({ id, text, notes: notes.join(' ') });
      return;
    }
    if (data.kind === 'svg') {
      self.postMessage({ id, text: tagger.sourceline_svg(data.text, data.name), notes: '' });
      return;
    }
    if (data.kind === 'dateline') {
      self.postMessage({ id, text: tagger.sourceline_dateline(data.text) });
      return;
    }
    if (data.kind === 'articles') {
      // `?article=` repeated: each article read, dated by its dateline (else today) and added
      // to the timeline of those before it. One that cannot be read stops the whole with a
      // message naming it, and the reader's timeline stays as it was.
      const today = new Date().toISOString().slice(0, 10);
      const n = data.items.length;
      let json = '';
      for (const [k, item] of data.items.entries()) {
        try {
          const [title, text] = tagger.sourceline_read(item.bytes, item.name);
          const reference = tagger.sourceline_dateline(text) || today;
          json = tagger.sourceline_extract(title ?? '', text, reference, json, '', (done) => {
            self.postMessage({ id, progress: (k + done) / n });
          });
        } catch (e) {
          throw `${item.name}: ${e}`;
        }
      }
      self.postMessage({ id, json });
      return;
    }
    self.postMessage({ id, progress: 0.05 });
    const json = tagger.sourceline_extract(data.title, data.text, data.reference, data.base ?? '', data.edit ?? '', (done) => {
      self.postMessage({ id, progress: 0.05 + 0.9 * done });
    });
    self.postMessage({ id, progress: 1 });
    self.postMessage({ id, json });
  } catch (e) {
    self.postMessage({ id, error: String(e) });
  }
};
