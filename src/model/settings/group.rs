//! Per-group configs: what KIP-848 and KIP-932 moved from the client to the broker, set
//! with `kafka-configs.sh --entity-type groups`.

use super::reason::GroupReason as R;
use super::{Setting, SettingValue, SettingsInput, integer_setting};
use crate::model::share::{LOCK_DURATION_MS, MAX_LOCK_DURATION_MS};
use crate::request::GroupProtocol;

/// The broker's bounds on a consumer-protocol group's session (group.consumer.min and
/// max.session.timeout.ms) and heartbeat (group.consumer.min.heartbeat.interval.ms).
const CONSUMER_SESSION_MS: (u64, u64) = (45_000, 60_000);
const CONSUMER_HEARTBEAT_MIN_MS: u64 = 5_000;

/// How the topic's group is run, beyond the classic protocol's client settings.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupPlan {
    pub protocol: GroupProtocol,
    /// The Kafka release the brokers need.
    pub min_kafka_version: &'static str,
    /// Per-group configs, with the reason for each value.
    pub configs: Vec<Setting>,
}

/// `None` for a classic group, whose settings are all the client's.
pub fn group_plan(input: &SettingsInput) -> Option<GroupPlan> {
    let protocol = input.request.subscribe.group;
    let configs = match protocol {
        GroupProtocol::Classic => return None,
        GroupProtocol::Consumer => consumer_group_configs(input),
        GroupProtocol::Share => share_group_configs(input),
    };
    // A share group's dead letter queue came after share groups themselves.
    let dead_letters = protocol == GroupProtocol::Share && input.request.dead_letter.is_some();
    Some(GroupPlan {
        protocol,
        min_kafka_version: if dead_letters {
            SHARE_DLQ_KAFKA
        } else {
            protocol.min_kafka_version()
        },
        configs,
    })
}

/// KIP-1191's share-group dead letter queue.
const SHARE_DLQ_KAFKA: &str = "4.4";
/// share.delivery.count.limit's group default.
const DEFAULT_DELIVERY_COUNT_LIMIT: u64 = 5;

fn share_group_configs(input: &SettingsInput) -> Vec<Setting> {
    let request = input.request;
    let records = input.share.map_or(1, |s| s.max_poll_records);
    let lock_ms = input.share.map_or(LOCK_DURATION_MS, |s| s.lock_ms);
    let poll_ms = records as f64 * input.latency.p99;
    let retries = request.dead_letter.map(|dl| dl.retries);
    let limit = retries.map_or(DEFAULT_DELIVERY_COUNT_LIMIT, |r| u64::from(r) + 1);
    let delivery = request.topic.delivery;
    let reset = if delivery.is_lossless() {
        "earliest"
    } else {
        "latest"
    };
    let mut configs = vec![
        integer_setting(
            "share.record.lock.duration.ms",
            lock_ms,
            R::RecordLock {
                lock_ms,
                poll_ms,
                default_ms: LOCK_DURATION_MS,
                max_ms: MAX_LOCK_DURATION_MS,
            },
        )
        .setting,
        integer_setting(
            "share.delivery.count.limit",
            limit,
            R::DeliveryCountLimit { retries, limit },
        )
        .setting,
        Setting::new(
            "share.auto.offset.reset",
            SettingValue::Text(reset.to_string()),
            R::ShareOffsetReset { delivery },
        ),
    ];
    if request.dead_letter.is_some() {
        let topic = format!("dlq.{}", request.topic.name);
        configs.push(Setting::new(
            "errors.deadletterqueue.topic.name",
            SettingValue::Text(topic.clone()),
            R::DeadLetterQueue { topic },
        ));
    }
    configs
}

fn consumer_group_configs(input: &SettingsInput) -> Vec<Setting> {
    let profile_ms = input.profile.consumer.session_timeout_ms;
    let (min, max) = CONSUMER_SESSION_MS;
    let session_ms = profile_ms.clamp(min, max);
    vec![
        integer_setting(
            "consumer.session.timeout.ms",
            session_ms,
            R::ConsumerSession {
                profile_ms,
                session_ms,
                broker_min_ms: min,
                broker_max_ms: max,
            },
        )
        .setting,
        integer_setting(
            "consumer.heartbeat.interval.ms",
            CONSUMER_HEARTBEAT_MIN_MS,
            R::ConsumerHeartbeat {
                interval_ms: CONSUMER_HEARTBEAT_MIN_MS,
            },
        )
        .setting,
    ]
}
