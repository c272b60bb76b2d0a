//! Headlines that say what happened: built around an event's anchor word, in the article's
//! words, "who did what to whom" ("Russia annexed Crimea", "Russia’s annexation of Crimea").
//!
//! No parser: a few word classes (auxiliaries, relative and subordinating words, prepositions)
//! and punctuation delimit the subject, the verb group and its complement, or a noun's
//! modifiers and its prepositional phrase. A pronoun or relative subject ("it", "who", "the
//! alliance") is replaced by the actor it stands for: the first actor of a fitting kind named
//! earlier in the sentence, else in the sentence before.

use crate::core::actors::{self, ActorKind, ActorMention};
use std::ops::Range;

/// Most words in a headline.
pub const MAX_WORDS: usize = 10;

/// A text, its word tokens (from [`crate::core::events::tokens`]), their ASCII-lowercased
/// forms and the actors it names, shared by every headline of one article.
pub struct Doc<'a> {
    /// The article.
    pub text: &'a str,
    /// Word and punctuation tokens, as byte ranges.
    pub toks: Vec<Range<usize>>,
    low: Vec<String>,
    /// Actor mentions in text order ([`actors::find`]).
    pub mentions: Vec<ActorMention>,
}

/// A headline and the clause it comes from.
#[derive(Debug, PartialEq, Eq)]
pub struct Headline {
    /// At most [`MAX_WORDS`] words, first letter capitalized by the caller.
    pub text: String,
    /// Byte range of the clause in the article: the event's summary.
    pub clause: Range<usize>,
}

impl<'a> Doc<'a> {
    /// Tokenizes `text` and finds its actors.
    pub fn new(text: &'a str) -> Doc<'a> {
        let toks = crate::core::events::tokens(text);
        let low = toks.iter().map(|r| text[r.clone()].to_ascii_lowercase()).collect();
        Doc { text, toks, low, mentions: actors::find(text) }
    }

    /// The index of the token starting at or after byte `at`.
    pub fn token_at(&self, at: usize) -> usize {
        self.toks.partition_point(|r| r.start < at)
    }

    fn word(&self, i: usize) -> &str {
        self.low.get(i).map_or("", String::as_str)
    }

    fn is(&self, i: usize, list: &[&str]) -> bool {
        list.contains(&self.word(i))
    }

    fn capitalized(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|r| self.text[r.clone()].starts_with(char::is_uppercase))
    }

    /// Punctuation that ends a clause (quotes are not: they are skipped).
    fn stop_punct(&self, i: usize) -> bool {
        // "Dr. Hugh Short": the period of a title goes on with the name.
        if self.word(i) == "." && i > 0 && self.is(i - 1, TITLE_ABBREVIATIONS) {
            return false;
        }
        matches!(
            self.word(i),
            "," | ";" | ":" | "(" | ")" | "[" | "]" | "—" | "–" | "." | "!" | "?"
        ) || (self.word(i) == "-" && self.toks.get(i).is_some_and(|r| r.start > 0))
    }

    fn quote(&self, i: usize) -> bool {
        matches!(self.word(i), "\"" | "“" | "”" | "‘" | "’" | "'")
    }

    /// "and"/"but"/"or" that join two clauses rather than two names ("Ukraine and Georgia").
    fn clause_conjunction(&self, i: usize) -> bool {
        self.is(i, &["and", "but", "or", "nor", "yet"])
            && !(i > 0 && self.capitalized(i - 1) && self.capitalized(i + 1))
    }

    fn is_adverb(&self, i: usize) -> bool {
        let w = self.word(i);
        self.is(i, ADVERBS)
            || (w.len() > 4
                && w.ends_with("ly")
                && !self.capitalized(i)
                && !NOT_ADVERBS.contains(&w))
    }

    /// The first actor of a kind `fits` accepts named in `[from, before)` bytes, by display name.
    fn first_actor(
        &self,
        from: usize,
        before: usize,
        fits: &dyn Fn(ActorKind) -> bool,
    ) -> Option<String> {
        let k = self.mentions.partition_point(|m| m.range.start < from);
        let m = self.mentions[k..]
            .iter()
            .take_while(|m| m.range.end <= before)
            .find(|m| fits(m.kind))?;
        Some(match m.kind {
            ActorKind::Person => self.text[m.range.clone()].to_string(),
            _ => actors::known()
                .iter()
                .find(|a| a.id == m.id)
                .map_or_else(|| self.text[m.range.clone()].to_string(), |a| a.name.clone()),
        })
    }

    /// The actor a pronoun or a description ("it", "the alliance", "the country") at tokens
    /// `at` stands for, looked for in `sentence` before it, then in `previous`.
    fn resolve(
        &self,
        at: &Range<usize>,
        sentence: &Range<usize>,
        previous: &Range<usize>,
    ) -> Option<String> {
        let words: Vec<&str> = (at.clone()).map(|i| self.word(i)).collect();
        let fits: fn(ActorKind) -> bool = match words.as_slice() {
            ["he" | "she" | "his" | "her"] => |k| k == ActorKind::Person,
            ["it" | "its"] => |k| k != ActorKind::Person,
            ["they" | "their"] => |_| true,
            ["the", w] | ["this", w] if ORG_NOUNS.contains(w) => |k| k == ActorKind::Organization,
            ["the", w] | ["this", w] if COUNTRY_NOUNS.contains(w) => |k| k == ActorKind::Country,
            _ => return None,
        };
        let here = self.toks.get(at.start).map_or(0, |r| r.start);
        let start = self.toks.get(sentence.start).map_or(0, |r| r.start);
        // "Farkas was made a general, and the following year he was appointed": a capitalized
        // subject earlier in the sentence, though no gazetteer knows the name.
        let person = matches!(words.as_slice(), ["he" | "she" | "his" | "her"]);
        let subject = || {
            (sentence.start..at.start).find(|&i| {
                self.capitalized(i)
                    && self.is(i + 1, AUX)
                    && i + 1 < at.start
                    && !self.is(i, OPENERS)
                    && !self.mentions.iter().any(|m| m.range.start == self.toks[i].start)
            })
        };
        self.first_actor(start, here, &fits)
            .or_else(|| {
                subject().filter(|_| person).map(|i| self.text[self.toks[i].clone()].to_string())
            })
            .or_else(|| {
                let p = self.toks.get(previous.start).map_or(0, |r| r.start)
                    ..self.toks.get(previous.end.saturating_sub(1)).map_or(0, |r| r.end);
                if previous.is_empty() {
                    None
                } else {
                    self.first_actor(p.start, p.end, &fits)
                }
            })
    }
}

/// Titles abbreviated with a period before a name.
const TITLE_ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "gen", "sen", "rep", "gov", "lt", "col", "capt", "sgt", "prof", "rev",
    "st",
];

/// Auxiliaries and negation: part of the verb group, kept in the headline.
const AUX: &[&str] = &[
    "be", "been", "being", "is", "are", "was", "were", "am", "has", "have", "had", "having",
    "will", "would", "shall", "should", "can", "could", "may", "might", "must", "did", "does",
    "do", "not", "n't", "'t", "never",
];

/// Adverbs a headline drops (besides "-ly" words).
const ADVERBS: &[&str] = &[
    "also", "already", "still", "again", "then", "now", "once", "just", "later", "further", "even",
    "since", "soon", "often",
];

/// Words in "-ly" that are not adverbs.
const NOT_ADVERBS: &[&str] =
    &["italy", "family", "assembly", "supply", "rally", "reply", "july", "early", "monopoly"];

/// Words that begin another clause.
const CLAUSE_WORDS: &[&str] = &[
    "who",
    "which",
    "whom",
    "whose",
    "where",
    "when",
    "while",
    "because",
    "although",
    "though",
    "whereas",
    "if",
    "unless",
    "after",
    "before",
    "following",
    "until",
    "amid",
    "since",
    "despite",
];

/// Relative words whose antecedent is the subject ("Lavrov, who has served").
const RELATIVES: &[&str] = &["who", "which", "that"];

/// Words that end a subject to the left ("such as the buffer zone established").
const SUBJECT_STOPS: &[&str] = &[
    "such",
    "as",
    "like",
    "than",
    "including",
    "that",
    "after",
    "before",
    "following",
    "since",
    "when",
    "where",
    "while",
    "because",
    "if",
    "against",
];

const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our",
    "some", "any", "each", "every",
];

const PRONOUNS: &[&str] = &["he", "she", "it", "they"];

/// Prepositions that open a noun's argument ("annexation of Crimea", "sanctions on Russia").
const NOUN_PREPS: &[&str] =
    &["of", "on", "against", "to", "for", "with", "between", "by", "into", "over", "in", "from"];

/// Nouns that stand for an organization or a country when "the" comes before them.
const ORG_NOUNS: &[&str] = &["alliance", "bloc", "organization", "organisation", "union", "body"];
const COUNTRY_NOUNS: &[&str] = &["country", "nation", "state", "kingdom", "republic"];

/// Words a headline does not end on: articles, prepositions, conjunctions, auxiliaries,
/// possessives and the abbreviations of titles ("Mr", "Gen").
const TRAIL: &[&str] = &[
    "a",
    "an",
    "the",
    "and",
    "or",
    "but",
    "nor",
    "so",
    "yet",
    "as",
    "at",
    "by",
    "for",
    "from",
    "in",
    "into",
    "of",
    "on",
    "onto",
    "to",
    "with",
    "within",
    "without",
    "about",
    "above",
    "across",
    "after",
    "against",
    "along",
    "amid",
    "among",
    "around",
    "before",
    "behind",
    "below",
    "beside",
    "between",
    "beyond",
    "despite",
    "during",
    "like",
    "near",
    "off",
    "over",
    "per",
    "since",
    "than",
    "through",
    "throughout",
    "toward",
    "towards",
    "under",
    "until",
    "upon",
    "via",
    "because",
    "although",
    "though",
    "while",
    "whereas",
    "if",
    "unless",
    "that",
    "which",
    "who",
    "whom",
    "whose",
    "where",
    "when",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "has",
    "have",
    "had",
    "will",
    "would",
    "could",
    "should",
    "can",
    "may",
    "might",
    "must",
    "its",
    "their",
    "his",
    "her",
    "our",
    "my",
    "your",
    "this",
    "these",
    "those",
    "mr",
    "mrs",
    "ms",
    "dr",
    "gen",
    "sen",
    "rep",
    "gov",
    "lt",
    "col",
    "capt",
    "sgt",
    "prof",
    "rev",
    "st",
    "mt",
    "ft",
    "no",
    "vs",
    "etc",
    "jr",
    "sr",
    "'s",
    "’s",
    "such",
    "including",
    "very",
    "both",
    "either",
    "neither",
    "not",
    "also",
];

/// True when a headline may not end on `w` (any case, a final period ignored).
pub fn bad_end(w: &str) -> bool {
    let w = w.trim_end_matches('.').to_ascii_lowercase();
    TRAIL.contains(&w.as_str()) || (w.len() == 1 && w.bytes().all(|b| b.is_ascii_alphabetic()))
}

/// A headline part: either a token of the text or a resolved actor's name.
enum Piece {
    Tok(usize),
    Name(String),
}

/// Joins pieces with spaces, clitics ("’s") glued to the word before.
fn join(doc: &Doc, pieces: &[Piece]) -> String {
    let mut out = String::new();
    for p in pieces {
        let s = match p {
            Piece::Tok(i) => &doc.text[doc.toks[*i].clone()],
            Piece::Name(n) => n.as_str(),
        };
        let clitic = (s.starts_with(['\'', '’']) && s.len() > 1) || s == ".";
        if !out.is_empty() && !clitic {
            out.push(' ');
        }
        out.push_str(s);
    }
    out
}

/// Counts words (clitics are not words).
fn words(doc: &Doc, pieces: &[Piece]) -> usize {
    pieces
        .iter()
        .filter(|p| match p {
            Piece::Tok(i) => !doc.word(*i).starts_with(['\'', '’', '.']),
            Piece::Name(_) => true,
        })
        .count()
}

/// Drops trailing words a headline may not end on.
fn trim_end(doc: &Doc, pieces: &mut Vec<Piece>) {
    while let Some(last) = pieces.last() {
        let bad = match last {
            Piece::Tok(i) => bad_end(doc.word(*i)) || doc.quote(*i),
            Piece::Name(_) => false,
        };
        if !bad {
            break;
        }
        pieces.pop();
    }
}

/// The headline for the event at token `anchor`, dated by the expression at tokens `date`
/// (skipped, with the preposition that introduces it), in the sentence at tokens `sentence`;
/// `previous` is the sentence before (for pronouns). `None` when the words around the anchor
/// make no headline of two words or more.
pub fn around(
    doc: &Doc,
    anchor: usize,
    date: Range<usize>,
    sentence: Range<usize>,
    previous: Range<usize>,
) -> Option<Headline> {
    let noun = is_noun(doc, anchor, &date);
    let mut date = date;
    if date.start > sentence.start
        && doc.is(
            date.start - 1,
            &["in", "on", "at", "since", "during", "by", "from", "until", "through"],
        )
    {
        date.start -= 1;
    }
    let (mut pieces, left) = if noun {
        noun_phrase(doc, anchor, &date, &sentence, &previous)
    } else {
        verb_clause(doc, anchor, &date, &sentence, &previous)
    };
    trim_end(doc, &mut pieces);
    // Not opened by an article, a quote or a conjunction ("But the solid construction …").
    let opener = |i: usize| {
        doc.is(i, DETERMINERS)
            || doc.quote(i)
            || doc.is(i, &["but", "and", "or", "so", "yet", "'s", "’s", "."])
    };
    while pieces.first().is_some_and(|p| matches!(p, Piece::Tok(i) if opener(*i))) {
        pieces.remove(0);
    }
    if words(doc, &pieces) < 2 {
        return None;
    }
    // The clause: from the headline's first word of the text to the next clause boundary.
    // (Past the anchor and the date: a comma, or "and" before another verb, ends it.)
    let past = anchor.max(date.end.saturating_sub(1));
    let end = (past + 1..sentence.end)
        .find(|&i| {
            doc.is(i, &[";", ":", "(", "—", "–", ".", ","])
                || (doc.clause_conjunction(i) && (doc.is(i + 1, AUX) || doc.is_adverb(i + 1)))
        })
        .unwrap_or(sentence.end);
    let start = doc.toks.get(left).map_or(0, |r| r.start);
    let end = doc.toks.get(end.saturating_sub(1)).map_or(start, |r| r.end).max(start);
    Some(Headline { text: join(doc, &pieces), clause: start..end })
}

/// True when no clause punctuation stands between tokens `i` and `j`.
pub fn same_clause(doc: &Doc, i: usize, j: usize) -> bool {
    (i.min(j)..i.max(j)).all(|k| !doc.stop_punct(k))
}

/// Words that open a sentence without being its subject ("However, …").
const OPENERS: &[&str] = &[
    "however",
    "meanwhile",
    "moreover",
    "still",
    "yet",
    "instead",
    "nonetheless",
    "nevertheless",
    "furthermore",
    "therefore",
    "thus",
    "indeed",
    "later",
    "earlier",
    "then",
    "now",
    "today",
    "yesterday",
    "separately",
    "similarly",
    "also",
    "but",
    "and",
    "so",
    "in",
    "on",
    "at",
    "by",
    "after",
    "before",
    "during",
    "since",
    "when",
    "while",
    "if",
    "although",
    "though",
    "because",
    "as",
    "with",
    "for",
    "from",
    "under",
    "over",
    "despite",
    "amid",
];

/// Whether the word at token `w` opens a participle clause in front of the sentence that
/// starts at token `first` ("Speaking to reporters, …", "However, cited by police, …"): the
/// sentence's main clause comes after it.
pub fn fronted_participle(doc: &Doc, w: usize, first: usize) -> bool {
    let word = doc.word(w);
    let participle = word.ends_with("ing") || word.ends_with("ed");
    let opens = w == first
        || (w > first && w < first + 3 && doc.word(w - 1) == "," && doc.is(first, OPENERS));
    participle && opens && !doc.is(w + 1, &[",", "."])
}

/// The name a sentence opens with, when a comma and an apposition separate it from its verb
/// at token `s` ("Farkas, an air force captain, was sent", "McBride, 54, of Lewisburg, was").
fn apposed(doc: &Doc, s: usize, sentence: &Range<usize>) -> Option<Range<usize>> {
    if s <= sentence.start || doc.word(s - 1) != "," {
        return None;
    }
    let first = sentence.start;
    let end = (first..s - 1).find(|&i| doc.word(i) == ",")?;
    let name = first..end;
    let ok = !name.is_empty()
        && name.len() <= 4
        && name.clone().all(|i| doc.capitalized(i) || doc.is(i, &["'s", "’s", "of"]))
        && !doc.is(first, OPENERS)
        && !crate::core::date::MONTHS.iter().any(|m| m.eq_ignore_ascii_case(doc.word(first)));
    ok.then_some(name)
}

/// The head of the noun phrase a time expression at tokens `a..b` modifies, if it does:
/// "the 2022 invasion", "NATO’s 2008 Bucharest Summit", "last year’s embassy bombings".
pub fn modified_noun(doc: &Doc, a: usize, b: usize) -> Option<usize> {
    let possessive = |i: usize| doc.is(i, &["'s", "’s"]);
    let mut k = b;
    if possessive(k) {
        k += 1;
    } else if !(a > 0 && (doc.is(a - 1, DETERMINERS) || possessive(a - 1))) {
        return None;
    }
    let mut head = None;
    while k < b + 4 && k < doc.toks.len() {
        let w = doc.word(k);
        let wordy = w.bytes().next().is_some_and(|c| c.is_ascii_alphabetic() || c >= 0x80);
        if !wordy
            || doc.quote(k)
            || doc.is(k, AUX)
            || doc.is(k, NOUN_PREPS)
            || doc.is(k, DETERMINERS)
            || doc.is(k, CLAUSE_WORDS)
            || doc.is(k, PRONOUNS)
            || doc.is(k, &["and", "or", "but", "that", "as"])
            || doc.is_adverb(k)
            || w.ends_with("ed")
        {
            break;
        }
        head = Some(k);
        k += 1;
    }
    head
}

/// The head of a possessed noun phrase right before the preposition that introduces a time
/// expression starting at token `a`: "Russia’s annexation of Crimea in 2014", "the country’s
/// independence in 1991". The date belongs to that happening, whatever verb comes before.
pub fn possessed_before(doc: &Doc, a: usize) -> Option<usize> {
    let prep =
        a.checked_sub(1).filter(|&p| doc.is(p, &["in", "on", "at", "during", "since", "of"]))?;
    let mut k = prep;
    let mut head = None;
    while k > 0 && prep - k < 7 {
        k -= 1;
        let w = doc.word(k);
        if w == "'s" || w == "’s" {
            // A happening, not a title or a name ("Russia’s Foreign Minister since 2004").
            return head.filter(|&h| h > k && !doc.capitalized(h) && doc.word(h).len() > 3);
        }
        if doc.stop_punct(k)
            || doc.quote(k)
            || doc.is(k, AUX)
            || doc.is(k, DETERMINERS)
            || doc.is(k, CLAUSE_WORDS)
        {
            return None;
        }
        // The head is the last word before the noun's argument ("annexation" before "of").
        if doc.is(k, NOUN_PREPS) {
            head = None;
        } else if head.is_none() || doc.is(k + 1, NOUN_PREPS) {
            head = Some(k);
        }
    }
    None
}

/// Whether the anchor is a noun (a nominalization, "the 2022 invasion") rather than a verb.
fn is_noun(doc: &Doc, a: usize, date: &Range<usize>) -> bool {
    let w = doc.word(a);
    let before = a.checked_sub(1).map_or("", |i| doc.word(i));
    if date.end == a {
        return modified_noun(doc, date.start, date.end) == Some(a);
    }
    if doc.is(a.wrapping_sub(1), DETERMINERS) || before == "'s" || before == "’s" {
        return true;
    }
    if doc.is(a.wrapping_sub(1), AUX) || doc.is(a.wrapping_sub(1), PRONOUNS) || before == "to" {
        return false;
    }
    if w.ends_with("ed") || w.ends_with("ing") {
        return false;
    }
    doc.capitalized(a)
        || ["tion", "sion", "ment", "ance", "ence", "ity", "ship", "ure", "sis"]
            .iter()
            .any(|s| w.ends_with(s))
        || doc.word(a + 1) == "of"
}

/// Subject, verb group and complement, and the first token of the clause.
fn verb_clause(
    doc: &Doc,
    a: usize,
    date: &Range<usize>,
    sentence: &Range<usize>,
    previous: &Range<usize>,
) -> (Vec<Piece>, usize) {
    // The verb group: auxiliaries, negation and adverbs before the verb.
    let mut v = a;
    while v > sentence.start && (doc.is(v - 1, AUX) || doc.is_adverb(v - 1)) {
        v -= 1;
    }
    // The subject: words back to a clause boundary, at most six.
    let mut s = v;
    // A pronoun is the whole subject ("a position it has maintained").
    if s > sentence.start && doc.is(s - 1, PRONOUNS) {
        s -= 1;
    }
    let pronoun = s < v;
    while !pronoun
        && s > sentence.start
        && v - s < 6
        && !doc.stop_punct(s - 1)
        && !doc.is(s - 1, SUBJECT_STOPS)
        && !doc.is(s - 1, CLAUSE_WORDS)
        && !doc.clause_conjunction(s - 1)
        && !(date.start < s && s <= date.end)
    {
        s -= 1;
    }
    let mut left = s;
    let mut pieces: Vec<Piece> = Vec::new();
    let subject = s..v;
    if subject.is_empty() && s > sentence.start && doc.is(s - 1, RELATIVES) {
        // "Sergei Lavrov, who has served": the noun phrase before the relative word.
        let mut e = s - 1;
        if e > sentence.start && doc.word(e - 1) == "," {
            e -= 1;
        }
        let mut b = e;
        while b > sentence.start
            && e - b < 4
            && !doc.stop_punct(b - 1)
            && !doc.is(b - 1, SUBJECT_STOPS)
        {
            b -= 1;
        }
        match doc.resolve(&(b..e), sentence, previous) {
            Some(name) => pieces.push(Piece::Name(name)),
            None => pieces.extend((b..e).filter(|&i| !doc.is(i, DETERMINERS)).map(Piece::Tok)),
        }
        left = b;
    } else if let Some(named) = subject.is_empty().then(|| apposed(doc, s, sentence)).flatten() {
        // "Farkas, an air force captain, was sent": the name the sentence opens with.
        pieces.extend(named.clone().map(Piece::Tok));
        left = named.start;
    } else if let Some(name) = doc.resolve(&subject, sentence, previous) {
        pieces.push(Piece::Name(name));
    } else {
        pieces.extend(subject.clone().filter(|&i| !doc.quote(i)).map(Piece::Tok));
    }
    let resolved = matches!(pieces.first(), Some(Piece::Name(_)));
    // The verb group, without adverbs.
    pieces.extend((v..=a).filter(|&i| !doc.is_adverb(i)).map(Piece::Tok));
    // The complement, up to the date, a clause boundary or the word budget.
    let mut complement = Vec::new();
    let mut i = a + 1;
    while i < sentence.end && words(doc, &pieces) + complement.len() < MAX_WORDS {
        // "said on Monday that talks would resume": a date right after the verb is stepped
        // over; elsewhere it ends the complement.
        let then = doc.word(date.end);
        if i == a + 1
            && date.start == i
            && (then == "that" || doc.is(date.end, DETERMINERS) || doc.quote(date.end))
        {
            i = date.end;
            continue;
        }
        if date.contains(&i)
            || doc.stop_punct(i)
            || doc.is(i, CLAUSE_WORDS)
            || doc.clause_conjunction(i)
        {
            break;
        }
        // "declared that Ukraine ...": the complementizer goes; quotes and adverbs are skipped.
        let skip =
            doc.quote(i) || doc.is_adverb(i) || (complement.is_empty() && doc.word(i) == "that");
        if !skip {
            complement.push(i);
        }
        i += 1;
    }
    // Not cut inside a name: back off to before a run of capitals that the budget split.
    if i < sentence.end
        && doc.capitalized(i)
        && complement.last().is_some_and(|&j| doc.capitalized(j))
    {
        while complement
            .last()
            .is_some_and(|&j| doc.capitalized(j) || doc.word(j).starts_with(['\'', '’']))
        {
            complement.pop();
        }
    }
    // "… is leaving for the United States, he said Saturday": nothing after a short
    // subject and its verb, which follow a comma: what was said comes before.
    let reporting = doc.is(
        a,
        &[
            "said",
            "says",
            "told",
            "added",
            "announced",
            "reported",
            "stated",
            "warned",
            "claimed",
            "noted",
            "wrote",
            "insisted",
            "explained",
            "confirmed",
        ],
    );
    if reporting
        && complement.is_empty()
        && v - s <= 3
        && s > sentence.start + 2
        && doc.word(s - 1) == ","
        && date.start >= s
    {
        let mut b = s - 1;
        while b > sentence.start && !doc.stop_punct(b - 1) {
            b -= 1;
        }
        let said: Vec<Piece> = (b..s - 1)
            .filter(|&i| !doc.is_adverb(i) && !doc.quote(i))
            .take(MAX_WORDS)
            .map(Piece::Tok)
            .collect();
        if words(doc, &said) >= 3 {
            return (said, b);
        }
    }
    // "a position it has maintained since ...": nothing after the verb, and the subject stood
    // in for someone named before: the phrase before the comma says more.
    if complement.is_empty() && resolved && s > sentence.start + 1 && doc.word(s - 1) != "," {
        let mut e = s;
        while e > sentence.start && doc.word(e - 1) != "," {
            e -= 1;
        }
        if e > sentence.start + 1 {
            let mut b = e - 1;
            while b > sentence.start && !doc.stop_punct(b - 1) {
                b -= 1;
            }
            // Its last noun phrase: what follows the last "of" ("the backdrop of Russia’s
            // opposition to NATO expansion").
            if let Some(o) = (b..e - 1).rev().find(|&i| doc.is(i, &["of", "against", "amid"])) {
                b = o + 1;
            }
            let mut np: Vec<Piece> =
                (b..e - 1).filter(|&i| !doc.is_adverb(i)).map(Piece::Tok).collect();
            while np.first().is_some_and(|p| matches!(p, Piece::Tok(i) if doc.is(*i, DETERMINERS)))
            {
                np.remove(0);
            }
            np.truncate(MAX_WORDS);
            if words(doc, &np) >= 2 {
                return (np, b);
            }
        }
    }
    pieces.extend(complement.into_iter().map(Piece::Tok));
    (pieces, left)
}

/// The noun with its modifiers and argument ("Russia’s annexation of Crimea").
fn noun_phrase(
    doc: &Doc,
    a: usize,
    date: &Range<usize>,
    sentence: &Range<usize>,
    previous: &Range<usize>,
) -> (Vec<Piece>, usize) {
    // Modifiers to the left: adjectives, nouns, names, a possessor; the date is skipped.
    let mut b = a;
    let mut taken = 0;
    while b > sentence.start && taken < 4 {
        let i = b - 1;
        if date.contains(&i) {
            b = date.start;
            continue;
        }
        let w = doc.word(i);
        let clitic = w == "'s" || w == "’s";
        if doc.stop_punct(i)
            || doc.quote(i)
            || doc.is(i, DETERMINERS)
            || doc.is(i, AUX)
            || doc.is(i, NOUN_PREPS)
            || doc.is(i, CLAUSE_WORDS)
            || doc.is(i, SUBJECT_STOPS)
            || doc.clause_conjunction(i)
            || doc.is_adverb(i)
            || (!clitic
                && !w.bytes().next().is_some_and(|c| c.is_ascii_alphanumeric() || c >= 0x80))
        {
            break;
        }
        b = i;
        if !clitic {
            taken += 1;
        }
    }
    let left = if b > sentence.start && doc.is(b - 1, DETERMINERS) { b - 1 } else { b };
    let mut pieces = Vec::new();
    let mut i = b;
    while i < a {
        if date.contains(&i) {
            i = date.end;
            continue;
        }
        // "the country’s independence", "its annexation": the actor meant.
        let possessive = doc.is(i, &["'s", "’s"]);
        let described = COUNTRY_NOUNS.contains(&doc.word(i)) || ORG_NOUNS.contains(&doc.word(i));
        if described && i > 0 && doc.word(i - 1) == "the" && doc.is(i + 1, &["'s", "’s"]) {
            if let Some(name) = doc.resolve(&(i - 1..i + 1), sentence, previous) {
                pieces.push(Piece::Name(name));
                i += 1;
                continue;
            }
        }
        if !possessive || !pieces.is_empty() {
            pieces.push(Piece::Tok(i));
        }
        i += 1;
    }
    // A possessive determiner before the phrase: "its annexation" → "Russia’s annexation".
    if left < b && doc.is(left, &["its", "their", "his", "her"]) {
        if let Some(name) = doc.resolve(&(left..left + 1), sentence, previous) {
            pieces.insert(0, Piece::Name(format!("{name}’s")));
        }
    }
    pieces.push(Piece::Tok(a));
    // The argument: one prepositional phrase, before the date or a boundary.
    let mut j = a + 1;
    if doc.is(j, NOUN_PREPS) && !date.contains(&j) && !date.contains(&(j + 1)) {
        let mut arg = vec![j];
        j += 1;
        while j < sentence.end && arg.len() < 5 && words(doc, &pieces) + arg.len() < MAX_WORDS {
            if date.contains(&j)
                || doc.stop_punct(j)
                || doc.is(j, CLAUSE_WORDS)
                || doc.clause_conjunction(j)
                || doc.is(j, AUX)
            {
                break;
            }
            if doc.is(j, NOUN_PREPS) && date.contains(&(j + 1)) {
                break;
            }
            if !doc.quote(j) {
                arg.push(j);
            }
            j += 1;
        }
        pieces.extend(arg.into_iter().map(Piece::Tok));
    }
    (pieces, left)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The headline for the event word `anchor` dated by `date` (both first occurrences).
    fn h(text: &str, anchor: &str, date: &str) -> Option<String> {
        let doc = Doc::new(text);
        let a = doc.token_at(text.find(anchor)?);
        let d0 = text.find(date)?;
        let d = doc.token_at(d0)..doc.token_at(d0 + date.len());
        let sentences = crate::core::tagger::sentences(text);
        let k = sentences.iter().position(|s| s.contains(&d0))?;
        let tok = |r: &Range<usize>| doc.token_at(r.start)..doc.token_at(r.end);
        let prev = if k > 0 { tok(&sentences[k - 1]) } else { 0..0 };
        around(&doc, a, d, tok(&sentences[k]), prev).map(|h| h.text)
    }

    #[test]
    fn verbs_with_subject_and_object() {
        let t = "Ukraine initially joined NATO’s Partnership for Peace program in 1994 and has gradually strengthened its ties.";
        assert_eq!(
            h(t, "joined", "1994").as_deref(),
            Some("Ukraine joined NATO’s Partnership for Peace program")
        );
        let t = "Russia annexed Crimea in 2014.";
        assert_eq!(h(t, "annexed", "2014").as_deref(), Some("Russia annexed Crimea"));
    }

    #[test]
    fn nouns_with_possessor_and_argument() {
        let t = "Ties grew, especially after Russia’s annexation of Crimea in 2014 and the full-scale invasion in 2022.";
        assert_eq!(h(t, "annexation", "2014").as_deref(), Some("Russia’s annexation of Crimea"));
        assert_eq!(h(t, "invasion", "2022").as_deref(), Some("full-scale invasion"));
    }

    #[test]
    fn pronouns_and_descriptions_name_the_actor() {
        let t = "Ukraine’s relationship with NATO has evolved since the country’s independence in 1991.";
        assert_eq!(h(t, "independence", "1991").as_deref(), Some("Ukraine’s independence"));
        let t = "Sergei Lavrov rejected the plan. He said on Monday that talks would resume.";
        assert_eq!(
            h(t, "said", "Monday").as_deref(),
            Some("Sergei Lavrov said talks would resume")
        );
        let t =
            "Sergei Lavrov, who has served as Russia’s Foreign Minister since 2004, is a diplomat.";
        assert_eq!(
            h(t, "served", "2004").as_deref(),
            Some("Sergei Lavrov has served as Russia’s Foreign Minister")
        );
    }

    #[test]
    fn never_ends_on_a_function_word_or_title() {
        for w in ["the", "of", "and", "Mr.", "Mr", "Gen", "with", "its"] {
            assert!(bad_end(w), "{w}");
        }
        assert!(!bad_end("Crimea"));
        let t =
            "On May 5, the minister discussed the raid with Mr. Smith and his allies at length.";
        let got = h(t, "discussed", "May 5").unwrap_or_default();
        assert!(!got.split(' ').next_back().is_some_and(bad_end), "{got}");
    }
}
