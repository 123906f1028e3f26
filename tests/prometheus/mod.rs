//! A real Prometheus server for the tests (Debian's `prometheus` package, which brings
//! `promtool`): its TSDB backfilled by `promtool tsdb create-blocks-from openmetrics`
//! from a file the test writes, served on a free 127.0.0.1 port, stopped when the guard
//! drops. Missing binaries are a failure, never a skip.

#![allow(dead_code)]

use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const INSTALL: &str = "apt-get install prometheus (.ci/test does)";

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .expect("the OS gives a free port on 127.0.0.1")
}

/// A running Prometheus; dropping it stops the process.
pub struct Prometheus {
    child: Child,
    pub url: String,
    _dir: tempfile::TempDir,
}

impl Prometheus {
    /// Backfills `openmetrics` (which ends in `# EOF`) and serves it.
    pub fn start_with(openmetrics: &str) -> Prometheus {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let input = dir.path().join("backfill.om");
        std::fs::write(&input, openmetrics).expect("backfill file written");
        let data = dir.path().join("data");
        let out = Command::new("promtool")
            .args(["tsdb", "create-blocks-from", "openmetrics"])
            .arg(&input)
            .arg(&data)
            .output()
            .unwrap_or_else(|e| panic!("promtool runs ({e}); {INSTALL}"));
        assert!(
            out.status.success(),
            "promtool backfill: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let config = dir.path().join("prometheus.yml");
        std::fs::write(&config, "global: {}\n").expect("config written");
        for _ in 0..3 {
            let port = free_port();
            let child = Command::new("prometheus")
                .arg(format!("--config.file={}", config.display()))
                .arg(format!("--storage.tsdb.path={}", data.display()))
                .arg(format!("--web.listen-address=127.0.0.1:{port}"))
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap_or_else(|e| panic!("prometheus runs ({e}); {INSTALL}"));
            let mut server = Prometheus {
                child,
                url: format!("http://127.0.0.1:{port}"),
                _dir: tempfile::tempdir().expect("a temporary folder"),
            };
            if server.ready() {
                server._dir = dir;
                return server;
            }
        }
        panic!("prometheus did not become ready on 127.0.0.1");
    }

    /// Waits for /-/ready, at most 30 s.
    fn ready(&mut self) -> bool {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(30) {
            if let Ok(Some(_)) = self.child.try_wait() {
                return false;
            }
            let answer = ureq::get(format!("{}/-/ready", self.url)).call();
            if answer.is_ok_and(|r| r.status() == 200) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(200));
        }
        false
    }
}

impl Drop for Prometheus {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `promtool check metrics`: whether Prometheus's own linter accepts an exposition.
pub fn promtool_accepts(path: &Path) -> (bool, String) {
    let out = Command::new("promtool")
        .args(["check", "metrics"])
        .stdin(std::fs::File::open(path).expect("file readable"))
        .output()
        .unwrap_or_else(|e| panic!("promtool runs ({e}); {INSTALL}"));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}
