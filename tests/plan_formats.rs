//! Golden output of `kplan plan` for every shipped example in every format.

mod common;

use common::{assert_golden, code, kplan, stdout};

const EXAMPLES: [(&str, i32); 3] = [
    ("orders-settlement", 0),
    ("payments-authorized", 0),
    ("clickstream-events", 1),
];
const FORMATS: [(&str, &str); 4] = [
    ("table", "txt"),
    ("json", "json"),
    ("markdown", "md"),
    ("jira", "jira"),
];

#[test]
fn every_example_matches_its_golden_output_in_every_format() {
    for (example, exit) in EXAMPLES {
        for (format, ext) in FORMATS {
            let file = format!("examples/{example}.toml");
            let out = kplan(&["plan", &file, "--format", format]);
            assert_eq!(code(&out), exit, "{example} --format {format}");
            assert_golden(&format!("{example}.{ext}"), &stdout(&out));
        }
    }
}

#[test]
fn table_is_the_default_format() {
    let default = kplan(&["plan", "examples/orders-settlement.toml"]);
    let table = kplan(&[
        "plan",
        "examples/orders-settlement.toml",
        "--format",
        "table",
    ]);
    assert_eq!(stdout(&default), stdout(&table));
}

#[test]
fn the_same_input_gives_byte_identical_output() {
    for (format, _) in FORMATS {
        let args = [
            "plan",
            "examples/payments-authorized.toml",
            "--format",
            format,
        ];
        assert_eq!(kplan(&args).stdout, kplan(&args).stdout, "{format}");
    }
}

#[test]
fn json_carries_the_contract_fields() {
    let out = kplan(&[
        "plan",
        "examples/clickstream-events.toml",
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("valid JSON");
    assert_eq!(json["schema_version"], 2);
    assert_eq!(json["status"], "over-cap");
    assert_eq!(json["required_tps"], 25000.0);
    assert_eq!(json["per_partition_tps"], 250.0);
    // ceil(25000 / (250 x 0.7)) = 143
    assert_eq!(json["partitions"]["needed"], 143);
    assert_eq!(json["partitions"]["recommended"], 30);
    assert_eq!(json["partitions"]["cap"], 30);
    assert_eq!(json["consumers"], 30);
    // ceil(25000 / (30 x 0.7 x 250)) = ceil(4.76) = 5
    assert_eq!(json["fits_under_cap"]["concurrency"], 5);
    assert_eq!(json["producer"]["acks"], "1");
    assert_eq!(json["consumer"]["enable.auto.commit"], "true");
    for key in [
        "acks",
        "linger.ms",
        "max.poll.records",
        "enable.auto.commit",
    ] {
        assert!(
            json["reasons"][key].as_str().is_some_and(|r| !r.is_empty()),
            "{key}"
        );
    }
}

#[test]
fn jira_has_header_rows_code_blocks_and_visible_warnings() {
    let out = stdout(&kplan(&[
        "plan",
        "examples/clickstream-events.toml",
        "--format",
        "jira",
    ]));
    assert!(out.contains("||Setting||Value||Reason||"));
    assert!(out.contains("{code:title=producer.properties}\nacks=1\n"));
    assert!(out.contains("{code:title=consumer.properties}\n"));
    assert!(out.contains("* (!) needs 143 partitions"));
}
