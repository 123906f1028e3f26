//! The one pass over the samples that every statistic starts from: their sums, their
//! extremes and a radix histogram, taken sample by sample, so that a reader can fold it
//! into its parse while each sample is still in a register.

/// Buckets of the radix histogram: the top 18 bits of a sample's order key (sign,
/// exponent and 6 mantissa bits), so each octave of latencies spreads over 64 buckets,
/// each 1.1% wide. Few buckets hold a wanted percentile's neighbours; a histogram is
/// 2 MiB, of which the samples' range touches a few KiB.
pub const BUCKETS: usize = 1 << BUCKET_BITS;
const BUCKET_BITS: u32 = 18;

/// A u64 that orders like `f64::total_cmp`.
fn order_key(x: f64) -> u64 {
    let bits = x.to_bits();
    // Negative numbers flip every bit; the others only gain the top bit.
    let flip = ((bits as i64 >> 63) as u64) | 1 << 63;
    bits ^ flip
}

fn from_order_key(key: u64) -> f64 {
    let bits = if key >> 63 == 1 { key ^ 1 << 63 } else { !key };
    f64::from_bits(bits)
}

/// The radix bucket of a sample.
pub fn bucket_of(x: f64) -> usize {
    (order_key(x) >> (64 - BUCKET_BITS)) as usize
}

/// Σx, Σx², Σx³ and the extremes of a run of samples, added in the order given.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sums {
    pub sum: f64,
    pub sum_sq: f64,
    pub sum_cube: f64,
    /// Extremes as order keys: comparing integers keeps them off the adds' critical path.
    min_key: u64,
    max_key: u64,
}

impl Sums {
    pub const EMPTY: Sums = Sums {
        sum: 0.0,
        sum_sq: 0.0,
        sum_cube: 0.0,
        min_key: u64::MAX,
        max_key: 0,
    };

    /// Adds one sample, and counts it in `histogram`.
    #[inline(always)]
    pub fn add(&mut self, x: f64, histogram: &mut Histogram) {
        self.sum += x;
        self.sum_sq += x * x;
        self.sum_cube += x * x * x;
        let key = order_key(x);
        self.min_key = self.min_key.min(key);
        self.max_key = self.max_key.max(key);
        histogram.counts[(key >> (64 - BUCKET_BITS)) as usize] += 1;
    }

    /// Appends the sums of the run that follows this one.
    pub fn then(&mut self, later: &Sums) {
        self.sum += later.sum;
        self.sum_sq += later.sum_sq;
        self.sum_cube += later.sum_cube;
        self.min_key = self.min_key.min(later.min_key);
        self.max_key = self.max_key.max(later.max_key);
    }

    /// The smallest sample; +inf for no samples.
    pub fn min(&self) -> f64 {
        match self.min_key {
            u64::MAX => f64::INFINITY,
            key => from_order_key(key),
        }
    }

    /// The largest sample; -inf for no samples.
    pub fn max(&self) -> f64 {
        match self.max_key {
            0 => f64::NEG_INFINITY,
            key => from_order_key(key),
        }
    }
}

/// How many samples fall in each radix bucket.
#[derive(Debug, Clone, PartialEq)]
pub struct Histogram {
    /// A fixed-size array, so that a bucket index needs no bounds check.
    counts: Box<[u64; BUCKETS]>,
}

impl Default for Histogram {
    fn default() -> Self {
        let counts = vec![0u64; BUCKETS].into_boxed_slice().try_into();
        Histogram {
            counts: counts.unwrap_or_else(|_| unreachable!("the vector has BUCKETS counts")),
        }
    }
}

impl Histogram {
    /// Adds another histogram's counts to this one's.
    pub fn merge(&mut self, other: &Histogram) {
        for (all, n) in self.counts.iter_mut().zip(other.counts.iter()) {
            *all += n;
        }
    }

    /// The count of each bucket, by bucket.
    pub fn counts(&self) -> &[u64] {
        &self.counts[..]
    }
}

/// What one pass over all the samples gathers: their sums, in file order, and where
/// they fall.
#[derive(Debug, Clone, PartialEq)]
pub struct Tally {
    pub sums: Sums,
    pub histogram: Histogram,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_order_key_orders_like_total_cmp_and_turns_back() {
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
            f64::NEG_INFINITY,
        ];
        for &a in &values {
            assert_eq!(from_order_key(order_key(a)).to_bits(), a.to_bits());
            for &b in &values {
                assert_eq!(order_key(a).cmp(&order_key(b)), a.total_cmp(&b), "{a} {b}");
            }
        }
    }

    /// Against sums written out by hand, in two runs joined.
    #[test]
    fn sums_of_two_runs_joined() {
        let mut histogram = Histogram::default();
        let (mut first, mut second) = (Sums::EMPTY, Sums::EMPTY);
        for x in [2.0, 0.5] {
            first.add(x, &mut histogram);
        }
        for x in [3.0, 1.0] {
            second.add(x, &mut histogram);
        }
        first.then(&second);
        assert_eq!(first.sum, 6.5);
        assert_eq!(first.sum_sq, 4.0 + 0.25 + 9.0 + 1.0);
        assert_eq!(first.sum_cube, 8.0 + 0.125 + 27.0 + 1.0);
        assert_eq!((first.min(), first.max()), (0.5, 3.0));
        assert_eq!(histogram.counts().iter().sum::<u64>(), 4);
        // 2.0 and 3.0 share an octave but not a sixteenth of it.
        assert_ne!(bucket_of(2.0), bucket_of(3.0));
        assert_eq!(histogram.counts()[bucket_of(2.0)], 1);
        assert_eq!(Sums::EMPTY.min(), f64::INFINITY);
        assert_eq!(Sums::EMPTY.max(), f64::NEG_INFINITY);
    }
}
