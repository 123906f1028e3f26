//! The plan document's parts: plain copies of the model's values under PRODUCT.md's
//! field names, so the model can change without changing the contract by accident.

use serde::Serialize;

use crate::model::delay::DelayMethod;
use crate::model::drain::DrainMinutes;
use crate::model::service::ServiceShape;
use crate::model::{DeadLetterPlan, FitsUnderCap, Inputs, KeySpread, Needs, Prediction};
use crate::stats::LatencyStats;

#[derive(Serialize)]
pub struct LatencyDocument {
    count: Option<u64>,
    mean: f64,
    stddev: Option<f64>,
    min: Option<f64>,
    p50: Option<f64>,
    p90: Option<f64>,
    p95: Option<f64>,
    p99: f64,
    max: Option<f64>,
    mean_upper_95: Option<f64>,
}

impl From<&LatencyStats> for LatencyDocument {
    fn from(s: &LatencyStats) -> Self {
        LatencyDocument {
            count: s.count,
            mean: s.mean,
            stddev: s.stddev,
            min: s.min,
            p50: s.p50,
            p90: s.p90,
            p95: s.p95,
            p99: s.p99,
            max: s.max,
            mean_upper_95: s.mean_upper_95,
        }
    }
}

#[derive(Serialize)]
pub struct NeedsDocument {
    consumers: u64,
    producer: u64,
    delay: Option<u64>,
    deadline: Option<u64>,
    key_skew: Option<u64>,
}

impl From<&Needs> for NeedsDocument {
    fn from(n: &Needs) -> Self {
        NeedsDocument {
            consumers: n.consumers,
            producer: n.producer,
            delay: n.delay,
            deadline: n.deadline,
            key_skew: n.key_skew,
        }
    }
}

#[derive(Serialize)]
pub struct PredictionDocument {
    utilization: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    p99_delay_ms: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    mean_delay_ms: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    method: Option<MethodDocument>,
    #[serde(skip_serializing_if = "Option::is_none")]
    drain_minutes: Option<DrainDocument>,
    #[serde(skip_serializing_if = "Option::is_none")]
    drain_minutes_at_confidence: Option<f64>,
}

impl From<&Prediction> for PredictionDocument {
    fn from(p: &Prediction) -> Self {
        PredictionDocument {
            utilization: p.utilization,
            p99_delay_ms: p.p99_delay_ms,
            mean_delay_ms: p.mean_delay_ms,
            method: p.method.map(MethodDocument::from),
            drain_minutes: p.drain_minutes.map(DrainDocument::from),
            drain_minutes_at_confidence: p.drain_minutes_at_confidence,
        }
    }
}

#[derive(Serialize)]
#[serde(tag = "name")]
pub enum MethodDocument {
    #[serde(rename = "mg1-lattice")]
    Lattice { low_ms: f64, high_ms: f64 },
    #[serde(rename = "mgc-simulation")]
    Simulation { messages: u64, seed: u64 },
}

impl From<DelayMethod> for MethodDocument {
    fn from(m: DelayMethod) -> Self {
        match m {
            DelayMethod::MG1Lattice { low_ms, high_ms } => {
                MethodDocument::Lattice { low_ms, high_ms }
            }
            DelayMethod::MGCSimulation { messages, seed } => {
                MethodDocument::Simulation { messages, seed }
            }
        }
    }
}

#[derive(Serialize)]
pub struct DrainDocument {
    p50: f64,
    p95: f64,
}

impl From<DrainMinutes> for DrainDocument {
    fn from(d: DrainMinutes) -> Self {
        DrainDocument {
            p50: d.p50,
            p95: d.p95,
        }
    }
}

#[derive(Serialize)]
pub struct FitsDocument {
    concurrency: Option<u64>,
    mean_latency_ms: Option<f64>,
    target_minutes: f64,
    /// Unkeyed and not exactly-once: share-group consumers on the capped partitions.
    #[serde(skip_serializing_if = "Option::is_none")]
    share_group_consumers: Option<u64>,
}

impl From<&FitsUnderCap> for FitsDocument {
    fn from(f: &FitsUnderCap) -> Self {
        FitsDocument {
            concurrency: f.concurrency,
            mean_latency_ms: f.mean_latency_ms,
            target_minutes: f.target_minutes,
            share_group_consumers: f.share_group_consumers,
        }
    }
}

#[derive(Serialize)]
pub struct DeadLetterDocument<'a> {
    topic: &'a str,
    partitions: u64,
    retries: u32,
    backoff_ms: u64,
}

impl<'a> From<&'a DeadLetterPlan> for DeadLetterDocument<'a> {
    fn from(d: &'a DeadLetterPlan) -> Self {
        DeadLetterDocument {
            topic: &d.topic,
            partitions: d.partitions,
            retries: d.retries,
            backoff_ms: d.backoff_ms,
        }
    }
}

#[derive(Serialize)]
pub struct KeySpreadDocument<'a> {
    partitions: u64,
    sample_keys: u64,
    distinct_keys: u64,
    busiest_share: f64,
    imbalance: f64,
    top_key: &'a str,
    top_key_share: f64,
}

impl<'a> From<&'a KeySpread> for KeySpreadDocument<'a> {
    fn from(k: &'a KeySpread) -> Self {
        KeySpreadDocument {
            partitions: k.partitions,
            sample_keys: k.sample_keys,
            distinct_keys: k.distinct_keys,
            busiest_share: k.busiest_share,
            imbalance: k.imbalance,
            top_key: &k.top_key,
            top_key_share: k.top_key_share,
        }
    }
}

#[derive(Serialize)]
pub struct InputsDocument<'a> {
    max_messages: u64,
    message_bytes: u64,
    max_message_bytes: Option<u64>,
    target_minutes: f64,
    delivery: &'static str,
    partition_key: Option<&'a str>,
    concurrency: u32,
    max_delay_ms: Option<f64>,
    headroom: f64,
    max_utilization: f64,
    partition_write_bytes_per_sec: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    drain_confidence: Option<f64>,
    latency_shape: ShapeDocument,
    latency_file: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    latency_histogram_file: Option<&'a str>,
    key_sample_file: Option<&'a str>,
}

impl<'a> From<&'a Inputs> for InputsDocument<'a> {
    fn from(i: &'a Inputs) -> Self {
        InputsDocument {
            max_messages: i.max_messages,
            message_bytes: i.message_bytes,
            max_message_bytes: i.max_message_bytes,
            target_minutes: i.target_minutes,
            delivery: i.delivery.as_str(),
            partition_key: i.partition_key.as_deref(),
            concurrency: i.concurrency,
            max_delay_ms: i.max_delay_ms,
            headroom: i.headroom,
            max_utilization: i.max_utilization,
            partition_write_bytes_per_sec: i.partition_write_bytes_per_sec,
            drain_confidence: i.drain_confidence,
            latency_shape: ShapeDocument::from(i.latency_shape),
            latency_file: i.latency_file.as_deref(),
            latency_histogram_file: i.latency_histogram_file.as_deref(),
            key_sample_file: i.key_sample_file.as_deref(),
        }
    }
}

/// A histogram's observations beyond its last finite bound.
#[derive(Serialize)]
pub struct TailDocument {
    share: f64,
    last_bound_ms: f64,
    high_ms: f64,
}

/// The processing-time distribution the predictions assumed.
#[derive(Serialize)]
#[serde(tag = "shape", rename_all = "kebab-case")]
pub enum ShapeDocument {
    Empirical {
        samples: u64,
    },
    Histogram {
        buckets: u64,
        exact_mean: bool,
        #[serde(skip_serializing_if = "Option::is_none")]
        tail: Option<TailDocument>,
    },
    Exponential {
        mean_ms: f64,
    },
    Fixed {
        mean_ms: f64,
    },
    Lognormal {
        mean_ms: f64,
        p99_ms: f64,
        sigma: f64,
    },
    Mixture {
        fast_mean_ms: f64,
        slow_ms: f64,
        slow_share: f64,
    },
}

impl From<ServiceShape> for ShapeDocument {
    fn from(s: ServiceShape) -> Self {
        match s {
            ServiceShape::Empirical { samples } => ShapeDocument::Empirical { samples },
            ServiceShape::Histogram {
                buckets,
                exact_mean,
                tail,
            } => ShapeDocument::Histogram {
                buckets,
                exact_mean,
                tail: tail.map(|t| TailDocument {
                    share: t.share,
                    last_bound_ms: t.last_bound_ms,
                    high_ms: t.high_ms,
                }),
            },
            ServiceShape::Exponential { mean_ms } => ShapeDocument::Exponential { mean_ms },
            ServiceShape::Fixed { mean_ms } => ShapeDocument::Fixed { mean_ms },
            ServiceShape::Lognormal {
                mean_ms,
                p99_ms,
                sigma,
            } => ShapeDocument::Lognormal {
                mean_ms,
                p99_ms,
                sigma,
            },
            ServiceShape::Mixture {
                fast_mean_ms,
                slow_ms,
                slow_share,
            } => ShapeDocument::Mixture {
                fast_mean_ms,
                slow_ms,
                slow_share,
            },
        }
    }
}
