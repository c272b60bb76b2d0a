//! A linear time scale, as d3-scale's `scaleUtc`: UTC milliseconds to pixels and back.

/// Maps a time domain (UTC ms) linearly onto a pixel range.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TimeScale {
    /// First and last time shown, UTC ms.
    pub domain: (f64, f64),
    /// Pixel positions of the domain's ends.
    pub range: (f64, f64),
}

impl TimeScale {
    /// A scale from `domain` onto `range`; an empty domain is widened by a day so that the
    /// mapping stays finite.
    pub fn new(domain: (f64, f64), range: (f64, f64)) -> TimeScale {
        let (a, mut b) = domain;
        // Also catches NaN: a domain that is not strictly increasing gets a day's width.
        if b.partial_cmp(&a) != Some(std::cmp::Ordering::Greater) {
            b = a + crate::core::date::DAY_MS;
        }
        TimeScale { domain: (a, b), range }
    }

    /// A domain covering every interval, padded by `pad` of its span on each side; `None`
    /// when there are no intervals.
    pub fn extent(intervals: impl IntoIterator<Item = (f64, f64)>, pad: f64) -> Option<(f64, f64)> {
        let (lo, hi) = intervals
            .into_iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), (a, b)| (lo.min(a), hi.max(b)));
        if !(lo.is_finite() && hi.is_finite()) {
            return None;
        }
        let span = (hi - lo).max(crate::core::date::DAY_MS);
        Some((lo - span * pad, hi + span * pad))
    }

    /// Pixels per millisecond.
    pub fn k(&self) -> f64 {
        (self.range.1 - self.range.0) / (self.domain.1 - self.domain.0)
    }

    /// The pixel position of time `t`.
    pub fn x(&self, t: f64) -> f64 {
        self.range.0 + (t - self.domain.0) * self.k()
    }

    /// The time at pixel `x` (the inverse of [`TimeScale::x`]).
    pub fn t(&self, x: f64) -> f64 {
        self.domain.0 + (x - self.range.0) / self.k()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::date::ms;

    #[test]
    fn maps_ends_and_middle() {
        let s = TimeScale::new((ms(1970, 1, 1), ms(2000, 1, 1)), (10.0, 310.0));
        assert_eq!(s.x(ms(1970, 1, 1)), 10.0);
        assert_eq!(s.x(ms(2000, 1, 1)), 310.0);
        let mid = (ms(1970, 1, 1) + ms(2000, 1, 1)) / 2.0;
        assert!((s.x(mid) - 160.0).abs() < 1e-9);
    }

    #[test]
    fn inverts() {
        let s = TimeScale::new((ms(1974, 1, 1), ms(2023, 1, 1)), (0.0, 1280.0));
        for x in [0.0, 1.5, 640.0, 1279.0] {
            assert!((s.x(s.t(x)) - x).abs() < 1e-6);
        }
    }

    #[test]
    fn empty_domain_stays_finite() {
        let s = TimeScale::new((5.0, 5.0), (0.0, 100.0));
        assert!(s.x(5.0).is_finite() && s.k() > 0.0);
    }

    #[test]
    fn extent_pads_and_handles_empty() {
        assert_eq!(TimeScale::extent([], 0.1), None);
        let (a, b) = TimeScale::extent([(100.0, 200.0), (0.0, 50.0)], 0.0).unwrap();
        assert!(a == 0.0 && b >= 200.0);
        let (a, b) = TimeScale::extent([(0.0, 1000.0 * 86_400_000.0)], 0.1).unwrap();
        assert_eq!(a, -100.0 * 86_400_000.0);
        assert_eq!(b, 1100.0 * 86_400_000.0);
    }
}
