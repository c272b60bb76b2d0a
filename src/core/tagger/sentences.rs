//! Sentence splitting over raw bytes.

use super::lexicon::in_words;
use std::ops::Range;

/// Lowercased abbreviations after which a period does not end a sentence (when followed by a
/// capitalised word it still might; we only break there when the next word is not a name-like
/// continuation, which is approximated by these being titles and month/street abbreviations).
/// Sorted.
const ABBREVIATIONS: &[&str] = &[
    "a", "apr", "aug", "ave", "blvd", "capt", "co", "col", "corp", "dec", "dr", "e", "etc", "feb",
    "ft", "gen", "gov", "hon", "i", "inc", "jan", "jr", "jul", "jun", "lt", "ltd", "m", "mar",
    "mr", "mrs", "ms", "mt", "no", "nov", "oct", "p", "pres", "prof", "rep", "rev", "s", "sen",
    "sep", "sept", "sgt", "sr", "st", "u", "vs",
];

/// Is `w` (any case) one of [`ABBREVIATIONS`]?
fn is_abbrev(w: &[u8]) -> bool {
    in_words(ABBREVIATIONS, w)
}

/// Sentence boundaries (byte ranges) of `text`; copes with "U.S.", "Mr.", "Dr.", "Jan.",
/// initials, decimals "3.5", ellipses, quotes after the period, and newlines/paragraphs as hard
/// breaks. Ranges are trimmed of surrounding whitespace; empty sentences are dropped.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let b = text.as_bytes();
    let n = b.len();
    let mut out = Vec::new();
    let mut start = 0usize;
    let mut i = 0usize;
    let push = |out: &mut Vec<Range<usize>>, s: usize, e: usize| {
        let mut s = s;
        let mut e = e;
        while s < e && b[s].is_ascii_whitespace() {
            s += 1;
        }
        while e > s && b[e - 1].is_ascii_whitespace() {
            e -= 1;
        }
        if s < e {
            out.push(s..e);
        }
    };
    while i < n {
        let c = b[i];
        if c == b'\n' {
            // Newlines are hard breaks (titles, datelines and paragraphs).
            push(&mut out, start, i);
            start = i + 1;
            i += 1;
            continue;
        }
        if c == b'.' || c == b'!' || c == b'?' {
            // Run of terminators ("...", "?!").
            let mut j = i + 1;
            while j < n && matches!(b[j], b'.' | b'!' | b'?') {
                j += 1;
            }
            // Closing quotes/brackets belong to the sentence.
            loop {
                if j < n && matches!(b[j], b'"' | b'\'' | b')' | b']') {
                    j += 1;
                } else if j + 2 < n
                    && b[j] == 0xE2
                    && b[j + 1] == 0x80
                    && matches!(b[j + 2], 0x99 | 0x9D)
                {
                    j += 3;
                } else {
                    break;
                }
            }
            let followed_by_space = j >= n || b[j].is_ascii_whitespace();
            if !followed_by_space {
                // "3.5", "U.S.A", "e.g.x"
                i = j;
                continue;
            }
            if c == b'.' && j == i + 1 {
                // Word before the period.
                let mut k = i;
                while k > start && b[k - 1].is_ascii_alphabetic() {
                    k -= 1;
                }
                let word = &b[k..i];
                let prev_dot = k > 0 && b[k - 1] == b'.';
                let single_initial = word.len() == 1 && word[0].is_ascii_uppercase();
                // Next non-space char.
                let mut m = j;
                while m < n && (b[m] == b' ' || b[m] == b'\t') {
                    m += 1;
                }
                let next_lower = m < n && (b[m].is_ascii_lowercase() || b[m].is_ascii_digit());
                // "2000s." is a plural number, not the abbreviation "s."
                let after_digit = k > 0 && b[k - 1].is_ascii_digit();
                let abbrev = !after_digit && (is_abbrev(word) || single_initial);
                if next_lower
                    || (abbrev
                        && !(prev_dot
                            && m < n
                            && b[m].is_ascii_uppercase()
                            && is_sentence_starter(&b[m..])))
                {
                    // "U.S. President" stays together; "in the U.S. The" breaks.
                    if !(prev_dot && word.len() == 1 && m < n && is_sentence_starter(&b[m..])) {
                        i = j;
                        continue;
                    }
                }
            }
            push(&mut out, start, j);
            start = j;
            i = j;
            continue;
        }
        i += 1;
    }
    push(&mut out, start, n);
    out
}

/// Common sentence-initial words, used to decide that "U.S. The" ends a sentence.
fn is_sentence_starter(rest: &[u8]) -> bool {
    let end = rest.iter().position(|c| !c.is_ascii_alphabetic()).unwrap_or(rest.len());
    let w = &rest[..end];
    [
        b"The" as &[u8],
        b"A",
        b"An",
        b"In",
        b"But",
        b"He",
        b"She",
        b"It",
        b"They",
        b"We",
        b"This",
        b"That",
        b"And",
        b"On",
        b"At",
        b"I",
    ]
    .contains(&w)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(s: &str) -> Vec<&str> {
        sentences(s).into_iter().map(|r| &s[r]).collect()
    }

    #[test]
    fn abbreviations_are_sorted() {
        crate::core::tagger::lexicon::assert_sorted("ABBREVIATIONS", ABBREVIATIONS);
    }

    #[test]
    fn abbreviations_and_decimals() {
        let s = "Mr. Smith went to the U.S. Congress on Jan. 3. It rose 3.5 percent. Really?! \"Yes.\" Next";
        assert_eq!(
            split(s),
            vec![
                "Mr. Smith went to the U.S. Congress on Jan. 3.",
                "It rose 3.5 percent.",
                "Really?!",
                "\"Yes.\"",
                "Next"
            ]
        );
    }

    #[test]
    fn newlines_initials_ellipsis() {
        let s = "Title line\nJohn F. Kennedy was shot... Then it ended. He left the U.S. The end";
        assert_eq!(
            split(s),
            vec![
                "Title line",
                "John F. Kennedy was shot...",
                "Then it ended.",
                "He left the U.S.",
                "The end"
            ]
        );
    }

    #[test]
    fn plural_numbers_end_sentences() {
        let s = "It held since the early 2000s. This rose in the 1990s. The end";
        assert_eq!(
            split(s),
            vec!["It held since the early 2000s.", "This rose in the 1990s.", "The end"]
        );
    }
}
