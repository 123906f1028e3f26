//! Checks on the shape of the cluster, read from metadata alone: the topic and its
//! partitions, leaders and replicas, the dead letter topic, and how many partition
//! replicas the busiest broker will carry.

use std::collections::BTreeMap;

use super::{Check, Context, Finding, partition_list, percent};
use crate::cluster::TopicState;
use crate::human::count;
use crate::keys::share_moved;

/// A broker past this many partition replicas recovers and elects leaders slowly (the
/// long-standing Kafka guidance for ZooKeeper-era and KRaft brokers alike).
pub const PARTITIONS_PER_BROKER_BUDGET: u64 = 4000;

/// Topic existence, partition count, leaders and replication.
pub fn findings(context: &Context) -> Vec<Finding> {
    let Some(topic) = context.topic else {
        return vec![topic_missing(context)];
    };
    vec![
        Finding::info(
            Check::TopicExists,
            format!(
                "{} exists with {} partitions and replication factor {}",
                topic.name,
                count(topic.partitions.len() as u64),
                topic.replication_factor()
            ),
        ),
        partitions(context, topic),
        leaders(context, topic),
        replication(context, topic),
    ]
}

fn topic_missing(context: &Context) -> Finding {
    let plan = context.plan;
    Finding::error(
        Check::TopicExists,
        format!(
            "{topic} does not exist (or this principal may not describe it): create it with {partitions} partitions and replication factor {replicas} (kafka-topics.sh --create --topic {topic} --partitions {partitions} --replication-factor {replicas})",
            topic = plan.topic,
            partitions = plan.recommended,
            replicas = context.replication_factor()
        ),
    )
}

fn partitions(context: &Context, topic: &TopicState) -> Finding {
    let plan = context.plan;
    let current = topic.partitions.len() as u64;
    let recommended = plan.recommended;
    if current > recommended {
        return Finding::info(
            Check::Partitions,
            format!(
                "{current} partitions, more than the {recommended} recommended: partitions never shrink, so keep them; up to {current} consumers can share the load"
            ),
        );
    }
    if current == recommended {
        return Finding::info(
            Check::Partitions,
            format!("{current} partitions, as recommended"),
        );
    }
    let grow = format!(
        "{current} partitions, fewer than the {recommended} recommended: grow the topic to {recommended} (kafka-topics.sh --alter --topic {} --partitions {recommended})",
        plan.topic
    );
    let consequence = match &plan.inputs.partition_key {
        Some(key) => key_movement(context, key, current, recommended),
        None => "unkeyed, so no ordering breaks; consumers rebalance onto the new partitions"
            .to_string(),
    };
    Finding::error(Check::Partitions, format!("{grow}; {consequence}"))
}

/// For a keyed topic: the share of keys that change partition, and how to grow safely.
fn key_movement(context: &Context, key: &str, current: u64, recommended: u64) -> String {
    let (old, new) = (current as u32, recommended as u32);
    let moved = share_moved(old, new, context.keys);
    let measure = match context.keys {
        Some(sample) if sample.distinct_keys() > 0 => format!(
            "of the {} distinct keys in the key sample",
            count(sample.distinct_keys())
        ),
        _ => format!("of keys (1 - {old} / lcm({old}, {new}))"),
    };
    format!(
        "growing moves {} {measure} by {key} to another partition, so their order breaks across the change: stop producers, let consumers drain the topic, grow it, then restart both",
        percent(moved)
    )
}

fn leaders(context: &Context, topic: &TopicState) -> Finding {
    let snapshot = context.snapshot;
    let leaderless: Vec<&_> = topic
        .partitions
        .iter()
        .filter(|p| !snapshot.is_live(p.leader))
        .collect();
    if !leaderless.is_empty() {
        return Finding::error(
            Check::PartitionLeaders,
            format!(
                "{} without a live leader ({}): producing to and consuming from them stops until a leader is back",
                of_partitions(leaderless.len(), topic.partitions.len()),
                describe_leaders(&leaderless)
            ),
        );
    }
    let degraded: Vec<i32> = topic
        .partitions
        .iter()
        .filter(|p| {
            p.isr.len() < p.replicas.len() || p.replicas.iter().any(|r| !snapshot.is_live(*r))
        })
        .map(|p| p.id)
        .collect();
    if !degraded.is_empty() {
        return Finding::warning(
            Check::PartitionLeaders,
            format!(
                "{} under-replicated ({} {}: a replica out of sync or on a broker not answering): one more broker failure can stop or lose them",
                of_partitions(degraded.len(), topic.partitions.len()),
                if degraded.len() == 1 {
                    "partition"
                } else {
                    "partitions"
                },
                partition_list(&degraded)
            ),
        );
    }
    Finding::info(
        Check::PartitionLeaders,
        "every partition has a live leader and all its replicas in sync",
    )
}

/// `1 of 4 partitions is`, `2 of 4 partitions are`
fn of_partitions(some: usize, all: usize) -> String {
    let verb = if some == 1 { "is" } else { "are" };
    format!("{some} of {all} partitions {verb}")
}

/// `partition 1 on broker 2, partition 4 on broker 2`, or `partition 3 has none`.
fn describe_leaders(partitions: &[&crate::cluster::PartitionState]) -> String {
    let mut by_leader: BTreeMap<i32, Vec<i32>> = BTreeMap::new();
    for p in partitions {
        by_leader.entry(p.leader).or_default().push(p.id);
    }
    by_leader
        .iter()
        .map(|(leader, ids)| {
            let noun = if ids.len() == 1 {
                "partition"
            } else {
                "partitions"
            };
            if *leader < 0 {
                format!("{noun} {} without a leader", partition_list(ids))
            } else {
                format!(
                    "{noun} {} led by broker {leader}, which is not answering",
                    partition_list(ids)
                )
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn replication(context: &Context, topic: &TopicState) -> Finding {
    let replicas = topic.replication_factor() as u64;
    let brokers = context.snapshot.brokers.len() as u64;
    if replicas > brokers {
        return Finding::warning(
            Check::ReplicationFactor,
            format!(
                "replication factor {replicas}, but only {brokers} broker(s) answer: the replicas on the missing brokers cannot stay in sync"
            ),
        );
    }
    if replicas <= 1 {
        return Finding::warning(
            Check::ReplicationFactor,
            "replication factor 1: one broker failure makes partitions unavailable and can lose acknowledged writes",
        );
    }
    if replicas < brokers.min(3) {
        return Finding::warning(
            Check::ReplicationFactor,
            format!(
                "replication factor {replicas} on {brokers} brokers: 3 is the usual minimum to stay writable with min.insync.replicas=2 through one broker failure"
            ),
        );
    }
    Finding::info(
        Check::ReplicationFactor,
        format!("replication factor {replicas} on {brokers} brokers"),
    )
}

/// The dead letter topic, then the broker partition budget (which counts it).
pub fn dead_letter_and_budget(context: &Context) -> Vec<Finding> {
    let mut findings: Vec<Finding> = dead_letter(context).into_iter().collect();
    findings.extend(budget(context));
    findings
}

fn dead_letter(context: &Context) -> Option<Finding> {
    let dl = context.plan.dead_letter.as_ref()?;
    let needed = context.partitions_after();
    let finding = match context.snapshot.topic(&dl.topic) {
        None => Finding::error(
            Check::DeadLetterTopic,
            format!(
                "{} does not exist: create it with {needed} partitions, as many as the topic, so a failed record keeps its partition",
                dl.topic
            ),
        ),
        Some(dlt) if (dlt.partitions.len() as u64) < needed => Finding::error(
            Check::DeadLetterTopic,
            format!(
                "{} has {} partitions, fewer than the topic's {needed}: a failed record cannot keep its partition; grow it to {needed}",
                dl.topic,
                dlt.partitions.len()
            ),
        ),
        Some(dlt) => Finding::info(
            Check::DeadLetterTopic,
            format!(
                "{} exists with {} partitions",
                dl.topic,
                dlt.partitions.len()
            ),
        ),
    };
    Some(finding)
}

/// Replicas per live broker after the plan is applied, new replicas spread evenly.
fn budget(context: &Context) -> Option<Finding> {
    let snapshot = context.snapshot;
    let live = snapshot.brokers.len() as u64;
    if live == 0 {
        return None;
    }
    let mut replicas: BTreeMap<i32, u64> = snapshot.brokers.iter().map(|b| (b.id, 0)).collect();
    for partition in snapshot.topics.iter().flat_map(|t| &t.partitions) {
        for broker in &partition.replicas {
            if let Some(n) = replicas.get_mut(broker) {
                *n += 1;
            }
        }
    }
    let added = added_replicas(context);
    let (busiest, now) = replicas
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map(|(id, n)| (*id, *n))?;
    let after = now + added.div_ceil(live);
    let text = format!(
        "after the change the busiest broker ({busiest}) holds about {} partition replicas ({} now; budget {} per broker)",
        count(after),
        count(now),
        count(PARTITIONS_PER_BROKER_BUDGET)
    );
    Some(if after > PARTITIONS_PER_BROKER_BUDGET {
        Finding::warning(
            Check::PartitionsPerBroker,
            format!("{text}: past it, broker restarts, leader elections and recovery slow down"),
        )
    } else {
        Finding::info(Check::PartitionsPerBroker, text)
    })
}

/// Replicas the plan adds: the topic's new partitions and a missing or short DLT.
fn added_replicas(context: &Context) -> u64 {
    let needed = context.partitions_after();
    let replication = context.replication_factor();
    let current = context.topic.map_or(0, |t| t.partitions.len() as u64);
    let mut added = (needed - current) * replication;
    if let Some(dl) = &context.plan.dead_letter {
        let dlt = context.snapshot.topic(&dl.topic);
        let have = dlt.map_or(0, |t| t.partitions.len() as u64);
        let dlt_replication = dlt
            .map(|t| t.replication_factor() as u64)
            .filter(|r| *r > 0)
            .unwrap_or(replication);
        added += needed.saturating_sub(have) * dlt_replication;
    }
    added
}
