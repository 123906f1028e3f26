//! batch: all messages wait at the start; a run lasts until the last partition drains.

use super::queue::Workers;
use super::streams::{ServiceSampler, Streams};
use super::{Setup, draw_run};
use crate::stats::percentiles;

/// Drain times over the runs.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchOutcome {
    /// Seconds until the last partition drained, one per run, in run order.
    pub drain_seconds: Vec<f64>,
    pub mean_seconds: f64,
    /// Percentiles over the runs (linear interpolation, as for latency samples).
    pub p50_seconds: f64,
    pub p95_seconds: f64,
    pub p99_seconds: f64,
    /// Share of runs that drained within the target.
    pub p_within_target: f64,
}

pub fn simulate_batch(setup: &Setup, target_seconds: f64) -> BatchOutcome {
    let service = ServiceSampler::new(setup.service);
    let mut streams = Streams::new(setup.seed);
    let drain_seconds: Vec<f64> = (0..setup.runs.max(1))
        .map(|_| {
            let seconds = drain_ms(setup, &service, &mut streams) / 1000.0;
            (setup.after_run.0)();
            seconds
        })
        .collect();
    let runs = drain_seconds.len() as f64;
    let within = drain_seconds
        .iter()
        .filter(|&&s| s <= target_seconds)
        .count();
    let mut sorted = drain_seconds.clone();
    let ps = percentiles(&mut sorted, &[0.50, 0.95, 0.99]);
    BatchOutcome {
        mean_seconds: drain_seconds.iter().sum::<f64>() / runs,
        p50_seconds: ps[0],
        p95_seconds: ps[1],
        p99_seconds: ps[2],
        p_within_target: within as f64 / runs,
        drain_seconds,
    }
}

/// One run: when the slowest partition finishes its share.
fn drain_ms(setup: &Setup, service: &ServiceSampler, streams: &mut Streams) -> f64 {
    let run = draw_run(setup, streams);
    let mut drain_ms: f64 = 0.0;
    for (&messages, mut stream) in run.counts.iter().zip(run.streams) {
        let mut workers = Workers::new(setup.workers);
        for _ in 0..messages {
            workers.serve(0.0, service.draw(&mut stream));
        }
        drain_ms = drain_ms.max(workers.last_free_ms());
    }
    drain_ms
}
