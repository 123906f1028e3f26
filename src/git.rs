//! Files as a git revision has them, read through the `git` command: one
//! `git cat-file --batch` process answers every read. Read-only: nothing here changes the
//! repository, its index or its work tree.

use std::collections::HashSet;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Component, Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

/// A revision of the repository that holds given paths.
pub struct Revision {
    /// As the user named it (`origin/main`), for messages.
    name: String,
    /// The commit it resolved to when opened, so every read sees the same tree.
    commit: String,
    /// The repository's top folder, resolved; git runs there.
    root: PathBuf,
    /// The current folder, resolved, for naming files as the user would.
    here: PathBuf,
    /// Files (from the top folder) that differ between the revision and the work tree.
    changed: HashSet<String>,
    /// Files (from the top folder) the revision has.
    tracked: HashSet<String>,
    batch: Child,
    input: ChildStdin,
    output: BufReader<ChildStdout>,
}

impl Revision {
    /// Resolves `reference` to a commit of the repository that holds `near` (a file or
    /// folder) and starts the reader; the error says why not (no git, not a
    /// repository, no such revision).
    pub fn open(reference: &str, near: &Path) -> Result<Revision, String> {
        let fail = |why: String| format!("--base {reference}: {why}");
        if reference.starts_with('-') || reference.chars().any(char::is_control) {
            return Err(fail("not a revision name".to_string()));
        }
        let here = std::env::current_dir()
            .and_then(std::fs::canonicalize)
            .map_err(|e| fail(format!("cannot resolve the current folder: {e}")))?;
        let folder = if near.is_dir() {
            near
        } else {
            near.parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."))
        };
        let top = run(folder, &["rev-parse", "--show-toplevel"]).map_err(fail)?;
        let Some(top) = top.map(|t| t.trim_end_matches(['\n', '\r']).to_string()) else {
            return Err(fail(format!(
                "{} is not in a git repository",
                near.display()
            )));
        };
        let root = std::fs::canonicalize(&top).map_err(|e| fail(format!("{top}: {e}")))?;
        let spec = format!("{reference}^{{commit}}");
        let resolved = run(&root, &["rev-parse", "--verify", "--quiet", &spec]).map_err(fail)?;
        let commit = match resolved {
            Some(out) if !out.trim().is_empty() => out.trim().to_string(),
            _ => {
                return Err(fail(
                    "not a commit of this repository (fetch it first, for example git fetch origin main)"
                        .to_string(),
                ));
            }
        };
        let names = |args: &[&str]| -> Result<HashSet<String>, String> {
            let listed = run(&root, args).map_err(fail)?;
            let Some(listed) = listed else {
                return Err(fail("git could not list the revision's files".to_string()));
            };
            Ok(listed
                .split('\0')
                .filter(|n| !n.is_empty())
                .map(String::from)
                .collect())
        };
        let changed = names(&["diff", "--name-only", "-z", "--no-renames", &commit])?;
        let tracked = names(&["ls-tree", "-r", "-z", "--name-only", &commit])?;
        let mut batch = Command::new("git")
            .args(["cat-file", "--batch"])
            .current_dir(&root)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| fail(format!("cannot run git: {e}")))?;
        let (Some(input), Some(output)) = (batch.stdin.take(), batch.stdout.take()) else {
            return Err(fail("cannot talk to git".to_string()));
        };
        Ok(Revision {
            name: reference.to_string(),
            commit,
            root,
            here,
            changed,
            tracked,
            batch,
            input,
            output: BufReader::new(output),
        })
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// `main:topics/orders.toml`: a path as this revision has it, for messages.
    pub fn shown(&self, path: &Path) -> String {
        format!("{}:{}", self.name, path.display())
    }

    /// Whether `path` is the same in the work tree as at the revision (a file the
    /// revision has, unchanged since); from one `git diff` for all files, so unchanged
    /// files cost no read.
    pub fn unchanged(&self, path: &Path) -> bool {
        self.in_repository(path)
            .is_some_and(|p| self.tracked.contains(&p) && !self.changed.contains(&p))
    }

    /// Whether `path` differs between the work tree and the revision: changed or
    /// deleted since. A file neither has, or outside the repository, does not.
    pub fn differs(&self, path: &Path) -> bool {
        self.in_repository(path)
            .is_some_and(|p| self.changed.contains(&p))
    }

    /// The contents of `path` at this revision; `None` when the revision has no such
    /// file, or the path is outside the repository.
    pub fn read(&mut self, path: &Path) -> Result<Option<Vec<u8>>, String> {
        let Some(relative) = self.in_repository(path) else {
            return Ok(None);
        };
        let name = &self.name;
        let failed = |e: std::io::Error| format!("--base {name}: git stopped answering: {e}");
        writeln!(self.input, "{}:{relative}", self.commit).map_err(failed)?;
        self.input.flush().map_err(failed)?;
        let mut header = String::new();
        self.output.read_line(&mut header).map_err(failed)?;
        // `<oid> blob <size>`, or `<object> missing` (or `ambiguous`).
        let fields: Vec<&str> = header.split_whitespace().collect();
        let size = match fields.as_slice() {
            [_, kind, size] => size.parse::<usize>().ok().map(|n| (*kind == "blob", n)),
            _ => None,
        };
        let Some((blob, size)) = size else {
            return Ok(None);
        };
        // The object and its closing newline, read even when it is not a file.
        let mut contents = vec![0; size + 1];
        self.output.read_exact(&mut contents).map_err(failed)?;
        contents.pop();
        Ok(blob.then_some(contents))
    }

    /// The files this revision has under `paths` (files or folders), each named as a
    /// path from the current folder when it is below it, else in full.
    pub fn files_under(&self, paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
        let specs: Vec<String> = paths
            .iter()
            .filter_map(|p| self.in_repository(p))
            .map(|s| if s.is_empty() { ".".to_string() } else { s })
            .collect();
        if specs.is_empty() {
            return Ok(Vec::new());
        }
        let mut args = vec!["ls-tree", "-r", "-z", "--name-only", &self.commit, "--"];
        args.extend(specs.iter().map(String::as_str));
        let listed =
            run(&self.root, &args).map_err(|why| format!("--base {}: {why}", self.name))?;
        Ok(listed
            .unwrap_or_default()
            .split('\0')
            .filter(|name| !name.is_empty())
            .map(|name| {
                let full = self.root.join(name);
                match full.strip_prefix(&self.here) {
                    Ok(relative) => relative.to_path_buf(),
                    Err(_) => full,
                }
            })
            .collect())
    }

    /// `topics/orders.toml`: a path from the repository's top folder, as git names it.
    fn in_repository(&self, path: &Path) -> Option<String> {
        let full = resolved(&self.here.join(path))?;
        let relative = full.strip_prefix(&self.root).ok()?;
        let parts: Option<Vec<&str>> = relative
            .components()
            .map(|c| match c {
                Component::Normal(name) => name.to_str(),
                _ => None,
            })
            .collect();
        let joined = parts?.join("/");
        (!joined.contains('\n')).then_some(joined)
    }
}

impl Drop for Revision {
    fn drop(&mut self) {
        // The reader only ever reads; stop it and wait, so no zombie is left.
        let _ = self.batch.kill();
        let _ = self.batch.wait();
    }
}

/// Runs git in `folder`; `Ok(None)` when it ran and failed, `Err` when it could not run.
fn run(folder: &Path, args: &[&str]) -> Result<Option<String>, String> {
    let output = Command::new("git")
        .args(args)
        .current_dir(folder)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => "git is not installed (or not on PATH)".to_string(),
            _ => format!("cannot run git: {e}"),
        })?;
    if output.status.success() {
        return Ok(Some(String::from_utf8_lossy(&output.stdout).into_owned()));
    }
    Ok(None)
}

/// `path` with `.` and `..` taken out and the symbolic links of its existing part
/// resolved (a deleted file's folder may be gone too).
fn resolved(path: &Path) -> Option<PathBuf> {
    let mut lexical = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                lexical.pop();
            }
            other => lexical.push(other),
        }
    }
    let mut existing = lexical;
    let mut rest = Vec::new();
    while std::fs::symlink_metadata(&existing).is_err() {
        rest.push(existing.file_name()?.to_os_string());
        existing.pop();
    }
    let mut full = std::fs::canonicalize(&existing).ok()?;
    full.extend(rest.iter().rev());
    Some(full)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_resolve_through_dots_and_missing_folders() {
        let here = std::fs::canonicalize(".").expect("the current folder resolves");
        assert_eq!(
            resolved(Path::new("./src/../src/gone/x.toml"))
                .map(|p| p.strip_prefix(&here).map(Path::to_path_buf)),
            Some(Ok(PathBuf::from("src/gone/x.toml")))
        );
    }
}
