//! The words people read: every setting reason, warning, piece of guidance and client
//! note, made from the plan's data as a Fluent message (`crate::i18n`) in the reader's
//! language. Only the output layer calls these.

mod advice;
mod clients;
pub mod diff;
pub mod export;
mod reasons;
#[cfg(test)]
mod tests;

pub use advice::{
    guidance, guidance_message, infeasible, infeasible_message, warning, warning_message,
};
pub use clients::{
    client_note, client_note_message, client_reason, client_reason_message, client_title,
};
pub use export::topic_reason;
pub use reasons::{reason, reason_message};
