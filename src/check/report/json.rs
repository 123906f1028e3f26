//! JSON for scripts: every file with its result, findings and plan summary. Fields are
//! only ever added; a renamed or removed field bumps `schema_version`.

use serde::Serialize;

use crate::check::{CheckReport, FileReport, Finding, PlanSummary, Severity};

pub const SCHEMA_VERSION: u32 = 1;

pub fn render(report: &CheckReport) -> String {
    let document = CheckDocument {
        schema_version: SCHEMA_VERSION,
        passed: report.passed(),
        failed: report.failed(),
        deny_warnings: report.deny_warnings,
        files: report.files.iter().map(FileDocument::from).collect(),
        base: report.base.as_ref().map(|(revision, diffs)| BaseDocument {
            revision,
            diff: crate::diff::render::document(diffs, report.lang),
        }),
    };
    crate::render::json_document(&document)
}

#[derive(Serialize)]
struct CheckDocument<'a> {
    schema_version: u32,
    passed: usize,
    failed: usize,
    deny_warnings: bool,
    files: Vec<FileDocument<'a>>,
    /// With `--base`: the revision and the `kplan diff` document of the changes.
    #[serde(skip_serializing_if = "Option::is_none")]
    base: Option<BaseDocument<'a>>,
}

#[derive(Serialize)]
struct BaseDocument<'a> {
    revision: &'a str,
    diff: crate::diff::render::DiffDocument<'a>,
}

#[derive(Serialize)]
struct FileDocument<'a> {
    file: String,
    /// "pass" | "fail"
    result: &'static str,
    topic: Option<&'a str>,
    /// The policy file applied, `null` when none.
    policy: Option<String>,
    plan: Option<PlanDocument<'a>>,
    findings: Vec<FindingDocument<'a>>,
}

#[derive(Serialize)]
struct PlanDocument<'a> {
    status: &'static str,
    required_tps: f64,
    planned_tps: f64,
    partitions: Partitions,
    consumers: u64,
    dead_letter_topic: Option<&'a str>,
}

#[derive(Serialize)]
struct Partitions {
    needed: u64,
    recommended: u64,
    cap: u32,
}

#[derive(Serialize)]
struct FindingDocument<'a> {
    rule: &'static str,
    severity: Severity,
    file: String,
    line: Option<usize>,
    column: Option<usize>,
    key: Option<&'a str>,
    message: &'a str,
}

impl<'a> From<&'a FileReport> for FileDocument<'a> {
    fn from(file: &'a FileReport) -> Self {
        FileDocument {
            file: file.file.display().to_string(),
            result: if file.passed { "pass" } else { "fail" },
            topic: file.topic(),
            policy: file.policy.file.as_ref().map(|p| p.display().to_string()),
            plan: file.plan.as_ref().map(PlanDocument::from),
            findings: file.findings.iter().map(FindingDocument::from).collect(),
        }
    }
}

impl<'a> From<&'a PlanSummary> for PlanDocument<'a> {
    fn from(plan: &'a PlanSummary) -> Self {
        PlanDocument {
            status: plan.status.as_str(),
            required_tps: plan.required_tps,
            planned_tps: plan.planned_tps,
            partitions: Partitions {
                needed: plan.needed,
                recommended: plan.recommended,
                cap: plan.cap,
            },
            consumers: plan.consumers,
            dead_letter_topic: plan.dead_letter_topic.as_deref(),
        }
    }
}

impl<'a> From<&'a Finding> for FindingDocument<'a> {
    fn from(finding: &'a Finding) -> Self {
        FindingDocument {
            rule: finding.rule.name(),
            severity: finding.severity,
            file: finding.file.display().to_string(),
            line: finding.position.map(|p| p.line),
            column: finding.position.map(|p| p.column),
            key: finding.key.as_deref(),
            message: &finding.message,
        }
    }
}
