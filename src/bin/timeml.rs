//! `timeml`: tag TimeML files with the Sourceline temporal tagger, score them against gold
//! annotations (TempEval-3 style) and benchmark the tagger; and convert timelines between
//! Sourceline's format and TimelineJS's.
//!
//! ```text
//! timeml tag IN_DIR OUT_DIR              tag every .tml under IN_DIR (recursively) into OUT_DIR
//! timeml score GOLD_DIR SYS_DIR [--errors]
//! timeml bench [DIR]                     default DIR: ../shared/timeml/TBAQ-cleaned
//! timeml train-events GOLD_DIR OUT.bin [--bits N] [--epochs N] [--width 1|2]
//!                                        train the event recognizer on every .tml under
//!                                        GOLD_DIR (the shipped one: src/core/events.bin)
//! timeml cv-events GOLD_DIR [--folds K]  K-fold cross-validation by document of the event
//!                                        recognizer and anchoring (default 5 folds);
//!                                        --oracle anchors the gold events and times instead
//! timeml convert FILE --to FORMAT        FILE: a Sourceline dataset (with its text), TimelineJS
//!                                        JSON or a TimelineJS sheet as CSV; FORMAT: sourceline,
//!                                        timelinejs-json or timelinejs-csv; to stdout, notes to
//!                                        stderr
//! timeml timeline ARTICLE… --date YYYY-MM-DD | --dates D1,D2,…
//!                                        the dataset the app would build from ARTICLE (text,
//!                                        HTML or Markdown), with its actors, as JSON on stdout;
//!                                        several articles make one version 2 dataset
//! timeml actors ARTICLE                  the actors ARTICLE names, one mention a line
//! ```

use sourceline::core::events::{self, EventClass, Model, TrainDoc};
use sourceline::core::model::Timeline;
use sourceline::core::tagger;
use sourceline::core::timeml::{self, Counts, EventAnnot, EventCounts, Mismatch};
use sourceline::core::{actors, date, exchange, extract, input, merge};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

const USAGE: &str = "usage:
  timeml tag IN_DIR OUT_DIR
  timeml score GOLD_DIR SYS_DIR [--errors]
  timeml bench [DIR]
  timeml train-events GOLD_DIR OUT.bin [--bits N] [--epochs N] [--width 1|2]
  timeml cv-events GOLD_DIR [--folds K] [--bits N] [--epochs N] [--width 1|2] [--oracle]
  timeml convert FILE --to sourceline|timelinejs-json|timelinejs-csv
    FILE is a Sourceline dataset (with its text), a TimelineJS JSON file or a TimelineJS
    sheet saved as CSV; the result goes to stdout, notes on what was skipped to stderr
  timeml timeline ARTICLE… --date YYYY-MM-DD | --dates D1,D2,…
    the dataset the app would build from ARTICLE (plain text, HTML or Markdown), with the
    actors each event's passages name, as JSON (with its text) on stdout; several articles
    (one reference date for all, or one each) make one version 2 dataset of all the sources,
    the same happening merged across them
  timeml actors ARTICLE
    the countries, organizations and people ARTICLE names: byte range, kind, id and text";

fn usage(msg: &str) -> ExitCode {
    eprintln!("timeml: {msg}\n{USAGE}");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(cmd) = args.first() else {
        return usage("missing command");
    };
    match (cmd.as_str(), &args[1..]) {
        ("tag", [a, b]) => cmd_tag(Path::new(a), Path::new(b)),
        ("score", [a, b]) => cmd_score(Path::new(a), Path::new(b), false),
        ("score", [a, b, f]) if f == "--errors" => cmd_score(Path::new(a), Path::new(b), true),
        ("bench", []) => cmd_bench(Path::new("../shared/timeml/TBAQ-cleaned")),
        ("bench", [d]) => cmd_bench(Path::new(d)),
        ("train-events", [a, b, rest @ ..]) => match options(rest) {
            Ok(o) => cmd_train(Path::new(a), Path::new(b), &o),
            Err(e) => usage(&e),
        },
        ("cv-events", [a, rest @ ..]) => match options(rest) {
            Ok(o) => cmd_cv(Path::new(a), &o),
            Err(e) => usage(&e),
        },
        ("convert", [file, to, format]) if to == "--to" => cmd_convert(Path::new(file), format),
        ("convert", [to, format, file]) if to == "--to" => cmd_convert(Path::new(file), format),
        ("timeline", rest) => match timeline_args(rest) {
            Ok((files, days)) => cmd_timeline(&files, &days),
            Err(e) => usage(&e),
        },
        ("actors", [file]) => cmd_actors(Path::new(file)),
        ("-h" | "--help" | "help", _) => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => usage("bad arguments"),
    }
}

/// Files to process: the .tml files under `dir`, or `dir` itself if it is a file.
fn inputs(dir: &Path) -> Result<Vec<PathBuf>, String> {
    if dir.is_file() {
        return Ok(vec![PathBuf::new()]);
    }
    timeml::tml_files(dir).map_err(|e| format!("{}: {e}", dir.display()))
}

fn join(dir: &Path, rel: &Path) -> PathBuf {
    if rel.as_os_str().is_empty() {
        dir.to_path_buf()
    } else {
        dir.join(rel)
    }
}

fn cmd_tag(input: &Path, output: &Path) -> ExitCode {
    let files = match inputs(input) {
        Ok(f) => f,
        Err(e) => return usage(&e),
    };
    let mut ok = 0;
    let mut failed = 0;
    for rel in &files {
        let src = join(input, rel);
        let dst = if rel.as_os_str().is_empty() {
            output.join(input.file_name().unwrap_or_default())
        } else {
            output.join(rel)
        };
        let res = std::fs::read_to_string(&src)
            .map_err(|e| e.to_string())
            .and_then(|raw| timeml::tag_document(&raw))
            .and_then(|out| {
                if let Some(parent) = dst.parent() {
                    std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
                }
                std::fs::write(&dst, out).map_err(|e| e.to_string())
            });
        match res {
            Ok(()) => ok += 1,
            Err(e) => {
                eprintln!("timeml: skipping {}: {e}", src.display());
                failed += 1;
            }
        }
    }
    eprintln!("tagged {ok} files into {} ({failed} skipped)", output.display());
    if ok == 0 && failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn cmd_score(gold_dir: &Path, sys_dir: &Path, errors: bool) -> ExitCode {
    let files = match inputs(gold_dir) {
        Ok(f) => f,
        Err(e) => return usage(&e),
    };
    let mut total = Counts::default();
    let mut ev_total = EventCounts::default();
    let mut scored = 0;
    for rel in &files {
        let gp = join(gold_dir, rel);
        let sp = join(sys_dir, rel);
        let read = |p: &Path| -> Result<timeml::Document, String> {
            let raw = std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()))?;
            timeml::parse_document(&raw).map_err(|e| format!("{}: {e}", p.display()))
        };
        let (g, s) = match (read(&gp), read(&sp)) {
            (Ok(g), Ok(s)) => (g, s),
            (Err(e), _) | (_, Err(e)) => {
                eprintln!("timeml: skipping {}: {e}", rel.display());
                continue;
            }
        };
        if g.plain != s.plain {
            eprintln!("timeml: warning: text differs in {}; offsets may not align", rel.display());
        }
        let (c, errs) = timeml::score(&g.timexes, &s.timexes);
        total.add(&c);
        ev_total.add(&timeml::score_events(&g.events, &s.events, &g.pair_spans(), &s.pair_spans()));
        scored += 1;
        if errors {
            for e in errs {
                let line = match e {
                    Mismatch::Missed(a) => format!(
                        "MISS  {}  | {}",
                        timeml::show(&a, &g.plain),
                        timeml::context(&g.plain, a.start, a.end)
                    ),
                    Mismatch::Spurious(a) => format!(
                        "SPUR  {}  | {}",
                        timeml::show(&a, &s.plain),
                        timeml::context(&s.plain, a.start, a.end)
                    ),
                    Mismatch::Differs(a, b) => format!(
                        "DIFF  gold {}  sys {}  | {}",
                        timeml::show(&a, &g.plain),
                        timeml::show(&b, &s.plain),
                        timeml::context(&g.plain, a.start, a.end)
                    ),
                };
                println!("{}\t{line}", rel.display());
            }
        }
    }
    if scored == 0 {
        return usage("no file pairs scored");
    }
    println!("files {scored}");
    print!("{}", total.summary());
    print!("{}", ev_total.summary());
    ExitCode::SUCCESS
}

/// Options of `train-events` and `cv-events`.
struct Options {
    bits: u32,
    epochs: usize,
    folds: usize,
    width: u8,
    oracle: bool,
}

fn options(args: &[String]) -> Result<Options, String> {
    let mut o = Options { bits: 17, epochs: 10, folds: 5, width: 1, oracle: false };
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        if flag == "--oracle" {
            o.oracle = true;
            continue;
        }
        let value = it.next().ok_or(format!("{flag} needs a value"))?;
        let n: usize = value.parse().map_err(|_| format!("{flag}: not a number: {value}"))?;
        match flag.as_str() {
            "--bits" if (8..=24).contains(&n) => o.bits = n as u32,
            "--epochs" if n > 0 => o.epochs = n,
            "--folds" if n > 1 => o.folds = n,
            "--width" if n == 1 || n == 2 => o.width = n as u8,
            _ => return Err(format!("bad option {flag} {value}")),
        }
    }
    Ok(o)
}

/// The gold documents under `dir` (relative path and parsed document), in sorted order.
fn gold_documents(dir: &Path) -> Result<Vec<(PathBuf, timeml::Document)>, String> {
    let mut out = Vec::new();
    for rel in inputs(dir)? {
        let p = join(dir, &rel);
        match std::fs::read_to_string(&p)
            .map_err(|e| e.to_string())
            .and_then(|r| timeml::parse_document(&r))
        {
            Ok(d) => out.push((rel, d)),
            Err(e) => eprintln!("timeml: skipping {}: {e}", p.display()),
        }
    }
    if out.is_empty() {
        return Err(format!("no .tml documents under {}", dir.display()));
    }
    Ok(out)
}

fn train_doc(d: &timeml::Document) -> TrainDoc {
    let gold = d
        .events
        .iter()
        .filter_map(|e| Some((e.start..e.end, EventClass::parse(&e.class)?)))
        .collect();
    (d.plain.clone(), gold)
}

fn cmd_train(dir: &Path, out: &Path, o: &Options) -> ExitCode {
    let docs = match gold_documents(dir) {
        Ok(d) => d,
        Err(e) => return usage(&e),
    };
    let train: Vec<TrainDoc> = docs.iter().map(|(_, d)| train_doc(d)).collect();
    let t = Instant::now();
    let model = events::train(&train, o.epochs, o.bits);
    let bytes = model.to_bytes(o.width);
    if let Err(e) = std::fs::write(out, &bytes) {
        eprintln!("timeml: {}: {e}", out.display());
        return ExitCode::FAILURE;
    }
    println!("documents {}", train.len());
    println!("bytes {}", bytes.len());
    println!("seconds {:.1}", t.elapsed().as_secs_f64());
    ExitCode::SUCCESS
}

/// Events and anchors of one document by `model`, as annotations and span pairs to score.
/// With `oracle`, the gold events and time expressions are anchored instead (the rules alone,
/// for comparison with the nearest-gold-event baseline).
fn system_events(
    model: &Model,
    d: &timeml::Document,
    oracle: bool,
) -> (Vec<EventAnnot>, Vec<timeml::SpanPair>) {
    let mut timexes = tagger::tag(&d.plain, d.dct);
    let mut found = events::events_with(model, &d.plain, &timexes);
    if oracle {
        timexes = d
            .timexes
            .iter()
            .map(|a| tagger::Timex {
                start: a.start,
                end: a.end,
                kind: match a.kind.as_str() {
                    "TIME" => tagger::TimexType::Time,
                    "DURATION" => tagger::TimexType::Duration,
                    "SET" => tagger::TimexType::Set,
                    _ => tagger::TimexType::Date,
                },
                value: a.value.clone(),
                modifier: None,
                range_end: None,
                since: false,
            })
            .collect();
        found = events::events_with(model, &d.plain, &timexes);
    }
    if oracle {
        found = d
            .events
            .iter()
            .map(|e| events::EventMention {
                span: e.start..e.end,
                class: EventClass::parse(&e.class).unwrap_or(EventClass::Occurrence),
                anchor: None,
            })
            .collect();
        events::anchor(&d.plain, &timexes, &mut found);
    }
    let ann = found
        .iter()
        .map(|e| EventAnnot {
            start: e.span.start,
            end: e.span.end,
            class: e.class.as_str().into(),
        })
        .collect();
    let pairs = found
        .iter()
        .filter_map(|e| {
            let t = timexes.get(e.anchor?)?;
            Some((e.span.clone(), t.start..t.end))
        })
        .collect();
    (ann, pairs)
}

fn cmd_cv(dir: &Path, o: &Options) -> ExitCode {
    let docs = match gold_documents(dir) {
        Ok(d) => d,
        Err(e) => return usage(&e),
    };
    // Fold of a document: its rank in sorted order modulo K, so TimeBank and AQUAINT files
    // spread over every fold.
    let mut total = EventCounts::default();
    for fold in 0..o.folds {
        let train: Vec<TrainDoc> = docs
            .iter()
            .enumerate()
            .filter(|(k, _)| k % o.folds != fold)
            .map(|(_, (_, d))| train_doc(d))
            .collect();
        // Scored as shipped: through the quantized file format.
        let trained = events::train(&train, o.epochs, o.bits);
        let Some(model) = Model::from_bytes(&trained.to_bytes(o.width)) else {
            return usage("the model does not survive its file format");
        };
        let mut c = EventCounts::default();
        for (_, (_, d)) in docs.iter().enumerate().filter(|(k, _)| k % o.folds == fold) {
            let (ann, pairs) = system_events(&model, d, o.oracle);
            c.add(&timeml::score_events(&d.events, &ann, &d.pair_spans(), &pairs));
        }
        let (_, _, f) = timeml::prf(c.strict, c.sys, c.gold);
        let (_, _, af) = c.anchor_prf();
        println!("fold {fold} event_strict_f1 {f:.3} anchor_f1 {af:.3}");
        total.add(&c);
    }
    println!("folds {}", o.folds);
    print!("{}", total.summary());
    ExitCode::SUCCESS
}

fn cmd_convert(file: &Path, format: &str) -> ExitCode {
    if !matches!(format, "sourceline" | "timelinejs-json" | "timelinejs-csv") {
        return usage(&format!("unknown format \"{format}\""));
    }
    let bytes = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) => return usage(&format!("{}: {e}", file.display())),
    };
    let name = file.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    let converted = exchange::import(&bytes, &name).and_then(|imported| {
        let mut notes = imported.notes;
        let out = if format == "sourceline" {
            // Indented, as the app exports it.
            let t = Timeline::import(&imported.json).map_err(|e| e.to_string())?;
            exchange::Exported { text: t.export(), notes: Vec::new() }
        } else {
            // Ongoing events of an undated timeline end today, as the app draws them.
            let days = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() / 86_400);
            let today = chrono::NaiveDate::from_num_days_from_ce_opt(719_163 + days as i32);
            exchange::export_on(&imported.json, format, today)?
        };
        notes.extend(out.notes);
        Ok((out.text, notes))
    });
    match converted {
        Ok((text, notes)) => {
            for n in notes {
                eprintln!("timeml: {n}");
            }
            print!("{text}");
            if !text.ends_with('\n') {
                println!();
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("timeml: {}: {e}", file.display());
            ExitCode::FAILURE
        }
    }
}

/// Reads an article file as the app does: HTML and Markdown become plain text.
fn article(file: &Path) -> Result<input::Article, String> {
    let bytes = std::fs::read(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let name = file.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    input::read(&bytes, &name).map_err(|e| format!("{}: {e}", file.display()))
}

/// The articles and their reference dates: `FILE… --date D` (one for all) or
/// `FILE… --dates D1,D2,…` (one each), the flag anywhere.
fn timeline_args(args: &[String]) -> Result<(Vec<PathBuf>, Vec<String>), String> {
    let (mut files, mut days) = (Vec::new(), None);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--date" | "--dates" if days.is_none() => {
                let v = it.next().ok_or(format!("{a} needs a value"))?;
                days = Some((a == "--dates", v.split(',').map(|d| d.trim().to_string()).collect()));
            }
            f if !f.starts_with("--") => files.push(PathBuf::from(f)),
            f => return Err(format!("unknown or repeated option {f}")),
        }
    }
    let (each, days): (bool, Vec<String>) =
        days.ok_or("give --date YYYY-MM-DD or --dates D1,D2,…")?;
    if files.is_empty() {
        return Err("give at least one article".into());
    }
    if each && days.len() != files.len() {
        return Err(format!("--dates gives {} dates for {} articles", days.len(), files.len()));
    }
    if !each && days.len() != 1 {
        return Err("--date takes one date; use --dates for one per article".into());
    }
    let days = if each { days } else { vec![days[0].clone(); files.len()] };
    Ok((files, days))
}

/// A source id from a file name: lowercase letters, digits and hyphens.
fn source_id(file: &Path) -> String {
    let stem = file.file_stem().map(|n| n.to_string_lossy().to_lowercase()).unwrap_or_default();
    let id: String =
        stem.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
    let id: String = id.split('-').filter(|p| !p.is_empty()).collect::<Vec<_>>().join("-");
    let id: String = id.chars().take(40).collect();
    if id.is_empty() {
        "source".into()
    } else {
        id.trim_end_matches('-').to_string()
    }
}

fn cmd_timeline(files: &[PathBuf], days: &[String]) -> ExitCode {
    let mut out: Option<Timeline> = None;
    for (file, day) in files.iter().zip(days) {
        let Some(reference) = date::parse_iso(day) else {
            return usage(&format!("{day} is not a date written YYYY-MM-DD"));
        };
        let a = match article(file) {
            Ok(a) => a,
            Err(e) => return usage(&e),
        };
        // As the page's worker builds it (src/bin/tagger.rs), then with the actors it finds.
        let title = a.title.clone().unwrap_or_else(|| input::title_from(&a.text));
        let mut t = actors::with_actors(&extract::extract(&title, &a.text, Some(reference)));
        if files.len() > 1 {
            t.sources[0].id = source_id(file);
        }
        out = Some(match out {
            None => t,
            Some(base) => merge::add(&base, &t),
        });
    }
    let Some(t) = out else { return usage("give at least one article") };
    // Several articles make one version 2 dataset; one article, as before, version 1.
    let json = if files.len() > 1 { t.to_json_sources().write(true) } else { t.export() };
    // A closed pipe (`| head`) ends the output quietly.
    let _ = writeln!(std::io::stdout().lock(), "{json}");
    ExitCode::SUCCESS
}

fn cmd_actors(file: &Path) -> ExitCode {
    let a = match article(file) {
        Ok(a) => a,
        Err(e) => return usage(&e),
    };
    let mut out = std::io::stdout().lock();
    for m in actors::find(&a.text) {
        let (at, kind, name) = (&m.range, m.kind.as_str(), &a.text[m.range.clone()]);
        // A closed pipe (`| head`) ends the listing quietly.
        if writeln!(out, "{}-{}\t{kind}\t{}\t{name}", at.start, at.end, m.id).is_err() {
            break;
        }
    }
    ExitCode::SUCCESS
}

fn cmd_bench(dir: &Path) -> ExitCode {
    let files = match inputs(dir) {
        Ok(f) => f,
        Err(e) => return usage(&e),
    };
    // Concatenate the plain text of every document (paragraph-separated).
    let mut text = String::new();
    for rel in &files {
        let p = join(dir, rel);
        if let Ok(doc) = std::fs::read_to_string(&p)
            .map_err(|e| e.to_string())
            .and_then(|r| timeml::parse_document(&r))
        {
            text.push_str(&doc.plain);
            text.push_str("\n\n");
        }
    }
    if text.is_empty() {
        return usage("no text to benchmark");
    }
    let dct = chrono::NaiveDate::from_ymd_opt(1998, 1, 8);
    let mut toks = Vec::new();
    let mut rates = Vec::new();
    let mut found = 0;
    let begin = Instant::now();
    while begin.elapsed() < Duration::from_secs(2) || rates.len() < 3 {
        let t = Instant::now();
        found = tagger::tag_with_buffer(&text, dct, &mut toks).len();
        let secs = t.elapsed().as_secs_f64().max(1e-9);
        rates.push(text.len() as f64 / secs / 1e6);
    }
    rates.sort_by(|a, b| a.total_cmp(b));
    let median = rates[rates.len() / 2];
    println!("bytes {}", text.len());
    println!("timexes {found}");
    println!("runs {}", rates.len());
    println!("mb_per_s {median:.1}");
    // The whole extraction, as the app's worker runs it: dates, events and their anchors,
    // headlines, actors.
    let mut rates = Vec::new();
    let mut events = 0;
    let begin = Instant::now();
    while begin.elapsed() < Duration::from_secs(3) || rates.len() < 3 {
        let t = Instant::now();
        events = actors::with_actors(&extract::extract("bench", &text, dct)).events.len();
        rates.push(text.len() as f64 / t.elapsed().as_secs_f64().max(1e-9) / 1e6);
    }
    rates.sort_by(|a, b| a.total_cmp(b));
    println!("timeline_events {events}");
    println!("timeline_runs {}", rates.len());
    println!("timeline_mb_per_s {:.2}", rates[rates.len() / 2]);
    ExitCode::SUCCESS
}
