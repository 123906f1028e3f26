//! Warnings (risks in the plan) and guidance (what the teams must do for the plan to
//! hold), derived from the plan itself, as kinds with the numbers they speak of.

use super::service::ServiceShape;
use super::sizing::{Infeasible, Sizing, Status};
use super::{Plan, TopicType};
use crate::request::Delivery;

/// The broker's default message.max.bytes (1 MiB plus record-batch overhead).
pub const BROKER_DEFAULT_MESSAGE_MAX_BYTES: u64 = 1_048_588;
/// A batch planned this close to full capacity has no margin for slow partitions.
const NEAR_FULL: f64 = 0.98;
/// Below this many samples the mean is too uncertain to size on quietly.
const FEW_SAMPLES: u64 = 30;
/// A mean whose 95% upper bound is this much higher deserves more samples.
const UNCERTAIN_MEAN_RATIO: f64 = 1.05;

/// A risk in the plan.
#[derive(Debug, Clone, PartialEq)]
pub enum Warning {
    /// No partition count meets the request.
    Infeasible(Infeasible),
    /// The need is above the cap; planned at the cap.
    OverCap {
        needed: u64,
        cap: u32,
        recommended: u64,
        utilization: f64,
    },
    /// No count up to `searched_to` spreads the key sample well enough.
    KeySkewUnresolved { searched_to: u64 },
    /// Keyed topics: partitions only grow, and growing remaps keys.
    PartitionsOnlyGrow { recommended: u64 },
    /// Keyed without a key sample: skew is not checked.
    KeySkewUnchecked,
    /// Failures can lose messages.
    AtMostOnce,
    /// The latency sample is too small to trust its mean.
    FewLatencySamples {
        samples: u64,
        mean_ms: f64,
        mean_upper_95_ms: f64,
    },
    /// Messages larger than the broker accepts by default.
    MessageOverBrokerDefault { largest_bytes: u64 },
    /// Over 1% of a latency histogram's observations lie beyond its last bound, taken
    /// as spread up to `high_ms` (where `_sum` puts them), or at the bound.
    LatencyTailUnknown {
        share: f64,
        last_bound_ms: f64,
        high_ms: f64,
    },
}

/// What a warning is about, so tools can act on it without reading its words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr)]
#[strum(serialize_all = "kebab-case")]
pub enum WarningKind {
    Infeasible,
    OverCap,
    KeySkewUnresolved,
    PartitionsOnlyGrow,
    KeySkewUnchecked,
    AtMostOnce,
    FewLatencySamples,
    MessageOverBrokerDefault,
    LatencyTailUnknown,
}

impl WarningKind {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

impl Warning {
    pub fn kind(&self) -> WarningKind {
        match self {
            Warning::Infeasible(_) => WarningKind::Infeasible,
            Warning::OverCap { .. } => WarningKind::OverCap,
            Warning::KeySkewUnresolved { .. } => WarningKind::KeySkewUnresolved,
            Warning::PartitionsOnlyGrow { .. } => WarningKind::PartitionsOnlyGrow,
            Warning::KeySkewUnchecked => WarningKind::KeySkewUnchecked,
            Warning::AtMostOnce => WarningKind::AtMostOnce,
            Warning::FewLatencySamples { .. } => WarningKind::FewLatencySamples,
            Warning::MessageOverBrokerDefault { .. } => WarningKind::MessageOverBrokerDefault,
            Warning::LatencyTailUnknown { .. } => WarningKind::LatencyTailUnknown,
        }
    }
}

/// What the teams must do for the plan to hold.
#[derive(Debug, Clone, PartialEq)]
pub enum Guidance {
    /// How to commit and produce for the delivery guarantee.
    Delivery(Delivery),
    /// Sized on a summary: exponential service times were assumed.
    NoLatencySamples,
    /// Several threads per partition give up order within it.
    ThreadsPerPartition { threads: u32 },
    /// Online without a delay objective: sized by the utilisation ceiling alone.
    NoDelayObjective { max_utilization: f64 },
    /// A batch planned near full capacity can overrun.
    BatchNearFull { utilization: f64 },
    /// The producers' byte rate sets the partition count.
    ProducerBound {
        partitions: u64,
        partition_write_bytes_per_sec: f64,
    },
    /// How failed records reach the dead letter topic.
    DeadLetter {
        retries: u32,
        backoff_ms: u64,
        topic: String,
    },
}

pub fn warnings(plan: &Plan, sizing: &Sizing) -> Vec<Warning> {
    let mut warnings = Vec::new();
    if let Some(why) = &sizing.infeasible {
        warnings.push(Warning::Infeasible(why.clone()));
    }
    if plan.status == Status::OverCap {
        warnings.push(Warning::OverCap {
            needed: plan.needed,
            cap: plan.cap,
            recommended: plan.recommended,
            utilization: plan.predicted.utilization,
        });
    }
    if let Some(searched_to) = sizing.key_skew_unresolved_above {
        warnings.push(Warning::KeySkewUnresolved { searched_to });
    }
    if plan.inputs.partition_key.is_some() {
        warnings.push(Warning::PartitionsOnlyGrow {
            recommended: plan.recommended,
        });
        if plan.inputs.key_sample_file.is_none() {
            warnings.push(Warning::KeySkewUnchecked);
        }
    }
    if plan.inputs.delivery == Delivery::AtMostOnce {
        warnings.push(Warning::AtMostOnce);
    }
    warnings.extend(sample_warning(plan));
    warnings.extend(tail_warning(plan));
    if let Some(largest_bytes) = plan.inputs.max_message_bytes {
        if largest_bytes > BROKER_DEFAULT_MESSAGE_MAX_BYTES {
            warnings.push(Warning::MessageOverBrokerDefault { largest_bytes });
        }
    }
    warnings
}

/// A latency histogram with more than this share of its observations beyond the last
/// finite bound leaves the distribution's tail to an assumption.
const UNKNOWN_TAIL_SHARE: f64 = 0.01;

fn tail_warning(plan: &Plan) -> Option<Warning> {
    let ServiceShape::Histogram {
        tail: Some(tail), ..
    } = plan.inputs.latency_shape
    else {
        return None;
    };
    (tail.share > UNKNOWN_TAIL_SHARE).then_some(Warning::LatencyTailUnknown {
        share: tail.share,
        last_bound_ms: tail.last_bound_ms,
        high_ms: tail.high_ms,
    })
}

fn sample_warning(plan: &Plan) -> Option<Warning> {
    let stats = &plan.latency_ms;
    let (samples, upper) = (stats.count?, stats.mean_upper_95?);
    (samples < FEW_SAMPLES || upper > stats.mean * UNCERTAIN_MEAN_RATIO).then_some(
        Warning::FewLatencySamples {
            samples,
            mean_ms: stats.mean,
            mean_upper_95_ms: upper,
        },
    )
}

pub fn guidance(plan: &Plan) -> Vec<Guidance> {
    let mut guidance = vec![Guidance::Delivery(plan.inputs.delivery)];
    if plan.latency_ms.count.is_none() {
        guidance.push(Guidance::NoLatencySamples);
    }
    if plan.inputs.concurrency > 1 {
        guidance.push(Guidance::ThreadsPerPartition {
            threads: plan.inputs.concurrency,
        });
    }
    if plan.kind == TopicType::Online && plan.inputs.max_delay_ms.is_none() {
        guidance.push(Guidance::NoDelayObjective {
            max_utilization: plan.inputs.max_utilization,
        });
    }
    if plan.kind == TopicType::Batch
        && plan.status == Status::Ok
        && plan.predicted.utilization > NEAR_FULL
    {
        guidance.push(Guidance::BatchNearFull {
            utilization: plan.predicted.utilization,
        });
    }
    if plan.needs.producer > plan.needs.consumers && plan.needs.producer == plan.needed {
        guidance.push(Guidance::ProducerBound {
            partitions: plan.needs.producer,
            partition_write_bytes_per_sec: plan.inputs.partition_write_bytes_per_sec,
        });
    }
    if let Some(dl) = &plan.dead_letter {
        guidance.push(Guidance::DeadLetter {
            retries: dl.retries,
            backoff_ms: dl.backoff_ms,
            topic: dl.topic.clone(),
        });
    }
    guidance
}
