//! What a change to a request file does to its plan: partitions, status, consumers,
//! needs, the group's protocol and per-group configs, every client setting and topic
//! config whose value changes, as data. A partition decrease cannot be applied
//! (partitions never shrink); growing a keyed topic moves keys to other partitions.
//! Pure: plans in, a [`FileDiff`] out; `render` words it.

mod group;
pub mod render;

pub use group::GroupChange;

use crate::keys::{KeySample, share_moved};
use crate::model::settings::{Reason, Setting};
use crate::model::topic::{TopicReason, topic_definitions};
use crate::model::{Needs, Plan};
use crate::request::positions::{KeyPositions, Position};

/// One version of a request file, planned.
#[derive(Debug, Clone, Copy)]
pub struct Version<'a> {
    /// The file as named to the user (for a base revision, `REF:path`).
    pub file: &'a str,
    pub plan: &'a Plan,
    /// The key sample of a keyed topic, for the exact share of keys that move.
    pub keys: Option<&'a KeySample>,
}

/// What happened to a request file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiffStatus {
    Added,
    Removed,
    Changed,
    Unchanged,
}

impl DiffStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            DiffStatus::Added => "added",
            DiffStatus::Removed => "removed",
            DiffStatus::Changed => "changed",
            DiffStatus::Unchanged => "unchanged",
        }
    }
}

/// How the partition count changes, with what that means.
#[derive(Debug, Clone, PartialEq)]
pub enum PartitionChange {
    /// Partitions never shrink: the change cannot be applied.
    Decrease { old: u64, new: u64 },
    /// A keyed topic grows: `moved_share` of the keys change partition, so their order
    /// breaks across the change unless producers and consumers stop first.
    KeyedGrowth {
        old: u64,
        new: u64,
        key: String,
        moved_share: f64,
        /// Distinct keys in the key sample the share was measured on; `None` for the
        /// uniform-hash share 1 - min / lcm.
        sample_keys: Option<u64>,
    },
    /// An unkeyed topic grows: no order to break; consumers rebalance.
    UnkeyedGrowth { old: u64, new: u64 },
}

impl PartitionChange {
    pub fn kind(&self) -> &'static str {
        match self {
            PartitionChange::Decrease { .. } => "partition-decrease",
            PartitionChange::KeyedGrowth { .. } => "keyed-partition-growth",
            PartitionChange::UnkeyedGrowth { .. } => "partition-growth",
        }
    }
}

/// Why a field has its new value.
#[derive(Debug, Clone, PartialEq)]
pub enum ChangeReason {
    Setting(Reason),
    Topic(TopicReason),
    Partitions(PartitionChange),
    Group(GroupChange),
}

/// One field whose value differs; `None` where a version does not have it.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// `partitions`, `status`, `needs.deadline`, `producer.linger.ms`,
    /// `topic.retention.ms`, `group.protocol`, `group_configs.share.delivery.count.limit`,
    /// `dead_letter.retries`, ...
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
    pub reason: Option<ChangeReason>,
}

/// What a change does to one request file's plan.
#[derive(Debug, Clone, PartialEq)]
pub struct FileDiff {
    pub old: Option<String>,
    pub new: Option<String>,
    pub topic: String,
    pub status: DiffStatus,
    pub partitions_old: Option<u64>,
    pub partitions_new: Option<u64>,
    pub partition_change: Option<PartitionChange>,
    pub changes: Vec<Change>,
    /// Where the request changed, in the new file (or the old one when it was removed).
    pub place: Option<Position>,
}

impl FileDiff {
    /// A partition decrease: the change cannot be applied to the topic.
    pub fn breaking(&self) -> bool {
        matches!(
            self.partition_change,
            Some(PartitionChange::Decrease { .. })
        )
    }

    /// The share of keys that move to another partition, for keyed growth.
    pub fn keys_moved_share(&self) -> Option<f64> {
        match &self.partition_change {
            Some(PartitionChange::KeyedGrowth { moved_share, .. }) => Some(*moved_share),
            _ => None,
        }
    }
}

/// Compares two versions of a request; either may be absent (added, removed).
pub fn diff(old: Option<Version>, new: Option<Version>) -> FileDiff {
    let topic = new.or(old).map_or(String::new(), |v| v.plan.topic.clone());
    let mut file = FileDiff {
        old: old.map(|v| v.file.to_string()),
        new: new.map(|v| v.file.to_string()),
        topic,
        status: DiffStatus::Unchanged,
        partitions_old: old.map(|v| v.plan.recommended),
        partitions_new: new.map(|v| v.plan.recommended),
        partition_change: None,
        changes: Vec::new(),
        place: None,
    };
    match (old, new) {
        (None, Some(_)) => file.status = DiffStatus::Added,
        (Some(_), None) => file.status = DiffStatus::Removed,
        (Some(old), Some(new)) => {
            file.partition_change = partition_change(old, new);
            file.changes = changes(old.plan, new.plan, file.partition_change.as_ref());
            if !file.changes.is_empty() {
                file.status = DiffStatus::Changed;
            }
        }
        (None, None) => {}
    }
    file
}

/// A rename is another topic: the old one keeps its partitions, so nothing shrinks or
/// moves.
fn partition_change(old: Version, new: Version) -> Option<PartitionChange> {
    let (from, to) = (old.plan.recommended, new.plan.recommended);
    if old.plan.topic != new.plan.topic || from == to {
        return None;
    }
    if to < from {
        return Some(PartitionChange::Decrease { old: from, new: to });
    }
    let Some(key) = &new.plan.inputs.partition_key else {
        return Some(PartitionChange::UnkeyedGrowth { old: from, new: to });
    };
    // Counts are at most the cap, itself at most 100,000.
    let (from32, to32) = (from as u32, to as u32);
    Some(PartitionChange::KeyedGrowth {
        old: from,
        new: to,
        key: key.clone(),
        moved_share: share_moved(from32, to32, new.keys),
        sample_keys: new
            .keys
            .map(KeySample::distinct_keys)
            .filter(|&distinct| distinct > 0),
    })
}

fn changes(old: &Plan, new: &Plan, partitions: Option<&PartitionChange>) -> Vec<Change> {
    let mut changes = Vec::new();
    let mut add = |field: &str, a: Option<String>, b: Option<String>, reason| {
        if a != b {
            changes.push(Change {
                field: field.to_string(),
                old: a,
                new: b,
                reason,
            });
        }
    };
    let text = |s: &str| Some(s.to_string());
    add("topic", text(&old.topic), text(&new.topic), None);
    add(
        "type",
        text(old.kind.as_str()),
        text(new.kind.as_str()),
        None,
    );
    add(
        "status",
        text(old.status.as_str()),
        text(new.status.as_str()),
        None,
    );
    let partitions_reason = partitions.cloned().map(ChangeReason::Partitions);
    add(
        "partitions",
        Some(old.recommended.to_string()),
        Some(new.recommended.to_string()),
        partitions_reason,
    );
    let group = group::group_changes(old, new);
    let (consumers, group) = group.split_at(1);
    for (field, a, b, reason) in consumers {
        add(field, a.clone(), b.clone(), reason.clone());
    }
    for ((name, a), (_, b)) in needs(&old.needs).into_iter().zip(needs(&new.needs)) {
        add(
            &format!("needs.{name}"),
            a.map(|n| n.to_string()),
            b.map(|n| n.to_string()),
            None,
        );
    }
    for (side, a, b) in [
        ("producer", &old.producer, &new.producer),
        ("consumer", &old.consumer, &new.consumer),
    ] {
        for (key, a, b, reason) in settings(a, b) {
            add(
                &format!("{side}.{key}"),
                a,
                b,
                reason.map(ChangeReason::Setting),
            );
        }
    }
    for (field, a, b, reason) in group {
        add(field, a.clone(), b.clone(), reason.clone());
    }
    for (field, a, b, reason) in topic_changes(old, new) {
        add(&field, a, b, reason.map(ChangeReason::Topic));
    }
    let dead_letter = |p: &Plan| {
        p.dead_letter.as_ref().map_or([None, None, None], |dl| {
            [
                Some(dl.topic.clone()),
                Some(dl.retries.to_string()),
                Some(dl.backoff_ms.to_string()),
            ]
        })
    };
    let names = [
        "dead_letter.topic",
        "dead_letter.retries",
        "dead_letter.backoff_ms",
    ];
    for ((name, a), b) in names.iter().zip(dead_letter(old)).zip(dead_letter(new)) {
        add(name, a, b, None);
    }
    changes
}

fn needs(needs: &Needs) -> [(&'static str, Option<u64>); 5] {
    [
        ("consumers", Some(needs.consumers)),
        ("producer", Some(needs.producer)),
        ("delay", needs.delay),
        ("deadline", needs.deadline),
        ("key_skew", needs.key_skew),
    ]
}

type SettingChange = (&'static str, Option<String>, Option<String>, Option<Reason>);

/// Every key of either version, in the new version's order, then keys it dropped; the
/// reason is the new one, or the old one for a dropped key.
fn settings(old: &[Setting], new: &[Setting]) -> Vec<SettingChange> {
    let keys = new.iter().map(|s| s.key).chain(
        old.iter()
            .map(|s| s.key)
            .filter(|k| !new.iter().any(|s| s.key == *k)),
    );
    keys.map(|key| {
        let a = old.iter().find(|s| s.key == key);
        let b = new.iter().find(|s| s.key == key);
        let reason = b.or(a).map(|s| s.reason.clone());
        (
            key,
            a.map(|s| s.value.to_string()),
            b.map(|s| s.value.to_string()),
            reason,
        )
    })
    .collect()
}

type TopicChange = (String, Option<String>, Option<String>, Option<TopicReason>);

/// The topic's replication factor and configs (`topic.<config>`).
fn topic_changes(old: &Plan, new: &Plan) -> Vec<TopicChange> {
    let (a, b) = (&topic_definitions(old)[0], &topic_definitions(new)[0]);
    let mut changes = vec![(
        "topic.replication_factor".to_string(),
        Some(a.replication_factor.to_string()),
        Some(b.replication_factor.to_string()),
        Some(b.replication_reason.clone()),
    )];
    for config in &b.configs {
        let before = a.config(config.key).map(|c| c.value.to_string());
        changes.push((
            format!("topic.{}", config.key),
            before,
            Some(config.value.to_string()),
            Some(config.reason.clone()),
        ));
    }
    changes
}

/// The files of a comparison, the unchanged left out.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DiffReport {
    pub files: Vec<FileDiff>,
}

impl DiffReport {
    pub fn breaking(&self) -> bool {
        self.files.iter().any(FileDiff::breaking)
    }
}

/// Where two versions of a request file differ: the first key (by line in the new text)
/// whose value changed or that only the new text has, else the nearest table of a key
/// only the old text had; `None` when the texts set the same values.
pub fn changed_place(old_text: &str, new_text: &str) -> Option<Position> {
    let (Ok(old), Ok(new)) = (
        old_text.parse::<toml::Table>(),
        new_text.parse::<toml::Table>(),
    ) else {
        return None;
    };
    let (old, new) = (flatten(&old), flatten(&new));
    let (root, _) = toml::de::DeTable::parse_recoverable(new_text);
    let positions = KeyPositions::collect(root.get_ref(), new_text);
    let changed_in_new = new
        .iter()
        .filter(|(key, value)| old.get(*key) != Some(*value))
        .filter_map(|(key, _)| positions.get(key))
        .min_by_key(|p| (p.line, p.column));
    changed_in_new.or_else(|| {
        old.keys()
            .filter(|key| !new.contains_key(*key))
            .find_map(|key| nearest(key, &positions))
    })
}

/// The position of `key`'s closest enclosing table that the file writes.
fn nearest(key: &str, positions: &KeyPositions) -> Option<Position> {
    let mut key = key;
    loop {
        key = &key[..key.rfind('.')?];
        if let Some(position) = positions.get(key) {
            return Some(position);
        }
    }
}

/// Every leaf of a TOML document by dotted key, with its value as TOML writes it.
fn flatten(table: &toml::Table) -> std::collections::BTreeMap<String, String> {
    fn walk(
        prefix: &str,
        table: &toml::Table,
        out: &mut std::collections::BTreeMap<String, String>,
    ) {
        for (key, value) in table {
            let path = if prefix.is_empty() {
                key.clone()
            } else {
                format!("{prefix}.{key}")
            };
            match value {
                toml::Value::Table(inner) => walk(&path, inner, out),
                other => {
                    out.insert(path, other.to_string());
                }
            }
        }
    }
    let mut out = std::collections::BTreeMap::new();
    walk("", table, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_plans::example_plan;

    fn version<'a>(file: &'a str, plan: &'a Plan) -> Version<'a> {
        Version {
            file,
            plan,
            keys: None,
        }
    }

    #[test]
    fn a_decrease_breaks_growth_does_not_and_a_rename_is_another_topic() {
        let big = example_plan("orders-settlement");
        let mut small = big.clone();
        small.recommended = big.recommended - 5;
        let shrink = diff(Some(version("a", &big)), Some(version("b", &small)));
        assert!(shrink.breaking());
        assert_eq!(shrink.status, DiffStatus::Changed);
        let grow = diff(Some(version("b", &small)), Some(version("a", &big)));
        assert!(!grow.breaking());
        // Keyed by order_id without a sample: 1 - old / lcm(old, new).
        let (old, new) = (small.recommended as f64, big.recommended as f64);
        let lcm = (20.0_f64 * 25.0) / 5.0;
        assert_eq!((old, new), (20.0, 25.0));
        assert_eq!(grow.keys_moved_share(), Some(1.0 - old / lcm));
        let mut renamed = small.clone();
        renamed.topic = "orders.other.v1".to_string();
        let rename = diff(Some(version("a", &big)), Some(version("b", &renamed)));
        assert!(!rename.breaking());
        assert_eq!(rename.changes[0].field, "topic");
    }

    #[test]
    fn a_changed_setting_carries_its_new_reason_and_the_same_plan_is_unchanged() {
        let plan = example_plan("payments-authorized");
        let same = diff(Some(version("a", &plan)), Some(version("b", &plan)));
        assert_eq!(same.status, DiffStatus::Unchanged);
        assert!(same.changes.is_empty());
        let mut changed = plan.clone();
        let linger = changed
            .producer
            .iter_mut()
            .find(|s| s.key == "linger.ms")
            .expect("linger.ms");
        linger.value = crate::model::settings::SettingValue::Integer(7);
        let d = diff(Some(version("a", &plan)), Some(version("b", &changed)));
        assert_eq!(d.changes.len(), 1);
        assert_eq!(d.changes[0].field, "producer.linger.ms");
        assert_eq!(d.changes[0].new.as_deref(), Some("7"));
        assert!(matches!(
            d.changes[0].reason,
            Some(ChangeReason::Setting(_))
        ));
    }

    #[test]
    fn the_place_of_a_change_is_the_first_changed_key_of_the_new_text() {
        let old = "[topic]\nname = \"a\"\n\n[publish]\nmax_messages = 10\nmessage_bytes = 5\n";
        let new =
            "# note\n[topic]\nname = \"a\"\n\n[publish]\nmax_messages = 20\nmessage_bytes = 5\n";
        assert_eq!(changed_place(old, new).map(|p| p.line), Some(6));
        assert_eq!(changed_place(old, old), None);
        // A dropped key points at its table.
        let dropped = "[topic]\nname = \"a\"\n\n[publish]\nmax_messages = 10\n";
        assert_eq!(changed_place(old, dropped).map(|p| p.line), Some(4));
    }
}
