//! What a profile may not say: each key outside its field's bounds (`spec`), and the
//! pairs of keys that would contradict each other.

use toml::de::{DeTable, DeValue};

use super::Profile;
use super::spec::{JAVA_INT_MAX, JAVA_LONG_MAX, PROFILE};
use crate::i18n::Message;
use crate::input::fields::{integer_value, number_value, shown};
use crate::input::spec::Kind;

/// Every problem of a profile, each with its dotted key: the values that would make the
/// model divide by zero or contradict itself, or put a setting the client refuses into
/// the plan.
pub fn problems(profile: &Profile, root: &DeTable<'_>) -> Vec<(String, Message)> {
    let mut problems: Vec<(String, Message)> = PROFILE
        .leaves()
        .into_iter()
        .filter_map(|(path, field)| {
            let value = value_at(root, &path)?;
            out_of_bounds(field.kind, value).map(|problem| (path, problem))
        })
        .collect();
    problems.extend(
        contradictions(profile)
            .into_iter()
            .map(|(key, problem)| (key.to_string(), problem)),
    );
    problems
}

/// The value at a dotted path, when the file gives one.
fn value_at<'a, 'i>(root: &'a DeTable<'i>, path: &str) -> Option<&'a DeValue<'i>> {
    let mut table = root;
    let mut parts = path.split('.').peekable();
    while let Some(part) = parts.next() {
        let value = table.get(part)?.get_ref();
        if parts.peek().is_none() {
            return Some(value);
        }
        let DeValue::Table(inner) = value else {
            return None;
        };
        table = inner;
    }
    None
}

/// Why `value` is outside what `kind` allows; `None` when it is within, or of a type the
/// profile's deserializer already refused.
fn out_of_bounds(kind: Kind, value: &DeValue<'_>) -> Option<Message> {
    match (kind, value) {
        (Kind::Integer { min, max }, DeValue::Integer(_)) => {
            let n = integer_value(value)?;
            let java_type = max == JAVA_INT_MAX || max == JAVA_LONG_MAX;
            if n > i128::from(max) && max == JAVA_INT_MAX {
                Some(Message::new("profile-java-int"))
            } else if n > i128::from(max) && max == JAVA_LONG_MAX {
                Some(Message::new("profile-java-long"))
            } else if n < i128::from(min) && java_type {
                Some(Message::new("profile-at-least").arg("low", min.to_string()))
            } else if n < i128::from(min) || n > i128::from(max) {
                Some(between(&min.to_string(), &max.to_string()))
            } else {
                None
            }
        }
        (Kind::Number { min, max, positive }, DeValue::Integer(_) | DeValue::Float(_)) => {
            let n = number_value(value)?;
            if positive && (n <= 0.0 || n > max) {
                let message = Message::new("profile-above-at-most");
                Some(message.arg("low", "0").arg("high", shown(max)))
            } else if n < min || n > max {
                Some(between(&shown(min), &shown(max)))
            } else {
                None
            }
        }
        (Kind::Choice(names), DeValue::String(text)) if !names.contains(&text.as_ref()) => {
            let quoted: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
            Some(Message::new("profile-one-of").arg("choices", quoted.join(", ")))
        }
        _ => None,
    }
}

fn between(low: &str, high: &str) -> Message {
    Message::new("profile-between")
        .arg("low", low)
        .arg("high", high)
}

/// Keys that are each within bounds but contradict one another.
fn contradictions(profile: &Profile) -> Vec<(&'static str, Message)> {
    let p = &profile.producer;
    let t = &profile.topic;
    let int = |v: u64| v <= JAVA_INT_MAX;
    let checks = [
        (
            "topic.min_insync_replicas",
            t.min_insync_replicas <= t.replication_factor,
            Message::new("profile-min-isr-within-replication"),
        ),
        (
            "producer.batch_size_min",
            p.batch_size_min <= p.batch_size_max,
            Message::new("profile-at-least-at-most")
                .arg("low", "1")
                .arg("high", "batch_size_max"),
        ),
        (
            "producer.buffer_memory_min",
            p.buffer_memory_min <= p.buffer_memory_max,
            Message::new("profile-at-least-at-most")
                .arg("low", "1")
                .arg("high", "buffer_memory_max"),
        ),
        (
            // delivery.timeout.ms is at least linger.ms + request.timeout.ms.
            "producer.request_timeout_ms",
            int(p.linger_ms.saturating_add(p.request_timeout_ms)),
            Message::new("profile-request-timeout"),
        ),
    ];
    checks
        .into_iter()
        .filter(|(_, ok, _)| !ok)
        .map(|(key, _, problem)| (key, problem))
        .collect()
}
