//! `kplan validate` as JSON for scripts: PRODUCT.md's field names plus
//! `schema_version`; fields are only ever added.

use serde::Serialize;

use crate::validate::{Finding, GroupLag, Validation, ValidationStatus};

pub const SCHEMA_VERSION: u32 = 1;

pub fn render(validation: &Validation) -> String {
    let document = Document {
        schema_version: SCHEMA_VERSION,
        topic: &validation.topic,
        status: validation.status,
        cluster: Cluster {
            id: validation.cluster_id.as_deref(),
            brokers: validation.brokers,
        },
        topic_exists: validation.topic_exists,
        current_partitions: validation.current_partitions,
        recommended_partitions: validation.recommended_partitions,
        group: validation.group.as_ref(),
        findings: &validation.findings,
    };
    crate::render::json_document(&document)
}

#[derive(Serialize)]
struct Document<'a> {
    schema_version: u32,
    topic: &'a str,
    status: ValidationStatus,
    cluster: Cluster<'a>,
    topic_exists: bool,
    current_partitions: Option<u64>,
    recommended_partitions: u64,
    group: Option<&'a GroupLag>,
    findings: &'a [Finding],
}

#[derive(Serialize)]
struct Cluster<'a> {
    id: Option<&'a str>,
    brokers: u64,
}
