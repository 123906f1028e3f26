//! `kplan validate` against a real Kafka-protocol broker: tansu on 127.0.0.1 (see
//! `broker/mod.rs`). tansu answers DescribeConfigs with the settings a topic was created
//! with and nothing for a broker, so topics here are created with the settings a check
//! needs.

mod broker;
mod common;

use std::process::Output;

use serde_json::{Value, json};

use broker::Tansu;
use common::{assert_golden, code, kplan, stderr, stdout};

const KEYED: &str = "tests/fixtures/validate/keyed.toml";
const UNKEYED: &str = "tests/fixtures/validate/unkeyed.toml";
const TOPIC: &str = "orders.keyed.v1";
const DLT: &str = "orders.keyed.v1.DLT";
/// A day of retention, a 1 MiB message limit, and min.insync.replicas 1 (tansu is one
/// broker, so a topic has one replica).
const SOUND: [&str; 3] = [
    "retention.ms=86400000",
    "max.message.bytes=1048576",
    "min.insync.replicas=1",
];

fn validate(broker: &Tansu, request: &str, extra: &[&str]) -> Output {
    let bootstrap = broker.bootstrap();
    let mut args = vec!["validate", request, "--bootstrap-server", &bootstrap];
    args.extend_from_slice(extra);
    kplan(&args)
}

fn json_of(output: &Output) -> Value {
    serde_json::from_str(&stdout(output)).unwrap_or_else(|e| {
        panic!(
            "stdout is JSON ({e}):\n{}\nstderr:\n{}",
            stdout(output),
            stderr(output)
        )
    })
}

/// The findings of one check as `(severity, message)`.
fn check(report: &Value, name: &str) -> Vec<(String, String)> {
    let text = |v: &Value| v.as_str().unwrap_or_default().to_string();
    report["findings"]
        .as_array()
        .expect("findings is a list")
        .iter()
        .filter(|f| f["check"] == name)
        .map(|f| (text(&f["severity"]), text(&f["message"])))
        .collect()
}

fn one(severity: &str, message: &str) -> Vec<(String, String)> {
    vec![(severity.to_string(), message.to_string())]
}

#[test]
fn a_missing_topic_is_an_error_with_the_partitions_to_create_and_stays_missing() {
    let broker = Tansu::start();
    let out = validate(
        &broker,
        KEYED,
        &["--group", "settlement", "--format", "json"],
    );
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let report = json_of(&out);
    assert_eq!(report["status"], "differs");
    assert_eq!(
        report["cluster"],
        json!({"id": "tansu_cluster", "brokers": 1})
    );
    assert_eq!(report["topic_exists"], false);
    assert_eq!(report["current_partitions"], Value::Null);
    assert_eq!(report["recommended_partitions"], 4);
    assert_eq!(
        check(&report, "topic-exists"),
        one(
            "error",
            "orders.keyed.v1 does not exist (or this principal may not describe it): create it with 4 partitions and replication factor 1 (kafka-topics.sh --create --topic orders.keyed.v1 --partitions 4 --replication-factor 1)"
        )
    );
    assert_eq!(
        check(&report, "dead-letter-topic"),
        one(
            "error",
            "orders.keyed.v1.DLT does not exist: create it with 4 partitions, as many as the topic, so a failed record keeps its partition"
        )
    );
    assert_eq!(
        check(&report, "consumer-lag"),
        one(
            "warning",
            "not checked: the lag of group settlement: the topic does not exist"
        )
    );
    // Read-only: asking about the topic (and a group on it) created nothing.
    let topics = broker.topics();
    assert!(!topics.iter().any(|t| t == TOPIC || t == DLT), "{topics:?}");
}

#[test]
fn too_few_partitions_on_a_keyed_topic_is_an_error_stating_the_keys_that_move() {
    let broker = Tansu::start();
    broker.create_topic(TOPIC, 3, &SOUND);
    broker.create_topic(DLT, 4, &[]);
    let out = validate(&broker, KEYED, &["--format", "json"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let report = json_of(&out);
    assert_eq!(report["current_partitions"], 3);
    assert_eq!(
        check(&report, "partitions"),
        one(
            "error",
            "3 partitions, fewer than the 4 recommended: grow the topic to 4 (kafka-topics.sh --alter --topic orders.keyed.v1 --partitions 4); growing moves 75% of keys (1 - 3 / lcm(3, 4)) by order_id to another partition, so their order breaks across the change: stop producers, let consumers drain the topic, grow it, then restart both"
        )
    );
    // The topic still has 3 partitions: kplan grows nothing.
    let out = validate(&broker, KEYED, &["--format", "json"]);
    assert_eq!(json_of(&out)["current_partitions"], 3);
}

#[test]
fn too_few_partitions_on_an_unkeyed_topic_is_an_error_without_key_movement() {
    let broker = Tansu::start();
    broker.create_topic("events.unkeyed.v1", 2, &SOUND);
    let out = validate(&broker, UNKEYED, &["--format", "json"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert_eq!(
        check(&json_of(&out), "partitions"),
        one(
            "error",
            "2 partitions, fewer than the 4 recommended: grow the topic to 4 (kafka-topics.sh --alter --topic events.unkeyed.v1 --partitions 4); unkeyed, so no ordering breaks; consumers rebalance onto the new partitions"
        )
    );
}

#[test]
fn enough_partitions_and_sound_settings_pass_with_exit_0() {
    let broker = Tansu::start();
    broker.create_topic(TOPIC, 4, &SOUND);
    broker.create_topic(DLT, 4, &[]);
    let out = validate(&broker, KEYED, &[]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    // tansu's cluster id and broker id are fixed, so the whole table is.
    assert_golden("validate-tansu-ok.txt", &stdout(&out));
}

#[test]
fn more_partitions_than_recommended_is_information_only() {
    let broker = Tansu::start();
    broker.create_topic("events.unkeyed.v1", 6, &SOUND);
    let out = validate(&broker, UNKEYED, &["--format", "json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(
        check(&json_of(&out), "partitions"),
        one(
            "info",
            "6 partitions, more than the 4 recommended: partitions never shrink, so keep them; up to 6 consumers can share the load"
        )
    );
}

#[test]
fn short_retention_and_a_small_message_limit_are_errors() {
    let broker = Tansu::start();
    let configs = ["retention.ms=30000", "max.message.bytes=1000"];
    broker.create_topic("events.unkeyed.v1", 4, &configs);
    let out = validate(&broker, UNKEYED, &["--format", "json"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let report = json_of(&out);
    assert_eq!(
        check(&report, "retention"),
        one(
            "error",
            "retention.ms 30,000 (30 s, topic) is shorter than the 1-minute target window: records are deleted before consumers are due to read them; set retention.ms to at least 60,000"
        )
    );
    assert_eq!(
        check(&report, "max-message-bytes"),
        one(
            "error",
            "the largest message (65,536 bytes) exceeds max.message.bytes 1,000 bytes (topic): producers get RecordTooLargeException; raise it to at least 65,536 bytes"
        )
    );
}

#[test]
fn group_lag_is_measured_and_judged_against_the_target() {
    let broker = Tansu::start();
    broker.create_topic(TOPIC, 4, &SOUND);
    broker.create_topic(DLT, 4, &[]);
    broker.produce(TOPIC, 0, 70);
    broker.produce(TOPIC, 1, 10);
    // 30 behind on partition 0: 30 s for one consumer at 1 msg/s, within the minute.
    broker.commit("on-time", TOPIC, &[(0, 40), (1, 10)]);
    // 65 behind on partition 0: 65 s, over the minute.
    broker.commit("late", TOPIC, &[(0, 5), (1, 10)]);

    let out = validate(&broker, KEYED, &["--group", "on-time", "--format", "json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let report = json_of(&out);
    assert_eq!(
        report["group"],
        json!({
            "group": "on-time",
            "total_lag": 30,
            "largest_lag": {"partition": 0, "lag": 30},
            "drain_minutes": 0.5,
            "unread_partitions": []
        })
    );
    assert_eq!(
        check(&report, "consumer-lag"),
        one(
            "info",
            "group on-time is 30 messages behind (largest: partition 0 with 30); partition 0 alone needs 30 s at the 1 msg/s one consumer handles, within the 1-minute target"
        )
    );

    let out = validate(&broker, KEYED, &["--group", "late", "--format", "json"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let report = json_of(&out);
    assert_eq!(report["status"], "differs");
    assert_eq!(report["group"]["total_lag"], 65);
    assert_eq!(
        check(&report, "consumer-lag"),
        one(
            "error",
            "group late is 65 messages behind (largest: partition 0 with 65); partition 0 alone needs 1.08 min at the 1 msg/s one consumer handles, over the 1-minute target"
        )
    );

    // A group that only committed offsets is an empty classic group.
    assert_eq!(
        check(&report, "group-protocol"),
        one("info", "classic group late (Empty, 0 members), as planned")
    );

    // A group that never committed starts from the log start (auto.offset.reset=earliest).
    let out = validate(&broker, KEYED, &["--group", "new", "--format", "json"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    // The broker describes no classic group "new": its type is not checked.
    let protocol = check(&json_of(&out), "group-protocol");
    assert_eq!(protocol.len(), 1);
    assert_eq!(protocol[0].0, "warning");
    assert!(
        protocol[0]
            .1
            .starts_with("not checked: the type of group new: "),
        "{}",
        protocol[0].1
    );
    assert_eq!(
        check(&json_of(&out), "consumer-lag"),
        one(
            "error",
            "group new is 80 messages behind (largest: partition 0 with 70); it has committed no offset here, so it is counted from the log start as auto.offset.reset does; partition 0 alone needs 1.17 min at the 1 msg/s one consumer handles, over the 1-minute target"
        )
    );
}

#[test]
fn a_password_given_with_x_never_appears_even_in_debug_logs() {
    let broker = Tansu::start();
    broker.create_topic(TOPIC, 4, &SOUND);
    let secret = "Tr0ub4dor-and-3";
    let password = format!("sasl.password={secret}");
    let out = validate(
        &broker,
        KEYED,
        &[
            "-X",
            "sasl.username=svc",
            "-X",
            &password,
            "-X",
            "debug=all",
            "--format",
            "json",
        ],
    );
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(stderr(&out).contains("librdkafka"), "debug logs are shown");
    assert!(!stdout(&out).contains(secret));
    assert!(!stderr(&out).contains(secret));
}

#[test]
fn a_command_config_drives_scram_authentication_and_its_password_stays_hidden() {
    let broker = Tansu::start_authenticating();
    let out = validate(
        &broker,
        KEYED,
        &[
            "--command-config",
            "tests/fixtures/validate/sasl-client.properties",
            "--timeout-ms",
            "2000",
        ],
    );
    // The broker knows no user: the SCRAM exchange it answers proves the mapping.
    assert_eq!(code(&out), 3, "{}", stdout(&out));
    let message = stderr(&out);
    let expected = format!(
        "error: no answer from {bootstrap} within 2,000 ms while reading the cluster metadata: sasl_plaintext://{bootstrap}/bootstrap: SASL authentication error: SASL SCRAM authentication failed: broker responded with unknown-user",
        bootstrap = broker.bootstrap()
    );
    assert!(message.starts_with(&expected), "{message}");
    assert!(!message.contains("pr0perties-s3cret"));
}

#[test]
fn validate_plans_with_the_profile_plan_was_given() {
    // The shipped batch profile with a cap of 3: the 4 partitions keyed.toml needs are
    // over it, so plan and validate both recommend 3.
    let dir = tempfile::tempdir().expect("a temporary folder");
    let profile = dir.path().join("capped.toml");
    let shipped = std::fs::read_to_string("profiles/batch.toml").expect("the batch profile");
    let capped = shipped.replace("max_partitions = 30", "max_partitions = 3");
    assert_ne!(capped, shipped);
    std::fs::write(&profile, capped).expect("the profile is written");
    let profile = profile.to_str().expect("a UTF-8 path");

    let plan = json_of(&kplan(&[
        "plan",
        KEYED,
        "--profile",
        profile,
        "--format",
        "json",
    ]));
    assert_eq!(plan["partitions"]["recommended"], 3);
    let broker = Tansu::start();
    let out = validate(&broker, KEYED, &["--profile", profile, "--format", "json"]);
    let report = json_of(&out);
    assert_eq!(report["recommended_partitions"], 3);
    assert_eq!(check(&report, "plan-status")[0].0, "warning");
}

/// The release these tests start is the one `.ci/test` installs.
#[test]
fn ci_installs_the_tansu_release_the_tests_pin() {
    let ci = std::fs::read_to_string(common::root().join(".ci/test")).expect(".ci/test");
    let pinned = format!("TANSU_VERSION={}", broker::TANSU_VERSION);
    assert!(ci.lines().any(|l| l.trim() == pinned), "{pinned}");
}

#[test]
fn a_share_group_cannot_take_an_id_a_classic_group_holds() {
    let broker = Tansu::start();
    let topic = "events.unkeyed.v1";
    broker.create_topic(topic, 4, &SOUND);
    broker.produce(topic, 0, 10);
    broker.commit("settlement", topic, &[(0, 5)]);
    let share = "tests/fixtures/validate/share.toml";
    let out = validate(
        &broker,
        share,
        &["--group", "settlement", "--format", "json"],
    );
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let report = json_of(&out);
    let protocol = check(&report, "group-protocol");
    assert_eq!(protocol.len(), 1);
    assert_eq!(protocol[0].0, "error");
    assert!(
        protocol[0]
            .1
            .starts_with("classic group settlement (Empty, 0 members) holds the id"),
        "{}",
        protocol[0].1
    );
    // Committed offsets say nothing of a share group's progress.
    let lag = check(&report, "consumer-lag");
    assert_eq!(lag[0].0, "warning");
    assert!(
        lag[0]
            .1
            .starts_with("not checked: the lag of share group settlement")
    );
}
