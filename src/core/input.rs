//! Reading a reader's article: plain text, Markdown or HTML bytes become plain text, refused
//! with a clear reason when they are not text or too large; and the article's own date is
//! found in its dateline when it has one.

use crate::core::tagger::{tag, TimexType};
use chrono::NaiveDate;
use std::fmt;

/// The largest article accepted, in bytes of text (after HTML is reduced): 2 MB, about a
/// thousand pages of news. Larger input is refused with a message that gives this cap.
pub const MAX_ARTICLE_BYTES: usize = 2_000_000;

/// Why an article was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InputError {
    /// Nothing but whitespace.
    Empty,
    /// Not UTF-8 text, or with control bytes that text does not have.
    Binary,
    /// Over [`MAX_ARTICLE_BYTES`]; carries the size found.
    TooLarge(usize),
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputError::Empty => f.write_str("The article is empty: paste or choose some text."),
            InputError::Binary => f.write_str(
                "This file is not text. Choose a .txt, .md or .html file saved as UTF-8.",
            ),
            InputError::TooLarge(n) => write!(
                f,
                "The article is {} KB; the largest accepted is {} KB.",
                n.div_ceil(1000),
                MAX_ARTICLE_BYTES / 1000
            ),
        }
    }
}

/// The kind of a file, from its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Plain text.
    Text,
    /// Markdown: reduced to its text.
    Markdown,
    /// HTML: reduced to its text.
    Html,
}

impl Kind {
    /// The kind of a file named `name`, or of content that looks like HTML.
    pub fn of(name: &str, content: &str) -> Kind {
        let lower = name.to_ascii_lowercase();
        if lower.ends_with(".html") || lower.ends_with(".htm") {
            Kind::Html
        } else if lower.ends_with(".md") || lower.ends_with(".markdown") {
            Kind::Markdown
        } else if lower.is_empty() && looks_like_html(content) {
            Kind::Html
        } else {
            Kind::Text
        }
    }
}

fn looks_like_html(s: &str) -> bool {
    let head = s.trim_start().get(..s.trim_start().len().min(200)).unwrap_or_default();
    let head = head.to_ascii_lowercase();
    head.starts_with("<!doctype html") || head.starts_with("<html") || head.contains("<body")
}

/// An article ready to tag: its text and, when the source had one, a title.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Article {
    /// Title from the HTML `<title>`/`<h1>` or the Markdown heading, if any.
    pub title: Option<String>,
    /// Plain text, paragraphs separated by newlines.
    pub text: String,
}

/// A title for an article that has none: its first line, shortened.
pub fn title_from(text: &str) -> String {
    let line = text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("Untitled article");
    match line.char_indices().nth(100) {
        Some((at, _)) => format!("{}…", &line[..at]),
        None => line.to_string(),
    }
}

/// Reads bytes from a file or a fetch as an article.
pub fn read(bytes: &[u8], name: &str) -> Result<Article, InputError> {
    let s = std::str::from_utf8(bytes).map_err(|_| InputError::Binary)?;
    read_str(s, name)
}

/// Reads text as an article: checks it, and reduces HTML and Markdown to plain text.
pub fn read_str(s: &str, name: &str) -> Result<Article, InputError> {
    let s = s.strip_prefix('\u{feff}').unwrap_or(s);
    // NUL and most C0 controls never occur in text files; their presence means binary.
    let controls =
        s.bytes().filter(|&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c)).count();
    if controls > 0 {
        return Err(InputError::Binary);
    }
    let article = match Kind::of(name, s) {
        Kind::Html => html_to_text(s),
        Kind::Markdown => markdown_to_text(s),
        Kind::Text => Article { title: None, text: normalize_lines(s) },
    };
    if article.text.trim().is_empty() {
        return Err(InputError::Empty);
    }
    if article.text.len() > MAX_ARTICLE_BYTES {
        return Err(InputError::TooLarge(article.text.len()));
    }
    Ok(article)
}

/// CRLF to LF, trailing spaces dropped, runs of blank lines reduced to one line break.
fn normalize_lines(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for line in s.split('\n') {
        let line = line.trim_end();
        if line.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(line);
    }
    out
}

const BLOCKS: [&str; 27] = [
    "p",
    "div",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "tr",
    "table",
    "section",
    "article",
    "header",
    "footer",
    "blockquote",
    "pre",
    "hr",
    "figure",
    "figcaption",
    "main",
    "aside",
    "nav",
    "dd",
];
const SKIPPED: [&str; 7] = ["script", "style", "noscript", "template", "svg", "math", "iframe"];

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code).filter(|c| !c.is_control() || c.is_whitespace());
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "mdash" => '—',
        "ndash" => '–',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "hellip" => '…',
        "laquo" => '«',
        "raquo" => '»',
        "eacute" => 'é',
        "copy" => '©',
        _ => return None,
    })
}

/// Decodes character references in text.
fn decode(s: &str, out: &mut String) {
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest[1..].find(|c: char| !c.is_ascii_alphanumeric() && c != '#').map(|e| e + 1);
        match end
            .filter(|&e| rest[e..].starts_with(';'))
            .and_then(|e| Some((e, entity(&rest[1..e])?)))
        {
            Some((e, c)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
}

/// Where the next tag, comment or declaration starts: a `<` followed by a letter, `/`, `!` or
/// `?`. Any other `<` ("a < b", "<3") is text, as browsers read it.
fn next_tag(s: &str) -> Option<usize> {
    s.match_indices('<').map(|(i, _)| i).find(|&i| {
        s[i + 1..].starts_with(|c: char| c.is_ascii_alphabetic() || matches!(c, '/' | '!' | '?'))
    })
}

/// Reduces HTML to its text: scripts, styles and other non-text elements dropped, block
/// elements become line breaks, character references decoded, whitespace collapsed. Nothing
/// of the markup survives, so the result is safe to show as text.
pub fn html_to_text(html: &str) -> Article {
    let mut text = String::new();
    let mut title = String::new();
    let mut h1 = String::new();
    let mut skip: Option<&str> = None;
    let (mut in_title, mut in_h1) = (false, false);
    let mut rest = html;
    while !rest.is_empty() {
        let Some(lt) = next_tag(rest) else {
            if skip.is_none() {
                decode(rest, &mut text);
            }
            break;
        };
        let chunk = &rest[..lt];
        if skip.is_none() {
            let start = text.len();
            decode(chunk, &mut text);
            if in_title {
                title.push_str(&text[start..]);
                text.truncate(start);
            } else if in_h1 {
                h1.push_str(&text[start..]);
            }
        }
        rest = &rest[lt..];
        // Comments and declarations end at their own terminators.
        if rest.starts_with("<!--") {
            rest = rest.find("-->").map_or("", |e| &rest[e + 3..]);
            continue;
        }
        let Some(gt) = rest.find('>') else { break };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        if let Some(s) = skip {
            if closing && name == s {
                skip = None;
            }
            continue;
        }
        if !closing && !tag.ends_with('/') {
            if let Some(s) = SKIPPED.iter().find(|s| **s == name) {
                skip = Some(s);
                continue;
            }
        }
        match name.as_str() {
            "title" => in_title = !closing,
            "h1" => {
                in_h1 = !closing && h1.is_empty();
                text.push('\n');
            }
            "head" if closing => text.clear(),
            n if BLOCKS.contains(&n) => text.push('\n'),
            _ => {}
        }
    }
    let collapse = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let lines: Vec<String> = text.split('\n').map(collapse).filter(|l| !l.is_empty()).collect();
    let title = [collapse(&h1), collapse(&title)].into_iter().find(|t| !t.is_empty());
    Article { title, text: lines.join("\n") }
}

/// Reduces Markdown to its text: heading marks, emphasis, inline code marks, link targets and
/// images go; the words stay. The first heading is taken as the title.
pub fn markdown_to_text(md: &str) -> Article {
    let mut title = None;
    let mut lines = Vec::new();
    let mut fenced = false;
    for line in md.lines() {
        let t = line.trim();
        if t.starts_with("```") || t.starts_with("~~~") {
            fenced = !fenced;
            continue;
        }
        if t.is_empty() || fenced || t.chars().all(|c| matches!(c, '-' | '=' | '*' | '_' | ' ')) {
            continue;
        }
        let heading = t.trim_start_matches('#');
        let is_heading = heading.len() < t.len() && heading.starts_with(' ');
        let t = heading.trim_start();
        let t = t.trim_start_matches("> ").trim_start_matches(['-', '*', '+']).trim_start();
        let mut out = String::new();
        let mut rest = t;
        while let Some(at) = rest.find(['[', '*', '_', '`', '!']) {
            out.push_str(&rest[..at]);
            let r = &rest[at..];
            // [text](url) and ![alt](url): keep the text, drop the target.
            let link = r.trim_start_matches('!');
            if link.starts_with('[') {
                if let Some(close) = link.find("](") {
                    if let Some(end) = target_end(&link[close + 2..]) {
                        if !r.starts_with('!') {
                            out.push_str(&link[1..close]);
                        }
                        rest = &link[close + 2 + end + 1..];
                        continue;
                    }
                }
            }
            if r.starts_with('!') || r.starts_with('[') {
                out.push_str(&r[..1]);
            } else if r.starts_with('_') && !out.ends_with(' ') && !out.is_empty() {
                out.push('_'); // snake_case words keep their underscores.
            }
            rest = &r[1..];
        }
        out.push_str(rest);
        let out = out.trim().to_string();
        if is_heading && title.is_none() {
            title = Some(out.clone());
        }
        if !out.is_empty() {
            lines.push(out);
        }
    }
    Article { title, text: lines.join("\n") }
}

/// Where the `)` that closes a link target is, counting the parentheses inside it (as in
/// `wiki/Foo_(bar)` or `javascript:alert(1)`), so none of the target is left in the text.
fn target_end(s: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' if depth == 0 => return Some(i),
            ')' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// Where a dateline can be: the first three lines, within the first 400 bytes; a date deep in
/// the story is an event, not a dateline. (The page sends only this to the tagging worker.)
pub fn head(text: &str) -> &str {
    let mut end = text.len().min(400);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    let cut = head.match_indices('\n').nth(2).map_or(head.len(), |(i, _)| i);
    &head[..cut]
}

/// The article's own date from its dateline: the first full calendar date (day precision)
/// in its opening lines, such as "WASHINGTON, March 3, 2008 —" or "Published 2025-02-18".
pub fn dateline(text: &str) -> Option<NaiveDate> {
    tag(head(text), None)
        .into_iter()
        .filter(|t| t.kind == TimexType::Date && t.value.len() == 10)
        .find_map(|t| crate::core::date::parse_iso(&t.value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_is_reduced_to_text() {
        let a = html_to_text(
            "<!doctype html><html><head><title>T &amp; U</title><style>p{}</style></head>\
             <body><h1>Big   news</h1><p>In <b>1994</b>, it&rsquo;s &lt;here&gt;.</p>\
             <script>alert(1)</script><!-- <p>hidden</p> --><p>Second&nbsp;para &#8212; &#x41;.</p></body></html>",
        );
        assert_eq!(a.title.as_deref(), Some("Big news"));
        assert_eq!(a.text, "Big news\nIn 1994, it’s <here>.\nSecond para — A.");
    }

    #[test]
    fn hostile_markup_leaves_only_text() {
        let a = html_to_text(
            "<img src=x onerror=alert(1)><svg><script>x</script></svg><p>ok &bogus; &#0; & done",
        );
        assert_eq!(a.text, "ok &bogus; &#0; & done");
        let a = html_to_text("<p>unterminated <b");
        assert_eq!(a.text, "unterminated");
        // A `<` that opens no tag is text.
        let a = html_to_text("<p>growth < 5% and <3 and 1<2</p><script>x < y</script>");
        assert_eq!(a.text, "growth < 5% and <3 and 1<2");
    }

    #[test]
    fn markdown_is_reduced_to_text() {
        let a = markdown_to_text("# The **title**\n\nSome *text* with a [link](http://x) and `code`.\n\n- item\n![img](a.png)\n```\nfenced\n```\nsnake_case");
        assert_eq!(a.title.as_deref(), Some("The title"));
        assert_eq!(a.text, "The title\nSome text with a link and code.\nitem\nsnake_case");
        let a = markdown_to_text(
            "[Cyprus](https://x/wiki/Cyprus_(island)) and [x](javascript:alert(1)) ![i](a(b).png)!",
        );
        assert_eq!(a.text, "Cyprus and x !");
    }

    #[test]
    fn bad_input_is_refused_with_reasons() {
        assert_eq!(read(b"", "a.txt"), Err(InputError::Empty));
        assert_eq!(read(b"  \n\t ", "a.txt"), Err(InputError::Empty));
        assert_eq!(read(&[0x89, b'P', b'N', b'G', 0, 0], "a.png"), Err(InputError::Binary));
        assert_eq!(read(b"abc\0def", "a.txt"), Err(InputError::Binary));
        let big = "a".repeat(MAX_ARTICLE_BYTES + 1);
        let e = read(big.as_bytes(), "a.txt").unwrap_err();
        assert_eq!(e, InputError::TooLarge(MAX_ARTICLE_BYTES + 1));
        assert!(e.to_string().contains("2000 KB"), "{e}");
        assert_eq!(read(b"<p> </p>", "a.html"), Err(InputError::Empty));
    }

    #[test]
    fn text_is_normalized() {
        let a = read("\u{feff}Title\r\n\r\nBody line.  \r\n".as_bytes(), "a.txt").unwrap();
        assert_eq!(a.text, "Title\nBody line.");
        assert_eq!(Kind::of("", "<!DOCTYPE html><p>x"), Kind::Html);
        assert_eq!(Kind::of("A.MD", ""), Kind::Markdown);
    }

    #[test]
    fn dateline_is_found_only_at_the_top() {
        let d = dateline("WASHINGTON, March 3, 2008 — The president said on Monday...");
        assert_eq!(d, NaiveDate::from_ymd_opt(2008, 3, 3));
        assert_eq!(
            dateline("Title\nPublished 2025-02-18\nText"),
            NaiveDate::from_ymd_opt(2025, 2, 18)
        );
        assert_eq!(dateline("Title\nByline\nIntro\nOn March 3, 2008 it happened."), None);
        assert_eq!(dateline("In 1994 it joined."), None);
        assert_eq!(dateline(""), None);
    }
}
