//! Several articles, one timeline: a new source's events join a timeline's, and a mention
//! of a happening the timeline already has joins that event instead of making another.
//!
//! Two mentions are the same happening when
//! - they name it with the same event word, by stem or by a small table of news synonyms
//!   ("raided" / "the raid", "clashes" / "fighting"),
//! - their arguments agree: an actor or a content word in common, and
//! - their dates are compatible: one contains the other or they overlap ("2015" and
//!   "February 2015").
//!
//! Dates that do not overlap but lie close (Monday and Tuesday; 2012 and 2013) still make one
//! event when the arguments agree strongly (an actor and a word in common, or three things):
//! the sources disagree, and the event keeps each source's date. Everything here runs in the
//! tagging worker and the `timeml` command, never in the app's first load.

use crate::core::events;
use crate::core::extract::stem;
use crate::core::model::{DatasetJson, Event, EventJson, SourceDateJson, Timeline};

/// Words that say nothing about which happening it is.
const STOP: &[&str] = &[
    "a",
    "about",
    "after",
    "again",
    "against",
    "all",
    "also",
    "an",
    "and",
    "any",
    "april",
    "are",
    "as",
    "at",
    "august",
    "be",
    "been",
    "before",
    "being",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "day",
    "december",
    "did",
    "do",
    "during",
    "each",
    "earlier",
    "early",
    "february",
    "for",
    "friday",
    "from",
    "had",
    "has",
    "have",
    "he",
    "her",
    "his",
    "in",
    "into",
    "is",
    "it",
    "its",
    "january",
    "july",
    "june",
    "last",
    "late",
    "later",
    "march",
    "may",
    "monday",
    "month",
    "more",
    "most",
    "new",
    "next",
    "not",
    "november",
    "october",
    "of",
    "on",
    "one",
    "or",
    "other",
    "our",
    "over",
    "said",
    "saturday",
    "says",
    "september",
    "she",
    "since",
    "some",
    "sunday",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "three",
    "thursday",
    "to",
    "today",
    "tuesday",
    "two",
    "under",
    "until",
    "up",
    "was",
    "we",
    "wednesday",
    "week",
    "were",
    "when",
    "where",
    "which",
    "while",
    "who",
    "will",
    "with",
    "would",
    "year",
    "years",
    "yesterday",
];

/// Words news uses for one kind of happening; a word of a group matches any other of it.
const SYNONYMS: &[&[&str]] = &[
    &["fight", "fighting", "clash", "clashes", "battle", "skirmish", "shootout", "combat"],
    &["attack", "strike", "assault", "raid", "bombing", "shelling", "offensive"],
    &["kill", "killed", "death", "deaths", "died", "dead"],
    &["meet", "meeting", "met", "talks", "summit", "conference"],
    &["sign", "signed", "signing", "inked"],
    &["agree", "agreed", "agreement", "accord", "deal", "pact", "treaty", "truce"],
    &["call", "called", "urge", "urged", "appeal", "appealed"],
    &["say", "said", "state", "stated", "announce", "announced", "declare", "declared"],
    &["arrest", "arrested", "detain", "detained", "detention"],
    &["vote", "voted", "voting", "election", "elected", "ballot", "poll", "polling"],
    &["file", "filed", "lodge", "lodged", "submit", "submitted", "petition"],
    &["expel", "expelled", "expulsion"],
    &["invade", "invaded", "invasion", "incursion"],
    &["ceasefire", "truce", "armistice"],
    &["ruling", "ruled", "verdict", "judgment", "judgement"],
    &["sanction", "sanctions", "sanctioned", "penalties"],
];

/// Auxiliaries and copulas the recognizer may mark, which say nothing of the happening.
const AUX: &[&str] = &["be", "been", "being", "had", "has", "have", "is", "was", "were"];

/// What a mention says, for matching, as keys: a synonym group's number ("#3") or a stem.
struct Sig {
    /// Its event words (or its headline's words, when it has none).
    kinds: Vec<String>,
    /// Its other content words.
    words: Vec<String>,
    /// Its actors' ids.
    actors: Vec<String>,
    /// Its interval in UTC ms, for a dated event.
    span: Option<(f64, f64)>,
}

/// The content words of `text`, lowercased, without numbers and stop words.
fn content(text: &str) -> Vec<String> {
    // ASCII case and punctuation only: the worker's wasm carries no Unicode tables.
    let apart =
        |c: char| (c.is_ascii() && !c.is_ascii_alphanumeric() && c != '-') || "’‘“”—–".contains(c);
    text.split(apart)
        .map(|w| w.trim_matches('-').to_ascii_lowercase())
        .filter(|w| w.len() > 2 && !w.bytes().any(|b| b.is_ascii_digit()))
        .filter(|w| STOP.binary_search(&w.as_str()).is_err())
        .collect()
}

/// The synonym groups by stem, sorted: "raided" is in the group of "raid".
fn groups() -> Vec<(String, usize)> {
    let mut out: Vec<(String, usize)> = (SYNONYMS.iter().enumerate())
        .flat_map(|(g, words)| words.iter().map(move |w| (stem(w), g)))
        .collect();
    out.sort_unstable();
    out
}

/// A word's key: its synonym group, else its stem with an adjective's or a noun's "-ent",
/// "-ence", "-ant" or "-ance" off ("independent", "independence").
fn key(groups: &[(String, usize)], word: &str) -> String {
    let mut w = stem(word);
    let at = groups.partition_point(|g| g.0 < w);
    if let Some((_, g)) = groups.get(at).filter(|g| g.0 == w) {
        return format!("#{g}");
    }
    for end in ["enc", "ent", "anc", "ant"] {
        if w.len() >= end.len() + 5 && w.ends_with(end) {
            w.truncate(w.len() - end.len());
            break;
        }
    }
    w
}

fn signature(groups: &[(String, usize)], e: &Event) -> Sig {
    let key = |w: &str| key(groups, w);
    let head = &e.headline;
    let found: Vec<String> = events::events(head, &[])
        .into_iter()
        .filter_map(|m| head.get(m.span))
        .map(str::to_ascii_lowercase)
        .filter(|w| !AUX.contains(&w.as_str()))
        .collect();
    let kinds_of = if found.is_empty() { content(head) } else { found };
    let mut kinds: Vec<String> = kinds_of.iter().map(|w| key(w)).collect();
    kinds.sort_unstable();
    kinds.dedup();
    let mut words: Vec<String> = content(&format!("{head} {}", e.summary))
        .iter()
        .map(|w| key(w))
        .filter(|w| kinds.binary_search(w).is_err())
        .collect();
    words.sort_unstable();
    words.dedup();
    Sig { kinds, words, actors: e.actors.clone(), span: e.when.map(|w| w.interval(f64::MAX)) }
}

/// How many of `a` are in `b` (sorted).
fn shared(a: &[String], b: &[String]) -> usize {
    a.iter().filter(|x| b.binary_search(x).is_ok()).count()
}

/// How well `b` matches `a` as the same happening, and whether their dates disagree; `None`
/// when they are different happenings.
fn score(a: &Sig, b: &Sig, say: &str) -> Option<(usize, bool)> {
    let (sa, sb) = (a.span?, b.span?);
    // The same event word; else an event word of one among the other's words ("the 2016
    // ruling" and "ruled in 2016" aside, "signed" in "an agreement signed in 2009").
    let kinds = shared(&a.kinds, &b.kinds);
    let cross = shared(&a.kinds, &b.words) + shared(&b.kinds, &a.words);
    let actors = a.actors.iter().filter(|x| b.actors.contains(x)).count();
    let words = shared(&a.words, &b.words);
    // Reporting verbs are a happening of their own only when the same speaker reports:
    // "the WHO said" and "the WHO announced", not "monitors said" and "agencies said".
    let speaker = !a.actors.is_empty() && a.actors.first() == b.actors.first();
    let kinds = if kinds == 1
        && a.kinds.iter().any(|k| k == say)
        && b.kinds.iter().any(|k| k == say)
        && !speaker
    {
        0
    } else {
        kinds
    };
    let overlap = sa.0 < sb.1 && sb.0 < sa.1;
    let score = 4 * kinds + 2 * cross + actors + words;
    if overlap {
        let same = (kinds > 0 && (actors + words > 0 || kinds > 1))
            || (cross > 0 && actors + words > 1)
            || words > 2;
        return same.then_some((10 + score, false));
    }
    // Close, not overlapping: no farther apart than the longer of the two lasts; then the
    // arguments must agree more.
    let gap = (sb.0 - sa.1).max(sa.0 - sb.1);
    let near = gap <= (sa.1 - sa.0).max(sb.1 - sb.0);
    let strong = kinds + cross > 0 && ((actors > 0 && words > 0) || words > 1 || actors > 1);
    (near && strong).then_some((score, true))
}

/// For each event of `new`, the event of `base` it is the same happening as, if any. One to
/// one, best pairs first: within one article, two events are two happenings (its extraction
/// already joined the mentions of one), so two of them never join the same event.
pub fn matches(base: &Timeline, new: &Timeline) -> Vec<Option<usize>> {
    let groups = groups();
    let say = key(&groups, "said");
    let old: Vec<Sig> = base.events.iter().map(|e| signature(&groups, e)).collect();
    let mut pairs: Vec<(usize, usize, usize)> = Vec::new();
    for (n, e) in new.events.iter().enumerate() {
        let s = signature(&groups, e);
        for (o, sig) in old.iter().enumerate() {
            if let Some((score, _)) = score(&s, sig, &say) {
                pairs.push((score, n, o));
            }
        }
    }
    // Best first; of equals, the earlier events.
    pairs.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut out = vec![None; new.events.len()];
    let mut taken = vec![false; base.events.len()];
    for (_, n, o) in pairs {
        if out[n].is_none() && !taken[o] {
            out[n] = Some(o);
            taken[o] = true;
        }
    }
    out
}

/// `base` with the one source of `new` added: its events merged into the events that are the
/// same happening, the others added. The merged event keeps the more precise of two
/// compatible dates, and each source's own date.
pub fn add(base: &Timeline, new: &Timeline) -> Timeline {
    let pairs = matches(base, new);
    let mut raw = base.to_json_sources();
    let mut more = new.to_json_sources();
    // The new source's id, unique among the timeline's.
    let mut sid = more.sources.first().map_or_else(|| "source".to_string(), |s| s.id.clone());
    let mut n = 2;
    while raw.sources.iter().any(|s| s.id == sid) {
        sid = format!("source-{n}");
        n += 1;
    }
    for s in &mut more.sources {
        s.id = sid.clone();
    }
    for e in more.events.iter_mut().chain(more.undated.iter_mut()) {
        for q in &mut e.passages {
            q.source = Some(sid.clone());
        }
    }
    // The JSON events in the timeline's order: dated, then undated.
    let slot = |t: &Timeline, i: usize| {
        let dated = t.events[i].when.is_some();
        let k = t.events[..i].iter().filter(|e| e.when.is_some() == dated).count();
        (dated, k)
    };
    let mut extra_dated = Vec::new();
    let mut extra_undated = Vec::new();
    let (mut dated, mut undated) = (more.events.into_iter(), more.undated.into_iter());
    for (i, m) in pairs.iter().enumerate() {
        let (is_dated, _) = slot(new, i);
        let Some(e) = (if is_dated { dated.next() } else { undated.next() }) else { continue };
        match m {
            Some(j) => {
                let (d, k) = slot(base, *j);
                let list = if d { &mut raw.events } else { &mut raw.undated };
                if let Some(into) = list.get_mut(k) {
                    join(into, e, &base.events[*j], &new.events[i], &sid);
                }
            }
            None if is_dated => extra_dated.push(e),
            None => extra_undated.push(e),
        }
    }
    // Ids unique across the timeline.
    let mut ids: Vec<String> =
        raw.events.iter().chain(raw.undated.iter()).map(|e| e.id.clone()).collect();
    for e in extra_dated.iter_mut().chain(extra_undated.iter_mut()) {
        let mut id = e.id.clone();
        let mut k = 2;
        while ids.contains(&id) {
            let tail = format!("-{k}");
            id = e.id.chars().take(64 - tail.len()).collect::<String>() + &tail;
            k += 1;
        }
        ids.push(id.clone());
        e.id = id;
    }
    raw.events.extend(extra_dated);
    raw.undated.extend(extra_undated);
    union(&mut raw, more.sources, more.tracks, more.actors);
    // Every quote came from a timeline that loaded, so this loads; should it not, the base
    // stays as it was rather than losing anything.
    Timeline::from_json(raw, String::new()).unwrap_or_else(|_| base.clone())
}

/// `into` (the timeline's event `old`) joined by `e` (the new source's event `new`).
fn join(into: &mut EventJson, e: EventJson, old: &Event, new: &Event, sid: &str) {
    // Each source's own date: the event's date for each of its sources, unless known.
    if into.dates.is_empty() {
        let mut seen: Vec<String> = Vec::new();
        for q in &into.passages {
            let s = q.source.clone().unwrap_or_default();
            if !seen.contains(&s) {
                seen.push(s.clone());
                into.dates.push(SourceDateJson {
                    source: s,
                    start: into.start.clone(),
                    end: into.end.clone(),
                    ongoing: into.ongoing,
                    stated: into.stated.clone(),
                });
            }
        }
    }
    into.dates.push(SourceDateJson {
        source: sid.to_string(),
        start: e.start.clone(),
        end: e.end.clone(),
        ongoing: e.ongoing,
        stated: e.stated.clone(),
    });
    // The more precise of two compatible dates: the shorter interval that lies within.
    if let (Some(a), Some(b)) = (old.when, new.when) {
        let (a, b) = (a.interval(f64::MAX), b.interval(f64::MAX));
        if b.0 >= a.0 && b.1 <= a.1 && b.1 - b.0 < a.1 - a.0 {
            into.start = e.start;
            into.end = e.end;
            into.ongoing = e.ongoing;
            into.stated = e.stated;
        }
    }
    for a in e.actors {
        if !into.actors.contains(&a) {
            into.actors.push(a);
        }
    }
    into.passages.extend(e.passages);
}

/// The new source, tracks and actors added to the dataset's, each id once.
fn union(
    raw: &mut DatasetJson,
    sources: Vec<crate::core::model::SourceJson>,
    tracks: Vec<crate::core::model::Track>,
    actors: Vec<crate::core::model::Actor>,
) {
    raw.sources.extend(sources);
    for t in tracks {
        if !raw.tracks.iter().any(|o| o.id == t.id) {
            raw.tracks.push(t);
        }
    }
    for a in actors {
        if !raw.actors.iter().any(|o| o.id == a.id) {
            raw.actors.push(a);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::extract::extract;
    use chrono::NaiveDate;

    fn day(s: &str) -> Option<NaiveDate> {
        crate::core::date::parse_iso(s)
    }

    #[test]
    fn stop_words_are_sorted() {
        assert!(STOP.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn the_same_happening_merges_and_others_stay_apart() {
        let a = extract(
            "A",
            "Talks stall\nRussia annexed Crimea in 2014. Police raided the offices on Tuesday.",
            day("2024-05-15"),
        );
        let b = extract(
            "B",
            "Raid\nTuesday's raid on the offices angered the opposition. The parliament voted on Tuesday.",
            day("2024-05-15"),
        );
        let a = crate::core::actors::with_actors(&a);
        let b = crate::core::actors::with_actors(&b);
        let t = add(&a, &b);
        assert_eq!(t.sources.len(), 2);
        let raid: Vec<&Event> = t.events.iter().filter(|e| e.sources().len() == 2).collect();
        assert_eq!(raid.len(), 1, "{:#?}", t.events);
        assert!(raid[0].headline.to_lowercase().contains("raid"));
        assert_eq!(raid[0].dates.len(), 2);
        assert!(!raid[0].disagrees());
        // The vote and the annexation stay apart.
        assert_eq!(t.events.len(), a.events.len() + b.events.len() - 1);
        // It reads back, as version 2.
        assert_eq!(Timeline::import(&t.export()).unwrap(), t);
        // Removing the new source gives the first back.
        let back = t.without_source(1).unwrap();
        assert_eq!(back.events.len(), a.events.len());
    }

    #[test]
    fn the_more_precise_date_wins_and_incompatible_dates_disagree() {
        let a = extract("A", "X\nUkraine and Russia signed the accord in 2015.", day("2024-05-15"));
        let b = extract(
            "B",
            "Y\nUkraine and Russia signed the accord in February 2015.",
            day("2024-05-15"),
        );
        let (a, b) = (crate::core::actors::with_actors(&a), crate::core::actors::with_actors(&b));
        let t = add(&a, &b);
        assert_eq!(t.events.len(), 1, "{:#?}", t.events);
        assert_eq!(t.events[0].when.unwrap().start.value(), "2015-02");
        let c = extract("C", "Z\nUkraine and Russia signed the accord in 2016.", day("2024-05-15"));
        let t = add(&a, &crate::core::actors::with_actors(&c));
        assert_eq!(t.events.len(), 1, "{:#?}", t.events);
        assert!(t.events[0].disagrees());
        assert_eq!(t.events[0].when.unwrap().start.value(), "2015", "the first source's");
        let far = extract("D", "W\nUkraine and Russia signed the accord in 1999.", None);
        assert_eq!(add(&a, &crate::core::actors::with_actors(&far)).events.len(), 2);
    }
}
