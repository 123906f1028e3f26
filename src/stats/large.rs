//! Statistics of millions of samples without sorting them and without a second copy.
//!
//! Sums run block by block, blocks spread over the cores; the block sums are added in
//! file order, so the result is the same whatever the number of cores (and, for up to
//! one block, the same as one running sum). Percentiles are exact order statistics found
//! by a radix pre-pass: the [`Tally`]'s histogram of each sample's top bits shows
//! which few buckets hold the wanted ranks; a second pass, which also sums the squared
//! deviations, gathers only those buckets' samples, and the ranks are selected in them.

use super::tally::{BUCKETS, Histogram, Sums, Tally, bucket_of};

/// Samples per block of a running sum.
pub const BLOCK: usize = 1 << 16;
/// Most threads to use: the passes are bound by memory bandwidth past a few.
const MAX_THREADS: usize = 4;

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

/// The sums, summed block by block in order, and the histogram of all samples.
pub fn tally(samples: &[f64]) -> Tally {
    let parts = per_thread(samples, |run| {
        let mut histogram = Histogram::default();
        let sums: Vec<Sums> = run
            .chunks(BLOCK)
            .map(|block| {
                let mut sums = Sums::EMPTY;
                for &x in block {
                    sums.add(x, &mut histogram);
                }
                sums
            })
            .collect();
        (sums, histogram)
    });
    let mut all = Tally {
        sums: Sums::EMPTY,
        histogram: Histogram::default(),
    };
    for (sums, histogram) in parts {
        for block in &sums {
            all.sums.then(block);
        }
        all.histogram.merge(&histogram);
    }
    all
}

/// Σ(x - mean)² of one block, in four running sums: one alone would wait on each add.
pub(super) fn deviations_of(block: &[f64], mean: f64) -> f64 {
    let mut lanes = [0.0; 4];
    let quads = block.chunks_exact(4);
    let rest = quads.remainder();
    for quad in quads {
        for (lane, x) in lanes.iter_mut().zip(quad) {
            *lane += (x - mean) * (x - mean);
        }
    }
    for (lane, x) in lanes.iter_mut().zip(rest) {
        *lane += (x - mean) * (x - mean);
    }
    (lanes[0] + lanes[1]) + (lanes[2] + lanes[3])
}

/// Σ(x - mean)² of a run, block by block in order.
fn block_deviations(run: &[f64], mean: f64) -> Vec<f64> {
    run.chunks(BLOCK)
        .map(|block| deviations_of(block, mean))
        .collect()
}

/// Σ(x - mean)², block by block in order.
pub fn squared_deviations(samples: &[f64], mean: f64) -> f64 {
    per_thread(samples, |run| block_deviations(run, mean))
        .into_iter()
        .flatten()
        .fold(0.0, |total, block| total + block)
}

/// Where wanted ranks fall in a histogram: which buckets hold them, and how many
/// samples lie in the buckets before each.
pub(super) struct RankBuckets {
    /// Samples in the buckets before each bucket (and, last, all of them).
    before: Vec<u64>,
    /// The buckets holding a wanted rank, ascending.
    pub wanted: Vec<usize>,
    /// For each bucket, its place in `wanted`, or u8::MAX for the others.
    slot: Vec<u8>,
}

impl RankBuckets {
    /// `None` when the wanted buckets hold more than `max_gathered` samples.
    pub fn of(histogram: &[u64], ranks: &[usize], max_gathered: u64) -> Option<RankBuckets> {
        let mut before = Vec::with_capacity(BUCKETS + 1);
        let mut running = 0u64;
        before.push(0);
        for &n in histogram {
            running += n;
            before.push(running);
        }
        let mut buckets = RankBuckets {
            before,
            wanted: Vec::new(),
            slot: vec![u8::MAX; BUCKETS],
        };
        let mut wanted: Vec<usize> = ranks.iter().map(|&r| buckets.bucket_of_rank(r)).collect();
        wanted.sort_unstable();
        wanted.dedup();
        let gathered: u64 = wanted.iter().map(|&b| histogram[b]).sum();
        if gathered > max_gathered {
            return None;
        }
        for (i, &b) in wanted.iter().enumerate() {
            buckets.slot[b] = i as u8;
        }
        buckets.wanted = wanted;
        Some(buckets)
    }

    fn bucket_of_rank(&self, rank: usize) -> usize {
        self.before.partition_point(|&b| b <= rank as u64) - 1
    }

    /// The samples of each wanted bucket in `block`, added to `out`.
    pub fn gather(&self, block: &[f64], out: &mut [Vec<f64>]) {
        for &x in block {
            let s = self.slot[bucket_of(x)];
            if s != u8::MAX {
                out[usize::from(s)].push(x);
            }
        }
    }

    /// Room to gather each wanted bucket's share of a run of `run_len` of `total`
    /// samples, and a little more.
    fn room_for_share(&self, counts: &[u64], run_len: usize, total: usize) -> Vec<Vec<f64>> {
        let share = |b: usize| counts[b] as usize * run_len / total.max(1);
        (self.wanted.iter())
            .map(|&b| Vec::with_capacity(share(b) * 9 / 8 + 64))
            .collect()
    }

    /// Each wanted bucket's samples gathered from `runs`, joined in order.
    fn joined(
        &self,
        counts: &[u64],
        runs: impl IntoIterator<Item = Vec<Vec<f64>>>,
    ) -> Vec<Vec<f64>> {
        let mut all: Vec<Vec<f64>> = (self.wanted.iter())
            .map(|&b| Vec::with_capacity(counts[b] as usize))
            .collect();
        for run in runs {
            for (bucket, values) in all.iter_mut().zip(run) {
                bucket.extend_from_slice(&values);
            }
        }
        all
    }

    /// The value of each rank, from the gathered samples of the wanted buckets.
    pub fn select<V: AsMut<[f64]>>(&self, gathered: &mut [V], ranks: &[usize]) -> Vec<f64> {
        // After selecting a place in a bucket, the higher places lie right of it: a
        // higher rank that follows searches only that part.
        let mut selected = vec![0; self.wanted.len()];
        ranks
            .iter()
            .map(|&rank| {
                let b = self.bucket_of_rank(rank);
                let i = self.wanted.binary_search(&b).unwrap_or(0);
                let within = rank - self.before[b] as usize;
                let from = if within >= selected[i] {
                    selected[i]
                } else {
                    0
                };
                let values = &mut gathered[i].as_mut()[from..];
                let (_, value, _) = values.select_nth_unstable_by(within - from, f64::total_cmp);
                selected[i] = within;
                *value
            })
            .collect()
    }
}

/// In one pass: Σ(x - mean)², block by block in order, and the values of the 0-based
/// `ranks` in ascending order, found through `histogram` (from the samples' [`Tally`]).
/// The values are `None` when the buckets holding them would take more than an eighth
/// of the samples' memory to gather.
pub fn deviations_and_ranked(
    samples: &[f64],
    mean: f64,
    histogram: &Histogram,
    ranks: &[usize],
) -> (f64, Option<Vec<f64>>) {
    // At most an eighth of the samples' memory is taken to gather.
    let max_gathered = (samples.len() / 8).max(1 << 16) as u64;
    let Some(buckets) = RankBuckets::of(histogram.counts(), ranks, max_gathered) else {
        return (squared_deviations(samples, mean), None);
    };
    let counts = histogram.counts();
    let parts = per_thread(samples, |run| {
        let mut gathered = buckets.room_for_share(counts, run.len(), samples.len());
        let deviations: Vec<f64> = run
            .chunks(BLOCK)
            .map(|block| {
                buckets.gather(block, &mut gathered);
                deviations_of(block, mean)
            })
            .collect();
        (deviations, gathered)
    });
    let (blocks, runs): (Vec<Vec<f64>>, Vec<_>) = parts.into_iter().unzip();
    let deviations = blocks
        .iter()
        .flatten()
        .fold(0.0, |total, block| total + block);
    let mut gathered = buckets.joined(counts, runs);
    (deviations, Some(buckets.select(&mut gathered, ranks)))
}

/// The values of the 0-based `ranks` in ascending order, among samples whose histogram
/// is `histogram`, from `parts` that hold between them every sample of the buckets
/// holding those ranks, and no sample twice; `None` when they do not hold them all.
pub fn ranked_among(histogram: &Histogram, ranks: &[usize], parts: &[&[f64]]) -> Option<Vec<f64>> {
    let counts = histogram.counts();
    let buckets = RankBuckets::of(counts, ranks, u64::MAX)?;
    let runs = parts.iter().flat_map(|part| {
        per_thread(part, |run| {
            let mut out = buckets.room_for_share(counts, run.len(), part.len());
            buckets.gather(run, &mut out);
            out
        })
    });
    let mut gathered = buckets.joined(counts, runs);
    let complete =
        (buckets.wanted.iter().zip(&gathered)).all(|(&b, values)| values.len() as u64 == counts[b]);
    complete.then(|| buckets.select(&mut gathered, ranks))
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let tally = tally(&samples);
        let mut sorted = samples.clone();
        sorted.sort_by(f64::total_cmp);
        let ranks = [0, 1, 149_999, 150_000, 269_999, 297_000, 299_998, 299_999];
        let (deviations, got) = deviations_and_ranked(&samples, 20.0, &tally.histogram, &ranks);
        for (rank, value) in ranks.iter().zip(got.expect("spread-out samples")) {
            assert_eq!(value, sorted[*rank], "rank {rank}");
        }
        assert_eq!(deviations, squared_deviations(&samples, 20.0));
        let by_hand: f64 = samples.iter().map(|x| (x - 20.0) * (x - 20.0)).sum();
        assert!((deviations - by_hand).abs() < 1e-9 * by_hand);
    }

    #[test]
    fn samples_in_one_bucket_are_left_to_the_caller() {
        let samples = vec![10.0; 1 << 20];
        let tally = tally(&samples);
        let (deviations, values) = deviations_and_ranked(&samples, 9.0, &tally.histogram, &[5]);
        assert_eq!((deviations, values), ((1 << 20) as f64, None));
    }
}
