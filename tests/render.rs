//! Host rendering: the components rendered to HTML with yew's `LocalServerRenderer`, checking
//! that the markup carries the contract the browser, tests and deep links rely on.

use sourceline::components::app::{App, SEED_ARTICLE, SEED_EVENTS};
use sourceline::components::article::{Article, ArticleProps};
use sourceline::components::details::details;
use sourceline::components::timeline::{timeline_view, TimelineProps};
use sourceline::components::undated::undated;
use sourceline::core::layout::layout;
use sourceline::core::model::{Sources, Timeline};
use sourceline::core::state::Action;
use std::rc::Rc;
use yew::{function_component, Callback, Html, LocalServerRenderer, Properties};

/// The timeline drawing, a plain function in the app, as a component to render here.
#[function_component(TimelineView)]
fn drawing(props: &TimelineProps) -> Html {
    timeline_view(props)
}

#[derive(Properties, PartialEq)]
struct DetailsProps {
    timeline: Rc<Timeline>,
    selected: Option<usize>,
    on_action: Callback<Action>,
    #[prop_or_default]
    embed: bool,
}

/// The undated area, a plain function in the app, as a component to render here.
#[function_component(Undated)]
fn undated_area(props: &DetailsProps) -> Html {
    undated(&props.timeline, props.selected, &props.on_action, &[], Sources::All)
}

/// The details panel, a plain function in the app, as a component to render here.
#[function_component(Details)]
fn details_panel(props: &DetailsProps) -> Html {
    details(&props.timeline, props.selected, &props.on_action, props.embed, &Callback::noop())
}

fn seed() -> Rc<Timeline> {
    Rc::new(Timeline::load(SEED_EVENTS, SEED_ARTICLE).expect("seed loads"))
}

/// The opening tags of `tag` elements in `html`.
fn tags<'a>(html: &'a str, tag: &str) -> Vec<&'a str> {
    let open = format!("<{tag} ");
    html.match_indices(&open).map(|(i, _)| &html[i..i + html[i..].find('>').unwrap_or(0)]).collect()
}

fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let at = tag.find(&key)? + key.len();
    Some(&tag[at..at + tag[at..].find('"')?])
}

#[tokio::test]
async fn the_app_renders_every_event_control_and_passage() {
    let html = LocalServerRenderer::<App>::new().hydratable(false).render().await;
    let t = seed();
    for e in &t.events {
        let controls = html.matches(&format!("data-event-id=\"{}\"", e.id)).count();
        assert_eq!(controls, 1, "one control for {}", e.id);
        let marked = tags(&html, "mark")
            .iter()
            .filter(|m| attr(m, "data-events").is_some_and(|v| v.split(' ').any(|id| id == e.id)))
            .count();
        assert!(marked >= e.passages.len(), "{} has a mark per passage", e.id);
    }
    assert!(html.contains("Undated: at the time of writing"));
    assert!(!html.contains("aria-current"), "nothing is selected at first");
    assert!(html.contains("<svg") && html.contains("class=\"timeline\""));
}

#[tokio::test]
async fn timeline_controls_are_named_focusable_and_mark_the_selection() {
    let t = seed();
    let sel = t.find("bucharest-summit-2008");
    let props = TimelineProps {
        timeline: t.clone(),
        layout: Rc::new(layout(&t, 1000.0, None)),
        selected: sel,
        on_action: Callback::noop(),
        dragged: Default::default(),
    };
    let html =
        LocalServerRenderer::<TimelineView>::with_props(props).hydratable(false).render().await;
    let controls: Vec<&str> =
        tags(&html, "a").into_iter().filter(|g| attr(g, "data-event-id").is_some()).collect();
    assert_eq!(controls.len(), t.chronological.len());
    for g in &controls {
        assert_eq!(attr(g, "role"), Some("button"));
        // A link, for the page without JavaScript (the prerendered first view).
        let id = attr(g, "data-event-id").unwrap_or_default();
        assert_eq!(attr(g, "href"), Some(format!("#event={id}").as_str()));
        let name = attr(g, "aria-label").unwrap_or_default();
        let id = attr(g, "data-event-id").unwrap_or_default();
        let e = &t.events[t.find(id).unwrap()];
        assert!(name.contains(&e.headline), "{name}");
        let year = e.when.unwrap().start.year.to_string();
        assert!(name.contains(&year) || name.contains("2000s"), "{name} has its date");
        let current = attr(g, "aria-current") == Some("true");
        assert_eq!(current, id == "bucharest-summit-2008");
        // One tab stop: the selected control.
        assert_eq!(attr(g, "tabindex") == Some("0"), current, "{id}");
    }
    assert!(
        html.contains(">since early 2000s Russia opposes NATO expansion<"),
        "imprecise date label"
    );
    assert!(html.contains("class=\"shape fuzzy\""), "imprecise date drawn as a soft band");
    assert!(html.contains("class=\"shape arrow\""), "ongoing ranges drawn open");
}

#[tokio::test]
async fn article_marks_carry_their_events_and_the_selection() {
    let t = seed();
    let sel = t.find("full-scale-invasion-2022");
    let props =
        ArticleProps { timeline: t.clone(), selected: sel, tab: None, on_action: Callback::noop() };
    let html = LocalServerRenderer::<Article>::with_props(props).hydratable(false).render().await;
    let marks = tags(&html, "mark");
    let current: Vec<&&str> = marks.iter().filter(|m| attr(m, "aria-current").is_some()).collect();
    assert!(current.len() >= 2, "both passages of the invasion are current");
    for m in &marks {
        let events = attr(m, "data-events").unwrap_or_default();
        let is_current = events.split(' ').any(|id| id == "full-scale-invasion-2022");
        assert_eq!(attr(m, "aria-current").is_some(), is_current, "{m}");
    }
    // The shared clause lists both events.
    assert!(
        marks
            .iter()
            .any(|m| attr(m, "data-events")
                == Some("full-scale-invasion-2022 lavrov-sanctioned-2022"))
    );
    // Text is escaped, never rendered as markup.
    assert!(html.contains("“will become members of NATO”"));
}

#[tokio::test]
async fn details_list_the_actors_its_passages_name() {
    let t = seed();
    let props = DetailsProps {
        timeline: t.clone(),
        selected: t.find("bucharest-summit-2008"),
        on_action: Callback::noop(),
        embed: false,
    };
    let html = LocalServerRenderer::<Details>::with_props(props).hydratable(false).render().await;
    // In the order the event lists them, by their names.
    assert!(html.contains("<dt>Actors</dt><dd>NATO, Ukraine, Georgia, Russia</dd>"), "{html}");
    // An event whose passages name no one lists none.
    let props = DetailsProps {
        timeline: t.clone(),
        selected: t.find("full-scale-invasion-2022"),
        on_action: Callback::noop(),
        embed: false,
    };
    let html = LocalServerRenderer::<Details>::with_props(props).hydratable(false).render().await;
    assert!(!html.contains("Actors"));
}

#[tokio::test]
async fn details_show_dates_summary_and_quotes() {
    let t = seed();
    let sel = t.find("opposition-to-nato-expansion");
    let props = DetailsProps {
        timeline: t.clone(),
        selected: sel,
        on_action: Callback::noop(),
        embed: false,
    };
    let html = LocalServerRenderer::<Details>::with_props(props).hydratable(false).render().await;
    assert!(html.contains("“since the early 2000s”"), "as stated");
    assert!(html.contains("early 2000s – ongoing"), "as normalized");
    assert!(html.contains("200 (START)/PRESENT_REF"), "TimeML value");
    assert!(html.contains("Russia opposes NATO expansion"));
    assert_eq!(html.matches("<blockquote>").count(), 1);
    assert!(html.contains("Show in text"));
}

#[tokio::test]
async fn in_the_embed_view_details_have_no_editor_and_no_way_to_the_absent_article() {
    let t = seed();
    let render = |selected| {
        let props = DetailsProps {
            timeline: t.clone(),
            selected,
            on_action: Callback::noop(),
            embed: true,
        };
        LocalServerRenderer::<Details>::with_props(props).hydratable(false).render()
    };
    let html = render(t.find("bucharest-summit-2008")).await;
    assert!(html.contains("<blockquote>"), "the passage, quoted");
    assert!(!html.contains("Show in text"));
    assert!(!html.contains("Edit this event"));
    assert_eq!(render(None).await, "", "nothing while no event is selected");
}

#[tokio::test]
async fn the_share_panel_offers_the_link_and_an_escaped_iframe_snippet() {
    use sourceline::components::share::share;
    #[yew::function_component]
    fn Shared(props: &SharedProps) -> yew::Html {
        let t = Timeline { title: "Tom & \"Jerry\"".into(), ..(*props.t).clone() };
        share(&props.href, &t, t.find("bucharest-summit-2008"), props.own)
    }
    #[derive(yew::Properties, PartialEq)]
    struct SharedProps {
        t: Rc<Timeline>,
        href: String,
        own: bool,
    }
    let render = |href: &str, own| {
        let props = SharedProps { t: seed(), href: href.into(), own };
        LocalServerRenderer::<Shared>::with_props(props).hydratable(false).render()
    };
    // Drawn closed, and empty, where the page's address is not known (the prerendered page).
    assert_eq!(
        render("", false).await,
        "<details class=\"share\"><summary class=\"button\">Share</summary></details>"
    );
    let html = render("https://h/s/index.html?data=d.json&embed#event=x", true).await;
    let inputs = tags(&html, "input");
    assert_eq!(inputs.len(), 2);
    assert_eq!(attr(inputs[0], "id"), Some("share-link"));
    assert_eq!(
        attr(inputs[0], "value"),
        Some("https://h/s/index.html?data=d.json#event=bucharest-summit-2008")
    );
    assert_eq!(
        attr(inputs[1], "value"),
        Some("&lt;iframe src=&quot;https://h/s/embed.html?data=d.json#event=bucharest-summit-2008&quot; \
              title=&quot;Timeline: Tom &amp;amp; &amp;quot;Jerry&amp;quot;&quot; width=&quot;100%&quot; \
              height=&quot;640&quot; loading=&quot;lazy&quot;&gt;&lt;/iframe&gt;")
    );
    assert!(inputs.iter().all(|i| i.contains(" readonly")));
    for (id, label) in [("share-link", "Link to this view"), ("share-embed", "Embed code (iframe)")]
    {
        assert!(html.contains(&format!("<label for=\"{id}\">{label}</label>")), "{id} is labelled");
    }
    assert!(html.contains("role=\"status\""), "a live region for the copy's outcome");
    assert!(html.contains("stays in this browser"), "the reader's own article is not in the link");
    assert!(!render("https://h/", false).await.contains("stays in this browser"));
}

#[tokio::test]
async fn undated_items_are_controls_apart_from_the_timeline() {
    let t = seed();
    let props = DetailsProps {
        timeline: t.clone(),
        selected: t.find("peace-plan"),
        on_action: Callback::noop(),
        embed: false,
    };
    let html = LocalServerRenderer::<Undated>::with_props(props).hydratable(false).render().await;
    let links = tags(&html, "a");
    assert_eq!(links.len(), 4);
    assert!(links.iter().all(|a| attr(a, "role") == Some("button")
        && attr(a, "href")
            == attr(a, "data-event-id").map(|id| format!("#event={id}")).as_deref()));
    assert_eq!(links.iter().filter(|b| attr(b, "aria-current").is_some()).count(), 1);
}

#[tokio::test]
async fn the_full_app_carries_zoom_controls_and_the_editor() {
    use sourceline::components::explorer::use_explorer;
    /// The explorer, a hook of the page, as a component to render here.
    #[function_component(Explorer)]
    fn explorer(props: &TimelineProps) -> Html {
        use_explorer(props, true)
    }
    let t = seed();
    let props = TimelineProps {
        timeline: t.clone(),
        layout: Rc::new(layout(&t, 1000.0, None)),
        selected: None,
        on_action: Callback::noop(),
        dragged: Default::default(),
    };
    let html = LocalServerRenderer::<Explorer>::with_props(props).hydratable(false).render().await;
    for label in ["Zoom in", "Zoom out", "Fit everything"] {
        assert!(html.contains(&format!("aria-label=\"{label}\"")), "{label}");
    }
    assert!(html.contains("class=\"timeline-surface\""));
    let sel = t.find("bucharest-summit-2008");
    let props = DetailsProps {
        timeline: t.clone(),
        selected: sel,
        on_action: Callback::noop(),
        embed: false,
    };
    let html = LocalServerRenderer::<Details>::with_props(props).hydratable(false).render().await;
    // The editor starts closed, with its controls built only once it opens (the browser tests
    // open it and use them): a merge list of every event is not made on each selection.
    assert!(html.contains("<details class=\"editor\"><summary>Edit this event</summary></details>"));
    for control in ["edit-headline", "edit-start", "edit-end", "edit-merge"] {
        assert!(!html.contains(&format!("id=\"{control}\"")), "{control}");
    }
}

/// The actor bar, a plain function in the app, as a component to render here.
#[derive(Properties, PartialEq)]
struct BarProps {
    state: Rc<sourceline::core::state::AppState>,
}

#[function_component(Bar)]
fn bar(props: &BarProps) -> Html {
    sourceline::components::actors::actor_bar(&props.state, &Callback::noop())
}

#[tokio::test]
async fn actor_chips_are_toggle_buttons_with_counts_and_mark_the_selected_events_actors() {
    use sourceline::core::state::AppState;
    let t = seed();
    let render = |state: AppState| async move {
        let props = BarProps { state: Rc::new(state) };
        LocalServerRenderer::<Bar>::with_props(props).hydratable(false).render().await
    };
    let s = AppState::showing(t.clone(), sourceline::core::state::Origin::Sample);
    let html = render(s.clone()).await;
    let buttons = tags(&html, "button");
    // "Article", "Actors", a chip per actor with events, "All actors".
    assert_eq!(buttons.len(), 2 + s.ranked.0.len() + 1);
    assert!(buttons.iter().all(|b| attr(b, "type") == Some("button")
        && matches!(attr(b, "aria-pressed"), Some("true" | "false"))));
    assert!(html.contains("aria-label=\"Tracks by\""));
    let first = &t.actors[s.ranked.0[0]];
    let n = s.ranked.1[s.ranked.0[0]];
    assert!(html.contains(&format!("{}<span class=\"count\">{n}</span>", first.name)), "{html}");
    assert!(html.contains(&format!("All {} events", t.events.len())));
    assert!(!html.contains("in-event"), "nothing selected, nothing marked");
    // Selected and filtered: the event's actors are marked, the chosen chip pressed.
    let sel = s
        .reduce(Action::Select("crimea-annexation-2014".into()))
        .reduce(Action::ToggleActor("rus".into()));
    let html = render(sel.clone()).await;
    assert_eq!(html.matches("class=\"chip involved\"").count(), 1);
    assert_eq!(html.matches("aria-pressed=\"true\"").count(), 2, "Article and Russia");
    assert!(html.contains(&format!("{} of {} events", sel.shown, t.events.len())));
}
