#![allow(dead_code)]

//! What each fuzz target does with its input, shared by the fuzz targets and by the
//! regression test that replays the corpus in the normal test run. Any panic is a bug.

use std::path::Path;

use kplan::keys::{parse_key_sample, share_moved};
use kplan::model::{PlanInput, plan, scale_problem};
use kplan::profile::Profile;
use kplan::prometheus::exposition;
use kplan::prometheus::latency::{MetricLatency, belongs_to, read_metric};
use kplan::render::{PlanFormat, render_plan};
use kplan::request::samples::{SampleLimits, parse_samples};
use kplan::request::{LatencySource, LatencyUnit, parse_request};
use kplan::stats::LatencyStats;

/// Parses a request and, when it is valid with an inline summary, plans and renders it.
pub fn request(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(request) = parse_request(text, Path::new("fuzz/request.toml")) else {
        return;
    };
    let LatencySource::Summary { mean_ms, p99_ms } = request.subscribe.latency else {
        return;
    };
    let profile = Profile::builtin(request.topic.kind);
    let latency = LatencyStats::from_summary(mean_ms, p99_ms);
    let input = PlanInput {
        request: &request,
        profile: &profile,
        latency: &latency,
        samples: None,
        histogram: None,
        keys: None,
    };
    if scale_problem(&input).is_some() {
        return;
    }
    let plan = plan(&input);
    for format in [
        PlanFormat::Table,
        PlanFormat::Json,
        PlanFormat::Markdown,
        PlanFormat::Jira,
    ] {
        let text = render_plan(&plan, format);
        assert!(!text.contains("NaN"), "NaN in {format:?} output");
    }
}

/// Reads latency samples, the first byte choosing the unit and the CSV column.
pub fn samples(data: &[u8]) {
    let Some((&choice, body)) = data.split_first() else {
        return;
    };
    let unit = [LatencyUnit::Ms, LatencyUnit::S, LatencyUnit::Us][usize::from(choice % 3)];
    let column = (choice & 4 != 0).then_some("took");
    if let Ok(samples) = parse_samples(
        body,
        unit,
        column,
        Path::new("fuzz/samples.txt"),
        SampleLimits::NONE,
    ) {
        let mut values = samples.values;
        assert!(values.len() >= 2);
        let stats = LatencyStats::from_tallied(&mut values, &samples.tally);
        assert!(stats.mean.is_finite());
        assert!(stats.p99 <= stats.max.unwrap_or(f64::INFINITY));
    }
}

/// Counts keys, then spreads them over partition counts taken from the first bytes.
pub fn keys(data: &[u8]) {
    let Some((&old, rest)) = data.split_first() else {
        return;
    };
    let Some((&new, body)) = rest.split_first() else {
        return;
    };
    let Ok(sample) = parse_key_sample(body, Path::new("fuzz/keys.txt"), u64::MAX) else {
        return;
    };
    let (old, new) = (u32::from(old) + 1, u32::from(new) + 1);
    let counts = sample.counts(new);
    assert_eq!(counts.iter().sum::<u64>(), sample.total);
    let moved = share_moved(old, new, Some(&sample));
    assert!((0.0..=1.0).contains(&moved));
}

/// Reads a latency metric out of an exposition; the first byte picks the metric name,
/// a label filter and a unit. A histogram read must be a distribution.
pub fn exposition(data: &[u8]) -> Option<()> {
    let (&choice, body) = data.split_first()?;
    let text = std::str::from_utf8(body).ok()?;
    let metric = [
        "x_seconds",
        "x",
        "x_milliseconds",
        "spring_kafka_listener_seconds",
    ][usize::from(choice % 4)];
    let labels: Vec<(String, String)> = if choice & 4 != 0 {
        vec![("name".to_string(), "a".to_string())]
    } else {
        Vec::new()
    };
    let unit = (choice & 8 != 0).then_some(LatencyUnit::Ms);
    let parsed = exposition::parse(text, |name| belongs_to(metric, name)).ok()?;
    match read_metric(&parsed, metric, &labels, unit).ok()? {
        MetricLatency::Histogram(d) => {
            let stats = LatencyStats::from_histogram(&d);
            assert!(stats.mean.is_finite() && stats.mean >= 0.0, "{stats:?}");
            let ps =
                [stats.p50, stats.p90, stats.p95, Some(stats.p99)].map(|p| p.unwrap_or(f64::NAN));
            assert!(ps.windows(2).all(|w| w[0] <= w[1]), "{ps:?}");
            for x in [0.0, stats.p50.unwrap_or(0.0), stats.p99, 1e12] {
                let c = d.cdf(x);
                assert!((0.0..=1.0 + 1e-9).contains(&c), "cdf({x}) = {c}");
                assert!(d.partial_mean(x) <= x.max(0.0) + 1e-9 * (1.0 + x));
            }
        }
        MetricLatency::Summary {
            mean_ms,
            p99_ms,
            count,
        } => {
            assert!(mean_ms.is_finite() && count > 0.0);
            assert!(p99_ms.is_none_or(|p| p >= mean_ms));
        }
    }
    Some(())
}
