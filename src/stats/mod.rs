//! Latency statistics as PRODUCT.md defines them.
//!
//! Percentiles interpolate linearly between closest ranks (numpy's default, Excel's
//! PERCENTILE.INC; Hyndman & Fan 1996, definition 7). They are found by selection, not by
//! a full sort, so 10 million samples take linear time; past a few blocks of samples,
//! through the radix histogram of the samples' [`Tally`] (which a reader can take as it
//! parses), and [`large`]'s one more pass, which leaves the samples in file order. The
//! upper 95% bound on the mean uses Student's t with n-1 degrees of freedom.

mod large;
pub mod predicted;
pub mod spread;
pub mod tally;

use statrs::distribution::{ContinuousCDF, StudentsT};

use crate::model::histogram::PiecewiseUniform;
pub use tally::Tally;

/// Summary of per-message processing latency, in milliseconds.
#[derive(Debug, Clone, PartialEq)]
pub struct LatencyStats {
    /// Samples measured; `None` when the request gave a summary instead.
    pub count: Option<u64>,
    pub mean: f64,
    /// Sample standard deviation (n-1).
    pub stddev: Option<f64>,
    pub min: Option<f64>,
    pub p50: Option<f64>,
    pub p90: Option<f64>,
    pub p95: Option<f64>,
    pub p99: f64,
    pub max: Option<f64>,
    /// mean + t(0.975, n-1) x stddev / sqrt(n).
    pub mean_upper_95: Option<f64>,
    /// E[S], E[S^2], E[S^3] of the samples, each equally likely; `None` for a summary.
    pub raw_moments: Option<[f64; 3]>,
}

/// The percentiles a latency summary holds, besides the extremes.
pub const PERCENTILES: [f64; 4] = [0.50, 0.90, 0.95, 0.99];

/// Samples up to which percentiles are selected in place (reordering them): below a few
/// blocks the radix pre-pass costs more than it saves.
pub const IN_PLACE_MAX: usize = 4 * large::BLOCK;

/// The ranks whose values interpolate to percentiles `ps` of `n` samples, two per
/// percentile.
fn ranks_of(n: usize, ps: &[f64]) -> Vec<usize> {
    ps.iter()
        .flat_map(|&p| {
            let lo = ((n - 1) as f64 * p).floor() as usize;
            [lo, (lo + 1).min(n - 1)]
        })
        .collect()
}

/// Percentiles `ps` of `n` samples from the values of [`ranks_of`].
fn interpolated(n: usize, ps: &[f64], values: &[f64]) -> Vec<f64> {
    ps.iter()
        .zip(values.chunks(2))
        .map(|(&p, pair)| {
            let h = (n - 1) as f64 * p;
            let lo = h.floor();
            pair[0] + (h - lo) * (pair[1] - pair[0])
        })
        .collect()
}

/// The value of 0-based `rank` in ascending order; reorders `data`.
fn select(data: &mut [f64], rank: usize) -> f64 {
    let (_, value, _) = data.select_nth_unstable_by(rank, f64::total_cmp);
    *value
}

/// Percentiles `ps` (ascending, within 0..=1) of `data`, which is reordered.
pub fn percentiles(data: &mut [f64], ps: &[f64]) -> Vec<f64> {
    let n = data.len();
    let mut out = Vec::with_capacity(ps.len());
    // Selections go left to right: after selecting rank r, everything right of r is
    // >= it, so the next, higher rank is searched only in the right part.
    let mut done = 0;
    for &p in ps {
        let h = (n - 1) as f64 * p;
        let lo = h.floor() as usize;
        let lo_value = select(&mut data[done..], lo - done);
        let hi_value = if lo + 1 < n {
            select(&mut data[lo + 1..], 0)
        } else {
            lo_value
        };
        out.push(lo_value + (h - lo as f64) * (hi_value - lo_value));
        done = lo;
    }
    out
}

impl LatencyStats {
    /// Statistics of at least two samples (ms). Up to [`IN_PLACE_MAX`] samples are
    /// reordered by the selection; more keep their order.
    pub fn from_samples(samples: &mut [f64]) -> LatencyStats {
        let tally = large::tally(samples);
        LatencyStats::from_tallied(samples, &tally)
    }

    /// Statistics of at least two samples (ms) whose [`Tally`] a reader took as it
    /// parsed them, so only one more pass over them is needed.
    pub fn from_tallied(samples: &mut [f64], tally: &Tally) -> LatencyStats {
        let n = samples.len();
        assert!(n >= 2, "the sample reader refuses fewer than two samples");
        let count = n as f64;
        let sums = &tally.sums;
        let mean = sums.sum / count;
        let wanted = PERCENTILES;
        // Two passes: the textbook one-pass formula loses precision on large means.
        let (squared_deviations, ps) = if n <= IN_PLACE_MAX {
            let deviations = large::squared_deviations(samples, mean);
            (deviations, percentiles(samples, &wanted))
        } else {
            let ranks = ranks_of(n, &wanted);
            match large::deviations_and_ranked(samples, mean, &tally.histogram, &ranks) {
                (deviations, Some(values)) => (deviations, interpolated(n, &wanted, &values)),
                // Values crowded into a few buckets: select in place.
                (deviations, None) => (deviations, percentiles(samples, &wanted)),
            }
        };
        let stddev = (squared_deviations / (count - 1.0)).sqrt();
        LatencyStats::with_percentiles(n, sums, stddev, &ps)
    }

    /// The statistics of `n` samples from their sums, standard deviation and the values
    /// of their [`ranks_of`] the [`PERCENTILES`].
    fn assembled(n: usize, sums: &tally::Sums, stddev: f64, ranked: &[f64]) -> LatencyStats {
        let ps = interpolated(n, &PERCENTILES, ranked);
        LatencyStats::with_percentiles(n, sums, stddev, &ps)
    }

    fn with_percentiles(n: usize, sums: &tally::Sums, stddev: f64, ps: &[f64]) -> LatencyStats {
        let count = n as f64;
        let mean = sums.sum / count;
        LatencyStats {
            count: Some(n as u64),
            mean,
            stddev: Some(stddev),
            min: Some(sums.min()),
            p50: Some(ps[0]),
            p90: Some(ps[1]),
            p95: Some(ps[2]),
            p99: ps[3],
            max: Some(sums.max()),
            mean_upper_95: Some(mean + t_975(count - 1.0) * stddev / count.sqrt()),
            raw_moments: Some([mean, sums.sum_sq / count, sums.sum_cube / count]),
        }
    }

    /// The statistics of a latency histogram's distribution: its count and exact mean,
    /// the rest from the distribution (uniform within each bucket); no min or max, which
    /// a histogram does not keep.
    pub fn from_histogram(histogram: &PiecewiseUniform) -> LatencyStats {
        let count = histogram.count;
        let [m1, m2, _] = histogram.moments;
        let stddev = (m2 - m1 * m1).max(0.0).sqrt();
        let q = |p| Some(histogram.quantile(p));
        LatencyStats {
            count: Some(count.round() as u64),
            mean: m1,
            stddev: Some(stddev),
            min: None,
            p50: q(0.50),
            p90: q(0.90),
            p95: q(0.95),
            p99: histogram.quantile(0.99),
            max: None,
            mean_upper_95: (count >= 2.0).then(|| m1 + t_975(count - 1.0) * stddev / count.sqrt()),
            raw_moments: None,
        }
    }

    /// A summary without samples; without a p99, that of the exponential the model then
    /// assumes: mean x ln(100).
    pub fn from_summary(mean: f64, p99: Option<f64>) -> LatencyStats {
        LatencyStats {
            count: None,
            mean,
            stddev: None,
            min: None,
            p50: None,
            p90: None,
            p95: None,
            p99: p99.unwrap_or(mean * 100f64.ln()),
            max: None,
            mean_upper_95: None,
            raw_moments: None,
        }
    }
}

/// The 97.5% quantile of Student's t with `dof` degrees of freedom.
fn t_975(dof: f64) -> f64 {
    if dof >= T_EXPANSION_MIN_DOF {
        return t_975_expansion(dof);
    }
    match StudentsT::new(0.0, 1.0, dof) {
        Ok(t) => t.inverse_cdf(0.975),
        // Only reachable with dof <= 0, which from_samples rules out.
        Err(_) => f64::NAN,
    }
}

/// From here on the expansion below is exact to double precision, where statrs's
/// iterative inverse loses accuracy (off in the fourth digit at a million degrees of
/// freedom) and past about twelve million does not return at all.
const T_EXPANSION_MIN_DOF: f64 = 1000.0;

/// The 0.975 quantile of Student's t by its Cornish-Fisher expansion in 1 / dof
/// (Abramowitz & Stegun 26.7.5) around the normal quantile; the first term left out is
/// of order dof^-5, below 1e-15 from a thousand degrees of freedom on.
fn t_975_expansion(dof: f64) -> f64 {
    // Φ⁻¹(0.975).
    let z: f64 = 1.959_963_984_540_054;
    let g1 = (z.powi(3) + z) / 4.0;
    let g2 = (5.0 * z.powi(5) + 16.0 * z.powi(3) + 3.0 * z) / 96.0;
    let g3 = (3.0 * z.powi(7) + 19.0 * z.powi(5) + 17.0 * z.powi(3) - 15.0 * z) / 384.0;
    let g4 = (79.0 * z.powi(9) + 776.0 * z.powi(7) + 1482.0 * z.powi(5)
        - 1920.0 * z.powi(3)
        - 945.0 * z)
        / 92160.0;
    let v = dof;
    z + g1 / v + g2 / v.powi(2) + g3 / v.powi(3) + g4 / v.powi(4)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The expansion against statrs's iterative inverse where that is accurate (up to
    /// about ten thousand degrees of freedom; by a million it is off in the fourth digit,
    /// at ten million it gives 1.83, and past about twelve million it does not return),
    /// and against published values: the two meet at the switch, so the mean's interval
    /// does not jump there.
    #[test]
    fn the_t_quantile_expansion_meets_the_exact_inverse() {
        for dof in [1000.0, 2000.0, 5000.0, 1e4] {
            let exact = StudentsT::new(0.0, 1.0, dof).map(|t| t.inverse_cdf(0.975));
            let exact = exact.unwrap_or(f64::NAN);
            let expanded = t_975_expansion(dof);
            assert!(
                (expanded - exact).abs() < 1e-9,
                "{dof}: {expanded} vs {exact}"
            );
        }
        // Published table values (A&S table 26.10): t_0.975(120) = 1.979930, and the
        // normal quantile 1.959964 as dof grows.
        assert!((t_975(120.0) - 1.979_930).abs() < 1e-6);
        assert!((t_975(2e7 - 1.0) - 1.959_964).abs() < 1e-6);
    }

    /// Independent reference: full sort, then interpolate by hand.
    fn reference_percentile(data: &[f64], p: f64) -> f64 {
        let mut sorted = data.to_vec();
        sorted.sort_by(f64::total_cmp);
        let h = (sorted.len() - 1) as f64 * p;
        let (lo, hi) = (h.floor() as usize, h.ceil() as usize);
        sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
    }

    #[test]
    fn percentile_matches_numpy_on_one_to_four() {
        // numpy.percentile([1, 2, 3, 4], 90) == 3.7 (statrs's type-8 estimator gives 4).
        let mut data = vec![4.0, 2.0, 1.0, 3.0];
        let ps = percentiles(&mut data, &[0.5, 0.9]);
        assert!((ps[0] - 2.5).abs() < 1e-12);
        assert!((ps[1] - 3.7).abs() < 1e-12);
    }

    #[test]
    fn percentiles_match_a_sorted_reference_on_generated_data() {
        for n in [2usize, 3, 7, 100, 1001, 65_537] {
            // A fixed, non-monotonic sequence with repeats.
            let data: Vec<f64> = (0..n).map(|i| ((i * 7919) % 1013) as f64 * 0.37).collect();
            let wanted = [0.0, 0.5, 0.9, 0.95, 0.99, 1.0];
            let mut work = data.clone();
            let got = percentiles(&mut work, &wanted);
            for (p, value) in wanted.iter().zip(got) {
                let expected = reference_percentile(&data, *p);
                assert!(
                    (value - expected).abs() < 1e-9,
                    "n={n} p={p}: {value} vs {expected}"
                );
            }
        }
    }

    #[test]
    fn sample_statistics_by_hand() {
        let mut data = vec![10.0, 20.0, 30.0, 40.0, 50.0];
        let s = LatencyStats::from_samples(&mut data);
        assert_eq!(s.count, Some(5));
        assert_eq!(s.mean, 30.0);
        // sqrt(((20^2 + 10^2) * 2) / 4) = sqrt(250)
        assert!((s.stddev.unwrap() - 250f64.sqrt()).abs() < 1e-12);
        assert_eq!((s.min, s.max), (Some(10.0), Some(50.0)));
        assert!((s.p50.unwrap() - 30.0).abs() < 1e-12);
        assert!((s.p90.unwrap() - 46.0).abs() < 1e-12);
        assert!((s.p99 - 49.6).abs() < 1e-12);
        // t(0.975, 4) = 2.776445105
        let upper = 30.0 + 2.776_445_105 * 250f64.sqrt() / 5f64.sqrt();
        assert!((s.mean_upper_95.unwrap() - upper).abs() < 1e-6);
    }

    #[test]
    fn summary_assumes_exponential_service() {
        let s = LatencyStats::from_summary(20.0, None);
        assert!((s.p99 - 20.0 * 100f64.ln()).abs() < 1e-12);
        assert_eq!(LatencyStats::from_summary(20.0, Some(70.0)).p99, 70.0);
    }

    /// A million samples, past the in-place size: statistics against a full sort and
    /// an exact sum. Every sample is a multiple of 1/1024 below 2^11, so every partial
    /// sum of a million of them is exact in an f64 and the mean cannot depend on the
    /// order of the additions.
    #[test]
    fn a_million_samples_match_a_sorted_copy_and_an_exact_sum() {
        let mut state = 11u64;
        let data: Vec<f64> = (0..1_000_000)
            .map(|_| {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                let u = ((state >> 11) as f64 / (1u64 << 53) as f64).max(1e-12);
                // Exponential with mean 20 ms, rounded to 1/1024 ms, capped below 2^11.
                ((-20.0 * u.ln()) * 1024.0).round().min(2_097_151.0) / 1024.0
            })
            .collect();
        assert!(data.len() > IN_PLACE_MAX);
        let exact_sum: i64 = data.iter().map(|x| (x * 1024.0) as i64).sum();
        let mut work = data.clone();
        let s = LatencyStats::from_samples(&mut work);
        assert_eq!(work, data, "large sample sets keep their order");
        assert_eq!(s.mean, exact_sum as f64 / 1024.0 / 1e6);
        for (got, p) in [
            (s.p50, 0.5),
            (s.p90, 0.9),
            (s.p95, 0.95),
            (Some(s.p99), 0.99),
        ] {
            assert_eq!(got, Some(reference_percentile(&data, p)), "p{p}");
        }
        let mut sorted = data.clone();
        sorted.sort_by(f64::total_cmp);
        assert_eq!((s.min, s.max), (Some(sorted[0]), Some(sorted[999_999])));
        let mean = s.mean;
        let deviations: f64 = sorted.iter().map(|x| (x - mean).powi(2)).sum();
        let stddev = (deviations / 999_999.0).sqrt();
        assert!((s.stddev.unwrap() - stddev).abs() < 1e-9 * stddev);
    }
}
