//! The comments `kplan export` writes beside each value: topic reasons, the scaling
//! reasoning and the lines that head each file. One function per message.

use crate::human::{bytes, count, number};
use crate::model::settings::Acks;
use crate::model::topic::{ConsumerScaling, LagBasis, TopicReason};
use crate::request::GroupProtocol;

/// The reason for a topic's partition count, replication factor or config value.
pub fn topic_reason(reason: &TopicReason) -> String {
    use TopicReason as R;
    match reason {
        R::PlannedPartitions {
            partitions,
            consumers,
        } => planned_partitions(*partitions, *consumers),
        R::SharedPartitions {
            partitions,
            consumers,
        } => shared_partitions(*partitions, *consumers),
        R::DeadLetterPartitions { partitions } => dead_letter_partitions(*partitions),
        R::Replication {
            replication_factor,
            min_insync_replicas,
        } => replication(*replication_factor, *min_insync_replicas),
        R::MinInsyncReplicas {
            min_insync_replicas,
            replication_factor,
            acks,
        } => min_insync(*min_insync_replicas, *replication_factor, *acks),
        R::MaxMessageBytes {
            largest_message_bytes,
            max_request_size,
            batch_size,
        } => max_message_bytes(*largest_message_bytes, *max_request_size, *batch_size),
        R::Retention {
            retention_ms,
            window_minutes,
            floor_ms,
        } => retention(*retention_ms, *window_minutes, *floor_ms),
        R::DeadLetterRetention { retention_ms } => dead_letter_retention(*retention_ms),
        R::CleanupDelete => cleanup_delete(),
        R::CompressionProducer { codec } => compression_producer(codec.map(|c| c.as_str())),
    }
}

fn planned_partitions(partitions: u64, consumers: u64) -> String {
    format!(
        "the plan's {} partitions, one per consumer ({} consumers); partitions only grow",
        count(partitions),
        count(consumers)
    )
}

fn shared_partitions(partitions: u64, consumers: u64) -> String {
    format!(
        "the plan's {} partitions, for the producers' writes and the record locks of {} share-group consumers, who share them; partitions only grow",
        count(partitions),
        count(consumers)
    )
}

fn dead_letter_partitions(partitions: u64) -> String {
    format!(
        "{} partitions, as many as the topic, so a failed record keeps its partition",
        count(partitions)
    )
}

fn replication(replication_factor: u32, min_insync_replicas: u32) -> String {
    match replication_factor.checked_sub(min_insync_replicas) {
        Some(1) => format!(
            "{replication_factor} copies of each partition: with min.insync.replicas={min_insync_replicas}, acks=all writes go on through one broker failure"
        ),
        Some(spare) if spare > 1 => format!(
            "{replication_factor} copies of each partition: with min.insync.replicas={min_insync_replicas}, acks=all writes go on through {spare} broker failures"
        ),
        _ => format!(
            "{replication_factor} copies of each partition: with min.insync.replicas={min_insync_replicas}, one broker down stops acks=all writes"
        ),
    }
}

fn min_insync(min_insync_replicas: u32, replication_factor: u32, acks: Acks) -> String {
    if acks != Acks::All {
        return format!(
            "producers use acks={}, which does not wait for replicas; set for when they move to acks=all",
            acks.as_str()
        );
    }
    if min_insync_replicas <= 1 {
        return format!(
            "acks=all: an acknowledged write may exist on the leader alone, and is lost with it (replication factor {replication_factor})"
        );
    }
    format!(
        "acks=all: a write is acknowledged once {min_insync_replicas} of the {replication_factor} replicas have it, so one broker loss loses no acknowledged write"
    )
}

fn max_message_bytes(largest_message_bytes: u64, max_request_size: u64, batch_size: u64) -> String {
    format!(
        "takes the largest message ({}) and everything the producer may send in one request (max.request.size {}, batch.size {}), so the broker accepts what the producer accepted",
        bytes(largest_message_bytes as f64),
        bytes(max_request_size as f64),
        bytes(batch_size as f64)
    )
}

fn retention(retention_ms: u64, window_minutes: f64, floor_ms: u64) -> String {
    let window_ms = window_minutes * 60_000.0;
    format!(
        "{} outlives the {}-minute consumption window {} times: a failed run can be consumed again; never below {} (Kafka's default), time to recover from an outage",
        duration(retention_ms),
        number(window_minutes),
        number(retention_ms as f64 / window_ms),
        duration(floor_ms)
    )
}

fn dead_letter_retention(retention_ms: u64) -> String {
    format!(
        "{}: failed records wait for someone to inspect and replay them",
        duration(retention_ms)
    )
}

fn cleanup_delete() -> String {
    "delete by age: every record is an event to consume, which compaction would drop for a later one with the same key".to_string()
}

fn compression_producer(codec: Option<&str>) -> String {
    match codec {
        Some(codec) => format!(
            "keep the producer's codec ({codec}): the broker stores batches as they arrive instead of compressing them again"
        ),
        None => "keep the producer's codec: the broker stores batches as they arrive instead of compressing them again".to_string(),
    }
}

/// `7 days`, `36 hours`: a retention as people say it.
fn duration(ms: u64) -> String {
    let hours = ms as f64 / 3_600_000.0;
    if hours >= 48.0 {
        format!("{} days", number(hours / 24.0))
    } else {
        format!("{} hours", number(hours))
    }
}

/// The first comment line of every export.
pub fn generated_from(source: &str, target: &str) -> String {
    format!(
        "{target}, generated by `kplan export` from the plan of {source}; change the request and export again rather than editing by hand"
    )
}

/// A comment when no `--cluster` was given.
pub fn default_cluster(name: &str) -> String {
    format!("no --cluster given: \"{name}\" stands for your Kafka cluster's name")
}

/// topicctl's meta.region and meta.environment, which kplan cannot know.
pub fn topicctl_meta_placeholder(field: &str) -> String {
    format!("must match meta.{field} of the topicctl cluster config")
}

/// kafka-topics.sh reads the cluster address from an environment variable.
pub fn bootstrap_variable() -> String {
    "set BOOTSTRAP_SERVER to the cluster's address (and pass --command-config FILE for a secured cluster)".to_string()
}

/// KEDA: the address used when no --bootstrap-server was given.
pub fn bootstrap_default(address: &str) -> String {
    format!(
        "no --bootstrap-server given: {address}, the bootstrap Service Strimzi creates for the cluster"
    )
}

/// The heading comment of one topic's command.
pub fn topic_heading(name: &str) -> String {
    format!("{name}:")
}

/// KEDA: why the consumer count may go up to the partition count and no further, or to
/// a share group's consumers.
pub fn max_replicas(scaling: &ConsumerScaling) -> String {
    if scaling.protocol == GroupProtocol::Share {
        return format!(
            "the plan's {} share-group consumers: a share group hands records to every consumer, so consumers beyond the {} partitions do work",
            count(scaling.max_replicas),
            count(scaling.partitions)
        );
    }
    format!(
        "the {} partitions: a consumer beyond them would sit idle (allowIdleConsumers is false)",
        count(scaling.max_replicas)
    )
}

/// KEDA: allowIdleConsumers.
pub fn allow_idle_consumers(scaling: &ConsumerScaling) -> String {
    if scaling.allow_idle_consumers {
        return format!(
            "a share group's consumers share the partitions, so none is idle: \"false\" would hold the consumers at the {} partitions",
            count(scaling.partitions)
        );
    }
    "never more consumers than partitions: the extra ones would get no partition".to_string()
}

/// KEDA: what the Apache Kafka scaler cannot see of a share group.
pub fn share_group_lag() -> String {
    "the Apache Kafka scaler counts lag from a consumer group's committed offsets, and a share group commits none (it tracks each record's delivery): until the scaler reads share groups (kedacore/keda#7920), drive these bounds with a trigger on the share group's backlog from your metrics".to_string()
}

/// KEDA: why the consumer count may go down to its minimum.
pub fn min_replicas(scaling: &ConsumerScaling) -> String {
    match scaling.min_replicas {
        0 => {
            "0 between batch windows: the lag of a new window starts the first consumer".to_string()
        }
        n => format!(
            "{n}: an online topic keeps a consumer running; starting one from none would delay the first messages past the objective"
        ),
    }
}

/// KEDA: what the lag threshold is.
pub fn lag_threshold(scaling: &ConsumerScaling) -> String {
    let rate = number(scaling.per_consumer_tps);
    let threshold = count(scaling.lag_threshold);
    match scaling.basis {
        LagBasis::DelayObjective { delay_ms } => format!(
            "{threshold} messages of lag per consumer: what one consumer ({rate}/s) clears within the {} ms delay objective",
            number(delay_ms)
        ),
        LagBasis::PredictedDelay { delay_ms } => format!(
            "{threshold} messages of lag per consumer: what one consumer ({rate}/s) clears within the {} ms p99 delay the plan predicts (no max_delay_ms given)",
            number(delay_ms)
        ),
        LagBasis::Window { minutes } => format!(
            "{threshold} messages of lag per consumer: what one consumer ({rate}/s) clears within the {}-minute window",
            number(minutes)
        ),
    }
}

/// KEDA: where lag is counted from for a group without committed offsets.
pub fn offset_reset_policy(scaling: &ConsumerScaling) -> String {
    let policy = scaling.offset_reset.as_str();
    let setting = match scaling.protocol {
        GroupProtocol::Share => "the share group's share.auto.offset.reset",
        _ => "the consumers' auto.offset.reset",
    };
    format!("as {setting} ({policy}), so lag is counted from where they start")
}

/// KEDA: the target Deployment.
pub fn scale_target() -> String {
    "the Deployment whose pods consume the topic (one consumer each)".to_string()
}

/// The comment above the KEDA trigger's metadata.
pub fn trigger_metadata() -> String {
    "KEDA's Apache Kafka scaler; every metadata value is a string".to_string()
}

/// Strimzi: why a topic name is written in spec.topicName.
pub fn topic_name_field(name: &str) -> String {
    format!(
        "\"{name}\" is not a valid Kubernetes object name, so the resource has its own name and the topic's goes here"
    )
}
