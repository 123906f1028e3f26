//! Statistics of millions of samples without sorting them and without a second copy.
//!
//! Sums run block by block, blocks spread over the cores; the block sums are added in
//! file order, so the result is the same whatever the number of cores (and, for up to
//! one block, the same as one running sum). Percentiles are exact order statistics found
//! by a radix pre-pass: a histogram of each sample's top 16 bits (sign, exponent and 4
//! mantissa bits of its IEEE 754 order) shows which few buckets hold the wanted ranks;
//! only those buckets' samples are gathered and selected in.

/// Samples per block of a running sum.
pub const BLOCK: usize = 1 << 16;
/// Buckets of the radix pre-pass: the top 16 bits of the order key.
const BUCKETS: usize = 1 << 16;
/// Most threads to use: the passes are bound by memory bandwidth past a few.
const MAX_THREADS: usize = 4;

/// Sums and extremes of one block of samples.
#[derive(Debug, Clone, Copy)]
pub struct BlockSums {
    pub sum: f64,
    pub sum_sq: f64,
    pub sum_cube: f64,
    pub min: f64,
    pub max: f64,
}

/// A u64 that orders like `f64::total_cmp`.
fn order_key(x: f64) -> u64 {
    let bits = x.to_bits();
    if bits >> 63 == 1 {
        !bits
    } else {
        bits | 1 << 63
    }
}

fn bucket_of(x: f64) -> usize {
    (order_key(x) >> 48) as usize
}

/// `f` over consecutive runs of whole blocks, one run per thread, results in order.
fn per_thread<T: Send>(samples: &[f64], f: impl Fn(&[f64]) -> T + Sync) -> Vec<T> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(MAX_THREADS));
    let blocks = samples.len().div_ceil(BLOCK);
    let per = blocks.div_ceil(threads.max(1)).max(1) * BLOCK;
    if threads < 2 || samples.len() <= per {
        return vec![f(samples)];
    }
    let f = &f;
    std::thread::scope(|scope| {
        let handles: Vec<_> = samples
            .chunks(per)
            .map(|run| scope.spawn(move || f(run)))
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}

/// Σx, Σx², Σx³, min and max, summed block by block in order, and the radix histogram.
pub fn sums_and_histogram(samples: &[f64]) -> (BlockSums, Vec<u64>) {
    let parts = per_thread(samples, |run| {
        let mut histogram = vec![0u64; BUCKETS];
        let sums: Vec<BlockSums> = run
            .chunks(BLOCK)
            .map(|block| {
                let mut s = BlockSums {
                    sum: 0.0,
                    sum_sq: 0.0,
                    sum_cube: 0.0,
                    min: f64::INFINITY,
                    max: f64::NEG_INFINITY,
                };
                for &x in block {
                    s.sum += x;
                    s.sum_sq += x * x;
                    s.sum_cube += x * x * x;
                    s.min = s.min.min(x);
                    s.max = s.max.max(x);
                    histogram[bucket_of(x)] += 1;
                }
                s
            })
            .collect();
        (sums, histogram)
    });
    let mut total = BlockSums {
        sum: 0.0,
        sum_sq: 0.0,
        sum_cube: 0.0,
        min: f64::INFINITY,
        max: f64::NEG_INFINITY,
    };
    let mut histogram = vec![0u64; BUCKETS];
    for (sums, part) in parts {
        for s in sums {
            total.sum += s.sum;
            total.sum_sq += s.sum_sq;
            total.sum_cube += s.sum_cube;
            total.min = total.min.min(s.min);
            total.max = total.max.max(s.max);
        }
        for (all, n) in histogram.iter_mut().zip(part) {
            *all += n;
        }
    }
    (total, histogram)
}

/// Σ(x - mean)², block by block in order.
pub fn squared_deviations(samples: &[f64], mean: f64) -> f64 {
    per_thread(samples, |run| {
        run.chunks(BLOCK)
            .map(|block| block.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>())
            .collect::<Vec<f64>>()
    })
    .into_iter()
    .flatten()
    .fold(0.0, |total, block| total + block)
}

/// The values of the 0-based `ranks` in ascending order, found through `histogram`
/// (from [`sums_and_histogram`]); `None` when the buckets holding them would take more
/// than an eighth of the samples' memory to gather.
pub fn ranked_values(samples: &[f64], histogram: &[u64], ranks: &[usize]) -> Option<Vec<f64>> {
    // Where each rank falls: its bucket and its rank within the bucket.
    let mut before = Vec::with_capacity(BUCKETS + 1);
    let mut running = 0u64;
    before.push(0);
    for &n in histogram {
        running += n;
        before.push(running);
    }
    let bucket_of_rank = |rank: usize| before.partition_point(|&b| b <= rank as u64) - 1;
    let mut wanted: Vec<usize> = ranks.iter().map(|&r| bucket_of_rank(r)).collect();
    wanted.sort_unstable();
    wanted.dedup();
    let gathered: u64 = wanted.iter().map(|&b| histogram[b]).sum();
    if gathered > (samples.len() / 8).max(1 << 16) as u64 {
        return None;
    }
    // slot[bucket]: where a wanted bucket's samples go; u8::MAX for the others.
    let mut slot = vec![u8::MAX; BUCKETS];
    for (i, &b) in wanted.iter().enumerate() {
        slot[b] = i as u8;
    }
    let parts = per_thread(samples, |run| {
        let mut out: Vec<Vec<f64>> = vec![Vec::new(); wanted.len()];
        for &x in run {
            let s = slot[bucket_of(x)];
            if s != u8::MAX {
                out[usize::from(s)].push(x);
            }
        }
        out
    });
    let mut buckets: Vec<Vec<f64>> = wanted
        .iter()
        .map(|&b| Vec::with_capacity(histogram[b] as usize))
        .collect();
    for part in parts {
        for (all, values) in buckets.iter_mut().zip(part) {
            all.extend_from_slice(&values);
        }
    }
    let values = ranks
        .iter()
        .map(|&rank| {
            let b = bucket_of_rank(rank);
            let i = wanted.binary_search(&b).unwrap_or(0);
            let within = rank - before[b] as usize;
            let (_, value, _) = buckets[i].select_nth_unstable_by(within, f64::total_cmp);
            *value
        })
        .collect();
    Some(values)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_order_key_orders_like_total_cmp() {
        let values = [
            -0.0,
            0.0,
            1e-310,
            0.1,
            1.0,
            1.5,
            2.0,
            1e300,
            f64::MAX,
            f64::INFINITY,
            -1.0,
        ];
        for &a in &values {
            for &b in &values {
                assert_eq!(order_key(a).cmp(&order_key(b)), a.total_cmp(&b), "{a} {b}");
            }
        }
    }

    /// Every rank of a generated sample with repeats, against a full sort.
    #[test]
    fn ranked_values_match_a_sorted_copy() {
        let mut state = 7u64;
        let samples: Vec<f64> = (0..300_000)
            .map(|i| {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1442695040888963407);
                let u = (state >> 11) as f64 / (1u64 << 53) as f64;
                // Lognormal-ish with many exact repeats (rounded to 0.01 ms) and zeros.
                if i % 1000 == 0 {
                    0.0
                } else {
                    ((u * 4.0).exp() * 100.0).round() / 100.0
                }
            })
            .collect();
        let (_, histogram) = sums_and_histogram(&samples);
        let mut sorted = samples.clone();
        sorted.sort_by(f64::total_cmp);
        let ranks = [0, 1, 149_999, 150_000, 269_999, 297_000, 299_998, 299_999];
        let got = ranked_values(&samples, &histogram, &ranks).expect("spread-out samples");
        for (rank, value) in ranks.iter().zip(got) {
            assert_eq!(value, sorted[*rank], "rank {rank}");
        }
    }

    #[test]
    fn samples_in_one_bucket_are_left_to_the_caller() {
        let samples = vec![10.0; 1 << 20];
        let (_, histogram) = sums_and_histogram(&samples);
        assert_eq!(ranked_values(&samples, &histogram, &[5]), None);
    }
}
