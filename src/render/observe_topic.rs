//! Output of `kplan observe topic`: tables, JSON, or a request drafted from the
//! observation. Pure: the rates in, text out.

use serde::Serialize;

use super::report::{Section, document};
use super::table::render_section;
use crate::human::{count, number};
use crate::i18n::{Lang, Message};
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

/// The table and the draft's comments in `lang`; JSON and the draft's keys and values
/// are the same in every language.
pub fn render_topic(
    lang: Lang,
    rates: &TopicRates,
    watched: &Watched,
    format: TopicFormat,
) -> String {
    match format {
        TopicFormat::Table => table(lang, rates, watched),
        TopicFormat::Json => json(rates, watched),
        TopicFormat::Toml => draft(lang, rates, watched),
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

fn drain(lang: Lang, seconds: Option<f64>, lag: Option<i64>) -> String {
    match (seconds, lag) {
        (Some(s), _) => lang.format("observe-drain-seconds", &[("seconds", number(s))]),
        (None, Some(_)) => lang.text("observe-drain-never"),
        (None, None) => "-".to_string(),
    }
}

fn partition_row(lang: Lang, p: &PartitionRates) -> Vec<String> {
    vec![
        p.partition.to_string(),
        rate(p.produce_rate),
        optional(p.consume_rate, rate),
        optional(p.lag, |l| count(l.max(0) as u64)),
        optional(p.lag_trend_per_second, |t| format!("{:+}/s", number(t))),
        drain(lang, p.drain_seconds, p.lag),
        optional(p.capacity_per_second, rate),
    ]
}

/// `message` with the group, when one was watched, as `$with_group` and `$group`.
fn with_group(message: Message, group: Option<&str>) -> Message {
    let with = if group.is_some() { "yes" } else { "no" };
    message
        .arg("with_group", with)
        .arg("group", group.unwrap_or("-"))
}

fn table(lang: Lang, rates: &TopicRates, watched: &Watched) -> String {
    let heading = Message::new("observe-topic-headline")
        .arg("topic", watched.topic)
        .arg("servers", watched.bootstrap_servers)
        .arg("readings", rates.samples.to_string())
        .arg("seconds", number(rates.window_seconds));
    let heading = with_group(heading, watched.group).render(lang);
    let header = [
        "observe-header-partition",
        "observe-header-produce",
        "observe-header-consume",
        "observe-header-lag",
        "observe-header-lag-trend",
        "observe-header-drain",
        "observe-header-capacity",
    ]
    .map(|id| lang.text(id))
    .to_vec();
    let mut rows: Vec<Vec<String>> = rates
        .partitions
        .iter()
        .map(|p| partition_row(lang, p))
        .collect();
    rows.push(vec![
        lang.text("observe-total"),
        rate(rates.produce_rate),
        optional(rates.consume_rate, rate),
        optional(rates.lag, |l| count(l.max(0) as u64)),
        optional(rates.lag_trend_per_second, |t| format!("{:+}/s", number(t))),
        drain(lang, rates.drain_seconds, rates.lag),
        String::new(),
    ]);
    let summary = vec![
        vec![
            lang.text("observe-peak-produce-rate"),
            rate(rates.peak_produce_rate),
        ],
        vec![
            lang.text("observe-busiest-share"),
            optional(rates.busiest_share, |s| format!("{}%", number(s * 100.0))),
        ],
        vec![
            lang.text("observe-implied-latency"),
            optional(rates.implied_latency_ms, |ms| {
                lang.format("observe-implied-latency-value", &[("ms", number(ms))])
            }),
        ],
    ];
    let sections = [
        Section::Table {
            title: lang.text("observe-section-partitions"),
            header,
            rows,
        },
        Section::Table {
            title: lang.text("observe-section-summary"),
            header: vec![lang.text("header-measure"), lang.text("header-value")],
            rows: summary,
        },
    ];
    document(&heading, &sections, render_section)
}

/// A request drafted from the observation: the numbers it could measure, each with its
/// source, and what it could not, said so. Comments in `lang`; keys and values the same.
fn draft(lang: Lang, rates: &TopicRates, watched: &Watched) -> String {
    let window = Message::new("draft-window")
        .arg("seconds", number(rates.window_seconds))
        .arg("readings", rates.samples.to_string())
        .arg("topic", watched.topic)
        .arg("servers", watched.bootstrap_servers);
    let say = |id: &str| Message::new(id).arg_message("window", window.clone());
    let name = if crate::request::parse::check_topic_name(watched.topic).is_ok() {
        watched.topic
    } else {
        "observed.topic"
    };
    // One minute at the peak rate: target_minutes and max_messages describe the same
    // rate, planned_tps = max_messages / (target_minutes x 60).
    let max_messages = (rates.peak_produce_rate * 60.0).ceil().max(1.0) as u64;
    let peak = say("draft-max-messages").arg("rate", number(rates.peak_produce_rate));
    let mut out = format!(
        "# {}\n\
         # {}\n\n\
         [topic]\n\
         name = \"{name}\"\n\
         type = \"online\"                  # {}\n\
         delivery = \"at-least-once\"       # {}\n\n\
         [publish]\n\
         max_messages = {max_messages}     # {}\n\
         message_bytes = 1024             # {}\n\n\
         [subscribe]\n\
         target_minutes = 1               # {}\n",
        say("draft-title").render(lang),
        lang.text("draft-check"),
        lang.text("draft-type-assumed"),
        lang.text("draft-assumed"),
        peak.render(lang),
        lang.text("draft-message-bytes"),
        lang.text("draft-target-minutes"),
    );
    match rates.implied_latency_ms {
        Some(ms) => {
            let backlogged = rates.partitions.iter().filter(|p| p.backlogged).count();
            let source = Message::new("draft-latency").arg("backlogged", backlogged.to_string());
            out += &format!(
                "latency_ms = {{ mean = {} }}    # {}\n",
                number_for_toml(ms),
                with_group(source, watched.group).render(lang)
            );
        }
        None => {
            out += &format!(
                "# latency_ms = {{ mean = ... }}   # {}\n",
                lang.text("draft-latency-unknown")
            );
        }
    }
    if let Some(share) = rates.busiest_share {
        let busiest = say("draft-busiest").arg("percent", number(share * 100.0));
        out += &format!("# {}\n", busiest.render(lang));
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
