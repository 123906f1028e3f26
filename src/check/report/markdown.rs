//! Markdown for a pull request comment or a ticket: a summary table with one row per
//! file, then every finding with its place.

use super::{partitions, verdict};
use crate::check::{CheckReport, FileReport, Finding};
use crate::render::escape_markdown as escape;

pub fn render(report: &CheckReport) -> String {
    let mut out = format!("## kplan check: {}\n\n", report.tally());
    out.push_str("| Result | File | Topic | Partitions | First finding |\n");
    out.push_str("|---|---|---|---|---|\n");
    for file in &report.files {
        out.push_str(&row(file));
    }
    let findings: Vec<&Finding> = report.files.iter().flat_map(|f| &f.findings).collect();
    if !findings.is_empty() {
        out.push_str("\n### Findings\n\n");
        for finding in findings {
            out.push_str(&format!(
                "- **{}** {} `{}`: {}\n",
                finding.severity.as_str(),
                code(&place(finding)),
                finding.rule.name(),
                escape(&finding.message)
            ));
        }
    }
    if let Some((revision, diffs)) = &report.base {
        let heading = crate::words::diff::against_base(report.lang, revision);
        out.push_str(&format!("\n### {}\n\n", escape(&heading)));
        out.push_str(&crate::diff::render::markdown(diffs, report.lang));
    }
    out.push('\n');
    out.push_str(&report.tally());
    out.push('\n');
    out
}

fn row(file: &FileReport) -> String {
    let mark = if file.passed { "✅" } else { "❌" };
    let first = file.first_finding().map_or(String::new(), |f| {
        format!("`{}`: {}", f.rule.name(), escape(&f.message))
    });
    format!(
        "| {mark} {} | {} | {} | {} | {first} |\n",
        verdict(file),
        code(&file.file.display().to_string()),
        escape(file.topic().unwrap_or("")),
        escape(&partitions(file.plan.as_ref())),
    )
}

/// `file:line`, the place a reviewer opens.
fn place(finding: &Finding) -> String {
    match finding.position {
        Some(p) => format!("{}:{}", finding.file.display(), p.line),
        None => finding.file.display().to_string(),
    }
}

/// A code span; a `|` inside would still split a table cell.
fn code(text: &str) -> String {
    format!("`{}`", text.replace('`', "'").replace('|', "\\|"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_cannot_break_the_table() {
        assert_eq!(escape("a|b [x]"), "a\\|b \\[x\\]");
        assert_eq!(code("a|b`c"), "`a\\|b'c`");
    }
}
