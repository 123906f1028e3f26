//! Helpers shared by the command-level tests: run the real binary from the project
//! root, and compare output with golden files.

#![allow(dead_code)]

use std::path::PathBuf;
use std::process::{Command, Output};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs kplan from the project root, so paths in output are stable.
pub fn kplan(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kplan"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("the kplan binary runs")
}

/// Runs kplan as [`kplan`] does, but gives up after `limit`: `None` when it was still
/// running (it is killed then). Its output is read while it runs, so a long output never
/// blocks it.
pub fn kplan_within(args: &[&str], limit: std::time::Duration) -> Option<Output> {
    use std::io::Read;
    let mut child = Command::new(env!("CARGO_BIN_EXE_kplan"))
        .args(args)
        .current_dir(root())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the kplan binary runs");
    let drain = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_end(&mut bytes);
            }
            bytes
        })
    };
    let out = drain(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let err = drain(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let start = std::time::Instant::now();
    while start.elapsed() < limit {
        if let Some(status) = child.try_wait().expect("kplan can be waited for") {
            return Some(Output {
                status,
                stdout: out.join().expect("stdout read"),
                stderr: err.join().expect("stderr read"),
            });
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let _ = child.kill();
    let _ = child.wait();
    None
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8")
}

pub fn code(output: &Output) -> i32 {
    output
        .status
        .code()
        .expect("kplan exits with a code, not a signal")
}

/// Compares `actual` with `tests/golden/<name>`; `KPLAN_BLESS=1` rewrites the file.
pub fn assert_golden(name: &str, actual: &str) {
    let path = root().join("tests/golden").join(name);
    if std::env::var_os("KPLAN_BLESS").is_some() {
        std::fs::write(&path, actual).expect("golden file is writable");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "missing golden file {}; run with KPLAN_BLESS=1",
            path.display()
        )
    });
    if expected != actual {
        let first = expected
            .lines()
            .zip(actual.lines())
            .position(|(e, a)| e != a)
            .unwrap_or(expected.lines().count().min(actual.lines().count()));
        panic!(
            "{name} differs from its golden file at line {}:\n  golden: {:?}\n  actual: {:?}\n(KPLAN_BLESS=1 rewrites golden files)",
            first + 1,
            expected.lines().nth(first),
            actual.lines().nth(first)
        );
    }
}
