//! Output formats of `kplan check`. Each renderer is pure: a report in, text out; the
//! command decides where the text goes. The text formats share the one-line summary
//! of a file built here.

mod github;
mod human;
mod json;
mod markdown;

use super::{CheckReport, FileReport, Finding, PlanSummary};
use crate::human::count;
use crate::model::Status;

/// The formats `kplan check --format` accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckFormat {
    /// Lines for a person; `colour` only when writing to a terminal.
    Human {
        colour: bool,
    },
    Json,
    Github,
    Markdown,
}

/// Renders a report; the same report always gives the same bytes.
pub fn render_check(report: &CheckReport, format: CheckFormat) -> String {
    match format {
        CheckFormat::Human { colour } => human::render(report, colour),
        CheckFormat::Json => json::render(report),
        CheckFormat::Github => github::render(report),
        CheckFormat::Markdown => markdown::render(report),
    }
}

/// `PASS` or `FAIL`.
fn verdict(file: &FileReport) -> &'static str {
    if file.passed { "PASS" } else { "FAIL" }
}

/// `25 partitions`, `30 partitions (needs 143)`, or `not planned`.
fn partitions(plan: Option<&PlanSummary>) -> String {
    match plan {
        None => "not planned".to_string(),
        Some(p) if p.status == Status::OverCap => format!(
            "{} (needs {})",
            partition_count(p.recommended),
            count(p.needed)
        ),
        Some(p) => partition_count(p.recommended),
    }
}

fn partition_count(n: u64) -> String {
    match n {
        1 => "1 partition".to_string(),
        n => format!("{} partitions", count(n)),
    }
}

/// `file:line:column`, leaving out what is unknown.
fn location(finding: &Finding) -> String {
    match finding.position {
        Some(p) => format!("{}:{}:{}", finding.file.display(), p.line, p.column),
        None => finding.file.display().to_string(),
    }
}

/// What a file is: `orders.v1, 25 partitions`, or `not planned` without a topic.
fn subject(file: &FileReport) -> String {
    let partitions = partitions(file.plan.as_ref());
    match file.topic() {
        Some(topic) => format!("{topic}, {partitions}"),
        None => partitions,
    }
}
