//! Each input file's field table is complete: walking the table (never a list of keys
//! written again here), every key it names is read by the file's reader, at the bounds
//! the table states, and every key the `init` templates write is one of them.

use std::path::Path;

use kplan::check::policy::parse_policy;
use kplan::check::policy_spec::POLICY;
use kplan::diagnostic::Diagnostic;
use kplan::i18n::Lang;
use kplan::init::request_template;
use kplan::input::spec::{Default, Field, Kind};
use kplan::profile::parse_profile;
use kplan::profile::spec::PROFILE;
use kplan::request::TopicType;
use kplan::request::parse_request;
use kplan::request::spec::REQUEST;

/// Range problems, as opposed to problems of one key against another.
const RANGE_IDS: &[&str] = &[
    "input-out-of-range",
    "input-not-positive",
    "input-target-minutes-range",
    "profile-between",
    "profile-above-at-most",
    "profile-at-least",
    "profile-java-int",
    "profile-java-long",
];

type Reader = fn(&str) -> Result<(), Vec<Diagnostic>>;

fn read_request(text: &str) -> Result<(), Vec<Diagnostic>> {
    parse_request(text, Path::new("r.toml")).map(|_| ())
}

fn read_policy(text: &str) -> Result<(), Vec<Diagnostic>> {
    parse_policy(text, Path::new("kplan-policy.toml")).map(|_| ())
}

fn read_profile(text: &str) -> Result<(), Vec<Diagnostic>> {
    parse_profile(text, Path::new("p.toml")).map(|_| ())
}

/// The base documents of each file kind that a key is set in, one at a time.
fn request_bases() -> Vec<String> {
    [TopicType::Online, TopicType::Batch]
        .map(|kind| request_template(Lang::En, kind, "a.b"))
        .to_vec()
}

fn profile_bases() -> Vec<String> {
    ["profiles/online.toml", "profiles/batch.toml"]
        .map(|p| std::fs::read_to_string(p).expect("shipped profile"))
        .to_vec()
}

/// `text` with the key at dotted `path` set to the TOML value `value`.
fn with(text: &str, path: &str, value: &str) -> String {
    let mut doc: toml::Table = toml::from_str(text).expect("valid base");
    let parts: Vec<&str> = path.split('.').collect();
    let (last, tables) = parts.split_last().expect("a key");
    let mut table = &mut doc;
    for part in tables {
        table = table
            .entry(part.to_string())
            .or_insert_with(|| toml::Value::Table(toml::Table::new()))
            .as_table_mut()
            .expect("a table");
    }
    let parsed: toml::Table = toml::from_str(&format!("v = {value}")).expect("a TOML value");
    table.insert(last.to_string(), parsed["v"].clone());
    toml::to_string(&doc).expect("serialisable")
}

/// The problems a reader reports at `path` for `text`, by message id.
fn problems_at(read: Reader, text: &str, path: &str) -> Vec<String> {
    match read(text) {
        Ok(()) => Vec::new(),
        Err(problems) => problems
            .into_iter()
            .filter(|d| d.key.as_deref() == Some(path))
            .map(|d| d.message.map_or(d.problem, |m| m.id))
            .collect(),
    }
}

/// A value of a type no key of `kind` holds.
fn wrong_type(kind: Kind) -> &'static str {
    match kind {
        Kind::Flag => "\"yes\"",
        _ => "true",
    }
}

/// Every key the table lists is read: a value of the wrong type is refused at that key.
fn every_key_is_read(table: &Field, bases: &[String], read: Reader) {
    let mut checked = 0;
    for (path, field) in table.leaves() {
        for base in bases {
            let text = with(base, &path, wrong_type(field.kind));
            let problems = problems_at(read, &text, &path);
            assert!(
                !problems.is_empty(),
                "{path} = {} passed",
                wrong_type(field.kind)
            );
        }
        checked += 1;
    }
    assert!(checked >= 10, "only {checked} keys");
}

/// A key outside any table is refused as unknown, with its dotted path.
fn unknown_keys_are_refused(table: &Field, bases: &[String], read: Reader) {
    let mut sections: Vec<&str> = table
        .fields()
        .iter()
        .filter(|f| matches!(f.kind, Kind::Table(_)))
        .map(|f| f.key)
        .collect();
    sections.push("");
    for section in sections {
        let path = if section.is_empty() {
            "zz_unknown".to_string()
        } else {
            format!("{section}.zz_unknown")
        };
        let problems = problems_at(read, &with(&bases[0], &path, "1"), &path);
        assert!(
            problems
                .iter()
                .any(|id| id.starts_with("input-unknown-key")),
            "{path}: {problems:?}"
        );
    }
}

/// Values beyond each numeric bound, as TOML, with whether they are within.
fn bound_cases(kind: Kind) -> Vec<(String, bool)> {
    match kind {
        Kind::Integer { min, max } => {
            let mut cases = vec![(min.to_string(), true)];
            if max <= i64::MAX as u64 {
                cases.push((max.to_string(), true));
            }
            if max < i64::MAX as u64 {
                cases.push(((max + 1).to_string(), false));
            }
            cases.push(((i128::from(min) - 1).to_string(), false));
            cases
        }
        Kind::Number { min, max, positive } => {
            let lowest = if positive && min <= 0.0 {
                f64::MIN_POSITIVE
            } else {
                min
            };
            let mut cases = vec![(format!("{lowest:e}"), true)];
            if max < f64::MAX {
                cases.push((format!("{max:e}"), true));
                cases.push((format!("{:e}", max * 1.001 + 1e-9), false));
            }
            let below = if positive && min <= 0.0 {
                0.0
            } else {
                min - min.abs() * 0.001 - 1e-9
            };
            cases.push((format!("{below:e}"), false));
            cases
        }
        _ => Vec::new(),
    }
}

/// Every numeric key takes the bounds its field states: a value at a bound has no range
/// problem, one beyond it has.
/// `negatives`: whether a negative value reaches the range check (a profile's unsigned
/// keys refuse one before it, when it is deserialized).
fn every_bound_is_enforced(table: &Field, bases: &[String], read: Reader, negatives: bool) {
    let mut checked = 0;
    for (path, field) in table.leaves() {
        let cases = bound_cases(field.kind).into_iter();
        for (value, within) in cases.filter(|(v, _)| negatives || !v.starts_with('-')) {
            let range_problems = |base: &String| {
                let found = problems_at(read, &with(base, &path, &value), &path);
                found
                    .iter()
                    .filter(|id| RANGE_IDS.contains(&id.as_str()))
                    .count()
            };
            let counts: Vec<usize> = bases.iter().map(range_problems).collect();
            if within {
                assert!(
                    counts.iter().all(|&n| n == 0),
                    "{path} = {value}: {counts:?}"
                );
            } else {
                assert!(counts.iter().all(|&n| n > 0), "{path} = {value} passed");
            }
            checked += 1;
        }
    }
    assert!(checked >= 20, "only {checked} bounds");
}

#[test]
fn the_request_table_is_complete() {
    let bases = request_bases();
    every_key_is_read(&REQUEST, &bases, read_request);
    unknown_keys_are_refused(&REQUEST, &bases, read_request);
    every_bound_is_enforced(&REQUEST, &bases, read_request, true);
}

#[test]
fn the_policy_table_is_complete() {
    let bases = vec![String::new()];
    every_key_is_read(&POLICY, &bases, read_policy);
    unknown_keys_are_refused(&POLICY, &bases, read_policy);
    every_bound_is_enforced(&POLICY, &bases, read_policy, true);
}

#[test]
fn the_profile_table_is_complete() {
    let bases = profile_bases();
    every_bound_is_enforced(&PROFILE, &bases, read_profile, false);
    // Each key's table entry is the shipped profiles' key, and the other way round.
    for base in &bases {
        let doc: toml::Table = toml::from_str(base).expect("valid profile");
        let mut written = Vec::new();
        for (section, value) in &doc {
            match value.as_table() {
                Some(table) => written.extend(table.keys().map(|k| format!("{section}.{k}"))),
                None => written.push(section.clone()),
            }
        }
        let listed: Vec<String> = PROFILE.leaves().into_iter().map(|(p, _)| p).collect();
        for key in &written {
            assert!(listed.contains(key), "{key} is not in the profile table");
        }
        for (path, field) in PROFILE.leaves() {
            assert!(
                written.contains(&path) || !field.required,
                "{path} is required but not shipped"
            );
        }
    }
}

/// The keys `init` writes, set or commented out, with the value shown.
fn template_keys(text: &str) -> Vec<(String, String)> {
    let mut section = String::new();
    let mut keys = Vec::new();
    for line in text.lines() {
        let line = line.trim_start_matches("# ").trim();
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = name.to_string();
            continue;
        }
        let Some((key, value)) = line.split_once(" = ") else {
            continue;
        };
        if key.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
            let value = value.split(" #").next().unwrap_or(value).trim().to_string();
            keys.push((format!("{section}.{key}"), value));
        }
    }
    keys
}

/// `init` writes only keys of the table, shows every key of it in one of its two
/// templates, and a commented-out key shows the value that leaving it out means.
#[test]
fn init_writes_the_table() {
    let templates = request_bases();
    let written: Vec<(String, String)> = templates.iter().flat_map(|t| template_keys(t)).collect();
    for (key, _) in &written {
        assert!(
            REQUEST.at_path(key).is_some(),
            "init writes {key}, not in the table"
        );
    }
    for field in REQUEST.fields() {
        for inner in field.fields() {
            let path = format!("{}.{}", field.key, inner.key);
            assert!(
                written.iter().any(|(k, _)| *k == path),
                "init never shows {path}"
            );
        }
    }
    let commented: Vec<(String, String)> = templates
        .iter()
        .flat_map(|t| {
            t.lines()
                .filter(|l| l.starts_with("# "))
                .map(|l| l.to_string())
        })
        .flat_map(|l| template_keys(&l))
        .collect();
    for (path, _) in REQUEST.leaves() {
        let Some(default) = REQUEST.at_path(&path).and_then(|f| f.default) else {
            continue;
        };
        let shown = match default {
            Default::Integer(n) => n.to_string(),
            Default::Number(n) => n.to_string(),
            Default::Name(name) => format!("\"{name}\""),
            Default::Flag(flag) => flag.to_string(),
        };
        let key = path.rsplit('.').next().unwrap_or(&path);
        for (_, value) in commented
            .iter()
            .filter(|(k, _)| k.ends_with(&format!(".{key}")))
        {
            assert_eq!(value, &shown, "init shows {path} commented out as {value}");
        }
    }
}
