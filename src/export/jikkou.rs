//! Jikkou `KafkaTopic` resources (`kafka.jikkou.io/v1`), one YAML document per topic.

use super::{ExportOptions, Lines, yaml_configs};
use crate::model::Plan;
use crate::model::topic::{TopicDefinition, topic_definitions};
use crate::render::yaml::quoted;
use crate::words::export as words;

pub fn render(plan: &Plan, options: &ExportOptions) -> String {
    let mut lines = Lines::default();
    let what = "Jikkou KafkaTopic resources (kafka.jikkou.io/v1)";
    lines.comment(0, &words::generated_from(&options.source, what));
    for topic in topic_definitions(plan) {
        lines.line(0, "---");
        resource(&mut lines, &topic, options.cluster.as_deref());
    }
    lines.finish()
}

fn resource(lines: &mut Lines, topic: &TopicDefinition, provider: Option<&str>) {
    lines.line(0, "apiVersion: kafka.jikkou.io/v1");
    lines.line(0, "kind: KafkaTopic");
    lines.line(0, "metadata:");
    lines.line(1, &format!("name: {}", quoted(&topic.name)));
    if let Some(provider) = provider {
        // With several Kafka providers configured, this one applies the resource.
        lines.line(1, "annotations:");
        lines.line(2, &format!("jikkou.io/provider: {}", quoted(provider)));
    }
    lines.line(0, "spec:");
    lines.comment(1, &words::topic_reason(&topic.partitions_reason));
    lines.line(1, &format!("partitions: {}", topic.partitions));
    lines.comment(1, &words::topic_reason(&topic.replication_reason));
    lines.line(1, &format!("replicas: {}", topic.replication_factor));
    lines.line(1, "configs:");
    yaml_configs(lines, 2, &topic.configs, &[]);
}
