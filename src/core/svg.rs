//! The timeline's drawing as a self-contained SVG file: the markup the browser serialized
//! from the page (XML, escaped by the browser's serializer), with the page's styles for it
//! inlined, a title and a background, and nothing that points outside the file or runs: no
//! links, no event handlers, no script. Run in the tagging worker, whose wasm alone carries
//! it, for "SVG image" and (drawn from that SVG) "PNG image".

use crate::core::share::escape;
use std::collections::HashSet;

/// The SVG elements the drawing uses: a style rule naming any other element is not for it.
const SVG_TAGS: [&str; 9] =
    ["svg", "g", "text", "rect", "circle", "line", "path", "pattern", "defs"];

/// The page's font (the `body` rule of `assets/style.css`): outside the page, SVG text would
/// fall back to a serif.
const FONT: &str = "svg{font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,\"Noto Sans\",\"DejaVu Sans\",sans-serif}";

/// `markup` (an `<svg>` element serialized as XML) as a standalone SVG document titled
/// `title`, with the rules of the stylesheet `css` that apply to it, in the light theme, on
/// a background of the theme's colour.
pub fn standalone(markup: &str, title: &str, css: &str) -> String {
    let mut classes = HashSet::new();
    let mut body = String::with_capacity(markup.len() + 4096);
    let mut rest = markup;
    let mut opened = false;
    while let Some(lt) = rest.find('<') {
        // Text between tags, escaped as the serializer wrote it.
        body.push_str(&rest[..lt]);
        rest = &rest[lt..];
        // Attribute values hold no `>`: the serializer escapes it.
        let Some(gt) = rest.find('>') else { break };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            let name = if name.trim() == "a" { "g" } else { name.trim() };
            body.push_str(&format!("</{name}>"));
            continue;
        }
        if tag.starts_with('!') || tag.starts_with('?') {
            continue;
        }
        let (name, attrs) = split_tag(tag);
        if name == "script" || name == "foreignObject" {
            // Never in the page's drawing; should one be there, it does not travel.
            if !tag.ends_with('/') {
                let end = format!("</{name}>");
                rest = rest.find(&end).map_or("", |at| &rest[at + end.len()..]);
            }
            continue;
        }
        let name = if name == "a" { "g" } else { name };
        body.push('<');
        body.push_str(name);
        for (key, value) in attrs {
            if key == "class" {
                classes.extend(value.split_ascii_whitespace());
            }
            // Links, focus and the app's own wiring mean nothing in a file; an `on…` handler
            // is never in the drawing, and never copied.
            let dropped =
                matches!(key, "href" | "xlink:href" | "tabindex" | "role" | "aria-current")
                    || key.starts_with("data-")
                    || key.starts_with("on");
            if !dropped {
                body.push_str(&format!(" {key}=\"{value}\""));
            }
        }
        if tag.ends_with('/') {
            body.push('/');
        }
        body.push('>');
        if name == "svg" && !opened {
            opened = true;
            body.push_str("<title>");
            body.push_str(&escape(title));
            body.push_str("</title>\u{1}");
        }
    }
    let style = format!(
        "<style><![CDATA[{FONT}{}]]></style><rect width=\"100%\" height=\"100%\" fill=\"{}\"/>",
        rules_for(css, &classes).replace("]]>", "]] >"),
        root_value(css, "--bg").unwrap_or("#fff")
    );
    body.replacen('\u{1}', &style, 1)
}

/// A start tag's name and its attributes, as the serializer wrote them (`key="value"`).
fn split_tag(tag: &str) -> (&str, Vec<(&str, &str)>) {
    let tag = tag.trim_end_matches('/');
    let end = tag.find(|c: char| c.is_ascii_whitespace()).unwrap_or(tag.len());
    let (name, mut rest) = tag.split_at(end);
    let mut attrs = Vec::new();
    while let Some(eq) = rest.find("=\"") {
        let key = rest[..eq].trim();
        let after = &rest[eq + 2..];
        let Some(close) = after.find('"') else { break };
        attrs.push((key, &after[..close]));
        rest = &after[close + 1..];
    }
    (name, attrs)
}

/// The value `:root` gives custom property `name` (the light theme's), if any.
fn root_value<'a>(css: &'a str, name: &str) -> Option<&'a str> {
    let root = &css[css.find(":root")?..];
    let decls = &root[root.find('{')? + 1..root.find('}')?];
    decls.split(';').find_map(|d| {
        let (k, v) = d.split_once(':')?;
        (k.trim() == name).then_some(v.trim())
    })
}

/// The rules of `css` whose selectors can apply to a drawing using `classes`: at-rules (the
/// dark theme, print, screen widths, motion) are left out, and so are selectors for states
/// a file cannot have (hover, focus) or for elements outside the drawing.
pub fn rules_for(css: &str, classes: &HashSet<&str>) -> String {
    let mut out = String::new();
    let css = strip_comments(css);
    let mut s = css.as_str();
    loop {
        s = s.trim_start();
        let Some(open) = s.find('{') else { break };
        let head = s[..open].trim();
        if head.starts_with('@') {
            // Skip the whole block, nested braces included.
            let mut depth = 0;
            let mut end = s.len();
            for (i, c) in s.char_indices().skip(open) {
                match c {
                    '{' => depth += 1,
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            end = i + 1;
                            break;
                        }
                    }
                    _ => {}
                }
            }
            s = &s[end..];
            continue;
        }
        let Some(close) = s[open..].find('}').map(|c| open + c) else { break };
        let kept: Vec<&str> =
            head.split(',').map(str::trim).filter(|sel| applies(sel, classes)).collect();
        if !kept.is_empty() {
            out.push_str(&kept.join(","));
            out.push_str(&s[open..=close]);
        }
        s = &s[close + 1..];
    }
    out
}

/// True when `selector` can match in the drawing: `:root`, or element and class names all
/// of the drawing, with no state, attribute or id conditions.
fn applies(selector: &str, classes: &HashSet<&str>) -> bool {
    if selector == ":root" {
        return true;
    }
    if selector.contains([':', '[', '#', '*']) {
        return false;
    }
    selector.split([' ', '>', '+', '~']).filter(|c| !c.is_empty()).all(|compound| {
        let mut parts = compound.split('.');
        let tag = parts.next().unwrap_or_default();
        (tag.is_empty() || SVG_TAGS.contains(&tag)) && parts.all(|c| classes.contains(c))
    })
}

/// `css` without its comments.
fn strip_comments(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(at) = rest.find("/*") {
        out.push_str(&rest[..at]);
        rest = rest[at + 2..].find("*/").map_or("", |end| &rest[at + 2 + end + 2..]);
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const CSS: &str = include_str!("../../assets/style.css");

    const DRAWING: &str = concat!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="timeline" width="300" height="80" viewBox="0 0 300 80" role="group" aria-label="Timeline of dated events">"#,
        r##"<defs><pattern id="hatch" width="6" height="6"><rect class="hatch-bg" width="6" height="6"/></pattern></defs>"##,
        r#"<g class="axis" aria-hidden="true"><line class="axis-line" x1="0" x2="300" y1="20" y2="20"/></g>"#,
        r##"<a class="mark point track-1 selected" href="#event=x" role="button" tabindex="0" data-event-id="x" aria-label="1994: Lavrov &amp; &lt;the UN&gt;" aria-current="true">"##,
        r#"<circle class="shape" cx="10" cy="40" r="6"/><text class="label" x="20" y="44">Lavrov &amp; &lt;b&gt;</text></a></svg>"#,
    );

    #[test]
    fn a_drawing_becomes_a_file_with_its_styles_and_no_links() {
        let svg = standalone(DRAWING, "Peace & <war>", CSS);
        assert!(svg.starts_with(r#"<svg xmlns="http://www.w3.org/2000/svg" class="timeline""#));
        assert!(svg.contains("<title>Peace &amp; &lt;war&gt;</title><style><![CDATA["));
        // Marks are groups, with their classes and full names, and no link, focus or id.
        assert!(svg.contains(r#"<g class="mark point track-1 selected" aria-label="1994: Lavrov &amp; &lt;the UN&gt;">"#));
        for gone in ["href", "tabindex", "role=", "data-event-id", "aria-current", "<a "] {
            assert!(!svg.contains(gone), "{gone} in {svg}");
        }
        // Labels stay real text, escaped as the serializer wrote them.
        assert!(svg.contains(
            r#"<text class="label" x="20" y="44">Lavrov &amp; &lt;b&gt;</text></g></svg>"#
        ));
        // The styles the drawing needs, and none of the page's others.
        for rule in
            [".mark .label{", ".shape{", ".track-1{", ":root{", "svg text{", "svg.timeline{"]
        {
            assert!(svg.contains(rule), "{rule} missing");
        }
        for other in
            ["body", ".details", "@media", ":hover", ":focus", "prefers-color-scheme", ".bubble"]
        {
            assert!(!svg.contains(other), "{other} should not travel");
        }
        // The background is the light theme's.
        assert!(svg.contains(r##"<rect width="100%" height="100%" fill="#ffffff"/>"##));
    }

    #[test]
    fn nothing_that_runs_travels() {
        let hostile = r#"<svg class="timeline"><script>alert(1)</script><rect onclick="x()" class="shape"/><foreignObject><p>x</p></foreignObject></svg>"#;
        let svg = standalone(hostile, "t", "");
        assert!(
            !svg.contains("script") && !svg.contains("onclick") && !svg.contains("foreignObject")
        );
        assert!(svg.contains(r#"<rect class="shape"/>"#));
    }

    #[test]
    fn selectors_are_kept_only_for_the_drawing() {
        let classes: HashSet<&str> = ["mark", "label", "shape"].into_iter().collect();
        assert!(applies(".mark .label", &classes));
        assert!(applies("svg text", &classes));
        assert!(!applies(".mark:hover .label", &classes));
        assert!(!applies("button.link", &classes));
        assert!(!applies(".details .label", &classes));
        let css = "/* c */ .mark{a:b} @media (x) { .mark{c:d} } .x, .shape{e:f}";
        assert_eq!(rules_for(css, &classes), ".mark{a:b}.shape{e:f}");
    }
}
