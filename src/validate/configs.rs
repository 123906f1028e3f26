//! Checks on configuration values: min.insync.replicas against acks=all,
//! max.message.bytes against the largest message and max.request.size, retention against
//! the target window. A topic value wins; without one, the broker's default applies; a
//! value neither gave is reported as not checked.

use super::{Check, Context, Finding, span};
use crate::cluster::{Answer, Configs};
use crate::human::{count, number};
use crate::model::settings::{self, Acks, SettingValue};

pub fn findings(context: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    if context.topic.is_some() {
        findings.push(min_insync_replicas(context));
    }
    findings.push(max_message_bytes(context));
    findings.extend(retention(context));
    findings
}

/// Where a configuration value came from.
struct Value {
    number: i64,
    /// `topic` or `broker default log.retention.hours`, for the message.
    source: String,
}

/// The topic's value of `topic_key`, else the broker's first of `broker_keys` (each
/// scaled to the topic key's unit); the error is why neither could be read.
fn effective(
    context: &Context,
    topic_key: &str,
    broker_keys: &[(&str, i64)],
) -> Result<Value, String> {
    let snapshot = context.snapshot;
    if let Answer::Answered(configs) = &snapshot.topic_config {
        if let Some(number) = parse(configs, topic_key) {
            return Ok(Value {
                number,
                source: "topic".to_string(),
            });
        }
    }
    if let Answer::Answered(configs) = &snapshot.broker_config {
        for (key, scale) in broker_keys {
            if let Some(number) = parse(configs, key) {
                return Ok(Value {
                    number: number.saturating_mul(*scale),
                    source: format!("broker default {key}"),
                });
            }
        }
    }
    Err(unread_reason(context))
}

fn parse(configs: &Configs, key: &str) -> Option<i64> {
    configs.get(key).and_then(|v| v.trim().parse().ok())
}

fn unread_reason(context: &Context) -> String {
    let snapshot = context.snapshot;
    if let (Answer::NotAnswered(topic), Answer::NotAnswered(broker)) =
        (&snapshot.topic_config, &snapshot.broker_config)
    {
        if topic == broker {
            return format!("the cluster did not describe its configuration ({topic})");
        }
    }
    let broker = match &snapshot.broker_config {
        Answer::Answered(_) => "the broker's configuration does not list it".to_string(),
        Answer::NotAnswered(why) => {
            format!("the broker did not describe its configuration ({why})")
        }
        Answer::NotAsked => "the broker's configuration was not read".to_string(),
    };
    match &snapshot.topic_config {
        Answer::Answered(_) => format!("the topic does not set it and {broker}"),
        Answer::NotAnswered(why) => {
            format!("the topic's configuration could not be read ({why}) and {broker}")
        }
        Answer::NotAsked => broker,
    }
}

fn min_insync_replicas(context: &Context) -> Finding {
    let check = Check::MinInsyncReplicas;
    let acks = match settings::find(&context.plan.producer, "acks").map(|s| &s.value) {
        Some(SettingValue::Acks(acks)) => *acks,
        _ => Acks::All,
    };
    let acks_all = acks == Acks::All;
    let acks = acks.as_str();
    let value = effective(
        context,
        "min.insync.replicas",
        &[("min.insync.replicas", 1)],
    );
    let replicas = context.topic.map_or(0, |t| t.replication_factor()) as i64;
    let min_isr = match value {
        Ok(v) => v,
        Err(why) if acks_all => {
            return Finding::not_checked(check, "min.insync.replicas", &why);
        }
        Err(_) => {
            return Finding::info(
                check,
                format!(
                    "producers use acks={acks}: they do not wait for replicas, so min.insync.replicas does not apply"
                ),
            );
        }
    };
    let m = min_isr.number;
    let source = &min_isr.source;
    if !acks_all {
        return Finding::info(
            check,
            format!(
                "producers use acks={acks}: they do not wait for replicas, so min.insync.replicas={m} ({source}) does not apply"
            ),
        );
    }
    if m > replicas {
        Finding::error(
            check,
            format!(
                "min.insync.replicas={m} ({source}) exceeds the replication factor {replicas}: every acks=all write fails with NOT_ENOUGH_REPLICAS"
            ),
        )
    } else if m == replicas {
        Finding::warning(
            check,
            format!(
                "min.insync.replicas={m} ({source}) equals the replication factor: one broker down stops acks=all writes"
            ),
        )
    } else if m <= 1 {
        Finding::warning(
            check,
            format!(
                "min.insync.replicas={m} ({source}): an acks=all write can be acknowledged by the leader alone and lost with it; set 2"
            ),
        )
    } else {
        Finding::info(
            check,
            format!(
                "acks=all with min.insync.replicas={m} ({source}) of {replicas} replicas: writes go on through {} broker failure(s)",
                replicas - m
            ),
        )
    }
}

fn max_message_bytes(context: &Context) -> Finding {
    let check = Check::MaxMessageBytes;
    let inputs = &context.plan.inputs;
    let (largest, label) = match inputs.max_message_bytes {
        Some(bytes) => (bytes, "the largest message"),
        None => (
            inputs.message_bytes,
            "the average message (no max_message_bytes given)",
        ),
    };
    let limit = match effective(context, "max.message.bytes", &[("message.max.bytes", 1)]) {
        Ok(limit) => limit,
        Err(why) => return Finding::not_checked(check, "max.message.bytes", &why),
    };
    let bytes = |n: i64| format!("{} bytes", count(n.max(0) as u64));
    let limit_text = format!(
        "max.message.bytes {} ({})",
        bytes(limit.number),
        limit.source
    );
    if largest as i64 > limit.number {
        return Finding::error(
            check,
            format!(
                "{label} ({}) exceeds {limit_text}: producers get RecordTooLargeException; raise it to at least {}",
                bytes(largest as i64),
                bytes(largest as i64)
            ),
        );
    }
    let request_size = settings::integer(&context.plan.producer, "max.request.size")
        .and_then(|v| i64::try_from(v).ok());
    match request_size {
        Some(request) if request > limit.number => Finding::warning(
            check,
            format!(
                "the plan's max.request.size ({}) is above {limit_text}: a record between the two passes the producer and is rejected by the broker; align them",
                bytes(request)
            ),
        ),
        _ => Finding::info(
            check,
            format!("{limit_text} takes {label} ({})", bytes(largest as i64)),
        ),
    }
}

fn retention(context: &Context) -> Vec<Finding> {
    let check = Check::Retention;
    let policy = effective_text(context, "cleanup.policy", "log.cleanup.policy");
    if policy.as_deref().is_some_and(|p| !p.contains("delete")) {
        return vec![Finding::info(
            check,
            "cleanup.policy=compact: records are compacted by key, not deleted by age; not compared with the target window",
        )];
    }
    let window_ms = context.plan.inputs.target_minutes * 60_000.0;
    let time = effective(
        context,
        "retention.ms",
        &[
            ("log.retention.ms", 1),
            ("log.retention.minutes", 60_000),
            ("log.retention.hours", 3_600_000),
        ],
    );
    let mut findings = vec![match time {
        Err(why) => Finding::not_checked(check, "retention.ms", &why),
        Ok(v) => retention_time(v, window_ms, context.plan.inputs.target_minutes),
    }];
    findings.extend(retention_bytes(context));
    findings
}

fn retention_time(retention: Value, window_ms: f64, target_minutes: f64) -> Finding {
    let check = Check::Retention;
    let ms = retention.number;
    if ms < 0 {
        return Finding::info(
            check,
            format!(
                "retention.ms={ms} ({}): records are kept until deleted",
                retention.source
            ),
        );
    }
    let text = format!(
        "retention.ms {} ({}, {})",
        count(ms as u64),
        span(ms as f64),
        retention.source
    );
    let target = format!("the {}-minute target window", number(target_minutes));
    let ms = ms as f64;
    if ms < window_ms {
        Finding::error(
            check,
            format!(
                "{text} is shorter than {target}: records are deleted before consumers are due to read them; set retention.ms to at least {}",
                count(window_ms.ceil() as u64)
            ),
        )
    } else if ms < 2.0 * window_ms {
        Finding::warning(
            check,
            format!(
                "{text} is less than twice {target}: no room to consume again after a failed run"
            ),
        )
    } else {
        Finding::info(
            check,
            format!("{text} outlives {target} {} times", number(ms / window_ms)),
        )
    }
}

/// A size limit per partition must hold one window of messages.
fn retention_bytes(context: &Context) -> Option<Finding> {
    let limit = effective(context, "retention.bytes", &[("log.retention.bytes", 1)]).ok()?;
    if limit.number < 0 {
        return None;
    }
    let inputs = &context.plan.inputs;
    let per_partition = inputs.max_messages as f64 * inputs.message_bytes as f64
        / context.partitions_after() as f64;
    let text = format!(
        "retention.bytes {} ({}) per partition",
        count(limit.number as u64),
        limit.source
    );
    Some(if (limit.number as f64) < per_partition {
        Finding::error(
            Check::Retention,
            format!(
                "{text} holds less than the window's {} bytes per partition: records are deleted by size before they are consumed",
                count(per_partition.ceil() as u64)
            ),
        )
    } else {
        Finding::info(
            Check::Retention,
            format!(
                "{text} holds the window's {} bytes per partition",
                count(per_partition.ceil() as u64)
            ),
        )
    })
}

fn effective_text(context: &Context, topic_key: &str, broker_key: &str) -> Option<String> {
    let snapshot = context.snapshot;
    let from = |answer: &Answer<Configs>, key: &str| match answer {
        Answer::Answered(configs) => configs.get(key).cloned(),
        _ => None,
    };
    from(&snapshot.topic_config, topic_key).or_else(|| from(&snapshot.broker_config, broker_key))
}
