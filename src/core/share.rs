//! Addresses for sharing a view and for embedding it: the embed view (`?embed`, or the page
//! `embed.html` that the build writes next to `index.html`), the link to the full page with
//! the same data and event, and the `<iframe>` snippet.

use crate::core::fragment;

/// The parts of the address `href`: the page (up to its query), its query without any
/// `embed` parameter (with its `?`, or empty), whether the page is the embed page
/// (`embed.html`, or `embed` where the host drops `.html`) and whether the query has `embed`.
fn split(href: &str) -> (&str, String, bool, bool) {
    let href = href.split('#').next().unwrap_or_default();
    let (page, search) = href.split_once('?').unwrap_or((href, ""));
    let mut asked = false;
    let mut query = String::new();
    for p in search.split('&').filter(|p| !p.is_empty()) {
        if p.split('=').next() == Some("embed") {
            asked = true;
            continue;
        }
        query.push(if query.is_empty() { '?' } else { '&' });
        query.push_str(p);
    }
    (page, query, page.ends_with("/embed.html") || page.ends_with("/embed"), asked)
}

/// True when the address `href` asks for the embed view.
pub fn is_embed(href: &str) -> bool {
    let (_, _, page, asked) = split(href);
    page || asked
}

/// For the page at `href` with the event `id` selected: the address of the full page and that
/// of the embed view (`embed.html` next to it), each with the same data (`?data=`,
/// `?article=`) and the event (`#event=<id>`).
pub fn links(href: &str, id: Option<&str>) -> (String, String) {
    let (page, query, embed_page, _) = split(href);
    let dir = &page[..page.rfind('/').map_or(0, |i| i + 1)];
    let tail = query + &id.map(fragment::format).unwrap_or_default();
    let full = if embed_page { dir } else { page };
    (format!("{full}{tail}"), format!("{dir}embed.html{tail}"))
}

/// The `<iframe>` element that embeds the view at `src`, titled for the timeline `title`.
pub fn snippet(src: &str, title: &str) -> String {
    format!(
        "<iframe src=\"{}\" title=\"Timeline: {}\" width=\"100%\" height=\"640\" loading=\"lazy\"></iframe>",
        escape(src),
        escape(title)
    )
}

/// `s` safe as HTML text and inside a quoted attribute: `&`, `<`, `>`, `"` and `'` escaped.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embed_view_is_asked_by_the_query_or_the_page() {
        assert!(is_embed("https://h/s/?embed"));
        assert!(is_embed("https://h/s/index.html?data=d.json&embed=1#event=a"));
        assert!(is_embed("https://h/s/embed.html?data=d.json"));
        assert!(is_embed("https://h/s/embed"));
        assert!(!is_embed("https://h/s/?data=embed.json"));
        assert!(!is_embed("https://h/s/#embed"));
        assert!(!is_embed("https://h/embedded/"));
        assert!(!is_embed("https://h/s/?embedded"));
    }

    #[test]
    fn links_keep_the_data_and_the_event_and_drop_embed() {
        let (full, embed) = links("https://h/s/?data=d.json#event=x", Some("a-1"));
        assert_eq!(full, "https://h/s/?data=d.json#event=a-1");
        assert_eq!(embed, "https://h/s/embed.html?data=d.json#event=a-1");
        let (full, embed) = links("https://h/s/embed.html?embed&article=a.txt&x=1", None);
        assert_eq!(full, "https://h/s/?article=a.txt&x=1");
        assert_eq!(embed, "https://h/s/embed.html?article=a.txt&x=1");
        let (full, embed) = links("http://127.0.0.1:8080/index.html?embed", Some("b"));
        assert_eq!(full, "http://127.0.0.1:8080/index.html#event=b");
        assert_eq!(embed, "http://127.0.0.1:8080/embed.html#event=b");
        assert_eq!(links("https://h/embed", None).0, "https://h/");
    }

    #[test]
    fn the_snippet_escapes_what_it_quotes() {
        assert_eq!(
            snippet("https://h/embed.html?data=a&b=\"", "<b>\"Tom & Jerry's\"</b>"),
            "<iframe src=\"https://h/embed.html?data=a&amp;b=&quot;\" \
             title=\"Timeline: &lt;b&gt;&quot;Tom &amp; Jerry&#39;s&quot;&lt;/b&gt;\" \
             width=\"100%\" height=\"640\" loading=\"lazy\"></iframe>"
        );
    }
}
