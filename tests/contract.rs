//! PRODUCT.md's promises to scripts and CI, pinned by name rather than through golden
//! files: every command's help has an example, `--version`, the JSON field names of each
//! command, and the README's first two commands being the ones CI runs.

mod common;

use clap::CommandFactory;
use serde_json::Value;

use common::{code, kplan, root, stderr, stdout};

/// The warning kinds the README documents for tools.
const WARNING_KINDS: [&str; 8] = [
    "infeasible",
    "over-cap",
    "key-skew-unresolved",
    "partitions-only-grow",
    "key-skew-unchecked",
    "at-most-once",
    "few-latency-samples",
    "message-over-broker-default",
];

fn is_kebab_case(value: &Value) -> bool {
    value
        .as_str()
        .is_some_and(|s| !s.is_empty() && s.chars().all(|c| c.is_ascii_lowercase() || c == '-'))
}

fn json(args: &[&str]) -> Value {
    let out = kplan(args);
    assert!(code(&out) <= 1, "{args:?}: {}", stderr(&out));
    serde_json::from_str(&stdout(&out)).expect("valid JSON")
}

/// The object's keys must include every one of `fields`.
fn assert_fields(value: &Value, fields: &[&str], what: &str) {
    let object = value
        .as_object()
        .unwrap_or_else(|| panic!("{what}: an object"));
    for field in fields {
        assert!(object.contains_key(*field), "{what}: no field {field:?}");
    }
}

#[test]
fn kplan_and_every_subcommand_have_help_with_an_example() {
    let out = kplan(&["--help"]);
    assert_eq!(code(&out), 0);
    assert!(stdout(&out).contains("Examples:\n  kplan "), "kplan --help");
    let command = kplan::cli::Cli::command();
    let names: Vec<&str> = command.get_subcommands().map(|s| s.get_name()).collect();
    assert!(names.len() >= 10, "{names:?}");
    for name in names {
        let out = kplan(&[name, "--help"]);
        assert_eq!(code(&out), 0, "{name} --help");
        let help = stdout(&out);
        assert!(
            help.contains(&format!("Examples:\n  kplan {name}")),
            "kplan {name} --help has no example:\n{help}"
        );
    }
}

#[test]
fn version_prints_the_package_version() {
    let version = env!("CARGO_PKG_VERSION");
    for flag in ["--version", "-V"] {
        let out = kplan(&[flag]);
        assert_eq!(code(&out), 0, "{flag}");
        assert_eq!(stdout(&out), format!("kplan {version}\n"), "{flag}");
    }
    // Subcommands answer too, under their own name.
    let out = kplan(&["plan", "--version"]);
    assert_eq!(stdout(&out), format!("kplan-plan {version}\n"));
}

#[test]
fn plan_json_has_every_field_product_md_names() {
    for example in [
        "orders-settlement",
        "payments-authorized",
        "clickstream-events",
    ] {
        let file = format!("examples/{example}.toml");
        let plan = json(&["plan", &file, "--format", "json"]);
        assert_eq!(plan["schema_version"], 2, "{example}");
        assert_fields(
            &plan,
            &[
                "topic",
                "type",
                "status",
                "required_tps",
                "planned_tps",
                "latency_ms",
                "per_partition_tps",
                "partitions",
                "consumers",
                "producer",
                "consumer",
                "reasons",
                "warnings",
                "fits_under_cap",
            ],
            example,
        );
        let latency = ["count", "mean", "stddev", "p50", "p95", "p99", "max"];
        assert_fields(&plan["latency_ms"], &latency, example);
        assert_fields(&plan["latency_ms"], &["mean_upper_95"], example);
        assert_fields(
            &plan["partitions"],
            &["needed", "recommended", "cap"],
            example,
        );
        assert_fields(
            &plan["partitions"]["needs"],
            &["consumers", "producer", "delay", "deadline", "key_skew"],
            example,
        );
        // PRODUCT.md: batch drain_minutes is a {p50, p95} object; online names a method.
        if plan["type"] == "batch" {
            assert_fields(
                &plan["predicted"]["drain_minutes"],
                &["p50", "p95"],
                example,
            );
        } else if plan["predicted"]["p99_delay_ms"].is_number() {
            assert_fields(&plan["predicted"], &["method"], example);
        }
        assert_eq!(plan["consumers"], plan["partitions"]["recommended"]);
        assert!(["ok", "over-cap", "infeasible"].contains(&plan["status"].as_str().unwrap_or("")));
        // Settings are strings exactly as a Java properties file takes them, each with
        // its reason.
        for side in ["producer", "consumer"] {
            for (key, value) in plan[side].as_object().expect("settings") {
                assert!(value.is_string(), "{example} {side}.{key}");
                assert!(
                    plan["reasons"][key].is_string(),
                    "{example}: no reason for {key}"
                );
            }
        }
        let warnings = plan["warnings"].as_array().expect("a list");
        assert!(warnings.iter().all(Value::is_string), "{example}");
        // Kinds for tools: one per warning, beside the same message; one per reason.
        let details = plan["warning_details"].as_array().expect("a list");
        assert_eq!(details.len(), warnings.len(), "{example}");
        for (detail, message) in details.iter().zip(warnings) {
            assert_eq!(&detail["message"], message, "{example}");
            let kind = detail["kind"].as_str().unwrap_or("");
            assert!(WARNING_KINDS.contains(&kind), "{example}: {kind}");
        }
        let reasons = plan["reasons"].as_object().expect("reasons");
        let kinds = plan["reason_kinds"].as_object().expect("reason kinds");
        assert!(reasons.keys().eq(kinds.keys()), "{example}");
        assert!(kinds.values().all(is_kebab_case), "{example}: {kinds:?}");
        match plan["status"].as_str() {
            Some("over-cap") => assert_fields(
                &plan["fits_under_cap"],
                &["concurrency", "mean_latency_ms", "target_minutes"],
                example,
            ),
            _ => assert!(plan["fits_under_cap"].is_null(), "{example}"),
        }
    }
}

#[test]
fn keys_json_has_every_field_product_md_names() {
    let keys = json(&[
        "keys",
        "examples/keys/payments-accounts.txt",
        "--partitions",
        "12",
        "--format",
        "json",
    ]);
    assert_eq!(keys["schema_version"], 1);
    assert_fields(
        &keys,
        &["partitions", "keys", "counts", "max_share", "imbalance"],
        "keys",
    );
    let counts: Vec<u64> = keys["counts"]
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(Value::as_u64)
        .collect();
    assert_eq!(counts.len(), 12);
    let total: u64 = counts.iter().sum();
    assert_eq!(keys["keys"], total);
    let largest = counts.iter().copied().max().unwrap_or(0) as f64;
    let imbalance = keys["imbalance"].as_f64().expect("a number");
    // imbalance = largest count / mean count
    assert!((imbalance - largest / (total as f64 / 12.0)).abs() < 1e-3);
    let max_share = keys["max_share"].as_f64().expect("a number");
    assert!((max_share - largest / total as f64).abs() < 1e-3);
}

#[test]
fn simulate_json_has_every_field_product_md_names() {
    let common = ["schema_version", "partitions", "runs", "seed"];
    let batch = json(&[
        "simulate",
        "examples/orders-settlement.toml",
        "--runs",
        "2",
        "--format",
        "json",
    ]);
    assert_fields(&batch, &common, "batch");
    assert_fields(&batch, &["drain_seconds", "p_within_target"], "batch");
    assert_fields(&batch["drain_seconds"], &["p50", "p95", "p99"], "batch");
    let online = json(&[
        "simulate",
        "examples/payments-authorized.toml",
        "--runs",
        "1",
        "--format",
        "json",
    ]);
    assert_fields(&online, &common, "online");
    assert_fields(&online, &["delay_ms", "utilization"], "online");
    assert_fields(
        &online["delay_ms"],
        &["mean", "p50", "p95", "p99"],
        "online",
    );
}

#[test]
fn check_json_is_versioned() {
    let report = json(&["check", "tests/fixtures/check/clean", "--format", "json"]);
    assert_eq!(report["schema_version"], 1);
}

/// The README opens with the command that builds and runs kplan on an example and the
/// command that runs the whole suite; `.ci/run` runs that same test command.
#[test]
fn the_readme_opens_with_the_two_commands_ci_runs() {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README.md");
    let block: Vec<&str> = readme
        .split("```")
        .nth(1)
        .expect("a code block near the top")
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .collect();
    assert_eq!(block.len(), 2, "{block:?}");
    let run = block[0].split('#').next().unwrap_or("").trim();
    let test = block[1].split('#').next().unwrap_or("").trim();
    let example = run
        .strip_prefix("cargo run --release -- plan ")
        .expect("the first command plans an example");
    assert!(root().join(example).is_file(), "{example}");
    let ci = std::fs::read_to_string(root().join(".ci/run")).expect(".ci/run");
    assert!(
        ci.lines().any(|l| l.trim() == test),
        ".ci/run does not run {test:?}"
    );
    assert!(ci.contains("cargo fmt --all -- --check"));
    assert!(ci.contains("cargo clippy --all-targets -- -D warnings"));
}

/// The Java producer refuses a record larger than buffer.memory (RecordTooLargeException),
/// so a 1 GiB message needs a buffer past batch.toml's 1 GiB bound; the reason must then
/// say the bound gives way, not that the value is within it.
#[test]
fn buffer_memory_past_the_profile_bound_says_so_in_its_reason() {
    let dir = tempfile::tempdir().expect("temp dir");
    let request = dir.path().join("big.toml");
    let gib: u64 = 1 << 30;
    let text = format!(
        "[topic]\nname = \"big.v1\"\ntype = \"batch\"\ndelivery = \"at-least-once\"\n\
         [publish]\nmax_messages = 1000\nmessage_bytes = 100000\nmax_message_bytes = {gib}\n\
         [subscribe]\ntarget_minutes = 10\nlatency_ms = {{ mean = 5.0 }}\n"
    );
    std::fs::write(&request, text).expect("request");
    let plan = json(&["plan", &request.to_string_lossy(), "--format", "json"]);
    let profile: toml::Table = std::fs::read_to_string(root().join("profiles/batch.toml"))
        .expect("the batch profile")
        .parse()
        .expect("TOML");
    let bound = profile["producer"]["buffer_memory_max"]
        .as_integer()
        .expect("an integer") as u64;
    let value: u64 = plan["producer"]["buffer.memory"]
        .as_str()
        .and_then(|v| v.parse().ok())
        .expect("a number");
    let reason = plan["reasons"]["buffer.memory"].as_str().expect("a reason");
    assert!(value >= gib, "a 1 GiB record must fit: {value}");
    assert!(value > bound, "{value} vs {bound}");
    assert!(!reason.contains("within"), "{reason}");
    assert!(reason.contains("above the profile's bound"), "{reason}");
}

/// PRODUCT.md: a consumer-protocol group names its protocol and Kafka version, and its
/// per-group configs; the client settings leave out what KIP-848 moved to the broker.
#[test]
fn a_consumer_protocol_plan_has_its_group_and_group_configs() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("request.toml");
    let text = std::fs::read_to_string(root().join("examples/orders-settlement.toml"))
        .expect("example")
        .replace(
            "latency_file = \"latency/orders-settlement.txt\"",
            "latency_ms = { mean = 18.0, p99 = 60.0 }\ngroup = \"consumer\"",
        );
    std::fs::write(&path, text).expect("written");
    let plan = json(&["plan", path.to_str().expect("UTF-8"), "--format", "json"]);
    assert_eq!(plan["group"]["protocol"], "consumer");
    assert_eq!(plan["group"]["min_kafka_version"], "4.0");
    let configs = plan["group_configs"].as_object().expect("group configs");
    // The brokers take 45 to 60 s (group.consumer.min/max.session.timeout.ms).
    let session: u64 = configs["consumer.session.timeout.ms"]
        .as_str()
        .and_then(|v| v.parse().ok())
        .expect("a session");
    assert!((45_000..=60_000).contains(&session), "{session}");
    assert!(configs.keys().all(|k| plan["reasons"][k].is_string()));
    let consumer = plan["consumer"].as_object().expect("consumer settings");
    assert_eq!(consumer["group.protocol"], "consumer");
    for moved in [
        "session.timeout.ms",
        "heartbeat.interval.ms",
        "partition.assignment.strategy",
    ] {
        assert!(!consumer.contains_key(moved), "{moved}");
    }
    let classic = json(&[
        "plan",
        "examples/orders-settlement.toml",
        "--format",
        "json",
    ]);
    assert!(classic.get("group").is_none() && classic.get("group_configs").is_none());
}
