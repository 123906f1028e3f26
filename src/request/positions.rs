//! Where each key of a request file is written, so a finding about a field (a policy
//! rule, a duplicate topic) can point at the line and column a reviewer must change.

use toml::de::{DeTable, DeValue};

/// A 1-based line and column (in characters) in a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
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
        let mut offsets = Vec::new();
        add_table("", root, &mut offsets);
        // One pass over the text for all keys, rather than one pass per key.
        offsets.sort_by_key(|(_, offset)| *offset);
        let mut keys = Vec::with_capacity(offsets.len());
        let (mut line, mut line_start, mut scanned) = (1, 0, 0);
        for (path, offset) in offsets {
            let offset = offset.clamp(scanned, text.len());
            for newline in memchr::memchr_iter(b'\n', &text.as_bytes()[scanned..offset]) {
                line += 1;
                line_start = scanned + newline + 1;
            }
            scanned = offset;
            let column = text
                .get(line_start..offset)
                .map_or(1, |prefix| prefix.chars().count() + 1);
            keys.push((path, Position { line, column }));
        }
        KeyPositions { keys }
    }

    /// Where `key` is written, if the file sets it.
    pub fn get(&self, key: &str) -> Option<Position> {
        self.keys
            .iter()
            .find(|(name, _)| name == key)
            .map(|(_, position)| *position)
    }
}

/// Every key of `table` and its sub-tables, with the byte offset where the key starts.
fn add_table(prefix: &str, table: &DeTable<'_>, offsets: &mut Vec<(String, usize)>) {
    for (key, value) in table.iter() {
        let name: &str = key.get_ref();
        let path = if prefix.is_empty() {
            name.to_string()
        } else {
            format!("{prefix}.{name}")
        };
        if let DeValue::Table(inner) = value.get_ref() {
            add_table(&path, inner, offsets);
        }
        offsets.push((path, key.span().start));
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
        let p = positions("\"é\".x = 1\n\"ü\" = { \"ä\" = 2 }");
        assert_eq!(p.get("é.x"), Some(Position { line: 1, column: 5 }));
        assert_eq!(p.get("ü.ä"), Some(Position { line: 2, column: 9 }));
    }
}
