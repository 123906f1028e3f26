//! The consumer's settings.

use super::reason::ConsumerReason as R;
use super::{Derived, Setting, SettingsInput, integer_setting, round_up};
use crate::client_values::{Isolation, OffsetReset, SettingValue};
use crate::model::share::{MAX_RECORD_LOCKS, ShareSizing};
use crate::request::{Delivery, GroupProtocol};

pub fn consumer_settings(input: &SettingsInput) -> Vec<Setting> {
    if let Some(share) = input.share {
        return share_consumer(input, share);
    }
    let delivery = input.request.topic.delivery;
    let interval = poll_interval_ms(input);
    let wait_ms = input.profile.consumer.fetch_max_wait_ms;
    let mut settings = vec![
        max_poll_records(input, interval.value),
        interval.setting,
        auto_commit(delivery),
        offset_reset(delivery),
        fetch_min_bytes(input),
        integer_setting("fetch.max.wait.ms", wait_ms, R::FetchMaxWait { wait_ms }).setting,
    ];
    match input.request.subscribe.group {
        GroupProtocol::Classic => {
            settings.push(assignment_strategy(input));
            settings.push(isolation(delivery));
            settings.extend(classic_liveness(input));
        }
        GroupProtocol::Consumer => {
            settings.push(isolation(delivery));
            settings.extend(consumer_protocol());
        }
        GroupProtocol::Share => {}
    }
    settings
}

/// A share consumer (KafkaShareConsumer): a poll acquires records under a lock, which
/// the consumer acknowledges; offsets, resets and timeouts are the group's.
fn share_consumer(input: &SettingsInput, share: &ShareSizing) -> Vec<Setting> {
    let wait_ms = input.profile.consumer.fetch_max_wait_ms;
    let limit = input.profile.consumer.max_poll_records;
    let records = share.max_poll_records;
    let (mode, reason) = match input.request.topic.delivery {
        Delivery::AtMostOnce => ("implicit", R::ImplicitAcknowledgement),
        delivery => ("explicit", R::ExplicitAcknowledgement { delivery }),
    };
    vec![
        integer_setting(
            "max.poll.records",
            records,
            R::RecordsWithinLock {
                records,
                p99_ms: input.latency.p99,
                lock_ms: share.lock_ms,
                capped_at: (records == limit).then_some(limit),
                consumers_per_partition: share.lowered_for_consumers_per_partition,
                max_record_locks: MAX_RECORD_LOCKS,
            },
        )
        .setting,
        Setting::new(
            "share.acknowledgement.mode",
            SettingValue::Text(mode.to_string()),
            reason,
        ),
        fetch_min_bytes(input),
        integer_setting("fetch.max.wait.ms", wait_ms, R::FetchMaxWait { wait_ms }).setting,
    ]
}

/// The classic protocol's session and heartbeat, which the client sets.
fn classic_liveness(input: &SettingsInput) -> [Setting; 2] {
    let session_ms = input.profile.consumer.session_timeout_ms;
    [
        integer_setting(
            "session.timeout.ms",
            session_ms,
            R::SessionTimeout {
                kind: input.request.topic.kind,
                timeout_ms: session_ms,
            },
        )
        .setting,
        integer_setting(
            "heartbeat.interval.ms",
            session_ms / 3,
            R::HeartbeatThirdOfSession,
        )
        .setting,
    ]
}

/// KIP-848: the broker assigns partitions and keeps the timeouts, so the client names
/// the protocol and the assignor only.
fn consumer_protocol() -> [Setting; 2] {
    [
        Setting::new(
            "group.protocol",
            SettingValue::Text("consumer".to_string()),
            R::ConsumerProtocol,
        ),
        Setting::new(
            "group.remote.assignor",
            SettingValue::Text("uniform".to_string()),
            R::UniformAssignor,
        ),
    ]
}

fn poll_interval_ms(input: &SettingsInput) -> Derived {
    let profile_ms = input.profile.consumer.max_poll_interval_ms;
    let p99_ms = input.latency.p99;
    // A poll of even one record must fit in half the interval.
    let for_one = round_up((2.0 * p99_ms).ceil() as u64, 1000);
    let value = profile_ms.max(for_one);
    let reason = if value > profile_ms {
        R::PollIntervalRaised { profile_ms, p99_ms }
    } else {
        R::PollInterval { interval_ms: value }
    };
    integer_setting("max.poll.interval.ms", value, reason)
}

fn max_poll_records(input: &SettingsInput, interval_ms: u64) -> Setting {
    let p99_ms = input.latency.p99;
    let budget_ms = interval_ms as f64 / 2.0;
    let limit = input.profile.consumer.max_poll_records;
    let mut records = ((budget_ms / p99_ms).floor() as u64).clamp(1, limit);
    // Guard against rounding: the invariant is records x p99 <= interval / 2.
    while records > 1 && records as f64 * p99_ms > budget_ms {
        records -= 1;
    }
    let reason = R::PollRecords {
        records,
        p99_ms,
        budget_ms,
        capped_at: (records == limit).then_some(limit),
    };
    integer_setting("max.poll.records", records, reason).setting
}

fn auto_commit(delivery: Delivery) -> Setting {
    let (on, reason) = match delivery {
        Delivery::AtMostOnce => (true, R::AutoCommitOnTimer),
        delivery => (false, R::CommitAfterProcessing { delivery }),
    };
    Setting::new("enable.auto.commit", SettingValue::Flag(on), reason)
}

fn offset_reset(delivery: Delivery) -> Setting {
    let (value, reason) = match delivery {
        Delivery::AtMostOnce => (OffsetReset::Latest, R::OffsetResetLatest),
        delivery => (OffsetReset::Earliest, R::OffsetResetEarliest { delivery }),
    };
    Setting::new(
        "auto.offset.reset",
        SettingValue::OffsetReset(value),
        reason,
    )
}

fn fetch_min_bytes(input: &SettingsInput) -> Setting {
    let bound_bytes = input.profile.consumer.fetch_min_bytes;
    let wait_ms = input.profile.consumer.fetch_max_wait_ms;
    let bytes_per_wait = input.partition_bytes_per_sec() * wait_ms as f64 / 1000.0;
    let value = (bytes_per_wait.floor() as u64).clamp(1, bound_bytes);
    let reason = if bound_bytes == 1 {
        R::FetchAnyData
    } else {
        R::FetchMinBytes {
            bytes_per_wait,
            wait_ms,
            bound_bytes,
        }
    };
    integer_setting("fetch.min.bytes", value, reason).setting
}

fn assignment_strategy(input: &SettingsInput) -> Setting {
    let strategy = &input.profile.consumer.assignment_strategy;
    let reason = if strategy.ends_with("CooperativeStickyAssignor") {
        R::CooperativeAssignor
    } else {
        R::AsProfileSets
    };
    Setting::new(
        "partition.assignment.strategy",
        SettingValue::Text(strategy.clone()),
        reason,
    )
}

fn isolation(delivery: Delivery) -> Setting {
    let (value, reason) = match delivery {
        Delivery::ExactlyOnce => (Isolation::ReadCommitted, R::ReadCommitted),
        delivery => (Isolation::ReadUncommitted, R::ReadUncommitted { delivery }),
    };
    Setting::new("isolation.level", SettingValue::Isolation(value), reason)
}
