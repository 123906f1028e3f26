//! The command line: clap types only. `commands` turns them into domain options.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

mod connection;
mod observe;
pub use connection::ConnectionArgs;
pub use observe::*;

/// Kafka capacity planning: from a topic request to partitions, consumers and client
/// settings, each with its reason.
///
/// Exit codes: 0 the plan holds; 1 the plan or check found a violation (over cap,
/// infeasible, a live cluster that breaks the plan, a partition decrease); 2 bad input or usage; 3 the cluster
/// could not be reached or did not answer in time.
#[derive(Debug, Parser)]
#[command(name = "kplan", version, propagate_version = true)]
#[command(after_help = "Examples:\n  \
    kplan init --type batch --name orders.settlement.v1 > request.toml\n  \
    kplan plan request.toml\n  \
    kplan check topics/\n  \
    kplan validate request.toml --bootstrap-server kafka-1:9092\n\n\
    Every command has --help with its own examples.")]
pub struct Cli {
    /// Colour in output for people: auto (a terminal, unless NO_COLOR is set), always,
    /// or never
    #[arg(long, global = true, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,

    #[command(subcommand)]
    pub command: Command,

    /// The language of text for people (tables, Markdown, Jira, messages, comments);
    /// JSON names, property names and values and exit codes never change with it
    /// [default: KPLAN_LANG, then LC_ALL / LC_MESSAGES / LANG starting with ko, else en]
    #[arg(long, value_enum, global = true, value_name = "LANG")]
    pub lang: Option<LangArg>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    /// English
    En,
    /// Korean (한국어)
    Ko,
}

/// When output for people is coloured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Plan a topic: required TPS, partitions, consumers and client settings with reasons
    #[command(after_help = "Examples:\n  \
        kplan plan examples/orders-settlement.toml\n  \
        kplan plan examples/payments-authorized.toml --format json\n  \
        kplan plan request.toml --format jira > ticket.txt\n  \
        kplan plan request.toml --client spring --format properties > application.yml\n  \
        kplan plan request.toml --chart partitions.svg")]
    Plan(PlanArgs),

    /// Check a plan against a live cluster, read-only: the topic, its partitions,
    /// replication, message size and retention limits, the dead letter topic and a group's
    /// lag. Exit 0 when no finding is an error, 1 when one is, 3 when the cluster cannot
    /// be reached in time.
    #[command(after_help = "Examples:\n  \
        kplan validate examples/orders-settlement.toml --bootstrap-server kafka-1:9092\n  \
        kplan validate request.toml --bootstrap-server kafka-1:9093 --command-config client.properties --group settlement --format json\n  \
        kplan validate request.toml --bootstrap-server kafka-1:9094 -X security.protocol=ssl -X ssl.ca.location=ca.pem")]
    Validate(ValidateArgs),
    /// Spread a sample of keys over partitions as Kafka's default partitioner does
    #[command(after_help = "Examples:\n  \
        kplan keys examples/keys/payments-accounts.txt --partitions 12\n  \
        kplan keys keys.txt --partitions 24 --from 12\n  \
        kplan keys keys.txt --partitions 12 --format json")]
    Keys(KeysArgs),
    /// Monte Carlo check of a plan: drain times (batch) or delays (online) over many runs
    #[command(after_help = "Examples:\n  \
        kplan simulate examples/orders-settlement.toml\n  \
        kplan simulate examples/payments-authorized.toml --runs 50 --seed 7\n  \
        kplan simulate request.toml --partitions 24 --format json")]
    Simulate(SimulateArgs),

    /// Print a commented request file to start from; it plans cleanly as it is
    #[command(after_help = "Examples:\n  \
        kplan init > request.toml\n  \
        kplan init --type batch --name orders.settlement.v1 > orders-settlement.toml")]
    Init(InitArgs),

    /// Print the JSON Schema of the request file, for editors that check TOML as you type
    #[command(after_help = "Examples:\n  \
        kplan schema > kplan-request.schema.json\n  \
        then put this line first in a request file:  #:schema ./kplan-request.schema.json")]
    Schema,

    /// Print Prometheus alerting rules for the topic's consumer lag (kafka-lag-exporter)
    #[command(after_help = "Examples:\n  \
        kplan alerts examples/orders-settlement.toml > orders-settlement.rules.yml\n  \
        kplan alerts request.toml --group settlement-service\n  \
        promtool check rules orders-settlement.rules.yml")]
    Alerts(AlertsArgs),

    /// Print a shell completion script
    #[command(after_help = "Examples:\n  \
        kplan completions bash > /etc/bash_completion.d/kplan\n  \
        kplan completions zsh > \"${fpath[1]}/_kplan\"\n  \
        kplan completions fish > ~/.config/fish/completions/kplan.fish")]
    Completions(CompletionsArgs),

    /// Print the manual page, or write one per subcommand into a folder
    #[command(after_help = "Examples:\n  \
        kplan man | man -l -\n  \
        kplan man --dir /usr/local/share/man/man1")]
    Man(ManArgs),
    /// Check every request file under the paths: parse, plan, policy rules; for CI
    #[command(after_help = "Examples:\n  \
        kplan check topics/\n  \
        kplan check topics/ --format github --deny-warnings\n  \
        kplan check topics/orders.toml topics/payments.toml --format json\n  \
        kplan check topics/ --base origin/main --format markdown   # what the branch changes\n\n\
        Exit codes: 0 every file passes; 1 a file fails (with --base, a partition decrease\n\
        too); 2 a path, a policy file or the --base revision is bad.\n\
        A file fails on an error finding (a warning too with --deny-warnings). The\n\
        kplan-policy.toml of the nearest folder above a file (up to the repository\n\
        root) sets its rules; see the README.")]
    Check(CheckArgs),

    /// Write the topic and its dead letter topic as code, from the plan: partitions,
    /// replication and topic configs, each with its reason as a comment; or a KEDA
    /// autoscaler for the consumers
    #[command(after_help = "Examples:\n  \
        kplan export examples/orders-settlement.toml --to strimzi --cluster prod > orders-settlement.yaml\n  \
        kplan export request.toml --to strimzi --strimzi-api v1beta2   # Strimzi before 0.49\n  \
        kplan export request.toml --to terraform > orders-settlement.tf\n  \
        kplan export request.toml --to topicctl --cluster prod > topics/orders-settlement.yaml\n  \
        kplan export request.toml --to jikkou > orders-settlement.jikkou.yaml\n  \
        BOOTSTRAP_SERVER=kafka-1:9092 sh -c \"$(kplan export request.toml --to kafka-topics)\"\n  \
        kplan export request.toml --to keda --group settlement --deployment settlement-consumer")]
    Export(ExportArgs),

    /// Show what a change to a request file does to its plan: partitions, status,
    /// consumers and every setting that changes, with the new reason. Exit 1 when the
    /// change cannot be applied safely (a partition decrease)
    #[command(after_help = "Examples:\n  \
        kplan diff old/orders.toml topics/orders.toml\n  \
        kplan diff old/orders.toml topics/orders.toml --format json\n  \
        kplan check topics/ --base origin/main --format markdown   # every changed file")]
    Diff(DiffArgs),

    /// Measure from production, read-only: processing time from Prometheus, rates and
    /// lag from the cluster
    #[command(after_help = "Examples:\n  \
        kplan observe latency --prometheus http://prometheus:9090 --metric spring_kafka_listener_seconds\n  \
        kplan observe latency --prometheus http://prometheus:9090 --metric listener_seconds --format prom > listener.prom\n  \
        kplan observe topic orders.v1 --bootstrap-server kafka-1:9092 --group settlement")]
    Observe(ObserveArgs),
}

#[derive(Debug, Args)]
pub struct PlanArgs {
    /// The topic request file (TOML)
    pub file: PathBuf,

    /// Output format
    #[arg(long, value_enum, default_value_t = PlanFormatArg::Table)]
    pub format: PlanFormatArg,

    /// A profile file to plan with instead of the shipped one for the topic's type
    #[arg(long, value_name = "FILE")]
    pub profile: Option<PathBuf>,

    /// The client whose names and units the settings are written in
    #[arg(long, value_enum, default_value_t = ClientArg::Java)]
    pub client: ClientArg,

    /// Also draw drain time (batch) or predicted p99 delay (online) against the partition
    /// count, with the target, cap and recommendation marked, into an SVG file
    #[arg(long, value_name = "FILE.svg")]
    pub chart: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PlanFormatArg {
    /// Tables for a terminal
    Table,
    /// JSON for scripts (stable field names, schema_version)
    Json,
    /// Markdown for pull requests and wikis
    Markdown,
    /// Jira wiki markup for tickets
    Jira,
    /// Only the client settings, ready to drop in: .properties (java, librdkafka) or
    /// application.yml (spring)
    Properties,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete kplan's commands and flags in
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write kplan.1 and a page per subcommand (kplan-plan.1, ...) into this folder
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct AlertsArgs {
    /// The topic request file (TOML)
    pub file: PathBuf,

    /// The consumer group's id [default: the topic name]
    #[arg(long, value_name = "GROUP")]
    pub group: Option<String>,

    /// A profile file to plan with instead of the shipped one for the topic's type
    #[arg(long, value_name = "FILE")]
    pub profile: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The kind of topic to start from
    #[arg(long = "type", value_enum, default_value_t = TopicTypeArg::Online)]
    pub kind: TopicTypeArg,

    /// The topic name to put in the file
    #[arg(long, value_name = "TOPIC")]
    pub name: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TopicTypeArg {
    /// Consumers keep up with the peak rate, with low delay
    Online,
    /// A volume is processed within a time window
    Batch,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ClientArg {
    /// The Apache Kafka Java client
    Java,
    /// librdkafka and the clients built on it (Python, Go, .NET)
    Librdkafka,
    /// Spring Boot's spring.kafka properties (application.yml)
    Spring,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// The topic request file (TOML)
    pub file: PathBuf,

    #[command(flatten)]
    pub connection: ConnectionArgs,

    /// A consumer group whose lag on the topic to check against the target
    #[arg(long, value_name = "GROUP")]
    pub group: Option<String>,

    /// A profile file to plan with instead of the shipped one for the topic's type (the
    /// same as given to `kplan plan`, so both recommend the same count)
    #[arg(long, value_name = "FILE")]
    pub profile: Option<PathBuf>,

    /// Bound on the whole conversation with the cluster, in milliseconds
    #[arg(long, value_name = "N", default_value_t = 10_000,
          value_parser = clap::value_parser!(u64).range(1..=3_600_000))]
    pub timeout_ms: u64,

    /// Output format
    #[arg(long, value_enum, default_value_t = ValidateFormatArg::Table)]
    pub format: ValidateFormatArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ValidateFormatArg {
    /// Tables for a terminal
    Table,
    /// JSON for scripts (stable field names, schema_version)
    Json,
    /// Markdown for pull requests and wikis
    Markdown,
    /// Jira wiki markup for tickets
    Jira,
}

#[derive(Debug, Args)]
pub struct KeysArgs {
    /// A key file: one key per line (the line's UTF-8 bytes, without the line ending)
    pub file: PathBuf,

    /// The topic's partition count
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=MAX_PARTITIONS))]
    pub partitions: u32,

    /// Also show the share of keys that move when the topic grows from this count
    #[arg(long, value_name = "P_OLD", value_parser = clap::value_parser!(u32).range(1..=MAX_PARTITIONS))]
    pub from: Option<u32>,

    /// Output format
    #[arg(long, value_enum, default_value_t = ReportFormatArg::Table)]
    pub format: ReportFormatArg,

    /// Refuse a file with more distinct keys than this, rather than exhaust memory
    /// (about 40 bytes a key beside its bytes) [default: KPLAN_MAX_DISTINCT_KEYS, else
    /// 50000000]
    #[arg(long, value_name = "N", value_parser = parse_count)]
    pub max_distinct_keys: Option<u64>,
}

fn parse_count(text: &str) -> Result<u64, String> {
    crate::limits::parse_limit(text).ok_or_else(|| "not a positive whole number".to_string())
}

/// Far above any real topic; keeps per-partition tables and arrays small.
pub const MAX_PARTITIONS: i64 = crate::request::spec::MAX_PARTITIONS as i64;

/// The formats of `keys` and `simulate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormatArg {
    /// Tables for a terminal
    Table,
    /// JSON for scripts (stable field names, schema_version)
    Json,
}

#[derive(Debug, Args)]
pub struct SimulateArgs {
    /// The topic request file (TOML)
    pub file: PathBuf,

    /// Partitions to simulate [default: the plan's recommended count]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=MAX_PARTITIONS))]
    pub partitions: Option<u32>,

    /// Independent runs, each of all max_messages [default: 100, fewer for topics so
    /// large that 100 runs would take more than a few seconds]
    #[arg(long, value_name = "R", value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub runs: Option<u32>,

    /// Seed of the random draws: the same seed gives the same output
    #[arg(long, value_name = "S", default_value_t = 1)]
    pub seed: u64,

    /// Output format
    #[arg(long, value_enum, default_value_t = ReportFormatArg::Table)]
    pub format: ReportFormatArg,

    /// A profile file to plan with instead of the shipped one for the topic's type
    #[arg(long, value_name = "FILE")]
    pub profile: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Request files, and folders to search for *.toml request files
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Output format
    #[arg(long, value_enum, default_value_t = CheckFormatArg::Human)]
    pub format: CheckFormatArg,

    /// Fail a file on warnings too, not only on errors
    #[arg(long)]
    pub deny_warnings: bool,

    /// Also compare each request file with its version at this git revision (a branch,
    /// tag or commit, such as origin/main): what the change does to the plan. A
    /// partition decrease fails the run
    #[arg(long, value_name = "REF")]
    pub base: Option<String>,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The topic request file (TOML)
    pub file: PathBuf,

    /// What to write
    #[arg(long, value_enum)]
    pub to: ExportTargetArg,

    /// The Kafka cluster's name: Strimzi's strimzi.io/cluster label, the Terraform
    /// provider alias, topicctl's meta.cluster, the Jikkou provider; KEDA's default
    /// bootstrap address is the cluster's Strimzi bootstrap Service
    #[arg(long, value_name = "NAME")]
    pub cluster: Option<String>,

    /// The KafkaTopic API version: v1 (Strimzi 0.49 and later) or v1beta2 (older)
    #[arg(long, value_enum, default_value_t = StrimziApiArg::V1, value_name = "VERSION")]
    pub strimzi_api: StrimziApiArg,

    /// kafka-topics and keda: the cluster's address [default: $BOOTSTRAP_SERVER for
    /// kafka-topics, NAME-kafka-bootstrap:9092 for keda]
    #[arg(long, value_name = "HOST:PORT")]
    pub bootstrap_server: Option<String>,

    /// keda: the consumer group whose lag drives the scaling [default: the topic name]
    #[arg(long, value_name = "GROUP")]
    pub group: Option<String>,

    /// keda: the consumer Deployment to scale [default: <topic>-consumer]
    #[arg(long, value_name = "NAME")]
    pub deployment: Option<String>,

    /// A profile file to plan with instead of the shipped one for the topic's type
    #[arg(long, value_name = "FILE")]
    pub profile: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportTargetArg {
    /// Strimzi KafkaTopic resources
    Strimzi,
    /// Terraform kafka_topic resources (Mongey/kafka provider)
    Terraform,
    /// topicctl topic configs
    Topicctl,
    /// Jikkou KafkaTopic resources
    Jikkou,
    /// kafka-topics.sh --create commands
    KafkaTopics,
    /// A KEDA ScaledObject for the consumer Deployment
    Keda,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StrimziApiArg {
    /// kafka.strimzi.io/v1
    V1,
    /// kafka.strimzi.io/v1beta2
    V1beta2,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The request file before the change
    pub old: PathBuf,

    /// The request file after the change
    pub new: PathBuf,

    /// Output format
    #[arg(long, value_enum, default_value_t = DiffFormatArg::Human)]
    pub format: DiffFormatArg,

    /// A profile file to plan both with instead of the shipped one for the topic's type
    #[arg(long, value_name = "FILE")]
    pub profile: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormatArg {
    /// Lines for a person
    Human,
    /// JSON for scripts (stable field names, schema_version)
    Json,
    /// Markdown for a pull request comment
    Markdown,
    /// GitHub Actions workflow commands: annotations on the changed lines
    Github,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormatArg {
    /// One line per file for a person (colour on a terminal)
    Human,
    /// JSON for scripts (stable field names, schema_version)
    Json,
    /// GitHub Actions workflow commands: annotations on the pull request
    Github,
    /// A Markdown summary table for a pull request comment or a ticket
    Markdown,
}
