//! The commented request file `kplan init` prints: one template per topic type, each key
//! explained in the user's terms, that plans cleanly as it is (inline latency, since no
//! sample file sits next to it yet).

use crate::request::TopicType;

const ONLINE: &str = include_str!("templates/online.toml");
const BATCH: &str = include_str!("templates/batch.toml");
/// Where the topic name goes in a template.
const NAME: &str = "{name}";

/// The topic name a template carries when the user gives none.
pub fn default_name(kind: TopicType) -> &'static str {
    match kind {
        TopicType::Online => "orders.created.v1",
        TopicType::Batch => "orders.settlement.v1",
    }
}

/// The request template for `kind`, naming the topic `name` (a valid topic name).
pub fn request_template(kind: TopicType, name: &str) -> String {
    let template = match kind {
        TopicType::Online => ONLINE,
        TopicType::Batch => BATCH,
    };
    template.replace(NAME, name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{PlanInput, Status, plan};
    use crate::profile::Profile;
    use crate::request::parse_request;
    use crate::stats::LatencyStats;
    use std::path::Path;

    /// Each template plans with status ok and no warnings, for its own type.
    #[test]
    fn every_template_plans_cleanly() {
        for kind in [TopicType::Online, TopicType::Batch] {
            let text = request_template(kind, "team.events.v1");
            let request = parse_request(&text, Path::new("request.toml")).expect("valid");
            assert_eq!(request.topic.kind, kind);
            assert_eq!(request.topic.name, "team.events.v1");
            let crate::request::LatencySource::Summary { mean_ms, p99_ms } =
                request.subscribe.latency
            else {
                panic!("a template has no sample file beside it");
            };
            let latency = LatencyStats::from_summary(mean_ms, p99_ms);
            let profile = Profile::builtin(kind);
            let p = plan(&PlanInput {
                request: &request,
                profile: &profile,
                latency: &latency,
                samples: None,
                histogram: None,
                keys: None,
            });
            assert_eq!(p.status, Status::Ok, "{kind:?}");
            assert!(p.warnings.is_empty(), "{kind:?}: {:?}", p.warnings);
        }
    }
}
