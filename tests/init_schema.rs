//! `kplan init` and `kplan schema`: golden output, the template plans as it is, every
//! example validates against the schema, and the schema agrees with the request reader.

mod common;

use std::path::Path;

use common::{assert_golden, code, kplan, root, stderr, stdout};

fn schema() -> serde_json::Value {
    let out = kplan(&["schema"]);
    assert_eq!(code(&out), 0);
    serde_json::from_str(&stdout(&out)).expect("the schema is JSON")
}

fn validator() -> jsonschema::Validator {
    jsonschema::draft7::new(&schema()).expect("the schema is a valid draft-07 schema")
}

fn toml_to_json(text: &str) -> serde_json::Value {
    let table: toml::Table = toml::from_str(text).expect("valid TOML");
    serde_json::to_value(table).expect("TOML converts to JSON")
}

fn errors(validator: &jsonschema::Validator, document: &serde_json::Value) -> Vec<String> {
    validator
        .iter_errors(document)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn init_matches_its_golden_output() {
    let cases: [(&[&str], &str); 3] = [
        (&["init"], "init-online.toml"),
        (&["init", "--type", "online"], "init-online.toml"),
        (
            &["init", "--type", "batch", "--name", "billing.invoices.v3"],
            "init-batch.toml",
        ),
    ];
    for (args, golden) in cases {
        let out = kplan(args);
        assert_eq!(code(&out), 0, "{args:?}");
        assert_golden(golden, &stdout(&out));
    }
}

#[test]
fn init_output_plans_with_exit_0_as_it_is() {
    for kind in ["online", "batch"] {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("request.toml");
        let out = kplan(&["init", "--type", kind, "--name", "team.events.v1"]);
        std::fs::write(&file, out.stdout).expect("writable temp file");
        let path = file.to_string_lossy().to_string();
        let planned = kplan(&["plan", &path, "--format", "json"]);
        assert_eq!(code(&planned), 0, "{kind}: {}", stderr(&planned));
        let json: serde_json::Value = serde_json::from_str(&stdout(&planned)).expect("JSON");
        assert_eq!(json["topic"], "team.events.v1");
        assert_eq!(json["type"], kind);
        assert_eq!(json["warnings"], serde_json::json!([]), "{kind}");
    }
}

#[test]
fn init_refuses_a_name_kafka_would_refuse() {
    let out = kplan(&["init", "--name", "orders created"]);
    assert_eq!(code(&out), 2);
    assert_eq!(
        stderr(&out),
        "error: --name: ' ' is not allowed in a topic name (letters, digits, '.', '_' and '-' are)\n"
    );
    assert!(out.stdout.is_empty());
    let out = kplan(&["init", "--name", ""]);
    assert_eq!(code(&out), 2);
    assert_eq!(stderr(&out), "error: --name: a topic name is needed\n");
}

#[test]
fn schema_matches_its_golden_output() {
    assert_golden("schema.json", &stdout(&kplan(&["schema"])));
}

#[test]
fn every_example_and_template_validates_against_the_schema() {
    let validator = validator();
    let mut checked = 0;
    for entry in std::fs::read_dir(root().join("examples")).expect("examples folder") {
        let path = entry.expect("a folder entry").path();
        if path.extension().is_some_and(|e| e == "toml") {
            let text = std::fs::read_to_string(&path).expect("readable example");
            let problems = errors(&validator, &toml_to_json(&text));
            assert!(problems.is_empty(), "{}: {problems:?}", path.display());
            checked += 1;
        }
    }
    assert!(checked >= 3, "only {checked} examples found");
    for kind in ["online", "batch"] {
        let text = stdout(&kplan(&["init", "--type", kind]));
        let problems = errors(&validator, &toml_to_json(&text));
        assert!(problems.is_empty(), "init --type {kind}: {problems:?}");
    }
}

/// A valid online request to change one key at a time.
const BASE: &str = r#"
[topic]
name = "orders.created.v1"
type = "online"
delivery = "at-least-once"

[publish]
max_messages = 540000
message_bytes = 1024

[subscribe]
target_minutes = 15
latency_ms = { mean = 8.0, p99 = 30.0 }

[dead_letter]
retries = 2

[limits]
headroom = 1.0
"#;

/// BASE with `section.key` set to the TOML value `value`, or removed when `None`.
/// `section` may be dotted (`subscribe.latency_ms`); an empty key replaces the section.
fn with(changes: &[(&str, &str, Option<&str>)]) -> String {
    let mut doc: toml::Table = toml::from_str(BASE).expect("valid base");
    for (section, key, value) in changes {
        let mut table = &mut doc;
        for part in section.split('.').filter(|p| !p.is_empty()) {
            table = table
                .entry(part.to_string())
                .or_insert_with(|| toml::Value::Table(toml::Table::new()))
                .as_table_mut()
                .expect("a table");
        }
        match value {
            Some(v) => {
                let parsed: toml::Table =
                    toml::from_str(&format!("v = {v}")).expect("a TOML value");
                table.insert(key.to_string(), parsed["v"].clone());
            }
            None => {
                table.remove(*key);
            }
        }
    }
    toml::to_string(&doc).expect("serialisable")
}

/// Documents at and across every bound the schema states: the schema and the reader
/// must agree on each, floats with no fraction in integer keys included (JSON Schema
/// counts 3.0 as an integer).
#[test]
fn the_schema_and_the_reader_agree_at_every_bound() {
    let validator = validator();
    let long_name = format!("\"{}\"", "n".repeat(249));
    let too_long = format!("\"{}\"", "n".repeat(250));
    let set = |s: &'static str, k: &'static str, v: &'static str| vec![(s, k, Some(v))];
    let mut cases: Vec<Vec<(&str, &str, Option<&str>)>> = vec![
        vec![],
        set("topic", "name", "\".\""),
        set("topic", "name", "\"..\""),
        set("topic", "name", "\"a b\""),
        set("topic", "name", "\"\""),
        set("topic", "type", "\"streaming\""),
        set("topic", "delivery", "\"exactly-once\""),
        set("topic", "delivery", "\"twice\""),
        set("topic", "colour", "\"red\""),
        set("", "extra", "{ a = 1 }"),
        set("publish", "max_messages", "0"),
        set("publish", "max_messages", "1"),
        set("publish", "max_messages", "1_000_000_000_000_000"),
        set("publish", "max_messages", "1_000_000_000_000_001"),
        set("publish", "max_messages", "\"10\""),
        set("publish", "max_messages", "1e5"),
        set("publish", "max_messages", "1.5e15"),
        set("publish", "message_bytes", "500.0"),
        set("publish", "message_bytes", "500.5"),
        set("publish", "message_bytes", "-500.0"),
        set("subscribe", "concurrency", "2.0"),
        set("subscribe", "concurrency", "1025.0"),
        set("dead_letter", "retries", "2.0"),
        set("limits", "max_partitions", "3e1"),
        set("limits", "max_partitions", "1e300"),
        set("publish", "message_bytes", "1073741824"),
        set("publish", "message_bytes", "1073741825"),
        set("publish", "max_message_bytes", "1073741824"),
        set("publish", "max_message_bytes", "1073741825"),
        set("publish", "key_sample_file", "\"keys.txt\""),
        set("subscribe", "target_minutes", "0"),
        set("subscribe", "target_minutes", "0.0166"),
        set("subscribe", "target_minutes", "0.016666666666666666"),
        set("subscribe", "target_minutes", "525600"),
        set("subscribe", "target_minutes", "525600.5"),
        set("subscribe", "concurrency", "0"),
        set("subscribe", "concurrency", "1024"),
        set("subscribe", "concurrency", "1025"),
        set("subscribe", "max_delay_ms", "0"),
        set("subscribe", "max_delay_ms", "0.5"),
        set("subscribe", "max_delay_ms", "86400000"),
        set("subscribe", "max_delay_ms", "86400001"),
        set("subscribe", "latency_unit", "\"s\""),
        set("subscribe", "latency_file", "\"latency.txt\""),
        set("subscribe", "latency_ms", "{ mean = 0.000001 }"),
        set("subscribe", "latency_ms", "{ mean = 0.0000009 }"),
        set("subscribe", "latency_ms", "{ mean = 3600000 }"),
        set("subscribe", "latency_ms", "{ mean = 3600001 }"),
        set("subscribe", "latency_ms", "{ p99 = 5.0 }"),
        set("subscribe", "latency_ms", "{ mean = 1.0, p50 = 2.0 }"),
        set("subscribe", "latency_ms", "\"8ms\""),
        vec![("subscribe", "latency_ms", None)],
        vec![
            ("subscribe", "latency_ms", None),
            ("subscribe", "latency_file", Some("\"l.csv\"")),
            ("subscribe", "latency_column", Some("\"took_ms\"")),
        ],
        vec![
            ("subscribe", "latency_ms", None),
            ("subscribe", "latency_histogram_file", Some("\"m.prom\"")),
            ("subscribe", "latency_metric", Some("\"listener_seconds\"")),
            ("subscribe", "latency_labels", Some("{ name = \"orders\" }")),
            ("subscribe", "latency_unit", Some("\"s\"")),
        ],
        vec![
            ("subscribe", "latency_ms", None),
            ("subscribe", "latency_histogram_file", Some("\"m.prom\"")),
        ],
        vec![
            ("subscribe", "latency_ms", None),
            ("subscribe", "latency_histogram_file", Some("\"m.prom\"")),
            (
                "subscribe",
                "latency_metric",
                Some("\"listener_seconds_bucket\""),
            ),
        ],
        vec![
            ("subscribe", "latency_ms", None),
            ("subscribe", "latency_histogram_file", Some("\"m.prom\"")),
            ("subscribe", "latency_metric", Some("\"9lives\"")),
        ],
        vec![
            ("subscribe", "latency_ms", None),
            ("subscribe", "latency_histogram_file", Some("\"m.prom\"")),
            ("subscribe", "latency_metric", Some("\"l\"")),
            ("subscribe", "latency_labels", Some("{ name = 1 }")),
        ],
        set("subscribe", "latency_histogram_file", "\"m.prom\""),
        set("subscribe", "latency_metric", "\"l\""),
        set("subscribe", "latency_labels", "{ name = \"a\" }"),
        set("dead_letter", "retries", "0"),
        set("dead_letter", "retries", "100"),
        set("dead_letter", "retries", "101"),
        set("dead_letter", "retries", "-1"),
        set("dead_letter", "backoff_ms", "3600000"),
        set("dead_letter", "backoff_ms", "3600001"),
        set("limits", "max_partitions", "0"),
        set("limits", "max_partitions", "100000"),
        set("limits", "max_partitions", "100001"),
        set("limits", "headroom", "0.99"),
        set("limits", "headroom", "10"),
        set("limits", "headroom", "10.01"),
        set("limits", "max_utilization", "0"),
        set("limits", "max_utilization", "1"),
        set("limits", "max_utilization", "1.01"),
        set("limits", "partition_write_bytes_per_sec", "0.5"),
        set("limits", "partition_write_bytes_per_sec", "1e12"),
        set("limits", "partition_write_bytes_per_sec", "1.1e12"),
        set("limits", "replication_factor", "0"),
        set("limits", "replication_factor", "32767"),
        set("limits", "replication_factor", "32768"),
        set("limits", "min_insync_replicas", "0"),
        set("limits", "min_insync_replicas", "1"),
        set("limits", "min_insync_replicas", "2.5"),
        vec![("topic", "type", Some("\"batch\""))],
        vec![
            ("topic", "type", Some("\"batch\"")),
            ("subscribe", "max_delay_ms", Some("500")),
        ],
        vec![
            ("topic", "type", Some("\"batch\"")),
            ("limits", "max_utilization", Some("0.5")),
        ],
        vec![
            ("topic", "partition_key", Some("\"id\"")),
            ("subscribe", "concurrency", Some("2")),
        ],
        vec![
            ("topic", "partition_key", Some("\"id\"")),
            ("subscribe", "concurrency", Some("1")),
            ("publish", "key_sample_file", Some("\"keys.txt\"")),
        ],
        vec![("", "topic", None)],
        vec![("topic", "delivery", None)],
    ];
    let name_cases = [long_name.as_str(), too_long.as_str()];
    let names: Vec<Vec<(&str, &str, Option<&str>)>> = name_cases
        .iter()
        .map(|n| vec![("topic", "name", Some(*n))])
        .collect();
    cases.extend(names);
    let mut refused = 0;
    let total = cases.len();
    for case in cases {
        let text = with(&case);
        let by_reader = kplan::request::parse_request(&text, Path::new("case.toml"));
        let by_schema = errors(&validator, &toml_to_json(&text));
        assert_eq!(
            by_schema.is_empty(),
            by_reader.is_ok(),
            "{case:?}\nschema: {by_schema:?}\nreader: {:?}",
            by_reader.err()
        );
        if by_reader.is_err() {
            refused += 1;
        }
    }
    // Both verdicts are exercised, not only one.
    assert!(
        refused > 30 && total - refused > 20,
        "{refused} of {total} refused"
    );
}

/// A whole float reads as the integer it spells: 3.6e6 messages are 3,600,000.
#[test]
fn a_float_with_no_fraction_reads_as_its_integer() {
    let float = with(&[
        ("publish", "max_messages", Some("3.6e6")),
        ("publish", "message_bytes", Some("1024.0")),
    ]);
    let integer = with(&[
        ("publish", "max_messages", Some("3_600_000")),
        ("publish", "message_bytes", Some("1024")),
    ]);
    let read = |text: &str| {
        let request = kplan::request::parse_request(text, Path::new("case.toml"));
        format!("{:?}", request.expect("a valid request"))
    };
    assert_eq!(read(&float), read(&integer));
    assert!(read(&integer).contains("3600000"));
}
