//! Latency sample files: one number per line, or a CSV whose header names the column.
//!
//! The file is streamed in blocks, so memory holds the samples and not the text. The
//! block that holds the first sample is parsed on all cores ([`plain`]); the blocks
//! after it are each read and parsed by one thread while the others read and parse
//! theirs ([`stream`]). The statistics' first pass is taken as the samples are parsed.
//! A reader that needs the statistics alone ([`Keep::Summary`])
//! keeps only its first block of samples and what the percentiles may need of the rest
//! ([`crate::stats::predicted`]). Blank lines, `#` comments, CRLF and a UTF-8 BOM are
//! accepted. A CSV of several columns goes through the `csv` crate instead (one
//! thread), so that quoted fields holding commas (`1,"GET /a,b",12`) split as they should;
//! a one-column CSV has nothing to split and keeps the fast path.

use std::fs::File;
use std::io::Read;
use std::path::Path;

mod blocks;
mod collected;
mod line;
mod plain;
mod stream;

use super::LatencyUnit;
use crate::diagnostic::Diagnostic;
use crate::human::count;
use crate::i18n::Message;
use crate::input::file::{cannot_read, cannot_read_message};
use crate::progress::Progress;
use crate::stats::Tally;
use crate::stats::predicted::{Unkept, WantedBuckets};
use blocks::{BlockProblem, Blocks};
use collected::Collected;
use stream::StreamProblem;

/// Column read from a CSV when the request names none.
pub const DEFAULT_COLUMN: &str = "latency_ms";

/// The samples of a file, in milliseconds and in file order, with the tally of them
/// taken as they were read.
#[derive(Debug, Clone, PartialEq)]
pub struct Samples {
    /// Every sample; for a summary, the first block's.
    pub values: Vec<f64>,
    /// Of every sample, kept or not.
    pub tally: Tally,
    /// For a summary that did not keep every sample: what the statistics need of the
    /// others.
    pub unkept: Option<Unkept>,
}

/// How much of the samples a reader keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    /// Every sample, in file order: for a model or a simulation that draws on them.
    All,
    /// What the statistics need: the first block's samples, and of the others those
    /// near the percentiles. Memory then stays within a few blocks, whatever the size.
    Summary,
    /// What the statistics need, when a first read found which buckets hold the
    /// percentiles: their samples alone.
    Buckets(WantedBuckets),
}

/// Reads every sample of a file, in milliseconds, refusing more than `max_samples`. A
/// progress bar shows on a terminal for big files.
pub fn read_samples(
    path: &Path,
    unit: LatencyUnit,
    column: Option<&str>,
    max_samples: u64,
    keep: Keep,
) -> Result<Samples, Diagnostic> {
    let meta = std::fs::metadata(path).map_err(|e| cannot_read(path, &e))?;
    if meta.is_dir() {
        return Err(Diagnostic::says(path, Message::new("input-samples-folder")));
    }
    if !meta.is_file() {
        let message = Message::new("input-samples-not-regular");
        return Err(Diagnostic::says(path, message));
    }
    let file = File::open(path).map_err(|e| cannot_read(path, &e))?;
    let capacity = room_for(meta.len()).min(usize::try_from(max_samples).unwrap_or(usize::MAX));
    let progress = Progress::bytes("reading latency samples", meta.len());
    let limits = SampleLimits {
        capacity_hint: capacity,
        max_samples,
        keep,
    };
    let samples = parse_samples(progress.wrap_read(file), unit, column, path, limits);
    progress.finish();
    samples
}

/// Room to reserve for the samples of `bytes` of text: enough for lines of 4 bytes
/// ("1.5\n"), so shorter lines alone make it grow.
pub fn room_for(bytes: u64) -> usize {
    usize::try_from(bytes / 4 + 1).unwrap_or(usize::MAX)
}

/// How much a sample reader keeps.
#[derive(Debug, Clone, Copy)]
pub struct SampleLimits {
    /// Samples expected: room for them is reserved at once, as untouched pages (up
    /// to 2^28).
    pub capacity_hint: usize,
    /// More samples than this are refused.
    pub max_samples: u64,
    pub keep: Keep,
}

impl SampleLimits {
    /// No expectation and no limit beyond memory.
    pub const NONE: SampleLimits = SampleLimits {
        capacity_hint: 0,
        max_samples: u64::MAX,
        keep: Keep::All,
    };
}

/// Parses samples from any reader; `path` only names the source in problems.
pub fn parse_samples(
    reader: impl Read + Send,
    unit: LatencyUnit,
    column: Option<&str>,
    path: &Path,
    limits: SampleLimits,
) -> Result<Samples, Diagnostic> {
    let mut parser = SampleParser {
        path,
        to_ms: unit.to_ms(),
        column,
        layout: None,
        line_number: 0,
        collected: Collected::with_room(limits.capacity_hint, limits.keep),
        max_samples: limits.max_samples,
    };
    // The block where the first sample is found is parsed alone: a summary keeps it,
    // and predicts the rest's percentiles from it.
    let mut blocks = Blocks::new(reader);
    loop {
        let block = blocks.next_into(Vec::new());
        let text = match block.map_err(|problem| parser.block_problem(problem))? {
            Some(text) => text,
            None => return parser.finish(),
        };
        let used = parser.lines(&text)?;
        match parser.layout {
            Some(Layout::Csv { index, fields }) => {
                // The `csv` crate takes over after the header: the rest of this block,
                // then the rest of the text.
                let rest = std::io::Cursor::new(text[used..].to_vec()).chain(blocks.into_rest());
                parser.csv_records(rest, index, fields)?;
                return parser.finish();
            }
            Some(Layout::Plain) => {
                parser.stream(&mut blocks)?;
                return parser.finish();
            }
            None => {}
        }
    }
}

/// No single message takes a day to process; beyond it, the unit is wrong, and sums of
/// many samples stay finite.
const MAX_SAMPLE_MS: f64 = 86_400_000.0;
/// Longest line accepted; anything longer is not a sample file.
const MAX_LINE_BYTES: usize = 1 << 20;
/// "line is longer than 1 MiB: not a sample file".
fn long_line() -> Message {
    Message::new("input-samples-long-line")
}

/// Where the sample sits in each data line, decided by the first one.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Layout {
    /// One number per line.
    Plain,
    /// CSV: the sample is field `index` of `fields`.
    Csv { index: usize, fields: usize },
}

struct SampleParser<'a> {
    path: &'a Path,
    to_ms: f64,
    column: Option<&'a str>,
    layout: Option<Layout>,
    line_number: usize,
    collected: Collected,
    max_samples: u64,
}

impl SampleParser<'_> {
    fn problem(&self, line: usize, problem: Message) -> Diagnostic {
        Diagnostic::says(self.path, problem).at_line(line)
    }

    /// Parses a run of whole lines (the last may lack its newline at the end of file).
    /// Returns how many bytes it took: all of them, or, for a CSV of several columns,
    /// those up to the end of its header, where [`Self::csv_records`] takes over.
    fn lines(&mut self, whole: &[u8]) -> Result<usize, Diagnostic> {
        let mut text = whole;
        while self.layout.is_none() && !text.is_empty() {
            let end = memchr::memchr(b'\n', text).map_or(text.len(), |i| i + 1);
            self.line_number += 1;
            if end > MAX_LINE_BYTES {
                return Err(self.problem(self.line_number, long_line()));
            }
            let mut line = &text[..end];
            if self.line_number == 1 {
                line = line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line);
            }
            let line = content(line);
            if !line.is_empty() {
                self.first_line(line)?;
            }
            text = &text[end..];
        }
        match self.layout {
            None => return Ok(whole.len()),
            Some(Layout::Csv { .. }) => return Ok(whole.len() - text.len()),
            Some(Layout::Plain) => {}
        }
        let first_line = self.line_number + 1;
        match plain::parse_plain(text, self.to_ms, &mut self.collected) {
            Ok(lines) => {
                self.line_number += lines;
                self.within_limit()?;
                Ok(whole.len())
            }
            Err((line, problem)) => Err(self.problem(first_line + line - 1, problem)),
        }
    }

    /// Parses the blocks after the first of plain lines.
    fn stream(&mut self, blocks: &mut Blocks<impl Read + Send>) -> Result<(), Diagnostic> {
        let streamed =
            stream::parse_stream(blocks, self.to_ms, &mut self.collected, self.max_samples);
        match streamed {
            Ok(lines) => {
                self.line_number += lines;
                self.within_limit()
            }
            Err(StreamProblem::Line((line, problem))) => {
                Err(self.problem(self.line_number + line, problem))
            }
            Err(StreamProblem::Block { lines, problem }) => {
                self.line_number += lines;
                Err(self.block_problem(problem))
            }
        }
    }

    /// Refuses a file past the sample limit as soon as a block takes it there, so
    /// memory stays within the limit (and one block).
    fn within_limit(&self) -> Result<(), Diagnostic> {
        if self.collected.len() as u64 <= self.max_samples {
            return Ok(());
        }
        let message = Message::new("input-too-many-samples").arg("limit", count(self.max_samples));
        Err(Diagnostic::says(self.path, message))
    }

    /// The first data line is either a sample or a CSV header naming the column.
    fn first_line(&mut self, text: &[u8]) -> Result<(), Diagnostic> {
        let line = self.line_number;
        let is_csv = text.contains(&b',');
        if self.column.is_none() && !is_csv && text != DEFAULT_COLUMN.as_bytes() {
            // A lone field that is not the default header: a sample, or a bad one.
            self.layout = Some(Layout::Plain);
            let sample = sample_of(text, self.to_ms);
            self.collected
                .push(sample.map_err(|problem| self.problem(line, problem))?);
            return Ok(());
        }
        let header = std::str::from_utf8(text)
            .map_err(|_| self.problem(line, Message::new("input-header-not-utf8")))?;
        let names = header_fields(header);
        let wanted = self.column.unwrap_or(DEFAULT_COLUMN);
        if names.iter().all(|n| parse_number(n.as_bytes()).is_some()) {
            let message = Message::new("input-samples-no-header").arg("column", wanted);
            return Err(self.problem(line, message));
        }
        let Some(index) = names.iter().position(|n| *n == wanted) else {
            let message = Message::new("input-samples-no-column")
                .arg("column", wanted)
                .arg("names", names.join(", "))
                .arg("named", if self.column.is_some() { "yes" } else { "no" });
            return Err(self.problem(line, message));
        };
        // A one-column CSV is plain lines after its header, and takes the fast path.
        self.layout = Some(match names.len() {
            1 => Layout::Plain,
            fields => Layout::Csv { index, fields },
        });
        Ok(())
    }

    /// Reads the records after a CSV header, the `index`th of `fields` fields being the
    /// sample. Lines are counted from the header's.
    fn csv_records(
        &mut self,
        rest: impl Read,
        index: usize,
        fields: usize,
    ) -> Result<(), Diagnostic> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .comment(Some(b'#'))
            .trim(csv::Trim::All)
            .from_reader(rest);
        let mut record = csv::ByteRecord::new();
        let header_line = self.line_number;
        loop {
            match reader.read_byte_record(&mut record) {
                Ok(true) => {}
                Ok(false) => return self.within_limit(),
                Err(e) => return Err(self.csv_problem(header_line, &e)),
            }
            let offset = record.position().map_or(0, |p| p.line());
            let line = header_line + usize::try_from(offset).unwrap_or(usize::MAX - header_line);
            // What `content` makes of a line without fields: a blank or indented comment.
            if record.len() == 1 && content(&record[0]).is_empty() {
                continue;
            }
            if record.as_slice().len() > MAX_LINE_BYTES {
                return Err(self.problem(line, long_line()));
            }
            if record.len() != fields {
                let found = record.len();
                let message = Message::new("input-csv-fields")
                    .arg("found", found.to_string())
                    .arg("fields", fields.to_string());
                return Err(self.problem(line, message));
            }
            // A trailing `# comment` after the sample, as plain lines allow.
            let sample = sample_of(content(&record[index]), self.to_ms);
            self.collected
                .push(sample.map_err(|problem| self.problem(line, problem))?);
            if self.collected.len() % (1 << 16) == 0 {
                self.within_limit()?;
            }
        }
    }

    /// A block that could not be read, at the line it would have started on.
    fn block_problem(&self, problem: BlockProblem) -> Diagnostic {
        match problem {
            BlockProblem::Io(e) => cannot_read(self.path, &e),
            BlockProblem::LongLine => self.problem(self.line_number + 1, long_line()),
        }
    }

    fn csv_problem(&self, header_line: usize, e: &csv::Error) -> Diagnostic {
        let line = e.position().map(|p| header_line + p.line() as usize);
        let problem = match e.kind() {
            csv::ErrorKind::Io(io) => cannot_read_message(io),
            _ => Message::new("input-not-csv").arg("details", e.to_string()),
        };
        match line {
            Some(line) => self.problem(line, problem),
            None => Diagnostic::says(self.path, problem),
        }
    }

    fn finish(self) -> Result<Samples, Diagnostic> {
        match self.collected.len() {
            0 => Err(Diagnostic::says(
                self.path,
                Message::new("input-no-samples"),
            )),
            1 => Err(Diagnostic::says(
                self.path,
                Message::new("input-one-sample"),
            )),
            _ => Ok(self.collected.finish()),
        }
    }
}

/// A problem on the given 1-based line of a run of text.
type LineProblem = (usize, Message);

/// A line without its `#` comment and surrounding whitespace (CR included).
fn content(line: &[u8]) -> &[u8] {
    let line = match memchr::memchr(b'#', line) {
        Some(hash) => &line[..hash],
        None => line,
    };
    line.trim_ascii()
}

/// A sample's text (a plain line, or a CSV field) in milliseconds.
fn sample_of(field: &[u8], to_ms: f64) -> Result<f64, Message> {
    let problem = |id: &str| {
        let shown: String = String::from_utf8_lossy(field).chars().take(40).collect();
        Message::new(id).arg("text", shown)
    };
    let value = parse_number(field).ok_or_else(|| problem("input-sample-not-number"))?;
    if !value.is_finite() {
        return Err(problem("input-sample-not-finite"));
    }
    if value < 0.0 {
        return Err(problem("input-sample-negative"));
    }
    // abs() takes the sign off "-0", which would order below zero.
    let ms = value.abs() * to_ms;
    if ms > MAX_SAMPLE_MS {
        return Err(problem("input-sample-over-day"));
    }
    Ok(ms)
}

/// Exact powers of ten: every one up to 1e22 is representable in an f64.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// A number as text, correctly rounded. Plain decimals such as `12.345` take a fast path
/// (Clinger 1990: an integer mantissa below 2^53 divided by an exact power of ten is one
/// correctly rounded operation); anything else goes to fast-float2.
pub fn parse_number(text: &[u8]) -> Option<f64> {
    plain_decimal(text).or_else(|| fast_float2::parse(text).ok())
}

fn plain_decimal(text: &[u8]) -> Option<f64> {
    let body = text.strip_prefix(b"+").unwrap_or(text);
    if body.is_empty() || body.len() > 19 {
        return None;
    }
    let (mut mantissa, mut digits, mut fraction_digits, mut dot) = (0u64, 0, 0, false);
    for &byte in body {
        match byte {
            b'0'..=b'9' => {
                mantissa = mantissa * 10 + u64::from(byte - b'0');
                digits += 1;
                fraction_digits += usize::from(dot);
            }
            b'.' if !dot => dot = true,
            _ => return None,
        }
    }
    if digits == 0 || mantissa > 1 << 53 {
        return None;
    }
    Some(mantissa as f64 / POW10[fraction_digits])
}

/// The names of a CSV header line, trimmed and unquoted as the `csv` crate reads them.
fn header_fields(line: &str) -> Vec<String> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .trim(csv::Trim::All)
        .from_reader(line.as_bytes());
    let mut record = csv::StringRecord::new();
    match reader.read_record(&mut record) {
        Ok(true) => record.iter().map(str::to_string).collect(),
        // A header the csv crate cannot read (an unclosed quote) names no column.
        _ => vec![line.to_string()],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::LatencyStats;

    fn parse(text: &str, column: Option<&str>) -> Result<Vec<f64>, String> {
        parse_samples(
            text.as_bytes(),
            LatencyUnit::Ms,
            column,
            Path::new("s.txt"),
            SampleLimits::NONE,
        )
        .map(|s| s.values)
        .map_err(|d| d.to_string())
    }

    /// The samples of `text` within `limits`.
    fn parse_within(text: &str, limits: SampleLimits) -> Result<Samples, String> {
        let path = Path::new("s.txt");
        parse_samples(text.as_bytes(), LatencyUnit::Ms, None, path, limits)
            .map_err(|d| d.to_string())
    }

    /// The samples of plain lines in `unit`.
    fn parse_in(text: &[u8], unit: LatencyUnit) -> Result<Vec<f64>, String> {
        parse_samples(text, unit, None, Path::new("s"), SampleLimits::NONE)
            .map(|s| s.values)
            .map_err(|d| d.to_string())
    }

    /// The next state of a xorshift generator: test text varied cheaply.
    pub(super) fn xorshift(state: &mut u64) -> u64 {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        *state
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

    /// RFC 4180: a quoted field may hold the separator, and `""` is one quote.
    #[test]
    fn quoted_commas_stay_inside_their_field() {
        let text = "id,request,latency_ms\n1,\"GET /a,b\",12\n2,\"say \"\"hi, there\"\"\",7.5\n";
        assert_eq!(parse(text, None), Ok(vec![12.0, 7.5]));
        let header = "\"path, method\",latency_ms\n\"/a,b\",3\n\n# done\n\"/c\",4 # slow\n";
        assert_eq!(parse(header, None), Ok(vec![3.0, 4.0]));
    }

    #[test]
    fn a_bad_csv_sample_deep_in_a_big_file_names_its_line() {
        // More than one block, so the CSV reader runs on past the first block.
        let rows: String = (0..600_000)
            .map(|i| format!("r{i},\"GET /a,{i}\",{}.5\n", i % 50))
            .collect();
        assert!(rows.len() > blocks::BLOCK_BYTES);
        let good = format!("id,request,latency_ms\n{rows}");
        let samples = parse(&good, None).unwrap();
        assert_eq!(samples.len(), 600_000);
        assert_eq!(samples[599_999], (599_999 % 50) as f64 + 0.5);
        let bad = format!("{good}x,\"y,z\",oops\n");
        assert_eq!(
            parse(&bad, None),
            Err("s.txt:600002: not a number: \"oops\"".to_string())
        );
    }

    #[test]
    fn csv_picks_the_named_column() {
        let text = "id,took\n1,4\n2,6\n";
        assert_eq!(parse(text, Some("took")), Ok(vec![4.0, 6.0]));
    }

    #[test]
    fn units_convert_to_milliseconds() {
        assert_eq!(
            parse_in(b"0.5\n2\n", LatencyUnit::S),
            Ok(vec![500.0, 2000.0])
        );
        assert_eq!(
            parse_in(b"1500\n500\n", LatencyUnit::Us),
            Ok(vec![1.5, 0.5])
        );
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
    fn a_sample_longer_than_a_day_is_refused() {
        assert_eq!(
            parse("1\n90000000\n", None),
            Err(
                "s.txt:2: a latency of \"90000000\" is more than a day: check latency_unit"
                    .to_string()
            )
        );
        let seconds = parse_in(b"1\n100000\n", LatencyUnit::S);
        assert!(seconds.unwrap_err().contains("more than a day"));
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
    fn plain_decimals_parse_exactly_as_the_standard_library_does() {
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..200_000 {
            // Digits and a dot in varied places.
            xorshift(&mut state);
            let len = 1 + (state % 18) as usize;
            let mut text: Vec<u8> = (0..len)
                .map(|i| b'0' + ((state >> (i * 3)) % 10) as u8)
                .collect();
            let dot = (state >> 56) as usize % (len + 1);
            text.insert(dot, b'.');
            let expected = std::str::from_utf8(&text).unwrap().parse::<f64>().ok();
            assert_eq!(
                parse_number(&text),
                expected,
                "{}",
                String::from_utf8_lossy(&text)
            );
        }
        for text in [
            "1e3",
            "+2.5",
            "-1",
            "inf",
            "nan",
            "0x10",
            "1.2.3",
            ".",
            "",
            "99999999999999999999",
        ] {
            let expected = text.parse::<f64>().ok();
            let got = parse_number(text.as_bytes());
            assert!(
                got == expected
                    || (got.is_some_and(f64::is_nan) && expected.is_some_and(f64::is_nan)),
                "{text}: {got:?} vs {expected:?}"
            );
        }
    }

    /// A file of several blocks and many pieces, with blank lines, comments and CRLF
    /// lines between the samples (so pieces leave gaps to close), and numbers the short
    /// path and the general path each take: every value as the standard library reads
    /// it, in file order, and statistics equal to those of the values alone. Every
    /// sample is a multiple of 1/8 below 1000, so the sums of the samples and of their
    /// squares are exact whatever their order.
    #[test]
    fn the_tally_taken_while_parsing_matches_the_samples() {
        let mut text = String::from("latency_ms\n");
        let mut expected = Vec::new();
        for i in 0..2_500_000u64 {
            let eighths = (i * 7_919) % 8_000;
            let value = format!("{}", eighths as f64 / 8.0);
            match i % 1_000 {
                0 => text.push_str("\n# a comment\n"),
                1 => text.push_str("  "),
                _ => {}
            }
            text.push_str(&value);
            text.push_str(if i % 777 == 0 { "\r\n" } else { "\n" });
            expected.push(value.parse::<f64>().unwrap());
        }
        assert!(text.len() > 2 * blocks::BLOCK_BYTES);
        let parsed = parse_samples(
            text.as_bytes(),
            LatencyUnit::Ms,
            None,
            Path::new("s.txt"),
            SampleLimits::NONE,
        )
        .unwrap();
        assert!(parsed.values == expected, "values differ");
        let mut values = parsed.values;
        let from_tally = LatencyStats::from_tallied(&mut values.clone(), &parsed.tally);
        let from_values = LatencyStats::from_samples(&mut values);
        let exact_sum: u64 = (0..2_500_000u64).map(|i| (i * 7_919) % 8_000).sum();
        assert_eq!(from_tally.mean, exact_sum as f64 / 8.0 / 2.5e6);
        assert_eq!(
            from_tally.raw_moments.map(|m| m[1]),
            from_values.raw_moments.map(|m| m[1])
        );
        assert_eq!(from_tally.mean, from_values.mean);
        assert_eq!(
            (
                from_tally.min,
                from_tally.p50,
                from_tally.p90,
                from_tally.p95
            ),
            (
                from_values.min,
                from_values.p50,
                from_values.p90,
                from_values.p95
            )
        );
        assert_eq!(
            (from_tally.p99, from_tally.max),
            (from_values.p99, from_values.max)
        );
        assert_eq!(from_tally.stddev, from_values.stddev);
    }

    /// Two bad samples in one group of pieces, the later in an earlier-parsed piece, and
    /// one in a later block: the first in the file is the one named.
    #[test]
    fn the_first_bad_sample_in_the_file_is_named() {
        let lines: Vec<String> = (1..=1_000_000)
            .map(|line| match line {
                13_000 => "bad".to_string(),
                13_200 | 900_000 => "worse".to_string(),
                _ => "12.5".to_string(),
            })
            .collect();
        let text = lines.join("\n");
        assert_eq!(
            parse(&text, None),
            Err("s.txt:13000: not a number: \"bad\"".to_string())
        );
        let later = text.replace("bad", "1.5");
        assert_eq!(
            parse(&later, None),
            Err("s.txt:13200: not a number: \"worse\"".to_string())
        );
    }

    #[test]
    fn a_bad_sample_deep_in_a_big_file_names_its_line() {
        let mut text: String = (0..400_000)
            .map(|i| {
                format!(
                    "{}.5
",
                    i % 50
                )
            })
            .collect();
        text.push_str(
            "oops
",
        );
        text.push_str(
            &"1
"
            .repeat(10),
        );
        assert_eq!(
            parse(&text, None),
            Err("s.txt:400001: not a number: \"oops\"".to_string())
        );
    }

    #[test]
    fn a_line_longer_than_a_mebibyte_is_refused() {
        let text = "1".repeat(3 << 20);
        assert_eq!(
            parse(&text, None),
            Err("s.txt:1: line is longer than 1 MiB: not a sample file".to_string())
        );
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
        assert!(text.len() > 1 << 20, "more than one thread's worth");
        let samples = parse(&text, None).unwrap();
        assert_eq!(samples.len(), 300_000);
        assert_eq!(samples[299_999], (299_999 % 97) as f64 + 0.25);
    }

    /// Past the first block, blocks are parsed as they are read, several at once: the
    /// limit still holds, and a file of short lines outgrows the room reserved for it.
    #[test]
    fn blocks_read_after_the_first_keep_the_limit_and_grow_the_room() {
        let text = "7\n".repeat(3_000_000);
        assert!(text.len() > 4 * blocks::BLOCK_BYTES);
        let limits = |max_samples| SampleLimits {
            capacity_hint: room_for(text.len() as u64),
            max_samples,
            keep: Keep::All,
        };
        let all = parse_within(&text, limits(3_000_000)).unwrap();
        assert_eq!(all.values.len(), 3_000_000);
        assert!(all.values.iter().all(|&v| v == 7.0));
        let refused = parse_within(&text, limits(2_000_000)).unwrap_err();
        assert!(refused.contains("more than 2,000,000"), "{refused}");
        // A line too long to be a sample, blocks after the first: named by its line.
        let long = format!("{text}{}\n7\n", "1".repeat(3 << 20));
        assert_eq!(
            parse_within(&long, limits(u64::MAX)).unwrap_err(),
            "s.txt:3000001: line is longer than 1 MiB: not a sample file"
        );
    }

    #[test]
    fn more_samples_than_the_limit_are_refused_naming_it() {
        let limits = SampleLimits {
            max_samples: 3,
            ..SampleLimits::NONE
        };
        let read = |text: &str| parse_within(text, limits);
        assert_eq!(read("1\n2\n3\n").map(|s| s.values.len()), Ok(3));
        let refused = read("1\n2\n3\n4\n").unwrap_err();
        assert!(
            refused.starts_with("s.txt: holds more than 3 latency samples, the limit"),
            "{refused}"
        );
        assert!(refused.contains("KPLAN_MAX_LATENCY_SAMPLES"), "{refused}");
        let csv = read("id,latency_ms\na,1\nb,2\nc,3\nd,4\n").unwrap_err();
        assert!(csv.contains("more than 3 latency samples"), "{csv}");
    }
}
