//! Tracks by actor and the actor filter: which actors lead (those events name first), which track
//! each event goes to when the timeline's rows are its leading actors, and the timeline as
//! drawn once rows and filter are applied.
//!
//! An event goes to one track only, never two: that of the leading actor it names first (its
//! `actors` are in the order the article names them), or "Others" when it names none of them.
//! The details panel lists all of its actors, and the actor chips mark them.

use crate::core::model::{letter, sort_indices, Event, Sources, Timeline, Track};

/// Most actors given a track of their own; the rest share "Others".
pub const LEADING: usize = 8;

/// The index in `t.actors` of the actor `id`.
fn index(t: &Timeline, id: &str) -> Option<usize> {
    t.actors.iter().position(|a| a.id == id)
}

/// For each actor of `t`, in file order, how many events (dated or not) involve it.
pub fn counts(t: &Timeline) -> Vec<usize> {
    tally(t, usize::MAX)
}

/// For each actor, how many events name it among their first `first` actors.
fn tally(t: &Timeline, first: usize) -> Vec<usize> {
    let mut n = vec![0; t.actors.len()];
    for e in &t.events {
        for id in e.actors.iter().take(first) {
            if let Some(i) = index(t, id) {
                n[i] += 1;
            }
        }
    }
    n
}

/// The actors that events involve, as indexes into `t.actors`, most events first (ties in
/// file order), with their counts ([`counts`]).
pub fn ranked(t: &Timeline) -> (Vec<usize>, Vec<usize>) {
    rank(t, usize::MAX)
}

/// [`ranked`], counting each event's first `first` actors only.
fn rank(t: &Timeline, first: usize) -> (Vec<usize>, Vec<usize>) {
    let n = tally(t, first);
    let mut order: Vec<usize> = (0..n.len()).filter(|&i| n[i] > 0).collect();
    sort_indices(&mut order, &|i| (-(n[i] as f64), 0.0));
    (order, n)
}

/// The track of each event of `t` when the rows are the `leading` actors (indexes into
/// `t.actors`): the position in `leading` of the first of its actors that leads, or
/// `leading.len()` ("Others") when none does.
pub fn actor_tracks(t: &Timeline, leading: &[usize]) -> Vec<usize> {
    let lead = |id: &String| leading.iter().position(|&a| t.actors[a].id == *id);
    t.events.iter().map(|e| e.actors.iter().find_map(lead).unwrap_or(leading.len())).collect()
}

/// The leading actors (at most [`LEADING`]) and each event's track ([`actor_tracks`]): the
/// actors that events name first, most such events first (ties in file order). So no row is
/// empty: an actor leads only if some event names it first, and that event goes to its row
/// ("Georgia", named beside NATO in every event, gives its row to the next actor).
pub fn leaders(t: &Timeline) -> (Vec<usize>, Vec<usize>) {
    let (mut leading, _) = rank(t, 1);
    leading.truncate(LEADING);
    let tracks = actor_tracks(t, &leading);
    (leading, tracks)
}

/// True when `e` involves any of the actors `filter` names (by id), or `filter` is empty
/// (several chosen actors widen the filter, they do not narrow it), and the source filter
/// keeps it.
pub fn involves(e: &Event, filter: &[String], sources: Sources) -> bool {
    (filter.is_empty() || e.actors.iter().any(|a| filter.contains(a))) && sources.keeps(e)
}

/// What the timeline's rows are.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Rows {
    /// The article's own tracks.
    #[default]
    Article,
    /// The leading actors, then "Others".
    Actors,
    /// One row per source (its letter, outlet or title, and date), then the events that
    /// two or more sources state: a timeline of several articles.
    Sources,
}

/// The timeline as drawn: in the `rows` chosen (by actors, the leading actors, at most
/// [`LEADING`], named as the actors are, and "Others", each event in the one track
/// [`actor_tracks`] gives it; by sources, each source's events on its row and the shared ones
/// last); only the dated events that [`involves`] keeps are in its chronological order (the
/// events themselves stay, so that indexes keep their meaning). `None` when there is nothing
/// to change: the timeline is drawn as it is, and so it is by its own tracks when no event
/// names an actor (the rows would be "Others" alone, and the page then offers no switch
/// back), or, by sources, when it has one source.
pub fn arranged(t: &Timeline, rows: Rows, filter: &[String], sources: Sources) -> Option<Timeline> {
    let rows = match rows {
        Rows::Actors if t.events.iter().all(|e| e.actors.is_empty()) => Rows::Article,
        Rows::Sources if t.sources.len() < 2 => Rows::Article,
        r => r,
    };
    if rows == Rows::Article && filter.is_empty() && sources == Sources::All {
        return None;
    }
    let mut shown = t.clone();
    let (tracks, of): (Vec<Track>, Vec<usize>) = match rows {
        Rows::Article => (Vec::new(), Vec::new()),
        Rows::Actors => {
            let (leading, tracks) = leaders(t);
            let others = tracks
                .contains(&leading.len())
                .then(|| Track { id: "others".into(), label: "Others".into() });
            let named = leading
                .iter()
                .map(|&a| Track { id: t.actors[a].id.clone(), label: t.actors[a].name.clone() });
            (named.chain(others).collect(), tracks)
        }
        Rows::Sources => {
            let n = t.sources.len();
            let mut tracks = Vec::new();
            for (k, s) in t.sources.iter().enumerate() {
                let name = s.outlet.as_ref().unwrap_or(&s.title);
                let date = s.reference_date.as_deref().unwrap_or_default();
                let comma = if date.is_empty() { "" } else { ", " };
                let label = format!("{} · {name}{comma}{date}", letter(k));
                tracks.push(Track { id: s.id.clone(), label });
            }
            tracks.push(Track { id: "shared".into(), label: "Two or more sources".into() });
            let of = t.events.iter().map(|e| match e.sources()[..] {
                [s] => s,
                _ => n,
            });
            (tracks, of.collect())
        }
    };
    if rows != Rows::Article {
        shown.tracks = tracks;
        for (e, track) in shown.events.iter_mut().zip(of) {
            e.track = track;
        }
    }
    shown.chronological.retain(|&i| involves(&t.events[i], filter, sources));
    Some(shown)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::Sources::All;

    fn sample() -> Timeline {
        let json = include_str!("../../assets/events.json");
        Timeline::load(json, include_str!("../../assets/article.txt")).unwrap()
    }

    /// A timeline whose events involve `actors` (ids, `a0`… named `A0`…), one list each.
    fn with_actors(lists: &[&[&str]], undated: usize) -> Timeline {
        let mut ids: Vec<&str> = lists.iter().flat_map(|l| l.iter().copied()).collect();
        ids.sort();
        ids.dedup();
        let actors: Vec<String> = ids
            .iter()
            .map(|id| format!(r#"{{"id":"{id}","name":"{}","kind":"person"}}"#, id.to_uppercase()))
            .collect();
        let event = |i: usize, l: &[&str], date: bool| {
            let list: Vec<String> = l.iter().map(|a| format!("\"{a}\"")).collect();
            let start = if date { format!(r#""start":"{}","#, 2000 + i) } else { String::new() };
            format!(
                r#"{{"id":"e{i}",{start}"headline":"E{i}","track":"t","actors":[{}],"passages":[{{"exact":"x"}}]}}"#,
                list.join(",")
            )
        };
        let n = lists.len() - undated;
        let dated: Vec<String> = (0..n).map(|i| event(i, lists[i], true)).collect();
        let und: Vec<String> = (n..lists.len()).map(|i| event(i, lists[i], false)).collect();
        let json = format!(
            r#"{{"version":1,"title":"T","tracks":[{{"id":"t","label":"Own"}}],"actors":[{}],"events":[{}],"undated":[{}]}}"#,
            actors.join(","),
            dated.join(","),
            und.join(",")
        );
        Timeline::load(&json, "x").unwrap()
    }

    #[test]
    fn ranks_by_events_ties_in_file_order() {
        let t = with_actors(&[&["b", "a"], &["b"], &["c"], &["a"], &[], &["c", "b"]], 1);
        // Actors are a, b, c in file order; b has 3 events, a and c 2 each.
        assert_eq!(counts(&t), vec![2, 3, 2]);
        assert_eq!(ranked(&t).0, vec![1, 0, 2]);
    }

    #[test]
    fn each_event_goes_once_to_its_first_leading_actor_or_others() {
        let t = with_actors(&[&["c", "a"], &["b", "a"], &["a"], &["c"], &[]], 0);
        // Leading: a and b; c does not lead.
        let tracks = actor_tracks(&t, &[0, 1]);
        assert_eq!(tracks, vec![0, 1, 0, 2, 2]);
        // No event is lost and none is counted twice.
        assert_eq!(tracks.len(), t.events.len());
    }

    #[test]
    fn arranged_tracks_are_the_leading_actors_then_others() {
        let t = sample();
        assert_eq!(arranged(&t, Rows::Article, &[], All), None, "drawn as it is");
        let a = arranged(&t, Rows::Actors, &[], All).unwrap();
        assert!(a.tracks.len() <= LEADING + 1);
        // No empty row: every track has an event.
        for k in 0..a.tracks.len() {
            assert!(a.events.iter().any(|e| e.track == k), "{}", a.tracks[k].label);
        }
        let (ranked, n) = ranked(&t);
        assert_eq!(a.tracks[0].label, t.actors[ranked[0]].name);
        assert!(ranked.windows(2).all(|w| n[w[0]] >= n[w[1]]));
        // Same events, same order: indexes keep their meaning.
        assert_eq!(a.events.len(), t.events.len());
        assert_eq!(a.chronological, t.chronological);
        for (e, d) in t.events.iter().zip(&a.events) {
            assert_eq!(e.id, d.id);
            assert!(d.track < a.tracks.len());
            let first = e.actors.iter().find(|id| a.tracks.iter().any(|tr| tr.id == **id));
            match first {
                Some(id) => assert_eq!(&a.tracks[d.track].id, id),
                None => assert_eq!(a.tracks[d.track].label, "Others"),
            }
        }
    }

    #[test]
    fn rows_go_to_the_actors_events_name_first_and_none_is_empty() {
        // a is named first by 3 events, c and d by one each; b only after a.
        let t = with_actors(&[&["a"], &["a", "b"], &["a", "b"], &["c"], &["d", "a"]], 0);
        let (leading, tracks) = leaders(&t);
        assert_eq!(leading, vec![0, 2, 3], "b's row would be empty");
        assert_eq!(tracks, vec![0, 0, 0, 1, 2]);
    }

    #[test]
    fn the_filter_keeps_events_involving_any_chosen_actor() {
        let t = with_actors(&[&["a"], &["b"], &["a", "b"], &["c"], &[], &["a"]], 1);
        assert!(involves(&t.events[4], &[], All), "no filter keeps everything");
        let f = arranged(&t, Rows::Article, &["a".into()], All).unwrap();
        assert_eq!(f.tracks, t.tracks, "the article's own tracks");
        assert_eq!(f.chronological, vec![0, 2]);
        let either = arranged(&t, Rows::Actors, &["a".into(), "c".into()], All).unwrap();
        assert_eq!(either.chronological, vec![0, 2, 3]);
        assert!(
            involves(&t.events[5], &["a".into()], All)
                && !involves(&t.events[5], &["b".into()], All)
        );
        // Without actors, rows by actor would be "Others" alone: the article's tracks stay.
        assert_eq!(arranged(&with_actors(&[&[], &[]], 0), Rows::Actors, &[], All), None);
    }

    #[test]
    fn rows_by_source_put_each_source_on_its_row_and_shared_events_last() {
        let json = include_str!("../../tests/data/two-sources.json");
        let t = Timeline::import(json).unwrap();
        let r = arranged(&t, Rows::Sources, &[], All).unwrap();
        let labels: Vec<&str> = r.tracks.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(labels, ["A · Wire, 2024-05-02", "B · Second report", "Two or more sources"]);
        let track = |id: &str| r.events[t.find(id).unwrap()].track;
        assert_eq!((track("inv"), track("sum"), track("talk")), (2, 0, 1));
        // One source: the article's rows.
        assert_eq!(arranged(&sample(), Rows::Sources, &[], All), None);
    }
}
