//! The group's protocol and its per-group configs, with the command that sets them.

use super::report::Section;
use crate::model::Plan;
use crate::model::settings::GroupPlan;
use crate::request::GroupProtocol;
use crate::words;

/// Where each protocol comes from, for titles.
fn origin(protocol: GroupProtocol) -> &'static str {
    match protocol {
        GroupProtocol::Classic => "classic consumer group",
        GroupProtocol::Consumer => "consumer rebalance protocol, KIP-848",
        GroupProtocol::Share => "share group, KIP-932",
    }
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

pub fn sections(plan: &Plan) -> Vec<Section> {
    let Some(group) = &plan.group else {
        return Vec::new();
    };
    let title = format!(
        "Group: {} ({}, Kafka {}+)",
        group.protocol.as_str(),
        origin(group.protocol),
        group.min_kafka_version
    );
    let mut sections = vec![Section::Table {
        title,
        header: vec!["Group config".into(), "Value".into(), "Reason".into()],
        rows: group
            .configs
            .iter()
            .map(|c| {
                vec![
                    c.key.to_string(),
                    c.value.to_string(),
                    words::reason(&c.reason),
                ]
            })
            .collect(),
    }];
    if let Some(command) = config_command(group) {
        sections.push(Section::Code {
            title: "Set the group configs (once, for the application's group id)".into(),
            language: "sh",
            lines: vec![command],
        });
    }
    sections
}
