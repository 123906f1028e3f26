//! librdkafka's names and units, per its CONFIGURATION.md. Most settings share the Java
//! names (some as librdkafka's aliases of its own names); the rest are renamed, split in
//! two, or replaced by what the application does, which a note explains.

use super::{Client, ClientConfig, ClientSetting, client_setting, number, same, unmapped};
use crate::human::count;
use crate::model::{Plan, Setting};

/// librdkafka's default batch.num.messages.
const DEFAULT_BATCH_MESSAGES: u64 = 10_000;
/// The largest batch.num.messages librdkafka accepts.
const MAX_BATCH_MESSAGES: u64 = 1_000_000;
/// librdkafka's default queue.buffering.max.messages.
const DEFAULT_QUEUE_MESSAGES: u64 = 100_000;
/// The largest queue.buffering.max.messages librdkafka accepts.
const MAX_QUEUE_MESSAGES: u64 = i32::MAX as u64;
/// The largest message.max.bytes librdkafka accepts.
const MAX_MESSAGE_MAX_BYTES: u64 = 1_000_000_000;

pub fn config(plan: &Plan) -> ClientConfig {
    let mut notes = Vec::new();
    let mut producer = Vec::new();
    for setting in &plan.producer {
        match producer_setting(plan, setting, &mut notes) {
            Some(mapped) => producer.extend(mapped),
            None => notes.push(unmapped(Client::Librdkafka, setting)),
        }
    }
    if plan.inputs.partition_key.is_some() {
        producer.push(partitioner());
    }
    let mut consumer = Vec::new();
    for setting in &plan.consumer {
        match consumer_setting(plan, setting, &mut notes) {
            Some(mapped) => consumer.extend(mapped),
            None => notes.push(unmapped(Client::Librdkafka, setting)),
        }
    }
    notes.extend(dead_letter_note(plan));
    ClientConfig {
        client: Client::Librdkafka,
        producer,
        consumer,
        listener: Vec::new(),
        notes,
        snippets: Vec::new(),
    }
}

/// A Java name librdkafka keeps as an alias of its own name.
fn alias(setting: &Setting, native: &str) -> ClientSetting {
    let mut mapped = same(setting);
    mapped.reason = format!("{}; librdkafka's alias of {native}", setting.reason);
    mapped
}

/// `None` when librdkafka has no known counterpart.
fn producer_setting(
    plan: &Plan,
    setting: &Setting,
    notes: &mut Vec<String>,
) -> Option<Vec<ClientSetting>> {
    let mapped = match setting.key {
        "enable.idempotence"
        | "max.in.flight.requests.per.connection"
        | "transactional.id"
        | "transaction.timeout.ms" => vec![same(setting)],
        "acks" => vec![alias(setting, "request.required.acks")],
        "linger.ms" => vec![alias(setting, "queue.buffering.max.ms")],
        "compression.type" => vec![alias(setting, "compression.codec")],
        "delivery.timeout.ms" => vec![alias(setting, "message.timeout.ms")],
        "batch.size" => vec![same(setting), batch_messages(plan, setting)?],
        "buffer.memory" => queue_limits(plan, setting)?,
        "max.request.size" => vec![message_max_bytes(setting, notes)?],
        _ => return None,
    };
    Some(mapped)
}

/// librdkafka also closes a batch at a message count; keep it above what batch.size
/// holds, so the byte limit the plan chose decides.
fn batch_messages(plan: &Plan, batch_size: &Setting) -> Option<ClientSetting> {
    let bytes: u64 = batch_size.value.parse().ok()?;
    let fit = bytes.div_ceil(plan.inputs.message_bytes.max(1));
    let value = fit.clamp(DEFAULT_BATCH_MESSAGES, MAX_BATCH_MESSAGES);
    let reason = format!(
        "librdkafka also ends a batch at this many messages: batch.size holds about {} messages of {} B, so the byte limit decides",
        count(fit),
        count(plan.inputs.message_bytes)
    );
    Some(client_setting(
        "batch.num.messages",
        value.to_string(),
        reason,
    ))
}

/// buffer.memory (bytes) becomes librdkafka's queue limits: KiB, and a message count
/// kept above what those KiB hold.
fn queue_limits(plan: &Plan, buffer: &Setting) -> Option<Vec<ClientSetting>> {
    let bytes: u64 = buffer.value.parse().ok()?;
    let kbytes = bytes.div_ceil(1024);
    let fit = bytes.div_ceil(plan.inputs.message_bytes.max(1));
    let messages = fit.clamp(DEFAULT_QUEUE_MESSAGES, MAX_QUEUE_MESSAGES);
    Some(vec![
        client_setting(
            "queue.buffering.max.kbytes",
            kbytes.to_string(),
            format!(
                "the Java buffer.memory ({} B) in KiB, the unit librdkafka sizes its producer queue in: {}",
                count(bytes),
                buffer.reason
            ),
        ),
        client_setting(
            "queue.buffering.max.messages",
            messages.to_string(),
            format!(
                "the producer queue also stops at this many messages: {} KiB hold about {} messages of {} B, so the byte limit decides",
                count(kbytes),
                count(fit),
                count(plan.inputs.message_bytes)
            ),
        ),
    ])
}

/// librdkafka's message.max.bytes limits a produce request, as Java's max.request.size.
fn message_max_bytes(setting: &Setting, notes: &mut Vec<String>) -> Option<ClientSetting> {
    let bytes: u64 = setting.value.parse().ok()?;
    let value = bytes.min(MAX_MESSAGE_MAX_BYTES);
    if value < bytes {
        notes.push(format!(
            "librdkafka caps message.max.bytes at {}, below the {} B the largest message needs: such messages cannot be produced with librdkafka",
            count(MAX_MESSAGE_MAX_BYTES),
            count(bytes)
        ));
    }
    Some(client_setting(
        "message.max.bytes",
        value.to_string(),
        format!(
            "librdkafka's limit on a produce request (Java max.request.size): {}",
            setting.reason
        ),
    ))
}

fn partitioner() -> ClientSetting {
    client_setting(
        "partitioner",
        "murmur2_random",
        "keyed topic: murmur2 of the key, as the Java client and the plan place keys; librdkafka's default (consistent_random, CRC32) would send keys to other partitions",
    )
}

fn consumer_setting(
    plan: &Plan,
    setting: &Setting,
    notes: &mut Vec<String>,
) -> Option<Vec<ClientSetting>> {
    let mapped = match setting.key {
        "max.poll.interval.ms"
        | "auto.offset.reset"
        | "fetch.min.bytes"
        | "isolation.level"
        | "session.timeout.ms"
        | "heartbeat.interval.ms" => vec![same(setting)],
        "max.poll.records" => {
            notes.push(batch_bound_note(plan, setting));
            Vec::new()
        }
        "enable.auto.commit" => vec![same(setting), offset_store(plan, setting)],
        "fetch.max.wait.ms" => {
            let reason = format!(
                "librdkafka's name for fetch.max.wait.ms: {}",
                setting.reason
            );
            vec![client_setting("fetch.wait.max.ms", &setting.value, reason)]
        }
        "partition.assignment.strategy" => vec![assignment_strategy(setting)?],
        _ => return None,
    };
    Some(mapped)
}

/// librdkafka hands over one message per poll; the plan's max.poll.records becomes the
/// most a batch-taking application should take at once.
fn batch_bound_note(plan: &Plan, setting: &Setting) -> String {
    let interval_ms = number(&plan.consumer, "max.poll.interval.ms").unwrap_or(0);
    format!(
        "librdkafka has no max.poll.records: rd_kafka_consumer_poll() hands over one message at a time. To process in batches, take at most {n} messages at once (C: rd_kafka_consume_batch_queue() with size {n}; Python: Consumer.consume(num_messages={n})), so that a batch at p99 latency ({p99} ms each) fits in half of max.poll.interval.ms ({interval} ms)",
        n = setting.value,
        p99 = crate::human::number(plan.latency_ms.p99),
        interval = count(interval_ms),
    )
}

/// librdkafka stores an offset when it hands a message over, before processing, unless
/// the application stores it itself.
fn offset_store(plan: &Plan, auto_commit: &Setting) -> ClientSetting {
    if auto_commit.value == "true" {
        client_setting(
            "enable.auto.offset.store",
            "true",
            "at-most-once: an offset is stored as its message is handed over and committed on a timer, before processing may finish",
        )
    } else {
        client_setting(
            "enable.auto.offset.store",
            "false",
            format!(
                "{}: store a message's offset only after it is processed (rd_kafka_offsets_store(), store_offsets()) and commit the stored offsets; otherwise librdkafka stores it on hand-over, before processing",
                plan.inputs.delivery.as_str()
            ),
        )
    }
}

/// librdkafka names its assignors; a Java assignor class without a librdkafka
/// counterpart (the eager StickyAssignor, a custom class) stays unmapped.
fn assignment_strategy(setting: &Setting) -> Option<ClientSetting> {
    let class = setting.value.rsplit('.').next().unwrap_or_default();
    let name = match class {
        "CooperativeStickyAssignor" => "cooperative-sticky",
        "RangeAssignor" => "range",
        "RoundRobinAssignor" => "roundrobin",
        _ => return None,
    };
    let reason = format!("librdkafka's name for {class}: {}", setting.reason);
    Some(client_setting(
        "partition.assignment.strategy",
        name,
        reason,
    ))
}

fn dead_letter_note(plan: &Plan) -> Option<String> {
    let dl = plan.dead_letter.as_ref()?;
    Some(format!(
        "librdkafka has no dead letter handling of its own: after {} retries {} ms apart, produce the failed message to {} with its original key and the same partition number (the topic has as many partitions), then store its offset and move on",
        dl.retries,
        count(dl.backoff_ms),
        dl.topic
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_plans::setting;

    #[test]
    fn assignors_map_to_librdkafka_names_or_stay_unmapped() {
        let prefix = "org.apache.kafka.clients.consumer.";
        for (class, name) in [
            ("CooperativeStickyAssignor", Some("cooperative-sticky")),
            ("RangeAssignor", Some("range")),
            ("RoundRobinAssignor", Some("roundrobin")),
            ("StickyAssignor", None),
        ] {
            let s = setting("partition.assignment.strategy", &format!("{prefix}{class}"));
            let mapped = assignment_strategy(&s).map(|m| m.value);
            assert_eq!(mapped.as_deref(), name, "{class}");
        }
    }

    #[test]
    fn a_request_size_above_librdkafkas_limit_is_capped_with_a_note() {
        let mut notes = Vec::new();
        let s = setting("max.request.size", "2147484672");
        let mapped = message_max_bytes(&s, &mut notes).map(|m| m.value);
        assert_eq!(mapped.as_deref(), Some("1000000000"));
        assert_eq!(notes.len(), 1);
        assert!(notes[0].contains("caps message.max.bytes at 1,000,000,000"));
    }
}
