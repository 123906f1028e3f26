//! `kplan validate` as GitHub-flavoured Markdown, for pull requests and wikis.

use super::report::{headline, sections};
use crate::render::markdown::{escape, render_section};
use crate::validate::Validation;

pub fn render(validation: &Validation) -> String {
    let mut out = format!("## {}\n", escape(&headline(validation)));
    for section in sections(validation) {
        out.push('\n');
        out.push_str(&render_section(&section));
    }
    out
}
