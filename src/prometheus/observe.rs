//! `kplan observe latency`: the queries that read a latency histogram's increase over a
//! window from Prometheus, and what their answers say. Pure: the answers come in as
//! data (`api::Vector`), the statistics go out.

use std::collections::BTreeMap;

use super::api::Vector;
use super::exposition::{Exposition, Sample, number};
use super::latency::{MetricLatency, read_metric};
use crate::i18n::Lang;
use crate::model::histogram::PiecewiseUniform;
use crate::request::parse::check_metric_name;
use crate::stats::LatencyStats;

/// What to read: a histogram's series carrying `labels`, over `window`.
#[derive(Debug, Clone, PartialEq)]
pub struct LatencyQuery {
    pub metric: String,
    pub labels: Vec<(String, String)>,
    /// A Prometheus duration, such as `7d` or `1h30m`.
    pub window: String,
}

impl LatencyQuery {
    /// Checks the metric name, `--labels k=v,...` and the window.
    pub fn new(metric: &str, labels: Option<&str>, window: &str) -> Result<LatencyQuery, String> {
        check_metric_name(metric).map_err(|e| format!("--metric: {}", e.render(Lang::En)))?;
        let labels = match labels {
            Some(text) => parse_labels(text)?,
            None => Vec::new(),
        };
        if !is_duration(window) {
            return Err(format!(
                "--window: {window:?} is not a Prometheus duration such as 7d, 12h or 1h30m"
            ));
        }
        Ok(LatencyQuery {
            metric: metric.to_string(),
            labels,
            window: window.to_string(),
        })
    }

    /// `{k="v",...}` with the values escaped as PromQL strings.
    fn selector(&self) -> String {
        let matchers: Vec<String> = self
            .labels
            .iter()
            .map(|(k, v)| format!("{k}=\"{}\"", escape(v)))
            .collect();
        format!("{{{}}}", matchers.join(","))
    }

    /// The buckets' increase over the window, summed over the series by bound.
    pub fn buckets(&self) -> String {
        format!(
            "sum by (le) (increase({}_bucket{}[{}]))",
            self.metric,
            self.selector(),
            self.window
        )
    }

    /// The increase of `_sum` or `_count`, summed over the series.
    pub fn total(&self, suffix: &str) -> String {
        format!(
            "sum(increase({}_{suffix}{}[{}]))",
            self.metric,
            self.selector(),
            self.window
        )
    }
}

/// A PromQL string's escapes: backslash, quote, line break.
fn escape(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

/// `k=v,k2=v2`: label names as Prometheus allows them, values without commas.
fn parse_labels(text: &str) -> Result<Vec<(String, String)>, String> {
    let mut labels: Vec<(String, String)> = Vec::new();
    for pair in text.split(',').filter(|p| !p.trim().is_empty()) {
        let Some((name, value)) = pair.split_once('=') else {
            return Err(format!("--labels: {pair:?} is not NAME=VALUE"));
        };
        let name = name.trim();
        let valid = name
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !valid {
            return Err(format!("--labels: {name:?} is not a label name"));
        }
        if name == "le" {
            return Err("--labels: le is the bucket bound, not a series label".to_string());
        }
        if labels.iter().any(|(n, _)| n == name) {
            return Err(format!("--labels: {name} is given twice"));
        }
        labels.push((name.to_string(), value.trim().to_string()));
    }
    Ok(labels)
}

/// `[0-9]+(ms|s|m|h|d|w|y)`, one or more times, as Prometheus writes durations.
fn is_duration(text: &str) -> bool {
    parse_duration(text).is_some()
}

/// A Prometheus duration (`90s`, `1h30m`, `7d`) as a `Duration`; `None` when it is not
/// one or is too long to represent.
pub fn parse_duration(text: &str) -> Option<std::time::Duration> {
    let mut rest = text;
    let mut total_ms: u128 = 0;
    if rest.is_empty() {
        return None;
    }
    while !rest.is_empty() {
        let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if digits == 0 {
            return None;
        }
        let amount: u128 = rest[..digits].parse().ok()?;
        rest = &rest[digits..];
        let (unit, ms) = [
            ("ms", 1u128),
            ("s", 1000),
            ("m", 60_000),
            ("h", 3_600_000),
            ("d", 86_400_000),
            ("w", 604_800_000),
            ("y", 31_536_000_000),
        ]
        .into_iter()
        .find(|(u, _)| rest.starts_with(u))?;
        rest = &rest[unit.len()..];
        total_ms = total_ms.checked_add(amount.checked_mul(ms)?)?;
    }
    Some(std::time::Duration::from_millis(
        u64::try_from(total_ms).ok()?,
    ))
}

/// One cumulative bucket as Prometheus answered it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Bucket {
    /// The bound as written in the metric's unit (`0.005`, `+Inf`).
    pub le: String,
    /// Observations at or below it over the window.
    pub count: f64,
}

/// A latency histogram observed over a window.
#[derive(Debug, Clone, PartialEq)]
pub struct ObservedLatency {
    /// The server, without credentials.
    pub prometheus: String,
    pub query: LatencyQuery,
    /// Ascending by bound, `+Inf` last.
    pub buckets: Vec<Bucket>,
    pub sum: Option<f64>,
    pub count: f64,
    pub distribution: PiecewiseUniform,
    pub latency: LatencyStats,
}

/// Why the answers are not a latency histogram: no data in the window, or buckets that
/// are not one.
pub fn observed(
    prometheus: &str,
    query: &LatencyQuery,
    buckets: &Vector,
    sum: &Vector,
    count: &Vector,
) -> Result<ObservedLatency, String> {
    let mut ordered: Vec<(f64, String, f64)> = Vec::with_capacity(buckets.len());
    for (labels, value) in buckets {
        let Some(le) = labels.get("le") else { continue };
        let bound = number(le).filter(|b| !b.is_nan());
        let Some(bound) = bound else {
            return Err(format!("a bucket has le={le:?}, which is not a bound"));
        };
        ordered.push((bound, le.clone(), *value));
    }
    if ordered.is_empty() {
        return Err(format!(
            "no {}_bucket series{} with data in the last {}: check --metric, --labels and --window",
            query.metric,
            if query.labels.is_empty() {
                String::new()
            } else {
                format!(" matching {}", query.selector())
            },
            query.window
        ));
    }
    ordered.sort_by(|a, b| a.0.total_cmp(&b.0));
    // increase() of each bucket is extrapolated on its own; a counter reset can leave a
    // bucket a hair below the one before. histogram_quantile evens that out the same way.
    let mut running: f64 = 0.0;
    for bucket in &mut ordered {
        running = running.max(if bucket.2.is_nan() { 0.0 } else { bucket.2 });
        bucket.2 = running;
    }
    let single = |v: &Vector| v.first().map(|(_, value)| *value).filter(|x| !x.is_nan());
    let mut exposition = Exposition::default();
    let sample = |name: String, labels: Vec<(String, String)>, value: f64| Sample {
        name,
        labels,
        value,
        line: 0,
    };
    for (_, le, value) in &ordered {
        let labels = vec![("le".to_string(), le.clone())];
        exposition
            .samples
            .push(sample(format!("{}_bucket", query.metric), labels, *value));
    }
    let sum = single(sum);
    if let Some(sum) = sum {
        exposition
            .samples
            .push(sample(format!("{}_sum", query.metric), Vec::new(), sum));
    }
    if let Some(count) = single(count) {
        exposition
            .samples
            .push(sample(format!("{}_count", query.metric), Vec::new(), count));
    }
    let distribution = match read_metric(&exposition, &query.metric, &[], None) {
        Ok(MetricLatency::Histogram(d)) => d,
        Ok(MetricLatency::Summary { .. }) => {
            return Err("the answers are not a histogram".to_string());
        }
        Err(problem) => return Err(problem.message),
    };
    let buckets: Vec<Bucket> = ordered
        .into_iter()
        .map(|(_, le, count)| Bucket { le, count })
        .collect();
    let count = buckets.last().map_or(0.0, |b| b.count);
    Ok(ObservedLatency {
        prometheus: prometheus.to_string(),
        query: query.clone(),
        latency: LatencyStats::from_histogram(&distribution),
        buckets,
        sum,
        count,
        distribution,
    })
}

/// The observed histogram as an exposition file that a request's
/// `latency_histogram_file` reads back to the same statistics.
pub fn to_exposition(observed: &ObservedLatency) -> String {
    let q = &observed.query;
    let mut labels: BTreeMap<&str, &str> = BTreeMap::new();
    for (k, v) in &q.labels {
        labels.insert(k, v);
    }
    let with = |extra: Option<&str>| {
        let mut pairs: Vec<String> = labels
            .iter()
            .map(|(k, v)| format!("{k}=\"{}\"", escape(v)))
            .collect();
        if let Some(le) = extra {
            pairs.push(format!("le=\"{le}\""));
        }
        if pairs.is_empty() {
            String::new()
        } else {
            format!("{{{}}}", pairs.join(","))
        }
    };
    let mut out = format!(
        "# Written by kplan observe latency from {}: {} over the last {}.\n\
         # HELP {} Processing time per message, increase over {}.\n\
         # TYPE {} histogram\n",
        observed.prometheus, q.metric, q.window, q.metric, q.window, q.metric
    );
    for bucket in &observed.buckets {
        out.push_str(&format!(
            "{}_bucket{} {}\n",
            q.metric,
            with(Some(&bucket.le)),
            bucket.count
        ));
    }
    if let Some(sum) = observed.sum {
        out.push_str(&format!("{}_sum{} {sum}\n", q.metric, with(None)));
    }
    out.push_str(&format!(
        "{}_count{} {}\n",
        q.metric,
        with(None),
        observed.count
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vector(pairs: &[(&str, f64)]) -> Vector {
        pairs
            .iter()
            .map(|(le, v)| {
                let mut labels = BTreeMap::new();
                labels.insert("le".to_string(), le.to_string());
                (labels, *v)
            })
            .collect()
    }

    fn scalar(v: f64) -> Vector {
        vec![(BTreeMap::new(), v)]
    }

    #[test]
    fn queries_select_escaped_labels_over_the_window() {
        let q = LatencyQuery::new("l_seconds", Some("name=a\"b, app = x"), "7d").expect("valid");
        assert_eq!(
            q.buckets(),
            "sum by (le) (increase(l_seconds_bucket{name=\"a\\\"b\",app=\"x\"}[7d]))"
        );
        assert_eq!(
            q.total("count"),
            "sum(increase(l_seconds_count{name=\"a\\\"b\",app=\"x\"}[7d]))"
        );
        for bad in [
            ("l_bucket", None, "7d"),
            ("l", Some("le=1"), "7d"),
            ("l", Some("x"), "7d"),
            ("l", None, "7 days"),
            ("l", None, ""),
        ] {
            assert!(LatencyQuery::new(bad.0, bad.1, bad.2).is_err(), "{bad:?}");
        }
        assert!(LatencyQuery::new("l", None, "1h30m").is_ok());
        assert_eq!(
            parse_duration("1h30m"),
            Some(std::time::Duration::from_secs(5400))
        );
        assert_eq!(
            parse_duration("250ms"),
            Some(std::time::Duration::from_millis(250))
        );
        assert_eq!(parse_duration("5 m"), None);
    }

    #[test]
    fn answers_become_statistics_and_a_file_that_reads_back() {
        let q = LatencyQuery::new("l_seconds", Some("name=orders"), "1d").expect("valid");
        // Out of order, as a server may answer: 20 at or below 10 ms, 100 in all.
        let buckets = vector(&[("+Inf", 100.0), ("0.01", 20.0), ("0.05", 100.0)]);
        let o = observed(
            "http://127.0.0.1:9090",
            &q,
            &buckets,
            &scalar(2.6),
            &scalar(100.0),
        )
        .expect("a histogram");
        assert_eq!(
            o.buckets.iter().map(|b| b.le.as_str()).collect::<Vec<_>>(),
            ["0.01", "0.05", "+Inf"]
        );
        // 2.6 s / 100 = 26 ms: the uniform mean 0.2 x 5 + 0.8 x 30 = 25, so the buckets
        // lean towards their upper bounds.
        assert!((o.latency.mean - 26.0).abs() < 1e-9);
        let file = to_exposition(&o);
        let parsed = super::super::exposition::parse(&file, |_| true).expect("valid");
        let again = read_metric(
            &parsed,
            "l_seconds",
            &[("name".into(), "orders".into())],
            None,
        )
        .expect("reads back");
        assert_eq!(again, MetricLatency::Histogram(o.distribution.clone()));
    }

    #[test]
    fn no_data_in_the_window_is_said_so() {
        let q = LatencyQuery::new("l_seconds", None, "1h").expect("valid");
        let err = observed("u", &q, &Vec::new(), &Vec::new(), &Vec::new()).expect_err("empty");
        assert!(err.contains("no l_seconds_bucket series"), "{err}");
    }
}
