//! Warnings, the reasons a plan is infeasible, and guidance, as messages.

use crate::human::{bytes, count, number};
use crate::i18n::{Lang, Message};
use crate::model::{Guidance, Infeasible, Warning};

pub fn warning(lang: Lang, warning: &Warning) -> String {
    warning_message(warning).render(lang)
}

/// A warning as a message: `warning-<kind>`. An infeasible plan's reason is a message
/// of its own, carried as the argument `reason`.
pub fn warning_message(warning: &Warning) -> Message {
    let m = Message::new(format!("warning-{}", warning.kind().as_str()));
    match warning {
        Warning::Infeasible(why) => m.arg_message("reason", infeasible_message(why)),
        Warning::OverCap {
            needed,
            cap,
            recommended,
            utilization,
        } => m
            .arg("needed", count(*needed))
            .arg("cap", cap.to_string())
            .arg("recommended", count(*recommended))
            .arg("percent", number(utilization * 100.0)),
        Warning::KeySkewUnresolved { searched_to } => m.arg("searched_to", count(*searched_to)),
        Warning::PartitionsOnlyGrow { recommended } => m.arg("recommended", count(*recommended)),
        Warning::KeySkewUnchecked | Warning::AtMostOnce => m,
        Warning::FewLatencySamples {
            samples,
            mean_ms,
            mean_upper_95_ms,
        } => m
            .arg("samples", count(*samples))
            .arg("mean_ms", number(*mean_ms))
            .arg("upper_ms", number(*mean_upper_95_ms)),
        Warning::LatencyTailUnknown {
            share,
            last_bound_ms,
            high_ms,
        } => {
            // Above the last bound the histogram says nothing: the shape spreads the
            // tail up to where _sum puts it, or, without room, leaves it at the bound.
            let placed = if high_ms > last_bound_ms {
                Message::new("tail-spread-to-sum").arg("high_ms", number(*high_ms))
            } else {
                Message::new("tail-at-last-bound")
            };
            m.arg("percent", number(share * 100.0))
                .arg("last_bound_ms", number(*last_bound_ms))
                .arg_message(
                    "placed",
                    placed.arg("last_bound_ms", number(*last_bound_ms)),
                )
        }
        Warning::MessageOverBrokerDefault { largest_bytes } => m
            .arg("largest", bytes(*largest_bytes as f64))
            .arg("largest_bytes", largest_bytes.to_string()),
    }
}

/// Why no partition count works.
pub fn infeasible(lang: Lang, why: &Infeasible) -> String {
    infeasible_message(why).render(lang)
}

pub fn infeasible_message(why: &Infeasible) -> Message {
    match why {
        Infeasible::DelayBelowLatency {
            objective_ms,
            p99_ms,
        } => Message::new("infeasible-delay-below-latency")
            .arg("objective_ms", number(*objective_ms))
            .arg("p99_ms", number(*p99_ms)),
        Infeasible::DelayBeyondModel {
            objective_ms,
            partitions_modelled,
        } => Message::new("infeasible-delay-beyond-model")
            .arg("objective_ms", number(*objective_ms))
            .arg("partitions", count(*partitions_modelled)),
        Infeasible::DeadlineBeyondModel {
            target_minutes,
            drain_confidence,
        } => Message::new("infeasible-deadline-beyond-model")
            .arg("target_minutes", number(*target_minutes))
            .arg("percent", number(drain_confidence * 100.0)),
        Infeasible::HotKey {
            key,
            share,
            key_tps,
            partition_capacity_tps,
        } => Message::new("infeasible-hot-key")
            .arg("key", key.clone())
            .arg("percent", number(share * 100.0))
            .arg("key_tps", number(*key_tps))
            .arg("partition_tps", number(*partition_capacity_tps)),
    }
}

pub fn guidance(lang: Lang, guidance: &Guidance) -> String {
    guidance_message(guidance).render(lang)
}

pub fn guidance_message(guidance: &Guidance) -> Message {
    match guidance {
        Guidance::Delivery(delivery) => {
            Message::new("guidance-delivery").arg("delivery", delivery.as_str())
        }
        Guidance::NoLatencySamples => Message::new("guidance-no-latency-samples"),
        Guidance::ThreadsPerPartition { threads } => {
            Message::new("guidance-threads-per-partition").arg("threads", threads.to_string())
        }
        Guidance::NoDelayObjective { max_utilization } => {
            Message::new("guidance-no-delay-objective")
                .arg("max_utilization", number(*max_utilization))
        }
        Guidance::BatchNearFull { utilization } => {
            Message::new("guidance-batch-near-full").arg("percent", number(utilization * 100.0))
        }
        Guidance::ProducerBound {
            partitions,
            partition_write_bytes_per_sec,
        } => Message::new("guidance-producer-bound")
            .arg("partitions", count(*partitions))
            .arg("partition_rate", bytes(*partition_write_bytes_per_sec)),
        Guidance::DeadLetter {
            retries,
            backoff_ms,
            topic,
        } => Message::new("guidance-dead-letter")
            .arg("retries", retries.to_string())
            .arg("backoff_ms", count(*backoff_ms))
            .arg("topic", topic.clone()),
    }
}
