//! `kplan observe latency` and `kplan observe topic`: the I/O (credentials, Prometheus's
//! answers, the cluster's offsets); the meaning is `prometheus::observe` and
//! `topic_rates`, the words `render::observe` and `render::observe_topic`.

use std::path::Path;
use std::time::Duration;

use crate::cli::{
    ObserveArgs, ObserveCommand, ObserveLatencyArgs, ObserveLatencyFormatArg, ObserveTopicArgs,
    ObserveTopicFormatArg,
};
use crate::cluster::{Target, sample_offsets};
use crate::diagnostic::Diagnostic;
use crate::error::Failure;
use crate::exit::Exit;
use crate::i18n::{Lang, Message};
use crate::input::file::read_text;
use crate::prometheus::api::{ApiError, Credentials, Server, split_url};
use crate::prometheus::observe::{LatencyQuery, observed, parse_duration};
use crate::render::observe::{LatencyFormat, render_latency};
use crate::render::observe_topic::{TopicFormat, Watched, render_topic};
use crate::topic_rates::topic_rates;

/// The environment variable a bearer token may come from.
pub const TOKEN_VARIABLE: &str = "KPLAN_PROMETHEUS_TOKEN";

pub fn run(args: ObserveArgs, lang: Lang) -> Result<Exit, Failure> {
    match args.command {
        ObserveCommand::Latency(args) => latency(args, lang),
        ObserveCommand::Topic(args) => topic(args, lang),
    }
}

fn topic(args: ObserveTopicArgs, lang: Lang) -> Result<Exit, Failure> {
    if let Some(group) = &args.group {
        super::check_group(group)?;
    }
    let window = parse_duration(&args.window)
        .filter(|w| !w.is_zero())
        .ok_or_else(|| {
            Failure::Usage(format!(
                "--window: {:?} is not a duration such as 60s, 5m or 1h",
                args.window
            ))
        })?;
    let (bootstrap_servers, settings) = super::connection(&args.connection)?;
    let target = Target {
        bootstrap_servers,
        settings: &settings,
        topic: &args.topic,
        group: args.group.as_deref(),
        timeout: Duration::from_millis(args.timeout_ms),
    };
    let samples = sample_offsets(&target, args.samples, window)?;
    let rates = topic_rates(&samples).ok_or_else(|| {
        Failure::Unreachable("the readings of the topic's offsets span no time".to_string())
    })?;
    let watched = Watched {
        topic: &args.topic,
        bootstrap_servers,
        group: args.group.as_deref(),
        window: &args.window,
    };
    let format = match args.format {
        ObserveTopicFormatArg::Table => TopicFormat::Table,
        ObserveTopicFormatArg::Json => TopicFormat::Json,
        ObserveTopicFormatArg::Toml => TopicFormat::Toml,
    };
    super::print(&render_topic(lang, &rates, &watched, format))?;
    Ok(Exit::Holds)
}

fn latency(args: ObserveLatencyArgs, lang: Lang) -> Result<Exit, Failure> {
    let query = LatencyQuery::new(&args.metric, args.labels.as_deref(), &args.window)
        .map_err(Failure::Usage)?;
    let (url, in_url) = split_url(&args.prometheus).map_err(Failure::Usage)?;
    let credentials = credentials(&args, in_url)?;
    let server = Server {
        url,
        credentials,
        timeout: Duration::from_millis(args.timeout_ms),
    };
    let ask = |promql: String| server.query(&promql).map_err(api_failure);
    let buckets = ask(query.buckets())?;
    let sum = ask(query.total("sum"))?;
    let count = ask(query.total("count"))?;
    let observation = observed(&server.url, &query, &buckets, &sum, &count)
        .map_err(|why| Failure::Usage(format!("--metric {}: {why}", query.metric)))?;
    let format = match args.format {
        ObserveLatencyFormatArg::Table => LatencyFormat::Table,
        ObserveLatencyFormatArg::Json => LatencyFormat::Json,
        ObserveLatencyFormatArg::Prom => LatencyFormat::Prom,
    };
    super::print(&render_latency(lang, &observation, format))?;
    Ok(Exit::Holds)
}

fn api_failure(error: ApiError) -> Failure {
    match error {
        ApiError::Unreachable(why) => Failure::Unreachable(why),
        ApiError::Refused(why) => Failure::Usage(why),
    }
}

/// The credentials from the flags, the environment or the URL; a file's content is
/// never part of a message.
fn credentials(
    args: &ObserveLatencyArgs,
    in_url: Option<Credentials>,
) -> Result<Credentials, Failure> {
    if let Some(path) = &args.bearer_token_file {
        return Ok(Credentials::Bearer(secret(path, "bearer")?));
    }
    if let Some(path) = &args.basic_auth_file {
        let pair = secret(path, "basic")?;
        let Some((user, password)) = pair.split_once(':') else {
            let message = Message::new("input-secret-not-user-password");
            return Err(Failure::Input(vec![Diagnostic::says(path, message)]));
        };
        return Ok(Credentials::Basic {
            user: user.to_string(),
            password: password.to_string(),
        });
    }
    if let Some(token) = std::env::var(TOKEN_VARIABLE)
        .ok()
        .filter(|t| !t.trim().is_empty())
    {
        return Ok(Credentials::Bearer(token.trim().to_string()));
    }
    Ok(in_url.unwrap_or_default())
}

/// The first line of a secret file, trimmed; `what` is `bearer` or `basic`, the
/// variant of `input-secret-empty` that names what the file should hold.
fn secret(path: &Path, what: &'static str) -> Result<String, Failure> {
    let text = read_text(path)?;
    let first = text.lines().next().unwrap_or("").trim().to_string();
    if first.is_empty() {
        let message = Message::new("input-secret-empty").arg("what", what);
        return Err(Failure::Input(vec![Diagnostic::says(path, message)]));
    }
    Ok(first)
}
