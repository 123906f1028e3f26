//! Lines for a person: one per file (verdict, path, topic, partitions, first finding),
//! the file's other findings beneath it, and the closing `N passed, N failed`.

use anstyle::{AnsiColor, Style};

use super::{location, subject, verdict};
use crate::check::{CheckReport, FileReport, Finding, Severity};

const GREEN: Style = AnsiColor::Green.on_default().bold();
const RED: Style = AnsiColor::Red.on_default().bold();
const YELLOW: Style = AnsiColor::Yellow.on_default().bold();

/// Wraps `text` in an ANSI style when colour is on.
fn paint(text: &str, style: Style, on: bool) -> String {
    if on {
        format!("{style}{text}{style:#}")
    } else {
        text.to_string()
    }
}

pub fn render(report: &CheckReport, colour: bool) -> String {
    let mut out = String::new();
    for file in &report.files {
        out.push_str(&file_lines(file, colour));
    }
    if let Some((revision, diffs)) = &report.base {
        out.push_str(&format!(
            "{}:\n",
            crate::words::diff::against_base(report.lang, revision)
        ));
        for line in crate::diff::render::human(diffs, report.lang).lines() {
            out.push_str(&format!("  {line}\n"));
        }
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

#[cfg(test)]
mod tests {
    use std::path::PathBuf;
    use std::sync::Arc;

    use super::*;
    use crate::check::Rule;
    use crate::check::policy::Policy;
    use crate::request::positions::Position;

    fn report(passed: bool, severity: Severity) -> CheckReport {
        let file = PathBuf::from("t/a.toml");
        CheckReport {
            files: vec![FileReport {
                file: file.clone(),
                policy: Arc::new(Policy::default()),
                names: None,
                plan: None,
                findings: vec![Finding {
                    rule: Rule::TopicName,
                    severity,
                    file,
                    position: Some(Position { line: 2, column: 1 }),
                    key: Some("topic.name".to_string()),
                    message: "no".to_string(),
                }],
                passed,
            }],
            base: None,
            lang: crate::i18n::Lang::En,
            deny_warnings: false,
        }
    }

    #[test]
    fn colour_marks_the_verdict_and_severity_only_when_asked() {
        let failed = report(false, Severity::Error);
        let plain = "FAIL t/a.toml:2:1: not planned: error[topic-name]: no\n0 passed, 1 failed\n";
        assert_eq!(render(&failed, false), plain);
        let coloured = render(&failed, true);
        // The same words, with bold red (SGR 1 and 31) around the verdict and severity
        // and a reset after each.
        assert_eq!(anstream::adapter::strip_str(&coloured).to_string(), plain);
        let red = ["\x1b[1m\x1b[31mFAIL\x1b[0m", "\x1b[1m\x1b[31merror\x1b[0m"];
        assert!(red.iter().all(|r| coloured.contains(r)), "{coloured:?}");
        let warned = render(&report(true, Severity::Warning), true);
        assert!(
            warned.starts_with("\x1b[1m\x1b[32mPASS\x1b[0m"),
            "{warned:?}"
        );
        assert!(warned.contains("\x1b[1m\x1b[33mwarning\x1b[0m[topic-name]"));
    }
}
