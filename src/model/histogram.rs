//! A latency histogram as the service-time distribution (PRODUCT.md, "latency from a
//! Prometheus histogram").
//!
//! Cumulative bucket counts say how many observations fell at or below each bound; inside
//! a bucket they say nothing, and Prometheus's `histogram_quantile` takes them as spread
//! uniformly over the bucket. `_sum / _count` gives the exact mean, which a uniform
//! spread rarely matches (coarse buckets move it by up to half a bucket). The
//! distribution kept here honours both: every bucket keeps its count, spread uniformly
//! over one and the same fraction of its width, next to its lower bound when the exact
//! mean is below the uniform one and next to its upper bound when above. Observations
//! beyond the last finite bound (the `+Inf` bucket) are uniform from that bound up to
//! where their share of the `_sum` puts them, or at the bound itself when the sum leaves
//! nothing beyond it, as `histogram_quantile` takes them.
//!
//! The result is piecewise uniform, so its CDF, E[min(S, x)], moments and quantiles are
//! exact in closed form, and a draw is one binary search.

use rand::{Rng, RngExt};

/// `probability` spread evenly over [low_ms, high_ms]; a point when they are equal.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Piece {
    pub low_ms: f64,
    pub high_ms: f64,
    pub probability: f64,
}

impl Piece {
    /// E[U^k] for U uniform on the piece, k = 1..=3, stable when the piece is a point.
    fn moments(&self) -> [f64; 3] {
        let (a, b) = (self.low_ms, self.high_ms);
        [
            (a + b) / 2.0,
            (a * a + a * b + b * b) / 3.0,
            (a + b) * (a * a + b * b) / 4.0,
        ]
    }

    /// P(U <= x) for U uniform on the piece.
    fn fraction_below(&self, x: f64) -> f64 {
        if x >= self.high_ms {
            1.0
        } else if x < self.low_ms {
            0.0
        } else {
            (x - self.low_ms) / (self.high_ms - self.low_ms)
        }
    }
}

/// Cumulative bucket counts of one latency histogram, in ms.
#[derive(Debug, Clone, PartialEq)]
pub struct BucketCounts {
    /// The finite upper bounds (`le`), ascending, none negative.
    pub bounds_ms: Vec<f64>,
    /// Observations at or below each bound: non-decreasing, at most `total`.
    pub cumulative: Vec<f64>,
    /// All observations: the `+Inf` bucket.
    pub total: f64,
    /// The sum of all observations (`_sum`), when the histogram has one.
    pub sum_ms: Option<f64>,
}

/// The observations beyond the last finite bound and where the distribution puts them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tail {
    /// Their share of all observations.
    pub share: f64,
    pub last_bound_ms: f64,
    /// They are uniform from the last bound up to this (equal to it: all at the bound).
    pub high_ms: f64,
}

/// A piecewise-uniform service-time distribution, with what the plan reports about it.
#[derive(Debug, Clone, PartialEq)]
pub struct PiecewiseUniform {
    /// Ascending, not overlapping, each with a positive probability.
    pieces: Vec<Piece>,
    /// P(S < pieces[i].low_ms), and the pieces' share of E[S] below it.
    below: Vec<(f64, f64)>,
    pub moments: [f64; 3],
    /// Buckets in the histogram, `+Inf` included.
    pub buckets: usize,
    /// Observations counted.
    pub count: f64,
    pub tail: Option<Tail>,
    /// Whether the mean is `_sum / _count` (false: the histogram has no `_sum`).
    pub exact_mean: bool,
}

/// Why bucket counts cannot be a latency distribution.
#[derive(Debug, Clone, PartialEq)]
pub enum HistogramProblem {
    NoObservations,
    /// `_sum / _count` lies outside what the buckets allow: `_sum` and the bounds are
    /// in different units, most likely.
    MeanOutsideBuckets {
        mean_ms: f64,
        lowest_ms: f64,
        highest_ms: f64,
    },
}

/// How far `_sum / _count` may stray outside the buckets' range before it is a problem
/// and not floating-point rounding of the exposition's decimal numbers.
const MEAN_TOLERANCE: f64 = 1e-6;

impl PiecewiseUniform {
    /// The distribution of a histogram's observations (module comment).
    pub fn from_buckets(counts: &BucketCounts) -> Result<PiecewiseUniform, HistogramProblem> {
        let n = counts.total;
        if n.is_nan() || n <= 0.0 {
            return Err(HistogramProblem::NoObservations);
        }
        // Each finite bucket as (low, high, share), and the tail's share.
        let mut buckets = Vec::with_capacity(counts.bounds_ms.len());
        let (mut low, mut below) = (0.0, 0.0);
        for (&high, &cumulative) in counts.bounds_ms.iter().zip(&counts.cumulative) {
            buckets.push((low, high, ((cumulative - below) / n).max(0.0)));
            (low, below) = (high, cumulative.max(below));
        }
        let last_bound = low;
        let tail_share = ((n - below) / n).max(0.0);
        let finite_share: f64 = buckets.iter().map(|b| b.2).sum();
        // Means with every bucket at its lower bound, its midpoint, its upper bound.
        let floor: f64 = buckets.iter().map(|b| b.0 * b.2).sum::<f64>() + tail_share * last_bound;
        let half_widths: f64 = buckets.iter().map(|b| (b.1 - b.0) / 2.0 * b.2).sum();
        let uniform = floor + half_widths;
        let ceiling = floor + 2.0 * half_widths;
        let mean = counts.sum_ms.map(|s| s / n);
        let slack = MEAN_TOLERANCE * (ceiling.abs() + 1e-9);
        let mut tail_high = last_bound;
        // The fraction of each bucket's width its observations keep, and at which end.
        let (kept, at_top) = match mean {
            None => (1.0, false),
            Some(m) if tail_share > 0.0 && m >= uniform => {
                tail_high = last_bound + 2.0 * (m - uniform) / tail_share;
                (1.0, false)
            }
            Some(m) if m < floor - slack || (tail_share == 0.0 && m > ceiling + slack) => {
                return Err(HistogramProblem::MeanOutsideBuckets {
                    mean_ms: m,
                    lowest_ms: floor,
                    highest_ms: if tail_share > 0.0 {
                        f64::INFINITY
                    } else {
                        ceiling
                    },
                });
            }
            Some(_) if half_widths <= 0.0 => (1.0, false),
            Some(m) if m < uniform => (((m - floor) / half_widths).clamp(0.0, 1.0), false),
            Some(m) => (((ceiling - m) / half_widths).clamp(0.0, 1.0), true),
        };
        let mut pieces: Vec<Piece> = buckets
            .iter()
            .filter(|b| b.2 > 0.0)
            .map(|&(low, high, share)| {
                let width = (high - low) * kept;
                let (low_ms, high_ms) = if at_top {
                    (high - width, high)
                } else {
                    (low, low + width)
                };
                Piece {
                    low_ms,
                    high_ms,
                    probability: share,
                }
            })
            .collect();
        if tail_share > 0.0 {
            pieces.push(Piece {
                low_ms: last_bound,
                high_ms: tail_high,
                probability: tail_share,
            });
        }
        let tail = (tail_share > 0.0).then_some(Tail {
            share: tail_share,
            last_bound_ms: last_bound,
            high_ms: tail_high,
        });
        debug_assert!((finite_share + tail_share - 1.0).abs() < 1e-9);
        Ok(PiecewiseUniform::new(pieces, counts, tail))
    }

    fn new(pieces: Vec<Piece>, counts: &BucketCounts, tail: Option<Tail>) -> PiecewiseUniform {
        let mut below = Vec::with_capacity(pieces.len());
        let (mut probability, mut partial) = (0.0, 0.0);
        let mut moments = [0.0; 3];
        for piece in &pieces {
            below.push((probability, partial));
            let m = piece.moments();
            for (total, k) in moments.iter_mut().zip(m) {
                *total += piece.probability * k;
            }
            probability += piece.probability;
            partial += piece.probability * m[0];
        }
        PiecewiseUniform {
            pieces,
            below,
            moments,
            buckets: counts.bounds_ms.len() + 1,
            count: counts.total,
            tail,
            exact_mean: counts.sum_ms.is_some(),
        }
    }

    pub fn pieces(&self) -> &[Piece] {
        &self.pieces
    }

    /// The piece holding x: the last one starting at or below it.
    fn piece_at(&self, x: f64) -> Option<usize> {
        self.pieces
            .partition_point(|p| p.low_ms <= x)
            .checked_sub(1)
    }

    /// P(S <= x).
    pub fn cdf(&self, x: f64) -> f64 {
        match self.piece_at(x) {
            None => 0.0,
            Some(i) => {
                let piece = &self.pieces[i];
                (self.below[i].0 + piece.probability * piece.fraction_below(x)).min(1.0)
            }
        }
    }

    /// E[min(S, x)].
    pub fn partial_mean(&self, x: f64) -> f64 {
        let x = x.max(0.0);
        match self.piece_at(x) {
            None => x,
            Some(i) => {
                let piece = &self.pieces[i];
                let inside = piece.fraction_below(x);
                // The piece's mass below x has mean (low + min(x, high)) / 2.
                let reach = x.min(piece.high_ms);
                let own = piece.probability * inside * (piece.low_ms + reach) / 2.0;
                // Beyond the last piece nothing is above x, exactly: 1 - (a sum of the
                // probabilities) would leave rounding that x multiplies.
                let after = self.below.get(i + 1).map_or(0.0, |b| (1.0 - b.0).max(0.0));
                let above = after + piece.probability * (1.0 - inside);
                self.below[i].1 + own + x * above
            }
        }
    }

    /// The level-p quantile: the least x with P(S <= x) >= p.
    pub fn quantile(&self, p: f64) -> f64 {
        let i = self
            .below
            .partition_point(|&(below, _)| below < p)
            .saturating_sub(1);
        let Some(piece) = self.pieces.get(i) else {
            return 0.0;
        };
        let within = ((p - self.below[i].0) / piece.probability).clamp(0.0, 1.0);
        piece.low_ms + within * (piece.high_ms - piece.low_ms)
    }

    pub fn mean_ms(&self) -> f64 {
        self.moments[0]
    }

    /// One processing time drawn from `stream`, by inverting the CDF.
    #[inline]
    pub fn draw<R: Rng + ?Sized>(&self, stream: &mut R) -> f64 {
        self.quantile(stream.random::<f64>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(bounds: &[f64], cumulative: &[f64], total: f64, sum: Option<f64>) -> BucketCounts {
        BucketCounts {
            bounds_ms: bounds.to_vec(),
            cumulative: cumulative.to_vec(),
            total,
            sum_ms: sum,
        }
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-9 * (1.0 + b.abs())
    }

    #[test]
    fn a_sum_at_the_uniform_mean_keeps_histogram_quantiles() {
        // 10 in (0, 10], 30 in (10, 20], 60 in (20, 40]: uniform mean by hand
        // 0.1 x 5 + 0.3 x 15 + 0.6 x 30 = 23.
        let d = PiecewiseUniform::from_buckets(&counts(
            &[10.0, 20.0, 40.0],
            &[10.0, 40.0, 100.0],
            100.0,
            Some(2300.0),
        ))
        .expect("valid");
        assert!(close(d.mean_ms(), 23.0));
        // histogram_quantile(0.5): rank 50 is 10/60 into (20, 40] -> 20 + 20 x 10 / 60.
        assert!(close(d.quantile(0.5), 20.0 + 20.0 * 10.0 / 60.0));
        assert!(close(d.quantile(0.99), 20.0 + 20.0 * 59.0 / 60.0));
        assert!(close(d.cdf(15.0), 0.1 + 0.3 * 0.5));
        // E[S^2] = sum p (a^2 + ab + b^2) / 3 by hand.
        let m2 = 0.1 * 100.0 / 3.0
            + 0.3 * (100.0 + 200.0 + 400.0) / 3.0
            + 0.6 * (400.0 + 800.0 + 1600.0) / 3.0;
        assert!(close(d.moments[1], m2));
        assert_eq!(d.buckets, 4);
        assert!(d.tail.is_none());
    }

    #[test]
    fn a_lower_sum_squeezes_each_bucket_towards_its_lower_bound() {
        // All 100 in (0, 10] with a mean of 2: uniform over (0, 4].
        let d = PiecewiseUniform::from_buckets(&counts(&[10.0], &[100.0], 100.0, Some(200.0)))
            .expect("valid");
        assert!(close(d.mean_ms(), 2.0));
        assert!(close(d.quantile(0.5), 2.0));
        assert!(close(d.quantile(0.99), 3.96));
        // A higher one, 7.5, squeezes towards the upper bound: uniform over (5, 10].
        let d = PiecewiseUniform::from_buckets(&counts(&[10.0], &[100.0], 100.0, Some(750.0)))
            .expect("valid");
        assert!(close(d.quantile(0.0), 5.0));
        assert!(close(d.mean_ms(), 7.5));
    }

    #[test]
    fn the_tail_reaches_as_far_as_the_sum_puts_it() {
        // 98 uniform in (0, 10] (mean 5), 2 beyond 10; sum 98 x 5 + 2 x 30 = 550.
        let d = PiecewiseUniform::from_buckets(&counts(&[10.0], &[98.0], 100.0, Some(550.0)))
            .expect("valid");
        let tail = d.tail.expect("a tail");
        assert!(close(tail.share, 0.02));
        // Tail mean 30 -> uniform over (10, 50].
        assert!(close(tail.high_ms, 50.0));
        assert!(close(d.mean_ms(), 5.5));
        assert!(close(d.quantile(0.99), 30.0));
    }

    #[test]
    fn a_mean_beyond_the_buckets_is_refused() {
        // Bounds in ms, sum in seconds x 1000 too large: mean 5000 > highest 10.
        let problem = PiecewiseUniform::from_buckets(&counts(&[10.0], &[4.0], 4.0, Some(20000.0)));
        assert!(matches!(
            problem,
            Err(HistogramProblem::MeanOutsideBuckets { .. })
        ));
        let problem =
            PiecewiseUniform::from_buckets(&counts(&[10.0, 20.0], &[0.0, 4.0], 4.0, Some(1.0)));
        assert!(matches!(
            problem,
            Err(HistogramProblem::MeanOutsideBuckets { .. })
        ));
        let empty = PiecewiseUniform::from_buckets(&counts(&[10.0], &[0.0], 0.0, Some(0.0)));
        assert_eq!(empty, Err(HistogramProblem::NoObservations));
    }

    #[test]
    fn partial_mean_integrates_the_survival_function() {
        let d = PiecewiseUniform::from_buckets(&counts(
            &[0.0, 5.0, 20.0, 25.0],
            &[3.0, 10.0, 50.0, 97.0],
            100.0,
            Some(1700.0),
        ))
        .expect("valid");
        // E[min(S, x)] = integral of P(S > t) from 0 to x, by the midpoint rule.
        let mut integral = 0.0;
        let step = 0.001;
        let mut t = step / 2.0;
        for x in [3.0, 12.5, 24.0, 60.0, 400.0] {
            while t < x {
                integral += (1.0 - d.cdf(t)) * step;
                t += step;
            }
            assert!((d.partial_mean(x) - integral).abs() < 1e-3, "x {x}");
        }
        assert!(close(d.partial_mean(1e9), d.mean_ms()));
        assert!(close(d.mean_ms(), 17.0));
    }
}
