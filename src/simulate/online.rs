//! online: messages arrive as a Poisson stream; a message's delay runs from its arrival
//! to the end of its processing.

use hdrhistogram::Histogram;

use super::queue::{Backlog, PoissonPartition};
use super::streams::{ServiceSampler, Stream, Streams};
use super::{Setup, draw_run};

/// Delays are recorded in microseconds, up to a year, to 3 significant digits: a
/// percentile is off by at most 0.05%, in a histogram of fixed size (a few hundred KiB).
const HIGHEST_DELAY_US: u64 = 365 * 24 * 3_600 * 1_000_000;
const SIGNIFICANT_DIGITS: u8 = 3;

/// The delay distribution over every message of every run (ms).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DelayStats {
    /// Exact, from the sum of the delays.
    pub mean: f64,
    /// From the histogram (within 0.05%).
    pub p50: f64,
    pub p95: f64,
    pub p99: f64,
    pub max: f64,
}

/// What the online runs showed.
#[derive(Debug, Clone, PartialEq)]
pub struct OnlineOutcome {
    /// Messages simulated over all runs.
    pub messages: u64,
    pub delay_ms: DelayStats,
    /// Share of worker time spent processing, from a run's start to its last message's
    /// end; mean over the runs.
    pub utilization: f64,
    /// The same for the busiest partition alone.
    pub busiest_partition_utilization: f64,
    /// The most messages waiting or in process on one partition (its lag) at any moment
    /// of any run.
    pub max_backlog: u64,
    /// False when some partition received more work than its workers could do while
    /// messages arrived (offered load >= 1): its backlog grows without bound.
    pub keeps_up: bool,
    /// Share of all messages whose delay exceeded `max_delay_ms`, when one is given.
    pub share_over_max_delay: Option<f64>,
}

/// Simulates `setup.runs` runs of messages arriving at `tps` in all.
pub fn simulate_online(setup: &Setup, tps: f64, max_delay_ms: Option<f64>) -> OnlineOutcome {
    let service = ServiceSampler::new(setup.service);
    let mut streams = Streams::new(setup.seed);
    let mut delays = Delays::new(max_delay_ms);
    let (mut utilization, mut busiest, mut max_backlog, mut keeps_up) = (0.0, 0.0, 0, true);
    let runs = setup.runs.max(1);
    for _ in 0..runs {
        let run = run_once(setup, tps, &service, &mut streams, &mut delays);
        (setup.after_run.0)();
        utilization += run.utilization / f64::from(runs);
        busiest += run.busiest_utilization / f64::from(runs);
        max_backlog = max_backlog.max(run.max_backlog);
        keeps_up &= run.keeps_up;
    }
    OnlineOutcome {
        messages: delays.count,
        delay_ms: delays.stats(),
        utilization,
        busiest_partition_utilization: busiest,
        max_backlog,
        keeps_up,
        share_over_max_delay: max_delay_ms.map(|_| delays.over as f64 / delays.count.max(1) as f64),
    }
}

/// Delays of every message, in constant memory.
struct Delays {
    histogram_us: Histogram<u64>,
    sum_ms: f64,
    max_ms: f64,
    count: u64,
    /// Messages over the objective (none counted without one).
    over: u64,
    objective_ms: f64,
}

impl Delays {
    fn new(max_delay_ms: Option<f64>) -> Delays {
        let histogram_us = match Histogram::new_with_bounds(1, HIGHEST_DELAY_US, SIGNIFICANT_DIGITS)
        {
            Ok(histogram) => histogram,
            Err(e) => unreachable!("constant histogram bounds are valid: {e:?}"),
        };
        Delays {
            histogram_us,
            sum_ms: 0.0,
            max_ms: 0.0,
            count: 0,
            over: 0,
            objective_ms: max_delay_ms.unwrap_or(f64::INFINITY),
        }
    }

    #[inline]
    fn record(&mut self, delay_ms: f64) {
        // Float to integer casts saturate; a delay past a year lands in the top bucket.
        self.histogram_us
            .saturating_record((delay_ms * 1000.0).round() as u64);
        self.sum_ms += delay_ms;
        self.max_ms = self.max_ms.max(delay_ms);
        self.count += 1;
        self.over += u64::from(delay_ms > self.objective_ms);
    }

    fn stats(&self) -> DelayStats {
        let at = |q: f64| {
            let h = &self.histogram_us;
            h.median_equivalent(h.value_at_quantile(q)) as f64 / 1000.0
        };
        DelayStats {
            mean: self.sum_ms / self.count.max(1) as f64,
            p50: at(0.50),
            p95: at(0.95),
            p99: at(0.99),
            max: self.max_ms,
        }
    }
}

/// One run's partition-level results.
struct Run {
    utilization: f64,
    busiest_utilization: f64,
    max_backlog: u64,
    keeps_up: bool,
}

/// What one partition did in a run (ms).
struct PartitionRun {
    busy_ms: f64,
    last_arrival_ms: f64,
    end_ms: f64,
    max_backlog: u64,
}

fn run_once(
    setup: &Setup,
    tps: f64,
    service: &ServiceSampler,
    streams: &mut Streams,
    delays: &mut Delays,
) -> Run {
    let run = draw_run(setup, streams);
    let total_weight = setup.weights.iter().sum::<u64>().max(1) as f64;
    let partitions: Vec<PartitionRun> = run
        .counts
        .iter()
        .zip(run.streams)
        .zip(setup.weights)
        .map(|((&messages, stream), &weight)| {
            let partition_tps = tps * weight as f64 / total_weight;
            let queue = PartitionQueue {
                stream,
                messages,
                tps: partition_tps,
                workers: setup.workers,
            };
            queue.run(service, delays)
        })
        .collect();
    summarise(&partitions, f64::from(setup.workers.max(1)))
}

fn summarise(partitions: &[PartitionRun], workers: f64) -> Run {
    let end_ms = partitions.iter().map(|p| p.end_ms).fold(0.0, f64::max);
    let worker_ms = workers * end_ms;
    let share = |busy_ms: f64| {
        if worker_ms > 0.0 {
            busy_ms / worker_ms
        } else {
            0.0
        }
    };
    let busy_ms: f64 = partitions.iter().map(|p| p.busy_ms).sum();
    Run {
        utilization: share(busy_ms) / partitions.len().max(1) as f64,
        busiest_utilization: partitions
            .iter()
            .map(|p| share(p.busy_ms))
            .fold(0.0, f64::max),
        max_backlog: partitions.iter().map(|p| p.max_backlog).max().unwrap_or(0),
        // Offered load: the work that arrived over the time it took to arrive.
        keeps_up: partitions
            .iter()
            .all(|p| p.busy_ms < workers * p.last_arrival_ms || p.busy_ms == 0.0),
    }
}

/// One partition of one run, before it runs.
struct PartitionQueue {
    stream: Stream,
    messages: u64,
    tps: f64,
    workers: u32,
}

impl PartitionQueue {
    fn run(self, service: &ServiceSampler, delays: &mut Delays) -> PartitionRun {
        let workers = u64::from(self.workers.max(1));
        let mut queue = PoissonPartition::new(
            self.stream,
            self.messages,
            self.tps,
            self.workers,
            service.clone(),
        );
        let mut backlog = Backlog::new(&queue);
        let (mut arrived, mut busy_ms, mut last_arrival_ms, mut max_backlog) = (0, 0.0, 0.0, 0);
        // Busy workers rise by at most one per arrival (between arrivals they only
        // finish), so this bound says when counting them, O(workers), could raise the
        // largest backlog; with 1,024 threads, counting at every arrival would dominate.
        let mut busy_bound = 0;
        while let Some(message) = queue.next() {
            arrived += 1;
            busy_ms += message.service_ms;
            last_arrival_ms = message.arrival_ms;
            delays.record(message.delay_ms());
            let waiting = backlog.waiting(message.arrival_ms, arrived);
            // While messages wait, every worker is busy.
            let in_system = if waiting > 0 {
                busy_bound = workers;
                waiting + workers
            } else {
                busy_bound = (busy_bound + 1).min(workers);
                if busy_bound > max_backlog {
                    busy_bound = queue.workers.busy_after(message.arrival_ms);
                }
                busy_bound
            };
            max_backlog = max_backlog.max(in_system);
        }
        PartitionRun {
            busy_ms,
            last_arrival_ms,
            end_ms: queue.workers.last_free_ms(),
            max_backlog,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::simulate::streams::ServiceTimes;

    /// The largest number of messages in a partition (arrived, not finished) just after
    /// an arrival, by brute force over the whole trace.
    fn brute_force_backlog(trace: &[(f64, f64)]) -> u64 {
        (0..trace.len())
            .map(|j| {
                let arrival = trace[j].0;
                trace[..=j].iter().filter(|(_, end)| *end > arrival).count() as u64
            })
            .max()
            .unwrap_or(0)
    }

    #[test]
    fn the_streaming_backlog_matches_a_brute_force_count() {
        for workers in [1u32, 3, 16] {
            let service = ServiceSampler::new(ServiceTimes::Exponential { mean_ms: 10.0 });
            // Near saturation, so queues build and drain many times.
            let tps = 95.0 * f64::from(workers);
            let stream = Streams::new(u64::from(workers)).take();
            let trace: Vec<(f64, f64)> =
                PoissonPartition::new(stream.clone(), 4000, tps, workers, service.clone())
                    .map(|m| (m.arrival_ms, m.start_ms + m.service_ms))
                    .collect();
            let queue = PartitionQueue {
                stream,
                messages: 4000,
                tps,
                workers,
            };
            let run = queue.run(&service, &mut Delays::new(None));
            let expected = brute_force_backlog(&trace);
            assert!(expected > 10, "{workers} workers: the test needs queueing");
            assert_eq!(run.max_backlog, expected, "{workers} workers");
        }
    }
}
