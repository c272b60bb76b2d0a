//! Property tests: no input, whatever its bytes or size (up to the 2 MB article cap), panics or
//! hangs the core. Inputs are random (proptest, shrunk to a minimal case on failure), biased
//! towards what the code looks for (date words, JSON and TimeML shapes, extreme floats), and one
//! test runs a text of the full cap size through the reader, the tagger and the extraction.
//!
//! Besides "no panic", each test checks a promise that callers rely on (offsets on char
//! boundaries, resolved quotes that are the quoted text, finite and ordered domains).
//! `PROPTEST_CASES` raises the number of cases (256 by default).

use proptest::prelude::*;
use sourceline::core::anchor::Quote;
use sourceline::core::cluster::cluster;
use sourceline::core::date::{self, DateSpec};
use sourceline::core::layout::{self, stack, text_width};
use sourceline::core::model::{Timeline, When};
use sourceline::core::scale::{Limits, TimeScale};
use sourceline::core::state::{Action, AppState, Origin};
use sourceline::core::ticks::{axis, ticks};
use sourceline::core::{exchange, extract, fragment, input, tagger, timeml};
use std::rc::Rc;

const ARTICLE: &str = include_str!("../assets/article.txt");
const EVENTS: &str = include_str!("../assets/events.json");

/// Words the tagger and the parsers react to, and some they must survive.
const WORDS: &[&str] = &[
    "1994",
    "2004",
    "200",
    "19",
    "0000",
    "9999",
    "-",
    "–",
    "/",
    "since",
    "from",
    "to",
    "between",
    "and",
    "early",
    "mid-",
    "late",
    "the",
    "1990s",
    "'90s",
    "March",
    "3",
    "31",
    "Tuesday",
    "last",
    "next",
    "week",
    "year",
    "ago",
    "two",
    "weeks",
    "every",
    "daily",
    "now",
    "today",
    "Q1",
    "W12",
    "a.m.",
    "10:00",
    "century",
    "21st",
    "BC",
    "AD",
    "of",
    ".",
    ",",
    "\n",
    "\n\n",
    "é",
    "’",
    "—",
    "\u{feff}",
    "📅",
    "<",
    ">",
    "&amp;",
    "#",
    "event=",
    "\"",
    "{",
    "}",
    "[",
    "]",
    ":",
    "null",
    "99999999999999999999",
    "-1",
    "1e308",
    "NaN",
];

/// Text built from [`WORDS`] with random separators: reaches the tagger's rules far more often
/// than arbitrary Unicode does.
fn wordy() -> impl Strategy<Value = String> {
    prop::collection::vec((prop::sample::select(WORDS), prop::sample::select(SEPARATORS)), 0..80)
        .prop_map(|v| v.into_iter().flat_map(|(w, s)| [w, s]).collect())
}

/// Any text: arbitrary Unicode, date-ish words, or ASCII punctuation soup.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), wordy(), "[ -~\n]{0,300}"]
}

/// Separators between [`WORDS`].
const SEPARATORS: &[&str] = &[" ", "", "-"];

/// Floats that break arithmetic: signed zeros, NaN, infinities, the ends of the range, and
/// spans beyond what dates can hold (chrono's range is about ±8.2e15 ms).
const EXTREMES: &[f64] = &[
    0.0,
    -0.0,
    f64::NAN,
    f64::INFINITY,
    f64::NEG_INFINITY,
    f64::MAX,
    f64::MIN,
    f64::MIN_POSITIVE,
    f64::EPSILON,
    1e300,
    -1e300,
    8.64e15,
    -8.64e15,
];

/// Floats including the ones that break arithmetic.
/// A number as spreadsheets and JSON files hold one, or any text.
fn numeric() -> impl Strategy<Value = String> {
    prop_oneof![
        (0i64..10_000).prop_map(|n| n.to_string()),
        (-20i64..20).prop_map(|n| n.to_string()),
        any_text()
    ]
}

fn extreme() -> impl Strategy<Value = f64> {
    prop_oneof![any::<f64>(), prop::sample::select(EXTREMES), -1e14..1e14f64,]
}

/// Quote offset hints: none, anywhere, near the text, and at the very end of `usize`.
fn offsets() -> impl Strategy<Value = Option<usize>> {
    prop_oneof![
        any::<Option<usize>>(),
        (0usize..64).prop_map(Some),
        (0usize..64).prop_map(|k| Some(usize::MAX - k)),
    ]
}

fn seed() -> Timeline {
    Timeline::load(EVENTS, ARTICLE).unwrap_or_else(|e| panic!("seed dataset: {e}"))
}

proptest! {
    #[test]
    fn tagger_and_extraction_never_panic(s in any_text(), days in -1_000_000i32..1_000_000) {
        let reference = chrono::NaiveDate::from_num_days_from_ce_opt(days);
        let mut end = 0;
        for t in tagger::tag(&s, reference) {
            prop_assert!(t.start >= end && t.start < t.end && s.get(t.start..t.end).is_some());
            end = t.end;
        }
        for r in tagger::sentences(&s) {
            prop_assert!(s.get(r).is_some());
        }
        let t = extract::extract(&s, &s, reference);
        for e in &t.events {
            for p in &e.passages {
                prop_assert_eq!(s.get(p.range.clone()), Some(p.quote.exact.as_str()));
            }
        }
        prop_assert!(Timeline::import(&t.export()).is_ok());
    }

    #[test]
    fn the_input_reader_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..400),
                                     s in any_text(), kind in 0usize..4) {
        let name = ["", "a.txt", "a.md", "a.html"][kind];
        for a in [input::read(&bytes, name), input::read_str(&s, name)].into_iter().flatten() {
            prop_assert!(!a.text.trim().is_empty() && a.text.len() <= input::MAX_ARTICLE_BYTES);
            let _ = input::dateline(&a.text);
        }
        let _ = input::html_to_text(&s);
        let _ = input::markdown_to_text(&s);
    }

    #[test]
    fn timeline_files_import_or_are_refused(bytes in prop::collection::vec(any::<u8>(), 0..400),
                                            cells in prop::collection::vec(any_text(), 0..40),
                                            year in numeric(), month in numeric()) {
        // Random bytes; a TimelineJS sheet with random cells; a TimelineJS JSON file with
        // random values where the format has numbers and text.
        let mut sheet = String::from("Year,Month,Day,End Year,Display Date,Headline,Text,Type,Group\n");
        for row in cells.chunks(9) {
            let mut row = row.to_vec();
            row[0] = year.clone();
            exchange::csv::write_row(&mut sheet, &row);
        }
        let file = serde_json::json!({
            "title": { "text": { "headline": cells.first(), "text": cells.last() } },
            "eras": [{ "start_date": { "year": year }, "end_date": { "year": month },
                       "text": { "headline": year } }],
            "events": [{ "start_date": { "year": year, "month": month, "day": cells.get(1) },
                         "end_date": { "year": cells.get(2) }, "display_date": cells.get(3),
                         "text": { "headline": cells.get(4), "text": cells.get(5) },
                         "group": cells.get(6), "unique_id": cells.get(7) }],
        });
        for input in [bytes, sheet.into_bytes(), file.to_string().into_bytes()] {
            if let Ok(imported) = exchange::import(&input, "random") {
                let t = Timeline::import(&imported.json);
                prop_assert!(t.is_ok(), "{t:?}");
                let t = t.unwrap();
                for out in [exchange::to_timelinejs_json(&t), exchange::to_timelinejs_csv(&t)] {
                    prop_assert!(exchange::import(out.text.as_bytes(), "again").is_ok());
                }
            }
        }
    }

    #[test]
    fn the_loader_never_panics(s in any_text(), start in any_text(), end in any_text(),
                               exact in any_text(), offset in offsets(),
                               modifier in prop::option::of(any_text())) {
        let _ = Timeline::import(&s);
        let _ = Timeline::load(&s, s.clone());
        // A well-formed dataset with hostile values where the format has free text or numbers.
        let event = serde_json::json!({
            "id": "e", "start": { "value": start, "mod": modifier }, "end": end,
            "stated": "", "headline": "", "summary": "", "track": "t",
            "passages": [{ "exact": exact, "offset": offset }],
        });
        let json = serde_json::json!({
            "version": 1, "title": "", "source": "", "tracks": [{ "id": "t", "label": "" }],
            "events": [event], "undated": [], "text": s,
        });
        if let Ok(t) = Timeline::import(&json.to_string()) {
            let _ = layout::layout(&t, 800.0, None);
            prop_assert!(Timeline::import(&t.export()).is_ok());
        }
    }

    #[test]
    fn quotes_resolve_to_the_quoted_text_or_fail(text in any_text(), exact in any_text(),
                                                 prefix in any_text(), suffix in any_text(),
                                                 offset in offsets(),
                                                 a in any::<usize>(), b in any::<usize>()) {
        let q = Quote { exact: exact.clone(), prefix, suffix, offset, source: None };
        if let Ok(r) = q.resolve(&text) {
            prop_assert_eq!(text.get(r), Some(exact.as_str()));
        }
        let _ = Quote::at(&text, a..b);
        // Machine-found and hand-kept quotes of any real passage resolve back to it.
        let (a, b) = (a % (text.len() + 1), b % (text.len() + 1));
        if a < b && text.is_char_boundary(a) && text.is_char_boundary(b) {
            prop_assert_eq!(Quote::at(&text, a..b).resolve(&text), Ok(a..b));
            let _ = Quote::for_range(&text, a..b);
        }
    }

    #[test]
    fn the_timeml_reader_never_panics(body in any_text(), dct in any_text(), attrs in any_text()) {
        let raw = format!(
            "<TimeML><DCT><TIMEX3 value=\"{dct}\"></DCT><TEXT>{body}<TIMEX3 {attrs}>x</TIMEX3></TEXT>"
        );
        for doc in [raw.as_str(), body.as_str()] {
            if let Ok(d) = timeml::parse_document(doc) {
                for a in &d.timexes {
                    prop_assert!(d.plain.get(a.start..a.end).is_some());
                }
                prop_assert!(timeml::tag_document(doc).is_ok());
            }
            let _ = timeml::attr(doc, &attrs);
            let _ = timeml::parse_date(doc);
        }
    }

    #[test]
    fn fragments_parse_or_are_ignored(s in any_text()) {
        if let Some(id) = fragment::parse(&s) {
            prop_assert_eq!(fragment::parse(&fragment::format(&id)), Some(id));
        }
    }

    #[test]
    fn dates_parse_or_are_refused(s in any_text(), m in prop::option::of(any_text()),
                                  e in any_text(), ongoing in any::<bool>(),
                                  y in any::<i32>(), mo in any::<u32>(), d in any::<u32>(),
                                  t in extreme()) {
        if let Some(day) = date::parse_iso(&s) {
            prop_assert_eq!(date::iso(day), s.clone());
        }
        if let Ok(spec) = DateSpec::parse(&s, m.as_deref()) {
            let (a, b) = spec.interval();
            prop_assert!(a.is_finite() && a < b);
            prop_assert_eq!(DateSpec::parse(&spec.value(), None).map(|d| d.year), Ok(spec.year));
            let _ = (spec.label(), spec.short_label());
        }
        if let Ok(w) = When::parse(&s, m.as_deref(), &e, ongoing) {
            let (a, b) = w.interval(t);
            // (An ongoing event's end is `now`, which may be NaN here, but never before it starts.)
            prop_assert!(a.is_finite() && b.partial_cmp(&a) != Some(std::cmp::Ordering::Less));
            let _ = (w.label(), w.timeml());
        }
        let _ = date::ms(y, mo, d);
        let _ = date::ymd(t);
        let _ = date::month_name(mo);
    }

    #[test]
    fn scales_survive_extreme_numbers(d0 in extreme(), d1 in extreme(), r0 in extreme(),
                                      r1 in extreme(), f in extreme(), p in extreme(),
                                      e0 in -1e16..1e16f64, e1 in -1e16..1e16f64) {
        let s = TimeScale::new((d0, d1), (r0, r1));
        let _ = (s.k(), s.x(p), s.t(p));
        let limits = Limits::around((e0.min(e1), e0.max(e1)));
        for v in [s.zoom(f, p, &limits), s.pan(f, &limits), s.reveal(d0, d1, p, &limits),
                  limits.clamp(s, p)] {
            // From a domain that dates can reach (beyond ±1e16 ms a day's width is lost in
            // rounding), a finite view is never empty or reversed.
            let finite = v.domain.0.is_finite() && v.domain.1.is_finite();
            if d0.abs() < 1e16 && d1.abs() < 1e16 && finite {
                prop_assert!(v.domain.0 < v.domain.1);
            }
        }
        let _ = TimeScale::extent([(d0, d1), (r0, r1), (f, p)], f);
    }

    #[test]
    fn ticks_and_axis_survive_extreme_numbers(d0 in extreme(), d1 in extreme(),
                                              width in extreme(), spacing in extreme(),
                                              font in extreme(), max in 0usize..64) {
        let (lo, hi) = (d0.min(d1), d0.max(d1));
        let mut last = f64::NEG_INFINITY;
        for t in ticks((d0, d1), max) {
            prop_assert!(t.t >= lo && t.t <= hi && t.t > last);
            last = t.t;
        }
        let s = TimeScale::new((d0, d1), (0.0, width));
        let _ = axis(&s, spacing, font);
        let _ = text_width("1994 March", font);
    }

}

proptest! {
    // Each case lays out the seed timeline seven times: fewer cases keep `cargo test` quick.
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn layout_and_state_survive_extreme_numbers(width in extreme(), v0 in extreme(),
                                                v1 in extreme(), f in extreme(),
                                                anchor in prop::option::of(extreme()),
                                                collapsed in prop::collection::vec(any::<usize>(), 0..4)) {
        let t = seed();
        let _ = layout::layout(&t, width, None);
        let _ = layout::layout_with(&t, width, Some((v0, v1)), true, &collapsed, None);
        let mut state = AppState::new(t);
        for action in [
            Action::Select("bucharest-summit-2008".into()),
            Action::Zoom { factor: f, anchor, width },
            Action::Pan { dx: v0, width },
            Action::ZoomTo(v0, v1),
            Action::Step(i32::MAX),
            Action::ToggleTrack(collapsed.first().copied().unwrap_or(usize::MAX)),
        ] {
            state = state.reduce(action);
            let _ = layout::layout_with(&state.timeline, width, state.view, true, &state.collapsed, state.selected);
        }
        let state = state.reduce(Action::Load(Rc::new(seed()), Origin::Own));
        let _ = state.scale(width);
    }

    #[test]
    fn stacking_and_clustering_survive_extreme_numbers(
        spans in prop::collection::vec((extreme(), extreme()), 0..40), gap in extreme(),
        mut xs in prop::collection::vec(extreme(), 0..40)) {
        let lanes = stack(&spans, gap);
        prop_assert_eq!(lanes.len(), spans.len());
        xs.sort_by(f64::total_cmp);
        let clusters = cluster(&xs, gap);
        prop_assert_eq!(clusters.iter().map(|c| c.count()).sum::<usize>(), xs.len());
    }
}

/// Random-looking article text of exactly `len` bytes, from a fixed seed: words, numbers,
/// dates and punctuation, so that the tagger finds plenty to do all the way through.
fn article_of(len: usize) -> String {
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut s = String::with_capacity(len + 32);
    while s.len() < len {
        // xorshift64: cheap, deterministic, good enough to vary the text.
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let w = WORDS[(x % WORDS.len() as u64) as usize];
        // No blank lines or stray BOMs: the reader would drop them and shorten the text.
        let w = if w.trim() != w || w.contains('\u{feff}') || x & 0x300 == 0 { "In" } else { w };
        s.push_str(w);
        s.push(if x & 0xf000 == 0 { '\n' } else { ' ' });
    }
    // Ends in a full stop, which the reader keeps, whatever the last word was.
    while s.len() >= len {
        s.pop();
    }
    while s.len() < len {
        s.push('.');
    }
    s
}

#[test]
fn an_article_at_the_size_cap_is_read_tagged_and_extracted() {
    let text = article_of(input::MAX_ARTICLE_BYTES);
    assert_eq!(text.len(), input::MAX_ARTICLE_BYTES);
    let article = input::read_str(&text, "big.txt").unwrap_or_else(|e| panic!("{e}"));
    let found = tagger::tag(&article.text, None);
    assert!(found.len() > 1000, "the text should be full of dates: {}", found.len());
    let t = extract::extract("Big", &article.text, None);
    assert!(!t.events.is_empty());
    let _ = layout::layout(&t, 1200.0, None);
    // One byte over the cap is refused with the size, not tagged.
    let over = article_of(input::MAX_ARTICLE_BYTES + 1);
    assert_eq!(input::read_str(&over, "big.txt"), Err(input::InputError::TooLarge(over.len())));
}
