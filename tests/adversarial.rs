//! Hostile inputs: each gives a clear error or a correct plan, quickly and within
//! bounded memory; never a panic, a hang, or an inf/NaN in the output.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use common::{code, stderr, stdout};

/// Far beyond any input's honest running time, even on a slow, busy machine.
const HANG: Duration = Duration::from_secs(300);

const REQUEST: &str = r#"[topic]
name = "t.v1"
type = "online"
delivery = "at-least-once"

[publish]
max_messages = 600000
message_bytes = 1024

[subscribe]
target_minutes = 10
latency_ms = { mean = 20.0, p99 = 60.0 }
"#;

/// Writes a request (REQUEST with one replacement) into a fresh folder.
fn request_in(dir: &Path, from: &str, to: &str) -> String {
    let path = dir.join("request.toml");
    std::fs::write(&path, REQUEST.replace(from, to)).expect("temp file");
    path.display().to_string()
}

/// Runs kplan, which must finish: an input that makes it hang fails the test instead of
/// stalling the suite. How fast it finishes is the benchmarks' business.
fn plan(args: &[&str]) -> std::process::Output {
    common::kplan_within(args, HANG)
        .unwrap_or_else(|| panic!("{args:?} still ran after {HANG:?}: it hangs"))
}

#[test]
fn a_target_of_1e308_minutes_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = request_in(dir.path(), "target_minutes = 10", "target_minutes = 1e308");
    let out = plan(&["plan", &file]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).ends_with(
        ":11: subscribe.target_minutes: must be between one second (0.0167) and a year (525600), found 1e308\n"
    ), "{}", stderr(&out));
}

#[test]
fn a_subnormal_latency_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = request_in(dir.path(), "mean = 20.0", "mean = 5e-324");
    let out = plan(&["plan", &file]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).ends_with(
            ":12: subscribe.latency_ms.mean: must be between 0.000001 and 3600000, found 5e-324\n"
        ),
        "{}",
        stderr(&out)
    );
}

#[test]
fn subnormal_samples_are_refused_with_a_hint_about_units() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("s.txt"), "5e-324\n1e-320\n").expect("samples");
    let file = request_in(
        dir.path(),
        "latency_ms = { mean = 20.0, p99 = 60.0 }",
        "latency_file = \"s.txt\"",
    );
    let out = plan(&["plan", &file]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("below one nanosecond"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_request_whose_need_is_beyond_any_cluster_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = request_in(
        dir.path(),
        "max_messages = 600000",
        "max_messages = 1_000_000_000_000_000",
    );
    let file = {
        let text = std::fs::read_to_string(&file).expect("request");
        let text = text.replace("mean = 20.0, p99 = 60.0", "mean = 3600000");
        std::fs::write(&file, text).expect("request");
        file
    };
    let out = plan(&["plan", &file]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("partitions for its consumers: check max_messages"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_largest_valid_inputs_plan_without_inf_or_nan() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = REQUEST
        .replace("max_messages = 600000", "max_messages = 1_000_000_000_000")
        .replace(
            "message_bytes = 1024",
            "message_bytes = 1073741824\nmax_message_bytes = 1073741824",
        )
        .replace(
            "target_minutes = 10",
            "target_minutes = 525600\nmax_delay_ms = 86400000",
        )
        .replace("mean = 20.0, p99 = 60.0", "mean = 0.000001");
    let file = dir.path().join("r.toml");
    std::fs::write(&file, text).expect("request");
    for format in ["json", "table", "markdown", "jira"] {
        let out = plan(&[
            "plan",
            file.to_str().expect("utf-8 path"),
            "--format",
            format,
        ]);
        assert!(matches!(code(&out), 0 | 1), "{format}: {}", stderr(&out));
        let text = stdout(&out);
        let words: Vec<&str> = text.split(|c: char| !c.is_alphanumeric()).collect();
        assert!(
            !words.contains(&"inf") && !words.contains(&"NaN"),
            "{format}: {text}"
        );
    }
}

#[test]
fn a_sample_file_that_is_a_folder_is_named() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join("samples")).expect("folder");
    let file = request_in(
        dir.path(),
        "latency_ms = { mean = 20.0, p99 = 60.0 }",
        "latency_file = \"samples\"",
    );
    let out = plan(&["plan", &file]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).ends_with("samples: is a folder, not a latency sample file\n"));
}

#[cfg(unix)]
#[test]
fn a_sample_file_that_is_a_fifo_is_refused_without_hanging() {
    let dir = tempfile::tempdir().expect("temp dir");
    let fifo = dir.path().join("samples.fifo");
    let made = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let file = request_in(
        dir.path(),
        "latency_ms = { mean = 20.0, p99 = 60.0 }",
        "latency_file = \"samples.fifo\"",
    );
    let out = plan(&["plan", &file]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("is not a regular file"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_2_gb_sample_file_without_line_breaks_is_refused_quickly() {
    let dir = tempfile::tempdir().expect("temp dir");
    let samples = dir.path().join("big.txt");
    // A sparse file: 2 GB long, no disk used, no newline anywhere.
    let f = std::fs::File::create(&samples).expect("file");
    f.set_len(2 << 30).expect("sparse length");
    let file = request_in(
        dir.path(),
        "latency_ms = { mean = 20.0, p99 = 60.0 }",
        "latency_file = \"big.txt\"",
    );
    let out = plan(&["plan", &file]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).ends_with("big.txt:1: line is longer than 1 MiB: not a sample file\n"),
        "{}",
        stderr(&out)
    );
}

/// GNU time reports the peak resident set.
#[cfg(target_os = "linux")]
#[test]
fn a_big_sample_file_of_blank_lines_is_read_in_bounded_memory() {
    let dir = tempfile::tempdir().expect("temp dir");
    let samples = dir.path().join("blank.txt");
    // 2 GB of newlines would take a while to write; 128 MiB shows the same streaming.
    let block = vec![b'\n'; 1 << 20];
    let mut f = std::fs::File::create(&samples).expect("file");
    for _ in 0..128 {
        std::io::Write::write_all(&mut f, &block).expect("write");
    }
    let file = request_in(
        dir.path(),
        "latency_ms = { mean = 20.0, p99 = 60.0 }",
        "latency_file = \"blank.txt\"",
    );
    let out = Command::new("/usr/bin/time")
        .args(["-f", "%M", env!("CARGO_BIN_EXE_kplan"), "plan", &file])
        .output()
        .expect("runs under GNU time");
    let err = stderr(&out);
    assert!(err.contains("blank.txt: holds no latency samples"), "{err}");
    let peak_kb: u64 = err
        .lines()
        .last()
        .and_then(|l| l.trim().parse().ok())
        .expect("peak RSS");
    assert!(peak_kb < 64_000, "peak RSS {peak_kb} KB for a 128 MiB file");
}

#[test]
fn a_request_pointing_its_samples_at_itself_is_explained() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = request_in(
        dir.path(),
        "latency_ms = { mean = 20.0, p99 = 60.0 }",
        "latency_file = \"request.toml\"",
    );
    let out = plan(&["plan", &file]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).ends_with("request.toml:1: not a number: \"[topic]\"\n"));
}

#[test]
fn deeply_nested_toml_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let nested = format!("x = {}{}", "[".repeat(100_000), "]".repeat(100_000));
    let file = request_in(dir.path(), "[publish]", &format!("{nested}\n[publish]"));
    let out = plan(&["plan", &file]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("invalid TOML: cannot recurse further"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_10_mb_string_value_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let name = format!("name = \"{}\"", "a".repeat(10 << 20));
    let file = request_in(dir.path(), "name = \"t.v1\"", &name);
    let out = plan(&["plan", &file]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).ends_with(
            ":2: topic.name: topic names are at most 249 characters, this one has 10485760\n"
        ),
        "{}",
        stderr(&out)
    );
}

#[test]
fn more_latency_samples_than_the_limit_are_refused_naming_it() {
    let out = Command::new(env!("CARGO_BIN_EXE_kplan"))
        .args(["plan", "examples/payments-authorized.toml"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("KPLAN_MAX_LATENCY_SAMPLES", "1_000")
        .output()
        .expect("kplan runs");
    assert_eq!(code(&out), 2);
    assert_eq!(
        stderr(&out),
        "error: examples/latency/payments-authorized.csv: holds more than 1,000 latency samples, the limit (8 bytes of memory each); raise it with KPLAN_MAX_LATENCY_SAMPLES, or give a random sample of the file\n"
    );
}

/// A request, policy or profile is a few kilobytes; a 17 MiB one is refused before it is
/// read into memory, naming the file and the limit, and a repository check reports it
/// as an invalid request (exit 1) rather than passing it over.
#[test]
fn a_request_over_16_mib_is_refused_before_it_is_parsed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let padding = "# padding\n".repeat(17 * 1024 * 1024 / 10);
    let file = dir.path().join("request.toml");
    std::fs::write(&file, format!("{REQUEST}{padding}")).expect("temp file");
    let file = file.display().to_string();
    let out = plan(&["plan", &file]);
    assert_eq!(code(&out), 2);
    assert_eq!(
        stderr(&out),
        format!("error: {file}: is larger than 16 MiB: not a file kplan reads\n")
    );
    let out = plan(&["check", &dir.path().display().to_string()]);
    assert_eq!(code(&out), 1, "{}", stdout(&out));
    let finding = "error[invalid-request]: is larger than 16 MiB";
    assert!(stdout(&out).contains(finding), "{}", stdout(&out));
}
