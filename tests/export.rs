//! `kplan export`: every target's output checked against what its consumer accepts, from
//! the vendored schemas and field lists in tests/fixtures/export (their README names
//! each source and version), and its numbers against the plan and the request.

mod common;

use std::path::Path;

use common::{code, kplan, root, stderr, stdout};
use serde::Deserialize;
use serde_json::Value;

const EXAMPLES: [&str; 3] = [
    "examples/orders-settlement.toml",
    "examples/payments-authorized.toml",
    "examples/clickstream-events.toml",
];

fn fixture(name: &str) -> String {
    let path = root().join("tests/fixtures/export").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn export(file: &str, args: &[&str]) -> String {
    let mut all = vec!["export", file];
    all.extend_from_slice(args);
    let out = kplan(&all);
    assert_eq!(stderr(&out), "", "{all:?}");
    // clickstream is over the cap: exported at the cap, with exit 1 as `plan` has.
    assert!(code(&out) == 0 || file.contains("clickstream"), "{all:?}");
    stdout(&out)
}

fn plan_json(file: &str) -> Value {
    serde_json::from_str(&stdout(&kplan(&["plan", file, "--format", "json"]))).expect("plan JSON")
}

fn request(file: &str) -> toml::Table {
    std::fs::read_to_string(root().join(file))
        .expect("request")
        .parse()
        .expect("request TOML")
}

/// Every YAML document of a stream, as JSON values.
fn yaml_documents(text: &str) -> Vec<Value> {
    serde_norway::Deserializer::from_str(text)
        .map(|doc| Value::deserialize(doc).expect("valid YAML"))
        .filter(|v| !v.is_null())
        .collect()
}

fn validate(schema: &Value, document: &Value, what: &str) {
    let validator = jsonschema::validator_for(schema).expect("a usable schema");
    let errors: Vec<String> = validator
        .iter_errors(document)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{what}: {errors:#?}\n{document:#}");
}

/// The openAPIV3Schema a CRD serves for `version`.
fn crd_schema(crd: &str, version: &str) -> Value {
    let crd: Value = serde_norway::from_str(crd).expect("CRD YAML");
    let versions = crd["spec"]["versions"].as_array().expect("versions");
    let served = versions
        .iter()
        .find(|v| v["name"] == version && v["served"] == true)
        .unwrap_or_else(|| panic!("the CRD serves no {version}"));
    served["schema"]["openAPIV3Schema"].clone()
}

/// Kubernetes' own rule for object names (a DNS-1123 subdomain), written independently.
fn is_dns_subdomain(name: &str) -> bool {
    let label = regex_lite::Regex::new(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$").expect("regex");
    name.len() <= 253 && name.split('.').all(|l| label.is_match(l))
}

fn is_label_value(value: &str) -> bool {
    let re =
        regex_lite::Regex::new(r"^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$").expect("regex");
    value.len() <= 63 && re.is_match(value)
}

/// Topic configs every target writes, checked against the plan and the request.
fn check_configs(configs: &Value, file: &str, dead_letter: bool) {
    let plan = plan_json(file);
    let request = request(file);
    let number = |v: &Value| -> u64 {
        match v {
            Value::Number(n) => n.as_u64().expect("a whole number"),
            Value::String(s) => s.parse().expect("a whole number"),
            other => panic!("not a number: {other}"),
        }
    };
    let largest = request["publish"]
        .get("max_message_bytes")
        .or(request["publish"].get("message_bytes"))
        .and_then(toml::Value::as_integer)
        .expect("a message size") as u64;
    let request_size: u64 = plan["producer"]["max.request.size"]
        .as_str()
        .expect("max.request.size")
        .parse()
        .expect("a number");
    let limit = number(&configs["max.message.bytes"]);
    assert!(limit >= largest && limit >= request_size, "{file}: {limit}");
    let window_ms = request["subscribe"]["target_minutes"]
        .as_integer()
        .expect("whole minutes") as u64
        * 60_000;
    if let Some(retention) = configs.get("retention.ms") {
        let retention = number(retention);
        assert!(retention >= 2 * window_ms, "{file}: {retention}");
        assert!(retention >= 7 * 24 * 3_600_000, "{file}: {retention}");
        if dead_letter {
            assert!(retention >= 14 * 24 * 3_600_000, "{file}: {retention}");
        }
    }
    assert_eq!(number(&configs["min.insync.replicas"]), 2, "{file}");
    assert_eq!(configs["cleanup.policy"], "delete", "{file}");
    assert_eq!(configs["compression.type"], "producer", "{file}");
}

fn recommended(file: &str) -> u64 {
    plan_json(file)["partitions"]["recommended"]
        .as_u64()
        .expect("recommended")
}

fn topic_names(file: &str) -> Vec<String> {
    let plan = plan_json(file);
    let mut names = vec![plan["topic"].as_str().expect("topic").to_string()];
    if let Some(dl) = plan["dead_letter"]["topic"].as_str() {
        names.push(dl.to_string());
    }
    names
}

#[test]
fn strimzi_topics_are_valid_kafka_topics_of_strimzi_1_and_0_51() {
    let v1_only = crd_schema(&fixture("strimzi-1.2.0-kafkatopic-crd.yaml"), "v1");
    let older = fixture("strimzi-0.51.0-kafkatopic-crd.yaml");
    for file in EXAMPLES {
        for (flag, schemas) in [
            ("v1", vec![v1_only.clone(), crd_schema(&older, "v1")]),
            ("v1beta2", vec![crd_schema(&older, "v1beta2")]),
        ] {
            let text = export(
                file,
                &[
                    "--to",
                    "strimzi",
                    "--cluster",
                    "prod",
                    "--strimzi-api",
                    flag,
                ],
            );
            let documents = yaml_documents(&text);
            assert_eq!(documents.len(), topic_names(file).len(), "{file}");
            for (document, topic) in documents.iter().zip(topic_names(file)) {
                for schema in &schemas {
                    validate(schema, document, file);
                }
                assert_eq!(document["apiVersion"], format!("kafka.strimzi.io/{flag}"));
                assert_eq!(document["kind"], "KafkaTopic");
                let name = document["metadata"]["name"].as_str().expect("a name");
                assert!(is_dns_subdomain(name), "{name}");
                let cluster = &document["metadata"]["labels"]["strimzi.io/cluster"];
                assert_eq!(cluster, "prod");
                // The topic's own name: metadata.name when valid, else spec.topicName.
                let spec = &document["spec"];
                let effective = spec["topicName"].as_str().unwrap_or(name);
                assert_eq!(effective, topic);
                assert_eq!(
                    spec["topicName"].is_null(),
                    is_dns_subdomain(&topic),
                    "{topic}"
                );
                assert_eq!(spec["partitions"].as_u64(), Some(recommended(file)));
                assert_eq!(spec["replicas"], 3);
                check_configs(&spec["config"], file, topic.ends_with(".DLT"));
            }
        }
    }
}

#[test]
fn strimzi_resource_names_stay_distinct_and_cluster_labels_are_checked() {
    let text = export(EXAMPLES[0], &["--to", "strimzi"]);
    let documents = yaml_documents(&text);
    let names: Vec<&str> = documents
        .iter()
        .map(|d| d["metadata"]["name"].as_str().expect("name"))
        .collect();
    assert_ne!(names[0], names[1]);
    let label = documents[0]["metadata"]["labels"]["strimzi.io/cluster"]
        .as_str()
        .expect("label");
    assert!(is_label_value(label));
    assert!(text.contains("# no --cluster given"));
    let bad = kplan(&[
        "export",
        EXAMPLES[0],
        "--to",
        "strimzi",
        "--cluster",
        "prod cluster",
    ]);
    assert_eq!(code(&bad), 2);
    assert!(
        stderr(&bad).starts_with("error: --cluster \"prod cluster\": not a Kubernetes label value")
    );
    assert_eq!(stdout(&bad), "");
}

#[test]
fn keda_scaled_objects_are_valid_and_scale_by_what_one_consumer_clears() {
    let schema = crd_schema(&fixture("keda-2.20.2-scaledobjects-crd.yaml"), "v1alpha1");
    let scaler: toml::Table = fixture("keda-2.20.2-kafka-scaler.toml")
        .parse()
        .expect("TOML");
    let list = |key: &str| -> Vec<String> {
        scaler[key]
            .as_array()
            .expect("a list")
            .iter()
            .map(|v| v.as_str().expect("a name").to_string())
            .collect()
    };
    let (integers, booleans, strings) = (list("integers"), list("booleans"), list("strings"));
    for file in EXAMPLES {
        let text = export(file, &["--to", "keda", "--group", "g1"]);
        let documents = yaml_documents(&text);
        assert_eq!(documents.len(), 1);
        let so = &documents[0];
        validate(&schema, so, file);
        assert!(is_dns_subdomain(
            so["metadata"]["name"].as_str().expect("name")
        ));
        let plan = plan_json(file);
        let spec = &so["spec"];
        assert_eq!(spec["maxReplicaCount"], plan["partitions"]["recommended"]);
        let online = plan["type"] == "online";
        assert_eq!(spec["minReplicaCount"], if online { 1 } else { 0 });
        let trigger = &spec["triggers"][0];
        assert_eq!(trigger["type"], "kafka");
        let metadata = trigger["metadata"].as_object().expect("metadata");
        for key in list("required") {
            assert!(metadata.contains_key(&key), "{file}: {key}");
        }
        for (key, value) in metadata {
            let value = value.as_str().expect("the CRD's strings");
            if integers.contains(key) {
                value
                    .parse::<i64>()
                    .unwrap_or_else(|_| panic!("{key}: {value}"));
            } else if booleans.contains(key) {
                assert!(value == "true" || value == "false", "{key}: {value}");
            } else if let Some(choices) = scaler["enums"].get(key) {
                let choices = choices.as_array().expect("choices");
                assert!(
                    choices.iter().any(|c| c.as_str() == Some(value)),
                    "{key}: {value}"
                );
            } else {
                assert!(strings.contains(key), "{file}: unknown metadata {key}");
            }
        }
        assert_eq!(metadata["allowIdleConsumers"], "false");
        assert_eq!(metadata["consumerGroup"], "g1");
        assert_eq!(metadata["topic"], plan["topic"]);
        // One consumer's rate times the time allowed: the delay objective online, the
        // window for batch.
        let request = request(file);
        let per_consumer = plan["per_partition_tps"].as_f64().expect("rate");
        // Online without an objective: the predicted p99 delay, when the queue has one
        // (clickstream, over the cap, grows without bound).
        let objective = request["subscribe"]
            .get("max_delay_ms")
            .and_then(toml::Value::as_integer);
        let predicted = plan["predicted"]["p99_delay_ms"].as_f64();
        let seconds = match (online, objective, predicted) {
            (true, Some(ms), _) => ms as f64 / 1000.0,
            (true, None, Some(ms)) => ms / 1000.0,
            _ => {
                request["subscribe"]["target_minutes"]
                    .as_integer()
                    .expect("min") as f64
                    * 60.0
            }
        };
        let expected = (per_consumer * seconds).floor().max(1.0) as u64;
        assert_eq!(metadata["lagThreshold"], expected.to_string(), "{file}");
    }
}

/// Jikkou publishes its resource schema as input to jsonschema2pojo: code-generation
/// keywords sit beside the schema ones, and `additionalProperties` holds generator
/// options. This reads it as a validator would: those keywords dropped, and
/// `existingJavaType` given as the JSON type its Java type is written in.
fn jikkou_schema() -> Value {
    fn clean(value: &mut Value) {
        let Value::Object(map) = value else {
            if let Value::Array(items) = value {
                items.iter_mut().for_each(clean);
            }
            return;
        };
        if let Some(Value::String(java)) = map.remove("existingJavaType") {
            let json_type = match java.as_str() {
                "Short" | "Integer" | "Long" => Some("integer"),
                "io.jikkou.core.models.Configs" => Some("object"),
                _ => None,
            };
            if let Some(t) = json_type {
                map.insert("type".to_string(), Value::from(t));
            }
        }
        map.remove("javaInterfaces");
        if map
            .get("additionalProperties")
            .is_some_and(Value::is_object)
        {
            map.remove("additionalProperties");
        }
        for (key, inner) in map.iter_mut() {
            // Property names are data, not keywords.
            if key != "default" {
                clean(inner);
            }
        }
    }
    let load = |name: &str| -> Value {
        serde_json::from_str(&fixture(&format!("jikkou-1.1.0-{name}.json"))).expect("JSON")
    };
    let mut schema = load("V1KafkaTopic");
    schema["properties"]["metadata"] = load("Metadata");
    schema["properties"]["template"] = load("Template");
    clean(&mut schema);
    schema
}

#[test]
fn jikkou_topics_are_valid_v1_kafka_topics() {
    let schema = jikkou_schema();
    for file in EXAMPLES {
        let text = export(file, &["--to", "jikkou", "--cluster", "kafka-prod"]);
        let documents = yaml_documents(&text);
        assert_eq!(documents.len(), topic_names(file).len());
        for (document, topic) in documents.iter().zip(topic_names(file)) {
            validate(&schema, document, file);
            assert_eq!(
                document["apiVersion"],
                schema["properties"]["apiVersion"]["default"]
            );
            assert_eq!(document["kind"], schema["properties"]["kind"]["default"]);
            assert_eq!(document["metadata"]["name"], topic.as_str());
            let annotations = &document["metadata"]["annotations"];
            assert_eq!(annotations["jikkou.io/provider"], "kafka-prod");
            assert_eq!(
                document["spec"]["partitions"].as_u64(),
                Some(recommended(file))
            );
            assert_eq!(document["spec"]["replicas"], 3);
            check_configs(&document["spec"]["configs"], file, topic.ends_with(".DLT"));
        }
    }
}

#[test]
fn a_document_jikkou_refuses_fails_the_schema() {
    // The check can fail: a wrong type for partitions is caught.
    let schema = jikkou_schema();
    let bad = serde_json::json!({
        "apiVersion": "kafka.jikkou.io/v1", "kind": "KafkaTopic",
        "metadata": {"name": "t"}, "spec": {"partitions": "many", "replicas": 3},
    });
    let validator = jsonschema::validator_for(&schema).expect("schema");
    assert!(!validator.is_valid(&bad));
}

#[test]
fn topicctl_topics_have_only_its_fields_and_pass_its_rules() {
    let rules: toml::Table = fixture("topicctl-2.0.2-topic-config.toml")
        .parse()
        .expect("TOML");
    let list = |table: &str, key: &str| -> Vec<String> {
        rules[table][key]
            .as_array()
            .expect("a list")
            .iter()
            .map(|v| v.as_str().expect("a name").to_string())
            .collect()
    };
    let keys =
        |v: &Value| -> Vec<String> { v.as_object().expect("a mapping").keys().cloned().collect() };
    let within = |v: &Value, table: &str, what: &str| {
        let allowed = list(table, "fields");
        for key in keys(v) {
            assert!(
                allowed.contains(&key),
                "{what}: {key} is not a field of {table}"
            );
        }
    };
    for file in EXAMPLES {
        let text = export(file, &["--to", "topicctl", "--cluster", "prod"]);
        let documents = yaml_documents(&text);
        for (document, topic) in documents.iter().zip(topic_names(file)) {
            within(document, "TopicConfig", file);
            let meta = &document["meta"];
            within(meta, "ResourceMeta", file);
            for field in list("ResourceMeta", "non_empty") {
                let value = meta[&field].as_str().unwrap_or("");
                assert!(!value.is_empty(), "{file}: meta.{field} must be set");
            }
            assert_eq!(meta["name"], topic.as_str());
            assert_eq!(meta["cluster"], "prod");
            let spec = &document["spec"];
            within(spec, "TopicSpec", file);
            for field in list("TopicSpec", "positive") {
                assert!(
                    spec[&field].as_u64().is_some_and(|n| n > 0),
                    "{file}: {field}"
                );
            }
            assert_eq!(spec["partitions"].as_u64(), Some(recommended(file)));
            within(&spec["placement"], "TopicPlacementConfig", file);
            let strategy = spec["placement"]["strategy"].as_str().expect("strategy");
            assert!(list("TopicPlacementConfig", "strategies").contains(&strategy.to_string()));
            let settings = &spec["settings"];
            let known = list("TopicSettings", "keys");
            for key in keys(settings) {
                assert!(known.contains(&key), "{file}: {key}");
            }
            assert!(
                settings.get("retention.ms").is_none() || spec.get("retentionMinutes").is_none()
            );
            let compression = settings["compression.type"].as_str().expect("codec");
            assert!(list("TopicSettings", "compression_types").contains(&compression.to_string()));
            // retentionMinutes holds what retention.ms would.
            let mut configs = settings.clone();
            let minutes = spec["retentionMinutes"].as_u64().expect("minutes");
            configs["retention.ms"] = Value::from(minutes * 60_000);
            check_configs(&configs, file, topic.ends_with(".DLT"));
        }
    }
}

#[test]
fn terraform_resources_parse_as_hcl_with_the_provider_arguments() {
    let provider: toml::Table = fixture("terraform-kafka-0.13.1-kafka_topic.toml")
        .parse()
        .expect("TOML");
    let list = |key: &str| -> Vec<String> {
        provider[key]
            .as_array()
            .expect("a list")
            .iter()
            .map(|v| v.as_str().expect("a name").to_string())
            .collect()
    };
    let allowed: Vec<String> =
        [list("required"), list("optional"), list("meta_arguments")].concat();
    for file in EXAMPLES {
        let text = export(file, &["--to", "terraform", "--cluster", "prod"]);
        let body: hcl::Body = hcl::parse(&text).unwrap_or_else(|e| panic!("{file}: {e}\n{text}"));
        let resources: Vec<&hcl::Block> = body.blocks().collect();
        assert_eq!(resources.len(), topic_names(file).len());
        for (block, topic) in resources.into_iter().zip(topic_names(file)) {
            assert_eq!(block.identifier(), "resource");
            let labels: Vec<&str> = block.labels().iter().map(hcl::BlockLabel::as_str).collect();
            assert_eq!(labels[0], "kafka_topic");
            let attributes: Vec<&hcl::Attribute> = block.body().attributes().collect();
            let names: Vec<String> = attributes.iter().map(|a| a.key().to_string()).collect();
            for name in &names {
                assert!(allowed.contains(name), "{file}: {name}");
            }
            for name in list("required") {
                assert!(names.contains(&name), "{file}: {name} is required");
            }
            let value = |key: &str| {
                attributes
                    .iter()
                    .find(|a| a.key() == key)
                    .map(|a| a.expr().clone())
                    .expect("the attribute")
            };
            assert_eq!(value("name"), hcl::Expression::from(topic.as_str()));
            assert_eq!(
                value("partitions"),
                hcl::Expression::from(recommended(file))
            );
            assert_eq!(value("replication_factor"), hcl::Expression::from(3u64));
            // provider = kafka.prod: the alias, a traversal.
            assert!(matches!(value("provider"), hcl::Expression::Traversal(_)));
            let hcl::Expression::Object(config) = value("config") else {
                panic!("{file}: config is not a map");
            };
            let mut configs = serde_json::Map::new();
            for (key, value) in config {
                let hcl::Expression::String(text) = value else {
                    panic!("{file}: config values are strings: {value:?}");
                };
                let key = match key {
                    hcl::ObjectKey::Expression(hcl::Expression::String(k)) => k,
                    hcl::ObjectKey::Identifier(k) => k.to_string(),
                    other => panic!("{other:?}"),
                };
                configs.insert(key, Value::from(text));
            }
            check_configs(&Value::Object(configs), file, topic.ends_with(".DLT"));
        }
    }
}

#[test]
fn kafka_topics_commands_run_in_sh_with_the_options_kafka_topics_accepts() {
    let options: toml::Table = fixture("kafka-topics-4.x-create-options.toml")
        .parse()
        .expect("TOML");
    let list = |key: &str| -> Vec<String> {
        options[key]
            .as_array()
            .expect("a list")
            .iter()
            .map(|v| v.as_str().expect("a name").to_string())
            .collect()
    };
    let folder = tempfile::tempdir().expect("a temporary folder");
    // A stand-in kafka-topics.sh that records the arguments it is given, one per line.
    let log = folder.path().join("calls.log");
    let tool = folder.path().join("kafka-topics.sh");
    std::fs::write(
        &tool,
        format!(
            "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done >> '{}'\necho --- >> '{}'\n",
            log.display(),
            log.display()
        ),
    )
    .expect("written");
    make_executable(&tool);
    for file in EXAMPLES {
        let script = export(file, &["--to", "kafka-topics"]);
        let _ = std::fs::remove_file(&log);
        let run = std::process::Command::new("sh")
            .arg("-c")
            .arg(&script)
            .env("PATH", format!("{}:/usr/bin:/bin", folder.path().display()))
            .env("BOOTSTRAP_SERVER", "127.0.0.1:9092")
            .output()
            .expect("sh runs");
        assert!(
            run.status.success(),
            "{file}: {}",
            String::from_utf8_lossy(&run.stderr)
        );
        let calls = std::fs::read_to_string(&log).expect("the stand-in ran");
        let calls: Vec<&str> = calls.split("---\n").filter(|c| !c.is_empty()).collect();
        assert_eq!(calls.len(), topic_names(file).len(), "{file}");
        for (call, topic) in calls.into_iter().zip(topic_names(file)) {
            let args: Vec<&str> = call.lines().collect();
            let mut values: std::collections::BTreeMap<String, Vec<String>> = Default::default();
            let mut i = 0;
            while i < args.len() {
                let name = args[i].strip_prefix("--").expect("an option");
                if list("flags").contains(&name.to_string()) {
                    values.entry(name.to_string()).or_default();
                    i += 1;
                } else {
                    assert!(
                        list("options_with_value").contains(&name.to_string()),
                        "{name}"
                    );
                    values
                        .entry(name.to_string())
                        .or_default()
                        .push(args[i + 1].to_string());
                    i += 2;
                }
            }
            for required in list("required") {
                assert!(values.contains_key(&required), "{file}: --{required}");
            }
            assert!(values.contains_key("create"));
            assert_eq!(values["bootstrap-server"], ["127.0.0.1:9092"]);
            assert_eq!(values["topic"], std::slice::from_ref(&topic));
            assert_eq!(values["partitions"], [recommended(file).to_string()]);
            assert_eq!(values["replication-factor"], ["3"]);
            let mut configs = serde_json::Map::new();
            for setting in &values["config"] {
                let (key, value) = setting.split_once('=').expect("key=value");
                configs.insert(key.to_string(), Value::from(value));
            }
            check_configs(&Value::Object(configs), file, topic.ends_with(".DLT"));
        }
    }
}

#[cfg(unix)]
fn make_executable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
}

#[test]
fn replication_limits_come_from_the_request_and_are_checked_against_each_other() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let base =
        std::fs::read_to_string(root().join("examples/clickstream-events.toml")).expect("example");
    let write = |name: &str, limits: &str| {
        let path = folder.path().join(name);
        std::fs::write(&path, format!("{base}\n[limits]\n{limits}\n")).expect("written");
        path.display().to_string()
    };
    let five = write(
        "five.toml",
        "replication_factor = 5\nmin_insync_replicas = 3",
    );
    let text = stdout(&kplan(&["export", &five, "--to", "strimzi"]));
    let document = &yaml_documents(&text)[0];
    assert_eq!(document["spec"]["replicas"], 5);
    assert_eq!(document["spec"]["config"]["min.insync.replicas"], 3);

    let above = write(
        "above.toml",
        "replication_factor = 2\nmin_insync_replicas = 3",
    );
    let out = kplan(&["export", &above, "--to", "strimzi"]);
    assert_eq!(code(&out), 2);
    assert_eq!(
        stderr(&out),
        format!(
            "error: {above}:18: limits.min_insync_replicas: is 3, above the replication factor 2: every acks=all write would fail with NOT_ENOUGH_REPLICAS\n"
        )
    );
    let single = write("single.toml", "replication_factor = 1");
    let out = kplan(&["export", &single, "--to", "strimzi"]);
    assert_eq!(code(&out), 2);
    assert_eq!(
        stderr(&out),
        format!(
            "error: {single}: limits.replication_factor: is 1, below the profile's min.insync.replicas 2: every acks=all write would fail with NOT_ENOUGH_REPLICAS; set limits.min_insync_replicas too\n"
        )
    );
}

/// An unkeyed online share group: 1,800,000 messages in 10 minutes (3,000 msg/s),
/// exponential processing with a 14 ms mean, 2 dead letter retries.
const SHARE_REQUEST: &str = "[topic]\nname = \"clicks.v1\"\ntype = \"online\"\n\
    delivery = \"at-least-once\"\n\n[publish]\nmax_messages = 1_800_000\nmessage_bytes = 1024\n\n\
    [subscribe]\ntarget_minutes = 10\nlatency_ms = { mean = 14.0 }\ngroup = \"share\"\n\n\
    [dead_letter]\nretries = 2\n";

/// The share group's consumers and partitions, by hand: 3,000 msg/s x 14 ms at most 70%
/// busy is 3,000 x 14 / 700 = 60 consumers. The exponential p99 is 14 ln 100 ms, so half
/// the 30 s record lock holds 232 records a poll, and a partition's 2,000 record locks
/// serve 2,000 / 232 = 8 consumers: ceil(60 / 8) = 8 partitions (the producers need 1).
fn share_group_size() -> (u64, u64) {
    let consumers = (3_000u64 * 14).div_ceil(700);
    let records = (30_000.0 / 2.0 / (14.0 * 100f64.ln())).floor() as u64;
    let partitions = consumers.div_ceil(2_000 / records);
    (consumers, partitions)
}

fn share_request() -> (tempfile::TempDir, String) {
    let folder = tempfile::tempdir().expect("a folder");
    let path = folder.path().join("clicks.toml");
    std::fs::write(&path, SHARE_REQUEST).expect("written");
    let path = path.to_str().expect("UTF-8").to_string();
    (folder, path)
}

#[test]
fn a_share_group_scales_to_its_consumers_past_the_partitions() {
    let (consumers, partitions) = share_group_size();
    assert_eq!((consumers, partitions), (60, 8));
    let (_folder, file) = share_request();
    let text = export(&file, &["--to", "keda"]);
    let schema = crd_schema(&fixture("keda-2.20.2-scaledobjects-crd.yaml"), "v1alpha1");
    let documents = yaml_documents(&text);
    validate(&schema, &documents[0], "share group");
    let spec = &documents[0]["spec"];
    assert_eq!(spec["maxReplicaCount"], consumers);
    let metadata = &spec["triggers"][0]["metadata"];
    // KEDA's scaler holds replicas at the partition count unless idle consumers are
    // allowed; a share group's extra consumers are not idle.
    assert_eq!(metadata["allowIdleConsumers"], "true");
    // At-least-once: a new share group starts at the oldest records, losing none.
    assert_eq!(metadata["offsetResetPolicy"], "earliest");
    let reason = format!(
        "# the plan's {consumers} share-group consumers: a share group hands records to every consumer, so consumers beyond the {partitions} partitions do work\n  maxReplicaCount: {consumers}\n"
    );
    assert!(text.contains(&reason), "{text}");
    assert!(text.contains("kedacore/keda#7920"), "{text}");

    // The same topic read by a KIP-848 consumer group at a third of the load: one
    // consumer per partition, 1,000 x 14 / 700 = 20, and never more.
    let consumer_group = SHARE_REQUEST
        .replace("group = \"share\"", "group = \"consumer\"")
        .replace("1_800_000", "600_000");
    std::fs::write(&file, consumer_group).expect("written");
    let text = export(&file, &["--to", "keda"]);
    let spec = &yaml_documents(&text)[0]["spec"];
    assert_eq!(spec["maxReplicaCount"], (1_000u64 * 14).div_ceil(700));
    assert_eq!(
        spec["triggers"][0]["metadata"]["allowIdleConsumers"],
        "false"
    );
    assert!(!text.contains("kedacore/keda#7920"), "{text}");
}

#[test]
fn a_share_groups_dead_letter_topic_is_exported_with_the_dlq_prefix() {
    let (_, partitions) = share_group_size();
    let (_folder, file) = share_request();
    let expected = vec![
        ("clicks.v1".to_string(), partitions),
        ("dlq.clicks.v1".to_string(), partitions),
    ];
    let name_and_partitions = |doc: &Value, name: &Value, partitions: &Value| {
        let name = name.as_str().unwrap_or_else(|| panic!("a name: {doc:#}"));
        (name.to_string(), partitions.as_u64().expect("partitions"))
    };
    for (target, pick) in [
        ("strimzi", "metadata.name"),
        ("jikkou", "metadata.name"),
        ("topicctl", "meta.name"),
    ] {
        let text = export(&file, &["--to", target]);
        assert!(!text.contains(".DLT"), "{target}: {text}");
        let topics: Vec<(String, u64)> = yaml_documents(&text)
            .iter()
            .map(|doc| {
                let (table, key) = pick.split_once('.').expect("a path");
                name_and_partitions(doc, &doc[table][key], &doc["spec"]["partitions"])
            })
            .collect();
        assert_eq!(topics, expected, "{target}");
    }
    let text = export(&file, &["--to", "terraform"]);
    let body: hcl::Body = hcl::parse(&text).expect("HCL");
    let names: Vec<hcl::Expression> = body
        .blocks()
        .filter_map(|b| b.body().attributes().find(|a| a.key() == "name"))
        .map(|a| a.expr().clone())
        .collect();
    assert_eq!(
        names,
        vec![
            hcl::Expression::from("clicks.v1"),
            hcl::Expression::from("dlq.clicks.v1")
        ]
    );
    let text = export(&file, &["--to", "kafka-topics"]);
    assert!(
        text.contains(&format!("--topic dlq.clicks.v1 --partitions {partitions} ")),
        "{text}"
    );
    assert!(!text.contains(".DLT"), "{text}");
}
