//! What would fit under the cap (PRODUCT.md, "Cap"): one change at a time, everything
//! else unchanged. PRODUCT.md's closed forms bring the consumer need under the cap; where
//! another need holds the count above it (the producers' byte rate, the key sample's
//! busiest partition, the delay objective, the batch deadline), the change goes as far
//! as that need asks, or is `None` when no such change can help, so every suggestion
//! really fits.

use super::delay::DelayModel;
use super::drain::slowest_drain_ms;
use super::search::first_fitting;
use super::sizing::{
    Sizing, SizingInput, Status, busiest_rate, ceil_need, partition_messages, producer_need, size,
};

/// Changes that would fit the topic under the cap, one at a time.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FitsUnderCap {
    /// Threads per partition; `None` for a keyed topic, where threads break key order,
    /// when the producers alone need more partitions than the cap, or when no thread
    /// count up to the request's limit meets the delay objective.
    pub concurrency: Option<u64>,
    /// `None` when the producers alone need more partitions than the cap.
    pub mean_latency_ms: Option<f64>,
    pub target_minutes: f64,
    /// Unkeyed and not exactly-once: the share-group consumers that would carry the load
    /// on the capped partitions.
    pub share_group_consumers: Option<u64>,
    /// The producers' need when it alone is above the cap: no consumer change helps then.
    pub producers_need: Option<u64>,
}

/// Halvings of a bracket when searching a bound the delay model sets: a relative
/// precision of 6e-8, far below the four digits a suggestion is shown with. Each step
/// may be a simulation (several threads), so no more than that.
const BISECTIONS: u32 = 24;
/// Relative room left on a searched bound, so the plan recomputed from the rounded-off
/// value still meets the objective.
const MARGIN: f64 = 1e-9;
/// Times a suggested target is lengthened, each step twice the last, before it is left
/// as found: from 1e-9 up, 40 steps pass doubling it.
const MAX_LENGTHENINGS: u32 = 40;
/// The most threads per partition a request may ask for.
pub const MAX_CONCURRENCY: u64 = 1024;

/// What would fit a sizing over its cap under it; `None` for every other sizing.
/// `delay` is the partition queue's model at the request's threads.
pub fn fits_under_cap(
    input: &SizingInput,
    sizing: &Sizing,
    delay: &mut DelayModel,
) -> Option<FitsUnderCap> {
    (sizing.status == Status::OverCap).then(|| {
        let producers = producer_need(input, sizing.planned_tps);
        fits_under(input, sizing.planned_tps, producers, delay)
    })
}

/// The changes that fit `input` under its cap, given its planned rate and its producer
/// need before rounding.
fn fits_under(
    input: &SizingInput,
    planned_tps: f64,
    producer_need: f64,
    delay: &mut DelayModel,
) -> FitsUnderCap {
    let cap = f64::from(input.cap);
    let u = input.utilization_ceiling;
    let c = f64::from(input.concurrency);
    let mean = input.service.mean_ms();
    // PRODUCT.md's closed forms: the consumer need at the cap.
    let mut concurrency = Some(ceil_need(planned_tps / (cap * u * 1000.0 / mean)));
    let mut mean_latency_ms = cap * c * u * 1000.0 / planned_tps;
    let mut target_minutes =
        input.max_messages as f64 * input.headroom * mean / (cap * c * u * 1000.0 * 60.0);

    // The producer need falls with the rate, so only a longer target lowers it.
    let producers_need =
        (ceil_need(producer_need) > u64::from(input.cap)).then(|| ceil_need(producer_need));
    target_minutes = target_minutes.max(input.target_minutes * producer_need / cap);

    // The busiest partition of the key sample at the cap must fit one partition.
    if let Some(keys) = input.keys {
        let share = keys.busiest_share(input.cap);
        mean_latency_ms = mean_latency_ms.min(c * u * 1000.0 / (share * planned_tps));
        let capacity = c * 1000.0 / mean * u;
        target_minutes = target_minutes.max(input.target_minutes * share * planned_tps / capacity);
    }

    let mut limits = Vec::new();
    if let Some(objective_ms) = input.max_delay_ms {
        let rate = busiest_rate(input.keys, planned_tps, u64::from(input.cap));
        // The other needs' changes so far: the delay search starts from them.
        let so_far = Limit {
            concurrency,
            latency_factor: (mean_latency_ms / mean).min(1.0),
            target_factor: (target_minutes / input.target_minutes).max(1.0),
        };
        limits.push(delay_limits(input, delay, rate, objective_ms, &so_far));
    }
    if let Some(confidence) = input.drain_confidence {
        limits.push(deadline_limits(input, confidence));
    }
    for limit in limits {
        concurrency = limit
            .concurrency
            .and_then(|own| concurrency.map(|c| c.max(own)));
        mean_latency_ms = mean_latency_ms.min(mean * limit.latency_factor);
        target_minutes = target_minutes.max(input.target_minutes * limit.target_factor);
    }

    FitsUnderCap {
        concurrency: concurrency
            .filter(|&c| c <= MAX_CONCURRENCY && !input.keyed && producers_need.is_none()),
        mean_latency_ms: producers_need.is_none().then_some(mean_latency_ms),
        target_minutes: fitting_target(input, target_minutes),
        // The plan sets it: whether a share group may serve the topic is the request's.
        share_group_consumers: None,
        producers_need,
    }
}

/// The first target from `target_minutes` up at which a plan of `input` fits under its
/// cap, as a new plan sizes it. A lattice keeps the finest grid a search has built, so
/// near the objective the delay found there may differ from a new plan's by the grid:
/// the target is checked again as that plan will check it, and lengthened until it fits
/// (or no longer can).
fn fitting_target(input: &SizingInput, target_minutes: f64) -> f64 {
    let fits = |target_minutes: f64| {
        let sizing = size(&SizingInput {
            target_minutes,
            ..*input
        });
        sizing.status == Status::Ok && sizing.needed <= u64::from(sizing.cap)
    };
    let (mut target, mut step) = (target_minutes, MARGIN);
    for _ in 0..MAX_LENGTHENINGS {
        if fits(target) {
            return target;
        }
        target *= 1.0 + step;
        step *= 2.0;
    }
    target_minutes
}

/// What one need asks of each change at the cap.
struct Limit {
    /// Threads per partition; `None` when no count up to the limit is enough.
    concurrency: Option<u64>,
    /// The largest factor (at most 1) on every processing time.
    latency_factor: f64,
    /// The smallest factor (at least 1) on the target.
    target_factor: f64,
}

/// The delay objective at the cap's busiest partition, arriving at `rate`. Each change
/// is searched only past where the other needs already take it (`so_far`): the delay
/// falls with more threads, faster processing and a longer target, so a change that
/// already meets the objective there needs nothing more.
fn delay_limits(
    input: &SizingInput,
    delay: &mut DelayModel,
    rate: f64,
    objective_ms: f64,
    so_far: &Limit,
) -> Limit {
    // A keyed topic gets no thread count (threads break key order): nothing to search.
    let from = so_far.concurrency.unwrap_or(1).clamp(1, MAX_CONCURRENCY);
    let concurrency = (!input.keyed)
        .then(|| {
            first_fitting(from, MAX_CONCURRENCY, |threads| {
                let threads = threads as u32;
                if threads == input.concurrency {
                    return delay.meets(rate, objective_ms);
                }
                DelayModel::new(input.service, threads).meets(rate, objective_ms)
            })
        })
        .flatten();
    // Faster processing: every time x k is the queue at rate k x rate, its times x k.
    let scaled_fits = |delay: &mut DelayModel, k: f64| k * delay.p99_ms(rate * k) <= objective_ms;
    let start = so_far.latency_factor;
    let latency_factor = if scaled_fits(delay, start) {
        start
    } else {
        let (mut lo, mut hi) = (0.0, start);
        for _ in 0..BISECTIONS {
            let mid = (lo + hi) / 2.0;
            if scaled_fits(delay, mid) {
                lo = mid
            } else {
                hi = mid
            }
        }
        lo * (1.0 - MARGIN)
    };
    // A longer target lowers the rate; at a vanishing rate the delay is the p99
    // latency, which an over-cap (not infeasible) plan's objective allows.
    let mut target_fits = |f: f64| delay.meets(rate / f, objective_ms);
    let start = so_far.target_factor;
    let target_factor = if target_fits(start) {
        start
    } else {
        let mut hi = start * 2.0;
        while !target_fits(hi) && hi < 1e300 {
            hi *= 2.0;
        }
        let mut lo = hi / 2.0;
        for _ in 0..BISECTIONS {
            let mid = (lo + hi) / 2.0;
            if target_fits(mid) { hi = mid } else { lo = mid }
        }
        hi * (1.0 + MARGIN)
    };
    Limit {
        concurrency,
        latency_factor,
        target_factor,
    }
}

/// The batch deadline at the cap: the drain time divides by the threads and scales with
/// every processing time, and a run's messages do not depend on the target.
fn deadline_limits(input: &SizingInput, confidence: f64) -> Limit {
    let messages = partition_messages(input, u64::from(input.cap));
    let drain_ms = slowest_drain_ms(&input.service, &messages, input.concurrency, confidence);
    let target_ms = input.target_minutes * 60_000.0;
    let one_thread_ms = drain_ms * f64::from(input.concurrency);
    let fits = drain_ms <= target_ms;
    Limit {
        concurrency: Some(ceil_need(one_thread_ms / target_ms).max(1)),
        latency_factor: if fits {
            1.0
        } else {
            target_ms / drain_ms * (1.0 - MARGIN)
        },
        target_factor: if fits {
            1.0
        } else {
            drain_ms / target_ms * (1.0 + MARGIN)
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::KeySample;
    use crate::model::service::ServiceTime;
    use crate::model::sizing::{Status, size};
    use crate::test_plans::worked_example as base;

    #[test]
    fn over_the_cap_says_what_would_fit() {
        // 2000 msg/s at 18 ms: 36 partitions needed, cap 30.
        let fit = over_cap(&SizingInput {
            max_messages: 3_600_000,
            target_minutes: 30.0,
            service: ServiceTime::exponential(18.0),
            ..base()
        });
        // ceil(2000 / (30 x 1000 / 18)) = ceil(1.2) = 2
        assert_eq!(fit.concurrency, Some(2));
        // 30 x 1000 / 2000 = 15 ms
        assert!((fit.mean_latency_ms.unwrap() - 15.0).abs() < 1e-9);
        // 3.6e6 x 18 / (30 x 1000 x 60) = 36 minutes
        assert!((fit.target_minutes - 36.0).abs() < 1e-9);
    }

    #[test]
    fn keyed_topics_get_no_concurrency_suggestion() {
        let fit = over_cap(&SizingInput {
            max_messages: 3_600_000,
            target_minutes: 30.0,
            keyed: true,
            service: ServiceTime::exponential(18.0),
            ..base()
        });
        assert_eq!(fit.concurrency, None);
    }

    fn fits(input: &SizingInput) -> bool {
        let s = size(input);
        s.status == Status::Ok && s.needed <= u64::from(input.cap)
    }

    /// What fits `input`, which must be over its cap.
    fn over_cap(input: &SizingInput) -> FitsUnderCap {
        let s = size(input);
        assert_eq!(s.status, Status::OverCap, "{s:?}");
        let mut delay = DelayModel::new(input.service, input.concurrency);
        fits_under_cap(input, &s, &mut delay).expect("over the cap says what fits")
    }

    /// The plan is over the cap, and each suggested change, made alone, fits under it.
    fn suggestion(input: &SizingInput) -> FitsUnderCap {
        let fit = over_cap(input);
        if let Some(c) = fit.concurrency {
            let concurrency = u32::try_from(c).expect("a thread count");
            assert!(
                fits(&SizingInput {
                    concurrency,
                    ..*input
                }),
                "{fit:?}"
            );
        }
        if let Some(mean) = fit.mean_latency_ms {
            let service = input
                .service
                .scaled(mean / input.service.mean_ms())
                .expect("a summary shape");
            assert!(fits(&SizingInput { service, ..*input }), "{fit:?}");
        }
        let target_minutes = fit.target_minutes;
        assert!(
            fits(&SizingInput {
                target_minutes,
                ..*input
            }),
            "{fit:?}"
        );
        fit
    }

    #[test]
    fn a_producer_bound_topic_fits_only_with_a_longer_target() {
        // 500 msg/s x 1 MB over 10 MB/s per partition: 50 partitions for the producers,
        // 10 for the consumers. No consumer change helps; a 50 / 30 longer target does.
        let input = SizingInput {
            message_bytes: 1_000_000,
            ..base()
        };
        let fit = suggestion(&input);
        assert_eq!((fit.concurrency, fit.mean_latency_ms), (None, None));
        assert_eq!(fit.producers_need, Some(50));
        assert!(
            (fit.target_minutes - 10.0 * 50.0 / 30.0).abs() < 1e-9,
            "{fit:?}"
        );
    }

    #[test]
    fn a_delay_bound_topic_gets_changes_that_meet_the_objective() {
        // Online, 0.7 ceiling: 15 partitions for throughput; a 100 ms objective on a
        // 92 ms p99 latency asks for far more servers than 30.
        let input = SizingInput {
            utilization_ceiling: 0.7,
            max_delay_ms: Some(100.0),
            ..base()
        };
        let fit = suggestion(&input);
        let concurrency = fit.concurrency.expect("unkeyed");
        assert!(concurrency > 1, "{fit:?}");
        let fewer = u32::try_from(concurrency - 1).expect("a thread count");
        assert!(
            !fits(&SizingInput {
                concurrency: fewer,
                ..input
            }),
            "{fit:?}"
        );
        // The closed forms alone (consumer throughput) would not have been enough.
        let (closed_latency, closed_target) = (
            30.0 * 0.7 * 1000.0 / 500.0,
            10.0 * 20.0 * 500.0 / (30.0 * 0.7 * 1000.0),
        );
        assert!(
            fit.mean_latency_ms.is_some_and(|m| m < closed_latency),
            "{fit:?}"
        );
        assert!(fit.target_minutes > closed_target, "{fit:?}");
        let sooner = fit.target_minutes * 0.999;
        assert!(
            !fits(&SizingInput {
                target_minutes: sooner,
                ..input
            }),
            "{fit:?}"
        );
    }

    #[test]
    fn a_delay_objective_out_of_reach_of_any_thread_count_gets_none() {
        // 617,469 msg/s at 48.6 s each, within 279 s at p99: about a billion threads,
        // more than a request may ask for.
        let input = SizingInput {
            max_messages: 296_771_894_909,
            target_minutes: 8_010.436_462_146_024,
            utilization_ceiling: 0.7,
            concurrency: 2,
            message_bytes: 1,
            service: ServiceTime::exponential(48_634.647_697_640_58),
            max_delay_ms: Some(279_106.453_813_118_34),
            ..base()
        };
        let fit = suggestion(&input);
        assert_eq!(fit.concurrency, None, "{fit:?}");
    }

    #[test]
    fn a_skewed_key_sample_gets_changes_that_fit_its_busiest_partition() {
        // One key carries 3% of the messages (42 of one partition's 50 msg/s): no key
        // alone is too hot, but the partition holding it is, at every count up to 30.
        let mut keys: Vec<String> = vec!["warm".to_string(); 30];
        keys.extend((0..970).map(|i| format!("k{i}")));
        let sample = KeySample::from_keys(keys.iter());
        let input = SizingInput {
            max_messages: 1400 * 60 * 10,
            keyed: true,
            keys: Some(&sample),
            ..base()
        };
        let fit = suggestion(&input);
        assert_eq!(fit.concurrency, None);
        assert!(
            fit.mean_latency_ms
                .is_some_and(|m| m < 30.0 * 1000.0 / 1400.0),
            "{fit:?}"
        );
    }

    #[test]
    fn a_consumer_bound_topic_gets_product_md_closed_forms() {
        // 2000 msg/s at 18 ms: 36 partitions; PRODUCT.md's forms give 2 threads, 15 ms,
        // 36 minutes.
        let input = SizingInput {
            max_messages: 3_600_000,
            target_minutes: 30.0,
            service: ServiceTime::exponential(18.0),
            ..base()
        };
        let fit = suggestion(&input);
        assert_eq!(fit.concurrency, Some(2));
        assert_eq!(fit.mean_latency_ms, Some(30.0 * 1000.0 / 2000.0));
        assert!((fit.target_minutes - 36.0).abs() < 1e-9);
        assert_eq!(fit.producers_need, None);
    }
}
