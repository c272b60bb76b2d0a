//! Putting the prerendered first view into the built page (see `src/bin/prerender.rs`).
//!
//! The view is rendered twice, for a wide and a narrow screen, as its drawings are laid out
//! for a width. The page carries the wide rendering, and each drawing that differs is there
//! in both forms, of which the page's styles show the one for the screen (`.prerender-wide`,
//! `.prerender-narrow`): everything else is the same in both. The page also carries the
//! sample's data for the app (see [`seed_scripts`]).

use crate::core::json;

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
