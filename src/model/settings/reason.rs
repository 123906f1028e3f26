//! Why a setting has its value: a kind and the numbers it speaks of. The output layer
//! puts it into words; tools read the kind.

use crate::client_values::Compression;
use crate::request::{Delivery, TopicType};

/// The reason for one setting's value.
#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    Producer(ProducerReason),
    Consumer(ConsumerReason),
    Group(GroupReason),
}

impl Reason {
    /// The kind's stable name, such as `linger-within-objective`.
    pub fn kind(&self) -> &'static str {
        match self {
            Reason::Producer(r) => r.into(),
            Reason::Consumer(r) => r.into(),
            Reason::Group(r) => r.into(),
        }
    }
}

impl From<ProducerReason> for Reason {
    fn from(r: ProducerReason) -> Reason {
        Reason::Producer(r)
    }
}

impl From<GroupReason> for Reason {
    fn from(r: GroupReason) -> Reason {
        Reason::Group(r)
    }
}

impl From<ConsumerReason> for Reason {
    fn from(r: ConsumerReason) -> Reason {
        Reason::Consumer(r)
    }
}

/// Why a producer setting has its value.
#[derive(Debug, Clone, PartialEq, strum::IntoStaticStr)]
#[strum(serialize_all = "kebab-case")]
pub enum ProducerReason {
    /// acks: at-most-once needs only the leader (the profile's value).
    AcksLeader,
    AcksAll {
        delivery: Delivery,
    },
    IdempotenceOn,
    IdempotenceOff,
    InFlightIdempotent,
    InFlightKeyedNotIdempotent,
    InFlightUnkeyed,
    /// linger.ms kept within `share` of the online delay objective.
    LingerWithinObjective {
        linger_ms: u64,
        share: f64,
        objective_ms: f64,
    },
    LingerOnline {
        linger_ms: u64,
    },
    LingerBatch {
        linger_ms: u64,
    },
    /// batch.size from what a partition receives during linger.ms.
    BatchFill {
        partition_bytes_per_sec: f64,
        linger_ms: u64,
        fill_bytes: f64,
        min_bytes: u64,
        max_bytes: u64,
    },
    Compression {
        codec: Compression,
        topic_bytes_per_sec: f64,
    },
    BufferMemory {
        buffer_seconds: f64,
        topic_bytes_per_sec: f64,
        partitions: u64,
        min_bytes: u64,
        max_bytes: u64,
        /// Set when the largest request pushed the value above `max_bytes`.
        largest_request_bytes: Option<u64>,
    },
    RequestSizeForLargest {
        largest_message_bytes: u64,
    },
    RequestSizeDefaultFitsLargest {
        largest_message_bytes: u64,
    },
    RequestSizeDefault,
    DeliveryTimeout {
        timeout_ms: u64,
        /// linger.ms + request.timeout.ms.
        floor_ms: u64,
    },
    TransactionalIdPrefix,
    TransactionTimeout {
        delivery_timeout_ms: u64,
        /// Set when the value is above the brokers' default transaction.max.timeout.ms.
        broker_max_ms: Option<u64>,
    },
}

/// Why a consumer setting has its value.
#[derive(Debug, Clone, PartialEq, strum::IntoStaticStr)]
#[strum(serialize_all = "kebab-case")]
pub enum ConsumerReason {
    PollInterval {
        interval_ms: u64,
    },
    PollIntervalRaised {
        profile_ms: u64,
        p99_ms: f64,
    },
    PollRecords {
        records: u64,
        p99_ms: f64,
        /// Half of max.poll.interval.ms.
        budget_ms: f64,
        /// Set when the profile's limit decided.
        capped_at: Option<u64>,
    },
    AutoCommitOnTimer,
    CommitAfterProcessing {
        delivery: Delivery,
    },
    OffsetResetLatest,
    OffsetResetEarliest {
        delivery: Delivery,
    },
    FetchAnyData,
    FetchMinBytes {
        bytes_per_wait: f64,
        wait_ms: u64,
        bound_bytes: u64,
    },
    FetchMaxWait {
        wait_ms: u64,
    },
    CooperativeAssignor,
    AsProfileSets,
    ReadCommitted,
    ReadUncommitted {
        delivery: Delivery,
    },
    SessionTimeout {
        kind: TopicType,
        timeout_ms: u64,
    },
    HeartbeatThirdOfSession,
    /// KIP-848's protocol: assignment and liveness move to the broker.
    ConsumerProtocol,
    /// The broker's uniform assignor: partitions spread evenly, moved incrementally.
    UniformAssignor,
    /// A share poll's records at p99 latency finish within half the record lock.
    RecordsWithinLock {
        records: u64,
        p99_ms: f64,
        lock_ms: u64,
        capped_at: Option<u64>,
        /// Set when lowered so this many consumers share a partition's record locks.
        consumers_per_partition: Option<u64>,
        max_record_locks: u64,
    },
    /// At-least-once: each record is acknowledged after it is processed.
    ExplicitAcknowledgement {
        delivery: Delivery,
    },
    /// At-most-once: the next poll acknowledges the previous one's records.
    ImplicitAcknowledgement,
}

/// Why a per-group config has its value.
#[derive(Debug, Clone, PartialEq, strum::IntoStaticStr)]
#[strum(serialize_all = "kebab-case")]
pub enum GroupReason {
    /// The profile's session, kept within the broker's bounds for the protocol.
    ConsumerSession {
        profile_ms: u64,
        session_ms: u64,
        broker_min_ms: u64,
        broker_max_ms: u64,
    },
    /// Heartbeats carry assignment changes: the shortest interval reconciles fastest.
    ConsumerHeartbeat { interval_ms: u64 },
    /// The lock a share consumer holds on an acquired record.
    RecordLock {
        lock_ms: u64,
        poll_ms: f64,
        default_ms: u64,
        max_ms: u64,
    },
    /// Deliveries before a record is archived (or dead-lettered): the retries and the
    /// first attempt; the group default without a dead letter plan.
    DeliveryCountLimit { retries: Option<u32>, limit: u64 },
    /// Where a new share group starts.
    ShareOffsetReset { delivery: Delivery },
    /// KIP-1191: records past the delivery limit go to this topic.
    DeadLetterQueue { topic: String },
}
