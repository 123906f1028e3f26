//! One latency metric picked out of an exposition: a histogram's buckets, sum and count,
//! or a summary's 0.99 quantile, sum and count, in milliseconds.
//!
//! Every series of the metric whose labels include the requested ones counts; a
//! histogram's series are summed bucket by bucket (they must share their bounds), as
//! `sum by (le)` would sum them. A summary's quantiles do not add, so a summary must be
//! narrowed to one series.

use std::collections::BTreeMap;

use super::exposition::{Exposition, Sample, number};
use crate::model::histogram::{BucketCounts, HistogramProblem, PiecewiseUniform};
use crate::model::service::MAX_P99_OVER_MEAN;
use crate::request::LatencyUnit;

/// What a latency metric measured.
#[derive(Debug, Clone, PartialEq)]
pub enum MetricLatency {
    Histogram(PiecewiseUniform),
    /// A summary: the `{ mean, p99 }` form (p99 absent without a 0.99 quantile).
    Summary {
        mean_ms: f64,
        p99_ms: Option<f64>,
        count: f64,
    },
}

/// Why the metric cannot be read, at a line of the file when one is to blame.
#[derive(Debug, Clone, PartialEq)]
pub struct MetricProblem {
    pub line: Option<usize>,
    pub message: String,
}

fn problem(line: impl Into<Option<usize>>, message: impl Into<String>) -> MetricProblem {
    MetricProblem {
        line: line.into(),
        message: message.into(),
    }
}

/// The samples of `metric` that the exposition parser must keep.
pub fn belongs_to(metric: &str, name: &str) -> bool {
    match name.strip_prefix(metric) {
        Some("" | "_bucket" | "_sum" | "_count") => true,
        Some(_) | None => false,
    }
}

/// The latency `metric` measured, over the series that carry `labels`; `unit` is the
/// request's `latency_unit`, for a metric whose name and `# UNIT` give none.
pub fn read_metric(
    exposition: &Exposition,
    metric: &str,
    labels: &[(String, String)],
    unit: Option<LatencyUnit>,
) -> Result<MetricLatency, MetricProblem> {
    let to_ms = metric_unit(exposition, metric, unit)?.to_ms();
    let mine: Vec<&Sample> = exposition
        .samples
        .iter()
        .filter(|s| belongs_to(metric, &s.name))
        .collect();
    if mine.is_empty() {
        return Err(problem(None, no_such_metric(exposition)));
    }
    let chosen: Vec<&Sample> = mine
        .iter()
        .copied()
        .filter(|s| labels.iter().all(|(k, v)| s.label(k) == Some(v)))
        .collect();
    if chosen.is_empty() {
        return Err(problem(mine[0].line, no_such_series(&mine, labels)));
    }
    let series = group(&chosen, metric);
    let declared = exposition.types.get(metric);
    let kind = declared.map_or("unknown", |t| t.value.as_str());
    let has_buckets = series.values().any(|s| !s.buckets.is_empty());
    match kind {
        "histogram" => histogram(&series, to_ms),
        "summary" => summary(&series, to_ms),
        "unknown" | "untyped" if has_buckets => histogram(&series, to_ms),
        "unknown" | "untyped" if series.values().any(|s| !s.quantiles.is_empty()) => {
            summary(&series, to_ms)
        }
        "unknown" | "untyped" => Err(problem(
            chosen[0].line,
            "has neither _bucket{le=...} series (a histogram) nor quantile series (a summary)",
        )),
        other => Err(problem(
            declared.map(|t| t.line),
            format!("is a {other}, not a histogram or a summary"),
        )),
    }
}

/// The unit of the metric's observations: its name's suffix, its `# UNIT`, the
/// request's `latency_unit`, which must agree; seconds, Prometheus's base unit, when
/// none of them says.
fn metric_unit(
    exposition: &Exposition,
    metric: &str,
    requested: Option<LatencyUnit>,
) -> Result<LatencyUnit, MetricProblem> {
    let time_unit = |word: &str| match word {
        "seconds" => Some(LatencyUnit::S),
        "milliseconds" | "ms" => Some(LatencyUnit::Ms),
        "microseconds" | "us" => Some(LatencyUnit::Us),
        _ => None,
    };
    let from_name = metric.rsplit('_').next().and_then(time_unit);
    let declared = exposition.units.get(metric);
    let from_unit = match declared {
        Some(d) if d.value.is_empty() => None,
        Some(d) => Some(time_unit(&d.value).ok_or_else(|| {
            problem(
                d.line,
                format!("is measured in {}, not in a unit of time", d.value),
            )
        })?),
        None => None,
    };
    let named = |u: LatencyUnit| match u {
        LatencyUnit::S => "seconds",
        LatencyUnit::Ms => "milliseconds",
        LatencyUnit::Us => "microseconds",
    };
    let line = declared.map(|d| d.line);
    let sources = [
        (from_name, "its name"),
        (from_unit, "its # UNIT line"),
        (requested, "latency_unit"),
    ];
    let mut found: Option<(LatencyUnit, &str)> = None;
    for (unit, source) in sources {
        let Some(unit) = unit else { continue };
        match found {
            Some((first, first_source)) if first != unit => {
                return Err(problem(
                    line,
                    format!(
                        "mixed units: {first_source} says {}, {source} says {}",
                        named(first),
                        named(unit)
                    ),
                ));
            }
            Some(_) => {}
            None => found = Some((unit, source)),
        }
    }
    Ok(found.map_or(LatencyUnit::S, |(unit, _)| unit))
}

fn no_such_metric(exposition: &Exposition) -> String {
    let mut latency: Vec<&str> = exposition
        .types
        .iter()
        .filter(|(_, t)| matches!(t.value.as_str(), "histogram" | "summary"))
        .map(|(name, _)| name.as_str())
        .collect();
    latency.sort_unstable();
    let hint = if latency.is_empty() {
        "the file declares no histogram or summary".to_string()
    } else {
        let shown: Vec<&str> = latency.into_iter().take(8).collect();
        format!("histograms and summaries in the file: {}", shown.join(", "))
    };
    format!("no such metric in the file; {hint}")
}

fn no_such_series(mine: &[&Sample], labels: &[(String, String)]) -> String {
    let wanted: Vec<String> = labels.iter().map(|(k, v)| format!("{k}={v:?}")).collect();
    let mut seen: Vec<String> = mine
        .iter()
        .map(|s| series_key(s))
        .filter(|k| !k.is_empty())
        .collect();
    seen.sort();
    seen.dedup();
    let shown: Vec<String> = seen
        .into_iter()
        .take(5)
        .map(|k| format!("{{{k}}}"))
        .collect();
    format!(
        "no series has the labels {{{}}}; its series are {}",
        wanted.join(", "),
        if shown.is_empty() {
            "unlabelled".to_string()
        } else {
            shown.join(", ")
        }
    )
}

/// A series' labels without `le` and `quantile`, sorted: what identifies it.
fn series_key(sample: &Sample) -> String {
    let mut labels: Vec<String> = sample
        .labels
        .iter()
        .filter(|(k, _)| k != "le" && k != "quantile")
        .map(|(k, v)| format!("{k}={v:?}"))
        .collect();
    labels.sort();
    labels.join(", ")
}

/// A (value, line) pair.
type At = (f64, usize);

#[derive(Debug, Default)]
struct Series {
    /// (le as written, count, line).
    buckets: Vec<(String, f64, usize)>,
    quantiles: Vec<(String, f64, usize)>,
    sum: Option<At>,
    count: Option<At>,
}

fn group(samples: &[&Sample], metric: &str) -> BTreeMap<String, Series> {
    let mut series: BTreeMap<String, Series> = BTreeMap::new();
    for s in samples {
        let entry = series.entry(series_key(s)).or_default();
        let at = (s.value, s.line);
        match &s.name[metric.len()..] {
            "_bucket" => {
                let le = s.label("le").unwrap_or("").to_string();
                entry.buckets.push((le, s.value, s.line));
            }
            "_sum" => entry.sum = Some(at),
            "_count" => entry.count = Some(at),
            _ => {
                if let Some(q) = s.label("quantile") {
                    entry.quantiles.push((q.to_string(), s.value, s.line));
                }
            }
        }
    }
    series
}

/// The largest finite bucket bound read, in ms (a week): larger ones are in another unit
/// or not latencies, and would overflow the moments.
const MAX_BOUND_MS: f64 = 604_800_000.0;

/// Relative difference allowed between `_count` and the `+Inf` bucket: both come from
/// one counter in a client library, but a server's `increase()` extrapolates each.
const COUNT_TOLERANCE: f64 = 1e-6;

/// One series' cumulative buckets, checked, as (bound, count, line), ascending.
fn checked_buckets(series: &Series) -> Result<Vec<(f64, f64, usize)>, MetricProblem> {
    let first_line = series.buckets.first().map(|b| b.2);
    if series.buckets.is_empty() {
        return Err(problem(
            series.count.map(|c| c.1),
            "this series has no _bucket{le=...} samples",
        ));
    }
    let mut buckets = Vec::with_capacity(series.buckets.len());
    for (le, count, line) in &series.buckets {
        let bound = number(le)
            .filter(|b| !b.is_nan())
            .ok_or_else(|| problem(*line, format!("le={le:?} is not a bucket bound")))?;
        if !(count.is_finite() && *count >= 0.0) {
            return Err(problem(
                *line,
                format!("bucket count {count} is not a count"),
            ));
        }
        buckets.push((bound, *count, *line));
    }
    buckets.sort_by(|a, b| a.0.total_cmp(&b.0));
    for pair in buckets.windows(2) {
        let ((low, below, _), (high, count, line)) = (pair[0], pair[1]);
        if low == high {
            return Err(problem(line, format!("le=\"{high}\" is given twice")));
        }
        if count < below {
            return Err(problem(
                line,
                format!(
                    "bucket counts are not cumulative: le=\"{high}\" counts {count}, fewer than le=\"{low}\"'s {below}"
                ),
            ));
        }
    }
    match buckets.last() {
        Some(&(bound, _, _)) if bound == f64::INFINITY => {}
        _ => {
            return Err(problem(
                first_line,
                "has no le=\"+Inf\" bucket: the count of all observations is missing",
            ));
        }
    }
    if let Some(&(bound, count, line)) = buckets.iter().find(|b| b.0 < 0.0 && b.1 > 0.0) {
        return Err(problem(
            line,
            format!("{count} observations at or below le=\"{bound}\": a latency is never negative"),
        ));
    }
    buckets.retain(|b| b.0 >= 0.0);
    if let (Some((count, line)), Some(&(_, total, _))) = (series.count, buckets.last()) {
        if (count - total).abs() > COUNT_TOLERANCE * total.max(1.0) {
            return Err(problem(
                line,
                format!("_count is {count}, but the le=\"+Inf\" bucket counts {total}"),
            ));
        }
    }
    Ok(buckets)
}

fn histogram(
    series: &BTreeMap<String, Series>,
    to_ms: f64,
) -> Result<MetricLatency, MetricProblem> {
    let mut bounds: Option<Vec<f64>> = None;
    let mut cumulative: Vec<f64> = Vec::new();
    let mut sum = Some(0.0);
    let mut sum_line = None;
    for one in series.values() {
        let buckets = checked_buckets(one)?;
        let these: Vec<f64> = buckets.iter().map(|b| b.0).collect();
        match &bounds {
            None => {
                cumulative = vec![0.0; buckets.len()];
                bounds = Some(these);
            }
            Some(first) if *first != these => {
                return Err(problem(
                    buckets[0].2,
                    "the series chosen have different bucket bounds and cannot be summed; narrow latency_labels to one of them",
                ));
            }
            Some(_) => {}
        }
        if let Some(far) = buckets
            .iter()
            .find(|b| b.0.is_finite() && b.0 * to_ms > MAX_BOUND_MS)
        {
            return Err(problem(
                far.2,
                format!(
                    "le=\"{}\" is beyond any processing time of one message (wrong unit?)",
                    far.0
                ),
            ));
        }
        for (total, bucket) in cumulative.iter_mut().zip(&buckets) {
            *total += bucket.1;
        }
        sum = match (sum, one.sum) {
            (Some(total), Some((s, line))) if (s * to_ms).is_finite() && s >= 0.0 => {
                sum_line = sum_line.or(Some(line));
                Some(total + s)
            }
            (_, Some((s, line))) => {
                return Err(problem(
                    line,
                    format!("_sum is {s}: not a sum of latencies"),
                ));
            }
            (_, None) => None,
        };
    }
    let mut bounds = bounds.unwrap_or_default();
    let total = cumulative.pop().unwrap_or(0.0);
    bounds.pop();
    let counts = BucketCounts {
        bounds_ms: bounds.iter().map(|b| b * to_ms).collect(),
        cumulative,
        total,
        sum_ms: sum.map(|s| s * to_ms),
    };
    match PiecewiseUniform::from_buckets(&counts) {
        Ok(distribution) => Ok(MetricLatency::Histogram(distribution)),
        Err(HistogramProblem::NoObservations) => {
            Err(problem(None, "has no observations: every bucket counts 0"))
        }
        Err(HistogramProblem::MeanOutsideBuckets {
            mean_ms,
            lowest_ms,
            highest_ms,
        }) => Err(problem(
            sum_line,
            format!(
                "_sum / _count is {} ms, outside the {}..{} ms the buckets allow: mixed units between _sum and the le bounds?",
                crate::human::number(mean_ms),
                crate::human::number(lowest_ms),
                crate::human::number(highest_ms)
            ),
        )),
    }
}

fn summary(series: &BTreeMap<String, Series>, to_ms: f64) -> Result<MetricLatency, MetricProblem> {
    let mut all = series.values();
    let (Some(one), None) = (all.next(), all.next()) else {
        let line = series
            .values()
            .nth(1)
            .and_then(|s| s.quantiles.first())
            .map(|q| q.2);
        return Err(problem(
            line,
            "is a summary with several series: their quantiles cannot be added; narrow latency_labels to one series",
        ));
    };
    let (Some((count, count_line)), Some((sum, sum_line))) = (one.count, one.sum) else {
        let line = one.quantiles.first().map(|q| q.2);
        return Err(problem(
            line,
            "a summary needs its _sum and _count for the mean",
        ));
    };
    if !(count.is_finite() && count > 0.0) {
        return Err(problem(
            count_line,
            format!("_count is {count}: no observations"),
        ));
    }
    if !(sum.is_finite() && sum >= 0.0) {
        return Err(problem(
            sum_line,
            format!("_sum is {sum}: not a sum of latencies"),
        ));
    }
    let mean_ms = sum / count * to_ms;
    if !mean_ms.is_finite() {
        return Err(problem(
            sum_line,
            format!("_sum is {sum}: not a sum of latencies"),
        ));
    }
    let p99 = one
        .quantiles
        .iter()
        .find(|q| number(&q.0) == Some(0.99))
        .filter(|q| !q.1.is_nan());
    let p99_ms = match p99 {
        Some(&(_, value, line)) => {
            let p99 = value * to_ms;
            if !(p99.is_finite() && p99 >= mean_ms && p99 <= MAX_P99_OVER_MEAN * mean_ms) {
                return Err(problem(
                    line,
                    format!(
                        "the 0.99 quantile, {} ms, is not between the mean ({} ms) and {MAX_P99_OVER_MEAN} x the mean",
                        crate::human::number(p99),
                        crate::human::number(mean_ms)
                    ),
                ));
            }
            Some(p99)
        }
        None => None,
    };
    Ok(MetricLatency::Summary {
        mean_ms,
        p99_ms,
        count,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prometheus::exposition::parse;

    fn read(
        text: &str,
        metric: &str,
        labels: &[(&str, &str)],
    ) -> Result<MetricLatency, MetricProblem> {
        let labels: Vec<(String, String)> = labels
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let exposition = parse(text, |n| belongs_to(metric, n)).expect("valid syntax");
        read_metric(&exposition, metric, &labels, None)
    }

    const TWO_LISTENERS: &str = "# TYPE l_seconds histogram\n\
        l_seconds_bucket{name=\"a\",le=\"0.01\"} 10\n\
        l_seconds_bucket{name=\"a\",le=\"0.02\"} 40\n\
        l_seconds_bucket{name=\"a\",le=\"+Inf\"} 40\n\
        l_seconds_sum{name=\"a\"} 0.5\nl_seconds_count{name=\"a\"} 40\n\
        l_seconds_bucket{name=\"b\",le=\"0.01\"} 0\n\
        l_seconds_bucket{name=\"b\",le=\"0.02\"} 60\n\
        l_seconds_bucket{name=\"b\",le=\"+Inf\"} 60\n\
        l_seconds_sum{name=\"b\"} 0.9\nl_seconds_count{name=\"b\"} 60\n";

    #[test]
    fn series_are_summed_and_seconds_become_ms() {
        let MetricLatency::Histogram(d) = read(TWO_LISTENERS, "l_seconds", &[]).expect("ok") else {
            panic!("a histogram");
        };
        // (0.5 + 0.9) s over 100 observations = 14 ms.
        assert!((d.mean_ms() - 14.0).abs() < 1e-9);
        assert_eq!(d.count, 100.0);
        assert_eq!(d.buckets, 3);
        // 10 of 100 at or below 10 ms.
        assert!((d.cdf(10.0) - 0.1).abs() < 1e-12);
    }

    #[test]
    fn labels_pick_a_series() {
        let MetricLatency::Histogram(d) =
            read(TWO_LISTENERS, "l_seconds", &[("name", "b")]).expect("ok")
        else {
            panic!("a histogram");
        };
        assert!((d.mean_ms() - 15.0).abs() < 1e-9);
        let missing = read(TWO_LISTENERS, "l_seconds", &[("name", "c")]).expect_err("no c");
        assert!(
            missing.message.contains("name=\"a\""),
            "{}",
            missing.message
        );
    }

    #[test]
    fn a_summary_gives_mean_and_p99() {
        let text = "# TYPE s_milliseconds summary\ns_milliseconds{quantile=\"0.5\"} 9\n\
                    s_milliseconds{quantile=\"0.99\"} 40\ns_milliseconds_sum 1200\ns_milliseconds_count 100\n";
        let got = read(text, "s_milliseconds", &[]).expect("ok");
        assert_eq!(
            got,
            MetricLatency::Summary {
                mean_ms: 12.0,
                p99_ms: Some(40.0),
                count: 100.0
            }
        );
    }

    #[test]
    fn bad_histograms_name_their_line() {
        let cases = [
            // Not cumulative: line 3.
            (
                "x_seconds_bucket{le=\"1\"} 5\nx_seconds_bucket{le=\"+Inf\"} 9\nx_seconds_bucket{le=\"2\"} 4\n",
                Some(3),
                "not cumulative",
            ),
            (
                "x_seconds_bucket{le=\"1\"} 5\nx_seconds_sum 1\n",
                Some(1),
                "+Inf",
            ),
            (
                "# UNIT x_seconds milliseconds\nx_seconds_bucket{le=\"+Inf\"} 1\n",
                Some(1),
                "mixed units",
            ),
            (
                "x_seconds_bucket{le=\"1\"} 5\nx_seconds_bucket{le=\"+Inf\"} 5\nx_seconds_sum 5000\n",
                Some(3),
                "mixed units",
            ),
            (
                "x_seconds_bucket{le=\"+Inf\"} 5\nx_seconds_count 6\n",
                Some(2),
                "_count",
            ),
            ("# TYPE x_seconds gauge\nx_seconds 1\n", Some(1), "gauge"),
            ("y_seconds 1\n", None, "no such metric"),
        ];
        for (text, line, words) in cases {
            let got = read(text, "x_seconds", &[]).expect_err(text);
            assert_eq!(got.line, line, "{text}: {}", got.message);
            assert!(got.message.contains(words), "{text}: {}", got.message);
        }
    }
}
