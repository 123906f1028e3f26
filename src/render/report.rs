//! The plan as a document of titled sections, built once and drawn by the table,
//! Markdown and Jira renderers, so all three show the same content.

use super::yaml::application_yml;
use crate::clients::{Client, ClientConfig, ClientSetting, client_config};
use crate::human::{bytes, count, number};
use crate::model::delay::DelayMethod;
use crate::model::service::ServiceShape;
use crate::model::{Plan, Status};
use crate::request::TopicType;
use crate::words;

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
    sections.extend(super::group::sections(plan));
    sections.extend(dead_letter(plan));
    let warnings: Vec<String> = plan.warnings.iter().map(words::warning).collect();
    let guidance: Vec<String> = plan.guidance.iter().map(words::guidance).collect();
    for (title, items) in [("Warnings", &warnings), ("Guidance", &guidance)] {
        if !items.is_empty() {
            sections.push(Section::List {
                title: title.to_string(),
                items: items.clone(),
            });
        }
    }
    sections
}

/// The sections of the formats pasted into tickets and pull requests (Markdown, Jira):
/// every section of the plan, then the client settings as files to copy.
pub fn ticket_sections(plan: &Plan, config: &ClientConfig) -> Vec<Section> {
    let mut sections = sections_for(plan, config);
    sections.extend(properties(config));
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
            items: config.notes.iter().map(words::client_note).collect(),
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
    rows.extend(prediction_rows(plan));
    Section::Table {
        title: "Plan".to_string(),
        header: strings(["Item", "Value"]),
        rows,
    }
}

/// What the model predicts at the recommended count, and how.
fn prediction_rows(plan: &Plan) -> Vec<Vec<String>> {
    let p = &plan.predicted;
    match plan.kind {
        TopicType::Online => vec![
            pair(
                "Predicted p99 delay",
                match (p.p99_delay_ms, plan.inputs.max_delay_ms) {
                    (Some(d), Some(objective)) => {
                        format!("{} (objective {})", ms(d), ms(objective))
                    }
                    (Some(d), None) => ms(d),
                    (None, _) => "unbounded: consumers cannot keep up".to_string(),
                },
            ),
            pair("Delay method", delay_method(p.method)),
        ],
        TopicType::Batch => {
            let drain = p.drain_minutes;
            let confidence = plan.inputs.drain_confidence.unwrap_or(0.95);
            vec![
                pair(
                    "Predicted drain time",
                    format!(
                        "p50 {} min, p95 {} min (target {} min)",
                        number(drain.map_or(f64::INFINITY, |d| d.p50)),
                        number(drain.map_or(f64::INFINITY, |d| d.p95)),
                        number(plan.inputs.target_minutes)
                    ),
                ),
                pair(
                    "Drain method",
                    format!(
                        "the slowest partition's sum of processing times (normal, skew-corrected); {}% of runs drain within {} min",
                        number(confidence * 100.0),
                        number(p.drain_minutes_at_confidence.unwrap_or(f64::INFINITY))
                    ),
                ),
            ]
        }
    }
}

fn delay_method(method: Option<DelayMethod>) -> String {
    match method {
        Some(DelayMethod::MG1Lattice { low_ms, high_ms }) => format!(
            "M/G/1, exact to within {} to {} (Pollaczek-Khinchine, numerically)",
            ms(low_ms),
            ms(high_ms)
        ),
        Some(DelayMethod::MGCSimulation { messages, seed }) => format!(
            "M/G/c: the partition's queue simulated, {} messages, seed {seed}",
            count(messages)
        ),
        None => "-".to_string(),
    }
}

/// The processing-time distribution the predictions assumed, in words.
pub fn latency_shape(shape: &ServiceShape) -> String {
    match *shape {
        ServiceShape::Empirical { samples } => {
            format!(
                "the {} measured samples, each equally likely",
                count(samples)
            )
        }
        ServiceShape::Histogram {
            buckets,
            exact_mean,
            tail,
        } => {
            let mean = if exact_mean {
                "the mean from _sum / _count"
            } else {
                "no _sum: the mean from the buckets"
            };
            let beyond = tail.map_or(String::new(), |t| {
                format!(
                    "; {}% above the last bound, {}, taken up to {}",
                    number(t.share * 100.0),
                    ms(t.last_bound_ms),
                    ms(t.high_ms)
                )
            });
            format!(
                "from a histogram of {} buckets, uniform within each bucket ({mean}){beyond}",
                count(buckets)
            )
        }
        ServiceShape::Exponential { mean_ms } => {
            format!("exponential with mean {} (no p99 given)", ms(mean_ms))
        }
        ServiceShape::Fixed { mean_ms } => format!("every message takes {}", ms(mean_ms)),
        ServiceShape::Lognormal {
            mean_ms,
            p99_ms,
            sigma,
        } => format!(
            "lognormal with mean {} and p99 {} (sigma {})",
            ms(mean_ms),
            ms(p99_ms),
            number(sigma)
        ),
        ServiceShape::Mixture {
            fast_mean_ms,
            slow_ms,
            slow_share,
        } => format!(
            "two-part mixture: {}% exponential with mean {}, {}% taking {} (p99 / mean is beyond any lognormal)",
            number((1.0 - slow_share) * 100.0),
            ms(fast_mean_ms),
            number(slow_share * 100.0),
            ms(slow_ms)
        ),
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
            match (&i.latency_file, &i.latency_histogram_file) {
                (Some(p), _) => format!("samples: {p}"),
                (None, Some(p)) => format!("Prometheus metrics: {p}"),
                (None, None) => "summary (mean, p99)".to_string(),
            },
        ),
        pair("Latency shape", latency_shape(&i.latency_shape)),
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
            pair("batch deadline", optional(n.deadline)),
            pair("key skew", optional(n.key_skew)),
        ],
    }
}

fn fits_under_cap(plan: &Plan) -> Option<Section> {
    let fit = plan.fits_under_cap?;
    // Why a consumer-side change cannot fit: the producers, or for threads, key order.
    let producers = fit.producers_need.map(|need| {
        format!(
            "- (the producers' byte rate alone needs {} partitions)",
            count(need)
        )
    });
    let concurrency = match (fit.concurrency, &producers) {
        (Some(c), _) => format!("{c} threads per partition"),
        (None, Some(why)) => why.clone(),
        (None, None) if plan.inputs.partition_key.is_some() => {
            "- (keyed: threads would break key order)".to_string()
        }
        (None, None) => "- (no thread count meets the delay objective)".to_string(),
    };
    let latency = fit.mean_latency_ms.map_or_else(
        || producers.clone().unwrap_or_default(),
        |m| format!("at most {}", ms(m)),
    );
    let mut rows = vec![
        pair("concurrency", concurrency),
        pair("mean latency", latency),
        pair(
            "target",
            format!("at least {} min", number(fit.target_minutes)),
        ),
    ];
    if let Some(consumers) = fit.share_group_consumers {
        rows.push(pair(
            "group",
            format!(
                "group = \"share\" (Kafka 4.2+): {} consumers on the {} partitions",
                count(consumers),
                plan.cap
            ),
        ));
    }
    Some(Section::Table {
        title: format!("What fits under the cap of {}", plan.cap),
        header: strings(["Change one of", "To"]),
        rows,
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
            .map(|s| {
                let reason = words::client_reason(&s.reason);
                vec![s.key.clone(), s.value.clone(), reason]
            })
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
