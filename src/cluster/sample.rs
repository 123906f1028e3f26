//! Offsets read again and again across a window, for `kplan observe topic`: each
//! partition's high watermark and, with a group, its committed offset, `samples` times,
//! evenly spaced. Read-only like the rest of the module: the handle never joins the group
//! and commits nothing.

use std::time::{Duration, Instant};

use rdkafka::consumer::{BaseConsumer, Consumer};

use super::client::{consumer_config, create, read_metadata};
use super::deadline::Deadline;
use super::group::Reader;
use super::observer::{Observer, unreachable};
use super::{GroupOffsets, PartitionOffsets, Target};
use crate::error::Failure;

/// One reading of every partition.
#[derive(Debug, Clone, PartialEq)]
pub struct OffsetSample {
    /// Seconds since the first reading began, at the middle of this one.
    pub elapsed_seconds: f64,
    pub partitions: Vec<PartitionOffsets>,
}

/// Reads the topic's offsets `samples` times (at least 2) across `window`; each reading
/// is bounded by `target.timeout`. A topic that does not exist is a usage error.
pub fn sample_offsets(
    target: &Target,
    samples: u32,
    window: Duration,
) -> Result<Vec<OffsetSample>, Failure> {
    let observer = Observer::new(target);
    let consumer: BaseConsumer<Observer> = create(&consumer_config(target), &observer)?;
    let first = Deadline::after(target.timeout);
    let metadata = consumer
        .fetch_metadata(Some(target.topic), first.remaining())
        .map_err(|e| {
            unreachable(
                &consumer,
                &observer,
                target,
                "reading the topic's metadata",
                &e,
            )
        })?;
    let (brokers, topics) = read_metadata(&metadata);
    let Some(topic) = topics
        .iter()
        .find(|t| t.name == target.topic && !t.partitions.is_empty())
    else {
        return Err(Failure::Usage(format!(
            "topic {} does not exist on {}",
            target.topic, target.bootstrap_servers
        )));
    };
    let start = Instant::now();
    let steps = samples.max(2) - 1;
    let mut readings = Vec::with_capacity(samples as usize);
    for i in 0..=steps {
        let due = start + window.mul_f64(f64::from(i) / f64::from(steps));
        if let Some(wait) = due.checked_duration_since(Instant::now()) {
            std::thread::sleep(wait);
        }
        let began = start.elapsed().as_secs_f64();
        let deadline = Deadline::after(target.timeout);
        let reader = Reader {
            consumer: &consumer,
            observer: &observer,
            target,
            deadline: &deadline,
        };
        let offsets: GroupOffsets = reader.offsets(target.group, topic, &brokers)?;
        if let Some(why) = offsets.failure {
            return Err(Failure::Unreachable(format!(
                "cannot read group {}'s committed offsets: {why}",
                offsets.group
            )));
        }
        let ended = start.elapsed().as_secs_f64();
        readings.push(OffsetSample {
            elapsed_seconds: (began + ended) / 2.0,
            partitions: offsets.partitions,
        });
    }
    Ok(readings)
}
