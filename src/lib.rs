//! kplan: Kafka capacity planning from topic request files.
//!
//! The request (`request`) is parsed and validated, the latency samples are summarised
//! (`stats`), the model (`model`) turns both into a plan with pure functions, and the
//! renderers (`render`) draw it. `load` and `commands` hold the I/O around that core.

pub mod alerts;
pub mod check;
pub mod cli;
pub mod client_values;
pub mod clients;
pub mod cluster;
pub mod commands;
pub mod diagnostic;
pub mod diff;
pub mod error;
pub mod exit;
pub mod export;
pub mod git;
pub mod human;
pub mod i18n;
pub mod init;
pub mod input;
pub mod keys;
pub mod limits;
pub mod load;
pub mod model;
pub mod profile;
pub mod progress;
pub mod prometheus;
pub mod render;
pub mod request;
pub mod schema;
pub mod simulate;
pub mod stats;
#[cfg(test)]
mod test_plans;
pub mod topic_rates;
pub mod validate;
pub mod words;

pub use commands::run;
