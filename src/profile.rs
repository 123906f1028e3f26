//! Profiles: per-topic-type defaults for sizing and the starting values and bounds of
//! each client setting. The two shipped profiles are compiled into the binary; a user's
//! own file (`--profile FILE`) replaces the one for its topic type.

use std::path::Path;

use serde::Deserialize;

use crate::request::parse::MAX_PARTITIONS;
use toml::de::DeTable;

use crate::client_values::{Acks, Compression};
use crate::diagnostic::{Diagnostic, line_of};
use crate::i18n::Message;
use crate::request::TopicType;
use crate::request::parse::read_text;
use crate::request::positions::KeyPositions;

/// The largest value of a Java `int`, the type of most client settings.
const JAVA_INT_MAX: u64 = i32::MAX as u64;

const ONLINE: &str = include_str!("../profiles/online.toml");
const BATCH: &str = include_str!("../profiles/batch.toml");

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
    3
}

fn default_min_insync_replicas() -> u32 {
    2
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
    0.95
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
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
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
    let problems: Vec<Diagnostic> = profile
        .problems()
        .into_iter()
        .map(|(key, problem)| {
            let d = Diagnostic::says(path, problem);
            match positions.get(key) {
                Some(at) => d.at_line(at.line).for_key(key),
                None => d.for_key(key),
            }
        })
        .collect();
    if problems.is_empty() {
        Ok(profile)
    } else {
        Err(problems)
    }
}

impl Profile {
    /// Values that would make the model divide by zero or contradict itself, or put a
    /// setting the client refuses into the plan.
    fn problems(&self) -> Vec<(&'static str, Message)> {
        let s = &self.sizing;
        let p = &self.producer;
        let c = &self.consumer;
        let t = &self.topic;
        let replicas = 1..=crate::request::parse::MAX_REPLICATION_FACTOR as u32;
        // The Java client reads these settings as 32-bit ints (buffer.memory as a long);
        // a larger value would be written into a properties file the client refuses.
        let int = |v: u64| v <= JAVA_INT_MAX;
        let checks: [(&'static str, bool, Message); 26] = [
            (
                "topic.replication_factor",
                replicas.contains(&t.replication_factor),
                Message::new("profile-between")
                    .arg("low", "1")
                    .arg("high", "32767"),
            ),
            (
                "topic.min_insync_replicas",
                replicas.contains(&t.min_insync_replicas)
                    && t.min_insync_replicas <= t.replication_factor,
                Message::new("profile-min-isr-within-replication"),
            ),
            (
                "sizing.drain_confidence",
                (0.5..=crate::request::parse::MAX_DRAIN_CONFIDENCE).contains(&s.drain_confidence),
                Message::new("profile-between")
                    .arg("low", "0.5")
                    .arg("high", "0.9999"),
            ),
            (
                "sizing.headroom",
                s.headroom >= 1.0 && s.headroom <= 10.0,
                Message::new("profile-between")
                    .arg("low", "1")
                    .arg("high", "10"),
            ),
            (
                "sizing.max_utilization",
                s.max_utilization > 0.0 && s.max_utilization <= 1.0,
                Message::new("profile-above-at-most")
                    .arg("low", "0")
                    .arg("high", "1"),
            ),
            (
                "sizing.partition_write_bytes_per_sec",
                s.partition_write_bytes_per_sec >= 1.0 && s.partition_write_bytes_per_sec <= 1e12,
                Message::new("profile-between")
                    .arg("low", "1")
                    .arg("high", "1e12"),
            ),
            (
                "sizing.max_partitions",
                (1..=MAX_PARTITIONS as u32).contains(&s.max_partitions),
                Message::new("profile-between")
                    .arg("low", "1")
                    .arg("high", MAX_PARTITIONS.to_string()),
            ),
            (
                "producer.linger_share_of_delay",
                p.linger_share_of_delay.is_none_or(|x| x > 0.0 && x <= 1.0),
                Message::new("profile-above-at-most")
                    .arg("low", "0")
                    .arg("high", "1"),
            ),
            (
                "producer.batch_size_min",
                p.batch_size_min >= 1 && p.batch_size_min <= p.batch_size_max,
                Message::new("profile-at-least-at-most")
                    .arg("low", "1")
                    .arg("high", "batch_size_max"),
            ),
            (
                "producer.batch_size_max",
                p.batch_size_max <= i32::MAX as u64,
                Message::new("profile-kafka-int"),
            ),
            (
                "producer.buffer_seconds",
                p.buffer_seconds > 0.0 && p.buffer_seconds <= 3600.0,
                Message::new("profile-above-at-most")
                    .arg("low", "0")
                    .arg("high", "3600"),
            ),
            (
                "producer.buffer_memory_min",
                p.buffer_memory_min >= 1 && p.buffer_memory_min <= p.buffer_memory_max,
                Message::new("profile-at-least-at-most")
                    .arg("low", "1")
                    .arg("high", "buffer_memory_max"),
            ),
            (
                "consumer.max_poll_records",
                c.max_poll_records >= 1,
                Message::new("profile-at-least").arg("low", "1"),
            ),
            (
                "consumer.max_poll_interval_ms",
                c.max_poll_interval_ms >= 1000,
                Message::new("profile-at-least").arg("low", "1000"),
            ),
            (
                "consumer.fetch_min_bytes",
                c.fetch_min_bytes >= 1,
                Message::new("profile-at-least").arg("low", "1"),
            ),
            (
                "producer.acks_at_most_once",
                Acks::parse(&p.acks_at_most_once).is_some(),
                Message::new("profile-acks"),
            ),
            (
                "producer.compression_type",
                Compression::parse(&p.compression_type).is_some(),
                Message::new("profile-compression"),
            ),
            (
                "producer.linger_ms",
                int(p.linger_ms),
                Message::new("profile-java-int"),
            ),
            (
                "producer.request_timeout_ms",
                int(p.linger_ms.saturating_add(p.request_timeout_ms)),
                Message::new("profile-request-timeout"),
            ),
            (
                "producer.delivery_timeout_ms",
                int(p.delivery_timeout_ms),
                Message::new("profile-java-int"),
            ),
            (
                "producer.buffer_memory_max",
                p.buffer_memory_max <= i64::MAX as u64,
                Message::new("profile-java-long"),
            ),
            (
                "consumer.max_poll_records",
                int(c.max_poll_records),
                Message::new("profile-java-int"),
            ),
            (
                "consumer.max_poll_interval_ms",
                int(c.max_poll_interval_ms),
                Message::new("profile-java-int"),
            ),
            (
                "consumer.fetch_min_bytes",
                int(c.fetch_min_bytes),
                Message::new("profile-java-int"),
            ),
            (
                "consumer.fetch_max_wait_ms",
                int(c.fetch_max_wait_ms),
                Message::new("profile-java-int"),
            ),
            (
                "consumer.session_timeout_ms",
                int(c.session_timeout_ms),
                Message::new("profile-java-int"),
            ),
        ];
        checks
            .into_iter()
            .filter(|(_, ok, _)| !ok)
            .map(|(key, _, problem)| (key, problem))
            .collect()
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
