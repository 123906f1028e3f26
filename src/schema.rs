//! The JSON Schema (draft-07) of the request file, for editors that check TOML against a
//! schema as users type (taplo, Even Better TOML).
//!
//! Written from the request's field table (`request::spec`), the same table the reader
//! takes its keys and bounds from, so the two cannot list different keys or bounds.
//! What JSON Schema cannot say (max_message_bytes >= message_bytes, p99 >= mean,
//! min_insync_replicas <= replication_factor) is left to the reader. Integer keys are
//! "integer", which JSON Schema grants a float with no fraction (500.0); the reader
//! accepts those too.

use serde_json::{Map, Value, json};

use crate::input::spec::{Default, Field, Kind};
use crate::request::spec::REQUEST;

/// The schema as pretty JSON, ending in a newline.
pub fn render() -> String {
    crate::render::json_document(&request_schema())
}

pub fn request_schema() -> Value {
    let mut schema = json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "kplan topic request",
    });
    let Value::Object(root) = field_schema(&REQUEST) else {
        return schema;
    };
    if let Some(object) = schema.as_object_mut() {
        object.extend(root);
    }
    schema["properties"]["subscribe"]["oneOf"] = json!([
        {"required": ["latency_file"]},
        {"required": ["latency_ms"]},
        {"required": ["latency_histogram_file"]},
    ]);
    schema["properties"]["subscribe"]["dependencies"] = json!({
        "latency_unit": {"anyOf": [
            {"required": ["latency_file"]},
            {"required": ["latency_histogram_file"]},
        ]},
        "latency_column": ["latency_file"],
        "latency_histogram_file": ["latency_metric"],
        "latency_metric": ["latency_histogram_file"],
        "latency_labels": ["latency_histogram_file"],
    });
    schema["allOf"] = cross_section_rules();
    schema
}

/// One field as JSON Schema: its type and bounds, its default and its description.
fn field_schema(field: &Field) -> Value {
    let mut schema = kind_schema(field.kind);
    if let Some(default) = field.default {
        schema["default"] = match default {
            Default::Integer(n) => json!(n),
            Default::Number(n) => json!(n),
            Default::Name(name) => json!(name),
            Default::Flag(flag) => json!(flag),
        };
    }
    schema["description"] = json!(field.doc);
    schema
}

fn kind_schema(kind: Kind) -> Value {
    match kind {
        Kind::Integer { min, max } => json!({"type": "integer", "minimum": min, "maximum": max}),
        Kind::Number { min, max, positive } if positive && min <= 0.0 => {
            json!({"type": "number", "exclusiveMinimum": 0, "maximum": max})
        }
        Kind::Number { min, max, .. } => json!({"type": "number", "minimum": min, "maximum": max}),
        Kind::Text => json!({"type": "string", "pattern": "\\S"}),
        Kind::TopicName => json!({
            "type": "string",
            "pattern": "^[A-Za-z0-9._-]+$",
            "maxLength": 249,
            "not": {"enum": [".", ".."]},
        }),
        Kind::MetricName => json!({
            "type": "string",
            "pattern": "^[A-Za-z_:][A-Za-z0-9_:]*$",
            "not": {"pattern": "_(bucket|sum|count)$"},
        }),
        Kind::Pattern => json!({"type": "string", "format": "regex"}),
        Kind::Choice(names) => json!({"type": "string", "enum": names}),
        Kind::ChoiceList(names) => json!({"type": "array", "items": {"enum": names}}),
        Kind::TextList => json!({"type": "array", "items": {"type": "string"}}),
        Kind::Flag => json!({"type": "boolean"}),
        Kind::TextMap => json!({"type": "object", "additionalProperties": {"type": "string"}}),
        Kind::ChoiceMap { keys, choices } => {
            let properties: Map<String, Value> = keys
                .iter()
                .map(|k| (k.to_string(), json!({"enum": choices})))
                .collect();
            json!({"type": "object", "additionalProperties": false, "properties": properties})
        }
        Kind::Table(fields) => {
            let required: Vec<&str> = fields
                .iter()
                .filter(|f| f.required)
                .map(|f| f.key)
                .collect();
            let properties: Map<String, Value> = fields
                .iter()
                .map(|f| (f.key.to_string(), field_schema(f)))
                .collect();
            json!({
                "type": "object",
                "additionalProperties": false,
                "required": required,
                "properties": properties,
            })
        }
    }
}

/// Rules that span sections, as the reader enforces them.
fn cross_section_rules() -> Value {
    json!([
        {
            "description": "A batch topic's objective is target_minutes: no delay objective, no utilisation ceiling.",
            "if": {
                "required": ["topic"],
                "properties": {"topic": {"required": ["type"], "properties": {"type": {"const": "batch"}}}},
            },
            "then": {
                "properties": {
                    "subscribe": {"not": {"required": ["max_delay_ms"]}},
                    "limits": {"not": {"required": ["max_utilization"]}},
                },
            },
        },
        {
            "description": "An online topic's objective is max_delay_ms: no drain confidence.",
            "if": {
                "required": ["topic"],
                "properties": {"topic": {"required": ["type"], "properties": {"type": {"const": "online"}}}},
            },
            "then": {
                "properties": {
                    "limits": {"not": {"required": ["drain_confidence"]}},
                },
            },
        },
        {
            "description": "A keyed topic runs one thread per partition, to keep per-key order.",
            "if": {
                "required": ["topic"],
                "properties": {"topic": {"required": ["partition_key"]}},
            },
            "then": {"properties": {"subscribe": {"properties": {"concurrency": {"const": 1}}}}},
        },
        {
            "description": "A key sample needs a keyed topic.",
            "if": {
                "required": ["publish"],
                "properties": {"publish": {"required": ["key_sample_file"]}},
            },
            "then": {"properties": {"topic": {"required": ["partition_key"]}}},
        },
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every key of the file, at any depth, is explained in the schema editors show.
    #[test]
    fn every_key_is_explained() {
        let schema = request_schema();
        for (path, _) in REQUEST.leaves() {
            let mut node = &schema;
            for part in path.split('.') {
                node = &node["properties"][part];
            }
            let text = node["description"].as_str().unwrap_or_default();
            assert!(text.len() > 20, "{path}: {text:?}");
        }
    }
}
