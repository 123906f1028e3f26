//! Where each key of a request file is written, so a finding about a field (a policy
//! rule, a duplicate topic) can point at the line and column a reviewer must change.

use toml::de::{DeTable, DeValue};

use crate::diagnostic::line_of;

/// A 1-based line and column (in characters) in a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl Position {
    /// The position of byte `offset` of `text`.
    pub fn of_offset(text: &str, offset: usize) -> Position {
        let end = offset.min(text.len());
        let line_start = text.as_bytes()[..end]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |newline| newline + 1);
        let column = text
            .get(line_start..end)
            .map_or(1, |prefix| prefix.chars().count() + 1);
        Position {
            line: line_of(text, offset),
            column,
        }
    }
}

/// Every dotted key of a file (`topic.name`, `dead_letter`, `subscribe.latency_ms.mean`)
/// with the position of the key itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeyPositions {
    keys: Vec<(String, Position)>,
}

impl KeyPositions {
    /// Collects the keys of a parsed document; `text` is the text it was parsed from.
    pub fn collect(root: &DeTable<'_>, text: &str) -> KeyPositions {
        let mut positions = KeyPositions::default();
        positions.add_table("", root, text);
        positions
    }

    fn add_table(&mut self, prefix: &str, table: &DeTable<'_>, text: &str) {
        for (key, value) in table.iter() {
            let name: &str = key.get_ref();
            let path = if prefix.is_empty() {
                name.to_string()
            } else {
                format!("{prefix}.{name}")
            };
            if let DeValue::Table(inner) = value.get_ref() {
                self.add_table(&path, inner, text);
            }
            self.keys
                .push((path, Position::of_offset(text, key.span().start)));
        }
    }

    /// Where `key` is written, if the file sets it.
    pub fn get(&self, key: &str) -> Option<Position> {
        self.keys
            .iter()
            .find(|(name, _)| name == key)
            .map(|(_, position)| *position)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn positions(text: &str) -> KeyPositions {
        let (root, errors) = DeTable::parse_recoverable(text);
        assert!(errors.is_empty());
        KeyPositions::collect(root.get_ref(), text)
    }

    #[test]
    fn keys_point_at_their_own_line_and_column() {
        let text = "[topic]\nname = \"a\"\n\n[subscribe]\n  latency_ms = { mean = 1.0 }\n";
        let p = positions(text);
        assert_eq!(p.get("topic"), Some(Position { line: 1, column: 2 }));
        assert_eq!(p.get("topic.name"), Some(Position { line: 2, column: 1 }));
        assert_eq!(
            p.get("subscribe.latency_ms"),
            Some(Position { line: 5, column: 3 })
        );
        assert_eq!(
            p.get("subscribe.latency_ms.mean"),
            Some(Position {
                line: 5,
                column: 18
            })
        );
        assert_eq!(p.get("subscribe.target_minutes"), None);
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "# é\n[topic]\n\"é\" = 1\nname = 2";
        let p = positions(text);
        assert_eq!(p.get("topic.name"), Some(Position { line: 4, column: 1 }));
        assert_eq!(
            Position::of_offset("é = 1", "é".len()),
            Position { line: 1, column: 2 }
        );
    }
}
