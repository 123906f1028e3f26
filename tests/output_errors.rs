//! Output that cannot be written: exit 2 (CI reads 1 as "over the cap"), with the
//! destination named. /dev/full fails every write with ENOSPC, as a full disk does.

mod common;

use std::fs::File;
use std::process::{Command, Stdio};

use common::{code, kplan, root, stderr};

const EXAMPLE: &str = "examples/orders-settlement.toml";

#[cfg(target_os = "linux")]
#[test]
fn a_full_standard_output_exits_2_naming_standard_output() {
    let full = File::create("/dev/full").expect("/dev/full opens for writing");
    for args in [
        vec!["plan", EXAMPLE],
        vec!["plan", EXAMPLE, "--format", "json"],
        vec!["alerts", EXAMPLE],
        vec!["schema"],
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_kplan"))
            .args(&args)
            .current_dir(root())
            .stdout(Stdio::from(full.try_clone().expect("a second handle")))
            .output()
            .expect("kplan runs");
        assert_eq!(code(&out), 2, "{args:?}");
        let err = stderr(&out);
        assert!(err.contains("standard output"), "{args:?}: {err}");
        assert!(err.contains("No space left on device"), "{args:?}: {err}");
    }
}

#[test]
fn a_chart_that_cannot_be_written_exits_2_naming_its_path() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let chart = dir.path().join("no-such-folder").join("plan.svg");
    let chart = chart.to_str().expect("a UTF-8 path");
    let out = kplan(&["plan", EXAMPLE, "--chart", chart]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains(chart), "{}", stderr(&out));
    #[cfg(target_os = "linux")]
    {
        let out = kplan(&["plan", EXAMPLE, "--chart", "/dev/full"]);
        assert_eq!(code(&out), 2);
        assert!(stderr(&out).contains("--chart /dev/full"));
    }
}
