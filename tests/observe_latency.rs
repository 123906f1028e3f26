//! `kplan observe latency` against a real Prometheus whose TSDB holds a histogram with
//! known bucket counts; the expected statistics are computed here from those counts.

mod common;
mod prometheus;

use std::io::{Read, Write};
use std::net::TcpListener;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use common::{code, kplan, kplan_within, stderr, stdout};
use prometheus::{Prometheus, promtool_accepts};

/// Scrapes one minute apart, the counters starting at 0.
const SCRAPES: u64 = 61;
const BOUNDS: [&str; 5] = ["0.005", "0.01", "0.025", "0.05", "+Inf"];
/// Per scrape, cumulative by bound: (name, result, increments, sum increment in s).
/// orders/success: 2 in (0, 5] ms, 4 in (5, 10], 4 in (10, 25]: 105 ms at midpoints.
/// orders/failure: 1 in (10, 25], 1 in (25, 50], 1 above 50: 17.5 + 37.5 + 50 ms.
const SERIES: [(&str, &str, [u64; 5], f64); 3] = [
    ("orders", "success", [2, 6, 10, 10, 10], 0.105),
    ("orders", "failure", [0, 0, 1, 2, 3], 0.105),
    ("payments", "success", [0, 0, 0, 0, 50], 5.0),
];

/// The orders series summed: cumulative per scrape, and ms per scrape.
const ORDERS: [f64; 5] = [2.0, 6.0, 11.0, 12.0, 13.0];
const ORDERS_SUM_MS: f64 = 210.0;

fn backfill() -> String {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("a clock after 1970")
        .as_secs();
    // Well inside the 7-day window, and hours before the server's head block.
    let start = now - 6 * 3600;
    let mut out = String::from(
        "# HELP l_seconds Listener time.\n# TYPE l_seconds histogram\n# UNIT l_seconds seconds\n",
    );
    for i in 0..SCRAPES {
        let t = start + i * 60;
        for (name, result, increments, sum) in SERIES {
            let labels = format!("name=\"{name}\",result=\"{result}\"");
            for (le, step) in BOUNDS.iter().zip(increments) {
                out += &format!(
                    "l_seconds_bucket{{{labels},le=\"{le}\"}} {} {t}\n",
                    step * i
                );
            }
            out += &format!("l_seconds_sum{{{labels}}} {} {t}\n", sum * i as f64);
            out += &format!("l_seconds_count{{{labels}}} {} {t}\n", increments[4] * i);
        }
    }
    out + "# EOF\n"
}

/// Prometheus's increase() over a window that holds the whole series: the rise from
/// the first to the last sample, extrapolated half a scrape interval past the last one
/// (not before the first: a counter starting at 0 cannot be extrapolated below it).
fn increase(per_scrape: f64) -> f64 {
    let intervals = (SCRAPES - 1) as f64;
    per_scrape * intervals * (1.0 + 0.5 / intervals)
}

/// histogram_quantile(q): linear within the bucket holding rank q x total; ranks in
/// the +Inf bucket give the last finite bound.
fn histogram_quantile(q: f64, bounds_ms: &[f64], cumulative: &[f64]) -> f64 {
    let total = *cumulative.last().expect("buckets");
    let rank = q * total;
    let at = cumulative.iter().position(|&c| c >= rank).expect("within");
    if at == bounds_ms.len() {
        return bounds_ms[at - 1];
    }
    let (low, below) = if at == 0 {
        (0.0, 0.0)
    } else {
        (bounds_ms[at - 1], cumulative[at - 1])
    };
    low + (bounds_ms[at] - low) * (rank - below) / (cumulative[at] - below)
}

fn observe(server: &str, extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "observe",
        "latency",
        "--prometheus",
        server,
        "--metric",
        "l_seconds",
        "--labels",
        "name=orders",
    ];
    args.extend_from_slice(extra);
    kplan(&args)
}

#[test]
fn observe_latency_reads_a_real_prometheus() {
    let server = Prometheus::start_with(&backfill());
    let out = observe(&server.url, &["--window", "7d", "--format", "json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(json["source"]["prometheus"], server.url.as_str());
    assert_eq!(json["source"]["metric"], "l_seconds");
    assert_eq!(json["source"]["labels"]["name"], "orders");
    assert_eq!(json["source"]["window"], "7d");

    let buckets = json["buckets"].as_array().expect("buckets");
    assert_eq!(buckets.len(), 5);
    for ((bucket, le), per_scrape) in buckets.iter().zip(BOUNDS).zip(ORDERS) {
        assert_eq!(bucket["le"], le);
        let got = bucket["count"].as_f64().expect("count");
        assert!((got - increase(per_scrape)).abs() < 1e-6, "le {le}: {got}");
    }
    let latency = &json["latency_ms"];
    let count = latency["count"].as_f64().expect("count");
    assert!((count - increase(13.0)).abs() < 1e-6, "{count}");
    // The extrapolation scales sum and count alike: the mean is 210 ms / 13.
    let mean = latency["mean"].as_f64().expect("mean");
    assert!((mean - ORDERS_SUM_MS / 13.0).abs() < 1e-9, "{mean}");
    // Each bucket's sum is its midpoints' (and the one beyond 50 ms is at 50 ms), so
    // the distribution is histogram_quantile's.
    let bounds_ms = [5.0, 10.0, 25.0, 50.0];
    for (name, q) in [("p50", 0.5), ("p90", 0.9), ("p95", 0.95), ("p99", 0.99)] {
        let expected = histogram_quantile(q, &bounds_ms, &ORDERS);
        let got = latency[name].as_f64().expect(name);
        assert!((got - expected).abs() < 1e-6, "{name}: {got} vs {expected}");
    }
    // 1 of 13 beyond the last bound.
    let warnings = json["warnings"].to_string();
    assert!(
        warnings.contains("7.69% of the observations are above the last bound (50 ms)"),
        "{warnings}"
    );

    let table = observe(&server.url, &[]);
    assert_eq!(code(&table), 0, "{}", stderr(&table));
    assert!(
        stdout(&table).contains("from a histogram of 5 buckets"),
        "{}",
        stdout(&table)
    );

    // In Korean: the same numbers and JSON apart from the warnings' words.
    let ko = observe(
        &server.url,
        &["--window", "7d", "--format", "json", "--lang", "ko"],
    );
    let ko: serde_json::Value = serde_json::from_slice(&ko.stdout).expect("JSON");
    let warning = ko["warnings"][0].as_str().unwrap_or_default();
    assert!(warning.contains("7.69%가 마지막 경계(50 ms)"), "{warning}");
    for field in ["source", "buckets", "latency_ms"] {
        assert_eq!(ko[field], json[field], "{field}");
    }
    let table = observe(&server.url, &["--lang", "ko"]);
    assert_eq!(code(&table), 0, "{}", stderr(&table));
    let table = stdout(&table);
    for words in ["버킷 5개짜리 히스토그램", "버킷 (누적)", "관측 수", "경고"] {
        assert!(table.contains(words), "{words}: {table}");
    }
}

#[test]
fn the_prom_format_is_a_file_promtool_accepts_and_a_request_reads() {
    let server = Prometheus::start_with(&backfill());
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = observe(&server.url, &["--format", "prom"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let file = dir.path().join("listener.prom");
    std::fs::write(&file, &out.stdout).expect("written");
    let (accepted, lint) = promtool_accepts(&file);
    assert!(accepted, "promtool check metrics: {lint}");

    let request = dir.path().join("request.toml");
    std::fs::write(
        &request,
        "[topic]\nname = \"orders.v1\"\ntype = \"online\"\ndelivery = \"at-least-once\"\n\
         [publish]\nmax_messages = 60_000\nmessage_bytes = 512\n\
         [subscribe]\ntarget_minutes = 10\nlatency_histogram_file = \"listener.prom\"\n\
         latency_metric = \"l_seconds\"\nlatency_labels = { name = \"orders\" }\n",
    )
    .expect("written");
    let plan = kplan(&["plan", request.to_str().expect("UTF-8"), "--format", "json"]);
    assert!(matches!(code(&plan), 0 | 1), "{}", stderr(&plan));
    let plan: serde_json::Value = serde_json::from_slice(&plan.stdout).expect("JSON");
    let mean = plan["latency_ms"]["mean"].as_f64().expect("mean");
    assert!((mean - ORDERS_SUM_MS / 13.0).abs() < 1e-9, "{mean}");
    let p99 = plan["latency_ms"]["p99"].as_f64().expect("p99");
    assert!((p99 - 50.0).abs() < 1e-6, "{p99}");
    assert_eq!(plan["inputs"]["latency_shape"]["buckets"], 5);
}

#[test]
fn credentials_are_never_echoed() {
    let server = Prometheus::start_with(&backfill());
    let dir = tempfile::tempdir().expect("a temporary folder");
    let token = dir.path().join("token");
    std::fs::write(&token, "t0ken-VERY-secret\n").expect("written");
    // Prometheus without auth ignores the header; the answer must not carry it.
    let in_url = server
        .url
        .replace("http://", "http://ops:pa55-VERY-secret@");
    for (url, extra) in [
        (in_url.as_str(), vec!["--format", "json"]),
        (
            server.url.as_str(),
            vec![
                "--bearer-token-file",
                token.to_str().expect("UTF-8"),
                "--format",
                "json",
            ],
        ),
        (in_url.as_str(), vec!["--format", "prom"]),
    ] {
        let out = observe(url, &extra);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        let all = stdout(&out) + &stderr(&out);
        assert!(
            !all.contains("VERY-secret") && !all.contains("ops:"),
            "{all}"
        );
    }
}

/// A server that answers every request with `status` after reading it.
fn fake_server(status: &'static str) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
    let url = format!("http://{}", listener.local_addr().expect("an address"));
    std::thread::spawn(move || {
        for stream in listener.incoming().take(4) {
            let Ok(mut stream) = stream else { continue };
            let mut buffer = [0u8; 4096];
            let _ = stream.read(&mut buffer);
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\nContent-Type: text/plain\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            );
        }
    });
    url
}

#[test]
fn refused_credentials_exit_2_without_the_secret() {
    let url = fake_server("401 Unauthorized").replace("http://", "http://ops:pa55-VERY-secret@");
    let out = observe(&url, &[]);
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert!(err.contains("refused the credentials"), "{err}");
    assert!(
        !err.contains("VERY-secret") && !err.contains("ops:"),
        "{err}"
    );
}

#[test]
fn an_unreachable_server_exits_3() {
    // A port nothing listens on: bound, then closed.
    let closed = {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
        listener.local_addr().expect("an address").port()
    };
    let out = observe(&format!("http://127.0.0.1:{closed}"), &[]);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    assert!(stderr(&out).contains("cannot query Prometheus at http://127.0.0.1:"));
}

#[test]
fn a_server_that_never_answers_exits_3_after_the_timeout() {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
    let url = format!("http://{}", listener.local_addr().expect("an address"));
    // Accepts (the kernel's backlog does) and never answers; kept open for the test.
    let out = kplan_within(
        &[
            "observe",
            "latency",
            "--prometheus",
            &url,
            "--metric",
            "l_seconds",
            "--timeout-ms",
            "300",
        ],
        Duration::from_secs(30),
    )
    .expect("kplan gives up by itself");
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("no answer within 300 ms"),
        "{}",
        stderr(&out)
    );
    drop(listener);
}

#[test]
fn a_metric_without_data_or_bad_flags_exit_2() {
    let server = Prometheus::start_with(&backfill());
    let out = kplan(&[
        "observe",
        "latency",
        "--prometheus",
        &server.url,
        "--metric",
        "missing_seconds",
    ]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("no missing_seconds_bucket series with data in the last 7d"),
        "{}",
        stderr(&out)
    );
    for (flag, value) in [
        ("--window", "a week"),
        ("--labels", "name"),
        ("--prometheus", "ftp://x"),
    ] {
        let prometheus = if flag == "--prometheus" {
            value
        } else {
            server.url.as_str()
        };
        let mut args = vec![
            "observe",
            "latency",
            "--prometheus",
            prometheus,
            "--metric",
            "l_seconds",
        ];
        if flag != "--prometheus" {
            args.extend([flag, value]);
        }
        let out = kplan(&args);
        assert_eq!(code(&out), 2, "{flag} {value}");
        assert!(stderr(&out).contains(flag), "{}", stderr(&out));
    }
}
