//! What `kplan diff` and `kplan check --base` say about a change. One function per
//! message.

use crate::diff::{ChangeReason, PartitionChange};
use crate::human::count;

/// The reason beside a changed field.
pub fn change_reason(reason: &ChangeReason) -> String {
    match reason {
        ChangeReason::Setting(r) => super::reason(r),
        ChangeReason::Topic(r) => super::topic_reason(r),
        ChangeReason::Partitions(change) => partition_change(change),
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
