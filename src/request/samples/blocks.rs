//! A reader's text in blocks of whole lines, so memory holds a block of text per
//! thread at a time.

use std::io::{self, Read};

/// Bytes read at a time: a block stays in the cache of the core that reads it (copying
/// from the page cache into 1 MiB took two thirds of the time 8 MiB took).
pub(super) const BLOCK_BYTES: usize = 1 << 20;

/// Why no block came.
#[derive(Debug)]
pub(super) enum BlockProblem {
    Io(io::Error),
    /// No line end within [`super::MAX_LINE_BYTES`].
    LongLine,
}

pub(super) struct Blocks<R> {
    reader: R,
    /// The start of a line whose end is not read yet.
    partial: Vec<u8>,
    at_end: bool,
}

impl<R: Read> Blocks<R> {
    pub fn new(reader: R) -> Blocks<R> {
        Blocks {
            reader,
            partial: Vec::new(),
            at_end: false,
        }
    }

    /// Whether every block has been returned.
    pub fn is_done(&self) -> bool {
        self.at_end && self.partial.is_empty()
    }

    /// The next block of whole lines (the last may lack its newline at the end of the
    /// text), in `buf`, whose memory is reused; `None` at the end.
    pub fn next_into(&mut self, mut buf: Vec<u8>) -> Result<Option<Vec<u8>>, BlockProblem> {
        if self.is_done() {
            return Ok(None);
        }
        let carried = self.partial.len();
        // Read into bytes already set: reading into spare capacity through a reader
        // that has only `read` zeroes it first, a whole block every block.
        buf.resize(BLOCK_BYTES.max(carried), 0);
        buf[..carried].copy_from_slice(&self.partial);
        self.partial.clear();
        let mut filled = carried;
        loop {
            if self.at_end {
                buf.truncate(filled);
                return Ok((filled > 0).then_some(buf));
            }
            filled += self.fill(&mut buf[filled..]).map_err(BlockProblem::Io)?;
            self.at_end = filled < buf.len();
            match memchr::memrchr(b'\n', &buf[..filled]) {
                _ if self.at_end => {}
                Some(newline) => {
                    self.partial.extend_from_slice(&buf[newline + 1..filled]);
                    buf.truncate(newline + 1);
                    return Ok(Some(buf));
                }
                None if filled > super::MAX_LINE_BYTES => return Err(BlockProblem::LongLine),
                // A line longer than a block but within the limit: a bigger block.
                None => buf.resize(filled + BLOCK_BYTES, 0),
            }
        }
    }

    /// Reads until `into` is full or the text ends; returns the bytes read.
    fn fill(&mut self, into: &mut [u8]) -> io::Result<usize> {
        let mut filled = 0;
        while filled < into.len() {
            match self.reader.read(&mut into[filled..]) {
                Ok(0) => break,
                Ok(read) => filled += read,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        Ok(filled)
    }

    /// The text not yet returned in a block: the partial line, then the rest.
    pub fn into_rest(self) -> impl Read {
        io::Cursor::new(self.partial).chain(self.reader)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_blocks(text: &[u8]) -> Result<Vec<Vec<u8>>, String> {
        let mut blocks = Blocks::new(text);
        let mut out = Vec::new();
        while let Some(block) = blocks.next_into(Vec::new()).map_err(|p| format!("{p:?}"))? {
            out.push(block);
        }
        Ok(out)
    }

    #[test]
    fn blocks_are_whole_lines_and_cover_the_text() {
        let text: Vec<u8> = (0..3_000_000)
            .flat_map(|i| format!("{i}\n").into_bytes())
            .chain(*b"last")
            .collect();
        let blocks = all_blocks(&text).unwrap();
        assert!(blocks.len() > 2);
        assert_eq!(blocks.concat(), text);
        for block in &blocks[..blocks.len() - 1] {
            assert!(block.ends_with(b"\n") && block.len() <= BLOCK_BYTES);
        }
    }

    #[test]
    fn a_line_without_an_end_is_a_problem() {
        let text = vec![b'1'; 3 * BLOCK_BYTES];
        let problem = all_blocks(&text).unwrap_err();
        assert!(problem.contains("LongLine"), "{problem}");
        assert_eq!(all_blocks(b"").unwrap(), Vec::<Vec<u8>>::new());
    }

    #[test]
    fn the_rest_after_a_block_starts_with_its_partial_line() {
        let mut text = vec![b'7'; BLOCK_BYTES - 3];
        text.extend_from_slice(b"\n123\n45");
        let mut blocks = Blocks::new(&text[..]);
        let first = blocks.next_into(Vec::new()).unwrap().unwrap();
        assert_eq!(first.len(), BLOCK_BYTES - 2);
        let mut rest = String::new();
        blocks.into_rest().read_to_string(&mut rest).unwrap();
        assert_eq!(rest, "123\n45");
    }
}
