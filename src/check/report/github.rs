//! GitHub Actions workflow commands: each finding becomes an annotation on its line of
//! the pull request (`::error file=F,line=L,col=C,title=kplan <rule>::message`), under
//! the file's summary line, which stays readable in the job log.

use super::{subject, verdict};
use crate::check::{CheckReport, Finding, Severity};
use crate::render::github::{escape_data, escape_property};

pub fn render(report: &CheckReport) -> String {
    let mut out = String::new();
    for file in &report.files {
        out.push_str(&format!(
            "{} {}: {}\n",
            verdict(file),
            file.file.display(),
            subject(file)
        ));
        for finding in &file.findings {
            out.push_str(&command(finding));
            out.push('\n');
        }
    }
    if let Some((_, diffs)) = &report.base {
        out.push_str(&crate::diff::render::annotations(diffs, false, report.lang));
    }
    out.push_str(&report.tally());
    out.push('\n');
    out
}

fn command(finding: &Finding) -> String {
    let name = match finding.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut properties = vec![format!(
        "file={}",
        escape_property(&finding.file.display().to_string())
    )];
    if let Some(p) = finding.position {
        properties.push(format!("line={}", p.line));
        properties.push(format!("col={}", p.column));
    }
    let title = format!("kplan {}", finding.rule.name());
    properties.push(format!("title={}", escape_property(&title)));
    format!(
        "::{name} {}::{}",
        properties.join(","),
        escape_data(&finding.message)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_and_properties_are_escaped_as_github_requires() {
        assert_eq!(escape_data("100% a\r\nb: c, d"), "100%25 a%0D%0Ab: c, d");
        assert_eq!(escape_property("C:\\a,b%.toml"), "C%3A\\a%2Cb%25.toml");
    }
}
