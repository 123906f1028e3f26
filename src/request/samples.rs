//! Latency sample files: one number per line, or a CSV whose header names the column.
//!
//! The file is streamed in fixed-size chunks, so memory holds the samples and not the
//! text; blank lines, `#` comments, CRLF and a UTF-8 BOM are accepted.

use std::fs::File;
use std::io::{ErrorKind, Read};
use std::path::Path;

use super::LatencyUnit;
use super::parse::io_reason;
use crate::diagnostic::Diagnostic;

/// Column read from a CSV when the request names none.
pub const DEFAULT_COLUMN: &str = "latency_ms";
/// Longest line accepted; anything longer is not a sample file.
const CHUNK_BYTES: usize = 1 << 20;

/// Reads every sample of a file, in milliseconds.
pub fn read_samples(
    path: &Path,
    unit: LatencyUnit,
    column: Option<&str>,
) -> Result<Vec<f64>, Diagnostic> {
    let meta = std::fs::metadata(path)
        .map_err(|e| Diagnostic::new(path, format!("cannot read: {}", io_reason(&e))))?;
    if meta.is_dir() {
        return Err(Diagnostic::new(
            path,
            "is a folder, not a latency sample file",
        ));
    }
    if !meta.is_file() {
        return Err(Diagnostic::new(
            path,
            "is not a regular file (a pipe or a device); give a file of samples",
        ));
    }
    let file = File::open(path)
        .map_err(|e| Diagnostic::new(path, format!("cannot read: {}", io_reason(&e))))?;
    let capacity = usize::try_from(meta.len() / 8).unwrap_or(0);
    parse_samples(file, unit, column, path, capacity)
}

/// Parses samples from any reader; `path` only names the source in problems.
pub fn parse_samples(
    mut reader: impl Read,
    unit: LatencyUnit,
    column: Option<&str>,
    path: &Path,
    capacity_hint: usize,
) -> Result<Vec<f64>, Diagnostic> {
    let mut parser = SampleParser::new(path, unit, column, capacity_hint);
    let mut buf = vec![0u8; CHUNK_BYTES];
    let (mut start, mut end) = (0, 0);
    loop {
        buf.copy_within(start..end, 0);
        end -= start;
        start = 0;
        if end == buf.len() {
            let line = parser.line_number + 1;
            return Err(
                Diagnostic::new(path, "line is longer than 1 MiB: not a sample file").at_line(line),
            );
        }
        let read = match reader.read(&mut buf[end..]) {
            Ok(n) => n,
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(e) => {
                return Err(Diagnostic::new(
                    path,
                    format!("cannot read: {}", io_reason(&e)),
                ));
            }
        };
        end += read;
        while let Some(newline) = memchr::memchr(b'\n', &buf[start..end]) {
            parser.line(&buf[start..start + newline])?;
            start += newline + 1;
        }
        if read == 0 {
            if start < end {
                parser.line(&buf[start..end])?;
            }
            return parser.finish();
        }
    }
}

/// How data lines are laid out, decided by the first one.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Layout {
    Undecided,
    /// One number per line.
    Plain,
    /// CSV: the sample is field `index` of `fields`.
    Csv {
        index: usize,
        fields: usize,
    },
}

struct SampleParser<'a> {
    path: &'a Path,
    to_ms: f64,
    column: Option<&'a str>,
    layout: Layout,
    line_number: usize,
    samples: Vec<f64>,
}

impl<'a> SampleParser<'a> {
    fn new(path: &'a Path, unit: LatencyUnit, column: Option<&'a str>, capacity: usize) -> Self {
        SampleParser {
            path,
            to_ms: unit.to_ms(),
            column,
            layout: Layout::Undecided,
            line_number: 0,
            // Bounded: a hint from the file size must not reserve absurd memory.
            samples: Vec::with_capacity(capacity.min(1 << 27)),
        }
    }

    fn problem(&self, problem: impl Into<String>) -> Diagnostic {
        Diagnostic::new(self.path, problem).at_line(self.line_number)
    }

    fn line(&mut self, raw: &[u8]) -> Result<(), Diagnostic> {
        self.line_number += 1;
        let mut text = raw;
        if self.line_number == 1 {
            text = text.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(text);
        }
        if let Some(hash) = memchr::memchr(b'#', text) {
            text = &text[..hash];
        }
        let text = text.trim_ascii();
        if text.is_empty() {
            return Ok(());
        }
        match self.layout {
            Layout::Plain => self.sample(text),
            Layout::Csv { index, fields } => self.csv_sample(text, index, fields),
            Layout::Undecided => self.first_line(text),
        }
    }

    /// The first data line is either a sample or a CSV header naming the column.
    fn first_line(&mut self, text: &[u8]) -> Result<(), Diagnostic> {
        let is_csv = text.contains(&b',');
        if self.column.is_none() && !is_csv && text != DEFAULT_COLUMN.as_bytes() {
            // A lone field that is not the default header: a sample, or a bad one.
            self.layout = Layout::Plain;
            return self.sample(text);
        }
        let header = std::str::from_utf8(text)
            .map_err(|_| self.problem("the header line is not valid UTF-8"))?;
        let names: Vec<&str> = split_fields(header).collect();
        if names
            .iter()
            .all(|n| fast_float2::parse::<f64, _>(n).is_ok())
        {
            let wanted = self.column.unwrap_or(DEFAULT_COLUMN);
            return Err(self.problem(format!(
                "the file has no header naming the `{wanted}` column; add one as its first line"
            )));
        }
        let wanted = self.column.unwrap_or(DEFAULT_COLUMN);
        let Some(index) = names.iter().position(|n| *n == wanted) else {
            let hint = if self.column.is_none() {
                "; name the column with latency_column"
            } else {
                ""
            };
            return Err(self.problem(format!(
                "no column named `{wanted}` in the header ({}){hint}",
                names.join(", ")
            )));
        };
        self.layout = Layout::Csv {
            index,
            fields: names.len(),
        };
        Ok(())
    }

    fn csv_sample(&mut self, text: &[u8], index: usize, fields: usize) -> Result<(), Diagnostic> {
        let line = std::str::from_utf8(text).map_err(|_| self.problem("not valid UTF-8"))?;
        let found = split_fields(line).count();
        if found != fields {
            return Err(self.problem(format!("has {found} fields where the header has {fields}")));
        }
        let field = split_fields(line).nth(index).unwrap_or_default();
        self.sample(field.as_bytes())
    }

    fn sample(&mut self, text: &[u8]) -> Result<(), Diagnostic> {
        let shown = || {
            String::from_utf8_lossy(text)
                .chars()
                .take(40)
                .collect::<String>()
        };
        let value: f64 = fast_float2::parse(text)
            .map_err(|_| self.problem(format!("not a number: \"{}\"", shown())))?;
        if !value.is_finite() {
            return Err(self.problem(format!("not a finite number: \"{}\"", shown())));
        }
        if value < 0.0 {
            return Err(self.problem(format!("a latency cannot be negative: {}", shown())));
        }
        self.samples.push(value * self.to_ms);
        Ok(())
    }

    fn finish(self) -> Result<Vec<f64>, Diagnostic> {
        match self.samples.len() {
            0 => Err(Diagnostic::new(self.path, "holds no latency samples")),
            1 => Err(Diagnostic::new(
                self.path,
                "holds 1 latency sample; at least 2 are needed for a standard deviation",
            )),
            _ => Ok(self.samples),
        }
    }
}

/// CSV fields of one line, trimmed, with surrounding double quotes removed.
fn split_fields(line: &str) -> impl Iterator<Item = &str> {
    line.split(',').map(|field| {
        let field = field.trim();
        field
            .strip_prefix('"')
            .and_then(|f| f.strip_suffix('"'))
            .unwrap_or(field)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str, column: Option<&str>) -> Result<Vec<f64>, String> {
        parse_samples(
            text.as_bytes(),
            LatencyUnit::Ms,
            column,
            Path::new("s.txt"),
            0,
        )
        .map_err(|d| d.to_string())
    }

    #[test]
    fn plain_lines_with_comments_blanks_crlf_and_bom() {
        let text = "\u{feff}# measured 2026-11-01\r\n12.5\r\n\r\n  7 # slow one\r\n3e1";
        assert_eq!(parse(text, None), Ok(vec![12.5, 7.0, 30.0]));
    }

    #[test]
    fn csv_picks_the_latency_ms_column() {
        let text = "id,latency_ms,ok\n1,10.5,true\n2,\"20\",true\n";
        assert_eq!(parse(text, None), Ok(vec![10.5, 20.0]));
    }

    #[test]
    fn csv_picks_the_named_column() {
        let text = "id,took\n1,4\n2,6\n";
        assert_eq!(parse(text, Some("took")), Ok(vec![4.0, 6.0]));
    }

    #[test]
    fn units_convert_to_milliseconds() {
        let s = parse_samples(&b"0.5\n2\n"[..], LatencyUnit::S, None, Path::new("s"), 0);
        assert_eq!(s, Ok(vec![500.0, 2000.0]));
        let us = parse_samples(
            &b"1500\n500\n"[..],
            LatencyUnit::Us,
            None,
            Path::new("s"),
            0,
        );
        assert_eq!(us, Ok(vec![1.5, 0.5]));
    }

    #[test]
    fn a_bad_sample_names_its_line() {
        assert_eq!(
            parse("1\n2\n\nabc\n", None),
            Err("s.txt:4: not a number: \"abc\"".to_string())
        );
        assert_eq!(
            parse("1\n-2\n", None),
            Err("s.txt:2: a latency cannot be negative: -2".to_string())
        );
        assert_eq!(
            parse("1\nNaN\n", None),
            Err("s.txt:2: not a finite number: \"NaN\"".to_string())
        );
    }

    #[test]
    fn empty_and_single_sample_files_are_refused() {
        assert_eq!(
            parse("# nothing\n\n", None),
            Err("s.txt: holds no latency samples".to_string())
        );
        assert!(parse("5\n", None).unwrap_err().contains("at least 2"));
    }

    #[test]
    fn csv_problems_are_explained() {
        let missing = parse("id,took\n1,2\n", None).unwrap_err();
        assert_eq!(
            missing,
            "s.txt:1: no column named `latency_ms` in the header (id, took); name the column with latency_column"
        );
        let ragged = parse("id,latency_ms\n1,2\n3\n", None).unwrap_err();
        assert_eq!(ragged, "s.txt:3: has 1 fields where the header has 2");
        let headless = parse("1,2\n3,4\n", None).unwrap_err();
        assert!(headless.starts_with("s.txt:1: the file has no header"));
    }

    #[test]
    fn lines_split_across_chunks_are_joined() {
        let text: String = (0..300_000).map(|i| format!("{}.25\n", i % 97)).collect();
        assert!(text.len() > CHUNK_BYTES);
        let samples = parse(&text, None).unwrap();
        assert_eq!(samples.len(), 300_000);
        assert_eq!(samples[299_999], (299_999 % 97) as f64 + 0.25);
    }
}
