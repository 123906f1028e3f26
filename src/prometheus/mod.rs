//! Prometheus as a source of measured latency: the text exposition format an
//! application's metrics endpoint serves (`exposition`), one latency metric picked out
//! of it (`latency`); the HTTP API of a live server (`api`) and what `kplan observe
//! latency` makes of its answers (`observe`).

pub mod api;
pub mod exposition;
pub mod latency;
pub mod observe;

use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::i18n::Message;
use crate::input::file::{read_text_within, text_of, without_bom};
use crate::request::LatencyUnit;
use latency::{MetricLatency, belongs_to, read_metric};

/// A scrape of one application is kilobytes; beyond this it is not one.
const MAX_FILE_BYTES: u64 = 256 << 20;

/// Reads `metric` from an exposition file; problems name the file, the line and the
/// metric.
pub fn read_latency_file(
    path: &Path,
    metric: &str,
    labels: &[(String, String)],
    unit: Option<LatencyUnit>,
) -> Result<MetricLatency, Diagnostic> {
    let too_large = Message::new("histogram-file-too-large");
    let text = read_text_within(path, MAX_FILE_BYTES, too_large)?;
    parse_latency_text(&text, path, metric, labels, unit)
}

/// Reads `metric` from an exposition file's bytes (as a git revision holds them);
/// `path` names them in problems.
pub fn parse_latency_bytes(
    bytes: &[u8],
    path: &Path,
    metric: &str,
    labels: &[(String, String)],
    unit: Option<LatencyUnit>,
) -> Result<MetricLatency, Diagnostic> {
    check_size(bytes.len() as u64, path)?;
    let text = text_of(bytes.to_vec(), path)?;
    parse_latency_text(&text, path, metric, labels, unit)
}

fn check_size(size: u64, path: &Path) -> Result<(), Diagnostic> {
    if size > MAX_FILE_BYTES {
        let message = Message::new("histogram-file-too-large");
        return Err(Diagnostic::says(path, message));
    }
    Ok(())
}

fn parse_latency_text(
    text: &str,
    path: &Path,
    metric: &str,
    labels: &[(String, String)],
    unit: Option<LatencyUnit>,
) -> Result<MetricLatency, Diagnostic> {
    let text = without_bom(text);
    let exposition = exposition::parse(text, |name| belongs_to(metric, name)).map_err(|e| {
        let message = Message::new("histogram-not-exposition").arg_message("details", e.message);
        Diagnostic::says(path, message).at_line(e.line)
    })?;
    read_metric(&exposition, metric, labels, unit).map_err(|p| {
        let d = Diagnostic::says(path, p.message).for_key(metric);
        match p.line {
            Some(line) => d.at_line(line),
            None => d,
        }
    })
}
