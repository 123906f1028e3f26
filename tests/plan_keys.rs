//! Key samples in plans: a hot key makes a plan infeasible and names itself; an even
//! sample stays feasible and sizes the topic by its busiest partition.

mod common;

use common::{code, kplan, stderr, stdout};

fn plan_json(file: &str) -> (i32, serde_json::Value) {
    let out = kplan(&["plan", file, "--format", "json"]);
    let json = serde_json::from_str(&stdout(&out)).expect("a JSON plan");
    (code(&out), json)
}

#[test]
fn a_hot_key_makes_the_plan_infeasible_and_names_the_key() {
    // 600,000 messages in 10 minutes = 1,000 msg/s; "merchant-42" is 10% of the sample,
    // 100 msg/s, while one partition consumes 1000 / 20 ms = 50 msg/s.
    let (exit, plan) = plan_json("tests/fixtures/keyed/hot-key.toml");
    assert_eq!(exit, 1);
    assert_eq!(plan["status"], "infeasible");
    assert_eq!(
        plan["warnings"][0],
        "infeasible: key \"merchant-42\" alone carries 10% of messages (100 msg/s), more than one partition consumes (50 msg/s), so no partition count helps; use a finer key, salt this key, or give it a topic of its own"
    );
    assert_eq!(
        plan["partitions"]["needs"]["key_skew"],
        serde_json::Value::Null
    );
    assert_eq!(plan["key_spread"]["top_key"], "merchant-42");
    assert_eq!(plan["key_spread"]["top_key_share"], 0.1);
}

#[test]
fn the_hot_key_shows_in_every_format() {
    // (format, the warning as that format writes it)
    let formats = [
        (
            "table",
            "- infeasible: key \"merchant-42\" alone carries 10% of messages",
        ),
        (
            "markdown",
            "- infeasible: key \"merchant-42\" alone carries 10% of messages",
        ),
        (
            "jira",
            "* (!) infeasible: key \"merchant\\-42\" alone carries 10% of messages",
        ),
    ];
    for (format, warning) in formats {
        let out = kplan(&[
            "plan",
            "tests/fixtures/keyed/hot-key.toml",
            "--format",
            format,
        ]);
        assert_eq!(code(&out), 1, "{format}");
        let text = stdout(&out);
        assert!(
            text.lines().next().unwrap().ends_with("status: infeasible"),
            "{format}"
        );
        assert!(text.contains(warning), "{format}");
    }
}

/// The smallest count from `from` whose busiest partition, as `kplan keys` spreads the
/// sample, carries at most `capacity_tps` of `planned_tps`.
fn smallest_fitting_count(keys: &str, planned_tps: f64, capacity_tps: f64, from: u32) -> u32 {
    (from..=from + 100)
        .find(|p| {
            let n = p.to_string();
            let out = kplan(&["keys", keys, "--partitions", &n, "--format", "json"]);
            let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON");
            json["max_share"].as_f64().expect("max_share") * planned_tps <= capacity_tps
        })
        .expect("a count that fits")
}

#[test]
fn an_even_sample_stays_feasible_and_sizes_by_the_busiest_partition() {
    // 600,000 in 20 minutes = 500 msg/s: 10 partitions if keys spread perfectly.
    let (exit, plan) = plan_json("tests/fixtures/keyed/even-keys.toml");
    assert_eq!(exit, 0, "{plan}");
    assert_eq!(plan["status"], "ok");
    assert_eq!(plan["partitions"]["needs"]["consumers"], 10);
    let expected = smallest_fitting_count("tests/fixtures/keyed/keys/even.txt", 500.0, 50.0, 10);
    assert_eq!(expected, 13);
    assert_eq!(plan["partitions"]["needs"]["key_skew"], expected);
    assert_eq!(plan["partitions"]["recommended"], expected);
    let spread = &plan["key_spread"];
    assert_eq!(spread["partitions"], expected);
    assert_eq!(
        (
            spread["sample_keys"].as_u64(),
            spread["distinct_keys"].as_u64()
        ),
        (Some(5100), Some(500))
    );
    assert_eq!(spread["top_key"], "merchant-7");
    assert!(spread["busiest_share"].as_f64().unwrap() * 500.0 <= 50.0);
}

#[test]
fn a_key_sample_on_an_unkeyed_topic_is_refused() {
    let out = kplan(&["plan", "tests/fixtures/keyed/unkeyed-sample.toml"]);
    assert_eq!(code(&out), 2);
    assert_eq!(
        stderr(&out),
        "error: tests/fixtures/keyed/unkeyed-sample.toml:10: publish.key_sample_file: needs topic.partition_key: an unkeyed topic spreads messages evenly\n"
    );
}

#[test]
fn a_missing_key_sample_is_named() {
    let out = kplan(&["plan", "tests/fixtures/keyed/missing-sample.toml"]);
    assert_eq!(code(&out), 2);
    assert_eq!(
        stderr(&out),
        "error: tests/fixtures/keyed/keys/no-such.txt: cannot read: no such file\n"
    );
}

#[test]
fn a_key_sample_past_the_distinct_key_limit_is_refused_in_a_plan() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kplan"))
        .args(["plan", "tests/fixtures/keyed/even-keys.toml"])
        .current_dir(common::root())
        .env("KPLAN_MAX_DISTINCT_KEYS", "10")
        .output()
        .expect("kplan runs");
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert!(
        err.starts_with("error: tests/fixtures/keyed/keys/")
            && err.contains(": more than 10 distinct keys, the limit"),
        "{err}"
    );
}
