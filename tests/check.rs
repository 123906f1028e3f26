//! `kplan check` on fixture repositories: exact lines, exact exit codes, every format
//! pinned by a golden file.

mod common;

use std::path::{Path, PathBuf};

use statrs::distribution::{ContinuousCDF, Normal};

use common::{assert_golden, code, kplan, stderr, stdout};

const CHECK: &str = "tests/fixtures/check";

/// Every fixture repository that checks (the broken policy stops a run with exit 2).
const REPOSITORIES: [&str; 7] = [
    "clean",
    "over-cap",
    "broken",
    "policy-violation",
    "duplicates",
    "dlt-collision",
    "warnings",
];

fn check(args: &[&str]) -> std::process::Output {
    let mut all = vec!["check"];
    all.extend_from_slice(args);
    kplan(&all)
}

fn repo(name: &str) -> String {
    format!("{CHECK}/{name}")
}

/// The slowest of `partitions` partitions' drain, ms, each summing `messages` processing
/// times of mean `mean_ms` and standard deviation `sd_ms`, at 95% confidence: a sum of
/// that many is near normal, and all partitions finish by the 0.95^(1/P) quantile.
fn slowest_drain_ms(messages: f64, mean_ms: f64, sd_ms: f64, partitions: u64) -> f64 {
    let z = Normal::standard().inverse_cdf(0.95_f64.powf(1.0 / partitions as f64));
    messages * mean_ms + z * messages.sqrt() * sd_ms
}

/// clean/orders/settlement.toml: 3,600,000 messages in 30 minutes, lognormal with mean
/// 18 ms and p99 60 ms; the smallest count whose slowest partition drains in time.
fn settlement_partitions() -> u64 {
    let (mean, p99) = (18.0_f64, 60.0_f64);
    // ln p99 = mu + z99 sigma and ln mean = mu + sigma^2 / 2: the smaller root in sigma.
    let z99 = Normal::standard().inverse_cdf(0.99);
    let gap = (p99 / mean).ln();
    let sigma = z99 - (z99 * z99 - 2.0 * gap).sqrt();
    let sd = mean * ((sigma * sigma).exp() - 1.0).sqrt();
    (1..)
        .find(|&p| slowest_drain_ms(3_600_000.0 / p as f64, mean, sd, p) <= 1_800_000.0)
        .expect("a count drains in time")
}

/// clean/payments/authorized.toml: 540,000 messages in 15 minutes is 600 msg/s; one
/// consumer takes 1000 / mean msg/s, and the online profile keeps each at 70% of that.
fn authorized_partitions() -> u64 {
    let file = common::root()
        .join(CHECK)
        .join("clean/payments/latency/authorized.txt");
    let text = std::fs::read_to_string(file).expect("the samples");
    let samples: Vec<f64> = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.trim().parse().expect("a number"))
        .collect();
    let mean = samples.iter().sum::<f64>() / samples.len() as f64;
    (600.0 * mean / 1000.0 / 0.7).ceil() as u64
}

#[test]
fn a_clean_repository_passes_skipping_hidden_folders_target_and_other_files() {
    let out = check(&[&repo("clean")]);
    let (settlement, authorized) = (settlement_partitions(), authorized_partitions());
    assert_eq!(
        stdout(&out),
        format!(
            "PASS tests/fixtures/check/clean/orders/settlement.toml: orders.settlement.v1, {settlement} partitions\n\
             PASS tests/fixtures/check/clean/payments/authorized.toml: payments.authorized.v2, {authorized} partitions\n\
             2 passed, 0 failed\n"
        )
    );
    assert_eq!(stderr(&out), "");
    assert_eq!(code(&out), 0);
}

#[test]
fn an_over_cap_request_fails_at_its_max_messages_line_under_the_policy_cap() {
    let out = check(&[&repo("over-cap")]);
    // 1,200,000 messages in 10 minutes at an exponential 10 ms: 2,000 msg/s, 20 partitions
    // of 100 msg/s for throughput; the slowest must also drain in time.
    let (total, window_ms, mean_ms) = (1_200_000.0, 600_000.0, 10.0);
    let need = (20..)
        .find(|&p| slowest_drain_ms(total / p as f64, mean_ms, mean_ms, p) <= window_ms)
        .expect("a count drains in time");
    // At the cap of 12: the mean and the window that make the slowest drain fit.
    let per = total / 12.0;
    let mean_fit = window_ms / slowest_drain_ms(per, 1.0, 1.0, 12);
    let target_fit = slowest_drain_ms(per, mean_ms, mean_ms, 12) / 60_000.0;
    let text = stdout(&out);
    let head = format!(
        "FAIL tests/fixtures/check/over-cap/clickstream.toml:7:1: web.clickstream.v1, 12 partitions (needs {need}): error[over-cap]: needs {need} partitions, over the policy's cap of 12; it would fit with concurrency = 2, or a mean latency of "
    );
    let rest = text.strip_prefix(&head).unwrap_or_else(|| panic!("{text}"));
    let (mean_shown, rest) = rest
        .split_once(" ms, or target_minutes = ")
        .expect("{rest}");
    let (target_shown, rest) = rest.split_once('\n').expect("a line");
    assert!(
        (mean_shown.parse::<f64>().unwrap_or(0.0) - mean_fit).abs() < 0.006,
        "{mean_shown} vs {mean_fit}"
    );
    assert!(
        (target_shown.parse::<f64>().unwrap_or(0.0) - target_fit).abs() < 0.006,
        "{target_shown} vs {target_fit}"
    );
    assert_eq!(
        rest,
        "     tests/fixtures/check/over-cap/clickstream.toml:15:1: error[cap-above-policy]: 50 is above the policy's cap of 12; the plan uses 12\n\
         0 passed, 1 failed\n"
    );
    assert_eq!(code(&out), 1);
}

#[test]
fn a_broken_file_fails_with_invalid_request_at_each_problem_line() {
    let out = check(&[&repo("broken")]);
    assert_eq!(
        stdout(&out),
        "FAIL tests/fixtures/check/broken/bad-samples.toml: broken.bad-samples.v1, not planned: tests/fixtures/check/broken/latency/bad.txt:3:1: error[invalid-request]: not a number: \"13,1\"\n\
         FAIL tests/fixtures/check/broken/events.toml:7:1: not planned: error[invalid-request]: publish.max_messages: must be positive, found -5\n     \
         tests/fixtures/check/broken/events.toml:10:1: error[invalid-request]: subscribe.target_minutes: missing; [subscribe] must set it\n     \
         tests/fixtures/check/broken/events.toml:11:1: error[invalid-request]: subscribe.target_minute: unknown key `target_minute`; did you mean `target_minutes`?\n\
         FAIL tests/fixtures/check/broken/missing-samples.toml:12:1: broken.samples.v1, not planned: error[invalid-request]: subscribe.latency_file: tests/fixtures/check/broken/latency/none.txt: cannot read: no such file\n\
         0 passed, 3 failed\n"
    );
    assert_eq!(code(&out), 1);
}

#[test]
fn a_policy_violation_fails_with_the_rule_name_file_and_line() {
    let out = check(&[&repo("policy-violation")]);
    assert_eq!(
        stdout(&out),
        "FAIL tests/fixtures/check/policy-violation/orders.toml:2:1: orders-legacy, 1 partition: error[topic-name]: \"orders-legacy\" does not match the policy's pattern team-a\\.[a-z.]+\\.v[0-9]+\n     \
         tests/fixtures/check/policy-violation/orders.toml:4:1: error[dead-letter-required]: at-least-once needs a [dead_letter] section: a message that keeps failing must go somewhere other than a retry loop\n     \
         tests/fixtures/check/policy-violation/orders.toml:12:1: error[latency-samples-required]: a summary is not enough here: give latency_file with measured per-message latencies\n\
         0 passed, 1 failed\n"
    );
    assert_eq!(code(&out), 1);
}

#[test]
fn the_same_topic_in_two_files_fails_both() {
    let out = check(&[&repo("duplicates")]);
    assert_eq!(
        stdout(&out),
        "FAIL tests/fixtures/check/duplicates/a.toml:2:1: shared.events.v1, 1 partition: error[duplicate-topic]: topic \"shared.events.v1\" is also requested by tests/fixtures/check/duplicates/b.toml\n\
         FAIL tests/fixtures/check/duplicates/b.toml:2:1: shared.events.v1, 1 partition: error[duplicate-topic]: topic \"shared.events.v1\" is also requested by tests/fixtures/check/duplicates/a.toml\n\
         0 passed, 2 failed\n"
    );
    assert_eq!(code(&out), 1);
}

#[test]
fn a_dead_letter_topic_requested_as_a_topic_fails_both_files() {
    let out = check(&[&repo("dlt-collision")]);
    assert_eq!(
        stdout(&out),
        "FAIL tests/fixtures/check/dlt-collision/invoices-dlt.toml:3:1: billing.invoices.v1.DLT, 1 partition: error[dead-letter-collision]: \"billing.invoices.v1.DLT\" is the dead letter topic of tests/fixtures/check/dlt-collision/invoices.toml\n\
         FAIL tests/fixtures/check/dlt-collision/invoices.toml:14:2: billing.invoices.v1, 1 partition: error[dead-letter-collision]: the dead letter topic \"billing.invoices.v1.DLT\" is also requested as a topic by tests/fixtures/check/dlt-collision/invoices-dlt.toml\n\
         0 passed, 2 failed\n"
    );
    assert_eq!(code(&out), 1);
}

#[test]
fn a_share_groups_dead_letter_queue_requested_as_a_topic_collides() {
    // A share group's dead letter queue is dlq.<topic> (KIP-1191), not <topic>.DLT.
    let folder = tempfile::tempdir().expect("a folder");
    let request = |name: &str, extra: &str| {
        format!(
            "[topic]\nname = \"{name}\"\ntype = \"batch\"\ndelivery = \"at-least-once\"\n\n\
             [publish]\nmax_messages = 1_000\nmessage_bytes = 512\n\n\
             [subscribe]\ntarget_minutes = 60\nlatency_ms = {{ mean = 5.0 }}\n{extra}"
        )
    };
    let share = request(
        "billing.invoices.v1",
        "group = \"share\"\n\n[dead_letter]\nretries = 2\n",
    );
    std::fs::write(folder.path().join("invoices.toml"), share).expect("written");
    let queue = request("dlq.billing.invoices.v1", "");
    std::fs::write(folder.path().join("queue.toml"), &queue).expect("written");
    let folder_path = folder.path().to_str().expect("UTF-8");
    let out = check(&[folder_path, "--format", "json"]);
    assert_eq!(code(&out), 1, "{}", stdout(&out));
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    let rules: Vec<&str> = report["files"]
        .as_array()
        .expect("files")
        .iter()
        .flat_map(|f| f["findings"].as_array().expect("findings"))
        .filter_map(|f| f["rule"].as_str())
        .collect();
    assert_eq!(rules, ["dead-letter-collision", "dead-letter-collision"]);
    // The classic name is free: no collision once the queue is named <topic>.DLT.
    std::fs::write(
        folder.path().join("queue.toml"),
        queue.replace("dlq.billing.invoices.v1", "billing.invoices.v1.DLT"),
    )
    .expect("written");
    assert_eq!(code(&check(&[folder_path])), 0);
}

#[test]
fn warnings_pass_unless_denied() {
    let line = "tests/fixtures/check/warnings/metrics.toml:5:1: ops.metrics.v1, 3 partitions: warning[at-most-once]: a producer or consumer failure can lose messages; offsets are committed before processing finishes\n";
    let out = check(&[&repo("warnings")]);
    assert_eq!(stdout(&out), format!("PASS {line}1 passed, 0 failed\n"));
    assert_eq!(code(&out), 0);
    let denied = check(&[&repo("warnings"), "--deny-warnings"]);
    assert_eq!(stdout(&denied), format!("FAIL {line}0 passed, 1 failed\n"));
    assert_eq!(code(&denied), 1);
}

#[test]
fn a_broken_policy_exits_2_naming_every_problem() {
    let out = check(&[&repo("bad-policy")]);
    assert_eq!(stdout(&out), "");
    assert_eq!(
        stderr(&out),
        "error: tests/fixtures/check/bad-policy/kplan-policy.toml:1: max_partiton: unknown key `max_partiton`; did you mean `max_partitions`?\n\
         error: tests/fixtures/check/bad-policy/kplan-policy.toml:2: topic_name_pattern: is not a valid regular expression: found open group without closing ')'\n"
    );
    assert_eq!(code(&out), 2);
}

#[test]
fn a_missing_path_exits_2() {
    let out = check(&[&repo("clean"), "tests/fixtures/check/no-such-folder"]);
    assert_eq!(stdout(&out), "");
    assert_eq!(
        stderr(&out),
        "error: tests/fixtures/check/no-such-folder: no such file or folder\n"
    );
    assert_eq!(code(&out), 2);
}

#[test]
fn no_path_at_all_is_a_usage_error() {
    let out = check(&[]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("<PATH>..."), "{}", stderr(&out));
}

#[test]
fn a_policy_file_named_on_the_command_line_is_validated_not_checked() {
    let clean = check(&[
        "tests/fixtures/check/clean/kplan-policy.toml",
        "tests/fixtures/check/clean/orders/settlement.toml",
    ]);
    assert_eq!(
        stdout(&clean),
        format!(
            "PASS tests/fixtures/check/clean/orders/settlement.toml: orders.settlement.v1, {} partitions\n\
             1 passed, 0 failed\n",
            settlement_partitions()
        )
    );
    assert_eq!(code(&clean), 0);
    let broken = check(&["tests/fixtures/check/bad-policy/kplan-policy.toml"]);
    assert_eq!(code(&broken), 2);
}

#[test]
fn a_file_named_twice_is_checked_once() {
    let file = "tests/fixtures/check/clean/orders/settlement.toml";
    let out = check(&[file, &repo("clean"), file]);
    assert!(
        stdout(&out).ends_with("2 passed, 0 failed\n"),
        "{}",
        stdout(&out)
    );
    assert_eq!(code(&out), 0);
}

#[test]
fn every_format_matches_its_golden_output() {
    let formats = [
        ("human", "txt"),
        ("json", "json"),
        ("github", "github"),
        ("markdown", "md"),
    ];
    for (format, ext) in formats {
        let mut args: Vec<String> = REPOSITORIES.iter().map(|r| repo(r)).collect();
        args.extend(["--format".to_string(), format.to_string()]);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = check(&args);
        assert_eq!(code(&out), 1, "{format}");
        assert_eq!(stderr(&out), "", "{format}");
        assert_golden(&format!("check.{ext}"), &stdout(&out));
    }
}

#[test]
fn human_is_the_default_format_and_has_no_colour_off_a_terminal() {
    let default = check(&[&repo("over-cap")]);
    let human = check(&[&repo("over-cap"), "--format", "human"]);
    assert_eq!(default.stdout, human.stdout);
    assert!(!stdout(&default).contains('\x1b'));
}

#[test]
fn json_carries_each_file_result_findings_and_plan_summary() {
    let out = check(&[&repo("over-cap"), &repo("clean"), "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("valid JSON");
    assert_eq!(json["schema_version"], 1);
    assert_eq!(
        (json["passed"].clone(), json["failed"].clone()),
        (2.into(), 1.into())
    );
    let settlement = &json["files"][0];
    assert_eq!(settlement["result"], "pass");
    assert_eq!(
        settlement["policy"],
        "tests/fixtures/check/clean/kplan-policy.toml"
    );
    // The policy's cap of 40 replaces the profile's 30: 36 partitions for throughput, one
    // more for the slowest of them to drain in time, fit.
    assert_eq!(settlement["plan"]["partitions"]["cap"], 40);
    assert_eq!(
        settlement["plan"]["partitions"]["recommended"],
        settlement_partitions()
    );
    let over = &json["files"][2];
    assert_eq!(
        over["file"],
        "tests/fixtures/check/over-cap/clickstream.toml"
    );
    assert_eq!(over["result"], "fail");
    assert_eq!(over["plan"]["status"], "over-cap");
    let finding = &over["findings"][0];
    assert_eq!(finding["rule"], "over-cap");
    assert_eq!(finding["severity"], "error");
    assert_eq!(finding["line"], 7);
    assert_eq!(finding["column"], 1);
    assert_eq!(finding["key"], "publish.max_messages");
}

#[test]
fn github_annotations_point_at_file_line_and_column() {
    let out = stdout(&check(&[&repo("policy-violation"), "--format", "github"]));
    assert!(out.contains(
        "::error file=tests/fixtures/check/policy-violation/orders.toml,line=4,col=1,title=kplan dead-letter-required::at-least-once needs a [dead_letter] section"
    ));
    assert!(out.ends_with("0 passed, 1 failed\n"));
}

/// A fresh scratch repository under cargo's temporary folder for tests, unique to this
/// call so concurrent runs never share one. It is left for inspection after a failure.
fn scratch(name: &str) -> PathBuf {
    tempfile::Builder::new()
        .prefix(&format!("{name}-"))
        .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
        .expect("scratch folder")
        .keep()
}

fn write(path: &Path, text: &str) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("folder");
    }
    std::fs::write(path, text).expect("fixture file");
}

fn metrics_request() -> String {
    std::fs::read_to_string(common::root().join(repo("warnings")).join("metrics.toml"))
        .expect("fixture")
}

#[test]
fn a_policy_can_turn_a_rule_off_or_make_it_an_error() {
    let dir = scratch("severity");
    write(&dir.join("quiet/metrics.toml"), &metrics_request());
    write(
        &dir.join("quiet/kplan-policy.toml"),
        "[severity]\nat-most-once = \"off\"\n",
    );
    write(
        &dir.join("strict/metrics.toml"),
        &metrics_request().replace("ops.metrics.v1", "ops.metrics.v2"),
    );
    write(
        &dir.join("strict/kplan-policy.toml"),
        "[severity]\nat-most-once = \"error\"\n",
    );
    let out = check(&[dir.to_str().expect("UTF-8 path"), "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("valid JSON");
    assert_eq!(json["files"][0]["result"], "pass");
    assert_eq!(json["files"][0]["findings"], serde_json::json!([]));
    assert_eq!(json["files"][1]["result"], "fail");
    assert_eq!(json["files"][1]["findings"][0]["severity"], "error");
    assert_eq!(code(&out), 1);
}

#[test]
fn the_nearest_policy_applies_and_a_nested_one_replaces_its_parent() {
    let dir = scratch("nearest");
    let request = metrics_request();
    write(
        &dir.join("kplan-policy.toml"),
        "allowed_delivery = [\"at-least-once\"]\n",
    );
    write(&dir.join("team-a/metrics.toml"), &request);
    write(
        &dir.join("team-b/kplan-policy.toml"),
        "max_partitions = 2\n",
    );
    write(
        &dir.join("team-b/deep/metrics.toml"),
        &request.replace("ops.metrics.v1", "ops.metrics.v2"),
    );
    let out = check(&[dir.to_str().expect("UTF-8 path"), "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("valid JSON");
    assert_eq!(json["files"][0]["findings"][0]["rule"], "delivery");
    let deep = &json["files"][1];
    assert_eq!(deep["findings"][0]["rule"], "over-cap");
    assert_eq!(deep["plan"]["partitions"]["cap"], 2);
}

#[test]
fn many_files_come_out_sorted_and_identical_run_after_run() {
    let dir = scratch("many");
    let request = metrics_request();
    // Written in reverse, so the folder's own order is unlikely to be the sorted one.
    for i in (0..300).rev() {
        let name = format!("ops.metrics-{i:03}.v1");
        write(
            &dir.join(format!("f{}/m{i:03}.toml", i % 7)),
            &request.replace("ops.metrics.v1", &name),
        );
    }
    let path = dir.to_str().expect("UTF-8 path");
    let first = check(&[path]);
    let second = check(&[path]);
    assert_eq!(first.stdout, second.stdout);
    let text = stdout(&first);
    let files: Vec<&str> = text
        .lines()
        .filter_map(|l| l.strip_prefix("PASS "))
        .map(|l| l.split(':').next().unwrap_or(""))
        .collect();
    let mut sorted = files.clone();
    sorted.sort_unstable();
    assert_eq!(files.len(), 300);
    assert_eq!(files, sorted);
    assert!(text.ends_with("300 passed, 0 failed\n"));
}

#[test]
fn the_readme_policy_example_is_a_valid_policy() {
    let readme = std::fs::read_to_string(common::root().join("README.md")).expect("README");
    let section = readme
        .split("### The policy file")
        .nth(1)
        .expect("a policy section");
    let example = section
        .split("```toml\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("a TOML example");
    let dir = scratch("readme-policy");
    write(&dir.join("kplan-policy.toml"), example);
    // Where the example's `include` looks for requests.
    write(&dir.join("topics/metrics.toml"), &metrics_request());
    let out = check(&[dir.to_str().expect("UTF-8 path")]);
    assert_eq!(stderr(&out), "");
    // The example is strict: the at-most-once fixture breaks several of its rules.
    assert_eq!(code(&out), 1);
    assert!(stdout(&out).contains("error[delivery]"), "{}", stdout(&out));
}

#[test]
fn a_folder_without_requests_passes_with_a_warning() {
    let dir = scratch("empty");
    write(&dir.join("notes.md"), "no requests here\n");
    let out = check(&[dir.to_str().expect("UTF-8 path")]);
    assert_eq!(stdout(&out), "0 passed, 0 failed\n");
    assert_eq!(
        stderr(&out),
        "warning: no request files (*.toml with a [topic] table) under the paths given\n"
    );
    assert_eq!(code(&out), 0);
}

#[test]
fn an_unreadable_policy_exits_2() {
    let dir = scratch("unreadable-policy");
    write(&dir.join("metrics.toml"), &metrics_request());
    std::fs::write(dir.join("kplan-policy.toml"), b"max_partitions = 3\n\xff\n").expect("policy");
    let out = check(&[dir.to_str().expect("UTF-8 path")]);
    assert_eq!(stdout(&out), "");
    assert!(
        stderr(&out).ends_with("kplan-policy.toml:2: is not valid UTF-8 text\n"),
        "{}",
        stderr(&out)
    );
    assert_eq!(code(&out), 2);
}

/// The request fuzz corpus, read as policies and as located requests held to a strict
/// policy: hostile input gives problems, never a panic.
#[test]
fn the_request_fuzz_corpus_never_panics_the_check_readers() {
    use kplan::check::policy::parse_policy;
    use kplan::check::rules::request_hits;
    use kplan::request::parse_request_located;

    let strict = parse_policy(
        "max_partitions = 2\ntopic_name_pattern = 'a+'\nallowed_types = [\"batch\"]\n\
         allowed_delivery = [\"exactly-once\"]\nrequire_dead_letter = true\n\
         target_minutes = { min = 2, max = 3 }\nrequire_latency_samples = true\n\
         max_concurrency = 1\nmax_message_bytes = 10\nrequire_key_sample = true\n\
         require_delay_objective = true\n",
        Path::new("strict.toml"),
    )
    .expect("a valid policy");
    let corpus = common::root().join("tests/fuzz/corpus/request");
    let mut read = 0;
    for entry in std::fs::read_dir(&corpus).expect("the request corpus") {
        let path = entry.expect("corpus entry").path();
        let data = std::fs::read(&path).expect("corpus file");
        let Ok(text) = std::str::from_utf8(&data) else {
            continue;
        };
        let outcome = std::panic::catch_unwind(|| {
            let _ = parse_policy(text, Path::new("fuzz/kplan-policy.toml"));
            if let Ok((request, positions)) = parse_request_located(text, Path::new("fuzz.toml")) {
                for hit in request_hits(&request, &strict) {
                    let _ = positions.get(hit.key);
                }
            }
        });
        assert!(outcome.is_ok(), "panics on {}", path.display());
        read += 1;
    }
    assert!(read > 0);
}

#[cfg(unix)]
#[test]
fn a_dangling_or_looping_request_link_fails_instead_of_being_skipped() {
    use std::os::unix::fs::symlink;
    let dir = scratch("broken-links");
    write(&dir.join("metrics.toml"), &metrics_request());
    symlink("moved-away.toml", dir.join("dangling.toml")).expect("link");
    symlink("loop-b.toml", dir.join("loop-a.toml")).expect("link");
    symlink("loop-a.toml", dir.join("loop-b.toml")).expect("link");
    // A link to a folder is still not followed.
    symlink(".", dir.join("self.toml")).expect("link");
    let out = check(&[dir.to_str().expect("UTF-8 path")]);
    let text = stdout(&out);
    let shown = dir.display();
    assert!(
        text.contains(&format!(
            "FAIL {shown}/dangling.toml: not planned: error[invalid-request]: cannot read: no such file\n"
        )),
        "{text}"
    );
    for link in ["loop-a", "loop-b"] {
        assert!(
            text.contains(&format!(
                "FAIL {shown}/{link}.toml: not planned: error[invalid-request]: cannot read: "
            )),
            "{text}"
        );
    }
    assert!(!text.contains("self.toml"), "{text}");
    assert!(text.ends_with("1 passed, 3 failed\n"), "{text}");
    assert_eq!(code(&out), 1);
}

/// A repository's other TOML files are not requests, and what `.gitignore` and `.ignore`
/// leave out is not searched (as with git, ripgrep and fd); a broken request that still
/// declares its `[topic]` table is checked and fails.
#[test]
fn only_request_files_are_checked_and_ignore_files_are_honoured() {
    let dir = scratch("repository");
    std::fs::create_dir_all(dir.join(".git")).expect("a git folder");
    write(
        &dir.join("Cargo.toml"),
        "[package]\nname = \"svc\"\nversion = \"0.1.0\"\n\n[dependencies]\nrdkafka = \"0.39\"\n",
    );
    write(
        &dir.join("pyproject.toml"),
        "[project]\nname = \"svc\"\n\n[tool.kafka]\ntopic = \"orders.v1\"\n",
    );
    write(
        &dir.join(".taplo.toml"),
        "[formatting]\nalign_entries = true\n",
    );
    write(
        &dir.join("taplo.toml"),
        "include = [\"topics/**/*.toml\"]\n",
    );
    write(&dir.join("topics/metrics.toml"), &metrics_request());
    let broken = "[topic]\nname = \"broken.v1\"\n[publish\n";
    write(&dir.join("topics/broken.toml"), broken);
    write(&dir.join(".gitignore"), "drafts/\n");
    write(&dir.join("drafts/wip.toml"), broken);
    write(&dir.join("topics/.ignore"), "scratch.toml\n");
    write(&dir.join("topics/scratch.toml"), broken);
    let out = check(&[dir.to_str().expect("UTF-8 path")]);
    let text = stdout(&out);
    let checked: Vec<&str> = text
        .lines()
        .filter_map(|l| l.strip_prefix("PASS ").or_else(|| l.strip_prefix("FAIL ")))
        .filter_map(|l| l.split([':', ' ']).next())
        .collect();
    let shown = dir.display();
    assert_eq!(
        checked,
        [
            format!("{shown}/topics/broken.toml"),
            format!("{shown}/topics/metrics.toml"),
        ],
        "{text}"
    );
    assert!(text.ends_with("1 passed, 1 failed\n"), "{text}");
    assert_eq!(code(&out), 1);
}

/// A policy's `include` names the request files (a broken one included, even without its
/// `[topic]` table), and `exclude` leaves files out, as `.gitignore` globs relative to
/// the policy's folder.
#[test]
fn a_policys_include_and_exclude_globs_choose_the_request_files() {
    let dir = scratch("globs");
    std::fs::create_dir_all(dir.join(".git")).expect("a git folder");
    write(
        &dir.join("kplan-policy.toml"),
        "include = [\"topics/**/*.toml\"]\nexclude = [\"topics/archive/**\"]\n",
    );
    write(&dir.join("topics/team/metrics.toml"), &metrics_request());
    write(&dir.join("topics/lost-its-table.toml"), "name = \"x.v1\"\n");
    write(&dir.join("topics/archive/old.toml"), &metrics_request());
    write(&dir.join("elsewhere/other.toml"), &metrics_request());
    let out = check(&[dir.to_str().expect("UTF-8 path")]);
    let text = stdout(&out);
    let shown = dir.display();
    let checked: Vec<&str> = text
        .lines()
        .filter_map(|l| l.strip_prefix("PASS ").or_else(|| l.strip_prefix("FAIL ")))
        .filter_map(|l| l.split([':', ' ']).next())
        .collect();
    assert_eq!(
        checked,
        [
            format!("{shown}/topics/lost-its-table.toml"),
            format!("{shown}/topics/team/metrics.toml"),
        ],
        "{text}"
    );
    assert_eq!(code(&out), 1);
}

#[test]
fn a_policy_glob_that_does_not_parse_exits_2_naming_its_line() {
    let dir = scratch("bad-glob");
    write(
        &dir.join("kplan-policy.toml"),
        "max_partitions = 20\ninclude = [\"topics/*.toml\", \"topics/[a.toml\"]\n",
    );
    write(&dir.join("topics/metrics.toml"), &metrics_request());
    let out = check(&[dir.to_str().expect("UTF-8 path")]);
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert!(
        err.contains("kplan-policy.toml:2: include: \"topics/[a.toml\" is not a valid glob"),
        "{err}"
    );
}

/// `--color`: always and never as asked; auto colours only a terminal, so a pipe gets
/// none unless CLICOLOR_FORCE asks for it.
#[test]
fn colour_follows_the_color_flag_and_the_environment() {
    let run = |args: &[&str], force: bool| {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_kplan"));
        command
            .args(["check", "examples"])
            .args(args)
            .current_dir(common::root())
            .env_remove("NO_COLOR")
            .env_remove("CLICOLOR_FORCE");
        if force {
            command.env("CLICOLOR_FORCE", "1");
        }
        let out = command.output().expect("kplan runs");
        String::from_utf8(out.stdout).expect("UTF-8")
    };
    let escape = '\u{1b}';
    assert!(run(&["--color", "always"], false).contains(escape));
    assert!(!run(&["--color", "never"], true).contains(escape));
    assert!(!run(&["--color", "auto"], false).contains(escape));
    assert!(run(&[], true).contains(escape));
    let out = kplan(&["check", "examples", "--color", "sometimes"]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("--color"), "{}", stderr(&out));
}
