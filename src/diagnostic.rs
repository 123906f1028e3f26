//! Problems found in user input, each located by file, line and key, so a user can go
//! straight to the spot. Every reader collects all of a file's problems before failing.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::i18n::{Lang, Message};

/// One problem in one input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub file: PathBuf,
    /// 1-based line, when the problem has one.
    pub line: Option<usize>,
    /// Dotted key (`subscribe.target_minutes`), when the problem belongs to one.
    pub key: Option<String>,
    /// The problem in English.
    pub problem: String,
    /// The problem as a message, for the other languages; `None` for a problem that
    /// is English only (a TOML parser's or the operating system's own words).
    pub message: Option<Box<Message>>,
}

impl Diagnostic {
    pub fn new(file: &Path, problem: impl Into<String>) -> Self {
        Diagnostic {
            file: file.to_path_buf(),
            line: None,
            key: None,
            problem: problem.into(),
            message: None,
        }
    }

    /// A problem worded by `message` in every language.
    pub fn says(file: &Path, message: Message) -> Self {
        Diagnostic {
            message: Some(Box::new(message.clone())),
            ..Diagnostic::new(file, message.render(Lang::En))
        }
    }

    /// The problem alone, in `lang` when it has a message.
    pub fn problem_in(&self, lang: Lang) -> String {
        match (&self.message, lang) {
            (Some(message), lang) if lang != Lang::En => message.render(lang),
            _ => self.problem.clone(),
        }
    }

    /// `<file>:<line>: <key>: <problem>` with the problem in `lang`; the file and the
    /// key are never translated.
    pub fn in_lang(&self, lang: Lang) -> String {
        let mut out = self.file.display().to_string();
        if let Some(line) = self.line {
            out.push_str(&format!(":{line}"));
        }
        if let Some(key) = &self.key {
            out.push_str(&format!(": {key}"));
        }
        out.push_str(&format!(": {}", self.problem_in(lang)));
        out
    }

    pub fn at_line(mut self, line: usize) -> Self {
        self.line = Some(line);
        self
    }

    pub fn for_key(mut self, key: impl Into<String>) -> Self {
        self.key = Some(key.into());
        self
    }
}

/// `<file>:<line>: <key>: <problem>`, leaving out the parts that are unknown.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.in_lang(Lang::En))
    }
}

/// The 1-based line holding byte `offset` of `text`.
pub fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_file_line_and_key() {
        let d = Diagnostic::new(Path::new("a.toml"), "must be positive")
            .at_line(7)
            .for_key("publish.max_messages");
        assert_eq!(
            d.to_string(),
            "a.toml:7: publish.max_messages: must be positive"
        );
    }

    #[test]
    fn display_leaves_out_unknown_parts() {
        let d = Diagnostic::new(Path::new("a.toml"), "cannot read");
        assert_eq!(d.to_string(), "a.toml: cannot read");
    }

    #[test]
    fn line_of_counts_newlines_before_offset() {
        let text = "a = 1\r\nb = 2\nc = 3";
        assert_eq!(line_of(text, 0), 1);
        assert_eq!(line_of(text, 7), 2);
        assert_eq!(line_of(text, 13), 3);
        assert_eq!(line_of(text, 999), 3);
    }
}
