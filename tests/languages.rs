//! Output in Korean (`--lang ko`, `KPLAN_LANG`, the locale): golden reports for every
//! example, still well-formed for the programs that read them (a Markdown parser, Jira's
//! cell rows, a terminal's column widths), and never a change to what scripts read.

mod common;

use std::process::{Command, Output};

use common::{assert_golden, code, kplan, root, stderr, stdout};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use unicode_width::UnicodeWidthStr;

/// Every example, then requests for what the examples leave out: a share group, a
/// KIP-848 consumer group, and a latency histogram with an unknown tail over the cap.
const EXAMPLES: [(&str, i32); 6] = [
    ("orders-settlement", 0),
    ("payments-authorized", 0),
    ("clickstream-events", 1),
    ("share-clicks", 0),
    ("consumer-orders", 0),
    ("histogram-tail", 1),
];

/// The request file of an example name.
fn request_file(example: &str) -> String {
    let examples = format!("examples/{example}.toml");
    if root().join(&examples).exists() {
        examples
    } else {
        format!("tests/fixtures/groups/{example}.toml")
    }
}

fn plan(example: &str, format: &str, lang: &str) -> Output {
    let file = request_file(example);
    kplan(&["plan", &file, "--format", format, "--lang", lang])
}

/// kplan with only the given language variables set.
fn kplan_env(args: &[&str], vars: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_kplan"));
    command.args(args).current_dir(root());
    for name in ["KPLAN_LANG", "LC_ALL", "LC_MESSAGES", "LANG"] {
        command.env_remove(name);
    }
    command.envs(vars.iter().copied());
    command.output().expect("the kplan binary runs")
}

#[test]
fn every_example_matches_its_korean_golden_output() {
    for (example, exit) in EXAMPLES {
        for (format, ext) in [("table", "txt"), ("markdown", "md"), ("jira", "jira")] {
            let out = plan(example, format, "ko");
            assert_eq!(code(&out), exit, "{example} {format}");
            assert_golden(&format!("{example}.ko.{ext}"), &stdout(&out));
        }
    }
}

/// Each table's shape: its row count and the cell count of every row (header first).
fn markdown_tables(text: &str) -> Vec<Vec<usize>> {
    let mut tables = Vec::new();
    let mut cells = 0;
    for event in Parser::new_ext(text, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Table(columns)) => tables.push(vec![columns.len()]),
            Event::Start(Tag::TableHead | Tag::TableRow) => cells = 0,
            Event::Start(Tag::TableCell) => cells += 1,
            Event::End(TagEnd::TableHead | TagEnd::TableRow) => {
                if let Some(table) = tables.last_mut() {
                    table.push(cells);
                }
            }
            _ => {}
        }
    }
    tables
}

#[test]
fn korean_markdown_parses_as_the_same_tables_as_english() {
    for (example, _) in EXAMPLES {
        let ko = markdown_tables(&stdout(&plan(example, "markdown", "ko")));
        let en = markdown_tables(&stdout(&plan(example, "markdown", "en")));
        assert!(ko.len() >= 6, "{example}: {} tables", ko.len());
        assert_eq!(ko, en, "{example}");
        for table in &ko {
            // The column count, then the header row and each body row: all the same.
            assert!(table.iter().all(|&n| n == table[0]), "{example}: {table:?}");
        }
    }
}

/// A Jira table line's cells: split at each `|` that is not escaped.
fn jira_cells(line: &str) -> usize {
    let (body, separator) = match line.strip_prefix("||") {
        Some(header) => (header.strip_suffix("||").unwrap_or(header), "||"),
        None => {
            let row = line.trim_start_matches('|');
            (row.strip_suffix('|').unwrap_or(row), "|")
        }
    };
    let unescaped = body.replace("\\|", "");
    unescaped.split(separator).count()
}

#[test]
fn korean_jira_rows_keep_their_cell_count() {
    for (example, _) in EXAMPLES {
        let text = stdout(&plan(example, "jira", "ko"));
        let mut header = None;
        let mut rows = 0;
        for line in text.lines() {
            if line.starts_with("||") {
                header = Some(jira_cells(line));
            } else if line.starts_with('|') {
                let cells = header.expect("a row follows its header");
                assert_eq!(jira_cells(line), cells, "{example}: {line}");
                rows += 1;
            } else {
                header = None;
            }
        }
        let en = stdout(&plan(example, "jira", "en"));
        let en_rows = en
            .lines()
            .filter(|l| l.starts_with('|') && !l.starts_with("||"));
        assert_eq!(rows, en_rows.count(), "{example}");
        assert!(
            text.contains("h3. 경고\n* (!) ") || !text.contains("h3. 경고"),
            "{example}"
        );
    }
}

/// Korean characters take two columns on a terminal: every line of a drawn table must
/// still be as wide as its top border.
#[test]
fn korean_tables_are_aligned_in_display_columns() {
    for (example, _) in EXAMPLES {
        let text = stdout(&plan(example, "table", "ko"));
        let mut width = None;
        let mut tables = 0;
        for line in text.lines() {
            match line.chars().next() {
                Some('┌') => {
                    width = Some(line.width());
                    tables += 1;
                }
                Some('│' | '╞' | '├' | '└') => {
                    assert_eq!(Some(line.width()), width, "{example}: {line}");
                }
                _ => width = None,
            }
        }
        assert!(tables >= 6, "{example}: {tables} tables");
        assert!(text.contains("파티션"), "{example} is in Korean");
    }
}

/// The texts for people, blanked: the reasons, warnings, guidance and client notes.
fn without_human_text(mut json: serde_json::Value) -> serde_json::Value {
    fn blank(value: &mut serde_json::Value) {
        match value {
            serde_json::Value::String(s) => s.clear(),
            serde_json::Value::Array(items) => items.iter_mut().for_each(blank),
            serde_json::Value::Object(map) => map.values_mut().for_each(blank),
            _ => {}
        }
    }
    for field in ["reasons", "warnings", "guidance"] {
        blank(&mut json[field]);
    }
    if let Some(details) = json["warning_details"].as_array_mut() {
        details.iter_mut().for_each(|d| blank(&mut d["message"]));
    }
    if json.get("client").is_some() {
        blank(&mut json["client"]["reasons"]);
        blank(&mut json["client"]["notes"]);
    }
    json
}

#[test]
fn json_is_the_same_in_every_language_apart_from_the_text_for_people() {
    for (example, _) in EXAMPLES {
        for client in ["java", "librdkafka", "spring"] {
            let json = |lang: &str| {
                let file = request_file(example);
                let args = ["plan", &file, "--format", "json", "--client", client];
                let out = kplan(&[&args[..], &["--lang", lang]].concat());
                serde_json::from_str::<serde_json::Value>(&stdout(&out)).expect("JSON")
            };
            let (en, ko) = (json("en"), json("ko"));
            assert_ne!(
                en["reasons"], ko["reasons"],
                "{example}: reasons follow --lang"
            );
            assert_eq!(en["reason_kinds"], ko["reason_kinds"]);
            assert_eq!(
                without_human_text(en),
                without_human_text(ko),
                "{example} {client}"
            );
        }
    }
}

#[test]
fn properties_are_the_same_in_every_language_apart_from_comments() {
    for (example, _) in EXAMPLES {
        for client in ["java", "librdkafka", "spring"] {
            let text = |lang: &str| {
                let file = request_file(example);
                let args = ["plan", &file, "--format", "properties", "--client", client];
                stdout(&kplan(&[&args[..], &["--lang", lang]].concat()))
            };
            let settings = |text: &str| -> Vec<String> {
                text.lines()
                    .filter(|l| !l.trim_start().starts_with('#'))
                    .map(str::to_string)
                    .collect()
            };
            let (en, ko) = (text("en"), text("ko"));
            assert_ne!(en, ko, "{example} {client}: the comments follow --lang");
            assert_eq!(settings(&en), settings(&ko), "{example} {client}");
            assert!(settings(&en).iter().filter(|l| !l.is_empty()).count() > 10);
        }
    }
}

#[test]
fn korean_templates_plan_cleanly() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    for kind in ["online", "batch"] {
        let out = kplan(&["init", "--type", kind, "--lang", "ko"]);
        assert_eq!(code(&out), 0);
        let text = stdout(&out);
        assert!(
            text.contains("파티션") && text.contains("[subscribe]"),
            "{text}"
        );
        let path = dir.path().join(format!("{kind}.toml"));
        std::fs::write(&path, &text).expect("writable");
        let path = path.to_str().expect("a UTF-8 path");
        for lang in ["en", "ko"] {
            let planned = kplan(&["plan", path, "--lang", lang]);
            assert_eq!(code(&planned), 0, "{kind} {lang}: {}", stderr(&planned));
        }
    }
}

#[test]
fn the_language_comes_from_the_flag_then_kplan_lang_then_the_locale() {
    let args = ["plan", "examples/orders-settlement.toml"];
    let korean = |out: &Output| stdout(out).contains("- 상태: ok");
    assert!(!korean(&kplan_env(&args, &[])), "English by default");
    assert!(korean(&kplan_env(&args, &[("KPLAN_LANG", "ko")])));
    assert!(korean(&kplan_env(&args, &[("LANG", "ko_KR.UTF-8")])));
    assert!(korean(&kplan_env(
        &args,
        &[("LC_MESSAGES", "ko_KR.UTF-8"), ("LANG", "C")]
    )));
    assert!(!korean(&kplan_env(
        &args,
        &[("LC_ALL", "C"), ("LANG", "ko_KR.UTF-8")]
    )));
    assert!(!korean(&kplan_env(
        &args,
        &[("KPLAN_LANG", "en"), ("LANG", "ko_KR.UTF-8")]
    )));
    let flag = [&args[..], &["--lang", "en"]].concat();
    assert!(!korean(&kplan_env(&flag, &[("KPLAN_LANG", "ko")])));
    let flag_first = ["--lang", "ko", "plan", "examples/orders-settlement.toml"];
    assert!(korean(&kplan_env(&flag_first, &[])), "--lang is global");
}

#[test]
fn an_unknown_kplan_lang_is_a_usage_error_naming_it() {
    let out = kplan_env(
        &["plan", "examples/orders-settlement.toml"],
        &[("KPLAN_LANG", "fr")],
    );
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("KPLAN_LANG=\"fr\""),
        "{}",
        stderr(&out)
    );
    assert!(stdout(&out).is_empty());
}

/// `file:line: key: problem`: in Korean only the problem and the `error` word change.
#[test]
fn korean_input_errors_keep_the_file_line_and_key() {
    for fixture in [
        "unknown-key",
        "missing-type-and-delivery",
        "negative",
        "many-problems",
        "share-keyed",
        "share-exactly-once",
        "share-retries",
        "two-latency-sources",
    ] {
        let file = format!("tests/fixtures/bad/{fixture}.toml");
        let en = kplan(&["plan", &file, "--lang", "en"]);
        let ko = kplan(&["plan", &file, "--lang", "ko"]);
        assert_eq!((code(&en), code(&ko)), (2, 2), "{fixture}");
        let (en, ko) = (stderr(&en), stderr(&ko));
        assert_eq!(en.lines().count(), ko.lines().count(), "{fixture}");
        for (e, k) in en.lines().zip(ko.lines()) {
            let e = e.strip_prefix("error: ").expect("an error line");
            let k = k.strip_prefix("오류: ").expect("a Korean error line");
            // The location: the file, the line and the key, up to the problem.
            let place = |l: &str| l.splitn(3, ": ").take(2).collect::<Vec<_>>().join(": ");
            assert_eq!(place(e), place(k), "{fixture}");
            assert!(k.starts_with(&file), "{k}");
        }
    }
    let ko = stderr(&kplan(&[
        "plan",
        "tests/fixtures/bad/unknown-key.toml",
        "--lang",
        "ko",
    ]));
    assert!(ko.contains("알 수 없는 키 `target_minute`"), "{ko}");
    let ko = stderr(&kplan(&[
        "plan",
        "tests/fixtures/bad/share-keyed.toml",
        "--lang",
        "ko",
    ]));
    assert!(
        ko.contains("subscribe.group: \"share\"는 키별 순서를"),
        "{ko}"
    );
}

/// `kplan check` in Korean: the findings' messages follow the language; the verdicts,
/// rule names, annotation syntax, the closing tally and the exit code do not.
#[test]
fn korean_check_findings_keep_what_ci_reads() {
    for format in ["human", "github", "markdown"] {
        let run = |lang: &str| {
            let args = ["check", "tests/fixtures/check/over-cap", "--format", format];
            kplan(&[&args[..], &["--lang", lang]].concat())
        };
        let (en, ko) = (run("en"), run("ko"));
        assert_eq!((code(&en), code(&ko)), (1, 1), "{format}");
        let (en, ko) = (stdout(&en), stdout(&ko));
        assert!(ko.contains("정책 상한 12개"), "{format}: {ko}");
        assert!(
            ko.contains("over-cap") && ko.contains("cap-above-policy"),
            "{ko}"
        );
        if format != "markdown" {
            assert_eq!(en.lines().last(), Some("0 passed, 1 failed"));
            assert_eq!(ko.lines().last(), en.lines().last(), "{format}");
        }
        if format == "github" {
            // Everything up to the message (`::error file=...,line=7,col=1,title=...::`).
            let heads = |text: &str| -> Vec<String> {
                text.lines()
                    .filter_map(|l| l.rsplit_once("::").map(|(head, _)| head.to_string()))
                    .collect()
            };
            assert_eq!(heads(&en), heads(&ko));
        }
    }
    let json = |lang: &str| {
        let args = ["check", "tests/fixtures/check/over-cap", "--format", "json"];
        let out = kplan(&[&args[..], &["--lang", lang]].concat());
        let mut json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON");
        let en_message = json.pointer("/files/0/findings/0/message").cloned();
        if let Some(files) = json["files"].as_array_mut() {
            for file in files {
                if let Some(findings) = file["findings"].as_array_mut() {
                    findings.iter_mut().for_each(|f| f["message"] = "".into());
                }
            }
        }
        (json, en_message)
    };
    let ((en, en_text), (ko, ko_text)) = (json("en"), json("ko"));
    assert_ne!(en_text, ko_text, "the message follows --lang");
    assert_eq!(en, ko);
}
