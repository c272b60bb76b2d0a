//! TimeML (.tml) reading, writing and TempEval-3-style TIMEX3 scoring.
//!
//! Offsets everywhere are byte offsets into the *tag-stripped raw text* of `<TEXT>`: tags are
//! removed but XML entities (`&amp;`) are kept as they are, so gold and system files with the
//! same text produce the same offsets, and the tagger's output text is the input text byte for
//! byte.

use crate::core::events::{self, EventMention};
use crate::core::tagger::{self, TimexType};
use chrono::NaiveDate;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// A TIMEX3 read from the `<TEXT>` of a file (gold or system).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Annot {
    /// Start, byte offset in the tag-stripped text.
    pub start: usize,
    /// End, exclusive.
    pub end: usize,
    /// `type` attribute.
    pub kind: String,
    /// `value` attribute.
    pub value: String,
    /// `mod` attribute.
    pub modifier: Option<String>,
}

/// The parts of a .tml file we need.
#[derive(Clone, Debug)]
pub struct Document {
    /// Document creation time (value of the TIMEX3 inside `<DCT>`), day precision.
    pub dct: Option<NaiveDate>,
    /// Byte range of the raw content between `<TEXT>` and `</TEXT>`.
    pub text_range: std::ops::Range<usize>,
    /// The content with every tag removed (entities kept).
    pub plain: String,
    /// TIMEX3 tags found inside `<TEXT>` (only used for scoring, never for tagging).
    pub timexes: Vec<Annot>,
    /// EVENT tags found inside `<TEXT>`, in text order.
    pub events: Vec<EventAnnot>,
    /// Event–time pairs linked by a TLINK, as (index in `events`, index in `timexes`); links
    /// to the document creation time (outside `<TEXT>`) are left out.
    pub event_times: Vec<(usize, usize)>,
}

/// An EVENT read from the `<TEXT>` of a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventAnnot {
    /// Start, byte offset in the tag-stripped text.
    pub start: usize,
    /// End, exclusive.
    pub end: usize,
    /// `class` attribute as written.
    pub class: String,
}

/// Everything [`strip_all`] reads from the content of `<TEXT>`.
struct Stripped {
    plain: String,
    /// TIMEX3s with their `tid`s, sorted by span.
    timexes: Vec<(Annot, String)>,
    /// EVENTs with their `eid`s, in text order.
    events: Vec<(EventAnnot, String)>,
}

/// Value of attribute `name` in the inside of a start tag (`TIMEX3 tid="t1" ...`).
pub fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    if name.is_empty() {
        // An empty name is found everywhere without moving on: the loop would never end.
        return None;
    }
    let mut rest = tag;
    loop {
        let p = rest.find(name)?;
        let before_ok = p == 0 || rest.as_bytes()[p - 1].is_ascii_whitespace();
        let after = &rest[p + name.len()..];
        let after_trim = after.trim_start();
        if before_ok && after_trim.starts_with('=') {
            let v = after_trim[1..].trim_start();
            let q = v.chars().next()?;
            if q == '"' || q == '\'' {
                let body = &v[1..];
                let e = body.find(q)?;
                return Some(&body[..e]);
            }
            return None;
        }
        rest = &rest[p + name.len()..];
    }
}

/// Parse "1998-01-08", "1998-01-08T10:00" or "19980108" to a date.
pub fn parse_date(v: &str) -> Option<NaiveDate> {
    let v = v.trim();
    if v.len() >= 10 && v.as_bytes().get(4) == Some(&b'-') {
        return NaiveDate::parse_from_str(v.get(..10)?, "%Y-%m-%d").ok();
    }
    if v.len() == 8 && v.bytes().all(|b| b.is_ascii_digit()) {
        return NaiveDate::parse_from_str(v, "%Y%m%d").ok();
    }
    None
}

/// The DCT of a raw .tml file.
pub fn parse_dct(raw: &str) -> Option<NaiveDate> {
    let a = raw.find("<DCT>")?;
    let rest = &raw[a..];
    let e = rest.find("</DCT>").unwrap_or(rest.len());
    let dct = &rest[..e];
    let t = dct.find("<TIMEX3")?;
    let close = dct[t..].find('>')? + t;
    parse_date(attr(&dct[t + 1..close], "value")?)
}

/// Remove tags from `content`, collecting TIMEX3 annotations with offsets into the result.
pub fn strip_tags(content: &str) -> (String, Vec<Annot>) {
    let s = strip_all(content);
    (s.plain, s.timexes.into_iter().map(|(a, _)| a).collect())
}

fn strip_all(content: &str) -> Stripped {
    let mut plain = String::with_capacity(content.len());
    let mut anns = Vec::new();
    let mut events = Vec::new();
    // Open TIMEX3s (they do not nest in practice; a stack keeps us safe if they do).
    let mut open: Vec<(usize, String, String, Option<String>, String)> = Vec::new();
    let mut open_events: Vec<(usize, String, String)> = Vec::new();
    let mut rest = content;
    while let Some(lt) = rest.find('<') {
        plain.push_str(&rest[..lt]);
        let after = &rest[lt..];
        let Some(gt) = after.find('>') else {
            // A stray '<' without '>': keep it as text.
            plain.push_str(after);
            rest = "";
            break;
        };
        let inner = &after[1..gt];
        if let Some(body) = inner.strip_prefix("TIMEX3") {
            open.push((
                plain.len(),
                attr(body, "type").unwrap_or("").to_string(),
                attr(body, "value").unwrap_or("").to_string(),
                attr(body, "mod").map(str::to_string),
                attr(body, "tid").unwrap_or("").to_string(),
            ));
        } else if inner.trim_end() == "/TIMEX3" {
            if let Some((start, kind, value, modifier, tid)) = open.pop() {
                anns.push((Annot { start, end: plain.len(), kind, value, modifier }, tid));
            }
        } else if let Some(body) = inner.strip_prefix("EVENT") {
            open_events.push((
                plain.len(),
                attr(body, "class").unwrap_or("").to_string(),
                attr(body, "eid").unwrap_or("").to_string(),
            ));
        } else if inner.trim_end() == "/EVENT" {
            if let Some((start, class, eid)) = open_events.pop() {
                events.push((EventAnnot { start, end: plain.len(), class }, eid));
            }
        }
        rest = &after[gt + 1..];
    }
    plain.push_str(rest);
    anns.sort_by_key(|(a, _)| (a.start, a.end));
    events.sort_by_key(|(a, _)| (a.start, a.end));
    Stripped { plain, timexes: anns, events }
}

/// Event–time pairs of the TLINKs in `tail` (the file after `</TEXT>`): events are named
/// through MAKEINSTANCE (`eiid` → `eventID`), times by `tid`; either order of the link.
fn event_time_links(tail: &str, s: &Stripped) -> Vec<(usize, usize)> {
    let mut instances: Vec<(&str, &str)> = Vec::new();
    let mut links: Vec<(&str, &str)> = Vec::new();
    let mut rest = tail;
    while let Some(lt) = rest.find('<') {
        let after = &rest[lt + 1..];
        let Some(gt) = after.find('>') else { break };
        let inner = &after[..gt];
        if let Some(body) = inner.strip_prefix("MAKEINSTANCE") {
            if let (Some(ei), Some(e)) = (attr(body, "eiid"), attr(body, "eventID")) {
                instances.push((ei, e));
            }
        } else if let Some(body) = inner.strip_prefix("TLINK") {
            let ev_time = attr(body, "eventInstanceID").zip(attr(body, "relatedToTime"));
            let time_ev = attr(body, "relatedToEventInstance").zip(attr(body, "timeID"));
            if let Some(pair) = ev_time.or(time_ev) {
                links.push(pair);
            }
        }
        rest = &after[gt + 1..];
    }
    let mut out = Vec::new();
    for (ei, tid) in links {
        let Some(eid) = instances.iter().find(|(i, _)| *i == ei).map(|(_, e)| *e) else {
            continue;
        };
        let e = s.events.iter().position(|(_, id)| id == eid);
        let t = s.timexes.iter().position(|(_, id)| id == tid);
        if let (Some(e), Some(t)) = (e, t) {
            if !out.contains(&(e, t)) {
                out.push((e, t));
            }
        }
    }
    out
}

/// Parse a raw .tml document.
pub fn parse_document(raw: &str) -> Result<Document, String> {
    let open = raw.find("<TEXT>").ok_or("no <TEXT> element")?;
    let body_start = open + "<TEXT>".len();
    let close = raw[body_start..].find("</TEXT>").ok_or("no </TEXT>")? + body_start;
    let s = strip_all(&raw[body_start..close]);
    let event_times = event_time_links(&raw[close..], &s);
    Ok(Document {
        dct: parse_dct(raw),
        text_range: body_start..close,
        plain: s.plain,
        timexes: s.timexes.into_iter().map(|(a, _)| a).collect(),
        events: s.events.into_iter().map(|(a, _)| a).collect(),
        event_times,
    })
}

fn push_tag(
    out: &mut String,
    tid: &mut usize,
    kind: TimexType,
    value: &str,
    md: Option<&str>,
    text: &str,
) {
    let _ = write!(out, "<TIMEX3 tid=\"t{}\" type=\"{}\" value=\"{}\"", *tid, kind.as_str(), value);
    if let Some(md) = md {
        let _ = write!(out, " mod=\"{md}\"");
    }
    out.push('>');
    out.push_str(text);
    out.push_str("</TIMEX3>");
    *tid += 1;
}

/// Tag plain (tag-free) text and return it with TIMEX3 and EVENT markup; tids start at
/// `first_tid`. Ranges are written as two tags, as TimeBank annotates "from 1994 to 2004".
pub fn markup(plain: &str, dct: Option<NaiveDate>, first_tid: usize) -> String {
    markup_with(events::Model::shipped(), plain, dct, first_tid).0
}

/// [`markup`] with a given event model, also returning the MAKEINSTANCE and TLINK elements
/// (one per line) that anchor events to the DATE/TIME expressions of the text.
pub fn markup_with(
    model: &events::Model,
    plain: &str,
    dct: Option<NaiveDate>,
    first_tid: usize,
) -> (String, String) {
    let found = tagger::tag_detailed(plain, dct);
    let timexes: Vec<tagger::Timex> = found.iter().map(|d| d.timex.clone()).collect();
    let evs = events::events_with(model, plain, &timexes);
    let mut out = String::with_capacity(plain.len() + found.len() * 80 + evs.len() * 40);
    let mut tid = first_tid;
    // The tid written for each expression (its first half for a range).
    let mut tids: Vec<Option<usize>> = vec![None; found.len()];
    let mut pos = 0;
    let mut fi = 0;
    let mut ei = 0;
    while fi < found.len() || ei < evs.len() {
        let next_timex = found.get(fi).map_or(usize::MAX, |d| d.timex.start);
        let next_event = evs.get(ei).map_or(usize::MAX, |e| e.span.start);
        if next_event < next_timex {
            let e = &evs[ei];
            if let (Some(gap), Some(word)) =
                (plain.get(pos..e.span.start), plain.get(e.span.clone()))
            {
                if e.span.start >= pos {
                    out.push_str(gap);
                    let _ = write!(
                        out,
                        "<EVENT eid=\"e{}\" class=\"{}\">{word}</EVENT>",
                        ei + 1,
                        e.class.as_str()
                    );
                    pos = e.span.end;
                }
            }
            ei += 1;
            continue;
        }
        let d = &found[fi];
        let t = &d.timex;
        fi += 1;
        let (Some(gap), Some(first)) = (plain.get(pos..t.start), plain.get(t.start..d.first_end))
        else {
            continue;
        };
        out.push_str(gap);
        tids[fi - 1] = Some(tid);
        push_tag(&mut out, &mut tid, t.kind, &t.value, t.modifier.as_deref(), first);
        pos = d.first_end;
        if let Some((s, e, kind, value, md)) = &d.second {
            if let (Some(mid), Some(second)) = (plain.get(pos..*s), plain.get(*s..*e)) {
                out.push_str(mid);
                push_tag(&mut out, &mut tid, *kind, value, md.as_deref(), second);
                pos = *e;
            }
        }
    }
    out.push_str(plain.get(pos..).unwrap_or(""));
    (out, links(&evs, &found, &tids))
}

/// MAKEINSTANCE for every event and a TLINK for every anchored one, as TimeML 1.2.1 writes
/// them: `eventInstanceID` names the instance, `relatedToTime` the expression's tid.
fn links(evs: &[EventMention], found: &[tagger::Detailed], tids: &[Option<usize>]) -> String {
    let mut out = String::new();
    for k in 0..evs.len() {
        let _ = writeln!(
            out,
            "<MAKEINSTANCE eventID=\"e{}\" eiid=\"ei{}\" tense=\"NONE\" aspect=\"NONE\" polarity=\"POS\" pos=\"UNKNOWN\" />",
            k + 1,
            k + 1
        );
    }
    let mut lid = 1;
    for (k, e) in evs.iter().enumerate() {
        let Some(ti) = e.anchor else { continue };
        let (Some(Some(tid)), Some(d)) = (tids.get(ti), found.get(ti)) else { continue };
        let rel = if d.timex.kind == TimexType::Duration { "DURING" } else { "IS_INCLUDED" };
        let _ = writeln!(
            out,
            "<TLINK lid=\"l{lid}\" relType=\"{rel}\" eventInstanceID=\"ei{}\" relatedToTime=\"t{tid}\" />",
            k + 1
        );
        lid += 1;
    }
    out
}

/// `tail` without its MAKEINSTANCE, TLINK, SLINK and ALINK elements (they name the gold
/// events, which the tagged text no longer has), each with the line break after it.
fn drop_links(tail: &str) -> String {
    let mut out = String::with_capacity(tail.len());
    let mut rest = tail;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        let after = &rest[lt..];
        let link =
            ["<MAKEINSTANCE", "<TLINK", "<SLINK", "<ALINK"].iter().any(|p| after.starts_with(p));
        match after.find('>') {
            Some(gt) if link => {
                rest = &after[gt + 1..];
                rest = rest.strip_prefix('\n').unwrap_or(rest);
            }
            Some(gt) => {
                out.push_str(&after[..=gt]);
                rest = &after[gt + 1..];
            }
            None => {
                out.push_str(after);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// Tag a whole .tml document: the `<TEXT>` content is replaced by its plain text with our own
/// TIMEX3 and EVENT tags, the MAKEINSTANCEs and TLINKs after `</TEXT>` by ours; everything
/// else is copied unchanged.
pub fn tag_document(raw: &str) -> Result<String, String> {
    tag_document_with(events::Model::shipped(), raw)
}

/// [`tag_document`] with a given event model.
pub fn tag_document_with(model: &events::Model, raw: &str) -> Result<String, String> {
    let doc = parse_document(raw)?;
    let (tagged, links) = markup_with(model, &doc.plain, doc.dct, 1);
    let mut out = String::with_capacity(raw.len() + tagged.len() + links.len());
    out.push_str(&raw[..doc.text_range.start]);
    out.push_str(&tagged);
    let tail = &raw[doc.text_range.end..];
    let close = "</TEXT>";
    match tail.strip_prefix(close) {
        Some(after) => {
            out.push_str(close);
            out.push_str("\n\n");
            out.push_str(&links);
            out.push_str(&drop_links(after));
        }
        None => out.push_str(tail),
    }
    Ok(out)
}

/// All `.tml` files under `dir` (recursively), as paths relative to `dir`, sorted.
pub fn tml_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut stack = vec![PathBuf::new()];
    while let Some(rel) = stack.pop() {
        for entry in std::fs::read_dir(dir.join(&rel))? {
            let entry = entry?;
            let name = rel.join(entry.file_name());
            let ft = entry.file_type()?;
            if ft.is_dir() {
                stack.push(name);
            } else if name.extension().is_some_and(|e| e == "tml") {
                out.push(name);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Counts for TempEval-3 TIMEX3 scoring.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Gold expressions.
    pub gold: usize,
    /// System expressions.
    pub sys: usize,
    /// Exact span matches.
    pub strict: usize,
    /// Overlap matches (one-to-one).
    pub relaxed: usize,
    /// Relaxed matches with the same type.
    pub type_ok: usize,
    /// Relaxed matches with the same value.
    pub value_ok: usize,
    /// Relaxed matches with the same mod (absent = absent).
    pub mod_ok: usize,
}

/// Precision, recall, F1 of `hits` out of `sys` and `gold`.
pub fn prf(hits: usize, sys: usize, gold: usize) -> (f64, f64, f64) {
    let p = if sys == 0 { 0.0 } else { hits as f64 / sys as f64 };
    let r = if gold == 0 { 0.0 } else { hits as f64 / gold as f64 };
    let f = if sys + gold == 0 { 0.0 } else { 2.0 * hits as f64 / (sys + gold) as f64 };
    (p, r, f)
}

impl Counts {
    /// Add another file's counts.
    pub fn add(&mut self, o: &Counts) {
        self.gold += o.gold;
        self.sys += o.sys;
        self.strict += o.strict;
        self.relaxed += o.relaxed;
        self.type_ok += o.type_ok;
        self.value_ok += o.value_ok;
        self.mod_ok += o.mod_ok;
    }

    /// Machine-readable summary, one `key value` per line.
    pub fn summary(&self) -> String {
        let mut s = String::new();
        let (sp, sr, sf) = prf(self.strict, self.sys, self.gold);
        let (rp, rr, rf) = prf(self.relaxed, self.sys, self.gold);
        let (_, _, tf) = prf(self.type_ok, self.sys, self.gold);
        let (_, _, vf) = prf(self.value_ok, self.sys, self.gold);
        let (_, _, mf) = prf(self.mod_ok, self.sys, self.gold);
        let _ = writeln!(s, "gold {}\nsys {}", self.gold, self.sys);
        let _ = writeln!(s, "strict_p {sp:.3}\nstrict_r {sr:.3}\nstrict_f1 {sf:.3}");
        let _ = writeln!(s, "relaxed_p {rp:.3}\nrelaxed_r {rr:.3}\nrelaxed_f1 {rf:.3}");
        let _ = writeln!(s, "type_f1 {tf:.3}\nvalue_f1 {vf:.3}\nmod_f1 {mf:.3}");
        s
    }
}

/// Counts for EVENT and event–time anchoring scoring.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EventCounts {
    /// Gold events.
    pub gold: usize,
    /// System events.
    pub sys: usize,
    /// Exact span matches.
    pub strict: usize,
    /// Overlap matches (one-to-one).
    pub relaxed: usize,
    /// Relaxed matches with the same class.
    pub class_ok: usize,
    /// Gold event–time pairs.
    pub pairs_gold: usize,
    /// System event–time pairs.
    pub pairs_sys: usize,
    /// System pairs whose event and time both overlap those of a gold pair.
    pub pairs_sys_ok: usize,
    /// Gold pairs whose event and time both overlap those of a system pair.
    pub pairs_gold_ok: usize,
}

impl EventCounts {
    /// Add another file's counts.
    pub fn add(&mut self, o: &EventCounts) {
        self.gold += o.gold;
        self.sys += o.sys;
        self.strict += o.strict;
        self.relaxed += o.relaxed;
        self.class_ok += o.class_ok;
        self.pairs_gold += o.pairs_gold;
        self.pairs_sys += o.pairs_sys;
        self.pairs_sys_ok += o.pairs_sys_ok;
        self.pairs_gold_ok += o.pairs_gold_ok;
    }

    /// Machine-readable summary, one `key value` per line (`event_` and `anchor_` keys).
    pub fn summary(&self) -> String {
        let mut s = String::new();
        let (sp, sr, sf) = prf(self.strict, self.sys, self.gold);
        let (rp, rr, rf) = prf(self.relaxed, self.sys, self.gold);
        let acc = if self.relaxed == 0 { 0.0 } else { self.class_ok as f64 / self.relaxed as f64 };
        let _ = writeln!(s, "event_gold {}\nevent_sys {}", self.gold, self.sys);
        let _ =
            writeln!(s, "event_strict_p {sp:.3}\nevent_strict_r {sr:.3}\nevent_strict_f1 {sf:.3}");
        let _ = writeln!(
            s,
            "event_relaxed_p {rp:.3}\nevent_relaxed_r {rr:.3}\nevent_relaxed_f1 {rf:.3}"
        );
        let _ = writeln!(s, "event_class_accuracy {acc:.3}");
        let (ap, ar, af) = self.anchor_prf();
        let _ = writeln!(s, "anchor_gold {}\nanchor_sys {}", self.pairs_gold, self.pairs_sys);
        let _ = writeln!(s, "anchor_p {ap:.3}\nanchor_r {ar:.3}\nanchor_f1 {af:.3}");
        s
    }

    /// Anchoring precision, recall and F1.
    pub fn anchor_prf(&self) -> (f64, f64, f64) {
        let p = if self.pairs_sys == 0 {
            0.0
        } else {
            self.pairs_sys_ok as f64 / self.pairs_sys as f64
        };
        let r = if self.pairs_gold == 0 {
            0.0
        } else {
            self.pairs_gold_ok as f64 / self.pairs_gold as f64
        };
        let f = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
        (p, r, f)
    }
}

/// A pair of byte spans: an event's and a time expression's.
pub type SpanPair = (std::ops::Range<usize>, std::ops::Range<usize>);

fn overlaps(a: &std::ops::Range<usize>, b: &std::ops::Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// Score events (one-to-one: exact matches first, then the first overlapping unused one) and
/// event–time pairs (a pair counts when both its spans overlap those of a pair on the other
/// side).
pub fn score_events(
    gold: &[EventAnnot],
    sys: &[EventAnnot],
    gold_pairs: &[SpanPair],
    sys_pairs: &[SpanPair],
) -> EventCounts {
    let mut c = EventCounts { gold: gold.len(), sys: sys.len(), ..EventCounts::default() };
    let mut used = vec![false; sys.len()];
    for g in gold {
        let exact = sys
            .iter()
            .enumerate()
            .position(|(k, s)| !used[k] && s.start == g.start && s.end == g.end);
        let k = exact.or_else(|| {
            sys.iter().enumerate().position(|(k, s)| !used[k] && s.start < g.end && g.start < s.end)
        });
        if let Some(k) = k {
            used[k] = true;
            c.strict += usize::from(exact.is_some());
            c.relaxed += 1;
            c.class_ok += usize::from(sys[k].class == g.class);
        }
    }
    let hit = |p: &SpanPair, other: &[SpanPair]| {
        other.iter().any(|q| overlaps(&p.0, &q.0) && overlaps(&p.1, &q.1))
    };
    c.pairs_gold = gold_pairs.len();
    c.pairs_sys = sys_pairs.len();
    c.pairs_sys_ok = sys_pairs.iter().filter(|p| hit(p, gold_pairs)).count();
    c.pairs_gold_ok = gold_pairs.iter().filter(|p| hit(p, sys_pairs)).count();
    c
}

impl Document {
    /// The span pairs of `event_times`.
    pub fn pair_spans(&self) -> Vec<SpanPair> {
        self.event_times
            .iter()
            .filter_map(|&(e, t)| {
                let e = self.events.get(e)?;
                let t = self.timexes.get(t)?;
                Some((e.start..e.end, t.start..t.end))
            })
            .collect()
    }
}

/// One difference between gold and system, for tuning.
#[derive(Clone, Debug)]
pub enum Mismatch {
    /// Gold expression with no overlapping system expression.
    Missed(Annot),
    /// System expression with no overlapping gold expression.
    Spurious(Annot),
    /// Overlapping pair that differs in span, type, value or mod.
    Differs(Annot, Annot),
}

/// Score one document: each gold expression is matched to at most one overlapping system
/// expression (first come, in text order) and vice versa.
pub fn score(gold: &[Annot], sys: &[Annot]) -> (Counts, Vec<Mismatch>) {
    let mut c = Counts { gold: gold.len(), sys: sys.len(), ..Counts::default() };
    let mut used = vec![false; sys.len()];
    let mut errs = Vec::new();
    for g in gold {
        if let Some(k) = sys.iter().position(|s| s.start == g.start && s.end == g.end) {
            if !used[k] {
                c.strict += 1;
            }
        }
        // Prefer an exact match, then the first overlapping unused one.
        let k = sys
            .iter()
            .enumerate()
            .position(|(k, s)| !used[k] && s.start == g.start && s.end == g.end)
            .or_else(|| {
                sys.iter()
                    .enumerate()
                    .position(|(k, s)| !used[k] && s.start < g.end && g.start < s.end)
            });
        match k {
            Some(k) => {
                used[k] = true;
                let s = &sys[k];
                c.relaxed += 1;
                let tk = s.kind == g.kind;
                let vk = s.value == g.value;
                let mk = s.modifier == g.modifier;
                c.type_ok += usize::from(tk);
                c.value_ok += usize::from(vk);
                c.mod_ok += usize::from(mk);
                if !(tk && vk && mk && s.start == g.start && s.end == g.end) {
                    errs.push(Mismatch::Differs(g.clone(), s.clone()));
                }
            }
            None => errs.push(Mismatch::Missed(g.clone())),
        }
    }
    for (k, s) in sys.iter().enumerate() {
        if !used[k] {
            errs.push(Mismatch::Spurious(s.clone()));
        }
    }
    (c, errs)
}

/// Render an annotation with its text for error listings.
pub fn show(a: &Annot, plain: &str) -> String {
    let text = plain.get(a.start..a.end).unwrap_or("?").replace('\n', " ");
    match &a.modifier {
        Some(m) => format!("[{}] {} {} mod={}", text, a.kind, a.value, m),
        None => format!("[{}] {} {}", text, a.kind, a.value),
    }
}

/// A little context around a span.
pub fn context(plain: &str, start: usize, end: usize) -> String {
    let mut a = start.saturating_sub(50);
    while a > 0 && !plain.is_char_boundary(a) {
        a -= 1;
    }
    let mut b = (end + 30).min(plain.len());
    while b < plain.len() && !plain.is_char_boundary(b) {
        b += 1;
    }
    plain.get(a..b).unwrap_or("").replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attrs_and_strip() {
        let t = r#"TIMEX3 tid="t1" type="DATE" value="1998" mod="START""#;
        assert_eq!(attr(t, "type"), Some("DATE"));
        assert_eq!(attr(t, "mod"), Some("START"));
        assert_eq!(attr(t, "value"), Some("1998"));
        let (p, a) = strip_tags(
            r#"In <TIMEX3 tid="t1" type="DATE" value="1998">1998</TIMEX3> &amp; <EVENT>x</EVENT>"#,
        );
        assert_eq!(p, "In 1998 &amp; x");
        assert_eq!(a.len(), 1);
        assert_eq!(&p[a[0].start..a[0].end], "1998");
    }

    #[test]
    fn tag_document_keeps_text() {
        let raw = "<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"1998-01-08\">x</TIMEX3></DCT>\n<TEXT>It fell <EVENT>yesterday</EVENT> &amp; in 1994-2004.</TEXT>\n";
        let out = tag_document(raw).unwrap_or_default();
        let doc = parse_document(&out).expect("parses");
        assert_eq!(doc.plain, "It fell yesterday &amp; in 1994-2004.");
        let v: Vec<&str> = doc.timexes.iter().map(|a| a.value.as_str()).collect();
        assert_eq!(v, vec!["1998-01-07", "1994", "2004"]);
        assert!(out.contains("tid=\"t0\""));
    }

    fn ev(start: usize, end: usize, class: &str) -> EventAnnot {
        EventAnnot { start, end, class: class.into() }
    }

    #[test]
    fn event_scores_strict_relaxed_and_class() {
        // Gold: [0,5) OCCURRENCE, [10,14) STATE, [20,24) REPORTING.
        let gold = [ev(0, 5, "OCCURRENCE"), ev(10, 14, "STATE"), ev(20, 24, "REPORTING")];
        // System: exact with the right class, overlapping with a wrong class, one spurious.
        let sys = [ev(0, 5, "OCCURRENCE"), ev(11, 16, "OCCURRENCE"), ev(30, 33, "STATE")];
        let c = score_events(&gold, &sys, &[], &[]);
        assert_eq!((c.gold, c.sys, c.strict, c.relaxed, c.class_ok), (3, 3, 1, 2, 1));
        // One system event overlapping two gold ones counts once.
        let c = score_events(&gold[..2], &[ev(0, 14, "STATE")], &[], &[]);
        assert_eq!((c.strict, c.relaxed), (0, 1));
    }

    #[test]
    fn anchor_scores_need_both_spans_to_overlap() {
        let gold = [(0..5, 30..34), (10..14, 30..34)];
        let sys = [(0..5, 31..34), (10..14, 40..44), (20..24, 30..34)];
        let c = score_events(&[], &[], &gold, &sys);
        assert_eq!((c.pairs_gold, c.pairs_sys, c.pairs_sys_ok, c.pairs_gold_ok), (2, 3, 1, 1));
        let (p, r, f) = c.anchor_prf();
        assert!((p - 1.0 / 3.0).abs() < 1e-9 && (r - 0.5).abs() < 1e-9 && (f - 0.4).abs() < 1e-9);
    }

    #[test]
    fn gold_links_are_read_through_makeinstance_either_way_round() {
        let raw = "<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"1998-01-08\">x</TIMEX3></DCT>\n\
<TEXT>Talks <EVENT eid=\"e1\" class=\"OCCURRENCE\">began</EVENT> on <TIMEX3 tid=\"t1\" type=\"DATE\" value=\"1998-01-05\">Monday</TIMEX3> and <EVENT eid=\"e2\" class=\"OCCURRENCE\">ended</EVENT>.</TEXT>\n\
<MAKEINSTANCE eventID=\"e1\" eiid=\"ei1\" />\n<MAKEINSTANCE eventID=\"e2\" eiid=\"ei2\" />\n\
<TLINK lid=\"l1\" relType=\"IS_INCLUDED\" eventInstanceID=\"ei1\" relatedToTime=\"t1\" />\n\
<TLINK lid=\"l2\" relType=\"INCLUDES\" timeID=\"t1\" relatedToEventInstance=\"ei2\" />\n\
<TLINK lid=\"l3\" relType=\"BEFORE\" eventInstanceID=\"ei2\" relatedToTime=\"t0\" />\n";
        let doc = parse_document(raw).expect("parses");
        assert_eq!(doc.events.len(), 2);
        // The link to the DCT (outside <TEXT>) is left out.
        assert_eq!(doc.event_times, vec![(0, 0), (1, 0)]);
        let spans = doc.pair_spans();
        assert_eq!(&doc.plain[spans[0].0.clone()], "began");
        assert_eq!(&doc.plain[spans[0].1.clone()], "Monday");
    }

    #[test]
    fn tagged_documents_carry_events_instances_and_links() {
        let raw = "<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"2015-01-08\">x</TIMEX3></DCT>\n\
<TEXT>Russia annexed Crimea in 2014, officials said.</TEXT>\n\
<MAKEINSTANCE eventID=\"e9\" eiid=\"ei9\" />\n<TLINK lid=\"l9\" relType=\"BEFORE\" eventInstanceID=\"ei9\" relatedToTime=\"t0\" />\n</TimeML>\n";
        let out = tag_document(raw).unwrap_or_default();
        // The gold instances and links are gone; ours name our events.
        assert!(!out.contains("ei9") && out.ends_with("</TimeML>\n"), "{out}");
        let doc = parse_document(&out).expect("parses");
        assert_eq!(doc.plain, "Russia annexed Crimea in 2014, officials said.");
        let words: Vec<&str> = doc.events.iter().map(|e| &doc.plain[e.start..e.end]).collect();
        assert!(words.contains(&"annexed") && words.contains(&"said"), "{words:?}");
        let pairs: Vec<(&str, &str)> =
            doc.pair_spans().into_iter().map(|(e, t)| (&doc.plain[e], &doc.plain[t])).collect();
        assert_eq!(pairs, vec![("annexed", "2014")]);
        assert!(out.contains("relType=\"IS_INCLUDED\" eventInstanceID=\"ei"), "{out}");
    }
}
