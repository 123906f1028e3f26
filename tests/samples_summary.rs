//! A summary read of latency samples (what a batch plan keeps) against statistics
//! computed here from every sample: percentiles by numpy's definition on a sorted copy,
//! the mean, and the textbook two-pass standard deviation.

use std::path::Path;

use kplan::load::{Profiles, load, load_for_simulation};
use kplan::model::plan;
use kplan::request::LatencyUnit;
use kplan::request::samples::{Keep, SampleLimits, Samples, parse_samples};
use kplan::stats::LatencyStats;
use kplan::stats::predicted::WantedBuckets;

/// Lines enough for the samples to run past a summary's first block (1 MiB).
const LINES: usize = 400_000;

/// Log-normal-ish latencies in ms with three decimals, so many repeat.
fn latencies(n: usize) -> Vec<f64> {
    let mut state = 11u64;
    let mut uniform = move || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    (0..n)
        .map(|_| {
            let z: f64 = (0..4).map(|_| uniform()).sum::<f64>() - 2.0;
            ((2.4 + 0.9 * z).exp() * 1000.0).round() / 1000.0
        })
        .collect()
}

fn text_of(values: &[f64]) -> String {
    values.iter().map(|v| format!("{v:.3}\n")).collect()
}

fn read(text: &str, keep: Keep, max_samples: u64) -> Result<Samples, String> {
    let limits = SampleLimits {
        capacity_hint: 0,
        max_samples,
        keep,
    };
    parse_samples(
        text.as_bytes(),
        LatencyUnit::Ms,
        None,
        Path::new("lat.txt"),
        limits,
    )
    .map_err(|d| format!("line {:?}: {}", d.line, d.problem))
}

/// count, mean, stddev, min, p50, p90, p95, p99, max, from a sorted copy.
fn by_hand(values: &[f64]) -> [f64; 9] {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    let percentile = |p: f64| {
        let h = (n - 1) as f64 * p;
        let lo = h.floor() as usize;
        sorted[lo] + (h - lo as f64) * (sorted[(lo + 1).min(n - 1)] - sorted[lo])
    };
    let mean = values.iter().sum::<f64>() / n as f64;
    let squares: f64 = values.iter().map(|x| (x - mean) * (x - mean)).sum();
    [
        n as f64,
        mean,
        (squares / (n - 1) as f64).sqrt(),
        sorted[0],
        percentile(0.50),
        percentile(0.90),
        percentile(0.95),
        percentile(0.99),
        sorted[n - 1],
    ]
}

fn assert_matches(stats: &LatencyStats, values: &[f64]) {
    let [n, mean, stddev, min, p50, p90, p95, p99, max] = by_hand(values);
    assert_eq!(stats.count, Some(n as u64));
    assert_eq!((stats.min, stats.max), (Some(min), Some(max)));
    assert_eq!(
        (stats.p50, stats.p90, stats.p95, stats.p99),
        (Some(p50), Some(p90), Some(p95), p99)
    );
    assert!(
        (stats.mean - mean).abs() < 1e-12 * mean,
        "{} {mean}",
        stats.mean
    );
    let got = stats.stddev.unwrap_or(f64::NAN);
    assert!((got - stddev).abs() < 1e-12 * stddev, "{got} {stddev}");
}

/// The statistics of a summary read, once it is checked to have gathered fewer than
/// `most_gathered` samples; `None` when a percentile's samples were not all gathered.
fn summarised(samples: &Samples, most_gathered: usize) -> Option<LatencyStats> {
    let unkept = samples
        .unkept
        .as_ref()
        .expect("a summary past its first block");
    let gathered = unkept.gathered.len();
    assert!(gathered < most_gathered, "{gathered}");
    LatencyStats::from_unkept(&samples.values, &samples.tally, unkept)
}

#[test]
fn a_summary_keeps_its_first_block_and_has_the_exact_statistics() {
    let values = latencies(LINES);
    let samples = read(&text_of(&values), Keep::Summary, u64::MAX).unwrap();
    assert!(samples.values.len() < LINES / 2, "{}", samples.values.len());
    assert_eq!(samples.values[..], values[..samples.values.len()]);
    let stats = summarised(&samples, LINES / 2);
    assert_matches(&stats.expect("a stationary file's percentiles"), &values);
}

/// A sorted file drifts from the first block's prediction: it is read again, gathering
/// only the buckets the whole histogram names, and then has the exact statistics.
#[test]
fn a_file_whose_values_drift_is_read_again_for_its_percentiles_buckets() {
    let mut values = latencies(LINES);
    values.sort_by(f64::total_cmp);
    let text = text_of(&values);
    let samples = read(&text, Keep::Summary, u64::MAX).unwrap();
    assert_eq!(summarised(&samples, LINES), None);
    let wanted = WantedBuckets::of(&samples.tally);
    let again = read(&text, Keep::Buckets(wanted), u64::MAX).unwrap();
    assert!(again.values.is_empty());
    assert_eq!(again.tally, samples.tally);
    // Each percentile's bucket holds about 1% of these samples.
    let stats = summarised(&again, LINES / 10);
    assert_matches(&stats.expect("the buckets named were gathered"), &values);
}

#[test]
fn past_the_first_block_problems_still_name_their_line_and_the_limit_holds() {
    let good = text_of(&latencies(LINES));
    let bad = format!("{good}# a comment\n\n12.5\nfast\n");
    let problem = read(&bad, Keep::Summary, u64::MAX).unwrap_err();
    assert!(
        problem.starts_with(&format!("line Some({})", LINES + 4)),
        "{problem}"
    );
    let refused = read(&good, Keep::Summary, 300_000).unwrap_err();
    assert!(refused.contains("300,000"), "{refused}");
}

/// Through `load`: a batch request keeps no samples and has its statistics even when
/// they drift (read again for their buckets); an online request, and a simulation, keep every sample.
#[test]
fn a_batch_plan_keeps_no_samples_and_an_online_one_all() {
    let dir = tempfile::tempdir().unwrap();
    let mut values = latencies(LINES);
    values.sort_by(f64::total_cmp);
    std::fs::write(dir.path().join("lat.txt"), text_of(&values)).unwrap();
    let profiles = Profiles::builtin();
    for kind in ["batch", "online"] {
        let request = dir.path().join(format!("{kind}.toml"));
        let toml = format!(
            "[topic]\nname = \"orders.{kind}\"\ntype = \"{kind}\"\n\
             delivery = \"at-least-once\"\n\n\
             [publish]\nmax_messages = 3_600_000\nmessage_bytes = 1024\n\n\
             [subscribe]\ntarget_minutes = 60\nlatency_file = \"lat.txt\"\n"
        );
        std::fs::write(&request, toml).unwrap();
        let loaded = load(&request, &profiles).unwrap();
        assert_matches(&loaded.latency, &values);
        assert_eq!(loaded.samples.is_some(), kind == "online", "{kind}");
        let simulated = load_for_simulation(&request, &profiles).unwrap();
        assert_eq!(simulated.samples.as_ref().map(Vec::len), Some(LINES));
        // The model needs no more than the summary: the plan is the same with every
        // sample at hand, but for the standard deviation's last digits (a summary joins
        // its pieces' spreads; every sample at hand gives a two-pass sum).
        let mut planned = plan(&loaded.plan_input());
        let everything = plan(&simulated.plan_input());
        let (joined, two_pass) = (planned.latency_ms.stddev, everything.latency_ms.stddev);
        let (joined, two_pass) = (joined.unwrap(), two_pass.unwrap());
        assert!((joined - two_pass).abs() < 1e-12 * two_pass, "{kind}");
        planned.latency_ms.stddev = everything.latency_ms.stddev;
        assert_eq!(planned, everything, "{kind}");
    }
}
