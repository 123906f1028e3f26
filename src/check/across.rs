//! Rules that compare the files of one run: two requests for the same topic, and a dead
//! letter topic that another request also claims. Both would collide on the cluster.

use std::collections::BTreeMap;

use super::{FileReport, Finding, Rule};
use crate::request::positions::Position;

/// Files named in one message before "and N more".
const NAMED: usize = 3;

/// A finding for file `index`, before its policy decides how much it matters.
struct Clash {
    index: usize,
    rule: Rule,
    key: &'static str,
    position: Option<Position>,
    message: String,
}

/// Adds `duplicate-topic` and `dead-letter-collision` findings to the files involved.
pub fn add_cross_file_findings(files: &mut [FileReport]) {
    let mut owners: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, file) in files.iter().enumerate() {
        if let Some(topic) = file.topic() {
            owners.entry(topic).or_default().push(i);
        }
    }
    let mut clashes = duplicates(files, &owners);
    clashes.extend(dead_letter_collisions(files, &owners));
    for clash in clashes {
        let file = &mut files[clash.index];
        let Some(severity) = file.policy.severity(clash.rule) else {
            continue;
        };
        file.findings.push(Finding {
            rule: clash.rule,
            severity,
            file: file.file.clone(),
            position: clash.position,
            key: Some(clash.key.to_string()),
            message: clash.message,
        });
    }
}

fn topic_at(file: &FileReport) -> Option<Position> {
    file.names.as_ref().and_then(|n| n.topic_at)
}

/// Every file of a topic that more than one file requests.
fn duplicates(files: &[FileReport], owners: &BTreeMap<&str, Vec<usize>>) -> Vec<Clash> {
    let mut clashes = Vec::new();
    for (topic, holders) in owners.iter().filter(|(_, h)| h.len() > 1) {
        for &index in holders {
            let others = list(files, holders.iter().filter(|&&j| j != index));
            clashes.push(Clash {
                index,
                rule: Rule::DuplicateTopic,
                key: "topic.name",
                position: topic_at(&files[index]),
                message: format!("topic \"{topic}\" is also requested by {others}"),
            });
        }
    }
    clashes
}

/// A file whose dead letter topic another file requests, and that other file.
fn dead_letter_collisions(files: &[FileReport], owners: &BTreeMap<&str, Vec<usize>>) -> Vec<Clash> {
    let mut clashes = Vec::new();
    for (index, file) in files.iter().enumerate() {
        let Some(names) = &file.names else { continue };
        let Some(dead_letter) = &names.dead_letter else {
            continue;
        };
        let Some(holders) = owners.get(dead_letter.as_str()) else {
            continue;
        };
        clashes.push(Clash {
            index,
            rule: Rule::DeadLetterCollision,
            key: "dead_letter",
            position: names.dead_letter_at,
            message: format!(
                "the dead letter topic \"{dead_letter}\" is also requested as a topic by {}",
                list(files, holders.iter())
            ),
        });
        for &holder in holders {
            clashes.push(Clash {
                index: holder,
                rule: Rule::DeadLetterCollision,
                key: "topic.name",
                position: topic_at(&files[holder]),
                message: format!(
                    "\"{dead_letter}\" is the dead letter topic of {}",
                    file.file.display()
                ),
            });
        }
    }
    clashes
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
