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
/// running (it is killed then).
pub fn kplan_within(args: &[&str], limit: std::time::Duration) -> Option<Output> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kplan"))
        .args(args)
        .current_dir(root())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the kplan binary runs");
    let start = std::time::Instant::now();
    while start.elapsed() < limit {
        if child.try_wait().expect("kplan can be waited for").is_some() {
            return Some(child.wait_with_output().expect("kplan's output"));
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
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
