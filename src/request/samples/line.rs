//! One thread's parse of its pieces' lines. Most lines take a short path that reads
//! the line as one 8-byte word; the pieces of a group are parsed in lockstep, so the
//! lines of different pieces do not wait on each other.

use super::collected::{Parsed, PiecePass, Worker};
use super::{LineProblem, MAX_LINE_BYTES, MAX_SAMPLE_MS, POW10, content, long_line, sample_of};
use crate::i18n::Message;
use crate::stats::predicted::Gathered;
use crate::stats::spread::Spread;
use crate::stats::tally::{Histogram, Sums};

/// Pieces parsed in lockstep by one thread: the lines of different pieces do not wait
/// on each other, so the processor works on several at once.
pub(super) const LANES: usize = 4;

/// Up to [`LANES`] consecutive pieces.
pub(super) struct Group<'t, 's> {
    pub texts: Vec<&'t [u8]>,
    /// Each piece's slots in the room; `None` when the samples are not kept, and the
    /// thread that parses the pieces lends its scratch.
    pub slots: Option<Vec<&'s mut [f64]>>,
}
/// A group's pieces as parsed; or those parsed before its first problem, and that.
pub(super) type GroupResult = Result<Vec<Parsed>, (Vec<Parsed>, LineProblem)>;

/// Parses a group's pieces: in lockstep when there are [`LANES`] of them. Each piece
/// parsed then takes `pass`, while its samples are in cache.
pub(super) fn parse_group(
    group: Group,
    to_ms: f64,
    worker: &mut Worker,
    pass: PiecePass,
) -> GroupResult {
    let Worker {
        histogram,
        gathered,
        scratch,
    } = worker;
    let slots = match group.slots {
        Some(slots) => slots,
        None => scratch_slots(scratch, &group.texts),
    };
    let cursors: Vec<Cursor> = group
        .texts
        .into_iter()
        .zip(slots)
        .map(Cursor::new)
        .collect();
    let mut cursors = match <[Cursor; LANES]>::try_from(cursors) {
        Ok(mut lanes) => match lockstep(&mut lanes, to_ms, histogram) {
            Ok(()) => return Ok(lanes.iter().map(|c| c.parsed(pass, gathered)).collect()),
            // Rare: parse the group again one piece after the other, so the problem
            // reported is the first in file order.
            Err(_) => lanes.into_iter().map(Cursor::restart).collect(),
        },
        Err(fewer) => fewer,
    };
    let mut parsed = Vec::with_capacity(cursors.len());
    for cursor in &mut cursors {
        if let Err(problem) = cursor.rest(to_ms, histogram) {
            return Err((parsed, (cursor.lines, problem)));
        }
        parsed.push(cursor.parsed(pass, gathered));
    }
    Ok(parsed)
}

/// Slots for each of `texts` from `scratch`: a sample takes two bytes at least (a
/// digit and a line end), but the last, which may lack its line end.
fn scratch_slots<'s>(scratch: &'s mut Vec<f64>, texts: &[&[u8]]) -> Vec<&'s mut [f64]> {
    let room = |text: &&[u8]| text.len() / 2 + 1;
    let needed = texts.iter().map(room).sum();
    if scratch.len() < needed {
        scratch.resize(needed, 0.0);
    }
    let mut rest = &mut scratch[..];
    let mut slots = Vec::with_capacity(texts.len());
    for text in texts {
        let (mine, after) = std::mem::take(&mut rest).split_at_mut(room(text));
        slots.push(mine);
        rest = after;
    }
    slots
}

/// Parses every line of `cursors`' pieces, in lockstep while each has 8 bytes ahead.
fn lockstep(
    cursors: &mut [Cursor; LANES],
    to_ms: f64,
    histogram: &mut Histogram,
) -> Result<(), Message> {
    while cursors.iter().all(|c| c.at + 8 <= c.text.len()) {
        for cursor in cursors.iter_mut() {
            cursor.line(to_ms, histogram)?;
        }
    }
    for cursor in cursors.iter_mut() {
        cursor.rest(to_ms, histogram)?;
    }
    Ok(())
}

/// One piece being parsed into its slots, one slot per line.
struct Cursor<'t, 's> {
    text: &'t [u8],
    slots: &'s mut [f64],
    /// Where the next line starts.
    at: usize,
    lines: usize,
    written: usize,
    sums: Sums,
}

impl<'t, 's> Cursor<'t, 's> {
    fn new((text, slots): (&'t [u8], &'s mut [f64])) -> Self {
        Cursor {
            text,
            slots,
            at: 0,
            lines: 0,
            written: 0,
            sums: Sums::EMPTY,
        }
    }

    fn restart(self) -> Self {
        Cursor::new((self.text, self.slots))
    }

    /// What the piece gave, once `pass` has taken it.
    fn parsed(&self, pass: PiecePass, gathered: &mut Gathered) -> Parsed {
        let samples = &self.slots[..self.written];
        let sum = self.sums.sum;
        let spread = match (pass.gather, pass.spread) {
            (Some(candidates), _) => candidates.spread_gathering(samples, sum, gathered),
            (None, true) => Spread::of(samples, sum),
            (None, false) => Spread::EMPTY,
        };
        Parsed {
            lines: self.lines,
            slots: self.slots.len(),
            written: self.written,
            sums: self.sums,
            spread,
        }
    }

    /// The rest of the piece.
    fn rest(&mut self, to_ms: f64, histogram: &mut Histogram) -> Result<(), Message> {
        while self.at < self.text.len() {
            self.line(to_ms, histogram)?;
        }
        Ok(())
    }

    /// One line: the short path when it takes it. The general path is handed plain
    /// values, not the cursor, so the cursor need not live in memory.
    #[inline(always)]
    fn line(&mut self, to_ms: f64, histogram: &mut Histogram) -> Result<(), Message> {
        self.lines += 1;
        let (sample, next) = match short_decimal_line(self.text, self.at) {
            // Out-of-range values take the general path, which explains the problem.
            Some((value, next)) if value * to_ms <= MAX_SAMPLE_MS => (Some(value * to_ms), next),
            _ => general_line(self.text, self.at, to_ms)?,
        };
        if let Some(sample) = sample {
            self.slots[self.written] = sample;
            self.written += 1;
            self.sums.add(sample, histogram);
        }
        self.at = next;
        Ok(())
    }
}

/// A line the short path does not take: a blank line, a comment, CRLF, a longer number
/// or an exponent, or a bad sample, which is explained. Returns its sample, if it holds
/// one, and where the next line starts.
#[inline(never)]
fn general_line(text: &[u8], start: usize, to_ms: f64) -> Result<(Option<f64>, usize), Message> {
    if text[start] == b'\n' {
        return Ok((None, start + 1));
    }
    let fast = plain_decimal_line(text, start).filter(|(v, _)| v * to_ms <= MAX_SAMPLE_MS);
    if let Some((value, next)) = fast {
        return Ok((Some(value * to_ms), next));
    }
    let end = memchr::memchr(b'\n', &text[start..]).map_or(text.len(), |i| start + i);
    if end - start > MAX_LINE_BYTES {
        return Err(long_line());
    }
    let line = content(&text[start..end]);
    let sample = if line.is_empty() {
        None
    } else {
        Some(sample_of(line, to_ms)?)
    };
    Ok((sample, end + 1))
}

/// The commonest line, digits with at most one dot and then `\n`, all within the 8
/// bytes from `start` (`12.345\n`, `7\n`), read as one word with no branch on its
/// digits (SWAR). Returns the value and where the next line starts, or `None` for
/// any other line (and when fewer than 8 bytes are left).
#[inline(always)]
fn short_decimal_line(text: &[u8], start: usize) -> Option<(f64, usize)> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let word: [u8; 8] = text.get(start..start + 8)?.try_into().ok()?;
    let word = u64::from_le_bytes(word);
    let values = word ^ (0x30 * ONES);
    // The top bit of each byte that is not a digit (a digit's value is below 10; no
    // carry crosses bytes, as each addition stays below 0x100).
    let not_digit = (((values & (0x7F * ONES)) + (0x76 * ONES)) | values) & (0x80 * ONES);
    let first = not_digit.trailing_zeros().wrapping_sub(7);
    let second = (not_digit & not_digit.wrapping_sub(1))
        .trailing_zeros()
        .wrapping_sub(7);
    let byte_at = |bit: u32| (word >> (bit & 63)) as u8;
    let has_dot = byte_at(first) == b'.';
    // The line ends at the second non-digit after a dot, else at the first.
    let end = if has_dot { second } else { first };
    // A line end is a whole byte within the word (multiples of 8 up to 56); 57 is what
    // a word with too few non-digits gives.
    if first == 0 || end > 56 || byte_at(end) != b'\n' {
        return None;
    }
    let digit_count = end / 8 - u32::from(has_dot);
    let fraction_digits = (end - first) / 8 - u32::from(has_dot);
    // The digits with the dot taken out, left-aligned (leading zeros below them), then
    // combined in pairs, fours and eights.
    let below_first = (1u64 << first) - 1;
    let digits = (values & below_first) | ((values >> 8) & !below_first);
    let mut v = digits << (64 - 8 * digit_count);
    v = (v.wrapping_mul(10) + (v >> 8)) & 0x00FF_00FF_00FF_00FF;
    v = (v.wrapping_mul(100) + (v >> 16)) & 0x0000_FFFF_0000_FFFF;
    v = v.wrapping_mul(10_000) + (v >> 32);
    let mantissa = (v & 0xFFFF_FFFF) as f64;
    // Exact mantissa over an exact power of ten: one correctly rounded division.
    Some((
        mantissa / POW10[fraction_digits as usize],
        start + end as usize / 8 + 1,
    ))
}

/// The common line, `digits[.digits]` then a line ending, read in one pass without
/// looking for comments or spaces first. Returns the value and where the next line
/// starts, or `None` to take the general path.
fn plain_decimal_line(text: &[u8], start: usize) -> Option<(f64, usize)> {
    let (mantissa, after_integer) = digits(text, start, 0);
    let (mantissa, end, fraction_digits) = match text.get(after_integer) {
        Some(b'.') => {
            let (mantissa, end) = digits(text, after_integer + 1, mantissa);
            (mantissa, end, end - after_integer - 1)
        }
        _ => (mantissa, after_integer, 0),
    };
    let next = match (text.get(end), text.get(end + 1)) {
        (None, _) => end,
        (Some(b'\n'), _) => end + 1,
        (Some(b'\r'), None) => end + 1,
        (Some(b'\r'), Some(b'\n')) => end + 2,
        _ => return None,
    };
    let digit_count = (after_integer - start) + fraction_digits;
    // Up to 19 digits fit a u64 without wrapping; more, or a lone dot, take the general path.
    if digit_count == 0 || digit_count > 19 || mantissa > 1 << 53 || fraction_digits >= POW10.len()
    {
        return None;
    }
    Some((mantissa as f64 / POW10[fraction_digits], next))
}

/// Accumulates the decimal digits from `i` onto `mantissa` (wrapping: the caller rejects
/// more than 19 digits); returns it and where the digits end.
fn digits(text: &[u8], mut i: usize, mut mantissa: u64) -> (u64, usize) {
    while let Some(&byte) = text.get(i) {
        if !byte.is_ascii_digit() {
            break;
        }
        mantissa = mantissa
            .wrapping_mul(10)
            .wrapping_add(u64::from(byte - b'0'));
        i += 1;
    }
    (mantissa, i)
}

#[cfg(test)]
mod tests {
    use super::super::tests::xorshift;
    use super::*;

    /// Every line of digits, dots and other bytes up to 9 bytes long: the short path
    /// reads exactly what the standard library reads, or leaves the line to the others.
    #[test]
    fn the_short_path_reads_as_the_standard_library_does() {
        let alphabet = b"0123456789..\n\n\r-e ";
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut taken = 0;
        for _ in 0..400_000 {
            xorshift(&mut state);
            let len = 1 + (state % 9) as usize;
            let mut text: Vec<u8> = (0..len)
                .map(|i| alphabet[((state >> (8 + 4 * i)) % alphabet.len() as u64) as usize])
                .collect();
            text.extend_from_slice(b"99999999");
            let Some((value, next)) = short_decimal_line(&text, 0) else {
                continue;
            };
            taken += 1;
            let line = std::str::from_utf8(&text[..next - 1]).unwrap();
            assert_eq!(text[next - 1], b'\n', "{line:?}");
            assert_eq!(line.parse::<f64>().ok(), Some(value), "{line:?}");
            assert_eq!(
                plain_decimal_line(&text, 0),
                Some((value, next)),
                "{line:?}"
            );
        }
        assert!(taken > 10_000, "{taken}");
        for (line, value) in [("7\n", 7.0), ("1234567\n", 1234567.0), ("12.345\n", 12.345)] {
            let text = format!("{line}00000000");
            assert_eq!(
                short_decimal_line(text.as_bytes(), 0).map(|r| r.0),
                Some(value)
            );
        }
        for line in [".5\n", "1.2.3\n", "12345678\n", "1.5\r\n", "\n", "1e3\n"] {
            let text = format!("{line}00000000");
            assert_eq!(short_decimal_line(text.as_bytes(), 0), None, "{line:?}");
        }
    }
}
