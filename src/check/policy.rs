//! A repository's rules for its request files: `kplan-policy.toml`, read as strictly as a
//! request (unknown keys are errors, every problem reported with its line and key).

use std::path::{Path, PathBuf};

use regex_lite::Regex;

use super::policy_spec::{LEVEL_VALUES, POLICY};
use super::rule::{Rule, Severity};
use crate::diagnostic::Diagnostic;
use crate::i18n::Message;
use crate::input::fields::{Fields, Table, parse_toml};
use crate::input::file::{read_text, without_bom};
use crate::request::parse::target_minutes_range;
use crate::request::{Delivery, TopicType};

/// The policy file's name; the nearest one above a request applies to it.
pub const POLICY_FILE: &str = "kplan-policy.toml";

/// A topic name pattern; it must match the whole name.
#[derive(Debug, Clone)]
pub struct NamePattern {
    /// As written in the policy, for messages.
    pub source: String,
    regex: Regex,
}

impl NamePattern {
    pub fn matches(&self, name: &str) -> bool {
        self.regex.is_match(name)
    }
}

/// Bounds on `subscribe.target_minutes`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MinutesRange {
    pub min: Option<f64>,
    pub max: Option<f64>,
}

/// The rules one policy file sets; `Policy::default()` is no policy at all.
#[derive(Debug, Clone, Default)]
pub struct Policy {
    /// The policy file, `None` when no policy applies.
    pub file: Option<PathBuf>,
    /// The partition cap: plans use it, and a request may lower it but not raise it.
    pub max_partitions: Option<u32>,
    pub topic_name_pattern: Option<NamePattern>,
    pub allowed_types: Option<Vec<TopicType>>,
    pub allowed_delivery: Option<Vec<Delivery>>,
    /// at-least-once and exactly-once topics must have a `[dead_letter]`.
    pub require_dead_letter: bool,
    pub target_minutes: Option<MinutesRange>,
    /// Measured samples (`latency_file`), not a summary (`latency_ms`).
    pub require_latency_samples: bool,
    pub min_latency_samples: Option<u64>,
    pub max_concurrency: Option<u32>,
    pub max_message_bytes: Option<u64>,
    pub min_headroom: Option<f64>,
    /// Keyed topics must give a `key_sample_file`, so key skew is checked.
    pub require_key_sample: bool,
    /// Online topics must give `max_delay_ms`.
    pub require_delay_objective: bool,
    /// `[severity]`: rules set to another severity, `None` for "off".
    severities: Vec<(Rule, Option<Severity>)>,
    /// `include`: gitignore-style globs, relative to the policy's folder, naming the
    /// request files of the folders searched; empty: every `*.toml` with a `[topic]`.
    pub include: Vec<String>,
    /// `exclude`: globs of files searched that are never requests.
    pub exclude: Vec<String>,
}

impl Policy {
    /// How much a finding of `rule` matters here; `None` when the policy turned it off.
    pub fn severity(&self, rule: Rule) -> Option<Severity> {
        self.severities
            .iter()
            .find(|(r, _)| *r == rule)
            .map_or(Some(rule.default_severity()), |(_, level)| *level)
    }
}

/// Reads and validates a policy file.
pub fn load_policy(path: &Path) -> Result<Policy, Vec<Diagnostic>> {
    let text = read_text(path).map_err(|d| vec![d])?;
    parse_policy(&text, path)
}

/// Parses policy text, reporting every problem at once.
pub fn parse_policy(text: &str, path: &Path) -> Result<Policy, Vec<Diagnostic>> {
    let text = without_bom(text);
    let root = parse_toml(text, path)?;
    let mut fields = Fields::new(path, text);
    let table = fields.root(&root, &POLICY);
    let mut policy = read_policy(&mut fields, &table);
    if fields.problems.is_empty() {
        policy.file = Some(path.to_path_buf());
        Ok(policy)
    } else {
        let mut problems = fields.problems;
        problems.sort_by_key(|d| d.line);
        Err(problems)
    }
}

fn read_policy(fields: &mut Fields, table: &Table) -> Policy {
    Policy {
        file: None,
        max_partitions: fields.integer(table, "max_partitions").map(|p| p as u32),
        topic_name_pattern: read_pattern(fields, table),
        allowed_types: fields.choice_list(table, "allowed_types", &TopicType::ALL),
        allowed_delivery: fields.choice_list(table, "allowed_delivery", &Delivery::ALL),
        require_dead_letter: flag(fields, table, "require_dead_letter"),
        target_minutes: read_minutes_range(fields, table),
        require_latency_samples: flag(fields, table, "require_latency_samples"),
        min_latency_samples: fields.integer(table, "min_latency_samples"),
        max_concurrency: fields.integer(table, "max_concurrency").map(|c| c as u32),
        max_message_bytes: fields.integer(table, "max_message_bytes"),
        min_headroom: fields.number(table, "min_headroom"),
        require_key_sample: flag(fields, table, "require_key_sample"),
        require_delay_objective: flag(fields, table, "require_delay_objective"),
        severities: read_severities(fields, table),
        include: read_globs(fields, table, "include"),
        exclude: read_globs(fields, table, "exclude"),
    }
}

/// Globs as `.gitignore` writes them (`topics/**/*.toml`), each checked on its own.
fn read_globs(fields: &mut Fields, table: &Table, key: &str) -> Vec<String> {
    let globs = fields.string_list(table, key).unwrap_or_default();
    for (glob, at) in &globs {
        if let Err(e) = ignore::overrides::OverrideBuilder::new(".").add(glob) {
            let message = Message::new("input-policy-glob")
                .arg("glob", glob.clone())
                .arg("details", e.to_string());
            fields.problem_says(*at, &table.key_path(key), message);
        }
    }
    globs.into_iter().map(|(glob, _)| glob).collect()
}

fn flag(fields: &mut Fields, table: &Table, key: &str) -> bool {
    fields.boolean(table, key).unwrap_or(false)
}

fn read_pattern(fields: &mut Fields, table: &Table) -> Option<NamePattern> {
    let source = fields.string(table, "topic_name_pattern")?;
    // Anchored, so `orders\..*` cannot pass `legacy.orders.x` by matching a part of it;
    // the pattern is first compiled alone, so `a)|(b` cannot slip out of the anchors.
    let anchored = Regex::new(&source).and_then(|_| Regex::new(&format!("^(?:{source})$")));
    match anchored {
        Ok(regex) => Some(NamePattern { source, regex }),
        Err(e) => {
            let reason = e
                .to_string()
                .lines()
                .last()
                .unwrap_or("")
                .trim()
                .to_string();
            let message = Message::new("input-policy-regex").arg("details", reason);
            fields.says_at_key(table, "topic_name_pattern", message);
            None
        }
    }
}

fn read_minutes_range(fields: &mut Fields, table: &Table) -> Option<MinutesRange> {
    let range = fields.table(table, "target_minutes")?;
    let worded = Some(target_minutes_range as fn(f64) -> Message);
    let min = fields.number_worded(&range, "min", worded);
    let max = fields.number_worded(&range, "max", worded);
    match (min, max) {
        (None, None) if !range.has("min") && !range.has("max") => {
            let message = Message::new("input-policy-range-empty");
            fields.says_at_key(table, "target_minutes", message);
            None
        }
        (Some(lo), Some(hi)) if lo > hi => {
            let message = Message::new("input-policy-max-below-min")
                .arg("max", hi.to_string())
                .arg("min", lo.to_string());
            fields.says_at_key(&range, "max", message);
            None
        }
        _ => Some(MinutesRange { min, max }),
    }
}

fn read_severities(fields: &mut Fields, table: &Table) -> Vec<(Rule, Option<Severity>)> {
    let Some(severity) = fields.table(table, "severity") else {
        return Vec::new();
    };
    let mut severities = Vec::new();
    for &rule in Rule::ALL {
        let Some(level) = fields.choice(&severity, rule.name(), &LEVEL_VALUES) else {
            continue;
        };
        if rule.is_fixed() && level != Some(Severity::Error) {
            let message = Message::new("input-policy-fixed-rule");
            fields.says_at_key(&severity, rule.name(), message);
            continue;
        }
        severities.push((rule, level));
    }
    severities
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Policy, Vec<String>> {
        parse_policy(text, Path::new("p.toml"))
            .map_err(|ds| ds.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn an_empty_policy_sets_no_rule() {
        let policy = parse("").unwrap();
        assert_eq!(policy.max_partitions, None);
        assert!(!policy.require_dead_letter);
        assert_eq!(policy.severity(Rule::TopicName), Some(Severity::Error));
        assert_eq!(policy.severity(Rule::AtMostOnce), Some(Severity::Warning));
    }

    #[test]
    fn every_key_is_read() {
        let policy = parse(
            "max_partitions = 48\ntopic_name_pattern = '[a-z]+\\.v[0-9]+'\n\
             allowed_types = [\"batch\"]\nallowed_delivery = [\"at-least-once\"]\n\
             require_dead_letter = true\ntarget_minutes = { min = 5, max = 240 }\n\
             require_latency_samples = true\nmin_latency_samples = 1000\n\
             max_concurrency = 4\nmax_message_bytes = 1048576\nmin_headroom = 1.2\n\
             require_key_sample = true\nrequire_delay_objective = true\n\
             [severity]\nat-most-once = \"error\"\ntopic-name = \"off\"\n",
        )
        .unwrap();
        assert_eq!(policy.max_partitions, Some(48));
        let pattern = policy.topic_name_pattern.as_ref().unwrap();
        assert!(pattern.matches("orders.v1"));
        assert!(
            !pattern.matches("legacy.orders.v1"),
            "anchored at both ends"
        );
        assert_eq!(policy.allowed_types, Some(vec![TopicType::Batch]));
        assert_eq!(policy.allowed_delivery, Some(vec![Delivery::AtLeastOnce]));
        assert_eq!(
            policy.target_minutes,
            Some(MinutesRange {
                min: Some(5.0),
                max: Some(240.0)
            })
        );
        assert_eq!(policy.min_latency_samples, Some(1000));
        assert_eq!(policy.max_concurrency, Some(4));
        assert_eq!(policy.max_message_bytes, Some(1_048_576));
        assert_eq!(policy.min_headroom, Some(1.2));
        assert!(policy.require_dead_letter && policy.require_latency_samples);
        assert!(policy.require_key_sample && policy.require_delay_objective);
        assert_eq!(policy.severity(Rule::AtMostOnce), Some(Severity::Error));
        assert_eq!(policy.severity(Rule::TopicName), None);
    }

    #[test]
    fn a_pattern_cannot_escape_its_anchors() {
        let problems = parse("topic_name_pattern = 'a)|(b'").unwrap_err();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].starts_with("p.toml:1: topic_name_pattern: is not a valid"));
    }

    #[test]
    fn every_problem_is_reported_with_line_and_key() {
        let problems = parse(
            "max_partition = 30\ntopic_name_pattern = '(unclosed'\n\
             allowed_delivery = [\"at-least-once\", \"twice\"]\n\
             target_minutes = { min = 60, max = 5 }\nrequire_dead_letter = \"yes\"\n\
             [severity]\nover-cap = \"off\"\ntopic-nmae = \"warning\"\n",
        )
        .unwrap_err();
        assert_eq!(
            problems,
            [
                "p.toml:1: max_partition: unknown key `max_partition`; did you mean `max_partitions`?",
                "p.toml:2: topic_name_pattern: is not a valid regular expression: found open group without closing ')'",
                "p.toml:3: allowed_delivery: \"twice\" is not one of \"at-most-once\", \"at-least-once\", \"exactly-once\"",
                "p.toml:4: target_minutes.max: is below min (5 < 60)",
                "p.toml:5: require_dead_letter: expected true or false, found a string",
                "p.toml:7: severity.over-cap: is always an error: a request that does not parse or plan cannot pass",
                "p.toml:8: severity.topic-nmae: unknown key `topic-nmae`; did you mean `topic-name`?",
            ]
        );
    }
}
