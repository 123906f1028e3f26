//! The exit codes scripts and CI rely on (PRODUCT.md). One enum, so every command maps
//! its outcome the same way.

use crate::model::Status;

/// How a kplan run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// The plan holds / every check passed.
    Holds = 0,
    /// The plan or check found a violation: over cap, infeasible, a failed rule.
    Violation = 1,
    /// Bad input or usage (the message names the file, line and key), or output that
    /// cannot be written (the message names the destination).
    BadInput = 2,
    /// The cluster could not be reached or did not answer in time.
    Unreachable = 3,
}

impl Exit {
    /// 0 when a plan holds, 1 when it is over the cap or infeasible.
    pub fn for_plan(status: Status) -> Exit {
        match status {
            Status::Ok => Exit::Holds,
            Status::OverCap | Status::Infeasible => Exit::Violation,
        }
    }
}

impl From<Exit> for std::process::ExitCode {
    fn from(exit: Exit) -> Self {
        std::process::ExitCode::from(exit as u8)
    }
}
