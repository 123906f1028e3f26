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
        Some("kafka_consumergroup_group_max_lag_seconds{group=\"orders.settlement.v1\"} > 1800")
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
        Some("kafka_consumergroup_group_max_lag_seconds{group=\"fraud-scorer\"} > 0.5")
    );
    assert!(
        list[1]["expr"]
            .as_str()
            .is_some_and(|e| e.ends_with("}) > 360"))
    );
    assert_eq!(
        list[2]["expr"].as_str(),
        Some("absent(kafka_consumergroup_group_max_lag_seconds{group=\"fraud-scorer\"})")
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
        Some("absent(kafka_consumergroup_group_max_lag_seconds{group=\"it's \\\"odd\\\"\"})")
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
