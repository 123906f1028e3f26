//! `--format properties`: only the client settings, ready to drop into a project. A
//! `.properties` text with a producer and a consumer block for the Java client and
//! librdkafka, an `application.yml` for Spring Boot. Each value's reason is the comment
//! above it; notes and code the client needs close the file as comments.

use super::report::headline;
use super::yaml::application_yml;
use crate::clients::{Client, ClientConfig, ClientSetting};
use crate::model::Plan;
use crate::words;

pub fn render(plan: &Plan, config: &ClientConfig) -> String {
    let mut lines = vec![format!("# {}", headline(plan))];
    match config.client {
        Client::Java | Client::Librdkafka => {
            lines.push(format!(
                "# {} settings; the comment above each value gives its reason.",
                config.client.title()
            ));
            lines.push(
                "# Two blocks: split them into producer.properties and consumer.properties."
                    .to_string(),
            );
            lines.extend(block("producer.properties", &config.producer));
            lines.extend(block("consumer.properties", &config.consumer));
        }
        Client::Spring => {
            lines.push(
                "# Spring Boot application.yml; the comment above each value gives its reason."
                    .to_string(),
            );
            lines.extend(application_yml(config, true));
        }
    }
    lines.extend(group_configs(plan));
    lines.extend(trailer(config));
    lines.join("\n") + "\n"
}

/// Per-group configs are the broker's, not the client's: comments with their reasons and
/// the command that sets them.
fn group_configs(plan: &Plan) -> Vec<String> {
    let Some(group) = &plan.group else {
        return Vec::new();
    };
    let Some(command) = super::group::config_command(group) else {
        return Vec::new();
    };
    let mut lines = vec![
        String::new(),
        format!(
            "# ---- group configs ({} protocol, Kafka {}+): set on the brokers, not in the client ----",
            group.protocol.as_str(),
            group.min_kafka_version
        ),
    ];
    for c in &group.configs {
        lines.push(format!(
            "# {}={}: {}",
            c.key,
            c.value,
            words::reason(&c.reason)
        ));
    }
    lines.push(format!("# {command}"));
    lines
}

fn block(title: &str, settings: &[ClientSetting]) -> Vec<String> {
    let mut lines = vec![String::new(), format!("# ---- {title} ----")];
    for s in settings {
        lines.push(format!("# {}", words::client_reason(&s.reason)));
        lines.push(format!("{}={}", s.key, s.value));
    }
    lines
}

/// Notes and code snippets as comments, so the file stays loadable as it is.
fn trailer(config: &ClientConfig) -> Vec<String> {
    let mut lines = Vec::new();
    if !config.notes.is_empty() {
        lines.push(String::new());
        lines.push("# Notes:".to_string());
        lines.extend(
            config
                .notes
                .iter()
                .map(|n| format!("# - {}", words::client_note(n))),
        );
    }
    for snippet in &config.snippets {
        lines.push(String::new());
        lines.push(format!("# {}:", snippet.title));
        lines.extend(snippet.lines.iter().map(|l| {
            if l.is_empty() {
                "#".to_string()
            } else {
                format!("#   {l}")
            }
        }));
    }
    lines
}
