//! `kplan validate` without a broker: the connection options, bad input (exit 2), an
//! unreachable cluster (exit 3 within the timeout), and secrets kept out of every
//! output.

mod common;

use std::net::TcpListener;
use std::time::Duration;

use common::{code, kplan, stderr, stdout};

const KEYED: &str = "tests/fixtures/validate/keyed.toml";

/// 127.0.0.1 on a port nothing listens on: the OS hands out a free port, then it is
/// released before kplan connects.
/// `kplan validate` on the keyed fixture, pointed at the discard port: for problems that
/// must stop the command before it connects.
fn validate_keyed(extra: &[&str]) -> std::process::Output {
    let mut args = vec!["validate", KEYED, "--bootstrap-server", "127.0.0.1:9"];
    args.extend_from_slice(extra);
    kplan(&args)
}

fn closed_port() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
    let address = listener.local_addr().expect("its address");
    drop(listener);
    address.to_string()
}

#[test]
fn an_unreachable_cluster_exits_3_within_the_timeout_with_a_one_line_reason() {
    let address = closed_port();
    let args = [
        "validate",
        KEYED,
        "--bootstrap-server",
        &address,
        "--timeout-ms",
        "1500",
    ];
    // A guard against hanging; the message below says the timeout was what ended it.
    let out = common::kplan_within(&args, Duration::from_secs(120)).expect("validate ends");
    assert_eq!(code(&out), 3);
    assert_eq!(stdout(&out), "");
    let message = stderr(&out);
    assert_eq!(message.lines().count(), 1, "{message}");
    let expected = format!(
        "error: no answer from {address} within 1,500 ms while reading the cluster metadata: {address}/bootstrap: Connect to ipv4#{address} failed: Connection refused"
    );
    assert!(message.starts_with(&expected), "{message}");
}

#[test]
fn a_password_given_with_x_never_appears_in_the_output() {
    let address = closed_port();
    let secret = "s3cret-Passw0rd";
    let password = format!("sasl.password={secret}");
    let out = kplan(&[
        "validate",
        KEYED,
        "--bootstrap-server",
        &address,
        "--timeout-ms",
        "1000",
        "-X",
        "security.protocol=sasl_plaintext",
        "-X",
        "sasl.mechanism=PLAIN",
        "-X",
        "sasl.username=svc",
        "-X",
        &password,
        "-X",
        "debug=security,broker,conf",
    ]);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    assert!(!stdout(&out).contains(secret));
    assert!(!stderr(&out).contains(secret));
}

#[test]
fn a_command_config_password_never_appears_in_the_output() {
    let address = closed_port();
    let out = kplan(&[
        "validate",
        KEYED,
        "--bootstrap-server",
        &address,
        "--timeout-ms",
        "1000",
        "--command-config",
        "tests/fixtures/validate/sasl-client.properties",
        "-X",
        "debug=all",
    ]);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    assert!(stderr(&out).contains("librdkafka"), "debug logs are shown");
    for output in [stdout(&out), stderr(&out)] {
        assert!(!output.contains("pr0perties-s3cret"));
    }
}

#[test]
fn every_unmappable_command_config_key_is_exit_2_with_its_line_and_no_secret() {
    let out = validate_keyed(&[
        "--command-config",
        "tests/fixtures/validate/bad-client.properties",
    ]);
    assert_eq!(code(&out), 2);
    assert_eq!(stdout(&out), "");
    let file = "tests/fixtures/validate/bad-client.properties";
    assert_eq!(
        stderr(&out),
        format!(
            "error: {file}:3: sasl.mechanism: Kerberos (GSSAPI) is not built into kplan\n\
             error: {file}:4: ssl.truststore.location: librdkafka cannot read a JKS truststore: export the CA certificates as PEM (keytool -exportcert -rfc) and set ssl.truststore.type=PEM\n\
             error: {file}:5: ssl.truststore.password: a PEM truststore has no password (librdkafka reads no JKS or PKCS12 truststore): remove it\n\
             error: {file}:6: request.timeout.ms: is not a client setting kplan can map to librdkafka; remove it, or pass a librdkafka setting with -X key=value\n\
             error: {file}:7: sasl.jaas.config: only PlainLoginModule and ScramLoginModule can be mapped to librdkafka\n"
        )
    );
}

#[test]
fn a_missing_command_config_is_exit_2() {
    let out = validate_keyed(&[
        "--command-config",
        "tests/fixtures/validate/none.properties",
    ]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).starts_with("error: tests/fixtures/validate/none.properties: cannot read"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn malformed_refused_and_unknown_x_settings_are_exit_2() {
    let cases = [
        ("sasl.passwordhunter2", "error: -X setting number 1 has no '=': expected -X key=value\n".to_string()),
        ("allow.auto.create.topics=true", "error: -X allow.auto.create.topics: kplan validate is read-only and never lets a topic be auto-created\n".to_string()),
        ("group.id=x", "error: -X group.id: give the consumer group with --group\n".to_string()),
        ("bootstrap.servers=h:1", "error: -X bootstrap.servers: give the cluster with --bootstrap-server\n".to_string()),
        ("sasl.pasword=hunter2", "error: librdkafka setting sasl.pasword: No such configuration property: \"sasl.pasword\"\n".to_string()),
    ];
    for (setting, expected) in cases {
        let out = validate_keyed(&["-X", setting]);
        assert_eq!(code(&out), 2, "{setting}");
        assert_eq!(stderr(&out), expected, "{setting}");
        assert!(!stderr(&out).contains("hunter2"));
    }
}

#[test]
fn a_zero_timeout_and_a_missing_bootstrap_server_are_usage_errors() {
    let out = validate_keyed(&["--timeout-ms", "0"]);
    assert_eq!(code(&out), 2);
    let out = kplan(&["validate", KEYED]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("--bootstrap-server"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_bad_request_file_or_profile_is_exit_2_before_any_connection() {
    let cases = [
        (
            &["tests/fixtures/bad/unknown-key.toml"][..],
            "error: tests/fixtures/bad/unknown-key.toml:",
        ),
        (
            &[KEYED, "--profile", "profiles/online.toml"][..],
            "error: tests/fixtures/validate/keyed.toml: topic.type: is a batch topic, but the profile profiles/online.toml is for online topics",
        ),
    ];
    let address = closed_port();
    for (args, expected) in cases {
        let mut all = vec!["validate", "--bootstrap-server", &address];
        all.extend_from_slice(args);
        let out = kplan(&all);
        assert_eq!(code(&out), 2, "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).starts_with(expected), "{}", stderr(&out));
    }
}

#[test]
fn a_blank_or_control_character_group_is_a_usage_error_before_any_connection() {
    let cases = [
        ("", "error: --group: a group id is needed\n"),
        ("  ", "error: --group: a group id is needed\n"),
        (
            "settle\nment",
            "error: --group: control characters are not allowed in a group id\n",
        ),
    ];
    for (group, expected) in cases {
        let out = kplan(&[
            "validate",
            KEYED,
            "--bootstrap-server",
            &closed_port(),
            "--group",
            group,
        ]);
        assert_eq!(stderr(&out), expected, "{group:?}");
        assert_eq!(code(&out), 2, "{group:?}");
    }
}
