//! The capacity model: pure functions from a validated request, a profile and latency
//! statistics to a [`Plan`]. No I/O happens here.

mod advice;
pub mod curve;
pub mod delay;
pub mod drain;
pub mod fits;
pub mod histogram;
mod mg1;
mod mgc;
mod search;
pub mod service;
pub mod settings;
pub mod share;
pub mod sizing;
pub mod spread;
pub mod topic;

pub use advice::{Guidance, Warning, WarningKind};
pub use fits::FitsUnderCap;
pub use settings::Setting;
pub use sizing::{Infeasible, Needs, ScaleProblem, Status};

use crate::keys::KeySample;
use crate::profile::Profile;
use crate::request::{Delivery, GroupProtocol, LatencySource, Request, TopicType};
use crate::stats::LatencyStats;
use delay::{DelayMethod, DelayModel};
use drain::DrainMinutes;
use histogram::PiecewiseUniform;
use service::{ServiceShape, ServiceTime};
use settings::SettingsInput;
use sizing::{Sizing, SizingInput};

/// Everything a plan is computed from.
#[derive(Debug, Clone, Copy)]
pub struct PlanInput<'a> {
    pub request: &'a Request,
    pub profile: &'a Profile,
    pub latency: &'a LatencyStats,
    /// The measured samples behind `latency`; `None` for a summary.
    pub samples: Option<&'a [f64]>,
    /// The latency histogram behind `latency`, when the request gives one.
    pub histogram: Option<&'a PiecewiseUniform>,
    /// The key sample of a keyed topic, when the request names one.
    pub keys: Option<&'a KeySample>,
}

/// The request's values with profile defaults applied, as the plan used them.
#[derive(Debug, Clone, PartialEq)]
pub struct Inputs {
    pub max_messages: u64,
    pub message_bytes: u64,
    pub max_message_bytes: Option<u64>,
    pub target_minutes: f64,
    pub delivery: Delivery,
    pub partition_key: Option<String>,
    pub concurrency: u32,
    pub max_delay_ms: Option<f64>,
    pub headroom: f64,
    /// u: the online utilisation ceiling, 1 for batch.
    pub max_utilization: f64,
    pub partition_write_bytes_per_sec: f64,
    /// Batch: the chance that every partition drains within the target.
    pub drain_confidence: Option<f64>,
    /// The processing-time distribution every prediction assumed.
    pub latency_shape: ServiceShape,
    /// The sample file as given (resolved against the request's folder), or `None`
    /// for an inline summary.
    pub latency_file: Option<String>,
    /// The Prometheus histogram file the latency came from, when it did.
    pub latency_histogram_file: Option<String>,
    pub key_sample_file: Option<String>,
    /// Copies of each partition the topic is created with.
    pub replication_factor: u32,
    /// Replicas that must have a write before an acks=all producer counts it sent.
    pub min_insync_replicas: u32,
}

/// How the recommended partition count is predicted to behave.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Prediction {
    /// Per-partition utilisation at the recommended count (above 1: cannot keep up).
    pub utilization: f64,
    /// Online: predicted p99 end-to-end delay at the busiest partition; `None` when the
    /// queue grows without bound.
    pub p99_delay_ms: Option<f64>,
    /// Online: the mean end-to-end delay at the busiest partition.
    pub mean_delay_ms: Option<f64>,
    /// Online: how the delay was computed.
    pub method: Option<DelayMethod>,
    /// Batch: the slowest partition's drain time, p50 and p95.
    pub drain_minutes: Option<DrainMinutes>,
    /// Batch: the slowest partition's drain time at the drain confidence, which the
    /// deadline need holds within the target.
    pub drain_minutes_at_confidence: Option<f64>,
}

/// How a key sample spreads over the recommended partitions.
#[derive(Debug, Clone, PartialEq)]
pub struct KeySpread {
    pub partitions: u64,
    pub sample_keys: u64,
    pub distinct_keys: u64,
    /// Share of all messages on the busiest partition.
    pub busiest_share: f64,
    /// Largest count / mean count.
    pub imbalance: f64,
    pub top_key: String,
    pub top_key_share: f64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeadLetterPlan {
    pub topic: String,
    /// Same as the topic, so a failed record keeps its partition.
    pub partitions: u64,
    pub retries: u32,
    pub backoff_ms: u64,
}

/// The capacity plan for one topic request.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub topic: String,
    pub kind: TopicType,
    pub status: Status,
    pub inputs: Inputs,
    pub required_tps: f64,
    pub planned_tps: f64,
    pub latency_ms: LatencyStats,
    pub per_partition_tps: f64,
    pub needs: Needs,
    pub needed: u64,
    pub recommended: u64,
    pub cap: u32,
    pub consumers: u64,
    pub predicted: Prediction,
    pub key_spread: Option<KeySpread>,
    pub producer: Vec<Setting>,
    pub consumer: Vec<Setting>,
    pub dead_letter: Option<DeadLetterPlan>,
    /// The group's protocol and per-group configs; `None` for a classic group.
    pub group: Option<settings::GroupPlan>,
    pub warnings: Vec<Warning>,
    pub guidance: Vec<Guidance>,
    pub fits_under_cap: Option<FitsUnderCap>,
    /// Why no partition count works, when none does.
    pub infeasible: Option<Infeasible>,
}

impl Plan {
    /// Whether subscribers form a KIP-932 share group: records, not partitions, are
    /// handed out, and the broker keeps dead letters.
    pub fn is_share_group(&self) -> bool {
        self.group
            .as_ref()
            .is_some_and(|g| g.protocol == GroupProtocol::Share)
    }
}

/// How much of a plan to compute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Depth {
    /// Everything, the predicted delay or drain at the recommended count included.
    Full,
    /// The sizing, settings and advice, with the prediction's utilisation only: what a
    /// CI gate over thousands of requests reads, without the queueing computation at
    /// the recommended count, which near saturation costs the most.
    Sizing,
}

/// Plans a topic request.
pub fn plan(input: &PlanInput) -> Plan {
    plan_to(input, Depth::Full)
}

/// Plans a topic request to `depth`.
pub fn plan_to(input: &PlanInput, depth: Depth) -> Plan {
    let request = input.request;
    let inputs = resolve_inputs(input);
    let sizing_input = sizing_input(input, &inputs);
    let mut delay = DelayModel::new(sizing_input.service, inputs.concurrency);
    let sizing = sizing::size_with(&sizing_input, &mut delay);
    let poll_limit = input.profile.consumer.max_poll_records;
    let share = (request.subscribe.group == GroupProtocol::Share)
        .then(|| share::size_share(&sizing_input, sizing.planned_tps, poll_limit));
    let (sizing, fits_under_cap) = match &share {
        Some(s) => (share::share_partitions(sizing, s, &sizing_input), None),
        None => {
            let mut fits = fits::fits_under_cap(&sizing_input, &sizing, &mut delay);
            if let Some(f) = fits.as_mut() {
                f.share_group_consumers = share_alternative(input, &sizing_input, &sizing);
            }
            (sizing, fits)
        }
    };
    let settings = SettingsInput {
        request,
        profile: input.profile,
        sizing: &sizing,
        latency: input.latency,
        share: share.as_ref(),
    };
    let predicted = match (depth, &share) {
        // Past the model's threads, the utilisation alone: no queue that large is run.
        (Depth::Full, Some(s)) if s.feasible => share::predict(&sizing_input, &sizing, s.consumers),
        (Depth::Full, None) => predict(&sizing_input, &sizing, &mut delay, sizing.recommended),
        _ => utilization_only(&sizing, sizing.recommended),
    };
    let key_spread = input.keys.map(|keys| spread(keys, sizing.recommended));
    let mut plan = Plan {
        topic: request.topic.name.clone(),
        kind: request.topic.kind,
        status: sizing.status,
        required_tps: sizing.required_tps,
        planned_tps: sizing.planned_tps,
        latency_ms: input.latency.clone(),
        per_partition_tps: sizing.per_partition_tps,
        needs: sizing.needs,
        needed: sizing.needed,
        recommended: sizing.recommended,
        cap: sizing.cap,
        consumers: share.map_or(sizing.recommended, |s| s.consumers),
        predicted,
        key_spread,
        producer: settings::producer_settings(&settings),
        consumer: settings::consumer_settings(&settings),
        group: settings::group_plan(&settings),
        dead_letter: request.dead_letter.map(|dl| DeadLetterPlan {
            topic: dead_letter_topic(request),
            partitions: sizing.recommended,
            retries: dl.retries,
            backoff_ms: dl.backoff_ms,
        }),
        warnings: Vec::new(),
        guidance: Vec::new(),
        fits_under_cap,
        infeasible: sizing.infeasible.clone(),
        inputs,
    };
    plan.warnings = advice::warnings(&plan, &sizing);
    plan.guidance = advice::guidance(&plan);
    plan
}

/// `<topic>.DLT`; a share group's dead letter queue takes KIP-1191's default `dlq.`
/// prefix.
pub fn dead_letter_topic(request: &Request) -> String {
    match request.subscribe.group {
        GroupProtocol::Share => format!("dlq.{}", request.topic.name),
        _ => format!("{}.DLT", request.topic.name),
    }
}

/// For an unkeyed topic that is not exactly-once and over the cap: the share-group
/// consumers that would carry the load on the capped partitions (the closed form: a
/// gate over thousands of requests reads it, so no queue is simulated for it).
fn share_alternative(
    input: &PlanInput,
    sizing_input: &SizingInput,
    sizing: &Sizing,
) -> Option<u64> {
    let request = input.request;
    if request.is_keyed() || request.topic.delivery == Delivery::ExactlyOnce {
        return None;
    }
    share::consumers_on(sizing_input, sizing.planned_tps, u64::from(sizing.cap))
}

/// A request whose needs are beyond what the model reasons about (mistaken units,
/// most likely), explained; `None` for every request that can be planned.
pub fn scale_problem(input: &PlanInput) -> Option<sizing::ScaleProblem> {
    sizing::scale_problem(&sizing_input(input, &resolve_inputs(input)))
}

/// The processing-time distribution of a request: its samples' empirical distribution,
/// or the shape PRODUCT.md gives its summary.
pub fn service_time<'a>(input: &PlanInput<'a>) -> ServiceTime<'a> {
    if let Some(histogram) = input.histogram {
        return ServiceTime::histogram(histogram);
    }
    match (input.samples, &input.request.subscribe.latency) {
        (Some(samples), _) if !samples.is_empty() => match input.latency.raw_moments {
            Some(moments) => ServiceTime::empirical_with(samples, input.latency.p99, moments),
            None => ServiceTime::empirical(samples, input.latency.p99),
        },
        // A batch request's samples, read for the statistics its model needs alone.
        (None, LatencySource::Samples { .. }) if input.request.topic.kind == TopicType::Batch => {
            match (input.latency.count, input.latency.raw_moments) {
                (Some(count), Some(moments)) => {
                    ServiceTime::summarised(count, input.latency.p99, moments)
                }
                _ => ServiceTime::from_summary(input.latency.mean, Some(input.latency.p99)),
            }
        }
        (_, LatencySource::Summary { mean_ms, p99_ms }) => {
            ServiceTime::from_summary(*mean_ms, *p99_ms)
        }
        // Statistics without their samples or histogram (a Prometheus summary, or tests):
        // the summary shape.
        (_, LatencySource::Samples { .. } | LatencySource::Histogram { .. }) => {
            ServiceTime::from_summary(input.latency.mean, Some(input.latency.p99))
        }
    }
}

/// What sizing `input` starts from, with the profile's defaults applied.
pub fn planned_sizing_input<'a>(input: &PlanInput<'a>) -> SizingInput<'a> {
    sizing_input(input, &resolve_inputs(input))
}

fn sizing_input<'a>(input: &PlanInput<'a>, inputs: &Inputs) -> SizingInput<'a> {
    SizingInput {
        max_messages: inputs.max_messages,
        target_minutes: inputs.target_minutes,
        headroom: inputs.headroom,
        utilization_ceiling: inputs.max_utilization,
        concurrency: inputs.concurrency,
        keyed: input.request.is_keyed(),
        message_bytes: inputs.message_bytes,
        partition_write_bytes_per_sec: inputs.partition_write_bytes_per_sec,
        cap: input
            .request
            .limits
            .max_partitions
            .unwrap_or(input.profile.sizing.max_partitions),
        service: service_time(input),
        max_delay_ms: inputs.max_delay_ms,
        drain_confidence: inputs.drain_confidence,
        keys: input.keys,
    }
}

fn resolve_inputs(input: &PlanInput) -> Inputs {
    let request = input.request;
    let sizing = &input.profile.sizing;
    let limits = &request.limits;
    let (max_utilization, drain_confidence) = match request.topic.kind {
        TopicType::Online => (
            limits.max_utilization.unwrap_or(sizing.max_utilization),
            None,
        ),
        TopicType::Batch => (
            1.0,
            Some(limits.drain_confidence.unwrap_or(sizing.drain_confidence)),
        ),
    };
    Inputs {
        max_messages: request.publish.max_messages,
        message_bytes: request.publish.message_bytes,
        max_message_bytes: request.publish.max_message_bytes,
        target_minutes: request.subscribe.target_minutes,
        delivery: request.topic.delivery,
        partition_key: request.topic.partition_key.clone(),
        concurrency: request.subscribe.concurrency,
        max_delay_ms: request.subscribe.max_delay_ms,
        headroom: limits.headroom.unwrap_or(sizing.headroom),
        max_utilization,
        partition_write_bytes_per_sec: limits
            .partition_write_bytes_per_sec
            .unwrap_or(sizing.partition_write_bytes_per_sec),
        drain_confidence,
        latency_shape: service_time(input).shape(),
        latency_file: match &request.subscribe.latency {
            LatencySource::Samples { path, .. } => Some(path.display().to_string()),
            _ => None,
        },
        latency_histogram_file: match &request.subscribe.latency {
            LatencySource::Histogram { path, .. } => Some(path.display().to_string()),
            _ => None,
        },
        key_sample_file: request
            .publish
            .key_sample_file
            .as_ref()
            .map(|p| p.display().to_string()),
        replication_factor: limits
            .replication_factor
            .unwrap_or(input.profile.topic.replication_factor),
        min_insync_replicas: limits
            .min_insync_replicas
            .unwrap_or(input.profile.topic.min_insync_replicas),
    }
}

/// The utilisation at `partitions`, nothing else predicted.
fn utilization_only(sizing: &Sizing, partitions: u64) -> Prediction {
    let capacity_tps = partitions as f64 * sizing.per_partition_tps;
    Prediction {
        utilization: sizing.planned_tps / capacity_tps,
        p99_delay_ms: None,
        mean_delay_ms: None,
        method: None,
        drain_minutes: None,
        drain_minutes_at_confidence: None,
    }
}

/// The prediction at `partitions`: online, the busiest partition's delay; batch, the
/// slowest partition's drain.
pub fn predict(
    input: &SizingInput,
    sizing: &Sizing,
    delay: &mut DelayModel,
    partitions: u64,
) -> Prediction {
    let mut prediction = utilization_only(sizing, partitions);
    match input.drain_confidence {
        None => {
            let rate = sizing::busiest_rate(input.keys, sizing.planned_tps, partitions);
            if let Some(d) = delay.at(rate) {
                prediction.p99_delay_ms = Some(d.p99_ms).filter(|x| x.is_finite());
                prediction.mean_delay_ms = Some(d.mean_ms);
                prediction.method = Some(d.method);
            }
        }
        Some(confidence) => {
            let minutes = |p: f64| sizing::slowest_drain_minutes(input, partitions, p);
            prediction.drain_minutes = Some(DrainMinutes {
                p50: minutes(0.5),
                p95: minutes(0.95),
            });
            prediction.drain_minutes_at_confidence = Some(minutes(confidence));
        }
    }
    prediction
}

fn spread(keys: &KeySample, partitions: u64) -> KeySpread {
    // The recommended count is at most the cap, a u32.
    let s = spread::spread(keys, partitions as u32, 1, None);
    let (top_key, top_key_share) = s
        .frequent_keys
        .first()
        .map_or((String::new(), 0.0), |k| (k.key.clone(), k.share));
    KeySpread {
        partitions,
        sample_keys: s.keys,
        distinct_keys: s.distinct_keys,
        busiest_share: s.max_share,
        imbalance: s.imbalance,
        top_key,
        top_key_share,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::{Limits, Publish, Subscribe, Topic};
    use crate::test_plans::plan_with_shipped_profile as plan_for;

    fn request(kind: TopicType, delivery: Delivery, keyed: bool) -> Request {
        Request {
            topic: Topic {
                name: "t.v1".to_string(),
                kind,
                partition_key: keyed.then(|| "id".to_string()),
                delivery,
            },
            publish: Publish {
                max_messages: 3_600_000,
                message_bytes: 2048,
                max_message_bytes: Some(3_000_000),
                key_sample_file: None,
            },
            subscribe: Subscribe {
                target_minutes: 30.0,
                latency: LatencySource::Summary {
                    mean_ms: 18.0,
                    p99_ms: None,
                },
                concurrency: 1,
                max_delay_ms: None,
                group: crate::request::GroupProtocol::Classic,
            },
            dead_letter: None,
            limits: Limits::default(),
        }
    }

    fn value(settings: &[Setting], key: &str) -> String {
        settings::find(settings, key).map_or(String::new(), |s| s.value.to_string())
    }

    fn number(settings: &[Setting], key: &str) -> f64 {
        settings::integer(settings, key).map_or(f64::NAN, |n| n as f64)
    }

    /// PRODUCT.md's invariants, over every delivery, type, keying and a spread of
    /// latencies from sub-millisecond to minutes per message.
    #[test]
    fn settings_invariants_hold_across_inputs() {
        let deliveries = [
            Delivery::AtMostOnce,
            Delivery::AtLeastOnce,
            Delivery::ExactlyOnce,
        ];
        for delivery in deliveries {
            for kind in [TopicType::Online, TopicType::Batch] {
                for keyed in [false, true] {
                    for mean in [0.05, 3.0, 18.0, 900.0, 200_000.0] {
                        let r = request(kind, delivery, keyed);
                        let latency = LatencyStats::from_summary(mean, None);
                        let p = plan_for(&r, &latency);
                        let ctx = format!("{delivery:?} {kind:?} keyed={keyed} mean={mean}");
                        if delivery.is_lossless() {
                            assert_eq!(value(&p.producer, "acks"), "all", "{ctx}");
                            assert_eq!(value(&p.producer, "enable.idempotence"), "true", "{ctx}");
                            assert_eq!(value(&p.consumer, "enable.auto.commit"), "false", "{ctx}");
                        } else {
                            assert_eq!(value(&p.consumer, "enable.auto.commit"), "true", "{ctx}");
                        }
                        if delivery == Delivery::ExactlyOnce {
                            assert_eq!(value(&p.consumer, "isolation.level"), "read_committed");
                            assert!(value(&p.producer, "transactional.id").starts_with("t.v1"));
                        }
                        let records = number(&p.consumer, "max.poll.records");
                        let interval = number(&p.consumer, "max.poll.interval.ms");
                        assert!(records >= 1.0, "{ctx}");
                        assert!(records * latency.p99 <= interval / 2.0, "{ctx}");
                        assert!(
                            number(&p.producer, "max.request.size") >= 3_000_000.0,
                            "{ctx}"
                        );
                        assert_eq!(p.consumers, p.recommended, "{ctx}");
                        assert!(p.recommended <= u64::from(p.cap), "{ctx}");
                        for s in p.producer.iter().chain(&p.consumer) {
                            assert!(!s.value.to_string().is_empty(), "{ctx} {}", s.key);
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn batch_linger_and_batch_size_are_at_least_the_online_ones() {
        for mean in [0.05, 3.0, 18.0, 900.0] {
            for bytes in [10, 1024, 100_000] {
                let latency = LatencyStats::from_summary(mean, None);
                let mut online = request(TopicType::Online, Delivery::AtLeastOnce, false);
                online.publish.message_bytes = bytes;
                let mut batch = online.clone();
                batch.topic.kind = TopicType::Batch;
                let (o, b) = (plan_for(&online, &latency), plan_for(&batch, &latency));
                for key in ["linger.ms", "batch.size"] {
                    assert!(
                        number(&b.producer, key) >= number(&o.producer, key),
                        "{key} mean={mean} bytes={bytes}"
                    );
                }
            }
        }
    }

    #[test]
    fn dead_letter_topic_mirrors_the_topic() {
        let mut r = request(TopicType::Batch, Delivery::AtLeastOnce, true);
        r.dead_letter = Some(crate::request::DeadLetter {
            retries: 2,
            backoff_ms: 1000,
        });
        let p = plan_for(&r, &LatencyStats::from_summary(18.0, None));
        let dl = p.dead_letter.expect("a dead letter plan");
        assert_eq!(dl.topic, "t.v1.DLT");
        assert_eq!(
            (dl.partitions, dl.retries, dl.backoff_ms),
            (p.recommended, 2, 1000)
        );
    }

    #[test]
    fn keyed_topics_warn_that_partitions_only_grow() {
        let r = request(TopicType::Batch, Delivery::AtLeastOnce, true);
        let p = plan_for(&r, &LatencyStats::from_summary(18.0, None));
        assert!(p.warnings.contains(&Warning::PartitionsOnlyGrow {
            recommended: p.recommended
        }));
    }
}
