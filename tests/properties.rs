//! Properties of the model over all valid inputs (proptest): monotone needs, the cap,
//! the settings invariants of PRODUCT.md, finite and deterministic output.

use kplan::model::{Plan, PlanInput, Status, plan};
use kplan::profile::Profile;
use kplan::render::{PlanFormat, render_plan};
use kplan::request::{
    DeadLetter, Delivery, LatencySource, Limits, Publish, Request, Subscribe, Topic, TopicType,
};
use kplan::stats::LatencyStats;
use proptest::prelude::*;

fn delivery() -> impl Strategy<Value = Delivery> {
    prop_oneof![
        Just(Delivery::AtMostOnce),
        Just(Delivery::AtLeastOnce),
        Just(Delivery::ExactlyOnce)
    ]
}

fn kind() -> impl Strategy<Value = TopicType> {
    prop_oneof![Just(TopicType::Online), Just(TopicType::Batch)]
}

/// Any request the parser would accept, with an inline latency summary.
fn request() -> impl Strategy<Value = Request> {
    (
        (kind(), delivery(), any::<bool>(), 1u64..=1_000_000_000_000),
        (1u64..=1_000_000, prop::option::of(1u64..=10_000_000)),
        (
            0.02f64..=10_000.0,
            0.001f64..=60_000.0,
            prop::option::of(1.0f64..=20.0),
        ),
        (1u32..=8, prop::option::of(1.0f64..=1_000_000.0)),
        (
            prop::option::of(1u32..=200),
            prop::option::of(1.0f64..=3.0),
            prop::option::of(0.05f64..=1.0),
            prop::option::of(100_000.0f64..=1e9),
        ),
        any::<bool>(),
    )
        .prop_map(|(topic, sizes, timing, consumer, limits, dead_letter)| {
            let (kind, delivery, keyed, max_messages) = topic;
            let (message_bytes, largest) = sizes;
            let (target_minutes, mean_ms, p99_factor) = timing;
            let (concurrency, max_delay_ms) = consumer;
            let (max_partitions, headroom, max_utilization, write_rate) = limits;
            let online = kind == TopicType::Online;
            Request {
                topic: Topic {
                    name: "orders.v1".to_string(),
                    kind,
                    partition_key: keyed.then(|| "order_id".to_string()),
                    delivery,
                },
                publish: Publish {
                    max_messages,
                    message_bytes,
                    max_message_bytes: largest.map(|l| l.max(message_bytes)),
                    key_sample_file: None,
                },
                subscribe: Subscribe {
                    target_minutes,
                    latency: LatencySource::Summary {
                        mean_ms,
                        p99_ms: p99_factor.map(|f| mean_ms * f),
                    },
                    concurrency: if keyed { 1 } else { concurrency },
                    max_delay_ms: max_delay_ms.filter(|_| online),
                    group: kplan::request::GroupProtocol::Classic,
                },
                dead_letter: dead_letter.then_some(DeadLetter {
                    retries: 2,
                    backoff_ms: 1000,
                }),
                limits: Limits {
                    max_partitions,
                    headroom,
                    max_utilization: max_utilization.filter(|_| online),
                    partition_write_bytes_per_sec: write_rate,
                    drain_confidence: None,
                    replication_factor: None,
                    min_insync_replicas: None,
                },
            }
        })
}

fn plan_of(request: &Request) -> Plan {
    let profile = Profile::builtin(request.topic.kind);
    let latency = match request.subscribe.latency {
        LatencySource::Summary { mean_ms, p99_ms } => LatencyStats::from_summary(mean_ms, p99_ms),
        _ => unreachable!("the strategy only makes summaries"),
    };
    plan(&PlanInput {
        request,
        profile: &profile,
        latency: &latency,
        samples: None,
        histogram: None,
        keys: None,
    })
}

fn mean_of(request: &Request) -> f64 {
    match request.subscribe.latency {
        LatencySource::Summary { mean_ms, .. } => mean_ms,
        _ => f64::NAN,
    }
}

fn with_mean(request: &Request, mean_ms: f64) -> Request {
    let mut r = request.clone();
    if let LatencySource::Summary { p99_ms, .. } = r.subscribe.latency {
        let factor = p99_ms.map(|p| p / mean_of(request));
        r.subscribe.latency = LatencySource::Summary {
            mean_ms,
            p99_ms: factor.map(|f| f * mean_ms),
        };
    }
    r
}

/// Needs only compare meaningfully between plans that can be met at some count: an
/// infeasible plan reports the throughput need, not an unbounded one.
fn feasible(a: &Plan, b: &Plan) -> bool {
    a.status != Status::Infeasible && b.status != Status::Infeasible
}

fn setting(plan: &Plan, key: &str) -> Option<String> {
    plan.producer
        .iter()
        .chain(&plan.consumer)
        .find(|s| s.key == key)
        .map(|s| s.value.to_string())
}

fn number(plan: &Plan, key: &str) -> f64 {
    setting(plan, key)
        .and_then(|v| v.parse().ok())
        .unwrap_or(f64::NAN)
}

proptest! {
    // Each case plans twice, some through M/G/c simulations and over-cap searches.
    #![proptest_config(ProptestConfig::with_cases(150))]

    #[test]
    fn more_messages_never_lower_the_need(r in request(), extra in 1u64..=1_000_000_000) {
        let mut more = r.clone();
        more.publish.max_messages += extra;
        let (a, b) = (plan_of(&r), plan_of(&more));
        prop_assume!(feasible(&a, &b));
        prop_assert!(b.needed >= a.needed, "{} -> {}", a.needed, b.needed);
    }

    #[test]
    fn a_longer_target_never_raises_the_need(r in request(), factor in 1.0f64..=10.0) {
        let mut longer = r.clone();
        longer.subscribe.target_minutes = (r.subscribe.target_minutes * factor).min(525_600.0);
        let (a, b) = (plan_of(&r), plan_of(&longer));
        prop_assume!(feasible(&a, &b));
        prop_assert!(b.needed <= a.needed, "{} -> {}", a.needed, b.needed);
    }

    #[test]
    fn a_higher_mean_latency_never_lowers_the_need(r in request(), factor in 1.0f64..=10.0) {
        let slower = with_mean(&r, (mean_of(&r) * factor).min(3_600_000.0));
        let (a, b) = (plan_of(&r), plan_of(&slower));
        prop_assume!(feasible(&a, &b));
        prop_assert!(b.needed >= a.needed, "{} -> {}", a.needed, b.needed);
    }

    #[test]
    fn more_headroom_never_lowers_the_need(r in request(), extra in 0.0f64..=2.0) {
        let mut more = r.clone();
        let headroom = r.limits.headroom.unwrap_or(1.0);
        more.limits.headroom = Some((headroom + extra).min(10.0));
        let (a, b) = (plan_of(&r), plan_of(&more));
        prop_assume!(feasible(&a, &b));
        prop_assert!(b.needed >= a.needed, "{} -> {}", a.needed, b.needed);
    }

    #[test]
    fn the_cap_bounds_the_recommendation_and_consumers_match_it(r in request()) {
        let p = plan_of(&r);
        prop_assert!(p.recommended <= u64::from(p.cap));
        prop_assert!(p.recommended >= 1);
        prop_assert_eq!(p.consumers, p.recommended);
        prop_assert_eq!(p.status == Status::OverCap, p.needed > u64::from(p.cap) && p.status != Status::Infeasible);
        prop_assert_eq!(p.fits_under_cap.is_some(), p.status == Status::OverCap);
    }

    #[test]
    fn every_change_that_fits_under_the_cap_does(r in request()) {
        let p = plan_of(&r);
        prop_assume!(p.status == Status::OverCap);
        let fit = p.fits_under_cap.expect("an over-cap plan says what fits");
        let holds = |changed: &Request| {
            let q = plan_of(changed);
            q.status == Status::Ok && q.needed <= u64::from(q.cap)
        };
        if let Some(threads) = fit.concurrency.and_then(|c| u32::try_from(c).ok()) {
            let mut more = r.clone();
            more.subscribe.concurrency = threads;
            prop_assert!(holds(&more), "concurrency {}: {:?}", threads, fit);
        }
        if let Some(mean) = fit.mean_latency_ms {
            prop_assert!(holds(&with_mean(&r, mean)), "mean {}: {:?}", mean, fit);
        }
        let mut longer = r.clone();
        longer.subscribe.target_minutes = fit.target_minutes;
        prop_assert!(holds(&longer), "target {}: {:?}", fit.target_minutes, fit);
    }

    #[test]
    fn settings_invariants_hold(r in request()) {
        let p = plan_of(&r);
        let delivery = r.topic.delivery;
        if delivery.is_lossless() {
            prop_assert_eq!(setting(&p, "acks"), Some("all".to_string()));
            prop_assert_eq!(setting(&p, "enable.idempotence"), Some("true".to_string()));
            prop_assert_eq!(setting(&p, "enable.auto.commit"), Some("false".to_string()));
        } else {
            prop_assert_eq!(setting(&p, "enable.auto.commit"), Some("true".to_string()));
        }
        if delivery == Delivery::ExactlyOnce {
            prop_assert_eq!(setting(&p, "isolation.level"), Some("read_committed".to_string()));
            prop_assert!(setting(&p, "transactional.id").is_some());
        }
        let records = number(&p, "max.poll.records");
        prop_assert!(records >= 1.0);
        prop_assert!(records * p.latency_ms.p99 <= number(&p, "max.poll.interval.ms") / 2.0);
        if let Some(largest) = r.publish.max_message_bytes {
            prop_assert!(number(&p, "max.request.size") >= largest as f64);
        }
        for s in p.producer.iter().chain(&p.consumer) {
            prop_assert!(!s.value.to_string().is_empty(), "{}", s.key);
            for lang in kplan::i18n::Lang::ALL {
                let reason = kplan::words::reason(lang, &s.reason);
                // A reason that failed to format would fall back to its message id.
                prop_assert!(!reason.is_empty() && !reason.starts_with("reason-"), "{}", s.key);
            }
        }
    }

    #[test]
    fn batch_batching_is_at_least_the_online_one(r in request()) {
        let mut online = r.clone();
        online.topic.kind = TopicType::Online;
        online.limits.max_utilization = None;
        let mut batch = online.clone();
        batch.topic.kind = TopicType::Batch;
        batch.subscribe.max_delay_ms = None;
        let (o, b) = (plan_of(&online), plan_of(&batch));
        for key in ["linger.ms", "batch.size"] {
            prop_assert!(number(&b, key) >= number(&o, key), "{}: {} < {}", key, number(&b, key), number(&o, key));
        }
    }

    #[test]
    fn output_is_finite_and_identical_across_runs(r in request()) {
        let (a, b) = (plan_of(&r), plan_of(&r));
        for format in [PlanFormat::Json, PlanFormat::Table, PlanFormat::Markdown, PlanFormat::Jira] {
            let (x, y) = (render_plan(&a, format), render_plan(&b, format));
            prop_assert_eq!(&x, &y);
            let words = x.split(|c: char| !c.is_alphanumeric());
            prop_assert!(!words.into_iter().any(|w| w == "inf" || w == "NaN"), "{}", x);
        }
        let json: serde_json::Value = serde_json::from_str(&render_plan(&a, PlanFormat::Json)).unwrap();
        for field in ["required_tps", "planned_tps", "per_partition_tps"] {
            prop_assert!(json[field].as_f64().is_some_and(f64::is_finite), "{}", field);
        }
        prop_assert!(json["predicted"]["utilization"].as_f64().is_some_and(f64::is_finite));
    }
}
