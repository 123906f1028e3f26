//! Client dialects' reasons and notes in words.

use super::reason;
use crate::clients::{ClientNote, ClientReason};
use crate::human::{count, number};
use crate::request::Delivery;

pub fn client_reason(why: &ClientReason) -> String {
    match why {
        ClientReason::Plan(plan) => reason(plan),
        ClientReason::Alias { plan, native } => {
            format!("{}; librdkafka's alias of {native}", reason(plan))
        }
        ClientReason::Renamed { plan, java_key } => {
            format!("librdkafka's name for {java_key}: {}", reason(plan))
        }
        ClientReason::AssignorName { plan, class } => {
            format!("librdkafka's name for {class}: {}", reason(plan))
        }
        ClientReason::MessageMaxBytes { plan } => format!(
            "librdkafka's limit on a produce request (Java max.request.size): {}",
            reason(plan)
        ),
        ClientReason::QueueKbytes { buffer_bytes, plan } => format!(
            "the Java buffer.memory ({} B) in KiB, the unit librdkafka sizes its producer queue in: {}",
            count(*buffer_bytes),
            reason(plan)
        ),
        ClientReason::QueueMessages {
            kbytes,
            messages_fit,
            message_bytes,
        } => format!(
            "the producer queue also stops at this many messages: {} KiB hold about {} messages of {} B, so the byte limit decides",
            count(*kbytes),
            count(*messages_fit),
            count(*message_bytes)
        ),
        ClientReason::BatchMessages {
            messages_fit,
            message_bytes,
        } => format!(
            "librdkafka also ends a batch at this many messages: batch.size holds about {} messages of {} B, so the byte limit decides",
            count(*messages_fit),
            count(*message_bytes)
        ),
        ClientReason::Murmur2Partitioner => "keyed topic: murmur2 of the key, as the Java client and the plan place keys; librdkafka's default (consistent_random, CRC32) would send keys to other partitions".into(),
        ClientReason::OffsetStoreOnHandOver => "at-most-once: an offset is stored as its message is handed over and committed on a timer, before processing may finish".into(),
        ClientReason::OffsetStoreAfterProcessing { delivery } => format!(
            "{}: store a message's offset only after it is processed (rd_kafka_offsets_store(), store_offsets()) and commit the stored offsets; otherwise librdkafka stores it on hand-over, before processing",
            delivery.as_str()
        ),
        ClientReason::ListenerConcurrency { consumers } => format!(
            "one consumer per partition: {n} consumers in the group in all; with K instances of the application, give each {n} / K",
            n = count(*consumers)
        ),
        ClientReason::ListenerAckModeBatch { delivery } => format!(
            "{}: the container commits a poll's offsets only after the listener has processed its records{}",
            delivery.as_str(),
            if *delivery == Delivery::ExactlyOnce {
                ", inside the transaction that transaction-id-prefix starts"
            } else {
                ""
            }
        ),
    }
}

pub fn client_note(note: &ClientNote) -> String {
    match note {
        ClientNote::Unmapped { client, key, value } => format!(
            "{} has no known counterpart of the Java setting {key}={value}; set its equivalent by hand",
            client.title()
        ),
        ClientNote::MessageMaxBytesCapped {
            cap_bytes,
            needed_bytes,
        } => format!(
            "librdkafka caps message.max.bytes at {}, below the {} B the largest message needs: such messages cannot be produced with librdkafka",
            count(*cap_bytes),
            count(*needed_bytes)
        ),
        ClientNote::BatchBound {
            records: n,
            p99_ms,
            interval_ms,
        } => format!(
            "librdkafka has no max.poll.records: rd_kafka_consumer_poll() hands over one message at a time. To process in batches, take at most {n} messages at once (C: rd_kafka_consume_batch_queue() with size {n}; Python: Consumer.consume(num_messages={n})), so that a batch at p99 latency ({} ms each) fits in half of max.poll.interval.ms ({} ms)",
            number(*p99_ms),
            count(*interval_ms),
        ),
        ClientNote::LibrdkafkaDeadLetter {
            retries,
            backoff_ms,
            topic,
        } => format!(
            "librdkafka has no dead letter handling of its own: after {retries} retries {} ms apart, produce the failed message to {topic} with its original key and the same partition number (the topic has as many partitions), then store its offset and move on",
            count(*backoff_ms)
        ),
        ClientNote::SpringThreadsPerPartition { threads: c } => format!(
            "the plan runs {c} threads per partition, but Spring's listener concurrency counts consumers (one thread each): hand each consumer's records to a pool of {c} threads, which gives up order within a partition (this unkeyed topic allows it)"
        ),
        ClientNote::LibrdkafkaShareConsumer => "a share group needs librdkafka's share consumer (librdkafka 2.15 or later, in preview; confluent-kafka's ShareConsumer in Python), not its classic consumer".into(),
        ClientNote::SpringShareContainer { consumers } => format!(
            "share consumers run in a ShareKafkaListenerContainerFactory (Spring for Apache Kafka 4.1+), which Spring Boot does not configure from spring.kafka.listener: declare the bean below, with concurrency {} (the plan's consumers), and point the listeners at it; an exception in a listener rejects the record, and the broker retries it up to share.delivery.count.limit",
            count(*consumers)
        ),
        ClientNote::SpringDeadLetter { topic } => format!(
            "dead letters: declare the DefaultErrorHandler bean below; Spring Boot gives a CommonErrorHandler bean to its listener container factory, and DeadLetterPublishingRecoverer publishes to {topic} on the failed record's partition"
        ),
    }
}
