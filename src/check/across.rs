//! Rules that compare the files of one run: two requests for the same topic, and a dead
//! letter topic that another request also claims. Both would collide on the cluster.

use std::collections::BTreeMap;

use super::{FileReport, Finding, Rule};
use crate::request::positions::Position;

/// Files named in one message before "and N more".
const NAMED: usize = 3;

/// Adds `duplicate-topic` and `dead-letter-collision` findings to the files involved.
pub fn add_cross_file_findings(files: &mut [FileReport]) {
    let mut owners: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, file) in files.iter().enumerate() {
        if let Some(topic) = file.topic() {
            owners.entry(topic).or_default().push(i);
        }
    }
    let mut added: Vec<(usize, Rule, &'static str, Option<Position>, String)> = Vec::new();
    for (topic, holders) in owners.iter().filter(|(_, h)| h.len() > 1) {
        for &i in holders {
            let others = list(files, holders.iter().filter(|&&j| j != i));
            let message = format!("topic \"{topic}\" is also requested by {others}");
            let at = files[i].names.as_ref().and_then(|n| n.topic_at);
            added.push((i, Rule::DuplicateTopic, "topic.name", at, message));
        }
    }
    for (i, file) in files.iter().enumerate() {
        let Some(names) = &file.names else { continue };
        let Some(dead_letter) = &names.dead_letter else {
            continue;
        };
        let Some(holders) = owners.get(dead_letter.as_str()) else {
            continue;
        };
        let message = format!(
            "the dead letter topic \"{dead_letter}\" is also requested as a topic by {}",
            list(files, holders.iter())
        );
        let rule = Rule::DeadLetterCollision;
        added.push((i, rule, "dead_letter", names.dead_letter_at, message));
        for &j in holders {
            let message = format!(
                "\"{dead_letter}\" is the dead letter topic of {}",
                files[i].file.display()
            );
            let at = files[j].names.as_ref().and_then(|n| n.topic_at);
            added.push((j, rule, "topic.name", at, message));
        }
    }
    for (i, rule, key, position, message) in added {
        let file = &mut files[i];
        let Some(severity) = file.policy.severity(rule) else {
            continue;
        };
        file.findings.push(Finding {
            rule,
            severity,
            file: file.file.clone(),
            position,
            key: Some(key.to_string()),
            message,
        });
    }
}

/// `a.toml, b.toml and 2 more`.
fn list<'a>(files: &[FileReport], indices: impl Iterator<Item = &'a usize>) -> String {
    let names: Vec<String> = indices
        .map(|&i| files[i].file.display().to_string())
        .collect();
    let shown = names.len().min(NAMED);
    let mut text = names[..shown].join(", ");
    if names.len() > shown {
        text.push_str(&format!(" and {} more", names.len() - shown));
    }
    text
}
