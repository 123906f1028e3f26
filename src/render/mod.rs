//! Output formats of `kplan plan`. Each renderer is pure: a plan in, text out; one
//! place (the command) decides where the text goes.

pub mod chart;
pub mod github;
mod group;
mod jira;
pub(crate) mod json;
pub mod keys;
mod markdown;
pub mod observe;
pub mod observe_topic;
mod properties;
pub mod report;
pub mod simulate;
mod table;
pub mod validate;
pub mod yaml;

use crate::clients::{Client, client_config};
use crate::i18n::Lang;
use crate::model::Plan;

pub(crate) use markdown::escape as escape_markdown;

/// Pretty JSON with a final newline. Every document kplan writes is plain data (numbers,
/// strings, lists, maps with string keys), which always serialises.
pub(crate) fn json_document(document: &impl serde::Serialize) -> String {
    match serde_json::to_string_pretty(document) {
        Ok(json) => json + "\n",
        Err(e) => unreachable!("a plain-data document always serialises: {e}"),
    }
}

/// The formats `kplan plan --format` accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanFormat {
    Table,
    Json,
    Markdown,
    Jira,
    /// Only the client settings, as files ready to drop in.
    Properties,
}

/// Renders a plan with the Java client's settings; the same plan always gives the same
/// bytes.
pub fn render_plan(plan: &Plan, format: PlanFormat) -> String {
    render_plan_for(plan, format, Client::Java)
}

/// Renders a plan with the settings in `client`'s dialect, in English.
pub fn render_plan_for(plan: &Plan, format: PlanFormat, client: Client) -> String {
    render_plan_in(Lang::En, plan, format, client)
}

/// Renders a plan with the settings in `client`'s dialect and the words in `lang`.
pub fn render_plan_in(lang: Lang, plan: &Plan, format: PlanFormat, client: Client) -> String {
    let config = client_config(plan, client);
    match format {
        PlanFormat::Table => table::render(lang, plan, &config),
        PlanFormat::Json => json::render(lang, plan, &config),
        PlanFormat::Markdown => markdown::render(lang, plan, &config),
        PlanFormat::Jira => jira::render(lang, plan, &config),
        PlanFormat::Properties => properties::render(lang, plan, &config),
    }
}
