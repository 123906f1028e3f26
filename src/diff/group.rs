//! The group side of a plan change: the protocol (classic, consumer, share) and the
//! Kafka release its brokers need, the per-group configs, and the consumer count, which
//! a share group may raise past the partitions.

use super::{ChangeReason, settings};
use crate::model::Plan;
use crate::model::settings::Setting;
use crate::request::GroupProtocol;

/// Why the group or its consumers have their new values.
#[derive(Debug, Clone, PartialEq)]
pub enum GroupChange {
    /// The new version's protocol.
    Protocol {
        old: GroupProtocol,
        new: GroupProtocol,
    },
    /// The Kafka release the new version's brokers need: `None` for a classic group,
    /// which any release serves; later for a share group with a dead letter queue.
    KafkaVersion {
        protocol: GroupProtocol,
        version: Option<&'static str>,
        dead_letter_queue: bool,
    },
    /// The new consumer count against the partitions: one each in a consumer group, any
    /// number sharing them in a share group.
    Consumers {
        protocol: GroupProtocol,
        consumers: u64,
        partitions: u64,
    },
}

impl GroupChange {
    pub fn kind(&self) -> &'static str {
        match self {
            GroupChange::Protocol { .. } => "group-protocol",
            GroupChange::KafkaVersion { .. } => "group-kafka-version",
            GroupChange::Consumers { .. } => "group-consumers",
        }
    }
}

/// A field, its old and new values, and the reason for the new one.
pub type FieldChange = (String, Option<String>, Option<String>, Option<ChangeReason>);

pub fn protocol(plan: &Plan) -> GroupProtocol {
    plan.group
        .as_ref()
        .map_or(GroupProtocol::Classic, |g| g.protocol)
}

fn configs(plan: &Plan) -> &[Setting] {
    plan.group.as_ref().map_or(&[], |g| &g.configs)
}

fn min_kafka_version(plan: &Plan) -> Option<&'static str> {
    plan.group.as_ref().map(|g| g.min_kafka_version)
}

/// `consumers`, `group.protocol`, `group.min_kafka_version` and every
/// `group_configs.<config>` whose value differs (unchanged ones are dropped later).
pub fn group_changes(old: &Plan, new: &Plan) -> Vec<FieldChange> {
    let (from, to) = (protocol(old), protocol(new));
    let version = GroupChange::KafkaVersion {
        protocol: to,
        version: min_kafka_version(new),
        dead_letter_queue: to == GroupProtocol::Share && new.dead_letter.is_some(),
    };
    let mut changes = vec![
        (
            "consumers".to_string(),
            Some(old.consumers.to_string()),
            Some(new.consumers.to_string()),
            Some(ChangeReason::Group(GroupChange::Consumers {
                protocol: to,
                consumers: new.consumers,
                partitions: new.recommended,
            })),
        ),
        (
            "group.protocol".to_string(),
            Some(from.as_str().to_string()),
            Some(to.as_str().to_string()),
            Some(ChangeReason::Group(GroupChange::Protocol {
                old: from,
                new: to,
            })),
        ),
        (
            "group.min_kafka_version".to_string(),
            min_kafka_version(old).map(str::to_string),
            min_kafka_version(new).map(str::to_string),
            Some(ChangeReason::Group(version)),
        ),
    ];
    for (key, a, b, reason) in settings(configs(old), configs(new)) {
        changes.push((
            format!("group_configs.{key}"),
            a,
            b,
            reason.map(ChangeReason::Setting),
        ));
    }
    changes
}
