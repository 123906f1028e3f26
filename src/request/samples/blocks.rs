//! A reader's text in blocks of whole lines, so memory holds one block of text at a
//! time. (Reading the next block on a thread of its own while this one is parsed was
//! measured slower on two cores: the parse already keeps both busy.)

use std::io::{self, Read};

/// Bytes read at a time.
pub(super) const BLOCK_BYTES: usize = 8 << 20;

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

    /// The next block of whole lines (the last may lack its newline at the end of the
    /// text), in `buf`, whose memory is reused; `None` at the end.
    pub fn next_into(&mut self, mut buf: Vec<u8>) -> Result<Option<Vec<u8>>, BlockProblem> {
        buf.clear();
        buf.append(&mut self.partial);
        loop {
            if self.at_end {
                return Ok((!buf.is_empty()).then_some(buf));
            }
            let wanted = BLOCK_BYTES.saturating_sub(buf.len()) as u64;
            let read = (&mut self.reader)
                .take(wanted)
                .read_to_end(&mut buf)
                .map_err(BlockProblem::Io)?;
            self.at_end = (read as u64) < wanted;
            match memchr::memrchr(b'\n', &buf) {
                _ if self.at_end => {}
                Some(newline) => {
                    self.partial.extend_from_slice(&buf[newline + 1..]);
                    buf.truncate(newline + 1);
                    return Ok(Some(buf));
                }
                None if buf.len() > super::MAX_LINE_BYTES => return Err(BlockProblem::LongLine),
                None => {}
            }
        }
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
        let text = vec![b'1'; BLOCK_BYTES + 10];
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
