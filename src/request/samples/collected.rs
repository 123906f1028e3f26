//! Samples as a reader produces them, in file order, with their tally taken as they come.
//! A reader that keeps only a summary keeps the first block's samples and, of the later
//! ones, those the percentiles may need ([`crate::stats::predicted`]).

use super::{Keep, Samples};
use crate::stats::predicted::{Candidates, Gathered, Unkept};
use crate::stats::spread::Spread;
use crate::stats::tally::{Histogram, Sums, bucket_of};
use crate::stats::{PERCENTILES, Tally};

/// Most room reserved up front, in samples (2 GiB); past it the room grows as needed.
const MAX_ROOM: usize = 1 << 28;
/// Samples gathered for the percentiles, at least, before a summary gives up gathering
/// (past a quarter of the samples, when more).
const MIN_GATHER_LIMIT: usize = 1 << 20;

/// Most samples a summary gathers for its percentiles, of `samples` read.
pub(super) fn gathering_limit(samples: usize) -> usize {
    (samples / 4).max(MIN_GATHER_LIMIT)
}

/// The samples read so far and their tally.
pub(super) struct Collected {
    /// Room for the samples, of which the first `filled` are kept. It is reserved
    /// zeroed, which the allocator gives as untouched pages: room never filled costs no
    /// memory, and each thread that parses a piece touches its own pages.
    values: Vec<f64>,
    filled: usize,
    /// The sums of every sample so far, added in file order.
    sums: Sums,
    /// This thread's histogram and gathered samples, and those of each other thread
    /// parsing at once; merged at the end.
    mine: Worker,
    others: Vec<Worker>,
    keep: Keep,
    /// Blocks given room so far.
    blocks: usize,
    /// For a summary: the spread of every sample so far, in file order.
    spread: Spread,
    /// For a summary, once past the first block: what the samples not kept need.
    dropping: Option<Dropping>,
}

/// What one parsing thread keeps of its own.
#[derive(Default)]
pub(super) struct Worker {
    pub histogram: Histogram,
    /// Samples of the candidate buckets, for a summary.
    pub gathered: Gathered,
    /// Slots for pieces whose samples are not kept, reused piece after piece.
    pub scratch: Vec<f64>,
}

struct Dropping {
    candidates: Candidates,
    /// Samples read and not kept.
    count: usize,
}

impl Dropping {
    fn gathering(candidates: Candidates) -> Dropping {
        Dropping {
            candidates,
            count: 0,
        }
    }
}

/// What a thread does with each piece once it is parsed.
#[derive(Clone, Copy)]
pub(super) struct PiecePass<'a> {
    /// Take the piece's spread.
    pub spread: bool,
    /// Gather the piece's samples of these buckets.
    pub gather: Option<&'a Candidates>,
}

/// Where a run of pieces is parsed: its slots (none for samples not kept), and each
/// thread's own.
pub(super) struct Room<'a> {
    pub slots: &'a mut [f64],
    pub mine: &'a mut Worker,
    pub others: &'a mut [Worker],
    pub pass: PiecePass<'a>,
}

/// What parsing one piece of text into its slots of the room found.
pub(super) struct Parsed {
    pub lines: usize,
    /// Slots the piece was given: one per line in the room.
    pub slots: usize,
    /// Samples it wrote, at the front of its slots.
    pub written: usize,
    pub sums: Sums,
    /// For a summary; empty otherwise.
    pub spread: Spread,
}

impl Collected {
    /// Room for `expected` samples, reserved at once.
    pub fn with_room(expected: usize, keep: Keep) -> Collected {
        // Reading for known buckets keeps no sample: it gathers from the first.
        let (expected, dropping) = match keep {
            Keep::Buckets(wanted) => (0, Some(Dropping::gathering(Candidates::of(&wanted)))),
            Keep::All | Keep::Summary => (expected, None),
        };
        Collected {
            values: vec![0.0; expected.min(MAX_ROOM)],
            filled: 0,
            sums: Sums::EMPTY,
            mine: Worker::default(),
            others: Vec::new(),
            keep,
            blocks: 0,
            spread: Spread::EMPTY,
            dropping,
        }
    }

    /// Samples so far, kept or not.
    pub fn len(&self) -> usize {
        self.filled + self.dropping.as_ref().map_or(0, |d| d.count)
    }

    /// Adds one sample, read on this thread.
    pub fn push(&mut self, sample: f64) {
        self.sums.add(sample, &mut self.mine.histogram);
        if self.keep != Keep::All {
            self.spread.then(&Spread::of(&[sample], sample));
        }
        if let Some(dropping) = &mut self.dropping {
            dropping.count += 1;
            if dropping.candidates.covers(bucket_of(sample)) {
                self.mine.gathered.push(sample);
            }
            return;
        }
        self.grow_for(1);
        self.values[self.filled] = sample;
        self.filled += 1;
    }

    /// Whether the next block's samples are kept: not past a summary's first block.
    pub fn keeps_next_block(&mut self) -> bool {
        if self.keep == Keep::Summary && self.blocks > 0 && self.dropping.is_none() {
            self.start_dropping();
        }
        self.blocks += 1;
        self.dropping.is_none()
    }

    /// Slots for `slots` more samples (none when they are not kept), this thread's
    /// own, and one for each of `others` more threads.
    pub fn room(&mut self, slots: usize, others: usize) -> Room<'_> {
        self.grow_for(slots);
        if self.others.len() < others {
            self.others.resize_with(others, Worker::default);
        }
        Room {
            slots: &mut self.values[self.filled..self.filled + slots],
            mine: &mut self.mine,
            others: &mut self.others[..others],
            pass: PiecePass {
                spread: self.keep != Keep::All,
                gather: self.dropping.as_ref().map(|d| &d.candidates),
            },
        }
    }

    /// Every slot left in the room (none when the samples are not kept), this thread's
    /// own, and one for each of `others` more threads: for a stream of blocks, which
    /// takes slots block by block.
    pub fn rest_of_room(&mut self, others: usize) -> Room<'_> {
        let slots = match self.dropping {
            None => self.values.len() - self.filled,
            Some(_) => 0,
        };
        self.room(slots, others)
    }

    /// Makes the room hold at least `slots` more samples.
    pub fn make_room(&mut self, slots: usize) {
        self.grow_for(slots);
    }

    /// Samples gathered so far, by every thread.
    pub fn gathered_len(&self) -> usize {
        let workers = std::iter::once(&self.mine).chain(&self.others);
        workers.map(|w| w.gathered.len()).sum()
    }

    /// Predicts the percentiles' buckets from the samples kept so far.
    fn start_dropping(&mut self) {
        let mut histogram = self.mine.histogram.clone();
        for other in &self.others {
            histogram.merge(&other.histogram);
        }
        let candidates = Candidates::predicted(&histogram, &PERCENTILES);
        self.dropping = Some(Dropping::gathering(candidates));
    }

    /// Takes in the pieces parsed into [`Self::room`], in file order: each wrote its
    /// samples at the front of its slots, so a piece that held blank or comment lines
    /// leaves a gap, closed here. Past a summary's first block nothing is kept.
    pub fn commit(&mut self, pieces: &[Parsed]) {
        let mut from = self.filled;
        for piece in pieces {
            self.sums.then(&piece.sums);
            self.spread.then(&piece.spread);
            if let Some(dropping) = &mut self.dropping {
                dropping.count += piece.written;
                continue;
            }
            if from != self.filled {
                self.values
                    .copy_within(from..from + piece.written, self.filled);
            }
            self.filled += piece.written;
            from += piece.slots;
        }
        self.limit_gathered();
    }

    /// Gives up gathering when the candidate buckets hold too many samples (values
    /// crowded into a few buckets): the percentiles then need the samples read again.
    fn limit_gathered(&mut self) {
        if self.gathered_len() > gathering_limit(self.len()) {
            self.stop_gathering();
        }
    }

    /// Gathers no more, and drops what was gathered: the percentiles then need the
    /// samples read again.
    pub fn stop_gathering(&mut self) {
        if let Some(dropping) = &mut self.dropping {
            dropping.candidates = Candidates::none();
        }
        for worker in std::iter::once(&mut self.mine).chain(&mut self.others) {
            worker.gathered.clear();
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

    /// The samples kept and their tally, and what a summary took of the others.
    pub fn finish(mut self) -> Samples {
        self.values.truncate(self.filled);
        if self.dropping.is_none() {
            // Past the samples kept a summary's room was never touched: no memory.
            self.values.shrink_to_fit();
        }
        let mut histogram = self.mine.histogram;
        let mut gathered = self.mine.gathered.into_values();
        for other in &self.others {
            histogram.merge(&other.histogram);
            gathered.extend_from_slice(other.gathered.values());
        }
        let unkept = self.dropping.is_some().then_some(Unkept {
            spread: self.spread,
            gathered,
        });
        Samples {
            values: self.values,
            tally: Tally {
                sums: self.sums,
                histogram,
            },
            unkept,
        }
    }
}
