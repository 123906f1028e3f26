//! Why a command could not produce its result, and which exit code that is.

use std::fmt;

use crate::diagnostic::Diagnostic;
use crate::exit::Exit;
use crate::i18n::Lang;

/// A failure that stops a command before it has a result to print.
#[derive(Debug)]
pub enum Failure {
    /// Problems in the user's files, all of them at once.
    Input(Vec<Diagnostic>),
    /// A command line that cannot work (a flag combination, a missing path).
    Usage(String),
    /// The cluster was unreachable or too slow; the text never holds a secret.
    Unreachable(String),
    /// Writing the result failed (a full disk, a folder that does not exist); the text
    /// names the destination. Exit 2, not 1: CI reads 1 as a verdict on the plan.
    Output(String),
}

impl Failure {
    pub fn exit(&self) -> Exit {
        match self {
            Failure::Input(_) | Failure::Usage(_) | Failure::Output(_) => Exit::BadInput,
            Failure::Unreachable(_) => Exit::Unreachable,
        }
    }
}

impl From<Diagnostic> for Failure {
    fn from(diagnostic: Diagnostic) -> Self {
        Failure::Input(vec![diagnostic])
    }
}

impl From<Vec<Diagnostic>> for Failure {
    fn from(diagnostics: Vec<Diagnostic>) -> Self {
        Failure::Input(diagnostics)
    }
}

impl Failure {
    /// One `error: ...` line per problem, in `lang`; file names, keys and flags stay as
    /// they are.
    pub fn in_lang(&self, lang: Lang) -> String {
        let line = |message: String| lang.format("error-line", &[("message", message)]);
        match self {
            Failure::Input(diagnostics) => diagnostics
                .iter()
                .map(|d| line(d.in_lang(lang)))
                .collect::<Vec<_>>()
                .join("\n"),
            Failure::Usage(message) | Failure::Unreachable(message) | Failure::Output(message) => {
                line(message.clone())
            }
        }
    }
}

/// One `error: ...` line per problem, in English.
impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.in_lang(Lang::En))
    }
}
