//! `kplan check`: a CI gate over a repository of request files.
//!
//! `discover` finds the request files and the policy that applies to each; `file` checks
//! one file (parse, plan, policy rules); `across` adds the rules that compare files;
//! `report` renders the result. Findings are data (a rule, a severity, a place, a
//! message): every format draws the same findings.

pub mod across;
pub mod base;
pub mod discover;
pub mod file;
pub mod policy;
pub mod policy_spec;
pub mod report;
pub mod rule;
pub mod rules;

use std::num::NonZeroUsize;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::i18n::Lang;
use crate::load::Profiles;
use crate::model::Status;
use crate::request::positions::Position;
use policy::Policy;
pub use rule::{Rule, Severity};

/// One thing wrong with a request file, or worth a reviewer's look.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub rule: Rule,
    pub severity: Severity,
    /// Where it is: the request file, or a sample file the request names.
    pub file: PathBuf,
    pub position: Option<Position>,
    /// The dotted request key it is about, when it is about one.
    pub key: Option<String>,
    pub message: String,
}

/// The plan of a request, in short.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanSummary {
    pub status: Status,
    pub required_tps: f64,
    pub planned_tps: f64,
    pub needed: u64,
    pub recommended: u64,
    pub cap: u32,
    pub consumers: u64,
    pub dead_letter_topic: Option<String>,
}

/// The names a request claims on the cluster, and where they are written, for the
/// rules that compare files.
#[derive(Debug, Clone, PartialEq)]
pub struct TopicNames {
    pub topic: String,
    pub topic_at: Option<Position>,
    pub dead_letter: Option<String>,
    pub dead_letter_at: Option<Position>,
}

/// The outcome for one request file.
#[derive(Debug, Clone)]
pub struct FileReport {
    pub file: PathBuf,
    pub policy: Arc<Policy>,
    /// `None` when the file does not parse.
    pub names: Option<TopicNames>,
    /// `None` when the request or what it refers to could not be read.
    pub plan: Option<PlanSummary>,
    /// Errors first, then warnings, each by position.
    pub findings: Vec<Finding>,
    pub passed: bool,
}

impl FileReport {
    pub fn topic(&self) -> Option<&str> {
        self.names.as_ref().map(|n| n.topic.as_str())
    }

    /// The finding a one-line summary shows: the first error, else the first warning.
    pub fn first_finding(&self) -> Option<&Finding> {
        self.findings.first()
    }
}

/// The outcome of a whole run, files sorted by path.
#[derive(Debug, Clone)]
pub struct CheckReport {
    pub files: Vec<FileReport>,
    pub deny_warnings: bool,
    /// With `--base`: the revision and what the changes since do to the plans.
    pub base: Option<(String, crate::diff::DiffReport)>,
    /// The language the comparison is worded in (findings are worded when placed).
    pub lang: Lang,
}

impl CheckReport {
    pub fn passed(&self) -> usize {
        self.files.iter().filter(|f| f.passed).count()
    }

    pub fn failed(&self) -> usize {
        self.files.len() - self.passed()
    }

    /// `N passed, N failed`: the closing line of every text format.
    pub fn tally(&self) -> String {
        format!("{} passed, {} failed", self.passed(), self.failed())
    }
}

/// Checks every request with its policy, then across files. `requests` must be sorted
/// by path; the report keeps that order whatever the parallelism.
pub fn check_requests(
    requests: &[(PathBuf, Arc<Policy>)],
    profiles: &Profiles,
    deny_warnings: bool,
    lang: Lang,
) -> CheckReport {
    match check_requests_against(requests, profiles, deny_warnings, None, lang) {
        Ok(report) => report,
        // Without a revision nothing talks to git, so nothing can fail.
        Err(why) => unreachable!("a check without --base failed: {why}"),
    }
}

/// A revision to compare with, and the paths the run was given (for deleted files).
pub struct Base<'a> {
    pub revision: &'a mut crate::git::Revision,
    pub paths: &'a [PathBuf],
}

/// [`check_requests`], and with `base`, each file compared with its version there; the
/// error is why git could not answer.
pub fn check_requests_against(
    requests: &[(PathBuf, Arc<Policy>)],
    profiles: &Profiles,
    deny_warnings: bool,
    base: Option<Base>,
    lang: Lang,
) -> Result<CheckReport, String> {
    let mut files = map_in_parallel(requests, |(path, policy)| {
        file::check_file(path, policy, profiles, lang)
    });
    across::add_cross_file_findings(&mut files);
    let compared = match base {
        Some(base) => {
            let name = base.revision.name().to_string();
            let diffs = base::compare(&mut files, base.paths, base.revision, profiles, lang)?;
            Some((name, diffs))
        }
        None => None,
    };
    for report in &mut files {
        finish(report, deny_warnings);
    }
    Ok(CheckReport {
        files,
        deny_warnings,
        base: compared,
        lang,
    })
}

/// Orders the findings and decides pass or fail. A warning on the same key as an error
/// says less than the error (a plan's "key skew unchecked" beside the policy's "key
/// sample required"), so it is left out.
fn finish(report: &mut FileReport, deny_warnings: bool) {
    let findings = std::mem::take(&mut report.findings);
    let error_keys: Vec<Option<String>> = findings
        .iter()
        .filter(|f| f.severity == Severity::Error && f.key.is_some())
        .map(|f| f.key.clone())
        .collect();
    report.findings = findings
        .into_iter()
        .filter(|f| f.severity == Severity::Error || !error_keys.contains(&f.key))
        .collect();
    report.findings.sort_by_key(|f| {
        let line = f.position.map_or(0, |p| p.line);
        let column = f.position.map_or(0, |p| p.column);
        (f.severity, f.file.clone(), line, column, f.rule.name())
    });
    report.passed = !report.findings.iter().any(|f| {
        f.severity == Severity::Error || (deny_warnings && f.severity == Severity::Warning)
    });
}

/// Files handed to a worker at a time: enough to keep the shared counter cold.
const BATCH: usize = 32;

/// `f` over `items` on every core, results in the order of `items`.
fn map_in_parallel<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let cores = std::thread::available_parallelism().map_or(1, NonZeroUsize::get);
    let workers = cores.min(items.len().div_ceil(BATCH)).max(1);
    if workers == 1 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let mut done: Vec<(usize, R)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut out = Vec::new();
                    loop {
                        let start = next.fetch_add(BATCH, Ordering::Relaxed);
                        if start >= items.len() {
                            return out;
                        }
                        let end = (start + BATCH).min(items.len());
                        out.extend((start..end).map(|i| (i, f(&items[i]))));
                    }
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| match h.join() {
                Ok(out) => out,
                // A worker only panics on a defect; re-raise it rather than lose files.
                Err(panic) => std::panic::resume_unwind(panic),
            })
            .collect()
    });
    done.sort_unstable_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parallel_map_keeps_the_order_of_its_input() {
        let items: Vec<u32> = (0..1000).collect();
        let doubled = map_in_parallel(&items, |i| i * 2);
        assert_eq!(doubled, items.iter().map(|i| i * 2).collect::<Vec<_>>());
        assert!(map_in_parallel(&[] as &[u32], |i| *i).is_empty());
    }
}
