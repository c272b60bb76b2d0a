//! Putting the prerendered first view into the built page (see `src/bin/prerender.rs`).
//!
//! The view is rendered twice, for a wide and a narrow screen, as its drawings are laid out
//! for a width. The page carries the wide rendering, and each drawing that differs is there
//! in both forms, of which the page's styles show the one for the screen (`.prerender-wide`,
//! `.prerender-narrow`): everything else is the same in both. The page also carries the
//! sample's data for the app (see [`seed_scripts`]).
//!
//! A site can be published with a timeline of its own in place of the sample (`make dist
//! DATA=…` or `ARTICLE=… DATE=…`, see [`publication`]): the page then carries that one, and
//! its title and description name it ([`retitled`]).

use crate::core::model::Timeline;
use crate::core::{date, extract, input, json, share::escape};

/// `page` with `view` inside its empty `<div id="app">`, as written in `index.html` or as
/// Trunk's minifier leaves it (`<div id=app>`); `None` when the page has no such element,
/// or already holds a view.
pub fn insert(page: &str, view: &str) -> Option<String> {
    let open = ["<div id=\"app\">", "<div id=app>"].into_iter().find(|o| page.contains(o))?;
    let at = page.find(open)? + open.len();
    let rest = page.get(at..)?;
    if !rest.trim_start().starts_with("</div>") {
        return None;
    }
    Some(format!("{}{view}{rest}", &page[..at]))
}

/// The sample timeline's data as the page carries it for the app, which then need not carry
/// it in its wasm: two JSON script elements (never run: `application/json`), the events
/// (compact) and the article (a JSON string). Every `<` is written `\u003c`, so that no text
/// can end the element early. `None` when `events` is not JSON.
pub fn seed_scripts(events: &str, article: &str) -> Option<String> {
    let events = json::write(&json::parse(events).ok()?, false);
    let mut w = json::Writer::new(false);
    w.string(article);
    let article = w.finish();
    let script = |id: &str, body: &str| {
        format!(
            "<script type=\"application/json\" id=\"{id}\">{}</script>",
            body.replace('<', "\\u003c")
        )
    };
    Some(script(SEED_EVENTS_ID, &events) + &script(SEED_ARTICLE_ID, &article))
}

/// The id of the script element that holds the sample's events.
pub const SEED_EVENTS_ID: &str = "seed-events";
/// The id of the script element that holds the sample's article, as a JSON string.
pub const SEED_ARTICLE_ID: &str = "seed-article";

/// The article text from its script element's content (see [`seed_scripts`]).
pub fn seed_article(json_string: &str) -> Option<String> {
    let mut r = json::Reader::new(json_string);
    let text = r.string().ok()??.into_owned();
    r.finish().ok()?;
    Some(text)
}

/// `page` with `html` just before its `</body>`; `None` when it has none.
pub fn before_body_end(page: &str, html: &str) -> Option<String> {
    let at = page.rfind("</body>")?;
    Some(format!("{}{html}{}", &page[..at], &page[at..]))
}

/// The timeline a site is published with in place of the sample, if any: from `data`, a
/// dataset in the project's format with its text inline (as "Export JSON" writes it), or from
/// `article` (its bytes and file name: text, Markdown or HTML), tagged here with the reference
/// date `date` (`YYYY-MM-DD`), which it needs. `None` for neither. The errors name the
/// `make dist` variables, `DATA=`, `ARTICLE=` and `DATE=`.
pub fn publication(
    data: Option<&str>,
    article: Option<(&[u8], &str)>,
    date: Option<&str>,
) -> Result<Option<Timeline>, String> {
    match (data, article, date) {
        (None, None, None) => Ok(None),
        (Some(_), Some(_), _) => Err("give DATA= or ARTICLE=, not both".into()),
        (Some(_), None, Some(_)) | (None, None, Some(_)) => {
            Err("DATE= goes with ARTICLE=: a dataset (DATA=) has its dates already".into())
        }
        (Some(json), None, None) => Timeline::import(json)
            .map(Some)
            .map_err(|e| format!("DATA= is not a Sourceline dataset with its text inline: {e}")),
        (None, Some(_), None) => {
            Err("ARTICLE= needs DATE=YYYY-MM-DD, the date its relative dates count from".into())
        }
        (None, Some((bytes, name)), Some(d)) => {
            let reference = date::parse_iso(d.trim())
                .ok_or_else(|| format!("DATE={d} is not a date written YYYY-MM-DD"))?;
            let a = input::read(bytes, name).map_err(|e| format!("ARTICLE= {e}"))?;
            let title = a.title.clone().unwrap_or_else(|| input::title_from(&a.text));
            // With its actors, as the page's worker builds it (host only: the app's wasm never
            // reaches this, nor the gazetteer).
            let t = extract::extract(&title, &a.text, Some(reference));
            Ok(Some(crate::core::actors::with_actors(&t)))
        }
    }
}

/// The timeline `t` as the page carries it for the app in place of the sample (see
/// [`seed_scripts`]): its events as JSON (without the text) and its article.
pub fn seed_texts(t: &Timeline) -> (String, String) {
    (t.to_json().write(false), t.text.clone())
}

/// `page` with its `<title>` and its description naming the published timeline `title`, and
/// its note for readers without JavaScript no longer calling it the sample; `None` when the
/// page lacks a title or a description.
pub fn retitled(page: &str, title: &str) -> Option<String> {
    let title = escape(title);
    let start = page.find("<title>")? + "<title>".len();
    let end = start + page[start..].find("</title>")?;
    let page = format!("{}Sourceline: {title}, as a timeline{}", &page[..start], &page[end..]);
    // `<meta name="description" content="…">`, or as a minifier writes it.
    let at = ["name=\"description\"", "name=description"].iter().find_map(|n| page.find(n))?;
    let tag_start = page[..at].rfind("<meta")?;
    let tag_end = at + page[at..].find('>')?;
    let content = tag_start + page[tag_start..tag_end].find("content=\"")? + "content=\"".len();
    let content_end = content + page[content..].find('"')?;
    let description = format!(
        "“{title}”, a news article as an interactive timeline: every event links back to the sentence that states it."
    );
    let page = format!("{}{description}{}", &page[..content], &page[content_end..]);
    // The note shown without JavaScript.
    Some(page.replacen("the sample timeline as a plain page", "the timeline as a plain page", 1))
}

/// The byte ranges of the top-level `<svg>` elements of `html`, in order.
fn svgs(html: &str) -> Vec<std::ops::Range<usize>> {
    let mut found = Vec::new();
    let (mut depth, mut start, mut at) = (0usize, 0, 0);
    while at < html.len() {
        let rest = &html[at..];
        let open = rest.find("<svg").map(|i| at + i);
        let close = rest.find("</svg>").map(|i| at + i);
        match (open, close) {
            (Some(o), Some(c)) if o < c => {
                if depth == 0 {
                    start = o;
                }
                depth += 1;
                at = o + 4;
            }
            (_, Some(c)) => {
                depth = depth.saturating_sub(1);
                at = c + 6;
                if depth == 0 {
                    found.push(start..at);
                }
            }
            _ => break,
        }
    }
    found
}

/// `svg` with `class` added to its own classes.
fn with_class(svg: &str, class: &str) -> String {
    let tag_end = svg.find('>').unwrap_or(svg.len());
    match svg[..tag_end].find(" class=\"") {
        Some(i) => format!("{}{class} {}", &svg[..i + 8], &svg[i + 8..]),
        None => format!("<svg class=\"{class}\"{}", &svg[4..]),
    }
}

/// The wide rendering `wide` with each drawing that differs in the narrow one `narrow` given
/// in both forms. The narrow copies' element ids (the hatch pattern, clip paths) take a
/// prefix, so that no id is given twice. `None` when the two renderings do not pair up.
pub fn both_widths(wide: &str, narrow: &str) -> Option<String> {
    let (w, n) = (svgs(wide), svgs(narrow));
    if w.len() != n.len() {
        return None;
    }
    let mut out = String::with_capacity(wide.len() * 3 / 2);
    let mut last = 0;
    for (a, b) in w.into_iter().zip(n) {
        let (sa, sb) = (&wide[a.clone()], &narrow[b]);
        out.push_str(&wide[last..a.start]);
        if sa == sb {
            out.push_str(sa);
        } else {
            out.push_str(&with_class(sa, "prerender-wide"));
            let renamed = sb.replace(" id=\"", " id=\"n-").replace("url(#", "url(#n-");
            out.push_str(&with_class(&renamed, "prerender-narrow"));
        }
        last = a.end;
    }
    out.push_str(&wide[last..]);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED_EVENTS: &str = include_str!("../../assets/events.json");
    const SEED_ARTICLE: &str = include_str!("../../assets/article.txt");

    #[test]
    fn a_site_is_published_with_a_dataset_or_a_tagged_article() {
        assert_eq!(publication(None, None, None), Ok(None));
        let seed = Timeline::load(SEED_EVENTS, SEED_ARTICLE).unwrap_or_else(|e| panic!("{e}"));
        let mut own = seed.clone();
        own.title = "Our own".into();
        own.sources[0].title = own.title.clone();
        let got = publication(Some(&own.export()), None, None);
        assert_eq!(got.as_ref().ok().and_then(|t| t.as_ref()), Some(&own));
        // What the page carries loads back as the same timeline.
        let (events, article) = seed_texts(&own);
        assert_eq!(Timeline::load(&events, article).ok(), Some(own));

        let text = "BERLIN, March 3, 2008 — The wall fell in 1989.\nLast year the city voted.\n";
        let got = publication(None, Some((text.as_bytes(), "news.txt")), Some("2008-03-03"));
        let t = got.ok().flatten().unwrap_or_else(|| panic!("an article with a date is tagged"));
        assert_eq!(t.title, "BERLIN, March 3, 2008 — The wall fell in 1989.");
        assert_eq!(t.reference_date.as_deref(), Some("2008-03-03"));
        let labels: Vec<String> =
            t.events.iter().filter_map(|e| e.when.map(|w| w.label())).collect();
        assert!(labels.iter().any(|l| l == "1989"), "{labels:?}");
        assert!(labels.iter().any(|l| l == "2007"), "last year counts from DATE: {labels:?}");
        let html = b"<html><head><title>From HTML</title></head><body><p>In 1994 it was signed.</p></body></html>";
        let got = publication(None, Some((html, "a.html")), Some("2000-01-01"));
        assert_eq!(got.ok().flatten().map(|t| t.title), Some("From HTML".into()));
    }

    #[test]
    fn a_bad_publication_fails_with_a_clear_message() {
        let fails =
            |data, article, date| publication(data, article, date).err().unwrap_or_default();
        let text: &[u8] = b"In 1994 it was signed.";
        assert!(fails(Some("{"), None, None).starts_with("DATA= is not a Sourceline dataset"));
        // The seed's events alone have no text: not a dataset to publish.
        assert!(fails(Some(SEED_EVENTS), None, None).contains("does not contain the article text"));
        assert!(
            fails(None, Some((text, "a.txt")), None).starts_with("ARTICLE= needs DATE=YYYY-MM-DD")
        );
        assert!(fails(None, Some((text, "a.txt")), Some("3 May 2020"))
            .contains("is not a date written YYYY-MM-DD"));
        assert!(fails(None, Some((b"  \n", "a.txt")), Some("2020-05-03"))
            .starts_with("ARTICLE= The article is empty"));
        assert!(fails(Some("{}"), Some((text, "a.txt")), Some("2020-05-03")).contains("not both"));
        assert!(fails(None, None, Some("2020-05-03")).starts_with("DATE= goes with ARTICLE="));
    }

    #[test]
    fn the_page_is_titled_after_the_published_timeline() {
        let page = "<title>Sourceline: Putin, as a timeline</title><meta content=\"A news article.\" name=description>\
                    <noscript><p>Without JavaScript this is the sample timeline as a plain page.</p></noscript>";
        assert_eq!(
            retitled(page, "Tom & <Jerry>").as_deref(),
            Some(
                "<title>Sourceline: Tom &amp; &lt;Jerry&gt;, as a timeline</title>\
                 <meta content=\"“Tom &amp; &lt;Jerry&gt;”, a news article as an interactive timeline: \
                 every event links back to the sentence that states it.\" name=description>\
                 <noscript><p>Without JavaScript this is the timeline as a plain page.</p></noscript>"
            )
        );
        let page = "<title>x</title>\n<meta name=\"description\" content=\"y\" />";
        assert_eq!(
            retitled(page, "\"Q\"").as_deref(),
            Some(
                "<title>Sourceline: &quot;Q&quot;, as a timeline</title>\n<meta name=\"description\" \
                 content=\"“&quot;Q&quot;”, a news article as an interactive timeline: every event links \
                 back to the sentence that states it.\" />"
            )
        );
        assert_eq!(retitled("<meta name=description content=\"y\">", "t"), None);
        assert_eq!(retitled("<title>x</title>", "t"), None);
    }

    #[test]
    fn the_seed_travels_in_script_elements_that_nothing_can_end_early() {
        let scripts =
            seed_scripts("{ \"a\": \"</script><b>\" }", "x </script> y").unwrap_or_default();
        assert_eq!(
            scripts,
            "<script type=\"application/json\" id=\"seed-events\">{\"a\":\"\\u003c/script>\\u003cb>\"}</script>\
             <script type=\"application/json\" id=\"seed-article\">\"x \\u003c/script> y\"</script>"
        );
        assert_eq!(seed_article("\"x \\u003c/script> y\"").as_deref(), Some("x </script> y"));
        assert_eq!(seed_article("\"x\" 1"), None);
        assert_eq!(seed_scripts("{", ""), None);
        assert_eq!(
            before_body_end("<p></p></body></html>", "<i></i>").as_deref(),
            Some("<p></p><i></i></body></html>")
        );
    }

    #[test]
    fn the_view_goes_into_the_empty_app_element() {
        let page = "<body><div id=app></div><div id=fatal></div></body>";
        assert_eq!(
            insert(page, "<p>hi</p>").as_deref(),
            Some("<body><div id=app><p>hi</p></div><div id=fatal></div></body>")
        );
        let page = "<div id=\"app\">\n</div>";
        assert_eq!(insert(page, "x").as_deref(), Some("<div id=\"app\">x\n</div>"));
        // Twice would nest a second view: refused.
        assert_eq!(insert("<div id=app><p>hi</p></div>", "x"), None);
        assert_eq!(insert("<div id=main></div>", "x"), None);
    }

    #[test]
    fn drawings_that_differ_come_in_both_widths() {
        let wide = "<p>a</p><svg width=\"9\" class=\"timeline\"><svg></svg><rect id=\"h\" fill=\"url(#h)\"/></svg>\
                    <svg class=\"key\"></svg><a href=\"#event=x\">x</a>";
        let narrow = "<p>a</p><svg width=\"5\" class=\"timeline\"><svg></svg><rect id=\"h\" fill=\"url(#h)\"/></svg>\
                      <svg class=\"key\"></svg><a href=\"#event=x\">x</a>";
        let both = both_widths(wide, narrow).unwrap_or_default();
        assert_eq!(
            both,
            "<p>a</p><svg width=\"9\" class=\"prerender-wide timeline\"><svg></svg><rect id=\"h\" fill=\"url(#h)\"/></svg>\
             <svg width=\"5\" class=\"prerender-narrow timeline\"><svg></svg><rect id=\"n-h\" fill=\"url(#n-h)\"/></svg>\
             <svg class=\"key\"></svg><a href=\"#event=x\">x</a>"
        );
        assert_eq!(with_class("<svg width=\"1\">", "c"), "<svg class=\"c\" width=\"1\">");
        assert_eq!(both_widths("<svg></svg>", "<p></p>"), None);
    }
}
