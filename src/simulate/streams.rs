//! Seeded randomness: independent streams per run and partition, service times, and the
//! split of a run's messages over partitions.
//!
//! Xoshiro256++ (rand_xoshiro) is fast and has a documented `jump()` that moves 2^128
//! draws ahead, so streams handed out one jump apart never overlap. Every stream is taken
//! in a fixed order from one seed, so the same seed always gives the same draws.

use rand::distr::Uniform;
use rand::{RngExt, SeedableRng};
use rand_distr::{Binomial, Distribution, Exp1};
use rand_xoshiro::Xoshiro256PlusPlus;

use crate::model::service::ServiceTime;

/// The generator every simulated draw comes from.
pub type Stream = Xoshiro256PlusPlus;

/// Hands out non-overlapping streams from one seed.
#[derive(Debug, Clone)]
pub struct Streams {
    next: Stream,
}

impl Streams {
    pub fn new(seed: u64) -> Streams {
        Streams {
            next: Stream::seed_from_u64(seed),
        }
    }

    /// The next stream: 2^128 draws past the previous one.
    pub fn take(&mut self) -> Stream {
        let stream = self.next.clone();
        self.next.jump();
        stream
    }
}

/// Where processing times come from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ServiceTimes<'a> {
    /// Bootstrap: each message takes one of the measured samples (ms), drawn uniformly
    /// with replacement.
    Samples(&'a [f64]),
    /// No samples: exponential with this mean (ms).
    Exponential { mean_ms: f64 },
    /// No samples: the shape the planner assumes for the request's summary.
    Shape(ServiceTime<'a>),
}

/// Draws processing times (ms).
#[derive(Debug, Clone)]
pub enum ServiceSampler<'a> {
    Samples(&'a [f64], Uniform<usize>),
    /// The mean (ms) of an exponential.
    Exponential(f64),
    Shape(ServiceTime<'a>),
    /// No samples at all: processing is free (the loader never lets this through).
    Zero,
}

impl<'a> ServiceSampler<'a> {
    pub fn new(times: ServiceTimes<'a>) -> ServiceSampler<'a> {
        match times {
            ServiceTimes::Samples(samples) => match Uniform::new(0, samples.len()) {
                Ok(index) => ServiceSampler::Samples(samples, index),
                Err(_) => ServiceSampler::Zero,
            },
            ServiceTimes::Exponential { mean_ms } => ServiceSampler::Exponential(mean_ms),
            ServiceTimes::Shape(time) => ServiceSampler::Shape(time),
        }
    }

    #[inline]
    pub fn draw(&self, stream: &mut Stream) -> f64 {
        match self {
            ServiceSampler::Samples(samples, index) => samples[index.sample(stream)],
            ServiceSampler::Exponential(mean_ms) => {
                let unit: f64 = stream.sample(Exp1);
                unit * mean_ms
            }
            ServiceSampler::Shape(time) => time.draw(stream),
            ServiceSampler::Zero => 0.0,
        }
    }
}

/// Splits `messages` over partitions in proportion to `weights`: a multinomial draw, as
/// independent per-message choices would give, made as one binomial per partition.
pub fn split(messages: u64, weights: &[u64], stream: &mut Stream) -> Vec<u64> {
    let mut weight_left: u64 = weights.iter().sum();
    let mut left = messages;
    let mut counts = Vec::with_capacity(weights.len());
    for &weight in weights {
        // Integer weights make the last weighted partition's probability exactly 1, so
        // every message lands somewhere.
        let p = if weight_left == 0 {
            0.0
        } else {
            weight as f64 / weight_left as f64
        };
        let n = Binomial::new(left, p.clamp(0.0, 1.0)).map_or(0, |b| b.sample(stream));
        counts.push(n);
        left -= n;
        weight_left -= weight;
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_streams() {
        let (mut a, mut b) = (Streams::new(7), Streams::new(7));
        let draw = |s: &mut Stream| -> f64 { s.sample(Exp1) };
        for _ in 0..3 {
            let (mut x, mut y) = (a.take(), b.take());
            assert_eq!(draw(&mut x).to_bits(), draw(&mut y).to_bits());
        }
        let mut other = Streams::new(8).take();
        let mut first = Streams::new(7).take();
        assert_ne!(draw(&mut other), draw(&mut first));
    }

    #[test]
    fn a_split_places_every_message_by_weight() {
        let mut stream = Streams::new(1).take();
        let counts = split(1_000_000, &[1, 0, 3], &mut stream);
        assert_eq!(counts.iter().sum::<u64>(), 1_000_000);
        assert_eq!(counts[1], 0);
        // Binomial(10^6, 1/4): standard deviation 433; 5 sigma is about 2,200.
        assert!((counts[0] as f64 - 250_000.0).abs() < 2_200.0, "{counts:?}");
    }

    #[test]
    fn bootstrap_draws_only_measured_values() {
        let samples = [3.0, 5.0, 11.0];
        let sampler = ServiceSampler::new(ServiceTimes::Samples(&samples));
        let mut stream = Streams::new(3).take();
        let mut seen = [false; 3];
        for _ in 0..1000 {
            let x = sampler.draw(&mut stream);
            let i = samples
                .iter()
                .position(|&s| s == x)
                .expect("a sample value");
            seen[i] = true;
        }
        assert_eq!(seen, [true; 3]);
    }
}
