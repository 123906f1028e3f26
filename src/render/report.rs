//! The plan as a document of titled sections, built once and drawn by the table,
//! Markdown and Jira renderers, so all three show the same content.

use super::yaml::application_yml;
use crate::clients::{Client, ClientConfig, ClientSetting, client_config};
use crate::human::{bytes, count, number};
use crate::i18n::{Lang, Message};
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

/// A header row of message ids, in `lang`.
fn header<const N: usize>(lang: Lang, ids: [&str; N]) -> Vec<String> {
    ids.iter().map(|id| lang.text(id)).collect()
}

/// A row: the label message `id` and a value.
fn pair(lang: Lang, id: &str, value: String) -> Vec<String> {
    vec![lang.text(id), value]
}

/// `yes` for a share group, whose consumers are not one per partition.
fn share_group(plan: &Plan) -> &'static str {
    if plan.is_share_group() { "yes" } else { "no" }
}

fn ms(x: f64) -> String {
    format!("{} ms", number(x))
}

/// `id` with arguments, in `lang`.
fn say(lang: Lang, id: &str, args: &[(&'static str, String)]) -> String {
    lang.format(id, args)
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
pub fn headline(lang: Lang, plan: &Plan) -> String {
    say(
        lang,
        "plan-headline",
        &[
            ("topic", plan.topic.clone()),
            ("type", plan.kind.as_str().to_string()),
            ("status", plan.status.as_str().to_string()),
        ],
    )
}

/// The report with the settings in the Java client's names.
pub fn sections(lang: Lang, plan: &Plan) -> Vec<Section> {
    sections_for(lang, plan, &client_config(plan, Client::Java))
}

/// The report with the settings in `config`'s dialect.
pub fn sections_for(lang: Lang, plan: &Plan, config: &ClientConfig) -> Vec<Section> {
    let mut sections = vec![
        summary(lang, plan),
        inputs(lang, plan),
        latency(lang, plan),
        needs(lang, plan),
    ];
    sections.extend(fits_under_cap(lang, plan));
    sections.extend(key_spread(lang, plan));
    sections.extend(client_sections(lang, config));
    sections.extend(super::group::sections(lang, plan));
    sections.extend(dead_letter(lang, plan));
    let warnings: Vec<String> = plan
        .warnings
        .iter()
        .map(|w| words::warning(lang, w))
        .collect();
    let guidance: Vec<String> = plan
        .guidance
        .iter()
        .map(|g| words::guidance(lang, g))
        .collect();
    for (title, items) in [
        ("section-warnings", &warnings),
        ("section-guidance", &guidance),
    ] {
        if !items.is_empty() {
            sections.push(Section::List {
                title: lang.text(title),
                items: items.clone(),
            });
        }
    }
    sections
}

/// The sections of the formats pasted into tickets and pull requests (Markdown, Jira):
/// every section of the plan, then the client settings as files to copy.
pub fn ticket_sections(lang: Lang, plan: &Plan, config: &ClientConfig) -> Vec<Section> {
    let mut sections = sections_for(lang, plan, config);
    sections.extend(properties(lang, config));
    sections
}

/// `what`, or `what (client)` for a client other than Java's.
fn for_client(lang: Lang, what: String, client: Client) -> String {
    match client {
        Client::Java => what,
        client => say(
            lang,
            "for-client",
            &[
                ("what", what),
                ("client", words::client_title(lang, client)),
            ],
        ),
    }
}

/// The settings as `producer.properties` and `consumer.properties` files, or Spring
/// Boot's `application.yml`.
pub fn properties(lang: Lang, config: &ClientConfig) -> Vec<Section> {
    let file = |title: &str, settings: &[ClientSetting]| Section::Properties {
        title: for_client(lang, title.to_string(), config.client),
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
            lines: application_yml(lang, config, false),
        }],
    }
}

/// Settings tables, then what the client needs besides its settings.
fn client_sections(lang: Lang, config: &ClientConfig) -> Vec<Section> {
    let title = |id: &str| for_client(lang, lang.text(id), config.client);
    let mut sections = vec![
        settings(lang, &title("section-producer-settings"), &config.producer),
        settings(lang, &title("section-consumer-settings"), &config.consumer),
    ];
    if !config.listener.is_empty() {
        sections.push(settings(
            lang,
            &title("section-listener-settings"),
            &config.listener,
        ));
    }
    if !config.notes.is_empty() {
        sections.push(Section::List {
            title: say(
                lang,
                "section-client-notes",
                &[("client", words::client_title(lang, config.client))],
            ),
            items: config
                .notes
                .iter()
                .map(|n| words::client_note(lang, n))
                .collect(),
        });
    }
    sections.extend(config.snippets.iter().map(|snippet| Section::Code {
        title: snippet.title.clone(),
        language: snippet.language,
        lines: snippet.lines.clone(),
    }));
    sections
}

fn summary(lang: Lang, plan: &Plan) -> Section {
    let status = match plan.status {
        Status::Ok => lang.text("status-ok"),
        Status::OverCap => say(
            lang,
            "status-over-cap",
            &[
                ("needed", count(plan.needed)),
                ("cap", plan.cap.to_string()),
            ],
        ),
        Status::Infeasible => lang.text("status-infeasible"),
    };
    let mut rows = vec![
        pair(lang, "row-status", status),
        pair(lang, "row-required-tps", number(plan.required_tps)),
        pair(
            lang,
            "row-planned-tps",
            say(
                lang,
                "value-planned-tps",
                &[
                    ("tps", number(plan.planned_tps)),
                    ("headroom", number(plan.inputs.headroom)),
                ],
            ),
        ),
        pair(
            lang,
            "row-per-partition-tps",
            say(
                lang,
                "value-per-partition-tps",
                &[
                    ("tps", number(plan.per_partition_tps)),
                    ("threads", plan.inputs.concurrency.to_string()),
                    ("mean", ms(plan.latency_ms.mean)),
                ],
            ),
        ),
        pair(
            lang,
            "row-partitions",
            say(
                lang,
                "value-partitions",
                &[
                    ("recommended", count(plan.recommended)),
                    ("needed", count(plan.needed)),
                    ("cap", plan.cap.to_string()),
                ],
            ),
        ),
        pair(
            lang,
            "row-consumers",
            say(
                lang,
                "value-consumers",
                &[
                    ("consumers", count(plan.consumers)),
                    ("share", share_group(plan).to_string()),
                ],
            ),
        ),
        pair(
            lang,
            "row-utilisation",
            say(
                lang,
                "value-utilisation",
                &[
                    ("percent", number(plan.predicted.utilization * 100.0)),
                    ("ceiling", number(plan.inputs.max_utilization * 100.0)),
                ],
            ),
        ),
    ];
    rows.extend(prediction_rows(lang, plan));
    Section::Table {
        title: lang.text("section-plan"),
        header: header(lang, ["header-item", "header-value"]),
        rows,
    }
}

/// What the model predicts at the recommended count, and how.
fn prediction_rows(lang: Lang, plan: &Plan) -> Vec<Vec<String>> {
    let p = &plan.predicted;
    match plan.kind {
        TopicType::Online => vec![
            pair(
                lang,
                "row-predicted-delay",
                match (p.p99_delay_ms, plan.inputs.max_delay_ms) {
                    (Some(d), Some(objective)) => say(
                        lang,
                        "value-delay-with-objective",
                        &[("delay", ms(d)), ("objective", ms(objective))],
                    ),
                    (Some(d), None) => ms(d),
                    (None, _) => lang.text("value-delay-unbounded"),
                },
            ),
            pair(lang, "row-delay-method", delay_method(lang, p.method)),
        ],
        TopicType::Batch => {
            let drain = p.drain_minutes;
            let confidence = plan.inputs.drain_confidence.unwrap_or(0.95);
            vec![
                pair(
                    lang,
                    "row-predicted-drain",
                    say(
                        lang,
                        "value-predicted-drain",
                        &[
                            ("p50", number(drain.map_or(f64::INFINITY, |d| d.p50))),
                            ("p95", number(drain.map_or(f64::INFINITY, |d| d.p95))),
                            ("target", number(plan.inputs.target_minutes)),
                        ],
                    ),
                ),
                pair(
                    lang,
                    "row-drain-method",
                    say(
                        lang,
                        "value-drain-method",
                        &[
                            ("percent", number(confidence * 100.0)),
                            (
                                "minutes",
                                number(p.drain_minutes_at_confidence.unwrap_or(f64::INFINITY)),
                            ),
                        ],
                    ),
                ),
            ]
        }
    }
}

fn delay_method(lang: Lang, method: Option<DelayMethod>) -> String {
    match method {
        Some(DelayMethod::MG1Lattice { low_ms, high_ms }) => say(
            lang,
            "method-mg1",
            &[("low", ms(low_ms)), ("high", ms(high_ms))],
        ),
        Some(DelayMethod::MGCSimulation { messages, seed }) => say(
            lang,
            "method-mgc",
            &[("messages", count(messages)), ("seed", seed.to_string())],
        ),
        None => "-".to_string(),
    }
}

/// The processing-time distribution the predictions assumed, in words.
pub fn latency_shape(lang: Lang, shape: &ServiceShape) -> String {
    let message = match *shape {
        ServiceShape::Empirical { samples } => {
            Message::new("shape-empirical").arg("samples", count(samples))
        }
        ServiceShape::Histogram {
            buckets,
            exact_mean,
            tail,
        } => {
            let mean = Message::new(if exact_mean {
                "shape-histogram-mean-exact"
            } else {
                "shape-histogram-mean-from-buckets"
            });
            let message = Message::new("shape-histogram")
                .arg("buckets", count(buckets))
                .arg_message("mean", mean);
            match tail {
                Some(t) => message.arg_message(
                    "tail",
                    Message::new("shape-histogram-tail")
                        .arg("percent", number(t.share * 100.0))
                        .arg("last_bound", ms(t.last_bound_ms))
                        .arg("high", ms(t.high_ms)),
                ),
                None => message.arg("tail", ""),
            }
        }
        ServiceShape::Exponential { mean_ms } => {
            Message::new("shape-exponential").arg("mean", ms(mean_ms))
        }
        ServiceShape::Fixed { mean_ms } => Message::new("shape-fixed").arg("mean", ms(mean_ms)),
        ServiceShape::Lognormal {
            mean_ms,
            p99_ms,
            sigma,
        } => Message::new("shape-lognormal")
            .arg("mean", ms(mean_ms))
            .arg("p99", ms(p99_ms))
            .arg("sigma", number(sigma)),
        ServiceShape::Mixture {
            fast_mean_ms,
            slow_ms,
            slow_share,
        } => Message::new("shape-mixture")
            .arg("fast_percent", number((1.0 - slow_share) * 100.0))
            .arg("fast_mean", ms(fast_mean_ms))
            .arg("slow_percent", number(slow_share * 100.0))
            .arg("slow", ms(slow_ms)),
    };
    message.render(lang)
}

fn minutes(lang: Lang, minutes: f64) -> String {
    say(lang, "value-minutes", &[("minutes", number(minutes))])
}

fn inputs(lang: Lang, plan: &Plan) -> Section {
    let i = &plan.inputs;
    let optional = |v: Option<String>| v.unwrap_or_else(|| "-".to_string());
    let rows = vec![
        pair(lang, "row-topic", plan.topic.clone()),
        pair(lang, "row-type", plan.kind.as_str().to_string()),
        pair(lang, "row-delivery", i.delivery.as_str().to_string()),
        pair(lang, "row-partition-key", optional(i.partition_key.clone())),
        pair(lang, "row-max-messages", count(i.max_messages)),
        pair(lang, "row-target", minutes(lang, i.target_minutes)),
        pair(lang, "row-message-size", bytes(i.message_bytes as f64)),
        pair(
            lang,
            "row-largest-message",
            optional(i.max_message_bytes.map(|b| bytes(b as f64))),
        ),
        pair(
            lang,
            "row-concurrency",
            say(
                lang,
                "value-concurrency",
                &[("threads", i.concurrency.to_string())],
            ),
        ),
        pair(
            lang,
            "row-delay-objective",
            optional(i.max_delay_ms.map(ms)),
        ),
        pair(
            lang,
            "row-latency-source",
            match (&i.latency_file, &i.latency_histogram_file) {
                (Some(p), _) => say(lang, "value-latency-samples", &[("file", p.clone())]),
                (None, Some(p)) => say(lang, "value-latency-histogram", &[("file", p.clone())]),
                (None, None) => lang.text("value-latency-summary"),
            },
        ),
        pair(
            lang,
            "row-latency-shape",
            latency_shape(lang, &i.latency_shape),
        ),
        pair(lang, "row-key-sample", optional(i.key_sample_file.clone())),
        pair(
            lang,
            "row-partition-write-rate",
            format!(
                "{} B/s ({}/s)",
                number(i.partition_write_bytes_per_sec),
                bytes(i.partition_write_bytes_per_sec)
            ),
        ),
    ];
    Section::Table {
        title: lang.text("section-inputs"),
        header: header(lang, ["header-input", "header-value"]),
        rows,
    }
}

fn latency(lang: Lang, plan: &Plan) -> Section {
    let s = &plan.latency_ms;
    let optional = |v: Option<f64>| v.map_or_else(|| "-".to_string(), number);
    let mut rows = vec![vec![
        "count".to_string(),
        s.count.map_or_else(|| "-".to_string(), count),
    ]];
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
        rows.push(vec![name.to_string(), optional(value)]);
    }
    Section::Table {
        title: lang.text("section-latency"),
        header: header(lang, ["header-statistic", "header-value"]),
        rows,
    }
}

fn needs(lang: Lang, plan: &Plan) -> Section {
    let n = &plan.needs;
    let optional = |v: Option<u64>| v.map_or_else(|| "-".to_string(), count);
    Section::Table {
        title: lang.text("section-needs"),
        header: header(lang, ["header-constraint", "header-partitions"]),
        rows: vec![
            pair(lang, "need-consumers", count(n.consumers)),
            pair(lang, "need-producer", count(n.producer)),
            pair(lang, "need-delay", optional(n.delay)),
            pair(lang, "need-deadline", optional(n.deadline)),
            pair(lang, "need-key-skew", optional(n.key_skew)),
        ],
    }
}

fn fits_under_cap(lang: Lang, plan: &Plan) -> Option<Section> {
    let fit = plan.fits_under_cap?;
    // Why a consumer-side change cannot fit: the producers, or for threads, key order.
    let producers = fit
        .producers_need
        .map(|need| say(lang, "fit-producers-need", &[("partitions", count(need))]));
    let concurrency = match (fit.concurrency, &producers) {
        (Some(c), _) => say(lang, "fit-threads", &[("threads", c.to_string())]),
        (None, Some(why)) => why.clone(),
        (None, None) if plan.inputs.partition_key.is_some() => lang.text("fit-keyed"),
        (None, None) => lang.text("fit-no-thread-count"),
    };
    let latency = fit.mean_latency_ms.map_or_else(
        || producers.clone().unwrap_or_default(),
        |m| say(lang, "fit-latency-at-most", &[("latency", ms(m))]),
    );
    let mut rows = vec![
        pair(lang, "fit-row-concurrency", concurrency),
        pair(lang, "fit-row-mean-latency", latency),
        pair(
            lang,
            "fit-row-target",
            say(
                lang,
                "fit-target-at-least",
                &[("minutes", number(fit.target_minutes))],
            ),
        ),
    ];
    if let Some(consumers) = fit.share_group_consumers {
        rows.push(pair(
            lang,
            "fit-row-group",
            say(
                lang,
                "fit-share-group",
                &[
                    ("consumers", count(consumers)),
                    ("partitions", plan.cap.to_string()),
                ],
            ),
        ));
    }
    Some(Section::Table {
        title: say(
            lang,
            "section-fits-under-cap",
            &[("cap", plan.cap.to_string())],
        ),
        header: header(lang, ["header-change-one-of", "header-to"]),
        rows,
    })
}

fn key_spread(lang: Lang, plan: &Plan) -> Option<Section> {
    let k = plan.key_spread.as_ref()?;
    Some(Section::Table {
        title: say(
            lang,
            "section-key-spread",
            &[("partitions", count(k.partitions))],
        ),
        header: header(lang, ["header-measure", "header-value"]),
        rows: vec![
            pair(
                lang,
                "key-sampled",
                say(
                    lang,
                    "value-sampled-keys",
                    &[
                        ("keys", count(k.sample_keys)),
                        ("distinct", count(k.distinct_keys)),
                    ],
                ),
            ),
            pair(
                lang,
                "key-busiest",
                say(
                    lang,
                    "value-busiest-share",
                    &[("percent", number(k.busiest_share * 100.0))],
                ),
            ),
            pair(lang, "key-imbalance", number(k.imbalance)),
            pair(
                lang,
                "key-most-frequent",
                format!("\"{}\" ({}%)", k.top_key, number(k.top_key_share * 100.0)),
            ),
        ],
    })
}

fn settings(lang: Lang, title: &str, settings: &[ClientSetting]) -> Section {
    Section::Table {
        title: title.to_string(),
        header: header(lang, ["header-setting", "header-value", "header-reason"]),
        rows: settings
            .iter()
            .map(|s| {
                let reason = words::client_reason(lang, &s.reason);
                vec![s.key.clone(), s.value.clone(), reason]
            })
            .collect(),
    }
}

fn dead_letter(lang: Lang, plan: &Plan) -> Option<Section> {
    let dl = plan.dead_letter.as_ref()?;
    Some(Section::Table {
        title: lang.text("section-dead-letter"),
        header: header(lang, ["header-item", "header-value"]),
        rows: vec![
            pair(lang, "dlt-topic", dl.topic.clone()),
            pair(
                lang,
                "dlt-partitions",
                say(
                    lang,
                    "value-dlt-partitions",
                    &[("partitions", count(dl.partitions))],
                ),
            ),
            pair(
                lang,
                "dlt-retries",
                say(
                    lang,
                    "value-dlt-retries",
                    &[("retries", dl.retries.to_string())],
                ),
            ),
            pair(lang, "dlt-backoff", ms(dl.backoff_ms as f64)),
        ],
    })
}
