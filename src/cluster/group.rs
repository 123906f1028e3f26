//! A consumer group's position on the planned topic: each partition's watermarks and the
//! group's committed offsets, read without joining the group.

use rdkafka::consumer::{BaseConsumer, Consumer};
use rdkafka::error::KafkaError;
use rdkafka::{Offset, TopicPartitionList};

use super::deadline::Deadline;
use super::observer::{Observer, reason, timed_out, unreachable};
use super::{
    Answer, BrokerState, ClassicGroup, GroupKind, GroupOffsets, PartitionOffsets, Target,
    TopicState,
};
use crate::error::Failure;

/// The consumer handle and what every read through it needs.
pub(super) struct Reader<'a> {
    pub(super) consumer: &'a BaseConsumer<Observer>,
    pub(super) observer: &'a Observer,
    pub(super) target: &'a Target<'a>,
    pub(super) deadline: &'a Deadline,
}

/// Watermarks read: `(partition, low, high)`.
type Watermarks = Vec<(i32, i64, i64)>;

impl Reader<'_> {
    fn unreachable(&self, doing: &str, error: &KafkaError) -> Failure {
        unreachable(self.consumer, self.observer, self.target, doing, error)
    }

    /// The group's offsets on the topic, or why there are none.
    pub(super) fn group_offsets(
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

    /// What the broker's group listing says of `group`. A broker that does not list
    /// groups (or refuses the principal) leaves it unanswered; running out of time is
    /// exit 3.
    pub(super) fn group_kind(&self, group: &str) -> Result<Answer<GroupKind>, Failure> {
        let listing = self
            .consumer
            .fetch_group_list(Some(group), self.deadline.remaining());
        let list = match listing {
            Ok(list) => list,
            Err(e) if timed_out(&e) => return Err(self.unreachable("describing the group", &e)),
            Err(e) => return Ok(Answer::NotAnswered(reason(&e, self.observer))),
        };
        // A Kafka 4 broker describes a non-classic group as `Dead` (GROUP_ID_NOT_FOUND).
        let described = list
            .groups()
            .iter()
            .find(|g| g.name() == group && g.state() != "Dead");
        Ok(Answer::Answered(described.map_or(
            GroupKind::NotClassic,
            |g| {
                GroupKind::Classic(ClassicGroup {
                    state: g.state().to_string(),
                    protocol_type: g.protocol_type().to_string(),
                    assignor: g.protocol().to_string(),
                    members: g.members().len(),
                })
            },
        )))
    }

    /// Each partition's watermarks and, with a group, its committed offsets (`None`
    /// without one).
    pub(super) fn offsets(
        &self,
        group: Option<&str>,
        topic: &TopicState,
        brokers: &[BrokerState],
    ) -> Result<GroupOffsets, Failure> {
        if let Some(group) = group {
            return self.group_offsets(group, Some(topic), brokers);
        }
        let mut unread = Vec::new();
        let watermarks = self.watermarks(topic, brokers, &mut unread)?;
        Ok(GroupOffsets {
            group: String::new(),
            partitions: watermarks
                .into_iter()
                .map(|(partition, low, high)| PartitionOffsets {
                    partition,
                    low,
                    high,
                    committed: None,
                })
                .collect(),
            unread,
            failure: None,
        })
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
