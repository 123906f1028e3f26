//! Batch drain time (PRODUCT.md, "batch deadline"): a run ends when the slowest
//! partition has drained. A partition holding n messages drains in the sum of n service
//! times shared by its c threads.
//!
//! The sum's distribution is taken as the translated gamma with its exact mean, variance
//! and skewness (n E[S] / c, n Var[S] / c^2, skew(S) / sqrt(n)), whose quantiles follow
//! in closed form from Wilson and Hilferty's cube-root normal approximation (Bowers et
//! al., Actuarial Mathematics, 13.4; Johnson, Kotz and Balakrishnan, 17.5). It is the
//! central limit theorem's normal with the first correction for a skewed processing
//! time, and exact in the limit of many messages. The slowest of P partitions is below
//! x with probability prod_i F_i(x): for an even spread, the slowest partition's q
//! quantile is one partition's q^(1/P) quantile.

use statrs::function::erf::erfc_inv;

use super::service::{ServiceTime, normal_cdf};

/// The slowest partition's drain time at two levels, in minutes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DrainMinutes {
    pub p50: f64,
    pub p95: f64,
}

/// Standard normal quantile.
fn normal_quantile(p: f64) -> f64 {
    -std::f64::consts::SQRT_2 * erfc_inv(2.0 * p)
}

/// One partition's drain time: mean, standard deviation and skewness of the sum, ms.
#[derive(Debug, Clone, Copy)]
struct PartitionDrain {
    mean: f64,
    sd: f64,
    skew: f64,
}

/// Below this skewness the sum is normal to within rounding.
const NORMAL_SKEW: f64 = 1e-6;

impl PartitionDrain {
    fn new(service: &ServiceTime, messages: f64, workers: u32) -> PartitionDrain {
        let c = f64::from(workers.max(1));
        let variance = service.variance();
        let skew = if variance > 0.0 && messages > 0.0 {
            service.third_central_moment() / variance.powf(1.5) / messages.sqrt()
        } else {
            0.0
        };
        PartitionDrain {
            mean: messages * service.mean_ms() / c,
            sd: (messages * variance).sqrt() / c,
            skew,
        }
    }

    /// The level-`p` quantile, ms.
    fn quantile(&self, p: f64) -> f64 {
        let z = normal_quantile(p);
        let g = self.skew;
        if g.abs() < NORMAL_SKEW {
            return (self.mean + z * self.sd).max(0.0);
        }
        let scale = 2.0 * self.sd / g;
        let base = (1.0 - g * g / 36.0 + z * g / 6.0).max(0.0);
        (self.mean - scale + scale * base.powi(3)).max(0.0)
    }

    /// P(drain <= x_ms).
    fn cdf(&self, x_ms: f64) -> f64 {
        if self.sd == 0.0 {
            return f64::from(u8::from(x_ms >= self.mean));
        }
        let g = self.skew;
        if g.abs() < NORMAL_SKEW {
            return normal_cdf((x_ms - self.mean) / self.sd);
        }
        let scale = 2.0 * self.sd / g;
        let u = (x_ms - self.mean + scale) / scale;
        if u < 0.0 {
            // Beyond the translated gamma's end: below it (g > 0) or above it (g < 0).
            return if g > 0.0 { 0.0 } else { 1.0 };
        }
        normal_cdf((u.cbrt() - 1.0 + g * g / 36.0) * 6.0 / g)
    }
}

/// How a run's messages lie on the partitions.
#[derive(Debug, Clone, PartialEq)]
pub enum Spread {
    /// `total` over `partitions` evenly (N / P each, a real number): no list of P
    /// entries, since a search may try a billion partitions.
    Even { total: f64, partitions: u64 },
    /// Messages on each partition.
    Each(Vec<f64>),
}

/// The slowest partition's level-`p` drain time in ms.
pub fn slowest_drain_ms(service: &ServiceTime, spread: &Spread, workers: u32, p: f64) -> f64 {
    match spread {
        Spread::Even { total, partitions } => {
            let count = (*partitions).max(1) as f64;
            PartitionDrain::new(service, total / count, workers).quantile(p.powf(1.0 / count))
        }
        Spread::Each(messages) => slowest_of_each_ms(service, messages, workers, p),
    }
}

/// The slowest partition's level-`p` drain time in ms, with `messages[i]` on partition i.
fn slowest_of_each_ms(service: &ServiceTime, messages: &[f64], workers: u32, p: f64) -> f64 {
    let drains: Vec<PartitionDrain> = messages
        .iter()
        .map(|&n| PartitionDrain::new(service, n, workers))
        .collect();
    let Some(first) = drains.first() else {
        return 0.0;
    };
    if messages.iter().all(|&n| n == messages[0]) {
        return first.quantile(p.powf(1.0 / messages.len() as f64));
    }
    // Uneven: bisect on x for prod_i F_i(x) = p, between the largest partition's p and
    // p^(1/P) quantiles, which bracket it.
    let largest = drains
        .iter()
        .max_by(|a, b| a.mean.total_cmp(&b.mean))
        .unwrap_or(first);
    let (mut lo, mut hi) = (
        largest.quantile(p),
        largest.quantile(p.powf(1.0 / drains.len() as f64)),
    );
    for _ in 0..100 {
        let mid = (lo + hi) / 2.0;
        let all_done: f64 = drains.iter().map(|d| d.cdf(mid)).product();
        if all_done >= p {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    hi
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fixed_processing_time_drains_exactly() {
        // 1,000 messages of 10 ms on two threads: 5 s, whatever the level.
        let s = ServiceTime::fixed(10.0);
        let spread = Spread::Even {
            total: 3000.0,
            partitions: 3,
        };
        assert_eq!(slowest_drain_ms(&s, &spread, 2, 0.95), 5000.0);
    }

    #[test]
    fn many_exponential_messages_drain_as_the_normal_says() {
        // 10^6 exponential 1 ms messages on one partition: mean 1,000 s, sd 1 s; skew
        // 2 / 1000 moves the p95 by about (z^2 - 1) skew / 6 sd = 0.6 ms.
        let s = ServiceTime::exponential(1.0);
        let p95 = slowest_drain_ms(&s, &Spread::Each(vec![1e6]), 1, 0.95);
        assert!((p95 - (1e6 + 1.644_853_6 * 1000.0)).abs() < 1.0, "{p95}");
    }

    #[test]
    fn the_uneven_bisection_agrees_with_the_even_closed_form() {
        let s = ServiceTime::from_summary(10.0, Some(60.0));
        let even = Spread::Even {
            total: 40_000.0,
            partitions: 4,
        };
        let even_p95 = slowest_drain_ms(&s, &even, 1, 0.95);
        let nearly = vec![10_000.0, 10_000.0, 10_000.0, 10_000.000_001];
        let bisected = slowest_drain_ms(&s, &Spread::Each(nearly), 1, 0.95);
        assert!((even_p95 - bisected).abs() < 1e-3 * even_p95);
    }
}
