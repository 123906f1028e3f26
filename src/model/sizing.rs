//! How many partitions a topic needs: the consumer, key-skew, delay and producer needs,
//! the per-topic cap, and what would fit under it (PRODUCT.md, "Rates and needs").

use serde::Serialize;

use super::delay::{self, Service};
use crate::keys::KeySample;

/// Everything the partition count depends on, with profile defaults already applied.
#[derive(Debug, Clone, Copy)]
pub struct SizingInput<'a> {
    pub max_messages: u64,
    pub target_minutes: f64,
    pub headroom: f64,
    /// u: the online utilisation ceiling; 1 for batch.
    pub utilization_ceiling: f64,
    pub concurrency: u32,
    pub keyed: bool,
    pub message_bytes: u64,
    pub partition_write_bytes_per_sec: f64,
    pub cap: u32,
    pub service: Service,
    /// Online delay objective.
    pub max_delay_ms: Option<f64>,
    pub keys: Option<&'a KeySample>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Ok,
    OverCap,
    Infeasible,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::OverCap => "over-cap",
            Status::Infeasible => "infeasible",
        }
    }
}

/// The partition count each constraint asks for on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Needs {
    /// ceil(planned_tps / (per_partition_tps x u)).
    pub consumers: u64,
    /// ceil(planned_tps x message_bytes / partition_write_bytes_per_sec).
    pub producer: u64,
    /// Online with max_delay_ms: the smallest count meeting the p99 delay objective.
    pub delay: Option<u64>,
    /// Keyed with a key sample: the smallest count whose busiest partition fits.
    pub key_skew: Option<u64>,
}

/// Changes that would fit the topic under the cap, one at a time. `None` where that one
/// change cannot do it: the producers' bytes, the delay objective or the key spread can
/// set a need that more consumer speed does not lower.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct FitsUnderCap {
    /// Threads per partition; also `None` for a keyed topic, where threads break key order.
    pub concurrency: Option<u64>,
    pub mean_latency_ms: Option<f64>,
    pub target_minutes: Option<f64>,
}

/// Why no partition count can work.
#[derive(Debug, Clone, PartialEq)]
pub enum Infeasible {
    /// The delay objective is below the p99 processing latency.
    DelayBelowLatency { objective_ms: f64, p99_ms: f64 },
    /// Meeting the delay objective would take more than MAX_MODELLED_PARTITIONS.
    DelayBeyondModel { objective_ms: f64 },
    /// One key alone exceeds what one partition can consume.
    HotKey {
        key: String,
        share: f64,
        key_tps: f64,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Sizing {
    pub required_tps: f64,
    pub planned_tps: f64,
    pub per_partition_tps: f64,
    pub needs: Needs,
    pub needed: u64,
    pub recommended: u64,
    pub cap: u32,
    pub status: Status,
    pub infeasible: Option<Infeasible>,
    pub fits_under_cap: Option<FitsUnderCap>,
    /// Searched past this count without finding one that spreads the keys evenly enough.
    pub key_skew_unresolved_above: Option<u64>,
}

/// A need within 1e-9 of an integer rounds to that integer; others round up.
pub fn ceil_need(x: f64) -> u64 {
    let nearest = x.round();
    let need = if (x - nearest).abs() <= 1e-9 {
        nearest
    } else {
        x.ceil()
    };
    // Inputs are bounded so that needs stay far below u64::MAX; `as` saturates anyway.
    need.max(0.0) as u64
}

/// Minutes for `partitions` consumers at full speed to consume `max_messages`.
pub fn drain_minutes(max_messages: u64, partitions: u64, per_partition_tps: f64) -> f64 {
    let capacity_tps = partitions as f64 * per_partition_tps;
    max_messages as f64 / capacity_tps / 60.0
}

/// Partitions searched above the consumer need for a key spread that fits.
const KEY_SEARCH_SPAN: u64 = 1024;
/// Beyond this, spreading a key sample per count is too costly to try.
const KEY_SEARCH_LIMIT: u64 = 100_000;

/// The most partitions the model reasons about. Far beyond any real cluster, so a need
/// above it means mistaken units, and counts stay exact integers in an f64.
pub const MAX_MODELLED_PARTITIONS: f64 = 1e9;

/// Rates and the closed-form needs, before rounding.
struct Rates {
    required_tps: f64,
    planned_tps: f64,
    per_partition_tps: f64,
    /// per_partition_tps x u: what one partition may take.
    partition_capacity: f64,
    consumer_need: f64,
    producer_need: f64,
}

fn rates(input: &SizingInput) -> Rates {
    let required_tps = input.max_messages as f64 / (input.target_minutes * 60.0);
    let planned_tps = required_tps * input.headroom;
    let per_partition_tps = f64::from(input.concurrency) * 1000.0 / input.service.mean_ms;
    let partition_capacity = per_partition_tps * input.utilization_ceiling;
    Rates {
        required_tps,
        planned_tps,
        per_partition_tps,
        partition_capacity,
        consumer_need: planned_tps / partition_capacity,
        producer_need: planned_tps * input.message_bytes as f64
            / input.partition_write_bytes_per_sec,
    }
}

/// Explains a request whose needs are beyond [`MAX_MODELLED_PARTITIONS`].
pub fn scale_problem(input: &SizingInput) -> Option<String> {
    let r = rates(input);
    let (need, what) = if r.consumer_need >= r.producer_need {
        (
            r.consumer_need,
            "consumers: check max_messages, target_minutes and the latency unit",
        )
    } else {
        (
            r.producer_need,
            "producers: check message_bytes and partition_write_bytes_per_sec",
        )
    };
    (need > MAX_MODELLED_PARTITIONS).then(|| {
        format!(
            "needs about {need:.2e} partitions for its {what}; more than {MAX_MODELLED_PARTITIONS:e} partitions is beyond any cluster"
        )
    })
}

pub fn size(input: &SizingInput) -> Sizing {
    let mut sizing = size_alone(input);
    if sizing.status == Status::OverCap {
        sizing.fits_under_cap = Some(fits_under(input, sizing.planned_tps));
    }
    sizing
}

/// The sizing without what fits under the cap, which is itself found by sizing.
fn size_alone(input: &SizingInput) -> Sizing {
    let Rates {
        required_tps,
        planned_tps,
        per_partition_tps,
        partition_capacity,
        consumer_need,
        producer_need,
    } = rates(input);
    let consumers = ceil_need(consumer_need).max(1);
    let producer = ceil_need(producer_need);

    let mut infeasible = None;
    let mut key_skew = None;
    let mut key_skew_unresolved_above = None;
    if let Some(keys) = input.keys {
        match key_skew_need(keys, planned_tps, partition_capacity, consumers) {
            KeySkew::Fits(p) => key_skew = Some(p),
            KeySkew::Unresolved(p) => key_skew_unresolved_above = Some(p),
            KeySkew::HotKey(hot) => infeasible = Some(hot),
        }
    }
    let throughput_need = consumers.max(key_skew.unwrap_or(0));
    let mut delay = None;
    if let Some(objective_ms) = input.max_delay_ms {
        let service = &input.service;
        match delay::partitions_for_delay(
            planned_tps,
            input.concurrency,
            service,
            objective_ms,
            throughput_need,
            MAX_MODELLED_PARTITIONS as u64,
        ) {
            Some(p) => delay = Some(p),
            None if objective_ms < service.p99_ms => {
                infeasible.get_or_insert(Infeasible::DelayBelowLatency {
                    objective_ms,
                    p99_ms: service.p99_ms,
                });
            }
            None => {
                infeasible.get_or_insert(Infeasible::DelayBeyondModel { objective_ms });
            }
        }
    }

    let needs = Needs {
        consumers,
        producer,
        delay,
        key_skew,
    };
    let needed = [
        consumers,
        producer,
        delay.unwrap_or(0),
        key_skew
            .or(key_skew_unresolved_above.map(|p| p + 1))
            .unwrap_or(0),
        1,
    ]
    .into_iter()
    .max()
    .unwrap_or(1);
    let cap = input.cap;
    let recommended = needed.min(u64::from(cap));
    let over_cap = needed > u64::from(cap);
    let status = match (&infeasible, over_cap) {
        (Some(_), _) => Status::Infeasible,
        (None, true) => Status::OverCap,
        (None, false) => Status::Ok,
    };
    Sizing {
        required_tps,
        planned_tps,
        per_partition_tps,
        needs,
        needed,
        recommended,
        cap,
        status,
        infeasible,
        fits_under_cap: None,
        key_skew_unresolved_above,
    }
}

/// PRODUCT.md's three single changes that bring the consumer need under the cap. The
/// target also covers the producer and key-spread needs, which a longer window lowers as
/// well. Each change is sized again, and kept only if the topic then fits.
fn fits_under(input: &SizingInput, planned_tps: f64) -> FitsUnderCap {
    let cap = f64::from(input.cap);
    let u = input.utilization_ceiling;
    let c = f64::from(input.concurrency);
    let mean = input.service.mean_ms;
    let fits = |changed: &SizingInput| size_alone(changed).status == Status::Ok;

    let concurrency = (!input.keyed)
        .then(|| ceil_need(planned_tps / (cap * u * 1000.0 / mean)))
        .filter(|&threads| {
            u32::try_from(threads).is_ok_and(|concurrency| {
                fits(&SizingInput {
                    concurrency,
                    ..*input
                })
            })
        });

    let mean_latency_ms = cap * c * u * 1000.0 / planned_tps;
    // Faster processing scales every service time, its tail included.
    let scale = mean_latency_ms / mean;
    let faster = Service {
        mean_ms: mean_latency_ms,
        mean_square_ms2: input.service.mean_square_ms2 * scale * scale,
        p99_ms: input.service.p99_ms * scale,
    };
    let mean_latency_ms = Some(mean_latency_ms).filter(|_| {
        fits(&SizingInput {
            service: faster,
            ..*input
        })
    });

    // Minutes at which a need equals the cap: the need scales with 1 / target_minutes.
    let minutes_for = |need: f64| input.target_minutes * need / cap;
    let r = rates(input);
    let key_need = input.keys.map_or(0.0, |keys| {
        keys.busiest_share(input.cap) * planned_tps / r.partition_capacity
    });
    let delay_need = input.max_delay_ms.map_or(0.0, |objective_ms| {
        cap * planned_tps / delay_tps_at_cap(input, planned_tps, objective_ms)
    });
    let target_minutes = minutes_for(
        r.consumer_need
            .max(r.producer_need)
            .max(key_need)
            .max(delay_need),
    );
    let target_minutes = Some(target_minutes).filter(|&target_minutes| {
        target_minutes.is_finite()
            && fits(&SizingInput {
                target_minutes,
                ..*input
            })
    });

    FitsUnderCap {
        concurrency,
        mean_latency_ms,
        target_minutes,
    }
}

/// The highest rate, up to `planned_tps`, at which the cap's partitions meet the delay
/// objective. The predicted delay rises with the rate, so bisect; the result is nudged
/// below the boundary so that sizing again at it lands inside.
fn delay_tps_at_cap(input: &SizingInput, planned_tps: f64, objective_ms: f64) -> f64 {
    let partitions = u64::from(input.cap);
    let meets = |tps: f64| {
        delay::p99_delay_ms(tps, partitions, input.concurrency, &input.service) <= objective_ms
    };
    if meets(planned_tps) {
        return planned_tps;
    }
    let (mut lo, mut hi) = (0.0, planned_tps);
    for _ in 0..100 {
        let mid = (lo + hi) / 2.0;
        if meets(mid) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    lo * (1.0 - 1e-9)
}

enum KeySkew {
    Fits(u64),
    Unresolved(u64),
    HotKey(Infeasible),
}

/// The smallest count from `from` whose busiest partition, by the key sample, takes at
/// most one partition's capacity. No count below the consumer need can do it, since the
/// busiest partition carries at least 1/P of the load.
fn key_skew_need(keys: &KeySample, planned_tps: f64, capacity: f64, from: u64) -> KeySkew {
    if let Some((top, share)) = keys.top_key() {
        if share * planned_tps > capacity {
            return KeySkew::HotKey(Infeasible::HotKey {
                key: top.display(),
                share,
                key_tps: share * planned_tps,
            });
        }
    }
    if from > KEY_SEARCH_LIMIT {
        return KeySkew::Unresolved(from - 1);
    }
    let last = from + KEY_SEARCH_SPAN;
    for partitions in from..=last {
        if keys.busiest_share(partitions as u32) * planned_tps <= capacity {
            return KeySkew::Fits(partitions);
        }
    }
    KeySkew::Unresolved(last)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exponential(mean_ms: f64) -> Service {
        Service::exponential(mean_ms)
    }

    /// The public worked example: 20 ms per message, 500 msg/s, batch.
    fn worked_example() -> SizingInput<'static> {
        SizingInput {
            max_messages: 500 * 60 * 10,
            target_minutes: 10.0,
            headroom: 1.0,
            utilization_ceiling: 1.0,
            concurrency: 1,
            keyed: false,
            message_bytes: 1000,
            partition_write_bytes_per_sec: 10_000_000.0,
            cap: 30,
            service: exponential(20.0),
            max_delay_ms: None,
            keys: None,
        }
    }

    #[test]
    fn twenty_ms_per_message_and_500_per_second_need_10_partitions() {
        let s = size(&worked_example());
        assert_eq!(s.required_tps, 500.0);
        assert_eq!(s.per_partition_tps, 50.0);
        assert_eq!(s.needs.consumers, 10);
        assert_eq!((s.needed, s.recommended, s.status), (10, 10, Status::Ok));
        assert_eq!(s.fits_under_cap, None);
    }

    #[test]
    fn online_ceiling_and_headroom_raise_the_need() {
        // 500 x 1.2 / (50 x 0.7) = 17.14 -> 18
        let s = size(&SizingInput {
            headroom: 1.2,
            utilization_ceiling: 0.7,
            ..worked_example()
        });
        assert!((s.planned_tps - 600.0).abs() < 1e-9);
        assert_eq!(s.needed, 18);
    }

    #[test]
    fn a_need_within_1e9_of_an_integer_is_not_rounded_up() {
        assert_eq!(ceil_need(10.000_000_000_1), 10);
        assert_eq!(ceil_need(9.999_999_999_9), 10);
        assert_eq!(ceil_need(10.000_001), 11);
        // 0.1 * 3 / 0.3 is not exactly 1 in binary floating point.
        assert_eq!(ceil_need(0.1 * 3.0 / 0.3), 1);
    }

    #[test]
    fn producer_bytes_can_set_the_count() {
        // 500 msg/s x 1 MB = 500 MB/s over 10 MB/s per partition = 50 partitions.
        let s = size(&SizingInput {
            message_bytes: 1_000_000,
            cap: 100,
            ..worked_example()
        });
        assert_eq!(
            (s.needs.consumers, s.needs.producer, s.needed),
            (10, 50, 50)
        );
    }

    #[test]
    fn over_the_cap_says_what_would_fit() {
        // 2000 msg/s at 18 ms: 36 partitions needed, cap 30.
        let s = size(&SizingInput {
            max_messages: 3_600_000,
            target_minutes: 30.0,
            service: exponential(18.0),
            ..worked_example()
        });
        assert_eq!((s.needed, s.recommended), (36, 30));
        assert_eq!(s.status, Status::OverCap);
        let fit = s.fits_under_cap.unwrap();
        // ceil(2000 / (30 x 1000 / 18)) = ceil(1.2) = 2
        assert_eq!(fit.concurrency, Some(2));
        // 30 x 1000 / 2000 = 15 ms
        assert!((fit.mean_latency_ms.unwrap() - 15.0).abs() < 1e-9);
        // 3.6e6 x 18 / (30 x 1000 x 60) = 36 minutes
        assert!((fit.target_minutes.unwrap() - 36.0).abs() < 1e-9);
    }

    #[test]
    fn over_the_cap_by_producer_bytes_only_a_longer_target_fits() {
        // 500 msg/s x 1 MB over 10 MB/s per partition: 50 partitions for 10 consumers.
        let input = SizingInput {
            message_bytes: 1_000_000,
            ..worked_example()
        };
        let s = size(&input);
        assert_eq!((s.needs.consumers, s.needs.producer), (10, 50));
        let fit = s.fits_under_cap.unwrap();
        // Faster consumers change nothing about the bytes producers write.
        assert_eq!((fit.concurrency, fit.mean_latency_ms), (None, None));
        // 10 minutes x 50 / 30 = 16.67 minutes
        let target_minutes = fit.target_minutes.unwrap();
        assert!((target_minutes - 50.0 / 3.0).abs() < 1e-9);
        let longer = size(&SizingInput {
            target_minutes,
            ..input
        });
        assert_eq!((longer.needed, longer.status), (30, Status::Ok));
    }

    #[test]
    fn over_the_cap_by_the_delay_objective_the_target_given_fits() {
        // 100 msg/s, 3 consumers would do, but a p99 of 61 ms against 60 ms of latency
        // takes far more partitions than the cap.
        let input = SizingInput {
            max_messages: 60_000,
            utilization_ceiling: 0.7,
            service: Service {
                p99_ms: 60.0,
                ..exponential(20.0)
            },
            max_delay_ms: Some(61.0),
            ..worked_example()
        };
        let s = size(&input);
        assert_eq!(s.status, Status::OverCap);
        assert!(s.needs.delay.unwrap() > 30);
        let fit = s.fits_under_cap.unwrap();
        assert_eq!(fit.concurrency, None);
        let target_minutes = fit.target_minutes.unwrap();
        let longer = size(&SizingInput {
            target_minutes,
            ..input
        });
        assert_eq!((longer.needed, longer.status), (30, Status::Ok));
        // And not much longer than needed: 1% less does not fit.
        let shorter = size(&SizingInput {
            target_minutes: target_minutes * 0.99,
            ..input
        });
        assert_eq!(shorter.status, Status::OverCap);
    }

    #[test]
    fn keyed_topics_get_no_concurrency_suggestion() {
        let s = size(&SizingInput {
            max_messages: 3_600_000,
            target_minutes: 30.0,
            keyed: true,
            service: exponential(18.0),
            ..worked_example()
        });
        assert_eq!(s.fits_under_cap.unwrap().concurrency, None);
    }

    #[test]
    fn delay_objective_adds_partitions_beyond_the_ceiling() {
        let base = SizingInput {
            utilization_ceiling: 0.7,
            max_delay_ms: Some(150.0),
            cap: 1000,
            ..worked_example()
        };
        let s = size(&base);
        let p = s.needs.delay.unwrap();
        assert!(p >= s.needs.consumers);
        assert!(delay::p99_delay_ms(500.0, p, 1, &base.service) <= 150.0);
        assert!(delay::p99_delay_ms(500.0, p - 1, 1, &base.service) > 150.0);
        assert_eq!(s.needed, p);
    }

    #[test]
    fn an_objective_below_p99_latency_is_infeasible() {
        let s = size(&SizingInput {
            utilization_ceiling: 0.7,
            max_delay_ms: Some(50.0),
            ..worked_example()
        });
        assert_eq!(s.status, Status::Infeasible);
        assert!(matches!(
            s.infeasible,
            Some(Infeasible::DelayBelowLatency { .. })
        ));
    }

    #[test]
    fn a_hot_key_makes_the_plan_infeasible() {
        // 60% of 500 msg/s on one key = 300 msg/s > 50 msg/s per partition.
        let mut keys: Vec<String> = vec!["hot".to_string(); 60];
        keys.extend((0..40).map(|i| format!("k{i}")));
        let sample = KeySample::from_keys(keys.iter());
        let s = size(&SizingInput {
            keyed: true,
            keys: Some(&sample),
            ..worked_example()
        });
        assert_eq!(s.status, Status::Infeasible);
        match s.infeasible {
            Some(Infeasible::HotKey { key, share, .. }) => {
                assert_eq!((key.as_str(), share), ("hot", 0.6))
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn an_even_key_sample_needs_at_least_the_consumer_count() {
        let keys: Vec<String> = (0..10_000).map(|i| format!("order-{i}")).collect();
        let sample = KeySample::from_keys(keys.iter());
        let s = size(&SizingInput {
            keyed: true,
            keys: Some(&sample),
            cap: 1000,
            ..worked_example()
        });
        let p = s.needs.key_skew.unwrap();
        assert!(p >= 10);
        assert!(sample.busiest_share(p as u32) * 500.0 <= 50.0);
        for smaller in 10..p {
            assert!(sample.busiest_share(smaller as u32) * 500.0 > 50.0);
        }
    }
}
