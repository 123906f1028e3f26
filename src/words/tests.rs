//! Every kind of reason, warning, guidance and client note formats without a Fluent
//! error in every language, and together they use every such message of the .ftl files
//! (so a message cannot lose its kind, nor a kind its message, unnoticed).

use std::collections::BTreeSet;

use super::*;
use crate::client_values::Compression;
use crate::clients::{Client, ClientNote, ClientReason};
use crate::i18n::{Lang, Message};
use crate::model::settings::{ConsumerReason as C, GroupReason as G, ProducerReason as P, Reason};
use crate::model::{Guidance, Infeasible, Warning};
use crate::request::{Delivery, TopicType};

const DELIVERIES: [Delivery; 3] = [
    Delivery::AtMostOnce,
    Delivery::AtLeastOnce,
    Delivery::ExactlyOnce,
];

fn reasons() -> Vec<Reason> {
    let mut out: Vec<Reason> = vec![
        P::AcksLeader.into(),
        P::IdempotenceOn.into(),
        P::IdempotenceOff.into(),
        P::InFlightIdempotent.into(),
        P::InFlightKeyedNotIdempotent.into(),
        P::InFlightUnkeyed.into(),
        P::LingerWithinObjective {
            linger_ms: 5,
            share: 0.01,
            objective_ms: 500.0,
        }
        .into(),
        P::LingerOnline { linger_ms: 5 }.into(),
        P::LingerBatch { linger_ms: 50 }.into(),
        P::BatchFill {
            partition_bytes_per_sec: 375_000.0,
            linger_ms: 5,
            fill_bytes: 1875.0,
            min_bytes: 16_384,
            max_bytes: 131_072,
        }
        .into(),
        P::RequestSizeForLargest {
            largest_message_bytes: 2_000_000,
        }
        .into(),
        P::RequestSizeDefaultFitsLargest {
            largest_message_bytes: 65_536,
        }
        .into(),
        P::RequestSizeDefault.into(),
        P::DeliveryTimeout {
            timeout_ms: 120_000,
            floor_ms: 30_005,
        }
        .into(),
        P::TransactionalIdPrefix.into(),
        C::PollInterval {
            interval_ms: 300_000,
        }
        .into(),
        C::PollIntervalRaised {
            profile_ms: 300_000,
            p99_ms: 400_000.0,
        }
        .into(),
        C::AutoCommitOnTimer.into(),
        C::OffsetResetLatest.into(),
        C::FetchAnyData.into(),
        C::FetchMinBytes {
            bytes_per_wait: 51_200.0,
            wait_ms: 500,
            bound_bytes: 1_048_576,
        }
        .into(),
        C::FetchMaxWait { wait_ms: 500 }.into(),
        C::CooperativeAssignor.into(),
        C::AsProfileSets.into(),
        C::ReadCommitted.into(),
        C::HeartbeatThirdOfSession.into(),
    ];
    for codec in [
        Compression::None,
        Compression::Gzip,
        Compression::Snappy,
        Compression::Lz4,
        Compression::Zstd,
    ] {
        out.push(
            P::Compression {
                codec,
                topic_bytes_per_sec: 2e6,
            }
            .into(),
        );
    }
    for largest_request_bytes in [None, Some(300_000_000)] {
        out.push(
            P::BufferMemory {
                buffer_seconds: 5.0,
                topic_bytes_per_sec: 2e6,
                partitions: 30,
                min_bytes: 33_554_432,
                max_bytes: 268_435_456,
                largest_request_bytes,
            }
            .into(),
        );
    }
    for broker_max_ms in [None, Some(900_000)] {
        out.push(
            P::TransactionTimeout {
                delivery_timeout_ms: 120_000,
                broker_max_ms,
            }
            .into(),
        );
    }
    for capped_at in [None, Some(500)] {
        out.push(
            C::PollRecords {
                records: 500,
                p99_ms: 60.0,
                budget_ms: 150_000.0,
                capped_at,
            }
            .into(),
        );
    }
    out.extend(share_and_consumer_group_reasons());
    for delivery in DELIVERIES {
        out.push(P::AcksAll { delivery }.into());
        out.push(C::CommitAfterProcessing { delivery }.into());
        out.push(C::OffsetResetEarliest { delivery }.into());
        out.push(C::ReadUncommitted { delivery }.into());
    }
    for kind in [TopicType::Online, TopicType::Batch] {
        out.push(
            C::SessionTimeout {
                kind,
                timeout_ms: 45_000,
            }
            .into(),
        );
    }
    out
}

/// The reasons of KIP-848 consumer groups and KIP-932 share groups, each case of each.
fn share_and_consumer_group_reasons() -> Vec<Reason> {
    let within_lock = |capped_at, consumers_per_partition| C::RecordsWithinLock {
        records: 500,
        p99_ms: 40.0,
        lock_ms: 60_000,
        capped_at,
        consumers_per_partition,
        max_record_locks: 2000,
    };
    let session = |profile_ms| G::ConsumerSession {
        profile_ms,
        session_ms: 45_000,
        broker_min_ms: 45_000,
        broker_max_ms: 60_000,
    };
    let lock = |lock_ms, poll_ms| G::RecordLock {
        lock_ms,
        poll_ms,
        default_ms: 30_000,
        max_ms: 60_000,
    };
    let mut out: Vec<Reason> = vec![
        C::ConsumerProtocol.into(),
        C::UniformAssignor.into(),
        C::ImplicitAcknowledgement.into(),
        within_lock(None, None).into(),
        within_lock(Some(500), None).into(),
        within_lock(None, Some(4)).into(),
        session(45_000).into(),
        session(30_000).into(),
        G::ConsumerHeartbeat { interval_ms: 5000 }.into(),
        lock(60_000, 40_000.0).into(),
        lock(45_000, 20_000.0).into(),
        lock(30_000, 10_000.0).into(),
        G::DeliveryCountLimit {
            retries: Some(2),
            limit: 3,
        }
        .into(),
        G::DeliveryCountLimit {
            retries: None,
            limit: 5,
        }
        .into(),
        G::DeadLetterQueue {
            topic: "dlq.orders".into(),
        }
        .into(),
    ];
    for delivery in DELIVERIES {
        out.push(C::ExplicitAcknowledgement { delivery }.into());
        out.push(G::ShareOffsetReset { delivery }.into());
    }
    out
}

fn infeasibles() -> Vec<Infeasible> {
    vec![
        Infeasible::DelayBelowLatency {
            objective_ms: 50.0,
            p99_ms: 60.0,
        },
        Infeasible::DelayBeyondModel {
            objective_ms: 50.0,
            partitions_modelled: 100_000,
        },
        Infeasible::DeadlineBeyondModel {
            target_minutes: 1.0,
            drain_confidence: 0.95,
        },
        Infeasible::HotKey {
            key: "acct-1".into(),
            share: 0.4,
            key_tps: 800.0,
            partition_capacity_tps: 55.5,
        },
    ]
}

fn warnings() -> Vec<Warning> {
    let mut out: Vec<Warning> = infeasibles().into_iter().map(Warning::Infeasible).collect();
    out.extend([
        Warning::OverCap {
            needed: 143,
            cap: 30,
            recommended: 30,
            utilization: 3.33,
        },
        Warning::KeySkewUnresolved { searched_to: 1000 },
        Warning::PartitionsOnlyGrow { recommended: 12 },
        Warning::KeySkewUnchecked,
        Warning::AtMostOnce,
        Warning::FewLatencySamples {
            samples: 12,
            mean_ms: 18.0,
            mean_upper_95_ms: 21.0,
        },
        Warning::MessageOverBrokerDefault {
            largest_bytes: 2_000_000,
        },
        Warning::LatencyTailUnknown {
            share: 0.05,
            last_bound_ms: 1000.0,
            high_ms: 2500.0,
        },
        Warning::LatencyTailUnknown {
            share: 0.05,
            last_bound_ms: 1000.0,
            high_ms: 1000.0,
        },
    ]);
    out
}

fn guidances() -> Vec<Guidance> {
    let mut out: Vec<Guidance> = DELIVERIES.into_iter().map(Guidance::Delivery).collect();
    out.extend([
        Guidance::NoLatencySamples,
        Guidance::ThreadsPerPartition { threads: 4 },
        Guidance::NoDelayObjective {
            max_utilization: 0.7,
        },
        Guidance::BatchNearFull { utilization: 0.99 },
        Guidance::ProducerBound {
            partitions: 12,
            partition_write_bytes_per_sec: 1e7,
        },
        Guidance::DeadLetter {
            retries: 2,
            backoff_ms: 1000,
            topic: "a.DLT".into(),
        },
    ]);
    out
}

fn client_reasons() -> Vec<ClientReason> {
    let plan = || Reason::from(P::LingerOnline { linger_ms: 5 });
    let mut out = vec![
        ClientReason::Plan(plan()),
        ClientReason::Alias {
            plan: plan(),
            native: "queue.buffering.max.ms",
        },
        ClientReason::Renamed {
            plan: plan(),
            java_key: "max.request.size",
        },
        ClientReason::AssignorName {
            plan: plan(),
            class: "CooperativeStickyAssignor".into(),
        },
        ClientReason::MessageMaxBytes { plan: plan() },
        ClientReason::QueueKbytes {
            buffer_bytes: 33_554_432,
            plan: plan(),
        },
        ClientReason::QueueMessages {
            kbytes: 32_768,
            messages_fit: 32_768,
            message_bytes: 1024,
        },
        ClientReason::BatchMessages {
            messages_fit: 16,
            message_bytes: 1024,
        },
        ClientReason::Murmur2Partitioner,
        ClientReason::OffsetStoreOnHandOver,
        ClientReason::ListenerConcurrency { consumers: 12 },
    ];
    for delivery in DELIVERIES {
        out.push(ClientReason::OffsetStoreAfterProcessing { delivery });
        out.push(ClientReason::ListenerAckModeBatch { delivery });
    }
    out
}

fn client_notes() -> Vec<ClientNote> {
    let mut out: Vec<ClientNote> = [Client::Java, Client::Librdkafka, Client::Spring]
        .into_iter()
        .map(|client| ClientNote::Unmapped {
            client,
            key: "send.buffer.bytes",
            value: "131072".into(),
        })
        .collect();
    out.extend([
        ClientNote::MessageMaxBytesCapped {
            cap_bytes: 1_000_000_000,
            needed_bytes: 1_100_000_000,
        },
        ClientNote::BatchBound {
            records: 500,
            p99_ms: 60.0,
            interval_ms: 300_000,
        },
        ClientNote::LibrdkafkaDeadLetter {
            retries: 2,
            backoff_ms: 1000,
            topic: "a.DLT".into(),
        },
        ClientNote::SpringThreadsPerPartition { threads: 4 },
        ClientNote::SpringDeadLetter {
            topic: "a.DLT".into(),
        },
        ClientNote::LibrdkafkaShareConsumer,
        ClientNote::SpringShareContainer { consumers: 40 },
    ]);
    out
}

/// Every message the words module makes for the samples above, in `lang`.
fn all_messages(lang: Lang) -> Vec<Message> {
    let mut out: Vec<Message> = reasons().iter().map(reason_message).collect();
    out.extend(warnings().iter().map(warning_message));
    out.extend(infeasibles().iter().map(infeasible_message));
    out.extend(guidances().iter().map(guidance_message));
    out.extend(client_reasons().iter().map(client_reason_message));
    out.extend(client_notes().iter().map(|n| client_note_message(lang, n)));
    out
}

#[test]
fn every_kind_formats_without_a_fluent_error_in_every_language() {
    for lang in Lang::ALL {
        for message in all_messages(lang) {
            let text = message
                .try_render(lang)
                .unwrap_or_else(|e| panic!("{lang}: {message:?}: {e:?}"));
            assert!(!text.contains('{') || text.contains("={"), "{lang}: {text}");
        }
    }
}

#[test]
fn the_kinds_use_every_message_of_theirs_in_the_ftl_files() {
    let prefixes = ["reason-", "warning-", "infeasible-", "guidance-", "client-"];
    let in_file: BTreeSet<&str> = crate::i18n::source(Lang::En)
        .lines()
        .filter_map(|l| l.split_once(" = ").map(|(id, _)| id))
        .filter(|id| prefixes.iter().any(|p| id.starts_with(p)))
        .collect();
    let mut used: BTreeSet<String> = all_messages(Lang::En).into_iter().map(|m| m.id).collect();
    used.insert("client-title".into());
    let used: BTreeSet<&str> = used.iter().map(String::as_str).collect();
    assert_eq!(in_file, used);
}

#[test]
fn korean_words_keep_kafka_property_names_and_the_numbers() {
    let r = Reason::from(C::PollRecords {
        records: 2500,
        p99_ms: 60.0,
        budget_ms: 150_000.0,
        capped_at: Some(2500),
    });
    let ko = reason(Lang::Ko, &r);
    // 2,500 x 60 ms = 150 s, as in English; the property keeps its name.
    assert!(ko.contains("2,500") && ko.contains("150초"), "{ko}");
    assert!(ko.contains("max.poll.interval.ms"), "{ko}");
    assert!(ko.contains("레코드"), "{ko}");
    let en = reason(Lang::En, &r);
    assert!(en.ends_with("; capped at the profile's 2,500"), "{en}");
}
