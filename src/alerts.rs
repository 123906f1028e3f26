//! Prometheus alerting rules for a topic's consumer group, built from its plan, on the
//! metrics kafka-lag-exporter exports: the group's time lag against the delay objective
//! (online) or the target window (batch), its message lag against what the planned rate
//! clears in that time, and the lag metrics going missing. Thresholds are pure functions
//! of the plan; the rules file is written out directly so that comments can say where
//! each number comes from.

use crate::human::{count, number};
use crate::model::Plan;
use crate::model::settings;
use crate::render::yaml::quoted;
use crate::request::TopicType;

/// How long a breach must last before it alerts. kafka-lag-exporter polls every 30 s by
/// default, so this is ten readings: one slow poll or one rebalance does not page.
const FOR_BREACH: &str = "5m";
/// Missing metrics wait longer: a group may take a while to commit its first offsets.
const FOR_ABSENT: &str = "15m";

/// The default auto.commit.interval.ms of the Java client and of librdkafka; the plan
/// leaves it as it is.
const DEFAULT_AUTO_COMMIT_INTERVAL_MS: u64 = 5_000;

/// The objective the rules hold the consumer group to.
#[derive(Debug, Clone, PartialEq)]
pub struct Thresholds {
    /// The oldest waiting message may be at most this old, commit cadence included.
    pub lag_seconds: f64,
    /// The objective in words, for comments and annotations.
    pub objective: String,
    /// At most this many messages may wait: what the planned rate clears in lag_seconds.
    pub lag_messages: u64,
}

/// Online with max_delay_ms: the delay objective. Otherwise the target window, within
/// which all of max_messages must be consumed. Lag is measured at the committed offset,
/// so a healthy group that auto-commits shows up to one commit interval more; that is
/// added, or an at-most-once topic with a tight objective would alert all the time.
pub fn thresholds(plan: &Plan) -> Thresholds {
    let (objective_seconds, mut objective) = match (plan.kind, plan.inputs.max_delay_ms) {
        (TopicType::Online, Some(delay_ms)) => (
            delay_ms / 1000.0,
            format!("the p99 delay objective of {} ms", number(delay_ms)),
        ),
        _ => (
            plan.inputs.target_minutes * 60.0,
            format!("the {} min target", number(plan.inputs.target_minutes)),
        ),
    };
    let commit_seconds = auto_commit_seconds(plan);
    if commit_seconds > 0.0 {
        objective.push_str(&format!(
            " plus the {} s auto-commit interval",
            number(commit_seconds)
        ));
    }
    let lag_seconds = objective_seconds + commit_seconds;
    // Planned TPS and the objective are bounded by the request reader, so this is finite.
    let lag_messages = (plan.planned_tps * lag_seconds).ceil().max(1.0) as u64;
    Thresholds {
        lag_seconds,
        objective,
        lag_messages,
    }
}

/// How far committed offsets trail processing when the consumer auto-commits: up to
/// one auto.commit.interval.ms; zero when it commits after processing.
fn auto_commit_seconds(plan: &Plan) -> f64 {
    let auto_commit = settings::find(&plan.consumer, "enable.auto.commit");
    if auto_commit.and_then(|s| s.value.flag()) != Some(true) {
        return 0.0;
    }
    let interval_ms = settings::integer(&plan.consumer, "auto.commit.interval.ms")
        .unwrap_or(DEFAULT_AUTO_COMMIT_INTERVAL_MS);
    interval_ms as f64 / 1000.0
}

/// A PromQL string literal's content: backslashes and quotes escaped.
fn promql_string(text: &str) -> String {
    text.replace('\\', "\\\\").replace('"', "\\\"")
}

/// One alerting rule, as promtool reads it.
struct Rule {
    comment: String,
    alert: &'static str,
    expr: String,
    duration: &'static str,
    severity: &'static str,
    summary: String,
    description: String,
}

/// The rules file for `plan`'s topic, consumed by the group `group`.
pub fn rules(plan: &Plan, group: &str) -> String {
    let t = thresholds(plan);
    let mut lines = vec![
        format!(
            "# Prometheus alerting rules for the consumer group {group} of {} ({}),",
            plan.topic,
            plan.kind.as_str()
        ),
        format!(
            "# from its kplan plan: {} partitions, {} consumers, {} msg/s planned.",
            count(plan.recommended),
            count(plan.consumers),
            number(plan.planned_tps)
        ),
        "# Metrics: kafka-lag-exporter. Check: promtool check rules FILE".to_string(),
        "groups:".to_string(),
        format!("  - name: {}", quoted(&format!("kplan-{}", plan.topic))),
        "    rules:".to_string(),
    ];
    for rule in [
        time_lag(plan, group, &t),
        message_lag(plan, group, &t),
        absent(plan, group),
    ] {
        lines.extend(render(&rule, &plan.topic));
    }
    lines.join("\n") + "\n"
}

/// The per-partition time lag of this topic alone. The group-wide
/// kafka_consumergroup_group_max_lag_seconds spans every topic the group reads, so
/// another topic's backlog would fire an alert labelled with this one.
fn lag_seconds(plan: &Plan, group: &str) -> String {
    format!(
        "kafka_consumergroup_group_lag_seconds{{group=\"{}\", topic=\"{}\"}}",
        promql_string(group),
        promql_string(&plan.topic)
    )
}

fn time_lag(plan: &Plan, group: &str, t: &Thresholds) -> Rule {
    let seconds = t.lag_seconds;
    let consequence = match plan.kind {
        TopicType::Online => "messages are processed later than the objective allows",
        TopicType::Batch => "the batch will not be consumed within its window",
    };
    Rule {
        comment: format!(
            "The oldest waiting message is older than {}: {consequence}.",
            t.objective
        ),
        alert: "KafkaConsumerTimeLagHigh",
        expr: format!(
            "max by (cluster_name, group, topic) ({}) > {seconds}",
            lag_seconds(plan, group)
        ),
        duration: FOR_BREACH,
        severity: "critical",
        summary: format!(
            "Consumer group {{{{ $labels.group }}}} is {{{{ $value | humanizeDuration }}}} behind on {}",
            plan.topic
        ),
        description: format!(
            "The oldest message waiting for {{{{ $labels.group }}}} on {} is older than {} ({seconds} s): {consequence}. The plan has {} consumers for {} msg/s; look for stopped or slow consumers, a rebalance loop, or more load than planned.",
            plan.topic,
            t.objective,
            count(plan.consumers),
            number(plan.planned_tps)
        ),
    }
}

fn message_lag(plan: &Plan, group: &str, t: &Thresholds) -> Rule {
    Rule {
        comment: format!(
            "More messages wait than the planned {} msg/s clears within {}.",
            number(plan.planned_tps),
            t.objective
        ),
        alert: "KafkaConsumerMessageLagHigh",
        expr: format!(
            "sum by (cluster_name, group, topic) (kafka_consumergroup_group_lag{{group=\"{}\", topic=\"{}\"}}) > {}",
            promql_string(group),
            promql_string(&plan.topic),
            t.lag_messages
        ),
        duration: FOR_BREACH,
        severity: "warning",
        summary: format!(
            "{{{{ $value | humanize }}}} messages wait for consumer group {{{{ $labels.group }}}} on {}",
            plan.topic
        ),
        description: format!(
            "More than {} messages wait on {}, more than the planned {} msg/s clears within {}. Producers publish more than planned, or consumers fall behind.",
            count(t.lag_messages),
            plan.topic,
            number(plan.planned_tps),
            t.objective
        ),
    }
}

fn absent(plan: &Plan, group: &str) -> Rule {
    Rule {
        comment: "Without lag metrics the rules above cannot fire.".to_string(),
        alert: "KafkaConsumerLagMetricsAbsent",
        expr: format!("absent({})", lag_seconds(plan, group)),
        duration: FOR_ABSENT,
        severity: "warning",
        summary: format!("No lag metrics for consumer group {group}"),
        description: format!(
            "kafka-lag-exporter reports no lag for the consumer group {group} of {}: the group has not committed offsets yet, the exporter does not watch this cluster, or the group id is different (kplan alerts --group).",
            plan.topic
        ),
    }
}

fn render(rule: &Rule, topic: &str) -> Vec<String> {
    vec![
        format!("      # {}", rule.comment),
        format!("      - alert: {}", rule.alert),
        format!("        expr: {}", single_quoted(&rule.expr)),
        format!("        for: {}", rule.duration),
        "        labels:".to_string(),
        format!("          severity: {}", rule.severity),
        format!("          topic: {}", quoted(topic)),
        "        annotations:".to_string(),
        format!("          summary: {}", quoted(&rule.summary)),
        format!("          description: {}", quoted(&rule.description)),
    ]
}

/// A YAML single-quoted scalar, which keeps PromQL's double quotes and backslashes
/// readable: only a single quote needs doubling.
fn single_quoted(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_plans::example_plan;

    #[test]
    fn batch_holds_the_group_to_its_target_window() {
        // 3.6 million messages in 30 minutes: 2,000 msg/s for 1,800 s.
        let t = thresholds(&example_plan("orders-settlement"));
        assert_eq!(t.lag_seconds, 1800.0);
        assert_eq!(t.lag_messages, 3_600_000);
        assert_eq!(t.objective, "the 30 min target");
    }

    #[test]
    fn online_holds_the_group_to_its_delay_objective() {
        // 540,000 in 15 minutes x headroom 1.2 = 720 msg/s; 500 ms of it is 360.
        let t = thresholds(&example_plan("payments-authorized"));
        assert_eq!(t.lag_seconds, 0.5);
        assert_eq!(t.lag_messages, 360);
        assert_eq!(t.objective, "the p99 delay objective of 500 ms");
    }

    #[test]
    fn online_without_an_objective_falls_back_to_the_target_window() {
        // 25,000 msg/s for 60 minutes, plus the 5 s auto-commit interval of this
        // at-most-once topic: 3,605 s, and 25,000 x 3,605 messages.
        let t = thresholds(&example_plan("clickstream-events"));
        assert_eq!(t.lag_seconds, 3605.0);
        assert_eq!(t.lag_messages, 90_125_000);
    }

    #[test]
    fn promql_and_yaml_quoting_keep_odd_group_ids_intact() {
        assert_eq!(promql_string(r#"a"b\c"#), r#"a\"b\\c"#);
        assert_eq!(single_quoted("it's"), "'it''s'");
    }
}
