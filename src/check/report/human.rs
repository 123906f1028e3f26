//! Lines for a person: one per file (verdict, path, topic, partitions, first finding),
//! the file's other findings beneath it, and the closing `N passed, N failed`.

use super::{location, subject, verdict};
use crate::check::{CheckReport, FileReport, Finding, Severity};

const GREEN: &str = "\x1b[1;32m";
const RED: &str = "\x1b[1;31m";
const YELLOW: &str = "\x1b[1;33m";
const RESET: &str = "\x1b[0m";

/// Wraps `text` in an ANSI colour when colour is on.
fn paint(text: &str, colour: &str, on: bool) -> String {
    if on {
        format!("{colour}{text}{RESET}")
    } else {
        text.to_string()
    }
}

pub fn render(report: &CheckReport, colour: bool) -> String {
    let mut out = String::new();
    for file in &report.files {
        out.push_str(&file_lines(file, colour));
    }
    out.push_str(&report.tally());
    out.push('\n');
    out
}

fn file_lines(file: &FileReport, colour: bool) -> String {
    let shade = if file.passed { GREEN } else { RED };
    let verdict = paint(verdict(file), shade, colour);
    let Some((first, rest)) = file.findings.split_first() else {
        return format!("{verdict} {}: {}\n", file.file.display(), subject(file));
    };
    // The head line shows the first finding's place when it is in this file; a
    // finding in a sample file names that file in its reason instead.
    let (place, reason) = if first.file == file.file {
        (location(first), finding_text(first, colour))
    } else {
        let reason = format!("{}: {}", location(first), finding_text(first, colour));
        (file.file.display().to_string(), reason)
    };
    let mut out = format!("{verdict} {place}: {}: {reason}\n", subject(file));
    for finding in rest {
        let text = finding_text(finding, colour);
        out.push_str(&format!("     {}: {text}\n", location(finding)));
    }
    out
}

/// `error[over-cap]: needs 143 partitions, ...`
fn finding_text(finding: &Finding, colour: bool) -> String {
    let shade = match finding.severity {
        Severity::Error => RED,
        Severity::Warning => YELLOW,
    };
    let severity = paint(finding.severity.as_str(), shade, colour);
    format!("{severity}[{}]: {}", finding.rule.name(), finding.message)
}
