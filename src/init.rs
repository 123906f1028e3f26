//! The commented request file `kplan init` prints: one template per topic type, each key
//! explained in the user's terms, that plans cleanly as it is (inline latency, since no
//! sample file sits next to it yet). The comments come in each language kplan writes;
//! the keys and values are the same in all of them.

use crate::i18n::Lang;
use crate::request::TopicType;

const ONLINE: &str = include_str!("templates/online.toml");
const BATCH: &str = include_str!("templates/batch.toml");
const ONLINE_KO: &str = include_str!("templates/online.ko.toml");
const BATCH_KO: &str = include_str!("templates/batch.ko.toml");
/// Where the topic name goes in a template.
const NAME: &str = "{name}";

/// The topic name a template carries when the user gives none.
pub fn default_name(kind: TopicType) -> &'static str {
    match kind {
        TopicType::Online => "orders.created.v1",
        TopicType::Batch => "orders.settlement.v1",
    }
}

/// The request template for `kind` commented in `lang`, naming the topic `name` (a
/// valid topic name).
pub fn request_template(lang: Lang, kind: TopicType, name: &str) -> String {
    let template = match (lang, kind) {
        (Lang::En, TopicType::Online) => ONLINE,
        (Lang::En, TopicType::Batch) => BATCH,
        (Lang::Ko, TopicType::Online) => ONLINE_KO,
        (Lang::Ko, TopicType::Batch) => BATCH_KO,
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
        for (lang, kind) in Lang::ALL
            .into_iter()
            .flat_map(|l| [(l, TopicType::Online), (l, TopicType::Batch)])
        {
            let text = request_template(lang, kind, "team.events.v1");
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
            assert_eq!(p.status, Status::Ok, "{lang} {kind:?}");
            assert!(p.warnings.is_empty(), "{lang} {kind:?}: {:?}", p.warnings);
        }
    }

    /// Only the comments differ: the Korean template asks for exactly what the English
    /// one does, and keeps its keys (and commented-out keys) in the same lines.
    #[test]
    fn korean_templates_hold_the_english_request() {
        for kind in [TopicType::Online, TopicType::Batch] {
            let [en, ko] = Lang::ALL.map(|lang| request_template(lang, kind, "a.b"));
            let path = Path::new("request.toml");
            let request = |text: &str| parse_request(text, path).expect("valid");
            assert_eq!(request(&en), request(&ko), "{kind:?}");
            // Each key or table line, set or commented out, up to its value.
            let keys = |text: &str| -> Vec<String> {
                text.lines()
                    .map(|l| l.trim_start_matches("# "))
                    .filter_map(|l| match l.split_once(" = ") {
                        Some((key, _)) => Some(key.to_string()),
                        None => l.starts_with('[').then(|| l.to_string()),
                    })
                    .filter(|key| key.is_ascii() && !key.contains(' '))
                    .collect()
            };
            assert_eq!(keys(&en), keys(&ko), "{kind:?}");
        }
    }
}
