//! Output formats of `kplan keys`. Pure: a spread in, text out.

mod json;
mod table;

use std::path::Path;

use crate::model::spread::Spread;

/// The formats `kplan keys --format` accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeysFormat {
    Table,
    Json,
}

/// Renders how the key file `file` spreads; the same spread always gives the same bytes.
pub fn render_keys(spread: &Spread, file: &Path, format: KeysFormat) -> String {
    match format {
        KeysFormat::Table => table::render(spread, file),
        KeysFormat::Json => json::render(spread, file),
    }
}
