//! The named rules of `kplan check`: each finding carries one, so a reviewer can look it
//! up and a policy can change how much it matters (`[severity]`).

use serde::Serialize;

/// How much a finding matters. A file fails on an error, and on a warning only with
/// `--deny-warnings`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

macro_rules! rules {
    ($($variant:ident = $name:literal, $severity:ident, $fixed:literal;)+) => {
        /// A check a request file can fail.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Rule {
            $($variant,)+
        }

        impl Rule {
            pub const ALL: &'static [Rule] = &[$(Rule::$variant,)+];
            /// Every rule's name, for the policy's `[severity]` table.
            pub const NAMES: &'static [&'static str] = &[$($name,)+];

            /// The kebab-case name shown in findings.
            pub fn name(self) -> &'static str {
                match self {
                    $(Rule::$variant => $name,)+
                }
            }

            /// How much a finding matters when no policy says otherwise.
            pub fn default_severity(self) -> Severity {
                match self {
                    $(Rule::$variant => Severity::$severity,)+
                }
            }

            /// True for the rules that always fail a file, whatever a policy says.
            pub fn is_fixed(self) -> bool {
                match self {
                    $(Rule::$variant => $fixed,)+
                }
            }
        }
    };
}

rules! {
    // The request itself: it must parse, and its plan must hold.
    InvalidRequest = "invalid-request", Error, true;
    OverCap = "over-cap", Error, true;
    Infeasible = "infeasible", Error, true;
    // Policy rules (kplan-policy.toml).
    CapAbovePolicy = "cap-above-policy", Error, false;
    TopicName = "topic-name", Error, false;
    TopicType = "topic-type", Error, false;
    Delivery = "delivery", Error, false;
    DeadLetterRequired = "dead-letter-required", Error, false;
    TargetMinutesRange = "target-minutes-range", Error, false;
    LatencySamplesRequired = "latency-samples-required", Error, false;
    LatencySampleCount = "latency-sample-count", Error, false;
    ConcurrencyLimit = "concurrency-limit", Error, false;
    MessageSizeLimit = "message-size-limit", Error, false;
    HeadroomMinimum = "headroom-minimum", Error, false;
    KeySampleRequired = "key-sample-required", Error, false;
    DelayObjectiveRequired = "delay-objective-required", Error, false;
    // Across the files of one run.
    DuplicateTopic = "duplicate-topic", Error, false;
    DeadLetterCollision = "dead-letter-collision", Error, false;
    // Against the version at a base revision (--base).
    PartitionDecrease = "partition-decrease", Error, true;
    KeyedPartitionGrowth = "keyed-partition-growth", Warning, false;
    // The plan's own warnings.
    KeySkewUnchecked = "key-skew-unchecked", Warning, false;
    KeySkewUnresolved = "key-skew-unresolved", Warning, false;
    FewLatencySamples = "few-latency-samples", Warning, false;
    AtMostOnce = "at-most-once", Warning, false;
    MessageOverBrokerDefault = "message-over-broker-default", Warning, false;
    LatencyTailUnknown = "latency-tail-unknown", Warning, false;
}

impl Rule {
    pub fn from_name(name: &str) -> Option<Rule> {
        Rule::ALL.iter().copied().find(|rule| rule.name() == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_kebab_case_and_round_trip() {
        for (i, rule) in Rule::ALL.iter().enumerate() {
            let name = rule.name();
            assert_eq!(Rule::NAMES[i], name);
            assert_eq!(Rule::from_name(name), Some(*rule));
            assert!(
                name.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{name}"
            );
        }
        let mut names = Rule::NAMES.to_vec();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Rule::ALL.len());
    }
}
