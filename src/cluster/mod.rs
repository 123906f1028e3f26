//! The live cluster, read-only: the one place kplan talks to Kafka.
//!
//! So far: the client settings it connects with, and keeping their secrets out of
//! everything kplan prints.

mod properties;
pub mod secrets;
pub mod settings;

pub use settings::ClientSettings;
