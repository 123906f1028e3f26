//! One partition's queue: messages served first come, first served by the partition's
//! workers (its consumer's threads), each message on the earliest free worker.
//!
//! Giving each message, in arrival order, to the worker that frees up first is exactly
//! FIFO service with c servers (the Kiefer-Wolfowitz recursion), so a run needs only the
//! c times at which the workers are next free: memory does not grow with the messages.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use rand::RngExt;
use rand_distr::Exp1;

use super::streams::{ServiceSampler, Stream};

/// When each worker is next free (ms from the start of the run).
#[derive(Debug, Clone)]
pub enum Workers {
    /// The common case, kept apart so a single worker costs no heap operations.
    One(f64),
    /// Free times as f64 bit patterns: for non-negative floats the bits order as the
    /// values do, which gives the heap a total order without a wrapper type.
    Many(BinaryHeap<Reverse<u64>>),
}

impl Workers {
    pub fn new(count: u32) -> Workers {
        if count <= 1 {
            Workers::One(0.0)
        } else {
            Workers::Many((0..count).map(|_| Reverse(0f64.to_bits())).collect())
        }
    }

    /// Serves a message that is ready at `ready_ms` and takes `service_ms`; returns when
    /// its processing starts.
    #[inline]
    pub fn serve(&mut self, ready_ms: f64, service_ms: f64) -> f64 {
        match self {
            Workers::One(free_ms) => {
                let start = free_ms.max(ready_ms);
                *free_ms = start + service_ms;
                start
            }
            Workers::Many(heap) => match heap.peek_mut() {
                Some(mut earliest) => {
                    let start = f64::from_bits(earliest.0).max(ready_ms);
                    *earliest = Reverse((start + service_ms).to_bits());
                    start
                }
                // `new` gives `Many` at least two workers.
                None => ready_ms,
            },
        }
    }

    /// Workers still processing (or holding queued work) after `time_ms`.
    pub fn busy_after(&self, time_ms: f64) -> u64 {
        match self {
            Workers::One(free_ms) => u64::from(*free_ms > time_ms),
            Workers::Many(heap) => heap
                .iter()
                .filter(|Reverse(bits)| f64::from_bits(*bits) > time_ms)
                .count() as u64,
        }
    }

    /// When the last worker finishes its last message.
    pub fn last_free_ms(&self) -> f64 {
        match self {
            Workers::One(free_ms) => *free_ms,
            Workers::Many(heap) => heap
                .iter()
                .map(|Reverse(bits)| f64::from_bits(*bits))
                .fold(0.0, f64::max),
        }
    }
}

/// One message's way through the queue (ms from the start of the run).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Served {
    pub arrival_ms: f64,
    pub start_ms: f64,
    pub service_ms: f64,
}

impl Served {
    /// From arrival to the end of processing.
    pub fn delay_ms(&self) -> f64 {
        self.start_ms + self.service_ms - self.arrival_ms
    }
}

/// A partition receiving a Poisson stream of messages: yields them in arrival order.
/// Cloning it replays exactly the same messages (the stream is cloned with it).
#[derive(Debug, Clone)]
pub struct PoissonPartition<'a> {
    stream: Stream,
    /// Mean time between arrivals.
    mean_gap_ms: f64,
    service: ServiceSampler<'a>,
    pub workers: Workers,
    clock_ms: f64,
    left: u64,
}

impl<'a> PoissonPartition<'a> {
    /// `messages` arriving at `tps` messages a second (positive).
    pub fn new(
        stream: Stream,
        messages: u64,
        tps: f64,
        workers: u32,
        service: ServiceSampler<'a>,
    ) -> PoissonPartition<'a> {
        PoissonPartition {
            stream,
            mean_gap_ms: 1000.0 / tps,
            service,
            workers: Workers::new(workers),
            clock_ms: 0.0,
            // A rate that is not positive sends nothing.
            left: if tps > 0.0 { messages } else { 0 },
        }
    }
}

impl Iterator for PoissonPartition<'_> {
    type Item = Served;

    #[inline]
    fn next(&mut self) -> Option<Served> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        let gap: f64 = self.stream.sample(Exp1);
        self.clock_ms += gap * self.mean_gap_ms;
        let service_ms = self.service.draw(&mut self.stream);
        let start_ms = self.workers.serve(self.clock_ms, service_ms);
        Some(Served {
            arrival_ms: self.clock_ms,
            start_ms,
            service_ms,
        })
    }
}

/// Counts the messages waiting (arrived, not yet started) at each arrival in constant
/// memory. Under FIFO, starts come in arrival order, so the messages started by time t
/// are a prefix of the arrivals; a replay of the same partition, running behind the
/// simulation, finds where that prefix ends without storing any start time.
#[derive(Debug, Clone)]
pub struct Backlog<'a> {
    replay: PoissonPartition<'a>,
    next_start_ms: Option<f64>,
    started: u64,
}

impl<'a> Backlog<'a> {
    /// `partition` must not have yielded any message yet.
    pub fn new(partition: &PoissonPartition<'a>) -> Backlog<'a> {
        let mut replay = partition.clone();
        let next_start_ms = replay.next().map(|m| m.start_ms);
        Backlog {
            replay,
            next_start_ms,
            started: 0,
        }
    }

    /// Messages waiting just after the `arrived`-th arrival, at `arrival_ms`.
    #[inline]
    pub fn waiting(&mut self, arrival_ms: f64, arrived: u64) -> u64 {
        while let Some(start_ms) = self.next_start_ms {
            if start_ms > arrival_ms || self.started >= arrived {
                break;
            }
            self.started += 1;
            self.next_start_ms = self.replay.next().map(|m| m.start_ms);
        }
        arrived.saturating_sub(self.started)
    }
}
