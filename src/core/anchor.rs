//! Passage anchoring by quote, as the W3C Web Annotation TextQuoteSelector does: the exact
//! text, with a prefix and suffix only where the exact text alone is not unique. Quotes survive
//! small edits elsewhere in the article, which character offsets would not.

use std::fmt;
use std::ops::Range;

/// A TextQuoteSelector: `exact`, disambiguated by the text just before and after it. Read
/// and written as JSON by `model`: empty context and no offset are left out of the file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Quote {
    /// The quoted text, exactly as in the article.
    pub exact: String,
    /// Text immediately before `exact`, when needed to make it unique.
    pub prefix: String,
    /// Text immediately after `exact`, when needed to make it unique.
    pub suffix: String,
    /// Where `exact` starts, as a UTF-8 byte offset into the article: a hint, as the W3C
    /// TextPositionSelector is, written for passages found by the tagger. When the text at
    /// the hint is the quote, resolving costs nothing and repeated sentences need no context;
    /// when it is not (the article changed), the quote is searched as if there were no hint.
    pub offset: Option<usize>,
    /// The id of the source it quotes, in a dataset of several articles (format version 2);
    /// `None` for a dataset's only article. The quote resolves in that source's text, and
    /// `offset` counts from that text's start.
    pub source: Option<String>,
}

/// Why a quote did not resolve to exactly one range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AnchorError {
    /// The quote is empty.
    Empty,
    /// The quote, with its prefix and suffix, is not in the text.
    NotFound,
    /// The quote matches this many places; a longer prefix or suffix would pick one.
    Ambiguous(usize),
}

impl fmt::Display for AnchorError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AnchorError::Empty => f.write_str("the quote is empty"),
            AnchorError::NotFound => f.write_str("the quote is not in the article"),
            AnchorError::Ambiguous(n) => {
                write!(f, "the quote matches {n} places; add a prefix or suffix")
            }
        }
    }
}

impl Quote {
    /// A quote of `exact` alone.
    pub fn new(exact: impl Into<String>) -> Quote {
        Quote { exact: exact.into(), ..Quote::default() }
    }

    /// Resolves the quote to the byte range of its one occurrence in `text`.
    pub fn resolve(&self, text: &str) -> Result<Range<usize>, AnchorError> {
        if self.exact.is_empty() {
            return Err(AnchorError::Empty);
        }
        if let Some(at) = self.offset.filter(|&at| self.fits(text, at)) {
            return Ok(at..at + self.exact.len());
        }
        let mut found = None;
        let mut count = 0;
        // Non-overlapping matches, as `match_indices` finds them, but searched byte by byte:
        // a `&str` pattern would bring the standard library's two-way searcher (about 2 KB)
        // into the page's wasm. A match of a whole `&str` in a `&str` always starts and ends
        // at char boundaries, as UTF-8 is self-synchronizing.
        let (hay, exact) = (text.as_bytes(), self.exact.as_bytes());
        let mut from = 0;
        while let Some(i) = hay[from..].windows(exact.len()).position(|w| w == exact) {
            let (start, end) = (from + i, from + i + exact.len());
            if text[..start].ends_with(self.prefix.as_str())
                && text[end..].starts_with(self.suffix.as_str())
            {
                count += 1;
                found.get_or_insert(start..end);
            }
            from = end;
        }
        match (count, found) {
            (1, Some(range)) => Ok(range),
            (0, _) | (_, None) => Err(AnchorError::NotFound),
            (n, _) => Err(AnchorError::Ambiguous(n)),
        }
    }

    /// True when `exact`, with its prefix and suffix, stands at byte `at` of `text`.
    fn fits(&self, text: &str, at: usize) -> bool {
        // An imported file may hold any offset: one near `usize::MAX` must not overflow.
        let Some(end) = at.checked_add(self.exact.len()) else { return false };
        text.get(at..end) == Some(self.exact.as_str())
            && text.get(..at).is_some_and(|b| b.ends_with(self.prefix.as_str()))
            && text.get(end..).is_some_and(|a| a.starts_with(self.suffix.as_str()))
    }

    /// A quote of `range` for machine-found passages: the exact text and its offset, in
    /// constant time whatever the article repeats.
    pub fn at(text: &str, range: Range<usize>) -> Quote {
        Quote {
            exact: text.get(range.clone()).unwrap_or_default().to_string(),
            offset: Some(range.start),
            ..Quote::default()
        }
    }

    /// The shortest quote of `range` in `text` that resolves uniquely without an offset:
    /// `exact` alone when it is unique, otherwise with growing prefix and suffix context.
    /// For hand-kept data; it searches the text, so machine-found passages use [`Quote::at`].
    pub fn for_range(text: &str, range: Range<usize>) -> Quote {
        let mut quote = Quote::new(&text[range.clone()]);
        let mut n = 0;
        while quote.resolve(text) != Ok(range.clone()) && n < text.len() {
            n = (n + 8).min(text.len());
            let mut a = range.start.saturating_sub(n);
            while !text.is_char_boundary(a) {
                a -= 1;
            }
            let mut b = (range.end + n).min(text.len());
            while !text.is_char_boundary(b) {
                b += 1;
            }
            quote.prefix = text[a..range.start].to_string();
            quote.suffix = text[range.end..b].to_string();
        }
        quote
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "In 1994 it joined. In 1994 it left. Then 2004.";

    #[test]
    fn unique_quote_resolves() {
        assert_eq!(Quote::new("Then 2004.").resolve(TEXT), Ok(36..46));
        // Matches do not overlap, as `str::match_indices` finds them.
        assert_eq!(Quote::new("aa").resolve("aaa"), Ok(0..2));
        assert_eq!(Quote::new("é").resolve("aé"), Ok(1..3));
    }

    #[test]
    fn repeated_quote_needs_context() {
        assert_eq!(Quote::new("In 1994 it").resolve(TEXT), Err(AnchorError::Ambiguous(2)));
        let q = Quote { exact: "In 1994 it".into(), suffix: " left".into(), ..Quote::default() };
        assert_eq!(q.resolve(TEXT), Ok(19..29));
        let q = Quote { exact: "1994".into(), prefix: "joined. In ".into(), ..Quote::default() };
        assert_eq!(q.resolve(TEXT), Ok(22..26));
    }

    #[test]
    fn missing_and_empty_quotes_fail() {
        assert_eq!(Quote::new("1995").resolve(TEXT), Err(AnchorError::NotFound));
        assert_eq!(Quote::new("").resolve(TEXT), Err(AnchorError::Empty));
        let q = Quote { exact: "1994".into(), prefix: "xx".into(), ..Quote::default() };
        assert_eq!(q.resolve(TEXT), Err(AnchorError::NotFound));
    }

    #[test]
    fn an_offset_hint_resolves_repeats_and_falls_back_when_stale() {
        let q = Quote::at(TEXT, 22..26);
        assert_eq!((q.exact.as_str(), q.offset), ("1994", Some(22)));
        assert_eq!(q.resolve(TEXT), Ok(22..26), "no context needed");
        let stale = Quote { offset: Some(0), ..Quote::new("Then 2004.") };
        assert_eq!(stale.resolve(TEXT), Ok(36..46), "searched when the hint is wrong");
        let out = Quote { offset: Some(999), ..Quote::new("1994") };
        assert_eq!(out.resolve(TEXT), Err(AnchorError::Ambiguous(2)));
        let mid_char = Quote { offset: Some(1), ..Quote::new("é") };
        assert_eq!(mid_char.resolve("éé"), Err(AnchorError::Ambiguous(2)));
        let huge = Quote { offset: Some(usize::MAX - 1), ..Quote::new("Then 2004.") };
        assert_eq!(huge.resolve(TEXT), Ok(36..46), "an overflowing hint is stale, not a panic");
    }

    #[test]
    fn for_range_builds_the_shortest_unique_quote() {
        for range in [3..7, 22..26, 36..46, 0..TEXT.len()] {
            let q = Quote::for_range(TEXT, range.clone());
            assert_eq!(q.resolve(TEXT), Ok(range));
        }
        assert!(Quote::for_range(TEXT, 36..46).prefix.is_empty());
    }
}
