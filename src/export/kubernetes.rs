//! Kubernetes naming rules: object names (DNS-1123 subdomains) and label values, and an
//! object name made from a topic name that is not one.

use crate::keys::{murmur2, to_positive};

/// The longest object name the API server takes.
const MAX_OBJECT_NAME: usize = 253;
/// The longest label value.
const MAX_LABEL_VALUE: usize = 63;

/// A DNS-1123 subdomain: dot-separated labels of lowercase letters, digits and '-', each
/// starting and ending with a letter or digit, 253 characters at most.
pub fn is_object_name(name: &str) -> bool {
    name.len() <= MAX_OBJECT_NAME && !name.is_empty() && name.split('.').all(is_dns_label)
}

fn is_dns_label(label: &str) -> bool {
    let alnum = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit();
    label.starts_with(alnum)
        && label.ends_with(alnum)
        && label.chars().all(|c| alnum(c) || c == '-')
}

/// A label value: empty, or up to 63 letters, digits, '-', '_' and '.', starting and
/// ending with a letter or digit.
pub fn is_label_value(value: &str) -> bool {
    if value.is_empty() {
        return true;
    }
    let alnum = |c: char| c.is_ascii_alphanumeric();
    value.len() <= MAX_LABEL_VALUE
        && value.starts_with(alnum)
        && value.ends_with(alnum)
        && value
            .chars()
            .all(|c| alnum(c) || matches!(c, '-' | '_' | '.'))
}

/// The topic name itself when it is a valid object name; otherwise the name lowercased
/// with every other character turned into '-', and a hash of the real name appended so
/// two topics that differ only there (`a_b`, `a-b`, `A-b`) do not share a resource.
pub fn object_name(topic: &str) -> String {
    if is_object_name(topic) {
        return topic.to_string();
    }
    let lowered: String = topic
        .chars()
        .map(|c| match c {
            'a'..='z' | '0'..='9' | '.' => c,
            'A'..='Z' => c.to_ascii_lowercase(),
            _ => '-',
        })
        .collect();
    let labels: Vec<&str> = lowered
        .split('.')
        .map(|label| label.trim_matches('-'))
        .filter(|label| !label.is_empty())
        .collect();
    let hash = format!("{:08x}", to_positive(murmur2(topic.as_bytes())));
    let mut base = labels.join(".");
    // Room for "-" and the hash; the cut may leave a dot or dash at the end.
    base.truncate(MAX_OBJECT_NAME - 1 - hash.len());
    let base = base.trim_end_matches(['.', '-']);
    if base.is_empty() {
        format!("topic-{hash}")
    } else {
        format!("{base}-{hash}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_names_stay_and_others_become_valid_and_distinct() {
        assert_eq!(object_name("orders.settlement.v1"), "orders.settlement.v1");
        let dlt = object_name("orders.settlement.v1.DLT");
        assert!(dlt.starts_with("orders.settlement.v1.dlt-"), "{dlt}");
        let names = [
            "a_b",
            "a-b-",
            "A-b",
            "..x..",
            "_",
            "-a",
            "x".repeat(249).as_str(),
        ]
        .map(object_name);
        for name in &names {
            assert!(is_object_name(name), "{name}");
        }
        assert_ne!(names[0], names[2]);
    }

    #[test]
    fn label_values_follow_the_kubernetes_rule() {
        assert!(is_label_value("my-cluster"));
        assert!(is_label_value("Prod_1.eu"));
        assert!(!is_label_value("-x"));
        assert!(!is_label_value("a b"));
        assert!(!is_label_value(&"a".repeat(64)));
    }
}
