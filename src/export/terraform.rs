//! `kafka_topic` resources of the Mongey/kafka Terraform provider, in HCL.

use super::{ExportOptions, Lines};
use crate::model::Plan;
use crate::model::topic::{TopicDefinition, TopicRole, topic_definitions};
use crate::words::export as words;

pub fn render(plan: &Plan, options: &ExportOptions) -> String {
    let mut lines = Lines::default();
    let what = "Terraform kafka_topic resources (Mongey/kafka provider)";
    lines.comment(0, &words::generated_from(&options.source, what));
    for topic in topic_definitions(plan) {
        lines.blank();
        resource(&mut lines, &topic, options.cluster.as_deref());
    }
    lines.finish()
}

/// A Terraform name (a resource's or a provider alias): letters, digits, '_' and '-',
/// starting with a letter or '_'.
pub fn is_identifier(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-'))
}

/// `orders.settlement.v1` -> `orders_settlement_v1`, and its dead letter topic's
/// `orders_settlement_v1_dead_letter`.
fn resource_name(topic: &TopicDefinition) -> String {
    let mut name: String = topic
        .name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if !name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
        name.insert(0, '_');
    }
    if topic.role == TopicRole::DeadLetter {
        name = name.trim_end_matches("_DLT").to_string() + "_dead_letter";
    }
    name
}

fn resource(lines: &mut Lines, topic: &TopicDefinition, provider: Option<&str>) {
    lines.line(
        0,
        &format!("resource \"kafka_topic\" \"{}\" {{", resource_name(topic)),
    );
    if let Some(alias) = provider {
        lines.line(1, &format!("provider = kafka.{alias}"));
    }
    lines.line(1, &format!("name = {}", string(&topic.name)));
    lines.comment(1, &words::topic_reason(&topic.partitions_reason));
    lines.line(1, &format!("partitions = {}", topic.partitions));
    lines.comment(1, &words::topic_reason(&topic.replication_reason));
    lines.line(
        1,
        &format!("replication_factor = {}", topic.replication_factor),
    );
    lines.blank();
    lines.line(1, "config = {");
    for config in &topic.configs {
        lines.comment(2, &words::topic_reason(&config.reason));
        let value = config.value.to_string();
        lines.line(2, &format!("{} = {}", string(config.key), string(&value)));
    }
    lines.line(1, "}");
    lines.line(0, "}");
}

/// An HCL string: topic names and config values hold no quote, backslash or `${`, but
/// escape them regardless.
fn string(text: &str) -> String {
    let escaped = text
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace("${", "$${")
        .replace("%{", "%%{");
    format!("\"{escaped}\"")
}
