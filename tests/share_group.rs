//! Share groups (KIP-932) sized by hand: consumers from the processing time, partitions
//! from the producers and the record locks, and the lock duration against the p99.
//! A share group's live behaviour cannot be tested against tansu, which does not
//! implement share groups: these tests check the plan.

mod common;

use serde_json::Value;

use common::{code, kplan, stderr, stdout};

/// The online profile's utilisation ceiling and max.poll.records limit.
const CEILING: f64 = 0.7;
const POLL_LIMIT: u64 = 500;
/// Broker and group defaults: record locks per share-partition, and the lock.
const LOCKS: u64 = 2_000;
const LOCK_MS: f64 = 30_000.0;

fn plan(request: &str) -> Value {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("request.toml");
    std::fs::write(&path, request).expect("written");
    let out = kplan(&["plan", path.to_str().expect("UTF-8"), "--format", "json"]);
    assert!(code(&out) <= 1, "{}", stderr(&out));
    serde_json::from_str(&stdout(&out)).expect("JSON")
}

/// 1,200,000 messages in 10 minutes (2,000 msg/s), exponential with a 14 ms mean.
fn request(group: &str, latency: &str) -> String {
    format!(
        "[topic]\nname = \"clicks.v1\"\ntype = \"online\"\ndelivery = \"at-least-once\"\n\n\
         [publish]\nmax_messages = 1_200_000\nmessage_bytes = 1024\n\n\
         [subscribe]\ntarget_minutes = 10\nlatency_ms = {latency}\ngroup = \"{group}\"\n"
    )
}

fn u64_of(value: &Value) -> u64 {
    match value {
        Value::String(s) => s.parse().expect("a number"),
        other => other.as_u64().expect("a number"),
    }
}

#[test]
fn an_unkeyed_40_partition_need_over_a_30_cap_fits_as_a_share_group() {
    // Consumers: 2,000 msg/s x 14 ms = 28 busy consumers, 40 at 70% each.
    let consumers = (2000.0 * 14.0 / 1000.0 / CEILING).ceil() as u64;
    assert_eq!(consumers, 40);
    let classic = plan(&request("classic", "{ mean = 14.0 }"));
    assert_eq!(classic["status"], "over-cap");
    assert_eq!(classic["partitions"]["needed"], 40);
    assert_eq!(
        classic["fits_under_cap"]["share_group_consumers"], consumers,
        "{}",
        classic["fits_under_cap"]
    );

    let share = plan(&request("share", "{ mean = 14.0 }"));
    assert_eq!(share["status"], "ok");
    assert_eq!(u64_of(&share["consumers"]), consumers);
    // Exponential: p99 = 14 ln 100 = 64.47 ms; half the 30 s lock holds 232 of them.
    let p99 = 14.0 * 100f64.ln();
    let records = ((LOCK_MS / 2.0 / p99).floor() as u64).min(POLL_LIMIT);
    assert_eq!(records, 232);
    assert_eq!(u64_of(&share["consumer"]["max.poll.records"]), records);
    // 2,000 locks / 232 = 8 consumers per partition: ceil(40 / 8) = 5 partitions; the
    // producers need 1 (2 MB/s of 10 MB/s).
    let per_partition = LOCKS / records;
    let partitions = consumers.div_ceil(per_partition);
    assert_eq!(partitions, 5);
    assert_eq!(share["partitions"]["recommended"], partitions);
    assert!(u64_of(&share["consumers"]) > u64_of(&share["partitions"]["recommended"]));
    assert_eq!(share["group"]["protocol"], "share");
    assert_eq!(share["group"]["min_kafka_version"], "4.2");
    assert_eq!(share["group_configs"]["share.delivery.count.limit"], "5");
    assert_eq!(share["consumer"]["share.acknowledgement.mode"], "explicit");
    for classic_only in ["enable.auto.commit", "session.timeout.ms", "group.protocol"] {
        assert!(
            share["consumer"].get(classic_only).is_none(),
            "{classic_only}"
        );
    }
}

#[test]
fn record_locks_bound_consumers_per_partition_and_records_give_way_to_the_cap() {
    // 4 ms mean, p99 15 ms: 2,000 msg/s x 4 ms / 0.7 = 11.4 -> 12 consumers; at 60,000
    // msg/s: 342.9 -> 343.
    let text = request("share", "{ mean = 4.0, p99 = 15.0 }").replace("1_200_000", "36_000_000");
    let share = plan(&text);
    let consumers = (60_000.0 * 4.0 / 1000.0 / CEILING).ceil() as u64;
    assert_eq!(u64_of(&share["consumers"]), consumers);
    // Half the lock holds 1,000 records at 15 ms; the profile allows 500: 4 consumers per
    // partition, ceil(343 / 4) = 86 partitions, over the cap of 30. Fewer records per
    // poll instead: ceil(343 / 30) = 12 consumers per partition, 2,000 / 12 = 166 records.
    assert!(consumers.div_ceil(LOCKS / POLL_LIMIT) > 30);
    let per_partition = consumers.div_ceil(30);
    let records = LOCKS / per_partition;
    assert_eq!(u64_of(&share["consumer"]["max.poll.records"]), records);
    let partitions = consumers.div_ceil(LOCKS / records);
    assert!(partitions <= 30);
    assert_eq!(share["partitions"]["recommended"], partitions);
    assert_eq!(share["status"], "ok");
}

#[test]
fn a_lock_shorter_than_twice_the_p99_is_raised_or_renewed() {
    // p99 20 s: one record needs a 40 s lock to fit in half of it.
    let share = plan(&request("share", "{ mean = 2000.0, p99 = 20000.0 }"));
    assert_eq!(
        share["group_configs"]["share.record.lock.duration.ms"],
        "40000"
    );
    assert_eq!(u64_of(&share["consumer"]["max.poll.records"]), 1);
    // p99 45 s: past the brokers' 60 s most, a record must renew its lock.
    let slow = plan(&request("share", "{ mean = 4500.0, p99 = 45000.0 }"));
    assert_eq!(
        slow["group_configs"]["share.record.lock.duration.ms"],
        "60000"
    );
    let reason = slow["reasons"]["share.record.lock.duration.ms"]
        .as_str()
        .unwrap_or("");
    assert!(reason.contains("RENEW"), "{reason}");
}

#[test]
fn dead_letters_map_to_the_delivery_count_limit_and_the_dlq_prefix() {
    let text = request("share", "{ mean = 14.0 }") + "\n[dead_letter]\nretries = 3\n";
    let share = plan(&text);
    assert_eq!(share["group_configs"]["share.delivery.count.limit"], "4");
    assert_eq!(
        share["group_configs"]["errors.deadletterqueue.topic.name"],
        "dlq.clicks.v1"
    );
    assert_eq!(share["dead_letter"]["topic"], "dlq.clicks.v1");
    assert_eq!(share["group"]["min_kafka_version"], "4.4");
}

/// `simulate` runs a share group as its one queue with every consumer's thread on it,
/// and agrees with the plan's M/G/N prediction.
#[test]
fn simulate_runs_the_share_group_as_one_shared_queue() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("request.toml");
    let text = request("share", "{ mean = 14.0 }")
        .replace("group = \"share\"", "group = \"share\"\nmax_delay_ms = 500");
    std::fs::write(&path, text).expect("written");
    let file = path.to_str().expect("UTF-8");
    let out = kplan(&["simulate", file, "--runs", "3", "--format", "json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let sim: Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    let planned = plan(&std::fs::read_to_string(&path).expect("request"));
    assert_eq!(sim["partitions"], 1);
    assert_eq!(sim["workers_per_partition"], planned["consumers"]);
    let simulated = sim["delay_ms"]["p99"].as_f64().expect("p99");
    let predicted = sim["predicted"]["delay_ms"]["p99"].as_f64().expect("p99");
    assert!(
        (predicted / simulated - 1.0).abs() < 0.05,
        "{predicted} vs {simulated}"
    );
}

/// A share group past what the model runs (100,000 consumer threads) is infeasible at
/// once, without building a queue that size.
#[test]
fn a_share_group_beyond_the_model_is_infeasible_without_running_it() {
    let text = request("share", "{ mean = 50.0 }")
        .replace("1_200_000", "100_000_000_000")
        .replace("target_minutes = 10", "target_minutes = 1");
    let share = plan(&text);
    assert_eq!(share["status"], "infeasible");
    assert_eq!(share["warning_details"][0]["kind"], "infeasible");
}

fn plan_for(request: &str, client: &str) -> Value {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("request.toml");
    std::fs::write(&path, request).expect("written");
    let path = path.to_str().expect("UTF-8");
    let out = kplan(&["plan", path, "--client", client, "--format", "json"]);
    assert!(code(&out) <= 1, "{}", stderr(&out));
    serde_json::from_str(&stdout(&out)).expect("JSON")
}

#[test]
fn spring_runs_share_consumers_in_their_own_container_factory() {
    let text = request("share", "{ mean = 14.0 }") + "\n[dead_letter]\nretries = 3\n";
    let share = plan_for(&text, "spring");
    let consumers = u64_of(&share["consumers"]);
    // More consumers than partitions: the classic listener's "one per partition" is wrong.
    assert!(consumers > u64_of(&share["partitions"]["recommended"]));
    let client = &share["client"];
    assert!(
        client
            .get("listener")
            .is_none_or(|l| l.as_object().is_none_or(|m| m.is_empty())),
        "spring.kafka.listener configures the classic factory: {client}"
    );
    let snippets = client["snippets"].as_array().expect("snippets");
    assert_eq!(
        snippets.len(),
        1,
        "only the share container factory: {snippets:?}"
    );
    let code = snippets[0]["text"].as_str().expect("text");
    assert!(
        code.contains("new ShareKafkaListenerContainerFactory<>("),
        "{code}"
    );
    assert!(
        code.contains(&format!("factory.setConcurrency({consumers});")),
        "{code}"
    );
    // The broker keeps a share group's dead letters: no client-side publisher.
    assert!(!code.contains("DeadLetterPublishingRecoverer"), "{code}");
}

#[test]
fn librdkafka_leaves_a_share_groups_dead_letters_to_the_broker() {
    let text = request("share", "{ mean = 14.0 }") + "\n[dead_letter]\nretries = 3\n";
    let share = plan_for(&text, "librdkafka");
    let notes = share["client"]["notes"].to_string();
    assert!(notes.contains("share consumer"), "{notes}");
    assert!(!notes.contains("produce the failed message"), "{notes}");
    assert_eq!(
        share["group_configs"]["errors.deadletterqueue.topic.name"],
        "dlq.clicks.v1"
    );
}
