//! Exact key counts in memory bound by the distinct keys.
//!
//! Every distinct key's bytes are interned once, back to back, in one arena; a fixed
//! 20-byte entry per key holds where its bytes are and its count, and a table of 8-byte
//! slots (entry number and murmur2 hash) finds a key again (at most 1 / 0.875 slots and
//! one control byte per slot, so about 10 to 21 bytes a key). That is about 30 to 41
//! bytes a distinct key beyond its bytes, instead of a heap allocation of its own per
//! key; once counted, the table gives way to 4 bytes of hash per key. Keys
//! are compared by their bytes, so counts are exact whatever the hashes do.

use std::cmp::Ordering;
use std::fmt;

use hashbrown::HashTable;

use super::{murmur2, to_positive};

/// How many of the most frequent keys a sample keeps ranked: more than any report lists.
pub const RANKED_KEYS: usize = 16;

/// One distinct key: its bytes `arena[start..start + len]` and how often it occurred.
/// Packed to 20 bytes (4-byte aligned): with ten million keys, the padding a `u64`
/// alignment adds would be 40 MB.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(C, packed(4))]
struct Entry {
    start: u64,
    count: u64,
    len: u32,
}

/// The distinct keys of one shard: their bytes back to back, an entry per key in the
/// order first seen, and (once counted) each entry's raw murmur2 hash.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Interned {
    arena: Vec<u8>,
    entries: Vec<Entry>,
    hashes: Vec<u32>,
}

impl Interned {
    fn bytes(&self, entry: &Entry) -> &[u8] {
        let start = entry.start as usize;
        &self.arena[start..start + entry.len as usize]
    }
}

/// The keys whose hash falls in one shard, counted by one thread.
#[derive(Default)]
pub struct Shard {
    keys: Interned,
    /// Entry numbers beside their entry's hash, found by the hash: growing the table
    /// rehashes from the slots alone, without a cache miss into the entries per key.
    table: HashTable<Slot>,
    total: u64,
    /// The lines on which keys new to this shard appeared, since last cleared.
    pub new_key_lines: Vec<usize>,
}

/// A table slot: an entry's number and its raw murmur2 hash.
#[derive(Debug, Clone, Copy)]
struct Slot {
    entry: u32,
    hash: u32,
}

/// The table's hash of a key from its 32-bit murmur2: spread over 64 bits, since the
/// table takes its slot from the low bits and a tag from the top 7.
fn table_hash(hash: u32) -> u64 {
    u64::from(hash).wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ u64::from(hash)
}

impl Shard {
    /// Counts one occurrence of `key` (at most 4 GiB long), whose raw murmur2 is `hash`;
    /// true when the key is new.
    pub fn add(&mut self, key: &[u8], hash: u32) -> bool {
        self.total += 1;
        let Shard { keys, table, .. } = self;
        let entry = table.entry(
            table_hash(hash),
            |slot| slot.hash == hash && keys.bytes(&keys.entries[slot.entry as usize]) == key,
            |slot| table_hash(slot.hash),
        );
        match entry {
            hashbrown::hash_table::Entry::Occupied(found) => {
                keys.entries[found.get().entry as usize].count += 1;
                false
            }
            hashbrown::hash_table::Entry::Vacant(slot) => {
                // Entry numbers are 32-bit: a shard of more than 4 billion keys is far
                // past any memory this runs in, and past the reader's limit.
                let entry = keys.entries.len() as u32;
                slot.insert(Slot { entry, hash });
                keys.entries.push(Entry {
                    start: keys.arena.len() as u64,
                    count: 1,
                    len: key.len() as u32,
                });
                keys.arena.extend_from_slice(key);
                true
            }
        }
    }

    pub fn distinct_keys(&self) -> u64 {
        self.keys.entries.len() as u64
    }
}

/// Counts keys as a sample is read, split by hash into shards that separate threads can
/// fill; [`KeyCounter::finish`] ranks them.
pub struct KeyCounter {
    pub shards: Vec<Shard>,
}

impl KeyCounter {
    /// A counter of `shards` shards (at least one).
    pub fn new(shards: usize) -> KeyCounter {
        KeyCounter {
            shards: (0..shards.max(1)).map(|_| Shard::default()).collect(),
        }
    }

    /// Which of `shards` shards counts a key of raw murmur2 `hash`.
    pub fn shard_of(hash: u32, shards: usize) -> usize {
        ((u64::from(hash) * shards as u64) >> 32) as usize
    }

    /// Counts one occurrence of `key`.
    pub fn add(&mut self, key: &[u8]) {
        let hash = murmur2(key) as u32;
        let shard = KeyCounter::shard_of(hash, self.shards.len());
        self.shards[shard].add(key, hash);
    }

    pub fn distinct_keys(&self) -> u64 {
        self.shards.iter().map(Shard::distinct_keys).sum()
    }

    /// The counted sample, its most frequent keys ranked.
    pub fn finish(self) -> KeySample {
        let total = self.shards.iter().map(|s| s.total).sum();
        let shards: Vec<Interned> = self
            .shards
            .into_iter()
            .map(|shard| {
                let mut keys = shard.keys;
                // The hashes live in the table while counting; each shard's are taken
                // out before its table goes, so only one shard's are extra at a time.
                keys.hashes = vec![0; keys.entries.len()];
                for slot in shard.table.iter() {
                    keys.hashes[slot.entry as usize] = slot.hash;
                }
                drop(shard.table);
                keys.arena.shrink_to_fit();
                keys.entries.shrink_to_fit();
                keys
            })
            .collect();
        let ranked = most_frequent(&shards, RANKED_KEYS);
        KeySample {
            shards,
            ranked,
            total,
        }
    }
}

/// Where an entry is: its shard and its number there.
type EntryAt = (u32, u32);

/// Most frequent first, then by key bytes.
fn rank(a: (&Interned, &Entry), b: (&Interned, &Entry)) -> Ordering {
    let (a_count, b_count) = (a.1.count, b.1.count);
    b_count
        .cmp(&a_count)
        .then_with(|| a.0.bytes(a.1).cmp(b.0.bytes(b.1)))
}

/// The `n` highest-ranked keys, best first, in one pass: a key is compared with the
/// ranked ones only when it could displace the last of them.
fn most_frequent(shards: &[Interned], n: usize) -> Vec<EntryAt> {
    let at = |(s, i): EntryAt| (&shards[s as usize], &shards[s as usize].entries[i as usize]);
    let mut ranked: Vec<EntryAt> = Vec::with_capacity(n + 1);
    for (s, shard) in shards.iter().enumerate() {
        for (i, entry) in shard.entries.iter().enumerate() {
            let this = (shard, entry);
            if let Some(&last) = ranked.get(n.saturating_sub(1)) {
                let last = at(last);
                if entry.count < last.1.count || rank(this, last) != Ordering::Less {
                    continue;
                }
            }
            let pos = ranked.partition_point(|&r| rank(at(r), this).is_lt());
            ranked.insert(pos, (s as u32, i as u32));
            ranked.truncate(n);
        }
    }
    ranked
}

/// A sample of real keys: each distinct key once, with how often it occurred.
#[derive(Clone, PartialEq, Eq)]
pub struct KeySample {
    shards: Vec<Interned>,
    /// The most frequent keys, most frequent first (ties by key bytes).
    ranked: Vec<EntryAt>,
    /// Keys in the sample, repeats included.
    pub total: u64,
}

/// One distinct key of a sample and how often it occurred.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyCount<'a> {
    pub key: &'a [u8],
    pub count: u64,
    /// `to_positive(murmur2(key))`.
    hash: u32,
}

impl KeyCount<'_> {
    pub fn display(&self) -> String {
        String::from_utf8_lossy(self.key).into_owned()
    }

    /// The partition Kafka's default partitioner gives this key among `partitions`.
    pub fn partition(&self, partitions: u32) -> u32 {
        self.hash % partitions
    }
}

impl KeySample {
    /// Counts keys, one per item, without a limit.
    pub fn from_keys<K: AsRef<[u8]>>(keys: impl IntoIterator<Item = K>) -> KeySample {
        let mut counter = KeyCounter::new(1);
        for key in keys {
            counter.add(key.as_ref());
        }
        counter.finish()
    }

    pub fn distinct_keys(&self) -> u64 {
        self.shards.iter().map(|s| s.entries.len() as u64).sum()
    }

    /// Every distinct key's entry and raw murmur2 hash.
    fn entries(&self) -> impl Iterator<Item = (&Entry, u32)> {
        self.shards
            .iter()
            .flat_map(|s| s.entries.iter().zip(s.hashes.iter().copied()))
    }

    /// Every distinct key, each shard's in the order first seen.
    pub fn iter(&self) -> impl Iterator<Item = KeyCount<'_>> {
        self.shards
            .iter()
            .flat_map(|s| (0..s.entries.len()).map(move |i| count_of(s, i)))
    }

    /// The most frequent keys (at most [`RANKED_KEYS`]), most frequent first, ties by
    /// key bytes.
    pub fn most_frequent(&self) -> impl Iterator<Item = KeyCount<'_>> {
        self.ranked
            .iter()
            .map(|&(s, i)| count_of(&self.shards[s as usize], i as usize))
    }

    /// `to_positive(murmur2(key))` of every distinct key.
    pub fn positive_hashes(&self) -> impl Iterator<Item = u32> + '_ {
        self.entries().map(|(_, hash)| to_positive(hash as i32))
    }

    /// Messages per partition when the sample is spread over `partitions`.
    pub fn counts(&self, partitions: u32) -> Vec<u64> {
        let mut counts = vec![0u64; partitions as usize];
        for (entry, hash) in self.entries() {
            counts[(to_positive(hash as i32) % partitions) as usize] += entry.count;
        }
        counts
    }

    /// The busiest partition's share of all messages.
    pub fn busiest_share(&self, partitions: u32) -> f64 {
        let busiest = self.counts(partitions).into_iter().max().unwrap_or(0);
        busiest as f64 / self.total.max(1) as f64
    }

    /// The most frequent key and its share of all messages.
    pub fn top_key(&self) -> Option<(KeyCount<'_>, f64)> {
        let top = self.most_frequent().next()?;
        let share = top.count as f64 / self.total.max(1) as f64;
        Some((top, share))
    }
}

/// Entry `i` of a counted shard.
fn count_of(shard: &Interned, i: usize) -> KeyCount<'_> {
    let entry = &shard.entries[i];
    KeyCount {
        key: shard.bytes(entry),
        count: entry.count,
        hash: to_positive(shard.hashes[i] as i32),
    }
}

/// A summary: a sample can hold millions of keys.
impl fmt::Debug for KeySample {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KeySample")
            .field("total", &self.total)
            .field("distinct_keys", &self.distinct_keys())
            .field("most_frequent", &self.most_frequent().collect::<Vec<_>>())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    #[test]
    fn a_sample_counts_and_ranks_keys() {
        let sample = KeySample::from_keys(["b", "a", "b", "c", "b", "a"]);
        assert_eq!(sample.total, 6);
        let (top, share) = sample.top_key().unwrap();
        assert_eq!((top.display().as_str(), share), ("b", 0.5));
        assert_eq!(sample.counts(1), vec![6]);
        assert_eq!(sample.busiest_share(1), 1.0);
    }

    #[test]
    fn equal_counts_rank_by_key_bytes() {
        let keys = [
            "customer-region-eu-2",
            "b",
            "a\0",
            "customer-region-eu-10",
            "a",
            "b",
        ];
        let sample = KeySample::from_keys(keys);
        let order: Vec<String> = sample.most_frequent().map(|k| k.display()).collect();
        assert_eq!(
            order,
            [
                "b",
                "a",
                "a\0",
                "customer-region-eu-10",
                "customer-region-eu-2"
            ]
        );
    }

    /// Generated keys with a skewed, repeating pattern, counted again with a plain
    /// `HashMap<String, u64>` and ranked by a full sort.
    #[test]
    fn counts_and_ranking_match_a_plain_hash_map() {
        let mut state = 0x9e37_79b9_u64;
        let keys: Vec<String> = (0..200_000)
            .map(|_| {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1);
                let draw = (state >> 33) % 100_000;
                // A few hot keys, many warm, a long tail; some lengths past 16 bytes.
                match draw % 7 {
                    0 => format!("hot-{}", draw % 13),
                    1 => format!("customer-{:012}", draw % 5000),
                    _ => format!("k{draw}"),
                }
            })
            .collect();
        let sample = KeySample::from_keys(keys.iter());
        let mut expected: HashMap<&str, u64> = HashMap::new();
        for key in &keys {
            *expected.entry(key).or_default() += 1;
        }
        assert_eq!(sample.total, 200_000);
        assert_eq!(sample.distinct_keys(), expected.len() as u64);
        for k in sample.iter() {
            assert_eq!(Some(&k.count), expected.get(k.display().as_str()));
        }
        let mut ranked: Vec<(&str, u64)> = expected.into_iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let got: Vec<(String, u64)> = sample
            .most_frequent()
            .map(|k| (k.display(), k.count))
            .collect();
        let want: Vec<(String, u64)> = ranked[..RANKED_KEYS]
            .iter()
            .map(|(k, c)| (k.to_string(), *c))
            .collect();
        assert_eq!(got, want);
    }

    /// Keys whose murmur2 hashes collide still count apart: the table compares bytes.
    #[test]
    fn keys_with_the_same_hash_count_apart() {
        // Search two short keys with equal murmur2 (a birthday search over 32 bits).
        let mut seen: HashMap<i32, String> = HashMap::new();
        let mut pair = None;
        for i in 0u64.. {
            let key = format!("{i:x}");
            let hash = murmur2(key.as_bytes());
            if let Some(other) = seen.insert(hash, key.clone()) {
                pair = Some((other, key));
                break;
            }
        }
        let (a, b) = pair.unwrap();
        assert_eq!(murmur2(a.as_bytes()), murmur2(b.as_bytes()));
        let sample = KeySample::from_keys([&a, &b, &b, &a, &b]);
        assert_eq!(sample.distinct_keys(), 2);
        let counts: Vec<(String, u64)> = sample
            .most_frequent()
            .map(|k| (k.display(), k.count))
            .collect();
        assert_eq!(counts, [(b, 3), (a, 2)]);
    }
}
