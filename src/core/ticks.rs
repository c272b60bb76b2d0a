//! Axis ticks from a candidate table, as d3-time's `ticks`: pick the finest calendar interval
//! (days, months, years, decades…) that yields no more ticks than fit, then align ticks to it.

use crate::core::date::{month_name, ms, ymd, DAY_MS};

/// A calendar step between ticks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// Every n days (aligned to day 1, 1+n, … of each month).
    Days(u32),
    /// Every n months (aligned to January).
    Months(u32),
    /// Every n years (aligned to multiples of n).
    Years(u32),
}

/// The candidate steps, finest first, with their approximate length in days.
pub const CANDIDATES: [(Step, f64); 16] = [
    (Step::Days(1), 1.0),
    (Step::Days(2), 2.0),
    (Step::Days(7), 7.0),
    (Step::Days(14), 14.0),
    (Step::Months(1), 30.4),
    (Step::Months(3), 91.3),
    (Step::Months(6), 182.6),
    (Step::Years(1), 365.25),
    (Step::Years(2), 730.5),
    (Step::Years(5), 1826.0),
    (Step::Years(10), 3652.0),
    (Step::Years(20), 7305.0),
    (Step::Years(50), 18262.0),
    (Step::Years(100), 36525.0),
    (Step::Years(200), 73050.0),
    (Step::Years(500), 182625.0),
];

/// Ticks are only made within ±LIMIT_MS (about 190,000 years either side of 1970), where every
/// calendar step is a date: beyond it `ms` has no dates to give, and the loops would never end.
pub const LIMIT_MS: f64 = 6e15;

/// The most ticks asked for: more than any drawing has room for, few enough to stay cheap.
const MAX_TICKS: usize = 1000;

/// One tick: its time and label.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    /// UTC ms.
    pub t: f64,
    /// "1990", "Apr 2008", "3 Apr".
    pub label: String,
}

/// The finest candidate step giving at most `max_count` ticks over `domain` (UTC ms).
pub fn choose_step(domain: (f64, f64), max_count: usize) -> Step {
    let days = (domain.1 - domain.0).abs() / DAY_MS;
    let max = max_count.clamp(1, MAX_TICKS) as f64;
    CANDIDATES
        .iter()
        .find(|(_, len)| days / len <= max)
        .map(|(s, _)| *s)
        .unwrap_or(Step::Years(1000))
}

fn label(step: Step, t: f64) -> String {
    let (y, m, d) = ymd(t);
    let mon = &month_name(m)[..3];
    match step {
        Step::Years(_) => y.to_string(),
        Step::Months(_) if m == 1 => y.to_string(),
        Step::Months(_) => format!("{mon} {y}"),
        Step::Days(_) if d == 1 && m == 1 => y.to_string(),
        Step::Days(_) => format!("{d} {mon}"),
    }
}

/// Ticks for `domain` with at most about `max_count` of them, aligned to calendar units.
pub fn ticks(domain: (f64, f64), max_count: usize) -> Vec<Tick> {
    let (lo, hi) = (domain.0.min(domain.1), domain.0.max(domain.1));
    if lo.is_nan() {
        // Both ends NaN (`min` and `max` skip a single NaN): no time, no ticks.
        return Vec::new();
    }
    let (lo, hi) = (lo.max(-LIMIT_MS), hi.min(LIMIT_MS));
    let step = choose_step((lo, hi), max_count);
    let (y0, m0, _) = ymd(lo);
    let mut out = Vec::new();
    let mut push = |t: f64| {
        if t >= lo && t <= hi {
            out.push(Tick { t, label: label(step, t) });
        }
    };
    match step {
        Step::Years(n) => {
            let n = n as i32;
            let mut y = y0.div_euclid(n) * n;
            while ms(y, 1, 1) <= hi {
                push(ms(y, 1, 1));
                y += n;
            }
        }
        Step::Months(n) => {
            let (mut y, mut m) = (y0, (m0 - 1) / n * n);
            while ms(y, m + 1, 1) <= hi {
                push(ms(y, m + 1, 1));
                m += n;
                if m >= 12 {
                    y += 1;
                    m -= 12;
                }
            }
        }
        Step::Days(n) => {
            let (mut y, mut m) = (y0, m0);
            while ms(y, m, 1) <= hi {
                let next = if m == 12 { ms(y + 1, 1, 1) } else { ms(y, m + 1, 1) };
                let mut d = 1;
                // The last step of a month is dropped when it would crowd the 1st of the next.
                while ms(y, m, 1) + f64::from(d - 1) * DAY_MS + f64::from(n) * DAY_MS * 0.5 < next {
                    push(ms(y, m, 1) + f64::from(d - 1) * DAY_MS);
                    d += n;
                }
                (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(v: &[Tick]) -> Vec<&str> {
        v.iter().map(|t| t.label.as_str()).collect()
    }

    #[test]
    fn decades_over_half_a_century() {
        let t = ticks((ms(1972, 6, 1), ms(2024, 6, 1)), 8);
        assert_eq!(labels(&t), ["1980", "1990", "2000", "2010", "2020"]);
    }

    #[test]
    fn finer_steps_when_there_is_room() {
        let t = ticks((ms(1972, 6, 1), ms(2024, 6, 1)), 12);
        assert_eq!(labels(&t)[..3], ["1975", "1980", "1985"]);
        let t = ticks((ms(2008, 1, 1), ms(2008, 12, 31)), 5);
        assert_eq!(labels(&t), ["2008", "Apr 2008", "Jul 2008", "Oct 2008"]);
        let t = ticks((ms(2008, 4, 1), ms(2008, 4, 8)), 10);
        assert_eq!(
            labels(&t),
            ["1 Apr", "2 Apr", "3 Apr", "4 Apr", "5 Apr", "6 Apr", "7 Apr", "8 Apr"]
        );
    }

    #[test]
    fn never_exceeds_the_budget_much_and_stays_in_domain() {
        // Over many spans and budgets, ticks are inside the domain, strictly increasing, and at
        // most about max_count + 1 (calendar alignment can add one).
        let mut seed = 0x2545_f491_u64;
        for _ in 0..500 {
            crate::core::xorshift(&mut seed);
            let lo = ms(1800, 1, 1) + (seed % 200_000) as f64 * DAY_MS;
            let span = ((seed >> 20) % 60_000 + 1) as f64 * DAY_MS;
            let max = (seed >> 40) as usize % 15 + 2;
            let t = ticks((lo, lo + span), max);
            assert!(t.len() <= max + 2, "{} ticks for max {max}", t.len());
            assert!(t.windows(2).all(|w| w[0].t < w[1].t));
            assert!(t.iter().all(|k| k.t >= lo && k.t <= lo + span));
        }
    }

    #[test]
    fn step_table_is_ordered() {
        assert!(CANDIDATES.windows(2).all(|w| w[0].1 < w[1].1));
        assert_eq!(choose_step((0.0, 10.0 * DAY_MS), 20), Step::Days(1));
        assert_eq!(choose_step((0.0, 4000.0 * 365.0 * DAY_MS), 5), Step::Years(1000));
    }
}

/// A two-level time axis: minor ticks with short labels, and major labels naming the larger
/// period above them (months under their year, years under their decade).
#[derive(Clone, Debug, PartialEq)]
pub struct Axis {
    /// Minor ticks: time, x and short label ("Apr", "1994", "3").
    pub minor: Vec<(f64, f64, String)>,
    /// Major labels: x where the label starts and the label ("2008", "April 2008", "1990s").
    /// The first one may be pinned to the left edge for a period that began before the view.
    pub major: Vec<(f64, String)>,
}

/// The coarser period that groups minor ticks of `step`, as a step itself.
fn major_of(step: Step) -> Step {
    match step {
        Step::Days(_) => Step::Months(1),
        Step::Months(_) => Step::Years(1),
        Step::Years(n) if n < 10 => Step::Years(10),
        Step::Years(n) if n < 100 => Step::Years(100),
        Step::Years(_) => Step::Years(1000),
    }
}

fn short_label(step: Step, t: f64) -> String {
    let (y, m, d) = ymd(t);
    match step {
        Step::Days(_) => d.to_string(),
        Step::Months(_) => month_name(m)[..3].to_string(),
        Step::Years(_) => y.to_string(),
    }
}

fn major_label(step: Step, t: f64) -> String {
    let (y, m, _) = ymd(t);
    match step {
        Step::Months(_) | Step::Days(_) => format!("{} {y}", month_name(m)),
        Step::Years(1) => y.to_string(),
        // "1900s" would read as a decade: centuries are named.
        Step::Years(100) => crate::core::date::DateSpec {
            year: y,
            month: 1,
            day: 1,
            precision: crate::core::date::Precision::Century,
            modifier: None,
        }
        .short_label(),
        Step::Years(_) => format!("{y}s"),
    }
}

/// Start of the `step` period that holds `t`.
fn floor(step: Step, t: f64) -> f64 {
    let (y, m, _) = ymd(t);
    match step {
        Step::Days(_) => ms(y, m, ymd(t).2),
        Step::Months(_) => ms(y, m, 1),
        Step::Years(n) => ms(y.div_euclid(n as i32) * n as i32, 1, 1),
    }
}

/// A two-level axis for `scale`, its minor ticks at least `spacing` pixels apart and every
/// label clear of its neighbours by the estimate of [`crate::core::layout::text_width`].
pub fn axis(scale: &crate::core::scale::TimeScale, spacing: f64, font: f64) -> Axis {
    use crate::core::layout::text_width;
    let width = (scale.range.1 - scale.range.0).abs();
    let domain = scale.domain;
    // Start from the finest step the spacing allows, then coarsen until the labels fit.
    let mut max = ((width / spacing.max(1.0)).floor() as usize).clamp(1, MAX_TICKS);
    let (step, minor) = loop {
        let step = choose_step(domain, max);
        let minor: Vec<(f64, f64, String)> = ticks(domain, max)
            .into_iter()
            .map(|k| (k.t, scale.x(k.t), short_label(step, k.t)))
            .collect();
        let fits = minor.windows(2).all(|w| {
            w[1].1 - w[0].1 >= (text_width(&w[0].2, font) + text_width(&w[1].2, font)) / 2.0 + font
        });
        if fits || max <= 1 {
            break (step, minor);
        }
        max -= 1;
    };
    let big = major_of(step);
    let mut major: Vec<(f64, String)> = Vec::new();
    let mut t = floor(big, domain.0);
    let left = scale.range.0;
    while t <= domain.1.min(LIMIT_MS) {
        let x = scale.x(t).max(left);
        let label = major_label(big, t);
        // A label pinned at the left edge gives way to the next one when they would touch.
        if let Some(last) = major.last() {
            if last.0 + text_width(&last.1, font) + font > x {
                major.pop();
            }
        }
        major.push((x, label));
        t = match big {
            Step::Months(_) => {
                let (y, m, _) = ymd(t);
                if m == 12 {
                    ms(y + 1, 1, 1)
                } else {
                    ms(y, m + 1, 1)
                }
            }
            Step::Years(n) => ms(ymd(t).0 + n as i32, 1, 1),
            Step::Days(n) => t + f64::from(n) * DAY_MS,
        };
    }
    Axis { minor, major }
}

#[cfg(test)]
mod axis_tests {
    use super::*;
    use crate::core::layout::text_width;
    use crate::core::scale::TimeScale;

    fn overlap_free(labels: &[(f64, f64)]) -> bool {
        labels.windows(2).all(|w| w[0].1 <= w[1].0)
    }

    #[test]
    fn months_sit_under_their_years() {
        let s = TimeScale::new((ms(2007, 11, 1), ms(2009, 2, 1)), (0.0, 1200.0));
        let a = axis(&s, 40.0, 12.0);
        assert!(a.minor.iter().any(|m| m.2 == "Apr"));
        let majors: Vec<&str> = a.major.iter().map(|m| m.1.as_str()).collect();
        assert_eq!(majors, ["2007", "2008", "2009"]);
    }

    #[test]
    fn years_sit_under_their_decades() {
        let s = TimeScale::new((ms(1972, 1, 1), ms(2024, 1, 1)), (0.0, 1200.0));
        let a = axis(&s, 40.0, 12.0);
        assert!(a.minor.iter().all(|m| m.2.len() == 4));
        let majors: Vec<&str> = a.major.iter().map(|m| m.1.as_str()).collect();
        assert_eq!(majors, ["1970s", "1980s", "1990s", "2000s", "2010s", "2020s"]);
        assert_eq!(a.major[0].0, 0.0, "the 1970s label is pinned at the left edge");
    }

    #[test]
    fn decades_sit_under_their_centuries() {
        let s = TimeScale::new((ms(1900, 1, 1), ms(2030, 1, 1)), (0.0, 600.0));
        let a = axis(&s, 48.0, 12.0);
        let majors: Vec<&str> = a.major.iter().map(|m| m.1.as_str()).collect();
        assert_eq!(majors, ["20th century", "21st century"]);
    }

    #[test]
    fn labels_never_overlap_over_many_zoom_levels() {
        let mut seed = 0x51ce_u64;
        for _ in 0..400 {
            crate::core::xorshift(&mut seed);
            let start = ms(1900, 1, 1) + (seed % 40_000) as f64 * DAY_MS;
            let span = ((seed >> 16) % 40_000 + 2) as f64 * DAY_MS;
            let width = ((seed >> 32) % 1500 + 200) as f64;
            let s = TimeScale::new((start, start + span), (0.0, width));
            let a = axis(&s, 48.0, 12.0);
            let minor: Vec<(f64, f64)> = a
                .minor
                .iter()
                .map(|(_, x, l)| (x - text_width(l, 12.0) / 2.0, x + text_width(l, 12.0) / 2.0))
                .collect();
            assert!(overlap_free(&minor), "minor labels overlap at span {span} width {width}");
            let major: Vec<(f64, f64)> =
                a.major.iter().map(|(x, l)| (*x, x + text_width(l, 12.0))).collect();
            assert!(overlap_free(&major), "major labels overlap at span {span} width {width}");
        }
    }
}
