//! The p99 sojourn time (wait + service) of an M/G/1 queue, computed numerically with a
//! bound on its error.
//!
//! Pollaczek-Khinchine (Benes's form): the FCFS wait is W = R_1 + ... + R_N, with N
//! geometric, P(N = k) = (1 - rho) rho^k, and the R_i independent residual service times,
//! P(R <= x) = E[min(S, x)] / E[S]. The sojourn is W + S with S independent of W.
//!
//! On a lattice of step h, rounding every R_i and S down gives a sojourn that is never
//! longer, and rounding up one that is never shorter, for the same N and so the same
//! rho: their 99th percentiles bracket the exact one. Each is computed with a real FFT
//! (the compound geometric's transform is (1 - rho) / (1 - rho R(w))), exponentially
//! tilted so that sums running past the lattice's end cannot wrap onto it (Grubel and
//! Hermesmeier, 1999). The step halves until the bracket is narrower than `GAP`, and the
//! midpoint is reported: within GAP / 2 of the exact value.

use std::cell::RefCell;
use std::sync::Arc;

use realfft::num_complex::Complex;
use realfft::{ComplexToReal, RealFftPlanner, RealToComplex};

use super::service::ServiceTime;

/// The quantile computed.
const LEVEL: f64 = 0.99;
/// The widest relative bracket accepted: the midpoint is then within 0.75%.
pub const GAP: f64 = 0.015;
/// Weight left on mass that wraps past the lattice's end.
const ALIAS: f64 = 1e-8;
/// A quantile must fall in this share of the lattice, where untilting stays precise.
const USABLE: f64 = 0.8;
/// The largest lattice; past it the upper bound is reported as it is.
const MAX_POINTS: usize = 1 << 21;
const MIN_POINTS: usize = 256;

/// The 99th percentile sojourn time lies between these two (ms).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bracket {
    pub low_ms: f64,
    pub high_ms: f64,
}

impl Bracket {
    pub fn midpoint_ms(&self) -> f64 {
        (self.low_ms + self.high_ms) / 2.0
    }
}

/// One lattice: the tilted spectra of S and R rounded down and up.
struct Lattice {
    step_ms: f64,
    points: usize,
    /// Tilt per step.
    theta: f64,
    residual: [Vec<Complex<f64>>; 2],
    service: [Vec<Complex<f64>>; 2],
}

impl Lattice {
    fn range_ms(&self) -> f64 {
        self.step_ms * self.points as f64
    }
}

/// The M/G/1 queue of one service distribution, at any arrival rate; lattices are kept
/// between calls, since they do not depend on the rate.
pub struct Mg1<'s> {
    service: ServiceTime<'s>,
    lattice: Option<Lattice>,
}

thread_local! {
    /// FFT plans (twiddle tables) by length, shared by every queue of the thread: a
    /// plan costs as much as several transforms, and `check` plans thousands of topics.
    static PLANNER: RefCell<RealFftPlanner<f64>> = RefCell::new(RealFftPlanner::new());
}

fn forward(points: usize) -> Arc<dyn RealToComplex<f64>> {
    PLANNER.with(|p| p.borrow_mut().plan_fft_forward(points))
}

fn inverse(points: usize) -> Arc<dyn ComplexToReal<f64>> {
    PLANNER.with(|p| p.borrow_mut().plan_fft_inverse(points))
}

enum Outcome {
    /// The quantile lies past the usable part of the lattice.
    Short,
    Found(Bracket),
}

impl<'s> Mg1<'s> {
    pub fn new(service: ServiceTime<'s>) -> Mg1<'s> {
        Mg1 {
            service,
            lattice: None,
        }
    }

    /// The mean sojourn time at utilisation `rho` (Pollaczek-Khinchine).
    pub fn mean_sojourn_ms(&self, rho: f64) -> f64 {
        let [m, m2, _] = self.service.moments;
        rho * m2 / (2.0 * m * (1.0 - rho)) + m
    }

    /// An upper bound on the p99 sojourn time from its first two moments (Cantelli's
    /// inequality: P(T >= E T + k sd) <= 1 / (1 + k^2), so k = sqrt(99)); the wait's
    /// second moment is Takacs's, 2 E[W]^2 + lambda E[S^3] / (3 (1 - rho)). Loose, but
    /// free: an objective it already meets needs no lattice.
    pub fn p99_sojourn_bound(&self, rho: f64) -> f64 {
        if rho >= 1.0 || rho.is_nan() {
            return f64::INFINITY;
        }
        let [m, m2, m3] = self.service.moments;
        let lambda = rho / m;
        let wait = lambda * m2 / (2.0 * (1.0 - rho));
        let wait2 = 2.0 * wait * wait + lambda * m3 / (3.0 * (1.0 - rho));
        let mean = wait + m;
        let second = wait2 + 2.0 * wait * m + m2;
        let sd = (second - mean * mean).max(0.0).sqrt();
        mean + 99f64.sqrt() * sd
    }

    /// The bracket on the p99 sojourn time at utilisation `rho` = lambda E[S]; `None`
    /// when rho >= 1 and the queue grows without bound.
    pub fn p99_sojourn(&mut self, rho: f64) -> Option<Bracket> {
        if rho >= 1.0 || rho.is_nan() {
            return None;
        }
        let rho = rho.max(0.0);
        let (mut step_ms, mut points) = self.first_lattice(rho);
        loop {
            self.keep_lattice(step_ms, points);
            let Some(lattice) = &self.lattice else {
                return None;
            };
            let (step, len) = (lattice.step_ms, lattice.points);
            match evaluate(lattice, rho) {
                Outcome::Short if len < MAX_POINTS => points = len * 2,
                Outcome::Found(b) if b.high_ms - b.low_ms > GAP * b.low_ms && len < MAX_POINTS => {
                    (step_ms, points) = (step / 2.0, len * 2);
                }
                Outcome::Found(b) => return Some(b),
                // The usable range cannot grow further: nothing is known above it.
                Outcome::Short => {
                    let range = lattice_range(step, len);
                    return Some(Bracket {
                        low_ms: range,
                        high_ms: f64::INFINITY,
                    });
                }
            }
        }
    }

    /// A first lattice from a rough estimate of the answer: the wait's tail taken as
    /// exponential (too short for heavy tails; the range then doubles).
    fn first_lattice(&self, rho: f64) -> (f64, usize) {
        let [m, m2, _] = self.service.moments;
        let residual_mean = m2 / (2.0 * m);
        let mean_wait = rho * residual_mean / (1.0 - rho);
        let wait = if rho > 0.01 {
            mean_wait / rho * (100.0 * rho).ln()
        } else {
            0.0
        };
        let estimate = (self.service.p99_ms + wait).max(m);
        // Each residual and the service can be off by a step: about wait / E[R] + 2.
        let terms = 2.0 + wait / residual_mean;
        // A power of two (in ms), so that nearby rates share a lattice.
        let step = (GAP / 2.0 * estimate / terms).log2().floor().exp2();
        let points = ((2.0 * estimate / step) as usize)
            .next_power_of_two()
            .clamp(MIN_POINTS, MAX_POINTS);
        (step, points)
    }

    /// Keeps the kept lattice when it is at least as fine and as long, else a new one.
    fn keep_lattice(&mut self, step_ms: f64, points: usize) {
        let reuse = self.lattice.as_ref().is_some_and(|l| {
            l.step_ms <= step_ms * (1.0 + 1e-12) && l.range_ms() >= step_ms * points as f64
        });
        if !reuse {
            self.lattice = Some(build(&self.service, step_ms, points, &forward(points)));
        }
    }
}

fn lattice_range(step_ms: f64, points: usize) -> f64 {
    step_ms * points as f64 * USABLE
}

/// Probability masses of S and R on the lattice, rounded down ([0]) and up ([1]).
fn masses(service: &ServiceTime, step: f64, points: usize) -> ([Vec<f64>; 2], [Vec<f64>; 2]) {
    let mean = service.mean_ms();
    let (cdf, partial): (Vec<f64>, Vec<f64>) = match service.samples() {
        Some(samples) => binned(samples, step, points),
        None => (0..=points)
            .map(|j| {
                service
                    .cdf_and_partial_mean(j as f64 * step)
                    .unwrap_or((1.0, mean))
            })
            .unzip(),
    };
    let residual_cdf: Vec<f64> = partial.iter().map(|p| p / mean).collect();
    (rounded(&cdf, true), rounded(&residual_cdf, false))
}

/// Masses from a CDF at the lattice points: the mass of (jh, (j+1)h] rounds down to j and
/// up to j + 1; an atom at 0 (when `atom_at_zero`) stays at 0 in both.
fn rounded(cdf: &[f64], atom_at_zero: bool) -> [Vec<f64>; 2] {
    let points = cdf.len() - 1;
    let zero = if atom_at_zero { cdf[0] } else { 0.0 };
    let mut down = vec![0.0; points];
    let mut up = vec![0.0; points];
    for j in 0..points {
        let cell = (cdf[j + 1] - cdf[j]).max(0.0);
        down[j] += cell;
        if j + 1 < points {
            up[j + 1] += cell;
        }
    }
    down[0] += zero;
    up[0] += zero;
    [down, up]
}

/// The empirical CDF and E[min(S, x)] at the lattice points, in one pass over the
/// samples.
fn binned(samples: &[f64], step: f64, points: usize) -> (Vec<f64>, Vec<f64>) {
    // counts[k], sums[k]: samples with floor(x / h) = k; at_point[k]: x = k h exactly.
    let mut counts = vec![0u64; points + 1];
    let mut sums = vec![0.0; points + 1];
    let mut at_point = vec![0u64; points + 1];
    for &x in samples {
        let cell = x / step;
        let k = (cell as usize).min(points);
        counts[k] += 1;
        sums[k] += x;
        if cell == k as f64 {
            at_point[k] += 1;
        }
    }
    let n = samples.len() as f64;
    let (mut below_count, mut below_sum) = (0u64, 0.0);
    let mut cdf = Vec::with_capacity(points + 1);
    let mut partial = Vec::with_capacity(points + 1);
    for j in 0..=points {
        // Samples below jh are in cells < j; at most jh adds those exactly at jh.
        let x = j as f64 * step;
        cdf.push((below_count + at_point[j]) as f64 / n);
        partial.push((below_sum + x * (n - below_count as f64)) / n);
        below_count += counts[j];
        below_sum += sums[j];
    }
    (cdf, partial)
}

fn build(
    service: &ServiceTime,
    step_ms: f64,
    points: usize,
    fft: &Arc<dyn RealToComplex<f64>>,
) -> Lattice {
    let theta = ALIAS.powf(1.0 / points as f64);
    let ([s_down, s_up], [r_down, r_up]) = masses(service, step_ms, points);
    let spectrum = |masses: Vec<f64>| -> Vec<Complex<f64>> {
        let mut tilted: Vec<f64> = masses
            .into_iter()
            .enumerate()
            .map(|(j, p)| p * theta.powi(j as i32))
            .collect();
        let mut out = fft.make_output_vec();
        // Lengths come from the same plan, so the transform cannot fail.
        let _ = fft.process(&mut tilted, &mut out);
        out
    };
    Lattice {
        step_ms,
        points,
        theta,
        residual: [spectrum(r_down), spectrum(r_up)],
        service: [spectrum(s_down), spectrum(s_up)],
    }
}

fn evaluate(lattice: &Lattice, rho: f64) -> Outcome {
    let inverse = inverse(lattice.points);
    let mut quantiles = [0.0; 2];
    for (bound, quantile) in quantiles.iter_mut().enumerate() {
        let mut spectrum: Vec<Complex<f64>> = lattice.residual[bound]
            .iter()
            .zip(&lattice.service[bound])
            .map(|(r, s)| (1.0 - rho) / (Complex::new(1.0, 0.0) - rho * r) * s)
            .collect();
        // A real signal's transform is real at 0 and at the Nyquist frequency.
        if let Some(first) = spectrum.first_mut() {
            first.im = 0.0;
        }
        if let Some(last) = spectrum.last_mut() {
            last.im = 0.0;
        }
        let mut masses = inverse.make_output_vec();
        let _ = inverse.process(&mut spectrum, &mut masses);
        match first_reaching(&masses, lattice) {
            Some(j) => *quantile = j as f64 * lattice.step_ms,
            None => return Outcome::Short,
        }
    }
    Outcome::Found(Bracket {
        low_ms: quantiles[0],
        high_ms: quantiles[1],
    })
}

/// The first lattice point at which the untilted CDF reaches LEVEL, within the usable
/// part.
fn first_reaching(tilted: &[f64], lattice: &Lattice) -> Option<usize> {
    let scale = 1.0 / lattice.points as f64;
    let usable = (lattice.points as f64 * USABLE) as usize;
    let mut untilt = 1.0;
    let mut cdf = 0.0;
    for (j, t) in tilted.iter().take(usable).enumerate() {
        cdf += t * scale * untilt;
        if cdf >= LEVEL {
            return Some(j);
        }
        untilt /= lattice.theta;
    }
    None
}
