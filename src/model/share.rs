//! Share groups (KIP-932): records are acquired one by one from a share-partition, so the
//! group is ONE queue for the whole topic served by every consumer's threads (M/G/N).
//! Consumers come from the processing time; partitions only from the producers and from
//! the in-flight record locks each share-partition holds.

use super::Prediction;
use super::delay::DelayModel;
use super::drain::{DrainMinutes, Spread, slowest_drain_ms};
use super::search::first_fitting;
use super::sizing::{Infeasible, Sizing, SizingInput, Status, ceil_need};

/// share.partition.max.record.locks: records in flight on one share-partition (broker
/// default).
pub const MAX_RECORD_LOCKS: u64 = 2_000;
/// share.record.lock.duration.ms: how long a consumer holds an acquired record (group
/// default), and the most the brokers allow (group.share.max.record.lock.duration.ms).
pub const LOCK_DURATION_MS: u64 = 30_000;
pub const MAX_LOCK_DURATION_MS: u64 = 60_000;
/// A poll's records must finish within this share of the lock, or records are
/// redelivered to another consumer while still in work.
pub const LOCK_SHARE: f64 = 0.5;
/// The most consumer threads the model reasons about (consumers x threads): far beyond
/// any deployment, and what a simulation of the one queue can hold.
const MAX_SERVERS: u64 = 100_000;

/// A share group's size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ShareSizing {
    /// Consumers, each with the request's threads.
    pub consumers: u64,
    /// How long a consumer holds an acquired record: the default, or longer so one
    /// record at p99 fits half of it, up to the brokers' most.
    pub lock_ms: u64,
    /// Records one poll acquires: its p99 time must fit half the lock.
    pub max_poll_records: u64,
    /// Set when max_poll_records was lowered so this many consumers share each
    /// partition's record locks within the cap.
    pub lowered_for_consumers_per_partition: Option<u64>,
    /// Partitions the consumers' in-flight locks need.
    pub lock_need: u64,
    /// Whether a consumer count meets the delay objective or the deadline.
    pub feasible: bool,
}

/// The lock a record at p99 latency fits half of: the default, raised in whole seconds
/// up to the brokers' most. Past that, a record must renew its lock while in work.
pub fn lock_for(p99_ms: f64) -> u64 {
    let wanted = ((p99_ms / LOCK_SHARE) / 1000.0).ceil() as u64 * 1000;
    wanted.clamp(LOCK_DURATION_MS, MAX_LOCK_DURATION_MS)
}

/// Records per poll such that a poll at p99 latency ends within half the lock, at most
/// `limit` (the profile's); at least 1.
pub fn records_within_lock(p99_ms: f64, lock_ms: u64, limit: u64) -> u64 {
    let fit = (lock_ms as f64 * LOCK_SHARE / p99_ms).floor() as u64;
    fit.clamp(1, limit.max(1))
}

/// Consumers per share-partition the lock limit allows.
pub fn consumers_per_partition(max_poll_records: u64) -> u64 {
    (MAX_RECORD_LOCKS / max_poll_records.max(1)).max(1)
}

/// Sizes the share group for `input` at its planned rate.
pub fn size_share(input: &SizingInput, planned_tps: f64, poll_limit: u64) -> ShareSizing {
    let threads = u64::from(input.concurrency);
    let throughput = throughput_consumers(input, planned_tps);
    let limit = MAX_SERVERS / threads.max(1);
    let objective = match (input.max_delay_ms, input.drain_confidence) {
        _ if throughput > limit => None,
        (Some(objective_ms), _) => first_fitting(throughput, limit, |n| {
            delay_model(input, n).meets(planned_tps, objective_ms)
        }),
        (None, Some(confidence)) => {
            let target_ms = input.target_minutes * 60_000.0;
            first_fitting(throughput, limit, |n| {
                drain_ms(input, n, confidence) <= target_ms
            })
        }
        (None, None) => Some(throughput),
    };
    let consumers = objective.unwrap_or(throughput);
    let lock_ms = lock_for(input.service.p99_ms);
    let mut max_poll_records = records_within_lock(input.service.p99_ms, lock_ms, poll_limit);
    let mut lowered = None;
    let cap = u64::from(input.cap).max(1);
    // More partitions than the cap only to hold locks: take fewer records per poll
    // instead, while a poll still holds one.
    if consumers.div_ceil(consumers_per_partition(max_poll_records)) > cap {
        let per_partition = consumers.div_ceil(cap);
        let fit = MAX_RECORD_LOCKS / per_partition;
        if fit >= 1 {
            max_poll_records = max_poll_records.min(fit);
            lowered = Some(per_partition);
        }
    }
    ShareSizing {
        consumers,
        lock_ms,
        max_poll_records,
        lowered_for_consumers_per_partition: lowered,
        lock_need: consumers.div_ceil(consumers_per_partition(max_poll_records)),
        feasible: objective.is_some(),
    }
}

/// Consumers for the load alone: planned_tps x mean / (utilisation ceiling x threads).
pub fn throughput_consumers(input: &SizingInput, planned_tps: f64) -> u64 {
    let busy = planned_tps * input.service.mean_ms() / 1000.0;
    ceil_need(busy / (input.utilization_ceiling * f64::from(input.concurrency))).max(1)
}

/// The consumers that carry `planned_tps` on `partitions` partitions, when their
/// threads are within the model and a poll of one record each fits the record locks.
pub fn consumers_on(input: &SizingInput, planned_tps: f64, partitions: u64) -> Option<u64> {
    let consumers = throughput_consumers(input, planned_tps);
    let servers = consumers.saturating_mul(u64::from(input.concurrency));
    (servers <= MAX_SERVERS && consumers.div_ceil(partitions.max(1)) <= MAX_RECORD_LOCKS)
        .then_some(consumers)
}

fn workers(consumers: u64, threads: u64) -> u32 {
    u32::try_from(consumers.saturating_mul(threads)).unwrap_or(u32::MAX)
}

/// The sizing with partitions from the producers and the record locks only: a share
/// group's consumers do not need partitions of their own.
pub fn share_partitions(mut sizing: Sizing, share: &ShareSizing, input: &SizingInput) -> Sizing {
    sizing.needs.consumers = share.lock_need;
    sizing.needs.delay = None;
    sizing.needs.deadline = None;
    sizing.needs.key_skew = None;
    sizing.needed = sizing.needs.producer.max(share.lock_need).max(1);
    sizing.recommended = sizing.needed.min(u64::from(sizing.cap));
    // A delay objective below the p99 service time holds for any group; what else the
    // partition sizing found infeasible, many consumers on few partitions can meet.
    let below = matches!(
        sizing.infeasible,
        Some(Infeasible::DelayBelowLatency { .. })
    );
    if !below {
        sizing.infeasible = (!share.feasible).then(|| beyond(input));
    }
    sizing.key_skew_unresolved_above = None;
    sizing.status = match (&sizing.infeasible, sizing.needed > u64::from(sizing.cap)) {
        (Some(_), _) => Status::Infeasible,
        (None, true) => Status::OverCap,
        (None, false) => Status::Ok,
    };
    sizing
}

fn beyond(input: &SizingInput) -> Infeasible {
    match (input.max_delay_ms, input.drain_confidence) {
        (Some(objective_ms), _) => Infeasible::DelayBeyondModel {
            objective_ms,
            partitions_modelled: MAX_SERVERS,
        },
        (None, confidence) => Infeasible::DeadlineBeyondModel {
            target_minutes: input.target_minutes,
            drain_confidence: confidence.unwrap_or(0.95),
        },
    }
}

/// Consumers' utilisation: the topic's work over every consumer's threads.
pub fn utilization(input: &SizingInput, planned_tps: f64, consumers: u64) -> f64 {
    let servers = consumers as f64 * f64::from(input.concurrency);
    planned_tps * input.service.mean_ms() / 1000.0 / servers
}

/// The shared queue's model: every consumer's threads serve the one queue.
pub fn delay_model<'s>(input: &SizingInput<'s>, consumers: u64) -> DelayModel<'s> {
    DelayModel::new(
        input.service,
        workers(consumers, u64::from(input.concurrency)),
    )
}

/// The whole backlog's drain, ms, at level `p`, over every consumer's threads.
pub fn drain_ms(input: &SizingInput, consumers: u64, p: f64) -> f64 {
    let total = input.max_messages as f64 * input.headroom;
    let spread = Spread::Even {
        total,
        partitions: 1,
    };
    slowest_drain_ms(
        &input.service,
        &spread,
        workers(consumers, u64::from(input.concurrency)),
        p,
    )
}

/// The prediction for `consumers` sharing the one queue: online, its p99 delay; batch,
/// the whole backlog's drain.
pub fn predict(input: &SizingInput, sizing: &Sizing, consumers: u64) -> Prediction {
    let mut prediction = Prediction {
        utilization: utilization(input, sizing.planned_tps, consumers),
        p99_delay_ms: None,
        mean_delay_ms: None,
        method: None,
        drain_minutes: None,
        drain_minutes_at_confidence: None,
    };
    match input.drain_confidence {
        None => {
            if let Some(d) = delay_model(input, consumers).at(sizing.planned_tps) {
                prediction.p99_delay_ms = Some(d.p99_ms).filter(|x| x.is_finite());
                prediction.mean_delay_ms = Some(d.mean_ms);
                prediction.method = Some(d.method);
            }
        }
        Some(confidence) => {
            let minutes = |p: f64| drain_ms(input, consumers, p) / 60_000.0;
            prediction.drain_minutes = Some(DrainMinutes {
                p50: minutes(0.5),
                p95: minutes(0.95),
            });
            prediction.drain_minutes_at_confidence = Some(minutes(confidence));
        }
    }
    prediction
}
