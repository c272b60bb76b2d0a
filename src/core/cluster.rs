//! Clustering for dense timelines: where events crowd too closely to label, neighbours merge
//! into one count bubble. Zooming spreads them apart, so bubbles expand on their own.

use std::ops::Range;

/// A run of neighbouring items shown as one.
#[derive(Clone, Debug, PartialEq)]
pub struct Cluster {
    /// Where the bubble goes: the mean position of its members, px.
    pub x: f64,
    /// The members, as a range of indexes into the sorted input.
    pub members: Range<usize>,
    /// Leftmost and rightmost member positions, px: what zooming in on the bubble shows.
    pub span: (f64, f64),
}

impl Cluster {
    /// How many items the bubble stands for.
    pub fn count(&self) -> usize {
        self.members.len()
    }
}

/// Groups positions `xs` (ascending) so that each cluster spans less than `radius` pixels
/// from its first member; an item with no neighbour that close stays alone (a cluster of one).
/// Linear in the number of items.
pub fn cluster(xs: &[f64], radius: f64) -> Vec<Cluster> {
    let mut out: Vec<Cluster> = Vec::new();
    let mut start = 0;
    for i in 1..=xs.len() {
        if i == xs.len() || xs[i] - xs[start] >= radius {
            let members = start..i;
            let sum: f64 = xs[members.clone()].iter().sum();
            out.push(Cluster {
                // Clamped: the float mean of equal positions can stray by a rounding error.
                // (`max` and `min`, as `clamp` panics on NaN positions.)
                x: (sum / members.len() as f64).max(xs[start]).min(xs[i - 1]),
                span: (xs[start], xs[i - 1]),
                members,
            });
            start = i;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neighbours_merge_and_loners_stay() {
        let c = cluster(&[0.0, 3.0, 5.0, 40.0, 100.0, 104.0], 10.0);
        let counts: Vec<usize> = c.iter().map(Cluster::count).collect();
        assert_eq!(counts, [3, 1, 2]);
        assert!((c[0].x - 8.0 / 3.0).abs() < 1e-9);
        assert_eq!(c[2].span, (100.0, 104.0));
        assert!(cluster(&[], 10.0).is_empty());
    }

    #[test]
    fn every_item_in_exactly_one_cluster_and_zooming_expands_them() {
        let mut seed = 0x1234_5678_u64;
        for round in 0..500 {
            crate::core::xorshift(&mut seed);
            let n = (seed % 300) as usize;
            let mut xs: Vec<f64> = (0..n)
                .map(|i| ((seed.rotate_left(i as u32) >> 11) % 10_000) as f64 / 10.0)
                .collect();
            xs.sort_by(f64::total_cmp);
            let c = cluster(&xs, 12.0);
            let mut next = 0;
            for k in &c {
                assert_eq!(k.members.start, next, "round {round}");
                next = k.members.end;
                assert!(k.span.1 - k.span.0 < 12.0);
                assert!(k.x >= k.span.0 && k.x <= k.span.1);
            }
            assert_eq!(next, n);
            // Twice the zoom: positions spread, never fewer clusters.
            let zoomed: Vec<f64> = xs.iter().map(|x| x * 2.0).collect();
            assert!(cluster(&zoomed, 12.0).len() >= c.len());
        }
    }
}
