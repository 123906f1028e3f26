//! `kplan keys`: golden output in both formats, partition counts against an independent
//! partitioner, and bad input (exit 2 naming the file and line).

mod common;

use std::path::PathBuf;

use common::{assert_golden, code, java_murmur2, kplan, stderr, stdout};

const SAMPLE: &str = "examples/keys/payments-accounts.txt";

#[test]
fn table_matches_its_golden_output() {
    let out = kplan(&["keys", SAMPLE, "--partitions", "12", "--from", "8"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_golden("keys-payments-accounts.txt", &stdout(&out));
}

#[test]
fn json_matches_its_golden_output() {
    let out = kplan(&["keys", SAMPLE, "--partitions", "12", "--format", "json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_golden("keys-payments-accounts.json", &stdout(&out));
}

fn temp_file(name: &str, bytes: &[u8]) -> PathBuf {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::write(&path, bytes).expect("the test can write its temporary file");
    path
}

#[test]
fn the_independent_partitioner_agrees_with_the_java_vectors() {
    assert_eq!(java_murmur2(b"21"), -973_932_308);
    assert_eq!(java_murmur2(b"a-little-bit-longer-string"), -1_486_304_829);
    assert_eq!(java_murmur2(b"abc"), 479_470_107);
}

#[test]
fn partition_counts_match_an_independent_computation() {
    // Keys of every length from 1 to 20 bytes, repeated unevenly, some non-ASCII.
    let keys: Vec<String> = (0..6000)
        .map(|i: u32| match i % 3 {
            0 => format!("order-{}", i % 1777),
            1 => format!("kunde-ä{}", i * 7919 % 50_000),
            _ => "x".repeat((i % 20 + 1) as usize),
        })
        .collect();
    let file = temp_file("generated-keys.txt", (keys.join("\n") + "\n").as_bytes());
    for partitions in [1u32, 7, 30] {
        let mut expected = vec![0u64; partitions as usize];
        for key in &keys {
            let positive = java_murmur2(key.as_bytes()) & 0x7fff_ffff;
            expected[(positive as u32 % partitions) as usize] += 1;
        }
        let path = file.to_string_lossy();
        let n = partitions.to_string();
        let out = kplan(&["keys", &path, "--partitions", &n, "--format", "json"]);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
        let counts: Vec<u64> = json["counts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_u64().unwrap())
            .collect();
        assert_eq!(counts, expected, "{partitions} partitions");
        assert_eq!(json["keys"], 6000);
        let max = *expected.iter().max().unwrap() as f64;
        assert_eq!(json["max_share"].as_f64().unwrap(), max / 6000.0);
        let mean = 6000.0 / f64::from(partitions);
        assert_eq!(json["imbalance"].as_f64().unwrap(), max / mean);
    }
}

#[test]
fn from_prints_the_share_of_keys_that_move() {
    let out = kplan(&[
        "keys",
        SAMPLE,
        "--partitions",
        "12",
        "--from",
        "6",
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json["moved"]["from"], 6);
    // Doubling keeps a key exactly when its hash mod 12 is below 6: half, for uniform keys.
    assert_eq!(json["moved"]["uniform_share"], 0.5);
    let share = json["moved"]["share"].as_f64().unwrap();
    assert!((share - 0.5).abs() < 0.05, "{share}");
}

#[test]
fn a_byte_order_mark_and_crlf_are_not_part_of_keys() {
    let out = kplan(&[
        "keys",
        "tests/fixtures/keys/bom-crlf.txt",
        "--partitions",
        "3",
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(
        (json["keys"].as_u64(), json["distinct_keys"].as_u64()),
        (Some(3), Some(2))
    );
    assert_eq!(json["frequent_keys"][0]["key"], "order-1");
    assert_eq!(json["frequent_keys"][0]["count"], 2);
}

/// (arguments, the exact standard error)
const BAD: &[(&[&str], &str)] = &[
    (
        &[
            "keys",
            "tests/fixtures/keys/not-utf8.txt",
            "--partitions",
            "3",
        ],
        "error: tests/fixtures/keys/not-utf8.txt:3: key is not valid UTF-8\n",
    ),
    (
        &["keys", "tests/fixtures/keys/empty.txt", "--partitions", "3"],
        "error: tests/fixtures/keys/empty.txt: holds no keys\n",
    ),
    (
        &[
            "keys",
            "tests/fixtures/keys/no-such.txt",
            "--partitions",
            "3",
        ],
        "error: tests/fixtures/keys/no-such.txt: cannot read: no such file\n",
    ),
    (
        &["keys", SAMPLE, "--partitions", "6", "--from", "12"],
        "error: --from 12 is above --partitions 6: a Kafka topic's partitions only grow\n",
    ),
];

#[test]
fn bad_input_exits_2_naming_the_file_and_line() {
    for (args, expected) in BAD {
        let out = kplan(args);
        assert_eq!(code(&out), 2, "{args:?}");
        assert_eq!(stderr(&out), *expected, "{args:?}");
        assert!(stdout(&out).is_empty(), "{args:?}");
    }
}

#[test]
fn a_partition_count_of_zero_is_a_usage_error() {
    let out = kplan(&["keys", SAMPLE, "--partitions", "0"]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("--partitions"), "{}", stderr(&out));
}

/// Several read blocks of skewed keys: counts per partition, distinct keys, the ten most
/// frequent keys (ties by key bytes) and the share of distinct keys that move from 16 to
/// 24 partitions, each against a plain `HashMap` and the Java partitioner above.
#[test]
fn a_big_skewed_file_matches_a_hash_map_count() {
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let mut keys = Vec::with_capacity(600_000);
    for i in 0..600_000u32 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let draw = state % 1_000_000;
        keys.push(match i % 10 {
            // A few hot keys, a warm middle and a long tail of once-seen keys.
            0 => format!("hot-{}", draw % 7),
            1..=3 => format!("customer-{:08}", draw % 20_000),
            _ => format!("tail-{draw}-ü"),
        });
    }
    let file = temp_file("skewed-keys.txt", (keys.join("\n") + "\n").as_bytes());
    assert!(
        std::fs::metadata(&file).unwrap().len() > 8 << 20,
        "more than two blocks"
    );

    let mut counts: std::collections::HashMap<&str, u64> = std::collections::HashMap::new();
    for key in &keys {
        *counts.entry(key).or_default() += 1;
    }
    let partition = |key: &str, n: u32| (java_murmur2(key.as_bytes()) & 0x7fff_ffff) as u32 % n;
    let mut per_partition = vec![0u64; 24];
    for (key, n) in &counts {
        per_partition[partition(key, 24) as usize] += n;
    }
    let moved = counts
        .keys()
        .filter(|k| partition(k, 16) != partition(k, 24))
        .count() as f64
        / counts.len() as f64;
    let mut ranked: Vec<(&str, u64)> = counts.iter().map(|(k, n)| (*k, *n)).collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.as_bytes().cmp(b.0.as_bytes())));

    let path = file.to_string_lossy();
    let args = [
        "keys",
        &path,
        "--partitions",
        "24",
        "--from",
        "16",
        "--format",
        "json",
    ];
    let out = kplan(&args);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json["keys"], 600_000);
    assert_eq!(json["distinct_keys"].as_u64(), Some(counts.len() as u64));
    let got: Vec<u64> = json["counts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_u64().unwrap())
        .collect();
    assert_eq!(got, per_partition);
    let frequent: Vec<(String, u64)> = json["frequent_keys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| {
            (
                k["key"].as_str().unwrap().to_string(),
                k["count"].as_u64().unwrap(),
            )
        })
        .collect();
    let expected: Vec<(String, u64)> = ranked[..10]
        .iter()
        .map(|(k, n)| (k.to_string(), *n))
        .collect();
    assert_eq!(frequent, expected);
    let share = json["moved"]["share"].as_f64().unwrap();
    assert!((share - moved).abs() < 1e-4, "{share} vs {moved}");
}

#[test]
fn more_distinct_keys_than_the_limit_exit_2_naming_the_line() {
    let file = temp_file("four-keys.txt", b"a\nb\na\nc\nd\n");
    let path = file.to_string_lossy().to_string();
    let out = kplan(&[
        "keys",
        &path,
        "--partitions",
        "3",
        "--max-distinct-keys",
        "2",
    ]);
    assert_eq!(code(&out), 2);
    assert_eq!(
        stderr(&out),
        format!(
            "error: {path}:4: more than 2 distinct keys, the limit (each takes about 40 bytes of memory beside its own bytes); raise it with --max-distinct-keys or KPLAN_MAX_DISTINCT_KEYS, or sample fewer keys\n"
        )
    );
    assert!(stdout(&out).is_empty());

    // The environment sets the limit when the flag does not; the flag wins.
    let run = |limit: &str, extra: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_kplan"))
            .args(["keys", &path, "--partitions", "3"])
            .args(extra)
            .env("KPLAN_MAX_DISTINCT_KEYS", limit)
            .output()
            .expect("kplan runs")
    };
    let by_env = run("3", &[]);
    assert_eq!(code(&by_env), 2);
    assert!(stderr(&by_env).starts_with(&format!("error: {path}:5: more than 3 distinct")));
    assert_eq!(code(&run("3", &["--max-distinct-keys", "4"])), 0);
    assert_eq!(code(&run("4", &[])), 0);
    let bad = run("lots", &[]);
    assert_eq!(code(&bad), 2);
    assert_eq!(
        stderr(&bad),
        "error: KPLAN_MAX_DISTINCT_KEYS=\"lots\" is not a positive whole number (underscores allowed)\n"
    );
}
