//! segmentio/topicctl topic files: one YAML document per topic (`topicctl apply` reads
//! several from one file).

use super::{ExportOptions, Lines, yaml_configs};
use crate::model::Plan;
use crate::model::topic::{TopicDefinition, topic_definitions};
use crate::render::yaml::quoted;
use crate::words::export as words;

pub fn render(plan: &Plan, options: &ExportOptions) -> String {
    let mut lines = Lines::default();
    lines.comment(
        0,
        &words::generated_from(&options.source, "topicctl topic configs"),
    );
    if options.cluster.is_none() {
        lines.comment(0, &words::default_cluster(options.cluster()));
    }
    for topic in topic_definitions(plan) {
        lines.line(0, "---");
        topic_config(&mut lines, &topic, options.cluster());
    }
    lines.finish()
}

fn topic_config(lines: &mut Lines, topic: &TopicDefinition, cluster: &str) {
    lines.line(0, "meta:");
    lines.line(1, &format!("name: {}", quoted(&topic.name)));
    lines.line(1, &format!("cluster: {}", quoted(cluster)));
    for field in ["region", "environment"] {
        lines.comment(1, &words::topicctl_meta_placeholder(field));
        lines.line(1, &format!("{field}: {}", quoted(&format!("my-{field}"))));
    }
    lines.line(0, "spec:");
    lines.comment(1, &words::topic_reason(&topic.partitions_reason));
    lines.line(1, &format!("partitions: {}", topic.partitions));
    lines.comment(1, &words::topic_reason(&topic.replication_reason));
    lines.line(
        1,
        &format!("replicationFactor: {}", topic.replication_factor),
    );
    // topicctl takes retention in minutes and refuses retention.ms beside it.
    if let Some(retention) = topic.config("retention.ms") {
        let minutes = retention.value.integer().unwrap_or(0) / 60_000;
        lines.comment(1, &words::topic_reason(&retention.reason));
        lines.line(1, &format!("retentionMinutes: {minutes}"));
    }
    lines.line(1, "placement:");
    lines.line(2, "strategy: any");
    lines.line(1, "settings:");
    yaml_configs(lines, 2, &topic.configs, &["retention.ms"]);
}
