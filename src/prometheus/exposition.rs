//! The Prometheus text exposition format (0.0.4) and OpenMetrics 1.0, as an application's
//! metrics endpoint serves them: one sample a line, `name{label="value",...} value
//! [timestamp]`, with `# TYPE`, `# UNIT`, `# HELP` and other comments, an OpenMetrics
//! exemplar (` # {trace_id="..."} 0.004`) after the value, `# EOF` at the end, and CRLF
//! line endings from some exporters. A line that neither format allows is refused with
//! its number, as a Prometheus scrape would refuse it.
//!
//! No crate parses both formats with line numbers, so this is a small hand-written
//! reader; it keeps only the samples a caller asks for.

use std::collections::HashMap;

/// One sample line.
#[derive(Debug, Clone, PartialEq)]
pub struct Sample {
    pub name: String,
    /// In the order written.
    pub labels: Vec<(String, String)>,
    pub value: f64,
    /// 1-based.
    pub line: usize,
}

impl Sample {
    pub fn label(&self, name: &str) -> Option<&str> {
        self.labels
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// What a `# TYPE` or `# UNIT` line says about a metric family, and where.
#[derive(Debug, Clone, PartialEq)]
pub struct Metadata {
    pub value: String,
    pub line: usize,
}

/// The samples kept and the families' metadata.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Exposition {
    pub samples: Vec<Sample>,
    pub types: HashMap<String, Metadata>,
    pub units: HashMap<String, Metadata>,
}

/// A line that is not in the format.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    pub line: usize,
    pub message: String,
}

/// Parses `text`, keeping the samples whose name `keep` accepts; every line is checked.
pub fn parse(text: &str, keep: impl Fn(&str) -> bool) -> Result<Exposition, SyntaxError> {
    let mut exposition = Exposition::default();
    for (index, raw) in text.split('\n').enumerate() {
        let line = index + 1;
        let content = raw.strip_suffix('\r').unwrap_or(raw);
        let error = |message: String| SyntaxError { line, message };
        if content.trim().is_empty() {
            continue;
        }
        if let Some(comment) = content.strip_prefix('#') {
            match metadata(comment) {
                Some(("EOF", _, _)) => break,
                Some(("TYPE", name, value)) => {
                    let entry = Metadata { value, line };
                    exposition.types.insert(name.to_string(), entry);
                }
                Some(("UNIT", name, value)) => {
                    let entry = Metadata { value, line };
                    exposition.units.insert(name.to_string(), entry);
                }
                _ => {}
            }
            continue;
        }
        let sample = sample_line(content, line).map_err(error)?;
        if keep(&sample.name) {
            exposition.samples.push(sample);
        }
    }
    Ok(exposition)
}

/// `# TYPE name value`, `# UNIT name value`, `# HELP name text`, `# EOF`: the keyword,
/// the metric name and the rest; `None` for any other comment.
fn metadata(comment: &str) -> Option<(&str, &str, String)> {
    let mut words = comment.split_whitespace();
    let keyword = words.next()?;
    if keyword == "EOF" {
        return Some(("EOF", "", String::new()));
    }
    if !matches!(keyword, "TYPE" | "UNIT" | "HELP") {
        return None;
    }
    let name = words.next()?;
    let value = words.next().unwrap_or("").to_string();
    Some((keyword, name, value))
}

/// The characters of a metric or label name after the first.
fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == ':'
}

/// A cursor over one line.
struct Line<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Line<'a> {
    fn rest(&self) -> &'a str {
        &self.text[self.at..]
    }

    fn skip_blanks(&mut self) {
        let rest = self.rest();
        self.at += rest.len() - rest.trim_start_matches([' ', '\t']).len();
    }

    fn eat(&mut self, c: char) -> bool {
        if self.rest().starts_with(c) {
            self.at += c.len_utf8();
            true
        } else {
            false
        }
    }

    /// A metric or label name; empty when none starts here.
    fn name(&mut self) -> &'a str {
        let rest = self.rest();
        let first_ok = rest
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == ':');
        if !first_ok {
            return "";
        }
        let end = rest.find(|c| !is_name_char(c)).unwrap_or(rest.len());
        self.at += end;
        &rest[..end]
    }

    /// A double-quoted string with `\\`, `\"` and `\n` escapes.
    fn quoted(&mut self) -> Result<String, String> {
        if !self.eat('"') {
            return Err(format!("expected a quoted value at {:?}", self.shown()));
        }
        let mut out = String::new();
        let mut chars = self.rest().char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '"' => {
                    self.at += i + 1;
                    return Ok(out);
                }
                '\\' => match chars.next() {
                    Some((_, '\\')) => out.push('\\'),
                    Some((_, '"')) => out.push('"'),
                    Some((_, 'n')) => out.push('\n'),
                    Some((_, other)) => {
                        return Err(format!("unknown escape \\{other} in a label value"));
                    }
                    None => break,
                },
                other => out.push(other),
            }
        }
        Err("a quoted value is not closed".to_string())
    }

    /// A word up to the next blank.
    fn word(&mut self) -> &'a str {
        let rest = self.rest();
        let end = rest.find([' ', '\t']).unwrap_or(rest.len());
        self.at += end;
        &rest[..end]
    }

    /// The rest of the line, shortened for a message.
    fn shown(&self) -> String {
        self.rest().chars().take(30).collect()
    }
}

/// Label names and values in the order written.
type Labels = Vec<(String, String)>;

/// `{name="value",...}` (the `{` already eaten); a first item without `=` is a quoted
/// metric name, as OpenMetrics 2 and Prometheus 3 write names outside the old alphabet.
fn labels(line: &mut Line) -> Result<(Option<String>, Labels), String> {
    let mut labels = Vec::new();
    let mut quoted_name = None;
    loop {
        line.skip_blanks();
        if line.eat('}') {
            return Ok((quoted_name, labels));
        }
        let name = if line.rest().starts_with('"') {
            line.quoted()?
        } else {
            line.name().to_string()
        };
        if name.is_empty() {
            return Err(format!("expected a label name at {:?}", line.shown()));
        }
        line.skip_blanks();
        if line.eat('=') {
            line.skip_blanks();
            let value = line.quoted()?;
            if labels.iter().any(|(n, _)| *n == name) {
                return Err(format!("label {name} is given twice"));
            }
            labels.push((name, value));
        } else if labels.is_empty() && quoted_name.is_none() {
            quoted_name = Some(name);
        } else {
            return Err(format!("expected = after label {name}"));
        }
        line.skip_blanks();
        if !line.eat(',') && !line.rest().starts_with('}') {
            return Err(format!("expected , or }} at {:?}", line.shown()));
        }
    }
}

/// A sample value or timestamp: a decimal number, `+Inf`, `-Inf` or `NaN`.
pub fn number(text: &str) -> Option<f64> {
    // Rust's parser takes "inf", "infinity" and "nan" in any case, as Go's does; it
    // must not see a second sign or a word such as "e5".
    let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
    let first = unsigned.chars().next()?;
    if !(first.is_ascii_digit() || matches!(first, '.' | 'I' | 'i' | 'N' | 'n')) {
        return None;
    }
    text.parse().ok()
}

fn sample_line(text: &str, line_number: usize) -> Result<Sample, String> {
    let mut line = Line { text, at: 0 };
    line.skip_blanks();
    let mut name = line.name().to_string();
    let mut labels_found = Vec::new();
    if line.eat('{') {
        let (quoted, labels) = labels(&mut line)?;
        labels_found = labels;
        match (quoted, name.is_empty()) {
            (Some(quoted), true) => name = quoted,
            (Some(_), false) => return Err("a metric name is given twice".to_string()),
            (None, _) => {}
        }
    }
    if name.is_empty() {
        return Err(format!("expected a metric name at {:?}", line.shown()));
    }
    let before = line.at;
    line.skip_blanks();
    if line.at == before {
        return Err(format!("expected a blank and a value after {name}"));
    }
    let word = line.word();
    let value = number(word).ok_or_else(|| format!("{word:?} is not a number"))?;
    line.skip_blanks();
    if !line.rest().is_empty() && !line.rest().starts_with('#') {
        let stamp = line.word();
        number(stamp).ok_or_else(|| format!("{stamp:?} is not a timestamp"))?;
        line.skip_blanks();
    }
    if line.eat('#') {
        exemplar(&mut line)?;
    }
    if !line.rest().trim().is_empty() {
        return Err(format!("unexpected {:?} after the value", line.shown()));
    }
    Ok(Sample {
        name,
        labels: labels_found,
        value,
        line: line_number,
    })
}

/// An OpenMetrics exemplar after `#`: `{labels} value [timestamp]`, checked and dropped.
fn exemplar(line: &mut Line) -> Result<(), String> {
    line.skip_blanks();
    if !line.eat('{') {
        return Err("expected an exemplar's {labels} after #".to_string());
    }
    labels(line)?;
    line.skip_blanks();
    let value = line.word();
    number(value).ok_or_else(|| format!("exemplar value {value:?} is not a number"))?;
    line.skip_blanks();
    if !line.rest().is_empty() {
        let stamp = line.word();
        number(stamp).ok_or_else(|| format!("{stamp:?} is not a timestamp"))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str) -> Result<Exposition, SyntaxError> {
        parse(text, |_| true)
    }

    #[test]
    fn reads_names_labels_values_and_metadata() {
        let text = "# HELP x_seconds Time taken.\r\n# TYPE x_seconds histogram\r\n\
                    x_seconds_bucket{le=\"0.5\",name=\"a \\\"b\\\" \\\\ c\\nd\",} 3 1700000000000\r\n\
                    x_seconds_bucket{le=\"+Inf\"} +Inf\r\nx_seconds_sum NaN\r\n";
        let e = all(text).expect("valid");
        assert_eq!(e.types["x_seconds"].value, "histogram");
        assert_eq!(e.types["x_seconds"].line, 2);
        assert_eq!(e.samples.len(), 3);
        let first = &e.samples[0];
        assert_eq!(first.label("le"), Some("0.5"));
        assert_eq!(first.label("name"), Some("a \"b\" \\ c\nd"));
        assert_eq!((first.value, first.line), (3.0, 3));
        assert_eq!(e.samples[1].value, f64::INFINITY);
        assert!(e.samples[2].value.is_nan());
    }

    #[test]
    fn reads_openmetrics_exemplars_units_and_eof() {
        let text = "# TYPE x_seconds histogram\n# UNIT x_seconds seconds\n\
                    x_seconds_bucket{le=\"1.0\"} 7 # {trace_id=\"KOO5S4vxi0o\"} 0.67 1.6e9\n\
                    x_seconds_count 7 1.6e9\n# EOF\nanything after\n";
        let e = all(text).expect("valid");
        assert_eq!(e.units["x_seconds"].value, "seconds");
        assert_eq!(e.samples.len(), 2);
        assert_eq!(e.samples[0].value, 7.0);
    }

    #[test]
    fn reads_quoted_metric_names() {
        let e = all("{\"my.latency_seconds_count\", job=\"a\"} 4\n").expect("valid");
        assert_eq!(e.samples[0].name, "my.latency_seconds_count");
        assert_eq!(e.samples[0].label("job"), Some("a"));
    }

    #[test]
    fn refuses_what_neither_format_allows_with_its_line() {
        for (text, line) in [
            ("ok 1\nbad{le=\"1\" 2\n", 2),
            ("x 1 2 3\n", 1),
            ("x{a=\"1\",a=\"2\"} 1\n", 1),
            ("x{a=\"\\q\"} 1\n", 1),
            ("x abc\n", 1),
            ("9x 1\n", 1),
            ("x{a=\"1\"}1\n", 1),
            ("x 1 # trace\n", 1),
            ("x ++1\n", 1),
        ] {
            let error = all(text).expect_err(text);
            assert_eq!(error.line, line, "{text}: {}", error.message);
        }
    }

    #[test]
    fn keeps_only_the_samples_asked_for() {
        let e = parse("a 1\nb 2\n", |n| n == "b").expect("valid");
        assert_eq!(e.samples.len(), 1);
        assert_eq!(e.samples[0].name, "b");
    }
}
