//! `--format properties`: only the client settings, ready to drop into a project. A
//! `.properties` text with a producer and a consumer block for the Java client and
//! librdkafka, an `application.yml` for Spring Boot. Each value's reason is the comment
//! above it; notes and code the client needs close the file as comments.

use super::report::headline;
use super::yaml::application_yml;
use crate::clients::{Client, ClientConfig, ClientSetting};
use crate::i18n::Lang;
use crate::model::Plan;
use crate::words;

/// Keys and values are the same in every language; only the comments follow `lang`.
pub fn render(lang: Lang, plan: &Plan, config: &ClientConfig) -> String {
    let mut lines = vec![format!("# {}", headline(lang, plan))];
    match config.client {
        Client::Java | Client::Librdkafka => {
            let client = words::client_title(lang, config.client);
            let intro = lang.format("properties-intro", &[("client", client)]);
            lines.push(format!("# {intro}"));
            lines.push(format!("# {}", lang.text("properties-two-blocks")));
            lines.extend(block(lang, "producer.properties", &config.producer));
            lines.extend(block(lang, "consumer.properties", &config.consumer));
        }
        Client::Spring => {
            lines.push(format!("# {}", lang.text("properties-spring-intro")));
            lines.extend(application_yml(lang, config, true));
        }
    }
    lines.extend(group_configs(lang, plan));
    lines.extend(trailer(lang, config));
    lines.join("\n") + "\n"
}

/// Per-group configs are the broker's, not the client's: comments with their reasons and
/// the command that sets them.
fn group_configs(lang: Lang, plan: &Plan) -> Vec<String> {
    let Some(group) = &plan.group else {
        return Vec::new();
    };
    let Some(command) = super::group::config_command(group) else {
        return Vec::new();
    };
    let heading = lang.format(
        "properties-group-configs",
        &[
            ("protocol", group.protocol.as_str().to_string()),
            ("kafka_version", group.min_kafka_version.to_string()),
        ],
    );
    let mut lines = vec![String::new(), format!("# ---- {heading} ----")];
    for c in &group.configs {
        lines.push(format!(
            "# {}={}: {}",
            c.key,
            c.value,
            words::reason(lang, &c.reason)
        ));
    }
    lines.push(format!("# {command}"));
    lines
}

fn block(lang: Lang, title: &str, settings: &[ClientSetting]) -> Vec<String> {
    let mut lines = vec![String::new(), format!("# ---- {title} ----")];
    for s in settings {
        lines.push(format!("# {}", words::client_reason(lang, &s.reason)));
        lines.push(format!("{}={}", s.key, s.value));
    }
    lines
}

/// Notes and code snippets as comments, so the file stays loadable as it is.
fn trailer(lang: Lang, config: &ClientConfig) -> Vec<String> {
    let mut lines = Vec::new();
    if !config.notes.is_empty() {
        lines.push(String::new());
        lines.push(format!("# {}", lang.text("properties-notes")));
        lines.extend(
            config
                .notes
                .iter()
                .map(|n| format!("# - {}", words::client_note(lang, n))),
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
