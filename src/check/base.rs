//! `kplan check --base REF`: each request file compared with its version at a git
//! revision. The old version is planned from the revision's own request text and sample
//! files; files added or deleted since are reported as such, unchanged ones not at all.
//! A partition decrease is an error finding on the file, keyed growth a warning.

use std::path::{Path, PathBuf};

use super::discover::declares_topic_table;
use super::file::place;
use super::policy::{POLICY_FILE, Policy};
use super::rules::{Hit, effective_cap};
use super::{FileReport, Rule};
use crate::diff::{
    DiffReport, DiffStatus, FileDiff, PartitionChange, Version, changed_place, diff,
};
use crate::git::Revision;
use crate::i18n::Lang;
use crate::input::file::read_text;
use crate::load::{Contents, Loaded, Profiles, load_parsed_from};
use crate::model::{Depth, Plan, plan_to};
use crate::request::{LatencySource, Request, parse_request, parse_request_located};
use crate::words::diff as words;

/// One version of a request, planned, with what the diff reads.
struct Planned<'p> {
    loaded: Loaded<'p>,
    plan: Plan,
    shown: String,
}

/// Compares every checked file with its version at `revision`, and finds the request
/// files deleted since under `paths`; adds the findings of unsafe changes to `files`.
pub fn compare(
    files: &mut [FileReport],
    paths: &[PathBuf],
    revision: &mut Revision,
    profiles: &Profiles,
    lang: Lang,
) -> Result<DiffReport, String> {
    let mut report = DiffReport::default();
    for file in files.iter_mut() {
        if let Some(found) = compare_file(&file.file, &file.policy, revision, profiles)? {
            add_findings(file, &found, lang);
            report.files.push(found);
        }
    }
    for path in revision.files_under(paths)? {
        if let Some(found) = removed(&path, revision, profiles)? {
            report.files.push(found);
        }
    }
    Ok(report)
}

/// The comparison of one request file; `None` when its plan did not change, or when
/// the current version does not plan (its own findings say why).
fn compare_file(
    path: &Path,
    policy: &Policy,
    revision: &mut Revision,
    profiles: &Profiles,
) -> Result<Option<FileDiff>, String> {
    let Ok(new_text) = read_text(path) else {
        return Ok(None);
    };
    if revision.unchanged(path) && samples_unchanged(&new_text, path, revision) {
        return Ok(None);
    }
    let old_text = revision
        .read(path)?
        .and_then(|bytes| String::from_utf8(bytes).ok());
    let Some(new) = plan_current(&new_text, path, policy, profiles) else {
        return Ok(None);
    };
    let old = match &old_text {
        Some(text) => plan_at(text, path, policy, revision, profiles)?,
        None => None,
    };
    let shown = path.display().to_string();
    let mut found = diff(
        old.as_ref().map(version),
        Some(Version {
            file: &shown,
            ..version(&new)
        }),
    );
    if found.status == DiffStatus::Unchanged {
        return Ok(None);
    }
    if let Some(old_text) = &old_text {
        found.place = changed_place(old_text, &new_text);
    }
    Ok(Some(found))
}

fn version<'a>(planned: &'a Planned) -> Version<'a> {
    Version {
        file: &planned.shown,
        plan: &planned.plan,
        keys: planned.loaded.keys.as_ref(),
    }
}

/// Whether every file the request names is the same at the revision as now.
fn samples_unchanged(text: &str, path: &Path, revision: &Revision) -> bool {
    match parse_request(text, path) {
        Ok(request) => !referenced(&request).iter().any(|f| revision.differs(f)),
        Err(_) => true,
    }
}

fn referenced(request: &Request) -> Vec<PathBuf> {
    let mut files = Vec::new();
    match &request.subscribe.latency {
        LatencySource::Samples { path, .. } | LatencySource::Histogram { path, .. } => {
            files.push(path.clone());
        }
        LatencySource::Summary { .. } => {}
    }
    files.extend(request.publish.key_sample_file.clone());
    files
}

/// The work tree's version, planned as `kplan check` plans it (with the policy's cap).
fn plan_current<'p>(
    text: &str,
    path: &Path,
    policy: &Policy,
    profiles: &'p Profiles,
) -> Option<Planned<'p>> {
    let request = with_policy_cap(parse_request(text, path).ok()?, policy);
    let loaded = load_parsed_from(request, path, profiles, &Contents::default()).ok()?;
    let plan = plan_to(&loaded.plan_input(), Depth::Sizing);
    Some(Planned {
        loaded,
        plan,
        shown: path.display().to_string(),
    })
}

/// The plan of the revision's text of `path`, its sample files read at the revision
/// too (or from disk when the revision does not have them); `None` when it does not
/// plan, which counts as no plan before.
fn plan_at<'p>(
    text: &str,
    path: &Path,
    policy: &Policy,
    revision: &mut Revision,
    profiles: &'p Profiles,
) -> Result<Option<Planned<'p>>, String> {
    let Ok(request) = parse_request(text, path) else {
        return Ok(None);
    };
    let request = with_policy_cap(request, policy);
    let mut contents = Contents::default();
    for file in referenced(&request) {
        if let Some(bytes) = revision.read(&file)? {
            contents.insert(&file, revision.shown(&file), bytes);
        }
    }
    let Ok(loaded) = load_parsed_from(request, path, profiles, &contents) else {
        return Ok(None);
    };
    let plan = plan_to(&loaded.plan_input(), Depth::Sizing);
    Ok(Some(Planned {
        loaded,
        plan,
        shown: revision.shown(path),
    }))
}

/// A request file the revision has and the work tree does not.
fn removed(
    path: &Path,
    revision: &mut Revision,
    profiles: &Profiles,
) -> Result<Option<FileDiff>, String> {
    let is_toml = path.extension().is_some_and(|e| e == "toml");
    let is_policy = path.file_name().is_some_and(|n| n == POLICY_FILE);
    if !is_toml || is_policy || path.exists() {
        return Ok(None);
    }
    let Some(text) = revision
        .read(path)?
        .and_then(|bytes| String::from_utf8(bytes).ok())
    else {
        return Ok(None);
    };
    if !declares_topic_table(&text) {
        return Ok(None);
    }
    // The file's policy now would be a guess for a file that is gone: the profile's cap.
    let old = plan_at(&text, path, &Policy::default(), revision, profiles)?;
    let mut found = diff(old.as_ref().map(version), None);
    if old.is_none() {
        // It did not plan at the revision either: still a request that went away.
        found.topic = parse_request_located(&text, path)
            .map(|(r, _)| r.topic.name)
            .unwrap_or_default();
        found.old = Some(revision.shown(path));
        found.status = DiffStatus::Removed;
    }
    Ok(Some(found))
}

/// Both versions are compared under today's policy: its cap, as `kplan check` plans.
fn with_policy_cap(mut request: Request, policy: &Policy) -> Request {
    request.limits.max_partitions = effective_cap(&request, policy).0;
    request
}

/// A decrease fails the file; keyed growth is a warning a reviewer must see.
fn add_findings(file: &mut FileReport, found: &FileDiff, lang: Lang) {
    let Some(change) = &found.partition_change else {
        return;
    };
    // Distinct keys, so that an error on the request's volume does not hide the warning.
    let (rule, key) = match change {
        PartitionChange::Decrease { .. } => (Rule::PartitionDecrease, "publish.max_messages"),
        PartitionChange::KeyedGrowth { .. } => (Rule::KeyedPartitionGrowth, "topic.partition_key"),
        PartitionChange::UnkeyedGrowth { .. } => return,
    };
    let hit = Hit {
        rule,
        key,
        message: words::partition_change_message(change),
    };
    let positions = read_text(&file.file)
        .ok()
        .and_then(|text| parse_request_located(&text, &file.file).ok())
        .map(|(_, positions)| positions)
        .unwrap_or_default();
    let mut finding = place(hit, &file.file, &positions, &file.policy, lang);
    if let (Some(finding), Some(at)) = (&mut finding, found.place) {
        finding.position = Some(at);
    }
    file.findings.extend(finding);
}
