//! Producer and consumer settings, each derived from the request, the profile and the
//! sizing, each with a one-line reason. Values are strings exactly as they go into a Java
//! client properties file.

use super::sizing::Sizing;
use crate::human::{bytes, count, number};
use crate::profile::Profile;
use crate::request::{Delivery, Request, TopicType};
use crate::stats::LatencyStats;

/// One client setting with the reason for its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setting {
    pub key: &'static str,
    pub value: String,
    pub reason: String,
}

fn setting(key: &'static str, value: impl ToString, reason: impl Into<String>) -> Setting {
    Setting {
        key,
        value: value.to_string(),
        reason: reason.into(),
    }
}

const KIB: u64 = 1024;
const MIB: u64 = 1024 * 1024;
/// Kafka's default max.request.size.
const DEFAULT_MAX_REQUEST_BYTES: u64 = MIB;
/// Record and batch headers on top of the largest value.
const RECORD_OVERHEAD_BYTES: u64 = KIB;

fn round_up(x: u64, multiple: u64) -> u64 {
    x.div_ceil(multiple).saturating_mul(multiple)
}

/// What the settings are derived from.
pub struct SettingsInput<'a> {
    pub request: &'a Request,
    pub profile: &'a Profile,
    pub sizing: &'a Sizing,
    pub latency: &'a LatencyStats,
}

impl SettingsInput<'_> {
    /// Bytes per second into the whole topic at the planned rate.
    fn topic_bytes_per_sec(&self) -> f64 {
        self.sizing.planned_tps * self.request.publish.message_bytes as f64
    }

    fn partition_bytes_per_sec(&self) -> f64 {
        self.topic_bytes_per_sec() / self.sizing.recommended as f64
    }
}

pub fn producer_settings(input: &SettingsInput) -> Vec<Setting> {
    let delivery = input.request.topic.delivery;
    let linger = linger_ms(input);
    let batch = batch_size(input, linger.value);
    let request_size = max_request_size(input, batch.value);
    let timeout = delivery_timeout(input, linger.value);
    let mut settings = vec![
        acks(input),
        idempotence(delivery),
        max_in_flight(input),
        linger.setting,
        batch.setting,
        compression(input),
        buffer_memory(input, batch.value, request_size.value),
        request_size.setting,
        timeout.setting,
    ];
    if delivery == Delivery::ExactlyOnce {
        settings.push(setting(
            "transactional.id",
            format!("{}-tx-", input.request.topic.name),
            "exactly-once: a prefix; append a stable id per producer instance (such as the pod ordinal) so a restart fences its predecessor",
        ));
        settings.push(transaction_timeout(timeout.value));
    }
    settings
}

/// The Java client's and the broker's default transaction.timeout.ms.
const DEFAULT_TRANSACTION_TIMEOUT_MS: u64 = 60_000;
/// The broker's default transaction.max.timeout.ms: a producer asking for more fails.
const BROKER_MAX_TRANSACTION_TIMEOUT_MS: u64 = 900_000;

/// A transaction must outlast the sends in it: librdkafka refuses a message.timeout.ms
/// (delivery.timeout.ms) above transaction.timeout.ms, and with Java the coordinator
/// would abort a transaction whose records are still being retried.
fn transaction_timeout(delivery_timeout_ms: u64) -> Setting {
    let value = delivery_timeout_ms.max(DEFAULT_TRANSACTION_TIMEOUT_MS);
    let broker = if value > BROKER_MAX_TRANSACTION_TIMEOUT_MS {
        format!(
            "; above the brokers' default transaction.max.timeout.ms ({} ms): raise it, or the producer cannot start",
            count(BROKER_MAX_TRANSACTION_TIMEOUT_MS)
        )
    } else {
        String::new()
    };
    setting(
        "transaction.timeout.ms",
        value,
        format!(
            "exactly-once: a transaction stays open at least as long as delivery.timeout.ms ({} ms) lets a send retry; librdkafka refuses a shorter one{broker}",
            count(delivery_timeout_ms)
        ),
    )
}

/// A setting whose numeric value later settings build on.
struct Derived {
    setting: Setting,
    value: u64,
}

fn acks(input: &SettingsInput) -> Setting {
    match input.request.topic.delivery {
        Delivery::AtMostOnce => setting(
            "acks",
            &input.profile.producer.acks_at_most_once,
            "at-most-once tolerates loss, so the leader's acknowledgement is enough",
        ),
        d => setting(
            "acks",
            "all",
            format!(
                "{}: a write counts only once every in-sync replica has it",
                d.as_str()
            ),
        ),
    }
}

fn idempotence(delivery: Delivery) -> Setting {
    if delivery.is_lossless() {
        setting(
            "enable.idempotence",
            "true",
            "retries cannot duplicate or reorder records within a partition",
        )
    } else {
        setting(
            "enable.idempotence",
            "false",
            "at-most-once does not retry for safety; idempotence would require acks=all",
        )
    }
}

fn max_in_flight(input: &SettingsInput) -> Setting {
    let idempotent = input.request.topic.delivery.is_lossless();
    match (idempotent, input.request.is_keyed()) {
        (true, _) => setting(
            "max.in.flight.requests.per.connection",
            5,
            "the most the idempotent producer allows while it keeps per-partition order",
        ),
        (false, true) => setting(
            "max.in.flight.requests.per.connection",
            1,
            "keyed without idempotence: a retried batch must not overtake the next one",
        ),
        (false, false) => setting(
            "max.in.flight.requests.per.connection",
            5,
            "unkeyed: order does not matter, so several requests may be in flight",
        ),
    }
}

fn linger_ms(input: &SettingsInput) -> Derived {
    let producer = &input.profile.producer;
    let base = producer.linger_ms;
    let objective = input.request.subscribe.max_delay_ms;
    let (value, reason) = match (
        input.request.topic.kind,
        objective,
        producer.linger_share_of_delay,
    ) {
        (TopicType::Online, Some(delay), Some(share)) => {
            let budget = (delay * share).floor() as u64;
            let value = base.min(budget);
            let reason = format!(
                "online: at most {value} ms of batching, within {}% of the {} ms delay objective",
                number(share * 100.0),
                number(delay)
            );
            (value, reason)
        }
        (TopicType::Online, _, _) => (
            base,
            format!("online: at most {base} ms of batching keeps delay low"),
        ),
        (TopicType::Batch, _, _) => (
            base,
            format!(
                "batch: waiting up to {base} ms fills larger batches; throughput matters more than delay"
            ),
        ),
    };
    Derived {
        setting: setting("linger.ms", value, reason),
        value,
    }
}

fn batch_size(input: &SettingsInput, linger_ms: u64) -> Derived {
    let producer = &input.profile.producer;
    let rate = input.partition_bytes_per_sec();
    let fill = rate * linger_ms as f64 / 1000.0;
    let wanted = round_up(
        (fill.ceil() as u64).max(input.request.publish.message_bytes),
        KIB,
    );
    let value = wanted.clamp(producer.batch_size_min, producer.batch_size_max);
    let reason = format!(
        "{}/s per partition x {linger_ms} ms linger fills about {}; kept within {}..{}",
        bytes(rate),
        bytes(fill),
        bytes(producer.batch_size_min as f64),
        bytes(producer.batch_size_max as f64),
    );
    Derived {
        setting: setting("batch.size", value, reason),
        value,
    }
}

fn compression(input: &SettingsInput) -> Setting {
    let codec = &input.profile.producer.compression_type;
    let why = match codec.as_str() {
        "lz4" => "fast on CPU and adds little delay",
        "zstd" => "the best ratio, and batches are large enough to pay off (brokers 2.1+)",
        "snappy" => "fast and widely supported",
        "gzip" => "a high ratio at a high CPU cost",
        _ => "as the profile sets it",
    };
    let rate = bytes(input.topic_bytes_per_sec());
    setting(
        "compression.type",
        codec,
        format!("{codec}: {why}; the topic takes {rate}/s"),
    )
}

fn buffer_memory(input: &SettingsInput, batch_size: u64, request_size: u64) -> Setting {
    let producer = &input.profile.producer;
    let rate = input.topic_bytes_per_sec();
    let absorb = (rate * producer.buffer_seconds).ceil() as u64;
    let partitions = input.sizing.recommended;
    let batches = partitions.saturating_mul(batch_size).saturating_mul(2);
    let value = round_up(absorb.max(batches), MIB)
        .clamp(producer.buffer_memory_min, producer.buffer_memory_max)
        // A record larger than the whole buffer could never be sent.
        .max(request_size);
    let sized = format!(
        "holds {} s of the planned {}/s while a leader moves, and 2 batches for each of {} partitions",
        number(producer.buffer_seconds),
        bytes(rate),
        count(partitions),
    );
    // The largest request can push the value past the profile's bound; say so rather
    // than claim the bound holds.
    let reason = if value > producer.buffer_memory_max {
        format!(
            "{sized}; above the profile's bound of {} B, as the largest request ({} B) must fit the buffer",
            count(producer.buffer_memory_max),
            count(request_size),
        )
    } else {
        format!(
            "{sized}; within {}..{}",
            bytes(producer.buffer_memory_min as f64),
            bytes(producer.buffer_memory_max as f64),
        )
    };
    setting("buffer.memory", value, reason)
}

fn max_request_size(input: &SettingsInput, batch_size: u64) -> Derived {
    let largest = input.request.publish.max_message_bytes;
    let for_message = largest.map_or(0, |m| round_up(m + RECORD_OVERHEAD_BYTES, KIB));
    let value = DEFAULT_MAX_REQUEST_BYTES
        .max(batch_size)
        .max(for_message)
        .min(i32::MAX as u64);
    let reason = match largest {
        Some(m) if for_message == value => format!(
            "fits the largest message ({}) with its record headers",
            bytes(m as f64)
        ),
        Some(m) => format!(
            "the largest message ({}) and a full batch fit the 1 MiB default",
            bytes(m as f64)
        ),
        None => "a full batch fits the 1 MiB default; set max_message_bytes to check the largest message".to_string(),
    };
    Derived {
        setting: setting("max.request.size", value, reason),
        value,
    }
}

fn delivery_timeout(input: &SettingsInput, linger_ms: u64) -> Derived {
    let producer = &input.profile.producer;
    let floor = linger_ms + producer.request_timeout_ms;
    let value = producer.delivery_timeout_ms.max(floor);
    let reason = format!(
        "a send retries for up to {} s, riding out a leader election; at least linger.ms + request.timeout.ms ({} ms)",
        number(value as f64 / 1000.0),
        count(floor)
    );
    Derived {
        setting: setting("delivery.timeout.ms", value, reason),
        value,
    }
}

pub fn consumer_settings(input: &SettingsInput) -> Vec<Setting> {
    let delivery = input.request.topic.delivery;
    let interval = poll_interval_ms(input);
    let consumer = &input.profile.consumer;
    let session = consumer.session_timeout_ms;
    vec![
        max_poll_records(input, interval.value),
        interval.setting,
        auto_commit(delivery),
        offset_reset(delivery),
        fetch_min_bytes(input),
        setting(
            "fetch.max.wait.ms",
            consumer.fetch_max_wait_ms,
            format!(
                "a fetch waits at most {} ms for fetch.min.bytes to arrive",
                count(consumer.fetch_max_wait_ms)
            ),
        ),
        assignment_strategy(input),
        isolation(delivery),
        setting(
            "session.timeout.ms",
            session,
            format!(
                "{}: a consumer silent for {} s is declared dead and its partitions move",
                input.request.topic.kind.as_str(),
                number(session as f64 / 1000.0)
            ),
        ),
        setting(
            "heartbeat.interval.ms",
            session / 3,
            "a third of session.timeout.ms, so two heartbeats can be lost before a rebalance",
        ),
    ]
}

fn poll_interval_ms(input: &SettingsInput) -> Derived {
    let profile = input.profile.consumer.max_poll_interval_ms;
    let p99 = input.latency.p99;
    // A poll of even one record must fit in half the interval.
    let for_one = round_up((2.0 * p99).ceil() as u64, 1000);
    let value = profile.max(for_one);
    let reason = if value > profile {
        format!(
            "raised from {} ms: one record at p99 latency ({} ms) must fit in half of it",
            count(profile),
            number(p99)
        )
    } else {
        format!(
            "{} s before a consumer that stops polling is replaced",
            number(value as f64 / 1000.0)
        )
    };
    Derived {
        setting: setting("max.poll.interval.ms", value, reason),
        value,
    }
}

fn max_poll_records(input: &SettingsInput, interval_ms: u64) -> Setting {
    let p99 = input.latency.p99;
    let budget_ms = interval_ms as f64 / 2.0;
    let limit = input.profile.consumer.max_poll_records;
    let mut records = ((budget_ms / p99).floor() as u64).clamp(1, limit);
    // Guard against rounding: the invariant is records x p99 <= interval / 2.
    while records > 1 && records as f64 * p99 > budget_ms {
        records -= 1;
    }
    let took = records as f64 * p99 / 1000.0;
    let reason = format!(
        "{} records x p99 {} ms = {} s, within half of max.poll.interval.ms ({} s){}",
        count(records),
        number(p99),
        number(took),
        number(budget_ms / 1000.0),
        if records == limit {
            format!("; capped at the profile's {}", count(limit))
        } else {
            String::new()
        }
    );
    setting("max.poll.records", records, reason)
}

fn auto_commit(delivery: Delivery) -> Setting {
    match delivery {
        Delivery::AtMostOnce => setting(
            "enable.auto.commit",
            "true",
            "at-most-once: offsets are committed on a timer, before processing may finish",
        ),
        d => setting(
            "enable.auto.commit",
            "false",
            format!(
                "{}: commit offsets only after processing succeeds",
                d.as_str()
            ),
        ),
    }
}

fn offset_reset(delivery: Delivery) -> Setting {
    match delivery {
        Delivery::AtMostOnce => setting(
            "auto.offset.reset",
            "latest",
            "at-most-once: a new group starts at the newest records",
        ),
        d => setting(
            "auto.offset.reset",
            "earliest",
            format!(
                "{}: a new group must not skip records already published",
                d.as_str()
            ),
        ),
    }
}

fn fetch_min_bytes(input: &SettingsInput) -> Setting {
    let bound = input.profile.consumer.fetch_min_bytes;
    let wait_ms = input.profile.consumer.fetch_max_wait_ms;
    let per_wait = input.partition_bytes_per_sec() * wait_ms as f64 / 1000.0;
    let value = (per_wait.floor() as u64).clamp(1, bound);
    let reason = if bound == 1 {
        "online: a fetch returns as soon as any data exists".to_string()
    } else {
        format!(
            "about {} reach a partition in fetch.max.wait.ms ({wait_ms} ms); at most {}",
            bytes(per_wait),
            bytes(bound as f64)
        )
    };
    setting("fetch.min.bytes", value, reason)
}

fn assignment_strategy(input: &SettingsInput) -> Setting {
    let strategy = &input.profile.consumer.assignment_strategy;
    let reason = if strategy.ends_with("CooperativeStickyAssignor") {
        "incremental rebalances: consumers keep their partitions while others join or leave"
    } else {
        "as the profile sets it"
    };
    setting("partition.assignment.strategy", strategy, reason)
}

fn isolation(delivery: Delivery) -> Setting {
    match delivery {
        Delivery::ExactlyOnce => setting(
            "isolation.level",
            "read_committed",
            "exactly-once: skip records of aborted transactions",
        ),
        d => setting(
            "isolation.level",
            "read_uncommitted",
            format!("{}: no transactions to wait for", d.as_str()),
        ),
    }
}
