//! The request file's keys, written once: the reader (`parse`), `kplan schema`, the
//! policy and profile bounds and the `init` templates all take them from here.

use crate::input::spec::{Default, Field, Kind, table};

/// Bounds that keep every later computation finite and meaningful.
pub const MAX_MESSAGES: u64 = 1_000_000_000_000_000;
/// The most partitions a cap, a policy or a profile may name: beyond any cluster's
/// practical limit, and what every command that takes a partition count accepts.
pub const MAX_PARTITIONS: u64 = 100_000;
/// The most consumer threads per partition a request or a policy may name.
pub const MAX_CONCURRENCY: u64 = 1024;
/// The longest delay objective: a day.
pub const MAX_DELAY_MS: f64 = 86_400_000.0;
/// The largest message size kplan plans for: Kafka sizes are 32-bit signed on the wire,
/// and a gibibyte leaves room for record headers and a request around it.
pub const MAX_MESSAGE_BYTES: u64 = 1 << 30;
/// Below a nanosecond a latency is a measurement error, and 1000 / it would overflow.
pub const MIN_LATENCY_MS: f64 = 1e-6;
/// One hour per message.
pub const MAX_LATENCY_MS: f64 = 3_600_000.0;
pub const MIN_TARGET_MINUTES: f64 = 1.0 / 60.0;
pub const MAX_TARGET_MINUTES: f64 = 525_600.0;
/// The highest drain confidence: beyond it the slowest partition's quantile is a matter
/// of the distribution's far tail, which no sample measures.
pub const MAX_DRAIN_CONFIDENCE: f64 = 0.9999;
/// Kafka stores a replication factor as a 16-bit count.
pub const MAX_REPLICATION_FACTOR: u64 = i16::MAX as u64;
/// The most retries before a message is dead-lettered.
pub const MAX_RETRIES: u64 = 100;
/// The longest wait between retries: an hour.
pub const MAX_BACKOFF_MS: u64 = 3_600_000;
/// Two retries a second apart ride out a broker failover or a brief outage downstream.
pub const DEFAULT_RETRIES: u64 = 2;
pub const DEFAULT_BACKOFF_MS: u64 = 1000;

pub const TOPIC_TYPES: &[&str] = &["online", "batch"];
pub const DELIVERIES: &[&str] = &["at-most-once", "at-least-once", "exactly-once"];
pub const GROUP_PROTOCOLS: &[&str] = &["classic", "consumer", "share"];
pub const LATENCY_UNITS: &[&str] = &["ms", "s", "us"];

const fn integer(min: u64, max: u64) -> Kind {
    Kind::Integer { min, max }
}

/// A number within `min..=max`; `positive` refuses zero and below as "not positive".
const fn number(min: f64, max: f64, positive: bool) -> Kind {
    Kind::Number { min, max, positive }
}

// Keys whose bounds other files share: a policy and a profile bound the same quantity.

pub const PARTITION_CAP: Field = Field::optional(
    "max_partitions",
    integer(1, MAX_PARTITIONS),
    "The per-topic partition cap (the shipped profiles say 30).",
);
pub const CONCURRENCY: Field = Field::optional(
    "concurrency",
    integer(1, MAX_CONCURRENCY),
    "Threads per partition. More than 1 processes a partition out of order, so only for a topic without partition_key.",
)
.defaults_to(Default::Integer(1));
pub const HEADROOM: Field = Field::optional(
    "headroom",
    number(1.0, 10.0, false),
    "A multiplier on the need (1.0 = none), for growth or spikes.",
);
pub const MAX_UTILIZATION: Field = Field::optional(
    "max_utilization",
    number(0.0, 1.0, true),
    "Online only: the per-partition utilisation ceiling (0.7 in the shipped profile); queueing delay explodes near 1.",
);
pub const PARTITION_WRITE_RATE: Field = Field::optional(
    "partition_write_bytes_per_sec",
    number(1.0, 1e12, true),
    "The producer throughput one partition takes, in bytes per second.",
);
pub const DRAIN_CONFIDENCE: Field = Field::optional(
    "drain_confidence",
    number(0.5, MAX_DRAIN_CONFIDENCE, false),
    "Batch only: the chance that every partition drains within target_minutes (0.95 in the shipped profile); the deadline need holds the slowest partition's drain at this quantile.",
);
pub const REPLICATION_FACTOR: Field = Field::optional(
    "replication_factor",
    integer(1, MAX_REPLICATION_FACTOR),
    "Copies of each partition the topic is created with, for kplan export and kplan validate (3 in the shipped profiles).",
);
pub const MIN_INSYNC_REPLICAS: Field = Field::optional(
    "min_insync_replicas",
    integer(1, MAX_REPLICATION_FACTOR),
    "Replicas that must have a write before an acks=all producer counts it sent (2 in the shipped profiles); at most replication_factor.",
);
pub const TARGET_MINUTES: Field = Field::required(
    "target_minutes",
    number(MIN_TARGET_MINUTES, MAX_TARGET_MINUTES, true),
    "All of max_messages must be consumed within this many minutes (one second to a year).",
);

const TOPIC: &[Field] = &[
    Field::required(
        "name",
        Kind::TopicName,
        "The Kafka topic name: letters, digits, '.', '_' and '-', at most 249 characters.",
    ),
    Field::required(
        "type",
        Kind::Choice(TOPIC_TYPES),
        "online: consumers keep up with the peak rate with low delay. batch: a volume is processed within a time window.",
    ),
    Field::optional(
        "partition_key",
        Kind::Text,
        "The field messages are keyed by (same key, same partition, per-key order). Leave it out for an unkeyed topic with no ordering requirement.",
    ),
    Field::required(
        "delivery",
        Kind::Choice(DELIVERIES),
        "at-most-once: loss tolerated. at-least-once: no loss, duplicates possible (consumers must be idempotent). exactly-once: transactions end to end.",
    ),
];

const PUBLISH: &[Field] = &[
    Field::required(
        "max_messages",
        integer(1, MAX_MESSAGES),
        "The most messages published: in the whole window (batch) or at the peak (online).",
    ),
    Field::required(
        "message_bytes",
        integer(1, MAX_MESSAGE_BYTES),
        "The average message size, in bytes.",
    ),
    Field::optional(
        "max_message_bytes",
        integer(1, MAX_MESSAGE_BYTES),
        "The largest message, in bytes; at least message_bytes. Sizes max.request.size.",
    ),
    Field::optional(
        "key_sample_file",
        Kind::Text,
        "A sample of real keys, one per line, relative to this file. Needs topic.partition_key; the plan then checks that the busiest partition keeps up.",
    ),
];

const LATENCY: Kind = number(MIN_LATENCY_MS, MAX_LATENCY_MS, true);

const LATENCY_SUMMARY: &[Field] = &[
    Field::required(
        "mean",
        LATENCY,
        "The mean processing time of one message, in ms.",
    ),
    Field::optional(
        "p99",
        LATENCY,
        "The 99th percentile, in ms; at least the mean (default mean x ln 100).",
    ),
];

const SUBSCRIBE: &[Field] = &[
    TARGET_MINUTES,
    Field::optional(
        "latency_file",
        Kind::Text,
        "Measured per-message processing latency: one number per line, or a CSV with a latency_ms column; relative to this file.",
    ),
    Field::optional(
        "latency_unit",
        Kind::Choice(LATENCY_UNITS),
        "The unit of the numbers in latency_file (default ms), or of a latency histogram whose metric name and # UNIT line give none (default s).",
    ),
    Field::optional(
        "latency_column",
        Kind::Text,
        "The CSV column of latency_file to read (default latency_ms).",
    ),
    table(
        "latency_ms",
        LATENCY_SUMMARY,
        "Per-message latency without samples, in ms, such as { mean = 18.0, p99 = 60.0 }. With the mean alone, processing times are taken as exponential; with a p99 too, as the lognormal with that mean and p99, or beyond a lognormal's reach (p99 above about 15 x the mean) a two-part mixture. The p99 must be between the mean and 100 x the mean.",
    ),
    Field::optional(
        "latency_histogram_file",
        Kind::Text,
        "A Prometheus text exposition or OpenMetrics file (a scrape of the consumer's metrics endpoint) holding the processing-time histogram named by latency_metric; relative to this file. Buckets are taken as uniform within each bucket, _sum / _count give the exact mean; a summary gives its mean and 0.99 quantile.",
    ),
    Field::optional(
        "latency_metric",
        Kind::MetricName,
        "The histogram (or summary) in latency_histogram_file, without _bucket, _sum or _count, such as spring_kafka_listener_seconds.",
    ),
    Field::optional(
        "latency_labels",
        Kind::TextMap,
        "Label values that pick the series of latency_metric to read, such as { name = \"orders\" }; every series that has them is summed.",
    ),
    CONCURRENCY,
    Field::optional(
        "max_delay_ms",
        number(0.0, MAX_DELAY_MS, true),
        "Online only: the p99 end-to-end delay objective, in ms. The plan adds partitions until the predicted p99 delay fits.",
    ),
    Field::optional(
        "group",
        Kind::Choice(GROUP_PROTOCOLS),
        "How subscribers form a group: classic (default), consumer (KIP-848, Kafka 4.0+) or share (KIP-932, Kafka 4.2+; unkeyed, not exactly-once, dead_letter.retries 1 to 9).",
    )
    .defaults_to(Default::Name("classic")),
];

const DEAD_LETTER: &[Field] = &[
    Field::optional(
        "retries",
        integer(0, MAX_RETRIES),
        "Retries before a message is dead-lettered.",
    )
    .defaults_to(Default::Integer(DEFAULT_RETRIES)),
    Field::optional(
        "backoff_ms",
        integer(0, MAX_BACKOFF_MS),
        "The wait between retries, in ms.",
    )
    .defaults_to(Default::Integer(DEFAULT_BACKOFF_MS)),
];

const LIMITS: &[Field] = &[
    PARTITION_CAP,
    HEADROOM,
    MAX_UTILIZATION,
    PARTITION_WRITE_RATE,
    DRAIN_CONFIDENCE,
    REPLICATION_FACTOR,
    MIN_INSYNC_REPLICAS,
];

/// Every key of a request file.
pub const REQUEST: Field = table(
    "",
    &[
        table(
            "topic",
            TOPIC,
            "What the topic is: its name, its kind, its key and its delivery guarantee.",
        )
        .with_required(true),
        table("publish", PUBLISH, "What producers publish.").with_required(true),
        table(
            "subscribe",
            SUBSCRIBE,
            "What consumers must achieve, and how long they take per message. Give one of latency_file, latency_histogram_file and latency_ms.",
        )
        .with_required(true),
        table(
            "dead_letter",
            DEAD_LETTER,
            "Failed messages go to <topic>.DLT (dlq.<topic> for a share group) after a bounded number of retries.",
        ),
        table(
            "limits",
            LIMITS,
            "Overrides of the profile's defaults and the per-topic cap.",
        ),
    ],
    "One Kafka topic: how many messages are published, how fast subscribers must consume them, and the measured processing latency. `kplan plan FILE` turns it into partitions, consumers and client settings.",
);
