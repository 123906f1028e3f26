//! `kplan validate` against librdkafka's built-in mock cluster, for what one tansu broker
//! cannot show: three brokers and replication, a broker going down, responses slower
//! than the timeout, and injected request errors. The mock runs inside the test process
//! and listens on 127.0.0.1; kplan talks to it as to any cluster. The mock implements
//! no DescribeConfigs, so those checks are reported as not checked.

mod common;

use std::process::Output;
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use rdkafka::mocking::{MockCluster, MockCoordinator};
use rdkafka::producer::DefaultProducerContext;
use rdkafka::types::{RDKafkaApiKey, RDKafkaRespErr};
use serde_json::Value;

use common::{code, kplan, stderr, stdout};

const KEYED: &str = "tests/fixtures/validate/keyed.toml";
const TOPIC: &str = "orders.keyed.v1";
const DLT: &str = "orders.keyed.v1.DLT";
const NOT_DESCRIBED: &str = "the cluster did not describe its configuration (the broker does not implement DescribeConfigs)";

/// One mock cluster at a time: librdkafka's mock aborts the process now and then when
/// several clusters in one process take brokers down and up concurrently (seen as
/// "Failed to create mock broker listener"), so the tests take turns.
static ONE_CLUSTER_AT_A_TIME: Mutex<()> = Mutex::new(());

type Cluster = MockCluster<'static, DefaultProducerContext>;

/// A mock cluster, with the turn that must outlive it.
fn cluster(brokers: i32) -> (MutexGuard<'static, ()>, Cluster) {
    let turn = ONE_CLUSTER_AT_A_TIME
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let mock = MockCluster::new(brokers).expect("librdkafka's mock cluster starts");
    (turn, mock)
}

fn validate_json(mock: &MockCluster<'static, DefaultProducerContext>, extra: &[&str]) -> Output {
    let bootstrap = mock.bootstrap_servers();
    let mut args = vec![
        "validate",
        KEYED,
        "--bootstrap-server",
        &bootstrap,
        "--format",
        "json",
    ];
    args.extend_from_slice(extra);
    kplan(&args)
}

fn json(output: &Output) -> Value {
    serde_json::from_str(&stdout(output)).unwrap_or_else(|e| {
        panic!(
            "stdout is JSON ({e}):\n{}\nstderr:\n{}",
            stdout(output),
            stderr(output)
        )
    })
}

/// Every finding as `(check, severity, message)`, in report order.
fn findings(report: &Value) -> Vec<(String, String, String)> {
    let text = |v: &Value| v.as_str().unwrap_or_default().to_string();
    report["findings"]
        .as_array()
        .expect("findings is a list")
        .iter()
        .map(|f| (text(&f["check"]), text(&f["severity"]), text(&f["message"])))
        .collect()
}

fn finding(check: &str, severity: &str, message: &str) -> (String, String, String) {
    (check.to_string(), severity.to_string(), message.to_string())
}

#[test]
fn replication_is_checked_against_three_brokers() {
    let expectations = [
        (3, "info", "replication factor 3 on 3 brokers".to_string()),
        (
            2,
            "warning",
            "replication factor 2 on 3 brokers: 3 is the usual minimum to stay writable with min.insync.replicas=2 through one broker failure".to_string(),
        ),
        (
            1,
            "warning",
            "replication factor 1: one broker failure makes partitions unavailable and can lose acknowledged writes".to_string(),
        ),
    ];
    for (replicas, severity, message) in expectations {
        let (_turn, mock) = cluster(3);
        mock.create_topic(TOPIC, 4, replicas).expect("topic");
        mock.create_topic(DLT, 4, replicas)
            .expect("dead letter topic");
        let out = validate_json(&mock, &[]);
        assert_eq!(code(&out), 0, "RF {replicas}: {}", stderr(&out));
        let report = json(&out);
        assert_eq!(report["cluster"]["brokers"], 3);
        assert_eq!(report["status"], "ok");
        let all = findings(&report);
        assert!(
            all.contains(&finding("replication-factor", severity, &message)),
            "RF {replicas}: {all:#?}"
        );
        assert!(all.contains(&finding(
            "min-insync-replicas",
            "warning",
            &format!("not checked: min.insync.replicas: {NOT_DESCRIBED}")
        )));
    }
}

#[test]
fn a_broker_down_leaves_its_partitions_without_a_leader_and_their_lag_unread() {
    let (_turn, mock) = cluster(3);
    mock.create_topic(TOPIC, 4, 3).expect("topic");
    mock.create_topic(DLT, 4, 3).expect("dead letter topic");
    for partition in 0..4 {
        let leader = if partition == 1 { 2 } else { 1 };
        mock.partition_leader(TOPIC, partition, Some(leader))
            .expect("leader set");
    }
    mock.coordinator(MockCoordinator::Group("settlement".to_string()), 1)
        .expect("coordinator set");
    mock.broker_down(2).expect("broker 2 down");

    let out = validate_json(&mock, &["--group", "settlement", "--timeout-ms", "5000"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let report = json(&out);
    assert_eq!(report["status"], "differs");
    assert_eq!(report["cluster"]["brokers"], 2);
    let all = findings(&report);
    for expected in [
        finding(
            "partition-leaders",
            "error",
            "1 of 4 partitions is without a live leader (partition 1 led by broker 2, which is not answering): producing to and consuming from them stops until a leader is back",
        ),
        finding(
            "replication-factor",
            "warning",
            "replication factor 3, but only 2 broker(s) answer: the replicas on the missing brokers cannot stay in sync",
        ),
        finding(
            "consumer-lag",
            "warning",
            "not checked: the lag of partition 1: its leader (broker 2) is not answering",
        ),
    ] {
        assert!(all.contains(&expected), "{expected:?} in {all:#?}");
    }
    assert_eq!(report["group"]["unread_partitions"], serde_json::json!([1]));
}

#[test]
fn a_partition_without_any_leader_is_an_error() {
    let (_turn, mock) = cluster(3);
    mock.create_topic(TOPIC, 4, 3).expect("topic");
    mock.create_topic(DLT, 4, 3).expect("dead letter topic");
    mock.partition_leader(TOPIC, 3, None)
        .expect("leader removed");
    let out = validate_json(&mock, &[]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(findings(&json(&out)).contains(&finding(
        "partition-leaders",
        "error",
        "1 of 4 partitions is without a live leader (partition 3 without a leader): producing to and consuming from them stops until a leader is back",
    )));
}

#[test]
fn a_cluster_slower_than_the_timeout_exits_3_within_it() {
    let (_turn, mock) = cluster(3);
    for broker in 1..=3 {
        mock.broker_round_trip_time(broker, Duration::from_secs(5))
            .expect("slow broker");
    }
    let out = validate_json(&mock, &["--timeout-ms", "1000"]);
    assert_eq!(code(&out), 3, "{}", stdout(&out));
    assert_eq!(stdout(&out), "");
    let message = stderr(&out);
    assert_eq!(message.lines().count(), 1, "{message}");
    let prefix = format!(
        "error: no answer from {} within 1,000 ms while reading the cluster metadata: ",
        mock.bootstrap_servers()
    );
    assert!(message.starts_with(&prefix), "{message}");
}

#[test]
fn an_injected_request_error_is_a_check_not_done_never_a_crash() {
    let (_turn, mock) = cluster(1);
    mock.create_topic(TOPIC, 4, 1).expect("topic");
    mock.create_topic(DLT, 4, 1).expect("dead letter topic");
    mock.request_errors(
        RDKafkaApiKey::OffsetFetch,
        &[RDKafkaRespErr::RD_KAFKA_RESP_ERR_GROUP_AUTHORIZATION_FAILED; 3],
    );
    let out = validate_json(&mock, &["--group", "settlement"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let report = json(&out);
    assert_eq!(report["group"], Value::Null);
    assert!(findings(&report).contains(&finding(
        "consumer-lag",
        "warning",
        "not checked: the lag of group settlement: GroupAuthorizationFailed (Broker: Group authorization failed)",
    )));
    // The mock lists no groups: the group's type is not checked, not a failure.
    let protocol: Vec<_> = findings(&report)
        .into_iter()
        .filter(|(check, _, _)| check == "group-protocol")
        .collect();
    assert_eq!(protocol.len(), 1, "{protocol:?}");
    assert_eq!(protocol[0].1, "warning");
    assert!(
        protocol[0]
            .2
            .starts_with("not checked: the type of group settlement: "),
        "{protocol:?}"
    );
}

#[test]
fn offsets_the_leader_refuses_leave_the_lag_not_checked() {
    let (_turn, mock) = cluster(1);
    mock.create_topic(TOPIC, 4, 1).expect("topic");
    mock.create_topic(DLT, 4, 1).expect("dead letter topic");
    mock.request_errors(
        RDKafkaApiKey::ListOffsets,
        &[RDKafkaRespErr::RD_KAFKA_RESP_ERR_LEADER_NOT_AVAILABLE; 500],
    );
    let out = validate_json(&mock, &["--group", "settlement"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let report = json(&out);
    assert_eq!(report["group"], Value::Null);
    let lag: Vec<_> = findings(&report)
        .into_iter()
        .filter(|(check, _, _)| check == "consumer-lag")
        .collect();
    assert_eq!(
        lag,
        [finding(
            "consumer-lag",
            "warning",
            "not checked: the lag of partitions 0, 1, 2, 3: LeaderNotAvailable (Broker: Leader not available)",
        )]
    );
}
