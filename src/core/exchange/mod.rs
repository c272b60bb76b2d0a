//! Timelines in and out of other tools: a file in the project's own format, a TimelineJS3
//! JSON file or a TimelineJS spreadsheet saved as CSV becomes a dataset (with an article built
//! from its slides), and a dataset becomes a TimelineJS JSON file or spreadsheet.
//!
//! Pure functions for the tagging worker's wasm and the `timeml convert` command; the app's
//! own wasm never carries them. Every text field of a TimelineJS file is HTML: it is reduced
//! to plain text with the reader of `.html` articles ([`input::html_to_text`]), so nothing of
//! its markup reaches the dataset. Written files escape everything they carry as HTML.
//!
//! A slide that cannot be read (no year, month 13, an end before the start …) is skipped and
//! named in the notes with the reason; the others still load.

pub mod csv;
mod tljs;

pub use tljs::COLUMNS as TIMELINEJS_COLUMNS;
pub use tljs::{
    to_timelinejs_csv, to_timelinejs_csv_on, to_timelinejs_json, to_timelinejs_json_on,
};

use crate::core::anchor::Quote;
use crate::core::date::{self, DateSpec, Precision};
use crate::core::extract::shorten;
use crate::core::input::{self, MAX_ARTICLE_BYTES};
use crate::core::model::{
    valid_id, DatasetJson, DateJson, End, Era, EventJson, Timeline, Track, When,
};
use crate::core::{extract, json, tagger};
use chrono::NaiveDate;
use std::collections::{HashMap, HashSet};

/// The largest file accepted for import, in bytes.
pub const MAX_FILE_BYTES: usize = 20_000_000;

/// Most notes about skipped slides listed one by one; the rest are counted in one more note.
const NOTES_MAX: usize = 50;

/// A timeline read from another file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Imported {
    /// The dataset in the project's format with its article text, compact, as
    /// [`Timeline::export_compact`] writes it; [`Timeline::import`] reads it.
    pub json: String,
    /// What the reader should know: slides skipped and why, what was left out.
    pub notes: Vec<String>,
}

/// A timeline written for another tool.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exported {
    /// The file's text.
    pub text: String,
    /// What the file leaves out or shows differently, for the reader: undated items, …
    pub notes: Vec<String>,
}

/// What the import accepts, for the message about a file that is none of it.
const ACCEPTED: &str = "Open a Sourceline dataset (.json, as Sourceline exports it, with its \
    text), a TimelineJS JSON file (with \"events\" that have a \"start_date\"), or a TimelineJS \
    spreadsheet saved as CSV (with the template's columns: Year, Month, Day, …, Headline, Text).";

/// Reads a timeline from a file's bytes: the project's own JSON, TimelineJS3 JSON or a
/// TimelineJS spreadsheet saved as CSV, told apart by their content (`name`, the file's name,
/// only titles a timeline that has none). Returns the dataset with an article built from the
/// slides, or why nothing could be read.
pub fn import(bytes: &[u8], name: &str) -> Result<Imported, String> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(format!(
            "The file is {} KB; the largest accepted is {} KB.",
            bytes.len().div_ceil(1000),
            MAX_FILE_BYTES / 1000
        ));
    }
    let (text, mut notes) = decode(bytes)?;
    let head = text.trim_start();
    let mut sheet = if head.starts_with('{') || head.starts_with('[') {
        let value =
            json::parse(&text).map_err(|e| format!("This JSON file cannot be read: {e}."))?;
        let has = |key: &str| member(&value, key).is_some();
        if has("version") {
            let t = Timeline::import(&text)
                .map_err(|e| format!("This Sourceline dataset cannot be opened: {e}."))?;
            return Ok(Imported { json: t.export_compact(), notes });
        }
        if !matches!(member(&value, "events"), Some(json::Value::Array(_))) {
            return Err(format!("This JSON file is not a timeline Sourceline reads. {ACCEPTED}"));
        }
        tljs::read_json(&value)
    } else {
        match tljs::read_csv(&text) {
            Some(sheet) => sheet?,
            None => {
                return Err(format!("This file is not a timeline Sourceline reads. {ACCEPTED}"))
            }
        }
    };
    notes.append(&mut sheet.notes);
    build(sheet, name, notes)
}

/// Writes the dataset `json` (with its text, as [`Timeline::export`] gives it) in `format`:
/// `"timelinejs-json"`, `"timelinejs-csv"` or `"sourceline"` (the project's own, indented).
pub fn export(json: &str, format: &str) -> Result<Exported, String> {
    export_on(json, format, None)
}

/// [`export`], written on `today`: ongoing events of a timeline without a reference date end
/// today in TimelineJS files, as the app draws them.
pub fn export_on(json: &str, format: &str, today: Option<NaiveDate>) -> Result<Exported, String> {
    let t = Timeline::import(json).map_err(|e| format!("The timeline cannot be read: {e}."))?;
    match format {
        "timelinejs-json" => Ok(to_timelinejs_json_on(&t, today)),
        "timelinejs-csv" => Ok(to_timelinejs_csv_on(&t, today)),
        "sourceline" => Ok(Exported { text: t.export(), notes: Vec::new() }),
        _ => Err(format!(
            "Unknown format \"{format}\": choose timelinejs-json, timelinejs-csv or sourceline."
        )),
    }
}

/// The file's text: UTF-8 (with or without a byte order mark), UTF-16 (with a byte order
/// mark, or recognised by its zero bytes), or else Windows-1252, as spreadsheets on Windows
/// save CSV. Control characters are not refused here: a stray one in a cell should not cost
/// the whole file, and every field drops them when it is reduced to text.
fn decode(bytes: &[u8]) -> Result<(String, Vec<String>), String> {
    let mut notes = Vec::new();
    let utf16 = |rest: &[u8], big: bool| {
        let units = rest.chunks_exact(2).map(|p| {
            let pair = [p[0], p[1]];
            if big {
                u16::from_be_bytes(pair)
            } else {
                u16::from_le_bytes(pair)
            }
        });
        char::decode_utf16(units)
            .collect::<Result<String, _>>()
            .map_err(|_| "This file is not text: choose a .json or .csv file.".to_string())
    };
    let text = match bytes {
        [0xff, 0xfe, rest @ ..] => utf16(rest, false)?,
        [0xfe, 0xff, rest @ ..] => utf16(rest, true)?,
        [a, 0, b, 0, ..] if *a != 0 && *b != 0 => utf16(bytes, false)?,
        [0, a, 0, b, ..] if *a != 0 && *b != 0 => utf16(bytes, true)?,
        _ => {
            let body = bytes.strip_prefix(&[0xef, 0xbb, 0xbf]).unwrap_or(bytes);
            match std::str::from_utf8(body) {
                Ok(s) => s.to_string(),
                Err(_) => {
                    notes.push("The file is not UTF-8: it was read as Windows-1252.".to_string());
                    body.iter().map(|&b| windows_1252(b)).collect()
                }
            }
        }
    };
    Ok((text, notes))
}

/// A Windows-1252 byte as a character; the five bytes it leaves undefined stand for
/// themselves, as browsers decode them.
fn windows_1252(b: u8) -> char {
    const HIGH: &str = "€\u{81}‚ƒ„…†‡ˆ‰Š‹Œ\u{8d}Ž\u{8f}\u{90}‘’“”•–—˜™š›œ\u{9d}žŸ";
    match b {
        0x80..=0x9f => HIGH.chars().nth(usize::from(b - 0x80)).unwrap_or('\u{fffd}'),
        _ => char::from(b),
    }
}

/// Member `key` of an object (the first, if repeated).
fn member<'v, 'a>(value: &'v json::Value<'a>, key: &str) -> Option<&'v json::Value<'a>> {
    match value {
        json::Value::Object(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
        _ => None,
    }
}

// ------------------------------------------------------------------------------- slides

/// A date as a TimelineJS file gives it: its parts as text, not yet checked.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Parts {
    year: String,
    month: String,
    day: String,
    /// It has a time of day (valid, or the slide has a `problem`).
    time: bool,
}

/// A TimelineJS slide (event, era or title) as read, before it is checked.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Slide {
    /// Where it is, for notes: "Row 7", "Event 3 (“Headline”)".
    place: String,
    /// An era rather than an event.
    era: bool,
    start: Parts,
    end: Parts,
    /// The fields as in the file: HTML, or text that TimelineJS shows as HTML.
    display_date: String,
    headline: String,
    text: String,
    group: String,
    unique_id: String,
    /// It has media (an image, a video, a link …), which is not kept.
    media: bool,
    /// Why it cannot be read, found while reading it.
    problem: Option<String>,
}

/// A TimelineJS file as read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Sheet {
    /// The title slide, if there is one.
    title: Option<Slide>,
    /// Events and eras, in file order.
    slides: Vec<Slide>,
    /// What the reader noticed about the file itself.
    notes: Vec<String>,
}

/// How this module marks what it writes into a slide's text, so that its own files read back
/// as they were: the summary, each passage quoted from the article, the article's source.
/// TimelineJS keeps the class attributes and shows the elements as usual.
pub(crate) const SUMMARY: (&str, &str) = ("<p class=\"sourceline-summary\">", "</p>");
/// See [`SUMMARY`].
pub(crate) const PASSAGE: (&str, &str) =
    ("<blockquote class=\"sourceline-passage\">", "</blockquote>");
/// See [`SUMMARY`].
pub(crate) const SOURCE: (&str, &str) = ("<p class=\"sourceline-source\">", "</p>");

/// The contents of each element `mark` opens and closes, in order, and the HTML without them.
fn marked(html: &str, mark: (&str, &str)) -> (Vec<String>, String) {
    let (mut found, mut rest, mut left) = (Vec::new(), String::new(), html);
    while let Some(a) = left.find(mark.0) {
        let inner = &left[a + mark.0.len()..];
        let Some(b) = inner.find(mark.1) else { break };
        rest.push_str(&left[..a]);
        found.push(plain(&inner[..b]));
        left = &inner[b + mark.1.len()..];
    }
    rest.push_str(left);
    (found, rest)
}

/// Plain text of a TimelineJS field, on one line: markup gone, references decoded, by the
/// reader of `.html` articles.
fn plain(html: &str) -> String {
    lines(html).join(" ")
}

/// Plain text of a field that TimelineJS strips of markup and then shows as HTML (display
/// dates, groups): reduced twice, as it is shown.
fn plain_twice(html: &str) -> String {
    plain(&plain(html))
}

/// The paragraphs of a TimelineJS field as plain text. A line break in the field is a space,
/// as in any HTML; paragraphs are the elements' (`<p>`, `<br>` …).
fn lines(html: &str) -> Vec<String> {
    let text = input::html_to_text(&html.replace(['\r', '\n'], " ")).text;
    text.split('\n')
        .map(|l| l.chars().filter(|c| !c.is_control()).collect::<String>())
        .filter(|l| !l.trim().is_empty())
        .collect()
}

/// The first sentence of plain text.
fn first_sentence(text: &str) -> &str {
    tagger::sentences(text).first().and_then(|r| text.get(r.clone())).unwrap_or(text).trim()
}

/// A date from its parts; `None` when it has no year (nor month or day).
fn date(p: &Parts) -> Result<Option<DateSpec>, String> {
    let (y, m, d) = (p.year.trim(), p.month.trim(), p.day.trim());
    if y.is_empty() {
        return if m.is_empty() && d.is_empty() && !p.time {
            Ok(None)
        } else {
            Err("it has a month, day or time but no year".into())
        };
    }
    // As TimelineJS reads numbers: spaces and thousands separators go ("1,994").
    let number = |s: &str| -> Option<i64> {
        let s: String = s.chars().filter(|c| !c.is_whitespace() && *c != ',').collect();
        let digits = s.strip_prefix(['-', '+']).unwrap_or(&s);
        if digits.is_empty() || digits.len() > 12 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let n: i64 = digits.parse().ok()?;
        Some(if s.starts_with('-') { -n } else { n })
    };
    let year = number(y).ok_or_else(|| format!("the year \"{y}\" is not a whole number"))?;
    if year < 0 {
        return Err(format!(
            "the year {year} is before year 0 (BC), and Sourceline dates run from year 0 to 9999"
        ));
    }
    if year > 9999 {
        return Err(format!("the year {year} is after 9999, the last year Sourceline dates reach"));
    }
    let mut value = format!("{year:04}");
    if !m.is_empty() {
        let month = number(m)
            .filter(|n| (1..=12).contains(n))
            .ok_or_else(|| format!("the month \"{m}\" is not a month from 1 to 12"))?;
        value.push_str(&format!("-{month:02}"));
        if !d.is_empty() {
            let day = number(d)
                .filter(|n| (1..=31).contains(n))
                .ok_or_else(|| format!("the day \"{d}\" is not a day from 1 to 31"))?;
            value.push_str(&format!("-{day:02}"));
        }
    } else if !d.is_empty() {
        return Err("it has a day but no month".into());
    }
    DateSpec::parse(&value, None).map(Some).map_err(|_| {
        let month = m.trim().parse().map_or("?", date::month_name);
        format!("{month} {year} has no day {d}")
    })
}

/// What a date covers in TimelineJS, which knows years, months and days: a date at least as
/// precise as a year is itself (without its qualifier); a decade or century, qualified or
/// not, is the first and last year it covers.
pub(crate) fn covering(d: &DateSpec) -> (DateSpec, Option<DateSpec>) {
    if d.precision >= Precision::Year {
        return (DateSpec { modifier: None, ..*d }, None);
    }
    let (a, b) = d.interval();
    let (first, last) = (date::ymd(a).0, date::ymd(b - 1.0).0);
    (DateSpec::year(first), (last > first).then(|| DateSpec::year(last)))
}

/// The start and end a dated event has in TimelineJS: see [`covering`]; an ongoing range
/// ends at the reference date when there is one; an end that TimelineJS would take for the
/// start is left out. TimelineJS drops an end that equals the start on the fields the start
/// has ("1994" to "1994-06"): such a range is given as days, so that it stays a range.
pub(crate) fn span(w: &When, reference: Option<DateSpec>) -> (DateSpec, Option<DateSpec>) {
    let (start, after) = covering(&w.start);
    let last = |d: &DateSpec| {
        let (a, b) = covering(d);
        b.unwrap_or(a)
    };
    let end = match w.end {
        End::Point => after,
        End::Until(e) => Some(last(&e)),
        End::Ongoing => reference.filter(|r| r.interval().0 >= start.interval().0).or(after),
    };
    match end.filter(|e| *e != start) {
        Some(e) if same_on(&start, &e) => {
            let (a, b) = (first_day(&start), last_day(&e));
            (a, (b != a).then_some(b))
        }
        end => (start, end),
    }
}

/// True when `e` equals `s` on the fields `s` has (year; month; day), as TimelineJS compares
/// a start and an end.
pub(crate) fn same_on(s: &DateSpec, e: &DateSpec) -> bool {
    s.year == e.year
        && (s.precision < Precision::Month || s.month == e.month)
        && (s.precision < Precision::Day || s.day == e.day)
}

/// The first day of a date's period, as a day.
pub(crate) fn first_day(d: &DateSpec) -> DateSpec {
    let (y, m, day) = date::ymd(d.interval().0);
    DateSpec { year: y, month: m, day, precision: Precision::Day, modifier: None }
}

/// The last day of a date's period, as a day.
pub(crate) fn last_day(d: &DateSpec) -> DateSpec {
    let (y, m, day) = date::ymd(d.interval().1 - 1.0);
    DateSpec { year: y, month: m, day, precision: Precision::Day, modifier: None }
}

/// The date a display date states, when it is what the file's start and end stand for in
/// TimelineJS: "the early 2000s" over 2000 to 2003, "since 2004" from 2004 to the reference
/// date, "around 1994" over 1994. This is how this module's own exports read back with their
/// decades, qualifiers and open ranges, and how other files' honest display dates are kept.
fn stated_when(display: &str, read: &When, reference: Option<DateSpec>) -> Option<When> {
    let mut dates =
        tagger::tag(display, None).into_iter().filter(|t| t.kind == tagger::TimexType::Date);
    let (Some(t), None) = (dates.next(), dates.next()) else { return None };
    let w = extract::when_of(&t)?;
    let end = match read.end {
        End::Until(e) => Some(e),
        _ => None,
    };
    (w != *read && span(&w, reference) == (read.start, end)).then_some(w)
}

// ------------------------------------------------------------------------------- building

/// An event ready for the dataset.
struct Draft {
    when: When,
    stated: String,
    headline: String,
    summary: String,
    /// Its paragraphs of the article, each a passage.
    paragraphs: Vec<String>,
    group: String,
    unique_id: String,
}

/// Builds the dataset from a sheet: checks every slide, writes the article (the title, the
/// introduction, then one paragraph per event, its passage) and validates the result.
fn build(sheet: Sheet, name: &str, mut notes: Vec<String>) -> Result<Imported, String> {
    let mut skipped: Vec<String> = Vec::new();
    let (mut media, mut timed) = (0usize, 0usize);
    let title = sheet.title.unwrap_or_default();
    media += usize::from(title.media);
    // The article's own date: the title slide's display date, as this module writes it, or
    // its date when that is a day.
    let reference = input::dateline(&plain_twice(&title.display_date))
        .and_then(|d| DateSpec::parse(&date::iso(d), None).ok())
        .or_else(|| date(&title.start).ok().flatten().filter(|d| d.precision == Precision::Day));
    let mut drafts: Vec<Draft> = Vec::new();
    let mut eras: Vec<Era> = Vec::new();
    for s in sheet.slides {
        media += usize::from(s.media);
        let when = (|| {
            if let Some(p) = &s.problem {
                return Err(p.clone());
            }
            let start = date(&s.start)?.ok_or("it has no year")?;
            let end = match date(&s.end).map_err(|e| format!("its end: {e}"))? {
                Some(e) if e.interval().1 < start.interval().1 => {
                    return Err(format!(
                        "it ends ({}) before it starts ({})",
                        e.label(),
                        start.label()
                    ))
                }
                // An era may start and end in the same period; an event's end equal to its
                // start is no range (TimelineJS drops it).
                Some(e) if s.era || e != start => End::Until(e),
                None if s.era => return Err("an era needs an end year".into()),
                _ => End::Point,
            };
            Ok(When { start, end })
        })();
        let when = match when {
            Ok(w) => w,
            Err(why) => {
                skipped.push(format!("{}: skipped: {why}.", s.place));
                continue;
            }
        };
        timed += usize::from(s.start.time || s.end.time);
        if s.era {
            let (start, end) = match when.end {
                End::Until(e) => (when.start, e),
                _ => (when.start, when.start),
            };
            eras.push(Era { label: plain(&s.headline), start, end });
            continue;
        }
        let stated = plain_twice(&s.display_date);
        let when = stated_when(&stated, &when, reference).unwrap_or(when);
        let h = plain(&s.headline);
        let (mut passages, _) = marked(&s.text, PASSAGE);
        passages.retain(|p| !p.is_empty());
        let first = lines(&s.text).into_iter().next().unwrap_or_default();
        let sentence = first_sentence(&first);
        // The headline as written, else the text's first sentence, shortened, else the date.
        let headline = match (h.is_empty(), sentence.is_empty()) {
            (false, _) => h.clone(),
            (true, false) => shorten(sentence.trim_end_matches('.'), 80),
            (true, true) if !stated.is_empty() => stated.clone(),
            (true, true) => when.label(),
        };
        let (summary, paragraphs) = if !passages.is_empty() {
            // A slide this module wrote: its summary, and its passages as paragraphs.
            let (summary, _) = marked(&s.text, SUMMARY);
            (summary.into_iter().next().unwrap_or_default(), passages)
        } else {
            // The summary is the text's first sentence when it says more than the headline;
            // the headline as its own sentence, then the text, is one paragraph, the passage.
            let text = plain(&s.text);
            let summary =
                if h.is_empty() || sentence == h { String::new() } else { shorten(sentence, 200) };
            let paragraph = match (h.is_empty(), text.is_empty()) {
                (true, true) => headline.clone(),
                (false, true) => h,
                (true, false) => text,
                _ if h.ends_with(['.', '!', '?', '…', ':', ';']) => format!("{h} {text}"),
                _ => format!("{h}. {text}"),
            };
            (summary, vec![paragraph])
        };
        drafts.push(Draft {
            when,
            stated,
            headline,
            summary,
            paragraphs,
            group: plain_twice(&s.group),
            unique_id: s.unique_id.trim().to_string(),
        });
    }
    if drafts.is_empty() {
        return Err(if skipped.is_empty() {
            "This TimelineJS file has no events.".to_string()
        } else {
            let mut why = "No event of this TimelineJS file could be read:".to_string();
            for s in skipped.iter().take(10) {
                why.push('\n');
                why.push_str(s);
            }
            if skipped.len() > 10 {
                why.push_str(&format!("\n… and {} more.", skipped.len() - 10));
            }
            why
        });
    }
    let skipped_count = skipped.len();
    notes.extend(skipped.into_iter().take(NOTES_MAX));
    if skipped_count > NOTES_MAX {
        notes.push(format!("… and {} more slides skipped.", skipped_count - NOTES_MAX));
    }
    if media > 0 {
        let s = if media == 1 { " had" } else { "s had" };
        notes.push(format!(
            "Media (images, videos, embeds) ignored: {media} slide{s} media; Sourceline keeps the text."
        ));
    }
    if timed > 0 {
        let s = if timed == 1 { " has" } else { "s have" };
        notes.push(format!(
            "Times of day are not kept: {timed} slide{s} a time, kept as its day (Sourceline dates stop at the day)."
        ));
    }

    // The article: the title, the introduction, then one paragraph per event.
    let title_text = plain(&title.headline);
    let title_text = if !title_text.is_empty() {
        title_text
    } else {
        let stem = name.rsplit(['/', '\\']).next().unwrap_or(name);
        let stem = stem.rsplit_once('.').map_or(stem, |(s, _)| s).trim();
        if stem.is_empty() {
            "Imported timeline".to_string()
        } else {
            stem.to_string()
        }
    };
    // The source as this module writes it, else the file's name.
    let (source, intro) = marked(&title.text, SOURCE);
    let source = source.into_iter().next().or_else(|| Some(name.trim().to_string()));
    let mut text = title_text.clone();
    for line in lines(&intro) {
        text.push('\n');
        text.push_str(&line);
    }

    // Tracks from groups, in first-seen order; events without one share a track.
    let grouped = drafts.iter().any(|d| !d.group.is_empty());
    let mut tracks: Vec<Track> = Vec::new();
    let mut track_of: HashMap<String, usize> = HashMap::new();
    let mut ids = Ids::default();
    let mut track_ids = Ids::default();
    let mut events = Vec::with_capacity(drafts.len());
    for d in drafts {
        let label = match (d.group.is_empty(), grouped) {
            (false, _) => d.group.clone(),
            (true, true) => "Other events".to_string(),
            (true, false) => "Events".to_string(),
        };
        let k = *track_of.entry(label.clone()).or_insert_with(|| {
            tracks.push(Track { id: track_ids.new_id("", &label, "track"), label });
            tracks.len() - 1
        });
        let mut passages = Vec::with_capacity(d.paragraphs.len());
        for p in &d.paragraphs {
            text.push('\n');
            let at = text.len();
            text.push_str(p);
            passages.push(Quote::at(&text, at..text.len()));
        }
        let id = ids.new_id(&d.unique_id, &d.headline, "event");
        let (start, end, ongoing) = DateJson::of(Some(d.when));
        events.push(EventJson {
            id,
            start,
            end,
            ongoing,
            stated: d.stated,
            headline: d.headline,
            summary: d.summary,
            track: tracks[k].id.clone(),
            actors: Vec::new(),
            passages,
            dates: Vec::new(),
        });
    }
    if text.len() > MAX_ARTICLE_BYTES {
        return Err(format!(
            "The timeline's text is {} KB; the largest accepted is {} KB.",
            text.len().div_ceil(1000),
            MAX_ARTICLE_BYTES / 1000
        ));
    }
    let dataset = DatasetJson {
        version: 1,
        title: title_text,
        source: source.filter(|n| !n.is_empty()),
        reference_date: reference.map(|d| d.value()),
        tracks,
        eras,
        actors: Vec::new(),
        events,
        undated: Vec::new(),
        text: None,
        sources: Vec::new(),
    };
    let t = Timeline::from_json(dataset, text)
        .map_err(|e| format!("The timeline could not be built: {e}."))?;
    Ok(Imported { json: t.export_compact(), notes })
}

/// Ids handed out so far, so that each new one is unique.
#[derive(Default)]
struct Ids {
    used: HashSet<String>,
    /// The next suffix to try for each base, so that many equal headlines stay linear.
    next: HashMap<String, usize>,
}

impl Ids {
    /// `wanted` if it is a valid id not yet used, else one made from `words` (or `fallback`),
    /// with "-2", "-3" … when taken.
    fn new_id(&mut self, wanted: &str, words: &str, fallback: &str) -> String {
        if valid_id(wanted) && self.used.insert(wanted.to_string()) {
            return wanted.to_string();
        }
        let mut base = String::new();
        for w in words.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()) {
            if base.len() + w.len() + 1 > 48 {
                break;
            }
            if !base.is_empty() {
                base.push('-');
            }
            base.push_str(&w.to_ascii_lowercase());
        }
        if base.is_empty() {
            base = fallback.to_string();
        }
        if self.used.insert(base.clone()) {
            return base;
        }
        let n = self.next.entry(base.clone()).or_insert(2);
        loop {
            let id = format!("{base}-{n}");
            *n += 1;
            if self.used.insert(id.clone()) {
                return id;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(y: &str, m: &str, d: &str) -> Parts {
        Parts { year: y.into(), month: m.into(), day: d.into(), time: false }
    }

    #[test]
    fn dates_keep_their_precision_and_refuse_with_reasons() {
        let ok = |y, m, d| date(&parts(y, m, d)).unwrap().map(|d| d.value());
        assert_eq!(ok("1994", "", ""), Some("1994".into()));
        assert_eq!(ok(" 1,994 ", "4", ""), Some("1994-04".into()));
        assert_eq!(ok("2008", "04", "3"), Some("2008-04-03".into()));
        assert_eq!(ok("0", "", ""), Some("0000".into()));
        assert_eq!(ok("", "", ""), None);
        let bad = |y, m, d| date(&parts(y, m, d)).unwrap_err();
        assert!(bad("-500", "", "").contains("before year 0 (BC)"));
        assert!(bad("12000", "", "").contains("after 9999"));
        assert!(bad("1994", "13", "").contains("\"13\" is not a month"));
        assert!(bad("2001", "2", "30").contains("February 2001 has no day 30"));
        assert!(bad("nineteen", "", "").contains("not a whole number"));
        assert!(bad("1994.5", "", "").contains("not a whole number"));
        assert!(bad("", "4", "").contains("no year"));
        assert!(bad("1994", "", "3").contains("no month"));
    }

    #[test]
    fn coarse_and_qualified_dates_cover_whole_years() {
        let c = |v: &str, m: Option<&str>| {
            let (a, b) = covering(&DateSpec::parse(v, m).unwrap());
            (a.value(), b.map(|b| b.value()))
        };
        assert_eq!(c("200", Some("START")), ("2000".into(), Some("2003".into())));
        assert_eq!(c("199", None), ("1990".into(), Some("1999".into())));
        assert_eq!(c("19", Some("END")), ("1966".into(), Some("1999".into())));
        assert_eq!(c("1994", Some("APPROX")), ("1994".into(), None));
        assert_eq!(c("2008-04-03", None), ("2008-04-03".into(), None));
    }

    #[test]
    fn stated_dates_restore_what_timelinejs_cannot_hold() {
        let read = |s: &str, e: Option<&str>| When {
            start: DateSpec::parse(s, None).unwrap(),
            end: e.map_or(End::Point, |e| End::Until(DateSpec::parse(e, None).unwrap())),
        };
        let w = stated_when("in the early 2000s", &read("2000", Some("2003")), None).unwrap();
        assert_eq!(
            (w.start.value(), w.start.modifier, w.end),
            ("200".into(), w.start.modifier, End::Point)
        );
        assert_eq!(w.label(), "the early 2000s");
        let w = stated_when("since 2004", &read("2004", None), None).unwrap();
        assert_eq!(w.end, End::Ongoing);
        let day = DateSpec::parse("2025-03-01", None).ok();
        let w = stated_when("since 2004", &read("2004", Some("2025-03-01")), day).unwrap();
        assert_eq!(w.end, End::Ongoing);
        // Not what the dates say: kept as read.
        assert_eq!(stated_when("the 1990s", &read("1994", None), None), None);
        assert_eq!(stated_when("1994", &read("1994", None), None), None);
        assert_eq!(stated_when("no date at all", &read("1994", None), None), None);
    }

    #[test]
    fn ids_are_kept_when_valid_and_made_unique() {
        let mut ids = Ids::default();
        assert_eq!(ids.new_id("my-id", "Headline", "event"), "my-id");
        assert_eq!(ids.new_id("my-id", "Ada Lovelace!", "event"), "ada-lovelace");
        assert_eq!(ids.new_id("Bad Id", "Ada Lovelace", "event"), "ada-lovelace-2");
        assert_eq!(ids.new_id("", "Ada Lovelace", "event"), "ada-lovelace-3");
        assert_eq!(ids.new_id("", "¡¿", "event"), "event");
        assert_eq!(ids.new_id("ada-lovelace-4", "x", "event"), "ada-lovelace-4");
        assert_eq!(ids.new_id("", "Ada Lovelace", "event"), "ada-lovelace-5");
        let long = ids.new_id("", &"word ".repeat(40), "event");
        assert!(long.len() <= 48 && valid_id(&long));
    }

    #[test]
    fn text_is_decoded_whatever_the_encoding() {
        let (t, notes) = decode(b"\xef\xbb\xbfYear").unwrap();
        assert_eq!((t.as_str(), notes.len()), ("Year", 0));
        let (t, notes) = decode(b"caf\xe9 \x80").unwrap();
        assert_eq!(t, "café €");
        assert_eq!(notes.len(), 1);
        let utf16: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain("Año".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&utf16).unwrap().0, "Año");
        let utf16_bare: Vec<u8> = "Year".encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(decode(&utf16_bare).unwrap().0, "Year");
        assert!(decode(&[0xff, 0xfe, 0x00, 0xd8]).is_err(), "a lone surrogate");
    }
}
