//! `kplan simulate --format json`: PRODUCT.md's fields (`partitions`, `runs`, `seed`;
//! batch `drain_seconds` and `p_within_target`; online `delay_ms` and `utilization`)
//! plus the planner's prediction and the setup.

use serde::Serialize;

use crate::render::json::{MethodDocument, ShapeDocument};
use crate::request::TopicType;
use crate::simulate::report::{
    BatchResult, OnlineResult, Outcome, ServiceSource, Simulation, SpreadSource,
};

/// 2: `predicted` says how it was computed, batch predictions are the slowest
/// partition's drain quantiles, and `service` names the assumed shape.
pub const SCHEMA_VERSION: u32 = 2;

#[derive(Serialize)]
struct Document<'a> {
    schema_version: u32,
    topic: &'a str,
    #[serde(rename = "type")]
    kind: TopicType,
    status: &'static str,
    partitions: u32,
    recommended_partitions: u64,
    runs: u32,
    seed: u64,
    messages_per_run: u64,
    workers_per_partition: u32,
    service: Service,
    spread: Spread,
    #[serde(flatten)]
    outcome: OutcomeDocument,
    notes: &'a [String],
}

#[derive(Serialize)]
struct Service {
    /// "samples" (bootstrap) or "summary" (drawn from the assumed shape).
    source: &'static str,
    samples: Option<u64>,
    shape: Option<ShapeDocument>,
}

#[derive(Serialize)]
struct Spread {
    /// "key-sample" or "even".
    source: &'static str,
    busiest_share: Option<f64>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum OutcomeDocument {
    Batch(Batch),
    Online(Online),
}

#[derive(Serialize)]
struct Percentiles {
    mean: f64,
    p50: f64,
    p95: f64,
    p99: f64,
}

#[derive(Serialize)]
struct Batch {
    drain_seconds: Percentiles,
    target_seconds: f64,
    p_within_target: f64,
    predicted: BatchPrediction,
}

#[derive(Serialize)]
struct BatchPrediction {
    /// The slowest partition's drain time.
    drain_seconds: DrainQuantiles,
    drain_confidence: f64,
    drain_seconds_at_confidence: f64,
}

#[derive(Serialize)]
struct DrainQuantiles {
    p50: f64,
    p95: f64,
}

#[derive(Serialize)]
struct Online {
    arrival_tps: f64,
    messages: u64,
    delay_ms: Delay,
    utilization: f64,
    busiest_partition_utilization: f64,
    max_backlog: u64,
    keeps_up: bool,
    max_delay_ms: Option<f64>,
    share_over_max_delay: Option<f64>,
    predicted: OnlinePrediction,
}

#[derive(Serialize)]
struct Delay {
    mean: f64,
    p50: f64,
    p95: f64,
    p99: f64,
    max: f64,
}

#[derive(Serialize)]
struct OnlinePrediction {
    delay_ms: PredictedDelay,
    utilization: f64,
    method: Option<MethodDocument>,
}

/// `null` where the planner predicts no bound.
#[derive(Serialize)]
struct PredictedDelay {
    mean: Option<f64>,
    p99: Option<f64>,
}

pub fn render(sim: &Simulation) -> String {
    let document = Document {
        schema_version: SCHEMA_VERSION,
        topic: &sim.topic,
        kind: sim.kind,
        status: sim.verdict.as_str(),
        partitions: sim.partitions,
        recommended_partitions: sim.recommended,
        runs: sim.runs,
        seed: sim.seed,
        messages_per_run: sim.messages,
        workers_per_partition: sim.workers_per_partition,
        service: service(sim.service),
        spread: spread(sim.spread),
        outcome: match &sim.outcome {
            Outcome::Batch(b) => OutcomeDocument::Batch(batch(b)),
            Outcome::Online(o) => OutcomeDocument::Online(online(o)),
        },
        notes: &sim.notes,
    };
    crate::render::json_document(&document)
}

fn service(source: ServiceSource) -> Service {
    match source {
        ServiceSource::Samples { count } => Service {
            source: "samples",
            samples: Some(count),
            shape: None,
        },
        ServiceSource::Summary { shape } => Service {
            source: "summary",
            samples: None,
            shape: Some(shape.into()),
        },
    }
}

fn spread(source: SpreadSource) -> Spread {
    match source {
        SpreadSource::KeySample { busiest_share, .. } => Spread {
            source: "key-sample",
            busiest_share: Some(busiest_share),
        },
        SpreadSource::Even => Spread {
            source: "even",
            busiest_share: None,
        },
    }
}

fn batch(b: &BatchResult) -> Batch {
    let s = &b.simulated;
    Batch {
        drain_seconds: Percentiles {
            mean: s.mean_seconds,
            p50: s.p50_seconds,
            p95: s.p95_seconds,
            p99: s.p99_seconds,
        },
        target_seconds: b.target_seconds,
        p_within_target: s.p_within_target,
        predicted: BatchPrediction {
            drain_seconds: DrainQuantiles {
                p50: b.predicted.p50_seconds,
                p95: b.predicted.p95_seconds,
            },
            drain_confidence: b.predicted.confidence,
            drain_seconds_at_confidence: b.predicted.at_confidence_seconds,
        },
    }
}

fn online(o: &OnlineResult) -> Online {
    let s = &o.simulated;
    let d = &s.delay_ms;
    Online {
        arrival_tps: o.arrival_tps,
        messages: s.messages,
        delay_ms: Delay {
            mean: d.mean,
            p50: d.p50,
            p95: d.p95,
            p99: d.p99,
            max: d.max,
        },
        utilization: s.utilization,
        busiest_partition_utilization: s.busiest_partition_utilization,
        max_backlog: s.max_backlog,
        keeps_up: s.keeps_up,
        max_delay_ms: o.max_delay_ms,
        share_over_max_delay: s.share_over_max_delay,
        predicted: OnlinePrediction {
            delay_ms: PredictedDelay {
                mean: o.predicted.mean_delay_ms,
                p99: o.predicted.p99_delay_ms,
            },
            utilization: o.predicted.utilization,
            method: o.predicted.method.map(Into::into),
        },
    }
}
