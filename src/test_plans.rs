//! The shipped examples' plans, for unit tests of what is built from a plan.

use std::path::Path;

use crate::load::{Profiles, load};
use crate::model::curve::{Curve, curve};
use crate::model::service::ServiceTime;
use crate::model::settings::{ProducerReason, SettingValue};
use crate::model::sizing::SizingInput;
use crate::model::{Plan, PlanInput, Setting, plan};
use crate::profile::Profile;
use crate::request::Request;
use crate::stats::LatencyStats;

/// The plan of `examples/<name>.toml`.
pub fn example_plan(name: &str) -> Plan {
    let profiles = Profiles::builtin();
    let path = format!("{}/examples/{name}.toml", env!("CARGO_MANIFEST_DIR"));
    match load(Path::new(&path), &profiles) {
        Ok(loaded) => plan(&loaded.plan_input()),
        Err(problems) => panic!("{name} does not load: {problems:?}"),
    }
}

/// The plan of `examples/<name>.toml` and its chart's curve.
pub fn example_curve(name: &str) -> (Plan, Curve) {
    let profiles = Profiles::builtin();
    let path = format!("{}/examples/{name}.toml", env!("CARGO_MANIFEST_DIR"));
    match load(Path::new(&path), &profiles) {
        Ok(loaded) => {
            let plan = plan(&loaded.plan_input());
            let curve = curve(&loaded.plan_input(), &plan);
            (plan, curve)
        }
        Err(problems) => panic!("{name} does not load: {problems:?}"),
    }
}

/// Every shipped example's plan.
pub fn example_plans() -> Vec<Plan> {
    [
        "orders-settlement",
        "payments-authorized",
        "clickstream-events",
    ]
    .into_iter()
    .map(example_plan)
    .collect()
}

/// The plan of `request` with the shipped profile for its type and no key sample.
pub fn plan_with_shipped_profile(request: &Request, latency: &LatencyStats) -> Plan {
    let profile = Profile::builtin(request.topic.kind);
    plan(&PlanInput {
        request,
        profile: &profile,
        latency,
        samples: None,
        histogram: None,
        keys: None,
    })
}

/// A setting with a placeholder reason.
pub fn setting(key: &'static str, value: SettingValue) -> Setting {
    Setting::new(key, value, ProducerReason::AcksLeader)
}

/// The public worked example: 500 msg/s of 1 kB at 20 ms (exponential), batch, cap 30:
/// 50 msg/s per consumer, so 10 partitions for throughput. No deadline confidence: the
/// throughput need alone (tests/deadline.rs checks the deadline need of 11).
pub fn worked_example() -> SizingInput<'static> {
    SizingInput {
        max_messages: 500 * 60 * 10,
        target_minutes: 10.0,
        headroom: 1.0,
        utilization_ceiling: 1.0,
        concurrency: 1,
        keyed: false,
        message_bytes: 1000,
        partition_write_bytes_per_sec: 10_000_000.0,
        cap: 30,
        service: ServiceTime::exponential(20.0),
        max_delay_ms: None,
        drain_confidence: None,
        keys: None,
    }
}
