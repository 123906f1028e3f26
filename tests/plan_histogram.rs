//! `latency_histogram_file`: a plan from a Prometheus histogram scraped from a consumer,
//! its statistics checked against values computed here from the bucket counts.

mod common;

use std::path::{Path, PathBuf};

use common::{code, kplan, stderr, stdout};

/// Writes `metrics` and a request that reads `metric` from it (with `extra` keys in
/// `[subscribe]`) into a fresh folder; returns the folder and the request's path.
fn request_with(metrics: &str, extra: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(dir.path().join("listener.prom"), metrics).expect("metrics written");
    let request = format!(
        "[topic]\nname = \"orders.v1\"\ntype = \"batch\"\ndelivery = \"at-least-once\"\n\n\
         [publish]\nmax_messages = 3_600_000\nmessage_bytes = 1024\n\n\
         [subscribe]\ntarget_minutes = 60\nlatency_histogram_file = \"listener.prom\"\n{extra}\n"
    );
    let path = dir.path().join("request.toml");
    std::fs::write(&path, request).expect("request written");
    (dir, path)
}

fn plan_json(path: &Path) -> serde_json::Value {
    let out = kplan(&[
        "plan",
        path.to_str().expect("UTF-8 path"),
        "--format",
        "json",
    ]);
    // 1: over the cap, which some of these latencies are; the plan is printed all the same.
    assert!(matches!(code(&out), 0 | 1), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).expect("JSON")
}

/// `histogram_quantile(q)` as Prometheus computes it: the rank q x total, found in its
/// bucket, interpolated linearly between the bucket's bounds (the first from 0).
fn histogram_quantile(q: f64, bounds: &[f64], cumulative: &[f64]) -> f64 {
    let total = *cumulative.last().expect("buckets");
    let rank = q * total;
    let at = cumulative
        .iter()
        .position(|&c| c >= rank)
        .expect("rank within");
    let (low, below) = if at == 0 {
        (0.0, 0.0)
    } else {
        (bounds[at - 1], cumulative[at - 1])
    };
    low + (bounds[at] - low) * (rank - below) / (cumulative[at] - below)
}

/// Micrometer's layout (HELP, TYPE, the listener's labels), CRLF line ends, an
/// OpenMetrics-style exemplar and timestamps, and a second listener that must be left out.
const LISTENERS: &str = "# HELP spring_kafka_listener_seconds Kafka Listener Timer\r\n\
# TYPE spring_kafka_listener_seconds histogram\r\n\
spring_kafka_listener_seconds_bucket{name=\"orders\",result=\"success\",le=\"0.005\"} 100 1700000000000\r\n\
spring_kafka_listener_seconds_bucket{name=\"orders\",result=\"success\",le=\"0.01\"} 400\r\n\
spring_kafka_listener_seconds_bucket{name=\"orders\",result=\"success\",le=\"0.025\"} 900\r\n\
spring_kafka_listener_seconds_bucket{name=\"orders\",result=\"success\",le=\"0.05\"} 990\r\n\
spring_kafka_listener_seconds_bucket{name=\"orders\",result=\"success\",le=\"0.1\"} 1000\r\n\
spring_kafka_listener_seconds_bucket{name=\"orders\",result=\"success\",le=\"+Inf\"} 1000\r\n\
spring_kafka_listener_seconds_count{name=\"orders\",result=\"success\"} 1000\r\n\
spring_kafka_listener_seconds_sum{name=\"orders\",result=\"success\"} 15.375\r\n\
# a comment the format allows\r\n\
spring_kafka_listener_seconds_bucket{name=\"pay \\\"ments\\\"\",result=\"success\",le=\"0.005\"} 7\r\n\
spring_kafka_listener_seconds_bucket{name=\"pay \\\"ments\\\"\",result=\"success\",le=\"0.01\"} 7\r\n\
spring_kafka_listener_seconds_bucket{name=\"pay \\\"ments\\\"\",result=\"success\",le=\"0.025\"} 7\r\n\
spring_kafka_listener_seconds_bucket{name=\"pay \\\"ments\\\"\",result=\"success\",le=\"0.05\"} 7\r\n\
spring_kafka_listener_seconds_bucket{name=\"pay \\\"ments\\\"\",result=\"success\",le=\"0.1\"} 7\r\n\
spring_kafka_listener_seconds_bucket{name=\"pay \\\"ments\\\"\",result=\"success\",le=\"+Inf\"} 9 # {trace_id=\"a1\"} 3.2 1.7e9\r\n\
spring_kafka_listener_seconds_count{name=\"pay \\\"ments\\\"\",result=\"success\"} 9\r\n\
spring_kafka_listener_seconds_sum{name=\"pay \\\"ments\\\"\",result=\"success\"} NaN\r\n\
process_uptime_seconds 1234.5\r\n";

const BOUNDS_MS: [f64; 5] = [5.0, 10.0, 25.0, 50.0, 100.0];
const CUMULATIVE: [f64; 5] = [100.0, 400.0, 900.0, 990.0, 1000.0];

#[test]
fn a_histogram_gives_its_count_exact_mean_and_bucket_quantiles() {
    let (_dir, path) = request_with(
        LISTENERS,
        "latency_metric = \"spring_kafka_listener_seconds\"\nlatency_labels = { name = \"orders\" }",
    );
    let json = plan_json(&path);
    let latency = &json["latency_ms"];
    assert_eq!(latency["count"], 1000);
    // 15.375 s over 1000 observations; the buckets' midpoints give the same mean
    // (0.1 x 2.5 + 0.3 x 7.5 + 0.5 x 17.5 + 0.09 x 37.5 + 0.01 x 75 = 15.375 ms), so
    // every bucket is uniform over its whole width, as histogram_quantile takes it.
    let mean = latency["mean"].as_f64().expect("mean");
    assert!((mean - 15.375).abs() < 1e-9, "{mean}");
    for (name, q) in [("p50", 0.5), ("p90", 0.9), ("p95", 0.95), ("p99", 0.99)] {
        let expected = histogram_quantile(q, &BOUNDS_MS, &CUMULATIVE);
        let got = latency[name].as_f64().expect(name);
        assert!((got - expected).abs() < 1e-9, "{name}: {got} vs {expected}");
    }
    let per_partition = json["per_partition_tps"].as_f64().expect("tps");
    assert!((per_partition - 1000.0 / 15.375).abs() < 1e-9);
    // E[S^2] of uniform buckets: sum p (a^2 + ab + b^2) / 3.
    let mut second = 0.0;
    let (mut low, mut below) = (0.0, 0.0);
    for (&high, &c) in BOUNDS_MS.iter().zip(&CUMULATIVE) {
        second += (c - below) / 1000.0 * (low * low + low * high + high * high) / 3.0;
        (low, below) = (high, c);
    }
    let stddev = latency["stddev"].as_f64().expect("stddev");
    assert!((stddev - (second - mean * mean).sqrt()).abs() < 1e-9);
    let shape = &json["inputs"]["latency_shape"];
    assert_eq!(shape["shape"], "histogram");
    assert_eq!(shape["buckets"], 6);
    assert!(json["inputs"]["latency_histogram_file"].is_string());

    let table = kplan(&["plan", path.to_str().expect("UTF-8")]);
    assert!(
        stdout(&table).contains("from a histogram of 6 buckets"),
        "{}",
        stdout(&table)
    );
}

#[test]
fn several_matching_series_are_summed() {
    // Both listeners of "orders" (success and failure) count; their sums add.
    let text = "l_seconds_bucket{name=\"orders\",result=\"success\",le=\"0.01\"} 30\n\
                l_seconds_bucket{name=\"orders\",result=\"success\",le=\"+Inf\"} 30\n\
                l_seconds_sum{name=\"orders\",result=\"success\"} 0.15\n\
                l_seconds_bucket{name=\"orders\",result=\"failure\",le=\"0.01\"} 10\n\
                l_seconds_bucket{name=\"orders\",result=\"failure\",le=\"+Inf\"} 10\n\
                l_seconds_sum{name=\"orders\",result=\"failure\"} 0.09\n";
    let (_dir, path) = request_with(
        text,
        "latency_metric = \"l_seconds\"\nlatency_labels = { name = \"orders\" }",
    );
    let json = plan_json(&path);
    assert_eq!(json["latency_ms"]["count"], 40);
    // (0.15 + 0.09) s / 40 = 6 ms: within (0, 10], above its midpoint.
    let mean = json["latency_ms"]["mean"].as_f64().expect("mean");
    assert!((mean - 6.0).abs() < 1e-9, "{mean}");
    let p50 = json["latency_ms"]["p50"].as_f64().expect("p50");
    assert!(p50 > 5.0 && p50 < 10.0, "{p50}");
}

#[test]
fn a_tail_beyond_the_last_bound_is_warned_about() {
    // 3% above 100 ms.
    let text = "# TYPE x_milliseconds histogram\n\
                x_milliseconds_bucket{le=\"50\"} 80\n\
                x_milliseconds_bucket{le=\"100\"} 97\n\
                x_milliseconds_bucket{le=\"+Inf\"} 100\n\
                x_milliseconds_sum 5000\nx_milliseconds_count 100\n";
    let (_dir, path) = request_with(text, "latency_metric = \"x_milliseconds\"");
    let json = plan_json(&path);
    let warnings = json["warnings"].to_string();
    assert!(
        warnings.contains(
            "3% of the latency histogram's observations are above its last bound (100 ms)"
        ),
        "{warnings}"
    );
    // Uniform buckets give 80 x 25 + 17 x 75 = 3275 ms; the tail's 3 carry the other
    // 1725 ms, a mean of 575 ms each: uniform over (100, 1050].
    assert_eq!(json["inputs"]["latency_shape"]["tail"]["high_ms"], 1050.0);
    assert_eq!(json["latency_ms"]["mean"], 50.0);
}

#[test]
fn a_summary_gives_the_mean_and_p99_form() {
    let text = "# TYPE s_seconds summary\n\
                s_seconds{quantile=\"0.5\"} 0.008\n\
                s_seconds{quantile=\"0.99\"} 0.06\n\
                s_seconds_sum 12\ns_seconds_count 1000\n";
    let (_dir, path) = request_with(text, "latency_metric = \"s_seconds\"");
    let json = plan_json(&path);
    assert_eq!(json["latency_ms"]["count"], 1000);
    assert_eq!(json["latency_ms"]["mean"], 12.0);
    assert_eq!(json["latency_ms"]["p99"], 60.0);
    assert_eq!(json["inputs"]["latency_shape"]["shape"], "lognormal");
}

#[test]
fn bad_histograms_exit_2_naming_file_line_and_metric() {
    let cases = [
        (
            "x_seconds_bucket{le=\"0.1\"} 5\nx_seconds_bucket{le=\"0.2\"} 3\nx_seconds_bucket{le=\"+Inf\"} 5\n",
            "listener.prom:2: x_seconds: bucket counts are not cumulative",
        ),
        (
            "x_seconds_bucket{le=\"0.1\"} 5\nx_seconds_sum 0.2\n",
            "listener.prom:1: x_seconds: has no le=\"+Inf\" bucket",
        ),
        (
            "# UNIT x_seconds milliseconds\nx_seconds_bucket{le=\"+Inf\"} 5\n",
            "listener.prom:1: x_seconds: mixed units",
        ),
        (
            "x_seconds_bucket{le=\"0.1\"} 5\nx_seconds_bucket{le=\"+Inf\"} 5\nx_seconds_sum 200\n",
            "listener.prom:3: x_seconds: _sum / _count is 40,000 ms",
        ),
        (
            "other_seconds_bucket{le=\"+Inf\"} 5\n",
            "listener.prom: x_seconds: no such metric in the file",
        ),
        (
            "x_seconds_bucket{le=\"+Inf\"} 5\nx_seconds_bucket{le=\"0.1\" 3\n",
            "listener.prom:2: not the Prometheus text format",
        ),
    ];
    for (text, expected) in cases {
        let (_dir, path) = request_with(text, "latency_metric = \"x_seconds\"");
        let out = kplan(&["plan", path.to_str().expect("UTF-8")]);
        assert_eq!(code(&out), 2, "{text}");
        let err = stderr(&out);
        assert!(err.contains(expected), "{text}\n{err}");
    }
}

#[test]
fn the_request_must_name_the_metric() {
    let (_dir, path) = request_with("x 1\n", "");
    let out = kplan(&["plan", path.to_str().expect("UTF-8")]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("subscribe.latency_metric: missing"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn simulate_draws_from_the_histogram() {
    let (_dir, path) = request_with(
        LISTENERS,
        "latency_metric = \"spring_kafka_listener_seconds\"\nlatency_labels = { name = \"orders\" }",
    );
    let out = kplan(&[
        "simulate",
        path.to_str().expect("UTF-8"),
        "--runs",
        "20",
        "--format",
        "json",
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    // 3.6 M messages at 15.375 ms over P partitions drain in about 3.6e6 x 15.375 / P ms.
    let partitions = json["partitions"].as_f64().expect("partitions");
    let p50 = json["drain_seconds"]["p50"].as_f64().expect("p50");
    let expected = 3.6e6 * 15.375 / partitions / 1000.0;
    assert!((p50 / expected - 1.0).abs() < 0.01, "{p50} vs {expected}");
}
