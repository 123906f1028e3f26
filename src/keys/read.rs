//! Reading key files: one key per line, the line's bytes without its line ending.
//!
//! The file is streamed in blocks, so memory holds the distinct keys and not the lines:
//! a hundred million lines of ten million distinct keys keep only the ten million. Each
//! block is counted by one thread per core, each thread taking the keys whose hash falls
//! in its shard, so the table lookups (cache misses, mostly) run side by side.

use std::io::Read;
use std::path::Path;

use super::murmur2;
use super::sample::{KeyCounter, KeySample, Shard};
use crate::diagnostic::Diagnostic;
use crate::human::count;
use crate::i18n::Message;
use crate::input::file::cannot_read;
use crate::progress::Progress;

/// Bytes read at a time.
const BLOCK_BYTES: usize = 4 << 20;
/// Longest key line accepted: Kafka's default `max.request.size` is 1 MiB, so no
/// producer sends a longer key, and a longer line is not a key file.
pub const MAX_KEY_BYTES: usize = 1 << 20;
const UTF8_BOM: &[u8] = b"\xef\xbb\xbf";
/// Most threads counting one file; the table lookups stop scaling past a few.
const MAX_THREADS: usize = 4;

/// Reads a key file, refusing more than `max_distinct_keys` distinct keys. A progress
/// bar shows on a terminal.
pub fn read_key_sample(path: &Path, max_distinct_keys: u64) -> Result<KeySample, Diagnostic> {
    let meta = std::fs::metadata(path).map_err(|e| cannot_read(path, &e))?;
    if !meta.is_file() {
        return Err(Diagnostic::says(
            path,
            Message::new("input-keys-not-regular"),
        ));
    }
    let file = std::fs::File::open(path).map_err(|e| cannot_read(path, &e))?;
    let progress = Progress::bytes("counting keys", meta.len());
    let sample = parse_key_sample(progress.wrap_read(file), path, max_distinct_keys);
    progress.finish();
    let sample = sample?;
    if sample.total == 0 {
        return Err(Diagnostic::says(path, Message::new("input-no-keys")));
    }
    Ok(sample)
}

/// Counts the keys of a reader, refusing more than `max_distinct_keys` distinct keys;
/// `path` names it in problems.
pub fn parse_key_sample(
    mut reader: impl Read,
    path: &Path,
    max_distinct_keys: u64,
) -> Result<KeySample, Diagnostic> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(MAX_THREADS));
    let mut counter = KeyCounter::new(threads);
    let mut lines_before = 0;
    let mut buf: Vec<u8> = Vec::with_capacity(BLOCK_BYTES);
    loop {
        let wanted = BLOCK_BYTES.saturating_sub(buf.len()).max(1 << 16) as u64;
        let read = (&mut reader)
            .take(wanted)
            .read_to_end(&mut buf)
            .map_err(|e| cannot_read(path, &e))?;
        let at_end = (read as u64) < wanted;
        let complete = match memchr::memrchr(b'\n', &buf) {
            _ if at_end => buf.len(),
            Some(newline) => newline + 1,
            None if buf.len() > MAX_KEY_BYTES => return Err(too_long(path, lines_before + 1)),
            None => continue,
        };
        let text = &buf[..complete];
        // A run of whole lines is UTF-8 exactly when each line is: a newline never sits
        // inside a multi-byte character.
        if let Err(e) = std::str::from_utf8(text) {
            let before = memchr::memchr_iter(b'\n', &text[..e.valid_up_to()]).count();
            let line = lines_before + before + 1;
            let message = Message::new("input-key-not-utf8");
            return Err(Diagnostic::says(path, message).at_line(line));
        }
        let distinct_before = counter.distinct_keys();
        lines_before =
            count_block(&mut counter, text, lines_before).map_err(|line| too_long(path, line))?;
        if counter.distinct_keys() > max_distinct_keys {
            let line = line_past_limit(&mut counter, max_distinct_keys - distinct_before);
            return Err(too_many_keys(path, line, max_distinct_keys));
        }
        buf.drain(..complete);
        if at_end {
            return Ok(counter.finish());
        }
    }
}

/// Counts a block of whole lines, each shard on a thread of its own; returns the number
/// of the block's last line, or the first line longer than [`MAX_KEY_BYTES`].
fn count_block(counter: &mut KeyCounter, text: &[u8], lines_before: usize) -> Result<usize, usize> {
    let shards = counter.shards.len();
    let Some((first, rest)) = counter.shards.split_first_mut() else {
        return Ok(lines_before);
    };
    std::thread::scope(|scope| {
        let others: Vec<_> = rest
            .iter_mut()
            .enumerate()
            .map(|(i, shard)| {
                scope.spawn(move || count_shard(shard, i + 1, shards, text, lines_before))
            })
            .collect();
        let mine = count_shard(first, 0, shards, text, lines_before);
        // Every thread reads every line, so all agree on the first long line.
        others.into_iter().fold(mine, |result, handle| {
            let theirs = handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            result.and(theirs)
        })
    })
}

/// Counts the keys of `text` that fall in shard `which` of `shards`.
fn count_shard(
    shard: &mut Shard,
    which: usize,
    shards: usize,
    text: &[u8],
    lines_before: usize,
) -> Result<usize, usize> {
    shard.new_key_lines.clear();
    let mut line = lines_before;
    let mut start = 0;
    while start < text.len() {
        let end = memchr::memchr(b'\n', &text[start..]).map_or(text.len(), |i| start + i);
        line += 1;
        let mut key = &text[start..end];
        key = key.strip_suffix(b"\r").unwrap_or(key);
        if line == 1 {
            // An editor's byte order mark is not part of the first key.
            key = key.strip_prefix(UTF8_BOM).unwrap_or(key);
        }
        if key.len() > MAX_KEY_BYTES {
            return Err(line);
        }
        let hash = murmur2(key) as u32;
        if KeyCounter::shard_of(hash, shards) == which && shard.add(key, hash) {
            shard.new_key_lines.push(line);
        }
        start = end + 1;
    }
    Ok(line)
}

/// The line of the block's `allowed + 1`th new key: the first past the limit.
fn line_past_limit(counter: &mut KeyCounter, allowed: u64) -> usize {
    let mut lines: Vec<usize> = counter
        .shards
        .iter_mut()
        .flat_map(|s| std::mem::take(&mut s.new_key_lines))
        .collect();
    lines.sort_unstable();
    lines.get(allowed as usize).copied().unwrap_or(0)
}

fn too_long(path: &Path, line: usize) -> Diagnostic {
    Diagnostic::says(path, Message::new("input-keys-long-line")).at_line(line)
}

fn too_many_keys(path: &Path, line: usize, limit: u64) -> Diagnostic {
    let message = Message::new("input-too-many-keys").arg("limit", count(limit));
    Diagnostic::says(path, message).at_line(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &[u8]) -> Result<KeySample, String> {
        parse_key_sample(text, Path::new("k.txt"), u64::MAX).map_err(|d| d.to_string())
    }

    #[test]
    fn a_byte_order_mark_is_not_part_of_the_first_key() {
        let sample = parse(b"\xef\xbb\xbfk1\nk1\n").unwrap();
        assert_eq!((sample.distinct_keys(), sample.total), (1, 2));
    }

    #[test]
    fn key_files_keep_bytes_without_line_endings() {
        let sample = parse(b"k1\r\nk2\nk1\n\n").unwrap();
        assert_eq!(sample.total, 4);
        assert_eq!(sample.top_key().unwrap().0.key, b"k1");
        assert!(sample.iter().any(|k| k.key.is_empty()));
    }

    #[test]
    fn invalid_utf8_names_its_line_across_blocks() {
        let mut text = "k\n".repeat(BLOCK_BYTES).into_bytes();
        text.extend_from_slice(b"ok\nbad\xff\n");
        let line = BLOCK_BYTES + 2;
        assert_eq!(
            parse(&text).map(|s| s.total),
            Err(format!("k.txt:{line}: key is not valid UTF-8"))
        );
    }

    #[test]
    fn lines_split_across_blocks_count_once() {
        // Keys of varied lengths, so block edges fall inside keys.
        let keys: Vec<String> = (0..1_000_000)
            .map(|i| format!("key-{}", i % 4099))
            .collect();
        let text = keys.join("\n");
        assert!(text.len() > BLOCK_BYTES);
        let sample = parse(text.as_bytes()).unwrap();
        assert_eq!((sample.total, sample.distinct_keys()), (1_000_000, 4099));
        // 1,000,000 = 243 x 4099 + 3943: the first 3943 keys once more.
        for k in sample.iter() {
            let i: usize = k.display()[4..].parse().unwrap();
            assert_eq!(k.count, if i < 3943 { 244 } else { 243 }, "{}", k.display());
        }
    }

    #[test]
    fn a_line_longer_than_a_mebibyte_is_refused() {
        let text = "k".repeat(MAX_KEY_BYTES + 1);
        assert_eq!(
            parse(text.as_bytes()).map(|s| s.total),
            Err("k.txt:1: line is longer than 1 MiB: not a key file".to_string())
        );
        let second = format!("a\n{text}\n");
        assert!(
            parse(second.as_bytes())
                .unwrap_err()
                .starts_with("k.txt:2: line")
        );
    }

    #[test]
    fn the_distinct_key_limit_names_the_line_past_it() {
        let err = parse_key_sample(&b"a\nb\na\nc\n"[..], Path::new("k.txt"), 2).unwrap_err();
        assert_eq!(err.line, Some(4));
        assert!(
            err.problem
                .starts_with("more than 2 distinct keys, the limit"),
            "{err}"
        );
    }
}
