//! Setting reasons in words.

use crate::human::{bytes, count, number};
use crate::model::settings::{Compression, ConsumerReason, GroupReason, ProducerReason, Reason};

/// The reason for a setting's value, as one line.
pub fn reason(reason: &Reason) -> String {
    match reason {
        Reason::Producer(r) => producer_reason(r),
        Reason::Consumer(r) => consumer_reason(r),
        Reason::Group(r) => group_reason(r),
    }
}

fn group_reason(reason: &GroupReason) -> String {
    match reason {
        GroupReason::ConsumerSession {
            profile_ms,
            session_ms,
            broker_min_ms,
            broker_max_ms,
        } => {
            let bounds = format!(
                "the brokers take {} to {} s for a consumer-protocol group",
                number(*broker_min_ms as f64 / 1000.0),
                number(*broker_max_ms as f64 / 1000.0)
            );
            if session_ms == profile_ms {
                format!(
                    "a member silent for {} s is fenced and its partitions move; {bounds}",
                    number(*session_ms as f64 / 1000.0)
                )
            } else {
                format!(
                    "the profile's {} s session moved into range: {bounds}",
                    number(*profile_ms as f64 / 1000.0)
                )
            }
        }
        GroupReason::RecordLock {
            lock_ms,
            poll_ms,
            default_ms,
            max_ms,
        } => {
            let held = format!(
                "a consumer holds an acquired record {} s",
                number(*lock_ms as f64 / 1000.0)
            );
            let poll = number(poll_ms / 1000.0);
            if *poll_ms * 2.0 > *lock_ms as f64 {
                format!(
                    "{held}, the brokers' most; one record at p99 takes {poll} s, more than half of it: acknowledge with RENEW while a record is in work, or it is redelivered to another consumer"
                )
            } else if lock_ms > default_ms {
                format!(
                    "{held}, raised from the {} s default (the brokers allow up to {} s) so a poll's records at p99 ({poll} s) fit in half of it",
                    number(*default_ms as f64 / 1000.0),
                    number(*max_ms as f64 / 1000.0)
                )
            } else {
                format!(
                    "{held} (the default); a poll's records at p99 take {poll} s, within half of it"
                )
            }
        }
        GroupReason::DeliveryCountLimit { retries, limit } => match retries {
            Some(r) => format!(
                "{r} retries and the first attempt: after {limit} deliveries a record is archived or dead-lettered"
            ),
            None => format!(
                "the default: after {limit} deliveries a record that keeps failing is archived; set [dead_letter] to keep it"
            ),
        },
        GroupReason::ShareOffsetReset { delivery } => match delivery {
            crate::request::Delivery::AtMostOnce => {
                "at-most-once: a new share group starts at the newest records".into()
            }
            d => format!(
                "{}: a new share group must not skip records already published",
                d.as_str()
            ),
        },
        GroupReason::DeadLetterQueue { topic } => format!(
            "KIP-1191 (Kafka 4.4+): a record past the delivery limit goes to {topic}; share-group dead letter topics take the dlq. prefix"
        ),
        GroupReason::ConsumerHeartbeat { interval_ms } => format!(
            "heartbeats carry assignment changes: every {} s, the shortest the brokers allow, so a rebalance settles fast",
            number(*interval_ms as f64 / 1000.0)
        ),
    }
}

fn producer_reason(reason: &ProducerReason) -> String {
    use ProducerReason as R;
    match reason {
        R::AcksLeader => {
            "at-most-once tolerates loss, so the leader's acknowledgement is enough".into()
        }
        R::AcksAll { delivery } => format!(
            "{}: a write counts only once every in-sync replica has it",
            delivery.as_str()
        ),
        R::IdempotenceOn => "retries cannot duplicate or reorder records within a partition".into(),
        R::IdempotenceOff => {
            "at-most-once does not retry for safety; idempotence would require acks=all".into()
        }
        R::InFlightIdempotent => {
            "the most the idempotent producer allows while it keeps per-partition order".into()
        }
        R::InFlightKeyedNotIdempotent => {
            "keyed without idempotence: a retried batch must not overtake the next one".into()
        }
        R::InFlightUnkeyed => {
            "unkeyed: order does not matter, so several requests may be in flight".into()
        }
        R::LingerWithinObjective {
            linger_ms,
            share,
            objective_ms,
        } => format!(
            "online: at most {linger_ms} ms of batching, within {}% of the {} ms delay objective",
            number(share * 100.0),
            number(*objective_ms)
        ),
        R::LingerOnline { linger_ms } => {
            format!("online: at most {linger_ms} ms of batching keeps delay low")
        }
        R::LingerBatch { linger_ms } => format!(
            "batch: waiting up to {linger_ms} ms fills larger batches; throughput matters more than delay"
        ),
        R::BatchFill {
            partition_bytes_per_sec,
            linger_ms,
            fill_bytes,
            min_bytes,
            max_bytes,
        } => format!(
            "{}/s per partition x {linger_ms} ms linger fills about {}; kept within {}..{}",
            bytes(*partition_bytes_per_sec),
            bytes(*fill_bytes),
            bytes(*min_bytes as f64),
            bytes(*max_bytes as f64),
        ),
        R::Compression {
            codec,
            topic_bytes_per_sec,
        } => format!(
            "{}: {}; the topic takes {}/s",
            codec.as_str(),
            codec_strength(*codec),
            bytes(*topic_bytes_per_sec)
        ),
        R::BufferMemory { .. } => buffer_memory(reason),
        R::RequestSizeForLargest {
            largest_message_bytes,
        } => format!(
            "fits the largest message ({}) with its record headers",
            bytes(*largest_message_bytes as f64)
        ),
        R::RequestSizeDefaultFitsLargest {
            largest_message_bytes,
        } => format!(
            "the largest message ({}) and a full batch fit the 1 MiB default",
            bytes(*largest_message_bytes as f64)
        ),
        R::RequestSizeDefault => {
            "a full batch fits the 1 MiB default; set max_message_bytes to check the largest message".into()
        }
        R::DeliveryTimeout {
            timeout_ms,
            floor_ms,
        } => format!(
            "a send retries for up to {} s, riding out a leader election; at least linger.ms + request.timeout.ms ({} ms)",
            number(*timeout_ms as f64 / 1000.0),
            count(*floor_ms)
        ),
        R::TransactionalIdPrefix => "exactly-once: a prefix; append a stable id per producer instance (such as the pod ordinal) so a restart fences its predecessor".into(),
        R::TransactionTimeout {
            delivery_timeout_ms,
            broker_max_ms,
        } => format!(
            "exactly-once: a transaction stays open at least as long as delivery.timeout.ms ({} ms) lets a send retry; librdkafka refuses a shorter one{}",
            count(*delivery_timeout_ms),
            broker_max_ms.map_or(String::new(), |max| format!(
                "; above the brokers' default transaction.max.timeout.ms ({} ms): raise it, or the producer cannot start",
                count(max)
            ))
        ),
    }
}

fn codec_strength(codec: Compression) -> &'static str {
    match codec {
        Compression::Lz4 => "fast on CPU and adds little delay",
        Compression::Zstd => {
            "the best ratio, and batches are large enough to pay off (brokers 2.1+)"
        }
        Compression::Snappy => "fast and widely supported",
        Compression::Gzip => "a high ratio at a high CPU cost",
        Compression::None => "as the profile sets it",
    }
}

fn buffer_memory(reason: &ProducerReason) -> String {
    let ProducerReason::BufferMemory {
        buffer_seconds,
        topic_bytes_per_sec,
        partitions,
        min_bytes,
        max_bytes,
        largest_request_bytes,
    } = reason
    else {
        return String::new();
    };
    let sized = format!(
        "holds {} s of the planned {}/s while a leader moves, and 2 batches for each of {} partitions",
        number(*buffer_seconds),
        bytes(*topic_bytes_per_sec),
        count(*partitions),
    );
    match largest_request_bytes {
        Some(request) => format!(
            "{sized}; above the profile's bound of {} B, as the largest request ({} B) must fit the buffer",
            count(*max_bytes),
            count(*request),
        ),
        None => format!(
            "{sized}; within {}..{}",
            bytes(*min_bytes as f64),
            bytes(*max_bytes as f64),
        ),
    }
}

fn consumer_reason(reason: &ConsumerReason) -> String {
    use ConsumerReason as R;
    match reason {
        R::PollInterval { interval_ms } => format!(
            "{} s before a consumer that stops polling is replaced",
            number(*interval_ms as f64 / 1000.0)
        ),
        R::PollIntervalRaised { profile_ms, p99_ms } => format!(
            "raised from {} ms: one record at p99 latency ({} ms) must fit in half of it",
            count(*profile_ms),
            number(*p99_ms)
        ),
        R::PollRecords {
            records,
            p99_ms,
            budget_ms,
            capped_at,
        } => format!(
            "{} records x p99 {} ms = {} s, within half of max.poll.interval.ms ({} s){}",
            count(*records),
            number(*p99_ms),
            number(*records as f64 * p99_ms / 1000.0),
            number(budget_ms / 1000.0),
            capped_at.map_or(String::new(), |limit| format!(
                "; capped at the profile's {}",
                count(limit)
            ))
        ),
        R::AutoCommitOnTimer => {
            "at-most-once: offsets are committed on a timer, before processing may finish".into()
        }
        R::CommitAfterProcessing { delivery } => format!(
            "{}: commit offsets only after processing succeeds",
            delivery.as_str()
        ),
        R::OffsetResetLatest => "at-most-once: a new group starts at the newest records".into(),
        R::OffsetResetEarliest { delivery } => format!(
            "{}: a new group must not skip records already published",
            delivery.as_str()
        ),
        R::FetchAnyData => "online: a fetch returns as soon as any data exists".into(),
        R::FetchMinBytes {
            bytes_per_wait,
            wait_ms,
            bound_bytes,
        } => format!(
            "about {} reach a partition in fetch.max.wait.ms ({wait_ms} ms); at most {}",
            bytes(*bytes_per_wait),
            bytes(*bound_bytes as f64)
        ),
        R::FetchMaxWait { wait_ms } => format!(
            "a fetch waits at most {} ms for fetch.min.bytes to arrive",
            count(*wait_ms)
        ),
        R::CooperativeAssignor => {
            "incremental rebalances: consumers keep their partitions while others join or leave"
                .into()
        }
        R::AsProfileSets => "as the profile sets it".into(),
        R::ReadCommitted => "exactly-once: skip records of aborted transactions".into(),
        R::ReadUncommitted { delivery } => {
            format!("{}: no transactions to wait for", delivery.as_str())
        }
        R::SessionTimeout { kind, timeout_ms } => format!(
            "{}: a consumer silent for {} s is declared dead and its partitions move",
            kind.as_str(),
            number(*timeout_ms as f64 / 1000.0)
        ),
        R::HeartbeatThirdOfSession => {
            "a third of session.timeout.ms, so two heartbeats can be lost before a rebalance".into()
        }
        R::ConsumerProtocol => "KIP-848 (Kafka 4.0+): the broker assigns partitions and rebalances incrementally, without stopping the group; session and heartbeat timeouts are group configs on the broker, so the client sets neither".into(),
        R::UniformAssignor => "the broker's assignor: partitions spread evenly over the members, and only those that must move are revoked".into(),
        R::RecordsWithinLock {
            records,
            p99_ms,
            lock_ms,
            capped_at,
            consumers_per_partition,
            max_record_locks,
        } => format!(
            "{} records x p99 {} ms = {} s, within half of the {} s record lock, so no record is redelivered while still in work{}",
            count(*records),
            number(*p99_ms),
            number(*records as f64 * p99_ms / 1000.0),
            number(*lock_ms as f64 / 1000.0),
            match (consumers_per_partition, capped_at) {
                (Some(per), _) => format!(
                    "; lowered so {per} consumers share a partition's {} record locks",
                    count(*max_record_locks)
                ),
                (None, Some(limit)) => format!("; capped at the profile's {}", count(*limit)),
                (None, None) => String::new(),
            }
        ),
        R::ExplicitAcknowledgement { delivery } => format!(
            "{}: acknowledge each record (ACCEPT) only after it is processed; RELEASE hands it to another consumer, REJECT archives it",
            delivery.as_str()
        ),
        R::ImplicitAcknowledgement => "at-most-once: the next poll acknowledges the previous poll's records, processed or not".into(),
    }
}
