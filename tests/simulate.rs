//! `kplan simulate`: golden output in both formats (few runs, to stay fast), the JSON
//! contract, determinism, exit codes and bad input.

mod common;

use common::{assert_golden, code, kplan, stderr, stdout};

const BATCH: &str = "examples/orders-settlement.toml";
const ONLINE: &str = "examples/payments-authorized.toml";

fn json(args: &[&str]) -> (i32, serde_json::Value) {
    let mut args = args.to_vec();
    args.extend(["--format", "json"]);
    let out = kplan(&args);
    let json = serde_json::from_str(&stdout(&out))
        .unwrap_or_else(|e| panic!("{args:?}: {e}: {}", stderr(&out)));
    (code(&out), json)
}

#[test]
fn batch_and_online_match_their_golden_output() {
    let cases = [
        (BATCH, "5", "simulate-orders-settlement"),
        (ONLINE, "2", "simulate-payments-authorized"),
    ];
    for (file, runs, golden) in cases {
        for (format, ext) in [("table", "txt"), ("json", "json")] {
            let out = kplan(&["simulate", file, "--runs", runs, "--format", format]);
            assert_eq!(code(&out), 0, "{file} {format}: {}", stderr(&out));
            assert_golden(&format!("{golden}.{ext}"), &stdout(&out));
        }
    }
}

#[test]
fn the_same_seed_gives_byte_identical_output_and_another_seed_does_not() {
    let run = |seed: &str| kplan(&["simulate", ONLINE, "--runs", "1", "--seed", seed]).stdout;
    assert_eq!(run("7"), run("7"));
    assert_ne!(run("7"), run("8"));
}

#[test]
fn batch_json_carries_the_contract_fields() {
    let (exit, sim) = json(&["simulate", BATCH, "--runs", "3", "--seed", "4"]);
    assert_eq!(exit, 0);
    assert_eq!(
        (&sim["partitions"], &sim["runs"], &sim["seed"]),
        (&25.into(), &3.into(), &4.into())
    );
    assert_eq!(sim["status"], "ok");
    let drain = &sim["drain_seconds"];
    let (p50, p95, p99) = (
        drain["p50"].as_f64().unwrap(),
        drain["p95"].as_f64().unwrap(),
        drain["p99"].as_f64().unwrap(),
    );
    assert!(p50 <= p95 && p95 <= p99, "{drain}");
    // 3.6 million messages at 12.2 ms over 25 partitions: about 29.3 minutes.
    assert!((1700.0..1800.0).contains(&p50), "{p50}");
    assert_eq!(sim["p_within_target"], 1.0);
    assert_eq!(sim["target_seconds"], 1800.0);
    assert_eq!(sim["service"]["source"], "samples");
    assert_eq!(sim["service"]["samples"], 2000);
    // The planner's p50 of the slowest partition's drain, beside the simulated one.
    let predicted = sim["predicted"]["drain_seconds"]["p50"]
        .as_f64()
        .unwrap_or(0.0);
    assert!((predicted / p50 - 1.0).abs() < 0.01, "{predicted} vs {p50}");
}

#[test]
fn online_json_carries_the_contract_fields() {
    let (exit, sim) = json(&["simulate", ONLINE, "--runs", "1"]);
    assert_eq!(exit, 0);
    let delay = &sim["delay_ms"];
    for field in ["mean", "p50", "p95", "p99"] {
        assert!(delay[field].as_f64().is_some_and(|d| d > 0.0), "{field}");
    }
    let utilization = sim["utilization"].as_f64().unwrap();
    assert!((0.0..1.0).contains(&utilization), "{utilization}");
    assert_eq!(sim["messages"], 540_000);
    assert_eq!(sim["max_delay_ms"], 500.0);
    assert!(sim["share_over_max_delay"].as_f64().is_some());
    assert!(sim["max_backlog"].as_u64().is_some_and(|b| b >= 1));
    assert_eq!(sim["spread"]["source"], "key-sample");
    assert!(sim["predicted"]["delay_ms"]["p99"].as_f64().is_some());
}

#[test]
fn too_few_partitions_miss_the_objective_and_exit_1() {
    // 720 msg/s on 6 partitions of ~119 msg/s: the consumers cannot keep up.
    let (exit, sim) = json(&["simulate", ONLINE, "--partitions", "6", "--runs", "1"]);
    assert_eq!(exit, 1);
    assert_eq!(sim["status"], "missed");
    assert_eq!(sim["keeps_up"], false);
    assert_eq!(sim["predicted"]["delay_ms"]["p99"], serde_json::Value::Null);
    let notes = sim["notes"].to_string();
    assert!(
        notes.contains("simulated at 6 partitions; the plan recommends 10"),
        "{notes}"
    );
    // A batch at 20 instead of 25 partitions drains in ~37 minutes, past its 30.
    let (exit, sim) = json(&["simulate", BATCH, "--partitions", "20", "--runs", "2"]);
    assert_eq!(exit, 1);
    assert_eq!(sim["p_within_target"], 0.0);
}

#[test]
fn a_latency_summary_is_simulated_with_the_planners_shape_and_says_so() {
    // 600,000 messages in 10 minutes at 20 ms (p99 60 ms: a lognormal): 20 partitions
    // drain in exactly the target on average, so the slowest of the 20 is always late;
    // the plan's deadline need adds one.
    let file = "tests/fixtures/good/crlf.toml";
    let (exit, sim) = json(&["simulate", file, "--runs", "5", "--partitions", "20"]);
    assert_eq!((exit, &sim["p_within_target"]), (1, &0.0.into()));
    let (exit, sim) = json(&["simulate", file, "--runs", "5"]);
    assert_eq!((exit, &sim["partitions"]), (0, &21.into()));
    assert_eq!(sim["p_within_target"], 1.0);
    assert_eq!(sim["service"]["source"], "summary");
    assert_eq!(sim["service"]["shape"]["shape"], "lognormal");
    assert_eq!(sim["service"]["shape"]["mean_ms"], 20.0);
    assert_eq!(sim["service"]["shape"]["p99_ms"], 60.0);
    assert!(
        sim["notes"][0]
            .as_str()
            .is_some_and(|n| n.contains("lognormal with mean 20 ms and p99 60 ms")),
        "{}",
        sim["notes"][0]
    );
}

#[test]
fn large_topics_get_fewer_default_runs_and_a_budget() {
    // 90 million messages: the default is one run, and 1,000 runs are refused.
    let out = kplan(&[
        "simulate",
        "examples/clickstream-events.toml",
        "--runs",
        "1000",
    ]);
    assert_eq!(code(&out), 2);
    assert_eq!(
        stderr(&out),
        "error: 1,000 runs of 90,000,000 messages on 30 partitions is 90,000,120,000 steps of work, more than the 10,000,000,000 a simulation takes; lower --runs\n"
    );
}

#[test]
fn bad_input_exits_2() {
    let out = kplan(&["simulate", "no/such/request.toml"]);
    assert_eq!(code(&out), 2);
    assert_eq!(
        stderr(&out),
        "error: no/such/request.toml: cannot read: no such file\n"
    );
    let out = kplan(&["simulate", BATCH, "--runs", "0"]);
    assert_eq!(code(&out), 2);
    let out = kplan(&["simulate", BATCH, "--partitions", "0"]);
    assert_eq!(code(&out), 2);
}

#[test]
fn a_topic_too_large_for_even_one_run_says_so_instead_of_lower_runs() {
    let dir = tempfile::tempdir().expect("temp dir");
    let request = dir.path().join("huge.toml");
    let text = "[topic]\nname = \"huge\"\ntype = \"batch\"\ndelivery = \"at-least-once\"\n\
                [publish]\nmax_messages = 20_000_000_000\nmessage_bytes = 100\n\
                [subscribe]\ntarget_minutes = 600\nlatency_ms = { mean = 1.0 }\n";
    std::fs::write(&request, text).expect("request");
    let out = kplan(&["simulate", &request.to_string_lossy()]);
    assert_eq!(
        stderr(&out),
        "error: one run of 20,000,000,000 messages on 30 partitions is 20,000,000,120 steps of work, more than the 10,000,000,000 a simulation takes\n"
    );
    assert_eq!(code(&out), 2);
}

/// The budget counts what every run does for every partition, not only the messages:
/// 10 messages on 100,000 partitions, 100,000 times over, is 10^10 partition-runs (about
/// 35 ns each, several minutes), however few the messages.
#[test]
fn many_partitions_times_many_runs_is_refused_at_once_even_for_a_tiny_topic() {
    let dir = tempfile::tempdir().expect("temp dir");
    let request = dir.path().join("tiny.toml");
    let text = "[topic]\nname = \"tiny\"\ntype = \"batch\"\ndelivery = \"at-least-once\"\n\
                [publish]\nmax_messages = 10\nmessage_bytes = 100\n\
                [subscribe]\ntarget_minutes = 10\nlatency_ms = { mean = 5.0 }\n";
    std::fs::write(&request, text).expect("request");
    let request = request.to_string_lossy();
    let args = [
        "simulate",
        &request,
        "--partitions",
        "100000",
        "--runs",
        "100000",
    ];
    let out = common::kplan_within(&args, std::time::Duration::from_secs(30))
        .expect("refused within 30 s instead of simulating for minutes");
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.starts_with("error: 100,000 runs of 10 messages on 100,000 partitions is "),
        "{err}"
    );
    assert!(err.ends_with("; lower --runs or --partitions\n"), "{err}");
}
