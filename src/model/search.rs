//! Searching partition counts for the first that meets a need which, once met, stays met
//! as partitions are added.

/// The smallest count from `from` (at least 1) up to `limit` for which `fits` holds,
/// assuming that once it holds it holds for every larger count; `None` when `limit` does
/// not fit. Doubles to bracket the answer, then bisects: O(log) calls.
pub fn first_fitting(from: u64, limit: u64, mut fits: impl FnMut(u64) -> bool) -> Option<u64> {
    let mut lo = from.max(1);
    if fits(lo) {
        return Some(lo);
    }
    let mut hi = lo;
    while !fits(hi) {
        if hi >= limit {
            return None;
        }
        lo = hi;
        hi = hi.saturating_mul(2).min(limit);
    }
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if fits(mid) {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    Some(hi)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_threshold_from_below_and_stops_at_the_limit() {
        for threshold in [1u64, 2, 3, 17, 1000, 123_457] {
            assert_eq!(
                first_fitting(1, 1 << 40, |p| p >= threshold),
                Some(threshold)
            );
            assert_eq!(
                first_fitting(5, 1 << 40, |p| p >= threshold),
                Some(threshold.max(5))
            );
        }
        assert_eq!(first_fitting(1, 100, |p| p >= 101), None);
    }
}
