//! Output of `kplan observe latency`. Pure: an observation in, text out.

use std::collections::BTreeMap;

use serde::Serialize;

use super::report::{Section, document};
use super::table::render_section;
use crate::human::{count, number};
use crate::i18n::{Lang, Message};
use crate::prometheus::observe::{Bucket, ObservedLatency, to_exposition};

pub const SCHEMA_VERSION: u32 = 1;

/// The formats `kplan observe latency --format` accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LatencyFormat {
    Table,
    Json,
    /// A Prometheus text exposition file.
    Prom,
}

/// Text for people in `lang`: the table, and the JSON's warnings (as a plan's are).
pub fn render_latency(lang: Lang, observed: &ObservedLatency, format: LatencyFormat) -> String {
    match format {
        LatencyFormat::Table => table(lang, observed),
        LatencyFormat::Json => json(lang, observed),
        LatencyFormat::Prom => to_exposition(observed),
    }
}

/// More than this share beyond the last finite bound is worth a warning.
const UNKNOWN_TAIL_SHARE: f64 = 0.01;

fn warnings(lang: Lang, observed: &ObservedLatency) -> Vec<String> {
    let mut warnings = Vec::new();
    if let Some(tail) = observed
        .distribution
        .tail
        .filter(|t| t.share > UNKNOWN_TAIL_SHARE)
    {
        let message = Message::new("observe-warning-tail")
            .arg("percent", number(tail.share * 100.0))
            .arg("last_bound_ms", number(tail.last_bound_ms))
            .arg("high_ms", number(tail.high_ms));
        warnings.push(message.render(lang));
    }
    if observed.sum.is_none() {
        warnings.push(lang.text("observe-warning-no-sum"));
    }
    warnings
}

#[derive(Serialize)]
struct Document<'a> {
    schema_version: u32,
    source: Source<'a>,
    buckets: &'a [Bucket],
    latency_ms: Statistics,
    warnings: Vec<String>,
}

#[derive(Serialize)]
struct Source<'a> {
    /// Without credentials.
    prometheus: &'a str,
    metric: &'a str,
    labels: BTreeMap<&'a str, &'a str>,
    window: &'a str,
}

#[derive(Serialize)]
struct Statistics {
    count: f64,
    mean: f64,
    p50: Option<f64>,
    p90: Option<f64>,
    p95: Option<f64>,
    p99: f64,
}

fn json(lang: Lang, observed: &ObservedLatency) -> String {
    let q = &observed.query;
    let s = &observed.latency;
    let document = Document {
        schema_version: SCHEMA_VERSION,
        source: Source {
            prometheus: &observed.prometheus,
            metric: &q.metric,
            labels: q
                .labels
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect(),
            window: &q.window,
        },
        buckets: &observed.buckets,
        latency_ms: Statistics {
            count: observed.count,
            mean: s.mean,
            p50: s.p50,
            p90: s.p90,
            p95: s.p95,
            p99: s.p99,
        },
        warnings: warnings(lang, observed),
    };
    super::json_document(&document)
}

fn table(lang: Lang, observed: &ObservedLatency) -> String {
    let q = &observed.query;
    let labels: Vec<String> = q.labels.iter().map(|(k, v)| format!("{k}={v:?}")).collect();
    let heading = Message::new("observe-latency-headline")
        .arg("series", format!("{}{{{}}}", q.metric, labels.join(",")))
        .arg("window", q.window.clone())
        .arg("prometheus", observed.prometheus.clone())
        .arg("buckets", observed.buckets.len().to_string())
        .render(lang);
    let total = observed.count.max(f64::MIN_POSITIVE);
    let mut below = 0.0;
    let buckets = observed
        .buckets
        .iter()
        .map(|b| {
            let share = (b.count - below) / total;
            below = b.count;
            vec![
                b.le.clone(),
                number(b.count),
                format!("{}%", number(share * 100.0)),
            ]
        })
        .collect();
    let s = &observed.latency;
    let stat = |v: Option<f64>| v.map_or_else(|| "-".to_string(), number);
    let mut sections = vec![
        Section::Table {
            title: lang.text("observe-section-buckets"),
            header: vec![
                "le".to_string(),
                lang.text("observe-header-observations"),
                lang.text("observe-header-in-bucket"),
            ],
            rows: buckets,
        },
        Section::Table {
            title: lang.text("section-latency"),
            header: vec![lang.text("header-statistic"), lang.text("header-value")],
            rows: vec![
                vec!["count".to_string(), count(observed.count.round() as u64)],
                vec!["mean".to_string(), number(s.mean)],
                vec!["p50".to_string(), stat(s.p50)],
                vec!["p90".to_string(), stat(s.p90)],
                vec!["p95".to_string(), stat(s.p95)],
                vec!["p99".to_string(), number(s.p99)],
            ],
        },
    ];
    let warnings = warnings(lang, observed);
    if !warnings.is_empty() {
        sections.push(Section::List {
            title: lang.text("section-warnings"),
            items: warnings,
        });
    }
    document(&heading, &sections, render_section)
}
