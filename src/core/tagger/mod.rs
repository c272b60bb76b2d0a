//! Temporal tagger: finds TIMEX3 expressions (dates, times, durations, sets) in English news text
//! and normalises them to TimeML values, relative to an optional document date.
//!
//! Pipeline: [`tokenize`] turns the text into byte-range tokens, each looked up once in the
//! closed [`lexicon`]; [`rules`] then walks the tokens and, at each token that can start an
//! expression, tries every family of rules and keeps the longest match. No regexes, no per-token
//! allocation; strings are only built for the values of found expressions.
//!
//! See `docs/tagger.md` for the conventions followed (TimeBank / TempEval-3) and the scores.

pub mod lexicon;
pub mod rules;
mod sentences;
pub mod tokenize;

pub use sentences::sentences;

/// TIMEX3 type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimexType {
    /// A calendar date or period ("1994", "April 3", "last week", "now").
    Date,
    /// A time of day ("10 a.m.", "this morning").
    Time,
    /// A length of time ("20 years").
    Duration,
    /// A recurrence ("every year", "daily").
    Set,
}

impl TimexType {
    /// The TimeML attribute value: "DATE", "TIME", "DURATION" or "SET".
    pub fn as_str(self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }
}

/// One temporal expression found in the text.
#[derive(Clone, Debug, PartialEq)]
pub struct Timex {
    /// Byte offset into the input `&str` (char boundary).
    pub start: usize,
    /// Byte offset, exclusive.
    pub end: usize,
    /// TIMEX3 type.
    pub kind: TimexType,
    /// TIMEX3 value: "1994", "2008-04", "200" (the 2000s), "19" (the 20th century), "P20Y",
    /// "PRESENT_REF", "2013-03-21T10:00", "XXXX-XX-XX", "1998-W12", "1998-SU", "1998-Q1", ...
    pub value: String,
    /// TIMEX3 mod: "START", "MID", "END", "APPROX", "LESS_THAN", "MORE_THAN", "EQUAL_OR_LESS",
    /// "EQUAL_OR_MORE", "BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER".
    pub modifier: Option<String>,
    /// Set for ranges like "1994-2004", "from 1994 to 2004", "between 1994 and 2004": `value`
    /// is the start, `range_end` the end.
    pub range_end: Option<String>,
    /// The expression is governed by "since" (ongoing from `value`); the span excludes "since".
    pub since: bool,
}

/// A found expression with the extra detail TimeML writers need: for a range, the byte spans
/// and values of its two halves (TimeBank annotates "1994-2004" as two TIMEX3 tags).
#[derive(Clone, Debug, PartialEq)]
pub struct Detailed {
    /// The expression as the public API reports it.
    pub timex: Timex,
    /// For ranges: the second half as (start, end, type, value, mod); `timex` then covers both
    /// halves and `first_end` is where the first half ends.
    pub second: Option<(usize, usize, TimexType, String, Option<String>)>,
    /// End of the first half (equals `timex.end` unless this is a range).
    pub first_end: usize,
}

/// Tag `text`; relative expressions ("last year", "Tuesday", "two weeks ago", "the following
/// month", "yesterday", "this week", "now", "currently", "recently") resolve against `reference`
/// (the document date) when given; unresolvable parts become X's per TimeML (e.g. "XXXX-XX-XX",
/// or PAST_REF/PRESENT_REF/FUTURE_REF).
///
/// The result is sorted by `start` and non-overlapping.
pub fn tag(text: &str, reference: Option<chrono::NaiveDate>) -> Vec<Timex> {
    tag_detailed(text, reference).into_iter().map(|d| d.timex).collect()
}

/// Like [`tag`], keeping the two halves of ranges apart (for TimeML output).
pub fn tag_detailed(text: &str, reference: Option<chrono::NaiveDate>) -> Vec<Detailed> {
    let mut toks = Vec::new();
    tag_with_buffer(text, reference, &mut toks)
}

/// [`tag_detailed`] reusing a token buffer (the benchmark and the CLI tag many documents).
pub fn tag_with_buffer(
    text: &str,
    reference: Option<chrono::NaiveDate>,
    toks: &mut Vec<tokenize::Tok>,
) -> Vec<Detailed> {
    tokenize::tokenize_into(text, toks);
    let found = rules::Matcher::new(text, toks, reference).run();
    let mut out: Vec<Detailed> = Vec::with_capacity(found.len());
    for f in found {
        // Token indices are in range by construction; `get` keeps this panic-free regardless.
        let (Some(a), Some(b)) =
            (toks.get(f.first), f.last.checked_sub(1).and_then(|l| toks.get(l)))
        else {
            continue;
        };
        let (start, end) = (a.start, b.end);
        if start >= end || out.last().is_some_and(|p: &Detailed| p.timex.end > start) {
            continue;
        }
        let mut first_end = end;
        let mut second = None;
        let mut range_end = None;
        if let Some(r) = &f.range {
            if let (Some(fe), Some(ss)) =
                (r.first_end.checked_sub(1).and_then(|k| toks.get(k)), toks.get(r.second_start))
            {
                first_end = fe.end;
                second =
                    Some((ss.start, end, r.kind, r.value.clone(), r.modifier.map(str::to_string)));
                range_end = Some(r.value.clone());
            }
        }
        out.push(Detailed {
            timex: Timex {
                start,
                end,
                kind: f.kind,
                value: f.value,
                modifier: f.modifier.map(str::to_string),
                range_end,
                since: f.since,
            },
            second,
            first_end,
        });
    }
    out
}
