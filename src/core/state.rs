//! App state as a pure reducer: the loaded timeline and the selection. The yew `Reducible`
//! wrapper lives with the components; this stays testable natively.

use crate::core::by_actor::{arranged, involves, ranked, Rows};
use crate::core::layout::{fit_domain, metrics};
use crate::core::model::{Sources, Timeline, When};
use crate::core::scale::{Limits, TimeScale};
use std::rc::Rc;

/// What the app shows.
#[derive(Clone, Debug, PartialEq)]
pub struct AppState {
    /// The loaded article and events.
    pub timeline: Rc<Timeline>,
    /// The index of the selected event.
    pub selected: Option<usize>,
    /// A request to scroll a passage of the selected event into view: its index among the
    /// event's passages, and a counter so that asking twice scrolls twice.
    pub reveal: Option<(usize, u32)>,
    /// Where the timeline comes from, which decides whether it is stored.
    pub origin: Origin,
    /// A message for the reader about the last edit that could not be made.
    pub message: Option<String>,
    /// The time range the timeline shows, UTC ms; `None` fits everything.
    pub view: Option<(f64, f64)>,
    /// Tracks the reader folded away, by index.
    pub collapsed: Vec<usize>,
    /// The time range that shows every event, UTC ms: kept with the timeline because finding
    /// it walks every event, and every zoom or pan needs it.
    pub fit: (f64, f64),
    /// What the timeline's rows are: the article's own tracks, its leading actors or its
    /// sources (see [`crate::core::by_actor`]).
    pub rows: Rows,
    /// The actors (ids) the timeline is filtered to: an event shows when it involves any of
    /// them; empty, every event shows.
    pub actors: Vec<String>,
    /// The timeline as drawn: [`AppState::timeline`] in the rows chosen ([`rows`]) and
    /// filtered ([`actors`]); kept here, as [`fit`] is, so that zooming and panning do not
    /// arrange it again.
    ///
    /// [`rows`]: AppState::rows
    /// [`actors`]: AppState::actors
    /// [`fit`]: AppState::fit
    pub drawn: Rc<Timeline>,
    /// The timeline's actors by events, most first, and each actor's count of events
    /// ([`crate::core::by_actor::ranked`]): the actor chips.
    pub ranked: Rc<(Vec<usize>, Vec<usize>)>,
    /// How many events (dated or not) the actor filter shows.
    pub shown: usize,
    /// True when the timeline pane shows the reading order rather than the timeline.
    pub reading: bool,
    /// The timelines before the reader's last edits, the latest last, at most [`UNDO`]:
    /// what "Undo" goes back to. A newly loaded timeline starts with none.
    pub past: Vec<Rc<Timeline>>,
    /// Which sources' events show (a timeline of several articles), as the source tabs
    /// choose: one source's (the article pane then shows that source alone), all, those two
    /// or more state, or those whose sources disagree.
    pub sources: Sources,
}

/// The rows for timeline `t`, `rows` before it came: when sources came or went (`changed`),
/// a timeline of several is drawn a row per source rather than by the article's own tracks
/// (which a tagged article's are not: one track), and one of a single source, which has no
/// rows by source, by its own tracks.
pub fn rows_for(rows: Rows, t: &Timeline, changed: bool) -> Rows {
    match (rows, t.sources.len() > 1) {
        (Rows::Article, true) if changed => Rows::Sources,
        (Rows::Sources, false) => Rows::Article,
        (r, _) => r,
    }
}

/// How many edits can be undone.
pub const UNDO: usize = 20;

/// Where the shown timeline comes from, which decides whether it is kept in storage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// The default timeline, the page's own (the sample, or the one the site is published
    /// with): nothing to keep.
    Sample,
    /// A file named in the address (`?data=`, `?article=`), as it came: the address brings it
    /// back, so it is not stored until edited.
    Link,
    /// The reader's own: pasted, opened, imported, or any timeline once edited. Stored.
    Own,
}

/// What can happen to the state.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Select the event with this id and reveal its first passage; unknown ids change nothing.
    Select(String),
    /// Select the event with this id because the reader clicked one of its passages in the
    /// article: nothing scrolls, the reader is already looking at it.
    SelectFromText(String),
    /// Scroll passage `n` of the selected event into view.
    Reveal(usize),
    /// Clear the selection.
    Deselect,
    /// Move the selection along the timeline: +1 later, -1 earlier (chronological order,
    /// undated items after the dated ones). With nothing selected, +1 picks the first.
    Step(i32),
    /// Select the first (`false`) or last (`true`) event in timeline order.
    Edge(bool),
    /// Show another timeline, from where it comes.
    Load(Rc<Timeline>, Origin),
    /// Give the selected event a new headline.
    Rename(String),
    /// Delete the selected event.
    Delete,
    /// Merge the selected event into the event with this id.
    Merge(String),
    /// Correct the selected event's date (`None`: undated).
    Redate(Option<When>),
    /// Zoom the timeline, drawn `width` px wide, by `factor` (above 1 zooms in) about pixel
    /// `anchor`, or about the selected event (or the middle) when `anchor` is `None`.
    Zoom { factor: f64, anchor: Option<f64>, width: f64 },
    /// Pan the timeline, drawn `width` px wide, by `dx` pixels (positive: later times).
    Pan { dx: f64, width: f64 },
    /// Show everything.
    Fit,
    /// Show the time from `a` to `b` (UTC ms), with a little room: what a count bubble does.
    ZoomTo(f64, f64),
    /// Fold or unfold a track.
    ToggleTrack(usize),
    /// Show exactly the time from `a` to `b` (UTC ms), within the limits: what dragging the
    /// overview's brush does.
    View(f64, f64),
    /// The timeline's rows: the article's own tracks, the leading actors or the sources.
    TracksBy(Rows),
    /// Add the actor with this id to the filter, or take it out; unknown ids change nothing.
    ToggleActor(String),
    /// Show the events of all actors: clear the filter.
    AllActors,
    /// Show the reading order (`true`) or the timeline.
    Reading(bool),
    /// Go back to the timeline before the last edit.
    Undo,
    /// An edit made in the tagging worker (an article added as one more source): the new
    /// timeline. Undoable as any edit.
    Edited(Rc<Timeline>),
    /// Show the events of these sources (and, for one source, its text alone).
    Sources(Sources),
}

impl AppState {
    /// A state showing `timeline` with nothing selected.
    pub fn new(timeline: Timeline) -> AppState {
        AppState::showing(Rc::new(timeline), Origin::Sample)
    }

    /// A state showing `timeline`, nothing selected.
    pub fn showing(timeline: Rc<Timeline>, origin: Origin) -> AppState {
        AppState {
            fit: fit_domain(&timeline),
            ranked: Rc::new(ranked(&timeline)),
            drawn: timeline.clone(),
            shown: timeline.events.len(),
            timeline,
            selected: None,
            reveal: None,
            origin,
            message: None,
            view: None,
            collapsed: Vec::new(),
            rows: Rows::Article,
            actors: Vec::new(),
            reading: false,
            past: Vec::new(),
            sources: Sources::All,
        }
    }

    /// This state with [`AppState::drawn`] and [`AppState::shown`] made anew from its
    /// timeline, rows and filter.
    pub fn arranged(self) -> AppState {
        let t = &self.timeline;
        let (actors, sources) = (&self.actors, self.sources);
        let drawn = arranged(t, self.rows, actors, sources).map_or_else(|| t.clone(), Rc::new);
        let shown = t.events.iter().filter(|e| involves(e, actors, sources)).count();
        AppState { drawn, shown, ..self }
    }

    /// The state after an edit of the selected event: the new timeline, with the selection
    /// kept by id (indexes move when events are deleted), or the edit's error as a message.
    fn edited(&self, edit: Result<Timeline, String>, select: Option<String>) -> AppState {
        match edit {
            Ok(t) => {
                let selected = select.and_then(|id| t.find(&id));
                // An actor no event involves any more has no chip to take it out.
                let mut actors = self.actors.clone();
                actors.retain(|a| t.events.iter().any(|e| e.actors.contains(a)));
                // A source added or taken away: the view fits the sources now there.
                let same_sources = t.sources.len() == self.timeline.sources.len();
                let rows = rows_for(self.rows, &t, !same_sources);
                // Folded tracks are numbered by the rows they were folded in, which other rows
                // or other sources renumber (as a change of rows does).
                let same_rows = rows == self.rows && same_sources;
                AppState {
                    rows,
                    sources: if same_sources { self.sources } else { Sources::All },
                    fit: fit_domain(&t),
                    ranked: Rc::new(ranked(&t)),
                    drawn: self.drawn.clone(),
                    shown: 0,
                    timeline: Rc::new(t),
                    selected,
                    reveal: None,
                    origin: Origin::Own,
                    message: None,
                    view: if same_sources { self.view } else { None },
                    collapsed: if same_rows { self.collapsed.clone() } else { Vec::new() },
                    actors,
                    reading: self.reading,
                    past: {
                        let mut past = self.past.clone();
                        if past.len() >= UNDO {
                            past.remove(0);
                        }
                        past.push(self.timeline.clone());
                        past
                    },
                }
                .arranged()
            }
            Err(m) => AppState { message: Some(m), ..self.clone() },
        }
    }

    /// The timeline's scale for a drawing `width` px wide, and the limits of its view.
    pub fn scale(&self, width: f64) -> (TimeScale, Limits) {
        let range = (metrics::MARGIN, width.max(200.0) - metrics::MARGIN);
        (TimeScale::new(self.view.unwrap_or(self.fit), range), Limits::around(self.fit))
    }

    /// How many rows the timeline has as drawn.
    fn rows(&self) -> usize {
        self.drawn.tracks.len()
    }

    /// The selected event's interval, if it is dated.
    fn selected_interval(&self) -> Option<(f64, f64)> {
        let w = self.timeline.events.get(self.selected?)?.when?;
        Some(w.interval(self.fit.1))
    }

    /// The view after moving to `s`, keeping the selected event in view when there is one.
    fn viewing(&self, s: TimeScale, limits: &Limits) -> AppState {
        let s = match self.selected_interval() {
            Some((a, b)) => s.reveal(a, b, 24.0, limits),
            None => s,
        };
        AppState { view: Some(s.domain), message: None, ..self.clone() }
    }

    /// Event indexes in navigation order: dated chronologically, then undated as stored;
    /// only those the actor filter shows.
    pub fn order(&self) -> Vec<usize> {
        let t = &self.timeline;
        let undated = (0..t.events.len()).filter(|&i| t.events[i].when.is_none());
        let shown = |i: &usize| involves(&t.events[*i], &self.actors, self.sources);
        t.chronological.iter().copied().chain(undated).filter(shown).collect()
    }

    /// The id of the selected event.
    pub fn selected_id(&self) -> Option<&str> {
        self.selected.and_then(|i| self.timeline.events.get(i)).map(|e| e.id.as_str())
    }

    /// The state after `action`.
    pub fn reduce(&self, action: Action) -> AppState {
        let nonce = self.reveal.map_or(0, |(_, n)| n.wrapping_add(1));
        let current = self.selected_id().map(str::to_string);
        let edit = |f: &dyn Fn(usize) -> Result<Timeline, String>| match self.selected {
            Some(i) => f(i),
            None => Err("Select an event first.".to_string()),
        };
        let selected = match action {
            Action::Load(timeline, origin) => {
                // The rows stay as the reader chose; the filter's actors are the last
                // timeline's.
                let s = AppState::showing(timeline, origin);
                let rows = rows_for(self.rows, &s.timeline, true);
                return AppState { rows, reading: self.reading, ..s }.arranged();
            }
            Action::Edited(t) => return self.edited(Ok(Rc::unwrap_or_clone(t)), current),
            Action::Sources(sources) => return AppState { sources, ..self.clone() }.arranged(),
            Action::TracksBy(rows) => {
                // Folded tracks are numbered by the rows they were folded in.
                let collapsed = if rows == self.rows { self.collapsed.clone() } else { Vec::new() };
                return AppState { rows, collapsed, ..self.clone() }.arranged();
            }
            Action::ToggleActor(id) => {
                let mut actors = self.actors.clone();
                match actors.iter().position(|a| *a == id) {
                    Some(at) => {
                        actors.remove(at);
                    }
                    None if self.timeline.actors.iter().any(|a| a.id == id) => actors.push(id),
                    None => {}
                }
                return AppState { actors, ..self.clone() }.arranged();
            }
            Action::Reading(reading) => return AppState { reading, ..self.clone() },
            Action::AllActors => return AppState { actors: Vec::new(), ..self.clone() }.arranged(),
            Action::Fit => return AppState { view: None, ..self.clone() },
            Action::ToggleTrack(track) => {
                let mut collapsed = self.collapsed.clone();
                match collapsed.iter().position(|&t| t == track) {
                    Some(at) => {
                        collapsed.remove(at);
                    }
                    None if track < self.rows() => collapsed.push(track),
                    None => {}
                }
                return AppState { collapsed, ..self.clone() };
            }
            Action::ZoomTo(a, b) => {
                let (s, limits) = self.scale(1000.0);
                let pad = (b - a).max(0.0) * 0.1 + crate::core::date::DAY_MS;
                let to = TimeScale::new((a - pad, b + pad), s.range);
                let view = limits.clamp(to, (a + b) / 2.0).domain;
                return AppState { view: Some(view), ..self.clone() };
            }
            Action::View(a, b) => {
                let (s, limits) = self.scale(1000.0);
                let to = limits.clamp(TimeScale::new((a, b), s.range), (a + b) / 2.0);
                return AppState { view: Some(to.domain), ..self.clone() };
            }
            Action::Zoom { factor, anchor, width } => {
                let (s, limits) = self.scale(width);
                let anchor = anchor.unwrap_or_else(|| {
                    let mid = (s.range.0 + s.range.1) / 2.0;
                    let at = self.selected_interval().map(|(a, b)| s.x((a + b) / 2.0));
                    at.filter(|x| *x >= s.range.0 && *x <= s.range.1).unwrap_or(mid)
                });
                return self.viewing(s.zoom(factor, anchor, &limits), &limits);
            }
            Action::Pan { dx, width } => {
                let (s, limits) = self.scale(width);
                // Panning is the reader's own move: the selection may leave the view.
                return AppState { view: Some(s.pan(dx, &limits).domain), ..self.clone() };
            }
            Action::Rename(h) => {
                return self.edited(edit(&|i| self.timeline.renamed(i, &h)), current)
            }
            Action::Delete => return self.edited(edit(&|i| self.timeline.without(i)), None),
            Action::Redate(w) => {
                return self.edited(edit(&|i| self.timeline.redated(i, w)), current)
            }
            Action::Merge(into) => {
                let target = self.timeline.find(&into);
                let r = edit(&|i| self.timeline.merged(i, target.ok_or("No such event.")?));
                return self.edited(r, Some(into));
            }
            Action::Undo => {
                let Some(before) = self.past.last() else {
                    return AppState { message: Some("Nothing to undo.".into()), ..self.clone() };
                };
                let back = self.edited(Ok(before.as_ref().clone()), current);
                let past = self.past[..self.past.len() - 1].to_vec();
                return AppState { past, ..back };
            }
            Action::SelectFromText(id) => {
                let selected = self.timeline.find(&id).or(self.selected);
                return AppState { selected, reveal: None, ..self.clone() }.following(self);
            }
            Action::Reveal(n) => {
                let ok = self
                    .selected
                    .and_then(|i| self.timeline.events.get(i))
                    .is_some_and(|e| n < e.passages.len());
                if !ok {
                    return self.clone();
                }
                return AppState { reveal: Some((n, nonce)), ..self.clone() }.showing_passage(n);
            }
            Action::Select(id) => self.timeline.find(&id).or(self.selected),
            Action::Deselect => None,
            Action::Step(d) => {
                let order = self.order();
                let at = self.selected.and_then(|s| order.iter().position(|&i| i == s));
                let next = match at {
                    None if d >= 0 => Some(0),
                    None => order.len().checked_sub(1),
                    Some(p) => {
                        Some((p as i64 + d as i64).clamp(0, order.len() as i64 - 1) as usize)
                    }
                };
                next.and_then(|p| order.get(p).copied()).or(self.selected)
            }
            Action::Edge(last) => {
                let order = self.order();
                if last { order.last() } else { order.first() }.copied().or(self.selected)
            }
        };
        let moved = AppState { selected, message: None, ..self.clone() };
        if selected.is_none() || selected == self.selected {
            return moved.following(self);
        }
        // A newly selected event: its first passage in the source shown, else its first.
        let n = match (self.sources, moved.timeline.events.get(selected.unwrap_or_default())) {
            (Sources::Only(s), Some(e)) => e.passages.iter().position(|p| p.source == s),
            _ => None,
        };
        let n = n.unwrap_or(0);
        AppState { reveal: Some((n, nonce)), ..moved }.showing_passage(n).following(self)
    }

    /// This state, showing passage `n` of the selected event: when the tabs show one source
    /// and the passage is in another, they show the passage's; when they show shared events or
    /// disagreements and the event is not one, they show all.
    fn showing_passage(self, n: usize) -> AppState {
        let e = self.selected.and_then(|i| self.timeline.events.get(i));
        let sources = match (self.sources, e) {
            (Sources::Only(s), Some(e)) => Sources::Only(e.passages.get(n).map_or(s, |p| p.source)),
            (f, Some(e)) if !f.keeps(e) => Sources::All,
            (f, _) => f,
        };
        if sources == self.sources {
            return self;
        }
        AppState { sources, ..self }.arranged()
    }

    /// This state, with the view moved to show a newly selected event where the reader has
    /// zoomed or panned (a fitted view shows every event already).
    fn following(self, before: &AppState) -> AppState {
        if self.view.is_none() || self.selected == before.selected {
            return self;
        }
        let (s, limits) = self.scale(1000.0);
        self.viewing(s, &limits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state() -> AppState {
        let json = r#"{"version":1,"title":"T","tracks":[{"id":"a","label":"A"}],
          "events":[
            {"id":"late","start":"2014","headline":"L","track":"a","passages":[{"exact":"2014"}]},
            {"id":"early","start":"1991","headline":"E","track":"a","passages":[{"exact":"1991"}]}],
          "undated":[{"id":"plan","headline":"P","track":"a","passages":[{"exact":"plan"}]}]}"#;
        AppState::new(Timeline::load(json, "In 1991, then 2014, a plan.").unwrap())
    }

    #[test]
    fn select_by_id_ignores_unknown() {
        let s = state().reduce(Action::Select("early".into()));
        assert_eq!(s.selected_id(), Some("early"));
        assert_eq!(s.reduce(Action::Select("nope".into())).selected_id(), Some("early"));
        assert_eq!(s.reduce(Action::Deselect).selected, None);
    }

    #[test]
    fn selecting_reveals_the_first_passage_but_not_from_the_text() {
        let s = state().reduce(Action::Select("early".into()));
        assert_eq!(s.reveal.map(|r| r.0), Some(0));
        let t = state().reduce(Action::SelectFromText("early".into()));
        assert_eq!((t.selected_id(), t.reveal), (Some("early"), None));
        let again = s.reduce(Action::Reveal(0));
        assert_eq!(again.reveal.map(|r| r.0), Some(0));
        assert_ne!(again.reveal, s.reveal, "revealing twice must scroll twice");
        assert_eq!(s.reduce(Action::Reveal(7)).reveal, s.reveal, "no such passage");
        assert_eq!(state().reduce(Action::Reveal(0)).reveal, None, "nothing selected");
    }

    #[test]
    fn the_fitted_span_follows_the_timeline() {
        let s = state();
        assert_eq!(s.fit, fit_domain(&s.timeline));
        // Deleting the earliest event narrows what "everything" is; zooming keeps it.
        let d = s.reduce(Action::Select("early".into())).reduce(Action::Delete);
        assert_eq!(d.fit, fit_domain(&d.timeline));
        assert!(d.fit.0 > s.fit.0);
        let z = d.reduce(Action::Zoom { factor: 2.0, anchor: None, width: 1000.0 });
        assert_eq!(z.fit, d.fit);
        let loaded = z.reduce(Action::Load(s.timeline.clone(), Origin::Own));
        assert_eq!(loaded.fit, s.fit);
    }

    #[test]
    fn edits_apply_to_the_selection_and_keep_it_by_id() {
        let s = state().reduce(Action::Select("late".into()));
        let r = s.reduce(Action::Rename("Later".into()));
        assert_eq!(r.selected_id(), Some("late"));
        assert_eq!(r.timeline.events[r.selected.unwrap()].headline, "Later");
        assert_eq!(r.origin, Origin::Own, "an edited sample is the reader's own");
        let bad = s.reduce(Action::Rename("  ".into()));
        assert!(bad.message.is_some() && bad.timeline == s.timeline);
        let d = s.reduce(Action::Delete);
        assert_eq!((d.selected, d.timeline.events.len()), (None, 2));
        let m = s.reduce(Action::Merge("early".into()));
        assert_eq!(m.selected_id(), Some("early"));
        assert_eq!(m.timeline.events[m.selected.unwrap()].passages.len(), 2);
        let w = When::parse("1980", None, "", false).ok();
        let re = s.reduce(Action::Redate(w));
        assert_eq!(re.order()[0], re.selected.unwrap(), "now the earliest");
        assert!(state().reduce(Action::Delete).message.is_some(), "nothing selected");
        let fresh = Rc::new(state().timeline.without(0).unwrap());
        let l = r.reduce(Action::Load(fresh.clone(), Origin::Sample));
        assert_eq!(
            (l.selected, l.origin, Rc::ptr_eq(&l.timeline, &fresh)),
            (None, Origin::Sample, true)
        );
    }

    #[test]
    fn zoom_pan_and_fit_move_the_view_and_keep_the_selection_in_it() {
        let s = state();
        let (fit, _) = s.scale(1000.0);
        let z = s.reduce(Action::Zoom { factor: 2.0, anchor: Some(500.0), width: 1000.0 });
        let (zs, _) = z.scale(1000.0);
        assert!((zs.domain.1 - zs.domain.0 - (fit.domain.1 - fit.domain.0) / 2.0).abs() < 1.0);
        let p = z.reduce(Action::Pan { dx: 100.0, width: 1000.0 });
        assert!(p.view.unwrap().0 > z.view.unwrap().0);
        assert_eq!(p.reduce(Action::Fit).view, None);
        // Zoomed far in on the other end, the selected 1991 event is brought back into view.
        let sel = s.reduce(Action::Select("early".into()));
        let far = sel.reduce(Action::Zoom { factor: 8.0, anchor: Some(990.0), width: 1000.0 });
        let (fs, _) = far.scale(1000.0);
        let (a, b) = sel.selected_interval().unwrap();
        assert!(fs.x(a) >= 0.0 && fs.x(b) <= 1000.0, "selection in view");
        // Without an anchor, zooming centres on the selection.
        let k = sel.reduce(Action::Zoom { factor: 4.0, anchor: None, width: 1000.0 });
        let (ks, _) = k.scale(1000.0);
        assert!(ks.x(a) >= 0.0 && ks.x(b) <= 1000.0);
        assert_eq!(k.reduce(Action::Load(s.timeline.clone(), Origin::Sample)).view, None);
        let folded = s.reduce(Action::ToggleTrack(0));
        assert_eq!(folded.collapsed, vec![0]);
        assert!(folded.reduce(Action::ToggleTrack(0)).collapsed.is_empty());
        assert!(s.reduce(Action::ToggleTrack(9)).collapsed.is_empty(), "no such track");
    }

    #[test]
    fn tracks_by_actors_and_the_actor_filter() {
        let s = AppState::new(
            Timeline::load(
                include_str!("../../assets/events.json"),
                include_str!("../../assets/article.txt"),
            )
            .unwrap(),
        );
        assert!(s.rows == Rows::Article && s.actors.is_empty());
        let folded = s.reduce(Action::ToggleTrack(1));
        let by = folded.reduce(Action::TracksBy(Rows::Actors));
        assert!(by.rows == Rows::Actors && by.collapsed.is_empty(), "other rows, nothing folded");
        assert_eq!(*by.drawn, arranged(&s.timeline, Rows::Actors, &[], Sources::All).unwrap());
        assert_eq!(by.ranked, s.ranked);
        assert_eq!(
            by.reduce(Action::TracksBy(Rows::Article)).drawn,
            s.timeline,
            "the article's own"
        );
        let others = by.drawn.tracks.len() - 1;
        assert_eq!(by.drawn.tracks[others].label, "Others");
        assert_eq!(by.reduce(Action::ToggleTrack(others)).collapsed, vec![others], "Others folds");
        assert_eq!(by.reduce(Action::TracksBy(Rows::Actors)), by);
        let f = by.reduce(Action::ToggleActor("nato".into()));
        assert_eq!(f.actors, vec!["nato".to_string()]);
        assert_eq!(*f.drawn, arranged(&s.timeline, Rows::Actors, &f.actors, Sources::All).unwrap());
        assert_eq!(
            f.shown,
            f.timeline.events.iter().filter(|e| involves(e, &f.actors, Sources::All)).count()
        );
        assert!(f.shown > 0 && f.shown < s.shown && s.shown == s.timeline.events.len());
        let two = f.reduce(Action::ToggleActor("rus".into()));
        assert_eq!(two.actors.len(), 2);
        assert_eq!(two.reduce(Action::ToggleActor("nato".into())).actors, vec!["rus".to_string()]);
        assert_eq!(f.reduce(Action::ToggleActor("nobody".into())).actors, f.actors);
        assert!(two.reduce(Action::AllActors).actors.is_empty());
        let r = two.reduce(Action::Reading(true));
        assert!(r.reading && r.actors == two.actors && !r.reduce(Action::Reading(false)).reading);
        // The keyboard steps through the events shown only.
        let order = f.order();
        assert!(!order.is_empty() && order.len() < s.order().len());
        assert!(order.iter().all(|&i| f.timeline.events[i].actors.contains(&"nato".to_string())));
        let step = f.reduce(Action::Step(1));
        assert_eq!(step.selected, Some(order[0]));
        // A new timeline keeps the rows and drops the filter.
        let l = two.reduce(Action::Load(s.timeline.clone(), Origin::Own));
        assert!(l.rows == Rows::Actors && l.actors.is_empty());
        assert_eq!(*l.drawn, arranged(&s.timeline, Rows::Actors, &[], Sources::All).unwrap());
        // Edits keep both.
        let r = step.reduce(Action::Rename("New".into()));
        assert_eq!((r.rows, r.actors.clone()), (Rows::Actors, f.actors.clone()));
        assert_eq!(r.drawn.events[r.selected.unwrap()].headline, "New", "drawn anew");
    }

    #[test]
    fn steps_in_timeline_order_and_stops_at_ends() {
        let s = state();
        let ids = |s: &AppState| s.selected_id().map(str::to_string);
        let a = s.reduce(Action::Step(1));
        assert_eq!(ids(&a).as_deref(), Some("early"));
        let b = a.reduce(Action::Step(1));
        assert_eq!(ids(&b).as_deref(), Some("late"));
        let c = b.reduce(Action::Step(1)).reduce(Action::Step(1));
        assert_eq!(ids(&c).as_deref(), Some("plan"));
        assert_eq!(ids(&c.reduce(Action::Step(-5))).as_deref(), Some("early"));
        assert_eq!(ids(&s.reduce(Action::Step(-1))).as_deref(), Some("plan"));
        assert_eq!(ids(&s.reduce(Action::Edge(true))).as_deref(), Some("plan"));
        assert_eq!(ids(&c.reduce(Action::Edge(false))).as_deref(), Some("early"));
    }

    #[test]
    fn the_brush_sets_the_view_and_a_new_selection_comes_into_it() {
        let s = state();
        let year = 365.25 * 86_400_000.0;
        let (y1991, _) = s.timeline.events[1].when.unwrap().interval(0.0);
        // A view of the 1991 event only, set by the brush.
        let narrow = s.reduce(Action::View(y1991 - year, y1991 + year));
        assert_eq!(narrow.view, Some((y1991 - year, y1991 + year)));
        // Views beyond the limits are brought back: never narrower than a day.
        let tiny = s.reduce(Action::View(y1991, y1991 + 1.0));
        let (a, b) = tiny.view.unwrap();
        assert!(b - a >= 86_400_000.0 - 1.0);
        // Selecting 2014, by the keyboard or from the text, brings it into view.
        for action in [Action::Step(1), Action::SelectFromText("late".into())] {
            let moved = narrow.reduce(Action::Select("early".into())).reduce(action);
            assert_eq!(moved.selected_id(), Some("late"));
            let (sc, _) = moved.scale(1000.0);
            let (a, b) = moved.selected_interval().unwrap();
            assert!(sc.x(a) >= 0.0 && sc.x(b) <= 1000.0, "2014 in view");
        }
        // With everything in view, selecting moves nothing.
        assert_eq!(s.reduce(Action::Step(1)).view, None);
    }

    #[test]
    fn an_article_added_in_the_worker_is_an_edit_that_undo_takes_back() {
        let s = state().reduce(Action::Select("late".into())).reduce(Action::Fit);
        let zoomed = AppState { view: Some((0.0, 1.0)), ..s.clone() };
        let json = r#"{"version":2,"title":"T","sources":[
            {"id":"a","title":"A","text":"In 1991, then 2014, a plan."},
            {"id":"b","title":"B","text":"Talks in 2019."}],
          "tracks":[{"id":"a","label":"A"}],
          "events":[
            {"id":"late","start":"2014","headline":"L","track":"a","passages":[{"source":"a","exact":"2014"}]},
            {"id":"talks","start":"2019","headline":"T","track":"a","passages":[{"source":"b","exact":"Talks in 2019."}]}],
          "undated":[]}"#;
        let two = Rc::new(Timeline::import(json).unwrap());
        let added = zoomed.reduce(Action::Edited(two.clone()));
        assert_eq!(added.timeline, two);
        assert_eq!((added.origin, added.past.len()), (Origin::Own, 1));
        assert_eq!(added.selected_id(), Some("late"), "the selection stays");
        assert_eq!(added.view, None, "the view fits both sources");
        let undone = added.reduce(Action::Undo);
        assert_eq!(*undone.timeline, *s.timeline);
        assert!(undone.past.is_empty());
    }

    #[test]
    fn edits_are_undone_one_by_one() {
        let s = state().reduce(Action::Select("late".into()));
        assert!(s.past.is_empty());
        assert!(s.reduce(Action::Undo).message.is_some(), "nothing to undo");
        let renamed = s.reduce(Action::Rename("Later".into()));
        let merged = renamed.reduce(Action::Merge("early".into()));
        assert_eq!(merged.timeline.events.len(), 2);
        assert_eq!(merged.past.len(), 2);
        let one = merged.reduce(Action::Undo);
        assert_eq!(*one.timeline, *renamed.timeline, "the merge undone");
        assert_eq!(one.past.len(), 1);
        let two = one.reduce(Action::Undo);
        assert_eq!(*two.timeline, *s.timeline, "the rename undone");
        assert!(two.past.is_empty());
        // A deleted event comes back.
        let d = s.reduce(Action::Delete).reduce(Action::Undo);
        assert_eq!(d.timeline.events.len(), 3);
        // A loaded timeline starts afresh; the history is bounded.
        assert!(merged.reduce(Action::Load(s.timeline.clone(), Origin::Own)).past.is_empty());
        let mut many = s.clone();
        for k in 0..(UNDO + 5) {
            many = many.reduce(Action::Rename(format!("R{k}")));
        }
        assert_eq!(many.past.len(), UNDO);
    }

    /// Two sources: "inv" is stated by both (dates 2022 and 2021: they disagree), "sum" by A,
    /// "talk" by B.
    fn two() -> AppState {
        let json = include_str!("../../tests/data/two-sources.json");
        AppState::new(Timeline::import(json).unwrap()).arranged()
    }

    #[test]
    fn rows_by_source() {
        // A timeline of several sources comes in drawn a row per source; one of a single
        // source, by its own tracks.
        let loaded = state().reduce(Action::Load(two().timeline, Origin::Link));
        assert_eq!(loaded.rows, Rows::Sources);
        assert_eq!(
            loaded.reduce(Action::Load(state().timeline, Origin::Sample)).rows,
            Rows::Article
        );
        let s = two().reduce(Action::TracksBy(Rows::Sources));
        assert_eq!(s.drawn.tracks.len(), 3, "A, B, and the events both state");
        let folded = s.reduce(Action::ToggleTrack(2));
        assert_eq!(folded.collapsed, vec![2]);
        // An edit that keeps the sources keeps the folded row; one that renumbers the rows
        // (a source gone) unfolds them.
        let split =
            folded.reduce(Action::Edited(Rc::new(folded.timeline.edited("split inv").unwrap())));
        assert_eq!(split.collapsed, vec![2]);
        let gone =
            folded.reduce(Action::Edited(Rc::new(folded.timeline.edited("remove b").unwrap())));
        assert!(gone.collapsed.is_empty());
    }

    #[test]
    fn the_source_tabs_follow_the_selection_across_sources() {
        let b = two().reduce(Action::Sources(Sources::Only(1)));
        let s = b.reduce(Action::Select("talk".into()));
        assert_eq!((s.sources, s.reveal.map(|r| r.0)), (Sources::Only(1), Some(0)));
        // Selected while B shows, the invasion reveals its passage in B and B stays.
        let inv = s.reduce(Action::Select("inv".into()));
        assert_eq!((inv.sources, inv.reveal.map(|r| r.0)), (Sources::Only(1), Some(1)));
        // Its other passage brings A, and A's events.
        let a = inv.reduce(Action::Reveal(0));
        assert_eq!(a.sources, Sources::Only(0));
        assert_eq!(a.drawn.chronological.len(), 2, "the summit and the invasion");
        // A link to the summit, A's alone, while B shows: A shows.
        assert_eq!(s.reduce(Action::Select("sum".into())).sources, Sources::Only(0));
        // Shared events shown, the talks (B's alone) selected: all show.
        let shared = two().reduce(Action::Sources(Sources::Shared));
        assert_eq!(shared.reduce(Action::Select("talk".into())).sources, Sources::All);
        assert_eq!(shared.reduce(Action::Select("inv".into())).sources, Sources::Shared);
    }

    #[test]
    fn the_source_filter_shows_one_source_shared_events_or_disagreements() {
        let s = two();
        let ids = |s: &AppState| {
            s.order().iter().map(|&i| s.timeline.events[i].id.clone()).collect::<Vec<_>>()
        };
        assert_eq!(ids(&s.reduce(Action::Sources(Sources::Only(0)))), ["sum", "inv"]);
        assert_eq!(ids(&s.reduce(Action::Sources(Sources::Only(1)))), ["talk", "inv"]);
        let shared = s.reduce(Action::Sources(Sources::Shared));
        assert_eq!((ids(&shared), shared.shown), (vec!["inv".to_string()], 1));
        assert_eq!(shared.drawn.chronological.len(), 1);
        assert_eq!(ids(&s.reduce(Action::Sources(Sources::Disagree))), ["inv"]);
        // Rows by source: each source's row, then the shared events'.
        let rows = s.reduce(Action::TracksBy(Rows::Sources));
        assert_eq!(rows.drawn.tracks.len(), 3);
        assert_eq!(rows.reduce(Action::ToggleTrack(2)).collapsed, vec![2]);
    }

    #[test]
    fn split_and_remove_a_source_are_undoable_edits() {
        // As the worker makes them (`Timeline::edited`) and the page passes its answer on.
        let edited = |s: &AppState, edit: &str| match s.timeline.edited(edit) {
            Ok(t) => s.reduce(Action::Edited(Rc::new(t))),
            Err(m) => AppState { message: Some(m), ..s.clone() },
        };
        let s = two().reduce(Action::Select("inv".into()));
        let split = edited(&s, "split inv");
        assert_eq!(split.timeline.events.len(), 4);
        assert_eq!(split.selected_id(), Some("inv"));
        assert_eq!(split.origin, Origin::Own);
        assert_eq!(*split.reduce(Action::Undo).timeline, *s.timeline);
        assert!(edited(&s, "split sum").message.is_some(), "one passage: nothing to split");
        let gone = edited(&s, "remove b");
        assert_eq!(gone.timeline.sources.len(), 1);
        assert_eq!(gone.timeline.events.len(), 2, "the talks leave with B");
        assert_eq!(gone.selected_id(), Some("inv"), "the invasion stays, and its selection");
        assert!(edited(&gone, "remove a").message.is_some(), "the last one stays");
        assert_eq!(gone.reduce(Action::Undo).timeline.sources.len(), 2);
        // An article added back is shown, and the view fits it.
        let back = gone.reduce(Action::Edited(s.timeline.clone()));
        assert_eq!((back.view, back.past.len()), (None, 2));
        // Sources came and went: rows by source, then the article's own.
        assert_eq!((gone.rows, back.rows), (Rows::Article, Rows::Sources));
        let actors = back.reduce(Action::TracksBy(Rows::Actors));
        assert_eq!(actors.reduce(Action::Edited(gone.timeline.clone())).rows, Rows::Actors);
    }
}
