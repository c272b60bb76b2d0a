//! The closed vocabulary the rules look at. Every word is looked up once, at tokenization, by a
//! `match` on its lowercased bytes (compiled to length + byte comparisons, no hashing), so the
//! rules compare small enum values.

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

/// Look up a word (any case). Words longer than 15 bytes are never in the lexicon.
pub fn lookup(word: &[u8]) -> Lex {
    let mut buf = [0u8; 16];
    if word.len() > buf.len() {
        return Lex::Other;
    }
    for (d, s) in buf.iter_mut().zip(word) {
        *d = s.to_ascii_lowercase();
    }
    let w = &buf[..word.len()];
    use Kw::*;
    use Lex::Kw as K;
    match w {
        b"january" | b"jan" => Lex::Month(1, w.len() == 3),
        b"february" | b"feb" => Lex::Month(2, w.len() == 3),
        b"march" | b"mar" => Lex::Month(3, w.len() == 3),
        b"april" | b"apr" => Lex::Month(4, w.len() == 3),
        b"may" => Lex::Month(5, false),
        b"june" | b"jun" => Lex::Month(6, w.len() == 3),
        b"july" | b"jul" => Lex::Month(7, w.len() == 3),
        b"august" | b"aug" => Lex::Month(8, w.len() == 3),
        b"september" | b"sept" | b"sep" => Lex::Month(9, w.len() <= 4),
        b"october" | b"oct" => Lex::Month(10, w.len() == 3),
        b"november" | b"nov" => Lex::Month(11, w.len() == 3),
        b"december" | b"dec" => Lex::Month(12, w.len() == 3),
        b"monday" => Lex::Weekday(1, false),
        b"tuesday" => Lex::Weekday(2, false),
        b"wednesday" => Lex::Weekday(3, false),
        b"thursday" => Lex::Weekday(4, false),
        b"friday" => Lex::Weekday(5, false),
        b"saturday" => Lex::Weekday(6, false),
        b"sunday" => Lex::Weekday(7, false),
        b"mondays" => Lex::Weekday(1, true),
        b"tuesdays" => Lex::Weekday(2, true),
        b"wednesdays" => Lex::Weekday(3, true),
        b"thursdays" => Lex::Weekday(4, true),
        b"fridays" => Lex::Weekday(5, true),
        b"saturdays" => Lex::Weekday(6, true),
        b"sundays" => Lex::Weekday(7, true),
        b"second" => Lex::Unit(Unit::Second, false),
        b"seconds" | b"secs" => Lex::Unit(Unit::Second, true),
        b"minute" | b"min" => Lex::Unit(Unit::Minute, false),
        b"minutes" | b"mins" => Lex::Unit(Unit::Minute, true),
        b"hour" | b"hr" => Lex::Unit(Unit::Hour, false),
        b"hours" | b"hrs" => Lex::Unit(Unit::Hour, true),
        b"day" => Lex::Unit(Unit::Day, false),
        b"days" => Lex::Unit(Unit::Day, true),
        b"week" => Lex::Unit(Unit::Week, false),
        b"weeks" => Lex::Unit(Unit::Week, true),
        b"month" => Lex::Unit(Unit::Month, false),
        b"months" => Lex::Unit(Unit::Month, true),
        b"quarter" => Lex::Unit(Unit::Quarter, false),
        b"quarters" => Lex::Unit(Unit::Quarter, true),
        b"year" => Lex::Unit(Unit::Year, false),
        b"years" => Lex::Unit(Unit::Year, true),
        b"decade" => Lex::Unit(Unit::Decade, false),
        b"decades" => Lex::Unit(Unit::Decade, true),
        b"century" => Lex::Unit(Unit::Century, false),
        b"centuries" => Lex::Unit(Unit::Century, true),
        b"one" => Lex::Num(1),
        b"two" => Lex::Num(2),
        b"three" => Lex::Num(3),
        b"four" => Lex::Num(4),
        b"five" => Lex::Num(5),
        b"six" => Lex::Num(6),
        b"seven" => Lex::Num(7),
        b"eight" => Lex::Num(8),
        b"nine" => Lex::Num(9),
        b"ten" => Lex::Num(10),
        b"eleven" => Lex::Num(11),
        b"twelve" => Lex::Num(12),
        b"thirteen" => Lex::Num(13),
        b"fourteen" => Lex::Num(14),
        b"fifteen" => Lex::Num(15),
        b"sixteen" => Lex::Num(16),
        b"seventeen" => Lex::Num(17),
        b"eighteen" => Lex::Num(18),
        b"nineteen" => K(Nineteen),
        b"twenty" => Lex::Num(20),
        b"thirty" => Lex::Num(30),
        b"forty" => Lex::Num(40),
        b"fifty" => Lex::Num(50),
        b"sixty" => Lex::Num(60),
        b"seventy" => Lex::Num(70),
        b"eighty" => Lex::Num(80),
        b"ninety" => Lex::Num(90),
        b"hundred" => K(Hundred),
        b"thousand" => K(Thousand),
        b"dozen" => Lex::Num(12),
        b"first" => Lex::Ord(1),
        b"third" => Lex::Ord(3),
        b"fourth" => Lex::Ord(4),
        b"fifth" => Lex::Ord(5),
        b"sixth" => Lex::Ord(6),
        b"seventh" => Lex::Ord(7),
        b"eighth" => Lex::Ord(8),
        b"ninth" => Lex::Ord(9),
        b"tenth" => Lex::Ord(10),
        b"eleventh" => Lex::Ord(11),
        b"twelfth" => Lex::Ord(12),
        b"twentieth" => Lex::Ord(20),
        b"twenties" => Lex::Decade(2),
        b"thirties" => Lex::Decade(3),
        b"forties" => Lex::Decade(4),
        b"fifties" => Lex::Decade(5),
        b"sixties" => Lex::Decade(6),
        b"seventies" => Lex::Decade(7),
        b"eighties" => Lex::Decade(8),
        b"nineties" => Lex::Decade(9),
        b"spring" => Lex::Season(0),
        b"summer" => Lex::Season(1),
        b"fall" | b"autumn" => Lex::Season(2),
        b"winter" => Lex::Season(3),
        b"morning" => Lex::Part(DayPart::Morning),
        b"afternoon" => Lex::Part(DayPart::Afternoon),
        b"evening" => Lex::Part(DayPart::Evening),
        b"night" => Lex::Part(DayPart::Night),
        b"the" => K(The),
        b"a" => K(A),
        b"an" => K(An),
        b"this" => K(This),
        b"that" => K(That),
        b"these" => K(These),
        b"its" | b"their" => K(Its),
        b"last" => K(Last),
        b"next" => K(Next),
        b"past" => K(Past),
        b"previous" => K(Previous),
        b"prior" => K(Prior),
        b"coming" | b"upcoming" => K(Coming),
        b"following" => K(Following),
        b"ago" => K(Ago),
        b"earlier" => K(Earlier),
        b"later" => K(Later),
        b"early" => K(Early),
        b"late" => K(Late),
        b"mid" => K(Mid),
        b"middle" => K(Middle),
        b"beginning" => K(Beginning),
        b"start" => K(Start),
        b"end" => K(End),
        b"of" => K(Of),
        b"in" => K(In),
        b"since" => K(Since),
        b"from" => K(From),
        b"to" => K(To),
        b"through" | b"thru" => K(Through),
        b"until" | b"till" => K(Until),
        b"between" => K(Between),
        b"and" => K(And),
        b"or" => K(Or),
        b"so" => K(So),
        b"now" => K(Now),
        b"today" => K(Today),
        b"yesterday" => K(Yesterday),
        b"tomorrow" => K(Tomorrow),
        b"tonight" => K(Tonight),
        b"currently" => K(Currently),
        b"current" => K(Current),
        b"recently" => K(Recently),
        b"recent" => K(Recent),
        b"future" => K(Future),
        b"soon" => K(Soon),
        b"previously" | b"formerly" => K(Previously),
        b"nearly" => K(Nearly),
        b"almost" => K(Almost),
        b"about" => K(About),
        b"around" => K(Around),
        b"approximately" => K(Approximately),
        b"roughly" => K(Roughly),
        b"some" => K(Some),
        b"more" => K(More),
        b"less" | b"fewer" => K(Less),
        b"than" => K(Than),
        b"over" => K(Over),
        b"under" => K(Under),
        b"at" => K(At),
        b"least" => K(Least),
        b"most" => K(Most),
        b"up" => K(Up),
        b"within" => K(Within),
        b"several" => K(Several),
        b"few" => K(Few),
        b"couple" => K(Couple),
        b"many" => K(Many),
        b"each" => K(Each),
        b"every" => K(Every),
        b"per" => K(Per),
        b"daily" => K(Daily),
        b"weekly" => K(Weekly),
        b"monthly" => K(Monthly),
        b"yearly" => K(Yearly),
        b"annually" => K(Annually),
        b"hourly" => K(Hourly),
        b"quarterly" => K(Quarterly),
        b"fiscal" => K(Fiscal),
        b"half" => K(Half),
        b"period" => K(Period),
        b"weekend" => K(Weekend),
        b"noon" | b"midday" => K(Noon),
        b"midnight" => K(Midnight),
        b"overnight" => K(Overnight),
        b"latest" => K(Latest),
        b"same" => K(Same),
        b"full" => K(Full),
        b"near" => K(Near),
        b"term" => K(Term),
        b"short" => K(Short),
        b"long" => K(Long),
        b"est" | b"edt" | b"gmt" | b"utc" | b"pst" | b"pdt" | b"cst" | b"cdt" | b"mst" | b"mdt"
        | b"bst" | b"cet" => K(Zone),
        b"ended" | b"ending" => K(Ended),
        b"ahead" => K(Ahead),
        b"additional" => K(Additional),
        b"another" => K(Another),
        b"only" => K(Only),
        b"just" => K(Just),
        b"times" => K(Times),
        b"million" | b"billion" | b"trillion" | b"percent" | b"cents" | b"dollars" | b"pounds"
        | b"marks" | b"yen" => K(Money),
        b"old" => K(Old),
        b"trading" => K(Trading),
        b"business" => K(Business),
        b"comparable" => K(Comparable),
        b"corresponding" => K(Corresponding),
        b"then" => K(Then),
        b"once" => K(Once),
        b"pm" => K(Pm),
        b"am" => K(Am),
        b"right" => K(Right),
        b"moment" => K(Moment),
        b"no" => K(No),
        b"thanksgiving" => K(Thanksgiving),
        b"christmas" => K(Christmas),
        b"halloween" => K(Halloween),
        b"election" => K(Election),
        b"independence" => K(Independence),
        b"memorial" => K(Memorial),
        b"labor" | b"labour" => K(Labor),
        b"new" => K(New),
        b"eve" => K(Eve),
        _ => Lex::Other,
    }
}

/// Future-tense cue words; used to decide whether "Friday" or "March" lie before or after the
/// document date.
pub fn is_future_cue(word: &[u8]) -> bool {
    let mut buf = [0u8; 12];
    if word.len() > buf.len() {
        return false;
    }
    for (d, s) in buf.iter_mut().zip(word) {
        *d = s.to_ascii_lowercase();
    }
    matches!(
        &buf[..word.len()],
        b"will"
            | b"ll"
            | b"shall"
            | b"going"
            | b"expected"
            | b"expects"
            | b"scheduled"
            | b"plans"
            | b"planned"
            | b"planning"
            | b"due"
            | b"soon"
            | b"could"
            | b"might"
            | b"wo"
    )
}

/// Past-tense cue words.
pub fn is_past_cue(word: &[u8]) -> bool {
    let mut buf = [0u8; 12];
    if word.len() > buf.len() {
        return false;
    }
    for (d, s) in buf.iter_mut().zip(word) {
        *d = s.to_ascii_lowercase();
    }
    matches!(
        &buf[..word.len()],
        b"was"
            | b"were"
            | b"had"
            | b"did"
            | b"said"
            | b"ago"
            | b"last"
            | b"yesterday"
            | b"earlier"
            | b"reported"
            | b"announced"
            | b"rose"
            | b"fell"
            | b"killed"
            | b"died"
            | b"began"
            | b"ended"
            | b"closed"
            | b"took"
            | b"came"
            | b"made"
            | b"told"
            | b"met"
            | b"held"
            | b"gave"
            | b"brought"
            | b"bought"
            | b"sold"
            | b"won"
            | b"lost"
            | b"left"
            | b"got"
            | b"went"
            | b"saw"
            | b"became"
            | b"paid"
            | b"spent"
            | b"led"
            | b"grew"
            | b"ran"
            | b"wrote"
            | b"sent"
            | b"kept"
            | b"found"
            | b"thought"
            | b"knew"
            | b"felt"
            | b"stood"
            | b"heard"
            | b"chose"
            | b"struck"
            | b"fled"
            | b"shot"
            | b"caught"
            | b"taught"
            | b"sought"
            | b"fought"
            | b"meant"
            | b"drew"
            | b"flew"
            | b"threw"
            | b"broke"
            | b"spoke"
            | b"wore"
            | b"withdrew"
            | b"overtook"
            | b"undertook"
            | b"forgot"
            | b"arose"
            | b"swore"
            | b"hung"
            | b"dug"
            | b"slid"
            | b"sank"
            | b"sprang"
            | b"stole"
            | b"tore"
    )
}
