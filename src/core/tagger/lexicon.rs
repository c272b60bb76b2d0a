//! The closed vocabulary the rules look at. Every word is looked up once, at tokenization, by a
//! binary search of its lowercased bytes in a sorted table (no hashing), so the rules compare
//! small enum values.

/// Calendar unit of durations and relative expressions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// Second.
    Second,
    /// Minute.
    Minute,
    /// Hour.
    Hour,
    /// Day.
    Day,
    /// Week.
    Week,
    /// Month.
    Month,
    /// Quarter of a year.
    Quarter,
    /// Year.
    Year,
    /// Decade.
    Decade,
    /// Century.
    Century,
}

/// Part of the day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DayPart {
    /// Morning "MO".
    Morning,
    /// Afternoon "AF".
    Afternoon,
    /// Evening "EV".
    Evening,
    /// Night "NI".
    Night,
}

impl DayPart {
    /// TimeML code.
    pub fn code(self) -> &'static str {
        match self {
            DayPart::Morning => "MO",
            DayPart::Afternoon => "AF",
            DayPart::Evening => "EV",
            DayPart::Night => "NI",
        }
    }
}

/// Lexicon entry of a word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lex {
    /// Not a word the rules care about.
    Other,
    /// Month 1..=12; `true` when it is an abbreviation ("Jan") that may be followed by a dot.
    Month(u8, bool),
    /// ISO weekday 1 (Monday) ..= 7; `bool` = plural ("Mondays").
    Weekday(u8, bool),
    /// Calendar unit, `bool` = plural.
    Unit(Unit, bool),
    /// Cardinal number word.
    Num(u32),
    /// Ordinal number word (first = 1).
    Ord(u32),
    /// Season: "SP", "SU", "FA", "WI" index 0..4.
    Season(u8),
    /// Part of day.
    Part(DayPart),
    /// Decade word: "nineties" = 9.
    Decade(u8),
    /// Any of the keywords below.
    Kw(Kw),
}

/// Keywords.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum Kw {
    The,
    A,
    An,
    This,
    That,
    These,
    Its,
    Last,
    Next,
    Past,
    Previous,
    Prior,
    Coming,
    Following,
    Ago,
    Earlier,
    Later,
    Early,
    Late,
    Mid,
    Middle,
    Beginning,
    Start,
    End,
    Of,
    In,
    Since,
    From,
    To,
    Through,
    Until,
    Between,
    And,
    Or,
    So,
    Now,
    Today,
    Yesterday,
    Tomorrow,
    Tonight,
    Currently,
    Current,
    Recently,
    Recent,
    Future,
    Soon,
    Previously,
    Nearly,
    Almost,
    About,
    Around,
    Approximately,
    Roughly,
    Some,
    More,
    Less,
    Than,
    Over,
    Under,
    At,
    Least,
    Most,
    Up,
    Within,
    Several,
    Few,
    Couple,
    Many,
    Each,
    Every,
    Per,
    Daily,
    Weekly,
    Monthly,
    Yearly,
    Annually,
    Hourly,
    Quarterly,
    Fiscal,
    Half,
    Period,
    Weekend,
    Noon,
    Midnight,
    Overnight,
    Latest,
    Same,
    Full,
    Near,
    Term,
    Short,
    Long,
    Zone,
    Ended,
    Nineteen,
    Hundred,
    Thousand,
    Ahead,
    Additional,
    Another,
    Only,
    Just,
    Times,
    Money,
    Old,
    Trading,
    Business,
    Comparable,
    Corresponding,
    Then,
    Once,
    Pm,
    Am,
    Right,
    Moment,
    No,
    Thanksgiving,
    Christmas,
    Halloween,
    Election,
    Independence,
    Memorial,
    Labor,
    New,
    Eve,
}

/// Shorthand for keyword entries of [`LEXICON`].
const fn k(kw: Kw) -> Lex {
    Lex::Kw(kw)
}

/// Every word the rules know, sorted by its lowercase ASCII bytes (so each initial letter's
/// words form one run, see `BY_INITIAL`). A table is a few KB of data; the `match` it replaced
/// compiled to ~20 KB of wasm code. (A unit test checks the order.)
#[rustfmt::skip]
const LEXICON: &[(&str, Lex)] = &[
    ("a", k(Kw::A)),
    ("about", k(Kw::About)),
    ("additional", k(Kw::Additional)),
    ("afternoon", Lex::Part(DayPart::Afternoon)),
    ("ago", k(Kw::Ago)),
    ("ahead", k(Kw::Ahead)),
    ("almost", k(Kw::Almost)),
    ("am", k(Kw::Am)),
    ("an", k(Kw::An)),
    ("and", k(Kw::And)),
    ("annually", k(Kw::Annually)),
    ("another", k(Kw::Another)),
    ("approximately", k(Kw::Approximately)),
    ("apr", Lex::Month(4, true)),
    ("april", Lex::Month(4, false)),
    ("around", k(Kw::Around)),
    ("at", k(Kw::At)),
    ("aug", Lex::Month(8, true)),
    ("august", Lex::Month(8, false)),
    ("autumn", Lex::Season(2)),
    ("beginning", k(Kw::Beginning)),
    ("between", k(Kw::Between)),
    ("billion", k(Kw::Money)),
    ("bst", k(Kw::Zone)),
    ("business", k(Kw::Business)),
    ("cdt", k(Kw::Zone)),
    ("cents", k(Kw::Money)),
    ("centuries", Lex::Unit(Unit::Century, true)),
    ("century", Lex::Unit(Unit::Century, false)),
    ("cet", k(Kw::Zone)),
    ("christmas", k(Kw::Christmas)),
    ("coming", k(Kw::Coming)),
    ("comparable", k(Kw::Comparable)),
    ("corresponding", k(Kw::Corresponding)),
    ("couple", k(Kw::Couple)),
    ("cst", k(Kw::Zone)),
    ("current", k(Kw::Current)),
    ("currently", k(Kw::Currently)),
    ("daily", k(Kw::Daily)),
    ("day", Lex::Unit(Unit::Day, false)),
    ("days", Lex::Unit(Unit::Day, true)),
    ("dec", Lex::Month(12, true)),
    ("decade", Lex::Unit(Unit::Decade, false)),
    ("decades", Lex::Unit(Unit::Decade, true)),
    ("december", Lex::Month(12, false)),
    ("dollars", k(Kw::Money)),
    ("dozen", Lex::Num(12)),
    ("each", k(Kw::Each)),
    ("earlier", k(Kw::Earlier)),
    ("early", k(Kw::Early)),
    ("edt", k(Kw::Zone)),
    ("eight", Lex::Num(8)),
    ("eighteen", Lex::Num(18)),
    ("eighth", Lex::Ord(8)),
    ("eighties", Lex::Decade(8)),
    ("eighty", Lex::Num(80)),
    ("election", k(Kw::Election)),
    ("eleven", Lex::Num(11)),
    ("eleventh", Lex::Ord(11)),
    ("end", k(Kw::End)),
    ("ended", k(Kw::Ended)),
    ("ending", k(Kw::Ended)),
    ("est", k(Kw::Zone)),
    ("eve", k(Kw::Eve)),
    ("evening", Lex::Part(DayPart::Evening)),
    ("every", k(Kw::Every)),
    ("fall", Lex::Season(2)),
    ("feb", Lex::Month(2, true)),
    ("february", Lex::Month(2, false)),
    ("few", k(Kw::Few)),
    ("fewer", k(Kw::Less)),
    ("fifteen", Lex::Num(15)),
    ("fifth", Lex::Ord(5)),
    ("fifties", Lex::Decade(5)),
    ("fifty", Lex::Num(50)),
    ("first", Lex::Ord(1)),
    ("fiscal", k(Kw::Fiscal)),
    ("five", Lex::Num(5)),
    ("following", k(Kw::Following)),
    ("formerly", k(Kw::Previously)),
    ("forties", Lex::Decade(4)),
    ("forty", Lex::Num(40)),
    ("four", Lex::Num(4)),
    ("fourteen", Lex::Num(14)),
    ("fourth", Lex::Ord(4)),
    ("friday", Lex::Weekday(5, false)),
    ("fridays", Lex::Weekday(5, true)),
    ("from", k(Kw::From)),
    ("full", k(Kw::Full)),
    ("future", k(Kw::Future)),
    ("gmt", k(Kw::Zone)),
    ("half", k(Kw::Half)),
    ("halloween", k(Kw::Halloween)),
    ("hour", Lex::Unit(Unit::Hour, false)),
    ("hourly", k(Kw::Hourly)),
    ("hours", Lex::Unit(Unit::Hour, true)),
    ("hr", Lex::Unit(Unit::Hour, false)),
    ("hrs", Lex::Unit(Unit::Hour, true)),
    ("hundred", k(Kw::Hundred)),
    ("in", k(Kw::In)),
    ("independence", k(Kw::Independence)),
    ("its", k(Kw::Its)),
    ("jan", Lex::Month(1, true)),
    ("january", Lex::Month(1, false)),
    ("jul", Lex::Month(7, true)),
    ("july", Lex::Month(7, false)),
    ("jun", Lex::Month(6, true)),
    ("june", Lex::Month(6, false)),
    ("just", k(Kw::Just)),
    ("labor", k(Kw::Labor)),
    ("labour", k(Kw::Labor)),
    ("last", k(Kw::Last)),
    ("late", k(Kw::Late)),
    ("later", k(Kw::Later)),
    ("latest", k(Kw::Latest)),
    ("least", k(Kw::Least)),
    ("less", k(Kw::Less)),
    ("long", k(Kw::Long)),
    ("many", k(Kw::Many)),
    ("mar", Lex::Month(3, true)),
    ("march", Lex::Month(3, false)),
    ("marks", k(Kw::Money)),
    ("may", Lex::Month(5, false)),
    ("mdt", k(Kw::Zone)),
    ("memorial", k(Kw::Memorial)),
    ("mid", k(Kw::Mid)),
    ("midday", k(Kw::Noon)),
    ("middle", k(Kw::Middle)),
    ("midnight", k(Kw::Midnight)),
    ("million", k(Kw::Money)),
    ("min", Lex::Unit(Unit::Minute, false)),
    ("mins", Lex::Unit(Unit::Minute, true)),
    ("minute", Lex::Unit(Unit::Minute, false)),
    ("minutes", Lex::Unit(Unit::Minute, true)),
    ("moment", k(Kw::Moment)),
    ("monday", Lex::Weekday(1, false)),
    ("mondays", Lex::Weekday(1, true)),
    ("month", Lex::Unit(Unit::Month, false)),
    ("monthly", k(Kw::Monthly)),
    ("months", Lex::Unit(Unit::Month, true)),
    ("more", k(Kw::More)),
    ("morning", Lex::Part(DayPart::Morning)),
    ("most", k(Kw::Most)),
    ("mst", k(Kw::Zone)),
    ("near", k(Kw::Near)),
    ("nearly", k(Kw::Nearly)),
    ("new", k(Kw::New)),
    ("next", k(Kw::Next)),
    ("night", Lex::Part(DayPart::Night)),
    ("nine", Lex::Num(9)),
    ("nineteen", k(Kw::Nineteen)),
    ("nineties", Lex::Decade(9)),
    ("ninety", Lex::Num(90)),
    ("ninth", Lex::Ord(9)),
    ("no", k(Kw::No)),
    ("noon", k(Kw::Noon)),
    ("nov", Lex::Month(11, true)),
    ("november", Lex::Month(11, false)),
    ("now", k(Kw::Now)),
    ("oct", Lex::Month(10, true)),
    ("october", Lex::Month(10, false)),
    ("of", k(Kw::Of)),
    ("old", k(Kw::Old)),
    ("once", k(Kw::Once)),
    ("one", Lex::Num(1)),
    ("only", k(Kw::Only)),
    ("or", k(Kw::Or)),
    ("over", k(Kw::Over)),
    ("overnight", k(Kw::Overnight)),
    ("past", k(Kw::Past)),
    ("pdt", k(Kw::Zone)),
    ("per", k(Kw::Per)),
    ("percent", k(Kw::Money)),
    ("period", k(Kw::Period)),
    ("pm", k(Kw::Pm)),
    ("pounds", k(Kw::Money)),
    ("previous", k(Kw::Previous)),
    ("previously", k(Kw::Previously)),
    ("prior", k(Kw::Prior)),
    ("pst", k(Kw::Zone)),
    ("quarter", Lex::Unit(Unit::Quarter, false)),
    ("quarterly", k(Kw::Quarterly)),
    ("quarters", Lex::Unit(Unit::Quarter, true)),
    ("recent", k(Kw::Recent)),
    ("recently", k(Kw::Recently)),
    ("right", k(Kw::Right)),
    ("roughly", k(Kw::Roughly)),
    ("same", k(Kw::Same)),
    ("saturday", Lex::Weekday(6, false)),
    ("saturdays", Lex::Weekday(6, true)),
    ("second", Lex::Unit(Unit::Second, false)),
    ("seconds", Lex::Unit(Unit::Second, true)),
    ("secs", Lex::Unit(Unit::Second, true)),
    ("sep", Lex::Month(9, true)),
    ("sept", Lex::Month(9, true)),
    ("september", Lex::Month(9, false)),
    ("seven", Lex::Num(7)),
    ("seventeen", Lex::Num(17)),
    ("seventh", Lex::Ord(7)),
    ("seventies", Lex::Decade(7)),
    ("seventy", Lex::Num(70)),
    ("several", k(Kw::Several)),
    ("short", k(Kw::Short)),
    ("since", k(Kw::Since)),
    ("six", Lex::Num(6)),
    ("sixteen", Lex::Num(16)),
    ("sixth", Lex::Ord(6)),
    ("sixties", Lex::Decade(6)),
    ("sixty", Lex::Num(60)),
    ("so", k(Kw::So)),
    ("some", k(Kw::Some)),
    ("soon", k(Kw::Soon)),
    ("spring", Lex::Season(0)),
    ("start", k(Kw::Start)),
    ("summer", Lex::Season(1)),
    ("sunday", Lex::Weekday(7, false)),
    ("sundays", Lex::Weekday(7, true)),
    ("ten", Lex::Num(10)),
    ("tenth", Lex::Ord(10)),
    ("term", k(Kw::Term)),
    ("than", k(Kw::Than)),
    ("thanksgiving", k(Kw::Thanksgiving)),
    ("that", k(Kw::That)),
    ("the", k(Kw::The)),
    ("their", k(Kw::Its)),
    ("then", k(Kw::Then)),
    ("these", k(Kw::These)),
    ("third", Lex::Ord(3)),
    ("thirteen", Lex::Num(13)),
    ("thirties", Lex::Decade(3)),
    ("thirty", Lex::Num(30)),
    ("this", k(Kw::This)),
    ("thousand", k(Kw::Thousand)),
    ("three", Lex::Num(3)),
    ("through", k(Kw::Through)),
    ("thru", k(Kw::Through)),
    ("thursday", Lex::Weekday(4, false)),
    ("thursdays", Lex::Weekday(4, true)),
    ("till", k(Kw::Until)),
    ("times", k(Kw::Times)),
    ("to", k(Kw::To)),
    ("today", k(Kw::Today)),
    ("tomorrow", k(Kw::Tomorrow)),
    ("tonight", k(Kw::Tonight)),
    ("trading", k(Kw::Trading)),
    ("trillion", k(Kw::Money)),
    ("tuesday", Lex::Weekday(2, false)),
    ("tuesdays", Lex::Weekday(2, true)),
    ("twelfth", Lex::Ord(12)),
    ("twelve", Lex::Num(12)),
    ("twenties", Lex::Decade(2)),
    ("twentieth", Lex::Ord(20)),
    ("twenty", Lex::Num(20)),
    ("two", Lex::Num(2)),
    ("under", k(Kw::Under)),
    ("until", k(Kw::Until)),
    ("up", k(Kw::Up)),
    ("upcoming", k(Kw::Coming)),
    ("utc", k(Kw::Zone)),
    ("wednesday", Lex::Weekday(3, false)),
    ("wednesdays", Lex::Weekday(3, true)),
    ("week", Lex::Unit(Unit::Week, false)),
    ("weekend", k(Kw::Weekend)),
    ("weekly", k(Kw::Weekly)),
    ("weeks", Lex::Unit(Unit::Week, true)),
    ("winter", Lex::Season(3)),
    ("within", k(Kw::Within)),
    ("year", Lex::Unit(Unit::Year, false)),
    ("yearly", k(Kw::Yearly)),
    ("years", Lex::Unit(Unit::Year, true)),
    ("yen", k(Kw::Money)),
    ("yesterday", k(Kw::Yesterday)),
];

/// Longest word any table holds, so lookups lowercase into a fixed buffer.
const MAX_WORD: usize = 16;

/// `word` lowercased into `buf`, or `None` when it is longer than any table entry.
#[inline]
fn lowercase<'b>(word: &[u8], buf: &'b mut [u8; MAX_WORD]) -> Option<&'b [u8]> {
    let out = buf.get_mut(..word.len())?;
    for (d, s) in out.iter_mut().zip(word) {
        *d = s.to_ascii_lowercase();
    }
    Some(out)
}

/// Where the words of each initial letter start in [`LEXICON`]: entry `c` is the index of the
/// first word whose initial is `b'a' + c` or later (entry 26 is the length). Computed at
/// compile time; it narrows each lookup to one letter, which keeps tokenization fast.
const BY_INITIAL: [usize; 27] = initials(LEXICON);

/// Computes [`BY_INITIAL`] for a sorted table of non-empty lowercase words.
const fn initials(table: &[(&str, Lex)]) -> [usize; 27] {
    let mut out = [0; 27];
    let mut c = 0;
    let mut i = 0;
    while c < 27 {
        while i < table.len() && table[i].0.as_bytes()[0] < b'a' + c as u8 {
            i += 1;
        }
        out[c] = i;
        c += 1;
    }
    out
}

/// Look up a word (any case). Words longer than 16 bytes are never in the lexicon.
pub fn lookup(word: &[u8]) -> Lex {
    let mut buf = [0u8; MAX_WORD];
    let Some(w) = lowercase(word, &mut buf) else { return Lex::Other };
    let Some(c) = w.first().map(|b| usize::from(b.wrapping_sub(b'a'))).filter(|&c| c < 26) else {
        return Lex::Other;
    };
    let words = LEXICON.get(BY_INITIAL[c]..BY_INITIAL[c + 1]).unwrap_or_default();
    // A linear scan of one letter's words, comparing lengths first, beats a binary search
    // (whose every step is a byte comparison) on these short runs.
    words.iter().find(|(k, _)| k.as_bytes() == w).map_or(Lex::Other, |&(_, lex)| lex)
}

/// Is `word` (any case) in `list`, a sorted list of lowercase ASCII words? The word lists of
/// the tagger and of event extraction all go through this one function: data instead of a
/// `match` per list keeps them small in the wasm bundle.
#[inline(never)]
pub fn in_words(list: &[&str], word: &[u8]) -> bool {
    let mut buf = [0u8; MAX_WORD];
    lowercase(word, &mut buf)
        .is_some_and(|w| list.binary_search_by(|k| k.as_bytes().cmp(w)).is_ok())
}

/// Future-tense cue words (sorted).
const FUTURE_CUES: &[&str] = &[
    "could",
    "due",
    "expected",
    "expects",
    "going",
    "ll",
    "might",
    "planned",
    "planning",
    "plans",
    "scheduled",
    "shall",
    "soon",
    "will",
    "wo",
    "would",
];

/// Past-tense cue words, with common irregular past forms (sorted).
const PAST_CUES: &[&str] = &[
    "ago",
    "announced",
    "arose",
    "became",
    "began",
    "bought",
    "broke",
    "brought",
    "came",
    "caught",
    "chose",
    "closed",
    "did",
    "died",
    "drew",
    "dug",
    "earlier",
    "ended",
    "fell",
    "felt",
    "fled",
    "flew",
    "forgot",
    "fought",
    "found",
    "gave",
    "got",
    "grew",
    "had",
    "heard",
    "held",
    "hung",
    "kept",
    "killed",
    "knew",
    "last",
    "led",
    "left",
    "lost",
    "made",
    "meant",
    "met",
    "overtook",
    "paid",
    "ran",
    "reported",
    "rose",
    "said",
    "sank",
    "saw",
    "sent",
    "shot",
    "slid",
    "sold",
    "sought",
    "spent",
    "spoke",
    "sprang",
    "stole",
    "stood",
    "struck",
    "swore",
    "taught",
    "thought",
    "threw",
    "told",
    "took",
    "tore",
    "undertook",
    "was",
    "went",
    "were",
    "withdrew",
    "won",
    "wore",
    "wrote",
    "yesterday",
];

/// Future-tense cue words; used to decide whether "Friday" or "March" lie before or after the
/// document date.
pub fn is_future_cue(word: &[u8]) -> bool {
    in_words(FUTURE_CUES, word)
}

/// Past-tense cue words.
pub fn is_past_cue(word: &[u8]) -> bool {
    in_words(PAST_CUES, word)
}

/// Test helper: a word table must be sorted, free of duplicates and lowercase ASCII for
/// [`in_words`] and [`lookup`].
#[cfg(test)]
pub(crate) fn assert_sorted(name: &str, words: &[&str]) {
    for w in words {
        assert!(w.len() <= MAX_WORD, "{name}: {w} too long");
        assert!(w.bytes().all(|b| b.is_ascii_lowercase()), "{name}: {w} not lowercase");
    }
    for p in words.windows(2) {
        assert!(p[0] < p[1], "{name}: {} must come before {}", p[1], p[0]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_sorted() {
        let lex: Vec<&str> = LEXICON.iter().map(|(w, _)| *w).collect();
        assert_sorted("LEXICON", &lex);
        assert_sorted("FUTURE_CUES", FUTURE_CUES);
        assert_sorted("PAST_CUES", PAST_CUES);
    }

    #[test]
    fn lookups() {
        assert_eq!(lookup(b"January"), Lex::Month(1, false));
        assert_eq!(lookup(b"SEPT"), Lex::Month(9, true));
        assert_eq!(lookup(b"the"), Lex::Kw(Kw::The));
        assert_eq!(lookup(b"zzz"), Lex::Other);
        assert_eq!(lookup(b"approximatelyyyyyy"), Lex::Other);
        assert_eq!(lookup(b""), Lex::Other);
        assert_eq!(lookup("écu".as_bytes()), Lex::Other);
        for (w, lex) in LEXICON {
            assert_eq!(lookup(w.as_bytes()), *lex, "{w}");
            assert_eq!(lookup(w.to_ascii_uppercase().as_bytes()), *lex, "{w}");
        }
        assert!(is_past_cue(b"Withdrew") && !is_past_cue(b"will"));
        assert!(is_future_cue(b"WILL") && !is_future_cue(b"was"));
    }
}
