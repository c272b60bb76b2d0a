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
    let max = max_count.max(1) as f64;
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
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
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
