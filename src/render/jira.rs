//! Jira wiki markup: `||header||` rows, `|cell|` rows, `{code}` blocks holding the
//! properties files, and warnings marked so they stand out in a ticket.

use super::report::{Section, document, headline, ticket_sections};
use crate::clients::ClientConfig;
use crate::i18n::Lang;
use crate::model::Plan;

pub fn render(lang: Lang, plan: &Plan, config: &ClientConfig) -> String {
    let warnings = lang.text("section-warnings");
    document(
        &format!("h2. {}", escape(&headline(lang, plan))),
        &ticket_sections(lang, plan, config),
        |section| render_section(section, &warnings),
    )
}

/// Draws a section; the list titled `warnings` gets its items marked.
pub(super) fn render_section(section: &Section, warnings: &str) -> String {
    match section {
        Section::Table {
            title,
            header,
            rows,
        } => {
            let header: Vec<String> = header.iter().map(|c| escape(c)).collect();
            let mut out = format!("h3. {}\n||{}||\n", escape(title), header.join("||"));
            for row in rows {
                let cells: Vec<String> = row.iter().map(|c| cell(c)).collect();
                out.push_str(&format!("|{}|\n", cells.join("|")));
            }
            out
        }
        Section::List { title, items } => {
            // (!) renders as a warning icon, visible in any Jira.
            let mark = if title == warnings { "(!) " } else { "" };
            let body: String = items
                .iter()
                .map(|i| format!("* {mark}{}\n", escape(i)))
                .collect();
            format!("h3. {}\n{body}", escape(title))
        }
        Section::Properties { title, lines } | Section::Code { title, lines, .. } => {
            format!("{{code:title={title}}}\n{}\n{{code}}\n", lines.join("\n"))
        }
    }
}

/// A table cell: Jira collapses an empty cell, so it gets a space.
fn cell(text: &str) -> String {
    if text.is_empty() {
        " ".to_string()
    } else {
        escape(text)
    }
}

/// Escapes the characters Jira reads as markup (`|` splits cells, `{` opens a macro,
/// `^` `~` `*` `+` `-` `_` format text, `[` links, `!` images).
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '|'
                | '{'
                | '}'
                | '['
                | ']'
                | '*'
                | '^'
                | '~'
                | '+'
                | '-'
                | '_'
                | '!'
                | '?'
                | '#'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_are_escaped() {
        assert_eq!(escape("a|b {x} E[S^2]"), "a\\|b \\{x\\} E\\[S\\^2\\]");
    }
}
