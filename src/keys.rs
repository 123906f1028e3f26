//! Kafka's default partitioner and key samples.
//!
//! A keyed record goes to `toPositive(murmur2(key bytes)) % partitions`, exactly as the
//! Java client's `Utils.murmur2` and `Utils.toPositive` compute it, so a sample of real
//! keys shows how a topic of P partitions would spread them.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::io::{BufRead, BufReader};
use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::request::parse::io_reason;

/// MurmurHash2 as Kafka's Java client computes it (signed 32-bit result).
pub fn murmur2(data: &[u8]) -> i32 {
    const SEED: u32 = 0x9747_b28c;
    const M: u32 = 0x5bd1_e995;
    const R: u32 = 24;
    // Java truncates the length to int; keys longer than 2 GiB cannot be Kafka keys.
    let mut h: u32 = SEED ^ (data.len() as u32);
    let mut chunks = data.chunks_exact(4);
    for chunk in &mut chunks {
        let mut k = u32::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]);
        k = k.wrapping_mul(M);
        k ^= k >> R;
        k = k.wrapping_mul(M);
        h = h.wrapping_mul(M);
        h ^= k;
    }
    let tail = chunks.remainder();
    if tail.len() >= 3 {
        h ^= u32::from(tail[2]) << 16;
    }
    if tail.len() >= 2 {
        h ^= u32::from(tail[1]) << 8;
    }
    if !tail.is_empty() {
        h ^= u32::from(tail[0]);
        h = h.wrapping_mul(M);
    }
    h ^= h >> 13;
    h = h.wrapping_mul(M);
    h ^= h >> 15;
    h as i32
}

/// Java's `Utils.toPositive`: clears the sign bit (not `abs`).
pub fn to_positive(hash: i32) -> u32 {
    (hash & 0x7fff_ffff) as u32
}

/// The partition Kafka's default partitioner gives a key.
pub fn partition_for(key: &[u8], partitions: u32) -> u32 {
    to_positive(murmur2(key)) % partitions
}

/// One distinct key of a sample and how often it occurred.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyCount {
    pub key: Vec<u8>,
    pub count: u64,
    /// `to_positive(murmur2(key))`, computed once.
    hash: u32,
    /// The key's first 16 bytes, big-endian and zero-padded: orders keys like their
    /// bytes without following a pointer for most comparisons.
    prefix: (u64, u64),
}

impl KeyCount {
    fn new(key: Vec<u8>, count: u64) -> KeyCount {
        let mut head = [0u8; 16];
        let len = key.len().min(16);
        head[..len].copy_from_slice(&key[..len]);
        let (hi, lo) = head.split_at(8);
        KeyCount {
            hash: to_positive(murmur2(&key)),
            prefix: (be_u64(hi), be_u64(lo)),
            key,
            count,
        }
    }

    pub fn display(&self) -> String {
        String::from_utf8_lossy(&self.key).into_owned()
    }

    /// The partition Kafka's default partitioner gives this key among `partitions`.
    pub fn partition(&self, partitions: u32) -> u32 {
        self.hash % partitions
    }
}

fn be_u64(bytes: &[u8]) -> u64 {
    let mut word = [0u8; 8];
    word.copy_from_slice(bytes);
    u64::from_be_bytes(word)
}

/// Most frequent first, then by key bytes. Comparing the inline prefix first matters:
/// comparing key bytes behind pointers made sorting 5 million distinct keys take 15 s,
/// one cache miss per comparison.
fn rank(a: &KeyCount, b: &KeyCount) -> Ordering {
    b.count
        .cmp(&a.count)
        .then_with(|| a.prefix.cmp(&b.prefix))
        .then_with(|| a.key.cmp(&b.key))
}

/// Hashes keys for counting with murmur2, the partitioner's own hash: several times
/// faster than SipHash on short keys. A key file is the user's own data, so resistance
/// to crafted collisions buys nothing here.
#[derive(Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn write(&mut self, bytes: &[u8]) {
        self.0 ^= u64::from(murmur2(bytes) as u32);
    }

    /// The length prefix `[u8]` hashes before its bytes.
    fn write_usize(&mut self, len: usize) {
        self.0 ^= (len as u64) << 32;
    }

    fn finish(&self) -> u64 {
        // Spreads the 32-bit hash into the high bits, which the table uses as tags.
        self.0.wrapping_mul(0x9e37_79b9_7f4a_7c15)
    }
}

/// Distinct keys and how often each occurred, while a sample is read.
#[derive(Default)]
struct KeyCounter {
    counts: HashMap<Vec<u8>, u64, BuildHasherDefault<KeyHasher>>,
}

impl KeyCounter {
    fn add(&mut self, key: &[u8]) {
        match self.counts.get_mut(key) {
            Some(count) => *count += 1,
            None => {
                self.counts.insert(key.to_vec(), 1);
            }
        }
    }

    fn into_sample(self) -> KeySample {
        let mut keys: Vec<KeyCount> = self
            .counts
            .into_iter()
            .map(|(key, count)| KeyCount::new(key, count))
            .collect();
        keys.sort_unstable_by(rank);
        let total = keys.iter().map(|k| k.count).sum();
        KeySample { keys, total }
    }
}

/// A sample of real keys: distinct keys, most frequent first (ties by key bytes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeySample {
    pub keys: Vec<KeyCount>,
    pub total: u64,
}

impl KeySample {
    /// Counts keys, one per item.
    pub fn from_keys<K: AsRef<[u8]>>(keys: impl IntoIterator<Item = K>) -> KeySample {
        let mut counter = KeyCounter::default();
        for key in keys {
            counter.add(key.as_ref());
        }
        counter.into_sample()
    }

    /// Messages per partition when the sample is spread over `partitions`.
    pub fn counts(&self, partitions: u32) -> Vec<u64> {
        let mut counts = vec![0u64; partitions as usize];
        for key in &self.keys {
            counts[(key.hash % partitions) as usize] += key.count;
        }
        counts
    }

    /// The busiest partition's share of all messages.
    pub fn busiest_share(&self, partitions: u32) -> f64 {
        let busiest = self.counts(partitions).into_iter().max().unwrap_or(0);
        busiest as f64 / self.total.max(1) as f64
    }

    /// The most frequent key and its share of all messages.
    pub fn top_key(&self) -> Option<(&KeyCount, f64)> {
        let top = self.keys.first()?;
        Some((top, top.count as f64 / self.total.max(1) as f64))
    }
}

/// Share of keys whose partition changes when a topic grows from `old` to `new`
/// partitions: exact over the distinct keys of a sample when there is one; otherwise, for
/// uniformly spread hashes, 1 - min(old, new) / lcm(old, new) (a key stays only when its
/// hash gives the same remainder under both counts).
pub fn share_moved(old: u32, new: u32, sample: Option<&KeySample>) -> f64 {
    if old == new || old == 0 || new == 0 {
        return 0.0;
    }
    match sample {
        Some(sample) if !sample.keys.is_empty() => {
            let moved = sample
                .keys
                .iter()
                .filter(|k| k.hash % old != k.hash % new)
                .count();
            moved as f64 / sample.keys.len() as f64
        }
        _ => 1.0 - f64::from(old.min(new)) / lcm(u64::from(old), u64::from(new)) as f64,
    }
}

fn lcm(a: u64, b: u64) -> u64 {
    fn gcd(a: u64, b: u64) -> u64 {
        if b == 0 { a } else { gcd(b, a % b) }
    }
    a / gcd(a, b) * b
}

/// Reads a key file: one key per line, the line's bytes without its line ending.
pub fn read_key_sample(path: &Path) -> Result<KeySample, Diagnostic> {
    let meta = std::fs::metadata(path)
        .map_err(|e| Diagnostic::new(path, format!("cannot read: {}", io_reason(&e))))?;
    if !meta.is_file() {
        return Err(Diagnostic::new(path, "is not a regular file of keys"));
    }
    let file = std::fs::File::open(path)
        .map_err(|e| Diagnostic::new(path, format!("cannot read: {}", io_reason(&e))))?;
    // Large reads: key files run to millions of lines.
    let sample = parse_key_sample(BufReader::with_capacity(1 << 20, file), path)?;
    if sample.total == 0 {
        return Err(Diagnostic::new(path, "holds no keys"));
    }
    Ok(sample)
}

/// Counts the keys of a reader; `path` names it in problems.
pub fn parse_key_sample(mut reader: impl BufRead, path: &Path) -> Result<KeySample, Diagnostic> {
    let mut counter = KeyCounter::default();
    let mut line = Vec::new();
    let mut number = 0usize;
    loop {
        line.clear();
        let read = reader
            .read_until(b'\n', &mut line)
            .map_err(|e| Diagnostic::new(path, format!("cannot read: {}", io_reason(&e))))?;
        if read == 0 {
            break;
        }
        number += 1;
        let mut key = strip_line_ending(&line);
        if number == 1 {
            // An editor's byte order mark is not part of the first key.
            key = key.strip_prefix(UTF8_BOM).unwrap_or(key);
        }
        if std::str::from_utf8(key).is_err() {
            return Err(Diagnostic::new(path, "key is not valid UTF-8").at_line(number));
        }
        counter.add(key);
    }
    Ok(counter.into_sample())
}

const UTF8_BOM: &[u8] = b"\xef\xbb\xbf";

fn strip_line_ending(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn murmur2_matches_the_java_client_vectors() {
        let vectors: [(&str, i32); 6] = [
            ("21", -973_932_308),
            ("foobar", -790_332_482),
            ("a-little-bit-long-string", -985_981_536),
            ("a-little-bit-longer-string", -1_486_304_829),
            (
                "lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8",
                -58_897_971,
            ),
            ("abc", 479_470_107),
        ];
        for (key, expected) in vectors {
            assert_eq!(murmur2(key.as_bytes()), expected, "{key}");
        }
    }

    #[test]
    fn to_positive_clears_the_sign_bit() {
        assert_eq!(to_positive(-1), 0x7fff_ffff);
        assert_eq!(to_positive(i32::MIN), 0);
        assert_eq!(to_positive(5), 5);
    }

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
    fn uniform_keys_move_by_the_lcm_rule() {
        // Doubling keeps exactly the keys below the old count in each period: half.
        assert_eq!(share_moved(10, 20, None), 0.5);
        // 3 -> 4: lcm 12, only remainders 0, 1, 2 agree.
        assert_eq!(share_moved(3, 4, None), 0.75);
        assert_eq!(share_moved(7, 7, None), 0.0);
    }

    #[test]
    fn a_sample_gives_the_exact_share_of_keys_that_move() {
        let keys: Vec<String> = (0..5000).map(|i| format!("k{i}")).collect();
        let sample = KeySample::from_keys(keys.iter());
        let moved = keys
            .iter()
            .filter(|k| partition_for(k.as_bytes(), 6) != partition_for(k.as_bytes(), 9))
            .count() as f64
            / 5000.0;
        assert_eq!(share_moved(6, 9, Some(&sample)), moved);
        // And it lands near the uniform rule: 1 - 6 / 18 = 2/3.
        assert!((moved - 2.0 / 3.0).abs() < 0.03, "{moved}");
    }

    #[test]
    fn equal_counts_rank_by_key_bytes_past_the_inline_prefix() {
        let keys = [
            "customer-region-eu-2",
            "b",
            "a\0",
            "customer-region-eu-10",
            "a",
            "b",
        ];
        let sample = KeySample::from_keys(keys);
        let order: Vec<String> = sample.keys.iter().map(|k| k.display()).collect();
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

    #[test]
    fn a_byte_order_mark_is_not_part_of_the_first_key() {
        let text = b"\xef\xbb\xbfk1\nk1\n";
        let sample = parse_key_sample(&text[..], Path::new("k.txt")).unwrap();
        assert_eq!((sample.keys.len(), sample.total), (1, 2));
    }

    #[test]
    fn key_files_keep_bytes_without_line_endings() {
        let text = b"k1\r\nk2\nk1\n\n";
        let sample = parse_key_sample(&text[..], Path::new("k.txt")).unwrap();
        assert_eq!(sample.total, 4);
        assert_eq!(sample.keys[0].key, b"k1".to_vec());
        assert!(sample.keys.iter().any(|k| k.key.is_empty()));
    }
}
