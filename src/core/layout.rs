//! Timeline geometry as pure functions: lane stacking (as vis-timeline's `Stack.js`, greedy
//! first-fit in start order, which is optimal for intervals) and mark placement with labels.

use crate::core::date::DateSpec;
use crate::core::model::{sort_indices, End, Timeline};
use crate::core::scale::TimeScale;
use crate::core::ticks::{axis, Axis};
use std::ops::Range;

/// Assigns each span `(x0, x1)` a lane so that spans in one lane are at least `gap` apart.
/// Returns the lane of each span, in input order. First-fit in order of `x0` uses as few lanes
/// as the deepest overlap, which is the minimum possible.
pub fn stack(spans: &[(f64, f64)], gap: f64) -> Vec<usize> {
    stack_within(spans, gap, usize::MAX).unwrap_or_default()
}

/// [`stack`], giving up (None) as soon as a span would need lane `limit` or beyond: asking
/// whether marks fit in a few lanes then costs a few comparisons per span, however crowded.
pub fn stack_within(spans: &[(f64, f64)], gap: f64, limit: usize) -> Option<Vec<usize>> {
    first_fit(spans, gap, limit, true).into_iter().collect()
}

/// First-fit lanes in order of `x0`, at most `limit` of them. A span that finds no lane gets
/// None and takes none, so that the spans after it are placed as if it were not there: what
/// crowds a track is then told apart from what fits. With `give_up`, the first such span
/// ends the work (its None is all the answer holds).
fn first_fit(spans: &[(f64, f64)], gap: f64, limit: usize, give_up: bool) -> Vec<Option<usize>> {
    let mut order: Vec<usize> = (0..spans.len()).collect();
    sort_indices(&mut order, &|i| (spans[i].0, 0.0));
    let mut lane_end: Vec<f64> = Vec::new();
    let mut lanes = vec![None; spans.len()];
    for i in order {
        let (x0, x1) = spans[i];
        let lane = match lane_end.iter().position(|&end| end + gap <= x0) {
            Some(l) => l,
            None if lane_end.len() < limit => {
                lane_end.push(f64::NEG_INFINITY);
                lane_end.len() - 1
            }
            None if give_up => return vec![None],
            None => continue,
        };
        lane_end[lane] = x1.max(x0);
        lanes[i] = Some(lane);
    }
    lanes
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

/// An estimate, from above, of the width in pixels of `s` in the app's sans-serif font in
/// bold at `px` size: the widths of DejaVu Sans Bold (the widest of the usual system fonts,
/// and Linux's fallback), rounded up by kind of character. The selected label is drawn bold,
/// so a label's room and its outline are reserved for this width: selecting an event then
/// neither moves its neighbours nor lets its text out of its box.
pub fn bold_text_width(s: &str, px: f64) -> f64 {
    s.chars()
        .map(|c| match c {
            ' ' => 0.35,
            'i' | 'j' | 'l' | 'I' | 'J' | '.' | ',' | '\'' | '’' | '|' | ':' | ';' => 0.40,
            'f' | 't' | 'r' | '(' | ')' | '-' | '!' | '/' | '–' => 0.50,
            'c' | 's' | 'z' => 0.60,
            'k' | 'v' | 'x' | 'y' => 0.67,
            'a' | 'e' | 'o' => 0.69,
            'm' | 'w' | 'M' | 'W' | '—' | '%' | '@' => 1.11,
            '&' | '+' | '<' | '=' | '>' | '^' | '~' | '#' => 0.88,
            'E' | 'F' | 'L' | 'T' => 0.70,
            'A' | 'B' | 'C' | 'K' | 'P' | 'R' | 'S' | 'V' | 'X' | 'Y' | 'Z' => 0.78,
            c if c.is_ascii_digit() => 0.70,
            c if c.is_ascii_uppercase() => 0.86,
            c if c.is_ascii() => 0.72,
            // Latin-1 and Latin Extended letters (accented), as wide as the widest capitals.
            // A range rather than `is_alphabetic`, whose Unicode table would cost the page's
            // wasm several KB.
            '\u{c0}'..='\u{24f}' => 0.86,
            _ => 1.0,
        })
        .sum::<f64>()
        * px
}

/// The width reserved for a mark's label text: its bold estimate at the label size.
pub fn label_width(s: &str) -> f64 {
    bold_text_width(s, metrics::FONT)
}

/// The label `full` as it fits `room` px (by [`label_width`]): whole where it fits, otherwise
/// its longest start in whole words ended with "…"; "…" alone where not even the first word
/// fits, and empty where not even that does. Whole words, because the label's full text is the
/// control's accessible name, and what is seen must be found in it word for word (WCAG 2.5.3,
/// Label in Name): a speech user says what they see.
pub fn shortened(full: &str, room: f64) -> String {
    if label_width(full) <= room {
        return full.to_string();
    }
    let ellipsis = label_width("…");
    let mut used = 0.0;
    let mut end = 0;
    for (at, c) in full.char_indices() {
        if c.is_whitespace() {
            end = at;
        }
        used += bold_text_width(c.encode_utf8(&mut [0; 4]), metrics::FONT);
        if used + ellipsis > room {
            break;
        }
    }
    // A comma or a dash before the ellipsis reads as a stray mark: the cut goes before it.
    let kept = full[..end].trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, ',' | ';' | ':' | '–' | '—' | '-')
    });
    if kept.is_empty() && ellipsis > room {
        String::new()
    } else {
        format!("{kept}…")
    }
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
    /// The label as drawn: in full, or where there is no room for all of it, its start
    /// ended with "…" (see [`shortened`]), so that no label runs past the drawing's edge.
    pub text: String,
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
    /// The eras in view: shaded spans behind the tracks, named in a row under the axis.
    pub eras: Vec<EraBand>,
}

/// An era as drawn: its span clipped to the drawing, and its name as it fits there.
#[derive(Clone, Debug, PartialEq)]
pub struct EraBand {
    /// Left and right edges, px.
    pub x0: f64,
    /// Right edge.
    pub x1: f64,
    /// The name, shortened to the span (the full name is the band's title).
    pub label: String,
    /// The index of the era in the timeline.
    pub era: usize,
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
    /// Most lanes a track takes: a dozen, so that a dozen events keep a label each even where
    /// all of them overlap (on a phone). A track whose labels fit in as many takes no bubble.
    pub const MAX_LANES: usize = 12;
    /// Lanes shared by the tracks too crowded to label every event, which merge into count
    /// bubbles what their share cannot hold. Equal shares, from [`MIN_LANES`] to
    /// [`MAX_LANES`]: one crowded track takes a dozen lanes, three take six each, so that the
    /// drawing stays about a screen tall (18 × 26 px) with the overview strip under it.
    pub const LANE_BUDGET: usize = 18;
    /// The fewest lanes a crowded track gets.
    pub const MIN_LANES: usize = 3;
    /// Radius of a count bubble.
    pub const BUBBLE: f64 = 11.0;
    /// Height of the row naming the eras, under the axis, when there are eras.
    pub const ERA_ROW: f64 = 18.0;
}

/// Lanes for placed marks, at most `limit` of them. Lanes come first: every mark keeps its own
/// label while the track fits. Only where it does not do marks merge into count bubbles, and
/// only there: each round, a mark (or bubble) that finds no lane merges with its nearer
/// neighbour, if that one is closer than a radius that doubles whenever no such merge is left
/// to make. The `pinned` event (the selection) never merges, so that stepping through events
/// always lands on a control.
fn crowd(
    placed: Vec<Mark>,
    label: &dyn Fn(Mark) -> Mark,
    pinned: Option<usize>,
    limit: usize,
) -> (Vec<Mark>, Vec<usize>) {
    use metrics::*;
    // A cheap bound first: this many marks cannot all keep a label, whatever the stacking, so
    // merging starts from runs of close neighbours rather than from every mark measured alone
    // (formatting and measuring ten thousand labels per frame would be wasted).
    let width = placed.iter().fold(0.0f64, |w, m| w.max(m.span.1));
    let hopeless = placed.len() as f64 >= limit as f64 * (width / 40.0).max(1.0);
    // Long ranges are readable however many there are; short marks merge first, and long
    // ones too if they alone overflow the lanes (judged by their shapes, before labels).
    let long = |m: &Mark| m.x1 - m.x0 > 8.0 * BUBBLE;
    let shapes: Vec<(f64, f64)> = placed.iter().filter(|m| long(m)).map(|m| (m.x0, m.x1)).collect();
    let mut all = stack_within(&shapes, GAP, limit).is_none();
    let centre = |i: usize| (placed[i].x0 + placed[i].x1) / 2.0;
    let mut by_x: Vec<usize> = (0..placed.len()).collect();
    sort_indices(&mut by_x, &|i| (centre(i), 0.0));
    // Labels are made once, when a mark first stands alone, and reused in later rounds.
    let mut labels: Vec<Option<Mark>> = vec![None; placed.len()];
    loop {
        // Partitioning keeps the order, so both halves stay sorted by position.
        let (keep, order): (Vec<usize>, Vec<usize>) = by_x
            .iter()
            .partition(|&&i| Some(placed[i].event) == pinned || !all && long(&placed[i]));
        let xs: Vec<f64> = order.iter().map(|&i| centre(i)).collect();
        let mut radius = 4.0 * BUBBLE;
        // Runs of neighbours (by position) drawn as one: a mark alone, or a bubble. Where
        // there are too many marks, those crowding closer together than labels are wide, more
        // of them than there are lanes, merge from the start.
        let mut runs: Vec<Range<usize>> = if hopeless {
            crate::core::cluster::cluster(&xs, radius)
                .into_iter()
                .flat_map(|c| match c.count() > limit {
                    true => vec![c.members],
                    false => c.members.map(|k| k..k + 1).collect(),
                })
                .collect()
        } else {
            (0..order.len()).map(|k| k..k + 1).collect()
        };
        let run_x = |r: &Range<usize>| xs[r.clone()].iter().sum::<f64>() / r.len() as f64;
        loop {
            // The rounds handle spans only; marks are made once the runs are settled.
            let mut spans: Vec<(f64, f64)> =
                keep.iter().map(|&i| alone(&mut labels, &placed, label, i).span).collect();
            for r in &runs {
                spans.push(if r.len() == 1 {
                    alone(&mut labels, &placed, label, order[r.start]).span
                } else {
                    let x = run_x(r);
                    (x - BUBBLE, x + BUBBLE)
                });
            }
            let lanes = first_fit(&spans, GAP, limit, false);
            // The marks that found no lane, as runs: a kept mark stands for the run nearest it.
            let nearest = |x: f64| {
                let k = runs.partition_point(|r| run_x(r) < x);
                match k.checked_sub(1) {
                    Some(a) if k == runs.len() || x - run_x(&runs[a]) < run_x(&runs[k]) - x => a,
                    _ => k,
                }
            };
            let crowded: Vec<usize> = (0..spans.len())
                .filter(|&j| lanes[j].is_none())
                .map(|j| j.checked_sub(keep.len()).unwrap_or_else(|| nearest(centre(keep[j]))))
                .filter(|&k| k < runs.len())
                .collect();
            let lanes = if lanes.iter().all(Option::is_some) {
                lanes.into_iter().flatten().collect()
            } else {
                // Each crowded run merges with its nearer neighbour, when that one is within
                // the radius.
                let mut join = vec![false; runs.len().saturating_sub(1)];
                let gap_after = |k: usize| xs[runs[k + 1].start] - xs[runs[k].end - 1];
                for k in crowded {
                    let left = k.checked_sub(1).map(|a| (a, gap_after(a)));
                    let right = (k + 1 < runs.len()).then(|| (k, gap_after(k)));
                    let nearer = match (left, right) {
                        (Some(l), Some(r)) => Some(if l.1 <= r.1 { l } else { r }),
                        (l, r) => l.or(r),
                    };
                    if let Some((j, _)) = nearer.filter(|&(_, gap)| gap < radius) {
                        join[j] = true;
                    }
                }
                if join.contains(&true) {
                    let mut merged: Vec<Range<usize>> = Vec::with_capacity(runs.len());
                    for (k, r) in runs.iter().enumerate() {
                        match merged.last_mut() {
                            Some(last) if k.checked_sub(1).is_some_and(|j| join[j]) => {
                                last.end = r.end
                            }
                            _ => merged.push(r.clone()),
                        }
                    }
                    runs = merged;
                    continue;
                }
                if radius <= 1e6 {
                    radius *= 2.0;
                    continue;
                }
                if !all {
                    all = true;
                    break;
                }
                // Nothing is left to merge: every mark gets a lane, however many that takes.
                stack(&spans, GAP)
            };
            let mut out: Vec<Mark> =
                keep.iter().map(|&i| alone(&mut labels, &placed, label, i).clone()).collect();
            for r in &runs {
                out.push(if r.len() == 1 {
                    alone(&mut labels, &placed, label, order[r.start]).clone()
                } else {
                    bubble(&placed, &order[r.clone()], run_x(r))
                });
            }
            return (out, lanes);
        }
    }
}

/// Mark `i` of `placed` standing alone, with its label: made the first time it is asked for
/// and kept in `cache`, as rounds of merging ask again.
fn alone<'a>(
    cache: &'a mut [Option<Mark>],
    placed: &[Mark],
    label: &dyn Fn(Mark) -> Mark,
    i: usize,
) -> &'a Mark {
    cache[i].get_or_insert_with(|| label(placed[i].clone()))
}

/// A count bubble at `x` standing for the marks `members` of `placed`: its event (what the
/// arrow keys step into) is the first of them, and its time runs from their first to their
/// last.
fn bubble(placed: &[Mark], members: &[usize], x: f64) -> Mark {
    use metrics::BUBBLE;
    let time = members.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &i| {
        (a.min(placed[i].time.0), b.max(placed[i].time.1))
    });
    let (x0, x1) = (x - BUBBLE, x + BUBBLE);
    let count = members.len().to_string();
    Mark {
        event: members.first().map_or(0, |&i| placed[i].event),
        shape: Shape::Cluster(members.len()),
        x0,
        x1,
        fuzzy_x1: None,
        y: 0.0,
        label: count.clone(),
        text: count,
        label_x: x,
        label_left: false,
        span: (x0, x1),
        time,
    }
}

/// `m` with its label placed: right of the shape, or left where it fits only there or where
/// there is more room there; where it fits on neither side, shortened with an ellipsis to the
/// larger room, so that no label runs past the drawing's edges (kept half a margin clear).
/// Its span grows to hold the label as drawn, reserved at bold width (see
/// [`bold_text_width`]).
fn labelled(mut m: Mark, timeline: &Timeline, width: f64) -> Mark {
    use metrics::*;
    let Some(e) = timeline.events.get(m.event) else { return m };
    let Some(when) = e.when else { return m };
    let full = mark_label(&when.start, when.end, &e.headline);
    let (x0, x1) = (m.x0, m.x1);
    let right_room = width - MARGIN / 2.0 - (x1 + GAP);
    let left_room = x0 - GAP - MARGIN / 2.0;
    let w = label_width(&full);
    let label_left = w > right_room && left_room > right_room;
    let room = if label_left { left_room } else { right_room }.max(0.0);
    m.text = shortened(&full, room);
    let lw = label_width(&m.text);
    (m.label_x, m.span) =
        if label_left { (x0 - GAP, (x0 - GAP - lw, x1)) } else { (x1 + GAP, (x0, x1 + GAP + lw)) };
    // A label with no room at all draws nothing; its anchor still stays on the drawing.
    m.label_x = m.label_x.max(0.0).min(width);
    m.label_left = label_left;
    m.label = full;
    m
}

/// A track's marks, laid out before the tracks share out their lanes.
enum Row {
    /// Folded away by the reader: only its title shows.
    Folded,
    /// Every mark labelled, and the lane of each.
    Laid(Vec<Mark>, Vec<usize>),
    /// Too many marks to label them all in [`metrics::MAX_LANES`] lanes, not yet labelled.
    Crowded(Vec<Mark>),
}

/// `placed` labelled, with their lanes, when all of them fit in [`metrics::MAX_LANES`] lanes
/// ([`Row::Laid`]); [`Row::Crowded`] otherwise, or at once where a cheap bound shows they
/// cannot (ten thousand labels would be formatted and measured for nothing).
fn fit_all(placed: Vec<Mark>, label: &dyn Fn(Mark) -> Mark, width: f64) -> Row {
    use metrics::*;
    if placed.len() as f64 >= MAX_LANES as f64 * (width / 40.0).max(1.0) {
        return Row::Crowded(placed);
    }
    let labelled: Vec<Mark> = placed.iter().cloned().map(label).collect();
    let spans: Vec<(f64, f64)> = labelled.iter().map(|m| m.span).collect();
    match stack_within(&spans, GAP, MAX_LANES) {
        Some(lanes) => Row::Laid(labelled, lanes),
        None => Row::Crowded(placed),
    }
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

    // First each track's marks, labelled and stacked where all of them fit; then the tracks
    // too crowded for that share out the lane budget, and merge what their share cannot hold.
    let label = |m: Mark| labelled(m, timeline, width);
    let mut rows = Vec::new();
    for track in 0..timeline.tracks.len() {
        let members: Vec<usize> =
            dated.iter().copied().filter(|&i| timeline.events[i].track == track).collect();
        if members.is_empty() {
            continue;
        }
        if collapsed.contains(&track) {
            rows.push((track, members.len(), Row::Folded));
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
                text: String::new(),
                label_x: x1,
                label_left: false,
                span: (x0, x1),
                time: (a, b),
            });
        }
        let row = if cluster {
            fit_all(placed, &label, width)
        } else {
            let placed: Vec<Mark> = placed.into_iter().map(label).collect();
            let spans: Vec<(f64, f64)> = placed.iter().map(|m| m.span).collect();
            let lanes = stack(&spans, GAP);
            Row::Laid(placed, lanes)
        };
        rows.push((track, members.len(), row));
    }
    let crowded = rows.iter().filter(|r| matches!(r.2, Row::Crowded(_))).count();
    let share = (LANE_BUDGET / crowded.max(1)).clamp(MIN_LANES, MAX_LANES);

    // Eras in view, each named inside its span; alternate eras share the row, so the bands
    // behind them alternate in shade too.
    let eras: Vec<EraBand> = timeline
        .eras
        .iter()
        .enumerate()
        .filter_map(|(era, e)| {
            let (a, b) = e.interval();
            let (x0, x1) = (scale.x(a).max(MARGIN), scale.x(b).min(width - MARGIN));
            (x1 > x0).then(|| EraBand { x0, x1, label: shortened(&e.label, x1 - x0 - 8.0), era })
        })
        .collect();
    let mut marks = Vec::new();
    let mut bands = Vec::new();
    let mut y = AXIS + if timeline.eras.is_empty() { 0.0 } else { ERA_ROW };
    for (track, count, row) in rows {
        let (placed, lanes) = match row {
            Row::Folded => {
                let top = y;
                y += BAND_TITLE + GAP;
                bands.push(Band { track, count, collapsed: true, y0: top, y1: y });
                continue;
            }
            Row::Laid(placed, lanes) => (placed, lanes),
            Row::Crowded(placed) => crowd(placed, &label, pinned, share),
        };
        let used = lanes.iter().max().map_or(0, |m| m + 1);
        let top = y;
        y += BAND_TITLE;
        for (mut m, lane) in placed.into_iter().zip(lanes) {
            m.y = y + LANE * (lane as f64 + 0.5);
            marks.push(m);
        }
        y += LANE * used as f64 + GAP;
        bands.push(Band { track, count, collapsed: false, y0: top, y1: y });
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
    Layout { width, height: y + GAP, scale, axis, hidden, bands, marks, eras }
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

    /// Events at a start date, maybe an end, in a track.
    type Dates = Vec<(String, Option<String>, usize)>;

    /// A timeline of `tracks` tracks with events at `dates`, headed "`headline` i".
    fn timeline_of(
        dates: &[(String, Option<String>, usize)],
        headline: &str,
        tracks: usize,
    ) -> Timeline {
        use crate::core::model::{DatasetJson, DateJson, EventJson, Track};
        let mut text = String::new();
        let mut events = Vec::new();
        for (i, (date, end, track)) in dates.iter().enumerate() {
            let offset = text.len();
            let sentence = format!("Event {i} happened on {date}. ");
            text.push_str(&sentence);
            events.push(EventJson {
                id: format!("e{i}"),
                start: Some(DateJson::Plain(date.clone())),
                end: end.clone().map(DateJson::Plain),
                ongoing: false,
                stated: date.clone(),
                headline: format!("{headline} {i}"),
                summary: String::new(),
                track: format!("t{track}"),
                actors: vec![],
                passages: vec![crate::core::anchor::Quote::at(
                    &text,
                    offset..offset + sentence.len() - 1,
                )],
                dates: vec![],
            });
        }
        let raw = DatasetJson {
            version: 1,
            title: "Synthetic".into(),
            source: None,
            reference_date: None,
            tracks: (0..tracks)
                .map(|k| Track { id: format!("t{k}"), label: format!("T{k}") })
                .collect(),
            eras: vec![],
            actors: vec![],
            events,
            undated: vec![],
            text: None,
            sources: vec![],
        };
        Timeline::from_json(raw, text).unwrap()
    }

    fn synthetic(n: usize) -> Timeline {
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let dates: Dates = (0..n)
            .map(|i| {
                crate::core::xorshift(&mut seed);
                let year = 1900 + (seed % 126) as i32;
                let (month, day) = (1 + (seed >> 8) % 12, 1 + (seed >> 16) % 28);
                let end = (year + 1 + ((seed >> 20) % 10) as i32).min(2025).to_string();
                (format!("{year}-{month:02}-{day:02}"), (i % 5 == 0).then_some(end), 0)
            })
            .collect();
        timeline_of(&dates, "Event", 1)
    }

    /// The seed: a dozen events over half a century, in four tracks.
    fn seed() -> Timeline {
        let (events, article) =
            (include_str!("../../assets/events.json"), include_str!("../../assets/article.txt"));
        Timeline::load(events, article).unwrap()
    }

    /// A dozen events spread unevenly over a century, all in one track: a real article's
    /// history section.
    fn a_century() -> Timeline {
        let years = [1920, 1929, 1939, 1945, 1956, 1968, 1989, 1991, 2001, 2008, 2014, 2020];
        let dates: Dates = years.iter().map(|y| (y.to_string(), None, 0)).collect();
        timeline_of(&dates, "Something notable happened", 1)
    }

    fn bubbles(l: &Layout) -> usize {
        l.marks.iter().filter(|m| matches!(m.shape, Shape::Cluster(_))).count()
    }

    fn most_lanes(l: &Layout) -> f64 {
        l.bands
            .iter()
            .map(|b| (b.y1 - b.y0 - metrics::BAND_TITLE - metrics::GAP) / metrics::LANE)
            .fold(0.0, f64::max)
    }

    /// Where a mark's label is drawn, px: from its anchor, by the estimate it was laid out by.
    fn drawn(m: &Mark) -> (f64, f64) {
        let w = label_width(&m.text);
        if m.label_left {
            (m.label_x - w, m.label_x)
        } else {
            (m.label_x, m.label_x + w)
        }
    }

    #[test]
    fn no_label_runs_past_the_drawing() {
        let (seed, century, dense) = (seed(), a_century(), synthetic(300));
        let mut shortened = 0;
        for t in [&seed, &century, &dense] {
            let (a, b) = fit_domain(t);
            // The whole span, and zoomed in on its start, middle and end, where shapes and
            // labels reach past the view's edges.
            let views = [
                None,
                Some((a, a + (b - a) / 8.0)),
                Some((a + (b - a) * 0.45, a + (b - a) * 0.55)),
                Some((b - (b - a) / 8.0, b)),
            ];
            for width in [200.0, 350.0, 692.0, 1100.0, 1920.0] {
                for view in views {
                    let l = layout(t, width, view);
                    for m in l.marks.iter().filter(|m| !matches!(m.shape, Shape::Cluster(_))) {
                        let at = format!("{} at {width} px, view {view:?}", m.label);
                        assert!((0.0..=width).contains(&m.label_x), "anchor of {at}");
                        if m.text.is_empty() {
                            continue;
                        }
                        let (x0, x1) = drawn(m);
                        assert!(x0 >= 0.0 && x1 <= width, "{at}: drawn over {x0}..{x1}");
                        assert!(m.span.0 <= x0 && x1 <= m.span.1, "{at}: its span holds it");
                        if m.text != m.label {
                            shortened += 1;
                            let kept = m.text.trim_end_matches('…');
                            assert!(m.text.ends_with('…') && m.label.starts_with(kept), "{at}");
                            // Cut between words: what shows is found word for word in the name.
                            let rest = &m.label[kept.len()..];
                            let between = |c: char| c.is_whitespace() || ",;:–—-".contains(c);
                            assert!(kept.is_empty() || rest.starts_with(between), "{at}");
                        }
                    }
                }
            }
        }
        assert!(shortened > 0, "some labels had to be shortened");
        // Near the right edge, a label goes left of its mark rather than past the edge.
        let l = layout(&seed, 692.0, None);
        let last = l.marks.iter().rfind(|m| m.shape == Shape::Point);
        assert!(last.is_some_and(|m| m.label_left && m.text == m.label), "{last:?}");
    }

    #[test]
    fn a_dozen_events_over_a_century_keep_their_own_labels() {
        // 692 px is the timeline at a 1280 px window; 350 a phone's, 1100 a 1920 px window's.
        for t in [a_century(), seed()] {
            for width in [350.0, 692.0, 1100.0] {
                let l = layout(&t, width, None);
                assert_eq!(bubbles(&l), 0, "no count bubble at {width} px");
                assert_eq!(l.marks.len(), t.chronological.len(), "every event at {width} px");
                assert!(l.marks.iter().all(|m| !m.text.is_empty()), "labelled at {width} px");
                if width >= 692.0 {
                    let short: Vec<&str> = l
                        .marks
                        .iter()
                        .filter(|m| m.text != m.label)
                        .map(|m| m.label.as_str())
                        .collect();
                    assert!(short.is_empty(), "in full at {width} px: {short:?}");
                }
                // However it is selected.
                for &pin in &t.chronological {
                    let l = layout_with(&t, width, None, true, &[], Some(pin));
                    assert_eq!(bubbles(&l), 0, "no bubble at {width} px with {pin} selected");
                }
            }
        }
    }

    #[test]
    fn only_what_lanes_cannot_hold_merges() {
        // Five events alone in the first half of the century, two hundred in two years.
        let mut dates: Dates = (0..5).map(|i| ((1900 + 10 * i).to_string(), None, 0)).collect();
        dates.extend(
            (0..200).map(|i| (format!("20{:02}-{:02}-01", i / 12 % 2, 1 + i % 12), None, 0)),
        );
        let t = timeline_of(&dates, "Event", 1);
        for width in [350.0, 692.0, 1920.0] {
            let l = layout(&t, width, None);
            assert!(bubbles(&l) > 0, "the crowd merges at {width} px");
            assert!(most_lanes(&l) <= metrics::MAX_LANES as f64, "at {width} px");
            for i in 0..5 {
                let alone =
                    l.marks.iter().any(|m| m.event == i && !matches!(m.shape, Shape::Cluster(_)));
                assert!(alone, "event {i}, far from the crowd, keeps its label at {width} px");
            }
        }
    }

    #[test]
    fn dense_data_still_merges_into_bubbles() {
        for (n, width) in [(1000, 692.0), (1000, 350.0), (10_000, 692.0), (10_000, 1920.0)] {
            let l = layout(&synthetic(n), width, None);
            assert!(bubbles(&l) > 0, "{n} events at {width} px");
            assert!(most_lanes(&l) <= metrics::MAX_LANES as f64, "{n} events at {width} px");
            let counted: usize =
                l.marks.iter().map(|m| if let Shape::Cluster(k) = m.shape { k } else { 1 }).sum();
            assert_eq!(counted + l.hidden, n, "every event drawn, alone or in a bubble");
        }
    }

    #[test]
    fn crowded_tracks_share_out_the_lanes() {
        // 300 events a track over thirty years.
        let crowd = |tracks: usize| -> Dates {
            let mut seed = 0x9e37_79b9_u64;
            (0..300 * tracks)
                .map(|i| {
                    crate::core::xorshift(&mut seed);
                    let date = format!("{}-{:02}-01", 1990 + seed % 30, 1 + (seed >> 8) % 12);
                    (date, None, i % tracks)
                })
                .collect()
        };
        let lanes = |tracks: usize, width: f64| {
            let l = layout(&timeline_of(&crowd(tracks), "Event", tracks), width, None);
            assert!(bubbles(&l) > 0, "{tracks} tracks at {width} px");
            most_lanes(&l)
        };
        // One crowded track takes every lane it may; three share the budget, six take the least.
        assert_eq!(lanes(1, 1100.0), metrics::MAX_LANES as f64);
        assert_eq!(lanes(3, 1100.0), (metrics::LANE_BUDGET / 3) as f64);
        assert!(lanes(6, 1100.0) <= metrics::MIN_LANES as f64);
        // A track whose labels all fit keeps them, whatever crowds the other.
        let mut dates = crowd(1);
        dates.extend([1991, 1999, 2007, 2015].map(|y| (y.to_string(), None, 1)));
        let t = timeline_of(&dates, "Event", 2);
        let l = layout(&t, 692.0, None);
        let sparse: Vec<&Mark> = l.marks.iter().filter(|m| t.events[m.event].track == 1).collect();
        assert_eq!(sparse.len(), 4, "the sparse track has no bubble");
        assert!(sparse.iter().all(|m| m.text == m.label), "and its labels in full");
        assert!(bubbles(&l) > 0, "the crowded one has");
    }

    #[test]
    fn a_labels_box_holds_its_text_in_bold() {
        // The selected label is drawn bold, inside its outline, which is the mark's span.
        for t in [seed(), a_century()] {
            for width in [350.0, 692.0, 1100.0] {
                for &pin in &t.chronological {
                    let l = layout_with(&t, width, None, true, &[], Some(pin));
                    for m in &l.marks {
                        let text = bold_text_width(&m.text, metrics::FONT);
                        let shape = if m.text.is_empty() { 0.0 } else { metrics::GAP };
                        assert!(
                            m.span.1 - m.span.0 >= m.x1 - m.x0 + shape + text - 1e-9,
                            "{} at {width} px",
                            m.label
                        );
                    }
                }
            }
        }
        // "1974 UN buffer zone in Cyprus" measures 207 px in DejaVu Sans Bold at 12 px (the
        // Linux fallback font), 185 px in its regular weight.
        assert!(bold_text_width("1974 UN buffer zone in Cyprus", 12.0) >= 207.1);
        let samples = ["1994–2004 Lavrov, envoy to the UN", "WWII: the M-1 & “Ωmega”", "…"];
        for s in samples {
            assert!(bold_text_width(s, 12.0) >= text_width(s, 12.0), "{s}");
        }
    }

    #[test]
    fn shortened_labels_end_in_an_ellipsis_after_a_whole_word_within_their_room() {
        let full = "1994–2004 Lavrov, envoy to the UN";
        for room in [0.0, 5.0, 10.0, 30.0, 80.0, 100.0, 150.0, 200.0] {
            let s = shortened(full, room);
            assert!(label_width(&s) <= room, "{s:?} in {room} px");
            assert!(s.is_empty() || s.ends_with('…') && !s.ends_with(" …"), "{s:?}");
        }
        assert_eq!(shortened(full, label_width(full)), full, "whole where it fits");
        let room = |s: &str| label_width(s);
        assert_eq!(shortened(full, room("1994–2004 Lavrov, envoy t…")), "1994–2004 Lavrov, envoy…");
        assert_eq!(shortened(full, room("1994–2004 Lavrov, env…")), "1994–2004 Lavrov…");
        assert_eq!(shortened(full, room("1994–2004 Lav…")), "1994–2004…");
        assert_eq!(shortened(full, room("1994…")), "…", "no part of a word");
        assert_eq!(shortened(full, room("…") - 0.1), "");
        assert_eq!(shortened("", 0.0), "");
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

    #[test]
    fn eras_are_shaded_in_view_and_named_in_a_row_of_their_own() {
        use crate::core::date::DateSpec;
        use crate::core::model::Era;
        let mut t = seed();
        let plain = layout(&t, 800.0, None);
        assert!(plain.eras.is_empty());
        let era = |label: &str, a: &str, b: &str| Era {
            label: label.into(),
            start: DateSpec::parse(a, None).unwrap(),
            end: DateSpec::parse(b, None).unwrap(),
        };
        t.eras = vec![
            era("Cold War", "1947", "1991"),
            era("After the Soviet Union", "1992", "2013"),
            era("Long ago", "1800", "1801"),
        ];
        let l = layout(&t, 800.0, None);
        // Everything moves down by the eras' row.
        assert_eq!(l.bands[0].y0, plain.bands[0].y0 + metrics::ERA_ROW);
        assert_eq!(l.height, plain.height + metrics::ERA_ROW);
        // The Cold War begins before the view: clipped at the margin. 1800 is out of view.
        assert_eq!(l.eras.len(), 2);
        assert_eq!(l.eras[0].x0, metrics::MARGIN);
        assert!(l.eras[0].x1 <= l.eras[1].x0 + 1.0 && l.eras[1].x1 < 800.0 - metrics::MARGIN);
        assert_eq!((l.eras[0].era, l.eras[1].era), (0, 1));
        // Names fit their spans, cut in whole words when they must be.
        for e in &l.eras {
            assert!(label_width(&e.label) <= e.x1 - e.x0, "{}", e.label);
        }
        let narrow = layout(&t, 200.0, None);
        assert!(narrow.eras.iter().all(|e| label_width(&e.label) <= e.x1 - e.x0));
    }
}
