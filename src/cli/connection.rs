//! The flags that say how to reach a cluster, shared by every command that reads one,
//! with the conventions of Kafka's own tools and of kcat.

use std::path::PathBuf;

use clap::Args;

#[derive(Debug, Args)]
pub struct ConnectionArgs {
    /// The cluster: HOST:PORT[,HOST:PORT...]
    #[arg(long, value_name = "HOST:PORT")]
    pub bootstrap_server: String,

    /// A Java client properties file (security.protocol, sasl.mechanism,
    /// sasl.jaas.config for PLAIN and SCRAM, ssl.* with a librdkafka equivalent)
    #[arg(long, value_name = "FILE")]
    pub command_config: Option<PathBuf>,

    /// A librdkafka setting, as kcat takes it (repeatable; applied after --command-config)
    #[arg(short = 'X', value_name = "KEY=VALUE")]
    pub librdkafka: Vec<String>,
}
