//! Output formats of `kplan validate`. Like the plan's, each renderer is pure (a
//! validation in, text out); the table, Markdown and Jira ones draw the sections that
//! `report` builds, with the plan renderers' section drawing, so both commands look alike.

mod jira;
mod json;
mod markdown;
pub mod report;
mod table;

use crate::validate::Validation;

/// The formats `kplan validate --format` accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValidateFormat {
    Table,
    Json,
    Markdown,
    Jira,
}

/// Renders a validation; the same validation always gives the same bytes.
pub fn render_validation(validation: &Validation, format: ValidateFormat) -> String {
    match format {
        ValidateFormat::Table => table::render(validation),
        ValidateFormat::Json => json::render(validation),
        ValidateFormat::Markdown => markdown::render(validation),
        ValidateFormat::Jira => jira::render(validation),
    }
}
