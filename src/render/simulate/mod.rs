//! Output formats of `kplan simulate`. Pure: a simulation in, text out.

mod json;
mod table;

use crate::simulate::report::Simulation;

/// The formats `kplan simulate --format` accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SimulateFormat {
    Table,
    Json,
}

/// Renders a simulation; the same simulation always gives the same bytes.
pub fn render_simulation(simulation: &Simulation, format: SimulateFormat) -> String {
    match format {
        SimulateFormat::Table => table::render(simulation),
        SimulateFormat::Json => json::render(simulation),
    }
}
