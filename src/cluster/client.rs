//! The rdkafka calls behind [`observe`]: one consumer handle (metadata, watermarks,
//! committed offsets) and one admin handle (describe-configs), both read-only, every call
//! given what is left of the command's deadline. Errors leave here as [`Failure`]s whose
//! text has been scrubbed of secrets.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rdkafka::admin::{AdminClient, AdminOptions, ConfigResourceResult, ResourceSpecifier};
use rdkafka::client::ClientContext;
use rdkafka::config::{ClientConfig, RDKafkaLogLevel};
use rdkafka::consumer::{BaseConsumer, Consumer, ConsumerContext};
use rdkafka::error::{KafkaError, KafkaResult, RDKafkaErrorCode};
use rdkafka::metadata::Metadata;
use rdkafka::{Offset, TopicPartitionList};

use super::secrets::Scrubber;
use super::{
    Answer, BrokerState, Configs, GroupOffsets, PartitionOffsets, PartitionState, Snapshot, Target,
    TopicState,
};
use crate::error::Failure;
use crate::human::count;

/// Reads what the checks need from the cluster, within `target.timeout`.
pub fn observe(target: &Target) -> Result<Snapshot, Failure> {
    let deadline = Deadline::after(target.timeout);
    let observer = Observer::new(target);
    let consumer: BaseConsumer<Observer> = create(&consumer_config(target), &observer)?;
    let metadata = consumer
        .fetch_metadata(None, deadline.remaining())
        .map_err(|e| {
            unreachable(
                &consumer,
                &observer,
                target,
                "reading the cluster metadata",
                &e,
            )
        })?;
    let (brokers, topics) = read_metadata(&metadata);
    let planned = topics.iter().find(|t| t.name == target.topic);

    // Describe-configs runs in the background while the offsets are read: a broker that
    // never answers it then costs the time left, not that time on top of the rest.
    let admin: AdminClient<Observer> = create(&admin_config(target), &observer)?;
    let options = AdminOptions::new().request_timeout(Some(deadline.describe_budget()));
    let topic_spec = [ResourceSpecifier::Topic(target.topic)];
    let broker_spec = brokers.first().map(|b| [ResourceSpecifier::Broker(b.id)]);
    let topic_config = planned.map(|_| admin.describe_configs(&topic_spec, &options));
    let broker_config = broker_spec
        .as_ref()
        .map(|spec| admin.describe_configs(spec, &options));

    // The metadata just read carried the id when the broker has one: wait no longer.
    let cluster_id = consumer
        .client()
        .fetch_cluster_id(deadline.remaining().min(Duration::from_millis(100)))
        .map(|id| observer.scrub(&id));
    let reader = Reader {
        consumer: &consumer,
        observer: &observer,
        target,
        deadline: &deadline,
    };
    let group = match target.group {
        Some(group) => Some(reader.group_offsets(group, planned, &brokers)?),
        None => None,
    };
    let (topic_config, broker_config) = await_configs(topic_config, broker_config, &observer);
    if observer.shared.show_logs {
        serve_events(&consumer, &observer);
    }
    Ok(Snapshot {
        cluster_id,
        brokers,
        topics,
        topic_config,
        broker_config,
        group,
    })
}

/// The topic's and the broker's configuration, once their requests are answered (each
/// carries a request timeout within the deadline).
fn await_configs<T, B>(
    topic: Option<T>,
    broker: Option<B>,
    observer: &Observer,
) -> (Answer<Configs>, Answer<Configs>)
where
    T: Future<Output = KafkaResult<Vec<ConfigResourceResult>>>,
    B: Future<Output = KafkaResult<Vec<ConfigResourceResult>>>,
{
    let broker = match broker {
        Some(future) => configs(futures_executor::block_on(future), observer),
        None => Answer::NotAnswered("no broker to ask".to_string()),
    };
    // A broker without DescribeConfigs (the mock, some Kafka-compatible brokers) leaves a
    // topic request waiting out its timeout: it cannot succeed, so it is not awaited.
    let unsupported = Answer::NotAnswered(UNSUPPORTED.to_string());
    let topic = match topic {
        Some(_) if broker == unsupported => unsupported,
        Some(future) => configs(futures_executor::block_on(future), observer),
        None => Answer::NotAsked,
    };
    (topic, broker)
}

/// One deadline for the whole command.
struct Deadline {
    end: Instant,
}

impl Deadline {
    fn after(timeout: Duration) -> Deadline {
        Deadline {
            end: Instant::now() + timeout,
        }
    }

    fn remaining(&self) -> Duration {
        self.end.saturating_duration_since(Instant::now())
    }

    /// What describe-configs may take: the time left less a tenth, kept for reporting
    /// "not checked" before the deadline when a broker never answers.
    fn describe_budget(&self) -> Duration {
        let left = self.remaining();
        (left - left / 10).max(Duration::from_millis(1))
    }
}

/// librdkafka's callbacks: keeps the latest error, the reason shown when the cluster
/// cannot be reached, and prints logs only when the user asked with `-X debug=...`.
#[derive(Clone)]
struct Observer {
    shared: Arc<Shared>,
}

struct Shared {
    /// librdkafka's latest warning or error log line: the most specific reason
    /// ("Connect to ipv4#127.0.0.1:9092 failed: Connection refused").
    last_warning: Mutex<Option<String>>,
    /// The latest error event ("All broker connections are down").
    last_error: Mutex<Option<String>>,
    scrubber: Scrubber,
    show_logs: bool,
}

impl Observer {
    fn new(target: &Target) -> Observer {
        Observer {
            shared: Arc::new(Shared {
                last_warning: Mutex::new(None),
                last_error: Mutex::new(None),
                scrubber: target.settings.scrubber(),
                show_logs: target.settings.get("debug").is_some(),
            }),
        }
    }

    fn scrub(&self, text: &str) -> String {
        self.shared.scrubber.scrub(text)
    }

    fn remember(slot: &Mutex<Option<String>>, problem: String) {
        if let Ok(mut last) = slot.lock() {
            *last = Some(problem);
        }
    }

    fn remember_error(&self, problem: String) {
        Self::remember(&self.shared.last_error, problem);
    }

    /// The most specific reason known: a warning log line, else an error event.
    fn last_problem(&self) -> Option<String> {
        let read = |slot: &Mutex<Option<String>>| slot.lock().ok().and_then(|e| e.clone());
        read(&self.shared.last_warning).or_else(|| read(&self.shared.last_error))
    }

    /// Exit 3, one line: what was being read, the bound, and librdkafka's last word.
    fn unreachable(&self, target: &Target, doing: &str, error: &KafkaError) -> Failure {
        let cause = self.last_problem().unwrap_or_else(|| reason(error, self));
        Failure::Unreachable(format!(
            "no answer from {} within {} ms while {doing}: {cause}",
            target.bootstrap_servers,
            count(target.timeout.as_millis() as u64)
        ))
    }
}

impl ClientContext for Observer {
    /// librdkafka calls this from its own threads as things happen (unlike the error
    /// callback, which waits for a poll this read-only client never makes), so its
    /// warnings are the freshest account of why a broker cannot be reached.
    fn log(&self, level: RDKafkaLogLevel, facility: &str, message: &str) {
        let message = self.scrub(message);
        if self.shared.show_logs {
            eprintln!("librdkafka {level:?} {facility}: {message}");
        }
        if (level as i32) <= (RDKafkaLogLevel::Warning as i32) {
            Self::remember(
                &self.shared.last_warning,
                without_thread(&message).to_string(),
            );
        }
    }

    fn error(&self, error: KafkaError, reason: &str) {
        let text = if reason.is_empty() {
            error.to_string()
        } else {
            reason.to_string()
        };
        self.remember_error(self.scrub(&text));
    }
}

/// A log line less librdkafka's `[thrd:NAME]: ` prefix.
fn without_thread(message: &str) -> &str {
    match message
        .strip_prefix("[thrd:")
        .and_then(|m| m.split_once("]: "))
    {
        Some((_, rest)) => rest,
        None => message,
    }
}

impl ConsumerContext for Observer {}

/// Settings both handles share: the user's, then kplan's read-only guarantees last.
fn base_config(target: &Target) -> ClientConfig {
    let mut config = ClientConfig::new();
    // Warnings are kept as the reason for an unreachable cluster; debug output only
    // when asked for, as kcat does.
    config.set_log_level(if target.settings.get("debug").is_some() {
        RDKafkaLogLevel::Debug
    } else {
        RDKafkaLogLevel::Warning
    });
    config.set("client.id", "kplan-validate");
    for (key, value) in target.settings.entries() {
        config.set(key, value);
    }
    config
        .set("bootstrap.servers", target.bootstrap_servers)
        .set("allow.auto.create.topics", "false");
    config
}

fn consumer_config(target: &Target) -> ClientConfig {
    let mut config = base_config(target);
    config
        .set("enable.auto.commit", "false")
        .set("enable.auto.offset.store", "false");
    if let Some(group) = target.group {
        // Committed offsets are read per group; the handle never joins it.
        config.set("group.id", group);
    }
    config
}

fn admin_config(target: &Target) -> ClientConfig {
    base_config(target)
}

fn create<T>(config: &ClientConfig, observer: &Observer) -> Result<T, Failure>
where
    T: rdkafka::config::FromClientConfigAndContext<Observer>,
{
    config
        .create_with_context(observer.clone())
        .map_err(|e| match e {
            // The value is left out: it may be a secret under a misspelt key.
            KafkaError::ClientConfig(_, description, key, _) => Failure::Usage(format!(
                "librdkafka setting {key}: {}",
                observer.scrub(&description)
            )),
            other => Failure::Usage(format!(
                "librdkafka refused the client settings: {}",
                observer.scrub(&other.to_string())
            )),
        })
}

fn read_metadata(metadata: &Metadata) -> (Vec<BrokerState>, Vec<TopicState>) {
    let mut brokers: Vec<BrokerState> = metadata
        .brokers()
        .iter()
        .map(|b| BrokerState {
            id: b.id(),
            host: b.host().to_string(),
            port: b.port(),
        })
        .collect();
    brokers.sort_by_key(|b| b.id);
    let mut topics: Vec<TopicState> = metadata
        .topics()
        .iter()
        .map(|t| {
            let mut partitions: Vec<PartitionState> = t
                .partitions()
                .iter()
                .map(|p| PartitionState {
                    id: p.id(),
                    leader: p.leader(),
                    replicas: p.replicas().to_vec(),
                    isr: p.isr().to_vec(),
                })
                .collect();
            partitions.sort_by_key(|p| p.id);
            TopicState {
                name: t.name().to_string(),
                partitions,
            }
        })
        .collect();
    topics.sort_by(|a, b| a.name.cmp(&b.name));
    (brokers, topics)
}

const UNSUPPORTED: &str = "the broker does not implement DescribeConfigs";

/// Keeps the entries with a value; sensitive ones the broker hides anyway.
fn configs(result: KafkaResult<Vec<ConfigResourceResult>>, observer: &Observer) -> Answer<Configs> {
    match result {
        Ok(resources) => match resources.into_iter().next() {
            Some(Ok(resource)) => Answer::Answered(
                resource
                    .entries
                    .into_iter()
                    .filter(|e| !e.is_sensitive)
                    .filter_map(|e| e.value.map(|v| (e.name, v)))
                    .collect(),
            ),
            Some(Err(code)) => Answer::NotAnswered(describe_failure(code, observer)),
            None => Answer::NotAnswered("the broker returned no configuration".to_string()),
        },
        Err(KafkaError::AdminOp(code)) => Answer::NotAnswered(describe_failure(code, observer)),
        Err(e) => Answer::NotAnswered(reason(&e, observer)),
    }
}

/// Why a configuration could not be read, in a user's words.
fn describe_failure(code: RDKafkaErrorCode, observer: &Observer) -> String {
    match code {
        RDKafkaErrorCode::UnsupportedFeature | RDKafkaErrorCode::UnsupportedVersion => {
            UNSUPPORTED.to_string()
        }
        RDKafkaErrorCode::OperationTimedOut | RDKafkaErrorCode::RequestTimedOut => {
            "no answer within the timeout".to_string()
        }
        RDKafkaErrorCode::TopicAuthorizationFailed
        | RDKafkaErrorCode::ClusterAuthorizationFailed => {
            "not authorised: the principal lacks DescribeConfigs permission".to_string()
        }
        other => observer.scrub(&other.to_string()),
    }
}

/// Exit 3, with librdkafka's own account of the failure: its log and error events wait
/// in the client's queue until a poll serves them, and this client polls only now.
fn unreachable(
    consumer: &BaseConsumer<Observer>,
    observer: &Observer,
    target: &Target,
    doing: &str,
    error: &KafkaError,
) -> Failure {
    serve_events(consumer, observer);
    observer.unreachable(target, doing, error)
}

/// Hands queued log and error events to the observer (a poll without an assignment
/// fetches nothing).
fn serve_events(consumer: &BaseConsumer<Observer>, observer: &Observer) {
    const MAX_EVENTS: usize = 64;
    for _ in 0..MAX_EVENTS {
        match consumer.poll(Duration::from_millis(5)) {
            None => break,
            Some(Err(e)) => observer.remember_error(observer.scrub(&e.to_string())),
            Some(Ok(_)) => {}
        }
    }
}

/// librdkafka's words for an error code ("Broker: Group authorization failed"), without
/// the name of the rdkafka call it came through.
fn reason(error: &KafkaError, observer: &Observer) -> String {
    match error.rdkafka_error_code() {
        Some(code) => observer.scrub(&code.to_string()),
        None => observer.scrub(&error.to_string()),
    }
}

fn timed_out(error: &KafkaError) -> bool {
    matches!(
        error.rdkafka_error_code(),
        Some(RDKafkaErrorCode::OperationTimedOut | RDKafkaErrorCode::RequestTimedOut)
    )
}

/// The consumer handle and what every read through it needs.
struct Reader<'a> {
    consumer: &'a BaseConsumer<Observer>,
    observer: &'a Observer,
    target: &'a Target<'a>,
    deadline: &'a Deadline,
}

/// Watermarks read: `(partition, low, high)`.
type Watermarks = Vec<(i32, i64, i64)>;

impl Reader<'_> {
    fn unreachable(&self, doing: &str, error: &KafkaError) -> Failure {
        unreachable(self.consumer, self.observer, self.target, doing, error)
    }

    /// The group's offsets on the topic, or why there are none.
    fn group_offsets(
        &self,
        group: &str,
        topic: Option<&TopicState>,
        brokers: &[BrokerState],
    ) -> Result<GroupOffsets, Failure> {
        let mut offsets = GroupOffsets {
            group: group.to_string(),
            partitions: Vec::new(),
            unread: Vec::new(),
            failure: None,
        };
        let Some(topic) = topic else {
            offsets.failure = Some("the topic does not exist".to_string());
            return Ok(offsets);
        };
        let watermarks = self.watermarks(topic, brokers, &mut offsets.unread)?;
        match self.committed(topic, &watermarks)? {
            Ok(committed) => {
                offsets.partitions = watermarks
                    .into_iter()
                    .map(|(partition, low, high)| PartitionOffsets {
                        partition,
                        low,
                        high,
                        committed: committed_offset(&committed, &topic.name, partition),
                    })
                    .collect();
            }
            Err(why) => offsets.failure = Some(why),
        }
        Ok(offsets)
    }

    /// Each partition's watermarks. Partitions whose leader is down are skipped (asking
    /// would only wait out the deadline) and listed in `unread` with those that failed;
    /// running out of time is exit 3.
    fn watermarks(
        &self,
        topic: &TopicState,
        brokers: &[BrokerState],
        unread: &mut Vec<(i32, String)>,
    ) -> Result<Watermarks, Failure> {
        let mut watermarks = Vec::new();
        for partition in &topic.partitions {
            if !brokers.iter().any(|b| b.id == partition.leader) {
                let why = format!("its leader (broker {}) is not answering", partition.leader);
                unread.push((partition.id, why));
                continue;
            }
            let answer = self.consumer.fetch_watermarks(
                &topic.name,
                partition.id,
                self.deadline.remaining(),
            );
            match answer {
                Ok((low, high)) => watermarks.push((partition.id, low, high)),
                Err(e) if timed_out(&e) => {
                    return Err(self.unreachable("reading the topic's offsets", &e));
                }
                Err(e) => unread.push((partition.id, reason(&e, self.observer))),
            }
        }
        Ok(watermarks)
    }

    /// The group's committed offsets on the partitions read; an error answer (no
    /// permission, say) is the inner error, running out of time is exit 3.
    fn committed(
        &self,
        topic: &TopicState,
        watermarks: &Watermarks,
    ) -> Result<Result<TopicPartitionList, String>, Failure> {
        let mut list = TopicPartitionList::new();
        for (partition, _, _) in watermarks {
            list.add_partition(&topic.name, *partition);
        }
        match self
            .consumer
            .committed_offsets(list, self.deadline.remaining())
        {
            Ok(committed) => Ok(Ok(committed)),
            Err(e) if timed_out(&e) => {
                Err(self.unreachable("reading the group's committed offsets", &e))
            }
            Err(e) => Ok(Err(reason(&e, self.observer))),
        }
    }
}

/// A committed offset; `None` when the group committed none on the partition.
fn committed_offset(list: &TopicPartitionList, topic: &str, partition: i32) -> Option<i64> {
    match list.find_partition(topic, partition)?.offset() {
        Offset::Offset(n) => Some(n),
        _ => None,
    }
}
