//! Plain-text tables for a terminal (comfy-table).

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{ColumnConstraint, ContentArrangement, Table, Width};

use super::report::{Section, document, headline, sections_for};
use crate::clients::ClientConfig;
use crate::i18n::Lang;
use crate::model::Plan;

/// Width used when not writing to a terminal, so output is the same everywhere.
const WIDTH: u16 = 120;

pub fn render(lang: Lang, plan: &Plan, config: &ClientConfig) -> String {
    document(
        &headline(lang, plan),
        &sections_for(lang, plan, config),
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
            // Built without comfy-table's terminal features: the width is fixed and
            // the same bytes come out on a terminal, in a pipe and in a file.
            let mut table = Table::new();
            table
                .load_style(UTF8_FULL_CONDENSED)
                .set_content_arrangement(ContentArrangement::Dynamic)
                .set_width(WIDTH)
                .set_header(header.clone())
                .add_rows(rows.clone());
            // Names and values stay narrow so the last column (a reason) keeps room.
            let last = header.len().saturating_sub(1);
            for (i, column) in table.column_iter_mut().enumerate() {
                if i < last {
                    column.set_constraint(ColumnConstraint::UpperBoundary(Width::Fixed(40)));
                }
            }
            format!("{title}\n{table}\n")
        }
        Section::List { title, items } => {
            let lines: Vec<String> = items.iter().map(|i| format!("- {i}\n")).collect();
            format!("{title}\n{}", lines.concat())
        }
        Section::Properties { title, lines } | Section::Code { title, lines, .. } => {
            format!("# {title}\n{}\n", lines.join("\n"))
        }
    }
}
