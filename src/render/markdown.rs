//! GitHub-flavoured Markdown: for pull requests, wikis and tickets.

use super::report::{Section, document, headline, ticket_sections};
use crate::clients::ClientConfig;
use crate::i18n::Lang;
use crate::model::Plan;

pub fn render(lang: Lang, plan: &Plan, config: &ClientConfig) -> String {
    document(
        &format!("## {}", escape(&headline(lang, plan))),
        &ticket_sections(lang, plan, config),
        render_section,
    )
}

pub(super) fn render_section(section: &Section) -> String {
    match section {
        Section::Table {
            title,
            header,
            rows,
        } => {
            let row = |cells: &[String]| {
                let cells: Vec<String> = cells.iter().map(|c| escape(c)).collect();
                format!("| {} |\n", cells.join(" | "))
            };
            let rule = format!("|{}\n", "---|".repeat(header.len()));
            let body: String = rows.iter().map(|r| row(r)).collect();
            format!("### {}\n\n{}{rule}{body}", escape(title), row(header))
        }
        Section::List { title, items } => {
            let body: String = items.iter().map(|i| format!("- {}\n", escape(i))).collect();
            format!("### {}\n\n{body}", escape(title))
        }
        Section::Properties { title, lines } => {
            format!("### {title}\n\n```properties\n{}\n```\n", lines.join("\n"))
        }
        Section::Code {
            title,
            language,
            lines,
        } => format!("### {title}\n\n```{language}\n{}\n```\n", lines.join("\n")),
    }
}

/// Escapes what Markdown would otherwise read as markup (a `|` would split a cell).
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '|' | '*' | '_' | '`' | '<' | '>' | '[' | ']') {
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
    fn pipes_and_emphasis_are_escaped() {
        assert_eq!(escape("a|b *c* d_e"), "a\\|b \\*c\\* d\\_e");
    }
}
