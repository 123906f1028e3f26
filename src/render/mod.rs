//! Output formats of `kplan plan`. Each renderer is pure: a plan in, text out; one
//! place (the command) decides where the text goes.

mod jira;
mod json;
pub mod keys;
mod markdown;
pub mod report;
pub mod simulate;
mod table;
pub mod validate;

use crate::model::Plan;

/// The formats `kplan plan --format` accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanFormat {
    Table,
    Json,
    Markdown,
    Jira,
}

/// Renders a plan; the same plan always gives the same bytes.
pub fn render_plan(plan: &Plan, format: PlanFormat) -> String {
    match format {
        PlanFormat::Table => table::render(plan),
        PlanFormat::Json => json::render(plan),
        PlanFormat::Markdown => markdown::render(plan),
        PlanFormat::Jira => jira::render(plan),
    }
}
