//! How many partitions a topic needs: the consumer, key-skew, delay, deadline and
//! producer needs, the per-topic cap, and what would fit under it (PRODUCT.md, "Rates
//! and needs").

use super::delay::{DelayModel, partitions_for_delay};
use super::drain::{Spread, slowest_drain_ms};
use super::search::first_fitting;
use super::service::ServiceTime;
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
    pub service: ServiceTime<'a>,
    /// Online delay objective.
    pub max_delay_ms: Option<f64>,
    /// Batch: the chance every partition drains in time; `None` for online.
    pub drain_confidence: Option<f64>,
    pub keys: Option<&'a KeySample>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Needs {
    /// ceil(planned_tps / (per_partition_tps x u)).
    pub consumers: u64,
    /// ceil(planned_tps x message_bytes / partition_write_bytes_per_sec).
    pub producer: u64,
    /// Online with max_delay_ms: the smallest count meeting the p99 delay objective.
    pub delay: Option<u64>,
    /// Batch: the smallest count whose slowest partition drains in time with the
    /// drain confidence.
    pub deadline: Option<u64>,
    /// Keyed with a key sample: the smallest count whose busiest partition fits.
    pub key_skew: Option<u64>,
}

/// Why no partition count can work.
#[derive(Debug, Clone, PartialEq)]
pub enum Infeasible {
    /// The delay objective is below the p99 processing latency.
    DelayBelowLatency { objective_ms: f64, p99_ms: f64 },
    /// Meeting the delay objective would take more than `partitions_modelled`.
    DelayBeyondModel {
        objective_ms: f64,
        partitions_modelled: u64,
    },
    /// No partition count drains within the target with the drain confidence.
    DeadlineBeyondModel {
        target_minutes: f64,
        drain_confidence: f64,
    },
    /// One key alone exceeds what one partition can consume.
    HotKey {
        key: String,
        share: f64,
        key_tps: f64,
        partition_capacity_tps: f64,
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

/// Partitions searched above the consumer need for a key spread that fits.
pub const KEY_SEARCH_SPAN: u64 = 1024;
/// Counts tried one by one for a keyed delay need before searching by rate.
const KEYED_DELAY_TRIES: u64 = 16;
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
    let per_partition_tps = f64::from(input.concurrency) * 1000.0 / input.service.mean_ms();
    let partition_capacity = per_partition_tps * input.utilization_ceiling;
    Rates {
        required_tps,
        planned_tps,
        per_partition_tps,
        partition_capacity,
        consumer_need: planned_tps / partition_capacity,
        producer_need: producer_need(input, planned_tps),
    }
}

/// The producers' need before rounding: the topic's byte rate over what one partition
/// takes in writes.
pub fn producer_need(input: &SizingInput, planned_tps: f64) -> f64 {
    planned_tps * input.message_bytes as f64 / input.partition_write_bytes_per_sec
}

/// A request whose needs are beyond [`MAX_MODELLED_PARTITIONS`]: the larger need, and
/// whether the consumers or the producers have it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScaleProblem {
    pub partitions: f64,
    pub consumers: bool,
}

/// The request's needs when they are beyond [`MAX_MODELLED_PARTITIONS`].
pub fn scale_problem(input: &SizingInput) -> Option<ScaleProblem> {
    let r = rates(input);
    let consumers = r.consumer_need >= r.producer_need;
    let need = if consumers {
        r.consumer_need
    } else {
        r.producer_need
    };
    (need > MAX_MODELLED_PARTITIONS).then_some(ScaleProblem {
        partitions: need,
        consumers,
    })
}

/// Sizes `input` with a delay model of its own.
pub fn size(input: &SizingInput) -> Sizing {
    size_with(
        input,
        &mut DelayModel::new(input.service, input.concurrency),
    )
}

/// Sizes `input`; `delay` is the partition queue's model for its service and threads,
/// kept by the caller so the prediction reuses what the search built.
pub fn size_with(input: &SizingInput, delay: &mut DelayModel) -> Sizing {
    let r = rates(input);
    let consumers = ceil_need(r.consumer_need).max(1);
    let producer = ceil_need(r.producer_need);

    let mut infeasible = None;
    let mut key_skew = None;
    let mut key_skew_unresolved_above = None;
    if let Some(keys) = input.keys {
        match key_skew_need(keys, r.planned_tps, r.partition_capacity, consumers) {
            KeySkew::Fits(p) => key_skew = Some(p),
            KeySkew::Unresolved(p) => key_skew_unresolved_above = Some(p),
            KeySkew::HotKey(hot) => infeasible = Some(hot),
        }
    }
    let throughput_need = consumers.max(key_skew.unwrap_or(0));
    let delay_need = input
        .max_delay_ms
        .map(|objective| delay_need(input, delay, r.planned_tps, objective, throughput_need));
    let delay_count = match delay_need {
        Some(Ok(p)) => Some(p),
        Some(Err(why)) => {
            infeasible.get_or_insert(why);
            None
        }
        None => None,
    };
    let deadline = input.drain_confidence.map(|confidence| {
        (
            confidence,
            deadline_need(input, confidence, throughput_need),
        )
    });
    let deadline_count = match deadline {
        Some((_, Some(p))) => Some(p),
        Some((drain_confidence, None)) => {
            infeasible.get_or_insert(Infeasible::DeadlineBeyondModel {
                target_minutes: input.target_minutes,
                drain_confidence,
            });
            None
        }
        None => None,
    };

    let needs = Needs {
        consumers,
        producer,
        delay: delay_count,
        deadline: deadline_count,
        key_skew,
    };
    let needed = [
        consumers,
        producer,
        delay_count.unwrap_or(0),
        deadline_count.unwrap_or(0),
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
        required_tps: r.required_tps,
        planned_tps: r.planned_tps,
        per_partition_tps: r.per_partition_tps,
        needs,
        needed,
        recommended,
        cap,
        status,
        infeasible,
        key_skew_unresolved_above,
    }
}

/// The arrival rate at the busiest partition of `partitions`: its key-sample share of
/// the rate, or an even share.
pub fn busiest_rate(keys: Option<&KeySample>, tps: f64, partitions: u64) -> f64 {
    match keys {
        Some(keys) => keys.busiest_share(partitions.min(u64::from(u32::MAX)) as u32) * tps,
        None => tps / partitions.max(1) as f64,
    }
}

/// The smallest count from `from` whose busiest partition meets the delay objective.
fn delay_need(
    input: &SizingInput,
    delay: &mut DelayModel,
    tps: f64,
    objective_ms: f64,
    from: u64,
) -> Result<u64, Infeasible> {
    let p99_ms = input.service.p99_ms;
    if objective_ms < p99_ms {
        return Err(Infeasible::DelayBelowLatency {
            objective_ms,
            p99_ms,
        });
    }
    let beyond = Infeasible::DelayBeyondModel {
        objective_ms,
        partitions_modelled: MAX_MODELLED_PARTITIONS as u64,
    };
    let Some(keys) = input.keys else {
        let limit = MAX_MODELLED_PARTITIONS as u64;
        return partitions_for_delay(delay, tps, objective_ms, from, limit).ok_or(beyond);
    };
    // Key shares do not fall steadily with the count: try the first few counts, then
    // find the highest rate one partition may take and the first count whose busiest
    // partition stays below it.
    let first_tried = (from..from.saturating_add(KEYED_DELAY_TRIES))
        .find(|&p| delay.meets(busiest_rate(Some(keys), tps, p), objective_ms));
    if let Some(p) = first_tried {
        return Ok(p);
    }
    let max_rate = delay.max_rate_for(objective_ms).ok_or(beyond.clone())?;
    (from..=from.saturating_add(KEY_SEARCH_SPAN))
        .find(|&p| busiest_rate(Some(keys), tps, p) <= max_rate)
        .ok_or(beyond)
}

/// Messages on each of `partitions` partitions in one run: max_messages x headroom,
/// spread by the key sample or evenly.
pub fn partition_messages(input: &SizingInput, partitions: u64) -> Spread {
    let total = input.max_messages as f64 * input.headroom;
    match input.keys {
        Some(keys) if partitions <= KEY_SEARCH_LIMIT => {
            let counts = keys.counts(partitions as u32);
            let sample = keys.total.max(1) as f64;
            Spread::Each(counts.iter().map(|&c| total * c as f64 / sample).collect())
        }
        _ => Spread::Even { total, partitions },
    }
}

/// The slowest partition's drain time at level `p`, in minutes, at `partitions`.
pub fn slowest_drain_minutes(input: &SizingInput, partitions: u64, p: f64) -> f64 {
    let messages = partition_messages(input, partitions);
    slowest_drain_ms(&input.service, &messages, input.concurrency, p) / 60_000.0
}

/// The smallest count from `from` whose slowest partition drains within the target
/// with `confidence`; `None` when none does.
fn deadline_need(input: &SizingInput, confidence: f64, from: u64) -> Option<u64> {
    let fits = |p: u64| slowest_drain_minutes(input, p, confidence) <= input.target_minutes;
    match input.keys {
        // Key shares do not fall steadily with the count: try each in turn.
        Some(_) if from <= KEY_SEARCH_LIMIT => (from..=from + KEY_SEARCH_SPAN).find(|&p| fits(p)),
        _ => first_fitting(from, MAX_MODELLED_PARTITIONS as u64, fits),
    }
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
                partition_capacity_tps: capacity,
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
    use crate::test_plans::worked_example;

    #[test]
    fn twenty_ms_per_message_and_500_per_second_need_10_partitions() {
        let s = size(&worked_example());
        assert_eq!(s.required_tps, 500.0);
        assert_eq!(s.per_partition_tps, 50.0);
        assert_eq!(s.needs.consumers, 10);
        assert_eq!((s.needed, s.recommended, s.status), (10, 10, Status::Ok));
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
        // Independently, M/M/1: the p99 sojourn ln(100) / (mu - lambda) is within 150 ms
        // when lambda <= 50 - ln(100) / 0.15 per second.
        let lambda = 50.0 - 100f64.ln() / 0.15;
        assert_eq!(p, (500.0 / lambda).ceil() as u64);
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
