//! `kplan validate`'s judgement, pure: a plan and what a live cluster answered
//! ([`Snapshot`]) in, a [`Validation`] out. Each check adds findings: data with a
//! kebab-case check name, a severity and a one-line message. No I/O happens here.

mod configs;
mod group_kind;
mod lag;
mod topology;

use serde::Serialize;

use crate::cluster::{Snapshot, TopicState};
use crate::human::{count, number};
use crate::keys::KeySample;
use crate::model::{Plan, Status};

pub use lag::GroupLag;

/// The checks, in the order their findings are reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Check {
    PlanStatus,
    TopicExists,
    Partitions,
    PartitionLeaders,
    ReplicationFactor,
    MinInsyncReplicas,
    MaxMessageBytes,
    Retention,
    DeadLetterTopic,
    PartitionsPerBroker,
    GroupProtocol,
    ConsumerLag,
}

impl Check {
    pub fn as_str(self) -> &'static str {
        match self {
            Check::PlanStatus => "plan-status",
            Check::TopicExists => "topic-exists",
            Check::Partitions => "partitions",
            Check::PartitionLeaders => "partition-leaders",
            Check::ReplicationFactor => "replication-factor",
            Check::MinInsyncReplicas => "min-insync-replicas",
            Check::MaxMessageBytes => "max-message-bytes",
            Check::Retention => "retention",
            Check::DeadLetterTopic => "dead-letter-topic",
            Check::PartitionsPerBroker => "partitions-per-broker",
            Check::GroupProtocol => "group-protocol",
            Check::ConsumerLag => "consumer-lag",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    /// The cluster breaks the plan: exit 1.
    Error,
    /// A risk, or a check the cluster could not answer ("not checked").
    Warning,
    /// What was checked and found in order.
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// One result of one check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Which check, as a kebab-case name (`partitions`, `consumer-lag`).
    pub check: Check,
    pub severity: Severity,
    /// One line: what was found and, for a problem, what to do about it.
    pub message: String,
}

impl Finding {
    fn new(check: Check, severity: Severity, message: impl Into<String>) -> Finding {
        Finding {
            check,
            severity,
            message: message.into(),
        }
    }

    fn error(check: Check, message: impl Into<String>) -> Finding {
        Finding::new(check, Severity::Error, message)
    }

    fn warning(check: Check, message: impl Into<String>) -> Finding {
        Finding::new(check, Severity::Warning, message)
    }

    fn info(check: Check, message: impl Into<String>) -> Finding {
        Finding::new(check, Severity::Info, message)
    }

    /// A check the cluster could not answer: reported, never a failure.
    fn not_checked(check: Check, what: &str, why: &str) -> Finding {
        Finding::warning(check, format!("not checked: {what}: {why}"))
    }
}

/// `differs` exactly when some finding is an error (and the command exits 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ValidationStatus {
    Ok,
    Differs,
}

impl ValidationStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ValidationStatus::Ok => "ok",
            ValidationStatus::Differs => "differs",
        }
    }
}

/// The plan compared with the live cluster.
#[derive(Debug, Clone, PartialEq)]
pub struct Validation {
    /// The planned topic's name.
    pub topic: String,
    pub status: ValidationStatus,
    /// `None` when the cluster does not report one.
    pub cluster_id: Option<String>,
    /// Brokers that answered in metadata.
    pub brokers: u64,
    pub topic_exists: bool,
    /// The topic's partition count now; `None` when it does not exist.
    pub current_partitions: Option<u64>,
    /// The plan's partition count.
    pub recommended_partitions: u64,
    /// The group's lag, with `--group` and when it could be read.
    pub group: Option<GroupLag>,
    pub findings: Vec<Finding>,
}

/// What every check reads.
struct Context<'a> {
    plan: &'a Plan,
    keys: Option<&'a KeySample>,
    snapshot: &'a Snapshot,
    /// The planned topic, when it exists.
    topic: Option<&'a TopicState>,
}

impl Context<'_> {
    /// The topic's partition count once the plan is applied (partitions never shrink).
    fn partitions_after(&self) -> u64 {
        let current = self.topic.map_or(0, |t| t.partitions.len() as u64);
        current.max(self.plan.recommended)
    }

    /// The replication factor new partitions get: the topic's own, or for a new topic
    /// the plan's (3 unless the profile or `[limits]` say otherwise), fewer on a
    /// smaller cluster.
    fn replication_factor(&self) -> u64 {
        let planned = u64::from(self.plan.inputs.replication_factor).max(1);
        match self.topic {
            Some(topic) if topic.replication_factor() > 0 => topic.replication_factor() as u64,
            _ => (self.snapshot.brokers.len() as u64).clamp(1, planned),
        }
    }
}

/// Compares a plan with a cluster snapshot. `keys` is the request's key sample, used for
/// the exact share of keys that move when a keyed topic grows.
pub fn validate(plan: &Plan, keys: Option<&KeySample>, snapshot: &Snapshot) -> Validation {
    let context = Context {
        plan,
        keys,
        snapshot,
        topic: snapshot.topic(&plan.topic),
    };
    let mut findings: Vec<Finding> = plan_status(plan).into_iter().collect();
    findings.extend(topology::findings(&context));
    findings.extend(configs::findings(&context));
    findings.extend(topology::dead_letter_and_budget(&context));
    findings.extend(group_kind::findings(&context));
    let (group, lag_findings) = lag::findings(&context);
    findings.extend(lag_findings);
    let status = if findings.iter().any(|f| f.severity == Severity::Error) {
        ValidationStatus::Differs
    } else {
        ValidationStatus::Ok
    };
    Validation {
        topic: plan.topic.clone(),
        status,
        cluster_id: snapshot.cluster_id.clone(),
        brokers: snapshot.brokers.len() as u64,
        topic_exists: context.topic.is_some(),
        current_partitions: context.topic.map(|t| t.partitions.len() as u64),
        recommended_partitions: plan.recommended,
        group,
        findings,
    }
}

/// A plan that does not hold on its own is validated as recommended, with a warning.
fn plan_status(plan: &Plan) -> Option<Finding> {
    let why = match plan.status {
        Status::Ok => return None,
        Status::OverCap => format!(
            "the plan is over-cap: it needs {} partitions and recommends the cap of {}",
            count(plan.needed),
            plan.cap
        ),
        Status::Infeasible => {
            "the plan is infeasible: no partition count meets the request".to_string()
        }
    };
    Some(Finding::warning(
        Check::PlanStatus,
        format!(
            "{why}; the cluster is compared with {} partitions (see kplan plan)",
            count(plan.recommended)
        ),
    ))
}

/// `7 days`, `36 hours`, `90 min`, `45 s`: a retention or drain time as people say it.
fn span(ms: f64) -> String {
    let minutes = ms / 60_000.0;
    if minutes >= 2.0 * 1440.0 {
        format!("{} days", number(minutes / 1440.0))
    } else if minutes >= 120.0 {
        format!("{} hours", number(minutes / 60.0))
    } else if minutes >= 1.0 {
        format!("{} min", number(minutes))
    } else {
        format!("{} s", number(ms / 1000.0))
    }
}

/// Partition ids for a message: at most eight, then how many more.
fn partition_list(ids: &[i32]) -> String {
    const SHOWN: usize = 8;
    let shown: Vec<String> = ids.iter().take(SHOWN).map(i32::to_string).collect();
    match ids.len().saturating_sub(SHOWN) {
        0 => shown.join(", "),
        more => format!("{} and {more} more", shown.join(", ")),
    }
}

/// `12.5%`
fn percent(share: f64) -> String {
    format!("{}%", number(share * 100.0))
}

#[cfg(test)]
mod tests;
