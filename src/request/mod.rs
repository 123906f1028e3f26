//! A topic request: what a team asks for, validated and with units resolved.
//!
//! `parse` turns TOML text into a [`Request`]; `samples` reads latency sample files;
//! `positions` says where each key is written; `fields` is the strict table reader that
//! other strict files (the `kplan check` policy) reuse.
//! The planner only ever sees a validated `Request`.

pub mod fields;
pub mod parse;
pub mod positions;
pub mod samples;

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

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
    pub fn as_str(self) -> &'static str {
        match self {
            TopicType::Online => "online",
            TopicType::Batch => "batch",
        }
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
    pub fn as_str(self) -> &'static str {
        match self {
            Delivery::AtMostOnce => "at-most-once",
            Delivery::AtLeastOnce => "at-least-once",
            Delivery::ExactlyOnce => "exactly-once",
        }
    }

    /// at-least-once and exactly-once never accept a lost write.
    pub fn is_lossless(self) -> bool {
        !matches!(self, Delivery::AtMostOnce)
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
    /// Factor that turns a sample in this unit into milliseconds.
    pub fn to_ms(self) -> f64 {
        match self {
            LatencyUnit::Ms => 1.0,
            LatencyUnit::S => 1000.0,
            LatencyUnit::Us => 0.001,
        }
    }
}

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
