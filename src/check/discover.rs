//! Finds the request files under the paths given, and the policy for each: the
//! `kplan-policy.toml` of the nearest folder above it, searched up to the root of the
//! repository (a folder holding `.git`). Each folder's policy is read once.

use std::collections::HashMap;
use std::ffi::OsStr;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use super::policy::{POLICY_FILE, Policy, load_policy};
use crate::diagnostic::Diagnostic;
use crate::error::Failure;
use crate::request::parse::io_reason;

/// Folders never searched: build output.
const SKIPPED_FOLDERS: &[&str] = &["target"];

/// What the paths of a run hold.
#[derive(Debug, Default)]
pub struct Found {
    /// Request files, sorted by path, each once.
    pub requests: Vec<PathBuf>,
    /// Policy files named on the command line: read and validated, never checked as
    /// requests (a pre-commit hook passes every changed `.toml`).
    pub policies: Vec<PathBuf>,
}

/// Walks `paths`: files are taken as given, folders searched for `*.toml` files.
pub fn find_requests(paths: &[PathBuf]) -> Result<Found, Failure> {
    let mut found = Found::default();
    for path in paths {
        let meta = std::fs::metadata(path)
            .map_err(|e| Failure::Usage(format!("{}: {}", path.display(), missing_reason(&e))))?;
        if meta.is_dir() {
            walk(path, &mut found.requests)?;
        } else if path.file_name() == Some(OsStr::new(POLICY_FILE)) {
            found.policies.push(path.clone());
        } else {
            found.requests.push(path.clone());
        }
    }
    found.requests.sort();
    found.requests.dedup();
    Ok(found)
}

fn missing_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".to_string(),
        _ => io_reason(e),
    }
}

fn walk(folder: &Path, requests: &mut Vec<PathBuf>) -> Result<(), Failure> {
    let unreadable = |e: std::io::Error| {
        Failure::Usage(format!(
            "{}: cannot read: {}",
            folder.display(),
            io_reason(&e)
        ))
    };
    for entry in std::fs::read_dir(folder).map_err(unreadable)? {
        let entry = entry.map_err(unreadable)?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') {
            continue;
        }
        let path = entry.path();
        let kind = entry.file_type().map_err(unreadable)?;
        if kind.is_dir() {
            if !SKIPPED_FOLDERS.contains(&name.as_ref()) {
                walk(&path, requests)?;
            }
        } else if name.ends_with(".toml") && name != POLICY_FILE {
            // The entry's own type is free; only a link costs a look at its target.
            if kind.is_file() || (kind.is_symlink() && is_file_or_broken(&path)) {
                requests.push(path);
            }
        }
    }
    Ok(())
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
    problems: Vec<Diagnostic>,
    none: Arc<Policy>,
}

impl Policies {
    /// The policy of every request of `found`, in order; every broken policy file is
    /// reported at once (exit 2), since its rules cannot be applied.
    pub fn for_requests(found: &Found) -> Result<Vec<(PathBuf, Arc<Policy>)>, Failure> {
        let cwd = std::env::current_dir()
            .map_err(|e| Failure::Usage(format!("cannot read the working folder: {e}")))?;
        let mut policies = Policies {
            cwd,
            by_folder: HashMap::new(),
            problems: Vec::new(),
            none: Arc::new(Policy::default()),
        };
        for policy in &found.policies {
            let folder = policies.absolute(policy.parent().unwrap_or(Path::new("")));
            policies.policy_of(&folder);
        }
        let mut paired = Vec::with_capacity(found.requests.len());
        for request in &found.requests {
            let folder = policies.absolute(request.parent().unwrap_or(Path::new("")));
            paired.push((request.clone(), policies.policy_of(&folder)));
        }
        if policies.problems.is_empty() {
            Ok(paired)
        } else {
            Err(Failure::Input(policies.problems))
        }
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
