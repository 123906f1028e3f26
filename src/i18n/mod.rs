//! The reader's language: English or Korean. Every sentence, heading and label people
//! read is a Fluent message (`locales/<lang>.ftl`, compiled into the binary) looked up
//! by id, with its numbers already formatted by `crate::human`. Only text changes with
//! the language: JSON names, property names and values and exit codes never do.

mod bundle;
mod choose;

pub use choose::{LANG_ENV, from_environment, parse_lang};

use std::fmt;

/// A language kplan writes in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    En,
    Ko,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ko];

    /// The ISO 639-1 code: `en`, `ko`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ko => "ko",
        }
    }

    /// The message `id` without arguments.
    pub fn text(self, id: &str) -> String {
        Message::new(id).render(self)
    }

    /// The message `id` with `args` (name, already formatted value).
    pub fn format(self, id: &str, args: &[(&'static str, String)]) -> String {
        args.iter()
            .fold(Message::new(id), |m, (name, value)| {
                m.arg(name, value.clone())
            })
            .render(self)
    }
}

/// One message to put into words: its id and its arguments, each already formatted as
/// people read it (`3,600,000`, `1.5 MiB`) or a message of its own, put into words in
/// the same language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub id: String,
    pub args: Vec<(&'static str, Arg)>,
}

/// An argument of a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    Text(String),
    Message(Message),
}

impl Message {
    pub fn new(id: impl Into<String>) -> Self {
        Message {
            id: id.into(),
            args: Vec::new(),
        }
    }

    /// Adds the argument `name`.
    pub fn arg(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.args.push((name, Arg::Text(value.into())));
        self
    }

    /// Adds the argument `name`: the message `id` whose argument `of` is `value` (a type
    /// name, a reason), worded in the language of the whole.
    pub fn arg_message(mut self, name: &'static str, value: Message) -> Self {
        self.args.push((name, Arg::Message(value)));
        self
    }

    /// The message in `lang`. A message missing from a language, or one that does not
    /// format (tests guard against both), falls back to English, then to its id: output
    /// for people never stops a run.
    pub fn render(&self, lang: Lang) -> String {
        bundle::format(lang, self)
            .or_else(|_| bundle::format(Lang::En, self))
            .unwrap_or_else(|_| self.id.clone())
    }

    /// The message in `lang`, or every problem Fluent found with it.
    pub fn try_render(&self, lang: Lang) -> Result<String, Vec<String>> {
        bundle::format(lang, self)
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The Fluent source of `lang`, as compiled in.
pub fn source(lang: Lang) -> &'static str {
    bundle::source(lang)
}

#[cfg(test)]
mod tests;
