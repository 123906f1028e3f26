//! `kplan plan --chart FILE.svg`: the SVG is well-formed XML that names the target, the
//! cap and the recommendation, and the plan on standard output is unchanged.

mod common;

use statrs::distribution::{ContinuousCDF, Normal};

use common::{code, kplan, stderr, stdout};

/// Plans `example` with a chart; returns the exit code, standard output and the texts
/// of the SVG's `<text>` elements.
fn chart(example: &str) -> (i32, String, Vec<String>) {
    let dir = tempfile::tempdir().expect("temp dir");
    let svg_path = dir.path().join("chart.svg");
    let svg_arg = svg_path.to_string_lossy().to_string();
    let file = format!("examples/{example}.toml");
    let out = kplan(&["plan", &file, "--chart", &svg_arg]);
    let svg = std::fs::read_to_string(&svg_path).expect("the chart is written");
    let doc = roxmltree::Document::parse(&svg).expect("the chart is well-formed XML");
    assert_eq!(doc.root_element().tag_name().name(), "svg");
    let texts = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        // plotters writes each text on a line of its own inside the element.
        .filter_map(|n| n.text())
        .map(|t| t.trim().to_string())
        .collect();
    (code(&out), stdout(&out), texts)
}

fn has(texts: &[String], wanted: &str) -> bool {
    texts.iter().any(|t| t == wanted)
}

/// The number in the one text that starts with `prefix` and ends with `suffix`.
fn number_in(texts: &[String], prefix: &str, suffix: &str) -> f64 {
    let found: Vec<f64> = texts
        .iter()
        .filter_map(|t| t.strip_prefix(prefix)?.strip_suffix(suffix)?.parse().ok())
        .collect();
    assert_eq!(found.len(), 1, "{prefix}...{suffix} in {texts:?}");
    found[0]
}

/// The samples of a shipped latency file, ms: one per line, or a CSV's `latency_ms`.
fn samples(file: &str) -> Vec<f64> {
    let text = std::fs::read_to_string(common::root().join(file)).expect("the sample file");
    let mut lines = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .peekable();
    let column = match lines.peek() {
        Some(header) if header.contains("latency_ms") => {
            let at = header.split(',').position(|c| c == "latency_ms");
            lines.next();
            at
        }
        _ => None,
    };
    lines
        .map(|l| {
            let field = column.map_or(l, |i| l.split(',').nth(i).unwrap_or(""));
            field.trim().parse().expect("a number")
        })
        .collect()
}

#[test]
fn a_batch_chart_marks_the_target_cap_and_recommendation() {
    let (exit, _, texts) = chart("orders-settlement");
    assert_eq!(exit, 0);
    assert!(has(
        &texts,
        "orders.settlement.v1 (batch): drain time by partition count"
    ));
    assert!(has(&texts, "target: 30 min"), "{texts:?}");
    assert!(has(&texts, "cap: 30 partitions"));
    // 3,600,000 messages over 25 partitions, 144,000 each, in sequence: the drain is a
    // sum of 144,000 samples, near normal. The slowest of 25 within 95% confidence is
    // its quantile at 0.95^(1/25).
    let s = samples("examples/latency/orders-settlement.txt");
    let n = s.len() as f64;
    let mean = s.iter().sum::<f64>() / n;
    let variance = s.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n;
    let per_partition = 3_600_000.0 / 25.0;
    let z = Normal::standard().inverse_cdf(0.95_f64.powf(1.0 / 25.0));
    let expected_ms = per_partition * mean + z * (per_partition * variance).sqrt();
    let shown = number_in(&texts, "25 partitions: ", " min");
    assert!(
        (shown - expected_ms / 60_000.0).abs() < 0.01,
        "{shown} vs {}",
        expected_ms / 60_000.0
    );
    assert!(has(
        &texts,
        &format!("recommended: 25 partitions, {shown} min")
    ));
    assert!(has(&texts, "partitions") && has(&texts, "drain time (min)"));
}

#[test]
fn an_online_chart_marks_the_objective_and_where_consumers_cannot_keep_up() {
    let (exit, _, texts) = chart("payments-authorized");
    assert_eq!(exit, 0);
    assert!(has(&texts, "delay objective: 500 ms"), "{texts:?}");
    assert!(has(&texts, "recommended: 10 partitions, 77.3 ms"));
    // 540,000 messages in 15 minutes with headroom 1.2: 720 msg/s. One consumer takes
    // 1000 / mean msg/s, so floor(720 x mean / 1000) partitions or fewer fall behind.
    let s = samples("examples/latency/payments-authorized.csv");
    let mean = s.iter().sum::<f64>() / s.len() as f64;
    let behind = (720.0 * mean / 1000.0).floor();
    assert_eq!(behind, 6.0);
    assert!(has(
        &texts,
        &format!("{behind} partitions or fewer: consumers cannot keep up")
    ));
    assert!(has(
        &texts,
        "p99 latency: 24.65 ms, the least any delay can be"
    ));
}

#[test]
fn an_over_cap_chart_marks_the_need_beyond_the_cap() {
    let (exit, _, texts) = chart("clickstream-events");
    assert_eq!(exit, 1);
    // 90,000,000 messages an hour is 25,000 msg/s; at 4 ms one consumer takes 250 msg/s,
    // 175 at the online profile's 0.7 ceiling: ceil(25,000 / 175) = 143.
    let needed = (90_000_000.0_f64 / 3600.0 / (1000.0 / 4.0 * 0.7)).ceil();
    assert!(
        has(&texts, &format!("needed: {needed} partitions")),
        "{texts:?}"
    );
    assert!(has(
        &texts,
        "recommended: 30 partitions, unbounded, consumers cannot keep up"
    ));
}

#[test]
fn the_plan_output_is_the_same_with_a_chart() {
    let (_, with_chart, _) = chart("payments-authorized");
    let without = stdout(&kplan(&["plan", "examples/payments-authorized.toml"]));
    assert_eq!(with_chart, without);
}

#[test]
fn the_same_plan_draws_the_same_bytes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let paths = [dir.path().join("a.svg"), dir.path().join("b.svg")];
    for path in &paths {
        let arg = path.to_string_lossy().to_string();
        kplan(&["plan", "examples/orders-settlement.toml", "--chart", &arg]);
    }
    let [a, b] = paths.map(|p| std::fs::read(p).expect("written"));
    assert_eq!(a, b);
}

#[test]
fn a_chart_that_cannot_be_written_stops_before_any_output() {
    let out = kplan(&[
        "plan",
        "examples/orders-settlement.toml",
        "--chart",
        "no-such-folder/chart.svg",
    ]);
    assert_eq!(code(&out), 2);
    assert_eq!(
        stderr(&out),
        "error: --chart no-such-folder/chart.svg: cannot write: no such file\n"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn a_chart_naming_the_request_or_profile_file_is_refused_and_the_file_kept() {
    let dir = tempfile::tempdir().expect("temp dir");
    let request = dir.path().join("request.toml");
    let profile = dir.path().join("online.toml");
    let examples = common::root().join("examples");
    let text = std::fs::read_to_string(examples.join("payments-authorized.toml"))
        .expect("example")
        .replace("\"latency/", &format!("\"{}/latency/", examples.display()))
        .replace("\"keys/", &format!("\"{}/keys/", examples.display()));
    std::fs::write(&request, &text).expect("request");
    std::fs::copy(common::root().join("profiles/online.toml"), &profile).expect("profile");
    let request_arg = request.to_string_lossy().to_string();
    let profile_arg = profile.to_string_lossy().to_string();
    // The same file under another spelling is still the same file.
    let dotted = dir.path().join(".").join("request.toml");
    for (chart, what) in [
        (dotted.to_string_lossy().to_string(), "the request file"),
        (profile_arg.clone(), "the --profile file"),
    ] {
        let out = kplan(&[
            "plan",
            &request_arg,
            "--profile",
            &profile_arg,
            "--chart",
            &chart,
        ]);
        assert_eq!(
            stderr(&out),
            format!("error: --chart {chart}: is {what}; writing the chart would overwrite it\n")
        );
        assert_eq!(code(&out), 2);
        assert!(out.stdout.is_empty());
    }
    assert_eq!(std::fs::read_to_string(&request).expect("kept"), text);
}
