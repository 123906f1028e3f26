//! `kplan completions SHELL` and `kplan man`, checked by the programs that read them:
//! bash and fish complete with the scripts, zsh and fish parse them, and mandoc lints and
//! man renders the pages.

mod common;

use std::path::Path;
use std::process::Command;

use clap::CommandFactory;

use common::{code, kplan, stdout};

/// Every subcommand the command line defines, clap's own `help` aside.
fn subcommands() -> Vec<String> {
    let names: Vec<String> = kplan::cli::Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .filter(|name| name != "help")
        .collect();
    assert!(names.len() >= 10, "{names:?}");
    names
}

/// Runs `program args`, which must succeed; its standard output.
fn run(program: &str, args: &[&str]) -> String {
    let out = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program} runs (.ci/test installs it): {e}"));
    assert!(
        out.status.success(),
        "{program} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

fn script(shell: &str, dir: &Path) -> String {
    let out = kplan(&["completions", shell]);
    assert_eq!(code(&out), 0, "{shell}");
    let file = dir.join(format!("kplan.{shell}"));
    std::fs::write(&file, stdout(&out)).expect("writable");
    file.display().to_string()
}

/// What bash's completion offers for the words typed so far (the last one being
/// completed).
fn bash_complete(file: &str, words: &[&str]) -> Vec<String> {
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let program = format!(
        "source '{file}'; COMP_WORDS=({}); COMP_CWORD={}; COMP_LINE='{}'; COMP_POINT=${{#COMP_LINE}}; \
         _kplan kplan '{}' '{}'; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        quoted.join(" "),
        words.len() - 1,
        words.join(" "),
        words[words.len() - 1],
        words[words.len() - 2],
    );
    run("bash", &["-c", &program])
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn bash_completes_every_subcommand_and_a_flags_values() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = script("bash", dir.path());
    let offered = bash_complete(&file, &["kplan", ""]);
    for name in subcommands() {
        assert!(
            offered.contains(&name),
            "bash does not offer {name}: {offered:?}"
        );
    }
    let clients = bash_complete(&file, &["kplan", "plan", "x.toml", "--client", ""]);
    assert_eq!(clients, ["java", "librdkafka", "spring"]);
}

#[test]
fn fish_completes_every_subcommand_and_zsh_and_fish_parse_their_scripts() {
    let dir = tempfile::tempdir().expect("temp dir");
    let fish = script("fish", dir.path());
    run("fish", &["-n", &fish]);
    let offered = run(
        "fish",
        &["-c", &format!("source '{fish}'; complete -C 'kplan '")],
    );
    let names: Vec<&str> = offered
        .lines()
        .filter_map(|l| l.split('\t').next())
        .collect();
    for name in subcommands() {
        assert!(
            names.contains(&name.as_str()),
            "fish lacks {name}: {names:?}"
        );
    }
    let zsh = script("zsh", dir.path());
    run("zsh", &["-n", &zsh]);
    assert!(
        std::fs::read_to_string(&zsh)
            .expect("written")
            .starts_with("#compdef kplan")
    );
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    assert_eq!(code(&kplan(&["completions", "tcsh"])), 2);
}

#[test]
fn the_manual_page_renders_and_lists_every_subcommand() {
    let dir = tempfile::tempdir().expect("temp dir");
    let page = dir.path().join("kplan.1");
    let out = kplan(&["man"]);
    assert_eq!(code(&out), 0);
    std::fs::write(&page, stdout(&out)).expect("writable");
    let page = page.display().to_string();
    run("mandoc", &["-T", "lint", "-W", "error", &page]);
    let text = run("mandoc", &["-T", "utf8", &page]);
    let text = text.replace('\u{2010}', "-");
    for name in subcommands() {
        assert!(text.contains(&format!("kplan-{name}(1)")), "{name}: {text}");
    }
    // clap's own `help` subcommand has no page of its own to point to.
    assert!(!text.contains("kplan-help"));
}

#[test]
fn man_dir_writes_a_page_per_subcommand_that_renders() {
    let dir = tempfile::tempdir().expect("temp dir");
    // A folder that does not exist yet: kplan man creates it.
    let arg = dir.path().join("man1").to_string_lossy().to_string();
    let out = kplan(&["man", "--dir", &arg]);
    assert_eq!(code(&out), 0);
    let listed: Vec<String> = stdout(&out).lines().map(str::to_string).collect();
    assert_eq!(listed.first(), Some(&format!("{arg}/kplan.1")));
    for name in subcommands() {
        assert!(listed.contains(&format!("{arg}/kplan-{name}.1")), "{name}");
    }
    for page in &listed {
        run("mandoc", &["-T", "lint", "-W", "error", page]);
    }
    let plan = run("mandoc", &["-T", "utf8", &format!("{arg}/kplan-plan.1")]);
    let plan = plan.replace('\u{2010}', "-");
    // Rendered, bold and underline are overstrikes; keep the letters.
    let plan: String = strip_overstrike(&plan);
    assert!(plan.contains("--client <CLIENT>"), "{plan}");
    assert!(plan.contains("[default: java]"), "{plan}");
    assert!(plan.contains("kplan plan request.toml --chart partitions.svg"));
}

/// Text without the `x\bx` and `_\bx` overstrikes terminals use for bold and underline.
fn strip_overstrike(text: &str) -> String {
    let mut out: Vec<char> = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if chars.peek() == Some(&'\u{8}') {
            chars.next();
            continue;
        }
        out.push(c);
    }
    out.into_iter().collect()
}
