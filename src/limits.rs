//! How much of a large input kplan holds in memory before refusing it, rather than
//! exhausting the machine: distinct keys of a key sample, samples of a latency file.
//! Each limit has a default sized for a shared machine and an environment variable to
//! move it, read where the files are read.

use crate::i18n::Message;

/// Distinct keys of a key sample: about 40 bytes each beside the key's own bytes, so
/// 2 GB or so at the default with short keys.
pub const DEFAULT_MAX_DISTINCT_KEYS: u64 = 50_000_000;
pub const MAX_DISTINCT_KEYS_VAR: &str = "KPLAN_MAX_DISTINCT_KEYS";

/// Latency samples of one file: 8 bytes each, so 1.6 GB at the default.
pub const DEFAULT_MAX_LATENCY_SAMPLES: u64 = 200_000_000;
pub const MAX_LATENCY_SAMPLES_VAR: &str = "KPLAN_MAX_LATENCY_SAMPLES";

/// The distinct-key limit: `KPLAN_MAX_DISTINCT_KEYS`, or the default.
pub fn max_distinct_keys() -> Result<u64, Message> {
    from_env(MAX_DISTINCT_KEYS_VAR, DEFAULT_MAX_DISTINCT_KEYS)
}

/// The latency-sample limit: `KPLAN_MAX_LATENCY_SAMPLES`, or the default.
pub fn max_latency_samples() -> Result<u64, Message> {
    from_env(MAX_LATENCY_SAMPLES_VAR, DEFAULT_MAX_LATENCY_SAMPLES)
}

fn from_env(name: &str, default: u64) -> Result<u64, Message> {
    match std::env::var(name) {
        Err(std::env::VarError::NotPresent) => Ok(default),
        Ok(text) => parse_limit(&text).ok_or_else(|| {
            Message::new("input-limit-not-number")
                .arg("name", name)
                .arg("value", format!("{text:?}"))
        }),
        Err(std::env::VarError::NotUnicode(_)) => {
            Err(Message::new("input-limit-not-utf8").arg("name", name))
        }
    }
}

/// A positive whole number such as `50000000` or `50_000_000`.
pub fn parse_limit(text: &str) -> Option<u64> {
    let digits: String = text.trim().chars().filter(|&c| c != '_').collect();
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|&n| n > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_read_whole_numbers_with_underscores() {
        assert_eq!(parse_limit("50_000_000"), Some(50_000_000));
        assert_eq!(parse_limit(" 12 "), Some(12));
        for bad in ["", "0", "-5", "1e6", "ten", "_"] {
            assert_eq!(parse_limit(bad), None, "{bad}");
        }
    }
}
