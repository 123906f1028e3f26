//! What `kplan diff` and `kplan check --base` say about a change, in the reader's
//! language (the `diff-*` messages of `locales/<lang>.ftl`).

use crate::diff::{ChangeReason, GroupChange, PartitionChange};
use crate::human::count;
use crate::i18n::{Lang, Message};
use crate::request::GroupProtocol;

/// The reason beside a changed field.
pub fn change_reason(lang: Lang, reason: &ChangeReason) -> String {
    match reason {
        ChangeReason::Setting(r) => super::reason(lang, r),
        // A topic config's reason is the one its export comment carries (English).
        ChangeReason::Topic(r) => super::topic_reason(r),
        ChangeReason::Partitions(change) => partition_change_message(change).render(lang),
        ChangeReason::Group(change) => group_change_message(change).render(lang),
    }
}

/// What a change of the group's protocol or of its consumer count means.
fn group_change_message(change: &GroupChange) -> Message {
    match change {
        GroupChange::Protocol { old, new } => {
            // Group ids are one namespace for every group type: a share group cannot
            // take over a consumer group's id, nor its committed offsets.
            let crossing =
                old != new && (*old == GroupProtocol::Share || *new == GroupProtocol::Share);
            Message::new("diff-group-protocol")
                .arg("protocol", new.as_str())
                .arg("new_id", if crossing { "yes" } else { "no" })
        }
        GroupChange::KafkaVersion {
            protocol,
            version,
            dead_letter_queue,
        } => match version {
            None => Message::new("diff-kafka-any"),
            Some(v) if *dead_letter_queue => Message::new("diff-kafka-share-dlq")
                .arg("version", v.to_string())
                .arg("share_version", protocol.min_kafka_version()),
            Some(v) => Message::new("diff-kafka-version")
                .arg("version", v.to_string())
                .arg("protocol", protocol.as_str()),
        },
        GroupChange::Consumers {
            protocol,
            consumers,
            partitions,
        } => Message::new("diff-consumers")
            .arg(
                "share",
                if *protocol == GroupProtocol::Share {
                    "yes"
                } else {
                    "no"
                },
            )
            .arg("consumers", count(*consumers))
            .arg("partitions", count(*partitions)),
    }
}

/// What a partition count change means, and how to apply it.
pub fn partition_change_message(change: &PartitionChange) -> Message {
    match change {
        PartitionChange::Decrease { old, new } => Message::new("diff-partition-decrease")
            .arg("old", count(*old))
            .arg("new", count(*new)),
        PartitionChange::KeyedGrowth {
            old,
            new,
            key,
            moved_share,
            sample_keys,
        } => {
            let measure = match sample_keys {
                Some(keys) => Message::new("diff-moved-of-sample").arg("keys", count(*keys)),
                None => Message::new("diff-moved-of-keys")
                    .arg("old", old.to_string())
                    .arg("new", new.to_string()),
            };
            Message::new("diff-keyed-growth")
                .arg("old", count(*old))
                .arg("new", count(*new))
                .arg("new_plain", new.to_string())
                .arg("percent", percent(*moved_share))
                .arg("key", key.clone())
                .arg_message("measure", measure)
        }
        PartitionChange::UnkeyedGrowth { old, new } => Message::new("diff-unkeyed-growth")
            .arg("old", count(*old))
            .arg("new", count(*new)),
    }
}

/// `16.67` (a share as a percentage, without the sign).
fn percent(share: f64) -> String {
    crate::human::number(share * 100.0)
}

/// The heading of one file's comparison.
pub fn file_heading(file: &str, topic: &str, status: &str) -> String {
    format!("{file}: {topic} {status}")
}

/// A field whose value changed, as `old -> new`; `(none)` stands for a missing value.
pub fn old_to_new(lang: Lang, old: Option<&str>, new: Option<&str>) -> String {
    let none = || lang.text("diff-none");
    format!(
        "{} -> {}",
        old.map_or_else(none, str::to_string),
        new.map_or_else(none, str::to_string)
    )
}

/// An added file.
pub fn added(lang: Lang, partitions: Option<u64>) -> String {
    match partitions {
        Some(p) => lang.format("diff-added-partitions", &[("partitions", count(p))]),
        None => lang.text("diff-added"),
    }
}

/// A removed file: kplan never deletes topics, so the topic stays until someone does.
pub fn removed(lang: Lang, partitions: Option<u64>) -> String {
    match partitions {
        Some(p) => lang.format("diff-removed-partitions", &[("partitions", count(p))]),
        None => lang.text("diff-removed"),
    }
}

/// A pair of files whose plans are the same.
pub fn unchanged(lang: Lang) -> String {
    lang.text("diff-unchanged")
}

/// The heading of the comparison section of `kplan check --base`.
pub fn against_base(lang: Lang, base: &str) -> String {
    lang.format("diff-against-base", &[("base", base.to_string())])
}

/// The closing line of a comparison.
pub fn tally(lang: Lang, changed: usize, added: usize, removed: usize, breaking: usize) -> String {
    lang.format(
        "diff-tally",
        &[
            ("changed", changed.to_string()),
            ("added", added.to_string()),
            ("removed", removed.to_string()),
            ("breaking", breaking.to_string()),
        ],
    )
}
