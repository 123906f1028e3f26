//! `kplan observe`: clap types of the commands that measure production, read-only.

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};

use super::ConnectionArgs;

#[derive(Debug, Args)]
pub struct ObserveArgs {
    #[command(subcommand)]
    pub command: ObserveCommand,
}

#[derive(Debug, Subcommand)]
pub enum ObserveCommand {
    /// The processing-time histogram from a live Prometheus: its increase over a window,
    /// with the statistics a plan would use; --format prom writes a file for a request's
    /// latency_histogram_file. Exit 3 when Prometheus cannot be reached in time.
    #[command(after_help = "Examples:\n  \
        kplan observe latency --prometheus http://prometheus:9090 --metric spring_kafka_listener_seconds --labels name=orders\n  \
        kplan observe latency --prometheus http://prometheus:9090 --metric listener_seconds --window 1d --format json\n  \
        kplan observe latency --prometheus https://prom.example --metric listener_seconds --bearer-token-file token --format prom > metrics/listener.prom\n\n\
        Credentials: --bearer-token-file FILE or the KPLAN_PROMETHEUS_TOKEN variable; --basic-auth-file\n\
        FILE holding user:password, or http://user:password@host in the URL. They are never printed.")]
    Latency(ObserveLatencyArgs),

    /// Produce and consume rates, lag and its trend from the live cluster, read-only:
    /// the high watermarks and the group's committed offsets read --samples times across
    /// --window, never joining the group; --format toml drafts a request from them.
    #[command(after_help = "Examples:\n  \
        kplan observe topic orders.v1 --bootstrap-server kafka-1:9092 --group settlement\n  \
        kplan observe topic orders.v1 --bootstrap-server kafka-1:9092 --group settlement --window 5m --samples 11 --format json\n  \
        kplan observe topic orders.v1 --bootstrap-server kafka-1:9093 --command-config client.properties --group settlement --format toml > orders.toml")]
    Topic(ObserveTopicArgs),
}

#[derive(Debug, Args)]
pub struct ObserveTopicArgs {
    /// The topic to measure
    pub topic: String,

    #[command(flatten)]
    pub connection: ConnectionArgs,

    /// The consumer group whose committed offsets give the consume rate and the lag
    #[arg(long, value_name = "GROUP")]
    pub group: Option<String>,

    /// How long to watch, such as 60s, 5m or 1h
    #[arg(long, value_name = "DURATION", default_value = "60s")]
    pub window: String,

    /// Readings across the window, the first at its start and the last at its end
    #[arg(long, value_name = "N", default_value_t = 7,
          value_parser = clap::value_parser!(u32).range(2..=10_000))]
    pub samples: u32,

    /// Bound on each reading's conversation with the cluster, in milliseconds
    #[arg(long, value_name = "N", default_value_t = 10_000,
          value_parser = clap::value_parser!(u64).range(1..=3_600_000))]
    pub timeout_ms: u64,

    /// Output format
    #[arg(long, value_enum, default_value_t = ObserveTopicFormatArg::Table)]
    pub format: ObserveTopicFormatArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ObserveTopicFormatArg {
    /// Tables for a terminal
    Table,
    /// JSON for scripts (stable field names, schema_version)
    Json,
    /// A request file drafted from what was observed, each number's source in a comment
    Toml,
}

#[derive(Debug, Args)]
pub struct ObserveLatencyArgs {
    /// The Prometheus server's URL, such as http://prometheus:9090
    #[arg(long, value_name = "URL")]
    pub prometheus: String,

    /// The histogram, without _bucket, _sum or _count
    #[arg(long, value_name = "NAME")]
    pub metric: String,

    /// Label values that pick the series, as NAME=VALUE,...; every match is summed
    #[arg(long, value_name = "K=V,...")]
    pub labels: Option<String>,

    /// How far back to count observations (a Prometheus duration)
    #[arg(long, value_name = "DURATION", default_value = "7d")]
    pub window: String,

    /// A file holding a bearer token (else KPLAN_PROMETHEUS_TOKEN, when set)
    #[arg(long, value_name = "FILE", conflicts_with = "basic_auth_file")]
    pub bearer_token_file: Option<PathBuf>,

    /// A file holding user:password for basic auth
    #[arg(long, value_name = "FILE")]
    pub basic_auth_file: Option<PathBuf>,

    /// Bound on each request to Prometheus, in milliseconds
    #[arg(long, value_name = "N", default_value_t = 10_000,
          value_parser = clap::value_parser!(u64).range(1..=3_600_000))]
    pub timeout_ms: u64,

    /// Output format
    #[arg(long, value_enum, default_value_t = ObserveLatencyFormatArg::Table)]
    pub format: ObserveLatencyFormatArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ObserveLatencyFormatArg {
    /// Tables for a terminal
    Table,
    /// JSON for scripts (stable field names, schema_version)
    Json,
    /// A Prometheus text exposition file for a request's latency_histogram_file
    Prom,
}
