//! Progress bars on standard error for long reads and runs, shown only when standard
//! error is a terminal: a pipe, a file or CI gets nothing but the result and its errors.

use std::io::{IsTerminal, Read};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Reads smaller than this finish before a bar would be worth drawing.
const MIN_BYTES: u64 = 64 << 20;

/// A progress bar, or nothing when it would not be seen.
pub struct Progress(ProgressBar);

impl Progress {
    /// A bar over `total` bytes of a file, for files large enough to take a while.
    pub fn bytes(message: &'static str, total: u64) -> Progress {
        if total < MIN_BYTES {
            return Progress(ProgressBar::hidden());
        }
        Progress::shown(
            total,
            message,
            "{msg} [{bar:30}] {binary_bytes}/{binary_total_bytes} ({eta})",
        )
    }

    /// A bar over `total` steps (runs of a simulation, say).
    pub fn steps(message: &'static str, total: u64) -> Progress {
        Progress::shown(total, message, "{msg} [{bar:30}] {pos}/{len} ({eta})")
    }

    fn shown(total: u64, message: &'static str, template: &str) -> Progress {
        if !std::io::stderr().is_terminal() {
            return Progress(ProgressBar::hidden());
        }
        let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
        if let Ok(style) = ProgressStyle::with_template(template) {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message(message);
        bar.enable_steady_tick(Duration::from_millis(200));
        Progress(bar)
    }

    /// `reader`, advancing the bar by the bytes read through it.
    pub fn wrap_read<R: Read + Send>(&self, reader: R) -> impl Read + Send {
        self.0.wrap_read(reader)
    }

    pub fn advance(&self, steps: u64) {
        self.0.inc(steps);
    }

    /// Removes the bar, leaving the terminal as it was.
    pub fn finish(&self) {
        self.0.finish_and_clear();
    }
}
