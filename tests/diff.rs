//! `kplan diff` and `kplan check --base` on real git history made here: a temporary
//! repository with commits. A decrease fails; keyed growth reports the share of keys that
//! move, computed again here with an independent murmur2; unchanged files are not
//! reported; added, removed and sample-only changes are.

mod common;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Output};

use common::{code, java_murmur2, root, stderr, stdout};
use serde_json::Value;

fn kplan_in(folder: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kplan"))
        .args(args)
        .current_dir(folder)
        .output()
        .expect("the kplan binary runs")
}

fn git(folder: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args(["-c", "user.name=kplan", "-c", "user.email=kplan@127.0.0.1"])
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .current_dir(folder)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A repository whose first commit holds the three examples (and their sample files)
/// under topics/, plus an unchanged fourth request.
fn repository() -> tempfile::TempDir {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let topics = folder.path().join("topics");
    for sub in ["latency", "keys"] {
        std::fs::create_dir_all(topics.join(sub)).expect("folders");
        for entry in std::fs::read_dir(root().join("examples").join(sub)).expect("examples") {
            let entry = entry.expect("an entry");
            std::fs::copy(entry.path(), topics.join(sub).join(entry.file_name())).expect("copied");
        }
    }
    for name in [
        "orders-settlement",
        "payments-authorized",
        "clickstream-events",
    ] {
        let from = root().join(format!("examples/{name}.toml"));
        std::fs::copy(from, topics.join(format!("{name}.toml"))).expect("copied");
    }
    // Within the cap, so that every file passes before a change.
    edit(
        &topics.join("clickstream-events.toml"),
        "max_messages = 90_000_000",
        "max_messages = 9_000_000",
    );
    let steady = read(&topics.join("orders-settlement.toml"))
        .replace("orders.settlement.v1", "orders.steady.v1");
    std::fs::write(topics.join("steady.toml"), steady).expect("written");
    git(folder.path(), &["init", "-q"]);
    git(folder.path(), &["add", "-A"]);
    git(folder.path(), &["commit", "-q", "-m", "topics"]);
    folder
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).expect("readable")
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = read(path);
    assert!(text.contains(from), "{}: {from}", path.display());
    std::fs::write(path, text.replace(from, to)).expect("written");
}

fn recommended(folder: &Path, file: &str) -> u32 {
    let out = kplan_in(folder, &["plan", file, "--format", "json"]);
    let plan: Value = serde_json::from_str(&stdout(&out)).expect("plan JSON");
    plan["partitions"]["recommended"].as_u64().expect("a count") as u32
}

/// The share of the sample's distinct keys whose partition differs between the counts,
/// with the transcribed Java partitioner.
fn moved_share(sample: &Path, old: u32, new: u32) -> f64 {
    let text = std::fs::read(sample).expect("the key sample");
    let keys: BTreeSet<&[u8]> = text
        .split(|b| *b == b'\n')
        .map(|line| line.strip_suffix(b"\r").unwrap_or(line))
        .filter(|line| !line.is_empty())
        .collect();
    let partition = |key: &[u8], n: u32| (java_murmur2(key) & 0x7fff_ffff) as u32 % n;
    let moved = keys
        .iter()
        .filter(|k| partition(k, old) != partition(k, new))
        .count();
    moved as f64 / keys.len() as f64
}

fn gcd(a: u64, b: u64) -> u64 {
    if b == 0 { a } else { gcd(b, a % b) }
}

fn check_json(folder: &Path) -> (i32, Value) {
    let out = kplan_in(
        folder,
        &["check", "topics", "--base", "main", "--format", "json"],
    );
    assert_eq!(stderr(&out), "");
    let report = serde_json::from_str(&stdout(&out)).expect("check JSON");
    (code(&out), report)
}

fn diff_files(report: &Value) -> Vec<Value> {
    report["base"]["diff"]["files"]
        .as_array()
        .expect("diff files")
        .clone()
}

fn file<'a>(files: &'a [Value], topic: &str) -> &'a Value {
    files
        .iter()
        .find(|f| f["topic"] == topic)
        .unwrap_or_else(|| panic!("no entry for {topic}: {files:#?}"))
}

#[test]
fn a_decrease_fails_keyed_growth_reports_the_moved_share_and_unchanged_files_are_left_out() {
    let repo = repository();
    let folder = repo.path();
    let payments_before = recommended(folder, "topics/payments-authorized.toml");
    let orders_before = recommended(folder, "topics/orders-settlement.toml");
    edit(
        &folder.join("topics/orders-settlement.toml"),
        "max_messages = 3_600_000",
        "max_messages = 1_000_000",
    );
    edit(
        &folder.join("topics/payments-authorized.toml"),
        "max_messages = 540_000",
        "max_messages = 900_000",
    );
    let payments_after = recommended(folder, "topics/payments-authorized.toml");
    let orders_after = recommended(folder, "topics/orders-settlement.toml");
    assert!(orders_after < orders_before && payments_after > payments_before);

    let (exit, report) = check_json(folder);
    assert_eq!(exit, 1, "a decrease fails the run");
    let files = diff_files(&report);
    let topics: BTreeSet<&str> = files
        .iter()
        .map(|f| f["topic"].as_str().expect("topic"))
        .collect();
    assert_eq!(
        topics,
        BTreeSet::from(["orders.settlement.v1", "payments.authorized.v2"])
    );

    let orders = file(&files, "orders.settlement.v1");
    assert_eq!(orders["status"], "changed");
    assert_eq!(orders["breaking"], true);
    assert_eq!(orders["partitions"]["old"], orders_before);
    assert_eq!(orders["partitions"]["new"], orders_after);
    assert_eq!(orders["old"], "main:topics/orders-settlement.toml");
    assert_eq!(orders["new"], "topics/orders-settlement.toml");
    assert_eq!(orders["keys_moved_share"], Value::Null);

    let payments = file(&files, "payments.authorized.v2");
    assert_eq!(payments["breaking"], false);
    let expected = moved_share(
        &folder.join("topics/keys/payments-accounts.txt"),
        payments_before,
        payments_after,
    );
    let share = payments["keys_moved_share"].as_f64().expect("a share");
    assert!((share - expected).abs() < 1e-12, "{share} vs {expected}");
    let partitions = payments["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .find(|c| c["field"] == "partitions")
        .expect("the partition change");
    assert_eq!(partitions["old"], payments_before.to_string());
    assert_eq!(partitions["new"], payments_after.to_string());
    let reason = partitions["reason"].as_str().expect("a reason");
    assert!(
        reason.contains("stop producers, let consumers drain the topic"),
        "{reason}"
    );

    // The findings: an error on the decrease at its changed line, a warning on the growth.
    let checked = report["files"].as_array().expect("files");
    let finding = |path: &str, rule: &str| -> Value {
        let entry = checked
            .iter()
            .find(|f| f["file"] == path)
            .expect("the file");
        let findings = entry["findings"].as_array().expect("findings");
        findings
            .iter()
            .find(|f| f["rule"] == rule)
            .cloned()
            .unwrap_or(Value::Null)
    };
    let decrease = finding("topics/orders-settlement.toml", "partition-decrease");
    assert_eq!(decrease["severity"], "error");
    assert_eq!(decrease["line"], 9, "the max_messages line");
    let growth = finding("topics/payments-authorized.toml", "keyed-partition-growth");
    assert_eq!(growth["severity"], "warning");
}

#[test]
fn keyed_growth_without_a_key_sample_moves_one_minus_old_over_lcm() {
    let repo = repository();
    let folder = repo.path();
    let before = recommended(folder, "topics/orders-settlement.toml");
    edit(
        &folder.join("topics/orders-settlement.toml"),
        "max_messages = 3_600_000",
        "max_messages = 4_000_000",
    );
    let after = recommended(folder, "topics/orders-settlement.toml");
    assert!(after > before);
    let (exit, report) = check_json(folder);
    assert_eq!(exit, 0, "growth warns, it does not fail");
    let files = diff_files(&report);
    assert_eq!(files.len(), 1);
    let (old, new) = (u64::from(before), u64::from(after));
    let lcm = old / gcd(old, new) * new;
    let expected = 1.0 - old as f64 / lcm as f64;
    let share = files[0]["keys_moved_share"].as_f64().expect("a share");
    assert!((share - expected).abs() < 1e-12, "{share} vs {expected}");
}

#[test]
fn added_removed_and_sample_only_changes_are_reported() {
    let repo = repository();
    let folder = repo.path();
    let (exit, _) = check_json(folder);
    assert_eq!(exit, 0, "every file passes before the change");
    let clickstream = recommended(folder, "topics/clickstream-events.toml");
    std::fs::remove_file(folder.join("topics/clickstream-events.toml")).expect("removed");
    let added =
        read(&folder.join("topics/steady.toml")).replace("orders.steady.v1", "orders.new.v1");
    std::fs::write(folder.join("topics/new.toml"), added).expect("written");
    // The batch's samples double: the request text is unchanged, its plan is not.
    let samples = folder.join("topics/latency/orders-settlement.txt");
    let doubled: String = read(&samples)
        .lines()
        .map(|line| match line.trim().parse::<f64>() {
            Ok(ms) => format!("{}\n", ms * 2.0),
            Err(_) => format!("{line}\n"),
        })
        .collect();
    std::fs::write(&samples, doubled).expect("written");
    let (_, report) = check_json(folder);
    let files = diff_files(&report);
    let removed = file(&files, "web.clickstream.events");
    assert_eq!(removed["status"], "removed");
    assert_eq!(removed["new"], Value::Null);
    assert_eq!(removed["old"], "main:topics/clickstream-events.toml");
    assert_eq!(removed["partitions"]["old"], clickstream);
    let new = file(&files, "orders.new.v1");
    assert_eq!(new["status"], "added");
    assert_eq!(new["old"], Value::Null);
    // steady.toml names the same sample file, so both batches change.
    for topic in ["orders.settlement.v1", "orders.steady.v1"] {
        let changed = file(&files, topic);
        assert_eq!(changed["status"], "changed");
        let (old, new) = (&changed["partitions"]["old"], &changed["partitions"]["new"]);
        assert!(new.as_u64() > old.as_u64(), "{topic}: {old} -> {new}");
    }
    assert_eq!(files.len(), 4, "{files:#?}");
}

#[test]
fn diff_compares_two_files_and_fails_on_a_decrease() {
    let repo = repository();
    let folder = repo.path();
    let old = folder.join("topics/orders-settlement.toml");
    let new = folder.join("topics/smaller.toml");
    std::fs::write(
        &new,
        read(&old).replace("max_messages = 3_600_000", "max_messages = 1_000_000"),
    )
    .expect("written");
    let (old, new) = (old.display().to_string(), new.display().to_string());
    let out = kplan_in(folder, &["diff", &old, &new]);
    assert_eq!(code(&out), 1);
    let text = stdout(&out);
    assert!(
        text.starts_with(&format!("BREAKING {new}: orders.settlement.v1 changed\n")),
        "{text}"
    );
    assert!(
        text.contains("  partitions: 25 -> 7: partitions never shrink"),
        "{text}"
    );
    assert!(
        text.ends_with("1 changed, 0 added, 0 removed, 1 breaking\n"),
        "{text}"
    );

    let out = kplan_in(folder, &["diff", &new, &old, "--format", "github"]);
    assert_eq!(code(&out), 0, "growth is not breaking");
    assert!(stdout(&out).starts_with(&format!(
        "::warning file={old},line=9,title=kplan keyed-partition-growth::"
    )));

    let out = kplan_in(folder, &["diff", &old, &old, "--format", "json"]);
    assert_eq!(code(&out), 0);
    let document: Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    assert_eq!(document["files"][0]["status"], "unchanged");
    assert_eq!(document["files"][0]["changes"], Value::Array(Vec::new()));

    let markdown = stdout(&kplan_in(
        folder,
        &["diff", &old, &new, "--format", "markdown"],
    ));
    assert!(markdown.contains("| `partitions` | 25 | 7 |"), "{markdown}");
}

#[test]
fn a_revision_that_does_not_exist_is_a_usage_error() {
    let repo = repository();
    let out = kplan_in(
        repo.path(),
        &["check", "topics", "--base", "no-such-branch"],
    );
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).starts_with("error: --base no-such-branch: not a commit"));
    let outside = tempfile::tempdir().expect("a folder");
    let request = outside.path().join("r.toml");
    std::fs::copy(root().join("examples/clickstream-events.toml"), &request).expect("copied");
    let out = kplan_in(outside.path(), &["check", "r.toml", "--base", "main"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("is not in a git repository"),
        "{}",
        stderr(&out)
    );
}

/// A Prometheus histogram of `count` observations: half up to `scale` x 10 ms, the rest
/// up to `scale` x 20 ms, with a mean of `scale` x 10 ms (the _sum over the _count).
fn histogram(scale: f64) -> String {
    let le = |ms: f64| format!("{}", ms * scale / 1000.0);
    format!(
        "# TYPE listener_seconds histogram\n\
         listener_seconds_bucket{{le=\"{}\"}} 0\n\
         listener_seconds_bucket{{le=\"{}\"}} 500\n\
         listener_seconds_bucket{{le=\"{}\"}} 1000\n\
         listener_seconds_bucket{{le=\"+Inf\"}} 1000\n\
         listener_seconds_sum {}\n\
         listener_seconds_count 1000\n",
        le(5.0),
        le(10.0),
        le(20.0),
        1000.0 * 10.0 * scale / 1000.0
    )
}

#[test]
fn a_latency_histogram_changed_since_the_revision_changes_the_plan() {
    let repo = repository();
    let folder = repo.path();
    // 600,000 messages in 10 minutes: 1,000 msg/s, online at the 0.7 ceiling.
    let request = "[topic]\nname = \"listener.events.v1\"\ntype = \"online\"\n\
        delivery = \"at-least-once\"\n\n[publish]\nmax_messages = 600_000\n\
        message_bytes = 1024\n\n[subscribe]\ntarget_minutes = 10\n\
        latency_histogram_file = \"metrics/listener.prom\"\n\
        latency_metric = \"listener_seconds\"\n";
    std::fs::create_dir_all(folder.join("topics/metrics")).expect("a folder");
    std::fs::write(folder.join("topics/listener.toml"), request).expect("written");
    std::fs::write(folder.join("topics/metrics/listener.prom"), histogram(1.0)).expect("written");
    git(folder, &["add", "-A"]);
    git(folder, &["commit", "-q", "-m", "listener"]);
    // The processing time doubles; the request text stays as it was.
    std::fs::write(folder.join("topics/metrics/listener.prom"), histogram(2.0)).expect("written");
    let consumers = |mean_ms: f64| (1000.0 * mean_ms / 1000.0 / 0.7_f64).ceil() as u64;
    assert_eq!((consumers(10.0), consumers(20.0)), (15, 29));

    let (exit, report) = check_json(folder);
    assert_eq!(exit, 0, "growth of an unkeyed topic passes");
    let files = diff_files(&report);
    let listener = file(&files, "listener.events.v1");
    assert_eq!(listener["status"], "changed");
    assert_eq!(listener["partitions"]["old"], consumers(10.0));
    assert_eq!(listener["partitions"]["new"], consumers(20.0));
    assert_eq!(files.len(), 1, "{files:#?}");
}

/// An unkeyed online request at `max_messages` in 10 minutes, exponential processing
/// with a 14 ms mean, in group `group`, with `retries` dead letter retries if any.
fn group_request(max_messages: u64, group: &str, retries: Option<u32>) -> String {
    let dead_letter = retries.map_or(String::new(), |r| {
        format!("\n[dead_letter]\nretries = {r}\n")
    });
    format!(
        "[topic]\nname = \"clicks.v1\"\ntype = \"online\"\ndelivery = \"at-least-once\"\n\n\
         [publish]\nmax_messages = {max_messages}\nmessage_bytes = 1024\n\n\
         [subscribe]\ntarget_minutes = 10\nlatency_ms = {{ mean = 14.0 }}\ngroup = \"{group}\"\n\
         {dead_letter}"
    )
}

/// `kplan diff OLD NEW --format json` on two request texts: the exit code and the one
/// file's entry.
fn diff_texts(old: &str, new: &str) -> (i32, Value) {
    let folder = tempfile::tempdir().expect("a folder");
    std::fs::write(folder.path().join("old.toml"), old).expect("written");
    std::fs::write(folder.path().join("new.toml"), new).expect("written");
    let out = kplan_in(
        folder.path(),
        &["diff", "old.toml", "new.toml", "--format", "json"],
    );
    assert_eq!(stderr(&out), "");
    let document: Value = serde_json::from_str(&stdout(&out)).expect("diff JSON");
    (code(&out), document["files"][0].clone())
}

fn change<'a>(file: &'a Value, field: &str) -> &'a Value {
    let changes = file["changes"].as_array().expect("changes");
    changes
        .iter()
        .find(|c| c["field"] == field)
        .unwrap_or_else(|| panic!("no change of {field}: {changes:#?}"))
}

fn has_change(file: &Value, field: &str) -> bool {
    let changes = file["changes"].as_array().expect("changes");
    changes.iter().any(|c| c["field"] == field)
}

/// Consumers for `tps` messages a second at a 14 ms mean, each at most 70% busy (the
/// online ceiling): tps x 14 / 700, in whole numbers.
fn consumers_for(tps: u64) -> u64 {
    (tps * 14).div_ceil(700)
}

#[test]
fn a_move_to_a_share_group_reports_the_protocol_and_the_group_configs() {
    // 30,000 messages in 10 minutes: 50 msg/s x 14 ms = 0.7 busy, 1 consumer at 70%:
    // one partition for the classic group and one for the share group.
    assert_eq!(consumers_for(30_000 / 600), 1);
    let classic = group_request(30_000, "classic", None);
    let share = group_request(30_000, "share", Some(4));
    let (exit, file) = diff_texts(&classic, &share);
    assert_eq!((exit, &file["status"]), (0, &"changed".into()));
    assert!(!has_change(&file, "partitions") && !has_change(&file, "consumers"));
    let protocol = change(&file, "group.protocol");
    assert_eq!(
        (&protocol["old"], &protocol["new"]),
        (&"classic".into(), &"share".into())
    );
    assert_eq!(protocol["reason_kind"], "group-protocol");
    let reason = protocol["reason"].as_str().expect("a reason");
    assert!(reason.contains("cannot share a group id"), "{reason}");
    let version = change(&file, "group.min_kafka_version");
    assert_eq!(
        version["old"],
        Value::Null,
        "a classic group has no group object"
    );
    assert!(version["new"].is_string());
    // 4 retries: a record is delivered at most 5 times.
    let limit = change(&file, "group_configs.share.delivery.count.limit");
    assert_eq!((&limit["old"], &limit["new"]), (&Value::Null, &"5".into()));
    assert!(
        limit["reason"]
            .as_str()
            .expect("a reason")
            .starts_with("4 retries")
    );
    let queue = change(&file, "group_configs.errors.deadletterqueue.topic.name");
    assert_eq!(queue["new"], "dlq.clicks.v1");
    assert_eq!(change(&file, "dead_letter.topic")["new"], "dlq.clicks.v1");

    // Back: the group configs go, the protocol's reason is the classic one.
    let (_, back) = diff_texts(&share, &classic);
    let protocol = change(&back, "group.protocol");
    assert_eq!(protocol["new"], "classic");
    assert_eq!(change(&back, "group.min_kafka_version")["new"], Value::Null);
    assert_eq!(
        change(&back, "group_configs.share.delivery.count.limit")["new"],
        Value::Null
    );

    // To KIP-848's protocol: the session moves to the brokers, whose bounds
    // (group.consumer.min/max.session.timeout.ms, 45 s and 60 s by default) lift the
    // online profile's 15 s to 45 s.
    let consumer = group_request(30_000, "consumer", None);
    let (exit, file) = diff_texts(&classic, &consumer);
    assert_eq!(exit, 0);
    assert_eq!(change(&file, "group.protocol")["new"], "consumer");
    let session = change(&file, "group_configs.consumer.session.timeout.ms");
    assert_eq!(
        (&session["old"], &session["new"]),
        (&Value::Null, &"45000".into())
    );
    assert_eq!(change(&file, "consumer.session.timeout.ms")["old"], "15000");

    // The same share group twice: nothing to report.
    let (exit, same) = diff_texts(&share, &share);
    assert_eq!((exit, &same["status"]), (0, &"unchanged".into()));
}

#[test]
fn a_share_group_grows_its_consumers_past_the_partitions_and_its_configs_with_the_retries() {
    // 2,000 msg/s: 40 consumers; 3,000 msg/s: 60. Exponential p99 = 14 ln 100 ms, so half
    // the 30 s record lock holds 232 records a poll, and 2,000 locks a partition serve
    // 8 consumers: ceil(40 / 8) = 5 and ceil(60 / 8) = 8 partitions.
    let (before, after) = (consumers_for(2_000), consumers_for(3_000));
    assert_eq!((before, after), (40, 60));
    let records = (30_000.0 / 2.0 / (14.0 * 100f64.ln())).floor() as u64;
    let per_partition = 2_000 / records;
    let partitions = (
        before.div_ceil(per_partition),
        after.div_ceil(per_partition),
    );
    assert_eq!(partitions, (5, 8));
    let old = group_request(1_200_000, "share", Some(2));
    let new = group_request(1_800_000, "share", Some(4));
    let (exit, file) = diff_texts(&old, &new);
    assert_eq!(exit, 0, "growth of an unkeyed topic is not breaking");
    assert_eq!(file["partitions"]["old"], partitions.0);
    assert_eq!(file["partitions"]["new"], partitions.1);
    let consumers = change(&file, "consumers");
    assert_eq!(consumers["old"], before.to_string());
    assert_eq!(consumers["new"], after.to_string());
    assert_eq!(consumers["reason_kind"], "group-consumers");
    let reason = consumers["reason"].as_str().expect("a reason");
    assert!(
        reason.starts_with(&format!(
            "{after} share-group consumers on {} partitions",
            partitions.1
        )),
        "{reason}"
    );
    // 2 retries -> 3 deliveries; 4 -> 5, with the new reason.
    let limit = change(&file, "group_configs.share.delivery.count.limit");
    assert_eq!((&limit["old"], &limit["new"]), (&"3".into(), &"5".into()));
    assert!(
        limit["reason"]
            .as_str()
            .expect("a reason")
            .starts_with("4 retries")
    );
    assert!(!has_change(&file, "group.protocol"));
    assert!(!has_change(
        &file,
        "group_configs.share.record.lock.duration.ms"
    ));
}

/// `kplan diff OLD NEW --format FORMAT --lang LANG` on two request texts.
fn diff_in(old: &str, new: &str, format: &str, lang: &str) -> (i32, String) {
    let folder = tempfile::tempdir().expect("a folder");
    std::fs::write(folder.path().join("old.toml"), old).expect("written");
    std::fs::write(folder.path().join("new.toml"), new).expect("written");
    let args = [
        "diff", "old.toml", "new.toml", "--format", format, "--lang", lang,
    ];
    let out = kplan_in(folder.path(), &args);
    assert_eq!(stderr(&out), "");
    (code(&out), stdout(&out))
}

fn hangul(text: &str) -> bool {
    text.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c))
}

/// Every `reason` of a diff document blanked: what may differ between languages.
fn without_reasons(mut document: Value) -> Value {
    for file in document["files"].as_array_mut().expect("files") {
        for change in file["changes"].as_array_mut().expect("changes") {
            change["reason"] = Value::Null;
        }
    }
    document
}

#[test]
fn a_diff_speaks_korean_without_changing_its_json_structure() {
    // Growth from a share group back to a classic one: partitions, consumers, the group
    // protocol and its configs all change.
    let old = group_request(1_200_000, "share", Some(3));
    let new = group_request(3_600_000, "classic", None);
    let (code_en, human_en) = diff_in(&old, &new, "human", "en");
    let (code_ko, human_ko) = diff_in(&old, &new, "human", "ko");
    assert_eq!(code_en, code_ko);
    assert!(!hangul(&human_en), "{human_en}");
    // The tally and every reason line are Korean; the field names stay as they are.
    let last = human_ko.lines().last().expect("a tally");
    assert!(hangul(last), "{human_ko}");
    for line in human_ko.lines().filter(|l| l.starts_with("  ")) {
        let field = line.trim_start().split(':').next().unwrap_or_default();
        assert!(human_en.contains(&format!("  {field}:")), "{line}");
    }
    assert!(
        human_ko
            .lines()
            .any(|l| l.contains("group.protocol") && hangul(l)),
        "{human_ko}"
    );
    let json = |lang| {
        let (_, text) = diff_in(&old, &new, "json", lang);
        serde_json::from_str::<Value>(&text).expect("diff JSON")
    };
    let (en, ko) = (json("en"), json("ko"));
    assert_ne!(en, ko, "the reasons follow --lang");
    assert_eq!(without_reasons(en), without_reasons(ko));
}
