//! The batch deadline need against truths computed here: the central limit theorem for
//! the slowest of P partitions, and `kplan simulate`'s share of runs that drain in time.

mod common;

use common::{code, kplan, stderr, stdout};
use statrs::distribution::{ContinuousCDF, Normal};

/// A batch request with an inline latency summary, written to a scratch folder.
fn request(
    dir: &tempfile::TempDir,
    name: &str,
    messages: u64,
    minutes: f64,
    latency: &str,
) -> String {
    let path = dir.path().join(format!("{name}.toml"));
    let text = format!(
        "[topic]\nname = \"{name}\"\ntype = \"batch\"\ndelivery = \"at-least-once\"\n\n\
         [publish]\nmax_messages = {messages}\nmessage_bytes = 1000\n\n\
         [subscribe]\ntarget_minutes = {minutes}\nlatency_ms = {latency}\n"
    );
    std::fs::write(&path, text).expect("scratch folder is writable");
    path.display().to_string()
}

fn json(args: &[&str]) -> serde_json::Value {
    let mut args = args.to_vec();
    args.extend(["--format", "json"]);
    let out = kplan(&args);
    assert!(code(&out) <= 1, "{args:?}: {}", stderr(&out));
    serde_json::from_str(&stdout(&out)).expect("JSON output")
}

/// CLT: with n = N / P messages of mean m and standard deviation s on each partition,
/// the slowest of P is within T with chance Phi((T - n m) / (sqrt(n) s))^P.
fn clt_deadline_need(messages: f64, mean_s: f64, sd_s: f64, target_s: f64, confidence: f64) -> u64 {
    let normal = Normal::standard();
    (1..100_000u64)
        .find(|&p| {
            let n = messages / p as f64;
            let z = (target_s - n * mean_s) / (n.sqrt() * sd_s);
            normal.cdf(z).powf(p as f64) >= confidence
        })
        .expect("some count drains in time")
}

#[test]
fn the_worked_example_needs_10_for_throughput_and_11_for_the_deadline() {
    // 500 msg/s for 10 minutes at 20 ms (exponential): 50 msg/s per partition, so 10
    // partitions drain in 10 minutes on average; the slowest of 10 needs one more.
    let dir = tempfile::tempdir().expect("scratch folder");
    let file = request(&dir, "worked", 300_000, 10.0, "{ mean = 20.0 }");
    let plan = json(&["plan", &file]);
    assert_eq!(plan["partitions"]["needs"]["consumers"], 10);
    let clt = clt_deadline_need(300_000.0, 0.020, 0.020, 600.0, 0.95);
    assert_eq!(clt, 11);
    assert_eq!(plan["partitions"]["needs"]["deadline"], clt);
    assert_eq!(plan["partitions"]["recommended"], 11);
}

#[test]
fn deadline_needs_match_the_clt_over_a_grid() {
    let dir = tempfile::tempdir().expect("scratch folder");
    // Lognormal with p99 = 4 x mean: sigma 0.70, sd / mean = sqrt(e^(sigma^2) - 1).
    let sigma: f64 = 2.326_347_874 - (2.326_347_874f64.powi(2) - 2.0 * 4f64.ln()).sqrt();
    let lognormal_cv = (sigma * sigma).exp_m1().sqrt();
    for (messages, minutes, mean_ms, latency, cv) in [
        (3_600_000u64, 30.0, 12.0, "{ mean = 12.0 }".to_string(), 1.0),
        (
            10_000_000,
            60.0,
            7.0,
            "{ mean = 7.0, p99 = 28.0 }".to_string(),
            lognormal_cv,
        ),
        (
            500_000,
            5.0,
            9.0,
            "{ mean = 9.0, p99 = 36.0 }".to_string(),
            lognormal_cv,
        ),
    ] {
        let file = request(&dir, "grid", messages, minutes, &latency);
        let plan = json(&["plan", &file]);
        let mean_s = mean_ms / 1000.0;
        let clt = clt_deadline_need(messages as f64, mean_s, mean_s * cv, minutes * 60.0, 0.95);
        assert_eq!(
            plan["partitions"]["needs"]["deadline"], clt,
            "{latency} {messages}"
        );
    }
}

#[test]
fn simulated_runs_meet_the_deadline_at_the_need_and_miss_it_one_below() {
    let dir = tempfile::tempdir().expect("scratch folder");
    let file = request(&dir, "simulated", 300_000, 10.0, "{ mean = 20.0 }");
    let share = |partitions: &str| -> f64 {
        let out = json(&[
            "simulate",
            &file,
            "--partitions",
            partitions,
            "--runs",
            "400",
        ]);
        out["p_within_target"].as_f64().expect("a share")
    };
    // At 11 the model's p95 is within the target: at least 95% of runs make it (less
    // three standard errors of 400 runs, 3.3%).
    assert!(share("11") >= 0.95 - 0.033, "{}", share("11"));
    // At 10 every partition's mean drain is the target: almost no run makes it.
    assert!(share("10") < 0.05, "{}", share("10"));
}

#[test]
fn drain_confidence_moves_the_deadline_need() {
    // 3,000 messages of 200 ms (exponential) within a minute: few messages per
    // partition, so the spread of their sums decides between 12 and 13 partitions.
    let dir = tempfile::tempdir().expect("scratch folder");
    let file = request(&dir, "confident", 3000, 1.0, "{ mean = 200.0 }");
    let usual = json(&["plan", &file]);
    assert_eq!(usual["partitions"]["needs"]["deadline"], 12);
    assert_eq!(clt_deadline_need(3000.0, 0.2, 0.2, 60.0, 0.95), 12);
    let text =
        std::fs::read_to_string(&file).expect("written") + "\n[limits]\ndrain_confidence = 0.999\n";
    std::fs::write(&file, text).expect("rewritten");
    let strict = json(&["plan", &file]);
    assert_eq!(strict["partitions"]["needs"]["deadline"], 13);
    assert_eq!(clt_deadline_need(3000.0, 0.2, 0.2, 60.0, 0.999), 13);
}
