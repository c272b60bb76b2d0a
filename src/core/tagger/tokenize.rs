//! One-pass byte tokenizer. Tokens are byte ranges into the input plus a lexicon id, so the rule
//! matcher never allocates per token and compares small integers instead of strings.

use super::lexicon::{lookup, Lex};

/// Coarse token class.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Letters (ASCII or any non-ASCII char that is not punctuation we know).
    Word,
    /// A run of ASCII digits, possibly with thousands commas or a decimal part.
    Num,
    /// Any other single character (a multi-byte one for curly quotes and dashes).
    Punct,
}

/// One token. `num` is the integer value of a digit run (saturating), `ndigits` its length.
#[derive(Clone, Copy, Debug)]
pub struct Tok {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// Class.
    pub kind: Kind,
    /// Lexicon entry of the lowercased word (`Lex::Other` for unknown words and non-words).
    pub lex: Lex,
    /// Value of a digit run.
    pub num: u32,
    /// Number of digits of a digit run (0 for words).
    pub ndigits: u8,
    /// Bit flags, see the `F_*` constants.
    pub flags: u8,
    /// The character for `Punct` tokens (curly quotes map to their ASCII look-alikes, dashes to '-').
    pub ch: u8,
}

/// Digit run with thousands separators ("1,994"): never a year.
pub const F_COMMA: u8 = 1;
/// Digit run with a decimal part ("3.5").
pub const F_DECIMAL: u8 = 2;
/// Digit run followed by a plural "s" ("1990s", "80s").
pub const F_PLURAL: u8 = 4;
/// Digit run followed by an ordinal suffix ("20th", "1st").
pub const F_ORDINAL: u8 = 8;
/// Word starts with an uppercase ASCII letter.
pub const F_CAP: u8 = 16;
/// A newline occurs in the whitespace before this token.
pub const F_NL: u8 = 32;
/// Two newlines (a paragraph break) occur before this token.
pub const F_PARA: u8 = 64;
/// Digit run glued to following letters that are not a known suffix ("1337edt", "10am").
pub const F_GLUED: u8 = 128;

impl Tok {
    /// Is the token the punctuation character `c`?
    #[inline]
    pub fn is(&self, c: u8) -> bool {
        self.kind == Kind::Punct && self.ch == c
    }
    /// Has flag `f`?
    #[inline]
    pub fn has(&self, f: u8) -> bool {
        self.flags & f != 0
    }
}

#[inline]
fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphabetic() || b >= 0x80
}

/// Classify the multi-byte UTF-8 char at `i` as punctuation (returns its ASCII stand-in and
/// length) when it is a curly quote, a dash or a non-breaking space.
fn multibyte_punct(bytes: &[u8], i: usize) -> Option<(u8, usize)> {
    match bytes.get(i..i + 3) {
        Some([0xE2, 0x80, 0x98 | 0x99]) => Some((b'\'', 3)),
        Some([0xE2, 0x80, 0x9C | 0x9D]) => Some((b'"', 3)),
        Some([0xE2, 0x80, 0x93 | 0x94]) => Some((b'-', 3)),
        Some([0xE2, 0x80, 0xA6]) => Some((b'.', 3)),
        _ => match bytes.get(i..i + 2) {
            Some([0xC2, 0xA0]) => Some((b' ', 2)),
            _ => None,
        },
    }
}

/// Length in bytes of the UTF-8 char starting with `b` (1 for stray continuation bytes).
#[inline]
fn utf8_len(b: u8) -> usize {
    match b {
        0xF0..=0xFF => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

/// Tokenize `text` into `out` (cleared first), reusing its allocation.
pub fn tokenize_into(text: &str, out: &mut Vec<Tok>) {
    out.clear();
    let b = text.as_bytes();
    let n = b.len();
    let mut i = 0;
    let mut pending = 0u8;
    let mut newlines = 0u32;
    while i < n {
        let c = b[i];
        if c == b'\n' {
            newlines += 1;
            i += 1;
            continue;
        }
        if c == b' ' || c == b'\t' || c == b'\r' || c == 0x0c {
            i += 1;
            continue;
        }
        if newlines > 0 {
            pending |= F_NL;
            if newlines > 1 {
                pending |= F_PARA;
            }
        }
        newlines = 0;
        let start = i;
        if c.is_ascii_digit() {
            let mut val: u32 = 0;
            let mut nd: u32 = 0;
            let mut flags = pending;
            while i < n && b[i].is_ascii_digit() {
                val = val.saturating_mul(10).saturating_add(u32::from(b[i] - b'0'));
                nd += 1;
                i += 1;
            }
            // Thousands groups: ",ddd" exactly three digits.
            while i + 3 < n
                && b[i] == b','
                && b[i + 1].is_ascii_digit()
                && b[i + 2].is_ascii_digit()
                && b[i + 3].is_ascii_digit()
                && !(i + 4 < n && b[i + 4].is_ascii_digit())
            {
                flags |= F_COMMA;
                for k in 1..4 {
                    val = val.saturating_mul(10).saturating_add(u32::from(b[i + k] - b'0'));
                }
                nd += 3;
                i += 4;
            }
            if i + 1 < n && b[i] == b'.' && b[i + 1].is_ascii_digit() {
                flags |= F_DECIMAL;
                i += 1;
                while i < n && b[i].is_ascii_digit() {
                    i += 1;
                }
            }
            // Suffixes glued to the digits.
            let mut j = i;
            while j < n && b[j].is_ascii_alphabetic() {
                j += 1;
            }
            if j > i {
                let suf = &b[i..j];
                if suf.eq_ignore_ascii_case(b"s") {
                    flags |= F_PLURAL;
                } else if [b"st" as &[u8], b"nd", b"rd", b"th"]
                    .iter()
                    .any(|s| suf.eq_ignore_ascii_case(s))
                {
                    flags |= F_ORDINAL;
                } else {
                    flags |= F_GLUED;
                }
                i = j;
            }
            out.push(Tok {
                start,
                end: i,
                kind: Kind::Num,
                lex: Lex::Other,
                num: val,
                ndigits: nd.min(255) as u8,
                flags,
                ch: 0,
            });
            pending = 0;
            continue;
        }
        if c >= 0x80 {
            if let Some((ch, len)) = multibyte_punct(b, i) {
                i += len;
                if ch == b' ' {
                    continue;
                }
                out.push(Tok {
                    start,
                    end: i,
                    kind: Kind::Punct,
                    lex: Lex::Other,
                    num: 0,
                    ndigits: 0,
                    flags: pending,
                    ch,
                });
                pending = 0;
                continue;
            }
        }
        if is_word_byte(c) {
            while i < n && is_word_byte(b[i]) {
                if b[i] >= 0x80 {
                    if multibyte_punct(b, i).is_some() {
                        break;
                    }
                    i += utf8_len(b[i]);
                } else {
                    i += 1;
                }
            }
            let i_end = i.min(n);
            i = i_end;
            let word = &b[start..i_end];
            let mut flags = pending;
            if c.is_ascii_uppercase() {
                flags |= F_CAP;
            }
            out.push(Tok {
                start,
                end: i_end,
                kind: Kind::Word,
                lex: lookup(word),
                num: 0,
                ndigits: 0,
                flags,
                ch: 0,
            });
            pending = 0;
            continue;
        }
        // Other single byte (ASCII punctuation or control).
        i += 1;
        out.push(Tok {
            start,
            end: i,
            kind: Kind::Punct,
            lex: Lex::Other,
            num: 0,
            ndigits: 0,
            flags: pending,
            ch: c,
        });
        pending = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_words() {
        let mut v = Vec::new();
        tokenize_into("In 1,994 the 1990s 3.5 20th x’s 1337edt", &mut v);
        let kinds: Vec<Kind> = v.iter().map(|t| t.kind).collect();
        assert_eq!(kinds[0], Kind::Word);
        assert!(v[1].has(F_COMMA));
        assert_eq!(v[1].num, 1994);
        assert!(v[3].has(F_PLURAL) && v[3].num == 1990);
        assert!(v[4].has(F_DECIMAL));
        assert!(v[5].has(F_ORDINAL) && v[5].num == 20);
        assert!(v[7].is(b'\''));
        assert!(v[9].has(F_GLUED));
    }
}
