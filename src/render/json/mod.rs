//! JSON for scripts: PRODUCT.md's stable field names plus `schema_version`. Fields are
//! only ever added; a renamed or removed field bumps the version.

mod parts;

pub(crate) use parts::{MethodDocument, ShapeDocument};

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use crate::clients::{Client, ClientConfig, ClientSetting};
use crate::i18n::Lang;
use crate::model::{Plan, Setting, Warning};
use crate::words;
use parts::{
    DeadLetterDocument, FitsDocument, InputsDocument, KeySpreadDocument, LatencyDocument,
    NeedsDocument, PredictionDocument,
};

/// 2: `predicted.drain_minutes` is the slowest partition's `{p50, p95}` (was one number
/// of minutes), `predicted` names its method, and `partitions.needs` has `deadline`.
/// Since then added: `reason_kinds` and `warning_details`, the kinds tools act on.
pub const SCHEMA_VERSION: u32 = 2;

/// The document in `lang`: only the human text (reasons, warnings, guidance, notes)
/// follows the language; every name, kind and value is the same in each.
pub fn render(lang: Lang, plan: &Plan, config: &ClientConfig) -> String {
    let mut document = PlanDocument::new(lang, plan);
    if config.client != Client::Java {
        document.client = Some(ClientDocument::new(lang, config));
    }
    crate::render::json_document(&document)
}

#[derive(Serialize)]
struct PlanDocument<'a> {
    schema_version: u32,
    topic: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    status: &'static str,
    required_tps: f64,
    planned_tps: f64,
    latency_ms: LatencyDocument,
    per_partition_tps: f64,
    partitions: Partitions,
    consumers: u64,
    predicted: PredictionDocument,
    producer: SettingValues<'a>,
    consumer: SettingValues<'a>,
    reasons: Reasons<'a>,
    /// Each reason's kind, by setting.
    reason_kinds: ReasonKinds<'a>,
    /// The messages only: the field has been a list of strings since version 1.
    warnings: Vec<String>,
    /// Each warning's kind beside its message, in the same order.
    warning_details: Vec<WarningDocument>,
    guidance: Vec<String>,
    fits_under_cap: Option<FitsDocument>,
    /// For a consumer-protocol or share group: its protocol and the Kafka it needs.
    #[serde(skip_serializing_if = "Option::is_none")]
    group: Option<GroupDocument>,
    /// Per-group configs (`kafka-configs.sh --entity-type groups`), as strings.
    #[serde(skip_serializing_if = "Option::is_none")]
    group_configs: Option<SettingValues<'a>>,
    dead_letter: Option<DeadLetterDocument<'a>>,
    key_spread: Option<KeySpreadDocument<'a>>,
    inputs: InputsDocument<'a>,
    /// The settings in another client's dialect (`--client`); absent for Java, whose
    /// settings are `producer` and `consumer` themselves.
    #[serde(skip_serializing_if = "Option::is_none")]
    client: Option<ClientDocument<'a>>,
}

#[derive(Serialize)]
struct ClientDocument<'a> {
    name: &'static str,
    producer: ClientValues<'a>,
    consumer: ClientValues<'a>,
    #[serde(skip_serializing_if = "is_empty")]
    listener: ClientValues<'a>,
    reasons: ClientReasons<'a>,
    notes: Vec<String>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    snippets: Vec<SnippetDocument<'a>>,
}

#[derive(Serialize)]
struct SnippetDocument<'a> {
    title: &'a str,
    language: &'static str,
    text: String,
}

fn is_empty(values: &ClientValues) -> bool {
    values.0.is_empty()
}

impl<'a> ClientDocument<'a> {
    fn new(lang: Lang, config: &'a ClientConfig) -> Self {
        ClientDocument {
            name: config.client.name(),
            producer: ClientValues(&config.producer),
            consumer: ClientValues(&config.consumer),
            listener: ClientValues(&config.listener),
            reasons: ClientReasons(lang, config),
            notes: config
                .notes
                .iter()
                .map(|n| words::client_note(lang, n))
                .collect(),
            snippets: config
                .snippets
                .iter()
                .map(|s| SnippetDocument {
                    title: &s.title,
                    language: s.language,
                    text: s.lines.join("\n") + "\n",
                })
                .collect(),
        }
    }
}

/// A dialect's settings as a `{key: value}` object in plan order.
struct ClientValues<'a>(&'a [ClientSetting]);

impl Serialize for ClientValues<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for s in self.0 {
            map.serialize_entry(&s.key, &s.value)?;
        }
        map.end()
    }
}

/// Every dialect setting's reason: producer, consumer, then listener.
struct ClientReasons<'a>(Lang, &'a ClientConfig);

impl Serialize for ClientReasons<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (lang, c) = (self.0, self.1);
        let all = c.producer.iter().chain(&c.consumer).chain(&c.listener);
        let mut map = serializer.serialize_map(None)?;
        for s in all {
            map.serialize_entry(&s.key, &words::client_reason(lang, &s.reason))?;
        }
        map.end()
    }
}

#[derive(Serialize)]
struct Partitions {
    needed: u64,
    recommended: u64,
    cap: u32,
    needs: NeedsDocument,
}

#[derive(Serialize)]
struct GroupDocument {
    protocol: &'static str,
    min_kafka_version: &'static str,
}

#[derive(Serialize)]
struct WarningDocument {
    kind: &'static str,
    message: String,
}

impl WarningDocument {
    fn new(lang: Lang, w: &Warning) -> Self {
        WarningDocument {
            kind: w.kind().as_str(),
            message: words::warning(lang, w),
        }
    }
}

/// Settings as a `{key: value}` object in plan order.
struct SettingValues<'a>(&'a [Setting]);

impl Serialize for SettingValues<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for s in self.0 {
            map.serialize_entry(s.key, &s.value.to_string())?;
        }
        map.end()
    }
}

fn group_configs(plan: &Plan) -> &[Setting] {
    plan.group.as_ref().map_or(&[], |g| &g.configs)
}

/// Every setting's reason in the reader's language, producer first, then consumer and
/// group configs, as one `{key: reason}` object.
struct Reasons<'a>(Lang, &'a [Setting], &'a [Setting], &'a [Setting]);

impl Serialize for Reasons<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        for s in self.1.iter().chain(self.2).chain(self.3) {
            map.serialize_entry(s.key, &words::reason(self.0, &s.reason))?;
        }
        map.end()
    }
}

/// Every setting's reason kind, in the order of [`Reasons`].
struct ReasonKinds<'a>(&'a [Setting], &'a [Setting], &'a [Setting]);

impl Serialize for ReasonKinds<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        for s in self.0.iter().chain(self.1).chain(self.2) {
            map.serialize_entry(s.key, s.reason.kind())?;
        }
        map.end()
    }
}

impl<'a> PlanDocument<'a> {
    fn new(lang: Lang, plan: &'a Plan) -> Self {
        PlanDocument {
            schema_version: SCHEMA_VERSION,
            topic: &plan.topic,
            kind: plan.kind.as_str(),
            status: plan.status.as_str(),
            required_tps: plan.required_tps,
            planned_tps: plan.planned_tps,
            latency_ms: LatencyDocument::from(&plan.latency_ms),
            per_partition_tps: plan.per_partition_tps,
            partitions: Partitions {
                needed: plan.needed,
                recommended: plan.recommended,
                cap: plan.cap,
                needs: NeedsDocument::from(&plan.needs),
            },
            consumers: plan.consumers,
            predicted: PredictionDocument::from(&plan.predicted),
            producer: SettingValues(&plan.producer),
            consumer: SettingValues(&plan.consumer),
            reasons: Reasons(lang, &plan.producer, &plan.consumer, group_configs(plan)),
            reason_kinds: ReasonKinds(&plan.producer, &plan.consumer, group_configs(plan)),
            warnings: plan
                .warnings
                .iter()
                .map(|w| words::warning(lang, w))
                .collect(),
            warning_details: plan
                .warnings
                .iter()
                .map(|w| WarningDocument::new(lang, w))
                .collect(),
            guidance: plan
                .guidance
                .iter()
                .map(|g| words::guidance(lang, g))
                .collect(),
            fits_under_cap: plan.fits_under_cap.as_ref().map(FitsDocument::from),
            group: plan.group.as_ref().map(|g| GroupDocument {
                protocol: g.protocol.as_str(),
                min_kafka_version: g.min_kafka_version,
            }),
            group_configs: plan.group.as_ref().map(|g| SettingValues(&g.configs)),
            dead_letter: plan.dead_letter.as_ref().map(DeadLetterDocument::from),
            key_spread: plan.key_spread.as_ref().map(KeySpreadDocument::from),
            inputs: InputsDocument::from(&plan.inputs),
            client: None,
        }
    }
}
