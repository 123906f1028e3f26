//! Typed reads from a parsed TOML table that keep going after a problem, so a file's
//! problems are reported together, each with its line and dotted key.

use std::ops::Range;
use std::path::Path;

use toml::de::{DeTable, DeValue};

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
            Diagnostic::new(path, format!("invalid TOML: {}", e.message())).at_line(line)
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

/// One table of the file, with the keys it may hold.
pub struct Table<'a, 'i> {
    /// Dotted path of the table (`subscribe`, `subscribe.latency_ms`); empty for the root.
    path: String,
    table: &'a DeTable<'i>,
    /// Where the table starts, for "missing key" problems.
    span: Range<usize>,
    known: &'static [&'static str],
}

impl<'a, 'i> Table<'a, 'i> {
    pub fn new(
        path: &str,
        table: &'a Spanned<DeTable<'i>>,
        known: &'static [&'static str],
    ) -> Self {
        Table {
            path: path.to_string(),
            table: table.get_ref(),
            span: table.span(),
            known,
        }
    }

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

    /// Records a problem at byte `offset` of the file.
    pub fn problem(&mut self, offset: usize, key: &str, problem: impl Into<String>) {
        let line = line_of(self.text, offset);
        self.problems.push(
            Diagnostic::new(self.file, problem)
                .at_line(line)
                .for_key(key),
        );
    }

    /// Records a problem worded by `message` in every language.
    pub fn problem_says(&mut self, offset: usize, key: &str, message: Message) {
        let line = line_of(self.text, offset);
        self.problems.push(
            Diagnostic::says(self.file, message)
                .at_line(line)
                .for_key(key),
        );
    }

    /// Records a problem at a key's value, or at its table when the key is absent.
    pub fn problem_at_key(&mut self, table: &Table, key: &str, problem: impl Into<String>) {
        let offset = table
            .table
            .get(key)
            .map_or(table.span.start, |v| v.span().start);
        self.problem(offset, &table.key_path(key), problem);
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
        required: bool,
    ) -> Option<&'a Spanned<DeValue<'i>>> {
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

    /// A sub-table (`[subscribe]` or an inline `{ mean = ... }`).
    pub fn table<'a, 'i>(
        &mut self,
        parent: &Table<'a, 'i>,
        key: &str,
        required: bool,
        known: &'static [&'static str],
    ) -> Option<Table<'a, 'i>> {
        let value = self.value(parent, key, required)?;
        match value.get_ref() {
            DeValue::Table(table) => Some(Table {
                path: parent.key_path(key),
                table,
                span: value.span(),
                known,
            }),
            _ => {
                self.wrong_type(parent, key, value, "table");
                None
            }
        }
    }

    pub fn string(&mut self, table: &Table, key: &str, required: bool) -> Option<String> {
        let value = self.value(table, key, required)?;
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

    /// One of a fixed set of strings.
    pub fn choice<T: Copy>(
        &mut self,
        table: &Table,
        key: &str,
        required: bool,
        choices: &[(&str, T)],
    ) -> Option<T> {
        // Through `value`, so a required choice that is missing is reported, not dropped.
        let offset = self.value(table, key, required)?.span().start;
        let text = self.string(table, key, required)?;
        if let Some((_, value)) = choices.iter().find(|(name, _)| *name == text) {
            return Some(*value);
        }
        let names: Vec<String> = choices.iter().map(|(n, _)| format!("\"{n}\"")).collect();
        let message = Message::new("input-not-one-of")
            .arg("text", text)
            .arg("choices", names.join(", "));
        self.problem_says(offset, &table.key_path(key), message);
        None
    }

    pub fn boolean(&mut self, table: &Table, key: &str, required: bool) -> Option<bool> {
        let value = self.value(table, key, required)?;
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
        let value = self.value(table, key, false)?;
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
        let value = self.value(table, key, false)?;
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

    /// An array of strings, each one of a fixed set (`["online", "batch"]`).
    pub fn choice_list<T: Copy>(
        &mut self,
        table: &Table,
        key: &str,
        required: bool,
        choices: &[(&str, T)],
    ) -> Option<Vec<T>> {
        let value = self.value(table, key, required)?;
        let DeValue::Array(items) = value.get_ref() else {
            self.wrong_type(table, key, value, "string-array");
            return None;
        };
        let names: Vec<String> = choices.iter().map(|(n, _)| format!("\"{n}\"")).collect();
        let mut picked = Vec::with_capacity(items.len());
        for item in items.iter() {
            let at = item.span().start;
            let found = match item.get_ref() {
                DeValue::String(s) => choices.iter().find(|(name, _)| *name == s.as_ref()),
                _ => None,
            };
            match (found, item.get_ref()) {
                (Some((_, choice)), _) => picked.push(*choice),
                (None, DeValue::String(s)) => {
                    let message = Message::new("input-not-one-of")
                        .arg("text", s.to_string())
                        .arg("choices", names.join(", "));
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

    /// A whole number within `range`; sizes are plain byte counts. A float without a
    /// fraction (`3.6e6`, `500.0`) counts, as JSON Schema's "integer" counts it, so that
    /// the schema editors check against and this reader agree.
    pub fn integer(
        &mut self,
        table: &Table,
        key: &str,
        required: bool,
        range: std::ops::RangeInclusive<u64>,
    ) -> Option<u64> {
        let value = self.value(table, key, required)?;
        let at = value.span().start;
        let number = match value.get_ref() {
            DeValue::Integer(i) => i128::from_str_radix(i.as_str(), i.radix()).ok(),
            DeValue::Float(f) => match whole_float(f.as_str()) {
                Some(n) => n,
                None => {
                    let problem = format!("expected a whole number, found {}", f.as_str());
                    self.problem(at, &table.key_path(key), problem);
                    return None;
                }
            },
            DeValue::String(s) if key.ends_with("_bytes") || key.ends_with("_sec") => {
                let problem =
                    format!("expected a number of bytes such as 1024, found the string \"{s}\"");
                self.problem(at, &table.key_path(key), problem);
                return None;
            }
            _ => {
                self.wrong_type(table, key, value, "integer");
                return None;
            }
        };
        let (lo, hi) = (*range.start(), *range.end());
        match number {
            Some(n) if n >= i128::from(lo) && n <= i128::from(hi) => u64::try_from(n).ok(),
            Some(n) if n < 1 && lo >= 1 => {
                let message = Message::new("input-not-positive").arg("found", n.to_string());
                self.problem_says(at, &table.key_path(key), message);
                None
            }
            _ => {
                let message = Message::new("input-out-of-range")
                    .arg("low", lo.to_string())
                    .arg("high", hi.to_string())
                    .arg(
                        "found",
                        number.map_or_else(|| "none".to_string(), |n| n.to_string()),
                    );
                self.problem_says(at, &table.key_path(key), message);
                None
            }
        }
    }

    /// A finite number (integer or float) that passes `check`, which explains a refusal.
    pub fn number(
        &mut self,
        table: &Table,
        key: &str,
        required: bool,
        check: impl Fn(f64) -> Result<(), String>,
    ) -> Option<f64> {
        let value = self.value(table, key, required)?;
        let at = value.span().start;
        let number = match value.get_ref() {
            DeValue::Integer(i) => i128::from_str_radix(i.as_str(), i.radix())
                .ok()
                .map(|n| n as f64),
            DeValue::Float(f) => f.as_str().replace('_', "").parse::<f64>().ok(),
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
            let problem = format!("must be a finite number, found {raw}");
            self.problem(at, &table.key_path(key), problem);
            return None;
        };
        match check(number) {
            Ok(()) => Some(number),
            Err(problem) => {
                self.problem(at, &table.key_path(key), problem);
                None
            }
        }
    }

    /// Reports every key of `table` that it may not hold, with the nearest known key.
    pub fn reject_unknown(&mut self, table: &Table) {
        for (key, _) in table.table.iter() {
            let name: &str = key.get_ref();
            if table.known.contains(&name) {
                continue;
            }
            let message = match nearest(name, table.known) {
                Some(k) => Message::new("input-unknown-key-typo")
                    .arg("name", name.to_string())
                    .arg("nearest", k),
                None => {
                    let known: Vec<String> = table.known.iter().map(|k| format!("`{k}`")).collect();
                    Message::new("input-unknown-key")
                        .arg("name", name.to_string())
                        .arg("known", known.join(", "))
                }
            };
            self.problem_says(key.span().start, &table.key_path(name), message);
        }
    }
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

/// `Ok` for a positive number; the refusal names what was found.
pub fn positive(n: f64) -> Result<(), String> {
    if n > 0.0 {
        Ok(())
    } else {
        Err(format!("must be positive, found {}", shown(n)))
    }
}

/// `Ok` within `lo..=hi`.
pub fn between(lo: f64, hi: f64) -> impl Fn(f64) -> Result<(), String> {
    move |n| {
        if n < lo || n > hi {
            Err(format!(
                "must be between {} and {}, found {}",
                shown(lo),
                shown(hi),
                shown(n)
            ))
        } else {
            Ok(())
        }
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
