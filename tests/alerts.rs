//! `kplan alerts FILE`: golden rules for every example, and the structure promtool
//! expects of a rules file.

mod common;

use common::{assert_golden, code, kplan, stderr, stdout};

const EXAMPLES: [(&str, i32); 3] = [
    ("orders-settlement", 0),
    ("payments-authorized", 0),
    ("clickstream-events", 1),
];

fn rules(args: &[&str]) -> serde_norway::Value {
    let out = kplan(args);
    serde_norway::from_str(&stdout(&out)).expect("the rules are YAML")
}

#[test]
fn every_example_matches_its_golden_rules() {
    for (example, exit) in EXAMPLES {
        let file = format!("examples/{example}.toml");
        let out = kplan(&["alerts", &file]);
        assert_eq!(code(&out), exit, "{example}");
        assert_golden(&format!("{example}.rules.yml"), &stdout(&out));
    }
}

/// promtool's rule file: groups with a unique name and rules, each rule an alert name,
/// a PromQL expression, a `for` duration, and string labels and annotations.
#[test]
fn rules_have_the_structure_promtool_checks() {
    for (example, _) in EXAMPLES {
        let file = format!("examples/{example}.toml");
        let doc = rules(&["alerts", &file]);
        let groups = doc["groups"].as_sequence().expect("groups is a list");
        assert_eq!(groups.len(), 1, "{example}");
        let group = &groups[0];
        assert!(
            group["name"]
                .as_str()
                .is_some_and(|n| n.starts_with("kplan-"))
        );
        let list = group["rules"].as_sequence().expect("rules is a list");
        assert_eq!(list.len(), 3, "{example}");
        for rule in list {
            let map = rule.as_mapping().expect("a rule is a mapping");
            let mut keys: Vec<&str> = map.keys().filter_map(|k| k.as_str()).collect();
            keys.sort();
            assert_eq!(keys, ["alert", "annotations", "expr", "for", "labels"]);
            let name = rule["alert"].as_str().expect("alert is a string");
            assert!(name.chars().all(|c| c.is_ascii_alphanumeric()), "{name}");
            assert!(rule["expr"].as_str().is_some_and(|e| !e.is_empty()));
            let duration = rule["for"].as_str().expect("for is a string");
            assert!(
                duration.ends_with('m') && duration[..duration.len() - 1].parse::<u32>().is_ok()
            );
            for section in ["labels", "annotations"] {
                let values = rule[section].as_mapping().expect("a mapping");
                assert!(
                    values.values().all(|v| v.is_string()),
                    "{example} {section}"
                );
            }
            assert!(rule["labels"]["severity"].is_string());
            assert!(rule["annotations"]["summary"].is_string());
            assert!(rule["annotations"]["description"].is_string());
        }
    }
}

#[test]
fn thresholds_come_from_the_plan() {
    let doc = rules(&["alerts", "examples/orders-settlement.toml"]);
    let list = &doc["groups"][0]["rules"];
    // Batch: the 30 minute target window, and the 2,000 msg/s planned for it.
    assert_eq!(
        list[0]["expr"].as_str(),
        Some(
            "max by (cluster_name, group, topic) (kafka_consumergroup_group_lag_seconds{group=\"orders.settlement.v1\", topic=\"orders.settlement.v1\"}) > 1800"
        )
    );
    assert_eq!(
        list[1]["expr"].as_str(),
        Some(
            "sum by (cluster_name, group, topic) (kafka_consumergroup_group_lag{group=\"orders.settlement.v1\", topic=\"orders.settlement.v1\"}) > 3600000"
        )
    );
    let doc = rules(&[
        "alerts",
        "examples/payments-authorized.toml",
        "--group",
        "fraud-scorer",
    ]);
    let list = &doc["groups"][0]["rules"];
    // Online: the 500 ms objective, and 720 msg/s x 0.5 s = 360 messages.
    assert_eq!(
        list[0]["expr"].as_str(),
        Some(
            "max by (cluster_name, group, topic) (kafka_consumergroup_group_lag_seconds{group=\"fraud-scorer\", topic=\"payments.authorized.v2\"}) > 0.5"
        )
    );
    assert!(
        list[1]["expr"]
            .as_str()
            .is_some_and(|e| e.ends_with("}) > 360"))
    );
    assert_eq!(
        list[2]["expr"].as_str(),
        Some(
            "absent(kafka_consumergroup_group_lag_seconds{group=\"fraud-scorer\", topic=\"payments.authorized.v2\"})"
        )
    );
}

#[test]
fn a_group_id_with_quotes_stays_one_promql_string() {
    let doc = rules(&[
        "alerts",
        "examples/orders-settlement.toml",
        "--group",
        "it's \"odd\"",
    ]);
    assert_eq!(
        doc["groups"][0]["rules"][2]["expr"].as_str(),
        Some(
            "absent(kafka_consumergroup_group_lag_seconds{group=\"it's \\\"odd\\\"\", topic=\"orders.settlement.v1\"})"
        )
    );
}

#[test]
fn a_blank_group_is_a_usage_error() {
    let out = kplan(&["alerts", "examples/orders-settlement.toml", "--group", " "]);
    assert_eq!(code(&out), 2);
    assert_eq!(stderr(&out), "error: --group: a group id is needed\n");
}

#[test]
fn a_bad_request_fails_as_plan_does() {
    let out = kplan(&["alerts", "tests/fixtures/bad/negative.toml"]);
    assert_eq!(code(&out), 2);
    assert_eq!(
        stderr(&out),
        "error: tests/fixtures/bad/negative.toml:7: publish.max_messages: must be positive, found -600000\n"
    );
}

/// An at-most-once online topic: 540,000 messages in 10 minutes without headroom is
/// 900 msg/s, with a 10 ms delay objective.
const AT_MOST_ONCE: &str = "[topic]\nname = \"clicks.v1\"\ntype = \"online\"\n\
    delivery = \"at-most-once\"\n\n[publish]\nmax_messages = 540000\nmessage_bytes = 200\n\n\
    [subscribe]\ntarget_minutes = 10\nlatency_ms = { mean = 1.0 }\nmax_delay_ms = 10\n\n\
    [limits]\nheadroom = 1.0\n";

/// The number after the last ` > ` of a rule's expression.
fn threshold(rule: &serde_norway::Value) -> f64 {
    let expr = rule["expr"].as_str().expect("an expression");
    let (_, value) = expr.rsplit_once(" > ").expect("a comparison");
    value.parse().expect("a number")
}

/// Committed-offset lag of a healthy auto-committing consumer reaches one
/// auto.commit.interval.ms (5,000 ms, the Java client's and librdkafka's default):
/// 5 s, and 900 msg/s x 5 s = 4,500 messages over the topic. Thresholds below that
/// would fire all the time.
#[test]
fn thresholds_sit_above_the_lag_auto_commit_shows_for_a_healthy_consumer() {
    let dir = tempfile::tempdir().expect("temp dir");
    let request = dir.path().join("clicks.toml");
    std::fs::write(&request, AT_MOST_ONCE).expect("request");
    let doc = rules(&["alerts", &request.to_string_lossy()]);
    let list = &doc["groups"][0]["rules"];
    assert!(threshold(&list[0]) > 5.0, "{:?}", list[0]["expr"]);
    assert!(threshold(&list[1]) > 900.0 * 5.0, "{:?}", list[1]["expr"]);
}

/// promtool (Debian: `apt-get install prometheus`; `.ci/test` installs it). The checks
/// fail without it rather than pass unchecked.
fn promtool() -> Option<std::path::PathBuf> {
    let found = std::process::Command::new("promtool")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        found,
        "promtool is not installed: run .ci/test, which installs it"
    );
    Some("promtool".into())
}

#[test]
fn promtool_accepts_every_examples_rules() {
    let Some(promtool) = promtool() else { return };
    let dir = tempfile::tempdir().expect("temp dir");
    for (example, _) in EXAMPLES {
        let out = kplan(&["alerts", &format!("examples/{example}.toml")]);
        let file = dir.path().join(format!("{example}.rules.yml"));
        std::fs::write(&file, stdout(&out)).expect("rules written");
        let check = std::process::Command::new(&promtool)
            .args(["check", "rules"])
            .arg(&file)
            .output()
            .expect("promtool runs");
        assert!(
            check.status.success(),
            "{example}: {}",
            String::from_utf8_lossy(&check.stdout)
        );
    }
}

/// A promtool rules unit test: `series` (kafka-lag-exporter's metrics for the group
/// `g`) for ten minutes, and no alert may fire. Returns promtool's verdict and output.
fn promtool_quiet(
    promtool: &std::path::Path,
    rules_text: &str,
    series: &[(&str, f64)],
) -> (bool, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("rules.yml"), rules_text).expect("rules written");
    let mut test = String::from(
        "rule_files:\n  - rules.yml\nevaluation_interval: 30s\ntests:\n  - interval: 30s\n    input_series:\n",
    );
    for (selector, value) in series {
        test.push_str(&format!(
            "      - series: '{selector}'\n        values: '{value}+0x40'\n"
        ));
    }
    test.push_str("    alert_rule_test:\n");
    for alert in [
        "KafkaConsumerTimeLagHigh",
        "KafkaConsumerMessageLagHigh",
        "KafkaConsumerLagMetricsAbsent",
    ] {
        test.push_str(&format!(
            "      - eval_time: 20m\n        alertname: {alert}\n        exp_alerts: []\n"
        ));
    }
    let test_file = dir.path().join("test.yml");
    std::fs::write(&test_file, test).expect("test written");
    let out = std::process::Command::new(promtool)
        .args(["test", "rules"])
        .arg(&test_file)
        .current_dir(dir.path())
        .output()
        .expect("promtool runs");
    let text =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    (out.status.success(), text)
}

/// The rules watch this topic only: another topic of the same group far behind, and this
/// one trailing by 4 s of auto-commit (3,600 messages at 900 msg/s), fire nothing; this
/// topic 6 s behind fires the time-lag rule.
#[test]
fn promtool_fires_only_for_this_topics_own_lag() {
    let Some(promtool) = promtool() else { return };
    let dir = tempfile::tempdir().expect("temp dir");
    let request = dir.path().join("clicks.toml");
    std::fs::write(&request, AT_MOST_ONCE).expect("request");
    let out = kplan(&["alerts", &request.to_string_lossy(), "--group", "g"]);
    let rules_text = stdout(&out);
    let this = "{cluster_name=\"c\", group=\"g\", topic=\"clicks.v1\", partition=\"0\"}";
    let other = "{cluster_name=\"c\", group=\"g\", topic=\"other.v1\", partition=\"0\"}";
    let seconds = |labels: &str| format!("kafka_consumergroup_group_lag_seconds{labels}");
    let messages = |labels: &str| format!("kafka_consumergroup_group_lag{labels}");
    let group_max = "kafka_consumergroup_group_max_lag_seconds{cluster_name=\"c\", group=\"g\"}";
    let healthy = [
        (seconds(this), 4.0),
        (messages(this), 3600.0),
        (seconds(other), 600.0),
        (messages(other), 1_000_000.0),
        (group_max.to_string(), 600.0),
    ];
    let series: Vec<(&str, f64)> = healthy.iter().map(|(s, v)| (s.as_str(), *v)).collect();
    let (quiet, text) = promtool_quiet(&promtool, &rules_text, &series);
    assert!(quiet, "{text}");
    let behind = [(seconds(this), 6.0), (messages(this), 3600.0)];
    let series: Vec<(&str, f64)> = behind.iter().map(|(s, v)| (s.as_str(), *v)).collect();
    let (quiet, text) = promtool_quiet(&promtool, &rules_text, &series);
    assert!(
        !quiet && text.contains("KafkaConsumerTimeLagHigh"),
        "{text}"
    );
}
