//! Keeping secrets out of everything kplan prints. A setting is secret by its name; its
//! value is then replaced wherever it shows up, including in librdkafka's own error and
//! log strings, which can quote configuration values.

/// What a secret value is replaced with.
pub const REDACTED: &str = "[redacted]";

/// Whether a setting (Java or librdkafka name) holds a secret: any password or secret,
/// a JAAS line (it carries the password), and inline private keys.
pub fn is_secret(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    key.contains("password")
        || key.contains("secret")
        || matches!(
            key.as_str(),
            "sasl.jaas.config" | "sasl.oauthbearer.config" | "ssl.key.pem" | "ssl.keystore.key"
        )
}

/// Replaces known secret values in text before it is shown.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scrubber {
    /// Longest first, so a secret that contains another is replaced whole.
    secrets: Vec<String>,
}

impl Scrubber {
    pub fn new<S: Into<String>>(secrets: impl IntoIterator<Item = S>) -> Scrubber {
        let mut secrets: Vec<String> = secrets
            .into_iter()
            .map(Into::into)
            .filter(|s| !s.is_empty())
            .collect();
        secrets.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        secrets.dedup();
        Scrubber { secrets }
    }

    /// The text with every secret replaced, on one line (librdkafka strings can hold
    /// line breaks, and a reason must stay one line).
    pub fn scrub(&self, text: &str) -> String {
        let mut out = text.replace(['\r', '\n'], " ");
        for secret in &self.secrets {
            out = out.replace(secret.as_str(), REDACTED);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_keys_are_recognised_by_name() {
        for key in [
            "sasl.password",
            "ssl.key.password",
            "ssl.keystore.password",
            "SSL.TRUSTSTORE.PASSWORD",
            "sasl.jaas.config",
            "sasl.oauthbearer.client.secret",
            "ssl.key.pem",
        ] {
            assert!(is_secret(key), "{key}");
        }
        for key in ["sasl.username", "security.protocol", "ssl.ca.location"] {
            assert!(!is_secret(key), "{key}");
        }
    }

    #[test]
    fn scrubbing_replaces_every_secret_and_keeps_one_line() {
        let scrubber = Scrubber::new(["hunter2", "hunter2-long", ""]);
        assert_eq!(
            scrubber.scrub("bad value \"hunter2-long\"\nand hunter2"),
            "bad value \"[redacted]\" and [redacted]"
        );
    }
}
