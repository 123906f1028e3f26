//! Golden output of `kplan validate` in every format, from one fixed cluster snapshot
//! run through the pure checks and renderers (a live cluster's id and ports vary; these
//! bytes do not).

mod common;

use std::path::Path;

use kplan::cluster::{
    Answer, BrokerState, ClassicGroup, GroupKind, GroupOffsets, PartitionOffsets, PartitionState,
    Snapshot, TopicState,
};
use kplan::load::{Profiles, load};
use kplan::model::plan;
use kplan::render::validate::{ValidateFormat, render_validation};
use kplan::validate::{Validation, validate};
use serde_json::{Value, json};

use common::{assert_golden, root};

const FORMATS: [(ValidateFormat, &str); 4] = [
    (ValidateFormat::Table, "txt"),
    (ValidateFormat::Json, "json"),
    (ValidateFormat::Markdown, "md"),
    (ValidateFormat::Jira, "jira"),
];

fn partition(id: i32, leader: i32) -> PartitionState {
    PartitionState {
        id,
        leader,
        replicas: vec![1, 2, 3],
        isr: vec![1, 2, 3],
    }
}

/// Three brokers; the topic with 3 of the 4 partitions the plan needs, one of them
/// under-replicated; no dead letter topic; a short retention; a group behind.
fn snapshot() -> Snapshot {
    let mut partitions: Vec<PartitionState> = (0..3).map(|id| partition(id, id + 1)).collect();
    partitions[2].isr = vec![3, 1];
    Snapshot {
        cluster_id: Some("lkc-7f3a9".to_string()),
        brokers: (1..=3)
            .map(|id| BrokerState {
                id,
                host: format!("kafka-{id}.example"),
                port: 9092,
            })
            .collect(),
        topics: vec![
            TopicState {
                name: "__consumer_offsets".to_string(),
                partitions: (0..50).map(|id| partition(id, id % 3 + 1)).collect(),
            },
            TopicState {
                name: "orders.keyed.v1".to_string(),
                partitions,
            },
        ],
        topic_config: Answer::Answered(
            [
                ("min.insync.replicas", "2"),
                ("max.message.bytes", "1048588"),
                ("retention.ms", "90000"),
                ("cleanup.policy", "delete"),
            ]
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        ),
        broker_config: Answer::NotAnswered("no answer within the timeout".to_string()),
        group: Some(GroupOffsets {
            group: "settlement".to_string(),
            partitions: vec![
                PartitionOffsets {
                    partition: 0,
                    low: 0,
                    high: 120,
                    committed: Some(100),
                },
                PartitionOffsets {
                    partition: 1,
                    low: 0,
                    high: 90,
                    committed: Some(20),
                },
                PartitionOffsets {
                    partition: 2,
                    low: 0,
                    high: 40,
                    committed: None,
                },
            ],
            unread: Vec::new(),
            failure: None,
        }),
        group_kind: Some(Answer::Answered(GroupKind::Classic(ClassicGroup {
            state: "Stable".to_string(),
            protocol_type: "consumer".to_string(),
            assignor: "range".to_string(),
            members: 3,
        }))),
    }
}

fn validation() -> Validation {
    let profiles = Profiles::builtin();
    let file = root().join("tests/fixtures/validate/keyed.toml");
    let loaded = load(Path::new(&file), &profiles).expect("the fixture loads");
    validate(
        &plan(&loaded.plan_input()),
        loaded.keys.as_ref(),
        &snapshot(),
    )
}

#[test]
fn every_format_matches_its_golden_output() {
    let validation = validation();
    for (format, ext) in FORMATS {
        assert_golden(
            &format!("validate-fixed.{ext}"),
            &render_validation(&validation, format),
        );
    }
}

#[test]
fn the_same_validation_gives_byte_identical_output() {
    for (format, _) in FORMATS {
        assert_eq!(
            render_validation(&validation(), format),
            render_validation(&validation(), format)
        );
    }
}

#[test]
fn json_carries_the_contract_fields() {
    let text = render_validation(&validation(), ValidateFormat::Json);
    let report: Value = serde_json::from_str(&text).expect("valid JSON");
    assert_eq!(report["schema_version"], 1);
    assert_eq!(report["topic"], "orders.keyed.v1");
    assert_eq!(report["status"], "differs");
    assert_eq!(report["cluster"], json!({"id": "lkc-7f3a9", "brokers": 3}));
    assert_eq!(report["topic_exists"], true);
    assert_eq!(report["current_partitions"], 3);
    assert_eq!(report["recommended_partitions"], 4);
    let findings = report["findings"].as_array().expect("a list");
    for finding in findings {
        let keys: Vec<&str> = finding
            .as_object()
            .expect("an object")
            .keys()
            .map(String::as_str)
            .collect();
        // serde_json's map sorts its keys.
        assert_eq!(keys, ["check", "message", "severity"]);
        assert!(["error", "warning", "info"].contains(&finding["severity"].as_str().unwrap()));
    }
    // 20 + 70 + 40 (no commit: from the log start) = 130 behind.
    assert_eq!(report["group"]["total_lag"], 130);
    assert_eq!(
        report["group"]["largest_lag"],
        json!({"partition": 1, "lag": 70})
    );
}
