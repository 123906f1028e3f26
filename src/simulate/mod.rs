//! Monte Carlo check of a plan (PRODUCT.md, `kplan simulate`).
//!
//! Each partition is a first-come, first-served queue served by `concurrency` workers;
//! processing times are drawn from the latency samples (bootstrap) or, without samples,
//! from the exponential the planner assumes. batch: every message waits at the start and
//! a run ends when the last partition drains. online: messages arrive as a Poisson
//! stream. Messages spread over partitions by the key sample's weights, or evenly.
//!
//! Pure: a setup and a seed in, statistics out; the same seed gives the same numbers.
//! Memory does not grow with the message count: delays go into a fixed-size histogram,
//! and a queue is only its workers' next free times.

mod batch;
mod online;
mod queue;
pub mod report;
pub mod streams;

pub use batch::{BatchOutcome, simulate_batch};
pub use online::{DelayStats, OnlineOutcome, simulate_online};
pub use streams::ServiceTimes;

use streams::{Stream, Streams, split};

/// What every simulation starts from.
#[derive(Debug, Clone, Copy)]
pub struct Setup<'a> {
    /// Messages in one run (max_messages).
    pub messages: u64,
    /// Each partition's relative share of the messages (key-sample counts, or all 1 for
    /// an even spread); one weight per partition.
    pub weights: &'a [u64],
    /// Workers per partition: the consumer's threads (concurrency).
    pub workers: u32,
    pub service: ServiceTimes<'a>,
    /// Independent runs, at least 1.
    pub runs: u32,
    pub seed: u64,
    /// Called after each run, to show progress.
    pub after_run: RunHook<'a>,
}

/// What to call after each run (a progress bar's step); [`RunHook::NONE`] does nothing.
#[derive(Clone, Copy)]
pub struct RunHook<'a>(pub &'a (dyn Fn() + Sync));

impl RunHook<'static> {
    pub const NONE: RunHook<'static> = RunHook(&|| {});
}

impl std::fmt::Debug for RunHook<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RunHook")
    }
}

/// One run's randomness: its messages per partition, and a stream per partition.
struct RunDraw {
    counts: Vec<u64>,
    streams: Vec<Stream>,
}

/// Takes a run's streams in a fixed order: the split first, then one per partition
/// (empty ones too), so every run and partition always gets the same draws.
fn draw_run(setup: &Setup, streams: &mut Streams) -> RunDraw {
    let mut split_stream = streams.take();
    let counts = split(setup.messages, setup.weights, &mut split_stream);
    let streams = setup.weights.iter().map(|_| streams.take()).collect();
    RunDraw { counts, streams }
}

/// The simulator against queueing theory's closed forms. Each tolerance is at least five
/// standard errors of its estimate at the message count used, so a fixed seed passing is
/// no accident, and any seed would pass.
#[cfg(test)]
mod tests {
    use super::*;

    fn one_partition(messages: u64, service: ServiceTimes, runs: u32) -> Setup {
        Setup {
            messages,
            weights: &[1],
            workers: 1,
            service,
            runs,
            seed: 2024,
            after_run: RunHook::NONE,
        }
    }

    fn assert_near(actual: f64, expected: f64, tolerance: f64, what: &str) {
        let error = (actual - expected).abs() / expected;
        assert!(
            error <= tolerance,
            "{what}: {actual} vs {expected} (off by {:.3}%, tolerance {}%)",
            error * 100.0,
            tolerance * 100.0
        );
    }

    #[test]
    fn mm1_at_half_load_matches_the_closed_forms() {
        // Mean service 10 ms (mu = 100/s), 50 msg/s: rho = 0.5. An M/M/1 sojourn time is
        // exponential with rate mu - lambda = 50/s: mean 20 ms = 2 x mean service, and
        // p99 = ln(100) / 50 s = 92.1 ms. At 10^6 messages the standard error of the
        // mean is about 0.3% (autocorrelated delays), of the p99 about 0.4%.
        let setup = one_partition(1_000_000, ServiceTimes::Exponential { mean_ms: 10.0 }, 1);
        let outcome = simulate_online(&setup, 50.0, None);
        assert_eq!(outcome.messages, 1_000_000);
        assert_near(outcome.delay_ms.mean, 20.0, 0.015, "mean sojourn");
        assert_near(
            outcome.delay_ms.p99,
            100f64.ln() / 50.0 * 1000.0,
            0.02,
            "p99",
        );
        // Median of an exponential: ln 2 / 50 s.
        assert_near(outcome.delay_ms.p50, 2f64.ln() / 50.0 * 1000.0, 0.02, "p50");
        assert_near(outcome.utilization, 0.5, 0.01, "utilisation");
        assert!(outcome.keeps_up);
    }

    #[test]
    fn md1_at_half_load_waits_half_a_service_time() {
        // Deterministic 10 ms, rho = 0.5: Pollaczek-Khinchine gives a mean wait of
        // rho x D / (2 (1 - rho)) = 5 ms, so the mean sojourn is 15 ms; no message
        // takes less than the 10 ms of its own processing.
        let samples = [10.0, 10.0];
        let setup = one_partition(1_000_000, ServiceTimes::Samples(&samples), 1);
        let outcome = simulate_online(&setup, 50.0, Some(10.0));
        assert_near(outcome.delay_ms.mean, 15.0, 0.015, "mean sojourn");
        // A message waits with probability rho (M/G/1): those, and only those, take
        // longer than their own 10 ms.
        let over = outcome.share_over_max_delay.unwrap();
        assert_near(over, 0.5, 0.01, "share that waits");
    }

    #[test]
    fn mm2_at_half_load_matches_erlang_c() {
        // Two workers of 10 ms mean sharing one queue, 100 msg/s: offered load a = 1,
        // rho = 0.5. Erlang C: P(wait) = (a^2/2! / (1 - rho)) / (1 + a + a^2/2! / (1 - rho))
        // = 1/3, mean wait = P(wait) / (2 mu - lambda) = 3.33 ms, mean sojourn 13.33 ms.
        let setup = Setup {
            workers: 2,
            ..one_partition(1_000_000, ServiceTimes::Exponential { mean_ms: 10.0 }, 1)
        };
        let outcome = simulate_online(&setup, 100.0, None);
        assert_near(
            outcome.delay_ms.mean,
            10.0 + 10.0 / 3.0,
            0.015,
            "mean sojourn",
        );
        assert_near(outcome.utilization, 0.5, 0.01, "utilisation");
    }

    #[test]
    fn batch_drain_is_n_times_the_mean() {
        // 100,000 exponential 10 ms times: the sum has mean 1,000 s and standard
        // deviation 3.2 s (0.3%); over 200 runs the mean's standard error is 0.02%.
        let setup = one_partition(100_000, ServiceTimes::Exponential { mean_ms: 10.0 }, 200);
        let outcome = simulate_batch(&setup, 1000.0);
        assert_eq!(outcome.drain_seconds.len(), 200);
        assert_near(outcome.mean_seconds, 1000.0, 0.001, "mean drain");
        assert_near(outcome.p50_seconds, 1000.0, 0.0015, "median drain");
        // The target is the mean: about half the runs make it.
        assert!(
            (0.4..=0.6).contains(&outcome.p_within_target),
            "{outcome:?}"
        );
        // p95 of a normal sum: mean + 1.645 sd = 1,005.2 s.
        assert_near(outcome.p95_seconds, 1005.2, 0.002, "p95 drain");
    }

    #[test]
    fn deterministic_batch_drains_exactly() {
        let samples = [10.0];
        // 1,000 messages of 10 ms: 10 s on one worker, 2.5 s on four.
        let one = one_partition(1000, ServiceTimes::Samples(&samples), 3);
        assert_eq!(simulate_batch(&one, 10.0).drain_seconds, vec![10.0; 3]);
        let four = Setup { workers: 4, ..one };
        let outcome = simulate_batch(&four, 2.0);
        assert_eq!(outcome.drain_seconds, vec![2.5; 3]);
        assert_eq!(outcome.p_within_target, 0.0);
    }

    #[test]
    fn partitions_drain_together_when_spread_evenly() {
        // 30 partitions x ~10,000 messages of 10 ms: each drains near 100 s, and the run
        // ends with the slowest, a little above.
        let weights = [1u64; 30];
        let setup = Setup {
            messages: 300_000,
            weights: &weights,
            workers: 1,
            service: ServiceTimes::Exponential { mean_ms: 10.0 },
            runs: 20,
            seed: 5,
            after_run: RunHook::NONE,
        };
        let outcome = simulate_batch(&setup, 100.0);
        assert!(
            outcome.p50_seconds > 100.0 && outcome.p50_seconds < 106.0,
            "{outcome:?}"
        );
        assert_eq!(outcome.p_within_target, 0.0);
    }

    #[test]
    fn the_same_seed_gives_identical_results() {
        let weights = [3u64, 1, 1];
        let setup = Setup {
            messages: 20_000,
            weights: &weights,
            workers: 2,
            service: ServiceTimes::Exponential { mean_ms: 4.0 },
            runs: 3,
            seed: 99,
            after_run: RunHook::NONE,
        };
        assert_eq!(
            simulate_online(&setup, 500.0, Some(30.0)),
            simulate_online(&setup, 500.0, Some(30.0))
        );
        assert_eq!(simulate_batch(&setup, 10.0), simulate_batch(&setup, 10.0));
        let other = Setup { seed: 100, ..setup };
        assert_ne!(
            simulate_online(&setup, 500.0, None),
            simulate_online(&other, 500.0, None)
        );
    }

    #[test]
    fn an_overloaded_partition_does_not_keep_up() {
        // Weight 3 of 4 at 300 msg/s is 225 msg/s on one 5 ms worker (200/s).
        let weights = [3u64, 1];
        let setup = Setup {
            messages: 50_000,
            weights: &weights,
            workers: 1,
            service: ServiceTimes::Exponential { mean_ms: 5.0 },
            runs: 1,
            seed: 1,
            after_run: RunHook::NONE,
        };
        let outcome = simulate_online(&setup, 300.0, None);
        assert!(!outcome.keeps_up);
        assert!(outcome.busiest_partition_utilization > 0.95, "{outcome:?}");
        // It ends ~12.5% behind: thousands of messages of backlog.
        assert!(outcome.max_backlog > 3_000, "{outcome:?}");
    }
}
