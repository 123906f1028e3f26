//! Replays the fuzz corpus and every crash reproducer through the fuzz targets' own
//! code, so a fixed crash stays fixed in the normal test run.

#[path = "fuzz/harness.rs"]
mod harness;

use std::path::Path;

fn replay(target: &str, run: fn(&[u8])) -> usize {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz");
    let mut replayed = 0;
    for folder in ["corpus", "regressions"] {
        let Ok(entries) = std::fs::read_dir(root.join(folder).join(target)) else {
            continue;
        };
        for entry in entries {
            let path = entry.expect("corpus entry").path();
            let data = std::fs::read(&path).expect("corpus file");
            let outcome = std::panic::catch_unwind(|| run(&data));
            assert!(outcome.is_ok(), "{target} panics on {}", path.display());
            replayed += 1;
        }
    }
    replayed
}

#[test]
fn the_request_corpus_replays_cleanly() {
    assert!(replay("request", harness::request) > 0);
}

#[test]
fn the_samples_corpus_replays_cleanly() {
    assert!(replay("samples", harness::samples) > 0);
}

#[test]
fn the_keys_corpus_replays_cleanly() {
    assert!(replay("keys", harness::keys) > 0);
}

#[test]
fn the_exposition_corpus_replays_cleanly() {
    assert!(
        replay("exposition", |data| {
            harness::exposition(data);
        }) > 0
    );
}
