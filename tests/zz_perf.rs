use sourceline::core::layout::layout_with;
use sourceline::core::model::{DatasetJson, Timeline};
use std::time::Instant;
#[test]
fn perf() {
    let s = std::fs::read_to_string("/tmp/synth-10000.json").unwrap();
    for _ in 0..4 {
        let ta = Instant::now();
        let mut raw: DatasetJson = serde_json::from_str(&s).unwrap();
        let text = raw.text.take().unwrap();
        let tb = Instant::now();
        let t = Timeline::from_json(raw, text).unwrap();
        let tc = Instant::now();
        let p = t.paragraphs();
        let td = Instant::now();
        let l = layout_with(&t, 1230.0, None, true, &[], None);
        let te = Instant::now();
        eprintln!(
            "serde {:?} from_json {:?} paragraphs {:?} ({}) layout {:?} ({})",
            tb - ta,
            tc - tb,
            td - tc,
            p[0].len(),
            te - td,
            l.marks.len()
        );
    }
}
