//! The policy file's keys, written once: the policy reader takes their bounds from here,
//! and they share the request's own bounds where they limit the same quantity.

use super::rule::{Rule, Severity};
use crate::input::spec::{Default, Field, Kind, Named, table};
use crate::request::spec::{
    CONCURRENCY, DELIVERIES, HEADROOM, PARTITION_CAP, TARGET_MINUTES, TOPIC_TYPES,
};

/// What `[severity]` may set a rule to.
pub const LEVELS: &[&str] = &["error", "warning", "off"];

/// In the order of [`LEVELS`]; `None` is "off".
pub const LEVEL_VALUES: [Option<Severity>; 3] =
    [Some(Severity::Error), Some(Severity::Warning), None];

impl Named for Option<Severity> {
    fn name(self) -> &'static str {
        match self {
            Some(Severity::Error) => LEVELS[0],
            Some(Severity::Warning) => LEVELS[1],
            None => LEVELS[2],
        }
    }
}

const fn flag(key: &'static str, doc: &'static str) -> Field {
    Field::optional(key, Kind::Flag, doc).defaults_to(Default::Flag(false))
}

const MINUTES_RANGE: &[Field] = &[
    TARGET_MINUTES
        .renamed("min", "The shortest target_minutes a request may ask for.")
        .with_required(false),
    TARGET_MINUTES
        .renamed("max", "The longest target_minutes a request may ask for.")
        .with_required(false),
];

/// Every key of a policy file.
pub const POLICY: Field = table(
    "",
    &[
        PARTITION_CAP.renamed(
            "max_partitions",
            "The partition cap every plan uses; a request may lower it, not raise it.",
        ),
        Field::optional(
            "topic_name_pattern",
            Kind::Pattern,
            "A regular expression every topic name must match whole.",
        ),
        Field::optional(
            "allowed_types",
            Kind::ChoiceList(TOPIC_TYPES),
            "The topic types requests may ask for.",
        ),
        Field::optional(
            "allowed_delivery",
            Kind::ChoiceList(DELIVERIES),
            "The delivery guarantees requests may ask for.",
        ),
        flag(
            "require_dead_letter",
            "at-least-once and exactly-once topics must have a [dead_letter] table.",
        ),
        table(
            "target_minutes",
            MINUTES_RANGE,
            "Bounds on subscribe.target_minutes: { min = ..., max = ... }.",
        ),
        flag(
            "require_latency_samples",
            "Requests must give measured samples (latency_file), not a summary.",
        ),
        Field::optional(
            "min_latency_samples",
            Kind::Integer {
                min: 1,
                max: u64::MAX,
            },
            "The fewest samples a latency_file may hold.",
        ),
        CONCURRENCY.renamed(
            "max_concurrency",
            "The most threads per partition a request may ask for.",
        ),
        Field::optional(
            "max_message_bytes",
            Kind::Integer {
                min: 1,
                max: i32::MAX as u64,
            },
            "The largest message a request may plan for, in bytes.",
        ),
        HEADROOM.renamed("min_headroom", "The least headroom a request may give."),
        flag(
            "require_key_sample",
            "Keyed topics must give a key_sample_file, so key skew is checked.",
        ),
        flag(
            "require_delay_objective",
            "Online topics must give subscribe.max_delay_ms.",
        ),
        Field::optional(
            "severity",
            Kind::ChoiceMap {
                keys: Rule::NAMES,
                choices: LEVELS,
            },
            "Rules set to another severity: error, warning or off.",
        ),
        Field::optional(
            "include",
            Kind::TextList,
            "Globs, relative to the policy's folder, naming the request files.",
        ),
        Field::optional(
            "exclude",
            Kind::TextList,
            "Globs of files searched that are never requests.",
        ),
    ],
    "A repository's rules for its request files.",
);
