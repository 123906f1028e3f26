//! `kplan observe topic` against a real Kafka-protocol broker (tansu on 127.0.0.1): a
//! scene produces at known rates and commits a group's offsets at known, slower rates on
//! one partition, while kplan watches; the rates it reports are checked against the
//! scene's within stated tolerances, and kplan must have created and committed nothing.

mod broker;
mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use rdkafka::config::ClientConfig;
use rdkafka::consumer::{BaseConsumer, CommitMode, Consumer};
use rdkafka::producer::{BaseProducer, BaseRecord, Producer};
use rdkafka::{Offset, TopicPartitionList};

use broker::Tansu;
use common::{code, kplan, stderr, stdout};

const TOPIC: &str = "clicks.v1";
const GROUP: &str = "click-counter";
/// One scene step every TICK: 2 messages to partition 0, 2 to 1, 1 to 2.
const TICK: Duration = Duration::from_millis(100);
const PER_TICK: [i64; 3] = [2, 2, 1];
/// Partition 1 starts with this many messages waiting and is consumed one a tick: 10/s
/// against 20/s produced, so it stays backlogged; 0 and 2 are consumed as produced.
const BACKLOG: i64 = 200;
/// Relative tolerance on rates: the scene's steps and kplan's readings are timed by a
/// loaded machine's scheduler, a step or two off over a window of 60.
const TOLERANCE: f64 = 0.2;

fn client(broker: &Tansu) -> ClientConfig {
    let mut config = ClientConfig::new();
    config
        .set("bootstrap.servers", broker.bootstrap())
        .set("allow.auto.create.topics", "false");
    config
}

/// Produces and commits on a fixed schedule until `stop`.
fn scene(broker: &Tansu, stop: Arc<AtomicBool>) -> JoinHandle<()> {
    let producer: BaseProducer = client(broker)
        .set("linger.ms", "0")
        .set("batch.num.messages", "1")
        .set("max.in.flight.requests.per.connection", "1")
        .set("message.timeout.ms", "10000")
        .create()
        .expect("a producer");
    let committer: BaseConsumer = client(broker)
        .set("group.id", GROUP)
        .set("enable.auto.commit", "false")
        .create()
        .expect("a consumer");
    std::thread::spawn(move || {
        let start = Instant::now();
        let mut produced = [0i64, BACKLOG, 0];
        let mut consumed_1 = 0i64;
        let mut step = 0u32;
        while !stop.load(Ordering::Relaxed) {
            for (partition, n) in PER_TICK.iter().enumerate() {
                for _ in 0..*n {
                    let record = BaseRecord::<(), _>::to(TOPIC)
                        .partition(partition as i32)
                        .payload("click");
                    producer.send(record).map_err(|(e, _)| e).expect("queued");
                    produced[partition] += 1;
                }
            }
            producer.flush(Duration::from_secs(10)).expect("delivered");
            consumed_1 += 1;
            let mut list = TopicPartitionList::new();
            for (partition, offset) in [(0, produced[0]), (1, consumed_1), (2, produced[2])] {
                list.add_partition_offset(TOPIC, partition, Offset::Offset(offset))
                    .expect("an offset");
            }
            committer.assign(&list).expect("assigned");
            committer
                .commit(&list, CommitMode::Sync)
                .expect("committed");
            step += 1;
            if let Some(wait) = (start + TICK * step).checked_duration_since(Instant::now()) {
                std::thread::sleep(wait);
            }
        }
    })
}

fn near(got: &serde_json::Value, expected: f64) -> bool {
    got.as_f64()
        .is_some_and(|g| (g - expected).abs() <= TOLERANCE * expected.abs())
}

fn committed_offsets(broker: &Tansu, group: &str) -> Vec<Offset> {
    let consumer: BaseConsumer = client(broker)
        .set("group.id", group)
        .create()
        .expect("a consumer");
    let mut list = TopicPartitionList::new();
    for partition in 0..3 {
        list.add_partition(TOPIC, partition);
    }
    consumer
        .committed_offsets(list, Duration::from_secs(10))
        .expect("committed offsets read")
        .elements()
        .iter()
        .map(|e| e.offset())
        .collect()
}

#[test]
fn observe_topic_measures_rates_lag_drain_and_capacity() {
    let broker = Tansu::start();
    broker.create_topic(TOPIC, 3, &[]);
    broker.produce(TOPIC, 1, BACKLOG as usize);
    broker.commit(GROUP, TOPIC, &[(0, 0), (1, 0), (2, 0)]);
    let topics_before = broker.topics();
    let stop = Arc::new(AtomicBool::new(false));
    let running = scene(&broker, stop.clone());
    std::thread::sleep(Duration::from_millis(500));
    let bootstrap = broker.bootstrap();
    let observe_in = |lang: &str, group: &str, window: &str, samples: &str, format: &str| {
        kplan(&[
            "--lang",
            lang,
            "observe",
            "topic",
            TOPIC,
            "--bootstrap-server",
            &bootstrap,
            "--group",
            group,
            "--window",
            window,
            "--samples",
            samples,
            "--format",
            format,
        ])
    };
    let observe = |group: &str, window: &str, samples: &str, format: &str| {
        observe_in("en", group, window, samples, format)
    };
    let out = observe(GROUP, "6s", "4", "json");
    let draft = observe(GROUP, "3s", "2", "toml");
    let draft_ko = observe_in("ko", GROUP, "2s", "2", "toml");
    let table_ko = observe_in("ko", GROUP, "1s", "2", "table");
    let probe = observe("kplan-probe", "1s", "2", "json");
    stop.store(true, Ordering::Relaxed);
    running.join().expect("the scene ran");

    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(json["topic"], TOPIC);
    assert_eq!(json["samples"], 4);
    assert!(
        near(&json["window_seconds"], 6.0),
        "{}",
        json["window_seconds"]
    );
    let p = &json["partitions"];
    // Produced: 20, 20, 10 a second; consumed: 20, 10, 10.
    for (i, (produce, consume)) in [(20.0, 20.0), (20.0, 10.0), (10.0, 10.0)]
        .iter()
        .enumerate()
    {
        assert_eq!(p[i]["partition"], i);
        assert!(near(&p[i]["produce_rate"], *produce), "p{i} {}", p[i]);
        assert!(near(&p[i]["consume_rate"], *consume), "p{i} {}", p[i]);
    }
    assert!(near(&json["produce_rate"], 50.0), "{json}");
    assert!(near(&json["consume_rate"], 40.0), "{json}");
    // Partition 1's lag grows by 10 a second: no drain time, there or in total.
    assert_eq!(p[1]["backlogged"], true);
    assert!(near(&p[1]["lag_trend_per_second"], 10.0), "{}", p[1]);
    assert!(p[1]["drain_seconds"].is_null());
    assert!(json["drain_seconds"].is_null());
    assert!(p[1]["lag"].as_i64().is_some_and(|l| l > BACKLOG));
    // Partitions 0 and 2 are committed as produced: at most a step behind, never
    // backlogged the whole window.
    for i in [0, 2] {
        assert_eq!(p[i]["backlogged"], false, "{}", p[i]);
        assert!(
            p[i]["lag"].as_i64().is_some_and(|l| l <= 2 * PER_TICK[i]),
            "{}",
            p[i]
        );
    }
    // Partition 1's consumer goes at 10 a second: 100 ms a message.
    assert!(near(&p[1]["capacity_per_second"], 10.0), "{}", p[1]);
    assert!(near(&json["implied_latency_ms"], 100.0), "{json}");
    // Partitions 0 and 1 each take 20 of 50 a second.
    assert!(near(&json["busiest_share"], 0.4), "{json}");

    assert_eq!(code(&draft), 0, "{}", stderr(&draft));
    let text = String::from_utf8(draft.stdout).expect("UTF-8");
    let request = kplan::request::parse_request(&text, std::path::Path::new("draft.toml"))
        .unwrap_or_else(|e| panic!("{e:?}\n{text}"));
    let kplan::request::LatencySource::Summary { mean_ms, .. } = request.subscribe.latency else {
        panic!("a mean from the backlogged partition:\n{text}");
    };
    assert!((mean_ms - 100.0).abs() <= TOLERANCE * 100.0, "{text}");
    // The peak of 50 a second, for a minute.
    let per_minute = request.publish.max_messages as f64;
    assert!((per_minute - 3000.0).abs() <= TOLERANCE * 3000.0, "{text}");
    assert!(text.contains("not observed"), "{text}");

    // In Korean the draft's comments are Korean and its keys and values read the same.
    assert_eq!(code(&draft_ko), 0, "{}", stderr(&draft_ko));
    let text = String::from_utf8(draft_ko.stdout).expect("UTF-8");
    let request = kplan::request::parse_request(&text, std::path::Path::new("draft.toml"))
        .unwrap_or_else(|e| panic!("{e:?}\n{text}"));
    assert_eq!(request.topic.name, TOPIC, "{text}");
    assert!(
        matches!(
            request.subscribe.latency,
            kplan::request::LatencySource::Summary { .. }
        ),
        "{text}"
    );
    assert!(
        text.contains("# kplan observe topic이 작성한 요청서 초안입니다"),
        "{text}"
    );
    assert!(text.contains("관측 안 됨"), "{text}");
    assert!(!text.contains("not observed"), "{text}");
    assert_eq!(code(&table_ko), 0, "{}", stderr(&table_ko));
    let table = stdout(&table_ko);
    for label in ["랙 추세", "합계", "최대 발행률", "요약"] {
        assert!(table.contains(label), "{label}: {table}");
    }

    // Read-only: the probe group has committed nothing, and no topic appeared.
    assert_eq!(code(&probe), 0, "{}", stderr(&probe));
    assert!(
        committed_offsets(&broker, "kplan-probe")
            .iter()
            .all(|o| !matches!(o, Offset::Offset(_))),
    );
    assert_eq!(broker.topics(), topics_before);
}

#[test]
fn a_missing_topic_is_a_usage_error_and_an_unreachable_cluster_exits_3() {
    let broker = Tansu::start();
    let out = kplan(&[
        "observe",
        "topic",
        "absent.v1",
        "--bootstrap-server",
        &broker.bootstrap(),
        "--window",
        "1s",
        "--samples",
        "2",
    ]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("absent.v1 does not exist"),
        "{}",
        stderr(&out)
    );
    assert!(!broker.topics().contains(&"absent.v1".to_string()));
    drop(broker);

    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a port")
        .port();
    let out = kplan(&[
        "observe",
        "topic",
        TOPIC,
        "--bootstrap-server",
        &format!("127.0.0.1:{closed}"),
        "--timeout-ms",
        "1500",
        "--window",
        "1s",
    ]);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    let bad = kplan(&[
        "observe",
        "topic",
        TOPIC,
        "--bootstrap-server",
        "127.0.0.1:1",
        "--window",
        "soon",
    ]);
    assert_eq!(code(&bad), 2);
}
