//! Setting reasons as messages: the id is `reason-<kind>`, the arguments its numbers.

use crate::human::{bytes, count, number};
use crate::i18n::{Lang, Message};
use crate::model::settings::{ConsumerReason, GroupReason, ProducerReason, Reason};
use crate::request::Delivery;

/// The reason for a setting's value, as one line in `lang`.
pub fn reason(lang: Lang, reason: &Reason) -> String {
    reason_message(reason).render(lang)
}

/// The reason as a message to put into words.
pub fn reason_message(reason: &Reason) -> Message {
    let message = Message::new(format!("reason-{}", reason.kind()));
    match reason {
        Reason::Producer(r) => producer_args(message, r),
        Reason::Consumer(r) => consumer_args(message, r),
        Reason::Group(r) => group_args(message, r),
    }
}

fn group_args(m: Message, reason: &GroupReason) -> Message {
    match reason {
        GroupReason::ConsumerSession {
            profile_ms,
            session_ms,
            broker_min_ms,
            broker_max_ms,
        } => m
            .arg("moved", yes_no(session_ms != profile_ms))
            .arg("seconds", seconds(*session_ms))
            .arg("profile_seconds", seconds(*profile_ms))
            .arg("broker_min_seconds", seconds(*broker_min_ms))
            .arg("broker_max_seconds", seconds(*broker_max_ms)),
        GroupReason::RecordLock {
            lock_ms,
            poll_ms,
            default_ms,
            max_ms,
        } => {
            let case = if *poll_ms * 2.0 > *lock_ms as f64 {
                "renew"
            } else if lock_ms > default_ms {
                "raised"
            } else {
                "default"
            };
            m.arg("case", case)
                .arg("lock_seconds", seconds(*lock_ms))
                .arg("poll_seconds", number(poll_ms / 1000.0))
                .arg("default_seconds", seconds(*default_ms))
                .arg("max_seconds", seconds(*max_ms))
        }
        GroupReason::DeliveryCountLimit { retries, limit } => m
            .arg("with_retries", yes_no(retries.is_some()))
            .arg(
                "retries",
                retries.map_or_else(|| "-".to_string(), |r| r.to_string()),
            )
            .arg("limit", limit.to_string()),
        GroupReason::ShareOffsetReset { delivery } => m
            .arg("newest", yes_no(*delivery == Delivery::AtMostOnce))
            .arg("delivery", delivery.as_str()),
        GroupReason::DeadLetterQueue { topic } => m.arg("topic", topic.clone()),
        GroupReason::ConsumerHeartbeat { interval_ms } => m.arg("seconds", seconds(*interval_ms)),
    }
}

/// `yes` or `no`, for a message that selects a variant on it.
fn yes_no(flag: bool) -> &'static str {
    if flag { "yes" } else { "no" }
}

fn seconds(ms: u64) -> String {
    number(ms as f64 / 1000.0)
}

fn producer_args(m: Message, reason: &ProducerReason) -> Message {
    use ProducerReason as R;
    match reason {
        R::AcksLeader
        | R::IdempotenceOn
        | R::IdempotenceOff
        | R::InFlightIdempotent
        | R::InFlightKeyedNotIdempotent
        | R::InFlightUnkeyed
        | R::RequestSizeDefault
        | R::TransactionalIdPrefix => m,
        R::AcksAll { delivery } => m.arg("delivery", delivery.as_str()),
        R::LingerWithinObjective {
            linger_ms,
            share,
            objective_ms,
        } => m
            .arg("linger_ms", linger_ms.to_string())
            .arg("share_percent", number(share * 100.0))
            .arg("objective_ms", number(*objective_ms)),
        R::LingerOnline { linger_ms } | R::LingerBatch { linger_ms } => {
            m.arg("linger_ms", linger_ms.to_string())
        }
        R::BatchFill {
            partition_bytes_per_sec,
            linger_ms,
            fill_bytes,
            min_bytes,
            max_bytes,
        } => m
            .arg("partition_rate", bytes(*partition_bytes_per_sec))
            .arg("linger_ms", linger_ms.to_string())
            .arg("fill", bytes(*fill_bytes))
            .arg("min", bytes(*min_bytes as f64))
            .arg("max", bytes(*max_bytes as f64)),
        R::Compression {
            codec,
            topic_bytes_per_sec,
        } => m
            .arg("codec", codec.as_str())
            .arg("topic_rate", bytes(*topic_bytes_per_sec)),
        R::BufferMemory {
            buffer_seconds,
            topic_bytes_per_sec,
            partitions,
            min_bytes,
            max_bytes,
            largest_request_bytes,
        } => m
            .arg("seconds", number(*buffer_seconds))
            .arg("topic_rate", bytes(*topic_bytes_per_sec))
            .arg("partitions", count(*partitions))
            .arg("min", bytes(*min_bytes as f64))
            .arg("max", bytes(*max_bytes as f64))
            .arg("max_bytes", count(*max_bytes))
            .arg("above_bound", yes_no(largest_request_bytes.is_some()))
            .arg(
                "request_bytes",
                largest_request_bytes.map_or_else(|| "-".to_string(), count),
            ),
        R::RequestSizeForLargest {
            largest_message_bytes,
        }
        | R::RequestSizeDefaultFitsLargest {
            largest_message_bytes,
        } => m.arg("largest", bytes(*largest_message_bytes as f64)),
        R::DeliveryTimeout {
            timeout_ms,
            floor_ms,
        } => m
            .arg("seconds", seconds(*timeout_ms))
            .arg("floor_ms", count(*floor_ms)),
        R::TransactionTimeout {
            delivery_timeout_ms,
            broker_max_ms,
        } => m
            .arg("delivery_timeout_ms", count(*delivery_timeout_ms))
            .arg("above_broker_max", yes_no(broker_max_ms.is_some()))
            .arg(
                "broker_max_ms",
                broker_max_ms.map_or_else(|| "-".to_string(), count),
            ),
    }
}

fn consumer_args(m: Message, reason: &ConsumerReason) -> Message {
    use ConsumerReason as R;
    match reason {
        R::AutoCommitOnTimer
        | R::OffsetResetLatest
        | R::FetchAnyData
        | R::CooperativeAssignor
        | R::AsProfileSets
        | R::ReadCommitted
        | R::HeartbeatThirdOfSession
        | R::ConsumerProtocol
        | R::UniformAssignor
        | R::ImplicitAcknowledgement => m,
        R::PollInterval { interval_ms } => m.arg("seconds", seconds(*interval_ms)),
        R::PollIntervalRaised { profile_ms, p99_ms } => m
            .arg("profile_ms", count(*profile_ms))
            .arg("p99_ms", number(*p99_ms)),
        R::PollRecords {
            records,
            p99_ms,
            budget_ms,
            capped_at,
        } => m
            .arg("records", count(*records))
            .arg("p99_ms", number(*p99_ms))
            .arg("seconds", number(*records as f64 * p99_ms / 1000.0))
            .arg("budget_seconds", number(budget_ms / 1000.0))
            .arg("capped", yes_no(capped_at.is_some()))
            .arg("cap", capped_at.map_or_else(|| "-".to_string(), count)),
        R::CommitAfterProcessing { delivery }
        | R::OffsetResetEarliest { delivery }
        | R::ReadUncommitted { delivery } => m.arg("delivery", delivery.as_str()),
        R::FetchMinBytes {
            bytes_per_wait,
            wait_ms,
            bound_bytes,
        } => m
            .arg("bytes_per_wait", bytes(*bytes_per_wait))
            .arg("wait_ms", wait_ms.to_string())
            .arg("bound", bytes(*bound_bytes as f64)),
        R::FetchMaxWait { wait_ms } => m.arg("wait_ms", count(*wait_ms)),
        R::SessionTimeout { kind, timeout_ms } => m
            .arg("type", kind.as_str())
            .arg("seconds", seconds(*timeout_ms)),
        R::RecordsWithinLock {
            records,
            p99_ms,
            lock_ms,
            capped_at,
            consumers_per_partition,
            max_record_locks,
        } => {
            let limited = match (consumers_per_partition, capped_at) {
                (Some(_), _) => "shared",
                (None, Some(_)) => "capped",
                (None, None) => "no",
            };
            m.arg("records", count(*records))
                .arg("p99_ms", number(*p99_ms))
                .arg("seconds", number(*records as f64 * p99_ms / 1000.0))
                .arg("lock_seconds", seconds(*lock_ms))
                .arg("limited", limited)
                .arg(
                    "consumers_per_partition",
                    consumers_per_partition.map_or_else(|| "-".to_string(), |p| p.to_string()),
                )
                .arg("record_locks", count(*max_record_locks))
                .arg("cap", capped_at.map_or_else(|| "-".to_string(), count))
        }
        R::ExplicitAcknowledgement { delivery } => m.arg("delivery", delivery.as_str()),
    }
}
