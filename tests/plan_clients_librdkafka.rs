//! Every dialect's settings, fed to librdkafka itself: `ClientConfig::create()` runs
//! librdkafka's own validation (each value, and the checks across settings such as
//! message.timeout.ms <= transaction.timeout.ms) without a broker. Any refusal fails.
//!
//! The librdkafka dialect is checked whole: every key and value it writes must be
//! accepted. The Java and Spring dialects are written for other clients, so only what
//! librdkafka also understands is passed on: a key librdkafka does not know (Java-only,
//! such as buffer.memory or max.poll.records) is left out, and so is
//! partition.assignment.strategy, whose Java value is a class name. A value librdkafka
//! refuses for a key it knows still fails, as do the checks across the keys passed on.

mod common;

use rdkafka::ClientConfig;
use rdkafka::consumer::BaseConsumer;
use rdkafka::error::KafkaError;
use rdkafka::producer::BaseProducer;
use rdkafka::types::RDKafkaConfRes;

use common::{code, kplan, stderr, stdout};

/// Nothing listens on the discard port; creating a client connects lazily.
const BOOTSTRAP: &str = "127.0.0.1:9";

/// One request of the matrix.
struct Case {
    kind: &'static str,
    delivery: &'static str,
    keyed: bool,
    dead_letter: bool,
    /// The largest message is 1 GiB, past librdkafka's own 1,000,000,000 limit.
    huge: bool,
    concurrency: u32,
    /// `subscribe.group`: classic or consumer (KIP-848).
    group: &'static str,
}

fn matrix() -> Vec<Case> {
    let mut cases = Vec::new();
    for kind in ["online", "batch"] {
        for delivery in ["at-most-once", "at-least-once", "exactly-once"] {
            // Keyed with a dead letter topic, and unkeyed with several threads.
            for keyed in [true, false] {
                cases.push(Case {
                    kind,
                    delivery,
                    keyed,
                    dead_letter: keyed,
                    huge: false,
                    concurrency: if keyed { 1 } else { 4 },
                    group: "classic",
                });
            }
            // The consumer rebalance protocol, keyed with a dead letter topic.
            cases.push(Case {
                kind,
                delivery,
                keyed: true,
                dead_letter: true,
                huge: false,
                concurrency: 1,
                group: "consumer",
            });
            cases.push(Case {
                kind,
                delivery,
                keyed: false,
                dead_letter: true,
                huge: true,
                concurrency: 1,
                group: "classic",
            });
        }
    }
    cases
}

fn request_text(case: &Case) -> String {
    let mut text = format!(
        "[topic]\nname = \"matrix.{}.{}\"\ntype = \"{}\"\ndelivery = \"{}\"\n",
        case.kind, case.delivery, case.kind, case.delivery
    );
    if case.keyed {
        text.push_str("partition_key = \"account_id\"\n");
    }
    text.push_str("\n[publish]\nmax_messages = 600000\n");
    if case.huge {
        text.push_str("message_bytes = 512000\nmax_message_bytes = 1073741824\n");
    } else {
        text.push_str("message_bytes = 1024\n");
    }
    text.push_str(&format!(
        "\n[subscribe]\ntarget_minutes = 10\nlatency_ms = {{ mean = 5.0, p99 = 20.0 }}\nconcurrency = {}\n",
        case.concurrency
    ));
    if case.kind == "online" {
        text.push_str("max_delay_ms = 500\n");
    }
    text.push_str(&format!("group = \"{}\"\n", case.group));
    if case.dead_letter {
        text.push_str("\n[dead_letter]\nretries = 2\nbackoff_ms = 1000\n");
    }
    text
}

/// The producer and consumer settings of a dialect, with librdkafka-ready names.
struct Settings {
    producer: Vec<(String, String)>,
    consumer: Vec<(String, String)>,
}

/// `key=value` lines of `--format properties`, split at its block headers.
fn from_properties(text: &str) -> Settings {
    let mut settings = Settings {
        producer: Vec::new(),
        consumer: Vec::new(),
    };
    let mut block = None;
    for line in text.lines() {
        match line {
            "# ---- producer.properties ----" => block = Some(&mut settings.producer),
            "# ---- consumer.properties ----" => block = Some(&mut settings.consumer),
            _ if line.starts_with('#') || line.is_empty() => {}
            _ => {
                let (key, value) = line.split_once('=').expect("key=value");
                let target = block.as_mut().expect("a setting inside a block");
                target.push((key.to_string(), value.to_string()));
            }
        }
    }
    settings
}

/// Spring Boot's own keys as the Kafka property each one sets (its documented
/// `spring.kafka.*` mapping), with Spring's value spelling undone.
fn spring_own_key(key: &str, value: &str) -> (String, String) {
    let java = match key {
        "batch-size" => "batch.size",
        "buffer-memory" => "buffer.memory",
        "compression-type" => "compression.type",
        "transaction-id-prefix" => "transactional.id",
        "max-poll-records" => "max.poll.records",
        "enable-auto-commit" => "enable.auto.commit",
        "auto-offset-reset" => "auto.offset.reset",
        "fetch-min-size" => "fetch.min.bytes",
        "fetch-max-wait" => "fetch.max.wait.ms",
        "isolation-level" => "isolation.level",
        "heartbeat-interval" => "heartbeat.interval.ms",
        other => other,
    };
    let value = match key {
        "isolation-level" => value.replace('-', "_"),
        "fetch-max-wait" | "heartbeat-interval" => value.trim_end_matches("ms").to_string(),
        _ => value.to_string(),
    };
    (java.to_string(), value)
}

fn scalar(value: &serde_norway::Value) -> String {
    match value {
        serde_norway::Value::String(s) => s.clone(),
        serde_norway::Value::Number(n) => n.to_string(),
        serde_norway::Value::Bool(b) => b.to_string(),
        other => panic!("a scalar setting, found {other:?}"),
    }
}

/// A `spring.kafka.producer` or `.consumer` block: its own keys and its `properties` map.
fn from_spring_block(block: &serde_norway::Value) -> Vec<(String, String)> {
    let mut settings = Vec::new();
    for (key, value) in block.as_mapping().expect("a mapping") {
        let key = key.as_str().expect("a string key");
        if key == "properties" {
            for (name, value) in value.as_mapping().expect("the properties map") {
                let name = name.as_str().expect("a string key");
                let name = name.trim_start_matches('[').trim_end_matches(']');
                settings.push((name.to_string(), scalar(value)));
            }
        } else {
            settings.push(spring_own_key(key, &scalar(value)));
        }
    }
    settings
}

fn from_spring(text: &str) -> Settings {
    let doc: serde_norway::Value = serde_norway::from_str(text).expect("Spring YAML");
    let kafka = &doc["spring"]["kafka"];
    Settings {
        producer: from_spring_block(&kafka["producer"]),
        consumer: from_spring_block(&kafka["consumer"]),
    }
}

/// Whether librdkafka knows `key` at all (as a global or a topic property).
fn librdkafka_knows(key: &str, value: &str) -> bool {
    let mut config = ClientConfig::new();
    config.set(key, value);
    !matches!(
        config.create_native_config(),
        Err(KafkaError::ClientConfig(
            RDKafkaConfRes::RD_KAFKA_CONF_UNKNOWN,
            ..
        ))
    )
}

/// The settings as a librdkafka configuration; for the Java and Spring dialects only
/// the keys librdkafka understands (see the module comment).
fn client_config(settings: &[(String, String)], whole: bool) -> ClientConfig {
    let mut config = ClientConfig::new();
    config.set("bootstrap.servers", BOOTSTRAP);
    for (key, value) in settings {
        let passed_on =
            whole || (key != "partition.assignment.strategy" && librdkafka_knows(key, value));
        if passed_on {
            config.set(key, value);
        }
    }
    config
}

fn plan(file: &str, client: &str, format: &str) -> String {
    let out = kplan(&["plan", file, "--client", client, "--format", format]);
    assert!(code(&out) <= 1, "{file} {client}: {}", stderr(&out));
    stdout(&out)
}

#[test]
fn librdkafka_accepts_every_dialects_settings_for_every_kind_of_request() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cases = matrix();
    assert!(cases.len() >= 12);
    let mut refusals = Vec::new();
    for (i, case) in cases.iter().enumerate() {
        let path = dir.path().join(format!("request-{i}.toml"));
        std::fs::write(&path, request_text(case)).expect("request written");
        let file = path.to_str().expect("a UTF-8 path");
        let dialects = [
            (
                "librdkafka",
                from_properties(&plan(file, "librdkafka", "properties")),
            ),
            ("java", from_properties(&plan(file, "java", "properties"))),
            ("spring", from_spring(&plan(file, "spring", "properties"))),
        ];
        for (client, settings) in dialects {
            let whole = client == "librdkafka";
            assert!(!settings.producer.is_empty() && !settings.consumer.is_empty());
            let producer = client_config(&settings.producer, whole).create::<BaseProducer>();
            if let Err(e) = producer {
                refusals.push(format!("{client} producer for {}: {e}", request_text(case)));
            }
            let mut consumer = client_config(&settings.consumer, whole);
            consumer.set("group.id", "kplan-librdkafka-check");
            if let Err(e) = consumer.create::<BaseConsumer>() {
                refusals.push(format!("{client} consumer for {}: {e}", request_text(case)));
            }
        }
    }
    assert!(refusals.is_empty(), "{}", refusals.join("\n\n"));
}

/// The check can fail: librdkafka refuses a consumer-protocol consumer that sets one of
/// the client settings KIP-848 moved to the broker, and kplan writes none of them.
#[test]
fn librdkafka_refuses_classic_liveness_settings_under_the_consumer_protocol() {
    let dir = tempfile::tempdir().expect("temp dir");
    let case = Case {
        kind: "online",
        delivery: "at-least-once",
        keyed: true,
        dead_letter: false,
        huge: false,
        concurrency: 1,
        group: "consumer",
    };
    let path = dir.path().join("request.toml");
    std::fs::write(&path, request_text(&case)).expect("request written");
    let file = path.to_str().expect("a UTF-8 path");
    for client in ["librdkafka", "java"] {
        let text = plan(file, client, "properties");
        let settings = from_properties(&text);
        let forbidden = [
            "session.timeout.ms",
            "heartbeat.interval.ms",
            "partition.assignment.strategy",
        ];
        assert!(
            settings
                .consumer
                .iter()
                .all(|(k, _)| !forbidden.contains(&k.as_str())),
            "{client}: {:?}",
            settings.consumer
        );
        assert!(
            settings
                .consumer
                .contains(&("group.protocol".into(), "consumer".into()))
        );
    }
    let settings = from_properties(&plan(file, "librdkafka", "properties"));
    let mut consumer = client_config(&settings.consumer, true);
    consumer.set("group.id", "kplan-librdkafka-check");
    assert!(consumer.create::<BaseConsumer>().is_ok());
    consumer.set("session.timeout.ms", "45000");
    match consumer.create::<BaseConsumer>() {
        Ok(_) => panic!("librdkafka took session.timeout.ms with group.protocol=consumer"),
        Err(e) => assert!(e.to_string().contains("session.timeout.ms"), "{e}"),
    }
}
