//! Warnings (risks in the plan) and guidance (what the teams must do for the plan to
//! hold), derived from the plan itself.

use super::service::ServiceShape;
use super::sizing::{Infeasible, Sizing, Status};
use super::{Plan, TopicType, Warning, WarningKind};
use crate::human::{bytes, count, number};
use crate::request::Delivery;

/// The broker's default message.max.bytes (1 MiB plus record-batch overhead).
const BROKER_DEFAULT_MESSAGE_MAX_BYTES: u64 = 1_048_588;
/// A batch planned this close to full capacity has no margin for slow partitions.
const NEAR_FULL: f64 = 0.98;
/// Below this many samples the mean is too uncertain to size on quietly.
const FEW_SAMPLES: u64 = 30;
/// A mean whose 95% upper bound is this much higher deserves more samples.
const UNCERTAIN_MEAN_RATIO: f64 = 1.05;

pub fn warnings(plan: &Plan, sizing: &Sizing) -> Vec<Warning> {
    let mut warnings = Vec::new();
    let mut warn = |kind, message: String| warnings.push(Warning { kind, message });
    if let Some(why) = &sizing.infeasible {
        warn(
            WarningKind::Infeasible,
            format!("infeasible: {}", infeasible_reason(why, plan)),
        );
    }
    if plan.status == Status::OverCap {
        warn(
            WarningKind::OverCap,
            format!(
                "needs {} partitions, over the cap of {}: planned at {}, where consumers run at {}% of capacity; see what fits under the cap",
                count(plan.needed),
                plan.cap,
                count(plan.recommended),
                number(plan.predicted.utilization * 100.0)
            ),
        );
    }
    if let Some(above) = sizing.key_skew_unresolved_above {
        warn(
            WarningKind::KeySkewUnresolved,
            format!(
                "no partition count up to {} spreads the key sample so that the busiest partition fits; the need is higher still",
                count(above)
            ),
        );
    }
    if plan.inputs.partition_key.is_some() {
        warn(
            WarningKind::PartitionsOnlyGrow,
            format!(
                "keyed topic: partitions can only grow, and growing remaps keys to other partitions, which breaks per-key order; rebalancing pauses consumption. Create it with {} partitions now; to grow later, stop producers and consumers first",
                count(plan.recommended)
            ),
        );
        if plan.inputs.key_sample_file.is_none() {
            warn(WarningKind::KeySkewUnchecked,
                "keyed topic without key_sample_file: key skew is not checked, and a hot key limits throughput whatever the partition count".to_string(),
            );
        }
    }
    if plan.inputs.delivery == Delivery::AtMostOnce {
        warn(WarningKind::AtMostOnce,
            "at-most-once: a producer or consumer failure can lose messages; offsets are committed before processing finishes".to_string(),
        );
    }
    if let Some(message) = sample_warning(plan) {
        warn(WarningKind::FewLatencySamples, message);
    }
    if let Some(message) = tail_warning(plan) {
        warn(WarningKind::LatencyTailUnknown, message);
    }
    if let Some(largest) = plan.inputs.max_message_bytes {
        if largest > BROKER_DEFAULT_MESSAGE_MAX_BYTES {
            warn(
                WarningKind::MessageOverBrokerDefault,
                format!(
                    "messages up to {} exceed the broker default message.max.bytes (1 MiB): set the topic's max.message.bytes to at least {largest}",
                    bytes(largest as f64)
                ),
            );
        }
    }
    warnings
}

/// Why no partition count works, in words.
pub fn infeasible_reason(why: &Infeasible, plan: &Plan) -> String {
    match why {
        Infeasible::DelayBelowLatency {
            objective_ms,
            p99_ms,
        } => format!(
            "the delay objective ({} ms) is below the p99 processing latency ({} ms), so no partition count can meet it; speed up processing or raise max_delay_ms",
            number(*objective_ms),
            number(*p99_ms)
        ),
        Infeasible::DelayBeyondModel { objective_ms } => format!(
            "meeting the delay objective ({} ms) would take more than {} partitions; raise max_delay_ms or speed up processing",
            number(*objective_ms),
            count(super::sizing::MAX_MODELLED_PARTITIONS as u64)
        ),
        Infeasible::DeadlineBeyondModel { target_minutes } => format!(
            "no partition count drains every partition within {} min with {}% confidence; processing a single partition's share takes longer than the target; raise target_minutes or speed up processing",
            number(*target_minutes),
            number(plan.inputs.drain_confidence.unwrap_or(0.95) * 100.0)
        ),
        Infeasible::HotKey {
            key,
            share,
            key_tps,
        } => format!(
            "key \"{key}\" alone carries {}% of messages ({} msg/s), more than one partition consumes ({} msg/s), so no partition count helps; use a finer key, salt this key, or give it a topic of its own",
            number(share * 100.0),
            number(*key_tps),
            number(plan.per_partition_tps * plan.inputs.max_utilization)
        ),
    }
}

/// A latency histogram with more than this share of its observations beyond the last
/// finite bound leaves the distribution's tail to an assumption.
const UNKNOWN_TAIL_SHARE: f64 = 0.01;

fn tail_warning(plan: &Plan) -> Option<String> {
    let ServiceShape::Histogram {
        tail: Some(tail), ..
    } = plan.inputs.latency_shape
    else {
        return None;
    };
    if tail.share <= UNKNOWN_TAIL_SHARE {
        return None;
    }
    let placed = if tail.high_ms > tail.last_bound_ms {
        format!(
            "taken as spread evenly from {} up to {} ms, where their share of _sum puts them",
            number(tail.last_bound_ms),
            number(tail.high_ms)
        )
    } else {
        format!(
            "taken as {} ms, the last bound, as histogram_quantile takes them",
            number(tail.last_bound_ms)
        )
    };
    Some(format!(
        "{}% of the latency histogram's observations are above its last bound ({} ms), where it cannot say how slow they were; they are {placed}. Add larger buckets to measure the tail",
        number(tail.share * 100.0),
        number(tail.last_bound_ms)
    ))
}

fn sample_warning(plan: &Plan) -> Option<String> {
    let stats = &plan.latency_ms;
    let (n, upper) = (stats.count?, stats.mean_upper_95?);
    if n < FEW_SAMPLES || upper > stats.mean * UNCERTAIN_MEAN_RATIO {
        Some(format!(
            "only {} latency samples: the mean ({} ms) may be as high as {} ms (95% bound); measure more before relying on this plan",
            count(n),
            number(stats.mean),
            number(upper)
        ))
    } else {
        None
    }
}

pub fn guidance(plan: &Plan) -> Vec<String> {
    let mut guidance = vec![delivery_guidance(plan.inputs.delivery)];
    if plan.latency_ms.count.is_none() {
        guidance.push(
            "no latency samples: service times are taken as exponential (E[S^2] = 2 mean^2); measured samples give a sharper plan".to_string(),
        );
    }
    if plan.inputs.concurrency > 1 {
        guidance.push(format!(
            "{} threads per partition process a partition's messages out of order; acceptable only because this topic has no ordering requirement",
            plan.inputs.concurrency
        ));
    }
    if plan.kind == TopicType::Online && plan.inputs.max_delay_ms.is_none() {
        guidance.push(format!(
            "no max_delay_ms: sized by the utilisation ceiling ({}) alone; set a delay objective to size for it",
            number(plan.inputs.max_utilization)
        ));
    }
    if plan.kind == TopicType::Batch
        && plan.status == Status::Ok
        && plan.predicted.utilization > NEAR_FULL
    {
        guidance.push(format!(
            "consumers are planned at {}% of capacity: the batch ends when the slowest partition drains, so runs can overrun the target; `kplan simulate` shows the spread, and headroom above 1 adds margin",
            number(plan.predicted.utilization * 100.0)
        ));
    }
    if plan.needs.producer > plan.needs.consumers && plan.needs.producer == plan.needed {
        guidance.push(format!(
            "the producers' byte rate sets the partition count: {} partitions at {}/s each",
            count(plan.needs.producer),
            bytes(plan.inputs.partition_write_bytes_per_sec)
        ));
    }
    if let Some(dl) = &plan.dead_letter {
        guidance.push(format!(
            "after {} retries {} ms apart, publish the failed record to {} with its original key, and headers naming the error and the source partition and offset",
            dl.retries,
            count(dl.backoff_ms),
            dl.topic
        ));
    }
    guidance
}

fn delivery_guidance(delivery: Delivery) -> String {
    match delivery {
        Delivery::AtLeastOnce => "at-least-once: commit offsets manually after processing succeeds (commitSync() / acknowledge()); duplicates will arrive, so make processing idempotent: skip a message whose event id was already applied, and order updates by a publish timestamp carried in the message".to_string(),
        Delivery::ExactlyOnce => "exactly-once: produce in transactions (initTransactions, sendOffsetsToTransaction, commitTransaction) and consume with isolation.level=read_committed; side effects outside Kafka still need to be idempotent".to_string(),
        Delivery::AtMostOnce => "at-most-once: offsets are auto-committed; use it only where losing a message on failure is acceptable".to_string(),
    }
}
