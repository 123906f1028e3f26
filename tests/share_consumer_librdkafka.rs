//! The librdkafka dialect of a share-group plan, fed to librdkafka's own share consumer:
//! confluent-kafka's `ShareConsumer` (librdkafka 2.16), which `.ci/test` installs in a
//! virtual environment and names in `KPLAN_SHARE_PYTHON`. The `rdkafka` crate bundles a
//! librdkafka without a share consumer, so Python creates it here.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::{Map, Value};

use common::{code, kplan, stderr, stdout};

fn python() -> String {
    std::env::var("KPLAN_SHARE_PYTHON").unwrap_or_else(|_| "python3".to_string())
}

/// `accepted`, or `refused: WHY`, from librdkafka's share consumer.
fn create_share_consumer(settings: &Map<String, Value>) -> String {
    let script = format!(
        "{}/tests/share_consumer/create.py",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut child = Command::new(python())
        .arg(script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python runs");
    let input = serde_json::to_vec(settings).expect("JSON");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(&input)
        .expect("settings written");
    let output = child.wait_with_output().expect("python ends");
    assert!(
        output.status.success(),
        "confluent-kafka 2.16 (librdkafka's share consumer) is needed: .ci/test installs it and sets KPLAN_SHARE_PYTHON\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).trim().to_string()
}

/// The consumer block of `--client librdkafka --format properties`.
fn consumer_properties(request: &str) -> Map<String, Value> {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("request.toml");
    std::fs::write(&path, request).expect("written");
    let path = path.to_str().expect("UTF-8");
    let out = kplan(&[
        "plan",
        path,
        "--client",
        "librdkafka",
        "--format",
        "properties",
    ]);
    assert!(code(&out) <= 1, "{}", stderr(&out));
    let text = stdout(&out);
    let block = text
        .split("# ---- consumer.properties ----")
        .nth(1)
        .expect("a consumer block")
        .split("# ----")
        .next()
        .unwrap_or_default();
    block
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let (key, value) = l.split_once('=').expect("key=value");
            (key.to_string(), Value::String(value.to_string()))
        })
        .collect()
}

fn request(group: &str, delivery: &str, extra: &str) -> String {
    format!(
        "[topic]\nname = \"jobs.v1\"\ntype = \"online\"\ndelivery = \"{delivery}\"\n\n\
         [publish]\nmax_messages = 1_200_000\nmessage_bytes = 1024\n\n\
         [subscribe]\ntarget_minutes = 10\nlatency_ms = {{ mean = 40.0, p99 = 400.0 }}\n\
         group = \"{group}\"\n{extra}"
    )
}

#[test]
fn every_share_group_plan_is_accepted_by_librdkafkas_share_consumer() {
    let cases = [
        ("at-least-once", "", "explicit"),
        ("at-most-once", "", "implicit"),
        (
            "at-least-once",
            "\n[dead_letter]\nretries = 3\n",
            "explicit",
        ),
    ];
    for (delivery, extra, mode) in cases {
        let settings = consumer_properties(&request("share", delivery, extra));
        assert_eq!(
            settings.get("share.acknowledgement.mode"),
            Some(&Value::String(mode.to_string())),
            "{delivery}: {settings:?}"
        );
        assert!(settings.contains_key("max.poll.records"), "{settings:?}");
        assert_eq!(
            create_share_consumer(&settings),
            "accepted",
            "{delivery}{extra}: {settings:?}"
        );
    }
}

#[test]
fn the_share_consumer_refuses_what_a_classic_consumer_is_given() {
    // A classic group's settings (commits, offset reset, assignment) are refused, so the
    // test above can fail, and the share dialect is not the classic one renamed.
    let classic = consumer_properties(&request("classic", "at-least-once", ""));
    let answer = create_share_consumer(&classic);
    assert!(
        answer.starts_with("refused: ") && answer.contains("not applicable for share consumer"),
        "{answer}"
    );
    let mut share = consumer_properties(&request("share", "at-least-once", ""));
    share.insert("enable.auto.commit".into(), Value::String("false".into()));
    let answer = create_share_consumer(&share);
    assert!(
        answer.contains("`enable.auto.commit` is not applicable"),
        "{answer}"
    );
}
