//! Warnings, the reasons a plan is infeasible, and guidance, in words.

use crate::human::{bytes, count, number};
use crate::model::{Guidance, Infeasible, Warning};
use crate::request::Delivery;

pub fn warning(warning: &Warning) -> String {
    match warning {
        Warning::Infeasible(why) => format!("infeasible: {}", infeasible(why)),
        Warning::OverCap {
            needed,
            cap,
            recommended,
            utilization,
        } => format!(
            "needs {} partitions, over the cap of {cap}: planned at {}, where consumers run at {}% of capacity; see what fits under the cap",
            count(*needed),
            count(*recommended),
            number(utilization * 100.0)
        ),
        Warning::KeySkewUnresolved { searched_to } => format!(
            "no partition count up to {} spreads the key sample so that the busiest partition fits; the need is higher still",
            count(*searched_to)
        ),
        Warning::PartitionsOnlyGrow { recommended } => format!(
            "keyed topic: partitions can only grow, and growing remaps keys to other partitions, which breaks per-key order; rebalancing pauses consumption. Create it with {} partitions now; to grow later, stop producers and consumers first",
            count(*recommended)
        ),
        Warning::KeySkewUnchecked => "keyed topic without key_sample_file: key skew is not checked, and a hot key limits throughput whatever the partition count".into(),
        Warning::AtMostOnce => "at-most-once: a producer or consumer failure can lose messages; offsets are committed before processing finishes".into(),
        Warning::FewLatencySamples {
            samples,
            mean_ms,
            mean_upper_95_ms,
        } => format!(
            "only {} latency samples: the mean ({} ms) may be as high as {} ms (95% bound); measure more before relying on this plan",
            count(*samples),
            number(*mean_ms),
            number(*mean_upper_95_ms)
        ),
        Warning::LatencyTailUnknown {
            share,
            last_bound_ms,
            high_ms,
        } => {
            let placed = if high_ms > last_bound_ms {
                format!(
                    "taken as spread evenly from {} up to {} ms, where their share of _sum puts them",
                    number(*last_bound_ms),
                    number(*high_ms)
                )
            } else {
                format!(
                    "taken as {} ms, the last bound, as histogram_quantile takes them",
                    number(*last_bound_ms)
                )
            };
            format!(
                "{}% of the latency histogram's observations are above its last bound ({} ms), where it cannot say how slow they were; they are {placed}. Add larger buckets to measure the tail",
                number(share * 100.0),
                number(*last_bound_ms)
            )
        }
        Warning::MessageOverBrokerDefault { largest_bytes } => format!(
            "messages up to {} exceed the broker default message.max.bytes (1 MiB): set the topic's max.message.bytes to at least {largest_bytes}",
            bytes(*largest_bytes as f64)
        ),
    }
}

/// Why no partition count works.
pub fn infeasible(why: &Infeasible) -> String {
    match why {
        Infeasible::DelayBelowLatency {
            objective_ms,
            p99_ms,
        } => format!(
            "the delay objective ({} ms) is below the p99 processing latency ({} ms), so no partition count can meet it; speed up processing or raise max_delay_ms",
            number(*objective_ms),
            number(*p99_ms)
        ),
        Infeasible::DelayBeyondModel {
            objective_ms,
            partitions_modelled,
        } => format!(
            "meeting the delay objective ({} ms) would take more than {} partitions; raise max_delay_ms or speed up processing",
            number(*objective_ms),
            count(*partitions_modelled)
        ),
        Infeasible::DeadlineBeyondModel {
            target_minutes,
            drain_confidence,
        } => format!(
            "no partition count drains every partition within {} min with {}% confidence; processing a single partition's share takes longer than the target; raise target_minutes or speed up processing",
            number(*target_minutes),
            number(drain_confidence * 100.0)
        ),
        Infeasible::HotKey {
            key,
            share,
            key_tps,
            partition_capacity_tps,
        } => format!(
            "key \"{key}\" alone carries {}% of messages ({} msg/s), more than one partition consumes ({} msg/s), so no partition count helps; use a finer key, salt this key, or give it a topic of its own",
            number(share * 100.0),
            number(*key_tps),
            number(*partition_capacity_tps)
        ),
    }
}

pub fn guidance(guidance: &Guidance) -> String {
    match guidance {
        Guidance::Delivery(delivery) => delivery_guidance(*delivery).into(),
        Guidance::NoLatencySamples => "no latency samples: service times are taken as exponential (E[S^2] = 2 mean^2); measured samples give a sharper plan".into(),
        Guidance::ThreadsPerPartition { threads } => format!(
            "{threads} threads per partition process a partition's messages out of order; acceptable only because this topic has no ordering requirement"
        ),
        Guidance::NoDelayObjective { max_utilization } => format!(
            "no max_delay_ms: sized by the utilisation ceiling ({}) alone; set a delay objective to size for it",
            number(*max_utilization)
        ),
        Guidance::BatchNearFull { utilization } => format!(
            "consumers are planned at {}% of capacity: the batch ends when the slowest partition drains, so runs can overrun the target; `kplan simulate` shows the spread, and headroom above 1 adds margin",
            number(utilization * 100.0)
        ),
        Guidance::ProducerBound {
            partitions,
            partition_write_bytes_per_sec,
        } => format!(
            "the producers' byte rate sets the partition count: {} partitions at {}/s each",
            count(*partitions),
            bytes(*partition_write_bytes_per_sec)
        ),
        Guidance::DeadLetter {
            retries,
            backoff_ms,
            topic,
        } => format!(
            "after {retries} retries {} ms apart, publish the failed record to {topic} with its original key, and headers naming the error and the source partition and offset",
            count(*backoff_ms)
        ),
    }
}

fn delivery_guidance(delivery: Delivery) -> &'static str {
    match delivery {
        Delivery::AtLeastOnce => {
            "at-least-once: commit offsets manually after processing succeeds (commitSync() / acknowledge()); duplicates will arrive, so make processing idempotent: skip a message whose event id was already applied, and order updates by a publish timestamp carried in the message"
        }
        Delivery::ExactlyOnce => {
            "exactly-once: produce in transactions (initTransactions, sendOffsetsToTransaction, commitTransaction) and consume with isolation.level=read_committed; side effects outside Kafka still need to be idempotent"
        }
        Delivery::AtMostOnce => {
            "at-most-once: offsets are auto-committed; use it only where losing a message on failure is acceptable"
        }
    }
}
