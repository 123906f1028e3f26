//! Checks one request file: reads and parses it, applies the policy's cap, plans it, and
//! places every finding at the key it is about. Problems become findings, never a stop:
//! one broken file must not hide the others.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::policy::Policy;
use super::rules::{self, Hit};
use super::{FileReport, Finding, PlanSummary, Rule, TopicNames};
use crate::diagnostic::Diagnostic;
use crate::i18n::{Lang, Message};
use crate::input::file::read_text;
use crate::load::{Profiles, load_parsed};
use crate::model::{Depth, dead_letter_topic, plan_to};
use crate::request::positions::{KeyPositions, Position};
use crate::request::{LatencySource, Request, parse_request_located};

/// Checks one file; the findings' messages are in `lang`.
pub fn check_file(
    path: &Path,
    policy: &Arc<Policy>,
    profiles: &Profiles,
    lang: Lang,
) -> FileReport {
    let mut report = FileReport {
        file: path.to_path_buf(),
        policy: Arc::clone(policy),
        names: None,
        plan: None,
        findings: Vec::new(),
        passed: false,
    };
    let parsed = read_text(path)
        .map_err(|d| vec![d])
        .and_then(|text| parse_request_located(&text, path));
    let (mut request, positions) = match parsed {
        Ok(parsed) => parsed,
        Err(problems) => {
            report.findings = invalid(problems, policy, lang);
            return report;
        }
    };
    report.names = Some(names(&request, &positions));
    let mut hits = rules::request_hits(&request, policy);
    let (cap, cap_source) = rules::effective_cap(&request, policy);
    request.limits.max_partitions = cap;
    let referenced = referenced_files(&request);
    match load_parsed(request, path, profiles) {
        Ok(loaded) => {
            let plan = plan_to(&loaded.plan_input(), Depth::Sizing);
            hits.extend(rules::plan_hits(&plan, policy, cap_source));
            report.plan = Some(PlanSummary {
                status: plan.status,
                required_tps: plan.required_tps,
                planned_tps: plan.planned_tps,
                needed: plan.needed,
                recommended: plan.recommended,
                cap: plan.cap,
                consumers: plan.consumers,
                dead_letter_topic: plan.dead_letter.map(|dl| dl.topic),
            });
        }
        Err(problems) => {
            let problems = problems
                .into_iter()
                .map(|d| anchor(d, path, &referenced, &positions))
                .collect();
            report.findings = invalid(problems, policy, lang);
        }
    }
    let placed = hits
        .into_iter()
        .filter_map(|h| place(h, path, &positions, policy, lang));
    report.findings.extend(placed);
    report
}

fn names(request: &Request, positions: &KeyPositions) -> TopicNames {
    TopicNames {
        topic: request.topic.name.clone(),
        topic_at: positions.get("topic.name"),
        dead_letter: request.dead_letter.map(|_| dead_letter_topic(request)),
        dead_letter_at: positions.get("dead_letter"),
    }
}

/// The files a request names, with the key that names each.
fn referenced_files(request: &Request) -> Vec<(PathBuf, &'static str)> {
    let mut files = Vec::new();
    match &request.subscribe.latency {
        LatencySource::Samples { path, .. } => files.push((path.clone(), "subscribe.latency_file")),
        LatencySource::Histogram { path, .. } => {
            files.push((path.clone(), "subscribe.latency_histogram_file"));
        }
        LatencySource::Summary { .. } => {}
    }
    if let Some(path) = &request.publish.key_sample_file {
        files.push((path.clone(), "publish.key_sample_file"));
    }
    files
}

/// A problem with a whole file the request names (missing, unreadable) is placed at the
/// key that names it: an annotation on a file outside the change would go unseen.
/// Problems at a line of that file stay there.
fn anchor(
    problem: Diagnostic,
    request_file: &Path,
    referenced: &[(PathBuf, &'static str)],
    positions: &KeyPositions,
) -> Diagnostic {
    if problem.line.is_some() || problem.file == request_file {
        return problem;
    }
    let Some((_, key)) = referenced.iter().find(|(file, _)| *file == problem.file) else {
        return problem;
    };
    let file = problem.file.display().to_string();
    let inner = match problem.message {
        Some(message) => Message::new("input-in-file")
            .arg("file", file)
            .arg_message("problem", *message),
        None => Message::new("input-in-file")
            .arg("file", file)
            .arg("problem", problem.problem),
    };
    let anchored = Diagnostic::says(request_file, inner).for_key(*key);
    match positions.get(key) {
        Some(position) => anchored.at_line(position.line),
        None => anchored,
    }
}

/// A request that cannot be read, parsed or completed: one finding per problem.
fn invalid(problems: Vec<Diagnostic>, policy: &Policy, lang: Lang) -> Vec<Finding> {
    let severity = policy
        .severity(Rule::InvalidRequest)
        .unwrap_or(Rule::InvalidRequest.default_severity());
    problems
        .into_iter()
        .map(|d| Finding {
            rule: Rule::InvalidRequest,
            severity,
            position: d.line.map(|line| Position { line, column: 1 }),
            message: match &d.key {
                Some(key) => format!("{key}: {}", d.problem_in(lang)),
                None => d.problem_in(lang),
            },
            key: d.key,
            file: d.file,
        })
        .collect()
}

/// A hit as a finding at its key (or, when the file leaves the key out, at the nearest
/// table that holds it); `None` when the policy turned the rule off.
pub fn place(
    hit: Hit,
    file: &Path,
    positions: &KeyPositions,
    policy: &Policy,
    lang: Lang,
) -> Option<Finding> {
    let severity = policy.severity(hit.rule)?;
    // "at-most-once: ..." would repeat the rule's name beside it.
    let text = hit.message.render(lang);
    let message = text
        .strip_prefix(hit.rule.name())
        .and_then(|rest| rest.strip_prefix(": "))
        .map_or_else(|| text.clone(), str::to_string);
    Some(Finding {
        rule: hit.rule,
        severity,
        file: file.to_path_buf(),
        position: locate(hit.key, positions),
        key: Some(hit.key.to_string()),
        message,
    })
}

/// The position of `key`, else of the closest enclosing table the file writes.
fn locate(key: &str, positions: &KeyPositions) -> Option<Position> {
    let mut key = key;
    loop {
        if let Some(position) = positions.get(key) {
            return Some(position);
        }
        key = &key[..key.rfind('.')?];
    }
}
