//! The service-time distribution S that every prediction uses (PRODUCT.md, "The model"):
//! the measured samples' empirical distribution; an exponential for `{ mean }`; the
//! lognormal through `{ mean, p99 }`; and beyond a lognormal's reach (p99 / mean above
//! e^(z^2 / 2), about 14.9) a two-part mixture: 99% of messages exponential and fast, 1%
//! taking the p99 itself; and a latency histogram's piecewise-uniform distribution
//! (`histogram`).

use rand::{Rng, RngExt};
use rand_distr::{Exp1, StandardNormal};
use statrs::function::erf::erfc;

use super::histogram::{PiecewiseUniform, Tail};

/// z of the 99th percentile of the standard normal.
pub const Z_99: f64 = 2.326_347_874_040_841;
/// The share of messages in the slow part of a two-part mixture: exactly the 1% above
/// the p99, so the mixture's p99 is the given one.
pub const MIXTURE_SLOW_SHARE: f64 = 0.01;
/// The largest p99 / mean any distribution has: by Markov's inequality at least 1% of
/// messages at or above the p99 carry at least p99 / 100 of the mean.
pub const MAX_P99_OVER_MEAN: f64 = 100.0;

/// Which shape was assumed, with its parameters (ms), for the report.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ServiceShape {
    /// The measured samples, each equally likely.
    Empirical { samples: u64 },
    /// A latency histogram: uniform within each bucket (`histogram`).
    Histogram {
        buckets: u64,
        /// Whether the mean is the histogram's `_sum / _count`.
        exact_mean: bool,
        /// The observations beyond the last finite bound, when there are any.
        tail: Option<Tail>,
    },
    /// `{ mean }` alone.
    Exponential { mean_ms: f64 },
    /// `{ mean, p99 }` with p99 = mean: every message takes the mean.
    Fixed { mean_ms: f64 },
    /// `{ mean, p99 }` within a lognormal's reach; sigma is of ln S.
    Lognormal {
        mean_ms: f64,
        p99_ms: f64,
        sigma: f64,
    },
    /// `{ mean, p99 }` beyond a lognormal's reach.
    Mixture {
        fast_mean_ms: f64,
        slow_ms: f64,
        slow_share: f64,
    },
}

/// The distribution of one message's processing time, in ms.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ServiceTime<'a> {
    kind: Kind<'a>,
    /// E[S], E[S^2], E[S^3].
    pub moments: [f64; 3],
    pub p99_ms: f64,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind<'a> {
    Empirical(&'a [f64]),
    /// Samples known by their count and moments alone (a batch plan, whose model needs
    /// no more): never drawn from, as the models that draw keep every sample.
    Summarised {
        samples: u64,
    },
    Piecewise(&'a PiecewiseUniform),
    Exponential {
        mean: f64,
    },
    Fixed {
        value: f64,
    },
    Lognormal {
        mu: f64,
        sigma: f64,
    },
    Mixture {
        fast_mean: f64,
        slow: f64,
        slow_share: f64,
    },
}

/// Standard normal CDF.
pub fn normal_cdf(z: f64) -> f64 {
    0.5 * erfc(-z / std::f64::consts::SQRT_2)
}

impl<'a> ServiceTime<'a> {
    /// The empirical distribution of `samples` (ms, at least one) with their p99.
    pub fn empirical(samples: &'a [f64], p99_ms: f64) -> ServiceTime<'a> {
        let n = samples.len().max(1) as f64;
        let mut sums = [0.0; 3];
        for &x in samples {
            sums[0] += x;
            sums[1] += x * x;
            sums[2] += x * x * x;
        }
        ServiceTime::empirical_with(samples, p99_ms, sums.map(|s| s / n))
    }

    /// The same with the samples' E[S], E[S^2], E[S^3] already known.
    pub fn empirical_with(samples: &'a [f64], p99_ms: f64, moments: [f64; 3]) -> ServiceTime<'a> {
        ServiceTime {
            kind: Kind::Empirical(samples),
            moments,
            p99_ms,
        }
    }

    /// The empirical distribution of `samples` samples (ms) known by their p99 and
    /// E[S], E[S^2], E[S^3] alone.
    pub fn summarised(samples: u64, p99_ms: f64, moments: [f64; 3]) -> ServiceTime<'static> {
        ServiceTime {
            kind: Kind::Summarised { samples },
            moments,
            p99_ms,
        }
    }

    /// A latency histogram's distribution.
    pub fn histogram(distribution: &'a PiecewiseUniform) -> ServiceTime<'a> {
        ServiceTime {
            kind: Kind::Piecewise(distribution),
            moments: distribution.moments,
            p99_ms: distribution.quantile(0.99),
        }
    }

    pub fn exponential(mean_ms: f64) -> ServiceTime<'static> {
        let m = mean_ms;
        ServiceTime {
            kind: Kind::Exponential { mean: m },
            moments: [m, 2.0 * m * m, 6.0 * m * m * m],
            p99_ms: m * 100f64.ln(),
        }
    }

    /// Every message takes `value_ms`.
    pub fn fixed(value_ms: f64) -> ServiceTime<'static> {
        let v = value_ms;
        ServiceTime {
            kind: Kind::Fixed { value: v },
            moments: [v, v * v, v * v * v],
            p99_ms: v,
        }
    }

    /// The shape PRODUCT.md assigns to a summary: exponential without a p99, else the
    /// lognormal or, beyond its reach, the mixture with that mean and p99. A p99 outside
    /// mean..=100 x mean (refused when reading the request) is clamped into it.
    pub fn from_summary(mean_ms: f64, p99_ms: Option<f64>) -> ServiceTime<'static> {
        let Some(p99) = p99_ms else {
            return ServiceTime::exponential(mean_ms);
        };
        let m = mean_ms;
        let ratio = (p99 / m).clamp(1.0, MAX_P99_OVER_MEAN);
        let p99 = ratio * m;
        let discriminant = Z_99 * Z_99 - 2.0 * ratio.ln();
        if ratio <= 1.0 + 1e-12 {
            return ServiceTime::fixed(m);
        }
        if discriminant >= 0.0 {
            // ln(p99 / mean) = z sigma - sigma^2 / 2: the smaller root.
            let sigma = Z_99 - discriminant.sqrt();
            let mu = m.ln() - sigma * sigma / 2.0;
            let moment = |k: f64| (k * mu + k * k * sigma * sigma / 2.0).exp();
            return ServiceTime {
                kind: Kind::Lognormal { mu, sigma },
                moments: [m, moment(2.0), moment(3.0)],
                p99_ms: p99,
            };
        }
        let q = MIXTURE_SLOW_SHARE;
        let fast = ((m - q * p99) / (1.0 - q)).max(0.0);
        ServiceTime {
            kind: Kind::Mixture {
                fast_mean: fast,
                slow: p99,
                slow_share: q,
            },
            moments: [
                m,
                (1.0 - q) * 2.0 * fast * fast + q * p99 * p99,
                (1.0 - q) * 6.0 * fast.powi(3) + q * p99.powi(3),
            ],
            p99_ms: p99,
        }
    }

    /// Every processing time x `k`; `None` for an empirical distribution or a
    /// histogram, which are borrowed.
    pub fn scaled(&self, k: f64) -> Option<ServiceTime<'a>> {
        let kind = match self.kind {
            Kind::Empirical(_) | Kind::Summarised { .. } | Kind::Piecewise(_) => return None,
            Kind::Exponential { mean } => Kind::Exponential { mean: mean * k },
            Kind::Fixed { value } => Kind::Fixed { value: value * k },
            Kind::Lognormal { mu, sigma } => Kind::Lognormal {
                mu: mu + k.ln(),
                sigma,
            },
            Kind::Mixture {
                fast_mean,
                slow,
                slow_share,
            } => Kind::Mixture {
                fast_mean: fast_mean * k,
                slow: slow * k,
                slow_share,
            },
        };
        let [m1, m2, m3] = self.moments;
        Some(ServiceTime {
            kind,
            moments: [m1 * k, m2 * k * k, m3 * k * k * k],
            p99_ms: self.p99_ms * k,
        })
    }

    pub fn mean_ms(&self) -> f64 {
        self.moments[0]
    }

    /// Var[S], never negative.
    pub fn variance(&self) -> f64 {
        (self.moments[1] - self.moments[0].powi(2)).max(0.0)
    }

    /// E[(S - E S)^3].
    pub fn third_central_moment(&self) -> f64 {
        let [m1, m2, m3] = self.moments;
        m3 - 3.0 * m1 * m2 + 2.0 * m1.powi(3)
    }

    pub fn shape(&self) -> ServiceShape {
        match self.kind {
            Kind::Empirical(samples) => ServiceShape::Empirical {
                samples: samples.len() as u64,
            },
            Kind::Summarised { samples } => ServiceShape::Empirical { samples },
            Kind::Piecewise(d) => ServiceShape::Histogram {
                buckets: d.buckets as u64,
                exact_mean: d.exact_mean,
                tail: d.tail,
            },
            Kind::Exponential { mean } => ServiceShape::Exponential { mean_ms: mean },
            Kind::Fixed { value } => ServiceShape::Fixed { mean_ms: value },
            Kind::Lognormal { sigma, .. } => ServiceShape::Lognormal {
                mean_ms: self.mean_ms(),
                p99_ms: self.p99_ms,
                sigma,
            },
            Kind::Mixture {
                fast_mean,
                slow,
                slow_share,
            } => ServiceShape::Mixture {
                fast_mean_ms: fast_mean,
                slow_ms: slow,
                slow_share,
            },
        }
    }

    /// The samples, for an empirical distribution.
    pub fn samples(&self) -> Option<&'a [f64]> {
        match self.kind {
            Kind::Empirical(samples) => Some(samples),
            _ => None,
        }
    }

    /// P(S <= x); `None` for an empirical distribution, which is binned instead.
    pub fn cdf(&self, x: f64) -> Option<f64> {
        if x < 0.0 {
            return Some(0.0);
        }
        Some(match self.kind {
            Kind::Empirical(_) | Kind::Summarised { .. } => return None,
            Kind::Piecewise(d) => d.cdf(x),
            Kind::Exponential { mean } => -(-x / mean).exp_m1(),
            Kind::Fixed { value } => f64::from(u8::from(x >= value)),
            Kind::Lognormal { mu, sigma } if x > 0.0 => normal_cdf((x.ln() - mu) / sigma),
            Kind::Lognormal { .. } => 0.0,
            Kind::Mixture {
                fast_mean,
                slow,
                slow_share,
            } => {
                let fast = if fast_mean > 0.0 {
                    -(-x / fast_mean).exp_m1()
                } else {
                    1.0
                };
                (1.0 - slow_share) * fast + slow_share * f64::from(u8::from(x >= slow))
            }
        })
    }

    /// E[min(S, x)], whose derivative is P(S > x): the residual (equilibrium) service
    /// time has CDF E[min(S, x)] / E[S]. `None` for an empirical distribution.
    pub fn partial_mean(&self, x: f64) -> Option<f64> {
        let x = x.max(0.0);
        Some(match self.kind {
            Kind::Empirical(_) | Kind::Summarised { .. } => return None,
            Kind::Piecewise(d) => d.partial_mean(x),
            Kind::Exponential { mean } => -mean * (-x / mean).exp_m1(),
            Kind::Fixed { value } => value.min(x),
            Kind::Lognormal { .. } if x == 0.0 => 0.0,
            Kind::Lognormal { .. } => return self.cdf_and_partial_mean(x).map(|(_, p)| p),
            Kind::Mixture {
                fast_mean,
                slow,
                slow_share,
            } => {
                let fast = -fast_mean * (-x / fast_mean.max(f64::MIN_POSITIVE)).exp_m1();
                (1.0 - slow_share) * fast + slow_share * slow.min(x)
            }
        })
    }

    /// P(S <= x) and E[min(S, x)] together: for a lognormal both come from one normal
    /// CDF evaluation. `None` for an empirical distribution.
    pub fn cdf_and_partial_mean(&self, x: f64) -> Option<(f64, f64)> {
        match self.kind {
            Kind::Lognormal { mu, sigma } if x > 0.0 => {
                let z = (x.ln() - mu) / sigma;
                let below = normal_cdf(z);
                let partial = self.mean_ms() * normal_cdf(z - sigma) + x * (1.0 - below);
                Some((below, partial))
            }
            _ => Some((self.cdf(x)?, self.partial_mean(x)?)),
        }
    }

    /// One processing time drawn from `stream`.
    #[inline]
    pub fn draw<R: Rng + ?Sized>(&self, stream: &mut R) -> f64 {
        match self.kind {
            Kind::Empirical(samples) => {
                let i = stream.random_range(0..samples.len().max(1));
                samples.get(i).copied().unwrap_or(0.0)
            }
            Kind::Summarised { .. } => {
                debug_assert!(false, "a simulation draws from kept samples");
                self.moments[0]
            }
            Kind::Piecewise(d) => d.draw(stream),
            Kind::Exponential { mean } => mean * stream.sample::<f64, _>(Exp1),
            Kind::Fixed { value } => value,
            Kind::Lognormal { mu, sigma } => {
                (mu + sigma * stream.sample::<f64, _>(StandardNormal)).exp()
            }
            Kind::Mixture {
                fast_mean,
                slow,
                slow_share,
            } => {
                if stream.random::<f64>() < slow_share {
                    slow
                } else {
                    fast_mean * stream.sample::<f64, _>(Exp1)
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lognormal_summary_has_that_mean_and_p99() {
        let s = ServiceTime::from_summary(10.0, Some(60.0));
        let ServiceShape::Lognormal { sigma, .. } = s.shape() else {
            panic!("{:?}", s.shape());
        };
        // Independently: mu = ln 10 - sigma^2 / 2, and the p99 is e^(mu + z sigma).
        let mu = 10f64.ln() - sigma * sigma / 2.0;
        assert!(((mu + Z_99 * sigma).exp() - 60.0).abs() < 1e-9);
        assert!((s.cdf(60.0).unwrap_or(0.0) - 0.99).abs() < 1e-9);
        assert!((s.moments[1] - (2.0 * mu + 2.0 * sigma * sigma).exp()).abs() < 1e-6);
    }

    #[test]
    fn beyond_a_lognormals_reach_the_mixture_keeps_mean_and_p99() {
        // p99 / mean = 40 > e^(z^2 / 2) = 14.9.
        let s = ServiceTime::from_summary(5.0, Some(200.0));
        let ServiceShape::Mixture {
            fast_mean_ms,
            slow_ms,
            slow_share,
        } = s.shape()
        else {
            panic!("{:?}", s.shape());
        };
        assert_eq!((slow_ms, slow_share), (200.0, 0.01));
        assert!((0.99 * fast_mean_ms + 0.01 * 200.0 - 5.0).abs() < 1e-12);
        // Just below the p99 at most 99% are done; at it, at least 99%.
        assert!(s.cdf(199.999).unwrap_or(1.0) <= 0.99);
        assert!(s.cdf(200.0).unwrap_or(0.0) >= 0.99);
    }

    #[test]
    fn partial_mean_tends_to_the_mean() {
        for s in [
            ServiceTime::exponential(7.0),
            ServiceTime::from_summary(7.0, Some(30.0)),
            ServiceTime::from_summary(7.0, Some(300.0)),
        ] {
            let far = s.partial_mean(1e9).unwrap_or(0.0);
            assert!((far - 7.0).abs() < 1e-6, "{:?} {far}", s.shape());
            assert_eq!(s.partial_mean(0.0), Some(0.0));
        }
    }
}
