//! Dates as articles state them: a TimeML-style value at some precision, maybe qualified
//! ("the early 2000s"), turned into an honest UTC interval instead of a fake exact instant.

use chrono::{Datelike, NaiveDate};
use std::cmp::Ordering;
use std::fmt;

/// Milliseconds in one day; all time math is f64 milliseconds since 1970-01-01 UTC.
pub const DAY_MS: f64 = 86_400_000.0;

/// How precisely a date is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Precision {
    /// "the 20th century" (TimeML value `19`).
    Century,
    /// "the 2000s" (TimeML value `200`).
    Decade,
    /// "1994".
    Year,
    /// "April 2008".
    Month,
    /// "3 April 2008".
    Day,
}

/// A qualifier on a date, after TimeML's `mod` attribute.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Modifier {
    /// "early": the first third of the period.
    Start,
    /// "mid": the middle third.
    Mid,
    /// "late": the last third.
    End,
    /// "around", "about": the period, loosely.
    Approx,
}

impl Modifier {
    /// Parses a TimeML `mod` value; the ones that do not narrow a date are ignored (`None`).
    pub fn from_timeml(s: &str) -> Option<Modifier> {
        match s {
            "START" => Some(Modifier::Start),
            "MID" => Some(Modifier::Mid),
            "END" => Some(Modifier::End),
            "APPROX" => Some(Modifier::Approx),
            _ => None,
        }
    }

    /// The TimeML `mod` value.
    pub fn as_timeml(self) -> &'static str {
        match self {
            Modifier::Start => "START",
            Modifier::Mid => "MID",
            Modifier::End => "END",
            Modifier::Approx => "APPROX",
        }
    }
}

/// Why a date value was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateError(pub String);

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A calendar date at a stated precision, possibly qualified.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateSpec {
    /// First year of the period (for a decade, its first year; for a century, e.g. 1900).
    pub year: i32,
    /// Month 1–12; 1 when the precision is coarser.
    pub month: u32,
    /// Day 1–31; 1 when the precision is coarser.
    pub day: u32,
    /// How precisely the date is known.
    pub precision: Precision,
    /// A qualifier such as "early".
    pub modifier: Option<Modifier>,
}

/// The months' English names, January first.
pub(crate) const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn digits(s: &str) -> Option<u32> {
    // By hand rather than `str::parse`, which checks signs and radix on each of the tens of
    // thousands of calls a large dataset makes. Nine digits at most, so nothing overflows.
    if s.is_empty() || s.len() > 9 {
        return None;
    }
    s.bytes().try_fold(0u32, |n, b| b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0')))
}

impl DateSpec {
    /// A year-precision date.
    pub fn year(year: i32) -> DateSpec {
        DateSpec { year, month: 1, day: 1, precision: Precision::Year, modifier: None }
    }

    /// Parses a TimeML date value: `19` (century), `200` (decade), `1994`, `2008-04`,
    /// `2008-04-03`, with an optional TimeML `mod`.
    pub fn parse(value: &str, modifier: Option<&str>) -> Result<DateSpec, DateError> {
        let bad = || {
            DateError(format!(
                "\"{value}\" is not a date such as 1994, 2008-04, 2008-04-03 or 200 (the 2000s)"
            ))
        };
        let modifier = match modifier {
            None => None,
            Some(m) => Some(
                Modifier::from_timeml(m)
                    .ok_or_else(|| DateError(format!("unknown date modifier \"{m}\"")))?,
            ),
        };
        let mut parts = value.split('-');
        let y = parts.next().ok_or_else(bad)?;
        let n = digits(y).ok_or_else(bad)? as i32;
        let (year, precision) = match y.len() {
            2 => (n * 100, Precision::Century),
            3 => (n * 10, Precision::Decade),
            4 => (n, Precision::Year),
            _ => return Err(bad()),
        };
        let mut spec = DateSpec { year, month: 1, day: 1, precision, modifier };
        if let Some(m) = parts.next() {
            if precision != Precision::Year || m.len() != 2 {
                return Err(bad());
            }
            spec.month = digits(m).filter(|m| (1..=12).contains(m)).ok_or_else(bad)?;
            spec.precision = Precision::Month;
            if let Some(d) = parts.next() {
                let day = digits(d).filter(|_| d.len() == 2).ok_or_else(bad)?;
                if !exists(year, spec.month, day) {
                    return Err(bad());
                }
                spec.day = day;
                spec.precision = Precision::Day;
            }
        }
        if parts.next().is_some() {
            return Err(bad());
        }
        Ok(spec)
    }

    /// The TimeML value string, the inverse of [`DateSpec::parse`] (without the modifier).
    pub fn value(&self) -> String {
        match self.precision {
            Precision::Century => format!("{:02}", self.year.div_euclid(100)),
            Precision::Decade => format!("{:03}", self.year.div_euclid(10)),
            Precision::Year => format!("{:04}", self.year),
            Precision::Month => format!("{:04}-{:02}", self.year, self.month),
            Precision::Day => format!("{:04}-{:02}-{:02}", self.year, self.month, self.day),
        }
    }

    /// The whole period the value names, as [start, end) in UTC milliseconds, before any modifier.
    fn period(&self) -> (f64, f64) {
        let start = ms(self.year, self.month, self.day);
        let end = match self.precision {
            Precision::Century => ms(self.year + 100, 1, 1),
            Precision::Decade => ms(self.year + 10, 1, 1),
            Precision::Year => ms(self.year + 1, 1, 1),
            Precision::Month if self.month == 12 => ms(self.year + 1, 1, 1),
            Precision::Month => ms(self.year, self.month + 1, 1),
            Precision::Day => start + DAY_MS,
        };
        (start, end)
    }

    /// The interval this date covers, as [start, end) in UTC milliseconds. "Early", "mid" and
    /// "late" narrow the period to its first, middle or last third, so "the early 2000s" spans
    /// 2000 to about 2003 rather than pretending to be 2000-01-01.
    pub fn interval(&self) -> (f64, f64) {
        let (a, b) = self.period();
        let third = (b - a) / 3.0;
        match self.modifier {
            Some(Modifier::Start) => (a, a + third),
            Some(Modifier::Mid) => (a + third, b - third),
            Some(Modifier::End) => (b - third, b),
            Some(Modifier::Approx) | None => (a, b),
        }
    }

    /// True when the date is only loosely known: coarser than a year, or qualified.
    pub fn is_imprecise(&self) -> bool {
        self.modifier.is_some() || self.precision < Precision::Year
    }

    /// A human label: "1974", "April 2008", "3 April 2008", "the early 2000s", "the 20th century".
    pub fn label(&self) -> String {
        let base = match self.precision {
            Precision::Century => {
                let c = self.year.div_euclid(100) + 1;
                let suffix = match (c % 10, c % 100) {
                    (1, n) if n != 11 => "st",
                    (2, n) if n != 12 => "nd",
                    (3, n) if n != 13 => "rd",
                    _ => "th",
                };
                format!("{c}{suffix} century")
            }
            Precision::Decade => format!("{}s", self.year),
            Precision::Year => format!("{}", self.year),
            Precision::Month => format!("{} {}", month_name(self.month), self.year),
            Precision::Day => format!("{} {} {}", self.day, month_name(self.month), self.year),
        };
        let article = if self.precision < Precision::Year { "the " } else { "" };
        match self.modifier {
            Some(Modifier::Start) => format!("{article}early {base}"),
            Some(Modifier::Mid) => format!("{article}mid-{base}"),
            Some(Modifier::End) => format!("{article}late {base}"),
            Some(Modifier::Approx) => format!("around {article}{base}"),
            None => format!("{article}{base}"),
        }
    }

    /// A compact label for crowded places such as timeline marks: "1974", "Apr 2008",
    /// "early 2000s".
    pub fn short_label(&self) -> String {
        let label = self.label();
        label.strip_prefix("the ").map(str::to_string).unwrap_or(label)
    }
}

impl PartialOrd for DateSpec {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for DateSpec {
    /// Chronological: by the start of the interval, then the shorter (more precise) first.
    fn cmp(&self, other: &Self) -> Ordering {
        let (a0, a1) = self.interval();
        let (b0, b1) = other.interval();
        a0.total_cmp(&b0).then(a1.total_cmp(&b1)).then(self.precision.cmp(&other.precision))
    }
}

/// The English name of month 1–12.
pub fn month_name(month: u32) -> &'static str {
    MONTHS.get(month.wrapping_sub(1) as usize).copied().unwrap_or("?")
}

/// A calendar day, checked as chrono checks one (a day of the proleptic Gregorian calendar,
/// within chrono's years), but plain numbers: what the page passes around (today, a dateline,
/// an article's reference date), so that its wasm carries none of chrono's calendar tables
/// and code (0.6 KB gzipped). The tagger works with chrono's `NaiveDate` ([`parse_iso`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Day {
    year: i32,
    month: u32,
    day: u32,
}

impl Day {
    /// The day, if it exists.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Day> {
        exists(year, month, day).then_some(Day { year, month, day })
    }

    /// Parses an ISO 8601 calendar date, `YYYY-MM-DD`. Hand-written because chrono's general
    /// parser and formatter would add about 15 KB to the wasm bundle for this one format.
    pub fn parse(s: &str) -> Option<Day> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let y = digits(&s[0..4])? as i32;
        Day::new(y, digits(&s[5..7])?, digits(&s[8..10])?)
    }

    /// The ISO 8601 form, `YYYY-MM-DD`.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// The day for people: "3 March 2008".
    pub fn human(self) -> String {
        format!("{} {} {}", self.day, month_name(self.month), self.year)
    }
}

impl From<NaiveDate> for Day {
    fn from(d: NaiveDate) -> Day {
        Day { year: d.year(), month: d.month(), day: d.day() }
    }
}

/// Parses an ISO 8601 calendar date, `YYYY-MM-DD` (see [`Day::parse`]).
pub fn parse_iso(s: &str) -> Option<NaiveDate> {
    let d = Day::parse(s)?;
    NaiveDate::from_ymd_opt(d.year, d.month, d.day)
}

/// The ISO 8601 form of a date, `YYYY-MM-DD`.
pub fn iso(d: NaiveDate) -> String {
    Day::from(d).iso()
}

/// A date for people: "3 March 2008".
pub fn human(d: NaiveDate) -> String {
    Day::from(d).human()
}

/// True when the day exists in the proleptic Gregorian calendar, within chrono's years.
fn exists(year: i32, month: u32, day: u32) -> bool {
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let month_days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => 0,
    };
    (1..=month_days).contains(&day)
        && (NaiveDate::MIN.year()..=NaiveDate::MAX.year()).contains(&year)
}

/// UTC midnight of a calendar day as milliseconds since the Unix epoch; 0 for a day that does
/// not exist (or lies outside chrono's years, as before).
pub fn ms(year: i32, month: u32, day: u32) -> f64 {
    if !exists(year, month, day) {
        return 0.0;
    }
    // Plain arithmetic (H. Hinnant's days_from_civil) instead of building a chrono date: this
    // runs for every event on every zoom and pan, and chrono's checks were most of its cost.
    let (m, d) = (i64::from(month), i64::from(day));
    let y = i64::from(year) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let day_of_year = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    (era * 146_097 + day_of_era - 719_468) as f64 * DAY_MS
}

/// The calendar date (year, month, day) in UTC of a millisecond timestamp.
pub fn ymd(t: f64) -> (i32, u32, u32) {
    let days = (t / DAY_MS).floor();
    // About ±246,000 years: inside chrono's range, and wide enough that the ticks of any
    // domain up to `ticks::LIMIT_MS` get their own dates rather than the clamp's.
    let days = crate::core::scale::within(days, -90_000_000.0, 90_000_000.0) as i64;
    // H. Hinnant's civil_from_days, the inverse of `ms`: plain arithmetic rather than a chrono
    // date, whose tables and checks the page's wasm then need not carry.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    ((year_of_era + era * 400 + i64::from(month <= 2)) as i32, month as u32, day as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ms_agrees_with_chrono_on_every_kind_of_day() {
        let chrono_ms = |y: i32, m: u32, d: u32| {
            NaiveDate::from_ymd_opt(y, m, d)
                .map_or(0.0, |d| (d.num_days_from_ce() - 719_163) as f64 * DAY_MS)
        };
        let mut seed = 7;
        let years = [-262_145, -262_144, -262_143, -401, -400, -1, 0, 1, 1600, 1700, 1900, 1970]
            .into_iter()
            .chain([2000, 2024, 2100, 9999, 262_142, 262_143, 262_144]);
        let random =
            (0..3000).map(|_| (crate::core::xorshift(&mut seed) % 600_000) as i32 - 300_000);
        for y in years.chain(random) {
            for m in 0..=13 {
                for d in [0, 1, 15, 28, 29, 30, 31, 32] {
                    assert_eq!(ms(y, m, d), chrono_ms(y, m, d), "{y}-{m}-{d}");
                }
            }
        }
    }

    #[test]
    fn parses_each_precision_and_round_trips() {
        for (v, p) in [
            ("19", Precision::Century),
            ("200", Precision::Decade),
            ("1994", Precision::Year),
            ("2008-04", Precision::Month),
            ("2008-04-03", Precision::Day),
        ] {
            let d = DateSpec::parse(v, None).unwrap();
            assert_eq!(d.precision, p, "{v}");
            assert_eq!(d.value(), v);
        }
    }

    #[test]
    fn rejects_malformed_values() {
        for v in ["", "abc", "19945", "2008-13", "2008-02-30", "2008-4", "2008-04-03-01", "200-01"]
        {
            assert!(DateSpec::parse(v, None).is_err(), "{v}");
        }
        assert!(DateSpec::parse("1994", Some("SOMETIME")).is_err());
    }

    #[test]
    fn early_2000s_is_an_interval_not_new_years_day() {
        let d = DateSpec::parse("200", Some("START")).unwrap();
        let (a, b) = d.interval();
        assert_eq!(a, ms(2000, 1, 1));
        assert!(b > ms(2003, 1, 1) && b < ms(2004, 1, 1));
        assert!(d.is_imprecise());
        assert_eq!(d.label(), "the early 2000s");
        assert_eq!(d.short_label(), "early 2000s");
    }

    #[test]
    fn intervals_cover_the_stated_period() {
        assert_eq!(DateSpec::year(1974).interval(), (ms(1974, 1, 1), ms(1975, 1, 1)));
        let dec = DateSpec::parse("2008-12", None).unwrap().interval();
        assert_eq!(dec, (ms(2008, 12, 1), ms(2009, 1, 1)));
        let day = DateSpec::parse("2008-04-03", None).unwrap().interval();
        assert_eq!(day.1 - day.0, DAY_MS);
    }

    #[test]
    fn orders_chronologically_then_by_precision() {
        let mut v: Vec<DateSpec> = ["2008-04-03", "200", "1994", "2008", "19", "2008-04"]
            .iter()
            .map(|s| DateSpec::parse(s, None).unwrap())
            .collect();
        v.sort();
        let order: Vec<String> = v.iter().map(DateSpec::value).collect();
        assert_eq!(order, ["19", "1994", "200", "2008", "2008-04", "2008-04-03"]);
    }

    #[test]
    fn labels_read_naturally() {
        assert_eq!(DateSpec::parse("2008-04-03", None).unwrap().label(), "3 April 2008");
        assert_eq!(DateSpec::parse("19", None).unwrap().label(), "the 20th century");
        assert_eq!(DateSpec::parse("199", Some("END")).unwrap().label(), "the late 1990s");
        assert!(!DateSpec::year(1974).is_imprecise());
    }

    #[test]
    fn iso_dates_round_trip() {
        let d = NaiveDate::from_ymd_opt(2008, 3, 3).unwrap();
        assert_eq!(parse_iso("2008-03-03"), Some(d));
        assert_eq!(iso(d), "2008-03-03");
        assert_eq!(human(d), "3 March 2008");
        for bad in ["", "2008-3-03", "2008-02-30", "20080303", "2008-03-03T00", "abcd-ef-gh"] {
            assert_eq!(parse_iso(bad), None, "{bad}");
        }
    }

    #[test]
    fn ymd_agrees_with_chrono() {
        let chrono_ymd = |days: i32| {
            NaiveDate::from_num_days_from_ce_opt(days + 719_163)
                .map(|d| (d.year(), d.month(), d.day()))
                .unwrap_or((1970, 1, 1))
        };
        let mut seed = 11;
        let random = (0..20_000)
            .map(|_| (crate::core::xorshift(&mut seed) % 180_000_001) as i32 - 90_000_000);
        let edges = [-90_000_000, -89_999_999, -719_468, -719_163, -1, 0, 1, 59, 60, 11_016];
        let near = (-800..800).map(|d| d * 365);
        for days in edges.into_iter().chain(near).chain(random).chain(-3_000..3_000) {
            let t = f64::from(days) * DAY_MS;
            assert_eq!(ymd(t), chrono_ymd(days), "{days}");
            assert_eq!(ymd(t + DAY_MS - 1.0), chrono_ymd(days), "{days}");
        }
        // Beyond the clamp: the clamp's dates, as before.
        assert_eq!(ymd(1e20), chrono_ymd(90_000_000));
        assert_eq!(ymd(-1e20), chrono_ymd(-90_000_000));
    }

    #[test]
    fn days_check_as_chrono_does() {
        let d = Day::new(2008, 3, 3).unwrap();
        assert_eq!(Day::parse("2008-03-03"), Some(d));
        assert_eq!((d.iso(), d.human()), ("2008-03-03".to_string(), "3 March 2008".to_string()));
        for (y, m, dd) in [(2000, 2, 29), (1900, 2, 29), (2024, 2, 29), (2023, 4, 31), (0, 1, 1)] {
            let chrono = NaiveDate::from_ymd_opt(y, m, dd);
            assert_eq!(Day::new(y, m, dd), chrono.map(Day::from), "{y}-{m}-{dd}");
        }
    }

    #[test]
    fn ms_and_ymd_agree() {
        assert_eq!(ms(1970, 1, 1), 0.0);
        for (y, m, d) in [(1900, 1, 1), (1974, 7, 20), (2000, 2, 29), (2022, 2, 24)] {
            assert_eq!(ymd(ms(y, m, d)), (y, m, d));
            assert_eq!(ymd(ms(y, m, d) + DAY_MS - 1.0), (y, m, d));
        }
    }
}
