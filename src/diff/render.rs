//! The formats of `kplan diff` and of the comparison `kplan check --base` adds: lines for
//! a person, JSON for scripts, Markdown for a pull request comment, GitHub workflow
//! commands for annotations on the changed lines. Pure: a report in, text out.

use serde::Serialize;

use super::{Change, DiffReport, DiffStatus, FileDiff, PartitionChange};
use crate::i18n::Lang;
use crate::render::escape_markdown as escape;
use crate::render::github::{escape_data, escape_property};
use crate::words::diff as words;

/// The formats `kplan diff --format` accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiffFormat {
    Human,
    Json,
    Markdown,
    Github,
}

pub const SCHEMA_VERSION: u32 = 1;

pub fn render_diff(report: &DiffReport, format: DiffFormat, lang: Lang) -> String {
    match format {
        DiffFormat::Human => human(report, lang),
        DiffFormat::Json => crate::render::json_document(&document(report, lang)),
        DiffFormat::Markdown => markdown(report, lang),
        DiffFormat::Github => github(report, lang),
    }
}

/// The file a comparison is about: the new version, or the old one when removed.
fn file_of(file: &FileDiff) -> &str {
    file.new.as_deref().or(file.old.as_deref()).unwrap_or("")
}

fn reason_of(change: &Change, lang: Lang) -> Option<String> {
    change
        .reason
        .as_ref()
        .map(|r| words::change_reason(lang, r))
}

/// A file's summary when it has no field-by-field changes.
fn summary(file: &FileDiff, lang: Lang) -> Option<String> {
    match file.status {
        DiffStatus::Added => Some(words::added(lang, file.partitions_new)),
        DiffStatus::Removed => Some(words::removed(lang, file.partitions_old)),
        DiffStatus::Unchanged => Some(words::unchanged(lang)),
        DiffStatus::Changed => None,
    }
}

pub fn tally(report: &DiffReport, lang: Lang) -> String {
    let count = |status| report.files.iter().filter(|f| f.status == status).count();
    words::tally(
        lang,
        count(DiffStatus::Changed),
        count(DiffStatus::Added),
        count(DiffStatus::Removed),
        report.files.iter().filter(|f| f.breaking()).count(),
    )
}

/// One heading line per file, then one line per changed field with its reason.
pub fn human(report: &DiffReport, lang: Lang) -> String {
    let mut out = String::new();
    for file in &report.files {
        let heading = words::file_heading(file_of(file), &file.topic, file.status.as_str());
        let mark = if file.breaking() { "BREAKING " } else { "" };
        out.push_str(&format!("{mark}{heading}\n"));
        if let Some(summary) = summary(file, lang) {
            out.push_str(&format!("  {summary}\n"));
        }
        for change in &file.changes {
            let values = words::old_to_new(lang, change.old.as_deref(), change.new.as_deref());
            match reason_of(change, lang) {
                Some(reason) => {
                    out.push_str(&format!("  {}: {values}: {reason}\n", change.field));
                }
                None => out.push_str(&format!("  {}: {values}\n", change.field)),
            }
        }
    }
    out.push_str(&tally(report, lang));
    out.push('\n');
    out
}

/// A section per file with a table of its changes.
pub fn markdown(report: &DiffReport, lang: Lang) -> String {
    let mut out = String::new();
    for file in &report.files {
        let mark = if file.breaking() { "❌ " } else { "" };
        out.push_str(&format!(
            "#### {mark}{}\n\n",
            escape(&words::file_heading(
                file_of(file),
                &file.topic,
                file.status.as_str()
            ))
        ));
        if let Some(summary) = summary(file, lang) {
            out.push_str(&format!("{}\n\n", escape(&summary)));
        }
        if file.changes.is_empty() {
            continue;
        }
        out.push_str("| Field | Before | After | Why |\n|---|---|---|---|\n");
        for change in &file.changes {
            out.push_str(&format!(
                "| `{}` | {} | {} | {} |\n",
                change.field,
                escape(change.old.as_deref().unwrap_or("")),
                escape(change.new.as_deref().unwrap_or("")),
                escape(&reason_of(change, lang).unwrap_or_default())
            ));
        }
        out.push('\n');
    }
    out.push_str(&tally(report, lang));
    out.push('\n');
    out
}

/// One annotation per file at its changed line: an error for a decrease, a warning for
/// keyed growth, a notice otherwise; the message lists every change.
pub fn github(report: &DiffReport, lang: Lang) -> String {
    let mut out = annotations(report, true, lang);
    out.push_str(&tally(report, lang));
    out.push('\n');
    out
}

/// The annotations alone; without `levels`, every one is a notice (`kplan check`
/// reports decreases and keyed growth as findings of their own).
pub fn annotations(report: &DiffReport, levels: bool, lang: Lang) -> String {
    let mut out = String::new();
    for file in &report.files {
        out.push_str(&annotation(file, levels, lang));
        out.push('\n');
    }
    out
}

fn annotation(file: &FileDiff, levels: bool, lang: Lang) -> String {
    let (level, title) = match &file.partition_change {
        Some(change @ PartitionChange::Decrease { .. }) if levels => ("error", change.kind()),
        Some(change @ PartitionChange::KeyedGrowth { .. }) if levels => ("warning", change.kind()),
        _ => ("notice", "plan-change"),
    };
    let mut properties = vec![format!("file={}", escape_property(file_of(file)))];
    if let Some(place) = file.place {
        properties.push(format!("line={}", place.line));
    }
    properties.push(format!(
        "title={}",
        escape_property(&format!("kplan {title}"))
    ));
    let mut message = vec![words::file_heading(
        file_of(file),
        &file.topic,
        file.status.as_str(),
    )];
    message.extend(summary(file, lang));
    for change in &file.changes {
        let values = words::old_to_new(lang, change.old.as_deref(), change.new.as_deref());
        message.push(match reason_of(change, lang) {
            Some(reason) => format!("{}: {values}: {reason}", change.field),
            None => format!("{}: {values}", change.field),
        });
    }
    format!(
        "::{level} {}::{}",
        properties.join(","),
        escape_data(&message.join("\n"))
    )
}

#[derive(Serialize)]
pub struct DiffDocument<'a> {
    schema_version: u32,
    files: Vec<FileDocument<'a>>,
}

#[derive(Serialize)]
struct FileDocument<'a> {
    old: Option<&'a str>,
    new: Option<&'a str>,
    topic: &'a str,
    status: &'static str,
    partitions: PartitionsDocument,
    /// The partition change's kind, when the count changes.
    partition_change: Option<&'static str>,
    keys_moved_share: Option<f64>,
    changes: Vec<ChangeDocument<'a>>,
    breaking: bool,
    /// The line of the first changed key of the request.
    line: Option<usize>,
}

#[derive(Serialize)]
struct PartitionsDocument {
    old: Option<u64>,
    new: Option<u64>,
}

#[derive(Serialize)]
struct ChangeDocument<'a> {
    field: &'a str,
    old: Option<&'a str>,
    new: Option<&'a str>,
    reason: Option<String>,
    reason_kind: Option<&'static str>,
}

/// The JSON document of a comparison, also embedded in `kplan check --base --format json`.
pub fn document(report: &DiffReport, lang: Lang) -> DiffDocument<'_> {
    DiffDocument {
        schema_version: SCHEMA_VERSION,
        files: report
            .files
            .iter()
            .map(|f| file_document(f, lang))
            .collect(),
    }
}

fn file_document(file: &FileDiff, lang: Lang) -> FileDocument<'_> {
    FileDocument {
        old: file.old.as_deref(),
        new: file.new.as_deref(),
        topic: &file.topic,
        status: file.status.as_str(),
        partitions: PartitionsDocument {
            old: file.partitions_old,
            new: file.partitions_new,
        },
        partition_change: file.partition_change.as_ref().map(PartitionChange::kind),
        keys_moved_share: file.keys_moved_share(),
        changes: file
            .changes
            .iter()
            .map(|c| ChangeDocument {
                field: &c.field,
                old: c.old.as_deref(),
                new: c.new.as_deref(),
                reason: reason_of(c, lang),
                reason_kind: c.reason.as_ref().map(reason_kind),
            })
            .collect(),
        breaking: file.breaking(),
        line: file.place.map(|p| p.line),
    }
}

fn reason_kind(reason: &super::ChangeReason) -> &'static str {
    match reason {
        super::ChangeReason::Setting(r) => r.kind(),
        super::ChangeReason::Topic(r) => r.into(),
        super::ChangeReason::Partitions(change) => change.kind(),
        super::ChangeReason::Group(change) => change.kind(),
    }
}
