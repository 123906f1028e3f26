//! Bad input: a clear error naming file, line and key, exit code 2, never a panic.

mod common;

use common::{code, kplan, stderr};

const BAD: &str = "tests/fixtures/bad";

/// (fixture, the exact standard error)
const CASES: &[(&str, &str)] = &[
    (
        "unknown-key",
        "error: tests/fixtures/bad/unknown-key.toml:10: subscribe.target_minutes: missing; [subscribe] must set it\n\
         error: tests/fixtures/bad/unknown-key.toml:11: subscribe.target_minute: unknown key `target_minute`; did you mean `target_minutes`?\n",
    ),
    (
        "wrong-type",
        "error: tests/fixtures/bad/wrong-type.toml:8: publish.message_bytes: expected a number of bytes such as 1024, found the string \"1KB\"\n",
    ),
    (
        "negative",
        "error: tests/fixtures/bad/negative.toml:7: publish.max_messages: must be positive, found -600000\n",
    ),
    (
        "zero-minutes",
        "error: tests/fixtures/bad/zero-minutes.toml:11: subscribe.target_minutes: must be positive, found 0\n",
    ),
    (
        "nan",
        "error: tests/fixtures/bad/nan.toml:12: subscribe.latency_ms.mean: must be a finite number, found nan\n",
    ),
    (
        "inf",
        "error: tests/fixtures/bad/inf.toml:11: subscribe.target_minutes: must be a finite number, found inf\n",
    ),
    (
        "huge",
        "error: tests/fixtures/bad/huge.toml:7: publish.max_messages: must be between 1 and 1000000000000000, found 18446744073709551615\n",
    ),
    (
        "missing-latency",
        "error: tests/fixtures/bad/missing-latency.toml:10: subscribe.latency_file: missing; set latency_file (measured samples), latency_histogram_file (a Prometheus histogram) or latency_ms = { mean = ..., p99 = ... }\n",
    ),
    (
        "missing-sample-file",
        "error: tests/fixtures/bad/no-such-samples.txt: cannot read: no such file\n",
    ),
    (
        "empty-sample-file",
        "error: tests/fixtures/bad/samples/empty.txt: holds no latency samples\n",
    ),
    (
        "bad-sample",
        "error: tests/fixtures/bad/samples/bad-line-4.txt:4: not a number: \"12,7\"\n",
    ),
    (
        "not-utf8",
        "error: tests/fixtures/bad/not-utf8.toml:3: is not valid UTF-8 text\n",
    ),
    (
        "empty",
        "error: tests/fixtures/bad/empty.toml:1: topic: missing; the file must set it\n\
         error: tests/fixtures/bad/empty.toml:1: publish: missing; the file must set it\n\
         error: tests/fixtures/bad/empty.toml:1: subscribe: missing; the file must set it\n",
    ),
    (
        "missing-type-and-delivery",
        "error: tests/fixtures/bad/missing-type-and-delivery.toml:2: topic.type: missing; [topic] must set it\n\
         error: tests/fixtures/bad/missing-type-and-delivery.toml:2: topic.delivery: missing; [topic] must set it\n",
    ),
    (
        "keyed-concurrency",
        "error: tests/fixtures/bad/keyed-concurrency.toml:13: subscribe.concurrency: must be 1 for a keyed topic: several threads per partition break per-key order\n",
    ),
    (
        "two-latency-sources",
        "error: tests/fixtures/bad/two-latency-sources.toml:13: subscribe.latency_ms: give one latency source, not latency_file and latency_ms\n",
    ),
    (
        "batch-delay",
        "error: tests/fixtures/bad/batch-delay.toml:12: subscribe.max_delay_ms: applies to online topics only; a batch topic's objective is target_minutes\n",
    ),
    (
        "many-problems",
        "error: tests/fixtures/bad/many-problems.toml:3: topic.type: \"streaming\" is not one of \"online\", \"batch\"\n\
         error: tests/fixtures/bad/many-problems.toml:8: publish.message_bytes: must be positive, found 0\n\
         error: tests/fixtures/bad/many-problems.toml:11: subscribe.target_minutes: must be positive, found -3\n",
    ),
    (
        "syntax",
        "error: tests/fixtures/bad/syntax.toml:7: invalid TOML: extra `=`, expected nothing\n",
    ),
    (
        "wrong-unit",
        "error: tests/fixtures/bad/wrong-unit.toml:13: subscribe.latency_unit: \"sec\" is not one of \"ms\", \"s\", \"us\"\n",
    ),
    (
        "self-samples",
        "error: tests/fixtures/bad/self-samples.toml:1: not a number: \"[topic]\"\n",
    ),
    (
        "bad-topic-name",
        "error: tests/fixtures/bad/bad-topic-name.toml:2: topic.name: '/' is not allowed in a topic name (letters, digits, '.', '_' and '-' are)\n",
    ),
    (
        "max-below-average",
        "error: tests/fixtures/bad/max-below-average.toml:9: publish.max_message_bytes: is smaller than message_bytes (512 < 1024)\n",
    ),
    (
        "p99-beyond-any-distribution",
        "error: tests/fixtures/bad/p99-beyond-any-distribution.toml:12: subscribe.latency_ms.p99: is more than 100 x the mean (600 > 100 x 5): no distribution has that, since at least 1% of messages would take the p99 or longer; check the numbers and their units\n",
    ),
    (
        "online-drain-confidence",
        "error: tests/fixtures/bad/online-drain-confidence.toml:15: limits.drain_confidence: applies to batch topics only; online topics are held to max_delay_ms\n",
    ),
    (
        "drain-confidence-certain",
        "error: tests/fixtures/bad/drain-confidence-certain.toml:15: limits.drain_confidence: must be between 0.5 and 0.9999, found 1\n",
    ),
    (
        "sample-unit-seconds-too-small",
        "error: tests/fixtures/bad/samples/zeros.txt: the mean latency is 0 ms, below one nanosecond: not a measured processing time (check latency_unit)\n",
    ),
    (
        "share-keyed",
        "error: tests/fixtures/bad/share-keyed.toml:14: subscribe.group: \"share\" cannot keep per-key order: a share group hands each record to any consumer; use \"consumer\" or \"classic\" for a keyed topic\n",
    ),
    (
        "share-exactly-once",
        "error: tests/fixtures/bad/share-exactly-once.toml:13: subscribe.group: \"share\" does not support exactly-once: share groups have no transactional offset commits; use at-least-once with idempotent processing\n",
    ),
    (
        "share-retries",
        "error: tests/fixtures/bad/share-retries.toml:16: dead_letter.retries: must be between 1 and 9 for a share group: a record is delivered at most retries + 1 times, and share.delivery.count.limit takes 2 to 10, found 12\n",
    ),
];

#[test]
fn every_bad_request_exits_2_with_its_exact_message() {
    for (fixture, expected) in CASES {
        let file = format!("{BAD}/{fixture}.toml");
        let out = kplan(&["plan", &file]);
        assert_eq!(stderr(&out), *expected, "{fixture}");
        assert_eq!(code(&out), 2, "{fixture}");
        assert!(out.stdout.is_empty(), "{fixture}: no plan on bad input");
    }
}

#[test]
fn every_bad_fixture_has_a_case() {
    let mut fixtures: Vec<String> = std::fs::read_dir(common::root().join(BAD))
        .expect("fixture folder")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter_map(|n| n.strip_suffix(".toml").map(str::to_string))
        .collect();
    fixtures.sort();
    let mut cases: Vec<String> = CASES.iter().map(|(f, _)| f.to_string()).collect();
    cases.sort();
    assert_eq!(fixtures, cases);
}

#[test]
fn a_folder_is_not_a_request() {
    let out = kplan(&["plan", "tests/fixtures"]);
    assert_eq!(
        stderr(&out),
        "error: tests/fixtures: is a folder, not a file\n"
    );
    assert_eq!(code(&out), 2);
}

#[test]
fn a_missing_request_file_is_named() {
    let out = kplan(&["plan", "no/such/request.toml"]);
    assert_eq!(
        stderr(&out),
        "error: no/such/request.toml: cannot read: no such file\n"
    );
    assert_eq!(code(&out), 2);
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(code(&kplan(&["plan"])), 2);
    assert_eq!(
        code(&kplan(&[
            "plan",
            "examples/orders-settlement.toml",
            "--format",
            "xml"
        ])),
        2
    );
    assert_eq!(code(&kplan(&["frobnicate"])), 2);
}

#[test]
fn crlf_and_bom_requests_plan_cleanly() {
    for file in [
        "tests/fixtures/good/crlf.toml",
        "tests/fixtures/good/bom-and-samples.toml",
    ] {
        let out = kplan(&["plan", file, "--format", "json"]);
        assert_eq!(code(&out), 0, "{file}: {}", stderr(&out));
    }
}

#[test]
fn microsecond_samples_in_a_crlf_csv_with_bom_are_converted() {
    let out = kplan(&[
        "plan",
        "tests/fixtures/good/bom-and-samples.toml",
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(json["latency_ms"]["count"], 200);
    // Samples are 15000..24999 us, so 15..25 ms.
    let mean = json["latency_ms"]["mean"].as_f64().expect("mean");
    assert!((15.0..25.0).contains(&mean), "{mean}");
}

#[test]
fn a_profile_for_the_other_topic_type_is_refused() {
    let out = kplan(&[
        "plan",
        "examples/orders-settlement.toml",
        "--profile",
        "profiles/online.toml",
    ]);
    assert_eq!(
        stderr(&out),
        "error: examples/orders-settlement.toml: topic.type: is a batch topic, but the profile profiles/online.toml is for online topics\n"
    );
    assert_eq!(code(&out), 2);
}

#[test]
fn a_shipped_profile_passed_explicitly_plans_the_same() {
    let implicit = kplan(&[
        "plan",
        "examples/orders-settlement.toml",
        "--format",
        "json",
    ]);
    let explicit = kplan(&[
        "plan",
        "examples/orders-settlement.toml",
        "--format",
        "json",
        "--profile",
        "profiles/batch.toml",
    ]);
    assert_eq!(implicit.stdout, explicit.stdout);
}

/// A p99 at 40 x the mean is beyond any lognormal (at most about 15 x): the plan says it
/// assumed the two-part mixture, whose mean and p99 are the request's.
#[test]
fn a_p99_beyond_a_lognormals_reach_is_planned_as_a_mixture_and_says_so() {
    let dir = tempfile::tempdir().expect("scratch folder");
    let file = dir.path().join("mixture.toml");
    let text = std::fs::read_to_string(common::root().join("tests/fixtures/bad/nan.toml"))
        .expect("fixture")
        .replace("{ mean = nan, p99 = 60.0 }", "{ mean = 5.0, p99 = 200.0 }");
    std::fs::write(&file, text).expect("written");
    let out = kplan(&["plan", &file.to_string_lossy(), "--format", "json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let plan: serde_json::Value = serde_json::from_slice(&out.stdout).expect("a JSON plan");
    let shape = &plan["inputs"]["latency_shape"];
    assert_eq!(shape["shape"], "mixture");
    assert_eq!(shape["slow_ms"], 200.0);
    let (fast, slow) = (
        shape["fast_mean_ms"].as_f64().unwrap_or(0.0),
        shape["slow_share"].as_f64().unwrap_or(0.0),
    );
    assert!(
        ((1.0 - slow) * fast + slow * 200.0 - 5.0).abs() < 1e-9,
        "{shape}"
    );
    let table = common::stdout(&kplan(&["plan", &file.to_string_lossy()]));
    assert!(table.contains("two-part mixture"), "{table}");
}
