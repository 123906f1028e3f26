//! Kafka's default partitioner and key samples.
//!
//! A keyed record goes to `toPositive(murmur2(key bytes)) % partitions`, exactly as the
//! Java client's `Utils.murmur2` and `Utils.toPositive` compute it, so a sample of real
//! keys shows how a topic of P partitions would spread them.

mod read;
mod sample;

pub use read::{parse_key_sample, read_key_sample};
pub use sample::{KeyCount, KeySample, RANKED_KEYS};

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

/// Share of keys whose partition changes when a topic grows from `old` to `new`
/// partitions: exact over the distinct keys of a sample when there is one; otherwise, for
/// uniformly spread hashes, 1 - min(old, new) / lcm(old, new) (a key stays only when its
/// hash gives the same remainder under both counts).
pub fn share_moved(old: u32, new: u32, sample: Option<&KeySample>) -> f64 {
    if old == new || old == 0 || new == 0 {
        return 0.0;
    }
    match sample {
        Some(sample) if sample.distinct_keys() > 0 => {
            let moved = sample
                .positive_hashes()
                .filter(|hash| hash % old != hash % new)
                .count();
            moved as f64 / sample.distinct_keys() as f64
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
}
