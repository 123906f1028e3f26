//! What `kplan diff` and `kplan check --base` say about a change. One function per
//! message.

use crate::diff::{ChangeReason, GroupChange, PartitionChange};
use crate::human::count;
use crate::request::GroupProtocol;

/// The reason beside a changed field.
pub fn change_reason(reason: &ChangeReason) -> String {
    match reason {
        ChangeReason::Setting(r) => super::reason(r),
        ChangeReason::Topic(r) => super::topic_reason(r),
        ChangeReason::Partitions(change) => partition_change(change),
        ChangeReason::Group(change) => group_change(change),
    }
}

/// What a change of the group's protocol or of its consumer count means.
pub fn group_change(change: &GroupChange) -> String {
    match change {
        GroupChange::Protocol { old, new } => group_protocol(*old, *new),
        GroupChange::KafkaVersion {
            protocol,
            version,
            dead_letter_queue,
        } => kafka_version(*protocol, *version, *dead_letter_queue),
        GroupChange::Consumers {
            protocol: GroupProtocol::Share,
            consumers,
            partitions,
        } => format!(
            "{} share-group consumers on {} partitions: a share group hands each record to any consumer, so consumers beyond the partitions do work",
            count(*consumers),
            count(*partitions)
        ),
        GroupChange::Consumers { partitions, .. } => format!(
            "one consumer per partition ({} partitions): a consumer group gives each partition to one consumer",
            count(*partitions)
        ),
    }
}

fn group_protocol(old: GroupProtocol, new: GroupProtocol) -> String {
    let what = match new {
        GroupProtocol::Classic => {
            "the classic protocol: the consumers assign the partitions among themselves, one consumer each"
        }
        GroupProtocol::Consumer => {
            "KIP-848's consumer protocol: the brokers assign the partitions, one consumer each, and hold the group configs"
        }
        GroupProtocol::Share => {
            "a share group (KIP-932): records go to any consumer, so consumers may exceed partitions; no per-key order"
        }
    };
    // Group ids are one namespace for every group type: a share group cannot take over
    // a consumer group's id, nor its committed offsets.
    let crossing = old != new && (old == GroupProtocol::Share || new == GroupProtocol::Share);
    let moving = crossing.then_some(
        "; a share group and a consumer group cannot share a group id: the new group needs an id of its own and starts where its offset reset says, not at the old group's offsets",
    );
    format!("{what}{}", moving.unwrap_or(""))
}

fn kafka_version(
    protocol: GroupProtocol,
    version: Option<&str>,
    dead_letter_queue: bool,
) -> String {
    match version {
        None => "the classic protocol, which every Kafka release serves".to_string(),
        Some(v) if dead_letter_queue => format!(
            "brokers on Kafka {v} or later: the share group's dead letter queue (KIP-1191) came after share groups ({}+)",
            protocol.min_kafka_version()
        ),
        Some(v) => format!(
            "brokers on Kafka {v} or later serve the {} protocol",
            protocol.as_str()
        ),
    }
}

/// What a partition count change means, and how to apply it.
pub fn partition_change(change: &PartitionChange) -> String {
    match change {
        PartitionChange::Decrease { old, new } => partition_decrease(*old, *new),
        PartitionChange::KeyedGrowth {
            old,
            new,
            key,
            moved_share,
            sample_keys,
        } => keyed_growth(*old, *new, key, *moved_share, *sample_keys),
        PartitionChange::UnkeyedGrowth { old, new } => unkeyed_growth(*old, *new),
    }
}

fn partition_decrease(old: u64, new: u64) -> String {
    format!(
        "partitions never shrink: the topic keeps its {} partitions, so the plan for {} cannot be applied; keep the request at {} or more, or create a new topic",
        count(old),
        count(new),
        count(old)
    )
}

fn keyed_growth(old: u64, new: u64, key: &str, share: f64, sample_keys: Option<u64>) -> String {
    let measure = match sample_keys {
        Some(keys) => format!("of the {} distinct keys in the key sample", count(keys)),
        None => format!("of keys (1 - {old} / lcm({old}, {new}))"),
    };
    format!(
        "growing from {} to {} moves {} {measure} by {key} to another partition, so their order breaks across the change: stop producers, let consumers drain the topic, grow it (kafka-topics.sh --alter --partitions {new}), then restart both",
        count(old),
        count(new),
        percent(share)
    )
}

fn unkeyed_growth(old: u64, new: u64) -> String {
    format!(
        "growing from {} to {}: unkeyed, so no order breaks; consumers rebalance onto the new partitions",
        count(old),
        count(new)
    )
}

/// `16.67%`
pub fn percent(share: f64) -> String {
    format!("{}%", crate::human::number(share * 100.0))
}

/// The heading of one file's comparison.
pub fn file_heading(file: &str, topic: &str, status: &str) -> String {
    format!("{file}: {topic} {status}")
}

/// A field whose value changed, as `old -> new`; `(none)` stands for a missing value.
pub fn old_to_new(old: Option<&str>, new: Option<&str>) -> String {
    format!("{} -> {}", old.unwrap_or("(none)"), new.unwrap_or("(none)"))
}

/// An added file.
pub fn added(partitions: Option<u64>) -> String {
    match partitions {
        Some(p) => format!("new request: {} partitions", count(p)),
        None => "new request".to_string(),
    }
}

/// A removed file: kplan never deletes topics, so the topic stays until someone does.
pub fn removed(partitions: Option<u64>) -> String {
    match partitions {
        Some(p) => format!(
            "request removed (it planned {} partitions); the topic stays on the cluster until it is deleted by hand",
            count(p)
        ),
        None => "request removed".to_string(),
    }
}

/// A pair of files whose plans are the same.
pub fn unchanged() -> String {
    "no change to the plan".to_string()
}

/// The heading of the comparison section of `kplan check --base`.
pub fn against_base(base: &str) -> String {
    format!("Plan changes against {base}")
}

/// The closing line of a comparison.
pub fn tally(changed: usize, added: usize, removed: usize, breaking: usize) -> String {
    format!("{changed} changed, {added} added, {removed} removed, {breaking} breaking")
}
