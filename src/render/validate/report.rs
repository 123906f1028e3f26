//! A validation as titled sections (the cluster at a glance, then the findings), built
//! once and drawn by the table, Markdown and Jira renderers.

use crate::human::{count, number};
use crate::render::report::Section;
use crate::validate::{Severity, Validation};

/// The heading line of every format.
pub fn headline(validation: &Validation) -> String {
    let brokers = match validation.brokers {
        1 => "1 broker".to_string(),
        n => format!("{n} brokers"),
    };
    format!(
        "kplan validate: {} on cluster {} ({brokers}) - status: {}",
        validation.topic,
        cluster_id(validation),
        validation.status.as_str()
    )
}

fn cluster_id(validation: &Validation) -> &str {
    validation.cluster_id.as_deref().unwrap_or("(no id)")
}

pub fn sections(validation: &Validation) -> Vec<Section> {
    vec![summary(validation), findings(validation)]
}

fn pair(name: &str, value: String) -> Vec<String> {
    vec![name.to_string(), value]
}

fn summary(validation: &Validation) -> Section {
    let partitions = match validation.current_partitions {
        Some(current) => format!(
            "{} now, {} recommended",
            count(current),
            count(validation.recommended_partitions)
        ),
        None => format!(
            "none yet, {} recommended",
            count(validation.recommended_partitions)
        ),
    };
    let mut rows = vec![
        pair("Cluster id", cluster_id(validation).to_string()),
        pair("Brokers answering", validation.brokers.to_string()),
        pair("Topic", validation.topic.clone()),
        pair(
            "Topic exists",
            if validation.topic_exists { "yes" } else { "no" }.to_string(),
        ),
        pair("Partitions", partitions),
    ];
    if let Some(group) = &validation.group {
        let largest = group
            .largest_lag
            .filter(|l| l.lag > 0)
            .map_or(String::new(), |l| {
                format!(", largest {} on partition {}", count(l.lag), l.partition)
            });
        rows.push(pair(
            "Group lag",
            format!(
                "{}: {} messages{largest}; drains in {} min",
                group.group,
                count(group.total_lag),
                number(group.drain_minutes)
            ),
        ));
    }
    Section::Table {
        title: "Cluster".to_string(),
        header: vec!["Item".to_string(), "Value".to_string()],
        rows,
    }
}

/// `Findings: 1 error, 2 warnings, 5 info`
pub fn tally(validation: &Validation) -> String {
    let n = |severity: Severity| {
        validation
            .findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    };
    let plural = |k: usize, word: &str| {
        if k == 1 {
            format!("{k} {word}")
        } else {
            format!("{k} {word}s")
        }
    };
    format!(
        "Findings: {}, {}, {} info",
        plural(n(Severity::Error), "error"),
        plural(n(Severity::Warning), "warning"),
        n(Severity::Info)
    )
}

fn findings(validation: &Validation) -> Section {
    Section::Table {
        title: tally(validation),
        header: vec![
            "Check".to_string(),
            "Severity".to_string(),
            "Message".to_string(),
        ],
        rows: validation
            .findings
            .iter()
            .map(|f| {
                vec![
                    f.check.as_str().to_string(),
                    f.severity.as_str().to_string(),
                    f.message.clone(),
                ]
            })
            .collect(),
    }
}
