//! The client settings kplan connects with: a Java client properties file
//! (`--command-config`, as Kafka's own tools take it) mapped to librdkafka's names, then
//! `-X key=value` librdkafka settings (as kcat takes them), later ones winning. Keys that
//! would break the read-only promise or duplicate a flag are refused.

use std::collections::BTreeMap;
use std::path::Path;

use super::jaas::parse_jaas;
use super::properties::{Property, parse_properties};
use super::secrets::{Scrubber, is_secret};
use crate::diagnostic::Diagnostic;
use crate::error::Failure;
use crate::i18n::Message;
use crate::input::file::read_bytes;

/// librdkafka settings in the order they apply.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClientSettings {
    entries: Vec<(String, String)>,
}

impl ClientSettings {
    /// Reads `--command-config` (when given) and applies the `-X` settings after it.
    pub fn from_sources(
        command_config: Option<&Path>,
        overrides: &[String],
    ) -> Result<ClientSettings, Failure> {
        let mut settings = ClientSettings::default();
        if let Some(path) = command_config {
            settings.entries = read_command_config(path)?;
        }
        for (index, raw) in overrides.iter().enumerate() {
            let (key, value) = parse_override(raw, index + 1)?;
            settings.entries.push((key, value));
        }
        Ok(settings)
    }

    /// The settings with each key's last value, in first-seen order.
    pub fn entries(&self) -> Vec<(&str, &str)> {
        let mut out: Vec<(&str, &str)> = Vec::new();
        for (key, value) in &self.entries {
            match out.iter_mut().find(|(k, _)| k == key) {
                Some(slot) => slot.1 = value,
                None => out.push((key, value)),
            }
        }
        out
    }

    /// The value of one librdkafka setting, when set.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.entries
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// A scrubber for every secret value among the settings.
    pub fn scrubber(&self) -> Scrubber {
        Scrubber::new(
            self.entries
                .iter()
                .filter(|(key, _)| is_secret(key))
                .map(|(_, value)| value.clone()),
        )
    }
}

/// Settings kplan sets itself: the user may not change them.
fn refused(key: &str) -> Option<&'static str> {
    match key {
        "bootstrap.servers" | "metadata.broker.list" => {
            Some("give the cluster with --bootstrap-server")
        }
        "group.id" => Some("give the consumer group with --group"),
        "allow.auto.create.topics" => {
            Some("kplan validate is read-only and never lets a topic be auto-created")
        }
        "enable.auto.commit" | "enable.auto.offset.store" => {
            Some("kplan validate is read-only and never commits offsets")
        }
        _ => None,
    }
}

/// `-X key=value`; the value is never echoed (it may be a password).
fn parse_override(raw: &str, position: usize) -> Result<(String, String), Failure> {
    let Some((key, value)) = raw.split_once('=') else {
        return Err(Failure::Usage(format!(
            "-X setting number {position} has no '=': expected -X key=value"
        )));
    };
    let key = key.trim();
    if key.is_empty() {
        return Err(Failure::Usage(format!(
            "-X setting number {position} has no key: expected -X key=value"
        )));
    }
    if let Some(why) = refused(key) {
        return Err(Failure::Usage(format!("-X {key}: {why}")));
    }
    Ok((key.to_string(), value.to_string()))
}

fn read_command_config(path: &Path) -> Result<Vec<(String, String)>, Failure> {
    let bytes = read_bytes(path)?;
    // Properties.load(InputStream) reads ISO-8859-1; UTF-8 files are common too.
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => e.into_bytes().iter().map(|&b| char::from(b)).collect(),
    };
    map_java_properties(&parse_properties(&text), path).map_err(Failure::Input)
}

/// Maps Java client properties to librdkafka settings, reporting every key it cannot map.
pub fn map_java_properties(
    properties: &[Property],
    path: &Path,
) -> Result<Vec<(String, String)>, Vec<Diagnostic>> {
    // Like java.util.Properties, a repeated key keeps its last value.
    let mut by_key: BTreeMap<&str, &Property> = BTreeMap::new();
    for property in properties {
        by_key.insert(property.key.as_str(), property);
    }
    let store_type = |key: &str| {
        by_key.get(key).map_or_else(
            || "JKS".to_string(),
            |p| p.value.trim().to_ascii_uppercase(),
        )
    };
    let stores = StoreTypes {
        truststore: store_type("ssl.truststore.type"),
        keystore: store_type("ssl.keystore.type"),
    };
    let mut mapped = Vec::new();
    let mut problems = Vec::new();
    for property in properties {
        if by_key.get(property.key.as_str()) != Some(&property) {
            continue;
        }
        match map_one(property, &stores) {
            Ok(settings) => mapped.extend(settings),
            Err(problem) => problems.push(
                Diagnostic::says(path, problem)
                    .at_line(property.line)
                    .for_key(property.key.clone()),
            ),
        }
    }
    if problems.is_empty() {
        Ok(mapped)
    } else {
        Err(problems)
    }
}

/// The key and trust store types, which decide how their locations map.
struct StoreTypes {
    truststore: String,
    keystore: String,
}

type Mapped = Vec<(String, String)>;

fn map_one(property: &Property, stores: &StoreTypes) -> Result<Mapped, Message> {
    let value = property.value.trim();
    let same = |key: &str| Ok(vec![(key.to_string(), value.to_string())]);
    match property.key.as_str() {
        "security.protocol" => map_security_protocol(value),
        "sasl.mechanism" => map_sasl_mechanism(value),
        "sasl.jaas.config" => map_jaas(value),
        "client.id" | "ssl.key.password" => same(&property.key),
        "ssl.truststore.type" | "ssl.keystore.type" => check_store_type(value).map(|()| vec![]),
        "ssl.truststore.location" => match stores.truststore.as_str() {
            "PEM" => same("ssl.ca.location"),
            other => Err(Message::new("config-truststore-type").arg("type", other)),
        },
        "ssl.truststore.certificates" => same("ssl.ca.pem"),
        "ssl.truststore.password" => Err(Message::new("config-truststore-password")),
        "ssl.keystore.location" => match stores.keystore.as_str() {
            "PKCS12" => same("ssl.keystore.location"),
            "PEM" => Ok(vec![
                ("ssl.certificate.location".to_string(), value.to_string()),
                ("ssl.key.location".to_string(), value.to_string()),
            ]),
            other => Err(Message::new("config-keystore-type").arg("type", other)),
        },
        "ssl.keystore.password" => match stores.keystore.as_str() {
            "PKCS12" => same("ssl.keystore.password"),
            _ => Err(Message::new("config-keystore-password")),
        },
        "ssl.keystore.key" => same("ssl.key.pem"),
        "ssl.keystore.certificate.chain" => same("ssl.certificate.pem"),
        "ssl.endpoint.identification.algorithm" => match value.to_ascii_lowercase().as_str() {
            "https" => same("ssl.endpoint.identification.algorithm"),
            "" => Ok(vec![(
                "ssl.endpoint.identification.algorithm".to_string(),
                "none".to_string(),
            )]),
            _ => Err(Message::new("config-endpoint-algorithm")),
        },
        key => Err(unsupported(key)),
    }
}

fn unsupported(key: &str) -> Message {
    let id = if key == "bootstrap.servers" {
        "config-bootstrap-servers"
    } else if key.starts_with("ssl.") {
        "config-ssl-unmapped"
    } else if key.starts_with("sasl.kerberos.") {
        "config-kerberos"
    } else {
        "config-unmapped"
    };
    Message::new(id)
}

fn map_security_protocol(value: &str) -> Result<Mapped, Message> {
    match value.to_ascii_uppercase().as_str() {
        "PLAINTEXT" | "SSL" | "SASL_PLAINTEXT" | "SASL_SSL" => Ok(vec![(
            "security.protocol".to_string(),
            value.to_ascii_lowercase(),
        )]),
        _ => Err(Message::new("config-security-protocol").arg("value", value)),
    }
}

fn map_sasl_mechanism(value: &str) -> Result<Mapped, Message> {
    match value.to_ascii_uppercase().as_str() {
        "PLAIN" | "SCRAM-SHA-256" | "SCRAM-SHA-512" => Ok(vec![(
            "sasl.mechanism".to_string(),
            value.to_ascii_uppercase(),
        )]),
        "GSSAPI" => Err(Message::new("config-kerberos")),
        _ => Err(Message::new("config-sasl-mechanism").arg("value", value)),
    }
}

fn check_store_type(value: &str) -> Result<(), Message> {
    match value.to_ascii_uppercase().as_str() {
        "PEM" | "PKCS12" | "JKS" => Ok(()),
        _ => Err(Message::new("config-store-type")),
    }
}

/// `sasl.jaas.config` for PLAIN and SCRAM: the login module's username and password
/// become `sasl.username` and `sasl.password`. Problems never quote the value.
fn map_jaas(value: &str) -> Result<Mapped, Message> {
    let jaas = parse_jaas(value).ok_or_else(|| Message::new("config-jaas-unreadable"))?;
    const SUPPORTED: [&str; 2] = [
        "org.apache.kafka.common.security.plain.PlainLoginModule",
        "org.apache.kafka.common.security.scram.ScramLoginModule",
    ];
    if !SUPPORTED.contains(&jaas.module.as_str()) {
        return Err(Message::new("config-jaas-module"));
    }
    let option = |name: &str| jaas.options.iter().find(|(k, _)| k == name).map(|(_, v)| v);
    match (option("username"), option("password")) {
        (Some(username), Some(password)) => Ok(vec![
            ("sasl.username".to_string(), username.clone()),
            ("sasl.password".to_string(), password.clone()),
        ]),
        _ => Err(Message::new("config-jaas-credentials")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(text: &str) -> Result<Vec<(String, String)>, Vec<String>> {
        map_java_properties(&parse_properties(text), Path::new("client.properties"))
            .map_err(|ds| ds.iter().map(ToString::to_string).collect())
    }

    fn owned(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn scram_over_tls_maps_to_librdkafka_names() {
        let text = "security.protocol=SASL_SSL\n\
            sasl.mechanism=SCRAM-SHA-512\n\
            sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required \\\n  \
              username=\"svc-orders\" password=\"p@ss; w=rd\";\n\
            ssl.truststore.type=PEM\n\
            ssl.truststore.location=/etc/kafka/ca.pem\n\
            ssl.endpoint.identification.algorithm=\n";
        assert_eq!(
            map(text).unwrap(),
            owned(&[
                ("security.protocol", "sasl_ssl"),
                ("sasl.mechanism", "SCRAM-SHA-512"),
                ("sasl.username", "svc-orders"),
                ("sasl.password", "p@ss; w=rd"),
                ("ssl.ca.location", "/etc/kafka/ca.pem"),
                ("ssl.endpoint.identification.algorithm", "none"),
            ])
        );
    }

    #[test]
    fn plain_login_and_pkcs12_and_pem_keystores_map() {
        let plain = "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=alice password=secret1;\n";
        assert_eq!(
            map(plain).unwrap(),
            owned(&[("sasl.username", "alice"), ("sasl.password", "secret1")])
        );
        let pkcs12 = "ssl.keystore.type=PKCS12\nssl.keystore.location=/k.p12\nssl.keystore.password=pw\nssl.key.password=kp\n";
        assert_eq!(
            map(pkcs12).unwrap(),
            owned(&[
                ("ssl.keystore.location", "/k.p12"),
                ("ssl.keystore.password", "pw"),
                ("ssl.key.password", "kp"),
            ])
        );
        let pem = "ssl.keystore.type=PEM\nssl.keystore.location=/client.pem\n";
        assert_eq!(
            map(pem).unwrap(),
            owned(&[
                ("ssl.certificate.location", "/client.pem"),
                ("ssl.key.location", "/client.pem"),
            ])
        );
    }

    #[test]
    fn every_unsupported_key_is_reported_with_its_line_and_no_secret() {
        let text = "ssl.truststore.location=/ts.jks\n\
            sasl.mechanism=GSSAPI\n\
            request.timeout.ms=5000\n\
            sasl.jaas.config=com.sun.security.auth.module.Krb5LoginModule required password=\"topsecret\";\n";
        let problems = map(text).unwrap_err();
        assert_eq!(problems.len(), 4, "{problems:#?}");
        assert!(problems[0].starts_with(
            "client.properties:1: ssl.truststore.location: librdkafka cannot read a JKS truststore"
        ));
        assert_eq!(
            problems[1],
            "client.properties:2: sasl.mechanism: Kerberos (GSSAPI) is not built into kplan"
        );
        assert!(
            problems[2]
                .starts_with("client.properties:3: request.timeout.ms: is not a client setting")
        );
        assert!(
            problems[3].starts_with("client.properties:4: sasl.jaas.config: only PlainLoginModule")
        );
        assert!(!problems.concat().contains("topsecret"));
    }

    #[test]
    fn overrides_need_a_key_and_a_value_and_never_echo_the_value() {
        let message = |raw: &str| match parse_override(raw, 2) {
            Err(failure) => failure.to_string(),
            Ok(pair) => format!("{pair:?}"),
        };
        assert_eq!(message("sasl.password=x=y"), "(\"sasl.password\", \"x=y\")");
        assert_eq!(
            message("sasl.passwordhunter2"),
            "error: -X setting number 2 has no '=': expected -X key=value"
        );
        assert_eq!(
            message("allow.auto.create.topics=true"),
            "error: -X allow.auto.create.topics: kplan validate is read-only and never lets a topic be auto-created"
        );
    }

    #[test]
    fn later_settings_win_and_secrets_are_scrubbed() {
        let settings = ClientSettings::from_sources(
            None,
            &[
                "sasl.password=one".to_string(),
                "client.id=a".to_string(),
                "sasl.password=two".to_string(),
            ],
        )
        .unwrap();
        assert_eq!(
            settings.entries(),
            vec![("sasl.password", "two"), ("client.id", "a")]
        );
        assert_eq!(settings.get("sasl.password"), Some("two"));
        assert_eq!(
            settings.scrubber().scrub("one two a"),
            "[redacted] [redacted] a"
        );
    }
}
