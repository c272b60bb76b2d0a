//! A linear time scale, as d3-scale's `scaleUtc`: UTC milliseconds to pixels and back.

/// `x` brought within `[lo, hi]`. Unlike `f64::clamp`, it never panics (on NaN bounds, or
/// `lo > hi`), and it keeps the float formatter that `clamp`'s panic message needs (several
/// KB of wasm) out of the bundle.
pub fn within(x: f64, lo: f64, hi: f64) -> f64 {
    x.max(lo).min(hi)
}

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

    /// Zoomed by `factor` (above 1 zooms in) about pixel `anchor`: the time under the anchor
    /// stays under it, as with a wheel zoom at the cursor. The result respects `limits`.
    pub fn zoom(&self, factor: f64, anchor: f64, limits: &Limits) -> TimeScale {
        if !(factor.is_finite() && factor > 0.0) {
            return *self;
        }
        let at = self.t(anchor);
        let (a, b) = self.domain;
        let domain = (at - (at - a) / factor, at + (b - at) / factor);
        limits.clamp(TimeScale { domain, range: self.range }, at)
    }

    /// Panned by `dx` pixels (positive moves the view to later times, as dragging leftwards
    /// does). The result respects `limits`.
    pub fn pan(&self, dx: f64, limits: &Limits) -> TimeScale {
        if !dx.is_finite() {
            return *self;
        }
        let dt = dx / self.k();
        let domain = (self.domain.0 + dt, self.domain.1 + dt);
        limits.clamp(TimeScale { domain, range: self.range }, (domain.0 + domain.1) / 2.0)
    }

    /// The view moved, without zooming, so that the interval [a, b] is inside it with
    /// `margin` pixels to spare where it fits: how a selected event stays in view.
    pub fn reveal(&self, a: f64, b: f64, margin: f64, limits: &Limits) -> TimeScale {
        let (x0, x1) = (self.x(a), self.x(b));
        let (r0, r1) = (self.range.0 + margin, self.range.1 - margin);
        let dx = if x1 - x0 > r1 - r0 || x0 < r0 {
            x0 - r0
        } else if x1 > r1 {
            x1 - r1
        } else {
            0.0
        };
        self.pan(dx, limits)
    }
}

/// How far the view may zoom and pan, so that it never gets lost: no narrower than a day, no
/// wider than a few times everything, and always overlapping the data.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Limits {
    /// Where the data is, UTC ms.
    pub extent: (f64, f64),
    /// The narrowest span shown, ms.
    pub min_span: f64,
    /// The widest span shown, ms.
    pub max_span: f64,
}

impl Limits {
    /// Limits for data covering `extent`: from one day to four times the extent.
    pub fn around(extent: (f64, f64)) -> Limits {
        let day = crate::core::date::DAY_MS;
        let span = (extent.1 - extent.0).max(day);
        Limits { extent, min_span: day, max_span: (span * 4.0).max(day * 30.0) }
    }

    /// `s` brought within the limits: its span clamped about `pivot`, then shifted so that
    /// at least half of the view still shows data, or all of the data where it is narrower.
    pub fn clamp(&self, s: TimeScale, pivot: f64) -> TimeScale {
        let (mut a, mut b) = s.domain;
        let span = b - a;
        let want = within(span, self.min_span, self.max_span);
        if want != span || span.is_nan() || span <= 0.0 {
            let f = if span > 0.0 { (pivot - a) / span } else { 0.5 };
            a = pivot - want * within(f, 0.0, 1.0);
            b = a + want;
        }
        let (w, (e0, e1)) = (b - a, self.extent);
        let shift = if e1 - e0 <= w {
            // All the data fits: keep all of it in view.
            if a > e0 {
                e0 - a
            } else if b < e1 {
                e1 - b
            } else {
                0.0
            }
        } else if a < e0 - w / 2.0 {
            // Otherwise at least half the view shows data.
            e0 - w / 2.0 - a
        } else if b > e1 + w / 2.0 {
            e1 + w / 2.0 - b
        } else {
            0.0
        };
        TimeScale::new((a + shift, b + shift), s.range)
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

    fn limits() -> Limits {
        Limits::around((ms(1974, 1, 1), ms(2023, 1, 1)))
    }

    #[test]
    fn zoom_keeps_the_time_under_the_cursor() {
        let s = TimeScale::new((ms(1970, 1, 1), ms(2030, 1, 1)), (0.0, 1000.0));
        for anchor in [0.0, 250.0, 613.0, 1000.0] {
            let z = s.zoom(2.0, anchor, &limits());
            assert!((z.t(anchor) - s.t(anchor)).abs() < 1.0, "anchor {anchor}");
            let span = z.domain.1 - z.domain.0;
            assert!((span - (s.domain.1 - s.domain.0) / 2.0).abs() < 1.0);
            let back = z.zoom(0.5, anchor, &limits());
            assert!(
                (back.domain.0 - s.domain.0).abs() < 1.0
                    && (back.domain.1 - s.domain.1).abs() < 1.0
            );
        }
        assert_eq!(s.zoom(f64::NAN, 10.0, &limits()), s);
        assert_eq!(s.zoom(0.0, 10.0, &limits()), s);
    }

    #[test]
    fn zoom_stops_at_a_day_and_at_a_few_times_everything() {
        let l = limits();
        let mut s = TimeScale::new((ms(2000, 1, 1), ms(2001, 1, 1)), (0.0, 1000.0));
        for _ in 0..100 {
            s = s.zoom(3.0, 500.0, &l);
        }
        assert!((s.domain.1 - s.domain.0 - l.min_span).abs() < 1.0);
        for _ in 0..100 {
            s = s.zoom(1.0 / 3.0, 500.0, &l);
        }
        assert!((s.domain.1 - s.domain.0 - l.max_span).abs() < 1.0);
    }

    #[test]
    fn pan_moves_by_pixels_and_never_loses_the_data() {
        let l = limits();
        let s = TimeScale::new((ms(1990, 1, 1), ms(2000, 1, 1)), (0.0, 1000.0));
        let p = s.pan(100.0, &l);
        assert!((p.x(ms(1995, 1, 1)) - (s.x(ms(1995, 1, 1)) - 100.0)).abs() < 1e-6);
        // However far one drags, part of the data stays in view.
        for dx in [1e9, -1e9] {
            let far = s.pan(dx, &l);
            let visible = far.domain.1.min(l.extent.1) - far.domain.0.max(l.extent.0);
            assert!(visible > 0.0, "dragged {dx}");
        }
        assert_eq!(s.pan(f64::INFINITY, &l), s);
    }

    #[test]
    fn reveal_brings_an_interval_into_view_without_zooming() {
        let l = limits();
        let s = TimeScale::new((ms(1990, 1, 1), ms(2000, 1, 1)), (0.0, 1000.0));
        let r = s.reveal(ms(2005, 1, 1), ms(2006, 1, 1), 20.0, &l);
        assert!(r.x(ms(2006, 1, 1)) <= 980.0 + 1e-6 && r.x(ms(2005, 1, 1)) >= 20.0 - 1e-6);
        assert!(((r.domain.1 - r.domain.0) - (s.domain.1 - s.domain.0)).abs() < 1.0);
        assert_eq!(s.reveal(ms(1995, 1, 1), ms(1996, 1, 1), 20.0, &l), s, "already visible");
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
