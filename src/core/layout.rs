//! Timeline geometry as pure functions: lane stacking (as vis-timeline's `Stack.js`, greedy
//! first-fit in start order, which is optimal for intervals) and mark placement with labels.

use crate::core::date::DateSpec;
use crate::core::model::{sort_indices, End, Timeline};
use crate::core::scale::TimeScale;
use crate::core::ticks::{axis, Axis};

/// Assigns each span `(x0, x1)` a lane so that spans in one lane are at least `gap` apart.
/// Returns the lane of each span, in input order. First-fit in order of `x0` uses as few lanes
/// as the deepest overlap, which is the minimum possible.
pub fn stack(spans: &[(f64, f64)], gap: f64) -> Vec<usize> {
    stack_within(spans, gap, usize::MAX).unwrap_or_default()
}

/// [`stack`], giving up (None) as soon as a span would need lane `limit` or beyond: asking
/// whether marks fit in a few lanes then costs a few comparisons per span, however crowded.
pub fn stack_within(spans: &[(f64, f64)], gap: f64, limit: usize) -> Option<Vec<usize>> {
    let mut order: Vec<usize> = (0..spans.len()).collect();
    sort_indices(&mut order, &|i| (spans[i].0, 0.0));
    let mut lane_end: Vec<f64> = Vec::new();
    let mut lanes = vec![0; spans.len()];
    for i in order {
        let (x0, x1) = spans[i];
        let lane = match lane_end.iter().position(|&end| end + gap <= x0) {
            Some(l) => l,
            None if lane_end.len() < limit => {
                lane_end.push(f64::NEG_INFINITY);
                lane_end.len() - 1
            }
            None => return None,
        };
        lane_end[lane] = x1.max(x0);
        lanes[i] = lane;
    }
    Some(lanes)
}

/// An estimate, from above, of the width in pixels of `s` in the app's sans-serif font at
/// `px` size. Estimating wide keeps labels apart without measuring the DOM.
pub fn text_width(s: &str, px: f64) -> f64 {
    s.chars()
        .map(|c| match c {
            'i' | 'j' | 'l' | '.' | ',' | '\'' | '’' | '|' | '!' | ':' | ';' | ' ' | 'I' => 0.32,
            'f' | 't' | 'r' | '(' | ')' | '-' => 0.42,
            'm' | 'w' | 'M' | 'W' | '—' | '–' => 0.92,
            c if c.is_ascii_uppercase() || c.is_ascii_digit() => 0.68,
            c if c.is_ascii() => 0.58,
            _ => 1.0,
        })
        .sum::<f64>()
        * px
}

/// How a mark is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// A dated point, exact to its precision.
    Point,
    /// A closed range.
    Range,
    /// A range still going on: drawn open at its end.
    Ongoing,
    /// An imprecise date ("the early 2000s"): drawn as a soft band, never as a point.
    Fuzzy,
    /// A count bubble standing for this many events too close together to label.
    Cluster(usize),
}

/// One event placed on the timeline.
#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    /// Index of the event in the timeline.
    pub event: usize,
    /// How it is drawn.
    pub shape: Shape,
    /// Left and right edge of the shape, px.
    pub x0: f64,
    /// Right edge of the shape.
    pub x1: f64,
    /// For a range whose start is imprecise ("since the early 2000s"), where the imprecise
    /// start band ends; the range is drawn soft up to here.
    pub fuzzy_x1: Option<f64>,
    /// Vertical centre of its lane, px.
    pub y: f64,
    /// The label, in full: also the control's accessible name, so that what is seen is what
    /// is announced.
    pub label: String,
    /// Where there is no room for the whole label, the x-range it is clipped to.
    pub clip: Option<(f64, f64)>,
    /// Where the label is anchored, px.
    pub label_x: f64,
    /// True when the label sits left of the shape, anchored at its end.
    pub label_left: bool,
    /// Horizontal extent of shape and label together: what must not overlap, and what
    /// responds to the pointer.
    pub span: (f64, f64),
    /// The time the mark covers, UTC ms; for a bubble, from its first to its last event:
    /// what zooming in on it shows.
    pub time: (f64, f64),
}

/// A track band: its name and vertical extent.
#[derive(Clone, Debug, PartialEq)]
pub struct Band {
    /// Index of the track.
    pub track: usize,
    /// How many dated events the track has.
    pub count: usize,
    /// True when the reader folded the track away: only its title shows.
    pub collapsed: bool,
    /// Top of the band, px.
    pub y0: f64,
    /// Bottom of the band, px.
    pub y1: f64,
}

/// Everything the timeline component draws.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    /// Total width and height, px.
    pub width: f64,
    /// Total height.
    pub height: f64,
    /// The time scale used.
    pub scale: TimeScale,
    /// The two-level time axis.
    pub axis: Axis,
    /// How many dated events lie outside the view (and are not drawn).
    pub hidden: usize,
    /// Track bands, top to bottom.
    pub bands: Vec<Band>,
    /// Placed marks, in chronological order.
    pub marks: Vec<Mark>,
}

/// Sizes of the drawing, px.
pub mod metrics {
    /// Space left and right of the time range.
    pub const MARGIN: f64 = 14.0;
    /// Height of the axis area at the top.
    pub const AXIS: f64 = 44.0;
    /// Height of a track's title row.
    pub const BAND_TITLE: f64 = 22.0;
    /// Height of one lane.
    pub const LANE: f64 = 26.0;
    /// Label font size.
    pub const FONT: f64 = 12.0;
    /// Space between a shape and its label, and between neighbours in a lane.
    pub const GAP: f64 = 6.0;
    /// Narrowest a shape is drawn, so that a year stays clickable when zoomed out.
    pub const MIN_SHAPE: f64 = 12.0;
    /// Minimum space between axis labels.
    pub const TICK_SPACING: f64 = 64.0;
    /// Most lanes a track takes before crowded events merge into count bubbles.
    pub const MAX_LANES: usize = 8;
    /// Radius of a count bubble.
    pub const BUBBLE: f64 = 11.0;
}

/// Lanes for placed marks; where a track would need more than [`metrics::MAX_LANES`], nearby
/// marks merge into count bubbles, more widely each round, until it fits. The `pinned` event
/// (the selection) never merges, so that stepping through events always lands on a control.
fn crowd(
    placed: Vec<Mark>,
    label: &dyn Fn(Mark) -> Mark,
    pinned: Option<usize>,
) -> (Vec<Mark>, Vec<usize>) {
    use metrics::*;
    let fit = |p: &[Mark]| {
        let spans: Vec<(f64, f64)> = p.iter().map(|m| m.span).collect();
        stack_within(&spans, GAP, MAX_LANES)
    };
    // A cheap bound first: this many marks cannot fit, whatever the stacking.
    let width = placed.iter().fold(0.0f64, |w, m| w.max(m.span.1));
    if (placed.len() as f64) < MAX_LANES as f64 * (width / 40.0).max(1.0) {
        let all: Vec<Mark> = placed.iter().cloned().map(label).collect();
        if let Some(lanes) = fit(&all) {
            return (all, lanes);
        }
    }
    // Long ranges are readable however many there are; short marks merge first, and long
    // ones too if they alone overflow the lanes (judged by their shapes, before labels).
    let long = |m: &Mark| m.x1 - m.x0 > 8.0 * BUBBLE;
    let shapes: Vec<Mark> = placed.iter().filter(|m| long(m)).cloned().collect();
    let mut all = fit(&shapes).is_none();
    let centre = |i: usize| (placed[i].x0 + placed[i].x1) / 2.0;
    let mut by_x: Vec<usize> = (0..placed.len()).collect();
    sort_indices(&mut by_x, &|i| (centre(i), 0.0));
    let mut radius = 4.0 * BUBBLE;
    // Labels are made once, when a mark first stands alone, and reused in later rounds.
    let mut labels: Vec<Option<Mark>> = vec![None; placed.len()];
    let mut alone = |i: usize| labels[i].get_or_insert_with(|| label(placed[i].clone())).clone();
    loop {
        // Partitioning keeps the order, so both halves stay sorted by position.
        let (keep, order): (Vec<usize>, Vec<usize>) = by_x
            .iter()
            .partition(|&&i| Some(placed[i].event) == pinned || !all && long(&placed[i]));
        let xs: Vec<f64> = order.iter().map(|&i| centre(i)).collect();
        let mut out: Vec<Mark> = keep.iter().map(|&i| alone(i)).collect();
        for c in crate::core::cluster::cluster(&xs, radius) {
            if c.count() == 1 {
                out.push(alone(order[c.members.start]));
                continue;
            }
            let members = &order[c.members.clone()];
            let time = members.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &i| {
                (a.min(placed[i].time.0), b.max(placed[i].time.1))
            });
            let (x0, x1) = (c.x - BUBBLE, c.x + BUBBLE);
            let bubble = Mark {
                event: placed[members[0]].event,
                shape: Shape::Cluster(c.count()),
                x0,
                x1,
                fuzzy_x1: None,
                y: 0.0,
                label: c.count().to_string(),
                clip: None,
                label_x: c.x,
                label_left: false,
                span: (x0, x1),
                time,
            };
            out.push(bubble);
        }
        if let Some(lanes) = fit(&out) {
            return (out, lanes);
        }
        if radius > 1e6 && all {
            let spans: Vec<(f64, f64)> = out.iter().map(|m| m.span).collect();
            let lanes = stack(&spans, GAP);
            return (out, lanes);
        }
        if radius > 1e6 {
            (all, radius) = (true, 4.0 * BUBBLE);
        } else {
            radius *= 2.0;
        }
    }
}

/// `m` with its label placed: right of the shape, or left where there is more room there,
/// clipped where there is no room for all of it; its span grows to hold the label.
fn labelled(mut m: Mark, timeline: &Timeline, width: f64) -> Mark {
    use metrics::*;
    let Some(e) = timeline.events.get(m.event) else { return m };
    let Some(when) = e.when else { return m };
    let full = mark_label(&when.start, when.end, &e.headline);
    let (x0, x1) = (m.x0, m.x1);
    let right_room = width - MARGIN / 2.0 - (x1 + GAP);
    let left_room = x0 - GAP - MARGIN / 2.0;
    let w = text_width(&full, FONT);
    let label_left = w > right_room && left_room > right_room;
    let room = if label_left { left_room } else { right_room }.max(0.0);
    let lw = w.min(room);
    m.clip = (w > room).then_some(if label_left {
        (x0 - GAP - lw, x0 - GAP)
    } else {
        (x1 + GAP, x1 + GAP + lw)
    });
    (m.label_x, m.span) =
        if label_left { (x0 - GAP, (x0 - GAP - lw, x1)) } else { (x1 + GAP, (x0, x1 + GAP + lw)) };
    m.label_left = label_left;
    m.label = full;
    m
}

/// The label of an event on the timeline: its short date and headline, such as
/// "1994–2004 Lavrov, envoy to the UN" or "since 2004 Lavrov, Foreign Minister".
pub fn mark_label(date: &DateSpec, end: End, headline: &str) -> String {
    let date = match end {
        End::Point => date.short_label(),
        End::Until(e) => format!("{}–{}", date.short_label(), e.short_label()),
        End::Ongoing => format!("since {}", date.short_label()),
    };
    format!("{date} {headline}")
}

/// The time domain that fits every dated event of `timeline`, with a little room each side.
pub fn fit_domain(timeline: &Timeline) -> (f64, f64) {
    let spans = timeline
        .chronological
        .iter()
        .filter_map(|&i| timeline.events[i].when.map(|w| w.interval(f64::MIN)));
    TimeScale::extent(spans, 0.04).unwrap_or((0.0, 365.0 * 86_400_000.0))
}

/// Lays out the dated events of `timeline` in a drawing `width` px wide, showing the time
/// `view` (or everything): the two-level axis, and for each track a band of lanes in which no
/// two marks (shapes with their labels) come closer than [`metrics::GAP`]. Only marks in view
/// are placed, so the drawing stays small however many events there are; ongoing ranges run
/// to the right edge.
pub fn layout(timeline: &Timeline, width: f64, view: Option<(f64, f64)>) -> Layout {
    layout_with(timeline, width, view, true, &[], None)
}

/// [`layout`], with count bubbles for crowded tracks only when `cluster` is set (without,
/// every event keeps its own lane however many lanes that takes), the tracks listed in
/// `collapsed` folded to their title, and the `pinned` event never merged into a bubble.
pub fn layout_with(
    timeline: &Timeline,
    width: f64,
    view: Option<(f64, f64)>,
    cluster: bool,
    collapsed: &[usize],
    pinned: Option<usize>,
) -> Layout {
    use metrics::*;
    let width = width.max(200.0);
    let dated = &timeline.chronological;
    let domain = view.unwrap_or_else(|| fit_domain(timeline));
    let scale = TimeScale::new(domain, (MARGIN, width - MARGIN));
    let axis = axis(&scale, TICK_SPACING, FONT);
    let mut hidden = 0;

    let mut marks = Vec::new();
    let mut bands = Vec::new();
    let mut y = AXIS;
    for track in 0..timeline.tracks.len() {
        let members: Vec<usize> =
            dated.iter().copied().filter(|&i| timeline.events[i].track == track).collect();
        if members.is_empty() {
            continue;
        }
        if collapsed.contains(&track) {
            let top = y;
            y += BAND_TITLE + GAP;
            bands.push(Band { track, count: members.len(), collapsed: true, y0: top, y1: y });
            continue;
        }
        let mut placed = Vec::new();
        for &i in &members {
            let e = &timeline.events[i];
            let Some(when) = e.when else { continue };
            let (a, b) = when.interval(domain.1);
            let shape = match when.end {
                End::Ongoing => Shape::Ongoing,
                End::Until(_) => Shape::Range,
                End::Point if when.start.is_imprecise() => Shape::Fuzzy,
                End::Point => Shape::Point,
            };
            let (mut x0, mut x1) = (scale.x(a), scale.x(b));
            if shape == Shape::Ongoing {
                x1 = x1.max(width - MARGIN);
            }
            if x1 < 0.0 || x0 > width {
                hidden += 1;
                continue;
            }
            // Far outside the view, coordinates only need to reach past its edges.
            (x0, x1) = (x0.max(-MARGIN), x1.min(width + MARGIN));
            if x1 - x0 < MIN_SHAPE {
                let mid = (x0 + x1) / 2.0;
                (x0, x1) = (mid - MIN_SHAPE / 2.0, mid + MIN_SHAPE / 2.0);
            }
            let fuzzy_x1 = (when.is_range() && when.start.is_imprecise())
                .then(|| crate::core::scale::within(scale.x(when.start.interval().1), x0, x1));
            // The label comes later, and only for marks that are not merged into a bubble:
            // formatting and measuring ten thousand labels per frame would be wasted.
            placed.push(Mark {
                event: i,
                shape,
                x0,
                x1,
                fuzzy_x1,
                y: 0.0,
                label: String::new(),
                clip: None,
                label_x: x1,
                label_left: false,
                span: (x0, x1),
                time: (a, b),
            });
        }
        let label = |m: Mark| labelled(m, timeline, width);
        let (placed, lanes) = if cluster {
            crowd(placed, &label, pinned)
        } else {
            let placed: Vec<Mark> = placed.into_iter().map(label).collect();
            let spans: Vec<(f64, f64)> = placed.iter().map(|m| m.span).collect();
            let lanes = stack(&spans, GAP);
            (placed, lanes)
        };
        let count = lanes.iter().max().map_or(0, |m| m + 1);
        let top = y;
        y += BAND_TITLE;
        for (mut m, lane) in placed.into_iter().zip(lanes) {
            m.y = y + LANE * (lane as f64 + 0.5);
            marks.push(m);
        }
        y += LANE * count as f64 + GAP;
        bands.push(Band { track, count: members.len(), collapsed: false, y0: top, y1: y });
    }
    // Chronological order, which is also the order of keyboard navigation.
    let mut rank = vec![0; timeline.events.len()];
    for (r, &i) in dated.iter().enumerate() {
        rank[i] = r;
    }
    let mut order: Vec<usize> = (0..marks.len()).collect();
    sort_indices(&mut order, &|k| (rank[marks[k].event] as f64, 0.0));
    let mut slots: Vec<Option<Mark>> = marks.into_iter().map(Some).collect();
    let marks = order.into_iter().filter_map(|k| slots[k].take()).collect();
    Layout { width, height: y + GAP, scale, axis, hidden, bands, marks }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            crate::core::xorshift(&mut self.0)
        }
        fn f(&mut self, max: f64) -> f64 {
            (self.next() % 1_000_000) as f64 / 1_000_000.0 * max
        }
    }

    fn depth(spans: &[(f64, f64)], gap: f64) -> usize {
        // Deepest overlap of the spans widened by the gap: the least number of lanes possible.
        spans
            .iter()
            .map(|&(x, _)| spans.iter().filter(|&&(a, b)| a <= x && x < b.max(a) + gap).count())
            .max()
            .unwrap_or(0)
    }

    #[test]
    fn lanes_never_overlap_and_are_minimal_on_random_inputs() {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        for round in 0..2000 {
            let n = (rng.next() % 40) as usize;
            let gap = rng.f(10.0);
            let spans: Vec<(f64, f64)> = (0..n)
                .map(|_| {
                    let a = rng.f(1000.0);
                    (a, a + rng.f(if round % 2 == 0 { 50.0 } else { 400.0 }))
                })
                .collect();
            let lanes = stack(&spans, gap);
            for i in 0..n {
                for j in i + 1..n {
                    if lanes[i] == lanes[j] {
                        let (a, b) = (spans[i], spans[j]);
                        assert!(a.1 + gap <= b.0 || b.1 + gap <= a.0, "overlap in round {round}");
                    }
                }
            }
            let used = lanes.iter().max().map_or(0, |m| m + 1);
            assert_eq!(used, depth(&spans, gap), "round {round}");
        }
    }

    fn synthetic(n: usize) -> Timeline {
        use crate::core::model::{DatasetJson, DateJson, EventJson, Track, FORMAT_VERSION};
        let mut text = String::new();
        let mut events = Vec::new();
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        for i in 0..n {
            crate::core::xorshift(&mut seed);
            let year = 1900 + (seed % 126) as i32;
            let (month, day) = (1 + (seed >> 8) % 12, 1 + (seed >> 16) % 28);
            let date = format!("{year}-{month:02}-{day:02}");
            let offset = text.len();
            let sentence = format!("Event {i} happened on {date}. ");
            text.push_str(&sentence);
            events.push(EventJson {
                id: format!("e{i}"),
                start: Some(DateJson::Plain(date)),
                end: (i % 5 == 0).then(|| {
                    DateJson::Plain((year + 1 + ((seed >> 20) % 10) as i32).min(2025).to_string())
                }),
                ongoing: false,
                stated: year.to_string(),
                headline: format!("Event {i}"),
                summary: String::new(),
                track: "t".into(),
                passages: vec![crate::core::anchor::Quote::at(
                    &text,
                    offset..offset + sentence.len() - 1,
                )],
            });
        }
        let raw = DatasetJson {
            version: FORMAT_VERSION,
            title: "Synthetic".into(),
            source: None,
            reference_date: None,
            tracks: vec![Track { id: "t".into(), label: "T".into() }],
            events,
            undated: vec![],
            text: None,
        };
        Timeline::from_json(raw, text).unwrap()
    }

    #[test]
    fn crowded_tracks_merge_into_bubbles_within_the_lane_limit() {
        let t = synthetic(10_000);
        let l = layout(&t, 1000.0, None);
        let lanes = |l: &Layout| {
            l.bands
                .iter()
                .map(|b| (b.y1 - b.y0 - metrics::BAND_TITLE - metrics::GAP) / metrics::LANE)
                .fold(0.0, f64::max)
        };
        assert!(lanes(&l) <= metrics::MAX_LANES as f64, "{} lanes", lanes(&l));
        let counted: usize = l
            .marks
            .iter()
            .map(|m| match m.shape {
                Shape::Cluster(n) => n,
                _ => 1,
            })
            .sum();
        assert_eq!(counted + l.hidden, 10_000, "every event is drawn, in a bubble or alone");
        assert!(l.marks.len() < 500, "few elements for the DOM: {}", l.marks.len());
        // Zooming in spreads the bubbles apart.
        let mid =
            t.events[t.chronological[5000]].when.map(|w| w.interval(0.0).0).unwrap_or_default();
        let zoomed = layout(&t, 1000.0, Some((mid, mid + 30.0 * 86_400_000.0)));
        assert!(zoomed.marks.iter().any(|m| !matches!(m.shape, Shape::Cluster(_))));
        // A folded track keeps its title and loses its marks.
        let folded = layout_with(&t, 1000.0, None, true, &[0], None);
        assert!(folded.marks.is_empty());
        let band = folded.bands.first().map(|b| (b.collapsed, b.count, b.y1 - b.y0));
        assert_eq!(band, Some((true, 10_000, metrics::BAND_TITLE + metrics::GAP)));
        // A sparse timeline has no bubbles.
        let small = layout(&synthetic(10), 1000.0, None);
        assert!(small.marks.iter().all(|m| !matches!(m.shape, Shape::Cluster(_))));
    }

    #[test]
    fn text_width_grows_with_text() {
        assert!(text_width("1994 Partnership for Peace", 12.0) > text_width("1994", 12.0));
        assert_eq!(text_width("", 12.0), 0.0);
    }
}
