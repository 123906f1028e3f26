//! The rdkafka calls behind [`observe`]: one consumer handle (metadata here, the group's
//! offsets in `group`) and one admin handle (describe-configs), both read-only, every
//! call given what is left of the command's deadline. Errors leave here as [`Failure`]s
//! whose text has been scrubbed of secrets.

use std::time::Duration;

use rdkafka::admin::{AdminClient, AdminOptions, ConfigResourceResult, ResourceSpecifier};
use rdkafka::config::{ClientConfig, RDKafkaLogLevel};
use rdkafka::consumer::{BaseConsumer, Consumer};
use rdkafka::error::{KafkaError, KafkaResult, RDKafkaErrorCode};
use rdkafka::metadata::Metadata;

use super::deadline::Deadline;
use super::group::Reader;
use super::observer::{Observer, reason, serve_events, unreachable};
use super::{Answer, BrokerState, Configs, PartitionState, Snapshot, Target, TopicState};
use crate::error::Failure;

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
    let (group, group_kind) = match target.group {
        Some(group) => (
            Some(reader.group_offsets(group, planned, &brokers)?),
            Some(reader.group_kind(group)?),
        ),
        None => (None, None),
    };
    let (topic_config, broker_config) = await_configs(topic_config, broker_config, &observer);
    if observer.shows_logs() {
        serve_events(&consumer, &observer);
    }
    Ok(Snapshot {
        cluster_id,
        brokers,
        topics,
        topic_config,
        broker_config,
        group,
        group_kind,
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

pub(super) fn consumer_config(target: &Target) -> ClientConfig {
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

pub(super) fn create<T>(config: &ClientConfig, observer: &Observer) -> Result<T, Failure>
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

pub(super) fn read_metadata(metadata: &Metadata) -> (Vec<BrokerState>, Vec<TopicState>) {
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
