//! The plan as a document of titled sections, built once and drawn by the table,
//! Markdown and Jira renderers, so all three show the same content.

use super::yaml::application_yml;
use crate::clients::{Client, ClientConfig, ClientSetting, client_config};
use crate::human::{bytes, count, number};
use crate::model::{Plan, Status};
use crate::request::TopicType;

/// One titled part of the report.
#[derive(Debug, Clone, PartialEq)]
pub enum Section {
    /// Rows under a header row.
    Table {
        title: String,
        header: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    /// Sentences, one per bullet.
    List { title: String, items: Vec<String> },
    /// A properties file, ready to paste.
    Properties { title: String, lines: Vec<String> },
    /// Another file ready to paste (`application.yml`, a Java class), in `language`.
    Code {
        title: String,
        language: &'static str,
        lines: Vec<String>,
    },
}

fn strings<const N: usize>(cells: [&str; N]) -> Vec<String> {
    cells.iter().map(|c| c.to_string()).collect()
}

fn pair(name: &str, value: String) -> Vec<String> {
    vec![name.to_string(), value]
}

fn ms(x: f64) -> String {
    format!("{} ms", number(x))
}

/// A heading, then each section drawn by `draw`, separated by blank lines.
pub fn document(heading: &str, sections: &[Section], draw: impl Fn(&Section) -> String) -> String {
    let mut out = format!("{heading}\n");
    for section in sections {
        out.push('\n');
        out.push_str(&draw(section));
    }
    out
}

/// The heading line of every format.
pub fn headline(plan: &Plan) -> String {
    format!(
        "kplan plan: {} ({}) - status: {}",
        plan.topic,
        plan.kind.as_str(),
        plan.status.as_str()
    )
}

/// The report with the settings in the Java client's names.
pub fn sections(plan: &Plan) -> Vec<Section> {
    sections_for(plan, &client_config(plan, Client::Java))
}

/// The report with the settings in `config`'s dialect.
pub fn sections_for(plan: &Plan, config: &ClientConfig) -> Vec<Section> {
    let mut sections = vec![summary(plan), inputs(plan), latency(plan), needs(plan)];
    sections.extend(fits_under_cap(plan));
    sections.extend(key_spread(plan));
    sections.extend(client_sections(config));
    sections.extend(dead_letter(plan));
    let warnings: Vec<String> = plan.warnings.iter().map(|w| w.message.clone()).collect();
    for (title, items) in [("Warnings", &warnings), ("Guidance", &plan.guidance)] {
        if !items.is_empty() {
            sections.push(Section::List {
                title: title.to_string(),
                items: items.clone(),
            });
        }
    }
    sections
}

/// The settings as `producer.properties` and `consumer.properties` files, or Spring
/// Boot's `application.yml`.
pub fn properties(config: &ClientConfig) -> Vec<Section> {
    let file = |title: &str, settings: &[ClientSetting]| Section::Properties {
        title: match config.client {
            Client::Java => title.to_string(),
            client => format!("{title} ({})", client.title()),
        },
        lines: settings
            .iter()
            .map(|s| format!("{}={}", s.key, s.value))
            .collect(),
    };
    match config.client {
        Client::Java | Client::Librdkafka => vec![
            file("producer.properties", &config.producer),
            file("consumer.properties", &config.consumer),
        ],
        Client::Spring => vec![Section::Code {
            title: "application.yml".to_string(),
            language: "yaml",
            lines: application_yml(config, false),
        }],
    }
}

/// Settings tables, then what the client needs besides its settings.
fn client_sections(config: &ClientConfig) -> Vec<Section> {
    let title = |what: &str| match config.client {
        Client::Java => what.to_string(),
        client => format!("{what} ({})", client.title()),
    };
    let mut sections = vec![
        settings(&title("Producer settings"), &config.producer),
        settings(&title("Consumer settings"), &config.consumer),
    ];
    if !config.listener.is_empty() {
        sections.push(settings(&title("Listener settings"), &config.listener));
    }
    if !config.notes.is_empty() {
        sections.push(Section::List {
            title: format!("{} notes", config.client.title()),
            items: config.notes.clone(),
        });
    }
    sections.extend(config.snippets.iter().map(|snippet| Section::Code {
        title: snippet.title.clone(),
        language: snippet.language,
        lines: snippet.lines.clone(),
    }));
    sections
}

fn summary(plan: &Plan) -> Section {
    let status = match plan.status {
        Status::Ok => "ok: the plan holds".to_string(),
        Status::OverCap => format!("over-cap: needs {}, cap {}", count(plan.needed), plan.cap),
        Status::Infeasible => "infeasible: no partition count meets the request".to_string(),
    };
    let mut rows = vec![
        pair("Status", status),
        pair("Required TPS", number(plan.required_tps)),
        pair(
            "Planned TPS",
            format!(
                "{} (headroom x{})",
                number(plan.planned_tps),
                number(plan.inputs.headroom)
            ),
        ),
        pair(
            "Per-partition TPS",
            format!(
                "{} ({} thread(s) at mean {})",
                number(plan.per_partition_tps),
                plan.inputs.concurrency,
                ms(plan.latency_ms.mean)
            ),
        ),
        pair(
            "Partitions",
            format!(
                "{} recommended ({} needed, cap {})",
                count(plan.recommended),
                count(plan.needed),
                plan.cap
            ),
        ),
        pair(
            "Consumers",
            format!("{} (one per partition)", count(plan.consumers)),
        ),
        pair(
            "Utilisation",
            format!(
                "{}% of consumer capacity (ceiling {}%)",
                number(plan.predicted.utilization * 100.0),
                number(plan.inputs.max_utilization * 100.0)
            ),
        ),
    ];
    rows.push(match plan.kind {
        TopicType::Online => pair(
            "Predicted p99 delay",
            match (plan.predicted.p99_delay_ms, plan.inputs.max_delay_ms) {
                (Some(d), Some(objective)) => format!("{} (objective {})", ms(d), ms(objective)),
                (Some(d), None) => ms(d),
                (None, _) => "unbounded: consumers cannot keep up".to_string(),
            },
        ),
        TopicType::Batch => pair(
            "Predicted drain time",
            format!(
                "{} min (target {} min)",
                number(plan.predicted.drain_minutes.unwrap_or(f64::INFINITY)),
                number(plan.inputs.target_minutes)
            ),
        ),
    });
    Section::Table {
        title: "Plan".to_string(),
        header: strings(["Item", "Value"]),
        rows,
    }
}

fn inputs(plan: &Plan) -> Section {
    let i = &plan.inputs;
    let optional = |v: Option<String>| v.unwrap_or_else(|| "-".to_string());
    let rows = vec![
        pair("Topic", plan.topic.clone()),
        pair("Type", plan.kind.as_str().to_string()),
        pair("Delivery", i.delivery.as_str().to_string()),
        pair("Partition key", optional(i.partition_key.clone())),
        pair("Max messages", count(i.max_messages)),
        pair("Target", format!("{} min", number(i.target_minutes))),
        pair("Message size", bytes(i.message_bytes as f64)),
        pair(
            "Largest message",
            optional(i.max_message_bytes.map(|b| bytes(b as f64))),
        ),
        pair(
            "Concurrency",
            format!("{} thread(s) per partition", i.concurrency),
        ),
        pair("Delay objective", optional(i.max_delay_ms.map(ms))),
        pair(
            "Latency source",
            i.latency_file.as_ref().map_or_else(
                || "summary (mean, p99)".to_string(),
                |p| format!("samples: {p}"),
            ),
        ),
        pair("Key sample", optional(i.key_sample_file.clone())),
        pair(
            "Partition write rate",
            format!(
                "{} B/s ({}/s)",
                number(i.partition_write_bytes_per_sec),
                bytes(i.partition_write_bytes_per_sec)
            ),
        ),
    ];
    Section::Table {
        title: "Inputs".to_string(),
        header: strings(["Input", "Value"]),
        rows,
    }
}

fn latency(plan: &Plan) -> Section {
    let s = &plan.latency_ms;
    let optional = |v: Option<f64>| v.map_or_else(|| "-".to_string(), number);
    let mut rows = vec![pair(
        "count",
        s.count.map_or_else(|| "-".to_string(), count),
    )];
    for (name, value) in [
        ("mean", Some(s.mean)),
        ("stddev", s.stddev),
        ("min", s.min),
        ("p50", s.p50),
        ("p90", s.p90),
        ("p95", s.p95),
        ("p99", Some(s.p99)),
        ("max", s.max),
        ("mean_upper_95", s.mean_upper_95),
    ] {
        rows.push(pair(name, optional(value)));
    }
    Section::Table {
        title: "Latency (ms)".to_string(),
        header: strings(["Statistic", "Value"]),
        rows,
    }
}

fn needs(plan: &Plan) -> Section {
    let n = &plan.needs;
    let optional = |v: Option<u64>| v.map_or_else(|| "-".to_string(), count);
    Section::Table {
        title: "Partition needs".to_string(),
        header: strings(["Constraint", "Partitions"]),
        rows: vec![
            pair("consumer throughput", count(n.consumers)),
            pair("producer bytes", count(n.producer)),
            pair("delay objective", optional(n.delay)),
            pair("key skew", optional(n.key_skew)),
        ],
    }
}

fn fits_under_cap(plan: &Plan) -> Option<Section> {
    let fit = plan.fits_under_cap?;
    // A change missing here does not fit on its own: another need is over the cap.
    let alone = || "- (not enough on its own)".to_string();
    let concurrency = match fit.concurrency {
        Some(c) => format!("{c} threads per partition"),
        None if plan.inputs.partition_key.is_some() => {
            "- (keyed: threads would break key order)".to_string()
        }
        None => alone(),
    };
    Some(Section::Table {
        title: format!("What fits under the cap of {}", plan.cap),
        header: strings(["Change one of", "To"]),
        rows: vec![
            pair("concurrency", concurrency),
            pair(
                "mean latency",
                fit.mean_latency_ms
                    .map_or_else(alone, |m| format!("at most {}", ms(m))),
            ),
            pair(
                "target",
                fit.target_minutes
                    .map_or_else(alone, |t| format!("at least {} min", number(t))),
            ),
        ],
    })
}

fn key_spread(plan: &Plan) -> Option<Section> {
    let k = plan.key_spread.as_ref()?;
    Some(Section::Table {
        title: format!("Key spread over {} partitions", count(k.partitions)),
        header: strings(["Measure", "Value"]),
        rows: vec![
            pair(
                "sampled keys",
                format!(
                    "{} ({} distinct)",
                    count(k.sample_keys),
                    count(k.distinct_keys)
                ),
            ),
            pair(
                "busiest partition",
                format!("{}% of messages", number(k.busiest_share * 100.0)),
            ),
            pair("imbalance (max / mean)", number(k.imbalance)),
            pair(
                "most frequent key",
                format!("\"{}\" ({}%)", k.top_key, number(k.top_key_share * 100.0)),
            ),
        ],
    })
}

fn settings(title: &str, settings: &[ClientSetting]) -> Section {
    Section::Table {
        title: title.to_string(),
        header: strings(["Setting", "Value", "Reason"]),
        rows: settings
            .iter()
            .map(|s| vec![s.key.clone(), s.value.clone(), s.reason.clone()])
            .collect(),
    }
}

fn dead_letter(plan: &Plan) -> Option<Section> {
    let dl = plan.dead_letter.as_ref()?;
    Some(Section::Table {
        title: "Dead letter topic".to_string(),
        header: strings(["Item", "Value"]),
        rows: vec![
            pair("topic", dl.topic.clone()),
            pair(
                "partitions",
                format!("{} (same as the topic)", count(dl.partitions)),
            ),
            pair("retries", format!("{} before dead-lettering", dl.retries)),
            pair("backoff", ms(dl.backoff_ms as f64)),
        ],
    })
}
