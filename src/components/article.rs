//! The article, with every passage a `<mark data-events="…">`; clicking one selects its event.
//!
//! A long article is drawn in steps: its first blocks of passages with the timeline, then a
//! few more blocks whenever the browser is idle, so that ten thousand passages never hold up
//! the first drawing, nor freeze the page or a zoom started just after it. A block is its own
//! component, so a change of selection redraws only the blocks that hold the old or the new selected event; each block
//! is also a box of its own (CSS), so a block added later lays out only itself, not its whole
//! paragraph again.

use crate::components::event_name;
use crate::core::model::{letter, Segment, Sources, Timeline};
use crate::core::state::Action;
use std::ops::Range;
use std::rc::Rc;
use yew::prelude::*;

/// Segments per block.
const BLOCK: usize = 200;
/// Segments drawn at first, with the timeline.
const FIRST: usize = 200;
/// Blocks added each time the browser is idle until the whole article is drawn: about 400
/// segments, some 6 ms of work, which fits the idle time of most frames.
const STEP: usize = 2;

/// Props of [`Article`].
#[derive(Properties)]
pub struct ArticleProps {
    /// The article and its events.
    pub timeline: Rc<Timeline>,
    /// The selected event.
    pub selected: Option<usize>,
    /// The one source shown, of a timeline of several; `None`, all.
    pub tab: Option<usize>,
    /// Where actions go.
    pub on_action: Callback<Action>,
}

// Props compare their timeline by pointer: a timeline is replaced, never changed in place, so
// the same pointer is the same timeline; comparing contents (as `Rc`'s own `==` does for a type
// with floats in it) would go through every event and the whole text at each redraw, in code
// of its own (0.4 KB of the first load).
impl PartialEq for ArticleProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.timeline, &other.timeline)
            && (self.selected, self.tab, &self.on_action)
                == (other.selected, other.tab, &other.on_action)
    }
}

/// Which of a passage's events a click selects: the one after the selected one when the
/// passage states several, so repeated clicks cycle through them.
pub fn next_of(events: &[usize], selected: Option<usize>) -> Option<usize> {
    let at = selected.and_then(|s| events.iter().position(|&e| e == s));
    match at {
        Some(p) => events.get((p + 1) % events.len()).copied(),
        None => events.first().copied(),
    }
}

/// The article split for drawing: its paragraphs, and blocks of at most [`BLOCK`] segments
/// that never cross a paragraph, as (paragraph, segment range) in reading order.
#[derive(PartialEq, Eq)]
pub struct Blocks {
    /// Paragraphs of segments, as [`Timeline::paragraphs`] gives them.
    pub paragraphs: Vec<Vec<Segment>>,
    /// The blocks.
    pub blocks: Vec<(usize, Range<usize>)>,
    /// For each block, how many segments come before it.
    pub before: Vec<usize>,
    /// The part of the text drawn: one source's.
    pub within: Range<usize>,
}

impl Blocks {
    /// Splits the paragraphs of `t` that lie `within` a byte range (a source's text) into
    /// blocks.
    pub fn new(t: &Timeline, within: Range<usize>) -> Blocks {
        let paragraphs = t.paragraphs();
        let (mut blocks, mut before, mut n) = (Vec::new(), Vec::new(), 0);
        for (p, segs) in paragraphs.iter().enumerate() {
            if !segs.first().is_some_and(|s| within.contains(&s.range.start)) {
                continue;
            }
            for a in (0..segs.len()).step_by(BLOCK) {
                let b = (a + BLOCK).min(segs.len());
                blocks.push((p, a..b));
                before.push(n);
                n += b - a;
            }
        }
        Blocks { paragraphs, blocks, before, within }
    }

    /// True when the block of paragraph `p`, segments `segs`, holds a passage of event `e`.
    fn holds(&self, p: usize, segs: &Range<usize>, e: usize) -> bool {
        let segments = self.paragraphs.get(p).and_then(|s| s.get(segs.clone()));
        segments.unwrap_or_default().iter().any(|s| s.events.contains(&e))
    }

    /// How many blocks hold the first `segments` segments.
    fn within(&self, segments: usize) -> usize {
        self.before.partition_point(|&n| n < segments)
    }

    /// How many blocks must be drawn for the first passage of event `e` in the text drawn
    /// to be in the page.
    pub fn needed_for(&self, t: &Timeline, e: Option<usize>) -> usize {
        let passages = e.and_then(|e| t.events.get(e)).map(|e| e.passages.iter());
        let start = passages.and_then(|mut ps| ps.find(|p| self.within.contains(&p.range.start)));
        let Some(start) = start.map(|p| p.range.start) else {
            return 0;
        };
        let first_byte = |&(p, ref segs): &(usize, Range<usize>)| {
            self.paragraphs.get(p).and_then(|s| s.get(segs.start)).map_or(0, |s| s.range.start)
        };
        self.blocks.partition_point(|b| first_byte(b) <= start)
    }
}

/// The article text with its passages marked.
#[function_component(Article)]
pub fn article(props: &ArticleProps) -> Html {
    let t = &props.timeline;
    // One source alone, when the tabs choose it.
    let source = props.tab.and_then(|s| t.sources.get(s));
    let within = source.map_or(0..t.text.len(), |s| s.range.clone());
    let key = Rc::as_ptr(t) as usize + props.tab.map_or(0, |s| s + 1);
    let parts = use_memo(key, {
        let t = t.clone();
        move |_| Blocks::new(&t, within)
    });
    let total = parts.blocks.len();
    let limit = {
        // (timeline, blocks drawn so far): a new article starts again from the first blocks.
        // Kept in a cell, with a redraw asked for when it grows (by setting a flag state, of a
        // type the page has already: any set redraws), rather than in a state of a type of its
        // own, which would add its own code to the wasm.
        let first = parts.within(FIRST);
        let drawn = use_mut_ref(|| (key, first));
        let redraw = use_state(|| false);
        let so_far = match *drawn.borrow() {
            (k, n) if k == key => n,
            _ => first,
        };
        // A selected passage further down is drawn at once, so that it can be scrolled to.
        let limit = so_far.max(parts.needed_for(t, props.selected)).min(total);
        use_effect_with((key, limit), move |&(key, limit)| {
            let more = move || {
                *drawn.borrow_mut() = (key, limit + STEP);
                redraw.set(!*redraw);
            };
            let timer = (limit < total).then(|| crate::components::dom::when_idle(more));
            move || drop(timer)
        });
        limit
    };

    // Blocks are components, redrawn only when they change, as articles can be long.
    let paras = {
        // Keyed by where they start: unkeyed, a paragraph that grows by a step would pair
        // its old blocks with new ones and draw every one of them again.
        let block = |(p, segs): &(usize, Range<usize>)| {
            let selected = props.selected.filter(|&e| parts.holds(*p, segs, e));
            html! {
                <Passages key={segs.start} timeline={t.clone()} parts={parts.clone()} para={*p}
                    segs={segs.clone()} {selected} on_action={props.on_action.clone()} />
            }
        };
        let drawn = parts.blocks.get(..limit).unwrap_or_default();
        drawn
            .chunk_by(|a, b| a.0 == b.0)
            .map(|run| paragraph(t, &parts, run[0].0, run.iter().map(block).collect()))
            .collect::<Vec<Html>>()
    };
    html! {
        <article class="article" id="article-body" aria-busy={(limit < total).then_some("true")}>{ for paras }</article>
    }
}

/// The source tabs of a timeline of several sources (nothing for one): all sources, each
/// source (its letter and colour, title, outlet, date and count of marked passages), the
/// events two or more state and those whose sources disagree (with their counts). A tab is
/// also the timeline's source filter, and the one of a source shows its text alone. A plain
/// function of the page (each component type costs the first load some 0.5 KB), with one
/// click and one key handler for the bar ([`tab_event`]).
pub fn tabs(t: &Timeline, shown: Sources, on: &Callback<Action>) -> Html {
    let n = t.sources.len();
    if n < 2 {
        return Html::default();
    }
    let mut marked = vec![0; n];
    for p in t.events.iter().flat_map(|e| &e.passages) {
        if let Some(k) = marked.get_mut(p.source) {
            *k += 1;
        }
    }
    let count = |f: Sources| t.events.iter().filter(|e| f.keeps(e)).count();
    let tab = |k: usize, class: &'static str, label: Html| {
        source_tab(k, class, label, tab_filter(k, n) == shown)
    };
    let sources = t.sources.iter().enumerate().map(|(k, s)| {
        let mut about = String::new();
        for part in [&s.outlet, &s.reference_date].into_iter().flatten() {
            about.push_str(part);
            about.push_str(", ");
        }
        let label = html! {
            <><span class="letter" aria-hidden="true">{ letter(k) }</span>{ &s.title }
            <span class="note">{ " " }{ about }{ marked[k] }{ " marked" }</span></>
        };
        tab(k + 1, SOURCE_TABS[k % 6], label)
    });
    let onclick = {
        let on = on.clone();
        Callback::from(move |e: MouseEvent| tab_event(&e, None, n, &on))
    };
    let onkeydown = {
        let on = on.clone();
        Callback::from(move |e: KeyboardEvent| tab_event(&e, Some(&e.key()), n, &on))
    };
    html! {
        <div class="sources" {onclick}>
            <div role="tablist" aria-label="Sources" {onkeydown}>
                { tab(0, "source-tab", html! { "All sources" }) }
                { for sources }
                { tab(n + 1, "source-tab", html! { <>{ "Stated by two or more " }<span class="note">{ count(Sources::Shared) }</span></> }) }
                { tab(n + 2, "source-tab", html! { <>{ "Disagreements " }<span class="note">{ count(Sources::Disagree) }</span></> }) }
            </div>
        </div>
    }
}

/// A click (`key` none) or a key on the source tabs of `n` sources: a click shows the tab
/// clicked (found by its `data-k`); arrow keys, Home and End move the focus to another tab and
/// show it (the tabs pattern: only the shown tab is in the Tab order). One handler for
/// both, as each handler is code of its own.
#[inline(never)]
fn tab_event(e: &Event, key: Option<&str>, n: usize, on: &Callback<Action>) {
    let el = e.target_unchecked_into::<web_sys::Element>().closest("[data-k]");
    let k = el.ok().flatten().and_then(|el| el.get_attribute("data-k"));
    let Some(Ok(k)) = k.as_deref().map(str::parse::<usize>) else {
        return;
    };
    let to = match key {
        None => k,
        Some("ArrowRight") => (k + 1) % (n + 3),
        Some("ArrowLeft") => (k + n + 2) % (n + 3),
        Some("Home") => 0,
        Some("End") => n + 2,
        Some(_) => return,
    };
    if key.is_some() {
        e.prevent_default();
        if let Some(tab) = crate::components::dom::query(&format!("[role=tab][data-k=\"{to}\"]")) {
            crate::components::dom::focus(&tab);
        }
    }
    on.emit(Action::Sources(tab_filter(to, n)));
}

/// The source filter of tab `k` of `n` sources: 0 all, 1 to n each source, n + 1 shared,
/// n + 2 disagreements.
fn tab_filter(k: usize, n: usize) -> Sources {
    match k {
        0 => Sources::All,
        k if k <= n => Sources::Only(k - 1),
        k if k == n + 1 => Sources::Shared,
        _ => Sources::Disagree,
    }
}

/// Tab `k` of the source tabs ([`tabs`]).
#[inline(never)]
fn source_tab(k: usize, class: &'static str, label: Html, selected: bool) -> Html {
    html! {
        <button type="button" role="tab" {class} data-k={k.to_string()}
            aria-selected={if selected { "true" } else { "false" }} aria-controls="article-body"
            tabindex={if selected { "0" } else { "-1" }}>
            { label }
        </button>
    }
}

/// The classes of a source's tab, by its number modulo 6: its colour, as its row has it.
const SOURCE_TABS: [&str; 6] = [
    "source-tab track-0",
    "source-tab track-1",
    "source-tab track-2",
    "source-tab track-3",
    "source-tab track-4",
    "source-tab track-5",
];

/// A paragraph element around its blocks: a source's own headline, when it opens that
/// source's text, is a heading (in all sources' text as in one source's).
fn paragraph(t: &Timeline, parts: &Blocks, p: usize, blocks: Vec<Html>) -> Html {
    let start = |p: usize| parts.paragraphs.get(p)?.first().map(|s| s.range.clone());
    let first = start(p).unwrap_or_default();
    let source = t.sources.get(t.source_at(first.start));
    let (title, from) = source.map_or((&t.title, 0), |s| (&s.title, s.range.start));
    let opens = p == 0 || start(p - 1).is_none_or(|r| r.start < from);
    if opens && t.text.get(first).unwrap_or_default().trim() == title.trim() {
        html! { <h3 class="headline">{ for blocks }</h3> }
    } else {
        html! { <p>{ for blocks }</p> }
    }
}

/// Props of [`Passages`].
#[derive(Properties)]
struct PassagesProps {
    timeline: Rc<Timeline>,
    parts: Rc<Blocks>,
    para: usize,
    segs: Range<usize>,
    /// The selected event, only when this block holds one of its passages.
    selected: Option<usize>,
    on_action: Callback<Action>,
}

// The timeline by pointer, as in [`ArticleProps`].
impl PartialEq for PassagesProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.timeline, &other.timeline)
            && (&self.parts, self.para, &self.segs, self.selected, &self.on_action)
                == (&other.parts, other.para, &other.segs, other.selected, &other.on_action)
    }
}

/// One block of a paragraph: its text, with its passages marked.
#[function_component(Passages)]
fn passages(props: &PassagesProps) -> Html {
    let segments = props.parts.paragraphs.get(props.para).and_then(|s| s.get(props.segs.clone()));
    let segs = segments.unwrap_or_default().iter();
    let marks = segs.map(|s| segment(&props.timeline, s, props.selected, &props.on_action));
    html! { <span class="passages">{ for marks }</span> }
}

/// A run of text: plain, or a passage as a `<mark>` that selects its event.
fn segment(t: &Rc<Timeline>, s: &Segment, selected: Option<usize>, on: &Callback<Action>) -> Html {
    let text = t.text.get(s.range.clone()).unwrap_or_default();
    if s.events.is_empty() {
        return html! { { text } };
    }
    let ids: Vec<&str> =
        s.events.iter().filter_map(|&i| t.events.get(i)).map(|e| e.id.as_str()).collect();
    let current = selected.is_some_and(|sel| s.events.contains(&sel));
    let names: Vec<String> =
        s.events.iter().filter_map(|&i| t.events.get(i)).map(event_name).collect();
    let pick = {
        let (on, t, events) = (on.clone(), t.clone(), s.events.clone());
        move || {
            if let Some(e) = next_of(&events, selected).and_then(|i| t.events.get(i)) {
                on.emit(Action::SelectFromText(e.id.clone()));
            }
        }
    };
    let onclick = {
        let pick = pick.clone();
        Callback::from(move |_: MouseEvent| pick())
    };
    let onkeydown = Callback::from(move |ev: KeyboardEvent| {
        if ev.key() == "Enter" || ev.key() == " " {
            ev.prevent_default();
            pick();
        }
    });
    // Where the timeline's links (`#event=<id>`) lead on the page without JavaScript: an
    // anchor before each event's first passage.
    let first = |&i: &usize| {
        let e = t.events.get(i)?;
        let start = e.passages.first()?.range.start;
        s.range
            .contains(&start)
            .then(|| html! { <span class="anchor" id={format!("event={}", e.id)}></span> })
    };
    let anchors = s.events.iter().filter_map(first);
    html! {
        <>{ for anchors }<mark id={format!("p-{}", s.range.start)} class={if current { "passage current" } else { "passage" }}
            data-events={ids.join(" ")} aria-current={current.then_some("true")}
            tabindex="0" title={format!("On the timeline: {}", names.join("; "))}
            {onclick} {onkeydown}>{ text }</mark></>
    }
}

#[cfg(test)]
mod tests {
    use super::next_of;

    #[test]
    fn clicks_cycle_through_a_passages_events() {
        assert_eq!(next_of(&[3, 5], None), Some(3));
        assert_eq!(next_of(&[3, 5], Some(3)), Some(5));
        assert_eq!(next_of(&[3, 5], Some(5)), Some(3));
        assert_eq!(next_of(&[3, 5], Some(9)), Some(3));
        assert_eq!(next_of(&[], None), None);
    }
}
