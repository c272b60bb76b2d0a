//! The seed dataset: every quote resolves to exactly one range of the article, and the
//! events the app promises are there with the right dates.

use sourceline::core::date::Precision;
use sourceline::core::model::{End, Timeline};

const ARTICLE: &str = include_str!("../assets/article.txt");
const EVENTS: &str = include_str!("../assets/events.json");

fn seed() -> Timeline {
    Timeline::load(EVENTS, ARTICLE).unwrap_or_else(|e| panic!("seed dataset: {e}"))
}

#[test]
fn every_quote_resolves_to_exactly_one_range() {
    let t = seed();
    for e in &t.events {
        for p in &e.passages {
            assert_eq!(p.quote.resolve(ARTICLE), Ok(p.range.clone()), "{}", e.id);
            assert_eq!(&ARTICLE[p.range.clone()], p.quote.exact, "{}", e.id);
        }
    }
}

#[test]
fn the_article_is_unchanged_from_the_seed() {
    if let Ok(original) = std::fs::read_to_string("../shared/seed/article.txt") {
        assert_eq!(original, ARTICLE);
    }
}

#[test]
fn the_promised_events_are_there() {
    let t = seed();
    let when = |id: &str| {
        let i = t.find(id).unwrap_or_else(|| panic!("missing {id}"));
        t.events[i].when
    };
    let year = |id: &str| when(id).map(|w| (w.start.year, w.start.precision, w.end));
    assert_eq!(year("cyprus-buffer-zone-1974"), Some((1974, Precision::Year, End::Point)));
    assert_eq!(year("ukraine-independence-1991"), Some((1991, Precision::Year, End::Point)));
    assert_eq!(year("partnership-for-peace-1994"), Some((1994, Precision::Year, End::Point)));
    let un = when("lavrov-at-the-un").unwrap();
    assert_eq!(
        (un.start.year, un.end),
        (1994, End::Until(sourceline::core::date::DateSpec::year(2004)))
    );
    assert_eq!(year("lavrov-foreign-minister"), Some((2004, Precision::Year, End::Ongoing)));
    let early = when("opposition-to-nato-expansion").unwrap();
    assert_eq!(early.start.precision, Precision::Decade);
    assert!(early.start.is_imprecise());
    assert_eq!(early.start.label(), "the early 2000s");
    assert_eq!(year("bucharest-summit-2008"), Some((2008, Precision::Year, End::Point)));
    assert_eq!(year("crimea-annexation-2014"), Some((2014, Precision::Year, End::Point)));
    assert_eq!(year("full-scale-invasion-2022"), Some((2022, Precision::Year, End::Point)));
    assert_eq!(year("lavrov-sanctioned-2022"), Some((2022, Precision::Year, End::Point)));
    for undated in
        ["lavrov-rejects-plan", "peace-plan", "nato-postponement", "putin-world-war-remarks"]
    {
        assert_eq!(when(undated), None, "{undated} must stay undated");
    }
}

#[test]
fn passages_are_whole_sentences_or_clauses() {
    // A passage starts at a sentence or clause start and ends at a sentence or clause end.
    let t = seed();
    for e in &t.events {
        for p in &e.passages {
            let before = ARTICLE[..p.range.start].trim_end_matches(' ');
            let after = &ARTICLE[p.range.end..];
            let starts = before.is_empty()
                || before.ends_with(['.', ',', ':', '\n', '('])
                || before.ends_with(" and")
                || p.quote.exact.starts_with("and ")
                || p.quote.exact.starts_with("following ")
                || p.quote.exact.starts_with("postponing ");
            let ends = after.is_empty() || after.starts_with(['.', ',', ' ', '\n']);
            assert!(starts && ends, "{}: {:?}", e.id, p.quote.exact);
        }
    }
}

/// The article's own extraction (what "Open an article" builds from it) against the
/// hand-made dataset, side by side: events matched by date and overlapping passage, their
/// headlines, and their actors. `cargo test --release --test seed side_by_side -- --nocapture`
/// prints the table the README quotes.
#[test]
fn side_by_side_with_the_extraction() {
    use sourceline::core::{actors, extract};
    let gold = seed();
    let reference = chrono::NaiveDate::from_ymd_opt(2025, 3, 1);
    let auto = actors::with_actors(&extract::extract(&gold.title, ARTICLE, reference));
    let overlaps =
        |a: &std::ops::Range<usize>, b: &std::ops::Range<usize>| a.start < b.end && b.start < a.end;
    let mut matched = 0;
    let mut used = vec![false; auto.events.len()];
    let (mut pairs_both, mut pairs_auto, mut pairs_gold) = (0, 0, 0);
    println!(
        "| date | hand-made headline | extracted headline | hand-made actors | extracted actors |"
    );
    println!("| --- | --- | --- | --- | --- |");
    for g in &gold.events {
        let Some(when) = g.when else { continue };
        // One to one: an extracted event stands for one hand-made event at most.
        let k = auto.events.iter().enumerate().position(|(i, e)| {
            !used[i]
                && e.when.is_some_and(|w| w.timeml() == when.timeml())
                && e.passages
                    .iter()
                    .any(|p| g.passages.iter().any(|q| overlaps(&p.range, &q.range)))
        });
        if let Some(i) = k {
            used[i] = true;
        }
        let found = k.map(|i| &auto.events[i]);
        let (head, ids) = match found {
            Some(e) => {
                matched += 1;
                pairs_auto += e.actors.len();
                pairs_both += e.actors.iter().filter(|a| g.actors.contains(a)).count();
                (e.headline.clone(), e.actors.join(", "))
            }
            None => ("(none)".to_string(), String::new()),
        };
        pairs_gold += g.actors.len();
        println!(
            "| {} | {} | {} | {} | {} |",
            when.timeml(),
            g.headline,
            head,
            g.actors.join(", "),
            ids
        );
        if let Some(e) = found {
            assert!(e.headline.split(' ').count() <= 10, "{}", e.headline);
            let last = e.headline.split(' ').next_back().unwrap_or_default();
            assert!(!sourceline::core::headline::bad_end(last), "{}", e.headline);
        }
    }
    println!(
        "events: {matched} of {} hand-made events found, {} extracted; actors on matched events: \
         {pairs_both} of {pairs_auto} extracted pairs are hand-made ones, {pairs_both} of {pairs_gold} hand-made pairs found",
        gold.events.iter().filter(|e| e.when.is_some()).count(),
        auto.events.len()
    );
    // Every dated event but the sanctions of 2022 (the sentence dates the invasion they
    // followed, not them) is found.
    assert!(matched >= 9, "{matched}");
}
