//! TimeML EVENT recognition and event–time anchoring over a text and its TIMEX3s.
//!
//! Recognition is an averaged perceptron over word, affix, shape and context features of each
//! token, choosing between "no event" and the seven TimeML classes at once. Its weights are
//! hashed into a fixed table of 8-bit buckets (`events.bin`, built by `timeml train-events`
//! from TBAQ), so the model costs a known number of bytes however many features it saw.
//!
//! Anchoring is rule-based: each DATE or TIME expression goes to the event it modifies ("the
//! 2022 invasion"), else to the nearest event of its clause, preferring the predicate the
//! expression's phrase hangs off ("annexed Crimea in 2014"), and from there to that event's
//! neighbours in the clause ("were killed and wounded"). See `docs/tagger.md`, "Events and
//! anchoring", for the figures.

use crate::core::tagger::{Timex, TimexType};
use std::ops::Range;
use std::sync::OnceLock;

/// TimeML EVENT class.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EventClass {
    /// Something that happens ("invasion", "merged").
    Occurrence,
    /// Something that holds ("owned", "crisis").
    State,
    /// Saying or reporting ("said", "told").
    Reporting,
    /// An action introducing another event ("tried", "ordered").
    IAction,
    /// A mental state about another event ("believe", "want").
    IState,
    /// Beginning, continuing or ending ("began", "continue").
    Aspectual,
    /// Perceiving ("saw", "heard").
    Perception,
}

/// The seven classes in label order (label 0 is "no event").
pub const CLASSES: [EventClass; 7] = [
    EventClass::Occurrence,
    EventClass::State,
    EventClass::Reporting,
    EventClass::IAction,
    EventClass::IState,
    EventClass::Aspectual,
    EventClass::Perception,
];

impl EventClass {
    /// The TimeML attribute value ("OCCURRENCE", "I_ACTION", ...).
    pub fn as_str(self) -> &'static str {
        match self {
            EventClass::Occurrence => "OCCURRENCE",
            EventClass::State => "STATE",
            EventClass::Reporting => "REPORTING",
            EventClass::IAction => "I_ACTION",
            EventClass::IState => "I_STATE",
            EventClass::Aspectual => "ASPECTUAL",
            EventClass::Perception => "PERCEPTION",
        }
    }

    /// The class named by a TimeML attribute value, if any.
    pub fn parse(s: &str) -> Option<EventClass> {
        CLASSES.iter().copied().find(|c| c.as_str() == s)
    }

    fn label(self) -> usize {
        CLASSES.iter().position(|&c| c == self).map_or(0, |p| p + 1)
    }
}

/// One event found in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventMention {
    /// Byte range of the event word in the text.
    pub span: Range<usize>,
    /// TimeML class.
    pub class: EventClass,
    /// Index, in the slice of time expressions given, of the DATE/TIME expression (or duration)
    /// that anchors this event, if one does.
    pub anchor: Option<usize>,
}

/// Number of labels: "no event" and the seven classes.
const LABELS: usize = 8;

/// A trained recognizer: hashed feature weights, one table shared by all labels.
#[derive(Clone, Debug)]
pub struct Model {
    /// log2 of the number of buckets.
    bits: u32,
    /// Weights as learned (quantized models are scaled back on reading).
    weights: Vec<f32>,
}

/// Magic bytes of the model file.
const MAGIC: &[u8; 4] = b"SLE1";

/// The model shipped with the crate (trained on TBAQ, see `docs/tagger.md`).
static SHIPPED: &[u8] = include_bytes!("events.bin");

impl Model {
    /// An empty model with `2^bits` buckets (it finds nothing until trained).
    pub fn empty(bits: u32) -> Model {
        let bits = bits.clamp(8, 24);
        Model { bits, weights: vec![0.0; 1 << bits] }
    }

    /// Read a model written by [`Model::to_bytes`]; `None` when the bytes are not one.
    pub fn from_bytes(b: &[u8]) -> Option<Model> {
        if b.get(..4)? != MAGIC {
            return None;
        }
        let bits = u32::from(*b.get(4)?);
        let width = usize::from(*b.get(5)?);
        if !(8..=24).contains(&bits) || !(width == 1 || width == 2) {
            return None;
        }
        let scale = f32::from_le_bytes(b.get(6..10)?.try_into().ok()?);
        let scale = if scale.is_finite() && scale > 0.0 { scale } else { 1.0 };
        let n = 1usize << bits;
        let body = b.get(10..10 + width * n)?;
        let weights = body
            .chunks_exact(width)
            .map(|c| {
                let q = if width == 1 {
                    i16::from(c[0] as i8)
                } else {
                    i16::from_le_bytes([c[0], c[1]])
                };
                f32::from(q) / scale
            })
            .collect();
        Some(Model { bits, weights })
    }

    /// The model as bytes: magic, bits, bytes per weight (`width`, 1 or 2), scale, then every
    /// bucket as a little-endian signed integer. Quantized: the ranking of labels survives
    /// 8 or 16 bits, and the file shrinks to a quarter or half of `f32`s.
    pub fn to_bytes(&self, width: u8) -> Vec<u8> {
        let width = width.clamp(1, 2);
        let clip = self.weights.iter().fold(0f32, |m, w| m.max(w.abs()));
        let qmax = if width == 1 { 127.0 } else { 32767.0 };
        let scale = if clip > 0.0 { qmax / clip } else { 1.0 };
        let mut out = Vec::with_capacity(10 + usize::from(width) * self.weights.len());
        out.extend_from_slice(MAGIC);
        out.push(self.bits as u8);
        out.push(width);
        out.extend_from_slice(&scale.to_le_bytes());
        for w in &self.weights {
            let q = (w * scale).round().clamp(-qmax, qmax);
            if width == 1 {
                out.push(q as i8 as u8);
            } else {
                out.extend_from_slice(&(q as i16).to_le_bytes());
            }
        }
        out
    }

    /// The model shipped with the crate; an empty one if its file is missing or damaged.
    pub fn shipped() -> &'static Model {
        static M: OnceLock<Model> = OnceLock::new();
        M.get_or_init(|| Model::from_bytes(SHIPPED).unwrap_or_else(|| Model::empty(8)))
    }

    #[inline]
    fn bucket(&self, f: u64, label: usize) -> usize {
        let h = mix(f ^ (label as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15));
        (h as usize) & ((1usize << self.bits) - 1)
    }

    fn scores(&self, feats: &[u64]) -> [f32; LABELS] {
        let mut s = [0f32; LABELS];
        for (l, sl) in s.iter_mut().enumerate() {
            for &f in feats {
                *sl += self.weights[self.bucket(f, l)];
            }
        }
        s
    }

    fn predict(&self, feats: &[u64]) -> usize {
        argmax(&self.scores(feats))
    }
}

fn argmax(s: &[f32; LABELS]) -> usize {
    let mut best = 0;
    for l in 1..LABELS {
        if s[l] > s[best] {
            best = l;
        }
    }
    best
}

/// A 64-bit finalizer (splitmix64's) so that nearby hashes land in unrelated buckets.
#[inline]
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// FNV-1a of a feature template id and its string.
fn fh(kind: u8, s: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ u64::from(kind);
    h = h.wrapping_mul(0x0100_0000_01b3);
    for &b in s {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// FNV-1a of a template id and several strings (a separator between them), so that
/// combined features need no allocation.
fn fhs(kind: u8, parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ u64::from(kind);
    h = h.wrapping_mul(0x0100_0000_01b3);
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            h ^= 0x1f;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        for &b in *p {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// Word tokens (byte ranges): letter/digit runs with inner hyphens ("cease-fire"), a clitic
/// from its apostrophe ("'s", "n't" stays "n" + "'t"), and single punctuation characters.
pub fn tokens(text: &str) -> Vec<Range<usize>> {
    let b = text.as_bytes();
    let n = b.len();
    let mut out = Vec::with_capacity(n / 5);
    let mut i = 0;
    // Curly quotes and dashes are three-byte punctuation, not letters.
    let punct3 = |i: usize| matches!(b.get(i..i + 3), Some([0xE2, 0x80, _]));
    let wordy = |i: usize| i < n && (b[i].is_ascii_alphanumeric() || (b[i] >= 0x80 && !punct3(i)));
    while i < n {
        if b[i].is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        // A clitic after a word, with a straight or a curly apostrophe ("Russia’s").
        let curly = punct3(i) && b[i + 2] == 0x99 && i > 0 && wordy(i - 1);
        if curly && b.get(i + 3).is_some_and(u8::is_ascii_alphabetic) {
            i += 3;
            while wordy(i) {
                i += 1;
            }
        } else if wordy(i)
            || (b[i] == b'\'' && i + 1 < n && b[i + 1].is_ascii_alphabetic() && i > 0)
        {
            i += 1;
            loop {
                if wordy(i) {
                    i += 1;
                } else if b.get(i) == Some(&b'-') && wordy(i + 1) {
                    i += 2;
                } else {
                    break;
                }
            }
        } else if punct3(i) {
            i += 3;
        } else {
            i += 1;
            while i < n && (b[i] & 0xC0) == 0x80 {
                i += 1;
            }
        }
        out.push(start..i);
    }
    out
}

/// Auxiliaries and particles whose presence before a word says it is a verb form.
const AUX: &[&str] = &[
    "be", "been", "being", "is", "are", "was", "were", "am", "has", "have", "had", "having",
    "will", "would", "shall", "should", "can", "could", "may", "might", "must", "to", "did",
    "does", "do", "not", "n't",
];

const DETS: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our", "my",
    "your", "any", "no", "some", "each", "every",
];

/// Suffixes typical of event nominals and verb forms.
const EVENT_SUFFIXES: &[&str] = &[
    "tion", "sion", "ment", "ance", "ence", "ing", "ure", "al", "ed", "ize", "ise", "ate", "age",
    "sis", "ery", "ship",
];

struct Tok {
    lower: String,
    cap: bool,
}

fn lower_tokens(text: &str, spans: &[Range<usize>]) -> Vec<Tok> {
    spans
        .iter()
        .map(|r| {
            let w = text.get(r.clone()).unwrap_or("");
            // ASCII case folding only: full Unicode tables would cost the wasm ~25 KB.
            let mut lower: String = w.to_ascii_lowercase();
            // A curly apostrophe reads as the straight one the training texts use.
            if let Some(rest) = lower.strip_prefix('’') {
                lower = format!("'{rest}");
            }
            // Numbers share one spelling per shape: "1994" and "2014" are both "0000".
            if lower.bytes().any(|c| c.is_ascii_digit()) {
                lower = lower.chars().map(|c| if c.is_ascii_digit() { '0' } else { c }).collect();
            }
            let cap = w.bytes().next().is_some_and(|b| b.is_ascii_uppercase());
            Tok { lower, cap }
        })
        .collect()
}

fn suffix(w: &str, n: usize) -> &str {
    let mut k = w.len().saturating_sub(n);
    while !w.is_char_boundary(k) {
        k += 1;
    }
    &w[k..]
}

fn prefix(w: &str, n: usize) -> &str {
    let mut k = n.min(w.len());
    while !w.is_char_boundary(k) {
        k -= 1;
    }
    &w[..k]
}

fn shape(w: &str) -> Vec<u8> {
    let mut s = Vec::with_capacity(4);
    for c in w.chars() {
        let k = if c.is_ascii_uppercase() {
            b'X'
        } else if c.is_ascii_lowercase() || !c.is_ascii() {
            b'x'
        } else if c.is_ascii_digit() {
            b'd'
        } else {
            b'-'
        };
        // Runs collapse: "Crimea" is "Xx", "2014" is "d".
        if s.last() != Some(&k) {
            s.push(k);
        }
    }
    s
}

/// The hashed features of token `i` into `out` (cleared first).
fn features(toks: &[Tok], i: usize, out: &mut Vec<u64>) {
    out.clear();
    let at = |k: isize| -> &str {
        let j = i as isize + k;
        if j < 0 {
            "<s>"
        } else {
            toks.get(j as usize).map_or("</s>", |t| t.lower.as_str())
        }
    };
    let w = at(0);
    out.push(fh(0, b""));
    out.push(fh(1, w.as_bytes()));
    for n in 2..=4 {
        out.push(fh(1 + n as u8, suffix(w, n).as_bytes()));
    }
    out.push(fh(6, prefix(w, 3).as_bytes()));
    let text_shape = toks.get(i).map(|t| t.cap).unwrap_or(false);
    out.push(fh(7, &[u8::from(text_shape), u8::from(i == 0)]));
    out.push(fh(8, &shape(w)));
    let p1 = at(-1);
    let p2 = at(-2);
    let n1 = at(1);
    let n2 = at(2);
    out.push(fh(9, p1.as_bytes()));
    out.push(fh(10, p2.as_bytes()));
    out.push(fh(11, n1.as_bytes()));
    out.push(fh(12, n2.as_bytes()));
    out.push(fh(13, suffix(p1, 3).as_bytes()));
    out.push(fh(14, suffix(n1, 3).as_bytes()));
    out.push(fhs(15, &[p1.as_bytes(), w.as_bytes()]));
    out.push(fhs(16, &[w.as_bytes(), n1.as_bytes()]));
    let prev_cap = i > 0 && toks.get(i - 1).is_some_and(|t| t.cap);
    out.push(fh(17, &[u8::from(prev_cap), u8::from(text_shape)]));
    for s in EVENT_SUFFIXES {
        if w.len() > s.len() + 2 && w.ends_with(s) {
            out.push(fh(18, s.as_bytes()));
        }
    }
    // The nearest auxiliary or determiner within three words back, and how far.
    for k in 1..=3isize {
        let p = at(-k);
        if AUX.contains(&p) {
            out.push(fhs(19, &[&[k as u8], p.as_bytes()]));
            out.push(fhs(20, &[p.as_bytes(), suffix(w, 2).as_bytes()]));
            break;
        }
        if DETS.contains(&p) {
            out.push(fhs(21, &[&[k as u8], p.as_bytes()]));
            out.push(fh(22, suffix(w, 3).as_bytes()));
            break;
        }
    }
    out.push(fhs(23, &[p1.as_bytes(), w.as_bytes(), n1.as_bytes()]));
}

/// One training document: its text and its gold events (byte ranges and classes).
pub type TrainDoc = (String, Vec<(Range<usize>, EventClass)>);

fn gold_labels(spans: &[Range<usize>], gold: &[(Range<usize>, EventClass)]) -> Vec<usize> {
    spans
        .iter()
        .map(|r| {
            gold.iter()
                .find(|(g, _)| g.start < r.end && r.start < g.end)
                .map_or(0, |(_, c)| c.label())
        })
        .collect()
}

/// Train a recognizer on `docs` for `epochs` passes (documents in a fixed shuffled order, so
/// the result is reproducible), with `2^bits` buckets. Returns the averaged weights.
pub fn train(docs: &[TrainDoc], epochs: usize, bits: u32) -> Model {
    let mut m = Model::empty(bits);
    let n = m.weights.len();
    // Averaging by the usual trick: `acc` sums each update times the step it was made at.
    let mut acc = vec![0f32; n];
    let mut step = 1f32;
    let prepared: Vec<(Vec<Tok>, Vec<usize>)> = docs
        .iter()
        .map(|(text, gold)| {
            let spans = tokens(text);
            (lower_tokens(text, &spans), gold_labels(&spans, gold))
        })
        .collect();
    let mut order: Vec<usize> = (0..prepared.len()).collect();
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    let mut feats = Vec::new();
    for _ in 0..epochs {
        // Fisher–Yates with xorshift: a perceptron learns better from a varied order.
        for k in (1..order.len()).rev() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            order.swap(k, (seed % (k as u64 + 1)) as usize);
        }
        for &d in &order {
            let (toks, labels) = &prepared[d];
            for (i, &gold) in labels.iter().enumerate() {
                features(toks, i, &mut feats);
                let pred = m.predict(&feats);
                if pred != gold {
                    for &f in &feats {
                        let g = m.bucket(f, gold);
                        let p = m.bucket(f, pred);
                        m.weights[g] += 1.0;
                        acc[g] += step;
                        m.weights[p] -= 1.0;
                        acc[p] -= step;
                    }
                }
                step += 1.0;
            }
        }
    }
    for (w, a) in m.weights.iter_mut().zip(&acc) {
        *w -= a / step;
    }
    m
}

/// Events of `text` (byte spans, classes) found by `model`, ignoring words inside the time
/// expressions `timexes` (sorted and disjoint, as the tagger returns them); anchors are filled in by [`anchor`].
pub fn recognize(model: &Model, text: &str, timexes: &[Timex]) -> Vec<EventMention> {
    let spans = tokens(text);
    let toks = lower_tokens(text, &spans);
    let mut feats = Vec::new();
    let mut out = Vec::new();
    // Words within `NEAR_TIME_WORDS` of a time expression, where a missed event costs its link.
    let mut near = vec![false; spans.len()];
    for t in timexes {
        let a = spans.partition_point(|r| r.start < t.start).saturating_sub(NEAR_TIME_WORDS);
        let b = spans.partition_point(|r| r.start < t.end) + NEAR_TIME_WORDS;
        near[a..b.min(spans.len())].fill(true);
    }
    // The tagger's expressions are sorted and disjoint: one cursor walks them with the tokens.
    let mut next_t = 0;
    for (i, r) in spans.iter().enumerate() {
        let first = text.as_bytes()[r.start];
        // Letters only: not digits, nor punctuation such as dashes and curly quotes (E2 80 xx).
        if !(first.is_ascii_alphabetic()
            || (first >= 0x80
                && text[r.clone()]
                    .chars()
                    .next()
                    .is_some_and(|c| !('\u{2000}'..='\u{206f}').contains(&c))))
        {
            continue;
        }
        while timexes.get(next_t).is_some_and(|t| t.end <= r.start) {
            next_t += 1;
        }
        if timexes.get(next_t).is_some_and(|t| t.start < r.end) {
            continue;
        }
        features(&toks, i, &mut feats);
        let mut sc = model.scores(&feats);
        sc[0] -= if near[i] { NEAR_TIME_MARGIN } else { NO_EVENT_MARGIN };
        let l = argmax(&sc);
        if l > 0 {
            out.push(EventMention { span: r.clone(), class: CLASSES[l - 1], anchor: None });
        }
    }
    out
}

/// Handicap of the "no event" label at tagging time, in perceptron update units: the trained
/// model is more precise than it recalls (P 0.87, R 0.78 by cross-validation), and this
/// trade evens them out for a better F1 (see `docs/tagger.md`).
const NO_EVENT_MARGIN: f32 = 4.0;

/// A larger handicap within `NEAR_TIME_WORDS` words of a time expression: there a missed event
/// also loses the expression's anchor (or moves it to a worse event), so recall is worth
/// more. Measured by cross-validation: anchoring F1 +0.006, event F1 +0.002.
const NEAR_TIME_MARGIN: f32 = 8.0;
const NEAR_TIME_WORDS: usize = 3;

/// Prepositions after which a time expression modifies the predicate before it.
const PREPS: &[&str] = &[
    "in",
    "on",
    "at",
    "during",
    "since",
    "until",
    "till",
    "by",
    "before",
    "after",
    "from",
    "through",
    "throughout",
    "for",
    "within",
    "over",
    "of",
    "between",
    "around",
    "about",
];

/// Words that end the clause a time expression belongs to when looking for its predicate.
fn clause_break(w: &str) -> bool {
    matches!(w, ";" | ":" | "(" | ")" | "\"" | "'" | "“" | "”" | "—" | "--")
}

/// Fill in each event's `anchor`: every DATE, TIME or DURATION expression anchors one event
/// of its sentence, and the events right next to it in its clause (see the module docs for
/// the rules).
pub fn anchor(text: &str, timexes: &[Timex], events: &mut [EventMention]) {
    let sentences = crate::core::tagger::sentences(text);
    let spans = tokens(text);
    let lower: Vec<String> =
        spans.iter().map(|r| text.get(r.clone()).unwrap_or("").to_ascii_lowercase()).collect();
    // The event at each token (events are single tokens); lookups by binary search keep
    // long articles linear-logarithmic rather than quadratic.
    let mut tok_event: Vec<Option<usize>> = vec![None; spans.len()];
    for (e, m) in events.iter().enumerate() {
        let k = spans.partition_point(|r| r.start < m.span.start);
        if let Some(slot) = tok_event.get_mut(k).filter(|_| spans[k].start == m.span.start) {
            *slot = Some(e);
        }
    }
    let mut best_dist: Vec<usize> = vec![usize::MAX; events.len()];
    let mut modifies = vec![false; timexes.len()];
    for (ti, t) in timexes.iter().enumerate() {
        if t.kind == TimexType::Set {
            continue;
        }
        let si = sentences.partition_point(|s| s.end <= t.start);
        let Some(sent) = sentences.get(si).filter(|s| s.start <= t.start) else {
            continue;
        };
        let a = spans.partition_point(|r| r.start < t.start);
        if a >= spans.len() {
            continue;
        }
        let b = spans.partition_point(|r| r.start < t.end);
        let in_sent = |k: usize| spans[k].start >= sent.start && spans[k].end <= sent.end;
        let event_at = |k: usize| tok_event.get(k).copied().flatten();
        // "the 2022 invasion", "Monday's meeting": the expression modifies the noun after it.
        let mut chosen = None;
        let mut k = b;
        let possessive = k < spans.len() && (lower[k] == "'s" || lower[k] == "’s");
        if possessive {
            k += 1;
        }
        if k < spans.len() && in_sent(k) {
            chosen = event_at(k).map(|e| (e, 1));
        }
        // Inside a noun phrase ("last year's deadly embassy blasts", "the 2022 full-scale
        // invasion") the head may come a few modifiers later.
        let in_np = possessive || (a > 0 && DETS.contains(&lower[a - 1].as_str()));
        let mut j = k + 1;
        while chosen.is_none() && in_np && j < (k + 3).min(spans.len()) && in_sent(j) {
            let w = lower[j].as_str();
            if PREPS.contains(&w) || !w.bytes().next().is_some_and(|c| c.is_ascii_alphanumeric()) {
                break;
            }
            chosen = event_at(j).map(|e| (e, 1 + j - k));
            j += 1;
        }
        // Rule (1) chose: the expression is a modifier inside a noun phrase.
        modifies[ti] = chosen.is_some();
        if chosen.is_none() {
            // Leftwards within the clause: the predicate the phrase hangs off.
            let mut left = None;
            let mut k = a;
            let mut crossed_comma = false;
            while k > 0 {
                k -= 1;
                if !in_sent(k) || clause_break(&lower[k]) {
                    break;
                }
                if lower[k] == "," {
                    crossed_comma = true;
                }
                if let Some(e) = event_at(k) {
                    left = Some((e, a - k + if crossed_comma { 6 } else { 0 }));
                    break;
                }
            }
            // Rightwards: a fronted expression ("On Monday, Lavrov said") or a following verb.
            let mut right = None;
            let mut k = b;
            let mut crossed_comma = false;
            while k < spans.len() && in_sent(k) && !clause_break(&lower[k]) {
                if lower[k] == "," {
                    crossed_comma = true;
                }
                if let Some(e) = event_at(k) {
                    right = Some((e, k + 1 - b + if crossed_comma { 2 } else { 0 } + 1));
                    break;
                }
                k += 1;
            }
            let before_is_prep = a > 0 && PREPS.contains(&lower[a - 1].as_str());
            chosen = match (left, right) {
                (Some(l), Some(r)) => {
                    if before_is_prep && l.1 <= 12 || l.1 <= r.1 {
                        Some(l)
                    } else {
                        Some(r)
                    }
                }
                (l, r) => l.or(r),
            };
        }
        if let Some((e, d)) = chosen {
            if d < best_dist[e] {
                best_dist[e] = d;
                events[e].anchor = Some(ti);
            }
        }
    }
    // An expression also anchors the events right next to the one it anchors, on either side,
    // in the same clause with no comma between ("were killed and wounded", "imposed sanctions
    // in 2014"): TimeBank links a date to about 1.5 events. Reporting verbs and mental states
    // are left out, being mostly linked to a date of their own (11% and 15% right, against
    // 30–50% for the other classes). Anchoring F1 0.472 -> 0.496.
    let anchored: Vec<(usize, usize)> =
        events.iter().enumerate().filter_map(|(e, m)| Some((e, m.anchor?))).collect();
    for (e, ti) in anchored {
        let c = spans.partition_point(|r| r.start < events[e].span.start);
        let si = sentences.partition_point(|s| s.end <= events[e].span.start);
        let Some(sent) = sentences.get(si) else {
            continue;
        };
        // Not when the expression modifies a noun ("the 2022 invasion"): it dates that noun
        // only. Not from a reporting verb: what is said has a time of its own ("said on
        // Monday that talks would resume").
        if modifies[ti] || events[e].class == EventClass::Reporting {
            continue;
        }
        let after = timexes.get(ti).is_some_and(|t| events[e].span.start >= t.end);
        for step in [usize::MAX, 1] {
            // Past an event that follows its expression the next event to the right is
            // seldom linked (0–28%): "on Friday reported ... earnings" dates the report.
            if after && step == 1 {
                continue;
            }
            // `step` is -1 or +1 in wrapping arithmetic: one walk leftwards, one rightwards.
            let mut k = c;
            for _ in 0..NEIGHBOUR_WORDS {
                k = k.wrapping_add(step);
                let Some(r) = spans.get(k) else { break };
                if r.start < sent.start
                    || r.end > sent.end
                    || clause_break(&lower[k])
                    || lower[k] == ","
                {
                    break;
                }
                if let Some(f) = tok_event[k] {
                    let m = &mut events[f];
                    if m.anchor.is_none()
                        && !matches!(m.class, EventClass::Reporting | EventClass::IState)
                    {
                        m.anchor = Some(ti);
                    }
                    break;
                }
            }
        }
    }
}

/// How far (in words) an anchored event's neighbour may be to share its anchor.
const NEIGHBOUR_WORDS: usize = 8;

/// Events of `text` with their anchors among `timexes` (as [`crate::core::tagger::tag`]
/// returns them), using the shipped model.
pub fn events(text: &str, timexes: &[Timex]) -> Vec<EventMention> {
    events_with(Model::shipped(), text, timexes)
}

/// [`events`] with a given model (for training and cross-validation).
pub fn events_with(model: &Model, text: &str, timexes: &[Timex]) -> Vec<EventMention> {
    let mut ev = recognize(model, text, timexes);
    anchor(text, timexes, &mut ev);
    ev
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::tagger;

    fn run(text: &str) -> (Vec<Timex>, Vec<EventMention>) {
        let t = tagger::tag(text, chrono::NaiveDate::from_ymd_opt(2025, 3, 1));
        let e = events(text, &t);
        (t, e)
    }

    fn words<'a>(text: &'a str, e: &[EventMention]) -> Vec<&'a str> {
        e.iter().map(|m| &text[m.span.clone()]).collect()
    }

    /// The event anchored by the time expression whose text is `timex`.
    fn anchored<'a>(text: &'a str, t: &[Timex], e: &[EventMention], timex: &str) -> Vec<&'a str> {
        let Some(ti) = t.iter().position(|x| &text[x.start..x.end] == timex) else {
            return vec![];
        };
        e.iter().filter(|m| m.anchor == Some(ti)).map(|m| &text[m.span.clone()]).collect()
    }

    #[test]
    fn tokens_split_words_and_clitics() {
        let t = "Russia's cease-fire, “said” 2014, Kyiv’s ’90s.";
        let w: Vec<&str> = tokens(t).into_iter().map(|r| &t[r]).collect();
        let want = ["Russia", "'s", "cease-fire", ",", "“", "said", "”", "2014", ",", "Kyiv", "’s"];
        assert_eq!(w[..11], want);
        assert_eq!(w[11..], ["’", "90s", "."]);
    }

    #[test]
    fn model_bytes_round_trip() {
        let mut m = Model::empty(8);
        m.weights[3] = 2.5;
        m.weights[7] = -1.0;
        let back = Model::from_bytes(&m.to_bytes(2)).expect("reads");
        assert!((back.weights[3] - 2.5).abs() < 1e-3);
        assert!((back.weights[7] + 1.0).abs() < 1e-3);
        let back = Model::from_bytes(&m.to_bytes(1)).expect("reads");
        assert!((back.weights[3] - 2.5).abs() < 0.05, "{}", back.weights[3]);
        assert!(back.weights[7] < 0.0);
        assert!(Model::from_bytes(b"SLE1").is_none());
        assert!(Model::from_bytes(b"").is_none());
    }

    #[test]
    fn annexed_crimea_in_2014() {
        let text = "Russia annexed Crimea in 2014.";
        let (t, e) = run(text);
        assert!(words(text, &e).contains(&"annexed"), "{:?}", words(text, &e));
        assert_eq!(anchored(text, &t, &e, "2014"), vec!["annexed"]);
    }

    #[test]
    fn sanctions_in_2014() {
        let text = "The West imposed sanctions in 2014.";
        let (t, e) = run(text);
        let w = words(text, &e);
        assert!(w.contains(&"sanctions") && w.contains(&"imposed"), "{w:?}");
        // The year dates the imposing and the sanctions it brought.
        assert_eq!(anchored(text, &t, &e, "2014"), vec!["imposed", "sanctions"]);
    }

    #[test]
    fn one_date_for_coordinated_verbs() {
        let text = "Police arrested and charged two men on Friday.";
        let (t, e) = run(text);
        assert_eq!(anchored(text, &t, &e, "Friday"), vec!["arrested", "charged"]);
    }

    #[test]
    fn the_2022_invasion() {
        let text = "Sanctions followed the 2022 invasion of Ukraine.";
        let (t, e) = run(text);
        assert!(words(text, &e).contains(&"invasion"), "{:?}", words(text, &e));
        assert_eq!(anchored(text, &t, &e, "2022"), vec!["invasion"]);
    }

    #[test]
    fn the_full_scale_invasion_in_2022_and_last_years_blasts() {
        let text = "Ukraine marked the 2022 full-scale invasion. Police studied last year's deadly embassy bombings.";
        let (t, e) = run(text);
        assert_eq!(anchored(text, &t, &e, "2022"), vec!["invasion"], "{:?}", words(text, &e));
        assert_eq!(anchored(text, &t, &e, "last year"), vec!["bombings"], "{:?}", words(text, &e));
    }

    #[test]
    fn speaking_to_reporters_lavrov_said_on_monday() {
        let text = "Speaking to reporters, Lavrov said on Monday that talks would resume.";
        let (t, e) = run(text);
        let w = words(text, &e);
        assert!(w.contains(&"said") && w.contains(&"talks"), "{w:?}");
        let said = e.iter().find(|m| &text[m.span.clone()] == "said");
        assert_eq!(said.map(|m| m.class), Some(EventClass::Reporting));
        assert_eq!(anchored(text, &t, &e, "Monday"), vec!["said"]);
        assert!(!w.contains(&"Lavrov") && !w.contains(&"reporters"), "{w:?}");
    }

    #[test]
    fn no_events_inside_time_expressions_and_no_panic_on_odd_text() {
        for text in ["", " ", "’s", "'", "2014", "In March 2014.", "é—ü’", "a-", "-a"] {
            let (t, e) = run(text);
            for m in &e {
                assert!(t.iter().all(|x| !(x.start < m.span.end && m.span.start < x.end)));
            }
        }
    }
}
