//! The live cluster, read-only: the one place kplan talks to Kafka (through rdkafka).
//!
//! It connects with the user's settings, reads metadata, topic and broker configuration,
//! watermarks and a group's committed offsets, every call bounded by one deadline, and
//! hands back plain data ([`Snapshot`]). It never creates, alters or deletes anything,
//! and topic auto-creation is off: besides the connection handshake (ApiVersions, SASL)
//! and finding a group's coordinator, it sends only Metadata, DescribeConfigs,
//! ListOffsets and OffsetFetch requests, and for a group ListGroups and DescribeGroups.

mod client;
mod deadline;
mod group;
mod jaas;
mod observer;
mod properties;
mod sample;
pub mod secrets;
pub mod settings;

use std::collections::BTreeMap;
use std::time::Duration;

pub use client::observe;
pub use sample::{OffsetSample, sample_offsets};
pub use settings::ClientSettings;

/// What kplan asks the cluster about.
#[derive(Debug, Clone, Copy)]
pub struct Target<'a> {
    /// `HOST:PORT[,HOST:PORT...]`
    pub bootstrap_servers: &'a str,
    pub settings: &'a ClientSettings,
    pub topic: &'a str,
    /// The consumer group whose lag to read, when asked.
    pub group: Option<&'a str>,
    /// Bounds the whole conversation with the cluster.
    pub timeout: Duration,
}

/// What the cluster answered.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    pub cluster_id: Option<String>,
    /// The brokers in metadata: Kafka lists only those that are up.
    pub brokers: Vec<BrokerState>,
    /// Every topic the client may describe, internal ones included.
    pub topics: Vec<TopicState>,
    /// The planned topic's configuration (`NotAsked` when it does not exist).
    pub topic_config: Answer<Configs>,
    /// One broker's configuration: the defaults a topic falls back on.
    pub broker_config: Answer<Configs>,
    /// The group's offsets on the planned topic, with `--group`.
    pub group: Option<GroupOffsets>,
    /// What the broker's group listing says of the group, with `--group`.
    pub group_kind: Option<Answer<GroupKind>>,
}

impl Snapshot {
    pub fn topic(&self, name: &str) -> Option<&TopicState> {
        self.topics.iter().find(|t| t.name == name)
    }

    pub fn is_live(&self, broker_id: i32) -> bool {
        self.brokers.iter().any(|b| b.id == broker_id)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokerState {
    pub id: i32,
    pub host: String,
    pub port: i32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicState {
    pub name: String,
    pub partitions: Vec<PartitionState>,
}

impl TopicState {
    /// The smallest replica count over the partitions (they normally agree).
    pub fn replication_factor(&self) -> usize {
        self.partitions
            .iter()
            .map(|p| p.replicas.len())
            .min()
            .unwrap_or(0)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartitionState {
    pub id: i32,
    /// The leader's broker id; -1 when the partition has none.
    pub leader: i32,
    pub replicas: Vec<i32>,
    /// In-sync replicas.
    pub isr: Vec<i32>,
}

/// Configuration values by name; values the broker hides (sensitive) are left out.
pub type Configs = BTreeMap<String, String>;

/// A read the broker may not be able to answer (some Kafka-compatible brokers do not
/// implement DescribeConfigs, or the principal lacks the permission).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer<T> {
    Answered(T),
    /// Not asked, because it did not apply (a missing topic has no configuration).
    NotAsked,
    /// Asked, but no usable answer came: why, with secrets scrubbed.
    NotAnswered(String),
}

/// A consumer group's position on the planned topic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupOffsets {
    pub group: String,
    /// Partitions whose offsets were read.
    pub partitions: Vec<PartitionOffsets>,
    /// Partitions that could not be read, and why (no live leader, an error).
    pub unread: Vec<(i32, String)>,
    /// Set when the committed offsets could not be read at all.
    pub failure: Option<String>,
}

/// A group as ListGroups and DescribeGroups describe it. Those requests describe only
/// classic groups: a broker answers for a consumer-protocol (KIP-848) or share (KIP-932)
/// group through ConsumerGroupDescribe or ShareGroupDescribe, which librdkafka's group
/// listing does not send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GroupKind {
    Classic(ClassicGroup),
    /// No classic group has the id: it is a consumer or share group, or not created yet.
    NotClassic,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassicGroup {
    /// `Stable`, `Empty`, `PreparingRebalance`, ...
    pub state: String,
    /// `consumer` for consumer clients (Kafka Connect workers say `connect`); empty for a
    /// group that only committed offsets.
    pub protocol_type: String,
    /// The assignor the members agreed on (`range`, `cooperative-sticky`); empty without
    /// members.
    pub assignor: String,
    pub members: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartitionOffsets {
    pub partition: i32,
    /// The log start offset (low watermark).
    pub low: i64,
    /// The next offset to be written (high watermark).
    pub high: i64,
    /// The group's committed offset; `None` when it committed none on this partition.
    pub committed: Option<i64>,
}
