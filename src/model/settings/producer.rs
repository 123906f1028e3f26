//! The producer's settings.

use super::reason::ProducerReason as R;
use super::{Derived, KIB, MIB, Setting, SettingsInput, integer_setting, round_up};
use crate::client_values::{Acks, Compression, SettingValue};
use crate::request::{Delivery, TopicType};

/// Kafka's default max.request.size.
const DEFAULT_MAX_REQUEST_BYTES: u64 = MIB;
/// Record and batch headers on top of the largest value.
const RECORD_OVERHEAD_BYTES: u64 = KIB;
/// The Java client's and the broker's default transaction.timeout.ms.
const DEFAULT_TRANSACTION_TIMEOUT_MS: u64 = 60_000;
/// The broker's default transaction.max.timeout.ms: a producer asking for more fails.
const BROKER_MAX_TRANSACTION_TIMEOUT_MS: u64 = 900_000;

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
        settings.push(Setting::new(
            "transactional.id",
            SettingValue::Text(format!("{}-tx-", input.request.topic.name)),
            R::TransactionalIdPrefix,
        ));
        settings.push(transaction_timeout(timeout.value));
    }
    settings
}

/// A transaction must outlast the sends in it: librdkafka refuses a message.timeout.ms
/// (delivery.timeout.ms) above transaction.timeout.ms, and with Java the coordinator
/// would abort a transaction whose records are still being retried.
fn transaction_timeout(delivery_timeout_ms: u64) -> Setting {
    let value = delivery_timeout_ms.max(DEFAULT_TRANSACTION_TIMEOUT_MS);
    let reason = R::TransactionTimeout {
        delivery_timeout_ms,
        broker_max_ms: (value > BROKER_MAX_TRANSACTION_TIMEOUT_MS)
            .then_some(BROKER_MAX_TRANSACTION_TIMEOUT_MS),
    };
    integer_setting("transaction.timeout.ms", value, reason).setting
}

fn acks(input: &SettingsInput) -> Setting {
    let (value, reason) = match input.request.topic.delivery {
        // The profile's value is checked when it is read.
        Delivery::AtMostOnce => (
            Acks::parse(&input.profile.producer.acks_at_most_once).unwrap_or(Acks::All),
            R::AcksLeader,
        ),
        delivery => (Acks::All, R::AcksAll { delivery }),
    };
    Setting::new("acks", SettingValue::Acks(value), reason)
}

fn idempotence(delivery: Delivery) -> Setting {
    let (on, reason) = if delivery.is_lossless() {
        (true, R::IdempotenceOn)
    } else {
        (false, R::IdempotenceOff)
    };
    Setting::new("enable.idempotence", SettingValue::Flag(on), reason)
}

fn max_in_flight(input: &SettingsInput) -> Setting {
    let idempotent = input.request.topic.delivery.is_lossless();
    let (value, reason) = match (idempotent, input.request.is_keyed()) {
        (true, _) => (5, R::InFlightIdempotent),
        (false, true) => (1, R::InFlightKeyedNotIdempotent),
        (false, false) => (5, R::InFlightUnkeyed),
    };
    integer_setting("max.in.flight.requests.per.connection", value, reason).setting
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
        (TopicType::Online, Some(objective_ms), Some(share)) => {
            let linger_ms = base.min((objective_ms * share).floor() as u64);
            let reason = R::LingerWithinObjective {
                linger_ms,
                share,
                objective_ms,
            };
            (linger_ms, reason)
        }
        (TopicType::Online, _, _) => (base, R::LingerOnline { linger_ms: base }),
        (TopicType::Batch, _, _) => (base, R::LingerBatch { linger_ms: base }),
    };
    integer_setting("linger.ms", value, reason)
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
    let reason = R::BatchFill {
        partition_bytes_per_sec: rate,
        linger_ms,
        fill_bytes: fill,
        min_bytes: producer.batch_size_min,
        max_bytes: producer.batch_size_max,
    };
    integer_setting("batch.size", value, reason)
}

fn compression(input: &SettingsInput) -> Setting {
    // The profile's codec is checked when it is read.
    let codec =
        Compression::parse(&input.profile.producer.compression_type).unwrap_or(Compression::None);
    let reason = R::Compression {
        codec,
        topic_bytes_per_sec: input.topic_bytes_per_sec(),
    };
    Setting::new("compression.type", SettingValue::Compression(codec), reason)
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
    let reason = R::BufferMemory {
        buffer_seconds: producer.buffer_seconds,
        topic_bytes_per_sec: rate,
        partitions,
        min_bytes: producer.buffer_memory_min,
        max_bytes: producer.buffer_memory_max,
        // The largest request can push the value past the profile's bound; say so
        // rather than claim the bound holds.
        largest_request_bytes: (value > producer.buffer_memory_max).then_some(request_size),
    };
    integer_setting("buffer.memory", value, reason).setting
}

fn max_request_size(input: &SettingsInput, batch_size: u64) -> Derived {
    let largest = input.request.publish.max_message_bytes;
    let for_message = largest.map_or(0, |m| round_up(m + RECORD_OVERHEAD_BYTES, KIB));
    let value = DEFAULT_MAX_REQUEST_BYTES
        .max(batch_size)
        .max(for_message)
        .min(i32::MAX as u64);
    let reason = match largest {
        Some(m) if for_message == value => R::RequestSizeForLargest {
            largest_message_bytes: m,
        },
        Some(m) => R::RequestSizeDefaultFitsLargest {
            largest_message_bytes: m,
        },
        None => R::RequestSizeDefault,
    };
    integer_setting("max.request.size", value, reason)
}

fn delivery_timeout(input: &SettingsInput, linger_ms: u64) -> Derived {
    let producer = &input.profile.producer;
    let floor_ms = linger_ms + producer.request_timeout_ms;
    let value = producer.delivery_timeout_ms.max(floor_ms);
    let reason = R::DeliveryTimeout {
        timeout_ms: value,
        floor_ms,
    };
    integer_setting("delivery.timeout.ms", value, reason)
}
