//! The blocks after the first, read and parsed with no wait between blocks. Each thread
//! in turn takes the next block from the reader (with its slots in the room, one per
//! line, when the samples are kept) and parses it while the others read and parse
//! theirs. So a block is parsed in the cache of the core that read it, and no core
//! waits at the end of a block for the slowest of its pieces. The blocks are taken in
//! in file order at the end, so the statistics do not depend on which thread parsed
//! what.

use std::io::Read;
use std::sync::{Mutex, PoisonError};

use super::LineProblem;
use super::blocks::{BlockProblem, Blocks};
use super::collected::{Collected, PiecePass, Worker, gathering_limit};
use super::line::{GroupResult, parse_group};
use super::plain::{groups_in_room, in_file_order, line_count, pieces, threads, unkept_groups};

/// A kept block's slots, and each of its pieces' lines.
type BlockSlots<'s> = (Vec<usize>, &'s mut [f64]);

/// What stopped the stream, at a line counted from the stream's start.
pub(super) enum StreamProblem {
    Line(LineProblem),
    /// The block that would have started after `lines` lines could not be read.
    Block {
        lines: usize,
        problem: BlockProblem,
    },
}

/// Parses the rest of `blocks` into `collected`; returns the lines parsed. Once past
/// `max_samples`, no more blocks are read (and the caller refuses the file).
pub(super) fn parse_stream<R: Read + Send>(
    blocks: &mut Blocks<R>,
    to_ms: f64,
    collected: &mut Collected,
    max_samples: u64,
) -> Result<usize, StreamProblem> {
    let (mut lines, mut pending) = (0, None);
    if blocks.is_done() {
        return Ok(lines);
    }
    loop {
        let results = run(blocks, &mut pending, to_ms, collected, max_samples);
        lines += take_in(results, collected).map_err(|problem| problem.after(lines))?;
        match &pending {
            _ if collected.len() as u64 > max_samples => return Ok(lines),
            // A block whose lines outnumber the slots left: more room, and on.
            Some(text) => collected.make_room(pieces(text).into_iter().map(line_count).sum()),
            None => return Ok(lines),
        }
    }
}

impl StreamProblem {
    /// The problem of a run that started after `lines` lines.
    fn after(self, lines: usize) -> StreamProblem {
        match self {
            StreamProblem::Line((line, problem)) => StreamProblem::Line((lines + line, problem)),
            StreamProblem::Block { lines: l, problem } => StreamProblem::Block {
                lines: lines + l,
                problem,
            },
        }
    }
}

/// What became of a block handed out.
enum Outcome {
    Parsed(GroupResult),
    Unread(BlockProblem),
}

/// Reads and parses blocks on every thread until the text ends, a problem comes, the
/// samples pass `max_samples` or a block's lines outnumber the slots left (that block
/// is then `pending`). Returns each block's outcome with its index.
fn run<R: Read + Send>(
    blocks: &mut Blocks<R>,
    pending: &mut Option<Vec<u8>>,
    to_ms: f64,
    collected: &mut Collected,
    max_samples: u64,
) -> Vec<(usize, Outcome)> {
    let (samples, gathered) = (collected.len() as u64, collected.gathered_len());
    let keep = collected.keeps_next_block();
    let room = collected.rest_of_room(threads() - 1);
    let pass = room.pass;
    let feed = Mutex::new(Feed {
        blocks,
        pending,
        room: keep.then_some(room.slots),
        next_index: 0,
        samples,
        max_samples,
        gathered,
        gathering: pass.gather.is_some(),
        stopped: false,
    });
    let done = std::thread::scope(|scope| {
        let feed = &feed;
        let handles: Vec<_> = (room.others.iter_mut())
            .map(|worker| scope.spawn(move || take_blocks(feed, worker, to_ms, pass)))
            .collect();
        let mut done = take_blocks(feed, room.mine, to_ms, pass);
        for handle in handles {
            let theirs = handle.join();
            done.extend(theirs.unwrap_or_else(|panic| std::panic::resume_unwind(panic)));
        }
        done
    });
    let gathering = feed
        .into_inner()
        .unwrap_or_else(PoisonError::into_inner)
        .gathering;
    if pass.gather.is_some() && !gathering {
        collected.stop_gathering();
    }
    done
}

/// Takes in the blocks' pieces in file order, all at once (their slots follow each
/// other in the room); returns their lines, or the first problem in file order.
fn take_in(
    mut results: Vec<(usize, Outcome)>,
    collected: &mut Collected,
) -> Result<usize, StreamProblem> {
    results.sort_unstable_by_key(|(index, _)| *index);
    let mut pieces = Vec::new();
    let mut lines = 0;
    for (_, outcome) in results {
        match outcome {
            Outcome::Parsed(Ok(parsed)) => {
                lines += parsed.iter().map(|piece| piece.lines).sum::<usize>();
                pieces.extend(parsed);
            }
            Outcome::Parsed(Err((_, (line, problem)))) => {
                return Err(StreamProblem::Line((lines + line, problem)));
            }
            Outcome::Unread(problem) => return Err(StreamProblem::Block { lines, problem }),
        }
    }
    collected.commit(&pieces);
    Ok(lines)
}

/// What a thread's last block gave, reported when it takes the next.
#[derive(Default, Clone, Copy)]
struct Report {
    samples: u64,
    gathered: usize,
    failed: bool,
}

/// One thread's loop: the next block, parsed, until the feed has none for it.
fn take_blocks<R: Read>(
    feed: &Mutex<Feed<'_, '_, R>>,
    worker: &mut Worker,
    to_ms: f64,
    pass: PiecePass,
) -> Vec<(usize, Outcome)> {
    let (mut done, mut buffer, mut report) = (Vec::new(), Vec::new(), Report::default());
    loop {
        // A poisoned feed means another thread panicked; its join reports that.
        let Ok(mut fed) = feed.lock() else { break };
        let handed = fed.next(std::mem::take(&mut buffer), report);
        drop(fed);
        let block = match handed {
            Ok(Some(block)) => block,
            Ok(None) => break,
            Err((index, problem)) => {
                done.push((index, Outcome::Unread(problem)));
                break;
            }
        };
        if !block.gather {
            worker.gathered.clear();
        }
        let pass = PiecePass {
            gather: pass.gather.filter(|_| block.gather),
            ..pass
        };
        let before = worker.gathered.len();
        let result = parse_block(&block.text, block.slots, to_ms, worker, pass);
        report = Report {
            samples: result.as_ref().map_or(0, |parsed| {
                parsed.iter().map(|piece| piece.written as u64).sum()
            }),
            gathered: worker.gathered.len() - before,
            failed: result.is_err(),
        };
        done.push((block.index, Outcome::Parsed(result)));
        buffer = block.text;
    }
    done
}

/// Parses one block's pieces, a group at a time, up to the first problem.
fn parse_block(
    text: &[u8],
    slots: Option<BlockSlots>,
    to_ms: f64,
    worker: &mut Worker,
    pass: PiecePass,
) -> GroupResult {
    let texts = pieces(text);
    let groups = match slots {
        Some((lines, slots)) => groups_in_room(&texts, &lines, slots),
        None => unkept_groups(&texts),
    };
    let mut results = Vec::with_capacity(groups.len());
    for (index, group) in groups.into_iter().enumerate() {
        let result = parse_group(group, to_ms, worker, pass);
        let failed = result.is_err();
        results.push((index, result));
        if failed {
            break;
        }
    }
    in_file_order(results)
}

/// The reader and the room, shared by the threads: one takes its next block at a time.
struct Feed<'b, 's, R> {
    blocks: &'b mut Blocks<R>,
    /// A block read and not parsed, for want of slots: the next to hand out.
    pending: &'b mut Option<Vec<u8>>,
    /// The slots not yet handed out; `None` when the samples are not kept.
    room: Option<&'s mut [f64]>,
    next_index: usize,
    /// Samples parsed, before the stream and in the blocks reported so far.
    samples: u64,
    max_samples: u64,
    /// Samples gathered so far, for a summary.
    gathered: usize,
    gathering: bool,
    stopped: bool,
}

/// A block handed to a thread, with its slots and each piece's lines when the samples
/// are kept, and whether to gather its samples.
struct Handed<'s> {
    index: usize,
    text: Vec<u8>,
    slots: Option<BlockSlots<'s>>,
    gather: bool,
}

impl<'s, R: Read> Feed<'_, 's, R> {
    /// The next block, read into `buffer`, once `last` (what the thread's last block
    /// gave) is taken in; `None` when no more is to be read.
    fn next(
        &mut self,
        buffer: Vec<u8>,
        last: Report,
    ) -> Result<Option<Handed<'s>>, (usize, BlockProblem)> {
        self.samples += last.samples;
        self.gathered += last.gathered;
        self.stopped |= last.failed || self.samples > self.max_samples;
        self.gathering &= self.gathered <= gathering_limit(self.samples as usize);
        if self.stopped {
            return Ok(None);
        }
        let read = match self.pending.take() {
            Some(text) => Ok(Some(text)),
            None => self.blocks.next_into(buffer),
        };
        let text = match read {
            Ok(Some(text)) => text,
            Ok(None) => {
                self.stopped = true;
                return Ok(None);
            }
            Err(problem) => {
                self.stopped = true;
                return Err((self.next_index, problem));
            }
        };
        let slots = match self.room.take() {
            Some(room) => match Self::slots_for(&text, room) {
                Ok((slots, rest)) => {
                    self.room = Some(rest);
                    Some(slots)
                }
                Err(room) => {
                    self.room = Some(room);
                    *self.pending = Some(text);
                    self.stopped = true;
                    return Ok(None);
                }
            },
            None => None,
        };
        self.next_index += 1;
        Ok(Some(Handed {
            index: self.next_index - 1,
            text,
            slots,
            gather: self.gathering,
        }))
    }

    /// The slots for `text`'s lines from the front of `room`, with each piece's lines,
    /// and the rest of the room; or the room back, when it has too few.
    fn slots_for(
        text: &[u8],
        room: &'s mut [f64],
    ) -> Result<(BlockSlots<'s>, &'s mut [f64]), &'s mut [f64]> {
        let lines: Vec<usize> = pieces(text).into_iter().map(line_count).collect();
        let total = lines.iter().sum();
        if total > room.len() {
            return Err(room);
        }
        let (mine, rest) = room.split_at_mut(total);
        Ok(((lines, mine), rest))
    }
}
