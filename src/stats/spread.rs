//! The spread of runs of samples joined in order, so a reader that does not keep its
//! samples still has their standard deviation to full precision: each run's Σ(x - mean)²
//! is taken while the run is in cache, around the run's own mean, and runs are joined
//! by Chan, Golub and LeVeque's update (1979), which adds no cancellation of its own.

use super::large::deviations_of;

/// Count, mean and Σ(x - mean)² of a run of samples.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spread {
    pub count: u64,
    pub mean: f64,
    pub squared_deviations: f64,
}

impl Spread {
    pub const EMPTY: Spread = Spread {
        count: 0,
        mean: 0.0,
        squared_deviations: 0.0,
    };

    /// The spread of `run`, whose sum is `sum` (known from its parse).
    pub fn of(run: &[f64], sum: f64) -> Spread {
        if run.is_empty() {
            return Spread::EMPTY;
        }
        let mean = sum / run.len() as f64;
        Spread {
            count: run.len() as u64,
            mean,
            squared_deviations: deviations_of(run, mean),
        }
    }

    /// Joins the spread of the run that follows this one.
    pub fn then(&mut self, later: &Spread) {
        if later.count == 0 {
            return;
        }
        if self.count == 0 {
            *self = *later;
            return;
        }
        let (a, b) = (self.count as f64, later.count as f64);
        let all = a + b;
        let shift = later.mean - self.mean;
        self.mean += shift * (b / all);
        self.squared_deviations += later.squared_deviations + shift * shift * (a * b / all);
        self.count += later.count;
    }

    /// The sample standard deviation (n - 1).
    pub fn stddev(&self) -> f64 {
        (self.squared_deviations / (self.count as f64 - 1.0)).sqrt()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runs_joined(runs: &[&[f64]]) -> Spread {
        let mut all = Spread::EMPTY;
        for run in runs {
            all.then(&Spread::of(run, run.iter().sum()));
        }
        all
    }

    /// Against the textbook two-pass formula over all the samples, written out here.
    #[test]
    fn joined_runs_have_the_spread_of_all_their_samples() {
        let samples: Vec<f64> = (0..10_000)
            .map(|i| f64::from(i % 97) * 0.37 + f64::from(i / 1000))
            .collect();
        let n = samples.len() as f64;
        let mean = samples.iter().sum::<f64>() / n;
        let by_hand: f64 = samples.iter().map(|x| (x - mean) * (x - mean)).sum();
        let (a, rest) = samples.split_at(1);
        let (b, c) = rest.split_at(6_000);
        let joined = runs_joined(&[a, &[], b, c]);
        assert_eq!(joined.count, 10_000);
        assert!((joined.mean - mean).abs() < 1e-12 * mean);
        assert!((joined.squared_deviations - by_hand).abs() < 1e-12 * by_hand);
        let stddev = (by_hand / (n - 1.0)).sqrt();
        assert!((joined.stddev() - stddev).abs() < 1e-12 * stddev);
    }

    /// A large mean and a small spread, where Σx² - (Σx)²/n would keep no digit: the
    /// values 1e9 + k/4 for k = 0..4 have Σ(x - mean)² = 5/16 exactly.
    #[test]
    fn a_large_mean_keeps_the_small_spread() {
        let values: Vec<f64> = (0..4).map(|k| 1e9 + f64::from(k) / 4.0).collect();
        let joined = runs_joined(&[&values[..1], &values[1..3], &values[3..]]);
        assert!((joined.squared_deviations - 5.0 / 16.0).abs() < 1e-12);
        assert_eq!(joined.mean, 1e9 + 0.375);
    }
}
