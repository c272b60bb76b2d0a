//! The recognition and normalisation rules, written as small recursive-descent matchers over the
//! token array. At every token the matcher tries each family of expressions and keeps the
//! longest match; a match never looks more than a handful of tokens ahead, so the whole pass is
//! linear in the input.

use super::lexicon::{in_words, is_future_cue, is_past_cue, DayPart, Kw, Lex, Unit};
use super::tokenize::{Kind, Tok, F_COMMA, F_DECIMAL, F_GLUED, F_NL, F_ORDINAL, F_PARA, F_PLURAL};
use super::TimexType;
use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

/// A match, in token indices, with its normalisation.
#[derive(Clone, Debug)]
pub struct Found {
    /// First token (inclusive).
    pub first: usize,
    /// Last token (exclusive).
    pub last: usize,
    /// TIMEX3 type.
    pub kind: TimexType,
    /// TIMEX3 value.
    pub value: String,
    /// TIMEX3 mod.
    pub modifier: Option<&'static str>,
    /// End of a range; `split` is the token index where the second expression starts and
    /// `first_end` where the first one ends, so writers can emit two tags.
    pub range: Option<RangeEnd>,
    /// Governed by "since".
    pub since: bool,
}

/// The second half of a range ("2004" in "1994-2004").
#[derive(Clone, Debug)]
pub struct RangeEnd {
    /// Token index (exclusive) where the first expression ends.
    pub first_end: usize,
    /// Token index where the second expression starts.
    pub second_start: usize,
    /// Type of the second expression.
    pub kind: TimexType,
    /// Value of the second expression.
    pub value: String,
    /// Mod of the second expression.
    pub modifier: Option<&'static str>,
}

/// Direction suggested by the tense of the sentence around an expression.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Tense {
    Past,
    Future,
    Unknown,
}

/// Date granularity for values of relative expressions ("two weeks ago" is a week).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Gran {
    Day,
    Week,
    Month,
    Quarter,
    Year,
    Decade,
}

struct M {
    end: usize,
    kind: TimexType,
    value: String,
    modifier: Option<&'static str>,
}

fn m(end: usize, kind: TimexType, value: String) -> Option<M> {
    Some(M { end, kind, value, modifier: None })
}

/// The matcher state for one text.
pub struct Matcher<'a> {
    text: &'a [u8],
    t: &'a [Tok],
    dct: Option<NaiveDate>,
    /// The last quarter mentioned, so "the quarter" and "a year earlier" can refer to it.
    last_quarter: Option<(i32, u32)>,
    /// Token index where the last match ended and whether it was a quarter.
    last_end: usize,
    last_was_quarter: bool,
    /// The last reporting period named is longer than a quarter ("the first nine months",
    /// "the year ended Sept. 30"): a following "a year earlier" compares that, not a quarter.
    longer_period: bool,
    /// The last explicit year mentioned, the anchor of "the following year".
    last_year: Option<i32>,
    /// The last day-precise date found and the token where it ended (anchors bare clock
    /// times, "overnight", "the previous Friday").
    last_day: Option<(NaiveDate, usize)>,
    /// The last month-precise (or finer) date found, as its first day.
    last_month: Option<NaiveDate>,
}

const OTHER: Lex = Lex::Other;

fn unit_code(u: Unit) -> (&'static str, bool, u32) {
    // (designator, is time part, multiplier)
    match u {
        Unit::Second => ("S", true, 1),
        Unit::Minute => ("M", true, 1),
        Unit::Hour => ("H", true, 1),
        Unit::Day => ("D", false, 1),
        Unit::Week => ("W", false, 1),
        Unit::Month => ("M", false, 1),
        Unit::Quarter => ("Q", false, 1),
        Unit::Year => ("Y", false, 1),
        Unit::Decade => ("Y", false, 10),
        Unit::Century => ("Y", false, 100),
    }
}

/// "P20Y", "PT5H", "PXY".
fn duration_value(n: Option<u32>, u: Unit) -> String {
    let (d, time, mul) = unit_code(u);
    let t = if time { "T" } else { "" };
    match n {
        Some(n) => format!("P{t}{}{d}", n.saturating_mul(mul)),
        None => {
            // TimeBank writes vague decades in years, like counted ones ("decades-long" PXY),
            // and vague centuries with its century designator ("centuries" PXC).
            let d = if u == Unit::Century { "C" } else { d };
            format!("P{t}X{d}")
        }
    }
}

fn season_code(s: u8) -> &'static str {
    ["SP", "SU", "FA", "WI"][usize::from(s.min(3))]
}

fn fmt_year(y: Option<i32>) -> String {
    match y {
        Some(y) if (0..=9999).contains(&y) => format!("{y:04}"),
        _ => "XXXX".to_string(),
    }
}

fn fmt_day(d: Option<NaiveDate>) -> String {
    match d {
        Some(d) => format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day()),
        None => "XXXX-XX-XX".to_string(),
    }
}

fn fmt_gran(d: Option<NaiveDate>, g: Gran) -> String {
    let Some(d) = d else {
        return match g {
            Gran::Day => "XXXX-XX-XX",
            Gran::Week => "XXXX-WXX",
            Gran::Month => "XXXX-XX",
            Gran::Quarter => "XXXX-QX",
            Gran::Year => "XXXX",
            Gran::Decade => "XXX",
        }
        .to_string();
    };
    match g {
        Gran::Day => fmt_day(Some(d)),
        Gran::Week => {
            let w = d.iso_week();
            format!("{:04}-W{:02}", w.year(), w.week())
        }
        Gran::Month => format!("{:04}-{:02}", d.year(), d.month()),
        Gran::Quarter => format!("{:04}-Q{}", d.year(), (d.month() - 1) / 3 + 1),
        Gran::Year => format!("{:04}", d.year()),
        Gran::Decade => format!("{:03}", d.year() / 10),
    }
}

/// Shift a date by `n` units (negative = back). `None` on overflow.
fn shift(d: NaiveDate, n: i64, u: Unit) -> Option<NaiveDate> {
    let months = |k: i64| -> Option<NaiveDate> {
        let a = u32::try_from(k.unsigned_abs()).ok()?;
        if k >= 0 {
            d.checked_add_months(Months::new(a))
        } else {
            d.checked_sub_months(Months::new(a))
        }
    };
    let days = |k: i64| -> Option<NaiveDate> {
        if k >= 0 {
            d.checked_add_days(Days::new(k.unsigned_abs()))
        } else {
            d.checked_sub_days(Days::new(k.unsigned_abs()))
        }
    };
    match u {
        Unit::Second | Unit::Minute | Unit::Hour => Some(d),
        Unit::Day => days(n),
        Unit::Week => days(n.checked_mul(7)?),
        Unit::Month => months(n),
        Unit::Quarter => months(n.checked_mul(3)?),
        Unit::Year => months(n.checked_mul(12)?),
        Unit::Decade => months(n.checked_mul(120)?),
        Unit::Century => months(n.checked_mul(1200)?),
    }
}

fn gran_of(u: Unit) -> Gran {
    match u {
        Unit::Second | Unit::Minute | Unit::Hour | Unit::Day => Gran::Day,
        Unit::Week => Gran::Week,
        Unit::Month => Gran::Month,
        Unit::Quarter => Gran::Quarter,
        Unit::Year | Unit::Decade | Unit::Century => Gran::Year,
    }
}

fn weekday_from(n: u8) -> Weekday {
    match n {
        1 => Weekday::Mon,
        2 => Weekday::Tue,
        3 => Weekday::Wed,
        4 => Weekday::Thu,
        5 => Weekday::Fri,
        6 => Weekday::Sat,
        _ => Weekday::Sun,
    }
}

fn valid_date(y: i32, mo: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, mo, d)
}

/// Modals and subject pronouns: "one day" right after one stands before a verb.
const MODALS_AND_SUBJECTS: [&[u8]; 13] = [
    b"can", b"could", b"he", b"i", b"may", b"might", b"she", b"they", b"we", b"will", b"would",
    b"you", b"shall",
];

/// Determiners: an "-ed" word right after one is an adjective (sorted).
const DETERMINERS: &[&str] =
    &["a", "an", "her", "his", "its", "our", "the", "their", "these", "this", "those", "your"];

/// Nouns after "today's" that make it mean "nowadays" ("today's youth"), which TimeBank
/// leaves untagged, unlike a day's own things ("today's editions") (sorted).
const NOWADAYS_NOUNS: &[&str] = &[
    "children",
    "consumers",
    "economy",
    "generation",
    "kids",
    "market",
    "markets",
    "personal",
    "society",
    "standards",
    "students",
    "technology",
    "teenagers",
    "world",
    "young",
    "youth",
];

/// Words that, right after a bare four-digit number, make it a count rather than a year
/// (sorted).
const COUNT_NOUNS: &[&str] = &[
    "acres",
    "barrels",
    "billion",
    "calories",
    "cars",
    "cases",
    "children",
    "copies",
    "days",
    "deaths",
    "dollars",
    "employees",
    "feet",
    "francs",
    "gallons",
    "homes",
    "hours",
    "houses",
    "jobs",
    "kilometers",
    "km",
    "marks",
    "members",
    "men",
    "meters",
    "metres",
    "miles",
    "million",
    "of",
    "pages",
    "people",
    "percent",
    "persons",
    "points",
    "pounds",
    "residents",
    "rounds",
    "seats",
    "shares",
    "soldiers",
    "square",
    "stores",
    "students",
    "times",
    "tonnes",
    "tons",
    "troops",
    "units",
    "votes",
    "women",
    "workers",
    "yen",
];

/// Does `w` look like a regular past form ("announced")? Not the "-ed" stems "succeed",
/// "proceed", "exceed", "need", "indeed".
fn looks_past(w: &[u8]) -> bool {
    let ends = |suffix: &[u8]| {
        w.len() >= suffix.len() && w[w.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
    };
    w.len() > 4 && ends(b"ed") && !ends(b"ceed") && !ends(b"need")
}

/// How many tokens after a named day it still anchors clock times and "overnight" (about
/// three sentences).
const REF_DAY_REACH: usize = 80;

/// Is `w` a count noun ("2008 votes")?
fn is_count_noun(w: &[u8]) -> bool {
    in_words(COUNT_NOUNS, w)
}

impl<'a> Matcher<'a> {
    /// New matcher over the tokens of `text`.
    pub fn new(text: &'a str, t: &'a [Tok], dct: Option<NaiveDate>) -> Self {
        Matcher {
            text: text.as_bytes(),
            t,
            dct,
            last_quarter: None,
            last_end: 0,
            last_was_quarter: false,
            longer_period: false,
            last_year: None,
            last_day: None,
            last_month: None,
        }
    }

    // The token accessors below are called from hundreds of places in the rules; kept out of
    // line they save about 0.6 KB of wasm (gzipped) for a few percent of tagging speed.

    /// Lexicon entry of token `i` (`Other` past the end).
    #[inline(never)]
    fn lex(&self, i: usize) -> Lex {
        self.t.get(i).map_or(OTHER, |t| t.lex)
    }
    #[inline(never)]
    fn kw(&self, i: usize, k: Kw) -> bool {
        self.lex(i) == Lex::Kw(k)
    }
    #[inline(never)]
    fn punct(&self, i: usize, c: u8) -> bool {
        self.t.get(i).is_some_and(|t| t.is(c))
    }
    /// Tokens `i` and `i + 1` touch (no whitespace between).
    #[inline(never)]
    fn glued(&self, i: usize) -> bool {
        match (self.t.get(i), self.t.get(i + 1)) {
            (Some(a), Some(b)) => a.end == b.start,
            _ => false,
        }
    }
    #[inline(never)]
    fn word(&self, i: usize) -> &[u8] {
        match self.t.get(i) {
            Some(t) => &self.text[t.start..t.end],
            None => b"",
        }
    }
    /// Is token `i` the word `w` (lowercase ASCII), in any case?
    #[inline(never)]
    fn is_w(&self, i: usize, w: &[u8]) -> bool {
        self.word(i).eq_ignore_ascii_case(w)
    }
    #[inline(never)]
    fn cap(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|t| t.has(super::tokenize::F_CAP))
    }
    #[inline(never)]
    fn is_unit(&self, i: usize) -> Option<(Unit, bool)> {
        match self.lex(i) {
            Lex::Unit(u, p) => Some((u, p)),
            _ => None,
        }
    }
    /// Skip an optional hyphen between `i` and the next token ("third-quarter", "two-year").
    #[inline(never)]
    fn hy(&self, i: usize) -> usize {
        if self.punct(i, b'-') && self.glued(i) && i > 0 && self.glued(i - 1) {
            i + 1
        } else {
            i
        }
    }

    /// Is token `i` a sentence-ending boundary (for tense windows)?
    fn boundary(&self, i: usize) -> bool {
        match self.t.get(i) {
            Some(t) => {
                t.has(F_PARA)
                    || (t.kind == Kind::Punct && matches!(t.ch, b'.' | b'!' | b'?' | b';'))
            }
            None => true,
        }
    }

    /// Does a deadline preposition stand right before token `a`? "until Tuesday", "through
    /// January" and, with `by`, "by February" mark the end of a stretch still to run, so a
    /// date ahead of the document date whatever the verb's tense ("the offer was extended
    /// until Friday"); so does "effective Feb. 1". "by" and "effective" are only trusted with
    /// months: "by Monday, officials had left".
    fn deadline(&self, a: usize, by: bool) -> bool {
        if a < 2 {
            return false;
        }
        let p = self.word(a - 1);
        let until = matches!(self.lex(a - 1), Lex::Kw(Kw::Until | Kw::Through));
        // A fronted "Until Thursday, they had..." looks back from that day instead.
        let fronted = self.boundary(a - 2) || self.is_w(a - 2, b"up");
        until && !fronted
            || by && (p.eq_ignore_ascii_case(b"by") || p.eq_ignore_ascii_case(b"effective"))
    }

    /// A plural part of the day at `i` ("nights", "mornings"), as in "Tuesday nights".
    fn plural_part(&self, i: usize) -> Option<DayPart> {
        let w = self.word(i);
        let stem = w.strip_suffix(b"s")?;
        match super::lexicon::lookup(stem) {
            Lex::Part(p) => Some(p),
            _ => None,
        }
    }

    /// Is the word at `i` inside a noun phrase, right after a determiner or after a
    /// determiner and an adverb ("the planned sale", "a still unspecified date")? An "-ed"
    /// form there is an adjective, not a past verb.
    fn attributive(&self, i: usize) -> bool {
        let det = |k: usize| in_words(DETERMINERS, self.word(k));
        i >= 1 && det(i - 1)
            || i >= 2 && det(i - 2) && {
                let w = self.word(i - 1);
                w.eq_ignore_ascii_case(b"still")
                    || w.len() > 3 && w[w.len() - 2..].eq_ignore_ascii_case(b"ly")
            }
    }

    /// Do the words before `i` say "it is", "it's" or "today is" (the present)?
    fn is_now(&self, i: usize) -> bool {
        let subject = |k: usize| {
            let w = self.word(k);
            w.eq_ignore_ascii_case(b"it") || self.kw(k, Kw::Today)
        };
        i >= 2 && self.is_w(i - 1, b"is") && subject(i - 2)
            || i >= 3 && self.is_w(i - 1, b"s") && self.punct(i - 2, b'\'') && subject(i - 3)
    }

    /// Does token `i` open a sentence (possibly after an opening quote)?
    fn sentence_start(&self, i: usize) -> bool {
        let open = |k: usize| k == 0 || self.t[k].has(F_PARA) || self.boundary(k - 1);
        open(i)
            || i >= 1
                && self.t[i - 1].kind == Kind::Punct
                && matches!(self.t[i - 1].ch, b'"' | b'`' | b'\'')
                && open(i - 1)
    }

    /// Is token `i` the dot of an initial ("Daniel P. Davison"), not a sentence end?
    fn initial_dot(&self, i: usize) -> bool {
        i > 0 && self.punct(i, b'.') && self.glued(i - 1) && {
            let w = self.word(i - 1);
            w.len() == 1 && w[0].is_ascii_uppercase()
        }
    }

    /// Tense of the clause around tokens `[a, b)`: the nearest cue word before the expression
    /// (within the clause, up to 12 words back: "will be named commander of the space shuttle
    /// for a mission in December") decides, then the nearest one just after it (4 words).
    /// Windows beyond the clause proved worse: a "will" anywhere in a long sentence is usually
    /// about something else.
    fn tense(&self, a: usize, b: usize) -> Tense {
        let cue = |i: usize| -> Option<Tense> {
            let t = &self.t[i];
            if t.kind != Kind::Word {
                return None;
            }
            let w = self.word(i);
            if is_future_cue(w) {
                // "had been scheduled to expire Friday": a plan in the past.
                if (1..=2).any(|d| {
                    i >= d && {
                        let p = self.word(i - d);
                        p.eq_ignore_ascii_case(b"had") || p.eq_ignore_ascii_case(b"been")
                    }
                }) {
                    return Some(Tense::Past);
                }
                Some(Tense::Future)
            } else if (w.eq_ignore_ascii_case(b"set") || w.eq_ignore_ascii_case(b"plan"))
                && self.kw(i + 1, Kw::To)
                || self.kw(i, Kw::To) && i > 0 && {
                    // "is to resume trading Tuesday": the be-to future.
                    let p = self.word(i - 1);
                    p.eq_ignore_ascii_case(b"is") || p.eq_ignore_ascii_case(b"are")
                }
            {
                Some(Tense::Future)
            } else if w.eq_ignore_ascii_case(b"early") && i > 0 && self.is_w(i - 1, b"as")
                || self.kw(i, Kw::Ahead) && self.kw(i + 1, Kw::Of)
            {
                // "as early as Tuesday", "ahead of the weekend"
                Some(Tense::Future)
            } else if is_past_cue(w) || looks_past(w) && !self.cap(i) && !self.attributive(i) {
                // A capitalised "-ed" word is a name ("United States"), not a verb; nor is
                // one inside a noun phrase ("a still unspecified date").
                // A participle after a bare "be" is a passive after a modal or "to" ("would
                // be held", "is to be paid"): it looks ahead, unless the "to" follows a past
                // "had"/"was" ("had to be evacuated").
                if i >= 1 && self.is_w(i - 1, b"be") {
                    let past_to = i >= 3 && self.kw(i - 2, Kw::To) && {
                        let p = self.word(i - 3);
                        p.eq_ignore_ascii_case(b"had")
                            || p.eq_ignore_ascii_case(b"was")
                            || p.eq_ignore_ascii_case(b"were")
                    };
                    // "could not be reached Tuesday", "neither he nor ... could be located":
                    // a denied "could" is the past of "can" ("could be signed Friday" looks
                    // ahead like any modal).
                    let could = (2..=4).any(|d| {
                        i >= d && {
                            let w = self.word(i - d);
                            w.eq_ignore_ascii_case(b"could") || w.eq_ignore_ascii_case(b"couldn")
                        }
                    });
                    let denied = (2..=10).any(|d| {
                        i >= d && {
                            let w = self.word(i - d);
                            w.eq_ignore_ascii_case(b"not")
                                || w.eq_ignore_ascii_case(b"nor")
                                || w.eq_ignore_ascii_case(b"t")
                        }
                    });
                    let past_to = past_to || could && denied;
                    return Some(if past_to { Tense::Past } else { Tense::Future });
                }
                Some(Tense::Past)
            } else {
                None
            }
        };
        let mut k = a;
        let mut steps = 0;
        while k > 0 && steps < 12 {
            k -= 1;
            steps += 1;
            if self.boundary(k) && !self.initial_dot(k) || self.punct(k, b',') {
                break;
            }
            if let Some(t) = cue(k) {
                return t;
            }
        }
        let mut k = b;
        steps = 0;
        while k < self.t.len() && steps < 4 && !self.boundary(k) && !self.punct(k, b',') {
            if let Some(t) = cue(k) {
                return t;
            }
            k += 1;
            steps += 1;
        }
        Tense::Unknown
    }

    /// Does the document compare quarters? Then "a year ago" means the same quarter a year
    /// before (TimeBank's earnings reports), not the year. (A sentence-window test scored
    /// worse on the development corpus than this document-level one.)
    fn quarter_context(&self) -> bool {
        self.last_quarter.is_some() && !self.longer_period
    }

    // ---------------------------------------------------------------- numbers

    /// A cardinal number in digits or words at `i`: (value, next index).
    fn number(&self, i: usize) -> Option<(u32, usize)> {
        let t = self.t.get(i)?;
        match t.kind {
            Kind::Num => {
                if t.has(F_DECIMAL | F_PLURAL | F_ORDINAL | F_GLUED) {
                    return None;
                }
                Some((t.num, i + 1))
            }
            Kind::Word => match t.lex {
                Lex::Num(a) => {
                    if a >= 20 && a % 10 == 0 && a < 100 {
                        let j = self.hy(i + 1);
                        if let Lex::Num(b) = self.lex(j) {
                            if b < 10 {
                                return Some((a + b, j + 1));
                            }
                        }
                    }
                    if self.kw(i + 1, Kw::Hundred) {
                        return Some((a * 100, i + 2));
                    }
                    if self.kw(i + 1, Kw::Thousand) {
                        return Some((a * 1000, i + 2));
                    }
                    Some((a, i + 1))
                }
                Lex::Kw(Kw::Hundred) => Some((100, i + 1)),
                _ => None,
            },
            Kind::Punct => None,
        }
    }

    /// A four-digit year token at `i` (no separators, plausible range).
    fn year_tok(&self, i: usize) -> Option<i32> {
        let t = self.t.get(i)?;
        if t.kind != Kind::Num || t.ndigits != 4 || t.has(F_COMMA | F_DECIMAL | F_ORDINAL | F_GLUED)
        {
            return None;
        }
        if !(1000..=2099).contains(&t.num) {
            return None;
        }
        i32::try_from(t.num).ok()
    }

    /// A bare year with false-positive guards ("$2008", "2008 votes", "1,994").
    fn guarded_year(&self, i: usize) -> Option<i32> {
        let y = self.year_tok(i)?;
        let t = self.t.get(i)?;
        if t.has(F_PLURAL) {
            return None;
        }
        if i > 0 {
            let p = &self.t[i - 1];
            if p.kind == Kind::Punct
                && matches!(p.ch, b'$' | b'#' | b'+' | b'.' | b',' | b':')
                && p.end == t.start
            {
                return None;
            }
            if p.kind == Kind::Num {
                return None;
            }
            let pw = self.word(i - 1);
            if pw.eq_ignore_ascii_case(b"no") || pw.eq_ignore_ascii_case(b"number") {
                return None;
            }
            // "Orion 1980", "Windows 2000": a name, when a capitalised word outside the
            // lexicon stands before the number in mid-sentence.
            if p.kind == Kind::Word
                && self.cap(i - 1)
                && self.lex(i - 1) == OTHER
                && i >= 2
                && !self.boundary(i - 2)
                && !self.t[i - 2].is(b'"')
            {
                return None;
            }
        }
        if let Some(n) = self.t.get(i + 1) {
            if n.kind == Kind::Punct && matches!(n.ch, b'%' | b':') {
                return None;
            }
            if n.kind == Kind::Punct && n.ch == b'.' && n.end < self.text.len() {
                // "1998.5" is caught by the tokenizer; "12.1998" style dates are not ours.
            }
            if n.kind == Kind::Num && !n.has(F_NL) {
                return None;
            }
            if n.kind == Kind::Word && is_count_noun(self.word(i + 1)) {
                return None;
            }
        }
        if y < 1800 {
            // Rare in news as a year; demand a temporal preposition or a following "s".
            let ok = i > 0
                && matches!(
                    self.lex(i - 1),
                    Lex::Kw(Kw::In | Kw::Since | Kw::Of | Kw::Until | Kw::From | Kw::To | Kw::The)
                )
                || self.is_w(i.wrapping_sub(1), b"by")
                || self.is_w(i.wrapping_sub(1), b"before")
                || self.is_w(i.wrapping_sub(1), b"after");
            if !ok {
                return None;
            }
            if matches!(self.lex(i - 1), Lex::Kw(Kw::The))
                && self.t.get(i + 1).is_some_and(|n| n.kind == Kind::Word)
            {
                return None;
            }
        }
        Some(y)
    }

    /// Day of month token at `i`: "3", "3rd", "eighth".
    fn day_tok(&self, i: usize) -> Option<u32> {
        let t = self.t.get(i)?;
        match t.kind {
            Kind::Num => {
                if t.ndigits > 2 || t.has(F_COMMA | F_DECIMAL | F_PLURAL | F_GLUED) {
                    return None;
                }
                (1..=31).contains(&t.num).then_some(t.num)
            }
            Kind::Word => match t.lex {
                Lex::Ord(n) if n <= 31 => Some(n),
                _ => None,
            },
            Kind::Punct => None,
        }
    }

    // ---------------------------------------------------------------- date helpers

    fn dct_year(&self) -> Option<i32> {
        self.dct.map(|d| d.year())
    }

    /// Year for a month (and day) given without a year: the one that puts the date nearest to
    /// the document date (news talks about the recent past and near future). Tense only
    /// breaks near-ties.
    fn year_for_month(&self, month: u32, day: Option<u32>, a: usize, b: usize) -> Option<i32> {
        let d = self.dct?;
        let y = d.year();
        // A bare month counts as its middle, or as the document date's day in its own month.
        let dd = day.unwrap_or(if month == d.month() { d.day() } else { 15 }).min(28);
        // Signed distance in days from the document date of the month in year `cand`.
        let off = |cand: i32| valid_date(cand, month, dd).map(|x| (x - d).num_days());
        let (Some(prev), Some(cur), Some(next)) = (off(y - 1), off(y), off(y + 1)) else {
            return Some(y);
        };
        // The most recent occurrence on or before the document date, and the next one after.
        let (past, future) =
            if cur <= 0 { ((y, cur), (y + 1, next)) } else { ((y - 1, prev), (y, cur)) };
        // Within two months of the document date the nearest reading wins whatever the tense
        // (news reports on "Jan. 2" in late November); beyond, the clause's tense picks the
        // side (HeidelTime's rule for news). Without a cue, news reports the past.
        // A bare month is near when at most two calendar months away.
        let near = if day.is_some() { 62 } else { 2 * 31 + 15 };
        // "the quarter ended Oct. 31": a period that has ended, whatever is nearest.
        if a > 0 && self.kw(a - 1, Kw::Ended) {
            return Some(past.0);
        }
        if future.1 <= near && future.1 < -past.1 {
            return Some(future.0);
        }
        if -past.1 <= near {
            return Some(past.0);
        }
        let ahead = self.deadline(a, true) || self.tense(a, b) == Tense::Future;
        Some(if ahead { future.0 } else { past.0 })
    }

    fn weekday_date(&self, wd: u8, a: usize, b: usize) -> Option<NaiveDate> {
        let d = self.dct?;
        let target = weekday_from(wd).num_days_from_monday() as i64;
        let cur = d.weekday().num_days_from_monday() as i64;
        let back = (cur - target).rem_euclid(7);
        // "Wednesday's ruling": a day named as the owner of an event is one already past,
        // whatever the clause says about what comes next, unless a preposition right before
        // it looks ahead ("ahead of Thursday's vote").
        let possessive = self.punct(b, b'\'') && self.is_w(b + 1, b"s");
        let ahead = a >= 2 && self.kw(a - 2, Kw::Ahead) && self.kw(a - 1, Kw::Of);
        let future = if possessive {
            ahead
        } else {
            self.deadline(a, false) || self.tense(a, b) == Tense::Future
        };
        if future {
            // Ahead, the document's own weekday is the day itself: "until Thursday" or "will
            // meet Thursday" said on a Thursday.
            let fwd = (target - cur).rem_euclid(7);
            return d.checked_add_days(Days::new(fwd as u64));
        }
        d.checked_sub_days(Days::new(back as u64))
    }

    /// The day in view at token `i`: a day named in the last few sentences (news moves its
    /// reference time along with the story), else the document date.
    fn ref_day(&self, i: usize) -> Option<NaiveDate> {
        match self.last_day {
            Some((day, end)) if i.saturating_sub(end) <= REF_DAY_REACH => Some(day),
            _ => self.dct,
        }
    }

    fn rel(&self, n: i64, u: Unit) -> Option<NaiveDate> {
        shift(self.dct?, n, u)
    }

    fn quarter_of(d: NaiveDate) -> (i32, u32) {
        (d.year(), (d.month() - 1) / 3 + 1)
    }

    /// The quarter meant by "the quarter" / "the latest quarter": the one last mentioned, else
    /// the last completed one before the document date.
    fn implied_quarter(&self) -> Option<(i32, u32)> {
        if let Some(q) = self.last_quarter {
            return Some(q);
        }
        let d = self.dct?;
        let (y, q) = Self::quarter_of(d);
        Some(if q == 1 { (y - 1, 4) } else { (y, q - 1) })
    }

    fn fmt_q(q: Option<(i32, u32)>) -> String {
        match q {
            Some((y, q)) => format!("{y:04}-Q{q}"),
            None => "XXXX-QX".to_string(),
        }
    }

    // ---------------------------------------------------------------- the main loop

    /// Find all expressions.
    pub fn run(&mut self) -> Vec<Found> {
        let mut out: Vec<Found> = Vec::new();
        let n = self.t.len();
        let mut i = 0;
        while i < n {
            // Fast reject: only words in the lexicon and numbers can start an expression.
            let t = &self.t[i];
            if t.kind == Kind::Punct && t.ch != b'\'' || t.kind == Kind::Word && t.lex == OTHER {
                i += 1;
                continue;
            }
            if let Some(mut f) = self.at(i) {
                // "since 2004": the year is the span, "since" only marks it.
                if i > 0 && self.kw(i - 1, Kw::Since) {
                    f.since = true;
                }
                self.last_end = f.last;
                self.last_was_quarter = f.value.len() == 7 && f.value.as_bytes()[5] == b'Q';
                // Only explicit quarters ("the third quarter") anchor later "the quarter" and
                // "a year earlier"; "the year-ago quarter" must not.
                // Nor does an indefinite one ("after a flat second quarter"): it is brought in
                // for comparison, the definite one is the period reported on. ("a third-quarter
                // loss" is an adjective, definite in meaning.)
                let indefinite = (1..=2).any(|d| {
                    f.first >= d && matches!(self.lex(f.first - d), Lex::Kw(Kw::A | Kw::An))
                }) && !(f.first..f.last).any(|k| self.punct(k, b'-'));
                let explicit_q = !indefinite
                    && (f.first..f.last).any(|k| {
                        matches!(self.lex(k), Lex::Ord(1..=4) | Lex::Unit(Unit::Second, false))
                    })
                    && !(f.first..f.last)
                        .any(|k| matches!(self.lex(k), Lex::Kw(Kw::Ago | Kw::Earlier)));
                if let Some(y) = (f.first..f.last).find_map(|k| self.year_tok(k)) {
                    self.last_year = Some(y);
                }
                if f.kind == TimexType::Date && f.value.len() == 10 {
                    if let Some(day) = crate::core::date::parse_iso(&f.value) {
                        self.last_day = Some((day, f.last));
                    }
                }
                if f.kind == TimexType::Date && matches!(f.value.len(), 7 | 10) {
                    let num = |r: std::ops::Range<usize>| f.value.get(r)?.parse::<u32>().ok();
                    if let (Some(y), Some(mo)) = (num(0..4), num(5..7)) {
                        self.last_month = i32::try_from(y)
                            .ok()
                            .and_then(|y| valid_date(y, mo, 1))
                            .or(self.last_month);
                    }
                }
                if f.kind == TimexType::Duration {
                    let v = f.value.as_bytes();
                    let months = v.len() == 3
                        && v[0] == b'P'
                        && v[2] == b'M'
                        && (b'6'..=b'9').contains(&v[1]);
                    if months || f.value == "P1Y" {
                        self.longer_period = true;
                    }
                }
                if self.last_was_quarter {
                    self.longer_period = false;
                }
                if self.last_was_quarter && explicit_q {
                    let v = f.value.as_bytes();
                    let y = std::str::from_utf8(&v[..4]).ok().and_then(|s| s.parse().ok());
                    let q = u32::from(v[6].wrapping_sub(b'0'));
                    // Only a quarter already over can be the one reported on ("a fourth-quarter
                    // charge" in October is a forecast): "the latest quarter" and "a year ago"
                    // compare results. A fiscal quarter "ended Aug. 26", or one whose results
                    // were reported, is over whatever its number.
                    let ended =
                        self.kw(f.last, Kw::Ended) || self.tense(f.first, f.last) == Tense::Past;
                    let over =
                        |yq: (i32, u32)| ended || self.dct.is_none_or(|d| yq < Self::quarter_of(d));
                    if let (Some(y), true) = (y, (1..=4).contains(&q)) {
                        if over((y, q)) {
                            self.last_quarter = Some((y, q));
                        }
                    }
                }
                i = f.last.max(i + 1);
                out.push(f);
            } else if let Some(f) =
                out.last().filter(|p| p.last + 1 == i).and_then(|p| self.coordinated_day(i, p))
            {
                i = f.last;
                out.push(f);
            } else {
                i += 1;
            }
        }
        self.merge_ranges(&mut out);
        out
    }

    /// "April 24 and 25": a bare day number right after a month-day date and "and"/"or" is
    /// another day of that month.
    fn coordinated_day(&self, i: usize, p: &Found) -> Option<Found> {
        let linked = p.last + 1 == i && (self.kw(p.last, Kw::And) || self.kw(p.last, Kw::Or));
        if !linked || p.kind != TimexType::Date || p.range.is_some() {
            return None;
        }
        let first = crate::core::date::parse_iso(&p.value)?;
        let day = self.day_tok(i)?;
        // "on May 3 and 4 people died": a count, not a day.
        if self.t.get(i + 1).is_some_and(|n| n.kind != Kind::Punct) {
            return None;
        }
        let date = valid_date(first.year(), first.month(), day)?;
        Some(Found {
            first: i,
            last: i + 1,
            kind: TimexType::Date,
            value: fmt_day(Some(date)),
            modifier: None,
            range: None,
            since: false,
        })
    }

    /// Join "1994-2004", "from 1994 to 2004" and "between 1994 and 2004" into ranges.
    fn merge_ranges(&self, v: &mut Vec<Found>) {
        let mut k = 0;
        while k + 1 < v.len() {
            let (a, b) = (&v[k], &v[k + 1]);
            let both_dates = a.kind == TimexType::Date
                && b.kind == TimexType::Date
                && a.range.is_none()
                && a.modifier.is_none()
                && b.modifier.is_none()
                && !a.value.contains("REF")
                && !b.value.contains("REF");
            let adjacent = a.last + 1 == b.first;
            let years = a.value.len() == 4 && b.value.len() == 4;
            // "1994-2004"
            let dash = years && self.punct(a.last, b'-');
            // "from X to|through|until Y", "between X and Y"
            let worded = a.first > 0
                && ((self.kw(a.last, Kw::To)
                    || self.kw(a.last, Kw::Through)
                    || self.kw(a.last, Kw::Until))
                    && self.kw(a.first - 1, Kw::From)
                    || self.kw(a.last, Kw::And) && self.kw(a.first - 1, Kw::Between));
            let join = both_dates && adjacent && (dash || worded);
            if join {
                let b = v.remove(k + 1);
                let a = &mut v[k];
                a.range = Some(RangeEnd {
                    first_end: a.last,
                    second_start: b.first,
                    kind: b.kind,
                    value: b.value,
                    modifier: b.modifier,
                });
                a.last = b.last;
            }
            k += 1;
        }
    }

    /// Longest match starting at token `i`.
    fn at(&self, i: usize) -> Option<Found> {
        let mut best: Option<M> = None;
        let mut consider = |c: Option<M>| {
            if let Some(c) = c {
                if best.as_ref().is_none_or(|b| c.end > b.end) {
                    best = Some(c);
                }
            }
        };
        consider(self.modified(i));
        consider(self.core(i));
        let mut b = best?;
        // "the next two years or so"
        if self.kw(b.end, Kw::Or) && self.kw(b.end + 1, Kw::So) {
            b.end += 2;
            b.modifier = Some("APPROX");
        }
        Some(Found {
            first: i,
            last: b.end,
            kind: b.kind,
            value: b.value,
            modifier: b.modifier,
            range: None,
            since: false,
        })
    }

    /// Prefix modifiers: "nearly", "about", "more than", "at least", "early", "the end of"...
    fn modified(&self, i: usize) -> Option<M> {
        // (modifier, index after the prefix, applies to durations, applies to dates)
        let (md, j, dur_ok, date_ok): (&'static str, usize, bool, bool) = match self.lex(i) {
            Lex::Kw(Kw::Nearly) => ("APPROX", i + 1, true, true),
            Lex::Kw(Kw::Almost) => ("LESS_THAN", i + 1, true, true),
            Lex::Kw(Kw::About | Kw::Around | Kw::Approximately | Kw::Roughly) => {
                // Dates only when precise ("around Nov. 1", "about 7:15 p.m."), not "around
                // Wednesday's ruling".
                let precise = matches!(self.lex(i + 1), Lex::Month(..) | Lex::Other);
                ("APPROX", i + 1, true, precise)
            }
            Lex::Kw(Kw::Some) if self.number(i + 1).is_some() => ("APPROX", i + 1, true, false),
            Lex::Kw(Kw::No) if self.kw(i + 1, Kw::More) && self.kw(i + 2, Kw::Than) => {
                ("EQUAL_OR_LESS", i + 3, true, false)
            }
            Lex::Kw(Kw::More) if self.kw(i + 1, Kw::Than) => ("MORE_THAN", i + 2, true, false),
            Lex::Kw(Kw::Less) if self.kw(i + 1, Kw::Than) => ("LESS_THAN", i + 2, true, false),
            Lex::Kw(Kw::At) if self.kw(i + 1, Kw::Least) => ("EQUAL_OR_MORE", i + 2, true, false),
            Lex::Kw(Kw::At) if self.kw(i + 1, Kw::Most) => ("EQUAL_OR_LESS", i + 2, true, false),
            Lex::Kw(Kw::Up) if self.kw(i + 1, Kw::To) => ("EQUAL_OR_LESS", i + 2, true, false),
            Lex::Kw(Kw::Early | Kw::Mid | Kw::Late) => {
                let md = match self.lex(i) {
                    Lex::Kw(Kw::Early) => "START",
                    Lex::Kw(Kw::Mid) => "MID",
                    _ => "END",
                };
                let j = self.hy(i + 1);
                if let Lex::Part(p) = self.lex(j) {
                    return self.part_of_day(j, p, md);
                }
                (md, j, false, true)
            }
            Lex::Kw(Kw::Earlier | Kw::Later) => {
                let md = if self.kw(i, Kw::Earlier) { "START" } else { "END" };
                if self.kw(i + 1, Kw::In) && self.kw(i + 2, Kw::The) {
                    return self.part_of_current(i + 3, md);
                }
                (md, i + 1, false, true)
            }
            Lex::Kw(Kw::The) => {
                // "the end of", "the beginning of", "the middle of", "the early 1990s"
                let md = match self.lex(i + 1) {
                    Lex::Kw(Kw::End) => "END",
                    Lex::Kw(Kw::Beginning | Kw::Start) => "START",
                    Lex::Kw(Kw::Middle) => "MID",
                    Lex::Kw(Kw::Early) => "START",
                    Lex::Kw(Kw::Mid) => "MID",
                    Lex::Kw(Kw::Late) => "END",
                    _ => return None,
                };
                if matches!(self.lex(i + 1), Lex::Kw(Kw::Early | Kw::Mid | Kw::Late)) {
                    // "the early summer": the season of the document's year.
                    if let Lex::Season(sn) = self.lex(i + 2) {
                        let value = format!("{}-{}", fmt_year(self.dct_year()), season_code(sn));
                        return Some(M {
                            end: i + 3,
                            kind: TimexType::Date,
                            value,
                            modifier: Some(md),
                        });
                    }
                    // "the early 2000s", "the mid-1990s", "the late 1970s": decades only
                    let j = self.hy(i + 2);
                    let c = self.decade(j)?;
                    return Some(M { modifier: Some(md), ..c });
                }
                if !self.kw(i + 2, Kw::Of) {
                    return None;
                }
                // "the end of the year|month|week"
                if self.kw(i + 3, Kw::The) {
                    let g = match self.lex(i + 4) {
                        Lex::Unit(Unit::Year, false) => Gran::Year,
                        Lex::Unit(Unit::Month, false) => Gran::Month,
                        Lex::Unit(Unit::Week, false) => Gran::Week,
                        _ => return None,
                    };
                    return Some(M {
                        end: i + 5,
                        kind: TimexType::Date,
                        value: fmt_gran(self.dct, g),
                        modifier: Some(md),
                    });
                }
                (md, i + 3, false, true)
            }
            _ => return None,
        };
        let c = self.core(j)?;
        let is_dur = c.kind == TimexType::Duration;
        let is_ago = c.value.len() >= 4 && !is_dur && (dur_ok && !date_ok);
        let _ = is_ago;
        let ok = if is_dur {
            dur_ok
        } else if c.kind == TimexType::Set {
            false
        } else if date_ok {
            // "earlier"/"later" only modify relative expressions ("earlier this year").
            // TimeBank keeps "earlier" in "earlier this year|month" and "earlier yesterday" but
            // not in "earlier this week" or "Earlier Friday".
            if self.kw(i, Kw::Earlier) {
                self.kw(j, Kw::Yesterday)
                    || self.kw(j, Kw::This)
                        && matches!(self.lex(j + 1), Lex::Unit(Unit::Month | Unit::Year, false))
            } else if self.kw(i, Kw::Later) {
                self.kw(j, Kw::Yesterday)
            } else {
                !c.value.ends_with("_REF")
            }
        } else {
            // A duration prefix in front of a date: "more than two years ago".
            self.kw(c.end - 1, Kw::Ago)
        };
        if !ok {
            return None;
        }
        Some(M { modifier: Some(md), ..c })
    }

    /// "mid-afternoon", "late morning yesterday" (`j` at the part of day): a part of a day,
    /// which a bare part-of-day word is not (TimeBank leaves "in the afternoon" untagged).
    /// Out of line: rare, and it keeps [`Self::modified`] small on the hot path.
    #[inline(never)]
    fn part_of_day(&self, j: usize, p: DayPart, md: &'static str) -> Option<M> {
        let (day, end) = match self.lex(j + 1) {
            Lex::Kw(Kw::Yesterday) => (self.rel(-1, Unit::Day), j + 2),
            Lex::Kw(Kw::Today) => (self.dct, j + 2),
            Lex::Kw(Kw::Tomorrow) => (self.rel(1, Unit::Day), j + 2),
            _ => (self.dct, j + 1),
        };
        let value = format!("{}T{}", fmt_day(day), p.code());
        Some(M { end, kind: TimexType::Time, value, modifier: Some(md) })
    }

    /// "earlier in the year", "later in the month" (`k` at the unit): that part of the
    /// current one. Out of line, as [`Self::part_of_day`].
    #[inline(never)]
    fn part_of_current(&self, k: usize, md: &'static str) -> Option<M> {
        let g = match self.lex(k) {
            Lex::Unit(Unit::Year, false) => Gran::Year,
            Lex::Unit(Unit::Month, false) => Gran::Month,
            _ => return None,
        };
        Some(M {
            end: k + 1,
            kind: TimexType::Date,
            value: fmt_gran(self.dct, g),
            modifier: Some(md),
        })
    }

    /// Every unmodified family, longest wins.
    fn core(&self, i: usize) -> Option<M> {
        let mut best: Option<M> = None;
        let mut consider = |c: Option<M>| {
            if let Some(c) = c {
                if best.as_ref().is_none_or(|b| c.end > b.end) {
                    best = Some(c);
                }
            }
        };
        match self.lex(i) {
            Lex::Other => {
                if self.t.get(i).is_some_and(|t| t.kind == Kind::Num) {
                    consider(self.numeric_date(i));
                    consider(self.year_expr(i));
                    consider(self.decade(i));
                    consider(self.day_month(i));
                    consider(self.clock(i));
                    consider(self.duration(i));
                    consider(self.century(i));
                } else if self.punct(i, b'\'') {
                    consider(self.decade(i));
                }
            }
            Lex::Month(..) => consider(self.month_expr(i)),
            Lex::Weekday(..) => consider(self.weekday_expr(i)),
            Lex::Ord(_) => {
                consider(self.quarter(i));
                consider(self.century(i));
                consider(self.duration(i));
            }
            Lex::Num(_) | Lex::Kw(Kw::Hundred) => {
                consider(self.someday(i));
                consider(self.duration(i));
                consider(self.clock(i));
            }
            Lex::Unit(..) => {
                consider(self.bare_units(i));
                consider(self.quarter(i));
                consider(self.duration(i));
                consider(self.relative(i));
            }
            Lex::Kw(Kw::Nineteen) => consider(self.spoken_year(i)),
            Lex::Decade(_) => {}
            Lex::Kw(_) | Lex::Season(_) | Lex::Part(_) => {
                consider(self.holiday(i));
                consider(self.relative(i));
                consider(self.quarter(i));
                consider(self.duration(i));
                consider(self.set(i));
                consider(self.refs(i));
                consider(self.year_expr(i));
                consider(self.decade(i));
                consider(self.clock(i));
                consider(self.century(i));
            }
        }
        best
    }

    // ---------------------------------------------------------------- families

    /// "Islam will one day be ...", "he hopes he one day follows": "one day" between a
    /// subject or modal and its verb means some day to come, not a day's length.
    fn someday(&self, i: usize) -> Option<M> {
        if self.lex(i) != Lex::Num(1)
            || !self.is_w(i, b"one")
            || self.lex(i + 1) != Lex::Unit(Unit::Day, false)
            || i == 0
        {
            return None;
        }
        let p = self.word(i - 1);
        let before_verb = MODALS_AND_SUBJECTS.iter().any(|w| p.eq_ignore_ascii_case(w));
        before_verb.then(|| M {
            end: i + 2,
            kind: TimexType::Date,
            value: "FUTURE_REF".to_string(),
            modifier: None,
        })
    }

    /// "1998", "fiscal 1998", "the year 2000"... plus "1998-08-17"-style handled elsewhere.
    fn year_expr(&self, i: usize) -> Option<M> {
        if self.kw(i, Kw::Fiscal) {
            let j = if self.punct(i + 1, b'-') { i + 2 } else { i + 1 };
            let y = self.year_tok(j)?;
            return m(j + 1, TimexType::Date, fmt_year(Some(y)));
        }
        if self.kw(i, Kw::The) && self.lex(i + 1) == Lex::Unit(Unit::Year, false) {
            if let Some(y) = self.year_tok(i + 2) {
                return m(i + 3, TimexType::Date, fmt_year(Some(y)));
            }
            // "the year two thousand"
            let (n, k) = self.number(i + 2)?;
            if (1000..2100).contains(&n) && self.t[i + 2].kind == Kind::Word {
                return m(k, TimexType::Date, format!("{n:04}"));
            }
            return None;
        }
        let y = self.guarded_year(i)?;
        // "the 1988 quarter/period" is a quarter
        m(i + 1, TimexType::Date, fmt_year(Some(y)))
    }

    /// "nineteen ninety-seven"
    fn spoken_year(&self, i: usize) -> Option<M> {
        let (n, j) = self.number(i + 1)?;
        if !(10..100).contains(&n) {
            return None;
        }
        m(j, TimexType::Date, format!("19{n:02}"))
    }

    /// "the 1990s", "1990s", "'80s", "the nineties"
    fn decade(&self, i: usize) -> Option<M> {
        let (j, the) = if self.kw(i, Kw::The) { (i + 1, true) } else { (i, false) };
        let t = self.t.get(j)?;
        if let (true, Lex::Decade(d)) = (the, t.lex) {
            return m(j + 1, TimexType::Date, format!("19{d}"));
        }
        if t.is(b'\'') {
            let n = self.t.get(j + 1)?;
            if n.kind == Kind::Num && n.ndigits == 2 && n.has(F_PLURAL) && n.num % 10 == 0 {
                return m(j + 2, TimexType::Date, format!("19{}", n.num / 10));
            }
            return None;
        }
        if t.kind == Kind::Num && t.has(F_PLURAL) {
            if t.ndigits == 4 && t.num % 10 == 0 && (1000..2100).contains(&t.num) {
                return m(j + 1, TimexType::Date, format!("{:03}", t.num / 10));
            }
            if t.ndigits == 2 && t.num % 10 == 0 && the {
                return m(j + 1, TimexType::Date, format!("19{}", t.num / 10));
            }
        }
        None
    }

    /// "20th century", "the 11th century"
    fn century(&self, i: usize) -> Option<M> {
        let (j, _the) = if self.kw(i, Kw::The) { (i + 1, true) } else { (i, false) };
        let t = self.t.get(j)?;
        let n = match t.lex {
            Lex::Ord(n) => n,
            _ if t.kind == Kind::Num && t.has(F_ORDINAL) => t.num,
            _ => return None,
        };
        let k = self.hy(j + 1);
        if self.lex(k) != Lex::Unit(Unit::Century, false) || !(1..=21).contains(&n) {
            return None;
        }
        m(k + 1, TimexType::Date, format!("{:02}", n - 1))
    }

    /// "10/26/89", "1998-08-17", "19980108", "1998-10-25 21:00"
    fn numeric_date(&self, i: usize) -> Option<M> {
        let t = self.t.get(i)?;
        if t.has(F_COMMA | F_DECIMAL | F_PLURAL | F_ORDINAL | F_GLUED) {
            return None;
        }
        // YYYYMMDD
        if t.ndigits == 8 {
            let v = t.num;
            let d = valid_date(i32::try_from(v / 10000).ok()?, (v / 100) % 100, v % 100)?;
            if !(1900..2100).contains(&d.year()) {
                return None;
            }
            return m(i + 1, TimexType::Date, fmt_day(Some(d)));
        }
        let sep = self.t.get(i + 1)?;
        if !(sep.is(b'/') || sep.is(b'-')) || !self.glued(i) || !self.glued(i + 1) {
            return None;
        }
        let c = sep.ch;
        let b = self.t.get(i + 2)?;
        if b.kind != Kind::Num || !self.punct(i + 3, c) || !self.glued(i + 2) || !self.glued(i + 3)
        {
            return None;
        }
        let e = self.t.get(i + 4)?;
        if e.kind != Kind::Num || e.has(F_COMMA | F_DECIMAL | F_PLURAL | F_ORDINAL) {
            return None;
        }
        let date = if t.ndigits == 4 {
            valid_date(i32::try_from(t.num).ok()?, b.num, e.num)?
        } else {
            let y = match e.ndigits {
                2 => {
                    if e.num >= 30 {
                        1900 + e.num
                    } else {
                        2000 + e.num
                    }
                }
                4 => e.num,
                _ => return None,
            };
            valid_date(i32::try_from(y).ok()?, t.num, b.num)?
        };
        let mut end = i + 5;
        // Trailing clock time "21:00" or "22:19:00".
        if let Some((hh, mm, ss, k)) = self.hhmm(end) {
            end = k;
            let v = match ss {
                Some(s) if t.ndigits != 4 => {
                    format!("{}T{hh:02}:{mm:02}:{s:02}", fmt_day(Some(date)))
                }
                _ => format!("{}T{hh:02}:{mm:02}", fmt_day(Some(date))),
            };
            return m(end, TimexType::Time, v);
        }
        m(end, TimexType::Date, fmt_day(Some(date)))
    }

    /// "21:00" or "21:00:05" at `i`.
    fn hhmm(&self, i: usize) -> Option<(u32, u32, Option<u32>, usize)> {
        let h = self.t.get(i)?;
        if h.kind != Kind::Num || h.ndigits > 2 || h.num > 24 || !self.punct(i + 1, b':') {
            return None;
        }
        if !self.glued(i) || !self.glued(i + 1) {
            return None;
        }
        let mm = self.t.get(i + 2)?;
        if mm.kind != Kind::Num || mm.ndigits != 2 || mm.num > 59 || mm.has(F_DECIMAL) {
            return None;
        }
        if self.punct(i + 3, b':') && self.glued(i + 2) && self.glued(i + 3) {
            if let Some(s) = self.t.get(i + 4) {
                if s.kind == Kind::Num && s.ndigits == 2 {
                    return Some((h.num, mm.num, Some(s.num), i + 5));
                }
            }
        }
        Some((h.num, mm.num, None, i + 3))
    }

    /// Month-led dates: "April", "April 2008", "April 3, 2008", "Jan. 3", "May 22, 1995".
    fn month_expr(&self, i: usize) -> Option<M> {
        let Lex::Month(mo, abbr) = self.lex(i) else { return None };
        let mo = u32::from(mo);
        let mut j = i + 1;
        let mut dotted = false;
        if self.punct(j, b'.') && self.glued(i) {
            j += 1;
            dotted = true;
        }
        if !self.cap(i) {
            return None;
        }
        // day
        if let Some(d) = self.day_tok(j) {
            if !self.glued(j - 1) || self.punct(j - 1, b'.') {
                let mut k = j + 1;
                // ", 1998" or " 1998"
                let kk = if self.punct(k, b',') { k + 1 } else { k };
                if let Some(y) = self.year_tok(kk) {
                    if !self.t[kk].has(F_PLURAL) {
                        k = kk + 1;
                        let date = valid_date(y, mo, d);
                        return m(
                            k,
                            TimexType::Date,
                            match date {
                                Some(dd) => fmt_day(Some(dd)),
                                None => format!("{y:04}-{mo:02}-{d:02}"),
                            },
                        );
                    }
                }
                let y = self.year_for_month(mo, Some(d), i, k);
                let v = match y {
                    Some(y) => format!("{y:04}-{mo:02}-{d:02}"),
                    None => format!("XXXX-{mo:02}-{d:02}"),
                };
                return m(k, TimexType::Date, v);
            }
        }
        // year: "April 2008", "April, 2008"
        let jj = if self.punct(j, b',') { j + 1 } else { j };
        if let Some(y) = self.year_tok(jj) {
            if !self.t[jj].has(F_PLURAL) {
                return m(jj + 1, TimexType::Date, format!("{y:04}-{mo:02}"));
            }
        }
        // "January nineteen ninety-seven"
        if self.kw(j, Kw::Nineteen) {
            if let Some(s) = self.spoken_year(j) {
                return m(s.end, TimexType::Date, format!("{}-{mo:02}", s.value));
            }
        }
        // "June last year", "January this year"
        if self.lex(j + 1) == Lex::Unit(Unit::Year, false) {
            let off = match self.lex(j) {
                Lex::Kw(Kw::Last) => Some(-1),
                Lex::Kw(Kw::This) => Some(0),
                Lex::Kw(Kw::Next) => Some(1),
                _ => None,
            };
            if let Some(off) = off {
                let y = self.dct_year().map(|y| y + off);
                return m(j + 2, TimexType::Date, format!("{}-{mo:02}", fmt_year(y)));
            }
        }
        // Bare month: guard "May" (modal) and abbreviations without context.
        if abbr && !dotted {
            return None;
        }
        if mo == 5 || abbr || mo == 3 || mo == 8 {
            let prev_ok = i > 0
                && (matches!(
                    self.lex(i - 1),
                    Lex::Kw(
                        Kw::In
                            | Kw::Since
                            | Kw::Until
                            | Kw::From
                            | Kw::To
                            | Kw::Through
                            | Kw::Last
                            | Kw::Next
                            | Kw::This
                            | Kw::Early
                            | Kw::Late
                            | Kw::Mid
                            | Kw::Of
                            | Kw::Between
                            | Kw::And
                            | Kw::Each
                            | Kw::Every
                    )
                ) || {
                    let w = self.word(i - 1);
                    [b"by" as &[u8], b"during", b"before", b"after", b"on"]
                        .iter()
                        .any(|x| w.eq_ignore_ascii_case(x))
                } || self.punct(i - 1, b'-'));
            if !prev_ok {
                return None;
            }
        }
        let end = if dotted && !abbr { j - 1 } else { j };
        let y = self.year_for_month(mo, None, i, end);
        m(end, TimexType::Date, format!("{}-{mo:02}", fmt_year(y)))
    }

    /// "3 April 2008", "3 April"
    fn day_month(&self, i: usize) -> Option<M> {
        let d = self.day_tok(i)?;
        let mut j = i + 1;
        if self.kw(j, Kw::Of) {
            j += 1;
        }
        let Lex::Month(mo, abbr) = self.lex(j) else { return None };
        if !self.cap(j) {
            return None;
        }
        let mo = u32::from(mo);
        let mut k = j + 1;
        if abbr && self.punct(k, b'.') {
            k += 1;
        }
        let kk = if self.punct(k, b',') { k + 1 } else { k };
        if let Some(y) = self.year_tok(kk) {
            let v = match valid_date(y, mo, d) {
                Some(dd) => fmt_day(Some(dd)),
                None => format!("{y:04}-{mo:02}-{d:02}"),
            };
            return m(kk + 1, TimexType::Date, v);
        }
        let y = self.year_for_month(mo, Some(d), i, k);
        m(k, TimexType::Date, format!("{}-{mo:02}-{d:02}", fmt_year(y)))
    }

    /// "Friday", "Friday, Oct. 23", "Wednesday night", "Tuesday morning"
    fn weekday_expr(&self, i: usize) -> Option<M> {
        let Lex::Weekday(wd, plural) = self.lex(i) else { return None };
        if !self.cap(i) {
            return None;
        }
        if plural {
            // "Tuesday nights" as a set
            if let Lex::Part(p) = self.lex(i + 1) {
                return m(i + 2, TimexType::Set, format!("XXXX-WXX-{wd}T{}", p.code()));
            }
            return m(i + 1, TimexType::Set, format!("XXXX-WXX-{wd}"));
        }
        // "Tuesday nights", and "Monday" in "Monday and Tuesday nights": every such night.
        if let Some(p) = self.plural_part(i + 1) {
            return m(i + 2, TimexType::Set, format!("XXXX-WXX-{wd}T{}", p.code()));
        }
        if (self.kw(i + 1, Kw::And) || self.kw(i + 1, Kw::Or))
            && matches!(self.lex(i + 2), Lex::Weekday(_, false))
        {
            if let Some(p) = self.plural_part(i + 3) {
                return m(i + 1, TimexType::Set, format!("XXXX-WXX-{wd}T{}", p.code()));
            }
        }
        // "Friday, Oct. 23[, 1998]"
        let j = if self.punct(i + 1, b',') { i + 2 } else { i + 1 };
        if matches!(self.lex(j), Lex::Month(..)) {
            if let Some(mm) = self.month_expr(j) {
                if mm.value.len() == 10 {
                    return m(mm.end, TimexType::Date, mm.value);
                }
            }
        }
        let date = self.weekday_date(wd, i, i + 1);
        let base = match date {
            Some(d) => fmt_day(Some(d)),
            None => format!("XXXX-WXX-{wd}"),
        };
        if let Lex::Part(p) = self.lex(i + 1) {
            // TimeBank mostly gives "Friday night" and "Tuesday morning" the day's value.
            if matches!(p, DayPart::Night | DayPart::Morning) {
                return m(i + 2, TimexType::Date, base);
            }
            return m(i + 2, TimexType::Date, format!("{base}T{}", p.code()));
        }
        m(i + 1, TimexType::Date, base)
    }

    /// Relative dates: "today", "last year", "this week", "next month", "the following year",
    /// "a year ago", "two weeks ago", "last fall", "this morning", "the weekend", "year-end".
    fn relative(&self, i: usize) -> Option<M> {
        let d = self.dct;
        match self.lex(i) {
            Lex::Kw(Kw::Today) => {
                // "USA Today", "VOA Today": a capitalised "Today" after a name is a title.
                if self.cap(i)
                    && !self.sentence_start(i)
                    && self.cap(i - 1)
                    && self.lex(i - 1) == OTHER
                    && self.t[i - 1].kind == Kind::Word
                {
                    return None;
                }
                // "today's youth" means nowadays; TimeBank leaves it untagged.
                if self.punct(i + 1, b'\'')
                    && self.is_w(i + 2, b"s")
                    && in_words(NOWADAYS_NOUNS, self.word(i + 3))
                {
                    return None;
                }
                if let Lex::Part(p) = self.lex(i + 1) {
                    return m(i + 2, TimexType::Time, format!("{}T{}", fmt_day(d), p.code()));
                }
                m(i + 1, TimexType::Date, fmt_day(d))
            }
            Lex::Kw(Kw::Yesterday) => {
                let y = self.rel(-1, Unit::Day);
                if let Lex::Part(p) = self.lex(i + 1) {
                    return m(i + 2, TimexType::Time, format!("{}T{}", fmt_day(y), p.code()));
                }
                m(i + 1, TimexType::Date, fmt_day(y))
            }
            // "the people of tomorrow", "the world of tomorrow": the future in general.
            Lex::Kw(Kw::Tomorrow) if i > 0 && self.kw(i - 1, Kw::Of) => None,
            Lex::Kw(Kw::Tomorrow) => {
                let y = self.rel(1, Unit::Day);
                if let Lex::Part(p) = self.lex(i + 1) {
                    return m(i + 2, TimexType::Time, format!("{}T{}", fmt_day(y), p.code()));
                }
                m(i + 1, TimexType::Date, fmt_day(y))
            }
            Lex::Kw(Kw::Tonight) => m(i + 1, TimexType::Date, fmt_day(d)),
            // "overnight": the night before the day in view (the last day named, else the
            // document date).
            Lex::Kw(Kw::Overnight) => {
                let night = self.ref_day(i).and_then(|x| shift(x, -1, Unit::Day));
                m(i + 1, TimexType::Time, format!("{}TNI", fmt_day(night)))
            }
            Lex::Kw(Kw::Last | Kw::This | Kw::Next | Kw::Past | Kw::Coming | Kw::Previous) => {
                self.deictic(i, i)
            }
            Lex::Kw(Kw::Its) if matches!(self.lex(i + 1), Lex::Unit(Unit::Year, false)) => {
                let j = self.hy(i + 2);
                if matches!(self.lex(j), Lex::Kw(Kw::Earlier | Kw::Ago)) && j > i + 2 {
                    return self.year_ago_adj(i, j + 1);
                }
                None
            }
            Lex::Kw(Kw::The) => {
                // "the following month", "the previous year", "the past year", "the weekend",
                // "the coming week", "the year-ago quarter", "the current year"
                match self.lex(i + 1) {
                    Lex::Kw(
                        Kw::Following
                        | Kw::Previous
                        | Kw::Past
                        | Kw::Coming
                        | Kw::Next
                        | Kw::Last
                        | Kw::Current
                        | Kw::Latest,
                    ) => self.deictic(i, i + 1),
                    Lex::Kw(Kw::Weekend) => m(i + 2, TimexType::Date, self.weekend(0, i)),
                    Lex::Kw(Kw::Comparable | Kw::Corresponding) => {
                        // "the corresponding period last year": the year-ago quarter in an
                        // earnings report, else last year.
                        if self.kw(i + 2, Kw::Period)
                            && self.kw(i + 3, Kw::Last)
                            && self.lex(i + 4) == Lex::Unit(Unit::Year, false)
                        {
                            let v = if self.quarter_context() {
                                Self::fmt_q(self.implied_quarter().map(|(y, q)| (y - 1, q)))
                            } else {
                                fmt_year(self.dct_year().map(|y| y - 1))
                            };
                            return m(i + 5, TimexType::Date, v);
                        }
                        let c = self.relative(i + 2)?;
                        m(c.end, c.kind, c.value)
                    }
                    Lex::Unit(Unit::Year, false) => {
                        let j = self.hy(i + 2);
                        if matches!(self.lex(j), Lex::Kw(Kw::Earlier | Kw::Ago)) && j > i + 2 {
                            return self.year_ago_adj(i, j + 1);
                        }
                        // "the year ended Sept. 30" is a fiscal year (a duration); "for the
                        // year" is the current one.
                        if self.kw(i + 2, Kw::Ended) {
                            return m(i + 2, TimexType::Duration, "P1Y".to_string());
                        }
                        if i > 0 && self.is_w(i - 1, b"for") {
                            return m(i + 2, TimexType::Date, fmt_year(self.dct_year()));
                        }
                        // "the first nine months of the year", "the rest of the year": a part
                        // of the current year (not "the car of the year").
                        if i >= 2 && self.kw(i - 1, Kw::Of) && {
                            let w = self.word(i - 2);
                            matches!(self.lex(i - 2), Lex::Unit(_, true) | Lex::Kw(Kw::Half))
                                || w.eq_ignore_ascii_case(b"rest")
                                || w.eq_ignore_ascii_case(b"remainder")
                                || w.eq_ignore_ascii_case(b"balance")
                        } {
                            return m(i + 2, TimexType::Date, fmt_year(self.dct_year()));
                        }
                        None
                    }
                    Lex::Kw(Kw::Full) if self.lex(i + 2) == Lex::Unit(Unit::Year, false) => {
                        m(i + 3, TimexType::Date, fmt_year(self.dct_year()))
                    }
                    Lex::Kw(Kw::Fiscal) if self.lex(i + 2) == Lex::Unit(Unit::Year, false) => {
                        if self.kw(i + 3, Kw::Ended) {
                            m(i + 3, TimexType::Duration, "P1Y".to_string())
                        } else {
                            m(i + 3, TimexType::Date, fmt_year(self.dct_year()))
                        }
                    }
                    Lex::Season(s) => {
                        // "the winter of 1994", "the winter of nineteen ninety-four"
                        if self.kw(i + 2, Kw::Of) {
                            let year = match self.year_tok(i + 3) {
                                Some(y) => Some((y, i + 4)),
                                None if self.kw(i + 3, Kw::Nineteen) => self
                                    .spoken_year(i + 3)
                                    .and_then(|sy| Some((sy.value.parse::<i32>().ok()?, sy.end))),
                                None => None,
                            };
                            if let Some((y, end)) = year {
                                return m(
                                    end,
                                    TimexType::Date,
                                    format!("{y:04}-{}", season_code(s)),
                                );
                            }
                        }
                        let y = fmt_year(self.dct_year());
                        m(i + 2, TimexType::Date, format!("{y}-{}", season_code(s)))
                    }
                    // "the day before Tuesday's hearing", "the day after Christmas": one day
                    // off a day-precise date.
                    Lex::Unit(Unit::Day, false) => {
                        let w = self.word(i + 2);
                        let off = if w.eq_ignore_ascii_case(b"before") {
                            -1
                        } else if w.eq_ignore_ascii_case(b"after") {
                            1
                        } else {
                            return None;
                        };
                        let Some(c) = self.modified(i + 3).or_else(|| self.core(i + 3)) else {
                            // "Oct. 12, the day before the crash": in apposition to the day
                            // just named, "the day" is that day.
                            let (day, end) = self.last_day?;
                            return (i >= 1 && end + 1 == i && self.punct(i - 1, b',')).then(
                                || M {
                                    end: i + 2,
                                    kind: TimexType::Date,
                                    value: fmt_day(Some(day)),
                                    modifier: None,
                                },
                            );
                        };
                        let day = crate::core::date::parse_iso(&c.value)?;
                        m(c.end, TimexType::Date, fmt_day(shift(day, off, Unit::Day)))
                    }
                    // "the week of March 6": the ISO week holding that day.
                    Lex::Unit(Unit::Week, false) if self.kw(i + 2, Kw::Of) => {
                        let mm = self.month_expr(i + 3)?;
                        let day = crate::core::date::parse_iso(&mm.value)?;
                        m(mm.end, TimexType::Date, fmt_gran(Some(day), Gran::Week))
                    }
                    // A bare "the week" ("For the week, the index fell", "the week's busiest
                    // session") is some week of the story the text leaves unnamed: TimeBank
                    // gives the year and X's for the week, as for any unresolved field.
                    Lex::Unit(Unit::Week, false)
                        if !self.cap(i + 1)
                            && !matches!(
                                self.lex(i + 2),
                                Lex::Kw(Kw::Of | Kw::Following | Kw::Ahead)
                            )
                            && !self.is_w(i + 2, b"before")
                            && !self.is_w(i + 2, b"after") =>
                    {
                        m(i + 2, TimexType::Date, format!("{}-WXX", fmt_year(self.dct_year())))
                    }
                    _ => None,
                }
            }
            Lex::Kw(Kw::A | Kw::An) | Lex::Num(_) => self.ago(i),
            Lex::Kw(Kw::That) if self.lex(i + 1) == Lex::Unit(Unit::Year, false) => {
                // "that year": the last year mentioned
                self.last_year.and_then(|y| m(i + 2, TimexType::Date, fmt_year(Some(y))))
            }
            // "that quarter": the last quarter named
            Lex::Kw(Kw::That) if self.lex(i + 1) == Lex::Unit(Unit::Quarter, false) => {
                let q = self.last_quarter?;
                m(i + 2, TimexType::Date, Self::fmt_q(Some(q)))
            }
            Lex::Season(s) => {
                // Bare "summer" only with a year: "summer 1998"
                if let Some(y) = self.year_tok(i + 1) {
                    return m(i + 2, TimexType::Date, format!("{y:04}-{}", season_code(s)));
                }
                None
            }
            Lex::Unit(Unit::Year, false) => {
                // "year-end", "year end", "year's end", "year-earlier", "year-ago"
                let mut j = self.hy(i + 1);
                if self.punct(j, b'\'') && self.is_w(j + 1, b"s") {
                    if !self.kw(j + 2, Kw::End) {
                        return None;
                    }
                    j += 2;
                }
                match self.lex(j) {
                    // "by year-end", "since year-end": the compound as a noun is the year's
                    // last day (as TimeBank annotates it), the last one before the document
                    // date after "since". ("year end", "year's end" stay the year's end.)
                    Lex::Kw(Kw::End)
                        if j == i + 2 && self.t.get(j + 1).is_none_or(|t| t.kind != Kind::Word) =>
                    {
                        let since = i > 0 && self.kw(i - 1, Kw::Since);
                        let y = self.dct_year().map(|y| y - i32::from(since));
                        let day = y.and_then(|y| valid_date(y, 12, 31));
                        m(j + 1, TimexType::Date, fmt_day(day))
                    }
                    Lex::Kw(Kw::End) => {
                        let y = fmt_year(self.dct_year());
                        Some(M {
                            end: j + 1,
                            kind: TimexType::Date,
                            value: y,
                            modifier: Some("END"),
                        })
                    }
                    Lex::Kw(Kw::Earlier | Kw::Ago) if j > i + 1 => self.year_ago_adj(i, j + 1),
                    _ => None,
                }
            }
            Lex::Kw(Kw::Earlier) => {
                // "earlier that day" etc. are rare; nothing here.
                None
            }
            _ => None,
        }
    }

    /// "year-earlier [third] quarter|period", "year-ago" after the hyphenated adjective.
    fn year_ago_adj(&self, _i: usize, j: usize) -> Option<M> {
        // optional ordinal + quarter / period / "nine months"
        let mut k = j;
        if let Lex::Ord(q) = self.lex(k) {
            if self.lex(self.hy(k + 1)) == Lex::Unit(Unit::Quarter, false) && (1..=4).contains(&q) {
                let y = self.implied_quarter().map(|(y, _)| y - 1);
                return m(self.hy(k + 1) + 1, TimexType::Date, Self::fmt_q(y.map(|y| (y, q))));
            }
        }
        if let Some((n, kk)) = self.number(k) {
            if let Some((u, _)) = self.is_unit(kk) {
                return m(kk + 1, TimexType::Duration, duration_value(Some(n), u));
            }
        }
        if matches!(self.lex(k), Lex::Unit(Unit::Quarter, false) | Lex::Kw(Kw::Period)) {
            k += 1;
            let q = self.implied_quarter().map(|(y, q)| (y - 1, q));
            return m(k, TimexType::Date, Self::fmt_q(q));
        }
        if self.quarter_context() {
            let q = self.implied_quarter().map(|(y, q)| (y - 1, q));
            return m(j, TimexType::Date, Self::fmt_q(q));
        }
        m(j, TimexType::Date, fmt_year(self.dct_year().map(|y| y - 1)))
    }

    /// The ISO week of a weekend: "the weekend" on a weekday is the one just past unless the
    /// clause is in the future tense; "last/next weekend" shift from there.
    fn weekend(&self, off: i64, a: usize) -> String {
        match self.dct {
            Some(d) => {
                let on_weekend = d.weekday().number_from_monday() >= 6;
                let base = if on_weekend || self.tense(a, a + 2) == Tense::Future { 0 } else { -1 };
                let off = if off == 0 {
                    base
                } else if off < 0 {
                    base.min(-1) + off + 1
                } else {
                    off
                };
                let d = shift(d, off, Unit::Week).unwrap_or(d);
                let w = d.iso_week();
                format!("{:04}-W{:02}-WE", w.year(), w.week())
            }
            None => "XXXX-WXX-WE".to_string(),
        }
    }

    /// "last|this|next|past|coming|previous|following X": `i` is the first token of the span,
    /// `j` the deictic word.
    fn deictic(&self, i: usize, j: usize) -> Option<M> {
        let off: i64 = match self.lex(j) {
            Lex::Kw(Kw::Last | Kw::Past | Kw::Previous) => -1,
            Lex::Kw(Kw::This | Kw::Current | Kw::Latest) => 0,
            Lex::Kw(Kw::Next | Kw::Coming | Kw::Following) => 1,
            _ => return None,
        };
        // "this past spring", "this coming Sunday"
        let (j, off) = match (off, self.lex(j + 1)) {
            (0, Lex::Kw(Kw::Past)) => (j + 1, -1),
            (0, Lex::Kw(Kw::Coming)) => (j + 1, 1),
            _ => (j, off),
        };
        let k = j + 1;
        let d = self.dct;
        let the = i != j && !self.kw(i, Kw::This);
        // A capitalised unit inside a phrase is a title: ABC's "This Week".
        if matches!(self.lex(k), Lex::Unit(..)) && self.cap(k) {
            return None;
        }
        match self.lex(k) {
            Lex::Unit(u, false) => {
                if matches!(self.lex(j), Lex::Kw(Kw::Latest)) && u != Unit::Quarter {
                    return None;
                }
                // "the following month", "the previous day" count from the last month or day
                // named (as "the following year" does from the last year), "next month" from
                // the document date.
                let anaphoric = the && matches!(self.lex(j), Lex::Kw(Kw::Following | Kw::Previous));
                let v = match u {
                    Unit::Day if anaphoric => {
                        let base = self.last_day.map(|(x, _)| x).or(d);
                        fmt_day(base.and_then(|x| shift(x, off, Unit::Day)))
                    }
                    Unit::Month if anaphoric => {
                        let base = self.last_month.or(d);
                        fmt_gran(base.and_then(|x| shift(x, off, Unit::Month)), Gran::Month)
                    }
                    Unit::Day => fmt_day(self.rel(off, Unit::Day)),
                    Unit::Week => fmt_gran(self.rel(off, Unit::Week), Gran::Week),
                    Unit::Month => fmt_gran(self.rel(off, Unit::Month), Gran::Month),
                    Unit::Quarter => {
                        if off == 0 && (the || matches!(self.lex(j), Lex::Kw(Kw::This))) {
                            // "the latest quarter", "this quarter", "the current quarter"
                            if matches!(self.lex(j), Lex::Kw(Kw::Latest)) {
                                Self::fmt_q(self.implied_quarter())
                            } else {
                                fmt_gran(d, Gran::Quarter)
                            }
                        } else {
                            fmt_gran(self.rel(off, Unit::Quarter), Gran::Quarter)
                        }
                    }
                    Unit::Year => {
                        // "the following year" counts from the last year mentioned; "the past
                        // year" and "last year" from the document date.
                        let anchored =
                            the && matches!(self.lex(j), Lex::Kw(Kw::Following | Kw::Previous));
                        let base = if anchored {
                            self.last_year.or(self.dct_year())
                        } else {
                            self.dct_year()
                        };
                        fmt_year(base.map(|y| y + off as i32))
                    }
                    Unit::Decade => {
                        if off == -1 {
                            fmt_gran(self.rel(-10, Unit::Year), Gran::Decade)
                        } else {
                            fmt_gran(d, Gran::Decade)
                        }
                    }
                    Unit::Century => {
                        return m(k + 1, TimexType::Duration, "P100Y".to_string());
                    }
                    _ => return None,
                };
                m(k + 1, TimexType::Date, v)
            }
            Lex::Kw(Kw::Weekend) => m(k + 1, TimexType::Date, self.weekend(off, i)),
            Lex::Kw(Kw::Fiscal) if self.lex(k + 1) == Lex::Unit(Unit::Year, false) => {
                m(k + 2, TimexType::Date, fmt_year(self.dct_year().map(|y| y + off as i32)))
            }
            Lex::Weekday(wd, false) if !the || off != 0 => {
                // "the previous Friday", "the following Monday" count from the last day
                // named, "last Friday" from the document date.
                let anaphoric = the && matches!(self.lex(j), Lex::Kw(Kw::Previous | Kw::Following));
                let base = if anaphoric { self.last_day.map(|(x, _)| x).or(d) } else { d };
                let Some(dd) = base else {
                    return m(k + 1, TimexType::Date, format!("XXXX-WXX-{wd}"));
                };
                let target = i64::from(weekday_from(wd).num_days_from_monday());
                let cur = i64::from(dd.weekday().num_days_from_monday());
                let delta = match off {
                    -1 => {
                        let b = (cur - target).rem_euclid(7);
                        -(if b == 0 { 7 } else { b })
                    }
                    1 => {
                        let f = (target - cur).rem_euclid(7);
                        if f == 0 {
                            7
                        } else {
                            f
                        }
                    }
                    _ => target - cur,
                };
                // "this coming Sunday, March eighth": the explicit date in apposition.
                if self.punct(k + 1, b',') && matches!(self.lex(k + 2), Lex::Month(..)) {
                    if let Some(mm) = self.month_expr(k + 2).filter(|mm| mm.value.len() == 10) {
                        return m(mm.end, TimexType::Date, mm.value);
                    }
                }
                m(k + 1, TimexType::Date, fmt_day(shift(dd, delta, Unit::Day)))
            }
            Lex::Month(mo, _) if self.cap(k) && !the => {
                let mo = u32::from(mo);
                let y = d.map(|dd| {
                    let y = dd.year();
                    match off {
                        // "last February" said in March is not the month just over (that
                        // would be "last month") but the one a year before.
                        -1 => {
                            if mo + 1 < dd.month() {
                                y
                            } else {
                                y - 1
                            }
                        }
                        1 => {
                            if mo > dd.month() {
                                y
                            } else {
                                y + 1
                            }
                        }
                        _ => y,
                    }
                });
                let abbr = matches!(self.lex(k), Lex::Month(_, true));
                let end =
                    if abbr && self.punct(k + 1, b'.') && self.glued(k) { k + 2 } else { k + 1 };
                // "last Oct. 23": the last such day before the document date (or next after).
                if let (Some(day), Some(dd)) = (self.day_tok(end), d) {
                    let on = |y: i32| valid_date(y, mo, day);
                    let y = dd.year();
                    let date = match off {
                        -1 => on(y).filter(|x| *x < dd).or_else(|| on(y - 1)),
                        1 => on(y).filter(|x| *x > dd).or_else(|| on(y + 1)),
                        _ => on(y),
                    };
                    if let Some(x) = date {
                        return m(end + 1, TimexType::Date, fmt_day(Some(x)));
                    }
                }
                m(end, TimexType::Date, format!("{}-{mo:02}", fmt_year(y)))
            }
            Lex::Season(s) => {
                let y = d.map(|dd| {
                    // January and February belong to the winter that began the year before.
                    let y = if dd.month() <= 2 { dd.year() - 1 } else { dd.year() };
                    let cur = match dd.month() {
                        3..=5 => 0,
                        6..=8 => 1,
                        9..=11 => 2,
                        _ => 3,
                    };
                    match off {
                        -1 => {
                            if s < cur {
                                y
                            } else {
                                y - 1
                            }
                        }
                        1 => {
                            if s > cur {
                                y
                            } else {
                                y + 1
                            }
                        }
                        _ => {
                            if s == 3 {
                                y
                            } else {
                                dd.year()
                            }
                        }
                    }
                });
                m(k + 1, TimexType::Date, format!("{}-{}", fmt_year(y), season_code(s)))
            }
            Lex::Part(p) if off == 0 && !the => {
                m(k + 1, TimexType::Time, format!("{}T{}", fmt_day(d), p.code()))
            }
            Lex::Part(DayPart::Night) if off == -1 && !the => {
                m(k + 1, TimexType::Time, format!("{}TNI", fmt_day(self.rel(-1, Unit::Day))))
            }
            _ => None,
        }
    }

    /// Holidays: "Thanksgiving (Day)", "Christmas (Day|Eve)", "New Year's Day|Eve", "Election
    /// Day", "Independence Day", "Memorial Day", "Labor Day", "Halloween", optionally with
    /// "last|next|this" before or a year after. Without a year: the occurrence before the
    /// document date, or the next one in a future clause or after "next".
    fn holiday(&self, i: usize) -> Option<M> {
        let (off, j) = match self.lex(i) {
            Lex::Kw(Kw::Last) => (-1i8, i + 1),
            Lex::Kw(Kw::Next) => (1, i + 1),
            Lex::Kw(Kw::This) => (0, i + 1),
            _ => (0, i),
        };
        if !self.cap(j) {
            return None;
        }
        let day_after = |k: usize| self.lex(k) == Lex::Unit(Unit::Day, false) && self.cap(k);
        // (rule, next index); rule: fixed (month, day) or n-th weekday of a month.
        enum H {
            Fixed(u32, u32),
            Nth(u32, u8, i32),
        }
        let (h, mut k) = match self.lex(j) {
            Lex::Kw(Kw::Thanksgiving) => (H::Nth(11, 4, 4), j + 1 + usize::from(day_after(j + 1))),
            Lex::Kw(Kw::Christmas) => {
                if self.kw(j + 1, Kw::Eve) && self.cap(j + 1) {
                    (H::Fixed(12, 24), j + 2)
                } else {
                    (H::Fixed(12, 25), j + 1 + usize::from(day_after(j + 1)))
                }
            }
            Lex::Kw(Kw::Halloween) => (H::Fixed(10, 31), j + 1),
            Lex::Kw(Kw::Independence) if day_after(j + 1) => (H::Fixed(7, 4), j + 2),
            Lex::Kw(Kw::Memorial) if day_after(j + 1) => (H::Nth(5, 1, -1), j + 2),
            Lex::Kw(Kw::Labor) if day_after(j + 1) => (H::Nth(9, 1, 1), j + 2),
            // Election Day: the Tuesday after the first Monday of November.
            Lex::Kw(Kw::Election) if day_after(j + 1) => (H::Nth(11, 0, 0), j + 2),
            Lex::Kw(Kw::New)
                if self.lex(j + 1) == Lex::Unit(Unit::Year, false)
                    && self.cap(j + 1)
                    && self.punct(j + 2, b'\'')
                    && self.is_w(j + 3, b"s") =>
            {
                if day_after(j + 4) {
                    (H::Fixed(1, 1), j + 5)
                } else if self.kw(j + 4, Kw::Eve) {
                    (H::Fixed(12, 31), j + 5)
                } else {
                    return None;
                }
            }
            _ => return None,
        };
        let on = |y: i32| -> Option<NaiveDate> {
            match h {
                H::Fixed(mo, d) => valid_date(y, mo, d),
                H::Nth(mo, 0, _) => {
                    // first Monday, then the day after
                    let first = valid_date(y, mo, 1)?;
                    let back = first.weekday().num_days_from_monday();
                    let monday = first.checked_add_days(Days::new(u64::from((7 - back) % 7)))?;
                    monday.checked_add_days(Days::new(1))
                }
                H::Nth(mo, wd, n) => {
                    let target = weekday_from(wd).num_days_from_monday();
                    if n > 0 {
                        let first = valid_date(y, mo, 1)?;
                        let fwd = (target + 7 - first.weekday().num_days_from_monday()) % 7;
                        first.checked_add_days(Days::new(u64::from(fwd) + 7 * (n as u64 - 1)))
                    } else {
                        let last = valid_date(y, mo + 1, 1)?.pred_opt()?;
                        let back = (last.weekday().num_days_from_monday() + 7 - target) % 7;
                        last.checked_sub_days(Days::new(u64::from(back)))
                    }
                }
            }
        };
        let kk = if self.punct(k, b',') { k + 1 } else { k };
        let date = if let Some(y) = self.year_tok(kk).filter(|_| !self.t[kk].has(F_PLURAL)) {
            k = kk + 1;
            on(y)
        } else if let Some(d) = self.dct {
            let y = d.year();
            let (prev, next) = match (on(y), on(y - 1), on(y + 1)) {
                (Some(c), Some(p), Some(n)) => {
                    if c <= d {
                        (c, if c == d { c } else { n })
                    } else {
                        (p, c)
                    }
                }
                _ => return None,
            };
            Some(match (off, self.tense(i, k)) {
                (1.., _) | (0, Tense::Future) => next,
                (..=-1, _) | (0, Tense::Past) => prev,
                // No cue: the nearer of the two.
                _ => {
                    if (next - d).num_days() < (d - prev).num_days() {
                        next
                    } else {
                        prev
                    }
                }
            })
        } else {
            None
        };
        m(k, TimexType::Date, fmt_day(date))
    }

    /// "a year ago", "two weeks ago", "a year earlier", "five years ago", "10 days ago"
    fn ago(&self, i: usize) -> Option<M> {
        let (n, j) = match self.lex(i) {
            Lex::Kw(Kw::A | Kw::An) => (1u32, i + 1),
            _ => self.number(i)?,
        };
        let (u, _) = self.is_unit(j)?;
        let k = j + 1;
        let (k, back) = match self.lex(k) {
            Lex::Kw(Kw::Ago | Kw::Earlier) => (k + 1, -1i64),
            Lex::Kw(Kw::Later) => (k + 1, 1),
            Lex::Kw(Kw::Or) if self.kw(k + 1, Kw::So) && self.kw(k + 2, Kw::Ago) => (k + 3, -1),
            _ => return None,
        };
        let n64 = i64::from(n);
        if u == Unit::Year && n == 1 && self.quarter_context() {
            let q = self.implied_quarter().map(|(y, q)| (y + back as i32, q));
            return m(k, TimexType::Date, Self::fmt_q(q));
        }
        let g = gran_of(u);
        let d = self.rel(back * n64, u);
        m(k, TimexType::Date, fmt_gran(d, g))
    }

    /// Quarters and halves: "the third quarter", "third-quarter", "the fiscal first quarter",
    /// "the third quarter of 1990", "the 1988 third quarter", "the quarter", "the first half".
    fn quarter(&self, i: usize) -> Option<M> {
        let mut j = i;
        let mut the = false;
        if matches!(self.lex(j), Lex::Kw(Kw::The | Kw::Its)) {
            j += 1;
            the = true;
        }
        let mut year: Option<i32> = None;
        // "this year's third quarter", "last year's quarter"
        if !the
            && self.lex(j + 1) == Lex::Unit(Unit::Year, false)
            && self.punct(j + 2, b'\'')
            && self.is_w(j + 3, b"s")
        {
            let off = match self.lex(j) {
                Lex::Kw(Kw::This) => 0,
                Lex::Kw(Kw::Last) => -1,
                Lex::Kw(Kw::Next) => 1,
                _ => return None,
            };
            year = Some(self.dct_year()? + off);
            j += 4;
            the = true;
        }
        if let Some(y) = self.year_tok(j).filter(|_| year.is_none()) {
            if the {
                year = Some(y);
                j += 1;
            }
        }
        if self.kw(j, Kw::Fiscal) {
            j = self.hy(j + 1);
        }
        // "the latest period", "the period", "the quarter"
        if the && year.is_none() {
            let mut k = j;
            if self.kw(k, Kw::Latest) {
                k += 1;
            }
            if matches!(self.lex(k), Lex::Unit(Unit::Quarter, false) | Lex::Kw(Kw::Period)) {
                if self.kw(k, Kw::Period) && self.last_quarter.is_none() && !self.kw(j, Kw::Latest)
                {
                    return None;
                }
                // "a quarter-century low", "the quarter-to-quarter comparison": a fraction or
                // a comparison, not a fiscal quarter.
                if self.punct(k + 1, b'-') && self.glued(k) {
                    return None;
                }
                // "the quarter a year ago" is the year-ago quarter, one expression.
                if let Some(a) = self.ago(k + 1).filter(|_| self.kw(k + 1, Kw::A)) {
                    return m(a.end, TimexType::Date, a.value);
                }
                return m(k + 1, TimexType::Date, Self::fmt_q(self.implied_quarter()));
            }
        }
        if the
            && year.is_some()
            && matches!(self.lex(j), Lex::Unit(Unit::Quarter, false) | Lex::Kw(Kw::Period))
        {
            // "the 1988 period" after "the first nine months" is that longer period.
            let longer = self.kw(j, Kw::Period) && self.longer_period;
            let q = self.implied_quarter().map(|(_, q)| q).filter(|_| !longer);
            return m(
                j + 1,
                TimexType::Date,
                match q {
                    Some(q) => format!("{:04}-Q{q}", year.unwrap_or(0)),
                    None => fmt_year(year),
                },
            );
        }
        // "the first two quarters of 1990" is that year's first half.
        if the
            && matches!(self.lex(j), Lex::Ord(1))
            && self.lex(j + 1) == Lex::Num(2)
            && self.lex(j + 2) == Lex::Unit(Unit::Quarter, true)
            && self.kw(j + 3, Kw::Of)
        {
            let y = self.year_tok(j + 4)?;
            return m(j + 5, TimexType::Date, format!("{y:04}-H1"));
        }
        let (q, half) = match self.lex(j) {
            Lex::Ord(n @ 1..=4) => (n, false),
            Lex::Unit(Unit::Second, false) => (2, false),
            Lex::Kw(Kw::Last) if self.kw(j + 1, Kw::Half) => (2, true),
            _ => return None,
        };
        let k = self.hy(j + 1);
        // TimeBank leaves the determiner out of adjectival "the third-quarter results".
        if the && k > j + 1 && i + 1 == j {
            return None;
        }
        let half = match self.lex(k) {
            Lex::Unit(Unit::Quarter, false) => half,
            Lex::Kw(Kw::Half) if q <= 2 => true,
            _ => return None,
        };
        let mut end = k + 1;
        // "of 1990" / "1990"
        if self.kw(end, Kw::Of) {
            if let Some(y) = self.year_tok(end + 1) {
                year = Some(y);
                end += 2;
            } else if half {
                // "the last half of the '80s": the decade, its start or end.
                if let Some(c) = self.decade(end + 1) {
                    let md = if q == 1 { "START" } else { "END" };
                    return Some(M { modifier: Some(md), ..c });
                }
            }
        } else if let Some(y) = self.year_tok(end) {
            if !self.t[end].has(F_PLURAL) {
                year = Some(y);
                end += 1;
            }
        }
        // "the second quarter ended Oct. 31": the year of its last day.
        if year.is_none() && self.kw(end, Kw::Ended) {
            year = self
                .month_expr(end + 1)
                .filter(|mm| mm.value.len() == 10)
                .and_then(|mm| mm.value.get(..4)?.parse().ok());
        }
        let y = match year {
            Some(y) => Some(y),
            None => self.dct.map(|d| {
                let (y, cq) = Self::quarter_of(d);
                let cq = if half { cq.div_ceil(2) } else { cq };
                if q > cq && self.tense(i, end) != Tense::Future {
                    y - 1
                } else {
                    y
                }
            }),
        };
        let v =
            if half { format!("{}-H{q}", fmt_year(y)) } else { format!("{}-Q{q}", fmt_year(y)) };
        m(end, TimexType::Date, v)
    }

    /// Durations: "20 years", "two-year", "the past three years", "the first nine months",
    /// "several months", "a decade", "the next few days", "a couple of years", "years".
    fn duration(&self, i: usize) -> Option<M> {
        let mut j = i;
        let mut the = false;
        if matches!(self.lex(j), Lex::Kw(Kw::The | Kw::Its)) {
            j += 1;
            the = true;
        }
        // "the early years": an unspecified stretch at the start.
        if the && self.kw(j, Kw::Early) {
            if let Some((u, true)) = self.is_unit(j + 1) {
                // "the early hours of Thursday" is a time of that day, not a stretch.
                if self.kw(j + 2, Kw::Of)
                    && matches!(
                        self.lex(j + 3),
                        Lex::Weekday(..) | Lex::Kw(Kw::Today | Kw::Yesterday | Kw::Tomorrow)
                    )
                {
                    return None;
                }
                return m(j + 2, TimexType::Duration, duration_value(None, u));
            }
        }
        // "the past|last|next|first|coming|latest" + number + unit
        let mut directional = false;
        match self.lex(j) {
            Lex::Kw(
                Kw::Past
                | Kw::Last
                | Kw::Next
                | Kw::Coming
                | Kw::Previous
                | Kw::Latest
                | Kw::Additional
                | Kw::Another,
            ) => {
                j += 1;
                directional = true;
            }
            Lex::Ord(1) => {
                j += 1;
                directional = true;
            }
            _ => {}
        }
        let mut md: Option<&'static str> = None;
        // number
        let (n, k) = match self.lex(j) {
            Lex::Kw(Kw::A | Kw::An) if !the && !directional => {
                if self.kw(j + 1, Kw::Couple) && self.kw(j + 2, Kw::Of) {
                    md = Some("APPROX");
                    (Some(2), j + 3)
                } else if self.kw(j + 1, Kw::Few) {
                    (None, j + 2)
                } else {
                    (Some(1), j + 1)
                }
            }
            Lex::Kw(Kw::Couple) if the || directional => {
                let k = if self.kw(j + 1, Kw::Of) { j + 2 } else { j + 1 };
                md = Some("APPROX");
                (Some(2), k)
            }
            Lex::Kw(Kw::Few | Kw::Several | Kw::Many) => (None, j + 1),
            _ => match self.number(j) {
                Some((n, k)) => {
                    // "two to three weeks", "12 to 18 months"
                    if self.kw(k, Kw::To) || self.kw(k, Kw::Or) {
                        if let Some((_, k2)) = self.number(k + 1) {
                            if self.is_unit(k2).is_some() {
                                let (u, _) = self.is_unit(k2)?;
                                return m(k2 + 1, TimexType::Duration, duration_value(None, u));
                            }
                        }
                    }
                    (Some(n), k)
                }
                None => {
                    // bare plural unit after a determiner: "the years", "recent months"
                    if directional || the {
                        if let Some((u, true)) = self.is_unit(j) {
                            // "the weeks ahead"
                            if j == i + 1 && self.kw(j + 1, Kw::Ahead) {
                                return m(j + 2, TimexType::Duration, duration_value(None, u));
                            }
                            // "the coming weeks", "the past months", "over the years"
                            let over = j == i + 1 && i > 0 && self.is_w(i - 1, b"over");
                            // "the years since", "the years that followed"
                            let after = j == i + 1
                                && (self.kw(j + 1, Kw::Since)
                                    || self.kw(j + 1, Kw::That) && self.is_w(j + 2, b"followed"));
                            // "the first hours of the war" too
                            if the
                                && (matches!(
                                    self.lex(j - 1),
                                    Lex::Kw(Kw::Coming | Kw::Past) | Lex::Ord(1)
                                ) || over
                                    || after)
                            {
                                return m(j + 1, TimexType::Duration, duration_value(None, u));
                            }
                        }
                    }
                    return None;
                }
            },
        };
        // "2 1/2 years"
        let (half, k) = match (n, self.t.get(k), self.t.get(k + 2)) {
            (Some(_), Some(a), Some(b))
                if a.kind == Kind::Num
                    && a.num == 1
                    && a.ndigits == 1
                    && self.punct(k + 1, b'/')
                    && self.glued(k)
                    && self.glued(k + 1)
                    && b.kind == Kind::Num
                    && b.num == 2
                    && b.ndigits == 1 =>
            {
                (true, k + 3)
            }
            _ => (false, k),
        };
        let k = if self.kw(k, Kw::More) || self.kw(k, Kw::Additional) { k + 1 } else { k };
        let k = self.hy(k);
        // "trading days", "business days"
        let k = if matches!(self.lex(k), Lex::Kw(Kw::Trading | Kw::Business)) { k + 1 } else { k };
        let (u, plural) = self.is_unit(k)?;
        if n.is_none() && !plural {
            return None;
        }
        // "a months-long dispute": "a" counts the dispute, not the months.
        if plural && matches!(self.lex(j), Lex::Kw(Kw::A | Kw::An)) && n == Some(1) {
            return None;
        }
        // A capitalised unit after the number is a title: CBS's "60 Minutes".
        if k > i && self.cap(k) {
            return None;
        }
        let hyphenated = k > 0 && self.punct(k - 1, b'-');
        // "the two-week strike": TimeBank leaves the determiner out of adjectival durations.
        if the && !directional && hyphenated {
            return None;
        }
        // "three-quarters", "a quarter-century" and "a quarter of the market" are fractions;
        // "a second" is an ordinal.
        if u == Unit::Quarter
            && (hyphenated && plural
                || self.punct(k + 1, b'-') && self.glued(k)
                || !plural && self.kw(k + 1, Kw::Of))
        {
            return None;
        }
        if u == Unit::Second
            && !plural
            && n == Some(1)
            && !self.t[j].kind.eq(&Kind::Num)
            && !matches!(self.lex(j), Lex::Num(_))
        {
            return None;
        }
        // Ages ("a 6-year-old", "52 years old") are not tagged in TimeBank.
        let w_after = if self.punct(k + 1, b'-') { self.word(k + 2) } else { self.word(k + 1) };
        if w_after.eq_ignore_ascii_case(b"old") {
            return None;
        }
        // "24 hours a day", "two hours per week": a rate, neither part a duration.
        if matches!(self.lex(k + 1), Lex::Kw(Kw::A | Kw::Per))
            && matches!(self.lex(k + 2), Lex::Unit(_, false))
        {
            return None;
        }
        // "$1.76 a year", "24 hours a day": rates, left untagged in TimeBank.
        if matches!(self.lex(j), Lex::Kw(Kw::A | Kw::An)) && n == Some(1) && i > 0 {
            {
                let p = &self.t[i - 1];
                let pw = self.lex(i - 1);
                // "four flights a week", "700 seats a week": a count of things per unit.
                let counted = i >= 2
                    && p.kind == Kind::Word
                    && self.word(i - 1).ends_with(b"s")
                    && self.number(i - 2).is_some_and(|(_, e)| e == i - 1);
                if p.kind == Kind::Num
                    || counted
                    || matches!(pw, Lex::Kw(Kw::Money | Kw::Times))
                    || p.is(b'%')
                    || matches!(pw, Lex::Kw(Kw::Once) | Lex::Unit(_, true))
                {
                    return None;
                }
            }
        }
        // "a year-earlier loss": the adjective is a date, found from "year".
        if self.punct(k + 1, b'-')
            && self.glued(k)
            && matches!(self.lex(k + 2), Lex::Kw(Kw::Earlier | Kw::Ago))
        {
            return None;
        }
        let mut end = k + 1;
        // "an hour and a half", "two years and a half"
        let half = half
            || n.is_some()
                && self.kw(end, Kw::And)
                && matches!(self.lex(end + 1), Lex::Kw(Kw::A))
                && self.kw(end + 2, Kw::Half)
                && {
                    end += 3;
                    true
                };
        if half {
            let n = n.unwrap_or(0);
            let v = match u {
                Unit::Year => format!("P{n}Y6M"),
                Unit::Month => format!("P{n}M15D"),
                Unit::Week => format!("P{}D", n * 7 + 3),
                Unit::Day => format!("P{n}DT12H"),
                Unit::Hour => format!("PT{n}H30M"),
                Unit::Minute => format!("PT{n}M30S"),
                _ => duration_value(Some(n), u),
            };
            return Some(M { end, kind: TimexType::Duration, value: v, modifier: md });
        }
        // "ago"/"earlier" make it a date; handled by `ago`, so back off here.
        if matches!(self.lex(end), Lex::Kw(Kw::Ago)) {
            if n.is_none() {
                return m(end + 1, TimexType::Date, "PAST_REF".to_string());
            }
            if !directional && !the {
                return self.ago(i);
            }
        }
        // Quarter durations in TimeBank: "the past two quarters" P2Q.
        let v = duration_value(n, u);
        // "the quarter" alone is handled by `quarter`.
        Some(M { end, kind: TimexType::Duration, value: v, modifier: md })
    }

    /// "for years", "in weeks", "within months": a bare plural unit after a preposition;
    /// "day-long", "months-long": a unit made an adjective of length.
    fn bare_units(&self, i: usize) -> Option<M> {
        let (u, plural) = self.is_unit(i)?;
        if self.punct(i + 1, b'-') && self.glued(i) && self.glued(i + 1) && self.kw(i + 2, Kw::Long)
        {
            let n = if plural { None } else { Some(1) };
            return m(i + 3, TimexType::Duration, duration_value(n, u));
        }
        if !plural {
            return None;
        }
        if i == 0 || matches!(u, Unit::Second | Unit::Quarter) {
            return None;
        }
        let p = self.word(i - 1);
        let prep = [b"for" as &[u8], b"in", b"within"].iter().any(|w| p.eq_ignore_ascii_case(w));
        if !prep || self.kw(i + 1, Kw::Of) || self.kw(i + 1, Kw::Ago) {
            return None;
        }
        m(i + 1, TimexType::Duration, duration_value(None, u))
    }

    /// Sets: "daily", "every year", "each week", "annually", "quarterly", "each July".
    fn set(&self, i: usize) -> Option<M> {
        // "average daily volume" (and "per second", no case below): a rate of some quantity,
        // like "$5 a year", not a set of times (TimeBank leaves these untagged).
        if i > 0 && self.is_w(i - 1, b"average") {
            return None;
        }
        let v = match self.lex(i) {
            Lex::Kw(Kw::Daily) => "P1D",
            Lex::Kw(Kw::Weekly) => "P1W",
            Lex::Kw(Kw::Monthly) => "P1M",
            Lex::Kw(Kw::Yearly) => "P1Y",
            Lex::Kw(Kw::Hourly) => "PT1H",
            Lex::Kw(Kw::Every | Kw::Each) => {
                let j = i + 1;
                return match self.lex(j) {
                    Lex::Unit(u, false) => m(j + 1, TimexType::Set, duration_value(Some(1), u)),
                    Lex::Weekday(wd, _) => m(j + 1, TimexType::Set, format!("XXXX-WXX-{wd}")),
                    Lex::Month(mo, _) if self.cap(j) => {
                        m(j + 1, TimexType::Set, format!("XXXX-{mo:02}"))
                    }
                    _ => None,
                };
            }
            _ => return None,
        };
        m(i + 1, TimexType::Set, v.to_string())
    }

    /// Present, past and future references: "now", "currently", "recently", "the past",
    /// "the future", "soon", "these days".
    fn refs(&self, i: usize) -> Option<M> {
        let r = |end: usize, v: &str| m(end, TimexType::Date, v.to_string());
        match self.lex(i) {
            // A sentence-opening "Now," or "Now for ..." is a discourse marker (a turn in the
            // story or the programme), not a reference to the present.
            Lex::Kw(Kw::Now)
                if self.sentence_start(i)
                    && (self.punct(i + 1, b',') || self.is_w(i + 1, b"for")) =>
            {
                None
            }
            Lex::Kw(Kw::Now) => r(i + 1, "PRESENT_REF"),
            Lex::Kw(Kw::Right) if self.kw(i + 1, Kw::Now) => r(i + 2, "PRESENT_REF"),
            Lex::Kw(Kw::Currently) => r(i + 1, "PRESENT_REF"),
            // "at this crucial moment": the present.
            Lex::Kw(Kw::This) => {
                let k = if self.t.get(i + 1).is_some_and(|t| t.kind == Kind::Word)
                    && self.is_w(i + 2, b"moment")
                {
                    i + 2
                } else {
                    i + 1
                };
                self.is_w(k, b"moment").then(|| M {
                    end: k + 1,
                    kind: TimexType::Date,
                    value: "PRESENT_REF".to_string(),
                    modifier: None,
                })
            }
            // "the then current chairman": current at a past time.
            Lex::Kw(Kw::Then) if self.kw(i + 1, Kw::Current) => r(i + 2, "PAST_REF"),
            Lex::Kw(Kw::Current) => {
                // "current" as an adjective of a unit ("the current quarter") is handled by
                // `deictic`; a lone "current" is tagged in TimeBank.
                r(i + 1, "PRESENT_REF")
            }
            Lex::Kw(Kw::These) if self.lex(i + 1) == Lex::Unit(Unit::Day, true) => {
                r(i + 2, "PRESENT_REF")
            }
            Lex::Kw(Kw::Recently) => r(i + 1, "PAST_REF"),
            // "in past years" as "in recent years"
            Lex::Kw(Kw::Past)
                if i > 0
                    && self.kw(i - 1, Kw::In)
                    && self.is_unit(i + 1) == Some((Unit::Year, true)) =>
            {
                r(i + 2, "PAST_REF")
            }
            // "for a while": a stretch of unspecified length
            Lex::Kw(Kw::A) if i > 0 && self.is_w(i - 1, b"for") && self.is_w(i + 1, b"while") => {
                m(i + 2, TimexType::Duration, "PXX".to_string())
            }
            // "at a later date"
            Lex::Kw(Kw::A) if self.kw(i + 1, Kw::Later) && self.is_w(i + 2, b"date") => {
                r(i + 3, "FUTURE_REF")
            }
            Lex::Kw(Kw::Recent) => match self.is_unit(i + 1) {
                // "recent years" is PAST_REF in TimeBank, "recent months/weeks" durations.
                Some((Unit::Year, true)) => r(i + 2, "PAST_REF"),
                Some((u, true)) => m(i + 2, TimexType::Duration, duration_value(None, u)),
                _ => None,
            },
            Lex::Kw(Kw::Future) if matches!(self.is_unit(i + 1), Some((_, true))) => {
                r(i + 2, "FUTURE_REF")
            }
            Lex::Kw(Kw::Coming) => {
                if let Some((_, true)) = self.is_unit(i + 1) {
                    return r(i + 2, "FUTURE_REF");
                }
                None
            }
            // "It's the second day of the strike", "today is the eighth day of ...": the
            // present day, counted within an ongoing event.
            Lex::Kw(Kw::The)
                if matches!(self.lex(i + 1), Lex::Ord(_) | Lex::Unit(Unit::Second, false))
                    && self.lex(i + 2) == Lex::Unit(Unit::Day, false)
                    && self.is_now(i) =>
            {
                m(i + 3, TimexType::Date, fmt_day(self.dct))
            }
            Lex::Kw(Kw::The) => match self.lex(i + 1) {
                Lex::Kw(Kw::Past)
                    if self.number(i + 2).is_none() && self.is_unit(i + 2).is_none() =>
                {
                    if matches!(self.lex(i + 2), Lex::Kw(Kw::Few | Kw::Several)) {
                        return None;
                    }
                    r(i + 2, "PAST_REF")
                }
                Lex::Kw(Kw::Future) => r(i + 2, "FUTURE_REF"),
                Lex::Kw(Kw::Near) if self.kw(i + 2, Kw::Future) || self.kw(i + 2, Kw::Term) => {
                    r(i + 3, "FUTURE_REF")
                }
                Lex::Kw(Kw::Short) if self.kw(i + 2, Kw::Term) => r(i + 3, "FUTURE_REF"),
                _ => None,
            },
            _ => None,
        }
    }

    /// Clock times: "10 a.m.", "10:35 a.m.", "7:15 p.m. EST", "noon", "midnight",
    /// optionally followed by a day ("10 p.m. Wednesday", "noon Saturday").
    fn clock(&self, i: usize) -> Option<M> {
        let (h, mi, k) = match self.lex(i) {
            // "high noon" is an idiom for a showdown, not a time.
            Lex::Kw(Kw::Noon) if i > 0 && self.is_w(i - 1, b"high") => {
                return None;
            }
            Lex::Kw(Kw::Noon) => (12u32, 0u32, i + 1),
            Lex::Kw(Kw::Midnight) => (24, 0, i + 1),
            _ => {
                let (h, mi, k) = if let Some((h, mm, _, k)) = self.hhmm(i) {
                    (h, mm, k)
                } else {
                    let t = self.t.get(i)?;
                    let (n, k) = self.number(i)?;
                    if n > 12 || t.kind == Kind::Num && t.ndigits > 2 {
                        return None;
                    }
                    (n, 0, k)
                };
                // am/pm
                let (pm, k2) = self.ampm(k)?;
                let h = match (pm, h) {
                    (false, 12) => 0,
                    (true, h) if h < 12 => h + 12,
                    (_, h) => h,
                };
                (h, mi, k2)
            }
        };
        let mut k = k;
        if self.kw(k, Kw::Zone) {
            k += 1;
        }
        // following day reference
        let k0 = if self.punct(k, b',') { k + 1 } else { k };
        let (day, k) = match self.lex(k0) {
            Lex::Weekday(wd, false) if self.cap(k0) => (self.weekday_date(wd, i, k0 + 1), k0 + 1),
            Lex::Kw(Kw::Today) => (self.dct, k0 + 1),
            Lex::Kw(Kw::Yesterday) => (self.rel(-1, Unit::Day), k0 + 1),
            Lex::Kw(Kw::Tomorrow) => (self.rel(1, Unit::Day), k0 + 1),
            Lex::Month(..) => match self.month_expr(k0) {
                Some(mm) if mm.value.len() == 10 => {
                    let d = crate::core::date::parse_iso(&mm.value);
                    (d, mm.end)
                }
                _ => (self.dct, k),
            },
            _ => (self.ref_day(i), k),
        };
        let hh = if h == 24 { 24 } else { h };
        m(k, TimexType::Time, format!("{}T{hh:02}:{mi:02}", fmt_day(day)))
    }

    /// "a.m.", "p.m.", "am", "pm", "a.m" at `i`: (is pm, next index). The final dot is left out
    /// when it ends the sentence, as the TimeBank annotators do.
    fn ampm(&self, i: usize) -> Option<(bool, usize)> {
        match self.lex(i) {
            Lex::Kw(Kw::Am) => return Some((false, i + 1)),
            Lex::Kw(Kw::Pm) => return Some((true, i + 1)),
            // "4 in the morning", "7 in the evening"
            Lex::Kw(Kw::In) if self.kw(i + 1, Kw::The) => {
                return match self.lex(i + 2) {
                    Lex::Part(DayPart::Morning) => Some((false, i + 3)),
                    Lex::Part(DayPart::Afternoon | DayPart::Evening) => Some((true, i + 3)),
                    _ => None,
                };
            }
            _ => {}
        }
        let w = self.word(i);
        let pm = if w.eq_ignore_ascii_case(b"a") {
            false
        } else if w.eq_ignore_ascii_case(b"p") {
            true
        } else {
            return None;
        };
        if !self.punct(i + 1, b'.')
            || !self.glued(i)
            || !self.is_w(i + 2, b"m")
            || !self.glued(i + 1)
        {
            return None;
        }
        let mut k = i + 3;
        if self.punct(k, b'.') && self.glued(k - 1) {
            // Sentence-final dot doubles as the period: keep it unless a new sentence follows.
            let next = self.t.get(k + 1);
            let sentence_end = match next {
                None => true,
                Some(n) => {
                    n.has(F_NL)
                        || n.kind == Kind::Word
                            && n.has(super::tokenize::F_CAP)
                            && !matches!(
                                n.lex,
                                Lex::Weekday(..) | Lex::Month(..) | Lex::Kw(Kw::Zone)
                            )
                }
            };
            if !sentence_end {
                k += 1;
            }
        }
        Some((pm, k))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn count_nouns_are_sorted() {
        super::super::lexicon::assert_sorted("COUNT_NOUNS", super::COUNT_NOUNS);
        super::super::lexicon::assert_sorted("NOWADAYS_NOUNS", super::NOWADAYS_NOUNS);
        super::super::lexicon::assert_sorted("DETERMINERS", super::DETERMINERS);
    }
}
