//! Table-driven tests of the checks on hand-built snapshots: no cluster involved.

use std::path::PathBuf;

use super::*;
use crate::cluster::{
    Answer, BrokerState, Configs, GroupOffsets, PartitionOffsets, PartitionState, Snapshot,
    TopicState,
};
use crate::load::{Profiles, load};
use crate::model::settings::{Acks, SettingValue};
use crate::model::{self, Plan};

/// The plan for `tests/fixtures/validate/keyed.toml`: 4 partitions, keyed, acks=all,
/// a 1-minute target, 4 msg/s planned, 1 msg/s per partition, a dead letter topic.
fn keyed_plan() -> Plan {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/validate/keyed.toml");
    let profiles = Profiles::builtin();
    let loaded = load(&path, &profiles).expect("the fixture loads");
    model::plan(&loaded.plan_input())
}

fn topic(name: &str, partitions: i32, replicas: i32) -> TopicState {
    TopicState {
        name: name.to_string(),
        partitions: (0..partitions)
            .map(|id| {
                let set: Vec<i32> = (0..replicas)
                    .map(|r| (id + r) % replicas.max(1) + 1)
                    .collect();
                PartitionState {
                    id,
                    leader: set[0],
                    replicas: set.clone(),
                    isr: set,
                }
            })
            .collect(),
    }
}

fn configs(pairs: &[(&str, &str)]) -> Answer<Configs> {
    Answer::Answered(
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    )
}

/// Three brokers, the topic with `partitions` (RF 3) and its DLT, sound settings.
fn snapshot(partitions: i32) -> Snapshot {
    Snapshot {
        cluster_id: Some("c1".to_string()),
        brokers: (1..=3)
            .map(|id| BrokerState {
                id,
                host: "127.0.0.1".to_string(),
                port: 9000 + id,
            })
            .collect(),
        topics: vec![
            topic("orders.keyed.v1", partitions, 3),
            topic("orders.keyed.v1.DLT", 4, 3),
        ],
        topic_config: configs(&[
            ("min.insync.replicas", "2"),
            ("max.message.bytes", "1048588"),
            ("retention.ms", "604800000"),
            ("cleanup.policy", "delete"),
        ]),
        broker_config: configs(&[
            ("log.retention.hours", "168"),
            ("message.max.bytes", "1048588"),
        ]),
        group: None,
        group_kind: None,
    }
}

fn of(validation: &Validation, check: Check) -> Vec<(Severity, String)> {
    validation
        .findings
        .iter()
        .filter(|f| f.check == check)
        .map(|f| (f.severity, f.message.clone()))
        .collect()
}

fn severity_of(validation: &Validation, check: Check) -> Vec<Severity> {
    of(validation, check).into_iter().map(|(s, _)| s).collect()
}

#[test]
fn a_sound_cluster_is_ok_with_every_check_reported_in_order() {
    let v = validate(&keyed_plan(), None, &snapshot(4));
    assert_eq!(v.status, ValidationStatus::Ok);
    let checks: Vec<Check> = v.findings.iter().map(|f| f.check).collect();
    assert_eq!(
        checks,
        [
            Check::TopicExists,
            Check::Partitions,
            Check::PartitionLeaders,
            Check::ReplicationFactor,
            Check::MinInsyncReplicas,
            Check::MaxMessageBytes,
            Check::Retention,
            Check::DeadLetterTopic,
            Check::PartitionsPerBroker,
        ]
    );
    assert!(
        v.findings.iter().all(|f| f.severity == Severity::Info),
        "{:#?}",
        v.findings
    );
    assert_eq!(
        of(&v, Check::MinInsyncReplicas),
        [(
            Severity::Info,
            "acks=all with min.insync.replicas=2 (topic) of 3 replicas: writes go on through 1 broker failure(s)".to_string()
        )]
    );
}

#[test]
fn min_insync_replicas_is_judged_against_the_replication_factor() {
    let cases = [
        ("4", Severity::Error),
        ("3", Severity::Warning),
        ("1", Severity::Warning),
        ("2", Severity::Info),
    ];
    for (min_isr, expected) in cases {
        let mut s = snapshot(4);
        s.topic_config = configs(&[("min.insync.replicas", min_isr)]);
        let v = validate(&keyed_plan(), None, &s);
        assert_eq!(
            severity_of(&v, Check::MinInsyncReplicas),
            [expected],
            "{min_isr}"
        );
        assert_eq!(
            v.status == ValidationStatus::Differs,
            expected == Severity::Error
        );
    }
}

#[test]
fn without_acks_all_min_insync_replicas_does_not_apply() {
    let mut plan = keyed_plan();
    for s in plan.producer.iter_mut().filter(|s| s.key == "acks") {
        s.value = SettingValue::Acks(Acks::Leader);
    }
    let mut s = snapshot(4);
    s.topic_config = configs(&[("min.insync.replicas", "3")]);
    let v = validate(&plan, None, &s);
    assert_eq!(
        of(&v, Check::MinInsyncReplicas),
        [(
            Severity::Info,
            "producers use acks=1: they do not wait for replicas, so min.insync.replicas=3 (topic) does not apply".to_string()
        )]
    );
}

#[test]
fn retention_is_compared_with_the_target_window() {
    // The window is 1 minute = 60,000 ms.
    let cases = [
        ("30000", Severity::Error),
        ("90000", Severity::Warning),
        ("120000", Severity::Info),
        ("-1", Severity::Info),
    ];
    for (retention, expected) in cases {
        let mut s = snapshot(4);
        s.topic_config = configs(&[("retention.ms", retention)]);
        let v = validate(&keyed_plan(), None, &s);
        assert_eq!(severity_of(&v, Check::Retention), [expected], "{retention}");
    }
}

#[test]
fn a_value_the_topic_leaves_out_falls_back_to_the_broker_default() {
    let mut s = snapshot(4);
    s.topic_config = configs(&[]);
    let v = validate(&keyed_plan(), None, &s);
    assert_eq!(
        of(&v, Check::Retention),
        [(
            Severity::Info,
            "retention.ms 604,800,000 (7 days, broker default log.retention.hours) outlives the 1-minute target window 10,080 times".to_string()
        )]
    );
    assert_eq!(
        of(&v, Check::MaxMessageBytes),
        [(
            Severity::Info,
            "max.message.bytes 1,048,588 bytes (broker default message.max.bytes) takes the largest message (65,536 bytes)".to_string()
        )]
    );
    assert_eq!(
        of(&v, Check::MinInsyncReplicas),
        [(
            Severity::Warning,
            "not checked: min.insync.replicas: the topic does not set it and the broker's configuration does not list it".to_string()
        )]
    );
}

#[test]
fn configuration_the_cluster_cannot_describe_is_not_checked() {
    let mut s = snapshot(4);
    s.topic_config = Answer::NotAnswered("no answer within the timeout".to_string());
    s.broker_config = Answer::NotAnswered("no answer within the timeout".to_string());
    let v = validate(&keyed_plan(), None, &s);
    let why = "the cluster did not describe its configuration (no answer within the timeout)";
    assert_eq!(
        of(&v, Check::Retention),
        [(
            Severity::Warning,
            format!("not checked: retention.ms: {why}")
        )]
    );
    assert_eq!(v.status, ValidationStatus::Ok);
}

#[test]
fn compacted_topics_and_size_retention() {
    let mut s = snapshot(4);
    s.topic_config = configs(&[("cleanup.policy", "compact")]);
    let v = validate(&keyed_plan(), None, &s);
    assert_eq!(severity_of(&v, Check::Retention), [Severity::Info]);
    // 240 messages x 1,024 bytes over 4 partitions = 61,440 bytes per partition.
    s.topic_config = configs(&[("retention.ms", "-1"), ("retention.bytes", "50000")]);
    let v = validate(&keyed_plan(), None, &s);
    assert_eq!(
        of(&v, Check::Retention)[1],
        (
            Severity::Error,
            "retention.bytes 50,000 (topic) per partition holds less than the window's 61,440 bytes per partition: records are deleted by size before they are consumed".to_string()
        )
    );
}

#[test]
fn a_max_request_size_above_the_topic_limit_is_a_warning() {
    let mut s = snapshot(4);
    s.topic_config = configs(&[("max.message.bytes", "100000")]);
    let v = validate(&keyed_plan(), None, &s);
    assert_eq!(severity_of(&v, Check::MaxMessageBytes), [Severity::Warning]);
}

#[test]
fn growing_a_keyed_topic_states_the_exact_share_of_sampled_keys_that_move() {
    let keys: Vec<String> = (0..1000).map(|i| format!("order-{i}")).collect();
    let sample = KeySample::from_keys(keys.iter());
    // Counted key by key here: a key moves when murmur2 mod 4 differs from mod 2.
    let partition = crate::keys::partition_for;
    let moved = keys
        .iter()
        .filter(|k| partition(k.as_bytes(), 2) != partition(k.as_bytes(), 4))
        .count();
    let expected = moved as f64 / 1000.0;
    let v = validate(&keyed_plan(), Some(&sample), &snapshot(2));
    let (severity, message) = &of(&v, Check::Partitions)[0];
    assert_eq!(*severity, Severity::Error);
    let share = format!(
        "growing moves {} of the 1,000 distinct keys in the key sample",
        percent(expected)
    );
    assert!(message.contains(&share), "{message}");
}

#[test]
fn the_dead_letter_topic_needs_the_topics_partitions_after_the_change() {
    let mut s = snapshot(6);
    let v = validate(&keyed_plan(), None, &s);
    assert_eq!(
        of(&v, Check::DeadLetterTopic),
        [(
            Severity::Error,
            "orders.keyed.v1.DLT has 4 partitions, fewer than the topic's 6: a failed record cannot keep its partition; grow it to 6".to_string()
        )]
    );
    s.topics.pop();
    let v = validate(&keyed_plan(), None, &s);
    assert_eq!(severity_of(&v, Check::DeadLetterTopic), [Severity::Error]);
}

#[test]
fn the_busiest_broker_past_4000_replicas_is_a_warning() {
    let mut s = snapshot(4);
    // 3,990 partitions x 3 replicas on 3 brokers, plus the topic's and the DLT's 4 each.
    s.topics.push(topic("big", 3990, 3));
    let v = validate(&keyed_plan(), None, &s);
    assert_eq!(
        severity_of(&v, Check::PartitionsPerBroker),
        [Severity::Info]
    );
    // Without the topic, 3,994 now; creating it adds 4 x 3 replicas, 4 per broker.
    s.topics.retain(|t| t.name != "big");
    s.topics.push(topic("big", 3994, 3));
    s.topics.retain(|t| t.name != "orders.keyed.v1");
    let v = validate(&keyed_plan(), None, &s);
    assert_eq!(
        of(&v, Check::PartitionsPerBroker),
        [(
            Severity::Warning,
            "after the change the busiest broker (1) holds about 4,002 partition replicas (3,998 now; budget 4,000 per broker): past it, broker restarts, leader elections and recovery slow down".to_string()
        )]
    );
}

#[test]
fn an_over_cap_plan_is_a_warning_about_the_plan_itself() {
    let mut plan = keyed_plan();
    plan.status = Status::OverCap;
    plan.needed = 40;
    let v = validate(&plan, None, &snapshot(4));
    assert_eq!(
        of(&v, Check::PlanStatus),
        [(
            Severity::Warning,
            "the plan is over-cap: it needs 40 partitions and recommends the cap of 30; the cluster is compared with 4 partitions (see kplan plan)".to_string()
        )]
    );
}

fn offsets(committed: [Option<i64>; 2]) -> GroupOffsets {
    GroupOffsets {
        group: "g".to_string(),
        partitions: committed
            .iter()
            .enumerate()
            .map(|(i, c)| PartitionOffsets {
                partition: i as i32,
                low: 10,
                high: 50,
                committed: *c,
            })
            .collect(),
        unread: Vec::new(),
        failure: None,
    }
}

#[test]
fn lag_counts_from_the_committed_offset_clamped_to_the_log() {
    let cases = [
        // committed, lag: total and largest
        ([Some(50), Some(40)], 10, 10),
        // Below the log start: the consumer resets to the start (earliest).
        ([Some(0), Some(50)], 40, 40),
        // No commit: from the log start, as auto.offset.reset=earliest.
        ([None, None], 80, 40),
    ];
    for (committed, total, largest) in cases {
        let mut s = snapshot(4);
        s.group = Some(offsets(committed));
        let v = validate(&keyed_plan(), None, &s);
        let lag = v.group.clone().expect("a lag");
        assert_eq!(lag.total_lag, total, "{committed:?}");
        assert_eq!(
            lag.largest_lag.map(|l| l.lag),
            Some(largest),
            "{committed:?}"
        );
        // The largest partition at 1 msg/s bounds the drain: over 60 s is an error.
        let expected = if largest as f64 > 60.0 {
            Severity::Error
        } else {
            Severity::Info
        };
        assert_eq!(
            severity_of(&v, Check::ConsumerLag),
            [expected],
            "{committed:?}"
        );
    }
}

#[test]
fn the_total_lag_at_the_planned_rate_can_bound_the_drain() {
    let mut s = snapshot(4);
    // 4 partitions 50 behind each: 200 at 4 msg/s = 50 s; one partition 50 s too.
    s.group = Some(GroupOffsets {
        partitions: (0..4)
            .map(|p| PartitionOffsets {
                partition: p,
                low: 0,
                high: 50,
                committed: Some(0),
            })
            .collect(),
        ..offsets([None, None])
    });
    let v = validate(&keyed_plan(), None, &s);
    assert_eq!(
        of(&v, Check::ConsumerLag),
        [(
            Severity::Info,
            "group g is 200 messages behind (largest: partition 0 with 50); at the planned 4 msg/s it drains in 50 s, within the 1-minute target".to_string()
        )]
    );
}

#[test]
fn spans_read_naturally() {
    assert_eq!(span(30_000.0), "30 s");
    assert_eq!(span(90_000.0), "1.5 min");
    assert_eq!(span(7_200_000.0), "2 hours");
    assert_eq!(span(604_800_000.0), "7 days");
    assert_eq!(
        partition_list(&[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
        "1, 2, 3, 4, 5, 6, 7, 8 and 2 more"
    );
}

mod group;
