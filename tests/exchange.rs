//! Timelines in and out of TimelineJS: hand-written sheets and JSON files (tests/data/timelinejs/)
//! read with their bad rows named, hostile text kept as text, round trips through both
//! TimelineJS formats, the seed timeline written in both, and a 5,000-row sheet.

use serde_json::{json, Value};
use sourceline::core::date::{Modifier, Precision};
use sourceline::core::exchange::{self, csv, Imported};
use sourceline::core::input::html_to_text;
use sourceline::core::model::{End, Timeline};

const ARTICLE: &str = include_str!("../assets/article.txt");
const EVENTS: &str = include_str!("../assets/events.json");
const SHEET: &[u8] = include_bytes!("data/timelinejs/sheet.csv");
const SHUFFLED: &[u8] = include_bytes!("data/timelinejs/shuffled.csv");
const TIMELINE: &[u8] = include_bytes!("data/timelinejs/timeline.json");
const PAYLOADS: &str = include_str!("data/xss/payloads.json");

fn import(bytes: &[u8], name: &str) -> (Timeline, Vec<String>) {
    let Imported { json, notes } =
        exchange::import(bytes, name).unwrap_or_else(|e| panic!("{name}: {e}"));
    let t = Timeline::import(&json).unwrap_or_else(|e| panic!("{name}: {e}"));
    (t, notes)
}

fn event<'t>(t: &'t Timeline, id: &str) -> &'t sourceline::core::model::Event {
    &t.events[t.find(id).unwrap_or_else(|| panic!("no event {id}"))]
}

fn when(t: &Timeline, id: &str) -> (String, Option<String>) {
    let w = event(t, id).when.unwrap_or_else(|| panic!("{id} is undated"));
    let end = match w.end {
        End::Point => None,
        End::Until(e) => Some(e.value()),
        End::Ongoing => Some("ongoing".into()),
    };
    (w.start.value(), end)
}

fn has_note(notes: &[String], want: &str) {
    assert!(notes.iter().any(|n| n == want), "no note {want:?} in {notes:#?}");
}

fn seed() -> Timeline {
    let mut t = Timeline::load(EVENTS, ARTICLE).unwrap_or_else(|e| panic!("seed dataset: {e}"));
    t.reference_date = Some("2025-03-01".into());
    t.sources[0].reference_date = t.reference_date.clone();
    t
}

#[test]
fn a_sheet_is_read_with_its_bad_rows_named() {
    let (t, notes) = import(SHEET, "sheet.csv");
    assert_eq!(t.title, "The Test Sheet");
    assert_eq!(t.reference_date.as_deref(), Some("2008-03-03"), "the title row's display date");
    assert_eq!(t.source.as_deref(), Some("sheet.csv"));
    let lines: Vec<&str> = t.text.lines().collect();
    assert_eq!(
        lines[..4],
        [
            "The Test Sheet",
            "An introduction, with a comma.",
            "And a second paragraph.",
            "Ukraine joins Partnership for Peace. It joined the \"Partnership\" in 1994, as a \
             first step."
        ]
    );
    // Events in file order, with their precision; a quoted cell's line break is a space.
    let ids: Vec<&str> = t.events.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "ukraine-joins-partnership-for-peace",
            "bucharest-summit",
            "lavrov-as-foreign-minister",
            "yanukovych-flees",
            "russia-invades-ukraine",
            "opposition-to-expansion",
            "thousands-separator"
        ]
    );
    assert_eq!(when(&t, "ukraine-joins-partnership-for-peace"), ("1994".into(), None));
    assert_eq!(when(&t, "bucharest-summit"), ("2008-04-03".into(), None));
    assert_eq!(when(&t, "lavrov-as-foreign-minister"), ("2004".into(), Some("2022".into())));
    assert_eq!(when(&t, "yanukovych-flees"), ("2014-02-22".into(), None), "the time is dropped");
    assert_eq!(when(&t, "thousands-separator"), ("1994-06".into(), None));
    // "the early 2000s" over 2000 to 2003 is that qualified decade again.
    let early = event(&t, "opposition-to-expansion").when.unwrap();
    assert_eq!((early.start.value(), early.start.modifier), ("200".into(), Some(Modifier::Start)));
    assert_eq!(event(&t, "opposition-to-expansion").stated, "the early 2000s");
    let summit = event(&t, "bucharest-summit");
    assert_eq!(summit.stated, "3 April 2008");
    assert_eq!(summit.summary, "Line one.");
    assert_eq!(
        &t.text[summit.passages[0].range.clone()],
        "Bucharest Summit. Line one. Line two, with a comma."
    );
    // No headline: the text's first sentence stands in.
    assert_eq!(event(&t, "russia-invades-ukraine").headline, "Russia invades Ukraine");
    // Groups become tracks in first-seen order, ungrouped events share one.
    let tracks: Vec<&str> = t.tracks.iter().map(|k| k.label.as_str()).collect();
    assert_eq!(tracks, ["Ukraine & NATO", "Diplomats", "Other events"]);
    assert_eq!(t.eras.len(), 1);
    assert_eq!((t.eras[0].label.as_str(), t.eras[0].start.value()), ("Cold War", "1947".into()));
    assert_eq!(t.eras[0].end.value(), "1991");
    for note in [
        "Row 7: skipped: it has no year.",
        "Row 8: skipped: the month \"13\" is not a month from 1 to 12.",
        "Row 9: skipped: it ends (2005) before it starts (2010).",
        "Row 10: skipped: the year \"19x4\" is not a whole number.",
        "Row 11: skipped: the year -500 is before year 0 (BC), and Sourceline dates run from \
         year 0 to 9999.",
        "Row 16: a second title row, read as an event (the first is the title).",
        "Row 16: skipped: it has no year.",
        "Row 17: skipped: February 2001 has no day 30.",
        "Row 18: skipped: an era needs an end year.",
        "Media (images, videos, embeds) ignored: 1 slide had media; Sourceline keeps the text.",
        "Times of day are not kept: 1 slide has a time, kept as its day (Sourceline dates stop \
         at the day).",
    ] {
        has_note(&notes, note);
    }
    assert_eq!(notes.len(), 11, "{notes:#?}");
}

#[test]
fn many_bad_rows_are_listed_up_to_fifty_then_counted() {
    let mut sheet = String::from("Year,Month,Headline\n2001,,Good\n");
    for i in 0..60 {
        sheet.push_str(&format!("2001,{},Bad {i}\n", 13 + i));
    }
    let (t, notes) = import(sheet.as_bytes(), "x");
    assert_eq!(t.events.len(), 1);
    assert_eq!(notes.len(), 51);
    assert_eq!(notes[0], "Row 3: skipped: the month \"13\" is not a month from 1 to 12.");
    assert_eq!(notes[50], "… and 10 more slides skipped.");
}

#[test]
fn columns_are_found_by_name_in_any_order_case_and_separator() {
    let (t, notes) = import(SHUFFLED, "");
    assert!(notes.is_empty(), "{notes:?}");
    assert_eq!(t.title, "Title here", "a title row in any case");
    assert_eq!(t.source, None);
    assert_eq!(t.events.len(), 2);
    let e = &t.events[0];
    assert_eq!(
        (e.headline.as_str(), e.summary.as_str()),
        ("Semicolons; and \"quotes\"", "A text; with a line break")
    );
    assert_eq!(when(&t, &e.id), ("1991-08-24".into(), None));
    assert_eq!(t.tracks[0].label, "Independence");
}

#[test]
fn a_timelinejs_json_file_is_read_with_eras_groups_and_ids() {
    let (t, notes) = import(TIMELINE, "timeline.json");
    assert_eq!(t.title, "Eras & groups");
    assert!(t.text.starts_with("Eras & groups\nAn introduction.\nIts second paragraph.\n"));
    let ids: Vec<&str> = t.events.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["first-event", "duplicate-id", "invalid-id", "with-a-time", "a-decade"]);
    let first = event(&t, "first-event");
    assert_eq!(first.headline, "First event");
    assert_eq!(first.stated, "3 April 1994", "the start date's display date");
    assert_eq!(first.summary, "Text with a link.");
    assert!(!t.text.contains("javascript"), "a link's target is markup, not text");
    assert_eq!(when(&t, "first-event"), ("1994-04-03".into(), None));
    assert_eq!(when(&t, "invalid-id"), ("1996-05".into(), Some("1997".into())));
    assert_eq!(when(&t, "with-a-time"), ("2001-09-11".into(), None));
    let decade = event(&t, "a-decade").when.unwrap();
    assert_eq!((decade.start.precision, decade.end), (Precision::Decade, End::Point));
    let tracks: Vec<&str> = t.tracks.iter().map(|k| k.label.as_str()).collect();
    assert_eq!(tracks, ["Alpha", "Beta", "Other events"]);
    let eras: Vec<(&str, String, String)> =
        t.eras.iter().map(|e| (e.label.as_str(), e.start.value(), e.end.value())).collect();
    assert_eq!(
        eras,
        [
            ("Cold War", "1947".into(), "1991".into()),
            ("April 2008", "2008-04".into(), "2008-04".into()),
        ]
    );
    for note in [
        "Event 5 (“Month thirteen”): skipped: the month \"13\" is not a month from 1 to 12.",
        "Event 6 (“No start date”): skipped: it has no year.",
        "Event 7 (“String date”): skipped: its start_date is a string rather than an object.",
        "Event 8 (“Backwards”): skipped: it ends (2005) before it starts (2010).",
        "Event 10: skipped: it is a string rather than an object.",
        "Event 11 (“Ides of March”): skipped: the year -44 is before year 0 (BC), and \
         Sourceline dates run from year 0 to 9999.",
        "Event 12 (“Hour 25”): skipped: its start_date.hour \"25\" is not a whole number from \
         0 to 23.",
        "Era 2 (“No end”): skipped: an era needs an end year.",
        "Media (images, videos, embeds) ignored: 1 slide had media; Sourceline keeps the text.",
    ] {
        has_note(&notes, note);
    }
}

#[test]
fn files_that_are_no_timeline_are_refused_with_what_is_accepted() {
    for (bytes, start) in [
        (&b"just some words, nothing more"[..], "This file is not a timeline Sourceline reads."),
        (b"{\"a\": 1}", "This JSON file is not a timeline Sourceline reads."),
        (b"{\"events\": [", "This JSON file cannot be read: EOF while parsing a list"),
        (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "This file is not a timeline Sourceline reads."),
        (b"", "This file is not a timeline Sourceline reads."),
    ] {
        let e = exchange::import(bytes, "x").unwrap_err();
        assert!(e.starts_with(start), "{e}");
        if !start.contains("cannot be read") {
            assert!(e.contains("TimelineJS spreadsheet saved as CSV"), "{e}");
        }
    }
    let e = exchange::import(b"Year,Headline\n", "x").unwrap_err();
    assert_eq!(e, "This TimelineJS file has no events.");
    let e = exchange::import(b"Year,Headline\nx,A\n,B\n", "x").unwrap_err();
    assert_eq!(
        e,
        "No event of this TimelineJS file could be read:\nRow 2: skipped: the year \"x\" is not \
         a whole number.\nRow 3: skipped: it has no year."
    );
    let e = exchange::import(b"Start Date,End Date,Headline\n2001,,A\n", "x").unwrap_err();
    assert!(e.contains("old TimelineJS template"), "{e}");
    // The project's own file without its text, and of another version.
    let e = exchange::import(EVENTS.as_bytes(), "events.json").unwrap_err();
    assert!(e.contains("does not contain the article text"), "{e}");
    let v2 = seed().export().replacen("\"version\": 1", "\"version\": 2", 1);
    assert!(exchange::import(v2.as_bytes(), "x").unwrap_err().contains("version 2"));
}

#[test]
fn the_projects_own_files_read_as_they_are() {
    let t = seed();
    let (back, notes) = import(t.export().as_bytes(), "seed.json");
    assert!(notes.is_empty());
    assert_eq!(back, t);
    let bom = format!("\u{feff}{}", t.export_compact());
    assert_eq!(import(bom.as_bytes(), "").0, t);
}

/// A TimelineJS file as TimelineJS 3.9 checks it before drawing anything: one bad slide and
/// it draws nothing.
fn check_timelinejs(v: &Value) {
    let date = |d: &Value, what: &str| {
        let year = d["year"].as_u64().unwrap_or_else(|| panic!("{what}: year in {d}"));
        assert!(year <= 9999);
        if let Some(m) = d.get("month") {
            assert!((1..=12).contains(&m.as_u64().unwrap()), "{what}: {d}");
        }
        if let Some(day) = d.get("day") {
            assert!(d.get("month").is_some() && (1..=31).contains(&day.as_u64().unwrap()));
        }
    };
    // TimelineJS drops an end equal to the start on the start's own fields.
    let kept_end =
        |s: &Value, e: &Value| s.as_object().unwrap().iter().any(|(k, v)| e.get(k) != Some(v));
    let events = v["events"].as_array().expect("events");
    assert!(!events.is_empty());
    for e in events {
        date(&e["start_date"], "start_date");
        if let Some(end) = e.get("end_date") {
            date(end, "end_date");
            assert!(kept_end(&e["start_date"], end), "a dropped end: {e}");
        }
        assert!(e["text"]["headline"].is_string() && e["text"]["text"].is_string());
    }
    for era in v.get("eras").and_then(Value::as_array).into_iter().flatten() {
        date(&era["start_date"], "era start");
        date(&era["end_date"], "era end");
        assert!(kept_end(&era["start_date"], &era["end_date"]), "an era TimelineJS refuses: {era}");
    }
}

/// The same dated events, dates, tracks and eras; the same ids unless `ids` is false (the
/// spreadsheet has no column for them), when the events are in date order.
fn same_timeline(a: &Timeline, b: &Timeline, ids: bool) {
    // Passages written by the export (not those of a sheet's own rows) come back verbatim.
    let quoted = a.source.as_deref() == Some("Channel613.Com");
    let dated = a.chronological.len();
    assert_eq!(b.events.len(), dated, "the undated items are left out");
    for (k, &i) in a.chronological.iter().enumerate() {
        let e = &a.events[i];
        let f = if ids { event(b, &e.id) } else { &b.events[k] };
        assert_eq!(f.when, e.when, "{}", e.id);
        assert_eq!(f.headline, e.headline, "{}", e.id);
        assert_eq!(b.tracks[f.track].label, a.tracks[e.track].label, "{}", e.id);
        if !e.stated.is_empty() {
            assert_eq!(f.stated, e.stated, "{}", e.id);
        }
        if !e.summary.is_empty() {
            assert_eq!(f.summary, e.summary, "{}", e.id);
        }
        if quoted {
            // The passages come back as the article's paragraphs, word for word.
            let quotes = |t: &'_ Timeline, e: &sourceline::core::model::Event| -> Vec<String> {
                e.passages.iter().map(|p| t.text[p.range.clone()].to_string()).collect()
            };
            assert_eq!(quotes(b, f), quotes(a, e), "{}", e.id);
        }
    }
    assert_eq!(a.eras.len(), b.eras.len());
    for (x, y) in a.eras.iter().zip(&b.eras) {
        assert_eq!((&x.label, x.interval()), (&y.label, y.interval()));
    }
    assert_eq!(a.title, b.title);
    assert_eq!(a.reference_date, b.reference_date);
}

#[test]
fn the_seed_timeline_goes_out_to_both_formats_and_back() {
    let t = seed();
    let json = exchange::to_timelinejs_json(&t);
    let v: Value = serde_json::from_str(&json.text).expect("valid JSON");
    check_timelinejs(&v);
    assert_eq!(v["events"].as_array().unwrap().len(), 10, "14 events, 4 of them undated");
    assert_eq!(v["title"]["text"]["headline"], "Putin Refuses Trump’s Peace Initiative");
    assert_eq!(v["title"]["text"]["text"], "<p class=\"sourceline-source\">Channel613.Com</p>");
    assert_eq!(v["title"]["display_date"], "1 March 2025");
    let lavrov =
        v["events"].as_array().unwrap().iter().find(|e| e["unique_id"] == "lavrov-at-the-un");
    let lavrov = lavrov.expect("lavrov-at-the-un");
    assert_eq!(lavrov["start_date"], json!({"year": 1994}));
    assert_eq!(lavrov["end_date"], json!({"year": 2004}));
    assert_eq!(lavrov["display_date"], "(1994-2004)");
    assert_eq!(lavrov["group"], "Russia’s diplomats");
    assert_eq!(
        lavrov["text"]["text"],
        "<p class=\"sourceline-summary\">Sergei Lavrov serves as Russia’s Permanent \
         Representative to the United Nations.</p><blockquote class=\"sourceline-passage\">A \
         career diplomat who previously served as Russia’s Permanent Representative to the \
         United Nations (1994-2004)</blockquote>"
    );
    assert_eq!(
        json.notes,
        [
            "4 undated items are left out: TimelineJS draws only dated events.",
            "2 ongoing events end at the article's date, 1 March 2025: TimelineJS has no open \
             ranges.",
        ]
    );
    let (back, notes) = import(json.text.as_bytes(), "seed.timelinejs.json");
    assert!(notes.is_empty(), "{notes:?}");
    same_timeline(&t, &back, true);

    let sheet = exchange::to_timelinejs_csv(&t);
    assert_eq!(sheet.notes, json.notes);
    let table = csv::read(&sheet.text, b',');
    assert_eq!(table.rows[0], exchange::TIMELINEJS_COLUMNS, "the template's header, exactly");
    assert_eq!(table.rows.len(), 1 + 1 + 10, "header, title, events");
    assert_eq!(table.rows[1][15], "title");
    assert!(table.rows.iter().all(|r| r.len() == 18));
    let (back, notes) = import(sheet.text.as_bytes(), "seed.csv");
    assert!(notes.is_empty(), "{notes:?}");
    same_timeline(&t, &back, false);
}

#[test]
fn imported_files_go_back_out_unchanged_in_what_matters() {
    for (bytes, name) in [(SHEET, "sheet.csv"), (TIMELINE, "timeline.json"), (SHUFFLED, "s.csv")] {
        let (t, _) = import(bytes, name);
        let json = exchange::to_timelinejs_json(&t);
        check_timelinejs(&serde_json::from_str(&json.text).unwrap());
        let (back, notes) = import(json.text.as_bytes(), name);
        same_timeline(&t, &back, true);
        // Eras of one period come back as days, or hours: TimelineJS needs them distinct.
        assert!(notes.iter().all(|n| n.starts_with("Times of day")), "{name}: {notes:?}");
        let sheet = exchange::to_timelinejs_csv(&t);
        let (back, _) = import(sheet.text.as_bytes(), name);
        same_timeline(&t, &back, false);
        // Both written forms say the same (the sheet has no ids, but these came from the
        // headlines, as the sheet's import makes them).
        assert_eq!(sheet.notes, json.notes);
        assert_eq!(import(json.text.as_bytes(), "x").0, import(sheet.text.as_bytes(), "x").0);
    }
}

/// Parses the payloads file (a JSON list of `{name, payload, …}`).
fn payloads() -> Vec<(String, String)> {
    let v: Value = serde_json::from_str(PAYLOADS).unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .filter_map(|p| {
            Some((p["name"].as_str()?.to_string(), p.get("payload")?.as_str()?.to_string()))
        })
        .collect()
}

/// The plain text the HTML reader makes of a field, on one line, without control characters.
fn reduced(html: &str) -> String {
    html_to_text(html)
        .text
        .split('\n')
        .map(|l| l.chars().filter(|c| !c.is_control()).collect::<String>())
        .filter(|l| !l.trim().is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// True when `s` holds something a browser would read as a tag: `<` and a letter, `/` or `!`.
fn has_tag(s: &str) -> bool {
    s.as_bytes()
        .windows(2)
        .any(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || w[1] == b'/' || w[1] == b'!'))
}

#[test]
fn hostile_text_comes_in_as_text_and_goes_out_escaped() {
    let payloads = payloads();
    assert!(payloads.len() >= 50);
    // One event per payload, in a sheet and in a JSON file, the payload as headline and text.
    let mut sheet = String::new();
    csv::write_row(&mut sheet, &["Year", "Headline", "Text", "Group", "Display Date"]);
    let mut events = Vec::new();
    for (name, p) in &payloads {
        csv::write_row(&mut sheet, &["2001", p, p, name, p]);
        events.push(json!({
            "unique_id": name,
            "start_date": {"year": 2001},
            "text": {"headline": p, "text": p},
            "group": name,
            "display_date": p,
        }));
    }
    let file = json!({"title": {"text": {"headline": payloads[0].1, "text": payloads[1].1}}, "events": events});
    for (bytes, kind) in [(sheet.into_bytes(), "csv"), (file.to_string().into_bytes(), "json")] {
        let (t, _) = import(&bytes, kind);
        assert_eq!(t.events.len(), payloads.len(), "{kind}: every row is read");
        for (e, (name, p)) in t.events.iter().zip(&payloads) {
            let want = reduced(p);
            let paragraph = &t.text[e.passages[0].range.clone()];
            if !want.is_empty() {
                assert_eq!(e.headline, want, "{kind} {name}: the reader's text");
                assert!(paragraph.starts_with(&want), "{kind} {name}: {paragraph}");
            }
            // Markup in the payload never survives as markup; only what was escaped in it
            // (`&lt;script&gt;`) is text with a `<`, as it was meant to be read.
            if !p.contains("&lt;") && !p.contains("&amp;lt;") && !p.contains("&#") {
                for field in [e.headline.as_str(), &e.summary, &e.stated, paragraph] {
                    assert!(!has_tag(field), "{kind} {name}: {field}");
                }
            }
        }
        assert!(!has_tag(&t.title), "{kind}: {}", t.title);
        // Out again: everything escaped where TimelineJS reads HTML.
        let out = exchange::to_timelinejs_json(&t);
        let v: Value = serde_json::from_str(&out.text).unwrap();
        check_timelinejs(&v);
        for e in v["events"].as_array().unwrap() {
            let text = e["text"]["text"].as_str().unwrap();
            let bare = [
                "<p class=\"sourceline-summary\">",
                "</p>",
                "<blockquote class=\"sourceline-passage\">",
                "</blockquote>",
            ]
            .iter()
            .fold(text.to_string(), |s, tag| s.replace(tag, ""));
            assert!(!bare.contains('<') && !bare.contains('>'), "{bare}");
            for f in [&e["text"]["headline"], &e["display_date"], &e["group"]] {
                let f = f.as_str().unwrap_or_default();
                assert!(!f.contains('<') && !f.contains('>') && !f.contains('"'), "{f}");
            }
        }
        // And in again: the same text.
        let (back, _) = import(out.text.as_bytes(), kind);
        for (a, b) in t.events.iter().zip(&back.events) {
            assert_eq!((&a.headline, &a.summary), (&b.headline, &b.summary));
            assert_eq!(back.tracks[b.track].label, t.tracks[a.track].label);
        }
    }
}

#[test]
fn spreadsheet_formulas_are_defused_in_written_sheets() {
    let json = r#"{"version":1,"title":"=HYPERLINK(\"x\")","tracks":[{"id":"a","label":"+cmd"}],
        "events":[{"id":"e","start":"2001","stated":"@now","headline":"-1+1","track":"a",
        "passages":[{"exact":"=SUM(A1)"}]}],"text":"=SUM(A1)"}"#;
    let t = Timeline::import(json).unwrap();
    let sheet = exchange::to_timelinejs_csv(&t);
    for row in csv::read(&sheet.text, b',').rows {
        for cell in row {
            assert!(!cell.starts_with(['=', '+', '-', '@']), "{cell}");
        }
    }
    let (back, _) = import(sheet.text.as_bytes(), "x");
    assert_eq!(back.title, "=HYPERLINK(\"x\")");
    let e = &back.events[0];
    assert_eq!((e.headline.as_str(), e.stated.as_str()), ("-1+1", "@now"));
    assert_eq!(back.tracks[0].label, "+cmd");
}

/// A sheet of `n` events: dates of every precision, ranges, groups, display dates, HTML.
pub fn big_sheet(n: usize) -> String {
    let mut out = String::new();
    csv::write_row(&mut out, &exchange::TIMELINEJS_COLUMNS);
    for i in 0..n {
        let year = (1900 + i % 120).to_string();
        let month = if i % 3 == 0 { String::new() } else { (1 + i % 12).to_string() };
        let day = if i % 3 == 2 { (1 + i % 28).to_string() } else { String::new() };
        let end = if i % 5 == 0 { (1900 + i % 120 + 3).to_string() } else { String::new() };
        let display = if i % 7 == 0 { format!("about {year}") } else { String::new() };
        let row = [
            year,
            month,
            day,
            String::new(),
            end,
            String::new(),
            String::new(),
            String::new(),
            display,
            format!("Event {i}: <b>something</b> happened"),
            format!("<p>Paragraph {i}, with a comma and \"quotes\".</p><p>A second one.</p>"),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            format!("Group {}", i % 6),
            String::new(),
        ];
        csv::write_row(&mut out, &row);
    }
    out
}

#[test]
fn a_sheet_of_five_thousand_rows_is_read_whole() {
    let sheet = big_sheet(5000);
    // `SOURCELINE_BIG_CSV=path cargo test --test exchange five_thousand` keeps the file, to
    // time `timeml convert` on it.
    if let Ok(path) = std::env::var("SOURCELINE_BIG_CSV") {
        std::fs::write(path, &sheet).unwrap();
    }
    let start = std::time::Instant::now();
    let (t, notes) = import(sheet.as_bytes(), "big.csv");
    let took = start.elapsed();
    assert!(notes.is_empty(), "{notes:?}");
    assert_eq!(t.events.len(), 5000);
    assert_eq!(t.tracks.len(), 6);
    assert!(t.events.iter().all(|e| e.passages.len() == 1));
    eprintln!("5,000 rows imported in {took:?} (test profile)");
}
