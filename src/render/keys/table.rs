//! `kplan keys` as tables for a terminal: the partitions with a bar each, the summary,
//! and the most frequent keys.

use std::path::Path;

use super::super::report::{Section, document};
use super::super::table::render_section;
use crate::human::{count, number};
use crate::model::spread::Spread;

/// Characters in the busiest partition's bar.
const BAR_WIDTH: f64 = 40.0;

pub fn render(spread: &Spread, file: &Path) -> String {
    let heading = format!(
        "kplan keys: {} - {} keys ({} distinct) over {} partitions",
        file.display(),
        count(spread.keys),
        count(spread.distinct_keys),
        count(u64::from(spread.partitions))
    );
    let sections = [partitions(spread), summary(spread), frequent_keys(spread)];
    document(&heading, &sections, render_section)
}

fn percent(share: f64) -> String {
    format!("{}%", number(share * 100.0))
}

fn partitions(spread: &Spread) -> Section {
    let busiest = spread.counts.iter().copied().max().unwrap_or(0).max(1) as f64;
    let total = spread.keys.max(1) as f64;
    let rows = spread
        .counts
        .iter()
        .enumerate()
        .map(|(partition, &keys)| {
            vec![
                partition.to_string(),
                count(keys),
                percent(keys as f64 / total),
                bar(keys as f64 / busiest),
            ]
        })
        .collect();
    Section::Table {
        title: "Partitions".to_string(),
        header: ["Partition", "Keys", "Share", "Load (busiest = full bar)"]
            .map(String::from)
            .to_vec(),
        rows,
    }
}

/// A bar of `fraction` x the full width; any load shows at least one block.
fn bar(fraction: f64) -> String {
    let blocks = (fraction * BAR_WIDTH).round() as usize;
    let blocks = if fraction > 0.0 { blocks.max(1) } else { 0 };
    "█".repeat(blocks)
}

fn summary(spread: &Spread) -> Section {
    let busiest = spread.counts[spread.busiest_partition as usize];
    let mean = spread.keys as f64 / f64::from(spread.partitions);
    let mut rows = vec![
        vec![
            "busiest partition".to_string(),
            format!(
                "{}: {} keys, {} of all (mean {})",
                spread.busiest_partition,
                count(busiest),
                percent(spread.max_share),
                number(mean)
            ),
        ],
        vec![
            "imbalance (max / mean)".to_string(),
            number(spread.imbalance),
        ],
    ];
    if let Some(moved) = &spread.movement {
        rows.push(vec![
            format!(
                "keys that move from {} to {} partitions",
                moved.from, spread.partitions
            ),
            format!(
                "{} of distinct keys (uniformly spread keys: {})",
                percent(moved.share),
                percent(moved.uniform_share)
            ),
        ]);
    }
    Section::Table {
        title: "Spread".to_string(),
        header: ["Measure", "Value"].map(String::from).to_vec(),
        rows,
    }
}

fn frequent_keys(spread: &Spread) -> Section {
    let rows = spread
        .frequent_keys
        .iter()
        .map(|k| {
            vec![
                k.key.clone(),
                count(k.count),
                percent(k.share),
                k.partition.to_string(),
            ]
        })
        .collect();
    Section::Table {
        title: "Most frequent keys".to_string(),
        header: ["Key", "Count", "Share", "Partition"]
            .map(String::from)
            .to_vec(),
        rows,
    }
}
