//! librdkafka's names and units, per its CONFIGURATION.md. Most settings share the Java
//! names (some as librdkafka's aliases of its own names); the rest are renamed, split in
//! two, or replaced by what the application does, which a note explains.

use super::{
    Client, ClientConfig, ClientNote, ClientReason, ClientSetting, client_setting, same, unmapped,
};
use crate::model::settings::{SettingValue, integer};
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
    if plan.is_share_group() {
        notes.push(ClientNote::LibrdkafkaShareConsumer);
    } else {
        // A share group's dead letters are the broker's (the group configs).
        notes.extend(dead_letter_note(plan));
    }
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
fn alias(setting: &Setting, native: &'static str) -> ClientSetting {
    let mut mapped = same(setting);
    mapped.reason = ClientReason::Alias {
        plan: setting.reason.clone(),
        native,
    };
    mapped
}

/// `None` when librdkafka has no known counterpart.
fn producer_setting(
    plan: &Plan,
    setting: &Setting,
    notes: &mut Vec<ClientNote>,
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
    let bytes = batch_size.value.integer()?;
    let fit = bytes.div_ceil(plan.inputs.message_bytes.max(1));
    let value = fit.clamp(DEFAULT_BATCH_MESSAGES, MAX_BATCH_MESSAGES);
    let reason = ClientReason::BatchMessages {
        messages_fit: fit,
        message_bytes: plan.inputs.message_bytes,
    };
    Some(client_setting("batch.num.messages", value, reason))
}

/// buffer.memory (bytes) becomes librdkafka's queue limits: KiB, and a message count
/// kept above what those KiB hold.
fn queue_limits(plan: &Plan, buffer: &Setting) -> Option<Vec<ClientSetting>> {
    let bytes = buffer.value.integer()?;
    let kbytes = bytes.div_ceil(1024);
    let fit = bytes.div_ceil(plan.inputs.message_bytes.max(1));
    let messages = fit.clamp(DEFAULT_QUEUE_MESSAGES, MAX_QUEUE_MESSAGES);
    Some(vec![
        client_setting(
            "queue.buffering.max.kbytes",
            kbytes,
            ClientReason::QueueKbytes {
                buffer_bytes: bytes,
                plan: buffer.reason.clone(),
            },
        ),
        client_setting(
            "queue.buffering.max.messages",
            messages,
            ClientReason::QueueMessages {
                kbytes,
                messages_fit: fit,
                message_bytes: plan.inputs.message_bytes,
            },
        ),
    ])
}

/// librdkafka's message.max.bytes limits a produce request, as Java's max.request.size.
fn message_max_bytes(setting: &Setting, notes: &mut Vec<ClientNote>) -> Option<ClientSetting> {
    let bytes = setting.value.integer()?;
    let value = bytes.min(MAX_MESSAGE_MAX_BYTES);
    if value < bytes {
        notes.push(ClientNote::MessageMaxBytesCapped {
            cap_bytes: MAX_MESSAGE_MAX_BYTES,
            needed_bytes: bytes,
        });
    }
    let reason = ClientReason::MessageMaxBytes {
        plan: setting.reason.clone(),
    };
    Some(client_setting("message.max.bytes", value, reason))
}

fn partitioner() -> ClientSetting {
    client_setting(
        "partitioner",
        "murmur2_random",
        ClientReason::Murmur2Partitioner,
    )
}

fn consumer_setting(
    plan: &Plan,
    setting: &Setting,
    notes: &mut Vec<ClientNote>,
) -> Option<Vec<ClientSetting>> {
    let mapped = match setting.key {
        "max.poll.interval.ms"
        | "auto.offset.reset"
        | "fetch.min.bytes"
        | "isolation.level"
        | "session.timeout.ms"
        | "heartbeat.interval.ms"
        | "group.protocol"
        | "group.remote.assignor"
        | "share.acknowledgement.mode" => vec![same(setting)],
        // The share consumer takes the records of one poll as the Java client does.
        "max.poll.records" if plan.is_share_group() => vec![same(setting)],
        "max.poll.records" => {
            notes.push(batch_bound_note(plan, setting));
            Vec::new()
        }
        "enable.auto.commit" => vec![same(setting), offset_store(plan, setting)],
        "fetch.max.wait.ms" => {
            let reason = ClientReason::Renamed {
                plan: setting.reason.clone(),
                java_key: setting.key,
            };
            vec![client_setting("fetch.wait.max.ms", &setting.value, reason)]
        }
        "partition.assignment.strategy" => vec![assignment_strategy(setting)?],
        _ => return None,
    };
    Some(mapped)
}

/// librdkafka hands over one message per poll; the plan's max.poll.records becomes the
/// most a batch-taking application should take at once.
fn batch_bound_note(plan: &Plan, setting: &Setting) -> ClientNote {
    ClientNote::BatchBound {
        records: setting.value.integer().unwrap_or(1),
        p99_ms: plan.latency_ms.p99,
        interval_ms: integer(&plan.consumer, "max.poll.interval.ms").unwrap_or(0),
    }
}

/// librdkafka stores an offset when it hands a message over, before processing, unless
/// the application stores it itself.
fn offset_store(plan: &Plan, auto_commit: &Setting) -> ClientSetting {
    if auto_commit.value.flag() == Some(true) {
        client_setting(
            "enable.auto.offset.store",
            true,
            ClientReason::OffsetStoreOnHandOver,
        )
    } else {
        let reason = ClientReason::OffsetStoreAfterProcessing {
            delivery: plan.inputs.delivery,
        };
        client_setting("enable.auto.offset.store", false, reason)
    }
}

/// librdkafka names its assignors; a Java assignor class without a librdkafka
/// counterpart (the eager StickyAssignor, a custom class) stays unmapped.
fn assignment_strategy(setting: &Setting) -> Option<ClientSetting> {
    let SettingValue::Text(value) = &setting.value else {
        return None;
    };
    let class = value.rsplit('.').next().unwrap_or_default();
    let name = match class {
        "CooperativeStickyAssignor" => "cooperative-sticky",
        "RangeAssignor" => "range",
        "RoundRobinAssignor" => "roundrobin",
        _ => return None,
    };
    let reason = ClientReason::AssignorName {
        plan: setting.reason.clone(),
        class: class.to_string(),
    };
    Some(client_setting(
        "partition.assignment.strategy",
        name,
        reason,
    ))
}

fn dead_letter_note(plan: &Plan) -> Option<ClientNote> {
    let dl = plan.dead_letter.as_ref()?;
    Some(ClientNote::LibrdkafkaDeadLetter {
        retries: dl.retries,
        backoff_ms: dl.backoff_ms,
        topic: dl.topic.clone(),
    })
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
            let value = SettingValue::Text(format!("{prefix}{class}"));
            let s = setting("partition.assignment.strategy", value);
            let mapped = assignment_strategy(&s).map(|m| m.value);
            assert_eq!(mapped.as_deref(), name, "{class}");
        }
    }

    #[test]
    fn a_request_size_above_librdkafkas_limit_is_capped_with_a_note() {
        let mut notes = Vec::new();
        let s = setting("max.request.size", SettingValue::Integer(2_147_484_672));
        let mapped = message_max_bytes(&s, &mut notes).map(|m| m.value);
        assert_eq!(mapped.as_deref(), Some("1000000000"));
        let capped = ClientNote::MessageMaxBytesCapped {
            cap_bytes: 1_000_000_000,
            needed_bytes: 2_147_484_672,
        };
        assert_eq!(notes, [capped]);
    }
}
