//! Client dialects: the plan's settings, which the model writes with the Java client's
//! names and values, as another client spells them. Pure functions over a [`Plan`]; every
//! output format shows whichever dialect the user chose.
//!
//! A Java setting with no known counterpart in a dialect is never guessed at: it is left
//! out and named in a note, and a test keeps today's settings all mapped.

mod librdkafka;
mod spring;

use crate::model::{Plan, Setting};

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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientSetting {
    /// The client's name for it; Spring keys are full property paths, with a map key in
    /// brackets (`spring.kafka.producer.properties[linger.ms]`).
    pub key: String,
    pub value: String,
    pub reason: String,
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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientConfig {
    pub client: Client,
    pub producer: Vec<ClientSetting>,
    pub consumer: Vec<ClientSetting>,
    /// Spring's listener container; empty for the other clients.
    pub listener: Vec<ClientSetting>,
    /// What the client cannot say with a setting, and what to do instead.
    pub notes: Vec<String>,
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
        value: setting.value.clone(),
        reason: setting.reason.clone(),
    }
}

fn client_setting(
    key: impl Into<String>,
    value: impl Into<String>,
    reason: impl Into<String>,
) -> ClientSetting {
    ClientSetting {
        key: key.into(),
        value: value.into(),
        reason: reason.into(),
    }
}

/// The note for a Java setting a dialect has no counterpart for.
fn unmapped(client: Client, setting: &Setting) -> String {
    format!(
        "{} has no known counterpart of the Java setting {}={}; set its equivalent by hand",
        client.title(),
        setting.key,
        setting.value
    )
}

/// The value of the plan's setting `key` as a number, when the model set it.
fn number(settings: &[Setting], key: &str) -> Option<u64> {
    settings
        .iter()
        .find(|s| s.key == key)
        .and_then(|s| s.value.parse().ok())
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
                let unmapped: Vec<&String> = config
                    .notes
                    .iter()
                    .filter(|n| n.contains("no known counterpart"))
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
                    assert!(
                        !s.key.is_empty() && !s.value.is_empty() && !s.reason.is_empty(),
                        "{client:?} {s:?}"
                    );
                }
            }
        }
    }
}
