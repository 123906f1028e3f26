//! `kplan completions SHELL` and `kplan man`: generated from the clap types, so they
//! cover every subcommand and flag.

mod common;

use common::{code, kplan, stdout};

const SUBCOMMANDS: [&str; 6] = ["plan", "init", "schema", "alerts", "completions", "man"];

#[test]
fn completion_scripts_cover_every_subcommand() {
    for (shell, marker) in [
        ("bash", "complete -F _kplan"),
        ("zsh", "#compdef kplan"),
        ("fish", "complete -c kplan"),
    ] {
        let out = kplan(&["completions", shell]);
        assert_eq!(code(&out), 0, "{shell}");
        let script = stdout(&out);
        assert!(script.contains(marker), "{shell}");
        // Flags as fish spells them too (`-l client`), and a flag's values.
        for word in SUBCOMMANDS.iter().chain(&["client", "chart", "librdkafka"]) {
            assert!(script.contains(word), "{shell} lacks {word}");
        }
    }
}

#[test]
fn the_bash_script_is_valid_bash() {
    let script = stdout(&kplan(&["completions", "bash"]));
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("kplan.bash");
    std::fs::write(&file, script).expect("writable");
    let checked = std::process::Command::new("bash")
        .arg("-n")
        .arg(&file)
        .output()
        .expect("bash runs");
    assert!(
        checked.status.success(),
        "{}",
        String::from_utf8_lossy(&checked.stderr)
    );
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    assert_eq!(code(&kplan(&["completions", "tcsh"])), 2);
}

#[test]
fn the_manual_page_lists_every_subcommand() {
    let out = kplan(&["man"]);
    assert_eq!(code(&out), 0);
    let page = stdout(&out);
    assert!(page.contains(".TH kplan 1"), "{page}");
    for name in SUBCOMMANDS {
        assert!(page.contains(&format!("kplan\\-{name}(1)")), "{name}");
    }
    // clap's own `help` subcommand has no page of its own to point to.
    assert!(!page.contains("kplan\\-help"));
}

#[test]
fn man_dir_writes_a_page_per_subcommand() {
    let dir = tempfile::tempdir().expect("temp dir");
    // A folder that does not exist yet: kplan man creates it.
    let arg = dir.path().join("man1").to_string_lossy().to_string();
    let out = kplan(&["man", "--dir", &arg]);
    assert_eq!(code(&out), 0);
    let listed: Vec<String> = stdout(&out).lines().map(str::to_string).collect();
    assert_eq!(listed.first(), Some(&format!("{arg}/kplan.1")));
    // Every subcommand has its page; other branches' subcommands are listed too.
    for name in SUBCOMMANDS {
        assert!(listed.contains(&format!("{arg}/kplan-{name}.1")), "{name}");
    }
    for page in &listed {
        let text = std::fs::read_to_string(page).expect("a listed page exists");
        assert!(text.contains(".TH kplan"), "{page}");
    }
    let plan = std::fs::read_to_string(dir.path().join("man1/kplan-plan.1")).expect("written");
    assert!(plan.contains(".TH kplan-plan 1"), "{plan}");
    assert!(plan.contains("\\fB\\-\\-client\\fR \\fI<CLIENT>\\fR [default: java]"));
    assert!(plan.contains("kplan plan request.toml \\-\\-chart partitions.svg"));
}
