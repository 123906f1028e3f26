//! The words people read: every setting reason, warning, piece of guidance and client
//! note, made from the plan's data. Only the output layer calls these.

mod advice;
mod clients;
pub mod diff;
pub mod export;
mod reasons;

pub use advice::{guidance, infeasible, warning};
pub use clients::{client_note, client_reason};
pub use export::topic_reason;
pub use reasons::reason;
