//! How a key sample spreads over a partition count: messages per partition, the busiest
//! partition, the imbalance and the most frequent keys. `kplan keys` shows it in full;
//! the plan shows its summary at the recommended count.

use crate::keys::{KeySample, share_moved};

/// One of the most frequent keys of a sample.
#[derive(Debug, Clone, PartialEq)]
pub struct FrequentKey {
    /// The key as text (the reader accepts only UTF-8 keys).
    pub key: String,
    pub count: u64,
    /// Share of all sampled messages.
    pub share: f64,
    /// The partition Kafka's default partitioner gives it.
    pub partition: u32,
}

/// The share of keys that move when the topic grows to this count.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KeyMovement {
    /// The partition count the topic grows from.
    pub from: u32,
    /// Share of the sample's distinct keys whose partition changes.
    pub share: f64,
    /// What uniformly spread keys would give: 1 - from / lcm(from, to) for growth.
    pub uniform_share: f64,
}

/// A key sample spread over `partitions` partitions.
#[derive(Debug, Clone, PartialEq)]
pub struct Spread {
    pub partitions: u32,
    /// Keys in the sample (lines of the key file), repeats included.
    pub keys: u64,
    pub distinct_keys: u64,
    /// Sampled messages per partition, partition 0 first.
    pub counts: Vec<u64>,
    /// The lowest-numbered partition holding the largest count.
    pub busiest_partition: u32,
    /// The busiest partition's share of all messages.
    pub max_share: f64,
    /// Largest count / mean count (1 is a perfect spread).
    pub imbalance: f64,
    /// The most frequent keys, most frequent first.
    pub frequent_keys: Vec<FrequentKey>,
    pub movement: Option<KeyMovement>,
}

/// Spreads `sample` over `partitions` (at least 1), listing its `top` most frequent keys
/// (at most [`crate::keys::RANKED_KEYS`]);
/// with `from`, also the share of keys that move when growing from that count.
pub fn spread(sample: &KeySample, partitions: u32, top: usize, from: Option<u32>) -> Spread {
    let partitions = partitions.max(1);
    let counts = sample.counts(partitions);
    let (busiest_partition, busiest) = busiest(&counts);
    let total = sample.total.max(1) as f64;
    let mean = total / f64::from(partitions);
    let frequent_keys = sample
        .most_frequent()
        .take(top)
        .map(|k| FrequentKey {
            key: k.display(),
            count: k.count,
            share: k.count as f64 / total,
            partition: k.partition(partitions),
        })
        .collect();
    Spread {
        partitions,
        keys: sample.total,
        distinct_keys: sample.distinct_keys(),
        busiest_partition,
        max_share: busiest as f64 / total,
        imbalance: busiest as f64 / mean,
        counts,
        frequent_keys,
        movement: from.map(|from| KeyMovement {
            from,
            share: share_moved(from, partitions, Some(sample)),
            uniform_share: share_moved(from, partitions, None),
        }),
    }
}

/// The first partition with the largest count, and that count.
fn busiest(counts: &[u64]) -> (u32, u64) {
    let mut best = (0u32, 0u64);
    for (partition, &count) in counts.iter().enumerate() {
        if count > best.1 {
            best = (partition as u32, count);
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::partition_for;

    #[test]
    fn counts_match_an_independent_partitioner_pass() {
        let keys: Vec<String> = (0..3000).map(|i| format!("user-{}", i % 997)).collect();
        let sample = KeySample::from_keys(keys.iter());
        let s = spread(&sample, 7, 3, None);
        let mut expected = [0u64; 7];
        for key in &keys {
            expected[partition_for(key.as_bytes(), 7) as usize] += 1;
        }
        assert_eq!(s.counts, expected.to_vec());
        assert_eq!((s.keys, s.distinct_keys), (3000, 997));
        let max = *expected.iter().max().unwrap();
        let first_max = expected.iter().position(|&c| c == max).unwrap() as u32;
        assert_eq!(s.busiest_partition, first_max);
        assert_eq!(s.max_share, max as f64 / 3000.0);
        assert_eq!(s.imbalance, max as f64 / (3000.0 / 7.0));
    }

    #[test]
    fn frequent_keys_come_first_with_their_partition() {
        let sample = KeySample::from_keys(["a", "b", "b", "c", "c", "c"]);
        let s = spread(&sample, 4, 2, None);
        let names: Vec<(&str, u64)> = s
            .frequent_keys
            .iter()
            .map(|k| (k.key.as_str(), k.count))
            .collect();
        assert_eq!(names, [("c", 3), ("b", 2)]);
        assert_eq!(s.frequent_keys[0].partition, partition_for(b"c", 4));
        assert_eq!(s.frequent_keys[0].share, 0.5);
    }

    #[test]
    fn movement_counts_the_distinct_keys_whose_partition_changes() {
        let keys: Vec<String> = (0..500).map(|i| format!("k{i}")).collect();
        let sample = KeySample::from_keys(keys.iter().chain(keys.iter().take(100)));
        let movement = spread(&sample, 12, 0, Some(8)).movement.unwrap();
        // Counted here key by key: repeats of a key do not count twice.
        let moved = keys
            .iter()
            .filter(|k| partition_for(k.as_bytes(), 8) != partition_for(k.as_bytes(), 12))
            .count();
        assert_eq!(movement.share, moved as f64 / 500.0);
        assert_eq!(movement.from, 8);
        // lcm(8, 12) = 24: 1 - 8 / 24
        assert!((movement.uniform_share - 2.0 / 3.0).abs() < 1e-12);
    }
}
