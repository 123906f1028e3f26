//! `kplan export`: the topic and its dead letter topic as code for the tools platform
//! teams manage topics with, and a KEDA autoscaler for the consumers, all from the plan.
//! Each target is one module with a pure renderer: a plan in, text out.

mod jikkou;
mod kafka_topics;
mod keda;
pub mod kubernetes;
mod strimzi;
mod terraform;
mod topicctl;

use crate::model::Plan;
use crate::model::settings::SettingValue;
use crate::model::topic::TopicConfig;

/// What `--to` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportTarget {
    /// Strimzi `KafkaTopic` resources.
    Strimzi,
    /// `kafka_topic` resources of the Mongey/kafka Terraform provider.
    Terraform,
    /// segmentio/topicctl topic files.
    Topicctl,
    /// Jikkou `KafkaTopic` resources.
    Jikkou,
    /// `kafka-topics.sh --create` command lines.
    KafkaTopics,
    /// A KEDA `ScaledObject` for the consumer deployment.
    Keda,
}

/// The `KafkaTopic` API version to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StrimziApi {
    /// `kafka.strimzi.io/v1`: Strimzi 1.x, and 0.49 to 0.51 alongside v1beta2.
    V1,
    /// `kafka.strimzi.io/v1beta2`: operators before 0.49.
    V1beta2,
}

/// What a target needs besides the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportOptions {
    /// The request file as given, named in the first comment.
    pub source: String,
    /// The Kafka cluster's name: Strimzi's `strimzi.io/cluster` label, Terraform's
    /// provider alias, topicctl's `meta.cluster`, Jikkou's provider.
    pub cluster: Option<String>,
    pub strimzi_api: StrimziApi,
    /// KEDA and kafka-topics.sh: the cluster's address.
    pub bootstrap_server: Option<String>,
    /// KEDA: the consumer group [default: the topic name].
    pub group: Option<String>,
    /// KEDA: the consumer Deployment [default: the topic's object name].
    pub deployment: Option<String>,
}

/// The cluster name used when `--cluster` is not given: the one in Strimzi's examples.
pub const DEFAULT_CLUSTER: &str = "my-cluster";

impl ExportOptions {
    fn cluster(&self) -> &str {
        self.cluster.as_deref().unwrap_or(DEFAULT_CLUSTER)
    }
}

/// Options a target cannot write, said as a usage problem.
pub fn check_options(target: ExportTarget, options: &ExportOptions) -> Result<(), String> {
    if let Some(cluster) = &options.cluster {
        match target {
            ExportTarget::Strimzi | ExportTarget::Keda if !kubernetes::is_label_value(cluster) => {
                return Err(format!(
                    "--cluster {cluster:?}: not a Kubernetes label value (up to 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit)"
                ));
            }
            ExportTarget::Terraform if !terraform::is_identifier(cluster) => {
                return Err(format!(
                    "--cluster {cluster:?}: a Terraform provider alias is letters, digits, '_' and '-', starting with a letter or '_'"
                ));
            }
            _ => {}
        }
    }
    if let Some(deployment) = &options.deployment {
        if !kubernetes::is_object_name(deployment) {
            return Err(format!(
                "--deployment {deployment:?}: not a Kubernetes object name (lowercase letters, digits, '-' and '.')"
            ));
        }
    }
    let texts = [
        ("--cluster", &options.cluster),
        ("--bootstrap-server", &options.bootstrap_server),
        ("--group", &options.group),
    ];
    for (flag, text) in texts {
        if let Some(text) = text {
            if text.trim().is_empty() || text.chars().any(|c| c.is_control() || c == '"') {
                return Err(format!(
                    "{flag} {text:?}: must not be blank or hold quotes or control characters"
                ));
            }
        }
    }
    Ok(())
}

/// The plan as `target`'s text; `check_options` has accepted the options.
pub fn export(plan: &Plan, target: ExportTarget, options: &ExportOptions) -> String {
    match target {
        ExportTarget::Strimzi => strimzi::render(plan, options),
        ExportTarget::Terraform => terraform::render(plan, options),
        ExportTarget::Topicctl => topicctl::render(plan, options),
        ExportTarget::Jikkou => jikkou::render(plan, options),
        ExportTarget::KafkaTopics => kafka_topics::render(plan, options),
        ExportTarget::Keda => keda::render(plan, options),
    }
}

/// Text, one line at a time, with `#` comments.
#[derive(Default)]
struct Lines(String);

impl Lines {
    fn line(&mut self, depth: usize, text: &str) {
        self.0.push_str(&"  ".repeat(depth));
        self.0.push_str(text);
        self.0.push('\n');
    }

    fn comment(&mut self, depth: usize, text: &str) {
        self.line(depth, &format!("# {}", single_line(text)));
    }

    fn blank(&mut self) {
        self.0.push('\n');
    }

    fn finish(self) -> String {
        self.0
    }
}

/// Text for a comment: a path or name with a line break cannot end the comment.
fn single_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// A config value as YAML: integers stay numbers, everything else a quoted string.
fn yaml_value(config: &TopicConfig) -> String {
    match &config.value {
        SettingValue::Integer(n) => n.to_string(),
        other => crate::render::yaml::quoted(&other.to_string()),
    }
}

/// Each config with its reason as a comment above it, as a YAML mapping at `depth`;
/// `skip` leaves out configs the target writes elsewhere.
fn yaml_configs(lines: &mut Lines, depth: usize, configs: &[TopicConfig], skip: &[&str]) {
    for config in configs.iter().filter(|c| !skip.contains(&c.key)) {
        lines.comment(depth, &crate::words::export::topic_reason(&config.reason));
        lines.line(depth, &format!("{}: {}", config.key, yaml_value(config)));
    }
}
