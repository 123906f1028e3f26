//! A topic request: what a team asks for, validated and with units resolved.
//!
//! `spec` lists the file's keys; `parse` turns TOML text into a [`Request`] by them;
//! `samples` reads latency sample files; `positions` says where each key is written.
//! The planner only ever sees a validated `Request`.

pub mod parse;
pub mod positions;
pub mod samples;
pub mod spec;

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::input::spec::Named;

pub use parse::{load_request, parse_request, parse_request_located};

/// online: consumers must keep up with the peak rate with low delay.
/// batch: a volume must be processed within a time window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TopicType {
    Online,
    Batch,
}

impl TopicType {
    /// In the order of `spec::TOPIC_TYPES`.
    pub const ALL: [TopicType; 2] = [TopicType::Online, TopicType::Batch];

    pub fn as_str(self) -> &'static str {
        spec::TOPIC_TYPES[self as usize]
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Delivery {
    #[serde(rename = "at-most-once")]
    AtMostOnce,
    #[serde(rename = "at-least-once")]
    AtLeastOnce,
    #[serde(rename = "exactly-once")]
    ExactlyOnce,
}

impl Delivery {
    /// In the order of `spec::DELIVERIES`.
    pub const ALL: [Delivery; 3] = [
        Delivery::AtMostOnce,
        Delivery::AtLeastOnce,
        Delivery::ExactlyOnce,
    ];

    pub fn as_str(self) -> &'static str {
        spec::DELIVERIES[self as usize]
    }

    /// at-least-once and exactly-once never accept a lost write.
    pub fn is_lossless(self) -> bool {
        !matches!(self, Delivery::AtMostOnce)
    }
}

/// How the topic's subscribers form a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupProtocol {
    /// The classic consumer group: the client assigns partitions, one consumer each.
    Classic,
    /// KIP-848's consumer rebalance protocol: the broker assigns, timeouts live on it.
    Consumer,
    /// KIP-932's share group: records are acquired one by one, so consumers may exceed
    /// partitions; no per-key order.
    Share,
}

impl GroupProtocol {
    /// In the order of `spec::GROUP_PROTOCOLS`.
    pub const ALL: [GroupProtocol; 3] = [
        GroupProtocol::Classic,
        GroupProtocol::Consumer,
        GroupProtocol::Share,
    ];

    pub fn as_str(self) -> &'static str {
        spec::GROUP_PROTOCOLS[self as usize]
    }

    /// The Kafka release that first serves the protocol to production.
    pub fn min_kafka_version(self) -> &'static str {
        match self {
            GroupProtocol::Classic => "0.9",
            GroupProtocol::Consumer => "4.0",
            GroupProtocol::Share => "4.2",
        }
    }
}

/// The unit latency samples are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LatencyUnit {
    Ms,
    S,
    Us,
}

impl LatencyUnit {
    /// In the order of `spec::LATENCY_UNITS`.
    pub const ALL: [LatencyUnit; 3] = [LatencyUnit::Ms, LatencyUnit::S, LatencyUnit::Us];

    pub fn as_str(self) -> &'static str {
        spec::LATENCY_UNITS[self as usize]
    }

    /// Factor that turns a sample in this unit into milliseconds.
    pub fn to_ms(self) -> f64 {
        match self {
            LatencyUnit::Ms => 1.0,
            LatencyUnit::S => 1000.0,
            LatencyUnit::Us => 0.001,
        }
    }
}

/// Each choice of the request file reads by the name `as_str` gives it.
macro_rules! named_by_as_str {
    ($($kind:ty),+) => {$(
        impl Named for $kind {
            fn name(self) -> &'static str {
                self.as_str()
            }
        }
    )+};
}

named_by_as_str!(TopicType, Delivery, GroupProtocol, LatencyUnit);

/// Where the per-message processing latency comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum LatencySource {
    /// Measured samples, one per message processed.
    Samples {
        /// Resolved against the request file's folder.
        path: PathBuf,
        unit: LatencyUnit,
        /// CSV column to read; `latency_ms` when absent.
        column: Option<String>,
    },
    /// A summary without samples; service times are then taken as exponential.
    Summary { mean_ms: f64, p99_ms: Option<f64> },
    /// A histogram (or summary) in a Prometheus text exposition or OpenMetrics file.
    Histogram {
        /// Resolved against the request file's folder.
        path: PathBuf,
        /// The metric's name, without `_bucket`, `_sum` or `_count`.
        metric: String,
        /// Label values a series must have to count; every match is summed.
        labels: Vec<(String, String)>,
        /// The unit of the observations when the metric's name and `# UNIT` say none.
        unit: Option<LatencyUnit>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Topic {
    pub name: String,
    pub kind: TopicType,
    /// Absent: unkeyed, no ordering requirement.
    pub partition_key: Option<String>,
    pub delivery: Delivery,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Publish {
    pub max_messages: u64,
    pub message_bytes: u64,
    pub max_message_bytes: Option<u64>,
    /// Resolved against the request file's folder.
    pub key_sample_file: Option<PathBuf>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Subscribe {
    pub target_minutes: f64,
    pub latency: LatencySource,
    /// Threads per partition.
    pub concurrency: u32,
    pub max_delay_ms: Option<f64>,
    pub group: GroupProtocol,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeadLetter {
    pub retries: u32,
    pub backoff_ms: u64,
}

/// Overrides of the profile; `None` keeps the profile's value.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Limits {
    pub max_partitions: Option<u32>,
    pub headroom: Option<f64>,
    pub max_utilization: Option<f64>,
    pub partition_write_bytes_per_sec: Option<f64>,
    /// Batch: the chance that every partition drains within the target.
    pub drain_confidence: Option<f64>,
    /// Copies of each partition, for exports and `validate`.
    pub replication_factor: Option<u32>,
    /// Replicas that must have a write before an acks=all producer counts it sent.
    pub min_insync_replicas: Option<u32>,
}

/// A validated topic request.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    pub topic: Topic,
    pub publish: Publish,
    pub subscribe: Subscribe,
    pub dead_letter: Option<DeadLetter>,
    pub limits: Limits,
}

impl Request {
    pub fn is_keyed(&self) -> bool {
        self.topic.partition_key.is_some()
    }
}
