//! `kplan validate` as plain-text tables for a terminal.

use super::report::{headline, sections};
use crate::render::table::render_section;
use crate::validate::Validation;

pub fn render(validation: &Validation) -> String {
    let mut out = format!("{}\n", headline(validation));
    for section in sections(validation) {
        out.push('\n');
        out.push_str(&render_section(&section));
    }
    out
}
