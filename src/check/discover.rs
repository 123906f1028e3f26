//! Finds the request files under the paths given, and the policy for each: the
//! `kplan-policy.toml` of the nearest folder above it, searched up to the root of the
//! repository (a folder holding `.git`). Each folder's policy is read once.
//!
//! Folders are walked as ripgrep and fd walk them (the `ignore` crate): hidden entries,
//! `.gitignore`, `.ignore` and git's exclude files are honoured. Of the `*.toml` files
//! found, only those with a `[topic]` table are requests, so that `Cargo.toml`,
//! `pyproject.toml` or `taplo.toml` beside them are left alone.

use std::collections::HashMap;
use std::ffi::OsStr;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use ignore::overrides::{Override, OverrideBuilder};

use super::policy::{POLICY_FILE, Policy, load_policy};
use crate::diagnostic::Diagnostic;
use crate::error::Failure;
use crate::input::file::{io_reason, read_bytes, without_bom};

/// Folders never searched: build output.
const SKIPPED_FOLDERS: &[&str] = &["target"];

/// What the paths of a run hold.
#[derive(Debug, Default)]
pub struct Found {
    /// Files named on the command line: requests, whatever they hold.
    pub requests: Vec<PathBuf>,
    /// `*.toml` files found in folders; which are requests depends on their policy.
    pub searched: Vec<PathBuf>,
    /// Policy files named on the command line: read and validated, never checked as
    /// requests (a pre-commit hook passes every changed `.toml`).
    pub policies: Vec<PathBuf>,
}

/// Walks `paths`: files are taken as given, folders searched for request files.
pub fn find_requests(paths: &[PathBuf]) -> Result<Found, Failure> {
    let mut found = Found::default();
    for path in paths {
        let meta = std::fs::metadata(path)
            .map_err(|e| Failure::Usage(format!("{}: {}", path.display(), missing_reason(&e))))?;
        if meta.is_dir() {
            walk(path, &mut found.searched)?;
        } else if path.file_name() == Some(OsStr::new(POLICY_FILE)) {
            found.policies.push(path.clone());
        } else {
            found.requests.push(path.clone());
        }
    }
    Ok(found)
}

fn missing_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".to_string(),
        _ => io_reason(e),
    }
}

/// Collects the `*.toml` files under `folder` that no ignore file leaves out.
fn walk(folder: &Path, tomls: &mut Vec<PathBuf>) -> Result<(), Failure> {
    let walker = ignore::WalkBuilder::new(folder)
        .filter_entry(|entry| {
            let skipped = entry.depth() > 0
                && entry.file_type().is_some_and(|t| t.is_dir())
                && SKIPPED_FOLDERS.contains(&entry.file_name().to_string_lossy().as_ref());
            !skipped
        })
        .build();
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => match e.io_error() {
                Some(io) => {
                    return Err(Failure::Usage(format!(
                        "{}: cannot read: {}",
                        folder.display(),
                        io_reason(io)
                    )));
                }
                // A pattern git would not understand in an ignore file: git skips it
                // too, and the walk goes on.
                None => continue,
            },
        };
        let name = entry.file_name().to_string_lossy();
        if !name.ends_with(".toml") || name == POLICY_FILE {
            continue;
        }
        let path = entry.path();
        // The entry's own type is free; only a link costs a look at its target.
        let candidate = match entry.file_type() {
            Some(kind) if kind.is_file() => true,
            Some(kind) if kind.is_symlink() => is_file_or_broken(path),
            _ => false,
        };
        if candidate {
            tomls.push(path.to_path_buf());
        }
    }
    Ok(())
}

/// Whether a `*.toml` found in a folder is a request when its policy has no `include`:
/// one with a `[topic]` table. A file that cannot be read (or is too large to be a
/// request) counts, so that a request the check cannot read fails instead of vanishing;
/// so does a broken one that still declares the table.
fn is_request(path: &Path) -> bool {
    match read_bytes(path) {
        Ok(bytes) => declares_topic_table(&String::from_utf8_lossy(&bytes)),
        Err(_) => true,
    }
}

/// Whether TOML text declares the root `topic` table: a `[topic]` (or `[topic.x]`)
/// header, a root `topic.key = ...`, or a root `topic = { ... }`. Read line by line
/// rather than parsed, so that a request with a syntax error is still found.
pub(crate) fn declares_topic_table(text: &str) -> bool {
    let mut at_root = true;
    for line in without_bom(text).lines() {
        let line = line.trim_start();
        if let Some(header) = line.strip_prefix('[') {
            if !header.starts_with('[')
                && key_is_topic(header)
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with([']', '.']))
            {
                return true;
            }
            at_root = false;
        } else if at_root {
            let declares = key_is_topic(line).is_some_and(|rest| {
                rest.starts_with('.')
                    || rest
                        .strip_prefix('=')
                        .is_some_and(|value| value.trim_start().starts_with('{'))
            });
            if declares {
                return true;
            }
        }
    }
    false
}

/// What follows a leading `topic` key (bare or quoted), blanks skipped.
fn key_is_topic(text: &str) -> Option<&str> {
    let text = text.trim_start();
    let rest = ["topic", "\"topic\"", "'topic'"]
        .iter()
        .find_map(|key| text.strip_prefix(key))?;
    Some(rest.trim_start())
}

/// A policy's `include` and `exclude` globs, rooted at its folder; `None` without any.
/// With an `include`, a file it does not name is left out (`Match::Ignore`).
fn selection(root: &Path, policy: &Policy) -> Option<Override> {
    if policy.include.is_empty() && policy.exclude.is_empty() {
        return None;
    }
    let mut builder = OverrideBuilder::new(root);
    let excludes = policy.exclude.iter().map(|glob| format!("!{glob}"));
    for glob in policy.include.iter().cloned().chain(excludes) {
        // Each glob was checked when the policy was read.
        builder.add(&glob).ok()?;
    }
    builder.build().ok()
}

/// Whether a link is checked as a request: when it leads to a file, or nowhere (dangling
/// or looping), so that a request file a CI gate cannot read fails instead of vanishing.
/// Links to folders are not followed: they could loop.
fn is_file_or_broken(path: &Path) -> bool {
    std::fs::metadata(path).map_or(true, |m| m.is_file())
}

/// The policies of a run, one per folder, read once each.
pub struct Policies {
    /// The working folder, to show policy paths as the user would type them.
    cwd: PathBuf,
    by_folder: HashMap<PathBuf, Arc<Policy>>,
    /// Each policy's include and exclude globs, by the policy's folder.
    selections: HashMap<PathBuf, Option<Arc<Override>>>,
    problems: Vec<Diagnostic>,
    none: Arc<Policy>,
}

impl Policies {
    /// The requests of `found`, sorted by path, each once, with their policies; every
    /// broken policy file is reported at once (exit 2), since its rules cannot be applied.
    pub fn for_requests(found: &Found) -> Result<Vec<(PathBuf, Arc<Policy>)>, Failure> {
        let cwd = std::env::current_dir()
            .map_err(|e| Failure::Usage(format!("cannot read the working folder: {e}")))?;
        let mut policies = Policies {
            cwd,
            by_folder: HashMap::new(),
            selections: HashMap::new(),
            problems: Vec::new(),
            none: Arc::new(Policy::default()),
        };
        for policy in &found.policies {
            let folder = policies.absolute(policy.parent().unwrap_or(Path::new("")));
            policies.policy_of(&folder);
        }
        let mut requests = found.requests.clone();
        for path in &found.searched {
            if policies.selects(path) {
                requests.push(path.clone());
            }
        }
        requests.sort();
        requests.dedup();
        let mut paired = Vec::with_capacity(requests.len());
        for request in requests {
            let folder = policies.absolute(request.parent().unwrap_or(Path::new("")));
            let policy = policies.policy_of(&folder);
            paired.push((request, policy));
        }
        if policies.problems.is_empty() {
            Ok(paired)
        } else {
            Err(Failure::Input(policies.problems))
        }
    }

    /// Whether a file found in a folder is a request: its policy's `include` and
    /// `exclude` globs decide, or without an `include`, its `[topic]` table.
    fn selects(&mut self, path: &Path) -> bool {
        let absolute = self.absolute(path);
        let folder = absolute.parent().unwrap_or(Path::new("/")).to_path_buf();
        let policy = self.policy_of(&folder);
        let decided =
            self.selection(&policy)
                .and_then(|globs| match globs.matched(&absolute, false) {
                    ignore::Match::Ignore(_) => Some(false),
                    ignore::Match::Whitelist(_) => Some(true),
                    ignore::Match::None => None,
                });
        decided.unwrap_or_else(|| is_request(path))
    }

    /// The globs of `policy`, built once per policy file.
    fn selection(&mut self, policy: &Policy) -> Option<Arc<Override>> {
        let file = policy.file.as_ref()?;
        let root = self.absolute(file.parent().unwrap_or(Path::new("")));
        self.selections
            .entry(root)
            .or_insert_with_key(|root| selection(root, policy).map(Arc::new))
            .clone()
    }

    /// The working folder joined with `path`, with `.` and `..` resolved by name.
    fn absolute(&self, path: &Path) -> PathBuf {
        let mut absolute = PathBuf::new();
        for component in self.cwd.join(path).components() {
            match component {
                Component::CurDir => {}
                Component::ParentDir => {
                    absolute.pop();
                }
                other => absolute.push(other),
            }
        }
        absolute
    }

    /// The policy for requests in `folder` (absolute), looking upward once per folder.
    fn policy_of(&mut self, folder: &Path) -> Arc<Policy> {
        if let Some(policy) = self.by_folder.get(folder) {
            return Arc::clone(policy);
        }
        let file = folder.join(POLICY_FILE);
        let policy = if file.is_file() {
            let shown = file.strip_prefix(&self.cwd).unwrap_or(&file).to_path_buf();
            match load_policy(&shown) {
                Ok(policy) => Arc::new(policy),
                Err(problems) => {
                    self.problems.extend(problems);
                    Arc::clone(&self.none)
                }
            }
        } else if folder.join(".git").exists() {
            Arc::clone(&self.none)
        } else {
            match folder.parent() {
                Some(parent) => self.policy_of(parent),
                None => Arc::clone(&self.none),
            }
        };
        self.by_folder
            .insert(folder.to_path_buf(), Arc::clone(&policy));
        policy
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_is_toml_that_declares_the_topic_table() {
        for (text, expected) in [
            ("[topic]\nname = \"a\"\n", true),
            ("# a request\n\n  [ topic ]\n", true),
            ("[\"topic\"]\n", true),
            ("\u{feff}[topic]\n", true),
            ("[topic.extra]\n", true),
            ("topic.name = \"a\"\n[publish]\n", true),
            ("topic = { name = \"a\" }\n", true),
            ("[topic\nbroken = \n", true),
            ("[topics]\n", false),
            ("[[topic]]\n", false),
            ("[package]\nname = \"kplan\"\n", false),
            ("[tool.kafka]\ntopic = \"a\"\n", false),
            ("[tool.kafka]\ntopic = { name = \"a\" }\n", false),
            ("topic = \"a\"\n", false),
            ("", false),
        ] {
            assert_eq!(declares_topic_table(text), expected, "{text:?}");
        }
    }
}
