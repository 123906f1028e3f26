//! TOML text -> validated [`Request`], reporting every problem of the file at once.

use std::path::Path;

use super::positions::KeyPositions;
use super::spec::{DEFAULT_BACKOFF_MS, DEFAULT_RETRIES, REQUEST};
use super::{
    DeadLetter, Delivery, GroupProtocol, LatencySource, LatencyUnit, Limits, Publish, Request,
    Subscribe, Topic, TopicType,
};
use crate::diagnostic::Diagnostic;
use crate::i18n::Message;
use crate::input::fields::{Fields, Table, parse_toml, shown};
use crate::input::file::{read_text, without_bom};
use crate::model::service::MAX_P99_OVER_MEAN;

/// Reads and validates a request file.
pub fn load_request(path: &Path) -> Result<Request, Vec<Diagnostic>> {
    let text = read_text(path).map_err(|d| vec![d])?;
    parse_request(&text, path)
}

/// Parses request text; `path` names the file in problems and anchors relative paths.
pub fn parse_request(text: &str, path: &Path) -> Result<Request, Vec<Diagnostic>> {
    parse_request_located(text, path).map(|(request, _)| request)
}

/// Like [`parse_request`], and also where each key is written, for findings that point
/// at a field of a valid request (`kplan check`).
pub fn parse_request_located(
    text: &str,
    path: &Path,
) -> Result<(Request, KeyPositions), Vec<Diagnostic>> {
    let text = without_bom(text);
    let root = parse_toml(text, path)?;
    let base = path.parent().unwrap_or(Path::new("")).to_path_buf();
    let mut fields = Fields::new(path, text);
    let table = fields.root(&root, &REQUEST);
    let request = read_request(&mut fields, &table, &base);
    match request {
        Some(request) if fields.problems.is_empty() => {
            Ok((request, KeyPositions::collect(root.get_ref(), text)))
        }
        _ => {
            let mut problems = fields.problems;
            problems.sort_by_key(|d| d.line);
            Err(problems)
        }
    }
}

fn read_request(fields: &mut Fields, root: &Table, base: &Path) -> Option<Request> {
    let topic = read_topic(fields, root);
    let publish = read_publish(fields, root, base, topic.as_ref());
    let subscribe = read_subscribe(fields, root, base, topic.as_ref());
    let group = subscribe.as_ref().map(|s| s.group);
    let dead_letter = read_dead_letter(fields, root, group);
    let limits = read_limits(fields, root, topic.as_ref());
    Some(Request {
        topic: topic?,
        publish: publish?,
        subscribe: subscribe?,
        dead_letter,
        limits: limits?,
    })
}

fn read_topic(fields: &mut Fields, root: &Table) -> Option<Topic> {
    let table = fields.table(root, "topic")?;
    let name = fields.string(&table, "name");
    if let Some(Err(problem)) = name.as_deref().map(check_topic_name) {
        fields.says_at_key(&table, "name", problem);
    }
    let kind = fields.choice(&table, "type", &TopicType::ALL);
    let partition_key = fields.string(&table, "partition_key");
    let delivery = fields.choice(&table, "delivery", &Delivery::ALL);
    Some(Topic {
        name: name.filter(|n| check_topic_name(n).is_ok())?,
        kind: kind?,
        partition_key,
        delivery: delivery?,
    })
}

/// Kafka's own rule for topic names.
pub fn check_topic_name(name: &str) -> Result<(), Message> {
    if name == "." || name == ".." {
        return Err(Message::new("input-topic-name-dots").arg("name", name));
    }
    if name.len() > 249 {
        return Err(Message::new("input-topic-name-long").arg("length", name.len().to_string()));
    }
    match name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')))
    {
        Some(c) => Err(Message::new("input-topic-name-char").arg("char", format!("{c:?}"))),
        None => Ok(()),
    }
}

fn read_publish(
    fields: &mut Fields,
    root: &Table,
    base: &Path,
    topic: Option<&Topic>,
) -> Option<Publish> {
    let table = fields.table(root, "publish")?;
    let max_messages = fields.integer(&table, "max_messages");
    let message_bytes = fields.integer(&table, "message_bytes");
    let max_message_bytes = fields.integer(&table, "max_message_bytes");
    if let (Some(avg), Some(max)) = (message_bytes, max_message_bytes) {
        if max < avg {
            let message = Message::new("input-max-below-average")
                .arg("max", max.to_string())
                .arg("average", avg.to_string());
            fields.says_at_key(&table, "max_message_bytes", message);
        }
    }
    let key_sample_file = fields.string(&table, "key_sample_file");
    if key_sample_file.is_some() && topic.is_some_and(|t| t.partition_key.is_none()) {
        let message = Message::new("input-key-sample-unkeyed");
        fields.says_at_key(&table, "key_sample_file", message);
    }
    Some(Publish {
        max_messages: max_messages?,
        message_bytes: message_bytes?,
        max_message_bytes,
        key_sample_file: key_sample_file.map(|f| base.join(f)),
    })
}

fn read_subscribe(
    fields: &mut Fields,
    root: &Table,
    base: &Path,
    topic: Option<&Topic>,
) -> Option<Subscribe> {
    let table = fields.table(root, "subscribe")?;
    let target_minutes = fields.number_worded(&table, "target_minutes", Some(target_minutes_range));
    let latency = read_latency_source(fields, &table, base);
    let concurrency = fields.integer(&table, "concurrency");
    if concurrency.is_some_and(|c| c > 1) && topic.is_some_and(|t| t.partition_key.is_some()) {
        let message = Message::new("input-concurrency-keyed");
        fields.says_at_key(&table, "concurrency", message);
    }
    let max_delay_ms = fields.number(&table, "max_delay_ms");
    if max_delay_ms.is_some() && topic.is_some_and(|t| t.kind == TopicType::Batch) {
        let message = Message::new("input-online-only-delay");
        fields.says_at_key(&table, "max_delay_ms", message);
    }
    let group = read_group(fields, &table, topic);
    Some(Subscribe {
        target_minutes: target_minutes?,
        latency: latency?,
        concurrency: concurrency.map_or(1, |c| c as u32),
        max_delay_ms,
        group: group?,
    })
}

/// A target outside one second to a year, in those words.
pub fn target_minutes_range(minutes: f64) -> Message {
    Message::new("input-target-minutes-range").arg("found", shown(minutes))
}

/// `group`, classic by default. A share group hands records to any consumer, so it
/// cannot keep per-key order or take part in a transaction.
fn read_group(fields: &mut Fields, table: &Table, topic: Option<&Topic>) -> Option<GroupProtocol> {
    let group = if table.has("group") {
        fields.choice(table, "group", &GroupProtocol::ALL)?
    } else {
        GroupProtocol::Classic
    };
    if group == GroupProtocol::Share {
        if topic.is_some_and(|t| t.partition_key.is_some()) {
            fields.says_at_key(table, "group", Message::new("input-share-keyed"));
        }
        if topic.is_some_and(|t| t.delivery == Delivery::ExactlyOnce) {
            fields.says_at_key(table, "group", Message::new("input-share-exactly-once"));
        }
    }
    Some(group)
}

fn read_latency_source(fields: &mut Fields, table: &Table, base: &Path) -> Option<LatencySource> {
    let file = fields.string(table, "latency_file");
    let unit = fields.choice(table, "latency_unit", &LatencyUnit::ALL);
    let column = fields.string(table, "latency_column");
    let summary = fields.table(table, "latency_ms");
    let histogram = fields.string(table, "latency_histogram_file");
    let metric = fields.string(table, "latency_metric");
    let labels = fields.string_table(table, "latency_labels");
    // Each key that needs another, with the `input-applies-only-with` variant naming it.
    let mut dependent = vec![
        ("latency_column", column.is_some(), file.is_some(), "file"),
        (
            "latency_unit",
            unit.is_some(),
            file.is_some() || histogram.is_some(),
            "file-or-histogram",
        ),
    ];
    for key in ["latency_metric", "latency_labels"] {
        let holds = histogram.is_some() || table.has("latency_histogram_file");
        dependent.push((key, table.has(key), holds, "histogram"));
    }
    for (key, set, allowed, with) in dependent {
        if set && !allowed {
            let message = Message::new("input-applies-only-with").arg("with", with);
            fields.says_at_key(table, key, message);
        }
    }
    let given: Vec<&str> = [
        ("latency_file", table.has("latency_file")),
        ("latency_ms", table.has("latency_ms")),
        (
            "latency_histogram_file",
            table.has("latency_histogram_file"),
        ),
    ]
    .into_iter()
    .filter_map(|(key, set)| set.then_some(key))
    .collect();
    if given.len() > 1 {
        let last = given[given.len() - 1];
        let message = Message::new("input-one-latency-source")
            .arg_message("given", and_list(given[0], &given[1..]));
        fields.says_at_key(table, last, message);
        return None;
    }
    match (file, summary, histogram) {
        (Some(file), _, _) => Some(LatencySource::Samples {
            path: base.join(file),
            unit: unit.unwrap_or(LatencyUnit::Ms),
            column,
        }),
        (_, Some(summary), _) => read_latency_summary(fields, &summary),
        (_, _, Some(file)) => {
            if metric.is_none() && !table.has("latency_metric") {
                let message = Message::new("input-latency-metric-missing");
                fields.says_at_key(table, "latency_metric", message);
            }
            if let Some(Err(problem)) = metric.as_deref().map(check_metric_name) {
                fields.says_at_key(table, "latency_metric", problem);
                return None;
            }
            Some(LatencySource::Histogram {
                path: base.join(file),
                metric: metric?,
                labels: labels.unwrap_or_default(),
                unit,
            })
        }
        _ if !given.is_empty() => None,
        _ => {
            let message = Message::new("input-latency-source-missing");
            fields.says_at_key(table, "latency_file", message);
            None
        }
    }
}

/// Keys named one after another: `a and b and c` (`list-and`, nested).
fn and_list(first: &str, rest: &[&str]) -> Message {
    let list = Message::new("list-and").arg("first", first);
    match rest {
        [next, more @ ..] if !more.is_empty() => list.arg_message("rest", and_list(next, more)),
        _ => list.arg("rest", rest.concat()),
    }
}

/// Prometheus's rule for metric names, without the histogram's own suffixes.
pub fn check_metric_name(name: &str) -> Result<(), Message> {
    let mut chars = name.chars();
    let first_ok = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == ':');
    if !first_ok || !chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':') {
        return Err(Message::new("input-metric-name").arg("name", name));
    }
    for suffix in ["_bucket", "_sum", "_count"] {
        if let Some(base) = name.strip_suffix(suffix) {
            return Err(Message::new("input-metric-suffix")
                .arg("base", base)
                .arg("suffix", suffix));
        }
    }
    Ok(())
}

fn read_latency_summary(fields: &mut Fields, summary: &Table) -> Option<LatencySource> {
    let mean_ms = fields.number(summary, "mean");
    let p99_ms = fields.number(summary, "p99");
    if let (Some(mean), Some(p99)) = (mean_ms, p99_ms) {
        if p99 < mean {
            let message = Message::new("input-p99-below-mean")
                .arg("p99", p99.to_string())
                .arg("mean", mean.to_string());
            fields.says_at_key(summary, "p99", message);
            return None;
        }
        if p99 > MAX_P99_OVER_MEAN * mean {
            let message = Message::new("input-p99-over-mean")
                .arg("ratio", MAX_P99_OVER_MEAN.to_string())
                .arg("p99", p99.to_string())
                .arg("mean", mean.to_string());
            fields.says_at_key(summary, "p99", message);
            return None;
        }
    }
    Some(LatencySource::Summary {
        mean_ms: mean_ms?,
        p99_ms,
    })
}

/// A share group delivers a record at most `share.delivery.count.limit` times (2..10):
/// the retries and the first attempt.
const SHARE_RETRIES: std::ops::RangeInclusive<u64> = 1..=9;

fn read_dead_letter(
    fields: &mut Fields,
    root: &Table,
    group: Option<GroupProtocol>,
) -> Option<DeadLetter> {
    let table = fields.table(root, "dead_letter")?;
    let retries = fields.integer(&table, "retries");
    let share_retries = if table.has("retries") {
        retries
    } else {
        Some(DEFAULT_RETRIES)
    };
    if group == Some(GroupProtocol::Share)
        && share_retries.is_some_and(|r| !SHARE_RETRIES.contains(&r))
    {
        let found = share_retries.unwrap_or(0).to_string();
        let message = Message::new("input-share-retries").arg("found", found);
        fields.says_at_key(&table, "retries", message);
    }
    let backoff_ms = fields.integer(&table, "backoff_ms");
    Some(DeadLetter {
        retries: retries.unwrap_or(DEFAULT_RETRIES) as u32,
        backoff_ms: backoff_ms.unwrap_or(DEFAULT_BACKOFF_MS),
    })
}

fn read_limits(fields: &mut Fields, root: &Table, topic: Option<&Topic>) -> Option<Limits> {
    let Some(table) = fields.table(root, "limits") else {
        return Some(Limits::default());
    };
    let max_partitions = fields.integer(&table, "max_partitions");
    let headroom = fields.number(&table, "headroom");
    let max_utilization = fields.number(&table, "max_utilization");
    if max_utilization.is_some() && topic.is_some_and(|t| t.kind == TopicType::Batch) {
        let message = Message::new("input-online-only-utilization");
        fields.says_at_key(&table, "max_utilization", message);
    }
    let write_rate = fields.number(&table, "partition_write_bytes_per_sec");
    let drain_confidence = fields.number(&table, "drain_confidence");
    if drain_confidence.is_some() && topic.is_some_and(|t| t.kind == TopicType::Online) {
        let message = Message::new("input-batch-only-drain");
        fields.says_at_key(&table, "drain_confidence", message);
    }
    let (replication_factor, min_insync_replicas) = read_replication(fields, &table);
    Some(Limits {
        replication_factor,
        min_insync_replicas,
        max_partitions: max_partitions.map(|p| p as u32),
        drain_confidence,
        headroom,
        max_utilization,
        partition_write_bytes_per_sec: write_rate,
    })
}

/// The replication factor and min.insync.replicas; the pair is checked against each other
/// here when both are given, and against the profile's value when one is (`load`).
fn read_replication(fields: &mut Fields, table: &Table) -> (Option<u32>, Option<u32>) {
    let replication_factor = fields.integer(table, "replication_factor");
    let min_insync_replicas = fields.integer(table, "min_insync_replicas");
    if let (Some(rf), Some(min_isr)) = (replication_factor, min_insync_replicas) {
        if min_isr > rf {
            fields.says_at_key(
                table,
                "min_insync_replicas",
                min_insync_above_replication(min_isr, rf),
            );
        }
    }
    (
        replication_factor.map(|r| r as u32),
        min_insync_replicas.map(|m| m as u32),
    )
}

/// Why min.insync.replicas above the replication factor cannot work.
pub fn min_insync_above_replication(min_isr: u64, replication_factor: u64) -> Message {
    Message::new("input-min-isr-above-replication")
        .arg("min_isr", min_isr.to_string())
        .arg("replication_factor", replication_factor.to_string())
}
