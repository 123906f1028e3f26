//! One deadline for a whole command, shared by every call to the cluster.

use std::time::{Duration, Instant};

/// One deadline for the whole command.
pub(super) struct Deadline {
    end: Instant,
}

impl Deadline {
    pub(super) fn after(timeout: Duration) -> Deadline {
        Deadline {
            end: Instant::now() + timeout,
        }
    }

    pub(super) fn remaining(&self) -> Duration {
        self.end.saturating_duration_since(Instant::now())
    }

    /// What describe-configs may take: the time left less a tenth, kept for reporting
    /// "not checked" before the deadline when a broker never answers.
    pub(super) fn describe_budget(&self) -> Duration {
        let left = self.remaining();
        (left - left / 10).max(Duration::from_millis(1))
    }
}
