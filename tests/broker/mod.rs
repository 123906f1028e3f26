//! A real Kafka-protocol broker for the tests: `tansu` on 127.0.0.1, on a free port,
//! with in-memory storage, stopped when the guard drops. And the writes the tests need
//! to set a scene (topics, messages, committed offsets), which kplan itself never makes.
//!
//! tansu quirks these helpers work around (tansu 0.6): its high watermark is the last
//! batch's base offset + 1, so messages are produced one per batch; a group joins through
//! `subscribe()` unreliably, so offsets are committed from a consumer that `assign()`s.

#![allow(dead_code)]

use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use rdkafka::config::ClientConfig;
use rdkafka::consumer::{BaseConsumer, CommitMode, Consumer};
use rdkafka::producer::{BaseProducer, BaseRecord, Producer};
use rdkafka::{Offset, TopicPartitionList};

/// The tansu release the tests are written against; `.ci/test` installs the same one.
pub const TANSU_VERSION: &str = "0.6.0";
const INSTALL: &str = "cargo install tansu --version 0.6.0 --locked --features dynostore";

/// The tansu binary: on PATH, or where `cargo install` puts it. Missing is a failure,
/// never a skip, so CI cannot pass without running these tests.
fn tansu_binary() -> PathBuf {
    let on_path = std::env::var_os("PATH").into_iter().flat_map(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join("tansu"))
            .collect::<Vec<_>>()
    });
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")));
    let installed = cargo_home.map(|home| home.join("bin/tansu"));
    let binary = on_path
        .chain(installed)
        .find(|path| path.is_file())
        .unwrap_or_else(|| {
            panic!("the broker tests need tansu: install it with `{INSTALL}` (.ci/run does)")
        });
    let version = Command::new(&binary)
        .arg("--version")
        .output()
        .map(|out| String::from_utf8_lossy(&out.stdout).trim().to_string())
        .unwrap_or_default();
    assert_eq!(
        version,
        format!("tansu {TANSU_VERSION}"),
        "{}: install the tested release with `{INSTALL}`",
        binary.display()
    );
    binary
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .expect("the OS gives a free port on 127.0.0.1")
}

/// A running tansu broker; dropping it stops the process.
pub struct Tansu {
    child: Child,
    pub port: u16,
}

impl Tansu {
    /// Starts a broker and waits until it accepts connections.
    pub fn start() -> Tansu {
        Self::start_with(&[])
    }

    /// A broker that requires SASL authentication (tansu knows SCRAM); it has no users,
    /// since tansu's own user command cannot authenticate against it.
    pub fn start_authenticating() -> Tansu {
        Self::start_with(&["--authentication"])
    }

    fn start_with(options: &[&str]) -> Tansu {
        let binary = tansu_binary();
        // Another process can take the free port before tansu binds it: try a few.
        for _ in 0..3 {
            let port = free_port();
            let url = format!("tcp://127.0.0.1:{port}");
            let child = Command::new(&binary)
                .args([
                    "broker",
                    "--listener-url",
                    &url,
                    "--advertised-listener-url",
                    &url,
                ])
                .args(["--storage-engine", "memory://tansu/"])
                .args(options)
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("tansu starts");
            let mut broker = Tansu { child, port };
            if broker.wait_until_listening() {
                return broker;
            }
        }
        panic!("tansu did not start listening on 127.0.0.1 in three tries");
    }

    fn wait_until_listening(&mut self) -> bool {
        let until = Instant::now() + Duration::from_secs(10);
        while Instant::now() < until {
            if let Ok(Some(_)) = self.child.try_wait() {
                return false;
            }
            if TcpStream::connect(("127.0.0.1", self.port)).is_ok() {
                return true;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        false
    }

    pub fn bootstrap(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// `tansu topic create`, with topic configs such as `retention.ms=60000`.
    pub fn create_topic(&self, name: &str, partitions: u32, configs: &[&str]) {
        let mut command = Command::new(tansu_binary());
        command
            .args(["topic", "create", "--broker"])
            .arg(format!("tcp://127.0.0.1:{}", self.port))
            .args(["--partitions", &partitions.to_string()]);
        for config in configs {
            command.args(["--config", config]);
        }
        let output = command.arg(name).output().expect("tansu topic create runs");
        assert!(
            output.status.success(),
            "tansu topic create {name}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }

    /// The topics the broker lists.
    pub fn topics(&self) -> Vec<String> {
        let consumer: BaseConsumer = self.client().create().expect("a consumer");
        let metadata = consumer
            .fetch_metadata(None, Duration::from_secs(5))
            .expect("metadata");
        metadata
            .topics()
            .iter()
            .map(|t| t.name().to_string())
            .collect()
    }

    /// Produces `count` keyless messages to one partition, one per batch.
    pub fn produce(&self, topic: &str, partition: i32, count: usize) {
        let producer: BaseProducer = self
            .client()
            // Every message its own batch, sent one request at a time.
            .set("linger.ms", "0")
            .set("batch.num.messages", "1")
            .set("max.in.flight.requests.per.connection", "1")
            // send's own timeout bounds only enqueueing; this bounds delivery.
            .set("message.timeout.ms", "10000")
            .create()
            .expect("a producer");
        for i in 0..count {
            let payload = format!("message {i}");
            producer
                .send(
                    BaseRecord::<(), _>::to(topic)
                        .partition(partition)
                        .payload(&payload),
                )
                .map_err(|(e, _)| e)
                .expect("the message is queued");
        }
        producer.flush(Duration::from_secs(10)).expect("delivered");
    }

    /// Commits `group`'s offsets on `topic`, partition by partition.
    pub fn commit(&self, group: &str, topic: &str, offsets: &[(i32, i64)]) {
        let consumer: BaseConsumer = self
            .client()
            .set("group.id", group)
            .set("enable.auto.commit", "false")
            .create()
            .expect("a consumer");
        let mut list = TopicPartitionList::new();
        for (partition, offset) in offsets {
            list.add_partition_offset(topic, *partition, Offset::Offset(*offset))
                .expect("a valid offset");
        }
        consumer.assign(&list).expect("assigned");
        consumer
            .commit(&list, CommitMode::Sync)
            .expect("offsets committed");
    }

    fn client(&self) -> ClientConfig {
        let mut config = ClientConfig::new();
        config
            .set("bootstrap.servers", self.bootstrap())
            .set("allow.auto.create.topics", "false");
        config
    }
}

impl Drop for Tansu {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
