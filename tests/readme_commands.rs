//! The README's commands are ones kplan takes: every example line parses as the command
//! line defines it (and those on shipped examples run), and every synopsis names only
//! flags and values the subcommand has.

mod common;

use clap::{CommandFactory, Parser};

use common::{code, kplan, stderr};

/// The `kplan ...` lines of the README's code blocks, continuation lines joined, cut
/// before a pipe, a redirection or a comment.
fn readme_commands() -> Vec<String> {
    let readme = std::fs::read_to_string(common::root().join("README.md")).expect("README");
    let mut commands = Vec::new();
    let mut in_block = false;
    let mut pending = String::new();
    for line in readme.lines() {
        if line.trim_start().starts_with("```") {
            in_block = !in_block;
            continue;
        }
        if !in_block {
            continue;
        }
        let line = line.trim();
        if pending.is_empty() && !line.starts_with("kplan ") {
            continue;
        }
        match line.strip_suffix('\\') {
            Some(head) => pending.push_str(head),
            None => {
                pending.push_str(line);
                commands.push(cut(&pending));
                pending.clear();
            }
        }
    }
    assert!(commands.len() >= 20, "{commands:?}");
    commands
}

fn cut(command: &str) -> String {
    let mut text = command;
    for stop in [" | ", " > ", " #", "  "] {
        if let Some(at) = text.find(stop) {
            text = &text[..at];
        }
    }
    text.trim().to_string()
}

/// A synopsis shows alternatives, optional parts or placeholders.
fn is_synopsis(command: &str) -> bool {
    command.contains('[') || command.contains('|') || command.contains("...")
}

#[test]
fn every_example_command_parses_and_the_runnable_ones_run() {
    let mut ran = 0;
    for command in readme_commands().iter().filter(|c| !is_synopsis(c)) {
        let words: Vec<&str> = command.split_whitespace().collect();
        if let Err(e) = kplan::cli::Cli::try_parse_from(&words) {
            // --help and --version end the parse on purpose.
            use clap::error::ErrorKind::{DisplayHelp, DisplayVersion};
            assert!(
                matches!(e.kind(), DisplayHelp | DisplayVersion),
                "README: `{command}`: {e}"
            );
            continue;
        }
        let runnable = words
            .iter()
            .skip(2)
            .take(1)
            .all(|w| w.starts_with("examples/"))
            && words.len() > 2
            && ["plan", "keys", "simulate", "alerts", "export"].contains(&words[1]);
        if runnable {
            let out = kplan(&words[1..]);
            assert!(code(&out) <= 1, "README: `{command}`: {}", stderr(&out));
            ran += 1;
        }
    }
    assert!(ran >= 3, "ran {ran}");
}

#[test]
fn every_export_target_has_an_example_that_runs() {
    let cli = kplan::cli::Cli::command();
    let export = cli.find_subcommand("export").expect("kplan export");
    let to = export
        .get_arguments()
        .find(|a| a.get_long() == Some("to"))
        .expect("--to");
    let mut missing: Vec<String> = to
        .get_possible_values()
        .iter()
        .map(|v| v.get_name().to_string())
        .collect();
    for command in readme_commands() {
        let words: Vec<&str> = command.split_whitespace().collect();
        if words.get(1) != Some(&"export") || is_synopsis(&command) {
            continue;
        }
        let out = kplan(&words[1..]);
        assert!(code(&out) <= 1, "README: `{command}`: {}", stderr(&out));
        assert!(!out.stdout.is_empty(), "README: `{command}` wrote nothing");
        let target = words.windows(2).find(|w| w[0] == "--to").map(|w| w[1]);
        missing.retain(|t| Some(t.as_str()) != target);
    }
    assert!(
        missing.is_empty(),
        "no README example exports to {missing:?}"
    );
}

#[test]
fn every_synopsis_names_only_flags_and_values_the_subcommand_has() {
    let cli = kplan::cli::Cli::command();
    for command in readme_commands().iter().filter(|c| is_synopsis(c)) {
        let words: Vec<&str> = command.split_whitespace().collect();
        let Some(mut sub) = words.get(1).and_then(|name| cli.find_subcommand(name)) else {
            panic!("README: `{command}`: no such subcommand");
        };
        // `kplan observe latency ...`: the deepest subcommand named.
        for word in &words[2..] {
            match sub.find_subcommand(word) {
                Some(inner) => sub = inner,
                None => break,
            }
        }
        for (i, word) in words.iter().enumerate() {
            let word = word.trim_matches(|c| c == '[' || c == ']');
            let Some(long) = word.strip_prefix("--") else {
                continue;
            };
            let arg = sub
                .get_arguments()
                .chain(cli.get_arguments())
                .find(|a| a.get_long() == Some(long))
                .unwrap_or_else(|| {
                    panic!("README: `{command}`: {} has no --{long}", sub.get_name())
                });
            // `--format table|json`: exactly the values the flag takes.
            let Some(values) = words.get(i + 1).map(|w| w.trim_end_matches(']')) else {
                continue;
            };
            if values.contains('|') {
                let shown: Vec<&str> = values.split('|').collect();
                let taken: Vec<String> = arg
                    .get_possible_values()
                    .iter()
                    .map(|v| v.get_name().to_string())
                    .collect();
                assert_eq!(shown, taken, "README: `{command}`: --{long}");
            }
        }
    }
}
