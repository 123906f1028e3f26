//! The group's protocol and its per-group configs, with the command that sets them.

use super::report::Section;
use crate::i18n::{Lang, Message};
use crate::model::Plan;
use crate::model::settings::GroupPlan;
use crate::request::GroupProtocol;
use crate::words;

/// Where each protocol comes from, for titles: the message `group-origin`.
fn origin(protocol: GroupProtocol) -> Message {
    Message::new("group-origin").arg("protocol", protocol.as_str())
}

/// The `kafka-configs.sh` command that sets the group's configs; `GROUP` stands for the
/// application's group id, which the request does not name.
pub fn config_command(group: &GroupPlan) -> Option<String> {
    if group.configs.is_empty() {
        return None;
    }
    let pairs: Vec<String> = group
        .configs
        .iter()
        .map(|c| format!("{}={}", c.key, c.value))
        .collect();
    Some(format!(
        "kafka-configs.sh --bootstrap-server HOST:PORT --alter --entity-type groups --entity-name GROUP --add-config {}",
        pairs.join(",")
    ))
}

pub fn sections(lang: Lang, plan: &Plan) -> Vec<Section> {
    let Some(group) = &plan.group else {
        return Vec::new();
    };
    let title = Message::new("section-group")
        .arg("protocol", group.protocol.as_str())
        .arg_message("origin", origin(group.protocol))
        .arg("kafka_version", group.min_kafka_version)
        .render(lang);
    let mut sections = vec![Section::Table {
        title,
        header: ["header-group-config", "header-value", "header-reason"]
            .iter()
            .map(|id| lang.text(id))
            .collect(),
        rows: group
            .configs
            .iter()
            .map(|c| {
                vec![
                    c.key.to_string(),
                    c.value.to_string(),
                    words::reason(lang, &c.reason),
                ]
            })
            .collect(),
    }];
    if let Some(command) = config_command(group) {
        sections.push(Section::Code {
            title: lang.text("section-group-config-command"),
            language: "sh",
            lines: vec![command],
        });
    }
    sections
}
