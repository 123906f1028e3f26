//! The rules one request file is held to: the policy's rules on the request, and what
//! its plan says (over the cap, infeasible, warnings). Pure: a request, a plan and a
//! policy in, [`Hit`]s out; `file` places them in the file.

use super::policy::Policy;
use super::rule::Rule;
use crate::human::{count, number};
use crate::i18n::Message;
use crate::model::{Infeasible, Plan, Status, Warning, WarningKind};
use crate::request::{LatencySource, Request, TopicType};
use crate::words;

/// A rule a request breaks, and the key it is about (where the finding will point).
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub rule: Rule,
    pub key: &'static str,
    /// What is wrong, to be put into the reader's language.
    pub message: Message,
}

fn hit(rule: Rule, key: &'static str, message: Message) -> Hit {
    Hit { rule, key, message }
}

/// Where the partition cap a plan uses comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CapSource {
    Policy,
    Request,
    Profile,
}

/// The cap to plan with: the policy's, lowered (never raised) by the request's own
/// `[limits].max_partitions`. `None` leaves the profile's cap.
pub fn effective_cap(request: &Request, policy: &Policy) -> (Option<u32>, CapSource) {
    match (request.limits.max_partitions, policy.max_partitions) {
        (Some(own), Some(cap)) if own < cap => (Some(own), CapSource::Request),
        (_, Some(cap)) => (Some(cap), CapSource::Policy),
        (Some(own), None) => (Some(own), CapSource::Request),
        (None, None) => (None, CapSource::Profile),
    }
}

/// The policy's rules on the request itself (no plan needed).
pub fn request_hits(request: &Request, policy: &Policy) -> Vec<Hit> {
    let mut hits = Vec::new();
    cap_and_naming(request, policy, &mut hits);
    semantics(request, policy, &mut hits);
    consumption(request, policy, &mut hits);
    hits
}

fn cap_and_naming(request: &Request, policy: &Policy, hits: &mut Vec<Hit>) {
    if let (Some(own), Some(cap)) = (request.limits.max_partitions, policy.max_partitions) {
        if own > cap {
            hits.push(hit(
                Rule::CapAbovePolicy,
                "limits.max_partitions",
                Message::new("check-cap-above-policy")
                    .arg("own", own.to_string())
                    .arg("cap", cap.to_string()),
            ));
        }
    }
    if let Some(pattern) = &policy.topic_name_pattern {
        let name = &request.topic.name;
        if !pattern.matches(name) {
            hits.push(hit(
                Rule::TopicName,
                "topic.name",
                Message::new("check-topic-name")
                    .arg("name", name.clone())
                    .arg("pattern", pattern.source.clone()),
            ));
        }
    }
    if let Some(types) = &policy.allowed_types {
        let kind = request.topic.kind;
        if !types.contains(&kind) {
            let allowed: Vec<&str> = types.iter().map(|t| t.as_str()).collect();
            hits.push(hit(
                Rule::TopicType,
                "topic.type",
                Message::new("check-topic-type")
                    .arg("type", kind.as_str())
                    .arg("allowed", allowed.join(", ")),
            ));
        }
    }
}

fn semantics(request: &Request, policy: &Policy, hits: &mut Vec<Hit>) {
    let delivery = request.topic.delivery;
    if let Some(allowed) = &policy.allowed_delivery {
        if !allowed.contains(&delivery) {
            let names: Vec<&str> = allowed.iter().map(|d| d.as_str()).collect();
            hits.push(hit(
                Rule::Delivery,
                "topic.delivery",
                Message::new("check-delivery")
                    .arg("delivery", delivery.as_str())
                    .arg("allowed", names.join(", ")),
            ));
        }
    }
    if policy.require_dead_letter && delivery.is_lossless() && request.dead_letter.is_none() {
        hits.push(hit(
            Rule::DeadLetterRequired,
            "topic.delivery",
            Message::new("check-dead-letter-required").arg("delivery", delivery.as_str()),
        ));
    }
    if policy.require_key_sample && request.is_keyed() && request.publish.key_sample_file.is_none()
    {
        hits.push(hit(
            Rule::KeySampleRequired,
            "topic.partition_key",
            Message::new("check-key-sample-required"),
        ));
    }
    if let Some(limit) = policy.max_message_bytes {
        let (key, largest) = match request.publish.max_message_bytes {
            Some(max) => ("publish.max_message_bytes", max),
            None => ("publish.message_bytes", request.publish.message_bytes),
        };
        if largest > limit {
            hits.push(hit(
                Rule::MessageSizeLimit,
                key,
                Message::new("check-message-size-limit")
                    .arg("largest", count(largest))
                    .arg("limit", count(limit)),
            ));
        }
    }
}

fn consumption(request: &Request, policy: &Policy, hits: &mut Vec<Hit>) {
    let subscribe = &request.subscribe;
    if let Some(range) = policy.target_minutes {
        let minutes = subscribe.target_minutes;
        let below = range.min.filter(|&min| minutes < min);
        let above = range.max.filter(|&max| minutes > max);
        let shown = |bound: Option<f64>| bound.map_or_else(|| "none".to_string(), number);
        if below.is_some() || above.is_some() {
            hits.push(hit(
                Rule::TargetMinutesRange,
                "subscribe.target_minutes",
                Message::new("check-target-minutes-range")
                    .arg("minutes", number(minutes))
                    .arg("min", shown(range.min))
                    .arg("max", shown(range.max)),
            ));
        }
    }
    let summary = matches!(subscribe.latency, LatencySource::Summary { .. });
    if summary && (policy.require_latency_samples || policy.min_latency_samples.is_some()) {
        hits.push(hit(
            Rule::LatencySamplesRequired,
            "subscribe.latency_ms",
            Message::new("check-latency-samples-required"),
        ));
    }
    if let Some(max) = policy.max_concurrency {
        if subscribe.concurrency > max {
            hits.push(hit(
                Rule::ConcurrencyLimit,
                "subscribe.concurrency",
                Message::new("check-concurrency-limit")
                    .arg("threads", subscribe.concurrency.to_string())
                    .arg("max", max.to_string()),
            ));
        }
    }
    let online = request.topic.kind == TopicType::Online;
    if policy.require_delay_objective && online && subscribe.max_delay_ms.is_none() {
        hits.push(hit(
            Rule::DelayObjectiveRequired,
            "subscribe.target_minutes",
            Message::new("check-delay-objective-required"),
        ));
    }
}

/// What the plan says, and the policy's rules on the planned values.
pub fn plan_hits(plan: &Plan, policy: &Policy, cap_source: CapSource) -> Vec<Hit> {
    let mut hits = Vec::new();
    match plan.status {
        Status::Ok => {}
        Status::OverCap => hits.push(over_cap(plan, cap_source)),
        Status::Infeasible => hits.push(infeasible(plan)),
    }
    if let Some(min) = policy.min_headroom {
        if plan.inputs.headroom < min {
            hits.push(hit(
                Rule::HeadroomMinimum,
                "limits.headroom",
                Message::new("check-headroom-minimum")
                    .arg("headroom", number(plan.inputs.headroom))
                    .arg("min", number(min)),
            ));
        }
    }
    if let (Some(min), Some(n)) = (policy.min_latency_samples, plan.latency_ms.count) {
        if n < min {
            hits.push(hit(
                Rule::LatencySampleCount,
                "subscribe.latency_file",
                Message::new("check-latency-sample-count")
                    .arg("samples", count(n))
                    .arg("min", count(min)),
            ));
        }
    }
    hits.extend(plan.warnings.iter().filter_map(warning));
    hits
}

fn over_cap(plan: &Plan, cap_source: CapSource) -> Hit {
    let source = match cap_source {
        CapSource::Policy => "policy",
        CapSource::Request => "request",
        CapSource::Profile => "profile",
    };
    let fits = plan.fits_under_cap.as_ref();
    let none = || "none".to_string();
    let message = Message::new("check-over-cap")
        .arg("needed", count(plan.needed))
        .arg("source", source)
        .arg("cap", plan.cap.to_string())
        .arg(
            "threads",
            fits.and_then(|f| f.concurrency)
                .map_or_else(none, |t| t.to_string()),
        )
        .arg(
            "mean_ms",
            fits.and_then(|f| f.mean_latency_ms)
                .map_or_else(none, number),
        )
        .arg(
            "target_minutes",
            fits.map_or_else(none, |f| number(f.target_minutes)),
        );
    hit(Rule::OverCap, "publish.max_messages", message)
}

/// The finding for an infeasible plan, at the key whose value makes it so.
fn infeasible(plan: &Plan) -> Hit {
    let Some(why) = &plan.infeasible else {
        return hit(
            Rule::Infeasible,
            "publish.max_messages",
            Message::new("check-infeasible"),
        );
    };
    let key = match why {
        Infeasible::DelayBelowLatency { .. } | Infeasible::DelayBeyondModel { .. } => {
            "subscribe.max_delay_ms"
        }
        Infeasible::DeadlineBeyondModel { .. } => "subscribe.target_minutes",
        Infeasible::HotKey { .. } => "publish.key_sample_file",
    };
    hit(Rule::Infeasible, key, words::infeasible_message(why))
}

/// The rule for one of the plan's warnings, `None` for those another finding already
/// says (over the cap, infeasible) and for the advice every keyed topic gets.
fn warning(warning: &Warning) -> Option<Hit> {
    let (rule, key) = match warning.kind() {
        WarningKind::Infeasible | WarningKind::OverCap | WarningKind::PartitionsOnlyGrow => {
            return None;
        }
        WarningKind::KeySkewUnchecked => (Rule::KeySkewUnchecked, "topic.partition_key"),
        WarningKind::KeySkewUnresolved => (Rule::KeySkewUnresolved, "publish.key_sample_file"),
        WarningKind::AtMostOnce => (Rule::AtMostOnce, "topic.delivery"),
        WarningKind::FewLatencySamples => (Rule::FewLatencySamples, "subscribe.latency_file"),
        WarningKind::MessageOverBrokerDefault => {
            (Rule::MessageOverBrokerDefault, "publish.max_message_bytes")
        }
        WarningKind::LatencyTailUnknown => {
            (Rule::LatencyTailUnknown, "subscribe.latency_histogram_file")
        }
    };
    Some(hit(rule, key, words::warning_message(warning)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::policy::parse_policy;
    use crate::i18n::Lang;
    use crate::request::parse_request;
    use crate::stats::LatencyStats;
    use crate::test_plans::plan_with_shipped_profile as plan_of;
    use std::path::Path;

    const REQUEST: &str = "[topic]\nname = \"orders.v1\"\ntype = \"batch\"\n\
        delivery = \"at-least-once\"\n[publish]\nmax_messages = 3_600_000\n\
        message_bytes = 1024\n[subscribe]\ntarget_minutes = 30\n\
        latency_ms = { mean = 10.0 }\n";

    fn request(extra: &str) -> Request {
        let text = format!("{REQUEST}{extra}");
        match parse_request(&text, Path::new("r.toml")) {
            Ok(request) => request,
            Err(problems) => panic!("{problems:?}"),
        }
    }

    fn policy(text: &str) -> Policy {
        match parse_policy(text, Path::new("p.toml")) {
            Ok(policy) => policy,
            Err(problems) => panic!("{problems:?}"),
        }
    }

    fn rules_of(hits: &[Hit]) -> Vec<(&'static str, &'static str)> {
        hits.iter().map(|h| (h.rule.name(), h.key)).collect()
    }

    #[test]
    fn a_policy_cap_wins_unless_the_request_asks_for_less() {
        let capped = policy("max_partitions = 20");
        let own = |p| request(&format!("[limits]\nmax_partitions = {p}\n"));
        assert_eq!(
            effective_cap(&own(10), &capped),
            (Some(10), CapSource::Request)
        );
        assert_eq!(
            effective_cap(&own(50), &capped),
            (Some(20), CapSource::Policy)
        );
        assert_eq!(
            effective_cap(&request(""), &capped),
            (Some(20), CapSource::Policy)
        );
        assert_eq!(
            effective_cap(&request(""), &Policy::default()),
            (None, CapSource::Profile)
        );
        let hits = request_hits(&own(50), &capped);
        assert_eq!(
            hits[0].message.render(Lang::En),
            "50 is above the policy's cap of 20; the plan uses 20"
        );
    }

    #[test]
    fn each_policy_rule_names_the_key_it_is_about() {
        let strict = policy(
            "topic_name_pattern = 'payments\\..*'\nallowed_types = [\"online\"]\n\
             allowed_delivery = [\"exactly-once\"]\nrequire_dead_letter = true\n\
             target_minutes = { max = 15 }\nrequire_latency_samples = true\n\
             max_message_bytes = 512\n",
        );
        let hits = request_hits(&request(""), &strict);
        assert_eq!(
            rules_of(&hits),
            [
                ("topic-name", "topic.name"),
                ("topic-type", "topic.type"),
                ("delivery", "topic.delivery"),
                ("dead-letter-required", "topic.delivery"),
                ("message-size-limit", "publish.message_bytes"),
                ("target-minutes-range", "subscribe.target_minutes"),
                ("latency-samples-required", "subscribe.latency_ms"),
            ]
        );
        assert_eq!(
            hits[5].message.render(Lang::En),
            "30 is outside the policy's range: at most 15"
        );
        assert!(request_hits(&request(""), &Policy::default()).is_empty());
    }

    #[test]
    fn a_request_within_the_policy_has_no_hits() {
        let strict = policy(
            "topic_name_pattern = 'orders\\.v[0-9]+'\nallowed_delivery = [\"at-least-once\"]\n\
             require_dead_letter = true\ntarget_minutes = { min = 5, max = 60 }\n\
             max_concurrency = 1\nrequire_key_sample = true\n",
        );
        let r = request("[dead_letter]\n");
        assert!(request_hits(&r, &strict).is_empty());
    }

    #[test]
    fn over_cap_says_what_would_fit() {
        // Every message takes 10 ms, so the deadline need is the throughput need:
        // 90 million x 10 ms over 30 minutes is 500 partitions; at the cap of 30, 17
        // threads (30 x 17 x 100 msg/s >= 50,000), 10 x 30 / 500 ms, or 500 minutes.
        let mut r = request("");
        r.publish.max_messages = 90_000_000;
        r.subscribe.latency = crate::request::LatencySource::Summary {
            mean_ms: 10.0,
            p99_ms: Some(10.0),
        };
        let p = plan_of(&r, &LatencyStats::from_summary(10.0, Some(10.0)));
        let hits = plan_hits(&p, &Policy::default(), CapSource::Profile);
        assert_eq!(rules_of(&hits), [("over-cap", "publish.max_messages")]);
        assert_eq!(
            hits[0].message.render(Lang::En),
            "needs 500 partitions, over the profile's cap of 30; it would fit with concurrency = 17, or a mean latency of 0.6 ms, or target_minutes = 500"
        );
    }

    #[test]
    fn an_infeasible_plan_is_anchored_at_the_key_that_makes_it_so() {
        let mut p = plan_of(&request(""), &LatencyStats::from_summary(10.0, None));
        let cases = [
            (
                Infeasible::DelayBelowLatency {
                    objective_ms: 5.0,
                    p99_ms: 46.0,
                },
                "subscribe.max_delay_ms",
            ),
            (
                Infeasible::DelayBeyondModel {
                    objective_ms: 47.0,
                    partitions_modelled: 1_000_000_000,
                },
                "subscribe.max_delay_ms",
            ),
            (
                Infeasible::DeadlineBeyondModel {
                    target_minutes: 30.0,
                    drain_confidence: 0.95,
                },
                "subscribe.target_minutes",
            ),
            (
                Infeasible::HotKey {
                    key: "k".to_string(),
                    share: 0.5,
                    key_tps: 1000.0,
                    partition_capacity_tps: 50.0,
                },
                "publish.key_sample_file",
            ),
        ];
        for (why, key) in cases {
            p.infeasible = Some(why.clone());
            let hit = infeasible(&p);
            assert_eq!(hit.key, key, "{why:?}");
            let text = hit.message.render(Lang::En);
            assert!(!text.starts_with("infeasible"), "{text}");
        }
    }

    #[test]
    fn plan_warnings_map_to_their_rules() {
        let r = request("");
        let mut p = plan_of(&r, &LatencyStats::from_summary(10.0, None));
        p.warnings = vec![
            Warning::PartitionsOnlyGrow { recommended: 30 },
            Warning::KeySkewUnchecked,
            Warning::KeySkewUnresolved { searched_to: 500 },
            Warning::AtMostOnce,
            Warning::FewLatencySamples {
                samples: 10,
                mean_ms: 10.0,
                mean_upper_95_ms: 14.0,
            },
            Warning::MessageOverBrokerDefault {
                largest_bytes: 2_000_000,
            },
            Warning::LatencyTailUnknown {
                share: 0.05,
                last_bound_ms: 1000.0,
                high_ms: 2500.0,
            },
        ];
        assert_eq!(
            rules_of(&plan_hits(&p, &Policy::default(), CapSource::Profile)),
            [
                ("key-skew-unchecked", "topic.partition_key"),
                ("key-skew-unresolved", "publish.key_sample_file"),
                ("at-most-once", "topic.delivery"),
                ("few-latency-samples", "subscribe.latency_file"),
                ("message-over-broker-default", "publish.max_message_bytes"),
                ("latency-tail-unknown", "subscribe.latency_histogram_file"),
            ]
        );
    }

    #[test]
    fn a_planned_request_maps_its_warnings_to_rules() {
        let mut r = request("");
        r.topic.partition_key = Some("id".to_string());
        r.topic.delivery = crate::request::Delivery::AtMostOnce;
        r.publish.max_message_bytes = Some(2_000_000);
        let mut samples = vec![3.0, 4.0, 9.0, 12.0];
        let p = plan_of(&r, &LatencyStats::from_samples(&mut samples));
        let hits = plan_hits(&p, &Policy::default(), CapSource::Profile);
        assert_eq!(
            rules_of(&hits),
            [
                ("key-skew-unchecked", "topic.partition_key"),
                ("at-most-once", "topic.delivery"),
                ("few-latency-samples", "subscribe.latency_file"),
                ("message-over-broker-default", "publish.max_message_bytes"),
            ]
        );
    }
}
