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
    frequent_keys: Vec<FrequentKeyDocument<'a>>,
    moved: Option<MovedDocument>,
}

#[derive(Serialize)]
struct FrequentKeyDocument<'a> {
    key: &'a str,
    count: u64,
    share: f64,
    partition: u32,
}

impl<'a> From<&'a FrequentKey> for FrequentKeyDocument<'a> {
    fn from(k: &'a FrequentKey) -> Self {
        FrequentKeyDocument {
            key: &k.key,
            count: k.count,
            share: k.share,
            partition: k.partition,
        }
    }
}

#[derive(Serialize)]
struct MovedDocument {
    from: u32,
    share: f64,
    uniform_share: f64,
}

impl From<&KeyMovement> for MovedDocument {
    fn from(m: &KeyMovement) -> Self {
        MovedDocument {
            from: m.from,
            share: m.share,
            uniform_share: m.uniform_share,
        }
    }
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
        frequent_keys: spread.frequent_keys.iter().map(Into::into).collect(),
        moved: spread.movement.as_ref().map(Into::into),
    };
    crate::render::json_document(&document)
}
