//! The JSON Schema (draft-07) of the request file, for editors that check TOML against a
//! schema as users type (taplo, Even Better TOML).
//!
//! The request reader (`request::parse`) is the authority; this is the same rules written
//! as data, with each key explained. Tests keep the two in step: the keys of every
//! section equal the reader's key lists, and documents at each bound get the same verdict
//! from both. What JSON Schema cannot say (max_message_bytes >= message_bytes, p99 >=
//! mean, min_insync_replicas <= replication_factor) is left to the reader. Integer keys are "integer", which JSON Schema grants a
//! float with no fraction (500.0); the reader accepts those too.

use serde_json::{Value, json};

use crate::request::parse::{
    MAX_CONCURRENCY, MAX_DELAY_MS, MAX_LATENCY_MS, MAX_MESSAGE_BYTES, MAX_MESSAGES, MAX_PARTITIONS,
    MAX_REPLICATION_FACTOR, MAX_TARGET_MINUTES, MIN_LATENCY_MS, MIN_TARGET_MINUTES,
};

/// The schema as pretty JSON, ending in a newline.
pub fn render() -> String {
    crate::render::json_document(&request_schema())
}

pub fn request_schema() -> Value {
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "kplan topic request",
        "description": "One Kafka topic: how many messages are published, how fast subscribers must consume them, and the measured processing latency. `kplan plan FILE` turns it into partitions, consumers and client settings.",
        "type": "object",
        "additionalProperties": false,
        "required": ["topic", "publish", "subscribe"],
        "properties": {
            "topic": topic(),
            "publish": publish(),
            "subscribe": subscribe(),
            "dead_letter": dead_letter(),
            "limits": limits(),
        },
        "allOf": cross_section_rules(),
    })
}

/// A section: a table that holds only the keys listed.
fn section(description: &str, required: &[&str], properties: Value) -> Value {
    json!({
        "description": description,
        "type": "object",
        "additionalProperties": false,
        "required": required,
        "properties": properties,
    })
}

fn integer(description: &str, minimum: u64, maximum: u64) -> Value {
    json!({"description": description, "type": "integer", "minimum": minimum, "maximum": maximum})
}

/// A number above zero, at most `maximum`.
fn positive(description: &str, maximum: f64) -> Value {
    json!({"description": description, "type": "number", "exclusiveMinimum": 0, "maximum": maximum})
}

fn number(description: &str, minimum: f64, maximum: f64) -> Value {
    json!({"description": description, "type": "number", "minimum": minimum, "maximum": maximum})
}

/// A string with something besides blanks in it.
fn text(description: &str) -> Value {
    json!({"description": description, "type": "string", "pattern": "\\S"})
}

fn one_of(description: &str, choices: &[&str]) -> Value {
    json!({"description": description, "type": "string", "enum": choices})
}

fn topic() -> Value {
    section(
        "What the topic is: its name, its kind, its key and its delivery guarantee.",
        &["name", "type", "delivery"],
        json!({
            "name": {
                "description": "The Kafka topic name: letters, digits, '.', '_' and '-', at most 249 characters.",
                "type": "string",
                "pattern": "^[A-Za-z0-9._-]+$",
                "maxLength": 249,
                "not": {"enum": [".", ".."]},
            },
            "type": one_of(
                "online: consumers keep up with the peak rate with low delay. batch: a volume is processed within a time window.",
                &["online", "batch"],
            ),
            "partition_key": text(
                "The field messages are keyed by (same key, same partition, per-key order). Leave it out for an unkeyed topic with no ordering requirement.",
            ),
            "delivery": one_of(
                "at-most-once: loss tolerated. at-least-once: no loss, duplicates possible (consumers must be idempotent). exactly-once: transactions end to end.",
                &["at-most-once", "at-least-once", "exactly-once"],
            ),
        }),
    )
}

fn publish() -> Value {
    section(
        "What producers publish.",
        &["max_messages", "message_bytes"],
        json!({
            "max_messages": integer(
                "The most messages published: in the whole window (batch) or at the peak (online).",
                1,
                MAX_MESSAGES,
            ),
            "message_bytes": integer("The average message size, in bytes.", 1, MAX_MESSAGE_BYTES),
            "max_message_bytes": integer(
                "The largest message, in bytes; at least message_bytes. Sizes max.request.size.",
                1,
                MAX_MESSAGE_BYTES,
            ),
            "key_sample_file": text(
                "A sample of real keys, one per line, relative to this file. Needs topic.partition_key; the plan then checks that the busiest partition keeps up.",
            ),
        }),
    )
}

fn subscribe() -> Value {
    let mut table = section(
        "What consumers must achieve, and how long they take per message. Give one of latency_file, latency_histogram_file and latency_ms.",
        &["target_minutes"],
        json!({
            "target_minutes": number(
                "All of max_messages must be consumed within this many minutes (one second to a year).",
                MIN_TARGET_MINUTES,
                MAX_TARGET_MINUTES,
            ),
            "latency_file": text(
                "Measured per-message processing latency: one number per line, or a CSV with a latency_ms column; relative to this file.",
            ),
            "latency_unit": one_of(
                "The unit of the numbers in latency_file (default ms), or of a latency histogram whose metric name and # UNIT line give none (default s).",
                &["ms", "s", "us"],
            ),
            "latency_column": text("The CSV column of latency_file to read (default latency_ms)."),
            "latency_ms": latency_summary(),
            "latency_histogram_file": text(
                "A Prometheus text exposition or OpenMetrics file (a scrape of the consumer's metrics endpoint) holding the processing-time histogram named by latency_metric; relative to this file. Buckets are taken as uniform within each bucket, _sum / _count give the exact mean; a summary gives its mean and 0.99 quantile.",
            ),
            "latency_metric": {
                "description": "The histogram (or summary) in latency_histogram_file, without _bucket, _sum or _count, such as spring_kafka_listener_seconds.",
                "type": "string",
                "pattern": "^[A-Za-z_:][A-Za-z0-9_:]*$",
                "not": {"pattern": "_(bucket|sum|count)$"},
            },
            "latency_labels": {
                "description": "Label values that pick the series of latency_metric to read, such as { name = \"orders\" }; every series that has them is summed.",
                "type": "object",
                "additionalProperties": {"type": "string"},
            },
            "concurrency": {
                "description": "Threads per partition. More than 1 processes a partition out of order, so only for a topic without partition_key.",
                "type": "integer",
                "minimum": 1,
                "maximum": MAX_CONCURRENCY,
                "default": 1,
            },
            "max_delay_ms": positive(
                "Online only: the p99 end-to-end delay objective, in ms. The plan adds partitions until the predicted p99 delay fits.",
                MAX_DELAY_MS,
            ),
            "group": {
                "description": "How subscribers form a group: classic (default), consumer (KIP-848, Kafka 4.0+) or share (KIP-932, Kafka 4.2+; unkeyed, not exactly-once, dead_letter.retries 1 to 9).",
                "enum": ["classic", "consumer", "share"],
                "default": "classic",
            },
        }),
    );
    table["oneOf"] = json!([
        {"required": ["latency_file"]},
        {"required": ["latency_ms"]},
        {"required": ["latency_histogram_file"]},
    ]);
    table["dependencies"] = json!({
        "latency_unit": {"anyOf": [
            {"required": ["latency_file"]},
            {"required": ["latency_histogram_file"]},
        ]},
        "latency_column": ["latency_file"],
        "latency_histogram_file": ["latency_metric"],
        "latency_metric": ["latency_histogram_file"],
        "latency_labels": ["latency_histogram_file"],
    });
    table
}

fn latency_summary() -> Value {
    let latency = |description: &str| number(description, MIN_LATENCY_MS, MAX_LATENCY_MS);
    section(
        "Per-message latency without samples, in ms, such as { mean = 18.0, p99 = 60.0 }. With the mean alone, processing times are taken as exponential; with a p99 too, as the lognormal with that mean and p99, or beyond a lognormal's reach (p99 above about 15 x the mean) a two-part mixture. The p99 must be between the mean and 100 x the mean.",
        &["mean"],
        json!({
            "mean": latency("The mean processing time of one message, in ms."),
            "p99": latency("The 99th percentile, in ms; at least the mean (default mean x ln 100)."),
        }),
    )
}

fn dead_letter() -> Value {
    section(
        "Failed messages go to <topic>.DLT (dlq.<topic> for a share group) after a bounded number of retries.",
        &[],
        json!({
            "retries": {
                "description": "Retries before a message is dead-lettered.",
                "type": "integer", "minimum": 0, "maximum": 100, "default": 2,
            },
            "backoff_ms": {
                "description": "The wait between retries, in ms.",
                "type": "integer", "minimum": 0, "maximum": 3_600_000, "default": 1000,
            },
        }),
    )
}

fn limits() -> Value {
    section(
        "Overrides of the profile's defaults and the per-topic cap.",
        &[],
        json!({
            "max_partitions": integer(
                "The per-topic partition cap (the shipped profiles say 30).",
                1,
                MAX_PARTITIONS,
            ),
            "headroom": number(
                "A multiplier on the need (1.0 = none), for growth or spikes.",
                1.0,
                10.0,
            ),
            "max_utilization": {
                "description": "Online only: the per-partition utilisation ceiling (0.7 in the shipped profile); queueing delay explodes near 1.",
                "type": "number", "exclusiveMinimum": 0, "maximum": 1,
            },
            "partition_write_bytes_per_sec": number(
                "The producer throughput one partition takes, in bytes per second.",
                1.0,
                1e12,
            ),
            "drain_confidence": number(
                "Batch only: the chance that every partition drains within target_minutes (0.95 in the shipped profile); the deadline need holds the slowest partition's drain at this quantile.",
                0.5,
                crate::request::parse::MAX_DRAIN_CONFIDENCE,
            ),
            "replication_factor": integer(
                "Copies of each partition the topic is created with, for kplan export and kplan validate (3 in the shipped profiles).",
                1,
                MAX_REPLICATION_FACTOR,
            ),
            "min_insync_replicas": integer(
                "Replicas that must have a write before an acks=all producer counts it sent (2 in the shipped profiles); at most replication_factor.",
                1,
                MAX_REPLICATION_FACTOR,
            ),
        }),
    )
}

/// Rules that span sections, as the reader enforces them.
fn cross_section_rules() -> Value {
    json!([
        {
            "description": "A batch topic's objective is target_minutes: no delay objective, no utilisation ceiling.",
            "if": {
                "required": ["topic"],
                "properties": {"topic": {"required": ["type"], "properties": {"type": {"const": "batch"}}}},
            },
            "then": {
                "properties": {
                    "subscribe": {"not": {"required": ["max_delay_ms"]}},
                    "limits": {"not": {"required": ["max_utilization"]}},
                },
            },
        },
        {
            "description": "An online topic's objective is max_delay_ms: no drain confidence.",
            "if": {
                "required": ["topic"],
                "properties": {"topic": {"required": ["type"], "properties": {"type": {"const": "online"}}}},
            },
            "then": {
                "properties": {
                    "limits": {"not": {"required": ["drain_confidence"]}},
                },
            },
        },
        {
            "description": "A keyed topic runs one thread per partition, to keep per-key order.",
            "if": {
                "required": ["topic"],
                "properties": {"topic": {"required": ["partition_key"]}},
            },
            "then": {"properties": {"subscribe": {"properties": {"concurrency": {"const": 1}}}}},
        },
        {
            "description": "A key sample needs a keyed topic.",
            "if": {
                "required": ["publish"],
                "properties": {"publish": {"required": ["key_sample_file"]}},
            },
            "then": {"properties": {"topic": {"required": ["partition_key"]}}},
        },
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::parse::{
        DEAD_LETTER_KEYS, LIMITS_KEYS, PUBLISH_KEYS, SECTIONS, SUBSCRIBE_KEYS, SUMMARY_KEYS,
        TOPIC_KEYS,
    };

    fn keys(schema: &Value) -> Vec<String> {
        let mut keys: Vec<String> = schema["properties"]
            .as_object()
            .map(|o| o.keys().cloned().collect())
            .unwrap_or_default();
        keys.sort();
        keys
    }

    fn sorted(keys: &[&str]) -> Vec<String> {
        let mut keys: Vec<String> = keys.iter().map(|k| k.to_string()).collect();
        keys.sort();
        keys
    }

    /// The schema and the reader cannot drift apart: a key added to one fails here until
    /// it is added to the other.
    #[test]
    fn every_section_holds_exactly_the_keys_the_reader_accepts() {
        let schema = request_schema();
        assert_eq!(keys(&schema), sorted(SECTIONS));
        let sections = [
            ("topic", TOPIC_KEYS),
            ("publish", PUBLISH_KEYS),
            ("subscribe", SUBSCRIBE_KEYS),
            ("dead_letter", DEAD_LETTER_KEYS),
            ("limits", LIMITS_KEYS),
        ];
        for (name, reader_keys) in sections {
            let section = &schema["properties"][name];
            assert_eq!(keys(section), sorted(reader_keys), "[{name}]");
            assert_eq!(section["additionalProperties"], false, "[{name}]");
        }
        let summary = &schema["properties"]["subscribe"]["properties"]["latency_ms"];
        assert_eq!(keys(summary), sorted(SUMMARY_KEYS));
    }

    #[test]
    fn every_key_is_explained() {
        let schema = request_schema();
        for section in SECTIONS {
            let properties = &schema["properties"][section]["properties"];
            for (key, value) in properties.as_object().into_iter().flatten() {
                let text = value["description"].as_str().unwrap_or_default();
                assert!(text.len() > 20, "{section}.{key}");
            }
        }
    }
}
