//! The dataset: an article and its events, in the versioned JSON format of
//! `docs/data-format.md`, validated and resolved against the article text when it loads.

use crate::core::anchor::Quote;
use crate::core::date::DateSpec;
use crate::core::json::{self, Reader, Value, Writer};
use std::fmt;
use std::ops::Range;

/// The newest data format version this build reads and writes: 2, which holds several
/// source articles. A dataset of one article is still written as version 1, which older
/// readers read, and version 1 files load as one source.
pub const FORMAT_VERSION: u32 = 2;

/// A date in JSON: `"1994"`, or `{"value": "200", "mod": "START"}` when qualified.
#[derive(Clone, Debug, PartialEq)]
pub enum DateJson {
    /// A TimeML value without modifier.
    Plain(String),
    /// A TimeML value with a TimeML `mod`.
    Qualified {
        /// The TimeML value.
        value: String,
        /// The TimeML `mod`: START, MID, END or APPROX; written only when present.
        modifier: Option<String>,
    },
}

impl DateJson {
    /// The date it names, checked.
    pub fn parse(&self) -> Result<DateSpec, String> {
        match self {
            DateJson::Plain(v) => DateSpec::parse(v, None),
            DateJson::Qualified { value, modifier } => DateSpec::parse(value, modifier.as_deref()),
        }
        .map_err(|e| e.0)
    }

    /// An event's dates as the format writes them: start, end of a range, and whether it is
    /// ongoing (none of them for an undated item).
    pub fn of(when: Option<When>) -> (Option<DateJson>, Option<DateJson>, bool) {
        let Some(w) = when else { return (None, None, false) };
        let end = match w.end {
            End::Until(d) => Some(DateJson::from_spec(&d)),
            _ => None,
        };
        (Some(DateJson::from_spec(&w.start)), end, w.end == End::Ongoing)
    }

    /// The JSON form of a date.
    pub fn from_spec(d: &DateSpec) -> DateJson {
        match d.modifier {
            None => DateJson::Plain(d.value()),
            Some(m) => {
                DateJson::Qualified { value: d.value(), modifier: Some(m.as_timeml().into()) }
            }
        }
    }
}

/// A track (a row group of the timeline) in JSON.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Track {
    /// Stable id, referenced by events.
    pub id: String,
    /// The name shown in the legend.
    pub label: String,
}

/// An event in JSON. Undated items use the same shape without dates.
#[derive(Clone, Debug, PartialEq)]
pub struct EventJson {
    /// Stable id: lowercase letters, digits and hyphens.
    pub id: String,
    /// Start date; absent for undated items (and then not written).
    pub start: Option<DateJson>,
    /// End date of a range; written only when present.
    pub end: Option<DateJson>,
    /// True for a range still going on at the time of writing; written only when true.
    pub ongoing: bool,
    /// The date as the article states it ("since 2004"); empty when the file has none.
    pub stated: String,
    /// A short headline.
    pub headline: String,
    /// A one-line summary; empty when the file has none.
    pub summary: String,
    /// The id of its track.
    pub track: String,
    /// The ids of the actors it involves; written only when there are some.
    pub actors: Vec<String>,
    /// The passages that state it.
    pub passages: Vec<Quote>,
    /// Each source's own date for it, in a dataset of several sources (version 2); written
    /// only when there are some.
    pub dates: Vec<SourceDateJson>,
}

/// One source's date for an event stated by several (version 2): which source gave which
/// precision, and where sources disagree.
#[derive(Clone, Debug, PartialEq)]
pub struct SourceDateJson {
    /// The id of the source.
    pub source: String,
    /// Its start date; absent when that source states the event without a date.
    pub start: Option<DateJson>,
    /// Its end date, for a range.
    pub end: Option<DateJson>,
    /// True for a range still going on.
    pub ongoing: bool,
    /// The date as that source states it.
    pub stated: String,
}

/// A source article in JSON (version 2).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceJson {
    /// Stable id, referenced by passages: lowercase letters, digits and hyphens.
    pub id: String,
    /// The article's title.
    pub title: String,
    /// The outlet it comes from; written only when known.
    pub outlet: Option<String>,
    /// Its own date (ISO 8601), when known.
    pub reference_date: Option<String>,
    /// Its text.
    pub text: String,
}

/// The whole dataset in JSON.
#[derive(Clone, Debug, PartialEq)]
pub struct DatasetJson {
    /// Format version; must equal [`FORMAT_VERSION`].
    pub version: u32,
    /// The article's title.
    pub title: String,
    /// Where the article comes from; written only when known.
    pub source: Option<String>,
    /// The article's own date (ISO 8601), when known; written only then.
    pub reference_date: Option<String>,
    /// Tracks, in legend order.
    pub tracks: Vec<Track>,
    /// Named spans of time, checked as they are read; written only when there are some, so
    /// files without them read and write as before.
    pub eras: Vec<Era>,
    /// The countries, organizations and people events involve, checked as they are read;
    /// written only when there are some, so files without them read and write as before.
    pub actors: Vec<Actor>,
    /// Dated events.
    pub events: Vec<EventJson>,
    /// What the article states without a date; empty when the file has none, and always
    /// written.
    pub undated: Vec<EventJson>,
    /// The article text itself, in exported files; absent when the text is a separate file.
    pub text: Option<String>,
    /// The source articles with their texts (version 2); empty in version 1, whose one
    /// article is `title`, `source`, `reference_date` and `text`.
    pub sources: Vec<SourceJson>,
}

// Reading and writing the format by hand (`docs/data-format.md`). Each struct is read straight
// from the text with a `json::Reader`, as serde's derived code did: members in any order,
// unknown ones skipped, a known one given twice refused, optional ones defaulted; an error has
// its line and column and names the member. Each is written straight out with a
// `json::Writer`, member by member, in the order and with the omissions the format has always
// had.

type Read<T> = Result<T, json::Error>;

/// The error for member `key` (none at the top) holding `found` rather than `what`.
fn mismatch(r: &Reader, what: &str, key: &str, found: &Value) -> json::Error {
    let kind = found.kind();
    if key.is_empty() {
        r.error(format!("expected {what}, found {kind}"))
    } else {
        r.error(format!("expected {what} for `{key}`, found {kind}"))
    }
}

/// Reads member `key` into `slot`, refusing a second occurrence.
fn set<'a, T>(
    r: &mut Reader<'a>,
    slot: &mut Option<T>,
    key: &str,
    read: fn(&mut Reader<'a>, &str) -> Read<T>,
) -> Read<()> {
    if slot.is_some() {
        return Err(field_error(r, "duplicate", key));
    }
    *slot = Some(read(r, key)?);
    Ok(())
}

/// A required member's value, once its object has been read.
fn required<T>(r: &Reader, slot: Option<T>, key: &str) -> Read<T> {
    slot.ok_or_else(|| field_error(r, "missing", key))
}

/// "duplicate field `key`" or "missing field `key`": built once here rather than in each
/// copy of the generic functions above.
fn field_error(r: &Reader, what: &str, key: &str) -> json::Error {
    r.error(format!("{what} field `{key}`"))
}

/// Skips an unknown member's value.
fn skip(r: &mut Reader) -> Read<()> {
    r.value().map(drop)
}

fn string(r: &mut Reader, key: &str) -> Read<String> {
    match r.string()? {
        Some(s) => Ok(s.into_owned()),
        None => {
            let v = r.value()?;
            Err(mismatch(r, "a string", key, &v))
        }
    }
}

/// A string, or `null` for none.
fn optional_string(r: &mut Reader, key: &str) -> Read<Option<String>> {
    if let Some(s) = r.string()? {
        return Ok(Some(s.into_owned()));
    }
    match r.value()? {
        Value::Null => Ok(None),
        v => Err(mismatch(r, "a string", key, &v)),
    }
}

fn boolean(r: &mut Reader, key: &str) -> Read<bool> {
    match r.value()? {
        Value::Bool(b) => Ok(b),
        v => Err(mismatch(r, "true or false", key, &v)),
    }
}

/// `v` as a whole number from 0 to `max`.
fn whole(r: &Reader, v: &Value, key: &str, max: u64) -> Read<u64> {
    match v.as_u64() {
        Some(n) if n <= max => Ok(n),
        _ => Err(mismatch(r, &format!("a whole number from 0 to {max}"), key, v)),
    }
}

/// A list, each item read by `item`.
fn list<'a, T>(
    r: &mut Reader<'a>,
    key: &str,
    item: fn(&mut Reader<'a>, &str) -> Read<T>,
) -> Read<Vec<T>> {
    let mut items = Vec::new();
    let read = r.array(&mut |r| {
        items.push(item(r, key)?);
        Ok(())
    })?;
    if !read {
        let v = r.value()?;
        return Err(mismatch(r, "a list", key, &v));
    }
    Ok(items)
}

/// An object, each member read by `member`; `key` is where it is, for errors.
fn members<'a>(r: &mut Reader<'a>, key: &str, member: &mut json::Member<'a, '_>) -> Read<()> {
    if !r.object(member)? {
        let v = r.value()?;
        return Err(mismatch(r, "an object", key, &v));
    }
    Ok(())
}

/// Writes member `key`, a string.
fn put(w: &mut Writer, key: &str, s: &str) {
    w.key(key);
    w.string(s);
}

/// Writes a date's `start` and `end`, each when it has one, and `ongoing` when it is: an
/// event's own date and each source's date alike.
fn write_span(w: &mut Writer, start: &Option<DateJson>, end: &Option<DateJson>, ongoing: bool) {
    for (key, date) in [("start", start), ("end", end)] {
        if let Some(d) = date {
            w.key(key);
            d.write(w);
        }
    }
    if ongoing {
        w.key("ongoing");
        w.value(&Value::Bool(true));
    }
}

/// Writes a list, each item with `write`.
fn write_list<T>(w: &mut Writer, items: &[T], write: fn(&T, &mut Writer)) {
    w.open('[');
    for item in items {
        w.item();
        write(item, w);
    }
    w.close(']');
}

impl DateJson {
    /// Reads a date, or `null` for none: a string, or an object with `value` and an optional
    /// `mod`.
    fn read(r: &mut Reader, key: &str) -> Read<Option<DateJson>> {
        let (mut value, mut modifier) = (None, None);
        // As the format has always read dates, a repeated member counts once, the last.
        let qualified = r.object(&mut |r, k| {
            match &*k {
                "value" => value = Some(string(r, &k)?),
                "mod" => modifier = optional_string(r, &k)?,
                _ => skip(r)?,
            }
            Ok(())
        })?;
        if qualified {
            let value = required(r, value, "value")?;
            return Ok(Some(DateJson::Qualified { value, modifier }));
        }
        match r.value()? {
            Value::Null => Ok(None),
            Value::String(s) => Ok(Some(DateJson::Plain(s.into_owned()))),
            v => {
                let what = "a date (\"1994\" or {\"value\": …, \"mod\": …})";
                Err(mismatch(r, what, key, &v))
            }
        }
    }

    /// Writes the date: a string, or an object when it is qualified.
    pub fn write(&self, w: &mut Writer) {
        match self {
            DateJson::Plain(v) => w.string(v),
            DateJson::Qualified { value, modifier } => {
                w.open('{');
                put(w, "value", value);
                if let Some(m) = modifier {
                    put(w, "mod", m);
                }
                w.close('}');
            }
        }
    }
}

impl Track {
    fn read(r: &mut Reader, key: &str) -> Read<Track> {
        let (mut id, mut label) = (None, None);
        members(r, key, &mut |r, k| match &*k {
            "id" => set(r, &mut id, &k, string),
            "label" => set(r, &mut label, &k, string),
            _ => skip(r),
        })?;
        Ok(Track { id: required(r, id, "id")?, label: required(r, label, "label")? })
    }

    fn write(&self, w: &mut Writer) {
        w.open('{');
        put(w, "id", &self.id);
        put(w, "label", &self.label);
        w.close('}');
    }
}

fn read_quote(r: &mut Reader, key: &str) -> Read<Quote> {
    let (mut exact, mut prefix, mut suffix, mut offset) = (None, None, None, None);
    let mut source = None;
    members(r, key, &mut |r, k| match &*k {
        "exact" => set(r, &mut exact, &k, string),
        "prefix" => set(r, &mut prefix, &k, string),
        "suffix" => set(r, &mut suffix, &k, string),
        // A byte offset: a whole number that fits this machine's `usize`, or `null`.
        "offset" => set(r, &mut offset, &k, |r, k| match r.value()? {
            Value::Null => Ok(None),
            v => whole(r, &v, k, usize::MAX as u64).map(|n| Some(n as usize)),
        }),
        "source" => set(r, &mut source, &k, optional_string),
        _ => skip(r),
    })?;
    Ok(Quote {
        exact: required(r, exact, "exact")?,
        prefix: prefix.unwrap_or_default(),
        suffix: suffix.unwrap_or_default(),
        offset: offset.flatten(),
        source: source.flatten(),
    })
}

fn write_quote(q: &Quote, w: &mut Writer) {
    w.open('{');
    if let Some(s) = &q.source {
        put(w, "source", s);
    }
    put(w, "exact", &q.exact);
    if !q.prefix.is_empty() {
        put(w, "prefix", &q.prefix);
    }
    if !q.suffix.is_empty() {
        put(w, "suffix", &q.suffix);
    }
    if let Some(at) = q.offset {
        w.key("offset");
        w.whole(at as u64);
    }
    w.close('}');
}

impl Era {
    /// Reads an era and checks it at once, as it has no article to wait for: an error names
    /// the era by its label.
    fn read(r: &mut Reader, key: &str) -> Read<Era> {
        let (mut label, mut start, mut end) = (None, None, None);
        // Read with the instances of `set` that events use, so the wasm gains little code.
        members(r, key, &mut |r, k| match &*k {
            "label" => set(r, &mut label, &k, string),
            "start" => set(r, &mut start, &k, DateJson::read),
            "end" => set(r, &mut end, &k, DateJson::read),
            _ => skip(r),
        })?;
        let label = required(r, label, "label")?;
        let span = match (start.flatten(), end.flatten()) {
            (Some(s), Some(e)) => s.parse().and_then(|s| Ok((s, until(&s, &e)?))),
            _ => Err("an era needs a start and an end".into()),
        };
        let (start, end) = span.map_err(|m| r.error(format!("era \"{label}\": {m}")))?;
        Ok(Era { label, start, end })
    }

    fn write(&self, w: &mut Writer) {
        w.open('{');
        put(w, "label", &self.label);
        for (key, date) in [("start", &self.start), ("end", &self.end)] {
            w.key(key);
            DateJson::from_spec(date).write(w);
        }
        w.close('}');
    }
}

impl Actor {
    /// Reads an actor and checks it at once, as eras are: an error names the actor by its id.
    fn read(r: &mut Reader, key: &str) -> Read<Actor> {
        let (mut id, mut name, mut kind) = (None, None, None);
        members(r, key, &mut |r, k| match &*k {
            "id" => set(r, &mut id, &k, string),
            "name" => set(r, &mut name, &k, string),
            "kind" => set(r, &mut kind, &k, string),
            _ => skip(r),
        })?;
        let (id, kind) = (required(r, id, "id")?, required(r, kind, "kind")?);
        // One check and one message for both: each message costs the app's wasm its bytes.
        if !valid_id(&id) || !ACTOR_KINDS.contains(&kind.as_str()) {
            return Err(r.error(format!(
                "actor \"{id}\": the id must be lowercase letters, digits and hyphens, and the kind country, organization or person"
            )));
        }
        Ok(Actor { id, name: required(r, name, "name")?, kind })
    }

    fn write(&self, w: &mut Writer) {
        w.open('{');
        put(w, "id", &self.id);
        put(w, "name", &self.name);
        put(w, "kind", &self.kind);
        w.close('}');
    }
}

impl EventJson {
    fn read(r: &mut Reader, key: &str) -> Read<EventJson> {
        let (mut id, mut start, mut end, mut ongoing, mut stated) = (None, None, None, None, None);
        let (mut headline, mut summary, mut track, mut passages) = (None, None, None, None);
        let (mut actors, mut dates) = (None, None);
        members(r, key, &mut |r, k| match &*k {
            "id" => set(r, &mut id, &k, string),
            "start" => set(r, &mut start, &k, DateJson::read),
            "end" => set(r, &mut end, &k, DateJson::read),
            "ongoing" => set(r, &mut ongoing, &k, boolean),
            "stated" => set(r, &mut stated, &k, string),
            "headline" => set(r, &mut headline, &k, string),
            "summary" => set(r, &mut summary, &k, string),
            "track" => set(r, &mut track, &k, string),
            "actors" => set(r, &mut actors, &k, |r, k| list(r, k, string)),
            "passages" => set(r, &mut passages, &k, |r, k| list(r, k, read_quote)),
            "dates" => set(r, &mut dates, &k, |r, k| list(r, k, SourceDateJson::read)),
            _ => skip(r),
        })?;
        Ok(EventJson {
            id: required(r, id, "id")?,
            start: start.flatten(),
            end: end.flatten(),
            ongoing: ongoing.unwrap_or_default(),
            stated: stated.unwrap_or_default(),
            headline: required(r, headline, "headline")?,
            summary: summary.unwrap_or_default(),
            track: required(r, track, "track")?,
            actors: actors.unwrap_or_default(),
            passages: required(r, passages, "passages")?,
            dates: dates.unwrap_or_default(),
        })
    }

    fn write(&self, w: &mut Writer) {
        w.open('{');
        put(w, "id", &self.id);
        write_span(w, &self.start, &self.end, self.ongoing);
        put(w, "stated", &self.stated);
        put(w, "headline", &self.headline);
        put(w, "summary", &self.summary);
        put(w, "track", &self.track);
        if !self.actors.is_empty() {
            w.key("actors");
            write_list(w, &self.actors, |id, w| w.string(id));
        }
        w.key("passages");
        write_list(w, &self.passages, write_quote);
        if !self.dates.is_empty() {
            w.key("dates");
            write_list(w, &self.dates, SourceDateJson::write);
        }
        w.close('}');
    }
}

impl SourceDateJson {
    fn read(r: &mut Reader, key: &str) -> Read<SourceDateJson> {
        let (mut source, mut start, mut end, mut ongoing, mut stated) =
            (None, None, None, None, None);
        members(r, key, &mut |r, k| match &*k {
            "source" => set(r, &mut source, &k, string),
            "start" => set(r, &mut start, &k, DateJson::read),
            "end" => set(r, &mut end, &k, DateJson::read),
            "ongoing" => set(r, &mut ongoing, &k, boolean),
            "stated" => set(r, &mut stated, &k, string),
            _ => skip(r),
        })?;
        Ok(SourceDateJson {
            source: required(r, source, "source")?,
            start: start.flatten(),
            end: end.flatten(),
            ongoing: ongoing.unwrap_or_default(),
            stated: stated.unwrap_or_default(),
        })
    }

    fn write(&self, w: &mut Writer) {
        w.open('{');
        put(w, "source", &self.source);
        write_span(w, &self.start, &self.end, self.ongoing);
        if !self.stated.is_empty() {
            put(w, "stated", &self.stated);
        }
        w.close('}');
    }
}

impl SourceJson {
    fn read(r: &mut Reader, key: &str) -> Read<SourceJson> {
        let (mut id, mut title, mut outlet, mut reference_date, mut text) =
            (None, None, None, None, None);
        members(r, key, &mut |r, k| match &*k {
            "id" => set(r, &mut id, &k, string),
            "title" => set(r, &mut title, &k, string),
            "source" => set(r, &mut outlet, &k, optional_string),
            "reference_date" => set(r, &mut reference_date, &k, optional_string),
            "text" => set(r, &mut text, &k, string),
            _ => skip(r),
        })?;
        Ok(SourceJson {
            id: required(r, id, "id")?,
            title: required(r, title, "title")?,
            outlet: outlet.flatten(),
            reference_date: reference_date.flatten(),
            text: required(r, text, "text")?,
        })
    }

    fn write(&self, w: &mut Writer) {
        w.open('{');
        put(w, "id", &self.id);
        put(w, "title", &self.title);
        if let Some(s) = &self.outlet {
            put(w, "source", s);
        }
        if let Some(d) = &self.reference_date {
            put(w, "reference_date", d);
        }
        put(w, "text", &self.text);
        w.close('}');
    }
}

impl DatasetJson {
    /// Reads a dataset file; its values are checked later, by [`Timeline::from_json`]. An
    /// error's place is its line and column.
    pub fn parse(json: &str) -> Result<DatasetJson, LoadError> {
        let mut r = Reader::new(json);
        let dataset = DatasetJson::read(&mut r).and_then(|d| r.finish().map(|()| d));
        dataset.map_err(|e| err(format!("line {}, column {}", e.line(), e.column()), e.message()))
    }

    fn read(r: &mut Reader) -> Read<DatasetJson> {
        let (mut version, mut title, mut source, mut reference_date) = (None, None, None, None);
        let (mut tracks, mut events, mut undated, mut text) = (None, None, None, None);
        let (mut eras, mut actors, mut sources) = (None, None, None);
        members(r, "", &mut |r, k| match &*k {
            "version" => set(r, &mut version, &k, |r, k| {
                let v = r.value()?;
                whole(r, &v, k, u32::MAX.into())
            }),
            "title" => set(r, &mut title, &k, string),
            "source" => set(r, &mut source, &k, optional_string),
            "reference_date" => set(r, &mut reference_date, &k, optional_string),
            "tracks" => set(r, &mut tracks, &k, |r, k| list(r, k, Track::read)),
            "eras" => set(r, &mut eras, &k, |r, k| list(r, k, Era::read)),
            "actors" => set(r, &mut actors, &k, |r, k| list(r, k, Actor::read)),
            "events" => set(r, &mut events, &k, |r, k| list(r, k, EventJson::read)),
            "undated" => set(r, &mut undated, &k, |r, k| list(r, k, EventJson::read)),
            "text" => set(r, &mut text, &k, optional_string),
            "sources" => set(r, &mut sources, &k, |r, k| list(r, k, SourceJson::read)),
            _ => skip(r),
        })?;
        Ok(DatasetJson {
            // At most `u32::MAX`, as read.
            version: required(r, version, "version")? as u32,
            title: required(r, title, "title")?,
            source: source.flatten(),
            reference_date: reference_date.flatten(),
            tracks: required(r, tracks, "tracks")?,
            eras: eras.unwrap_or_default(),
            actors: actors.unwrap_or_default(),
            events: required(r, events, "events")?,
            undated: undated.unwrap_or_default(),
            text: text.flatten(),
            sources: sources.unwrap_or_default(),
        })
    }

    /// The dataset as JSON text, compact or `pretty`: members in the format's order, the
    /// optional ones only when present.
    pub fn write(&self, pretty: bool) -> String {
        let mut w = Writer::new(pretty);
        w.open('{');
        w.key("version");
        w.whole(self.version.into());
        put(&mut w, "title", &self.title);
        if let Some(s) = &self.source {
            put(&mut w, "source", s);
        }
        if let Some(d) = &self.reference_date {
            put(&mut w, "reference_date", d);
        }
        if !self.sources.is_empty() {
            w.key("sources");
            write_list(&mut w, &self.sources, SourceJson::write);
        }
        w.key("tracks");
        write_list(&mut w, &self.tracks, Track::write);
        if !self.eras.is_empty() {
            w.key("eras");
            write_list(&mut w, &self.eras, Era::write);
        }
        if !self.actors.is_empty() {
            w.key("actors");
            write_list(&mut w, &self.actors, Actor::write);
        }
        w.key("events");
        write_list(&mut w, &self.events, EventJson::write);
        w.key("undated");
        write_list(&mut w, &self.undated, EventJson::write);
        if let Some(t) = &self.text {
            put(&mut w, "text", t);
        }
        w.close('}');
        w.finish()
    }
}

/// How an event ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum End {
    /// A point event: its start date is all there is.
    Point,
    /// A range ending at this date (inclusive of the date's whole period).
    Until(DateSpec),
    /// A range still going on when the article was written.
    Ongoing,
}

/// When an event happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct When {
    /// Its start (or only) date.
    pub start: DateSpec,
    /// How it ends.
    pub end: End,
}

impl When {
    /// Reads a corrected date as a reader types it: a TimeML start value and modifier, an
    /// optional end value, or ongoing.
    pub fn parse(
        start: &str,
        modifier: Option<&str>,
        end: &str,
        ongoing: bool,
    ) -> Result<When, String> {
        let start = DateSpec::parse(start.trim(), modifier).map_err(|e| format!("Start: {e}"))?;
        let end = match (end.trim(), ongoing) {
            ("", false) => End::Point,
            ("", true) => End::Ongoing,
            (_, true) => return Err("An ongoing event has no end date.".into()),
            (e, false) => {
                let e = DateSpec::parse(e, None).map_err(|e| format!("End: {e}"))?;
                if e.interval().1 < start.interval().1 {
                    return Err("The end is before the start.".into());
                }
                End::Until(e)
            }
        };
        Ok(When { start, end })
    }

    /// The covered interval in UTC ms; an ongoing range runs to `now`.
    pub fn interval(&self, now: f64) -> (f64, f64) {
        let (a, b) = self.start.interval();
        match self.end {
            End::Point => (a, b),
            End::Until(e) => (a, e.interval().1.max(b)),
            End::Ongoing => (a, now.max(b)),
        }
    }

    /// True for ranges, closed or open.
    pub fn is_range(&self) -> bool {
        self.end != End::Point
    }

    /// The normalized date for people: "1994 – 2004", "2004 – ongoing", "the early 2000s".
    pub fn label(&self) -> String {
        match self.end {
            End::Point => self.start.label(),
            End::Until(e) => format!("{} – {}", self.start.short_label(), e.short_label()),
            End::Ongoing => format!("{} – ongoing", self.start.short_label()),
        }
    }

    /// The normalized date in TimeML notation: "1994/2004", "2004/PRESENT_REF", "200 (START)".
    pub fn timeml(&self) -> String {
        let one = |d: &DateSpec| match d.modifier {
            Some(m) => format!("{} ({})", d.value(), m.as_timeml()),
            None => d.value(),
        };
        match self.end {
            End::Point => one(&self.start),
            End::Until(e) => format!("{}/{}", one(&self.start), one(&e)),
            End::Ongoing => format!("{}/PRESENT_REF", one(&self.start)),
        }
    }
}

/// An era, validated: a named span of time drawn behind the events.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Era {
    /// The name shown on the timeline.
    pub label: String,
    /// Its first date.
    pub start: DateSpec,
    /// Its last date; the era runs to the end of this date's period.
    pub end: DateSpec,
}

impl Era {
    /// The covered interval in UTC ms, from the start's first moment to the end's last.
    pub fn interval(&self) -> (f64, f64) {
        (self.start.interval().0, self.end.interval().1)
    }
}

/// The kinds of actor, as the format writes them: a state (a UN member or observer state, by
/// its ISO 3166-1 alpha-3 code), an international organization (NATO, the UN, …) or a person
/// (by the fullest name the article gives). Kept as strings, checked against this list, so
/// that the app's wasm carries no conversion to and from an enum.
pub const ACTOR_KINDS: [&str; 3] = ["country", "organization", "person"];

/// An actor: a country, organization or person that events involve.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    /// Stable id, referenced by events: `rus`, `nato`, `sergei-lavrov`.
    pub id: String,
    /// The name shown to readers.
    pub name: String,
    /// What it is: one of [`ACTOR_KINDS`].
    pub kind: String,
}

/// A passage: its quote and the byte range it resolved to in the article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Passage {
    /// The quote as stored, relative to its source's text (its `source` is not kept here).
    pub quote: Quote,
    /// Where it is in the timeline's text (all sources' texts, one after another).
    pub range: Range<usize>,
    /// Index into [`Timeline::sources`].
    pub source: usize,
}

/// A source article of the timeline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    /// Stable id, referenced by passages in version 2 files.
    pub id: String,
    /// The article's title.
    pub title: String,
    /// The outlet it comes from, when known.
    pub outlet: Option<String>,
    /// Its own date (ISO 8601), when known.
    pub reference_date: Option<String>,
    /// Where its text is in [`Timeline::text`].
    pub range: Range<usize>,
}

/// One source's date for an event that several sources state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceDate {
    /// Index into [`Timeline::sources`].
    pub source: usize,
    /// The date that source gives; `None` when it states the event without one.
    pub when: Option<When>,
    /// The date as that source states it.
    pub stated: String,
}

/// An event, validated and anchored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    /// Stable id.
    pub id: String,
    /// When it happened; `None` for what the article states without a date.
    pub when: Option<When>,
    /// The date as the article states it.
    pub stated: String,
    /// Short headline.
    pub headline: String,
    /// One-line summary.
    pub summary: String,
    /// Index into [`Timeline::tracks`].
    pub track: usize,
    /// The ids of the actors it involves, each in [`Timeline::actors`], in file order.
    pub actors: Vec<String>,
    /// Where the article states it, in reading order; never empty.
    pub passages: Vec<Passage>,
    /// Each source's own date, for an event several sources state; empty otherwise.
    pub dates: Vec<SourceDate>,
}

/// Which events the source filter shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sources {
    /// Every event.
    #[default]
    All,
    /// The events this source (an index into [`Timeline::sources`]) states.
    Only(usize),
    /// The events two or more sources state.
    Shared,
    /// The events whose sources disagree on the date.
    Disagree,
}

impl Sources {
    /// True when the filter shows `e`.
    pub fn keeps(self, e: &Event) -> bool {
        match self {
            Sources::All => true,
            Sources::Only(s) => e.passages.iter().any(|p| p.source == s),
            Sources::Shared => e.sources().len() > 1,
            Sources::Disagree => e.disagrees(),
        }
    }
}

/// Source `s`'s letter: A, B, C, … (with its colour, it tells sources apart without colour).
/// A slice of the alphabet rather than a `char`, which would bring its own formatting code.
pub fn letter(s: usize) -> &'static str {
    let k = s % 26;
    "ABCDEFGHIJKLMNOPQRSTUVWXYZ".get(k..k + 1).unwrap_or("A")
}

impl Event {
    /// The sources that state it, in reading order (ascending).
    pub fn sources(&self) -> Vec<usize> {
        // Passages are in reading order, which is source order: no sort (each distinct sort
        // adds its own routine to the app's wasm).
        let mut s: Vec<usize> = Vec::new();
        for p in &self.passages {
            if !s.contains(&p.source) {
                s.push(p.source);
            }
        }
        s
    }

    /// True when two of its sources give it dates that do not overlap: the sources disagree.
    pub fn disagrees(&self) -> bool {
        // Two spans fail to overlap exactly when one ends before another starts: when the
        // earliest end is not after the latest start.
        let (mut end, mut start) = (f64::INFINITY, f64::NEG_INFINITY);
        for (a, b) in self.dates.iter().filter_map(|d| d.when).map(|w| w.interval(f64::MAX)) {
            (end, start) = (end.min(b), start.max(a));
        }
        end <= start
    }

    /// Its dates by source: [`Event::dates`], or one entry per source of its passages with
    /// the event's own date.
    pub fn source_dates(&self) -> Vec<SourceDate> {
        if !self.dates.is_empty() {
            return self.dates.clone();
        }
        let (when, stated) = (self.when, &self.stated);
        self.sources()
            .into_iter()
            .map(|source| SourceDate { source, when, stated: stated.clone() })
            .collect()
    }
}

/// A loading error that names what is wrong and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadError {
    /// A JSON path such as `events[3].passages[0]`, or empty for the whole file.
    pub path: String,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for LoadError {}

fn err(path: impl Into<String>, message: impl Into<String>) -> LoadError {
    LoadError { path: path.into(), message: message.into() }
}

/// A run of article text: plain, or a passage of one or more events.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    /// Byte range in the article.
    pub range: Range<usize>,
    /// Indexes of the events whose passages cover it, ascending; empty for plain text.
    pub events: Vec<usize>,
}

/// The loaded dataset: article, tracks and anchored events.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Timeline {
    /// The article's title.
    pub title: String,
    /// Where it comes from.
    pub source: Option<String>,
    /// The article's own date, when known (ISO 8601).
    pub reference_date: Option<String>,
    /// The article text: the sources' texts one after another, a line break between two.
    pub text: String,
    /// The source articles, in file order; one for a version 1 dataset.
    pub sources: Vec<Source>,
    /// Tracks in legend order.
    pub tracks: Vec<Track>,
    /// Named spans of time, in file order.
    pub eras: Vec<Era>,
    /// The actors events involve, in file order.
    pub actors: Vec<Actor>,
    /// Dated events first, in file order, then undated ones.
    pub events: Vec<Event>,
    /// Indexes of the dated events in chronological order.
    pub chronological: Vec<usize>,
}

/// Sorts indexes by a key pair, ties by index, so the order is total and deterministic.
/// Every sort in the app goes through this one function: each distinct sort call would
/// otherwise add its own copy of the sort routine to the wasm bundle.
/// Each key is computed once, not once per comparison: keys such as an event's interval cost
/// date arithmetic, and ten thousand events take some 280,000 comparisons.
pub fn sort_indices(idx: &mut [usize], key: &dyn Fn(usize) -> (f64, f64)) {
    // The keys themselves are sorted, as integers that order as `f64::total_cmp` does: a
    // comparison is then three integer compares on adjacent memory, about twice as fast as
    // comparing floats through positions into a separate table.
    let mut keys: Vec<(u64, u64, usize)> = idx
        .iter()
        .map(|&i| {
            let (a, b) = key(i);
            (total_order_bits(a), total_order_bits(b), i)
        })
        .collect();
    // Often already in order (passages in reading order, events in date order, marks in
    // chronological order): one pass finds out.
    if keys.windows(2).all(|w| w[0] <= w[1]) {
        return;
    }
    keys.sort_unstable();
    for (slot, k) in idx.iter_mut().zip(keys) {
        *slot = k.2;
    }
}

/// The index of the first of `ids` equal to an earlier one, if any. The ids are grouped by
/// a hash through [`sort_indices`], in O(n log n) for ten thousand events, rather than in a
/// hash set, whose code the page's wasm would carry (see `overview::reading`).
pub(crate) fn first_duplicate(ids: &[&str]) -> Option<usize> {
    // FNV-1a, as two 32-bit halves: each exact as an `f64` key.
    let hash = |i: usize| {
        let h = ids[i]
            .bytes()
            .fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ b as u64).wrapping_mul(0x100_0000_01b3));
        ((h >> 32) as f64, h as u32 as f64)
    };
    let mut order: Vec<usize> = (0..ids.len()).collect();
    sort_indices(&mut order, &hash);
    // Equal ids have equal hashes, so each id's earlier copies come just before it in
    // `order` (ties are by index): only those of the same hash are compared.
    let mut first = None;
    for (n, &j) in order.iter().enumerate() {
        let mut same = order[..n].iter().rev().take_while(|&&i| hash(i) == hash(j));
        if same.any(|&i| ids[i] == ids[j]) && first.is_none_or(|f| j < f) {
            first = Some(j);
        }
    }
    first
}

/// `x`'s bits, mapped so that unsigned order is `f64::total_cmp`'s order: negative numbers
/// (sign bit set) reversed below the positive ones.
fn total_order_bits(x: f64) -> u64 {
    let bits = x.to_bits();
    if bits >> 63 == 1 {
        !bits
    } else {
        bits | 1 << 63
    }
}

/// Indexes of the dated events, in chronological order.
fn chronological(events: &[Event]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..events.len()).filter(|&i| events[i].when.is_some()).collect();
    sort_indices(&mut order, &|i| events[i].when.map(|w| w.interval(f64::MAX)).unwrap_or_default());
    order
}

/// Passages sorted by where they start in the article.
fn reading_order(passages: Vec<Passage>) -> Vec<Passage> {
    // Most events have one passage: nothing to order, nothing to allocate.
    if passages.len() < 2 {
        return passages;
    }
    let mut order: Vec<usize> = (0..passages.len()).collect();
    sort_indices(&mut order, &|i| (passages[i].range.start as f64, passages[i].range.end as f64));
    let mut slots: Vec<Option<Passage>> = passages.into_iter().map(Some).collect();
    order.into_iter().filter_map(|i| slots[i].take()).collect()
}

/// The end date of a range, which may not end before `start` ends.
fn until(start: &DateSpec, end: &DateJson) -> Result<DateSpec, String> {
    let end = end.parse()?;
    if end.interval().1 < start.interval().1 {
        return Err("the end is before the start".into());
    }
    Ok(end)
}

/// True for an id the format accepts: lowercase letters, digits and hyphens, 1 to 64 bytes.
pub(crate) fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// `base` with the first suffix "-2", "-3", … that no event has, within the id's 64 bytes.
fn fresh_id(events: &[Event], base: &str) -> String {
    let mut n = 2;
    loop {
        let tail = format!("-{n}");
        let mut id = base.to_string();
        id.truncate(64 - tail.len());
        id.push_str(&tail);
        if !events.iter().any(|e| e.id == id) {
            return id;
        }
        n += 1;
    }
}

/// An event's date as the format writes it, checked; `at` names the place for errors.
fn when_of(
    start: &Option<DateJson>,
    end: &Option<DateJson>,
    ongoing: bool,
    at: &dyn Fn(&str) -> String,
) -> Result<Option<When>, LoadError> {
    let Some(start) = start else {
        if end.is_some() || ongoing {
            return Err(err(at(".start"), "a dated event needs a start"));
        }
        return Ok(None);
    };
    let start = start.parse().map_err(|m| err(at(".start"), m))?;
    let end = match (end, ongoing) {
        (Some(_), true) => return Err(err(at(".end"), "an ongoing event has no end date")),
        (Some(d), false) => End::Until(until(&start, d).map_err(|m| err(at(".end"), m))?),
        (None, true) => End::Ongoing,
        (None, false) => End::Point,
    };
    Ok(Some(When { start, end }))
}

/// `list[i]field`: where an item of a list, or a member of it, is in the file.
fn place(list: &str, i: usize, field: &str) -> String {
    format!("{list}[{i}]{field}")
}

/// A message naming an id: `what "id"`. One function for the loader's many such messages:
/// each `format!` would add its own code to the page's wasm.
fn naming(what: &str, id: &str) -> String {
    format!("{what} \"{id}\"")
}

/// The sources' texts one after another, a line break between two, and each source with
/// its place there; ids checked.
fn joined(raw: Vec<SourceJson>) -> Result<(String, Vec<Source>), LoadError> {
    let one = raw.len() == 1;
    let mut text = String::new();
    let mut sources: Vec<Source> = Vec::with_capacity(raw.len());
    for (i, s) in raw.into_iter().enumerate() {
        if !valid_id(&s.id) || sources.iter().any(|o| o.id == s.id) {
            return Err(err(
                place("sources", i, ".id"),
                format!("\"{}\" is not a unique id of lowercase letters, digits and hyphens", s.id),
            ));
        }
        if i > 0 {
            text.push('\n');
        }
        let start = text.len();
        // One source (every version 1 file) keeps its string: no copy of the article.
        if one {
            text = s.text;
        } else {
            text.push_str(&s.text);
        }
        let range = start..text.len();
        sources.push(Source {
            id: s.id,
            title: s.title,
            outlet: s.outlet,
            reference_date: s.reference_date,
            range,
        });
    }
    Ok((text, sources))
}

impl Timeline {
    /// Parses and validates a dataset against its article text.
    pub fn load(json: &str, text: impl Into<String>) -> Result<Timeline, LoadError> {
        Timeline::from_json(DatasetJson::parse(json)?, text.into())
    }

    /// Validates a parsed dataset against its article text.
    /// A version 2 dataset holds its sources' texts, and `text` is not used.
    pub fn from_json(mut raw: DatasetJson, text: String) -> Result<Timeline, LoadError> {
        if raw.version == 0 || raw.version > FORMAT_VERSION {
            return Err(err(
                "version",
                format!(
                    "version {} is not supported; this app reads versions 1 to {FORMAT_VERSION}",
                    raw.version
                ),
            ));
        }
        // Version 1: one article, described at the top of the file.
        if raw.version == 1 {
            raw.sources = vec![SourceJson {
                id: "article".into(),
                title: raw.title.clone(),
                outlet: raw.source.take(),
                reference_date: raw.reference_date.take(),
                text,
            }];
        } else if raw.sources.is_empty() {
            return Err(err("sources", "a version 2 dataset needs at least one source"));
        }
        let (text, sources) = joined(raw.sources)?;
        // A linear search, as for actors below: a file names a handful of tracks.
        for (i, t) in raw.tracks.iter().enumerate() {
            if raw.tracks[..i].iter().any(|u| u.id == t.id) {
                return Err(err(place("tracks", i, ".id"), naming("duplicate track id", &t.id)));
            }
        }
        // Actor ids are a namespace of their own. A linear search: a file names tens of actors,
        // and a set of another type would add its own hash table code to the app's wasm.
        for (i, a) in raw.actors.iter().enumerate() {
            if raw.actors[..i].iter().any(|b| b.id == a.id) {
                return Err(err(place("actors", i, ".id"), naming("duplicate actor id", &a.id)));
            }
        }
        // Sized up front: a dataset of ten thousand events is checked here before anything is
        // drawn. The first event whose id repeats an earlier one's is found before the loop,
        // but reported in it, so that errors come in the file's order as before.
        let (dated, undated) = (raw.events.len(), raw.undated.len());
        let ids: Vec<&str> = raw.events.iter().chain(&raw.undated).map(|e| e.id.as_str()).collect();
        let duplicate = first_duplicate(&ids);
        let mut events = Vec::with_capacity(dated + undated);
        let all = raw.events.into_iter().enumerate().map(|(i, e)| ("events", i, e, true));
        let undated = raw.undated.into_iter().enumerate().map(|(i, e)| ("undated", i, e, false));
        for (n, (list, i, e, dated)) in all.chain(undated).enumerate() {
            // The error's place, written out only when there is an error.
            let at = |field: &str| place(list, i, field);
            if !valid_id(&e.id) {
                return Err(err(
                    at(".id"),
                    format!("\"{}\" is not an id of lowercase letters, digits and hyphens", e.id),
                ));
            }
            if duplicate == Some(n) {
                return Err(err(at(".id"), naming("duplicate event id", &e.id)));
            }
            let track = raw
                .tracks
                .iter()
                .position(|t| t.id == e.track)
                .ok_or_else(|| err(at(".track"), naming("no track has the id", &e.track)))?;
            if let Some(id) = e.actors.iter().find(|id| !raw.actors.iter().any(|a| a.id == **id)) {
                return Err(err(at(".actors"), naming("no actor has the id", id)));
            }
            let when = when_of(&e.start, &e.end, e.ongoing, &at)?;
            if dated && when.is_none() {
                return Err(err(at(".start"), "a dated event needs a start"));
            }
            if !dated && when.is_some() {
                return Err(err(at(""), "an undated item has no start, end or ongoing"));
            }
            if e.passages.is_empty() {
                return Err(err(at(".passages"), "an event needs at least one passage"));
            }
            // `at` names the place, written out only when there is an error.
            let source_of = |id: &Option<String>, at: &dyn Fn() -> String| match id {
                None if sources.len() == 1 => Ok(0),
                None => Err(err(at(), "name its source: the dataset has several")),
                Some(id) => sources
                    .iter()
                    .position(|s| s.id == *id)
                    .ok_or_else(|| err(at(), naming("no source has the id", id))),
            };
            let mut passages = Vec::with_capacity(e.passages.len());
            for (j, mut quote) in e.passages.into_iter().enumerate() {
                let at = || at(&place(".passages", j, ""));
                let source = source_of(&quote.source.take(), &at)?;
                let within = sources[source].range.clone();
                let range =
                    quote.resolve(&text[within.clone()]).map_err(|a| err(at(), a.to_string()))?;
                let range = range.start + within.start..range.end + within.start;
                passages.push(Passage { quote, range, source });
            }
            let mut dates = Vec::with_capacity(e.dates.len());
            for (j, d) in e.dates.iter().enumerate() {
                let at = |field: &str| at(&place(".dates", j, field));
                let source = source_of(&Some(d.source.clone()), &|| at(".source"))?;
                let when = when_of(&d.start, &d.end, d.ongoing, &at)?;
                dates.push(SourceDate { source, when, stated: d.stated.clone() });
            }
            // In reading order, so that "its first passage" is the first the reader meets.
            let passages = reading_order(passages);
            events.push(Event {
                id: e.id,
                when,
                stated: e.stated,
                headline: e.headline,
                summary: e.summary,
                track,
                actors: e.actors,
                passages,
                dates,
            });
        }
        let chronological = chronological(&events);
        // The outlet of the one source; the latest of the sources' dates, from which
        // "ongoing" is measured.
        let source = if sources.len() == 1 { sources[0].outlet.clone() } else { None };
        let reference_date = sources.iter().filter_map(|s| s.reference_date.clone()).max();
        Ok(Timeline {
            title: raw.title,
            source,
            reference_date,
            text,
            sources,
            tracks: raw.tracks,
            eras: raw.eras,
            actors: raw.actors,
            events,
            chronological,
        })
    }

    /// The dataset as JSON, for export; [`Timeline::load`] reads it back.
    /// A timeline of one source, without per-source dates, is written as version 1, as
    /// before (the source's title is the timeline's); any other as version 2, with its
    /// sources' texts.
    pub fn to_json(&self) -> DatasetJson {
        self.json(self.sources.len() <= 1 && self.events.iter().all(|e| e.dates.is_empty()))
    }

    /// The dataset as version 2 whatever it holds: its sources named, with their texts.
    pub fn to_json_sources(&self) -> DatasetJson {
        self.json(false)
    }

    fn json(&self, v1: bool) -> DatasetJson {
        let quote = |p: &Passage| {
            let mut q = p.quote.clone();
            if !v1 {
                q.source = self.sources.get(p.source).map(|s| s.id.clone());
            }
            q
        };
        let date = |d: &SourceDate| {
            let (start, end, ongoing) = DateJson::of(d.when);
            SourceDateJson {
                source: self.sources.get(d.source).map(|s| s.id.clone()).unwrap_or_default(),
                start,
                end,
                ongoing,
                stated: d.stated.clone(),
            }
        };
        let item = |e: &Event| {
            let (start, end, ongoing) = DateJson::of(e.when);
            EventJson {
                id: e.id.clone(),
                start,
                end,
                ongoing,
                stated: e.stated.clone(),
                headline: e.headline.clone(),
                summary: e.summary.clone(),
                track: self.tracks.get(e.track).map(|t| t.id.clone()).unwrap_or_default(),
                actors: e.actors.clone(),
                passages: e.passages.iter().map(quote).collect(),
                dates: e.dates.iter().map(date).collect(),
            }
        };
        let sources = if v1 {
            Vec::new()
        } else {
            (self.sources.iter())
                .map(|s| SourceJson {
                    id: s.id.clone(),
                    title: s.title.clone(),
                    outlet: s.outlet.clone(),
                    reference_date: s.reference_date.clone(),
                    text: self.text[s.range.clone()].to_string(),
                })
                .collect()
        };
        let one = |v: &Option<String>| if v1 { v.clone() } else { None };
        DatasetJson {
            version: if v1 { 1 } else { FORMAT_VERSION },
            title: self.title.clone(),
            source: one(&self.source),
            reference_date: one(&self.reference_date),
            sources,
            tracks: self.tracks.clone(),
            eras: self.eras.clone(),
            actors: self.actors.clone(),
            events: self.events.iter().filter(|e| e.when.is_some()).map(item).collect(),
            undated: self.events.iter().filter(|e| e.when.is_none()).map(item).collect(),
            text: None,
        }
    }

    /// The dataset with its article inline, as exported and stored: one self-contained file.
    pub fn export(&self) -> String {
        self.with_text().write(true)
    }

    /// [`Timeline::export`] without the indentation: for storage and the tagging worker, where
    /// nobody reads it and a large dataset is written after every edit.
    pub fn export_compact(&self) -> String {
        self.with_text().write(false)
    }

    fn with_text(&self) -> DatasetJson {
        let mut json = self.to_json();
        // Version 2 holds the texts in its sources.
        if json.sources.is_empty() {
            json.text = Some(self.text.clone());
        }
        json
    }

    /// Reads a self-contained file written by [`Timeline::export`].
    pub fn import(json: &str) -> Result<Timeline, LoadError> {
        let mut raw = DatasetJson::parse(json)?;
        let text = raw.text.take();
        let text = match text {
            Some(t) => t,
            None if raw.version > 1 => String::new(),
            None => return Err(err("text", "the file does not contain the article text")),
        };
        Timeline::from_json(raw, text)
    }

    /// The same timeline with other events; the chronological order is recomputed.
    fn with_events(&self, events: Vec<Event>) -> Timeline {
        // Field by field: `..self.clone()` would copy the old events only to drop them.
        Timeline {
            title: self.title.clone(),
            source: self.source.clone(),
            reference_date: self.reference_date.clone(),
            text: self.text.clone(),
            sources: self.sources.clone(),
            tracks: self.tracks.clone(),
            eras: self.eras.clone(),
            actors: self.actors.clone(),
            chronological: chronological(&events),
            events,
        }
    }

    /// The timeline with event `i` given a new headline (trimmed; an empty one is refused).
    pub fn renamed(&self, i: usize, headline: &str) -> Result<Timeline, String> {
        let headline = headline.trim();
        if headline.is_empty() {
            return Err("A headline cannot be empty.".into());
        }
        let mut events = self.events.clone();
        let e = events.get_mut(i).ok_or("No such event.")?;
        e.headline = headline.to_string();
        Ok(self.with_events(events))
    }

    /// The timeline without event `i`.
    pub fn without(&self, i: usize) -> Result<Timeline, String> {
        let mut events = self.events.clone();
        if i >= events.len() {
            return Err("No such event.".into());
        }
        events.remove(i);
        Ok(self.with_events(events))
    }

    /// The timeline with event `from` merged into event `into`: `into` keeps its date and
    /// headline and gains the passages of `from` that it did not have; `from` is removed.
    pub fn merged(&self, from: usize, into: usize) -> Result<Timeline, String> {
        if from == into || from >= self.events.len() || into >= self.events.len() {
            return Err("Choose another event to merge into.".into());
        }
        let mut events = self.events.clone();
        let extra = events[from].passages.clone();
        let actors = events[from].actors.clone();
        // Each source's date, when the two come from different sources.
        let mut dates = events[into].source_dates();
        for d in events[from].source_dates() {
            if !dates.iter().any(|k| k.source == d.source) {
                dates.push(d);
            }
        }
        let target = &mut events[into];
        target.dates = if dates.len() > 1 { dates } else { Vec::new() };
        for a in actors {
            if !target.actors.contains(&a) {
                target.actors.push(a);
            }
        }
        for p in extra {
            if !target.passages.iter().any(|q| q.range == p.range) {
                target.passages.push(p);
            }
        }
        target.passages = reading_order(std::mem::take(&mut target.passages));
        events.remove(from);
        Ok(self.with_events(events))
    }

    /// The timeline with event `i` at a corrected date (`None`: undated).
    pub fn redated(&self, i: usize, when: Option<When>) -> Result<Timeline, String> {
        let mut events = self.events.clone();
        let e = events.get_mut(i).ok_or("No such event.")?;
        e.when = when;
        Ok(self.with_events(events))
    }

    /// The timeline with event `i` split apart: one event per source when several sources
    /// state it, each at its source's date; else one event per passage. The first part keeps
    /// the id, so links to it still lead somewhere.
    pub fn split(&self, i: usize) -> Result<Timeline, String> {
        let e = self.events.get(i).ok_or("No such event.")?;
        // The parts' keys: the sources, else the passages' places.
        let sources = e.sources();
        let by_source = sources.len() > 1;
        let keys = if by_source { sources } else { (0..e.passages.len()).collect() };
        if keys.len() < 2 {
            return Err("This event has one passage: there is nothing to split.".into());
        }
        let mut events = self.events.clone();
        events.remove(i);
        // The parts where the event was, in order; the first keeps its id.
        for (n, key) in keys.into_iter().enumerate() {
            let mut part = e.clone();
            part.passages = (e.passages.iter().enumerate())
                .filter(|&(k, p)| (if by_source { p.source } else { k }) == key)
                .map(|(_, p)| p.clone())
                .collect();
            let source = part.passages.first().map(|p| p.source);
            if let Some(d) = e.dates.iter().find(|d| Some(d.source) == source) {
                part.when = d.when;
                part.stated = d.stated.clone();
            }
            part.dates = Vec::new();
            if n > 0 {
                part.id = fresh_id(&events, &e.id);
            }
            events.insert(i + n, part);
        }
        Ok(self.with_events(events))
    }

    /// The timeline without source `s`: its passages go, and the events no other source
    /// states go with them. The last source cannot be removed.
    pub fn without_source(&self, s: usize) -> Result<Timeline, String> {
        if self.sources.len() < 2 || s >= self.sources.len() {
            return Err("A timeline keeps at least one article.".into());
        }
        let mut raw = self.to_json();
        let gone = raw.sources.remove(s);
        let id = Some(gone.id.clone());
        for list in [&mut raw.events, &mut raw.undated] {
            list.retain_mut(|e| {
                e.passages.retain(|q| q.source != id);
                let own = e.dates.iter().position(|d| Some(&d.source) == id.as_ref());
                if let Some(k) = own.map(|k| e.dates.remove(k)) {
                    // The event's date came from the source that goes: the next one's.
                    let next = e.dates.iter().find(|d| d.start.is_some());
                    if (k.start.as_ref(), k.end.as_ref()) == (e.start.as_ref(), e.end.as_ref()) {
                        if let Some(d) = next {
                            e.start = d.start.clone();
                            e.end = d.end.clone();
                            e.ongoing = d.ongoing;
                            e.stated = d.stated.clone();
                        }
                    }
                }
                if e.dates.len() < 2 {
                    e.dates.clear();
                }
                !e.passages.is_empty()
            });
        }
        if raw.title == gone.title {
            raw.title = raw.sources[0].title.clone();
        }
        Timeline::from_json(raw, String::new()).map_err(|e| e.to_string())
    }

    /// The timeline after `edit`, as the page asks the tagging worker for it (the code of
    /// these edits stays off the first load): `split <event id>` ([`Timeline::split`]) or
    /// `remove <source id>` ([`Timeline::without_source`]).
    pub fn edited(&self, edit: &str) -> Result<Timeline, String> {
        let (op, id) = edit.split_once(' ').unwrap_or((edit, ""));
        match op {
            "split" => self.split(self.find(id).ok_or("No such event.")?),
            "remove" => {
                let s = self.sources.iter().position(|s| s.id == id);
                self.without_source(s.ok_or("No such source.")?)
            }
            _ => Err(format!("Unknown edit \"{op}\".")),
        }
    }

    /// The index of the source whose text holds byte `at` of [`Timeline::text`].
    pub fn source_at(&self, at: usize) -> usize {
        self.sources.iter().rposition(|s| s.range.start <= at).unwrap_or(0)
    }

    /// The index of the event with this id.
    pub fn find(&self, id: &str) -> Option<usize> {
        self.events.iter().position(|e| e.id == id)
    }

    /// The article split into paragraphs (non-empty lines), each split into segments at every
    /// passage boundary, so overlapping passages become runs that list all their events.
    /// One sweep over the sorted passage boundaries: linear in text and passages (plus a
    /// sort), so an article with ten thousand passages splits in milliseconds.
    pub fn paragraphs(&self) -> Vec<Vec<Segment>> {
        let spans: Vec<(usize, usize, usize)> = (self.events.iter().enumerate())
            .flat_map(|(i, e)| e.passages.iter().map(move |p| (p.range.start, p.range.end, i)))
            .collect();
        let mut by_start: Vec<usize> = (0..spans.len()).collect();
        sort_indices(&mut by_start, &|k| (spans[k].0 as f64, 0.0));
        let mut cuts: Vec<usize> = spans.iter().flat_map(|s| [s.0, s.1]).collect();
        let mut order: Vec<usize> = (0..cuts.len()).collect();
        sort_indices(&mut order, &|k| (cuts[k] as f64, 0.0));
        cuts = order.into_iter().map(|k| cuts[k]).collect();
        cuts.dedup();
        let (mut next, mut at_cut) = (0, 0);
        // Passages open at the current position: (end, event).
        let mut active: Vec<(usize, usize)> = Vec::new();
        let mut out = Vec::new();
        let mut offset = 0;
        for line in self.text.split('\n') {
            let (start, end) = (offset, offset + line.len());
            offset = end + 1;
            while at_cut < cuts.len() && cuts[at_cut] <= start {
                at_cut += 1;
            }
            if line.trim().is_empty() {
                continue;
            }
            let mut bounds = vec![start];
            while at_cut < cuts.len() && cuts[at_cut] < end {
                bounds.push(cuts[at_cut]);
                at_cut += 1;
            }
            bounds.push(end);
            let mut segments: Vec<Segment> = Vec::new();
            for w in bounds.windows(2) {
                let range = w[0]..w[1];
                while next < by_start.len() && spans[by_start[next]].0 <= range.start {
                    let (_, e, i) = spans[by_start[next]];
                    active.push((e, i));
                    next += 1;
                }
                // Every boundary is a cut, so a passage still open here covers the whole run.
                active.retain(|&(e, _)| e > range.start);
                let mut events: Vec<usize> = active.iter().map(|&(_, i)| i).collect();
                let mut order: Vec<usize> = (0..events.len()).collect();
                sort_indices(&mut order, &|k| (events[k] as f64, 0.0));
                events = order.into_iter().map(|k| events[k]).collect();
                events.dedup();
                match segments.last_mut() {
                    Some(last) if last.events == events => last.range.end = range.end,
                    _ => segments.push(Segment { range, events }),
                }
            }
            out.push(segments);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_as_strings_or_qualified_values() {
        let read = |j: &str| DateJson::read(&mut Reader::new(j), "start").map(Option::unwrap);
        assert_eq!(read(r#""1994""#).unwrap(), DateJson::Plain("1994".into()));
        let q = |v: &str, m: Option<&str>| DateJson::Qualified {
            value: v.into(),
            modifier: m.map(String::from),
        };
        assert_eq!(read(r#"{"value":"200","mod":"START"}"#).unwrap(), q("200", Some("START")));
        assert_eq!(read(r#"{"mod":null,"value":"2008"}"#).unwrap(), q("2008", None));
        assert_eq!(read(r#"{"value":"2008","note":[1,{"a":2}]}"#).unwrap(), q("2008", None));
        assert!(read(r#"{"mod":"START"}"#)
            .unwrap_err()
            .to_string()
            .contains("missing field `value`"));
        assert!(read("1994").unwrap_err().to_string().contains("expected a date"));
        // Written back in the same two forms.
        for j in [r#""1994""#, r#"{"value":"200","mod":"START"}"#] {
            let mut w = json::Writer::new(false);
            read(j).unwrap().write(&mut w);
            assert_eq!(w.finish(), j);
        }
    }

    #[test]
    fn sort_indices_orders_by_key_then_index_and_leaves_sorted_input_alone() {
        let keys = [(3.0, 0.0), (1.0, 2.0), (1.0, 1.0), (f64::NAN, 0.0), (1.0, 1.0), (-0.0, 0.0)];
        let mut idx: Vec<usize> = (0..keys.len()).collect();
        sort_indices(&mut idx, &|i| keys[i]);
        assert_eq!(idx, [5, 2, 4, 1, 0, 3]);
        let before = idx.clone();
        sort_indices(&mut idx, &|i| keys[i]);
        assert_eq!(idx, before, "already in order");
        // A subset, in any order, comes out sorted too.
        let mut some = vec![4, 0, 2];
        sort_indices(&mut some, &|i| keys[i]);
        assert_eq!(some, [2, 4, 0]);
    }

    const TEXT: &str = "Title\nIn 1994 it joined.\nSince 2004 it led. In 1994 again.";

    fn json(events: &str) -> String {
        format!(
            r#"{{"version":1,"title":"T","tracks":[{{"id":"a","label":"A"}}],"events":[{events}],
            "undated":[{{"id":"u","headline":"U","track":"a","passages":[{{"exact":"it led"}}]}}]}}"#
        )
    }

    #[test]
    fn loads_anchors_and_orders() {
        let t = Timeline::load(
            &json(
                r#"{"id":"b","start":"2004","ongoing":true,"headline":"B","track":"a","passages":[{"exact":"Since 2004 it led."}]},
                   {"id":"c","start":{"value":"199","mod":"START"},"headline":"C","track":"a","passages":[{"exact":"1994","suffix":" it"}]}"#,
            ),
            TEXT,
        )
        .unwrap();
        assert_eq!(t.events.len(), 3);
        assert_eq!(t.chronological, vec![1, 0]);
        assert_eq!(t.events[0].when.unwrap().end, End::Ongoing);
        assert_eq!(t.events[1].passages[0].range, 9..13);
        assert!(t.events[2].when.is_none());
        let back = Timeline::from_json(t.to_json(), TEXT.into()).unwrap();
        assert_eq!(back, t);
    }

    #[test]
    fn first_duplicate_finds_the_first_repeat_in_order() {
        assert_eq!(first_duplicate(&[]), None);
        assert_eq!(first_duplicate(&["a", "b", "c"]), None);
        assert_eq!(first_duplicate(&["a", "b", "c", "b", "a"]), Some(3));
        assert_eq!(first_duplicate(&["x", "a", "a", "x"]), Some(2));
        let many: Vec<String> = (0..10_000).map(|i| format!("event-{i}")).collect();
        let mut ids: Vec<&str> = many.iter().map(String::as_str).collect();
        assert_eq!(first_duplicate(&ids), None);
        ids[9_000] = "event-7";
        assert_eq!(first_duplicate(&ids), Some(9_000));
    }

    #[test]
    fn duplicate_ids_are_named_at_their_second_place() {
        let ev = |id: &str| {
            format!(
                r#"{{"id":"{id}","start":"2004","headline":"B","track":"a","passages":[{{"exact":"it led"}}]}}"#
            )
        };
        let e = Timeline::load(&json(&[ev("b"), ev("c"), ev("b")].join(",")), TEXT).unwrap_err();
        assert_eq!(
            (e.path.as_str(), e.message.as_str()),
            ("events[2].id", "duplicate event id \"b\"")
        );
        // An undated item's id is in the same namespace; an earlier error is reported first.
        let e = Timeline::load(&json(&ev("u")), TEXT).unwrap_err();
        assert_eq!(e.path, "undated[0].id");
        let e = Timeline::load(&json(&[ev("B!"), ev("c"), ev("c")].join(",")), TEXT).unwrap_err();
        assert_eq!(e.path, "events[0].id");
        let tracks = r#""tracks":[{"id":"a","label":"A"},{"id":"a","label":"B"}]"#;
        let twice = json("").replace(r#""tracks":[{"id":"a","label":"A"}]"#, tracks);
        let e = Timeline::load(&twice, TEXT).unwrap_err();
        assert_eq!(
            (e.path.as_str(), e.message.as_str()),
            ("tracks[1].id", "duplicate track id \"a\"")
        );
    }

    #[test]
    fn errors_name_the_place() {
        let cases = [
            (
                r#"{"id":"b","start":"2004","headline":"B","track":"zz","passages":[{"exact":"1994"}]}"#,
                "events[0].track",
            ),
            (
                r#"{"id":"b","start":"2004","headline":"B","track":"a","passages":[{"exact":"1994"}]}"#,
                "events[0].passages[0]",
            ),
            (
                r#"{"id":"b","start":"20x4","headline":"B","track":"a","passages":[{"exact":"it led"}]}"#,
                "events[0].start",
            ),
            (
                r#"{"id":"B!","start":"2004","headline":"B","track":"a","passages":[{"exact":"it led"}]}"#,
                "events[0].id",
            ),
            (
                r#"{"id":"b","start":"2004","end":"1994","headline":"B","track":"a","passages":[{"exact":"it led"}]}"#,
                "events[0].end",
            ),
            (
                r#"{"id":"u","start":"2004","headline":"B","track":"a","passages":[{"exact":"it led"}]}"#,
                "undated[0].id",
            ),
            (
                r#"{"id":"b","start":"2004","headline":"B","track":"a","passages":[]}"#,
                "events[0].passages",
            ),
        ];
        for (ev, path) in cases {
            let e = Timeline::load(&json(ev), TEXT).unwrap_err();
            assert_eq!(e.path, path, "{e}");
        }
        assert_eq!(Timeline::load("{", TEXT).unwrap_err().path, "line 1, column 1");
        let v3 = json("").replace("\"version\":1", "\"version\":3");
        assert_eq!(Timeline::load(&v3, TEXT).unwrap_err().path, "version");
        let v2 = json("").replace("\"version\":1", "\"version\":2");
        assert_eq!(Timeline::load(&v2, TEXT).unwrap_err().path, "sources");
    }

    /// Two sources: A states the invasion in 2022 and a summit; B the invasion in
    /// February 2022. One event, stated by both.
    const TWO: &str = r#"{"version":2,"title":"Two","sources":[
        {"id":"a","title":"A","source":"Wire A","reference_date":"2022-03-01","text":"Title A\nRussia invaded in 2022.\nA summit in 2008."},
        {"id":"b","title":"B","reference_date":"2022-03-02","text":"Title B\nThe invasion began in February 2022."}],
      "tracks":[{"id":"t","label":"T"}],
      "events":[
        {"id":"inv","start":"2022-02","headline":"Invasion","track":"t",
         "passages":[{"source":"a","exact":"Russia invaded in 2022.","offset":8},{"source":"b","exact":"The invasion began in February 2022."}],
         "dates":[{"source":"a","start":"2022","stated":"in 2022"},{"source":"b","start":"2022-02","stated":"in February 2022"}]},
        {"id":"sum","start":"2008","headline":"Summit","track":"t","passages":[{"source":"a","exact":"A summit in 2008."}]}],
      "undated":[]}"#;

    #[test]
    fn version_2_holds_several_sources_and_round_trips() {
        let t = Timeline::import(TWO).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(t.sources.len(), 2);
        assert_eq!(
            &t.text[t.sources[1].range.clone()],
            "Title B\nThe invasion began in February 2022."
        );
        let inv = &t.events[0];
        assert_eq!(inv.sources(), [0, 1]);
        assert_eq!(&t.text[inv.passages[1].range.clone()], "The invasion began in February 2022.");
        assert_eq!(t.source_at(inv.passages[1].range.start), 1);
        assert!(!inv.disagrees(), "2022 contains February 2022");
        assert_eq!(t.reference_date.as_deref(), Some("2022-03-02"), "the latest");
        assert_eq!(t.source, None);
        // Written back as version 2, offsets per source, and read back the same.
        let out = t.export();
        assert!(out.contains("\"version\": 2") && out.contains("\"offset\": 8"), "{out}");
        assert_eq!(Timeline::import(&out).unwrap(), t);
        // A passage names its source when there are several; an unknown one is refused.
        let bad =
            TWO.replacen("{\"source\":\"a\",\"exact\":\"A summit", "{\"exact\":\"A summit", 1);
        assert_eq!(Timeline::import(&bad).unwrap_err().path, "events[1].passages[0]");
        let bad = TWO.replacen("{\"source\":\"b\",\"exact", "{\"source\":\"c\",\"exact", 1);
        let e = Timeline::import(&bad).unwrap_err();
        assert!(e.to_string().contains("no source has the id \"c\""), "{e}");
        // A quote resolves in its own source only.
        let bad = TWO.replacen(
            "{\"source\":\"b\",\"exact\":\"The",
            "{\"source\":\"a\",\"exact\":\"The",
            1,
        );
        assert!(Timeline::import(&bad).is_err());
    }

    #[test]
    fn version_1_loads_as_one_source_and_writes_as_version_1() {
        let t = Timeline::load(&json(""), TEXT).unwrap();
        assert_eq!(t.sources.len(), 1);
        assert_eq!(t.sources[0].range, 0..TEXT.len());
        assert_eq!(t.sources[0].title, "T");
        let out = t.to_json().write(false);
        assert!(out.starts_with("{\"version\":1,") && !out.contains("sources"), "{out}");
        let seed = include_str!("../../assets/events.json");
        let t = Timeline::load(seed, include_str!("../../assets/article.txt")).unwrap();
        let back = Timeline::import(&t.export()).unwrap();
        assert_eq!(back, t);
        let (json, raw) = (back.to_json(), DatasetJson::parse(seed).unwrap());
        assert_eq!((json.version, json.source, json.sources), (1, raw.source, raw.sources));
    }

    #[test]
    fn sources_disagree_split_merge_and_leave() {
        let t = Timeline::import(TWO).unwrap();
        let disagreeing =
            TWO.replace("\"start\":\"2022\",\"stated\"", "\"start\":\"2021\",\"stated\"");
        assert!(Timeline::import(&disagreeing).unwrap().events[0].disagrees());
        assert!(!t.events[0].disagrees(), "2022 holds February 2022");
        assert!(!t.events[1].disagrees(), "one source");
        // Split: one event per source, each at its source's date.
        let s = t.split(0).unwrap();
        assert_eq!(s.events.len(), 3);
        assert_eq!((s.events[0].id.as_str(), s.events[1].id.as_str()), ("inv", "inv-2"));
        assert_eq!(s.events[0].when.unwrap().start.value(), "2022");
        assert_eq!(s.events[1].when.unwrap().start.value(), "2022-02");
        assert!(s.events.iter().all(|e| e.dates.is_empty() && e.sources().len() == 1));
        // Merged back by hand: each source's date again.
        let m = s.merged(1, 0).unwrap();
        assert_eq!(m.events[0].sources(), [0, 1]);
        assert_eq!(m.events[0].dates.len(), 2);
        assert!(Timeline::import(&m.export()).is_ok());
        // One source, several passages: split by passage.
        assert!(s.split(2).is_err(), "one passage");
        // Removing B: the invasion stays with A's passage and A's date; the summit stays.
        let a = t.without_source(1).unwrap();
        assert_eq!(a.sources.len(), 1);
        assert_eq!(a.events.len(), 2);
        assert_eq!(a.events[0].when.unwrap().start.value(), "2022", "A's own date");
        assert!(a.events[0].dates.is_empty());
        // Removing A: the summit leaves with it.
        let b = t.without_source(0).unwrap();
        assert_eq!(b.events.len(), 1);
        assert_eq!(b.title, "Two");
        assert_eq!(&b.text, "Title B\nThe invasion began in February 2022.");
        assert!(b.without_source(0).is_err(), "the last source stays");
        // The same edits as the page asks the worker for them, by id.
        assert_eq!(t.edited("split inv"), t.split(0));
        assert_eq!(t.edited("remove b"), t.without_source(1));
        assert!(t.edited("split nope").is_err() && t.edited("remove nope").is_err());
        assert!(t.edited("rename inv").is_err());
    }

    #[test]
    fn edits_keep_the_timeline_valid_and_ordered() {
        let t = Timeline::load(
            &json(
                r#"{"id":"b","start":"2004","headline":"B","track":"a","passages":[{"exact":"Since 2004 it led."}]},
                   {"id":"c","start":"1994","headline":"C","track":"a","passages":[{"exact":"In 1994 it joined."}]}"#,
            ),
            TEXT,
        )
        .unwrap();
        assert_eq!(t.chronological, vec![1, 0]);
        let r = t.renamed(0, "  New  ").unwrap();
        assert_eq!(r.events[0].headline, "New");
        assert!(t.renamed(0, " ").is_err());
        let d = t.without(1).unwrap();
        assert_eq!((d.events.len(), d.chronological.clone()), (2, vec![0]));
        let m = t.merged(1, 0).unwrap();
        assert_eq!(m.events.len(), 2);
        assert_eq!(m.events[0].passages.len(), 2);
        assert_eq!(m.events[0].passages[0].range.start, 6, "reading order");
        assert!(t.merged(0, 0).is_err());
        let when = When::parse("1990", None, "", false).unwrap();
        let re = t.redated(0, Some(when)).unwrap();
        assert_eq!(re.chronological, vec![0, 1]);
        assert!(When::parse("2004", None, "1990", false).is_err());
        assert!(When::parse("2004", None, "2005", true).is_err());
        assert_eq!(When::parse("200", Some("START"), "", true).unwrap().end, End::Ongoing);
        assert!(When::parse("soon", None, "", false).is_err());
    }

    #[test]
    fn export_imports_back_with_the_text() {
        let t = Timeline::load(&json(""), TEXT).unwrap();
        let back = Timeline::import(&t.export()).unwrap();
        assert_eq!(back, t);
        let compact = t.export_compact();
        assert!(!compact.contains('\n'), "one line");
        assert!(compact.len() < t.export().len());
        assert_eq!(Timeline::import(&compact).unwrap(), t);
        assert_eq!(Timeline::import(&json("")).unwrap_err().path, "text");
        assert!(Timeline::import("not json").is_err());
    }

    #[test]
    fn actors_load_validate_and_are_written_only_when_present() {
        let table = r#""actors":[{"id":"rus","name":"Russia","kind":"country"},
            {"kind":"person","name":"Sergei Lavrov","id":"sergei-lavrov"},
            {"id":"nato","name":"NATO","kind":"organization"}],"events""#;
        let dated = r#"{"id":"b","start":"2004","headline":"B","track":"a","actors":["sergei-lavrov","rus"],"passages":[{"exact":"Since 2004 it led."}]}"#;
        let file = json(dated).replacen("\"events\"", table, 1).replacen(
            r#""track":"a","passages":[{"exact":"it led"}]"#,
            r#""track":"a","actors":["nato"],"passages":[{"exact":"it led"}]"#,
            1,
        );
        let t = Timeline::load(&file, TEXT).unwrap();
        assert_eq!(t.actors.len(), 3);
        assert_eq!(t.actors[1].kind, "person");
        assert_eq!(t.events[0].actors, ["sergei-lavrov", "rus"]);
        assert_eq!(t.events[1].actors, ["nato"], "undated items have actors too");
        assert_eq!(Timeline::import(&t.export()).unwrap(), t);
        let compact = t.export_compact();
        assert!(compact.contains(r#""actors":[{"id":"rus","name":"Russia","kind":"country"},"#));
        assert!(compact.contains(r#""track":"a","actors":["sergei-lavrov","rus"],"passages""#));
        // Merging an event into another gives it the other's actors, once each.
        assert_eq!(t.merged(1, 0).unwrap().events[0].actors, ["sergei-lavrov", "rus", "nato"]);
        // No actors: nothing written, so older files write back byte for byte.
        let plain = Timeline::load(
            &json(dated.replace(r#""actors":["sergei-lavrov","rus"],"#, "").as_str()),
            TEXT,
        )
        .unwrap();
        assert!(plain.actors.is_empty() && plain.events.iter().all(|e| e.actors.is_empty()));
        assert!(!plain.export().contains("actors"));
        let seed = include_str!("../../assets/events.json");
        let seed_json = DatasetJson::parse(seed).unwrap();
        assert_eq!(DatasetJson::parse(&seed_json.write(true)).unwrap(), seed_json);
        // An unknown actor is named with its event; a duplicate actor id with its place.
        let unknown = file.replacen(r#"["nato"]"#, r#"["nato","otan"]"#, 1);
        let e = Timeline::load(&unknown, TEXT).unwrap_err();
        assert_eq!(
            (e.path.as_str(), e.message.as_str()),
            ("undated[0].actors", "no actor has the id \"otan\"")
        );
        let twice = file.replacen(r#""id":"nato""#, r#""id":"rus""#, 1);
        let e = Timeline::load(&twice, TEXT).unwrap_err();
        assert_eq!(
            (e.path.as_str(), e.message.as_str()),
            ("actors[2].id", "duplicate actor id \"rus\"")
        );
        for (actor, why) in [
            (r#""id":"rus","name":"Russia","kind":"state""#, "actor \"rus\": the id must be"),
            (r#""id":"Rus","name":"Russia","kind":"country""#, "actor \"Rus\": the id must be"),
        ] {
            let bad = file.replacen(r#""id":"rus","name":"Russia","kind":"country""#, actor, 1);
            let e = Timeline::load(&bad, TEXT).unwrap_err();
            assert!(e.message.starts_with(why), "{actor}: {e}");
        }
        let missing = file.replacen(r#","name":"Russia""#, "", 1);
        assert!(Timeline::load(&missing, TEXT).is_err());
        let not_a_list = file.replacen(r#"["nato"]"#, r#""nato""#, 1);
        assert!(Timeline::load(&not_a_list, TEXT).is_err());
    }

    #[test]
    fn eras_load_validate_and_are_written_only_when_present() {
        let with = |eras: &str| {
            json("").replacen("\"events\"", &format!("\"eras\":[{eras}],\"events\""), 1)
        };
        let t = Timeline::load(
            &with(
                r#"{"label":"Cold War","start":"1947","end":{"value":"199","mod":"START"}},
                     {"start":"2008-04","end":"2008-04","label":"April"}"#,
            ),
            TEXT,
        )
        .unwrap();
        assert_eq!(t.eras.len(), 2);
        assert_eq!(t.eras[0].label, "Cold War");
        let (a, b) = t.eras[0].interval();
        assert_eq!(a, crate::core::date::ms(1947, 1, 1));
        assert!(b > crate::core::date::ms(1993, 1, 1) && b < crate::core::date::ms(1994, 1, 1));
        assert_eq!(t.eras[1].interval().1, crate::core::date::ms(2008, 5, 1));
        let back = Timeline::import(&t.export()).unwrap();
        assert_eq!(back, t);
        assert!(t.export_compact().contains(
            r#""eras":[{"label":"Cold War","start":"1947","end":{"value":"199","mod":"START"}}"#
        ));
        // No eras: nothing written, so files without them stay as they were.
        let plain = Timeline::load(&json(""), TEXT).unwrap();
        assert!(plain.eras.is_empty());
        assert!(!plain.export().contains("eras"));
        for (era, why) in [
            (r#"{"label":"A","start":"2000","end":"1999"}"#, "the end is before the start"),
            (r#"{"label":"A","start":"20x0","end":"2001"}"#, "\"20x0\" is not a date"),
            (r#"{"label":"A","start":"2000","end":"2001-13"}"#, "\"2001-13\" is not a date"),
            (r#"{"label":"A","start":"2000"}"#, "an era needs a start and an end"),
            (r#"{"label":"A","start":"2000","end":null}"#, "an era needs a start and an end"),
        ] {
            let e = Timeline::load(&with(era), TEXT).unwrap_err();
            assert!(e.message.starts_with(&format!("era \"A\": {why}")), "{era}: {e}");
            assert!(e.path.starts_with("line 1, column "), "{e}");
        }
        for era in [r#"{"start":"2000","end":"2001"}"#, "1", r#"{"label":1}"#] {
            assert!(Timeline::load(&with(era), TEXT).is_err(), "{era}");
        }
    }

    #[test]
    fn paragraphs_match_the_naive_definition_on_random_passages() {
        let text = "abcdefghij\nklmnopqrst\n\nuvwxyzABCD\nEFGHIJKLMN".to_string();
        let mut seed = 0x9e37_79b9_u64;
        for _ in 0..300 {
            let mut events = Vec::new();
            for i in 0..(seed % 6) as usize {
                crate::core::xorshift(&mut seed);
                let a = (seed % text.len() as u64) as usize;
                let b = (a + 1 + (seed >> 8) as usize % 9).min(text.len());
                let q = crate::core::anchor::Quote::at(&text, a..b);
                events.push(Event {
                    id: format!("e{i}"),
                    when: None,
                    stated: String::new(),
                    headline: String::new(),
                    summary: String::new(),
                    track: 0,
                    actors: vec![],
                    passages: vec![Passage { quote: q, range: a..b, source: 0 }],
                    dates: vec![],
                });
            }
            seed = seed.wrapping_add(1);
            let t = Timeline {
                title: String::new(),
                source: None,
                reference_date: None,
                text: text.clone(),
                sources: vec![],
                tracks: vec![],
                eras: vec![],
                actors: vec![],
                events,
                chronological: vec![],
            };
            for segs in t.paragraphs() {
                for s in segs {
                    for c in s.range.clone() {
                        let naive: Vec<usize> = (0..t.events.len())
                            .filter(|&i| t.events[i].passages.iter().any(|p| p.range.contains(&c)))
                            .collect();
                        assert_eq!(naive, s.events, "at {c}");
                    }
                }
            }
        }
    }

    #[test]
    fn paragraphs_split_at_overlapping_passages() {
        let t = Timeline::load(
            &json(
                r#"{"id":"b","start":"2004","headline":"B","track":"a","passages":[{"exact":"Since 2004 it led."}]}"#,
            ),
            TEXT,
        )
        .unwrap();
        let p = t.paragraphs();
        assert_eq!(p.len(), 3);
        let last: Vec<(&str, Vec<usize>)> =
            p[2].iter().map(|s| (&TEXT[s.range.clone()], s.events.clone())).collect();
        assert_eq!(
            last,
            vec![
                ("Since 2004 ", vec![0]),
                ("it led", vec![0, 1]),
                (".", vec![0]),
                (" In 1994 again.", vec![])
            ]
        );
    }
}
