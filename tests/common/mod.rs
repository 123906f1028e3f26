//! Helpers shared by the command-level tests: run the real binary from the project
//! root, and compare output with golden files.

#![allow(dead_code)]

use std::path::PathBuf;
use std::process::{Command, Output};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs kplan from the project root, so paths in output are stable, in English
/// whatever the locale of the machine (`--lang` still chooses).
pub fn kplan(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kplan"))
        .args(args)
        .env("KPLAN_LANG", "en")
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
        .env("KPLAN_LANG", "en")
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

/// Compares `actual` with `tests/golden/<name>` through snapbox, which shows a diff on a
/// mismatch; `SNAPSHOTS=overwrite` (or `KPLAN_BLESS=1`) rewrites the file instead. The
/// comparison is exact: no wildcards, no path rewriting.
pub fn assert_golden(name: &str, actual: &str) {
    let path = root().join("tests/golden").join(name);
    let mut assert = snapbox::Assert::new()
        .action_env("SNAPSHOTS")
        .redact_with(snapbox::Redactions::new())
        .normalize_paths(false);
    if std::env::var_os("KPLAN_BLESS").is_some() {
        assert = assert.action(snapbox::assert::Action::Overwrite);
    }
    assert.eq(actual, snapbox::Data::read_from(&path, None).raw());
}

/// Kafka's `Utils.murmur2`, transcribed from the Java client statement by statement with
/// Java's wrapping `int` arithmetic: a second implementation, independent of src/keys.rs.
pub fn java_murmur2(data: &[u8]) -> i32 {
    let length = data.len() as i32;
    let m: i32 = 0x5bd1_e995;
    let mut h: i32 = (0x9747_b28c_u32 as i32) ^ length;
    let byte = |i: i32| i32::from(data[i as usize]) & 0xff;
    for i in 0..length / 4 {
        let i4 = i * 4;
        let mut k = byte(i4)
            .wrapping_add(byte(i4 + 1) << 8)
            .wrapping_add(byte(i4 + 2) << 16)
            .wrapping_add(byte(i4 + 3) << 24);
        k = k.wrapping_mul(m);
        k ^= ((k as u32) >> 24) as i32;
        k = k.wrapping_mul(m);
        h = h.wrapping_mul(m);
        h ^= k;
    }
    let tail = length & !3;
    // Java's switch falls through from case 3 to case 1.
    if length % 4 >= 3 {
        h ^= byte(tail + 2) << 16;
    }
    if length % 4 >= 2 {
        h ^= byte(tail + 1) << 8;
    }
    if length % 4 >= 1 {
        h ^= byte(tail);
        h = h.wrapping_mul(m);
    }
    h ^= ((h as u32) >> 13) as i32;
    h = h.wrapping_mul(m);
    h ^= ((h as u32) >> 15) as i32;
    h
}
