//! Per-group configs: what KIP-848 and KIP-932 moved from the client to the broker, set
//! with `kafka-configs.sh --entity-type groups`.

use super::reason::GroupReason as R;
use super::{Setting, SettingsInput, integer_setting};
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
        GroupProtocol::Share => Vec::new(),
    };
    Some(GroupPlan {
        protocol,
        min_kafka_version: protocol.min_kafka_version(),
        configs,
    })
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
