//! Strimzi `KafkaTopic` resources, one YAML document per topic, for the Topic Operator.

use super::kubernetes::object_name;
use super::{ExportOptions, Lines, StrimziApi, yaml_configs};
use crate::model::Plan;
use crate::model::topic::{TopicDefinition, topic_definitions};
use crate::render::yaml::quoted;
use crate::words::export as words;

pub fn render(plan: &Plan, options: &ExportOptions) -> String {
    let api = match options.strimzi_api {
        StrimziApi::V1 => "kafka.strimzi.io/v1",
        StrimziApi::V1beta2 => "kafka.strimzi.io/v1beta2",
    };
    let mut lines = Lines::default();
    let what = format!("Strimzi KafkaTopic resources ({api})");
    lines.comment(0, &words::generated_from(&options.source, &what));
    if options.cluster.is_none() {
        lines.comment(0, &words::default_cluster(options.cluster()));
    }
    for topic in topic_definitions(plan) {
        lines.line(0, "---");
        resource(&mut lines, &topic, api, options.cluster());
    }
    lines.finish()
}

fn resource(lines: &mut Lines, topic: &TopicDefinition, api: &str, cluster: &str) {
    let name = object_name(&topic.name);
    lines.line(0, &format!("apiVersion: {api}"));
    lines.line(0, "kind: KafkaTopic");
    lines.line(0, "metadata:");
    lines.line(1, &format!("name: {}", quoted(&name)));
    lines.line(1, "labels:");
    lines.line(2, &format!("strimzi.io/cluster: {}", quoted(cluster)));
    lines.line(0, "spec:");
    if name != topic.name {
        lines.comment(1, &words::topic_name_field(&topic.name));
        lines.line(1, &format!("topicName: {}", quoted(&topic.name)));
    }
    lines.comment(1, &words::topic_reason(&topic.partitions_reason));
    lines.line(1, &format!("partitions: {}", topic.partitions));
    lines.comment(1, &words::topic_reason(&topic.replication_reason));
    lines.line(1, &format!("replicas: {}", topic.replication_factor));
    lines.line(1, "config:");
    yaml_configs(lines, 2, &topic.configs, &[]);
}
