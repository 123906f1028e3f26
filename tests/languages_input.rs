//! Problems with a user's input files in Korean: every problem kplan words about a
//! request, a latency sample file, a key file, a latency histogram, a policy, a profile
//! or a client properties file is put into Korean with `--lang ko`, at the same file,
//! line and key as in English, and the English stays free of Korean.

mod common;

use common::{code, kplan, root, stderr};

/// A request whose `[subscribe]` or `[publish]` takes the given lines.
fn request(topic_extra: &str, publish_extra: &str, subscribe: &str) -> String {
    format!(
        "[topic]\nname = \"t.v1\"\ntype = \"batch\"\ndelivery = \"at-least-once\"\n{topic_extra}\n\
         [publish]\nmax_messages = 600000\nmessage_bytes = 1024\n{publish_extra}\n\
         [subscribe]\ntarget_minutes = 10\n{subscribe}\n"
    )
}

fn is_hangul(c: char) -> bool {
    ('\u{AC00}'..='\u{D7A3}').contains(&c)
}

/// `file[:line][: key]: ` of an error line: the longest prefix the English and the
/// Korean line share, up to its last `: `.
fn location<'a>(en: &'a str, ko: &str) -> &'a str {
    let shared = en
        .char_indices()
        .zip(ko.chars())
        .find(|((_, e), k)| e != k)
        .map_or(en.len(), |((i, _), _)| i);
    en[..shared].rfind(": ").map_or("", |cut| &en[..cut + 2])
}

/// Runs `args` in English and in Korean and checks every error line.
fn assert_korean_problems(args: &[&str]) {
    let run = |lang: &str| kplan(&[args, &["--lang", lang]].concat());
    let (en, ko) = (run("en"), run("ko"));
    assert_eq!(code(&en), 2, "{args:?}: {}", stderr(&en));
    assert_eq!(code(&ko), 2, "{args:?}: {}", stderr(&ko));
    let (en, ko) = (stderr(&en), stderr(&ko));
    assert!(!en.is_empty(), "{args:?}");
    assert!(
        !en.chars().any(is_hangul),
        "{args:?}: English has Korean: {en}"
    );
    assert_eq!(
        en.lines().count(),
        ko.lines().count(),
        "{args:?}:\n{en}\n{ko}"
    );
    for (e, k) in en.lines().zip(ko.lines()) {
        let e = e.strip_prefix("error: ").expect("an error line");
        let k = k.strip_prefix("오류: ").expect("a Korean error line");
        let place = location(e, k);
        // The file (and its line and key) are written as in English...
        let file = place.split(':').next().unwrap_or("");
        assert!(!file.is_empty() && !file.chars().any(is_hangul), "{e}");
        assert!(place.len() > file.len(), "{e} | {k}");
        // ...and the problem after them is Korean.
        assert!(
            k[place.len()..].chars().any(is_hangul),
            "{args:?}: not in Korean:\n  {e}\n  {k}"
        );
    }
}

#[test]
fn every_bad_request_fixture_is_reported_in_korean() {
    let bad = root().join("tests/fixtures/bad");
    let mut fixtures: Vec<String> = std::fs::read_dir(&bad)
        .expect("the bad fixtures")
        .filter_map(|entry| {
            entry
                .ok()
                .map(|e| e.file_name().to_string_lossy().into_owned())
        })
        .filter(|name| name.ends_with(".toml"))
        .collect();
    fixtures.sort();
    assert!(fixtures.len() > 20, "{fixtures:?}");
    for name in fixtures {
        assert_korean_problems(&["plan", &format!("tests/fixtures/bad/{name}")]);
    }
}

/// Writes `files` (name, bytes) and a request reading them into a folder of its own,
/// and checks the plan's problems.
fn check_files(request_text: &str, files: &[(&str, &[u8])]) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    for (name, bytes) in files {
        std::fs::write(dir.path().join(name), bytes).expect("written");
    }
    let path = dir.path().join("request.toml");
    std::fs::write(&path, request_text).expect("written");
    assert_korean_problems(&["plan", &path.to_string_lossy()]);
}

#[test]
fn latency_sample_problems_are_in_korean() {
    let long = format!("1\n{}\n", "9".repeat((1 << 20) + 10));
    let cases: [(&str, &[u8], &str); 12] = [
        ("s.csv", b"1,2\n3,4\n", ""),
        ("s.csv", b"a,b\n1,2\n", ""),
        ("s.csv", b"a,b\n1,2\n", "latency_column = \"c\""),
        ("s.csv", b"id,latency_ms\n1,2\n3\n", ""),
        ("s.csv", b"l\xff,latency_ms\n1,2\n", ""),
        ("s.txt", b"5\n", ""),
        ("s.txt", b"", ""),
        ("s.txt", b"1\n-2\n", ""),
        ("s.txt", b"1\n100000000\n", ""),
        ("s.txt", b"1\nabc\n", ""),
        ("s.txt", b"0\n0\n", ""),
        ("s.txt", b"4000000\n4000000\n", ""),
    ];
    for (name, bytes, extra) in cases {
        let subscribe = format!("latency_file = \"{name}\"\n{extra}");
        check_files(&request("", "", &subscribe), &[(name, bytes)]);
    }
    check_files(
        &request("", "", "latency_file = \"s.txt\""),
        &[("s.txt", long.as_bytes())],
    );
    // A folder, and a file that is not there.
    check_files(&request("", "", "latency_file = \".\""), &[]);
    check_files(&request("", "", "latency_file = \"none.txt\""), &[]);
}

#[test]
fn key_file_problems_are_in_korean() {
    let keyed = "partition_key = \"customer_id\"";
    let subscribe = "latency_ms = { mean = 5 }";
    let long = "k".repeat((1 << 20) + 10);
    for (name, bytes) in [
        ("k.txt", &b""[..]),
        ("k.txt", &b"a\nb\xff\n"[..]),
        ("k.txt", long.as_bytes()),
    ] {
        let publish = format!("key_sample_file = \"{name}\"");
        check_files(&request(keyed, &publish, subscribe), &[(name, bytes)]);
    }
    let folder = "key_sample_file = \".\"";
    check_files(&request(keyed, folder, subscribe), &[]);
}

#[test]
fn latency_histogram_problems_are_in_korean() {
    let cases: [&[u8]; 9] = [
        b"x_seconds_bucket{le=\"1\" 2\n",
        b"x_seconds 1 2 3\n",
        b"y_seconds 1\n",
        b"# TYPE x_seconds gauge\nx_seconds 1\n",
        b"# UNIT x_seconds milliseconds\nx_seconds_bucket{le=\"+Inf\"} 1\n",
        b"x_seconds_bucket{le=\"1\"} 5\nx_seconds_bucket{le=\"+Inf\"} 9\nx_seconds_bucket{le=\"2\"} 4\n",
        b"x_seconds_bucket{le=\"1\"} 5\nx_seconds_sum 1\n",
        b"x_seconds_bucket{le=\"+Inf\"} 5\nx_seconds_count 6\n",
        b"x_seconds_bucket{le=\"+Inf\"} 0\n",
    ];
    let subscribe = "latency_histogram_file = \"m.prom\"\nlatency_metric = \"x_seconds\"";
    for bytes in cases {
        check_files(&request("", "", subscribe), &[("m.prom", bytes)]);
    }
    let labelled = format!("{subscribe}\nlatency_labels = {{ name = \"c\" }}");
    let text = b"x_seconds_bucket{name=\"a\",le=\"+Inf\"} 5\n";
    check_files(&request("", "", &labelled), &[("m.prom", text)]);
}

#[test]
fn policy_problems_are_in_korean() {
    assert_korean_problems(&["check", "tests/fixtures/check/bad-policy"]);
    let dir = tempfile::tempdir().expect("a temporary folder");
    let example = root().join("examples/orders-settlement.toml");
    std::fs::copy(example, dir.path().join("orders.toml")).expect("copied");
    let policy = "include = [\"a/[\"]\n\
                  [target_minutes]\nmin = 10\nmax = 5\n\
                  [severity]\nover-cap = \"warning\"\n";
    std::fs::write(dir.path().join("kplan-policy.toml"), policy).expect("written");
    assert_korean_problems(&["check", &dir.path().to_string_lossy()]);
    std::fs::write(dir.path().join("kplan-policy.toml"), "[target_minutes]\n").expect("written");
    assert_korean_problems(&["check", &dir.path().to_string_lossy()]);
}

#[test]
fn profile_problems_are_in_korean() {
    let online = std::fs::read_to_string(root().join("profiles/online.toml")).expect("shipped");
    let bad = online
        .replace("headroom = 1.0", "headroom = 0.5")
        .replace(
            "compression_type = \"lz4\"",
            "compression_type = \"brotli\"",
        )
        .replace("max_poll_records = 500", "max_poll_records = 0");
    let dir = tempfile::tempdir().expect("a temporary folder");
    let profile = dir.path().join("profile.toml");
    std::fs::write(&profile, bad).expect("written");
    let profile = profile.to_string_lossy();
    let online_request = "examples/payments-authorized.toml";
    assert_korean_problems(&["plan", online_request, "--profile", &profile]);
    // An online profile for a batch request.
    let batch = dir.path().join("batch.toml");
    std::fs::write(&batch, online).expect("written");
    let request_file = dir.path().join("request.toml");
    let text = request("", "", "latency_ms = { mean = 5 }");
    std::fs::write(&request_file, text).expect("written");
    let request_file = request_file.to_string_lossy();
    assert_korean_problems(&["plan", &request_file, "--profile", &batch.to_string_lossy()]);
}

#[test]
fn a_request_beyond_any_cluster_is_reported_in_korean() {
    let text = request("", "", "latency_ms = { mean = 3600000 }")
        .replace(
            "max_messages = 600000",
            "max_messages = 1_000_000_000_000_000",
        )
        .replace("target_minutes = 10", "target_minutes = 0.02");
    check_files(&text, &[]);
}

#[test]
fn client_properties_problems_are_in_korean() {
    assert_korean_problems(&[
        "validate",
        "tests/fixtures/validate/keyed.toml",
        "--bootstrap-server",
        "127.0.0.1:9",
        "--command-config",
        "tests/fixtures/validate/bad-client.properties",
    ]);
}
