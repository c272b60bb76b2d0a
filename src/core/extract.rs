//! From temporal expressions to timeline events: every placeable DATE expression (or range) the
//! tagger finds becomes an event anchored to the sentence that states it.
//!
//! - Values are reduced to what [`DateSpec`] can hold honestly: a time of day is dropped
//!   ("1998-01-08T10:00" → the day), a quarter, half or season becomes its year, an ISO week its
//!   month when the week lies in one month (else its year). Unplaceable values (`PRESENT_REF`,
//!   anything with X's) are skipped.
//! - "1994-2004", "from 1994 to 2004", "between 1994 and 2004" become one range event
//!   ([`End::Until`]); "since 2004" an ongoing one ([`End::Ongoing`]).
//! - One event per normalized date: further mentions add passages (one per sentence).
//! - The result always goes through [`Timeline::from_json`], so it is valid by construction;
//!   an event that fails validation is dropped rather than failing the whole timeline.

use crate::core::anchor::Quote;
use crate::core::date::{DateSpec, Modifier, Precision};
use crate::core::model::{
    sort_indices, DatasetJson, DateJson, End, EventJson, Source, Timeline, Track, When,
};
use crate::core::tagger::lexicon::in_words;
use crate::core::tagger::{self, Timex, TimexType};
use crate::core::{events, headline};
use chrono::{Datelike, NaiveDate, Weekday};
use std::ops::Range;

/// The id of the one track extracted events go to.
pub const TRACK_ID: &str = "events";

/// Longest summary, in bytes, before it is cut at a word boundary.
const SUMMARY_MAX: usize = 200;

/// Most passages kept per event (a date repeated in every sentence of a long text).
const PASSAGES_MAX: usize = 200;

/// Most words in a headline.
const HEADLINE_WORDS: usize = 8;

/// Builds a timeline from any article text: every DATE expression or range becomes an event
/// candidate, linked to the sentence that holds it.
pub fn extract(title: &str, text: &str, reference: Option<NaiveDate>) -> Timeline {
    extract_with_progress(title, text, reference, &mut |_| {})
}

/// [`extract`], reporting the fraction done (0 to 1) as it goes, for the progress bar of a
/// large article. Tagging the whole text at once keeps document-level context intact, so the
/// report comes in stages rather than per chunk.
pub fn extract_with_progress(
    title: &str,
    text: &str,
    reference: Option<NaiveDate>,
    progress: &mut dyn FnMut(f64),
) -> Timeline {
    progress(0.0);
    let timexes = tagger::tag(text, reference);
    progress(0.3);
    let mentions = events::events(text, &timexes);
    progress(0.6);
    let sentences = tagger::sentences(text);
    let doc = headline::Doc::new(text);
    let mut drafts: Vec<Draft> = Vec::new();
    let words = event_words(&doc, &timexes, &mentions, &sentences);
    // Dates no event word goes with, for after the happenings.
    let mut bare: Vec<(When, Range<usize>, Range<usize>)> = Vec::new();
    for (ti, t) in timexes.iter().enumerate() {
        let Some(when) = when_of(t) else { continue };
        let sentence = sentence_of(&sentences, t.start).unwrap_or(t.start..t.end);
        let stated = stated_range(text, t);
        let k = sentences.partition_point(|r| r.end <= t.start);
        let tok = |r: &Range<usize>| doc.token_at(r.start)..doc.token_at(r.end);
        let previous = match k.checked_sub(1).and_then(|p| sentences.get(p)) {
            Some(p) => tok(p),
            None => 0..0,
        };
        let date = doc.token_at(t.start)..doc.token_at(t.end);
        let here = tok(&sentence);
        let at_words: Vec<usize> =
            words.iter().filter(|(x, _)| *x == ti).map(|&(_, w)| w).collect();
        if at_words.is_empty() {
            bare.push((when, sentence, stated));
            continue;
        }
        // A happening: a date and an event word (its stem, so that "invaded" and "the
        // invasion" are one), its mentions across sentences merged. A linear search: an
        // article has tens of events, and a map would add its own hash table code to the wasm
        // bundle. (`When` values are normalized, so equal dates compare equal.)
        let keys: Vec<String> =
            at_words.iter().map(|&w| stem(&text[doc.toks[w].clone()])).collect();
        let around =
            |w: usize| headline::around(&doc, w, date.clone(), here.clone(), previous.clone());
        // The words one expression dates ("imposed sanctions in 2014") tell one happening.
        let known =
            drafts.iter().position(|d| d.when == when && d.keys.iter().any(|k| keys.contains(k)));
        if let Some(i) = known {
            let d = &mut drafts[i];
            // The first mention that makes a headline names the event ("the 2022 invasion"
            // says less than "the full-scale invasion in 2022").
            if !d.told {
                if let Some(h) = at_words.iter().find_map(|&w| around(w)) {
                    d.tell(text, h);
                }
            }
            for k in keys {
                if !d.keys.contains(&k) {
                    d.keys.push(k);
                }
            }
            d.add(sentence);
            continue;
        }
        // A happening no headline can be made around yet keeps its date's clause as one, until
        // another mention tells it.
        let mut d = Draft::of_date(text, when, keys, sentence, stated);
        if let Some(h) = at_words.iter().find_map(|&w| around(w)) {
            d.tell(text, h);
        }
        drafts.push(d);
    }
    // An untold happening whose sentences all tell another happening of its date is a word
    // the recognizer took for an event there ("again in 1990, the rules changed").
    let told_elsewhere = |d: &Draft, all: &[Draft]| {
        !d.told
            && d.passages
                .iter()
                .all(|p| all.iter().any(|o| o.told && o.when == d.when && o.passages.contains(p)))
    };
    let drop: Vec<bool> = drafts.iter().map(|d| told_elsewhere(d, &drafts)).collect();
    let mut k = 0;
    drafts.retain(|_| {
        k += 1;
        !drop[k - 1]
    });
    // A date without an event word: nothing new where its sentence already tells a happening
    // of that date; else one event per date, later mentions adding passages.
    for (when, sentence, stated) in bare {
        if drafts.iter().any(|d| d.when == when && d.passages.contains(&sentence)) {
            continue;
        }
        match drafts.iter_mut().find(|d| d.when == when && d.keys.is_empty()) {
            Some(d) => d.add(sentence),
            None => drafts.push(Draft::of_date(text, when, Vec::new(), sentence, stated)),
        }
    }
    // In the order the article first states them, each event's passages in text order.
    let mut order: Vec<usize> = (0..drafts.len()).collect();
    sort_indices(&mut order, &|i| {
        (drafts[i].passages.first().map_or(0, |r| r.start) as f64, i as f64)
    });
    let mut slots: Vec<Option<Draft>> = drafts.into_iter().map(Some).collect();
    let drafts: Vec<Draft> = order.into_iter().filter_map(|i| slots[i].take()).collect();
    progress(0.8);
    let timeline = build(title, text, reference, drafts);
    progress(1.0);
    timeline
}

/// The event words (token indices of `doc`) each time expression dates, as `(expression,
/// word)` pairs:
/// - the head of the noun phrase the expression modifies, recognized as an event or not
///   ("NATO’s 2008 Bucharest Summit", "the 2022 invasion"): the phrase is the happening;
/// - else the events the recognizer anchored to it;
/// - else the nearest event of its sentence that no other expression dates.
fn event_words(
    doc: &headline::Doc,
    timexes: &[Timex],
    mentions: &[events::EventMention],
    sentences: &[Range<usize>],
) -> Vec<(usize, usize)> {
    let at = |m: &events::EventMention| doc.token_at(m.span.start);
    // The mentions (in text order) within a byte range, by binary search: a long article
    // has tens of thousands of them.
    let within = |r: Range<usize>| {
        let from = mentions.partition_point(|m| m.span.start < r.start);
        mentions[from..].iter().take_while(move |m| m.span.end <= r.end)
    };
    // Each expression's anchored mentions.
    let mut anchored: Vec<Vec<usize>> = vec![Vec::new(); timexes.len()];
    for (i, m) in mentions.iter().enumerate() {
        if let Some(slot) = m.anchor.and_then(|t| anchored.get_mut(t)) {
            slot.push(i);
        }
    }
    let mut out = Vec::new();
    // "Speaking to reporters on Monday, Lavrov said ...": a participle opening the sentence
    // gives way to the main clause's first event.
    let main_clause = |w: usize, s: &Range<usize>| {
        if !headline::fronted_participle(doc, w, doc.token_at(s.start)) {
            return w;
        }
        let comma = (w..doc.token_at(s.end)).find(|&k| &doc.text[doc.toks[k].clone()] == ",");
        let after = comma.and_then(|c| within(doc.toks[c].end..s.end).next().map(at));
        after.unwrap_or(w)
    };
    for (ti, t) in timexes.iter().enumerate() {
        let s = sentence_of(sentences, t.start).unwrap_or(t.start..t.end);
        let (a, b) = (doc.token_at(t.start), doc.token_at(t.end));
        let noun =
            headline::modified_noun(doc, a, b).or_else(|| headline::possessed_before(doc, a));
        if let Some(head) = noun {
            out.push((ti, head));
            continue;
        }
        let before = out.len();
        out.extend(anchored[ti].iter().map(|&m| (ti, main_clause(at(&mentions[m]), &s))));
        if out.len() > before {
            continue;
        }
        let Some(sentence) = sentence_of(sentences, t.start) else { continue };
        let free = within(sentence.clone())
            .filter(|m| m.anchor.is_none() && headline::same_clause(doc, at(m), a));
        // The predicate the date phrase hangs off is more often before it than after.
        let cost =
            |m: &&events::EventMention| if at(m) < a { a - at(m) } else { 2 * (at(m) + 1 - b) };
        if let Some(m) = free.min_by_key(cost) {
            out.push((ti, at(m)));
        }
    }
    out
}

/// The stem that tells one happening's words apart from another's: lowercase, common verb and
/// nominal endings off, and "invas-" read as "invad-" ("invaded", "invasion", "invades").
pub(crate) fn stem(word: &str) -> String {
    let mut w = word.to_ascii_lowercase();
    for _ in 0..2 {
        for suffix in
            ["ations", "ation", "ions", "ion", "ments", "ment", "ings", "ing", "ed", "es", "s", "e"]
        {
            if w.len() >= suffix.len() + 4 && w.ends_with(suffix) {
                w.truncate(w.len() - suffix.len());
                break;
            }
        }
    }
    let b = w.as_bytes();
    if b.len() > 3 && b[b.len() - 1] == b's' && b"aeiou".contains(&b[b.len() - 2]) {
        w.pop();
        w.push('d');
    }
    w
}

/// An event before validation.
struct Draft {
    when: When,
    /// The stems of the event words, none for a date no event word was found for.
    keys: Vec<String>,
    /// Whether the headline was built around the event word (else from the date's clause).
    told: bool,
    stated: String,
    headline: String,
    summary: String,
    passages: Vec<Range<usize>>,
}

impl Draft {
    /// A date's event with the clause headline of the old extraction, for a date no event word
    /// anchors (or none makes a headline of).
    fn of_date(
        text: &str,
        when: When,
        keys: Vec<String>,
        sentence: Range<usize>,
        date: Range<usize>,
    ) -> Draft {
        let stated = text[date.clone()].to_string();
        let (headline, clause) = headline(text, sentence.clone(), date);
        let summary = summary(text.get(clause).unwrap_or(""));
        Draft { when, keys, told: false, stated, headline, summary, passages: vec![sentence] }
    }

    /// Takes a headline built around the event word, and its clause as the summary.
    fn tell(&mut self, text: &str, h: headline::Headline) {
        self.headline = capitalize(h.text);
        self.summary = summary(text.get(h.clause).unwrap_or(""));
        self.told = true;
    }

    /// One more passage, kept in text order without repeats, up to [`PASSAGES_MAX`].
    fn add(&mut self, sentence: Range<usize>) {
        if self.passages.len() >= PASSAGES_MAX || self.passages.contains(&sentence) {
            return;
        }
        let at = self.passages.partition_point(|r| r.start < sentence.start);
        self.passages.insert(at, sentence);
    }
}

/// Assembles the dataset and validates it, dropping events that fail until it loads.
fn build(title: &str, text: &str, reference: Option<NaiveDate>, drafts: Vec<Draft>) -> Timeline {
    // How many events so far have each id base, sorted by base.
    let mut used: Vec<(String, usize)> = Vec::new();
    let mut events: Vec<EventJson> = drafts
        .into_iter()
        .map(|d| {
            let base = id_base(&d.when, &d.headline);
            let n = match used.binary_search_by(|(b, _)| b.as_str().cmp(&base)) {
                Ok(k) => {
                    used[k].1 += 1;
                    used[k].1
                }
                Err(k) => {
                    used.insert(k, (base.clone(), 1));
                    1
                }
            };
            let id = if n == 1 { base } else { with_suffix(&base, n) };
            let (start, end, ongoing) = DateJson::of(Some(d.when));
            EventJson {
                id,
                start,
                end,
                ongoing,
                stated: d.stated,
                headline: d.headline,
                summary: d.summary,
                track: TRACK_ID.to_string(),
                actors: Vec::new(),
                passages: d.passages.into_iter().map(|r| Quote::at(text, r)).collect(),
                dates: Vec::new(),
            }
        })
        .collect();
    // A suffixed id may still clash with a base id ("x-2" stated twice): make ids unique.
    // `seen` is kept sorted (a binary search instead of a hash set keeps the bundle small).
    let mut seen: Vec<String> = Vec::with_capacity(events.len());
    for e in &mut events {
        let mut k = 2;
        let base = e.id.clone();
        loop {
            match seen.binary_search(&e.id) {
                Ok(_) => {
                    e.id = with_suffix(&base, k);
                    k += 1;
                }
                Err(at) => {
                    seen.insert(at, e.id.clone());
                    break;
                }
            }
        }
    }
    let dataset = |events: Vec<EventJson>| DatasetJson {
        version: 1,
        title: title.to_string(),
        source: None,
        reference_date: reference.map(crate::core::date::iso),
        tracks: vec![Track { id: TRACK_ID.to_string(), label: "Dated events".to_string() }],
        eras: Vec::new(),
        actors: Vec::new(),
        events,
        undated: Vec::new(),
        text: None,
        sources: Vec::new(),
    };
    loop {
        match Timeline::from_json(dataset(events.clone()), text.to_string()) {
            Ok(t) => return t,
            Err(e) => {
                let bad = e
                    .path
                    .strip_prefix("events[")
                    .and_then(|r| r.split(']').next())
                    .and_then(|n| n.parse::<usize>().ok())
                    .filter(|&i| i < events.len());
                match bad {
                    Some(i) => {
                        events.remove(i);
                    }
                    None if !events.is_empty() => events.clear(),
                    None => {
                        // Cannot happen for an empty dataset with one track; stay total anyway.
                        return Timeline {
                            title: title.to_string(),
                            source: None,
                            reference_date: None,
                            text: text.to_string(),
                            sources: vec![Source {
                                id: "article".into(),
                                title: title.to_string(),
                                outlet: None,
                                reference_date: None,
                                range: 0..text.len(),
                            }],
                            tracks: Vec::new(),
                            eras: Vec::new(),
                            actors: Vec::new(),
                            events: Vec::new(),
                            chronological: Vec::new(),
                        };
                    }
                }
            }
        }
    }
}

// ------------------------------------------------------------------------------- dates

/// The event date of an expression, or `None` when it is not a placeable date.
pub(crate) fn when_of(t: &Timex) -> Option<When> {
    if t.kind != TimexType::Date {
        return None;
    }
    let modifier = t.modifier.as_deref().and_then(Modifier::from_timeml);
    let start = reduce(&t.value, modifier)?;
    let end = match &t.range_end {
        Some(v) => match reduce(v, None) {
            Some(e) if e.interval().1 >= start.interval().1 && e != start => End::Until(e),
            Some(_) => End::Point,
            None => return None,
        },
        None if t.since => End::Ongoing,
        None => End::Point,
    };
    Some(When { start, end })
}

/// A TimeML date value as the coarsest honest [`DateSpec`]; `None` if it cannot be placed.
pub fn reduce(value: &str, modifier: Option<Modifier>) -> Option<DateSpec> {
    if value.is_empty() || value.contains('X') || value.ends_with("_REF") {
        return None;
    }
    // A time of day: keep the day.
    let value = value.split('T').next().unwrap_or(value);
    if let Ok(d) = DateSpec::parse(value, modifier.map(Modifier::as_timeml)) {
        return Some(d);
    }
    let (year, rest) = value.split_once('-')?;
    if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let y: i32 = year.parse().ok()?;
    // Quarters, halves and seasons ("1998-Q3", "1998-H1", "1998-SU"): the year. The
    // modifier described the part, not the year, so it is dropped.
    if matches!(rest, "Q1" | "Q2" | "Q3" | "Q4" | "H1" | "H2" | "SP" | "SU" | "FA" | "WI") {
        return DateSpec::parse(year, None).ok();
    }
    // ISO weeks ("1998-W02", "1998-W02-WE"): the month if the week lies in one, else the year.
    let week = rest.strip_prefix('W')?;
    let week = week.strip_suffix("-WE").unwrap_or(week);
    let w: u32 = week.parse().ok().filter(|_| week.bytes().all(|b| b.is_ascii_digit()))?;
    let mon = NaiveDate::from_isoywd_opt(y, w, Weekday::Mon)?;
    let sun = NaiveDate::from_isoywd_opt(y, w, Weekday::Sun)?;
    if mon.year() == sun.year() && mon.month() == sun.month() {
        DateSpec::parse(&format!("{:04}-{:02}", mon.year(), mon.month()), None).ok()
    } else if mon.year() == sun.year() {
        DateSpec::parse(&format!("{:04}", mon.year()), None).ok()
    } else {
        None
    }
}

// ------------------------------------------------------------------------------- text

/// The byte range of the expression as stated, with "since" in front when it governs it.
fn stated_range(text: &str, t: &Timex) -> Range<usize> {
    if t.since {
        let before = text[..t.start].trim_end();
        if before.len() >= 5 {
            let cut = before.len() - 5;
            if before.is_char_boundary(cut) && before[cut..].eq_ignore_ascii_case("since") {
                let at_word = cut == 0 || !before[..cut].ends_with(is_word_char);
                if at_word {
                    return cut..t.end;
                }
            }
        }
    }
    t.start..t.end
}

/// The sentence holding byte `at` (binary search over sorted, disjoint sentence ranges).
fn sentence_of(sentences: &[Range<usize>], at: usize) -> Option<Range<usize>> {
    let i = sentences.partition_point(|r| r.end <= at);
    sentences.get(i).filter(|r| r.start <= at).cloned()
}

/// The sentence, cut at a word boundary after at most [`SUMMARY_MAX`] bytes.
fn summary(sentence: &str) -> String {
    shorten(sentence, SUMMARY_MAX)
}

/// `s` trimmed and cut to at most `max` bytes at a word (past half of it), with an ellipsis
/// when cut, and no comma or dash left before the ellipsis.
pub(crate) fn shorten(s: &str, max: usize) -> String {
    let s = s.trim();
    if s.len() <= max {
        return s.to_string();
    }
    let mut cut = max;
    while !s.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = &s[..cut];
    let head = match head.rfind(char::is_whitespace) {
        Some(i) if i > max / 2 => &head[..i],
        _ => head,
    };
    format!("{}…", head.trim_end_matches(|c: char| c.is_whitespace() || ",;:–—-".contains(c)))
}

/// A letter or digit, for word boundaries. ASCII exactly; beyond ASCII, anything outside the
/// blocks of punctuation, symbols and emoji counts as a letter. (Exact Unicode `is_alphanumeric`
/// adds its tables, about 2 KB gzipped, to the wasm bundle; the rare symbols the approximation
/// misjudges, such as "℃" or a combining accent, only affect headline tidying.)
fn is_word_char(c: char) -> bool {
    match u32::from(c) {
        0..=0x7f => c.is_ascii_alphanumeric(),
        // Latin-1 punctuation and symbols, except the letters and digits among them.
        0x80..=0xbf => matches!(c, 'ª' | 'µ' | 'º' | '²' | '³' | '¹' | '¼' | '½' | '¾'),
        0xd7 | 0xf7 => false,
        // General punctuation, currency, arrows, mathematical and technical symbols, box
        // drawing, shapes, dingbats, CJK punctuation, half- and full-width punctuation, emoji.
        0x2000..=0x206f | 0x20a0..=0x20ff | 0x2190..=0x245f | 0x2500..=0x2775 => false,
        0x2794..=0x2bff | 0x3000..=0x3004 | 0x3008..=0x3020 | 0x302a..=0x3030 => false,
        0x3036 | 0x3037 | 0x303d..=0x303f | 0xfe30..=0xfe4f | 0xff01..=0xff0f => false,
        0x1f000..=0x1faff => false,
        _ => true,
    }
}

/// Straight and curly quotes.
fn is_quote(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '”' | '‘' | '’')
}

/// The word without surrounding punctuation, ASCII-lowercased: it is only ever compared with
/// English function words. (Full Unicode lowercasing would pull about 20 KB of case tables
/// into the wasm bundle.)
fn lower(w: &str) -> String {
    w.trim_matches(|c: char| !is_word_char(c)).to_ascii_lowercase()
}

/// The uppercase of a lowercase letter of the Latin-1, Greek or Cyrillic alphabets, else `c`
/// itself: enough for the first letter of a headline without the full Unicode case tables.
fn upper(c: char) -> char {
    let shift = match c {
        'a'..='z' | 'à'..='ö' | 'ø'..='þ' | 'α'..='ρ' | 'σ'..='ω' | 'а'..='я' => 32,
        'ѐ'..='џ' => 80,
        'ÿ' => return 'Ÿ',
        _ => 0,
    };
    char::from_u32(c as u32 - shift).unwrap_or(c)
}

/// Words a headline does not start with (sorted).
const LEAD: &[&str] = &[
    "a",
    "after",
    "also",
    "an",
    "and",
    "are",
    "as",
    "at",
    "been",
    "before",
    "but",
    "by",
    "during",
    "following",
    "for",
    "from",
    "had",
    "has",
    "have",
    "however",
    "in",
    "is",
    "meanwhile",
    "of",
    "on",
    "or",
    "since",
    "so",
    "such",
    "than",
    "that",
    "the",
    "then",
    "these",
    "this",
    "through",
    "to",
    "until",
    "was",
    "were",
    "when",
    "where",
    "which",
    "while",
    "with",
    "yet",
];

/// Words a headline does not end with (sorted).
const TRAIL: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "been", "but", "by", "for", "from", "had", "has", "have",
    "her", "his", "in", "is", "its", "of", "on", "or", "since", "that", "the", "their", "to",
    "was", "were", "which", "who", "with",
];

/// Prepositions that introduce a date and go with it ("in 1994", "since 2004"); sorted.
const DATE_PREPS: &[&str] =
    &["at", "by", "during", "from", "in", "of", "on", "since", "through", "until"];

/// Words a headline does not start with.
fn is_lead(w: &str) -> bool {
    in_words(LEAD, lower(w).as_bytes())
}

/// Words a headline does not end with.
fn is_trail(w: &str) -> bool {
    in_words(TRAIL, lower(w).as_bytes())
}

/// Prepositions that introduce a date and go with it ("in 1994", "since 2004").
fn is_date_prep(w: &str) -> bool {
    in_words(DATE_PREPS, lower(w).as_bytes())
}

/// Manner adverbs ("initially", "gradually") add nothing to a headline.
fn is_ly_adverb(w: &str) -> bool {
    let l = lower(w);
    w.starts_with(|c: char| c.is_ascii_lowercase())
        && l.len() > 4
        && l.ends_with("ly")
        && l.bytes().all(|b| b.is_ascii_lowercase())
        && !in_words(NOT_ADVERBS, l.as_bytes())
}

/// Words in "-ly" that are not manner adverbs (sorted).
const NOT_ADVERBS: &[&str] = &[
    "anomaly", "apply", "assembly", "comply", "daily", "early", "elderly", "family", "friendly",
    "imply", "italy", "likely", "monopoly", "monthly", "multiply", "rally", "reply", "supply",
    "weekly", "yearly",
];

/// Clause ranges (relative to `s`), cut at punctuation and at " and " / " but ", never
/// inside `keep` (the date phrase, which may hold a comma: "April 3, 2008").
fn clauses(s: &str, keep: &Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = s.as_bytes();
    for (i, c) in s.char_indices() {
        if i < start || (keep.start <= i && i < keep.end) {
            continue;
        }
        let cut_len = match c {
            ',' | ';' | ':' | '(' | ')' | '[' | ']' | '"' | '“' | '”' | '–' | '—' => {
                Some(c.len_utf8())
            }
            '-' if i > 0 && bytes.get(i - 1) == Some(&b' ') && bytes.get(i + 1) == Some(&b' ') => {
                Some(1)
            }
            ' ' => {
                let rest = &s[i..];
                let word = |w: &str| {
                    rest.len() > w.len() + 1
                        && rest[1..].starts_with(w)
                        && rest.as_bytes().get(w.len() + 1) == Some(&b' ')
                };
                if (word("and") || word("but")) && !(keep.start > i && keep.start < i + 5) {
                    Some(1)
                } else {
                    None
                }
            }
            _ => None,
        };
        if let Some(n) = cut_len {
            if start < i {
                out.push(start..i);
            }
            start = i + n;
        }
    }
    if start < s.len() {
        out.push(start..s.len());
    }
    out
}

/// Words of `s[r]` minus the `skip` range, with the index in the word list where the skipped
/// range was.
fn words_without<'a>(s: &'a str, r: &Range<usize>, skip: &Range<usize>) -> (Vec<&'a str>, usize) {
    let mut words = Vec::new();
    let mut at = usize::MAX;
    let mut pos = r.start;
    for w in s[r.clone()].split_whitespace() {
        // Byte offset of this word within `s`.
        let off = match s[pos..r.end].find(w) {
            Some(o) => pos + o,
            None => break,
        };
        pos = off + w.len();
        let overlaps = off < skip.end && skip.start < off + w.len();
        if overlaps {
            if at == usize::MAX {
                at = words.len();
            }
            // Keep what is glued outside the date ("(1994-2004)," → nothing useful).
            continue;
        }
        words.push(w);
    }
    let at = if at == usize::MAX { words.len() } else { at };
    (words, at)
}

/// Cleans a word list into a headline: leading/trailing function words and manner adverbs
/// go, at most [`HEADLINE_WORDS`] words stay.
fn tidy(mut words: Vec<&str>) -> Vec<&str> {
    words.retain(|w| !is_ly_adverb(w) && w.chars().any(is_word_char));
    while words.first().is_some_and(|w| is_lead(w)) {
        words.remove(0);
    }
    words.truncate(HEADLINE_WORDS);
    while words.last().is_some_and(|w| is_trail(w) || headline::bad_end(w)) {
        words.pop();
    }
    words
}

/// A short headline from the clause of `sentence` that holds `date` (absolute byte ranges),
/// and that clause (the sentence when none is found).
fn headline(text: &str, sentence: Range<usize>, date: Range<usize>) -> (String, Range<usize>) {
    let s = &text[sentence.clone()];
    let d = date.start.saturating_sub(sentence.start)..date.end.saturating_sub(sentence.start);
    let d = d.start.min(s.len())..d.end.min(s.len());
    let parts = clauses(s, &d);
    let here = parts.iter().position(|c| c.start <= d.start && d.start < c.end.max(c.start + 1));
    let mut chosen: Vec<&str> = Vec::new();
    let mut clause = sentence.clone();
    if let Some(k) = here {
        let (mut words, mut at) = words_without(s, &parts[k], &d);
        // The preposition that introduced the date goes with it ("in 1994").
        while at > 0 && at <= words.len() && is_date_prep(words[at - 1]) {
            words.remove(at - 1);
            at -= 1;
        }
        // "Sergei Lavrov, who has served ...": name the subject instead of "who".
        if words.first().is_some_and(|w| lower(w) == "who") && k > 0 {
            let (subject, _) = words_without(s, &parts[k - 1], &(0..0));
            if (1..=4).contains(&subject.len()) {
                words.splice(0..1, subject);
            }
        }
        chosen = tidy(words);
        clause = sentence.start + parts[k].start..sentence.start + parts[k].end;
        // A clause that was only the date ("(1994-2004)"): the clause before it, else after.
        if chosen.len() < 2 {
            let near = (0..k).rev().chain(k + 1..parts.len());
            for j in near {
                let (w, _) = words_without(s, &parts[j], &d);
                let w = tidy(w);
                if w.len() >= 2 {
                    chosen = w;
                    clause = sentence.start + parts[j].start..sentence.start + parts[j].end;
                    break;
                }
            }
        }
    }
    if chosen.is_empty() {
        let (w, _) = words_without(s, &(0..s.len()), &d);
        chosen = tidy(w);
    }
    let mut h = chosen.join(" ");
    while h.ends_with(|c: char| {
        matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | '–' | '—' | '-' | '(') || is_quote(c)
    }) {
        h.pop();
    }
    while h.starts_with(|c: char| c == '(' || is_quote(c)) {
        h.remove(0);
    }
    if h.is_empty() {
        return (format!("Event of {}", &text[date]), sentence);
    }
    (capitalize(h), clause)
}

/// `h` with its first letter in upper case.
fn capitalize(h: String) -> String {
    match h.chars().next() {
        Some(f) if upper(f) != f => {
            let mut out = String::with_capacity(h.len());
            out.push(upper(f));
            out.push_str(&h[f.len_utf8()..]);
            out
        }
        _ => h,
    }
}

// ------------------------------------------------------------------------------- ids

/// Longest id the model accepts.
const ID_MAX: usize = 64;

fn slug_words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect()
}

/// "1994-partnership-for-peace": the date, then the headline's content words.
fn id_base(when: &When, headline: &str) -> String {
    let spec = |d: &DateSpec| {
        let mut v = d.value();
        if let Some(m) = d.modifier {
            v.push('-');
            v.push_str(&m.as_timeml().to_ascii_lowercase());
        }
        if d.precision == Precision::Decade {
            v.push('s');
        }
        v
    };
    let mut id = spec(&when.start);
    match when.end {
        End::Until(e) => {
            id.push('-');
            id.push_str(&spec(&e));
        }
        End::Ongoing => id.push_str("-on"),
        End::Point => {}
    }
    let words: Vec<String> = slug_words(headline)
        .into_iter()
        .filter(|w| !is_lead(w) && !is_trail(w) && w != "s")
        .take(4)
        .collect();
    for w in words {
        if id.len() + 1 + w.len() > ID_MAX - 4 {
            break;
        }
        id.push('-');
        id.push_str(&w);
    }
    id.truncate(ID_MAX - 4);
    id.trim_matches('-').to_string()
}

fn with_suffix(base: &str, n: usize) -> String {
    let suffix = format!("-{n}");
    let mut b = base.to_string();
    b.truncate(ID_MAX - suffix.len());
    format!("{}{suffix}", b.trim_end_matches('-'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_lists_are_sorted() {
        use crate::core::tagger::lexicon::assert_sorted;
        assert_sorted("LEAD", LEAD);
        assert_sorted("TRAIL", TRAIL);
        assert_sorted("DATE_PREPS", DATE_PREPS);
        assert_sorted("NOT_ADVERBS", NOT_ADVERBS);
    }

    #[test]
    fn word_chars_match_unicode_where_it_matters() {
        // Exact for ASCII and Latin-1, Greek, Cyrillic, CJK letters and common punctuation.
        let ranges = [
            0u32..0x250,
            0x391..0x3a2,
            0x3a3..0x3ca,
            0x400..0x482,
            0x2000..0x2070,
            0x20a0..0x2100,
            0x2190..0x2460,
            0x2500..0x2c00,
            0x3000..0x3040,
            0x4e00..0x4f00,
            0x1f300..0x1f600,
        ];
        for c in ranges.into_iter().flatten().filter_map(char::from_u32) {
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?}");
        }
        for c in ['😀', '€', '→', '…', '«', '»', '©', '°'] {
            assert!(!is_word_char(c), "{c:?}");
        }
    }

    #[test]
    fn uppercases_first_letters() {
        assert_eq!(upper('a'), 'A');
        assert_eq!(upper('é'), 'É');
        assert_eq!(upper('ÿ'), 'Ÿ');
        assert_eq!(upper('щ'), 'Щ');
        assert_eq!(upper('ё'), 'Ё');
        assert_eq!(upper('ω'), 'Ω');
        for c in ['÷', 'ß', 'ς', 'A', '1', '“', '中'] {
            assert_eq!(upper(c), c);
        }
        for c in ('a'..='z').chain('à'..='þ').chain('α'..='ω').chain('а'..='џ') {
            let u = upper(c);
            if u != c {
                assert_eq!(c.to_uppercase().collect::<String>(), u.to_string(), "{c}");
            }
        }
    }

    #[test]
    fn reduces_values_honestly() {
        let v = |s: &str| reduce(s, None).map(|d| d.value());
        assert_eq!(v("1998-01-08T10:00"), Some("1998-01-08".into()));
        assert_eq!(v("1998-Q3"), Some("1998".into()));
        assert_eq!(v("1998-SU"), Some("1998".into()));
        assert_eq!(v("1998-W02"), Some("1998-01".into()));
        assert_eq!(v("1998-W05"), Some("1998".into()), "26 Jan - 1 Feb spans two months");
        assert_eq!(v("1998-W02-WE"), Some("1998-01".into()));
        assert_eq!(v("200"), Some("200".into()));
        for bad in ["PRESENT_REF", "XXXX-XX-XX", "1998-WXX", "P20Y", "", "1998-W99", "abc"] {
            assert_eq!(v(bad), None, "{bad}");
        }
    }

    #[test]
    fn summary_cuts_at_a_word() {
        let long = "word ".repeat(100);
        let s = summary(&long);
        assert!(s.len() <= SUMMARY_MAX + '…'.len_utf8());
        assert!(s.ends_with("word…"));
        assert_eq!(summary("Short one."), "Short one.");
    }

    #[test]
    fn ids_are_valid_and_bounded() {
        let when = When { start: DateSpec::year(1994), end: End::Point };
        let id = id_base(&when, &"Ünïcode wörds and a very long headline indeed ".repeat(10));
        assert!(id.len() <= ID_MAX);
        assert!(id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'));
        assert!(id.starts_with("1994-"));
        assert_eq!(with_suffix(&"x".repeat(64), 12).len(), 64);
    }
}
