//! Producer and consumer settings, each derived from the request, the profile and the
//! sizing, each with the reason for its value as data.

mod consumer;
mod group;
mod producer;
pub mod reason;

pub use crate::client_values::{Acks, Compression, Isolation, OffsetReset, SettingValue};
pub use consumer::consumer_settings;
pub use group::{GroupPlan, group_plan};
pub use producer::producer_settings;
pub use reason::{ConsumerReason, GroupReason, ProducerReason, Reason};

use super::share::ShareSizing;
use super::sizing::Sizing;
use crate::profile::Profile;
use crate::request::Request;
use crate::stats::LatencyStats;

/// One client setting with the reason for its value.
#[derive(Debug, Clone, PartialEq)]
pub struct Setting {
    /// The Java client's name.
    pub key: &'static str,
    pub value: SettingValue,
    pub reason: Reason,
}

impl Setting {
    pub fn new(key: &'static str, value: SettingValue, reason: impl Into<Reason>) -> Setting {
        Setting {
            key,
            value,
            reason: reason.into(),
        }
    }
}

/// The setting `key` among `settings`.
pub fn find<'a>(settings: &'a [Setting], key: &str) -> Option<&'a Setting> {
    settings.iter().find(|s| s.key == key)
}

/// The integer value of the setting `key`, when the model set one.
pub fn integer(settings: &[Setting], key: &str) -> Option<u64> {
    find(settings, key).and_then(|s| s.value.integer())
}

const KIB: u64 = 1024;
const MIB: u64 = 1024 * 1024;

fn round_up(x: u64, multiple: u64) -> u64 {
    x.div_ceil(multiple).saturating_mul(multiple)
}

/// What the settings are derived from.
pub struct SettingsInput<'a> {
    pub request: &'a Request,
    pub profile: &'a Profile,
    pub sizing: &'a Sizing,
    pub latency: &'a LatencyStats,
    /// A share group's size; `None` for the other groups.
    pub share: Option<&'a ShareSizing>,
}

impl SettingsInput<'_> {
    /// Bytes per second into the whole topic at the planned rate.
    fn topic_bytes_per_sec(&self) -> f64 {
        self.sizing.planned_tps * self.request.publish.message_bytes as f64
    }

    fn partition_bytes_per_sec(&self) -> f64 {
        self.topic_bytes_per_sec() / self.sizing.recommended as f64
    }
}

/// A setting whose numeric value later settings build on.
struct Derived {
    setting: Setting,
    value: u64,
}

fn integer_setting(key: &'static str, value: u64, reason: impl Into<Reason>) -> Derived {
    Derived {
        setting: Setting::new(key, SettingValue::Integer(value), reason),
        value,
    }
}
