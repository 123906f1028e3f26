//! The fast path for plain lines of one sample each. The text is cut into pieces at line
//! ends; the pieces' lines are counted, so each piece knows its own slots in the
//! samples' room; then every piece is parsed straight into its slots, on all cores, and
//! its samples are summed and counted in the histogram as they are parsed. Samples not
//! kept need no counting: each thread parses into scratch of its own. The blocks after
//! the first are cut and parsed the same way, a block to a thread ([`super::stream`]).
//!
//! A piece is the unit of the running sums: pieces are cut by the text alone, and
//! their sums are added in file order, so the statistics do not depend on the number of
//! cores.

use std::sync::Mutex;

use super::LineProblem;
use super::collected::{Collected, PiecePass, Worker};
use super::line::{Group, GroupResult, LANES, parse_group};

/// Text per piece.
const PIECE_BYTES: usize = 64 << 10;
/// Text below this size is parsed on one thread.
const PARALLEL_MIN_BYTES: usize = 1 << 20;
/// Most threads to use: past a few, reading the file is the bound.
const MAX_THREADS: usize = 4;

/// Parses whole lines (the last may lack its newline) into `collected`; returns the
/// number of lines.
pub(super) fn parse_plain(
    text: &[u8],
    to_ms: f64,
    collected: &mut Collected,
) -> Result<usize, LineProblem> {
    let texts = pieces(text);
    let workers = workers_for(text.len(), texts.len());
    // Kept samples go straight to their slots, so each piece's lines are counted first.
    let counts = collected.keeps_next_block().then(|| {
        in_parallel(runs(texts.clone(), workers), |run| {
            run.iter()
                .map(|piece| line_count(piece))
                .collect::<Vec<_>>()
        })
        .concat()
    });
    let total = counts.as_ref().map_or(0, |lines| lines.iter().sum());
    let room = collected.room(total, workers - 1);
    let groups = match &counts {
        Some(lines) => groups_in_room(&texts, lines, room.slots),
        None => unkept_groups(&texts),
    };
    let results = parse_groups(groups, to_ms, room.mine, room.others, room.pass);
    let parsed = in_file_order(results).map_err(|(_, problem)| problem)?;
    collected.commit(&parsed);
    Ok(parsed.iter().map(|piece| piece.lines).sum())
}

/// The pieces of groups parsed in any order, put in file order; or those before the
/// first problem in file order, and that problem at its line among them all.
pub(super) fn in_file_order(mut results: Vec<(usize, GroupResult)>) -> GroupResult {
    results.sort_unstable_by_key(|(index, _)| *index);
    let mut parsed = Vec::with_capacity(results.len() * LANES);
    for (_, result) in results {
        match result {
            Ok(group) => parsed.extend(group),
            Err((before, (line, problem))) => {
                // Every piece before the first problem parsed.
                parsed.extend(before);
                let lines_before: usize = parsed.iter().map(|piece| piece.lines).sum();
                return Err((parsed, (lines_before + line, problem)));
            }
        }
    }
    Ok(parsed)
}

/// The pieces in groups of [`LANES`], each piece with its slots of the room, one per
/// line.
pub(super) fn groups_in_room<'t, 's>(
    texts: &[&'t [u8]],
    lines: &[usize],
    mut slots: &'s mut [f64],
) -> Vec<Group<'t, 's>> {
    let mut groups: Vec<Group> = Vec::with_capacity(texts.len().div_ceil(LANES));
    for (i, (text, &lines_here)) in texts.iter().zip(lines).enumerate() {
        let (mine, rest) = std::mem::take(&mut slots).split_at_mut(lines_here);
        if i % LANES == 0 {
            groups.push(Group {
                texts: Vec::with_capacity(LANES),
                slots: Some(Vec::with_capacity(LANES)),
            });
        }
        if let Some(group) = groups.last_mut() {
            group.texts.push(text);
            group.slots.get_or_insert_with(Vec::new).push(mine);
        }
        slots = rest;
    }
    groups
}

/// The pieces in groups of [`LANES`], for samples not kept.
pub(super) fn unkept_groups<'t>(texts: &[&'t [u8]]) -> Vec<Group<'t, 'static>> {
    (texts.chunks(LANES))
        .map(|texts| Group {
            texts: texts.to_vec(),
            slots: None,
        })
        .collect()
}

/// Parses every group, this thread and one more for each of `others` each taking the
/// next group in turn until none is left. Returns each group's result with its index.
fn parse_groups(
    groups: Vec<Group>,
    to_ms: f64,
    mine: &mut Worker,
    others: &mut [Worker],
    pass: PiecePass,
) -> Vec<(usize, GroupResult)> {
    let queue = Mutex::new(groups.into_iter().enumerate());
    let take_groups = |worker: &mut Worker| {
        let mut done = Vec::new();
        // A poisoned queue means another thread panicked; its join reports that.
        while let Some((index, group)) = queue.lock().ok().and_then(|mut q| q.next()) {
            done.push((index, parse_group(group, to_ms, worker, pass)));
        }
        done
    };
    std::thread::scope(|scope| {
        let take_groups = &take_groups;
        let handles: Vec<_> = others
            .iter_mut()
            .map(|worker| scope.spawn(move || take_groups(worker)))
            .collect();
        let mut done = take_groups(mine);
        for handle in handles {
            let theirs = handle.join();
            done.extend(theirs.unwrap_or_else(|panic| std::panic::resume_unwind(panic)));
        }
        done
    })
}

/// `text` cut into pieces of about [`PIECE_BYTES`], each ending at a newline (but the
/// last, which ends where the text does).
pub(super) fn pieces(text: &[u8]) -> Vec<&[u8]> {
    let mut pieces = Vec::with_capacity(text.len() / PIECE_BYTES + 1);
    let mut rest = text;
    while rest.len() > PIECE_BYTES {
        let Some(newline) = memchr::memchr(b'\n', &rest[PIECE_BYTES..]) else {
            break;
        };
        let (piece, tail) = rest.split_at(PIECE_BYTES + newline + 1);
        pieces.push(piece);
        rest = tail;
    }
    if !rest.is_empty() {
        pieces.push(rest);
    }
    pieces
}

/// Lines in a piece: one per newline, and one more for a last line without one.
pub(super) fn line_count(piece: &[u8]) -> usize {
    let unterminated = !piece.is_empty() && !piece.ends_with(b"\n");
    memchr::memchr_iter(b'\n', piece).count() + usize::from(unterminated)
}

fn workers_for(text_bytes: usize, pieces: usize) -> usize {
    if text_bytes < PARALLEL_MIN_BYTES {
        return 1;
    }
    threads().min(pieces).max(1)
}

/// Threads to parse on: one per core, up to [`MAX_THREADS`].
pub(super) fn threads() -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    cores.clamp(1, MAX_THREADS)
}

/// `items` in `workers` consecutive runs of about equal length.
fn runs<T>(items: Vec<T>, workers: usize) -> Vec<Vec<T>> {
    let per = items.len().div_ceil(workers.max(1)).max(1);
    let mut runs: Vec<Vec<T>> = Vec::with_capacity(workers);
    for (i, item) in items.into_iter().enumerate() {
        if i % per == 0 {
            runs.push(Vec::with_capacity(per));
        }
        if let Some(run) = runs.last_mut() {
            run.push(item);
        }
    }
    runs
}

/// `f` over each run, the first on this thread and the others on their own; the
/// results in order.
fn in_parallel<R: Send, T: Send>(runs: Vec<R>, f: impl Fn(R) -> T + Sync) -> Vec<T> {
    let mut runs = runs.into_iter();
    let Some(first) = runs.next() else {
        return Vec::new();
    };
    let f = &f;
    std::thread::scope(|scope| {
        let others: Vec<_> = runs.map(|run| scope.spawn(move || f(run))).collect();
        let mut results = vec![f(first)];
        for handle in others {
            let result = handle.join();
            results.push(result.unwrap_or_else(|panic| std::panic::resume_unwind(panic)));
        }
        results
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_end_at_newlines_and_cover_the_text() {
        let text: Vec<u8> = (0..200_000)
            .flat_map(|i| format!("{}.5\n", i % 1000).into_bytes())
            .chain(*b"7")
            .collect();
        let cut = pieces(&text);
        assert!(cut.len() > 2);
        assert_eq!(cut.concat(), text);
        for piece in &cut[..cut.len() - 1] {
            assert!(piece.ends_with(b"\n") && piece.len() > PIECE_BYTES);
        }
        let lines: usize = cut.iter().map(|p| line_count(p)).sum();
        assert_eq!(lines, 200_001);
    }

    #[test]
    fn runs_are_consecutive_and_balanced() {
        let split = runs((0..10).collect(), 3);
        assert_eq!(split, vec![vec![0, 1, 2, 3], vec![4, 5, 6, 7], vec![8, 9]]);
        assert_eq!(runs(vec![1], 4), vec![vec![1]]);
    }
}
