//! Merging across sources, measured on the same-day report pairs of `tests/data/merge/` (see
//! its README): each pair's two articles are tagged as the app tags them, the second added to
//! the first, and the events stated by both are compared with the gold merges.
//!
//! A merge joins an event of the second article to one of the first. It is right when each
//! event has a passage holding its side's gold quote and names the gold event word in its
//! headline or summary (a sentence may state several happenings). Precision counts the merged events
//! that are right, recall the gold merges found; disagreements are counted apart.
//! `cargo test --release --test merge -- --nocapture` prints the table.

use sourceline::core::{actors, date, extract, merge, model::Timeline};
use std::fs;

struct Gold {
    a: String,
    a_word: String,
    b: String,
    b_word: String,
    disagree: bool,
}

fn read_gold(dir: &std::path::Path) -> (String, String, Vec<Gold>) {
    let raw = fs::read_to_string(dir.join("gold.json")).expect("gold.json");
    let v: serde_json::Value = serde_json::from_str(&raw).expect("gold parses");
    let s = |v: &serde_json::Value, k: &str| v[k].as_str().unwrap_or_default().to_string();
    let same = v["same"].as_array().expect("same").iter();
    let gold = same
        .map(|g| Gold {
            a: s(g, "a"),
            a_word: s(g, "a_word").to_lowercase(),
            b: s(g, "b"),
            b_word: s(g, "b_word").to_lowercase(),
            disagree: g["disagree"].as_bool().unwrap_or(false),
        })
        .collect();
    (s(&v["a"], "date"), s(&v["b"], "date"), gold)
}

fn tagged(title: &str, text: &str, day: &str) -> Timeline {
    actors::with_actors(&extract::extract(title, text, date::parse_iso(day)))
}

/// True when event `e` of a one-article timeline has a passage holding `quote` and names
/// `word` in its headline or summary, or is the only event stated there.
fn states(t: &Timeline, e: usize, quote: &str, word: &str) -> bool {
    let holds =
        |e: usize| t.events[e].passages.iter().any(|p| t.text[p.range.clone()].contains(quote));
    let ev = &t.events[e];
    let names =
        ev.headline.to_lowercase().contains(word) || ev.summary.to_lowercase().contains(word);
    // The only event of its sentence is the one the sentence states.
    holds(e) && (names || (0..t.events.len()).filter(|&k| holds(k)).count() == 1)
}

#[derive(Default)]
struct Counts {
    merged: usize,
    right: usize,
    gold: usize,
    found: usize,
    disagree_gold: usize,
    disagree_found: usize,
    disagree_flagged: usize,
    disagree_right: usize,
}

fn pair(dir: &std::path::Path, c: &mut Counts) -> String {
    let (da, db, gold) = read_gold(dir);
    let a = fs::read_to_string(dir.join("a.txt")).expect("a.txt");
    let b = fs::read_to_string(dir.join("b.txt")).expect("b.txt");
    let (ta, tb) = (tagged("A", &a, &da), tagged("B", &b, &db));
    // The merges, as pairs of the two articles' own events (each with its own headline).
    let pairs: Vec<(usize, usize)> = (merge::matches(&ta, &tb).into_iter().enumerate())
        .filter_map(|(i, m)| m.map(|j| (j, i)))
        .collect();
    let is = |g: &Gold, (j, i): (usize, usize)| {
        states(&ta, j, &g.a, &g.a_word) && states(&tb, i, &g.b, &g.b_word)
    };
    let disagree = |(j, i): (usize, usize)| match (ta.events[j].when, tb.events[i].when) {
        (Some(x), Some(y)) => {
            let (x, y) = (x.interval(f64::MAX), y.interval(f64::MAX));
            x.1 <= y.0 || y.1 <= x.0
        }
        _ => false,
    };
    let debug = std::env::var("MERGE_DEBUG").is_ok();
    let mut right = 0;
    for &p in &pairs {
        let g = gold.iter().position(|g| is(g, p));
        right += usize::from(g.is_some());
        if disagree(p) {
            c.disagree_flagged += 1;
            c.disagree_right += usize::from(g.is_some_and(|g| gold[g].disagree));
        }
        if debug && g.is_none() {
            println!("  WRONG {:?} ~ {:?}", ta.events[p.0].headline, tb.events[p.1].headline);
        }
    }
    let mut found = 0;
    for g in &gold {
        let hit = pairs.iter().any(|&p| is(g, p));
        found += usize::from(hit);
        if g.disagree {
            c.disagree_gold += 1;
            c.disagree_found += usize::from(hit);
        }
        if debug && !hit {
            println!("  MISS {:?} ~ {:?}", g.a, g.b);
            for (t, q, w) in [(&ta, &g.a, &g.a_word), (&tb, &g.b, &g.b_word)] {
                for (k, e) in t.events.iter().enumerate() {
                    if states(t, k, q, w) {
                        let d = e.when.map(|w| w.timeml()).unwrap_or_default();
                        println!("     #{k} {d} {:?} | {:?} {:?}", e.headline, e.summary, e.actors);
                    }
                }
            }
        }
    }
    // The whole merge as the app makes it: one event per merged pair, and it reads back.
    let t = merge::add(&ta, &tb);
    assert_eq!(t.sources.len(), 2);
    assert_eq!(t.events.len(), ta.events.len() + tb.events.len() - pairs.len());
    assert_eq!(Timeline::import(&t.export()).as_ref(), Ok(&t));
    c.merged += pairs.len();
    c.right += right;
    c.gold += gold.len();
    c.found += found;
    let name = dir.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
    format!(
        "{name:<22} merged {:>2}, right {right:>2}; gold {:>2}, found {found:>2}",
        pairs.len(),
        gold.len()
    )
}

#[test]
fn merging_same_day_reports_is_measured_on_the_pairs() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/merge");
    let mut dirs: Vec<_> = fs::read_dir(&root)
        .expect("tests/data/merge")
        .filter_map(|d| d.ok().map(|d| d.path()))
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    assert!(dirs.len() >= 8, "the pairs are there");
    let mut c = Counts::default();
    for d in &dirs {
        println!("{}", pair(d, &mut c));
    }
    let p = c.right as f64 / c.merged.max(1) as f64;
    let r = c.found as f64 / c.gold.max(1) as f64;
    println!(
        "merges: precision {p:.3} ({}/{}), recall {r:.3} ({}/{}), F1 {:.3}",
        c.right,
        c.merged,
        c.found,
        c.gold,
        2.0 * p * r / (p + r).max(f64::MIN_POSITIVE)
    );
    println!(
        "disagreements: {} gold, {} of them merged, {} flagged in all, {} flagged and right",
        c.disagree_gold, c.disagree_found, c.disagree_flagged, c.disagree_right
    );
    // Floors under today's figures, so that a change that breaks merging fails here.
    assert!(p >= 0.8, "merge precision {p:.3}");
    assert!(r >= 0.4, "merge recall {r:.3}");
}

#[test]
fn the_command_prints_one_version_2_dataset_of_all_the_articles() {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/merge/04-ceasefire");
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_timeml"))
            .arg("timeline")
            .args([dir.join("a.txt"), dir.join("b.txt")])
            .args(args)
            .output()
            .expect("timeml runs")
    };
    let out = run(&["--dates", "2024-07-02,2024-07-02"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let json = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(json.contains("\"version\": 2"));
    let t = Timeline::import(&json).unwrap_or_else(|e| panic!("{e}"));
    let ids: Vec<&str> = t.sources.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["a", "b"]);
    assert!(t.events.iter().any(|e| e.sources().len() == 2), "a happening both state");
    assert!(t.events.iter().any(|e| e.disagrees()), "the truce: Saturday or Friday");
    // One date for all gives the same; a wrong count of dates is refused with a reason.
    let same = run(&["--date", "2024-07-02"]);
    assert_eq!(String::from_utf8_lossy(&same.stdout), json);
    let bad = run(&["--dates", "2024-07-02"]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("1 dates for 2 articles"));
}
