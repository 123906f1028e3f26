//! Samples as a reader produces them, in file order, with their tally taken as they come.

use super::Samples;
use crate::stats::Tally;
use crate::stats::tally::{Histogram, Sums};

/// Most room reserved up front, in samples (2 GiB); past it the room grows as needed.
const MAX_ROOM: usize = 1 << 28;

/// The samples read so far and their tally.
pub(super) struct Collected {
    /// Room for the samples, of which the first `filled` are read. It is reserved
    /// zeroed, which the allocator gives as untouched pages: room never filled costs no
    /// memory, and each thread that parses a piece touches its own pages.
    values: Vec<f64>,
    filled: usize,
    /// The sums of every sample so far, added in file order.
    sums: Sums,
    /// The histogram of the samples this thread counts, and one for each other thread
    /// parsing at once; merged at the end.
    histogram: Histogram,
    others: Vec<Histogram>,
}

/// Where a run of pieces is parsed: its slots, and a histogram for each thread.
pub(super) struct Room<'a> {
    pub slots: &'a mut [f64],
    pub histogram: &'a mut Histogram,
    pub others: &'a mut [Histogram],
}

/// What parsing one piece of text into its slots of the room found.
pub(super) struct Parsed {
    /// Slots the piece was given: one per line.
    pub slots: usize,
    /// Samples it wrote, at the front of its slots.
    pub written: usize,
    pub sums: Sums,
}

impl Collected {
    /// Room for `expected` samples, reserved at once.
    pub fn with_room(expected: usize) -> Collected {
        Collected {
            values: vec![0.0; expected.min(MAX_ROOM)],
            filled: 0,
            sums: Sums::EMPTY,
            histogram: Histogram::default(),
            others: Vec::new(),
        }
    }

    /// Samples so far.
    pub fn len(&self) -> usize {
        self.filled
    }

    /// Adds one sample, read on this thread.
    pub fn push(&mut self, sample: f64) {
        self.grow_for(1);
        self.values[self.filled] = sample;
        self.filled += 1;
        self.sums.add(sample, &mut self.histogram);
    }

    /// Slots for `slots` more samples, this thread's histogram, and one for each of
    /// `others` more threads.
    pub fn room(&mut self, slots: usize, others: usize) -> Room<'_> {
        self.grow_for(slots);
        if self.others.len() < others {
            self.others.resize_with(others, Histogram::default);
        }
        Room {
            slots: &mut self.values[self.filled..self.filled + slots],
            histogram: &mut self.histogram,
            others: &mut self.others[..others],
        }
    }

    /// Takes in the pieces parsed into [`Self::room`], in file order: each wrote its
    /// samples at the front of its slots, so a piece that held blank or comment lines
    /// leaves a gap, closed here.
    pub fn commit(&mut self, pieces: &[Parsed]) {
        let mut from = self.filled;
        for piece in pieces {
            if from != self.filled {
                self.values
                    .copy_within(from..from + piece.written, self.filled);
            }
            self.filled += piece.written;
            from += piece.slots;
            self.sums.then(&piece.sums);
        }
    }

    /// Past the room reserved, the new slots are zeroed as they are added, which
    /// touches their memory: growing by an eighth at a time keeps what is touched and
    /// not filled small.
    fn grow_for(&mut self, more: usize) {
        let needed = self.filled + more;
        if needed > self.values.len() {
            let eighth = self.values.len() + self.values.len() / 8;
            self.values.resize(needed.max(eighth).max(1024), 0.0);
        }
    }

    /// The samples and their tally.
    pub fn finish(mut self) -> Samples {
        self.values.truncate(self.filled);
        self.values.shrink_to_fit();
        let mut histogram = self.histogram;
        for other in &self.others {
            histogram.merge(other);
        }
        Samples {
            values: self.values,
            tally: Tally {
                sums: self.sums,
                histogram,
            },
        }
    }
}
