//! A small, strict JSON reader and writer for the data format (`docs/data-format.md`).
//!
//! Written by hand rather than taken from serde_json: the app needs one format, and serde's
//! generic machinery with its error strings took 33 KB of the 470 KB wasm (15 KB gzipped).
//! The reader takes untrusted files, so it is strict (RFC 8259, nothing more), bounds its
//! nesting depth, never panics, and allocates in proportion to its input. Its syntax errors
//! are serde_json's, word for word and at the same line and column, as the app has always
//! shown them. Reader and writer work piece by piece, straight from and to the caller's
//! types, as serde does; [`Value`] is for what has no type of its own.

use std::borrow::Cow;
use std::fmt;

/// How deeply arrays and objects may nest: serde_json's limit. The reader recurses once per
/// level, so this bounds its stack whatever the input.
pub const MAX_DEPTH: usize = 128;

/// A parsed JSON value. Strings and numbers borrow from the input where they can: most strings
/// have no escapes.
#[derive(Clone, Debug, PartialEq)]
pub enum Value<'a> {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as its JSON text. Kept as text so that no number loses precision (quote
    /// offsets are 64-bit) and so that the wasm needs no floating-point parser or printer,
    /// which would add kilobytes for numbers the data format never has.
    Number(Cow<'a, str>),
    /// A string, unescaped.
    String(Cow<'a, str>),
    /// An array.
    Array(Vec<Value<'a>>),
    /// An object's members in file order; a repeated key appears twice.
    Object(Vec<(Cow<'a, str>, Value<'a>)>),
}

impl Value<'_> {
    /// What kind of value this is, for messages: "a string", "a number", "null" …
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "a list",
            Value::Object(_) => "an object",
        }
    }

    /// The value of a number written as a whole number from 0 to `u64::MAX` (no sign,
    /// fraction or exponent), as serde_json reads integers; `None` for anything else.
    pub fn as_u64(&self) -> Option<u64> {
        let Value::Number(n) = self else { return None };
        n.bytes().try_fold(0u64, |acc, b| {
            let digit = b.checked_sub(b'0').filter(|d| *d < 10)?;
            acc.checked_mul(10)?.checked_add(u64::from(digit))
        })
    }
}

/// A syntax error, or a value the reader's caller did not expect, and where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    /// Boxed, so that the reader's results, passed up at every value, stay small; errors are
    /// rare.
    details: Box<Details>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Details {
    message: Cow<'static, str>,
    line: usize,
    column: usize,
}

impl Error {
    /// What is wrong; syntax errors in serde_json's words: "EOF while parsing a string" …
    pub fn message(&self) -> &str {
        &self.details.message
    }

    /// The line, from 1.
    pub fn line(&self) -> usize {
        self.details.line
    }

    /// The column, counted as serde_json does: the bytes of the line up to and including the
    /// offending one, so 0 when the problem is a line break or the end of an empty line.
    pub fn column(&self) -> usize {
        self.details.column
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at line {} column {}", self.message(), self.line(), self.column())
    }
}

impl std::error::Error for Error {}

const EOF_VALUE: &str = "EOF while parsing a value";
const EOF_STRING: &str = "EOF while parsing a string";
const EOF_LIST: &str = "EOF while parsing a list";
const EOF_OBJECT: &str = "EOF while parsing an object";
const LONE_SURROGATE: &str = "lone leading surrogate in hex escape";

/// Parses one JSON value, with nothing but whitespace around it.
pub fn parse(json: &str) -> Result<Value<'_>, Error> {
    let mut reader = Reader::new(json);
    let value = reader.value()?;
    reader.finish()?;
    Ok(value)
}

/// What [`Reader::object`] calls with each member's key, to read its value.
pub type Member<'a, 'f> = dyn FnMut(&mut Reader<'a>, Cow<'a, str>) -> Result<(), Error> + 'f;

/// A reader of JSON text, value by value, for callers that read a known shape straight into
/// their own types: no [`Value`] tree is built and dropped on the way, which takes 40% off the
/// time to read a dataset of ten thousand events.
pub struct Reader<'a> {
    src: &'a str,
    bytes: &'a [u8],
    /// The next byte to read.
    at: usize,
    /// How many arrays and objects are open.
    depth: usize,
}

impl<'a> Reader<'a> {
    /// A reader at the start of `json`.
    pub fn new(json: &'a str) -> Reader<'a> {
        Reader { src: json, bytes: json.as_bytes(), at: 0, depth: 0 }
    }

    /// Checks that nothing but whitespace follows what was read.
    pub fn finish(mut self) -> Result<(), Error> {
        self.whitespace();
        if self.at < self.bytes.len() {
            return self.fail("trailing characters");
        }
        Ok(())
    }

    /// An error placed at the last byte read: the end of the value just read, or the closing
    /// brace of the object just read, as serde_json places such errors.
    pub fn error(&self, message: impl Into<Cow<'static, str>>) -> Error {
        self.error_at(self.at.saturating_sub(1), message.into())
    }

    // Inlined even at opt-level "z", which otherwise makes this a call per byte of input.
    #[inline(always)]
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    /// A syntax error at the next byte (or at the end).
    fn fail<T>(&self, message: &'static str) -> Result<T, Error> {
        Err(self.error_at(self.at, message.into()))
    }

    /// An error at byte `at`. Lines and columns are counted only here: a file that parses
    /// pays nothing for them.
    fn error_at(&self, at: usize, message: Cow<'static, str>) -> Error {
        let read = &self.bytes[..(at + 1).min(self.bytes.len())];
        let line = 1 + read.iter().filter(|&&b| b == b'\n').count();
        let column = read.iter().rev().take_while(|&&b| b != b'\n').count();
        Error { details: Box::new(Details { message, line, column }) }
    }

    fn whitespace(&mut self) {
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.peek() {
            self.at += 1;
        }
    }

    /// The next value, whatever it is.
    pub fn value(&mut self) -> Result<Value<'a>, Error> {
        self.whitespace();
        match self.peek() {
            None => self.fail(EOF_VALUE),
            Some(b'"') => {
                self.at += 1;
                Ok(Value::String(self.rest_of_string()?))
            }
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b'[') => {
                let mut items = Vec::new();
                self.array(&mut |r| {
                    items.push(r.value()?);
                    Ok(())
                })?;
                Ok(Value::Array(items))
            }
            Some(b'{') => {
                let mut members = Vec::new();
                self.object(&mut |r, key| {
                    members.push((key, r.value()?));
                    Ok(())
                })?;
                Ok(Value::Object(members))
            }
            Some(b'n') => self.word("null", Value::Null),
            Some(b't') => self.word("true", Value::Bool(true)),
            Some(b'f') => self.word("false", Value::Bool(false)),
            Some(_) => self.fail("expected value"),
        }
    }

    /// Reads the next value when it is a string; otherwise reads nothing and returns `None`.
    pub fn string(&mut self) -> Result<Option<Cow<'a, str>>, Error> {
        self.whitespace();
        if self.peek() != Some(b'"') {
            return Ok(None);
        }
        self.at += 1;
        self.rest_of_string().map(Some)
    }

    /// Reads an array, calling `item` to read each item, when the next value is an array;
    /// otherwise reads nothing and returns false.
    pub fn array(
        &mut self,
        item: &mut dyn FnMut(&mut Reader<'a>) -> Result<(), Error>,
    ) -> Result<bool, Error> {
        if !self.enter(b'[')? {
            return Ok(false);
        }
        match self.peek() {
            None => return self.fail(EOF_LIST),
            Some(b']') => {
                self.leave();
                return Ok(true);
            }
            Some(_) => {}
        }
        loop {
            item(self)?;
            if !self.next_item(b']', EOF_LIST)? {
                return Ok(true);
            }
        }
    }

    /// Reads an object, calling `member` with each key to read its value, when the next
    /// value is an object; otherwise reads nothing and returns false.
    pub fn object(&mut self, member: &mut Member<'a, '_>) -> Result<bool, Error> {
        if !self.enter(b'{')? {
            return Ok(false);
        }
        if self.peek() == Some(b'}') {
            self.leave();
            return Ok(true);
        }
        loop {
            let key = match self.peek() {
                Some(b'"') => {
                    self.at += 1;
                    self.rest_of_string()?
                }
                None => return self.fail(EOF_OBJECT),
                Some(_) => return self.fail("key must be a string"),
            };
            self.whitespace();
            match self.peek() {
                Some(b':') => self.at += 1,
                None => return self.fail(EOF_OBJECT),
                Some(_) => return self.fail("expected `:`"),
            }
            member(self, key)?;
            if !self.next_item(b'}', EOF_OBJECT)? {
                return Ok(true);
            }
            self.whitespace();
        }
    }

    /// Enters the array or object that `open` starts, if it is next, refusing to nest deeper
    /// than [`MAX_DEPTH`].
    fn enter(&mut self, open: u8) -> Result<bool, Error> {
        self.whitespace();
        if self.peek() != Some(open) {
            return Ok(false);
        }
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return self.fail("recursion limit exceeded");
        }
        self.at += 1;
        self.whitespace();
        Ok(true)
    }

    /// Reads the closing bracket of an array or object.
    fn leave(&mut self) {
        self.at += 1;
        self.depth -= 1;
    }

    /// After an item: a comma (not before the closing bracket) or the closing bracket.
    /// True when there is another item.
    fn next_item(&mut self, close: u8, eof: &'static str) -> Result<bool, Error> {
        self.whitespace();
        match self.peek() {
            Some(b',') => {
                self.at += 1;
                self.whitespace();
                if self.peek() == Some(close) {
                    return self.fail("trailing comma");
                }
                Ok(true)
            }
            Some(b) if b == close => {
                self.leave();
                Ok(false)
            }
            None => self.fail(eof),
            Some(_) if close == b']' => self.fail("expected `,` or `]`"),
            Some(_) => self.fail("expected `,` or `}`"),
        }
    }

    fn word(&mut self, word: &str, value: Value<'a>) -> Result<Value<'a>, Error> {
        for expected in word.bytes() {
            match self.peek() {
                None => return self.fail(EOF_VALUE),
                Some(b) if b != expected => return self.fail("expected ident"),
                Some(_) => self.at += 1,
            }
        }
        Ok(value)
    }

    fn number(&mut self) -> Result<Value<'a>, Error> {
        let start = self.at;
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        match self.peek() {
            // A leading zero stands alone: "01" is not a number.
            Some(b'0') => {
                self.at += 1;
                if let Some(b'0'..=b'9') = self.peek() {
                    return self.fail("invalid number");
                }
            }
            Some(b'1'..=b'9') => self.digits(),
            None => return self.fail(EOF_VALUE),
            Some(_) => return self.fail("invalid number"),
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            self.required_digits()?;
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.at += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.at += 1;
            }
            self.required_digits()?;
        }
        Ok(Value::Number(Cow::Borrowed(&self.src[start..self.at])))
    }

    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek() {
            self.at += 1;
        }
    }

    fn required_digits(&mut self) -> Result<(), Error> {
        match self.peek() {
            Some(b'0'..=b'9') => {
                self.digits();
                Ok(())
            }
            None => self.fail(EOF_VALUE),
            Some(_) => self.fail("invalid number"),
        }
    }

    /// The rest of a string whose opening quote has been read. Borrowed from the input when
    /// it has no escapes; cut only at ASCII bytes, so always on character boundaries.
    fn rest_of_string(&mut self) -> Result<Cow<'a, str>, Error> {
        let mut unescaped: Option<String> = None;
        let mut run = self.at;
        loop {
            self.at += plain_len(&self.bytes[self.at..]);
            match self.peek() {
                None => return self.fail(EOF_STRING),
                Some(b'"') => {
                    let tail = &self.src[run..self.at];
                    self.at += 1;
                    return Ok(match unescaped {
                        None => Cow::Borrowed(tail),
                        Some(mut s) => {
                            s.push_str(tail);
                            Cow::Owned(s)
                        }
                    });
                }
                Some(b'\\') => {
                    let s = unescaped.get_or_insert_with(String::new);
                    s.push_str(&self.src[run..self.at]);
                    self.at += 1;
                    s.push(self.escape()?);
                    run = self.at;
                }
                Some(_) => {
                    return self
                        .fail("control character (\\u0000-\\u001F) found while parsing a string")
                }
            }
        }
    }

    /// The character of an escape whose backslash has been read.
    fn escape(&mut self) -> Result<char, Error> {
        let c = match self.peek() {
            None => return self.fail(EOF_STRING),
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                self.at += 1;
                return self.unicode();
            }
            Some(_) => return self.fail("invalid escape"),
        };
        self.at += 1;
        Ok(c)
    }

    /// The character of a `\uXXXX` escape, or of a surrogate pair of two.
    fn unicode(&mut self) -> Result<char, Error> {
        let first = self.hex4()?;
        let code = match first {
            0xDC00..=0xDFFF => return Err(self.error_at(self.at - 1, LONE_SURROGATE.into())),
            0xD800..=0xDBFF => {
                if self.bytes.get(self.at..self.at + 2) != Some(b"\\u") {
                    return self.fail("unexpected end of hex escape");
                }
                self.at += 2;
                let second = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&second) {
                    return Err(self.error_at(self.at - 1, LONE_SURROGATE.into()));
                }
                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            }
            _ => first,
        };
        match char::from_u32(code) {
            Some(c) => Ok(c),
            None => Err(self.error_at(self.at - 1, "invalid unicode code point".into())),
        }
    }

    /// Four hex digits; an error is placed after all four, as serde_json places it.
    fn hex4(&mut self) -> Result<u32, Error> {
        let Some(digits) = self.bytes.get(self.at..self.at + 4) else {
            return Err(self.error_at(self.bytes.len(), EOF_STRING.into()));
        };
        self.at += 4;
        let digit = |&b: &u8| (b as char).to_digit(16);
        match digits.iter().try_fold(0, |n, b| Some(n * 16 + digit(b)?)) {
            Some(n) => Ok(n),
            None => Err(self.error_at(self.at - 1, "invalid escape".into())),
        }
    }
}

/// How many bytes at the start of `bytes` need no escaping in a JSON string: all but the quote,
/// the backslash and control characters. Eight bytes at a time, as serde_json does, since
/// article texts are long strings of plain bytes.
fn plain_len(bytes: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let special = |b: &u8| *b == b'"' || *b == b'\\' || *b < 0x20;
    let mut chunks = bytes.chunks_exact(8);
    for (k, chunk) in chunks.by_ref().enumerate() {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        let w = u64::from_le_bytes(word);
        // The high bit of each byte of `found` is set where that byte of `w` is below 0x20,
        // a quote or a backslash (those two are zero after the xor), at least for the first
        // such byte: a borrow can only set bits above it.
        let below = |x: u64| x.wrapping_sub(ONES * 0x20);
        let zero = |x: u64| x.wrapping_sub(ONES);
        let found =
            (below(w) | zero(w ^ (ONES * 0x22)) | zero(w ^ (ONES * 0x5c))) & !w & (ONES * 0x80);
        if found != 0 {
            return 8 * k + found.trailing_zeros() as usize / 8;
        }
    }
    let rest = chunks.remainder();
    bytes.len() - rest.len() + rest.iter().position(special).unwrap_or(rest.len())
}

/// `value` as JSON text: compact, or `pretty`, indented by two spaces exactly as serde_json's
/// `to_string_pretty` writes it, so that files exported before and after read the same.
pub fn write(value: &Value, pretty: bool) -> String {
    let mut w = Writer::new(pretty);
    w.value(value);
    w.finish()
}

/// A writer of JSON text, piece by piece, for callers that write their own types straight
/// out, as serde does: no [`Value`] tree is built on the way. The caller opens and closes
/// arrays and objects and starts each item or member; the writer adds the commas and, when
/// pretty, the line breaks and indentation.
pub struct Writer {
    out: String,
    /// How deeply the next line is indented; `None` for compact output.
    indent: Option<usize>,
    /// True right after an array or object opens: its first item takes no comma, and if it
    /// has none, it closes on the same line.
    empty: bool,
}

impl Writer {
    /// A writer of compact or `pretty` JSON.
    pub fn new(pretty: bool) -> Writer {
        Writer { out: String::new(), indent: pretty.then_some(0), empty: false }
    }

    /// The text written.
    pub fn finish(self) -> String {
        self.out
    }

    /// Opens an array (`[`) or object (`{`).
    pub fn open(&mut self, bracket: char) {
        self.out.push(bracket);
        self.indent = self.indent.map(|n| n + 1);
        self.empty = true;
    }

    /// Closes the innermost array (`]`) or object (`}`).
    pub fn close(&mut self, bracket: char) {
        self.indent = self.indent.map(|n| n.saturating_sub(1));
        if !self.empty {
            self.line_break();
        }
        self.out.push(bracket);
        self.empty = false;
    }

    /// Starts an item of the innermost array.
    pub fn item(&mut self) {
        if !self.empty {
            self.out.push(',');
        }
        self.empty = false;
        self.line_break();
    }

    /// Starts member `key` of the innermost object.
    pub fn key(&mut self, key: &str) {
        self.item();
        write_string(&mut self.out, key);
        self.out.push_str(if self.indent.is_some() { ": " } else { ":" });
    }

    /// A string.
    pub fn string(&mut self, s: &str) {
        write_string(&mut self.out, s);
    }

    /// A whole number.
    pub fn whole(&mut self, n: u64) {
        // Formatted in place: `to_string` would allocate for each quote offset.
        let _ = fmt::Write::write_fmt(&mut self.out, format_args!("{n}"));
    }

    /// Any value.
    pub fn value(&mut self, value: &Value) {
        match value {
            Value::Null => self.out.push_str("null"),
            Value::Bool(b) => self.out.push_str(if *b { "true" } else { "false" }),
            Value::Number(n) => self.out.push_str(n),
            Value::String(s) => self.string(s),
            Value::Array(items) => {
                self.open('[');
                for item in items {
                    self.item();
                    self.value(item);
                }
                self.close(']');
            }
            Value::Object(members) => {
                self.open('{');
                for (key, item) in members {
                    self.key(key);
                    self.value(item);
                }
                self.close('}');
            }
        }
    }

    fn line_break(&mut self) {
        if let Some(n) = self.indent {
            self.out.push('\n');
            for _ in 0..n {
                self.out.push_str("  ");
            }
        }
    }
}

/// A JSON string, escaped as serde_json escapes: quote, backslash and control characters
/// only; everything else, U+2028 and U+2029 included, as itself.
fn write_string(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    let bytes = s.as_bytes();
    let (mut run, mut i) = (0, 0);
    loop {
        i += plain_len(&bytes[i..]);
        let Some(&b) = bytes.get(i) else { break };
        let short = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            _ => "",
        };
        // `i` is at an ASCII byte, so both cuts are on character boundaries.
        out.push_str(&s[run..i]);
        if short.is_empty() {
            out.push_str("\\u00");
            out.push(HEX[usize::from(b >> 4)] as char);
            out.push(HEX[usize::from(b & 15)] as char);
        } else {
            out.push_str(short);
        }
        i += 1;
        run = i;
    }
    out.push_str(&s[run..]);
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(x: &str) -> Value<'_> {
        Value::String(Cow::Borrowed(x))
    }

    fn n(x: &str) -> Value<'_> {
        Value::Number(Cow::Borrowed(x))
    }

    #[test]
    fn reads_every_kind_of_value_in_order() {
        let v =
            parse(r#" {"b": [1, -0.5e+3, 2E-2, 0], "a": null, "t": true, "f": false, "b": {}} "#);
        let members = vec![
            ("b".into(), Value::Array(vec![n("1"), n("-0.5e+3"), n("2E-2"), n("0")])),
            ("a".into(), Value::Null),
            ("t".into(), Value::Bool(true)),
            ("f".into(), Value::Bool(false)),
            ("b".into(), Value::Object(vec![])),
        ];
        assert_eq!(v, Ok(Value::Object(members)));
        assert_eq!(parse("[]"), Ok(Value::Array(vec![])));
        assert_eq!(parse("\"\""), Ok(s("")));
    }

    #[test]
    fn unescapes_strings_and_borrows_plain_ones() {
        let v = parse(r#""a\"\\\/\b\f\n\r\t\u00e9\u20AC\ud83d\ude00z""#).unwrap();
        assert_eq!(v, s("a\"\\/\u{8}\u{c}\n\r\t\u{e9}€😀z"));
        assert!(matches!(parse(r#""plain é""#), Ok(Value::String(Cow::Borrowed("plain é")))));
        assert_eq!(
            parse("\"\u{2028}\u{7f}\""),
            Ok(s("\u{2028}\u{7f}")),
            "only C0 controls are refused"
        );
    }

    #[test]
    fn whole_numbers_are_exact() {
        let u = |j: &str| parse(j).unwrap().as_u64();
        assert_eq!(u("18446744073709551615"), Some(u64::MAX));
        assert_eq!(u("18446744073709551616"), None, "too large");
        assert_eq!(u("0"), Some(0));
        for j in ["-1", "1.0", "1e2", "-0", "\"1\""] {
            assert_eq!(u(j), None, "{j}");
        }
    }

    #[test]
    fn errors_say_what_and_where_as_serde_json_did() {
        let cases: &[(&str, &str, usize, usize)] = &[
            ("", EOF_VALUE, 1, 0),
            ("{", EOF_OBJECT, 1, 1),
            ("[", EOF_LIST, 1, 1),
            ("[1", EOF_LIST, 1, 2),
            ("nul", EOF_VALUE, 1, 3),
            ("nux", "expected ident", 1, 3),
            ("\u{0}x", "expected value", 1, 1),
            ("{\"version\": 1, \"title\": \"x\"", EOF_OBJECT, 1, 27),
            ("{\"a\":1,}", "trailing comma", 1, 8),
            ("[1,]", "trailing comma", 1, 4),
            ("[1 2]", "expected `,` or `]`", 1, 4),
            ("{\"a\" 1}", "expected `:`", 1, 6),
            ("{\"a\":1 \"b\"}", "expected `,` or `}`", 1, 8),
            ("{1:2}", "key must be a string", 1, 2),
            ("{} x", "trailing characters", 1, 4),
            ("\"a\nb\"", "control character (\\u0000-\\u001F) found while parsing a string", 2, 0),
            ("\"\\x\"", "invalid escape", 1, 3),
            ("\"\\u12g4\"", "invalid escape", 1, 7),
            ("\"\\u12", EOF_STRING, 1, 5),
            ("\"\\ud800\"", "unexpected end of hex escape", 1, 8),
            ("\"\\ud800\\u0041\"", LONE_SURROGATE, 1, 13),
            ("\"\\udc00\"", LONE_SURROGATE, 1, 7),
            ("\"abc", EOF_STRING, 1, 4),
            ("01", "invalid number", 1, 2),
            ("-x", "invalid number", 1, 2),
            ("1.", EOF_VALUE, 1, 2),
            ("1.e3", "invalid number", 1, 3),
            ("1e+", EOF_VALUE, 1, 3),
            ("[\n  1,\n  x]", "expected value", 3, 3),
            ("+1", "expected value", 1, 1),
            ("\u{feff}{}", "expected value", 1, 1),
        ];
        for &(json, message, line, column) in cases {
            let e = parse(json).unwrap_err();
            assert_eq!((e.message(), e.line(), e.column()), (message, line, column), "{json:?}");
        }
        let e = parse("[1,]").unwrap_err();
        assert_eq!(e.to_string(), "trailing comma at line 1 column 4");
    }

    #[test]
    fn plain_len_stops_at_the_first_byte_to_escape() {
        let mut seed = 0x9e37_79b9_u64;
        let near =
            [b'"', b'\\', 0, 0x1f, 0x20, 0x21, 0x23, 0x5b, 0x5d, 0x7f, 0x80, 0xa2, 0xdc, 0xff];
        for _ in 0..20_000 {
            let len = (crate::core::xorshift(&mut seed) % 40) as usize;
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    let r = crate::core::xorshift(&mut seed);
                    if r % 3 == 0 {
                        near[(r >> 8) as usize % near.len()]
                    } else {
                        (r >> 16) as u8
                    }
                })
                .collect();
            let naive = bytes.iter().position(|&b| b == b'"' || b == b'\\' || b < 0x20);
            assert_eq!(plain_len(&bytes), naive.unwrap_or(len), "{bytes:?}");
        }
    }

    #[test]
    fn nesting_is_bounded() {
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse(&ok).is_ok());
        let deep = format!("{}1{}", "[{\"a\":".repeat(MAX_DEPTH), "}]".repeat(MAX_DEPTH));
        assert_eq!(parse(&deep).unwrap_err().message(), "recursion limit exceeded");
        // Far deeper than any stack would take, refused without recursing into it.
        let huge = "[".repeat(1_000_000);
        assert_eq!(parse(&huge).unwrap_err().message(), "recursion limit exceeded");
    }

    #[test]
    fn writes_compact_and_pretty_as_serde_json() {
        let v = parse(
            r#"{"a":[],"b":{},"c":[1,{"d":"x\u0001\u001f\u007f\n\"\\/é"}],"e":null,"f":true}"#,
        )
        .unwrap();
        let compact =
            "{\"a\":[],\"b\":{},\"c\":[1,{\"d\":\"x\\u0001\\u001f\u{7f}\\n\\\"\\\\/é\"}],\
                       \"e\":null,\"f\":true}";
        assert_eq!(write(&v, false), compact);
        let pretty = "{\n  \"a\": [],\n  \"b\": {},\n  \"c\": [\n    1,\n    {\n      \"d\": \
                      \"x\\u0001\\u001f\u{7f}\\n\\\"\\\\/é\"\n    }\n  ],\n  \"e\": null,\n  \"f\": true\n}";
        assert_eq!(write(&v, true), pretty);
        assert_eq!(parse(pretty), Ok(v));
        assert_eq!(write(&s("\u{8}\u{c}\r\t"), false), r#""\b\f\r\t""#);
        let nested = parse("[[],[{}],{\"a\":[[]]}]").unwrap();
        let pretty = "[\n  [],\n  [\n    {}\n  ],\n  {\n    \"a\": [\n      []\n    ]\n  }\n]";
        assert_eq!(write(&nested, true), pretty);
    }

    #[test]
    fn random_bytes_never_panic_and_valid_output_reads_back() {
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let alphabet = b"{}[]\",:\\u0123456789abcdefnulltrue-+.eE \n\t\x01";
        for _ in 0..20_000 {
            let len = (crate::core::xorshift(&mut seed) % 40) as usize;
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    alphabet[(crate::core::xorshift(&mut seed) % alphabet.len() as u64) as usize]
                })
                .collect();
            let text = String::from_utf8_lossy(&bytes);
            if let Ok(v) = parse(&text) {
                for pretty in [false, true] {
                    assert_eq!(parse(&write(&v, pretty)).as_ref(), Ok(&v), "{text:?}");
                }
            }
        }
    }
}
