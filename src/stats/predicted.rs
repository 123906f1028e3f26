//! Exact percentiles of samples a reader does not keep.
//!
//! The reader keeps its first block of samples. From their histogram it predicts which
//! radix buckets will hold each wanted percentile, with a margin on either side, and of
//! every later sample it keeps only those that fall in a predicted bucket. At the end,
//! the histogram of all the samples says which buckets do hold the wanted ranks: when
//! each was predicted, every sample of it is at hand (in the first block or gathered)
//! and the ranks are selected exactly, as [`super::large`] does. When one was not (the
//! values drifted: a file in sorted order, say), the statistics are `None` and the
//! caller reads the samples again, keeping them all.

use super::large::ranked_among;
use super::spread::Spread;
use super::tally::{BUCKETS, Histogram, bucket_of};
use super::{LatencyStats, PERCENTILES, Tally, ranks_of};

/// The share of samples, either side of each percentile in the first block, whose
/// buckets are gathered: a drift of up to one percentile point still finds its buckets.
const MARGIN: f64 = 0.01;

/// The radix buckets whose samples are gathered.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidates {
    /// By bucket; a fixed-size array, so a bucket index needs no bounds check.
    gathered: Box<[bool; BUCKETS]>,
}

impl Candidates {
    /// No bucket: nothing is gathered, and any percentile needs the samples read again.
    pub fn none() -> Candidates {
        let gathered = vec![false; BUCKETS].into_boxed_slice().try_into();
        Candidates {
            gathered: gathered.unwrap_or_else(|_| unreachable!("the vector has BUCKETS flags")),
        }
    }

    /// The buckets of `histogram` (of the first samples) that hold the samples within
    /// [`MARGIN`] of each of `quantiles`.
    pub fn predicted(histogram: &Histogram, quantiles: &[f64]) -> Candidates {
        let mut candidates = Candidates::none();
        let counts = histogram.counts();
        let total: u64 = counts.iter().sum();
        if total == 0 {
            return candidates;
        }
        let last = (total - 1) as f64;
        for &p in quantiles {
            let margin = MARGIN.min((1.0 - p) / 2.0);
            let low = ((p - margin).max(0.0) * last).floor() as u64;
            let high = ((p + margin).min(1.0) * last).ceil() as u64;
            let (mut below, mut bucket) = (0, 0);
            // Skip the buckets wholly below the low rank, then take those up to the high.
            while bucket < BUCKETS && below + counts[bucket] <= low {
                below += counts[bucket];
                bucket += 1;
            }
            while bucket < BUCKETS && below <= high {
                candidates.gathered[bucket] = true;
                below += counts[bucket];
                bucket += 1;
            }
        }
        candidates
    }

    /// The buckets of `wanted`.
    pub fn of(wanted: &WantedBuckets) -> Candidates {
        let mut candidates = Candidates::none();
        for &bucket in &wanted.buckets {
            candidates.gathered[bucket as usize & (BUCKETS - 1)] = true;
        }
        candidates
    }

    pub fn covers(&self, bucket: usize) -> bool {
        self.gathered[bucket & (BUCKETS - 1)]
    }

    /// The spread of `run`, whose sum is `sum`, in the same pass as its samples in a
    /// candidate bucket are added to `into`.
    pub fn spread_gathering(&self, run: &[f64], sum: f64, into: &mut Gathered) -> Spread {
        if run.is_empty() {
            return Spread::EMPTY;
        }
        let mean = sum / run.len() as f64;
        let out = into.room(run.len());
        let mut taken = 0;
        // Four running sums, as one would wait on each add; every sample is written
        // and only those gathered are counted, so there is no branch to mispredict.
        let mut lanes = [0.0; 4];
        for (i, &x) in run.iter().enumerate() {
            lanes[i % 4] += (x - mean) * (x - mean);
            out[taken] = x;
            taken += usize::from(self.gathered[bucket_of(x)]);
        }
        into.len += taken;
        Spread {
            count: run.len() as u64,
            mean,
            squared_deviations: (lanes[0] + lanes[1]) + (lanes[2] + lanes[3]),
        }
    }
}

/// Samples gathered: a buffer whose first `len` values are gathered and the rest room,
/// set once and grown by a quarter (growing zeroes the new room, which touches it).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Gathered {
    buffer: Vec<f64>,
    len: usize,
}

impl Gathered {
    pub fn values(&self) -> &[f64] {
        &self.buffer[..self.len]
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The values gathered, without a copy.
    pub fn into_values(mut self) -> Vec<f64> {
        self.buffer.truncate(self.len);
        self.buffer
    }

    pub fn push(&mut self, value: f64) {
        self.room(1)[0] = value;
        self.len += 1;
    }

    /// Drops every value and the buffer.
    pub fn clear(&mut self) {
        *self = Gathered::default();
    }

    /// Room for `more` values after those gathered.
    fn room(&mut self, more: usize) -> &mut [f64] {
        let needed = self.len + more;
        if self.buffer.len() < needed {
            let quarter = self.buffer.len() + self.buffer.len() / 4;
            self.buffer.resize(needed.max(quarter), 0.0);
        }
        &mut self.buffer[self.len..needed]
    }
}

/// The radix buckets that hold the ranks of the wanted percentiles (two a percentile)
/// of samples whose tally is known: a second read needs only their samples. Some may
/// repeat, as ranks share a bucket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WantedBuckets {
    buckets: [u32; 2 * PERCENTILES.len()],
}

impl WantedBuckets {
    pub fn of(tally: &Tally) -> WantedBuckets {
        let counts = tally.histogram.counts();
        let n: u64 = counts.iter().sum();
        let ranks = ranks_of(usize::try_from(n).unwrap_or(usize::MAX), &PERCENTILES);
        let mut buckets = [0; 2 * PERCENTILES.len()];
        let (mut below, mut bucket) = (0, 0);
        // The ranks ascend, so one walk up the buckets finds each.
        for (slot, &rank) in buckets.iter_mut().zip(&ranks) {
            while bucket + 1 < BUCKETS && below + counts[bucket] <= rank as u64 {
                below += counts[bucket];
                bucket += 1;
            }
            *slot = bucket as u32;
        }
        WantedBuckets { buckets }
    }
}

/// What a reader that kept only its first samples took of the others.
#[derive(Debug, Clone, PartialEq)]
pub struct Unkept {
    /// The spread of every sample, kept or not, in file order.
    pub spread: Spread,
    /// The samples after the kept ones that fell in a candidate bucket.
    pub gathered: Vec<f64>,
}

impl LatencyStats {
    /// The statistics of samples of which a reader kept `kept`, the first ones; `tally`
    /// and `unkept` are of them all. `None` when a wanted percentile is in a bucket
    /// that was not gathered: then the samples must be read again.
    pub fn from_unkept(kept: &[f64], tally: &Tally, unkept: &Unkept) -> Option<LatencyStats> {
        let n = usize::try_from(unkept.spread.count).ok()?;
        let ranks = ranks_of(n, &PERCENTILES);
        let parts = [kept, &unkept.gathered[..]];
        let values = ranked_among(&tally.histogram, &ranks, &parts)?;
        let stddev = unkept.spread.stddev();
        Some(LatencyStats::assembled(n, &tally.sums, stddev, &values))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn histogram_of(samples: &[f64]) -> Histogram {
        super::super::large::tally(samples).histogram
    }

    #[test]
    fn predicted_buckets_hold_the_percentiles_and_their_margins() {
        let samples: Vec<f64> = (1..=100_000).map(|i| f64::from(i) / 100.0).collect();
        let candidates = Candidates::predicted(&histogram_of(&samples), &PERCENTILES);
        for &p in &PERCENTILES {
            let margin = MARGIN.min((1.0 - p) / 2.0);
            for q in [p - margin, p, p + margin] {
                let value = samples[(q * 99_999.0).round() as usize];
                assert!(candidates.covers(bucket_of(value)), "p {p}, q {q}");
            }
        }
        // Far from every percentile: the 20th and the 70th.
        for q in [0.2, 0.7] {
            let value = samples[(q * 99_999.0) as usize];
            assert!(!candidates.covers(bucket_of(value)), "q {q}");
        }
        assert!(!Candidates::none().covers(bucket_of(500.0)));
    }
}
