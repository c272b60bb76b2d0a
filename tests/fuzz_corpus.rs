//! Replays the fuzz seed corpora (`tests/fuzz/corpus/<target>/`) and every input a fuzz run
//! once crashed on (`tests/fuzz/regressions/<target>/`) through the fuzz target bodies, so that
//! `cargo test` keeps fixed crashes fixed without cargo-fuzz or libFuzzer.

#[path = "fuzz/targets.rs"]
mod targets;

use std::path::Path;

/// Every file of `dir/<target>/`, as (target, path), sorted; a missing directory gives none.
fn inputs(dir: &str) -> Vec<(&'static str, std::path::PathBuf)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz").join(dir);
    let mut out = Vec::new();
    for target in targets::TARGETS {
        let Ok(entries) = std::fs::read_dir(root.join(target)) else { continue };
        let mut files: Vec<_> = entries.filter_map(|e| Some(e.ok()?.path())).collect();
        files.sort();
        out.extend(files.into_iter().filter(|p| p.is_file()).map(|p| (target, p)));
    }
    out
}

fn replay(dir: &str) -> usize {
    let all = inputs(dir);
    for (target, path) in &all {
        let data = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        // A panic inside names the file, so a failing input is easy to find and reproduce
        // with `cargo fuzz run <target> <file>`.
        let run = std::panic::catch_unwind(|| targets::run(target, &data));
        assert!(run.is_ok(), "target {target} panics on {}", path.display());
    }
    all.len()
}

#[test]
fn seed_corpora_run_clean_through_every_target() {
    let n = replay("corpus");
    // Every target has seeds; an empty corpus would make this test pass vacuously.
    for target in targets::TARGETS {
        assert!(inputs("corpus").iter().any(|(t, _)| *t == target), "no seeds for {target}");
    }
    assert!(n >= targets::TARGETS.len());
}

#[test]
fn fixed_crash_inputs_stay_fixed() {
    replay("regressions");
}
