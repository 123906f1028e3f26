//! Client dialects: the plan's settings, which the model writes with the Java client's
//! names and values, as another client spells them. Pure functions over a [`Plan`]; every
//! output format shows whichever dialect the user chose.
//!
//! A Java setting with no known counterpart in a dialect is never guessed at: it is left
//! out and named in a note, and a test keeps today's settings all mapped.

mod librdkafka;
mod spring;

use crate::model::settings::Reason;
use crate::model::{Plan, Setting};
use crate::request::Delivery;

/// The client whose names and units the settings are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Client {
    /// The Apache Kafka Java client: the model's own names.
    Java,
    /// librdkafka and the clients built on it (confluent-kafka-python, -go, -dotnet).
    Librdkafka,
    /// Spring Boot's `spring.kafka.*` properties and Spring for Apache Kafka.
    Spring,
}

impl Client {
    /// The name `--client` takes and JSON shows.
    pub fn name(self) -> &'static str {
        match self {
            Client::Java => "java",
            Client::Librdkafka => "librdkafka",
            Client::Spring => "spring",
        }
    }

    /// How section titles name the client.
    pub fn title(self) -> &'static str {
        match self {
            Client::Java => "Java client",
            Client::Librdkafka => "librdkafka",
            Client::Spring => "Spring Boot",
        }
    }
}

/// One setting as the client spells it, with the reason for its value.
#[derive(Debug, Clone, PartialEq)]
pub struct ClientSetting {
    /// The client's name for it; Spring keys are full property paths, with a map key in
    /// brackets (`spring.kafka.producer.properties[linger.ms]`).
    pub key: String,
    pub value: String,
    pub reason: ClientReason,
}

/// Why a dialect's setting has its value: the plan's reason, or the dialect's own.
#[derive(Debug, Clone, PartialEq)]
pub enum ClientReason {
    /// The Java setting's reason; the name and value are the same.
    Plan(Reason),
    /// librdkafka keeps the Java name as an alias of its own `native` name.
    Alias { plan: Reason, native: &'static str },
    /// The client's own name for the Java setting `java_key`.
    Renamed {
        plan: Reason,
        java_key: &'static str,
    },
    /// librdkafka's name for the Java assignor `class`.
    AssignorName { plan: Reason, class: String },
    /// librdkafka's message.max.bytes limits a request, as Java's max.request.size.
    MessageMaxBytes { plan: Reason },
    /// buffer.memory in KiB.
    QueueKbytes { buffer_bytes: u64, plan: Reason },
    /// The queue's message limit, kept above what its KiB hold.
    QueueMessages {
        kbytes: u64,
        messages_fit: u64,
        message_bytes: u64,
    },
    /// The batch's message limit, kept above what batch.size holds.
    BatchMessages {
        messages_fit: u64,
        message_bytes: u64,
    },
    /// Keyed: murmur2, as the Java client places keys.
    Murmur2Partitioner,
    /// At-most-once: offsets stored as messages are handed over.
    OffsetStoreOnHandOver,
    /// Offsets stored by the application after processing.
    OffsetStoreAfterProcessing { delivery: Delivery },
    /// Spring: one consumer per partition.
    ListenerConcurrency { consumers: u64 },
    /// Spring: commit a poll's offsets after the listener processed them.
    ListenerAckModeBatch { delivery: Delivery },
}

/// What a client cannot say with a setting, and what to do instead.
#[derive(Debug, Clone, PartialEq)]
pub enum ClientNote {
    /// A Java setting the dialect has no known counterpart for.
    Unmapped {
        client: Client,
        key: &'static str,
        value: String,
    },
    /// librdkafka's message.max.bytes cannot reach what the largest message needs.
    MessageMaxBytesCapped { cap_bytes: u64, needed_bytes: u64 },
    /// librdkafka hands over one message per poll: the most to take at once.
    BatchBound {
        records: u64,
        p99_ms: f64,
        interval_ms: u64,
    },
    /// librdkafka: dead letters are the application's to publish.
    LibrdkafkaDeadLetter {
        retries: u32,
        backoff_ms: u64,
        topic: String,
    },
    /// Spring's concurrency counts consumers, not threads per partition.
    SpringThreadsPerPartition { threads: u32 },
    /// Spring: the error handler bean that publishes dead letters.
    SpringDeadLetter { topic: String },
    /// librdkafka: a share group needs its share consumer, newer than its classic one.
    LibrdkafkaShareConsumer,
    /// Spring: share consumers run in their own container factory, which Spring Boot
    /// does not configure from spring.kafka.listener.
    SpringShareContainer { consumers: u64 },
}

/// Source code the client needs beside its settings (Spring's dead letter handler).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    pub title: String,
    /// For code fences: `java`.
    pub language: &'static str,
    pub lines: Vec<String>,
}

/// The plan's client settings in one dialect.
#[derive(Debug, Clone, PartialEq)]
pub struct ClientConfig {
    pub client: Client,
    pub producer: Vec<ClientSetting>,
    pub consumer: Vec<ClientSetting>,
    /// Spring's listener container; empty for the other clients.
    pub listener: Vec<ClientSetting>,
    /// What the client cannot say with a setting, and what to do instead.
    pub notes: Vec<ClientNote>,
    pub snippets: Vec<Snippet>,
}

/// The plan's settings in `client`'s dialect.
pub fn client_config(plan: &Plan, client: Client) -> ClientConfig {
    match client {
        Client::Java => ClientConfig {
            client,
            producer: plan.producer.iter().map(same).collect(),
            consumer: plan.consumer.iter().map(same).collect(),
            listener: Vec::new(),
            notes: Vec::new(),
            snippets: Vec::new(),
        },
        Client::Librdkafka => librdkafka::config(plan),
        Client::Spring => spring::config(plan),
    }
}

/// A setting whose name and value the client shares with the Java client.
fn same(setting: &Setting) -> ClientSetting {
    ClientSetting {
        key: setting.key.to_string(),
        value: setting.value.to_string(),
        reason: ClientReason::Plan(setting.reason.clone()),
    }
}

fn client_setting(
    key: impl Into<String>,
    value: impl ToString,
    reason: ClientReason,
) -> ClientSetting {
    ClientSetting {
        key: key.into(),
        value: value.to_string(),
        reason,
    }
}

/// The note for a Java setting a dialect has no counterpart for.
fn unmapped(client: Client, setting: &Setting) -> ClientNote {
    ClientNote::Unmapped {
        client,
        key: setting.key,
        value: setting.value.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_plans::example_plans;

    #[test]
    fn java_is_the_plan_itself() {
        for plan in example_plans() {
            let java = client_config(&plan, Client::Java);
            let keys: Vec<&str> = java.producer.iter().map(|s| s.key.as_str()).collect();
            let model: Vec<&str> = plan.producer.iter().map(|s| s.key).collect();
            assert_eq!(keys, model);
            assert!(java.notes.is_empty() && java.listener.is_empty());
        }
    }

    /// Every setting the model writes today has a counterpart in every dialect; a new
    /// setting fails here until its mapping is written.
    #[test]
    fn every_model_setting_is_mapped_in_every_dialect() {
        for plan in example_plans() {
            for client in [Client::Librdkafka, Client::Spring] {
                let config = client_config(&plan, client);
                let unmapped: Vec<&ClientNote> = config
                    .notes
                    .iter()
                    .filter(|n| matches!(n, ClientNote::Unmapped { .. }))
                    .collect();
                assert!(unmapped.is_empty(), "{client:?}: {unmapped:?}");
            }
        }
    }

    #[test]
    fn no_dialect_setting_is_empty() {
        for plan in example_plans() {
            for client in [Client::Java, Client::Librdkafka, Client::Spring] {
                let config = client_config(&plan, client);
                let all = config
                    .producer
                    .iter()
                    .chain(&config.consumer)
                    .chain(&config.listener);
                for s in all {
                    assert!(!s.key.is_empty() && !s.value.is_empty(), "{client:?} {s:?}");
                }
            }
        }
    }
}
