//! A KEDA `ScaledObject` that scales the consumer Deployment on the group's lag with
//! KEDA's Apache Kafka scaler, bounded by the partition count (a share group's by its
//! consumer count).

use super::kubernetes::object_name;
use super::{ExportOptions, Lines};
use crate::model::Plan;
use crate::model::topic::consumer_scaling;
use crate::render::yaml::quoted;
use crate::request::GroupProtocol;
use crate::words::export as words;

pub fn render(plan: &Plan, options: &ExportOptions) -> String {
    let scaling = consumer_scaling(plan);
    let deployment = match &options.deployment {
        Some(name) => name.clone(),
        None => object_name(&format!("{}-consumer", plan.topic.replace('.', "-"))),
    };
    let group = options.group.as_deref().unwrap_or(&plan.topic);
    let mut lines = Lines::default();
    let what = "KEDA ScaledObject (keda.sh/v1alpha1) for the topic's consumers";
    lines.comment(0, &words::generated_from(&options.source, what));
    let bootstrap = match &options.bootstrap_server {
        Some(address) => address.clone(),
        None => {
            let address = format!("{}-kafka-bootstrap:9092", options.cluster());
            lines.comment(0, &words::bootstrap_default(&address));
            address
        }
    };
    lines.line(0, "apiVersion: keda.sh/v1alpha1");
    lines.line(0, "kind: ScaledObject");
    lines.line(0, "metadata:");
    lines.line(1, &format!("name: {}", quoted(&deployment)));
    lines.line(0, "spec:");
    lines.line(1, "scaleTargetRef:");
    lines.comment(2, &words::scale_target());
    lines.line(2, &format!("name: {}", quoted(&deployment)));
    lines.comment(1, &words::min_replicas(&scaling));
    lines.line(1, &format!("minReplicaCount: {}", scaling.min_replicas));
    lines.comment(1, &words::max_replicas(&scaling));
    lines.line(1, &format!("maxReplicaCount: {}", scaling.max_replicas));
    lines.line(1, "triggers:");
    lines.comment(2, &words::trigger_metadata());
    if scaling.protocol == GroupProtocol::Share {
        lines.comment(2, &words::share_group_lag());
    }
    lines.line(2, "- type: kafka");
    lines.line(3, "metadata:");
    let metadata = [
        ("bootstrapServers", bootstrap, None),
        ("consumerGroup", group.to_string(), None),
        ("topic", plan.topic.clone(), None),
        (
            "lagThreshold",
            scaling.lag_threshold.to_string(),
            Some(words::lag_threshold(&scaling)),
        ),
        (
            "offsetResetPolicy",
            scaling.offset_reset.as_str().to_string(),
            Some(words::offset_reset_policy(&scaling)),
        ),
        (
            "allowIdleConsumers",
            scaling.allow_idle_consumers.to_string(),
            Some(words::allow_idle_consumers(&scaling)),
        ),
    ];
    for (key, value, reason) in metadata {
        if let Some(reason) = reason {
            lines.comment(4, &reason);
        }
        lines.line(4, &format!("{key}: {}", quoted(&value)));
    }
    lines.finish()
}
