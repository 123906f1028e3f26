//! `kafka-topics.sh --create` command lines, with each value's reason in the comments
//! above its command (a comment cannot follow a line continuation).

use super::{ExportOptions, Lines};
use crate::model::Plan;
use crate::model::topic::{TopicDefinition, topic_definitions};
use crate::words::export as words;

pub fn render(plan: &Plan, options: &ExportOptions) -> String {
    let mut lines = Lines::default();
    lines.line(0, "#!/bin/sh");
    let what = "kafka-topics.sh commands";
    lines.comment(0, &words::generated_from(&options.source, what));
    let bootstrap = match &options.bootstrap_server {
        Some(address) => shell_quoted(address),
        None => {
            lines.comment(0, &words::bootstrap_variable());
            "\"$BOOTSTRAP_SERVER\"".to_string()
        }
    };
    lines.line(0, "set -e");
    for topic in topic_definitions(plan) {
        lines.blank();
        command(&mut lines, &topic, &bootstrap);
    }
    lines.finish()
}

fn command(lines: &mut Lines, topic: &TopicDefinition, bootstrap: &str) {
    lines.comment(0, &words::topic_heading(&topic.name));
    let reasons = [
        ("--partitions", &topic.partitions_reason),
        ("--replication-factor", &topic.replication_reason),
    ];
    for (flag, reason) in reasons {
        lines.comment(0, &format!("  {flag}: {}", words::topic_reason(reason)));
    }
    for config in &topic.configs {
        let reason = words::topic_reason(&config.reason);
        lines.comment(0, &format!("  {}: {reason}", config.key));
    }
    lines.line(
        0,
        &format!("kafka-topics.sh --bootstrap-server {bootstrap} --create --if-not-exists \\"),
    );
    lines.line(
        1,
        &format!(
            "--topic {} --partitions {} --replication-factor {} \\",
            shell_quoted(&topic.name),
            topic.partitions,
            topic.replication_factor
        ),
    );
    let last = topic.configs.len().saturating_sub(1);
    for (i, config) in topic.configs.iter().enumerate() {
        let setting = format!("{}={}", config.key, config.value);
        let end = if i == last { "" } else { " \\" };
        lines.line(1, &format!("--config {}{end}", shell_quoted(&setting)));
    }
}

/// A word the shell passes on unchanged: plain when it is only safe characters,
/// single-quoted otherwise.
fn shell_quoted(text: &str) -> String {
    let safe =
        |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | ':' | ',' | '=' | '/');
    if !text.is_empty() && text.chars().all(safe) {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}
