//! Typed reads from a parsed TOML table that keep going after a problem, so a file's
//! problems are reported together, each with its line and dotted key.

use std::ops::Range;
use std::path::Path;

use toml::de::{DeTable, DeValue};

use super::spec::{Field, Kind, Named};
use crate::diagnostic::{Diagnostic, line_of};
use crate::i18n::Message;

type Spanned<T> = toml::Spanned<T>;

/// Parses TOML text (its byte order mark already dropped) keeping every key's span;
/// each syntax error is a problem at its line.
pub fn parse_toml<'i>(text: &'i str, path: &Path) -> Result<Spanned<DeTable<'i>>, Vec<Diagnostic>> {
    let (root, syntax) = DeTable::parse_recoverable(text);
    if syntax.is_empty() {
        return Ok(root);
    }
    let mut problems: Vec<Diagnostic> = syntax
        .iter()
        .map(|e| {
            let line = e.span().map_or(1, |s| line_of(text, s.start));
            let message = Message::new("input-invalid-toml").arg("details", e.message());
            Diagnostic::says(path, message).at_line(line)
        })
        .collect();
    // Recovery after a syntax error tends to report the same line again.
    problems.dedup_by_key(|d| d.line);
    Err(problems)
}

/// Collects the problems of one file while its tables are read.
pub struct Fields<'t> {
    file: &'t Path,
    text: &'t str,
    pub problems: Vec<Diagnostic>,
}

/// One table of the file, with the field table that says what it may hold.
pub struct Table<'a, 'i> {
    /// Dotted path of the table (`subscribe`, `subscribe.latency_ms`); empty for the root.
    path: String,
    table: &'a DeTable<'i>,
    /// Where the table starts, for "missing key" problems.
    span: Range<usize>,
    spec: &'static Field,
}

impl<'a, 'i> Table<'a, 'i> {
    pub fn key_path(&self, key: &str) -> String {
        if self.path.is_empty() {
            key.to_string()
        } else {
            format!("{}.{key}", self.path)
        }
    }

    pub fn has(&self, key: &str) -> bool {
        self.table.contains_key(key)
    }

    /// The keys this table may hold.
    fn known(&self) -> Vec<&'static str> {
        match self.spec.kind {
            Kind::Table(fields) => fields.iter().map(|f| f.key).collect(),
            Kind::ChoiceMap { keys, .. } => keys.to_vec(),
            _ => Vec::new(),
        }
    }

    /// How `key` is described: a reader that asks for a key its table does not list is
    /// a defect, caught by the tests that walk every table.
    fn spec(&self, key: &str) -> Option<Field> {
        let field = match self.spec.kind {
            Kind::Table(fields) => fields.iter().find(|f| f.key == key).copied(),
            Kind::ChoiceMap { keys, choices } => keys
                .iter()
                .find(|k| **k == key)
                .map(|k| Field::optional(k, Kind::Choice(choices), "")),
            _ => None,
        };
        debug_assert!(
            field.is_some(),
            "`{key}` is not in the table of [{}]",
            self.path
        );
        field
    }
}

/// A TOML type's name (`an integer`) as a message.
fn toml_type(id: &str) -> Message {
    Message::new("toml-type").arg("type", id.to_string())
}

/// The id of a value's TOML type, for the message `toml-type`: the type name a user
/// would recognise in "found ..." messages.
fn type_id(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "string",
        DeValue::Integer(_) => "integer",
        DeValue::Float(_) => "float",
        DeValue::Boolean(_) => "boolean",
        DeValue::Datetime(_) => "datetime",
        DeValue::Array(_) => "array",
        DeValue::Table(_) => "table",
    }
}

impl<'t> Fields<'t> {
    pub fn new(file: &'t Path, text: &'t str) -> Self {
        Fields {
            file,
            text,
            problems: Vec::new(),
        }
    }

    /// Records a problem worded by `message` in every language at byte `offset`.
    pub fn problem_says(&mut self, offset: usize, key: &str, message: Message) {
        let line = line_of(self.text, offset);
        self.problems.push(
            Diagnostic::says(self.file, message)
                .at_line(line)
                .for_key(key),
        );
    }

    /// Records a problem worded by `message` at a key's value, or at its table when the
    /// key is absent.
    pub fn says_at_key(&mut self, table: &Table, key: &str, message: Message) {
        let offset = table
            .table
            .get(key)
            .map_or(table.span.start, |v| v.span().start);
        self.problem_says(offset, &table.key_path(key), message);
    }

    /// A value by key, recording a problem when a required one is missing.
    fn value<'a, 'i>(
        &mut self,
        table: &Table<'a, 'i>,
        key: &str,
    ) -> Option<&'a Spanned<DeValue<'i>>> {
        let required = table.spec(key).is_some_and(|f| f.required);
        let value = table.table.get(key);
        if value.is_none() && required {
            let message = if table.path.is_empty() {
                Message::new("input-missing-in-file")
            } else {
                Message::new("input-missing").arg("table", format!("[{}]", table.path))
            };
            self.problem_says(table.span.start, &table.key_path(key), message);
        }
        value
    }

    /// `want` is a `toml-type` id: `table`, `string`, `boolean`, `string-array`,
    /// `integer` or `number`.
    fn wrong_type(&mut self, table: &Table, key: &str, value: &Spanned<DeValue>, want: &str) {
        let found = type_id(value.get_ref());
        let message = Message::new("input-expected")
            .arg_message("want", toml_type(want))
            .arg_message("found", toml_type(found));
        self.problem_says(value.span().start, &table.key_path(key), message);
    }

    /// A file's root table, described by `spec`; every key it may not hold is reported.
    pub fn root<'a, 'i>(
        &mut self,
        table: &'a Spanned<DeTable<'i>>,
        spec: &'static Field,
    ) -> Table<'a, 'i> {
        let root = Table {
            path: String::new(),
            table: table.get_ref(),
            span: table.span(),
            spec,
        };
        self.reject_unknown(&root);
        root
    }

    /// A sub-table (`[subscribe]` or an inline `{ mean = ... }`), holding the keys its
    /// field lists; every key it may not hold is reported.
    pub fn table<'a, 'i>(&mut self, parent: &Table<'a, 'i>, key: &str) -> Option<Table<'a, 'i>> {
        // `value` reports a required table that is missing (and a key the field table
        // does not list, in tests); the field is the table's own `'static` entry.
        let value = self.value(parent, key)?;
        let spec = parent.spec.field(key)?;
        match value.get_ref() {
            DeValue::Table(table) => {
                let table = Table {
                    path: parent.key_path(key),
                    table,
                    span: value.span(),
                    spec,
                };
                self.reject_unknown(&table);
                Some(table)
            }
            _ => {
                self.wrong_type(parent, key, value, "table");
                None
            }
        }
    }

    /// A string with something besides blanks in it.
    pub fn string(&mut self, table: &Table, key: &str) -> Option<String> {
        let value = self.value(table, key)?;
        match value.get_ref() {
            DeValue::String(s) if s.trim().is_empty() => {
                let message = Message::new("input-empty");
                self.problem_says(value.span().start, &table.key_path(key), message);
                None
            }
            DeValue::String(s) => Some(s.to_string()),
            _ => {
                self.wrong_type(table, key, value, "string");
                None
            }
        }
    }

    /// One of the names the key's field lists, as the value of `all` that bears it.
    pub fn choice<T: Named>(&mut self, table: &Table, key: &str, all: &[T]) -> Option<T> {
        // Through `value`, so a required choice that is missing is reported, not dropped.
        let offset = self.value(table, key)?.span().start;
        let text = self.string(table, key)?;
        if let Some(value) = all.iter().find(|v| v.name() == text) {
            return Some(*value);
        }
        let message = Message::new("input-not-one-of")
            .arg("text", text)
            .arg("choices", quoted_names(table.spec(key)));
        self.problem_says(offset, &table.key_path(key), message);
        None
    }

    pub fn boolean(&mut self, table: &Table, key: &str) -> Option<bool> {
        let value = self.value(table, key)?;
        match value.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            _ => {
                self.wrong_type(table, key, value, "boolean-value");
                None
            }
        }
    }

    /// An array of strings, each with where it starts in the file, so that a problem
    /// with one of them can point at it.
    pub fn string_list(&mut self, table: &Table, key: &str) -> Option<Vec<(String, usize)>> {
        let value = self.value(table, key)?;
        let DeValue::Array(items) = value.get_ref() else {
            self.wrong_type(table, key, value, "string-array");
            return None;
        };
        let mut strings = Vec::with_capacity(items.len());
        for item in items.iter() {
            match item.get_ref() {
                DeValue::String(s) => strings.push((s.to_string(), item.span().start)),
                other => {
                    let message = Message::new("input-expected")
                        .arg_message("want", toml_type("string"))
                        .arg_message("found", toml_type(type_id(other)));
                    self.problem_says(item.span().start, &table.key_path(key), message);
                }
            }
        }
        (strings.len() == items.len()).then_some(strings)
    }

    /// A table of string values under any keys (`{ name = "orders" }`), in file order.
    pub fn string_table(&mut self, table: &Table, key: &str) -> Option<Vec<(String, String)>> {
        let value = self.value(table, key)?;
        let DeValue::Table(items) = value.get_ref() else {
            self.wrong_type(table, key, value, "string-table");
            return None;
        };
        let mut pairs = Vec::with_capacity(items.len());
        let mut bad = false;
        for (name, item) in items.iter() {
            match item.get_ref() {
                DeValue::String(s) => pairs.push((name.get_ref().to_string(), s.to_string())),
                other => {
                    bad = true;
                    let path = format!("{}.{}", table.key_path(key), name.get_ref());
                    let message = Message::new("input-expected")
                        .arg_message("want", toml_type("string"))
                        .arg_message("found", toml_type(type_id(other)));
                    self.problem_says(item.span().start, &path, message);
                }
            }
        }
        (!bad).then_some(pairs)
    }

    /// An array of names, each one of those the key's field lists (`["online", "batch"]`).
    pub fn choice_list<T: Named>(&mut self, table: &Table, key: &str, all: &[T]) -> Option<Vec<T>> {
        let value = self.value(table, key)?;
        let DeValue::Array(items) = value.get_ref() else {
            self.wrong_type(table, key, value, "string-array");
            return None;
        };
        let mut picked = Vec::with_capacity(items.len());
        for item in items.iter() {
            let at = item.span().start;
            let found = match item.get_ref() {
                DeValue::String(s) => all.iter().find(|v| v.name() == s.as_ref()),
                _ => None,
            };
            match (found, item.get_ref()) {
                (Some(choice), _) => picked.push(*choice),
                (None, DeValue::String(s)) => {
                    let message = Message::new("input-not-one-of")
                        .arg("text", s.to_string())
                        .arg("choices", quoted_names(table.spec(key)));
                    self.problem_says(at, &table.key_path(key), message);
                }
                (None, other) => {
                    let message = Message::new("input-expected")
                        .arg_message("want", toml_type("string"))
                        .arg_message("found", toml_type(type_id(other)));
                    self.problem_says(at, &table.key_path(key), message);
                }
            }
        }
        (picked.len() == items.len()).then_some(picked)
    }

    /// A whole number within its field's range; sizes are plain byte counts. A float
    /// without a fraction (`3.6e6`, `500.0`) counts, as JSON Schema's "integer" counts
    /// it, so that the schema editors check against and this reader agree.
    pub fn integer(&mut self, table: &Table, key: &str) -> Option<u64> {
        let Some(Kind::Integer { min, max }) = table.spec(key).map(|f| f.kind) else {
            return None;
        };
        let value = self.value(table, key)?;
        let at = value.span().start;
        let number = match value.get_ref() {
            DeValue::Integer(_) => integer_value(value.get_ref()),
            DeValue::Float(f) => match whole_float(f.as_str()) {
                Some(n) => n,
                None => {
                    let message = Message::new("input-not-whole").arg("found", f.as_str());
                    self.problem_says(at, &table.key_path(key), message);
                    return None;
                }
            },
            DeValue::String(s) if key.ends_with("_bytes") || key.ends_with("_sec") => {
                let message = Message::new("input-bytes-string").arg("found", s.to_string());
                self.problem_says(at, &table.key_path(key), message);
                return None;
            }
            _ => {
                self.wrong_type(table, key, value, "integer");
                return None;
            }
        };
        match number {
            Some(n) if n >= i128::from(min) && n <= i128::from(max) => u64::try_from(n).ok(),
            Some(n) if n < 1 && min >= 1 => {
                let message = Message::new("input-not-positive").arg("found", n.to_string());
                self.problem_says(at, &table.key_path(key), message);
                None
            }
            _ => {
                let found = number.map_or_else(|| "none".to_string(), |n| n.to_string());
                let message = Message::new("input-out-of-range")
                    .arg("low", min.to_string())
                    .arg("high", max.to_string())
                    .arg("found", found);
                self.problem_says(at, &table.key_path(key), message);
                None
            }
        }
    }

    /// A finite number (integer or float) within its field's range.
    pub fn number(&mut self, table: &Table, key: &str) -> Option<f64> {
        self.number_worded(table, key, None)
    }

    /// Like [`Fields::number`], with `out_of_range` saying what a number outside the
    /// range is in the key's own terms (`one second to a year`).
    pub fn number_worded(
        &mut self,
        table: &Table,
        key: &str,
        out_of_range: Option<fn(f64) -> Message>,
    ) -> Option<f64> {
        let Some(Kind::Number { min, max, positive }) = table.spec(key).map(|f| f.kind) else {
            return None;
        };
        let value = self.value(table, key)?;
        let at = value.span().start;
        let number = match value.get_ref() {
            DeValue::Integer(_) | DeValue::Float(_) => number_value(value.get_ref()),
            _ => {
                self.wrong_type(table, key, value, "number");
                return None;
            }
        };
        let number = number.filter(|n| n.is_finite());
        let Some(number) = number else {
            let raw = match value.get_ref() {
                DeValue::Float(f) => f.as_str().to_string(),
                DeValue::Integer(i) => i.as_str().to_string(),
                _ => String::new(),
            };
            let message = Message::new("input-not-finite").arg("found", raw);
            self.problem_says(at, &table.key_path(key), message);
            return None;
        };
        let refusal = if positive && number <= 0.0 {
            Some(Message::new("input-not-positive").arg("found", shown(number)))
        } else if number < min || number > max {
            Some(match out_of_range {
                Some(worded) => worded(number),
                None => Message::new("input-out-of-range")
                    .arg("low", shown(min))
                    .arg("high", shown(max))
                    .arg("found", shown(number)),
            })
        } else {
            None
        };
        match refusal {
            None => Some(number),
            Some(message) => {
                self.problem_says(at, &table.key_path(key), message);
                None
            }
        }
    }

    /// Reports every key of `table` that it may not hold, with the nearest known key.
    fn reject_unknown(&mut self, table: &Table) {
        let known = table.known();
        for (key, _) in table.table.iter() {
            let name: &str = key.get_ref();
            if known.contains(&name) {
                continue;
            }
            let message = match nearest(name, &known) {
                Some(k) => Message::new("input-unknown-key-typo")
                    .arg("name", name.to_string())
                    .arg("nearest", k),
                None => {
                    let known: Vec<String> = known.iter().map(|k| format!("`{k}`")).collect();
                    Message::new("input-unknown-key")
                        .arg("name", name.to_string())
                        .arg("known", known.join(", "))
                }
            };
            self.problem_says(key.span().start, &table.key_path(name), message);
        }
    }
}

/// A TOML integer's value, in any radix and with `_` separators.
pub fn integer_value(value: &DeValue<'_>) -> Option<i128> {
    match value {
        DeValue::Integer(i) => i128::from_str_radix(i.as_str(), i.radix()).ok(),
        _ => None,
    }
}

/// A TOML integer's or float's value; `None` for any other type.
pub fn number_value(value: &DeValue<'_>) -> Option<f64> {
    match value {
        DeValue::Integer(_) => integer_value(value).map(|n| n as f64),
        DeValue::Float(f) => f.as_str().replace('_', "").parse().ok(),
        _ => None,
    }
}

/// A choice field's names, quoted and listed: `"online", "batch"`.
fn quoted_names(field: Option<Field>) -> String {
    let names = match field.map(|f| f.kind) {
        Some(Kind::Choice(names) | Kind::ChoiceList(names)) => names,
        _ => &[],
    };
    let quoted: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
    quoted.join(", ")
}

/// The known key closest to a misspelt one, if it is close enough to be a typo.
fn nearest<'k>(name: &str, known: &[&'k str]) -> Option<&'k str> {
    known
        .iter()
        .map(|k| (strsim::jaro_winkler(name, k), *k))
        .filter(|(score, _)| *score > 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

/// A number as the user would write it: plain where that is short, `5e-324` otherwise.
pub fn shown(n: f64) -> String {
    let plain = n.to_string();
    if plain.len() <= 20 {
        plain
    } else {
        format!("{n:e}")
    }
}

/// The value of a TOML float with no fraction: `Some(None)` when it is too large for any
/// range (reported as out of range), `None` when it has a fraction or is not finite.
fn whole_float(text: &str) -> Option<Option<i128>> {
    let value: f64 = text.replace('_', "").parse().ok()?;
    if !value.is_finite() || value.fract() != 0.0 {
        return None;
    }
    // Far beyond every range; the cast would saturate.
    Some((value.abs() < 1e30).then_some(value as i128))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_problems_stay_short() {
        assert_eq!(shown(30.0), "30");
        assert_eq!(shown(0.000001), "0.000001");
        assert_eq!(shown(5e-324), "5e-324");
        assert_eq!(shown(1e308), "1e308");
    }

    #[test]
    fn nearest_suggests_a_close_key_only() {
        let known = &["target_minutes", "latency_file", "concurrency"];
        assert_eq!(nearest("target_minute", known), Some("target_minutes"));
        assert_eq!(nearest("colour", known), None);
    }
}
