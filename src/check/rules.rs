//! The rules one request file is held to: the policy's rules on the request, and what
//! its plan says (over the cap, infeasible, warnings). Pure: a request, a plan and a
//! policy in, [`Hit`]s out; `file` places them in the file.

use super::policy::Policy;
use super::rule::Rule;
use crate::human::{count, number};
use crate::model::{Infeasible, Plan, Status, Warning, WarningKind};
use crate::request::{LatencySource, Request, TopicType};
use crate::words;

/// A rule a request breaks, and the key it is about (where the finding will point).
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub rule: Rule,
    pub key: &'static str,
    pub message: String,
}

fn hit(rule: Rule, key: &'static str, message: impl Into<String>) -> Hit {
    Hit {
        rule,
        key,
        message: message.into(),
    }
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
                format!("{own} is above the policy's cap of {cap}; the plan uses {cap}"),
            ));
        }
    }
    if let Some(pattern) = &policy.topic_name_pattern {
        let name = &request.topic.name;
        if !pattern.matches(name) {
            hits.push(hit(
                Rule::TopicName,
                "topic.name",
                format!(
                    "\"{name}\" does not match the policy's pattern {}",
                    pattern.source
                ),
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
                format!(
                    "{} topics are not allowed here (allowed: {})",
                    kind.as_str(),
                    allowed.join(", ")
                ),
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
                format!(
                    "{} is not allowed here (allowed: {})",
                    delivery.as_str(),
                    names.join(", ")
                ),
            ));
        }
    }
    if policy.require_dead_letter && delivery.is_lossless() && request.dead_letter.is_none() {
        hits.push(hit(
            Rule::DeadLetterRequired,
            "topic.delivery",
            format!(
                "{} needs a [dead_letter] section: a message that keeps failing must go somewhere other than a retry loop",
                delivery.as_str()
            ),
        ));
    }
    if policy.require_key_sample && request.is_keyed() && request.publish.key_sample_file.is_none()
    {
        hits.push(hit(
            Rule::KeySampleRequired,
            "topic.partition_key",
            "a keyed topic needs publish.key_sample_file, so that key skew is checked",
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
                format!(
                    "messages of {} bytes are above the policy's limit of {} bytes",
                    count(largest),
                    count(limit)
                ),
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
        let bounds = match (range.min, range.max) {
            (Some(lo), Some(hi)) => format!("between {} and {}", number(lo), number(hi)),
            (Some(lo), None) => format!("at least {}", number(lo)),
            (_, Some(hi)) => format!("at most {}", number(hi)),
            (None, None) => String::new(),
        };
        if below.is_some() || above.is_some() {
            hits.push(hit(
                Rule::TargetMinutesRange,
                "subscribe.target_minutes",
                format!(
                    "{} is outside the policy's range: {bounds}",
                    number(minutes)
                ),
            ));
        }
    }
    let summary = matches!(subscribe.latency, LatencySource::Summary { .. });
    if summary && (policy.require_latency_samples || policy.min_latency_samples.is_some()) {
        hits.push(hit(
            Rule::LatencySamplesRequired,
            "subscribe.latency_ms",
            "a summary is not enough here: give latency_file with measured per-message latencies",
        ));
    }
    if let Some(max) = policy.max_concurrency {
        if subscribe.concurrency > max {
            hits.push(hit(
                Rule::ConcurrencyLimit,
                "subscribe.concurrency",
                format!(
                    "{} threads per partition, above the policy's limit of {max}",
                    subscribe.concurrency
                ),
            ));
        }
    }
    let online = request.topic.kind == TopicType::Online;
    if policy.require_delay_objective && online && subscribe.max_delay_ms.is_none() {
        hits.push(hit(
            Rule::DelayObjectiveRequired,
            "subscribe.target_minutes",
            "an online topic needs subscribe.max_delay_ms, its p99 end-to-end delay objective",
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
                format!(
                    "the plan uses a headroom of {}, below the policy's minimum of {}",
                    number(plan.inputs.headroom),
                    number(min)
                ),
            ));
        }
    }
    if let (Some(min), Some(n)) = (policy.min_latency_samples, plan.latency_ms.count) {
        if n < min {
            hits.push(hit(
                Rule::LatencySampleCount,
                "subscribe.latency_file",
                format!(
                    "{} latency samples, fewer than the policy's {}",
                    count(n),
                    count(min)
                ),
            ));
        }
    }
    hits.extend(plan.warnings.iter().filter_map(warning));
    hits
}

fn over_cap(plan: &Plan, cap_source: CapSource) -> Hit {
    let source = match cap_source {
        CapSource::Policy => "the policy's cap",
        CapSource::Request => "the cap in [limits]",
        CapSource::Profile => "the profile's cap",
    };
    let mut message = format!(
        "needs {} partitions, over {source} of {}",
        count(plan.needed),
        plan.cap
    );
    if let Some(fits) = &plan.fits_under_cap {
        let mut options = Vec::new();
        if let Some(threads) = fits.concurrency {
            options.push(format!("concurrency = {threads}"));
        }
        if let Some(mean) = fits.mean_latency_ms {
            options.push(format!("a mean latency of {} ms", number(mean)));
        }
        options.push(format!("target_minutes = {}", number(fits.target_minutes)));
        message.push_str(&format!("; it would fit with {}", options.join(", or ")));
    }
    hit(Rule::OverCap, "publish.max_messages", message)
}

/// The finding for an infeasible plan, at the key whose value makes it so.
fn infeasible(plan: &Plan) -> Hit {
    let Some(why) = &plan.infeasible else {
        return hit(
            Rule::Infeasible,
            "publish.max_messages",
            "no partition count meets the request",
        );
    };
    let key = match why {
        Infeasible::DelayBelowLatency { .. } | Infeasible::DelayBeyondModel { .. } => {
            "subscribe.max_delay_ms"
        }
        Infeasible::DeadlineBeyondModel { .. } => "subscribe.target_minutes",
        Infeasible::HotKey { .. } => "publish.key_sample_file",
    };
    hit(Rule::Infeasible, key, words::infeasible(why))
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
    // "at-most-once: ..." would repeat the rule's name beside it.
    let text = words::warning(warning);
    let text = text
        .strip_prefix(rule.name())
        .and_then(|rest| rest.strip_prefix(": "))
        .unwrap_or(&text);
    Some(hit(rule, key, text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::policy::parse_policy;
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
            hits[0].message,
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
            hits[5].message,
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
            hits[0].message,
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
            assert!(!hit.message.starts_with("infeasible"), "{}", hit.message);
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
