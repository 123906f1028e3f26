//! `kplan validate` as Jira wiki markup, with the severity marked by Jira's icons so an
//! error stands out in a ticket.

use super::report::{headline, sections};
use crate::render::jira::{escape, render_section};
use crate::render::report::Section;
use crate::validate::Validation;

pub fn render(validation: &Validation) -> String {
    let mut out = format!("h2. {}\n", escape(&headline(validation)));
    for section in sections(validation) {
        out.push('\n');
        out.push_str(&render_section(&with_icons(section), "Warnings"));
    }
    out
}

/// `(x) error`, `(!) warning`, `(i) info` in the findings' severity column.
fn with_icons(section: Section) -> Section {
    match section {
        Section::Table {
            title,
            header,
            mut rows,
        } if header.get(1).is_some_and(|h| h == "Severity") => {
            for row in &mut rows {
                if let Some(cell) = row.get_mut(1) {
                    let icon = match cell.as_str() {
                        "error" => "(x)",
                        "warning" => "(!)",
                        _ => "(i)",
                    };
                    *cell = format!("{icon} {cell}");
                }
            }
            Section::Table {
                title,
                header,
                rows,
            }
        }
        other => other,
    }
}
