//! The profile file's keys, written once: their bounds are checked from here, and the
//! sizing and topic keys share the request's own bounds, since a request's `[limits]`
//! overrides exactly them.

use crate::client_values::{Acks, Compression};
use crate::input::spec::{Default, Field, Kind, table};
use crate::request::spec::{
    DRAIN_CONFIDENCE, HEADROOM, MAX_UTILIZATION, MIN_INSYNC_REPLICAS, PARTITION_CAP,
    PARTITION_WRITE_RATE, REPLICATION_FACTOR, TOPIC_TYPES,
};

/// The largest value of a Java `int`, the type of most client settings.
pub const JAVA_INT_MAX: u64 = i32::MAX as u64;
/// The largest value of a Java `long` (buffer.memory).
pub const JAVA_LONG_MAX: u64 = i64::MAX as u64;

pub const DEFAULT_REPLICATION_FACTOR: u64 = 3;
pub const DEFAULT_MIN_INSYNC_REPLICAS: u64 = 2;
pub const DEFAULT_DRAIN_CONFIDENCE: f64 = 0.95;

/// A client setting the Java client reads as an `int`, at least `min`.
const fn int_setting(key: &'static str, min: u64, doc: &'static str) -> Field {
    Field::required(
        key,
        Kind::Integer {
            min,
            max: JAVA_INT_MAX,
        },
        doc,
    )
}

/// A share in `(0, max]`.
const fn above_zero(key: &'static str, max: f64, doc: &'static str) -> Field {
    let kind = Kind::Number {
        min: 0.0,
        max,
        positive: true,
    };
    Field::required(key, kind, doc)
}

const SIZING: &[Field] = &[
    HEADROOM.with_required(true),
    MAX_UTILIZATION.with_required(true),
    PARTITION_WRITE_RATE.with_required(true),
    PARTITION_CAP.with_required(true),
    DRAIN_CONFIDENCE.defaults_to(Default::Number(DEFAULT_DRAIN_CONFIDENCE)),
];

const TOPIC: &[Field] = &[
    REPLICATION_FACTOR.defaults_to(Default::Integer(DEFAULT_REPLICATION_FACTOR)),
    MIN_INSYNC_REPLICAS.defaults_to(Default::Integer(DEFAULT_MIN_INSYNC_REPLICAS)),
];

const PRODUCER: &[Field] = &[
    Field::required(
        "acks_at_most_once",
        Kind::Choice(Acks::SPELLINGS),
        "acks when loss is tolerated.",
    ),
    int_setting("linger_ms", 0, "The longest wait to fill a batch."),
    above_zero(
        "linger_share_of_delay",
        1.0,
        "Online: linger.ms stays within this share of max_delay_ms.",
    )
    .with_required(false),
    int_setting("batch_size_min", 1, "The least batch.size, in bytes."),
    int_setting("batch_size_max", 1, "The most batch.size, in bytes."),
    Field::required(
        "compression_type",
        Kind::Choice(Compression::NAMES),
        "The codec producers compress batches with.",
    ),
    above_zero(
        "buffer_seconds",
        3600.0,
        "Seconds of production the buffer absorbs while a leader moves.",
    ),
    Field::required(
        "buffer_memory_min",
        Kind::Integer {
            min: 1,
            max: JAVA_LONG_MAX,
        },
        "The least buffer.memory, in bytes.",
    ),
    Field::required(
        "buffer_memory_max",
        Kind::Integer {
            min: 1,
            max: JAVA_LONG_MAX,
        },
        "The most buffer.memory, in bytes.",
    ),
    int_setting("delivery_timeout_ms", 0, "How long a send may retry."),
    int_setting(
        "request_timeout_ms",
        0,
        "How long a request waits for its answer.",
    ),
];

const CONSUMER: &[Field] = &[
    int_setting("max_poll_records", 1, "The most records a poll returns."),
    int_setting(
        "max_poll_interval_ms",
        1000,
        "The longest time between polls before the consumer leaves the group.",
    ),
    int_setting("fetch_min_bytes", 1, "The least data a fetch waits for."),
    int_setting(
        "fetch_max_wait_ms",
        0,
        "The longest a fetch waits for fetch_min_bytes.",
    ),
    int_setting(
        "session_timeout_ms",
        0,
        "How soon a silent consumer is taken for dead.",
    ),
    Field::required(
        "assignment_strategy",
        Kind::Text,
        "partition.assignment.strategy for classic groups.",
    ),
];

/// Every key of a profile file.
pub const PROFILE: Field = table(
    "",
    &[
        Field::required(
            "type",
            Kind::Choice(TOPIC_TYPES),
            "The topic type it serves.",
        ),
        table("sizing", SIZING, "Defaults of the sizing.").with_required(true),
        table("topic", TOPIC, "How the topic itself is created."),
        table(
            "producer",
            PRODUCER,
            "Producer settings' starting values and bounds.",
        )
        .with_required(true),
        table(
            "consumer",
            CONSUMER,
            "Consumer settings' starting values and bounds.",
        )
        .with_required(true),
    ],
    "Per-topic-type defaults for sizing, and each client setting's bounds.",
);
