//! Client dialects (`--client`) and `--format properties`: golden output for every
//! example in every dialect, and the files parse as what they claim to be.

mod common;

use common::{assert_golden, code, kplan, stdout};

const EXAMPLES: [(&str, i32); 3] = [
    ("orders-settlement", 0),
    ("payments-authorized", 0),
    ("clickstream-events", 1),
];
const CLIENTS: [(&str, &str); 3] = [
    ("java", "properties"),
    ("librdkafka", "properties"),
    ("spring", "yml"),
];

fn plan(example: &str, args: &[&str]) -> std::process::Output {
    let file = format!("examples/{example}.toml");
    let mut all = vec!["plan", file.as_str()];
    all.extend_from_slice(args);
    kplan(&all)
}

#[test]
fn every_example_matches_its_golden_settings_in_every_client() {
    for (example, exit) in EXAMPLES {
        for (client, ext) in CLIENTS {
            let out = plan(example, &["--client", client, "--format", "properties"]);
            assert_eq!(code(&out), exit, "{example} --client {client}");
            assert_golden(&format!("{example}.{client}.{ext}"), &stdout(&out));
        }
    }
}

#[test]
fn the_other_formats_show_the_chosen_dialect() {
    let cases = [
        ("orders-settlement", "spring", "table", "txt"),
        ("payments-authorized", "librdkafka", "markdown", "md"),
        ("payments-authorized", "spring", "jira", "jira"),
    ];
    for (example, client, format, ext) in cases {
        let out = plan(example, &["--client", client, "--format", format]);
        assert_eq!(code(&out), 0, "{example} {client} {format}");
        assert_golden(&format!("{example}.{client}.{ext}"), &stdout(&out));
    }
}

#[test]
fn java_is_the_default_client_in_every_format() {
    for format in ["table", "json", "markdown", "jira", "properties"] {
        let default = plan("payments-authorized", &["--format", format]);
        let java = plan(
            "payments-authorized",
            &["--format", format, "--client", "java"],
        );
        assert_eq!(stdout(&default), stdout(&java), "{format}");
    }
}

#[test]
fn json_adds_the_dialect_beside_the_java_settings() {
    let json = |client: &str| -> serde_json::Value {
        let out = plan(
            "orders-settlement",
            &["--format", "json", "--client", client],
        );
        serde_json::from_str(&stdout(&out)).expect("valid JSON")
    };
    assert!(json("java").get("client").is_none());
    let librdkafka = json("librdkafka");
    // The contract fields keep the Java names whatever the dialect.
    assert_eq!(librdkafka["consumer"]["max.poll.records"], "2000");
    let client = &librdkafka["client"];
    assert_eq!(client["name"], "librdkafka");
    assert_eq!(client["consumer"]["fetch.wait.max.ms"], "500");
    assert!(client["consumer"].get("max.poll.records").is_none());
    assert_eq!(client["consumer"]["enable.auto.offset.store"], "false");
    assert_eq!(client["producer"]["partitioner"], "murmur2_random");
    assert!(client["reasons"]["batch.num.messages"].is_string());
    assert!(
        client["notes"][0]
            .as_str()
            .is_some_and(|n| n.starts_with("librdkafka has no max.poll.records"))
    );
    let spring = json("spring");
    assert_eq!(
        spring["client"]["listener"]["spring.kafka.listener.concurrency"],
        "25"
    );
    assert!(
        spring["client"]["snippets"][0]["text"]
            .as_str()
            .is_some_and(|t| t.contains("new FixedBackOff(1000L, 2L)"))
    );
}

#[test]
fn properties_files_hold_one_key_value_per_line_and_no_duplicates() {
    for (example, _) in EXAMPLES {
        for client in ["java", "librdkafka"] {
            let text = stdout(&plan(
                example,
                &["--client", client, "--format", "properties"],
            ));
            let mut keys = Vec::new();
            for line in text
                .lines()
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
            {
                let (key, value) = line.split_once('=').expect("key=value");
                assert!(!key.is_empty() && !value.is_empty(), "{line}");
                keys.push(key.to_string());
            }
            let count = keys.len();
            keys.sort();
            keys.dedup();
            assert_eq!(keys.len(), count, "{example} {client}: a key repeats");
        }
    }
}

#[test]
fn spring_application_yml_parses_with_the_planned_listener_and_properties() {
    let text = stdout(&plan(
        "payments-authorized",
        &["--client", "spring", "--format", "properties"],
    ));
    let yaml: serde_norway::Value = serde_norway::from_str(&text).expect("valid YAML");
    let kafka = &yaml["spring"]["kafka"];
    assert_eq!(kafka["listener"]["concurrency"].as_u64(), Some(10));
    assert_eq!(kafka["listener"]["ack-mode"].as_str(), Some("batch"));
    assert_eq!(kafka["producer"]["acks"].as_str(), Some("all"));
    assert_eq!(
        kafka["producer"]["transaction-id-prefix"].as_str(),
        Some("payments.authorized.v2-tx-")
    );
    // Map keys keep their dots in Spring Boot's bracket notation; values are strings.
    assert_eq!(
        kafka["producer"]["properties"]["[linger.ms]"].as_str(),
        Some("5")
    );
    assert_eq!(kafka["consumer"]["fetch-max-wait"].as_str(), Some("100ms"));
    assert_eq!(
        kafka["consumer"]["isolation-level"].as_str(),
        Some("read-committed")
    );
    assert_eq!(
        kafka["consumer"]["enable-auto-commit"].as_bool(),
        Some(false)
    );
}

#[test]
fn at_most_once_spring_leaves_commits_to_the_consumer() {
    let text = stdout(&plan(
        "clickstream-events",
        &["--client", "spring", "--format", "properties"],
    ));
    let yaml: serde_norway::Value = serde_norway::from_str(&text).expect("valid YAML");
    let kafka = &yaml["spring"]["kafka"];
    assert_eq!(
        kafka["consumer"]["enable-auto-commit"].as_bool(),
        Some(true)
    );
    assert!(kafka["listener"].get("ack-mode").is_none());
    assert_eq!(kafka["listener"]["concurrency"].as_u64(), Some(30));
}
