//! The bodies of the fuzz targets, shared by the cargo-fuzz crate (`tests/fuzz/fuzz_targets/`)
//! and the corpus regression test (`tests/fuzz_corpus.rs`), so that an input that once crashed
//! a target is replayed through exactly the same code by `cargo test`.
//!
//! Each body takes arbitrary bytes and must never panic; besides not crashing, it checks the
//! promises the rest of the app relies on (offsets on char boundaries, quotes that resolve,
//! export that imports back), so the fuzzer also finds wrong answers, not only crashes.

use sourceline::core::date::parse_iso;
use sourceline::core::model::Timeline;
use sourceline::core::{exchange, extract, fragment, input, layout, tagger, timeml};

/// The names of the targets, as directories under `corpus/` and `regressions/`.
pub const TARGETS: [&str; 6] = ["tagger", "loader", "timeml", "fragment", "input", "exchange"];

/// Runs target `name` on `data`; unknown names do nothing.
pub fn run(name: &str, data: &[u8]) {
    match name {
        "tagger" => tagger(data),
        "loader" => loader(data),
        "timeml" => timeml(data),
        "fragment" => fragment(data),
        "input" => input(data),
        "exchange" => exchange(data),
        _ => {}
    }
}

/// Text from fuzz bytes: invalid UTF-8 is replaced rather than rejected, so that every input
/// reaches the code under test.
fn text(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

/// The tagger and the extraction built on it. A first line holding an ISO date is the
/// reference date, so that relative expressions are resolved too.
pub fn tagger(data: &[u8]) {
    let s = text(data);
    let reference = s.lines().next().and_then(|l| parse_iso(l.trim()));
    let found = tagger::tag_detailed(&s, reference);
    let mut last_end = 0;
    for d in &found {
        let t = &d.timex;
        assert!(t.start < t.end && t.start >= last_end, "overlap or empty span {t:?}");
        assert!(s.get(t.start..t.end).is_some(), "span off char boundaries {t:?}");
        assert!(t.start < d.first_end && d.first_end <= t.end, "first half {d:?}");
        last_end = t.end;
    }
    for r in tagger::sentences(&s) {
        assert!(s.get(r.clone()).is_some(), "sentence off char boundaries {r:?}");
    }
    let timeline = extract::extract("Fuzz", &s, reference);
    for e in &timeline.events {
        for p in &e.passages {
            assert_eq!(s.get(p.range.clone()), Some(p.quote.exact.as_str()), "{}", e.id);
        }
    }
    let _ = layout::layout(&timeline, 800.0, None);
    let exported = timeline.export();
    if let Err(e) = Timeline::import(&exported) {
        panic!("an extracted timeline does not import back: {e}");
    }
}

/// The dataset loader: a self-contained export, and a dataset with the seed article.
pub fn loader(data: &[u8]) {
    let s = text(data);
    if let Ok(t) = Timeline::import(&s) {
        let _ = layout::layout(&t, 800.0, None);
        let _ = layout::layout(&t, 0.0, Some((f64::NAN, f64::INFINITY)));
        let _ = t.paragraphs();
        let again = Timeline::import(&t.export());
        assert!(again.is_ok(), "export of an imported timeline does not import: {again:?}");
    }
    let _ = Timeline::load(&s, include_str!("../../assets/article.txt"));
}

/// The TimeML reader and writer.
pub fn timeml(data: &[u8]) {
    let s = text(data);
    if let Ok(doc) = timeml::parse_document(&s) {
        for a in &doc.timexes {
            assert!(doc.plain.get(a.start..a.end).is_some(), "annotation off the text {a:?}");
        }
        let tagged = timeml::tag_document(&s);
        let reread = tagged.as_deref().map(timeml::parse_document);
        assert!(matches!(reread, Ok(Ok(_))), "tagged document does not parse back");
        let _ = timeml::score(&doc.timexes, &doc.timexes);
    }
    let _ = timeml::parse_dct(&s);
    let _ = timeml::strip_tags(&s);
}

/// The URL fragment parser: whatever it accepts formats back to the same fragment.
pub fn fragment(data: &[u8]) {
    let s = text(data);
    if let Some(id) = fragment::parse(&s) {
        assert_eq!(fragment::parse(&fragment::format(&id)), Some(id));
    }
}

/// The article reader: the first byte picks the file kind, the rest is the file.
pub fn input(data: &[u8]) {
    let (kind, bytes) = data.split_first().unwrap_or((&0, &[]));
    let name = ["", "a.txt", "a.md", "a.html"][usize::from(*kind % 4)];
    if let Ok(article) = input::read(bytes, name) {
        assert!(article.text.len() <= input::MAX_ARTICLE_BYTES);
        let _ = input::dateline(&article.text);
    }
}

/// The import of timeline files (the project's JSON, TimelineJS JSON and CSV) and the export
/// to TimelineJS: what imports is a valid dataset, and what it exports imports back.
pub fn exchange(data: &[u8]) {
    let Ok(imported) = exchange::import(data, "fuzz.csv") else { return };
    let t = match Timeline::import(&imported.json) {
        Ok(t) => t,
        Err(e) => panic!("an imported timeline is not a valid dataset: {e}"),
    };
    for out in [exchange::to_timelinejs_json(&t), exchange::to_timelinejs_csv(&t)] {
        if !t.chronological.is_empty() {
            let back = exchange::import(out.text.as_bytes(), "again");
            assert!(back.is_ok(), "an export does not import back: {back:?}\n{}", out.text);
        }
    }
}
