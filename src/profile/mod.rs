//! Profiles: per-topic-type defaults for sizing and the starting values and bounds of
//! each client setting. The two shipped profiles are compiled into the binary; a user's
//! own file (`--profile FILE`) replaces the one for its topic type.

mod checks;
pub mod spec;

use std::path::Path;

use serde::Deserialize;
use toml::de::DeTable;

use crate::diagnostic::{Diagnostic, line_of};
use crate::input::file::{read_text, without_bom};
use crate::request::TopicType;
use crate::request::positions::KeyPositions;
use spec::{DEFAULT_DRAIN_CONFIDENCE, DEFAULT_MIN_INSYNC_REPLICAS, DEFAULT_REPLICATION_FACTOR};

const ONLINE: &str = include_str!("../../profiles/online.toml");
const BATCH: &str = include_str!("../../profiles/batch.toml");

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    #[serde(rename = "type")]
    pub kind: TopicType,
    pub sizing: SizingProfile,
    /// How the topic itself is created; optional, so older profile files still load.
    #[serde(default)]
    pub topic: TopicProfile,
    pub producer: ProducerProfile,
    pub consumer: ConsumerProfile,
}

/// The topic's own settings: what `kplan export` writes and `validate` suggests.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TopicProfile {
    /// Copies of each partition.
    #[serde(default = "default_replication_factor")]
    pub replication_factor: u32,
    /// Replicas that must have a write before an acks=all producer counts it sent.
    #[serde(default = "default_min_insync_replicas")]
    pub min_insync_replicas: u32,
}

/// Three copies: a write survives one broker failure and stays writable through it with
/// min.insync.replicas = 2, the usual production setting.
fn default_replication_factor() -> u32 {
    DEFAULT_REPLICATION_FACTOR as u32
}

fn default_min_insync_replicas() -> u32 {
    DEFAULT_MIN_INSYNC_REPLICAS as u32
}

impl Default for TopicProfile {
    fn default() -> Self {
        TopicProfile {
            replication_factor: default_replication_factor(),
            min_insync_replicas: default_min_insync_replicas(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SizingProfile {
    pub headroom: f64,
    pub max_utilization: f64,
    pub partition_write_bytes_per_sec: f64,
    pub max_partitions: u32,
    /// Batch: the chance that every partition drains within the target.
    #[serde(default = "default_drain_confidence")]
    pub drain_confidence: f64,
}

fn default_drain_confidence() -> f64 {
    DEFAULT_DRAIN_CONFIDENCE
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProducerProfile {
    pub acks_at_most_once: String,
    pub linger_ms: u64,
    /// Online only: linger.ms stays within this share of max_delay_ms.
    pub linger_share_of_delay: Option<f64>,
    pub batch_size_min: u64,
    pub batch_size_max: u64,
    pub compression_type: String,
    pub buffer_seconds: f64,
    pub buffer_memory_min: u64,
    pub buffer_memory_max: u64,
    pub delivery_timeout_ms: u64,
    pub request_timeout_ms: u64,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsumerProfile {
    pub max_poll_records: u64,
    pub max_poll_interval_ms: u64,
    pub fetch_min_bytes: u64,
    pub fetch_max_wait_ms: u64,
    pub session_timeout_ms: u64,
    pub assignment_strategy: String,
}

impl Profile {
    /// The shipped profile for a topic type.
    pub fn builtin(kind: TopicType) -> Profile {
        let (name, text) = match kind {
            TopicType::Online => ("profiles/online.toml", ONLINE),
            TopicType::Batch => ("profiles/batch.toml", BATCH),
        };
        match parse_profile(text, Path::new(name)) {
            Ok(profile) => profile,
            // The shipped files are tested; this is a build defect, not user input.
            Err(problems) => panic!("shipped profile {name} is invalid: {problems:?}"),
        }
    }

    /// A user's profile file.
    pub fn load(path: &Path) -> Result<Profile, Vec<Diagnostic>> {
        let text = read_text(path).map_err(|d| vec![d])?;
        parse_profile(&text, path)
    }
}

pub fn parse_profile(text: &str, path: &Path) -> Result<Profile, Vec<Diagnostic>> {
    let text = without_bom(text);
    let profile: Profile = toml::from_str(text).map_err(|e| {
        let mut d = Diagnostic::new(path, e.message().trim_end().to_string());
        if let Some(span) = e.span() {
            d = d.at_line(line_of(text, span.start));
        }
        vec![d]
    })?;
    // The text parsed once more as a table, to point each problem at its key's line.
    let (root, _) = DeTable::parse_recoverable(text);
    let positions = KeyPositions::collect(root.get_ref(), text);
    let mut problems: Vec<Diagnostic> = checks::problems(&profile, root.get_ref())
        .into_iter()
        .map(|(key, problem)| {
            let d = Diagnostic::says(path, problem);
            match positions.get(&key) {
                Some(at) => d.at_line(at.line).for_key(&key),
                None => d.for_key(&key),
            }
        })
        .collect();
    problems.sort_by_key(|d| d.line);
    if problems.is_empty() {
        Ok(profile)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_profiles_parse_and_match_their_type() {
        assert_eq!(Profile::builtin(TopicType::Online).kind, TopicType::Online);
        assert_eq!(Profile::builtin(TopicType::Batch).kind, TopicType::Batch);
    }

    #[test]
    fn batch_bounds_are_at_least_the_online_ones() {
        // The invariant "a batch topic's linger.ms and batch.size are at least the online
        // ones for the same inputs" rests on these.
        let online = Profile::builtin(TopicType::Online).producer;
        let batch = Profile::builtin(TopicType::Batch).producer;
        assert!(batch.linger_ms >= online.linger_ms);
        assert!(batch.batch_size_min >= online.batch_size_min);
        assert!(batch.batch_size_max >= online.batch_size_max);
    }

    #[test]
    fn unknown_profile_keys_are_errors_with_a_line() {
        let text = ONLINE.replace("max_partitions = 30", "max_partitons = 30");
        let problems = parse_profile(&text, Path::new("p.toml")).unwrap_err();
        assert!(
            problems[0].to_string().contains("max_partitons"),
            "{problems:?}"
        );
        assert!(problems[0].line.is_some());
    }

    #[test]
    fn settings_beyond_a_java_int_are_errors_with_their_line() {
        // linger.ms + request.timeout.ms overflowed while computing delivery.timeout.ms.
        let text = ONLINE.replace("linger_ms = 5 ", "linger_ms = 18446744073709551615 ");
        let problems = parse_profile(&text, Path::new("p.toml")).unwrap_err();
        let shown: Vec<String> = problems.iter().map(|d| d.to_string()).collect();
        assert_eq!(
            shown,
            [
                "p.toml:17: producer.linger_ms: must be at most 2147483647, the Java client's 32-bit int",
                "p.toml:26: producer.request_timeout_ms: with linger_ms, must be at most 2147483647: delivery.timeout.ms is at least their sum",
            ]
        );
    }

    #[test]
    fn an_unknown_codec_or_acks_is_an_error() {
        let text = ONLINE
            .replace("compression_type = \"lz4\"", "compression_type = \"lz5\"")
            .replace("acks_at_most_once = \"1\"", "acks_at_most_once = \"one\"");
        let problems = parse_profile(&text, Path::new("p.toml")).unwrap_err();
        let keys: Vec<_> = problems.iter().map(|d| d.key.as_deref()).collect();
        assert_eq!(
            keys,
            [
                Some("producer.acks_at_most_once"),
                Some("producer.compression_type")
            ]
        );
    }

    #[test]
    fn contradictory_bounds_are_errors() {
        let text = ONLINE.replace("batch_size_min = 16384", "batch_size_min = 999999999");
        let problems = parse_profile(&text, Path::new("p.toml")).unwrap_err();
        assert_eq!(problems[0].key.as_deref(), Some("producer.batch_size_min"));
    }
}
