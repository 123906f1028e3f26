//! YAML text written out directly, so comments sit where a reader needs them and the
//! same plan always gives the same bytes: scalar quoting, and Spring Boot's
//! `application.yml` built from dotted property paths.

use crate::clients::{ClientConfig, ClientSetting};
use crate::i18n::Lang;
use crate::words;

/// A scalar as plain text when YAML reads it back unchanged as a string, number or
/// boolean of the same spelling; double-quoted otherwise.
pub fn scalar(text: &str) -> String {
    let plain = text
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric())
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
    if plain {
        text.to_string()
    } else {
        quoted(text)
    }
}

/// A double-quoted scalar: always a string, whatever it spells.
pub fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// One mapping key with either a value or nested keys, in first-seen order.
#[derive(Default)]
struct Node {
    key: String,
    value: Option<String>,
    comment: Option<String>,
    children: Vec<Node>,
}

impl Node {
    fn insert(&mut self, path: &[String], value: String, comment: &str) {
        let Some((first, rest)) = path.split_first() else {
            return;
        };
        let index = match self.children.iter().position(|c| &c.key == first) {
            Some(i) => i,
            None => {
                self.children.push(Node {
                    key: first.clone(),
                    ..Node::default()
                });
                self.children.len() - 1
            }
        };
        let child = &mut self.children[index];
        if rest.is_empty() {
            child.value = Some(value);
            child.comment = Some(comment.to_string());
        } else {
            child.insert(rest, value, comment);
        }
    }

    fn write(&self, depth: usize, comments: bool, out: &mut Vec<String>) {
        let indent = "  ".repeat(depth);
        if let (true, Some(comment)) = (comments, &self.comment) {
            out.push(format!("{indent}# {comment}"));
        }
        // A map key in brackets keeps its dots (Spring Boot's notation); YAML needs it quoted.
        let key = if self.key.starts_with('[') {
            quoted(&self.key)
        } else {
            self.key.clone()
        };
        match &self.value {
            Some(value) => out.push(format!("{indent}{key}: {value}")),
            None => {
                out.push(format!("{indent}{key}:"));
                for child in &self.children {
                    child.write(depth + 1, comments, out);
                }
            }
        }
    }
}

/// `spring.kafka.producer.properties[linger.ms]` -> `spring`, `kafka`, `producer`,
/// `properties`, `[linger.ms]`.
fn path_of(key: &str) -> Vec<String> {
    let mut path = Vec::new();
    let mut rest = key;
    while !rest.is_empty() {
        if rest.starts_with('[') {
            let end = rest.find(']').map_or(rest.len(), |i| i + 1);
            path.push(rest[..end].to_string());
            rest = rest[end..].strip_prefix('.').unwrap_or(&rest[end..]);
        } else {
            let end = rest.find(['.', '[']).unwrap_or(rest.len());
            path.push(rest[..end].to_string());
            rest = rest[end..].strip_prefix('.').unwrap_or(&rest[end..]);
        }
    }
    path
}

/// A setting's YAML value: a `properties` map holds strings, so those are quoted.
fn value_of(setting: &ClientSetting, path: &[String]) -> String {
    if path.last().is_some_and(|k| k.starts_with('[')) {
        quoted(&setting.value)
    } else {
        scalar(&setting.value)
    }
}

/// Spring Boot's `application.yml` for a Spring client config; with `comments`, each
/// setting's reason is a comment above it.
pub fn application_yml(lang: Lang, config: &ClientConfig, comments: bool) -> Vec<String> {
    let mut root = Node::default();
    let all = config
        .producer
        .iter()
        .chain(&config.consumer)
        .chain(&config.listener);
    for setting in all {
        let path = path_of(&setting.key);
        let value = value_of(setting, &path);
        root.insert(&path, value, &words::client_reason(lang, &setting.reason));
    }
    let mut lines = Vec::new();
    for child in &root.children {
        child.write(0, comments, &mut lines);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_are_plain_only_when_they_read_back_the_same() {
        assert_eq!(scalar("all"), "all");
        assert_eq!(scalar("500ms"), "500ms");
        assert_eq!(scalar("orders.v1-tx-"), "orders.v1-tx-");
        assert_eq!(scalar(""), "\"\"");
        assert_eq!(scalar("a: b"), "\"a: b\"");
        assert_eq!(scalar("-1"), "\"-1\"");
        assert_eq!(quoted("say \"hi\"\\"), "\"say \\\"hi\\\"\\\\\"");
    }

    #[test]
    fn bracketed_map_keys_keep_their_dots() {
        assert_eq!(
            path_of("spring.kafka.producer.properties[linger.ms]"),
            ["spring", "kafka", "producer", "properties", "[linger.ms]"]
        );
        assert_eq!(path_of("a.b"), ["a", "b"]);
    }
}
