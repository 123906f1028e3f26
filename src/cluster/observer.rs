//! librdkafka's callbacks for kplan's clients: the latest warning and error are kept as
//! the reason for an unreachable cluster, and logs are printed only when the user asked
//! for them with `-X debug=...`. Everything kept or printed is scrubbed of secrets first.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use rdkafka::client::ClientContext;
use rdkafka::config::RDKafkaLogLevel;
use rdkafka::consumer::{BaseConsumer, ConsumerContext};
use rdkafka::error::{KafkaError, RDKafkaErrorCode};

use super::Target;
use super::secrets::Scrubber;
use crate::error::Failure;
use crate::human::count;

/// librdkafka's callbacks: keeps the latest error, the reason shown when the cluster
/// cannot be reached, and prints logs only when the user asked with `-X debug=...`.
#[derive(Clone)]
pub(super) struct Observer {
    shared: Arc<Shared>,
}

struct Shared {
    /// librdkafka's latest warning or error log line: the most specific reason
    /// ("Connect to ipv4#127.0.0.1:9092 failed: Connection refused").
    last_warning: Mutex<Option<String>>,
    /// The latest error event ("All broker connections are down").
    last_error: Mutex<Option<String>>,
    scrubber: Scrubber,
    show_logs: bool,
}

impl Observer {
    pub(super) fn new(target: &Target) -> Observer {
        Observer {
            shared: Arc::new(Shared {
                last_warning: Mutex::new(None),
                last_error: Mutex::new(None),
                scrubber: target.settings.scrubber(),
                show_logs: target.settings.get("debug").is_some(),
            }),
        }
    }

    pub(super) fn scrub(&self, text: &str) -> String {
        self.shared.scrubber.scrub(text)
    }

    pub(super) fn shows_logs(&self) -> bool {
        self.shared.show_logs
    }

    fn remember(slot: &Mutex<Option<String>>, problem: String) {
        if let Ok(mut last) = slot.lock() {
            *last = Some(problem);
        }
    }

    fn remember_error(&self, problem: String) {
        Self::remember(&self.shared.last_error, problem);
    }

    /// The most specific reason known: a warning log line, else an error event.
    fn last_problem(&self) -> Option<String> {
        let read = |slot: &Mutex<Option<String>>| slot.lock().ok().and_then(|e| e.clone());
        read(&self.shared.last_warning).or_else(|| read(&self.shared.last_error))
    }

    /// Exit 3, one line: what was being read, the bound, and librdkafka's last word.
    fn unreachable(&self, target: &Target, doing: &str, error: &KafkaError) -> Failure {
        let cause = self.last_problem().unwrap_or_else(|| reason(error, self));
        Failure::Unreachable(format!(
            "no answer from {} within {} ms while {doing}: {cause}",
            target.bootstrap_servers,
            count(target.timeout.as_millis() as u64)
        ))
    }
}

impl ClientContext for Observer {
    /// librdkafka calls this from its own threads as things happen (unlike the error
    /// callback, which waits for a poll this read-only client never makes), so its
    /// warnings are the freshest account of why a broker cannot be reached.
    fn log(&self, level: RDKafkaLogLevel, facility: &str, message: &str) {
        let message = self.scrub(message);
        if self.shared.show_logs {
            eprintln!("librdkafka {level:?} {facility}: {message}");
        }
        if (level as i32) <= (RDKafkaLogLevel::Warning as i32) {
            Self::remember(
                &self.shared.last_warning,
                without_thread(&message).to_string(),
            );
        }
    }

    fn error(&self, error: KafkaError, reason: &str) {
        let text = if reason.is_empty() {
            error.to_string()
        } else {
            reason.to_string()
        };
        self.remember_error(self.scrub(&text));
    }
}

/// A log line less librdkafka's `[thrd:NAME]: ` prefix.
fn without_thread(message: &str) -> &str {
    match message
        .strip_prefix("[thrd:")
        .and_then(|m| m.split_once("]: "))
    {
        Some((_, rest)) => rest,
        None => message,
    }
}

impl ConsumerContext for Observer {}

/// Hands queued log and error events to the observer (a poll without an assignment
/// fetches nothing).
pub(super) fn serve_events(consumer: &BaseConsumer<Observer>, observer: &Observer) {
    const MAX_EVENTS: usize = 64;
    for _ in 0..MAX_EVENTS {
        match consumer.poll(Duration::from_millis(5)) {
            None => break,
            Some(Err(e)) => observer.remember_error(observer.scrub(&e.to_string())),
            Some(Ok(_)) => {}
        }
    }
}

/// Exit 3, with librdkafka's own account of the failure: its log and error events wait
/// in the client's queue until a poll serves them, and this client polls only now.
pub(super) fn unreachable(
    consumer: &BaseConsumer<Observer>,
    observer: &Observer,
    target: &Target,
    doing: &str,
    error: &KafkaError,
) -> Failure {
    serve_events(consumer, observer);
    observer.unreachable(target, doing, error)
}

/// librdkafka's words for an error code ("Broker: Group authorization failed"), without
/// the name of the rdkafka call it came through.
pub(super) fn reason(error: &KafkaError, observer: &Observer) -> String {
    match error.rdkafka_error_code() {
        Some(code) => observer.scrub(&code.to_string()),
        None => observer.scrub(&error.to_string()),
    }
}

pub(super) fn timed_out(error: &KafkaError) -> bool {
    matches!(
        error.rdkafka_error_code(),
        Some(RDKafkaErrorCode::OperationTimedOut | RDKafkaErrorCode::RequestTimedOut)
    )
}
