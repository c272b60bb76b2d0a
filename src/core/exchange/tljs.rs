//! TimelineJS3's two formats, read into slides and written from a dataset: its JSON, and its
//! Google Sheets template saved as CSV. What TimelineJS 3.9 does with them decides how they
//! are written: every dated event drawn, nothing it would refuse to use (one bad slide stops the
//! whole timeline), and text escaped for where it ends up.
//!
//! TimelineJS shows the headline and text of a slide as HTML (after sanitizing it), but the
//! display date and the group it first strips of markup (decoding character references) and
//! then inserts as HTML: those two are escaped twice, so that they show as the text they are
//! and never become markup.

use super::{
    covering, csv, first_day, last_day, member, plain, same_on, span, Exported, Parts, Sheet,
    Slide, PASSAGE, SOURCE, SUMMARY,
};
use crate::core::date::{self, DateSpec, Precision};
use crate::core::json::{Value, Writer};
use crate::core::model::{End, Timeline};
// TimelineJS reads its text fields as HTML.
use crate::core::share::escape as html;
use chrono::NaiveDate;

/// The spreadsheet template's columns, in its order.
pub const COLUMNS: [&str; 18] = [
    "Year",
    "Month",
    "Day",
    "Time",
    "End Year",
    "End Month",
    "End Day",
    "End Time",
    "Display Date",
    "Headline",
    "Text",
    "Media",
    "Media Credit",
    "Media Caption",
    "Media Thumbnail",
    "Type",
    "Group",
    "Background",
];

// ------------------------------------------------------------------------------- reading

/// A column name as compared: case and spacing ignored.
fn key(header: &str) -> String {
    // ASCII case only: the template's names are ASCII, and Unicode case tables would weigh
    // more in the worker's wasm than all of this module.
    header.split_whitespace().collect::<Vec<_>>().join(" ").to_ascii_lowercase()
}

/// Reads a TimelineJS spreadsheet saved as CSV (comma, semicolon or tab separated); `None`
/// when the text is not one (no Year column, or neither Headline nor Text), an error for the
/// old TimelineJS 2 template.
pub(super) fn read_csv(text: &str) -> Option<Result<Sheet, String>> {
    for delimiter in [b',', b';', b'\t'] {
        let table = csv::read(text, delimiter);
        let at = table.rows.iter().position(|r| r.iter().any(|c| !c.trim().is_empty()))?;
        let header: Vec<String> = table.rows[at].iter().map(|h| key(h)).collect();
        let col = |name: &str| header.iter().position(|h| h == name);
        if col("headline").is_none() && col("text").is_none() {
            continue;
        }
        if col("year").is_none() {
            if col("start date").is_some() {
                return Some(Err("This sheet follows the old TimelineJS template (Start Date, \
                    End Date): copy its rows into the current one (Year, Month, Day, …) first."
                    .into()));
            }
            continue;
        }
        let group = col("group").or_else(|| col("tag"));
        let media =
            ["media", "media credit", "media caption", "media thumbnail", "alt text"].map(&col);
        let mut sheet = Sheet::default();
        for (i, row) in table.rows.iter().enumerate().skip(at + 1) {
            if row.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            let get = |c: Option<usize>| c.and_then(|c| row.get(c)).map_or("", |s| s.trim());
            let kind = get(col("type")).to_ascii_lowercase();
            let mut slide = Slide {
                place: format!("Row {}", i + 1),
                era: kind == "era",
                display_date: get(col("display date")).to_string(),
                headline: get(col("headline")).to_string(),
                text: get(col("text")).to_string(),
                group: get(group).to_string(),
                media: media.iter().any(|&m| !get(m).is_empty()),
                ..Slide::default()
            };
            for (parts, names) in [
                (&mut slide.start, ["year", "month", "day", "time"]),
                (&mut slide.end, ["end year", "end month", "end day", "end time"]),
            ] {
                *parts = Parts {
                    year: get(col(names[0])).to_string(),
                    month: get(col(names[1])).to_string(),
                    day: get(col(names[2])).to_string(),
                    time: !get(col(names[3])).is_empty(),
                };
                if let Err(why) = check_time(get(col(names[3]))) {
                    slide.problem.get_or_insert(why);
                }
            }
            if kind == "title" && sheet.title.is_none() {
                sheet.title = Some(slide);
            } else {
                if kind == "title" {
                    sheet.notes.push(format!(
                        "{}: a second title row, read as an event (the first is the title).",
                        slide.place
                    ));
                }
                sheet.slides.push(slide);
            }
        }
        if let Some(row) = table.unclosed {
            sheet.notes.push(format!(
                "Row {row}: a quoted cell is never closed; the rest of the file was read into it."
            ));
        }
        return Some(Ok(sheet));
    }
    None
}

/// Checks a spreadsheet time as TimelineJS reads it: "13:30", "1:30 PM", "1330", "13.30",
/// "13:30:15.5"; empty is fine.
fn check_time(s: &str) -> Result<(), String> {
    let bad = || Err(format!("the time \"{s}\" is not a time such as 13:30 or 1:30 PM"));
    let t = s.trim().to_ascii_lowercase();
    if t.is_empty() {
        return Ok(());
    }
    let (t, twelve) = match ["am", "a.m.", "pm", "p.m."].iter().find_map(|p| t.strip_suffix(p)) {
        Some(rest) => (rest.trim_end(), true),
        None => (t.as_str(), false),
    };
    let parts: Vec<&str> = if t.contains(':') {
        t.split(':').collect()
    } else if t.len() > 2 && t.bytes().all(|b| b.is_ascii_digit()) {
        vec![&t[..t.len() - 2], &t[t.len() - 2..]]
    } else {
        t.split('.').collect()
    };
    let number = |p: &str, max: u32| p.parse::<u32>().ok().filter(|n| *n <= max);
    let hour_max = if twelve { 12 } else { 23 };
    let seconds = parts.get(2).map(|p| p.split(['.', ',']).next().unwrap_or(p));
    let fine = parts.len() <= 3
        && number(parts[0], hour_max).is_some()
        && parts.get(1).is_none_or(|m| number(m, 59).is_some())
        && seconds.is_none_or(|s| number(s, 59).is_some());
    if fine {
        Ok(())
    } else {
        bad()
    }
}

/// Reads a TimelineJS3 JSON file: its title slide, events and eras.
pub(super) fn read_json(v: &Value) -> Sheet {
    let mut sheet = Sheet::default();
    if let Some(t) = member(v, "title").filter(|t| !matches!(t, Value::Null)) {
        sheet.title = Some(read_slide(t, "The title slide", false));
    }
    for (name, era) in [("events", false), ("eras", true)] {
        if let Some(Value::Array(items)) = member(v, name) {
            let what = if era { "Era" } else { "Event" };
            for (i, item) in items.iter().enumerate() {
                sheet.slides.push(read_slide(item, &format!("{what} {}", i + 1), era));
            }
        }
    }
    sheet
}

/// A text member: a string or a number as written; anything else is no text.
fn text(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(s)) => s.to_string(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

/// A slide of a TimelineJS JSON file; `place` names it in notes, with its headline added.
fn read_slide(v: &Value, place: &str, era: bool) -> Slide {
    let mut s = Slide { era, place: place.to_string(), ..Slide::default() };
    if !matches!(v, Value::Object(_)) {
        s.problem = Some(format!("it is {} rather than an object", v.kind()));
        return s;
    }
    let words = member(v, "text");
    s.headline = text(words.and_then(|t| member(t, "headline")));
    s.text = text(words.and_then(|t| member(t, "text")));
    s.display_date = text(member(v, "display_date"));
    s.group = text(member(v, "group"));
    s.unique_id = text(member(v, "unique_id"));
    s.media = member(v, "media").is_some_and(|m| match m {
        Value::Object(members) => members.iter().any(|(_, x)| !text(Some(x)).trim().is_empty()),
        other => !text(Some(other)).trim().is_empty(),
    });
    let headline = plain(&s.headline);
    if !headline.is_empty() {
        s.place = format!("{place} (“{}”)", super::shorten(&headline, 40));
    }
    let mut problem = None;
    for (name, end) in [("start_date", false), ("end_date", true)] {
        let parts = match member(v, name) {
            None | Some(Value::Null) => Parts::default(),
            Some(d @ Value::Object(_)) => {
                if !end && s.display_date.trim().is_empty() {
                    s.display_date = text(member(d, "display_date"));
                }
                read_parts(d, name).unwrap_or_else(|why| {
                    problem.get_or_insert(why);
                    Parts::default()
                })
            }
            Some(other) => {
                problem
                    .get_or_insert(format!("its {name} is {} rather than an object", other.kind()));
                Parts::default()
            }
        };
        if end {
            s.end = parts;
        } else {
            s.start = parts;
        }
    }
    s.problem = problem;
    s
}

/// The parts of a TimelineJS date object; its numbers may be numbers or numeric strings.
fn read_parts(d: &Value, name: &str) -> Result<Parts, String> {
    let field = |f: &str| -> Result<String, String> {
        match member(d, f) {
            None | Some(Value::Null) => Ok(String::new()),
            Some(Value::Number(n)) => Ok(n.to_string()),
            Some(Value::String(s)) => Ok(s.trim().to_string()),
            Some(other) => Err(format!("its {name}.{f} is {} rather than a number", other.kind())),
        }
    };
    let mut time = false;
    for (f, max) in [("hour", 23), ("minute", 59), ("second", 59), ("millisecond", 999)] {
        let v = field(f)?;
        if !v.is_empty() {
            if !v.parse::<u32>().is_ok_and(|n| n <= max) {
                return Err(format!(
                    "its {name}.{f} \"{v}\" is not a whole number from 0 to {max}"
                ));
            }
            time = true;
        }
    }
    Ok(Parts { year: field("year")?, month: field("month")?, day: field("day")?, time })
}

// ------------------------------------------------------------------------------- writing

/// A slide to write: plain text, and dates at TimelineJS's precisions (year, month, day).
struct Out {
    /// The spreadsheet's Type: "", "title" or "era".
    kind: &'static str,
    start: Option<DateSpec>,
    end: Option<DateSpec>,
    /// The start at midnight and the end at 23:59: a single-day era, which TimelineJS would
    /// otherwise take as a point and refuse.
    hours: bool,
    display: String,
    headline: String,
    /// Already HTML.
    text: String,
    group: String,
    id: String,
}

/// Text in one of the elements this module marks, escaped.
fn marked(mark: (&str, &str), text: &str) -> String {
    format!("{}{}{}", mark.0, html(text), mark.1)
}

/// Text for a field TimelineJS strips of markup and then shows as HTML: escaped twice.
fn shown(s: &str) -> String {
    html(&html(s))
}

/// The slides of a timeline, title first, then eras, then its dated events in date order;
/// and notes on what TimelineJS will not show as the dataset has it. Ongoing events end at
/// the reference date, else `today`.
fn outline(t: &Timeline, today: Option<NaiveDate>) -> (Vec<Out>, Vec<String>) {
    let day = |d: NaiveDate| DateSpec::parse(&date::iso(d), None).ok();
    let reference = t.reference_date.as_deref().and_then(date::parse_iso).and_then(day);
    let until = reference.or_else(|| today.and_then(day));
    let mut out = vec![Out {
        kind: "title",
        start: None,
        end: None,
        hours: false,
        display: reference.map(|d| d.label()).unwrap_or_default(),
        headline: t.title.clone(),
        text: t.source.as_deref().map(|s| marked(SOURCE, s)).unwrap_or_default(),
        group: String::new(),
        id: String::new(),
    }];
    for era in &t.eras {
        let (mut start, mut end) = (covering(&era.start).0, {
            let (a, b) = covering(&era.end);
            b.unwrap_or(a)
        });
        // TimelineJS drops an end that equals the start on the start's fields, and then
        // refuses an era without an end: such an era is given in days, or in hours.
        if same_on(&start, &end) {
            (start, end) = (first_day(&start), last_day(&end));
        }
        out.push(Out {
            kind: "era",
            start: Some(start),
            end: Some(end),
            hours: start == end,
            display: String::new(),
            headline: era.label.clone(),
            text: String::new(),
            group: String::new(),
            id: String::new(),
        });
    }
    let (mut ongoing, mut approximate) = (0, 0);
    for &i in &t.chronological {
        let e = &t.events[i];
        let Some(w) = e.when else { continue };
        let (start, end) = span(&w, until);
        // Drawn as the dataset has it, or only as the years (or days) it covers; an open
        // range never is, as TimelineJS has none.
        let exact = match w.end {
            End::Point => Some((w.start, None)),
            End::Until(d) => Some((w.start, Some(d))),
            End::Ongoing => None,
        } == Some((start, end));
        ongoing += usize::from(w.end == End::Ongoing);
        approximate += usize::from(w.end != End::Ongoing && !exact);
        // The date as the article states it; else, when TimelineJS cannot draw it exactly,
        // the date in words ("since 2004", "the early 2000s"), which the import reads back.
        let display = if !e.stated.trim().is_empty() {
            e.stated.clone()
        } else if w.end == End::Ongoing {
            format!("since {}", w.start.label())
        } else if !exact {
            w.label()
        } else {
            String::new()
        };
        // The summary, then every passage as the article has it.
        let mut text = String::new();
        if !e.summary.trim().is_empty() {
            text.push_str(&marked(SUMMARY, &e.summary));
        }
        for p in &e.passages {
            text.push_str(&marked(PASSAGE, &t.text[p.range.clone()]));
        }
        out.push(Out {
            kind: "",
            start: Some(start),
            end,
            hours: false,
            display,
            headline: e.headline.clone(),
            text,
            group: t.tracks.get(e.track).map(|k| k.label.clone()).unwrap_or_default(),
            id: e.id.clone(),
        });
    }
    let mut notes = Vec::new();
    let undated = t.events.len() - t.chronological.len();
    if t.chronological.is_empty() {
        notes.push("The timeline has no dated events: TimelineJS will show nothing.".into());
    }
    if undated > 0 {
        let s = if undated == 1 { "item is" } else { "items are" };
        notes.push(format!("{undated} undated {s} left out: TimelineJS draws only dated events."));
    }
    if ongoing > 0 {
        let s = if ongoing == 1 { "event" } else { "events" };
        notes.push(match (reference, until) {
            (Some(r), _) => format!(
                "{ongoing} ongoing {s} end at the article's date, {}: TimelineJS has no open ranges.",
                r.label()
            ),
            (None, Some(d)) => format!(
                "{ongoing} ongoing {s} end today, {}, as drawn here: TimelineJS has no open ranges.",
                d.label()
            ),
            (None, None) => format!(
                "{ongoing} ongoing {s} are drawn from their start only: TimelineJS has no open \
                 ranges, and the timeline has no reference date."
            ),
        });
    }
    if approximate > 0 {
        let s = if approximate == 1 { "event has its date" } else { "events have their dates" };
        notes.push(format!(
            "{approximate} {s} given as the years or days they cover (TimelineJS knows only \
             years, months and days), with the stated date shown."
        ));
    }
    (out, notes)
}

/// The year, month and day a date has at its precision (a decade or century as its first
/// year, which [`covering`] never leaves).
fn fields(d: &DateSpec) -> [Option<u32>; 3] {
    [
        Some(d.year.max(0) as u32),
        (d.precision >= Precision::Month).then_some(d.month),
        (d.precision >= Precision::Day).then_some(d.day),
    ]
}

/// The timeline as a TimelineJS3 JSON file: every dated event with its dates at their
/// precision, stated dates as display dates, tracks as groups, ids as unique ids, and the
/// summary with the quoted passages as text; a title slide (title, source, date) and the
/// eras. Undated items are left out, and said so in the notes.
pub fn to_timelinejs_json(t: &Timeline) -> Exported {
    to_timelinejs_json_on(t, None)
}

/// [`to_timelinejs_json`], written on `today`: ongoing events of a timeline without a
/// reference date end today, as the app draws them.
pub fn to_timelinejs_json_on(t: &Timeline, today: Option<NaiveDate>) -> Exported {
    let (slides, notes) = outline(t, today);
    let mut w = Writer::new(true);
    let date = |w: &mut Writer, key: &str, d: &DateSpec, hour: Option<u64>| {
        w.key(key);
        w.open('{');
        for (name, v) in ["year", "month", "day"].into_iter().zip(fields(d)) {
            if let Some(v) = v {
                w.key(name);
                w.whole(v.into());
            }
        }
        if let Some(h) = hour {
            w.key("hour");
            w.whole(h);
            w.key("minute");
            w.whole(if h == 0 { 0 } else { 59 });
        }
        w.close('}');
    };
    let words = |w: &mut Writer, s: &Out| {
        w.key("text");
        w.open('{');
        w.key("headline");
        w.string(&html(&s.headline));
        w.key("text");
        w.string(&s.text);
        w.close('}');
    };
    w.open('{');
    let mut events = false;
    let mut eras = false;
    for s in &slides {
        match s.kind {
            "title" => {
                w.key("title");
                w.open('{');
                words(&mut w, s);
                if !s.display.is_empty() {
                    w.key("display_date");
                    w.string(&shown(&s.display));
                }
                w.close('}');
                continue;
            }
            "era" if !eras => {
                if events {
                    w.close(']');
                }
                w.key("eras");
                w.open('[');
                (eras, events) = (true, false);
            }
            "" if !events => {
                if eras {
                    w.close(']');
                }
                w.key("events");
                w.open('[');
                (events, eras) = (true, false);
            }
            _ => {}
        }
        w.item();
        w.open('{');
        if !s.id.is_empty() {
            w.key("unique_id");
            w.string(&s.id);
        }
        if let Some(d) = &s.start {
            date(&mut w, "start_date", d, s.hours.then_some(0));
        }
        if let Some(d) = &s.end {
            date(&mut w, "end_date", d, s.hours.then_some(23));
        }
        if !s.display.is_empty() {
            w.key("display_date");
            w.string(&shown(&s.display));
        }
        words(&mut w, s);
        if !s.group.is_empty() {
            w.key("group");
            w.string(&shown(&s.group));
        }
        w.close('}');
    }
    if events || eras {
        w.close(']');
    }
    if !slides.iter().any(|s| s.kind.is_empty()) {
        // TimelineJS needs the member even when it is empty.
        w.key("events");
        w.open('[');
        w.close(']');
    }
    w.close('}');
    let mut text = w.finish();
    text.push('\n');
    Exported { text, notes }
}

/// A cell that a spreadsheet could take for a formula (=, +, -, @ first) starts with that
/// character as an HTML character reference instead: TimelineJS shows the same text, and no
/// spreadsheet runs it.
fn defused(cell: String) -> String {
    match cell.chars().next() {
        Some(c @ ('=' | '+' | '-' | '@' | '\t' | '\r')) => format!("&#{};{}", c as u32, &cell[1..]),
        _ => cell,
    }
}

/// The timeline as a TimelineJS spreadsheet (its Google Sheets template's columns, saved as
/// CSV): a title row, era rows, then one row per dated event, with the same contents as
/// [`to_timelinejs_json`]. Undated items are left out, and said so in the notes.
pub fn to_timelinejs_csv(t: &Timeline) -> Exported {
    to_timelinejs_csv_on(t, None)
}

/// [`to_timelinejs_csv`], written on `today` (see [`to_timelinejs_json_on`]).
pub fn to_timelinejs_csv_on(t: &Timeline, today: Option<NaiveDate>) -> Exported {
    let (slides, notes) = outline(t, today);
    let mut text = String::new();
    csv::write_row(&mut text, &COLUMNS);
    for s in &slides {
        let mut row: Vec<String> = Vec::with_capacity(COLUMNS.len());
        for (d, hour) in [(&s.start, "0:00"), (&s.end, "23:59")] {
            let f = d.as_ref().map(fields).unwrap_or_default();
            row.extend(f.iter().map(|v| v.map(|v| v.to_string()).unwrap_or_default()));
            row.push(if s.hours { hour.to_string() } else { String::new() });
        }
        row.push(defused(shown(&s.display)));
        row.push(defused(html(&s.headline)));
        row.push(defused(s.text.clone()));
        row.extend(["", "", "", ""].map(String::from));
        row.push(s.kind.to_string());
        row.push(defused(shown(&s.group)));
        row.push(String::new());
        csv::write_row(&mut text, &row);
    }
    Exported { text, notes }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_read_as_timelinejs_reads_them() {
        for ok in ["", "13:30", "1:30 PM", "1:30pm", "12 a.m.", "1330", "13.30", "13:30:15.5", "0"]
        {
            assert_eq!(check_time(ok), Ok(()), "{ok}");
        }
        for bad in ["25:00", "13:75", "noon", "1:2:3:4", "13 PM", "1:30 XM"] {
            assert!(check_time(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn escaping_leaves_no_markup() {
        assert_eq!(html("<b a=\"1\">&'"), "&lt;b a=&quot;1&quot;&gt;&amp;&#39;");
        assert_eq!(shown("<i>"), "&amp;lt;i&amp;gt;");
        assert_eq!(defused("=SUM(A1)".into()), "&#61;SUM(A1)");
        assert_eq!(defused("-5".into()), "&#45;5");
        assert_eq!(defused("ok".into()), "ok");
    }
}
