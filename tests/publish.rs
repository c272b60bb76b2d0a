//! Publishing a site with a timeline of its own (`make dist DATA=…` or `ARTICLE=… DATE=…`):
//! the prerender step (`src/bin/prerender.rs`, the build's hook) run as the build runs it, on a
//! page like the one Trunk writes, with the environment the Makefile gives it.

use sourceline::components::app::{SEED_ARTICLE, SEED_EVENTS};
use sourceline::core::model::Timeline;
use sourceline::core::prerender::seed_article;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The page as Trunk's minifier leaves it, before the hook: an empty `#app`.
const PAGE: &str = "<!doctype html><html lang=en><head><meta charset=utf-8>\
    <title>Sourceline: Putin Refuses Trump’s Peace Initiative, as a timeline</title>\
    <meta content=\"A news article as an interactive timeline.\" name=description></head>\
    <body><noscript><p class=note>Without JavaScript this is the sample timeline as a plain page.</p>\
    </noscript><div id=app></div><div class=fatal hidden id=fatal></div></body></html>";

/// A fresh folder of its own under the system's temporary one.
fn folder(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("sourceline-publish-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    dir
}

/// Environment variables that name files: `SOURCELINE_DATA` or `SOURCELINE_ARTICLE`.
type Vars<'a> = &'a [(&'a str, &'a Path)];

/// Runs the prerender step on `page` with only the given `SOURCELINE_*` variables set.
fn prerender(page: &Path, vars: Vars, date: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_prerender"));
    cmd.arg(page);
    for v in ["SOURCELINE_DATA", "SOURCELINE_ARTICLE", "SOURCELINE_DATE", "TRUNK_STAGING_DIR"] {
        cmd.env_remove(v);
    }
    for (k, v) in vars {
        cmd.env(k, v);
    }
    if let Some(d) = date {
        cmd.env("SOURCELINE_DATE", d);
    }
    cmd.output().expect("the prerender step runs")
}

/// The text of the script element `id` in `html`.
fn script<'a>(html: &'a str, id: &str) -> &'a str {
    let open = format!("<script type=\"application/json\" id=\"{id}\">");
    let at = html.find(&open).map(|i| i + open.len()).expect("the script element");
    &html[at..at + html[at..].find("</script>").expect("its end")]
}

/// The timeline the page carries for the app (its `seed-events` and `seed-article`).
fn carried(html: &str) -> Timeline {
    let article = seed_article(script(html, "seed-article")).expect("the article is a JSON string");
    Timeline::load(script(html, "seed-events"), article).expect("the page's timeline loads")
}

#[test]
fn without_data_the_page_carries_the_sample() {
    let dir = folder("sample");
    let page = dir.join("index.html");
    std::fs::write(&page, PAGE).expect("the page is written");
    let out = prerender(&page, &[], None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let html = std::fs::read_to_string(&page).expect("the page");
    assert!(html.contains(
        "<title>Sourceline: Putin Refuses Trump’s Peace Initiative, as a timeline</title>"
    ));
    assert!(html.contains("this is the sample timeline"));
    let seed = Timeline::load(SEED_EVENTS, SEED_ARTICLE).expect("the seed loads");
    assert_eq!(carried(&html), seed);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_dataset_is_published_in_place_of_the_sample() {
    let dir = folder("data");
    let mut own = Timeline::load(SEED_EVENTS, SEED_ARTICLE).expect("the seed loads");
    own.title = "Our <own> & only".into();
    own.events.retain(|e| e.id != "bucharest-summit-2008");
    let own = Timeline::import(&own.export()).expect("the export reads back");
    let data = dir.join("own.sourceline.json");
    std::fs::write(&data, own.export()).expect("the dataset is written");
    let page = dir.join("index.html");
    std::fs::write(&page, PAGE).expect("the page is written");
    let out = prerender(&page, &[("SOURCELINE_DATA", &data)], None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let html = std::fs::read_to_string(&page).expect("the page");
    assert_eq!(carried(&html), own, "the app's default is the published timeline");
    // Drawn into the page, titled after it.
    assert!(html.contains("<h1>Our &lt;own&gt; &amp; only</h1>"), "the prerendered view");
    assert!(!html.contains("data-event-id=\"bucharest-summit-2008\""));
    assert!(html.contains("data-event-id=\"crimea-annexation-2014\""));
    assert!(html.contains("<title>Sourceline: Our &lt;own&gt; &amp; only, as a timeline</title>"));
    assert!(html.contains("<meta content=\"“Our &lt;own&gt; &amp; only”, a news article"));
    assert!(html.contains("this is the timeline as a plain page"));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn an_article_is_tagged_at_build_time_with_its_date() {
    let dir = folder("article");
    let article = dir.join("news.txt");
    std::fs::write(
        &article,
        "Wall anniversary\nThe wall fell in 1989. Last year the city voted.\n",
    )
    .expect("the article is written");
    let page = dir.join("index.html");
    std::fs::write(&page, PAGE).expect("the page is written");
    let out = prerender(&page, &[("SOURCELINE_ARTICLE", &article)], Some("2008-03-03"));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let html = std::fs::read_to_string(&page).expect("the page");
    let t = carried(&html);
    assert_eq!(t.title, "Wall anniversary");
    assert_eq!(t.reference_date.as_deref(), Some("2008-03-03"));
    let labels: Vec<String> = t.events.iter().filter_map(|e| e.when.map(|w| w.label())).collect();
    assert_eq!(labels, ["1989", "2007"]);
    assert!(html.contains("<title>Sourceline: Wall anniversary, as a timeline</title>"));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_bad_dataset_or_a_missing_date_fails_the_build_and_says_why() {
    let dir = folder("bad");
    let bad = dir.join("bad.json");
    std::fs::write(&bad, "{\"version\": 1, \"title\": \"x\"}").expect("the file is written");
    let page = dir.join("index.html");
    std::fs::write(&page, PAGE).expect("the page is written");
    let cases: [(Vars, Option<&str>, &str); 4] = [
        (&[("SOURCELINE_DATA", &bad)], None, "DATA= is not a Sourceline dataset"),
        (&[("SOURCELINE_DATA", &dir.join("missing.json"))], None, "missing.json (DATA=)"),
        (&[("SOURCELINE_ARTICLE", &bad)], None, "ARTICLE= needs DATE=YYYY-MM-DD"),
        (&[("SOURCELINE_ARTICLE", &bad)], Some("2008-02-30"), "is not a date written YYYY-MM-DD"),
    ];
    for (vars, date, says) in cases {
        let out = prerender(&page, vars, date);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{says}: fails");
        assert!(err.contains(says), "{says}: {err}");
        assert_eq!(
            std::fs::read_to_string(&page).ok().as_deref(),
            Some(PAGE),
            "the page is left alone"
        );
    }
    let _ = std::fs::remove_dir_all(dir);
}
