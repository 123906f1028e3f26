//! A plan simulated: the setup taken from the plan, the simulated outcome with the
//! planner's prediction beside it, notes on where the two models differ, and a verdict.

use super::{BatchOutcome, OnlineOutcome, ServiceTimes, Setup, simulate_batch, simulate_online};
use crate::human::{count, number};
use crate::keys::KeySample;
use crate::model::delay::{self, Service};
use crate::model::{Plan, Status};
use crate::request::TopicType;

/// What `kplan simulate` asks for beyond the plan.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Options {
    /// Partitions to simulate; the plan's recommended count when `None`.
    pub partitions: Option<u32>,
    pub runs: u32,
    pub seed: u64,
}

/// Whether the simulated runs meet the request's objective.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Ok,
    /// batch: fewer than half the runs drain within the target; online: the p99 delay
    /// is over max_delay_ms, or a partition cannot keep up.
    Missed,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Ok => "ok",
            Verdict::Missed => "missed",
        }
    }
}

/// Where processing times came from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ServiceSource {
    /// Bootstrap from this many measured samples.
    Samples { count: u64 },
    /// Exponential with the summary's mean, as the planner assumes without samples.
    Exponential { mean_ms: f64 },
}

/// How messages were spread over partitions.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum SpreadSource {
    /// By the key sample's spread at the simulated count.
    KeySample {
        keys: u64,
        busiest_share: f64,
    },
    Even,
}

/// The planner's batch prediction beside the simulated drain times.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchResult {
    pub simulated: BatchOutcome,
    pub target_seconds: f64,
    /// max_messages / (partitions x per_partition_tps).
    pub predicted_drain_seconds: f64,
}

/// The planner's online prediction beside the simulated delays.
#[derive(Debug, Clone, PartialEq)]
pub struct OnlineResult {
    pub simulated: OnlineOutcome,
    pub arrival_tps: f64,
    pub max_delay_ms: Option<f64>,
    pub predicted: OnlinePrediction,
}

/// The planner's model at the simulated count; `None` where it predicts no bound.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OnlinePrediction {
    pub mean_delay_ms: Option<f64>,
    pub p99_delay_ms: Option<f64>,
    pub utilization: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Batch(BatchResult),
    Online(OnlineResult),
}

/// A plan simulated.
#[derive(Debug, Clone, PartialEq)]
pub struct Simulation {
    pub topic: String,
    pub kind: TopicType,
    pub verdict: Verdict,
    pub partitions: u32,
    /// The plan's recommended count.
    pub recommended: u64,
    pub runs: u32,
    pub seed: u64,
    /// Messages per run.
    pub messages: u64,
    pub workers_per_partition: u32,
    pub service: ServiceSource,
    pub spread: SpreadSource,
    pub outcome: Outcome,
    pub notes: Vec<String>,
}

/// Simulates `plan` with its latency `samples` (none for a summary) and `keys`.
pub fn simulate_plan(
    plan: &Plan,
    samples: Option<&[f64]>,
    keys: Option<&KeySample>,
    options: &Options,
) -> Simulation {
    // The recommended count is at most the cap, a u32.
    let partitions = options.partitions.unwrap_or(plan.recommended as u32).max(1);
    let (weights, spread) = weights(keys, partitions);
    let (service_times, service) = match samples {
        Some(samples) => (
            ServiceTimes::Samples(samples),
            ServiceSource::Samples {
                count: samples.len() as u64,
            },
        ),
        None => {
            let mean_ms = plan.latency_ms.mean;
            (
                ServiceTimes::Exponential { mean_ms },
                ServiceSource::Exponential { mean_ms },
            )
        }
    };
    let setup = Setup {
        messages: plan.inputs.max_messages,
        weights: &weights,
        workers: plan.inputs.concurrency,
        service: service_times,
        runs: options.runs.max(1),
        seed: options.seed,
    };
    let outcome = match plan.kind {
        TopicType::Batch => Outcome::Batch(batch(plan, &setup, partitions)),
        TopicType::Online => Outcome::Online(online(plan, &setup, partitions)),
    };
    let mut simulation = Simulation {
        topic: plan.topic.clone(),
        kind: plan.kind,
        verdict: verdict(&outcome),
        partitions,
        recommended: plan.recommended,
        runs: setup.runs,
        seed: options.seed,
        messages: setup.messages,
        workers_per_partition: setup.workers,
        service,
        spread,
        outcome,
        notes: Vec::new(),
    };
    simulation.notes = notes(&simulation, plan);
    simulation
}

fn weights(keys: Option<&KeySample>, partitions: u32) -> (Vec<u64>, SpreadSource) {
    match keys {
        Some(keys) => (
            keys.counts(partitions),
            SpreadSource::KeySample {
                keys: keys.total,
                busiest_share: keys.busiest_share(partitions),
            },
        ),
        None => (vec![1; partitions as usize], SpreadSource::Even),
    }
}

fn batch(plan: &Plan, setup: &Setup, partitions: u32) -> BatchResult {
    let target_seconds = plan.inputs.target_minutes * 60.0;
    BatchResult {
        simulated: simulate_batch(setup, target_seconds),
        target_seconds,
        predicted_drain_seconds: setup.messages as f64
            / (f64::from(partitions) * plan.per_partition_tps),
    }
}

fn online(plan: &Plan, setup: &Setup, partitions: u32) -> OnlineResult {
    let tps = plan.planned_tps;
    let service = Service {
        mean_ms: plan.latency_ms.mean,
        mean_square_ms2: plan.latency_ms.mean_square,
        p99_ms: plan.latency_ms.p99,
    };
    let (p, c) = (u64::from(partitions), setup.workers);
    let finite = |x: f64| Some(x).filter(|x| x.is_finite());
    OnlineResult {
        simulated: simulate_online(setup, tps, plan.inputs.max_delay_ms),
        arrival_tps: tps,
        max_delay_ms: plan.inputs.max_delay_ms,
        predicted: OnlinePrediction {
            mean_delay_ms: finite(delay::mean_delay_ms(tps, p, c, &service)),
            p99_delay_ms: finite(delay::p99_delay_ms(tps, p, c, &service)),
            utilization: tps / (f64::from(partitions) * plan.per_partition_tps),
        },
    }
}

fn verdict(outcome: &Outcome) -> Verdict {
    let missed = match outcome {
        Outcome::Batch(b) => b.simulated.p_within_target < 0.5,
        Outcome::Online(o) => {
            let over = o.max_delay_ms.is_some_and(|m| o.simulated.delay_ms.p99 > m);
            over || !o.simulated.keeps_up
        }
    };
    if missed { Verdict::Missed } else { Verdict::Ok }
}

/// Where the simulation and the planner's model part ways, in words.
fn notes(sim: &Simulation, plan: &Plan) -> Vec<String> {
    let mut notes = vec![service_note(sim, plan), spread_note(sim, plan)];
    if u64::from(sim.partitions) != plan.recommended {
        notes.push(format!(
            "simulated at {} partitions; the plan recommends {}",
            count(u64::from(sim.partitions)),
            count(plan.recommended)
        ));
    }
    if plan.status != Status::Ok {
        notes.push(format!(
            "the plan itself is {}: see `kplan plan`",
            plan.status.as_str()
        ));
    }
    if let Outcome::Online(online) = &sim.outcome {
        notes.extend(online_notes(sim, online));
    }
    notes
}

fn service_note(sim: &Simulation, plan: &Plan) -> String {
    match sim.service {
        ServiceSource::Samples { count: n } => format!(
            "processing times: drawn from the {} measured latency samples (bootstrap)",
            count(n)
        ),
        ServiceSource::Exponential { mean_ms } => {
            let mut note = format!(
                "processing times: no samples, so drawn from an exponential with mean {} ms, as the planner assumes",
                number(mean_ms)
            );
            let exponential_p99 = mean_ms * 100f64.ln();
            if (plan.latency_ms.p99 - exponential_p99).abs() > 1e-9 * exponential_p99 {
                note.push_str(&format!(
                    " (its p99 is {} ms; the planner's delay uses the given p99 of {} ms)",
                    number(exponential_p99),
                    number(plan.latency_ms.p99)
                ));
            }
            note
        }
    }
}

fn spread_note(sim: &Simulation, plan: &Plan) -> String {
    match sim.spread {
        SpreadSource::KeySample {
            keys,
            busiest_share,
        } => format!(
            "messages spread over partitions as the key sample's {} keys are (murmur2): the busiest partition takes {}%",
            count(keys),
            number(busiest_share * 100.0)
        ),
        SpreadSource::Even if plan.inputs.partition_key.is_some() => {
            "keyed topic without a key sample: messages spread evenly, as the planner assumes"
                .to_string()
        }
        SpreadSource::Even => "messages spread evenly over partitions (unkeyed)".to_string(),
    }
}

fn online_notes(sim: &Simulation, online: &OnlineResult) -> Vec<String> {
    let mut notes = Vec::new();
    if sim.workers_per_partition > 1 {
        notes.push(format!(
            "the planner treats each of the {} threads of a partition as a queue of its own; here they share the partition's queue, which waits less",
            sim.workers_per_partition
        ));
    }
    if matches!(sim.spread, SpreadSource::KeySample { .. }) {
        notes.push(
            "the planner predicts delay for an even spread; the key sample loads some partitions more, and their messages wait longer"
                .to_string(),
        );
    }
    if !online.simulated.keeps_up {
        notes.push(
            "a partition received more work than its consumer could do: its backlog grew for the whole run"
                .to_string(),
        );
    }
    notes
}
