//! The `--group` check: how far the group is behind on the topic and how long that takes
//! to drain at the planned rate, against the target window.

use serde::Serialize;

use super::{Check, Context, Finding, partition_list, span};
use crate::cluster::{GroupOffsets, PartitionOffsets};
use crate::human::{count, number};
use crate::model::settings::{self, OffsetReset, SettingValue};

/// A group's lag on the planned topic.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupLag {
    pub group: String,
    /// Messages behind, summed over the partitions read.
    pub total_lag: u64,
    /// The partition furthest behind, and by how much.
    pub largest_lag: Option<PartitionLag>,
    /// Time to drain the lag: the total at the planned rate, or the largest partition at
    /// what one consumer handles, whichever is longer.
    pub drain_minutes: f64,
    /// Partitions whose offsets could not be read.
    pub unread_partitions: Vec<i32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PartitionLag {
    pub partition: i32,
    pub lag: u64,
}

pub fn findings(context: &Context) -> (Option<GroupLag>, Vec<Finding>) {
    let Some(offsets) = &context.snapshot.group else {
        return (None, Vec::new());
    };
    if context.plan.is_share_group() {
        let what = format!("the lag of share group {}", offsets.group);
        let why = "a share group's progress is each share-partition's start offset \
                   (kafka-share-groups.sh --describe), not committed offsets";
        return (
            None,
            vec![Finding::not_checked(Check::ConsumerLag, &what, why)],
        );
    }
    if let Some(why) = &offsets.failure {
        let what = format!("the lag of group {}", offsets.group);
        return (
            None,
            vec![Finding::not_checked(Check::ConsumerLag, &what, why)],
        );
    }
    let earliest = settings::find(&context.plan.consumer, "auto.offset.reset")
        .is_none_or(|s| s.value == SettingValue::OffsetReset(OffsetReset::Earliest));
    let lag = measure(context, offsets, earliest);
    // With no partition read there is no lag to judge, only what could not be read.
    let mut findings: Vec<Finding> = (!offsets.partitions.is_empty())
        .then(|| judge(context, &lag, offsets, earliest))
        .into_iter()
        .collect();
    if !offsets.unread.is_empty() {
        let noun = if offsets.unread.len() == 1 {
            "partition"
        } else {
            "partitions"
        };
        findings.push(Finding::warning(
            Check::ConsumerLag,
            format!(
                "not checked: the lag of {noun} {}: {}",
                partition_list(&lag.unread_partitions),
                offsets.unread[0].1
            ),
        ));
    }
    let lag = (!offsets.partitions.is_empty()).then_some(lag);
    (lag, findings)
}

/// A partition's lag: from the committed offset (clamped to the log, as a consumer
/// resets an out-of-range position), or without one, from where `auto.offset.reset`
/// starts.
fn partition_lag(p: &PartitionOffsets, earliest: bool) -> u64 {
    let start = match p.committed {
        Some(committed) => committed.clamp(p.low, p.high.max(p.low)),
        None if earliest => p.low,
        None => p.high,
    };
    (p.high - start).max(0) as u64
}

fn measure(context: &Context, offsets: &GroupOffsets, earliest: bool) -> GroupLag {
    let lags: Vec<PartitionLag> = offsets
        .partitions
        .iter()
        .map(|p| PartitionLag {
            partition: p.partition,
            lag: partition_lag(p, earliest),
        })
        .collect();
    let total_lag = lags.iter().map(|l| l.lag).sum();
    let largest_lag = lags
        .iter()
        .copied()
        .max_by(|a, b| a.lag.cmp(&b.lag).then(b.partition.cmp(&a.partition)));
    let plan = context.plan;
    let total_seconds = total_lag as f64 / plan.planned_tps;
    let partition_seconds = largest_lag.map_or(0.0, |l| l.lag as f64 / plan.per_partition_tps);
    GroupLag {
        group: offsets.group.clone(),
        total_lag,
        largest_lag,
        drain_minutes: total_seconds.max(partition_seconds) / 60.0,
        unread_partitions: offsets.unread.iter().map(|(id, _)| *id).collect(),
    }
}

fn judge(context: &Context, lag: &GroupLag, offsets: &GroupOffsets, earliest: bool) -> Finding {
    let plan = context.plan;
    let largest = lag
        .largest_lag
        .filter(|l| l.lag > 0)
        .map_or(String::new(), |l| {
            format!(
                " (largest: partition {} with {})",
                l.partition,
                count(l.lag)
            )
        });
    let uncommitted = if offsets.partitions.iter().all(|p| p.committed.is_none()) {
        let from = if earliest {
            "the log start"
        } else {
            "the log end"
        };
        format!(
            "; it has committed no offset here, so it is counted from {from} as auto.offset.reset does"
        )
    } else {
        String::new()
    };
    let behind = format!(
        "group {} is {} messages behind{largest}{uncommitted}",
        lag.group,
        count(lag.total_lag)
    );
    let total_minutes = lag.total_lag as f64 / plan.planned_tps / 60.0;
    let rate = if lag.drain_minutes > total_minutes {
        format!(
            "partition {} alone needs {} at the {} msg/s one consumer handles",
            lag.largest_lag.map_or(0, |l| l.partition),
            span(lag.drain_minutes * 60_000.0),
            number(plan.per_partition_tps)
        )
    } else {
        format!(
            "at the planned {} msg/s it drains in {}",
            number(plan.planned_tps),
            span(lag.drain_minutes * 60_000.0)
        )
    };
    let target = format!("the {}-minute target", number(plan.inputs.target_minutes));
    if lag.drain_minutes > plan.inputs.target_minutes {
        Finding::error(
            Check::ConsumerLag,
            format!("{behind}; {rate}, over {target}"),
        )
    } else {
        Finding::info(
            Check::ConsumerLag,
            format!("{behind}; {rate}, within {target}"),
        )
    }
}
