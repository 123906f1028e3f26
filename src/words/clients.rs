//! Client dialects' reasons and notes as messages.

use super::reasons::reason_message;
use crate::clients::{Client, ClientNote, ClientReason};
use crate::human::{count, number};
use crate::i18n::{Lang, Message};

/// The client's name as a heading shows it (`Java client`, `librdkafka`).
pub fn client_title(lang: Lang, client: Client) -> String {
    Message::new("client-title")
        .arg("client", client_id(client))
        .render(lang)
}

fn client_id(client: Client) -> &'static str {
    match client {
        Client::Java => "java",
        Client::Librdkafka => "librdkafka",
        Client::Spring => "spring",
    }
}

pub fn client_reason(lang: Lang, why: &ClientReason) -> String {
    client_reason_message(why).render(lang)
}

/// A dialect's reason; one that wraps the plan's reason carries it as the argument
/// `reason`.
pub fn client_reason_message(why: &ClientReason) -> Message {
    let plan = reason_message;
    match why {
        ClientReason::Plan(r) => reason_message(r),
        ClientReason::Alias { plan: r, native } => Message::new("client-reason-alias")
            .arg_message("reason", plan(r))
            .arg("native", *native),
        ClientReason::Renamed { plan: r, java_key } => Message::new("client-reason-renamed")
            .arg_message("reason", plan(r))
            .arg("java_key", *java_key),
        ClientReason::AssignorName { plan: r, class } => {
            Message::new("client-reason-assignor-name")
                .arg_message("reason", plan(r))
                .arg("class", class.clone())
        }
        ClientReason::MessageMaxBytes { plan: r } => {
            Message::new("client-reason-message-max-bytes").arg_message("reason", plan(r))
        }
        ClientReason::QueueKbytes {
            buffer_bytes,
            plan: r,
        } => Message::new("client-reason-queue-kbytes")
            .arg("buffer_bytes", count(*buffer_bytes))
            .arg_message("reason", plan(r)),
        ClientReason::QueueMessages {
            kbytes,
            messages_fit,
            message_bytes,
        } => Message::new("client-reason-queue-messages")
            .arg("kbytes", count(*kbytes))
            .arg("messages", count(*messages_fit))
            .arg("message_bytes", count(*message_bytes)),
        ClientReason::BatchMessages {
            messages_fit,
            message_bytes,
        } => Message::new("client-reason-batch-messages")
            .arg("messages", count(*messages_fit))
            .arg("message_bytes", count(*message_bytes)),
        ClientReason::Murmur2Partitioner => Message::new("client-reason-murmur2-partitioner"),
        ClientReason::OffsetStoreOnHandOver => {
            Message::new("client-reason-offset-store-on-hand-over")
        }
        ClientReason::OffsetStoreAfterProcessing { delivery } => {
            Message::new("client-reason-offset-store-after-processing")
                .arg("delivery", delivery.as_str())
        }
        ClientReason::ListenerConcurrency { consumers } => {
            Message::new("client-reason-listener-concurrency").arg("consumers", count(*consumers))
        }
        ClientReason::ListenerAckModeBatch { delivery } => {
            Message::new("client-reason-listener-ack-mode-batch").arg("delivery", delivery.as_str())
        }
    }
}

pub fn client_note(lang: Lang, note: &ClientNote) -> String {
    client_note_message(lang, note).render(lang)
}

pub fn client_note_message(lang: Lang, note: &ClientNote) -> Message {
    match note {
        ClientNote::Unmapped { client, key, value } => Message::new("client-note-unmapped")
            .arg("client", client_title(lang, *client))
            .arg("key", *key)
            .arg("value", value.clone()),
        ClientNote::MessageMaxBytesCapped {
            cap_bytes,
            needed_bytes,
        } => Message::new("client-note-message-max-bytes-capped")
            .arg("cap_bytes", count(*cap_bytes))
            .arg("needed_bytes", count(*needed_bytes)),
        ClientNote::BatchBound {
            records,
            p99_ms,
            interval_ms,
        } => Message::new("client-note-batch-bound")
            .arg("records", records.to_string())
            .arg("p99_ms", number(*p99_ms))
            .arg("interval_ms", count(*interval_ms)),
        ClientNote::LibrdkafkaDeadLetter {
            retries,
            backoff_ms,
            topic,
        } => Message::new("client-note-librdkafka-dead-letter")
            .arg("retries", retries.to_string())
            .arg("backoff_ms", count(*backoff_ms))
            .arg("topic", topic.clone()),
        ClientNote::SpringThreadsPerPartition { threads } => {
            Message::new("client-note-spring-threads-per-partition")
                .arg("threads", threads.to_string())
        }
        ClientNote::LibrdkafkaShareConsumer => {
            Message::new("client-note-librdkafka-share-consumer")
        }
        ClientNote::SpringShareContainer { consumers } => {
            Message::new("client-note-spring-share-container").arg("consumers", count(*consumers))
        }
        ClientNote::SpringDeadLetter { topic } => {
            Message::new("client-note-spring-dead-letter").arg("topic", topic.clone())
        }
    }
}
