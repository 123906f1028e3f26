//! `kplan keys --format json`: PRODUCT.md's fields (`partitions`, `keys`, `counts`,
//! `max_share`, `imbalance`) plus the details the table shows.

use std::path::Path;

use serde::Serialize;

use crate::model::spread::{FrequentKey, KeyMovement, Spread};

pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct KeysDocument<'a> {
    schema_version: u32,
    file: String,
    partitions: u32,
    keys: u64,
    distinct_keys: u64,
    counts: &'a [u64],
    busiest_partition: u32,
    max_share: f64,
    imbalance: f64,
    frequent_keys: &'a [FrequentKey],
    moved: Option<&'a KeyMovement>,
}

pub fn render(spread: &Spread, file: &Path) -> String {
    let document = KeysDocument {
        schema_version: SCHEMA_VERSION,
        file: file.display().to_string(),
        partitions: spread.partitions,
        keys: spread.keys,
        distinct_keys: spread.distinct_keys,
        counts: &spread.counts,
        busiest_partition: spread.busiest_partition,
        max_share: spread.max_share,
        imbalance: spread.imbalance,
        frequent_keys: &spread.frequent_keys,
        moved: spread.movement.as_ref(),
    };
    crate::render::json_document(&document)
}
