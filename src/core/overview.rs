//! Two more ways to see a timeline, as pure geometry: the overview strip (the whole span at a
//! glance, with where the events fall and the visible window as a brush) and the reading-order
//! plot (where the article mentions each event, against when it happened).

use crate::core::layout::{fit_domain, metrics};
use crate::core::model::Timeline;
use crate::core::scale::{Limits, TimeScale};
use crate::core::ticks::{axis, Axis};

/// The overview strip.
#[derive(Clone, Debug, PartialEq)]
pub struct Overview {
    /// The whole span onto the strip's width.
    pub scale: TimeScale,
    /// Event density: for each run of neighbouring bins with the same count, its left edge
    /// and width in px, and its height as a share of the tallest (square-root scaled, so that
    /// a lone event still shows). Runs rather than bins: a long period covers many bins, and
    /// one bar for it keeps the drawing (and the page it is prerendered into) small.
    pub bars: Vec<(f64, f64, f64)>,
}

impl Overview {
    /// The brush for the time `view`, px: where it lies on the strip, cut to the strip.
    pub fn brush(&self, view: (f64, f64)) -> (f64, f64) {
        let width = self.scale.range.1 + metrics::MARGIN;
        let (a, b) = (self.scale.x(view.0).max(0.0), self.scale.x(view.1).min(width));
        (a.min(b), b.max(a))
    }
}

/// The overview of `t` in a strip `width` px wide. Points count in the bin of their start;
/// ranges in every bin they cover. It does not depend on the view, so it is made once per
/// timeline and width, and only the brush moves.
pub fn overview(t: &Timeline, width: f64, bins: usize) -> Overview {
    let width = width.max(200.0);
    let whole = fit_domain(t);
    let scale = TimeScale::new(whole, (metrics::MARGIN, width - metrics::MARGIN));
    let bins = bins.clamp(1, 2000);
    let mut counts = vec![0u32; bins];
    let bin_of = |ms: f64| {
        let f = (ms - scale.domain.0) / (scale.domain.1 - scale.domain.0) * bins as f64;
        // Saturating casts: NaN and far-off times land in the first or last bin.
        (f.max(0.0) as usize).min(bins - 1)
    };
    for &i in &t.chronological {
        let Some(w) = t.events.get(i).and_then(|e| e.when) else { continue };
        let (a, b) = w.interval(whole.1);
        let last = if w.is_range() { bin_of(b) } else { bin_of(a) };
        for c in &mut counts[bin_of(a)..=last.max(bin_of(a))] {
            *c = c.saturating_add(1);
        }
    }
    let top = counts.iter().copied().max().unwrap_or(0).max(1) as f64;
    let step = (scale.range.1 - scale.range.0) / bins as f64;
    let mut bars = Vec::new();
    let mut k = 0;
    for run in counts.chunk_by(|a, b| a == b) {
        if run[0] > 0 {
            let x = scale.range.0 + k as f64 * step;
            bars.push((x, run.len() as f64 * step, (f64::from(run[0]) / top).sqrt()));
        }
        k += run.len();
    }
    Overview { scale, bars }
}

/// The view after dragging the brush of `view` by `dx` px on the strip `scale`: the same span,
/// shifted, kept within `limits`.
pub fn dragged(view: (f64, f64), dx: f64, scale: &TimeScale, limits: &Limits) -> (f64, f64) {
    let dt = if dx.is_finite() { dx / scale.k() } else { 0.0 };
    let moved = TimeScale::new((view.0 + dt, view.1 + dt), scale.range);
    limits.clamp(moved, (moved.domain.0 + moved.domain.1) / 2.0).domain
}

/// The view of the same span as `view`, centred on pixel `x` of the strip `scale`: what a
/// click beside the brush does.
pub fn centred(view: (f64, f64), x: f64, scale: &TimeScale, limits: &Limits) -> (f64, f64) {
    let mid = (view.0 + view.1) / 2.0;
    dragged(view, (scale.t(x) - mid) * scale.k(), scale, limits)
}

/// One mention in the reading-order plot: a passage of an event, or several close together.
#[derive(Clone, Debug, PartialEq)]
pub struct Dot {
    /// The event, and which of its passages.
    pub event: usize,
    /// Index of the passage among the event's passages.
    pub passage: usize,
    /// Where it happened, px: the start, and for ranges the end.
    pub x: (f64, f64),
    /// Where the article mentions it, px from the top.
    pub y: f64,
    /// How many mentions it stands for: close ones merge so the plot stays light.
    pub count: usize,
}

/// The reading-order plot.
#[derive(Clone, Debug, PartialEq)]
pub struct Reading {
    /// Width and height, px.
    pub width: f64,
    /// Height.
    pub height: f64,
    /// The time axis along the top.
    pub axis: Axis,
    /// The mentions, in reading order.
    pub dots: Vec<Dot>,
    /// Where each source's text starts, px from the top: one row per source, read one after
    /// the other.
    pub starts: Vec<f64>,
}

/// Height of the reading-order plot's time axis, px.
pub const READING_AXIS: f64 = 40.0;

/// The reading-order plot of `t`, `width` × `height` px: time runs left to right as on the
/// timeline, the article top to bottom as it is read. Mentions closer than `cell` px merge
/// into one dot, except those of the `selected` event, which always stand alone.
pub fn reading(
    t: &Timeline,
    width: f64,
    height: f64,
    cell: f64,
    selected: Option<usize>,
) -> Reading {
    let (width, height) = (width.max(200.0), height.max(120.0));
    let scale = TimeScale::new(fit_domain(t), (metrics::MARGIN, width - metrics::MARGIN));
    let axis = axis(&scale, metrics::TICK_SPACING, metrics::FONT);
    let len = t.text.len().max(1) as f64;
    let (top, bottom) = (READING_AXIS, height - metrics::GAP);
    let y_of = |at: usize| top + (bottom - top) * at as f64 / len;
    let mut all: Vec<Dot> = Vec::new();
    for &i in &t.chronological {
        let Some(e) = t.events.get(i) else { continue };
        let Some(w) = e.when else { continue };
        let (a, b) = w.interval(scale.domain.1);
        let x = if w.is_range() {
            (scale.x(a), scale.x(b))
        } else {
            (scale.x((a + b) / 2.0), scale.x((a + b) / 2.0))
        };
        for (n, p) in e.passages.iter().enumerate() {
            let y = y_of(p.range.start);
            all.push(Dot { event: i, passage: n, x, y, count: 1 });
        }
    }
    let mut order: Vec<usize> = (0..all.len()).collect();
    crate::core::model::sort_indices(&mut order, &|k| (all[k].y, all[k].x.0));
    let cell = cell.max(1.0);
    // Merged by grid cell, the first mention in reading order standing for the others. The
    // cells are grouped by the app's one sort rather than in a hash map: with
    // `first_duplicate`'s, this keeps the page's wasm free of hash tables of the app's own
    // (about 0.5 KB gzipped). Ties sort by reading position: a cell's first mention heads it.
    let cell_of = |d: &Dot| ((d.x.0 / cell).floor(), (d.y / cell).floor());
    let mut by_cell: Vec<usize> =
        (0..order.len()).filter(|&p| Some(all[order[p]].event) != selected).collect();
    crate::core::model::sort_indices(&mut by_cell, &|p| cell_of(&all[order[p]]));
    // A cell's first dot counts the others, which then count 0 and are left out.
    let mut head = (usize::MAX, (f64::NAN, f64::NAN));
    for p in by_cell {
        let (k, at) = (order[p], cell_of(&all[order[p]]));
        if at == head.1 {
            all[head.0].count += 1;
            all[k].count = 0;
        } else {
            head = (k, at);
        }
    }
    let dots = order.iter().map(|&k| all[k].clone()).filter(|d| d.count > 0).collect();
    let starts = t.sources.iter().map(|s| y_of(s.range.start)).collect();
    Reading { width, height, axis, dots, starts }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::Timeline;

    fn seed() -> Timeline {
        let json = include_str!("../../assets/events.json");
        Timeline::load(json, include_str!("../../assets/article.txt")).expect("seed")
    }

    #[test]
    fn the_overview_counts_every_dated_event_and_brushes_the_view() {
        let t = seed();
        let o = overview(&t, 800.0, 100);
        assert!(!o.bars.is_empty());
        assert!(o
            .bars
            .iter()
            .all(|&(x, w, h)| x >= 0.0 && x + w <= 800.0 + 1e-6 && h > 0.0 && h <= 1.0));
        assert!(o.bars.iter().any(|b| b.2 == 1.0), "the tallest bar is full height");
        // Neighbouring bins of the same count are one bar: no two touching bars are as tall.
        for p in o.bars.windows(2) {
            let touching = (p[0].0 + p[0].1 - p[1].0).abs() < 1e-6;
            assert!(!(touching && p[0].2 == p[1].2), "{p:?}");
        }
        // Every bin is still covered: the bars' widths add up to what the bins of events span.
        let covered: f64 = o.bars.iter().map(|b| b.1).sum();
        assert!(covered > 0.0 && covered <= 800.0);
        // Everything in view: the brush spans the strip's data range.
        let all = o.brush(o.scale.domain);
        assert!((all.0 - o.scale.range.0).abs() < 1e-6 && (all.1 - o.scale.range.1).abs() < 1e-6);
        // A narrower view gives a narrower brush at the right place.
        let (a, b) = o.scale.domain;
        let mid = (a + b) / 2.0;
        let half = (b - a) / 10.0;
        let z = o.brush((mid - half, mid + half));
        assert!((z.1 - z.0 - 0.2 * (o.scale.range.1 - o.scale.range.0)).abs() < 1e-6);
        assert!((((z.0 + z.1) / 2.0) - 400.0).abs() < 1e-6);
        // A view wider than the data is cut to the strip.
        assert_eq!(o.brush((a - (b - a), b + (b - a))), (0.0, 800.0));
    }

    #[test]
    fn dragging_the_brush_pans_by_the_strip_scale_within_limits() {
        let scale = TimeScale::new((0.0, 1000.0 * 86_400_000.0), (0.0, 1000.0));
        let limits = Limits::around(scale.domain);
        let day = 86_400_000.0;
        let view = (100.0 * day, 200.0 * day);
        let moved = dragged(view, 50.0, &scale, &limits);
        assert!((moved.0 - 150.0 * day).abs() < 1.0 && (moved.1 - 250.0 * day).abs() < 1.0);
        // The span never changes, and the view cannot leave the data.
        let far = dragged(view, 1e9, &scale, &limits);
        assert!((far.1 - far.0 - 100.0 * day).abs() < 1.0);
        assert!(far.0 < scale.domain.1);
        assert_eq!(dragged(view, f64::NAN, &scale, &limits), view);
        let c = centred(view, 500.0, &scale, &limits);
        assert!(((c.0 + c.1) / 2.0 - 500.0 * day).abs() < 1.0);
    }

    #[test]
    fn the_reading_plot_has_a_dot_per_mention_in_reading_order() {
        let t = seed();
        let mentions: usize = t.chronological.iter().map(|&i| t.events[i].passages.len()).sum();
        let r = reading(&t, 800.0, 400.0, 0.5, None);
        assert_eq!(r.dots.len(), mentions);
        assert!(r.dots.windows(2).all(|w| w[0].y <= w[1].y), "top to bottom as the article reads");
        assert!(r.dots.iter().all(|d| d.y >= READING_AXIS && d.y <= 400.0));
        // Later events sit further right.
        let x_of = |id: &str| r.dots.iter().find(|d| t.events[d.event].id == id).map(|d| d.x.0);
        assert!(x_of("cyprus-buffer-zone-1974") < x_of("full-scale-invasion-2022"));
        // Coarse cells merge mentions, but never the selected event's, and lose none.
        let sel = t.find("full-scale-invasion-2022");
        let merged = reading(&t, 800.0, 400.0, 400.0, sel);
        assert!(merged.dots.len() < mentions);
        assert_eq!(merged.dots.iter().map(|d| d.count).sum::<usize>(), mentions);
        let own = merged.dots.iter().filter(|d| Some(d.event) == sel).count();
        assert_eq!(own, t.events[sel.unwrap()].passages.len());
    }

    #[test]
    fn the_reading_plot_has_a_row_per_source_in_reading_order() {
        let json = include_str!("../../tests/data/two-sources.json");
        let t = Timeline::import(json).expect("two sources");
        let r = reading(&t, 800.0, 360.0, 6.0, None);
        assert_eq!(r.starts.len(), 2);
        assert_eq!(r.starts[0], READING_AXIS, "the first source starts at the top");
        // B's row starts below A's, and each source's mentions lie in its own row.
        assert!(r.starts[1] > r.starts[0]);
        for d in &r.dots {
            let source = t.events[d.event].passages[d.passage].source;
            assert_eq!(d.y >= r.starts[1], source == 1, "{}", t.events[d.event].id);
        }
        assert_eq!(reading(&seed(), 800.0, 360.0, 6.0, None).starts, [READING_AXIS]);
    }
}
