//! Output of `kplan observe topic`: tables, JSON, or a request drafted from the
//! observation. Pure: the rates in, text out.

use serde::Serialize;

use super::report::{Section, document};
use super::table::render_section;
use crate::human::{count, number};
use crate::topic_rates::{PartitionRates, TopicRates};

pub const SCHEMA_VERSION: u32 = 1;

/// What was watched, for headings and comments.
#[derive(Debug, Clone, Copy)]
pub struct Watched<'a> {
    pub topic: &'a str,
    pub bootstrap_servers: &'a str,
    pub group: Option<&'a str>,
    /// As the user wrote it (`60s`).
    pub window: &'a str,
}

/// The formats `kplan observe topic --format` accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TopicFormat {
    Table,
    Json,
    /// A request file drafted from the observation.
    Toml,
}

pub fn render_topic(rates: &TopicRates, watched: &Watched, format: TopicFormat) -> String {
    match format {
        TopicFormat::Table => table(rates, watched),
        TopicFormat::Json => json(rates, watched),
        TopicFormat::Toml => draft(rates, watched),
    }
}

#[derive(Serialize)]
struct Document<'a> {
    schema_version: u32,
    topic: &'a str,
    group: Option<&'a str>,
    #[serde(flatten)]
    rates: &'a TopicRates,
}

fn json(rates: &TopicRates, watched: &Watched) -> String {
    super::json_document(&Document {
        schema_version: SCHEMA_VERSION,
        topic: watched.topic,
        group: watched.group,
        rates,
    })
}

fn rate(r: f64) -> String {
    format!("{}/s", number(r))
}

fn optional<T>(value: Option<T>, show: impl Fn(T) -> String) -> String {
    value.map_or_else(|| "-".to_string(), show)
}

fn drain(seconds: Option<f64>, lag: Option<i64>) -> String {
    match (seconds, lag) {
        (Some(s), _) => format!("{} s", number(s)),
        (None, Some(_)) => "never (the lag grows)".to_string(),
        (None, None) => "-".to_string(),
    }
}

fn partition_row(p: &PartitionRates) -> Vec<String> {
    vec![
        p.partition.to_string(),
        rate(p.produce_rate),
        optional(p.consume_rate, rate),
        optional(p.lag, |l| count(l.max(0) as u64)),
        optional(p.lag_trend_per_second, |t| format!("{:+}/s", number(t))),
        drain(p.drain_seconds, p.lag),
        optional(p.capacity_per_second, rate),
    ]
}

fn table(rates: &TopicRates, watched: &Watched) -> String {
    let heading = format!(
        "kplan observe topic: {} on {}{} - {} readings over {} s",
        watched.topic,
        watched.bootstrap_servers,
        watched
            .group
            .map_or(String::new(), |g| format!(", group {g}")),
        rates.samples,
        number(rates.window_seconds)
    );
    let header = [
        "Partition",
        "Produce",
        "Consume",
        "Lag",
        "Lag trend",
        "Drain",
        "Capacity (backlogged)",
    ]
    .map(String::from)
    .to_vec();
    let mut rows: Vec<Vec<String>> = rates.partitions.iter().map(partition_row).collect();
    rows.push(vec![
        "total".to_string(),
        rate(rates.produce_rate),
        optional(rates.consume_rate, rate),
        optional(rates.lag, |l| count(l.max(0) as u64)),
        optional(rates.lag_trend_per_second, |t| format!("{:+}/s", number(t))),
        drain(rates.drain_seconds, rates.lag),
        String::new(),
    ]);
    let summary = vec![
        vec![
            "peak produce rate".to_string(),
            rate(rates.peak_produce_rate),
        ],
        vec![
            "busiest partition's share".to_string(),
            optional(rates.busiest_share, |s| format!("{}%", number(s * 100.0))),
        ],
        vec![
            "implied processing time".to_string(),
            optional(rates.implied_latency_ms, |ms| {
                format!("{} ms per message per thread", number(ms))
            }),
        ],
    ];
    let sections = [
        Section::Table {
            title: "Partitions".to_string(),
            header,
            rows,
        },
        Section::Table {
            title: "Summary".to_string(),
            header: ["Measure", "Value"].map(String::from).to_vec(),
            rows: summary,
        },
    ];
    document(&heading, &sections, render_section)
}

/// A request drafted from the observation: the numbers it could measure, each with its
/// source, and what it could not, said so.
fn draft(rates: &TopicRates, watched: &Watched) -> String {
    let window = format!(
        "over a {} s window ({} readings) of {} on {}",
        number(rates.window_seconds),
        rates.samples,
        watched.topic,
        watched.bootstrap_servers
    );
    let name = if crate::request::parse::check_topic_name(watched.topic).is_ok() {
        watched.topic
    } else {
        "observed.topic"
    };
    // One minute at the peak rate: target_minutes and max_messages describe the same
    // rate, planned_tps = max_messages / (target_minutes x 60).
    let max_messages = (rates.peak_produce_rate * 60.0).ceil().max(1.0) as u64;
    let mut out = format!(
        "# A request drafted by kplan observe topic {window}.\n\
         # Check every line that says \"assumed\" or \"not observed\" before planning with it.\n\n\
         [topic]\n\
         name = \"{name}\"\n\
         type = \"online\"                  # assumed: a stream consumed as it arrives; \"batch\" for a volume due within a window\n\
         delivery = \"at-least-once\"       # assumed\n\n\
         [publish]\n\
         max_messages = {max_messages}     # the observed peak produce rate, {} msg/s between two readings {window}, for one minute\n\
         message_bytes = 1024             # not observed (offsets count messages, not bytes): set the average message size\n\n\
         [subscribe]\n\
         target_minutes = 1               # one minute, so that max_messages is the peak rate per minute\n",
        number(rates.peak_produce_rate)
    );
    match rates.implied_latency_ms {
        Some(ms) => {
            let backlogged = rates.partitions.iter().filter(|p| p.backlogged).count();
            out += &format!(
                "latency_ms = {{ mean = {} }}    # 1000 / the consume rate of the {backlogged} partition(s) backlogged through the window{}, one thread each\n",
                number_for_toml(ms),
                watched
                    .group
                    .map_or(String::new(), |g| format!(" (group {g})"))
            );
        }
        None => {
            out += "# latency_ms = { mean = ... }   # not observed: no partition stayed backlogged through the window, so its consumer's speed is unknown; measure it (latency_file, latency_histogram_file) and set it\n";
        }
    }
    if let Some(share) = rates.busiest_share {
        out += &format!(
            "# The busiest partition took {}% of the produce rate {window}.\n",
            number(share * 100.0)
        );
    }
    out
}

/// A float TOML reads back as the same number, never in exponent form that TOML lacks.
fn number_for_toml(x: f64) -> String {
    let rounded = (x * 1000.0).round() / 1000.0;
    if rounded.fract() == 0.0 {
        format!("{rounded:.1}")
    } else {
        format!("{rounded}")
    }
}
