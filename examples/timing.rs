use sourceline::core::layout::layout_with;
use sourceline::core::model::Timeline;
use std::time::Instant;
fn main() {
    let json = std::fs::read_to_string("target/bench-site/data/synth-10000.json").unwrap();
    let mut best = [f64::MAX; 4];
    for _ in 0..15 {
        let t0 = Instant::now();
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        std::hint::black_box(&v);
        let t1 = Instant::now();
        let t = Timeline::import(&json).unwrap();
        let t2 = Instant::now();
        let s = sourceline::core::state::AppState::showing(std::rc::Rc::new(t.clone()), false);
        let l = layout_with(&t, 692.0, Some(s.fit), true, &[], None);
        std::hint::black_box(&l);
        let t3 = Instant::now();
        let d: sourceline::core::model::DatasetJson = serde_json::from_str(&json).unwrap();
        std::hint::black_box(&d);
        let t4 = Instant::now();
        for (b, x) in best.iter_mut().zip([t1 - t0, t2 - t1, t3 - t2, t4 - t3]) { *b = b.min(x.as_secs_f64() * 1e3); }
    }
    println!("value {:.2} import {:.2} showing+layout {:.2} serde-only {:.2}", best[0], best[1], best[2], best[3]);
}
