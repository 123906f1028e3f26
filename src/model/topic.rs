//! The topic itself as the plan implies it: partitions, replication and the topic
//! configs, each with its reason as data, for the topic and its dead letter topic; and
//! how an autoscaler should size the consumer deployment. What `kplan export` writes.

use super::Plan;
use super::settings::{self, OffsetReset, SettingValue};
use crate::client_values::Compression;
use crate::request::{GroupProtocol, TopicType};

/// Kafka's default retention (log.retention.hours = 168): the floor of every plan's, so a
/// consumer outage over a weekend loses nothing.
pub const RETENTION_FLOOR_MS: u64 = 7 * 24 * HOUR_MS;
/// A dead letter topic's records wait for a person to inspect and replay them.
pub const DEAD_LETTER_RETENTION_FLOOR_MS: u64 = 14 * 24 * HOUR_MS;
/// Retention holds this many consumption windows: room to consume again after a failed
/// run (`kplan validate` warns below it).
pub const RETENTION_WINDOWS: u64 = 2;
const HOUR_MS: u64 = 3_600_000;

/// Which of the two topics a definition is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TopicRole {
    Topic,
    DeadLetter,
}

/// One topic config with the reason for its value.
#[derive(Debug, Clone, PartialEq)]
pub struct TopicConfig {
    /// Kafka's topic config name.
    pub key: &'static str,
    pub value: SettingValue,
    pub reason: TopicReason,
}

/// Why a topic config, the partition count or the replication factor has its value.
#[derive(Debug, Clone, PartialEq, strum::IntoStaticStr)]
#[strum(serialize_all = "kebab-case")]
pub enum TopicReason {
    /// The plan's recommended count, one consumer per partition.
    PlannedPartitions {
        partitions: u64,
        consumers: u64,
    },
    /// A share group's count: for the producers and the consumers' record locks; the
    /// consumers share the partitions, so there may be more of them.
    SharedPartitions {
        partitions: u64,
        consumers: u64,
    },
    /// A dead letter topic has as many partitions as its topic.
    DeadLetterPartitions {
        partitions: u64,
    },
    Replication {
        replication_factor: u32,
        min_insync_replicas: u32,
    },
    MinInsyncReplicas {
        min_insync_replicas: u32,
        replication_factor: u32,
        /// The producers' acks; min.insync.replicas only binds acks=all.
        acks: settings::Acks,
    },
    /// Takes the largest message and every batch the producer may send.
    MaxMessageBytes {
        largest_message_bytes: u64,
        max_request_size: u64,
        batch_size: u64,
    },
    Retention {
        retention_ms: u64,
        window_minutes: f64,
        floor_ms: u64,
    },
    DeadLetterRetention {
        retention_ms: u64,
    },
    CleanupDelete,
    /// The broker keeps the producer's codec instead of compressing again.
    CompressionProducer {
        codec: Option<Compression>,
    },
}

/// A topic as it is to be created.
#[derive(Debug, Clone, PartialEq)]
pub struct TopicDefinition {
    pub name: String,
    pub role: TopicRole,
    pub partitions: u64,
    pub partitions_reason: TopicReason,
    pub replication_factor: u32,
    pub replication_reason: TopicReason,
    pub configs: Vec<TopicConfig>,
}

impl TopicDefinition {
    /// The config `key`, when the definition sets it.
    pub fn config(&self, key: &str) -> Option<&TopicConfig> {
        self.configs.iter().find(|c| c.key == key)
    }
}

/// The topic and, when the request has `[dead_letter]`, its dead letter topic.
pub fn topic_definitions(plan: &Plan) -> Vec<TopicDefinition> {
    let topic = TopicDefinition {
        name: plan.topic.clone(),
        role: TopicRole::Topic,
        partitions: plan.recommended,
        partitions_reason: partitions_reason(plan),
        replication_factor: plan.inputs.replication_factor,
        replication_reason: replication_reason(plan),
        configs: configs(plan, retention(plan)),
    };
    let mut definitions = vec![topic];
    if let Some(dl) = &plan.dead_letter {
        let retention_ms = retention_ms(plan).max(DEAD_LETTER_RETENTION_FLOOR_MS);
        let retention = TopicConfig {
            key: "retention.ms",
            value: SettingValue::Integer(retention_ms),
            reason: TopicReason::DeadLetterRetention { retention_ms },
        };
        definitions.push(TopicDefinition {
            name: dl.topic.clone(),
            role: TopicRole::DeadLetter,
            partitions: dl.partitions,
            partitions_reason: TopicReason::DeadLetterPartitions {
                partitions: dl.partitions,
            },
            replication_factor: plan.inputs.replication_factor,
            replication_reason: replication_reason(plan),
            configs: configs(plan, retention),
        });
    }
    definitions
}

fn partitions_reason(plan: &Plan) -> TopicReason {
    let (partitions, consumers) = (plan.recommended, plan.consumers);
    match group_protocol(plan) {
        GroupProtocol::Share => TopicReason::SharedPartitions {
            partitions,
            consumers,
        },
        _ => TopicReason::PlannedPartitions {
            partitions,
            consumers,
        },
    }
}

fn group_protocol(plan: &Plan) -> GroupProtocol {
    plan.group
        .as_ref()
        .map_or(GroupProtocol::Classic, |g| g.protocol)
}

fn replication_reason(plan: &Plan) -> TopicReason {
    TopicReason::Replication {
        replication_factor: plan.inputs.replication_factor,
        min_insync_replicas: plan.inputs.min_insync_replicas,
    }
}

fn configs(plan: &Plan, retention: TopicConfig) -> Vec<TopicConfig> {
    let acks = match settings::find(&plan.producer, "acks").map(|s| &s.value) {
        Some(SettingValue::Acks(acks)) => *acks,
        _ => settings::Acks::All,
    };
    let codec = match settings::find(&plan.producer, "compression.type").map(|s| &s.value) {
        Some(SettingValue::Compression(codec)) => Some(*codec),
        _ => None,
    };
    vec![
        TopicConfig {
            key: "min.insync.replicas",
            value: SettingValue::Integer(u64::from(plan.inputs.min_insync_replicas)),
            reason: TopicReason::MinInsyncReplicas {
                min_insync_replicas: plan.inputs.min_insync_replicas,
                replication_factor: plan.inputs.replication_factor,
                acks,
            },
        },
        max_message_bytes(plan),
        retention,
        TopicConfig {
            key: "cleanup.policy",
            value: SettingValue::Text("delete".to_string()),
            reason: TopicReason::CleanupDelete,
        },
        TopicConfig {
            key: "compression.type",
            value: SettingValue::Text("producer".to_string()),
            reason: TopicReason::CompressionProducer { codec },
        },
    ]
}

/// max.message.bytes bounds a record batch: it must take the largest message, and the
/// largest request the producer may send (max.request.size) and its full batch
/// (batch.size), or the broker rejects what the producer accepted (`kplan validate`
/// warns when max.request.size is above it).
fn max_message_bytes(plan: &Plan) -> TopicConfig {
    let inputs = &plan.inputs;
    let largest_message_bytes = inputs.max_message_bytes.unwrap_or(inputs.message_bytes);
    let max_request_size = settings::integer(&plan.producer, "max.request.size").unwrap_or(0);
    let batch_size = settings::integer(&plan.producer, "batch.size").unwrap_or(0);
    let bytes = largest_message_bytes.max(max_request_size).max(batch_size);
    TopicConfig {
        key: "max.message.bytes",
        value: SettingValue::Integer(bytes),
        reason: TopicReason::MaxMessageBytes {
            largest_message_bytes,
            max_request_size,
            batch_size,
        },
    }
}

/// RETENTION_WINDOWS consumption windows, at least Kafka's default week, in whole hours.
pub fn retention_ms(plan: &Plan) -> u64 {
    let window_ms = (plan.inputs.target_minutes * 60_000.0).ceil() as u64;
    let windows = window_ms.saturating_mul(RETENTION_WINDOWS);
    windows.max(RETENTION_FLOOR_MS).div_ceil(HOUR_MS) * HOUR_MS
}

fn retention(plan: &Plan) -> TopicConfig {
    let retention_ms = retention_ms(plan);
    TopicConfig {
        key: "retention.ms",
        value: SettingValue::Integer(retention_ms),
        reason: TopicReason::Retention {
            retention_ms,
            window_minutes: plan.inputs.target_minutes,
            floor_ms: RETENTION_FLOOR_MS,
        },
    }
}

/// What the consumer lag of one consumer may be before another is added: the lag it
/// clears within the time its topic allows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum LagBasis {
    /// Online: the p99 end-to-end delay objective.
    DelayObjective { delay_ms: f64 },
    /// Online without an objective: the p99 delay the plan predicts.
    PredictedDelay { delay_ms: f64 },
    /// Batch (or an online plan with no predicted delay): the consumption window.
    Window { minutes: f64 },
}

impl LagBasis {
    fn seconds(self) -> f64 {
        match self {
            LagBasis::DelayObjective { delay_ms } | LagBasis::PredictedDelay { delay_ms } => {
                delay_ms / 1000.0
            }
            LagBasis::Window { minutes } => minutes * 60.0,
        }
    }
}

/// How a lag-driven autoscaler (KEDA's Kafka scaler) should size the consumers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ConsumerScaling {
    /// A consumer group's partition count (a consumer beyond it would sit idle), or a
    /// share group's consumer count (its consumers share the partitions).
    pub max_replicas: u64,
    /// More consumers than partitions: only a share group's do work.
    pub allow_idle_consumers: bool,
    pub protocol: GroupProtocol,
    pub partitions: u64,
    /// Online 1 (a cold start from none would break the delay objective), batch 0
    /// (idle between windows).
    pub min_replicas: u64,
    /// Messages of lag per consumer that trigger one more.
    pub lag_threshold: u64,
    pub per_consumer_tps: f64,
    pub basis: LagBasis,
    pub kind: TopicType,
    /// Where a group without committed offsets starts, as the plan's consumers do.
    pub offset_reset: OffsetReset,
}

/// Where the plan's consumers start without a position: `auto.offset.reset`, or a
/// share group's `share.auto.offset.reset` (a group config, not a client setting).
fn offset_reset(plan: &Plan) -> OffsetReset {
    let client = settings::find(&plan.consumer, "auto.offset.reset").map(|s| &s.value);
    let group = plan.group.as_ref().and_then(|g| {
        let config = g
            .configs
            .iter()
            .find(|c| c.key == "share.auto.offset.reset")?;
        Some(&config.value)
    });
    match client.or(group) {
        Some(SettingValue::OffsetReset(reset)) => *reset,
        Some(SettingValue::Text(text)) if text == "earliest" => OffsetReset::Earliest,
        _ => OffsetReset::Latest,
    }
}

pub fn consumer_scaling(plan: &Plan) -> ConsumerScaling {
    let basis = match (
        plan.kind,
        plan.inputs.max_delay_ms,
        plan.predicted.p99_delay_ms,
    ) {
        (TopicType::Online, Some(delay_ms), _) => LagBasis::DelayObjective { delay_ms },
        (TopicType::Online, None, Some(delay_ms)) => LagBasis::PredictedDelay { delay_ms },
        _ => LagBasis::Window {
            minutes: plan.inputs.target_minutes,
        },
    };
    let per_consumer_tps = plan.per_partition_tps;
    let lag_threshold = (per_consumer_tps * basis.seconds()).floor().max(1.0);
    let offset_reset = offset_reset(plan);
    let protocol = group_protocol(plan);
    let share = protocol == GroupProtocol::Share;
    ConsumerScaling {
        max_replicas: if share {
            plan.consumers
        } else {
            plan.recommended
        },
        allow_idle_consumers: share,
        protocol,
        partitions: plan.recommended,
        min_replicas: match plan.kind {
            TopicType::Online => 1,
            TopicType::Batch => 0,
        },
        // Far below u64::MAX for any plannable request; `as` saturates regardless.
        lag_threshold: lag_threshold as u64,
        per_consumer_tps,
        basis,
        kind: plan.kind,
        offset_reset,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::{DeadLetter, Delivery, LatencySource, Limits, Publish, Request};
    use crate::request::{GroupProtocol, Subscribe, Topic};
    use crate::stats::LatencyStats;
    use crate::test_plans::plan_with_shipped_profile as plan_for;

    fn request(kind: TopicType, target_minutes: f64) -> Request {
        Request {
            topic: Topic {
                name: "t.v1".to_string(),
                kind,
                partition_key: None,
                delivery: Delivery::AtLeastOnce,
            },
            publish: Publish {
                max_messages: 360_000,
                message_bytes: 1000,
                max_message_bytes: Some(5_000_000),
                key_sample_file: None,
            },
            subscribe: Subscribe {
                target_minutes,
                latency: LatencySource::Summary {
                    mean_ms: 10.0,
                    p99_ms: None,
                },
                concurrency: 1,
                max_delay_ms: None,
                group: GroupProtocol::Classic,
            },
            dead_letter: Some(DeadLetter {
                retries: 2,
                backoff_ms: 1000,
            }),
            limits: Limits::default(),
        }
    }

    fn integer(definition: &TopicDefinition, key: &str) -> u64 {
        definition
            .config(key)
            .and_then(|c| c.value.integer())
            .unwrap_or(0)
    }

    #[test]
    fn retention_outlives_two_windows_and_a_week_in_whole_hours() {
        let week = 7 * 24 * 3_600_000;
        for (minutes, expected) in [
            (30.0, week),
            // 2 x 6000 min = 200 h, above the week.
            (6000.0, 200 * 3_600_000),
            // 2 x 5100.5 min = 10201 min, rounded up to 171 h.
            (5100.5, 171 * 3_600_000),
        ] {
            let p = plan_for(
                &request(TopicType::Batch, minutes),
                &LatencyStats::from_summary(10.0, None),
            );
            let topics = topic_definitions(&p);
            assert_eq!(integer(&topics[0], "retention.ms"), expected, "{minutes}");
            assert!(integer(&topics[1], "retention.ms") >= 14 * 24 * 3_600_000);
        }
    }

    #[test]
    fn max_message_bytes_takes_the_largest_message_and_the_largest_request() {
        let p = plan_for(
            &request(TopicType::Online, 30.0),
            &LatencyStats::from_summary(10.0, None),
        );
        let topics = topic_definitions(&p);
        let limit = integer(&topics[0], "max.message.bytes");
        assert!(limit >= 5_000_000);
        assert!(limit >= settings::integer(&p.producer, "max.request.size").unwrap_or(u64::MAX));
        assert!(limit >= settings::integer(&p.producer, "batch.size").unwrap_or(u64::MAX));
        assert_eq!(topics[1].name, "t.v1.DLT");
        assert_eq!(topics[1].partitions, topics[0].partitions);
    }

    #[test]
    fn replication_comes_from_the_profile_unless_the_request_overrides_it() {
        let latency = LatencyStats::from_summary(10.0, None);
        let mut r = request(TopicType::Online, 30.0);
        let p = plan_for(&r, &latency);
        assert_eq!(topic_definitions(&p)[0].replication_factor, 3);
        assert_eq!(integer(&topic_definitions(&p)[0], "min.insync.replicas"), 2);
        r.limits.replication_factor = Some(5);
        r.limits.min_insync_replicas = Some(3);
        let p = plan_for(&r, &latency);
        assert_eq!(topic_definitions(&p)[1].replication_factor, 5);
        assert_eq!(integer(&topic_definitions(&p)[1], "min.insync.replicas"), 3);
    }

    #[test]
    fn the_lag_threshold_is_what_one_consumer_clears_in_the_time_allowed() {
        let latency = LatencyStats::from_summary(10.0, None);
        // Batch: 100 messages/s per consumer x 30 min = 180,000.
        let p = plan_for(&request(TopicType::Batch, 30.0), &latency);
        let s = consumer_scaling(&p);
        assert_eq!(s.lag_threshold, 180_000);
        assert_eq!((s.min_replicas, s.max_replicas), (0, p.recommended));
        assert_eq!(s.offset_reset, OffsetReset::Earliest);
        // Online with a 250 ms objective: 100/s x 0.25 s = 25.
        let mut r = request(TopicType::Online, 30.0);
        r.subscribe.max_delay_ms = Some(250.0);
        let s = consumer_scaling(&plan_for(&r, &latency));
        assert_eq!(s.lag_threshold, 25);
        assert_eq!(s.min_replicas, 1);
    }
}
